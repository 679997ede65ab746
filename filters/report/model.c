/* model: the figure rows into cells, the areas and groups, pooling, the population. */
#include <limits.h>
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

int
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

/*
 * Groups and country: the sums of TAELLER and NAEVNER of their
 * municipalities. 13.1 and 13.2 of an area with a member whose 13 is not
 * split (read.c: unsplit()) are no data: their sum is not the area's 13
 * (review AA, AA2).
 */
void
pool(struct report *r)
{
	struct cell *c, *p;
	int a, d, f, i, to[3], f13 = catalog_index(1300);

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
	for (a = 0; a < r->nkom && f13 >= 0; a++)
		for (d = 0; d < r->ndates; d++) {
			if (!AT(a, d, f13)->has || AT(a, d, f13)->filled || !unsplit(r, a, d))
				continue;
			to[0] = r->land, to[1] = r->region_of[a], to[2] = r->group_of[a];
			for (i = 0; i < 3; i++)
				for (f = 0; to[i] >= 0 && f < r->nfigs; f++)
					if (split_part(r, f))
						memset(AT(to[i], d, f), 0, sizeof *AT(to[i], d, f));
		}
}

/*
 * A municipality without a population at a cut date of the report (no
 * row, or 0): its rates per 10,000 there, and its group's and the country's, are "ingen
 * befolkningstal". Said, and with -W a failure: a population file of
 * other years, or a header alone, left every rate missing, exit 0
 * (review H, H5).
 */
static void
population_missing(struct report *r, const char *path)
{
	char day[11], msg[PATH_MAX + 300];
	int a, d, n = 0, fa = -1, fd = -1;

	for (d = 0; d < r->ndates; d++)
		for (a = 0; a < r->nkom; a++)
			if (isnan(POP(a, d)) && n++ == 0)
				fa = a, fd = d;
	if (n == 0)
		return;
	date_fmt(r->dates[fd], day);
	snprintf(msg, sizeof msg, "-p %s: no population of %s at %s (%d municipality-dates "
	    "in all): the rates per 10,000 there, and of its region and the country, are "
	    "missing", path, r->kom[fa].name, day, n);
	if (r->strict)
		die("%s: nothing written (-W)", msg);
	warn("%s: written (-W would fail)", msg);
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
	/* 0: none to divide by, as no row (review AM, AM1: its persons went
	 * into the region's and the country's rates over nobody, exit 0) */
	for (a = 0; a < r->narea * r->ndates; a++)
		if (r->pop[a] == 0)
			r->pop[a] = NAN;
	population_missing(r, path);
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

/* What rows_build() and the steps after it allocated: the model of one set of rows. */
void
model_free(struct report *r)
{
	free(r->present);
	free(r->cells);
	free(r->pair);
	free(r->pop);
	free(r->rels);
	free(r->relpart);
	free(r->fcells);
	free(r->stuck);
	free(r->reused);
	free(r->links);
}

/* What a run allocated (the fuzzing harness calls run() again). */
void
report_free(struct report *r)
{
	int i;

	/* r->figs is the catalogue's (common/catalog.c): kept for the next run */
	for (i = 0; r->group_name && i < r->ngroups; i++)
		free(r->group_name[i]);
	free(r->group_name);
	free(r->group_of);
	free(r->region_of);
	free(r->group_size);
	model_free(r);
	free(r);
}
