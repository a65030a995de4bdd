#!/usr/bin/env bash
# Import throughput and the render time of the largest work page.
#   1. a generated ccrepo bundle of 100,000 provisions (100 acts of 1,000 sections,
#      each with a heading and a paragraph of text), imported into a fresh database;
#   2. the South African Constitution (Akoma Ntoso 3.0, 621 KB) from ../shared/corpus;
#   3. the pages of the largest works (contents page, whole text with ?all=1, one
#      chapter): time to render (first request, then the median of 5) and
#      its size in bytes.
# Each import runs BENCH_REPEAT times (default 5) on a fresh database; the median is
# reported, in provisions per second. Needs ./ccrepo (or $CCREPO_BIN) and curl.
set -eu
cd "$(dirname "$0")/.."
bin=${CCREPO_BIN:-$PWD/ccrepo}
shared=${CCREPO_SHARED:-$PWD/../shared}
repeat=${BENCH_REPEAT:-5}
works=${BENCH_WORKS:-100}
sections=${BENCH_SECTIONS:-1000}
tmp=$(mktemp -d /tmp/ccrepo-import-bench.XXXXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
now_ms() { date +%s%3N; }

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -r), $(date -u +%FT%TZ)"

# 1. the generated bundle
awk -v works="$works" -v sections="$sections" 'BEGIN {
	printf "{\"format\":\"ccrepo-bundle\",\"version\":1,\"records\":[\n"
	for (w = 1; w <= works; w++) {
		printf "%s{\"type\":\"legislation\",\"country\":\"KE\",\"language\":\"en\",", (w > 1 ? "," : "")
		printf "\"title\":\"Generated Act %d\",\"status\":\"published\",\"tlp\":\"CLEAR\",", w
		printf "\"work\":{\"uri\":\"/akn/ke/act/2020/g%d\",\"type\":\"act\",\"number\":\"g%d\",\"date\":\"2020-01-01\"},", w, w
		printf "\"expressions\":[{\"language\":\"eng\",\"date\":\"2020-01-01\",\"status\":\"in_force\",\"provisions\":["
		for (s = 1; s <= sections; s++) {
			printf "%s{\"eid\":\"sec_%d\",\"kind\":\"section\",\"num\":\"%d\",\"heading\":\"Unauthorised access to computer system %d\",", (s > 1 ? "," : ""), s, s, s
			printf "\"text\":\"A person who intentionally and without right accesses the whole or any part of a computer system, by infringing security measures, commits an offence and is liable on conviction to a fine or imprisonment (provision %d of act %d).\"}", s, w
		}
		printf "]}]}\n"
	}
	printf "]}\n"
}' > "$tmp/bundle.json"
total=$((works * sections))
echo "bundle: $total provisions in $works works, $(stat -c %s "$tmp/bundle.json") bytes"

run_import() { # label provisions file [import args...]
	local label=$1 n=$2 file=$3; shift 3
	local times="" t0 t1 ms
	for i in $(seq "$repeat"); do
		rm -f "$tmp"/db*
		"$bin" migrate --db "$tmp/db" --log-level warn >/dev/null
		t0=$(now_ms)
		"$bin" import --db "$tmp/db" --log-level warn "$@" "$file" >/dev/null
		t1=$(now_ms)
		ms=$((t1 - t0)); [ "$ms" -gt 0 ] || ms=1
		times="$times $ms"
	done
	ms=$(printf '%s\n' $times | median)
	printf '%-34s %8d provisions  median %6d ms  %9d provisions/s  (runs:%s ms)\n' \
		"$label" "$n" "$ms" $((n * 1000 / ms)) "$times"
}

echo
echo "== import (fresh database each run; migrate not timed; median of $repeat)"
run_import "generated bundle (JSON)" "$total" "$tmp/bundle.json"
za="$shared/corpus/za/za-constitution-1996.akn.xml"
if [ -f "$za" ]; then
	n=$("$bin" migrate --db "$tmp/za.db" --log-level warn >/dev/null;
	    "$bin" import --db "$tmp/za.db" --log-level warn "$za" | sed -nE 's/.*: ([0-9]+) provisions.*/\1/p')
	run_import "ZA Constitution (Akoma Ntoso)" "$n" "$za"
else
	echo "ZA Constitution: skipped ($shared absent)"
fi

echo
echo "== the largest work's page"
rm -f "$tmp"/db*
"$bin" import --db "$tmp/db" --log-level warn "$tmp/bundle.json" >/dev/null
[ -f "$za" ] && "$bin" import --db "$tmp/db" --log-level warn --status published "$za" >/dev/null
port=$((20000 + RANDOM % 20000))
"$bin" serve --db "$tmp/db" --listen 127.0.0.1:$port --log-level warn >/dev/null 2>&1 &
pid=$!
for i in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.05; done
for page in /akn/ke/act/2020/g1 /akn/ke/act/2020/g1?all=1 /akn/za/act/1996/constitution /akn/za/act/1996/constitution?all=1 /akn/za/act/1996/constitution/~chp_2; do
	url="http://127.0.0.1:$port$page"
	first=$(curl -s -o "$tmp/page" -w '%{time_total} %{http_code}' "$url")
	size=$(stat -c %s "$tmp/page")
	gz=$(curl -s -H 'Accept-Encoding: gzip' -o "$tmp/page.gz" -w '%{size_download}' "$url")
	rest=""
	for i in $(seq 5); do rest="$rest $(curl -s -o /dev/null -w '%{time_total}' "$url")"; done
	printf '%-32s status %s  first %s s  then median %s s  %d bytes (%s gzip)\n' "$page" \
		"${first#* }" "${first% *}" "$(printf '%s\n' $rest | median)" "$size" "$gz"
done
