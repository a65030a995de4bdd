/* The rules of ccrank() shared by fts.c and ixq.c (see rank.h). */
#include "store/sqlite/rank.h"

#include <stdlib.h>
#include <string.h>

const double rank_col_weight[RANK_COLS] = { 0.0, 10.0, 4.0, 1.0, 0.0, 1.5 };
const unsigned rank_col_halves[RANK_COLS] = { 0, 20, 8, 2, 0, 3 };

void rank_spec(struct rank_groups *g, int k, const char *spec)
{
	int i = 0;

	memset(g, 0, sizeof(*g));
	g->k = k;
	for (int j = 0; j < RANK_PHRASES_MAX; j++)
		g->group[j] = (signed char)(spec || j >= k ? -1 : j);
	if (!spec) {
		g->ngroups = k;
		return;
	}
	for (; *spec && i < RANK_PHRASES_MAX; i++) {
		long n;

		while (*spec == ' ')
			spec++;
		if (!*spec)
			break;
		if (*spec == 'c')
			g->concept[i] = 1;
		else if (*spec >= '0' && *spec <= '9' &&
			 (n = strtol(spec, NULL, 10)) < RANK_PHRASES_MAX)
			g->group[i] = (signed char)n;
		if (g->group[i] + 1 > g->ngroups)
			g->ngroups = g->group[i] + 1;
		while (*spec && *spec != ' ')
			spec++;
	}
}

void rank_window_reset(struct rank_window *w)
{
	memset(w->have, 0, sizeof(w->have));
	w->distinct = w->best = w->a = w->n = 0;
}

void rank_window_add(struct rank_window *w, int phrase, int offset, int m)
{
	if (w->n == RANK_PROX_INST_MAX)
		return;
	w->ph[w->n] = phrase;
	w->off[w->n++] = offset;
	if (!w->have[phrase]++)
		w->distinct++;
	while (w->distinct == m) {
		int span = offset - w->off[w->a] + 1;

		if (!w->best || span < w->best)
			w->best = span;
		if (!--w->have[w->ph[w->a]])
			w->distinct--;
		w->a++;
	}
}

int rank_tier(int coord, int ngroups, double matched, double idf_sum, int cw)
{
	if (coord >= ngroups)
		return RANK_TIERS;
	if (coord)
		return (int)((RANK_TIERS - 1) * matched / (idf_sum > 0 ? idf_sum : 1.0));
	return cw >= 3 ? RANK_TIERS : cw ? RANK_TIERS - 1 : 0;
}

double rank_concept_boost(int cw, double idf_sum)
{
	return cw ? (cw / 4.0) * (cw / 4.0) * RANK_CONCEPT_GAIN * idf_sum : 0.0;
}
