/* model: the figure rows into cells, the areas and groups, pooling, the population. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "report.h"
#include "util.h"

/* ---- reading ---- */

void
load_catalogue(struct report *r)
{
	r->figs = catalog(&r->nfigs);
	if (r->nfigs > MAXFIG)
		die("noegletal.tsv: more than %d key figures", MAXFIG);
}

/* Group g (0-based among the groups) named name: found or added. */
static int
group_named(struct report *r, int from, const char *name)
{
	int g;

	for (g = from; g < r->ngroups && strcmp(r->group_name[g], name); g++)
		;
	if (g == r->ngroups)
		r->group_name[r->ngroups++] = estrdup(name);
	return g;
}

/*
 * The groups: the regions always (suppression is decided with them, so
 * which municipality cells are hidden never depends on -g), then the
 * groups of path (GRUPPE KOMMUNE) when given, which the report compares
 * with instead of the regions.
 */
void
load_groups(struct report *r, const char *path)
{
	int a, c_g, c_k, code;
	tsv *t;

	r->region_of = emalloc(sizeof *r->region_of * (size_t)r->nkom);
	r->group_of = emalloc(sizeof *r->group_of * (size_t)r->nkom);
	r->group_name = ecalloc(2 * (size_t)r->nkom, sizeof *r->group_name);
	r->group_size = ecalloc(2 * (size_t)r->nkom, sizeof *r->group_size);
	for (a = 0; a < r->nkom; a++)
		r->group_of[a] = r->region_of[a] = group_named(r, 0, r->kom[a].region_name);
	r->nregions = r->ngroups;
	if (path != NULL) {
		for (a = 0; a < r->nkom; a++)
			r->group_of[a] = -1;
		t = tsv_open(path, 0);
		c_g = tsv_col(t, "GRUPPE");
		c_k = tsv_col(t, "KOMMUNE");
		while (tsv_row(t)) {	/* reject() dies: t is not the main input */
			if (!(code = kommune_code(t->f[c_k])))
				reject(t, c_k, "not a municipality code");
			if (t->f[c_g][0] == '\0')
				reject(t, c_g, "empty");
			if (r->group_of[a = r->kom_at[code] - 1] >= 0)
				reject(t, c_k, "a municipality in a second group");
			r->group_of[a] = group_named(r, r->nregions, t->f[c_g]);
		}
		tsv_close(t);
	}
	for (a = 0; a < r->nkom; a++) {
		r->region_of[a] += r->nkom;
		if (r->group_of[a] >= 0)
			r->group_size[r->group_of[a]]++, r->group_of[a] += r->nkom;
	}
	r->narea = r->nkom + r->ngroups + 1;
	r->land = r->narea - 1;
}

static int
date_index(struct report *r, int day)
{
	int lo = 0, hi = r->ndates - 1, mid;

	while (lo <= hi) {
		mid = (lo + hi) / 2;
		if (r->dates[mid] == day)
			return mid;
		if (r->dates[mid] < day)
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

/* Is figure f the municipality's own data (13-17, KILDE who5)? */
int
own_data(const struct report *r, int f)
{
	return strcmp(r->figs[f].source, "who5") == 0;
}

/*
 * A figure at a date for which a municipality has no row is 0 (no row is
 * written for a count of 0 or a share whose NAEVNER is 0), so it shows as
 * a suppressed value, never as "no data" (SPEC 4): for a municipality with
 * rows, a register figure that some municipality has at that date, or its
 * own figure (13-17) at a date when it sent its own data. Such a cell is
 * marked filled.
 */
static void
fill_zeros(struct report *r)
{
	int a, d, f, g, own_sent, any;
	struct cell *c;

	r->present = ecalloc((size_t)r->nkom, 1);
	for (a = 0; a < r->nkom; a++)
		r->present[a] = (char)has_figures(r, a);
	for (d = 0; d < r->ndates; d++)
		for (f = 0; f < r->nfigs; f++) {
			if (r->dates[d] < r->figs[f].first || (r->figs[f].yearly && is_june(r, d)))
				continue;
			for (a = any = 0; a < r->nkom && !any; a++)
				any = AT(a, d, f)->has;
			for (a = 0; a < r->nkom; a++) {
				if (!r->present[a] || (c = AT(a, d, f))->has)
					continue;
				for (g = own_sent = 0; g < r->nfigs && !own_sent; g++)
					own_sent = own_data(r, g) && AT(a, d, g)->has && !AT(a, d, g)->filled;
				if (own_data(r, f) ? own_sent : any) {
					c->has = c->filled = 1;
					c->t = 0;
					c->n = r->figs[f].kind == ART_COUNT ? NAN : 0;
				}
			}
		}
}

/*
 * The figure rows, into the municipalities' cells. A cut date gets a slot
 * when first seen; the slots are sorted at the end. The header line of a
 * concatenated stream comes again: an exact repeat is dropped as such.
 */
void
read_figures(struct report *r, tsv *t)
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
	raw = ecalloc((size_t)r->nkom * MAXDATE * (size_t)r->nfigs, sizeof *raw);
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
		if ((f = catalog_index(catalog_parse_id(t->f[c_id]))) < 0) {
			reject(t, c_id, "not a key figure of the catalogue");
			continue;
		}
		civil_from_days(day, &y, &m, &dd);
		if (r->figs[f].yearly && m != 12) {
			reject(t, c_d, "not 31 December, and the figure is yearly");
			continue;
		}
		if (!parse_double(t->f[c_t], &tv)) {
			reject(t, c_t, "not a number");
			continue;
		}
		nv = NAN;
		if (r->figs[f].kind == ART_COUNT) {
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
		if (day < r->figs[f].first) {
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
		c = &raw[((size_t)(r->kom_at[code] - 1) * MAXDATE + (size_t)s) * (size_t)r->nfigs +
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
	r->ndates = nslot;
	for (s = 0; s < nslot; s++)
		r->dates[s] = slot_day[s];
	qsort(r->dates, (size_t)r->ndates, sizeof r->dates[0], cmp_int);
	for (s = 0; s < nslot; s++)
		order[date_index(r, slot_day[s])] = s;
	r->cells = ecalloc((size_t)r->narea * (size_t)(r->ndates ? r->ndates : 1) * (size_t)r->nfigs,
	    sizeof *r->cells);
	for (a = 0; a < r->nkom; a++)
		for (d = 0; d < r->ndates; d++)
			memcpy(AT(a, d, 0), &raw[((size_t)a * MAXDATE + (size_t)order[d]) *
			    (size_t)r->nfigs], sizeof *r->cells * (size_t)r->nfigs);
	free(raw);
	fill_zeros(r);
}

/* Groups and country: the sums of TAELLER and NAEVNER of their municipalities. */
void
pool(struct report *r)
{
	struct cell *c, *p;
	int a, d, f, i, to[3];

	for (a = 0; a < r->nkom; a++)
		for (d = 0; d < r->ndates; d++)
			for (f = 0; f < r->nfigs; f++) {
				if (!(c = AT(a, d, f))->has)
					continue;
				to[0] = r->land, to[1] = r->region_of[a];
				to[2] = r->group_of[a] != r->region_of[a] ? r->group_of[a] : -1;
				for (i = 0; i < 3 && to[i] >= 0; i++) {
					p = AT(to[i], d, f);
					p->t += c->t;
					p->n = r->figs[f].kind == ART_COUNT ? NAN : p->n + c->n;
					p->has = 1;
				}
			}
}

void
load_population(struct report *r, const char *path)
{
	tsv *t = tsv_open(path, 0);
	int c_k = tsv_col(t, "KOMMUNE"), c_d = tsv_col(t, "DATO");
	int c_a = tsv_col(t, "ANTAL_18_64"), code, day, a, d;
	double *p;
	long v;

	r->pop = emalloc(sizeof *r->pop * (size_t)r->narea * (size_t)r->ndates);
	for (a = 0; a < r->narea * r->ndates; a++)
		r->pop[a] = NAN;
	while (tsv_row(t)) {	/* reject() dies: t is not the main input */
		if (!(code = kommune_code(t->f[c_k])))
			reject(t, c_k, "not a municipality code");
		if (!date_parse(t->f[c_d], &day))
			reject(t, c_d, "not a date (YYYY-MM-DD)");
		if (!parse_uint(t->f[c_a], &v))
			reject(t, c_a, "not a whole number");
		if ((d = date_index(r, day)) < 0)
			continue;	/* a date the report does not show */
		if (!isnan(*(p = &POP(r->kom_at[code] - 1, d))))
			reject(t, c_d, "a second row for this KOMMUNE and DATO");
		*p = (double)v;
	}
	tsv_close(t);
	/* Group and country: every member's population, or unknown. */
	for (a = r->nkom; a < r->narea; a++)
		for (d = 0; d < r->ndates; d++)
			POP(a, d) = 0;
	for (a = 0; a < r->nkom; a++)
		for (d = 0; d < r->ndates; d++) {
			POP(r->land, d) += POP(a, d);
			POP(r->region_of[a], d) += POP(a, d);
			if (r->group_of[a] >= 0 && r->group_of[a] != r->region_of[a])
				POP(r->group_of[a], d) += POP(a, d);
		}
}

/* The area of a report's level for municipality area k; -1: no group. */
int
area(struct report *r, int k, int level)
{
	return level == KOM ? k : level == GRP ? r->group_of[k] : r->land;
}

const char *
area_name(struct report *r, int a)
{
	return a < 0 ? "ingen gruppe" : a < r->nkom ? r->kom[a].name : a < r->land ?
	    r->group_name[a - r->nkom] : "Hele landet";
}

int
is_june(struct report *r, int d)
{
	int y, m, dd;

	civil_from_days(r->dates[d], &y, &m, &dd);
	return m == 6;
}

int
has_figures(struct report *r, int a)
{
	int d, f;

	for (d = 0; d < r->ndates; d++)
		for (f = 0; f < r->nfigs; f++)
			if (AT(a, d, f)->has)
				return 1;
	return 0;
}

/* What a run allocated (the fuzzing harness calls main again). */
void
report_free(struct report *r)
{
	int i;

	for (i = 0; i < r->nfigs; i++) {
		free(r->figs[i].name);
		free(r->figs[i].shortname);
		free(r->figs[i].theme);
		free(r->figs[i].unit);
		free(r->figs[i].why_late);
	}
	for (i = 0; r->group_name && i < r->ngroups; i++)
		free(r->group_name[i]);
	free(r->group_name);
	free(r->group_of);
	free(r->region_of);
	free(r->present);
	free(r->group_size);
	free(r->cells);
	free(r->pop);
	free(r->rels);
	free(r->relpart);
	free(r);
}
