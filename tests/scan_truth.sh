# scan_truth.sh: what tests/integration/scan.sh and tests/bench/scan.sh share to check a scanned
# pile against the truth tests/tools/scanpile wrote (POSIX sh, sourced; needs psql on PG*).

# "SERIAL QUESTION OPTION" for every answer of batch $1.
db_answers() {
	psql -XAtq -v ON_ERROR_STOP=1 -F ' ' -c "SELECT split_part(r.source_id, '-', 2), q.code, a.option_code
	       FROM response r
	       JOIN answer a ON a.org_id = r.org_id AND a.response_id = r.response_id
	       JOIN question q ON q.org_id = a.org_id AND q.question_id = a.question_id
	      WHERE r.batch_id = $1"
}

# Compares the truth ($1) with the answers stored ($2) and the questions the summary ($3) lists
# as unreadable. Prints "questions right doubtful silent"; each silent error goes to stderr.
compare_truth() {
	sed -n 's/.*(exemplaire n° \([0-9]*\)), question « .* » (\([A-Z_0-9]*\)) : .*/\1 \2/p' "$3" >"$3.flag"
	awk -v DB="$2" -v FL="$3.flag" '
	BEGIN {
		while ((getline l < DB) > 0) {
			split(l, f, " ")
			k = f[1] " " f[2]
			if (k in got) got[k] = got[k] "," f[3]; else got[k] = f[3]
		}
		while ((getline l < FL) > 0) flag[l] = 1
	}
	{
		k = $1 " " $2; g = (k in got) ? got[k] : "-"; fl = (k in flag); total++
		if ($3 == "?" && g == "-" && fl) right++
		else if ($3 != "?" && g == $3 && !fl) right++
		else if ($3 != "?" && g == "-" && fl) doubt++
		else { silent++; print "silent error: " $0 ", read " g (fl ? ", listed" : "") > "/dev/stderr" }
	}
	END { printf "%d %d %d %d\n", total, right, doubt, silent }' "$1"
}

