/* /api/v1/instruments and /api/v1/crosswalk */
#include <string.h>

#include "api/api.h"
#include "domain/instrument.h"

static const struct api_field instrument_fields[] = {
	API_FIELD(struct instrument, id, API_STR),
	API_FIELD(struct instrument, short_name, API_STR),
	API_FIELD(struct instrument, title, API_STR),
	API_FIELD(struct instrument, adopted, API_STR),
	API_FIELD(struct instrument, work_uri, API_STR),
	API_FIELD(struct instrument, article_count, API_INT),
	API_END
};

static json_t *article_id(const void *a)
{
	return api_article_ref(((const struct article *)a)->instrument,
			       ((const struct article *)a)->number);
}

static const struct api_field article_fields[] = {
	API_FIELD(struct article, instrument, API_STR),
	API_FIELD(struct article, number, API_INT),
	API_COMPUTED("id", article_id),
	API_FIELD(struct article, title, API_STR),
	API_FIELD(struct article, chapter, API_STR),
	API_FIELD(struct article, category, API_STR),
	API_END
};

/* The counterpart's article reference, or null for a topic without one */
static json_t *link_article(const void *l)
{
	const struct xwalk_link *x = l;

	return x->number ? api_article_ref(x->instrument, x->number) : json_null();
}

static const struct api_field link_fields[] = {
	API_FIELD(struct xwalk_link, topic, API_STR),
	API_FIELD(struct xwalk_link, instrument, API_STR),
	API_COMPUTED("article", link_article),
	API_FIELD(struct xwalk_link, title, API_STR_NULL),
	API_FIELD(struct xwalk_link, relation, API_STR),
	API_END
};

int api_instruments(struct req *r, struct resp *out)
{
	struct instrument *ins;
	size_t n;
	struct err e = { 0 };

	if (instrument_list(r->store, r->pool, &ins, &n, &e))
		return http_fail(r, out, &e);
	return api_send(out, 200, json_pack("{s:o}", "instruments",
					    api_array(ins, n, sizeof(*ins), instrument_fields)));
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
	j = api_object(in, instrument_fields);
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
	for (size_t i = 0; i < n; i++)
		if (!category || !strcmp(ar[i].category, category))
			json_array_append_new(arr, api_object(&ar[i], article_fields));
	j = json_object();
	json_object_set_new(j, "instrument", json_string(in->id));
	json_object_set_new(j, "count", json_integer((json_int_t)json_array_size(arr)));
	json_object_set_new(j, "articles", arr);
	return api_send(out, 200, j);
}

int api_article_of(struct req *r, struct resp *out, struct instrument **in, struct article **a)
{
	struct err e = { 0 };
	int number;

	if (instrument_get(r->store, r->pool, r->params[0], in, &e) ||
	    instrument_article_number(r->params[1], &number, &e) ||
	    instrument_article(r->store, r->pool, (*in)->id, number, a, &e))
		return http_fail(r, out, &e);
	return 0;
}

int api_article(struct req *r, struct resp *out)
{
	struct instrument *in;
	struct article *a;
	struct xwalk_link *links;
	size_t n;
	struct err e = { 0 };
	json_t *j;

	if (api_article_of(r, out, &in, &a))
		return out->status;
	if (instrument_counterparts(r->store, r->pool, in->id, a->number, &links, &n, &e))
		return http_fail(r, out, &e);
	j = api_object(a, article_fields);
	json_object_set_new(j, "counterparts", api_array(links, n, sizeof(*links), link_fields));
	return api_send(out, 200, j);
}

int api_crosswalk(struct req *r, struct resp *out)
{
	struct xwalk_row *rows;
	size_t n;
	struct err e = { 0 };
	json_t *arr;

	if (instrument_crosswalk(r->store, r->pool, &rows, &n, &e))
		return http_fail(r, out, &e);
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *row = json_object();

		json_object_set_new(row, "topic", json_string(rows[i].topic));
		json_object_set_new(row, rows[i].a_instrument, rows[i].a_number ?
				    api_article_ref(rows[i].a_instrument, rows[i].a_number) : json_null());
		json_object_set_new(row, rows[i].b_instrument, rows[i].b_number ?
				    api_article_ref(rows[i].b_instrument, rows[i].b_number) : json_null());
		json_object_set_new(row, "relation", json_string(rows[i].relation));
		json_array_append_new(arr, row);
	}
	return api_send_list(out, "crosswalk", arr, NULL);
}
