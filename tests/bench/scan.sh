#!/bin/sh
# scan.sh: the benchmark of the scanned paper road (part of `make bench`). For each size it
# prints forms (collect-paper --form --copies), marks and degrades them like people and an office
# copier do (build/tools/scanpile: crosses, ticks, circles, fills, pencil, stray dots; rotation,
# scale, shift, noise, blur, JPEG 50, black-and-white, 200 dpi, one page upside down), imports the
# pile into an empty database (wall time and peak memory, build/tools/measure) and checks every
# answer against the truth: share of questions read right without doubt (target >= 99.5 %),
# silent errors (an answer stored wrong, or missed without being listed; target 0), pages per
# second (target >= 5 on one core at 200 dpi), peak memory (flat whatever the size).
#   sh tests/bench/scan.sh [BUILD]
# Environment: BENCH_SCAN_PAGES (default "10 100 500 1000"; even numbers), BENCH_OUT_SCAN (the
# Markdown file written, default BENCH-scan.md at the top of the tree), BENCH_KEEP=1.
# Starts and removes its own private cluster, like tests/bench/run.sh. Exits 1 when a step fails.
set -u
umask 022

TOP=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-build}
case $BUILD in
/*) ;;
*) BUILD=$TOP/$BUILD ;;
esac
BIN=$BUILD/bin
TOOLS=$BUILD/tools
SIZES=${BENCH_SCAN_PAGES:-10 100 500 1000}
OUTFILE=${BENCH_OUT_SCAN:-$TOP/BENCH-scan.md}
SURVEY=flash-2025

say() { printf '%s\n' "$*"; }
die() { say "bench-scan: $*" >&2; exit 1; }

[ -x "$BIN/collect-paper" ] && [ -x "$TOOLS/scanpile" ] && [ -x "$TOOLS/measure" ] ||
	die "collect-paper, scanpile or measure is not built (run make)"

BENCH_NAME=bench-scan
. "$TOP/tests/bench/cluster.inc"
. "$TOP/tests/scan_truth.sh"

ROWS=$WORK/rows.txt
: >"$ROWS"
for pages in $SIZES; do
	PGDATABASE=bench_scan_$pages
	export PGDATABASE
	psql -XAtq -d postgres -c "CREATE DATABASE $PGDATABASE" >/dev/null || die "CREATE DATABASE failed"
	{ "$BIN/survey-admin" init && "$BIN/survey-admin" define "$TOP/samples/definitions.yaml"; } \
	    >"$WORK/init.log" 2>&1 || { cat "$WORK/init.log" >&2; die "init failed"; }
	"$BIN/collect-paper" --form --survey $SURVEY --site HDV --copies $((pages / 2)) -o "$WORK/form.pdf" -q ||
		die "collect-paper --form failed"
	"$TOOLS/scanpile" --survey $SURVEY --form "$WORK/form.pdf" --out "$WORK/pile-$pages.pdf" \
	    --truth "$WORK/truth-$pages.txt" --seed "$pages" --dpi 200 --jpeg 50 --blur 3 --bw 5 \
	    --flip 2 || die "scanpile failed at $pages pages"
	"$TOOLS/measure" "$BIN/collect-paper" --survey $SURVEY "$WORK/pile-$pages.pdf" \
	    >"$WORK/out-$pages.txt" 2>"$WORK/measure-$pages.txt"
	wall=$(sed -n 's/.*wall=\([0-9.]*\).*/\1/p' "$WORK/measure-$pages.txt")
	kb=$(sed -n 's/.*maxrss=\([0-9]*\).*/\1/p' "$WORK/measure-$pages.txt")
	grep -q "status=0" "$WORK/measure-$pages.txt" || { cat "$WORK/measure-$pages.txt" >&2; die "import failed at $pages pages"; }
	lot=$(sed -n 's/^lot \([0-9][0-9]*\) enregistré.*/\1/p' "$WORK/out-$pages.txt")
	db_answers "${lot:-0}" >"$WORK/db-$pages.txt"
	res=$(compare_truth "$WORK/truth-$pages.txt" "$WORK/db-$pages.txt" "$WORK/out-$pages.txt" 2>>"$WORK/silent.txt")
	say "$pages $res $wall $kb" >>"$ROWS"
	say "bench-scan: $pages pages: $res ($wall s, $kb KiB)"
done

tmp_out=$OUTFILE.tmp.$$
{
	say "# Scanned questionnaires"
	say ""
	say "Generated piles of the $SURVEY questionnaire: marked like people do, degraded like an office copier"
	say "(200 dpi, JPEG 50, rotation up to 3°, scale ±3 %, shift, noise, blur on one page in 3, black and"
	say "white on one in 5, one page upside down), imported by collect-paper into an empty database."
	say "\"Right\": the stored answer is the one marked (or none, or the double tick is listed as"
	say "unreadable). \"Doubtful\": left out and listed for a person to check. \"Silent errors\": stored"
	say "wrong, or missed without being listed. Wall time and peak memory of collect-paper (\`build/tools/measure\`)."
	say ""
	say "| Pages | Questions | Right (target >= 99.5 %) | Doubtful | Silent errors (target 0) | Wall time | Pages/s (target >= 5) | Peak memory |"
	say "|---:|---:|---:|---:|---:|---:|---:|---:|"
	while read -r pages total right doubt silent wall kb; do
		awk -v p="$pages" -v t="$total" -v r="$right" -v d="$doubt" -v s="$silent" -v w="$wall" -v kb="$kb" 'BEGIN {
			share = t ? 100 * r / t : 0; pps = w > 0 ? p / w : 0
			printf "| %d | %d | %.2f %% %s | %d | %d %s | %.1f s | %.1f %s | %.1f MB |\n", p, t, share,
			    (share >= 99.5 ? "ok" : "**under**"), d, s, (s == 0 ? "ok" : "**over**"), w, pps,
			    (pps >= 5 ? "ok" : "**under**"), kb / 1024
		}'
	done <"$ROWS"
	say ""
	say "Reproduce: \`sh tests/bench/scan.sh\` (sizes: \`BENCH_SCAN_PAGES=\"10 100\"\`)."
} >"$tmp_out" || die "cannot write $tmp_out"
mv "$tmp_out" "$OUTFILE" || die "cannot write $OUTFILE"
cat "$OUTFILE"
[ -s "$WORK/silent.txt" ] && { say "bench-scan: silent errors:"; cat "$WORK/silent.txt"; }
exit 0
