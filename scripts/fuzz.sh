#!/usr/bin/env bash
# Build every fuzz target with clang's libFuzzer (plus ASan and UBSan) and run each
# for FUZZ_SECONDS (default 60) over its seed corpus (FUZZ_ONLY="fts query": only
# those). New inputs go to build/fuzz/.
set -eu
secs=${FUZZ_SECONDS:-60}
command -v clang >/dev/null || { echo "fuzz: clang is needed (apt-get install clang)"; exit 2; }
make --no-print-directory build/rel/gen/assets.h >/dev/null
out=build/fuzz
mkdir -p "$out"
flags="-g -O1 -std=c11 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined -Isrc -Ibuild/rel/gen"
libs="$(pkg-config --cflags $(make -s print-PKGS)) $(make -s print-LDLIBS)"
srcs=$(ls src/*/*.c src/*/*/*.c | grep -v '^src/main.c$')
for t in tests/fuzz/fuzz_*.c; do
	name=$(basename "$t" .c)
	# FUZZ_ONLY="fts query": only those targets
	if [ -n "${FUZZ_ONLY:-}" ] && ! [[ " $FUZZ_ONLY " == *" ${name#fuzz_} "* ]]; then continue; fi
	echo "== $name ($secs s)"
	clang $flags "$t" $srcs build/rel/gen/assets.c $libs -lpthread -o "$out/$name"
	mkdir -p "$out/corpus-$name"
	"$out/$name" -max_total_time="$secs" "$out/corpus-$name" "tests/fuzz/corpus/${name#fuzz_}" 2>&1 | tail -n 3
done
