#!/usr/bin/env bash
# Search benchmark: ccrepo's search against plain SQLite FTS5 and Xapian on the same
# generated provisions and queries, in one run. See bench/README.md ("Search").
#   1. the machine;
#   2. the corpus (bench/search/gen.py), cached in bench/search/data/pN-sSEED;
#   3. the three drivers (ccrepo's linked against the program's objects);
#   4. the three indexes, each timed and measured on disk;
#   5. every query on each engine: warm-up, then 1 and 2 threads;
#   6. the comparison table and each engine's ten slowest queries, also written to
#      bench/results/search-latest.txt.
# Knobs: BENCH_PROVISIONS (1000000), BENCH_QUERIES (1000), BENCH_SEED (1),
# BENCH_THREADS (1,2), BENCH_MAX_SECONDS (per engine and thread count, 1200),
# BENCH_ENGINES (ccrepo fts5 xapian), BENCH_TMP (where the indexes go, default /tmp).
set -eu
cd "$(dirname "$0")/.."
root=$PWD
provisions=${BENCH_PROVISIONS:-1000000}
queries=${BENCH_QUERIES:-1000}
seed=${BENCH_SEED:-1}
threads=${BENCH_THREADS:-1,2}
maxs=${BENCH_MAX_SECONDS:-1200}
engines=${BENCH_ENGINES:-ccrepo fts5 xapian}
nq=$(( queries > 1000 ? queries : 1000 ))
data=bench/search/data/p$provisions-s$seed
mkdir -p bench/results
tmp=$(mktemp -d "${BENCH_TMP:-/tmp}/ccrepo-search-bench.XXXXXX")
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null || true; done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
phases=""
phase() { phases="$phases$(printf '  %-34s %8s s' "$1" "$2")"$'\n'; }
# run CMD with a time limit, in the background so that a signal reaches it
limited() {
	local secs=$1; shift
	timeout --kill-after=10 "$secs" "$@" &
	local pid=$!
	pids="$pids $pid"
	wait "$pid"
}

# what this script needs beyond ccrepo's build
if ! command -v g++ >/dev/null || ! pkg-config --exists xapian-core 2>/dev/null ||
   ! command -v python3 >/dev/null; then
	scripts/install-deps.sh bench
fi

{
	echo "search benchmark, $(date -u +%FT%TZ)"
	echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
	echo "memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), kernel $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "sqlite $(pkg-config --modversion sqlite3), xapian $(pkg-config --modversion xapian-core), ccrepo $(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet -- src Makefile 2>/dev/null || echo ' (with uncommitted changes to src/)')"
	echo "corpus: $provisions provisions (seed $seed), $queries queries, threads $threads"
} | tee "$tmp/head.txt"

# 2. the corpus
t0=$(now)
key="provisions=$provisions seed=$seed queries=$nq gen=$(cksum <bench/search/gen.py | cut -d' ' -f1)"
if [ ! -f "$data/.done" ] || [ "$(cat "$data/.key" 2>/dev/null)" != "$key" ]; then
	echo "generating the corpus in $data ..."
	rm -f "$data/.key"
	python3 bench/search/gen.py --provisions "$provisions" --seed "$seed" --queries "$nq" \
		--out "$data" >/dev/null
	echo "$key" >"$data/.key"
fi
sed 's/^/  /' "$data/stats.txt"
phase "corpus (generate or cached)" "$(since "$t0")"

# 3. the drivers
t0=$(now)
built=0
for i in 1 2 3 4 5; do
	if make -s >"$tmp/make.log" 2>&1; then built=1; break; fi
	echo "make failed (try $i of 5; the tree may be mid-change); retrying in 60 s" >&2
	tail -5 "$tmp/make.log" >&2
	sleep 60
done
[ $built = 1 ] || { echo "search.sh: cannot build ccrepo" >&2; exit 1; }
cflags="-O2 -g -std=c11 -D_GNU_SOURCE -Wall -Wextra"
cc $cflags -o "$tmp/fts5_bench" bench/search/fts5_bench.c \
	$(pkg-config --cflags --libs sqlite3) -lpthread -lm
g++ -O2 -g -std=c++17 -Wall -Wextra -o "$tmp/xapian_bench" bench/search/xapian_bench.cc \
	$(pkg-config --cflags --libs xapian-core) -lpthread
cc $cflags -Isrc -Ibuild/rel/gen \
	$(pkg-config --cflags libmicrohttpd jansson sqlite3 libxml-2.0 libcmark) \
	-o "$tmp/ccrepo_bench" bench/search/ccrepo_bench.c $(make -s print-LIBOBJ) \
	$(make -s print-LDLIBS) -lm
phase "build ccrepo and the drivers" "$(since "$t0")"

has() { case " $engines " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
opts=(--threads "$threads" --max "$queries" --max-seconds "$maxs" --slowest 10)
guard=$(( maxs * 3 + 600 ))	# warm-up and two thread counts, and some
: >"$tmp/build.txt"

# 4. the indexes
if has ccrepo; then
	echo "building the ccrepo index (migrate, then import $(ls "$data"/bundle-*.json | wc -l) bundles) ..."
	t0=$(now)
	./ccrepo migrate --db "$tmp/ccrepo.db" --log-level warn >/dev/null
	for f in "$data"/bundle-*.json; do
		limited 3600 ./ccrepo import --db "$tmp/ccrepo.db" --log-level warn "$f" >>"$tmp/import.log"
	done
	secs=$(since "$t0")
	python3 - "$tmp/ccrepo.db" "$secs" >>"$tmp/build.txt" <<'EOF'
import os, sqlite3, sys
db, secs = sys.argv[1], sys.argv[2]
c = sqlite3.connect(db)
c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
n = c.execute("SELECT count(*) FROM provision").fetchone()[0]
try:
    idx = c.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search%'").fetchone()[0]
    note = "(search tables %.1f MB; the rest is the records)" % (idx / 1e6)
except sqlite3.Error:
    note = "(dbstat not available)"
c.close()
size = os.path.getsize(db) + (os.path.getsize(db + "-wal") if os.path.exists(db + "-wal") else 0)
print("BUILD ccrepo %s %d %d %s" % (secs, size, n, note))
EOF
	phase "ccrepo index (migrate + import)" "$secs"
fi
if has fts5; then
	echo "building the FTS5 index ..."
	t0=$(now)
	limited 3600 "$tmp/fts5_bench" build "$tmp/fts5.db" "$data/docs.tsv" >>"$tmp/build.txt"
	phase "fts5 index" "$(since "$t0")"
fi
if has xapian; then
	echo "building the Xapian index ..."
	t0=$(now)
	limited 3600 "$tmp/xapian_bench" build "$tmp/xapian" "$data/docs.tsv" >>"$tmp/build.txt"
	phase "xapian index" "$(since "$t0")"
fi
sed 's/^/  /' "$tmp/build.txt"

# 5. the queries: one engine at a time, so that they do not compete for the CPUs
for e in $engines; do
	case $e in
	ccrepo) db="$tmp/ccrepo.db" ;;
	fts5) db="$tmp/fts5.db" ;;
	xapian) db="$tmp/xapian" ;;
	*) echo "search.sh: unknown engine $e" >&2; exit 2 ;;
	esac
	echo "running the queries on $e ..."
	t0=$(now)
	rc=0
	[ "$e" = xapian ] && g=$(( guard * 2 )) || g=$guard
	limited "$g" "$tmp/${e}_bench" run "$db" "$data/queries.tsv" "${opts[@]}" \
		--counts "$tmp/counts-$e.txt" >"$tmp/$e.out" 2>"$tmp/$e.err" || rc=$?
	grep -E '^(WARMUP|RESULT)' "$tmp/$e.out" | sed 's/^/  /'
	if [ -s "$tmp/$e.err" ]; then
		echo "  $e: $(wc -l <"$tmp/$e.err") lines on stderr (exit $rc), the first:"
		head -5 "$tmp/$e.err" | sed 's/^/    /'
		cp "$tmp/$e.err" "bench/results/search-$e.err"
	fi
	phase "queries on $e" "$(since "$t0")"
done

# 6. the table
{
	cat "$tmp/head.txt"
	sed 's/^/  /' "$data/stats.txt"
	echo
	python3 bench/search/report.py "$tmp"
	echo
	echo "The ten slowest queries of each engine on one thread (ms, query id, class, query)"
	for e in $engines; do
		grep -h "^SLOW $e 1 " "$tmp/$e.out" 2>/dev/null | cut -d' ' -f2,4- | sed 's/^/  /'
	done
	echo
	echo "Phases"
	printf '%s' "$phases"
	echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$tmp/report.txt"
echo
cat "$tmp/report.txt"
cp "$tmp/report.txt" bench/results/search-latest.txt
for e in $engines; do
	[ -f "$tmp/counts-$e.txt" ] && cp "$tmp/counts-$e.txt" "bench/results/search-counts-$e.txt"
done
echo
echo "written to bench/results/search-latest.txt"
