#!/bin/sh
# run.sh: runs the test suite on an already built tree (POSIX sh).
#   sh tests/run.sh BUILD [unit|integration]
# Unit tests: every BUILD/tests/test_* (cmocka). Integration tests: one private PostgreSQL
# cluster is started for the whole run (survey-admin db start, in a temporary BAROMETRE_HOME
# under /tmp, Unix socket only), then every tests/integration/*.sh runs in its own shell with
# tests/lib.sh loaded; the cluster and every scratch file are removed at the end, also on
# failure or interruption. Prints one line per test program or script and a last line
# "N passed, N failed"; exits 1 when anything failed.
# Environment: TESTS="admin flash" runs only those scripts; VERBOSE=1 shows every check;
# TEST_TIMEOUT (seconds, default 900) bounds each script.
set -u
umask 022

BUILD=${1:-build}
WHAT=${2:-all}
case $WHAT in
all|unit|integration) ;;
*) echo "usage: sh tests/run.sh BUILD [unit|integration]" >&2; exit 2 ;;
esac

TOP=$(cd "$(dirname "$0")/.." && pwd)
case $BUILD in
/*) ;;
*) BUILD=$TOP/$BUILD ;;
esac
BIN=$BUILD/bin
export TOP BIN

TOTAL_PASSED=0
TOTAL_FAILED=0
FAILED_NAMES=
RUN_HOME=

say() { printf '%s\n' "$*"; }

# Adds one program's result: name, passed, failed.
tally() {
	TOTAL_PASSED=$((TOTAL_PASSED + $2))
	TOTAL_FAILED=$((TOTAL_FAILED + $3))
	if [ "$3" -gt 0 ]; then
		FAILED_NAMES="$FAILED_NAMES $1"
		say "FAIL $1 ($2 passed, $3 failed)"
	else
		say "ok   $1 ($2 passed)"
	fi
}

# Runs a command with a time limit when timeout(1) is there.
bounded() {
	if command -v timeout >/dev/null 2>&1; then
		timeout "${TEST_TIMEOUT:-900}" "$@"
	else
		"$@"
	fi
}

run_unit() {
	for t in "$BUILD"/tests/test_*; do
		[ -x "$t" ] || continue
		name=$(basename "$t")
		log=$(mktemp)
		bounded "$t" >"$log" 2>&1
		rc=$?
		p=$(sed -n 's/^\[  PASSED  \] \([0-9][0-9]*\) test.*/\1/p' "$log" | tail -1)
		f=$(sed -n 's/^\[  FAILED  \] \([0-9][0-9]*\) test.*/\1/p' "$log" | tail -1)
		p=${p:-0}
		f=${f:-0}
		if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
			f=1
		fi
		tally "unit/$name" "$p" "$f"
		if [ "$f" -gt 0 ] || [ "${VERBOSE:-0}" = 1 ]; then
			sed 's/^/     /' "$log"
		fi
		rm -f "$log"
	done
}

# Stops every cluster still running under RUN_HOME (tests may start their own), then removes it.
cleanup() {
	[ -n "$RUN_HOME" ] && [ -d "$RUN_HOME" ] || return 0
	for pid in $(find "$RUN_HOME" -name postmaster.pid 2>/dev/null); do
		home=${pid%/pgdata/postmaster.pid}
		BAROMETRE_HOME=$home "$BIN/survey-admin" db stop >/dev/null 2>&1
	done
	rm -rf "$RUN_HOME"
	RUN_HOME=
}

cluster_start() {
	RUN_HOME=$(mktemp -d /tmp/barometre-test.XXXXXX) || return 1
	# As root the server runs as postgres, which must be able to enter the directory.
	chmod 755 "$RUN_HOME"
	mkdir "$RUN_HOME/scratch"
	BAROMETRE_HOME=$RUN_HOME
	export BAROMETRE_HOME
	if ! "$BIN/survey-admin" db start >"$RUN_HOME/start.log" 2>&1; then
		say "FAIL cannot start the test cluster:"
		sed 's/^/     /' "$RUN_HOME/start.log"
		[ -f "$RUN_HOME/postgres.log" ] && tail -20 "$RUN_HOME/postgres.log" | sed 's/^/     /'
		return 1
	fi
	unset PGDATABASE PGSERVICE PGPASSWORD PGOPTIONS PGSSLMODE PGHOSTADDR
	PGHOST=$RUN_HOME/run
	PGPORT=5432
	PGUSER=barometre
	export PGHOST PGPORT PGUSER
	return 0
}

run_integration() {
	if [ ! -x "$BIN/survey-admin" ]; then
		say "FAIL integration: $BIN/survey-admin is not built"
		tally integration 0 1
		return
	fi
	if ! cluster_start; then
		tally integration 0 1
		return
	fi
	for script in "$TOP"/tests/integration/*.sh; do
		[ -f "$script" ] || continue
		name=$(basename "$script" .sh)
		if [ -n "${TESTS:-}" ]; then
			case " $TESTS " in
			*" $name "*) ;;
			*) continue ;;
			esac
		fi
		TMP=$RUN_HOME/scratch/$name
		mkdir -p "$TMP"
		log=$RUN_HOME/scratch/$name.log
		(
			cd "$TMP" || exit 1
			TMP=$TMP TEST_NAME=$name bounded sh -c '. "$TOP/tests/lib.sh" && . "$1"' \
			    "$name" "$script"
		) >"$log" 2>&1
		rc=$?
		last=$(tail -1 "$log")
		p=$(printf '%s\n' "$last" | sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/\1/p')
		f=$(printf '%s\n' "$last" | sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/\2/p')
		if [ -z "$p" ]; then
			# The script stopped before finish: count what it printed, plus one failure.
			p=$(grep -c '^ok   ' "$log")
			f=$(($(grep -c '^FAIL ' "$log") + 1))
			echo "     (exit status $rc before finish)" >>"$log"
		elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
			f=1
		fi
		tally "integration/$name" "$p" "$f"
		if [ "$f" -gt 0 ]; then
			grep -v '^ok   ' "$log" | sed 's/^/     /'
		elif [ "${VERBOSE:-0}" = 1 ]; then
			sed 's/^/     /' "$log"
		fi
	done
}

trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

[ "$WHAT" = integration ] || run_unit
[ "$WHAT" = unit ] || run_integration

say "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
[ "$TOTAL_FAILED" -eq 0 ] && exit 0
exit 1
