/* A plain driver for the fuzz targets, so that `make test` exercises them without
 * libFuzzer: every file of the seed corpus directory given as argv[1] goes through
 * LLVMFuzzerTestOneInput, then deterministic random mutations of each (bit flips,
 * byte changes, cuts, insertions and splices). Exit 0 unless a target crashes (the
 * sanitizers abort the process). `make fuzz` links the same targets with libFuzzer. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_SEEDS 256
#define DRIVER_MAX_INPUT 65536
#define ROUNDS 400

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint32_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

static size_t mutate(uint8_t *buf, size_t len, const uint8_t *other, size_t olen)
{
	switch (next() % 6) {
	case 0: /* flip a bit */
		if (len)
			buf[next() % len] ^= (uint8_t)(1u << (next() % 8));
		break;
	case 1: /* interesting byte */
		if (len) {
			static const uint8_t bytes[] = { 0, 0xff, 0x7f, 0x80, '\n', '\t', '"',
							 '\\', '=', '#', '<', '%', ':' };
			buf[next() % len] = bytes[next() % sizeof(bytes)];
		}
		break;
	case 2: /* cut the tail */
		if (len)
			len = next() % len;
		break;
	case 3: /* insert random bytes */
		if (len < DRIVER_MAX_INPUT - 8) {
			size_t at = len ? next() % len : 0, n = 1 + next() % 8;

			memmove(buf + at + n, buf + at, len - at);
			for (size_t i = 0; i < n; i++)
				buf[at + i] = (uint8_t)next();
			len += n;
		}
		break;
	case 4: /* splice in part of another seed */
		if (olen && len < DRIVER_MAX_INPUT / 2) {
			size_t from = next() % olen, n = 1 + next() % (olen - from);
			size_t at = len ? next() % len : 0;

			if (len + n > DRIVER_MAX_INPUT)
				n = DRIVER_MAX_INPUT - len;
			memmove(buf + at + n, buf + at, len - at);
			memcpy(buf + at, other + from, n);
			len += n;
		}
		break;
	default: /* duplicate a chunk */
		if (len && len < DRIVER_MAX_INPUT / 2) {
			size_t from = next() % len, n = 1 + next() % (len - from);

			memcpy(buf + len, buf + from, n);
			len += n;
		}
		break;
	}
	return len;
}

int main(int argc, char **argv)
{
	static uint8_t *seeds[MAX_SEEDS];
	static size_t lens[MAX_SEEDS];
	static uint8_t buf[DRIVER_MAX_INPUT * 2];
	size_t nseeds = 0, runs = 0;
	DIR *d = argc > 1 ? opendir(argv[1]) : NULL;
	struct dirent *de;

	while (d && (de = readdir(d)) && nseeds < MAX_SEEDS) {
		char path[4096];
		FILE *f;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", argv[1], de->d_name);
		if (!(f = fopen(path, "rb")))
			continue;
		seeds[nseeds] = malloc(DRIVER_MAX_INPUT);
		lens[nseeds] = fread(seeds[nseeds], 1, DRIVER_MAX_INPUT, f);
		fclose(f);
		nseeds++;
	}
	if (d)
		closedir(d);
	if (!nseeds) { /* no corpus: start from the empty input */
		seeds[0] = calloc(1, 1);
		lens[0] = 0;
		nseeds = 1;
	}
	for (size_t i = 0; i < nseeds; i++) {
		LLVMFuzzerTestOneInput(seeds[i], lens[i]);
		runs++;
		for (int r = 0; r < ROUNDS; r++) {
			size_t len = lens[i], o = next() % nseeds;
			int k = 1 + (int)(next() % 4);

			memcpy(buf, seeds[i], len);
			while (k--)
				len = mutate(buf, len, seeds[o], lens[o]);
			/* a private copy of exactly len bytes lets ASan see overreads */
			uint8_t *in = malloc(len ? len : 1);
			memcpy(in, buf, len);
			LLVMFuzzerTestOneInput(in, len);
			free(in);
			runs++;
		}
	}
	for (size_t i = 0; i < nseeds; i++)
		free(seeds[i]);
	printf("%zu inputs from %zu seeds\n", runs, nseeds);
	return 0;
}
