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

static const struct prog prog = {
	SYNOPSIS,
	"f:hr:t:uz:",
	    "Reads a snapshot (DATO PNR KOMMUNE TRIN; or its image, snapshot -b)\n"
	    "and writes key figures 1-6 for every cut date and every municipality\n"
	    "with a person in the snapshot, zeros included, and 7, 7.1-7.3, 8, 9, 10\n"
	    "at t for every pair of consecutive cut dates (t-1, t), in the\n"
	    "municipality at t-1. Figures that need §82 data (6 before 2020-12-31;\n"
	    "9, 10 before 2021-06-30) are not written. The cut dates are those of\n"
	    "the snapshot, from its first to its last; -f and -t set the range\n"
	    "instead (a cut date with no person in the snapshot still counts as t\n"
	    "for the moves into it).\n"
	    "\n"
	    "  -f from, -t to  the range of cut dates (closed interval)",
	RANGE_CUTS,
	NULL,
	NULL,
};

/* The command line. */
struct args {
	struct opts o;
};

/* What the run reads: by cut date, each person's step (SNAP_NONE: not on the stair). */
struct stair {
	struct snap_days days;
	pnrset *persons;
};

/* Levels 1-6 at t: persons by TRIN in their municipality. */
static void
levels(const struct snap_day *a, int dato)
{
	static const int id[9] = { 0, 0, 600, 500, 500, 400, 300, 200, 100 };
	long n[KOMMUNE_MAX][7];
	char seen[KOMMUNE_MAX] = { 0 };
	int p, k, trin;

	memset(n, 0, sizeof n);
	for (p = 0; a != NULL && p < a->cap; p++) {
		if ((trin = a->trin[p]) == SNAP_NONE)
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
moves(const struct snap_day *a0, const struct snap_day *a1, int dato)
{
	enum { M71, M72, M73, M8, M9, M10, NM };
	static const int id[NM] = { 701, 702, 703, 800, 900, 1000 };
	long n[KOMMUNE_MAX][NM];
	char seen[KOMMUNE_MAX] = { 0 };
	int p, k, s0, s1, i;

	memset(n, 0, sizeof n);
	for (p = 0; a0 != NULL && p < a0->cap; p++) {
		if ((s0 = a0->trin[p]) == SNAP_NONE)
			continue;
		s1 = snap_trin(a1, p);
		k = a0->kommune[p];
		seen[k] = 1;
		if ((s0 == 7 || s0 == 8) && s1 == 6)
			n[k][M71]++;
		if ((s0 == 7 || s0 == 8) && s1 <= 5)
			n[k][M72]++;
		if (s0 == 6 && s1 <= 5)
			n[k][M73]++;
		if (s0 == 5 && (s1 == 2 || s1 == 0 || s1 == SNAP_NONE))
			n[k][M8]++;
		if (s0 == 2 && (s1 == 0 || s1 == SNAP_NONE))
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
row(tsv *t, struct snap_cols *c, const struct opts *o, struct stair *st)
{
	int dato, kom, trin, p;

	if (!snap_read_row(t, c, o->from, o->to, &dato, &kom, &trin))
		return;
	p = ps_add(st->persons, t->f[c->pnr], strlen(t->f[c->pnr]));
	if (snap_put(&st->days, t, c->pnr, dato, p, trin, kom))
		acct_wrote(1);
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
	struct stair st;
	struct snap_cols c;
	int d, first, last;
	tsv *t;

	memset(&st, 0, sizeof st);
	st.persons = ps_new();
	if (!snap_days_image(&st.days, o->from, o->to, o->rejects)) {
		t = tsv_open(NULL, 0);
		snap_cols(t, &c, 0);
		acct_open(t, o->rejects, o->level);
		while (tsv_row(t))
			row(t, &c, o, &st);
		tsv_close(t);
	}
	snap_days_range(&st.days, o->from, o->to, &first, &last);
	for (d = first; first >= 0 && d <= last; d = cut_next(d)) {
		levels(snap_day(&st.days, d), d);
		if (d > first)
			moves(snap_day(&st.days, cut_prev(d)), snap_day(&st.days, d), d);
	}
	fig_end(opts_out(o));
	snap_days_free(&st.days);
	ps_free(st.persons);
}

FILTER_MAIN
