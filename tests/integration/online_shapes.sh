# online_shapes.sh: real export shapes of the field (tests/data/online/shapes/), each written
# from the tool's documented format, imported without editing the file, counts checked in the
# database: Webform's empty group-title cell after a checkbox group, LimeSurvey without date
# stamps (1980-01-01 = completed, undated), LimeSurvey "question code & question text" headings
# (English and French), Google Forms timestamps with a named zone, an XLSX in the 1904 date
# system. Then what is never done
# silently: a file from which nothing can be imported is refused with the reasons, --dry-run
# prints the summary and takes no batch number, "déjà importé" says how to import again, a
# file given to the wrong collector names the program and format that read it.
D=$TOP/tests/data/online/shapes

fresh_db || finish
check_exit "define the survey" 0 "$BIN/survey-admin" define "$TOP/tests/data/online/services.yaml"

# QUESTION|OPTION|N of the last batch
counts() {
	sql "SELECT q.code || '|' || a.option_code || '|' || count(*) FROM answer a
	       JOIN response r ON r.org_id = a.org_id AND r.response_id = a.response_id
	       JOIN question q ON q.org_id = a.org_id AND q.question_id = a.question_id
	      WHERE r.batch_id = (SELECT max(batch_id) FROM batch)
	      GROUP BY q.code, a.option_code ORDER BY 1"
}
responses() {
	sql "SELECT count(*) || ' ' || count(answered_on) FROM response
	      WHERE batch_id = (SELECT max(batch_id) FROM batch)"
}
SERVICES="SERVICES|1|3
SERVICES|2|2
SERVICES|3|3
SERVICES|4|1"

# (a) Framaforms: an empty group cell above the column after the checkbox group ends the group
check_exit "framaforms group end: import" 0 "$BIN/collect-online" --survey shapes-2025 "$D/framaforms-group-end.csv"
check_contains "framaforms group end: format" "$OUT" "format reconnu : Framaforms."
check_contains "framaforms group end: draft set aside" "$OUT" "1 ligne(s) écartée(s) : brouillon non envoyé"
check "framaforms group end: responses (all dated)" "5 5" "$(responses)"
check "framaforms group end: answers" "ORIENTATION|1|3
ORIENTATION|2|1
SATISF_GLOBALE|1|2
SATISF_GLOBALE|2|1
SATISF_GLOBALE|9|1
$SERVICES" "$(counts)"

# (b) LimeSurvey without date stamps: completed = 1980-01-01 00:00:00, imported undated
check_exit "limesurvey undated: import" 0 "$BIN/collect-online" --survey shapes-2025 "$D/limesurvey-undated.csv"
check_contains "limesurvey undated: undated said" "$OUT" "3 réponse(s) sans date (l'export n'en donne pas) : elles comptent pour l'enquête sans être rattachées à une date."
check_contains "limesurvey undated: the incomplete one set aside" "$OUT" "1 ligne(s) écartée(s) : réponse incomplète"
check_not_contains "limesurvey undated: nothing out of period" "$OUT" "hors de la période"
check "limesurvey undated: 3 responses, none dated" "3 0" "$(responses)"
check "limesurvey undated: answers" "ORIENTATION|1|2
ORIENTATION|2|1
SATISF_GLOBALE|1|1
SATISF_GLOBALE|2|1
SATISF_GLOBALE|9|1" "$(counts)"
check "limesurvey undated: comment kept" "Très bien" \
    "$(sql "SELECT body FROM comment c JOIN response r ON r.org_id = c.org_id AND r.response_id = c.response_id
             WHERE r.batch_id = (SELECT max(batch_id) FROM batch)")"

# (c) LimeSurvey "question code & question text" headings; French first, as a dry run
before=$(sql "SELECT max(batch_id) FROM batch")
check_exit "limesurvey code & text (fr): dry run" 0 "$BIN/collect-online" --survey shapes-2025 --dry-run "$D/limesurvey-code-text-fr.csv"
check "limesurvey code & text (fr): dry-run summary" "$D/limesurvey-code-text-fr.csv: format reconnu : LimeSurvey.
$D/limesurvey-code-text-fr.csv : format LimeSurvey, encodage UTF-8 avec BOM, séparateur point-virgule.
vérification seule (--dry-run), rien n'a été enregistré : 7 ligne(s) lue(s), 5 réponse(s) seraient nouvelles, 0 déjà présente(s), 14 réponse(s) aux questions, 1 commentaire(s), 0 comptage(s).
par site et canal (lignes lues) : aucun site / en_ligne 5 réponse(s).
1 ligne(s) écartée(s) : réponse incomplète (pas de date de soumission ; --include-incomplete pour la compter)." "$OUT"
check_exit "limesurvey code & text (fr): dry run with a site and a channel" 0 "$BIN/collect-online" --survey shapes-2025 --dry-run --site HDV --channel courriel "$D/limesurvey-code-text-fr.csv"
check_contains "dry run: by site and channel" "$OUT" "par site et canal (lignes lues) : HDV / courriel 5 réponse(s)."
check_exit "limesurvey code & text (en): import" 0 "$BIN/collect-online" --survey shapes-2025 "$D/limesurvey-code-text.csv"
check "the dry run took no batch number" "$((before + 1))" "$(sql "SELECT max(batch_id) FROM batch")"
check_contains "limesurvey code & text (en): format" "$OUT" "format reconnu : LimeSurvey."
check "limesurvey code & text (en): responses" "5 5" "$(responses)"
check "limesurvey code & text (en): answers" "SATISF_GLOBALE|1|2
SATISF_GLOBALE|2|1
SATISF_GLOBALE|9|2
$SERVICES" "$(counts)"
check "limesurvey code & text: [other] kept as a comment" "Piscine" \
    "$(sql "SELECT body FROM comment c JOIN question q ON q.org_id = c.org_id AND q.question_id = c.question_id WHERE q.code = 'SERVICES'")"
check_exit "limesurvey code & text (fr): import, the same responses" 0 "$BIN/collect-online" --survey shapes-2025 "$D/limesurvey-code-text-fr.csv"
check_contains "limesurvey code & text (fr): all already there" "$OUT" "0 réponse(s) nouvelle(s), 5 déjà présente(s)"
check_exit "limesurvey code & text: --format limesurvey" 0 "$BIN/collect-online" --survey shapes-2025 --format limesurvey --dry-run "$D/limesurvey-code-text.csv"

# (d) Google Forms timestamps with a named zone (the local time as written is kept)
check_exit "google forms zones: import" 0 "$BIN/collect-online" --survey shapes-2025 "$D/google-forms-zones.csv"
check "google forms zones: responses" "8 8" "$(responses)"
check "google forms zones: dates" "2025-03-13 2025-03-14 2025-03-15 2025-03-16 2025-03-17 2025-06-13 2025-07-14 2025-11-13" \
    "$(sql "SELECT string_agg(answered_on::text, ' ' ORDER BY answered_on) FROM response
             WHERE batch_id = (SELECT max(batch_id) FROM batch)")"
check "google forms zones: answers" "SATISF_GLOBALE|1|4
SATISF_GLOBALE|2|2
SATISF_GLOBALE|9|2
$SERVICES" "$(counts)"

# an XLSX saved in the 1904 date system (old Excel for Mac): serials count from 1904-01-01
check_exit "xlsx 1904: import" 0 "$BIN/collect-online" --survey shapes-2025 "$D/ms-forms-1904.xlsx"
check_contains "xlsx 1904: format" "$OUT" "format reconnu : Microsoft Forms."
check "xlsx 1904: dates" "2025-03-12 2025-04-15" \
    "$(sql "SELECT string_agg(answered_on::text, ' ' ORDER BY answered_on) FROM response
             WHERE batch_id = (SELECT max(batch_id) FROM batch)")"
check_contains "xlsx 1904: 2026-01-01 out of the period" "$OUT" "1 ligne(s) écartée(s) : hors de la période de l'enquête."

# déjà importé: exit 0, and how to import it again with other settings
lot=$(sql "SELECT batch_id FROM batch WHERE file_name LIKE '%/google-forms-zones.csv'")
check_exit "already imported" 0 "$BIN/collect-online" --survey shapes-2025 -q "$D/google-forms-zones.csv"
check "already imported: how to import again" "$D/google-forms-zones.csv: déjà importé (lot $lot, $(sql "SELECT to_char(now(), 'FMDD')")" \
    "$(printf '%s' "$OUT" | sed 's/ [a-zéû]* 20[0-9][0-9]) .*//')"
check_contains "already imported: undo then again" "$OUT" "rien à faire. Pour l'importer de nouveau avec d'autres réglages : survey-admin undo $lot, puis relancez la commande avec les nouveaux réglages."

# nothing can be imported: refused, with the reasons and what to do; database unchanged
db_snapshot "$TMP/before.snap"
check_exit "all incomplete: refused" 1 "$BIN/collect-online" --survey shapes-2025 "$D/limesurvey-all-incomplete.csv"
check "all incomplete: why and what to do" "$D/limesurvey-all-incomplete.csv: fichier refusé : aucune des 2 ligne(s) de données ne peut être importée ; rien n'a été enregistré. Pourquoi :
  2 ligne(s) écartée(s) : réponse incomplète (pas de date de soumission ; --include-incomplete pour la compter).
$D/limesurvey-all-incomplete.csv: Que faire : vérifiez que le fichier est bien celui de l'enquête shapes-2025 (du 1er janvier 2025 au 31 décembre 2025 ; sinon, choisissez une autre enquête avec --survey) ; pour compter les réponses incomplètes et les brouillons, ajoutez --include-incomplete ; une réponse refusée à la validation (KoboToolbox) ou une feuille écartée se corrige dans l'outil, puis exportez de nouveau." "$ERR"
check_exit "all out of period: refused" 1 "$BIN/collect-online" --survey flash-2024 "$D/google-forms-zones.csv"
check_contains "all out of period: why" "$ERR" "  8 ligne(s) écartée(s) : hors de la période de l'enquête."
check_exit "all out of period, dry run: refused too" 1 "$BIN/collect-online" --survey flash-2024 --dry-run "$D/google-forms-zones.csv"
db_snapshot "$TMP/after.snap"
check "refused: database unchanged" "$(cat "$TMP/before.snap")" "$(cat "$TMP/after.snap")"
# a file given to the wrong collector: refused, naming the program and the format that read it
S=$TOP/samples
check_exit "Master.csv to collect-online: refused" 1 "$BIN/collect-online" --survey flash-2025 "$S/phone/Master.csv"
check "Master.csv to collect-online: who reads it" "$S/phone/Master.csv: ce fichier est au format « Asterisk (Master.csv) », que lit collect-phone et non collect-online : importez-le avec collect-phone --format ivr (mêmes options --survey, --site, --channel)." "$ERR"
check_exit "tally sheet to collect-phone: refused" 1 "$BIN/collect-phone" --survey flash-2025 "$S/paper/tally-flash-2025.csv"
check "tally sheet to collect-phone: who reads it" "$S/paper/tally-flash-2025.csv: ce fichier est au format « feuille de comptage », que lit collect-paper et non collect-phone : importez-le avec collect-paper --format tally (mêmes options --survey, --site, --channel)." "$ERR"
check_exit "online export to collect-paper: refused" 1 "$BIN/collect-paper" --survey flash-2025 "$S/online/limesurvey-codes-2025.csv"
check "online export to collect-paper: who reads it" "$S/online/limesurvey-codes-2025.csv: ce fichier est au format « LimeSurvey », que lit collect-online et non collect-paper : importez-le avec collect-online --format limesurvey (mêmes options --survey, --site, --channel)." "$ERR"
check_exit "agents' sheet to collect-online: refused" 1 "$BIN/collect-online" --survey flash-2025 "$S/phone/interview.csv"
check_contains "agents' sheet to collect-online: who reads it" "$ERR" "que lit collect-phone et non collect-online : importez-le avec collect-phone --format interview"
db_snapshot "$TMP/after2.snap"
check "wrong collector: database unchanged" "$(cat "$TMP/after.snap")" "$(cat "$TMP/after2.snap")"
check_exit "all incomplete, --include-incomplete: imported" 0 "$BIN/collect-online" --survey shapes-2025 --include-incomplete "$D/limesurvey-all-incomplete.csv"
check "all incomplete, --include-incomplete: undated" "2 0" "$(responses)"

finish
