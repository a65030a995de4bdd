#include "domain/query.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/lang.h"
#include "core/sbuf.h"
#include "core/utf8.h"
#include "domain/record.h"

#define FILTER_NAMES "country, region, type, article, year, lang"
#define CLIP 40			/* bytes of user text quoted in a message */
#define REGION_MAX 64		/* bytes of a region name */

enum last { LAST_NONE, LAST_TERM, LAST_EXCLUDE, LAST_FILTER, LAST_OR };

struct parser {
	pool *p;
	const char *s;
	size_t i, n;
	struct query *q;
	struct err *e;
	enum last last;
	int year_seen;
	size_t nfilters;
};

/* ---- characters ---- */

/* The length of the space at s[0..n) (n >= 1), or 0 when s does not start with one:
 * ASCII blanks and controls, C1 controls and the Unicode spaces. */
static size_t space_len(const unsigned char *s, size_t n)
{
	uint32_t c;
	size_t len;

	if (s[0] < 0x80)
		return s[0] <= 0x20 || s[0] == 0x7f;
	c = utf8_decode(s, n, &len);
	if (c <= 0x9f || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200b) ||
	    c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000 ||
	    c == 0xfeff)
		return len;
	return 0;
}

/* Whether s[0..n) has something to search for: an ASCII letter or digit, or any
 * other script (whose punctuation the tokenizer will judge). */
static int has_content(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
			return 1;
	}
	return 0;
}

static size_t utf8_chars(const char *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xc0) != 0x80;
	return k;
}

/* A copy of s[0..n) for a message: at most CLIP bytes cut at a character boundary
 * ("..." added when cut), controls as spaces. */
static const char *clip(pool *p, const char *s, size_t n)
{
	int cut = n > CLIP;
	char *r;

	if (cut) {
		n = CLIP;
		while (n && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	r = pool_alloc(p, n + 4);
	for (size_t i = 0; i < n; i++)
		r[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? ' ' : s[i];
	memcpy(r + n, cut ? "..." : "", cut ? 4 : 1);
	return r;
}

static void ascii_lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s += 32;
}

static int all_digits(const char *s, size_t n)
{
	return n && strspn(s, "0123456789") >= n;
}

/* s[0..n) with spaces collapsed to one ' ' and trimmed; from p. */
static char *collapse(pool *p, const char *s, size_t n)
{
	char *r = pool_alloc(p, n + 1);
	size_t k = 0, sp;

	for (size_t i = 0; i < n;) {
		if ((sp = space_len((const unsigned char *)s + i, n - i))) {
			if (k && r[k - 1] != ' ')
				r[k++] = ' ';
			i += sp;
		} else {
			r[k++] = s[i++];
		}
	}
	if (k && r[k - 1] == ' ')
		k--;
	r[k] = '\0';
	return r;
}

/* ---- terms ---- */

static int add_term(struct parser *ps, enum query_term_kind kind, const char *text,
		    int exclude)
{
	struct query *q = ps->q;
	struct query_term *t;

	if (ps->last == LAST_OR && exclude)
		return err_set(ps->e, ERR_INVALID, "an excluded term cannot be part of OR "
			       "(%s): exclude it outside the OR",
			       pool_printf(ps->p, "-%s", clip(ps->p, text, strlen(text))));
	if (q->nterms == QUERY_MAX_TERMS)
		return err_set(ps->e, ERR_TOOLARGE, "too many search terms (at most %d)",
			       QUERY_MAX_TERMS);
	t = &q->terms[q->nterms++];
	t->kind = kind;
	t->text = text;
	t->exclude = exclude;
	t->group = ps->last == LAST_OR ? q->ngroups - 1 : q->ngroups++;
	ps->last = exclude ? LAST_EXCLUDE : LAST_TERM;
	return ERR_OK;
}

static int parse_or(struct parser *ps)
{
	switch (ps->last) {
	case LAST_TERM:
		ps->last = LAST_OR;
		return ERR_OK;
	case LAST_OR:
		return err_set(ps->e, ERR_INVALID, "OR OR: put a search term between them");
	case LAST_EXCLUDE:
		return err_set(ps->e, ERR_INVALID, "an excluded term cannot be part of OR: "
			       "exclude it outside the OR");
	case LAST_FILTER:
		return err_set(ps->e, ERR_INVALID, "OR joins search terms, not filters: use | "
			       "within a filter (country:KE|UG)");
	default:
		return err_set(ps->e, ERR_INVALID, "OR needs a search term before it");
	}
}

/* A word or prefix s[0..n) (no spaces, quotes or parentheses). */
static int parse_word(struct parser *ps, const char *s, size_t n, int exclude)
{
	size_t stem = n;

	while (stem && s[stem - 1] == '*')
		stem--;
	if (!has_content(s, stem))
		return ERR_OK;	/* punctuation only: nothing to look for */
	if (stem < n && utf8_chars(s, stem) < 2)
		return err_set(ps->e, ERR_INVALID, "prefix \"%s\" is too short: put at least "
			       "2 characters before *", clip(ps->p, s, n));
	return add_term(ps, stem < n ? QT_PREFIX : QT_WORD, pool_strndup(ps->p, s, stem),
			exclude);
}

/* A phrase whose opening quote is at ps->i. */
static int parse_phrase(struct parser *ps, int exclude)
{
	const char *start = ps->s + ps->i + 1, *end = strchr(start, '"');
	char *text;

	if (!end)
		return err_set(ps->e, ERR_INVALID, "unclosed quote after %s",
			       pool_printf(ps->p, "\"%s", clip(ps->p, start, strlen(start))));
	ps->i = (size_t)(end + 1 - ps->s);
	text = collapse(ps->p, start, (size_t)(end - start));
	if (!has_content(text, strlen(text)))
		return ERR_OK;
	return add_term(ps, QT_PHRASE, text, exclude);
}

/* ---- filters ---- */

static int count_filter(struct parser *ps)
{
	if (ps->nfilters == QUERY_MAX_FILTERS)
		return err_set(ps->e, ERR_TOOLARGE, "too many filters (at most %d)",
			       QUERY_MAX_FILTERS);
	ps->nfilters++;
	return ERR_OK;
}

/* Add v to a list of distinct strings. */
static int add_string(struct parser *ps, const char **list, size_t *n, const char *v)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp(list[i], v))
			return ERR_OK;
	if (count_filter(ps))
		return ERR_TOOLARGE;
	list[(*n)++] = v;
	return ERR_OK;
}

static int add_bit(struct parser *ps, unsigned *set, unsigned bit)
{
	if (*set & bit)
		return ERR_OK;
	if (count_filter(ps))
		return ERR_TOOLARGE;
	*set |= bit;
	return ERR_OK;
}

static int filter_country(struct parser *ps, char *v)
{
	size_t n = strlen(v);

	if ((n != 2 && n != 3) || strspn(v, "abcdefghijklmnopqrstuvwxyz"
					 "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != n)
		return err_set(ps->e, ERR_INVALID, "country:%s is not a country code (use two "
			       "or three letters, such as country:KE or country:KEN)",
			       clip(ps->p, v, n));
	for (char *c = v; *c; c++)
		if (*c >= 'a')
			*c -= 32;
	return add_string(ps, ps->q->countries, &ps->q->ncountries, v);
}

static int filter_region(struct parser *ps, char *v)
{
	size_t n = strlen(v);
	char *r = collapse(ps->p, v, n);

	n = strlen(r);
	if (all_digits(r, n) && n <= 3) {
		char *code = pool_printf(ps->p, "%03d", atoi(r));

		return add_string(ps, ps->q->regions, &ps->q->nregions, code);
	}
	if (all_digits(r, n) || !has_content(r, n) || n > REGION_MAX)
		return err_set(ps->e, ERR_INVALID, "region:%s is not a region (use an M49 "
			       "name or code, such as region:africa or region:014)",
			       clip(ps->p, v, strlen(v)));
	ascii_lower(r);
	return add_string(ps, ps->q->regions, &ps->q->nregions, r);
}

static int filter_type(struct parser *ps, char *v)
{
	/* QUERY_TYPE_* is 1 << enum record_kind */
	_Static_assert(QUERY_TYPE_LEGISLATION == 1u << REC_LEGISLATION &&
		       QUERY_TYPE_CASE == 1u << REC_CASE && QUERY_TYPE_LESSON == 1u << REC_LESSON,
		       "QUERY_TYPE_* follows enum record_kind");
	for (int k = 0; k < REC_KIND_COUNT; k++)
		if (!strcasecmp(v, record_kind_name((enum record_kind)k)))
			return add_bit(ps, &ps->q->types, 1u << k);
	return err_set(ps->e, ERR_INVALID, "unknown type \"%s\" (types: legislation, case, "
		       "lesson)", clip(ps->p, v, strlen(v)));
}

static int filter_article(struct parser *ps, char *v)
{
	struct query *q = ps->q;
	char *slash = strchr(v, '/');
	size_t idn = slash ? (size_t)(slash - v) : 0, numn = slash ? strlen(slash + 1) : 0;
	int number;

	if (!slash || idn < 1 || idn > 32 ||
	    strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != idn ||
	    numn < 1 || numn > 4 || !all_digits(slash + 1, numn) || !(number = atoi(slash + 1)))
		return err_set(ps->e, ERR_INVALID, "article:%s is not an article (use an "
			       "instrument id and an article number, such as article:un-cc/7)",
			       clip(ps->p, v, strlen(v)));
	*slash = '\0';
	ascii_lower(v);
	for (size_t i = 0; i < q->narticles; i++)
		if (q->articles[i].number == number && !strcmp(q->articles[i].instrument, v))
			return ERR_OK;
	if (count_filter(ps))
		return ERR_TOOLARGE;
	q->articles[q->narticles].instrument = v;
	q->articles[q->narticles++].number = number;
	return ERR_OK;
}

/* A year s[0..n) into *y; 1 when it is one. */
static int year_value(const char *s, size_t n, int *y)
{
	if (n != 4 || !all_digits(s, 4) || s[0] == '0')
		return 0;
	*y = atoi(s);
	return 1;
}

static int filter_year(struct parser *ps, char *v)
{
	char *dots = strstr(v, "..");
	int from = 0, to = 0;

	if (ps->year_seen)
		return err_set(ps->e, ERR_INVALID, "only one year: filter is allowed (use a "
			       "range such as year:2015..2020)");
	if (!dots) {
		if (!year_value(v, strlen(v), &from))
			return err_set(ps->e, ERR_INVALID, "year:%s is not a year (use year:2015 "
				       "or year:2015..2020)", clip(ps->p, v, strlen(v)));
		to = from;
	} else if ((dots == v && !dots[2]) ||
		   (dots > v && !year_value(v, (size_t)(dots - v), &from)) ||
		   (dots[2] && !year_value(dots + 2, strlen(dots + 2), &to))) {
		return err_set(ps->e, ERR_INVALID, "year:%s is not a year range (use "
			       "year:2015..2020)", clip(ps->p, v, strlen(v)));
	}
	if (from && to && from > to)
		return err_set(ps->e, ERR_INVALID, "year:%s runs backwards (use year:%d..%d)",
			       clip(ps->p, v, strlen(v)), to, from);
	if (count_filter(ps))
		return ERR_TOOLARGE;
	ps->year_seen = 1;
	ps->q->year_from = from;
	ps->q->year_to = to;
	return ERR_OK;
}

static int filter_lang(struct parser *ps, char *v)
{
	int l = strlen(v) == 2 ? lang_parse(v, 2) : -1;

	if (l < 0)
		return err_set(ps->e, ERR_INVALID, "lang:%s is not one of the six UN languages "
			       "(ar, zh, en, fr, ru, es)", clip(ps->p, v, strlen(v)));
	return add_bit(ps, &ps->q->langs, 1u << l);
}

static const struct filter {
	const char *name;
	int (*add)(struct parser *ps, char *value);	/* one alternative */
	int list;					/* takes | alternatives */
} filters[] = {
	{ "country", filter_country, 1 },
	{ "region", filter_region, 1 },
	{ "type", filter_type, 1 },
	{ "article", filter_article, 1 },
	{ "year", filter_year, 0 },
	{ "lang", filter_lang, 1 },
};

/* A filter name:value; value s[0..n) (quotes removed). */
static int parse_filter(struct parser *ps, const struct filter *f, const char *s, size_t n)
{
	char *v = pool_strndup(ps->p, s, n), *alt, *save = NULL;
	int rc, any = 0;

	if (ps->last == LAST_OR)
		return err_set(ps->e, ERR_INVALID, "OR needs a search term after it, not the "
			       "filter %s",
			       pool_printf(ps->p, "%s:%s", f->name, clip(ps->p, s, n)));
	ps->last = LAST_FILTER;
	if (!f->list) {
		if ((rc = f->add(ps, collapse(ps->p, v, n))))
			return rc;
		return ERR_OK;
	}
	for (alt = strtok_r(v, "|", &save); alt; alt = strtok_r(NULL, "|", &save)) {
		alt = collapse(ps->p, alt, strlen(alt));
		if (!*alt)
			continue;
		if ((rc = f->add(ps, alt)))
			return rc;
		any = 1;
	}
	if (!any)
		return err_set(ps->e, ERR_INVALID, "%s needs a value (such as %s)",
			       pool_printf(ps->p, "%s:", f->name),
			       !strcmp(f->name, "country") ? "country:KE" :
			       !strcmp(f->name, "region") ? "region:africa" :
			       !strcmp(f->name, "type") ? "type:legislation" :
			       !strcmp(f->name, "article") ? "article:un-cc/7" : "lang:fr");
	return ERR_OK;
}

/* The token s[0..n) when it is name:value with letters for a name; 0 when it is not
 * a filter (a word), else an error code. Moves ps->i past a quoted value. */
static int try_filter(struct parser *ps, const char *s, size_t n, int exclude, int *done)
{
	const char *colon = memchr(s, ':', n), *v;
	size_t k = colon ? (size_t)(colon - s) : 0, vn;
	const struct filter *f = NULL;

	*done = 0;
	if (!k || strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") < k)
		return ERR_OK;
	for (size_t i = 0; i < sizeof(filters) / sizeof(filters[0]); i++)
		if (strlen(filters[i].name) == k && !strncasecmp(s, filters[i].name, k))
			f = &filters[i];
	v = colon + 1;
	vn = n - k - 1;
	if (!vn && ps->s[ps->i] == '"') {	/* name:"quoted value" */
		const char *end = strchr(ps->s + ps->i + 1, '"');

		if (!end)
			return err_set(ps->e, ERR_INVALID, "unclosed quote after %s",
				       pool_printf(ps->p, "%s\"%s", clip(ps->p, s, n),
						   clip(ps->p, ps->s + ps->i + 1,
							strlen(ps->s + ps->i + 1))));
		v = ps->s + ps->i + 1;
		vn = (size_t)(end - v);
		ps->i = (size_t)(end + 1 - ps->s);
	} else if (!vn && !f) {
		return ERR_OK;	/* "note:" is a word */
	}
	*done = 1;
	if (!f)
		return err_set(ps->e, ERR_INVALID, "unknown filter \"%s:\" (filters: %s)",
			       clip(ps->p, s, k), FILTER_NAMES);
	if (exclude)
		return err_set(ps->e, ERR_INVALID, "a filter cannot be excluded (%s...): "
			       "name the values you want instead",
			       pool_printf(ps->p, "-%s:", f->name));
	return parse_filter(ps, f, v, vn);
}

/* ---- parse ---- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_article(const void *a, const void *b)
{
	const struct query_article *x = a, *y = b;
	int c = strcmp(x->instrument, y->instrument);

	return c ? c : (x->number > y->number) - (x->number < y->number);
}

static int check_utf8(struct parser *ps)
{
	const unsigned char *s = (const unsigned char *)ps->s;
	size_t len;

	for (size_t i = 0; i < ps->n; i += len)
		if (utf8_decode(s + i, ps->n - i, &len) == UTF8_INVALID)
			return err_set(ps->e, ERR_INVALID, "the query is not valid UTF-8 (at byte "
				       "%zu)", i + 1);
	return ERR_OK;
}

static int parse_token(struct parser *ps)
{
	const char *s = ps->s;
	size_t start, n;
	int exclude = 0, rc, done;

	if (s[ps->i] == '-' && ps->i + 1 < ps->n &&
	    !space_len((const unsigned char *)s + ps->i + 1, ps->n - ps->i - 1)) {
		exclude = 1;
		ps->i++;
	}
	if (s[ps->i] == '"')
		return parse_phrase(ps, exclude);
	start = ps->i;
	while (ps->i < ps->n && s[ps->i] != '"' && s[ps->i] != '(' && s[ps->i] != ')' &&
	       !space_len((const unsigned char *)s + ps->i, ps->n - ps->i))
		ps->i++;
	n = ps->i - start;
	if (!n)
		return ERR_OK;
	if (!exclude && n == 2 && !memcmp(s + start, "OR", 2))
		return parse_or(ps);
	if ((rc = try_filter(ps, s + start, n, exclude, &done)) || done)
		return rc;
	return parse_word(ps, s + start, n, exclude);
}

int query_parse(pool *p, const char *text, struct query **out, struct err *e)
{
	struct parser ps = { .p = p, .s = text, .n = strlen(text), .e = e };
	struct query *q;
	size_t sp, npos = 0;
	int rc;

	*out = NULL;
	if (ps.n > QUERY_MAX_BYTES)
		return err_set(e, ERR_TOOLARGE, "the query is %zu bytes long; the limit is %d",
			       ps.n, QUERY_MAX_BYTES);
	if ((rc = check_utf8(&ps)))
		return rc;
	q = ps.q = pool_calloc(p, 1, sizeof(*q));
	q->terms = pool_calloc(p, QUERY_MAX_TERMS, sizeof(*q->terms));
	q->countries = pool_calloc(p, QUERY_MAX_FILTERS, sizeof(*q->countries));
	q->regions = pool_calloc(p, QUERY_MAX_FILTERS, sizeof(*q->regions));
	q->articles = pool_calloc(p, QUERY_MAX_FILTERS, sizeof(*q->articles));
	while (ps.i < ps.n) {
		if ((sp = space_len((const unsigned char *)text + ps.i, ps.n - ps.i))) {
			ps.i += sp;
			continue;
		}
		if (text[ps.i] == '(' || text[ps.i] == ')') {
			ps.i++;
			continue;
		}
		if ((rc = parse_token(&ps)))
			goto fail;
	}
	if (ps.last == LAST_OR) {
		rc = err_set(e, ERR_INVALID, "OR needs a search term after it");
		goto fail;
	}
	for (size_t i = 0; i < q->nterms; i++)
		npos += !q->terms[i].exclude;
	if (!npos && q->nterms) {
		rc = err_set(e, ERR_INVALID, "say what to look for, not only what to leave out");
		goto fail;
	}
	if (!q->nterms && !ps.nfilters) {
		rc = err_set(e, ERR_INVALID, "the query is empty: type words to look for");
		goto fail;
	}
	qsort(q->countries, q->ncountries, sizeof(*q->countries), cmp_str);
	qsort(q->regions, q->nregions, sizeof(*q->regions), cmp_str);
	qsort(q->articles, q->narticles, sizeof(*q->articles), cmp_article);
	*out = q;
	return ERR_OK;
fail:
	return rc;
}

/* ---- output ---- */

static void canon_sep(struct sbuf *sb)
{
	if (sb->len)
		sbuf_addc(sb, ' ');
}

const char *query_canonical(pool *p, const struct query *q)
{
	struct sbuf sb = SBUF_INIT;
	const char *r;

	for (size_t i = 0; i < q->nterms; i++) {
		const struct query_term *t = &q->terms[i];

		if (i)
			sbuf_adds(&sb, q->terms[i - 1].group == t->group ? " OR " : " ");
		if (t->exclude)
			sbuf_addc(&sb, '-');
		if (t->kind == QT_PHRASE)
			sbuf_addf(&sb, "\"%s\"", t->text);
		else
			sbuf_addf(&sb, "%s%s", t->text, t->kind == QT_PREFIX ? "*" : "");
	}
	if (q->ncountries) {
		canon_sep(&sb);
		sbuf_adds(&sb, "country:");
		for (size_t i = 0; i < q->ncountries; i++)
			sbuf_addf(&sb, "%s%s", i ? "|" : "", q->countries[i]);
	}
	if (q->nregions) {
		int quote = 0;

		for (size_t i = 0; i < q->nregions; i++)
			quote |= strpbrk(q->regions[i], " ()") != NULL;
		canon_sep(&sb);
		sbuf_adds(&sb, quote ? "region:\"" : "region:");
		for (size_t i = 0; i < q->nregions; i++)
			sbuf_addf(&sb, "%s%s", i ? "|" : "", q->regions[i]);
		if (quote)
			sbuf_addc(&sb, '"');
	}
	if (q->types) {
		int first = 1;

		canon_sep(&sb);
		sbuf_adds(&sb, "type:");
		for (unsigned i = 0; i < 3; i++) {
			if (q->types & (1u << i)) {
				sbuf_addf(&sb, "%s%s", first ? "" : "|",
					  record_kind_name((enum record_kind)i));
				first = 0;
			}
		}
	}
	if (q->narticles) {
		canon_sep(&sb);
		sbuf_adds(&sb, "article:");
		for (size_t i = 0; i < q->narticles; i++)
			sbuf_addf(&sb, "%s%s/%d", i ? "|" : "", q->articles[i].instrument,
				  q->articles[i].number);
	}
	if (q->year_from || q->year_to) {
		canon_sep(&sb);
		if (q->year_from == q->year_to)
			sbuf_addf(&sb, "year:%d", q->year_from);
		else if (!q->year_to)
			sbuf_addf(&sb, "year:%d..", q->year_from);
		else if (!q->year_from)
			sbuf_addf(&sb, "year:..%d", q->year_to);
		else
			sbuf_addf(&sb, "year:%d..%d", q->year_from, q->year_to);
	}
	if (q->langs) {
		int first = 1;

		canon_sep(&sb);
		sbuf_adds(&sb, "lang:");
		for (int l = 0; l < LANG_COUNT; l++) {
			if (q->langs & (1u << l)) {
				sbuf_addf(&sb, "%s%s", first ? "" : "|", lang_code((enum lang)l));
				first = 0;
			}
		}
	}
	r = pool_strdup(p, sbuf_str(&sb));
	sbuf_release(&sb);
	return r;
}

static void add_word(const char **list, size_t *n, const char *w)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp(list[i], w))
			return;
	list[(*n)++] = w;
}

size_t query_words(const struct query *q, const char ***out, pool *p)
{
	const char **list = NULL;
	size_t n = 0, max = 0;

	for (size_t i = 0; i < q->nterms; i++)
		if (!q->terms[i].exclude && q->terms[i].kind != QT_PREFIX)
			max += 1 + strlen(q->terms[i].text) / 2;	/* words of a phrase */
	if (max)
		list = pool_calloc(p, max, sizeof(*list));
	for (size_t i = 0; i < q->nterms; i++) {
		const struct query_term *t = &q->terms[i];
		char *copy, *w, *save = NULL;

		if (t->exclude || t->kind == QT_PREFIX)
			continue;
		if (t->kind == QT_WORD) {
			add_word(list, &n, t->text);
			continue;
		}
		copy = pool_strdup(p, t->text);
		for (w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
			add_word(list, &n, w);
	}
	*out = n ? list : NULL;
	return n;
}
