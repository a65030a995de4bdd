#!/usr/bin/env bash
# One reader reads one AMBER lesson as fast as wrk can (2 threads, 8 connections, 5 s)
# and we count what that wrote to the audit log. Before issue 10 every read appended a
# chained entry; now the first read of the day does and the rest are counted.
#
#   bash bench/audit-flood.sh [BIN] [REFERENCE_BIN]
#
# BIN defaults to ./ccrepo; REFERENCE_BIN (for example a build of an older commit) is
# measured in the same run for comparison. Needs wrk and curl; loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "audit-flood: needs wrk (apt-get install wrk)"; exit 2; }

flood() {
	local bin=$1 port d pid id ta tc to n
	d=$(mktemp -d)
	port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
	"$bin" migrate --db "$d/db" --log-level error >/dev/null
	"$bin" org add Org --kind national_authority --db "$d/db" --log-level error >/dev/null
	for u in ann:provider cur:curator ola:reader; do
		echo "a long enough password" | "$bin" user add "${u%%:*}" --role "${u##*:}" \
			--org Org --password-stdin --db "$d/db" --log-level error >/dev/null
	done
	tok() { "$bin" user token "$1" --name t --scope "$2" --db "$d/db" --log-level error 2>/dev/null | head -1; }
	ta=$(tok ann write); tc=$(tok cur write); to=$(tok ola read)
	"$bin" serve --listen "127.0.0.1:$port" --db "$d/db" --threads 2 --log-level error \
		>/dev/null 2>&1 &
	pid=$!
	for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
	id=$(curl -s -H "Authorization: Bearer $ta" -H 'Content-Type: application/json' \
		-d '{"title":"L","country":"KE","language":"en","tlp":"AMBER","body":"x"}' \
		"http://127.0.0.1:$port/api/v1/lessons" | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')
	curl -s -o /dev/null -H "Authorization: Bearer $ta" -H 'Content-Type: application/json' \
		-d '{"to":"submitted"}' "http://127.0.0.1:$port/api/v1/records/$id/status"
	curl -s -o /dev/null -H "Authorization: Bearer $tc" -H 'Content-Type: application/json' \
		-d '{"to":"published"}' "http://127.0.0.1:$port/api/v1/records/$id/status"
	n0=$("$bin" audit verify --db "$d/db" --log-level error | sed -n 's/.*intact: \([0-9]*\) entries.*/\1/p')
	wrk -t2 -c8 -d5s -H "Authorization: Bearer $to" "http://127.0.0.1:$port/lessons/$id" |
		sed -n 's/^ *\([0-9]*\) requests in.*/reads: \1/p; s/^Requests\/sec: *\(.*\)/reads per second: \1/p'
	kill "$pid"; wait "$pid" || true
	n=$("$bin" audit verify --db "$d/db" --log-level error | sed -n 's/.*intact: \([0-9]*\) entries.*/\1/p')
	echo "audit entries written by the reads: $((n - n0)); database file: $(($(stat -c %s "$d/db") / 1024)) KiB"
	rm -rf "$d"
}

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "== ${1:-./ccrepo}"
flood "${1:-./ccrepo}"
if [ -n "${2:-}" ]; then
	echo "== reference: $2"
	flood "$2"
fi
