# reliability.sh: least-privilege roles, crash safety and concurrency of imports.
# - Roles (schema/functions/090_roles.sql): the programs switch to them (db_use_role, seen in
#   the server's log); SQL under SET ROLE proves every forbidden action fails; the real
#   collectors and report also run with PGOPTIONS="-c role=..." (the role from the start of the
#   session), which proves what each program needs is granted.
# - Crash safety: RELIABILITY_KILLS (default 50) imports killed with SIGKILL after a random
#   delay; afterwards no partial batch, every batch whole, no orphan rows; then every file imports.
# - Concurrency: the same file by 10 processes at once gives one batch; two files at once both land.
S=$TOP/samples/online
GEN=$(dirname "$BIN")/tools/gen-bench
fresh_db || finish

# ---- roles -----------------------------------------------------------------------------------
check_exit "collector role exists" 0 psql -XAtq -v ON_ERROR_STOP=1 -c \
    "SELECT 1 FROM pg_roles WHERE rolname = 'barometre_collector' AND NOT rolsuper AND NOT rolcanlogin"
check "collector role is there" 1 "$OUT"
check_exit "report role exists" 0 psql -XAtq -v ON_ERROR_STOP=1 -c \
    "SELECT 1 FROM pg_roles WHERE rolname = 'barometre_report' AND NOT rolsuper AND NOT rolcanlogin"
check "report role is there" 1 "$OUT"

# The programs switch role themselves: SET ROLE in the server's log (the harness's cluster).
PGLOG=${BAROMETRE_HOME:-}/postgres.log
if [ -f "$PGLOG" ]; then
	sql "ALTER DATABASE \"$PGDATABASE\" SET log_statement = 'all'" >/dev/null
	start=$(wc -c <"$PGLOG")
	check_exit "collect-online (role switch logged)" 0 "$BIN/collect-online" --survey flash-2025 \
	    -q --dry-run "$S/limesurvey-codes-2025.csv"
	check_exit "survey-report (role switch logged)" 0 "$BIN/survey-report" flash \
	    --survey flash-2025 -o "$TMP/role-switch.pdf"
	sleep 1
	sql "ALTER DATABASE \"$PGDATABASE\" RESET log_statement" >/dev/null
	tail -c +"$((start + 1))" "$PGLOG" >"$TMP/roles.log"
	check_contains "the collector runs as barometre_collector" "$TMP/roles.log" \
	    'SET ROLE "barometre_collector"'
	check_contains "the report runs as barometre_report" "$TMP/roles.log" \
	    'SET ROLE "barometre_report"'
else
	fail "the server's log is not at $PGLOG"
fi

# What the collector needs is enough: a real import, as barometre_collector from the start.
check_exit "collect-online runs as barometre_collector" 0 \
    env PGOPTIONS="-c role=barometre_collector" "$BIN/collect-online" --survey flash-2025 -q \
    "$S/limesurvey-codes-2025.csv"
check "its batch landed" 1 "$(sql "SELECT count(*) FROM batch WHERE undone_at IS NULL")"
check "comments were written" yes "$(sql "SELECT CASE WHEN count(*) > 0 THEN 'yes' ELSE 'no' END FROM comment")"
check_exit "collect-paper runs as barometre_collector" 0 \
    env PGOPTIONS="-c role=barometre_collector" "$BIN/collect-paper" --survey flash-2025 -q \
    --format tally "$TOP/samples/paper/tally-flash-2025.csv"
check_exit "collect-phone runs as barometre_collector (salted hashes)" 0 \
    env PGOPTIONS="-c role=barometre_collector" "$BIN/collect-phone" --survey flash-2025 -q \
    --format ivr --map "$TOP/samples/phone/asterisk-map.yaml" "$TOP/samples/phone/Master.csv"

# Each forbidden statement, as each role, must fail with a permission error.
forbidden() {  # forbidden ROLE NAME SQL
	psql -XAtq -v ON_ERROR_STOP=1 -c "SET ROLE $1" -c "$3" >"$TMP/.role.out" 2>&1
	f_rc=$?
	if [ "$f_rc" -ne 0 ] && grep -qiE 'permission denied|must be owner|droit refus|doit .tre le propri' \
	        "$TMP/.role.out"; then
		pass "$1 cannot $2"
	else
		fail "$1 cannot $2"
		echo "     psql exited $f_rc:"
		sed 's/^/     /' "$TMP/.role.out" | head -5
	fi
}
before=$TMP/roles.before
after=$TMP/roles.after
db_snapshot "$before"
for role in barometre_collector barometre_report; do
	forbidden $role "read comments" "SELECT body FROM comment LIMIT 1"
	forbidden $role "delete responses" "DELETE FROM response"
	forbidden $role "delete answers" "DELETE FROM answer"
	forbidden $role "update answers" "UPDATE answer SET option_code = '1'"
	forbidden $role "update responses" "UPDATE response SET site_id = NULL"
	forbidden $role "truncate responses" "TRUNCATE response CASCADE"
	forbidden $role "create a table" "CREATE TABLE evil (x int)"
	forbidden $role "drop a table" "DROP TABLE answer CASCADE"
	forbidden $role "alter a table" "ALTER TABLE response ADD COLUMN evil text"
	forbidden $role "create a function" \
	    "CREATE FUNCTION evil() RETURNS int LANGUAGE sql AS 'SELECT 1'"
	forbidden $role "replace batch_merge" \
	    "CREATE OR REPLACE FUNCTION batch_lock(integer, integer, text) RETURNS void LANGUAGE sql AS ''"
	forbidden $role "change the definitions" "UPDATE option SET positive = NOT positive"
	forbidden $role "delete the import log" "DELETE FROM batch"
	psql -XAtq -c "SET ROLE $role" -c "GRANT DELETE ON response TO $role" >/dev/null 2>&1
	check "$role cannot grant itself more" f \
	    "$(sql "SELECT has_table_privilege('$role', 'response', 'DELETE')")"
	forbidden $role "undo a batch" "SELECT batch_undo(org_id, batch_id, 'evil') FROM batch WHERE undone_at IS NULL LIMIT 1"
done
forbidden barometre_collector "mark a batch undone" "UPDATE batch SET undone_at = now()"
forbidden barometre_collector "rewrite a batch's file hash" "UPDATE batch SET sha256 = 'x'"
# Facts and batches only through batch_merge.
forbidden barometre_collector "rewrite a batch's counts" "UPDATE batch SET tallies = tallies + 1, responses = 0"
forbidden barometre_collector "record a batch of its own" \
    "INSERT INTO batch (org_id, survey_id, collector, format, file_name, sha256, encoding, operator, started_at)
     VALUES (1, 1, 'x', 'x', 'x', 'x', 'x', 'x', now())"
forbidden barometre_collector "insert a tally" \
    "INSERT INTO tally (org_id, survey_id, batch_id, site_id, channel_id, period_start, period_end, question_id, option_code, n)
     SELECT org_id, survey_id, batch_id, 1, 1, '2025-01-01', '2025-01-02', 1, '1', 99 FROM batch LIMIT 1"
forbidden barometre_collector "insert a response" \
    "INSERT INTO response (org_id, survey_id, batch_id, channel_id, source_system, source_id)
     SELECT org_id, survey_id, batch_id, 1, 'evil', 'evil' FROM batch LIMIT 1"
forbidden barometre_collector "insert an answer" "INSERT INTO answer SELECT org_id, response_id, question_id, option_code FROM answer LIMIT 1"
forbidden barometre_report "insert a response" \
    "INSERT INTO response (org_id, survey_id, batch_id, channel_id, source_system, source_id)
     SELECT org_id, survey_id, batch_id, 1, 'evil', 'evil' FROM batch LIMIT 1"
forbidden barometre_report "insert an answer" "INSERT INTO answer SELECT org_id, response_id, question_id, option_code FROM answer LIMIT 1"
forbidden barometre_report "read the installation's salt" "SELECT salt FROM install_secret"
forbidden barometre_report "record a batch" \
    "INSERT INTO batch (org_id, survey_id, collector, format, file_name, sha256, encoding, operator, started_at)
     VALUES (1, 1, 'x', 'x', 'x', 'x', 'x', 'x', now())"
forbidden barometre_report "create a temporary staging table and merge" \
    "BEGIN; SELECT stage_create(); SELECT * FROM batch_merge(1, 1, 'x', 'x', 'x', 'evil', 'UTF-8', ',', 0, 0, 'x', now(), 'x'); COMMIT"
db_snapshot "$after"
check "nothing changed by the forbidden statements" "" "$(diff "$before" "$after")"

# What the report role may do, it does: the flash dashboard as barometre_report.
check_exit "survey-report flash runs as barometre_report" 0 \
    env PGOPTIONS="-c role=barometre_report" "$BIN/survey-report" flash --survey flash-2025 \
    -o "$TMP/flash-report-role.pdf"
check "its PDF is written" yes "$([ -s "$TMP/flash-report-role.pdf" ] && echo yes || echo no)"
check "report role reads aggregates" yes "$(sql "SET ROLE barometre_report; SELECT CASE WHEN count(*) > 0 THEN 'yes' ELSE 'no' END FROM answer")"

# ---- crash safety: SIGKILL at random moments -------------------------------------------------
fresh_db || finish
KILLS=${RELIABILITY_KILLS:-50}
ROWS=1500                      # forms per file: about 0.3 to 1 s of import on a loaded machine
i=1
while [ "$i" -le "$KILLS" ]; do
	"$GEN" limesurvey $((ROWS * 6)) "$TMP/crash-$i.csv" $((i * 1000000)) || fail "gen-bench crash-$i"
	i=$((i + 1))
done
# How long one import takes here, to spread the kills over it.
t0=$(date +%s%N)
"$BIN/collect-online" --survey flash-2025 -q --dry-run "$TMP/crash-1.csv" >/dev/null 2>&1
t1=$(date +%s%N)
span_ms=$(( (t1 - t0) / 1000000 * 12 / 10 + 50 ))
completed=0
killed=0
i=1
while [ "$i" -le "$KILLS" ]; do
	delay=$(awk -v s="$i" -v span="$span_ms" 'BEGIN { srand(s * 7919); printf "%.3f", rand() * span / 1000 }')
	"$BIN/collect-online" --survey flash-2025 -q "$TMP/crash-$i.csv" >"$TMP/crash-$i.log" 2>&1 &
	pid=$!
	sleep "$delay"
	if kill -9 "$pid" 2>/dev/null; then
		killed=$((killed + 1))
	fi
	{ wait "$pid"; } 2>/dev/null
	rc=$?
	if [ "$rc" -eq 0 ]; then
		completed=$((completed + 1))
		echo "$i" >>"$TMP/crash-completed"
	fi
	i=$((i + 1))
done
echo "     $KILLS imports, $killed killed by SIGKILL, $completed completed before the kill"
check "at least half of the imports were killed mid-way" yes \
    "$([ "$killed" -ge $((KILLS / 2)) ] && echo yes || echo "no ($killed)")"
# The server ends the killed sessions when it sees their sockets close.
n=0
while [ "$n" -lt 50 ]; do
	busy=$(sql "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
	[ "$busy" = 0 ] && break
	sleep 0.2
	n=$((n + 1))
done
check "no session left behind by the killed collectors" 0 "$busy"

consistency() {  # consistency LABEL: the invariants of whole batches
	check "$1: every batch finished and not partial" 0 \
	    "$(sql "SELECT count(*) FROM batch WHERE finished_at IS NULL OR responses <> $ROWS OR answers <> $ROWS * 6")"
	check "$1: responses of each batch = what its batch row says" "" \
	    "$(sql "SELECT b.batch_id FROM batch b LEFT JOIN response r ON r.org_id = b.org_id AND r.batch_id = b.batch_id
	            WHERE b.undone_at IS NULL GROUP BY b.batch_id, b.responses HAVING count(r.response_id) <> b.responses")"
	check "$1: answers of each batch = what its batch row says" "" \
	    "$(sql "SELECT b.batch_id FROM batch b LEFT JOIN response r ON r.org_id = b.org_id AND r.batch_id = b.batch_id
	            LEFT JOIN answer a ON a.org_id = r.org_id AND a.response_id = r.response_id
	            WHERE b.undone_at IS NULL GROUP BY b.batch_id, b.answers HAVING count(a.response_id) <> b.answers")"
	check "$1: every response has its 6 answers" 0 \
	    "$(sql "SELECT count(*) FROM (SELECT r.response_id FROM response r LEFT JOIN answer a
	            ON a.org_id = r.org_id AND a.response_id = r.response_id GROUP BY r.response_id HAVING count(a.*) <> 6) x")"
	check "$1: no orphan answer, comment or response" 0 \
	    "$(sql "SELECT (SELECT count(*) FROM answer a WHERE NOT EXISTS (SELECT 1 FROM response r WHERE r.org_id = a.org_id AND r.response_id = a.response_id))
	            + (SELECT count(*) FROM comment c WHERE NOT EXISTS (SELECT 1 FROM response r WHERE r.org_id = c.org_id AND r.response_id = c.response_id))
	            + (SELECT count(*) FROM response r WHERE NOT EXISTS (SELECT 1 FROM batch b WHERE b.org_id = r.org_id AND b.batch_id = r.batch_id))")"
	check "$1: no file twice" 0 "$(sql "SELECT count(*) - count(DISTINCT sha256) FROM batch WHERE undone_at IS NULL")"
}
consistency "after $KILLS kills"
missing=0
for i in $(cat "$TMP/crash-completed" 2>/dev/null); do
	[ "$(sql "SELECT count(*) FROM batch WHERE file_name = '$TMP/crash-$i.csv'")" = 1 ] || \
	    missing=$((missing + 1))
done
check "every import that exited 0 has its batch" 0 "$missing"
# Every file imports afterwards (those whose commit landed before the kill say "already").
bad=0
i=1
while [ "$i" -le "$KILLS" ]; do
	"$BIN/collect-online" --survey flash-2025 -q "$TMP/crash-$i.csv" >"$TMP/crash-$i.again" 2>&1 || \
	    bad=$((bad + 1))
	i=$((i + 1))
done
check "every file imports after the kills" 0 "$bad"
check "one batch per file" "$KILLS" "$(sql "SELECT count(*) FROM batch WHERE undone_at IS NULL")"
check "all responses, once" "$((KILLS * ROWS))" "$(sql "SELECT count(*) FROM response")"
consistency "after the re-imports"

# ---- concurrency -----------------------------------------------------------------------------
fresh_db || finish
"$GEN" limesurvey 6000 "$TMP/same.csv" 1 || fail "gen-bench same.csv"
i=1
pids=
while [ "$i" -le 10 ]; do
	"$BIN/collect-online" --survey flash-2025 "$TMP/same.csv" >"$TMP/same-$i.log" 2>&1 &
	pids="$pids $!"
	i=$((i + 1))
done
bad=0
for pid in $pids; do
	wait "$pid" || bad=$((bad + 1))
done
check "10 imports of the same file at once all exit 0" 0 "$bad"
check "exactly one batch" 1 "$(sql "SELECT count(*) FROM batch")"
check "its responses once" 1000 "$(sql "SELECT count(*) FROM response")"
check "its answers once" 6000 "$(sql "SELECT count(*) FROM answer")"
check "9 imports were told it was already there" 9 \
    "$(cat "$TMP"/same-*.log | grep -c 'déjà importé')"

"$GEN" limesurvey 6000 "$TMP/two-a.csv" 10000001 || fail "gen-bench two-a.csv"
"$GEN" limesurvey 9000 "$TMP/two-b.csv" 20000001 || fail "gen-bench two-b.csv"
"$BIN/collect-online" --survey flash-2025 -q "$TMP/two-a.csv" >"$TMP/two-a.log" 2>&1 &
pa=$!
"$BIN/collect-online" --survey flash-2025 -q "$TMP/two-b.csv" >"$TMP/two-b.log" 2>&1 &
pb=$!
wait "$pa"
ra=$?
wait "$pb"
rb=$?
check "two different files at once: first exits 0" 0 "$ra"
check "two different files at once: second exits 0" 0 "$rb"
check "both batches are whole" "1000|6000
1000|6000
1500|9000" "$(sql "SELECT count(DISTINCT r.response_id), count(*) FROM batch b JOIN response r USING (org_id, batch_id)
                   JOIN answer a USING (org_id, response_id) GROUP BY b.batch_id ORDER BY 1, b.batch_id")"
finish
