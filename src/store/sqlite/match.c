/* The SQLite backend: the FTS5 MATCH expression of a search request's terms, and the
 * list of its phrases for the ranking (search.c). Every term is a quoted FTS5 string
 * (quotes doubled), so that nothing typed changes the expression's structure. */
#include <string.h>

#include "core/lang.h"
#include "core/sbuf.h"
#include "store/sqlite/internal.h"

#define MARK '\x1f'	/* the tokenizer's mark (fts.c) */

/* Term t as an FTS5 string: "w", "a b", "pre" *, and a word that also matches its
 * forms "\x1fSfr\x1fw" (the tokenizer reads: this word, and its stem in French).
 * With raw, the text between the quotes as FTS5 reads it (quotes single, no *). */
static void add_term(struct sbuf *sb, const struct search_term *t, int raw)
{
	if (!raw)
		sbuf_addc(sb, '"');
	if (t->stem && t->kind == QT_WORD && t->lang >= 0 && t->lang < LANG_COUNT)
		sbuf_addf(sb, "%cS%s%c", MARK, lang_code((enum lang)t->lang), MARK);
	for (const char *c = t->text; *c; c++) {
		if (*c == '"' && !raw)
			sbuf_addc(sb, '"');
		sbuf_addc(sb, *c);
	}
	if (raw)
		return;
	sbuf_addc(sb, '"');
	if (t->kind == QT_PREFIX)
		sbuf_adds(sb, " *");
}

/* A phrase of the expression, in the order FTS5 numbers them: positive terms first. */
static void add_phrase(pool *p, struct sq_phrase *ph, const struct search_term *t)
{
	ph->group = t->exclude ? -1 : t->group;
	struct sbuf b = SBUF_INIT;

	add_term(&b, t, 0);
	ph->key = pool_strdup(p, sbuf_str(&b));
	sbuf_reset(&b);
	add_term(&b, t, 1);
	ph->text = pool_strdup(p, sbuf_str(&b));
	ph->prefix = t->kind == QT_PREFIX;
	sbuf_release(&b);
}

const char *sq_match_terms(pool *p, const struct search_term *t, size_t n,
			   struct sq_phrase **phrases, size_t *nphrases)
{
	return sq_match_any(p, t, n, 0, phrases, nphrases);
}

const char *sq_match_any(pool *p, const struct search_term *t, size_t n, int any,
			 struct sq_phrase **phrases, size_t *nphrases)
{
	struct sbuf sb = SBUF_INIT;
	size_t npos = 0, nneg = 0, k = 0;
	struct sq_phrase *ph;
	const char *r;

	*phrases = NULL;
	*nphrases = 0;
	for (size_t i = 0; i < n; i++) {
		if (t[i].exclude)
			nneg++;
		else
			npos += i == 0 || t[i].group != t[i - 1].group;
	}
	if (!npos)
		return NULL;
	ph = pool_calloc(p, n, sizeof(*ph));
	/* P1 AND ( P2 OR P3 ) AND P4: FTS5 has no implicit AND next to parentheses */
	if (nneg && npos > 1)
		sbuf_adds(&sb, "( ");
	for (size_t i = 0, first = 1; i < n; i++) {
		int alt_before = i > 0 && t[i - 1].group == t[i].group;
		int alt_after = i + 1 < n && t[i + 1].group == t[i].group;

		if (t[i].exclude)
			continue;
		if (alt_before) {
			sbuf_adds(&sb, " OR ");
		} else {
			if (!first)
				sbuf_adds(&sb, any ? " OR " : " AND ");
			if (alt_after)
				sbuf_adds(&sb, "( ");
		}
		first = 0;
		add_term(&sb, &t[i], 0);
		add_phrase(p, &ph[k++], &t[i]);
		if (alt_before && !alt_after)
			sbuf_adds(&sb, " )");
	}
	/* then the exclusions: P NOT "x", ( P1 AND P2 ) NOT ( "x" OR "y" ) */
	if (nneg) {
		if (npos > 1)
			sbuf_adds(&sb, " )");
		sbuf_adds(&sb, nneg > 1 ? " NOT ( " : " NOT ");
		for (size_t i = 0, first = 1; i < n; i++) {
			if (!t[i].exclude)
				continue;
			if (!first)
				sbuf_adds(&sb, " OR ");
			first = 0;
			add_term(&sb, &t[i], 0);
			add_phrase(p, &ph[k++], &t[i]);
		}
		if (nneg > 1)
			sbuf_adds(&sb, " )");
	}
	r = pool_strdup(p, sbuf_str(&sb));
	sbuf_release(&sb);
	*phrases = ph;
	*nphrases = k;
	return r;
}
