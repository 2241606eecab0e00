#!/bin/sh
# run.sh: runs the test suite on an already built tree (POSIX sh).
#   sh tests/run.sh BUILD [unit|integration]
# Unit tests: every BUILD/tests/test_* (cmocka). Integration tests: one private PostgreSQL
# cluster is started for the whole run (survey-admin db start, in a temporary BAROMETRE_HOME
# under /tmp, Unix socket only), then every tests/integration/*.sh runs in its own shell with
# tests/lib.sh loaded, several at once (each in databases of its own); the cluster and every
# scratch file are removed at the end, also on failure or interruption. Prints one line per
# test program or script (with its duration) and a last line "N passed, N failed"; exits 1
# when anything failed.
# Environment: TESTS="admin flash" runs only those scripts; VERBOSE=1 shows every check;
# TEST_TIMEOUT (seconds, default 900) bounds each script; JOBS (default: processors + 1) is how
# many scripts run at once.
set -u
umask 022

# "sh tests/run.sh --one SCRIPT" is how run_integration runs each script (through xargs), with
# TOP, BIN, RUN_HOME and the cluster's PG* variables in the environment.
ONE=
if [ "${1:-}" = --one ]; then
	ONE=${2:?}
else
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
	RUN_HOME=
fi

TOTAL_PASSED=0
TOTAL_FAILED=0
FAILED_NAMES=

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

# Runs one integration script ($1, a path) in its own shell with tests/lib.sh loaded, in its own
# scratch directory; prints its result line and writes it to $RUN_HOME/scratch/NAME.result as
# "NAME PASSED FAILED". The scripts share the run's cluster, each in databases of its own, so
# several run at once (see JOBS).
run_one() {
	script=$1
	name=$(basename "$script" .sh)
	TMP=$RUN_HOME/scratch/$name
	mkdir -p "$TMP"
	log=$RUN_HOME/scratch/$name.log
	t0=$(date +%s)
	(
		cd "$TMP" || exit 1
		TMP=$TMP TEST_NAME=$name bounded sh -c '. "$TOP/tests/lib.sh" && . "$1"' \
		    "$name" "$script"
	) >"$log" 2>&1
	rc=$?
	secs=$(($(date +%s) - t0))
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
	# One write of the whole report, so that reports of scripts ending together do not mix.
	{
		if [ "$f" -gt 0 ]; then
			say "FAIL integration/$name ($p passed, $f failed, $secs s)"
			grep -v '^ok   ' "$log" | sed 's/^/     /'
		else
			say "ok   integration/$name ($p passed, $secs s)"
			[ "${VERBOSE:-0}" = 1 ] && sed 's/^/     /' "$log"
		fi
	} >"$log.report"
	cat "$log.report"
	echo "integration/$name $p $f" >"$RUN_HOME/scratch/$name.result"
}

# The scripts to run, the longest first (so that the parallel run ends soon after the longest
# script); the others in name order.
LONGEST_FIRST="bench_smoke reliability brief scan online admin paper weight online_cumulative
reliability_faults phone flash online_bad"

integration_scripts() {
	for name in $LONGEST_FIRST; do
		[ -f "$TOP/tests/integration/$name.sh" ] && echo "$TOP/tests/integration/$name.sh"
	done
	for script in "$TOP"/tests/integration/*.sh; do
		[ -f "$script" ] || continue
		case " $(echo $LONGEST_FIRST) " in
		*" $(basename "$script" .sh) "*) continue ;;
		esac
		echo "$script"
	done
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
	# The least-privilege roles are the cluster's, created by the first init: create them
	# once here, so that scripts starting together do not race to create them.
	if ! psql -XAtq -d postgres -c "CREATE DATABASE t_roles" >"$RUN_HOME/roles.log" 2>&1 ||
	   ! PGDATABASE=t_roles "$BIN/survey-admin" init >>"$RUN_HOME/roles.log" 2>&1; then
		say "FAIL cannot create the roles in the test cluster:"
		sed 's/^/     /' "$RUN_HOME/roles.log"
		tally integration 0 1
		return
	fi
	list=$RUN_HOME/scripts
	integration_scripts | while read -r script; do
		if [ -n "${TESTS:-}" ]; then
			case " $TESTS " in
			*" $(basename "$script" .sh) "*) ;;
			*) continue ;;
			esac
		fi
		echo "$script"
	done >"$list"
	# Several scripts at once: JOBS, by default one more than the processors (the scripts
	# wait on the server much of the time).
	jobs=${JOBS:-$(($(nproc 2>/dev/null || echo 1) + 1))}
	export RUN_HOME
	if [ -s "$list" ]; then
		tr '\n' '\0' <"$list" | xargs -0 -n 1 -P "$jobs" sh "$TOP/tests/run.sh" --one
	fi
	while read -r script; do
		name=$(basename "$script" .sh)
		if [ -f "$RUN_HOME/scratch/$name.result" ]; then
			read -r rname rp rf <"$RUN_HOME/scratch/$name.result"
		else
			rname=integration/$name rp=0 rf=1
			say "FAIL integration/$name (no result)"
		fi
		TOTAL_PASSED=$((TOTAL_PASSED + rp))
		TOTAL_FAILED=$((TOTAL_FAILED + rf))
		[ "$rf" -gt 0 ] && FAILED_NAMES="$FAILED_NAMES $rname"
	done <"$list"
}

if [ -n "$ONE" ]; then
	run_one "$ONE"
	exit 0
fi

trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

[ "$WHAT" = integration ] || run_unit
[ "$WHAT" = unit ] || run_integration

say "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
[ "$TOTAL_FAILED" -eq 0 ] && exit 0
exit 1
