/*
 * backtest (-b): each of the last holdout cut dates before the last is an
 * origin; the model estimated from the periods before it forecasts the
 * dates after it, beside no change and a linear trend; the mean absolute
 * percentage errors go out by figure and horizon for the country, the
 * median municipality and each municipality.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "forecast.h"
#include "util.h"

enum { MODEL, SAME, TREND, NMETH };

/* Errors of the three forecasts: national per origin, per municipality. */
struct errs {
	double nat_f[MAXH + 1][NF][NMETH], nat_a[MAXH + 1][NF];
	double ape[MAXH + 1][NF][NMETH], nape[MAXH + 1][NF];
};

/* The linear trend of figure f over the levels the model's periods span. */
static double
trend(int k, int o, int h, int f)
{
	double sx = 0, sy = 0, sxx = 0, sxy = 0, b, x, y;
	int p0, n = periods(o, &p0) + 1, d;

	if (n < 2)
		return fig_lev(k, o, f);
	for (d = p0; d <= o; d++) {
		x = d - o;
		y = fig_lev(k, d, f);
		sx += x, sy += y, sxx += x * x, sxy += x * y;
	}
	b = (n * sxy - sx * sy) / (n * sxx - sx * sx);
	return fmax(0, sy / n + b * (h - sx / n));
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
backtest_origin(int o, struct errs *e, const struct model *m)
{
	struct path pa;
	double mu[NS], a, fc[NMETH];
	int k, h, f, i, H = nd - 1 - o < horizon ? nd - 1 - o : horizon;

	memset(e, 0, sizeof *e * (size_t)(nkom + 1));
	for (k = 0; k < nkom; k++) {
		if (!has_persons(k, o)) {
			/*
			 * No forecast here (the model and no change say 0), but the
			 * country's actual level holds its persons all the same.
			 */
			for (h = 1; h <= H; h++)
				for (f = 0; f < NF; f++) {
					e[0].nat_a[h][f] += fig_lev(k, o + h, f);
					e[0].nat_f[h][f][TREND] += trend(k, o, h, f);
				}
			continue;
		}
		levels_at(k, o, mu);
		project(&m[k], mu, H, &pa);
		for (h = 1; h <= H; h++)
			for (f = 0; f < NF; f++) {
				a = fig_lev(k, o + h, f);
				fc[MODEL] = pa.mean[h][f];
				fc[SAME] = fig_lev(k, o, f);
				fc[TREND] = trend(k, o, h, f);
				e[0].nat_a[h][f] += a;
				for (i = 0; i < NMETH; i++) {
					e[0].nat_f[h][f][i] += fc[i];
					if (a > 0)
						e[k + 1].ape[h][f][i] += fabs(fc[i] - a) / a;
				}
				e[k + 1].nape[h][f] += a > 0;
			}
	}
}

/* Percent, 1 decimal; empty when no forecast had an actual value above 0. */
static void
put_mape(gzw *w, int f, int h, const char *niveau, int n, const double v[NMETH])
{
	if (n == 0)
		gzw_printf(w, "%d\t%d\t%s\t0\t\t\t\n", f + 1, h, niveau);
	else if (!isfinite(v[MODEL]) || !isfinite(v[SAME]) || !isfinite(v[TREND]))
		die("the backtest of figure %d, horizon %d, %s is not a finite number", f + 1, h,
		    niveau);
	else
		gzw_printf(w, "%d\t%d\t%s\t%d\t%.1f\t%.1f\t%.1f\n", f + 1, h, niveau,
		    n, 100 * v[MODEL], 100 * v[SAME], 100 * v[TREND]);
}

/*
 * The errors by figure and horizon: the country (mean over origins), the
 * median municipality, then each municipality (mean over its origins).
 */
static long
write_mapes(gzw *w, double nat[][NF][NMETH], int natn[][NF], const struct errs *sum)
{
	static double med[1000];
	double v[NMETH];
	int f, h, i, k, n;
	char code[8];
	long out = 0;

	gzw_puts(w, "NOEGLETAL\tHORISONT\tNIVEAU\tN\tMODEL\tUAENDRET\tTREND\n");
	for (f = 0; f < NF; f++)
		for (h = 1; h <= horizon && h <= holdout; h++) {
			for (i = 0; i < NMETH; i++)
				v[i] = natn[h][f] ? nat[h][f][i] / natn[h][f] : NAN;
			put_mape(w, f, h, "landet", natn[h][f], v);
			for (i = 0; i < NMETH; i++) {
				for (n = 0, k = 1; k <= nkom; k++)
					if (sum[k].nape[h][f] > 0)
						med[n++] = sum[k].ape[h][f][i] / sum[k].nape[h][f];
				qsort(med, (size_t)n, sizeof *med, cmp_double);
				v[i] = n == 0 ? NAN : n % 2 ? med[n / 2] : (med[n / 2 - 1] + med[n / 2]) / 2;
			}
			put_mape(w, f, h, "median-kommune", n, v);
			out += 2;
			for (k = 1; k <= nkom; k++) {
				if (sum[k].nape[h][f] == 0)
					continue;
				for (i = 0; i < NMETH; i++)
					v[i] = sum[k].ape[h][f][i] / sum[k].nape[h][f];
				snprintf(code, sizeof code, "%03d", kcode[k - 1] % 1000);
				put_mape(w, f, h, code, (int)sum[k].nape[h][f], v);
				out++;
			}
		}
	return out;
}

/* -b: every origin of the last holdout dates, errors by figure and horizon. */
long
backtest(gzw *w)
{
	static struct model m[1000];
	static struct errs e[1001], sum[1001];
	static double nat[MAXH + 1][NF][NMETH];
	char d[11], what[40];
	int natn[MAXH + 1][NF] = { { 0 } }, o, p0, k, h, f, i, first = nd - 1 - holdout;

	if (first < 1 || periods(first, &p0) == 0) {	/* too little history */
		warn("-b %d leaves no period with t from " FORECAST_FIRST_T " before the first "
		    "origin: no backtest", holdout);
		gzw_puts(w, "NOEGLETAL\tHORISONT\tNIVEAU\tN\tMODEL\tUAENDRET\tTREND\n");
		return 0;
	}
	/* sum and nat start as zeros (static; called once): 3.5 MB not touched */
	for (o = first; o < nd - 1; o++) {
		estimate(o, m);
		date_fmt(half_cut(base + o), d);
		snprintf(what, sizeof what, "backtest from %s: ", d);
		say_periods(what, o);
		backtest_origin(o, e, m);
		for (h = 1; h <= horizon; h++)
			for (f = 0; f < NF; f++) {
				if (e[0].nat_a[h][f] > 0) {
					for (i = 0; i < NMETH; i++)
						nat[h][f][i] += fabs(e[0].nat_f[h][f][i] -
						    e[0].nat_a[h][f]) / e[0].nat_a[h][f];
					natn[h][f]++;
				}
				for (k = 1; k <= nkom; k++) {
					for (i = 0; i < NMETH; i++)
						sum[k].ape[h][f][i] += e[k].ape[h][f][i];
					sum[k].nape[h][f] += e[k].nape[h][f];
				}
			}
	}
	return write_mapes(w, nat, natn, sum);
}
