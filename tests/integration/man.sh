# man.sh: the manual pages that `make install` writes (tools/man.sh), read with man(1) as a user
# would, under the POSIX locale (LANG unset) and under C.UTF-8: each page is dated from the
# release (or SOURCE_DATE_EPOCH), has its own NAME line, fits 80 columns, and keeps its accents
# where the locale can show them (never mojibake where it cannot); survey-report's page lists
# the options of each of its commands.
RELEASE=$(sed -n 's/^RELEASE_DATE := //p' "$TOP/Makefile")
VERSION=$(sed -n 's/^VERSION := //p' "$TOP/Makefile")
check "the Makefile gives a release date" yes \
    "$(printf '%s\n' "$RELEASE" | grep -qx '[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]' && echo yes)"
if ! command -v man >/dev/null 2>&1; then
	fail "man is not installed (apt-get install man-db): the pages cannot be read"
	finish
fi

names=
for p in survey-admin collect-paper collect-online collect-phone survey-report; do
	check_exit "$p: page written" 0 env -u SOURCE_DATE_EPOCH sh "$TOP/tools/man.sh" "$BIN/$p" \
	    "$VERSION" "$RELEASE"
	cp "$OUT_FILE" "$TMP/$p.1"
	check_contains "$p: dated from the release" "$TMP/$p.1" "\"$RELEASE\""
	check_contains "$p: declares UTF-8" "$(head -1 "$TMP/$p.1")" "coding: UTF-8"
	name=$(sed -n '/^\.SH NOM$/{n;p;}' "$TMP/$p.1")
	check_contains "$p: NAME line names the program" "$name" "$p \\- "
	names="$names$name
"
	for loc in POSIX C.UTF-8; do
		if [ "$loc" = POSIX ]; then
			env -i PATH="$PATH" MANWIDTH=80 man -l "$TMP/$p.1" >"$TMP/$p.$loc.txt" 2>"$TMP/$p.err"
		else
			env -i PATH="$PATH" LANG=$loc MANWIDTH=80 man -l "$TMP/$p.1" >"$TMP/$p.$loc.txt" \
			    2>"$TMP/$p.err"
		fi
		check "$p ($loc): man reads it without a warning" "" "$(cat "$TMP/$p.err")"
		# Characters, not bytes: count the bytes that do not continue a UTF-8 sequence.
		check "$p ($loc): every line fits 80 columns" "" \
		    "$(LC_ALL=C awk '{ s = $0; gsub(/[\200-\277]/, "", s); if (length(s) > 80) print }' \
		        "$TMP/$p.$loc.txt")"
		check_not_contains "$p ($loc): no mojibake" "$TMP/$p.$loc.txt" "Ã"
	done
	check_contains "$p (C.UTF-8): accents kept" "$TMP/$p.C.UTF-8.txt" "Baromètre usagers"
	check_contains "$p (POSIX): accents shown as plain letters" "$TMP/$p.POSIX.txt" \
	    "Barometre usagers"
done
check "five different NAME lines" 5 "$(printf '%s' "$names" | sort -u | grep -c .)"

for opt in "COMMANDE FLASH" "COMMANDE BRIEF" "COMMANDE WEIGHT" "--bundle FICHIER" "--margins FICHIER" \
    "--trim MIN:MAX" "--max-iter N"; do
	check_contains "survey-report page lists $opt" "$TMP/survey-report.POSIX.txt" "$opt"
done

check_exit "SOURCE_DATE_EPOCH dates the page" 0 env SOURCE_DATE_EPOCH=1740787200 \
    sh "$TOP/tools/man.sh" "$BIN/survey-admin" "$VERSION" "$RELEASE"
check_contains "SOURCE_DATE_EPOCH dates the page: 2025-03-01" "$OUT" '"2025-03-01"'
finish
