#!/usr/bin/env python3
"""Needs benchmark data (bench/needs.sh, bench/README.md "Needs"). Python 3 standard
library only; deterministic for a --seed.

usage:
  gen.py template OUT.json [--questions 60] [--seed 1]
      a questionnaire template (docs/questionnaire.md), id "bench-needs", version 1:
      the six dimensions, --questions questions spread evenly over them, in each
      dimension the kinds in the order of KINDS (40% stage, 30% yes_partly_no, 10%
      number, 10% choice, 10% text at 60 questions). Every text starts "[generated]".
  gen.py countries
      the 193 UN member states (alpha-2), comma-separated, for `campaign open
      --countries`.
  gen.py answers DB CAMPAIGN_ID... [--seed 1] [--clear 0.2]
      after the campaigns exist (opened with the CLI, oldest first): every country
      asked answers every campaign, written with sqlite3 into campaign_country (status
      accepted, revision 4, tlp GREEN or, with probability --clear, CLEAR, the times
      inside the campaign's days) and answer_value (a valid value for every question
      of the campaign's template: a stage 1-5, yes / partly / no, a number within
      min..max, an option id, a text; evidence where the question takes it). Each
      country has a maturity per dimension, drawn for the seed (1.0-4.2), which grows
      by 0-0.4 stage between campaigns; stages are drawn around it, and yes / partly /
      no answers from it (higher maturity: more "yes"), so that countries improve a
      little from one campaign to the next. Prints counts.
"""
import json
import random
import sqlite3
import sys

DIMENSIONS = ["legal", "procedural", "cooperation", "institutions", "training",
              "prevention"]
# per dimension of 10 questions: 4 stage, 3 yes_partly_no, number, choice, text
KINDS = ["stage", "yes_partly_no", "stage", "yes_partly_no", "stage", "number",
         "yes_partly_no", "choice", "stage", "text"]
ARTICLES = ["un-cc/%d" % n for n in list(range(7, 22))] + \
           ["coe-185/%d" % n for n in range(2, 23)]

# the 193 member states of the United Nations, ISO 3166-1 alpha-2
UN_MEMBERS = (
    "AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI "
    "CV KH CM CA CF TD CL CN CO KM CG CR CI HR CU CY CZ KP CD DK DJ DM DO EC EG SV GQ ER "
    "EE SZ ET FJ FI FR GA GM GE DE GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT "
    "JM JP JO KZ KE KI KW KG LA LV LB LS LR LY LI LT LU MG MW MY MV ML MT MH MR MU MX FM "
    "MD MC MN ME MA MZ MM NA NR NP NL NZ NI NE NG MK NO OM PK PW PA PG PY PE PH PL PT QA "
    "KR RO RU RW KN LC VC WS SM ST SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH "
    "SY TJ TH TL TG TO TT TN TR TM TV UG UA AE GB TZ US UY UZ VU VE VN YE ZM ZW").split()
assert len(UN_MEMBERS) == 193 and len(set(UN_MEMBERS)) == 193


def opt(args, name, default):
    if name in args:
        i = args.index(name)
        v = args[i + 1]
        del args[i:i + 2]
        return type(default)(v)
    return default


def template(out, nq, seed):
    rnd = random.Random(seed)
    dims = []
    per = [nq // 6 + (1 if i < nq % 6 else 0) for i in range(6)]
    for d, dim in enumerate(DIMENSIONS):
        qs = []
        for k in range(per[d]):
            kind = KINDS[k % len(KINDS)]
            q = {"id": "%s.q%02d" % (dim, k + 1), "kind": kind,
                 "text": "[generated] %s question %d (%s): how far has the country "
                         "got?" % (dim, k + 1, kind)}
            if kind == "text":
                q["evidence"] = "none"
            else:
                q["evidence"] = rnd.choice(["none", "optional", "optional", "required"])
            if kind == "stage":
                q["stages"] = ["[generated] stage %d of %s.q%02d: %s" % (
                    s, dim, k + 1, ["nothing in place", "first steps", "partly in place",
                                    "in place and applied", "in place, applied, reviewed"]
                    [s - 1]) for s in range(1, 6)]
            elif kind == "number":
                q["min"] = 0
                q["max"] = 100000
            elif kind == "choice":
                q["options"] = [{"id": "o%d" % i, "text": "[generated] option %d" % i}
                                for i in range(1, 5)]
            if dim == "legal" and kind in ("stage", "yes_partly_no"):
                q["articles"] = rnd.sample(ARTICLES, 2)
            qs.append(q)
        dims.append({"id": dim, "questions": qs})
    doc = {"id": "bench-needs", "version": 1,
           "title": "[generated] Needs benchmark questionnaire (%d questions)" % nq,
           "dimensions": dims}
    with open(out, "w") as f:
        json.dump(doc, f, indent=1)
    print("template: %s, %d questions, kinds %s" % (out, nq, ", ".join(
        "%s %d" % (k, sum(1 for dm in dims for q in dm["questions"] if q["kind"] == k))
        for k in ["stage", "yes_partly_no", "number", "choice", "text"])))


def answers(db, ids, seed, clear):
    rnd = random.Random(seed)
    con = sqlite3.connect(db)
    con.execute("PRAGMA foreign_keys = ON")
    camps = []
    for cid in ids:
        row = con.execute("SELECT template, version, opens_on, deadline FROM campaign "
                          "WHERE id = ?", (cid,)).fetchone()
        if not row:
            sys.exit("gen.py: no campaign %d" % cid)
        tpl, ver, opens, deadline = row
        doc = json.loads(con.execute("SELECT json FROM questionnaire WHERE id = ? AND "
                                     "version = ?", (tpl, ver)).fetchone()[0])
        qs = [(dm["id"], q) for dm in doc["dimensions"] for q in dm["questions"]]
        countries = [r[0] for r in con.execute(
            "SELECT country FROM campaign_country WHERE campaign = ? ORDER BY country",
            (cid,))]
        camps.append((cid, opens, deadline, qs, countries))
    # every country's maturity per dimension, growing between campaigns
    allc = sorted({c for cm in camps for c in cm[4]})
    level = {c: {d: rnd.uniform(1.0, 4.2) for d in DIMENSIONS} for c in allc}
    nvalues = nanswers = nclear = 0
    stage_sum = [0.0] * len(camps)
    stage_n = [0] * len(camps)
    with con:
        for ci, (cid, opens, deadline, qs, countries) in enumerate(camps):
            for c in countries:
                tlp = "CLEAR" if rnd.random() < clear else "GREEN"
                nclear += tlp == "CLEAR"
                upd = "%sT10:%02d:00Z" % (deadline, rnd.randrange(60))
                sub = "%sT11:%02d:00Z" % (deadline, rnd.randrange(60))
                acc = "%sT12:%02d:00Z" % (deadline, rnd.randrange(60))
                con.execute(
                    "UPDATE campaign_country SET status = 'accepted', revision = 4, "
                    "tlp = ?, updated_at = ?, updated_by = 'focal-%s', submitted_at = ?, "
                    "submitted_by = 'focal-%s', accepted_at = ?, accepted_by = 'curator' "
                    "WHERE campaign = ? AND country = ?" % (c.lower(), c.lower()),
                    (tlp, upd, sub, acc, cid, c))
                nanswers += 1
                rows = []
                for dim, q in qs:
                    m = level[c][dim]
                    kind = q["kind"]
                    if kind == "stage":
                        v = str(min(5, max(1, int(round(rnd.gauss(m, 0.6))))))
                        stage_sum[ci] += int(v)
                        stage_n[ci] += 1
                    elif kind == "yes_partly_no":
                        x = rnd.gauss(m, 0.8)
                        v = "no" if x < 2.2 else "partly" if x < 3.4 else "yes"
                    elif kind == "number":
                        v = str(rnd.randrange(q.get("min", 0), min(q.get("max", 5000),
                                                                    5000) + 1))
                    elif kind == "choice":
                        ids_ = [o["id"] for o in q["options"]]
                        v = ids_[min(len(ids_) - 1, max(0, int(m) - 1 +
                                                        rnd.choice([-1, 0, 0, 1])))]
                    else:
                        v = "[generated] %s answers %s in campaign %d: measures are " \
                            "being prepared with the ministry." % (c, q["id"], cid)
                    ev = None
                    if q.get("evidence") == "required" or (
                            q.get("evidence") == "optional" and rnd.random() < 0.5):
                        ev = "https://example.org/%s/%s/%d" % (c.lower(), q["id"], cid)
                    rows.append((cid, c, q["id"], v, ev))
                con.executemany("INSERT INTO answer_value (campaign, country, question, "
                                "value, evidence) VALUES (?, ?, ?, ?, ?)", rows)
                nvalues += len(rows)
            # improve a little before the next campaign
            for c in allc:
                for d in DIMENSIONS:
                    level[c][d] = min(5.0, level[c][d] + rnd.uniform(0.0, 0.4))
    print("answers: %d (%d CLEAR, the rest GREEN), %d values, in campaigns %s" % (
        nanswers, nclear, nvalues, " ".join(map(str, ids))))
    print("mean stage per campaign: %s" % ", ".join(
        "%d: %.2f" % (camps[i][0], stage_sum[i] / max(1, stage_n[i]))
        for i in range(len(camps))))


def main():
    args = sys.argv[1:]
    seed = opt(args, "--seed", 1)
    nq = opt(args, "--questions", 60)
    clear = opt(args, "--clear", 0.2)
    if args[:1] == ["template"] and len(args) == 2:
        template(args[1], nq, seed)
    elif args[:1] == ["countries"]:
        print(",".join(UN_MEMBERS))
    elif args[:1] == ["answers"] and len(args) >= 3:
        answers(args[1], [int(x) for x in args[2:]], seed, clear)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
