#!/usr/bin/env python3
"""Search benchmark corpus: N synthetic provisions built from the real texts.

Reads the statutes, treaties and judgments of the shared corpus listed in CORPUS_FILES
(Markdown and XML: Akoma Ntoso, CLML; every text file of the corpus when the list was
pinned, printed at the start so that figures stay comparable between runs: a file
added to the corpus later is not read until it is added here), splits them into
sentences and headings, and builds N provisions (parts >
sections > subsections) of acts spread over every ISO 3166-1 country (or --countries N
of them), with dates 1980-2026 and a share of sections (--map-rate, default 2%) mapped
(accepted) to an instrument article. Deterministic for a given --seed; with the default
--map-rate and --countries, the output is the same as before those options existed.
Writes into OUT:

  bundle-NN.json  ccrepo JSON bundles (docs/bundle.md), at most --per-bundle provisions
  docs.tsv        the same provisions, one a line, for the FTS5 and Xapian drivers:
                  id work_uri eid country kind year lang title heading body articles
                  (\\t \\n \\\\ escaped)
  queries.tsv     class query terms country kind year_from year_to lang
                  (query in ccrepo's syntax; terms: '|'-separated words or phrases)
  stats.txt       counts and the measured frequency of the common words
  .done           written last: the directory is complete

Python 3 standard library only.
"""
import argparse
import json
import os
import random
import re
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))

TOPICS = [
    "Computer Misuse", "Computer Misuse and Cybercrimes", "Cybercrimes", "Cybersecurity",
    "Data Protection", "Electronic Transactions", "Electronic Communications",
    "Criminal Procedure", "Evidence", "Penal Code", "Telecommunications",
    "Mutual Legal Assistance", "Extradition", "Consumer Protection", "Copyright",
    "Access to Information", "Anti-Money Laundering", "Proceeds of Crime",
    "Financial Institutions", "Children", "National Security", "Retirement Benefits",
    "Interception of Communications", "Prevention of Terrorism", "Electronic Evidence",
    "Information and Communications Technology", "Payment Systems", "Critical Infrastructure",
    "Investigatory Powers", "Official Secrets", "Public Order", "Courts",
]
# instrument articles a curator could map a provision to (data/articles.tsv)
ARTICLES = ["un-cc/%d" % n for n in list(range(7, 22)) + list(range(23, 31))] + \
           ["coe-185/%d" % n for n in range(2, 23)]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
         "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV",
         "XXV", "XXVI", "XXVII", "XXVIII", "XXIX", "XXX"]
WORD = re.compile(r"[a-z0-9]+")
ALPHA = re.compile(r"^[A-Za-z]{2,}$")
SPLIT = re.compile(r"(?<=[.;:])\s+(?=[A-Z(\u201c\"0-9])")


# The corpus files read, relative to --corpus, in this order (PDFs are not read).
CORPUS_FILES = [
    "cn/cn_criminal_law_1997_as_amended_xingfa.md",
    "fr/code_penal_LEGITEXT000006070719.md",
    "ke/ke-act-1997-3-retirement-benefits.akn2.xml",
    "treaties/coe-ets185-budapest-convention.md",
    "treaties/coe-ets189-additional-protocol.md",
    "uk/ewhc_ch_2017_3414.xml",
    "uk/ukpga-1998-29-data-protection.akn.xml",
    "uk/ukpga-2014-27-dripa.akn.xml",
    "uk/ukpga_20000032_en.xml",
    "uk/uksi-2017-1325-made.xml",
    "us/18-usc-1030.md",
    "us/18-usc-2701-2703.md",
    "za/za-constitution-1996.akn.xml",
    "za/zasca-2008-134-judgment.akn.xml",
]


def clean(s):
    return re.sub(r"\s+", " ", s).strip()


def local(tag):
    return tag.rsplit("}", 1)[-1]


def corpus_paths(root):
    """The paths of CORPUS_FILES under root (exits when one is missing); prints them,
    and the text files under root that the list leaves out."""
    paths = []
    for rel in CORPUS_FILES:
        path = os.path.join(root, rel)
        if not os.path.isfile(path):
            sys.exit("gen.py: %s is missing (CORPUS_FILES pins the corpus)" % path)
        paths.append(path)
        print("corpus: %s (%d bytes)" % (rel, os.path.getsize(path)))
    for dirpath, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            rel = os.path.relpath(os.path.join(dirpath, name), root)
            if name.endswith((".md", ".xml")) and name != "README.md" and rel not in CORPUS_FILES:
                print("corpus: %s not read (not in CORPUS_FILES)" % rel)
    return paths


def read_corpus(root):
    """(sentences, headings) from the texts of CORPUS_FILES, in that order."""
    paras, heads = [], []
    for path in corpus_paths(root):
        name = os.path.basename(path)
        if name.endswith(".md"):
            with open(path, encoding="utf-8") as f:
                buf = []
                for line in f:
                    line = line.rstrip("\n")
                    if line.startswith("#"):
                        h = clean(line.lstrip("#"))
                        h = re.sub(r"^(§\s*[\w.]+|article\s+\w+|chapter\s+\w+|section\s+\w+"
                                   r"|title\s+\w+)[.:\u2014\u2013 -]*", "", h, flags=re.I)
                        if h and not h.isupper() and len(h.split()) <= 12:
                            heads.append(clean(h))
                        continue
                    if line.strip():
                        buf.append(line)
                    elif buf:
                        paras.append(clean(" ".join(buf)))
                        buf = []
                if buf:
                    paras.append(clean(" ".join(buf)))
        elif name.endswith(".xml"):
            tree = ET.parse(path)
            for el in tree.iter():
                t = local(el.tag)
                if t == "heading":
                    h = clean("".join(el.itertext()))
                    if 0 < len(h.split()) <= 12 and not h.isupper():
                        heads.append(h)
            for body in tree.iter():
                if local(body.tag) not in ("body", "mainBody", "judgmentBody"):
                    continue
                for el in body.iter():
                    if local(el.tag) == "p":
                        p = clean("".join(el.itertext()))
                        if p:
                            paras.append(p)
    sentences = []
    for p in paras:
        for s in SPLIT.split(p):
            n = len(s.split())
            if 4 <= n <= 120 and sum(c.isalpha() for c in s) > len(s) // 2:
                sentences.append(s)
    heads = list(dict.fromkeys(h.rstrip(".") for h in heads if len(h) > 2))
    return sentences, heads


def countries(n=None, seed=1):
    """The ISO 3166-1 alpha-2 codes, sorted; with n, a sample of n of them drawn by a
    generator of its own (seeded by seed), so that the main one is untouched."""
    path = "/usr/share/iso-codes/json/iso_3166-1.json"
    try:
        with open(path, encoding="utf-8") as f:
            codes = sorted(c["alpha_2"] for c in json.load(f)["3166-1"])
    except OSError:
        sys.exit("gen.py: %s missing (Debian package iso-codes)" % path)
    if n is None:
        return codes
    if not 1 <= n <= len(codes):
        sys.exit("gen.py: --countries is a number from 1 to %d" % len(codes))
    return sorted(random.Random("countries %d" % seed).sample(codes, n))


class Gen:
    def __init__(self, rnd, sentences, heads):
        self.r, self.sent, self.heads = rnd, sentences, heads

    def sentence(self):
        r = self.r
        s = r.choice(self.sent)
        if r.random() < 0.3:		# splice two sentences for variety
            a, b = s.split(), r.choice(self.sent).split()
            i, j = r.randint(2, max(2, len(a) - 1)), r.randint(1, max(1, len(b) - 2))
            s = " ".join(a[:i] + b[j:])
        return s

    def text(self, lo, hi):
        r = self.r
        n = r.choice([lo] * 5 + list(range(lo, hi + 1)))
        out, para = [], []
        for _ in range(n):
            para.append(self.sentence())
            if r.random() < 0.3:
                out.append(" ".join(para))
                para = []
        if para:
            out.append(" ".join(para))
        return "\n\n".join(out)

    def heading(self):
        return self.r.choice(self.heads)


def build_act(g, size):
    """A list of (eid, kind, num, heading, text, depth) in document order, `size` long."""
    r = g.r
    provs = []
    nparts = max(1, min(len(ROMAN), size // r.randint(40, 120)))
    left = size
    sec = 0
    for pi in range(nparts):
        if left <= 0:
            break
        part_eid = "part_%d" % (pi + 1)
        provs.append((part_eid, "part", ROMAN[pi], g.heading(), None, 0))
        left -= 1
        budget = left // (nparts - pi) if pi < nparts - 1 else left
        while budget > 0:
            sec += 1
            sec_eid = "%s__sec_%d" % (part_eid, sec)
            nsub = r.choice([0, 0, 0, 2, 3, 4, 5, 6])
            nsub = min(nsub, budget - 1)
            if nsub:
                intro = g.sentence() if r.random() < 0.3 else None
                provs.append((sec_eid, "section", str(sec), g.heading(), intro, 1))
                for k in range(nsub):
                    provs.append(("%s__subsec_%d" % (sec_eid, k + 1), "subsection",
                                  "(%d)" % (k + 1), None, g.text(1, 3), 2))
            else:
                provs.append((sec_eid, "section", str(sec), g.heading(), g.text(1, 4), 1))
            budget -= 1 + nsub
            left -= 1 + nsub
    return provs


def nest(provs):
    """Bundle provisions (nested children) from the flat list."""
    roots, stack = [], []
    for eid, kind, num, heading, text, depth in provs:
        node = {"eid": eid, "kind": kind, "num": num, "heading": heading, "text": text}
        while len(stack) > depth:
            stack.pop()
        (stack[-1].setdefault("children", []) if stack else roots).append(node)
        stack.append(node)
    return roots


def esc(s):
    return (s or "").replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def words(s):
    return WORD.findall(s.lower())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--provisions", type=int, default=1000000)
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--per-bundle", type=int, default=50000)
    ap.add_argument("--map-rate", type=float, default=0.02,
                    help="share of sections mapped (accepted), 0..1 (default 0.02)")
    ap.add_argument("--countries", type=int, default=None,
                    help="spread the acts over a sample of N countries (default: all)")
    ap.add_argument("--mark", action="store_true",
                    help='begin every title with "[generated] ", for data that pages will '
                         'show (the coverage benchmark serves it)')
    ap.add_argument("--corpus", default=os.path.normpath(os.path.join(ROOT, "..", "shared",
                                                                       "corpus")))
    ap.add_argument("--out", default=os.path.join(HERE, "data"))
    a = ap.parse_args()
    if not 0 <= a.map_rate <= 1:
        sys.exit("gen.py: --map-rate is a share from 0 to 1")
    r = random.Random(a.seed)
    sentences, heads = read_corpus(a.corpus)
    if not sentences or not heads:
        sys.exit("gen.py: no text found under %s" % a.corpus)
    g = Gen(r, sentences, heads)
    ccs = countries(a.countries, a.seed)
    os.makedirs(a.out, exist_ok=True)
    for name in os.listdir(a.out):
        if name.startswith("bundle-") or name in (".done", "docs.tsv", "queries.tsv"):
            os.remove(os.path.join(a.out, name))

    # every k-th provision is kept for the word frequencies and the queries
    every = max(1, a.provisions // 100000)
    df, sample = {}, []
    docs = open(os.path.join(a.out, "docs.tsv"), "w", encoding="utf-8")
    bundle, bundle_n, nbundles = [], 0, 0
    numbers = {}
    done = nworks = nmapped = 0
    langs = {"en": 0, "fr": 0}

    def flush():
        nonlocal bundle, bundle_n, nbundles
        if not bundle:
            return
        nbundles += 1
        with open(os.path.join(a.out, "bundle-%03d.json" % nbundles), "w",
                  encoding="utf-8") as f:
            json.dump({"format": "ccrepo-bundle", "version": 1,
                       "exported_at": "2026-01-01T00:00:00Z", "records": bundle}, f,
                      ensure_ascii=False, separators=(",", ":"))
        bundle, bundle_n = [], 0

    while done < a.provisions:
        size = int(round(50 * (40 ** r.random())))	# log-uniform 50..2000
        size = min(size, a.provisions - done)
        cc = r.choice(ccs)
        year = r.randint(1980, 2026)
        date = "%d-%02d-%02d" % (year, r.randint(1, 12), r.randint(1, 28))
        key = (cc, year)
        numbers[key] = numbers.get(key, 0) + 1
        uri = "/akn/%s/act/%d/%d" % (cc.lower(), year, numbers[key])
        topic = r.choice(TOPICS)
        title = "%s%s%s Act, %d" % ("[generated] " if a.mark else "", topic,
                                    " (Amendment)" if r.random() < 0.2 else "", year)
        lang = "fr" if r.random() < 0.02 else "en"
        langs[lang] += 1
        provs = build_act(g, size)
        mappings, mapped = [], {}
        for p in provs:
            if p[1] == "section" and r.random() < a.map_rate:
                art = r.choice(ARTICLES)
                mapped[p[0]] = art
                mappings.append({"eid": p[0], "article": art, "state": "accepted",
                                 "extent": r.choice(["full", "partial"]), "comment": None})
        nmapped += len(mappings)
        if bundle_n + len(provs) > a.per_bundle:
            flush()
        bundle.append({
            "type": "legislation", "country": cc, "region": None, "language": lang,
            "title": title, "source_url": None, "status": "published", "tlp": "CLEAR",
            "work": {"uri": uri, "type": "act", "subtype": None,
                     "number": str(numbers[key]), "date": date},
            "expressions": [{"language": "fra" if lang == "fr" else "eng", "date": date,
                             "status": "in_force", "title": title,
                             "provisions": nest(provs)}],
            "mappings": mappings})
        bundle_n += len(provs)
        nworks += 1
        for eid, kind, num, heading, text, depth in provs:
            done += 1
            head = " ".join(x for x in (num, heading) if x)
            docs.write("\t".join([str(done), uri, eid, cc, "legislation", str(year), lang,
                                  esc(title), esc(head), esc(text), mapped.get(eid, "")]))
            docs.write("\n")
            if done % every == 0:
                for w in set(words(title + " " + head + " " + (text or ""))):
                    df[w] = df.get(w, 0) + 1
                if text:
                    sample.append((text, cc, year))
    flush()
    docs.close()
    nsample = a.provisions // every
    freq = {w: n / nsample for w, n in df.items()}

    qs = make_queries(r, a.queries, freq, sample)
    with open(os.path.join(a.out, "queries.tsv"), "w", encoding="utf-8") as f:
        f.write("#class\tquery\tterms\tcountry\tkind\tyear_from\tyear_to\tlang\n")
        for q in qs:
            f.write("\t".join(str(x) for x in q) + "\n")
    common = common_words(freq)
    with open(os.path.join(a.out, "stats.txt"), "w", encoding="utf-8") as f:
        lines = [
            "provisions %d, works %d, bundles %d, mapped sections %d, works en %d fr %d"
            % (done, nworks, nbundles, nmapped, langs["en"], langs["fr"]),
            "mapping rate %g of sections, %d countries%s"
            % (a.map_rate, len(ccs), "" if a.countries is None else " (a sample for the seed)"),
            "source: %d sentences, %d headings from %s, files (CORPUS_FILES): %s"
            % (len(sentences), len(heads), a.corpus, " ".join(CORPUS_FILES)),
            "queries %d: %s" % (len(qs), ", ".join(
                "%s %d" % (c, sum(1 for q in qs if q[0] == c))
                for c in ("rare", "common", "multi", "phrase", "filter"))),
            "common words (share of provisions containing them, from a sample of %d): %s"
            % (nsample, ", ".join("%s %.0f%%" % (w, 100 * freq[w]) for w in common)),
        ]
        f.write("\n".join(lines) + "\n")
        print("\n".join(lines))
    with open(os.path.join(a.out, ".done"), "w") as f:
        f.write("provisions=%d seed=%d queries=%d\n" % (a.provisions, a.seed, a.queries))


def common_words(freq):
    """Words in about a third of all provisions (20-50%), most frequent first."""
    good = lambda w: ALPHA.match(w) and len(w) >= 3
    common = sorted((w for w in freq if 0.2 <= freq[w] <= 0.5 and good(w)),
                    key=lambda w: (-freq[w], w))
    if len(common) < 3:		# a small corpus: the most frequent words below 60%
        common = sorted((w for w in freq if freq[w] <= 0.6 and good(w)),
                        key=lambda w: (-freq[w], w))[:10]
    return common


def make_queries(r, n, freq, sample):
    """n queries: (class, ccrepo query, terms, country, kind, year_from, year_to, lang)."""
    good = lambda w: ALPHA.match(w) and len(w) >= 3
    common = common_words(freq)
    plan = [("rare", 0.25), ("common", 0.15), ("multi", 0.25), ("phrase", 0.15),
            ("filter", 0.20)]
    classes = []
    for c, share in plan:
        classes += [c] * int(round(n * share))
    classes = (classes + ["multi"] * n)[:n]
    r.shuffle(classes)

    def stem_safe(w):
        """Not a frequent word plus an ending ("acting": "act"), which a stemmer would
        make as frequent."""
        return not any(freq.get(w[:k], 0) > 0.05 for k in range(3, len(w)))

    def doc_words(text, lo, hi):
        seen = list(dict.fromkeys(w for w in words(text) if good(w)))
        return [w for w in seen if lo < freq.get(w, 0) <= hi and stem_safe(w)]

    out = []
    for c in classes:
        for _ in range(100):
            text, cc, year = r.choice(sample)
            filt = ["", "", "", "", ""]	# country kind year_from year_to lang
            if c == "rare":
                ws = doc_words(text, 0, 0.002) or sorted(
                    doc_words(text, 0, 1), key=lambda w: (freq[w], w))[:1]
                if not ws:
                    continue
                items = r.sample(ws, min(len(ws), r.choice([1, 1, 1, 2, 2])))
            elif c == "common":
                k = r.random()		# mostly one common word alone
                items = [r.choice(common)]
                if k < 0.15:
                    items.append(r.choice([w for w in common if w != items[0]] or common))
                elif k < 0.3:
                    ws = doc_words(text, 0.001, 0.2)
                    if ws:
                        items.append(r.choice(ws))
            elif c == "multi":
                ws = doc_words(text, 0.0005, 0.2)
                if len(ws) < 2:
                    continue
                items = r.sample(ws, min(len(ws), r.randint(2, 4)))
            elif c == "phrase":
                toks = text.split()
                starts = [i for i in range(len(toks) - 3)
                          if all(ALPHA.match(t) for t in toks[i:i + 3])]
                if not starts:
                    continue
                i = r.choice(starts)
                ph = [t.lower() for t in toks[i:i + r.choice([2, 2, 3])]]
                if all(freq.get(w, 0) > 0.2 for w in ph):
                    continue
                items = [" ".join(ph)]
                if r.random() < 0.3:
                    ws = doc_words(text, 0.001, 0.2)
                    if ws:
                        items.append(r.choice(ws))
            else:		# filter
                if r.random() < 0.25:
                    items = [r.choice(common)]
                else:
                    ws = doc_words(text, 0.0005, 0.2)
                    if not ws:
                        continue
                    items = r.sample(ws, min(len(ws), r.choice([1, 1, 2])))
                while not any(filt):
                    if r.random() < 0.6:
                        filt[0] = cc if r.random() < 0.8 else r.choice(sorted({s[1] for s in sample[:500]}))
                    if r.random() < 0.3:
                        filt[1] = "legislation"
                    if r.random() < 0.4:
                        lo = max(1980, year - r.randint(0, 6))
                        filt[2], filt[3] = str(lo), str(min(2026, year + r.randint(0, 6)))
                    if r.random() < 0.2:
                        filt[4] = "en"
            items = list(dict.fromkeys(items))
            q = " ".join('"%s"' % it if " " in it else it for it in items)
            fs = []
            if filt[0]:
                fs.append("country:" + filt[0])
            if filt[1]:
                fs.append("type:" + filt[1])
            if filt[2]:
                fs.append("year:%s..%s" % (filt[2], filt[3]))
            if filt[4]:
                fs.append("lang:" + filt[4])
            if fs:
                q += " " + " ".join(fs)
            out.append([c, q, "|".join(items)] + filt)
            break
    return out


if __name__ == "__main__":
    main()
