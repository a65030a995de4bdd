#include "import/judgment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/sbuf.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#define MAX_COURT_WORDS 8
#define MAX_PLACE_WORDS 3

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

/* What a judgment's first page says, per language: a court, the decision's title
 * (or the formula it is given in: "AU NOM DU PEUPLE FRANÇAIS", "ИМЕНЕМ РОССИЙСКОЙ
 * ФЕДЕРАЦИИ", "باسم الشعب") and a party's role. A statute, a procedure code above all,
 * names courts and roles and may have "Du jugement" as a heading; so the title words
 * are those a judgment prints in capitals with its number or date ("ARRÊT N°",
 * "SENTENCIA NÚM.", "刑事判决书"), and every language needs all three. Lists end with
 * NULL. */
static const struct {
	const char *lang;
	const char *court[8], *mark[8], *role[10];
} signals[] = {
	{ "en", { "HIGH COURT", "SUPREME COURT", "COURT OF APPEAL", "TRIBUNAL",
		  "CONSTITUTIONAL COURT", NULL },
		{ "JUDGMENT", "J U D G M E N T", "JUDGEMENT", NULL },
		{ "PETITIONER", "RESPONDENT", "APPELLANT", "CLAIMANT", "DEFENDANT", "PLAINTIFF",
		  "ACCUSED", "APPLICANT", NULL } },
	{ "fr", { "COUR DE CASSATION", "COUR D'APPEL", "COUR D’APPEL", "TRIBUNAL",
		  "CONSEIL D'ÉTAT", "CONSEIL D’ÉTAT", "COUR SUPRÊME", NULL },
		{ "AU NOM DU PEUPLE", "ARRÊT N", "ARRÊT DU", "JUGEMENT N", "JUGEMENT DU", NULL },
		{ "pourvoi", "demandeur", "défendeur", "prévenu", "appelant",
		  "intimé", "requérant", "DEMANDEUR", "PRÉVENU", NULL } },
	{ "es", { "TRIBUNAL SUPREMO", "CORTE SUPREMA", "TRIBUNAL CONSTITUCIONAL", "JUZGADO",
		  "AUDIENCIA PROVINCIAL", "AUDIENCIA NACIONAL", "SALA DE LO PENAL", NULL },
		{ "SENTENCIA N", "SENTENCIA DE", "EN NOMBRE DE", NULL },
		{ "recurrente", "demandante", "demandado", "acusado", "procesado", "imputado",
		  "RECURRENTE", "ACUSADO", NULL } },
	{ "ru", { "СУД", "Суд", "суд", NULL },
		{ "ИМЕНЕМ", NULL },
		{ "истец", "ответчик", "обвиняем", "подсудим", "осужденн", NULL } },
	{ "ar", { "محكمة", NULL },
		{ "باسم الشعب", "أصدرت الحكم", "الحكم الآتي", NULL },
		{ "المدعي", "المتهم", "الطاعن", "المستأنف", NULL } },
	{ "zh", { "法院", NULL },
		{ "刑事判决书", "民事判决书", "行政判决书", "刑事裁定书", "民事裁定书",
		  "行政裁定书", NULL },
		{ "被告人", "原告", "上诉人", "公诉机关", NULL } },
};

/* Whether s holds one of the NULL-terminated list. */
static int any_of(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strstr(s, *list))
			return 1;
	return 0;
}

int judgment_sniff(const char *text, size_t len)
{
	char *head = xstrndup(text, len < JUDGMENT_HEAD ? len : JUDGMENT_HEAD);
	int yes = 0;

	for (size_t i = 0; !yes && i < COUNT(signals); i++)
		yes = any_of(head, signals[i].court) && any_of(head, signals[i].mark) &&
		      any_of(head, signals[i].role);
	free(head);
	return yes;
}

/* ---- the text ---- */

/* The paragraph being read: its node and text. */
struct para {
	struct doc_node *node;
	struct sbuf text;
	int blank;		/* a blank line since the last text */
	int line;
};

static void para_close(struct doc *d, struct para *p)
{
	if (p->node && p->text.len)
		p->node->text = pool_strndup(d->pool, p->text.buf, p->text.len);
	sbuf_reset(&p->text);
	p->blank = 0;
}

static void para_add(struct para *p, const char *s, size_t n)
{
	if (!n) {
		p->blank = 1;
		return;
	}
	if (p->text.len)
		sbuf_adds(&p->text, p->blank ? "\n\n" : " ");
	p->blank = 0;
	sbuf_add(&p->text, s, n);
}

/* "12. text": 12, with *rest after the number and its spaces; 0 when not. */
static long para_number(const char *s, size_t n, size_t *rest)
{
	size_t i = 0;
	long v = 0;

	while (i < n && i < 5 && s[i] >= '0' && s[i] <= '9')
		v = v * 10 + (s[i++] - '0');
	if (!i || i >= n || s[i] != '.' || i + 1 >= n || (s[i + 1] != ' ' && s[i + 1] != '\t'))
		return 0;
	for (i += 1; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	*rest = i;
	return i < n ? v : 0;
}

/* A line without its CR and surrounding spaces: [*s, *s + *n). */
static void trim(const char **s, size_t *n)
{
	while (*n && strchr(" \t\r\f", (*s)[*n - 1]))
		(*n)--;
	while (*n && strchr(" \t\f", **s))
		(*s)++, (*n)--;
}

static const char *meta_or(struct doc *d, const char *v)
{
	return v && *v ? pool_strdup(d->pool, v) : NULL;
}

static void apply_meta(struct doc *d, const struct text_meta *m, const char *origin)
{
	d->kind = DOC_JUDGMENT;
	d->type = "judgment";
	d->source = pool_strdup(d->pool, origin);
	if (!m)
		return;
	d->work_uri = meta_or(d, m->work_uri);
	d->country = meta_or(d, m->country);
	d->number = meta_or(d, m->number);
	d->date = meta_or(d, m->date);
	d->title = meta_or(d, m->title);
	d->language = meta_or(d, m->language);
	d->expr_date = meta_or(d, m->expr_date);
	if (m->source && *m->source)
		d->source = pool_strdup(d->pool, m->source);
}

static int read_lines(struct doc *d, const char *text, size_t len, const char *origin,
		      struct err *e)
{
	struct doc_node *decision = NULL;
	struct para p = { NULL, SBUF_INIT, 0, 0 };
	long last = 0;
	int line = 0, rc = ERR_OK;

	p.node = doc_add(d, NULL, "introduction", "introduction", NULL, NULL, NULL, 1);
	for (const char *s = text, *end = text + len; s < end && !rc; line++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s)), *l = s;
		size_t n = (size_t)((nl ? nl : end) - s), rest = 0;
		long num;

		s = nl ? nl + 1 : end;
		trim(&l, &n);
		if (n && !d->title)
			d->title = pool_strndup(d->pool, l, n);
		if ((num = para_number(l, n, &rest)) != last + 1) {
			para_add(&p, l, n);
			continue;
		}
		if (last >= JUDGMENT_MAX_PARAGRAPHS) {
			rc = err_set(e, ERR_TOOLARGE, "%s:%d: more than %d paragraphs", origin,
				     line + 1, JUDGMENT_MAX_PARAGRAPHS);
			break;
		}
		para_close(d, &p);
		if (!decision)
			decision = doc_add(d, NULL, "decision", "decision", NULL, NULL, NULL,
					   line + 1);
		p.node = doc_add(d, decision, "paragraph", pool_printf(d->pool, "para_%ld", num),
				 pool_printf(d->pool, "%ld.", num), NULL, NULL, line + 1);
		last = num;
		para_add(&p, l + rest, n - rest);
	}
	para_close(d, &p);
	sbuf_release(&p.text);
	if (!rc && !decision)
		doc_warn(d, "no numbered paragraphs: the whole text is the introduction");
	return rc;
}

static int blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!strchr(" \t\r\n\f", s[i]))
			return 0;
	return 1;
}

int judgment_parse(const char *text, size_t len, const char *origin,
		   const struct text_meta *meta, struct doc **out, struct err *e)
{
	struct doc *d;
	int rc;

	if (!origin)
		origin = "input";
	if (len > TEXT_MAX_SIZE)
		return err_set(e, ERR_TOOLARGE, "%s: %zu bytes is over the limit of %zu", origin,
			       len, TEXT_MAX_SIZE);
	if (memchr(text, '\0', len) || !utf8_valid(text, len))
		return err_set(e, ERR_INVALID, "%s: the text is not UTF-8 (or has a NUL byte)",
			       origin);
	if (blank(text, len))
		return err_set(e, ERR_INVALID, "%s: no text", origin);
	d = doc_new();
	apply_meta(d, meta, origin);
	if ((rc = read_lines(d, text, len, origin, e))) {
		doc_free(d);
		return rc;
	}
	judgment_read(d);
	*out = d;
	return ERR_OK;
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
	if (court_seen && court.len && !d->court)
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
		s = end;
		if (!strncasecmp(s, "st", 2) || !strncasecmp(s, "nd", 2) ||
		    !strncasecmp(s, "rd", 2) || !strncasecmp(s, "th", 2))
			s += 2;	/* "24th" */
		s += strspn(s, " ");
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
