#include "domain/questionnaire.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/embed.h"
#include "domain/audit.h"
#include "domain/coverage.h"
#include "domain/instrument.h"
#include "domain/limits.h"
#include "domain/record.h"
#include "domain/tx.h"
#include "domain/user.h"
#include "store/store.h"

const char *const qn_dimensions[] = {
	"legal", "procedural", "cooperation", "institutions", "training", "prevention",
};
const char *const qn_dimension_titles[] = {
	"Legal framework",
	"Procedural powers and electronic evidence",
	"International cooperation",
	"Institutions and specialised units",
	"Training and skills",
	"Prevention and partnerships with the private sector and civil society",
};
const size_t qn_dimension_count = sizeof(qn_dimensions) / sizeof(qn_dimensions[0]);

const char *const qn_evidence_names[] = { "none", "optional", "required" };

/* What a kind allows besides the fields every question has. */
enum {
	F_STAGES = 1,
	F_OPTIONS = 2,
	F_MINMAX = 4,
};

/* The kinds: their names (by enum qn_kind) and the fields they allow. */
static const struct {
	const char *name;
	unsigned allow;
} kinds[QN_KIND_COUNT] = {
	[QN_STAGE] = { "stage", F_STAGES },
	[QN_YES_PARTLY_NO] = { "yes_partly_no", 0 },
	[QN_NUMBER] = { "number", F_MINMAX },
	[QN_CHOICE] = { "choice", F_OPTIONS },
	[QN_TEXT] = { "text", 0 },
};
const char *const qn_kind_names[] = { "stage", "yes_partly_no", "number", "choice", "text" };

/* The fields a kind may allow, and the flag that allows each. */
static const struct {
	const char *field;
	unsigned flag;
} kind_fields[] = {
	{ "stages", F_STAGES }, { "options", F_OPTIONS }, { "min", F_MINMAX },
	{ "max", F_MINMAX },
};

/* The fields of each object of the format (NULL-terminated). */
static const char *const template_fields[] = { "id", "version", "title", "dimensions", NULL };
static const char *const dimension_fields[] = { "id", "questions", NULL };
static const char *const question_fields[] = { "id", "kind", "text", "help", "evidence",
	"articles", "stages", "options", "min", "max", NULL };
static const char *const option_fields[] = { "id", "text", NULL };

/* What one parse needs as it goes. */
struct parse {
	pool *p;
	struct err *e;
	struct qn_template *t;
	size_t cap;
};

static int in_list(const char *const *list, const char *s)
{
	for (size_t i = 0; list[i]; i++)
		if (!strcmp(list[i], s))
			return 1;
	return 0;
}

/* Every key of obj is among fields. */
static int fields_ok(struct parse *P, const char *where, json_t *obj,
		     const char *const *fields)
{
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v)
		if (!in_list(fields, key))
			return err_set(P->e, ERR_INVALID, "%s: unknown field '%s'", where, key);
	return ERR_OK;
}

static int wrong_type(struct parse *P, const char *where, const char *field,
		      const char *expected)
{
	return err_set(P->e, ERR_INVALID, "%s: %s has the wrong type (%s expected)", where,
		       field, expected);
}

/* A string field, 1..max bytes, without NUL, into *out (in the pool). */
static int string_of(struct parse *P, const char *where, const char *field, json_t *v,
		     size_t max, const char **out)
{
	size_t len;

	if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v))
		return wrong_type(P, where, field, "string");
	len = json_string_length(v);
	if (!len)
		return err_set(P->e, ERR_INVALID, "%s: %s is empty", where, field);
	if (len > max)
		return err_set(P->e, ERR_INVALID, "%s: %s is longer than %zu bytes", where,
			       field, max);
	*out = pool_strndup(P->p, json_string_value(v), len);
	return ERR_OK;
}

/* An id: letters, digits, '.', '-', '_', 1..LIMIT_QN_ID bytes. */
static int id_valid(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (!n || n > LIMIT_QN_ID)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == '-' ||
		      s[i] == '_'))
			return 0;
	return 1;
}

static int id_of(struct parse *P, const char *where, json_t *obj, const char **out)
{
	json_t *v = json_object_get(obj, "id");

	if (!v)
		return err_set(P->e, ERR_INVALID, "%s: %s is missing", where, "id");
	if (string_of(P, where, "id", v, LIMIT_QN_ID, out))
		return P->e->code;
	if (!id_valid(*out))
		return err_set(P->e, ERR_INVALID, "%s: '%s' is not an id (letters, digits, '.', "
			       "'-', '_'; at most %d bytes)", where, *out, LIMIT_QN_ID);
	return ERR_OK;
}

/* A text: a string (English) or an object of the UN languages with English. */
static int text_of(struct parse *P, const char *where, const char *field, json_t *v,
		   struct qn_text *out)
{
	const char *key;
	json_t *tv;

	memset(out, 0, sizeof(*out));
	if (!v)
		return err_set(P->e, ERR_INVALID, "%s: %s is missing", where, field);
	if (json_is_string(v))
		return string_of(P, where, field, v, LIMIT_QN_TEXT, &out->t[LANG_EN]);
	if (!json_is_object(v))
		return wrong_type(P, where, field, "string or object");
	json_object_foreach(v, key, tv) {
		int l;

		for (l = 0; l < LANG_COUNT && strcmp(lang_code((enum lang)l), key); l++)
			;
		if (l == LANG_COUNT)
			return err_set(P->e, ERR_INVALID, "%s: unknown language '%s' (ar, zh, en, "
				       "fr, ru, es)", where, key);
		if (string_of(P, where, pool_printf(P->p, "%s.%s", field, key), tv,
			      LIMIT_QN_TEXT, &out->t[l]))
			return P->e->code;
	}
	if (!out->t[LANG_EN])
		return err_set(P->e, ERR_INVALID, "%s: %s is missing", where,
			       pool_printf(P->p, "%s.en", field));
	return ERR_OK;
}

/* An array field of at most max entries (NULL and 0 when absent and not required). */
static int array_of(struct parse *P, const char *where, const char *field, json_t *obj,
		    size_t max, int required, json_t **out)
{
	json_t *v = json_object_get(obj, field);

	*out = v;
	if (!v)
		return required ? err_set(P->e, ERR_INVALID, "%s: %s is missing", where, field)
				: ERR_OK;
	if (!json_is_array(v))
		return wrong_type(P, where, field, "array");
	if (json_array_size(v) > max)
		return err_set(P->e, ERR_INVALID, "%s: %s has more than %zu entries", where,
			       field, max);
	return ERR_OK;
}

static int name_index(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], s))
			return (int)i;
	return -1;
}

static int options_of(struct parse *P, const char *where, json_t *arr, struct qn_question *q)
{
	size_t i;
	json_t *o;

	if (json_array_size(arr) < 2)
		return err_set(P->e, ERR_INVALID, "%s: a choice question has at least 2 options",
			       where);
	q->noptions = json_array_size(arr);
	q->options = pool_calloc(P->p, q->noptions, sizeof(*q->options));
	json_array_foreach(arr, i, o) {
		const char *ow = pool_printf(P->p, "%s, option %zu", where, i + 1);

		if (!json_is_object(o))
			return wrong_type(P, ow, "option", "object");
		if (fields_ok(P, ow, o, option_fields) || id_of(P, ow, o, &q->options[i].id) ||
		    text_of(P, ow, "text", json_object_get(o, "text"), &q->options[i].text))
			return P->e->code;
		for (size_t k = 0; k < i; k++)
			if (!strcmp(q->options[k].id, q->options[i].id))
				return err_set(P->e, ERR_INVALID, "%s: duplicate id '%s'", where,
					       q->options[i].id);
	}
	return ERR_OK;
}

static int number_of(struct parse *P, const char *where, const char *field, json_t *obj,
		     int *has, double *out)
{
	json_t *v = json_object_get(obj, field);

	if (!v)
		return ERR_OK;
	if (!json_is_number(v) || !isfinite(json_number_value(v)))
		return wrong_type(P, where, field, "number");
	*has = 1;
	*out = json_number_value(v);
	return ERR_OK;
}

static int articles_of(struct parse *P, const char *where, json_t *qo, struct qn_question *q)
{
	json_t *arr, *v;
	size_t i;

	if (array_of(P, where, "articles", qo, LIMIT_QN_ARTICLES, 0, &arr))
		return P->e->code;
	if (!arr)
		return ERR_OK;
	q->narticles = json_array_size(arr);
	q->articles = pool_calloc(P->p, q->narticles ? q->narticles : 1, sizeof(char *));
	json_array_foreach(arr, i, v) {
		const char *ref, *inst;
		int num;

		if (string_of(P, where, "articles", v, LIMIT_ARTICLE_REF, &ref))
			return P->e->code;
		if (cov_article_ref(P->p, ref, &inst, &num, NULL))
			return err_set(P->e, ERR_INVALID, "%s: '%s' is not an article "
				       "(instrument/number, such as un-cc/7)", where, ref);
		q->articles[i] = ref;
	}
	return ERR_OK;
}

static int question_of(struct parse *P, const char *dim_where, json_t *qo, int dimension,
		       struct qn_question *q)
{
	const char *where = dim_where, *s;
	json_t *v, *arr;
	size_t i;
	int k;

	if (!json_is_object(qo))
		return wrong_type(P, where, "question", "object");
	if (id_of(P, where, qo, &q->id))
		return P->e->code;
	where = pool_printf(P->p, "question %s", q->id);
	if (fields_ok(P, where, qo, question_fields))
		return P->e->code;
	q->dimension = dimension;
	if (!(v = json_object_get(qo, "kind")))
		return err_set(P->e, ERR_INVALID, "%s: %s is missing", where, "kind");
	if (string_of(P, where, "kind", v, LIMIT_QN_ID, &s))
		return P->e->code;
	if ((k = name_index(qn_kind_names, QN_KIND_COUNT, s)) < 0)
		return err_set(P->e, ERR_INVALID, "%s: unknown kind '%s' (stage, yes_partly_no, "
			       "number, choice, text)", where, s);
	q->kind = (enum qn_kind)k;
	for (i = 0; i < sizeof(kind_fields) / sizeof(kind_fields[0]); i++)
		if (json_object_get(qo, kind_fields[i].field) &&
		    !(kinds[k].allow & kind_fields[i].flag))
			return err_set(P->e, ERR_INVALID, "%s: %s is not allowed in a %s question",
				       where, kind_fields[i].field, kinds[k].name);
	if (text_of(P, where, "text", json_object_get(qo, "text"), &q->text))
		return P->e->code;
	if ((v = json_object_get(qo, "help"))) {
		struct qn_text *h = pool_calloc(P->p, 1, sizeof(*h));

		if (text_of(P, where, "help", v, h))
			return P->e->code;
		q->help = h;
	}
	q->evidence = QN_EV_NONE;
	if ((v = json_object_get(qo, "evidence"))) {
		if (string_of(P, where, "evidence", v, LIMIT_QN_ID, &s))
			return P->e->code;
		if ((k = name_index(qn_evidence_names, QN_EV_COUNT, s)) < 0)
			return err_set(P->e, ERR_INVALID, "%s: unknown evidence '%s' (none, "
				       "optional, required)", where, s);
		q->evidence = (enum qn_evidence)k;
	}
	if (articles_of(P, where, qo, q))
		return P->e->code;
	switch (q->kind) {
	case QN_STAGE:
		if (array_of(P, where, "stages", qo, QN_STAGES, 1, &arr))
			return P->e->code;
		if (json_array_size(arr) != QN_STAGES)
			return err_set(P->e, ERR_INVALID, "%s: a stage question has exactly %d "
				       "stages", where, QN_STAGES);
		json_array_foreach(arr, i, v)
			if (text_of(P, where, pool_printf(P->p, "stages[%zu]", i), v,
				    &q->stages[i]))
				return P->e->code;
		break;
	case QN_CHOICE:
		if (array_of(P, where, "options", qo, LIMIT_QN_OPTIONS, 1, &arr) ||
		    options_of(P, where, arr, q))
			return P->e->code;
		break;
	case QN_NUMBER:
		if (number_of(P, where, "min", qo, &q->has_min, &q->min) ||
		    number_of(P, where, "max", qo, &q->has_max, &q->max))
			return P->e->code;
		if (q->has_min && q->has_max && q->min > q->max)
			return err_set(P->e, ERR_INVALID, "%s: min is greater than max", where);
		break;
	default:
		break;
	}
	return ERR_OK;
}

static int dimension_of(struct parse *P, json_t *dobj, unsigned *seen)
{
	const char *id, *where;
	json_t *arr, *qo;
	size_t i;
	int d;

	if (!json_is_object(dobj))
		return wrong_type(P, "template", "dimension", "object");
	if (id_of(P, "template", dobj, &id))
		return P->e->code;
	where = pool_printf(P->p, "dimension %s", id);
	if (fields_ok(P, where, dobj, dimension_fields))
		return P->e->code;
	if ((d = name_index(qn_dimensions, qn_dimension_count, id)) < 0)
		return err_set(P->e, ERR_INVALID, "%s: unknown dimension '%s' (legal, procedural, "
			       "cooperation, institutions, training, prevention)", where, id);
	if (*seen & (1u << d))
		return err_set(P->e, ERR_INVALID, "%s: duplicate id '%s'", "template", id);
	*seen |= 1u << d;
	P->t->ndimensions++;
	if (array_of(P, where, "questions", dobj, LIMIT_QN_QUESTIONS, 1, &arr))
		return P->e->code;
	json_array_foreach(arr, i, qo) {
		struct qn_question *q;

		if (P->t->nquestions == LIMIT_QN_QUESTIONS)
			return err_set(P->e, ERR_INVALID, "%s: %s has more than %zu entries",
				       "template", "questions", (size_t)LIMIT_QN_QUESTIONS);
		q = &P->t->questions[P->t->nquestions];
		memset(q, 0, sizeof(*q));
		if (question_of(P, where, qo, d, q))
			return P->e->code;
		for (size_t k = 0; k < P->t->nquestions; k++)
			if (!strcmp(P->t->questions[k].id, q->id))
				return err_set(P->e, ERR_INVALID, "%s: duplicate id '%s'", where,
					       q->id);
		q->ordinal = (int)++P->t->nquestions;
	}
	return ERR_OK;
}

int qn_parse(pool *p, const char *json, size_t len, struct qn_template **out,
	     struct err *e)
{
	struct parse P = { .p = p, .e = e };
	json_error_t je;
	json_t *root = NULL, *v, *arr;
	size_t i;
	unsigned seen = 0;
	int rc = ERR_OK;

	*out = NULL;
	if (len > LIMIT_QN_BYTES) {
		rc = err_set(e, ERR_INVALID, "template: larger than %zu bytes",
			     (size_t)LIMIT_QN_BYTES);
		goto out;
	}
	root = json_loadb(json ? json : "", len, JSON_REJECT_DUPLICATES, &je);
	if (!root || !json_is_object(root)) {
		rc = err_set(e, ERR_INVALID, "template: not JSON (line %d: %s)",
			     root ? 1 : je.line, root ? "not an object" : je.text);
		goto out;
	}
	P.t = pool_calloc(p, 1, sizeof(*P.t));
	P.t->questions = pool_calloc(p, LIMIT_QN_QUESTIONS, sizeof(*P.t->questions));
	if (fields_ok(&P, "template", root, template_fields) ||
	    id_of(&P, "template", root, &P.t->id)) {
		rc = e->code;
		goto out;
	}
	v = json_object_get(root, "version");
	if (!json_is_integer(v) || json_integer_value(v) < 1 ||
	    json_integer_value(v) > LIMIT_QN_VERSION) {
		rc = err_set(e, ERR_INVALID, "version: must be a whole number from 1 to %d",
			     LIMIT_QN_VERSION);
		goto out;
	}
	P.t->version = (int)json_integer_value(v);
	if (text_of(&P, "template", "title", json_object_get(root, "title"), &P.t->title) ||
	    array_of(&P, "template", "dimensions", root, qn_dimension_count, 1, &arr)) {
		rc = e->code;
		goto out;
	}
	json_array_foreach(arr, i, v)
		if ((rc = dimension_of(&P, v, &seen)))
			goto out;
	if (!P.t->nquestions) {
		rc = err_set(e, ERR_INVALID, "template: no questions");
		goto out;
	}
	*out = P.t;
out:
	json_decref(root);
	return rc;
}

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Whether a and b ask the same (English text, stages, options, range). */
static int same_question(const struct qn_question *a, const struct qn_question *b)
{
	if (a->kind != b->kind || !same_str(a->text.t[LANG_EN], b->text.t[LANG_EN]) ||
	    a->noptions != b->noptions || a->has_min != b->has_min ||
	    a->has_max != b->has_max || (a->has_min && a->min != b->min) ||
	    (a->has_max && a->max != b->max))
		return 0;
	for (int i = 0; a->kind == QN_STAGE && i < QN_STAGES; i++)
		if (!same_str(a->stages[i].t[LANG_EN], b->stages[i].t[LANG_EN]))
			return 0;
	for (size_t i = 0; i < a->noptions; i++)
		if (!same_str(a->options[i].id, b->options[i].id) ||
		    !same_str(a->options[i].text.t[LANG_EN], b->options[i].text.t[LANG_EN]))
			return 0;
	return 1;
}

size_t qn_unchanged(pool *p, const struct qn_template *older, const struct qn_template *newer,
		    int **keep)
{
	size_t count = 0;

	*keep = pool_calloc(p, newer->nquestions ? newer->nquestions : 1, sizeof(int));
	for (size_t i = 0; i < newer->nquestions; i++)
		for (size_t j = 0; j < older->nquestions; j++)
			if (!strcmp(newer->questions[i].id, older->questions[j].id)) {
				(*keep)[i] = same_question(&older->questions[j],
							   &newer->questions[i]);
				count += (size_t)(*keep)[i];
				break;
			}
	return count;
}

static const char *by_name(const struct actor *a)
{
	return a && a->name ? a->name : "unknown";
}

/* The question rows of t for the store, their articles as JSON arrays. */
static struct qn_question_row *rows_of(pool *p, const struct qn_template *t)
{
	struct qn_question_row *r = pool_calloc(p, t->nquestions, sizeof(*r));

	for (size_t i = 0; i < t->nquestions; i++) {
		const struct qn_question *q = &t->questions[i];
		json_t *arr = json_array();
		char *s;

		for (size_t k = 0; k < q->narticles; k++)
			json_array_append_new(arr, json_string(q->articles[k]));
		s = json_dumps(arr, JSON_COMPACT);
		r[i].articles = pool_strdup(p, s ? s : "[]");
		free(s);
		json_decref(arr);
		r[i].template_id = t->id;
		r[i].version = t->version;
		r[i].question = q->id;
		r[i].dimension = qn_dimensions[q->dimension];
		r[i].kind = qn_kind_names[q->kind];
		r[i].evidence = qn_evidence_names[q->evidence];
		r[i].ordinal = q->ordinal;
	}
	return r;
}

/* Every article a question names exists. */
static int articles_exist(struct store *s, pool *p, const struct qn_template *t,
			  struct err *e)
{
	for (size_t i = 0; i < t->nquestions; i++)
		for (size_t k = 0; k < t->questions[i].narticles; k++) {
			const char *inst;
			struct article *ar;
			int num;

			if (cov_article_ref(p, t->questions[i].articles[k], &inst, &num, NULL) ||
			    instrument_article(s, p, inst, num, &ar, NULL))
				return err_set(e, ERR_INVALID, "%s: no article %s",
					       pool_printf(p, "question %s", t->questions[i].id),
					       t->questions[i].articles[k]);
		}
	return ERR_OK;
}

int qn_import(struct store *s, pool *p, const struct actor *a, const char *json, size_t len,
	      int publish, struct qn_template **out, struct err *e)
{
	struct qn_template *t = NULL;
	struct qn_version v, *old;
	struct tx tx = { 0 };
	const char *target;
	int rc;

	if ((rc = record_allow(a, ACT_QUESTIONNAIRE, NULL, e)) ||
	    (rc = qn_parse(p, json, len, &t, e)) || (rc = articles_exist(s, p, t, e)))
		goto out;
	rc = store_qn_get(s, p, t->id, t->version, &old, NULL);
	if (rc == ERR_OK && !strcmp(old->status, "published")) {
		rc = err_set(e, ERR_CONFLICT, "questionnaire %s version %d is published and never "
			     "changes: import it as a new version", t->id, t->version);
		goto out;
	}
	memset(&v, 0, sizeof(v));
	v.id = t->id;
	v.version = t->version;
	v.title = t->title.t[LANG_EN];
	v.json = pool_strndup(p, json, len);
	v.imported_at = record_now(p);
	v.imported_by = by_name(a);
	target = pool_printf(p, "questionnaire/%s@%d", t->id, t->version);
	if ((rc = tx_begin(&tx, s, e)) ||
	    (rc = store_qn_put(s, &v, rows_of(p, t), t->nquestions, e)) ||
	    (rc = audit_by(s, a, AUDIT_QN_IMPORT, target,
			   pool_printf(p, "%zu questions in %d dimensions", t->nquestions,
				       t->ndimensions), e)))
		goto out;
	if (publish &&
	    ((rc = store_qn_publish(s, t->id, t->version, v.imported_at, v.imported_by, e)) ||
	     (rc = audit_by(s, a, AUDIT_QN_PUBLISH, target, "published", e))))
		goto out;
out:
	rc = tx_end(&tx, rc, e);
	if (out)
		*out = rc ? NULL : t;
	return rc;
}

int qn_publish(struct store *s, const struct actor *a, const char *id, int version,
	       struct err *e)
{
	pool *p = pool_new();
	struct qn_version *v;
	struct tx tx = { 0 };
	int rc;

	if ((rc = record_allow(a, ACT_QUESTIONNAIRE, NULL, e)) ||
	    (rc = store_qn_get(s, p, id, version, &v, e)))
		goto out;
	version = v->version;
	if (!strcmp(v->status, "published")) {
		rc = err_set(e, ERR_CONFLICT, "questionnaire %s version %d is published already",
			     id, version);
		goto out;
	}
	if ((rc = tx_begin(&tx, s, e)) ||
	    (rc = store_qn_publish(s, id, version, record_now(p), by_name(a), e)))
		goto out;
	rc = audit_by(s, a, AUDIT_QN_PUBLISH, pool_printf(p, "questionnaire/%s@%d", id, version),
		      "published", e);
out:
	rc = tx_end(&tx, rc, e);
	pool_free(p);
	return rc;
}

int qn_list(struct store *s, pool *p, struct qn_version **out, size_t *n, struct err *e)
{
	return store_qn_list(s, p, out, n, e);
}

int qn_get(struct store *s, pool *p, const char *id, int version, struct qn_version **out,
	   struct qn_template **tmpl, struct err *e)
{
	int rc = store_qn_get(s, p, id, version, out, e);

	if (!rc && tmpl)
		rc = qn_parse(p, (*out)->json, strlen((*out)->json), tmpl, e);
	return rc;
}

int qn_ref(pool *p, const char *ref, const char **id, int *version, struct err *e)
{
	const char *at = ref ? strchr(ref, '@') : NULL;
	char *end;
	long v = 0;

	if (at) {
		v = strtol(at + 1, &end, 10);
		if (at[1] < '0' || at[1] > '9' || *end || v < 1 || v > LIMIT_QN_VERSION)
			goto bad;
	}
	*id = ref ? pool_strndup(p, ref, at ? (size_t)(at - ref) : strlen(ref)) : NULL;
	if (!id_valid(*id))
		goto bad;
	*version = (int)v;
	return ERR_OK;
bad:
	return err_set(e, ERR_INVALID, "'%s' is not ID or ID@VERSION", ref ? ref : "");
}

int qn_ensure_shipped(struct store *s, const struct actor *a, int *loaded, struct err *e)
{
	pool *p = pool_new();
	size_t len = 0;
	const char *json = (const char *)embed_find(QN_SHIPPED_PATH, &len);
	struct qn_template *t;
	struct qn_version *v;
	struct err ge = { 0 };
	int rc;

	*loaded = 0;
	if ((rc = qn_parse(p, json, len, &t, e)))
		goto out;
	rc = store_qn_get(s, p, t->id, 0, &v, &ge);
	if (rc != ERR_NOTFOUND) {
		if (rc)
			*e = ge;
		goto out;
	}
	rc = qn_import(s, p, a, json, len, 1, NULL, e);
	*loaded = !rc;
out:
	pool_free(p);
	return rc;
}
