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
	char line[32] = "";
	int day = -1;

	if (f == NULL)
		die("%s: %s", path, strerror(errno));
	if (fgets(line, sizeof line, f) == NULL && ferror(f))
		die("%s: read error", path);
	fclose(f);
	line[strcspn(line, "\n")] = '\0';
	if (line[0] != '\0' && !date_parse(line, &day))
		die("%s:1: not a date (YYYY-MM-DD): \"%s\"", path, line);
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
	int trin;
	char row[80], *p;	/* DATO PNR (at most 32) KOMMUNE TRIN TRIN_SET */

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
	memcpy(row, dato, 10);
	row[10] = '\t';
	memcpy(row + 11, key, len);
	p = row + 11 + len;
	*p++ = '\t';
	*p++ = (char)('0' + best->kommune / 100);
	*p++ = (char)('0' + best->kommune / 10 % 10);
	*p++ = (char)('0' + best->kommune % 10);
	*p++ = '\t';
	*p++ = (char)('0' + best->trin);
	*p++ = '\t';
	for (trin = 0; trin <= 8; trin++)
		if (set & (1u << trin)) {
			*p++ = (char)('0' + trin);
			*p++ = ',';
		}
	p[-1] = '\n';
	gzw_write(out, row, (size_t)(p - row));
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

int
main(int argc, char **argv)
{
	int c, c_pnr, c_kom, c_start, c_slut, c_trin, from, to = -1, latest = -1;
	const char *latest_file = NULL;
	int kom, start, end, d, first, last, g, k;
	size_t i, j, at;
	const char *key;
	char *keys;
	struct {
		size_t first;	/* the person's first record */
		int lo, hi;	/* the first start and the last end of its records */
		const char *key;
		size_t len;
	} *group;
	long trin, out_rows = 0;
	char dato[11];
	struct opts o;
	tsv *t;
	gzw *out;

	prog_init(argc, argv);
	recs = NULL;		/* main may run again under the fuzzing harness */
	nrec = caprec = 0;
	opts_init(&o);
	o.from = range_from_default();
	while ((c = opts_next(&o, &prog, argc, argv)) != -1)
		latest_file = o.arg;	/* -L */
	from = o.from;
	to = o.to;

	t = tsv_open(NULL, 0);
	c_pnr = tsv_col(t, "PNR");
	c_kom = tsv_col(t, "HANDLEKOMMUNE");
	c_start = tsv_col(t, "YDELSE_START");
	c_slut = tsv_col(t, "YDELSE_SLUT");
	c_trin = tsv_col(t, "TRIN");
	acct_open(t, o.rejects, o.level);
	persons = ps_new();
	while (tsv_row(t)) {
		char **f = t->f;

		if (!pnr_ok(f[c_pnr])) {
			reject(t, c_pnr, "not a person key (1-32 of 0-9 A-Z a-z _ -)");
			continue;
		}
		if (!(kom = kommune_code(f[c_kom]))) {
			reject(t, c_kom, "not a municipality code");
			continue;
		}
		if (!field_period(t, c_start, c_slut, &start, &end))
			continue;
		if (!parse_uint(f[c_trin], &trin) || trin > 8 || f[c_trin][1]) {
			reject(t, c_trin, "not a step 0-8");
			continue;
		}
		if (period_latest(start, end) > latest)
			latest = period_latest(start, end);
		if (nrec == caprec) {
			caprec = caprec ? caprec * 2 : 65536;
			recs = erealloc(recs, caprec * sizeof *recs);
		}
		recs[nrec].person = ps_add(persons, f[c_pnr], strlen(f[c_pnr]));
		recs[nrec].start = start;
		recs[nrec].end = end;
		recs[nrec].kommune = (short)kom;
		recs[nrec].trin = (char)trin;
		nrec++;
	}
	tsv_close(t);

	/* The cut dates: from the first on or after -f to the last on or before -t. */
	if (to < 0 && latest_file)
		to = read_latest(latest_file);
	if (to < 0)
		to = latest;
	first = cut_on_or_after(from);
	last = to < 0 ? first - 1 : cut_on_or_before(to);

	/* Count the rows by rule: used when active at some cut date in range. */
	for (i = 0; i < nrec; i++) {
		d = cut_on_or_after(recs[i].start > first ? recs[i].start : first);
		if (d <= last && d <= recs[i].end)
			acct_wrote(1);
		else
			acct_drop("inactive-in-range");
	}

	/* Group the records by person, persons in PNR order; then date by date. */
	recs = by_person();
	group = emalloc(sizeof *group * (size_t)(ps_count(persons) + 1));
	keys = emalloc((size_t)ps_count(persons) * 33 + 1);	/* in PNR order: read in order */
	for (i = 0, g = 0, at = 0; i < nrec; i = j, g++) {
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
		group[g].key = memcpy(keys + at, key, group[g].len);
		at += group[g].len;
	}
	group[g].first = nrec;
	out = opts_out(&o);
	gzw_puts(out, "DATO\tPNR\tKOMMUNE\tTRIN\tTRIN_SET\n");
	for (d = first; d <= last; d = cut_next(d)) {
		date_fmt(d, dato);
		for (k = 0; k < g; k++)
			if (d >= group[k].lo && d <= group[k].hi)
				out_rows += person_at(out, recs + group[k].first,
				    group[k + 1].first - group[k].first, d, dato,
				    group[k].key, group[k].len);
	}
	free(group);
	free(keys);
	gzw_close(out);
	acct_end(out_rows);
	return 0;
}
