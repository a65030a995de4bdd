#!/usr/bin/env bash
# Needs benchmark (issue 15, "Tests and measures"): the ranked needs of one country and
# of every country, and the /needs page, with 193 countries answering a 60-question
# template over 5 campaigns, from a server without its page cache ("cold") and with it
# ("cached"), read by a curator (API token: GREEN answers count) and by the public,
# against one plain SQL query over the same answers in the same run. See
# bench/README.md ("Needs").
#   1. the machine;
#   2. the database under BENCH_TMP: ccrepo migrate; with BENCH_PROVISIONS > 0 the
#      coverage benchmark's generated laws (bench/search/gen.py --map-rate --countries,
#      cached in bench/search/data/) imported, so that gaps are needs too; the template
#      (bench/needs/gen.py template, imported and published with the CLI); 5 campaigns
#      opened with the CLI for the 193 UN member states, one a year 2022-2026; every
#      country's answers written by bench/needs/gen.py answers (sqlite3); a check that
#      KE's answer reads back with ccrepo campaign csv; a curator and an API token;
#   3. the reference: bench/needs/reference.sql in the sqlite3 shell, every country and
#      KE, median of 5;
#   4. the requests (bench/coverage/client.py) against ccrepo serve --cache-max 0, then
#      with its default cache, as the curator and as the public;
#   5. the table, also written to bench/results/needs-latest.txt.
# Knobs: BENCH_PROVISIONS (200000; 0: no laws, so no gaps: the needs are the answers'
# only), BENCH_MAPPINGS (a tenth of the provisions), BENCH_COUNTRIES (193: the
# countries the laws are spread over), BENCH_QUESTIONS (60), BENCH_CAMPAIGNS (5),
# BENCH_CLEAR (0.2: the share of answers labelled CLEAR, the rest GREEN), BENCH_SEED
# (1), BENCH_REQUESTS (200 per URL, server and reader), BENCH_MAX_SECONDS (per URL,
# server and reader, 120), BENCH_COUNTRY (KE), BENCH_TMP (/tmp), BENCH_KEEP_DB (1: keep
# the database and say where). One country is measured as BENCH_COUNTRY and as the
# member state with the most articles mapped only partly ("worst": the most gaps).
set -eu
cd "$(dirname "$0")/.."
root=$PWD
provisions=${BENCH_PROVISIONS:-200000}
target=${BENCH_MAPPINGS:-$(( provisions / 10 ))}
ncountries=${BENCH_COUNTRIES:-193}
nquestions=${BENCH_QUESTIONS:-60}
ncampaigns=${BENCH_CAMPAIGNS:-5}
clear=${BENCH_CLEAR:-0.2}
seed=${BENCH_SEED:-1}
requests=${BENCH_REQUESTS:-200}
maxs=${BENCH_MAX_SECONDS:-120}
cc=${BENCH_COUNTRY:-KE}
bin=$root/build/rel/ccrepo
rate=$(awk -v t="$target" -v n="$provisions" \
	'BEGIN { if (n == 0) { print 0; exit } r = t / (0.2885 * n); if (r > 1) r = 1; printf "%.4g", r }')
data=bench/search/data/p$provisions-s$seed-m$rate-c$ncountries
mkdir -p bench/results
tmp=$(mktemp -d "${BENCH_TMP:-/tmp}/ccrepo-needs-bench.XXXXXX")
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
cli() { "$bin" "$@" --db "$db" --log-level warn; }

command -v python3 >/dev/null && command -v sqlite3 >/dev/null && command -v curl >/dev/null ||
	scripts/install-deps.sh bench

# ccrepo itself (before the head, which names its commit)
t0=$(now)
built=0
for i in 1 2 3 4 5; do
	if make -s -j2 >"$tmp/make.log" 2>&1; then built=1; break; fi
	echo "make failed (try $i of 5; the tree may be mid-change); retrying in 60 s" >&2
	tail -5 "$tmp/make.log" >&2
	sleep 60
done
[ $built = 1 ] || { echo "needs.sh: cannot build ccrepo" >&2; exit 1; }
phase "make" "$(since "$t0")"

# 1. the machine
{
	echo "needs benchmark on GENERATED answers and laws, $(date -u +%FT%TZ)"
	echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
	echo "memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), kernel $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "sqlite $(pkg-config --modversion sqlite3) (ccrepo's), shell $(sqlite3 --version | cut -d' ' -f1), python $(python3 -c 'import platform; print(platform.python_version())')"
	echo "ccrepo $(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet -- src Makefile 2>/dev/null || echo ' (with uncommitted changes to src/)')"
	echo "answers: 193 UN member states x $ncampaigns campaigns x $nquestions questions (bench/needs/gen.py, seed $seed, $clear CLEAR)"
	if [ "$provisions" -gt 0 ]; then
		echo "laws: $provisions provisions (bench/search/gen.py, seed $seed), $ncountries countries, sections mapped at rate $rate (aim: $target accepted mappings): gaps are needs too"
	else
		echo "laws: none (BENCH_PROVISIONS=0): no gaps, the needs are the answers' only"
	fi
	echo "requests: $requests per URL, server and reader (at most $maxs s each), one keep-alive connection, no Accept-Encoding"
} | tee "$tmp/head.txt"

# 2a. the laws (the coverage benchmark's corpus), so that gaps exist
"$bin" migrate --db "$db" --log-level warn >/dev/null
if [ "$provisions" -gt 0 ]; then
	t0=$(now)
	key="provisions=$provisions seed=$seed map_rate=$rate countries=$ncountries mark gen=$(cksum <bench/search/gen.py | cut -d' ' -f1)"
	if [ ! -f "$data/.done" ] || [ "$(cat "$data/.key" 2>/dev/null)" != "$key" ]; then
		echo "generating the laws in $data ..."
		rm -f "$data/.key"
		mkdir -p "$data"
		python3 bench/search/gen.py --provisions "$provisions" --seed "$seed" \
			--map-rate "$rate" --countries "$ncountries" --mark --out "$data" >"$tmp/gen.log"
		grep '^corpus:' "$tmp/gen.log" >"$data/files.txt"
		echo "$key" >"$data/.key"
	fi
	phase "laws (generate or cached)" "$(since "$t0")"
	t0=$(now)
	echo "importing $(ls "$data"/bundle-*.json | wc -l) bundles ..."
	for f in "$data"/bundle-*.json; do
		cli import "$f" >>"$tmp/import.log"
	done
	phase "laws (import)" "$(since "$t0")"
fi

# 2b. the template, the campaigns, the answers
t0=$(now)
python3 bench/needs/gen.py template "$tmp/template.json" --questions "$nquestions" \
	--seed "$seed" | tee "$tmp/data.txt"
cli questionnaire import "$tmp/template.json" --publish >/dev/null
members=$(python3 bench/needs/gen.py countries)
ids=""
for k in $(seq 1 "$ncampaigns"); do
	y=$(( 2026 - ncampaigns + k ))
	id=$(cli campaign open --title="[generated] $y round" --template=bench-needs@1 \
		--opens="$y-01-10" --deadline="$y-04-30" --countries="$members" |
		awk '/opened/ { print $2 }')
	ids="$ids $id"
done
python3 bench/needs/gen.py answers "$db" $ids --seed "$seed" --clear "$clear" |
	tee -a "$tmp/data.txt"
last=${ids##* }
cli campaign csv "$last" "$cc" >"$tmp/check.csv"
check=$(awk -F, 'NR == 3 { print $1 "=" $(NF - 1) }' "$tmp/check.csv")
rows=$(grep -c '^[a-z]*\.q[0-9]' "$tmp/check.csv" || true)
echo "check: ccrepo campaign csv $last $cc: $rows questions, first $check" | tee -a "$tmp/data.txt"
[ "$rows" = "$nquestions" ] || { echo "needs.sh: $cc's answer does not read back" >&2; exit 1; }
cli org add Bench --kind unodc >/dev/null
echo "a password for the needs benchmark" |
	cli user add bench --role curator --org Bench --password-stdin >/dev/null
token=$(cli user token bench --name needs 2>/dev/null | grep -o 'ccr_[0-9a-f_]*' | head -n1)
[ -n "$token" ] || { echo "needs.sh: no API token" >&2; exit 1; }
phase "template, campaigns, answers" "$(since "$t0")"
sql "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
counts=$(sql "SELECT (SELECT count(*) FROM provision), (SELECT count(*) FROM mapping WHERE state = 'accepted'),
	(SELECT count(*) FROM campaign), (SELECT count(*) FROM campaign_country WHERE status = 'accepted'),
	(SELECT count(*) FROM answer_value)" | tr '|' ' ')
set -- $counts
echo "database: $1 provisions, $2 accepted mappings, $3 campaigns, $4 accepted answers, $5 values; $(du -m "$db" | cut -f1) MB" |
	tee "$tmp/counts.txt"

# the other country measured: the member state with the most articles mapped partly
# and never in full in its published laws in force (about its number of gaps: the
# cross-walk and assessments aside); without laws, the first asked
worst=$(sql "SELECT country FROM (
	  SELECT r.country, m.instrument, m.article FROM mapping m JOIN record r ON r.id = m.work_id
	  WHERE m.state = 'accepted' AND r.status = 'published'
	    AND EXISTS (SELECT 1 FROM expression x WHERE x.work_id = r.id AND x.pending = 0
	                AND x.date <= date('now'))
	    AND r.country IN (SELECT country FROM campaign_country WHERE campaign = $last)
	  GROUP BY 1, 2, 3 HAVING max(m.extent = 'full') = 0)
	GROUP BY country ORDER BY count(*) DESC, country LIMIT 1")
[ -n "$worst" ] || worst=$(sql "SELECT min(country) FROM campaign_country WHERE campaign = $last")
[ "$worst" != "$cc" ] || worst=$(sql "SELECT min(country) FROM campaign_country WHERE campaign = $last AND country <> '$cc'")
echo "countries measured alone: $cc, and $worst (the member state with the most articles mapped only partly: the most gaps)" |
	tee -a "$tmp/counts.txt"

# 3. the reference: five times each in one shell; its timer's user + sys (microseconds:
#    the one-country query takes less than the millisecond "real" resolves)
t0=$(now)
: >"$tmp/ref.txt"
for who in all "$cc" "$worst"; do
	c=$([ "$who" = all ] && echo "''" || echo "'$who'")
	for i in 1 2 3 4 5; do
		echo ".parameter set :country $c"
		echo ".timer on"
		cat bench/needs/reference.sql
	done | sql >"$tmp/ref.out"
	ms=$(awk '/^Run Time/ { print ($6 + $8) * 1000 }' "$tmp/ref.out" | median)
	real=$(awk '/^Run Time/ { print $4 * 1000 }' "$tmp/ref.out" | median)
	res=$(grep -v '^Run Time' "$tmp/ref.out" | head -1 | awk -F'|' '{ print $1 " needs, total score " $2 }')
	printf '%s\t%s\t%s\t%s\n' "$who" "$ms" "$real" "$res" >>"$tmp/ref.txt"
done
phase "reference" "$(since "$t0")"

# 4. the servers
# the CPU time of process $1 (user + sys), in clock ticks
hz=$(getconf CLK_TCK)
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
urls=(
	"one=/api/v1/needs?country=$cc"
	"worst=/api/v1/needs?country=$worst"
	"all=/api/v1/needs"
	"page=/needs"
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
	for reader in curator public; do
		echo "requests, $mode, $reader (ccrepo serve ${opts[*]:2}) ..."
		auth=""
		[ $reader = curator ] && auth="Bearer $token"
		# what each answer holds, by source (not timed)
		for u in "${urls[@]:0:3}"; do
			curl -fs ${auth:+-H "Authorization: $auth"} "http://127.0.0.1:$p${u#*=}" |
				python3 -c 'import collections, json, sys
d = json.load(sys.stdin)
c = collections.Counter(n["source"] for n in d["needs"])
print("COUNT", sys.argv[1], sys.argv[2], d["count"], len(d["needs"]),
      ",".join("%s:%d" % kv for kv in sorted(c.items())) or "-")' "$reader" "${u%%=*}" >>"$tmp/results.txt"
		done
		# one URL at a time, with the server's CPU time (user + sys) around it
		for u in "${urls[@]}"; do
			c0=$(cpu "$spid")
			BENCH_AUTHORIZATION=$auth timeout --kill-after=10 $(( maxs + 600 )) \
				python3 bench/coverage/client.py "$p" "$requests" "$maxs" "$u" >"$tmp/one.txt"
			c1=$(cpu "$spid")
			awk -v m="$mode" -v r="$reader" -v c="$(( c1 - c0 ))" -v hz="$hz" '
				$1 == "RESULT" { n = $3 + 2; $1 = "RESULT " m " " r
				print $0, sprintf("%.2f", c * 1000 / hz / n) }' "$tmp/one.txt" |
				tee -a "$tmp/results.txt"
		done
	done
	echo "RSS $mode $(awk '/VmRSS/ { print $2 }' /proc/$spid/status) $(awk '/VmHWM/ { print $2 }' /proc/$spid/status)" >>"$tmp/results.txt"
	kill "$spid"
	wait "$spid" 2>/dev/null || true
	phase "requests, $mode" "$(since "$t0")"
done

# 5. the table
p50() { awk -v m="$1" -v r="$2" -v l="$3" '$1 == "RESULT" && $2 == m && $3 == r && $4 == l { print $7 }' "$tmp/results.txt"; }
refms() { awk -F'\t' -v w="$1" '$1 == w { print $2 }' "$tmp/ref.txt"; }
{
	cat "$tmp/head.txt"
	if [ "$provisions" -gt 0 ] && [ -f "$data/stats.txt" ]; then
		sed 's/^/  /' "$data/stats.txt" | grep -v '^  source:' | cut -c1-200
	fi
	sed 's/^/  /' "$tmp/data.txt"
	cat "$tmp/counts.txt"
	echo
	echo "What the answers hold (needs counted, needs in the answer, by source):"
	awk '$1 == "COUNT" { printf "  %-8s %-5s %6d needs, %5d in the answer (%s)\n", $2, $3, $4, $5, $6 }' "$tmp/results.txt" | sort -u
	echo "  (the JSON of every country holds the first 200 needs; the page shows its own share)"
	echo
	echo "Requests: milliseconds from sending the request to the last byte of the answer;"
	echo "cold: --cache-max 0 (no page cache: every request ranks); cached: the default page"
	echo "cache, filled by a first request (the JSON API is never cached: no-store).  first:"
	echo "the URL's first request on that server and reader. curator: with an API token"
	echo "(GREEN answers count); public: no token (CLEAR accepted answers only)."
	echo "cpu: the server's CPU time (user + sys, /proc) over the URL's requests (the n timed"
	echo "and the two untimed), divided by n + 2: what one request costs the server, which"
	echo "waiting for a CPU on a busy machine does not inflate (resolution: 1/$hz s over the batch)."
	printf '%-28s %-7s %-8s %4s %6s %9s %9s %9s %9s %8s %10s %9s\n' request server reader n status \
		"first ms" "p50 ms" "p99 ms" "max ms" "cpu ms" "raw B" "gzip B"
	awk '$1 == "RESULT" { printf "%-28s %-7s %-8s %4d %6s %9.2f %9.2f %9.2f %9.2f %8.2f %10d %9d\n",
		$13, $2, $3, $5, $6, $14, $7, $8, $9, $15, $10, $11 }' "$tmp/results.txt"
	echo
	echo "Reference (bench/needs/reference.sql in the sqlite3 shell, median of 5: CPU time"
	echo "user + sys by the shell's timer, and its wall time, which resolves 1 ms):"
	awk -F'\t' '{ printf "  %-4s %8.3f ms CPU, %6.1f ms wall: %s\n", $1 == "all" ? "all" : $1, $2, $3, $4 }' "$tmp/ref.txt"
	# one country: the reference's CPU time (its wall time is below the timer's
	# millisecond); every country: its wall time, like the requests'
	for x in "one:$cc" "worst:$worst"; do
		a=$(p50 cold curator "${x%%:*}"); b=$(refms "${x#*:}")
		awk -v a="$a" -v b="$b" -v c="${x#*:}" 'BEGIN { if (a != "" && b > 0)
			printf "ratio ccrepo / reference, %s (cold p50 as the curator, the whole request / the query'"'"'s CPU time): %.1f (%.2f ms / %.3f ms)\n", c, a / b, a, b }'
	done
	for x in "one:$cc" "worst:$worst" "all:all"; do
		a=$(awk -v l="${x%%:*}" '$1 == "RESULT" && $2 == "cold" && $3 == "curator" && $4 == l { print $15 }' "$tmp/results.txt")
		b=$(refms "${x#*:}")
		awk -v a="$a" -v b="$b" -v c="${x#*:}" 'BEGIN { if (a != "" && b > 0)
			printf "ratio ccrepo / reference in CPU time, %s (cold, the curator: the server'"'"'s CPU per request / the query'"'"'s): %.1f (%.2f ms / %.3f ms)\n", c == "all" ? "every country" : c, a / b, a, b }'
	done
	a=$(p50 cold curator all); b=$(awk -F'\t' '$1 == "all" { print $3 }' "$tmp/ref.txt")
	awk -v a="$a" -v b="$b" 'BEGIN { if (a != "" && b > 0)
		printf "ratio ccrepo / reference, every country (cold p50 as the curator, the whole request / the query'"'"'s wall time): %.1f (%.2f ms / %.1f ms)\n", a / b, a, b }'
	awk '$1 == "RSS" { printf "ccrepo serve (%s): VmRSS %.1f MiB at the end, peak %.1f MiB\n", $2, $3 / 1024, $4 / 1024 }' "$tmp/results.txt"
	echo
	echo "Phases"
	printf '%s' "$phases"
	echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$tmp/report.txt"
echo
cat "$tmp/report.txt"
cp "$tmp/report.txt" bench/results/needs-latest.txt
echo
echo "written to bench/results/needs-latest.txt"
