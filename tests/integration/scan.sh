# scan.sh: paper questionnaires end to end. collect-paper --form prints the questionnaire
# (checked with pdfinfo and pdftotext); tests/tools/scanpile marks the printed copies the way
# people do and degrades them like a copier (rotation, scale, shift, noise, blur, JPEG 50,
# black-and-white, 150/200/300 dpi, one page upside down); the pile is imported and every
# answer in the database is compared with the truth the generator wrote: no silent error, and
# every double tick listed as unreadable. Then: the same file again, the same sheets rescanned,
# a sheet twice in one file, a blank page, single images (PNG, JPEG), the review PDF, and the bad
# inputs (not a scan, another survey only, truncated, huge page, zero-byte image): exit 1, a
# French message with the page, the database unchanged.

. "$TOP/tests/lib.sh"

PAPER=$BIN/collect-paper
PILE=$BIN/../tools/scanpile

fresh_db || finish

lot_of() {
	printf '%s\n' "$1" | sed -n 's/^lot \([0-9][0-9]*\) enregistré.*/\1/p'
}

. "$TOP/tests/scan_truth.sh"

# A PDF that is not a scan: one page of text (poppler rebuilds the missing cross-reference).
text_pdf() {
	{
		printf '%%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n'
		printf '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n'
		printf '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 %s %s] /Contents 4 0 R' "$2" "$3"
		printf ' /Resources << /Font << /F1 5 0 R >> >> >> endobj\n'
		i=0
		body=""
		while [ $i -lt 40 ]; do
			body="$body BT /F1 16 Tf 60 $((780 - i * 18)) Td (Rapport annuel des services municipaux, chapitre $i) Tj ET"
			i=$((i + 1))
		done
		printf '4 0 obj << /Length %d >> stream\n%s\nendstream endobj\n' "${#body}" "$body"
		printf '5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n'
		printf 'trailer << /Root 1 0 R /Size 6 >>\n%%%%EOF\n'
	} >"$1"
}

# --- the printed form ----------------------------------------------------------------------------
check_exit "--form without -o" 2 "$PAPER" --form --survey flash-2025
check_contains "--form without -o says what to add" "$ERR" "-o FICHIER"
check_exit "--form --copies 0" 2 "$PAPER" --form --survey flash-2025 --copies 0 -o "$TMP/f.pdf"
check_contains "--copies 0 refused in French" "$ERR" "--copies attend un nombre"
check_exit "--form, unknown site" 2 "$PAPER" --form --survey flash-2025 --site NOPE -o "$TMP/f.pdf"
check_exit "--form --site HDV --copies 12" 0 "$PAPER" --form --survey flash-2025 --site HDV --copies 12 -o "$TMP/form.pdf"
check_contains "--form says what it wrote" "$OUT" "questionnaire écrit : $TMP/form.pdf (2 page(s) par exemplaire, 12 exemplaire(s))"
check "form: 2 pages per copy" 24 "$(pdfinfo "$TMP/form.pdf" | sed -n 's/^Pages: *//p')"
check_contains "form: A4" "$(pdfinfo "$TMP/form.pdf")" "595.276 x 841.89 pts (A4)"
pdftotext -f 1 -l 2 "$TMP/form.pdf" "$TMP/form.txt"
form_text=$(tr '\n' ' ' <"$TMP/form.txt" | tr -s ' ')
for q in "Globalement, êtes-vous satisfait(e) de l'accueil ?" "Le temps d'attente vous a-t-il paru acceptable ?" \
         "Vous a-t-on orienté(e) vers le bon interlocuteur ?" "Avez-vous une remarque ou une suggestion ?" \
         "Sans avis" "Pas du tout satisfait" "En partie" "Site : Hôtel de Ville" \
         "Cochez la case de votre réponse d'une croix" "Pour annuler, noircissez toute la case" \
         "Page 2 sur 2 — exemplaire n° 1"; do
	check_contains "form says: $q" "$form_text" "$q"
done
order=$(grep -n -e "^Globalement" -e "^Avez-vous trouvé" -e "^Le temps" -e "^L'agent" -e "^Avez-vous obtenu" \
             -e "^Vous a-t-on" -e "^Avez-vous une remarque" "$TMP/form.txt" | cut -d: -f1 | tr '\n' ' ')
check "form: the questions in the definition's order" "$(printf '%s\n' $order | sort -n | tr '\n' ' ')" "$order"
check "form: no temporary file left" "form.pdf" "$(ls "$TMP" | grep '^form\.pdf')"

# --- the blank forms themselves read back: every copy, no answer --------------------------------
"$PILE" --survey flash-2025 --form "$TMP/form.pdf" --out "$TMP/unmarked.pdf" --truth "$TMP/t0.txt" \
    --nomarks 1 --dpi 150
check_exit "unmarked forms import" 0 "$PAPER" --survey flash-2025 "$TMP/unmarked.pdf"
check_contains "unmarked: 12 copies, 0 answers" "$OUT" "12 questionnaire(s) lu(s), 12 réponse(s) nouvelle(s), 0 déjà présente(s), 0 réponse(s) aux questions."
check_contains "format chosen by the content" "$OUT" "questionnaires numérisés (PDF), 24 page(s) lue(s)"
check "unmarked: at the site printed on the form" "12|HDV|scan" \
    "$(sql "SELECT count(*), min(s.code), min(r.source_system) FROM response r JOIN site s USING (org_id, site_id)")"
sql "DELETE FROM answer; DELETE FROM response; DELETE FROM batch" >/dev/null

# --- a pile marked and scanned like a copier does -------------------------------------------------
"$PAPER" --form --survey flash-2025 --site HDV --copies 12 -o "$TMP/form.pdf" -q
start=$(date +%s)
if "$PILE" --survey flash-2025 --form "$TMP/form.pdf" --out "$TMP/pile.pdf" --truth "$TMP/truth.txt" \
       --seed 16 --dpi mixed --jpeg 50 --blur 3 --bw 4 --flip 7 2>"$TMP/pile.err"; then
	pass "scanpile made the pile"
else
	fail "scanpile made the pile"
	sed 's/^/     /' "$TMP/pile.err"
fi
check_exit "the pile imports" 0 "$PAPER" --survey flash-2025 --review "$TMP/review.pdf" "$TMP/pile.pdf"
printf '%s\n' "$OUT" >"$TMP/summary.txt"
lot=$(lot_of "$OUT")
check_contains "pile: 12 copies of 2 pages" "$OUT" "12 questionnaire(s) lu(s), 12 réponse(s) nouvelle(s)"
db_answers "${lot:-0}" >"$TMP/db.txt"
res=$(compare_truth "$TMP/truth.txt" "$TMP/db.txt" "$TMP/summary.txt" 2>"$TMP/silent.txt")
set -- $res
echo "     pile: $1 questions, $2 read right, $3 left as doubtful, $4 silent errors ($(($(date +%s) - start)) s)"
check "pile: no silent error" "0" "$4"
[ -s "$TMP/silent.txt" ] && sed 's/^/     /' "$TMP/silent.txt"
check "pile: at least 97 % of the questions read right" "1" "$(awk -v t="$1" -v r="$2" 'BEGIN { print (t > 0 && r >= 0.97 * t) ? 1 : 0 }')"
check "pile: every answer in the database is an answer of the truth" "" \
    "$(awk 'NR == FNR { t[$1 " " $2 " " $3] = 1; next } !(($1 " " $2 " " $3) in t)' "$TMP/truth.txt" "$TMP/db.txt")"
nflag=$(grep -c "question .* : " "$TMP/summary.txt")
check_contains "pile: the unreadable answers are counted" "$OUT" "$nflag réponse(s) illisible(s), non comptée(s)"
check_contains "review PDF said" "$OUT" "réponses à vérifier : $TMP/review.pdf ($nflag question(s))"
check "review PDF: one page per doubtful question" "$nflag" "$(pdfinfo "$TMP/review.pdf" | sed -n 's/^Pages: *//p')"
first=$(sed -n 's/^  page \([0-9]*\) (exemplaire n° \([0-9]*\)), question « .* » (\([A-Z_0-9]*\)) : .*/Page \1, exemplaire n° \2 — question \3/p' "$TMP/summary.txt" | head -1)
fcode=${first##* }
check_contains "pile: an unreadable answer names the question as printed" "$TMP/summary.txt" \
    "question « $(sql "SELECT wording FROM question WHERE code = '${fcode:-none}'") » (${fcode:-none}) : "
check_contains "review PDF names page and question" "$(pdftotext "$TMP/review.pdf" - | tr '\n' ' ')" "${first:-none}"
check "batch recorded as format scan" "scan|collect-paper" "$(sql "SELECT format, collector FROM batch WHERE batch_id = ${lot:-0}")"

# --- the same file again, the same sheets rescanned, a sheet twice in one file ------------------
db_snapshot "$TMP/before.txt"
check_exit "same file again" 0 "$PAPER" --survey flash-2025 "$TMP/pile.pdf"
check_contains "same file: already imported" "$OUT" "déjà importé (lot $lot"
"$PILE" --survey flash-2025 --form "$TMP/form.pdf" --out "$TMP/again.pdf" --truth "$TMP/t2.txt" --seed 17 --pages 6 --dpi 200
check_exit "the same sheets scanned again" 0 "$PAPER" --survey flash-2025 "$TMP/again.pdf"
check_contains "rescanned sheets are not counted twice" "$OUT" "0 réponse(s) nouvelle(s), 3 déjà présente(s)"
pdfunite "$TMP/again.pdf" "$TMP/again.pdf" "$TMP/twice.pdf"
check_exit "a sheet twice in one file" 0 "$PAPER" --survey flash-2025 --dry-run "$TMP/twice.pdf"
check_contains "twice: said, counted once" "$OUT" "page 7 : exemplaire n° 1 (page 1) déjà lu page 1 : compté une seule fois."
check_contains "twice: 3 copies" "$OUT" "questionnaires numérisés (PDF), 12 page(s) lue(s)"

# --- a blank page in the pile, single images ----------------------------------------------------
"$PAPER" --form --survey flash-2025 --copies 1 -o "$TMP/one.pdf" -q
"$PILE" --survey flash-2025 --form "$TMP/one.pdf" --out "$TMP/one-scan.pdf" --truth "$TMP/t3.txt" --seed 18 --dpi 200 \
    --tiff "$TMP/one.tif"
text_pdf "$TMP/text.pdf" 595 842
# a blank sheet: a page of the scan with nothing on it
printf '%%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\ntrailer << /Root 1 0 R /Size 4 >>\n%%%%EOF\n' >"$TMP/blank.pdf"
pdfunite "$TMP/one-scan.pdf" "$TMP/blank.pdf" "$TMP/with-blank.pdf"
check_exit "a pile with a blank page imports" 0 "$PAPER" --survey flash-2025 "$TMP/with-blank.pdf"
check_contains "blank page reported" "$OUT" "page 3 : page blanche, non importée."
check_contains "blank page: one copy" "$OUT" "1 questionnaire(s) lu(s), 1 réponse(s) nouvelle(s)"
pdftoppm -r 200 -png -f 1 -l 1 "$TMP/again.pdf" "$TMP/img"
pdftoppm -r 150 -jpeg -f 2 -l 2 "$TMP/again.pdf" "$TMP/img"
check_exit "a PNG image" 0 "$PAPER" --survey flash-2025 --dry-run "$TMP"/img-*1.png
check_contains "PNG read" "$OUT" "questionnaires numérisés (PNG), 1 page(s) lue(s)"
check_exit "a JPEG image" 0 "$PAPER" --survey flash-2025 --dry-run "$TMP"/img-*2.jpg
check_contains "JPEG read" "$OUT" "questionnaires numérisés (JPEG), 1 page(s) lue(s)"
check_exit "a TIFF image" 0 "$PAPER" --survey flash-2025 --dry-run "$TMP/one.tif"
check_contains "TIFF read: one copy" "$OUT" "questionnaires numérisés (TIFF), 1 page(s) lue(s)"

# --- bad input: exit 1, the page said, nothing written -------------------------------------------
db_snapshot "$TMP/before.txt"
check_exit "not a scan (a text PDF)" 1 "$PAPER" --survey flash-2025 "$TMP/text.pdf"
check_contains "not a scan: page and what to do" "$ERR" "text.pdf: page 1 : ce n'est pas une page numérisée (du texte, aucune image)"
check_contains "not a scan: file refused" "$ERR" "fichier refusé"
pdftoppm -r 150 -png "$TMP/text.pdf" "$TMP/text"
check_exit "a scanned page without corner marks" 1 "$PAPER" --survey flash-2025 "$TMP"/text-*1.png
check_contains "no corner marks: page and what to do" "$ERR" "page 1 : les quatre carrés noirs des coins sont introuvables"
check_contains "no corner marks: rescan at 200 dpi" "$ERR" "à 200 ppp ou plus"
"$PAPER" --form --survey grande-enquete-2023 --copies 2 -o "$TMP/other.pdf" -q
"$PILE" --survey grande-enquete-2023 --form "$TMP/other.pdf" --out "$TMP/other-scan.pdf" \
    --truth "$TMP/t4.txt" --dpi 150 --seed 19
check_exit "another survey's forms only" 1 "$PAPER" --survey flash-2025 "$TMP/other-scan.pdf"
check_contains "another survey: each page said" "$OUT" "page 3 : questionnaire de l'enquête grande-enquete-2023, pas de l'enquête flash-2025 : non importée."
check_contains "another survey: refused" "$ERR" "aucune page de ce fichier n'est un questionnaire de l'enquête flash-2025"
pdfunite "$TMP/one-scan.pdf" "$TMP/text.pdf" "$TMP/mixed.pdf"
check_exit "a pile with one unreadable page" 1 "$PAPER" --survey flash-2025 "$TMP/mixed.pdf"
check_contains "unreadable page: its number" "$ERR" "mixed.pdf: page 3 : ce n'est pas une page numérisée"
size=$(wc -c <"$TMP/pile.pdf")
head -c $((size / 2)) "$TMP/pile.pdf" >"$TMP/truncated.pdf"
check_exit "a truncated PDF" 1 "$PAPER" --survey flash-2025 "$TMP/truncated.pdf"
check_contains "truncated: said in French" "$ERR" "truncated.pdf: "
check_contains "truncated: refused" "$ERR" "rien n'a été enregistré"
text_pdf "$TMP/huge.pdf" 3000 3000
check_exit "a huge page" 1 "$PAPER" --survey flash-2025 "$TMP/huge.pdf"
check_contains "huge page: said with its size" "$ERR" "huge.pdf: page 1 : page trop grande (1058 × 1058 mm)"
: >"$TMP/empty.png"
check_exit "a zero-byte image" 1 "$PAPER" --survey flash-2025 "$TMP/empty.png"
check_contains "zero-byte image: said" "$ERR" "empty.png: le fichier est vide (0 octet)"
printf 'not a picture' >"$TMP/fake.jpg"
check_exit "a file that is no image" 1 "$PAPER" --survey flash-2025 --format scan "$TMP/fake.jpg"
check_contains "no image: said" "$ERR" "fake.jpg: "
db_snapshot "$TMP/after.txt"
check "bad input left the database unchanged" "$(cat "$TMP/before.txt")" "$(cat "$TMP/after.txt")"

finish
