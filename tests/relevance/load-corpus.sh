#!/usr/bin/env bash
# Import the texts of ../shared/corpus that tests/relevance/mappings.tsv judges, as
# published laws, into a database, then load the curators' mappings of that file.
# The coverage test, the coverage benchmark and anyone who wants to see the coverage
# pages on real laws use it; tests/integration/test_suggest_quality.c imports the same
# files with the same URIs (without loading the mappings, which it measures against).
#
# Usage: tests/relevance/load-corpus.sh DB [SHARED]
#   DB      the database file (created when missing)
#   SHARED  the shared folder (default ../shared beside the repository)
# Environment: CCREPO_BIN (default ./build/rel/ccrepo, else ./ccrepo).
# Reads exactly these 13 files of SHARED/corpus, so that figures stay comparable.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
[ $# -ge 1 ] || { echo "usage: $0 DB [SHARED]" >&2; exit 2; }
db=$1
shared=${2:-$root/../shared}
bin=${CCREPO_BIN:-$root/build/rel/ccrepo}
[ -x "$bin" ] || bin=$root/ccrepo
[ -x "$bin" ] || { echo "$0: no ccrepo binary (make first, or set CCREPO_BIN)" >&2; exit 1; }
c=$shared/corpus
[ -d "$c" ] || { echo "$0: no corpus at $c" >&2; exit 1; }
imp() { "$bin" import --db "$db" --log-level error --status published "$@" >/dev/null; }

imp --uri /akn/us/act/1986/usc-18-1030 --date 1986-10-16 --title "18 U.S.C. 1030" \
	"$c/us/18-usc-1030.md"
imp --uri /akn/us/act/1986/usc-18-2701 --date 1986-10-21 --title "18 U.S.C. 2701-2703" \
	"$c/us/18-usc-2701-2703.md"
imp "$c/za/za-constitution-1996.akn.xml" "$c/ke/ke-act-1997-3-retirement-benefits.akn2.xml" \
	"$c/uk/ukpga-2014-27-dripa.akn.xml" "$c/uk/ukpga-1998-29-data-protection.akn.xml" \
	"$c/za/zasca-2008-134-judgment.akn.xml" "$c/uk/ukpga_20000032_en.xml"
imp --uri /akn/fr/act/1992/code-penal --date 1992-07-22 --language fra --title "Code pénal" \
	"$c/fr/code_penal_LEGITEXT000006070719.md"
imp --uri /akn/sg/act/1993/19 --date 1993-08-30 "$c/sg/computer_misuse_act_1993.pdf"
imp --uri /akn/sg/act/2023/19 --date 2023-07-05 "$c/sg/online_criminal_harms_act_2023.pdf"
imp --uri /akn/ng/act/2015/17 --date 2015-05-15 "$c/ng/cybercrimes-act-2015.pdf"
imp --uri /akn/cn/act/1997/criminal-law --country CN --date 1997-03-14 --language chi \
	"$c/cn/cn_criminal_law_1997_as_amended_xingfa.md"
"$bin" map --db "$db" --log-level error --file "$root/tests/relevance/mappings.tsv"
