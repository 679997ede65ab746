/*
 * snapshot: one row per person and cut date (SPEC 2, "Snapshot").
 * Reads PNR, HANDLEKOMMUNE, YDELSE_START, YDELSE_SLUT, TRIN (stair-assign's
 * output); writes DATO PNR KOMMUNE TRIN TRIN_SET sorted by DATO, PNR.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
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

#define SYNOPSIS "snapshot [-hu] [-b image | -B image] [-f from] [-t to] [-L latest] [-r rejects] [-z level]"

struct rec {
	int person;		/* pnrset id */
	int start, end;		/* day numbers; end OPEN_END while running */
	short kommune;		/* HANDLEKOMMUNE */
	char trin;		/* 0-8 */
};

/* The records read, and their persons. */
struct recs {
	struct rec *r;
	size_t n, cap;
	pnrset *persons;
};

static const struct prog prog = {
	SYNOPSIS,
	"B:b:f:hL:r:t:uz:",
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
	    "  -b image    also write the snapshot's image to this file: what the\n"
	    "              joins' -s reads without parsing (native byte order, for\n"
	    "              this machine's run; a TSV snapshot is read the same)\n"
	    "  -B image    write the image only: standard output gets, instead of the\n"
	    "              rows, their number (the rows are most of snapshot's time)\n"
	    "  -f from     first date of the range (default 2017-12-31)\n"
	    "  -t to       last date of the range (default: the last cut date on or\n"
	    "              before the latest YDELSE_START or YDELSE_SLUT read)\n"
	    "  -L latest   without -t: the range ends at the date in the file latest,\n"
	    "              read when the input has ended (target-filter -l writes it\n"
	    "              before it ends its output, so the two can share a pipe)",
	RANGE_CUTS,
	NULL,
	"L",		/* files read: no reject file replaces one */
};

/* The command line. */
struct args {
	struct opts o;
	const char *latest_file;	/* -L */
	const char *image;		/* -b, -B */
	int count_only;			/* -B: the number of rows, not the rows */
};

/* The cut dates of the range, and for each day of their span the first on or after it. */
struct cuts {
	int *day, n;		/* ascending */
	unsigned short *next;	/* [day - day[0]]: the index of the first cut date >= day */
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

/* Is record r the one whose step and municipality a row shows, rather than b (NULL: none)? */
static int
better(const struct rec *r, const struct rec *b)
{
	return b == NULL || r->trin > b->trin || (r->trin == b->trin && (r->start > b->start ||
	    (r->start == b->start && r->kommune < b->kommune)));
}

/* The person's row at cut date d, or 0 when no record is active. */
static int
person_at(gzw *out, const struct rec *r, size_t n, const char *dato, int d, const char *key,
    size_t len)
{
	const struct rec *best = NULL;
	unsigned set = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (r[i].start > d || r[i].end < d)
			continue;
		set |= 1u << r[i].trin;
		if (better(&r[i], best))
			best = &r[i];
	}
	if (best == NULL)
		return 0;
	snap_put_row(out, dato, key, len, best->kommune, best->trin, set);
	return 1;
}

/*
 * A person by pnrset id, sorted by key: by the key's first 8 bytes as one
 * number (the bytes after a short key's end as 0, which orders as strcmp
 * does), the whole keys compared only when those are the same.
 */
struct person {
	uint64_t head;
	int id;
};
static const pnrset *sorted_set;	/* the keys cmp_key compares */

static uint64_t
key_head(const char *key)
{
	uint64_t h = 0;
	int i;

	for (i = 0; i < 8; i++)
		h = h << 8 | (unsigned char)(*key != '\0' ? *key++ : 0);
	return h;
}

static int
cmp_key(const void *a, const void *b)
{
	const struct person *x = a, *y = b;

	if (x->head != y->head)
		return x->head < y->head ? -1 : 1;
	return strcmp(ps_key(sorted_set, x->id), ps_key(sorted_set, y->id));
}

/*
 * The persons in key order: by their heads, a byte at a time from the last
 * (a radix sort, stable; a byte the same in every head is passed over),
 * then each run of equal heads by cmp_key(). By qsort() it was a third of
 * snapshot's time after its input (national, 70,000 persons: 6 ms),
 * which the run waits for.
 */
static void
sort_persons(struct person *order, int n)
{
	struct person *tmp = emalloc(sizeof *tmp * (size_t)n), *from = order, *to = tmp, *t;
	size_t count[256], at, c;
	int b, i, j;

	for (b = 0; b < 8; b++) {
		memset(count, 0, sizeof count);
		for (i = 0; i < n; i++)
			count[from[i].head >> 8 * b & 0xff]++;
		if (count[from[0].head >> 8 * b & 0xff] == (size_t)n)
			continue;	/* one value: the order stands */
		for (c = 0, at = 0; c < 256; c++)
			at += count[c], count[c] = at - count[c];
		for (i = 0; i < n; i++)
			to[count[from[i].head >> 8 * b & 0xff]++] = from[i];
		t = from, from = to, to = t;
	}
	if (from != order)
		memcpy(order, from, sizeof *order * (size_t)n);
	free(tmp);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && order[j].head == order[i].head; j++)
			;
		if (j - i > 1)
			qsort(order + i, (size_t)(j - i), sizeof *order, cmp_key);
	}
}

/* Order the records by person, persons in PNR order: a counting sort on rank. */
static void
by_person(struct recs *rs)
{
	int n = ps_count(rs->persons), i, *rank = emalloc(sizeof(int) * (size_t)n);
	struct person *order = emalloc(sizeof *order * (size_t)n);
	size_t *start = ecalloc((size_t)n + 1, sizeof *start), j;
	struct rec *sorted = emalloc(sizeof *sorted * (rs->n ? rs->n : 1));

	sorted_set = rs->persons;
	for (i = 0; i < n; i++) {
		order[i].head = key_head(ps_key(rs->persons, i));
		order[i].id = i;
	}
	for (i = 1; i < n && cmp_key(&order[i - 1], &order[i]) < 0; i++)
		;
	if (i < n)	/* else the persons came in PNR order, as extracts mostly are */
		sort_persons(order, n);
	for (i = 0; i < n; i++)
		rank[order[i].id] = i;
	for (j = 0; j < rs->n; j++)
		start[rank[rs->r[j].person] + 1]++;
	for (i = 0; i < n; i++)
		start[i + 1] += start[i];
	for (j = 0; j < rs->n; j++)
		sorted[start[rank[rs->r[j].person]]++] = rs->r[j];
	free(order);
	free(start);
	free(rank);
	free(rs->r);
	rs->r = sorted;
	rs->cap = rs->n;
}

/* Columns of the input. */
static int c_pnr, c_kom, c_start, c_slut, c_trin;

/* One row: validated into a record; its dates may move latest. */
static void
row(tsv *t, struct recs *rs, int *latest)
{
	struct rec *r;
	int kom, start, end, trin;

	if (!field_pnr(t, c_pnr) || !(kom = field_kommune(t, c_kom)) ||
	    !field_period(t, c_start, c_slut, &start, &end) ||
	    (trin = field_step(t, c_trin)) < 0)
		return;
	if (period_latest(start, end) > *latest)
		*latest = period_latest(start, end);
	rs->r = grow(rs->r, &rs->cap, rs->n + 1, sizeof *rs->r);
	r = &rs->r[rs->n++];
	r->person = ps_add(rs->persons, t->f[c_pnr], strlen(t->f[c_pnr]));
	r->start = start;
	r->end = end;
	r->kommune = (short)kom;
	r->trin = (char)trin;
}

/* The cut dates from first to last (cut dates; none when first > last). */
static void
cuts_make(struct cuts *c, int first, int last)
{
	int d, i, span;

	for (c->n = 0, d = first; d <= last; d = cut_next(d))
		c->n++;
	c->day = emalloc(sizeof *c->day * (size_t)(c->n + 1));
	for (i = 0, d = first; i < c->n; i++, d = cut_next(d))
		c->day[i] = d;
	span = c->n > 0 ? c->day[c->n - 1] - c->day[0] + 1 : 1;
	c->next = emalloc(sizeof *c->next * (size_t)span);
	for (i = 0, d = 0; i < c->n; i++)
		for (; d <= c->day[i] - c->day[0]; d++)
			c->next[d] = (unsigned short)i;
}

/* The cut dates a record from start to end is active at: [*lo, *hi]; 0 when none. */
static int
cut_span(const struct cuts *c, int start, int end, int *lo, int *hi)
{
	int n = c->n, k;

	if (n == 0 || start > c->day[n - 1] || end < c->day[0])
		return 0;
	*lo = start <= c->day[0] ? 0 : c->next[start - c->day[0]];
	if (end >= c->day[n - 1])
		*hi = n - 1;
	else
		k = c->next[end - c->day[0]], *hi = c->day[k] == end ? k : k - 1;
	return *lo <= *hi;
}

/* Count the rows by rule: used when active at some cut date in range. */
static void
count_rows(const struct recs *rs, const struct cuts *c)
{
	size_t i;
	int lo, hi;

	for (i = 0; i < rs->n; i++)
		if (cut_span(c, rs->r[i].start, rs->r[i].end, &lo, &hi))
			acct_wrote(1);
		else
			acct_drop("inactive-in-range");
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
group_persons(const struct recs *rs, int *ng, char **keys)
{
	const struct rec *recs = rs->r;
	size_t nrec = rs->n;
	struct group *group = emalloc(sizeof *group * (size_t)(ps_count(rs->persons) + 1));
	size_t i, j, at = 0;
	const char *key;
	int g;

	*keys = emalloc((size_t)ps_count(rs->persons) * 33 + 1);
	for (i = 0, g = 0; i < nrec; i = j, g++) {
		group[g].lo = recs[i].start;
		group[g].hi = recs[i].end;
		for (j = i + 1; j < nrec && recs[j].person == recs[i].person; j++) {
			if (recs[j].start < group[g].lo)
				group[g].lo = recs[j].start;
			if (recs[j].end > group[g].hi)
				group[g].hi = recs[j].end;
		}
		key = ps_key(rs->persons, recs[i].person);
		group[g].first = i;
		group[g].len = strlen(key);
		group[g].key = memcpy(*keys + at, key, group[g].len);
		at += group[g].len;
	}
	group[g].first = nrec;
	*ng = g;
	return group;
}

/* The snapshot, date by date; returns the rows. */
static long
write_dates(gzw *out, const struct rec *recs, const struct group *group, int ng,
    const struct cuts *c)
{
	char dato[11];
	long rows = 0;
	int i, k;

	gzw_puts(out, SNAP_HEADER);
	for (i = 0; i < c->n; i++) {
		date_fmt(c->day[i], dato);
		for (k = 0; k < ng; k++)
			if (c->day[i] >= group[k].lo && c->day[i] <= group[k].hi)
				rows += person_at(out, recs + group[k].first,
				    group[k + 1].first - group[k].first, dato, c->day[i],
				    group[k].key, group[k].len);
	}
	return rows;
}

/*
 * -b, -B: the image, person by person: each record marks the cut dates it
 * is active at, so that a person's records are read once, not once a
 * date. The persons are numbered as the rows date by date would first
 * show them (by their first cut date with a row, then in PNR order), and
 * the image holds the dates with a row, as snap_load() of the rows would.
 * Each person's row is written as it is made, in that order (persons of
 * one first date in PNR order: the groups are read in a few runs): the
 * table whole was fresh memory, a fault a page (3.5 MB on national), at
 * the end of the run's wait for the snapshot. Returns the rows.
 */
static long
write_image(const char *path, const struct rec *recs, const struct group *group, int ng,
    const struct cuts *c)
{
	struct best {
		int who;	/* the group it is of, -1 none yet */
		unsigned set;
		const struct rec *r;
	} *b = emalloc(sizeof *b * (size_t)(c->n + 1));
	int *first = emalloc(sizeof *first * (size_t)(ng + 1)), *by_id = emalloc(sizeof *by_id * (size_t)(ng + 1));
	int *col = emalloc(sizeof *col * (size_t)(c->n + 1)), *dates = emalloc(sizeof *dates * (size_t)(c->n + 1));
	long *active = ecalloc((size_t)c->n + 2, sizeof *active), n;
	size_t *start = ecalloc((size_t)c->n + 2, sizeof *start);
	struct snap_at *row = emalloc(sizeof *row * (size_t)(c->n + 1));
	struct snap_writer sw;
	size_t j;
	uint64_t keys = 0;
	long rows = 0;
	int i, k, d, lo, hi, last, nd = 0, np = 0;

	/*
	 * Each person's first cut date with a row (c->n: none); the dates with
	 * one; the records counted by rule (count_rows()'s, in the same pass).
	 */
	for (k = 0; k < ng; k++)
		for (first[k] = c->n, j = group[k].first; j < group[k + 1].first; j++)
			if (cut_span(c, recs[j].start, recs[j].end, &lo, &hi)) {
				first[k] = lo < first[k] ? lo : first[k];
				active[lo]++, active[hi + 1]--;
				acct_wrote(1);
			} else
				acct_drop("inactive-in-range");
	for (i = 0; i < c->n; i++) {
		active[i + 1] += active[i];
		col[i] = active[i] > 0 ? nd : -1;
		if (active[i] > 0)
			dates[nd++] = c->day[i];
	}
	/* Ids by first date, then PNR order: a counting sort. */
	for (k = 0; k < ng; k++)
		start[first[k]]++;
	for (i = 0, j = 0; i <= c->n; i++)
		n = (long)start[i], start[i] = j, j += (size_t)n;
	for (k = 0; k < ng; k++)
		if (first[k] < c->n)
			by_id[start[first[k]]++] = k, np++, keys += group[k].len + 1;
	snap_image_open(&sw, path, dates, nd, np, keys);
	for (i = 0; i < c->n; i++)
		b[i].who = -1;
	for (i = 0; i < np; i++) {
		k = by_id[i];
		for (last = -1, j = group[k].first; j < group[k + 1].first; j++) {
			if (!cut_span(c, recs[j].start, recs[j].end, &lo, &hi))
				continue;
			last = hi > last ? hi : last;
			for (d = lo; d <= hi; d++) {
				if (b[d].who != k)
					b[d] = (struct best){ k, 0, NULL };
				b[d].set |= 1u << recs[j].trin;
				if (better(&recs[j], b[d].r))
					b[d].r = &recs[j];
			}
		}
		memset(row, 0, sizeof *row * (size_t)nd);
		for (d = first[k]; d <= last; d++)
			if (b[d].who == k) {
				row[col[d]] = (struct snap_at){ b[d].r->kommune, (unsigned short)b[d].set };
				rows++;
			}
		snap_image_put(&sw, row, sizeof *row * (size_t)nd);
	}
	for (i = 0; i < np; i++) {
		snap_image_put(&sw, group[by_id[i]].key, group[by_id[i]].len);
		snap_image_put(&sw, "", 1);
	}
	snap_image_close(&sw);
	free(b), free(first), free(by_id), free(col), free(dates), free(active), free(start), free(row);
	return rows;
}

/* The cut dates: from the first on or after -f to the last on or before -t. */
static void
cut_range(const struct args *a, int latest, int *first, int *last)
{
	int to = a->o.to;

	if (to < 0 && a->latest_file)
		to = read_latest(a->latest_file);
	if (to < 0)
		to = latest;
	*first = cut_on_or_after(a->o.from);
	*last = to < 0 ? *first - 1 : cut_on_or_before(to);
	if (to >= 0 && *first > *last) {	/* the end from the data (-t: a usage error) */
		char f[11], t[11];

		date_fmt(a->o.from, f);
		date_fmt(to, t);
		die("-f %s: the range holds no cut date: it ends at %s (%s)", f, t,
		    a->latest_file ? "the extract's latest YDELSE_START or YDELSE_SLUT, -L" :
		    "the latest YDELSE_START or YDELSE_SLUT read");
	}
}

static void
options(struct args *a, int argc, char **argv)
{
	int c;

	opts_start(&a->o, argc, argv);
	a->o.from = range_from_default();
	a->latest_file = a->image = NULL;
	a->count_only = 0;
	while ((c = opts_next(&a->o, &prog, argc, argv)) != -1)
		if (c == 'b' || c == 'B') {
			if (a->image != NULL)
				usage_why(prog.synopsis, "-b and -B: one image");
			a->image = a->o.arg;
			a->count_only = c == 'B';
		} else
			a->latest_file = a->o.arg;	/* -L */
}

/* Standard input to standard output (a failure dies). */
static void
run(const struct args *a)
{
	struct recs rs = { NULL, 0, 0, ps_new() };
	int latest = -1, first, last, ng;
	struct group *group;
	struct cuts cuts;
	char *keys;
	long rows = 0;
	tsv *t = tsv_open(NULL, 0);
	gzw *out;

	tsv_cols(t, "PNR", &c_pnr, "HANDLEKOMMUNE", &c_kom, "YDELSE_START", &c_start,
	    "YDELSE_SLUT", &c_slut, "TRIN", &c_trin, (char *)NULL);
	acct_open(t, a->o.rejects, a->o.level);
	while (tsv_row(t))
		row(t, &rs, &latest);
	tsv_close(t);
	cut_range(a, latest, &first, &last);
	cuts_make(&cuts, first, last);
	if (!a->image)	/* else write_image() counts them */
		count_rows(&rs, &cuts);

	by_person(&rs);
	group = group_persons(&rs, &ng, &keys);
	out = opts_out(&a->o);
	if (!a->count_only)
		rows = write_dates(out, rs.r, group, ng, &cuts);
	if (a->image)
		rows = write_image(a->image, rs.r, group, ng, &cuts);
	if (a->count_only)
		gzw_printf(out, "%ld\n", rows);
	free(cuts.day);
	free(cuts.next);
	free(group);
	free(keys);
	free(rs.r);
	ps_free(rs.persons);
	gzw_close(out);
	acct_end(rows);
}

FILTER_MAIN
