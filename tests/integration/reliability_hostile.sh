# reliability_hostile.sh: hostile input (tests/data/hostile/ and generated monsters): SQL, format
# strings, control characters, invalid UTF-8, NUL bytes, a 10 MB field, a million columns, in
# headers, labels, site codes, answers and comments. Each is stored as data (comments byte for
# byte) or rejected with FILE:LINE messages, never executed, never a crash (the sanitizer build
# runs this too: make asan). After everything the schema is whole and every rejected file left
# the database exactly as it was.
H=$TOP/tests/data/hostile
fresh_db || finish
TABLES=$(sql "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
FUNCS=$(sql "SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace")

# no_crash NAME: the last program exited 0 or 1 (not 2 usage, 3 database, nor a signal) and
# printed no sanitizer report.
no_crash() {
	case $lib_rc in
	0|1) pass "$1: exit 0 or 1 (got $lib_rc)" ;;
	*) fail "$1: exit 0 or 1 (got $lib_rc)"; printf '%s\n' "$ERR" | head -10 | sed 's/^/     /' ;;
	esac
	check_not_contains "$1: no sanitizer report" "$ERR" "Sanitizer"
}

# rejected NAME FILE cmd...: exit 1, messages name the file, the database is unchanged.
rejected() {
	r_name=$1
	r_file=$2
	shift 2
	db_snapshot "$TMP/before"
	check_exit "$r_name: rejected" 1 "$@" "$r_file"
	check_contains "$r_name: FILE:LINE message" "$ERR" "$r_file:"
	no_crash "$r_name"
	db_snapshot "$TMP/after"
	check "$r_name: database unchanged" "" "$(diff "$TMP/before" "$TMP/after")"
}

ONLINE="$BIN/collect-online --survey flash-2025 --format limesurvey"

# SQL, format strings and COPY's own escapes in comments: stored as data, byte for byte.
check_exit "SQL in comments: imported" 0 $ONLINE "$H/limesurvey-sql-comments.csv"
check "SQL in comments: stored byte for byte" "$(cat "$H/limesurvey-sql-comments.expected")" \
    "$(sql "SELECT encode(convert_to(c.body, 'UTF8'), 'hex') FROM comment c JOIN response r
            USING (org_id, response_id) ORDER BY split_part(r.source_id, '#', 1)::int")"
check "SQL in comments: the tables are all there" "$TABLES" \
    "$(sql "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
check "SQL in comments: 12 responses, 72 answers" "12|72" \
    "$(sql "SELECT count(DISTINCT response_id), count(*) FROM answer")"

# Control characters: stored as data or rejected with a message, never a crash.
"$BIN/collect-online" --survey flash-2025 --format limesurvey "$H/limesurvey-control-chars.csv" \
    >"$OUT_FILE" 2>"$ERR_FILE"
lib_rc=$?
ERR=$(cat "$ERR_FILE")
no_crash "control characters"
if [ "$lib_rc" = 0 ]; then
	check "control characters: stored as given" "$(printf 'cloche \007 échap \033[31mrouge\033[0m' | od -An -tx1 | tr -d ' \n')" \
	    "$(sql "SELECT encode(convert_to(c.body, 'UTF8'), 'hex') FROM comment c JOIN response r
	            USING (org_id, response_id) WHERE split_part(r.source_id, '#', 1) = '101'")"
fi

# SQL and format strings in headers: unknown columns, named harmlessly.
"$BIN/collect-online" --survey flash-2025 --format limesurvey "$H/limesurvey-sql-header.csv" \
    >"$OUT_FILE" 2>"$ERR_FILE"
lib_rc=$?
ERR=$(cat "$OUT_FILE" "$ERR_FILE")
no_crash "SQL in headers"
check_contains "SQL in headers: shown as text" "$ERR" "x'); DROP TABLE answer; --"
check_contains "format string in headers: shown as text" "$ERR" "%n%s%s%s%n"

# Control characters in an ignored header, named in the summary (stdout): escaped there too.
sed "1s/\"x'); DROP TABLE answer; --\"/\"x$(printf '\033')[2J\\
faux.csv:1:1: ok\"/" "$H/limesurvey-sql-header.csv" >"$TMP/esc-header.csv"
check_exit "control characters in a header" 0 "$BIN/collect-online" --survey flash-2025 \
    --format limesurvey --dry-run "$TMP/esc-header.csv"
check_contains "control characters in a header: escaped in the summary" "$OUT" 'x\x1B[2J\nfaux.csv:1:1: ok'
check "control characters in a header: no ESC printed" 0 "$(printf '%s' "$OUT$ERR" | LC_ALL=C grep -c "$(printf '\033')")"

# Answers carrying SQL or format strings: unknown answers, rejected, shown literally.
rejected "SQL in answers" "$H/limesurvey-sql-answer.csv" $ONLINE
check_contains "SQL in answers: the value is quoted back" "$ERR" "« 1'); DROP TABLE response; -- »"
check_contains "format string in answers: printed literally" "$ERR" "« %n%n%n%n%s »"

# Invalid UTF-8 and NUL bytes.
"$BIN/collect-online" --survey flash-2025 --format limesurvey "$H/limesurvey-invalid-utf8.csv" \
    >"$OUT_FILE" 2>"$ERR_FILE"
lib_rc=$?
ERR=$(cat "$ERR_FILE")
no_crash "invalid UTF-8"
if [ "$lib_rc" = 1 ]; then
	check_contains "invalid UTF-8: rejected with its line" "$ERR" "$H/limesurvey-invalid-utf8.csv:"
else
	check "invalid UTF-8: read as Windows-1252, every response stored" 4 \
	    "$(sql "SELECT count(*) FROM response WHERE split_part(source_id, '#', 1) IN ('301', '302', '303', '304')")"
fi
rejected "NUL byte" "$H/limesurvey-nul-byte.csv" $ONLINE
# UTF-8 (accents on five lines) with one é saved as Windows-1252 on line 54: refused there,
# rather than read whole as Windows-1252 with every other accent garbled.
rejected "mostly UTF-8" "$H/limesurvey-mostly-utf8.csv" $ONLINE
check "mostly UTF-8: the first invalid sequence, said" \
    "$H/limesurvey-mostly-utf8.csv:54: le fichier est en UTF-8 mais l'octet 0xE9, au caractère 178 de cette ligne, n'est pas de l'UTF-8 valide (1 séquence(s) invalide(s) en tout) : le fichier a sans doute été modifié avec un autre encodage. Corrigez ce caractère ou enregistrez le fichier de nouveau en « CSV UTF-8 »." "$ERR"

# Site codes, channels, questions and counts carrying SQL on a paper tally sheet.
rejected "SQL in a tally sheet" "$H/tally-sql-site.csv" "$BIN/collect-paper" --survey flash-2025 \
    --format tally
check_contains "SQL site code: quoted back" "$ERR" "site « HDV') » inconnu"

# Control characters in cells (ESC sequences, a C1 CSI, a newline inside a quoted cell, U+202E):
# quoted back escaped, one FILE:LINE:COLUMN line each, nothing reaches the terminal raw.
cp "$H/tally-control-chars.csv" "$TMP/"
(cd "$TMP" && rejected "control characters in a tally sheet" tally-control-chars.csv \
    "$BIN/collect-paper" --survey flash-2025 --format tally)
"$BIN/collect-paper" --survey flash-2025 --format tally "$TMP/tally-control-chars.csv" \
    >"$OUT_FILE" 2>"$ERR_FILE"
check "control characters in a tally sheet: exact messages" \
    "$(sed "s|^|$TMP/|" "$H/tally-control-chars.expected")" "$(cat "$ERR_FILE")"
check "control characters in a tally sheet: no ESC, C1 or U+202E printed" 0 \
    "$(LC_ALL=C grep -c "$(printf '\033\\|\302\233\\|\342\200\256')" "$ERR_FILE")"

# The phone pad's userfield, the context and the caller name carrying SQL.
rejected "SQL in an Asterisk CDR" "$H/asterisk-sql-userfield.csv" "$BIN/collect-phone" \
    --survey flash-2025 --format ivr --map "$TOP/samples/phone/asterisk-map.yaml"
check_contains "SQL context: quoted back" "$ERR" "enquete-hdv'; DROP TABLE batch; --"

# A 10 MB field (a comment): over the 1 MiB cap, a clear message, memory bounded.
HDR='"id","submitdate","lastpage","startlanguage","seed","startdate","datestamp","SATISF_GLOBALE","ACCESSIBILITE","ATTENTE","COURTOISIE","REPONSE","ORIENTATION","COMMENTAIRE"'
{
	printf '%s\r\n' "$HDR"
	printf '"900","2025-03-01 10:00:00","3","fr","1","2025-03-01 09:00:00","2025-03-01 10:00:00","1","1","1","1","1","1","'
	head -c 10485760 /dev/zero | tr '\0' 'A'
	printf '"\r\n'
} >"$TMP/field-10mb.csv"
rejected "10 MB field" "$TMP/field-10mb.csv" "$(dirname "$BIN")/tools/measure" $ONLINE
check_contains "10 MB field: says which cell is too long" "$ERR" "$TMP/field-10mb.csv:2:14"
rss=$(printf '%s\n' "$ERR" | sed -n 's/.*maxrss=\([0-9]*\).*/\1/p' | tail -1)
# AddressSanitizer's shadow memory and quarantine inflate the peak: a looser bound there.
cap=65536
nm "$BIN/collect-online" 2>/dev/null | grep -q __asan_init && cap=262144
check "10 MB field: peak memory under 64 MB" yes "$([ "${rss:-999999}" -lt "$cap" ] && echo yes || echo "no (${rss} KiB)")"

# A million columns in the header: over the 4096-field cap, a clear message.
awk 'BEGIN { printf "\"id\""; for (i = 1; i < 1000000; i++) printf ",c%d", i; printf "\r\n\"1\"\r\n" }' \
    >"$TMP/million-columns.csv"
rejected "a million columns" "$TMP/million-columns.csv" "$(dirname "$BIN")/tools/measure" $ONLINE
check_contains "a million columns: says the row is too wide" "$ERR" "$TMP/million-columns.csv:1"
rss=$(printf '%s\n' "$ERR" | sed -n 's/.*maxrss=\([0-9]*\).*/\1/p' | tail -1)
check "a million columns: peak memory under 64 MB" yes "$([ "${rss:-999999}" -lt "$cap" ] && echo yes || echo "no (${rss} KiB)")"
# The same through the paper and phone collectors.
rejected "a million columns (collect-paper)" "$TMP/million-columns.csv" "$BIN/collect-paper" \
    --survey flash-2025 --format tally
rejected "10 MB field (collect-phone)" "$TMP/field-10mb.csv" "$BIN/collect-phone" \
    --survey flash-2025 --format ivr --map "$TOP/samples/phone/asterisk-map.yaml"

# ZIP archives holding a CSV, checked like XLSX: an entry inflating beyond its declared size
# (declares one row, inflates to 8 MB), and one inflating a thousand times (8 MB from 16 KB).
rejected "ZIP entry larger than declared" "$H/zip-csv-lying-size.zip" timeout 60 $ONLINE
check_contains "ZIP entry larger than declared: said" "$ERR" \
    "zip-csv-lying-size.zip: l'archive ZIP est abîmée ou piégée : le fichier export.csv s'y décompresse au-delà de la taille qu'elle annonce"
rejected "ZIP inflation ratio" "$H/zip-csv-ratio.zip" timeout 60 $ONLINE
check_contains "ZIP inflation ratio: said" "$ERR" \
    "zip-csv-ratio.zip: l'archive ZIP est refusée par sécurité : le fichier export.csv s'y décompresse"

# Map files that hung libfyaml (a directive with an invalid byte) or expanded aliases without end
# (billion laughs): refused at once, with their line and column, in French.
for m in map-directive-hang map-billion-laughs; do
	db_snapshot "$TMP/before"
	check_exit "$m: refused, no hang" 1 timeout 60 "$BIN/collect-paper" --survey flash-2025 \
	    --format omr --map "$H/$m.yaml" "$TOP/samples/paper/sdaps-data_1.csv"
	no_crash "$m"
	db_snapshot "$TMP/after"
	check "$m: database unchanged" "" "$(diff "$TMP/before" "$TMP/after")"
	case $m in
	*hang) check_contains "$m: says what to remove" "$ERR" \
	    "$m.yaml:1:1: les directives YAML (lignes commençant par « % ») ne sont pas acceptées" ;;
	*) check_contains "$m: capped" "$ERR" \
	    "$m.yaml:6:11: une fois les alias (*nom) développés, le document dépasse 200000 éléments" ;;
	esac
done

# A survey code that would leave the bundle's directory (stored before define checked codes):
# the bundle's members keep a safe name.
sql "UPDATE survey SET code = '../../../tmp/evasion' WHERE code = 'flash-2025'" >/dev/null
check_exit "bundle of a survey with a path as code" 0 "$BIN/survey-report" flash \
    --survey ../../../tmp/evasion -o "$TMP/ev.pdf" --csv "$TMP/ev.csv" --bundle "$TMP/ev.zip"
check "bundle members: no path" "_._.._.._tmp_evasion.csv _._.._.._tmp_evasion.pdf methode.txt" \
    "$(zipinfo -1 "$TMP/ev.zip" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')"
sql "UPDATE survey SET code = 'flash-2025' WHERE code = '../../../tmp/evasion'" >/dev/null

# A right-to-left override (U+202E) in the organisation's and a site's names: dropped from what
# is drawn (reports/pdf.c, make_layout), so that the names and the footer's page number read left
# to right.
sql "UPDATE org SET name = 'Ville ' || U&'\202E' || 'evitpaC'; UPDATE site SET name = U&'\202E' || 'eiriaM' WHERE code = 'HDV'" >/dev/null
check_exit "report with U+202E in names" 0 "$BIN/survey-report" flash --survey flash-2025 \
    -o "$TMP/rlo.pdf"
pdftotext -layout "$TMP/rlo.pdf" "$TMP/rlo.txt"
check "report with U+202E: no bidi control drawn" 0 \
    "$(LC_ALL=C grep -c "$(printf '\342\200\256')" "$TMP/rlo.txt")"
check_contains "report with U+202E: the organisation's name as written" "$TMP/rlo.txt" "Ville evitpaC"

check "the schema is whole: tables" "$TABLES" "$(sql "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
check "the schema is whole: functions" "$FUNCS" \
    "$(sql "SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace")"
finish
