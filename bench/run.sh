#!/usr/bin/env bash
# ccrepo benchmarks (not tests): start time, throughput and latency under wrk against
# nginx serving the same bytes, and resident memory. Builds nothing: it measures
# ./ccrepo (or $CCREPO_BIN). See bench/README.md for what each number means.
#
# Usage: bench/run.sh            (from anywhere; `make bench` builds first and calls it)
# Environment: CCREPO_BIN, BENCH_DURATION (wrk seconds per run, default 10),
# BENCH_REPEAT (runs per URL and server, default 3), BENCH_STARTS (start-time samples,
# default 5), BENCH_GZIP (0 skips the gzip runs, default 1).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bin=${CCREPO_BIN:-$root/ccrepo}
dur=${BENCH_DURATION:-10}
repeat=${BENCH_REPEAT:-3}
starts=${BENCH_STARTS:-5}
gzip=${BENCH_GZIP:-1}
conns=64 threads=2

die() { echo "bench: $*" >&2; exit 1; }
[ -x "$bin" ] || die "no ccrepo binary at $bin: run make first"
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null || ! command -v curl >/dev/null; then
	scripts/install-deps.sh bench
	command -v curl >/dev/null || scripts/install-deps.sh test
fi
command -v wrk >/dev/null || die "wrk is missing"
command -v nginx >/dev/null || die "nginx is missing"

tmp=$(mktemp -d /tmp/ccrepo-bench.XXXXXX)
chmod 755 "$tmp"  # nginx's workers run as nobody and read the files under it
pids=()
cleanup() {
	local p
	for p in "${pids[@]+"${pids[@]}"}"; do
		kill -TERM "$p" 2>/dev/null || continue
		for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
		kill -KILL "$p" 2>/dev/null || true
	done
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p bench/results
out=bench/results/latest.txt
log=bench/results/latest.log
: >"$log"
say() { printf '%s\n' "$*" | tee -a "$log"; }

# -- helpers ---------------------------------------------------------------------------

# a TCP port on 127.0.0.1 that nothing listens on
free_port() {
	local p
	while :; do
		p=$((20000 + RANDOM % 30000))
		(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
	done
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
now_ns() { date +%s%N; }
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }

# start ccrepo on PORT with DB in the background; sets $srv
start_ccrepo() { # port db
	"$bin" serve --listen "127.0.0.1:$1" --db "$2" --log-level warn >>"$tmp/ccrepo.out" 2>>"$tmp/ccrepo.err" &
	srv=$!
	pids+=("$srv")
}
stop_pid() {
	kill -TERM "$1" 2>/dev/null || return 0
	for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || break; sleep 0.05; done
	kill -KILL "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}
# poll /healthz without sleeping until it answers 200; print ms since $2 (ns)
wait_healthy() { # port t0_ns pid
	local i=0
	until curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$1/healthz" 2>/dev/null; do
		kill -0 "$3" 2>/dev/null || { echo "ccrepo exited; stderr:" >&2; tail -n 20 "$tmp/ccrepo.err" >&2; return 1; }
		i=$((i + 1)); [ "$i" -gt 20000 ] && { echo "ccrepo did not answer /healthz" >&2; return 1; }
	done
	echo $(( ($(now_ns) - $2) / 1000000 ))
}

# wrk one URL; prints "rps p50_ms p99_ms errors" and appends wrk's report to the log
run_wrk() { # label url [header]
	local res
	if [ $# -ge 3 ]; then
		res=$(wrk -t"$threads" -c"$conns" -d"${dur}s" --latency -H "$3" "$2")
	else
		res=$(wrk -t"$threads" -c"$conns" -d"${dur}s" --latency "$2")
	fi
	printf '## %s %s %s\n%s\n' "$1" "$2" "${3:-}" "$res" >>"$log"
	printf '%s\n' "$res" | awk '
		function ms(v) {
			if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0;
			if (v ~ /m$/) return v * 60000; if (v ~ /s$/) return v * 1000; return v }
		/^Requests\/sec:/ { rps = $2 }
		$1 == "50%" { p50 = ms($2) }  $1 == "99%" { p99 = ms($2) }
		/Non-2xx or 3xx responses:/ { err += $NF }
		/Socket errors:/ { gsub(/,/, ""); err += $4 + $6 + $8 + $10 }
		END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, err }'
}

# -- the machine -----------------------------------------------------------------------

say "ccrepo benchmark, $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
say "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
say "memory:  $(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
say "kernel:  $(uname -srm)"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "loadavg: $load_before (before the run; anything else running skews every number)"
say "wrk:     $(wrk -v 2>&1 | head -n1 | awk '{ print $1, $2 }')"
say "nginx:   $(nginx -v 2>&1 | sed 's/^nginx version: //')"
say "ccrepo:  $("$bin" version 2>/dev/null | head -n1) ($bin)"
say "load:    wrk -t$threads -c$conns -d${dur}s --latency, on the same machine (wrk and the server share the $(nproc) CPUs)"
say ""

# -- 1. start time -----------------------------------------------------------------------

say "== start time: spawn to first 200 from /healthz ($starts runs each)"
fresh=() existing=()
mkdir -p "$tmp/existing"
port=$(free_port)
start_ccrepo "$port" "$tmp/existing/ccrepo.db"
wait_healthy "$port" "$(now_ns)" "$srv" >/dev/null || die "ccrepo did not start"
stop_pid "$srv"
for i in $(seq "$starts"); do
	mkdir -p "$tmp/fresh$i"
	port=$(free_port)
	t0=$(now_ns); start_ccrepo "$port" "$tmp/fresh$i/ccrepo.db"
	ms=$(wait_healthy "$port" "$t0" "$srv") || die "ccrepo did not start"
	stop_pid "$srv"; fresh+=("$ms")
	port=$(free_port)
	t0=$(now_ns); start_ccrepo "$port" "$tmp/existing/ccrepo.db"
	ms=$(wait_healthy "$port" "$t0" "$srv") || die "ccrepo did not start"
	stop_pid "$srv"; existing+=("$ms")
done
start_fresh=$(printf '%s\n' "${fresh[@]}" | median)
start_existing=$(printf '%s\n' "${existing[@]}" | median)
say "fresh db:    ${fresh[*]} ms  (median $start_fresh ms)"
say "existing db: ${existing[*]} ms  (median $start_existing ms)"
say ""

# -- 2. servers --------------------------------------------------------------------------

cport=$(free_port)
start_ccrepo "$cport" "$tmp/existing/ccrepo.db"
cpid=$srv
wait_healthy "$cport" "$(now_ns)" "$cpid" >/dev/null || die "ccrepo did not start"
sleep 1
rss_idle=$(rss_kb "$cpid")
C="http://127.0.0.1:$cport"

www="$tmp/www"
mkdir -p "$www/countries" "$www/api/v1"
curl -fsS -o "$www/countries/KE" "$C/countries/KE"
curl -fsS -o "$www/api/v1/countries" "$C/api/v1/countries"
chmod -R a+rX "$www"
ke_bytes=$(wc -c <"$www/countries/KE")
api_bytes=$(wc -c <"$www/api/v1/countries")

nport=$(free_port)
while [ "$nport" = "$cport" ]; do nport=$(free_port); done
mkdir -p "$tmp/nginx/logs"
csp=$(curl -fsS -D - -o /dev/null "$C/countries/KE" | sed -n 's/^Content-Security-Policy: //Ip' | tr -d '\r')
cat >"$tmp/nginx/nginx.conf" <<EOF
# the same bytes and Content-Type as ccrepo, and its security headers, so that responses
# are the same size; no access log (ccrepo runs with --log-level warn, which logs none)
worker_processes 2;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
	access_log off;
	sendfile on;
	tcp_nopush on;
	keepalive_requests 1000000;
	server_tokens off;
	client_body_temp_path $tmp/nginx/body;
	proxy_temp_path $tmp/nginx/proxy;
	fastcgi_temp_path $tmp/nginx/fastcgi;
	uwsgi_temp_path $tmp/nginx/uwsgi;
	scgi_temp_path $tmp/nginx/scgi;
	types { }
	@GZIP@
	server {
		listen 127.0.0.1:$nport;
		root $www;
		add_header Content-Security-Policy "$csp" always;
		add_header X-Content-Type-Options nosniff always;
		add_header Referrer-Policy same-origin always;
		add_header X-Frame-Options DENY always;
		add_header Cross-Origin-Opener-Policy same-origin always;
		add_header Permissions-Policy "camera=(), microphone=(), geolocation=()" always;
		add_header Cache-Control "public, max-age=60" always;
		# charset from the charset module, so that gzip_types sees plain text/html
		location = /countries/KE { default_type text/html; charset utf-8; }
		location = /api/v1/countries { default_type application/json; }
	}
}
EOF
# gzip is switched by a second config that differs only in that line
sed 's/@GZIP@/gzip off;/' "$tmp/nginx/nginx.conf" >"$tmp/nginx/plain.conf"
sed 's|@GZIP@|gzip on; gzip_types application/json; gzip_vary on;|' "$tmp/nginx/nginx.conf" >"$tmp/nginx/gzip.conf"
sed 's|@GZIP@|gzip_static on; gzip_vary on;|' "$tmp/nginx/nginx.conf" >"$tmp/nginx/gzip-static.conf"
start_nginx() { # conf
	nginx -p "$tmp/nginx" -c "$1" -e "$tmp/nginx/logs/error.log" -g 'daemon off;' 2>>"$tmp/nginx/logs/stderr" &
	npid=$!
	pids+=("$npid")
	for _ in $(seq 100); do curl -fsS -o /dev/null "http://127.0.0.1:$nport/countries/KE" 2>/dev/null && return 0; sleep 0.05; done
	cat "$tmp/nginx/logs/stderr" "$tmp/nginx/logs/error.log" >&2
	die "nginx did not start"
}
start_nginx "$tmp/nginx/plain.conf"
N="http://127.0.0.1:$nport"
cmp -s "$www/countries/KE" <(curl -fsS "$N/countries/KE") || die "nginx does not serve the same bytes"
[ "$(curl -fsS -o /dev/null -w '%{content_type}' "$N/countries/KE")" = "$(curl -fsS -o /dev/null -w '%{content_type}' "$C/countries/KE")" ] ||
	die "nginx and ccrepo differ in Content-Type"
hdr_c=$(curl -fsS -D - -o /dev/null "$C/countries/KE" | wc -c)
hdr_n=$(curl -fsS -D - -o /dev/null "$N/countries/KE" | wc -c)

say "== servers"
say "ccrepo: $C, $("$bin" serve --help | grep -q -- --threads && echo "--threads 0 (one per CPU)"), --log-level warn (no access lines)"
say "nginx:  $N, 2 worker processes, access_log off, sendfile on, the same bytes and Content-Type"
say "bodies: /countries/KE $ke_bytes bytes, /api/v1/countries $api_bytes bytes; header bytes ccrepo $hdr_c, nginx $hdr_n"
say "ccrepo RSS idle after start: $(mib "$rss_idle")"
say ""

# -- 3. throughput and latency ------------------------------------------------------------

say "== wrk: $repeat runs of ${dur}s per URL and server, alternating"
declare -A rps p50 p99 errs
for r in $(seq "$repeat"); do
	for path in /countries/KE /api/v1/countries; do
		for s in ccrepo nginx; do
			base=$C; [ "$s" = nginx ] && base=$N
			read -r a b c e < <(run_wrk "$s $path run $r" "$base$path")
			rps[$s$path]+="$a "; p50[$s$path]+="$b "; p99[$s$path]+="$c "; errs[$s$path]=$(( ${errs[$s$path]:-0} + e ))
			say "$(printf 'run %d  %-6s %-18s %9s req/s  p50 %7s ms  p99 %7s ms  errors %s' "$r" "$s" "$path" "$a" "$b" "$c" "$e")"
		done
	done
done
rss_load=$(rss_kb "$cpid")
hwm_load=$(hwm_kb "$cpid")
nginx_rss=0
for p in $(pgrep -P "$npid") "$npid"; do nginx_rss=$((nginx_rss + $(rss_kb "$p"))); done
say ""

# -- 5. gzip (optional) ---------------------------------------------------------------------

declare -A grps gp50 gp99 gbytes
if [ "$gzip" != 0 ]; then
	# precompressed copies for gzip_static, at ccrepo's level (6)
	gzip -6 -n -k "$www/countries/KE" "$www/api/v1/countries"
	chmod -R a+rX "$www"
	say "== gzip: one ${dur}s run each with Accept-Encoding: gzip"
	say "   ccrepo: as it serves it (compressed once at level 6, then cached)"
	say "   nginx-gz: gzip on, level 1 (default), compressing every response"
	say "   nginx-static: gzip_static on, files compressed beforehand with gzip -6"
	gzip_run() { # server-label base
		local path a b c e enc
		for path in /countries/KE /api/v1/countries; do
			gbytes[$1$path]=$(curl -fsS -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "$2$path")
			enc=$(curl -fsS -H 'Accept-Encoding: gzip' -D - -o /dev/null "$2$path" | sed -n 's/^Content-Encoding: *//Ip' | tr -d '\r')
			read -r a b c e < <(run_wrk "$1 $path gzip" "$2$path" 'Accept-Encoding: gzip')
			grps[$1$path]=$a gp50[$1$path]=$b gp99[$1$path]=$c
			errs[gzip$1$path]=$e
			say "$(printf 'gzip  %-12s %-18s %9s req/s  p50 %7s ms  p99 %7s ms  errors %s  body %s bytes (%s)' "$1" "$path" "$a" "$b" "$c" "$e" "${gbytes[$1$path]}" "${enc:-identity}")"
		done
	}
	gzip_run ccrepo "$C"
	stop_pid "$npid"; start_nginx "$tmp/nginx/gzip.conf"
	gzip_run nginx-gz "$N"
	stop_pid "$npid"; start_nginx "$tmp/nginx/gzip-static.conf"
	gzip_run nginx-static "$N"
	rss_gzip=$(rss_kb "$cpid")
	say ""
fi

# -- summary --------------------------------------------------------------------------------

{
	echo "ccrepo benchmark summary, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "machine: $(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)), $(awk '/^MemTotal:/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -r); $(wrk -v 2>&1 | head -n1 | awk '{ print $1, $2 }'), nginx $(nginx -v 2>&1 | sed 's/^nginx version: nginx\///')"
	echo "load: wrk -t$threads -c$conns -d${dur}s on loopback, sharing the $(nproc) CPUs with the server; median of $repeat runs"
	echo "loadavg before the run: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo ""
	printf '%-22s %12s %12s %8s %18s %18s\n' "URL (plain)" "ccrepo rps" "nginx rps" "ratio" "ccrepo p50/p99 ms" "nginx p50/p99 ms"
	for path in /countries/KE /api/v1/countries; do
		rc=$(printf '%s\n' ${rps[ccrepo$path]} | median); rn=$(printf '%s\n' ${rps[nginx$path]} | median)
		pc=$(printf '%s\n' ${p50[ccrepo$path]} | median); qc=$(printf '%s\n' ${p99[ccrepo$path]} | median)
		pn=$(printf '%s\n' ${p50[nginx$path]} | median); qn=$(printf '%s\n' ${p99[nginx$path]} | median)
		ratio=$(awk -v a="$rc" -v b="$rn" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
		printf '%-22s %12s %12s %8s %18s %18s\n' "$path" "$rc" "$rn" "$ratio" "$pc/$qc" "$pn/$qn"
	done
	if [ "$gzip" != 0 ]; then
		echo ""
		printf '%-22s %12s %12s %12s %8s %8s   %s\n' "URL (gzip, 1 run)" "ccrepo rps" "nginx-gz" "nginx-static" "ratio gz" "static" "body bytes ccrepo/gz/static"
		for path in /countries/KE /api/v1/countries; do
			r1=$(awk -v a="${grps[ccrepo$path]}" -v b="${grps[nginx-gz$path]}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
			r2=$(awk -v a="${grps[ccrepo$path]}" -v b="${grps[nginx-static$path]}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
			printf '%-22s %12s %12s %12s %8s %8s   %s\n' "$path" "${grps[ccrepo$path]}" "${grps[nginx-gz$path]}" "${grps[nginx-static$path]}" "$r1" "$r2" \
				"${gbytes[ccrepo$path]}/${gbytes[nginx-gz$path]}/${gbytes[nginx-static$path]}"
		done
	fi
	echo ""
	nerr=0; for k in "${!errs[@]}"; do nerr=$((nerr + errs[$k])); done
	echo "errors (non-2xx and socket errors, all runs): $nerr"
	echo "start to first /healthz: fresh db $start_fresh ms, existing db $start_existing ms (median of $starts)"
	echo "ccrepo RSS: idle after start $(mib "$rss_idle"), after the plain runs $(mib "$rss_load") (peak $(mib "$hwm_load"))${rss_gzip:+, after gzip $(mib "$rss_gzip")}; nginx (master + 2 workers) $(mib "$nginx_rss")"
} >"$tmp/summary"
say "== summary (also in $out; wrk's full reports in $log)"
tee -a "$log" <"$tmp/summary"
cp "$tmp/summary" "$out"
if [ -s "$tmp/ccrepo.err" ]; then
	say ""
	say "ccrepo wrote to stderr:"
	tail -n 20 "$tmp/ccrepo.err" | tee -a "$log"
fi
