# paper.sh: collect-paper end to end on a real database: the tally-sheet samples (Windows-1252
# and UTF-8 with BOM) land as tallies whose sums equal the sheets' (computed apart with awk),
# a second import changes nothing, --dry-run writes nothing, undo restores the previous counts,
# --template writes the blank sheet that, filled and saved back as French Excel does, imports;
# the SDAPS sample lands as responses whose counts equal the file's; every bad file of
# tests/data/paper is rejected with its exact messages and leaves the database unchanged.

. "$TOP/tests/lib.sh"

PAPER=$BIN/collect-paper
SAMPLES=$TOP/samples/paper
BAD=$TOP/tests/data/paper

fresh_db || finish

# Sums per site, question and answer label of a tally sheet, from the file alone.
# $1: the sheet, $2: its encoding (for iconv).
sheet_sums() {
	iconv -f "$2" -t UTF-8 "$1" | sed -e '1s/^\xEF\xBB\xBF//' -e 's/\r$//' |
	awk -F';' 'NR > 1 && $7 != "" { s[$1 "|" $5 "|" $6] += $7 }
	           END { for (k in s) print k "|" s[k] }' | LC_ALL=C sort
}

# The same sums from the database, for the live batches of a survey ($1), or one batch ($2).
db_sums() {
	sql "SELECT si.code || '|' || q.code || '|' || o.label || '|' || sum(t.n)
	       FROM tally t
	       JOIN batch b ON b.org_id = t.org_id AND b.batch_id = t.batch_id
	       JOIN survey s ON s.org_id = t.org_id AND s.survey_id = t.survey_id
	       JOIN site si ON si.org_id = t.org_id AND si.site_id = t.site_id
	       JOIN question q ON q.org_id = t.org_id AND q.question_id = t.question_id
	       JOIN option o ON o.org_id = t.org_id AND o.question_id = t.question_id
	                    AND o.code = t.option_code
	      WHERE s.code = '$1' AND ('${2:-0}' = '0' OR t.batch_id = ${2:-0})
	      GROUP BY si.code, q.code, o.label" | LC_ALL=C sort
}

lot_of() {
	printf '%s\n' "$1" | sed -n 's/^lot \([0-9][0-9]*\) enregistré.*/\1/p'
}

# --- command line --------------------------------------------------------------------------------
check_exit "--help" 0 "$PAPER" --help
check_contains "--help is the French usage" "$OUT" "usage : collect-paper --survey CODE"
check_contains "--help documents unfilled rows" "$OUT" "ligne non remplie"
check_exit "unknown format" 2 "$PAPER" --survey flash-2025 --format papier "$SAMPLES/tally-flash-2025.csv"
check_contains "unknown format lists the formats" "$ERR" "Formats possibles : tally, omr."
check_exit "--template without -o" 2 "$PAPER" --template --survey flash-2025
check_contains "--template without -o says what to add" "$ERR" "-o FICHIER"

# --- --template ----------------------------------------------------------------------------------
check_exit "--template --site CCAS" 0 "$PAPER" --template --survey flash-2025 --site CCAS -o "$TMP/tpl.csv"
check_contains "--template says what it wrote" "$OUT" "feuille de comptage écrite : $TMP/tpl.csv (25 lignes)"
check "template header: BOM, ';', CRLF" \
    "$(printf '\357\273\277site;du;au;canal;question;libellé de la question;reponse;nombre\r')" "$(head -1 "$TMP/tpl.csv")"
check "template: every line ends with CRLF" 26 "$(grep -c "$(printf '\r')\$" "$TMP/tpl.csv")"
expected=$(sql "SELECT 'CCAS;01/01/2025;31/12/2025;guichet;' || q.code || ';' || q.wording || ';' || o.label || ';'
                  FROM survey s
                  JOIN survey_question sq ON sq.org_id = s.org_id AND sq.survey_id = s.survey_id
                  JOIN question q ON q.org_id = sq.org_id AND q.question_id = sq.question_id
                  JOIN option o ON o.org_id = q.org_id AND o.question_id = q.question_id
                 WHERE s.code = 'flash-2025' AND q.qtype <> 'text'
                 ORDER BY sq.position, o.position")
check "template rows: every answer of every countable question" "$expected" \
    "$(tail -n +2 "$TMP/tpl.csv" | tr -d '\r')"
check "no temporary file left" "tpl.csv" "$(ls "$TMP" | grep tpl)"
check_exit "--template, every site" 0 "$PAPER" --template --survey flash-2025 -o "$TMP/all.csv"
check "template for the 5 sites: 125 rows" 126 "$(wc -l < "$TMP/all.csv" | tr -d ' ')"
check_exit "--template onto an existing file: refused" 2 "$PAPER" --template --survey flash-2025 -o "$TMP/all.csv"
check "--template onto an existing file: message" "collect-paper: le fichier $TMP/all.csv existe déjà (c'est peut-être une feuille déjà remplie) : choisissez un autre nom, ou ajoutez --force pour le remplacer par une feuille vierge." "$ERR"
check_exit "--template --force --period 2025-03" 0 "$PAPER" --template --survey flash-2025 --site HDV --period 2025-03 --force -o "$TMP/all.csv"
check "--period 2025-03: the month's days on every row" "25 01/03/2025;31/03/2025" \
    "$(tail -n +2 "$TMP/all.csv" | cut -d';' -f2,3 | sort | uniq -c | sed 's/^ *//')"
check_exit "--period outside the survey" 2 "$PAPER" --template --survey flash-2025 --period 2024-12 -o "$TMP/dec.csv"
check "--period outside the survey: message" "collect-paper: --period 2024-12 : attendu un mois AAAA-MM de la période de l'enquête flash-2025 (du 01/01/2025 au 31/12/2025), par exemple --period 2025-03." "$ERR"

# Filled in (7 forms on every row but "Sans avis", left empty), saved back by French Excel:
# Windows-1252, no BOM, no quotes.
sed -e '1s/^\xEF\xBB\xBF//' -e '/Sans avis/!s/;\r$/;7\r/' "$TMP/tpl.csv" |
    iconv -f UTF-8 -t WINDOWS-1252 > "$TMP/filled.csv"
check_exit "filled template (Windows-1252) imports" 0 "$PAPER" --survey flash-2025 "$TMP/filled.csv"
check_contains "filled template: encoding said" "$OUT" "encodage Windows-1252, séparateur point-virgule"
check_contains "filled template: 21 tallies" "$OUT" "21 comptage(s)."
check_contains "filled template: unfilled rows counted" "$OUT" "4 ligne(s) écartée(s) : ligne non remplie (cellule « nombre » vide)."
check "filled template in the database" "21|147" \
    "$(sql "SELECT count(*), sum(n) FROM tally t JOIN site s USING (org_id, site_id) WHERE s.code = 'CCAS'")"

# --- the 2025 sample: Windows-1252 tally sheet ---------------------------------------------------
before_sums=$(db_sums flash-2025)
db_snapshot "$TMP/before2025"
check_exit "import tally-flash-2025.csv" 0 "$PAPER" --survey flash-2025 "$SAMPLES/tally-flash-2025.csv"
check_contains "format recognised" "$OUT" "format reconnu : feuille de comptage."
check_contains "summary: format, encoding, separator" "$OUT" \
    "format feuille de comptage, encodage Windows-1252, séparateur point-virgule."
rows=$(($(grep -c '' "$SAMPLES/tally-flash-2025.csv") - 1))
check_contains "summary: rows and tallies" "$OUT" "$rows ligne(s) lue(s)"
check_contains "summary: tallies" "$OUT" "$rows comptage(s)."
lot2025=$(lot_of "$OUT")
check_contains "summary: forms counted for SATISF_GLOBALE, as in the database" "$OUT" \
    "formulaires comptés, par question : SATISF_GLOBALE $(sql "SELECT sum(n) FROM tally t JOIN question q USING (org_id, question_id)
                                                              WHERE t.batch_id = $lot2025 AND q.code = 'SATISF_GLOBALE'"),"
check "the batch number is printed" 1 "$( [ -n "$lot2025" ] && echo 1)"
check "2025 sums equal the sheet's" "$(sheet_sums "$SAMPLES/tally-flash-2025.csv" WINDOWS-1252)" \
    "$(db_sums flash-2025 "$lot2025")"
check "every question counted at both sites over two periods" "HDV|2025-03-01|2025-03-31
HDV|2025-04-01|2025-04-30
CCAS|2025-03-01|2025-03-31
CCAS|2025-04-01|2025-04-30" \
    "$(sql "SELECT DISTINCT s.code, t.period_start, t.period_end FROM tally t JOIN site s USING (org_id, site_id)
            WHERE t.batch_id = $lot2025 ORDER BY s.code DESC, t.period_start")"
check "batch logged with its encoding and separator" "collect-paper|tally|Windows-1252|;|$rows|$rows" \
    "$(sql "SELECT collector, format, encoding, delimiter, rows_read, tallies FROM batch WHERE batch_id = $lot2025")"
db_snapshot "$TMP/after2025"

check_exit "same file again" 0 "$PAPER" --survey flash-2025 "$SAMPLES/tally-flash-2025.csv"
check_contains "same file again: déjà importé" "$OUT" "déjà importé (lot $lot2025, "
check_contains "same file again: nothing to do" "$OUT" ": rien à faire."
db_snapshot "$TMP/again2025"
check "same file again changes nothing" "$(cat "$TMP/after2025")" "$(cat "$TMP/again2025")"

# The same sheet re-saved by a spreadsheet (UTF-8, LF line ends, the count column moved first,
# rows in another order): other bytes, the same tallies, so the same batch.
iconv -f WINDOWS-1252 -t UTF-8 "$SAMPLES/tally-flash-2025.csv" | tr -d '\r' |
    awk -F';' -v OFS=';' '{ print $7, $1, $2, $3, $4, $5, $6 }' > "$TMP/resaved.body"
{ head -1 "$TMP/resaved.body"; tail -n +2 "$TMP/resaved.body" | sort -r; } > resaved.csv
check_exit "re-saved sheet: exit 0" 0 "$PAPER" --survey flash-2025 resaved.csv
check_contains "re-saved sheet: déjà importé" "$OUT" "déjà importé (lot $lot2025, "
db_snapshot "$TMP/resaved2025"
check "re-saved sheet changes nothing" "$(cat "$TMP/after2025")" "$(cat "$TMP/resaved2025")"
# A sheet sharing some rows with that batch (a new month, then two of its rows with other counts):
# refused, naming the first shared line and the batch, and how to replace it.
{
	printf 'site;du;au;canal;question;reponse;nombre\n'
	printf 'HDV;01/05/2025;31/05/2025;guichet;SATISF_GLOBALE;Très satisfait;4\n'
	sed -n '4,5p' "$TMP/resaved.body" | awk -F';' -v OFS=';' '{ print $2, $3, $4, $5, $6, $7, $1 + 1 }'
} > overlap.csv
check_exit "overlapping sheet: exit 1" 1 "$PAPER" --survey flash-2025 overlap.csv
check_contains "overlapping sheet: first shared line and batch" "$ERR" \
    "overlap.csv:3: ce comptage (même site, période, canal, question et réponse) est déjà enregistré dans le lot $lot2025, importé le "
check_contains "overlapping sheet: how to replace the batch" "$ERR" \
    "annulez-le (survey-admin undo $lot2025) puis importez ce fichier."
check_contains "overlapping sheet: nothing recorded" "$ERR" "overlap.csv: fichier refusé : 1 problème(s)"
check_exit "overlapping sheet, --dry-run: exit 1" 1 "$PAPER" --survey flash-2025 --dry-run overlap.csv
db_snapshot "$TMP/overlap2025"
check "overlapping sheet changes nothing" "$(cat "$TMP/after2025")" "$(cat "$TMP/overlap2025")"

check_exit "undo the 2025 sheet" 0 "$BIN/survey-admin" undo "$lot2025"
check "undo restores the previous counts" "$before_sums" "$(db_sums flash-2025)"
check "undo: no tally of the batch left" 0 "$(sql "SELECT count(*) FROM tally WHERE batch_id = $lot2025")"
check_exit "import again after undo" 0 "$PAPER" --survey flash-2025 --format tally --quiet \
    "$SAMPLES/tally-flash-2025.csv"
check "re-imported sums equal the sheet's" "$(sheet_sums "$SAMPLES/tally-flash-2025.csv" WINDOWS-1252)" \
    "$(db_sums flash-2025 "$(sql "SELECT max(batch_id) FROM batch")")"

# --- the 2024 sample: UTF-8 with BOM; --dry-run first ----------------------------------------------
db_snapshot "$TMP/before2024"
check_exit "--dry-run tally-flash-2024.csv" 0 "$PAPER" --survey flash-2024 --dry-run "$SAMPLES/tally-flash-2024.csv"
check_contains "--dry-run says nothing was written" "$OUT" "vérification seule (--dry-run)"
check_contains "--dry-run: tallies by site and channel" "$OUT" "par site et canal (lignes lues) : HDV / guichet "
check_contains "--dry-run: would-be tallies" "$OUT" "100 ligne(s) lue(s), 100 comptage(s) seraient enregistrés."
check_contains "--dry-run: forms per question" "$OUT" "formulaires comptés, par question : SATISF_GLOBALE "
check_not_contains "--dry-run: no responses or comments for a tally sheet" "$OUT" "commentaire(s)"
db_snapshot "$TMP/dry2024"
check "--dry-run writes nothing" "$(cat "$TMP/before2024")" "$(cat "$TMP/dry2024")"
check_exit "import tally-flash-2024.csv" 0 "$PAPER" --survey flash-2024 "$SAMPLES/tally-flash-2024.csv"
check_contains "2024: encoding said" "$OUT" "encodage UTF-8 avec BOM, séparateur point-virgule."
check "2024 sums equal the sheet's" "$(sheet_sums "$SAMPLES/tally-flash-2024.csv" UTF-8)" \
    "$(db_sums flash-2024)"
check_exit "2025 sheet refused for flash-2024" 1 "$PAPER" --survey flash-2024 "$SAMPLES/tally-flash-2025.csv"
check_contains "2025 sheet for flash-2024: out of period" "$ERR" \
    "tally-flash-2025.csv:2:2: la date 01/03/2025 est hors de la période de l'enquête flash-2024 (du 01/01/2024 au 31/12/2024)."

# Other shapes of the same sheet: "Unicode text" from Excel (UTF-16LE, tabs), and a comma-separated
# UTF-8 file whose header has capitals and accents.
iconv -f WINDOWS-1252 -t UTF-8 "$SAMPLES/tally-flash-2025.csv" | tr ';' '\t' |
    { printf '\377\376'; iconv -f UTF-8 -t UTF-16LE; } > u16.txt
check_exit "UTF-16LE with tabs" 0 "$PAPER" --survey flash-2025 --dry-run u16.txt
check_contains "UTF-16LE with tabs: said" "$OUT" "encodage UTF-16LE, séparateur tabulation."
iconv -f WINDOWS-1252 -t UTF-8 "$SAMPLES/tally-flash-2025.csv" | tr -d '\r' |
    sed -e 's/;/,/g' -e '1s/.*/Site,Du,Au,Canal,Question,Réponse,Nombre/' > comma.csv
check_exit "comma-separated, header with accents" 0 "$PAPER" --survey flash-2025 --dry-run comma.csv
check_contains "comma-separated: recognised" "$OUT" "format reconnu : feuille de comptage."

# --- SDAPS ---------------------------------------------------------------------------------------
cp "$SAMPLES/sdaps-map.yaml" "$SAMPLES/sdaps-data_1.csv" "$TMP/"
check_exit "omr without a map" 1 "$PAPER" --survey flash-2025 --format omr sdaps-data_1.csv
check_contains "omr without a map says what to add" "$ERR" "ajoutez --map FICHIER"
check_exit "import the SDAPS sample" 0 "$PAPER" --survey flash-2025 --map sdaps-map.yaml sdaps-data_1.csv
check_contains "SDAPS recognised" "$OUT" "format reconnu : lecture optique SDAPS."
check_contains "SDAPS: UTF-8, comma" "$OUT" "encodage UTF-8, séparateur virgule."
lotomr=$(lot_of "$OUT")
# What the file says, read apart: sheets kept, answers per question and box (box 5 = code 9),
# unreadable answers.
awk_omr='
	NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
	$1 !~ /^[0-9]+$/ { next }                    # a line inside a quoted comment
	$col["empty"] == "1" || $col["valid"] == "0" { next }
	{
		kept++
		n = split("1_1:SATISF_GLOBALE 1_2:ACCESSIBILITE 1_3:ATTENTE 1_4:COURTOISIE 2_1:REPONSE 2_2:ORIENTATION", m, " ")
		for (j = 1; j <= n; j++) {
			split(m[j], p, ":")
			v = $col[p[1]]
			if (v == "error-multi-select") bad++
			else if (v ~ /^[0-9]+$/) c[p[2] "|" (v == "5" ? "9" : v)]++
		}
	}'
file_answers=$(awk -F, "$awk_omr END { for (k in c) print k \"|\" c[k] }" sdaps-data_1.csv | LC_ALL=C sort)
file_kept=$(awk -F, "$awk_omr END { print kept }" sdaps-data_1.csv)
file_bad=$(awk -F, "$awk_omr END { print bad }" sdaps-data_1.csv)
check "SDAPS: one response per kept sheet" "$file_kept" \
    "$(sql "SELECT count(*) FROM response WHERE batch_id = $lotomr")"
check "SDAPS: answers equal the file's" "$file_answers" \
    "$(sql "SELECT q.code || '|' || a.option_code || '|' || count(*)
              FROM answer a JOIN response r USING (org_id, response_id)
              JOIN question q ON q.org_id = a.org_id AND q.question_id = a.question_id
             WHERE r.batch_id = $lotomr GROUP BY q.code, a.option_code" | LC_ALL=C sort)"
check_contains "SDAPS: unreadable answers reported" "$OUT" \
    "$file_bad réponse(s) illisible(s) non comptée(s) : plusieurs cases cochées"
check_contains "SDAPS: blank sheet set aside" "$OUT" "1 ligne(s) écartée(s) : feuille vierge (empty = 1)."
check_contains "SDAPS: valid = 0 set aside" "$OUT" "1 ligne(s) écartée(s) : feuille écartée par le logiciel de lecture (valid = 0)."
check "SDAPS: site and channel from the map" "MEDIA|guichet|omr|$file_kept" \
    "$(sql "SELECT s.code, c.code, r.source_system, count(*) FROM response r
              JOIN site s ON s.org_id = r.org_id AND s.site_id = r.site_id
              JOIN channel c ON c.org_id = r.org_id AND c.channel_id = r.channel_id
             WHERE r.batch_id = $lotomr GROUP BY 1, 2, 3")"
check "SDAPS: comments kept apart, line breaks included" "5|1" \
    "$(sql "SELECT count(*), count(*) FILTER (WHERE body LIKE 'Horaires à élargir :' || chr(10) || 'ouvrir%')
              FROM comment c JOIN response r USING (org_id, response_id) WHERE r.batch_id = $lotomr")"
check "SDAPS: the form id is the source id" "ENQ2025/2501" \
    "$(sql "SELECT min(source_id) FROM response WHERE batch_id = $lotomr")"
# The same forms scanned again (another export): counted once.
{ head -4 sdaps-data_1.csv; sed -n 5p sdaps-data_1.csv | sed 's/^[0-9]*,/9999,/'; } > rescan.csv
check_exit "rescan of three forms plus a new one" 0 "$PAPER" --survey flash-2025 --map sdaps-map.yaml rescan.csv
check_contains "rescan: one new form, three already there" "$OUT" "1 réponse(s) nouvelle(s), 3 déjà présente(s)"
# Sheets without a printed id ("None"): known by what was read on them, so the same scans
# re-saved by a spreadsheet (BOM, CRLF) are already there; identical sheets all count.
awk -F, -v OFS=, 'NR == 1 || $1 !~ /^[0-9]+$/ { print; next } { $1 = "None"; print }' \
    sdaps-data_1.csv > noid.csv
check_exit "SDAPS without ids" 0 "$PAPER" --survey flash-2025 --map sdaps-map.yaml --site EDF noid.csv
check_contains "SDAPS without ids: every kept sheet is new" "$OUT" "$file_kept réponse(s) nouvelle(s), 0 déjà présente(s)"
{ printf '\357\273\277'; sed 's/$/\r/' noid.csv; } > noid-resaved.csv
check_exit "SDAPS without ids, re-saved" 0 "$PAPER" --survey flash-2025 --map sdaps-map.yaml --site EDF \
    noid-resaved.csv
check_contains "SDAPS without ids, re-saved: nothing new" "$OUT" "0 réponse(s) nouvelle(s), $file_kept déjà présente(s)"
check "SDAPS without ids: each sheet once" "$file_kept" \
    "$(sql "SELECT count(*) FROM response r JOIN site s USING (org_id, site_id) WHERE s.code = 'EDF'")"

# --site and --channel win over the map's.
{ head -1 sdaps-data_1.csv; sed -n 6,8p sdaps-data_1.csv | sed 's/^[0-9]*,/8&/'; } > other-site.csv
check_exit "--site CCAS --channel courrier over the map" 0 "$PAPER" --survey flash-2025 --format omr \
    --map sdaps-map.yaml --site CCAS --channel courrier --quiet other-site.csv
check "--quiet prints nothing" "" "$OUT"
check "--site and --channel stored" "CCAS|courrier|3" \
    "$(sql "SELECT s.code, c.code, count(*) FROM response r
              JOIN site s ON s.org_id = r.org_id AND s.site_id = r.site_id
              JOIN channel c ON c.org_id = r.org_id AND c.channel_id = r.channel_id
             WHERE r.source_id LIKE 'ENQ2025/8%' GROUP BY 1, 2")"

# --- bad files: every one rejected with its exact messages, nothing written ----------------------
cp "$BAD"/*.csv "$TMP/"
db_snapshot "$TMP/before_bad"
for f in "$BAD"/*.csv; do
	name=$(basename "$f")
	case $name in
	omr-*) set -- --map sdaps-map.yaml ;;
	*) set -- ;;
	esac
	check_exit "bad $name: exit 1" 1 "$PAPER" --survey flash-2025 "$@" "$name"
	check "bad $name: messages" "$(cat "$BAD/${name%.csv}.expected")" "$ERR"
	db_snapshot "$TMP/after_bad"
	check "bad $name: database unchanged" "$(cat "$TMP/before_bad")" "$(cat "$TMP/after_bad")"
done
check_contains "several errors: all 8 listed" "$BAD/several-errors.expected" "fichier refusé : 8 problème(s)"

# A cell over 1 MiB (a forgotten quote), and an error after it, both reported.
{
	printf 'site;du;au;canal;question;reponse;nombre\r\nHDV;01/03/2025;31/03/2025;guichet;ATTENTE;'
	head -c 1100000 /dev/zero | tr '\0' a
	printf ';4\r\nHDV;01/03/2025;31/03/2025;guichet;ATTENTE;Plutôt satisfait;-4\r\n'
} > oversized.csv
check_exit "bad oversized.csv: exit 1" 1 "$PAPER" --survey flash-2025 oversized.csv
check "bad oversized.csv: messages" "oversized.csv:2:6: cette cellule dépasse la taille maximale (1048576 octets). Vérifiez qu'un guillemet n'a pas été oublié plus haut.
oversized.csv:3:7: « -4 » : un nombre de formulaires ne peut pas être négatif. Écrivez un nombre entier, 0 ou plus, par exemple 12.
oversized.csv: fichier refusé : 2 problème(s) ; rien n'a été enregistré. Corrigez le fichier puis importez-le de nouveau." "$ERR"
db_snapshot "$TMP/after_bad"
check "bad oversized.csv: database unchanged" "$(cat "$TMP/before_bad")" "$(cat "$TMP/after_bad")"

# --- SDAPS checkbox question: one 0/1 column per box, mapped to a multi question --------------
check_exit "define a multi question" 0 "$BIN/survey-admin" define "$TOP/tests/data/online/services.yaml"
printf 'questionnaire_id,global_id,empty,valid,1_1,1_1_1,1_1_2,1_2_review,1_2_1,1_2_2,1_2_3,1_2_4\r\n3001,SRV,0,1,1,1,0,,1,0,1,0\r\n3002,SRV,0,1,2,0,1,,0,1,0,0\r\n3003,SRV,0,1,1,1,0,,1,1,1,1\r\n3004,SRV,0,1,NA,0,0,,NA,NA,NA,NA\r\n' >"$TMP/sdaps-multi.csv"
printf 'site: MEDIA\ncolumns:\n  "1_1": SATISF_GLOBALE\n  "1_2": SERVICES\n' >"$TMP/sdaps-multi.yaml"
check_exit "SDAPS checkbox question imports" 0 "$PAPER" --survey shapes-2025 --map "$TMP/sdaps-multi.yaml" "$TMP/sdaps-multi.csv"
check "SDAPS checkbox question: every ticked box an answer" "SATISF_GLOBALE|1|2
SATISF_GLOBALE|2|1
SERVICES|1|2
SERVICES|2|2
SERVICES|3|2
SERVICES|4|1" "$(sql "SELECT q.code || '|' || a.option_code || '|' || count(*) FROM answer a
                         JOIN response r USING (org_id, response_id) JOIN question q USING (org_id, question_id)
                         JOIN survey s ON s.org_id = r.org_id AND s.survey_id = r.survey_id
                        WHERE s.code = 'shapes-2025' GROUP BY q.code, a.option_code ORDER BY 1")"
check "SDAPS checkbox question: 4 sheets" "4" "$(sql "SELECT count(*) FROM response r JOIN survey s USING (org_id, survey_id) WHERE s.code = 'shapes-2025'")"
sed 's/^3002,SRV,0,1,2,0,1,,0,1,0,0/3002,SRV,0,1,2,0,1,,0,oui,0,0/' "$TMP/sdaps-multi.csv" >"$TMP/sdaps-bad.csv"
check_exit "SDAPS checkbox question: a box neither 0 nor 1 is refused" 1 "$PAPER" --survey shapes-2025 --map "$TMP/sdaps-multi.yaml" "$TMP/sdaps-bad.csv"
check_contains "SDAPS checkbox question: message" "$ERR" "sdaps-bad.csv:3:10: « oui » dans la colonne « 1_2_2 » : attendu 0 ou 1."

# --- --template -o feuille.ods: the blank sheet for LibreOffice Calc -----------------------------
check_exit "--template -o .ods" 0 "$PAPER" --template --survey flash-2025 --site EDF --period 2025-12 -o "$TMP/feuille.ods"
check_contains "--template -o .ods: said" "$OUT" "feuille de comptage écrite : $TMP/feuille.ods (25 lignes)"
check "--template -o .ods: an OpenDocument spreadsheet, mimetype first" "application/vnd.oasis.opendocument.spreadsheet" \
    "$(python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); i = z.infolist()[0]; print(z.read(i).decode() if i.filename == "mimetype" and i.compress_type == 0 else "no")' "$TMP/feuille.ods")"
# filled in Calc: 7 forms on every row but "Sans avis", left empty
python3 - "$TMP/feuille.ods" "$TMP/remplie.ods" <<'PY'
import re, sys, zipfile
src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], 'w')
for i in src.infolist():
    data = src.read(i)
    if i.filename == 'content.xml':
        rows = data.decode().split('</table:table-row>')
        rows = [r if 'Sans avis' in r or 'nombre' in r or '<table:table-cell/>' not in r
                else r[:r.rindex('<table:table-cell/>')] +
                '<table:table-cell office:value-type="float" office:value="7"><text:p>7</text:p></table:table-cell>'
                for r in rows]
        data = '</table:table-row>'.join(rows).encode()
    dst.writestr(i, data)
dst.close()
PY
check_exit "filled ODS template imports" 0 "$PAPER" --survey flash-2025 "$TMP/remplie.ods"
check_contains "filled ODS template: read as ODS" "$OUT" "encodage ODS"
check_contains "filled ODS template: 21 tallies, 4 unfilled" "$OUT" "21 comptage(s)."
check "filled ODS template in the database" "21|147|2025-12-01|2025-12-31" \
    "$(sql "SELECT count(*), sum(n), min(period_start), max(period_end) FROM tally t JOIN site s USING (org_id, site_id) WHERE s.code = 'EDF'")"

finish
