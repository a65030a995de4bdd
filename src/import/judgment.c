#include "import/judgment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/sbuf.h"

#define MAX_COURT_WORDS 8
#define MAX_PLACE_WORDS 3

static const char *const courts[] = { "IN THE ", "HIGH COURT", "SUPREME COURT",
				      "COURT OF APPEAL", "TRIBUNAL", "CONSTITUTIONAL COURT" };
static const char *const marks[] = { "JUDGMENT", "J U D G M E N T", "JUDGEMENT" };
static const char *const roles[] = { "PETITIONER", "RESPONDENT", "APPELLANT", "CLAIMANT",
				     "DEFENDANT", "PLAINTIFF", "ACCUSED", "APPLICANT" };
/* Words after "COURT OF X" that are no longer the place. */
static const char *const not_place[] = { "AT", "CRIMINAL", "CIVIL", "CRIMINAL/CIVIL",
					 "ORIGINAL", "APPELLATE", "JURISDICTION", "WRIT",
					 "IN", "HOLDEN", "DIVISION", "CASE", "NO", "NO.",
					 "BETWEEN", "REPORTABLE", "CHANCERY", "BUSINESS" };
static const char *const months[] = { "january", "february", "march", "april", "may",
				      "june", "july", "august", "september", "october",
				      "november", "december" };
static const char *const citation_marks[] = { "Equivalent citations:",
					      "Neutral Citation Number:", "Citation:" };
static const char *const date_marks[] = { " on ", "Date:", "Dated:", "Decided on:",
					  "Date of judgment:" };

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The title and the text of the first nodes, up to JUDGMENT_HEAD bytes. */
static void head_of(const struct doc *d, struct sbuf *sb)
{
	if (d->title) {
		sbuf_adds(sb, d->title);
		sbuf_addc(sb, '\n');
	}
	for (const struct doc_node *n = doc_next(d, d->root); n && sb->len < JUDGMENT_HEAD;
	     n = doc_next(d, n)) {
		if (n->heading)
			sbuf_addf(sb, "%s\n", n->heading);
		if (n->text)
			sbuf_addf(sb, "%.*s\n", (int)(JUDGMENT_HEAD - sb->len), n->text);
	}
}

static int any(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strstr(s, list[i]))
			return 1;
	return 0;
}

int judgment_sniff(const struct doc *d)
{
	struct sbuf sb = SBUF_INIT;
	int yes;

	head_of(d, &sb);
	yes = sb.len && any(sb.buf, courts + 1, COUNT(courts) - 1) &&
	      any(sb.buf, marks, COUNT(marks)) && any(sb.buf, roles, COUNT(roles));
	sbuf_release(&sb);
	return yes;
}

static int is_upper_word(const char *s, size_t n)
{
	int letters = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			return 0;
		letters += s[i] >= 'A' && s[i] <= 'Z';
	}
	return letters > 0;
}

static int listed(const char *s, size_t n, const char *const *list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (strlen(list[i]) == n && !strncmp(s, list[i], n))
			return 1;
	return 0;
}

/* A word in title case: "SUPREME" -> "Supreme", "OF" -> "of". */
static void add_titled(struct sbuf *sb, const char *s, size_t n)
{
	int small = (n == 2 && !strncmp(s, "OF", 2)) || (n == 3 && !strncmp(s, "THE", 3)) ||
		    (n == 3 && !strncmp(s, "AND", 3));

	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if ((i || small) && c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		sbuf_addc(sb, c);
	}
}

/* "IN THE SUPREME COURT OF INDIA CRIMINAL/..." -> court "Supreme Court of India",
 * place "India". */
static void read_court(struct doc *d, const char *head, const char **place)
{
	const char *p = strstr(head, "IN THE ");
	struct sbuf court = SBUF_INIT, where = SBUF_INIT;
	int words = 0, after_of = -1, court_seen = 0;

	for (p = p ? p + 7 : NULL; p && *p && words < MAX_COURT_WORDS; words++) {
		size_t n;

		while (*p == ' ')
			p++;
		n = strcspn(p, " \n,");
		if (!n || !is_upper_word(p, n) ||
		    (after_of >= 0 && (listed(p, n, not_place, COUNT(not_place)) ||
				       words - after_of > MAX_PLACE_WORDS)))
			break;
		court_seen |= (n == 5 && !strncmp(p, "COURT", 5)) || !strncmp(p, "TRIBUNAL", 8);
		if (court.len)
			sbuf_addc(&court, ' ');
		add_titled(&court, p, n);
		if (after_of >= 0) {
			if (where.len)
				sbuf_addc(&where, ' ');
			add_titled(&where, p, n);
		}
		if (n == 2 && !strncmp(p, "OF", 2) && court_seen)
			after_of = words;
		p += n;
		if (*p != ' ')
			break;
	}
	if (court_seen && court.len)
		d->court = pool_strdup(d->pool, court.buf);
	if (court_seen && where.len)
		*place = pool_strdup(d->pool, where.buf);
	sbuf_release(&court);
	sbuf_release(&where);
}

static int month_of(const char *s, size_t n)
{
	for (size_t i = 0; i < COUNT(months); i++)
		if (n >= 3 && n <= strlen(months[i]) && !strncasecmp(s, months[i], n) &&
		    (n == strlen(months[i]) || n == 3))
			return (int)i + 1;
	return 0;
}

/* "24 March, 2015", "24th March 2015", "March 24, 2015" at s: YYYY-MM-DD or NULL. */
static const char *date_at(struct doc *d, const char *s)
{
	int day = 0, month = 0, year = 0;
	char *end;
	size_t n;

	while (*s == ' ')
		s++;
	day = (int)strtol(s, &end, 10);
	if (end != s) {
		s = end + strspn(end, "stndrhSTNDRH ");
		n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
		month = month_of(s, n);
		s += n;
	} else {
		n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
		month = month_of(s, n);
		day = (int)strtol(s + n, &end, 10);
		s = end;
	}
	s += strspn(s, ", ");
	year = (int)strtol(s, &end, 10);
	if (!month || day < 1 || day > 31 || year < 1800 || year > 2200 || end - s != 4)
		return NULL;
	return pool_printf(d->pool, "%04d-%02d-%02d", year, month, day);
}

static const char *read_date(struct doc *d, const char *head)
{
	for (size_t i = 0; i < COUNT(date_marks); i++)
		for (const char *p = strstr(head, date_marks[i]); p;
		     p = strstr(p + 1, date_marks[i])) {
			const char *r = date_at(d, p + strlen(date_marks[i]));

			if (r)
				return r;
		}
	return NULL;
}

/* The first citation after a mark, up to a comma or the line's end. */
static const char *read_citation(struct doc *d, const char *head)
{
	for (size_t i = 0; i < COUNT(citation_marks); i++) {
		const char *p = strstr(head, citation_marks[i]);
		size_t n;

		if (!p)
			continue;
		p += strlen(citation_marks[i]);
		p += strspn(p, " ");
		if ((n = strcspn(p, ",\n")) && n < 200)
			return pool_strndup(d->pool, p, n);
	}
	return NULL;
}

/* A title "A vs B on 24 March, 2015" -> "A vs B". */
static const char *read_parties(struct doc *d)
{
	const char *t = d->title, *on;

	if (!t || !(strstr(t, " vs ") || strstr(t, " v ") || strstr(t, " v. ") ||
		    strstr(t, " versus ") || strstr(t, " Vs ")))
		return NULL;
	on = strstr(t, " on ");
	return on ? pool_strndup(d->pool, t, (size_t)(on - t)) : t;
}

const char *judgment_read(struct doc *d)
{
	struct sbuf sb = SBUF_INIT;
	const char *place = NULL;

	d->kind = DOC_JUDGMENT;
	d->type = "judgment";
	head_of(d, &sb);
	if (sb.len) {
		if (!d->court)
			read_court(d, sb.buf, &place);
		if (!d->date)
			d->date = read_date(d, sb.buf);
		if (!d->citation)
			d->citation = read_citation(d, sb.buf);
	}
	if (!d->parties)
		d->parties = read_parties(d);
	sbuf_release(&sb);
	return place;
}
