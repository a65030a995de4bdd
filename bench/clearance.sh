#!/usr/bin/env bash
# Clearance benchmark: what the store's reading rules (store/sqlite/clearance.c) cost
# search, in one run on the same index and queries. The reference is the operator,
# who reads everything and whose searches carry no condition; then the public (a
# condition on status and label) and a signed-in focal point (label, country, owning
# organisation, author, named reader: the longest condition). See bench/README.md.
#   1. the machine;
#   2. the corpus of the search benchmark (bench/search/gen.py), cached;
#   3. ccrepo and its driver (bench/search/ccrepo_bench.c);
#   4. the index: migrate, import, then labels spread over the records (70% CLEAR,
#      15% GREEN, 10% AMBER, 5% RED, a few drafts) and `ccrepo reindex`;
#   5. the queries, 1 thread, once per clearance (after a warm-up each);
#   6. medians and ratios to the operator's run.
# Knobs: BENCH_PROVISIONS (200000), BENCH_QUERIES (1000), BENCH_SEED (1),
# BENCH_MAX_SECONDS (per clearance, 600), BENCH_TMP (default /tmp).
set -eu
cd "$(dirname "$0")/.."
provisions=${BENCH_PROVISIONS:-200000}
queries=${BENCH_QUERIES:-1000}
seed=${BENCH_SEED:-1}
maxs=${BENCH_MAX_SECONDS:-600}
nq=$(( queries > 1000 ? queries : 1000 ))
data=bench/search/data/p$provisions-s$seed
mkdir -p bench/results
tmp=$(mktemp -d "${BENCH_TMP:-/tmp}/ccrepo-clearance-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
command -v python3 >/dev/null || scripts/install-deps.sh bench

{
	echo "clearance benchmark, $(date -u +%FT%TZ)"
	echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
	echo "memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "sqlite $(pkg-config --modversion sqlite3), ccrepo $(git rev-parse --short HEAD 2>/dev/null)"
	echo "corpus: $provisions provisions (seed $seed), $queries queries, 1 thread"
} | tee "$tmp/report.txt"

# 2. the corpus (shared with bench/search.sh, same key)
key="provisions=$provisions seed=$seed queries=$nq gen=$(cksum <bench/search/gen.py | cut -d' ' -f1)"
if [ ! -f "$data/.done" ] || [ "$(cat "$data/.key" 2>/dev/null)" != "$key" ]; then
	echo "generating the corpus in $data ..."
	rm -f "$data/.key"
	python3 bench/search/gen.py --provisions "$provisions" --seed "$seed" --queries "$nq" \
		--out "$data" >/dev/null
	echo "$key" >"$data/.key"
fi

# 3. ccrepo and the driver
make -s
cc -O2 -g -std=c11 -D_GNU_SOURCE -Wall -Wextra -Isrc -Ibuild/rel/gen \
	$(pkg-config --cflags libmicrohttpd jansson sqlite3 libxml-2.0 libcmark) \
	-o "$tmp/ccrepo_bench" bench/search/ccrepo_bench.c $(make -s print-LIBOBJ) \
	$(make -s print-LDLIBS) -lm

# 4. the index, with labels spread over the records
echo "building the index ..."
./ccrepo migrate --db "$tmp/ccrepo.db" --log-level warn >/dev/null
for f in "$data"/bundle-*.json; do
	./ccrepo import --db "$tmp/ccrepo.db" --log-level warn "$f" >/dev/null
done
python3 - "$tmp/ccrepo.db" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("INSERT INTO organisation(id, name, kind, created_at) VALUES "
          "(1, 'Bench', 'national_authority', '2026-01-01T00:00:00Z')")
c.execute("UPDATE record SET tlp = CASE WHEN id % 20 < 14 THEN 'CLEAR' "
          "WHEN id % 20 < 17 THEN 'GREEN' WHEN id % 20 < 19 THEN 'AMBER' ELSE 'RED' END, "
          "status = CASE WHEN id % 50 = 7 THEN 'draft' ELSE status END, "
          "owner_org = CASE WHEN id % 3 = 0 THEN 1 END")
c.commit()
print("  labels: " + ", ".join("%s %d" % r for r in
      c.execute("SELECT tlp, count(*) FROM record GROUP BY tlp ORDER BY 2 DESC")))
EOF
./ccrepo reindex --db "$tmp/ccrepo.db" --log-level warn >/dev/null

# 5. the queries, once per clearance
for cl in all public account; do
	echo "running the queries as $cl ..."
	BENCH_CLEARANCE=$cl timeout $(( maxs * 2 + 300 )) "$tmp/ccrepo_bench" run "$tmp/ccrepo.db" \
		"$data/queries.tsv" --threads 1 --max "$queries" --max-seconds "$maxs" \
		--counts "$tmp/counts-$cl.txt" >"$tmp/$cl.out"
	grep '^RESULT' "$tmp/$cl.out" | sed "s/^RESULT ccrepo/$cl/" >>"$tmp/results.txt"
done

# 6. the table
python3 - "$tmp" >>"$tmp/report.txt" <<'EOF'
import sys
rows = {}
for line in open(sys.argv[1] + "/results.txt"):
    cl, threads, cls, n, p50, p99, mx, qps, err = line.split()
    rows[(cl, cls)] = (int(n), float(p50), float(p99), float(qps), int(err))
classes = sorted({k[1] for k in rows}, key=lambda c: (c != "all", c))
print()
print("%-8s %-8s %6s %9s %9s %8s %8s %8s" % ("class", "reads as", "n", "p50 ms", "p99 ms",
                                              "q/s", "x p50", "x q/s"))
for cls in classes:
    ref = rows.get(("all", cls))
    for cl in ("all", "public", "account"):
        r = rows.get((cl, cls))
        if not r:
            continue
        print("%-8s %-8s %6d %9.2f %9.2f %8.1f %8.2f %8.2f" % (
            cls, cl, r[0], r[1], r[2], r[3], r[1] / ref[1] if ref and ref[1] else 0,
            r[3] / ref[3] if ref and ref[3] else 0))
print("\nx p50, x q/s: against the operator (\"all\", no condition) in the same run.")
EOF
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$tmp/report.txt"
echo
cat "$tmp/report.txt"
cp "$tmp/report.txt" bench/results/clearance-latest.txt
echo "written to bench/results/clearance-latest.txt"
