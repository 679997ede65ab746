/*
 * earlier: -K, a report published before, and what a reader who holds it
 * beside this one can tell. Which cells of a cut date are hidden depends
 * on the dates after it (the flow matrix from it to the next, and its
 * balances), so a level shown while its date was the last may be hidden
 * once the next half-year comes in, to keep the new matrix's flows from
 * being pinned, and the page published before gives it back: review r4
 * (2026-12-06) on synth small-1 at -n 5: Vesthimmerland's figure 4 at
 * 2023-06-30 was 5 in the run to that date and .. in the next, whose
 * matrix row from step 5 holds 5 -> 5 .. (5 or more) and nine flows <5:
 * with the row's sum from the earlier page, 5 -> 5 is 5 and the rest 0.
 *
 * Every count, and N of a share or mean, that the earlier table shows
 * where this report hides the cell and would show the same number, is
 * known to the reader; the audit runs again with those at their values
 * (audit_known()). A small cell (<N) worked out or narrowed down so is a
 * warning, or with -W (strict) fails the report, nothing written: each
 * half-year's report gives such cells away beside the one before at every
 * -n tried (national preset, 2023-06-30 then 2023-12-31: 48 at -n 5, 241 at
 * -n 10, 1,193 narrowed at -n 20), so a failure by default would stop
 * nearly every run. Within one report such a cell fails it (left_exposed()).
 * Not taken: its rounded shares, means and rates (they narrow too), the
 * flow matrices of its page and workbook (the table holds none), sums of
 * dates only it has.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "report.h"
#include "tsv.h"
#include "util.h"

/* A figure by its label, from the last one found on (a table's rows come by figure). */
static int
figure_of(const struct report *r, const char *label)
{
	static int last;
	int i, f;

	for (i = 0; i < r->nfigs; i++)
		if (strcmp(r->figs[f = (last + i) % r->nfigs].label, label) == 0)
			return last = f;
	return -1;
}

/*
 * An area by its name: a municipality, a region or the country (not a -g
 * group); the last of each level's found first (its rows come by area,
 * then figure, then level: 14,000 rows of a table of all).
 */
static int
area_of(struct report *r, const char *level, const char *name)
{
	static int last[3];
	int l = level[0] == 'k' ? 0 : level[0] == 'g' ? 1 : 2, a;	/* kommune gruppe landet */

	if (last[l] < r->narea && strcmp(area_name(r, last[l]), name) == 0)
		return last[l];
	for (a = 0; a < r->narea; a++)
		if ((a < r->nkom + r->nregions || a == r->land) &&
		    strcmp(area_name(r, a), name) == 0)
			return last[l] = a;
	return -1;
}

/* The row that shows a cell's weight: the count's, or the N of a share or mean; -1 none. */
static int
weight_row(struct report *r, int f, const char *unit)
{
	char buf[64];

	if (r->figs[f].kind == ART_COUNT)
		return strcmp(unit, unit_label(r, f, RATE_NONE, buf)) == 0 ? RATE_NONE : -1;
	return strcmp(unit, unit_label(r, f, RATE_N, buf)) == 0 ? RATE_N : -1;
}

/* Marks the hidden cells the table at path shows as this report would; returns how many. */
static long
mark_known(struct report *r, const char *path)
{
	FILE *in = fopen(path, "rb");
	int c_fig, c_name, c_unit, c_level, c_area, c, f, a, rate, day, *col;
	char buf[64];
	double v;
	struct cell *x;
	long n = 0;
	tsv *t;

	if (in == NULL)
		die("-K %s: %s", path, strerror(errno));
	c = getc(in);
	fclose(in);
	if (c == EOF)	/* /dev/null: none published */
		return 0;
	t = tsv_open(path, 0);
	if ((c_fig = tsv_find(t, "NOEGLETAL")) < 0 || (c_name = tsv_find(t, "NAVN")) < 0 ||
	    (c_unit = tsv_find(t, "ENHED")) < 0 || (c_level = tsv_find(t, "NIVEAU")) < 0 ||
	    (c_area = tsv_find(t, "OMRAADE")) < 0)
		die("-K %s: not the table of a report (NOEGLETAL NAVN ENHED NIVEAU OMRAADE, a "
		    "column per cut date)", path);
	col = emalloc(sizeof *col * (size_t)t->ncol);
	for (c = 0; c < t->ncol; c++)	/* the cut dates this report has */
		col[c] = date_parse(t->head[c], &day) ? date_index(r, day) : -1;
	while (tsv_row(t)) {	/* a bad row dies: t is not the main input */
		if (t->f[c_fig][0] == '\0' && strstr(t->f[c_name], "(-n 0)") != NULL) {
			warn("-K %s: made with -n 0, not for publication: nothing taken from it",
			    path);
			break;
		}
		if ((f = figure_of(r, t->f[c_fig])) < 0 ||
		    (a = area_of(r, t->f[c_level], t->f[c_area])) < 0 ||
		    (rate = weight_row(r, f, t->f[c_unit])) < 0)
			continue;
		for (c = 0; c < t->ncol; c++) {
			if (col[c] < 0 || !(x = AT(a, col[c], f))->hidden || x->known)
				continue;
			x->hidden = 0;	/* the number it would show */
			x->known = cell_state(r, a, col[c], f, rate, &v) == ST_OK &&
			    strcmp(cell_text(r, a, col[c], f, rate, buf), t->f[c]) == 0;
			x->hidden = 1;
			n += x->known;
		}
	}
	free(col);
	tsv_close(t);
	return n;
}

void
earlier_check(struct report *r)
{
	struct cell *c, *e = NULL;
	char what[160], msg[600];
	size_t i, ncells = (size_t)r->narea * (size_t)r->ndates * (size_t)r->nfigs;
	int n = 0, t = 0;

	if (mark_known(r, r->earlier) > 0)
		n = audit_known(r, &e, &t);
	for (i = 0, c = r->cells; i < ncells; i++, c++)
		c->known = 0;
	if (n == 0)
		return;
	cell_what(r, e, t, what);
	snprintf(msg, sizeof msg, "-n %ld: with %s, published before, %s %s (%d small "
	    "cells in all): it shows cells this report hides, and the sums of both tell "
	    "them", r->threshold, r->earlier, what, left_recovered(e, t) ?
	    "can be worked out" : "is narrowed down (a <N known not to be 0, or a mean)", n);
	if (r->strict)
		die("%s: nothing written (-W)", msg);
	warn("%s: written (-W would fail)", msg);
}
