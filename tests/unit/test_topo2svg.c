/* Tests of tools/topo2svg, the build tool that turns the TopoJSON of world-atlas into the
 * map's path data: it reads build input only, but malformed input must fail clearly
 * (exit status 1, a message naming the file and the problem), and a small topology
 * comes out as expected: quantized arcs decoded, reversed arcs, Polygon and
 * MultiPolygon, a feature without id kept, Antarctica left out, a ring across the
 * antimeridian cut in two. The tool is found beside $CCREPO_BIN (build/rel/ccrepo),
 * else in build/rel/tools. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "fixture.h"

static char tool[4096];

static int setup(void **state)
{
	const char *bin = getenv("CCREPO_BIN");
	const char *slash = bin ? strrchr(bin, '/') : NULL;

	if (slash)
		snprintf(tool, sizeof(tool), "%.*s/tools/topo2svg", (int)(slash - bin), bin);
	else
		snprintf(tool, sizeof(tool), "build/rel/tools/topo2svg");
	return fixture_group_setup(state);
}

/* Run the tool on json (written to a file); the exit status, its stderr in err and
 * its output file in out (each up to n bytes). */
static int run(const char *json, const char *opts, char *out, char *err, size_t n)
{
	char cmd[20000], in[4096], outp[4096], errp[4096];
	FILE *f;
	size_t k;
	int st;

	/* fixture_path() returns one buffer: copy each */
	snprintf(in, sizeof(in), "%s", fixture_path("in.json"));
	snprintf(outp, sizeof(outp), "%s", fixture_path("out.tsv"));
	snprintf(errp, sizeof(errp), "%s", fixture_path("err.txt"));
	assert_non_null(f = fopen(in, "w"));
	fputs(json, f);
	fclose(f);
	remove(outp);
	snprintf(cmd, sizeof(cmd), "%s %s %s %s 2>%s", tool, opts, in, outp, errp);
	st = system(cmd);
	out[0] = err[0] = '\0';
	if ((f = fopen(outp, "r"))) {
		k = fread(out, 1, n - 1, f);
		out[k] = '\0';
		fclose(f);
	}
	if ((f = fopen(errp, "r"))) {
		k = fread(err, 1, n - 1, f);
		err[k] = '\0';
		fclose(f);
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

#define HEAD "{\"type\":\"Topology\",\"transform\":{\"scale\":[1,1],\"translate\":[0,0]},"

static void test_malformed(void **state)
{
	static const struct { const char *json, *msg; } bad[] = {
		{ "not json", "line 1" },
		{ "{\"type\":\"Feature\"}", "not a TopoJSON Topology" },
		{ "{\"type\":\"Topology\",\"arcs\":[]}", "no \"transform\"" },
		{ HEAD "\"arcs\":[[[0,0],[1.5,0]]]}", "arcs[0][1] is not a pair of integers" },
		{ HEAD "\"arcs\":[[[0,0]]]}", "arcs[0] is not an array of at least two" },
		{ HEAD "\"arcs\":[[[500,0],[1,1]]]}", "outside longitude" },
		{ HEAD "\"arcs\":[[[0,0],[1,1]]]}", "no object \"countries\"" },
		{ HEAD "\"arcs\":[[[0,0],[1,1],[0,1],[-1,-2]]],\"objects\":{\"countries\":"
		  "{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"Polygon\","
		  "\"arcs\":[[5]],\"id\":\"404\",\"properties\":{\"name\":\"K\"}}]}}}",
		  "arc index 5 is out of range (1 arcs)" },
		{ HEAD "\"arcs\":[[[0,0],[1,1],[0,1],[-1,-2]]],\"objects\":{\"countries\":"
		  "{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"Point\","
		  "\"coordinates\":[0,0],\"id\":\"404\"}]}}}",
		  "geometry type Point is not Polygon or MultiPolygon" },
		{ HEAD "\"arcs\":[[[0,0],[1,1],[0,1],[-1,-2]]],\"objects\":{\"countries\":"
		  "{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"Polygon\","
		  "\"arcs\":[[0]],\"id\":\"KEN\",\"properties\":{\"name\":\"K\"}}]}}}",
		  "not an ISO 3166-1 numeric code" },
	};
	char out[4096], err[4096];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int st = run(bad[i].json, "", out, err, sizeof(out));

		if (st != 1 || !strstr(err, "topo2svg: ") || !strstr(err, bad[i].msg))
			fail_msg("input %zu: status %d, \"%s\"; want 1 and \"%s\"", i, st, err,
				 bad[i].msg);
	}
}

static void test_convert(void **state)
{
	/* arc 0: a square's three sides from (10,10); arc 1 closes it, used reversed (~1)
	 * by the second feature; arc 2: a triangle; arc 3: Antarctica's; arc 4: a ring
	 * across the antimeridian (179 to -179 and back) */
	static const char json[] =
		HEAD "\"arcs\":["
		"[[10,10],[10,0],[0,10],[-10,0]],"
		"[[10,20],[0,-10]],"
		"[[-20,-20],[5,0],[0,5],[-5,-5]],"
		"[[0,-80],[10,0],[0,-5],[-10,5]],"
		"[[179,60],[-358,0],[0,5],[358,0],[0,-5]]],"
		"\"objects\":{\"countries\":{\"type\":\"GeometryCollection\",\"geometries\":["
		"{\"type\":\"Polygon\",\"arcs\":[[0,1]],\"id\":\"404\",\"properties\":{\"name\":\"Square\"}},"
		"{\"type\":\"MultiPolygon\",\"arcs\":[[[2]],[[-1,-2]]],\"properties\":{\"name\":\"No id\"}},"
		"{\"type\":\"Polygon\",\"arcs\":[[3]],\"id\":\"010\",\"properties\":{\"name\":\"Antarctica\"}},"
		"{\"type\":null,\"id\":\"999\",\"properties\":{\"name\":\"Nothing\"}},"
		"{\"type\":\"Polygon\",\"arcs\":[[4]],\"id\":\"643\",\"properties\":{\"name\":\"Across\"}}"
		"]}}}";
	char out[8192], err[4096], *line, *save, *across = NULL;
	int rows = 0, st;

	(void)state;
	st = run(json, "-w 360 -p 0", out, err, sizeof(out));
	if (st)
		fail_msg("status %d: %s", st, err);
	assert_non_null(strstr(out, "\nviewBox\t\t0 0 360 "));
	assert_null(strstr(out, "Antarctica"));
	assert_null(strstr(out, "Nothing"));
	assert_non_null(strstr(out, "\n404\tSquare\tm"));
	assert_non_null(strstr(out, "\n\tNo id\tm"));
	for (line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (*line == '#' || !strncmp(line, "viewBox", 7))
			continue;
		rows++;
		/* relative commands only, the first m absolute, each ring closed */
		assert_int_equal(strchr(strchr(line, '\t') + 1, '\t')[1], 'm');
		assert_true(strspn(strchr(strchr(line, '\t') + 1, '\t') + 1, "0123456789.-mz ") ==
			    strlen(strchr(strchr(line, '\t') + 1, '\t') + 1));
		assert_int_equal(line[strlen(line) - 1], 'z');
		if (!strncmp(line, "643\t", 4))
			across = line;
	}
	assert_int_equal(rows, 3);	/* square, no id (two polygons), across */
	/* the ring across the antimeridian is two rings, one at each edge of the map */
	assert_non_null(across);
	assert_non_null(strchr(strchr(across, 'z') + 1, 'm'));
	/* with a more detailed topology: its countries that the map lacks are dots */
	{
		static const char small[] =
			HEAD "\"arcs\":[[[10,10],[1,0],[0,1],[-1,-1]],[[50,50],[2,0],[0,2],[-2,-2]]],"
			"\"objects\":{\"countries\":{\"type\":\"GeometryCollection\",\"geometries\":["
			"{\"type\":\"Polygon\",\"arcs\":[[0]],\"id\":\"404\",\"properties\":{\"name\":\"Square\"}},"
			"{\"type\":\"Polygon\",\"arcs\":[[1]],\"id\":\"702\",\"properties\":{\"name\":\"Dot\"}},"
			"{\"type\":\"Polygon\",\"arcs\":[[1]],\"properties\":{\"name\":\"No code\"}}"
			"]}}}";
		char opts[4200];
		FILE *f;

		snprintf(opts, sizeof(opts), "-s %s", fixture_path("small.json"));
		assert_non_null(f = fopen(fixture_path("small.json"), "w"));
		fputs(small, f);
		fclose(f);
		st = run(json, opts, out, err, sizeof(out));
		if (st)
			fail_msg("status %d: %s", st, err);
		assert_non_null(strstr(out, "\n702\tDot\tm"));
		assert_non_null(strstr(out, "a3 3 0 1 0 6 0a3 3 0 1 0-6 0z\n"));
		assert_null(strstr(out, "No code"));
		assert_null(strstr(strstr(out, "\n404\t") + 1, "\n404\t"));	/* the map's own */
		/* a failure while writing leaves no output for make to take as built */
		assert_non_null(f = fopen(fixture_path("small.json"), "w"));
		fputs("not json", f);
		fclose(f);
		assert_int_equal(run(json, opts, out, err, sizeof(out)), 1);
		assert_non_null(strstr(err, "small.json: line 1"));
		assert_string_equal(out, "");
	}
	/* the same with Antarctica kept */
	st = run(json, "-x -", out, err, sizeof(out));
	assert_int_equal(st, 0);
	assert_non_null(strstr(out, "\n010\tAntarctica\tm"));
	assert_non_null(strstr(out, "\n\tNo id\tm"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_convert),
	};

	return cmocka_run_group_tests(tests, setup, fixture_group_teardown);
}
