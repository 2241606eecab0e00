#!/bin/sh
# make-fixtures.sh: rebuilds the XLSX fixtures of tests/unit/test_xlsx.c from XML parts written
# by hand, shaped like the exports of Excel, Microsoft Forms and KoboToolbox, plus broken
# workbooks. The .xlsx files are committed: the tests never run this script.
# Usage: sh tests/data/xlsx/make-fixtures.sh   (from anywhere; needs zip)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

NS_MAIN='http://schemas.openxmlformats.org/spreadsheetml/2006/main'
NS_R='http://schemas.openxmlformats.org/officeDocument/2006/relationships'
NS_PKG='http://schemas.openxmlformats.org/package/2006/relationships'
REL='http://schemas.openxmlformats.org/officeDocument/2006/relationships'
CT='application/vnd.openxmlformats-officedocument.spreadsheetml'

# part DIR NAME: writes stdin to DIR/NAME
part() {
	mkdir -p "$work/$1/$(dirname "$2")"
	cat > "$work/$1/$2"
}

# pack DIR OUT: zips DIR into OUT with fixed dates, [Content_Types].xml first like Excel
pack() {
	(
		cd "$work/$1"
		find . -type f -exec env TZ=UTC touch -t 202403121016 {} +
		rm -f "$here/$2"
		files=$(find . -type f ! -name '[[]Content_Types[]].xml' | sed 's|^\./||' | LC_ALL=C sort)
		if [ -f '[Content_Types].xml' ]; then
			TZ=UTC zip -X -q -D "$here/$2" '[Content_Types].xml' $files
		else
			TZ=UTC zip -X -q -D "$here/$2" $files
		fi
	)
}

# common DIR: the parts every workbook has besides its sheets and strings
common() {
	part "$1" '[Content_Types].xml' <<EOF
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="$CT.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="$CT.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="$CT.sharedStrings+xml"/></Types>
EOF
	part "$1" _rels/.rels <<EOF
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="$NS_PKG"><Relationship Id="rId1" Type="$REL/officeDocument" Target="xl/workbook.xml"/></Relationships>
EOF
}

# ---- Microsoft Forms: absolute targets, shared strings, date serials as numbers ----
d=forms
common $d
part $d xl/workbook.xml <<EOF
<?xml version="1.0" encoding="utf-8"?><x:workbook xmlns:r="$NS_R" xmlns:x="$NS_MAIN"><x:sheets><x:sheet name="Sheet1" sheetId="1" r:id="R5e6b0c1a2f3d4e5f"/></x:sheets></x:workbook>
EOF
part $d xl/_rels/workbook.xml.rels <<EOF
<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="$NS_PKG"><Relationship Type="$REL/styles" Target="/xl/styles.xml" Id="Rb1c2d3e4f5a6b7c8"/><Relationship Type="$REL/worksheet" Target="/xl/worksheets/sheet1.xml" Id="R5e6b0c1a2f3d4e5f"/><Relationship Type="$REL/sharedStrings" Target="/xl/sharedStrings.xml" Id="R0a1b2c3d4e5f6a7b"/></Relationships>
EOF
part $d xl/styles.xml <<EOF
<?xml version="1.0" encoding="utf-8"?><x:styleSheet xmlns:x="$NS_MAIN"><x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="m/d/yy h:mm:ss"/></x:numFmts><x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="164" applyNumberFormat="1"/></x:cellXfs></x:styleSheet>
EOF
part $d xl/sharedStrings.xml <<EOF
<?xml version="1.0" encoding="utf-8"?><x:sst xmlns:x="$NS_MAIN"><x:si><x:t>ID</x:t></x:si><x:si><x:t>Heure de début</x:t></x:si><x:si><x:t>Heure de fin</x:t></x:si><x:si><x:t>Adresse de messagerie</x:t></x:si><x:si><x:t>Nom</x:t></x:si><x:si><x:t>Globalement, êtes-vous satisfait(e) de l'accueil ?</x:t></x:si><x:si><x:t>Le temps d'attente vous a-t-il paru acceptable ?</x:t></x:si><x:si><x:t>Avez-vous obtenu une réponse à votre demande ?</x:t></x:si><x:si><x:t>Quels services avez-vous contactés ?</x:t></x:si><x:si><x:t>Avez-vous une remarque ou une suggestion ?</x:t></x:si><x:si><x:t>anonymous</x:t></x:si><x:si><x:t>Très satisfait</x:t></x:si><x:si><x:t>Plutôt satisfait</x:t></x:si><x:si><x:t>Oui</x:t></x:si><x:si><x:t>Oui;Non;</x:t></x:si><x:si><x:t>Accueil &amp; état civil, &#233;coute &lt;parfaite&gt;</x:t></x:si><x:si><x:t>Plutôt pas satisfait</x:t></x:si><x:si><x:t>En partie</x:t></x:si><x:si><x:t>Marie Dupont</x:t></x:si><x:si><x:t>marie.dupont@example.org</x:t></x:si><x:si><x:t>Globalement, êtes-vous satisfait(e) de l'accueil ?2</x:t></x:si></x:sst>
EOF
# strings: 0 ID, 1 Heure de début, 2 Heure de fin, 3 Adresse, 4 Nom, 5 SATISF, 6 ATTENTE,
# 7 REPONSE, 8 services, 9 COMMENTAIRE, 10 anonymous, 11 Très satisfait, 12 Plutôt satisfait,
# 13 Oui, 14 Oui;Non;, 15 comment, 16 Plutôt pas satisfait, 17 En partie, 18 Marie Dupont,
# 19 e-mail, 20 repeated title
part $d xl/worksheets/sheet1.xml <<EOF
<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="$NS_MAIN"><x:sheetViews><x:sheetView workbookViewId="0"/></x:sheetViews><x:sheetFormatPr defaultRowHeight="15"/><x:cols><x:col min="1" max="11" width="20" customWidth="1"/></x:cols><x:sheetData>
<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1" t="s"><x:v>2</x:v></x:c><x:c r="D1" t="s"><x:v>3</x:v></x:c><x:c r="E1" t="s"><x:v>4</x:v></x:c><x:c r="F1" t="s"><x:v>5</x:v></x:c><x:c r="G1" t="s"><x:v>6</x:v></x:c><x:c r="H1" t="s"><x:v>7</x:v></x:c><x:c r="I1" t="s"><x:v>8</x:v></x:c><x:c r="J1" t="s"><x:v>9</x:v></x:c><x:c r="K1" t="s"><x:v>20</x:v></x:c></x:row>
<x:row r="2"><x:c r="A2"><x:v>1</x:v></x:c><x:c r="B2" s="1"><x:v>45363.428472222222</x:v></x:c><x:c r="C2" s="1"><x:v>45363.430555555555</x:v></x:c><x:c r="D2" t="s"><x:v>10</x:v></x:c><x:c r="F2" t="s"><x:v>11</x:v></x:c><x:c r="G2" t="s"><x:v>12</x:v></x:c><x:c r="H2" t="s"><x:v>13</x:v></x:c><x:c r="I2" t="s"><x:v>14</x:v></x:c><x:c r="J2" t="s"><x:v>15</x:v></x:c><x:c r="K2" t="s"><x:v>11</x:v></x:c></x:row>
<x:row r="3"><x:c r="A3"><x:v>2</x:v></x:c><x:c r="B3" s="1"><x:v>45364.3875</x:v></x:c><x:c r="C3" s="1"><x:v>45364.390277777777</x:v></x:c><x:c r="D3" t="s"><x:v>19</x:v></x:c><x:c r="E3" t="s"><x:v>18</x:v></x:c><x:c r="F3" t="s"><x:v>16</x:v></x:c><x:c r="H3" t="s"><x:v>17</x:v></x:c></x:row>
<x:row r="4"><x:c r="A4"><x:v>3</x:v></x:c><x:c r="B4" s="1"><x:v>45365.5</x:v></x:c><x:c r="C4" s="1"><x:v>45365.501388888886</x:v></x:c><x:c r="D4" t="s"><x:v>10</x:v></x:c><x:c r="I4" t="s"><x:v>13</x:v></x:c></x:row>
</x:sheetData></x:worksheet>
EOF
pack $d forms.xlsx

# ---- Excel: the first sheet in workbook order is sheet2.xml (relative target), rich text,
# phonetic runs, xml:space, _xHHHH_ escapes, booleans, errors, formulas, sparse rows ----
d=excel
common $d
part $d xl/workbook.xml <<EOF
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="$NS_MAIN" xmlns:r="$NS_R" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15"><fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27425"/><workbookPr defaultThemeVersion="166925"/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews><sheets><sheet name="Réponses" sheetId="2" r:id="rId2"/><sheet name="Notes" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="191029"/></workbook>
EOF
part $d xl/_rels/workbook.xml.rels <<EOF
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="$NS_PKG"><Relationship Id="rId3" Type="$REL/theme" Target="theme/theme1.xml"/><Relationship Id="rId2" Type="$REL/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId1" Type="$REL/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId5" Type="$REL/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId4" Type="$REL/styles" Target="styles.xml"/></Relationships>
EOF
part $d xl/sharedStrings.xml <<EOF
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="$NS_MAIN" count="12" uniqueCount="10"><si><t>Nom</t></si><si><t>Commentaire</t></si><si><t>Note</t></si><si><t>Validé</t></si><si><r><rPr><b/><sz val="11"/><color theme="1"/><rFont val="Calibri"/><family val="2"/><scheme val="minor"/></rPr><t>Dupont</t></r><r><rPr><sz val="11"/><color theme="1"/><rFont val="Calibri"/><family val="2"/><scheme val="minor"/></rPr><t xml:space="preserve"> Marie</t></r></si><si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si><si><t xml:space="preserve">  espaces  </t></si><si><t>Ligne 1_x000D_
Ligne 2</t></si><si><t>_x005F_x0041_ et _x0041_</t></si><si><t>Ne pas lire</t></si></sst>
EOF
# strings: 0 Nom, 1 Commentaire, 2 Note, 3 Validé, 4 "Dupont Marie" (rich), 5 東京 (+ phonetic),
# 6 "  espaces  ", 7 "Ligne 1\r\nLigne 2", 8 "_x0041_ et A", 9 Ne pas lire
part $d xl/worksheets/sheet2.xml <<EOF
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="$NS_MAIN" xmlns:r="$NS_R" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" mc:Ignorable="x14ac"><dimension ref="A1:F8"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><sheetData><row r="1" spans="1:6" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="str"><f>"Cal"&amp;"cul"</f><v>Calcul</v></c><c r="F1" t="inlineStr"><is><t>Erreur</t></is></c></row><row r="2" spans="1:6" x14ac:dyDescent="0.25"><c r="A2" t="s"><v>4</v></c><c r="B2" t="s"><v>5</v></c><c r="C2"><v>4</v></c><c r="D2" t="b"><v>1</v></c><c r="E2" t="str"><f>A2&amp;"x"</f><v>Dupont Mariex</v></c><c r="F2" t="e"><f>NA()</f><v>#N/A</v></c></row><row r="5" spans="1:6" x14ac:dyDescent="0.25"><c r="A5" t="s"><v>6</v></c><c r="D5" s="3"><v>2.5</v></c><c t="b"><v>0</v></c><c t="e"><v>#DIV/0!</v></c></row><row r="6" spans="1:6" x14ac:dyDescent="0.25"><c r="A6" s="2"/><c r="C6" s="2"/><c r="F6" t="s" s="2"/></row><row r="7" spans="1:6" x14ac:dyDescent="0.25"><c r="B7" t="s"><v>7</v></c><c r="C7"><f>SUM(1,2)</f><v>3</v></c><c r="E7" t="s"><v>8</v></c></row><row><c><v>-1.5E-3</v></c><c t="inlineStr"><is><r><t>en </t></r><r><rPr><i/></rPr><t>ligne</t></r><rPh sb="0" eb="1"><t>X</t></rPh></is></c><c t="str"><f>"a"&amp;CHAR(9)&amp;"b"</f><v>a_x0009_b</v></c></row></sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>
EOF
part $d xl/worksheets/sheet1.xml <<EOF
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="$NS_MAIN"><sheetData><row r="1"><c r="A1" t="s"><v>9</v></c></row></sheetData></worksheet>
EOF
pack $d excel.xlsx

# ---- KoboToolbox: inline strings everywhere, no shared strings part ----
d=kobo
common $d
rm "$work/$d/[Content_Types].xml"
part $d '[Content_Types].xml' <<EOF
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="$CT.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="$CT.worksheet+xml"/></Types>
EOF
part $d xl/workbook.xml <<EOF
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="$NS_MAIN" xmlns:r="$NS_R"><sheets><sheet name="Barometre accueil" sheetId="1" r:id="rId1"/></sheets></workbook>
EOF
part $d xl/_rels/workbook.xml.rels <<EOF
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="$NS_PKG"><Relationship Id="rId1" Type="$REL/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
EOF
part $d xl/worksheets/sheet1.xml <<EOF
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="$NS_MAIN" xmlns:r="$NS_R"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>start</t></is></c><c r="B1" t="inlineStr"><is><t>end</t></is></c><c r="C1" t="inlineStr"><is><t>Globalement, êtes-vous satisfait(e) de l'accueil ?</t></is></c><c r="D1" t="inlineStr"><is><t>Site</t></is></c><c r="E1" t="inlineStr"><is><t>_id</t></is></c><c r="F1" t="inlineStr"><is><t>_uuid</t></is></c><c r="G1" t="inlineStr"><is><t>_submission_time</t></is></c><c r="H1" t="inlineStr"><is><t>_index</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>2024-03-12T10:16:41.000+01:00</t></is></c><c r="B2" t="inlineStr"><is><t>2024-03-12T10:19:02.000+01:00</t></is></c><c r="C2" t="inlineStr"><is><t>Très satisfait</t></is></c><c r="D2" t="inlineStr"><is><t>HDV</t></is></c><c r="E2"><v>201934571</v></c><c r="F2" t="inlineStr"><is><t>5f0c7a52-9d4e-4b3f-8f7e-2a1c9b8d6e01</t></is></c><c r="G2" t="inlineStr"><is><t>2024-03-12T09:19:05</t></is></c><c r="H2"><v>1</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>2024-03-13T14:02:00.000+01:00</t></is></c><c r="B3" t="inlineStr"><is><t>2024-03-13T14:05:12.000+01:00</t></is></c><c r="C3" t="inlineStr"><is><t/></is></c><c r="D3" t="inlineStr"><is><t>CCAS</t></is></c><c r="E3"><v>201934602</v></c><c r="F3" t="inlineStr"><is><t>0b9e3d1c-7a55-4c21-9f0e-6d2b1a3c4e5f</t></is></c><c r="G3" t="inlineStr"><is><t>2024-03-13T13:05:20</t></is></c><c r="H3"><v>2</v></c></row></sheetData></worksheet>
EOF
pack $d kobo.xlsx

# ---- prefixed elements, no relationships part: the reader falls back to sheet1.xml ----
d=fallback
part $d xl/workbook.xml <<EOF
<?xml version="1.0" encoding="UTF-8"?><x:workbook xmlns:x="$NS_MAIN"><x:sheets/></x:workbook>
EOF
part $d xl/worksheets/sheet1.xml <<EOF
<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="$NS_MAIN"><x:sheetData><x:row r="3"><x:c r="B3" t="inlineStr"><x:is><x:t>b3</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>
EOF
pack $d fallback.xlsx

# ---- broken workbooks ----
d=nosheet
common $d
part $d xl/workbook.xml <<EOF
<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="$NS_MAIN" xmlns:r="$NS_R"><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>
EOF
part $d xl/_rels/workbook.xml.rels <<EOF
<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="$NS_PKG"><Relationship Id="rId1" Type="$REL/worksheet" Target="worksheets/feuille.xml"/></Relationships>
EOF
pack $d nosheet.xlsx

# the sheet XML stops in the middle of line 4
d=truncated
common $d
part $d xl/workbook.xml <<EOF
<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="$NS_MAIN" xmlns:r="$NS_R"><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>
EOF
part $d xl/_rels/workbook.xml.rels <<EOF
<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="$NS_PKG"><Relationship Id="rId1" Type="$REL/worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>
EOF
printf '%s\n%s\n%s\n%s' \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"$NS_MAIN\"><sheetData>" \
	'<row r="1"><c r="A1" t="inlineStr"><is><t>un</t></is></c></row>' \
	'<row r="2"><c r="A2"><v>2</v></c></row>' \
	'<row r="3"><c r="A3"><v>3</v></c><c r="B3" t="inl' | part $d xl/worksheets/sheet1.xml
pack $d truncated.xlsx

# billion laughs in the sheet, and in the shared strings
bomb_dtd='<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>'
for which in sheet sst; do
	d=bomb-$which
	common $d
	part $d xl/workbook.xml <<EOF
<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="$NS_MAIN" xmlns:r="$NS_R"><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>
EOF
	part $d xl/_rels/workbook.xml.rels <<EOF
<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="$NS_PKG"><Relationship Id="rId1" Type="$REL/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
EOF
	if [ $which = sst ]; then
		printf '<?xml version="1.0"?>\n%s\n<sst xmlns="%s"><si><t>&lol9;</t></si></sst>\n' \
			"$bomb_dtd" "$NS_MAIN" | part $d xl/sharedStrings.xml
		printf '<?xml version="1.0"?>\n<worksheet xmlns="%s"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>\n' \
			"$NS_MAIN" | part $d xl/worksheets/sheet1.xml
	else
		printf '<?xml version="1.0"?>\n%s\n<worksheet xmlns="%s"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>\n' \
			"$bomb_dtd" "$NS_MAIN" | part $d xl/worksheets/sheet1.xml
	fi
	pack $d bomb-$which.xlsx
done

# sheets with bad references: sheet1.xml only, found by the fallback
bad_sheet() {
	d=$1
	part $d xl/workbook.xml <<EOF
<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="$NS_MAIN"/>
EOF
	part $d xl/sharedStrings.xml <<EOF
<?xml version="1.0" encoding="UTF-8"?><sst xmlns="$NS_MAIN"><si><t>zéro</t></si><si><t>un</t></si></sst>
EOF
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="%s"><sheetData>\n<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>\n%s\n</sheetData></worksheet>\n' \
		"$NS_MAIN" "$2" | part $d xl/worksheets/sheet1.xml
	pack $d $d.xlsx
}
bad_sheet order '<row r="2"><c r="C2"><v>1</v></c><c r="B2"><v>2</v></c></row>'
bad_sheet badindex '<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>2</v></c></row>'
bad_sheet rowback '<row r="3"><c r="A3"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>'
bad_sheet badcol '<row r="2"><c r="XFE2"><v>1</v></c></row>'
# a 2 MB tag (compresses to a few KB)
long=$(head -c 2000000 /dev/zero | tr '\0' x)
bad_sheet longtag "<row r=\"2\"><c r=\"A2\" x=\"$long\"><v>1</v></c></row>"

# a seed for tests/fuzz/fuzz_xlsx.c: sheet XML, two NUL bytes, shared strings XML
{ cat "$work/excel/xl/worksheets/sheet2.xml"; printf '\0\0'; cat "$work/excel/xl/sharedStrings.xml"; } \
	> "$here/fuzz-seed.xml"

# not a ZIP at all
printf 'ID;Heure de début\n1;45363.42\n' > "$here/notzip.xlsx"

echo "fixtures written to $here"
