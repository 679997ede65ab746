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
#include <unistd.h>

#include "date.h"
#include "pnrset.h"
#include "tables.h"
#include "tsv.h"
#include "util.h"

#define SYNOPSIS "flows [-hu] [-f from] [-t to] [-r rejects] [-z level]"
#define MAXDATES 400
#define NONE (-1)		/* not in the snapshot */
#define ANDEN 9			/* state ANDEN + s: step s in another municipality */
#define UDE 18			/* state: not in the snapshot */
#define NSTATE 19

/* Per cut date: each person's step and municipality (NONE: absent). */
struct at {
	int dato;
	signed char *trin;	/* by person id */
	short *kommune;
	int cap;
};

/* One output row. */
struct flow {
	short kommune;
	signed char fra, til;	/* states */
	int dato;
	long antal;
};

static struct at dates[MAXDATES];
static int ndates;
static pnrset *persons;
static struct flow *rows;
static size_t nrows, caprows;

static void
usage(void)
{
	puts("usage: " SYNOPSIS "\n"
	    "\n"
	    "Reads a snapshot (DATO PNR KOMMUNE TRIN) and writes, for each\n"
	    "municipality and each pair of consecutive cut dates (t-1, t), the\n"
	    "number of persons going from state FRA at t-1 to state TIL at t:\n"
	    "KOMMUNE DATO FRA TIL ANTAL, DATO = t. A state is a step 0-8 in the\n"
	    "municipality, 'ude' (not in the snapshot: entry and exit) or 'anden:S'\n"
	    "(step S in another municipality). A person in the same municipality at\n"
	    "both dates, or entering or leaving the snapshot, is one row in that\n"
	    "municipality; a person moving from K0 to K1 is two rows: in K0\n"
	    "FRA s0 TIL anden:s1, in K1 FRA anden:s0 TIL s1. So in a municipality\n"
	    "the rows whose FRA is a step add up to its persons at t-1, the rows\n"
	    "whose TIL is a step to its persons at t. Zeros are not written; rows\n"
	    "come sorted by KOMMUNE, DATO, FRA, TIL (steps, anden:0-8, ude). The cut\n"
	    "dates are those of the snapshot, from its first to its last; -f and -t\n"
	    "set the range instead (a cut date with nobody still counts as t).\n"
	    "\n"
	    "  -f from, -t to  the range of cut dates (closed interval)\n"
	    "  -r rejects      reject mode: bad rows go to rejects with a REASON column\n"
	    "  -u              plain output (default gzip, plain on a terminal)\n"
	    "  -z level        gzip level (default 1)");
}

static struct at *
find_date(int dato)
{
	int i;

	for (i = 0; i < ndates; i++)
		if (dates[i].dato == dato)
			return &dates[i];
	return NULL;
}

static struct at *
date_slot(int dato)
{
	struct at *a = find_date(dato);

	if (a != NULL)
		return a;
	if (ndates == MAXDATES)
		die("more than %d cut dates", MAXDATES);
	dates[ndates].dato = dato;
	return &dates[ndates++];
}

/* Make room for person id p at a date, new slots NONE. */
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

/*
 * The persons of one cut date in row order. Rows come by DATO, then PNR,
 * so most persons are found by a merge with the date before instead of a
 * hash probe (as common/snap.c does); rows in another order are found by
 * the hash.
 */
struct day {
	char *keys;		/* NUL-terminated, one after another */
	size_t len, cap, at;	/* at: the merge's place in keys */
	int *id;
	int n, ncap, i;		/* i: the merge's place in id */
};

static struct day day[2];	/* [0] the date before, [1] this one */

static void
day_next(void)
{
	struct day swap = day[0];

	day[0] = day[1];
	day[1] = swap;
	day[1].len = day[1].at = 0;
	day[1].n = day[1].i = 0;
	day[0].at = 0;
	day[0].i = 0;
}

static int
person(const char *key)
{
	struct day *b = &day[0], *d = &day[1];
	size_t n = strlen(key) + 1;
	int c = 1, id;

	while (b->i < b->n && (c = strcmp(b->keys + b->at, key)) < 0) {
		b->at += strlen(b->keys + b->at) + 1;
		b->i++;
	}
	id = c == 0 ? b->id[b->i] : ps_add(persons, key, n - 1);
	if (d->len + n > d->cap) {
		d->cap = (d->len + n) * 2;
		d->keys = erealloc(d->keys, d->cap);
	}
	memcpy(d->keys + d->len, key, n);
	d->len += n;
	if (d->n == d->ncap) {
		d->ncap = d->ncap ? d->ncap * 2 : 1024;
		d->id = erealloc(d->id, sizeof *d->id * (size_t)d->ncap);
	}
	d->id[d->n++] = id;
	return id;
}

/* One snapshot row: checked, then stored. */
static void
take_row(tsv *t, int c_pnr, int c_kom, int c_trin, int dato, int from, int to)
{
	char **f = t->f;
	struct at *a;
	long trin;
	int kom, p;

	if (!pnr_ok(f[c_pnr])) {
		reject(t, c_pnr, "not a person key (1-32 of 0-9 A-Z a-z _ -)");
		return;
	}
	if (!(kom = kommune_code(f[c_kom]))) {
		reject(t, c_kom, "not a municipality code");
		return;
	}
	if (!parse_uint(f[c_trin], &trin) || trin > 8 || f[c_trin][1]) {
		reject(t, c_trin, "not a step 0-8");
		return;
	}
	if ((from >= 0 && dato < from) || (to >= 0 && dato > to)) {
		acct_drop("outside-range");
		return;
	}
	p = person(f[c_pnr]);
	a = date_slot(dato);
	reserve(a, p);
	if (a->trin[p] != NONE) {
		reject(t, c_pnr, "second row for the person at this DATO");
		return;
	}
	a->trin[p] = (signed char)trin;
	a->kommune[p] = (short)kom;
	acct_wrote(1);
}

static void
read_snapshot(int from, int to)
{
	tsv *t = tsv_open(NULL, TSV_AHEAD);
	int c_dato = tsv_col(t, "DATO"), c_pnr = tsv_col(t, "PNR");
	int c_kom = tsv_col(t, "KOMMUNE"), c_trin = tsv_col(t, "TRIN");
	char last_dato[11] = "";	/* the DATO parsed last, its day in dato */
	int dato = 0;

	acct_begin(t);
	while (tsv_row(t)) {
		if (!last_dato[0] || strcmp(t->f[c_dato], last_dato) != 0) {
			if (!date_parse(t->f[c_dato], &dato) || !is_cut(dato)) {
				reject(t, c_dato, "not a cut date (YYYY-06-30 or YYYY-12-31)");
				last_dato[0] = '\0';
				continue;
			}
			memcpy(last_dato, t->f[c_dato], sizeof last_dato);
			day_next();
		}
		take_row(t, c_pnr, c_kom, c_trin, dato, from, to);
	}
	tsv_close(t);
}

/* The flows from t-1 (a0) to t (a1), added to rows. */
static void
pair(const struct at *a0, const struct at *a1, int dato)
{
	static long n[1000][NSTATE][NSTATE];
	int cap0 = a0 ? a0->cap : 0, cap1 = a1 ? a1->cap : 0;
	int p, s0, s1, k0, k1, k, i, j;

	memset(n, 0, sizeof n);
	for (p = 0; p < cap0 || p < cap1; p++) {
		s0 = p < cap0 ? a0->trin[p] : NONE;
		s1 = p < cap1 ? a1->trin[p] : NONE;
		if (s0 == NONE && s1 == NONE)
			continue;
		k0 = s0 != NONE ? a0->kommune[p] : 0;
		k1 = s1 != NONE ? a1->kommune[p] : 0;
		if (s0 == NONE)
			n[k1][UDE][s1]++;		/* entry */
		else if (s1 == NONE)
			n[k0][s0][UDE]++;		/* exit */
		else if (k0 == k1)
			n[k0][s0][s1]++;
		else {					/* a move: out of k0, into k1 */
			n[k0][s0][ANDEN + s1]++;
			n[k1][ANDEN + s0][s1]++;
		}
	}
	for (k = 0; k < 1000; k++)
		for (i = 0; i < NSTATE; i++)
			for (j = 0; j < NSTATE; j++) {
				if (n[k][i][j] == 0)
					continue;
				if (nrows == caprows) {
					caprows = caprows ? caprows * 2 : 4096;
					rows = erealloc(rows, caprows * sizeof *rows);
				}
				rows[nrows++] = (struct flow){ (short)k, (signed char)i,
				    (signed char)j, dato, n[k][i][j] };
			}
}

/* KOMMUNE, DATO, FRA, TIL: the state numbers are in output order. */
static int
cmp_flow(const void *a, const void *b)
{
	const struct flow *x = a, *y = b;

	if (x->kommune != y->kommune)
		return x->kommune - y->kommune;
	if (x->dato != y->dato)
		return x->dato < y->dato ? -1 : 1;
	if (x->fra != y->fra)
		return x->fra - y->fra;
	return x->til - y->til;
}

static const char *
state_name(int s)
{
	static const char *name[NSTATE] = { "0", "1", "2", "3", "4", "5", "6",
	    "7", "8", "anden:0", "anden:1", "anden:2", "anden:3", "anden:4",
	    "anden:5", "anden:6", "anden:7", "anden:8", "ude" };

	return name[s];
}

static void
write_flows(gzw *w)
{
	char d[11];
	size_t i;

	if (nrows > 0)
		qsort(rows, nrows, sizeof *rows, cmp_flow);
	gzw_puts(w, "KOMMUNE\tDATO\tFRA\tTIL\tANTAL\n");
	for (i = 0; i < nrows; i++) {
		date_fmt(rows[i].dato, d);
		gzw_printf(w, "%03d\t%s\t%s\t%s\t%ld\n", rows[i].kommune, d,
		    state_name(rows[i].fra), state_name(rows[i].til), rows[i].antal);
	}
}

int
main(int argc, char **argv)
{
	int c, d, i, first, last, from = -1, to = -1;
	gzw *out;

	prog_init(argc, argv);
	while ((c = getopt(argc, argv, "f:hr:t:uz:")) != -1) {
		if (common_opt(c, optarg))
			continue;
		switch (c) {
		case 'f':
			from = date_arg(optarg);
			break;
		case 'h':
			usage();
			return 0;
		case 't':
			to = date_arg(optarg);
			break;
		default:
			usage_die(SYNOPSIS);
		}
	}
	if (optind != argc)
		usage_die(SYNOPSIS);

	persons = ps_new();
	read_snapshot(from, to);

	/* The cut dates: -f/-t when given, else the snapshot's first to last. */
	first = last = -1;
	for (i = 0; i < ndates; i++) {
		if (first < 0 || dates[i].dato < first)
			first = dates[i].dato;
		if (dates[i].dato > last)
			last = dates[i].dato;
	}
	if (from >= 0)
		first = cut_on_or_after(from);
	if (to >= 0)
		last = cut_on_or_before(to);
	for (d = first; first >= 0 && d <= last; d = cut_next(d))
		if (d > first)
			pair(find_date(cut_prev(d)), find_date(d), d);
	out = gzw_stdout();
	write_flows(out);
	gzw_close(out);
	acct_end((long)nrows);
	return 0;
}
