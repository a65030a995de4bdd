#!/usr/bin/env python3
"""The search benchmark's comparison table, from the drivers' output.

  report.py OUTDIR

OUTDIR holds ENGINE.out (RESULT and WARMUP lines of a driver), build.txt (BUILD
engine seconds bytes [extra]) and counts-ENGINE.txt (id class matches query, from the
warm-up pass). Prints the build table, per thread count a block per query class with
p50/p99/max latency and QPS of each engine and the ratios ccrepo/xapian and
ccrepo/fts5, then how often the engines agree on the number of matches.
"""
import os
import sys

ENGINES = ["ccrepo", "fts5", "xapian", "xapian-nofacets"]
CLASSES = ["rare", "common", "multi", "phrase", "filter", "all"]


def mb(n):
    return "%.1f" % (int(n) / 1e6)


def main():
    out = sys.argv[1]
    res, warm = {}, {}
    for e in ENGINES:
        path = os.path.join(out, "ccrepo.out" if e == "ccrepo" else
                            "xapian.out" if e.startswith("xapian") else e + ".out")
        if not os.path.exists(path):
            continue
        for line in open(path):
            f = line.split()
            if f and f[0] == "RESULT" and f[1] == e:
                res[(e, int(f[2]), f[3])] = f[4:]
            elif f and f[0] == "WARMUP" and f[1] == e:
                warm[e] = " ".join(f[2:])
    builds = []
    if os.path.exists(os.path.join(out, "build.txt")):
        builds = [l.split() for l in open(os.path.join(out, "build.txt")) if l.startswith("BUILD")]
    print("Build (index from nothing; size on disk)")
    print("  %-8s %10s %10s  %s" % ("engine", "time s", "size MB", "notes"))
    for b in builds:
        print("  %-8s %10s %10s  %s" % (b[1], b[2], mb(b[3]), " ".join(b[4:])))
    xb = {b[1]: b for b in builds}
    if "ccrepo" in xb and "xapian" in xb and "fts5" in xb:
        def ratio(a, b):	# a build under 0.05 s prints as 0.0
            return float(a) / float(b) if float(b) > 0 else float("nan")
        print("  ccrepo/xapian: time %.2f, size %.2f; ccrepo/fts5: time %.2f, size %.2f" % (
            ratio(xb["ccrepo"][2], xb["xapian"][2]), ratio(xb["ccrepo"][3], xb["xapian"][3]),
            ratio(xb["ccrepo"][2], xb["fts5"][2]), ratio(xb["ccrepo"][3], xb["fts5"][3])))
    print()
    for e in ENGINES:
        if e in warm:
            print("  warm-up %-16s %s" % (e, warm[e]))
    threads = sorted({k[1] for k in res})
    for t in threads:
        print()
        print("Latency (ms) and throughput, %d thread%s: top 10 with facets%s" % (
            t, "s" if t > 1 else "", "" if t == 1 else " (queries shared by the threads)"))
        print("  %-7s %-16s %5s %9s %9s %9s %9s %4s" % ("class", "engine", "n", "p50", "p99",
                                                     "max", "QPS", "err"))
        for c in CLASSES:
            first = True
            for e in ENGINES:
                r = res.get((e, t, c))
                if not r:
                    continue
                print("  %-7s %-16s %5s %9s %9s %9s %9s %4s" % (
                    c if first else "", e, r[0], r[1], r[2], r[3], r[4], r[5]))
                first = False
            ratios = []
            cc = res.get(("ccrepo", t, c))
            for ref in ("xapian", "fts5"):
                rr = res.get((ref, t, c))
                if cc and rr and float(rr[4]) > 0 and float(rr[2]) > 0:
                    ratios.append("ccrepo/%s QPS %.2f p50 %.2f p99 %.2f" % (
                        ref, float(cc[4]) / float(rr[4]), float(cc[1]) / max(float(rr[1]), 1e-9),
                        float(cc[2]) / float(rr[2])))
            if ratios:
                print("  %-7s %s" % ("", "; ".join(ratios)))
    counts = {}
    for e in ["ccrepo", "fts5", "xapian"]:
        p = os.path.join(out, "counts-%s.txt" % e)
        if os.path.exists(p):
            counts[e] = {}
            for line in open(p, encoding="utf-8"):
                f = line.rstrip("\n").split("\t")
                counts[e][f[0]] = (f[1], int(f[2]), f[3], float(f[4]) if len(f) > 4 else 0)
    if counts:
        print()
        print("Matches per query (warm-up pass): queries with no match, median matches, agreement")
        for e, m in counts.items():
            v = sorted(x[1] for x in m.values() if x[1] >= 0)
            print("  %-8s %4d queries, %3d with no match, %3d errors, median %d matches" % (
                e, len(m), sum(1 for x in v if x == 0), sum(1 for x in m.values() if x[1] < 0),
                v[len(v) // 2] if v else 0))
        if "ccrepo" in counts:
            for ref in ("fts5", "xapian"):
                if ref not in counts:
                    continue
                ids = [i for i in counts["ccrepo"] if i in counts[ref]]
                same = sum(1 for i in ids if counts["ccrepo"][i][1] == counts[ref][i][1])
                more = sum(1 for i in ids if counts["ccrepo"][i][1] > counts[ref][i][1])
                print("  ccrepo vs %-6s same count %d/%d, more %d, fewer %d" % (
                    ref, same, len(ids), more, len(ids) - same - more))
        for e, m in counts.items():
            slow, seen = [], set()
            for x in sorted(m.values(), key=lambda x: -x[3]):
                if x[2] not in seen and len(slow) < 5:
                    seen.add(x[2])
                    slow.append(x)
            print("  %s's slowest distinct queries (warm-up pass):" % e)
            for x in slow:
                print("    %8.1f ms %8d matches  %-6s  %s" % (x[3], x[1], x[0], x[2]))
        if "common" in CLASSES and "ccrepo" in counts:
            total = None
            b = xb.get("fts5")
            if b:
                total = int(b[4])
            for e, m in counts.items():
                v = sorted(x[1] for x in m.values() if x[0] == "common" and x[1] >= 0)
                if v and total:
                    print("  %s: common queries match %.0f%% of all provisions (median; "
                          "min %.0f%%, max %.0f%%)" % (e, 100.0 * v[len(v) // 2] / total,
                                                      100.0 * v[0] / total, 100.0 * v[-1] / total))


if __name__ == "__main__":
    main()
