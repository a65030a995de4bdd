/* Fuzz target of domain/questionnaire's parser: any bytes are a template. It must
 * either refuse them with ERR_INVALID and a message, or return a template that keeps
 * the format's promises (abort() otherwise): 1..LIMIT_QN_QUESTIONS questions with
 * unique ids and ordinals in order, a dimension and kind in range, an English text,
 * QN_STAGES stages for a stage question, at least 2 options for a choice, min <= max;
 * and every question unchanged from itself (qn_unchanged). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/limits.h"
#include "domain/questionnaire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(pool *p, const struct qn_template *t)
{
	int *keep;

	if (!t->id || !t->title.t[LANG_EN] || t->version < 1 || !t->nquestions ||
	    t->nquestions > LIMIT_QN_QUESTIONS)
		abort();
	for (size_t i = 0; i < t->nquestions; i++) {
		const struct qn_question *q = &t->questions[i];

		if (q->ordinal != (int)i + 1 || q->dimension < 0 ||
		    (size_t)q->dimension >= qn_dimension_count || q->kind >= QN_KIND_COUNT ||
		    !q->text.t[LANG_EN] || q->evidence >= QN_EV_COUNT)
			abort();
		for (size_t k = 0; k < i; k++)
			if (!strcmp(t->questions[k].id, q->id))
				abort();
		for (int k = 0; q->kind == QN_STAGE && k < QN_STAGES; k++)
			if (!q->stages[k].t[LANG_EN])
				abort();
		if ((q->kind == QN_CHOICE) != (q->noptions >= 2) ||
		    (q->has_min && q->has_max && q->min > q->max))
			abort();
	}
	if (qn_unchanged(p, t, t, &keep) != t->nquestions)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pool *p = pool_new();
	struct qn_template *t = NULL;
	struct err e = { 0 };
	int rc = qn_parse(p, (const char *)data, size, &t, &e);

	if (rc == ERR_OK)
		check(p, t);
	else if (rc != ERR_INVALID || !e.msg[0] || t)
		abort();
	pool_free(p);
	return 0;
}
