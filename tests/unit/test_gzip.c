/* Tests of http/gzip (compression checked by inflating with zlib, the size and type
 * thresholds, Accept-Encoding parsing) and of cache_etag_match() and cache_may_keep()
 * in http/cache. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "http/cache.h"
#include "http/gzip.h"

/* Inflate a gzip stream; the caller frees. NULL when zlib rejects it. */
static unsigned char *gunzip(const unsigned char *z, size_t zlen, size_t cap, size_t *len)
{
	unsigned char *out = malloc(cap ? cap : 1);
	z_stream s;
	int rc;

	assert_non_null(out);
	memset(&s, 0, sizeof(s));
	assert_int_equal(inflateInit2(&s, 15 + 16), Z_OK);	/* gzip wrapper only */
	s.next_in = (Bytef *)z;
	s.avail_in = (uInt)zlen;
	s.next_out = out;
	s.avail_out = (uInt)cap;
	rc = inflate(&s, Z_FINISH);
	*len = s.total_out;
	/* the whole input is one gzip member */
	if (rc != Z_STREAM_END || s.avail_in != 0) {
		free(out);
		out = NULL;
	}
	inflateEnd(&s);
	return out;
}

static void check_roundtrip(const unsigned char *data, size_t len)
{
	size_t zlen = 0, back_len = 0;
	unsigned char *z = gzip_compress(data, len, &zlen), *back;

	assert_non_null(z);
	assert_true(zlen > 18);		/* header and trailer */
	assert_true(zlen < len);
	/* RFC 1952 magic and deflate method */
	assert_int_equal(z[0], 0x1f);
	assert_int_equal(z[1], 0x8b);
	assert_int_equal(z[2], 8);
	/* ISIZE: the length mod 2^32, little-endian, in the last four bytes */
	assert_int_equal((uint32_t)z[zlen - 4] | (uint32_t)z[zlen - 3] << 8 |
				 (uint32_t)z[zlen - 2] << 16 | (uint32_t)z[zlen - 1] << 24,
			 (uint32_t)len);
	back = gunzip(z, zlen, len + 16, &back_len);
	assert_non_null(back);
	assert_int_equal(back_len, len);
	assert_memory_equal(back, data, len);
	free(back);
	free(z);
}

static void test_roundtrip(void **state)
{
	static const char html[] =
		"<!doctype html><html lang=\"en\"><head><title>Countries</title></head><body>"
		"<ul><li>Kenya</li><li>Kenya</li><li>Kenya</li><li>Kenya</li><li>Kenya</li>"
		"<li>Kenya</li><li>Kenya</li><li>Kenya</li><li>Kenya</li><li>Kenya</li></ul>"
		"</body></html>\n";
	unsigned char *big = malloc(1 << 20);

	(void)state;
	check_roundtrip((const unsigned char *)html, sizeof(html) - 1);
	assert_non_null(big);
	for (size_t i = 0; i < 1 << 20; i++)
		big[i] = (unsigned char)("abcdefgh\xc3\xa9"[i % 10] ^ (i % 4096 == 0));
	check_roundtrip(big, 1 << 20);
	free(big);
}

static void test_not_smaller(void **state)
{
	unsigned char noise[4096];
	uint32_t x = 2463534242u;
	size_t zlen = 12345;

	(void)state;
	/* random bytes do not shrink: NULL, and out_len is left alone */
	for (size_t i = 0; i < sizeof(noise); i++) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		noise[i] = (unsigned char)x;
	}
	assert_null(gzip_compress(noise, sizeof(noise), &zlen));
	assert_int_equal(zlen, 12345);
	/* a few bytes grow by the 18-byte wrapper */
	assert_null(gzip_compress("hello", 5, &zlen));
	assert_null(gzip_compress("", 0, &zlen));
}

static void test_worth(void **state)
{
	(void)state;
	assert_false(gzip_worth("text/html; charset=utf-8", 0));
	assert_false(gzip_worth("text/html; charset=utf-8", 255));
	assert_true(gzip_worth("text/html; charset=utf-8", 256));
	assert_true(gzip_worth("text/html", 1 << 20));
	assert_true(gzip_worth("text/css", 1000));
	assert_true(gzip_worth("text/csv", 1000));
	assert_true(gzip_worth("application/json", 1000));
	assert_true(gzip_worth("application/problem+json", 1000));
	assert_true(gzip_worth("application/xml", 1000));
	assert_true(gzip_worth("application/atom+xml; charset=utf-8", 1000));
	assert_true(gzip_worth("image/svg+xml", 1000));
	assert_true(gzip_worth("application/javascript", 1000));
	assert_false(gzip_worth("image/png", 1000));
	assert_false(gzip_worth("application/gzip", 1000));
	assert_false(gzip_worth("application/octet-stream", 1000));
	assert_false(gzip_worth("application/zip", 1000));
	assert_false(gzip_worth("", 1000));
	assert_false(gzip_worth(NULL, 1000));
}

static void test_accepted(void **state)
{
	(void)state;
	assert_true(gzip_accepted("gzip"));
	assert_true(gzip_accepted("deflate, gzip;q=0.5"));
	assert_true(gzip_accepted("gzip, deflate, br"));
	assert_true(gzip_accepted("br,gzip"));
	assert_true(gzip_accepted("GZIP"));
	assert_true(gzip_accepted("Gzip;Q=1"));
	assert_true(gzip_accepted("gzip;q=1.0"));
	assert_true(gzip_accepted("gzip; q=0.001"));
	assert_true(gzip_accepted("gzip ;q=0.5"));
	assert_true(gzip_accepted("x-gzip, gzip"));
	assert_false(gzip_accepted("gzip;q=0"));
	assert_false(gzip_accepted("gzip; q=0"));
	assert_false(gzip_accepted("gzip;q=0.0"));
	assert_false(gzip_accepted("gzip;q=0.000, br"));
	assert_false(gzip_accepted("x-gzip"));
	assert_false(gzip_accepted("gzipx"));
	assert_false(gzip_accepted("deflate, br"));
	assert_false(gzip_accepted("identity"));
	assert_false(gzip_accepted(""));
	assert_false(gzip_accepted(NULL));
}

/* An answer the cache would not keep (over a quarter of it; any with a cache that
 * keeps nothing) is not compressed ahead for it. */
static void test_may_keep(void **state)
{
	struct cache *c = cache_new(1000), *none = cache_new(0);

	(void)state;
	assert_true(cache_may_keep(c, 0));
	assert_true(cache_may_keep(c, 250));
	assert_false(cache_may_keep(c, 251));
	assert_false(cache_may_keep(none, 1));
	assert_false(cache_may_keep(NULL, 1));
	cache_free(c);
	cache_free(none);
}

static void test_etag_match(void **state)
{
	const char *etag = "\"0123456789abcdef\"";

	(void)state;
	assert_true(cache_etag_match("\"0123456789abcdef\"", etag));
	assert_true(cache_etag_match("W/\"0123456789abcdef\"", etag));
	assert_true(cache_etag_match("\"0123456789abcdef-gz\"", etag));
	assert_true(cache_etag_match("W/\"0123456789abcdef-gz\"", etag));
	assert_true(cache_etag_match("*", etag));
	assert_true(cache_etag_match("  *", etag));
	assert_true(cache_etag_match("\"aaaa\", \"0123456789abcdef\"", etag));
	assert_true(cache_etag_match("\"aaaa\",W/\"0123456789abcdef\"", etag));
	assert_true(cache_etag_match("\"aaaa\" , \"bbbb\",\"0123456789abcdef-gz\"", etag));
	assert_true(cache_etag_match(", ,\"0123456789abcdef\"", etag));

	assert_false(cache_etag_match("\"0123456789abcdeff\"", etag));
	assert_false(cache_etag_match("\"0123456789abcde\"", etag));
	assert_false(cache_etag_match("\"0123456789abcdef-gzip\"", etag));
	assert_false(cache_etag_match("\"0123456789abcdef", etag));
	assert_false(cache_etag_match("0123456789abcdef", etag));
	assert_false(cache_etag_match("\"aaaa\", \"bbbb\"", etag));
	assert_false(cache_etag_match("w/\"aaaa\"", etag));
	assert_false(cache_etag_match("", etag));
	assert_false(cache_etag_match(NULL, etag));
	assert_false(cache_etag_match("*", ""));
	assert_false(cache_etag_match("\"\"", ""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_not_smaller),
		cmocka_unit_test(test_worth),
		cmocka_unit_test(test_accepted),
		cmocka_unit_test(test_etag_match),
		cmocka_unit_test(test_may_keep),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
