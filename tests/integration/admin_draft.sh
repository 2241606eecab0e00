# admin_draft.sh: survey-admin draft on every sample export of samples/online/: the skeleton
# loads with survey-admin define as written (the organisation left out: the database's), and
# the same export then imports into the drafted survey, every question column recognised.
# Also: define reports every error of a file at once; draft's usage errors.
S=$TOP/samples/online

cat >"$TMP/org.yaml" <<'YAML'
organisation:
  code: ville-exemple
  name: Ville d'Exemple
channels:
  - { code: en_ligne, label: En ligne }
YAML

for f in "$S"/*.csv "$S"/*.xlsx "$S"/*.zip; do
	name=$(basename "$f")
	fresh_db --no-define || finish
	check_exit "$name: organisation only" 0 "$BIN/survey-admin" define "$TMP/org.yaml"
	check_exit "$name: draft" 0 "$BIN/survey-admin" draft "$f" --survey brouillon -o "$TMP/draft.yaml"
	check_contains "$name: draft said where" "$OUT" "brouillon écrit : $TMP/draft.yaml ("
	check_exit "$name: the draft loads as written" 0 "$BIN/survey-admin" define "$TMP/draft.yaml"
	check_exit "$name: the export imports into the drafted survey" 0 \
	    "$BIN/collect-online" --survey brouillon "$f"
	check_not_contains "$name: every question column recognised" "$OUT" "colonne(s) ignorée(s)"
	check "$name: responses imported" "yes" \
	    "$(sql "SELECT CASE WHEN count(*) > 0 THEN 'yes' ELSE 'none' END FROM response")"
	check "$name: every response has answers or comments" "0" \
	    "$(sql "SELECT count(*) FROM response r WHERE NOT EXISTS (SELECT 1 FROM answer a WHERE a.org_id = r.org_id AND a.response_id = r.response_id)
	              AND NOT EXISTS (SELECT 1 FROM comment c WHERE c.org_id = r.org_id AND c.response_id = r.response_id)")"
done

# the draft of a fixture, exactly; completed as the quality officer would (positive options,
# "Sans avis" not counted), it loads and the fixture imports
D=$TOP/tests/data/online/shapes
E=$TOP/tests/data/online/expected
for name in framaforms-group-end limesurvey-code-text; do
	fresh_db --no-define || finish
	check_exit "$name: organisation only" 0 "$BIN/survey-admin" define "$TMP/org.yaml"
	check_exit "$name: draft" 0 sh -c 'cd "$1" && "$2" draft "$3.csv" -o "$4"' sh "$D" "$BIN/survey-admin" "$name" "$TMP/$name.yaml"
	check "$name: the draft, exactly" "$(cat "$E/draft-$name.yaml")" "$(cat "$TMP/$name.yaml")"
	sed -e 's/label: "Très satisfait" }/label: "Très satisfait", positive: true }/' \
	    -e 's/label: "Plutôt satisfait" }/label: "Plutôt satisfait", positive: true }/' \
	    -e 's/label: "Sans avis" }/label: "Sans avis", counted: false }/' \
	    -e 's/label: "Oui" }/label: "Oui", positive: true }/' "$TMP/$name.yaml" >"$TMP/$name-done.yaml"
	check_exit "$name: the completed draft loads" 0 "$BIN/survey-admin" define "$TMP/$name-done.yaml"
	check_exit "$name: the fixture imports" 0 "$BIN/collect-online" --survey "$name" "$D/$name.csv"
	check "$name: 5 responses" "5" "$(sql "SELECT count(*) FROM response")"
	check "$name: positive options marked" "2" \
	    "$(sql "SELECT count(*) FROM option o JOIN question q ON q.org_id = o.org_id AND q.question_id = o.question_id
	             WHERE o.positive AND q.wording LIKE 'Globalement%'")"
done

# usage and refusals
check_exit "draft without -o" 2 "$BIN/survey-admin" draft "$D/limesurvey-undated.csv"
check "draft without -o: message" "survey-admin: précisez le brouillon à écrire avec -o FICHIER, par exemple : survey-admin draft export.csv --survey satisfaction-2025 -o definitions.yaml" "$ERR"
check_exit "draft of a tally sheet" 1 "$BIN/survey-admin" draft "$TOP/samples/paper/tally-flash-2025.csv" -o "$TMP/x.yaml"
check "draft of a tally sheet: message" "$TOP/samples/paper/tally-flash-2025.csv: format non reconnu : ce n'est pas un export de LimeSurvey, Framaforms, Google Forms, Microsoft Forms ou KoboToolbox. Le brouillon ne se fait que d'après un export en ligne." "$ERR"
check "draft of a tally sheet: nothing written" "no" "$([ -e "$TMP/x.yaml" ] && echo yes || echo no)"

printf '"id","submitdate","lastpage","startlanguage","seed"\r\n"1","2025-03-01 10:00:00","1","fr","5"\r\n' >"$TMP/no-question.csv"
check_exit "draft of an export without question columns" 1 "$BIN/survey-admin" draft "$TMP/no-question.csv" -o "$TMP/nq.yaml"
check "draft of an export without question columns: message" "$TMP/no-question.csv: aucune colonne de question dans cet export (seulement les colonnes de l'outil, ou aucune réponse) : rien à écrire. Exportez de nouveau avec les réponses." "$ERR"

# a definitions file without organisation, into a database with none: said what to add
fresh_db --no-define || finish
check_exit "no organisation anywhere" 1 "$BIN/survey-admin" define "$E/draft-limesurvey-code-text.yaml"
check_contains "no organisation anywhere: message" "$ERR" "l'entrée organisation manque : la base ne contient pas une et une seule organisation."

# an organisation renamed by a definitions file: said, never silently
fresh_db || finish
printf 'organisation:\n  code: ville-exemple\n  name: Commune nouvelle d'"'"'Exemple\n' >"$TMP/rename.yaml"
check_exit "organisation renamed" 0 "$BIN/survey-admin" define "$TMP/rename.yaml"
check_contains "organisation renamed: said" "$OUT" "survey-admin: l'organisation ville-exemple s'appelait « Ville d'Exemple » : ce fichier la renomme « Commune nouvelle d'Exemple »."
check_exit "organisation loaded again, same name" 0 "$BIN/survey-admin" define "$TMP/rename.yaml"
check_not_contains "same name: nothing said" "$OUT" "renomme"

finish
