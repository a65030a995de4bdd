#!/usr/bin/env bash
# Browser tests: start ccrepo on a free port with a temporary database, make a curator
# account with the CLI (CCREPO_TEST_USER, CCREPO_TEST_PASSWORD; and Kenya's focal point,
# CCREPO_TEST_FP_USER, CCREPO_TEST_FP_PASSWORD: tests that change
# something sign in as it at /signin; the server's own machine is no one special), drive
# Debian's chromium through playwright-core (tests/browser/*.test.mjs), stop the server.
#
# Usage: tests/browser/run.sh [BUILD_DIR]   (tests BUILD_DIR/ccrepo; without an argument
# $CCREPO_BIN, else ./ccrepo). Environment: CHROMIUM (default /usr/bin/chromium),
# CCREPO_SCREENSHOTS (directory for screenshots; default none), BROWSER_TEST_FILTER.
#
# The last line is always "browser: P passed, F failed, S skipped"; when node,
# playwright-core or chromium is missing every test is skipped and the exit status is 0.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/tests/browser"
if [ $# -ge 1 ] && [ -n "$1" ]; then
	case $1 in /*) bin="$1/ccrepo" ;; *) bin="$PWD/$1/ccrepo" ;; esac
else
	bin=${CCREPO_BIN:-$root/ccrepo}
fi
chromium=${CHROMIUM:-/usr/bin/chromium}
export CHROMIUM="$chromium"

ntests=$(grep -hcE "^test\(" "$here"/*.test.mjs | awk "{ n += \$1 } END { print n + 0 }")
skip() { echo "browser: 0 passed, 0 failed, $ntests skipped ($1)"; exit 0; }
command -v node >/dev/null 2>&1 || skip "node not found"
[ -f "$root/node_modules/playwright-core/package.json" ] || skip "node_modules/playwright-core missing: run npm ci"
[ -x "$chromium" ] || skip "$chromium not found: scripts/install-deps.sh test"
if [ ! -x "$bin" ]; then
	echo "no ccrepo binary at $bin"
	echo "browser: 0 passed, $ntests failed, 0 skipped"
	exit 1
fi

tmp=$(mktemp -d /tmp/ccrepo-browser.XXXXXX)
pid=""
cleanup() {
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill -TERM "$pid" 2>/dev/null
		for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -KILL "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# a free port: bind to port 0 and take what the kernel gave; retry if someone took it
# between then and ccrepo's bind
free_port() {
	node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}
healthy() {
	if command -v curl >/dev/null 2>&1; then
		curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$1/healthz" 2>/dev/null
	else
		(exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET /healthz HTTP/1.0\r\n\r\n' >&3 && head -n1 <&3 | grep -q ' 200 ') 2>/dev/null
	fi
}

started=""
for attempt in 1 2 3; do
	port=$(free_port)
	"$bin" serve --listen "127.0.0.1:$port" --db "$tmp/ccrepo.db" --log-level warn >"$tmp/server.out" 2>"$tmp/server.log" &
	pid=$!
	for _ in $(seq 200); do  # up to 20 s: the sanitizer build loads reference data slowly
		if healthy "$port"; then started=1; break; fi
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	[ -n "$started" ] && break
	kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; pid=""
done
if [ -z "$started" ]; then
	echo "ccrepo did not answer /healthz; its output:"
	cat "$tmp/server.out" "$tmp/server.log" | sed 's/^/  /' | tail -n 20
	echo "browser: 0 passed, $ntests failed, 0 skipped"
	exit 1
fi

# the accounts the tests sign in as (argon2id: made once, here): a curator, and Kenya's
# focal point for the questionnaire campaigns; and the shipped questionnaire, which
# `ccrepo migrate` loads
export CCREPO_TEST_USER=curator CCREPO_TEST_PASSWORD="browser tests' curator password"
export CCREPO_TEST_FP_USER=focal CCREPO_TEST_FP_PASSWORD="browser tests' focal point password"
if ! { "$bin" org add "Browser tests" --kind unodc --db "$tmp/ccrepo.db" &&
       printf '%s\n' "$CCREPO_TEST_PASSWORD" | "$bin" user add "$CCREPO_TEST_USER" \
		--role curator --org "Browser tests" --password-stdin --db "$tmp/ccrepo.db" &&
       "$bin" org add "Browser tests KE" --kind national_authority --country KE \
		--db "$tmp/ccrepo.db" &&
       printf '%s\n' "$CCREPO_TEST_FP_PASSWORD" | "$bin" user add "$CCREPO_TEST_FP_USER" \
		--role focal_point --org "Browser tests KE" --country KE --password-stdin \
		--db "$tmp/ccrepo.db" &&
       "$bin" migrate --db "$tmp/ccrepo.db"
     } >"$tmp/account.log" 2>&1; then
	echo "could not make the test account; ccrepo said:"
	sed 's/^/  /' "$tmp/account.log" | tail -n 20
	echo "browser: 0 passed, $ntests failed, 0 skipped"
	exit 1
fi

export CCREPO_URL="http://127.0.0.1:$port"
rc=0
out="$tmp/out"
: >"$out"
for f in "$here"/*.test.mjs; do
	# two and a half minutes at most, whatever hangs (a file takes well under one on
	# a quiet machine; a busy one, as CI with other jobs, may need more)
	if command -v timeout >/dev/null 2>&1; then
		timeout -k 5 150 node "$f" 2>&1 | tee -a "$out" | grep -vE '^browser: '
		r=${PIPESTATUS[0]}
	else
		node "$f" 2>&1 | tee -a "$out" | grep -vE '^browser: '
		r=${PIPESTATUS[0]}
	fi
	[ "$r" -ne 0 ] && rc=1
	[ "$r" -eq 124 ] && echo "$(basename "$f"): timed out"
done

# the server must have survived the tests
if ! kill -0 "$pid" 2>/dev/null; then
	echo "ccrepo exited during the tests; its output:"
	cat "$tmp/server.out" "$tmp/server.log" | sed 's/^/  /' | tail -n 20
	rc=1
elif [ -s "$tmp/server.log" ]; then
	echo "ccrepo logged (stderr, --log-level warn):"
	sed 's/^/  /' "$tmp/server.log" | tail -n 20
fi

p=0 f=0 s=0
while read -r a b c; do p=$((p + a)); f=$((f + b)); s=$((s + c)); done < <(
	sed -nE 's/^browser: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped.*/\1 \2 \3/p' "$out")
# a test file that died before its summary counts as one failure
[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
[ "$f" -ne 0 ] && rc=1
echo "browser: $p passed, $f failed, $s skipped"
exit "$rc"
