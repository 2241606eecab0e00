# flash.sh: survey-report flash on flash-2024 and flash-2025 loaded by flash_data.sql (paper
# tallies, OMR forms, online and phone answers). The figures printed in the PDF (pdftotext) are
# compared with figures computed here, independently of the program: counts by SQL straight
# from the answer and tally tables, rates, Wilson intervals and statuses in awk, and every
# change (Cochran-Mantel-Haenszel test by channel, Mantel-Haenszel difference, the per-channel
# tests and their Benjamini-Hochberg adjustment) by R (tests/r/flash.R). Then a constructed
# case (flash_mix.sql) where the channel mix moves and no channel changes: no "baisse" may be
# printed; a real rise inside one channel must be. Also: two pages, metadata, embedded fonts, rendering, byte-identical re-runs, the CSV
# (BOM, ';', same figures, injection neutralised), the ZIP bundle, and the exit statuses.

fresh_db || finish
sql_file "$TOP/tests/integration/flash_data.sql"

. "$TOP/tests/integration/flash_check.inc"

# ---- Independent figures -------------------------------------------------------------------
# Per indicator: code, label, objective 2025, n and positives in 2025 and in 2024 (answers and
# tallies together, "sans avis" left out).
sql "
WITH c AS (
    SELECT r.survey_id, a.question_id, r.channel_id, a.option_code, count(*) AS n
      FROM response r JOIN answer a ON a.org_id = r.org_id AND a.response_id = r.response_id
     GROUP BY 1, 2, 3, 4
    UNION ALL
    SELECT survey_id, question_id, channel_id, option_code, sum(n) FROM tally GROUP BY 1, 2, 3, 4
), y AS (
    SELECT i.indicator_id, s.code AS survey,
           COALESCE(sum(c.n) FILTER (WHERE o.counted), 0) AS n,
           COALESCE(sum(c.n) FILTER (WHERE o.counted AND o.positive), 0) AS k
      FROM indicator i
      CROSS JOIN survey s
      LEFT JOIN c ON c.survey_id = s.survey_id AND c.question_id = i.question_id
                 AND (i.channel_id IS NULL OR c.channel_id = i.channel_id)
      LEFT JOIN option o ON o.question_id = c.question_id AND o.code = c.option_code
     WHERE s.code IN ('flash-2024', 'flash-2025')
     GROUP BY 1, 2
)
SELECT i.code, i.label, trunc(ob.target)::int, cur.n, cur.k, old.n, old.k
  FROM indicator i
  JOIN objective ob ON ob.indicator_id = i.indicator_id AND ob.year = 2025
  JOIN y cur ON cur.indicator_id = i.indicator_id AND cur.survey = 'flash-2025'
  JOIN y old ON old.indicator_id = i.indicator_id AND old.survey = 'flash-2024'
 ORDER BY i.position" >"$TMP/ind.txt"

# The changes, by R (without R, the changes are not checked).
r_figures "data" "$TMP/r.txt"

# Adds: rate, interval, status, change (as printed, from R's test and difference) and the CSV
# fields.
awk -F'|' -v rfile="$TMP/r.txt" '
function fr(x) { s = sprintf("%.1f", x); sub(/\./, ",", s); return s }
function wilson(k, n) {
    p = k / n; z2 = Z * Z; den = 1.0 + z2 / n
    centre = (p + z2 / (2.0 * n)) / den
    half = Z * sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / den
    LO = centre - half; HI = centre + half
    if (LO < 0) LO = 0
    if (HI > 1) HI = 1
}
function pts(d) { a = d < 0 ? -d : d; return fr(a) (a >= 1.95 ? " points" : " point") }
BEGIN { Z = 1.959963984540054; OFS = "|"
        while ((getline l < rfile) > 0) { split(l, f, " "); if (f[1] == "ind") { rd[f[2]] = f[3]; rm[f[2]] = f[7] } } }
{
    code = $1; obj = $3; n = $4; k = $5; n0 = $6; k0 = $7
    if (n < 30) { rate = "-"; ci = "-"; status = "effectif insuffisant"; csvst = status }
    else {
        wilson(k, n)
        rate = fr(k / n * 100.0) " %"
        ci = fr(LO * 100.0) " – " fr(HI * 100.0) " %"
        if (LO * 100.0 >= obj) { status = "✔ objectif atteint"; csvst = "atteint" }
        else if (HI * 100.0 < obj) { status = "✘ objectif non atteint"; csvst = "non atteint" }
        else { status = "≈ non concluant"; csvst = "non concluant" }
    }
    m = (code in rm) ? rm[code] : "-"
    if (m == "-") { change = "—"; csvch = "" }
    else if (m == "hausse") { change = "▲ +" pts(rd[code]); csvch = m }
    else if (m == "baisse") { change = "▼ −" pts(rd[code]); csvch = m }
    else { change = "stable"; csvch = m }
    csv = ""
    if (n >= 30) { wilson(k, n); csv = fr(k / n * 100.0) ";" fr(LO * 100.0) ";" fr(HI * 100.0) }
    else csv = ";;"
    print code, $2, obj, n, k, rate, ci, status, change, csvst, csvch, csv
}' "$TMP/ind.txt" >"$TMP/expected.txt"

field() { awk -F'|' -v c="$1" -v f="$2" '$1 == c { print $f }' "$TMP/expected.txt"; }

# The data realise the cases the dashboard must show (a guard on flash_data.sql itself).
check "data: IND_SATISF is met" "✔ objectif atteint" "$(field IND_SATISF 8)"
check "data: IND_ACCES is not met" "✘ objectif non atteint" "$(field IND_ACCES 8)"
check "data: IND_ATTENTE is inconclusive" "≈ non concluant" "$(field IND_ATTENTE 8)"
check "data: IND_SATISF_TEL has 20 answers" "20" "$(field IND_SATISF_TEL 4)"
check "data: IND_SATISF change is significant" "hausse" "$(field IND_SATISF 11)"
check "data: IND_ACCES change is not significant" "stable" "$(field IND_ACCES 11)"
check "data: IND_REPONSE change is a significant fall" "baisse" "$(field IND_REPONSE 11)"
check "data: sans avis and tallies count (IND_SATISF n = 612)" "612|568" \
    "$(field IND_SATISF 4)|$(field IND_SATISF 5)"

# ---- The report ----------------------------------------------------------------------------
OUTD=$TMP/out
mkdir -p "$OUTD"
check_exit "flash report" 0 "$BIN/survey-report" flash --survey flash-2025 -o "$OUTD/flash.pdf" \
    --csv "$OUTD/flash.csv" --bundle "$OUTD/flash.zip"
check "no temporary file left" "flash.csv flash.pdf flash.zip" "$(ls "$OUTD" | tr '\n' ' ' | sed 's/ $//')"

pdf_text -f 1 -l 1 "$OUTD/flash.pdf" >"$TMP/p1.txt"
pdf_text -f 2 -l 2 "$OUTD/flash.pdf" >"$TMP/p2.txt"
pdf_text "$OUTD/flash.pdf" >"$TMP/all.txt"

# Title block.
check_contains "title" "$TMP/p1.txt" "Tableau de bord qualité — Enquête flash 2025"
check_contains "organisation" "$TMP/p1.txt" "Ville d'Exemple"
check_contains "period and date of the data" "$TMP/p1.txt" \
    "Période : du 1er janvier 2025 au 31 décembre 2025 · données au 14 mars 2025"

# Indicator table: one line per indicator with objective, rate, interval, n, status, change.
while IFS='|' read -r code label obj n k rate ci status change csvst csvch csv; do
	if [ "$rate" = "-" ]; then
		check_line "table: $code" "$TMP/p1.txt" "$obj %" "effectif insuffisant (n = $n)" "$n" "—"
	else
		check_line "table: $code" "$TMP/p1.txt" "$obj %" "$rate" "$ci" " $n " "$status" "$change"
	fi
done <"$TMP/expected.txt"
check_not_contains "no rate under 30 answers" "$TMP/p1.txt" "100,0 % (n = 20)"
check_line "channel table: no rate under 30 answers" "$TMP/p1.txt" "— (n = 20)"

# Headline tiles.
check_contains "tile: overall rate" "$TMP/p1.txt" "$(field IND_SATISF 6)"
check_contains "tile: interval" "$TMP/p1.txt" "IC indicatif à 95 % : $(field IND_SATISF 7)"
check_contains "tile: answers" "$TMP/p1.txt" "$(field IND_SATISF 4) réponses"
check_contains "tile: change" "$TMP/p1.txt" "$(field IND_SATISF 9)"
check_contains "tile: previous survey" "$TMP/p1.txt" "Enquête flash 2024 : 80,0 %"

# Per channel: questionnaires (tile) and satisfaction bars (page 2), computed here.
sql "
WITH f AS (
    SELECT r.channel_id, count(*) AS n FROM response r JOIN survey s USING (org_id, survey_id)
     WHERE s.code = 'flash-2025' GROUP BY 1
    UNION ALL
    SELECT channel_id, sum(m) FROM (
        SELECT t.channel_id, t.site_id, t.batch_id, max(t.n) AS m
          FROM (SELECT channel_id, site_id, batch_id, question_id, sum(n) AS n FROM tally t
                  JOIN survey s USING (org_id, survey_id) WHERE s.code = 'flash-2025'
                 GROUP BY 1, 2, 3, 4) t GROUP BY 1, 2, 3) x GROUP BY 1
)
SELECT c.label, sum(f.n) FROM f JOIN channel c USING (channel_id) GROUP BY c.label ORDER BY 1" \
    >"$TMP/forms.txt"
while IFS='|' read -r label forms; do
	check_line "tile: questionnaires $label" "$TMP/p1.txt" "$label" " $forms"
done <"$TMP/forms.txt"

sql "
WITH c AS (
    SELECT r.channel_id, r.site_id, a.question_id, a.option_code, count(*) AS n
      FROM response r JOIN answer a USING (org_id, response_id)
      JOIN survey s ON s.survey_id = r.survey_id WHERE s.code = 'flash-2025' GROUP BY 1, 2, 3, 4
    UNION ALL
    SELECT t.channel_id, t.site_id, t.question_id, t.option_code, sum(t.n) FROM tally t
      JOIN survey s ON s.survey_id = t.survey_id WHERE s.code = 'flash-2025' GROUP BY 1, 2, 3, 4
)
SELECT 'canal', ch.label, sum(c.n) FILTER (WHERE o.counted), sum(c.n) FILTER (WHERE o.counted AND o.positive)
  FROM c JOIN question q ON q.question_id = c.question_id AND q.code = 'SATISF_GLOBALE'
  JOIN option o ON o.question_id = c.question_id AND o.code = c.option_code
  JOIN channel ch ON ch.channel_id = c.channel_id GROUP BY ch.label
UNION ALL
SELECT 'site', COALESCE(si.name, 'Sans site'), sum(c.n) FILTER (WHERE o.counted), sum(c.n) FILTER (WHERE o.counted AND o.positive)
  FROM c JOIN question q ON q.question_id = c.question_id AND q.code = 'SATISF_GLOBALE'
  JOIN option o ON o.question_id = c.question_id AND o.code = c.option_code
  LEFT JOIN site si ON si.site_id = c.site_id GROUP BY si.name" >"$TMP/scopes.txt"
while IFS='|' read -r scope label n k; do
	if [ "$n" -lt 30 ]; then
		check_line "bars: $scope $label" "$TMP/p2.txt" "$label" "effectif insuffisant (n = $n)"
	else
		rate=$(awk -v n="$n" -v k="$k" 'BEGIN { s = sprintf("%.1f", k / n * 100.0); sub(/\./, ",", s); print s }')
		check_line "bars: $scope $label" "$TMP/p2.txt" "$label" "$rate % · n = $n"
	fi
done <"$TMP/scopes.txt"
check_contains "bars: objective line" "$TMP/p2.txt" "objectif 87 %"

# Distribution: every scale question carries its n and its "sans avis".
check_line "distribution: SATISF_GLOBALE" "$TMP/p2.txt" "Taux de satisfaction globale" "n = 612 · sans avis : 20"
check_line "distribution: ACCESSIBILITE" "$TMP/p2.txt" "Accessibilité du service" "n = 400 · sans avis : 10"

# Sources.
check_line "sources: tallies" "$TMP/p2.txt" "Papier — comptages" "2" "277"
check_line "sources: OMR" "$TMP/p2.txt" "lecture optique (OMR)" "1" "165"
check_line "sources: online" "$TMP/p2.txt" "En ligne — LimeSurvey" "1" "170"
check_line "sources: phone" "$TMP/p2.txt" "Téléphone" "1" "20"
check_line "sources: total" "$TMP/p2.txt" "Total" "5" "632"
check_contains "sources: batches" "$(tr '\n' ' ' <"$TMP/p2.txt" | tr -s ' ')" "n° 7 du 14 mars 2025 (20)"
check_contains "method" "$TMP/p2.txt" "Wilson"
check_contains "method: intervals are indicative" "$(tr '\n' ' ' <"$TMP/p2.txt" | tr -s ' ')" "est indicatif"
check_contains "publication rule printed" "$(tr '\n' ' ' <"$TMP/p1.txt" | tr -s ' ')" \
    "* : moins de 100 réponses, à interpréter avec prudence"
check_not_contains "comments are never printed" "$TMP/all.txt" "COMMENTAIRE_SECRET"

# ---- The PDF as a file ---------------------------------------------------------------------
TZ=UTC pdfinfo "$OUTD/flash.pdf" >"$TMP/info.txt"
check_line "pdfinfo: 2 pages" "$TMP/info.txt" "Pages:" "2"
check_line "pdfinfo: A4" "$TMP/info.txt" "Page size:" "595.276 x 841.89 pts (A4)"
check_line "pdfinfo: title" "$TMP/info.txt" "Title:" "Tableau de bord qualité — Enquête flash 2025"
check_line "pdfinfo: author" "$TMP/info.txt" "Author:" "Ville d'Exemple"
check_line "pdfinfo: subject" "$TMP/info.txt" "Subject:" "Satisfaction des usagers"
check_line "pdfinfo: tagged" "$TMP/info.txt" "Tagged:" "yes"
check_line "pdfinfo: dated from the last batch" "$TMP/info.txt" "CreationDate:" "Mar 14 10:00:00 2025"
pdffonts "$OUTD/flash.pdf" >"$TMP/fonts.txt"
check_contains "pdffonts: DejaVu Sans" "$TMP/fonts.txt" "DejaVuSans"
check "pdffonts: every font embedded" "" \
    "$(awk 'NR > 2 && $(NF - 4) != "yes" { print }' "$TMP/fonts.txt")"
pdftoppm -png -r 40 "$OUTD/flash.pdf" "$TMP/page"
check "pdftoppm renders two pages" "$TMP/page-1.png $TMP/page-2.png" "$(echo "$TMP"/page-*.png)"
for pg in 1 2; do
	size=$(wc -c <"$TMP/page-$pg.png")
	if [ "$size" -gt 20000 ]; then pass "page $pg is not blank"; else fail "page $pg is not blank ($size bytes)"; fi
done
if command -v pdfinfo >/dev/null && pdfinfo -struct "$OUTD/flash.pdf" >/dev/null 2>&1; then
	pdfinfo -struct "$OUTD/flash.pdf" >"$TMP/struct.txt" 2>&1
	check_contains "structure: headings" "$TMP/struct.txt" "H1"
	check_contains "structure: tables" "$TMP/struct.txt" "Table"
fi
# The outline: six entries under the root (cairo writes the PDF objects uncompressed).
check "outline: root" "1" "$(grep -a -c '^<< /Type /Outlines' "$OUTD/flash.pdf")"
check_contains "outline: an entry" "$(grep -a '^<< /Title (' "$OUTD/flash.pdf")" "(Indicateurs et objectifs)"
check "outline: six entries" "6" "$(grep -a -c '^<< /Title ' "$OUTD/flash.pdf")"

# Same database, same bytes.
check_exit "second run" 0 "$BIN/survey-report" flash --survey flash-2025 -o "$TMP/again.pdf" \
    --csv "$TMP/again.csv" --bundle "$TMP/again.zip"
for ext in pdf csv zip; do
	if cmp -s "$OUTD/flash.$ext" "$TMP/again.$ext"; then pass "byte-identical $ext"; else fail "byte-identical $ext"; fi
done
SOURCE_DATE_EPOCH=86400 "$BIN/survey-report" flash --survey flash-2025 -o "$TMP/epoch.pdf"
check_line "SOURCE_DATE_EPOCH dates the PDF" "$(TZ=UTC pdfinfo "$TMP/epoch.pdf" >"$TMP/einfo.txt"; echo "$TMP/einfo.txt")" \
    "CreationDate:" "Jan  2 00:00:00 1970"

# ---- The CSV -------------------------------------------------------------------------------
check "csv: UTF-8 byte-order mark" "efbbbf" "$(head -c 3 "$OUTD/flash.csv" | od -An -tx1 | tr -d ' \n')"
check "csv: header" \
    "section;code;libelle;reponses;positives;taux;ic_bas;ic_haut;objectif;statut;evolution;taux_precedent;reponses_precedentes;ecart_brut;ecart_canal_constant;p_valeur;p_ajustee" \
    "$(head -1 "$OUTD/flash.csv" | sed 's/^\xef\xbb\xbf//' | tr -d '\r')"
check "csv: 17 fields on every line" "" \
    "$(tr -d '\r' <"$OUTD/flash.csv" | awk -F';' 'NF != 17 { print NR": "$0 }')"
[ "$HAVE_R" = 1 ] && r_compare "csv: every change and interval equals R's (tests/r/flash.R)" \
    "$OUTD/flash.csv" "$TMP/r.txt"
while IFS='|' read -r code label obj n k rate ci status change csvst csvch csv; do
	check "csv: $code" "indicateur;$code;$label;$n;$k;$csv;$obj;$csvst;$csvch" \
	    "$(tr -d '\r' <"$OUTD/flash.csv" | awk -F';' -v c="$code" -v OFS=';' '$1 == "indicateur" && $2 == c { NF = 11; print }')"
done <"$TMP/expected.txt"
# Every rate of the CSV is printed in the PDF next to its number of answers.
tr -d '\r' <"$OUTD/flash.csv" | awk -F';' '($1 == "canal" || $1 == "site") && $6 != "" { print $3 "|" $6 "|" $4 }' \
    >"$TMP/csvrates.txt"
while IFS='|' read -r label rate n; do
	check_line "csv matches pdf: $label" "$TMP/all.txt" "$rate % · n = $n"
done <"$TMP/csvrates.txt"

# ---- The bundle ----------------------------------------------------------------------------
check "bundle: entries" "flash-2025.pdf flash-2025.csv methode.txt" \
    "$(zipinfo -1 "$OUTD/flash.zip" | tr '\n' ' ' | sed 's/ $//')"
unzip -p "$OUTD/flash.zip" flash-2025.pdf >"$TMP/z.pdf"
if cmp -s "$TMP/z.pdf" "$OUTD/flash.pdf"; then pass "bundle: the same PDF"; else fail "bundle: the same PDF"; fi
check_contains "bundle: method note" "$(unzip -p "$OUTD/flash.zip" methode.txt)" "Wilson"

# ---- Without a previous survey, and neutralised CSV cells ----------------------------------
sql "UPDATE site SET name = '=HYPERLINK(\"x\") Médiathèque' WHERE code = 'MEDIA'" >/dev/null
check_exit "flash-2024 report" 0 "$BIN/survey-report" flash --survey flash-2024 -o "$TMP/f24.pdf" --csv "$TMP/f24.csv"
check_contains "no previous flash survey" "$(pdf_text "$TMP/f24.pdf")" "pas d'enquête flash précédente"
check "flash-2024: 2 pages" "2" "$(pdfinfo "$TMP/f24.pdf" | awk '/^Pages:/ { print $2 }')"
check_exit "report after renaming a site" 0 "$BIN/survey-report" flash --survey flash-2025 --csv "$TMP/inj.csv"
check_contains "csv: formula neutralised" "$TMP/inj.csv" "site;MEDIA;\"'=HYPERLINK(\"\"x\"\") Médiathèque\";12;10"

# ---- Usage and errors ----------------------------------------------------------------------
check_exit "--help" 0 "$BIN/survey-report" flash --help
check_contains "--help names the options" "$OUT" "--bundle"
check_exit "--version" 0 "$BIN/survey-report" --version
check_exit "missing --survey" 2 "$BIN/survey-report" flash -o "$TMP/x.pdf"
check_exit "missing output" 2 "$BIN/survey-report" flash --survey flash-2025
check_exit "unknown option" 2 "$BIN/survey-report" flash --survey flash-2025 -o "$TMP/x.pdf" --colour
check_exit "unknown survey" 2 "$BIN/survey-report" flash --survey flash-2099 -o "$TMP/x.pdf"
check_contains "unknown survey lists the surveys" "$ERR" "flash-2025"
check_exit "unknown command" 2 "$BIN/survey-report" dashboard
check_exit "unreachable database" 3 "$BIN/survey-report" flash --survey flash-2025 -o "$TMP/x.pdf" \
    --db "host=$TMP/nowhere dbname=none connect_timeout=2"
check_exit "unwritable output" 3 "$BIN/survey-report" flash --survey flash-2025 -o "$TMP/no/such/dir/x.pdf"
check_contains "unwritable output says so" "$ERR" "impossible d'écrire"
check "nothing written on errors" "" "$(ls "$TMP"/x.pdf* 2>/dev/null)"

# ---- The channel mix moves, no channel changes -------------------------------------------
# flash_mix.sql: counters 90 % and online 70 % in both waves, but online goes from 17 % to
# 80 % of the answers, so the overall rate falls by 12,7 points; courtesy rises online only.
fresh_db || finish
sql_file "$TOP/tests/integration/flash_mix.sql"
check_exit "mix: flash report" 0 "$BIN/survey-report" flash --survey flash-2025 -o "$TMP/mix.pdf" \
    --csv "$TMP/mix.csv"
pdf_text -f 1 -l 1 "$TMP/mix.pdf" >"$TMP/mix1.txt"
check "mix: 2 pages" "2" "$(pdfinfo "$TMP/mix.pdf" | awk '/^Pages:/ { print $2 }')"
check "mix: the overall rate fell (86,7 % to 74,0 %)" "74,0|86,7" \
    "$(tr -d '\r' <"$TMP/mix.csv" | awk -F';' '$1 == "indicateur" && $2 == "IND_SATISF" { print $6 "|" $12 }')"
check "mix: no baisse anywhere in the CSV" "" \
    "$(tr -d '\r' <"$TMP/mix.csv" | awk -F';' '$11 == "baisse"')"
check_not_contains "mix: no ▼ on the dashboard" "$TMP/mix1.txt" "▼ −"
check_line "mix: overall satisfaction stable at constant channel mix" "$TMP/mix1.txt" \
    "87 %" "74,0 %" "500" "stable"
check "mix: the rise of courtesy online is a hausse" "hausse" \
    "$(tr -d '\r' <"$TMP/mix.csv" | awk -F';' '$1 == "indicateur_canal" && $2 == "IND_COURTOISIE/en_ligne" { print $11 }')"
check_line "mix: the rise online is printed" "$TMP/mix1.txt" "2024 : 55,0 %" "▲ +25,0"
check_line "mix: the overall courtesy change, at constant mix, is a rise" "$TMP/mix1.txt" \
    "Amabilité et écoute" "82,0 %" "▲ +"
check_contains "mix: the sentence on the channel mix" "$(tr '\n' ' ' <"$TMP/mix1.txt" | tr -s ' ')" \
    "la part des réponses du canal « En ligne » est passée de 17 % à 80 % : l’évolution globale en dépend"
r_figures "mix" "$TMP/mixr.txt"
if [ "$HAVE_R" = 1 ]; then
	check "mix: R finds no significant change of satisfaction" "stable" \
	    "$(awk '$1 == "ind" && $2 == "IND_SATISF" { print $7 }' "$TMP/mixr.txt")"
	r_compare "mix: every change and interval equals R's" "$TMP/mix.csv" "$TMP/mixr.txt"
fi

finish
