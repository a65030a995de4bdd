/* assist_csv: the lists of technical assistance (domain/assist.h) as CSV (RFC 4180,
 * through export/csv.h, every field guarded against formula injection): requests,
 * offers, overlaps, totals, a provider's matches and a donor's funding. One header row of column
 * names (English keys, as the JSON API names them), then one row per item. Amounts
 * are written exactly in the currency's unit ("1234.50"), never converted; codes and
 * keys as stored (alpha-2, topic keys, stage names), so that a program can read the
 * file back. Temporary strings go to p. */
#ifndef EXPORT_ASSIST_CSV_H
#define EXPORT_ASSIST_CSV_H
#include <stddef.h>

#include "core/pool.h"
#include "core/sbuf.h"
#include "domain/assist.h"

/* The digits after the point of currency code (ISO 4217), as the caller knows them
 * (ctx is the caller's), or -1 when unknown: the amount is then written in minor
 * units with the column's name saying so nowhere, so callers resolve every code. */
typedef int assist_csv_minor_fn(void *ctx, const char *code);

/* Requests v[0..n): id, country, title, topic, beneficiary, targets, languages,
 * date_from, date_to, urgency, modes, budget_currency, budget_amount, needs, tlp,
 * stage, revision, created_at, created_by, updated_at. */
void assist_csv_requests(struct sbuf *out, pool *p, const struct assist_request *v, size_t n,
			 assist_csv_minor_fn *minor, void *ctx);
/* Offers v[0..n): id, org, title, topics, regions, languages, modes, capacity,
 * period_from, period_to, created_at, withdrawn_at. */
void assist_csv_offers(struct sbuf *out, pool *p, const struct assist_offer *v, size_t n);
/* Overlaps v[0..n): request_a, request_b, country, topic, kind (beneficiary or
 * target), target, beneficiary_a, beneficiary_b, from_a, to_a, from_b, to_b (the
 * periods compared, assist_period). */
void assist_csv_overlaps(struct sbuf *out, pool *p, const struct assist_overlap *v, size_t n);
/* Totals v[0..n) by by (a name of assist_by_names): that name as the first column's
 * name (donor, country, region, topic), then currency, pledged, disbursed. */
void assist_csv_totals(struct sbuf *out, pool *p, const char *by, const struct assist_sum *v,
		       size_t n);
/* Matches m[0..n) of the requests q[0..n) (q[i] the request of m[i]): request,
 * country, title, offer, org, status, score, stage, confirmed_at, answered_at. */
void assist_csv_matches(struct sbuf *out, pool *p, const struct assist_match *m,
			const struct assist_request *const *q, const char *org, size_t n);
/* Funding rows v[0..n): request, donor, kind, currency, amount, on_date, at, by. */
void assist_csv_funds(struct sbuf *out, pool *p, const struct assist_fund *v, size_t n,
		      assist_csv_minor_fn *minor, void *ctx);

#endif
