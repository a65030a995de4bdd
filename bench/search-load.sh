#!/usr/bin/env bash
# Search under load (issue 19): the search page of ccrepo's server for the search
# benchmark's queries, at 64 connections, the server on one CPU and in 512 MB of
# memory, on the search benchmark's generated provisions (bench/search/gen.py; 200,000
# by default). Prints the machine, the index's load time and size, wrk's throughput and
# latency percentiles, the answers by status and the server's peak memory. Everything
# on 127.0.0.1 in a temporary directory removed on exit; it stops by itself.
# Knobs: BENCH_PROVISIONS (200000), BENCH_SEED (1), LOAD_CONNS (64), LOAD_SECONDS (30),
# LOAD_CPUS (the server's CPU list for taskset, "0"), LOAD_CLIENT_CPUS (wrk's, "1"), LOAD_MEMORY (bytes, 512 MiB; the memory
# cgroup, v1 or v2, when one can be made: else said and not limited), LOAD_THREADS (the
# server's HTTP threads; by default the server's own: one per CPU it may run on, so one
# on CPU 0).
set -eu
cd "$(dirname "$0")/.."
root=$PWD
provisions=${BENCH_PROVISIONS:-200000}
seed=${BENCH_SEED:-1}
conns=${LOAD_CONNS:-64}
secs=${LOAD_SECONDS:-30}
cpus=${LOAD_CPUS:-0}
client_cpus=${LOAD_CLIENT_CPUS:-1}
memory=${LOAD_MEMORY:-$((512 * 1024 * 1024))}
threads=${LOAD_THREADS:-0}
data=bench/search/data/p$provisions-s$seed
command -v wrk >/dev/null && command -v curl >/dev/null && command -v python3 >/dev/null ||
	scripts/install-deps.sh bench test
tmp=$(mktemp -d /tmp/ccrepo-search-load.XXXXXX)
srv="" cg=""
cleanup() {	# the script's own status kept, whatever the cleaning up returns
	local rc=$?

	[ -n "$srv" ] && kill -TERM "$srv" 2>/dev/null && sleep 1 && kill -KILL "$srv" 2>/dev/null || true
	[ -n "$cg" ] && rmdir "$cg" 2>/dev/null || true
	rm -rf "$tmp"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "search under load, $(date -u +%FT%TZ)"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "ccrepo $(git rev-parse --short HEAD 2>/dev/null); $provisions provisions (seed $seed); server on CPU $cpus, $([ "$threads" = 0 ] && echo "one HTTP thread per CPU" || echo "$threads HTTP threads"), $((memory >> 20)) MiB; wrk $conns connections, $secs s"
make -s
if [ ! -f "$data/.done" ]; then
	echo "generating the corpus in $data ..."
	python3 bench/search/gen.py --provisions "$provisions" --seed "$seed" --queries 1000 \
		--out "$data" >/dev/null
fi
./ccrepo migrate --db "$tmp/ccrepo.db" --log-level warn >/dev/null
for f in "$data"/bundle-*.json; do
	./ccrepo import --db "$tmp/ccrepo.db" --log-level warn "$f" >/dev/null
done
# the queries as search page addresses
python3 - "$data/queries.tsv" >"$tmp/paths" <<'PY'
import sys, urllib.parse
for line in open(sys.argv[1], encoding="utf-8"):
    if line.startswith("#"):
        continue
    q = line.split("\t")[1]
    print("/search?q=" + urllib.parse.quote(q))
PY
echo "queries: $(wc -l <"$tmp/paths") search pages"

# a memory cgroup (v2, else v1) for the server
if [ -w /sys/fs/cgroup/cgroup.subtree_control ] && mkdir "/sys/fs/cgroup/ccrepo-load-$$" 2>/dev/null; then
	cg=/sys/fs/cgroup/ccrepo-load-$$
	echo "$memory" >"$cg/memory.max"
	peak="$cg/memory.peak"
elif mkdir "/sys/fs/cgroup/memory/ccrepo-load-$$" 2>/dev/null; then
	cg=/sys/fs/cgroup/memory/ccrepo-load-$$
	echo "$memory" >"$cg/memory.limit_in_bytes"
	peak="$cg/memory.max_usage_in_bytes"
else
	echo "no memory cgroup can be made here: memory is not limited"
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
t0=$(date +%s.%N)
(
	[ -n "$cg" ] && echo "$BASHPID" >"$cg/cgroup.procs"
	CCREPO_CACHE_MAX=0 exec taskset -c "$cpus" ./ccrepo serve --db "$tmp/ccrepo.db" \
		--listen "127.0.0.1:$port" --threads "$threads" --log-level info
) >"$tmp/serve.out" 2>"$tmp/serve.err" &
srv=$!
for _ in $(seq 1200); do	# the index in memory ready (at most 10 minutes)
	grep -q "search index: " "$tmp/serve.err" 2>/dev/null && break
	kill -0 "$srv" 2>/dev/null || { tail "$tmp/serve.err"; echo "the server stopped"; exit 1; }
	sleep 0.5
done
echo "index ready after $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s: $(grep -m1 -o 'search index: .*' "$tmp/serve.err")"
curl -fsS -o /dev/null "http://127.0.0.1:$port/search?q=computer" || { echo "no answer"; exit 1; }
BENCH_PATHS="$tmp/paths" taskset -c "$client_cpus" wrk -t2 -c"$conns" -d"${secs}s" --latency -s bench/load/search.lua \
	"http://127.0.0.1:$port" | sed -n '/Latency Distribution/,$p'
[ -n "$cg" ] && echo "server memory: peak $(( $(cat "$peak") >> 20 )) MiB of $((memory >> 20)) MiB"
echo "server: $(grep -c . "$tmp/serve.err") log lines, $(grep -ci ' error ' "$tmp/serve.err" || true) errors"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
