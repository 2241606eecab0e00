# online_multi.sh: multi-select questions in every tool's shape: Google Forms ';' (ZIP CSV) and
# ', ' (Sheet) joined answers, labels that hold the separator, Microsoft Forms' trailing ';',
# Framaforms' X columns under the question's name, Kobo's space-separated names and its
# question/choice 1/0 columns, LimeSurvey's Q[code] Y columns; and what is rejected.
fresh_db || finish
check_exit "define a multi-select question" 0 "$BIN/survey-admin" define "$TOP/tests/data/online/services.yaml"

# services chosen in each file below, by option code: 1 x3, 2 x2, 3 x3, 4 x1 (5 responses)
WANT="SERVICES|1|3
SERVICES|2|2
SERVICES|3|3
SERVICES|4|1"
services() {
	sql "SELECT q.code || '|' || a.option_code || '|' || count(*) FROM answer a
	       JOIN response r ON r.org_id = a.org_id AND r.response_id = a.response_id
	       JOIN question q ON q.org_id = a.org_id AND q.question_id = a.question_id
	      WHERE r.batch_id = (SELECT max(batch_id) FROM batch) AND q.code = 'SERVICES'
	      GROUP BY q.code, a.option_code ORDER BY 1"
}
import_multi() {
	check_exit "$1: import" 0 "$BIN/collect-online" --survey multi-2025 "$TMP/$2"
	check_contains "$1: format" "$OUT" "format reconnu : $3."
	check "$1: multi-select answers" "$WANT" "$(services)"
}

printf '"Horodateur","Globalement, êtes-vous satisfait(e) de l’accueil ?","Quels services avez-vous utilisés ?"\n"2025/03/12 10:16:41 AM UTC+1","Très satisfait","État civil;Cantine, garderie"\n"2025/03/12 11:02:10 AM UTC+1","Plutôt satisfait","Urbanisme"\n"2025/03/13 2:45:00 PM UTC+1","Très satisfait","État civil;Urbanisme;Cantine, garderie"\n"2025/03/14 9:00:00 AM UTC+1","Sans avis","Bibliothèque;État civil"\n"2025/03/14 9:00:01 AM UTC+1","Sans avis","Cantine, garderie"\n' >"$TMP/google.csv"
import_multi google google.csv "Google Forms"

printf 'Horodateur,Globalement êtes-vous satisfait(e) de l'"'"'accueil?,Quels services avez-vous utilisés ?\n12/03/2025 10:16:41,Très satisfait,"État civil, Cantine, garderie"\n12/03/2025 11:02:10,Plutôt satisfait,Urbanisme\n13/03/2025 14:45:00,Très satisfait,"État civil, Urbanisme, Cantine, garderie"\n14/03/2025 09:00:00,Sans avis,"Bibliothèque, État civil"\n14/03/2025 09:00:01,,"Cantine, garderie"\n' >"$TMP/sheet.csv"
import_multi "google sheet (loose wording, separator inside a label)" sheet.csv "Google Forms"

printf 'ID,Start time,Completion time,Email,Name,Quels services avez-vous utilisés ?\n1,45728.42,45728.43,anonymous,,"État civil;Cantine, garderie;"\n2,45728.5,45728.51,anonymous,,Urbanisme;\n3,45729.6,45729.61,anonymous,,"État civil;Urbanisme;Cantine, garderie;"\n4,45730.37,45730.38,anonymous,,Bibliothèque;État civil;\n5,45730.4,45730.41,anonymous,,"Cantine, garderie;"\n' >"$TMP/msforms.csv"
import_multi "ms forms (trailing ;)" msforms.csv "Microsoft Forms"

T=$(printf '\t')
{
	printf '"Multi 2025"\n'
	printf '"Submission Details"%s""%s""%s""%s""%s"Quels services avez-vous utilisés ?"%s""%s""%s""\n' "$T" "$T" "$T" "$T" "$T" "$T" "$T" "$T"
	printf '"Serial"%s"SID"%s"Submitted Time"%s"Draft"%s"Globalement, êtes-vous satisfait(e) de l'"'"'accueil ?"%s"État civil"%s"Urbanisme"%s"Cantine, garderie"%s"Bibliothèque"\n' "$T" "$T" "$T" "$T" "$T" "$T" "$T" "$T"
	for r in '1|X||X|' '2||X||' '3|X|X|X|' '4|X|||X' '5|||X|' '6|X|X|X|X'; do
		IFS='|' read -r n a b c d <<EOR
$r
EOR
		draft=0
		[ "$n" = 6 ] && draft=1
		printf '"%s"%s"%s"%s"12/03/2025 - 10:1%s"%s"%s"%s"Très satisfait"%s"%s"%s"%s"%s"%s"%s"%s"\n' \
		    "$n" "$T" "$((100 + n))" "$T" "$n" "$T" "$draft" "$T" "$T" "$a" "$T" "$b" "$T" "$c" "$T" "$d"
	done
} >"$TMP/frama.csv"
import_multi "framaforms (X columns, a draft)" frama.csv Framaforms

printf '"satisf_globale";"services";"services/1";"services/2";"services/3";"services/4";"_id";"_uuid";"_submission_time";"_validation_status";"_index"\r\n"1";"1 3";"1";"0";"1";"0";"11";"u-1";"2025-03-12T09:16:41";"";"1"\r\n"2";"2";"0";"1";"0";"0";"12";"u-2";"2025-03-12T09:17:41";"";"2"\r\n"1";"1 2 3";"1";"1";"1";"0";"13";"u-3";"2025-03-12T09:18:41";"";"3"\r\n"9";"4 1";"1";"0";"0";"1";"14";"u-4";"2025-03-12T09:19:41";"";"4"\r\n"9";"3";"0";"0";"1";"0";"15";"u-5";"2025-03-12T09:20:41";"";"5"\r\n' >"$TMP/kobo.csv"
import_multi "kobo (names, question/choice columns)" kobo.csv KoboToolbox

printf '\357\273\277"id","submitdate","lastpage","startlanguage","seed","SATISF_GLOBALE","SERVICES[1]","SERVICES[2]","SERVICES[3]","SERVICES[4]","SERVICES[other]"\r\n"1","2025-03-12 10:00:00","2","fr","1","1","Y",,"Y",,\r\n"2","2025-03-12 10:01:00","2","fr","1","2",,"Y",,,"Piscine"\r\n"3","2025-03-12 10:02:00","2","fr","1","1","Y","Y","Y",,\r\n"4","2025-03-12 10:03:00","2","fr","1","9","Y",,,"Y",\r\n"5","2025-03-12 10:04:00","2","fr","1","9",,,"Y",,\r\n\r\n' >"$TMP/lime.csv"
import_multi "limesurvey (Q[code] columns)" lime.csv LimeSurvey
check "limesurvey: [other] text kept as a comment" "Piscine" \
    "$(sql "SELECT body FROM comment c JOIN question q ON q.org_id = c.org_id AND q.question_id = c.question_id WHERE q.code = 'SERVICES'")"

# rejected: a piece that names no option, a tick that is neither ticked nor empty
db_snapshot "$TMP/before.snap"
printf '"Horodateur","Quels services avez-vous utilisés ?"\n"2025/03/12 10:16:41 AM UTC+1","État civil;Piscine"\n' >"$TMP/bad-google.csv"
check_exit "multi: unknown piece rejected" 1 "$BIN/collect-online" --survey multi-2025 "$TMP/bad-google.csv"
check_contains "multi: unknown piece: message" "$ERR" "bad-google.csv:2:2: réponse « Piscine » inconnue pour la question SERVICES."
sed 's/^"1",\(.*\)"Y",,"Y",,/"1",\1"Y",,"peut-être",,/' "$TMP/lime.csv" >"$TMP/bad-lime.csv"
check_exit "multi: bad tick rejected" 1 "$BIN/collect-online" --survey multi-2025 "$TMP/bad-lime.csv"
check_contains "multi: bad tick: message" "$ERR" "bad-lime.csv:2:9: « peut-être » n'indique ni une case cochée ni une case vide pour la réponse « Cantine, garderie » de la question SERVICES."
db_snapshot "$TMP/after.snap"
check "multi: database unchanged" "$(cat "$TMP/before.snap")" "$(cat "$TMP/after.snap")"

finish
