#!/usr/bin/env python3
"""attack.py [-g groups.tsv] [-n N] REPORT.tsv...: attack the suppression of
published report tables (report -o tsv, every municipality) from outside.

Reads the tables (several runs together: the regions and a custom -g) and
the public tables (kommuner.tsv, noegletal.tsv in $NOEGLETAL_SHARE, the
groups file) and bounds every hidden count as a reader can: a <N cell is
0..N-1, a '..' cell N or more, every sum the tables show holds (7 = 7.1 +
7.2 + 7.3, 12 = 12.1 + 12.2 and 13 = 13.1 + 13.2 on their N, each group =
its municipalities, the country = the municipalities = the regions), on
counts and, where the tables show N beside a share or mean, on N, and the
persons of a share of persons (share x N) with 15.1 + 15.2 + 15.3 = 100 %;
the N that are one number by definition are equal (11 = 12, 13 = 15.1 =
15.2 = 15.3, 16 = 17).
Bounds are tightened by interval propagation until nothing moves.

Fails (exit 1, one line per finding) when a hidden value is pinned to one
value (or shown in another table), or a <N count is known to be 0 or known
not to be (for the N of a share or mean, pinned only: a hidden region
whose members are all <N tells, by its .., that they are not all 0); a
hidden 15.x share with the other two shown is pinned too.
Prints what it checked. Exit 2 on bad input.
"""
import math
import os
import sys

INF = math.inf


def die(msg, code=2):
    print("attack: " + msg, file=sys.stderr)
    sys.exit(code)


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f]
    if not rows:
        die(path + ": empty")
    return rows[0], rows[1:]


def main(argv):
    groups_path, thr, paths = None, 5, []
    i = 0
    while i < len(argv):
        if argv[i] == "-g":
            groups_path = argv[i + 1]
            i += 2
        elif argv[i] == "-n":
            thr = int(argv[i + 1])
            i += 2
        else:
            paths.append(argv[i])
            i += 1
    if not paths:
        die("usage: attack.py [-g groups.tsv] [-n N] REPORT.tsv...")
    share = os.environ.get("NOEGLETAL_SHARE") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "share", "noegletal")
    h, rows = read_tsv(os.path.join(share, "kommuner.tsv"))
    region = {r[h.index("KOMMUNE")]: r[h.index("REGION")] for r in rows}
    name_of = {r[h.index("KOMMUNE")]: r[h.index("NAVN")] for r in rows}
    h, rows = read_tsv(os.path.join(share, "noegletal.tsv"))
    art = {r[0]: r[h.index("ART")] for r in rows}
    small = {r[0]: (r[h.index("SMAA_TAL")] if "SMAA_TAL" in h else "") for r in rows}
    members = {}
    for k, g in region.items():
        members.setdefault(g, []).append(k)
    if groups_path:
        h, rows = read_tsv(groups_path)
        for r in rows:
            members.setdefault(r[h.index("GRUPPE")], []).append(r[h.index("KOMMUNE")])
    regions = sorted(set(region.values()))

    # Facts: key (area, quantity, figure, date) -> list of cell texts.
    # quantity: "v" the value, "n" the N shown beside it.
    facts = {}
    dates = None
    for path in paths:
        head, rows = read_tsv(path)
        dcols = [j for j, c in enumerate(head) if len(c) == 10 and c[4] == "-"]
        dates = [head[j] for j in dcols]
        for r in rows:
            if len(r) != len(head) or not r[0]:
                continue
            if "10.000" in r[3]:
                continue        # rates: the count and public population
            area = r[0] if r[4] == "kommune" else r[5]
            q = "n" if r[3].endswith("(N)") else "v"    # the N of a share or mean
            for j in dcols:
                facts.setdefault((area, q, r[1], head[j]), []).append(r[j])
    komm = sorted(region)
    return attack(facts, dates, komm, regions, members, art, small, thr, name_of)


def parse(text, thr):
    """A cell's text -> (lo, hi, state): state 'p' <N, 's' .., 'v' value, 'e' empty."""
    if text == "<%d" % thr:
        return 0, thr - 1, "p"
    if text == "..":
        return thr, INF, "s"
    if text in ("", "i.t."):
        return 0, 0, "e"
    try:
        v = float(text)
    except ValueError:
        die("not a cell: %r" % text)
    return v, v, "v"


def attack(facts, dates, komm, regions, members, art, small, thr, name_of):
    lo, hi, state, bad = {}, {}, {}, []
    # The quantities: counts ("v" of a count), N ("n"), persons of a share ("t").
    for key, texts in facts.items():
        area, q, fig, d = key
        if q == "v" and art.get(fig) != "count":
            continue
        cells = [parse(t, thr) for t in texts]
        shown = [c for c in cells if c[2] in ("v", "e")]
        hidden = [c for c in cells if c[2] in ("p", "s")]
        if shown and hidden:
            bad.append("%s %s %s: hidden in one table, %s in another" %
                       (area, fig, d, shown[0][0]))
        c = shown[0] if shown else cells[0]
        if q == "n" and small.get(fig) == "begge" and not shown:
            c = (0, INF, "h")   # the N of a hidden share of persons: .., any size
        if c[2] == "s" and area not in komm and area not in regions and area != "Hele landet":
            c = (0, INF, "h")   # a custom group's ..: hidden, small or not (review AB, AB2)
        k = (area, "c" if q == "v" else "n", fig, d)
        lo[k], hi[k], state[k] = c
    # Persons of a share of persons with its N shown: share x N, rounded.
    for key, texts in facts.items():
        area, q, fig, d = key
        if q != "v" or small.get(fig) != "begge":
            continue
        nk = (area, "n", fig, d)
        v = parse(texts[0], thr)
        if v[2] == "v" and nk in lo and state[nk] == "v":
            n = lo[nk]
            t_lo = math.ceil((v[0] - 0.05) * n / 100 - 1e-9)
            t_hi = math.floor((v[0] + 0.05) * n / 100 + 1e-9)
            lo[(area, "t", fig, d)], hi[(area, "t", fig, d)] = max(0, t_lo), t_hi
            state[(area, "t", fig, d)] = "v" if t_lo == t_hi else "b"
        elif v[2] in ("p", "s") and nk in lo:
            lo[(area, "t", fig, d)], hi[(area, "t", fig, d)] = 0, INF
            state[(area, "t", fig, d)] = "h"
        # 15.x: one hidden share beside two shown is 100 % minus them
    sums = []
    names = {k: name_of.get(k, k) for k in komm}

    def key_area(a):
        return a

    for d in dates:
        figs = set(f for (_, _, f, dd) in lo if dd == d)
        for f in figs:
            for q in ("c", "n", "t"):
                have = lambda a: (a, q, f, d) in lo
                for g, ms in members.items():
                    if have(g):
                        sums.append(((g, q, f, d), [(m, q, f, d) for m in ms]))
                if have("Hele landet"):
                    sums.append((("Hele landet", q, f, d), [(m, q, f, d) for m in komm]))
                    if all(have(g) for g in regions):
                        sums.append((("Hele landet", q, f, d), [(g, q, f, d) for g in regions]))
        areas = set(a for (a, _, _, dd) in lo if dd == d)
        for a in areas:
            for tot, parts, q in (("7", ["7.1", "7.2", "7.3"], "c"),
                                  ("12", ["12.1", "12.2"], "n"),
                                  ("13", ["13.1", "13.2"], "n")):
                if (a, q, tot, d) in lo and all(
                        facts.get((a, "v", p, d), ["i.t."])[0] not in ("", "i.t.") for p in parts):
                    sums.append(((a, q, tot, d), [(a, q, p, d) for p in parts]))
            for x, y in (("11", "12"), ("13", "15.1"), ("13", "15.2"), ("13", "15.3"),
                         ("16", "17")):
                if (a, "n", x, d) in lo and (a, "n", y, d) in lo:
                    sums.append(((a, "n", x, d), [(a, "n", y, d)]))
            n15 = (a, "n", "15.1", d)
            if n15 in lo:
                sums.append((n15, [(a, "t", p, d) for p in ("15.1", "15.2", "15.3")]))
            # 15.x shares: one hidden beside two shown is pinned
            st = [facts.get((a, "v", p, d), [""])[0] for p in ("15.1", "15.2", "15.3")]
            hid = [s in ("<%d" % thr, "..") for s in st]
            if sum(hid) == 1 and all(s not in ("", "i.t.") for s in st):
                bad.append("%s 15.x %s: one share hidden beside two shown (100 %%)" % (a, d))
    # Missing parts (a municipality with no table): unknown, 0 or more.
    for tot, parts in sums:
        for p in parts:
            if p not in lo:
                lo[p], hi[p], state[p] = 0, INF, "u"
    # Interval propagation.
    for sweep in range(500):
        moved = False
        for tot, parts in sums:
            sl = sum(lo[p] for p in parts)
            sh = sum(hi[p] for p in parts)
            if sl > lo[tot] + 1e-9:
                lo[tot], moved = sl, True
            if sh < hi[tot] - 1e-9:
                hi[tot], moved = sh, True
            ninf = sum(1 for p in parts if hi[p] == INF)
            shf = sum(hi[p] for p in parts if hi[p] < INF)
            for p in parts:
                # the total less the others' upper bounds (an infinite one apart)
                if ninf - (hi[p] == INF) > 0:
                    plo = -INF
                else:
                    plo = lo[tot] - (shf - (hi[p] if hi[p] < INF else 0))
                phi = hi[tot] - (sl - lo[p])
                if plo > lo[p] + 1e-9:
                    lo[p], moved = math.ceil(plo - 1e-9), True
                if phi < hi[p] - 1e-9:
                    hi[p], moved = math.floor(phi + 1e-9), True
                if lo[p] > hi[p] + 1e-9:
                    bad.append("%s: inconsistent bounds [%s, %s]" % (p, lo[p], hi[p]))
                    hi[p] = lo[p]
            sl = sum(lo[p] for p in parts)
            sh = sum(hi[p] for p in parts)
        if not moved:
            break
    checked = 0
    for k, s in state.items():
        if s not in ("p", "s", "h"):
            continue
        checked += 1
        what = "%s %s %s %s" % (k[0], {"c": "count", "n": "N", "t": "persons"}[k[1]], k[2], k[3])
        if hi[k] - lo[k] < 0.5:
            bad.append("%s: pinned to %g" % (what, lo[k]))
        elif s == "p" and k[1] == "c" and lo[k] >= 1:
            bad.append("%s: <%d known not to be 0 (%g..%g)" % (what, thr, lo[k], hi[k]))
    for b in sorted(set(bad)):
        print("attack: " + b)
    print("attack: %d hidden values bounded by %d sums, %d findings" %
          (checked, len(sums), len(set(bad))))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
