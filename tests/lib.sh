# lib.sh: what every integration test script uses (POSIX sh). tests/run.sh sources it before
# each script, in a fresh shell where these are set:
#   TOP  the repository root        BIN  absolute path of the programs (build/bin)
#   TMP  an empty scratch directory for this script (removed after the run)
#   TEST_NAME  the script's name without .sh
#   PGHOST, PGUSER                  the private cluster started once for the run
# Functions:
#   fresh_db [--no-define|--no-init]  new empty database for this script (exports PGDATABASE),
#                                   then survey-admin init and define samples/definitions.yaml
#   sql "SELECT ..." [psql args]    prints the result (psql -XAtq, '|' between columns)
#   sql_file FILE                   runs an SQL script (ON_ERROR_STOP)
#   check NAME EXPECTED ACTUAL      passes when both texts are equal (else shows a diff)
#   check_exit NAME CODE cmd args   runs cmd; its output is in $OUT and $ERR (and in the files
#                                   $OUT_FILE and $ERR_FILE); passes when it exits with CODE
#   check_contains NAME FILE_OR_TEXT NEEDLE       passes when NEEDLE is found
#   check_not_contains NAME FILE_OR_TEXT NEEDLE   passes when NEEDLE is not found
#   db_snapshot FILE                a sorted data-only dump of every table of schema public
#   finish                          prints "N passed, N failed"; exits non-zero on a failure

if [ -z "${LIB_SH_LOADED:-}" ]; then
LIB_SH_LOADED=1

: "${TOP:?TOP is not set: run the tests with tests/run.sh}"
: "${BIN:?BIN is not set: run the tests with tests/run.sh}"
: "${TMP:?TMP is not set: run the tests with tests/run.sh}"

# The programs under test ignore the locale; the tools the scripts read them with (awk, sort,
# printf) follow it. Numbers are read and written with a decimal point whatever the machine's
# language (under fr_FR.UTF-8, awk would read "9.3e-13" as text); the rest of the locale stays.
if [ -n "${LC_ALL:-}" ]; then
	LANG=$LC_ALL
	export LANG
	unset LC_ALL
fi
LC_NUMERIC=C
export LC_NUMERIC

PASSED=0
FAILED=0
OUT=
ERR=
OUT_FILE=$TMP/.out
ERR_FILE=$TMP/.err
LIB_DB_SEQ=0

pass() {
	PASSED=$((PASSED + 1))
	echo "ok   $1"
}

fail() {
	FAILED=$((FAILED + 1))
	echo "FAIL $1"
}

fresh_db() {
	LIB_DB_SEQ=$((LIB_DB_SEQ + 1))
	lib_name=$(printf %s "${TEST_NAME:-test}" | tr -c 'a-zA-Z0-9_\n' '_')
	PGDATABASE=$(printf 't_%s_%s_%s' "$lib_name" "$$" "$LIB_DB_SEQ" | tr 'A-Z' 'a-z')
	export PGDATABASE
	if ! psql -XAtq -v ON_ERROR_STOP=1 -d postgres \
	        -c "CREATE DATABASE \"$PGDATABASE\"" >"$TMP/.fresh" 2>&1; then
		fail "fresh_db: CREATE DATABASE $PGDATABASE"
		sed 's/^/     /' "$TMP/.fresh"
		return 1
	fi
	[ "${1:-}" = --no-init ] && return 0
	if ! "$BIN/survey-admin" init >"$TMP/.fresh" 2>&1; then
		fail "fresh_db: survey-admin init"
		sed 's/^/     /' "$TMP/.fresh"
		return 1
	fi
	[ "${1:-}" = --no-define ] && return 0
	if ! "$BIN/survey-admin" define "$TOP/samples/definitions.yaml" >"$TMP/.fresh" 2>&1; then
		fail "fresh_db: survey-admin define samples/definitions.yaml"
		sed 's/^/     /' "$TMP/.fresh"
		return 1
	fi
	return 0
}

sql() {
	lib_q=$1
	shift
	psql -XAtq -v ON_ERROR_STOP=1 "$@" -c "$lib_q"
}

sql_file() {
	psql -Xq -v ON_ERROR_STOP=1 -f "$1" >/dev/null
}

check() {
	if [ "$2" = "$3" ]; then
		pass "$1"
		return 0
	fi
	fail "$1"
	printf '%s\n' "$2" >"$TMP/.expected"
	printf '%s\n' "$3" >"$TMP/.actual"
	diff -u "$TMP/.expected" "$TMP/.actual" | sed -e '1,2d' -e 's/^/     /'
	return 1
}

check_exit() {
	lib_name=$1
	lib_code=$2
	shift 2
	"$@" >"$OUT_FILE" 2>"$ERR_FILE"
	lib_rc=$?
	OUT=$(cat "$OUT_FILE")
	ERR=$(cat "$ERR_FILE")
	if [ "$lib_rc" = "$lib_code" ]; then
		pass "$lib_name"
		return 0
	fi
	fail "$lib_name"
	echo "     expected exit status $lib_code, got $lib_rc: $*"
	[ -n "$OUT" ] && printf '%s\n' "$OUT" | head -20 | sed 's/^/     stdout: /'
	[ -n "$ERR" ] && printf '%s\n' "$ERR" | head -20 | sed 's/^/     stderr: /'
	return 1
}

# The text to search: the file's content when $1 names a file, else $1 itself.
lib_haystack() {
	if [ -n "$1" ] && [ -f "$1" ]; then
		cat "$1"
	else
		printf '%s' "$1"
	fi
}

check_contains() {
	lib_hay=$(lib_haystack "$2")
	case $lib_hay in
	*"$3"*)
		pass "$1"
		return 0
		;;
	esac
	fail "$1"
	echo "     not found: $3"
	printf '%s\n' "$lib_hay" | head -20 | sed 's/^/     in: /'
	return 1
}

check_not_contains() {
	lib_hay=$(lib_haystack "$2")
	case $lib_hay in
	*"$3"*)
		fail "$1"
		echo "     found, but should not be: $3"
		printf '%s\n' "$lib_hay" | grep -F -- "$3" | head -5 | sed 's/^/     in: /'
		return 1
		;;
	esac
	pass "$1"
	return 0
}

# One query over every table (in one psql session): each row as "table|(row text)", sorted.
# When the dump fails, the file holds a unique line, so that no comparison can pass by accident.
db_snapshot() {
	printf '%s\n' "SELECT 'SELECT t, r FROM ('
	                  || string_agg(format('SELECT %L AS t, x::text AS r FROM %I x',
	                                       tablename, tablename), ' UNION ALL ')
	                  || ') u ORDER BY t COLLATE \"C\", r COLLATE \"C\"'
	                  FROM pg_tables WHERE schemaname = 'public'" '\gexec' |
	    psql -XAtq -v ON_ERROR_STOP=1 >"$1" 2>"$TMP/.snapshot_err"
	if [ $? -ne 0 ]; then
		echo "db_snapshot failed ($$ $(date +%s) $RANDOM): $(cat "$TMP/.snapshot_err")" >>"$1"
	fi
}

# Called where a comparison needs R and R (or its survey package) is absent: a failure, since a
# check that passes because its tool is missing proves nothing. Outside CI, BAROMETRE_NO_R=1
# (the machine was set up without R on purpose, see tools/deps.sh) prints a skip instead.
r_missing() {
	if [ "${BAROMETRE_NO_R:-0}" = 1 ] && [ "${CI:-}" != true ]; then
		echo "skip $1: R is absent and BAROMETRE_NO_R=1"
	else
		fail "$1: R or its survey package is absent (apt-get install r-base-core r-cran-survey)"
	fi
}

finish() {
	echo "$PASSED passed, $FAILED failed"
	[ "$FAILED" -eq 0 ]
	exit $?
}

fi
