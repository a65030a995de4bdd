/* assist: requests, who reads them, the lifecycle (domain/assist.h). Offers, matches
 * and overlaps are in assist_match.c, money in assist_funds.c. */
#include "domain/assist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sbuf.h"
#include "core/utf8.h"
#include "domain/assist_impl.h"
#include "domain/audit.h"
#include "domain/campaign.h"
#include "domain/country.h"
#include "domain/coverage.h"
#include "domain/instrument.h"
#include "domain/needs.h"
#include "domain/tx.h"
#include "domain/user.h"
#include "store/store.h"

const char *const assist_stage_names[AS_STAGE_COUNT] = {
	"requested", "assessed", "matched", "funded", "in_delivery", "delivered",
	"evaluated", "closed", "declined", "withdrawn",
};
const char *const assist_stage_titles[AS_STAGE_COUNT] = {
	"requested", "assessed", "matched", "funded", "in delivery", "delivered",
	"evaluated", "closed", "declined", "withdrawn",
};
const char *const assist_modes[] = { "in_person", "online", "mentoring", "equipment", NULL };

static const char *const tlps[] = { "CLEAR", "GREEN", "AMBER", NULL };

/* ISO 639-1, the codes of Debian iso-codes' iso_639-2.json that have an alpha_2 */
static const char iso639_1[] =
	" aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr"
	" cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu"
	" gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk"
	" kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms"
	" mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro"
	" ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl"
	" tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu ";

/* The lifecycle: every move there is, who may make it, what must hold, and whether
 * it needs a comment (declining and withdrawing say why; the others may). */
#define FC (AW_FOCAL | AW_CURATOR)
#define PC (AW_PROVIDER | AW_CURATOR)
const struct assist_move_rule assist_moves[] = {
	{ AS_REQUESTED, AS_ASSESSED, AW_CURATOR, AC_NONE, 0 },
	{ AS_ASSESSED, AS_MATCHED, AW_CURATOR, AC_ACCEPTED_MATCH, 0 },
	{ AS_MATCHED, AS_FUNDED, AW_CURATOR | AW_DONOR, AC_FUNDED, 0 },
	{ AS_FUNDED, AS_IN_DELIVERY, PC, AC_NONE, 0 },
	{ AS_IN_DELIVERY, AS_DELIVERED, PC, AC_NONE, 0 },
	{ AS_DELIVERED, AS_EVALUATED, FC, AC_NONE, 0 },
	{ AS_EVALUATED, AS_CLOSED, AW_CURATOR, AC_NONE, 0 },
	{ AS_REQUESTED, AS_WITHDRAWN, FC, AC_NONE, 1 },
	{ AS_ASSESSED, AS_WITHDRAWN, FC, AC_NONE, 1 },
	{ AS_MATCHED, AS_WITHDRAWN, FC, AC_NONE, 1 },
	{ AS_FUNDED, AS_WITHDRAWN, FC, AC_NONE, 1 },
	{ AS_REQUESTED, AS_DECLINED, AW_CURATOR, AC_NONE, 1 },
	{ AS_ASSESSED, AS_DECLINED, AW_CURATOR, AC_NONE, 1 },
};
const size_t assist_move_count = sizeof(assist_moves) / sizeof(assist_moves[0]);
#undef FC
#undef PC

#define ST(x) (1u << (x))
/* The stages (a mask) and the people (enum assist_who) of each enum assist_op. */
static const struct {
	unsigned stages, who;
} assist_ops[ASSIST_OP_COUNT] = {
	[ASSIST_OP_EDIT] = { ST(AS_REQUESTED) | ST(AS_ASSESSED) | ST(AS_MATCHED) | ST(AS_FUNDED),
			     AW_FOCAL | AW_CURATOR },
	[ASSIST_OP_MATCH] = { ST(AS_REQUESTED) | ST(AS_ASSESSED) | ST(AS_MATCHED), AW_CURATOR },
	[ASSIST_OP_EVALUATE] = { ST(AS_DELIVERED) | ST(AS_EVALUATED), AW_FOCAL | AW_CURATOR },
	[ASSIST_OP_ACT_RECORD] = { ST(AS_FUNDED) | ST(AS_IN_DELIVERY) | ST(AS_DELIVERED),
				   AW_CURATOR | AW_PROVIDER },
	[ASSIST_OP_ACT_EVALUATE] = { ST(AS_IN_DELIVERY) | ST(AS_DELIVERED) | ST(AS_EVALUATED),
				     AW_FOCAL | AW_CURATOR },
};
#undef ST

int assist_op_stage(const struct assist_request *r, enum assist_op op)
{
	return op < ASSIST_OP_COUNT && r->stage < AS_STAGE_COUNT &&
	       (assist_ops[op].stages & (1u << r->stage));
}

int assist_op_may(const struct assist_request *r, unsigned who, enum assist_op op)
{
	return assist_op_stage(r, op) && (who & assist_ops[op].who);
}

/* Who may make the moves of the table, in words (msgids; for ERR_FORBIDDEN). */
static const struct {
	unsigned who;
	const char *text;
} who_texts[] = {
	{ AW_CURATOR, "curators" },
	{ AW_CURATOR | AW_DONOR, "curators or a donor that pledged to it" },
	{ AW_PROVIDER | AW_CURATOR, "the provider of an accepted match or curators" },
	{ AW_FOCAL | AW_CURATOR, "the country's focal points or curators" },
};

int assist_stage_parse(const char *s)
{
	for (int i = 0; s && i < AS_STAGE_COUNT; i++)
		if (!strcmp(assist_stage_names[i], s))
			return i;
	return -1;
}

int assist_stage_open(enum assist_stage st)
{
	return st != AS_CLOSED && st != AS_DECLINED && st != AS_WITHDRAWN;
}

const struct assist_move_rule *assist_move_rule(enum assist_stage from, enum assist_stage to)
{
	for (size_t i = 0; i < assist_move_count; i++)
		if (assist_moves[i].from == from && assist_moves[i].to == to)
			return &assist_moves[i];
	return NULL;
}

/* ---- what the assist files share ---- */

int assist_curator(const struct actor *a)
{
	return a && (a->local || (a->user_id && (a->role == ROLE_CURATOR ||
						 a->role == ROLE_ADMIN)));
}

int assist_allow(const struct actor *a, enum record_action act, const char *country,
		 struct err *e)
{
	struct record rec;

	memset(&rec, 0, sizeof(rec));
	rec.country = country;
	return record_allow(a, act, country ? &rec : NULL, e);
}

const char *assist_actor_name(const struct actor *a)
{
	return a && a->name ? a->name : "unknown";
}

int assist_none(const char *s)
{
	return !s || !*s;
}

int assist_text_ok(const char *s, size_t max)
{
	size_t n = s ? strlen(s) : 0;

	if (n > max || (n && !utf8_valid(s, n)))
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 && s[i] != '\n' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

int assist_list_has(const char *list, const char *key)
{
	size_t k = key ? strlen(key) : 0;

	for (const char *at = list; k && at && *at;) {
		size_t len = strcspn(at, ",");

		if (len == k && !memcmp(at, key, k))
			return 1;
		at += len + (at[len] != 0);
	}
	return 0;
}

int assist_keys(pool *p, const char *field, const char *in, const char *const *list,
		int (*ok)(const char *item), size_t max, int may_be_empty, const char **out,
		struct err *e)
{
	struct sbuf b;
	size_t n = 0;
	int rc = ERR_OK;

	sbuf_init(&b);
	for (const char *at = in ? in : ""; *at && !rc;) {
		size_t len = strcspn(at, ", ");
		char *item;
		int known = 0;

		if (len) {
			item = pool_strndup(p, at, len);
			for (size_t i = 0; list && list[i]; i++)
				known |= !strcmp(list[i], item);
			if (ok)
				known = ok(item);
			if (!known)
				rc = err_set(e, ERR_INVALID, "%s: '%.40s' is not one of the "
					     "allowed values", field, item);
			else if (assist_list_has(b.len ? b.buf : "", item))
				rc = err_set(e, ERR_INVALID, "%s: '%.40s' is listed twice",
					     field, item);
			else if (++n > max)
				rc = err_set(e, ERR_INVALID, "%s: at most %zu", field, max);
			else
				sbuf_addf(&b, "%s%s", b.len ? "," : "", item);
		}
		at += len + (at[len] != 0);
	}
	if (!rc && !n && !may_be_empty)
		rc = err_set(e, ERR_INVALID, "%s: is required", field);
	if (!rc)
		*out = pool_strdup(p, b.len ? b.buf : "");
	sbuf_release(&b);
	return rc;
}

int assist_matched(struct store *s, pool *p, const struct actor *a, long long id,
		   int *matched, struct err *e)
{
	struct assist_match *m;
	size_t n;
	int rc;

	*matched = 0;
	if (!a || !a->user_id || !a->org_id)
		return ERR_OK;
	if ((rc = store_assist_match_list(s, p, id, 0, &m, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++)
		*matched |= m[i].org == a->org_id && m[i].status != AM_DECLINED;
	return ERR_OK;
}

int assist_org_by_id(struct store *s, pool *p, long long id, int *kind, const char **name,
		     struct err *e)
{
	struct org *o;
	size_t n;
	int rc;

	if ((rc = store_org_list(s, p, NULL, &o, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++)
		if (o[i].id == id) {
			if (kind)
				*kind = (int)o[i].kind;
			if (name)
				*name = o[i].name;
			return ERR_OK;
		}
	return err_set(e, ERR_NOTFOUND, "no organisation %lld", id);
}

int assist_dates(const char *from_field, const char *from, const char *to_field,
		 const char *to, struct err *e)
{
	if (!assist_none(from) && (strlen(from) != 10 || !record_date_valid(from)))
		return err_set(e, ERR_INVALID, "%s: '%.20s' is not a date (YYYY-MM-DD)",
			       from_field, from);
	if (!assist_none(to) && (strlen(to) != 10 || !record_date_valid(to)))
		return err_set(e, ERR_INVALID, "%s: '%.20s' is not a date (YYYY-MM-DD)",
			       to_field, to);
	if (assist_none(from) != assist_none(to))
		return err_set(e, ERR_INVALID, "%s: give both dates or neither", to_field);
	if (!assist_none(from) && strcmp(to, from) < 0)
		return err_set(e, ERR_INVALID, "%s: %s is before %s", to_field, to, from);
	return ERR_OK;
}

/* ---- reading ---- */

int assist_can_read(const struct actor *a, const struct assist_request *r, int matched)
{
	if (!strcmp(r->tlp, "CLEAR") || assist_curator(a))
		return 1;
	if (!a || !a->user_id)
		return 0;
	if (!strcmp(r->tlp, "GREEN"))
		return 1;
	if (a->role == ROLE_FOCAL_POINT && a->country && !strcmp(a->country, r->country))
		return 1;
	return matched;
}

/* ---- checking a request ---- */

static int target_ok(const char *k)
{
	return needs_target(k) != NULL;
}

int assist_language_ok(const char *k)
{
	char pat[5];

	if (strlen(k) != 2)
		return 0;
	snprintf(pat, sizeof(pat), " %s ", k);
	return strstr(iso639_1, pat) != NULL;
}

/* Whether s is digits only (1..18 of them). */
static int digits(const char *s, size_t n)
{
	if (!n || n > 18)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* One reference to a need: "stated:ID", "gap:INSTRUMENT/ARTICLE",
 * "answer:CAMPAIGN/QUESTION"; what exists is looked up. */
static int need_ref(struct store *s, pool *p, const char *field, const char *ref,
		    struct err *e)
{
	const char *colon = strchr(ref, ':'), *v = colon ? colon + 1 : "";
	size_t kind = colon ? (size_t)(colon - ref) : 0;

	if (kind == 6 && !strncmp(ref, "stated", 6)) {
		struct need_stated *n;

		if (!digits(v, strlen(v)) || store_need_get(s, p, atoll(v), &n, NULL))
			return err_set(e, ERR_INVALID, "%s: '%.60s': no stated need %.20s",
				       field, ref, v);
		return ERR_OK;
	}
	if (kind == 3 && !strncmp(ref, "gap", 3)) {
		const char *inst;
		struct article *art;
		int num;

		if (cov_article_ref(p, v, &inst, &num, NULL) ||
		    instrument_article(s, p, inst, num, &art, NULL))
			return err_set(e, ERR_INVALID, "%s: '%.60s': no article %.40s", field,
				       ref, v);
		return ERR_OK;
	}
	if (kind == 6 && !strncmp(ref, "answer", 6)) {
		size_t id = strcspn(v, "/");
		const char *q = v[id] ? v + id + 1 : "";
		struct campaign *c;
		size_t ql = strlen(q);
		int ok = ql && ql <= LIMIT_QN_ID;

		for (size_t i = 0; i < ql; i++)
			ok &= (q[i] >= 'a' && q[i] <= 'z') || (q[i] >= '0' && q[i] <= '9') ||
			      q[i] == '.' || q[i] == '_' || q[i] == '-';
		if (!ok || !digits(v, id) ||
		    store_camp_get(s, p, atoll(pool_strndup(p, v, id)), &c, NULL))
			return err_set(e, ERR_INVALID, "%s: '%.60s': no campaign and question "
				       "such as answer:3/legal.offences", field, ref);
		return ERR_OK;
	}
	return err_set(e, ERR_INVALID, "%s: '%.60s' is not stated:ID, gap:INSTRUMENT/ARTICLE "
		       "or answer:CAMPAIGN/QUESTION", field, ref);
}

static int need_refs(struct store *s, pool *p, const char *field, const char *in,
		     const char **out, struct err *e)
{
	struct sbuf b;
	size_t n = 0;
	int rc = ERR_OK;

	sbuf_init(&b);
	for (const char *at = in ? in : ""; *at && !rc;) {
		size_t len = strcspn(at, ", ");

		if (len) {
			char *ref = pool_strndup(p, at, len);

			if (++n > LIMIT_ASSIST_NEEDS)
				rc = err_set(e, ERR_INVALID, "%s: at most %zu", field,
					     (size_t)LIMIT_ASSIST_NEEDS);
			else if (len > LIMIT_ARTICLE_REF + 20)
				rc = err_set(e, ERR_INVALID, "%s: '%.60s' is not stated:ID, "
					     "gap:INSTRUMENT/ARTICLE or answer:CAMPAIGN/QUESTION",
					     field, ref);
			else if (!(rc = need_ref(s, p, field, ref, e)) &&
				 !assist_list_has(b.len ? b.buf : "", ref))
				sbuf_addf(&b, "%s%s", b.len ? "," : "", ref);
		}
		at += len + (at[len] != 0);
	}
	if (!rc)
		*out = pool_strdup(p, b.len ? b.buf : "");
	sbuf_release(&b);
	return rc;
}

/* The beneficiary's name folded for comparison: case and accents folded, white space
 * collapsed to one space, none at the ends. */
static const char *fold_name(pool *p, const char *s)
{
	size_t n = strlen(s), k = 0;
	char *f = pool_alloc(p, n + 1), *out = pool_alloc(p, n + 1);
	int space = 1;

	n = utf8_fold(s, n, f);
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)f[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = 1;
			continue;
		}
		if (space && k)
			out[k++] = ' ';
		space = 0;
		out[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	out[k] = 0;
	return out;
}

int assist_request_check(struct store *s, pool *p, const struct assist_request_in *in,
			 struct assist_request **out, struct err *e)
{
	struct assist_request *r = pool_calloc(p, 1, sizeof(*r));
	struct assist_currency *cur;
	struct country *c;
	int rc;

	if (assist_none(in->country) || country_get(s, p, in->country, &c, NULL))
		return err_set(e, ERR_INVALID, "country: '%.20s' is no country",
			       in->country ? in->country : "");
	r->country = pool_strdup(p, c->alpha2);
	if (assist_none(in->title) || !assist_text_ok(in->title, LIMIT_ASSIST_TITLE))
		return err_set(e, ERR_INVALID, "title: is required, at most %d bytes of UTF-8",
			       LIMIT_ASSIST_TITLE);
	r->title = in->title;
	if (!in->topic || !needs_topic(in->topic))
		return err_set(e, ERR_INVALID, "topic: '%.40s' is not one of the allowed values",
			       in->topic ? in->topic : "");
	r->topic = in->topic;
	if (assist_none(in->beneficiary) ||
	    !assist_text_ok(in->beneficiary, LIMIT_ASSIST_NAME))
		return err_set(e, ERR_INVALID, "%s: is required, at most %d bytes of UTF-8",
			       "beneficiary", LIMIT_ASSIST_NAME);
	r->beneficiary = in->beneficiary;
	r->beneficiary_key = fold_name(p, in->beneficiary);
	if ((rc = assist_keys(p, "targets", in->targets, NULL, target_ok, LIMIT_ASSIST_ITEMS,
			      0, &r->targets, e)) ||
	    (rc = assist_keys(p, "languages", in->languages, NULL, assist_language_ok,
			      LIMIT_ASSIST_ITEMS, 0, &r->languages, e)) ||
	    (rc = assist_dates("date_from", in->date_from, "date_to", in->date_to, e)) ||
	    (rc = assist_keys(p, "modes", in->modes, assist_modes, NULL, LIMIT_ASSIST_ITEMS,
			      1, &r->modes, e)))
		return rc;
	r->date_from = assist_none(in->date_from) ? NULL : in->date_from;
	r->date_to = assist_none(in->date_to) ? NULL : in->date_to;
	r->urgency = 2;
	if (!assist_none(in->urgency)) {
		if (strlen(in->urgency) != 1 || in->urgency[0] < '1' || in->urgency[0] > '3')
			return err_set(e, ERR_INVALID, "urgency: '%.20s' is not 1, 2 or 3",
				       in->urgency);
		r->urgency = in->urgency[0] - '0';
	}
	if (assist_none(in->budget_currency) != assist_none(in->budget_amount))
		return err_set(e, ERR_INVALID, "budget_amount: give the currency and the "
			       "amount, or neither");
	if (!assist_none(in->budget_currency)) {
		if (assist_currency_get(s, p, in->budget_currency, &cur, NULL))
			return err_set(e, ERR_INVALID, "budget_currency: '%.20s' is not an ISO "
				       "4217 code", in->budget_currency);
		if ((rc = assist_amount_parse("budget_amount", in->budget_amount, cur->minor, 0,
					      &r->budget_amount, e)))
			return rc;
		r->budget_currency = pool_strdup(p, cur->code);
	}
	if ((rc = need_refs(s, p, "needs", in->needs, &r->needs, e)))
		return rc;
	if (!assist_text_ok(in->description, LIMIT_ASSIST_TEXT))
		return err_set(e, ERR_INVALID, "%s: at most %d bytes of UTF-8", "description",
			       LIMIT_ASSIST_TEXT);
	r->description = in->description ? in->description : "";
	r->tlp = "GREEN";
	if (!assist_none(in->tlp)) {
		int known = 0;

		for (int i = 0; tlps[i]; i++)
			known |= !strcmp(tlps[i], in->tlp);
		if (!known)
			return err_set(e, ERR_INVALID, "tlp: '%.20s' is not CLEAR, GREEN or AMBER",
				       in->tlp);
		r->tlp = in->tlp;
	}
	*out = r;
	return ERR_OK;
}

/* ---- writing requests ---- */

int assist_request_add(struct store *s, pool *p, const struct actor *a,
		       const struct assist_request_in *in, long long *id, struct err *e)
{
	struct assist_request *r;
	struct assist_step st;
	struct tx t = { 0 };
	int rc;

	/* the role first (nobody learns what is checked without it), then the country */
	if ((rc = assist_allow(a, ACT_ASSIST, NULL, e)) ||
	    (rc = assist_request_check(s, p, in, &r, e)) ||
	    (rc = assist_allow(a, ACT_ASSIST, r->country, e)))
		goto out;
	r->stage = AS_REQUESTED;
	r->revision = 1;
	r->created_at = r->updated_at = record_now(p);
	r->created_by = r->updated_by = assist_actor_name(a);
	memset(&st, 0, sizeof(st));
	st.to = assist_stage_names[AS_REQUESTED];
	st.at = r->created_at;
	st.by = r->created_by;
	if ((rc = tx_begin(&t, s, e)) ||
	    (rc = store_assist_request_put(s, r, id, e)))
		goto out;
	st.request = *id;
	if ((rc = store_assist_step_put(s, &st, e)))
		goto out;
	rc = audit_by(s, a, AUDIT_ASSIST_REQUEST, pool_printf(p, "assist/%lld", *id),
		      pool_printf(p, "%s, %s, %s", r->country, r->topic, r->tlp), e);
out:
	return tx_end(&t, rc, e);
}

/* Request id as the store has it, or ERR_NOTFOUND "no request N" (also when a may
 * not read it: nothing says it exists). */
static int request_read(struct store *s, pool *p, const struct actor *a, long long id,
			struct assist_request **out, struct err *e)
{
	int matched = 0, rc;

	if (store_assist_request_get(s, p, id, out, NULL))
		return err_set(e, ERR_NOTFOUND, "no request %lld", id);
	if (!assist_can_read(a, *out, 0) &&
	    ((rc = assist_matched(s, p, a, id, &matched, e)) || !matched))
		return rc ? rc : err_set(e, ERR_NOTFOUND, "no request %lld", id);
	return ERR_OK;
}

int assist_request_get(struct store *s, pool *p, const struct actor *a, long long id,
		       struct assist_request **out, struct err *e)
{
	return request_read(s, p, a, id, out, e);
}

/* long longs in order, for bsearch */
static int cmp_id(const void *x, const void *y)
{
	long long a = *(const long long *)x, b = *(const long long *)y;

	return a < b ? -1 : a > b;
}

int assist_request_list(struct store *s, pool *p, const struct actor *a,
			const char *country, int stage, struct assist_request **out,
			size_t *n, struct err *e)
{
	struct assist_request *all;
	long long *m = NULL;		/* the requests a's organisation is matched to */
	struct country *c;
	size_t nall, nm = 0, k = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (country && country_get(s, p, country, &c, NULL))
		return err_set(e, ERR_INVALID, "country: '%.20s' is no country", country);
	if ((rc = store_assist_request_list(s, p, country ? c->alpha2 : NULL,
					    stage >= 0 && stage < AS_STAGE_COUNT ?
					    assist_stage_names[stage] : NULL, &all, &nall, e)))
		return rc;
	if (a && a->user_id && a->org_id && !assist_curator(a) &&
	    (rc = store_assist_matched(s, p, a->org_id, &m, &nm, e)))
		return rc;
	*out = pool_calloc(p, nall ? nall : 1, sizeof(**out));
	for (size_t i = 0; i < nall; i++) {
		int matched = nm && bsearch(&all[i].id, m, nm, sizeof(*m), cmp_id) != NULL;

		if (assist_can_read(a, &all[i], matched))
			(*out)[k++] = all[i];
	}
	*n = k;
	return ERR_OK;
}

int assist_request_edit(struct store *s, pool *p, const struct actor *a, long long id,
			long long revision, const struct assist_request_in *in,
			struct err *e)
{
	struct assist_request *old, *r;
	struct assist_request_in copy = *in;
	struct tx t = { 0 };
	int rc;

	if ((rc = request_read(s, p, a, id, &old, e)) ||
	    (rc = assist_allow(a, ACT_ASSIST, old->country, e)))
		goto out;
	if (!assist_op_stage(old, ASSIST_OP_EDIT)) {
		rc = err_set(e, ERR_CONFLICT, "request %lld is %s: it can no longer be "
			     "edited", id, assist_stage_titles[old->stage]);
		goto out;
	}
	if (old->revision != revision) {
		rc = err_set(e, ERR_CONFLICT, "the request changed since revision %lld: it is "
			     "at revision %lld", revision, old->revision);
		goto out;
	}
	copy.country = old->country;
	if ((rc = assist_request_check(s, p, &copy, &r, e)))
		goto out;
	r->id = id;
	r->stage = old->stage;
	r->revision = revision + 1;
	r->created_at = old->created_at;
	r->created_by = old->created_by;
	r->updated_at = record_now(p);
	r->updated_by = assist_actor_name(a);
	if ((rc = tx_begin(&t, s, e)) ||
	    (rc = store_assist_request_update(s, r, revision, e)))
		goto out;
	rc = audit_by(s, a, AUDIT_ASSIST_EDIT, pool_printf(p, "assist/%lld", id),
		      pool_printf(p, "revision %lld", r->revision), e);
out:
	return tx_end(&t, rc, e);
}

int assist_timeline(struct store *s, pool *p, const struct actor *a, long long id,
		    struct assist_step **out, size_t *n, struct err *e)
{
	struct assist_request *r;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = request_read(s, p, a, id, &r, e)))
		return rc;
	return store_assist_steps(s, p, id, out, n, e);
}

/* ---- moves ---- */

int assist_who(struct store *s, pool *p, const struct actor *a,
	       const struct assist_request *r, unsigned *who, struct err *e)
{
	struct assist_match *m;
	struct assist_fund *f;
	struct err oe = { 0 };
	size_t n;
	int kind = -1, rc;

	*who = 0;
	if (a && a->local) {
		*who = AW_CURATOR;
		return ERR_OK;
	}
	if (!a || !a->user_id || a->read_only)
		return ERR_OK;
	if (assist_curator(a))
		*who |= AW_CURATOR;
	if (a->role == ROLE_FOCAL_POINT && a->country && !strcmp(a->country, r->country))
		*who |= AW_FOCAL;
	if (!a->org_id)
		return ERR_OK;
	if ((rc = store_assist_match_list(s, p, r->id, 0, &m, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++)
		if (m[i].org == a->org_id && m[i].status == AM_ACCEPTED)
			*who |= AW_PROVIDER;
	if ((rc = assist_org_by_id(s, p, a->org_id, &kind, NULL, &oe)) == ERR_NOTFOUND)
		return ERR_OK;
	if (rc)
		return err_set(e, rc, "%s", oe.msg);
	if (kind != ORG_DONOR)
		return ERR_OK;
	if ((rc = store_assist_fund_list(s, p, r->id, &f, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++)
		if (f[i].donor == a->org_id && f[i].kind == AF_PLEDGE)
			*who |= AW_DONOR;
	return ERR_OK;
}

/* Whether rule's condition holds for r; ERR_CONFLICT saying what is missing. */
static int condition(struct store *s, pool *p, const struct assist_move_rule *rule,
		     const struct assist_request *r, struct err *e)
{
	struct assist_match *m;
	struct assist_fund *f;
	struct assist_sum *other;
	struct assist_currency *cur;
	size_t n, nother;
	long long gap, pledged;
	int rc, ok = 0;

	switch (rule->cond) {
	case AC_NONE:
		return ERR_OK;
	case AC_ACCEPTED_MATCH:
		if ((rc = store_assist_match_list(s, p, r->id, 0, &m, &n, e)))
			return rc;
		for (size_t i = 0; i < n; i++)
			ok |= m[i].status == AM_ACCEPTED;
		return ok ? ERR_OK : err_set(e, ERR_CONFLICT, "request %lld has no accepted "
					     "match: a provider must accept one first", r->id);
	case AC_FUNDED:
		if ((rc = store_assist_fund_list(s, p, r->id, &f, &n, e)) ||
		    (rc = assist_gap(p, r, f, n, &gap, &pledged, &other, &nother, e)))
			return rc;
		if (gap <= 0)
			return ERR_OK;
		if ((rc = assist_currency_get(s, p, r->budget_currency, &cur, e)))
			return rc;
		return err_set(e, ERR_CONFLICT, "request %lld is not funded: %s %s of its "
			       "budget are not pledged", r->id,
			       assist_amount_text(p, gap, cur->minor), cur->code);
	}
	return ERR_OK;
}

/* Who may make a move of mask who, in words (a msgid of who_texts). */
static const char *who_text(unsigned who)
{
	for (size_t i = 0; i < sizeof(who_texts) / sizeof(who_texts[0]); i++)
		if (who_texts[i].who == who)
			return who_texts[i].text;
	return "curators";
}

int assist_move(struct store *s, pool *p, const struct actor *a, long long id,
		const char *to, const char *comment, struct err *e)
{
	const struct assist_move_rule *rule;
	struct assist_request *r;
	struct assist_step st;
	struct tx t = { 0 };
	long long from_rev;
	unsigned who;
	int stage = assist_stage_parse(to), rc;

	if ((rc = request_read(s, p, a, id, &r, e)))
		goto out;
	if (stage < 0) {
		rc = err_set(e, ERR_INVALID, "stage: '%.40s' is not a stage", to ? to : "");
		goto out;
	}
	if (!(rule = assist_move_rule(r->stage, (enum assist_stage)stage))) {
		rc = err_set(e, ERR_CONFLICT, "no move from %s to %s",
			     assist_stage_titles[r->stage], assist_stage_titles[stage]);
		goto out;
	}
	if ((rc = assist_who(s, p, a, r, &who, e)))
		goto out;
	if (!(who & rule->who)) {
		rc = err_set(e, ERR_FORBIDDEN, "only %s move a request from %s to %s",
			     who_text(rule->who), assist_stage_titles[r->stage],
			     assist_stage_titles[stage]);
		goto out;
	}
	if (!assist_text_ok(comment, LIMIT_ASSIST_COMMENT)) {
		rc = err_set(e, ERR_INVALID, "%s: at most %d bytes of UTF-8", "comment",
			     LIMIT_ASSIST_COMMENT);
		goto out;
	}
	if (rule->comment && assist_none(comment)) {
		rc = err_set(e, ERR_INVALID, "%s: is required", "comment");
		goto out;
	}
	if ((rc = condition(s, p, rule, r, e)))
		goto out;
	memset(&st, 0, sizeof(st));
	st.request = id;
	st.from = assist_stage_names[r->stage];
	st.to = assist_stage_names[stage];
	st.comment = comment;
	st.at = record_now(p);
	st.by = assist_actor_name(a);
	from_rev = r->revision;
	r->stage = (enum assist_stage)stage;
	r->revision++;
	r->updated_at = st.at;
	r->updated_by = st.by;
	if ((rc = tx_begin(&t, s, e)) ||
	    (rc = store_assist_request_update(s, r, from_rev, e)) ||
	    (rc = store_assist_step_put(s, &st, e)))
		goto out;
	rc = audit_by(s, a, AUDIT_ASSIST_MOVE, pool_printf(p, "assist/%lld", id),
		      pool_printf(p, "%s -> %s%s%s", st.from, st.to, assist_none(comment) ?
				  "" : ": ", assist_none(comment) ? "" : comment), e);
out:
	return tx_end(&t, rc, e);
}
