#!/usr/bin/env python3
"""lpattack.py [-g groups.tsv] [-n N] [-F xlsx-dir] [-I] [-M [-W points] [-v]] REPORT.tsv...:
attack the suppression of published report tables by integer linear programming.

attack.py (../attack) bounds each hidden value by interval propagation, one
sum at a time. This attacker solves the whole system at once: for every
hidden cell it asks lp_solve for its least and greatest value over all whole
numbers that satisfy every relation a reader knows together. Relations:

  - the cells: a shown count or N is that number, <N is 0..N-1, '..' is N
    or more (the N of a hidden share of persons 0 or more);
  - the sums the tables show (7 = 7.1 + 7.2 + 7.3, 12 = 12.1 + 12.2 and
    13 = 13.1 + 13.2 on N, each group = its municipalities, the country =
    the municipalities = the regions), on counts, N and the persons of a
    share of persons (share x N, to the rounding shown; 15.1 + 15.2 + 15.3
    = N; persons <= N);
  - the N that are one number (11 = 12, 13 = 15.1 = 15.2 = 15.3, 16 = 17);
  - a hidden share of persons' N less its persons, a value of its own (pinned
    where its persons are not: review Z, Z1; review AB's attacker);
  - with -F DIR (the workbooks report -o xlsx -d DIR -F FLOWS writes, sheet
    "Bevaegelser"): each flow matrix's rows and columns = their sums, the
    row sums = the column sums (the total), a step's persons at a cut date
    = a column sum of one half-year = a row sum of the next, and = figures
    1-6 (8 is 1, 7 is 2, 6 is 3, 5 is 4, 3 + 4 is 5, 2 is 6); '-' (steps 3
    and 4 both hidden, figure 5 shown) is 0..N-1; a hidden flow ('..',
    small or not) 0 or more, a finding when pinned or known to be 1..N-1
    (a workbook with a flow <N is from before 2026-12-06: its '..' N or more);
  - with -M also the means' scores (13, 13.1, 13.2: WHO-5, a person's
    score a multiple of 4; 14: INSPIRE-O, of 5; 0-100): each mean's TAELLER
    a whole number of those steps, mean x N to the rounding shown when
    shown (its N is then shown), 0..100 x N when hidden; they add up as N
    does (across areas, 13 = 13.1 + 13.2), and 13's lies between what the
    persons of the bands allow (15.1 over 50: 52..100 each, 15.2 36..48,
    15.3 0..32); and so the shares of persons' fractions of weeks (11, 12,
    12.1, 12.2: DREAM, 0-1 a person shown as a per cent, so 0-100 points
    of no step; 12 = 12.1 + 12.2). An area the tables lack has its scores at most 100 x N.
    Each hidden mean's least and greatest TAELLER / N over the solutions
    with N >= 1 (Dinkelbach's method: max or min TAELLER - t N, t the best
    ratio so far, until 0; a ratio is no linear objective); it stops once
    two solutions differ by more than -W points (default 4): a finding is
    a hidden mean known to within W points. -v prints every range;
    a mean hidden as .. (to protect others) known so is a note, no finding:
    beside small ones its mean is near the total's by nature, and tells
    nothing of theirs (the report looks at <N means only);
  - with -I also the inequalities that follow from the definitions (SPEC 3),
    which the README names as not covered: N of 14 <= N of 13, N of 16 <=
    N of 13 at t and at t-1, 7.1 + 7.2 <= 1 + 2 at t-1, 7.3 <= 3 at t-1,
    8 <= 4 at t-1, 9 + 10 <= 6 at t-1; with -F, 7.1-10 against the flows
    (7.1 is at least 8->6 + 7->6 and at most that plus 8->Anden, 7->Anden,
    and so on).

The variables fall into connected components (a shown cell is a constant),
each solved alone. Most cells are settled by witnesses: every solution
found tells a possible value of every cell of its component; only cells
without two different witnessed values (or, for <N, a witnessed 0 and a
witnessed 1 or more) get their own min or max.

A finding: a hidden value pinned to one value, or a <N count (or flow)
known to be 0 or known not to be (for N and persons, pinned only); with -M
a hidden <N mean within W points. Exit 1
with one line per finding, 0 with none; exit 2 on bad input, 3 when
lp_solve is missing or failed on a problem. Prints what it checked.
"""
import math
import os
import re
import shutil
import subprocess
import sys
import zipfile

BIG = 10 ** 6       # the upper bound of a cell that has none ('..'): set by
                    # main() to twice the largest number shown, which bounds
                    # every count (a big-M of 10^6 misled lp_solve's
                    # branch and bound)


def die(msg, code=2):
    print("lpattack: " + msg, file=sys.stderr)
    sys.exit(code)


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f]
    if not rows:
        die(path + ": empty")
    return rows[0], rows[1:]


class Model:
    def __init__(self, thr):
        self.thr = thr
        self.lo, self.hi, self.state = {}, {}, {}
        self.cons = []          # (coefficients {key: c}, sense, rhs)
        self.bad = []
        self.secondary = set()  # -M: means hidden as .., not small themselves
        self.notes = []

    def var(self, k, lo, hi, state):
        self.lo[k], self.hi[k], self.state[k] = lo, hi, state

    def cell(self, k, text, nstate=None):
        """A cell's text as a variable: value, <N, .., empty (0)."""
        thr = self.thr
        if text == "<%d" % thr:
            self.var(k, 0, thr - 1, "p")
        elif text == "..":
            self.var(k, thr, BIG, nstate or "s")
        elif text == "-":
            self.var(k, 0, thr - 1, "d")
        elif text == "i.t.":  # step 2 before its first valid date: nothing known
            self.var(k, 0, BIG, "i")
        elif text == "":
            self.var(k, 0, 0, "v")
        else:
            try:
                v = float(text.replace(",", "."))
            except ValueError:
                die("not a cell: %r" % text)
            self.var(k, v, v, "v")

    def eq(self, tot, parts):
        """tot = sum of parts (keys); missing parts are unknown, 0 or more."""
        for p in parts:
            if p not in self.lo:
                self.var(p, 0, BIG, "u")
                if p[1] == "s":
                    # an area the tables lack: its score sum at most 100 x
                    # its N, which may be missing too
                    n = (p[0], "n", p[2], p[3])
                    if n not in self.lo:
                        self.var(n, 0, BIG, "u")
                    self.hi[p] = BIG * 100 // STEP[p[2]]
                    self.cons.append(({p: STEP[p[2]], n: -100}, "<=", 0))
        c = {}
        for p in parts:
            c[p] = c.get(p, 0) + 1
        c[tot] = c.get(tot, 0) - 1
        self.cons.append((c, "=", 0))

    def le(self, small, big):
        """sum of small <= sum of big (keys present only)."""
        if not all(k in self.lo for k in small + big):
            return
        c = {}
        for k in small:
            c[k] = c.get(k, 0) + 1
        for k in big:
            c[k] = c.get(k, 0) - 1
        self.cons.append((c, "<=", 0))


STEP = {"13": 4, "13.1": 4, "13.2": 4, "14": 5}   # a person's score is a multiple
# -M: the shares of persons' fractions of weeks (DREAM, 0-1 a person), shown as
# a per cent, are means of 0-100 points a person too, of no step (weeks / 52 or 53)
FRACTION = ("11", "12", "12.1", "12.2")
STEP.update((f, 1) for f in FRACTION)


def no_data(note, dates):
    """The dates a NOTE says "ingen data" at ("A, B til C")."""
    out = set()
    for part in note.split("; "):
        if not part.startswith("ingen data: "):
            continue
        for run in part[len("ingen data: "):].split(", "):
            a, _, b = run.partition(" til ")
            if b and a in dates and b in dates:
                out.update(dates[dates.index(a):dates.index(b) + 1])
            else:
                out.add(a)
    return out


def read_tables(m, paths, members, komm, regions, small, art, ineq, means=False):
    thr = m.thr

    def custom(area):  # a group of -g: its hidden cells are .. whatever their size
        return area not in komm and area not in regions and area != "Hele landet"
    facts = {}
    dates = []
    for path in paths:
        head, rows = read_tsv(path)
        dcols = [j for j, c in enumerate(head) if len(c) == 10 and c[4] == "-"]
        dates = [head[j] for j in dcols]
        for r in rows:
            if len(r) != len(head) or not r[0]:
                continue
            if "10.000" in r[3]:
                continue
            area = r[0] if r[4] == "kommune" else r[5]
            q = "n" if r[3].endswith("(N)") else "v"
            nodata = no_data(r[-1], dates)
            for j in dcols:
                if r[j] == "" and r[1] in ("13.1", "13.2") and head[j] in nodata:
                    continue  # 13 not split (who5-bands without -s): unknown, not 0
                facts.setdefault((area, q, r[1], head[j]), []).append(r[j])
    for key, texts in facts.items():
        area, q, fig, d = key
        if q == "v" and art.get(fig) != "count":
            continue
        texts = [t for t in texts if t != "i.t."]
        if not texts:
            continue
        shown = [t for t in texts if t not in ("<%d" % thr, "..")]
        if shown and len(shown) < len(texts):
            m.bad.append("%s %s %s: hidden in one table, %s in another" %
                         (area, fig, d, shown[0]))
        k = (area, "c" if q == "v" else "n", fig, d)
        text = shown[0] if shown else texts[0]
        if q == "n" and small.get(fig) == "begge" and not shown:
            m.var(k, 0, BIG, "h")
        elif text == ".." and custom(area):
            m.var(k, 0, BIG, "h")  # a custom group's ..: hidden, small or not (review AB, AB2)
        else:
            m.cell(k, text)
    # persons of a share of persons: share x N to the rounding shown, <= N
    for key, texts in facts.items():
        area, q, fig, d = key
        if q != "v" or small.get(fig) != "begge":
            continue
        nk = (area, "n", fig, d)
        tk = (area, "t", fig, d)
        if nk not in m.lo:
            continue
        t = texts[0]
        if t in ("i.t.",):
            continue
        if m.state[nk] == "v" and t not in ("<%d" % thr, "..", ""):
            n = m.lo[nk]
            v = float(t.replace(",", "."))
            t_lo = max(0, math.ceil((v - 0.05) * n / 100 - 1e-9))
            t_hi = min(n, math.floor((v + 0.05) * n / 100 + 1e-9))
            m.var(tk, t_lo, t_hi, "b")
        elif m.state[nk] == "v" and t == "":
            m.var(tk, 0, 0, "v")
        else:
            m.var(tk, 0, BIG, "h")
            m.le([tk], [nk])
            # N less the persons, a target of its own: pinned where TAELLER
            # is not (review Z, Z1: two hidden 100 % shares; AB's attacker)
            rk = (area, "r", fig, d)
            m.var(rk, 0, BIG, "h")
            m.cons.append(({rk: 1, tk: 1, nk: -1}, "=", 0))
            if t == ".." and not custom(area):
                # secondary: it passed the primary rule, so the persons
                # and the others are both N or more (a custom group's ..
                # may be small: review AC, AC3)
                m.cons.append(({tk: 1}, ">=", thr))
                m.cons.append(({nk: 1, tk: -1}, ">=", thr))
            elif t == "<%d" % thr:
                # primary: the persons or the others below N (b says which)
                bk = (area, "b", fig, d)
                m.var(bk, 0, 1, "u")
                m.cons.append(({tk: 1, bk: -BIG}, "<=", thr - 1))
                m.cons.append(({nk: 1, tk: -1, bk: BIG}, "<=", thr - 1 + BIG))
    # -M: a mean's score sum (TAELLER) in units of STEP: mean x N to the
    # rounding shown when shown (its N is then shown too), 0..100 x N when
    # hidden
    for key, texts in facts.items() if means else ():
        area, q, fig, d = key
        if q != "v" or art.get(fig) not in ("mean", "share") or fig not in STEP:
            continue
        nk = (area, "n", fig, d)
        sk = (area, "s", fig, d)
        texts = [t for t in texts if t != "i.t."]
        if nk not in m.lo or not texts:
            continue
        t, st = texts[0], STEP[fig]
        if t == "":
            m.var(sk, 0, 0, "v")
        elif t in ("<%d" % thr, ".."):
            m.var(sk, 0, BIG * 100 // st, "m")
            if t == "..":
                m.secondary.add(sk)
            m.cons.append(({sk: st, nk: -100}, "<=", 0))
        elif m.state[nk] == "v":
            n = m.lo[nk]
            v = float(t.replace(",", "."))
            if fig in FRACTION:     # points of no step: the rounding alone
                m.var(sk, max(0, (v - 0.05) * n), min(100 * n, (v + 0.05) * n), "b")
            else:
                m.var(sk, math.ceil((v - 0.05) * n / st - 1e-9),
                      math.floor((v + 0.05) * n / st + 1e-9), "b")
        else:
            m.bad.append("%s %s %s: mean %s shown beside a hidden N" % (area, fig, d, t))
    for d in dates:
        figs = set(f for (_, _, f, dd) in list(m.lo) if dd == d)
        for f in figs:
            for q in ("c", "n", "t", "s"):
                have = lambda a: (a, q, f, d) in m.lo
                for g, ms in members.items():
                    if have(g):
                        m.eq((g, q, f, d), [(x, q, f, d) for x in ms])
                if have("Hele landet"):
                    m.eq(("Hele landet", q, f, d), [(x, q, f, d) for x in komm])
                    if all(have(g) for g in regions):
                        m.eq(("Hele landet", q, f, d), [(g, q, f, d) for g in regions])
        areas = set(a for (a, _, _, dd) in list(m.lo) if dd == d)
        for a in areas:
            for tot, parts, q in (("7", ["7.1", "7.2", "7.3"], "c"),
                                  ("12", ["12.1", "12.2"], "n"),
                                  ("13", ["13.1", "13.2"], "n"),
                                  ("13", ["13.1", "13.2"], "s"),
                                  ("12", ["12.1", "12.2"], "s")):
                if (a, q, tot, d) in m.lo and all((a, q, p, d) in m.lo for p in parts):
                    m.eq((a, q, tot, d), [(a, q, p, d) for p in parts])
            for x, y in (("11", "12"), ("13", "15.1"), ("13", "15.2"), ("13", "15.3"),
                         ("16", "17")):
                if (a, "n", x, d) in m.lo and (a, "n", y, d) in m.lo:
                    m.eq((a, "n", x, d), [(a, "n", y, d)])
            n15 = (a, "n", "15.1", d)
            ts = [(a, "t", p, d) for p in ("15.1", "15.2", "15.3")]
            if n15 in m.lo and all(t in m.lo for t in ts):
                m.eq(n15, ts)
                # -M: the persons of the bands bound 13's score sum: over
                # 50 is 52..100, 36-50 is 36..48, 0-35 is 0..32
                sk = (a, "s", "13", d)
                if sk in m.lo:
                    m.cons.append(({sk: 4, ts[0]: -52, ts[1]: -36}, ">=", 0))
                    m.cons.append(({sk: 4, ts[0]: -100, ts[1]: -48, ts[2]: -32}, "<=", 0))
    if ineq:
        for i, d in enumerate(dates):
            areas = set(a for (a, _, _, dd) in list(m.lo) if dd == d)
            p = dates[i - 1] if i > 0 else None
            for a in areas:
                m.le([(a, "n", "14", d)], [(a, "n", "13", d)])
                m.le([(a, "n", "16", d)], [(a, "n", "13", d)])
                if p:
                    m.le([(a, "n", "16", d)], [(a, "n", "13", p)])
                    m.le([(a, "c", "7.1", d), (a, "c", "7.2", d)],
                         [(a, "c", "1", p), (a, "c", "2", p)])
                    m.le([(a, "c", "7.3", d)], [(a, "c", "3", p)])
                    m.le([(a, "c", "8", d)], [(a, "c", "4", p)])
                    m.le([(a, "c", "9", d), (a, "c", "10", d)], [(a, "c", "6", p)])
    return dates


LABEL = {"Trin 8": "8", "Trin 7": "7", "Trin 6": "6", "Trin 5": "5", "Trin 4": "4",
         "Trin 3": "3", "Trin 2": "2", "Trin 0": "0", "Anden kommune": "A",
         "Ikke i målgruppen": "U", "I alt": "S"}
STEPS = ["8", "7", "6", "5", "4", "3", "2", "0"]


def label(text):
    for k, v in LABEL.items():
        if text.startswith(k):
            return v
    return None


def xml_text(s):
    s = re.sub(r"<[^>]+>", "", s)
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")


def read_sheet(path, name):
    z = zipfile.ZipFile(path)
    wb = z.read("xl/workbook.xml").decode()
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    ss = []
    if "xl/sharedStrings.xml" in z.namelist():
        ss = [xml_text(x) for x in re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode(), re.S)]
    rid = None
    for sh in re.finditer(r"<sheet [^>]*>", wb):
        n = re.search(r'name="([^"]*)"', sh.group(0)).group(1)
        if xml_text(n) == name:
            rid = re.search(r'r:id="([^"]*)"', sh.group(0)).group(1)
    if rid is None:
        return None
    target = None
    for rel in re.finditer(r"<Relationship [^>]*>", rels):
        if 'Id="%s"' % rid in rel.group(0):
            target = re.search(r'Target="([^"]*)"', rel.group(0)).group(1)
    target = target.lstrip("/")
    if not target.startswith("xl/"):
        target = "xl/" + target
    s = z.read(target).decode()
    out = []
    for r in re.findall(r"<row [^>]*>(.*?)</row>", s, re.S):
        cells = {}
        for c in re.finditer(r'<c r="([A-Z]+)(\d+)"([^>]*?)(?:/>|>(.*?)</c>)', r, re.S):
            col, attrs, body = c.group(1), c.group(3), c.group(4) or ""
            v = re.search(r"<v>(.*?)</v>", body, re.S)
            if v:
                v = v.group(1)
                if 't="s"' in attrs:
                    v = ss[int(v)]
            else:
                t = re.search(r"<t[^>]*>(.*?)</t>", body, re.S)
                v = xml_text(t.group(1)) if t else ""
            cells[col] = v
        out.append(cells)
    return out


def read_flows(m, xdir, komm, ineq):
    n = 0
    dates = set()
    for fn in sorted(os.listdir(xdir)):
        mm = re.match(r"rapport-(\d+)\.xlsx$", fn)
        if not mm:
            continue
        k = mm.group(1)
        # the sheet "Strømme" (before 2026-12-02 "Bevægelser": oldx/ of
        # ../lp-attack-flows); a workbook with neither is an error below
        rows = read_sheet(os.path.join(xdir, fn), "Strømme")
        if rows is None:
            rows = read_sheet(os.path.join(xdir, fn), "Bevægelser")
        if rows is None:
            continue
        i = 0
        while i < len(rows):
            a = rows[i].get("A", "")
            t = re.match(r"Fra (\d\d)\.(\d\d)\.(\d{4}) til (\d\d)\.(\d\d)\.(\d{4})", a)
            if not t:
                i += 1
                continue
            d0 = "%s-%s-%s" % (t.group(3), t.group(2), t.group(1))
            d1 = "%s-%s-%s" % (t.group(6), t.group(5), t.group(4))
            head = rows[i + 1]
            cols = {c: label(v) for c, v in head.items() if c != "A"}
            j = i + 2
            cells = []
            while j < len(rows) and label(rows[j].get("A", "")):
                fra = label(rows[j]["A"])
                for c, til in cols.items():
                    if c in rows[j]:
                        cells.append((("F", k, d1, fra, til), rows[j][c]))
                j += 1
            # a hidden flow is '..' whether small or not (since 2026-12-06):
            # 0 or more; a matrix with a flow <N is older, its '..' N or more
            older = any(t.startswith("<") for key, t in cells if "S" not in key[3:])
            for key, t in cells:
                if t == ".." and "S" not in key[3:] and not older:
                    m.var(key, 0, BIG, "f")
                else:
                    m.cell(key, t)
            n += 1
            dates.add((d0, d1))
            add_matrix(m, k, d0, d1, ineq)
            i = j
    return n


def add_matrix(m, k, d0, d1, ineq):
    F = lambda r, c: ("F", k, d1, r, c)
    rows = STEPS + ["A", "U"]
    for r in rows:
        parts = [F(r, c) for c in rows if F(r, c) in m.lo]
        if F(r, "S") in m.lo:
            m.eq(F(r, "S"), parts)
    for c in rows:
        parts = [F(r, c) for r in rows if F(r, c) in m.lo]
        if F("S", c) in m.lo:
            m.eq(F("S", c), parts)
    rs = [F(r, "S") for r in rows if F(r, "S") in m.lo]
    cs = [F("S", c) for c in rows if F("S", c) in m.lo]
    tot = ("T", k, d1)
    m.var(tot, 0, BIG, "u")
    m.eq(tot, rs)
    m.eq(tot, cs)
    # the levels: row sums at d0, column sums at d1
    for s in STEPS:
        for d, key in ((d0, F(s, "S")), (d1, F("S", s))):
            lk = ("L", k, d, s)
            if lk not in m.lo:
                m.var(lk, 0, BIG, "u")
                fig = {"8": "1", "7": "2", "6": "3", "5": "4", "2": "6"}.get(s)
                if fig and (k, "c", fig, d) in m.lo:
                    m.eq((k, "c", fig, d), [lk])
                if s in ("3", "4") and ("L", k, d, "3") in m.lo and ("L", k, d, "4") in m.lo \
                        and (k, "c", "5", d) in m.lo:
                    m.eq((k, "c", "5", d), [("L", k, d, "3"), ("L", k, d, "4")])
            if key in m.lo:
                m.eq(lk, [key])
    # N of 11 and 12 (DREAM's population, SPEC 3.1) is the persons on steps 0, 2-8 at a
    # date, less those with no week left: at most the stair (review AJ, AJ1)
    for d in (d0, d1):
        ls = [("L", k, d, s) for s in STEPS]
        for fig in ("12", "11"):
            if (k, "n", fig, d) in m.lo and all(x in m.lo for x in ls):
                m.le([(k, "n", fig, d)], ls)
    if ineq:
        def sel(frs, tos):
            return [F(r, c) for r in frs for c in tos if F(r, c) in m.lo]
        down = ["5", "4", "3", "2", "0", "U"]
        for fig, frs, tos in (("7.1", ["8", "7"], ["6"]), ("7.2", ["8", "7"], down),
                              ("7.3", ["6"], down), ("8", ["5"], ["2", "0", "U"]),
                              ("9", ["2"], ["0", "U"]),
                              ("10", ["2"], ["3", "4", "5", "6", "7", "8"])):
            fk = (k, "c", fig, d1)
            if fk not in m.lo:
                continue
            m.le(sel(frs, tos), [fk])
            m.le([fk], sel(frs, tos + ["A"]))
        for figs, frs, tos in ((["7.1", "7.2"], ["8", "7"], ["6"] + down), (["9", "10"], ["2"],
                               ["0", "U", "3", "4", "5", "6", "7", "8"])):
            fks = [(k, "c", f, d1) for f in figs]
            if all(f in m.lo for f in fks):
                m.le(fks, sel(frs, tos + ["A"]))


# ---------------------------------------------------------------- solving

def area(k):
    return k[1] if k[0] in ("F", "T", "L") else k[0]


def components(m, use):
    """The connected components of the free variables over the relations
    numbered in use."""
    parent = {}

    def find(x):
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    def free(k):
        return m.lo[k] != m.hi[k]

    for i in use:
        c = m.cons[i][0]
        ks = [k for k in c if free(k)]
        for k in ks[1:]:
            a, b = find(ks[0]), find(k)
            if a != b:
                parent[a] = b
    comp = {}
    for k in set(k for i in use for k in m.cons[i][0]):
        if free(k):
            comp.setdefault(find(k), []).append(k)
    cons_of = {}
    for i in use:
        c = m.cons[i][0]
        ks = [k for k in c if free(k)]
        if ks:
            cons_of.setdefault(find(ks[0]), []).append(i)
        else:
            tot = sum(co * m.lo[k] for k, co in c.items())
            sense = m.cons[i][1]
            if (sense == "=" and abs(tot - m.cons[i][2]) > 1e-6) or \
                    (sense == "<=" and tot > m.cons[i][2] + 1e-6) or \
                    (sense == ">=" and tot < m.cons[i][2] - 1e-6):
                m.bad.append("inconsistent shown cells: %s" % sorted(c))
    return [(sorted(comp[r]), cons_of.get(r, [])) for r in comp]


class Solver:
    def __init__(self, m, ks, ci):
        self.m = m
        ks = sorted(ks)
        self.ks = ks
        self.name = {k: "x%d" % i for i, k in enumerate(ks)}
        self.back = {v: k for k, v in self.name.items()}
        lines = []
        for i in ci:
            c, sense, rhs = m.cons[i]
            terms, const = [], 0
            for k, co in c.items():
                if k in self.name:
                    terms.append("%+g %s" % (co, self.name[k]))
                else:
                    const += co * m.lo[k]
            lines.append("c%d: %s %s %g;" % (i, " ".join(terms), sense, rhs - const))
        for k in ks:
            lines.append("%s >= %g;" % (self.name[k], m.lo[k]))
            lines.append("%s <= %g;" % (self.name[k], m.hi[k]))
        self.body = "\n".join(lines) + "\n"
        # the means' score sums are left real (-M), to keep the branch
        # and bound small; a mean's range is then wider by under a step / N
        ints = [self.name[k] for k in ks if k[1] != "s"]
        self.ints = "int %s;\n" % ",".join(ints) if ints else ""
        self.calls = 0
        self.unsolved = 0

    def solve_count(self, keys, sense):
        """The most (max) or fewest (min) of keys nonzero at once: y_i a
        binary, x_i >= y_i (max) or x_i <= ub * y_i (min)."""
        extra = []
        for i, k in enumerate(keys):
            x = self.name[k]
            if sense == "max":
                extra.append("d%d: %s - y%d >= 0;" % (i, x, i))
            else:
                extra.append("d%d: %s - %g y%d <= 0;" % (i, x, self.m.hi[k], i))
            extra.append("y%d <= 1;" % i)
        extra.append("int %s;" % ",".join("y%d" % i for i in range(len(keys))))
        return self.solve({}, sense, " ".join("+1 y%d" % i for i in range(len(keys))),
                          "\n".join(extra) + "\n")

    def solve(self, obj, sense, o=None, extra="", limit=120):
        """obj: {key: coef}; returns {key: value} or None (infeasible, or
        unsolved: then self.unsolved grows)."""
        if o is None:
            o = " ".join("%+g %s" % (c, self.name[k]) for k, c in obj.items()) or "0"
        text = "%s: %s;\n%s%s%s" % (sense, o, self.body, extra, self.ints)
        # lp_solve now and then fails on accuracy: then other scaling or
        # pivoting; a problem none solves is counted as unsolved
        for opts in ([], ["-s4"], ["-piv1"], ["-s4", "-piv2"]):
            self.calls += 1
            try:
                p = subprocess.run(["lp_solve", "-S3"] + opts, input=text,
                                   capture_output=True, text=True, timeout=limit)
            except subprocess.TimeoutExpired:
                continue    # (lp_solve killed) a branch and bound that hangs
            if "infeasible" in p.stdout:
                return None
            if "Actual values of the variables" in p.stdout:
                break
        else:
            self.unsolved += 1
            return None
        out = {}
        part = p.stdout.split("Actual values of the variables:")[1]
        part = part.split("Actual values of the constraints:")[0]
        for line in part.splitlines():
            f = line.split()
            if len(f) == 2 and f[0] in self.back:
                out[self.back[f[0]]] = round(float(f[1]))
        for k in self.ks:
            out.setdefault(k, 0)
        return out


MEAN_LIMIT = 20     # seconds for one of a mean's solves: a few hang for minutes;
                    # one that does counts as unsolved (the attack incomplete)


def mean_range(m, sv, sk, width):
    """The least and greatest S/N of a hidden mean over all solutions with
    N >= 1 (Dinkelbach: max S - tN, t the best ratio so far, until 0), or
    None when N is 0 in every solution. Stops once two solutions differ by
    more than width (then the range is at least the one returned, wide)."""
    nk = (sk[0], "n", sk[2], sk[3])
    st = STEP[sk[2]]
    if nk in sv.name:
        extra = "nn: %s >= 1;\n" % sv.name[nk]
    elif m.lo[nk] >= 1:
        extra = ""
    else:
        return None
    seen = []

    def ratio(sol):
        r = st * sol[sk] / sol.get(nk, m.lo[nk])
        seen.append(r)
        return r

    def wide():
        return max(seen) - min(seen) > width

    out = {}
    u = sv.unsolved
    for sense in ("max", "min"):
        sol = sv.solve({sk: 1}, sense, None, extra, MEAN_LIMIT)
        if sol is None and sv.unsolved > u:
            return (min(seen), max(seen), False) if seen else None
        if sol is None:
            return None
        t = ratio(sol)
        if wide():
            return min(seen), max(seen), False
        for _ in range(50):
            obj = {sk: st}
            if nk in sv.name:
                obj[nk] = -t
            sol = sv.solve(obj, sense, None, extra, MEAN_LIMIT)
            if sol is None and sv.unsolved > u:
                return min(seen), max(seen), False
            if sol is None:
                break
            n = sol.get(nk, m.lo[nk])
            s = st * sol[sk]
            if (sense == "max" and s - t * n <= 1e-7) or (sense == "min" and s - t * n >= -1e-7):
                break
            t = ratio(sol)
            if wide():
                return min(seen), max(seen), False
        else:
            sv.unsolved += 1
        out[sense] = t
    return out["min"], out["max"], True


def attack_component(m, ks, ci, stats, width=None):
    targets = sorted(k for k in ks if m.state[k] in ("p", "s", "h", "d", "f"))
    means = sorted(k for k in ks if m.state[k] == "m") if width is not None else []
    if not targets and not means:
        return
    sv = Solver(m, ks, ci)
    for k in means:
        r = mean_range(m, sv, k, width)
        if r is None:
            continue
        stats["means"].append((r[1] - r[0], k, r))
        if r[2] and r[1] - r[0] <= width:
            (m.notes if k in m.secondary else m.bad).append(
                "%s mean %s %s: %.2f..%.2f" % (k[0], k[2], k[3], r[0], r[1]))
    stats["meancells"] += len(means)
    if not targets:
        stats["calls"] += sv.calls
        stats["unsolved"] += sv.unsolved
        return
    seen = {k: set() for k in targets}

    def note(sol):
        if sol is None:
            return
        for k in targets:
            seen[k].add(sol[k])

    def need_zero(k):
        return m.state[k] == "p" and 0 not in seen[k]

    def need_pos(k):
        return m.state[k] == "p" and not any(v >= 1 for v in seen[k])

    def need_two(k):
        return len(seen[k]) < 2

    def need_wide(k):   # a hidden flow (f): known small (1..N-1) unless 0 or N+ seen
        return m.state[k] == "f" and 0 not in seen[k] and not any(v >= m.thr for v in seen[k])

    unsolved = sv.unsolved
    sol = sv.solve({k: 1 for k in targets}, "min")
    if sol is None:
        # lp_solve gave up (its time ran out on every scaling): not checked,
        # which is not the tables contradicting each other (infeasible)
        m.bad.append("%s: %s ... (%d variables)" % ("not solved in time" if
                     sv.unsolved > unsolved else "no solution", targets[0], len(ks)))
        stats["calls"] += sv.calls
        stats["unsolved"] += sv.unsolved
        return
    note(sol)
    note(sv.solve({k: 1 for k in targets}, "max"))
    # as many cells as can be at once: 0 (fewest nonzero), 1 or more (most
    # nonzero), moved (greatest and least sum); then one cell at a time
    while True:
        before = sum(len(v) for v in seen.values())
        z = [k for k in targets if need_zero(k)]
        if z:
            note(sv.solve_count(z, "min"))
        p = [k for k in targets if need_pos(k)]
        if p:
            note(sv.solve_count(p, "max"))
        t = [k for k in targets if need_two(k) and not need_zero(k) and not need_pos(k)]
        if t:
            note(sv.solve({k: 1 for k in t}, "max"))
            note(sv.solve({k: 1 for k in t}, "min"))
        if sum(len(v) for v in seen.values()) == before:
            break
    for k in targets:
        if need_zero(k):
            note(sv.solve({k: 1}, "min"))
        if need_pos(k):
            note(sv.solve({k: 1}, "max"))
        if need_two(k):
            note(sv.solve({k: 1}, "max"))
            if need_two(k):
                note(sv.solve({k: 1}, "min"))
        if need_wide(k):
            note(sv.solve({k: 1}, "min"))
            if need_wide(k):
                note(sv.solve({k: 1}, "max"))
    for k in targets:
        lo, hi = min(seen[k]), max(seen[k])
        what = describe(k)
        if lo == hi:
            m.bad.append("%s: pinned to %g" % (what, lo))
        elif m.state[k] == "f" and lo >= 1 and hi < m.thr:
            m.bad.append("%s: hidden, known to be %g..%g" % (what, lo, hi))
        elif k[0] == "F" or k[1] not in ("c",):
            if m.state[k] == "p" and k[0] == "F" and lo >= 1:
                m.bad.append("%s: <%d known not to be 0 (%g..%g)" % (what, m.thr, lo, hi))
            elif m.state[k] == "p" and k[0] == "F" and hi == 0:
                m.bad.append("%s: <%d known to be 0" % (what, m.thr))
        elif m.state[k] == "p" and lo >= 1:
            m.bad.append("%s: <%d known not to be 0 (%g..%g)" % (what, m.thr, lo, hi))
        elif m.state[k] == "p" and hi == 0:
            m.bad.append("%s: <%d known to be 0" % (what, m.thr))
    stats["calls"] += sv.calls
    stats["unsolved"] += sv.unsolved
    stats["cells"] += len(targets)
    stats["largest"] = max(stats["largest"], len(ks))


def describe(k):
    if k[0] == "F":
        return "%s flow %s->%s %s" % (k[1], k[3], k[4], k[2])
    return "%s %s %s %s" % (k[0], {"c": "count", "n": "N", "t": "persons", "b": "?",
                                   "r": "N less persons"}[k[1]],
                            k[2], k[3])


def main(argv):
    groups_path, thr, paths, xdir, ineq = None, 5, [], None, False
    width, verbose = None, False
    i = 0
    while i < len(argv):
        if argv[i] == "-g":
            groups_path = argv[i + 1]
            i += 2
        elif argv[i] == "-n":
            thr = int(argv[i + 1])
            i += 2
        elif argv[i] == "-F":
            xdir = argv[i + 1]
            i += 2
        elif argv[i] == "-I":
            ineq = True
            i += 1
        elif argv[i] == "-M":
            width = 4.0 if width is None else width
            i += 1
        elif argv[i] == "-W":
            width = float(argv[i + 1])
            i += 2
        elif argv[i] == "-v":
            verbose = True
            i += 1
        else:
            paths.append(argv[i])
            i += 1
    if not paths:
        die("usage: lpattack.py [-g groups.tsv] [-n N] [-F xlsx-dir] [-I] [-M [-W points] [-v]] "
            "REPORT.tsv...")
    if not shutil.which("lp_solve"):
        die("lp_solve is missing", 3)
    share = os.environ.get("NOEGLETAL_SHARE") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "share", "noegletal")
    h, rows = read_tsv(os.path.join(share, "kommuner.tsv"))
    region = {r[h.index("KOMMUNE")]: r[h.index("REGION")] for r in rows}
    h, rows = read_tsv(os.path.join(share, "noegletal.tsv"))
    art = {r[0]: r[h.index("ART")] for r in rows}
    small = {r[0]: r[h.index("SMAA_TAL")] for r in rows}
    members = {}
    for k, g in region.items():
        members.setdefault(g, []).append(k)
    if groups_path:
        h, rows = read_tsv(groups_path)
        for r in rows:
            members.setdefault(r[h.index("GRUPPE")], []).append(r[h.index("KOMMUNE")])
    regions = sorted(set(region.values()))
    komm = sorted(region)
    global BIG
    big = 0
    for p in paths:
        with open(p, encoding="utf-8") as f:
            for line in f:
                for x in line.rstrip("\n").split("\t")[6:-1]:
                    try:
                        big = max(big, float(x.replace(",", ".")))
                    except ValueError:
                        pass
    BIG = max(int(2 * big) + 10, 2000)  # a hand-made report of few numbers (review AB, AB4)
    m = Model(thr)
    read_tables(m, paths, members, komm, regions, small, art, ineq, width is not None)
    nmat = read_flows(m, xdir, komm, ineq) if xdir else 0
    if xdir and nmat == 0:  # an attack on nothing finds nothing: say so
        die("-F %s: no flow matrix in its workbooks (sheet Strømme)" % xdir)
    stats = {"calls": 0, "cells": 0, "largest": 0, "unsolved": 0, "means": [], "meancells": 0}
    # The tables' relations all at once; then, with -F, each municipality's
    # matrices with its own cells and the relations among them alone (a
    # part of the relations: what it pins is pinned, it may miss some; all
    # at once is one component of some 50,000 variables).
    flow = lambda c: any(k[0] in ("F", "T", "L") for k in c)
    tables = [i for i, c in enumerate(m.cons) if not flow(c[0])]
    comps = components(m, tables)
    for ks, ci in sorted(comps):
        attack_component(m, ks, ci, stats, width)
    if xdir:
        by = {}
        for i, c in enumerate(m.cons):
            areas = set(area(k) for k in c[0])
            if len(areas) == 1:
                by.setdefault(areas.pop(), []).append(i)
        for a in sorted(by):
            if not any(flow(m.cons[i][0]) for i in by[a]):
                continue
            for ks, ci in sorted(components(m, by[a])):
                attack_component(m, ks, ci, stats)
                comps.append(ks)
    for b in sorted(set(m.bad)):
        print("lpattack: " + b)
    print("lpattack: %d hidden values in %d components (largest %d variables), %d relations, "
          "%d matrices, %d solves (%d unsolved), %d findings" %
          (stats["cells"], len(comps), stats["largest"], len(m.cons), nmat, stats["calls"],
           stats["unsolved"], len(set(m.bad))))
    if width is not None:
        ws = sorted(x for x in stats["means"] if x[2][2])
        print("lpattack: %d hidden means, %d with N >= 1 possible, %d known wider than %g; "
              "narrowest of the rest %s" % (
                  stats["meancells"], len(stats["means"]), len(stats["means"]) - len(ws), width,
                  ", ".join("%s %s %s %.2f..%.2f" % (k[0], k[2], k[3], r[0], r[1])
                            for _, k, r in ws[:3]) or "none"))
        for n in sorted(m.notes):
            print("lpattack: note: .. %s" % n)
        for _, k, r in sorted(stats["means"]) if verbose else ():
            print("lpattack: range %s mean %s %s: %.2f..%.2f%s" % (k[0], k[2], k[3], r[0], r[1],
                                                                   "" if r[2] else " or wider"))
    if stats["unsolved"]:
        print("lpattack: lp_solve failed on %d problems: the attack is incomplete" %
              stats["unsolved"], file=sys.stderr)
    return 1 if m.bad else 3 if stats["unsolved"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
