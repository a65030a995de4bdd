/* The SQLite backend: questionnaire templates (domain/questionnaire.h): each version
 * as imported and its questions as rows. A published version is never replaced. */
#include "store/sqlite/internal.h"

static const struct sq_col version_cols[] = {
	SQ_STR(struct qn_version, id),
	SQ_NUM(struct qn_version, version),
	SQ_STR(struct qn_version, status),
	SQ_STR(struct qn_version, title),
	SQ_STR(struct qn_version, json),
	SQ_NUM(struct qn_version, nquestions),
	SQ_STR(struct qn_version, imported_at),
	SQ_STR(struct qn_version, imported_by),
	SQ_STR(struct qn_version, published_at),
	SQ_STR(struct qn_version, published_by),
};
static const struct sq_reader version_reader = SQ_READER(struct qn_version, version_cols);
#define VERSION_SELECT(json) "SELECT id, version, status, title, " json ", " \
	"(SELECT count(*) FROM questionnaire_question qq WHERE qq.template = q.id AND " \
	"qq.version = q.version), imported_at, imported_by, published_at, published_by " \
	"FROM questionnaire q "

static const struct sq_col question_cols[] = {
	SQ_STR(struct qn_question_row, template_id),
	SQ_NUM(struct qn_question_row, version),
	SQ_STR(struct qn_question_row, question),
	SQ_STR(struct qn_question_row, dimension),
	SQ_STR(struct qn_question_row, kind),
	SQ_STR(struct qn_question_row, evidence),
	SQ_NUM(struct qn_question_row, ordinal),
	SQ_STR(struct qn_question_row, articles),
};
static const struct sq_reader question_reader =
	SQ_READER(struct qn_question_row, question_cols);

int sq_qn_put(struct store *s, const struct qn_version *v, const struct qn_question_row *q,
	      size_t nq, struct err *e)
{
	struct sq *sq = (struct sq *)s;
	int rc;

	/* a published version stays: the INSERT then meets its key (ERR_CONFLICT) */
	if ((rc = sq_run(sq, SQ_QN_DELETE, "DELETE FROM questionnaire WHERE id = ?1 AND "
			 "version = ?2 AND status = 'draft'",
			 SQ_VALS(SQ_TEXT(v->id), SQ_INT(v->version)), "replace draft", e)) ||
	    (rc = sq_run(sq, SQ_QN_INSERT, "INSERT INTO questionnaire(id, version, title, "
			 "json, imported_at, imported_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
			 SQ_VALS(SQ_TEXT(v->id), SQ_INT(v->version), SQ_TEXT(v->title),
				 SQ_TEXT(v->json), SQ_TEXT(v->imported_at),
				 SQ_TEXT(v->imported_by)), "save questionnaire", e)))
		return rc;
	for (size_t i = 0; i < nq; i++)
		if ((rc = sq_run(sq, SQ_QN_QUESTION_INSERT, "INSERT INTO questionnaire_question"
				 "(template, version, question, dimension, kind, evidence, "
				 "ordinal, articles) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
				 SQ_VALS(SQ_TEXT(v->id), SQ_INT(v->version),
					 SQ_TEXT(q[i].question), SQ_TEXT(q[i].dimension),
					 SQ_TEXT(q[i].kind), SQ_TEXT(q[i].evidence),
					 SQ_INT(q[i].ordinal), SQ_TEXT(q[i].articles)),
				 "save question", e)))
			return rc;
	return ERR_OK;
}

int sq_qn_publish(struct store *s, const char *id, int version, const char *at,
		  const char *by, struct err *e)
{
	return sq_change((struct sq *)s, SQ_QN_PUBLISH,
		"UPDATE questionnaire SET status = 'published', published_at = ?3, "
		"published_by = ?4 WHERE id = ?1 AND version = ?2 AND status = 'draft'",
		SQ_VALS(SQ_TEXT(id), SQ_INT(version), SQ_TEXT(at), SQ_TEXT(by)),
		"publish questionnaire", "no such draft questionnaire", e);
}

int sq_qn_get(struct store *s, pool *p, const char *id, int version, struct qn_version **out,
	      struct err *e)
{
	return sq_get((struct sq *)s, SQ_QN_GET, VERSION_SELECT("json")
		      "WHERE id = ?1 AND (?2 = 0 OR version = ?2) ORDER BY version DESC LIMIT 1",
		      SQ_VALS(SQ_TEXT(id), SQ_INT(version)), p, &version_reader,
		      (void **)out, "questionnaire", e);
}

int sq_qn_list(struct store *s, pool *p, struct qn_version **out, size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_QN_LIST, VERSION_SELECT("NULL")
		       "ORDER BY id, version", SQ_NOVALS, p, &version_reader, (void **)out, n,
		       "list questionnaires", e);
}

int sq_qn_questions(struct store *s, pool *p, const char *id, int version,
		    struct qn_question_row **out, size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_QN_QUESTIONS, "SELECT template, version, question, "
		       "dimension, kind, evidence, ordinal, articles FROM questionnaire_question "
		       "WHERE template = ?1 AND version = ?2 ORDER BY ordinal",
		       SQ_VALS(SQ_TEXT(id), SQ_INT(version)), p, &question_reader, (void **)out,
		       n, "list questions", e);
}
