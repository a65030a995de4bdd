#include "domain/lesson.h"

#include <stddef.h>

#define LESSON_BODY_MAX (512 * 1024)
#define F(m) offsetof(struct lesson, m)

static const struct kind_field fields[] = {
	{ "topic", KT_TEXT, 200, KF_SEARCH | KF_LIST, "Topic", NULL, NULL, F(topic), 0 },
	{ "date", KT_DATE, 10, KF_LIST, "Date", NULL, NULL, F(date), 0 },
	{ "body", KT_MARKDOWN, LESSON_BODY_MAX, KF_REQUIRED | KF_SEARCH, "Text", NULL,
	  "Markdown: headings, lists, links and emphasis.", F(body), 0 },
	{ "audience", KT_KEYWORDS, 1000, KF_SEARCH, "Who it is for", NULL,
	  "Such as police, prosecutors, judges; separated by commas.", 0, 0 },
};

const struct kind lesson_kind = {
	.id = REC_LESSON, .name = "lesson", .path = "lessons", .api = "lessons",
	.table = "lesson", .size = sizeof(struct lesson), .fields = fields,
	.nfields = sizeof(fields) / sizeof(fields[0]), .regional = 1,
	.title_label = "Title", .plural = "Lessons learned",
	.heading = "Lessons learned and good practices",
	.intro = "What national authorities and practitioners learned, for others to use.",
	.add = "Add a lesson", .edit = "Edit the lesson", .none = "No lessons match.",
	.missing = "There is no such lesson.",
	.country_hint = "Or a region, for a regional lesson.",
};

int lesson_save(struct store *s, const struct actor *a, struct lesson *l, long long *id,
		struct err *e)
{
	return kind_save(s, a, &lesson_kind, l, id, e);
}

int lesson_get(struct store *s, pool *p, long long id, struct lesson **out, struct err *e)
{
	return kind_get(s, p, &lesson_kind, id, (void **)out, e);
}

int lesson_list(struct store *s, pool *p, const struct record_query *q, struct lesson **out,
		size_t *n, struct err *e)
{
	return kind_list(s, p, NULL, &lesson_kind, q, (void **)out, n, e);
}
