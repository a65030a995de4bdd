/* map: the world map, a choropleth drawn on the server as inline SVG from the country
 * shapes built into the binary (Natural Earth 1:110m via npm world-atlas, turned into
 * Equal Earth path data by tools/topo2svg.c: map/world.tsv). No script, no style
 * attribute: the classes are styled by static/site.css. */
#ifndef VIEW_MAP_H
#define VIEW_MAP_H
#include <stddef.h>

#include "core/sbuf.h"
#include "domain/country.h"
#include "http/http.h"

/* The value classes: [0, .2), [.2, .4), [.4, .6), [.6, .8), [.8, 1], drawn with the
 * classes "b0".."b4" (light to dark); no data is class "nd" (a hatch). */
enum { MAP_CLASSES = 5 };
#define MAP_NO_DATA (-1.0)

/* One country's value. */
struct map_value {
	const char *code;	/* ISO 3166-1 numeric ("404"), or alpha-2 ("KE") found in
				   map_spec.countries */
	double value;		/* 0..1; MAP_NO_DATA (or NaN, or anything outside 0..1):
				   no data */
	const char *label;	/* text, the shape's title ("Kenya: 62%"); NULL: none */
	const char *href;	/* a path the caller built from escaped parts
				   ("/countries/KE"), written with layout_href(); NULL: the
				   shape is no link */
};

struct map_spec {
	const char *id;		/* prefix of the ids in the SVG, unique in the page ("map");
				   NULL: "map" */
	const char *title;	/* text: the map's accessible name */
	const char *desc;	/* text or NULL: what it shows, said in words */
	const struct map_value *values;
	size_t nvalues;
	const struct country *countries;	/* to resolve alpha-2 codes; may be NULL */
	size_t ncountries;
};

/* The class of value v: 0..MAP_CLASSES-1, or -1 for no data. */
int map_class(double v);

/* Write the map into sb: an <svg class="map" dir="ltr"> named by its <title> (and
 * <desc>), role="img", or role="group" when a value has an href (an image's children
 * are hidden from assistive technology, which a link must not be), each shape a
 * <path> whose class is its value's ("b0".."b4", "nd"), with the value's label as its
 * <title> and, when it has an href, in an <a> named by that title and out of the tab
 * order (the page shows the same links in a table, which keyboard users reach
 * instead of some 200 stops in the map); then the legend, a <ul class="legend"> of the classes
 * with their ranges and "No data", and the United Nations' disclaimer of maps
 * (boundaries and names imply no endorsement). Shapes without a value (and those Natural Earth
 * gives no code: Kosovo, N. Cyprus, Somaliland) are drawn as no data, without a
 * title. Countries too small for the map's scale (Singapore, Malta, Bahrain...) are
 * dots, drawn over the shapes when they have a value (or no data) given. Returns how
 * many values were drawn; a value whose code is unknown or has no shape (see
 * map_has_shape()) is not drawn: the page's table shows it. */
size_t map_render(const struct req *r, struct sbuf *sb, const struct map_spec *m);

/* Write only the legend (map_render() writes it after the map). id as map_spec.id. */
void map_legend(const struct req *r, struct sbuf *sb, const char *id);

/* Whether the country of ISO 3166-1 numeric code has a shape on the map. */
int map_has_shape(const char *numeric);

#endif
