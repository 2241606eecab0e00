# flash_demo.sh: the demo's flash surveys (every flash import of samples/imports.txt, as
# tools/demo.sh loads them), the 2025 dashboard checked against R (tests/r/flash.R): every
# change, p-value, Benjamini-Hochberg adjustment and interval of the CSV. Issue 12: between 2024
# and 2025 the share of online answers to overall satisfaction rose from 16 % to 63 %, and online
# users are less satisfied; within each channel nothing fell. So no "baisse" may be printed,
# the sentence on the channel mix must be, and the real rise of waiting-time satisfaction at the
# counters (57,9 % to 75,8 %) must stay visible.
. "$TOP/tests/integration/flash_check.inc"

fresh_db || finish
grep -v '^[[:space:]]*\(#\|$\)' "$TOP/samples/imports.txt" | grep -- '--survey flash-' |
while read -r prog args; do
	# shellcheck disable=SC2086
	(cd "$TOP" && "$BIN/$prog" --quiet $args) >"$TMP/import.log" 2>&1 ||
	    { echo "import failed: $prog $args"; cat "$TMP/import.log"; }
done
check_exit "demo: flash-2025" 0 "$BIN/survey-report" flash --survey flash-2025 -o "$TMP/d.pdf" \
    --csv "$TMP/d.csv"
check "demo: 2 pages" "2" "$(pdfinfo "$TMP/d.pdf" | awk '/^Pages:/ { print $2 }')"
pdf_text -f 1 -l 1 "$TMP/d.pdf" >"$TMP/d1.txt"
check "demo: no baisse in the CSV" "" "$(tr -d '\r' <"$TMP/d.csv" | awk -F';' '$11 == "baisse"')"
check_not_contains "demo: no ▼ on the dashboard" "$TMP/d1.txt" "▼ −"
check "demo: raw fall of overall satisfaction, 85,4 % to 78,4 %, judged stable" "78,4|85,4|stable" \
    "$(tr -d '\r' <"$TMP/d.csv" | awk -F';' '$1 == "indicateur" && $2 == "IND_SATISF" { print $6 "|" $12 "|" $11 }')"
check "demo: waiting time at the counters, 57,9 % to 75,8 %, a rise" "75,8|57,9|hausse" \
    "$(tr -d '\r' <"$TMP/d.csv" | awk -F';' '$2 == "IND_ATTENTE/guichet" { print $6 "|" $12 "|" $11 }')"
check_line "demo: the rise at the counters is printed" "$TMP/d1.txt" "2024 : 57,9 %" "▲ +17,9"
check_contains "demo: the sentence on the channel mix" "$(tr '\n' ' ' <"$TMP/d1.txt" | tr -s ' ')" \
    "la part des réponses du canal « En ligne » est passée de 16 % à 63 % : l’évolution globale en dépend"
r_figures "demo" "$TMP/r.txt"
if [ "$HAVE_R" = 1 ]; then
	r_compare "demo: every change and interval equals R's" "$TMP/d.csv" "$TMP/r.txt"
	check "demo: R, overall satisfaction within channels" "stable" \
	    "$(awk '$1 == "ind" && $2 == "IND_SATISF" { print $7 }' "$TMP/r.txt")"
fi

finish
