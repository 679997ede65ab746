/*
 * earlier: -K, a report published before, and what a reader who holds it
 * beside this one can tell. Which cells of a cut date are hidden depends
 * on the dates after it (the flow matrix from it to the next, and its
 * balances), so a cell shown while its date was the last may need hiding
 * once the next half-year comes in, and the page published before would
 * give it back: review r4 (2026-12-06) on synth small-1 at -n 5:
 * Vesthimmerland's figure 4 at 2023-06-30 was 5 in the run to that date
 * and .. in the next, whose matrix row from step 5 held 5 -> 5 .. (5 or
 * more) and nine flows <5: with the row's sum from the earlier page, 5 -> 5
 * is 5 and the rest 0 (since then a hidden flow is .., small or not: flows.c).
 *
 * Every count, and N of a share or mean, that the earlier table shows as
 * this report would show it is known (earlier_mark()), and so is every
 * count its flow matrices show (-J, what its -M wrote) and the matrices'
 * sums that are such a level; suppress() hides none of them (choose())
 * while it can protect the small cells otherwise, else suppresses as
 * without them. Then the audit runs again with every known cell at its
 * value (earlier_check(), audit_known()): a small cell (<N) worked out or
 * narrowed down so is a warning, or with -W (strict) fails the report,
 * nothing written (synth small-6 at -n 3: 6 cells). Within one report
 * such a cell fails it (left_exposed()). Not taken: its rounded shares,
 * means and rates (they narrow too), sums of dates only it has (its cells
 * hidden as .. at dates both have are held hidden where it has later
 * dates: mark_known()).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "flows.h"
#include "report.h"
#include "tables.h"
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

/* The cells of the tables, then those of the flow matrices: how many, and cell i. */
static size_t
cells_all(const struct report *r)
{
	return (size_t)r->narea * (size_t)r->ndates * (size_t)r->nfigs + r->nfcells;
}

static struct cell *
cell_i(struct report *r, size_t i)
{
	size_t n = cells_all(r) - r->nfcells;

	return i < n ? &r->cells[i] : &r->fcells[i - n];
}

/* Is the file of option opt empty (/dev/null: none published)? */
static int
empty(const char *opt, const char *path)
{
	FILE *in = fopen(path, "rb");
	int c;

	if (in == NULL)
		die("%s %s: %s", opt, path, strerror(errno));
	c = getc(in);
	fclose(in);
	return c == EOF;
}

/*
 * Marks known the cells the table at path shows as this report would show
 * them (a cell hidden as small too: its number then); returns how many.
 * Where the table has cut dates after this report's last (a run with -t
 * after a later one), the cells it hides as .. are held hidden (*later):
 * the sums of those dates, its own, are not in this report's audit, and a
 * run to 2022-12-31 after one to 2023-12-31 showed 101's figure 3 (9),
 * whose .. protected the later matrix: with its sums, a <5 was 3 (review
 * AJ, AJ2).
 */
static int
mark_known(struct report *r, const char *path, int *later)
{
	int c_fig, c_name, c_unit, c_level, c_area, c, f, a, rate, day, *col, hidden, n = 0;
	char buf[64];
	double v;
	struct cell *x;
	tsv *t;

	if (empty("-K", path))
		return 0;
	t = tsv_open(path, 0);
	if ((c_fig = tsv_find(t, "NOEGLETAL")) < 0 || (c_name = tsv_find(t, "NAVN")) < 0 ||
	    (c_unit = tsv_find(t, "ENHED")) < 0 || (c_level = tsv_find(t, "NIVEAU")) < 0 ||
	    (c_area = tsv_find(t, "OMRAADE")) < 0)
		die("-K %s: not the table of a report (NOEGLETAL NAVN ENHED NIVEAU OMRAADE, a "
		    "column per cut date)", path);
	col = emalloc(sizeof *col * (size_t)t->ncol);
	for (c = 0; c < t->ncol; c++) {	/* the cut dates this report has */
		if (!date_parse(t->head[c], &day))
			col[c] = -1;
		else if ((col[c] = date_index(r, day)) < 0 && day > r->dates[r->ndates - 1])
			*later = 1;
	}
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
			if (col[c] < 0 || !(x = AT(a, col[c], f))->has)
				continue;
			x->was_small |= t->f[c][0] == '<';
			if (*later && strcmp(t->f[c], "..") == 0)
				x->held = 1;	/* hidden in earlier_mark() */
			if (x->known)
				continue;
			hidden = x->hidden;
			x->hidden = 0;	/* the number it would show */
			x->known = x->seen = cell_state(r, a, col[c], f, rate, &v) == ST_OK &&
			    strcmp(cell_text(r, a, col[c], f, rate, buf), t->f[c]) == 0;
			x->hidden = hidden;
			n += x->known;
		}
	}
	free(col);
	tsv_close(t);
	return n;
}

/*
 * -J: marks known the matrix cells path shows as this report would; returns
 * how many. With later (mark_known()), those it shows .. are held hidden.
 */
static int
mark_matrices(struct report *r, const char *path, int later)
{
	int c_k, c_d, c_f, c_t, c_v, k, day, same, n = 0;
	struct cell *x;
	tsv *t;

	if (empty("-J", path))
		return 0;
	t = tsv_open(path, 0);
	if ((c_k = tsv_find(t, "KOMMUNE")) < 0 || (c_d = tsv_find(t, "DATO")) < 0 ||
	    (c_f = tsv_find(t, "FRA")) < 0 || (c_t = tsv_find(t, "TIL")) < 0 ||
	    (c_v = tsv_find(t, "VIST")) < 0)
		die("-J %s: not the matrices of a report (report -M: KOMMUNE DATO FRA TIL VIST)",
		    path);
	while (tsv_row(t)) {
		if (!(k = kommune_code(t->f[c_k])) || !r->kom_at[k] || !date_parse(t->f[c_d], &day) ||
		    (x = flows_known(r, r->kom_at[k] - 1, day, t->f[c_f], t->f[c_t], t->f[c_v],
		    &same)) == NULL)
			continue;
		if (later && strcmp(t->f[c_v], "..") == 0)
			x->held = 1;
		if (same && !x->known)
			x->known = x->seen = 1, n++;
	}
	tsv_close(t);
	return n;
}

/*
 * The cells known from the report published before (-K): those its table
 * shows as this report would, those its flow matrices show (-J), and the
 * counts of the matrices one of them is (a sum of one part: a level is
 * its matrices' row and column sums). suppress() hides none of them
 * (choose()) where it can: what a reader has seen stays shown, and the
 * cells hidden to protect others are this report's own. Returns how many
 * the files gave.
 */
int
earlier_mark(struct report *r)
{
	struct cell *p, *t, *c;
	int i, more, later, n = 0;
	size_t j;

	for (i = 0; i < r->npublished; i++) {
		later = 0;
		n += mark_known(r, r->published[i].table, &later);
		if (r->published[i].flows && r->fcells)
			n += mark_matrices(r, r->published[i].flows, later);
	}
	do
		for (i = more = 0; i < r->nrels; i++) {
			if (r->rels[i].n != 1 || r->rels[i].on_t || !(t = r->rels[i].total))
				continue;
			p = r->relpart[r->rels[i].off];
			if ((p->flow || t->flow) && p->has && t->has && p->known != t->known)
				p->known = t->known = 1, more = 1;
		}
	while (more);
	for (j = 0; j < cells_all(r); j++) {	/* held, unless another shows it: public */
		c = cell_i(r, j);
		if (c->held && c->known)
			c->held = 0;
		else if (c->held)
			c->hidden = 1;
	}
	return n;
}

/* Every cell unknown again (known: shown by the report published before). */
void
earlier_forget(struct report *r)
{
	size_t i, n = (size_t)r->narea * (size_t)r->ndates * (size_t)r->nfigs;

	for (i = 0; i < n; i++)
		r->cells[i].known = r->cells[i].seen = r->cells[i].freed =
		    r->cells[i].was_small = 0;
	for (i = 0; i < r->nfcells; i++)
		r->fcells[i].known = r->fcells[i].seen = r->fcells[i].freed = 0;
}

/* The reports published before as a message names them: the first, and how many more. */
static const char *
published_name(const struct report *r, char buf[PATH_MAX + 64])
{
	if (r->npublished == 1)
		return r->published[0].table;
	snprintf(buf, PATH_MAX + 64, "%s (and %d more reports)", r->published[0].table,
	    r->npublished - 1);
	return buf;
}

/* A warning, or where it fails (-W; a value given away: -X too) the report's failure. */
static void
tell(const struct report *r, const char *msg, int fails)
{
	if (fails)
		die("%s: nothing written (%s)", msg, r->strict ? "-W" : "-X; keyfigures -a writes it");
	warn("%s: written (-W would fail)", msg);
}

/*
 * Is c on the page this report writes: any, or with -k the municipality's,
 * its group's, the country's and those compared with it (-s)? A run of one
 * municipality says nothing of cells only other pages show, nor fails -W
 * for them (review R, R2: a run of 101 warned of Høje-Taastrup's).
 */
static int
on_page(struct report *r, const struct cell *c)
{
	int a = cell_area(r, c), level, i;

	if (r->asked < 0)
		return 1;
	for (level = 0; level < NLEVEL; level++)
		if (a >= 0 && a == area(r, r->asked, level))
			return 1;
	for (i = 0; i < r->ncmp; i++)
		if (a == r->cmp[i])
			return 1;
	return 0;
}

/*
 * A cell the report published before showed as <N at a cut date of this
 * one, shown now: the data changed (a correction), and one who knows how
 * (a record added) tells its value then from this one (review D, D4).
 * Not where another report published shows it as this one does (known):
 * that one's run said so, and every run after would say it again.
 */
static void
small_shown(struct report *r)
{
	struct cell *c, *e = NULL;
	char what[160], msg[PATH_MAX + 700], name[PATH_MAX + 64];
	size_t i, ncells = (size_t)r->narea * (size_t)r->ndates * (size_t)r->nfigs;
	int n = 0;

	for (i = 0, c = r->cells; i < ncells; i++, c++)
		if (c->was_small && !c->hidden && !c->known && on_page(r, c) && n++ == 0)
			e = c;
	if (n == 0)
		return;
	cell_what(r, e, 0, what);
	snprintf(msg, sizeof msg, "-n %ld: %s was hidden as small in %s, published "
	    "before, and is shown now (%d cells in all): whoever knows what changed "
	    "between the two (a record corrected) can tell its value then",
	    r->threshold, what, published_name(r, name), n);
	tell(r, msg, r->strict);
}

/*
 * A count a report published before showed that this one hides: keeping it
 * shown left a small cell exposed (suppress.c, let_go()). No value is given
 * away by it (earlier_check() audits the two together), but a reader sees
 * a number go: a warning (review M, M4). Not a matrix sum only known as
 * such a level (the next half-year's row sum: review R, R1).
 */
static void
shown_hidden(struct report *r)
{
	struct cell *c, *e = NULL;
	char what[160], name[PATH_MAX + 64];
	size_t i;
	int n = 0;

	for (i = 0; i < cells_all(r); i++)
		if ((c = cell_i(r, i))->seen && c->hidden && on_page(r, c) && n++ == 0)
			e = c;
	if (n == 0)
		return;
	cell_what(r, e, 0, what);
	warn("-n %ld: %s, shown in %s, published before, is hidden now (%d counts in all, "
	    "with their shares and rates): kept shown, it would give a small cell away",
	    r->threshold, what, published_name(r, name), n);
}

/*
 * audit_known() over what a reader holds: this page and the reports
 * published before. With -k a cell of other pages only, and of none of
 * those, is hidden while it runs, blind (0 or more: its reader sees no
 * marker of it, <N or ..): a run of 101 after 169's page warned that 258 of
 * Høje-Taastrup's flows could be worked out, from 169's figure 8 and
 * matrices, which 101's page does not show, and -W failed it (review R,
 * R2). Cells of other pages worked out from this one and those published
 * are still counted.
 */
static int
audit_page(struct report *r, struct cell **e, int *t)
{
	size_t i, n = 0;
	struct { struct cell *c; unsigned hidden, blind; } *off = emalloc(sizeof *off *
	    (cells_all(r) + 1));
	struct cell *c;
	int found;

	for (i = 0; r->asked >= 0 && i < cells_all(r); i++) {
		c = cell_i(r, i);
		if (c->has && !c->virt && !c->known && !on_page(r, c)) {
			off[n].c = c, off[n].hidden = c->hidden, off[n++].blind = c->blind;
			c->hidden = c->blind = 1;
		}
	}
	found = audit_known(r, e, t);
	while (n-- > 0)
		off[n].c->hidden = off[n].hidden, off[n].c->blind = off[n].blind;
	free(off);
	return found;
}

void
earlier_check(struct report *r)
{
	struct cell *c, *e = NULL;
	char what[160], msg[PATH_MAX + 700], name[PATH_MAX + 64];
	size_t i;
	int n = 0, t = 0, any = 0;

	small_shown(r);
	shown_hidden(r);
	for (i = 0; i < cells_all(r) && !any; i++)
		any = (c = cell_i(r, i))->known && c->hidden;
	/* what this report alone leaves narrowed (said by left_exposed()) is
	 * not the earlier reports' doing, unless together they pin it (review
	 * V, V1: small-5 failed -W for a cell of its own) */
	for (i = 0; i < (size_t)r->nstuck; i++)
		if (r->stuck[i].c)
			r->stuck[i].c->alone = 1;
	if (any)
		n = audit_page(r, &e, &t);
	for (i = 0; i < (size_t)r->nstuck; i++)
		if (r->stuck[i].c)
			r->stuck[i].c->alone = 0;
	earlier_forget(r);
	if (n == 0)
		return;
	cell_what(r, e, t, what);
	snprintf(msg, sizeof msg, "-n %ld: with %s, published before, %s %s (%d small "
	    "cells in all): it shows cells this report hides, and the sums of both tell "
	    "them", r->threshold, published_name(r, name), what, left_recovered(e, t) ?
	    "can be worked out" : "is narrowed down (a <N known not to be 0, or a mean)", n);
	tell(r, msg, r->strict_known);
}
