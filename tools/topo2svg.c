/* topo2svg: turn the TopoJSON countries of world-atlas (Natural Earth, countries-110m.json)
 * into SVG path data in the Equal Earth projection, for the world map (src/view/map.c).
 * A build tool: it reads build input only, and fails with a message and exit status 1 on
 * anything it does not understand.
 *
 * Usage: topo2svg [-w WIDTH] [-p DECIMALS] [-x ID]... [-s SMALL.json] IN.json OUT.tsv
 *   -w  the width of the viewBox (default 1000); the height follows from the projection
 *   -p  decimals of the coordinates, 0 to 2 (default 1)
 *   -s  a more detailed topology of the same countries (countries-50m.json): each of
 *       its countries that IN.json lacks (too small at 1:110m: Singapore, Malta...)
 *       is drawn as a dot, a circle of radius 3 at the centroid of its largest ring
 *   -x  leave out the feature with this id (default: 010, Antarctica; given, the list
 *       replaces the default, and -x - leaves out nothing)
 *
 * OUT.tsv: a comment line, then "viewBox\t\t0 0 W H", then one line per feature:
 * ISO 3166-1 numeric code (the feature's id; empty for the features that have none,
 * such as Kosovo or N. Cyprus), its English name, and its path data: relative commands
 * only (the first "m" of a path is absolute), repeated points (after rounding) dropped,
 * each ring closed with z. Rings of fewer than three points at this precision are
 * dropped unless the feature would be left with none. OUT.tsv is written whole or not
 * at all (through OUT.tsv.tmp), so that a failed run leaves nothing for make to take
 * as built. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

struct pt {
	long x, y;	/* projected, in units of 10^-decimals of the viewBox */
};

struct arc {
	double *lon, *lat;
	size_t n;
};

struct topo {
	const char *path;
	struct arc *arcs;
	size_t narcs;
	double minx, miny, maxx, maxy;	/* bounds of what is drawn, projected */
	double scale, unit;		/* projected to viewBox units; 10^decimals */
	int decimals;
};

static void die(const struct topo *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

static char tmp_path[4096];	/* the output being written, removed on failure */

static void die(const struct topo *t, const char *fmt, ...)
{
	va_list ap;

	if (*tmp_path)
		remove(tmp_path);

	fprintf(stderr, "topo2svg: %s: ", t->path);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void oom(void) __attribute__((noreturn));

static void oom(void)
{
	perror("topo2svg");
	if (*tmp_path)
		remove(tmp_path);
	exit(1);
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (!p)
		oom();
	return p;
}

/* Equal Earth (Šavrič, Patterson, Jenny 2018): lon, lat in degrees to x, y (y north). */
static void equal_earth(double lon, double lat, double *x, double *y)
{
	static const double a1 = 1.340264, a2 = -0.081106, a3 = 0.000893, a4 = 0.003796;
	const double m = sqrt(3) / 2, l = lon * M_PI / 180, p = lat * M_PI / 180;
	double th = asin(m * sin(p)), t2 = th * th, t6 = t2 * t2 * t2;

	*x = l * cos(th) / (m * (a1 + 3 * a2 * t2 + t6 * (7 * a3 + 9 * a4 * t2)));
	*y = th * (a1 + a2 * t2 + t6 * (a3 + a4 * t2));
}

static double num_at(const struct topo *t, json_t *a, size_t i, const char *what)
{
	json_t *v = json_array_get(a, i);

	if (!json_is_number(v))
		die(t, "%s[%zu] is not a number", what, i);
	return json_number_value(v);
}

/* Decode the quantized, delta-encoded arcs into longitudes and latitudes. */
static void read_arcs(struct topo *t, json_t *root)
{
	json_t *tr = json_object_get(root, "transform"), *arcs = json_object_get(root, "arcs");
	json_t *sc = json_object_get(tr, "scale"), *tl = json_object_get(tr, "translate");
	double sx, sy, tx, ty;

	if (!json_is_array(arcs))
		die(t, "no \"arcs\" array");
	if (!json_is_array(sc) || json_array_size(sc) != 2 || !json_is_array(tl) ||
	    json_array_size(tl) != 2)
		die(t, "no \"transform\" with a scale and a translate of two numbers "
		       "(a quantized topology is expected)");
	sx = num_at(t, sc, 0, "scale"), sy = num_at(t, sc, 1, "scale");
	tx = num_at(t, tl, 0, "translate"), ty = num_at(t, tl, 1, "translate");
	t->narcs = json_array_size(arcs);
	t->arcs = xcalloc(t->narcs, sizeof(*t->arcs));
	for (size_t i = 0; i < t->narcs; i++) {
		json_t *arc = json_array_get(arcs, i);
		struct arc *a = &t->arcs[i];
		long x = 0, y = 0;

		if (!json_is_array(arc) || json_array_size(arc) < 2)
			die(t, "arcs[%zu] is not an array of at least two positions", i);
		a->n = json_array_size(arc);
		a->lon = xcalloc(a->n, sizeof(double));
		a->lat = xcalloc(a->n, sizeof(double));
		for (size_t k = 0; k < a->n; k++) {
			json_t *p = json_array_get(arc, k);
			json_t *dx = json_array_get(p, 0), *dy = json_array_get(p, 1);

			if (!json_is_array(p) || json_array_size(p) < 2 || !json_is_integer(dx) ||
			    !json_is_integer(dy))
				die(t, "arcs[%zu][%zu] is not a pair of integers", i, k);
			x += (long)json_integer_value(dx), y += (long)json_integer_value(dy);
			a->lon[k] = x * sx + tx, a->lat[k] = y * sy + ty;
			if (a->lon[k] < -180.001 || a->lon[k] > 180.001 || a->lat[k] < -90.001 ||
			    a->lat[k] > 90.001)
				die(t, "arcs[%zu][%zu] is outside longitude -180..180, "
				       "latitude -90..90", i, k);
		}
	}
}

/* The arc of index v in a ring (~v: arc v reversed), checked. */
static const struct arc *arc_of(const struct topo *t, json_t *v, int *rev)
{
	long long i;

	if (!json_is_integer(v))
		die(t, "an arc index is not an integer");
	i = json_integer_value(v);
	*rev = i < 0;
	if (i < 0)
		i = ~i;
	if ((size_t)i >= t->narcs)
		die(t, "arc index %lld is out of range (%zu arcs)", json_integer_value(v),
		    t->narcs);
	return &t->arcs[i];
}

/* Call fn for each ring (an array of arc indexes) of a Polygon or MultiPolygon. */
static void each_ring(const struct topo *t, json_t *g, const char *id,
		      void (*fn)(const struct topo *, json_t *, void *), void *ctx)
{
	const char *type = json_string_value(json_object_get(g, "type"));
	json_t *arcs = json_object_get(g, "arcs");
	int multi;

	if (!type)	/* a null geometry has nothing to draw */
		return;
	multi = !strcmp(type, "MultiPolygon");
	if (!multi && strcmp(type, "Polygon"))
		die(t, "feature %s: geometry type %s is not Polygon or MultiPolygon", id, type);
	if (!json_is_array(arcs))
		die(t, "feature %s: no \"arcs\" array", id);
	for (size_t i = 0; i < (multi ? json_array_size(arcs) : 1); i++) {
		json_t *poly = multi ? json_array_get(arcs, i) : arcs;

		if (!json_is_array(poly))
			die(t, "feature %s: a polygon is not an array of rings", id);
		for (size_t k = 0; k < json_array_size(poly); k++) {
			json_t *ring = json_array_get(poly, k);

			if (!json_is_array(ring) || !json_array_size(ring))
				die(t, "feature %s: a ring is not an array of arc indexes", id);
			fn(t, ring, ctx);
		}
	}
}

static void bounds_add(struct topo *b, double lon, double lat)
{
	double x, y;

	equal_earth(lon, lat, &x, &y);
	y = -y;
	if (x < b->minx) b->minx = x;
	if (x > b->maxx) b->maxx = x;
	if (y < b->miny) b->miny = y;
	if (y > b->maxy) b->maxy = y;
}

static void bounds_ring(const struct topo *t, json_t *ring, void *ctx)
{
	struct topo *b = ctx;

	for (size_t i = 0; i < json_array_size(ring); i++) {
		int rev;
		const struct arc *a = arc_of(t, json_array_get(ring, i), &rev);

		for (size_t k = 0; k < a->n; k++) {
			bounds_add(b, a->lon[k], a->lat[k]);
			if (k && fabs(a->lon[k] - a->lon[k - 1]) > 180) {	/* cut: the edges */
				bounds_add(b, a->lon[k - 1] > 0 ? 180 : -180, a->lat[k - 1]);
				bounds_add(b, a->lon[k] > 0 ? 180 : -180, a->lat[k]);
			}
		}
	}
}

/* The path of one feature being written. */
struct out {
	char *buf;
	size_t len, cap;
	struct pt *ring;	/* the current ring's points */
	size_t nring, capring;
	struct pt start;	/* where the last subpath began (after z, the current point) */
	int have_start;
	int rings;		/* rings written */
	int force;		/* write even a degenerate ring */
	char last;		/* the last character written: decides the separator */
	int last_dot;		/* the last number had a decimal point */
};

static void out_put(struct out *o, const char *s)
{
	size_t n = strlen(s);

	if (o->len + n + 1 > o->cap) {
		o->cap = (o->len + n + 1) * 2;
		if (!(o->buf = realloc(o->buf, o->cap)))
			oom();
	}
	memcpy(o->buf + o->len, s, n + 1);
	o->len += n;
	if (n)
		o->last = s[n - 1];
}

/* One coordinate v (in units of 10^-decimals), with the shortest separator: none
 * before a minus sign or after a command letter, none before ".5" after a number
 * that already has a decimal point. */
static void out_num(struct out *o, const struct topo *t, long v)
{
	char s[40], *p = s;
	long a = labs(v), ip = a / (long)t->unit, fp = a % (long)t->unit;
	int dot = 0;

	if (v < 0)
		*p++ = '-';
	if (ip || !fp)
		p += sprintf(p, "%ld", ip);
	if (fp) {
		int w = t->decimals;

		while (fp % 10 == 0)
			fp /= 10, w--;
		p += sprintf(p, ".%0*ld", w, fp);
		dot = 1;
	}
	*p = '\0';
	if (!(o->last >= 'a' && o->last <= 'z') && !(o->last >= 'A' && o->last <= 'Z') &&
	    s[0] != '-' && !(s[0] == '.' && o->last_dot))
		out_put(o, " ");
	out_put(o, s);
	o->last_dot = dot;
}

static void ring_add(struct out *o, struct pt p)
{
	if (o->nring && o->ring[o->nring - 1].x == p.x && o->ring[o->nring - 1].y == p.y)
		return;
	if (o->nring == o->capring) {
		o->capring = o->capring ? o->capring * 2 : 256;
		if (!(o->ring = realloc(o->ring, o->capring * sizeof(*o->ring))))
			oom();
	}
	o->ring[o->nring++] = p;
}

/* Write the ring of the points o->ring (projected, rounded) as a subpath. */
static void emit_ring(const struct topo *t, struct out *o)
{
	if (o->nring > 1 && o->ring[0].x == o->ring[o->nring - 1].x &&
	    o->ring[0].y == o->ring[o->nring - 1].y)
		o->nring--;	/* z closes it */
	if (!o->nring || (o->nring < 3 && !o->force))
		return;
	if (!o->have_start) {
		out_put(o, "m");	/* the first, relative to 0 0: absolute, and what
					   follows it relative lineto */
		o->last_dot = 0;
		out_num(o, t, o->ring[0].x);
		out_num(o, t, o->ring[0].y);
		o->have_start = 1;
	} else {
		out_put(o, "m");
		out_num(o, t, o->ring[0].x - o->start.x);
		out_num(o, t, o->ring[0].y - o->start.y);
	}
	o->start = o->ring[0];
	for (size_t i = 1; i < o->nring; i++) {
		out_num(o, t, o->ring[i].x - o->ring[i - 1].x);
		out_num(o, t, o->ring[i].y - o->ring[i - 1].y);
	}
	out_put(o, "z");
	o->rings++;
}

static void add_geo(const struct topo *t, struct out *o, double lon, double lat)
{
	double x, y;

	equal_earth(lon, lat, &x, &y);
	ring_add(o, (struct pt){ lround((x - t->minx) * t->scale * t->unit),
				 lround((-y - t->miny) * t->scale * t->unit) });
}

/* A ring: its arcs joined (each arc after the first without its first point, which is
 * the previous one's last). A ring that crosses the antimeridian (a step of more than
 * 180 degrees of longitude, as Fiji's and Russia's do) is cut there into pieces, each
 * closed along the edge of the map. */
static void write_ring(const struct topo *t, json_t *ring, void *ctx)
{
	struct out *o = ctx;
	double *lon = NULL, *lat = NULL;
	size_t n = 0, first = 0, ncross = 0;

	for (size_t i = 0; i < json_array_size(ring); i++) {
		int rev;
		const struct arc *a = arc_of(t, json_array_get(ring, i), &rev);

		lon = realloc(lon, (n + a->n) * sizeof(double));
		lat = realloc(lat, (n + a->n) * sizeof(double));
		if (!lon || !lat)
			oom();
		for (size_t k = n ? 1 : 0; k < a->n; k++) {
			size_t j = rev ? a->n - 1 - k : k;

			lon[n] = a->lon[j], lat[n] = a->lat[j], n++;
		}
	}
	for (size_t i = 1; i < n; i++)
		if (fabs(lon[i] - lon[i - 1]) > 180 && !ncross++)
			first = i;
	o->nring = 0;
	/* from just after the first crossing round to it again: each crossing ends a
	 * piece at the edge on its side and begins the next at the other edge */
	for (size_t k = 0; k <= n; k++) {
		size_t i = (first + k) % n, prev = (i + n - 1) % n;

		if (ncross && fabs(lon[i] - lon[prev]) > 180) {
			double a = lon[prev], side = a > 0 ? 180 : -180;
			double db = (a > 0 ? lon[i] + 360 : lon[i] - 360) - a;
			double latc = lat[prev] + (lat[i] - lat[prev]) * (db ? (side - a) / db : 0);

			if (k) {
				add_geo(t, o, side, latc);
				emit_ring(t, o);
				o->nring = 0;
			}
			if (k < n)
				add_geo(t, o, -side, latc);
		}
		if (k < n)
			add_geo(t, o, lon[i], lat[i]);
	}
	emit_ring(t, o);
	free(lon);
	free(lat);
}

static int excluded(const char *id, char **ex, int nex)
{
	for (int i = 0; i < nex; i++)
		if (!strcmp(id, ex[i]))
			return 1;
	return 0;
}

/* Read the topology at t->path: its arcs, and the geometries of its object "countries"
 * (else its first object). root receives the document (json_decref it). */
static json_t *load(struct topo *t, json_t **root)
{
	json_error_t je;
	json_t *objects, *obj, *geoms;
	const char *key, *type;

	if (!(*root = json_load_file(t->path, 0, &je)))
		die(t, "line %d: %s", je.line, je.text);
	type = json_string_value(json_object_get(*root, "type"));
	if (!type || strcmp(type, "Topology"))
		die(t, "not a TopoJSON Topology (\"type\" is not \"Topology\")");
	read_arcs(t, *root);
	objects = json_object_get(*root, "objects");
	obj = json_object_get(objects, "countries");
	if (!obj && json_is_object(objects))	/* else the first object */
		json_object_foreach(objects, key, obj)
			break;
	if (!obj || !json_is_array(geoms = json_object_get(obj, "geometries")))
		die(t, "no object \"countries\" with \"geometries\"");
	return geoms;
}

/* The largest ring of a feature: its area and centroid, projected (y south). */
struct centroid {
	double area, x, y;
};

static void centroid_ring(const struct topo *t, json_t *ring, void *ctx)
{
	struct centroid *c = ctx;
	double a = 0, cx = 0, cy = 0, px = 0, py = 0, x0 = 0, y0 = 0, plon = 0;
	size_t n = 0;

	for (size_t i = 0; i < json_array_size(ring); i++) {
		int rev;
		const struct arc *arc = arc_of(t, json_array_get(ring, i), &rev);

		for (size_t k = 0; k < arc->n; k++) {
			size_t j = rev ? arc->n - 1 - k : k;
			double x, y;

			if (n && fabs(arc->lon[j] - plon) > 180)
				return;	/* across the antimeridian: not this one */
			plon = arc->lon[j];
			equal_earth(arc->lon[j], arc->lat[j], &x, &y);
			y = -y;
			if (!n)
				x0 = x, y0 = y;
			else {	/* shoelace, relative to the first point */
				double cr = (px - x0) * (y - y0) - (x - x0) * (py - y0);

				a += cr;
				cx += (px - x0 + x - x0) * cr;
				cy += (py - y0 + y - y0) * cr;
			}
			px = x, py = y, n++;
		}
	}
	if (fabs(a) > c->area && a != 0) {
		c->area = fabs(a);
		c->x = x0 + cx / (3 * a);
		c->y = y0 + cy / (3 * a);
	}
}

/* The index of the first geometry with this id, or the count when there is none. */
static size_t first_with_id(json_t *geoms, const char *id)
{
	size_t g;

	for (g = 0; g < json_array_size(geoms); g++) {
		const char *gid = json_string_value(json_object_get(json_array_get(geoms, g), "id"));

		if (gid && !strcmp(gid, id))
			break;
	}
	return g;
}

static int has_id(json_t *geoms, const char *id)
{
	return first_with_id(geoms, id) < json_array_size(geoms);
}

/* The countries too small for the map: each feature of the more detailed topology s
 * (countries-50m) with a code that the map's own features lack, written as a dot (a
 * circle of radius DOT_R) at the centroid of its largest ring. */
enum { DOT_R = 3 };

static void write_dots(const struct topo *t, const struct topo *s, json_t *sgeoms,
		       json_t *geoms, char **ex, int nex, FILE *f)
{
	for (size_t g = 0; g < json_array_size(sgeoms); g++) {
		json_t *geo = json_array_get(sgeoms, g);
		const char *id = json_string_value(json_object_get(geo, "id"));
		const char *name = json_string_value(json_object_get(json_object_get(geo,
									"properties"), "name"));
		struct centroid c = { 0 };
		struct out o = { 0 };
		long x, y, r = lround(DOT_R * t->unit), one = lround(t->unit);	/* flags */

		if (!id || excluded(id, ex, nex) || has_id(geoms, id))
			continue;
		if (first_with_id(sgeoms, id) != g)	/* the first feature of this code */
			continue;
		if (strlen(id) != 3 || strspn(id, "0123456789") != 3)
			die(s, "geometries[%zu]: id \"%s\" is not an ISO 3166-1 numeric code", g, id);
		if (!name || strpbrk(name, "\t\r\n"))
			die(s, "geometries[%zu]: no name, or a tab or line break in it", g);
		each_ring(s, geo, id, centroid_ring, &c);
		if (!c.area)
			continue;
		x = lround((c.x - t->minx) * t->scale * t->unit);
		y = lround((c.y - t->miny) * t->scale * t->unit);
		out_put(&o, "m");
		out_num(&o, t, x - r);
		out_num(&o, t, y);
		out_put(&o, "a");
		out_num(&o, t, r), out_num(&o, t, r), out_num(&o, t, 0), out_num(&o, t, one);
		out_num(&o, t, 0), out_num(&o, t, 2 * r), out_num(&o, t, 0);
		out_put(&o, "a");
		out_num(&o, t, r), out_num(&o, t, r), out_num(&o, t, 0), out_num(&o, t, one);
		out_num(&o, t, 0), out_num(&o, t, -2 * r), out_num(&o, t, 0);
		out_put(&o, "z");
		fprintf(f, "%s\t%s\t%s\n", id, name, o.buf);
		free(o.buf);
	}
}

int main(int argc, char **argv)
{
	struct topo t = { .minx = HUGE_VAL, .miny = HUGE_VAL, .maxx = -HUGE_VAL,
			  .maxy = -HUGE_VAL, .decimals = 1 };
	char **ex;
	int nex = 1, i, ex_given = 0;
	double width = 1000;
	json_t *root, *geoms, *sroot = NULL, *sgeoms = NULL;
	struct topo st = { 0 };
	FILE *f;

	ex = xcalloc((size_t)argc, sizeof(char *));
	ex[0] = "010";
	for (i = 1; i + 1 < argc && argv[i][0] == '-'; i += 2) {
		if (!strcmp(argv[i], "-w"))
			width = atof(argv[i + 1]);
		else if (!strcmp(argv[i], "-p"))
			t.decimals = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "-s"))
			st.path = argv[i + 1];
		else if (!strcmp(argv[i], "-x")) {
			if (!ex_given++)
				nex = 0;
			if (strcmp(argv[i + 1], "-"))
				ex[nex++] = argv[i + 1];
		}
		else
			break;
	}
	if (argc - i != 2 || width < 10 || width > 100000 || t.decimals < 0 || t.decimals > 2) {
		fprintf(stderr, "usage: topo2svg [-w WIDTH] [-p 0..2] [-x ID]... [-s SMALL.json] "
			"IN.json OUT.tsv\n");
		return 2;
	}
	t.path = argv[i];
	t.unit = pow(10, t.decimals);
	geoms = load(&t, &root);
	for (size_t g = 0; g < json_array_size(geoms); g++) {
		json_t *geo = json_array_get(geoms, g);
		const char *id = json_string_value(json_object_get(geo, "id"));

		if (!json_is_object(geo))
			die(&t, "geometries[%zu] is not an object", g);
		if (!id || !excluded(id, ex, nex))
			each_ring(&t, geo, id ? id : "(no id)", bounds_ring, &t);
	}
	if (!(t.maxx > t.minx && t.maxy > t.miny))
		die(&t, "nothing to draw");
	t.scale = width / (t.maxx - t.minx);

	snprintf(tmp_path, sizeof(tmp_path), "%s.tmp", argv[i + 1]);
	if (!(f = fopen(tmp_path, "w"))) {
		perror(tmp_path);
		return 1;
	}
	fprintf(f, "# generated by tools/topo2svg from %s: Natural Earth via world-atlas, "
		   "Equal Earth projection; do not edit\n", t.path);
	fprintf(f, "viewBox\t\t0 0 %ld %ld\n", lround(width), lround(ceil((t.maxy - t.miny) * t.scale)));
	for (size_t g = 0; g < json_array_size(geoms); g++) {
		json_t *geo = json_array_get(geoms, g);
		json_t *jid = json_object_get(geo, "id");
		const char *id = json_string_value(jid);
		const char *name = json_string_value(json_object_get(json_object_get(geo,
									"properties"), "name"));
		struct out o = { 0 };

		if (jid && !id)
			die(&t, "geometries[%zu]: the id is not a string", g);
		if (id && (strlen(id) != 3 || strspn(id, "0123456789") != 3))
			die(&t, "geometries[%zu]: id \"%s\" is not an ISO 3166-1 numeric code", g, id);
		if (id && excluded(id, ex, nex))
			continue;
		if (!name || strpbrk(name, "\t\r\n"))
			die(&t, "geometries[%zu]: no name, or a tab or line break in it", g);
		each_ring(&t, geo, id ? id : name, write_ring, &o);
		if (!o.rings) {	/* everything too small: draw it anyway */
			o.force = 1;
			each_ring(&t, geo, id ? id : name, write_ring, &o);
		}
		if (o.rings)
			fprintf(f, "%s\t%s\t%s\n", id ? id : "", name, o.buf);
		free(o.buf);
		free(o.ring);
	}
	if (st.path) {
		sgeoms = load(&st, &sroot);
		write_dots(&t, &st, sgeoms, geoms, ex, nex, f);
		json_decref(sroot);
	}
	json_decref(root);
	if (fclose(f) || rename(tmp_path, argv[i + 1])) {
		perror(argv[i + 1]);
		remove(tmp_path);
		return 1;
	}
	return 0;
}
