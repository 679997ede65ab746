/*
 * who5-bands: well-being (WHO-5) and personal recovery (Brief INSPIRE-O)
 * from the municipality's own surveys, key figures 13-17 (SPEC 3.2, 5).
 * Reads PNR KOMMUNE DATO WHO1..WHO5 INSP1..INSP5; with -s, the snapshot
 * splits 13 into 13.1 and 13.2. Writes the figure stream.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "field.h"
#include "fig.h"
#include "keycheck.h"
#include "pnrset.h"
#include "opts.h"
#include "snap.h"
#include "tables.h"
#include "tsv.h"
#include "util.h"

#define SYNOPSIS "who5-bands [-hux] [-f from] [-i csv] [-p percent] [-s snapshot] [-t to] [-r rejects] [-z level]"

/* One valid measurement inside the range. */
struct meas {
	int person;		/* id in persons */
	int cut;		/* the cut date of its half-year */
	int dato;
	long seq;		/* input order: the last row wins a tie */
	short kommune;
	short who;		/* WHO-5 score 0-100 */
	short insp;		/* INSPIRE-O score 0-100, -1 if none */
};

/* Figures of one municipality at one cut date. */
struct sums {
	long n, who, band[3];	/* persons measured, Σ WHO-5, persons by band */
	long n_insp, insp;	/* persons with an INSPIRE-O score, Σ score */
	long n1, who1, n2, who2;	/* 13.1 / 13.2 */
	long both, up, down;	/* measured at t and t-1; band rose; band fell */
};

static struct meas *meas;
static size_t nmeas, capmeas;
static pnrset *persons;

static const struct prog prog = {
	SYNOPSIS,
	"f:hi:p:r:s:t:uxz:",
	    "WHO-5 = (WHO1 + ... + WHO5) x 4 and Brief INSPIRE-O = (INSP1 + ... + INSP5)\n"
	    "x 5, both 0-100. A measurement belongs to the cut date D whose half-year\n"
	    "(D - 6 months, D] holds its DATO; the latest per person and half-year\n"
	    "counts (same date: the last row), in its own row's KOMMUNE. Writes 13\n"
	    "(mean WHO-5), 14 (mean INSPIRE-O, persons with a score), 15.1-15.3 (bands\n"
	    "> 50, 36-50, 0-35), 16/17 (band rose / fell since t-1, counted in the\n"
	    "municipality at t) and, for cut dates in the snapshot (-s), 13.1 (step 2\n"
	    "in TRIN_SET at D) and 13.2 (the others, also persons not in the\n"
	    "snapshot). WHO items are one digit 0-5; INSP items one digit 0-4, or all\n"
	    "five empty. Measurements outside the range are dropped (outside-range).\n"
	    "\n"
	    "  -f from     first date of the range (default 2017-12-31)\n"
	    "  -t to       last date (default: the half-year of the latest DATO)\n"
	    "  -s snapshot the snapshot (DATO PNR KOMMUNE TRIN TRIN_SET)\n"
	    "  -p percent  with -s: warn when fewer of the snapshot's persons are found\n"
	    "              (default 0: few municipalities survey; keys of a form no\n"
	    "              snapshot key has are warned about always)\n"
	    "  -x          strict: a key warning is a failure, exit 1",
	RANGE_CUTS,
};

static int
item(const char *s, int max)
{
	return s[0] >= '0' && s[0] <= '0' + max && s[1] == '\0' ? s[0] - '0' : -1;
}

static int
band(int who)
{
	return who > 50 ? 2 : who >= 36 ? 1 : 0;
}

/* By person, half-year, date, then input order: the latest is last. */
static int
cmp_meas(const void *a, const void *b)
{
	const struct meas *x = a, *y = b;

	if (x->person != y->person)
		return x->person < y->person ? -1 : 1;
	if (x->cut != y->cut)
		return x->cut < y->cut ? -1 : 1;
	if (x->dato != y->dato)
		return x->dato < y->dato ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* The snapshot's persons found among the measured ones, and the others' key forms. */
static void
check_keys(const struct snap *snap, const char *input, const struct kc_opts *ko)
{
	struct keycheck kc;
	const char *key;
	long found = 0;
	int p;

	kc_init(&kc, snap->persons);
	for (p = 0; p < ps_count(persons); p++) {
		key = ps_key(persons, p);
		if (ps_find(snap->persons, key, strlen(key)) >= 0)
			found++;
		else
			kc_miss(&kc, key, strlen(key));
	}
	kc_end(&kc, input, found, ps_count(snap->persons), ko);
}

/* Columns of the measurements. */
static int c_pnr, c_kom, c_dato, c_who[5], c_insp[5];

static void
find_columns(const tsv *t)
{
	char name[8];
	int i;

	c_pnr = tsv_col(t, "PNR");
	c_kom = tsv_col(t, "KOMMUNE");
	c_dato = tsv_col(t, "DATO");
	for (i = 0; i < 5; i++) {
		snprintf(name, sizeof name, "WHO%d", i + 1);
		c_who[i] = tsv_col(t, name);
		snprintf(name, sizeof name, "INSP%d", i + 1);
		c_insp[i] = tsv_col(t, name);
	}
}

/*
 * The WHO-5 item sum (*who) and the INSPIRE-O item sum (*insp, -1 when all
 * five are empty); 0 when an item is bad (rejected).
 */
static int
scores(tsv *t, int *who, int *insp)
{
	int i, v, empty;

	for (i = *who = 0; i < 5 && (v = item(t->f[c_who[i]], 5)) >= 0; i++)
		*who += v;
	if (i < 5) {
		reject(t, c_who[i], "not an item score 0-5");
		return 0;
	}
	for (i = *insp = empty = 0; i < 5; i++) {
		if (t->f[c_insp[i]][0] == '\0')
			empty++;
		else if ((v = item(t->f[c_insp[i]], 4)) >= 0)
			*insp += v;
		else
			break;
	}
	if (i < 5) {
		reject(t, c_insp[i], "not an item score 0-4");
		return 0;
	}
	if (empty > 0 && empty < 5) {
		reject(t, c_insp[0], "INSPIRE-O partly filled (all five or none)");
		return 0;
	}
	if (empty)
		*insp = -1;
	return 1;
}

/* One row: validated into a measurement; its date may move latest. */
static void
row(tsv *t, int *latest)
{
	int kom, dato, who, insp;
	struct meas *m;

	if (!field_pnr(t, c_pnr) || !(kom = field_kommune(t, c_kom)) ||
	    !field_date(t, c_dato, &dato) || !scores(t, &who, &insp))
		return;
	if (dato > *latest)
		*latest = dato;
	meas = grow(meas, &capmeas, nmeas + 1, sizeof *meas);
	m = &meas[nmeas++];
	m->person = ps_add(persons, t->f[c_pnr], strlen(t->f[c_pnr]));
	m->cut = cut_on_or_after(dato);
	m->dato = dato;
	m->seq = t->rows;
	m->kommune = (short)kom;
	m->who = (short)(who * 4);
	m->insp = (short)(insp < 0 ? -1 : insp * 5);
}

/*
 * The cut dates in [first, last] that have measurements (a date typed far
 * in the future must not cost memory for every half-year up to it),
 * ascending; their number in *ncut.
 */
static int *
measured_cuts(int first, int last, int *ncut)
{
	int *cuts = emalloc(sizeof *cuts * (nmeas + 1)), i, n;
	size_t j;

	for (j = 0, n = 0; j < nmeas; j++)
		if (meas[j].cut >= first && meas[j].cut <= last)
			cuts[n++] = meas[j].cut;
	qsort(cuts, (size_t)n, sizeof *cuts, cmp_int);
	for (j = 0, i = 0; (int)j < n; j++)
		if (i == 0 || cuts[i - 1] != cuts[j])
			cuts[i++] = cuts[j];
	*ncut = i;
	return cuts;
}

/* One person's latest measurement of a half-year into its sums. */
static void
tally_one(struct sums *s, const struct meas *m, const struct meas *prev,
    const struct snap *snap, int first)
{
	const char *key;
	int d, p;

	s->n++;
	s->who += m->who;
	s->band[band(m->who)]++;
	if (m->insp >= 0) {
		s->n_insp++;
		s->insp += m->insp;
	}
	if (snap && (d = snap_date(snap, m->cut)) >= 0) {
		key = ps_key(persons, m->person);
		p = ps_find(snap->persons, key, strlen(key));
		if (p >= 0 && (snap_at(snap, d, p)->steps & (1u << 2))) {
			s->n1++;
			s->who1 += m->who;
		} else {
			s->n2++;
			s->who2 += m->who;
		}
	}
	if (prev && prev->person == m->person && prev->cut == cut_prev(m->cut) &&
	    m->cut > first) {
		s->both++;
		s->up += band(m->who) > band(prev->who);
		s->down += band(m->who) < band(prev->who);
	}
}

/*
 * The sums per cut date (index in cuts) and municipality. The latest
 * measurement of each person and half-year is the last of its group in
 * sorted order; the one before it in the array, when it is the same
 * person's at the previous cut date, is t-1's.
 */
static struct sums (*tally(const int *cuts, int ncut, const struct snap *snap,
    int first, int last))[KOMMUNE_MAX]
{
	struct sums (*sums)[KOMMUNE_MAX] = ecalloc((size_t)ncut + 1, sizeof *sums);
	const struct meas *prev = NULL, *m;
	int ci;
	size_t j;

	for (j = 0; j < nmeas; j++) {
		m = &meas[j];
		if (m->cut < first || m->cut > last) {
			acct_drop("outside-range");
			continue;
		}
		acct_wrote(1);
		if (j + 1 < nmeas && meas[j + 1].person == m->person &&
		    meas[j + 1].cut == m->cut)
			continue;	/* a later one in the same half-year counts */
		ci = find_int(cuts, ncut, m->cut);
		tally_one(&sums[ci][m->kommune], m, prev, snap, first);
		prev = m;
	}
	return sums;
}

static void
add_figures(struct sums (*sums)[KOMMUNE_MAX], const int *cuts, int ncut,
    const struct snap *snap, int first)
{
	const struct sums *s;
	int ci, d, k;

	for (ci = 0; ci < ncut; ci++)
		for (d = cuts[ci], k = 0; k < KOMMUNE_MAX; k++) {
			s = &sums[ci][k];
			if (s->n == 0)
				continue;
			fig_add(k, d, 1300, (double)s->who, (double)s->n);
			if (snap && snap_date(snap, d) >= 0) {
				fig_add(k, d, 1301, (double)s->who1, (double)s->n1);
				fig_add(k, d, 1302, (double)s->who2, (double)s->n2);
			}
			fig_add(k, d, 1400, (double)s->insp, (double)s->n_insp);
			fig_add(k, d, 1501, (double)s->band[2], (double)s->n);
			fig_add(k, d, 1502, (double)s->band[1], (double)s->n);
			fig_add(k, d, 1503, (double)s->band[0], (double)s->n);
			if (d > first) {	/* t-1 is in the range */
				fig_add(k, d, 1600, (double)s->up, (double)s->both);
				fig_add(k, d, 1700, (double)s->down, (double)s->both);
			}
		}
}

int
main(int argc, char **argv)
{
	struct opts o;
	struct kc_opts ko = { 0, 0 };	/* few municipalities survey: the form check */
	int c, latest = -1, first, last, ncut, *cuts;
	struct snap *snap = NULL;
	struct sums (*sums)[KOMMUNE_MAX];
	long n;
	tsv *t;
	gzw *out;

	prog_init(argc, argv);
	nmeas = capmeas = 0;
	opts_init(&o);
	o.from = range_from_default();
	while ((c = opts_next(&o, &prog, argc, argv)) != -1)
		if (kc_option(&ko, c, o.arg) < 0)
			opts_usage(&prog);
	if (o.snapshot)
		snap = snap_load(o.snapshot);

	t = tsv_open(NULL, o.csv ? TSV_CSV : 0);
	find_columns(t);
	acct_open(t, o.rejects, o.level);
	persons = ps_new();
	while (tsv_row(t))
		row(t, &latest);
	if (snap)
		check_keys(snap, t->name, &ko);
	tsv_close(t);

	/* The range of cut dates; what is outside it is dropped in the tally. */
	first = cut_on_or_after(o.from);
	last = o.to >= 0 ? cut_on_or_before(o.to) : latest >= 0 ?
	    cut_on_or_after(latest) : first - 1;
	if (nmeas > 0)
		qsort(meas, nmeas, sizeof *meas, cmp_meas);
	cuts = measured_cuts(first, last, &ncut);
	sums = tally(cuts, ncut, snap, first, last);
	add_figures(sums, cuts, ncut, snap, first);
	free(sums);
	free(cuts);
	out = opts_out(&o);
	n = fig_write(out);
	gzw_close(out);
	acct_end(n);
	return 0;
}
