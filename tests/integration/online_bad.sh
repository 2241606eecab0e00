# online_bad.sh: the corpus of bad online exports in tests/data/online/: each is rejected whole
# (exit 1) with the expected French message at FILE:LINE:COLUMN, and the database is unchanged.
D=$TOP/tests/data/online

fresh_db || finish
# something already in the database, which must stay as it is
check_exit "a good import first" 0 "$BIN/collect-online" --survey flash-2025 -q \
    "$TOP/samples/online/google-forms-sheet-2025.csv"
db_snapshot "$TMP/before.snap"

# file | options | expected exit | expected text (FILE is replaced by the file's path)
while IFS='|' read -r file opts code needle; do
	[ -n "$file" ] || continue
	# shellcheck disable=SC2086
	check_exit "$file: rejected" "$code" "$BIN/collect-online" --survey flash-2025 $opts "$D/$file"
	check_contains "$file: message" "$ERR" "$(printf '%s' "$needle" | sed "s|FILE|$D/$file|")"
	db_snapshot "$TMP/after.snap"
	check "$file: database unchanged" "$(cat "$TMP/before.snap")" "$(cat "$TMP/after.snap")"
done <<LIST
unknown-answer.csv||1|FILE:3:7: réponse « Très contente » inconnue pour la question ACCESSIBILITE. Réponses acceptées : « Très satisfait » (1), « Plutôt satisfait » (2)
unknown-answer.csv||1|FILE:4:11: réponse « Peut-être » inconnue pour la question ORIENTATION. Réponses acceptées : « Oui » (1), « Non » (2).
unknown-answer.csv||1|FILE: fichier refusé : 2 problème(s) ; rien n'a été enregistré.
bad-date.csv||1|FILE:3:2: « 32/13/2025 10:00 » n'est pas une date reconnue.
missing-id.csv||1|FILE:2:1: cette ligne n'a pas d'identifiant de réponse (colonne « id » vide)
truncated-quote.csv||1|FILE:3:12: un guillemet ouvert ici n'est jamais refermé.
truncated-row.csv||1|FILE:3:8: cette ligne a 7 colonne(s) au lieu des 12 de l'en-tête : le fichier semble tronqué
bom-cp1252.csv||1|FILE:3: le texte n'est pas en UTF-8 valide alors que le début du fichier l'est.
bom-cp1252.csv|--format limesurvey|1|FILE:3: le texte n'est pas en UTF-8 valide alors que le début du fichier l'est.
no-question.csv||1|FILE:1: aucune colonne ne correspond à une question de l'enquête flash-2025
unknown-format.csv||1|FILE: format non reconnu : la première ligne ne ressemble à aucun export connu. Précisez-le avec --format (limesurvey, framaforms, google-forms, ms-forms, kobo).
framaforms-header.csv||1|FILE: l'en-tête Framaforms tient sur trois lignes
corrupt.zip||1|FILE: l'archive ZIP est illisible ou tronquée
corrupt.zip|--format google-forms|1|FILE: l'archive ZIP est illisible ou tronquée
no-sheet.xlsx||1|FILE: le classeur XLSX ne contient aucune feuille.
no-sheet.xlsx|--format ms-forms|1|FILE: le classeur XLSX ne contient aucune feuille.
map-columns.csv|--map $D/map-unknown-question.yaml|1|FILE: fichier de correspondance $D/map-unknown-question.yaml : la colonne « Q02 » est rattachée à la question « PROFIL_AGE », qui n'est pas une question de l'enquête flash-2025.
unknown-site.csv|--map $D/map-site.yaml|1|FILE:3:6: site « Mairie annexe » inconnu. Sites définis : HDV, CCAS, MEDIA, EDF, PM.
LIST

# the good rows of a rejected file are not imported either, also with --dry-run
check_exit "dry run of a bad file" 1 "$BIN/collect-online" --survey flash-2025 --dry-run "$D/unknown-answer.csv"
check_contains "dry run of a bad file: listed" "$ERR" "unknown-answer.csv:3:7:"
# a survey question with no column at all is not a problem (flash-2025 export into the large survey)
check_exit "questions without a column are fine" 0 "$BIN/collect-online" --survey grande-enquete-2023 \
    --dry-run "$TOP/samples/online/limesurvey-miroir-2023.csv"
# usage errors
check_exit "unknown --format" 2 "$BIN/collect-online" --survey flash-2025 --format typeform "$D/bad-date.csv"
check_contains "unknown --format: message" "$ERR" "format « typeform » inconnu"
check_exit "no --survey" 2 "$BIN/collect-online" "$D/bad-date.csv"
check_exit "--help" 0 "$BIN/collect-online" --help
check_contains "--help: the formats" "$OUT" "limesurvey, framaforms, google-forms"

finish
