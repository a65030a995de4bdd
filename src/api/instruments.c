/* /api/v1/instruments and /api/v1/crosswalk */
#include <string.h>

#include "api/api.h"
#include "domain/instrument.h"

static json_t *instrument_json(const struct instrument *in)
{
	json_t *j = json_object();

	json_object_set_new(j, "id", json_string(in->id));
	json_object_set_new(j, "short_name", json_string(in->short_name));
	json_object_set_new(j, "title", json_string(in->title));
	json_object_set_new(j, "adopted", json_string(in->adopted));
	json_object_set_new(j, "work_uri", json_string(in->work_uri));
	json_object_set_new(j, "article_count", json_integer(in->article_count));
	return j;
}

/* "coe-185/2": the article reference used across the API */
static json_t *ref(const char *instrument, int number)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%s/%d", instrument, number);
	return json_string(buf);
}

static json_t *article_json(const struct article *a)
{
	json_t *j = json_object();

	json_object_set_new(j, "instrument", json_string(a->instrument));
	json_object_set_new(j, "number", json_integer(a->number));
	json_object_set_new(j, "id", ref(a->instrument, a->number));
	json_object_set_new(j, "title", json_string(a->title));
	json_object_set_new(j, "chapter", json_string(a->chapter));
	json_object_set_new(j, "category", json_string(a->category));
	return j;
}

int api_instruments(struct req *r, struct resp *out)
{
	struct instrument *ins;
	size_t n;
	struct err e = { 0 };
	json_t *arr, *j;

	if (instrument_list(r->store, r->pool, &ins, &n, &e))
		return http_fail(r, out, &e);
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, instrument_json(&ins[i]));
	j = json_object();
	json_object_set_new(j, "instruments", arr);
	return api_send(out, 200, j);
}

int api_instrument(struct req *r, struct resp *out)
{
	struct instrument *in;
	struct chapter *ch;
	size_t nch;
	struct err e = { 0 };
	json_t *j, *chapters;

	if (instrument_get(r->store, r->pool, r->params[0], &in, &e) ||
	    instrument_chapters(r->store, r->pool, in->id, &ch, &nch, &e))
		return http_fail(r, out, &e);
	j = instrument_json(in);
	chapters = json_array();
	for (size_t i = 0; i < nch; i++) {
		json_t *c = json_object();

		json_object_set_new(c, "code", json_string(ch[i].code));
		json_object_set_new(c, "parent", ch[i].parent[0] ? json_string(ch[i].parent) :
							     json_null());
		json_object_set_new(c, "title", json_string(ch[i].title));
		json_array_append_new(chapters, c);
	}
	json_object_set_new(j, "chapters", chapters);
	return api_send(out, 200, j);
}

int api_articles(struct req *r, struct resp *out)
{
	struct instrument *in;
	struct article *ar;
	size_t n;
	struct err e = { 0 };
	const char *category = req_arg(r, "category");
	json_t *arr, *j;

	if (category && !instrument_category_valid(category))
		return http_error(r, out, 400, pool_printf(r->pool, "'%.40s' is not a category; "
							   "see the OpenAPI document", category));
	if (instrument_get(r->store, r->pool, r->params[0], &in, &e) ||
	    instrument_articles(r->store, r->pool, in->id, &ar, &n, &e))
		return http_fail(r, out, &e);
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *a;

		if (category && strcmp(ar[i].category, category))
			continue;
		a = article_json(&ar[i]);
		json_array_append_new(arr, a);
	}
	j = json_object();
	json_object_set_new(j, "instrument", json_string(in->id));
	json_object_set_new(j, "count", json_integer((json_int_t)json_array_size(arr)));
	json_object_set_new(j, "articles", arr);
	return api_send(out, 200, j);
}

int api_article(struct req *r, struct resp *out)
{
	struct instrument *in;
	struct article *a;
	struct xwalk_link *links;
	size_t n;
	int number;
	struct err e = { 0 };
	json_t *j, *cp;

	if (instrument_get(r->store, r->pool, r->params[0], &in, &e) ||
	    instrument_article_number(r->params[1], &number, &e) ||
	    instrument_article(r->store, r->pool, in->id, number, &a, &e) ||
	    instrument_counterparts(r->store, r->pool, in->id, number, &links, &n, &e))
		return http_fail(r, out, &e);
	j = article_json(a);
	cp = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *l = json_object();

		json_object_set_new(l, "topic", json_string(links[i].topic));
		json_object_set_new(l, "instrument", json_string(links[i].instrument));
		json_object_set_new(l, "article", links[i].number ?
				    ref(links[i].instrument, links[i].number) : json_null());
		json_object_set_new(l, "title", api_str(links[i].title));
		json_object_set_new(l, "relation", json_string(links[i].relation));
		json_array_append_new(cp, l);
	}
	json_object_set_new(j, "counterparts", cp);
	return api_send(out, 200, j);
}

int api_crosswalk(struct req *r, struct resp *out)
{
	struct xwalk_row *rows;
	size_t n;
	struct err e = { 0 };
	json_t *arr, *j;

	if (instrument_crosswalk(r->store, r->pool, &rows, &n, &e))
		return http_fail(r, out, &e);
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *row = json_object();

		json_object_set_new(row, "topic", json_string(rows[i].topic));
		json_object_set_new(row, rows[i].a_instrument, rows[i].a_number ?
				    ref(rows[i].a_instrument, rows[i].a_number) : json_null());
		json_object_set_new(row, rows[i].b_instrument, rows[i].b_number ?
				    ref(rows[i].b_instrument, rows[i].b_number) : json_null());
		json_object_set_new(row, "relation", json_string(rows[i].relation));
		json_array_append_new(arr, row);
	}
	j = json_object();
	json_object_set_new(j, "count", json_integer((json_int_t)n));
	json_object_set_new(j, "crosswalk", arr);
	return api_send(out, 200, j);
}
