/*
 * forecast: the forecast in the report (see flows.h): per figure 1-6 the
 * municipality's levels and their forecast, dashed, with the interval as a
 * band; the table of forecasts; the backtest's error in one sentence; the
 * sheet Fremskrivning. A forecast below the threshold is hidden and not
 * drawn; a lower bound below it is hidden and the band stops there. Shown
 * in whole persons (drawn so too): the forecast's tenths, carried back
 * along its smooth path, gave the level it starts from. So a figure whose
 * level at the forecast's origin is hidden has its whole forecast hidden,
 * and every municipality of the report gets the section, a missing forecast
 * (nobody on its stair) hidden as a 0.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "flows.h"
#include "util.h"

struct fc {			/* a forecast value */
	double t, lo, hi;
	char has;
};

static struct fc *fcs;		/* [area][date][figure 1-6] */
static int fdate[MAXF], nfd;	/* forecast dates, ascending */

#define FC(k, d, f) (&fcs[((size_t)(k) * MAXF + (size_t)(d)) * 6 + (size_t)(f)])

struct fcrow {
	int k, day, f;
	struct fc v;
};

/* The last cut date with a row of figures 1-6 (the stair's levels), or -1. */
static int
last_level(struct report *r)
{
	int d, f, fi, a;

	for (d = r->ndates - 1; d >= 0; d--)
		for (f = 1; f <= 6; f++)
			if ((fi = catalog_index(f * 100)) >= 0)
				for (a = 0; a < r->nkom; a++)
					if (AT(a, d, fi)->has && !AT(a, d, fi)->filled)
						return r->dates[d];
	return -1;
}

void
forecast_load(struct report *r, const char *path)
{
	tsv *t = tsv_open(path, 0);
	int c_k = tsv_col(t, "KOMMUNE"), c_d = tsv_col(t, "DATO");
	int c_id = tsv_col(t, "NOEGLETAL"), c_t = tsv_col(t, "TAELLER");
	int c_lo = tsv_col(t, "NEDRE"), c_hi = tsv_col(t, "OEVRE"), kom, day, id;
	struct fcrow *rows = NULL, *x;
	size_t n = 0, cap = 0, i;
	int last;

	while (tsv_row(t)) {
		id = catalog_parse_id(t->f[c_id]);
		if (id < 100 || id > 600 || id % 100)
			continue;	/* expenditure rows: not in the report */
		if (!(kom = kommune_code(t->f[c_k])))
			die("%s:%ld: column 'KOMMUNE': not a municipality code", t->name, t->line);
		if (!date_parse(t->f[c_d], &day) || !is_cut(day))
			die("%s:%ld: column 'DATO': not a cut date", t->name, t->line);
		if (flows_date_index(fdate, &nfd, MAXF, day) < 0)
			die("%s:%ld: more than %d forecast dates", t->name, t->line, MAXF);
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			rows = erealloc(rows, cap * sizeof *rows);
		}
		x = &rows[n++];
		*x = (struct fcrow){ r->kom_at[kom] - 1, day, id / 100 - 1, { 0, 0, 0, 1 } };
		if (!parse_point(t->f[c_t], &x->v.t) || !parse_point(t->f[c_lo], &x->v.lo) ||
		    !parse_point(t->f[c_hi], &x->v.hi) || x->v.lo > x->v.t || x->v.t > x->v.hi)
			die("%s:%ld: columns 'TAELLER', 'NEDRE', 'OEVRE': not a forecast", t->name,
			    t->line);
		x->v.t = round(x->v.t), x->v.lo = floor(x->v.lo), x->v.hi = ceil(x->v.hi);
	}
	tsv_close(t);
	if (nfd > 0 && (last = last_level(r)) >= 0 && fdate[0] != cut_next(last)) {
		char a[11], b[11];	/* review E, E8: past dates were drawn as forecast */

		date_fmt(fdate[0], a);
		date_fmt(last, b);
		die("-P %s: a forecast from %s on, where the last cut date of figures 1-6 is "
		    "%s: a forecast of other data, or of another range", path, a, b);
	}
	fcs = ecalloc((size_t)r->nkom * MAXF * 6, sizeof *fcs);
	for (i = 0; i < n; i++)
		*FC(rows[i].k, flows_date_index(fdate, &nfd, MAXF, rows[i].day), rows[i].f) = rows[i].v;
	free(rows);
}

/*
 * The backtest (-B, forecast -b): per municipality and figure 1-6 the
 * percentage errors one half-year ahead and at the longest horizon, of
 * the model and of no change. They are the levels' at the origins and
 * after them: the number of origins is the most the country's rows at
 * horizon 1 average.
 */
static double bt[1000][6][2][2];	/* [area][figure][first, last horizon][model, no change] */
static char bt_has[1000][6][2];
static int bt_h, bt_origins, bt_read;

void
backtest_load(struct report *r, const char *path)
{
	tsv *t = tsv_open(path, 0);
	int c_f = tsv_col(t, "NOEGLETAL"), c_h = tsv_col(t, "HORISONT"), c_lv = tsv_col(t, "NIVEAU");
	int c_m = tsv_col(t, "MODEL"), c_u = tsv_col(t, "UAENDRET"), c_n = tsv_col(t, "N"), kom, a, f, i;
	long h, n, id;
	double m, u;

	while (tsv_row(t)) {
		if (!parse_uint(t->f[c_f], &id) || id < 1 || id > 6)
			die("%s:%ld: column 'NOEGLETAL': not 1-6", t->name, t->line);
		if (!parse_uint(t->f[c_h], &h) || h < 1 || h > 8)
			die("%s:%ld: column 'HORISONT': not 1-8", t->name, t->line);
		if (h == 1 && strcmp(t->f[c_lv], "landet") == 0) {
			if (!parse_uint(t->f[c_n], &n) || n > 100)
				die("%s:%ld: column 'N': not 0-100", t->name, t->line);
			if (n > bt_origins)
				bt_origins = (int)n;
		}
		if (!(kom = kommune_code(t->f[c_lv])))
			continue;	/* the country, the median municipality */
		if (!parse_point(t->f[c_m], &m) || !parse_point(t->f[c_u], &u))
			die("%s:%ld: columns 'MODEL', 'UAENDRET': not a number", t->name, t->line);
		if (h > bt_h) {		/* a longer horizon: its errors start anew */
			bt_h = (int)h;
			for (a = 0; a < r->nkom; a++)
				for (f = 0; f < 6; f++)
					bt_has[a][f][1] = 0;
		}
		a = r->kom_at[kom] - 1, f = (int)id - 1;
		for (i = 0; i < 2; i++)
			if (h == (i ? bt_h : 1)) {
				bt[a][f][i][0] = m, bt[a][f][i][1] = u;
				bt_has[a][f][i] = 1;
			}
	}
	tsv_close(t);
	bt_read = 1;
}

int
forecast_any(void)
{
	return fcs != NULL && nfd > 0;
}

/* The state (ST_*) of figure f's level at the forecast's origin (the cut date before the first forecast). */
static int
origin_state(struct report *r, int k, int f)
{
	int fi = catalog_index((f + 1) * 100), d;
	double v;

	for (d = 0; fi >= 0 && d < r->ndates; d++)
		if (cut_half(r->dates[d]) == cut_half(fdate[0]) - 1)
			return cell_state(r, area(r, k, KOM), d, fi, 0, &v);
	return ST_NODATA;
}

/*
 * Whether the backtest's levels of figure f of municipality k are shown:
 * at each origin and the dates after it up to the forecast's origin. Its
 * errors of no change are those levels' alone: beside a hidden one the
 * sentence's mean would tell it.
 */
static int
backtest_shown(struct report *r, int k, int f)
{
	int last = cut_half(fdate[0]) - 1, d, fi = catalog_index((f + 1) * 100), n = 0;
	double v;

	for (d = 0; d < r->ndates; d++) {
		if (cut_half(r->dates[d]) < last - bt_origins || cut_half(r->dates[d]) > last)
			continue;
		if (fi < 0 || cell_state(r, area(r, k, KOM), d, fi, 0, &v) != ST_OK)
			return 0;
		n++;
	}
	return n == bt_origins + 1;
}

/* "fra 3 udgangspunkter", "fra ét udgangspunkt": a horizon's origins (review E, E4). */
static const char *
origins(int n, char out[48])
{
	if (n == 1)
		return "fra ét udgangspunkt";
	snprintf(out, 48, "fra %d udgangspunkter", n);
	return out;
}

/*
 * One sentence into buf: how far off the model was for the municipality,
 * beside no change, in the mean over the figures whose levels it draws on
 * are shown, and from how many origins; empty when there is none.
 */
static void
backtest_text(struct report *r, int k, char *buf, size_t cap)
{
	double sum[2][2] = { { 0 } };
	int n[2] = { 0 }, used[6], nused = 0, hid = 0, zero = 0, f, i;
	char a[48], b[48], c[48], d[48], o1[48], o2[48], figs[64] = "1–6";

	/*
	 * A figure whose levels are hidden is left out whatever they are, and
	 * one shown without rows (forecast -b: no error in per cent, its
	 * levels 0) is named left out too: "1–6" beside a figure <N at the
	 * dates, where one of 1 gave "1, 2, 4, 5 og 6", told that it was 0
	 * (review Q, Q2).
	 */
	buf[0] = '\0';
	if (bt_origins == 0)
		return;		/* no backtest (-B) */
	for (f = 0; f < 6; f++) {
		used[f] = 0;
		if (!backtest_shown(r, k, f)) {
			hid = 1;
			continue;
		}
		if (!bt_has[k][f][0] && !bt_has[k][f][1]) {
			zero = 1;
			continue;
		}
		used[f] = 1, nused++;
		for (i = 0; i < 2; i++)
			if (bt_has[k][f][i]) {
				sum[i][0] += bt[k][f][i][0], sum[i][1] += bt[k][f][i][1];
				n[i]++;
			}
	}
	if (!n[0] || !n[1]) {
		if (hid)
			snprintf(buf, cap, "Tilbageregning: vises ikke, da den bygger på antal, "
			    "der er skjult.");
		return;
	}
	if (nused < 6)	/* 1, 2 og 4 */
		for (f = 0, i = 0, figs[0] = 0; f < 6; f++)
			if (used[f])
				snprintf(figs + strlen(figs), sizeof figs - strlen(figs), "%s%d",
				    i++ == 0 ? "" : i == nused ? " og " : ", ", f + 1);
	snprintf(buf, cap, "Tilbageregning: Modellen er prøvet ved at fremskrive fra data før "
	    "hvert af de seneste %d halvår. For %s afveg den over nøgletal %s i gennemsnit "
	    "%s %% fra det opgjorte antal et halvår frem (%s) og %s %% %d halvår frem (%s); "
	    "et uændret niveau afveg %s %% og %s %%.%s", bt_origins, r->kom[k].name, figs,
	    dk_num(sum[0][0] / n[0], 1, a), origins(bt_origins, o1),
	    dk_num(sum[1][0] / n[1], 1, b), bt_h, origins(bt_origins - bt_h + 1, o2),
	    dk_num(sum[0][1] / n[0], 1, c), dk_num(sum[1][1] / n[1], 1, d),
	    !hid && !zero ? "" : hid && zero ? " De øvrige nøgletal er udeladt, da de bygger på "
	    "antal, der er skjult, eller ikke har en afvigelse i procent (et antal på 0)." :
	    hid ? " De øvrige nøgletal er udeladt, da de bygger på antal, der er skjult." :
	    " De øvrige nøgletal er udeladt, da de ikke har en afvigelse i procent (et antal "
	    "på 0).");
}

static void
backtest_sentence(struct report *r, FILE *out, int k)
{
	char buf[1024];

	backtest_text(r, k, buf, sizeof buf);
	if (buf[0]) {
		fputs("<p class=\"note\">", out);
		esc(out, buf);
		fputs("</p>\n", out);
	}
}

/* A shown forecast: its value and the interval's lower end, not below the threshold. */
static int
fc_shown(struct report *r, int k, int f, const struct fc *c, double *lo)
{
	if (!c->has || c->t < r->threshold || origin_state(r, k, f) != ST_OK)
		return 0;
	*lo = c->lo < r->threshold ? r->threshold : c->lo;
	return 1;
}

/*
 * The marker of a forecast not shown: .. where its origin's level is
 * hidden (a <N would say the forecast, and so that level, is small: 14
 * persons were <5, review E, E1); i.t. where that level is not there
 * (which the tables show), or where no forecast was made (nobody on the
 * stair at the last date, a level shown only at -n 0, where it was <0:
 * review Q, Q4); else <N.
 */
static const char *
fc_marker(struct report *r, int k, int f, const struct fc *c, char out[16])
{
	int s = origin_state(r, k, f);

	if (s == ST_HIDDEN || s == ST_HIDDEN2)
		return "..";
	if (s != ST_OK || !c->has)
		return "i.t.";
	snprintf(out, 16, "<%ld", r->threshold);
	return out;
}

/*
 * What the forecast rests on, for k's page and sheet: the half-years it
 * estimated from (forecast -k, here -w; none with t before
 * FORECAST_FIRST_T, nor before the first of the flows -F), a backtest
 * that could not be made, and a shown interval of one number (moves
 * without spread, as nobody moving to or from the step in those
 * half-years, in the region neither): stderr said the first two, the page
 * nothing (review AE, AE5).
 */
static void
fc_about(struct report *r, int k, char *buf, size_t cap)
{
	int last = cut_half(fdate[0]) - 1, first = last - (int)r->fc_periods + 1, d, f, t0;
	int flat = 0;
	char a[16], b[16];
	double lo;

	date_parse(FORECAST_FIRST_T, &t0);
	if (first < cut_half(t0))
		first = cut_half(t0);
	if (flows_first() >= 0 && first < cut_half(flows_first()))
		first = cut_half(flows_first());
	dk_date(cut_prev(half_cut(first)), a);
	dk_date(half_cut(last), b);
	buf[0] = '\0';
	if (first == last)
		snprintf(buf, cap, " Den bygger på bevægelserne i ét halvår (%s–%s), så det, der "
		    "skete netop da, slår igennem i hele fremskrivningen, også ud over intervallet.",
		    a, b);
	else if (first < last)
		snprintf(buf, cap, " Den bygger på bevægelserne i de seneste %d halvår (%s–%s).",
		    last - first + 1, a, b);
	for (f = 0; f < 6; f++)
		for (d = 0; d < nfd; d++)
			if (fc_shown(r, k, f, FC(k, d, f), &lo) && FC(k, d, f)->lo == FC(k, d, f)->hi)
				flat = 1;
	if (flat)
		snprintf(buf + strlen(buf), cap - strlen(buf), " Et interval på ét tal betyder, at "
		    "bevægelserne i de halvår ikke gav modellen nogen usikkerhed at regne med "
		    "(fx kom ingen til eller forlod trinnet, heller ikke i regionen); det er ikke "
		    "en sikker forudsigelse.");
	if (bt_read && bt_origins == 0)
		snprintf(buf + strlen(buf), cap - strlen(buf), " Modellen kunne ikke prøves af på "
		    "tidligere halvår (tilbageregning): dertil er der for få halvår med data.");
}

enum { FW = 400, FH = 216, FL = 46, FR = 388, FT = 12, FB = 186 };

struct fchart {			/* one figure's chart: observed and forecast points */
	double x[MAXDATE + MAXF], y[MAXDATE + MAXF], lo[MAXDATE + MAXF], hi[MAXDATE + MAXF];
	int ok[MAXDATE + MAXF], n, nobs;
	double ymax;
};

static void
fc_points(struct report *r, int k, int f, struct fchart *c)
{
	int a = area(r, k, KOM), fi = catalog_index((f + 1) * 100), d, h0, h1;
	double v, lo = 0;

	memset(c, 0, sizeof *c);
	h0 = cut_half(r->dates[0]);
	h1 = cut_half(fdate[nfd - 1]);
	for (d = 0; d < r->ndates; d++, c->n++) {
		c->x[c->n] = FL + 8 + (FR - FL - 16.0) * (cut_half(r->dates[d]) - h0) / (h1 - h0 ? h1 - h0 : 1);
		c->ok[c->n] = fi >= 0 && cell_state(r, a, d, fi, 0, &v) == ST_OK;
		c->y[c->n] = c->lo[c->n] = c->hi[c->n] = c->ok[c->n] ? v : 0;
	}
	c->nobs = c->n;
	for (d = 0; d < nfd; d++, c->n++) {
		c->x[c->n] = FL + 8 + (FR - FL - 16.0) * (cut_half(fdate[d]) - h0) / (h1 - h0 ? h1 - h0 : 1);
		c->ok[c->n] = fc_shown(r, k, f, FC(k, d, f), &lo);
		c->y[c->n] = FC(k, d, f)->t, c->lo[c->n] = lo, c->hi[c->n] = FC(k, d, f)->hi;
	}
	for (d = 0; d < c->n; d++)
		if (c->ok[d] && c->hi[d] > c->ymax)
			c->ymax = c->hi[d];
}

static double
fy(const struct fchart *c, double v)
{
	return FB - (FB - FT) * v / c->ymax;
}

/* A polyline through the shown points of [from, to), broken where one is not. */
static void
fc_line(FILE *out, const struct fchart *c, int from, int to, const char *style)
{
	int d, pen = 0;

	for (d = from; d < to; d++) {
		if (!c->ok[d]) {
			if (pen)
				fputs("\"/>\n", out);
			pen = 0;
			continue;
		}
		if (!pen)
			fprintf(out, "<polyline fill=\"none\" stroke=\"#1f5f8b\" "
			    "stroke-width=\"2.2\" %s points=\"", style);
		fprintf(out, " %.1f,%.1f", c->x[d], fy(c, c->y[d]));
		pen = 1;
	}
	if (pen)
		fputs("\"/>\n", out);
}

/* The interval as a band over the forecast, from the last observed point. */
static void
fc_band(FILE *out, const struct fchart *c)
{
	int d, first = c->nobs > 0 && c->ok[c->nobs - 1] ? c->nobs - 1 : c->nobs, end;

	for (end = c->nobs; end < c->n && c->ok[end]; end++)
		;
	if (end == c->nobs)
		return;
	fputs("<polygon fill=\"#1f5f8b\" fill-opacity=\".15\" points=\"", out);
	for (d = first; d < end; d++)
		fprintf(out, " %.1f,%.1f", c->x[d], fy(c, c->hi[d]));
	for (d = end - 1; d >= first; d--)
		fprintf(out, " %.1f,%.1f", c->x[d], fy(c, c->lo[d]));
	fputs("\"/>\n", out);
}

static void
fc_axes(struct report *r, FILE *out, const struct fchart *c)
{
	char num[48];
	int i, y, m, dd, d;

	for (i = 0; i <= 4; i++)
		fprintf(out, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"gr\"/>"
		    "<text x=\"%d\" y=\"%.1f\" class=\"yl\">%s</text>\n", FL, FR,
		    fy(c, c->ymax * i / 4), fy(c, c->ymax * i / 4), FL - 5,
		    fy(c, c->ymax * i / 4) + 4, dk_num(c->ymax * i / 4, 0, num));
	for (d = 0; d < c->n; d++) {
		civil_from_days(d < c->nobs ? r->dates[d] : fdate[d - c->nobs], &y, &m, &dd);
		if (m == 12 && y % 2 == 1)
			fprintf(out, "<text x=\"%.1f\" y=\"%d\" class=\"xl\">%d</text>", c->x[d],
			    FB + 17, y);
	}
	if (c->nobs > 0 && c->nobs < c->n)
		fprintf(out, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" class=\"ax\" "
		    "stroke-dasharray=\"2 3\"/><text x=\"%.1f\" y=\"%d\">fremskrivning</text>\n",
		    c->x[c->nobs - 1], c->x[c->nobs - 1], FT, FB, c->x[c->nobs - 1] + 4, FT + 10);
}

/* The top of the y axis: four steps of 1, 2, (2.5,) 5 times a power of 10 persons. */
static double
nice_top(double v)
{
	double step, m;

	if (v <= 4)
		return 4;
	m = pow(10, floor(log10(v / 4)));
	step = v / 4 / m;
	step = m * (step <= 1 ? 1 : step <= 2 ? 2 : step <= 2.5 && m >= 10 ? 2.5 : step <= 5 ?
	    5 : 10);
	return 4 * step;
}

/* Under a forecast chart, as about() under the others: its source, its number; closed. */
static void
fc_source(struct report *r, FILE *out)
{
	fprintf(out, "<p class=\"about src\">Kilde: fremskrivning af kommunens strømme på "
	    "trappen. <span class=\"fn\">(figur %d)</span></p>\n</figure>\n", r->chartno);
}

/* Figure f (0-5: key figures 1-6) of municipality k, observed and forecast. */
static void
fc_chart(struct report *r, FILE *out, int k, int f)
{
	struct fchart c;
	int fi = catalog_index((f + 1) * 100), d;

	fc_points(r, k, f, &c);
	c.ymax = nice_top(c.ymax);
	/* numbered in page order as the other charts (tests/report/render.sh) */
	fprintf(out, "<figure class=\"chart\"><figcaption>Figur %d. ", ++r->chartno);
	if (fi >= 0) {
		fprintf(out, "Nøgletal %s: ", r->figs[fi].label);
		esc(out, r->figs[fi].name);
	} else
		fprintf(out, "Nøgletal %d", f + 1);
	fprintf(out, "<span class=\"u\">antal personer i %s; fremskrivning stiplet, med "
	    "%ld %%-usikkerhedsinterval</span></figcaption>\n", r->kom[k].name, r->fc_level);
	for (d = 0; d < c.n && !c.ok[d]; d++)
		;
	if (d == c.n) {
		fputs("<p class=\"empty\">Intet at tegne: ingen viste tal (se tabellen).</p>\n", out);
		fc_source(r, out);
		return;
	}
	fprintf(out, "<svg viewBox=\"0 0 %d %d\">\n", FW, FH);
	fc_axes(r, out, &c);
	fc_band(out, &c);
	fc_line(out, &c, 0, c.nobs, "");
	d = c.nobs > 0 && c.ok[c.nobs - 1] ? c.nobs - 1 : c.nobs;
	fc_line(out, &c, d, c.n, "stroke-dasharray=\"6 4\"");
	fputs("</svg>\n<ul class=\"legend\"><li><i class=\"s\" style=\"border-color:#1f5f8b\">"
	    "</i>opgjort</li><li><i class=\"d\" style=\"border-color:#1f5f8b\"></i>fremskrevet"
	    "</li><li><i class=\"b\" style=\"background:#c7d7e2\"></i>usikkerhedsinterval", out);
	if (r->threshold > 0)	/* a lower bound below it is not shown (review AE, AE2) */
		fprintf(out, " (vist ned til %ld)", r->threshold);
	fputs("</li></ul>\n", out);
	fc_source(r, out);
}

static void
fc_table(struct report *r, FILE *out, int k)
{
	char num[48], lo_s[48], hi_s[48], day[16], mark[16];
	int d, f, fi;
	double lo;

	fputs("<div class=\"tw\"><table>\n<thead><tr><th class=\"l\">Nøgletal</th>", out);
	for (d = 0; d < nfd; d++)
		fprintf(out, "<th>%s</th>", dk_date(fdate[d], day));
	fputs("</tr></thead>\n", out);
	for (f = 0; f < 6; f++) {
		fi = catalog_index((f + 1) * 100);
		fprintf(out, "<tr><th class=\"l\">%d ", f + 1);
		if (fi >= 0)
			esc(out, r->figs[fi].name);
		fputs("</th>", out);
		for (d = 0; d < nfd; d++) {
			const struct fc *c = FC(k, d, f);

			if (!fc_shown(r, k, f, c, &lo)) {
				fputs("<td class=\"h\">", out);
				esc(out, fc_marker(r, k, f, c, mark));
				fputs("</td>", out);
			} else {
				if (c->lo < r->threshold)
					snprintf(lo_s, sizeof lo_s, "&lt;%ld", r->threshold);
				else
					dk_num(c->lo, 0, lo_s);
				fprintf(out, "<td>%s (%s–%s)</td>", dk_num(c->t, 0, num), lo_s,
				    dk_num(c->hi, 0, hi_s));
			}
		}
		fputs("</tr>\n", out);
	}
	fputs("</table></div>\n", out);
}

void
html_forecast(struct report *r, FILE *out, int k)
{
	char about[1024];
	int f;

	if (forecast_any()) {
		fprintf(out, "<section id=\"fremskrivning\"><h2>Fremskrivning</h2>\n<p "
		    "class=\"info\">En fremskrivning, ikke en opgørelse: antal personer på "
		    "trappens trin de næste halvår, hvis bevægelserne de seneste halvår fortsætter "
		    "(overgangsandele og tilgang; for de fleste kommuner mest regionens, da "
		    "kommunens egne kun vejer tungt, hvor den har mange personer), med et "
		    "%ld %%-usikkerhedsinterval (rundet ud til hele personer, så det ved små tal "
		    "rammer oftere end det).", r->fc_level);
		if (r->threshold > 0)
			fprintf(out, " Værdier under %ld vises som &lt;%ld og er udeladt af "
			    "figurerne. Er det seneste opgjorte antal skjult, skjules "
			    "fremskrivningen også (..).", r->threshold, r->threshold);
		fc_about(r, k, about, sizeof about);
		esc(out, about);
		fputs("</p>\n<div class=\"grid\">\n", out);
		for (f = 0; f < 6; f++)
			fc_chart(r, out, k, f);
		fputs("</div>\n", out);
		fc_table(r, out, k);
		backtest_sentence(r, out, k);
		fputs("</section>\n", out);
	}
}

/* ---- XLSX ---- */

/* The forecast's table from row 0; its next free row. */
static int
xl_forecast(struct report *r, lxw_worksheet *ws, lxw_format *bold, lxw_format *head,
    lxw_format *wrap, lxw_format *date, int k)
{
	static const char *const heads[] = { "Nøgletal", "Navn", "Dato", "Fremskrevet",
	    "Nedre", "Øvre" };
	char buf[1024], marked[512];
	int f, d, fi, row = 3, i;
	double lo;

	worksheet_write_string(ws, 0, 0, xl_title(r, "Fremskrivning af trappens trin (ikke en "
	    "opgørelse)", marked), bold);
	snprintf(buf, sizeof buf, "Nedre og Øvre: et %ld %%-usikkerhedsinterval.", r->fc_level);
	if (r->threshold > 0)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), " Under %ld vises som <%ld. "
		    "Er det seneste opgjorte antal skjult, skjules fremskrivningen også (..).",
		    r->threshold, r->threshold);
	fc_about(r, k, buf + strlen(buf), sizeof buf - strlen(buf));
	/* wrapped over the six columns, as the backtest's below: one cell's line
	 * made the sheet print at 6.4 pt, fit to its width */
	worksheet_merge_range(ws, 1, 0, 1, 5, buf, wrap);
	worksheet_set_row(ws, 1, 15 * xl_lines(buf, 116), NULL);
	for (i = 0; i < 6; i++)
		worksheet_write_string(ws, 2, (lxw_col_t)i, heads[i], head);
	for (f = 0; f < 6; f++)
		for (d = 0; d < nfd; d++, row++) {
			const struct fc *c = FC(k, d, f);

			fi = catalog_index((f + 1) * 100);
			/* text, as the other sheets' (7.1): a lookup across them (review AK, AK6) */
			worksheet_write_string(ws, (lxw_row_t)row, 0, fi >= 0 ? r->figs[fi].label : "",
			    NULL);
			worksheet_write_string(ws, (lxw_row_t)row, 1, fi >= 0 ? r->figs[fi].name : "",
			    NULL);
			xl_date(ws, row, 2, fdate[d], date);
			snprintf(buf, sizeof buf, "<%ld", r->threshold);
			if (!fc_shown(r, k, f, c, &lo)) {
				worksheet_write_string(ws, (lxw_row_t)row, 3,
				    fc_marker(r, k, f, c, buf), NULL);
				continue;
			}
			worksheet_write_number(ws, (lxw_row_t)row, 3, round(c->t), NULL);
			if (c->lo < r->threshold)
				worksheet_write_string(ws, (lxw_row_t)row, 4, buf, NULL);
			else
				worksheet_write_number(ws, (lxw_row_t)row, 4, c->lo, NULL);
			worksheet_write_number(ws, (lxw_row_t)row, 5, c->hi, NULL);
		}
	backtest_text(r, k, buf, sizeof buf);	/* as under the page's table (review E, E4) */
	if (buf[0]) {	/* wrapped over the six columns, A to F: 116 characters */
		worksheet_merge_range(ws, (lxw_row_t)row, 0, (lxw_row_t)row, 5, buf, wrap);
		worksheet_set_row(ws, (lxw_row_t)row++, 15 * xl_lines(buf, 116), NULL);
	}
	return row;
}

/*
 * A native chart per figure below the table, two by two from row0: the
 * municipality's levels (solid), the forecast (dashed, from the last
 * level) and the interval's ends (dotted), read from a block on
 * Diagramdata (dd) as the other charts. Hidden values are blank cells:
 * gaps in the chart.
 */
static void
xl_fc_chart(struct report *r, lxw_workbook *wb, lxw_worksheet *ws, struct diagram *dd,
    lxw_format *count, int k, int f, int row0)
{
	static const char *const names[] = { "Opgjort", "Fremskrevet", "Nedre", "Øvre" };
	static const lxw_chart_line_dash_type dash[] = { LXW_CHART_LINE_DASH_SOLID,
	    LXW_CHART_LINE_DASH_DASH, LXW_CHART_LINE_DASH_ROUND_DOT, LXW_CHART_LINE_DASH_ROUND_DOT };
	struct fchart c;
	lxw_chart *ch = xl(workbook_add_chart(wb, LXW_CHART_LINE));
	lxw_chart_series *ser;
	lxw_chart_line line = { 0 };
	lxw_chart_options o = { 0 };
	lxw_chart_font font = { 0 };
	char day[16], title[256];
	int d, i, fi = catalog_index((f + 1) * 100), last, block;

	font.size = 11;
	font.bold = LXW_EXPLICIT_FALSE;
	fc_points(r, k, f, &c);
	last = c.nobs > 0 && c.ok[c.nobs - 1] ? c.nobs - 1 : -1;
	snprintf(title, sizeof title, "%d %s", f + 1, fi >= 0 ? r->figs[fi].name : "");
	block = diagram_block(dd, title, "antal personer", 4, c.n);
	for (i = 0; i < 4; i++)
		worksheet_write_string(dd->ws, (lxw_row_t)(block + 2 + i), 0, names[i], NULL);
	for (d = 0; d < c.n; d++) {
		worksheet_write_string(dd->ws, (lxw_row_t)block + 1, (lxw_col_t)(1 + d),
		    dk_date(d < c.nobs ? r->dates[d] : fdate[d - c.nobs], day), NULL);
		if (!c.ok[d])
			continue;
		if (d < c.nobs)
			worksheet_write_number(dd->ws, (lxw_row_t)block + 2, (lxw_col_t)(1 + d), c.y[d],
			    count);
		/* a lower bound below the threshold is a gap, as the table's <N,
		 * not the threshold (review AE, AE2) */
		for (i = 1; i < 4 && (d >= c.nobs || d == last); i++)
			if (i != 2 || d < c.nobs || FC(k, d - c.nobs, f)->lo >= r->threshold)
				worksheet_write_number(dd->ws, (lxw_row_t)(block + 2 + i),
				    (lxw_col_t)(1 + d), round(i == 1 ? c.y[d] : i == 2 ? c.lo[d] :
				    c.hi[d]), count);
	}
	for (i = 0; i < 4; i++) {
		ser = xl(chart_add_series(ch, NULL, NULL));
		chart_series_set_categories(ser, "Diagramdata", (lxw_row_t)block + 1, 1,
		    (lxw_row_t)block + 1, (lxw_col_t)c.n);
		chart_series_set_values(ser, "Diagramdata", (lxw_row_t)(block + 2 + i), 1,
		    (lxw_row_t)(block + 2 + i), (lxw_col_t)c.n);
		chart_series_set_name_range(ser, "Diagramdata", (lxw_row_t)(block + 2 + i), 0);
		line.color = i < 2 ? 0x1F5F8B : 0x8AA9C1;
		line.width = i < 2 ? 2.25 : 1.25;
		line.dash_type = (uint8_t)dash[i];
		chart_series_set_line(ser, &line);
	}
	chart_title_set_name(ch, title);
	chart_title_set_name_font(ch, &font);
	chart_axis_set_name(ch->y_axis, "antal personer");
	chart_show_blanks_as(ch, LXW_CHART_BLANKS_AS_GAP);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	o.x_scale = 1;	/* FC_CHART_PX wide */
	o.y_scale = 0.9;	/* 259 px (194 pt) high: two bands a printed page */
	o.x_offset = f % 2 ? FC_CHART_PX + 20 : 0;
	o.y_offset = 8;
	worksheet_insert_chart_opt(ws, (lxw_row_t)(row0 + f / 2 * FC_BAND_ROWS), 0, ch, &o);
}

lxw_worksheet *
xlsx_forecast(struct report *r, lxw_workbook *wb, lxw_format *bold, lxw_format *head, int k,
    int *charts_row)
{
	lxw_worksheet *ws;
	lxw_format *wrap;

	if (!forecast_any())
		return NULL;
	if ((ws = workbook_add_worksheet(wb, "Fremskrivning")) == NULL)
		die("cannot add the sheet Fremskrivning");
	wrap = workbook_add_format(wb);
	format_set_text_wrap(wrap);
	format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
	worksheet_set_column(ws, 1, 1, 60, NULL);
	worksheet_set_column(ws, 2, 5, 12, NULL);
	*charts_row = xl_forecast(r, ws, bold, head, wrap, xl_date_format(wb), k) + 1;	/* a blank row */
	return ws;
}

/* Fremskrivning's charts from row0, their numbers on Diagramdata (dd) */
void
xlsx_forecast_charts(struct report *r, lxw_workbook *wb, lxw_worksheet *ws, struct diagram *dd,
    lxw_format *count, int k, int row0)
{
	int f;

	for (f = 0; f < 6; f++)
		xl_fc_chart(r, wb, ws, dd, count, k, f, row0);
}
