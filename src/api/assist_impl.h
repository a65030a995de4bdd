/* assist_impl: what the files of /api/v1/assistance share (src/api/assist.c,
 * assist_match.c, assist_funds.c); not for other modules. Every rule is the domain's
 * (domain/assist.h): these decode bodies, name the member that is wrong, pick the
 * status and encode. */
#ifndef API_ASSIST_IMPL_H
#define API_ASSIST_IMPL_H

#include "api/api.h"
#include "domain/assist.h"

/* The largest body an assistance endpoint reads: the largest valid request (a
 * description of LIMIT_ASSIST_TEXT bytes, a title and a beneficiary, lists of
 * LIMIT_ASSIST_ITEMS and LIMIT_ASSIST_NEEDS items) is some 20 KiB even with every
 * character escaped; more is refused with 413 before it is parsed. */
#define API_ASSIST_BODY_MAX (64 * 1024)
/* An attendance list: LIMIT_ASSIST_NAMES names of LIMIT_ASSIST_PERSON bytes, each as
 * a JSON string with its comma, twice over for escapes. */
#define API_ASSIST_NAMES_MAX (2 * LIMIT_ASSIST_NAMES * (LIMIT_ASSIST_PERSON + 4))

/* How a member of a body becomes the text the domain reads. */
enum api_assist_kind {
	AAK_STR,	/* a string (or null) */
	AAK_LIST,	/* an array of strings (or one comma-separated string) -> "a,b" */
	AAK_WHOLE,	/* a whole number (JSON integer) -> its digits */
	AAK_AMOUNT,	/* text "1234.56" or a whole number of units; never a fraction
			 * in binary floating point */
};
/* One member: its key, its kind and where the text goes (a const char * member of
 * the domain's input struct). Tables end with a NULL key. */
struct api_assist_member {
	const char *key;
	enum api_assist_kind kind;
	size_t offset;
};

/* The path's id (r->params[0]) into *id; 404 "no WHAT" when it is not a number.
 * Sets the response uncacheable (what one reads depends on who asks). */
int api_assist_id(struct req *r, struct resp *out, const char *what, long long *id);
/* 401 when r is not signed in (a change needs an account), else 0. */
int api_assist_signed_in(struct req *r, struct resp *out);
/* http_fail, but a refusal to the public is 401 (sign in). Returns the status. */
int api_assist_fail(struct req *r, struct resp *out, const struct err *e);
/* The body as a JSON object of at most max bytes (API_ASSIST_BODY_MAX but for
 * attendance lists) whose members are all in m (and extra[0..nextra)); NULL after
 * answering 413, 415 or 400 naming the member. An empty body is {} when empty_ok. */
json_t *api_assist_body(struct req *r, struct resp *out, size_t max,
			const struct api_assist_member *m, const char *const *extra,
			size_t nextra, int empty_ok);
/* The members m of body into the struct at in (pool text); 400 naming the member
 * otherwise (body is kept: the caller releases it). 0 or the status. */
int api_assist_take(struct req *r, struct resp *out, json_t *body,
		    const struct api_assist_member *m, void *in);
/* Member key of body, a whole number from min to max, into *n; required or not (*n
 * left as it is when absent). 400 naming it otherwise. 0 or the status. */
int api_assist_whole(struct req *r, struct resp *out, json_t *body, const char *key,
		     long long min, long long max, int required, long long *n);

/* "a,b" as ["a", "b"] ("" and NULL: []). */
json_t *api_assist_list(const char *list);
/* An amount: {"currency", "minor_unit", "amount_minor" (exact integer), "amount"
 * (decimal text)}; the currency's minor unit from the table (2 when it is not
 * there). */
json_t *api_assist_money(struct req *r, const char *currency, long long amount);
/* Whether r's asker acts on request x (assist_who is not empty): those see who did
 * what (DESIGN, style 12). */
int api_assist_acts(struct req *r, const struct assist_request *x);
/* Request x as the API shows it. */
json_t *api_assist_request_json(struct req *r, const struct assist_request *x);
/* Offer o as the API shows it. */
json_t *api_assist_offer_json(struct req *r, const struct assist_offer *o);

#endif
