/*
 * report: the key figures of a municipality beside its comparison group
 * and the whole country (SPEC 4), as a TSV table, a self-contained HTML
 * page with SVG charts, or an Excel workbook with native charts.
 * Reads figure streams (KOMMUNE DATO NOEGLETAL TAELLER NAEVNER), several
 * concatenated ones too; the catalogue share/noegletal/noegletal.tsv
 * (NOEGLETAL NAVN TEMA ART ENHED FOERSTE_DATO, and KORTNAVN PERIODE
 * IT_GRUND when present); -g GRUPPE KOMMUNE; -p KOMMUNE DATO ANTAL_18_64.
 *
 * The model: a cell per area (the 98 municipalities, the groups, the
 * country), cut date and key figure, holding TAELLER and NAEVNER; groups
 * and country pool their municipalities. Suppression marks cells hidden
 * once for all areas, so every report of one run agrees with every other.
 * The writers only ask cell_state() what to show.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "date.h"
#include "fig.h"
#include "tables.h"
#include "tsv.h"
#include "util.h"

#define SYNOPSIS "report [-hu] [-d dir] [-g groups] [-k kommune] [-n threshold] " \
	"[-o tsv|html|xlsx] [-p population] [-r rejects]"
#define MAXFIG 64
#define MAXDATE 64
#define NOTELEN 4096

enum { COUNT, SHARE, MEAN, RATIO };
enum { KOM, GRP, LAND, NLEVEL };	/* the three areas of a report */
/* What a cell shows, and the reasons in the order NOTE lists them. */
enum { ST_OK, ST_LATE, ST_YEARLY, ST_NOGROUP, ST_NODATA, ST_NOPOP, ST_HIDDEN, ST_HIDDEN2,
	NSTATE };

struct fig {			/* a row of the catalogue */
	int id;			/* major * 100 + minor */
	char label[16];		/* "7.1" */
	char *name, *shortname, *theme, *unit;
	char *why_late;		/* why there is no value before first */
	int kind;		/* COUNT, SHARE, MEAN, RATIO */
	int first;		/* FOERSTE_DATO */
	int yearly;		/* PERIODE aar: 31 December only */
};

struct cell {			/* one key figure at one cut date for one area */
	double t, n;		/* TAELLER, NAEVNER; pooled for groups and country */
	char has;		/* a row was read (or pooled) */
	char primary;		/* small by itself */
	char hidden;		/* suppressed, primary or secondary */
};

struct rel {			/* total = sum of parts; total NULL: parts = 100 % */
	struct cell *total;
	int kind;		/* of every cell in it: how to weigh them */
	int off, n;		/* the parts: relpart[off .. off + n) */
};

static const char *levels[NLEVEL] = { "kommune", "gruppe", "landet" };
static struct fig figs[MAXFIG];
static int nfigs, fig_at[2100];		/* id -> index + 1 */
static int dates[MAXDATE], ndates;	/* the cut dates read, ascending */
static const struct kommune *kom;	/* areas 0 .. nkom-1, ascending code */
static int nkom, ngroups, narea, land;	/* groups nkom.., country land */
static int kom_at[1000];		/* municipality code -> area + 1 */
static int *group_of;			/* municipality area -> group area, -1 */
static char **group_name;		/* [group]: its name */
static int *group_size;			/* [group]: its municipalities */
static struct cell *cells;		/* [area][date][fig] */
static double *pop;			/* [area][date]: 18-64-year-olds, NAN */
static struct rel *rels;
static struct cell **relpart;
static int nrels, nrelpart, relcap, partcap;
static long threshold;
static char tmp_path[4096];		/* the xlsx copied to stdout */

#define AT(a, d, f) (&cells[((size_t)(a) * (size_t)ndates + (size_t)(d)) * \
	(size_t)nfigs + (size_t)(f)])
#define POP(a, d) pop[(size_t)(a) * (size_t)ndates + (size_t)(d)]

static void
usage(void)
{
	puts("usage: " SYNOPSIS "\n"
	    "\n"
	    "Reads figure streams and writes, for one municipality (-k) or each, every\n"
	    "key figure by cut date for the municipality, its comparison group (its\n"
	    "region; -g groups.tsv with columns GRUPPE KOMMUNE replaces it) and the\n"
	    "whole country. Group and country pool TAELLER and NAEVNER. Counts are\n"
	    "persons, shares are shown in percent, means in points, ratios as kr.\n"
	    "per kr.; -p adds counts per 10,000 18-64-year-olds.\n"
	    "\n"
	    "Small numbers are suppressed: a count below the threshold N, or a share\n"
	    "or mean whose NAEVNER is below it, is shown as <N (and left out of the\n"
	    "charts) for municipality, group and country alike. Secondary\n"
	    "suppression, shown as '..': in every sum that the report shows\n"
	    "(7 = 7.1 + 7.2 + 7.3, 12 = 12.1 + 12.2, 13 = 13.1 + 13.2, 15.1 + 15.2 +\n"
	    "15.3 = 100 %, 20.1 + ... + 20.6 = 100 %, a group = its municipalities,\n"
	    "the country = its municipalities = its groups and the ungrouped ones),\n"
	    "the hidden parts are none, or at least two that together weigh N or\n"
	    "more and cannot be pinned by their bounds; else the smallest part\n"
	    "shown is hidden too (the total when none is left). The weight is the\n"
	    "count, or the NAEVNER of a share or mean. Figure 19 (kr. per kr.) is\n"
	    "never suppressed. Values are rounded as shown in every format.\n"
	    "\n"
	    "  -d dir        write dir/rapport-KKK.tsv, .html or .xlsx (mode 0600)\n"
	    "  -g groups     comparison groups: GRUPPE KOMMUNE (default: the regions)\n"
	    "  -k kommune    one municipality, to standard output; without -k every\n"
	    "                municipality with figures (tsv: one table to standard\n"
	    "                output; html and xlsx need -d)\n"
	    "  -n threshold  suppression threshold (default 5); 0 turns suppression\n"
	    "                off, for internal use, and the report says so\n"
	    "  -o format     tsv (default), html or xlsx\n"
	    "  -p population KOMMUNE DATO ANTAL_18_64 (plain or gzip)\n"
	    "  -r rejects    reject mode: bad rows go to rejects with a REASON column\n"
	    "  -u            accepted; a report is a document and always plain\n"
	    "\n"
	    "TSV: KOMMUNE NOEGLETAL NAVN ENHED NIVEAU OMRAADE, one column per cut date,\n"
	    "NOTE. A cell is the value, <N or .. when suppressed, i.t. before the\n"
	    "figure's first valid date, empty when there is nothing; NOTE says why,\n"
	    "date by date. Exit 0 ok, 1 bad input or I/O error, 2 usage.");
}

/* ---- reading ---- */

static int
cmp_fig(const void *a, const void *b)
{
	return ((const struct fig *)a)->id - ((const struct fig *)b)->id;
}

static char *
column_or(tsv *t, int col, const char *dflt)
{
	return estrdup(col >= 0 && t->f[col][0] ? t->f[col] : dflt);
}

static void
load_catalogue(void)
{
	static const char *kinds[] = { "count", "share", "mean", "ratio" };
	tsv *t = table_open(NULL, "noegletal.tsv");
	int c_id = tsv_col(t, "NOEGLETAL"), c_name = tsv_col(t, "NAVN");
	int c_theme = tsv_col(t, "TEMA"), c_kind = tsv_col(t, "ART");
	int c_unit = tsv_col(t, "ENHED"), c_first = tsv_col(t, "FOERSTE_DATO");
	int c_short = tsv_find(t, "KORTNAVN"), c_per = tsv_find(t, "PERIODE");
	int c_why = tsv_find(t, "IT_GRUND"), i, k;
	struct fig *f;

	while (tsv_row(t)) {
		if (nfigs == MAXFIG)
			die("%s: more than %d key figures", t->name, MAXFIG);
		f = &figs[nfigs++];
		f->id = fig_id(t->f[c_id]);
		for (k = 0; k < 4 && strcmp(kinds[k], t->f[c_kind]) != 0; k++)
			;
		if (f->id < 0 || k == 4 || !date_parse(t->f[c_first], &f->first))
			die("%s:%ld: bad catalogue row", t->name, t->line);
		f->kind = k;
		fig_id_fmt(f->id, f->label);
		f->name = estrdup(t->f[c_name]);
		f->shortname = column_or(t, c_short, t->f[c_name]);
		f->theme = estrdup(t->f[c_theme]);
		f->unit = estrdup(t->f[c_unit]);
		f->why_late = column_or(t, c_why, "ikke opgjort for denne dato");
		f->yearly = c_per >= 0 && strcmp(t->f[c_per], "aar") == 0;
	}
	tsv_close(t);
	qsort(figs, (size_t)nfigs, sizeof figs[0], cmp_fig);
	for (i = 0; i < nfigs; i++)
		fig_at[figs[i].id] = i + 1;
}

static int
fig_index(int id)
{
	return id > 0 && id < 2100 ? fig_at[id] - 1 : -1;
}

/* The comparison groups: the regions, or GRUPPE KOMMUNE from path. */
static void
load_groups(const char *path)
{
	int g, a, c_g, c_k, code;
	tsv *t;

	group_of = emalloc(sizeof *group_of * (size_t)nkom);
	group_name = ecalloc((size_t)nkom, sizeof *group_name);
	group_size = ecalloc((size_t)nkom, sizeof *group_size);
	for (a = 0; a < nkom; a++)
		group_of[a] = -1;
	if (path == NULL) {
		for (a = 0; a < nkom; a++) {
			for (g = 0; g < ngroups && strcmp(group_name[g], kom[a].region_name); g++)
				;
			if (g == ngroups)
				group_name[ngroups++] = estrdup(kom[a].region_name);
			group_of[a] = g;
		}
	} else {
		t = tsv_open(path, 0);
		c_g = tsv_col(t, "GRUPPE");
		c_k = tsv_col(t, "KOMMUNE");
		while (tsv_row(t)) {	/* reject() dies: t is not the main input */
			if (!(code = kommune_code(t->f[c_k])))
				reject(t, c_k, "not a municipality code");
			if (t->f[c_g][0] == '\0')
				reject(t, c_g, "empty");
			if (group_of[a = kom_at[code] - 1] >= 0)
				reject(t, c_k, "a municipality in a second group");
			for (g = 0; g < ngroups && strcmp(group_name[g], t->f[c_g]); g++)
				;
			if (g == ngroups)
				group_name[ngroups++] = estrdup(t->f[c_g]);
			group_of[a] = g;
		}
		tsv_close(t);
	}
	for (a = 0; a < nkom; a++)
		if (group_of[a] >= 0)
			group_size[group_of[a]]++, group_of[a] += nkom;
	narea = nkom + ngroups + 1;
	land = narea - 1;
}

static int
date_index(int day)
{
	int lo = 0, hi = ndates - 1, mid;

	while (lo <= hi) {
		mid = (lo + hi) / 2;
		if (dates[mid] == day)
			return mid;
		if (dates[mid] < day)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* Is the current row a header line (the names in another order)? */
static int
row_is_header(const tsv *t)
{
	int i;

	for (i = 0; i < t->ncol; i++)
		if (tsv_find(t, t->f[i]) < 0)
			return 0;
	return 1;
}

/*
 * The figure rows, into the municipalities' cells. A cut date gets a slot
 * when first seen; the slots are sorted at the end. The header line of a
 * concatenated stream comes again: an exact repeat is dropped as such.
 */
static void
read_figures(tsv *t)
{
	int c_k = tsv_col(t, "KOMMUNE"), c_d = tsv_col(t, "DATO");
	int c_id = tsv_col(t, "NOEGLETAL"), c_t = tsv_col(t, "TAELLER");
	int c_n = tsv_col(t, "NAEVNER"), slot_day[MAXDATE], order[MAXDATE];
	int nslot = 0, code, day, s, f, i, a, d, y, m, dd;
	size_t hl = 0;
	char *head;
	double tv, nv;
	struct cell *raw, *c;

	for (i = 0; i < t->ncol; i++)
		hl += strlen(t->head[i]) + 1;
	head = emalloc(hl);
	for (i = 0, head[0] = '\0'; i < t->ncol; i++)
		strcat(strcat(head, i ? "\t" : ""), t->head[i]);
	hl = strlen(head);
	raw = ecalloc((size_t)nkom * MAXDATE * (size_t)nfigs, sizeof *raw);
	while (tsv_line(t)) {
		if (t->ll == hl && memcmp(t->lp, head, hl) == 0) {
			acct_drop("repeated-header");
			continue;
		}
		if (!tsv_split(t))
			continue;
		if (row_is_header(t)) {
			reject(t, -1, "a header line with the columns in another order");
			continue;
		}
		if (!(code = kommune_code(t->f[c_k]))) {
			reject(t, c_k, "not a municipality code");
			continue;
		}
		if (!date_parse(t->f[c_d], &day) || !is_cut(day)) {
			reject(t, c_d, "not a cut date (YYYY-06-30 or YYYY-12-31)");
			continue;
		}
		if ((f = fig_index(fig_id(t->f[c_id]))) < 0) {
			reject(t, c_id, "not a key figure of the catalogue");
			continue;
		}
		civil_from_days(day, &y, &m, &dd);
		if (figs[f].yearly && m != 12) {
			reject(t, c_d, "not 31 December, and the figure is yearly");
			continue;
		}
		if (!parse_double(t->f[c_t], &tv)) {
			reject(t, c_t, "not a number");
			continue;
		}
		nv = NAN;
		if (figs[f].kind == COUNT) {
			if (tv < 0 || tv != floor(tv)) {
				reject(t, c_t, "not a count (a whole number, 0 or more)");
				continue;
			}
			if (t->f[c_n][0] != '\0') {
				reject(t, c_n, "not empty, and the figure is a count");
				continue;
			}
		} else if (!parse_double(t->f[c_n], &nv)) {
			reject(t, c_n, "not a number");
			continue;
		} else if (nv == 0) {
			reject(t, c_n, "zero (a ratio with NAEVNER 0 is never written)");
			continue;
		}
		if (day < figs[f].first) {
			acct_drop("before-first-valid-date");
			continue;
		}
		for (s = 0; s < nslot && slot_day[s] != day; s++)
			;
		if (s == nslot) {
			if (nslot == MAXDATE)
				die("%s:%ld: more than %d cut dates", t->name, t->line, MAXDATE);
			slot_day[nslot++] = day;
		}
		c = &raw[((size_t)(kom_at[code] - 1) * MAXDATE + (size_t)s) * (size_t)nfigs +
		    (size_t)f];
		if (c->has) {
			reject(t, c_id, "a second row for this KOMMUNE, DATO and NOEGLETAL");
			continue;
		}
		c->t = tv;
		c->n = nv;
		c->has = 1;
		acct_wrote(1);
	}
	free(head);
	/* The slots in date order, into cells[area][date][fig]. */
	ndates = nslot;
	for (s = 0; s < nslot; s++)
		dates[s] = slot_day[s];
	qsort(dates, (size_t)ndates, sizeof dates[0], cmp_int);
	for (s = 0; s < nslot; s++)
		order[date_index(slot_day[s])] = s;
	cells = ecalloc((size_t)narea * (size_t)(ndates ? ndates : 1) * (size_t)nfigs,
	    sizeof *cells);
	for (a = 0; a < nkom; a++)
		for (d = 0; d < ndates; d++)
			memcpy(AT(a, d, 0), &raw[((size_t)a * MAXDATE + (size_t)order[d]) *
			    (size_t)nfigs], sizeof *cells * (size_t)nfigs);
	free(raw);
}

/* Groups and country: the sums of TAELLER and NAEVNER of their municipalities. */
static void
pool(void)
{
	struct cell *c, *p;
	int a, d, f, i, to[2];

	for (a = 0; a < nkom; a++)
		for (d = 0; d < ndates; d++)
			for (f = 0; f < nfigs; f++) {
				if (!(c = AT(a, d, f))->has)
					continue;
				to[0] = land, to[1] = group_of[a];
				for (i = 0; i < 2 && to[i] >= 0; i++) {
					p = AT(to[i], d, f);
					p->t += c->t;
					p->n = figs[f].kind == COUNT ? NAN : p->n + c->n;
					p->has = 1;
				}
			}
}

static void
load_population(const char *path)
{
	tsv *t = tsv_open(path, 0);
	int c_k = tsv_col(t, "KOMMUNE"), c_d = tsv_col(t, "DATO");
	int c_a = tsv_col(t, "ANTAL_18_64"), code, day, a, d;
	double *p;
	long v;

	pop = emalloc(sizeof *pop * (size_t)narea * (size_t)ndates);
	for (a = 0; a < narea * ndates; a++)
		pop[a] = NAN;
	while (tsv_row(t)) {	/* reject() dies: t is not the main input */
		if (!(code = kommune_code(t->f[c_k])))
			reject(t, c_k, "not a municipality code");
		if (!date_parse(t->f[c_d], &day))
			reject(t, c_d, "not a date (YYYY-MM-DD)");
		if (!parse_uint(t->f[c_a], &v))
			reject(t, c_a, "not a whole number");
		if ((d = date_index(day)) < 0)
			continue;	/* a date the report does not show */
		if (!isnan(*(p = &POP(kom_at[code] - 1, d))))
			reject(t, c_d, "a second row for this KOMMUNE and DATO");
		*p = (double)v;
	}
	tsv_close(t);
	/* Group and country: every member's population, or unknown. */
	for (a = nkom; a < narea; a++)
		for (d = 0; d < ndates; d++)
			POP(a, d) = 0;
	for (a = 0; a < nkom; a++)
		for (d = 0; d < ndates; d++) {
			POP(land, d) += POP(a, d);
			if (group_of[a] >= 0)
				POP(group_of[a], d) += POP(a, d);
		}
}

/* ---- suppression ---- */

/*
 * The rules (SPEC 4), decided once for every area so that all reports of a
 * run agree. The weight of a cell is its count, or the NAEVNER (persons)
 * of a share or mean; ratios (19, kr. per kr.) are never suppressed.
 *
 * Primary: a weight below the threshold N is hidden (a count of 0 too).
 *
 * Secondary: the report shows values, never TAELLER and NAEVNER of shares,
 * and these sums hold among the values shown:
 *   in an area and date: 7 = 7.1 + 7.2 + 7.3; 12 = 12.1 + 12.2 and
 *     13 = 13.1 + 13.2 (TAELLER and NAEVNER add up); 15.1 + 15.2 + 15.3
 *     and 20.1 + ... + 20.6 are 100 %; 5 is one figure and no sum;
 *   across areas, per figure and date: each group = its municipalities, the
 *     country = all municipalities = its groups and the ungrouped ones.
 * For a count the sum gives a hidden part away exactly ("the group minus
 * the municipality"); for a share it does so once the NAEVNER are known,
 * which a municipality knows of its own data, so shares get the same rule
 * on their NAEVNER. check_sum() says when a sum is safe; a sum that is not
 * hides its smallest part shown (first in code order on ties), or its total
 * when no part is left, until it is safe. The sums are taken in the order
 * inside an area, then each group, then the country (the local choice
 * first, so a country-wide sum does not hide a cell a group sum would make
 * needless), and again until nothing changes; each step hides a cell, so
 * it ends. Not covered: sums across cut dates (the
 * levels and the moves are no exact balance), and narrower intervals that
 * several sums together could give.
 */
static const int sums[][7] = {	/* total, parts, 0; total 0: 100 % */
	{ 700, 701, 702, 703, 0 },
	{ 1200, 1201, 1202, 0 },
	{ 1300, 1301, 1302, 0 },
	{ 0, 1501, 1502, 1503, 0 },
	{ 0, 2001, 2002, 2003, 2004, 2005, 2006 },
};

static double
weight(const struct cell *c, int kind)
{
	return kind == COUNT ? c->t : c->n;
}

static void
add_part(struct cell *c)
{
	if (nrelpart == partcap) {
		partcap = partcap ? 2 * partcap : 4096;
		relpart = erealloc(relpart, sizeof *relpart * (size_t)partcap);
	}
	relpart[nrelpart++] = c;
}

static void
add_rel(struct cell *total, int kind, int off)
{
	if (nrels == relcap) {
		relcap = relcap ? 2 * relcap : 1024;
		rels = erealloc(rels, sizeof *rels * (size_t)relcap);
	}
	rels[nrels].total = total;
	rels[nrels].kind = kind;
	rels[nrels].off = off;
	rels[nrels++].n = nrelpart - off;
}

static void
build_sums(void)
{
	int a, d, f, g, i, j, off, tf;

	for (a = 0; a < narea; a++)
		for (d = 0; d < ndates; d++)
			for (i = 0; i < (int)(sizeof sums / sizeof sums[0]); i++) {
				tf = sums[i][0] ? fig_index(sums[i][0]) : -1;
				if ((sums[i][0] && tf < 0) || fig_index(sums[i][1]) < 0)
					continue;
				off = nrelpart;
				for (j = 1; j < 7 && sums[i][j]; j++)
					if ((f = fig_index(sums[i][j])) >= 0)
						add_part(AT(a, d, f));
				add_rel(tf >= 0 ? AT(a, d, tf) : NULL,
				    figs[fig_index(sums[i][1])].kind, off);
			}
	for (f = 0; f < nfigs; f++) {
		if (figs[f].kind == RATIO)
			continue;
		for (d = 0; d < ndates; d++) {
			for (g = nkom; g < land; g++) {
				off = nrelpart;
				for (a = 0; a < nkom; a++)
					if (group_of[a] == g)
						add_part(AT(a, d, f));
				add_rel(AT(g, d, f), figs[f].kind, off);
			}
			off = nrelpart;
			for (a = 0; a < nkom; a++)
				add_part(AT(a, d, f));
			add_rel(AT(land, d, f), figs[f].kind, off);
			if (ngroups == 0)
				continue;
			off = nrelpart;
			for (a = nkom; a < land; a++)
				add_part(AT(a, d, f));
			for (a = 0; a < nkom; a++)
				if (group_of[a] < 0)
					add_part(AT(a, d, f));
			add_rel(AT(land, d, f), figs[f].kind, off);
		}
	}
}

/*
 * One sum: 1 if it had to hide one more cell. A reader knows a primary
 * cell weighs 0..N-1 and a secondary one N or more (it was shown-worthy).
 * With s the weight of the hidden parts, P primary and S secondary ones,
 * no part is pinned when there are two or more, s >= N, and s < P(N-1)
 * when all are primary (else all are N-1; s = 0: all are 0), s > S*N when
 * some are secondary (else the primary ones are 0, the others N). A hidden
 * total needs a hidden part (else it is the sum of the parts shown). Parts
 * of 100 % need any number of hidden parts but one.
 */
static int
check_sum(const struct rel *r)
{
	struct cell **p = relpart + r->off, *best = NULL;
	double s = 0, w, n = (double)threshold;
	int i, np = 0, ns = 0;

	if (r->total && !r->total->has)
		return 0;
	for (i = 0; i < r->n; i++) {
		if (!p[i]->has)
			continue;
		w = weight(p[i], r->kind);
		if (p[i]->hidden) {
			s += w;
			if (p[i]->primary)
				np++;
			else
				ns++;
		} else if (best == NULL || w < weight(best, r->kind))
			best = p[i];
	}
	if (r->total == NULL) {
		if (np + ns != 1)
			return 0;
	} else if (r->total->hidden) {
		if (np + ns > 0 || best == NULL)
			return 0;
	} else if (np + ns == 0 || (np + ns >= 2 && s >= n &&
	    (ns > 0 ? s > ns * n : s < np * (n - 1))))
		return 0;
	if (best != NULL)
		best->hidden = 1;
	else if (r->total && !r->total->hidden)
		r->total->hidden = 1;
	else
		return 0;
	return 1;
}

static void
suppress(void)
{
	struct cell *c;
	int a, d, f, i, changed;

	if (threshold <= 0)
		return;
	for (a = 0; a < narea; a++)
		for (d = 0; d < ndates; d++)
			for (f = 0; f < nfigs; f++) {
				c = AT(a, d, f);
				c->hidden = c->primary = c->has && figs[f].kind != RATIO &&
				    weight(c, figs[f].kind) < threshold;
			}
	build_sums();
	do {		/* each sum made safe before the next is looked at */
		changed = 0;
		for (i = 0; i < nrels; i++)
			while (check_sum(&rels[i]))
				changed = 1;
	} while (changed);
}

/* ---- what a report shows ---- */

/* The area of a report's level for municipality area k; -1: no group. */
static int
area(int k, int level)
{
	return level == KOM ? k : level == GRP ? group_of[k] : land;
}

static const char *
area_name(int a)
{
	return a < 0 ? "ingen gruppe" : a < nkom ? kom[a].name : a < land ?
	    group_name[a - nkom] : "Hele landet";
}

/* Decimals shown: counts whole, rates per 10,000 two (they are small), ratios three. */
static int
decimals(int f, int rate)
{
	return rate ? 2 : figs[f].kind == COUNT ? 0 : figs[f].kind == RATIO ? 3 : 1;
}

static int
is_june(int d)
{
	int y, m, dd;

	civil_from_days(dates[d], &y, &m, &dd);
	return m == 6;
}

/*
 * What cell (a, d, f) shows: ST_OK with *v the value (shares in percent,
 * counts per 10,000 18-64-year-olds with rate), or why not.
 */
static int
cell_state(int a, int d, int f, int rate, double *v)
{
	const struct cell *c;

	*v = NAN;
	if (a < 0)
		return ST_NOGROUP;
	if (figs[f].yearly && is_june(d))
		return ST_YEARLY;
	if (dates[d] < figs[f].first)
		return ST_LATE;
	c = AT(a, d, f);
	if (!c->has)
		return ST_NODATA;
	if (c->hidden)
		return c->primary ? ST_HIDDEN : ST_HIDDEN2;
	if (figs[f].kind == COUNT && rate) {
		if (!(POP(a, d) > 0))
			return ST_NOPOP;
		*v = c->t * 10000 / POP(a, d);
	} else
		*v = figs[f].kind == COUNT ? c->t : figs[f].kind == SHARE ?
		    100 * c->t / c->n : c->t / c->n;
	/* Rounded as shown, in every format: more digits say more about N. */
	*v = round(*v * pow(10, decimals(f, rate))) / pow(10, decimals(f, rate));
	return ST_OK;
}

static const char *
unit_label(int f, int rate, char out[64])
{
	if (rate)
		return "pr. 10.000 18-64-årige";
	switch (figs[f].kind) {
	case COUNT:
		snprintf(out, 64, "antal %s", figs[f].unit);
		return out;
	case SHARE:
		return "pct.";
	case MEAN:
		return "point (0-100)";
	}
	return "kr. pr. kr.";
}

/* A cell as TSV text: the value, <N, .., i.t. or empty. */
static const char *
cell_text(int a, int d, int f, int rate, char out[64])
{
	double v;

	switch (cell_state(a, d, f, rate, &v)) {
	case ST_OK:
		snprintf(out, 64, "%.*f", decimals(f, rate), v);
		return out;
	case ST_HIDDEN:
		snprintf(out, 64, "<%ld", threshold);
		return out;
	case ST_HIDDEN2:
		return "..";
	case ST_LATE:
		return "i.t.";
	}
	return "";
}

static const char *
reason(int s, int f)
{
	static char buf[64];

	switch (s) {
	case ST_LATE:
		return figs[f].why_late;
	case ST_YEARLY:
		return "opgøres årligt pr. 31. december";
	case ST_NOGROUP:
		return "kommunen er ikke med i nogen sammenligningsgruppe";
	case ST_NODATA:
		return "ingen data";
	case ST_NOPOP:
		return "ingen befolkningstal";
	case ST_HIDDEN:
		snprintf(buf, sizeof buf, "diskretioneret (<%ld)", threshold);
		return buf;
	}
	return "skjult (..) for at beskytte små tal";
}

/*
 * NOTE: for each reason a cell shows no value, the reason and its dates
 * ("A til B" for a run of three or more columns), joined by "; ".
 */
static const char *
note(int a, int f, int rate)
{
	static char buf[NOTELEN];
	char day[11];
	int st[MAXDATE], s, d, e, any;
	double v;
	size_t o = 0;

	for (d = 0; d < ndates; d++)
		st[d] = cell_state(a, d, f, rate, &v);
	buf[0] = '\0';
	for (s = ST_LATE; s < NSTATE; s++) {
		for (d = 0; d < ndates && st[d] != s; d++)
			;
		if (d == ndates)
			continue;
		o += (size_t)snprintf(buf + o, NOTELEN - o, "%s%s", o ? "; " : "",
		    reason(s, f));
		if (s == ST_YEARLY || s == ST_NOGROUP)
			continue;
		for (any = 0; d < ndates && o < NOTELEN - 64; d = e) {
			if (st[d] != s) {
				e = d + 1;
				continue;
			}
			for (e = d; e < ndates && st[e] == s; e++)
				;
			date_fmt(dates[d], day);
			o += (size_t)snprintf(buf + o, NOTELEN - o, "%s%s", any++ ? ", " : ": ", day);
			if (e - d >= 3) {
				date_fmt(dates[e - 1], day);
				o += (size_t)snprintf(buf + o, NOTELEN - o, " til %s", day);
			} else if (e - d == 2) {
				date_fmt(dates[d + 1], day);
				o += (size_t)snprintf(buf + o, NOTELEN - o, ", %s", day);
			}
		}
	}
	return buf;
}

/* Rows of a report: figure, then the count and (-p) the rate, then level. */
#define ROWS(f, rate, level) \
	for (f = 0; f < nfigs; f++) \
		for (rate = 0; rate <= (pop != NULL && figs[f].kind == COUNT); rate++) \
			for (level = 0; level < NLEVEL; level++)

/* ---- TSV ---- */

static void
write_tsv(FILE *out, int k, int head)
{
	char day[11], buf[64];
	int f, rate, level, d, a;

	if (head) {
		fputs("KOMMUNE\tNOEGLETAL\tNAVN\tENHED\tNIVEAU\tOMRAADE", out);
		for (d = 0; d < ndates; d++) {
			date_fmt(dates[d], day);
			fprintf(out, "\t%s", day);
		}
		fputs("\tNOTE\n", out);
		if (threshold <= 0) {
			fputs("\t\tDISKRETIONERING SLÅET FRA (-n 0): tallene er ikke "
			    "diskretionerede og må ikke offentliggøres\t\t\t", out);
			for (d = 0; d <= ndates; d++)
				fputc('\t', out);
			fputc('\n', out);
		}
	}
	ROWS(f, rate, level) {
		a = area(k, level);
		fprintf(out, "%03d\t%s\t%s\t%s\t%s\t%s", kom[k].code, figs[f].label,
		    figs[f].name, unit_label(f, rate, buf), levels[level], area_name(a));
		for (d = 0; d < ndates; d++)
			fprintf(out, "\t%s", cell_text(a, d, f, rate, buf));
		fprintf(out, "\t%s\n", note(a, f, rate));
	}
}

/* ---- HTML ---- */

static const struct theme {
	const char *key, *title;
} themes[] = {
	{ "trappe", "Indsatstrappen" },
	{ "bevaegelser", "Bevægelser på trappen" },
	{ "beskaeftigelse", "Uddannelse og beskæftigelse" },
	{ "trivsel", "Trivsel og recovery" },
	{ "genindlaeggelser", "Genindlæggelser" },
	{ "udgifter", "Udgifter" },
	{ NULL, "Øvrige nøgletal" },	/* a theme not above */
};
#define NTHEME ((int)(sizeof themes / sizeof themes[0]))

/* Shares that split one whole: a bar per area at the latest date. */
static const struct family {
	int major;
	const char *title;
} families[] = {
	{ 15, "Fordeling på WHO-5-grupper" },
	{ 20, "Udgifternes fordeling" },
};
#define NFAMILY ((int)(sizeof families / sizeof families[0]))

static const char *level_color[NLEVEL] = { "#1f5f8b", "#e07b39", "#707070" };
/* WHO-5 bands: good to bad. */
static const char *band_color[] = { "#3c9d5d", "#e0a331", "#b0413e" };
static const char *palette[] = { "#1f5f8b", "#e07b39", "#3c9d5d", "#b0413e",
	"#8e6bbf", "#c9a227", "#17a2b8", "#707070" };
#define NPAL ((int)(sizeof palette / sizeof palette[0]))

struct series {			/* one line of a chart */
	char name[160];
	const char *color;
	int dash;		/* dashed (the country) */
	int yearly;		/* no value at 30 June: no gap there */
	double v[MAXDATE];	/* NAN: nothing shown */
};

static const char *
part_color(int f, int i)
{
	return figs[f].id / 100 == 15 && i < 3 ? band_color[i] : palette[i % NPAL];
}

static int
theme_of(int f)
{
	int th;

	for (th = 0; th < NTHEME - 1 && strcmp(themes[th].key, figs[f].theme); th++)
		;
	return th;
}

static int
theme_used(int th)
{
	int f;

	for (f = 0; f < nfigs; f++)
		if (theme_of(f) == th)
			return 1;
	return 0;
}

static int
family_of(int f)
{
	int i;

	for (i = 0; i < NFAMILY; i++)
		if (figs[f].id / 100 == families[i].major && figs[f].id % 100 &&
		    figs[f].kind == SHARE)
			return i;
	return -1;
}

static void
esc(FILE *out, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		default: fputc(*s, out);
		}
}

/* A number the Danish way: 1.234,5 */
static const char *
dk_num(double v, int dec, char out[48])
{
	char tmp[48], *p = tmp, *dot;
	size_t o = 0, n, i;

	snprintf(tmp, sizeof tmp, "%.*f", dec, v);
	if (*p == '-')
		out[o++] = *p++;
	dot = strchr(p, '.');
	n = dot ? (size_t)(dot - p) : strlen(p);
	for (i = 0; i < n && o < 40; i++) {
		if (i && (n - i) % 3 == 0)
			out[o++] = '.';
		out[o++] = p[i];
	}
	out[o] = '\0';
	if (dot)
		snprintf(out + o, 48 - o, ",%s", dot + 1);
	return out;
}

static const char *
dk_date(int day, char out[16])
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	snprintf(out, 16, "%02d.%02d.%04d", d % 100, m % 100, y % 10000);
	return out;
}

static double
nice_step(double raw)
{
	double m = pow(10, floor(log10(raw))), r = raw / m;

	return m * (r <= 1 ? 1 : r <= 2 ? 2 : r <= 2.5 ? 2.5 : r <= 5 ? 5 : 10);
}

/* Line chart geometry: the plot area inside a CH_W (or CH_WW) x CH_H box. */
enum { CH_W = 400, CH_WW = 820, CH_H = 216, CH_L = 46, CH_T = 10, CH_B = 186, CH_PAD = 10 };
static int plot_right = CH_W - 10;	/* the plot's right edge in this chart */

static double
xpos(int d)
{
	return ndates > 1 ? CH_L + CH_PAD + (double)(plot_right - CH_L - 2 * CH_PAD) * d /
	    (ndates - 1) : (CH_L + plot_right) / 2.0;
}

/* The x axis: a tick per cut date, the year under 31 December. */
static void
x_axis(FILE *out)
{
	int d, y, m, dd, ndec = 0, lastdec = 0;

	for (d = 0; d < ndates; d++) {
		civil_from_days(dates[d], &y, &m, &dd);
		if (m == 12)
			ndec++, lastdec = y;
	}
	fprintf(out, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" class=\"ax\"/>\n",
	    CH_L, plot_right, CH_B, CH_B);
	for (d = 0; d < ndates; d++) {
		civil_from_days(dates[d], &y, &m, &dd);
		fprintf(out, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" class=\"ax\"/>",
		    xpos(d), xpos(d), CH_B, CH_B + (m == 12 ? 5 : 3));
		if (ndates <= 5)	/* few dates: each one */
			fprintf(out, "<text x=\"%.1f\" y=\"%d\" class=\"xl\">%s %d</text>",
			    xpos(d), CH_B + 17, m == 12 ? "dec." : "jun.", y);
		else if (m == 12 && (ndec <= 8 || (lastdec - y) % 2 == 0))
			fprintf(out, "<text x=\"%.1f\" y=\"%d\" class=\"xl\">%d</text>",
			    xpos(d), CH_B + 17, y);
		fputc('\n', out);
	}
}

/*
 * A line chart in inline SVG: a line per series over the cut dates, a gap
 * where nothing is shown, a point with a tooltip per value. A wide chart
 * spans two columns of the grid.
 */
static void
line_chart(FILE *out, const char *title, const char *unit, const struct series *s,
    int ns, int dec, const char *suffix, const char *note_html, int wide)
{
	double lo = 0, hi = 0, step, v, x, y;
	int i, d, tdec, pen, any = 0;
	char num[48], day[16];

	for (i = 0; i < ns; i++)
		for (d = 0; d < ndates; d++)
			if (!isnan(v = s[i].v[d])) {
				any = 1;
				lo = v < lo ? v : lo;
				hi = v > hi ? v : hi;
			}
	if (hi - lo <= 0)
		hi = lo + 1;
	step = nice_step((hi - lo) / 4);
	lo = floor(lo / step) * step;
	hi = ceil(hi / step - 1e-9) * step;
	for (tdec = 0; tdec < 4 && fabs(step * pow(10, tdec) -
	    round(step * pow(10, tdec))) > 1e-6; tdec++)
		;
#define YPOS(v) (CH_B - (CH_B - CH_T) * ((v) - lo) / (hi - lo))
	plot_right = (wide ? CH_WW : CH_W) - 10;
	fprintf(out, "<figure class=\"chart%s\"><figcaption>", wide ? " wide" : "");
	esc(out, title);
	fputs("<span class=\"u\">", out);
	esc(out, unit);
	fprintf(out, "</span></figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"", wide ? CH_WW : CH_W, CH_H);
	esc(out, title);
	fputs("\">\n", out);
	for (v = lo; v <= hi + step / 2; v += step)
		fprintf(out, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"gr\"/>"
		    "<text x=\"%d\" y=\"%.1f\" class=\"yl\">%s</text>\n", CH_L, plot_right,
		    YPOS(v), YPOS(v), CH_L - 5, YPOS(v) + 4,
		    dk_num(fabs(v) < step / 1e6 ? 0 : v, tdec, num));
	x_axis(out);
	for (i = 0; i < ns; i++) {
		fprintf(out, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2.2\"%s d=\"",
		    s[i].color, s[i].dash ? " stroke-dasharray=\"6 3\"" : "");
		for (d = 0, pen = 0; d < ndates; d++) {
			if (isnan(s[i].v[d])) {
				pen &= s[i].yearly && is_june(d);
				continue;
			}
			fprintf(out, "%s%c%.1f %.1f", d ? " " : "", pen ? 'L' : 'M', xpos(d),
			    YPOS(s[i].v[d]));
			pen = 1;
		}
		fputs("\"/>\n", out);
		for (d = 0; d < ndates; d++) {
			if (isnan(s[i].v[d]))
				continue;
			x = xpos(d);
			y = YPOS(s[i].v[d]);
			fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>",
			    x, y, s[i].color);
			esc(out, s[i].name);
			fprintf(out, ", %s: %s%s</title></circle>", dk_date(dates[d], day),
			    dk_num(s[i].v[d], dec, num), suffix);
		}
		fputc('\n', out);
	}
	if (!any)
		fprintf(out, "<text x=\"%d\" y=\"%d\" class=\"none\">Ingen tal at vise</text>\n",
		    (CH_L + plot_right) / 2, (CH_T + CH_B) / 2);
#undef YPOS
	fputs("</svg>\n<ul class=\"legend\">", out);
	for (i = 0; i < ns; i++) {
		fprintf(out, "<li><i class=\"%s\" style=\"border-color:%s\"></i>",
		    s[i].dash ? "d" : "s", s[i].color);
		esc(out, s[i].name);
		for (d = 0; d < ndates && isnan(s[i].v[d]); d++)
			;
		fprintf(out, "%s</li>", d == ndates ? " <em>(ingen viste tal)</em>" : "");
	}
	fputs("</ul>\n", out);
	if (note_html)
		fprintf(out, "<p class=\"note\">%s</p>\n", note_html);
	fputs("</figure>\n", out);
}

/* The series of a figure for municipality area k, its group and the country. */
static int
area_series(struct series *s, int k, int f, int rate)
{
	int level, a, d, n = 0;

	for (level = 0; level < NLEVEL; level++) {
		if ((a = area(k, level)) < 0)
			continue;
		snprintf(s[n].name, sizeof s[n].name, "%s", area_name(a));
		s[n].color = level_color[level];
		s[n].dash = level == LAND;
		s[n].yearly = figs[f].yearly;
		for (d = 0; d < ndates; d++)
			cell_state(a, d, f, rate, &s[n].v[d]);
		n++;
	}
	return n;
}

/* The series of municipality area k's own figures fs[0..n). */
static int
own_series(struct series *s, int k, const int *fs, int n)
{
	int i, d;

	for (i = 0; i < n && i < NPAL; i++) {
		snprintf(s[i].name, sizeof s[i].name, "%s %s", figs[fs[i]].label,
		    figs[fs[i]].shortname);
		s[i].color = part_color(fs[i], i);
		s[i].dash = 0;
		s[i].yearly = figs[fs[i]].yearly;
		for (d = 0; d < ndates; d++)
			cell_state(k, d, fs[i], 0, &s[i].v[d]);
	}
	return i;
}

static void
figure_chart(FILE *out, int k, int f, int rate)
{
	struct series s[NLEVEL];
	char title[512], buf[64];
	int n = area_series(s, k, f, rate);

	snprintf(title, sizeof title, "%s %s", figs[f].label, rate ? figs[f].shortname :
	    figs[f].name);
	line_chart(out, title, unit_label(f, rate, buf), s, n, decimals(f, rate),
	    figs[f].kind == SHARE ? " %" : "", NULL, 0);
}

static void
own_chart(FILE *out, int k, const char *title, const char *unit, const int *fs, int n,
    const char *note_html)
{
	struct series s[NPAL];
	int i = own_series(s, k, fs, n);

	line_chart(out, title, unit, s, i, decimals(fs[0], 0),
	    figs[fs[0]].kind == SHARE ? " %" : "", note_html, 1);
}

static int
all_shown(int a, int d, const int *fs, int n)
{
	double v;
	int i;

	for (i = 0; i < n; i++)
		if (a < 0 || cell_state(a, d, fs[i], 0, &v) != ST_OK)
			return 0;
	return 1;
}

/* The date of a family's bars: the latest the municipality, else the country, shows. */
static int
stack_date(int k, const int *fs, int n)
{
	int d;

	for (d = ndates - 1; d >= 0 && !all_shown(k, d, fs, n); d--)
		;
	if (d < 0)
		for (d = ndates - 1; d >= 0 && !all_shown(land, d, fs, n); d--)
			;
	return d;
}

/*
 * A whole split into its shares: a 100 % bar for the municipality, its
 * group and the country at stack_date().
 */
static void
stack_chart(FILE *out, int k, const char *title, const int *fs, int n)
{
	enum { LW = 124, BX = 128, BW = 262, RH = 26, RG = 14 };
	char num[48], day[16], caption[256];
	double v[MAXFIG], sum, x, w, y;
	int d = stack_date(k, fs, n), i, level, a, st, s;

	if (d < 0)
		return;
	snprintf(caption, sizeof caption, "%s, %s", title, dk_date(dates[d], day));
	fputs("<figure class=\"chart\"><figcaption>", out);
	esc(out, caption);
	fprintf(out, "<span class=\"u\">pct.</span></figcaption>\n<svg "
	    "xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" role=\"img\" "
	    "aria-label=\"", CH_W, 8 + NLEVEL * (RH + RG));
	esc(out, caption);
	fputs("\">\n", out);
	for (level = 0; level < NLEVEL; level++) {
		y = 8 + level * (RH + RG);
		a = area(k, level);
		fprintf(out, "<text x=\"%d\" y=\"%.1f\" class=\"rl\">", LW, y + RH / 2 + 4);
		esc(out, area_name(a));
		fputs("</text>\n", out);
		for (i = 0, sum = 0, st = ST_OK; i < n; i++) {
			s = cell_state(a, d, fs[i], 0, &v[i]);
			if (s != ST_OK && (st == ST_OK || s >= ST_HIDDEN))
				st = s;
			sum += s == ST_OK && v[i] > 0 ? v[i] : 0;
		}
		if (st != ST_OK || sum <= 0) {
			fprintf(out, "<text x=\"%d\" y=\"%.1f\" class=\"miss\">%s</text>\n",
			    BX + 4, y + RH / 2 + 4, st >= ST_HIDDEN ? "diskretioneret" :
			    "ingen tal");
			continue;
		}
		for (i = 0, x = BX; i < n; i++) {
			if (!(v[i] > 0))
				continue;
			w = BW * v[i] / sum;
			fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" "
			    "fill=\"%s\"><title>", x, y, w, RH, part_color(fs[i], i));
			esc(out, area_name(a));
			fputs(", ", out);
			esc(out, figs[fs[i]].shortname);
			fprintf(out, ": %s %%</title></rect>", dk_num(v[i], 1, num));
			if (w >= 30)
				fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" class=\"in\">%s</text>",
				    x + w / 2, y + RH / 2 + 4, dk_num(v[i], 0, num));
			fputc('\n', out);
			x += w;
		}
	}
	fputs("</svg>\n<ul class=\"legend\">", out);
	for (i = 0; i < n; i++) {
		fprintf(out, "<li><i class=\"b\" style=\"background:%s\"></i>%s ",
		    part_color(fs[i], i), figs[fs[i]].label);
		esc(out, figs[fs[i]].shortname);
		fputs("</li>", out);
	}
	fputs("</ul>\n</figure>\n", out);
}

static void
html_charts(FILE *out, int k, int th)
{
	int fs[MAXFIG], n = 0, f, i, fam;
	char title[512];

	for (f = 0; f < nfigs; f++)
		if (theme_of(f) == th && figs[f].kind == COUNT)
			fs[n++] = f;
	if (n > 0) {
		snprintf(title, sizeof title, "Antal personer i %s", kom[k].name);
		own_chart(out, k, title, "antal personer", fs, n, pop ? NULL :
		    "Antal personer afhænger af kommunens størrelse og vises derfor for "
		    "kommunen alene. Med befolkningstal (report -p) vises også antal pr. "
		    "10.000 18-64-årige for kommunen, gruppen og hele landet.");
		for (i = 0; pop && i < n; i++)
			figure_chart(out, k, fs[i], 1);
	}
	for (f = 0; f < nfigs; f++) {
		if (theme_of(f) != th || figs[f].kind == COUNT)
			continue;
		if ((fam = family_of(f)) < 0) {
			figure_chart(out, k, f, 0);
			continue;
		}
		if (f > 0 && family_of(f - 1) == fam)
			continue;	/* the family is drawn at its first member */
		for (n = 0; f + n < nfigs && family_of(f + n) == fam; n++)
			fs[n] = f + n;
		stack_chart(out, k, families[fam].title, fs, n);
		snprintf(title, sizeof title, "%s i %s over tid", families[fam].title,
		    kom[k].name);
		own_chart(out, k, title, "pct.", fs, n, NULL);
	}
}

static void
html_table(FILE *out, int k, int th)
{
	char num[48], buf[64];
	int f, rate, level, d, a, y, m, dd, st;
	double v;

	fputs("<div class=\"tw\"><table>\n<thead><tr><th class=\"l\">Nøgletal og område</th>",
	    out);
	for (d = 0; d < ndates; d++) {
		civil_from_days(dates[d], &y, &m, &dd);
		fprintf(out, "<th>%s<br>%d</th>", m == 12 ? "dec." : "jun.", y);
	}
	fputs("<th class=\"l\">Note</th></tr></thead>\n", out);
	for (f = 0; f < nfigs; f++) {
		if (theme_of(f) != th)
			continue;
		fprintf(out, "<tbody id=\"nt-%s\"><tr class=\"fh\"><th class=\"l\" colspan=\"%d\">"
		    "%s ", figs[f].label, ndates + 2, figs[f].label);
		esc(out, figs[f].name);
		fprintf(out, " <span class=\"u\">%s</span></th></tr>\n", unit_label(f, 0, buf));
		for (rate = 0; rate <= (pop != NULL && figs[f].kind == COUNT); rate++)
			for (level = 0; level < NLEVEL; level++) {
				a = area(k, level);
				fprintf(out, "<tr id=\"nt-%s-%s%s\" class=\"%s\"><th class=\"l\">",
				    figs[f].label, levels[level], rate ? "-rate" : "",
				    levels[level]);
				esc(out, area_name(a));
				fprintf(out, "%s</th>", rate ? ", pr. 10.000 18-64-årige" : "");
				for (d = 0; d < ndates; d++) {
					st = cell_state(a, d, f, rate, &v);
					if (st == ST_OK)
						fprintf(out, "<td>%s</td>",
						    dk_num(v, decimals(f, rate), num));
					else if (st == ST_HIDDEN)
						fprintf(out, "<td class=\"h\">&lt;%ld</td>", threshold);
					else
						fprintf(out, "<td class=\"m\">%s</td>",
						    st == ST_HIDDEN2 ? ".." : st == ST_LATE ? "i.t." : "");
				}
				fputs("<td class=\"n\">", out);
				esc(out, note(a, f, rate));
				fputs("</td></tr>\n", out);
			}
		fputs("</tbody>\n", out);
	}
	fputs("</table></div>\n", out);
}

static const char css[] =
    ":root{--k:#1f5f8b}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;background:#f3f4f6;color:#1d1f23;font:15px/1.45 system-ui,-apple-system,"
    "\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif}\n"
    "main{max-width:1240px;margin:0 auto;padding:28px 28px 48px}\n"
    "h1{font-size:30px;margin:0 0 4px;letter-spacing:-.01em}\n"
    "h2{font-size:21px;margin:36px 0 12px;padding-bottom:6px;border-bottom:2px solid #d5d9df}\n"
    "h3{font-size:16px;margin:22px 0 8px}\n"
    ".sub{color:#4a4f57;margin:0 0 14px;font-size:16px}\n"
    ".info{background:#fff;border-left:4px solid var(--k);padding:9px 14px;margin:0 0 10px;"
    "font-size:14px}\n"
    ".warn{background:#fde2e1;border-left:6px solid #b0413e;padding:12px 16px;margin:0 0 10px;"
    "font-weight:600;color:#6d1f1c}\n"
    "nav{font-size:14px;margin:6px 0 0}nav a{color:var(--k);margin-right:14px;"
    "text-decoration:none}\n"
    ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));gap:16px}\n"
    "figure.wide{grid-column:span 2}\n"
    "figure.chart{margin:0;background:#fff;border:1px solid #e0e3e8;border-radius:8px;"
    "padding:12px 14px 10px}\n"
    "figcaption{font-weight:600;font-size:14px;line-height:1.3;margin-bottom:6px}\n"
    "figcaption .u{display:block;font-weight:400;color:#6a6f78;font-size:12px;margin-top:2px}\n"
    "svg{display:block;width:100%;height:auto}\n"
    "svg text{font-family:inherit;font-size:11px;fill:#4a4f57}\n"
    "svg .yl{text-anchor:end}svg .xl{text-anchor:middle}"
    "svg .rl{text-anchor:end;font-size:12px;fill:#1d1f23}\n"
    "svg .gr{stroke:#e6e8ec}svg .ax{stroke:#9aa0a8}"
    "svg .none,svg .miss{fill:#8a9099;font-style:italic}\n"
    "svg .none{text-anchor:middle}svg .in{text-anchor:middle;fill:#fff;font-weight:600}\n"
    ".legend{list-style:none;margin:6px 0 0;padding:0;font-size:12px;display:flex;"
    "flex-wrap:wrap;gap:3px 14px}\n"
    ".legend i{display:inline-block;width:18px;margin-right:6px;vertical-align:middle}\n"
    ".legend em{color:#8a9099}\n"
    ".legend i.s{border-top:3px solid}.legend i.d{border-top:3px dashed}"
    ".legend i.b{height:10px;width:12px}\n"
    "p.note{font-size:12px;color:#6a6f78;margin:8px 0 0}\n"
    ".tw{overflow-x:auto;background:#fff;border:1px solid #e0e3e8;border-radius:8px}\n"
    "table{border-collapse:collapse;font-size:12.5px;width:100%}\n"
    "th,td{padding:3px 7px;text-align:right;white-space:nowrap;"
    "font-variant-numeric:tabular-nums}\n"
    "thead th{position:sticky;top:0;background:#eef0f3;font-weight:600;vertical-align:bottom}\n"
    "th.l{text-align:left;font-weight:500}\n"
    "tr.fh th{background:#f7f8fa;font-weight:600;padding-top:8px;border-top:1px solid #dfe2e7;"
    "white-space:normal}\n"
    "tr.fh .u{color:#6a6f78;font-weight:400;margin-left:6px}\n"
    "tr.kommune th,tr.kommune td{font-weight:600}\n"
    "td.h{color:#8a5a00}td.m{color:#9aa0a8}\n"
    "td.n{text-align:left;white-space:normal;color:#6a6f78;font-size:11.5px;min-width:220px;"
    "max-width:320px}\n"
    "footer{margin-top:32px;font-size:13px;color:#6a6f78}\n";

static void
write_html(FILE *out, int k)
{
	char first[16], last[16];
	int th, g = group_of[k];

	fputs("<!DOCTYPE html>\n<html lang=\"da\"><head><meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<title>Socialpsykiatriens nøgletal: ", out);
	esc(out, kom[k].name);
	fprintf(out, "</title>\n<style>\n%s</style>\n</head><body><main>\n<header>\n"
	    "<h1>Socialpsykiatriens nøgletal: ", css);
	esc(out, kom[k].name);
	fprintf(out, "</h1>\n<p class=\"sub\">Kommune %03d · opgørelser %s–%s · sammenlignet "
	    "med ", kom[k].code, dk_date(dates[0], first), dk_date(dates[ndates - 1], last));
	if (g >= 0) {
		esc(out, group_name[g - nkom]);
		fprintf(out, " (%d kommuner) og hele landet</p>\n", group_size[g - nkom]);
	} else
		fputs("hele landet (kommunen er ikke med i nogen gruppe)</p>\n", out);
	if (threshold <= 0)
		fputs("<p class=\"warn\">Diskretionering er slået fra (-n 0): tallene er ikke "
		    "diskretionerede. Kun til intern brug – må ikke offentliggøres.</p>\n", out);
	else
		fprintf(out, "<p class=\"info\">Små tal er diskretioneret: antal under %ld, og "
		    "andele og gennemsnit for under %ld personer, vises som &lt;%ld; tal, der er "
		    "skjult, for at et lille tal ikke kan regnes ud af de viste, vises som "
		    "&#8220;..&#8221;. Begge dele er udeladt af figurerne, også for gruppen og "
		    "landet. i.t. = ikke tilgængelig endnu. Gruppe og land er summen af "
		    "kommunernes tællere og nævnere.</p>\n", threshold, threshold, threshold);
	fputs("<nav>", out);
	for (th = 0; th < NTHEME; th++)
		if (theme_used(th))
			fprintf(out, "<a href=\"#tema-%d\">%s</a>", th, themes[th].title);
	fputs("<a href=\"#tabel\">Alle tal</a></nav>\n</header>\n", out);
	for (th = 0; th < NTHEME; th++) {
		if (!theme_used(th))
			continue;
		fprintf(out, "<section id=\"tema-%d\"><h2>%s</h2>\n<div class=\"grid\">\n", th,
		    themes[th].title);
		html_charts(out, k, th);
		fputs("</div></section>\n", out);
	}
	fputs("<section id=\"tabel\"><h2>Alle tal</h2>\n", out);
	for (th = 0; th < NTHEME; th++)
		if (theme_used(th)) {
			fprintf(out, "<h3>%s</h3>\n", themes[th].title);
			html_table(out, k, th);
		}
	fputs("</section>\n<footer>Socialpsykiatriens nøgletal efter Social- og "
	    "Boligstyrelsens nøgletalskatalog. Opgørelser pr. 30. juni og 31. december; "
	    "udgifterne pr. kalenderår. Antal er personer; andele i procent; gennemsnit "
	    "i point fra 0 til 100.</footer>\n</main></body></html>\n", out);
}

/* ---- Excel ---- */

/*
 * A sheet per theme: a title, the suppression line, the table as in TSV,
 * and native charts below it. The charts read their numbers from the sheet
 * Diagramdata, where a cell that shows no value is empty (a text such as
 * <5 would be drawn as 0 by Excel).
 */
struct xl {
	lxw_workbook *wb;
	lxw_worksheet *data;	/* Diagramdata */
	int drow;		/* its next free row */
	lxw_format *title, *bold, *warn, *head, *num[4];
};

static lxw_color_t
rgb(const char *hex)
{
	return (lxw_color_t)strtol(hex + 1, NULL, 16);
}

/* Rows on Diagramdata: a title, the dates, one row per series; the first row. */
static int
xl_block(struct xl *x, const char *title, const struct series *s, int ns)
{
	char day[11];
	int r0 = x->drow, i, d;

	worksheet_write_string(x->data, (lxw_row_t)r0, 0, title, x->bold);
	for (d = 0; d < ndates; d++) {
		date_fmt(dates[d], day);
		worksheet_write_string(x->data, (lxw_row_t)r0 + 1, (lxw_col_t)(d + 1), day, NULL);
	}
	for (i = 0; i < ns; i++) {
		worksheet_write_string(x->data, (lxw_row_t)(r0 + 2 + i), 0, s[i].name, NULL);
		for (d = 0; d < ndates; d++)
			if (!isnan(s[i].v[d]))
				worksheet_write_number(x->data, (lxw_row_t)(r0 + 2 + i),
				    (lxw_col_t)(d + 1), s[i].v[d], NULL);
	}
	x->drow = r0 + 3 + ns;
	return r0;
}

/* Charts two by two below the table. */
static void
xl_place(lxw_worksheet *ws, lxw_chart *ch, int *slot, int row0)
{
	lxw_chart_options o = { 0 };

	o.x_offset = *slot % 2 ? 500 : 0;
	o.y_offset = 8;
	o.x_scale = o.y_scale = 1;
	worksheet_insert_chart_opt(ws, (lxw_row_t)(row0 + *slot / 2 * 16), 0, ch, &o);
	++*slot;
}

static void
xl_line_chart(struct xl *x, lxw_worksheet *ws, int *slot, int row0, const char *title,
    const char *unit, const struct series *s, int ns)
{
	lxw_chart *ch = workbook_add_chart(x->wb, LXW_CHART_LINE);
	lxw_chart_series *ser;
	lxw_chart_line line = { 0 };
	lxw_chart_fill fill = { 0 };
	int r0 = xl_block(x, title, s, ns), i;

	for (i = 0; i < ns; i++) {
		ser = chart_add_series(ch, NULL, NULL);
		chart_series_set_categories(ser, "Diagramdata", (lxw_row_t)r0 + 1, 1,
		    (lxw_row_t)r0 + 1, (lxw_col_t)ndates);
		chart_series_set_values(ser, "Diagramdata", (lxw_row_t)(r0 + 2 + i), 1,
		    (lxw_row_t)(r0 + 2 + i), (lxw_col_t)ndates);
		chart_series_set_name_range(ser, "Diagramdata", (lxw_row_t)(r0 + 2 + i), 0);
		line.color = fill.color = rgb(s[i].color);
		line.width = 2.25;
		line.dash_type = s[i].dash ? LXW_CHART_LINE_DASH_DASH : LXW_CHART_LINE_DASH_SOLID;
		chart_series_set_line(ser, &line);
		chart_series_set_marker_type(ser, LXW_CHART_MARKER_CIRCLE);
		chart_series_set_marker_size(ser, 5);
		chart_series_set_marker_fill(ser, &fill);
		line.dash_type = LXW_CHART_LINE_DASH_SOLID;
		chart_series_set_marker_line(ser, &line);
	}
	chart_title_set_name(ch, title);
	chart_axis_set_name(ch->y_axis, unit);
	/* Gaps where nothing is shown; a yearly line spans the June columns. */
	chart_show_blanks_as(ch, ns > 0 && s[0].yearly ? LXW_CHART_BLANKS_AS_CONNECTED :
	    LXW_CHART_BLANKS_AS_GAP);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	xl_place(ws, ch, slot, row0);
}

/* The 100 % bars of a family, at the date stack_chart() shows. */
static void
xl_stack_chart(struct xl *x, lxw_worksheet *ws, int *slot, int row0, int k,
    const char *title, const int *fs, int n)
{
	lxw_chart *ch;
	lxw_chart_series *ser;
	lxw_chart_fill fill = { 0 };
	char caption[256], day[16];
	int d = stack_date(k, fs, n), i, level, r0, a;
	double v;

	if (d < 0)
		return;
	snprintf(caption, sizeof caption, "%s, %s", title, dk_date(dates[d], day));
	r0 = x->drow;
	worksheet_write_string(x->data, (lxw_row_t)r0, 0, caption, x->bold);
	for (i = 0; i < n; i++)
		worksheet_write_string(x->data, (lxw_row_t)r0 + 1, (lxw_col_t)(i + 1),
		    figs[fs[i]].shortname, NULL);
	for (level = 0; level < NLEVEL; level++) {
		a = area(k, level);
		worksheet_write_string(x->data, (lxw_row_t)(r0 + 2 + level), 0, area_name(a),
		    NULL);
		if (all_shown(a, d, fs, n))
			for (i = 0; i < n; i++) {
				cell_state(a, d, fs[i], 0, &v);
				worksheet_write_number(x->data, (lxw_row_t)(r0 + 2 + level),
				    (lxw_col_t)(i + 1), v, NULL);
			}
	}
	x->drow = r0 + 3 + NLEVEL;
	ch = workbook_add_chart(x->wb, LXW_CHART_BAR_STACKED_PERCENT);
	for (i = 0; i < n; i++) {
		ser = chart_add_series(ch, NULL, NULL);
		chart_series_set_categories(ser, "Diagramdata", (lxw_row_t)r0 + 2, 0,
		    (lxw_row_t)(r0 + 1 + NLEVEL), 0);
		chart_series_set_values(ser, "Diagramdata", (lxw_row_t)r0 + 2, (lxw_col_t)(i + 1),
		    (lxw_row_t)(r0 + 1 + NLEVEL), (lxw_col_t)(i + 1));
		chart_series_set_name_range(ser, "Diagramdata", (lxw_row_t)r0 + 1,
		    (lxw_col_t)(i + 1));
		fill.color = rgb(part_color(fs[i], i));
		chart_series_set_fill(ser, &fill);
	}
	chart_title_set_name(ch, caption);
	chart_axis_set_reverse(ch->y_axis);	/* the municipality on top */
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	xl_place(ws, ch, slot, row0);
}

static void
xl_sheet(struct xl *x, lxw_worksheet *ws, int k, int th)
{
	static const char *heads[] = { "Nøgletal", "Navn", "Enhed", "Niveau", "Område" };
	struct series s[NPAL];
	char buf[512], day[11];
	const char *text;
	int f, rate, level, d, row = 4, a, fs[MAXFIG], n, i, slot = 0, fam, st;
	double v;

	snprintf(buf, sizeof buf, "Socialpsykiatriens nøgletal: %s – %s", kom[k].name,
	    themes[th].title);
	worksheet_write_string(ws, 0, 0, buf, x->title);
	if (threshold <= 0)
		worksheet_write_string(ws, 1, 0, "DISKRETIONERING SLÅET FRA (-n 0): tallene er "
		    "ikke diskretionerede og må ikke offentliggøres.", x->warn);
	else {
		snprintf(buf, sizeof buf, "Små tal er diskretioneret (<%ld eller ..), også for "
		    "gruppe og land; i.t. = ikke tilgængelig endnu. Se arket Om tallene.",
		    threshold);
		worksheet_write_string(ws, 1, 0, buf, NULL);
	}
	for (i = 0; i < 5; i++)
		worksheet_write_string(ws, 3, (lxw_col_t)i, heads[i], x->head);
	for (d = 0; d < ndates; d++) {
		date_fmt(dates[d], day);
		worksheet_write_string(ws, 3, (lxw_col_t)(5 + d), day, x->head);
	}
	worksheet_write_string(ws, 3, (lxw_col_t)(5 + ndates), "Note", x->head);
	worksheet_set_column(ws, 0, 0, 9, NULL);
	worksheet_set_column(ws, 1, 1, 46, NULL);
	worksheet_set_column(ws, 2, 2, 21, NULL);
	worksheet_set_column(ws, 3, 3, 9, NULL);
	worksheet_set_column(ws, 4, 4, 20, NULL);
	worksheet_set_column(ws, 5, (lxw_col_t)(4 + ndates), 11, NULL);
	worksheet_set_column(ws, (lxw_col_t)(5 + ndates), (lxw_col_t)(5 + ndates), 70, NULL);
	worksheet_freeze_panes(ws, 4, 5);
	ROWS(f, rate, level) {
		if (theme_of(f) != th)
			continue;
		a = area(k, level);
		worksheet_write_string(ws, (lxw_row_t)row, 0, figs[f].label, NULL);
		worksheet_write_string(ws, (lxw_row_t)row, 1, figs[f].name, NULL);
		worksheet_write_string(ws, (lxw_row_t)row, 2, unit_label(f, rate, buf), NULL);
		worksheet_write_string(ws, (lxw_row_t)row, 3, levels[level], NULL);
		worksheet_write_string(ws, (lxw_row_t)row, 4, area_name(a), NULL);
		for (d = 0; d < ndates; d++) {
			st = cell_state(a, d, f, rate, &v);
			text = cell_text(a, d, f, rate, buf);
			if (st == ST_OK)
				worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)(5 + d), v,
				    x->num[decimals(f, rate)]);
			else if (*text)
				worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)(5 + d), text,
				    NULL);
		}
		worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)(5 + ndates),
		    note(a, f, rate), NULL);
		row++;
	}
	row += 2;
	/* The charts, as on the HTML page. */
	for (f = n = 0; f < nfigs; f++)
		if (theme_of(f) == th && figs[f].kind == COUNT && n < NPAL)
			fs[n++] = f;
	if (n > 0) {
		own_series(s, k, fs, n);
		snprintf(buf, sizeof buf, "Antal personer i %s", kom[k].name);
		xl_line_chart(x, ws, &slot, row, buf, "antal personer", s, n);
		for (i = 0; pop && i < n; i++) {
			int m = area_series(s, k, fs[i], 1);

			snprintf(buf, sizeof buf, "%s %s", figs[fs[i]].label, figs[fs[i]].shortname);
			xl_line_chart(x, ws, &slot, row, buf, "pr. 10.000 18-64-årige", s, m);
		}
	}
	for (f = 0; f < nfigs; f++) {
		if (theme_of(f) != th || figs[f].kind == COUNT)
			continue;
		if ((fam = family_of(f)) >= 0) {
			if (f > 0 && family_of(f - 1) == fam)
				continue;
			for (n = 0; f + n < nfigs && family_of(f + n) == fam; n++)
				fs[n] = f + n;
			xl_stack_chart(x, ws, &slot, row, k, families[fam].title, fs, n);
			snprintf(buf, sizeof buf, "%s i %s over tid", families[fam].title,
			    kom[k].name);
			n = own_series(s, k, fs, n);
			xl_line_chart(x, ws, &slot, row, buf, "pct.", s, n);
			continue;
		}
		n = area_series(s, k, f, 0);
		snprintf(buf, sizeof buf, "%s %s", figs[f].label, figs[f].shortname);
		xl_line_chart(x, ws, &slot, row, buf, unit_label(f, 0, buf + 256), s, n);
	}
}

static void
write_xlsx(const char *path, int k)
{
	static const char *about[] = {
		"Socialpsykiatriens nøgletal efter Social- og Boligstyrelsens nøgletalskatalog.",
		"Et ark pr. tema: tabellen (som report -o tsv) og diagrammer; tallene til "
		"diagrammerne står i arket Diagramdata.",
		"Gruppe og hele landet er summen af kommunernes tællere og nævnere.",
		"Antal er personer; andele i procent; gennemsnit i point fra 0 til 100; "
		"nøgletal 19 i kr. pr. kr.",
		"i.t. = ikke tilgængelig endnu (Note-kolonnen siger hvorfor); tom celle = ingen "
		"data.",
		NULL
	};
	struct xl x = { 0 };
	lxw_worksheet *ws, *sheet[NTHEME];
	lxw_error e;
	char buf[512];
	int th, i;

	if ((x.wb = workbook_new(path)) == NULL)
		die("%s: cannot create the workbook", path);
	x.title = workbook_add_format(x.wb);
	format_set_bold(x.title);
	format_set_font_size(x.title, 14);
	x.bold = workbook_add_format(x.wb);
	format_set_bold(x.bold);
	x.head = workbook_add_format(x.wb);
	format_set_bold(x.head);
	format_set_bottom(x.head, LXW_BORDER_THIN);
	x.warn = workbook_add_format(x.wb);
	format_set_bold(x.warn);
	format_set_font_color(x.warn, LXW_COLOR_RED);
	for (i = 0; i < 4; i++) {
		x.num[i] = workbook_add_format(x.wb);
		format_set_num_format(x.num[i], i == 0 ? "0" : i == 1 ? "0.0" : i == 2 ?
		    "0.00" : "0.000");
	}
	for (th = 0; th < NTHEME; th++)
		if (theme_used(th) && (sheet[th] = workbook_add_worksheet(x.wb,
		    themes[th].title)) == NULL)
			die("%s: cannot add the sheet %s", path, themes[th].title);
	ws = workbook_add_worksheet(x.wb, "Om tallene");
	x.data = workbook_add_worksheet(x.wb, "Diagramdata");
	if (ws == NULL || x.data == NULL)
		die("%s: cannot add a sheet", path);
	worksheet_set_column(x.data, 0, 0, 44, NULL);
	for (th = 0; th < NTHEME; th++)
		if (theme_used(th))
			xl_sheet(&x, sheet[th], k, th);
	worksheet_set_column(ws, 0, 0, 110, NULL);
	snprintf(buf, sizeof buf, "Socialpsykiatriens nøgletal: %s (kommune %03d)",
	    kom[k].name, kom[k].code);
	worksheet_write_string(ws, 0, 0, buf, x.title);
	if (threshold <= 0)
		worksheet_write_string(ws, 1, 0, "DISKRETIONERING SLÅET FRA (-n 0): tallene er "
		    "ikke diskretionerede og må ikke offentliggøres.", x.warn);
	else {
		snprintf(buf, sizeof buf, "Små tal er diskretioneret: antal under %ld, og andele "
		    "og gennemsnit for under %ld personer, vises som <%ld og er udeladt af "
		    "diagrammerne, også for gruppen og landet; tal vist som .. er skjult, så et "
		    "lille tal ikke kan regnes ud af de viste.", threshold, threshold, threshold);
		worksheet_write_string(ws, 1, 0, buf, NULL);
	}
	snprintf(buf, sizeof buf, "Sammenligningsgruppe: %s.", area_name(group_of[k]));
	worksheet_write_string(ws, 2, 0, buf, NULL);
	for (i = 0; about[i]; i++)
		worksheet_write_string(ws, (lxw_row_t)(4 + i), 0, about[i], NULL);
	if ((e = workbook_close(x.wb)) != LXW_NO_ERROR)
		die("%s: cannot write the workbook: %s", path, lxw_strerror(e));
}

/* ---- main ---- */

static void
remove_tmp(void)
{
	if (tmp_path[0])
		unlink(tmp_path);
	tmp_path[0] = '\0';
}

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
	if (ferror(f))
		die("%s: read error", path);
	fclose(f);
}

/* The report of municipality area k; returns its table rows. */
static long
one_report(const char *fmt, const char *dir, int k, int head)
{
	char path[4096];
	FILE *out = stdout;
	long rows = 0;
	int f, rate, level, fd;

	ROWS(f, rate, level)
		rows++;
	if (strcmp(fmt, "xlsx") == 0) {
		if (dir)
			snprintf(path, sizeof path, "%s/rapport-%03d.xlsx", dir, kom[k].code);
		else {
			snprintf(tmp_path, sizeof tmp_path, "%s/report-XXXXXX",
			    getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
			if ((fd = mkstemp(tmp_path)) < 0)
				die("%s: %s", tmp_path, strerror(errno));
			close(fd);
			snprintf(path, sizeof path, "%s", tmp_path);
		}
		write_xlsx(path, k);
		if (chmod(path, 0600) != 0)
			die("%s: %s", path, strerror(errno));
		if (!dir) {
			copy_to_stdout(path);
			remove_tmp();
		}
		return rows;
	}
	if (dir) {
		snprintf(path, sizeof path, "%s/rapport-%03d.%s", dir, kom[k].code, fmt);
		if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0 ||
		    fchmod(fd, 0600) != 0 || (out = fdopen(fd, "w")) == NULL)
			die("%s: %s", path, strerror(errno));
	}
	if (strcmp(fmt, "html") == 0)
		write_html(out, k);
	else
		write_tsv(out, k, head || dir);
	if (dir && (ferror(out) | fclose(out)) != 0)
		die("%s: write error: %s", path, strerror(errno));
	return rows;
}

static int
has_figures(int a)
{
	int d, f;

	for (d = 0; d < ndates; d++)
		for (f = 0; f < nfigs; f++)
			if (AT(a, d, f)->has)
				return 1;
	return 0;
}

/* Forget a previous run (the fuzzing harness calls main again). */
static void
reset(void)
{
	int i;

	for (i = 0; i < nfigs; i++) {
		free(figs[i].name);
		free(figs[i].shortname);
		free(figs[i].theme);
		free(figs[i].unit);
		free(figs[i].why_late);
	}
	for (i = 0; group_name && i < ngroups; i++)
		free(group_name[i]);
	free(group_name);
	free(group_of);
	free(group_size);
	free(cells);
	free(pop);
	free(rels);
	free(relpart);
	group_name = NULL, group_of = group_size = NULL, cells = NULL, pop = NULL;
	rels = NULL, relpart = NULL;
	nfigs = ndates = ngroups = nrels = nrelpart = relcap = partcap = 0;
	memset(fig_at, 0, sizeof fig_at);
	memset(kom_at, 0, sizeof kom_at);
	threshold = 5;
}

int
main(int argc, char **argv)
{
	static int registered;
	const char *fmt = "tsv", *dir = NULL, *groups = NULL, *pop_path = NULL;
	int c, code = 0, a, any = 0;
	long rows = 0;
	tsv *t;

	reset();
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
			if (!(code = kommune_code(optarg)))
				usage_die(SYNOPSIS);
			break;
		case 'n':
			if (!parse_uint(optarg, &threshold) || threshold > 1000000)
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
	    strcmp(fmt, "xlsx")) || (!code && strcmp(fmt, "tsv") && !dir))
		usage_die(SYNOPSIS);
	if (!registered++)
		atexit(remove_tmp);
	kom = kommune_all(&nkom);
	for (a = 0; a < nkom; a++)
		kom_at[kom[a].code] = a + 1;
	load_catalogue();
	t = tsv_open(NULL, 0);
	acct_begin(t);
	load_groups(groups);
	read_figures(t);
	tsv_close(t);
	if (ndates == 0) {
		acct_end(0);
		die("<stdin>: no figure rows to report");
	}
	if (pop_path)
		load_population(pop_path);
	pool();
	suppress();
	if (threshold <= 0)
		warn("suppression is off (-n 0): the report must not be published");
	if (code)
		rows = one_report(fmt, dir, kom_at[code] - 1, 1);
	else
		for (a = 0; a < nkom; a++)
			if (has_figures(a))
				rows += one_report(fmt, dir, a, !any++);
	if (fflush(stdout) != 0 || ferror(stdout))
		die("<stdout>: write error: %s", strerror(errno));
	acct_end(rows);
	return 0;
}
