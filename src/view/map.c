/* map: the world map as inline SVG (see map.h). The shapes are map/world.tsv, written at
 * build time by tools/topo2svg.c and read here once. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/embed.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "view/chart.h"
#include "view/html.h"
#include "view/layout.h"
#include "view/map.h"

#define T(s) layout_t(r, (s))

/* One shape of map/world.tsv: its code ("" when Natural Earth gives none) and path. */
struct map_shape {
	char code[4];
	const char *d;
	size_t dlen;
	int dot;	/* a country too small for the map, drawn as a circle */
};

static struct {
	pthread_once_t once;
	struct map_shape *shapes;
	size_t n;
	char viewbox[32];
} world = { .once = PTHREAD_ONCE_INIT, .viewbox = "0 0 1000 500" };

/* The class names of map_class()'s values, no data last. */
static const char *const class_name[MAP_CLASSES + 1] = { "b0", "b1", "b2", "b3", "b4", "nd" };

static int map_shape_cmp(const void *a, const void *b)
{
	return strcmp(((const struct map_shape *)a)->code, ((const struct map_shape *)b)->code);
}

/* Whether s[0..n) is path data as topo2svg writes it (nothing to escape). */
static int map_path_ok(const char *s, size_t n)
{
	return n && strspn(s, "0123456789.-amz ") >= n;
}

/* Read map/world.tsv: "# comment", "viewBox\t\tX Y W H", then "code\tname\td" lines.
 * A line it does not understand is logged and skipped: the map is drawn without it. */
static void map_load(void)
{
	size_t len, cap = 0;
	const char *d = (const char *)embed_find("map/world.tsv", &len), *end = d + len;

	if (!d) {
		log_error("map: map/world.tsv is not built into the program");
		return;
	}
	while (d < end) {
		const char *nl = memchr(d, '\n', (size_t)(end - d)), *t1, *t2;
		size_t n;

		if (!nl)
			nl = end;
		n = (size_t)(nl - d);
		t1 = memchr(d, '\t', n);
		t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(nl - t1 - 1)) : NULL;
		if (*d == '#' || !n) {
			/* a comment */
		} else if (t2 && t1 - d == 7 && !memcmp(d, "viewBox", 7) &&
			   (size_t)(nl - t2 - 1) < sizeof(world.viewbox)) {
			memcpy(world.viewbox, t2 + 1, (size_t)(nl - t2 - 1));
			world.viewbox[nl - t2 - 1] = '\0';
		} else if (t2 && (t1 == d || (t1 - d == 3 && strspn(d, "0123456789") >= 3)) &&
			   map_path_ok(t2 + 1, (size_t)(nl - t2 - 1))) {
			struct map_shape *s;

			if (world.n == cap) {
				cap = cap ? cap * 2 : 256;
				world.shapes = xrealloc(world.shapes, cap * sizeof(*world.shapes));
			}
			s = &world.shapes[world.n++];
			memcpy(s->code, d, (size_t)(t1 - d));
			s->code[t1 - d] = '\0';
			s->d = t2 + 1;
			s->dlen = (size_t)(nl - t2 - 1);
			s->dot = memchr(s->d, 'a', s->dlen) != NULL;
		} else {
			log_error("map: map/world.tsv: a line that is not code, name and path");
		}
		d = nl + 1;
	}
	if (world.n)
		qsort(world.shapes, world.n, sizeof(*world.shapes), map_shape_cmp);
}

/* The shape of a numeric code (the shapes are sorted by code once loaded). */
static const struct map_shape *map_shape_find(const char *numeric)
{
	struct map_shape key;

	pthread_once(&world.once, map_load);
	if (!numeric || !*numeric || strlen(numeric) >= sizeof(key.code))
		return NULL;
	strcpy(key.code, numeric);
	return bsearch(&key, world.shapes, world.n, sizeof(*world.shapes), map_shape_cmp);
}

int map_has_shape(const char *numeric)
{
	return map_shape_find(numeric) != NULL;
}

int map_class(double v)
{
	if (isnan(v) || v < 0 || v > 1)
		return -1;
	return v >= 1 ? MAP_CLASSES - 1 : (int)(v * MAP_CLASSES);
}

/* The numeric code of value v: as given, or its alpha-2 found in the country list. */
static const char *map_numeric(const struct map_spec *m, const struct map_value *v)
{
	if (!v->code)
		return NULL;
	if (strlen(v->code) == 3 && strspn(v->code, "0123456789") == 3)
		return v->code;
	for (size_t i = 0; m->countries && i < m->ncountries; i++)
		if (!strcasecmp(m->countries[i].alpha2, v->code))
			return m->countries[i].numeric;
	return NULL;
}

/* One shape: its path with class cls, within a link and with a title when v has them. */
static void map_shape_write(const struct req *r, struct sbuf *sb, const struct map_shape *s,
			    const struct map_value *v, const char *cls)
{
	if (v && v->href) {
		sbuf_adds(sb, "<a href=\"");
		layout_href(r, sb, v->href);
		sbuf_adds(sb, "\" tabindex=\"-1\">");
	}
	html_fmt(sb, "<path class=\"%S\" d=\"", cls);
	sbuf_add(sb, s->d, s->dlen);
	if (v && v->label)
		html_fmt(sb, "\"><title>%s</title></path>", v->label);
	else
		sbuf_adds(sb, "\"/>");
	if (v && v->href)
		sbuf_adds(sb, "</a>");
	sbuf_addc(sb, '\n');
}

/* The hatch of no data, defined once per map: grey with dark lines, distinct from the
 * classes in colour and in pattern. */
static void map_defs(struct sbuf *sb, const char *id)
{
	html_fmt(sb, "<defs><pattern id=\"%s-nd\" width=\"4\" height=\"4\" "
		 "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
		 "<rect class=\"ndb\" width=\"4\" height=\"4\"/><path class=\"ndl\" d=\"m0 0v4\"/>"
		 "</pattern></defs>\n", id);
}

void map_legend(const struct req *r, struct sbuf *sb, const char *id)
{
	if (!id)
		id = "map";
	html_fmt(sb, "<ul class=\"legend\" aria-label=\"%s\">", T("Legend"));
	for (int k = 0; k <= MAP_CLASSES; k++) {
		html_fmt(sb, "<li><svg class=\"sw\" viewBox=\"0 0 10 10\" aria-hidden=\"true\">"
			 "<rect class=\"%S\" width=\"10\" height=\"10\"", class_name[k]);
		if (k == MAP_CLASSES)
			html_fmt(sb, " fill=\"url(#%s-nd)\"/></svg>%s</li>", id, T("No data"));
		else
			html_fmt(sb, "/></svg><bdi>%s</bdi>–<bdi>%s</bdi></li>",
				 chart_percent(r, (double)k / MAP_CLASSES),
				 chart_percent(r, (double)(k + 1) / MAP_CLASSES));
	}
	sbuf_adds(sb, "</ul>\n");
}

size_t map_render(const struct req *r, struct sbuf *sb, const struct map_spec *m)
{
	const char *id = m->id ? m->id : "map";
	const struct map_value **of;	/* per shape, its value or NULL */
	size_t drawn = 0;
	int links = 0;

	pthread_once(&world.once, map_load);
	of = pool_calloc(r->pool, world.n ? world.n : 1, sizeof(*of));
	for (size_t i = 0; i < m->nvalues; i++) {
		const struct map_shape *s = map_shape_find(map_numeric(m, &m->values[i]));

		if (s && !of[s - world.shapes]) {
			of[s - world.shapes] = &m->values[i];
			drawn++;
		}
	}
	/* an image, or, when its countries are links, a group: the children of an image
	 * are hidden from assistive technology, and a link must not be */
	for (size_t i = 0; i < m->nvalues && !links; i++)
		links = m->values[i].href != NULL;
	html_fmt(sb, "<svg class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"%S\" "
		 "role=\"%S\" aria-labelledby=\"%s-t\"", world.viewbox, links ? "group" : "img",
		 id);
	if (m->desc)
		html_fmt(sb, " aria-describedby=\"%s-d\"", id);
	html_fmt(sb, " dir=\"ltr\"><title id=\"%s-t\">%s</title>", id, m->title);
	if (m->desc)
		html_fmt(sb, "<desc id=\"%s-d\">%s</desc>", id, m->desc);
	sbuf_addc(sb, '\n');
	map_defs(sb, id);
	/* the shapes, then the dots over them; in each, no data first, under the others,
	 * the hatch given once to its group. A dot is drawn only for a country given. */
	for (int pass = 0; pass < 4; pass++) {
		int dots = pass >= 2, nodata = !(pass % 2), open = 0;

		for (size_t i = 0; i < world.n; i++) {
			const struct map_shape *s = &world.shapes[i];
			int k = of[i] ? map_class(of[i]->value) : -1;

			if (s->dot != dots || (k < 0) != nodata || (dots && !of[i]))
				continue;
			if (!open++) {
				if (nodata)
					html_fmt(sb, "<g fill=\"url(#%s-nd)\">\n", id);
				else
					sbuf_adds(sb, "<g>\n");
			}
			map_shape_write(r, sb, s, of[i], class_name[k < 0 ? MAP_CLASSES : k]);
		}
		if (open)
			sbuf_adds(sb, "</g>\n");
	}
	sbuf_adds(sb, "</svg>\n");
	map_legend(r, sb, id);
	html_fmt(sb, "<p class=\"hint\">%s</p>\n", T("The boundaries and names shown and the "
		 "designations used on this map do not imply official endorsement or "
		 "acceptance by the United Nations."));
	return drawn;
}
