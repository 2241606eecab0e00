#!/bin/sh
# man.sh: writes the manual page of a program from its own --help text (the one place where the
# options are described), so that the two never disagree.
#   sh tools/man.sh BIN/PROGRAM VERSION RELEASE_DATE [README.md]
# The page is dated SOURCE_DATE_EPOCH when it is set, else RELEASE_DATE (YYYY-MM-DD, the
# Makefile's). Its NAME line is the program's row of the README's table of programs. A program
# with subcommands (survey-report) gets one section per subcommand, from "PROGRAM SUB --help".
# The help text is turned into man markup rather than copied as preformatted text, so that man
# wraps it to the reader's terminal (80 columns or less): "usage :" lines form the SYNOPSIS,
# "Titre :" lines subsections, "  --option ARG   text" lines tagged paragraphs; the rest is
# filled text. The first line declares UTF-8, so that man reads the accents right in any locale.
set -eu
prog=$1
version=$2
release=$3
readme=${4:-$(dirname "$0")/../README.md}
name=$(basename "$prog")

if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
	date=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)
else
	date=$release
fi
# The README's table row: | `name` | for whom | what it does |
tagline=$(awk -F'|' -v n="\`$name\`" '{ c = $2; gsub(/^ +| +$/, "", c) }
                                      c == n { t = $4; gsub(/^ +| +$/, "", t); print t; exit }' "$readme")
if [ -z "$tagline" ]; then
	echo "man.sh: $name n'a pas de ligne dans le tableau des programmes de $readme" >&2
	exit 1
fi

# Turns one help text (standard input) into man markup; $1 is the heading of its synopsis.
convert() {
	awk -v synopsis="$1" '
	function esc(s) {
		gsub(/\\/, "\\e", s)
		gsub(/-/, "\\-", s)
		return s
	}
	function line(s) {
		s = esc(s)
		if (s ~ /^[.\047]/)
			s = "\\&" s
		print s
	}
	function flush_para() { pending_pp = 0 }
	BEGIN { state = "usage"; item_indent = -1 }
	state == "usage" {
		# one hanging paragraph per usage line, its indented continuations joined to it
		if ($0 ~ /^usage : / || ($0 ~ /^ +[^ ]/ && started)) {
			if (!started) { print ".SH " synopsis; started = 1 }
			s = $0
			if (sub(/^usage : /, "", s)) print ".HP 4"
			sub(/^ +/, "", s)
			line(s)
			next
		}
		state = "body"
		print ".SH DESCRIPTION"
	}
	/^[ \t]*$/ { item_indent = -1; pending_pp = 1; next }
	{
		match($0, /^ */)
		indent = RLENGTH
		text = substr($0, indent + 1)
	}
	indent == 0 && text ~ / :$/ && length(text) < 40 {
		sub(/ :$/, "", text)
		print ".SS " esc(text)
		pending_pp = 0
		item_indent = -1
		next
	}
	indent > 0 && item_indent >= 0 && indent > item_indent {
		# continuation of an item: a line without blanks (an example) keeps its own line
		if (text !~ / /) print ".br"
		line(text)
		if (text !~ / /) print ".br"
		next
	}
	indent > 0 && indent <= 4 {
		if (match(text, /[^ ]  +[^ ]/)) {
			tag = substr(text, 1, RSTART)
			body = substr(text, RSTART + 1)
			sub(/^ +/, "", body)
		} else {
			tag = text
			body = ""
		}
		print ".TP"
		print "\\fB" esc(tag) "\\fR"
		if (body != "") line(body)
		else print "\\&"
		item_indent = indent
		pending_pp = 0
		next
	}
	{
		if (pending_pp) { print ".PP"; pending_pp = 0 }
		line(text)
	}
	'
}

echo '.\" -*- coding: UTF-8 -*-'
echo ".\\\" Written by tools/man.sh from $name --help: edit the help text, not this file."
echo ".TH $(echo "$name" | tr a-z A-Z) 1 \"$date\" \"barometre $version\" \"Baromètre usagers\""
# No hyphenation nor justification: options stay whole, and French reads better ragged.
echo ".nh"
echo ".ad l"
echo ".SH NOM"
echo "$name \\- $tagline"
"$prog" --help | convert SYNOPSIS
# Subcommands: the "Commandes :" list of a program whose commands have their own --help.
# Only a program whose help says that each command has its own (« COMMANDE --help »).
subs=$("$prog" --help | awk '/COMMANDE --help/ { own = 1 }
                            /^Commandes :$/ { on = 1; next } on && /^$/ { on = 0 }
                            on && /^  [a-z]/ { list = list " " $1 } END { if (own) print list }')
for sub in $subs; do
	if "$prog" "$sub" --help >/dev/null 2>&1; then
		echo ".SH \"COMMANDE $(echo "$sub" | tr a-z A-Z)\""
		"$prog" "$sub" --help | convert "SYNOPSIS DE $(echo "$sub" | tr a-z A-Z)" |
		    sed -e 's/^\.SH DESCRIPTION$/.PP/' -e 's/^\.SH \(SYNOPSIS.*\)$/.SS \1/'
	fi
done
echo ".SH \"VOIR AUSSI\""
echo "survey\\-admin(1), collect\\-paper(1), collect\\-online(1), collect\\-phone(1), survey\\-report(1)"
