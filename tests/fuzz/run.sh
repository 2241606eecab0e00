#!/bin/sh
# run.sh: builds and runs the libFuzzer targets tests/fuzz/fuzz_*.c (POSIX sh).
#   sh tests/fuzz/run.sh [fuzz]           (make fuzz) builds every target with clang
#       -fsanitize=fuzzer,address,undefined in build-fuzz/, with all of core/*.c and the adapter
#       files the target names on a line "// fuzz-sources: collectors/paper/tally.c ...", and runs
#       each for FUZZ_SECONDS (default 30) from a seed corpus made of samples/ and tests/data/
#       (or of the directories named on a line "// fuzz-corpus: samples/phone tests/data/phone")
#       plus its regression inputs (tests/data/fuzz-regressions/TARGET/; inputs of bugs not fixed
#       yet wait in tests/data/fuzz-regressions/pending/TARGET/, not replayed). A crash, leak, timeout or out-of-memory input is copied to
#       tests/data/fuzz-regressions/TARGET/ and the run fails.
#   sh tests/fuzz/run.sh replay [BUILD]   builds each target with the ordinary compiler against
#       BUILD/libcore.a (default build; sanitized when BUILD is) and a plain main() (replay_main.c)
#       and replays tests/data/fuzz-regressions/TARGET/* and the seed corpus through it; fails
#       when any input crashes. `make check` runs this through tests/integration/reliability_fuzz.sh.
# Environment: FUZZ_TARGETS="rowstream map" runs only those; FUZZ_SECONDS; CLANG (default clang);
# FUZZ_JOBS (parallel libFuzzer jobs per target, default 1).
set -u
ulimit -c 0 2>/dev/null

MODE=${1:-fuzz}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
cd "$TOP" || exit 2
FUZZ_SECONDS=${FUZZ_SECONDS:-30}
CLANG=${CLANG:-clang}
REGRESS=$TOP/tests/data/fuzz-regressions
PKGS="libpq cairo pangocairo pango libzip expat libcrypto libfyaml"
PKG_CFLAGS=$(pkg-config --cflags $PKGS 2>/dev/null)
PKG_LIBS="$(pkg-config --libs $PKGS 2>/dev/null) -lcsv -lm"
BASE_CFLAGS="-std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -DBAROMETRE_VERSION=\"fuzz\" -Icore -Ischema"
SEED_MAX=262144

say() { printf '%s\n' "$*"; }

targets() {
	for t in tests/fuzz/fuzz_*.c; do
		[ -f "$t" ] || continue
		name=$(basename "$t" .c)
		name=${name#fuzz_}
		if [ -n "${FUZZ_TARGETS:-}" ]; then
			case " $FUZZ_TARGETS " in
			*" $name "*) ;;
			*) continue ;;
			esac
		fi
		printf '%s\n' "$name"
	done
}

# The words after "// fuzz-sources:" (or fuzz-corpus:) in a target's source. Without a
# fuzz-sources line, the collector files (not main.c) that its header comment names.
directive() {
	d_=$(sed -n "s|^[[:space:]]*//[[:space:]]*fuzz-$2:[[:space:]]*||p" "tests/fuzz/fuzz_$1.c" | \
	     tr '\n' ' ')
	if [ -z "$d_" ] && [ "$2" = sources ]; then
		d_=$(sed -n '1,/\*\//p' "tests/fuzz/fuzz_$1.c" | \
		     grep -o 'collectors/[a-z]*/[a-z_]*\.c' | grep -v '/main\.c$' | sort -u | tr '\n' ' ')
	fi
	printf '%s' "$d_"
}

# -I for the directory of each adapter file a target names (for its private headers).
includes() {
	for s in $(directive "$1" sources); do
		printf -- '-I%s ' "$(dirname "$s")"
	done
}

# Fills directory $2 with target $1's seeds: the regression inputs and the small files of its
# corpus directories.
seed_corpus() {
	rm -rf "$2" "$2.list"
	mkdir -p "$2"
	: >"$2.list"
	dirs=$(directive "$1" corpus)
	[ -n "$dirs" ] || dirs="samples tests/data"
	i=0
	for f in $(find $dirs -path "$REGRESS" -prune -o -path tests/data/fuzz-regressions -prune -o \
	               -type f -size -${SEED_MAX}c -print 2>/dev/null | LC_ALL=C sort) \
	         $(find "$REGRESS/$1" -type f 2>/dev/null | LC_ALL=C sort); do
		i=$((i + 1))
		cp "$f" "$2/seed-$i"
		printf 'seed-%s %s\n' "$i" "$f" >>"$2.list"
	done
}

# Compiles src into obj with the given compiler and flags when obj is missing or older than its
# source or any core header. Returns the compiler's status.
compile() {
	cc_=$1 src_=$2 obj_=$3
	shift 3
	if [ -f "$obj_" ] && [ "$obj_" -nt "$src_" ] && \
	   [ -z "$(find core -name '*.h' -newer "$obj_" 2>/dev/null)" ] && \
	   [ -z "$(find core -name 'messages.def' -newer "$obj_" 2>/dev/null)" ]; then
		return 0
	fi
	mkdir -p "$(dirname "$obj_")"
	# shellcheck disable=SC2086
	$cc_ $BASE_CFLAGS $PKG_CFLAGS "$@" -c "$src_" -o "$obj_"
}

fuzz_all() {
	if ! command -v "$CLANG" >/dev/null 2>&1; then
		say "FAIL fuzz: $CLANG is not installed (libFuzzer needs clang)"
		return 1
	fi
	out=$TOP/build-fuzz
	flags="-g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined"
	mkdir -p "$out/obj" "$out/bin" "$out/work"
	core_objs=
	for c in core/*.c; do
		o=$out/obj/${c%.c}.o
		compile "$CLANG" "$c" "$o" $flags || return 1
		core_objs="$core_objs $o"
	done
	failed=0
	ran=0
	for name in $(targets); do
		extra=
		for s in $(directive "$name" sources); do
			o=$out/obj/${s%.c}.o
			if ! compile "$CLANG" "$s" "$o" $flags -I"$(dirname "$s")"; then
				failed=$((failed + 1))
				continue 2
			fi
			extra="$extra $o"
		done
		to=$out/obj/tests/fuzz/fuzz_$name.o
		if ! compile "$CLANG" "tests/fuzz/fuzz_$name.c" "$to" $flags $(includes "$name"); then
			say "FAIL fuzz_$name: does not compile"
			failed=$((failed + 1))
			continue
		fi
		# shellcheck disable=SC2086
		if ! $CLANG -fsanitize=fuzzer,address,undefined -o "$out/bin/fuzz_$name" "$to" \
		        $extra $core_objs $PKG_LIBS; then
			say "FAIL fuzz_$name: does not link"
			failed=$((failed + 1))
			continue
		fi
		work=$out/work/$name
		rm -rf "$work"
		mkdir -p "$work/corpus" "$work/artifacts"
		seed_corpus "$name" "$work/seeds"
		ran=$((ran + 1))
		say "fuzz_$name: ${FUZZ_SECONDS}s from $(ls "$work/seeds" | wc -l) seeds"
		jobs=
		[ "${FUZZ_JOBS:-1}" -gt 1 ] && jobs="-jobs=$FUZZ_JOBS -workers=$FUZZ_JOBS"
		# From the work directory: with -jobs, libFuzzer writes fuzz-N.log in the current one.
		# shellcheck disable=SC2086
		(cd "$work" && UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		    ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
		    "$out/bin/fuzz_$name" -max_total_time="$FUZZ_SECONDS" -timeout=25 -rss_limit_mb=2048 \
		    $jobs -artifact_prefix="$work/artifacts/" -print_final_stats=1 \
		    "$work/corpus" "$work/seeds") >"$work/log" 2>&1
		rc=$?
		cat "$work"/fuzz-*.log >>"$work/log" 2>/dev/null
		found=$(ls "$work/artifacts" 2>/dev/null)
		if [ "$rc" -ne 0 ] || [ -n "$found" ]; then
			failed=$((failed + 1))
			mkdir -p "$REGRESS/$name"
			for a in $found; do
				cp "$work/artifacts/$a" "$REGRESS/$name/$a"
			done
			say "FAIL fuzz_$name (exit $rc): inputs kept in tests/data/fuzz-regressions/$name/:"
			for a in $found; do say "     $a"; done
			grep -E 'ERROR|runtime error|Assertion|SUMMARY|==[0-9]+==' "$work/log" | head -15 | \
			    sed 's/^/     /'
		else
			execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -1)
			say "ok   fuzz_$name (${execs:-?} inputs, no crash)"
		fi
	done
	say "fuzz: $ran target(s) run, $failed failed"
	[ "$failed" -eq 0 ]
}

replay_all() {
	build=${1:-build}
	case $build in
	/*) ;;
	*) build=$TOP/$build ;;
	esac
	if [ ! -f "$build/libcore.a" ]; then
		say "FAIL replay: $build/libcore.a is not built"
		return 1
	fi
	cc_=${CC:-cc}
	flags="-g -O1"
	if nm "$build/libcore.a" 2>/dev/null | grep -q __asan_; then
		flags="$flags -fsanitize=address,undefined -fno-omit-frame-pointer"
		flags="$flags -fno-sanitize-recover=undefined"
	fi
	out=$build/fuzz-replay
	mkdir -p "$out"
	failed=0
	ran=0
	for name in $(targets); do
		extra=
		for s in $(directive "$name" sources); do
			o=$build/obj/${s%.c}.o
			if [ ! -f "$o" ]; then
				say "FAIL replay fuzz_$name: $o is not built"
				failed=$((failed + 1))
				continue 2
			fi
			extra="$extra $o"
		done
		# shellcheck disable=SC2086
		if ! $cc_ $BASE_CFLAGS $PKG_CFLAGS $flags $(includes "$name") -o "$out/fuzz_$name" \
		        "tests/fuzz/fuzz_$name.c" tests/fuzz/replay_main.c $extra \
		        "$build/libcore.a" $PKG_LIBS 2>"$out/fuzz_$name.cc.log"; then
			say "FAIL replay fuzz_$name: does not compile"
			sed 's/^/     /' "$out/fuzz_$name.cc.log" | head -20
			failed=$((failed + 1))
			continue
		fi
		seed_corpus "$name" "$out/inputs-$name"
		n=$(ls "$out/inputs-$name" | wc -l)
		ran=$((ran + 1))
		# All inputs in one process; after a failure, one process per input to name the culprit.
		bad=0
		if ! ASAN_OPTIONS=detect_leaks=1 "$out/fuzz_$name" "$out/inputs-$name"/* \
		        >"$out/run.log" 2>&1; then
			for f in "$out/inputs-$name"/*; do
				[ -f "$f" ] || continue
				ASAN_OPTIONS=detect_leaks=1 "$out/fuzz_$name" "$f" >"$out/run.log" 2>&1 && \
				    continue
				bad=$((bad + 1))
				[ "$bad" -le 5 ] || continue
				say "FAIL replay fuzz_$name: $(sed -n "s|^$(basename "$f") ||p" \
				    "$out/inputs-$name.list")"
				grep -E 'ERROR|runtime error|Assertion|SUMMARY' "$out/run.log" | head -5 | \
				    sed 's/^/     /'
			done
			[ "$bad" -gt 0 ] || bad=1
		fi
		if [ "$bad" -gt 0 ]; then
			failed=$((failed + 1))
		else
			say "ok   replay fuzz_$name ($n inputs)"
		fi
		rm -rf "$out/inputs-$name" "$out/inputs-$name.list"
	done
	say "replay: $ran target(s), $failed failed"
	[ "$failed" -eq 0 ]
}

case $MODE in
fuzz) fuzz_all ;;
replay) replay_all "${2:-build}" ;;
*) say "usage: sh tests/fuzz/run.sh [fuzz | replay [BUILD]]" >&2; exit 2 ;;
esac
