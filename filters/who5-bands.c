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
#include "quality.h"
#include "snap.h"
#include "tables.h"
#include "tsv.h"
#include "util.h"

#define SYNOPSIS "who5-bands [-hux] [-e end] [-f from] [-i csv] [-p percent] [-q quality] [-s snapshot] [-t to] [-r rejects] [-z level]"

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

/* The run: the measurements read, their persons, the snapshot (-s) or NULL. */
struct survey {
	struct meas *m;
	size_t n, cap;
	pnrset *persons;
	struct snap *snap;
	int held_to;	/* the snapshot's last cut date, or -t's or -e's when later */
	struct qwho5 *qw;	/* -q: the quality rows' count, or NULL */
};

static const struct prog prog = {
	SYNOPSIS,
	"e:f:hi:p:q:r:s:t:uxz:",
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
	    "  -s snapshot the snapshot (DATO PNR KOMMUNE TRIN TRIN_SET), or its image\n"
	    "              (snapshot -b)\n"
	    "  -e end      with -s: the end of the snapshot's range (snapshot's -t, or\n"
	    "              its -L date): 13.1/13.2 up to the cut date on or before it,\n"
	    "              also where nobody is in the snapshot, when later than the\n"
	    "              snapshot's last date with a person and -t (their end)\n"
	    "  -p percent  with -s: warn when fewer of the snapshot's persons are found\n"
	    "              (default 0: few municipalities survey; keys of a form no\n"
	    "              snapshot key has are warned about always)\n"
	    "  -q quality  with -s: write the quality rows fundet-who5 and\n"
	    "              noegleform-who5 (the measurements in the snapshot's range\n"
	    "              whose PNR is in the snapshot, and whose key has another\n"
	    "              form) per municipality and half-year into this file, for\n"
	    "              the quality filter (quality -q), as quality -w counts them;\n"
	    "              the rows rejected are not counted; a regular file appears\n"
	    "              whole (quality.part, then renamed)\n"
	    "  -x          strict: a key warning is a failure, exit 1",
	RANGE_CUTS,
	NULL,
	NULL,
};

/* The command line. */
struct args {
	struct opts o;
	struct kc_opts ko;	/* -p, -x */
	int end;		/* -e as a day; -1 when not given */
	const char *qpath;	/* -q */
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

	return x->person != y->person ? cmp_num(x->person, y->person) :
	    x->cut != y->cut ? cmp_num(x->cut, y->cut) :
	    x->dato != y->dato ? cmp_num(x->dato, y->dato) : cmp_num(x->seq, y->seq);
}

static int
meas_person(const void *a)
{
	return ((const struct meas *)a)->person;
}

/* The snapshot's persons found among the measured ones, and the others' key forms. */
static void
check_keys(const struct survey *sv, const char *input, const struct kc_opts *ko)
{
	const pnrset *persons = sv->persons, *in_snap = sv->snap->persons;
	struct keycheck kc;
	const char *key;
	long found = 0;
	int p;

	kc_init(&kc, in_snap);
	for (p = 0; p < ps_count(persons); p++) {
		key = ps_key(persons, p);
		if (ps_find(in_snap, key, strlen(key)) >= 0)
			found++;
		else
			kc_miss(&kc, key, strlen(key));
	}
	kc_end(&kc, input, found, ps_count(in_snap), ko);
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
row(tsv *t, struct survey *sv, int *latest)
{
	int kom, dato, who, insp;
	struct meas *m;
	size_t n;

	if (!field_pnr(t, c_pnr) || !(kom = field_kommune(t, c_kom)) ||
	    !field_date(t, c_dato, &dato) || !scores(t, &who, &insp))
		return;
	if (dato > *latest)
		*latest = dato;
	n = strlen(t->f[c_pnr]);
	if (sv->qw != NULL)
		qwho5_row(sv->qw, t->f[c_pnr], n, kom, dato);
	sv->m = grow(sv->m, &sv->cap, sv->n + 1, sizeof *sv->m);
	m = &sv->m[sv->n++];
	m->person = ps_add(sv->persons, t->f[c_pnr], n);
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
measured_cuts(const struct survey *sv, int first, int last, int *ncut)
{
	int *cuts = emalloc(sizeof *cuts * (sv->n + 1)), i, n;
	size_t j;

	for (j = 0, n = 0; j < sv->n; j++)
		if (sv->m[j].cut >= first && sv->m[j].cut <= last)
			cuts[n++] = sv->m[j].cut;
	qsort(cuts, (size_t)n, sizeof *cuts, cmp_int);
	for (j = 0, i = 0; (int)j < n; j++)
		if (i == 0 || cuts[i - 1] != cuts[j])
			cuts[i++] = cuts[j];
	*ncut = i;
	return cuts;
}

/*
 * Does the snapshot hold cut date d (13.1 and 13.2 are written for those)?
 * Its range does: from its first cut date to its last, or to -e's or -t's
 * when later (keyfigures gives -e the snapshot's range end, with -t or
 * without), a date nobody has included.
 */
static int
held(const struct survey *sv, int d)
{
	return sv->snap && sv->snap->ndates > 0 && d >= sv->snap->dates[0] &&
	    d <= sv->held_to;
}

/* One person's latest measurement of a half-year into its sums. */
static void
tally_one(struct sums *s, const struct meas *m, const struct meas *prev,
    const struct survey *sv, int first)
{
	const struct snap *snap = sv->snap;
	const char *key;
	int d, p;

	s->n++;
	s->who += m->who;
	s->band[band(m->who)]++;
	if (m->insp >= 0) {
		s->n_insp++;
		s->insp += m->insp;
	}
	if (held(sv, m->cut)) {	/* on no step there: in the snapshot at no date */
		key = ps_key(sv->persons, m->person);
		d = snap_date(snap, m->cut);
		p = d >= 0 ? ps_find(snap->persons, key, strlen(key)) : -1;
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
static struct sums (*tally(const struct survey *sv, const int *cuts, int ncut,
    int first, int last))[KOMMUNE_MAX]
{
	const struct meas *meas = sv->m;
	size_t nmeas = sv->n;
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
		if (j + 1 < nmeas && meas[j + 1].person == m->person &&
		    meas[j + 1].cut == m->cut) {
			acct_drop("superseded");	/* a later one in the same half-year counts */
			continue;	/* (review AI, AI2: counted as written) */
		}
		acct_wrote(1);
		ci = find_int(cuts, ncut, m->cut);
		tally_one(&sums[ci][m->kommune], m, prev, sv, first);
		prev = m;
	}
	return sums;
}

static void
add_figures(struct sums (*sums)[KOMMUNE_MAX], const int *cuts, int ncut,
    const struct survey *sv, int first)
{
	const struct sums *s;
	int ci, d, k;

	for (ci = 0; ci < ncut; ci++)
		for (d = cuts[ci], k = 0; k < KOMMUNE_MAX; k++) {
			s = &sums[ci][k];
			if (s->n == 0)
				continue;
			fig_add(k, d, 1300, (double)s->who, (double)s->n);
			if (held(sv, d)) {
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

/* The measurements of standard input, their persons' keys checked with -s. */
static int
read_survey(const struct args *a, struct survey *sv)
{
	int latest = -1;
	tsv *t = tsv_open(NULL, a->o.csv ? TSV_CSV : 0);

	find_columns(t);
	acct_open(t, a->o.rejects, a->o.level);
	while (tsv_row(t))
		row(t, sv, &latest);
	if (sv->snap)
		check_keys(sv, t->name, &a->ko);
	tsv_close(t);
	return latest;
}

static void
options(struct args *a, int argc, char **argv)
{
	int c, pct = 0;

	opts_start(&a->o, argc, argv);
	a->o.from = range_from_default();
	a->ko = (struct kc_opts){ 0, 0, 0 };	/* few municipalities survey: the form check */
	a->end = -1;
	a->qpath = NULL;
	while ((c = opts_next(&a->o, &prog, argc, argv)) != -1)
		if (c == 'e')
			a->end = date_arg('e', a->o.arg);
		else if (c == 'q')	/* written at the end: an input said now (review AF, AF5) */
			gz_will_write(a->qpath = a->o.arg);
		else
			pct |= kc_option(&a->ko, c, a->o.arg) && c == 'p';	/* -p, -x */
	if (pct && !a->o.snapshot)	/* review G, G13: it did nothing */
		usage_fail("-p is the share of the snapshot's persons found: it needs -s");
	if (a->end >= 0 && !a->o.snapshot)
		usage_fail("-e is the end of the snapshot's range: it needs -s");
	if (a->qpath && !a->o.snapshot)
		usage_fail("-q counts the snapshot's persons: it needs -s");
}

/* Standard input to standard output (a failure dies). */
static void
run(const struct args *a)
{
	struct survey sv = { NULL, 0, 0, ps_new(), NULL, 0, NULL };
	int latest, first, last, ncut, *cuts;
	struct sums (*sums)[KOMMUNE_MAX];

	if (a->o.snapshot) {
		sv.snap = snap_load(a->o.snapshot);
		sv.held_to = sv.snap->ndates > 0 ? sv.snap->dates[sv.snap->ndates - 1] : 0;
		if (a->o.to >= 0 && cut_on_or_before(a->o.to) > sv.held_to)
			sv.held_to = cut_on_or_before(a->o.to);
		if (a->end >= 0 && cut_on_or_before(a->end) > sv.held_to)
			sv.held_to = cut_on_or_before(a->end);
		if (a->qpath)
			sv.qw = qwho5_new(sv.snap);
	}
	latest = read_survey(a, &sv);
	if (sv.qw) {
		qwho5_rows(sv.qw);
		q_write_whole(a->qpath);
	}
	/* The range of cut dates; what is outside it is dropped in the tally. */
	first = cut_on_or_after(a->o.from);
	last = a->o.to >= 0 ? cut_on_or_before(a->o.to) : latest >= 0 ?
	    cut_on_or_after(latest) : first - 1;
	sv.m = sort_by_person(sv.m, sv.n, sizeof *sv.m, ps_count(sv.persons), meas_person, cmp_meas);
	cuts = measured_cuts(&sv, first, last, &ncut);
	sums = tally(&sv, cuts, ncut, first, last);
	add_figures(sums, cuts, ncut, &sv, first);
	free(sums);
	free(cuts);
	free(sv.m);
	ps_free(sv.persons);
	fig_end(opts_out(&a->o));
}

FILTER_MAIN
