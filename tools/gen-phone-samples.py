#!/usr/bin/env python3
"""gen-phone-samples.py: writes the phone samples (samples/phone/) and the bad phone corpus
(tests/data/phone/) for the reference questionnaire, deterministically (fixed seed).

  python3 tools/gen-phone-samples.py [REPO_ROOT]

Asterisk files are written the way cdr/cdr_csv.c writes Master.csv: no header, text fields and
dates in double quotes (an embedded quote doubled), numbers bare, an unset answer time as an
empty bare field, LF. The Newfies report follows survey/views.py export_surveycall_report
(tablib CSV: minimal quoting, CRLF, question texts with commas replaced by spaces). The
interview sheet is French Excel style: ';', Windows-1252, CRLF, dates dd/mm/yyyy hh:mm.
Every phone number and name below is invented."""
import datetime
import os
import random
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
SAMPLES = os.path.join(ROOT, "samples", "phone")
BAD = os.path.join(ROOT, "tests", "data", "phone")

FIRST = ["Marie", "Jean", "Nadia", "Louis", "Chantal", "Karim", "Sophie", "Paul", "Inès",
         "Bernard", "Lucie", "Mehdi", "Odile", "Thierry", "Yasmine", "René"]
LAST = ["Martin", "Bernard", "Dubois", "Durand", "Lefèvre", "Moreau", "Laurent", "Simon",
        "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel"]


def quoted(s):
    return '"' + s.replace('"', '""') + '"'


class Cdr:
    """Builds Master.csv lines; every call gets a fresh invented caller."""

    def __init__(self, rng, seq_base):
        self.rng = rng
        self.seq = seq_base
        self.numbers = []

    def number(self):
        prefix = self.rng.choice(["06", "07", "01", "02", "03", "04", "05", "09"])
        n = prefix + "".join(self.rng.choice("0123456789") for _ in range(8))
        self.numbers.append(n)
        return n

    def line(self, when, dcontext, disposition, userfield, lastapp="Playback",
             lastdata="enquete/merci", dst="3900", duration=None):
        src = self.number()
        name = self.rng.choice(FIRST) + " " + self.rng.choice(LAST)
        self.seq += 1
        uniqueid = "%d.%d" % (epoch_of(when), self.seq)
        chan = "SIP/trunk-ovh-%08x" % (0x1a2b + self.seq)
        answered = disposition == "ANSWERED"
        if duration is None:
            duration = self.rng.randint(40, 400) if answered else self.rng.randint(5, 40)
        billsec = max(duration - self.rng.randint(1, 4), 1) if answered else 0
        start = when
        answer = bump(when, 2) if answered else ""
        end = bump(when, duration)
        fields = [
            quoted(""), quoted(src), quoted(dst), quoted(dcontext),
            quoted('"%s" <%s>' % (name, src)), quoted(chan),
            quoted("Local/%s@enquete-ivr-0000%03x;1" % (dst, self.seq) if answered else ""),
            quoted(lastapp), quoted(lastdata), quoted(start),
            quoted(answer) if answer else "", quoted(end),
            str(duration), str(billsec), quoted(disposition), quoted("DOCUMENTATION"),
            quoted(uniqueid), quoted(userfield),
        ]
        return ",".join(fields) + "\n"


def epoch_of(when):
    """Seconds since 1970 of a local (UTC+1) 'YYYY-MM-DD HH:MM:SS', as Asterisk's uniqueid
    starts; tolerates an impossible day (the bad corpus has one)."""
    y, mo, d = (int(x) for x in when[:10].split("-"))
    h, mi, s = (int(x) for x in when[11:].split(":"))
    days = (datetime.date(y, mo, 1) - datetime.date(1970, 1, 1)).days + d - 1
    return days * 86400 + h * 3600 + mi * 60 + s - 3600


def bump(when, seconds):
    """Adds seconds to 'YYYY-MM-DD HH:MM:SS' (calls never cross midnight here)."""
    d, t = when.split(" ")
    h, m, s = (int(x) for x in t.split(":"))
    total = h * 3600 + m * 60 + s + seconds
    return "%s %02d:%02d:%02d" % (d, total // 3600, (total // 60) % 60, total % 60)


def satisfaction(rng):
    return rng.choices("12345", weights=[44, 40, 8, 4, 4])[0]


def reponse(rng):
    return rng.choices("123", weights=[72, 18, 10])[0]


def when_in(rng, year, months):
    month = rng.choice(months)
    day = rng.randint(1, 28)
    return "%04d-%02d-%02d %02d:%02d:%02d" % (year, month, day, rng.randint(8, 17),
                                              rng.randint(0, 59), rng.randint(0, 59))


SURVEY_PLACES = [("enquete-hdv", "Playback", "enquete/merci"),
                 ("enquete-ccas", "Playback", "enquete/merci"),
                 ("ext-queues", "Queue", "accueil-ccas,t,,,300")]


def survey_calls(rng, cdr, year, months, plan):
    """plan: list of kinds; returns the lines, sorted by start time."""
    calls = []
    for kind in plan:
        when = when_in(rng, year, months)
        ctx, app, data = rng.choice(SURVEY_PLACES)
        if kind == "full":
            uf = "ENQ_Q1:%s;ENQ_Q2:%s" % (satisfaction(rng), reponse(rng))
        elif kind == "q1only":          # hung up after the first question
            uf = "ENQ_Q1:%s" % satisfaction(rng)
        elif kind == "q1timeout":       # pressed nothing at the second question
            uf = "ENQ_Q1:%s;ENQ_Q2:" % satisfaction(rng)
        elif kind == "q2only":          # nothing at the first, answered the second
            uf = "ENQ_Q1:;ENQ_Q2:%s" % reponse(rng)
        elif kind == "empty":           # hung up before the first question
            uf = ""
        elif kind == "internal":        # an ordinary call of the PBX, not the survey
            ctx, app, data, uf = "from-internal", "Dial", "SIP/204,30,tT", ""
        else:
            uf = ""
        disposition = {"noanswer": "NO ANSWER", "busy": "BUSY", "failed": "FAILED"}.get(
            kind, "ANSWERED")
        calls.append((when, ctx, app, data, disposition, uf))
    calls.sort()
    return [cdr.line(w, ctx, disp, uf, lastapp=app, lastdata=data)
            for (w, ctx, app, data, disp, uf) in calls]


def write(path, text, encoding="utf-8", newline=""):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding=encoding, newline=newline) as f:
        f.write(text)


def asterisk(rng):
    cdr = Cdr(rng, 100)
    # two calls of late December 2024 at the head of the cumulative file (out of flash-2025)
    head = survey_calls(rng, cdr, 2024, [12], ["full", "full"])
    plan = (["full"] * 46 + ["q1only"] * 4 + ["q1timeout"] * 3 + ["q2only"] * 2 +
            ["empty"] * 4 + ["internal"] * 3 + ["noanswer"] * 8 + ["busy"] * 5 +
            ["failed"] * 1)
    rng.shuffle(plan)
    body = survey_calls(rng, cdr, 2025, list(range(1, 10)), plan)
    master = "".join(head + body)
    grown_plan = ["full"] * 13 + ["q1only"] * 2 + ["noanswer"] * 3 + ["empty"] * 2
    rng.shuffle(grown_plan)
    grown = survey_calls(rng, cdr, 2025, [10, 11], grown_plan)
    write(os.path.join(SAMPLES, "Master.csv"), master)
    write(os.path.join(SAMPLES, "Master-grown.csv"), master + "".join(grown))

    cdr24 = Cdr(rng, 1)
    plan24 = (["full"] * 30 + ["q1only"] * 3 + ["empty"] * 2 + ["noanswer"] * 4 +
              ["busy"] * 1)
    rng.shuffle(plan24)
    write(os.path.join(SAMPLES, "Master-2024.csv"),
          "".join(survey_calls(rng, cdr24, 2024, list(range(2, 12)), plan24)))

    # the bad corpus: small files, each with one kind of problem among good lines
    def bad(name, lines):
        write(os.path.join(BAD, name), "".join(lines))

    cdrb = Cdr(rng, 5000)

    def good(n):
        return survey_calls(rng, cdrb, 2025, [3], ["full"] * n)

    def one(uf, ctx="enquete-hdv", disposition="ANSWERED", when="2025-03-14 10:20:30"):
        return cdrb.line(when, ctx, disposition, uf)

    bad("digit-out-of-range.csv", good(3) + [one("ENQ_Q1:7;ENQ_Q2:1")] + good(2))
    bad("unknown-key.csv", good(2) + [one("ENQ_Q1:2;ENQ_Q9:1")] + good(2))
    bad("malformed-userfield.csv", good(2) + [one("ENQ_Q1=4;ENQ_Q2:1")] + good(1))
    bad("unknown-context.csv", good(2) + [one("ENQ_Q1:1;ENQ_Q2:1", ctx="enquete-media")] +
        good(1))
    bad("duplicate-key.csv", good(1) + [one("ENQ_Q1:1;ENQ_Q1:2")] + good(1))
    bad("bad-disposition.csv", good(1) + [one("ENQ_Q1:1", disposition="DECROCHE")] + good(1))
    bad("bad-date.csv", good(1) + [one("ENQ_Q1:1", when="2025-02-30 10:00:00")] + good(1))
    short = good(1)[0].split(",")[:10]
    bad("short-line.csv", good(1) + [",".join(short) + "\n"] + good(1))
    # a caller's number where the userfield should be: must never be echoed
    bad("number-in-userfield.csv", good(1) + [one("0612345678")] + good(1))
    numbers = cdr.numbers + cdr24.numbers + cdrb.numbers
    return numbers


NEWFIES_Q1 = "Globalement  êtes-vous satisfait(e) de l'accueil ?"
NEWFIES_Q2 = "Avez-vous obtenu une réponse à votre demande ?"
NEWFIES_Q3 = "Souhaitez-vous être rappelé ?"
LABELS1 = {"1": "Très satisfait", "2": "Plutôt satisfait", "3": "Plutôt pas satisfait",
           "4": "Pas du tout satisfait", "5": "Sans avis"}
LABELS2 = {"1": "Oui", "2": "En partie", "3": "Non"}


def newfies(rng):
    numbers = []
    rows = ["starting_date,phone_number,duration,disposition,%s,%s,%s" %
            (NEWFIES_Q1, NEWFIES_Q2, NEWFIES_Q3)]
    for i in range(40):
        when = when_in(rng, 2025, [4, 5, 6])
        number = "33" + rng.choice("67") + "".join(rng.choice("0123456789") for _ in range(8))
        numbers.append(number)
        disp = rng.choices(["ANSWER", "NOANSWER", "BUSY"], weights=[85, 10, 5])[0]
        q1 = q2 = q3 = ""
        if disp == "ANSWER" and rng.random() > 0.06:
            d1 = satisfaction(rng)
            q1 = LABELS1[d1] if d1 != "5" and rng.random() < 0.7 else d1
            if rng.random() > 0.1:
                d2 = reponse(rng)
                q2 = LABELS2[d2] if rng.random() < 0.7 else d2
            q3 = rng.choice(["Oui", "Non", ""])
        duration = rng.randint(30, 200) if disp == "ANSWER" else 0
        rows.append("%s.%06d+00:00,%s,%d,%s,%s,%s,%s" % (when, rng.randint(0, 999999), number,
                                                          duration, disp, q1, q2, q3))
    write(os.path.join(SAMPLES, "newfies-survey.csv"), "\r\n".join(rows) + "\r\n")
    return numbers


INTERVIEW_REMARKS = ["", "", "", "Attente un peu longue au standard",
                     "Agent très aimable, merci", "Pas pu joindre le bon service",
                     "Horaires d'ouverture à afficher sur le site", ""]


def interview(rng):
    rows = ["Date de l'appel;N° d'appel;Agent;Service;"
            "Globalement, êtes-vous satisfait(e) de l'accueil ?;"
            "Avez-vous obtenu une réponse à votre demande ?;Remarque"]
    agents = ["C. Petit", "J. Roussel", "A. Nguyen"]
    typed1 = {"1": ["Très satisfait", "tres satisfait", "1"],
              "2": ["Plutôt satisfait", "plutot satisfait", "2"],
              "3": ["Plutôt pas satisfait"], "4": ["Pas du tout satisfait"],
              "5": ["Sans avis"]}
    typed2 = {"1": ["Oui", "oui"], "2": ["En partie"], "3": ["Non"]}
    for i in range(40):
        month = rng.choice([2, 3, 4, 5])
        day = rng.randint(1, 28)
        date = "%02d/%02d/2025 %02d:%02d" % (day, month, rng.randint(8, 17),
                                             rng.randint(0, 59))
        q1 = rng.choice(typed1[satisfaction(rng)])
        q2 = rng.choice(typed2[reponse(rng)]) if rng.random() > 0.1 else ""
        service = rng.choice(["Hôtel de Ville", "CCAS", "HDV"])
        rows.append(";".join([date, "T2025-%04d" % (i + 1), rng.choice(agents), service, q1, q2,
                              rng.choice(INTERVIEW_REMARKS)]))
    write(os.path.join(SAMPLES, "interview.csv"), "\r\n".join(rows) + "\r\n",
          encoding="cp1252")


def bad_tables():
    """The bad corpus of the Newfies and interview formats."""
    write(os.path.join(BAD, "newfies-bad.csv"), "\r\n".join([
        "starting_date,phone_number,duration,disposition,%s,%s" % (NEWFIES_Q1, NEWFIES_Q2),
        "2025-04-02 10:11:12+00:00,33612345678,95,ANSWER,Très satisfait,Oui",
        "2025-04-02 10:15:40+00:00,33698765432,80,PICKED,Très satisfait,Oui",
        "2025-04-02 10:19:03+00:00,33655554444,61,ANSWER,Enchanté,Oui",
        "33611112222,33611112222,61,ANSWER,Très satisfait,Oui",
    ]) + "\r\n")
    write(os.path.join(BAD, "interview-bad.csv"), "\r\n".join([
        "Date de l'appel;N° d'appel;Agent;Service;"
        "Globalement, êtes-vous satisfait(e) de l'accueil ?;"
        "Avez-vous obtenu une réponse à votre demande ?;Remarque",
        "03/03/2025 10:12;T2025-0901;C. Petit;HDV;Très satisfait;Oui;",
        "06 12 34 56 78;T2025-0902;C. Petit;HDV;Plutôt satisfait;Oui;",
        "04/03/2025 11:40;T2025-0903;C. Petit;Mairie annexe;Plutôt satisfait;Oui;",
        "05/03/2025 09:05;T2025-0904;J. Roussel;CCAS;Très content;Oui;",
    ]) + "\r\n", encoding="cp1252")


def main():
    rng = random.Random(20250314)
    numbers = asterisk(rng)
    numbers += newfies(rng)
    interview(rng)
    bad_tables()
    # the test greps a database dump for every one of these
    write(os.path.join(BAD, "caller-numbers.txt"), "\n".join(numbers) + "\n")


if __name__ == "__main__":
    main()
