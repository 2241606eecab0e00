#!/usr/bin/env python3
# gen-paper-samples.py: writes the paper samples of samples/paper/ (the files are committed; this
# script says how they were made and remakes them identically):
#   tally-flash-2025.csv   tally sheet as French Excel saves it: Windows-1252, ';', CRLF, no quotes
#   tally-flash-2024.csv   the same shape in UTF-8 with a BOM, with other rates (year over year)
#   sdaps-data_1.csv       SDAPS data_1.csv of ~40 scanned forms at the Médiathèque (flash-2025)
#   sdaps-map.yaml         is hand-written (not generated): positions -> questions, boxes -> options
# Usage: python3 tools/gen-paper-samples.py [OUTDIR]   (default samples/paper)
import os
import random
import sys

SCALE = ["Très satisfait", "Plutôt satisfait", "Plutôt pas satisfait", "Pas du tout satisfait",
         "Sans avis"]
REPONSE = ["Oui", "En partie", "Non"]
YESNO = ["Oui", "Non"]

# Share of positive answers among those counted, per question and year. 2024 -> 2025: ATTENTE
# rises by about 17 points (significant on ~200 answers), the others move by 1 to 3 points.
RATES = {
    2025: {"SATISF_GLOBALE": 0.88, "ACCESSIBILITE": 0.78, "ATTENTE": 0.74, "COURTOISIE": 0.93,
           "REPONSE": 0.74, "ORIENTATION": 0.86},
    2024: {"SATISF_GLOBALE": 0.86, "ACCESSIBILITE": 0.76, "ATTENTE": 0.57, "COURTOISIE": 0.91,
           "REPONSE": 0.72, "ORIENTATION": 0.84},
}
QUESTIONS = ["SATISF_GLOBALE", "ACCESSIBILITE", "ATTENTE", "COURTOISIE", "REPONSE", "ORIENTATION"]
PERIODS = {
    2025: [("01/03/2025", "31/03/2025"), ("01/04/2025", "30/04/2025")],
    2024: [("01/03/2024", "31/03/2024"), ("01/04/2024", "30/04/2024")],
}
SITES = ["HDV", "CCAS"]


def split(n, shares):
    """n forms split along shares (largest remainders), so that the parts add up to n."""
    raw = [n * s for s in shares]
    parts = [int(x) for x in raw]
    rest = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in rest[: n - sum(parts)]:
        parts[i] += 1
    return parts


def tally_rows(year, rnd):
    rows = []
    for site in SITES:
        for du, au in PERIODS[year]:
            forms = rnd.randint(42, 58)
            for q in QUESTIONS:
                p = min(0.98, max(0.02, RATES[year][q] + rnd.uniform(-0.03, 0.03)))
                if q in ("SATISF_GLOBALE", "ACCESSIBILITE", "ATTENTE", "COURTOISIE"):
                    sans_avis = rnd.randint(0, 2)
                    counted = forms - sans_avis
                    tres = rnd.uniform(0.5, 0.6)
                    parts = split(counted, [p * tres, p * (1 - tres), (1 - p) * 0.6,
                                            (1 - p) * 0.4]) + [sans_avis]
                    labels = SCALE
                elif q == "REPONSE":
                    parts = split(forms, [p, (1 - p) * 0.6, (1 - p) * 0.4])
                    labels = REPONSE
                else:
                    parts = split(forms, [p, 1 - p])
                    labels = YESNO
                for label, n in zip(labels, parts):
                    rows.append([site, du, au, "guichet", q, label, str(n)])
    return rows


def write_tally(path, rows, encoding, bom):
    text = "site;du;au;canal;question;reponse;nombre\r\n"
    text += "".join(";".join(r) + "\r\n" for r in rows)
    data = text.encode(encoding)
    with open(path, "wb") as f:
        if bom:
            f.write(b"\xef\xbb\xbf")
        f.write(data)


COMMENTS = [
    "Accueil très agréable, merci",
    "Trop d'attente le samedi matin",
    "Il manque des places pour s'asseoir, et le wifi ne marche pas",
    "Personnel \"au top\"",
    "Horaires à élargir :\nouvrir le lundi matin",
]


def sdaps(path, rnd):
    # section 1: the four scale questions (5 boxes: 4 + sans avis); section 2: REPONSE (3 boxes),
    # ORIENTATION (2 boxes); section 3: the free-text comment (one text box)
    questions = [("1_1", 5), ("1_2", 5), ("1_3", 5), ("1_4", 5), ("2_1", 3), ("2_2", 2)]
    header = ["questionnaire_id", "global_id", "empty", "valid", "recognized", "review",
              "verified", "1_review"]
    for pos, boxes in questions:
        if pos == "2_1":
            header.append("2_review")
        header += [pos + "_review", pos] + ["%s_%d" % (pos, b) for b in range(1, boxes + 1)]
    header += ["3_review", "3_1_review", "3_1_1"]
    lines = [",".join(header)]
    scale_w = [0.45, 0.35, 0.1, 0.06, 0.04]
    for k in range(40):
        qid = str(2501 + k)
        empty = "1" if k == 17 else "0"
        valid = "0" if k == 29 else "1"
        review = "feuille déchirée" if k == 29 else ""
        row = [qid, "ENQ2025", empty, valid, "1", review, "0", ""]
        comment = "0"
        if empty == "0" and k % 8 == 3:
            comment = COMMENTS[(k // 8) % len(COMMENTS)]
        for pos, boxes in questions:
            if pos == "2_1":
                row.append("")
            if empty == "1":
                value = "NA"
            elif (k * 7 + boxes + int(pos[-1])) % 23 == 0:
                value = "NA"
            elif (k * 5 + int(pos[-1])) % 31 == 0:
                value = "error-multi-select"
            else:
                w = scale_w if boxes == 5 else [0.7, 0.2, 0.1] if boxes == 3 else [0.85, 0.15]
                value = str(rnd.choices(range(1, boxes + 1), weights=w)[0])
            ticks = ["0"] * boxes
            if value.isdigit():
                ticks[int(value) - 1] = "1"
            elif value == "error-multi-select":
                ticks[0] = ticks[1] = "1"
            row += ["", value] + ticks
        row += ["", "", comment]
        lines.append(",".join(csv_cell(c) for c in row))
    with open(path, "wb") as f:
        f.write(("\r\n".join(lines) + "\r\n").encode("utf-8"))


def csv_cell(s):
    if any(c in s for c in ",\"\r\n"):
        return '"' + s.replace('"', '""') + '"'
    return s


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "samples/paper"
    os.makedirs(out, exist_ok=True)
    write_tally(os.path.join(out, "tally-flash-2025.csv"), tally_rows(2025, random.Random(2025)),
                "cp1252", False)
    write_tally(os.path.join(out, "tally-flash-2024.csv"), tally_rows(2024, random.Random(2024)),
                "utf-8", True)
    sdaps(os.path.join(out, "sdaps-data_1.csv"), random.Random(42))


if __name__ == "__main__":
    main()
