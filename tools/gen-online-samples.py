#!/usr/bin/env python3
"""gen-online-samples.py: writes the online-questionnaire sample exports of samples/online/
(one per tool and variant, shaped as each tool writes them: BOM, quoting, CRLF, dates, metadata
and personal columns with fake data) and, for each, the answer counts that an import must give
(tests/data/online/expected/NAME.txt), computed here from the generated responses.

    python3 tools/gen-online-samples.py [REPO_ROOT]

Deterministic (fixed seed): running it again rewrites the same bytes. XLSX workbooks are written
as minimal SpreadsheetML with zipfile; the Google Forms ZIP holds one CSV.
Leaves samples/online/limesurvey-grande-enquete-2023.csv and limesurvey-miroir-2023.csv alone.
"""
import csv
import datetime
import io
import os
import random
import sys
import zipfile
from xml.sax.saxutils import escape

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
SAMPLES = os.path.join(ROOT, "samples", "online")
EXPECTED = os.path.join(ROOT, "tests", "data", "online", "expected")

SCALE = [("1", "Très satisfait"), ("2", "Plutôt satisfait"), ("3", "Plutôt pas satisfait"),
         ("4", "Pas du tout satisfait"), ("9", "Sans avis")]
QUESTIONS = [
    ("SATISF_GLOBALE", "Globalement, êtes-vous satisfait(e) de l'accueil ?", SCALE),
    ("ACCESSIBILITE", "Avez-vous trouvé facilement le service (lieu, horaires, site internet) ?", SCALE),
    ("ATTENTE", "Le temps d'attente vous a-t-il paru acceptable ?", SCALE),
    ("COURTOISIE", "L'agent a-t-il été aimable et à votre écoute ?", SCALE),
    ("REPONSE", "Avez-vous obtenu une réponse à votre demande ?",
     [("1", "Oui"), ("2", "En partie"), ("3", "Non")]),
    ("ORIENTATION", "Vous a-t-on orienté(e) vers le bon interlocuteur ?",
     [("1", "Oui"), ("2", "Non")]),
    ("COMMENTAIRE", "Avez-vous une remarque ou une suggestion ?", None),
]
LABEL = {code: dict(opts) for code, _, opts in QUESTIONS if opts}
WORDING = {code: w for code, w, _ in QUESTIONS}
CHOICE_CODES = [q[0] for q in QUESTIONS if q[2]]

COMMENTS = [
    "Merci pour votre accueil.", "Il faudrait plus de places de stationnement.",
    "Les horaires d'ouverture le samedi seraient bien utiles.",
    "Très bon accueil, agent patient.", "Le site internet est difficile à utiliser ; "
    "je n'ai pas trouvé le formulaire.", "Attente trop longue au guichet, \"encore\" une fois.",
    "Rien à signaler", "Signalétique à revoir\ndans le hall.",
]
FIRST = ["Camille", "Lucas", "Léa", "Hugo", "Chloé", "Nathan", "Manon", "Louis", "Inès", "Jules"]
LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
        "Leroy", "Moreau"]


class Resp:
    """One generated respondent: answers by question code (option code, '' = not answered),
    a comment, a date, personal data, and whether the tool counts it."""

    def __init__(self, rng, n, day0, days):
        self.n = n
        self.when = day0 + datetime.timedelta(days=rng.randrange(days),
                                              seconds=rng.randrange(8 * 3600, 18 * 3600))
        self.started = self.when - datetime.timedelta(seconds=rng.randrange(60, 900))
        self.answers = {}
        weights = {"1": 40, "2": 30, "3": 14, "4": 8, "9": 8}
        for code, _, opts in QUESTIONS:
            if not opts:
                continue
            if rng.random() < 0.08:
                self.answers[code] = ""
            elif opts is SCALE:
                self.answers[code] = rng.choices(list(weights), list(weights.values()))[0]
            else:
                self.answers[code] = rng.choice([o[0] for o in opts] + ["1"])
        self.comment = rng.choice(COMMENTS) if rng.random() < 0.3 else ""
        f, l = rng.choice(FIRST), rng.choice(LAST)
        self.name = f + " " + l
        self.email = (f + "." + l).lower().replace("é", "e").replace("è", "e") \
            .replace("ï", "i").replace("ô", "o").replace("è", "e") + "@exemple-courriel.fr"
        self.ip = "192.0.2.%d" % (n % 250 + 1)
        self.complete = True     # LimeSurvey submitdate, Framaforms not draft, Kobo approved
        self.out_of_period = False
        self.uuid = "%08x-%04x-4%03x-a%03x-%012x" % (rng.getrandbits(32), rng.getrandbits(16),
                                                    rng.getrandbits(12), rng.getrandbits(12),
                                                    rng.getrandbits(48))


def population(seed, count, year, incomplete=0, out_of_period=0, start_id=1):
    rng = random.Random(seed)
    day0 = datetime.datetime(year, 1, 6)
    rs = [Resp(rng, start_id + i, day0, 170) for i in range(count)]
    for r in rng.sample(rs, incomplete):
        r.complete = False
    for r in rng.sample([r for r in rs if r.complete], out_of_period):
        r.out_of_period = True
        r.when = datetime.datetime(year - 1, 12, 20, 11, 5, 17)
        r.started = r.when - datetime.timedelta(minutes=4)
    return rs


def write_expected(name, rs, include_incomplete=False, extra=None):
    counted = [r for r in rs if (r.complete or include_incomplete) and not r.out_of_period]
    lines = ["responses %d" % len(counted),
             "comments %d" % sum(1 for r in counted if r.comment)]
    counts = {}
    for r in counted:
        for q, o in r.answers.items():
            if o:
                counts[(q, o)] = counts.get((q, o), 0) + 1
    for (q, o) in sorted(counts):
        lines.append("%s|%s|%d" % (q, o, counts[(q, o)]))
    if extra:
        lines += extra
    os.makedirs(EXPECTED, exist_ok=True)
    with open(os.path.join(EXPECTED, name + ".txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def save(name, data):
    os.makedirs(SAMPLES, exist_ok=True)
    with open(os.path.join(SAMPLES, name), "wb") as f:
        f.write(data)


# ---- CSV writers shaped like each tool ----

def q_all(v):
    return '"' + v.replace('"', '""') + '"'


def limesurvey_csv(rows, sep, eol="\r\n"):
    """Every non-empty value quoted, empty (NULL) values bare, BOM, CRLF, a blank line at the end."""
    out = []
    for row in rows:
        out.append(sep.join(q_all(v) if v != "" else "" for v in row))
    return ("\ufeff" + eol.join(out) + eol + eol).encode("utf-8")


def minimal_csv(rows, sep=",", eol="\r\n"):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep, lineterminator=eol, quoting=csv.QUOTE_MINIMAL)
    w.writerows(rows)
    return buf.getvalue()


def all_quoted(rows, sep, eol):
    return eol.join(sep.join(q_all(v) for v in row) for row in rows) + eol


# ---- XLSX ----

def col_name(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def xlsx(rows, sheet="Feuil1"):
    """rows: lists of str (shared strings), int/float (numbers), ('date', serial) (a number
    with a date style), or None/'' (no cell)."""
    sst, index = [], {}
    xml_rows = []
    for r, row in enumerate(rows, 1):
        cells = []
        for c, v in enumerate(row):
            ref = "%s%d" % (col_name(c), r)
            if v is None or v == "":
                continue
            if isinstance(v, tuple):
                cells.append('<c r="%s" s="1"><v>%r</v></c>' % (ref, v[1]))
            elif isinstance(v, (int, float)):
                cells.append('<c r="%s"><v>%r</v></c>' % (ref, v))
            else:
                if v not in index:
                    index[v] = len(sst)
                    sst.append(v)
                cells.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, index[v]))
        xml_rows.append('<row r="%d">%s</row>' % (r, "".join(cells)))
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    sheet_xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<worksheet %s %s><sheetData>%s</sheetData></worksheet>'
                 % (ns, rns, "".join(xml_rows)))
    sst_xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<sst %s count="%d" uniqueCount="%d">%s</sst>'
               % (ns, len(sst), len(sst),
                  "".join('<si><t xml:space="preserve">%s</t></si>' % escape(s) for s in sst)))
    files = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '</Types>',
        "_rels/.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>',
        "xl/workbook.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook %s %s><sheets><sheet name="%s" sheetId="1" r:id="rId1"/></sheets></workbook>'
            % (ns, rns, escape(sheet)),
        "xl/_rels/workbook.xml.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '</Relationships>',
        "xl/worksheets/sheet1.xml": sheet_xml,
        "xl/sharedStrings.xml": sst_xml,
        "xl/styles.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<styleSheet %s><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm:ss"/></numFmts>'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
            '</styleSheet>' % ns,
    }
    return zipped(files)


def zipped(files):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(2025, 6, 30, 12, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8") if isinstance(text, str) else text)
    return buf.getvalue()


def serial(dt):
    d = dt - datetime.datetime(1899, 12, 30)
    return round(d.days + d.seconds / 86400.0, 10)


def iso(dt):
    return dt.strftime("%Y-%m-%d %H:%M:%S")


# ---- LimeSurvey ----

LS_FIXED_CODES = ["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate",
                  "datestamp", "ipaddr", "refurl"]
LS_FIXED_FR = ["ID de la réponse", "Date de soumission", "Dernière page", "Langue de départ",
               "Tête de série", "Date de lancement", "Date de la dernière action", "Adresse IP",
               "URL référente"]


def ls_fixed(r, rng):
    return [str(r.n), iso(r.when) if r.complete else "", "3" if r.complete else "1", "fr",
            str(rng.randrange(10**8, 10**9)), iso(r.started),
            iso(r.when), r.ip, "https://www.ville-exemple.fr/enquete"]


def limesurvey_codes(name, rs, seed, sep=","):
    rng = random.Random(seed)
    rows = [LS_FIXED_CODES + [q[0] for q in QUESTIONS]]
    for r in rs:
        row = ls_fixed(r, rng)
        for code, _, opts in QUESTIONS:
            if not opts:
                row.append(r.comment)
            elif not r.complete and code in ("COURTOISIE", "REPONSE", "ORIENTATION"):
                row.append("")            # never reached
            else:
                row.append(r.answers[code])
        rows.append(row)
    save(name, limesurvey_csv(rows, sep))


def blank_unreached(rs):
    for r in rs:
        if not r.complete:
            for c in ("COURTOISIE", "REPONSE", "ORIENTATION"):
                r.answers[c] = ""


BAD = os.path.join(ROOT, "tests", "data", "online")


def bad(name, data):
    os.makedirs(BAD, exist_ok=True)
    with open(os.path.join(BAD, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def bad_corpus():
    """Files that must be rejected whole; tests/integration/online.sh names the message each
    must give and where."""
    head = ",".join(q_all(h) for h in LS_FIXED_CODES[:5] + [q[0] for q in QUESTIONS])

    def ls_row(i, answers, date="2025-03-12 10:16:41", comment=""):
        return ",".join(q_all(v) if v else "" for v in
                        [str(i), date, "3", "fr", "12345"] + answers + [comment])
    ok = ["1", "2", "2", "1", "1", "1"]
    # line 3, column 7 (ACCESSIBILITE): an answer text that matches no option; line 4 col 10
    bad("unknown-answer.csv", "\ufeff" + "\r\n".join([
        head, ls_row(1, ok), ls_row(2, ["1", "Très contente", "2", "1", "1", "1"]),
        ls_row(3, ["1", "2", "2", "1", "1", "Peut-être"]), ls_row(4, ok)]) + "\r\n")
    # a date that is no date: line 3, column 2
    bad("bad-date.csv", "\ufeff" + "\r\n".join([
        head, ls_row(1, ok), ls_row(2, ok, date="32/13/2025 10:00")]) + "\r\n")
    # an empty response id: line 2, column 1
    bad("missing-id.csv", "\ufeff" + "\r\n".join([
        head, ls_row(0, ok).replace('"0"', "", 1), ls_row(2, ok)]) + "\r\n")
    # cut in the middle of a quoted cell (line 3), and after a complete cell (line 3, column 8)
    full = "\ufeff" + "\r\n".join([head, ls_row(1, ok), ls_row(2, ok, comment="Très bien")])
    bad("truncated-quote.csv", full[:-4])
    bad("truncated-row.csv", "\ufeff" + "\r\n".join([head, ls_row(1, ok)]) + "\r\n" +
        ",".join(q_all(v) for v in ["2", "2025-03-12 10:16:41", "3", "fr", "12345", "1", "2"]))
    # a UTF-8 BOM, then Windows-1252 bytes (é = 0xE9) on line 3
    bad("bom-cp1252.csv", ("\ufeff" + "\r\n".join([head, ls_row(1, ok)]) + "\r\n").encode("utf-8")
        + ls_row(2, ok, comment="Très bien accueilli").encode("cp1252") + b"\r\n")
    # no column of the survey
    bad("no-question.csv", "\ufeff" + '"id","submitdate","lastpage","startlanguage","seed",'
        '"Q01","Q02"\r\n"1","2025-03-12 10:16:41","3","fr","1","A1","A2"\r\n')
    # a header of no known tool
    bad("unknown-format.csv", "ville;service;note\r\nExemple;accueil;4\r\n")
    # a map naming a question that the survey does not ask
    bad("map-unknown-question.yaml", "columns:\n  Q01: SATISF_GLOBALE\n  Q02: PROFIL_AGE\n")
    bad("map-columns.csv", "\ufeff" + '"id","submitdate","lastpage","startlanguage","seed",'
        '"Q01","Q02"\r\n"1","2025-03-12 10:16:41","3","fr","1","1","2"\r\n')
    # a site column whose value names no site: line 3, column 6
    bad("map-site.yaml", "site_column: Accueil\n")
    bad("unknown-site.csv", "\ufeff" + '"id","submitdate","lastpage","startlanguage","seed",'
        '"Accueil","SATISF_GLOBALE"\r\n"1","2025-03-12 10:16:41","3","fr","1","HDV","1"\r\n'
        '"2","2025-03-12 10:17:41","3","fr","1","Mairie annexe","1"\r\n')
    # a Framaforms export cut inside its three header rows
    bad("framaforms-header.csv", '"Enquête flash 2025"\t""\t""\n"Submission Details"\t""\t""\n')
    # a ZIP cut short, and a workbook without a sheet
    gz = zipped({"reponses.csv": all_quoted([["Horodateur", "Votre âge"],
                                              ["2025/03/12 10:16:41 AM UTC+1", "Oui"]] * 40,
                                             ",", "\n")})
    bad("corrupt.zip", gz[:len(gz) // 2])
    wb = io.BytesIO(xlsx([["ID", "Heure de début"], [1, 45728.5]]))
    with zipfile.ZipFile(wb) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/workbook.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheets/></workbook>').encode("utf-8")
    del parts["xl/worksheets/sheet1.xml"]
    bad("no-sheet.xlsx", zipped(parts))


def main():
    bad_corpus()
    # flash-2025, LimeSurvey, codes, comma; with incomplete and out-of-period responses
    rs = population(2025_01, 80, 2025, incomplete=6, out_of_period=2)
    blank_unreached(rs)
    limesurvey_codes("limesurvey-codes-2025.csv", rs, 1)
    write_expected("limesurvey-codes-2025", rs)
    write_expected("limesurvey-codes-2025-incomplete", rs, include_incomplete=True)

    # flash-2024, LimeSurvey, codes, tab
    rs = population(2024_01, 50, 2024, incomplete=3)
    blank_unreached(rs)
    limesurvey_codes("limesurvey-codes-2024.csv", rs, 2, sep="\t")
    write_expected("limesurvey-codes-2024", rs)

    # flash-2025, LimeSurvey, full French text, semicolon, full answers, N/A
    rs = population(2025_02, 60, 2025, incomplete=4, out_of_period=1, start_id=101)
    blank_unreached(rs)
    rng = random.Random(3)
    rows = [LS_FIXED_FR + [q[1].replace("'", "’") for q in QUESTIONS]]
    for r in rs:
        row = ls_fixed(r, rng)
        for code, _, opts in QUESTIONS:
            if not opts:
                row.append(r.comment)
            elif r.answers[code] == "":
                row.append("N/A" if rng.random() < 0.5 or not r.complete else "")
            else:
                row.append(LABEL[code][r.answers[code]])
        rows.append(row)
    save("limesurvey-texte-2025.csv", limesurvey_csv(rows, ";"))
    write_expected("limesurvey-texte-2025", rs)

    # flash-2025, LimeSurvey .xlsx: English fixed columns, "code. text" headers, answer codes
    rs = population(2025_03, 50, 2025, incomplete=3, start_id=201)
    blank_unreached(rs)
    rng = random.Random(4)
    rows = [["Response ID", "Date submitted", "Last page", "Start language", "Seed",
             "IP address"] + ["%s. %s" % (q[0], q[1]) for q in QUESTIONS]]
    for r in rs:
        row = [r.n, iso(r.when) if r.complete else "", 3, "fr", rng.randrange(10**8, 10**9),
               r.ip]
        for code, _, opts in QUESTIONS:
            row.append(r.comment if not opts else r.answers[code])
        rows.append(row)
    save("limesurvey-2025.xlsx", xlsx(rows, "results-survey123456"))
    write_expected("limesurvey-2025", rs)

    # flash-2025, LimeSurvey with its own codes (array, Y/N, A1..A5), a site question and a map
    rs = population(2025_04, 40, 2025, incomplete=2, start_id=301)
    blank_unreached(rs)
    rng = random.Random(5)
    a = {"1": "A1", "2": "A2", "3": "A3", "4": "A4", "9": "A5", "": ""}
    sites = {}
    rows = [["id", "submitdate", "lastpage", "startlanguage", "seed", "token", "ACCUEIL",
             "SATIS[SQ001]", "SATIS[SQ002]", "SATIS[SQ003]", "SATIS[SQ004]", "REP", "REP[other]",
             "ORIENT", "REMARQUE"]]
    for r in rs:
        site = rng.choice(["A1", "A2", "A3"])
        if r.complete:
            sites[site] = sites.get(site, 0) + 1
        other = "J'attends encore un rappel." if r.answers["REPONSE"] == "" and rng.random() < 0.5 else ""
        if other:
            r.comment2 = other
        rows.append([str(r.n), iso(r.when) if r.complete else "", "2", "fr",
                     str(rng.randrange(10**8, 10**9)), "tk%06d" % rng.randrange(10**6), site]
                    + [a[r.answers[c]] for c in ("SATISF_GLOBALE", "ACCESSIBILITE", "ATTENTE",
                                                  "COURTOISIE")]
                    + [a[r.answers["REPONSE"]] if r.answers["REPONSE"] != "3" else "A3", other,
                       {"1": "Y", "2": "N", "": ""}[r.answers["ORIENTATION"]], r.comment])
    save("limesurvey-tableau-2025.csv", limesurvey_csv(rows, ","))
    counted = [r for r in rs if r.complete]
    site_lines = sorted("site|%s|%d" % ({"A1": "HDV", "A2": "CCAS", "A3": "MEDIA"}[s], n)
                        for s, n in sites.items())
    write_expected("limesurvey-tableau-2025", rs, extra=site_lines + [
        "other %d" % sum(1 for r in counted if getattr(r, "comment2", ""))])
    save("limesurvey-tableau-2025.map.yaml", (
        "# Correspondance de l'export LimeSurvey « tableau » (codes propres à LimeSurvey)\n"
        "# avec le questionnaire de référence.\n"
        "site_column: ACCUEIL\n"
        "places: { A1: HDV, A2: CCAS, A3: MEDIA }\n"
        "columns:\n"
        "  \"SATIS[SQ001]\": SATISF_GLOBALE\n"
        "  \"SATIS[SQ002]\": ACCESSIBILITE\n"
        "  \"SATIS[SQ003]\": ATTENTE\n"
        "  \"SATIS[SQ004]\": COURTOISIE\n"
        "  REP: REPONSE\n"
        "  ORIENT: ORIENTATION\n"
        "  REMARQUE: COMMENTAIRE\n"
        "values:\n"
        + "".join("  %s: { A1: \"1\", A2: \"2\", A3: \"3\", A4: \"4\", A5: \"9\" }\n" % c
                  for c in ("SATISF_GLOBALE", "ACCESSIBILITE", "ATTENTE", "COURTOISIE"))
        + "  REPONSE: { A1: \"1\", A2: \"2\", A3: \"3\" }\n"
        "  ORIENTATION: { \"Y\": \"1\", \"N\": \"2\" }\n").encode("utf-8"))

    # cumulative LimeSurvey exports: February, then March = February + new responses
    feb = population(2025_05, 40, 2025, incomplete=2, start_id=401)
    blank_unreached(feb)
    for i, r in enumerate(feb):
        r.when = datetime.datetime(2025, 2, 1 + i % 28, 9 + i % 8, 13, 5)
        r.started = r.when - datetime.timedelta(minutes=3)
    new = population(2025_06, 25, 2025, start_id=441)
    for i, r in enumerate(new):
        r.when = datetime.datetime(2025, 3, 1 + i % 28, 9 + i % 8, 41, 12)
        r.started = r.when - datetime.timedelta(minutes=5)
    # a response incomplete in February, finished in March: counted once, in March
    late = [r for r in feb if not r.complete][0]
    limesurvey_codes("limesurvey-fevrier-2025.csv", feb, 6)
    write_expected("limesurvey-fevrier-2025", feb)
    late.complete = True
    late.answers["COURTOISIE"], late.answers["REPONSE"], late.answers["ORIENTATION"] = "1", "1", "1"
    limesurvey_codes("limesurvey-mars-2025.csv", feb + new, 6)
    write_expected("limesurvey-mars-2025", feb + new)

    # Google Forms ZIP: every field quoted, Horodateur "2025/03/12 10:16:41 AM UTC+1", e-mail
    rs = population(2025_07, 70, 2025, out_of_period=2)
    rows = [["Horodateur", "Adresse e-mail"] + [q[1].replace("'", "’") for q in QUESTIONS]]
    for r in rs:
        rows.append([r.when.strftime("%Y/%m/%d %I:%M:%S %p") + " UTC+1", r.email]
                    + [LABEL[c][r.answers[c]] if LABEL.get(c) and r.answers[c] else
                       (r.comment if c == "COMMENTAIRE" else "") for c, _, _ in QUESTIONS])
    text = all_quoted(rows, ",", "\n")
    save("google-forms-2025.zip", zipped({"Enquête flash 2025 (réponses).csv": text}))
    write_expected("google-forms-2025", rs)

    # Google Sheet CSV: minimal quoting, French sheet dates dd/mm/yyyy hh:mm:ss
    rs = population(2025_08, 45, 2025)
    rows = [["Horodateur", "Adresse e-mail"] + [q[1] for q in QUESTIONS]]
    for r in rs:
        rows.append([r.when.strftime("%d/%m/%Y %H:%M:%S"), r.email]
                    + [LABEL[c][r.answers[c]] if LABEL.get(c) and r.answers[c] else
                       (r.comment if c == "COMMENTAIRE" else "") for c, _, _ in QUESTIONS])
    save("google-forms-sheet-2025.csv", minimal_csv(rows).encode("utf-8"))
    write_expected("google-forms-sheet-2025", rs)

    # Microsoft Forms .xlsx, French columns, real date serials, anonymous
    rs = population(2025_09, 55, 2025, out_of_period=1)
    rows = [["ID", "Heure de début", "Heure de fin", "Adresse de messagerie", "Nom",
             "Heure de la dernière modification"] + [q[1] for q in QUESTIONS]]
    for r in rs:
        anon = r.n % 3 == 0
        rows.append([r.n, ("date", serial(r.started)), ("date", serial(r.when)),
                     "anonymous" if anon else r.email, "" if anon else r.name, ""]
                    + [LABEL[c][r.answers[c]] if LABEL.get(c) and r.answers[c] else
                       (r.comment if c == "COMMENTAIRE" else "") for c, _, _ in QUESTIONS])
    save("ms-forms-2025.xlsx", xlsx(rows, "Sheet1"))
    write_expected("ms-forms-2025", rs)

    # Framaforms: three header rows, tab, all quoted, LF, drafts; and the UTF-16LE variant
    for name, seed, count, utf16, first in (("framaforms-2025.csv", 2025_10, 60, False, 1),
                                            ("framaforms-utf16-2025.csv", 2025_11, 40, True, 101)):
        rs = population(seed, count, 2025, incomplete=3, start_id=first)
        fixed = ["Serial", "SID", "Submitted Time", "Completed Time", "Modified Time", "Draft",
                 "IP Address", "UID", "Username"]
        head = [["Enquête flash 2025 - Ville d'Exemple"] + [""] * (len(fixed) + 6),
                ["Submission Details"] + [""] * (len(fixed) + 6),
                fixed + [q[1] for q in QUESTIONS]]
        rows = list(head)
        for r in rs:
            t = r.when.strftime("%d/%m/%Y - %H:%M")
            rows.append([str(r.n), str(1000 + r.n), t, t if r.complete else "", t,
                         "0" if r.complete else "1", r.ip, "0", "Anonyme"]
                        + [LABEL[c][r.answers[c]] if LABEL.get(c) and r.answers[c] else
                           (r.comment if c == "COMMENTAIRE" else "") for c, _, _ in QUESTIONS])
        if utf16:
            save(name, b"\xff\xfe" + all_quoted(rows, "\t", "\r\n").encode("utf-16-le"))
        else:
            save(name, all_quoted(rows, "\t", "\n").encode("utf-8"))
        write_expected(name[:-4], rs)

    # KoboToolbox CSV: ';', all quoted, labels with group paths, HXL row, metadata, validation
    rs = population(2025_12, 60, 2025, incomplete=4)   # "incomplete" = not approved here
    groups = {"SATISF_GLOBALE": "Accueil", "ACCESSIBILITE": "Accueil", "ATTENTE": "Accueil",
              "COURTOISIE": "Accueil", "REPONSE": "Votre demande", "ORIENTATION": "Votre demande",
              "COMMENTAIRE": "Votre demande"}
    meta = ["_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status",
            "_submitted_by", "__version__", "_tags", "_index"]
    rows = [["start", "end"] + ["%s/%s" % (groups[q[0]], q[1]) for q in QUESTIONS] + meta,
            ["", ""] + ["#indicator+%s" % q[0].lower() for q in QUESTIONS] + [""] * len(meta)]
    rng = random.Random(13)
    for r in rs:
        status = ("validation_status_not_approved" if not r.complete else
                  rng.choice(["validation_status_approved", "", "validation_status_on_hold"]))
        rows.append([r.started.strftime("%Y-%m-%dT%H:%M:%S.000+01:00"),
                     r.when.strftime("%Y-%m-%dT%H:%M:%S.000+01:00")]
                    + [LABEL[c][r.answers[c]] if LABEL.get(c) and r.answers[c] else
                       (r.comment if c == "COMMENTAIRE" else "") for c, _, _ in QUESTIONS]
                    + [str(300000 + r.n), r.uuid,
                       (r.when - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S"),
                       status, "", "submitted_via_web", "agent.accueil", "vQx3mR8aTbD", "",
                       str(r.n)])
    save("kobo-2025.csv", all_quoted(rows, ";", "\r\n").encode("utf-8"))
    write_expected("kobo-2025", rs)

    # KoboToolbox XLSX: XML names with groups, choice names
    rs = population(2025_13, 50, 2025)
    rows = [["start", "end"] + ["grp_%s/%s" % ("accueil" if groups[q[0]] == "Accueil" else
                                               "demande", q[0].lower()) for q in QUESTIONS]
            + meta]
    for r in rs:
        rows.append([r.started.strftime("%Y-%m-%dT%H:%M:%S.000+01:00"),
                     r.when.strftime("%Y-%m-%dT%H:%M:%S.000+01:00")]
                    + [r.answers[c] if LABEL.get(c) else r.comment for c, _, _ in QUESTIONS]
                    + [300500 + r.n, r.uuid,
                       (r.when - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S"),
                       "", "", "submitted_via_web", "", "vQx3mR8aTbD", "", r.n])
    save("kobo-2025.xlsx", xlsx(rows, "Enquête flash 2025"))
    write_expected("kobo-2025-xlsx", rs)


if __name__ == "__main__":
    main()
