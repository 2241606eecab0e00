# brief.sh: survey-report brief on the large survey (weighted), its mirror survey and the flash
# surveys: pages and metadata, embedded fonts, byte-identical runs, the figures printed against
# SQL computed here, the intervals and tests against R's svyciprop and svyttest (tests/r/brief.R)
# to 1e-6, the open-data CSV and the bundle.
. "$TOP/tests/integration/large_load.inc"

fresh_db || finish
sql_file "$TOP/tests/integration/flash_data.sql"
load_large
check_exit "weight the large survey" 0 "$BIN/survey-report" weight --survey grande-enquete-2023 \
    --margins "$TOP/samples/margins-grande-enquete-2023.csv"

check_exit "brief" 0 "$BIN/survey-report" brief --survey grande-enquete-2023 -o "$TMP/b.pdf" \
    --csv "$TMP/b.csv" --bundle "$TMP/b.zip"
check_exit "brief again" 0 "$BIN/survey-report" brief --survey grande-enquete-2023 -o "$TMP/b2.pdf"
check "two runs give the same bytes" same "$(cmp -s "$TMP/b.pdf" "$TMP/b2.pdf" && echo same)"
SOURCE_DATE_EPOCH=1700000000 "$BIN/survey-report" brief --survey grande-enquete-2023 -o "$TMP/b3.pdf"
check "SOURCE_DATE_EPOCH dates the document" "Tue Nov 14 22:13:20 2023 UTC" \
    "$(TZ=UTC pdfinfo "$TMP/b3.pdf" | sed -n 's/^CreationDate: *//p')"

pdfinfo "$TMP/b.pdf" >"$TMP/info"
PAGES=$(sed -n 's/^Pages: *//p' "$TMP/info")
check "between 8 and 12 pages" yes "$([ "$PAGES" -ge 8 ] && [ "$PAGES" -le 12 ] && echo yes)"
check_contains "title" "$TMP/info" "Title:           Note au conseil — Grande enquête 2023"
check_contains "author" "$TMP/info" "Author:          Ville d'Exemple"
check_contains "tagged" "$TMP/info" "Tagged:          yes"
check_contains "A4" "$TMP/info" "(A4)"
check "every font embedded" "" "$(pdffonts "$TMP/b.pdf" | awk 'NR > 2 && $(NF-4) != "yes"')"
pdftotext "$TMP/b.pdf" "$TMP/b.txt"
for h in "L'essentiel en cinq points" "Chiffres clés de l'enquête 2023" \
         "Évolutions : grandes enquêtes et enquêtes flash" "Résultats par canal, site et parcours" \
         "Résultats par profil des usagers" "Regards croisés" "Méthode" "Sources et lots"; do
	check_contains "section: $h" "$(tr '\302\240' '  ' <"$TMP/b.txt" | tr -s ' ')" "$h"
done
check_not_contains "comments never printed" "$TMP/b.txt" "Très bon accueil, merci"

# The weighted rate of overall satisfaction, computed here with SQL, as printed.
# pdftotext writes the no-break spaces of the PDF as plain spaces.
NB=' '
fr() { printf '%s' "$1" | tr . ,; }
RATE=$(sql "SELECT to_char(round((100 * sum(r.weight) FILTER (WHERE o.positive) / sum(r.weight))::numeric, 1), 'FM990.0')
              FROM response r JOIN survey s USING (org_id, survey_id)
              JOIN answer a ON a.org_id = r.org_id AND a.response_id = r.response_id
              JOIN question q ON q.org_id = a.org_id AND q.question_id = a.question_id
              JOIN option o ON o.org_id = a.org_id AND o.question_id = a.question_id AND o.code = a.option_code
             WHERE s.code = 'grande-enquete-2023' AND q.code = 'SATISF_GLOBALE' AND o.counted")
RAW=$(sql "SELECT to_char(round((100.0 * count(*) FILTER (WHERE o.positive) / count(*))::numeric, 1), 'FM990.0')
              FROM response r JOIN survey s USING (org_id, survey_id)
              JOIN answer a ON a.org_id = r.org_id AND a.response_id = r.response_id
              JOIN question q ON q.org_id = a.org_id AND q.question_id = a.question_id
              JOIN option o ON o.org_id = a.org_id AND o.question_id = a.question_id AND o.code = a.option_code
             WHERE s.code = 'grande-enquete-2023' AND q.code = 'SATISF_GLOBALE' AND o.counted")
check_contains "summary sentence with the weighted rate" "$(tr '\n' ' ' <"$TMP/b.txt")" \
    "Taux de satisfaction globale${NB}: $(fr "$RATE")${NB}% en 2023"
check_contains "cover shows the weighted rate" "$TMP/b.txt" "$(fr "$RATE")${NB}%"
check_contains "raw rate in key figures" "$TMP/b.txt" "$(fr "$RAW")${NB}%"
check_contains "flash 2025 rise marked in trends" "$TMP/b.txt" "▲ 92,8${NB}% · n = 612"
check_contains "flash 2025 fall marked in trends" "$TMP/b.txt" "▼ 60,0${NB}% · n = 400"
check "small site (Police municipale, 25 answers) suppressed: no rate" "25||" \
    "$(awk -F';' '$1 == "site" && $3 == "SATISF_GLOBALE" && $5 == "PM" { print $7 "|" $8 "|" $13 }' "$TMP/b.csv")"
check_contains "design effect in the method" "$TMP/b.txt" "effet de plan dû à la pondération (Kish)${NB}: 1,34"

# Intervals and tests against R.
if command -v Rscript >/dev/null 2>&1 && Rscript -e 'suppressPackageStartupMessages(library(survey))' >/dev/null 2>&1; then
	psql -X --csv -v ON_ERROR_STOP=1 -c "
	  SELECT r.weight, o.positive::int AS y, ch.code AS canal,
	         (SELECT a2.option_code FROM answer a2 JOIN question q2 USING (org_id, question_id)
	            JOIN option o2 ON o2.org_id = a2.org_id AND o2.question_id = a2.question_id AND o2.code = a2.option_code
	           WHERE a2.org_id = r.org_id AND a2.response_id = r.response_id AND q2.code = 'PROFIL_SEXE' AND o2.counted) AS sexe,
	         (SELECT a2.option_code FROM answer a2 JOIN question q2 USING (org_id, question_id)
	           WHERE a2.org_id = r.org_id AND a2.response_id = r.response_id AND q2.code = 'PROFIL_AGE') AS age
	    FROM response r JOIN survey s USING (org_id, survey_id)
	    JOIN answer a ON a.org_id = r.org_id AND a.response_id = r.response_id
	    JOIN question q ON q.org_id = a.org_id AND q.question_id = a.question_id
	    JOIN option o ON o.org_id = a.org_id AND o.question_id = a.question_id AND o.code = a.option_code
	    JOIN channel ch ON ch.org_id = r.org_id AND ch.channel_id = r.channel_id
	   WHERE s.code = 'grande-enquete-2023' AND q.code = 'SATISF_GLOBALE' AND o.counted" >"$TMP/ans.csv"
	psql -X --csv -v ON_ERROR_STOP=1 -c "
	  SELECT o.positive::int AS y
	    FROM response r JOIN survey s USING (org_id, survey_id)
	    JOIN answer a ON a.org_id = r.org_id AND a.response_id = r.response_id
	    JOIN question q ON q.org_id = a.org_id AND q.question_id = a.question_id
	    JOIN option o ON o.org_id = a.org_id AND o.question_id = a.question_id AND o.code = a.option_code
	   WHERE s.code = 'miroir-2023' AND q.code = 'SATISF_GLOBALE' AND o.counted" >"$TMP/agents.csv"
	Rscript "$TOP/tests/r/brief.R" "$TMP/ans.csv" "$TMP/agents.csv" "$TMP/b.csv" >"$TMP/r.out" 2>"$TMP/r.err"
	check "R ran" 0 $?
	# name, then the CSV row: section, survey, code, group. Compared: proportion, borne_basse,
	# borne_haute and p_valeur to 1e-9, n_effectif to 1e-6.
	while read -r name sel; do
		row=$(tr -d '\r' <"$TMP/b.csv" | awk -F';' -v s="$sel" 'BEGIN { split(s, k, ",") }
		    $1 == k[1] && $2 == k[2] && $3 == k[3] && $5 == k[4] { print; exit }')
		check "$name: R agrees on rate, interval, test and effective sample" yes \
		    "$(printf '%s\n' "$row" | awk -F';' -v name="$name" -v rfile="$TMP/r.out" '
		      function far(a, b, tol) { d = a - b; if (d < 0) d = -d; return d > tol }
		      BEGIN { while ((getline l < rfile) > 0) { split(l, f, " "); if (f[1] == name) { p = f[2]; lo = f[3]; hi = f[4]; pv = f[5]; ne = f[6] } } }
		      { for (i = 13; i <= 20; i++) gsub(",", ".", $i)
		        ok = p != "" && !far($13, p, 1e-9) && !far($17, lo, 1e-9) && !far($18, hi, 1e-9) && !far($15, ne, 1e-6)
		        if (pv != "NA") ok = ok && !far($19, pv, 1e-9)
		        print (ok ? "yes" : "no: " $0 " vs " p " " lo " " hi " " pv " " ne) }')"
	done <<EOT
total evolution,grande-enquete-2023,IND_SATISF,
telephone canal,grande-enquete-2023,SATISF_GLOBALE,telephone
femme PROFIL_SEXE,grande-enquete-2023,SATISF_GLOBALE,1
age4 PROFIL_AGE,grande-enquete-2023,SATISF_GLOBALE,4
agents miroir_agents,miroir-2023,SATISF_GLOBALE,
EOT
	check "R: every table of groups adjusted by Benjamini-Hochberg, marks where p_ajustee < 0,05" "" \
	    "$(awk '$1 == "bh" && $3 != "ok"' "$TMP/r.out")"
	check "R: six tables of groups tested" "6" "$(awk '$1 == "bh"' "$TMP/r.out" | wc -l | tr -d ' ')"
	awk '$1 == "bh" { n += $4; m += $5 } END { print "group comparisons: " n ", marks: " m }' "$TMP/r.out"
	check "60-74 year olds marked higher (R: significant)" "plus haut" \
	    "$(awk -F';' '$1 == "PROFIL_AGE" && $3 == "SATISF_GLOBALE" && $5 == "4" { print $12 }' "$TMP/b.csv")"
else
	r_missing "R comparisons"
fi

check "CSV starts with a BOM and the header" \
    "$(printf '\357\273\277section;enquete;code;libelle;groupe;libelle_groupe;reponses;taux;ic_bas;ic_haut;objectif;ecart_significatif;proportion;erreur_type;n_effectif;prudence;borne_basse;borne_haute;p_valeur;p_ajustee')" \
    "$(head -n 1 "$TMP/b.csv" | tr -d '\r')"
check "bundle holds the PDF, the CSV and the method note" \
    "grande-enquete-2023.pdf grande-enquete-2023.csv methode.txt" \
    "$(unzip -Z1 "$TMP/b.zip" | tr '\n' ' ' | sed 's/ $//')"
check_exit "unknown survey" 1 "$BIN/survey-report" brief --survey nope -o "$TMP/x.pdf"
check "no file written for an unknown survey" no "$([ -e "$TMP/x.pdf" ] && echo yes || echo no)"
check_exit "no output is a usage error" 2 "$BIN/survey-report" brief --survey grande-enquete-2023

# Issue 12: no comparison across designs, the mirror described, the publication rule.
check_contains "trends: a break in the series between the large and the flash surveys" \
    "$(tr '\n' ' ' <"$TMP/b.txt" | tr -s ' ')" "rupture de série : méthodes différentes"
check "csv: the first flash survey after the large one is never compared with it" "" \
    "$(tr -d '\r' <"$TMP/b.csv" | awk -F';' '$1 == "evolution" && $2 == "flash-2024" && $8 != "" && $12 != "rupture de série"')"
check "csv: the mirror is not tested" "" \
    "$(tr -d '\r' <"$TMP/b.csv" | awk -F';' '$1 ~ /^miroir/ && ($12 != "" || $19 != "")')"
check "csv: published exactly when the effective sample is 30 or more, prudence under 100" "" \
    "$(tr -d '\r' <"$TMP/b.csv" | awk -F';' 'NR > 1 && $15 != "" { ne = $15; gsub(",", ".", ne); ne += 0
        if ((ne >= 30) != ($8 != "") || ((ne >= 30 && ne < 100) != ($16 != ""))) print }')"
check "csv: some rate flagged for prudence (PROFIL_QUARTIER or site)" yes \
    "$(tr -d '\r' <"$TMP/b.csv" | awk -F';' '$16 == "à interpréter avec prudence" { f = 1 } END { print f ? "yes" : "no" }')"
check "csv: every interval inside [0, 1], never clipped to a bound" "" \
    "$(tr -d '\r' <"$TMP/b.csv" | awk -F';' 'NR > 1 && $17 != "" { lo = $17; hi = $18; gsub(",", ".", lo); gsub(",", ".", hi)
        if (lo + 0 <= 0 || hi + 0 >= 1) print }')"

# Pages rendered for a look (kept under $TMP for whoever debugs).
pdftoppm -r 50 -png "$TMP/b.pdf" "$TMP/page"
check "every page renders" "$PAGES" "$(ls "$TMP"/page*.png | wc -l | tr -d ' ')"

finish
