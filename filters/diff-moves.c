/*
 * diff-moves: key figures 1-10 from the snapshot (SPEC 3, 5).
 * Reads DATO PNR KOMMUNE TRIN; writes the figure stream: levels 1-6 at
 * every cut date, moves 7-10 for every pair of consecutive cut dates,
 * counted in the municipality of the person at t-1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "field.h"
#include "fig.h"
#include "pnrset.h"
#include "snap.h"
#include "tables.h"
#include "opts.h"
#include "tsv.h"
#include "util.h"

#define SYNOPSIS "diff-moves [-hu] [-f from] [-t to] [-r rejects] [-z level]"
#define MAXDATES 400
#define NONE (-1)		/* not in the snapshot: not on the stair */

/* Per cut date: each person's step and municipality (NONE: absent). */
struct at {
	int dato;
	signed char *trin;	/* by person id */
	short *kommune;
	int cap;
};

static struct at dates[MAXDATES];
static int ndates;
static pnrset *persons;

static const struct prog prog = {
	SYNOPSIS,
	"f:hr:t:uz:",
	    "Reads a snapshot (DATO PNR KOMMUNE TRIN) and writes key figures 1-6 for\n"
	    "every cut date and every municipality with a person in the snapshot,\n"
	    "zeros included, and 7, 7.1-7.3, 8, 9, 10 at t for every pair of\n"
	    "consecutive cut dates (t-1, t), in the municipality at t-1. Figures that\n"
	    "need §82 data (6 before 2020-12-31; 9, 10 before 2021-06-30) are not\n"
	    "written. The cut dates are those of the snapshot, from its first to its\n"
	    "last; -f and -t set the range instead (a cut date with no person in the\n"
	    "snapshot still counts as t for the moves into it).\n"
	    "\n"
	    "  -f from, -t to  the range of cut dates (closed interval)",
	RANGE_CUTS,
};

/* The command line. */
struct args {
	struct opts o;
};

static struct at *
date_slot(int dato)
{
	int i;

	for (i = 0; i < ndates; i++)
		if (dates[i].dato == dato)
			return &dates[i];
	if (ndates == MAXDATES)
		die("more than %d cut dates", MAXDATES);
	dates[ndates].dato = dato;
	return &dates[ndates++];
}

/* Make room for person id p at every date, new slots NONE. */
static void
reserve(struct at *a, int p)
{
	int cap = a->cap;

	if (p < cap)
		return;
	a->cap = p + 1 > cap * 2 ? p + 1 : cap * 2;
	a->trin = erealloc(a->trin, (size_t)a->cap);
	a->kommune = erealloc(a->kommune, (size_t)a->cap * sizeof *a->kommune);
	memset(a->trin + cap, NONE, (size_t)(a->cap - cap));
}

static const struct at *
find_date(int dato)
{
	int i;

	for (i = 0; i < ndates; i++)
		if (dates[i].dato == dato)
			return &dates[i];
	return NULL;
}

static int
trin_at(const struct at *a, int p)
{
	return a != NULL && p < a->cap ? a->trin[p] : NONE;
}

/* Levels 1-6 at t: persons by TRIN in their municipality. */
static void
levels(const struct at *a, int dato)
{
	static const int id[9] = { 0, 0, 600, 500, 500, 400, 300, 200, 100 };
	long n[KOMMUNE_MAX][7];
	char seen[KOMMUNE_MAX] = { 0 };
	int p, k, trin;

	memset(n, 0, sizeof n);
	for (p = 0; a != NULL && p < a->cap; p++) {
		if ((trin = a->trin[p]) == NONE)
			continue;
		k = a->kommune[p];
		seen[k] = 1;
		if (trin >= 2)
			n[k][id[trin] / 100]++;
	}
	for (k = 0; k < KOMMUNE_MAX; k++)
		if (seen[k])
			for (p = 1; p <= 6; p++)
				fig_add(k, dato, p * 100, (double)n[k][p], FIG_COUNT);
}

/* Moves from t-1 to t, in the municipality at t-1 (SPEC 3). */
static void
moves(const struct at *a0, const struct at *a1, int dato)
{
	enum { M71, M72, M73, M8, M9, M10, NM };
	static const int id[NM] = { 701, 702, 703, 800, 900, 1000 };
	long n[KOMMUNE_MAX][NM];
	char seen[KOMMUNE_MAX] = { 0 };
	int p, k, s0, s1, i;

	memset(n, 0, sizeof n);
	for (p = 0; a0 != NULL && p < a0->cap; p++) {
		if ((s0 = a0->trin[p]) == NONE)
			continue;
		s1 = trin_at(a1, p);
		k = a0->kommune[p];
		seen[k] = 1;
		if ((s0 == 7 || s0 == 8) && s1 == 6)
			n[k][M71]++;
		if ((s0 == 7 || s0 == 8) && s1 <= 5)
			n[k][M72]++;
		if (s0 == 6 && s1 <= 5)
			n[k][M73]++;
		if (s0 == 5 && (s1 == 2 || s1 == 0 || s1 == NONE))
			n[k][M8]++;
		if (s0 == 2 && (s1 == 0 || s1 == NONE))
			n[k][M9]++;
		if (s0 == 2 && s1 >= 3)
			n[k][M10]++;
	}
	for (k = 0; k < KOMMUNE_MAX; k++) {
		if (!seen[k])
			continue;
		fig_add(k, dato, 700, (double)(n[k][M71] + n[k][M72] + n[k][M73]),
		    FIG_COUNT);
		for (i = 0; i < NM; i++)
			fig_add(k, dato, id[i], (double)n[k][i], FIG_COUNT);
	}
}

/* One snapshot row: validated, then a person's step at its date. */
static void
row(tsv *t, struct snap_cols *c, int from, int to)
{
	int dato, kom, trin, p;
	struct at *a;

	if (!snap_dato(t, c, &dato) || !field_pnr(t, c->pnr) ||
	    !(kom = field_kommune(t, c->kommune)) || (trin = field_step(t, c->trin)) < 0)
		return;
	if ((from >= 0 && dato < from) || (to >= 0 && dato > to)) {
		acct_drop("outside-range");
		return;
	}
	p = ps_add(persons, t->f[c->pnr], strlen(t->f[c->pnr]));
	a = date_slot(dato);
	reserve(a, p);
	if (a->trin[p] != NONE) {
		reject(t, c->pnr, "second row for the person at this DATO");
		return;
	}
	a->trin[p] = (signed char)trin;
	a->kommune[p] = (short)kom;
	acct_wrote(1);
}

/* The cut dates: -f/-t when given, else the snapshot's first to last. */
static void
cut_range(const struct opts *o, int *first, int *last)
{
	int i;

	*first = *last = -1;
	for (i = 0; i < ndates; i++) {
		if (*first < 0 || dates[i].dato < *first)
			*first = dates[i].dato;
		if (dates[i].dato > *last)
			*last = dates[i].dato;
	}
	if (o->from >= 0)
		*first = cut_on_or_after(o->from);
	if (o->to >= 0)
		*last = cut_on_or_before(o->to);
}

static void
options(struct args *a, int argc, char **argv)
{
	opts_start(&a->o, argc, argv);
	while (opts_next(&a->o, &prog, argc, argv) != -1)
		;
}

/* Standard input to standard output (a failure dies). */
static void
run(const struct args *a)
{
	const struct opts *o = &a->o;
	int d, first, last, i;
	struct snap_cols c;
	tsv *t;

	for (i = 0; i < ndates; i++) {	/* run may run again when fuzzed */
		free(dates[i].trin);
		free(dates[i].kommune);
	}
	memset(dates, 0, sizeof dates);
	ndates = 0;
	t = tsv_open(NULL, 0);
	snap_cols(t, &c, 0);
	acct_open(t, o->rejects, o->level);
	persons = ps_new();
	while (tsv_row(t))
		row(t, &c, o->from, o->to);
	tsv_close(t);
	cut_range(o, &first, &last);
	for (d = first; first >= 0 && d <= last; d = cut_next(d)) {
		levels(find_date(d), d);
		if (d > first)
			moves(find_date(cut_prev(d)), find_date(d), d);
	}
	fig_end(opts_out(o));
}

FILTER_MAIN
