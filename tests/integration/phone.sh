# phone.sh: collect-phone end to end on a real PostgreSQL. The Asterisk sample's counts are
# computed here independently of the program (awk over the CDR) and compared with what the
# database holds; the grown Master.csv adds only its new calls; every file of the bad corpus
# (tests/data/phone) is refused with its French message, FILE:LINE:COLUMN, exit 1, and leaves
# the database unchanged; no caller's number is anywhere in a pg_dump nor in any message;
# --dry-run writes nothing; Newfies-Dialer and agent-typed interviews import too.

P=$BIN/collect-phone
S=$TOP/samples/phone
BAD=$TOP/tests/data/phone
MAP=$S/asterisk-map.yaml

# Independent reading of a Master.csv for one year: answered calls with at least one key
# pressed, then "question|option|count" with the sample map applied (ENQ_Q1 is SATISF_GLOBALE,
# its key 5 is option 9; ENQ_Q2 is REPONSE). The userfield is the last quoted field.
cdr_expect() {
	awk -v year="$2" '
	{
		if ($0 !~ /,"ANSWERED","DOCUMENTATION",/) next
		if (!match($0, /"[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] /)) next
		if (substr($0, RSTART + 1, 4) != year) next
		uf = $0
		sub(/^.*,"/, "", uf)
		sub(/"$/, "", uf)
		n = split(uf, items, ";")
		got = 0
		for (i = 1; i <= n; i++) {
			split(items[i], kv, ":")
			if (kv[2] == "") continue
			got = 1
			q = kv[1] == "ENQ_Q1" ? "SATISF_GLOBALE" : "REPONSE"
			o = (q == "SATISF_GLOBALE" && kv[2] == "5") ? "9" : kv[2]
			count[q "|" o]++
		}
		if (got) calls++
	}
	END {
		print "calls|" calls
		for (k in count) print k "|" count[k]
	}' "$1" | LC_ALL=C sort
}

db_counts() {
	{
		sql "SELECT 'calls|' || count(*) FROM response r JOIN survey s USING (org_id, survey_id)
		     WHERE r.source_system = 'asterisk' AND s.code = '$1'"
		sql "SELECT q.code || '|' || a.option_code || '|' || count(*)
		       FROM answer a JOIN response r USING (org_id, response_id)
		       JOIN survey s USING (org_id, survey_id)
		       JOIN question q ON q.org_id = a.org_id AND q.question_id = a.question_id
		      WHERE r.source_system = 'asterisk' AND s.code = '$1'
		      GROUP BY q.code, a.option_code"
	} | LC_ALL=C sort
}

fresh_db

# --- dry run first: valid, nothing written --------------------------------------------------
db_snapshot "$TMP/empty"
check_exit "dry run of Master.csv" 0 "$P" --survey flash-2025 --map "$MAP" --dry-run \
    "$S/Master.csv"
check_contains "dry run says nothing was written" "$OUT" "vérification seule (--dry-run)"
db_snapshot "$TMP/after_dry"
check "dry run leaves the database unchanged" "$(cat "$TMP/empty")" "$(cat "$TMP/after_dry")"

# --- Master.csv: counts equal the file's -----------------------------------------------------
check_exit "import Master.csv (auto format)" 0 "$P" --survey flash-2025 --map "$MAP" \
    "$S/Master.csv"
check_contains "format detected" "$OUT" "format reconnu : Asterisk (Master.csv)."
expected=$(cdr_expect "$S/Master.csv" 2025)
check "responses and answers per key equal the CDR's" "$expected" "$(db_counts flash-2025)"
calls=$(printf '%s\n' "$expected" | sed -n 's/^calls|//p')
check_contains "summary counts the new calls" "$OUT" "$calls réponse(s) nouvelle(s), 0 déjà présente(s)"
not_answered=$(grep -c -v ',"ANSWERED","DOCUMENTATION",' "$S/Master.csv")
check_contains "summary lists calls not answered" "$OUT" \
    "$not_answered ligne(s) écartée(s) : appel non abouti"
check_contains "summary lists answered calls without answers" "$OUT" \
    "ligne(s) écartée(s) : appel décroché sans réponse à l'enquête."
check_contains "calls of 2024 are set aside, not rejected" "$OUT" \
    "2 ligne(s) écartée(s) : hors de la période de l'enquête."
check "channel is telephone" "telephone|$calls" \
    "$(sql "SELECT c.code || '|' || count(*) FROM response r JOIN channel c USING (org_id, channel_id)
            WHERE r.source_system = 'asterisk' GROUP BY c.code")"
check "sites from dcontext and queue" "CCAS
HDV" "$(sql "SELECT DISTINCT si.code FROM response r JOIN site si USING (org_id, site_id)
             WHERE r.source_system = 'asterisk' ORDER BY 1")"
check "a call hung up halfway keeps its answer" "1" \
    "$(sql "SELECT (count(*) FILTER (WHERE n = 1) > 0)::int FROM
              (SELECT count(*) AS n FROM answer a JOIN response r USING (org_id, response_id)
                WHERE r.source_system = 'asterisk' GROUP BY r.response_id) x")"
check "IND_SATISF_TEL has at least 30 answers in flash-2025" "1" \
    "$(sql "SELECT (count(*) >= 30)::int FROM answer a JOIN response r USING (org_id, response_id)
              JOIN survey s USING (org_id, survey_id)
              JOIN question q ON q.org_id = a.org_id AND q.question_id = a.question_id
              JOIN channel c ON c.org_id = r.org_id AND c.channel_id = r.channel_id
             WHERE s.code = 'flash-2025' AND q.code = 'SATISF_GLOBALE' AND c.code = 'telephone'")"
check "source ids are salted hashes, not uniqueids" "0" \
    "$(sql "SELECT count(*) FROM response WHERE source_id !~ '^[0-9a-f]{64}$'")"

# --- the same file again: one batch ----------------------------------------------------------
db_snapshot "$TMP/one"
check_exit "same file again" 0 "$P" --survey flash-2025 --map "$MAP" "$S/Master.csv"
lot=$(sql "SELECT batch_id FROM batch")
check_contains "same file again: already imported" "$OUT" "déjà importé (lot $lot,"
db_snapshot "$TMP/two"
check "same file again changes nothing" "$(cat "$TMP/one")" "$(cat "$TMP/two")"

# --- the grown Master.csv adds only its new calls --------------------------------------------
check_exit "import Master-grown.csv" 0 "$P" --survey flash-2025 --map "$MAP" --format ivr \
    "$S/Master-grown.csv"
grown=$(cdr_expect "$S/Master-grown.csv" 2025)
gcalls=$(printf '%s\n' "$grown" | sed -n 's/^calls|//p')
check_contains "grown file: old calls already present" "$OUT" \
    "$((gcalls - calls)) réponse(s) nouvelle(s), $calls déjà présente(s)"
check "after the grown file, the database equals the grown CDR" "$grown" \
    "$(db_counts flash-2025)"
check "two batches" "2" "$(sql "SELECT count(*) FROM batch")"

# --- flash-2024 ------------------------------------------------------------------------------
check_exit "import Master-2024.csv into flash-2024" 0 "$P" --survey flash-2024 --map "$MAP" \
    "$S/Master-2024.csv"
check "flash-2024 counts equal the CDR's" "$(cdr_expect "$S/Master-2024.csv" 2024)" \
    "$(db_counts flash-2024)"

# --- Newfies-Dialer and agent-typed interviews -----------------------------------------------
check_exit "import the Newfies-Dialer report" 0 "$P" --survey flash-2025 \
    --map "$S/newfies-map.yaml" "$S/newfies-survey.csv"
check_contains "Newfies detected" "$OUT" "format reconnu : Newfies-Dialer."
nf_expected=$(awk -F, 'NR > 1 && $4 == "ANSWER" && ($5 != "" || $6 != "") { n++ } END { print n }' \
    "$S/newfies-survey.csv")
check "Newfies: answered calls with answers" "$nf_expected" \
    "$(sql "SELECT count(*) FROM response WHERE source_system = 'newfies'")"
check "Newfies: question texts without their commas are recognised" "$nf_expected" \
    "$(sql "SELECT count(DISTINCT a.response_id) FROM answer a JOIN response r USING (org_id, response_id)
             JOIN question q ON q.org_id = a.org_id AND q.question_id = a.question_id
            WHERE r.source_system = 'newfies' AND q.code IN ('SATISF_GLOBALE', 'REPONSE')")"
check "Newfies: key 5 is Sans avis (map values)" \
    "$(awk -F, 'NR > 1 && $4 == "ANSWER" && ($5 == "5" || $5 == "Sans avis") { n++ } END { print n + 0 }' "$S/newfies-survey.csv")" \
    "$(sql "SELECT count(*) FROM answer a JOIN response r USING (org_id, response_id)
             JOIN question q ON q.org_id = a.org_id AND q.question_id = a.question_id
            WHERE r.source_system = 'newfies' AND q.code = 'SATISF_GLOBALE' AND a.option_code = '9'")"
check_exit "import the interviews (French Excel CSV)" 0 "$P" --survey flash-2025 \
    --map "$S/interview-map.yaml" --format interview "$S/interview.csv"
check_contains "interviews: Windows-1252 said" "$OUT" "encodage Windows-1252"
check "interviews: one response per row" "$(($(wc -l <"$S/interview.csv") - 1))" \
    "$(sql "SELECT count(*) FROM response WHERE source_system = 'interview'")"
check "interviews: remarks stored apart as comments" \
    "$(iconv -f CP1252 -t UTF-8 "$S/interview.csv" | awk -F';' 'NR > 1 && $7 != "\r" && $7 != "" { n++ } END { print n }')" \
    "$(sql "SELECT count(*) FROM comment c JOIN response r USING (org_id, response_id)
            WHERE r.source_system = 'interview'")"

# --- privacy: no caller's number anywhere ----------------------------------------------------
pg_dump --inserts >"$TMP/dump.sql" 2>"$TMP/dump.err"
check_contains "the dump holds the responses" "$TMP/dump.sql" "asterisk"
leaks=0
for f in "$S/Master.csv" "$S/Master-grown.csv" "$S/Master-2024.csv"; do
	for n in $(awk -F'","' '{ print $2 }' "$f"); do
		grep -q -- "$n" "$TMP/dump.sql" && leaks=$((leaks + 1))
	done
done
for n in $(awk -F, 'NR > 1 { print $2 }' "$S/newfies-survey.csv"); do
	grep -q -- "$n" "$TMP/dump.sql" && leaks=$((leaks + 1))
done
check "no caller's number in pg_dump" 0 "$leaks"
check_not_contains "no caller's name in pg_dump" "$TMP/dump.sql" '" <0'
uid=$(sed -n '5s/.*"DOCUMENTATION","\([^"]*\)".*/\1/p' "$S/Master.csv")
check_contains "a uniqueid was found to look for" "$uid" "."
check_not_contains "no Asterisk uniqueid in pg_dump" "$TMP/dump.sql" "$uid"

# --- the bad corpus: refused whole, every problem said, nothing written ----------------------
db_snapshot "$TMP/before_bad"
bad() {
	name=$1
	needle=$2
	shift 2
	check_exit "$name: refused" 1 "$P" --survey flash-2025 --map "$MAP" "$@" "$BAD/$name"
	check_contains "$name: message" "$ERR" "$needle"
	check_contains "$name: says nothing was written" "$ERR" "rien n'a été enregistré"
	for n in $(awk -F'","' '{ print $2 }' "$BAD/$name"); do
		check_not_contains "$name: never echoes a caller's number" "$ERR$OUT" "$n"
	done
}
bad digit-out-of-range.csv \
    "digit-out-of-range.csv:4:18: touche « 7 » de la clé ENQ_Q1 inconnue pour la question SATISF_GLOBALE. Touches acceptées : 1, 2, 3, 4, 5."
bad unknown-key.csv \
    "unknown-key.csv:3:18: clé « ENQ_Q9 » inconnue : aucune question de l'enquête ne lui correspond."
bad malformed-userfield.csv \
    "malformed-userfield.csv:3:18: le champ userfield n'a pas la forme CLÉ:TOUCHE;CLÉ:TOUCHE (élément n° 1 « ENQ_Q1=4 »)."
bad unknown-context.csv \
    "unknown-context.csv:3:4: le contexte « enquete-media » ne correspond à aucun site."
bad duplicate-key.csv \
    "duplicate-key.csv:2:18: la clé ENQ_Q1 apparaît deux fois dans le champ userfield"
bad bad-disposition.csv \
    "bad-disposition.csv:2:15: statut d'appel « DECROCHE » inconnu"
bad bad-date.csv \
    "bad-date.csv:2:10: « 2025-02-30 10:00:00 » n'est pas une date reconnue."
bad short-line.csv \
    "short-line.csv:2: cette ligne a 10 champs ; une ligne du Master.csv d'Asterisk en a de 16 à 18"
bad number-in-userfield.csv \
    "number-in-userfield.csv:2:18: le champ userfield n'a pas la forme CLÉ:TOUCHE;CLÉ:TOUCHE (élément n° 1 « … »)."
check_not_contains "number-in-userfield.csv: the number is masked" "$ERR" "0612345678"
# --site gives the site of every call: the unknown context is then accepted (dry run)
check_exit "unknown-context.csv with --site" 0 "$P" --survey flash-2025 --map "$MAP" \
    --site HDV --dry-run "$BAD/unknown-context.csv"
# without a map, keys must be question codes: ENQ_Q1 is refused
check_exit "a CDR without a map" 1 "$P" --survey flash-2025 --site HDV --format ivr \
    "$BAD/digit-out-of-range.csv"
check_contains "without a map: the key is named" "$ERR" "clé « ENQ_Q1 » inconnue"
# Newfies-Dialer and interviews: every problem listed at once, numbers never echoed
check_exit "newfies-bad.csv: refused" 1 "$P" --survey flash-2025 --map "$S/newfies-map.yaml" \
    "$BAD/newfies-bad.csv"
check_contains "newfies-bad.csv: unknown disposition" "$ERR" \
    "newfies-bad.csv:3:4: statut d'appel « PICKED » inconnu"
check_contains "newfies-bad.csv: unknown answer" "$ERR" \
    "newfies-bad.csv:4:5: réponse « Enchanté » inconnue pour la question SATISF_GLOBALE."
check_contains "newfies-bad.csv: a number as date is masked" "$ERR" \
    "newfies-bad.csv:5:1: « … » n'est pas une date reconnue."
check_contains "newfies-bad.csv: three problems" "$ERR" "fichier refusé : 3 problème(s)"
for n in $(awk -F, 'NR > 1 { print $2 }' "$BAD/newfies-bad.csv"); do
	check_not_contains "newfies-bad.csv: never echoes $n" "$ERR$OUT" "$n"
done
check_exit "interview-bad.csv: refused" 1 "$P" --survey flash-2025 \
    --map "$S/interview-map.yaml" "$BAD/interview-bad.csv"
check_contains "interview-bad.csv: a number as date is masked" "$ERR" \
    "interview-bad.csv:3:1: « … » n'est pas une date reconnue."
check_contains "interview-bad.csv: unknown site" "$ERR" \
    "interview-bad.csv:4:4: site « Mairie annexe » inconnu."
check_contains "interview-bad.csv: unknown answer" "$ERR" \
    "interview-bad.csv:5:5: réponse « Très content » inconnue pour la question SATISF_GLOBALE."
check_not_contains "interview-bad.csv: never echoes the number" "$ERR$OUT" "06 12 34 56 78"
db_snapshot "$TMP/after_bad"
check "refused files leave the database unchanged" "$(cat "$TMP/before_bad")" \
    "$(cat "$TMP/after_bad")"

# --- command line ----------------------------------------------------------------------------
check_exit "--help" 0 "$P" --help
check_contains "--help lists the formats" "$OUT" "ivr        Master.csv d'Asterisk"
check_exit "unknown format" 2 "$P" --survey flash-2025 --format sip "$S/Master.csv"

finish
