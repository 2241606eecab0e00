# ods.sh: ODS spreadsheets (LibreOffice Calc) are read wherever XLSX is: the ODS twins of the
# tally sheet, the agents' interview sheet and the margins file (written by
# tools/csv-to-ods.py as Calc saves: date and number cells, repeated cells and rows, a second
# sheet, a long run of empty rows) give the same database as their CSV twins.
S=$TOP/samples

# what the database holds, without batch numbers, file names or generated ids
tallies() {
	sql "SELECT s.code || '|' || c.code || '|' || t.period_start || '|' || t.period_end || '|' ||
	            q.code || '|' || t.option_code || '|' || t.n
	       FROM tally t JOIN site s USING (org_id, site_id) JOIN channel c USING (org_id, channel_id)
	       JOIN question q USING (org_id, question_id) ORDER BY 1"
}
interviews() {
	sql "SELECT coalesce(s.code, '-') || '|' || r.answered_on || '|' ||
	            coalesce((SELECT string_agg(q.code || '=' || a.option_code, ',' ORDER BY q.code)
	                        FROM answer a JOIN question q USING (org_id, question_id)
	                       WHERE a.org_id = r.org_id AND a.response_id = r.response_id), '') || '|' ||
	            coalesce((SELECT string_agg(c.body, ',' ORDER BY c.body) FROM comment c
	                       WHERE c.org_id = r.org_id AND c.response_id = r.response_id), '')
	       FROM response r LEFT JOIN site s USING (org_id, site_id) ORDER BY 1"
}
weights() {
	sql "SELECT r.source_id || '|' || round(r.weight::numeric, 9) FROM response r
	       JOIN survey s USING (org_id, survey_id) WHERE s.code = 'grande-enquete-2023' ORDER BY 1"
}

for twin in csv ods; do
	fresh_db || finish
	check_exit "tally sheet ($twin)" 0 "$BIN/collect-paper" --survey flash-2025 "$S/paper/tally-flash-2025.$twin"
	[ "$twin" = ods ] && check_contains "tally sheet (ods): said" "$OUT" "format feuille de comptage, encodage ODS, séparateur aucun."
	tallies >"$TMP/tally.$twin"
	check_exit "interviews ($twin)" 0 "$BIN/collect-phone" --survey flash-2025 \
	    --map "$S/phone/interview-map.yaml" --format interview "$S/phone/interview.$twin"
	interviews >"$TMP/interview.$twin"
done
check "tally sheet: the ODS gives the same tallies as the CSV" "$(cat "$TMP/tally.csv")" "$(cat "$TMP/tally.ods")"
check "tally sheet: something was compared" "yes" "$([ -s "$TMP/tally.csv" ] && echo yes)"
check "interviews: the ODS gives the same responses as the CSV" "$(cat "$TMP/interview.csv")" "$(cat "$TMP/interview.ods")"
check "interviews: something was compared" "yes" "$([ -s "$TMP/interview.csv" ] && echo yes)"
# in the same database (same salt), the CSV holds the very same calls as the ODS
n=$(($(wc -l <"$S/phone/interview.csv") - 1))
check_exit "interviews: the CSV after the ODS" 0 "$BIN/collect-phone" --survey flash-2025 \
    --map "$S/phone/interview-map.yaml" --format interview "$S/phone/interview.csv"
check_contains "interviews: the CSV after the ODS: every call already there" "$OUT" "0 réponse(s) nouvelle(s), $n déjà présente(s)"

# a hostile ODS (a DOCTYPE with an entity in content.xml) is refused as a hostile XLSX is
python3 - "$TMP/dtd.ods" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    z.writestr('mimetype', 'application/vnd.oasis.opendocument.spreadsheet')
    z.writestr('content.xml', '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]>'
               '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>')
PY
# repetition bombs: a tiny file that would give two billion rows, or a huge row
python3 - "$TMP" <<'PY'
import sys, zipfile
NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
head = ''.join('<table:table-cell><text:p>%s</text:p></table:table-cell>' % c
               for c in 'site du au canal question reponse nombre'.split())
bombs = {
    'rows': '<table:table-row table:number-rows-repeated="2000000000">%s</table:table-row>' % head,
    'cols': '<table:table-row><table:table-cell table:number-columns-repeated="16384">'
            '<text:p>%s</text:p></table:table-cell></table:table-row>' % ('y' * 100000),
}
for name, rows in bombs.items():
    with zipfile.ZipFile('%s/bomb-%s.ods' % (sys.argv[1], name), 'w') as z:
        z.writestr('mimetype', 'application/vnd.oasis.opendocument.spreadsheet')
        z.writestr('content.xml', '<?xml version="1.0"?><office:document-content %s><office:body>'
                   '<office:spreadsheet><table:table><table:table-row>%s</table:table-row>%s'
                   '</table:table></office:spreadsheet></office:body></office:document-content>'
                   % (NS, head, rows), compress_type=zipfile.ZIP_DEFLATED)
PY
db_snapshot "$TMP/before.snap"
check_exit "ODS row bomb: refused" 1 "$BIN/collect-paper" --survey flash-2025 "$TMP/bomb-rows.ods"
check_contains "ODS row bomb: why" "$ERR" "« table:number-rows-repeated » est invalide"
check_exit "ODS cell bomb: refused" 1 "$BIN/collect-paper" --survey flash-2025 "$TMP/bomb-cols.ods"
check_contains "ODS cell bomb: why" "$ERR" "« table:number-columns-repeated » est invalide"
check_exit "hostile ODS: refused" 1 "$BIN/collect-paper" --survey flash-2025 "$TMP/dtd.ods"
check_contains "hostile ODS: why" "$ERR" "déclaration DOCTYPE (content.xml, ligne XML 1)"
db_snapshot "$TMP/after.snap"
check "hostile ODS: database unchanged" "$(cat "$TMP/before.snap")" "$(cat "$TMP/after.snap")"

. "$TOP/tests/integration/large_load.inc"
for twin in csv ods; do
	fresh_db || finish
	sql_file "$TOP/tests/integration/flash_data.sql"
	load_large
	check_exit "weight with the margins ($twin)" 0 \
	    "$BIN/survey-report" weight --survey grande-enquete-2023 --margins "$S/margins-grande-enquete-2023.$twin"
	weights >"$TMP/weights.$twin"
done
check "margins: the ODS gives the same weights as the CSV" "$(cat "$TMP/weights.csv")" "$(cat "$TMP/weights.ods")"

finish
