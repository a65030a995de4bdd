#!/usr/bin/env bash
# Run the whole suite against the build in $1 (build/rel or build/san) and print one
# closing line of counts. Exit status 0 only when nothing failed.
set -u
B=${1:-build/rel}
export CCREPO_BIN="$PWD/$B/ccrepo"
export CCREPO_SRC="$PWD"
: "${CCREPO_SHARED:=$PWD/../shared}"
export CCREPO_SHARED
pass=0 fail=0 skip=0
declare -A kpass kfail kskip
failed_bins=()

count() { # kind passed failed skipped
	kpass[$1]=$(( ${kpass[$1]:-0} + $2 )); pass=$((pass + $2))
	kfail[$1]=$(( ${kfail[$1]:-0} + $3 )); fail=$((fail + $3))
	kskip[$1]=$(( ${kskip[$1]:-0} + $4 )); skip=$((skip + $4))
}

run_cmocka() { # kind binary
	local out rc p f s
	out=$("$2" 2>&1); rc=$?
	printf '%s\n' "$out" | grep -E '^\[ +(FAILED|SKIPPED|ERROR) +\]|^\[  PASSED  \]|skipped:|^relevance|^# crash test|^ERROR|runtime error|AddressSanitizer' | sed "s|^|  $(basename "$2"): |"
	p=$(printf '%s\n' "$out" | sed -nE 's/^\[  PASSED  \] ([0-9]+) test.*/\1/p' | tail -n1)
	f=$(printf '%s\n' "$out" | sed -nE 's/^\[  FAILED  \] ([0-9]+) test.*/\1/p' | tail -n1)
	s=$(printf '%s\n' "$out" | sed -nE 's/^\[  SKIPPED \] ([0-9]+) test.*/\1/p' | tail -n1)
	p=${p:-0} f=${f:-0} s=${s:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1  # crashed or exited early: count the binary as one failure
		printf '%s\n' "$out" | tail -n 20 | sed "s|^|  $(basename "$2"): |"
	fi
	[ "$f" -gt 0 ] && failed_bins+=("$2")
	count "$1" "$p" "$f" "$s"
}

echo "== unit"
for t in "$B"/tests/unit/test_*; do [ -x "$t" ] && run_cmocka unit "$t"; done
echo "== integration"
for t in "$B"/tests/integration/test_*; do [ -x "$t" ] && run_cmocka integration "$t"; done
echo "== fuzz (seed corpora and random inputs through each target)"
for t in "$B"/tests/fuzz/fuzz_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	if out=$("$t" "tests/fuzz/corpus/${name#fuzz_}" 2>&1); then
		count fuzz 1 0 0
	else
		count fuzz 0 1 0; failed_bins+=("$t")
		printf '%s\n' "$out" | tail -n 20 | sed "s|^|  $name: |"
	fi
done
echo "== browser"
if out=$(tests/browser/run.sh "$B" 2>&1); then rc=0; else rc=$?; fi
printf '%s\n' "$out" | sed 's|^|  |'
line=$(printf '%s\n' "$out" | grep -E '^browser: ' | tail -n1)
if [ -n "$line" ]; then
	read -r p f s < <(printf '%s\n' "$line" | sed -E 's/^browser: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped.*/\1 \2 \3/')
	count browser "$p" "$f" "$s"
elif [ "$rc" -ne 0 ]; then
	count browser 0 1 0
fi
[ "$rc" -ne 0 ] && [ "${kfail[browser]:-0}" -eq 0 ] && count browser 0 1 0

for b in "${failed_bins[@]+"${failed_bins[@]}"}"; do echo "FAILED: $b"; done
summary=""
for k in unit integration fuzz browser; do
	summary+="$k ${kpass[$k]:-0}/${kfail[$k]:-0}/${kskip[$k]:-0}, "
done
echo "tests: $pass passed, $fail failed, $skip skipped (${summary%, }; passed/failed/skipped)"
[ "$fail" -eq 0 ]
