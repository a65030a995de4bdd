#!/usr/bin/env bash
# Coverage benchmark (issue 14): the coverage matrix, a country's profile, the world map
# and an article's page on a generated collection of laws with many accepted mappings,
# from a server without its page cache ("cold": every request computes) and with it
# ("cached"), against one plain SQL aggregate in the sqlite3 shell. See bench/README.md
# ("Coverage").
#   1. the machine;
#   2. the corpus (bench/search/gen.py with --map-rate and --countries), cached in
#      bench/search/data/pN-sSEED-mRATE-cCOUNTRIES;
#   3. ccrepo (make), a database under BENCH_TMP: migrate, import the bundles (timed),
#      then the real laws and the curators' mappings (tests/relevance/load-corpus.sh);
#      the counts;
#   4. the reference: bench/coverage/reference.sql in the sqlite3 shell, median of 5;
#   5. the CLI: ccrepo coverage CC and --article=un-cc/7, median of 5;
#   6. the requests (bench/coverage/client.py) against ccrepo serve --cache-max 0, then
#      against ccrepo serve with its default cache;
#   7. the table, also written to bench/results/coverage-latest.txt.
# Knobs: BENCH_PROVISIONS (1000000), BENCH_MAPPINGS (accepted mappings to aim at,
# default a tenth of the provisions), BENCH_COUNTRIES (193), BENCH_SEED (1),
# BENCH_REQUESTS (100), BENCH_MAX_SECONDS (per URL and server, 300: then n says how
# many ran), BENCH_REAL (1: also load the real laws and their mappings), BENCH_TMP
# (/tmp), BENCH_KEEP_DB (1: keep the database and say where).
set -eu
cd "$(dirname "$0")/.."
root=$PWD
provisions=${BENCH_PROVISIONS:-1000000}
target=${BENCH_MAPPINGS:-$(( provisions / 10 ))}
ncountries=${BENCH_COUNTRIES:-193}
seed=${BENCH_SEED:-1}
requests=${BENCH_REQUESTS:-100}
maxs=${BENCH_MAX_SECONDS:-300}
real=${BENCH_REAL:-1}
bin=$root/build/rel/ccrepo
# gen.py makes sections about 29% of the provisions (28.85% at 20,000; at 1,000,000
# the rate below gave 100,428 of 100,000 aimed at), whatever the rate: the share of
# sections to map for the target
rate=$(awk -v t="$target" -v n="$provisions" \
	'BEGIN { r = t / (0.2885 * n); if (r > 1) r = 1; printf "%.4g", r }')
data=bench/search/data/p$provisions-s$seed-m$rate-c$ncountries
mkdir -p bench/results
tmp=$(mktemp -d "${BENCH_TMP:-/tmp}/ccrepo-coverage-bench.XXXXXX")
db=$tmp/ccrepo.db
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null || true; done
	if [ "${BENCH_KEEP_DB:-0}" = 1 ]; then
		echo "kept: $db"
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
phases=""
phase() { phases="$phases$(printf '  %-40s %8s s' "$1" "$2")"$'\n'; }
# the median of the numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2];
	else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
sql() { sqlite3 -batch -noheader "$db" "$@"; }

command -v python3 >/dev/null && command -v sqlite3 >/dev/null && command -v curl >/dev/null ||
	scripts/install-deps.sh bench

# 3a. ccrepo itself (before the head, which names its commit)
t0=$(now)
built=0
for i in 1 2 3 4 5; do
	if make -s -j2 >"$tmp/make.log" 2>&1; then built=1; break; fi
	echo "make failed (try $i of 5; the tree may be mid-change); retrying in 60 s" >&2
	tail -5 "$tmp/make.log" >&2
	sleep 60
done
[ $built = 1 ] || { echo "coverage.sh: cannot build ccrepo" >&2; exit 1; }
phase "make" "$(since "$t0")"

# 1. the machine
{
	echo "coverage benchmark on GENERATED laws (every title begins \"[generated]\"), $(date -u +%FT%TZ)"
	echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
	echo "memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), kernel $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "sqlite $(pkg-config --modversion sqlite3) (ccrepo's), shell $(sqlite3 --version | cut -d' ' -f1), python $(python3 -c 'import platform; print(platform.python_version())')"
	echo "ccrepo $(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet -- src Makefile 2>/dev/null || echo ' (with uncommitted changes to src/)')"
	echo "corpus: $provisions provisions (seed $seed), $ncountries countries, sections mapped at rate $rate (aim: $target accepted mappings), real laws $([ "$real" = 1 ] && echo loaded || echo 'not loaded')"
	echo "requests: $requests per URL and server (at most $maxs s each), one keep-alive connection, no Accept-Encoding"
} | tee "$tmp/head.txt"

# 2. the corpus
t0=$(now)
key="provisions=$provisions seed=$seed map_rate=$rate countries=$ncountries mark gen=$(cksum <bench/search/gen.py | cut -d' ' -f1)"
if [ ! -f "$data/.done" ] || [ "$(cat "$data/.key" 2>/dev/null)" != "$key" ]; then
	echo "generating the corpus in $data ..."
	rm -f "$data/.key"
	mkdir -p "$data"
	python3 bench/search/gen.py --provisions "$provisions" --seed "$seed" \
		--map-rate "$rate" --countries "$ncountries" --mark --out "$data" >"$tmp/gen.log"
	grep '^corpus:' "$tmp/gen.log" >"$data/files.txt"
	echo "$key" >"$data/.key"
fi
# which files of the shared corpus the text comes from (gen.py's CORPUS_FILES)
[ -f "$data/files.txt" ] && sed 's/^/  /' "$data/files.txt"
sed 's/^/  /' "$data/stats.txt" | cut -c1-400
phase "corpus (generate or cached)" "$(since "$t0")"

# 3b. the database
echo "importing $(ls "$data"/bundle-*.json | wc -l) bundles into $db ..."
t0=$(now)
"$bin" migrate --db "$db" --log-level warn >/dev/null
for f in "$data"/bundle-*.json; do
	"$bin" import --db "$db" --log-level warn "$f" >>"$tmp/import.log"
done
import_s=$(since "$t0")
phase "import (migrate + bundles)" "$import_s"
if [ "$real" = 1 ]; then
	t0=$(now)
	CCREPO_BIN=$bin tests/relevance/load-corpus.sh "$db" "$root/../shared" >>"$tmp/import.log"
	phase "real laws and mappings (load-corpus.sh)" "$(since "$t0")"
fi
sql "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
counts=$(sql "SELECT (SELECT count(*) FROM provision), (SELECT count(*) FROM work),
	(SELECT count(*) FROM mapping WHERE state = 'accepted'),
	(SELECT count(DISTINCT r.country) FROM mapping m JOIN record r ON r.id = m.work_id
	 WHERE m.state = 'accepted')" | tr '|' ' ')
set -- $counts
echo "database: $1 provisions, $2 works, $3 accepted mappings, $4 countries with a mapping; $(du -m "$db" | cut -f1) MB; import ${import_s} s" |
	tee "$tmp/counts.txt"
# the profile: the country with the most accepted mappings in published laws
cc=$(sql "SELECT r.country FROM mapping m JOIN record r ON r.id = m.work_id
	WHERE m.state = 'accepted' AND r.status = 'published' GROUP BY r.country
	ORDER BY count(*) DESC, r.country LIMIT 1")
ccn=$(sql "SELECT count(*) FROM mapping m JOIN record r ON r.id = m.work_id
	WHERE m.state = 'accepted' AND r.status = 'published' AND r.country = '$cc'")
echo "profile: $cc ($ccn accepted mappings, the most of any country)" | tee -a "$tmp/counts.txt"

# 4. the reference: the plain aggregate, five times in one shell (its own timer)
t0=$(now)
for i in 1 2 3 4 5; do echo ".timer on"; cat bench/coverage/reference.sql; done |
	sql >"$tmp/ref.out"
ref_ms=$(awk '/^Run Time/ { print $4 * 1000 }' "$tmp/ref.out" | median)
ref_cells=$(grep -v '^Run Time' "$tmp/ref.out" | head -1 | tr '|' ' ')
echo "reference (bench/coverage/reference.sql, sqlite3 shell): median ${ref_ms} ms of 5, $ref_cells (cells with evidence, full)" |
	tee "$tmp/ref.txt"
phase "reference" "$(since "$t0")"

# 5. the CLI: wall time of the whole process, median of 5
t0=$(now)
: >"$tmp/cli.txt"
cli() {
	local label=$1; shift
	local t ms
	for i in 1 2 3 4 5; do
		t=$(now)
		"$bin" coverage --db "$db" --log-level warn "$@" >"$tmp/cli.out"
		awk -v a="$t" -v b="$(now)" 'BEGIN { printf "%.1f\n", (b - a) * 1000 }'
	done >"$tmp/cli.ms"
	ms=$(median <"$tmp/cli.ms")
	printf '%s\t%s\t%s\t%s\n' "$label" "$ms" "$(sort -g "$tmp/cli.ms" | tail -1)" \
		"$(wc -c <"$tmp/cli.out")" >>"$tmp/cli.txt"
}
cli "ccrepo coverage $cc" "$cc"
cli "ccrepo coverage --article=un-cc/7" --article=un-cc/7
phase "CLI" "$(since "$t0")"

# 6. the servers
port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
urls=(
	"matrix-json=/api/v1/coverage?limit=500"
	"matrix-page=/coverage"
	"matrix-csv=/coverage.csv"
	"profile=/countries/$cc"
	"map=/coverage/map"
	"article=/instruments/un-cc/7"
)
: >"$tmp/results.txt"
for mode in cold cached; do
	t0=$(now)
	p=$(port)
	opts=(--db "$db" --listen "127.0.0.1:$p" --log-level warn)
	[ $mode = cold ] && opts+=(--cache-max 0)
	"$bin" serve "${opts[@]}" >"$tmp/serve-$mode.log" 2>&1 &
	spid=$!
	pids="$pids $spid"
	for i in $(seq 1 300); do
		curl -fs -o /dev/null "http://127.0.0.1:$p/healthz" && break
		sleep 0.1
	done
	echo "requests, $mode (ccrepo serve ${opts[*]:2}) ..."
	timeout --kill-after=10 $(( maxs * ${#urls[@]} + 600 )) \
		python3 bench/coverage/client.py "$p" "$requests" "$maxs" "${urls[@]}" |
		sed "s/^RESULT /RESULT $mode /" | tee -a "$tmp/results.txt"
	echo "RSS $mode $(awk '/VmRSS/ { print $2 }' /proc/$spid/status) $(awk '/VmHWM/ { print $2 }' /proc/$spid/status)" >>"$tmp/results.txt"
	kill "$spid"
	wait "$spid" 2>/dev/null || true
	phase "requests, $mode" "$(since "$t0")"
done

# 7. the table
matrix_ms=$(awk '$1 == "RESULT" && $2 == "cold" && $3 == "matrix-json" { print $13 }' "$tmp/results.txt")
{
	cat "$tmp/head.txt"
	[ -f "$data/files.txt" ] && echo "  text from $(wc -l <"$data/files.txt") files of ../shared/corpus (gen.py's CORPUS_FILES)"
	sed 's/^/  /' "$data/stats.txt" | grep -v '^  source:' | cut -c1-200
	cat "$tmp/counts.txt"
	echo
	echo "Requests: milliseconds from sending the request to the last byte of the answer;"
	echo "cold: --cache-max 0 (no page cache: every request runs its handler, which"
	echo "computes what the domain's cache of statuses does not hold); cached: the default"
	echo "page cache, filled by a first request (the JSON API is never cached). first: the"
	echo "first request of the URL on that server (the computation after a start or a write)."
	echo "Bytes: the body without compression, and with Accept-Encoding: gzip."
	printf '%-34s %-7s %4s %6s %9s %9s %9s %9s %10s %9s\n' request server n status \
		"first ms" "p50 ms" "p99 ms" "max ms" "raw B" "gzip B"
	awk '$1 == "RESULT" { printf "%-34s %-7s %4d %6s %9.2f %9.2f %9.2f %9.2f %10d %9d\n",
		$12, $2, $4, $5, $13, $6, $7, $8, $9, $10 }' "$tmp/results.txt"
	echo
	printf '%-34s %9s %9s %10s\n' "CLI (wall time of the process, 5 runs)" "p50 ms" "max ms" "bytes"
	awk -F'\t' '{ printf "%-40s %9.1f %9.1f %10d\n", $1, $2, $3, $4 }' "$tmp/cli.txt"
	echo
	cat "$tmp/ref.txt"
	awk -v a="$matrix_ms" -v b="$ref_ms" 'BEGIN { if (b > 0) printf "ratio ccrepo / reference, full matrix computed (the first cold /api/v1/coverage?limit=500): %.2f (%.1f ms / %.1f ms)\n", a / b, a, b }'
	awk '$1 == "RSS" { printf "ccrepo serve (%s): VmRSS %.1f MiB at the end, peak %.1f MiB\n", $2, $3 / 1024, $4 / 1024 }' "$tmp/results.txt"
	echo
	echo "Phases"
	printf '%s' "$phases"
	echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$tmp/report.txt"
echo
cat "$tmp/report.txt"
cp "$tmp/report.txt" bench/results/coverage-latest.txt
echo
echo "written to bench/results/coverage-latest.txt"
