# online_cumulative.sh: cumulative exports (March = February + new responses) add only the new
# responses and say how many were already there; incomplete LimeSurvey responses count only with
# --include-incomplete; a mirror survey's responses are the agents'.
. "$TOP/tests/integration/online_counts.inc"
S=$TOP/samples/online
D=$TOP/tests/data/online/expected

fresh_db || finish

online_import limesurvey-fevrier-2025 "$S/limesurvey-fevrier-2025.csv"
check_contains "february: 38 new" "$OUT" "38 réponse(s) nouvelle(s), 0 déjà présente(s)"
feb=$(last_batch)
# March holds February's 40 rows (one of them finished since: new too) and 25 new ones
check_exit "march: import" 0 "$BIN/collect-online" --survey flash-2025 "$S/limesurvey-mars-2025.csv"
check_contains "march: only the new responses, and how many were there" "$OUT" \
    "26 réponse(s) nouvelle(s), 38 déjà présente(s)"
check_contains "march: one still incomplete" "$OUT" "1 ligne(s) écartée(s) : réponse incomplète"
check "february + march = march's export" "$(cat "$D/limesurvey-mars-2025.txt")" \
    "$(online_counts "r.batch_id >= $feb")"
check "february's responses stay in february's batch" "38" \
    "$(sql "SELECT count(*) FROM response WHERE batch_id = $feb")"
check "batch log: already there" "38" \
    "$(sql "SELECT rows_already FROM batch WHERE batch_id = $(last_batch)")"
# March again, renamed: a different file name but the same bytes is the same file
cp "$S/limesurvey-mars-2025.csv" "$TMP/export-copie.csv"
check_exit "march again under another name" 0 "$BIN/collect-online" --survey flash-2025 "$TMP/export-copie.csv"
check_contains "march again: already imported" "$OUT" "déjà importé"

# two LimeSurvey forms both number their responses from 1: both count in one survey
for f in 1 2; do
	printf '\357\273\277"id","submitdate","lastpage","startlanguage","seed","SATISF_GLOBALE"\r\n"1","2025-05-0%s 10:00:00","2","fr","%s1","1"\r\n"2","2025-05-0%s 11:00:00","2","fr","%s2","2"\r\n' \
	    "$f" "$f" "$f" "$f" >"$TMP/form$f.csv"
	check_exit "form $f numbered from 1: import" 0 "$BIN/collect-online" --survey flash-2025 "$TMP/form$f.csv"
	check_contains "form $f numbered from 1: two new" "$OUT" "2 réponse(s) nouvelle(s), 0 déjà présente(s)"
done

# --include-incomplete counts the responses without a submission date
fresh_db || finish
online_import limesurvey-codes-2025-incomplete "$S/limesurvey-codes-2025.csv" --include-incomplete
check_not_contains "include-incomplete: nothing set aside as incomplete" "$OUT" "réponse incomplète"
check "include-incomplete: 6 more than without" \
    "$(($(sed -n 's/^responses //p' "$D/limesurvey-codes-2025.txt") + 6))" \
    "$(sql "SELECT count(*) FROM response")"
# the same export without the option afterwards: same file, already imported
check_exit "include-incomplete: the file is now known" 0 "$BIN/collect-online" --survey flash-2025 "$S/limesurvey-codes-2025.csv"
check_contains "include-incomplete: already imported" "$OUT" "déjà importé"

# flash-2024 (tab separated) into its own survey; the 2025 export is out of its period
online_import limesurvey-codes-2024 "$S/limesurvey-codes-2024.csv" --survey flash-2024
check "flash-2024 responses in flash-2024" "$(sed -n 's/^responses //p' "$D/limesurvey-codes-2024.txt")" \
    "$(sql "SELECT count(*) FROM response r JOIN survey s ON s.org_id = r.org_id AND s.survey_id = r.survey_id WHERE s.code = 'flash-2024'")"
check_exit "2025 export into flash-2024: every row out of period, refused" 1 \
    "$BIN/collect-online" --survey flash-2024 --dry-run "$S/google-forms-sheet-2025.csv"
check_contains "2025 export into flash-2024: why" "$ERR" \
    "  45 ligne(s) écartée(s) : hors de la période de l'enquête"

# a mirror survey: answered by agents
fresh_db || finish
printf '\357\273\277"id","submitdate","lastpage","startlanguage","seed","SATISF_GLOBALE","COURTOISIE"\r\n"7","2023-03-14 10:00:00","2","fr","1","1","2"\r\n"8","2023-04-02 11:30:00","2","fr","1","3","1"\r\n' >"$TMP/miroir.csv"
check_exit "mirror: import" 0 "$BIN/collect-online" --survey miroir-2023 "$TMP/miroir.csv"
check "mirror: respondents are agents" "agent|2" \
    "$(sql "SELECT respondent || '|' || count(*) FROM response GROUP BY respondent")"
check_exit "large survey: import" 0 "$BIN/collect-online" --survey grande-enquete-2023 "$TMP/miroir.csv"
check "large survey: respondents are users" "usager|2" \
    "$(sql "SELECT respondent || '|' || count(*) FROM response r JOIN survey s ON s.org_id = r.org_id AND s.survey_id = r.survey_id WHERE s.code = 'grande-enquete-2023' GROUP BY respondent")"
if [ -f "$S/limesurvey-miroir-2023.csv" ]; then
	check_exit "mirror sample: import" 0 "$BIN/collect-online" --survey miroir-2023 \
	    --map "$S/map-grande-enquete-2023.yaml" "$S/limesurvey-miroir-2023.csv"
	check "mirror sample: every respondent an agent" "agent" \
	    "$(sql "SELECT DISTINCT respondent FROM response r JOIN survey s ON s.org_id = r.org_id AND s.survey_id = r.survey_id WHERE s.code = 'miroir-2023'")"
fi

finish
