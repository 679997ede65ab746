/*
 * forecast: the stair's levels (key figures 1-6) 1 to H half-years ahead
 * per municipality, with an interval, from the flows; with -a, projected
 * expenditure per account group; with -b, a backtest against two naive
 * forecasts.
 * Reads KOMMUNE DATO FRA TIL ANTAL (flows); writes KOMMUNE DATO NOEGLETAL
 * TAELLER NEDRE OEVRE (backtest: NOEGLETAL HORISONT NIVEAU N MODEL UAENDRET
 * TREND).
 *
 * The model (README, "Flows and forecast"): a person on step s in a
 * municipality at t-1 is at t on step j there or has left it (ude or
 * another municipality), with shares p_s from the last k periods, pooled
 * towards the region's shares q_s: p_s = (n_s + m q_s) / (N_s + m).
 * Entries per step are a rate per person on the municipality's stair at
 * t-1, pooled the same way with the region's rate (its alone where nobody
 * was there at t-1), times its persons now.
 * Levels go forward as mu(h+1) = mu(h) P + lambda. The variance adds the
 * multinomial spread of the moves and the Poisson spread of entries (exact
 * for this chain) to the uncertainty of the estimated shares (Dirichlet,
 * p(1-p)/(N_s + m + 1)) and entry rates, carried forward to first order;
 * the interval is mean +- z sd, rounded outward to whole persons.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "fig.h"
#include "opts.h"
#include "tables.h"
#include "tsv.h"
#include "util.h"
#include "forecast/forecast.h"

#define SYNOPSIS "forecast [-hu] [-a figures] [-b holdout] [-c percent] [-k periods] " \
	"[-m weight] [-H horizon] [-r rejects] [-z level]"

/* The state every part shares (forecast/forecast.h). */
const unsigned fig_steps[NF] = { 1u << 8, 1u << 7, 1u << 6, 1u << 5, 1u << 3 | 1u << 4,
    1u << 2 };
int nkom, nregion, kcode[1000], kregion[1000], kidx[1000];
int base, nd, np;
double *tr, *in;
int first_p;
int kper = FORECAST_PERIODS, holdout, horizon = 4;
double weight = 2000, level = 80, zval;

static const struct prog prog = {
	SYNOPSIS,
	"a:b:c:hH:k:m:r:uz:",
	    "Reads flows (KOMMUNE DATO FRA TIL ANTAL) and writes key figures 1-6 for\n"
	    "the H cut dates after the last one, per municipality with persons at it:\n"
	    "KOMMUNE DATO NOEGLETAL TAELLER NEDRE OEVRE (TAELLER the expected count,\n"
	    "NEDRE-OEVRE the interval). Transition shares and entries come from the\n"
	    "last k periods (none with t before " FORECAST_FIRST_T "), pooled towards the\n"
	    "region with weight m (see README). One line of stderr names the periods.\n"
	    "\n"
	    "  -a figures  a figure stream with 20.1-20.6 (cost-shares): also writes\n"
	    "              20.x-enhedspris (kr. per person-year, last account year) and\n"
	    "              20.x-udgift (projected kr. for each year ending in the horizon)\n"
	    "  -b holdout  backtest: forecast the last holdout cut dates from each one\n"
	    "              before them and print the mean absolute percentage error\n"
	    "              beside no change and a linear trend of the last k+1 levels\n"
	    "  -c percent  the interval's level (default 80)\n"
	    "  -H horizon  half-years ahead, 1-8 (default 4)\n"
	    "  -k periods  periods the shares and entries come from (default "
	    STR(FORECAST_PERIODS) ")\n"
	    "  -m weight   weight of the region's shares and entry rate (default 2000)",
	RANGE_NONE,
	NULL,
	"a",		/* files read: no reject file replaces one */
};

/* 0-8, anden:0-8 (9-17) or ude (18); -1 if none of them. */
static int
parse_state(const char *s)
{
	if (s[0] >= '0' && s[0] <= '8' && s[1] == '\0')
		return s[0] - '0';
	if (strncmp(s, "anden:", 6) == 0 && s[6] >= '0' && s[6] <= '8' && s[7] == '\0')
		return 9 + s[6] - '0';
	return strcmp(s, "ude") == 0 ? 18 : -1;
}

/* The municipalities of the table, by code. */
static void
load_kommuner(void)
{
	const struct kommune *k = kommune_all(&nkom);
	int region[1000], i, r;

	memset(kidx, -1, sizeof kidx);
	for (i = 0; i < nkom; i++)
		kcode[i] = k[i].code;
	qsort(kcode, (size_t)nkom, sizeof *kcode, cmp_int);
	for (i = 0; i < nkom; i++) {
		kidx[kcode[i]] = i;
		for (r = 0; r < nregion && region[r] != kommune_get(kcode[i])->region; r++)
			;
		if (r == nregion)
			region[nregion++] = kommune_get(kcode[i])->region;
		kregion[i] = r;
	}
}

struct row {
	int k, t, fra, til;	/* t: the cut date in half-years */
	double n;
	long line;		/* for messages */
};

static struct row *rows;
static size_t nrows;

static void
take_row(tsv *t, int c_kom, int c_dato, int c_fra, int c_til, int c_antal)
{
	static size_t cap;
	char **f = t->f;
	int kom, day, fra, til;
	long n;

	if (!(kom = kommune_code(f[c_kom])))
		return reject(t, c_kom, "not a municipality code");
	if (!date_parse(f[c_dato], &day) || !is_cut(day))
		return reject(t, c_dato, "not a cut date (YYYY-06-30 or YYYY-12-31)");
	if ((fra = parse_state(f[c_fra])) < 0)
		return reject(t, c_fra, "not a state (0-8, anden:0-8, ude)");
	if ((til = parse_state(f[c_til])) < 0)
		return reject(t, c_til, "not a state (0-8, anden:0-8, ude)");
	if (fra >= NS && til >= NS)
		return reject(t, c_til, "FRA and TIL both outside the municipality");
	if (!parse_uint(f[c_antal], &n) && strspn(f[c_antal], "0123456789") > 18 &&
	    f[c_antal][strspn(f[c_antal], "0123456789")] == '\0')
		return reject(t, c_antal, "more persons than live in Denmark");	/* review E, E9 */
	if (!parse_uint(f[c_antal], &n) || n == 0)
		return reject(t, c_antal, "not a count above 0");
	if (n > MAXCOUNT)
		return reject(t, c_antal, "more persons than live in Denmark");
	if (nrows == cap) {
		cap = cap ? cap * 2 : 4096;
		rows = erealloc(rows, cap * sizeof *rows);
	}
	rows[nrows++] = (struct row){ kidx[kom], cut_half(day), fra, til, (double)n, t->line };
	acct_wrote(1);
}

static int
cmp_row(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->k != y->k)
		return x->k - y->k;
	if (x->t != y->t)
		return x->t - y->t;
	return x->fra != y->fra ? x->fra - y->fra : x->til - y->til;
}

/* A flow written twice would count twice: bad input. */
static void
check_unique(void)
{
	size_t i;
	char d[11];

	if (nrows > 0)
		qsort(rows, nrows, sizeof *rows, cmp_row);
	for (i = 1; i < nrows; i++)
		if (cmp_row(&rows[i - 1], &rows[i]) == 0) {
			date_fmt(half_cut(rows[i].t), d);
			die("<stdin>:%ld: a second row for KOMMUNE %03d, DATO %s, FRA and TIL "
			    "of line %ld", rows[i].line > rows[i - 1].line ? rows[i].line :
			    rows[i - 1].line, kcode[rows[i].k], d, rows[i].line > rows[i - 1].line ?
			    rows[i - 1].line : rows[i].line);
		}
}

/* Moves between municipalities in period p: out (FRA s TIL anden:j) and in (FRA anden:s TIL j). */
#define MOVE(p, into, s, j) moves[(((size_t)(p) * 2 + (into)) * NS + (s)) * NS + (j)]

/*
 * The flows must chain (README, flows): in each municipality the persons
 * on step s at an inner cut date are the rows TIL s of the period ending
 * there and the rows FRA s of the period starting there; and in each
 * period the moves out of municipalities (FRA s TIL anden:j) are the
 * moves into them (FRA anden:s TIL j). A dropped or edited row, a lost
 * municipality or cut date would otherwise give a forecast from levels
 * that its own shares contradict.
 */
static void
check_chain(const double *moves)
{
	double a, b;
	int k, p, s, j;
	char d[11];

	for (k = 0; k < nkom; k++)
		for (p = 1; p < np; p++)
			for (s = 0; s < NS; s++) {
				for (a = 0, j = 0; j < NS; j++)
					a += TR(k, p - 1, j, s);
				a += IN(k, p - 1, s);
				for (b = 0, j = 0; j < ND; j++)
					b += TR(k, p, s, j);
				if (a != b) {
					date_fmt(half_cut(base + p), d);
					die("<stdin>: the flows do not chain: KOMMUNE %03d has %.0f "
					    "persons on step %d at %s as TIL and %.0f as FRA", kcode[k],
					    a, s, d, b);
				}
			}
	for (p = 0; p < np; p++)
		for (s = 0; s < NS; s++)
			for (j = 0; j < NS; j++)
				if (MOVE(p, 0, s, j) != MOVE(p, 1, s, j)) {
					date_fmt(half_cut(base + p + 1), d);
					die("<stdin>: the flows do not chain: at %s, %.0f moves FRA %d "
					    "TIL anden:%d and %.0f FRA anden:%d TIL %d", d,
					    MOVE(p, 0, s, j), s, j,
					    MOVE(p, 1, s, j), s, j);
				}
}

/* The flows into tr and in, by municipality, period, step. */
static void
read_flows(const struct opts *o)
{
	tsv *t = tsv_open(NULL, 0);
	int c_kom = tsv_col(t, "KOMMUNE"), c_dato = tsv_col(t, "DATO");
	int c_fra = tsv_col(t, "FRA"), c_til = tsv_col(t, "TIL");
	int c_antal = tsv_col(t, "ANTAL"), lo = 0, hi = 0, ft;
	size_t i;
	double *cell, *moves;

	acct_open(t, o->rejects, o->level);
	while (tsv_row(t))
		take_row(t, c_kom, c_dato, c_fra, c_til, c_antal);
	tsv_close(t);
	check_unique();
	for (i = 0; i < nrows; i++) {
		if (i == 0 || rows[i].t < lo)
			lo = rows[i].t;
		if (i == 0 || rows[i].t > hi)
			hi = rows[i].t;
	}
	base = lo - 1;
	nd = nrows ? hi - base + 1 : 0;
	if (nd > MAXDATES)
		die("<stdin>: the flows span more than %d cut dates", MAXDATES);
	np = nd > 0 ? nd - 1 : 0;
	tr = ecalloc((size_t)nkom * np * NS * ND + 1, sizeof *tr);
	in = ecalloc((size_t)nkom * np * NS + 1, sizeof *in);
	moves = ecalloc((size_t)np * 2 * NS * NS + 1, sizeof *moves);	/* [p][out, in][s][j] */
	for (i = 0; i < nrows; i++) {
		struct row *r = &rows[i];
		int p = r->t - base - 1;

		if (r->fra >= NS)
			cell = &IN(r->k, p, r->til);
		else
			cell = &TR(r->k, p, r->fra, r->til < NS ? r->til : LEFT);
		*cell += r->n;
		if (r->fra < NS && r->til >= NS && r->til < 2 * NS)
			MOVE(p, 0, r->fra, r->til - NS) += r->n;
		else if (r->fra >= NS && r->fra < 2 * NS)
			MOVE(p, 1, r->fra - NS, r->til) += r->n;
	}
	check_chain(moves);
	free(moves);
	date_parse(FORECAST_FIRST_T, &ft);
	first_p = cut_half(ft) - base - 1;
	if (first_p < 0)
		first_p = 0;
}

/* z of the two-sided interval of level pct: Phi(z) = (1 + pct/100) / 2. */
static double
z_of(double pct)
{
	double lo = 0, hi = 10, mid, want = (1 + pct / 100) / 2;
	int i;

	for (i = 0; i < 200; i++) {
		mid = (lo + hi) / 2;
		if (0.5 * erfc(-mid / sqrt(2)) < want)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2;
}

/*
 * A count: 0.1 person precision, but exact where that would round to the
 * other whole person (4.48, written 4.5, was shown 5 by the report, which
 * shows whole persons: review AE, AE1).
 */
static void
put_num(gzw *w, double v)
{
	char b[32];
	double tenth = round(v * 10) / 10;

	fig_num((round(tenth) == round(v) ? tenth : v) + 0.0, b);	/* + 0.0: never -0 */
	gzw_puts(w, b);
}

/* The interval's bounds, outward to whole persons; 1e-9 absorbs rounding noise. */
double
lower(double v, double sd)
{
	return fmax(0, floor(v - zval * sd + 1e-9)) + 0.0;	/* + 0.0: never -0 */
}

double
upper(double v, double sd)
{
	return ceil(v + zval * sd - 1e-9) + 0.0;
}

static void
put_row(gzw *w, int k, int day, const char *id, double v, double sd)
{
	char d[11];

	if (!isfinite(v) || !isfinite(sd))	/* fail closed: never "nan" in a figure */
		die("figure %s of KOMMUNE %03d is not a finite number", id, kcode[k]);
	date_fmt(day, d);
	gzw_printf(w, "%03d\t%s\t%s\t", kcode[k], d, id);
	put_num(w, v);
	if (sd < 0)
		gzw_puts(w, "\t\t\n");
	else
		gzw_printf(w, "\t%.0f\t%.0f\n", lower(v, sd), upper(v, sd));
}

static const char *const fig_name[NF] = { "1", "2", "3", "4", "5", "6" };

/* Municipality k from origin o: levels 1-6 ahead, expenditure with -a. */
static long
write_kommune(gzw *w, int k, int o, const struct model *m)
{
	struct path pa;
	struct costs c;
	double mu[NS];
	int f, h, d;
	long n = 0;

	levels_at(k, o, mu);
	project(m, mu, horizon, &pa);
	if (kr)
		n += unit_cost_rows(w, k, o, &pa, &c);
	for (h = 1; h <= horizon; h++) {
		d = half_cut(base + o + h);
		for (f = 0; f < NF; f++)
			put_row(w, k, d, fig_name[f], pa.mean[h][f], pa.sd[h][f]);
		n += NF;
		if (kr && (base + o + h) % 2)	/* a year's end */
			n += expenditure_rows(w, k, o, h, &pa, &c);
	}
	return n;
}

/* The stderr line naming the periods a model used. */
void
say_periods(const char *what, int o)
{
	char a[11], b[11], c[11];
	int p0, n = periods(o, &p0);

	date_fmt(half_cut(base + p0 + 1), a);
	date_fmt(half_cut(base + o), b);
	date_fmt(half_cut(base + p0), c);
	fprintf(stderr, "%s: %sshares and entries from %d period%s, t = %s to %s "
	    "(t-1 from %s), pooled with m = %g\n", argv0, what, n, n == 1 ? "" : "s",
	    a, b, c, weight);
}

static long
forecast(gzw *w)
{
	static struct model m[1000];
	int o = nd - 1, p0, k;
	long n = 0;
	char a[11], b[11];

	gzw_puts(w, "KOMMUNE\tDATO\tNOEGLETAL\tTAELLER\tNEDRE\tOEVRE\n");
	if (nrows == 0) {	/* as too little history (review E, E9: said nothing) */
		warn("no flows: no forecast");
		return 0;
	}
	if (periods(o, &p0) == 0) {	/* too little history: nothing to forecast */
		warn("no period with t from " FORECAST_FIRST_T " to estimate from: no forecast");
		return 0;
	}
	estimate(o, m);
	say_periods("", o);
	date_fmt(half_cut(base + o + 1), a);
	date_fmt(half_cut(base + o + horizon), b);
	fprintf(stderr, "%s: forecast %s to %s, %g %% intervals\n", argv0, a, b, level);
	if (kr)
		say_accounts_after(o);
	for (k = 0; k < nkom; k++)
		if (has_persons(k, o))
			n += write_kommune(w, k, o, &m[k]);
	return n;
}

/* Option -flag's whole number lo-hi (else a usage error). */
static int
count_arg(int flag, const char *arg, long lo, long hi)
{
	char shown[64];
	long v;

	if (!parse_uint(arg, &v) || v < lo || v > hi)
		usage_fail("-%c: not a whole number %ld-%ld: %s", flag, lo, hi,
		    show_value(arg, shown, sizeof shown));
	return (int)v;
}

/* Option -flag's number in [lo, hi] (below hi with open; else a usage error). */
static double
number_arg(int flag, const char *arg, double lo, double hi, int open)
{
	char shown[64];
	double v;

	if (!parse_double(arg, &v) || v < lo || v > hi || (open && v == hi))
		usage_fail("-%c: not a number %g to %g%s: %s", flag, lo, hi,
		    open ? " (not the last)" : "", show_value(arg, shown, sizeof shown));
	return v;
}

int
main(int argc, char **argv)
{
	const char *accounts = NULL;
	struct opts o;
	long n;
	int c;
	gzw *out;

	opts_start(&o, argc, argv);
	while ((c = opts_next(&o, &prog, argc, argv)) != -1) {
		if (c == 'a')
			accounts = o.arg;
		else if (c == 'b')
			holdout = count_arg('b', o.arg, 1, 100);
		else if (c == 'c')
			level = number_arg('c', o.arg, 0, 100, 1);
		else if (c == 'H')
			horizon = count_arg('H', o.arg, 1, MAXH);
		else if (c == 'k')
			kper = count_arg('k', o.arg, 1, FORECAST_PERIODS_MAX);
		else	/* -m */
			weight = number_arg('m', o.arg, 0, MAXWEIGHT, 0);
	}
	if (holdout && accounts)
		usage_fail("-b (the backtest) and -a (the accounts' forecast) do not go together");
	zval = z_of(level);
	load_kommuner();
	read_flows(&o);
	if (accounts)
		read_accounts(accounts);
	out = opts_out(&o);
	n = holdout ? backtest(out) : forecast(out);
	gzw_close(out);
	acct_end(n);
	return 0;
}
