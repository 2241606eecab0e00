#!/bin/sh
# man.sh: writes the manual page of a program from its own --help text (the one place where the
# options are described), so that the two never disagree. Usage: man.sh BIN/PROGRAM VERSION
set -eu
prog=$1
name=$(basename "$prog")
version=$2
date=$(date -u -d "@${SOURCE_DATE_EPOCH:-0}" +%Y-%m-%d 2>/dev/null || echo 1970-01-01)
echo ".TH $(echo "$name" | tr a-z A-Z) 1 \"$date\" \"barometre $version\" \"Baromètre usagers\""
echo ".SH NOM"
echo "$name \\- baromètre de la satisfaction des usagers"
echo ".SH DESCRIPTION"
echo ".nf"
"$prog" --help | sed -e 's/\\/\\\\/g' -e 's/^\./\\\&./' -e "s/^'/\\\\\\&'/"
echo ".fi"
echo ".SH VOIR AUSSI"
echo "survey-admin(1), collect-paper(1), collect-online(1), collect-phone(1), survey-report(1)"
