# bench_smoke.sh: keeps `make bench` working without timing anything: tests/bench/run.sh at a
# tiny size (2000 answers, every format) into a scratch file; checks that it ran every collector
# and its COPY baseline, the INSERT baseline and the flash report, and wrote the Markdown table.
# The bench starts and removes its own private cluster (it does not use the harness's).
OUTMD=$TMP/BENCH.md
check_exit "bench at 2000 answers" 0 env BENCH_SIZES=2000 BENCH_OUT="$OUTMD" BENCH_CHECKPOINT=0 BENCH_REPEAT=1 \
    sh "$TOP/tests/bench/run.sh" "$(dirname "$BIN")"
check "table written" yes "$([ -s "$OUTMD" ] && echo yes || echo no)"
check_contains "collectors section" "$OUTMD" "## Collectors against COPY"
for label in "Tally sheet" "SDAPS OMR CSV" "LimeSurvey CSV" "Google Forms ZIP" \
             "Microsoft Forms XLSX" "KoboToolbox CSV" "Framaforms TSV" "Asterisk CDR"; do
	# answers (2000, or 1998 in whole forms of 6), collector time, answers/s, COPY time
	check "$label: collector and COPY measured" 1 \
	    "$(grep -c "^| $label (collect-[a-z]*) | \(2000\|1998\) | [0-9.]* s | [0-9]* | [0-9.]* s |" "$OUTMD")"
	check "$label: INSERT baseline measured" 1 \
	    "$(grep -c "^| $label (collect-[a-z]*) | \(2000\|1998\) | [0-9]* | [0-9.]* s |" "$OUTMD")"
done
check_contains "INSERT baseline" "$OUTMD" "## Row-by-row INSERT at 2000 answers"
check_contains "flash report measured" "$OUTMD" "| survey-report flash | 1998 |"
check_contains "machine described" "$OUTMD" "Machine: "
check_not_contains "no failed step" "$OUT" "exited with status"
finish
