# online.sh: collect-online on every sample export (LimeSurvey CSV codes / full text / XLSX /
# own codes with a map, Google Forms ZIP and Sheet CSV, Microsoft Forms XLSX, Framaforms tab and
# UTF-16LE, KoboToolbox CSV and XLSX): format recognised, answers in the database equal to those
# of the file, personal data never stored, same file twice = one batch, --dry-run writes nothing.
. "$TOP/tests/integration/online_counts.inc"
S=$TOP/samples/online

fresh_db || finish

# --dry-run first: valid, nothing written
db_snapshot "$TMP/empty.snap"
check_exit "dry run" 0 "$BIN/collect-online" --survey flash-2025 --dry-run "$S/limesurvey-codes-2025.csv"
check_contains "dry run: said so" "$OUT" "vérification seule (--dry-run)"
db_snapshot "$TMP/after-dry.snap"
check "dry run: database unchanged" "$(cat "$TMP/empty.snap")" "$(cat "$TMP/after-dry.snap")"

# every format, recognised by --format auto, with the summary and the rows set aside
while IFS='|' read -r name file label encoding sep skipped; do
	online_import "$name" "$S/$file"
	check_contains "$name: format recognised" "$OUT" "format reconnu : $label."
	check_contains "$name: summary" "$OUT" "format $label, encodage $encoding, séparateur $sep."
	if [ -n "$skipped" ]; then
		check_contains "$name: rows set aside" "$OUT" "$skipped"
	fi
done <<'LIST'
limesurvey-codes-2025|limesurvey-codes-2025.csv|LimeSurvey|UTF-8 avec BOM|virgule|6 ligne(s) écartée(s) : réponse incomplète
limesurvey-texte-2025|limesurvey-texte-2025.csv|LimeSurvey|UTF-8 avec BOM|point-virgule|1 ligne(s) écartée(s) : hors de la période
limesurvey-2025|limesurvey-2025.xlsx|LimeSurvey|XLSX|aucun|3 ligne(s) écartée(s) : réponse incomplète
google-forms-2025|google-forms-2025.zip|Google Forms|UTF-8|virgule|2 ligne(s) écartée(s) : hors de la période
google-forms-sheet-2025|google-forms-sheet-2025.csv|Google Forms|UTF-8|virgule|
ms-forms-2025|ms-forms-2025.xlsx|Microsoft Forms|XLSX|aucun|1 ligne(s) écartée(s) : hors de la période
framaforms-2025|framaforms-2025.csv|Framaforms|UTF-8|tabulation|3 ligne(s) écartée(s) : brouillon
framaforms-utf16-2025|framaforms-utf16-2025.csv|Framaforms|UTF-16LE|tabulation|3 ligne(s) écartée(s) : brouillon
kobo-2025|kobo-2025.csv|KoboToolbox|UTF-8|point-virgule|4 ligne(s) écartée(s) : réponse refusée à la validation
kobo-2025-xlsx|kobo-2025.xlsx|KoboToolbox|XLSX|aucun|
LIST

# LimeSurvey's own codes, through a map file: columns, values, site column, [other] text
E=$TOP/tests/data/online/expected/limesurvey-tableau-2025.txt
online_import limesurvey-tableau-2025 "$S/limesurvey-tableau-2025.csv" \
    --map "$S/limesurvey-tableau-2025.map.yaml" --format limesurvey
B=$(last_batch)
check "tableau: sites from the map's site column" "$(grep '^site|' "$E")" \
    "$(sql "SELECT 'site|' || s.code || '|' || count(*) FROM response r
              JOIN site s ON s.org_id = r.org_id AND s.site_id = r.site_id
             WHERE r.batch_id = $B GROUP BY s.code ORDER BY s.code COLLATE \"C\"")"
check "tableau: REP[other] kept as a comment of REPONSE" "$(grep '^other ' "$E")" \
    "$(sql "SELECT 'other ' || count(*) FROM comment c
              JOIN response r ON r.org_id = c.org_id AND r.response_id = c.response_id
              JOIN question q ON q.org_id = c.org_id AND q.question_id = c.question_id
             WHERE r.batch_id = $B AND q.code = 'REPONSE'")"

# every response is en_ligne (the collector's default channel), from an user
check "default channel en_ligne, respondent usager" "en_ligne|usager" \
    "$(sql "SELECT DISTINCT c.code || '|' || r.respondent FROM response r
              JOIN channel c ON c.org_id = r.org_id AND c.channel_id = r.channel_id")"
check "source systems" "framaforms
google-forms
kobo
limesurvey
ms-forms" "$(sql "SELECT DISTINCT source_system FROM response ORDER BY 1")"

# the same file twice: recognised, nothing added
n=$(sql "SELECT count(*) FROM batch")
check_exit "same file twice" 0 "$BIN/collect-online" --survey flash-2025 "$S/google-forms-2025.zip"
check_contains "same file twice: said so" "$OUT" "déjà importé (lot"
check "same file twice: no new batch" "$n" "$(sql "SELECT count(*) FROM batch")"

# personal data is never stored: no e-mail, name, IP address, token or referrer in a dump
pg_dump --data-only >"$TMP/dump.sql" 2>"$TMP/dump.err"
check "pg_dump ran" "0" "$?"
check_contains "the dump holds the imported comments" "$TMP/dump.sql" "Signalétique à revoir"
for needle in "@exemple-courriel.fr" "192.0.2." "ville-exemple.fr/enquete" "tk0" "anonymous" \
    "Camille " "Lucas " "Léa " "Hugo " "Chloé " "Nathan " "Manon " "Louis " "Inès " "Jules " \
    "agent.accueil" "Anonyme"; do
	check_not_contains "no personal data in the dump: $needle" "$TMP/dump.sql" "$needle"
done

finish
