# reliability_dead_client.sh: a collector killed (SIGKILL) while its session waits behind another
# import's batch lock: the server notices the dead client (client_connection_check_interval,
# set by core/db.c in every session) and ends that session within seconds, although the lock is
# still held; then the same import succeeds once the lock is free.
fresh_db || finish
org=$(sql "SELECT org_id FROM org")
survey=$(sql "SELECT survey_id FROM survey WHERE code = 'flash-2025'")

# wait_for SQL_COUNT EXPECTED TENTHS: polls until the count equals EXPECTED; prints the count.
wait_for() {
	w_n=0
	while [ "$w_n" -lt "$3" ]; do
		w_c=$(sql "$1")
		[ "$w_c" = "$2" ] && break
		sleep 0.1
		w_n=$((w_n + 1))
	done
	printf '%s' "$w_c"
}

# Another session holds the lock that every tally import of the survey takes.
psql -XAtq -c "BEGIN" -c "SELECT batch_lock($org, $survey, 'tally')" \
    -c "SELECT pg_sleep(120) /* holder */" >/dev/null 2>&1 &
holder=$!
check "the holder has the lock" 1 \
    "$(wait_for "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(120) /* holder */%' AND pid <> pg_backend_pid()" 1 100)"

"$BIN/collect-paper" --survey flash-2025 --format tally "$TOP/samples/paper/tally-flash-2025.csv" \
    >"$TMP/killed.out" 2>&1 &
cpid=$!
WAITING="SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
           AND wait_event_type = 'Lock' AND wait_event = 'advisory'"
check "the collector's merge waits on the lock" 1 "$(wait_for "$WAITING" 1 200)"
kill -9 "$cpid"
{ wait "$cpid"; } 2>/dev/null
t0=$(date +%s%N)
left=$(wait_for "$WAITING" 0 100)
t1=$(date +%s%N)
echo "     the killed collector's session ended after $(( (t1 - t0) / 1000000 )) ms"
check "the server ends the dead collector's session within 10 s, lock still held" 0 "$left"
check "the holder still holds the lock" 1 \
    "$(sql "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(120) /* holder */%' AND pid <> pg_backend_pid()")"

sql "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE query LIKE '%pg_sleep(120) /* holder */%' AND pid <> pg_backend_pid()" >/dev/null
{ wait "$holder"; } 2>/dev/null
check "nothing of the killed import" 0 "$(sql "SELECT count(*) FROM batch")"
check_exit "the same import, once the lock is free" 0 "$BIN/collect-paper" --survey flash-2025 \
    --format tally "$TOP/samples/paper/tally-flash-2025.csv"
check "one batch" 1 "$(sql "SELECT count(*) FROM batch")"
finish
