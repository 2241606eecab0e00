#!/bin/sh
# lint.sh: bans C functions that invite overflows or hide errors (strcpy, sprintf, atoi, strtok,
# gets, and their close cousins), and checks that every .c and .h opens with a header comment.
set -u
cd "$(dirname "$0")/.."
status=0
files=$(find core collectors reports schema tests -name '*.[ch]' 2>/dev/null | sort)
banned='\b(strcpy|strcat_s|sprintf|vsprintf|atoi|atol|atof|strtok|gets|stpcpy)[[:space:]]*\('
if grep -nE "$banned" $files; then
	echo "lint: fonctions interdites ci-dessus (utilisez snprintf, strtol, strtok_r...)." >&2
	status=1
fi
for f in $files; do
	case "$(head -c 2 "$f")" in
	'/*') ;;
	*) echo "lint: $f ne commence pas par un commentaire d'en-tête." >&2; status=1 ;;
	esac
done
# Every message is a printf format: a "%" must start a conversion (or be written "%%"), else the
# C library prints it as it likes (and ASan warns).
if ! command -v perl >/dev/null 2>&1; then
	echo "lint: perl manque pour vérifier core/messages.def." >&2
	status=1
elif ! perl -ne 'while (/"((?:[^"\\]|\\.)*)"/g) { my $t = $1; $t =~ s/%%//g;
	        $t =~ s/%([0-9]+\$)?[-+ #0]*(\*|[0-9]+)?(\.[0-9]+)?(hh|h|ll|l|z|j|t)?[diouxXeEfgGcsp]//g;
	        if ($t =~ /%/) { print STDERR "core/messages.def:$.: « % » isolé (écrivez %%)\n"; $bad = 1 } }
	        END { exit($bad ? 1 : 0) }' core/messages.def; then
	status=1
fi
[ $status = 0 ] && echo "lint: ok ($(echo "$files" | wc -l) fichiers)."
exit $status
