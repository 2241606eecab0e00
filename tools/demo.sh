#!/bin/sh
# demo.sh: the main job on the embedded database: start the private PostgreSQL (created on first
# run), create or migrate the schema, load the reference definitions, import every sample listed
# in samples/imports.txt, then write the reports into out/. Safe to run again: a file already
# imported is recognised and skipped, the reports are rewritten.
set -eu
BUILD=${1:-build}
TOP=$(cd "$(dirname "$0")/.." && pwd)
BIN="$TOP/$BUILD/bin"
OUT="$TOP/out"
cd "$TOP"

run() {
	echo "+ $*" | sed "s|$BIN/||"
	"$@"
}

run "$BIN/survey-admin" db start
run "$BIN/survey-admin" init
run "$BIN/survey-admin" define samples/definitions.yaml

# Each line of samples/imports.txt: a collector and its arguments (paths relative to the top).
grep -v '^[[:space:]]*\(#\|$\)' samples/imports.txt | while read -r prog args; do
	# shellcheck disable=SC2086
	run "$BIN/$prog" --quiet $args
done

mkdir -p "$OUT"
while read -r kind survey extra; do
	case "$kind" in
	''|'#'*) continue ;;
	weight)
		# shellcheck disable=SC2086
		run "$BIN/survey-report" weight --survey "$survey" $extra ;;
	flash|brief)
		name=$OUT/$([ "$kind" = flash ] && echo tableau-de-bord || echo note-au-conseil)-$survey
		run "$BIN/survey-report" "$kind" --survey "$survey" -o "$name.pdf" \
			--csv "$name.csv" --bundle "$name.zip" ;;
	*)
		echo "samples/reports.txt: rapport inconnu : $kind" >&2
		exit 2 ;;
	esac
done < samples/reports.txt

run "$BIN/survey-admin" status
echo
echo "Rapports écrits dans $OUT :"
ls -1 "$OUT"
