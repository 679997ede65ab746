/*
 * forecast: projected expenditure per account group (-a). The unit cost is
 * the kroner of the last account year up to the origin over its
 * person-years (the mean of the year's two cut dates, on the steps of
 * figure f); the projection is the unit cost times the projected
 * person-years of each year ending in the horizon, its interval from the
 * levels' interval.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "date.h"
#include "fig.h"
#include "tables.h"
#include "tsv.h"
#include "util.h"
#include "forecast.h"

/* Accounts (-a): kroner per municipality, year and group 20.1-20.6. */
#define Y0 2000
#define NY 200
double *kr;		/* [k][year - Y0][g]; NAN when absent */
#define KR(k, y, g) kr[((size_t)(k) * NY + (size_t)((y) - Y0)) * NF + (size_t)(g)]

void
read_accounts(const char *path)
{
	tsv *t = tsv_open(path, 0);
	int c_kom = tsv_col(t, "KOMMUNE"), c_dato = tsv_col(t, "DATO");
	int c_id = tsv_col(t, "NOEGLETAL"), c_t = tsv_col(t, "TAELLER");
	int id, kom, day, y, m, d;
	size_t i, n = (size_t)nkom * NY * NF;
	double v;

	kr = emalloc(n * sizeof *kr);
	for (i = 0; i < n; i++)
		kr[i] = NAN;
	while (tsv_row(t)) {
		id = fig_id(t->f[c_id]);
		if (id < 2001 || id > 2006)
			continue;
		if (!(kom = kommune_code(t->f[c_kom])))
			die("%s:%ld: column 'KOMMUNE': not a municipality code", t->name, t->line);
		if (!date_parse(t->f[c_dato], &day) || (civil_from_days(day, &y, &m, &d),
		    m != 12 || d != 31 || y < Y0 || y >= Y0 + NY))
			die("%s:%ld: column 'DATO': not a year's 31 December", t->name, t->line);
		if (!parse_point(t->f[c_t], &v))
			die("%s:%ld: column 'TAELLER': not a number", t->name, t->line);
		if (!isnan(KR(kidx[kom], y, id - 2001)))	/* which would count? */
			die("%s:%ld: a second row for KOMMUNE %03d, DATO %d-12-31, NOEGLETAL %s",
			    t->name, t->line, kom, y, t->f[c_id]);
		KR(kidx[kom], y, id - 2001) = v;
	}
	tsv_close(t);
}

/* The stderr line when the accounts go on past origin o: those years are not used. */
void
say_accounts_after(int o)
{
	int k, y, g, last = 0;
	char d[11];

	for (k = 0; k < nkom; k++)	/* y from Y0 on: KR's first year (ASan) */
		for (y = Y0 + NY - 1; y >= Y0 && y > last; y--)
			for (g = 0; g < NF; g++)
				if (!isnan(KR(k, y, g)))
					last = y;
	if (last == 0 || cut_half(days_from_civil(last, 12, 31)) - base <= o)
		return;
	date_fmt(half_cut(base + o), d);
	fprintf(stderr, "%s: -a: the accounts of %d end after the last cut date %s: the unit "
	    "costs are of the last account year that ends by it\n", argv0, last, d);
}

/* Person-years in year y of figure f: the mean of its two cut dates. */
static int
person_years(int k, int o, const struct path *pa, int y, int f, double py[3])
{
	int h, i, d[2] = { cut_half(days_from_civil(y, 6, 30)) - base,
	    cut_half(days_from_civil(y, 12, 31)) - base };

	py[0] = py[1] = py[2] = 0;
	for (i = 0; i < 2; i++) {
		if (d[i] < 0 || d[i] > o + horizon)
			return 0;
		if (d[i] <= o) {
			double v = fig_lev(k, d[i], f);

			py[0] += v / 2, py[1] += v / 2, py[2] += v / 2;
			continue;
		}
		h = d[i] - o;
		py[0] += pa->mean[h][f] / 2;
		py[1] += lower(pa->mean[h][f], pa->sd[h][f]) / 2;
		py[2] += upper(pa->mean[h][f], pa->sd[h][f]) / 2;
	}
	return 1;
}

/* Kroner per person-year at the last account year up to o: cost[f], its year. */
static int
unit_cost(int k, int o, const struct path *pa, int f, double *cost)
{
	double py[3];
	int y;

	for (y = (base + o) / 2 < Y0 + NY ? (base + o) / 2 : Y0 + NY - 1; y >= Y0; y--) {
		if (isnan(KR(k, y, f)))
			continue;
		if (cut_half(days_from_civil(y, 12, 31)) - base > o ||
		    !person_years(k, o, pa, y, f, py))
			continue;
		if (py[0] <= 0)
			return 0;
		*cost = KR(k, y, f) / py[0];
		return y;
	}
	return 0;
}

static const char *const kr_id[NF][2] = {
	{ "20.1-enhedspris", "20.1-udgift" }, { "20.2-enhedspris", "20.2-udgift" },
	{ "20.3-enhedspris", "20.3-udgift" }, { "20.4-enhedspris", "20.4-udgift" },
	{ "20.5-enhedspris", "20.5-udgift" }, { "20.6-enhedspris", "20.6-udgift" },
};

static void
put_kr(gzw *w, int k, int day, const char *id, double v, const double *lohi)
{
	char d[11];

	if (!isfinite(v) || (lohi && (!isfinite(lohi[0]) || !isfinite(lohi[1]))))
		die("%s of KOMMUNE %03d is not a finite number", id, kcode[k]);
	date_fmt(day, d);
	gzw_printf(w, "%03d\t%s\t%s\t%.0f", kcode[k], d, id, round(v) + 0.0);
	if (lohi)	/* + 0.0: never -0 (review E, E9) */
		gzw_printf(w, "\t%.0f\t%.0f\n", floor(lohi[0] + 1e-9) + 0.0,
		    ceil(lohi[1] - 1e-9) + 0.0);
	else
		gzw_puts(w, "\t\t\n");
}

long
unit_cost_rows(gzw *w, int k, int o, const struct path *pa, struct costs *c)
{
	int f, y;
	long n = 0;

	for (f = 0; f < NF; f++)
		c->year[f] = unit_cost(k, o, pa, f, &c->cost[f]);
	for (y = Y0; y <= (base + o) / 2; y++)	/* by date, then id */
		for (f = 0; f < NF; f++)
			if (c->year[f] == y) {
				put_kr(w, k, days_from_civil(y, 12, 31), kr_id[f][0], c->cost[f], NULL);
				n++;
			}
	return n;
}

long
expenditure_rows(gzw *w, int k, int o, int h, const struct path *pa,
    const struct costs *c)
{
	double py[3], lohi[2];
	int f;
	long n = 0;

	for (f = 0; f < NF; f++) {
		if (!c->year[f] || !person_years(k, o, pa, (base + o + h) / 2, f, py))
			continue;
		lohi[0] = c->cost[f] * py[c->cost[f] < 0 ? 2 : 1];	/* kroner may be negative */
		lohi[1] = c->cost[f] * py[c->cost[f] < 0 ? 1 : 2];
		put_kr(w, k, half_cut(base + o + h), kr_id[f][1], c->cost[f] * py[0], lohi);
		n++;
	}
	return n;
}
