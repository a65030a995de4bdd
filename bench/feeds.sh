#!/usr/bin/env bash
# Feeds benchmark (issue 17): the Atom feeds of developments (src/web/developments.c,
# domain/dev.h) on the generated collection of bench/coverage.sh (the same corpus and
# cache), warm, over one keep-alive connection (bench/coverage/client.py). See
# bench/README.md ("Feeds").
#   1. the machine;
#   2. the corpus (bench/search/gen.py, cached in bench/search/data as for coverage);
#   3. ccrepo (make), a database under BENCH_TMP: migrate, import the bundles, the real
#      laws and the curators' mappings (tests/relevance/load-corpus.sh); the counts;
#   4. the requests: a country's feed (the country with the most laws), its region's,
#      the world's (by updated, the feeds' order, and by date), an article's, the
#      world's with 500 entries, and the JSON of the country; from a server without its
#      page cache (cold: every request computes, as private feeds do) and with it;
#   5. the table, also written to bench/results/feeds-latest.txt.
# Knobs: BENCH_PROVISIONS (1000000), BENCH_MAPPINGS (a tenth of the provisions),
# BENCH_COUNTRIES (193), BENCH_SEED (1), BENCH_REQUESTS (100), BENCH_MAX_SECONDS (300),
# BENCH_REAL (1), BENCH_TMP (/tmp), BENCH_KEEP_DB (1: keep the database).
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
# the same rate as bench/coverage.sh, so that both use one cached corpus
rate=$(awk -v t="$target" -v n="$provisions" \
	'BEGIN { r = t / (0.2885 * n); if (r > 1) r = 1; printf "%.4g", r }')
data=bench/search/data/p$provisions-s$seed-m$rate-c$ncountries
mkdir -p bench/results
tmp=$(mktemp -d "${BENCH_TMP:-/tmp}/ccrepo-feeds-bench.XXXXXX")
db=$tmp/ccrepo.db
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null || true; done
	if [ "${BENCH_KEEP_DB:-0}" = 1 ]; then echo "kept: $db"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
sql() { sqlite3 -batch -noheader "$db" "$@"; }

command -v python3 >/dev/null && command -v sqlite3 >/dev/null && command -v curl >/dev/null ||
	scripts/install-deps.sh bench
make -s -j2 >"$tmp/make.log" 2>&1 || { tail -20 "$tmp/make.log" >&2; exit 1; }

# 1. the machine
{
	echo "feeds benchmark on GENERATED laws (every title begins \"[generated]\"), $(date -u +%FT%TZ)"
	echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
	echo "memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), kernel $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "ccrepo $(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet -- src Makefile 2>/dev/null || echo ' (with uncommitted changes to src/)')"
	echo "corpus: $provisions provisions (seed $seed), $ncountries countries, map rate $rate, real laws $([ "$real" = 1 ] && echo loaded || echo 'not loaded')"
	echo "requests: $requests per URL (at most $maxs s each), one keep-alive connection, no Accept-Encoding"
} | tee "$tmp/head.txt"

# 2. the corpus
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

# 3. the database
t0=$(now)
"$bin" migrate --db "$db" --log-level warn >/dev/null
for f in "$data"/bundle-*.json; do
	"$bin" import --db "$db" --log-level warn "$f" >>"$tmp/import.log"
done
[ "$real" = 1 ] && CCREPO_BIN=$bin tests/relevance/load-corpus.sh "$db" "$root/../shared" >>"$tmp/import.log"
import_s=$(since "$t0")
sql "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cc=$(sql "SELECT country FROM record WHERE kind = 'legislation' AND status = 'published'
	AND country IS NOT NULL GROUP BY country ORDER BY count(*) DESC, country LIMIT 1")
region=$(sql "SELECT subregion FROM country WHERE alpha2 = '$cc'")
counts=$(sql "SELECT (SELECT count(*) FROM provision), (SELECT count(*) FROM work),
	(SELECT count(*) FROM expression), (SELECT count(*) FROM mapping WHERE state = 'accepted'),
	(SELECT count(DISTINCT country) FROM record WHERE kind = 'legislation'),
	(SELECT count(*) FROM record WHERE kind = 'legislation' AND country = '$cc')" | tr '|' ' ')
set -- $counts
echo "database: $1 provisions, $2 laws, $3 versions, $4 accepted mappings, laws in $5 countries; $(du -m "$db" | cut -f1) MB; import $import_s s" |
	tee "$tmp/counts.txt"
echo "country: $cc ($6 laws, the most of any country), its sub-region $region" | tee -a "$tmp/counts.txt"

# 4. the requests, from a server without its page cache ("cold": every request
# computes, as a private feed always does) and with it ("cached": the public's feeds)
urls=(
	"country-feed=/feeds/developments.atom?country=$cc"
	"region-feed=/feeds/developments.atom?region=$region"
	"world-feed=/feeds/developments.atom"
	"world-feed-by-date=/feeds/developments.atom?order=date"
	"article-feed=/feeds/developments.atom?article=un-cc/7"
	"world-feed-500=/feeds/developments.atom?limit=500"
	"country-json=/api/v1/developments?country=$cc"
)
: >"$tmp/results.txt"
for mode in cold cached; do
	p=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	opts=(--db "$db" --listen "127.0.0.1:$p" --log-level warn)
	[ $mode = cold ] && opts+=(--cache-max 0)
	"$bin" serve "${opts[@]}" >"$tmp/serve-$mode.log" 2>&1 &
	spid=$!
	pids="$pids $spid"
	for i in $(seq 1 300); do
		curl -fs -o /dev/null "http://127.0.0.1:$p/healthz" && break
		sleep 0.1
	done
	echo "requests, $mode ..."
	timeout --kill-after=10 $(( maxs * ${#urls[@]} + 600 )) \
		python3 bench/coverage/client.py "$p" "$requests" "$maxs" "${urls[@]}" |
		sed "s/^RESULT /RESULT $mode /" | tee -a "$tmp/results.txt"
	echo "RSS $mode $(awk '/VmRSS/ { print $2 }' /proc/$spid/status) $(awk '/VmHWM/ { print $2 }' /proc/$spid/status)" >>"$tmp/results.txt"
	kill "$spid"
	wait "$spid" 2>/dev/null || true
done

# 5. the table
{
	cat "$tmp/head.txt" "$tmp/counts.txt"
	echo
	echo "Requests: milliseconds from sending the request to the last byte of the answer,"
	echo "after two requests that are not timed (warm). cold: --cache-max 0, every request"
	echo "computes (as a private feed, with a token, always does); cached: the default page"
	echo "cache, which keeps the public's feeds until the next commit (the JSON API is not"
	echo "cached). Bytes: the body without compression, and with Accept-Encoding: gzip."
	printf '%-20s %-7s %4s %6s %9s %9s %9s %10s %9s\n' request server n status "p50 ms" \
		"p99 ms" "max ms" "raw B" "gzip B"
	awk '$1 == "RESULT" { printf "%-20s %-7s %4d %6s %9.2f %9.2f %9.2f %10d %9d\n",
		$3, $2, $4, $5, $6, $7, $8, $9, $10 }' "$tmp/results.txt"
	awk '$1 == "RSS" { printf "ccrepo serve (%s): VmRSS %.1f MiB at the end, peak %.1f MiB\n", $2, $3 / 1024, $4 / 1024 }' "$tmp/results.txt"
	echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$tmp/report.txt"
echo
cat "$tmp/report.txt"
cp "$tmp/report.txt" bench/results/feeds-latest.txt
echo
echo "written to bench/results/feeds-latest.txt"
