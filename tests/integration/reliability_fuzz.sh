# reliability_fuzz.sh: replays the fuzz regression inputs (tests/data/fuzz-regressions/TARGET/)
# and the seed corpus (samples/, tests/data/) through every libFuzzer target
# tests/fuzz/fuzz_*.c, built with the ordinary compiler against this build's libcore.a (with the
# sanitizers under `make asan`). No fuzzing here: `make fuzz` does that.
check_exit "fuzz targets replay their regressions and seeds" 0 \
    sh "$TOP/tests/fuzz/run.sh" replay "$(dirname "$BIN")"
[ -n "$OUT" ] && printf '%s\n' "$OUT" | grep -v '^ok ' | sed 's/^/     /'
check_contains "every target ran" "$OUT" "replay: "
check_not_contains "no target failed to build" "$OUT" "does not compile"
finish
