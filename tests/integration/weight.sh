# weight.sh: survey-report weight on the large-survey sample: weights equal R's survey::rake()
# (tests/r/rake.R) to 1e-9, Kish's design effect, margins met, re-run and trimming replace the
# weights, and refused margins (sum not 100 %, unknown category, a category without respondent,
# a survey without profile questions) exit 1 with a French message and change nothing.
. "$TOP/tests/integration/large_load.inc"

fresh_db || finish
sql_file "$TOP/tests/integration/flash_data.sql"
load_large
check "large survey loaded: 800 completed questionnaires" 800 \
    "$(sql "SELECT count(*) FROM response r JOIN survey s USING (org_id, survey_id)
             WHERE s.code = 'grande-enquete-2023'")"

MARGINS=$TOP/samples/margins-grande-enquete-2023.csv
check_exit "weight on the sample margins" 0 \
    "$BIN/survey-report" weight --survey grande-enquete-2023 --margins "$MARGINS"
check_contains "summary says raked" "$OUT" "enquête « grande-enquete-2023 » redressée : 800 répondants, 3 marge(s)"
check_contains "summary gives Kish's design effect" "$OUT" "effet de plan dû à la pondération (Kish) : 1,"
check_contains "summary names the declined sex answers" "$OUT" "PROFIL_SEXE : 14 répondant(s) sans réponse qui compte"

# Each respondent's profile (an option that counts, else empty) and weight, computed here
# without the program's own SQL functions.
export_weights() {
	psql -X --csv -v ON_ERROR_STOP=1 -c "
	  SELECT r.response_id,
	         (SELECT a.option_code FROM answer a JOIN question q USING (org_id, question_id)
	            JOIN option o ON o.org_id = a.org_id AND o.question_id = a.question_id AND o.code = a.option_code
	           WHERE a.org_id = r.org_id AND a.response_id = r.response_id AND q.code = 'PROFIL_AGE' AND o.counted) AS \"PROFIL_AGE\",
	         (SELECT a.option_code FROM answer a JOIN question q USING (org_id, question_id)
	            JOIN option o ON o.org_id = a.org_id AND o.question_id = a.question_id AND o.code = a.option_code
	           WHERE a.org_id = r.org_id AND a.response_id = r.response_id AND q.code = 'PROFIL_SEXE' AND o.counted) AS \"PROFIL_SEXE\",
	         (SELECT a.option_code FROM answer a JOIN question q USING (org_id, question_id)
	            JOIN option o ON o.org_id = a.org_id AND o.question_id = a.question_id AND o.code = a.option_code
	           WHERE a.org_id = r.org_id AND a.response_id = r.response_id AND q.code = 'PROFIL_QUARTIER' AND o.counted) AS \"PROFIL_QUARTIER\",
	         r.weight
	    FROM response r JOIN survey s USING (org_id, survey_id)
	   WHERE s.code = 'grande-enquete-2023' ORDER BY r.response_id" >"$1"
}

r_ready() {
	command -v Rscript >/dev/null 2>&1 &&
	    Rscript -e 'suppressPackageStartupMessages(library(survey))' >/dev/null 2>&1
}

# Compares the stored weights with R's rake(); $1 = check name.
check_against_r() {
	if ! r_ready; then
		r_missing "$1"
		return 0
	fi
	export_weights "$TMP/resp.csv"
	Rscript "$TOP/tests/r/rake.R" "$TMP/resp.csv" "$MARGINS" >"$TMP/r.out" 2>"$TMP/r.err"
	check "$1: R ran" 0 $?
	check "$1: weights equal R's rake() to 1e-9" yes \
	    "$(awk '$1 == "maxdiff" { print ($2 < 1e-9 ? "yes" : "no: " $2) }' "$TMP/r.out")"
	R_DEFF=$(awk '$1 == "deff" { print $2 }' "$TMP/r.out")
	check "$1: stored Kish deff equals R's weights' deff" yes \
	    "$(sql "SELECT CASE WHEN abs(w.deff - $R_DEFF) < 1e-9 THEN 'yes' ELSE 'no: ' || w.deff END
	              FROM weighting w JOIN survey s USING (org_id, survey_id)
	             WHERE s.code = 'grande-enquete-2023'")"
}
check_against_r "first run"

check "deff is n*sum(w^2)/sum(w)^2 and weights sum to n" "yes|yes" \
    "$(sql "SELECT abs(w.deff - x.d) < 1e-12, abs(x.s - 800) < 1e-9
              FROM weighting w JOIN survey s USING (org_id, survey_id),
                   (SELECT count(*) * sum(weight ^ 2) / sum(weight) ^ 2 AS d, sum(weight) AS s
                      FROM response r JOIN survey s USING (org_id, survey_id)
                     WHERE s.code = 'grande-enquete-2023') x
             WHERE s.code = 'grande-enquete-2023'" | sed 's/t/yes/g')"

# Weighted shares among those who answered equal the census shares.
check "weighted shares meet the margins (PROFIL_SEXE, PROFIL_AGE, PROFIL_QUARTIER)" \
    "PROFIL_AGE|1|14.000000
PROFIL_AGE|2|24.000000
PROFIL_AGE|3|32.000000
PROFIL_AGE|4|19.000000
PROFIL_AGE|5|11.000000
PROFIL_QUARTIER|1|18.000000
PROFIL_QUARTIER|2|24.000000
PROFIL_QUARTIER|3|21.000000
PROFIL_QUARTIER|4|20.000000
PROFIL_QUARTIER|5|17.000000
PROFIL_SEXE|1|52.500000
PROFIL_SEXE|2|47.500000" \
    "$(sql "SELECT q.code, a.option_code,
                   to_char(100 * sum(r.weight) / sum(sum(r.weight)) OVER (PARTITION BY q.code), 'FM990.000000')
              FROM response r JOIN survey s USING (org_id, survey_id)
              JOIN answer a ON a.org_id = r.org_id AND a.response_id = r.response_id
              JOIN question q ON q.org_id = a.org_id AND q.question_id = a.question_id
              JOIN option o ON o.org_id = a.org_id AND o.question_id = a.question_id AND o.code = a.option_code
             WHERE s.code = 'grande-enquete-2023' AND q.code LIKE 'PROFIL%' AND o.counted
             GROUP BY 1, 2 ORDER BY 1, 2")"
check "the 14 who declined their sex keep their share of the sample" "14.000000" \
    "$(sql "SELECT to_char(sum(r.weight), 'FM990.000000')
              FROM response r JOIN answer a ON a.org_id = r.org_id AND a.response_id = r.response_id
              JOIN question q ON q.org_id = a.org_id AND q.question_id = a.question_id
             WHERE q.code = 'PROFIL_SEXE' AND a.option_code = '3'")"

# Trimming, then a plain re-run: each run replaces the weights and the one weighting row.
check_exit "weight with --trim 0,5:2,5" 0 \
    "$BIN/survey-report" weight --survey grande-enquete-2023 --margins "$MARGINS" --trim 0,5:2,5
check_contains "trim reported" "$OUT" "poids bornés entre 0,50 et 2,50"
check "trimmed weights within bounds, margins still met" "yes|yes" \
    "$(sql "SELECT min(weight) >= 0.5 - 1e-6 AND max(weight) <= 2.5 + 1e-6,
                   abs(sum(weight) FILTER (WHERE a.option_code = '1') / sum(weight) - 0.525) < 1e-9
              FROM response r JOIN answer a ON a.org_id = r.org_id AND a.response_id = r.response_id
              JOIN question q ON q.org_id = a.org_id AND q.question_id = a.question_id
             WHERE q.code = 'PROFIL_SEXE' AND a.option_code IN ('1', '2')" | sed 's/t/yes/g')"
check_exit "weight again without bounds" 0 \
    "$BIN/survey-report" weight --survey grande-enquete-2023 --margins "$MARGINS"
check "one weighting row, no bounds recorded" "1|" \
    "$(sql "SELECT count(*), max(margins ->> 'trim') FROM weighting")"
check_against_r "re-run"

# Refused margins: exit 1, a French message, nothing changed.
db_snapshot "$TMP/before"
printf 'question;categorie;part\r\nPROFIL_AGE;1;14\r\nPROFIL_AGE;2;24\r\nPROFIL_AGE;3;29\r\nPROFIL_AGE;4;19\r\nPROFIL_AGE;5;11\r\nPROFIL_SEXE;1;52,5\r\nPROFIL_SEXE;2;47,5\r\n' >"$TMP/sum97.csv"
check_exit "margins summing to 97 % refused" 1 \
    "$BIN/survey-report" weight --survey grande-enquete-2023 --margins "$TMP/sum97.csv"
check_contains "sum message" "$ERR" "sum97.csv:2: les parts de PROFIL_AGE totalisent 97,0 % au lieu de 100 %"
check_contains "nothing modified said" "$ERR" "les poids n'ont pas été modifiés"

printf '\357\273\277question;catégorie;part (%%)\r\nPROFIL_SEXE;1;52,5 %%\r\nPROFIL_SEXE;2;47,5 %%\r\nPROFIL_AGE;6;10\r\nPROFIL_AGE;1;abc\r\nPROFIL_TAILLE;1;100\r\n' >"$TMP/bad.csv"
check_exit "unknown category, bad share and unknown question refused at once" 1 \
    "$BIN/survey-report" weight --survey grande-enquete-2023 --margins "$TMP/bad.csv"
check_contains "bad share message" "$ERR" "bad.csv:5:3: la part « abc » n'est pas un pourcentage"
check_contains "unknown category message" "$ERR" "bad.csv:4: la catégorie « 6 » n'existe pas pour PROFIL_AGE (codes possibles : 1, 2, 3, 4, 5)"
check_contains "unknown question message" "$ERR" "bad.csv:6: la question « PROFIL_TAILLE » n'est pas définie"

check_exit "a survey without profile questions (flash-2025) refused" 1 \
    "$BIN/survey-report" weight --survey flash-2025 --margins "$MARGINS"
check_contains "no profile message" "$ERR" "l'enquête « flash-2025 » ne pose aucune des questions de profil du fichier de marges (PROFIL_AGE, PROFIL_SEXE, PROFIL_QUARTIER)"
check_exit "bad --trim is a usage error" 2 \
    "$BIN/survey-report" weight --survey grande-enquete-2023 --margins "$MARGINS" --trim 2:3
db_snapshot "$TMP/after"
check "refused runs changed nothing" "" "$(diff "$TMP/before" "$TMP/after")"

# A category without respondent: move the Ouest district's answers to Est.
sql "UPDATE answer a SET option_code = '4' FROM question q
      WHERE q.org_id = a.org_id AND q.question_id = a.question_id
        AND q.code = 'PROFIL_QUARTIER' AND a.option_code = '5'"
db_snapshot "$TMP/before"
check_exit "a census category without respondent refused" 1 \
    "$BIN/survey-report" weight --survey grande-enquete-2023 --margins "$MARGINS"
check_contains "empty category message" "$ERR" "aucun répondant dans la catégorie PROFIL_QUARTIER = 5 alors que sa part est de 17,0 %"
db_snapshot "$TMP/after"
check "refused raking changed nothing" "" "$(diff "$TMP/before" "$TMP/after")"

finish
