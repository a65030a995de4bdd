#!/usr/bin/env bash
# Technical assistance benchmark (issue 16, "Tests and measures"): the time to suggest
# matches for one request and to find every duplication warning, with BENCH_REQUESTS
# requests, BENCH_OFFERS offers and BENCH_ACTIVITIES activities, against plain SQL over
# the same database file in the same run. See bench/README.md ("Technical assistance").
#   1. the machine;
#   2. the database under BENCH_TMP: `ccrepo migrate` (reference data: countries,
#      regions, currencies), then bench/assist/assist_bench gen, which writes through
#      the domain (src/domain/assist.h), one transaction and audit entry per write, as
#      the command line does: the organisations, the requests, the offers, the matches
#      (four in five accepted) and the activities with their trainings;
#   3. bench/assist/assist_bench run: suggestions for BENCH_QUERIES random requests
#      (reasons written out for the top 10, as a request page shows), overlaps over
#      every request (20 times) and for one country (BENCH_QUERIES times), each with a
#      fresh pool; then the reference, plain SQL through sqlite3 on the same file: the
#      candidate offers of the request's topic with their accepted matches counted (a
#      floor: no scoring, no reasons), and the overlap rule as one self-join, whose
#      count must equal ccrepo's;
#   4. the table, also written to bench/results/assist-latest.txt.
# Knobs: BENCH_REQUESTS (20000), BENCH_OFFERS (2000), BENCH_MATCHES (5000),
# BENCH_ACTIVITIES (50000), BENCH_QUERIES (1000), BENCH_SEED (1), BENCH_TMP (/tmp),
# BENCH_KEEP_DB (1: keep the database and say where).
set -eu
cd "$(dirname "$0")/.."
nreq=${BENCH_REQUESTS:-20000}
noff=${BENCH_OFFERS:-2000}
nmatch=${BENCH_MATCHES:-5000}
nact=${BENCH_ACTIVITIES:-50000}
nq=${BENCH_QUERIES:-1000}
seed=${BENCH_SEED:-1}
bin=$PWD/build/rel/ccrepo
mkdir -p bench/results
tmp=$(mktemp -d "${BENCH_TMP:-/tmp}/ccrepo-assist-bench.XXXXXX")
db=$tmp/ccrepo.db
cleanup() {
	if [ "${BENCH_KEEP_DB:-0}" = 1 ]; then echo "kept: $db"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
phases=""
phase() { phases="$phases$(printf '  %-40s %8s s' "$1" "$2")"$'\n'; }

# ccrepo and the driver
t0=$(now)
built=0
for i in 1 2 3 4 5; do
	if make -s -j2 >"$tmp/make.log" 2>&1; then built=1; break; fi
	echo "make failed (try $i of 5; the tree may be mid-change); retrying in 60 s" >&2
	tail -5 "$tmp/make.log" >&2
	sleep 60
done
[ $built = 1 ] || { echo "assist.sh: cannot build ccrepo" >&2; exit 1; }
cflags="-O2 -g -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror"
# shellcheck disable=SC2046
cc $cflags -Isrc -Ibuild/rel/gen \
	$(pkg-config --cflags libmicrohttpd jansson sqlite3 libxml-2.0 libcmark) \
	-o "$tmp/assist_bench" bench/assist/assist_bench.c $(make -s print-LIBOBJ) \
	$(make -s print-LDLIBS) -lm
phase "build ccrepo and the driver" "$(since "$t0")"

# 1. the machine
{
	echo "ccrepo technical assistance benchmark, $(date -u +%Y-%m-%dT%H:%MZ)," \
		"commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
	echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
		"$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)," \
		"$(uname -sr), SQLite $(sqlite3 --version 2>/dev/null | cut -d' ' -f1 || echo '?')"
	echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$tmp/head.txt"
cat "$tmp/head.txt"

# 2. the data
t0=$(now)
"$bin" migrate --db "$db" --log-level warn >/dev/null
"$tmp/assist_bench" gen "$db" "$nreq" "$noff" "$nmatch" "$nact" "$seed" 2>"$tmp/gen.txt"
cat "$tmp/gen.txt"
phase "generate (through the domain)" "$(since "$t0")"
size=$(stat -c %s "$db")

# 3. the runs
t0=$(now)
"$tmp/assist_bench" run "$db" "$nq" "$seed" >"$tmp/results.txt"
phase "suggestions, overlaps, reference" "$(since "$t0")"

# 4. the table
{
	cat "$tmp/head.txt"
	echo "data: $nreq requests, $noff offers, $nmatch matches wanted, $nact activities;" \
		"database $(awk -v b="$size" 'BEGIN { printf "%.1f MiB", b / 1048576 }')"
	sed 's/^/  /' "$tmp/gen.txt"
	echo
	echo "Milliseconds per call, one thread, a fresh pool each (ccrepo: the domain's"
	echo "functions as a request page or the API calls them; ref: plain SQL, sqlite3):"
	printf '%-14s %6s %9s %9s %9s\n' what n "p50 ms" "p99 ms" "max ms"
	awk '$1 == "RESULT" { printf "%-14s %6d %9.3f %9.3f %9.3f\n", $2, $3, $4, $5, $6 }' "$tmp/results.txt"
	grep '^CHECK' "$tmp/results.txt" || true
	awk '$1 == "SIZE" { printf "IATI document of every request: %d activities, %.1f MB\n", $3, $5 / 1e6 }' "$tmp/results.txt"
	for x in suggest:ref-suggest overlaps:ref-overlaps; do
		a=$(awk -v w="${x%%:*}" '$1 == "RESULT" && $2 == w { print $4 }' "$tmp/results.txt")
		b=$(awk -v w="${x#*:}" '$1 == "RESULT" && $2 == w { print $4 }' "$tmp/results.txt")
		awk -v a="$a" -v b="$b" -v w="${x%%:*}" 'BEGIN { if (a != "" && b > 0)
			printf "ratio ccrepo / reference, %s (p50): %.2f (%.3f ms / %.3f ms)\n", w, a / b, a, b }'
	done
	a=$(awk '$1 == "RESULT" && $2 == "suggest" { print $4 }' "$tmp/results.txt")
	awk -v a="$a" 'BEGIN { printf "aim: one request'"'"'s matches under 20 ms: p50 %.3f ms %s\n", a, a < 20 ? "(met)" : "(NOT met)" }'
	echo
	echo "Phases"
	printf '%s' "$phases"
	echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$tmp/report.txt"
echo
cat "$tmp/report.txt"
cp "$tmp/report.txt" bench/results/assist-latest.txt
echo
echo "written to bench/results/assist-latest.txt"
