#!/usr/bin/env bash
# Reports benchmark (issue 17, "Tests and measures"): the time and the bytes of a world
# report for one year and of a country's report, with the data of the coverage, needs
# and technical assistance benchmarks in one database, against plain SQL over the same
# file in the same run. See bench/README.md ("Reports").
#   1. the machine;
#   2. the database under BENCH_TMP: ccrepo migrate; the generated laws
#      (bench/search/gen.py --map-rate --countries, cached in BENCH_DATA_ROOT, by
#      default bench/search/data/) imported; the needs benchmark's template, campaigns
#      and answers (bench/needs/gen.py); the assistance benchmark's organisations,
#      requests, offers, matches and activities with trainings (bench/assist/assist_bench
#      gen, through the domain); a curator with an API token;
#   3. the reference: bench/report/reference.sql in the sqlite3 shell (the counts a
#      report's first sections rest on, for the world and the country: a floor, no
#      coverage computed), median of 5;
#   4. the requests (curl, one at a time, a fresh connection each) against ccrepo serve:
#      GET /api/v1/report for the world (BENCH_YEAR) and the country (BENCH_COUNTRY,
#      the same year), as the public and as the curator with level=green, and the
#      printable page /reports/view of each; each BENCH_REQUESTS times after one untimed;
#      the time (curl's time_total) and the bytes of the answer;
#   5. the table, also written to bench/results/report-latest.txt.
# Knobs: BENCH_PROVISIONS (200000; the 1M corpus of bench/search/gen.py takes some
# minutes to generate and import here), BENCH_MAPPINGS (a tenth of the provisions),
# BENCH_COUNTRIES (193), BENCH_QUESTIONS (60), BENCH_CAMPAIGNS (5), BENCH_CLEAR (0.2),
# BENCH_ASSIST ("5000 500 1000 10000": requests, offers, matches, activities),
# BENCH_YEAR (2025), BENCH_COUNTRY (KE), BENCH_REQUESTS (20), BENCH_SEED (1),
# BENCH_DATA_ROOT (bench/search/data), BENCH_TMP (/tmp), BENCH_KEEP_DB (1: keep it).
set -eu
cd "$(dirname "$0")/.."
root=$PWD
provisions=${BENCH_PROVISIONS:-200000}
target=${BENCH_MAPPINGS:-$(( provisions / 10 ))}
ncountries=${BENCH_COUNTRIES:-193}
nquestions=${BENCH_QUESTIONS:-60}
ncampaigns=${BENCH_CAMPAIGNS:-5}
clear=${BENCH_CLEAR:-0.2}
assist=${BENCH_ASSIST:-5000 500 1000 10000}
year=${BENCH_YEAR:-2025}
cc=${BENCH_COUNTRY:-KE}
requests=${BENCH_REQUESTS:-20}
seed=${BENCH_SEED:-1}
bin=$root/build/rel/ccrepo
rate=$(awk -v t="$target" -v n="$provisions" \
	'BEGIN { if (n == 0) { print 0; exit } r = t / (0.2885 * n); if (r > 1) r = 1; printf "%.4g", r }')
data=${BENCH_DATA_ROOT:-bench/search/data}/p$provisions-s$seed-m$rate-c$ncountries
mkdir -p bench/results
tmp=$(mktemp -d "${BENCH_TMP:-/tmp}/ccrepo-report-bench.XXXXXX")
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
phases=""
phase() { phases="$phases$(printf '  %-40s %8s s' "$1" "$2")"$'\n'; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2];
	else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
p99() { sort -g | awk '{ v[NR] = $1 } END { i = int(NR * 0.99 + 0.999); if (i < 1) i = 1;
	if (i > NR) i = NR; print v[i] }'; }
sql() { sqlite3 -batch -noheader "$db" "$@"; }
cli() { "$bin" "$@" --db "$db" --log-level warn; }

command -v python3 >/dev/null && command -v sqlite3 >/dev/null && command -v curl >/dev/null ||
	scripts/install-deps.sh bench

# ccrepo and the assistance benchmark's driver
t0=$(now)
built=0
for i in 1 2 3 4 5; do
	if make -s -j2 >"$tmp/make.log" 2>&1; then built=1; break; fi
	echo "make failed (try $i of 5; the tree may be mid-change); retrying in 60 s" >&2
	tail -5 "$tmp/make.log" >&2
	sleep 60
done
[ $built = 1 ] || { echo "report.sh: cannot build ccrepo" >&2; exit 1; }
cflags="-O2 -g -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror"
# shellcheck disable=SC2046
cc $cflags -Isrc -Ibuild/rel/gen \
	$(pkg-config --cflags libmicrohttpd jansson sqlite3 libxml-2.0 libcmark) \
	-o "$tmp/assist_bench" bench/assist/assist_bench.c $(make -s print-LIBOBJ) \
	$(make -s print-LDLIBS) -lm
phase "build ccrepo and the driver" "$(since "$t0")"

# 1. the machine
{
	echo "reports benchmark on GENERATED laws, answers and assistance, $(date -u +%FT%TZ)"
	echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
	echo "memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), kernel $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "sqlite $(pkg-config --modversion sqlite3) (ccrepo's), shell $(sqlite3 --version | cut -d' ' -f1)"
	echo "ccrepo $(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet -- src Makefile 2>/dev/null || echo ' (with uncommitted changes to src/)')"
	echo "laws: $provisions provisions (bench/search/gen.py, seed $seed), $ncountries countries, sections mapped at rate $rate"
	echo "answers: 193 UN member states x $ncampaigns campaigns x $nquestions questions (bench/needs/gen.py, $clear CLEAR)"
	echo "assistance (requests offers matches activities): $assist (bench/assist/assist_bench gen)"
	echo "reports: the world and $cc for $year; $requests timed requests each after one untimed, one at a time"
} | tee "$tmp/head.txt"

# 2. the data
"$bin" migrate --db "$db" --log-level warn >/dev/null
t0=$(now)
key="provisions=$provisions seed=$seed map_rate=$rate countries=$ncountries mark gen=$(cksum <bench/search/gen.py | cut -d' ' -f1)"
if [ ! -f "$data/.done" ] || [ "$(cat "$data/.key" 2>/dev/null)" != "$key" ]; then
	echo "generating the laws in $data ..."
	mkdir -p "$data"
	python3 bench/search/gen.py --provisions "$provisions" --seed "$seed" \
		--map-rate "$rate" --countries "$ncountries" --mark --out "$data" >"$tmp/gen.log"
	grep '^corpus:' "$tmp/gen.log" >"$data/files.txt"
	echo "$key" >"$data/.key"
	touch "$data/.done"
fi
phase "laws (generate or cached)" "$(since "$t0")"
t0=$(now)
echo "importing $(ls "$data"/bundle-*.json | wc -l) bundles ..."
for f in "$data"/bundle-*.json; do
	cli import "$f" >>"$tmp/import.log"
done
phase "laws (import)" "$(since "$t0")"
t0=$(now)
python3 bench/needs/gen.py template "$tmp/template.json" --questions "$nquestions" \
	--seed "$seed" >"$tmp/data.txt"
cli questionnaire import "$tmp/template.json" --publish >/dev/null
members=$(python3 bench/needs/gen.py countries)
ids=""
for k in $(seq 1 "$ncampaigns"); do
	y=$(( year + 1 - ncampaigns + k ))
	id=$(cli campaign open --title="[generated] $y round" --template=bench-needs@1 \
		--opens="$y-01-10" --deadline="$y-04-30" --countries="$members" |
		awk '/opened/ { print $2 }')
	ids="$ids $id"
done
python3 bench/needs/gen.py answers "$db" $ids --seed "$seed" --clear "$clear" >>"$tmp/data.txt"
phase "template, campaigns, answers" "$(since "$t0")"
t0=$(now)
# shellcheck disable=SC2086
"$tmp/assist_bench" gen "$db" $assist "$seed" 2>"$tmp/assist.txt"
phase "assistance (through the domain)" "$(since "$t0")"
cli org add Bench --kind unodc >/dev/null
echo "a password for the reports benchmark" |
	cli user add bench --role curator --org Bench --password-stdin >/dev/null
token=$(cli user token bench --name reports 2>/dev/null | grep -o 'ccr_[0-9a-f_]*' | head -n1)
[ -n "$token" ] || { echo "report.sh: no API token" >&2; exit 1; }
sql "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
counts=$(sql "SELECT (SELECT count(*) FROM provision), (SELECT count(*) FROM expression),
	(SELECT count(*) FROM expression WHERE date BETWEEN '$year-01-01' AND '$year-12-31'),
	(SELECT count(*) FROM mapping WHERE state = 'accepted'),
	(SELECT count(*) FROM campaign_country WHERE status = 'accepted'),
	(SELECT count(*) FROM assist_request), (SELECT count(*) FROM assist_activity),
	(SELECT count(*) FROM assist_activity WHERE date_to BETWEEN '$year-01-01' AND '$year-12-31')" | tr '|' ' ')
set -- $counts
echo "database: $1 provisions, $2 versions ($3 dated $year), $4 accepted mappings, $5 accepted answers, $6 requests, $7 activities ($8 ended in $year); $(du -m "$db" | cut -f1) MB" |
	tee "$tmp/counts.txt"

# 3. the reference
t0=$(now)
: >"$tmp/ref.txt"
for who in world "$cc"; do
	c=$([ "$who" = world ] && echo "''" || echo "'$who'")
	for i in 1 2 3 4 5; do
		echo ".parameter set :country $c"
		echo ".parameter set :from \"'$year-01-01'\""
		echo ".parameter set :to \"'$year-12-31'\""
		echo ".timer on"
		cat bench/report/reference.sql
	done | sql >"$tmp/ref.out"
	real=$(awk '/^Run Time/ { v[++n] = $4 * 1000 } END { k = n / 5; for (i = 0; i < 5; i++) {
		s = 0; for (j = 1; j <= k; j++) s += v[i * k + j]; print s } }' "$tmp/ref.out" | median)
	res=$(grep -v '^Run Time' "$tmp/ref.out" | head -1)
	printf '%s\t%s\t%s\n' "$who" "$real" "$res" >>"$tmp/ref.txt"
done
phase "reference" "$(since "$t0")"

# 4. the requests
port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
t0=$(now)
p=$(port)
"$bin" serve --db "$db" --listen "127.0.0.1:$p" --log-level warn >"$tmp/serve.log" 2>&1 &
spid=$!
pids="$pids $spid"
for i in $(seq 1 300); do
	curl -fs -o /dev/null "http://127.0.0.1:$p/healthz" && break
	sleep 0.1
done
urls=(
	"world-json public /api/v1/report?period=$year"
	"world-json curator /api/v1/report?period=$year&level=green"
	"world-page public /reports/view?period=$year"
	"country-json public /api/v1/report?period=$year&country=$cc"
	"country-json curator /api/v1/report?period=$year&country=$cc&level=green"
	"country-page public /reports/view?period=$year&country=$cc"
)
: >"$tmp/results.txt"
for u in "${urls[@]}"; do
	set -- $u
	auth=()
	[ "$2" = curator ] && auth=(-H "Authorization: Bearer $token")
	echo "requests: $1 $2 ..."
	curl -s -o "$tmp/body" -w '%{http_code} %{time_total} %{size_download}\n' "${auth[@]}" \
		"http://127.0.0.1:$p$3" >"$tmp/first.txt"
	: >"$tmp/times.txt"
	for i in $(seq 1 "$requests"); do
		curl -s -o /dev/null -w '%{http_code} %{time_total} %{size_download}\n' "${auth[@]}" \
			"http://127.0.0.1:$p$3" >>"$tmp/times.txt"
	done
	status=$(awk '{ print $1 }' "$tmp/first.txt")
	first=$(awk '{ print $2 * 1000 }' "$tmp/first.txt")
	bytes=$(awk '{ print $3 }' "$tmp/first.txt")
	med=$(awk '{ print $2 * 1000 }' "$tmp/times.txt" | median)
	high=$(awk '{ print $2 * 1000 }' "$tmp/times.txt" | p99)
	figs=""
	case $1 in *json)
		figs=$(python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
f = {x["key"]: x["value"] for s in d["sections"] for x in s["figures"]}
print("laws %d+%d cases %d covered %d->%d gaps %d->%d trained %d activities %d campaigns %d" % (
    f["laws.adopted"], f["laws.amended"], f["cases.count"], f["coverage.covered.start"],
    f["coverage.covered.end"], f["needs.gaps.start"], f["needs.gaps.end"],
    f["assist.trained.total"], f["assist.activities"], f["campaigns.opened"]))' "$tmp/body")
	esac
	printf 'RESULT %s %s %s %s %s %s %s %s\n' "$1" "$2" "$status" "$first" "$med" "$high" \
		"$bytes" "$figs" | tee -a "$tmp/results.txt"
done
echo "RSS $(awk '/VmRSS/ { print $2 }' /proc/$spid/status) $(awk '/VmHWM/ { print $2 }' /proc/$spid/status)" >>"$tmp/results.txt"
kill "$spid"
wait "$spid" 2>/dev/null || true
phase "requests" "$(since "$t0")"

# 5. the table
{
	cat "$tmp/head.txt"
	sed 's/^/  /' "$tmp/assist.txt" | head -5
	cat "$tmp/counts.txt"
	echo
	echo "Requests: milliseconds from sending the request to the last byte (curl time_total,"
	echo "a new connection each); bytes of the answer (no compression asked). public: no"
	echo "token (public data); curator: an API token and level=green (CLEAR and GREEN data)."
	printf '%-13s %-8s %6s %9s %9s %9s %10s  %s\n' report reader status "first ms" "p50 ms" \
		"p99 ms" bytes figures
	awk '$1 == "RESULT" { f = ""; for (i = 9; i <= NF; i++) f = f " " $i;
		printf "%-13s %-8s %6s %9.1f %9.1f %9.1f %10d %s\n", $2, $3, $4, $5, $6, $7, $8, f }' \
		"$tmp/results.txt"
	echo
	echo "Reference (bench/report/reference.sql in the sqlite3 shell, median of 5, wall time:"
	echo "the counts of laws adopted or amended, cases, lessons, activities and their people"
	echo "trained, pledges in the year; no coverage, needs or reading rules):"
	awk -F'\t' '{ printf "  %-6s %8.1f ms: %s\n", $1, $2, $3 }' "$tmp/ref.txt"
	for w in world country; do
		who=$([ $w = world ] && echo world || echo "$cc")
		a=$(awk -v w="$w-json" '$1 == "RESULT" && $2 == w && $3 == "public" { print $6 }' "$tmp/results.txt")
		b=$(awk -F'\t' -v w="$who" '$1 == w { print $2 }' "$tmp/ref.txt")
		awk -v a="$a" -v b="$b" -v w="$who" 'BEGIN { if (a != "" && b > 0)
			printf "ratio ccrepo / reference, %s (p50 of the JSON, public / the counts'"'"' wall time): %.1f (%.1f ms / %.1f ms)\n", w, a / b, a, b }'
	done
	a=$(awk '$1 == "RESULT" && $2 == "country-json" && $3 == "public" { print $6 }' "$tmp/results.txt")
	awk -v a="$a" 'BEGIN { printf "aim: a country report under 100 ms: p50 %.1f ms %s\n", a, a < 100 ? "(met)" : "(NOT met)" }'
	awk '$1 == "RSS" { printf "ccrepo serve: VmRSS %.1f MiB at the end, peak %.1f MiB\n", $2 / 1024, $3 / 1024 }' "$tmp/results.txt"
	echo
	echo "Phases"
	printf '%s' "$phases"
	echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$tmp/report.txt"
echo
cat "$tmp/report.txt"
cp "$tmp/report.txt" bench/results/report-latest.txt
echo
echo "written to bench/results/report-latest.txt"
