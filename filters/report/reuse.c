/*
 * reuse: report -L, the suppression of the early model (the rows but the
 * late ones) taken where the late rows change nothing, and the cells the
 * last audit left exposed (audit.c's), of both models in one order.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "util.h"

/*
 * Reuse the early model's rounds where they hold. The sums fall into
 * groups by the cells they share (one sum's cells lie in no other group);
 * the rules take up a group from its own cells alone (a sum's turn in a
 * pass, the cells it hides, the bounds of the audit), and the one rule
 * that looks across groups (trace() only in a pass that hid nothing) only
 * puts off a group's turn, never changes it. So a group whose sums are the
 * early model's sums on the same cells (by their place: the table, the
 * pairs, the flow matrices), each cell starting as it did there, ends as
 * it did there: its cells take the early model's hidden and bounds (those
 * pick_left() reads), and its sums are left out of the rounds. The others
 * (redo) are taken up.
 */

/* The cells of a model by their place: the table, the pairs, the flow matrices. */
struct places {
	struct cell *at[3];
	size_t n[3];
};

static struct places
places(const struct report *r)
{
	size_t g = (size_t)r->narea * (size_t)r->ndates;

	return (struct places){ { r->cells, r->pair, r->fcells },
		{ g * (size_t)r->nfigs, r->pair ? g : 0, r->fcells ? r->nfcells : 0 } };
}

/* Cell c's index in the array at; beyond any array's end when it is not in it. */
static size_t
index_in(const struct cell *at, const struct cell *c)
{
	return ((uintptr_t)c - (uintptr_t)at) / sizeof *c;
}

/* Cell c's place: its array (0-2) and index, or -1 when it lies in none. */
static int
place(const struct places *w, const struct cell *c, size_t *k)
{
	int i;

	for (i = 0; i < 3; i++)
		if ((*k = index_in(w->at[i], c)) < w->n[i])
			return i;
	return -1;
}

/* Do cell c of r and cell a of the early model lie at the same place? */
static int
same_place(const struct places *pr, const struct cell *c, const struct places *pa,
    const struct cell *a)
{
	size_t k, l;
	int i = place(pr, c, &k);

	return i >= 0 && i == place(pa, a, &l) && k == l;
}

/* Does cell c start as cell a did? */
static int
same_start(const struct cell *c, const struct cell *a)
{
	return c->has == a->has && c->primary == a->primary && c->hid0 == a->hid0 &&
	    c->small == a->small && c->virt == a->virt && c->flow == a->flow &&
	    c->known == a->known && c->held == a->held && c->blind == a->blind && c->t == a->t &&
	    (c->n == a->n || (isnan(c->n) && isnan(a->n)));
}

/* Is sum i of r the early model's sum i, on cells at the same places? */
static int
same_sum(const struct report *r, const struct places *pr, int i, const struct report *early,
    const struct places *pa)
{
	const struct rel *x = &r->rels[i], *y = &early->rels[i];
	struct cell **p = r->relpart + x->off, **q = early->relpart + y->off;
	int j;

	if (x->n != y->n || x->kind != y->kind || x->on_t != y->on_t ||
	    x->integral != y->integral || x->audit_only != y->audit_only ||
	    x->area != y->area || !x->total != !y->total ||
	    (x->total && !same_place(pr, x->total, pa, y->total)))
		return 0;
	for (j = 0; j < x->n; j++)
		if (!same_place(pr, p[j], pa, q[j]))
			return 0;
	return 1;
}

/* Sum i redone, and the sums of its cells, theirs, ...: its group (todo: room for all). */
static void
redo(struct report *r, char *bad, int *todo, int i)
{
	struct cell **p, *c;
	const int *s;
	int j, n = 0;

	if (bad[i])
		return;
	bad[i] = 1, todo[n++] = i;
	while (n > 0) {
		i = todo[--n];
		p = r->relpart + r->rels[i].off;
		for (j = -1; j < r->rels[i].n; j++) {
			if ((c = j < 0 ? r->rels[i].total : p[j]) == NULL || c->redo)
				continue;
			c->redo = 1;
			for (s = sums_of(c); *s >= 0; s++)
				if (!bad[*s])
					bad[*s] = 1, todo[n++] = *s;
		}
	}
}

/*
 * The key figures that the sums' making reads besides the layout: 1-10
 * (flows.c: which cells a matrix's sum holds, and its balances; 7.1 +
 * 7.2's pairs, suppress.c: pair_sums()). take() compares them.
 */
#define TAKE_FIGS 1100

/* Is r's table laid out as the early model's: the same areas, dates and figures? */
static int
same_table(const struct report *r, const struct report *early)
{
	return r->narea == early->narea && r->ndates == early->ndates &&
	    r->nfigs == early->nfigs &&
	    memcmp(r->dates, early->dates, sizeof r->dates[0] * (size_t)r->ndates) == 0;
}

/*
 * -L: the early model's sums taken into r (and its links of cells to sums,
 * links_take()) with the cells beside the table that they hold (7.1 +
 * 7.2's pairs, the flow matrices'), as its rounds left them, where r's
 * table is laid out as its and key figures 1-10, which the sums' making
 * reads (TAKE_FIGS), are the same in both: its sums on r's table, the
 * same by making. reuse() starts again what the late rows change. Made
 * again (and compared, and linked), they were three fifths of the run's
 * tail (national, 2026-12-05). 0: r makes its own.
 */
int
take(struct report *r, const struct report *early)
{
	struct places pa = places(early);
	size_t g = (size_t)r->narea * (size_t)r->ndates, k;
	const struct cell *x, *y;
	struct cell **p;
	int i;

	if (early->links == NULL || !same_table(r, early))
		return 0;
	for (k = 0; k < pa.n[0] && r->figs[k / g].id < TAKE_FIGS; k++)
		if (k % (size_t)r->narea < (size_t)r->nkom && ((x = &r->cells[k])->has !=
		    (y = &early->cells[k])->has || x->t != y->t ||
		    (x->n != y->n && !(isnan(x->n) && isnan(y->n)))))
			return 0;	/* the municipality's figures 1-10 differ */
	r->rels = early->rels, r->nrels = early->nrels, r->relcap = early->relcap;
	r->relpart = early->relpart, r->nrelpart = early->nrelpart, r->partcap = early->partcap;
	r->pair = early->pair, r->fcells = early->fcells, r->nfcells = early->nfcells;
	r->taken_sums = 1;
	for (i = 0; i < r->nrels; i++)	/* the table's cells: r's */
		if (r->rels[i].total && (k = index_in(early->cells, r->rels[i].total)) < pa.n[0])
			r->rels[i].total = &r->cells[k];
	for (p = r->relpart; p < r->relpart + r->nrelpart; p++)
		if ((k = index_in(early->cells, *p)) < pa.n[0])
			*p = &r->cells[k];
	return 1;
}

/* take()'s links: each table cell's as the early model's, at the start of the rounds. */
void
links_take(struct report *r, const struct report *early)
{
	size_t n = places(r).n[0], k;

	for (k = 0; k < n; k++)
		if ((r->cells[k].link = early->cells[k].link) > 0)
			r->cells[k].hid0 = r->cells[k].hidden;
	sums_take(r, r->links = early->links);
}

/*
 * A cell beside the table taken from the early model (take()) in a sum
 * taken up again: as it was made, before any rounds (hid0: its hidden then).
 */
static void
restart(struct cell *c)
{
	c->hidden = c->hid0;
	c->lo = c->hi = c->tlo = c->thi = 0;
	c->lo_by = c->hi_by = 0;
	c->redo = 0;
}

/* Are r's sums laid out as the early model's: as many, over as many cells? */
static int
same_layout(const struct report *r, const struct places *pr, const struct report *early,
    const struct places *pa)
{
	return same_table(r, early) && r->nrels == early->nrels &&
	    r->nrelpart == early->nrelpart && pr->n[1] == pa->n[1] && pr->n[2] == pa->n[2];
}

/*
 * With the early model's sums taken (take()) no sum is compared, and of the
 * cells only the table's: the others are the early model's own, where its
 * rounds left them, and only those of the sums taken up again start anew.
 */
void
reuse(struct report *r, const struct report *early)
{
	struct places pr = places(r), pa = places(early);
	int nj = r->taken_sums ? 1 : 3, *todo, i, j;	/* the arrays compared */
	struct cell *c, *a, **p;
	size_t k;
	char *bad;

	if (!same_layout(r, &pr, early, &pa)) {
		if (r->taken_sums)	/* take() compared the layouts */
			die("internal error: sums taken from a model laid out otherwise");
		return;
	}
	bad = ecalloc((size_t)r->nrels + 1, 1);
	todo = emalloc(sizeof *todo * ((size_t)r->nrels + 1));
	for (i = 0; !r->taken_sums && i < r->nrels; i++)
		if (!same_sum(r, &pr, i, early, &pa))
			redo(r, bad, todo, i);
	for (j = 0; j < nj; j++)	/* a cell in sums that starts otherwise */
		for (k = 0; k < pr.n[j]; k++)
			if ((c = &pr.at[j][k])->link > 0 && !c->redo && !same_start(c, &pa.at[j][k]))
				redo(r, bad, todo, *sums_of(c));
	r->reused = ecalloc((size_t)r->nrels + 1, 1);
	for (i = 0; i < r->nrels; i++)
		if (!bad[i])
			r->reused[i] = 1, sum_skip(i);
		else if (r->taken_sums)
			sum_on(r, i);	/* links_take(): none yet */
	for (j = 0; j < nj; j++)
		for (k = 0; k < pr.n[j]; k++) {
			c = &pr.at[j][k], a = &pa.at[j][k];
			if (c->link > 0 && !c->redo) {
				c->hidden = a->hidden;
				c->lo = a->lo, c->hi = a->hi, c->tlo = a->tlo, c->thi = a->thi;
			}
			c->redo = 0;
		}
	for (i = 0; r->taken_sums && i < r->nrels; i++)
		for (j = -1, p = r->relpart + r->rels[i].off; bad[i] && j < r->rels[i].n; j++)
			if ((c = j < 0 ? r->rels[i].total : p[j]) && c->redo &&
			    place(&pr, c, &k) > 0)	/* beside the table: early's */
				restart(c);
	free(bad);
	free(todo);
}

/*
 * The cell a failure names, of those left: one worked out before one
 * narrowed down, and of those one with a value shown so, not i.t. (a
 * flow of step 2 before its first date, a move at the range's first:
 * review AE, AE4).
 */
static int
named_rank(const struct cell *e, int ont)
{
	return 2 * left_recovered(e, ont) + (e->has && !e->filled && !e->late);
}

/*
 * The cells the last audit left exposed with nothing to hide for them
 * (r->left, the first pinned one first; r->nleft), a reused sum's from
 * the early model's last audit, in the order of the sums, as one audit of
 * all would have them. Not bounds that contradict (figures that disagree:
 * lo above hi), nor steps 3 and 4 as '-' known not to be 0, which '-'
 * says (flows.c).
 */
void
pick_left(struct report *r, const struct report *early)
{
	const struct stuck *s, *x = r->stuck, *y = early && r->reused ? early->stuck : NULL;
	int nx = r->nstuck, ny = y ? early->nstuck : 0;
	struct cell *e;

	for (r->left = NULL, r->nleft = 0; nx > 0 || ny > 0;) {
		if (ny > 0 && (y->rel >= r->nrels || !r->reused[y->rel])) {
			y++, ny--;
			continue;
		}
		if (nx > 0 && (ny == 0 || x->rel < y->rel))
			s = x++, nx--, e = s->c;
		else {
			s = y++, ny--;
			e = s->pos < 0 ? r->rels[s->rel].total :
			    r->relpart[r->rels[s->rel].off + s->pos];
		}
		if (e->lo > e->hi + 0.5 || e->tlo > e->thi + 0.5 || (e->virt && !recovered(e)))
			continue;
		r->nleft++;
		if (r->left == NULL || named_rank(e, s->ont) > named_rank(r->left, r->left_t))
			r->left = e, r->left_t = s->ont;
	}
}
