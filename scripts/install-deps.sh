#!/usr/bin/env bash
# Install the Debian packages ccrepo needs when they are missing, with sudo when not
# root. Usage: install-deps.sh [build|test|bench]...  (default: build)
set -eu
build="pkg-config gcc make libmicrohttpd-dev libjansson-dev libsqlite3-dev zlib1g-dev libxml2-dev libcmark-dev libstemmer-dev libsodium-dev libpoppler-glib-dev iso-codes tzdata nodejs npm"
test="libcmocka-dev curl chromium g++ libxapian-dev fonts-noto-core fonts-noto-cjk poppler-utils"
bench="wrk nginx-light procps g++ libxapian-dev python3 sqlite3 curl"
want=""
for set in "${@:-build}"; do
	case $set in
	build) want="$want $build" ;;
	test) want="$want $build $test" ;;
	bench) want="$want $build $bench" ;;
	*) echo "install-deps.sh: unknown set '$set' (build, test, bench)" >&2; exit 2 ;;
	esac
done
missing=""
for p in $want; do
	# nodejs/npm may come from outside Debian (e.g. nvm); a working command is enough
	case $p in nodejs) command -v node >/dev/null && continue ;; npm) command -v npm >/dev/null && continue ;; esac
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing Debian packages:$missing"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq || echo "apt-get update failed; trying the install anyway" >&2
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
