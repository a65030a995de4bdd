#!/usr/bin/env bash
# Coverage benchmark: what /api/v1/coverage costs at scale (issue 14). A GENERATED
# database (not real law: every title, heading and mapping is made up) of
# BENCH_COUNTRIES countries with 26 published laws each (every fifth AMBER, every third
# with a second version without provisions), 200 provisions per law (about 1M with the
# defaults) and 20 accepted mappings per law (about 100,000) to the counted articles;
# then, with the server up, BENCH_REQUESTS requests of each address one after another
# (the first is the cold one), as the public; median, p99 and bytes of each.
#   1. the machine;  2. the database;  3. the requests;  4. the table.
# Knobs: BENCH_COUNTRIES (193), BENCH_REQUESTS (100), BENCH_TMP (default /tmp),
# CCREPO_BIN (default ./ccrepo).
set -eu
cd "$(dirname "$0")/.."
countries=${BENCH_COUNTRIES:-193}
requests=${BENCH_REQUESTS:-100}
bin=${CCREPO_BIN:-./ccrepo}
tmp=$(mktemp -d "${BENCH_TMP:-/tmp}/ccrepo-coverage-bench.XXXXXX")
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
command -v python3 >/dev/null && command -v curl >/dev/null || scripts/install-deps.sh bench
[ -x "$bin" ] || make -s

{
	echo "coverage benchmark (generated data), $(date -u +%FT%TZ)"
	echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
	echo "load average $(cut -d' ' -f1-3 /proc/loadavg); ccrepo $(git rev-parse --short HEAD 2>/dev/null)"
} | tee "$tmp/report.txt"

# 2. the database: the schema and reference data by ccrepo, the rest generated
"$bin" migrate --db "$tmp/ccrepo.db" --log-level warn >/dev/null
python3 - "$tmp/ccrepo.db" "$countries" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n = int(sys.argv[2])
db.executescript(f"""
PRAGMA foreign_keys = OFF;
CREATE TEMP TABLE c AS SELECT alpha2, row_number() OVER (ORDER BY alpha2) AS n
  FROM country LIMIT {n};
CREATE TEMP TABLE arts AS SELECT instrument, number,
  row_number() OVER (ORDER BY instrument, number) - 1 AS k FROM article
  WHERE category IN ('criminalization', 'liability', 'jurisdiction', 'procedural',
                     'safeguards', 'cooperation');
WITH RECURSIVE w(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM w WHERE i < 25)
INSERT INTO record(id, kind, country, language, title, status, tlp, created_at,
  created_by, changed_at, changed_by)
SELECT c.n * 100 + w.i, 'legislation', c.alpha2, 'en',
  'Generated act ' || c.alpha2 || ' ' || w.i, 'published',
  CASE WHEN w.i % 5 = 0 THEN 'AMBER' ELSE 'CLEAR' END, 'x', 'bench', 'x', 'bench' FROM c, w;
INSERT INTO work(record_id, uri, type, number, date)
  SELECT id, '/akn/' || lower(country) || '/act/2010/' || id, 'act', id, '2010-01-01'
  FROM record;
INSERT INTO expression(id, work_id, language, date)
  SELECT record_id, record_id, 'eng', '2010-01-01' FROM work;
INSERT INTO expression(id, work_id, language, date)
  SELECT record_id + 1000000, record_id, 'eng', '2015-06-01' FROM work
  WHERE record_id % 3 = 0;
WITH RECURSIVE pv(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM pv WHERE i < 200)
INSERT INTO provision(expression_id, ordinal, depth, eid, kind, num, heading, text)
  SELECT x.id, pv.i, 0, 'sec_' || pv.i, 'section', pv.i, 'Generated heading ' || pv.i,
  'generated text' FROM expression x, pv WHERE x.id < 1000000;
WITH RECURSIVE mp(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM mp WHERE i < 19)
INSERT OR IGNORE INTO mapping(work_id, eid, instrument, article, state, extent,
  changed_at, changed_by)
SELECT w.record_id, 'sec_' || (1 + (w.record_id * 7 + mp.i * 13) % 200), a.instrument,
  a.number, 'accepted', CASE WHEN (w.record_id + mp.i) % 4 = 0 THEN 'partial' ELSE 'full' END,
  'x', 'bench'
FROM work w, mp JOIN arts a ON a.k = (w.record_id * 3 + mp.i * 11) % (SELECT count(*) FROM arts);
DELETE FROM search_queue;
""")
db.commit()
p, m = db.execute("SELECT (SELECT count(*) FROM provision), (SELECT count(*) FROM mapping)").fetchone()
print(f"database: {n} countries, {p} provisions, {m} accepted mappings (generated)")
EOF
echo "database: $(du -h "$tmp/ccrepo.db" | cut -f1)" | tee -a "$tmp/report.txt"

# 3. the server and the requests
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin" serve --db "$tmp/ccrepo.db" --listen "127.0.0.1:$port" --log-level warn \
	>"$tmp/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
urls=(
	"/api/v1/coverage?limit=500"
	"/api/v1/coverage?limit=500&at=2012-01-01"
	"/api/v1/coverage?region=002&limit=100"
	"/api/v1/coverage?country=KE"
	"/api/v1/coverage?country=KE&timeline=1"
	"/api/v1/coverage?article=un-cc/7"
)
printf '%-44s %9s %9s %9s %10s\n' address cold median p99 bytes | tee -a "$tmp/report.txt"
for u in "${urls[@]}"; do
	for _ in $(seq "$requests"); do
		curl -s -o /dev/null -w '%{time_total} %{size_download}\n' "http://127.0.0.1:$port$u"
	done >"$tmp/times"
	python3 - "$u" "$tmp/times" <<'EOF' | tee -a "$tmp/report.txt"
import sys
rows = [line.split() for line in open(sys.argv[2])]
t = [float(r[0]) * 1000 for r in rows]
cold, warm = t[0], sorted(t[1:] or t)
med = warm[len(warm) // 2]
p99 = warm[min(len(warm) - 1, int(len(warm) * 0.99))]
print(f"{sys.argv[1]:<44} {cold:7.1f}ms {med:7.1f}ms {p99:7.1f}ms {rows[0][1]:>10}")
EOF
done
mkdir -p bench/results
cp "$tmp/report.txt" bench/results/coverage-latest.txt
