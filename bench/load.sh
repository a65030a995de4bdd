#!/usr/bin/env bash
# Load benchmark (not a test): ccrepo under wrk with a mix of pages, searches, API reads
# and API writes, then slow clients (idle and trickling connections) while a normal
# client is timed. Everything on 127.0.0.1, in a temporary directory removed on exit,
# with every process it started stopped; it stops by itself. See bench/README.md.
#
# Usage: bench/load.sh   Environment: CCREPO_BIN (default ./ccrepo), LOAD_SECONDS (wrk,
# default 20), LOAD_CONNS (default 256), SLOW_N (idle and trickling connections each,
# default 1000), SLOW_SECONDS (how long they are held, default 25).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bin=${CCREPO_BIN:-$root/ccrepo}
secs=${LOAD_SECONDS:-20}
conns=${LOAD_CONNS:-256}
slow_n=${SLOW_N:-1000}
slow_secs=${SLOW_SECONDS:-25}

die() { echo "load: $*" >&2; exit 1; }
[ -x "$bin" ] || die "no ccrepo binary at $bin: run make first"
command -v wrk >/dev/null && command -v curl >/dev/null && command -v python3 >/dev/null ||
	scripts/install-deps.sh bench test
command -v wrk >/dev/null || die "wrk is missing (Debian package wrk)"

tmp=$(mktemp -d /tmp/ccrepo-load.XXXXXX)
srv=""
stop_srv() {
	[ -n "$srv" ] || return 0
	kill -TERM "$srv" 2>/dev/null || { srv=""; return 0; }
	for _ in $(seq 100); do kill -0 "$srv" 2>/dev/null || break; sleep 0.05; done
	kill -KILL "$srv" 2>/dev/null || true
	wait "$srv" 2>/dev/null || true
	srv=""
}
trap 'stop_srv; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

free_port() {
	local p
	while :; do
		p=$((20000 + RANDOM % 30000))
		(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
	done
}
rss() { awk '/^VmRSS:/ { printf "%.1f MiB", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "-"; }
cli() { "$bin" --db "$tmp/ccrepo.db" --log-level error "$@"; }
# start the server with extra options; sets $srv and $port
start() {
	port=$(free_port)
	"$bin" serve --listen "127.0.0.1:$port" --db "$tmp/ccrepo.db" --log-level warn "$@" \
		>>"$tmp/serve.out" 2>>"$tmp/serve.err" &
	srv=$!
	for _ in $(seq 200); do
		curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$port/healthz" 2>/dev/null && return 0
		kill -0 "$srv" 2>/dev/null || break
		sleep 0.05
	done
	tail -n 20 "$tmp/serve.err" >&2
	die "ccrepo did not start"
}
# the limit options this build has (the build before the fix has none)
has_opt() { "$bin" serve --help 2>&1 | grep -q -- "--$1 "; }

echo "ccrepo load benchmark, $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), $(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -r)"
echo "ccrepo:  $bin ($("$bin" version 2>/dev/null | head -n1)), loadavg before $(cut -d' ' -f1-3 /proc/loadavg)"

# -- the database: an account with a write token, and a few published lessons ----------
"$bin" migrate --db "$tmp/ccrepo.db" --log-level error >/dev/null
"$bin" org add Bench --kind unodc --db "$tmp/ccrepo.db" --log-level error >/dev/null
echo "a password for the load benchmark" |
	"$bin" user add bench --role curator --org Bench --password-stdin --db "$tmp/ccrepo.db" --log-level error >/dev/null
token=$("$bin" user token bench --name load --scope write --db "$tmp/ccrepo.db" --log-level error 2>/dev/null | grep -o 'ccr_[0-9a-f_]*' | head -n1)
[ -n "$token" ] || die "no API token"

# the load phase comes from one address with $conns connections: raise the
# per-address limit when this build has one
opts=()
has_opt max-per-address && opts+=(--max-per-address "$((conns + 16))")
start "${opts[@]+"${opts[@]}"}"
C="http://127.0.0.1:$port"
ids=""
for i in $(seq 20); do
	id=$(curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
		--data "{\"title\":\"Lesson $i on computer data and evidence\",\"country\":\"KE\",\"language\":\"en\",\"body\":\"Seizure of computer data, access to a system, interception: lesson $i.\"}" \
		"$C/api/v1/lessons" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
	for to in submitted published; do
		curl -fsS -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
			--data "{\"to\":\"$to\"}" "$C/api/v1/records/$id/status" || die "cannot publish lesson $id"
	done
	ids="$ids${ids:+,}$id"
done

# -- 1. the mix at $conns connections ------------------------------------------------------
echo ""
echo "== load: wrk -t2 -c$conns -d${secs}s --latency -s bench/load/mix.lua (server: ${opts[*]:-defaults})"
echo "   mix: 45% pages (/, /countries, /countries/KE, /lessons), 20% searches (page and API),"
echo "   30% API reads (a country, lessons list and one lesson, with the token), 5% API writes"
echo "   (POST /api/v1/lessons with the token)"
rss0=$(rss "$srv")
BENCH_TOKEN=$token BENCH_IDS=$ids timeout $((secs + 30)) wrk -t2 -c"$conns" -d"${secs}s" --timeout 10s --latency \
	-s bench/load/mix.lua "$C" >"$tmp/wrk.txt" 2>&1 || true
rss1=$(rss "$srv")
grep -E '^(summary|statuses):|Socket errors' "$tmp/wrk.txt" || { cat "$tmp/wrk.txt"; die "wrk failed"; }
echo "server RSS: $rss0 at start, $rss1 at the end"
stop_srv

# -- 2. slow clients against the defaults -------------------------------------------------
start
echo ""
echo "== slow clients, server with its defaults; normal client from 127.0.0.1, GET /countries/KE"
timeout $((slow_secs + 60)) python3 bench/load/slow.py "$port" 1 3 | sed -n 's/^normal client:/baseline, no slow clients:/p'
timeout $((slow_secs + 60)) python3 bench/load/slow.py "$port" "$slow_n" "$slow_secs"
kill -0 "$srv" 2>/dev/null || die "ccrepo died"
stop_srv
start
timeout $((slow_secs + 60)) python3 bench/load/slow.py "$port" "$((slow_n / 5))" "$slow_secs" --spread 50
kill -0 "$srv" 2>/dev/null || die "ccrepo died"
echo "server RSS after the slow clients: $(rss "$srv")"
stop_srv
if [ -s "$tmp/serve.err" ]; then
	echo ""
	echo "ccrepo's stderr (last 5 of $(wc -l <"$tmp/serve.err") lines):"
	tail -n 5 "$tmp/serve.err" | cut -c1-200
fi
