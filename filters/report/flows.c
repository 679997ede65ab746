/*
 * flows: the flow matrix in the report (see flows.h; the forecast is in
 * forecast.c).
 *
 * The matrix of a municipality and half-year: FRA a step at t-1, another
 * municipality or outside the target group (ude) to TIL the same at t
 * (flows' anden:S are one row and one column "Anden kommune"); from
 * outside to outside is not a flow and is left blank. Step 1 (civil
 * society) is never in the registers and has no row.
 *
 * Suppression: a flow, and a row or column sum, below the threshold is
 * hidden (0 included), as any count; a sum so shows <N, a flow .., as one
 * hidden to protect others does (blind: the reader knows it is 0 or more,
 * and a sum of hidden flows known pins none of them). The rest is the main
 * tables' suppression (suppress.c, audit.c), which flows_load() hands
 * every sum a reader sees here, before suppress() runs: each row and each
 * column of flows adds up to its sum; the row sums and the column sums add
 * up to the same total (not shown: a cell never shown, virt); a step's
 * persons at a cut date are the column sum of one half-year and the row
 * sum of the next; and they are key figures 1-6 of the municipality at
 * that date (step 8 is figure 1, 7 is 2, 6 is 3, 5 is 4, 3 + 4 is 5, 2 is
 * 6). So a sum is safe on its own (check_sum(): no hidden part, or two or
 * more that weigh the threshold, none of them pinned or, if <N, known to
 * be 0 or not to be, from the reader's bounds), the audit bounds every
 * hidden cell from all sums together, matrix and main tables alike, and
 * the cell hidden next is the smallest flow shown, else the sum. A level
 * the matrix must hide is hidden as a key figure too (and the other way
 * round). The movement figures 7-10 at t are sums of flows of the
 * half-year to t too, and of parts of the column "Anden kommune" no reader
 * sees (see moves_sums()); steps 7-8 and 6-8 balance over the half-year,
 * rows, the figures that count who left and columns together (balance()),
 * and so do steps 0 and 2 with figures 8-10 (balance_low()).
 * Which cells a sum holds and the balances' values read key figures 1-10
 * alone: report -L takes the sums of its first model where those are the
 * same (reuse.c, TAKE_FIGS).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "flows.h"
#include "snap.h"
#include "util.h"

#define NST 11			/* steps 0-8, ANDEN, UDE */
#define ANDEN 9
#define UDE 10
#define MAXP SNAP_MAXDATES	/* as many half-years as a snapshot has cut dates */

static const int order[] = { 8, 7, 6, 5, 4, 3, 2, 0, ANDEN, UDE };	/* shown */
#define NSHOW 10
static const char *const st_name[NST] = { "Trin 0 · andre ydelser", "Trin 1",
	"Trin 2 · §82", "Trin 3 · §104", "Trin 4 · §103", "Trin 5 · §85", "Trin 6 · §107",
	"Trin 7 · §105/§85", "Trin 8 · §108", "Anden kommune", "Ikke i målgruppen" };
static const char *const st_head[NST] = { "Trin 0<br>andre", "Trin 1", "Trin 2<br>§82",
	"Trin 3<br>§104", "Trin 4<br>§103", "Trin 5<br>§85", "Trin 6<br>§107",
	"Trin 7<br>§105/§85", "Trin 8<br>§108", "Anden<br>kommune", "Ikke i<br>målgruppen" };
static const char *const st_color[NST] = { "#9aa0a8", "#9aa0a8", "#6a9f3a", "#c9a227",
	"#d9822b", "#b0413e", "#8e44ad", "#2e6fa7", "#1f3f66", "#5f6b7a", "#b8bec6" };

struct mat {			/* one municipality, one half-year */
	int n[NST][NST];	/* persons from FRA (row) to TIL (column) */
	int away[NST][9];	/* of n[i][ANDEN]: by the step in the other municipality */
	int rs[NST], cs[NST];	/* row and column sums */
	struct cell *c;		/* NCELL: what suppression decides (FLOW .. GRAND) */
	char has;		/* a row was read */
};

/* Parts of the column "Anden kommune" by the step there, for figures 7-10. */
enum { X78_6, X78_LOW, X78_REST, X78, X6_LOW, X6_REST, X5_DOWN, X5_REST, X2_0, X2_UP,
	X2_REST, R78, R678,	/* R: rows 7 and 8, and 6 too, summed */
	O78_7, O78_8, O78_A, T78, O678_6, O678_7, O678_8, O678_A, B678_A, REST678, T678,
	Y02, T02,	/* the balances of steps 7-8 and 6-8 (balance()), 0 and 2 (balance_low()) */
	Q78, A78, Q678, A678, Q02, A02,	/* each balance against the total (complement()) */
	K6,	/* column 6 less 6 -> 6 (complement() of 6-8) */
	Z678,	/* the balance of 6-8 without column 6 (balance()) */
	G0, G2, G3, G4, G5, GU,	/* rows 6-8 into a column below them (down()) */
	H0, H2, H3, H4, H5, HU,	/* and rows 7-8 (down()) */
	LVR, LVC,	/* the persons on steps 0, 2-8 at t-1 (rows), at t (columns): stair() */
	NR, WR, NC, WC,	/* N of 11 and 12 at t-1, t, and the rest of LVR, LVC (dream_n()) */
	NX };

#define NCELL (NST * NST + 2 * NST + 1 + NX)
#define FLOW(m, i, j) (&(m)->c[(i) * NST + (j)])
#define RSUM(m, i) (&(m)->c[NST * NST + (i)])
#define CSUM(m, j) (&(m)->c[NST * NST + NST + (j)])
#define GRAND(m) (&(m)->c[NST * NST + 2 * NST])	/* all flows: the reader's, not shown */
#define AWAY(m, x) (&(m)->c[NST * NST + 2 * NST + 1 + (x)])	/* never shown */

static struct mat *mats;	/* [area][period] */
static int pdate[MAXP], np;	/* t of each period, ascending */

#define MAT(k, p) (&mats[(size_t)(k) * (size_t)np + (size_t)(p)])

int
flows_first(void)
{
	return np > 0 ? pdate[0] : -1;
}

static int
state(const char *s)
{
	if (s[0] >= '0' && s[0] <= '8' && s[1] == '\0')
		return s[0] - '0';
	if (strncmp(s, "anden:", 6) == 0 && s[6] >= '0' && s[6] <= '8' && s[7] == '\0')
		return ANDEN;
	return strcmp(s, "ude") == 0 ? UDE : -1;
}

static int
structural(int i, int j)	/* outside to outside: no flow */
{
	return i >= ANDEN && j >= ANDEN;
}

int
flows_date_index(int *dates, int *n, int max, int day)
{
	int i, j;

	for (i = 0; i < *n && dates[i] < day; i++)
		;
	if (i < *n && dates[i] == day)
		return i;
	if (*n == max)
		return -1;
	for (j = (*n)++; j > i; j--)
		dates[j] = dates[j - 1];
	dates[i] = day;
	return i;
}

struct frow {
	int k, t, fra, til, n;
	int there;		/* TIL anden:S: S */
};

static void
read_flow_rows(tsv *t, struct frow **rows, size_t *nrows, int *step1)
{
	int c_k = tsv_col(t, "KOMMUNE"), c_d = tsv_col(t, "DATO"), c_f = tsv_col(t, "FRA");
	int c_t = tsv_col(t, "TIL"), c_n = tsv_col(t, "ANTAL"), kom, day, fra, til;
	size_t cap = 0;
	long n;

	while (tsv_row(t)) {
		if (!(kom = kommune_code(t->f[c_k])))
			die("%s:%ld: column 'KOMMUNE': not a municipality code", t->name, t->line);
		if (!date_parse(t->f[c_d], &day) || !is_cut(day))
			die("%s:%ld: column 'DATO': not a cut date", t->name, t->line);
		if ((fra = state(t->f[c_f])) < 0 || (til = state(t->f[c_t])) < 0 ||
		    structural(fra, til))
			die("%s:%ld: columns 'FRA', 'TIL': not a flow", t->name, t->line);
		if (!parse_uint(t->f[c_n], &n) || n > 1000000000)
			die("%s:%ld: column 'ANTAL': not a count", t->name, t->line);
		if (*nrows == cap) {
			cap = cap ? cap * 2 : 4096;
			*rows = erealloc(*rows, cap * sizeof **rows);
		}
		(*rows)[(*nrows)++] = (struct frow){ kom, day, fra, til, (int)n,
		    til == ANDEN ? t->f[c_t][6] - '0' : 0 };
		*step1 |= fra == 1 || til == 1 || (fra == ANDEN && t->f[c_f][6] == '1') ||
		    (til == ANDEN && t->f[c_t][6] == '1');
	}
}

/*
 * A cell of the matrix: a count, hidden below the threshold (primary); a
 * flow (blind) shows .. then, as one hidden for others. With <N for the
 * small ones a row sum known pinned them: 5 with one flow .. (5 or more)
 * and nine <N gave each (review r4, 2026-12-06, a level shown by the
 * report published before).
 */
static void
count(struct report *r, struct cell *c, int n, int blind)
{
	c->has = c->flow = 1;
	c->blind = blind;
	c->t = n;
	c->small = SMALL_COUNT;
	c->hidden = c->primary = n < r->threshold;
}

/*
 * Steps 3 and 4 at a cut date are figure 5 together. Both below the
 * threshold while their sum is not (figure 5 shown, or .., N or more),
 * two <N cells would each be known not to be 0, and nothing else can be
 * hidden to help: the matrix does not show these two levels at all (a
 * cell never shown, virt: '-'; the reader knows nothing of them).
 */
static void
split_3_4(struct report *r, struct cell *s3, struct cell *s4)
{
	if (r->threshold > 0 && s3->t < r->threshold && s4->t < r->threshold &&
	    s3->t + s4->t >= r->threshold)
		s3->virt = s4->virt = 1;
}

/* Persons from the steps of from[] to another municipality, there on a step of to[]. */
static int
away(const struct mat *m, const char *from, const char *to)
{
	int n = 0;

	for (; *from; from++)
		for (const char *s = to; *s; s++)
			n += m->away[*from - '0'][*s - '0'];
	return n;
}

/* The parts of "Anden kommune" that figures 7-10 hold: cells never shown. */
static void
away_cells(struct mat *m)
{
	static const struct {
		const char *from, *to;	/* steps, as digits */
	} part[NX] = {
		[X78_6] = { "78", "6" }, [X78_LOW] = { "78", "02345" }, [X78_REST] = { "78", "78" },
		[X78] = { "78", "02345678" }, [X6_LOW] = { "6", "02345" }, [X6_REST] = { "6", "678" },
		[X5_DOWN] = { "5", "02" }, [X5_REST] = { "5", "345678" }, [X2_0] = { "2", "0" },
		[X2_UP] = { "2", "345678" }, [X2_REST] = { "2", "2" },
	};
	int x;

	for (x = 0; x < NX; x++) {
		struct cell *c = AWAY(m, x);

		c->has = c->hidden = c->virt = 1;
		c->small = SMALL_COUNT;
		c->t = x < R78 ? away(m, part[x].from, part[x].to) : x <= R678 ?
		    m->rs[7] + m->rs[8] : 0;	/* the balances' are set by balance() */
	}
	AWAY(m, R678)->t += m->rs[6];
	for (x = 0; x <= 8; x++)	/* the stair at t-1 and at t (stair()) */
		if (x != 1)
			AWAY(m, LVR)->t += m->rs[x], AWAY(m, LVC)->t += m->cs[x];
}

int
flows_what(struct report *r, const struct cell *c, char what[160])
{
	size_t i = (size_t)(c - r->fcells), off = i % NCELL, m = i / NCELL;
	const char *name;
	char day[11];

	if (c < r->fcells || i >= r->nfcells)
		return 0;
	if (m >= (size_t)r->nkom * (size_t)np) {	/* movers_sums() */
		date_fmt(pdate[i - (size_t)r->nkom * (size_t)np * NCELL], day);
		snprintf(what, 160, "the movers between municipalities in the half-year to %s",
		    day);
		return 1;
	}
	date_fmt(pdate[m % (size_t)np], day);
	name = area_name(r, (int)(m / (size_t)np));
	if (off < NST * NST)
		snprintf(what, 160, "the flow from %s to %s of %s in the half-year to %s",
		    st_name[off / NST], st_name[off % NST], name, day);
	else if (off < NST * NST + 2 * NST)
		snprintf(what, 160, "the %s sum of %s in the flow matrix of %s, half-year to %s",
		    off < NST * NST + NST ? "row" : "column", st_name[off % NST], name, day);
	else
		snprintf(what, 160, "a sum of the flow matrix of %s in the half-year to %s", name,
		    day);
	return 1;
}

int
flows_area(const struct report *r, const struct cell *c)
{
	size_t m = (size_t)(c - r->fcells) / NCELL;

	return c >= r->fcells && m < (size_t)r->nkom * (size_t)np ? (int)(m / (size_t)np) : -1;
}

/* The matrix of municipality k, half-year p as cells (m->c: its NCELL in r->fcells). */
static void
matrix_cells(struct report *r, struct mat *m)
{
	int i, j;

	for (i = 0; i < NST; i++) {
		for (j = 0; j < NST; j++)
			if (i != 1 && j != 1 && !structural(i, j))
				count(r, FLOW(m, i, j), m->n[i][j], 1);
		if (i != 1) {
			count(r, RSUM(m, i), m->rs[i], 0);
			count(r, CSUM(m, i), m->cs[i], 0);
			GRAND(m)->t += m->rs[i];
		}
	}
	GRAND(m)->has = GRAND(m)->hidden = GRAND(m)->virt = 1;
	away_cells(m);
	split_3_4(r, RSUM(m, 3), RSUM(m, 4));
	split_3_4(r, CSUM(m, 3), CSUM(m, 4));
}

/* total = the flows from the steps of from[] to those of to[] (digits, U: ude), and x. */
static void
moves_sum(struct report *r, int k, struct cell *total, struct mat *m, const char *from,
    const char *to, struct cell *x)
{
	struct cell *part[64];
	int n = 0;

	for (; *from; from++)
		for (const char *s = to; *s; s++)
			part[n++] = FLOW(m, *from - '0', *s == 'U' ? UDE : *s - '0');
	part[n++] = x;
	add_count_sum(r, total, part, n, k);
}

/*
 * Figures 7-10 (moves_sums, below) a row at a time, the persons on a step
 * at t-1: its figures, its flows inside to the steps no figure counts, and
 * its rest away (rows 7 and 8 together, as 7.1 and 7.2 count them). The
 * audit bounds a cell from one sum at a time, and an integer program
 * subtracts the sums above from the row's (2 -> Anden kommune was known
 * not 0 from 139 = 6 at t-1, 23 = 9 and 14 = 10 with the row's flows).
 */
static void
moves_rows(struct report *r, int k, struct mat *m, int d)
{
	static const struct {
		int id[2];	/* the figures (0: none) */
		const char *from, *to;	/* the flows inside no figure counts */
		int row, x, y;	/* the row sum (RSUM(row), or an AWAY sum), its rest(s) */
	} row[] = {
		{ { 900, 1000 }, "2", "2", 2, X2_REST, -1 },
		{ { 800, 0 }, "5", "345678", 5, X5_REST, -1 },
		{ { 703, 0 }, "6", "678", 6, X6_REST, -1 },
		{ { 701, 702 }, "78", "78", -R78, X78_REST, -1 },
		{ { 700, 0 }, "678", "678", -R678, X78_REST, X6_REST },
	};
	struct cell *part[32];
	size_t i;
	int n, e, f, from;

	part[0] = RSUM(m, 7), part[1] = RSUM(m, 8);
	add_count_sum(r, AWAY(m, R78), part, 2, k);
	part[0] = AWAY(m, R78), part[1] = RSUM(m, 6);
	add_count_sum(r, AWAY(m, R678), part, 2, k);
	for (i = 0; i < sizeof row / sizeof row[0]; i++) {
		for (n = e = 0; e < 2 && row[i].id[e]; e++)
			if ((f = catalog_index(row[i].id[e])) >= 0 && AT(k, d, f)->has)
				part[n++] = AT(k, d, f);
		if (n < e)
			continue;
		for (const char *a = row[i].from; *a; a++)
			for (const char *b = row[i].to; *b; b++)
				if ((from = *a - '0') < 7 || *b != '6')	/* 7, 8 -> 6: 7.1's */
					part[n++] = FLOW(m, from, *b - '0');
		part[n++] = AWAY(m, row[i].x);
		if (row[i].y >= 0)
			part[n++] = AWAY(m, row[i].y);
		add_count_sum(r, row[i].row >= 0 ? RSUM(m, row[i].row) : AWAY(m, -row[i].row), part,
		    n, k);
	}
}

/* Cell x (never shown) as the sum of part[0..n), for the audit only. */
static struct cell *
vsum(struct report *r, int k, struct mat *m, int x, struct cell **part, int n)
{
	struct cell *c = AWAY(m, x);
	int i;

	for (c->t = 0, i = 0; i < n; i++)
		c->t += part[i]->t;
	add_count_balance(r, c, part, n, k);
	return c;
}

/* The flows into column j from the rows not in rows[] (digits) as cell x. */
static struct cell *
inflow(struct report *r, int k, struct mat *m, int j, const char *rows, int x)
{
	struct cell *part[NST];
	int i, n = 0;

	for (i = 0; i < NST; i++)
		if (FLOW(m, i, j)->has && !strchr(rows, '0' + i))
			part[n++] = FLOW(m, i, j);
	return vsum(r, k, m, x, part, n);
}

/*
 * A balance against the total of the matrix. Each balance of a set of
 * steps S below is
 *   S's rows at t-1 + what came into S's columns (in) = the figures that
 *   count who left S (fig) + S's part of "Anden kommune" + S's columns,
 * and the rows and the columns both add up to the total, "Anden kommune"
 * to S's part and its other parts (A, never shown), so
 *   fig + the rows not S = in + A + the columns not S (nor "Anden kommune"),
 * one sum each side of a cell never shown (q; rows[], cols[]: the rows
 * and columns left out, as digits, A and U), and again with steps 3 and 4
 * as figure 5 (at t-1 for the rows, at t for the columns). The audit
 * bounded S's columns each by itself, where a reader bounds them together
 * by the total, with S's part of "Anden kommune" inside that column. An
 * integer program found 7 <5 known not 0 of 183 on the dense bench shape
 * at 2022-12-31: rows 6-8 37 persons, columns 6-8 .. but, with "Anden
 * kommune" (<5, which holds the rows' persons now on 6-8 elsewhere), 210
 * - 174 = 36, so 7 >= 37 - 36 = 1 (and 671's 7 at 2022-06-30 so). The
 * figures and the rows shown are one sum, so that where it exposes a
 * figure the audit hides a row (a level at t-1). For the audit only.
 */
static void
complement(struct report *r, int k, struct mat *m, int d, const char *rows, const char *cols,
    struct cell **fig, int nfig, struct cell **in, int nin, struct cell **other, int nother,
    int q, int a)
{
	struct cell *part[NST * 4], *f5;
	int e, f, i, n, side, d5;
	const char *set;

	vsum(r, k, m, a, other, nother);
	AWAY(m, q)->t = 0;
	for (i = 0; i < nfig; i++)
		AWAY(m, q)->t += fig[i]->t;
	for (i = 0; i < NST; i++)
		if (RSUM(m, i)->has && !strchr(rows, i == ANDEN ? 'A' : i == UDE ? 'U' : '0' + i))
			AWAY(m, q)->t += RSUM(m, i)->t;
	for (side = 0; side < 2; side++) {
		set = side ? cols : rows;
		d5 = side ? d : d > 0 && r->dates[d - 1] == cut_prev(r->dates[d]) ? d - 1 : -1;
		f5 = (f = catalog_index(500)) >= 0 && d5 >= 0 && AT(k, d5, f)->has ?
		    AT(k, d5, f) : NULL;
		for (e = 0; e < 2; e++) {	/* then with steps 3 and 4 as figure 5 */
			if (e && (!f5 || strchr(set, '3') || strchr(set, '4')))
				break;
			n = 0;
			if (side) {
				for (i = 0; i < nin; i++)
					part[n++] = in[i];
				part[n++] = AWAY(m, a);
			} else
				for (i = 0; i < nfig; i++)
					part[n++] = fig[i];
			for (i = 0; i < NST; i++) {
				struct cell *c = side ? CSUM(m, i) : RSUM(m, i);

				if (c->has && !strchr(set, i == ANDEN ? 'A' : i == UDE ? 'U' : '0' + i) &&
				    !(e && (i == 3 || i == 4)))
					part[n++] = c;
			}
			if (e)
				part[n++] = f5;
			add_count_balance(r, AWAY(m, q), part, n, k);
		}
	}
}

/*
 * The balance of a set of steps S (7-8, as 7.1 + 7.2 count who leaves
 * them, and 6-8, as 7 does) over the half-year to t: the persons on S at
 * t-1 and those who came into S (flows into S's columns from the other
 * rows) are those who left S as figures 7.x count them, those gone to
 * another municipality and on a step of S there, and the persons on S at
 * t. moves_rows() has each row sum of S alone, where each flow of S's
 * rows into S is bounded by its own column only; a reader bounds them
 * together by the column sums (C7 + C8 at t less what came in), and the
 * flows to "Anden kommune" of S's rows together by that column. An
 * integer program found 7 <5 known not 0 of 201 at 2020-06-30: rows 7
 * and 8 36 persons, columns 7 and 8 31, "Anden kommune" <5 in all, so 7.1
 * + 7.2 is at least 1 (and 223's 7, 630's 7.3 so). Each balance is two
 * sums of one cell never shown (T78, T678), with the figure and the
 * levels in them, so that where it exposes the figure the audit hides a
 * level (the flows of S are not in it); its parts never shown (O: the
 * inflow of a column from the other rows, REST678, B678_A) are sums too.
 * For the audit only (add_count_balance()): check_sum() checks the sums
 * the reader sees, each as itself.
 */
static void
balance(struct report *r, int k, struct mat *m, int d)
{
	struct cell *part[16], *o[4], *f7, *f73, *rest, *b;
	int f, j;

	if ((f = catalog_index(700)) < 0 || !(f7 = AT(k, d, f))->has ||
	    (f = catalog_index(703)) < 0 || !(f73 = AT(k, d, f))->has)
		return;
	/* S = 7, 8: R7 + R8 + in(7, 8) + 7.3 = 7 + X78_REST + C7 + C8 */
	for (j = 7; j <= 8; j++) {
		o[j - 7] = inflow(r, k, m, j, "78", j == 7 ? O78_7 : O78_8);
		part[0] = FLOW(m, 7, j), part[1] = FLOW(m, 8, j), part[2] = o[j - 7];
		add_count_balance(r, CSUM(m, j), part, 3, k);
	}
	part[0] = AWAY(m, X78), part[1] = inflow(r, k, m, ANDEN, "78", O78_A);
	add_count_balance(r, CSUM(m, ANDEN), part, 2, k);
	part[0] = RSUM(m, 7), part[1] = RSUM(m, 8), part[2] = o[0], part[3] = o[1];
	part[4] = f73;
	vsum(r, k, m, T78, part, 5);
	part[0] = f7, part[1] = AWAY(m, X78_REST), part[2] = CSUM(m, 7), part[3] = CSUM(m, 8);
	add_count_balance(r, AWAY(m, T78), part, 4, k);
	/* S = 6, 7, 8: R6 + R7 + R8 + in(6, 7, 8) + 7->6 + 8->6 = 7 + rest + C6 + C7 + C8 */
	for (j = 6; j <= 8; j++) {
		o[j - 6] = inflow(r, k, m, j, "678", O678_6 + j - 6);
		part[0] = FLOW(m, 6, j), part[1] = FLOW(m, 7, j), part[2] = FLOW(m, 8, j);
		part[3] = o[j - 6];
		add_count_balance(r, CSUM(m, j), part, 4, k);
	}
	part[0] = AWAY(m, X78_REST), part[1] = AWAY(m, X6_REST);
	rest = vsum(r, k, m, REST678, part, 2);
	part[0] = FLOW(m, 6, ANDEN), part[1] = AWAY(m, X78);
	b = vsum(r, k, m, B678_A, part, 2);
	part[0] = rest, part[1] = AWAY(m, X78_6), part[2] = AWAY(m, X78_LOW);
	part[3] = AWAY(m, X6_LOW);
	add_count_balance(r, b, part, 4, k);
	part[0] = b, part[1] = inflow(r, k, m, ANDEN, "678", O678_A);
	add_count_balance(r, CSUM(m, ANDEN), part, 2, k);
	part[0] = RSUM(m, 6), part[1] = RSUM(m, 7), part[2] = RSUM(m, 8);
	part[3] = o[0], part[4] = o[1], part[5] = o[2];
	part[6] = FLOW(m, 7, 6), part[7] = FLOW(m, 8, 6);
	vsum(r, k, m, T678, part, 8);
	part[0] = f7, part[1] = rest, part[2] = CSUM(m, 6), part[3] = CSUM(m, 7);
	part[4] = CSUM(m, 8);
	add_count_balance(r, AWAY(m, T678), part, 5, k);
	/* each against the total: the rows and columns not S */
	o[0] = AWAY(m, X78_6), o[1] = AWAY(m, X78_LOW), o[2] = AWAY(m, O78_A);
	part[0] = AWAY(m, O78_7), part[1] = AWAY(m, O78_8), part[2] = f73;
	complement(r, k, m, d, "78", "78A", &f7, 1, part, 3, o, 3, Q78, A78);
	o[0] = AWAY(m, X78_6), o[1] = AWAY(m, X78_LOW), o[2] = AWAY(m, X6_LOW);
	o[3] = AWAY(m, O678_A);
	/* what came into column 6 but 6 -> 6 as one cell: column 6 less a flow <N */
	part[0] = AWAY(m, O678_6), part[1] = FLOW(m, 7, 6), part[2] = FLOW(m, 8, 6);
	vsum(r, k, m, K6, part, 3);
	part[0] = FLOW(m, 6, 6), part[1] = AWAY(m, K6);
	add_count_balance(r, CSUM(m, 6), part, 2, k);
	/*
	 * and the balance of 6-8 with column 6 as 6 -> 6 and K6, which is on
	 * both sides: R6 + R7 + R8 + in(7, 8) = 7 + rest + 6 -> 6 + C7 + C8.
	 * The balance above had what came into column 6 as three cells, each
	 * bounded by itself, where K6 holds them as one. Once audit() hid
	 * fewer cells, an integer program found 253's 7 <5 known not 0 on the
	 * national preset seed 3 at 2020-12-31 (so on 253's rows of that
	 * half-year alone before): rows 6-8 25 + 27 + 24, column 6 24 with
	 * 6 -> 6 18, columns 7 and 8 27 + 24, "Anden kommune" 6, so
	 * 7 >= 76 - 18 - 51 - 6 = 1. For the audit only.
	 */
	part[0] = RSUM(m, 6), part[1] = RSUM(m, 7), part[2] = RSUM(m, 8);
	part[3] = AWAY(m, O678_7), part[4] = AWAY(m, O678_8);
	vsum(r, k, m, Z678, part, 5);
	part[0] = f7, part[1] = rest, part[2] = FLOW(m, 6, 6), part[3] = CSUM(m, 7);
	part[4] = CSUM(m, 8);
	add_count_balance(r, AWAY(m, Z678), part, 5, k);
	part[0] = AWAY(m, O678_7), part[1] = AWAY(m, O678_8), part[2] = AWAY(m, K6);
	complement(r, k, m, d, "678", "678A", &f7, 1, part, 3, o, 4, Q678, A678);
}

/*
 * The balance of the bottom of the stair, steps 0 and 2 (columns 0 and 2
 * together), over the half-year to t: all who are on 0 or 2 at t came
 * from some row, and figures 8-10 count rows 5 and 2's parts: 5 -> {2, 0}
 * is 8 less 5 -> ude and the persons of 5 now on 0 or 2 elsewhere
 * (X5_DOWN); 2 -> {2, 0} is row 2 less 9, 10 and the persons of 2 now on
 * 2 elsewhere (X2_REST), with 2 -> 0 back (9 counts it). So
 *   R2 + 8 + 0->0 + 0->2 + 2->0 + the flows into 0 and 2 from the rows
 *   but 0, 2, 5 = 9 + 10 + X2_REST + X5_DOWN + 5->ude + C0 + C2,
 * and X2_REST + X5_DOWN (Y02) is a part of "Anden kommune". The audit
 * bounds each column's inflow from rows 2 and 5 by that column alone and
 * X2_REST, X5_DOWN each by their row's "Anden kommune"; a reader bounds
 * them together. An integer program found 10 <5 known not 0 of 316 on the
 * national preset seed 2 at 2023-12-31: columns 0 and 2 111 persons, 0->0
 * 54, ude -> 0 and ude -> 2 .. (5 or more each), R2 49, 8 = 23, 9 = 6,
 * 5 -> ude 14, "Anden kommune" <5 in all, so 10 >= 136 - 135 = 1. One
 * sum (T02, never shown) as balance() builds its own; for the audit only.
 */
static void
balance_low(struct report *r, int k, struct mat *m, int d)
{
	static const int ids[3] = { 800, 900, 1000 };
	struct cell *part[NST * 2 + 8], *fig[3], *oth[NST + 4], *in[NST * 2 + 4];
	int e, f, i, n, noth, nin;

	for (e = 0; e < 3; e++)
		if ((f = catalog_index(ids[e])) < 0 || !(fig[e] = AT(k, d, f))->has)
			return;
	part[0] = AWAY(m, X2_REST), part[1] = AWAY(m, X5_DOWN);
	vsum(r, k, m, Y02, part, 2);
	for (i = n = 0; i < ANDEN; i++)	/* "Anden kommune": Y02 and the rest */
		if (i == 2) {
			part[n++] = AWAY(m, X2_0), part[n++] = AWAY(m, X2_UP);
		} else if (i == 5) {
			part[n++] = AWAY(m, X5_REST);
		} else if (FLOW(m, i, ANDEN)->has)
			part[n++] = FLOW(m, i, ANDEN);
	for (i = 0; i < n; i++)
		oth[i] = part[i];
	noth = n;
	part[n++] = AWAY(m, Y02);
	add_count_balance(r, CSUM(m, ANDEN), part, n, k);
	n = 0;
	part[n++] = RSUM(m, 2), part[n++] = fig[0], part[n++] = FLOW(m, 2, 0);
	for (i = 0; i < NST; i++)
		if (i != 2 && i != 5)
			for (e = 0; e <= 2; e += 2)
				if (FLOW(m, i, e)->has)
					part[n++] = FLOW(m, i, e);
	vsum(r, k, m, T02, part, n);
	part[0] = fig[1], part[1] = fig[2], part[2] = AWAY(m, Y02), part[3] = FLOW(m, 5, UDE);
	part[4] = CSUM(m, 0), part[5] = CSUM(m, 2);
	add_count_balance(r, AWAY(m, T02), part, 6, k);
	/* against the total: 9 + 10 + 5->ude + the rows but 2 = 8 + 2->0 + in + A + C3..8, ude */
	part[0] = fig[1], part[1] = fig[2], part[2] = FLOW(m, 5, UDE);
	in[0] = fig[0], in[1] = FLOW(m, 2, 0);
	for (i = 0, nin = 2; i < NST; i++)
		if (i != 2 && i != 5)
			for (e = 0; e <= 2; e += 2)
				if (FLOW(m, i, e)->has)
					in[nin++] = FLOW(m, i, e);
	complement(r, k, m, d, "2", "02A", part, 3, in, nin, oth, noth, Q02, A02);
}

/*
 * Figure 7 against the columns below step 6: each flow down from rows
 * 6-8 is in 7 (7.2 and 7.3 count them), so a column's flows from those
 * rows together (G, never shown) are at most 7, where the audit bounded
 * each flow by itself. An integer program found 7, 9 and four flows into
 * "Ikke i målgruppen" <5 known not 0 of 259 on the long bench shape at
 * 2023-12-31: that column 18 of flows <5 each, 8, 7, 6 -> it at most 7
 * (<5), 4 -> it at most 1 (row 4 6, 4 -> 4 ..), so 0, 2, 3 and 5 -> it,
 * at most 4 each, are 1 or more. The column's sum with G, and 7 as its
 * parts with G; for the audit only.
 * So too rows 7-8 into each such column (H, never shown: G is 6 -> it and
 * H) and 7.2 as its parts with H: an integer program found 851's 7.2 <5
 * known not 0 on synth -S national -K churn=4,contacts=1 -s 7 at
 * 2021-06-30: "Ikke i målgruppen" 82 less 5, 3 and 0 -> it (35, 9, 14)
 * leaves 24 for 8, 7, 6, 4 and 2 -> it; 2 -> it is at most 9 (15), 6 and
 * 4 -> it <5 each, so 8 and 7 -> it, in 7.2, are 1 or more (24 - 15 - 4 -
 * 4); the audit had 6, 7 and 8 -> it as one cell (G), not 7 and 8.
 */
static void
down(struct report *r, int k, struct mat *m, int d)
{
	static const int col[] = { 0, 2, 3, 4, 5, UDE };
	struct cell *part[NST + 8], *f7, *f72 = NULL;
	int f, i, j, n, x;

	if ((f = catalog_index(700)) < 0 || !(f7 = AT(k, d, f))->has)
		return;
	if ((f = catalog_index(702)) >= 0 && AT(k, d, f)->has)
		f72 = AT(k, d, f);
	for (x = 0; x < 6; x++) {
		j = col[x];
		part[0] = FLOW(m, 7, j), part[1] = FLOW(m, 8, j);
		vsum(r, k, m, H0 + x, part, 2);
		part[0] = FLOW(m, 6, j), part[1] = FLOW(m, 7, j), part[2] = FLOW(m, 8, j);
		vsum(r, k, m, G0 + x, part, 3);
		part[0] = FLOW(m, 6, j), part[1] = AWAY(m, H0 + x);
		add_count_balance(r, AWAY(m, G0 + x), part, 2, k);
		for (i = n = 0; i < NST; i++)
			if (i < 6 || i > 8 ? FLOW(m, i, j)->has : 0)
				part[n++] = FLOW(m, i, j);
		part[n++] = AWAY(m, G0 + x);
		add_count_balance(r, CSUM(m, j), part, n, k);
	}
	for (x = n = 0; x < 6; x++)
		part[n++] = AWAY(m, G0 + x);
	part[n++] = FLOW(m, 7, 6), part[n++] = FLOW(m, 8, 6), part[n++] = AWAY(m, X78_6);
	part[n++] = AWAY(m, X78_LOW), part[n++] = AWAY(m, X6_LOW);
	add_count_balance(r, f7, part, n, k);
	if (f72) {
		for (x = n = 0; x < 6; x++)
			part[n++] = AWAY(m, H0 + x);
		part[n++] = AWAY(m, X78_LOW);
		add_count_balance(r, f72, part, n, k);
	}
}

/*
 * Figures 7-10 at t (date index d) against the matrix of the half-year to
 * t: SPEC 3 counts them in the municipality at t-1, by the step at t
 * wherever the person is then, and the matrix shows the flows to another
 * municipality as one column, whatever the step there. So each figure is
 * its flows inside plus a part of that column no reader sees (AWAY, a
 * cell never shown), and a row's parts add up to its "Anden kommune":
 * 7.1 = 8->6 + 7->6 + the persons of 8 and 7 now on 6 elsewhere. Before
 * the audit had these, an integer program on the matrix, the levels and
 * figures 7-10 pinned 56 hidden cells of the national preset (851 at
 * 2019-12-31: 7 = 25 and 7.2 = 15 shown, two .. flows down from step 6,
 * so 7.3 = 10 and 7.1 = 0).
 */
static void
moves_sums(struct report *r, int k, struct mat *m, int d)
{
	static const struct {
		int id;
		const char *from, *to;
		int x;
	} fig[] = {
		{ 701, "87", "6", X78_6 }, { 702, "87", "02345U", X78_LOW },
		{ 703, "6", "02345U", X6_LOW }, { 800, "5", "20U", X5_DOWN },
		{ 900, "2", "0U", X2_0 }, { 1000, "2", "345678", X2_UP },
	};
	struct cell *part[3];
	size_t i;
	int f;

	part[0] = FLOW(m, 7, ANDEN), part[1] = FLOW(m, 8, ANDEN);
	add_count_sum(r, AWAY(m, X78), part, 2, k);
	part[0] = AWAY(m, X78_6), part[1] = AWAY(m, X78_LOW), part[2] = AWAY(m, X78_REST);
	add_count_sum(r, AWAY(m, X78), part, 3, k);
	part[0] = AWAY(m, X6_LOW), part[1] = AWAY(m, X6_REST);
	add_count_sum(r, FLOW(m, 6, ANDEN), part, 2, k);
	part[0] = AWAY(m, X5_DOWN), part[1] = AWAY(m, X5_REST);
	add_count_sum(r, FLOW(m, 5, ANDEN), part, 2, k);
	part[0] = AWAY(m, X2_0), part[1] = AWAY(m, X2_UP), part[2] = AWAY(m, X2_REST);
	add_count_sum(r, FLOW(m, 2, ANDEN), part, 3, k);
	for (i = 0; i < sizeof fig / sizeof fig[0]; i++)	/* a figure read (or filled) */
		if ((f = catalog_index(fig[i].id)) >= 0 && AT(k, d, f)->has)
			moves_sum(r, k, AT(k, d, f), m, fig[i].from, fig[i].to, AWAY(m, fig[i].x));
	moves_rows(r, k, m, d);
	balance(r, k, m, d);
	balance_low(r, k, m, d);
	down(r, k, m, d);
}

/*
 * N of figures 11 and 12 at date d (one number) is the persons on the
 * stair then (SPEC 3.1: everyone in the snapshot, steps 0-8), less those
 * with no week left in DREAM: stair cell lv (LVR or LVC) = N (cell n, the
 * N as a count) + the rest (cell w), both never shown. A reader who
 * subtracted the levels shown from N knew <5 levels not to be 0, and
 * often to be 3 or 4 (review AJ, AJ1: 851's four <5 at 2021-06-30 added
 * up to 15 at least, N 60 less 45 shown). Not where the stair holds step
 * 1 (no matrices then) or N is over it (not the same persons).
 */
static void
dream_n(struct report *r, int k, struct mat *m, int d, int side)
{
	int f = catalog_index(1200), f11 = catalog_index(1100), f5 = catalog_index(500), i, n;
	int lv = side ? LVC : LVR, nc = side ? NC : NR, rest = side ? WC : WR;
	struct cell *c, *part[NST];

	if (d < 0 || f < 0 || !(c = AT(k, d, f))->has || c->n > AWAY(m, lv)->t)
		return;
	AWAY(m, nc)->t = AWAY(m, nc)->n = c->n;
	AWAY(m, rest)->t = AWAY(m, lv)->t - c->n;
	part[0] = AWAY(m, nc), part[1] = AWAY(m, rest);
	add_count_balance(r, AWAY(m, lv), part, 2, k);
	add_weight_balance(r, AWAY(m, nc), c, f, k);
	if (f11 >= 0 && AT(k, d, f11)->has && AT(k, d, f11)->n == c->n)
		add_weight_balance(r, AWAY(m, nc), AT(k, d, f11), f11, k);
	/* the stair as its levels, and with steps 3 and 4 as figure 5 */
	for (i = n = 0; i <= 8; i++)
		if (i != 1)
			part[n++] = side ? CSUM(m, i) : RSUM(m, i);
	add_count_balance(r, AWAY(m, lv), part, n, k);
	if (f5 >= 0 && AT(k, d, f5)->has) {
		for (i = n = 0; i <= 8; i++)
			if (i != 1 && i != 3 && i != 4)
				part[n++] = side ? CSUM(m, i) : RSUM(m, i);
		part[n++] = AT(k, d, f5);
		add_count_balance(r, AWAY(m, lv), part, n, k);
	}
}

/* The matrix of k's half-year after p's, chained to it; NULL if none. */
static struct mat *
chained(int k, int p)
{
	return p + 1 < np && pdate[p + 1] == cut_next(pdate[p]) && MAT(k, p + 1)->has ?
	    MAT(k, p + 1) : NULL;
}

/*
 * The persons on the stair (steps 0, 2-8) at a cut date as one cell never
 * shown: the total of the half-year to t is that cell at t (LVC) and the
 * columns "Anden kommune" and "Ikke i målgruppen", the total of the next
 * half-year is the same cell (its LVR) and its rows "Anden kommune" and
 * "Ikke i målgruppen" (the row sums 0-8 of one half-year are the column
 * sums 0-8 of the one before: the same persons, a level each). The audit
 * bounded each matrix's total by itself, and each level as a column sum
 * of one half-year and a row sum of the next, where a reader carries the
 * sum of two hidden levels from one half-year to the next: an integer
 * program pinned 101's figure 2 (..) at 2023-12-31 to 375 on the national
 * preset seed 3. In the half-year to 2023-06-30 every row sum and every
 * column sum but 8 and 7 is shown, so levels 8 + 7 at 2023-06-30 = 5868 -
 * 4762 = 1106; in the next, rows 8 and 7 are those levels and every other
 * row and column sum but 7 is shown: column 7 = 1106 + 4818 - 5549 = 375.
 * Where these sums expose a cell, the audit hides "Anden kommune" or
 * "Ikke i målgruppen" (no level). For the audit only.
 */
static void
stair(struct report *r, int k, int p)
{
	struct mat *m = MAT(k, p), *next;
	struct cell *part[3];
	int side;

	for (side = 0; side < 2; side++) {
		part[0] = AWAY(m, side ? LVC : LVR);
		part[1] = side ? CSUM(m, ANDEN) : RSUM(m, ANDEN);
		part[2] = side ? CSUM(m, UDE) : RSUM(m, UDE);
		add_count_balance(r, GRAND(m), part, 3, k);
	}
	if ((next = chained(k, p))) {
		part[0] = AWAY(next, LVR);
		add_count_balance(r, AWAY(m, LVC), part, 1, k);
	}
	dream_n(r, k, m, date_index(r, pdate[p]), 1);
	if (p == 0 || !MAT(k, p - 1)->has || !chained(k, p - 1))
		dream_n(r, k, m, date_index(r, cut_prev(pdate[p])), 0);
}

/*
 * Every sum a reader sees in the matrix of municipality k, half-year p,
 * and between it and the next half-year and the key figures (see the top).
 */
static void
matrix_sums(struct report *r, int k, int p)
{
	static const int fig_of[NST] = { 0, 0, 600, 500, 500, 400, 300, 200, 100 };
	struct mat *m = MAT(k, p), *next;
	struct cell *part[NST];
	int i, j, n, d[2], e, f;

	for (i = 0; i < NST; i++) {
		if (i == 1)
			continue;
		for (j = n = 0; j < NST; j++)
			if (FLOW(m, i, j)->has)
				part[n++] = FLOW(m, i, j);
		add_count_sum(r, RSUM(m, i), part, n, k);
		for (j = n = 0; j < NST; j++)
			if (FLOW(m, j, i)->has)
				part[n++] = FLOW(m, j, i);
		add_count_sum(r, CSUM(m, i), part, n, k);
	}
	for (i = n = 0; i < NST; i++)
		if (RSUM(m, i)->has)
			part[n++] = RSUM(m, i);
	add_count_sum(r, GRAND(m), part, n, k);
	for (i = n = 0; i < NST; i++)
		if (CSUM(m, i)->has)
			part[n++] = CSUM(m, i);
	add_count_sum(r, GRAND(m), part, n, k);
	/* the persons on a step at t: the row sum of the next half-year */
	if ((next = chained(k, p)))
		for (i = 0; i <= 8; i++)
			if (i != 1) {
				part[0] = RSUM(next, i);
				add_count_sum(r, CSUM(m, i), part, 1, k);
			}
	/* and key figures 1-6 at t (the column sums) and t-1 (the row sums) */
	d[0] = date_index(r, cut_prev(pdate[p])), d[1] = date_index(r, pdate[p]);
	for (e = 0; e < 2; e++)
		for (i = 2; d[e] >= 0 && i <= 8; i++) {
			if ((f = catalog_index(fig_of[i])) < 0 || i == 4)
				continue;
			n = 0;
			part[n++] = e ? CSUM(m, i) : RSUM(m, i);
			if (i == 3)	/* figure 5: steps 3 and 4 */
				part[n++] = e ? CSUM(m, 4) : RSUM(m, 4);
			add_count_sum(r, AT(k, d[e], f), part, n, k);
		}
	/*
	 * The total again with steps 3 and 4 as figure 5: with both their sums
	 * hidden (..) but figure 5 shown, the total and the other sums pin a
	 * hidden sum that neither relation alone pins (an LP attacker found
	 * "Anden kommune" into 101 = 187 - 165 - 19 = 3).
	 */
	for (e = 0; e < 2 && (f = catalog_index(500)) >= 0; e++) {
		if (d[e] < 0)
			continue;
		for (i = n = 0; i < NST; i++)
			if (i != 3 && i != 4 && (e ? CSUM(m, i) : RSUM(m, i))->has)
				part[n++] = e ? CSUM(m, i) : RSUM(m, i);
		part[n++] = AT(k, d[e], f);
		add_count_sum(r, GRAND(m), part, n, k);
	}
	stair(r, k, p);
	if (d[1] >= 0)
		moves_sums(r, k, m, d[1]);
}

/*
 * Each move between municipalities is a flow into one matrix's column
 * "Anden kommune" and out of another's row "Anden kommune", so per
 * half-year the columns' sums over all municipalities are the rows' (the
 * movers: review r4, 2026-12-06; no table shows their number). A reader
 * can add them up: two balances of one cell never shown.
 */
static void
movers_sums(struct report *r, int p)
{
	struct cell *movers = r->fcells + (size_t)r->nkom * (size_t)np * NCELL + p, **part;
	int k, e;

	movers->has = movers->hidden = movers->virt = 1;
	movers->small = SMALL_COUNT;
	part = emalloc(sizeof *part * (size_t)r->nkom);
	for (e = 0; e < 2; e++) {
		for (k = 0, movers->t = 0; k < r->nkom; k++) {
			part[k] = e ? CSUM(MAT(k, p), ANDEN) : RSUM(MAT(k, p), ANDEN);
			movers->t += part[k]->t;
		}
		add_count_balance(r, movers, part, r->nkom, -1);
	}
	free(part);
}

/* The matrices of another model (or run) forgotten. */
static void
flows_forget(void)
{
	free(mats);
	mats = NULL;
	np = 0;
}

/*
 * Step 2 (§ 82, figure 6) has no value before figure 6's first valid date
 * (SPEC 2): in the half-years from a cut date before it, its flows and row
 * sum are i.t., and its column sum too where t is before it; the start of
 * § 82's reporting is no flood of entries (review E, E2: 413 from outside
 * into step 2 in the half-year to 2020-12-31). So are the sums of entries
 * and exits (ude, anden: no level) of those half-years, or 743 - 330 shown
 * gave the 413 back (review I, I1); every one of them, whatever it holds:
 * i.t. only where a flow to or from step 2 was above 0 told that figure
 * 6's <5 at its first date was not 0 (review Q, Q1: 47 municipalities of
 * synth small). Not the flows from steps 3-8 into step 2 in the half-year
 * to figure 6's first date: a person's step at t-1 is the highest, so an
 * unreported § 82 then changes none of them, and figure 8 and the row sums
 * published them (review U, U2).
 */
static void
mark_late(struct report *r, struct mat *m, int t)
{
	int f = catalog_index(600), i;

	if (f < 0 || cut_prev(t) >= r->figs[f].first)
		return;
	for (i = 0; i < NST; i++) {
		FLOW(m, 2, i)->late = 1;
		FLOW(m, i, 2)->late = t < r->figs[f].first || i < 3 || i > 8;
	}
	RSUM(m, 2)->late = 1;
	CSUM(m, 2)->late = t < r->figs[f].first;
	for (i = ANDEN; i <= UDE; i++)
		RSUM(m, i)->late = CSUM(m, i)->late = 1;
}

/*
 * Each matrix's row sums at t-1 and column sums at t are figures 1-6 of
 * the municipality where it has them: flows of other data made every
 * level contradict its sums, and the audit hid them all, exit 0 (review
 * E, E8).
 */
static void
check_levels(struct report *r, const char *path)
{
	static const int steps[7][2] = { { 0 }, { 8, 8 }, { 7, 7 }, { 6, 6 }, { 5, 5 },
	    { 3, 4 }, { 2, 2 } };	/* figure f: steps from, to */
	const struct cell *c;
	int k, p, f, fi, d, side, n, s, day;
	char at[11];

	for (k = 0; k < r->nkom; k++)
		for (p = 0; p < np; p++)
			for (f = 1; f <= 6; f++)
				for (side = 0; side < 2; side++) {	/* t-1's rows, t's columns */
					day = side ? pdate[p] : cut_prev(pdate[p]);
					if ((fi = catalog_index(f * 100)) < 0 ||
					    (d = date_index(r, day)) < 0 || day < r->figs[fi].first ||
					    !(c = AT(area(r, k, KOM), d, fi))->has)
						continue;
					for (n = 0, s = steps[f][0]; s <= steps[f][1]; s++)
						n += side ? MAT(k, p)->cs[s] : MAT(k, p)->rs[s];
					if (n == c->t)
						continue;
					date_fmt(day, at);
					die("-F %s: %d persons on figure %d's steps in %s at %s, where "
					    "the figures say %.0f: flows of other data", path, n, f,
					    r->kom[k].name, at, c->t);
				}
}

void
flows_load(struct report *r, const char *path)
{
	tsv *t = tsv_open(path, 0);
	struct frow *rows = NULL;
	size_t nrows = 0, i;
	int p, k, step1 = 0;

	flows_forget();
	read_flow_rows(t, &rows, &nrows, &step1);
	tsv_close(t);
	/*
	 * Step 1 (civil society: a stair table may map a code to it) has no
	 * row in the matrix, nor in its balances: the rows and columns shown
	 * would not add up (6 persons from step 1 to 5 in column 5's sum, in
	 * no row: review Q, Q3), and the audit would take sums that do not
	 * hold for true. The matrices are left out, as without -F.
	 */
	if (step1) {
		warn("warning: step 1 (civil society) is in the flows (%s): the stair table maps "
		    "a code to it, and the matrix has no row for it, so its sums would not add "
		    "up; the flow matrices are left out of the report", path);
		free(rows);
		return;
	}
	for (i = 0; i < nrows; i++)
		if (flows_date_index(pdate, &np, MAXP, rows[i].t) < 0)
			die("%s: more than %d half-years of flows", path, MAXP);
	mats = ecalloc((size_t)r->nkom * (size_t)np + 1, sizeof *mats);
	for (i = 0; i < nrows; i++) {
		struct mat *m = MAT(r->kom_at[rows[i].k] - 1, flows_date_index(pdate, &np, MAXP,
		    rows[i].t));

		m->n[rows[i].fra][rows[i].til] += rows[i].n;
		if (rows[i].til == ANDEN)
			m->away[rows[i].fra][rows[i].there] += rows[i].n;
		m->rs[rows[i].fra] += rows[i].n;
		m->cs[rows[i].til] += rows[i].n;
	}
	free(rows);
	check_levels(r, path);
	/*
	 * Every municipality has every half-year's matrix, all 0 where flows
	 * wrote no row: a missing one would tell that nobody was on its stair,
	 * so its levels 1-6 (shown <5) were 0.
	 */
	r->nfcells = (size_t)r->nkom * (size_t)np * NCELL + (size_t)np;	/* MOVERS too */
	r->fcells = ecalloc(r->nfcells + 1, sizeof *r->fcells);
	for (k = 0; k < r->nkom; k++)
		for (p = 0; p < np; p++) {
			MAT(k, p)->has = 1;
			MAT(k, p)->c = r->fcells + ((size_t)k * (size_t)np + (size_t)p) * NCELL;
			matrix_cells(r, MAT(k, p));
		}
	for (k = 0; k < r->nkom; k++)
		for (p = 0; p < np; p++)
			mark_late(r, MAT(k, p), pdate[p]);
	for (k = 0; r->threshold > 0 && k < r->nkom; k++)
		for (p = 0; p < np; p++)
			if (MAT(k, p)->has)
				matrix_sums(r, k, p);
	for (p = 0; r->threshold > 0 && p < np; p++)
		movers_sums(r, p);
}

/* One count of the matrix as text: the number, <N (a sum), .. or - (virt). */
static const char *
count_text(const struct report *r, const struct cell *c, char buf[32])
{
	if (c->late)
		return "i.t.";
	if (c->hidden && c->virt)
		return "-";
	if (c->hidden)
		return c->primary && !c->blind ? (snprintf(buf, 32, "<%ld", r->threshold), buf) :
		    "..";
	snprintf(buf, 32, "%.0f", c->t);
	return buf;
}

/* A row or column of the matrix as the table names it: a step, anden, ude, or sum (-1). */
static const char *const st_code[NST] = { "0", "1", "2", "3", "4", "5", "6", "7", "8",
	"anden", "ude" };

static int
code_state(const char *s)
{
	int i;

	for (i = 0; i < NST; i++)
		if (i != 1 && strcmp(s, st_code[i]) == 0)
			return i;
	return strcmp(s, "sum") == 0 ? -1 : -2;
}

/* The cell of matrix m at row i, column j (-1: the sum); NULL: none shown there. */
static struct cell *
matrix_cell(struct mat *m, int i, int j)
{
	if (!m->has || (i < 0 && j < 0) || (i >= 0 && j >= 0 && structural(i, j)))
		return NULL;
	return i < 0 ? CSUM(m, j) : j < 0 ? RSUM(m, i) : FLOW(m, i, j);
}

/*
 * -M: municipality k's matrices as shown (k < 0: the header), KOMMUNE
 * DATO FRA TIL VIST: DATO t of the half-year, FRA and TIL a step (0,
 * 2-8), anden, ude or sum (the row's or column's), VIST the number, <N,
 * .. or -.
 */
void
flows_tsv(struct report *r, FILE *out, int k)
{
	const struct cell *c;
	char buf[32], day[11];
	int p, x, y, i, j;

	if (k < 0)
		fputs("KOMMUNE\tDATO\tFRA\tTIL\tVIST\n", out);
	for (p = 0; mats && k >= 0 && p < np; p++) {
		date_fmt(pdate[p], day);
		for (x = 0; x <= NSHOW; x++)	/* as the page: the sums last */
			for (y = 0; y <= NSHOW; y++) {
				i = x < NSHOW ? order[x] : -1, j = y < NSHOW ? order[y] : -1;
				if ((c = matrix_cell(MAT(k, p), i, j)) != NULL)
					fprintf(out, "%03d\t%s\t%s\t%s\t%s\n", r->kom[k].code, day,
					    i < 0 ? "sum" : st_code[i], j < 0 ? "sum" : st_code[j],
					    count_text(r, c, buf));
			}
	}
}

/*
 * -J: a matrix cell an earlier -M wrote (k, day, FRA, TIL, its text): NULL
 * where this report has none; *same when it would show the same text.
 */
struct cell *
flows_known(struct report *r, int k, int day, const char *fra, const char *til,
    const char *text, int *same)
{
	struct cell *c;
	int i = code_state(fra), j = code_state(til), hidden, p;
	char buf[32];

	for (p = 0; mats && p < np && pdate[p] != day; p++)
		;
	if (!mats || p == np || i < -1 || j < -1 ||
	    (c = matrix_cell(MAT(k, p), i, j)) == NULL || c->late)	/* i.t. tells nothing */
		return NULL;
	hidden = c->hidden;
	c->hidden = 0;	/* the number it would show */
	*same = strcmp(count_text(r, c, buf), text) == 0;
	c->hidden = hidden;
	return c;
}

/* ---- HTML ---- */

static int
any_flows(int k)
{
	int p;

	for (p = 0; mats && p < np; p++)
		if (MAT(k, p)->has)
			return 1;
	return 0;
}

void
flows_nav(struct report *r, FILE *out, int k)
{
	(void)r;
	if (any_flows(k))
		fputs("<a href=\"#flows\">Strømme</a>", out);
	if (forecast_any())
		fputs("<a href=\"#fremskrivning\">Fremskrivning</a>", out);
}

static int
shown(const struct mat *m, int i, int j)
{
	return !structural(i, j) && !FLOW(m, i, j)->hidden && !FLOW(m, i, j)->late &&
	    m->n[i][j] > 0;
}

/* Sankey band of h pixels from (x0, y0) to (x1, y1). */
static void
band(FILE *out, double x0, double y0, double x1, double y1, double h, const char *color)
{
	double xm = (x0 + x1) / 2;

	fprintf(out, "<path d=\"M%.1f %.1fC%.1f %.1f %.1f %.1f %.1f %.1fL%.1f %.1f"
	    "C%.1f %.1f %.1f %.1f %.1f %.1fZ\" fill=\"%s\" fill-opacity=\".45\">", x0, y0,
	    xm, y0, xm, y1, x1, y1, x1, y1 + h, xm, y1 + h, xm, y0 + h, x0, y0 + h, color);
}

/* Node positions of one side: y of each state, from the top. */
static void
place(const double sum[NST], double scale, double y[NST])
{
	double at = 14;
	int i;

	for (i = 0; i < NSHOW; i++)
		if (sum[order[i]] > 0) {
			y[order[i]] = at;
			at += sum[order[i]] * scale + 10;
		}
}

/*
 * The nodes of one side, each as high as its total (sum: the matrix's I alt
 * when shown, else its flows shown); the part no band drawn leaves (of
 * shown) light, titled: the flows under the threshold or hidden.
 */
static void
node_labels(FILE *out, const double sum[NST], const double shown_sum[NST], const double y[NST],
    double scale, double x, const char *anchor, double bx)
{
	int i, s;

	for (i = 0; i < NSHOW; i++) {
		if (sum[s = order[i]] <= 0)
			continue;
		fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"%.1f\" "
		    "fill=\"%s\"/><text x=\"%.1f\" y=\"%.1f\" style=\"text-anchor:%s\" "
		    "dominant-baseline=\"middle\">%s</text>\n", bx, y[s], sum[s] * scale,
		    st_color[s], x, y[s] + sum[s] * scale / 2, anchor, st_name[s]);
		if (sum[s] > shown_sum[s])
			fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"%.1f\" "
			    "fill=\"#fff\" fill-opacity=\".65\"><title>%s: strømme, der ikke "
			    "vises (små, skjulte eller i.t.)</title></rect>\n", bx,
			    y[s] + shown_sum[s] * scale, (sum[s] - shown_sum[s]) * scale, st_name[s]);
	}
}

/* A step's total on one side: the matrix's I alt (c) when shown, else its flows shown. */
static double
node_total(const struct cell *c, double shown_sum)
{
	return c->has && !c->hidden && !c->virt && !c->late && c->t > shown_sum ? c->t : shown_sum;
}

/*
 * The flows of one half-year as a Sankey diagram W units wide, the nodes at
 * XL and XR; whether there was any flow to draw (else a line says so).
 */
static int
sankey_svg(struct report *r, FILE *out, const struct mat *m, int W, int XL, int XR,
    const char *class)
{
	enum { H = 420 };
	double ls[NST] = { 0 }, rs[NST] = { 0 }, lt[NST], rt[NST], ly[NST], ry[NST],
	    lo[NST] = { 0 }, ro[NST] = { 0 }, tl = 0, tr = 0, scale, h;
	int i, j, a, b, nl = 0, nr = 0, any = 0;
	char num[48];

	for (i = 0; i < NST; i++)
		for (j = 0; j < NST; j++)
			if (shown(m, i, j)) {
				ls[i] += m->n[i][j], rs[j] += m->n[i][j];
				any = 1;
			}
	for (a = 0; a < NSHOW; a++) {	/* (the states drawn) */
		i = order[a];
		lt[i] = node_total(RSUM(m, i), ls[i]), rt[i] = node_total(CSUM(m, i), rs[i]);
		tl += lt[i], tr += rt[i];
		nl += lt[i] > 0, nr += rt[i] > 0;
	}
	if (!any) {	/* a line, not a blank box of the diagram's size; not "none of
			 * N or more": a flow may be hidden to protect others */
		if (r->threshold > 0)
			fprintf(out, "<p class=\"empty\">Ingen strømme kan vises (under %ld "
			    "personer, eller skjult for at beskytte andre små tal)</p>\n",
			    r->threshold);
		else
			fputs("<p class=\"empty\">Ingen strømme</p>\n", out);
		return 0;
	}
	fprintf(out, "<svg class=\"%s\" viewBox=\"0 0 %d %d\" role=\"img\" "
	    "aria-label=\"Strømme\">\n", class, W, H);
	scale = (H - 28 - 10.0 * ((nl > nr ? nl : nr) - 1)) / (tl > tr ? tl : tr);
	place(lt, scale, ly);
	place(rt, scale, ry);
	for (a = 0; a < NSHOW; a++)
		for (b = 0; b < NSHOW; b++) {
			i = order[a], j = order[b];
			if (!shown(m, i, j))
				continue;
			h = m->n[i][j] * scale;
			band(out, XL + 12, ly[i] + lo[i], XR, ry[j] + ro[j], h, st_color[i]);
			fprintf(out, "<title>%s → %s: %s</title></path>\n", st_name[i], st_name[j],
			    dk_num(m->n[i][j], 0, num));
			lo[i] += h, ro[j] += h;
		}
	node_labels(out, lt, ls, ly, scale, XL - 6, "end", XL);
	node_labels(out, rt, rs, ry, scale, XR + 18, "start", XR);
	fputs("</svg>\n", out);
	return 1;
}

/*
 * The flows of one half-year shown as a Sankey diagram; hidden flows left
 * out. Drawn twice: wide, and narrow for a phone (shown instead under 640
 * px: the wide one's labels would be 5 px there).
 */
static void
sankey(struct report *r, FILE *out, const struct mat *m)
{
	if (sankey_svg(r, out, m, 820, 180, 628, "w"))
		sankey_svg(r, out, m, 400, 140, 246, "n");
}

/* One count of the matrix: the number, <N (a sum), .. or - (not shown, virt). */
static void
count_cell(struct report *r, FILE *out, const struct cell *c, const char *tag)
{
	char num[48];

	if (c->late)
		fprintf(out, "<%s class=\"m\">i.t.</%s>", tag, tag);
	else if (c->virt)
		fprintf(out, "<%s class=\"m\" title=\"Trin 3 og 4 er hver under %ld, men "
		    "tilsammen (nøgletal 5) mindst %ld: vises ikke\">-</%s>", tag, r->threshold,
		    r->threshold, tag);
	else if (!c->hidden)
		fprintf(out, "<%s>%s</%s>", tag, dk_num(c->t, 0, num), tag);
	else if (c->primary && !c->blind)
		fprintf(out, "<%s class=\"h\">&lt;%ld</%s>", tag, r->threshold, tag);
	else
		fprintf(out, "<%s class=\"m\">..</%s>", tag, tag);
}

static void
matrix_table(struct report *r, FILE *out, const struct mat *m)
{
	int a, b, i, j;

	fputs("<div class=\"tw\"><table>\n<thead><tr><th class=\"l\">Fra \\ til</th>", out);
	for (b = 0; b < NSHOW; b++)
		fprintf(out, "<th>%s</th>", st_head[order[b]]);
	fputs("<th>I alt</th></tr></thead>\n", out);
	for (a = 0; a < NSHOW; a++) {
		i = order[a];
		fprintf(out, "<tr><th class=\"l\">%s</th>", st_name[i]);
		for (b = 0; b < NSHOW; b++) {
			j = order[b];
			if (structural(i, j))
				fputs("<td class=\"m\"></td>", out);
			else
				count_cell(r, out, FLOW(m, i, j), "td");
		}
		count_cell(r, out, RSUM(m, i), "td");
		fputs("</tr>\n", out);
	}
	fputs("<tr class=\"kommune\"><th class=\"l\">I alt</th>", out);
	for (b = 0; b < NSHOW; b++)
		count_cell(r, out, CSUM(m, order[b]), "td");
	fputs("<td></td></tr>\n</table></div>\n", out);
}

/* Under a Sankey diagram, as under the other charts: its source, its number; closed. */
static void
flows_source(struct report *r, FILE *out)
{
	int fi = catalog_index(100);	/* the stair's source */

	fputs("<p class=\"about src\">", out);
	if (fi >= 0 && r->figs[fi].source_text[0]) {
		fputs("Kilde: ", out);
		esc(out, r->figs[fi].source_text);
		fputs(". ", out);
	}
	fprintf(out, "<span class=\"fn\">(figur %d)</span></p>\n</figure>\n", r->chartno);
}

void
html_flows(struct report *r, FILE *out, int k)
{
	char a[16], b[16];
	int p, shown_p = 0, f6 = catalog_index(600);

	if (any_flows(k)) {
		/* not "Bevægelser på trappen": the theme of figures 7-10 has that title */
		fputs("<section id=\"flows\"><h2>Strømme på trappen</h2>\n<p class=\"info\">"
		    "Hvor kommunens borgere på trappen var et halvt år senere: fra trin (venstre) "
		    "til trin (højre), til og fra andre kommuner og ind i og ud af målgruppen.", out);
		if (r->threshold > 0)	/* at -n 0 the page's warning says nothing is hidden */
			fprintf(out, " Strømme under %ld personer er udeladt af diagrammet (den lyse "
			    "del af et trin). I tabellen er en strøm, der ikke vises, .. (under %ld, "
			    "eller skjult, så de små ikke kan regnes ud af summerne); en sum under %ld "
			    "er &lt;%ld og en skjult sum ..; - er trin 3 og 4, når de hver er under "
			    "%ld, men tilsammen (nøgletal 5) mindst %ld", r->threshold, r->threshold,
			    r->threshold, r->threshold, r->threshold, r->threshold);
		if (f6 >= 0)
			fprintf(out, "%s.t. er trin 2 (§ 82) før %s, som nøgletal 6, og i halvårene "
			    "til og med den dato også summerne af til- og afgange",
			    r->threshold > 0 ? "; i" : " I", dk_date(r->figs[f6].first, a));
		fputs(r->threshold > 0 || f6 >= 0 ? ".</p>\n" : "</p>\n", out);
		for (p = np - 1; p >= 0 && shown_p < 4; p--) {
			if (!MAT(k, p)->has)
				continue;
			shown_p++;
			/* a half-year, heading, diagram and matrix, on one printed page */
			fprintf(out, "<div class=\"fp\"><h3>Fra %s til %s</h3>\n<figure class=\"chart\">"
			    "<figcaption>Figur %d. Strømme på trappen, %s–%s<span class=\"u\">personer "
			    "i %s</span></figcaption>\n", dk_date(cut_prev(pdate[p]), a),
			    dk_date(pdate[p], b), ++r->chartno, a, b, r->kom[k].name);
			sankey(r, out, MAT(k, p));
			flows_source(r, out);
			matrix_table(r, out, MAT(k, p));
			fputs("</div>\n", out);
		}
		fputs("</section>\n", out);
	}
}

/* ---- XLSX ---- */

/* One count of the matrix: the number, or <N (a sum), .. or - in format mark. */
static void
xl_count(struct report *r, lxw_worksheet *ws, int row, int col, const struct cell *c,
    lxw_format *mark)
{
	char buf[32];

	if (!c->hidden && !c->late)
		worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, c->t, NULL);
	else
		worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, count_text(r, c, buf),
		    mark);
}

/* One period's matrix from row0 on; returns the next free row. */
static int
xl_matrix(struct report *r, lxw_worksheet *ws, lxw_format *bold, lxw_format *head,
    lxw_format *mark, const struct mat *m, int day, int row0)
{
	char a[16], b[16], buf[80];
	int x, y, i, j;

	snprintf(buf, sizeof buf, "Fra %s til %s", dk_date(cut_prev(day), a), dk_date(day, b));
	worksheet_write_string(ws, (lxw_row_t)row0, 0, buf, bold);
	worksheet_set_row(ws, (lxw_row_t)row0 + 1, 30, NULL);	/* the steps' names in two lines */
	worksheet_write_string(ws, (lxw_row_t)row0 + 1, 0, "Fra \\ til", head);
	for (y = 0; y < NSHOW; y++)
		worksheet_write_string(ws, (lxw_row_t)row0 + 1, (lxw_col_t)(y + 1),
		    st_name[order[y]], head);
	worksheet_write_string(ws, (lxw_row_t)row0 + 1, NSHOW + 1, "I alt", head);
	for (x = 0; x < NSHOW; x++) {
		i = order[x];
		worksheet_write_string(ws, (lxw_row_t)(row0 + 2 + x), 0, st_name[i], NULL);
		for (y = 0; y < NSHOW; y++)
			if (!structural(i, j = order[y]))
				xl_count(r, ws, row0 + 2 + x, y + 1, FLOW(m, i, j), mark);
		xl_count(r, ws, row0 + 2 + x, NSHOW + 1, RSUM(m, i), mark);
	}
	worksheet_write_string(ws, (lxw_row_t)(row0 + 2 + NSHOW), 0, "I alt", bold);
	for (y = 0; y < NSHOW; y++)
		xl_count(r, ws, row0 + 2 + NSHOW, y + 1, CSUM(m, order[y]), mark);
	return row0 + NSHOW + 4;
}

void
xlsx_flows(struct report *r, lxw_workbook *wb, lxw_format *bold, lxw_format *head, int k)
{
	static lxw_row_t brk[256];
	lxw_format *mark;	/* <N, .. and - right-aligned, as the numbers beside them */
	lxw_worksheet *ws;
	char title[160], marked[512];
	int p, row = 2, nb, nm;

	if (any_flows(k)) {
		mark = xl(workbook_add_format(wb));
		format_set_align(mark, LXW_ALIGN_RIGHT);
		if ((ws = workbook_add_worksheet(wb, "Strømme")) == NULL)
			die("cannot add the sheet Strømme");
		worksheet_set_column(ws, 0, 0, 24, NULL);
		worksheet_set_column(ws, 1, NSHOW + 1, 12, NULL);	/* "Trin 0 · andre / ydelser" */
		/*
		 * Printed A4 landscape, fit to the page width: 24 + 11 x 12
		 * characters, the states' names wrapped in two lines (head
		 * wraps), about 86 % (LibreOffice, with wider letters for
		 * Calibri's, 7-pt type; the columns were 20, the names on one
		 * line: 4.5 pt). The title row and the states kept in view; a
		 * manual break every 2 matrices (NSHOW + 5 rows of 15 pt each,
		 * a page about 37 rows at that scale) so none is split.
		 */
		worksheet_set_landscape(ws);
		worksheet_set_paper(ws, 9);
		worksheet_fit_to_pages(ws, 1, 0);
		worksheet_freeze_panes(ws, 1, 1);
		for (p = nm = 0; p < np; p++)
			nm += MAT(k, p)->has != 0;
		for (nb = 0; 2 * (nb + 1) < nm && nb < (int)(sizeof brk / sizeof *brk) - 1; nb++)
			brk[nb] = (lxw_row_t)(2 + 2 * (nb + 1) * (NSHOW + 4));
		brk[nb] = 0;
		if (nb > 0)
			worksheet_set_h_pagebreaks(ws, brk);
		worksheet_write_string(ws, 0, 0, xl_title(r, "Strømme på trappen: personer fra trin "
		    "til trin et halvt år senere; summerne er diskretioneret som i de andre ark.",
		    marked), bold);
		snprintf(title, sizeof title, "En strøm, der ikke vises, er .. (under %ld, eller "
		    "skjult, så de små ikke kan regnes ud af summerne).", r->threshold);
		if (r->threshold > 0)
			worksheet_write_string(ws, 1, 0, title, NULL);
		for (p = np - 1; p >= 0; p--)
			if (MAT(k, p)->has)
				row = xl_matrix(r, ws, bold, head, mark, MAT(k, p), pdate[p], row);
	}
}
