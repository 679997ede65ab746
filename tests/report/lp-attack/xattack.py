#!/usr/bin/env python3
"""xattack.py REPORT.tsv XLSX-DIR: figures 7-10 against the flow matrices, in two stages, each sound (a relaxation of all a
reader knows, so a pin is a pin):
 1. per municipality and half-year t-1 -> t: the least and greatest whole value of
    every hidden key figure 1-10 at t (and 1-6 at t-1) from the municipality's own
    flow matrix, its levels and figures 7-10 against the flows (lpattack.py -F -I's
    relations of that municipality at those two dates);
 2. interval propagation of those bounds through the tables' sums ACROSS
    municipalities (region = its municipalities, country = the regions = all
    municipalities, 7 = 7.1 + 7.2 + 7.3), which lpattack.py never combines with the
    flows (it solves the tables alone and each municipality's matrices alone).
Prints each hidden cell pinned (or a <5 known 0 / not 0) that stage 1 alone did not
pin, and a summary of interval widths. With TRUTH=figures.tsv.gz each result is
checked against the true value; THR=N reads tables of report -n N (default 5). Written by a review (3 December) that found 56 cells
of the national preset this way before the audit had figures 7-10 in the matrix's
sums; after, 3 <5 known not 0 (README, "Flows and forecast"). Not a test case: it
takes about 4 minutes on the national preset (report -o tsv -F for all
municipalities, and report -o xlsx -j 0 -d XLSX-DIR -F for the workbooks)."""
import os, re, sys
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import lpattack as L
rep, xdir = sys.argv[1], sys.argv[2]
share = os.environ.get("NOEGLETAL_SHARE", os.path.join(here, "..", "..", "..", "share", "noegletal"))
h, rows = L.read_tsv(os.path.join(share, "kommuner.tsv"))
region = {r[h.index("KOMMUNE")]: r[h.index("REGION")] for r in rows}
h, rows = L.read_tsv(os.path.join(share, "noegletal.tsv"))
art = {r[0]: r[h.index("ART")] for r in rows}
small = {r[0]: r[h.index("SMAA_TAL")] for r in rows}
members = {}
for k, g in region.items():
    members.setdefault(g, []).append(k)
regions = sorted(set(region.values()))
komm = sorted(region)
big = 0
for line in open(rep, encoding="utf-8"):
    for x in line.rstrip("\n").split("\t")[6:-1]:
        try: big = max(big, float(x.replace(",", ".")))
        except ValueError: pass
L.BIG = int(2 * big) + 10
m = L.Model(int(os.environ.get("THR", "5")))
L.read_tables(m, [rep], members, komm, regions, small, art, True, False)
L.read_flows(m, xdir, komm, True)
FIGS = ["1", "2", "3", "4", "5", "6", "7", "7.1", "7.2", "7.3", "8", "9", "10"]
d1s = sorted(set(k[2] for k in m.lo if k[0] == "F"))
alld = sorted(set(k[3] for k in m.lo if k[0] not in ("F", "T", "L") and len(k) > 3 and k[1] == "c" and k[0] in region))
prev = {d: alld[alld.index(d) - 1] for d in d1s if alld.index(d) > 0}
def kdate(k):
    return k[2] if k[0] in ("F", "T", "L") else k[3]
lo = {}; hi = {}
for k in m.lo:
    if k[0] not in ("F", "T", "L") and k[1] == "c" and k[2] in FIGS:
        lo[k], hi[k] = m.lo[k], m.hi[k]
by = {}
for i, (c, s, r) in enumerate(m.cons):
    ar = set(L.area(k) for k in c)
    if len(ar) == 1:
        by.setdefault(ar.pop(), []).append(i)
stage1 = set()
nsolve = 0
for a in komm:
    for d1 in d1s:
        if d1 not in prev: continue
        ds = {d1, prev[d1]}
        use = [i for i in by.get(a, []) if all(kdate(k) in ds for k in m.cons[i][0])]
        for ks, ci in L.components(m, use):
            tg = [k for k in ks if k[0] == a and k[1] == "c" and k[2] in FIGS and m.state[k] in ("p", "s")]
            if not tg: continue
            sv = L.Solver(m, ks, ci)
            for t in tg:
                x = sv.solve({t: 1}, "min"); y = sv.solve({t: 1}, "max"); nsolve += 2
                if x is None or y is None: continue
                lo[t] = max(lo[t], x[t]); hi[t] = min(hi[t], y[t])
for t in lo:
    if m.state.get(t) in ("p", "s") and (lo[t] == hi[t] or (m.state[t] == "p" and (lo[t] >= 1 or hi[t] == 0))):
        stage1.add(t)
print("stage 1: %d solves; %d cells exposed by a municipality's own matrix alone" % (nsolve, len(stage1)))
for t in sorted(stage1): print("  stage1 %s %s %s: %d..%d" % (t[0], t[2], t[3], lo[t], hi[t]))
# stage 2: interval propagation over the tables' sums (eq constraints among c cells)
eqs = []
for c, s, r in m.cons:
    if s == "=" and all(k in lo for k in c) and len(set(L.area(k) for k in c)) >= 1:
        eqs.append((c, r))
changed = True; it = 0
while changed and it < 50:
    changed = False; it += 1
    for c, r in eqs:
        for k, co in c.items():
            # co*k = r - sum others
            rl = r; rh = r
            for j, cj in c.items():
                if j == k: continue
                if cj > 0: rl -= cj * hi[j]; rh -= cj * lo[j]
                else: rl -= cj * lo[j]; rh -= cj * hi[j]
            if co > 0: nl, nh = rl / co, rh / co
            else: nl, nh = rh / co, rl / co
            import math
            nl = math.ceil(nl - 1e-9); nh = math.floor(nh + 1e-9)
            if nl > lo[k]: lo[k] = nl; changed = True
            if nh < hi[k]: hi[k] = nh; changed = True
found = 0
widths = {}
for t in sorted(lo):
    if m.state.get(t) not in ("p", "s") or kdate(t) not in d1s: continue
    if lo[t] > hi[t]:
        print("  inconsistent %s" % (t,)); continue
    widths.setdefault(t[2], []).append(hi[t] - lo[t])
    ex = lo[t] == hi[t] or (m.state[t] == "p" and (lo[t] >= 1 or hi[t] == 0))
    if ex and t not in stage1:
        found += 1
        print("  FINDING %s fig %s at %s (shown %s): %d..%d" % (t[0], t[2], t[3], "<5" if m.state[t] == "p" else "..", lo[t], hi[t]))
print("stage 2: %d new findings" % found)
truth = {}
if os.environ.get("TRUTH"):
    import gzip
    for line in gzip.open(os.environ["TRUTH"], "rt"):
        f = line.rstrip("\n").split("\t")
        truth[(f[0], f[2], f[1])] = f[3]
for t in sorted(lo):
    if m.state.get(t) in ("p", "s") and kdate(t) in d1s and hi[t] - lo[t] <= 1:
        print("  NEAR %s fig %s at %s (shown %s): %d..%d, true %s" % (t[0], t[2], t[3], "<5" if m.state[t] == "p" else "..", lo[t], hi[t], truth.get((t[0], t[2], t[3]), "0 (no row)")))
for f in FIGS:
    w = widths.get(f, [])
    if w: print("  fig %s: %d hidden cells at matrix dates, width min %d, median %d, <=2: %d" % (f, len(w), min(w), sorted(w)[len(w)//2], sum(1 for x in w if x <= 2)))
