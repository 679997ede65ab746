/*
 * flows: the full flow of the stair between consecutive cut dates.
 * Reads a snapshot (DATO PNR KOMMUNE TRIN); writes KOMMUNE DATO FRA TIL ANTAL:
 * for each municipality and each pair of consecutive cut dates (t-1, t),
 * DATO = t, how many persons went from state FRA at t-1 to state TIL at t.
 * A state is a step 0-8 in this municipality, "ude" (not in the snapshot)
 * or "anden:S" (step S in another municipality: a move between
 * municipalities, written once in each of the two). Zeros are not written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "fig.h"
#include "opts.h"
#include "snap.h"
#include "tables.h"
#include "tsv.h"
#include "util.h"

#define SYNOPSIS "flows [-hu] [-f from] [-t to] [-r rejects] [-z level]"
#define ANDEN 9			/* state ANDEN + s: step s in another municipality */
#define UDE 18			/* state: not in the snapshot */
#define NSTATE 19

/* One output row of a municipality. */
struct flow {
	int dato;
	signed char fra, til;	/* states */
	long antal;
};

/*
 * The rows by municipality. pair() makes them by date, then FRA, TIL, so
 * each municipality's rows are in output order as they come: no sort.
 */
static struct flows {
	struct flow *row;
	size_t n, cap;
} flows[KOMMUNE_MAX];
static long nrows;

static struct snap_days days;	/* by cut date: each person's step and municipality */
static struct snap_ids ids;	/* person ids, by the merge with the date before */

static const struct prog prog = {
	SYNOPSIS,
	"f:hr:t:uz:",
	    "Reads a snapshot (DATO PNR KOMMUNE TRIN; or its image, snapshot -b)\n"
	    "and writes, for each municipality and each pair of consecutive cut\n"
	    "dates (t-1, t), the number of persons going from state FRA at t-1 to\n"
	    "state TIL at t: KOMMUNE DATO FRA TIL ANTAL, DATO = t. A state is a step\n"
	    "0-8 in the municipality, 'ude' (not in the snapshot: entry and exit) or\n"
	    "'anden:S' (step S in another municipality). A person in the same\n"
	    "municipality at both dates, or entering or leaving the snapshot, is one\n"
	    "row in that municipality; a person moving from K0 to K1 is two rows: in K0\n"
	    "FRA s0 TIL anden:s1, in K1 FRA anden:s0 TIL s1. So in a municipality\n"
	    "the rows whose FRA is a step add up to its persons at t-1, the rows\n"
	    "whose TIL is a step to its persons at t. Zeros are not written; rows\n"
	    "come sorted by KOMMUNE, DATO, FRA, TIL (steps, anden:0-8, ude). The cut\n"
	    "dates are those of the snapshot, from its first to its last; -f and -t\n"
	    "set the range instead (a cut date with nobody still counts as t).\n"
	    "\n"
	    "  -f from, -t to  the range of cut dates (closed interval)",
	RANGE_CUTS,
	NULL,
	NULL,
};

/* One snapshot row: checked, then stored. */
static void
row(tsv *t, struct snap_cols *c, int from, int to)
{
	int dato, kom, trin, p;

	if (!snap_read_row(t, c, from, to, &dato, &kom, &trin))
		return;
	p = snap_id(&ids, dato, t->f[c->pnr]);
	if (snap_put(&days, t, c->pnr, dato, p, trin, kom))
		acct_wrote(1);
}

static void
read_snapshot(const struct opts *o)
{
	tsv *t = tsv_open(NULL, TSV_AHEAD);
	struct snap_cols c;

	snap_cols(t, &c, 0);
	acct_open(t, o->rejects, o->level);
	snap_ids_init(&ids);
	while (tsv_row(t))
		row(t, &c, o->from, o->to);
	tsv_close(t);
	snap_ids_free(&ids);
}

/*
 * The flows from t-1 (a0) to t (a1), added to each municipality's rows.
 * Only the municipalities met are counted, written and cleared: not all
 * 2.9 MB of counts are touched for a hundred municipalities.
 */
static void
pair(const struct snap_day *a0, const struct snap_day *a1, int dato)
{
	static long n[KOMMUNE_MAX][NSTATE][NSTATE];	/* zeros between calls */
	static char met[KOMMUNE_MAX];
	int cap0 = a0 ? a0->cap : 0, cap1 = a1 ? a1->cap : 0;
	int p, s0, s1, k0, k1, k, i, j;
	struct flows *f;

	for (p = 0; p < cap0 || p < cap1; p++) {
		s0 = snap_trin(a0, p);
		s1 = snap_trin(a1, p);
		if (s0 == SNAP_NONE && s1 == SNAP_NONE)
			continue;
		k0 = s0 != SNAP_NONE ? a0->kommune[p] : 0;
		k1 = s1 != SNAP_NONE ? a1->kommune[p] : 0;
		met[k0] = met[k1] = 1;
		if (s0 == SNAP_NONE)
			n[k1][UDE][s1]++;		/* entry */
		else if (s1 == SNAP_NONE)
			n[k0][s0][UDE]++;		/* exit */
		else if (k0 == k1)
			n[k0][s0][s1]++;
		else {					/* a move: out of k0, into k1 */
			n[k0][s0][ANDEN + s1]++;
			n[k1][ANDEN + s0][s1]++;
		}
	}
	for (k = 0; k < KOMMUNE_MAX; k++) {
		if (!met[k])
			continue;
		for (i = 0; i < NSTATE; i++)
			for (j = 0; j < NSTATE; j++) {
				if (n[k][i][j] == 0)
					continue;
				f = &flows[k];
				f->row = grow(f->row, &f->cap, f->n + 1, sizeof *f->row);
				f->row[f->n++] = (struct flow){ dato, (signed char)i,
				    (signed char)j, n[k][i][j] };
				nrows++;
			}
		memset(n[k], 0, sizeof n[k]);
		met[k] = 0;
	}
}

static const char *
state_name(int s)
{
	static const char *name[NSTATE] = { "0", "1", "2", "3", "4", "5", "6",
	    "7", "8", "anden:0", "anden:1", "anden:2", "anden:3", "anden:4",
	    "anden:5", "anden:6", "anden:7", "anden:8", "ude" };

	return name[s];
}

/* KOMMUNE, DATO, FRA, TIL: the state numbers are in output order. */
static void
write_flows(gzw *w)
{
	const struct flow *r;
	char kom[12], d[11], n[32];
	int k;
	size_t i;

	gzw_puts(w, "KOMMUNE\tDATO\tFRA\tTIL\tANTAL\n");
	for (k = 0; k < KOMMUNE_MAX; k++)
		for (i = 0; i < flows[k].n; i++) {
			r = &flows[k].row[i];
			fig_kommune_fmt(k, kom);
			date_fmt(r->dato, d);
			fig_num((double)r->antal, n);
			gzw_fields(w, kom, d, state_name(r->fra), state_name(r->til), n, (char *)NULL);
			gzw_putc(w, '\n');
		}
}

/* Persons in the snapshot at one cut date (none: NULL). */
static long
persons_at(const struct snap_day *a)
{
	long n = 0;
	int p;

	for (p = 0; a && p < a->cap; p++)
		n += snap_trin(a, p) != SNAP_NONE;
	return n;
}

/*
 * A cut date with nobody between two with 20 persons or more is written as
 * everyone leaving and coming back, as it is; a warning says that it looks
 * like a date missing from the data (review E, E7: forecast took it as
 * flows).
 */
static void
warn_gap(int first, int last)
{
	long before = -1, now = -1, after;
	char day[11];
	int d;

	for (d = first; first >= 0 && d <= last; d = cut_next(d)) {
		after = persons_at(snap_day(&days, d));
		if (now == 0 && before >= 20 && after >= 20) {
			date_fmt(cut_prev(d), day);
			warn("warning: nobody in the snapshot at %s, between cut dates with %ld and "
			    "%ld persons: a date missing from the data? Everyone leaves and comes "
			    "back there", day, before, after);
		}
		before = now, now = after;
	}
}

int
main(int argc, char **argv)
{
	int d, first, last;
	struct opts o;
	gzw *out;

	opts_start(&o, argc, argv);
	while (opts_next(&o, &prog, argc, argv) != -1)
		;
	if (!snap_days_image(&days, o.from, o.to, o.rejects))
		read_snapshot(&o);
	snap_days_range(&days, o.from, o.to, &first, &last);
	warn_gap(first, last);
	for (d = first; first >= 0 && d <= last; d = cut_next(d))
		if (d > first)
			pair(snap_day(&days, cut_prev(d)), snap_day(&days, d), d);
	out = opts_out(&o);
	write_flows(out);
	gzw_close(out);
	acct_end(nrows);
	return 0;
}
