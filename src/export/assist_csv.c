/* The lists of technical assistance as CSV (contract in export/assist_csv.h). */
#include "export/assist_csv.h"

#include "export/csv.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *num(pool *p, long long v)
{
	return pool_printf(p, "%lld", v);
}

/* amount of code as text in its unit, or in minor units when the unit is unknown. */
static const char *amount(pool *p, const char *code, long long v, assist_csv_minor_fn *minor,
			  void *ctx)
{
	int m = code && minor ? minor(ctx, code) : -1;

	return m >= 0 ? assist_amount_text(p, v, m) : num(p, v);
}

void assist_csv_requests(struct sbuf *out, pool *p, const struct assist_request *v, size_t n,
			 assist_csv_minor_fn *minor, void *ctx)
{
	static const char *const head[] = {
		"id", "country", "title", "topic", "beneficiary", "targets", "languages",
		"date_from", "date_to", "urgency", "modes", "budget_currency", "budget_amount",
		"needs", "tlp", "stage", "revision", "created_at", "created_by", "updated_at",
	};

	csv_row(out, head, NELEM(head));
	for (size_t i = 0; i < n; i++) {
		const struct assist_request *r = &v[i];
		const char *row[] = {
			num(p, r->id), r->country, r->title, r->topic, r->beneficiary, r->targets,
			r->languages, r->date_from, r->date_to, num(p, r->urgency), r->modes,
			r->budget_currency,
			r->budget_currency ? amount(p, r->budget_currency, r->budget_amount, minor,
						    ctx) : "",
			r->needs, r->tlp,
			r->stage < AS_STAGE_COUNT ? assist_stage_names[r->stage] : "",
			num(p, r->revision), r->created_at, r->created_by, r->updated_at,
		};

		csv_row(out, row, NELEM(row));
	}
}

void assist_csv_offers(struct sbuf *out, pool *p, const struct assist_offer *v, size_t n)
{
	static const char *const head[] = {
		"id", "org", "title", "topics", "regions", "languages", "modes", "capacity",
		"period_from", "period_to", "created_at", "withdrawn_at",
	};

	csv_row(out, head, NELEM(head));
	for (size_t i = 0; i < n; i++) {
		const struct assist_offer *o = &v[i];
		const char *row[] = {
			num(p, o->id), o->org_name, o->title, o->topics, o->regions, o->languages,
			o->modes, num(p, o->capacity), o->period_from, o->period_to,
			o->created_at, o->withdrawn_at,
		};

		csv_row(out, row, NELEM(row));
	}
}

void assist_csv_overlaps(struct sbuf *out, pool *p, const struct assist_overlap *v, size_t n)
{
	static const char *const head[] = {
		"request_a", "request_b", "country", "topic", "kind", "target", "beneficiary_a",
		"beneficiary_b", "from_a", "to_a", "from_b", "to_b",
	};

	csv_row(out, head, NELEM(head));
	for (size_t i = 0; i < n; i++) {
		const struct assist_overlap *o = &v[i];
		char fa[11], ta[11], fb[11], tb[11];

		assist_period(o->a, fa, ta);
		assist_period(o->b, fb, tb);
		{
			const char *row[] = {
				num(p, o->a->id), num(p, o->b->id), o->a->country, o->a->topic,
				o->kind == AO_BENEFICIARY ? "beneficiary" : "target",
				o->kind == AO_TARGET ? o->target : "", o->a->beneficiary,
				o->b->beneficiary, fa, ta, fb, tb,
			};

			csv_row(out, row, NELEM(row));
		}
	}
}

void assist_csv_totals(struct sbuf *out, pool *p, const char *by, const struct assist_sum *v,
		       size_t n)
{
	const char *head[] = { by, "currency", "pledged", "disbursed" };

	csv_row(out, head, NELEM(head));
	for (size_t i = 0; i < n; i++) {
		const char *row[] = {
			v[i].key, v[i].currency, assist_amount_text(p, v[i].pledged, v[i].minor),
			assist_amount_text(p, v[i].disbursed, v[i].minor),
		};

		csv_row(out, row, NELEM(row));
	}
}

void assist_csv_matches(struct sbuf *out, pool *p, const struct assist_match *m,
			const struct assist_request *const *q, const char *org, size_t n)
{
	static const char *const head[] = {
		"request", "country", "title", "offer", "org", "status", "score", "stage",
		"confirmed_at", "answered_at",
	};

	csv_row(out, head, NELEM(head));
	for (size_t i = 0; i < n; i++) {
		const char *row[] = {
			num(p, m[i].request), q[i]->country, q[i]->title, num(p, m[i].offer), org,
			m[i].status < AM_STATUS_COUNT ? assist_match_status_names[m[i].status] : "",
			pool_printf(p, "%.2f", m[i].score),
			q[i]->stage < AS_STAGE_COUNT ? assist_stage_names[q[i]->stage] : "",
			m[i].confirmed_at, m[i].answered_at,
		};

		csv_row(out, row, NELEM(row));
	}
}

void assist_csv_funds(struct sbuf *out, pool *p, const struct assist_fund *v, size_t n,
		      assist_csv_minor_fn *minor, void *ctx)
{
	static const char *const head[] = {
		"request", "donor", "kind", "currency", "amount", "on_date", "at", "by",
	};

	csv_row(out, head, NELEM(head));
	for (size_t i = 0; i < n; i++) {
		const struct assist_fund *f = &v[i];
		const char *row[] = {
			num(p, f->request), f->donor_name,
			f->kind < AF_KIND_COUNT ? assist_fund_kind_names[f->kind] : "", f->currency,
			amount(p, f->currency, f->amount, minor, ctx), f->on_date, f->at, f->by,
		};

		csv_row(out, row, NELEM(row));
	}
}
