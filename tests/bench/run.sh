#!/bin/sh
# run.sh: the benchmarks of `make bench` (POSIX sh). For each size and each collector format it
# generates a synthetic export of the reference questionnaire (build/tools/gen-bench), imports it
# with the collector into an empty database (wall time and peak memory, build/tools/measure), then
# loads the very rows the collector wrote, already normalised, into the same tables of another
# empty database with psql \copy (the physical limit of this machine), and at the smallest size
# also with one INSERT per row. Then it times the flash dashboard on the largest database against
# the time the server spent in its SQL alone. Prints and writes a Markdown table.
#   sh tests/bench/run.sh [BUILD]
# Environment:
#   BENCH_SIZES    answers per file (default "10000 100000 1000000"; add 10000000 on request)
#   BENCH_FORMATS  default "tally sdaps limesurvey google-forms ms-forms kobo framaforms asterisk"
#   BENCH_OUT      the Markdown file written (default BENCH.md at the top of the tree)
#   BENCH_KEEP=1   keeps the scratch directory (generated files, logs, PDF)
#   BENCH_REPEAT   timed runs of each collector and COPY step, the best kept (default 3 below
#                  1 000 000 answers, 1 from there): a shared machine is noisy
#   BENCH_CHECKPOINT=0  no CHECKPOINT before each timed step (faster, noisier: the smoke test)
# A private PostgreSQL cluster is started for the run (survey-admin db start in a temporary
# BAROMETRE_HOME) and removed at the end, also on failure. Not a pass/fail test of speed: it
# exits 1 only when a step fails (a collector or a load exits non-zero, or no table written);
# targets missed are marked in the table.
set -u
umask 022
# Figures are written with a decimal point whatever the reader's locale (awk's printf follows
# LC_NUMERIC: under fr_FR.UTF-8 it writes "0,123").
LC_ALL=C
export LC_ALL

TOP=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-build}
case $BUILD in
/*) ;;
*) BUILD=$TOP/$BUILD ;;
esac
BIN=$BUILD/bin
TOOLS=$BUILD/tools
SIZES=${BENCH_SIZES:-10000 100000 1000000}
FORMATS=${BENCH_FORMATS:-tally sdaps limesurvey google-forms ms-forms kobo framaforms asterisk}
OUTFILE=${BENCH_OUT:-$TOP/BENCH.md}
SURVEY=flash-2025
TARGET_RATIO=1.3
TARGET_MB=32
TARGET_REPORT_RATIO=1.2
TARGET_REPORT_S=2

say() { printf '%s\n' "$*"; }
die() { say "bench: $*" >&2; exit 1; }

for p in survey-admin; do
	[ -x "$BIN/$p" ] || die "$BIN/$p is not built (run make)"
done
[ -x "$TOOLS/gen-bench" ] && [ -x "$TOOLS/measure" ] || die "$TOOLS/gen-bench or measure is not built"
command -v psql >/dev/null 2>&1 || die "psql is not installed"

BENCH_NAME=bench
. "$TOP/tests/bench/cluster.inc"
PGLOG=$BAROMETRE_HOME/postgres.log

q() {  # q DB SQL: prints the result
	psql -XAtq -v ON_ERROR_STOP=1 -d "$1" -c "$2"
}

# The template every measured database is copied from: schema and definitions, nothing else.
q postgres "CREATE DATABASE bench_tpl" >/dev/null || die "CREATE DATABASE failed"
PGDATABASE=bench_tpl "$BIN/survey-admin" init >"$WORK/init.log" 2>&1 || {
	cat "$WORK/init.log" >&2; die "survey-admin init failed"; }
PGDATABASE=bench_tpl "$BIN/survey-admin" define "$TOP/samples/definitions.yaml" \
    >>"$WORK/init.log" 2>&1 || { cat "$WORK/init.log" >&2; die "survey-admin define failed"; }

new_db() {
	q postgres "DROP DATABASE IF EXISTS \"$1\"" >/dev/null 2>&1
	q postgres "CREATE DATABASE \"$1\" TEMPLATE bench_tpl" >/dev/null
}

# Runs a command under measure; sets M_WALL (s), M_KB (peak RSS, KiB), M_STATUS. Output in $1.
measured() {
	m_log=$1
	shift
	[ "${BENCH_CHECKPOINT:-1}" = 0 ] || q postgres "CHECKPOINT" >/dev/null 2>&1
	"$TOOLS/measure" "$@" >"$m_log" 2>&1
	m_line=$(grep 'wall=[0-9.]* maxrss=[0-9]* status=[0-9]*' "$m_log" | tail -1 | sed 's/.*wall=/wall=/')
	M_WALL=$(printf '%s\n' "$m_line" | sed -n 's/^wall=\([0-9.]*\) .*/\1/p')
	M_KB=$(printf '%s\n' "$m_line" | sed -n 's/.* maxrss=\([0-9]*\) .*/\1/p')
	M_STATUS=$(printf '%s\n' "$m_line" | sed -n 's/.* status=\([0-9]*\)$/\1/p')
	[ -n "$M_WALL" ] || { M_WALL=0; M_KB=0; M_STATUS=255; }
}

# The smaller of two times (the first may be empty).
best() {
	if [ -z "$1" ]; then
		echo "$2"
	else
		awk -v a="$1" -v b="$2" 'BEGIN { print (a + 0 <= b + 0) ? a : b }'
	fi
}

# Per format: file extension, program, options, label.
fmt_ext() {
	case $1 in
	google-forms) echo zip ;;
	ms-forms) echo xlsx ;;
	*) echo csv ;;
	esac
}
fmt_cmd() {
	case $1 in
	tally) echo "collect-paper --format tally" ;;
	sdaps) echo "collect-paper --format omr --map $TOP/samples/paper/sdaps-map.yaml" ;;
	asterisk) echo "collect-phone --format ivr --map $TOP/samples/phone/asterisk-map.yaml" ;;
	*) echo "collect-online --format $1" ;;
	esac
}
fmt_label() {
	case $1 in
	tally) echo "Tally sheet (collect-paper)" ;;
	sdaps) echo "SDAPS OMR CSV (collect-paper)" ;;
	limesurvey) echo "LimeSurvey CSV (collect-online)" ;;
	google-forms) echo "Google Forms ZIP (collect-online)" ;;
	ms-forms) echo "Microsoft Forms XLSX (collect-online)" ;;
	kobo) echo "KoboToolbox CSV (collect-online)" ;;
	framaforms) echo "Framaforms TSV (collect-online)" ;;
	asterisk) echo "Asterisk CDR (collect-phone)" ;;
	*) echo "$1" ;;
	esac
}

# Writes the rows of every data table of database $1 into $2/TABLE.dat (COPY text format).
TABLES="batch response answer comment tally"
dump_rows() {
	mkdir -p "$2"
	for t in $TABLES; do
		psql -XAtq -v ON_ERROR_STOP=1 -d "$1" -c "\\copy $t to '$2/$t.dat'" || return 1
	done
}

# One INSERT statement per row, as a naive loader would send them.
dump_inserts() {
	psql -XAtq -v ON_ERROR_STOP=1 -d "$1" >"$2" <<'EOF'
SELECT format('INSERT INTO response VALUES (%L,%L,%L,%L,%L,%L,%L,%L,%L,%L,%L,%L);', org_id,
       response_id, survey_id, batch_id, site_id, channel_id, journey, answered_on, respondent,
       source_system, source_id, weight) FROM response;
SELECT format('INSERT INTO answer VALUES (%L,%L,%L,%L);', org_id, response_id, question_id,
       option_code) FROM answer;
SELECT format('INSERT INTO comment VALUES (%L,%L,%L,%L);', org_id, response_id, question_id, body)
  FROM comment;
SELECT format('INSERT INTO tally VALUES (%L,%L,%L,%L,%L,%L,%L,%L,%L,%L,%L);', org_id, tally_id,
       survey_id, batch_id, site_id, channel_id, period_start, period_end, question_id,
       option_code, n) FROM tally;
EOF
}

RESULTS=$WORK/results.tsv
: >"$RESULTS"
FAILED=0
SMALLEST=$(for s in $SIZES; do echo "$s"; done | sort -n | head -1)
LARGEST=$(for s in $SIZES; do echo "$s"; done | sort -n | tail -1)
REPORT_FMT=
for f in $FORMATS; do
	[ "$f" = limesurvey ] && REPORT_FMT=limesurvey
done
[ -n "$REPORT_FMT" ] || REPORT_FMT=$(set -- $FORMATS; echo "$1")
REPORT_DB=

for size in $SIZES; do
	for fmt in $FORMATS; do
		set -- $(fmt_cmd "$fmt")
		prog=$1
		shift
		opts=$*
		if [ ! -x "$BIN/$prog" ]; then
			say "bench: $fmt: $BIN/$prog is not built: skipped"
			continue
		fi
		file=$WORK/bench-$fmt-$size.$(fmt_ext "$fmt")
		if ! "$TOOLS/gen-bench" "$fmt" "$size" "$file" 2>"$WORK/gen.log"; then
			say "bench: $fmt $size: gen-bench failed: $(cat "$WORK/gen.log")"
			FAILED=$((FAILED + 1))
			continue
		fi
		db=b_$(printf %s "$fmt" | tr -c 'a-z0-9\n' '_')_$size
		repeat=${BENCH_REPEAT:-$([ "$size" -lt 1000000 ] && echo 3 || echo 1)}
		log=$WORK/$fmt-$size.collect.log
		c_wall= c_kb=0 c_fail=0 r=1
		while [ "$r" -le "$repeat" ]; do
			new_db "$db" || die "cannot create database $db"
			# shellcheck disable=SC2086
			PGDATABASE=$db measured "$log" "$BIN/$prog" --survey "$SURVEY" $opts "$file"
			[ "$M_STATUS" = 0 ] || { c_fail=1; break; }
			c_wall=$(best "$c_wall" "$M_WALL")
			[ "$M_KB" -gt "$c_kb" ] && c_kb=$M_KB
			r=$((r + 1))
		done
		if [ "$c_fail" = 1 ]; then
			say "bench: $fmt $size: $prog exited with status $M_STATUS:"
			tail -5 "$log" | sed 's/^/     /'
			FAILED=$((FAILED + 1))
			q postgres "DROP DATABASE IF EXISTS \"$db\"" >/dev/null
			rm -f "$file"
			continue
		fi
		answers=$(q "$db" "SELECT (SELECT count(*) FROM answer) + (SELECT COALESCE(sum(n), 0) FROM tally)")
		rows=$(q "$db" "SELECT (SELECT count(*) FROM response) + (SELECT count(*) FROM answer) + (SELECT count(*) FROM tally)")
		dump_rows "$db" "$WORK/rows" || die "cannot dump the rows of $db"
		ins_wall=-
		if [ "$size" = "$SMALLEST" ]; then
			dump_inserts "$db" "$WORK/inserts.sql" || die "cannot write the INSERT baseline"
		fi
		if [ "$fmt" = "$REPORT_FMT" ] && [ "$size" = "$LARGEST" ]; then
			REPORT_DB=$db
			REPORT_ANSWERS=$answers
		else
			q postgres "DROP DATABASE \"$db\"" >/dev/null
		fi
		# The COPY baseline: the same rows, in the same tables, in one transaction.
		: >"$WORK/copy.sql"
		for t in response answer comment tally; do
			[ -s "$WORK/rows/$t.dat" ] && say "\\copy $t from '$WORK/rows/$t.dat'" >>"$WORK/copy.sql"
		done
		copy_wall= r=1
		while [ "$r" -le "$repeat" ]; do
			new_db b_copy || die "cannot create database b_copy"
			q b_copy "\\copy batch from '$WORK/rows/batch.dat'" >/dev/null || die "loading batch failed"
			measured "$WORK/$fmt-$size.copy.log" psql -X -q -1 -v ON_ERROR_STOP=1 -d b_copy \
			    -f "$WORK/copy.sql"
			[ "$M_STATUS" = 0 ] || { cat "$WORK/$fmt-$size.copy.log" >&2; die "psql \\copy failed"; }
			copy_wall=$(best "$copy_wall" "$M_WALL")
			r=$((r + 1))
		done
		if [ "$size" = "$SMALLEST" ]; then
			new_db b_copy || die "cannot create database b_copy"
			q b_copy "\\copy batch from '$WORK/rows/batch.dat'" >/dev/null
			measured "$WORK/$fmt-$size.insert.log" psql -X -q -1 -v ON_ERROR_STOP=1 -d b_copy \
			    -f "$WORK/inserts.sql"
			[ "$M_STATUS" = 0 ] || { tail -5 "$WORK/$fmt-$size.insert.log" >&2; die "INSERT baseline failed"; }
			ins_wall=$M_WALL
			rm -f "$WORK/inserts.sql"
		fi
		q postgres "DROP DATABASE b_copy" >/dev/null
		rm -rf "$WORK/rows" "$file"
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$fmt" "$size" "$answers" "$rows" "$c_wall" \
		    "$c_kb" "$copy_wall" "$ins_wall" >>"$RESULTS"
		awk -F'\t' -v t="$TARGET_RATIO" 'END {
			printf "bench: %-12s %8d answers  collector %7.3f s (%.0f answers/s, %.1f MB)  COPY %7.3f s  ratio %.2f (target <= %s)\n",
			    $1, $3, $5, ($5 > 0 ? $3 / $5 : 0), $6 / 1024, $7, ($7 > 0 ? $5 / $7 : 0), t
		}' "$RESULTS"
	done
done

# The reports on the largest database: wall time of the program, against the time the server
# spent executing its statements (log_min_duration_statement = 0, durations summed).
REPORTS=$WORK/reports.tsv
: >"$REPORTS"
if [ -n "$REPORT_DB" ] && [ -x "$BIN/survey-report" ]; then
	for rep in flash; do
		rlog=$WORK/report-$rep.log
		PGDATABASE=$REPORT_DB "$BIN/survey-report" "$rep" --survey "$SURVEY" \
		    -o "$WORK/warm-$rep.pdf" >"$rlog" 2>&1    # warms the cache, as a second run would
		q postgres "ALTER DATABASE \"$REPORT_DB\" SET log_min_duration_statement = 0" >/dev/null
		before=$(wc -c <"$PGLOG")
		PGDATABASE=$REPORT_DB measured "$rlog" "$BIN/survey-report" "$rep" --survey "$SURVEY" \
		    -o "$WORK/$rep.pdf"
		r_wall=$M_WALL r_status=$M_STATUS r_kb=$M_KB
		sleep 1   # the server's log lines are written asynchronously
		q postgres "ALTER DATABASE \"$REPORT_DB\" RESET log_min_duration_statement" >/dev/null
		sql_ms=$(tail -c +"$((before + 1))" "$PGLOG" | \
		         sed -n 's/.* duration: \([0-9.]*\) ms.*/\1/p' | awk '{ s += $1 } END { printf "%.3f", s }')
		nstmt=$(tail -c +"$((before + 1))" "$PGLOG" | grep -c ' duration: ')
		if [ "$r_status" != 0 ]; then
			say "bench: survey-report $rep exited with status $r_status:"
			tail -5 "$rlog" | sed 's/^/     /'
			FAILED=$((FAILED + 1))
			continue
		fi
		printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$rep" "$REPORT_ANSWERS" "$r_wall" "$sql_ms" "$nstmt" \
		    "$r_kb" >>"$REPORTS"
		awk -F'\t' 'END { printf "bench: report %s on %d answers: %.3f s, its SQL %.3f s (%d statements)\n",
		    $1, $2, $3, $4 / 1000, $5 }' "$REPORTS"
	done
fi

[ -s "$RESULTS" ] || die "no measurement succeeded"

# The Markdown table.
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
pgv=$(q postgres "SHOW server_version")
fsync=$(q postgres "SHOW fsync")
fstype=$(stat -f -c %T "$BAROMETRE_HOME" 2>/dev/null)
commit=$(git -C "$TOP" rev-parse --short HEAD 2>/dev/null || echo unknown)
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
tmp_out=$OUTFILE.tmp.$$
{
	say "# Benchmarks"
	say ""
	say "Produced by \`make bench\` (tests/bench/run.sh) on $(date -u '+%Y-%m-%d %H:%M UTC'), tree at commit $commit."
	say ""
	say "Machine: ${cpu:-unknown CPU}, $(nproc 2>/dev/null || echo '?') CPU(s), ${mem:-? RAM}, $(uname -sr);"
	say "PostgreSQL $pgv (private cluster of \`survey-admin db start\`, default settings, fsync $fsync,"
	say "data on $fstype); load average at the end of the run: ${load:-?}. Sizes: $(echo $SIZES) answers; survey $SURVEY (6 questions per form)."
	say ""
	say "Method: each export is generated by \`build/tools/gen-bench\` and imported by its collector into an"
	say "empty database (wall time and peak resident memory of the collector process, \`build/tools/measure\`)."
	say "The rows the collector wrote (responses, answers, tallies) are then loaded, already normalised, into"
	say "the same tables of another empty database by \`psql -1\` with \`\\copy\`: the physical limit of the"
	say "machine. At the smallest size the same rows are also loaded by one INSERT statement per row (one"
	say "transaction). A checkpoint precedes each timed step; below 1 000 000 answers each collector and COPY"
	say "step runs 3 times on a fresh database and the best time is kept (peak memory: the largest)."
	say "Answers/s counts answers (one per question answered; a tally row counts its number of forms)."
	say "On a shared or loaded machine single runs vary by a factor of up to 2: compare the ratios of one"
	say "size across formats with care, and rerun before concluding."
	say ""
	say "## Collectors against COPY"
	say ""
	say "| Format | Answers | Collector | Answers/s | COPY | Collector / COPY (target <= $TARGET_RATIO) | Peak memory (target <= $TARGET_MB MB) |"
	say "|---|---:|---:|---:|---:|---:|---:|"
	while IFS='	' read -r fmt size answers rows cw ckb copyw insw; do
		label=$(fmt_label "$fmt")
		awk -v l="$label" -v a="$answers" -v cw="$cw" -v ckb="$ckb" -v pw="$copyw" \
		    -v tr="$TARGET_RATIO" -v tm="$TARGET_MB" 'BEGIN {
			r = pw > 0 ? cw / pw : 0; mb = ckb / 1024
			printf "| %s | %d | %.3f s | %.0f | %.3f s | %.2f %s | %.1f MB %s |\n", l, a, cw,
			    (cw > 0 ? a / cw : 0), pw, r, (r <= tr ? "ok" : "**over**"), mb,
			    (mb <= tm ? "ok" : "**over**")
		}'
	done <"$RESULTS"
	say ""
	say "## Peak memory from the smallest to the largest size"
	say ""
	printf '| Format |'
	for s in $SIZES; do printf ' %s answers |' "$s"; done
	printf ' Flat and <= %s MB |\n|---|' "$TARGET_MB"
	for s in $SIZES; do printf -- '---:|'; done
	printf -- '---|\n'
	for fmt in $FORMATS; do
		grep -q "^$fmt	" "$RESULTS" || continue
		printf '| %s |' "$(fmt_label "$fmt")"
		for s in $SIZES; do
			awk -F'\t' -v f="$fmt" -v s="$s" '$1 == f && $2 == s { printf " %.1f MB", $6 / 1024; x = 1 }
			    END { if (!x) printf " -"; printf " |" }' "$RESULTS"
		done
		awk -F'\t' -v f="$fmt" -v tm="$TARGET_MB" '$1 == f { mb = $6 / 1024; if (mb > max) max = mb;
		    if (min == 0 || mb < min) min = mb }
		    END { printf " %s (%.1f to %.1f MB) |\n", (max <= tm ? "ok" : "**over**"), min, max }' "$RESULTS"
	done
	say ""
	say "## Row-by-row INSERT at $SMALLEST answers"
	say ""
	say "| Format | Answers | Rows | INSERT per row | Answers/s | INSERT / COPY | Collector / INSERT |"
	say "|---|---:|---:|---:|---:|---:|---:|"
	while IFS='	' read -r fmt size answers rows cw ckb copyw insw; do
		[ "$insw" = - ] && continue
		awk -v l="$(fmt_label "$fmt")" -v a="$answers" -v n="$rows" -v cw="$cw" -v pw="$copyw" \
		    -v iw="$insw" 'BEGIN {
			printf "| %s | %d | %d | %.3f s | %.0f | %.1f | %.2f |\n", l, a, n, iw,
			    (iw > 0 ? a / iw : 0), (pw > 0 ? iw / pw : 0), (iw > 0 ? cw / iw : 0)
		}'
	done <"$RESULTS"
	say ""
	say "## Reports on the largest database"
	say ""
	if [ -s "$REPORTS" ]; then
		say "The report's wall time (connection, SQL, layout, PDF written) against the time the server"
		say "spent executing its statements (\`log_min_duration_statement = 0\`, durations summed; second"
		say "run, cache warm)."
		say ""
		say "| Report | Answers in the database | Wall time | Its SQL alone | Statements | Report / SQL (target <= $TARGET_REPORT_RATIO) | Under $TARGET_REPORT_S s | Peak memory |"
		say "|---|---:|---:|---:|---:|---:|---:|---:|"
		while IFS='	' read -r rep answers rw sqlms nstmt rkb; do
			awk -v l="survey-report $rep" -v a="$answers" -v rw="$rw" -v sq="$sqlms" -v n="$nstmt" \
			    -v kb="$rkb" -v tr="$TARGET_REPORT_RATIO" -v ts="$TARGET_REPORT_S" 'BEGIN {
				s = sq / 1000; r = s > 0 ? rw / s : 0
				printf "| %s | %d | %.3f s | %.3f s | %d | %.2f %s | %s | %.1f MB |\n", l, a, rw, s, n,
				    r, (r <= tr ? "ok" : "**over**"), (rw < ts ? "ok" : "**over**"), kb / 1024
			}'
		done <"$REPORTS"
	else
		say "Not measured (survey-report not built, or the report failed)."
	fi
	say ""
	say "Reproduce: \`make bench\` (sizes: \`BENCH_SIZES=\"10000 100000 1000000 10000000\" make bench\`)."
} >"$tmp_out" || die "cannot write $tmp_out"
mv "$tmp_out" "$OUTFILE" || die "cannot write $OUTFILE"
say ""
cat "$OUTFILE"
say ""
say "bench: table written to $OUTFILE"
[ "$FAILED" -eq 0 ]
