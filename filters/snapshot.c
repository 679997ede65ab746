/*
 * snapshot: one row per person and cut date (SPEC 2, "Snapshot").
 * Reads PNR, HANDLEKOMMUNE, YDELSE_START, YDELSE_SLUT, TRIN (stair-assign's
 * output); writes DATO PNR KOMMUNE TRIN TRIN_SET sorted by DATO, PNR.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "field.h"
#include "pnrset.h"
#include "snap.h"
#include "tables.h"
#include "opts.h"
#include "tsv.h"
#include "util.h"

#define SYNOPSIS "snapshot [-hu] [-f from] [-t to] [-L latest] [-r rejects] [-z level]"

struct rec {
	int person;		/* pnrset id */
	int start, end;		/* day numbers; end OPEN_END while running */
	short kommune;		/* HANDLEKOMMUNE */
	char trin;		/* 0-8 */
};

static struct rec *recs;
static size_t nrec, caprec;
static pnrset *persons;

static const struct prog prog = {
	SYNOPSIS,
	"f:hL:r:t:uz:",
	    "For each cut date (30 June, 31 December) in the range and each person with\n"
	    "an active record (YDELSE_START <= D and YDELSE_SLUT empty or >= D), writes\n"
	    "DATO PNR KOMMUNE TRIN TRIN_SET: the highest active step, all active steps\n"
	    "(ascending, step 0 included) and the HANDLEKOMMUNE of the active record on\n"
	    "the highest step (ties: latest YDELSE_START, then lowest HANDLEKOMMUNE).\n"
	    "Rows active at no cut date of the range are dropped (inactive-in-range).\n"
	    "YDELSE_SLUT 9999-12-31 is open; an end after the run date (today, or\n"
	    "SOURCE_DATE_EPOCH) is planned and does not move the default end; a start\n"
	    "after the run date, or any date after 2100-12-31, is bad input.\n"
	    "\n"
	    "  -f from     first date of the range (default 2017-12-31)\n"
	    "  -t to       last date of the range (default: the last cut date on or\n"
	    "              before the latest YDELSE_START or YDELSE_SLUT read)\n"
	    "  -L latest   without -t: the range ends at the date in the file latest,\n"
	    "              read when the input has ended (target-filter -l writes it\n"
	    "              before it ends its output, so the two can share a pipe)",
	RANGE_CUTS,
};

/* The date in target-filter's -l file; -1 when it is empty (no valid row). */
static int
read_latest(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[32] = "", shown[160];
	int day = -1;

	if (f == NULL)
		die("%s: %s", path, strerror(errno));
	if (fgets(line, sizeof line, f) == NULL && ferror(f))
		die("%s: read error", path);
	fclose(f);
	line[strcspn(line, "\n")] = '\0';
	if (line[0] != '\0' && !date_parse(line, &day))
		die("%s:1: not a date (YYYY-MM-DD): %s", path,
		    show_value(line, shown, sizeof shown));
	return day;
}

/* The person's row at cut date d, or 0 when no record is active. */
static int
person_at(gzw *out, const struct rec *r, size_t n, int d, const char *dato,
    const char *key, size_t len)
{
	const struct rec *best = NULL;
	unsigned set = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (r[i].start > d || r[i].end < d)
			continue;
		set |= 1u << r[i].trin;
		if (best == NULL || r[i].trin > best->trin ||
		    (r[i].trin == best->trin && (r[i].start > best->start ||
		    (r[i].start == best->start && r[i].kommune < best->kommune))))
			best = &r[i];
	}
	if (best == NULL)
		return 0;
	snap_put_row(out, dato, key, len, best->kommune, best->trin, set);
	return 1;
}

static int
cmp_key(const void *a, const void *b)
{
	return strcmp(ps_key(persons, *(const int *)a), ps_key(persons, *(const int *)b));
}

/* Order the records by person, persons in PNR order: a counting sort on rank. */
static struct rec *
by_person(void)
{
	int n = ps_count(persons), i, *order = emalloc(sizeof(int) * (size_t)n);
	size_t *start = ecalloc((size_t)n + 1, sizeof *start), j;
	int *rank = emalloc(sizeof(int) * (size_t)n);
	struct rec *sorted = emalloc(sizeof *sorted * (nrec ? nrec : 1));

	for (i = 0; i < n; i++)
		order[i] = i;
	qsort(order, (size_t)n, sizeof *order, cmp_key);
	for (i = 0; i < n; i++)
		rank[order[i]] = i;
	for (j = 0; j < nrec; j++)
		start[rank[recs[j].person] + 1]++;
	for (i = 0; i < n; i++)
		start[i + 1] += start[i];
	for (j = 0; j < nrec; j++)
		sorted[start[rank[recs[j].person]]++] = recs[j];
	free(order);
	free(start);
	free(rank);
	free(recs);
	return sorted;
}

/* Columns of the input. */
static int c_pnr, c_kom, c_start, c_slut, c_trin;

/* One row: validated into a record; its dates may move latest. */
static void
row(tsv *t, int *latest)
{
	int kom, start, end, trin;

	if (!field_pnr(t, c_pnr) || !(kom = field_kommune(t, c_kom)) ||
	    !field_period(t, c_start, c_slut, &start, &end) ||
	    (trin = field_step(t, c_trin)) < 0)
		return;
	if (period_latest(start, end) > *latest)
		*latest = period_latest(start, end);
	recs = grow(recs, &caprec, nrec + 1, sizeof *recs);
	recs[nrec].person = ps_add(persons, t->f[c_pnr], strlen(t->f[c_pnr]));
	recs[nrec].start = start;
	recs[nrec].end = end;
	recs[nrec].kommune = (short)kom;
	recs[nrec].trin = (char)trin;
	nrec++;
}

/* Count the rows by rule: used when active at some cut date in range. */
static void
count_rows(int first, int last)
{
	size_t i;
	int d;

	for (i = 0; i < nrec; i++) {
		d = cut_on_or_after(recs[i].start > first ? recs[i].start : first);
		if (d <= last && d <= recs[i].end)
			acct_wrote(1);
		else
			acct_drop("inactive-in-range");
	}
}

/* A person's records, recs[first .. the next group's first). */
struct group {
	size_t first;		/* the person's first record */
	int lo, hi;		/* the first start and the last end of its records */
	const char *key;
	size_t len;
};

/*
 * The records (sorted by person, persons in PNR order) grouped by person;
 * the keys copied side by side in *keys, so they are read in order.
 */
static struct group *
group_persons(int *ng, char **keys)
{
	struct group *group = emalloc(sizeof *group * (size_t)(ps_count(persons) + 1));
	size_t i, j, at = 0;
	const char *key;
	int g;

	*keys = emalloc((size_t)ps_count(persons) * 33 + 1);
	for (i = 0, g = 0; i < nrec; i = j, g++) {
		group[g].lo = recs[i].start;
		group[g].hi = recs[i].end;
		for (j = i + 1; j < nrec && recs[j].person == recs[i].person; j++) {
			if (recs[j].start < group[g].lo)
				group[g].lo = recs[j].start;
			if (recs[j].end > group[g].hi)
				group[g].hi = recs[j].end;
		}
		key = ps_key(persons, recs[i].person);
		group[g].first = i;
		group[g].len = strlen(key);
		group[g].key = memcpy(*keys + at, key, group[g].len);
		at += group[g].len;
	}
	group[g].first = nrec;
	*ng = g;
	return group;
}

/* The snapshot, date by date; returns the rows written. */
static long
write_dates(gzw *out, const struct group *group, int ng, int first, int last)
{
	char dato[11];
	long rows = 0;
	int d, k;

	gzw_puts(out, SNAP_HEADER);
	for (d = first; d <= last; d = cut_next(d)) {
		date_fmt(d, dato);
		for (k = 0; k < ng; k++)
			if (d >= group[k].lo && d <= group[k].hi)
				rows += person_at(out, recs + group[k].first,
				    group[k + 1].first - group[k].first, d, dato,
				    group[k].key, group[k].len);
	}
	return rows;
}

int
main(int argc, char **argv)
{
	const char *latest_file = NULL;
	int c, to, latest = -1, first, last, ng;
	struct group *group;
	struct opts o;
	char *keys;
	long rows;
	tsv *t;
	gzw *out;

	prog_init(argc, argv);
	recs = NULL;		/* main may run again under the fuzzing harness */
	nrec = caprec = 0;
	opts_init(&o);
	o.from = range_from_default();
	while ((c = opts_next(&o, &prog, argc, argv)) != -1)
		latest_file = o.arg;	/* -L */

	t = tsv_open(NULL, 0);
	c_pnr = tsv_col(t, "PNR");
	c_kom = tsv_col(t, "HANDLEKOMMUNE");
	c_start = tsv_col(t, "YDELSE_START");
	c_slut = tsv_col(t, "YDELSE_SLUT");
	c_trin = tsv_col(t, "TRIN");
	acct_open(t, o.rejects, o.level);
	persons = ps_new();
	while (tsv_row(t))
		row(t, &latest);
	tsv_close(t);

	/* The cut dates: from the first on or after -f to the last on or before -t. */
	to = o.to;
	if (to < 0 && latest_file)
		to = read_latest(latest_file);
	if (to < 0)
		to = latest;
	first = cut_on_or_after(o.from);
	last = to < 0 ? first - 1 : cut_on_or_before(to);
	count_rows(first, last);

	recs = by_person();
	group = group_persons(&ng, &keys);
	out = opts_out(&o);
	rows = write_dates(out, group, ng, first, last);
	free(group);
	free(keys);
	gzw_close(out);
	acct_end(rows);
	return 0;
}
