/*
 * report: the key figures of a municipality beside its comparison group
 * and the whole country, as a TSV table, a self-contained HTML page with
 * charts, or an Excel workbook (SPEC 4).
 * Reads figure streams (KOMMUNE DATO NOEGLETAL TAELLER NAEVNER), also
 * several concatenated ones.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "date.h"
#include "fig.h"
#include "tables.h"
#include "tsv.h"
#include "util.h"

#define SYNOPSIS "report [-hu] [-d dir] [-g groups] [-k kommune] [-n threshold] [-o tsv|html|xlsx] [-p population] [-r rejects]"
#define MAXID 40
#define MAXDATE 64
#define MAXGROUP 128

enum { COUNT, SHARE, MEAN, RATIO };
enum { KOM, GRP, LAND, NUNIT };		/* the three columns of comparison */

struct figdef {				/* one row of the catalogue */
	int id;
	char *name, *theme, *unit, *label;
	int kind, first;
};

struct cell {				/* one figure at one date for one area */
	double t, n;
	char has, hidden;		/* a row was read; suppressed */
};

static struct figdef figs[MAXID];
static int nfigs;
static int dates[MAXDATE], ndates;
static struct cell (*cells)[MAXDATE][MAXID];	/* [kommune]: read figures */
static struct cell (*pooled)[MAXDATE][MAXID];	/* [group] and land */
static int group_of[1000], ngroups;
static char *group_name[MAXGROUP];
static double (*pop)[MAXDATE];			/* [kommune][date], 0 = none */
static const struct kommune *kom;		/* the municipalities */
static int nkom;
static long threshold = 5;
static const char *pop_path;

static void
usage(void)
{
	puts("usage: " SYNOPSIS "\n"
	    "\n"
	    "Reads figure streams and writes, for one municipality (-k) or each, every\n"
	    "key figure by cut date for the municipality, its comparison group (its\n"
	    "region; -g groups.tsv with columns GRUPPE KOMMUNE replaces it) and the\n"
	    "whole country. Group and country pool TAELLER and NAEVNER. Shares are\n"
	    "shown in percent, means in points, ratios as kr. per kr.; -p adds counts\n"
	    "per 10,000 18-64-year-olds (KOMMUNE DATO ANTAL_18_64).\n"
	    "Small numbers are suppressed: a count below the threshold, or a share or\n"
	    "mean whose NAEVNER is below it, is shown as <N, with secondary\n"
	    "suppression so that no hidden count follows from the totals shown.\n"
	    "\n"
	    "  -d dir       write rapport-KKK.html / .xlsx files into dir\n"
	    "  -k kommune   one municipality (to standard output)\n"
	    "  -n threshold the suppression threshold (default 5; 0 turns it off,\n"
	    "               for internal use only, and the output says so)\n"
	    "  -o format    tsv (default), html or xlsx\n"
	    "  -r rejects   reject mode: bad rows go to rejects with a REASON column\n"
	    "  -u           accepted; the report is always plain\n"
	    "Output is a document: plain TSV or HTML, or an xlsx workbook.");
}

/* ---- reading ---- */

static int
fig_index(int id)
{
	int i;

	for (i = 0; i < nfigs; i++)
		if (figs[i].id == id)
			return i;
	return -1;
}

static int
date_index(int day)
{
	int i;

	for (i = 0; i < ndates; i++)
		if (dates[i] == day)
			return i;
	if (ndates == MAXDATE)
		die("more than %d cut dates", MAXDATE);
	for (i = ndates++; i > 0 && dates[i - 1] > day; i--)
		dates[i] = dates[i - 1];
	dates[i] = day;
	return -1;	/* inserted: the caller looks it up again */
}

static void
load_catalogue(void)
{
	tsv *t = table_open(NULL, "noegletal.tsv");
	int c_id = tsv_col(t, "NOEGLETAL"), c_name = tsv_col(t, "NAVN");
	int c_theme = tsv_col(t, "TEMA"), c_kind = tsv_col(t, "ART");
	int c_unit = tsv_col(t, "ENHED"), c_first = tsv_col(t, "FOERSTE_DATO");
	static const char *kinds[] = { "count", "share", "mean", "ratio" };
	struct figdef *f;
	int k;

	while (tsv_row(t)) {
		if (nfigs == MAXID)
			die("%s: too many key figures", t->name);
		f = &figs[nfigs++];
		f->id = fig_id(t->f[c_id]);
		f->name = estrdup(t->f[c_name]);
		f->theme = estrdup(t->f[c_theme]);
		f->unit = estrdup(t->f[c_unit]);
		f->label = estrdup(t->f[c_id]);
		for (k = 0; k < 4 && strcmp(kinds[k], t->f[c_kind]) != 0; k++)
			;
		if (f->id < 0 || k == 4 || !date_parse(t->f[c_first], &f->first))
			die("%s:%ld: bad catalogue row", t->name, t->line);
		f->kind = k;
	}
	tsv_close(t);
}

static void
load_groups(const char *path)
{
	const struct kommune *all;
	int n, i, g, k;
	tsv *t;

	all = kommune_all(&n);
	if (path == NULL) {	/* the regions */
		for (i = 0; i < n; i++) {
			for (g = 0; g < ngroups && strcmp(group_name[g], all[i].region_name); g++)
				;
			if (g == ngroups)
				group_name[ngroups++] = all[i].region_name;
			group_of[all[i].code] = g + 1;
		}
		return;
	}
	t = tsv_open(path, 0);
	while (tsv_row(t)) {
		if (!(k = kommune_code(t->f[tsv_col(t, "KOMMUNE")])))
			die("%s:%ld: column 'KOMMUNE': not a municipality code", t->name, t->line);
		for (g = 0; g < ngroups && strcmp(group_name[g], t->f[tsv_col(t, "GRUPPE")]); g++)
			;
		if (g == ngroups) {
			if (ngroups == MAXGROUP)
				die("%s: too many groups", t->name);
			group_name[ngroups++] = estrdup(t->f[tsv_col(t, "GRUPPE")]);
		}
		group_of[k] = g + 1;
	}
	tsv_close(t);
}

static void
load_population(void)
{
	tsv *t = tsv_open(pop_path, 0);
	int c_k = tsv_col(t, "KOMMUNE"), c_d = tsv_col(t, "DATO");
	int c_a = tsv_col(t, "ANTAL_18_64"), k, day, d;
	long v;

	pop = ecalloc(1000, sizeof *pop);
	while (tsv_row(t)) {
		if (!(k = kommune_code(t->f[c_k])) || !date_parse(t->f[c_d], &day) ||
		    !parse_uint(t->f[c_a], &v))
			die("%s:%ld: a population row needs KOMMUNE, DATO and ANTAL_18_64",
			    t->name, t->line);
		for (d = 0; d < ndates && dates[d] != day; d++)
			;
		if (d < ndates)
			pop[k][d] = (double)v;
	}
	tsv_close(t);
}

static void
read_figures(void)
{
	tsv *t = tsv_open(NULL, 0);
	int c_k = tsv_col(t, "KOMMUNE"), c_d = tsv_col(t, "DATO");
	int c_id = tsv_col(t, "NOEGLETAL"), c_t = tsv_col(t, "TAELLER");
	int c_n = tsv_col(t, "NAEVNER"), k, day, d, f, id, i;
	double tv, nv;
	struct cell *c;

	acct_begin(t);
	while (tsv_row(t)) {
		if (strcmp(t->f[c_k], "KOMMUNE") == 0 && strcmp(t->f[c_id], "NOEGLETAL") == 0) {
			acct_drop("repeated-header");	/* concatenated streams */
			continue;
		}
		if (!(k = kommune_code(t->f[c_k]))) {
			reject(t, c_k, "not a municipality code");
			continue;
		}
		if (!date_parse(t->f[c_d], &day) || !is_cut(day)) {
			reject(t, c_d, "not a cut date");
			continue;
		}
		if ((id = fig_id(t->f[c_id])) < 0 || (f = fig_index(id)) < 0) {
			reject(t, c_id, "not a key figure of the catalogue");
			continue;
		}
		if (!parse_double(t->f[c_t], &tv)) {
			reject(t, c_t, "not a number");
			continue;
		}
		nv = NAN;
		if (t->f[c_n][0] && !parse_double(t->f[c_n], &nv)) {
			reject(t, c_n, "not a number");
			continue;
		}
		if ((d = date_index(day)) < 0) {
			/* a new date: shift the columns after it */
			d = date_index(day);
			for (i = 0; i < nkom; i++) {
				k = kom[i].code;
				memmove(&cells[k][d + 1], &cells[k][d],
				    sizeof cells[k][0] * (size_t)(ndates - 1 - d));
				memset(&cells[k][d], 0, sizeof cells[k][d]);
			}
			k = kommune_code(t->f[c_k]);
		}
		c = &cells[k][d][f];
		if (c->has) {
			reject(t, c_id, "a second row for this KOMMUNE, DATO and key figure");
			continue;
		}
		c->t = tv;
		c->n = nv;
		c->has = 1;
		acct_wrote(1);
	}
	tsv_close(t);
}

/* ---- pooling and suppression ---- */

static int
small(const struct cell *c, int kind)
{
	if (threshold <= 0 || !c->has)
		return 0;
	return kind == COUNT ? c->t < threshold : (kind == SHARE || kind == MEAN) &&
	    c->n < threshold;
}

static void
add(struct cell *p, const struct cell *c)
{
	p->t += c->t;
	p->n += isnan(c->n) ? 0 : c->n;
	p->has = 1;
}

/* Pool the municipalities into the country (0) and groups (1..ngroups). */
static void
pool(void)
{
	int i, k, d, f;

	pooled = ecalloc((size_t)ngroups + 1, sizeof *pooled);
	for (i = 0; i < nkom; i++)
		for (k = kom[i].code, d = 0; d < ndates; d++)
			for (f = 0; f < nfigs; f++)
				if (cells[k][d][f].has) {
					add(&pooled[0][d][f], &cells[k][d][f]);
					if (group_of[k])
						add(&pooled[group_of[k]][d][f], &cells[k][d][f]);
				}
}

/* Hide one more of the counts in cs (the smallest shown, non-zero first). */
static int
hide_next(struct cell **cs, int n)
{
	int i, best = -1;

	for (i = 0; i < n; i++)
		if (cs[i]->has && !cs[i]->hidden &&
		    (best < 0 || cs[i]->t < cs[best]->t))
			best = i;
	if (best < 0)
		return 0;
	cs[best]->hidden = 1;
	return 1;
}

/*
 * Secondary suppression of counts that add up: when exactly one of a
 * sum's parts is hidden and the sum is shown, the smallest shown part is
 * hidden too (or, in a group of one, the group's total). The sums:
 * 7 = 7.1 + 7.2 + 7.3 in every area; every group and the country as the
 * sum of their municipalities, and the country as the sum of the groups
 * (all reports together must not give a hidden count away). Repeated
 * until nothing changes.
 */
static void
suppress(void)
{
	struct cell *cs[1000];
	int k, d, f, g, i, n, hidden, changed, f7[4];

	for (i = 0; i < nkom; i++)
		for (k = kom[i].code, d = 0; d < ndates; d++)
			for (f = 0; f < nfigs; f++)
				cells[k][d][f].hidden = (char)small(&cells[k][d][f], figs[f].kind);
	for (g = 0; g <= ngroups; g++)
		for (d = 0; d < ndates; d++)
			for (f = 0; f < nfigs; f++)
				pooled[g][d][f].hidden = (char)small(&pooled[g][d][f], figs[f].kind);
	f7[0] = fig_index(700), f7[1] = fig_index(701), f7[2] = fig_index(702), f7[3] = fig_index(703);
	do {
		changed = 0;
		for (i = -ngroups - 1; i < nkom; i++)
			for (d = 0; d < ndates; d++) {
				struct cell *row = i < 0 ? pooled[-i - 1][d] : cells[kom[i].code][d];
				int j;

				for (j = hidden = 0; j < 4; j++) {
					cs[j] = &row[f7[j]];
					hidden += cs[j]->has && cs[j]->hidden;
				}
				if (hidden == 1 && !cs[0]->hidden)
					changed |= hide_next(cs + 1, 3);
			}
		for (g = 0; g <= ngroups; g++)
			for (d = 0; d < ndates; d++)
				for (f = 0; f < nfigs; f++) {
					if (figs[f].kind != COUNT || pooled[g][d][f].hidden)
						continue;
					for (i = n = hidden = 0; i < nkom; i++)
						if (k = kom[i].code, cells[k][d][f].has &&
						    (g == 0 || group_of[k] == g)) {
							cs[n++] = &cells[k][d][f];
							hidden += cs[n - 1]->hidden;
						}
					/* A group of one: its total is the member. */
					if (hidden == 1 && !hide_next(cs, n))
						pooled[g][d][f].hidden = 1;
					changed |= hidden == 1;
					if (g > 0)
						continue;
					for (i = 1, n = hidden = 0; i <= ngroups; i++)
						if (pooled[i][d][f].has) {
							cs[n++] = &pooled[i][d][f];
							hidden += cs[n - 1]->hidden;
						}
					if (hidden == 1)
						changed |= hide_next(cs, n);
				}
	} while (changed);
}

/* ---- values ---- */

static const struct cell *
area_cell(int k, int unit, int d, int f)
{
	return unit == KOM ? &cells[k][d][f] : &pooled[unit == LAND ? 0 : group_of[k]][d][f];
}

static double
area_pop(int k, int unit, int d)
{
	double s = 0;
	int j;

	if (unit == KOM)
		return pop[k][d];
	for (j = 0; j < nkom; j++)
		if (unit == LAND || (group_of[kom[j].code] &&
		    group_of[kom[j].code] == group_of[k]))
			s += pop[kom[j].code][d];
	return s;
}

/*
 * The text of a cell: "" no data, "i.t." not available before the first
 * valid date, "<N" suppressed; else the value (rate: per 10,000).
 */
static const char *
cell_text(int k, int unit, int d, int f, int rate, double *value)
{
	static char buf[64];
	const struct cell *c = area_cell(k, unit, d, f);
	double v, p;

	*value = NAN;
	if (dates[d] < figs[f].first)
		return "i.t.";
	if (!c->has)
		return "";
	if (c->hidden) {
		snprintf(buf, sizeof buf, "<%ld", threshold);
		return buf;
	}
	switch (figs[f].kind) {
	case COUNT:
		v = c->t;
		if (rate) {
			if ((p = area_pop(k, unit, d)) <= 0)
				return "";
			v = v * 10000 / p;
		}
		break;
	case SHARE:
		v = 100 * c->t / c->n;
		break;
	default:
		v = c->t / c->n;
	}
	*value = v;
	snprintf(buf, sizeof buf, figs[f].kind == COUNT && !rate ? "%.0f" :
	    figs[f].kind == RATIO ? "%.3f" : "%.1f", v);
	return buf;
}

static const char *
unit_label(int f, int rate)
{
	if (rate)
		return "pr. 10.000 18-64-årige";
	switch (figs[f].kind) {
	case SHARE:
		return "pct.";
	case MEAN:
		return "point (0-100)";
	case RATIO:
		return "kr. pr. kr.";
	}
	return figs[f].unit;
}

static const char *
area_name(int k, int unit)
{
	return unit == KOM ? kommune_get(k)->name : unit == GRP ?
	    (group_of[k] ? group_name[group_of[k] - 1] : "") : "Hele landet";
}

/* Why a figure is not available at the first dates, if it is not. */
static const char *
note(int f)
{
	static char buf[256];
	char day[11];

	if (figs[f].first <= dates[0])
		return "";
	date_fmt(figs[f].first, day);
	snprintf(buf, sizeof buf, "i.t. før %s: %s", day,
	    strcmp(figs[f].theme, "udgifter") == 0 ? "regnskaberne bruges fra 2018" :
	    "§82a/b indberettes først fra 2020-07-01");
	return buf;
}

/* Rows of a report: figure x area, and a rate row for counts with -p. */
#define ROWS(f, unit, rate) \
	for (f = 0; f < nfigs; f++) \
		for (rate = 0; rate <= (pop && figs[f].kind == COUNT); rate++) \
			for (unit = 0; unit < NUNIT; unit++)

/* ---- TSV ---- */

static void
write_tsv(FILE *out, int k)
{
	int f, unit, rate, d;
	char day[11];
	double v;

	fprintf(out, "KOMMUNE\tNOEGLETAL\tNAVN\tENHED\tOMRAADE");
	for (d = 0; d < ndates; d++) {
		date_fmt(dates[d], day);
		fprintf(out, "\t%s", day);
	}
	fprintf(out, "\tNOTE\n");
	ROWS(f, unit, rate) {
		fprintf(out, "%03d\t%s\t%s\t%s\t%s", k, figs[f].label, figs[f].name,
		    unit_label(f, rate), area_name(k, unit));
		for (d = 0; d < ndates; d++)
			fprintf(out, "\t%s", cell_text(k, unit, d, f, rate, &v));
		fprintf(out, "\t%s\n", note(f));
	}
}

/* ---- HTML ---- */

static const char *theme_keys[] = { "trappe", "bevaegelser", "beskaeftigelse",
	"trivsel", "genindlaeggelser", "udgifter" };
static const char *theme_titles[] = { "Indsatstrappen", "Bevægelser på trappen",
	"Uddannelse og beskæftigelse", "Trivsel og recovery", "Genindlæggelser",
	"Udgifter" };
#define NTHEME 6
static const char *colors[] = { "#1f5f8b", "#e07b39", "#7a7a7a", "#3c9d5d",
	"#b0413e", "#8e6bbf", "#c9a227" };

static void
esc(FILE *out, const char *s)
{
	for (; *s; s++)
		if (*s == '&')
			fputs("&amp;", out);
		else if (*s == '<')
			fputs("&lt;", out);
		else if (*s == '>')
			fputs("&gt;", out);
		else
			fputc(*s, out);
}

/*
 * A line chart in inline SVG: one line per series over the cut dates,
 * gaps where a value is missing, hidden or not available.
 */
static void
svg_chart(FILE *out, const char *title, int nser, const char **names,
    double (*v)[MAXDATE], int percent)
{
	const int W = 460, L = 48, R = 12, T = 28, B = 76 + 14 * ((nser - 1) / 4);
	const int H = 172 + B;
	double max = 0, x, y;
	int s, d, pen, ticks = 4, i, dec;
	char day[11];

	for (s = 0; s < nser; s++)
		for (d = 0; d < ndates; d++)
			if (!isnan(v[s][d]) && v[s][d] > max)
				max = v[s][d];
	max = max > 0 ? max * 1.1 : 1;
	dec = max / ticks >= 10 ? 0 : max / ticks >= 1 ? 1 : 2;	/* y labels */
	fprintf(out, "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	    "width=\"%d\" height=\"%d\" role=\"img\"><title>", W, H, W, H);
	esc(out, title);
	fprintf(out, "</title>\n<text x=\"%d\" y=\"16\" class=\"t\">", 8);
	for (i = 0; title[i] && i < 58; i++)	/* long names: the start, and all in <title> */
		fputc(title[i], out);
	if (title[i])
		fputs("…", out);
	fputs("</text>\n", out);
	for (i = 0; i <= ticks; i++) {
		y = T + (H - T - B) * (1 - (double)i / ticks);
		fprintf(out, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"g\"/>"
		    "<text x=\"%d\" y=\"%.1f\" class=\"y\">%.*f%s</text>\n", L, W - R, y, y,
		    L - 4, y + 4, dec, max * i / ticks, percent ? "%" : "");
	}
	for (d = 0; d < ndates; d++) {
		x = L + (ndates > 1 ? (double)(W - L - R) * d / (ndates - 1) : 0);
		date_fmt(dates[d], day);
		if (ndates <= 8 || d % 2 == 0 || d == ndates - 1)
			fprintf(out, "<text x=\"%.1f\" y=\"%d\" class=\"x\" transform=\"rotate(-45 %.1f %d)\">%s</text>\n",
			    x, H - B + 14, x, H - B + 14, day);
	}
	for (s = 0; s < nser; s++) {
		fprintf(out, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2\" d=\"", colors[s % 7]);
		for (d = 0, pen = 0; d < ndates; d++) {
			if (isnan(v[s][d])) {
				pen = 0;
				continue;
			}
			x = L + (ndates > 1 ? (double)(W - L - R) * d / (ndates - 1) : 0);
			y = T + (H - T - B) * (1 - v[s][d] / max);
			fprintf(out, "%c%.1f %.1f ", pen ? 'L' : 'M', x, y);
			pen = 1;
		}
		fputs("\"/>\n", out);
		for (d = 0; d < ndates; d++)
			if (!isnan(v[s][d]))
				fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>",
				    L + (ndates > 1 ? (double)(W - L - R) * d / (ndates - 1) : 0),
				    T + (H - T - B) * (1 - v[s][d] / max), colors[s % 7]);
		fprintf(out, "\n<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
		    "<text x=\"%d\" y=\"%d\" class=\"l\">", 8 + (nser > 3 ? 112 : 150) * (s % 4),
		    H - B + 62 + 14 * (s / 4), colors[s % 7], 22 + (nser > 3 ? 112 : 150) * (s % 4), H - B + 71 + 14 * (s / 4));
		esc(out, names[s]);
		fputs("</text>\n", out);
	}
	fputs("</svg></figure>\n", out);
}

static void
write_html(FILE *out, int k)
{
	double v[NUNIT + 8][MAXDATE], dummy;
	const char *names[NUNIT + 8];
	char first[11], last[11], title[512];
	int th, f, unit, rate, d, n, ids[8];

	date_fmt(dates[0], first);
	date_fmt(dates[ndates - 1], last);
	fputs("<!DOCTYPE html>\n<html lang=\"da\"><head><meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width\">\n<title>", out);
	fprintf(out, "Socialpsykiatriens nøgletal: ");
	esc(out, kommune_get(k)->name);
	fputs("</title>\n<style>\n"
	    "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1480px;padding:0 1em;color:#222}\n"
	    "h1{margin-bottom:.2em} .sub{color:#555;margin-top:0} .warn{background:#fde2e1;padding:.5em;border-left:4px solid #b0413e}\n"
	    "section{margin:1.5em 0} .charts{display:flex;flex-wrap:wrap;gap:12px}\n"
	    "figure{margin:0;background:#fafafa;border:1px solid #e3e3e3;border-radius:6px}\n"
	    "svg text{font-size:11px;fill:#333} svg .t{font-size:13px;font-weight:600}\n"
	    "svg .y{text-anchor:end} svg .x{text-anchor:end;font-size:10px} svg .g{stroke:#ddd}\n"
	    "table{border-collapse:collapse;font-size:12px} td,th{border:1px solid #ddd;padding:2px 6px;text-align:right}\n"
	    "td.s,th.s{text-align:left} tr:nth-child(even){background:#f6f6f6}\n"
	    "</style></head><body>\n<h1>Socialpsykiatriens nøgletal: ", out);
	esc(out, kommune_get(k)->name);
	fprintf(out, "</h1>\n<p class=\"sub\">Kommune %03d · sammenligningsgruppe: ", k);
	esc(out, area_name(k, GRP));
	fprintf(out, " · hele landet · perioden %s til %s</p>\n", first, last);
	if (threshold <= 0)
		fputs("<p class=\"warn\">Diskretionering slået fra (-n 0): kun til intern brug, "
		    "må ikke offentliggøres.</p>\n", out);
	else
		fprintf(out, "<p class=\"sub\">Små tal er diskretioneret: antal under %ld og "
		    "andele og gennemsnit med under %ld personer vises som &lt;%ld og ikke i "
		    "figurerne. i.t. = ikke tilgængelig.</p>\n", threshold, threshold, threshold);
	for (th = 0; th < NTHEME; th++) {
		fprintf(out, "<section><h2>%s</h2>\n<div class=\"charts\">\n", theme_titles[th]);
		/* Count themes: the municipality's figures together in one chart. */
		for (f = n = 0; f < nfigs && n < 8; f++)
			if (strcmp(figs[f].theme, theme_keys[th]) == 0 && figs[f].kind == COUNT)
				ids[n++] = f;
		if (n > 0) {
			for (unit = 0; unit < n; unit++) {
				names[unit] = figs[ids[unit]].label;
				for (d = 0; d < ndates; d++)
					cell_text(k, KOM, d, ids[unit], 0, &v[unit][d]);
			}
			snprintf(title, sizeof title, "%s: personer (nøgletal %s-%s)",
			    theme_titles[th], figs[ids[0]].label, figs[ids[n - 1]].label);
			svg_chart(out, title, n, names, v, 0);
		}
		/* Every figure against the group and the country. */
		for (f = 0; f < nfigs; f++) {
			if (strcmp(figs[f].theme, theme_keys[th]) != 0)
				continue;
			rate = figs[f].kind == COUNT;
			if (rate && !pop)
				continue;
			for (unit = 0; unit < NUNIT; unit++) {
				names[unit] = area_name(k, unit);
				for (d = 0; d < ndates; d++)
					cell_text(k, unit, d, f, rate, &v[unit][d]);
			}
			snprintf(title, sizeof title, "%s %s (%s)", figs[f].label, figs[f].name,
			    unit_label(f, rate));
			svg_chart(out, title, NUNIT, names, v, figs[f].kind == SHARE);
		}
		fputs("</div></section>\n", out);
	}
	fputs("<section><h2>Tabel</h2>\n<table><tr><th class=\"s\">Nøgletal</th>"
	    "<th class=\"s\">Navn</th><th class=\"s\">Enhed</th><th class=\"s\">Område</th>", out);
	for (d = 0; d < ndates; d++) {
		date_fmt(dates[d], first);
		fprintf(out, "<th>%s</th>", first);
	}
	fputs("<th class=\"s\">Note</th></tr>\n", out);
	ROWS(f, unit, rate) {
		fprintf(out, "<tr id=\"nt-%s-%d-%d\"><td class=\"s\">%s</td><td class=\"s\">",
		    figs[f].label, unit, rate, figs[f].label);
		esc(out, figs[f].name);
		fprintf(out, "</td><td class=\"s\">%s</td><td class=\"s\">", unit_label(f, rate));
		esc(out, area_name(k, unit));
		fputs("</td>", out);
		for (d = 0; d < ndates; d++) {
			fputs("<td>", out);
			esc(out, cell_text(k, unit, d, f, rate, &dummy));
			fputs("</td>", out);
		}
		fprintf(out, "<td class=\"s\">%s</td></tr>\n", note(f));
	}
	fputs("</table></section>\n</body></html>\n", out);
}

/* ---- Excel ---- */

static void
xlsx_check(lxw_error e, const char *what)
{
	if (e != LXW_NO_ERROR)
		die("xlsx: %s: %s", what, lxw_strerror(e));
}

static void
write_xlsx(const char *path, int k)
{
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws;
	lxw_chart *chart;
	lxw_chart_series *ser;
	lxw_format *bold, *num;
	int th, f, unit, rate, d, row;
	const char *text;
	char day[11], title[512];
	double v;

	if (wb == NULL)
		die("%s: cannot create the workbook", path);
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	num = workbook_add_format(wb);
	format_set_num_format(num, "0.0");
	for (th = 0; th < NTHEME; th++) {
		ws = workbook_add_worksheet(wb, theme_titles[th]);
		if (ws == NULL)
			die("%s: cannot add a worksheet", path);
		worksheet_write_string(ws, 0, 0, "Nøgletal", bold);
		worksheet_write_string(ws, 0, 1, "Navn", bold);
		worksheet_write_string(ws, 0, 2, "Enhed", bold);
		worksheet_write_string(ws, 0, 3, "Område", bold);
		for (d = 0; d < ndates; d++) {
			date_fmt(dates[d], day);
			worksheet_write_string(ws, 0, (lxw_col_t)(4 + d), day, bold);
		}
		worksheet_write_string(ws, 0, (lxw_col_t)(4 + ndates), "Note", bold);
		worksheet_set_column(ws, 1, 1, 48, NULL);
		worksheet_set_column(ws, 3, 3, 18, NULL);
		chart = workbook_add_chart(wb, LXW_CHART_LINE);
		snprintf(title, sizeof title, "%s: %s", theme_titles[th], kommune_get(k)->name);
		chart_title_set_name(chart, title);
		row = 1;
		ROWS(f, unit, rate) {
			if (strcmp(figs[f].theme, theme_keys[th]) != 0)
				continue;
			worksheet_write_string(ws, (lxw_row_t)row, 0, figs[f].label, NULL);
			worksheet_write_string(ws, (lxw_row_t)row, 1, figs[f].name, NULL);
			worksheet_write_string(ws, (lxw_row_t)row, 2, unit_label(f, rate), NULL);
			worksheet_write_string(ws, (lxw_row_t)row, 3, area_name(k, unit), NULL);
			for (d = 0; d < ndates; d++) {
				text = cell_text(k, unit, d, f, rate, &v);
				if (!isnan(v))
					worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)(4 + d), v,
					    figs[f].kind == COUNT && !rate ? NULL : num);
				else if (*text)
					worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)(4 + d), text, NULL);
			}
			worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)(4 + ndates), note(f), NULL);
			/* The chart: the municipality's own rows. */
			if (unit == KOM && !rate) {
				ser = chart_add_series(chart, NULL, NULL);
				chart_series_set_categories(ser, theme_titles[th], 0, 4, 0,
				    (lxw_col_t)(3 + ndates));
				chart_series_set_values(ser, theme_titles[th], (lxw_row_t)row, 4,
				    (lxw_row_t)row, (lxw_col_t)(3 + ndates));
				chart_series_set_name_range(ser, theme_titles[th], (lxw_row_t)row, 0);
			}
			row++;
		}
		worksheet_insert_chart(ws, (lxw_row_t)(row + 1), 1, chart);
	}
	ws = workbook_add_worksheet(wb, "Om tallene");
	worksheet_write_string(ws, 0, 0, threshold <= 0 ?
	    "Diskretionering slået fra (-n 0): kun til intern brug, må ikke offentliggøres." :
	    "Små tal er diskretioneret: antal under tærsklen og andele og gennemsnit med "
	    "få personer vises som <N. i.t. = ikke tilgængelig.", NULL);
	xlsx_check(workbook_close(wb), path);
}

/* ---- main ---- */

static void
copy_to_stdout(const char *path)
{
	char buf[65536];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (f == NULL)
		die("%s: %s", path, strerror(errno));
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		if (fwrite(buf, 1, n, stdout) != n)
			die("<stdout>: write error: %s", strerror(errno));
	fclose(f);
}

static void
one_report(const char *fmt, const char *dir, int k)
{
	char path[4096];
	FILE *out = stdout;
	int fd;

	if (strcmp(fmt, "xlsx") == 0) {
		if (dir)
			snprintf(path, sizeof path, "%s/rapport-%03d.xlsx", dir, k);
		else {
			snprintf(path, sizeof path, "%s/noegletal-XXXXXX", getenv("TMPDIR") ?
			    getenv("TMPDIR") : "/tmp");
			if ((fd = mkstemp(path)) < 0)
				die("%s: %s", path, strerror(errno));
			close(fd);
		}
		write_xlsx(path, k);
		if (!dir) {
			copy_to_stdout(path);
			unlink(path);
		}
		return;
	}
	if (dir) {
		snprintf(path, sizeof path, "%s/rapport-%03d.%s", dir, k, fmt);
		if ((out = fopen(path, "w")) == NULL)
			die("%s: %s", path, strerror(errno));
	}
	if (strcmp(fmt, "html") == 0)
		write_html(out, k);
	else
		write_tsv(out, k);
	if (dir && fclose(out) != 0)
		die("%s: write error: %s", path, strerror(errno));
}

int
main(int argc, char **argv)
{
	const char *fmt = "tsv", *dir = NULL, *groups = NULL;
	int c, k = 0, i, any;

	prog_init(argc, argv);
	while ((c = getopt(argc, argv, "d:g:hk:n:o:p:r:uz:")) != -1) {
		if (common_opt(c, optarg))
			continue;
		switch (c) {
		case 'd':
			dir = optarg;
			break;
		case 'g':
			groups = optarg;
			break;
		case 'h':
			usage();
			return 0;
		case 'k':
			if (!(k = kommune_code(optarg)))
				usage_die(SYNOPSIS);
			break;
		case 'n':
			if (!parse_uint(optarg, &threshold))
				usage_die(SYNOPSIS);
			break;
		case 'o':
			fmt = optarg;
			break;
		case 'p':
			pop_path = optarg;
			break;
		default:
			usage_die(SYNOPSIS);
		}
	}
	if (optind != argc || (strcmp(fmt, "tsv") && strcmp(fmt, "html") &&
	    strcmp(fmt, "xlsx")) || (!k && strcmp(fmt, "tsv") && !dir))
		usage_die(SYNOPSIS);
	kom = kommune_all(&nkom);
	load_catalogue();
	load_groups(groups);
	cells = ecalloc(1000, sizeof *cells);
	read_figures();
	if (ndates == 0) {
		acct_end(-1);	/* the reject file, complete */
		die("<stdin>: no figures to report");
	}
	if (pop_path)
		load_population();
	pool();
	suppress();
	if (threshold <= 0)
		warn("suppression is off (-n 0): for internal use only");
	if (k) {
		one_report(fmt, dir, k);
	} else {
		for (i = 0, any = 0; i < nkom; i++) {
			if (strcmp(fmt, "tsv") == 0 && any)
				fputc('\n', stdout);
			one_report(fmt, dir, kom[i].code);
			any = 1;
		}
	}
	if (fflush(stdout) != 0 || ferror(stdout))
		die("<stdout>: write error: %s", strerror(errno));
	acct_end(-1);
	return 0;
}
