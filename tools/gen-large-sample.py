#!/usr/bin/env python3
"""gen-large-sample.py: writes the large-survey samples of samples/definitions.yaml, deterministically
(fixed seed, no clock): the LimeSurvey exports of grande-enquete-2023 (about 800 users) and of its
mirror survey miroir-2023 (60 agents), and the census margins the large survey is raked to.

    python3 tools/gen-large-sample.py [SAMPLES_DIR]     (default: samples)

The large survey is skewed on purpose, as phone and counter surveys are: too many women and too
many people aged 60 and over against the census margins, and satisfaction depends on age, so that
weighting moves the figures. A few rows are incomplete (empty submitdate), 14 respondents chose
"Je préfère ne pas répondre" (PROFIL_SEXE = 3) and 6 left PROFIL_AGE empty.
Channel, site and journey travel in the columns CANAL, ACCUEIL and PARCOURS (hidden questions
filled by the interviewer), which samples/online/map-grande-enquete-2023.yaml maps.
"""
import os
import random
import sys

SEED = 20230301

# LimeSurvey export shape (shared/FORMATS.md): UTF-8 with BOM, CRLF, every non-empty value quoted,
# an empty value written bare.
FIXED = ["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp"]
OPINION = ["SATISF_GLOBALE", "ACCESSIBILITE", "ATTENTE", "COURTOISIE", "REPONSE", "ORIENTATION",
           "COMMENTAIRE"]
PROFILE = ["PROFIL_AGE", "PROFIL_SEXE", "PROFIL_QUARTIER"]
PLACE = ["CANAL", "ACCUEIL", "PARCOURS"]

# Census margins (QUESTIONNAIRE.md), in percent.
MARGINS = {
    "PROFIL_AGE": [("1", "Moins de 25 ans", "14"), ("2", "25 à 39 ans", "24"),
                   ("3", "40 à 59 ans", "32"), ("4", "60 à 74 ans", "19"),
                   ("5", "75 ans et plus", "11")],
    "PROFIL_SEXE": [("1", "Une femme", "52,5"), ("2", "Un homme", "47,5")],
    "PROFIL_QUARTIER": [("1", "Centre", "18"), ("2", "Nord", "24"), ("3", "Sud", "21"),
                        ("4", "Est", "20"), ("5", "Ouest", "17")],
}

# The sample's skew: shares drawn for respondents (compare with MARGINS).
AGE_DRAW = [("1", 0.07), ("2", 0.16), ("3", 0.30), ("4", 0.29), ("5", 0.18)]
SEX_DRAW = [("1", 0.62), ("2", 0.38)]
DISTRICT_DRAW = [("1", 0.26), ("2", 0.20), ("3", 0.22), ("4", 0.17), ("5", 0.15)]
CHANNEL_DRAW = [("guichet", 0.45), ("telephone", 0.30), ("en_ligne", 0.25)]
SITE_DRAW = [("HDV", 0.40), ("CCAS", 0.22), ("MEDIA", 0.18), ("EDF", 0.12), ("PM", 0.08)]
JOURNEYS = [("Demander un titre d'identité", 0.30), ("Inscrire un enfant à l'école", 0.20),
            ("Demander une aide sociale", 0.20), ("Signaler un problème de voirie", 0.15),
            ("Obtenir un acte d'état civil", 0.15)]

# Probability of a positive answer by age band (older people are more satisfied), then the
# shift by sex and channel.
POS_BY_AGE = {"1": 0.66, "2": 0.74, "3": 0.82, "4": 0.90, "5": 0.93}
QUESTION_SHIFT = {"SATISF_GLOBALE": 0.0, "ACCESSIBILITE": -0.04, "ATTENTE": -0.10,
                  "COURTOISIE": 0.05, "REPONSE": -0.12, "ORIENTATION": 0.0}
COMMENTS = ["Très bon accueil, merci.", "Trop d'attente au guichet le samedi.",
            "Le site internet est difficile à utiliser ; on ne trouve pas les horaires.",
            "Agent « très » aimable, réponse claire.", "Il faudrait ouvrir plus tard le jeudi."]


def draw(rng, table):
    x = rng.random()
    acc = 0.0
    for value, p in table:
        acc += p
        if x < acc:
            return value
    return table[-1][0]


def answer(rng, code, p):
    """An option code for question code, positive with probability p."""
    if code in ("SATISF_GLOBALE", "ACCESSIBILITE", "ATTENTE", "COURTOISIE"):
        if rng.random() < 0.03:
            return "9"
        if rng.random() < p:
            return "1" if rng.random() < 0.55 else "2"
        return "3" if rng.random() < 0.65 else "4"
    if code == "REPONSE":
        if rng.random() < p:
            return "1"
        return "2" if rng.random() < 0.6 else "3"
    if rng.random() < p:  # ORIENTATION
        return "1"
    return "2"


def clamp(p):
    return min(0.99, max(0.01, p))


def stamp(rng, day0, days):
    d = day0 + rng.randrange(days)
    month, day = (3, d + 1) if d < 31 else (4, d - 30)
    h, m, s = 8 + rng.randrange(10), rng.randrange(60), rng.randrange(60)
    return "2023-%02d-%02d %02d:%02d:%02d" % (month, day, h, m, s), (month, day, h, m, s)


def later(t, minutes):
    month, day, h, m, s = t
    m += minutes
    h += m // 60
    m %= 60
    return "2023-%02d-%02d %02d:%02d:%02d" % (month, day, h, m, s)


def csv_line(values):
    out = []
    for v in values:
        if v is None or v == "":
            out.append("")
        else:
            out.append('"' + v.replace('"', '""') + '"')
    return ",".join(out) + "\r\n"


def write_export(path, header, rows):
    with open(path, "wb") as f:
        f.write(b"\xef\xbb\xbf")
        f.write(csv_line(header).encode("utf-8"))
        for r in rows:
            f.write(csv_line(r).encode("utf-8"))


def large(rng, n_complete=800, n_incomplete=10):
    header = FIXED + OPINION + PROFILE + PLACE
    rows = []
    total = n_complete + n_incomplete
    incomplete = set(rng.sample(range(total), n_incomplete))
    declined_sex = set(rng.sample([i for i in range(total) if i not in incomplete], 14))
    no_age = set(rng.sample([i for i in range(total) if i not in incomplete
                             and i not in declined_sex], 6))
    for i in range(total):
        rid = str(1001 + i)
        start, t = stamp(rng, 0, 61)
        age = draw(rng, AGE_DRAW)
        sex = draw(rng, SEX_DRAW)
        district = draw(rng, DISTRICT_DRAW)
        channel = draw(rng, CHANNEL_DRAW)
        site = draw(rng, SITE_DRAW) if channel == "guichet" else ""
        journey = draw(rng, JOURNEYS)
        base = POS_BY_AGE[age] + (0.02 if sex == "1" else -0.02)
        base += {"guichet": 0.02, "telephone": -0.05, "en_ligne": 0.0}[channel]
        ans = [answer(rng, q, clamp(base + QUESTION_SHIFT[q])) for q in OPINION[:-1]]
        comment = rng.choice(COMMENTS) if rng.random() < 0.06 else ""
        if i in declined_sex:
            sex = "3"
        if i in no_age:
            age = ""
        values = [rid, later(t, 6), "3", "fr", str(rng.randrange(10**8, 10**9)), start,
                  later(t, 6)] + ans + [comment, age, sex, district, channel, site, journey]
        if i in incomplete:
            # Abandoned after the first page: no submitdate, profile and later answers empty.
            values[1] = ""
            values[2] = "1"
            values[6] = later(t, 2)
            for k in range(7 + 3, len(values)):
                values[k] = ""
            values[7 + len(OPINION) + len(PROFILE)] = channel
        rows.append(values)
    return header, rows


def mirror(rng, n_agents=60, n_incomplete=2):
    header = FIXED + OPINION + PLACE
    rows = []
    # Agents think users less satisfied with waiting and answers than users say, and more
    # satisfied with courtesy.
    agent_p = {"SATISF_GLOBALE": 0.78, "ACCESSIBILITE": 0.70, "ATTENTE": 0.52,
               "COURTOISIE": 0.95, "REPONSE": 0.66, "ORIENTATION": 0.80}
    for i in range(n_agents + n_incomplete):
        rid = str(5001 + i)
        start, t = stamp(rng, 0, 61)
        ans = [answer(rng, q, agent_p[q]) for q in OPINION[:-1]]
        values = [rid, later(t, 4), "2", "fr", str(rng.randrange(10**8, 10**9)), start,
                  later(t, 4)] + ans + ["", "en_ligne", "", ""]
        if i >= n_agents:
            values[1] = ""
            values[2] = "1"
            for k in range(7 + 2, 7 + len(OPINION)):
                values[k] = ""
        rows.append(values)
    return header, rows


def margins(path):
    """French Excel style: ';', decimal commas, Windows-1252, CRLF."""
    lines = ["question;categorie;libelle;part"]
    for q, cats in MARGINS.items():
        for code, label, share in cats:
            lines.append("%s;%s;%s;%s" % (q, code, label, share))
    with open(path, "wb") as f:
        f.write(("\r\n".join(lines) + "\r\n").encode("cp1252"))


def main():
    top = sys.argv[1] if len(sys.argv) > 1 else "samples"
    os.makedirs(os.path.join(top, "online"), exist_ok=True)
    rng = random.Random(SEED)
    h, rows = large(rng)
    write_export(os.path.join(top, "online", "limesurvey-grande-enquete-2023.csv"), h, rows)
    h, rows = mirror(random.Random(SEED + 1))
    write_export(os.path.join(top, "online", "limesurvey-miroir-2023.csv"), h, rows)
    margins(os.path.join(top, "margins-grande-enquete-2023.csv"))
    with open(os.path.join(top, "online", "map-grande-enquete-2023.yaml"), "w",
              encoding="utf-8") as f:
        f.write("# Canal, accueil et parcours de la grande enquête : colonnes remplies par\n"
                "# l'enquêteur (questions cachées de LimeSurvey).\n"
                "channel_column: CANAL\nsite_column: ACCUEIL\njourney_column: PARCOURS\n")


if __name__ == "__main__":
    main()
