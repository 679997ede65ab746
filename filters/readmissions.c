/*
 * readmissions: psychiatric readmissions within 30 days, key figure 18
 * (SPEC 3.3, 5 "LPR").
 * Reads PNR dato_start tidspunkt_start dato_slut tidspunkt_slut (LPR
 * contacts, in any order); the snapshot (-s) gives the persons, cut dates
 * and municipalities. Writes the figure stream.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "field.h"
#include "fig.h"
#include "keycheck.h"
#include "opts.h"
#include "quality.h"
#include "snap.h"
#include "tables.h"
#include "tsv.h"
#include "util.h"

#define SYNOPSIS "readmissions [-hux] -s snapshot [-m min-hours] [-p percent] [-q quality] [-r rejects] [-z level]"
#define HOUR 3600LL
#define STILL_RUNNING LLONG_MAX	/* end of a contact without an end */
#define MAX_MIN_HOURS 8760	/* -m at most a year; beyond it is a mistake */

struct contact {
	int person;		/* snapshot person id */
	long long start, end;	/* seconds since 1970-01-01, local time */
};

static const struct prog prog = {
	SYNOPSIS,
	"hm:p:q:r:s:uxz:",
	    "Contacts of one person that overlap or lie less than 4 hours apart form\n"
	    "one stay; a stay of at least 12 hours (-m) is an admission; shorter stays\n"
	    "are skipped entirely. An admission is followed by a readmission when the\n"
	    "person's next admission starts 4 hours to 30 days (720 hours) after its\n"
	    "end, both inclusive. A contact without an end is still running: its stay\n"
	    "never ends, is an admission, can be a readmission, never an index one.\n"
	    "Writes 18 = admissions followed by a readmission / admissions, at the cut\n"
	    "date whose half-year holds the calendar date of the admission's end, for\n"
	    "persons in the snapshot at that date, in their snapshot KOMMUNE. Times\n"
	    "are HH:MM or HH:MM:SS (00-23 hours), local time, daylight saving ignored.\n"
	    "Contacts of persons not in the snapshot are dropped (not-in-snapshot).\n"
	    "\n"
	    "  -m min-hours  the shortest admission, 0 to 8760 (a year; default 12)\n"
	    "  -p percent  warn when fewer of the snapshot's persons are found in LPR\n"
	    "              (default 0: LPR holds few of them; keys of a form no\n"
	    "              snapshot key has are warned about always)\n"
	    "  -q quality  write the quality rows fundet-lpr and noegleform-lpr (the\n"
	    "              share of the snapshot's persons with a contact under their\n"
	    "              key, and with one under a key of another form) per\n"
	    "              municipality and cut date into this file, for quality -q;\n"
	    "              the rows rejected are not counted (quality -l counts every\n"
	    "              row); a regular file appears whole (quality.part, renamed)\n"
	    "  -x          strict: a key warning is a failure, exit 1\n"
	    "  -s snapshot the snapshot (DATO PNR KOMMUNE TRIN TRIN_SET), or its image\n"
	    "              (snapshot -b); required",
	RANGE_NONE,
	NULL,
	NULL,
};

/* The command line. */
struct args {
	struct opts o;
	struct kc_opts ko;	/* -p, -x */
	double min_hours;	/* -m */
	const char *qpath;	/* -q */
};

static int
cmp_contact(const void *a, const void *b)
{
	const struct contact *x = a, *y = b;

	return x->person != y->person ? cmp_num(x->person, y->person) :
	    x->start != y->start ? cmp_num(x->start, y->start) : cmp_num(x->end, y->end);
}

static int
contact_person(const void *a)
{
	return ((const struct contact *)a)->person;
}

/*
 * The snapshot date index and municipality at which an admission ending
 * at end counts: the cut date whose half-year holds end's calendar date.
 */
static int
counted_at(const struct snap *snap, int person, long long end, int *kommune)
{
	long long day = end / 86400 - (end % 86400 < 0);
	int d = snap_date(snap, cut_on_or_after((int)day));

	if (d < 0 || (*kommune = snap_at(snap, d, person)->kommune) == 0)
		return -1;
	return d;
}

/*
 * One person's contacts (sorted by start) to stays, stays to admissions;
 * each admission that has an end is counted at its cut date, and as
 * readmitted when the next admission starts 4 h to 720 h after its end.
 */
static void
person_stays(const struct contact *c, size_t n, const struct snap *snap,
    long long min_len, double (*tael)[KOMMUNE_MAX], double (*naev)[KOMMUNE_MAX])
{
	long long s0, s1, prev_end = LLONG_MIN;	/* no admission yet */
	size_t i = 0;
	int d, k;

	while (i < n) {
		s0 = c[i].start;
		s1 = c[i].end;
		for (i++; i < n && s1 != STILL_RUNNING && c[i].start < s1 + 4 * HOUR; i++)
			if (c[i].end > s1)
				s1 = c[i].end;
		if (s1 != STILL_RUNNING && s1 - s0 < min_len)
			continue;	/* not an admission, and no break in the chain */
		if (prev_end != LLONG_MIN &&
		    (d = counted_at(snap, c->person, prev_end, &k)) >= 0)
			tael[d][k] += s0 - prev_end >= 4 * HOUR && s0 - prev_end <= 720 * HOUR;
		if (s1 == STILL_RUNNING)
			break;	/* it absorbed every later contact */
		if ((d = counted_at(snap, c->person, s1, &k)) >= 0)
			naev[d][k]++;
		prev_end = s1;
	}
}

/* Columns of LPR. */
static int c_pnr, c_start_date, c_start_time, c_end_date, c_end_time;

/* The run: the snapshot and the contacts of its persons. */
struct lpr {
	struct snap *snap;
	struct contact *c;	/* the contacts kept */
	size_t n, cap;
	struct keycheck kc;	/* the keys not in the snapshot */
	char *seen;		/* [snapshot person]: has a contact */
	long found;		/* snapshot persons with a contact */
	struct qjoin *qj;	/* -q: the quality rows' count, or NULL */
};

/* A date and a time as seconds since 1970-01-01 (local time); 0: rejected. */
static int
date_time(tsv *t, int c_date, int c_time, long long *secs)
{
	int day, s;

	if (!field_date(t, c_date, &day) || (s = field_time(t, c_time)) < 0)
		return 0;
	*secs = day * 86400LL + s;
	return 1;
}

/* The contact's end: STILL_RUNNING when both end fields are empty; 0: rejected. */
static int
contact_end(tsv *t, long long start, long long *end)
{
	int no_date = t->f[c_end_date][0] == '\0', no_time = t->f[c_end_time][0] == '\0';
	int day;

	*end = STILL_RUNNING;
	if (no_date && no_time)
		return 1;
	if (no_date) {
		reject(t, c_end_time, "an end time without an end date");
		return 0;
	}
	if (!field_date(t, c_end_date, &day))	/* before the missing time */
		return 0;
	if (no_time) {
		reject(t, c_end_time, "an end date without an end time");
		return 0;
	}
	if (!date_time(t, c_end_date, c_end_time, end))
		return 0;
	if (*end < start) {
		reject(t, c_end_date, "the contact ends before it starts");
		return 0;
	}
	return 1;
}

/* One contact: validated; kept when its person is in the snapshot. */
static void
row(tsv *t, struct lpr *l)
{
	const char *pnr = t->f[c_pnr];
	long long start, end;
	int person;
	size_t n;

	if (!field_pnr(t, c_pnr) || !date_time(t, c_start_date, c_start_time, &start) ||
	    !contact_end(t, start, &end))
		return;
	n = strlen(pnr);
	person = ps_find(l->snap->persons, pnr, n);
	if (l->qj != NULL)
		qjoin_row(l->qj, person, pnr, n);
	if (person < 0) {
		kc_miss(&l->kc, pnr, n);
		acct_drop("not-in-snapshot");
		return;
	}
	l->found += !l->seen[person];
	l->seen[person] = 1;
	l->c = grow(l->c, &l->cap, l->n + 1, sizeof *l->c);
	l->c[l->n].person = person;
	l->c[l->n].start = start;
	l->c[l->n].end = end;
	l->n++;
	acct_wrote(1);
}

/* Stays per person, then figure 18 at each cut date and municipality. */
static void
add_figures(const struct lpr *l, double min_hours)
{
	double (*tael)[KOMMUNE_MAX], (*naev)[KOMMUNE_MAX];
	const struct contact *contacts = l->c;
	const struct snap *snap = l->snap;
	size_t i, j, ncontacts = l->n;
	int d, k;

	tael = ecalloc((size_t)snap->ndates + 1, sizeof *tael);
	naev = ecalloc((size_t)snap->ndates + 1, sizeof *naev);
	for (i = 0; i < ncontacts; i = j) {
		for (j = i + 1; j < ncontacts && contacts[j].person == contacts[i].person; j++)
			;
		person_stays(contacts + i, j - i, snap, (long long)(min_hours * HOUR),
		    tael, naev);
	}
	for (d = 0; d < snap->ndates; d++)
		for (k = 0; k < KOMMUNE_MAX; k++)
			if (naev[d][k] > 0)
				fig_add(k, snap->dates[d], 1800, tael[d][k], naev[d][k]);
	free(tael);
	free(naev);
}

/* -m's hours, 0 to MAX_MIN_HOURS; else a usage error (exit 2). */
static double
min_hours_arg(const char *arg)
{
	double h;
	char shown[64];

	if (!parse_plain(arg, &h) || h < 0 || h > MAX_MIN_HOURS)
		usage_fail("-m %s: the shortest admission is 0 to %d hours",
		    show_value(arg, shown, sizeof shown), MAX_MIN_HOURS);
	return h;
}

static void
options(struct args *a, int argc, char **argv)
{
	int c;

	opts_start(&a->o, argc, argv);
	a->ko = (struct kc_opts){ 0, 0, 0 };	/* LPR covers few persons: the form check */
	a->min_hours = 12;
	a->qpath = NULL;
	while ((c = opts_next(&a->o, &prog, argc, argv)) != -1)
		if (c == 'm')
			a->min_hours = min_hours_arg(a->o.arg);
		else if (c == 'q')	/* written at the end: an input said now (review AF, AF5) */
			gz_will_write(a->qpath = a->o.arg);
		else
			kc_option(&a->ko, c, a->o.arg);	/* -p, -x */
	if (a->o.snapshot == NULL)
		usage_why(prog.synopsis, "-s: the snapshot is required");
}

/* Standard input to standard output (a failure dies). */
static void
run(const struct args *a)
{
	struct lpr l = { .snap = snap_load(a->o.snapshot) };
	tsv *t;

	kc_init(&l.kc, l.snap->persons);
	l.seen = ecalloc((size_t)ps_count(l.snap->persons) + 1, 1);
	if (a->qpath != NULL)
		l.qj = qjoin_new(l.snap);
	t = tsv_open(NULL, 0);
	tsv_cols(t, "PNR", &c_pnr, "dato_start", &c_start_date, "tidspunkt_start",
	    &c_start_time, "dato_slut", &c_end_date, "tidspunkt_slut", &c_end_time,
	    (char *)NULL);
	acct_open(t, a->o.rejects, a->o.level);
	while (tsv_row(t))
		row(t, &l);
	kc_end(&l.kc, t->name, l.found, ps_count(l.snap->persons), &a->ko);
	free(l.seen);
	tsv_close(t);
	l.c = sort_by_person(l.c, l.n, sizeof *l.c, ps_count(l.snap->persons), contact_person,
	    cmp_contact);
	add_figures(&l, a->min_hours);
	free(l.c);
	if (l.qj != NULL) {
		qjoin_rows(l.qj, "lpr");
		q_write_whole(a->qpath);
	}
	fig_end(opts_out(&a->o));
}

FILTER_MAIN
