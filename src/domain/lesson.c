#include "domain/lesson.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "store/store.h"

#define LESSON_BODY_MAX (512 * 1024)

int lesson_validate(const struct lesson *l, struct err *e)
{
	int rc;
	size_t n = l->body ? strlen(l->body) : 0;

	if ((rc = record_validate(&l->rec, e)))
		return rc;
	if (!n)
		return err_set(e, ERR_INVALID, "body is required");
	if (n > LESSON_BODY_MAX)
		return err_set(e, ERR_INVALID, "body is longer than %d bytes", LESSON_BODY_MAX);
	if (!utf8_valid(l->body, n))
		return err_set(e, ERR_INVALID, "body is not valid UTF-8");
	if (l->topic && (strlen(l->topic) > 200 || !utf8_valid(l->topic, strlen(l->topic))))
		return err_set(e, ERR_INVALID, "topic must be valid UTF-8 of at most 200 bytes");
	if (l->date && *l->date && !record_date_valid(l->date))
		return err_set(e, ERR_INVALID, "date must be YYYY-MM-DD");
	return ERR_OK;
}

/* The edited lesson as a proposed change: its fields, not who changed it when. */
static const char *proposal(pool *p, const struct lesson *l)
{
	struct lesson copy = *l;

	record_workflow_clear(&copy.rec);
	return record_json_text(p, lesson_json(&copy));
}

int lesson_save(struct store *s, const struct actor *a, struct lesson *l, long long *id,
		struct err *e)
{
	pool *p = pool_new();
	int rc;

	if (!l->rec.tlp)
		l->rec.tlp = "CLEAR";
	if ((rc = lesson_validate(l, e)) || (rc = record_place_valid(s, &l->rec, e)) ||
	    (rc = store_begin(s, e)))
		goto out;
	if ((rc = record_store(s, p, a, &l->rec, REC_LESSON, l->rec.id ?
				 proposal(p, l) : NULL, e)))
		goto fail;
	/* a proposed change waits for review: the record stays as published */
	if ((!l->rec.pending && (rc = store_lesson_put(s, l, e))) || (rc = store_commit(s, e)))
		goto fail;
	*id = l->rec.id;
	goto out;
fail:
	store_rollback(s);
out:
	pool_free(p);
	return rc;
}

json_t *lesson_json(const struct lesson *l)
{
	json_t *j = record_json(&l->rec);

	json_object_set_new(j, "topic", l->topic ? json_string(l->topic) : json_null());
	json_object_set_new(j, "date", l->date ? json_string(l->date) : json_null());
	json_object_set_new(j, "body", l->body ? json_string(l->body) : json_null());
	return j;
}

int lesson_from_json(struct store *s, pool *p, json_t *o, struct lesson *l, struct err *e)
{
	int rc;

	if ((rc = record_from_json(s, p, o, &l->rec, e)) ||
	    (rc = record_json_take(p, o, "topic", &l->topic, e)) ||
	    (rc = record_json_take(p, o, "date", &l->date, e)) ||
	    (rc = record_json_take(p, o, "body", &l->body, e)))
		return rc;
	return ERR_OK;
}

int lesson_get(struct store *s, pool *p, long long id, struct lesson **out, struct err *e)
{
	return store_lesson_get(s, p, id, out, e);
}

int lesson_list(struct store *s, pool *p, const struct record_query *q, struct lesson **out,
		size_t *n, struct err *e)
{
	struct record_query lq = *q;
	struct record *rs;
	size_t nr;
	int rc;

	lq.kind = REC_LESSON;
	if ((rc = store_record_list(s, p, &lq, &rs, &nr, e)))
		return rc;
	*out = pool_calloc(p, nr ? nr : 1, sizeof(**out));
	*n = 0;
	for (size_t i = 0; i < nr; i++) {
		struct lesson *l;

		if ((rc = store_lesson_get(s, p, rs[i].id, &l, e)))
			return rc;
		(*out)[(*n)++] = *l;
	}
	return ERR_OK;
}

const char *lesson_html(pool *p, const char *markdown)
{
	/* CMARK_OPT_SAFE (the default in cmark >= 0.29): raw HTML and javascript:,
	 * vbscript:, file: and data: links (but images) are dropped */
	char *html = cmark_markdown_to_html(markdown, strlen(markdown),
					    CMARK_OPT_SAFE | CMARK_OPT_SMART);
	const char *r = pool_strdup(p, html ? html : "");

	free(html);
	return r;
}
