# reliability_faults.sh: PostgreSQL stopped in the middle of an import. The harness's cluster is
# shared by every test of the run, so this test starts a SECOND private cluster of its own
# (survey-admin db start with BAROMETRE_HOME=$TMP/pg2), stops it the way `pg_ctl stop -m immediate`
# does (SIGQUIT to the postmaster) while a collector is inside its import, and checks: exit 3 with
# a clear message; while the server is down, exit 3 again; after restart (crash recovery) the
# same command succeeds, and a third run adds nothing.
GEN=$(dirname "$BIN")/tools/gen-bench
BAROMETRE_HOME=$TMP/pg2
export BAROMETRE_HOME
mkdir -p "$BAROMETRE_HOME"
chmod 755 "$BAROMETRE_HOME"
check_exit "second cluster starts" 0 "$BIN/survey-admin" db start
PGHOST=$BAROMETRE_HOME/run
PGDATABASE=faults
export PGHOST PGDATABASE
check_exit "its database" 0 psql -XAtq -d postgres -c "CREATE DATABASE faults"
check_exit "init" 0 "$BIN/survey-admin" init
check_exit "define" 0 "$BIN/survey-admin" define "$TOP/samples/definitions.yaml"

postmaster_pid() {
	head -1 "$BAROMETRE_HOME/pgdata/postmaster.pid" 2>/dev/null
}

# A file of a few thousand responses: the test does not depend on how long it takes to import.
ROWS=${FAULTS_ROWS:-4000}
"$GEN" limesurvey $((ROWS * 6)) "$TMP/big.csv" 1 || fail "gen-bench big.csv"

# Stop the server while the collector is inside its import. Nothing here races a clock: another
# session holds a lock that the batch merge needs (inserting its batch row), so the collector
# stops there, its rows staged and its transaction open; the test waits until it sees the
# collector's session waiting on that lock, then stops the server.
psql -XAtq -c "BEGIN; LOCK TABLE batch IN SHARE ROW EXCLUSIVE MODE; SELECT pg_sleep(600)" \
    >/dev/null 2>&1 &
lpid=$!
n=0
while [ "$n" -lt 600 ]; do
	held=$(sql "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
	             WHERE c.relname = 'batch' AND l.mode = 'ShareRowExclusiveLock' AND l.granted" \
	       2>/dev/null)
	[ "${held:-0}" -ge 1 ] && break
	sleep 0.05
	n=$((n + 1))
done
check "another session holds the batch table" 1 "${held:-0}"
"$BIN/collect-online" --survey flash-2025 "$TMP/big.csv" >"$TMP/crash.out" 2>"$TMP/crash.err" &
cpid=$!
n=0
waiting=0
while [ "$n" -lt 1200 ] && kill -0 "$cpid" 2>/dev/null; do
	waiting=$(sql "SELECT count(*) FROM pg_stat_activity
	                WHERE datname = 'faults' AND pid <> pg_backend_pid()
	                  AND wait_event_type = 'Lock' AND query LIKE '%batch_merge%'" 2>/dev/null)
	[ "${waiting:-0}" -ge 1 ] && break
	sleep 0.05
	n=$((n + 1))
done
check "the collector was inside its batch when the server stopped" 1 "${waiting:-0}"
pm=$(postmaster_pid)
kill -QUIT "$pm"          # what pg_ctl stop -m immediate sends
wait "$cpid"
rc=$?
wait "$lpid" 2>/dev/null
check "collector exits 3 when the server stops under it" 3 "$rc"
err=$(cat "$TMP/crash.err")
check_contains "a clear message names the program" "$err" "collect-online: "
check_contains "a clear message about the database" "$err" "base de données"
check_not_contains "no half-written summary" "$(cat "$TMP/crash.out")" "enregistré"
check_not_contains "no sanitizer report" "$err" "Sanitizer"

# The server is gone: wait for the postmaster to exit.
n=0
while kill -0 "$pm" 2>/dev/null && [ "$n" -lt 100 ]; do
	sleep 0.1
	n=$((n + 1))
done
check_exit "while the server is down: exit 3" 3 "$BIN/collect-online" --survey flash-2025 \
    "$TMP/big.csv"
check_contains "while the server is down: says the database is unreachable" "$ERR" "base de données"

# Restart (crash recovery) and import again: it succeeds, once.
check_exit "the cluster restarts" 0 "$BIN/survey-admin" db start
check "nothing of the interrupted import" "0|0" \
    "$(sql "SELECT (SELECT count(*) FROM batch), (SELECT count(*) FROM response)")"
check_exit "the same command succeeds after restart" 0 "$BIN/collect-online" --survey flash-2025 \
    "$TMP/big.csv"
check "one batch, whole" "1|$ROWS|$((ROWS * 6))" \
    "$(sql "SELECT count(*), sum(responses), sum(answers) FROM batch")"
check "responses and answers once" "$ROWS|$((ROWS * 6))" \
    "$(sql "SELECT (SELECT count(*) FROM response), (SELECT count(*) FROM answer)")"
check_exit "a third run adds nothing" 0 "$BIN/collect-online" --survey flash-2025 "$TMP/big.csv"
check_contains "a third run says already imported" "$OUT$ERR" "déjà importé"
check "still one batch" 1 "$(sql "SELECT count(*) FROM batch")"
check_exit "second cluster stops" 0 "$BIN/survey-admin" db stop
finish
