# admin.sh: survey-admin end to end: init and define are idempotent, status and batches show
# what is loaded, every bad definitions file of definitions_bad/ is rejected with its exact French
# message and changes nothing, undo, the embedded cluster keeps its data across a restart, and
# the command line (help, version, usage errors, exit statuses).

ADMIN=$BIN/survey-admin
BAD=$TOP/tests/integration/definitions_bad

# --- init: twice, the second changes nothing -------------------------------------------------
fresh_db --no-init
check_exit "init on an empty database" 0 "$ADMIN" init
check_contains "init applies migration 001" "$OUT" "migration appliquée : 001_base.sql."
# the highest migration number of schema/migrations
LATEST=$(ls "$TOP/schema/migrations" | sed -n 's/^0*\([0-9][0-9]*\)_.*\.sql$/\1/p' | sort -n | tail -1)
check_contains "init reports the version" "$OUT" "schéma à jour (version $LATEST)."
versions=$(sql "SELECT version, name, applied_at FROM schema_version ORDER BY version")
check_exit "init again" 0 "$ADMIN" init
check "second init applies no migration" "survey-admin: schéma à jour (version $LATEST)." "$OUT"
check "schema_version unchanged by the second init" "$versions" \
    "$(sql "SELECT version, name, applied_at FROM schema_version ORDER BY version")"

# --- define: twice, the second changes nothing -----------------------------------------------
check_exit "status before define" 3 "$ADMIN" status
check_contains "status before define says what to do" "$ERR" "survey-admin define FICHIER"
check_exit "define samples" 0 "$ADMIN" define "$TOP/samples/definitions.yaml"
check "define says what was loaded" \
    "survey-admin: définitions chargées pour « ville-exemple » : 6 canaux, 5 sites, 10 questions, 4 enquêtes, 7 indicateurs." \
    "$OUT"
db_snapshot "$TMP/define1"
check_exit "define samples again" 0 "$ADMIN" define "$TOP/samples/definitions.yaml"
db_snapshot "$TMP/define2"
check "second define changes nothing" "$(cat "$TMP/define1")" "$(cat "$TMP/define2")"
check "aliases resolved: flash-2025 asks the 7 flash questions" 7 \
    "$(sql "SELECT count(*) FROM survey_question sq JOIN survey s USING (org_id, survey_id)
            WHERE s.code = 'flash-2025'")"
check "dates and numbers typed: IND_SATISF objectives" "2024|85.00
2025|87.00" "$(sql "SELECT o.year, o.target FROM objective o JOIN indicator i USING (org_id, indicator_id)
                   WHERE i.code = 'IND_SATISF' ORDER BY o.year")"
check "mirror survey linked" "grande-enquete-2023" \
    "$(sql "SELECT m.code FROM survey s JOIN survey m ON m.org_id = s.org_id AND m.survey_id = s.mirror_of
            WHERE s.code = 'miroir-2023'")"

# --- status ----------------------------------------------------------------------------------
check_exit "status" 0 "$ADMIN" status
for s in flash-2024 flash-2025 grande-enquete-2023 miroir-2023; do
	check_contains "status lists $s" "$OUT" "$s"
done
check_contains "status has French headers" "$OUT" "Enquête"
check_contains "status says a survey has no data yet" "$OUT" "(aucune donnée)"
check_exit "status --survey flash-2024" 0 "$ADMIN" status --survey flash-2024
check_not_contains "status --survey shows that survey only" "$OUT" "flash-2025"
check_exit "status of an unknown survey" 2 "$ADMIN" status --survey flash-2030
check "unknown survey message" \
    "survey-admin: enquête inconnue : « flash-2030 ». Enquêtes définies : flash-2024, flash-2025, grande-enquete-2023, miroir-2023." \
    "$ERR"
check_exit "batches before any import" 0 "$ADMIN" batches
check "no batches yet" "aucun lot importé." "$OUT"

# --- bad definitions: rejected with their message, nothing changed ---------------------------
db_snapshot "$TMP/before_bad"
cd "$BAD" || exit 1
for f in *.yaml; do
	name=${f%.yaml}
	check_exit "bad definitions $name: rejected" 1 "$ADMIN" define "$f"
	check "bad definitions $name: message" "$(cat "$name.expected")" "$ERR"
	db_snapshot "$TMP/after_bad"
	check "bad definitions $name: nothing changed" "$(cat "$TMP/before_bad")" "$(cat "$TMP/after_bad")"
done
cd "$TMP" || exit 1
check "the corpus has at least 8 bad files" yes "$([ "$(ls "$BAD"/*.yaml | wc -l)" -ge 8 ] && echo yes)"
check_exit "define of a missing file" 1 "$ADMIN" define "$TMP/absent.yaml"
check_contains "missing file message" "$ERR" "impossible de lire le fichier"

# --- batches and undo ------------------------------------------------------------------------
check_exit "undo of an unknown batch" 1 "$ADMIN" undo 999
check "unknown batch message" \
    "survey-admin: le lot 999 n'existe pas. La liste des lots : survey-admin batches" "$ERR"
check_exit "undo of a non-number" 2 "$ADMIN" undo douze
sql_file "$TOP/tests/integration/flash_data.sql"
sql "UPDATE batch SET rows_read = 1234567 WHERE batch_id = 2" >/dev/null
check_exit "batches" 0 "$ADMIN" batches --survey flash-2024
check_contains "batches lists batch 2" "$OUT" "collect-online/limesurvey"
check_contains "batches groups thousands" "$OUT" "1 234 567"
check_not_contains "batches --survey shows that survey only" "$OUT" "flash-2025"
check_exit "status with data" 0 "$ADMIN" status --survey flash-2025
check "status: the total of flash-2025 is the sum of its rows" \
    "$(sql "SELECT sum(forms) FROM survey_status((SELECT org_id FROM org), 'flash-2025')")" \
    "$(printf '%s\n' "$OUT" | grep '^flash-2025 .* Total ' | awk '{ print $NF }')"
check_contains "status: paper tallies of HDV counted as forms" "$OUT" "collect-paper/tally"
forms=$(sql "SELECT count(*) FROM response WHERE batch_id = 2")
check_exit "undo batch 2" 0 "$ADMIN" undo 2
check "undo message" \
    "survey-admin: lot 2 retiré : $forms réponse(s) et 0 comptage(s) supprimés ; le lot reste au journal, marqué retiré." \
    "$OUT"
check "batch 2's responses are gone" 0 "$(sql "SELECT count(*) FROM response WHERE batch_id = 2")"
check "batch 2 stays in the log, marked" t \
    "$(sql "SELECT undone_at IS NOT NULL FROM batch WHERE batch_id = 2")"
check_exit "undo batch 2 again" 1 "$ADMIN" undo 2
check_contains "already undone message" "$ERR" "le lot 2 a déjà été retiré (le "
check_exit "status after undo" 0 "$ADMIN" status --survey flash-2024
check_not_contains "status no longer counts batch 2" "$OUT" "limesurvey"

# --- a second organisation: --org is then required --------------------------------------------
printf 'organisation: { code: autre-ville, name: Autre ville }\n' >"$TMP/autre.yaml"
check_exit "define a second organisation" 0 "$ADMIN" define "$TMP/autre.yaml"
check_exit "status with two organisations" 3 "$ADMIN" status
check_contains "two organisations message" "$ERR" "--org CODE"
check_exit "status --org ville-exemple" 0 "$ADMIN" status --org ville-exemple
check_exit "status --org unknown" 3 "$ADMIN" --org nulle-part status
check "unknown organisation message" "survey-admin: organisation inconnue : « nulle-part »." "$ERR"

# --- command line ----------------------------------------------------------------------------
check_exit "--help" 0 "$ADMIN" --help
check_contains "--help is in French" "$OUT" "Commandes :"
check_exit "--version" 0 "$ADMIN" --version
check_contains "--version prints the version" "$OUT" "survey-admin 0."
check_exit "unknown command" 2 "$ADMIN" frobnicate
check "unknown command message" \
    "survey-admin: commande inconnue : « frobnicate ». Aide : survey-admin --help" "$ERR"
check_exit "no command" 2 "$ADMIN"
check_exit "unknown option" 2 "$ADMIN" status --verbose
check_exit "define without a file" 2 "$ADMIN" define
check_exit "db with a bad verb" 2 "$ADMIN" db restart
check_exit "unreachable database" 3 "$ADMIN" --db "host=$TMP/nowhere dbname=x" status
check_contains "unreachable database message" "$ERR" "connexion à la base de données impossible"

# --- the embedded cluster keeps its data across a restart --------------------------------------
# survey-admin without any PG* variable, on a second embedded home inside TMP.
embedded() (
	unset PGHOST PGPORT PGUSER PGDATABASE PGSERVICE
	BAROMETRE_HOME=$TMP/embedded
	export BAROMETRE_HOME
	exec "$ADMIN" "$@"
)
embedded_sql() {
	psql -XAtq -h "$TMP/embedded/run" -p 5432 -U barometre -d barometre -c "$1"
}
check_exit "embedded: status before start" 3 embedded status
check "embedded: not started message" \
    "survey-admin: la base de données intégrée n'est pas démarrée. Lancez d'abord : survey-admin db start" \
    "$ERR"
check_exit "embedded: db status before start" 3 embedded db status
check_exit "embedded: db start creates the cluster" 0 embedded db start
check_contains "embedded: creation reported" "$OUT" "créée dans $TMP/embedded"
check "embedded: no TCP, Unix socket only" "" "$(embedded_sql "SHOW listen_addresses")"
check "embedded: fsync on" on "$(embedded_sql "SHOW fsync")"
check_exit "embedded: db status" 0 embedded db status
check_contains "embedded: db status says running" "$OUT" "fonctionne"
check_exit "embedded: init" 0 embedded init
check_exit "embedded: define" 0 embedded define "$TOP/samples/definitions.yaml"
check_exit "embedded: db start when running" 0 embedded db start
check_contains "embedded: already running" "$OUT" "fonctionne déjà"
check_exit "embedded: db stop" 0 embedded db stop
check_exit "embedded: db status when stopped" 3 embedded db status
check_exit "embedded: status when stopped" 3 embedded status
check_exit "embedded: db stop when stopped" 0 embedded db stop
check_exit "embedded: db start again" 0 embedded db start
check_not_contains "embedded: not created twice" "$OUT" "créée"
check_exit "embedded: status after restart" 0 embedded status
for s in flash-2024 flash-2025 grande-enquete-2023 miroir-2023; do
	check_contains "embedded: $s kept across restart" "$OUT" "$s"
done
check_exit "embedded: final db stop" 0 embedded db stop
check_exit "embedded: a relative home is refused" 3 env BAROMETRE_HOME=relative/home \
    "$ADMIN" db start
check_contains "embedded: relative home message" "$ERR" "doit être un chemin absolu"
if [ "$(id -u)" = 0 ]; then
	# As root the server runs as postgres, which cannot enter /root nor a private directory.
	check_exit "embedded (root): a home under /root is refused" 3 \
	    env BAROMETRE_HOME=/root/barometre-test "$ADMIN" db start
	check_contains "embedded (root): /root message" "$ERR" "est sous /root"
	mkdir -m 700 "$TMP/private"
	check_exit "embedded (root): a home postgres cannot reach is refused" 3 \
	    env BAROMETRE_HOME=$TMP/private/home "$ADMIN" db start
	check_contains "embedded (root): unreachable home message" "$ERR" \
	    "le compte « postgres » ne peut pas accéder au dossier $TMP/private/home"
	check "embedded (root): the server's files belong to postgres" postgres \
	    "$(stat -c %U "$TMP/embedded/pgdata" "$TMP/embedded/run" "$TMP/embedded/postgres.log" | sort -u)"
fi

finish
