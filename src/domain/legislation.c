#include "domain/legislation.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/lang.h"
#include "core/log.h"
#include "core/names.h"
#include "core/xalloc.h"
#include "domain/audit.h"
#include "domain/caselaw.h"
#include "domain/country.h"
#include "domain/limits.h"
#include "domain/tx.h"
#include "import/doc.h"
#include "store/store.h"

static const char *const expr_names[] = { "in_force", "amended", "repealed" };

const char *expr_status_name(enum expr_status s)
{
	return names_at(expr_names, EXPR_REPEALED + 1, (int)s, "in_force");
}

int expr_status_parse(const char *s)
{
	return names_index(expr_names, EXPR_REPEALED + 1, s);
}

/* Akoma Ntoso writes a few countries its own way. */
static const struct {
	const char *akn, *iso;
} country_alias[] = { { "uk", "GB" } };

/* Characters allowed in a URI segment: lowercase letters, digits, - _ . ~ ; and
 * '@' only in the expression part. */
static int segment_ok(const char *s, size_t n)
{
	if (!n || strspn(s, ".") >= n)	/* empty, or a dot segment (".", "..") */
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!(islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) ||
		      strchr("-_.~", s[i])))
			return 0;
	return 1;
}

int legislation_uri_valid(struct store *s, pool *p, const char *uri, const char **country,
			  struct err *e)
{
	const char *seg[8];
	size_t len[8], n = 0, total = strlen(uri);
	struct country *c;
	char cc[3];

	if (total > 300 || strncmp(uri, "/akn/", 5))
		return err_set(e, ERR_INVALID, "'%.80s' is not an Akoma Ntoso work URI such as "
			       "/akn/ke/act/2018/5", uri);
	for (const char *q = uri + 5; *q && n < 8; n++) {
		seg[n] = q;
		len[n] = strcspn(q, "/");
		q += len[n];
		if (*q == '/')
			q++;
	}
	if (n < 4 || n > 7)
		return err_set(e, ERR_INVALID, "work URI '%.80s' needs /akn/COUNTRY/TYPE/DATE/NUMBER",
			       uri);
	for (size_t i = 0; i < n; i++)
		if (!segment_ok(seg[i], len[i]))
			return err_set(e, ERR_INVALID, "work URI '%.80s': segment %zu may only have "
				       "lowercase letters, digits and - _ . ~", uri, i + 2);
	if (len[0] == 3 && !strncmp(seg[0], "int", 3)) {
		*country = NULL;	/* an international instrument: no country */
		return ERR_OK;
	}
	if (len[0] != 2)
		return err_set(e, ERR_INVALID, "work URI '%.80s' must start with a two-letter "
			       "country code (or int for international instruments)", uri);
	cc[0] = (char)toupper((unsigned char)seg[0][0]);
	cc[1] = (char)toupper((unsigned char)seg[0][1]);
	cc[2] = '\0';
	for (size_t i = 0; i < sizeof(country_alias) / sizeof(country_alias[0]); i++)
		if (!strncmp(seg[0], country_alias[i].akn, 2))
			memcpy(cc, country_alias[i].iso, 3);
	/* /akn/CC/TYPE[/SUBTYPE][/ACTOR]/DATE/NUMBER: a year or date, then something */
	{
		size_t d = 2;

		while (d < n && !isdigit((unsigned char)seg[d][0]))
			d++;
		if (d > 4 || d + 1 >= n)
			return err_set(e, ERR_INVALID, "work URI '%.80s' needs a year or a date "
				       "after the type, then a number or name", uri);
	}
	if (country_get(s, p, cc, &c, NULL))
		return err_set(e, ERR_INVALID, "work URI '%.80s': '%.2s' is not a country", uri,
			       seg[0]);
	*country = pool_strdup(p, c->alpha2);
	return ERR_OK;
}

static int date_ok(const char *d)
{
	return record_date_valid(d);
}

int legislation_type_valid(const char *t)
{
	size_t n = t ? strlen(t) : 0;

	return n && n <= LIMIT_TYPE && strspn(t, "abcdefghijklmnopqrstuvwxyz_-") == n;
}

int legislation_eid_valid(const char *eid, struct err *e)
{
	if (!eid || !*eid || strlen(eid) > LIMIT_EID || strchr(eid, '/'))
		return err_set(e, ERR_INVALID, "after /~ comes the eId of one provision, such "
			       "as sec_14");
	return ERR_OK;
}

int legislation_split_uri(pool *p, const char *uri, const char **work, const char **lang,
			  const char **date, struct err *e)
{
	const char *at = strchr(uri, '@'), *slash, *end = uri + strlen(uri);
	const char *w_end = end;

	*lang = *date = NULL;
	if (at) {
		/* "/akn/ke/act/2018/5/eng@2018-05-30" or "/akn/ke/act/2018/5@2019-01-01" */
		*date = pool_strdup(p, at + 1);
		for (slash = at; slash > uri && *slash != '/'; slash--)
			;
		if (slash != at && at - slash - 1 == 3 && islower((unsigned char)slash[1])) {
			*lang = pool_strndup(p, slash + 1, 3);
			w_end = slash;
		} else {
			w_end = at;
		}
		if (**date && !date_ok(*date))
			return err_set(e, ERR_INVALID, "'%.40s' is not a date (YYYY-MM-DD)", *date);
		if (!**date)
			*date = NULL;
	}
	*work = pool_strndup(p, uri, (size_t)(w_end - uri));
	return ERR_OK;
}

/* eIds seen in one expression: duplicates get a suffix so that none is lost. */
struct eid_set {
	const char **slot;
	size_t cap, n;
};

static unsigned long hash_str(const char *s)
{
	unsigned long h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

/* Add eid; 1 when it was new. */
static int eid_add(struct eid_set *set, pool *p, const char *eid)
{
	size_t i;

	if (set->n * 2 >= set->cap) {
		struct eid_set bigger = { NULL, set->cap ? set->cap * 2 : 1024, 0 };

		bigger.slot = pool_calloc(p, bigger.cap, sizeof(*bigger.slot));
		for (size_t k = 0; k < set->cap; k++)
			if (set->slot[k])
				eid_add(&bigger, p, set->slot[k]);
		*set = bigger;
	}
	for (i = hash_str(eid) % set->cap; set->slot[i]; i = (i + 1) % set->cap)
		if (!strcmp(set->slot[i], eid))
			return 0;
	set->slot[i] = eid;
	set->n++;
	return 1;
}

struct importer {
	struct store *s;
	pool *p;
	long long expr_id;
	int ordinal;
	size_t count, renamed;
	struct eid_set seen;
};

static int store_nodes(struct importer *im, const struct doc_node *parent, long long parent_id,
		       int depth, struct err *e)
{
	for (const struct doc_node *n = parent->first; n; n = n->next) {
		struct provision pv;
		long long id;
		const char *eid = n->eid && *n->eid ? n->eid : pool_printf(im->p, "node_%d",
									     im->ordinal + 1);
		int rc;

		if (!eid_add(&im->seen, im->p, eid)) {
			for (int k = 2; !eid_add(&im->seen, im->p,
						 (eid = pool_printf(im->p, "%s__dup%d", n->eid, k)));
			     k++)
				;
			im->renamed++;
		}
		memset(&pv, 0, sizeof(pv));
		pv.expression_id = im->expr_id;
		pv.parent_id = parent_id;
		pv.ordinal = ++im->ordinal;
		pv.depth = depth;
		pv.eid = eid;
		pv.kind = n->kind;
		pv.num = n->num;
		pv.heading = n->heading;
		pv.text = n->text;
		if ((rc = store_prov_put(im->s, &pv, &id, e))) {
			err_prefix(e, "provision %s (line %d)", eid, n->line);
			return rc;
		}
		im->count++;
		if (n->first && (rc = store_nodes(im, n, id, depth + 1, e)))
			return rc;
	}
	return ERR_OK;
}

/* The type segment of "/akn/ke/act/2018/5", or a default. */
static const char *type_of_uri(pool *p, const char *uri, int judgment)
{
	const char *t = strchr(uri + 5, '/');
	size_t n;

	if (!t || !(n = strcspn(t + 1, "/")))
		return judgment ? "judgment" : "act";
	return pool_strndup(p, t + 1, n);
}

/* What a new record's status asks of the actor beyond creating it: a law does not
 * skip the review unless its importer could have published it. */
static const enum record_action import_needs[ST_COUNT] = {
	[ST_DRAFT] = ACT_CREATE, [ST_SUBMITTED] = ACT_SUBMIT, [ST_PUBLISHED] = ACT_PUBLISH,
	[ST_WITHDRAWN] = ACT_WITHDRAW,
};

/* A pending version of work id may be stored for d: not over a published version of
 * the same language and date (a correction of published text is a curator's). */
static int version_may_wait(struct store *s, pool *p, long long id, const struct doc *d,
			    struct err *e)
{
	const char *lang = d->language && *d->language ? d->language : "eng";
	const char *date = d->expr_date && *d->expr_date ? d->expr_date : d->date;
	struct expression *xs;
	size_t n;
	int rc;

	if ((rc = store_expr_list(s, p, id, &xs, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++)
		if (!xs[i].pending && !strcmp(xs[i].language, lang) && !strcmp(xs[i].date, date))
			return err_set(e, ERR_CONFLICT, "the version %s@%s of %s is published: a "
				       "correction of it is a curator's; a new version needs its "
				       "own date", lang, date, d->work_uri);
	return ERR_OK;
}

int legislation_import_doc(struct store *s, const struct actor *a, const struct doc *d,
			   enum record_status status, const char *tlp, long long *record_id,
			   size_t *nprov, struct err *e)
{
	struct record probe = { 0 };
	pool *p = pool_new();
	struct work *w = NULL;
	struct expression x;
	struct importer im;
	const char *country = NULL, *now = record_now(p);
	struct tx t = {0};
	int rc, judgment = d->kind == DOC_JUDGMENT, created = 0, pending = 0;

	memset(&im, 0, sizeof(im));
	*nprov = 0;
	if (!d->work_uri || !*d->work_uri) {
		rc = err_set(e, ERR_INVALID, "the document has no work URI; give one (such as "
			     "/akn/ke/act/2018/5)");
		goto out;
	}
	if ((rc = legislation_uri_valid(s, p, d->work_uri, &country, e)))
		goto out;
	if (d->country && country && strcmp(d->country, country)) {
		rc = err_set(e, ERR_INVALID, "the document's country %s does not match its work "
			     "URI %s", d->country, d->work_uri);
		goto out;
	}
	if (!d->title || !*d->title) {
		rc = err_set(e, ERR_INVALID, "the document has no title; give one");
		goto out;
	}
	if (!date_ok(d->expr_date ? d->expr_date : d->date)) {
		rc = err_set(e, ERR_INVALID, "the document has no valid version date (YYYY-MM-DD); "
			     "give one");
		goto out;
	}
	if (d->expr_end && !date_ok(d->expr_end)) {
		rc = err_set(e, ERR_INVALID, "the version's last valid day must be a date "
			     "(YYYY-MM-DD)");
		goto out;
	}
	if (d->long_title && strlen(d->long_title) > LIMIT_LONG_TITLE) {
		rc = err_set(e, ERR_INVALID, "the version's long title is longer than %d bytes",
			     LIMIT_LONG_TITLE);
		goto out;
	}
	if (d->extent && strlen(d->extent) > LIMIT_EXTENT) {
		rc = err_set(e, ERR_INVALID, "the version's extent is longer than %d bytes",
			     LIMIT_EXTENT);
		goto out;
	}
	if (tlp && !record_tlp_valid(tlp)) {
		rc = err_set(e, ERR_INVALID, "tlp: one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED");
		goto out;
	}
	/* the record as it would be made: its country counts (a focal point's own) */
	probe.kind = judgment ? REC_CASE : REC_LEGISLATION;
	probe.country = country;
	if ((unsigned)status >= ST_COUNT)
		status = ST_DRAFT;
	probe.status = status;
	if ((rc = record_allow(a, ACT_CREATE, &probe, e)) ||
	    (rc = record_allow(a, import_needs[status], NULL, e)) || (rc = tx_begin(&t, s, e)))
		goto out;
	rc = store_work_get(s, p, d->work_uri, 0, &w, NULL);
	if (rc == ERR_NOTFOUND) {
		w = pool_calloc(p, 1, sizeof(*w));
		w->rec.kind = judgment ? REC_CASE : REC_LEGISLATION;
		w->rec.country = country;
		w->rec.region = country ? NULL : "001";
		w->rec.language = lang_bcp47(d->language);
		w->rec.title = d->title;
		w->rec.source_url = d->source && !strncmp(d->source, "http", 4) ? d->source : NULL;
		w->rec.status = status;
		w->rec.tlp = tlp ? tlp : "CLEAR";
		w->rec.revision = 1;
		w->rec.created_at = w->rec.changed_at = now;
		w->rec.created_by = w->rec.changed_by = a->name;
		w->rec.owner_org = a->org_id;
		w->rec.created_by_user = a->user_id;
		if ((rc = record_validate(&w->rec, e)) ||
		    (rc = store_record_insert(s, &w->rec, &w->rec.id, e)))
			goto out;
		created = 1;
	} else if (rc) {
		rc = err_set(e, ERR_DB, "cannot look up %s", d->work_uri);
		goto out;
	} else if (w->rec.status == ST_PUBLISHED &&
		   record_allow(a, ACT_PUBLISH, &w->rec, NULL)) {
		/* a new version of a published law by someone who may not publish it waits
		 * for a curator; the law stays as published meanwhile */
		if ((rc = record_allow(a, ACT_EDIT, &w->rec, e)) ||
		    (rc = version_may_wait(s, p, w->rec.id, d, e)))
			goto out;
		pending = 1;
	} else {
		if ((rc = record_before_edit(s, p, a, &w->rec, e)))
			goto out;
		w->rec.title = d->title;
		if ((rc = store_record_update(s, &w->rec, e)))
			goto out;
	}
	w->uri = d->work_uri;
	w->type = d->type && *d->type ? d->type : type_of_uri(p, d->work_uri, judgment);
	w->subtype = d->subtype;
	w->number = d->number;
	w->date = d->date;
	if (!pending && (rc = store_work_put(s, w, e))) {
		/* a work at this URI that the caller may not read: say no more than that
		 * the URI is taken (never the store's message) */
		if (rc == ERR_CONFLICT && created && e) {
			err_clear(e);
			err_set(e, ERR_CONFLICT, "the URI %s is already in use; choose another "
				"or ask a curator", d->work_uri);
		}
		goto out;
	}
	memset(&x, 0, sizeof(x));
	x.work_id = w->rec.id;
	x.language = d->language && *d->language ? d->language : "eng";
	x.date = d->expr_date && *d->expr_date ? d->expr_date : d->date;
	x.status = EXPR_IN_FORCE;
	x.title = d->title;
	x.pending = pending;
	x.proposed_by_user = pending ? a->user_id : 0;
	x.extent = d->extent;
	x.valid_to = d->expr_end;
	x.long_title = d->long_title;
	if ((rc = store_expr_put(s, &x, &im.expr_id, e)))
		goto out;
	im.s = s;
	im.p = p;
	if ((rc = store_nodes(&im, d->root, 0, 0, e)) ||
	    (!pending && (rc = store_expr_restatus(s, w->rec.id, e))))
		goto out;
	if (judgment && !pending) {
		struct caselaw c;

		memset(&c, 0, sizeof(c));
		c.rec = w->rec;
		c.court = d->court;
		c.decided = d->date;
		c.citation = d->citation;
		c.parties = d->parties;
		c.summary = d->summary;
		c.outcome = d->outcome;
		c.work_uri = d->work_uri;
		if ((rc = store_kind_put(s, &caselaw_kind, &c, e)))
			goto out;
	}
	rc = audit_by(s, a, AUDIT_IMPORT, pool_printf(p, "record/%lld", w->rec.id),
		      pool_printf(p, "%s %s@%s: %zu provisions, %s", d->work_uri, x.language,
				  x.date, im.count, created ? "new record" : pending ?
				  "new version, waits for review" : "existing record"), e);
out:
	if ((rc = tx_end(&t, rc, e)) == ERR_OK) {
		if (im.renamed)
			log_warn("%s: %zu repeated eIds were given a __dupN suffix", d->work_uri,
				 im.renamed);
		*record_id = w->rec.id;
		*nprov = im.count;
	}
	pool_free(p);
	return rc;
}

int legislation_get(struct store *s, pool *p, const char *uri, struct work **out,
		    struct err *e)
{
	return store_work_get(s, p, uri, 0, out, e);
}

int legislation_get_id(struct store *s, pool *p, long long id, struct work **out,
		       struct err *e)
{
	return store_work_get(s, p, NULL, id, out, e);
}

int legislation_read(struct store *s, pool *p, const struct actor *a, const char *uri,
		     struct work **out, struct err *e)
{
	int rc = legislation_get(s, p, uri, out, e);

	return rc ? rc : record_read(s, a, &(*out)->rec, e);
}

int legislation_read_id(struct store *s, pool *p, const struct actor *a, long long id,
			struct work **out, struct err *e)
{
	int rc = legislation_get_id(s, p, id, out, e);

	return rc ? rc : record_read(s, a, &(*out)->rec, e);
}

int legislation_list(struct store *s, pool *p, const struct actor *a,
		     const struct record_query *q, struct work **out, size_t *n,
		     struct err *e)
{
	int rc = store_work_list(s, p, q, out, n, e);

	if (rc || !a)
		return rc;
	return record_read_each(s, a, *out, sizeof(**out), *n, e);
}

int legislation_expressions(struct store *s, pool *p, long long work_id,
			    struct expression **out, size_t *n, struct err *e)
{
	return store_expr_list(s, p, work_id, out, n, e);
}

int legislation_as_of(struct store *s, pool *p, long long work_id, const char *lang,
		      const char *date, struct expression **out, struct err *e)
{
	struct expression *xs;
	struct work *w;
	size_t n;
	char today[11];
	int rc;

	if (!date) {
		time_t t = time(NULL);
		struct tm tm;

		gmtime_r(&t, &tm);
		strftime(today, sizeof(today), "%Y-%m-%d", &tm);
		date = today;
	}
	if (!date_ok(date))
		return err_set(e, ERR_INVALID, "'%.40s' is not a date (YYYY-MM-DD)", date);
	if ((rc = store_expr_list(s, p, work_id, &xs, &n, e)))
		return rc;
	/* without a language, the work's own language when it has a version then */
	if (!lang && !store_work_get(s, p, NULL, work_id, &w, NULL)) {
		for (size_t i = 0; i < n; i++) {
			if (!xs[i].pending && strcmp(xs[i].date, date) <= 0 &&
			    !strcmp(lang_bcp47(xs[i].language), w->rec.language)) {
				*out = &xs[i];
				return ERR_OK;
			}
		}
	}
	/* newest first: the first on or before the date is the one in force */
	for (size_t i = 0; i < n; i++) {
		/* a version waiting for review is in force nowhere */
		if (xs[i].pending || strcmp(xs[i].date, date) > 0 ||
		    (lang && strcmp(xs[i].language, lang)))
			continue;
		*out = &xs[i];
		return ERR_OK;
	}
	if (lang)
		return err_set(e, ERR_NOTFOUND, "no version in that language in force on %s",
			       date);
	return err_set(e, ERR_NOTFOUND, "no version in force on %s", date);
}

int legislation_expression(struct store *s, pool *p, long long work_id, const char *lang,
			   const char *date, struct expression **out, struct err *e)
{
	struct expression *xs;
	size_t n;
	int rc = store_expr_list(s, p, work_id, &xs, &n, e);

	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++) {
		if ((!lang || !strcmp(xs[i].language, lang)) && !strcmp(xs[i].date, date)) {
			*out = &xs[i];
			return ERR_OK;
		}
	}
	return err_set(e, ERR_NOTFOUND, "no version %s@%s", lang ? lang : "", date);
}

int legislation_provisions(struct store *s, pool *p, long long expression_id,
			   struct provision **out, size_t *n, struct err *e)
{
	return store_prov_list(s, p, expression_id, out, n, e);
}

int legislation_provision(struct store *s, pool *p, long long expression_id, const char *eid,
			  struct provision **out, struct err *e)
{
	int rc = store_prov_get(s, p, expression_id, eid, out, NULL);

	if (rc == ERR_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "no provision %.80s in this version", eid);
	if (rc)
		return err_set(e, rc, "cannot read provision %.80s", eid);
	return ERR_OK;
}

int legislation_history(struct store *s, pool *p, long long work_id, const char *eid,
			struct expression **exprs, struct provision ***provs, size_t *n,
			struct err *e)
{
	struct expression *xs;
	size_t nx;
	int rc = store_expr_list(s, p, work_id, &xs, &nx, e), found = 0;

	if (rc)
		return rc;
	*exprs = pool_calloc(p, nx ? nx : 1, sizeof(**exprs));
	*provs = pool_calloc(p, nx ? nx : 1, sizeof(**provs));
	for (size_t i = 0; i < nx; i++) {	/* oldest first */
		struct provision *pv;

		(*exprs)[i] = xs[nx - 1 - i];
		(*provs)[i] = legislation_provision(s, p, xs[nx - 1 - i].id, eid, &pv, NULL) ?
			      NULL : pv;
		found |= (*provs)[i] != NULL;
	}
	*n = nx;
	if (!found)
		return err_set(e, ERR_NOTFOUND, "no version has a provision %.80s", eid);
	return ERR_OK;
}

int legislation_to_doc(struct store *s, const struct work *w, const struct expression *x,
		       struct doc **out, struct err *e)
{
	struct doc *d = doc_new();
	struct provision *pv;
	struct doc_node **node;
	size_t n;
	int rc;

	if ((rc = store_prov_list(s, d->pool, x->id, &pv, &n, e))) {
		doc_free(d);
		return rc;
	}
	d->kind = w->rec.kind == REC_CASE ? DOC_JUDGMENT : DOC_LEGISLATION;
	d->work_uri = pool_strdup(d->pool, w->uri);
	d->country = pool_strdup(d->pool, w->rec.country);
	d->type = pool_strdup(d->pool, w->type);
	d->subtype = pool_strdup(d->pool, w->subtype);
	d->number = pool_strdup(d->pool, w->number);
	d->date = pool_strdup(d->pool, w->date);
	d->title = pool_strdup(d->pool, x->title ? x->title : w->rec.title);
	d->language = pool_strdup(d->pool, x->language);
	d->expr_date = pool_strdup(d->pool, x->date);
	d->expr_end = pool_strdup(d->pool, x->valid_to);
	d->long_title = pool_strdup(d->pool, x->long_title);
	d->extent = pool_strdup(d->pool, x->extent);
	d->source = pool_strdup(d->pool, w->rec.source_url);
	/* provisions come in document order, parents before children, and were
	 * stored in that order, so ids grow with it: find each parent by binary search
	 * among those already placed */
	node = xcalloc(n ? n : 1, sizeof(*node));
	for (size_t i = 0; i < n; i++) {
		struct doc_node *parent = d->root;
		size_t lo = 0, hi = i;

		while (pv[i].parent_id && lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (pv[mid].id == pv[i].parent_id) {
				parent = node[mid];
				break;
			}
			if (pv[mid].id < pv[i].parent_id)
				lo = mid + 1;
			else
				hi = mid;
		}
		node[i] = doc_add(d, parent, pv[i].kind, pv[i].eid, pv[i].num, pv[i].heading,
				  pv[i].text, 0);
	}
	free(node);
	*out = d;
	return ERR_OK;
}
