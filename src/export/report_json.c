/* report_json: reports as JSON and CSV (report_json.h). */
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "export/csv.h"
#include "export/report_json.h"

const char *const report_ctype_names[] = {
	[RC_TEXT] = "text", [RC_MSG] = "msg", [RC_NUM] = "number", [RC_SHARE] = "share",
	[RC_DATE] = "date", [RC_COUNTRY] = "country", [RC_PATH] = "path",
	[RC_AMOUNT] = "amount",
};
#define CTYPE_COUNT (sizeof(report_ctype_names) / sizeof(report_ctype_names[0]))

static json_t *str(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *cell(const char *v, enum report_ctype t)
{
	if (!v)
		return json_null();
	if (t == RC_NUM)
		return json_integer(strtoll(v, NULL, 10));
	if (t == RC_SHARE)
		return json_real(strtod(v, NULL));
	return json_string(v);
}

static json_t *table_json(const struct report_table *t)
{
	json_t *o = json_object(), *cols = json_array(), *rows = json_array();

	for (size_t c = 0; c < t->ncols; c++) {
		json_t *x = json_object();

		json_object_set_new(x, "key", json_string(t->cols[c].key));
		json_object_set_new(x, "label", json_string(t->cols[c].label));
		json_object_set_new(x, "type", json_string(report_ctype_names[t->cols[c].type]));
		json_array_append_new(cols, x);
	}
	for (size_t i = 0; i < t->nrows; i++) {
		json_t *row = json_array();

		for (size_t c = 0; c < t->ncols; c++)
			json_array_append_new(row, cell(t->cells[i * t->ncols + c], t->cols[c].type));
		json_array_append_new(rows, row);
	}
	json_object_set_new(o, "key", json_string(t->key));
	json_object_set_new(o, "title", json_string(t->title));
	json_object_set_new(o, "truncated", json_boolean(t->truncated));
	json_object_set_new(o, "columns", cols);
	json_object_set_new(o, "rows", rows);
	return o;
}

json_t *report_json(const struct report *r)
{
	json_t *j = json_object(), *scope = json_object(), *secs = json_array(),
	       *comm = json_array(), *countries = json_array();

	json_object_set_new(j, "id", r->id ? json_integer(r->id) : json_null());
	json_object_set_new(j, "title", str(r->title));
	json_object_set_new(j, "made_at", str(r->made_at));
	json_object_set_new(j, "made_by", str(r->made_by));
	json_object_set_new(j, "from", json_string(r->q.period.from));
	json_object_set_new(j, "to", json_string(r->q.period.to));
	json_object_set_new(scope, "region", r->q.region[0] ? json_string(r->q.region) :
			    json_null());
	for (size_t i = 0; i < r->q.ncountries; i++)
		json_array_append_new(countries, json_string(r->q.countries[i]));
	json_object_set_new(scope, "countries", countries);
	json_object_set_new(j, "scope", scope);
	json_object_set_new(j, "level", json_string(r->q.level == REPORT_GREEN ? "green" :
						    "public"));
	json_object_set_new(j, "note", json_string(r->q.level == REPORT_GREEN ?
						   REPORT_GREEN_NOTE : REPORT_PUBLIC_NOTE));
	for (size_t i = 0; i < r->nsections; i++) {
		const struct report_section *s = &r->sections[i];
		json_t *o = json_object(), *figs = json_array(), *tabs = json_array();

		json_object_set_new(o, "key", json_string(s->key));
		json_object_set_new(o, "title", json_string(s->title));
		json_object_set_new(o, "note", str(s->note));
		for (size_t k = 0; k < s->nfigures; k++) {
			json_t *f = json_object();

			json_object_set_new(f, "key", json_string(s->figures[k].key));
			json_object_set_new(f, "label", json_string(s->figures[k].label));
			json_object_set_new(f, "of", str(s->figures[k].of));
			json_object_set_new(f, "unit", str(s->figures[k].unit));
			json_object_set_new(f, "value", json_real(s->figures[k].value));
			json_object_set_new(f, "share", json_boolean(s->figures[k].share));
			json_array_append_new(figs, f);
		}
		for (size_t k = 0; k < s->ntables; k++)
			json_array_append_new(tabs, table_json(&s->tables[k]));
		json_object_set_new(o, "figures", figs);
		json_object_set_new(o, "tables", tabs);
		json_array_append_new(secs, o);
	}
	json_object_set_new(j, "sections", secs);
	for (size_t g = 0; g < REPORT_PARAGRAPH_COUNT; g++) {
		const struct report_paragraph *pg = &report_paragraphs[g];
		json_t *o = json_object(), *keys = json_array();

		for (size_t i = 0; i < r->nsections; i++)
			for (size_t k = 0; k < r->sections[i].nfigures; k++)
				if (report_paragraph_has(pg, r->sections[i].figures[k].key))
					json_array_append_new(keys,
						json_string(r->sections[i].figures[k].key));
		json_object_set_new(o, "paragraph", json_integer(pg->number));
		json_object_set_new(o, "gist", json_string(pg->gist));
		json_object_set_new(o, "figures", keys);
		json_object_set_new(o, "prose", str(r->prose[g]));
		json_array_append_new(comm, o);
	}
	json_object_set_new(j, "commission", comm);
	return j;
}

/* ---- reading back ---- */

static const char *get_str(pool *p, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? pool_strdup(p, json_string_value(v)) : NULL;
}

static const char *cell_text(pool *p, json_t *v, enum report_ctype t)
{
	if (json_is_string(v))
		return pool_strdup(p, json_string_value(v));
	if (json_is_integer(v))
		return pool_printf(p, "%lld", (long long)json_integer_value(v));
	if (json_is_number(v))
		return t == RC_SHARE ? pool_printf(p, "%.6f", json_number_value(v)) :
		       pool_printf(p, "%.15g", json_number_value(v));
	return NULL;
}

static int read_table(pool *p, json_t *o, struct report_table *t, struct err *e)
{
	json_t *cols = json_object_get(o, "columns"), *rows = json_object_get(o, "rows");
	struct report_column *c;

	t->key = get_str(p, o, "key");
	t->title = get_str(p, o, "title");
	t->truncated = json_is_true(json_object_get(o, "truncated"));
	if (!t->key || !t->title || !json_is_array(cols) || !json_is_array(rows) ||
	    !json_array_size(cols))
		return err_set(e, ERR_INVALID, "content: a table without key, title, columns "
			       "or rows");
	t->ncols = json_array_size(cols);
	t->cols = c = pool_calloc(p, t->ncols, sizeof(*c));
	for (size_t i = 0; i < t->ncols; i++) {
		json_t *x = json_array_get(cols, i);
		const char *type = get_str(p, x, "type");

		c[i].key = get_str(p, x, "key");
		c[i].label = get_str(p, x, "label");
		c[i].type = RC_TEXT;
		for (size_t k = 0; type && k < CTYPE_COUNT; k++)
			if (!strcmp(type, report_ctype_names[k]))
				c[i].type = (enum report_ctype)k;
		if (!c[i].key || !c[i].label)
			return err_set(e, ERR_INVALID, "content: a column without key or label");
	}
	t->nrows = json_array_size(rows);
	t->cells = pool_calloc(p, t->nrows * t->ncols + 1, sizeof(*t->cells));
	for (size_t i = 0; i < t->nrows; i++) {
		json_t *row = json_array_get(rows, i);

		if (!json_is_array(row) || json_array_size(row) != t->ncols)
			return err_set(e, ERR_INVALID, "content: table %s row %zu has not %zu cells",
				       t->key, i + 1, t->ncols);
		for (size_t k = 0; k < t->ncols; k++)
			t->cells[i * t->ncols + k] = cell_text(p, json_array_get(row, k), c[k].type);
	}
	return ERR_OK;
}

int report_json_read(pool *p, const char *text, struct report **out, struct err *e)
{
	json_error_t je;
	json_t *j = json_loads(text ? text : "", 0, &je), *secs, *scope, *countries;
	struct report *r = pool_calloc(p, 1, sizeof(*r));
	const char *from, *to, *level, *region;
	int rc = ERR_OK;

	*out = NULL;
	if (!json_is_object(j)) {
		rc = err_set(e, ERR_INVALID, "content: not a report's JSON");
		goto out;
	}
	secs = json_object_get(j, "sections");
	scope = json_object_get(j, "scope");
	countries = json_object_get(scope, "countries");
	from = get_str(p, j, "from");
	to = get_str(p, j, "to");
	level = get_str(p, j, "level");
	region = get_str(p, scope, "region");
	if (!from || !to || strlen(from) != 10 || strlen(to) != 10 || !json_is_array(secs) ||
	    !level) {
		rc = err_set(e, ERR_INVALID, "content: a report without its period, level or "
			     "sections");
		goto out;
	}
	r->id = json_integer_value(json_object_get(j, "id"));
	r->title = get_str(p, j, "title");
	r->made_at = get_str(p, j, "made_at");
	r->made_by = get_str(p, j, "made_by");
	memcpy(r->q.period.from, from, 11);
	memcpy(r->q.period.to, to, 11);
	r->q.level = !strcmp(level, "green") ? REPORT_GREEN : REPORT_PUBLIC;
	r->q.title = r->title;
	if (region && strlen(region) == 3)
		memcpy(r->q.region, region, 4);
	r->q.ncountries = json_array_size(countries);
	r->q.countries = pool_calloc(p, r->q.ncountries + 1, sizeof(*r->q.countries));
	for (size_t i = 0; i < r->q.ncountries; i++)
		r->q.countries[i] = json_is_string(json_array_get(countries, i)) ?
			pool_strdup(p, json_string_value(json_array_get(countries, i))) : "";
	r->nsections = json_array_size(secs);
	r->sections = pool_calloc(p, r->nsections + 1, sizeof(*r->sections));
	for (size_t i = 0; i < r->nsections && !rc; i++) {
		json_t *o = json_array_get(secs, i), *figs = json_object_get(o, "figures"),
		       *tabs = json_object_get(o, "tables");
		struct report_section *s = &r->sections[i];

		s->key = get_str(p, o, "key");
		s->title = get_str(p, o, "title");
		s->note = get_str(p, o, "note");
		if (!s->key || !s->title || !json_is_array(figs) || !json_is_array(tabs)) {
			rc = err_set(e, ERR_INVALID, "content: a section without key, title, "
				     "figures or tables");
			goto out;
		}
		s->nfigures = json_array_size(figs);
		s->figures = pool_calloc(p, s->nfigures + 1, sizeof(*s->figures));
		for (size_t k = 0; k < s->nfigures; k++) {
			json_t *f = json_array_get(figs, k);
			struct report_figure *x = &s->figures[k];

			x->key = get_str(p, f, "key");
			x->label = get_str(p, f, "label");
			x->of = get_str(p, f, "of");
			x->unit = get_str(p, f, "unit");
			x->value = json_number_value(json_object_get(f, "value"));
			x->share = json_is_true(json_object_get(f, "share"));
			if (!x->key || !x->label) {
				rc = err_set(e, ERR_INVALID, "content: a figure without key or label");
				goto out;
			}
		}
		s->ntables = json_array_size(tabs);
		s->tables = pool_calloc(p, s->ntables + 1, sizeof(*s->tables));
		for (size_t k = 0; k < s->ntables && !rc; k++)
			rc = read_table(p, json_array_get(tabs, k), &s->tables[k], e);
	}
	if (!rc)
		*out = r;
out:
	json_decref(j);
	return rc;
}

void report_json_prose(pool *p, const char *prose, struct report *r)
{
	json_t *j = prose ? json_loads(prose, 0, NULL) : NULL;

	for (size_t g = 0; g < REPORT_PARAGRAPH_COUNT; g++) {
		char key[8];
		json_t *v;

		snprintf(key, sizeof(key), "%d", report_paragraphs[g].number);
		v = json_object_get(j, key);
		r->prose[g] = json_is_string(v) && *json_string_value(v) ?
			      pool_strdup(p, json_string_value(v)) : NULL;
	}
	json_decref(j);
}

void report_csv(struct sbuf *out, const struct report_table *t, const char *note)
{
	if (note)
		sbuf_addf(out, "# %s\r\n", note);
	for (size_t c = 0; c < t->ncols; c++) {
		if (c)
			sbuf_addc(out, ',');
		csv_field(out, t->cols[c].key);
	}
	sbuf_adds(out, "\r\n");
	for (size_t i = 0; i < t->nrows; i++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = t->cells[i * t->ncols + c];
			enum report_ctype ty = t->cols[c].type;

			if (c)
				sbuf_addc(out, ',');
			if (ty == RC_NUM || ty == RC_SHARE || ty == RC_AMOUNT || ty == RC_DATE)
				csv_field_raw(out, v);
			else
				csv_field(out, v);
		}
		sbuf_adds(out, "\r\n");
	}
}

const struct report_table *report_table_find(const struct report *r, const char *key)
{
	for (size_t i = 0; i < r->nsections; i++)
		for (size_t k = 0; k < r->sections[i].ntables; k++)
			if (!strcmp(r->sections[i].tables[k].key, key))
				return &r->sections[i].tables[k];
	return NULL;
}

int report_json_saved(pool *p, const struct report_saved *sv, struct report **out,
		      struct err *e)
{
	struct err why = { 0 };

	if (report_json_read(p, sv->content, out, &why)) {
		log_error("saved report %lld: %s", sv->id, why.msg);
		return err_set(e, ERR_INTERNAL, "saved report %lld cannot be read", sv->id);
	}
	(*out)->id = sv->id;
	(*out)->made_by = sv->made_by;
	report_json_prose(p, sv->prose, *out);
	return ERR_OK;
}
