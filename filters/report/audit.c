/*
 * audit: what a reader can tell of the hidden cells from every sum the
 * tables show, by interval propagation, and the helpers suppress.c shares
 * with it (see the comment at the top of suppress.c).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "util.h"

double
weight(const struct cell *c, int kind)
{
	return kind == ART_COUNT ? c->t : c->n;
}

/* Is rel a sum inside a custom group (-g)? Those are left to hide_groups(). */
int
in_custom(const struct report *r, const struct rel *rel)
{
	return rel->area >= r->nkom + r->nregions && rel->area != r->land;
}

/* Does the sum hold: a total with data, and parts available at that date? */
int
holds(const struct rel *rel, struct cell **p)
{
	int i;

	if (rel->total && !rel->total->has)
		return 0;
	for (i = 0; i < rel->n; i++)
		if (p[i]->has)
			return 1;
	return 0;	/* the parts are not available yet: no sum */
}

/* What a reader knows of a hidden cell's weight: [*lo, *hi], by its figure's rule. */
void
reader_bounds(const struct report *r, const struct cell *c, double *lo, double *hi)
{
	double n = (double)r->threshold;

	if (c->virt) {
		*lo = 0, *hi = INFINITY;
		return;
	}
	*lo = c->primary ? 0 : c->small == SMALL_BOTH ? 2 * n : n;
	*hi = c->primary && c->small != SMALL_BOTH ? n - 1 : INFINITY;
}

/*
 * Is hidden cell c exposed by bounds [lo, hi] on its weight: pinned, or a
 * <N count known to be 0 or known not to be. The N of a share or mean only
 * when pinned: where a hidden region holds nothing but <N members, its ..
 * (N or more) tells that they are not all 0, and nothing is left to hide.
 * A cell never shown (virt) is exposed only when it is a small count
 * (flows.c's steps 3 and 4): the total of all flows is no secret.
 */
int
exposed(const struct cell *c, double lo, double hi)
{
	if (c->virt && !c->primary)
		return 0;
	if (hi - lo < 0.5)
		return 1;
	return c->primary && c->small == SMALL_COUNT && (lo >= 1 || hi < 1);
}

/*
 * The shown cell to hide next in a sum: in a sum across areas its total
 * (a group or the country: a municipality keeps its own figures, and the
 * national preset hides fewer cells so), else the smallest part shown
 * (first in code order on ties), else the total.
 */
struct cell *
choose(const struct rel *rel, struct cell **p)
{
	struct cell *best = NULL;
	int i;

	if (rel->area < 0 && rel->total && rel->total->has && !rel->total->hidden)
		return rel->total;
	for (i = 0; i < rel->n; i++)
		if (p[i]->has && !p[i]->hidden && (best == NULL ||
		    weight(p[i], rel->kind) < weight(best, rel->kind)))
			best = p[i];
	if (best == NULL && rel->total && rel->total->has && !rel->total->hidden)
		best = rel->total;
	return best;
}

/* The bounds a sum works on for cell c, its total or a part: weight or TAELLER. */
static double *
bound(struct cell *c, const struct rel *rel, int total, int hi)
{
	int t = rel->on_t == 1 || (rel->on_t == 2 && !total);

	return t ? (hi ? &c->thi : &c->tlo) : (hi ? &c->hi : &c->lo);
}

/*
 * The sums to take up again: a queue of sums, each once, and for every cell
 * the sums it is in (links[cell's link - 1], then on by next), so that a
 * moved bound wakes only the sums that can use it.
 */
static struct {
	struct link {
		int rel, next;
	} *links;
	int *queue, head, len;
	char *queued;
} work;

static void
wake(struct report *r, const struct cell *c)
{
	int k, i;

	for (k = c->link; k > 0; k = work.links[k - 1].next)
		if (!work.queued[i = work.links[k - 1].rel]) {
			work.queued[i] = 1;
			work.queue[(work.head + work.len++) % r->nrels] = i;
		}
}

/* Narrow c's [*lo, *hi] to [lo, hi] (whole numbers when integral), waking its sums. */
static void
narrow(struct report *r, const struct cell *c, double *lo, double *hi, double l,
    double h, int integral)
{
	int moved = 0;

	if (integral) {
		l = ceil(l - 1e-9);
		h = floor(h + 1e-9);
	}
	if (l > *lo + 1e-9)
		*lo = l, moved = 1;
	if (h < *hi - 1e-9)
		*hi = h, moved = 1;
	if (moved)
		wake(r, c);
}

/*
 * Sum rel, once: the total's bounds from the parts', and each hidden part's
 * from the total's and the others'. A part's lower bound is the total's
 * less the others' upper bounds: those are summed without it (an infinite
 * one counted apart), so a part whose own upper bound is infinite still
 * gets one.
 */
static void
propagate_rel(struct report *r, const struct rel *rel)
{
	struct cell **p = r->relpart + rel->off, *t = rel->total;
	double sl, sh, plo, phi, others;
	int j, ninf;

	for (j = 0, sl = sh = 0, ninf = 0; j < rel->n; j++)
		if (p[j]->has) {
			sl += *bound(p[j], rel, 0, 0);
			if (isinf(*bound(p[j], rel, 0, 1)))
				ninf++;
			else
				sh += *bound(p[j], rel, 0, 1);
		}
	narrow(r, t, bound(t, rel, 1, 0), bound(t, rel, 1, 1), sl, ninf ? INFINITY : sh,
	    rel->integral);
	for (j = 0; j < rel->n; j++) {
		if (!p[j]->has || !p[j]->hidden)
			continue;
		plo = *bound(p[j], rel, 0, 0), phi = *bound(p[j], rel, 0, 1);
		others = ninf - (isinf(phi) != 0) > 0 ? INFINITY : sh - (isinf(phi) ? 0 : phi);
		narrow(r, p[j], bound(p[j], rel, 0, 0), bound(p[j], rel, 0, 1),
		    *bound(t, rel, 1, 0) - others, *bound(t, rel, 1, 1) - (sl - plo),
		    rel->integral);
	}
}

static void
link_cell(struct cell *c, int rel, int *n)
{
	work.links[*n].rel = rel;
	work.links[*n].next = c->link;
	c->link = ++*n;
}

/*
 * Interval propagation over the sums with a total until no bound moves: a
 * queue of every sum, and a sum taken up again when a bound of one of its
 * cells moved (the same bounds as sweeping all sums until none moves, in
 * a small part of the time where the flow matrices add many sums). At
 * most 200 times the sums taken up, as the sweeps were at most 200.
 */
static void
propagate(struct report *r)
{
	const struct rel *rel;
	struct cell **p;
	long taken, cap = 200L * r->nrels;
	int i, j, n = 0;

	work.links = emalloc(sizeof *work.links * (size_t)(r->nrelpart + r->nrels + 1));
	work.queue = emalloc(sizeof *work.queue * (size_t)(r->nrels + 1));
	work.queued = ecalloc((size_t)r->nrels + 1, 1);
	work.head = work.len = 0;
	for (i = 0; i < r->nrels; i++) {	/* no cell linked before this audit */
		p = r->relpart + r->rels[i].off;
		if (r->rels[i].total)
			r->rels[i].total->link = 0;
		for (j = 0; j < r->rels[i].n; j++)
			p[j]->link = 0;
	}
	for (i = 0; i < r->nrels; i++) {
		rel = &r->rels[i];
		p = r->relpart + rel->off;
		if (rel->total == NULL || in_custom(r, rel) || !holds(rel, p))
			continue;
		link_cell(rel->total, i, &n);
		for (j = 0; j < rel->n; j++)
			link_cell(p[j], i, &n);
		work.queued[i] = 1;
		work.queue[work.len++] = i;
	}
	for (taken = 0; work.len > 0 && taken < cap; taken++) {
		i = work.queue[work.head];
		work.head = (work.head + 1) % r->nrels;
		work.len--;
		work.queued[i] = 0;
		propagate_rel(r, &r->rels[i]);
	}
	free(work.links);
	free(work.queue);
	free(work.queued);
}

/*
 * Cell c of a sum at the start of the audit: hidden, at a reader's bounds
 * (TAELLER of a hidden share of persons: 0 or more, N or more when it is
 * not small itself); shown, exact.
 */
static void
start_bounds(const struct report *r, struct cell *c, const struct rel *rel, int total)
{
	double *lo = bound(c, rel, total, 0), *hi = bound(c, rel, total, 1);
	int t = lo == &c->tlo;

	if (!c->hidden)
		*lo = *hi = t ? c->t : weight(c, rel->kind);
	else if (t)
		*lo = c->primary ? 0 : (double)r->threshold, *hi = INFINITY;
	else
		reader_bounds(r, c, lo, hi);
}

/* Every cell of the sums at its start bounds. */
static void
audit_start(struct report *r)
{
	struct cell **p;
	int i, j;

	for (i = 0; i < r->nrels; i++) {
		p = r->relpart + r->rels[i].off;
		if (r->rels[i].total)
			start_bounds(r, r->rels[i].total, &r->rels[i], 1);
		for (j = 0; j < r->rels[i].n; j++)
			start_bounds(r, p[j], &r->rels[i], 0);
	}
}

/* Is hidden cell c exposed, on the bounds sum rel works on? TAELLER: pinned only. */
static int
exposed_in(struct cell *c, const struct rel *rel, int total)
{
	double lo = *bound(c, rel, total, 0), hi = *bound(c, rel, total, 1);

	if (rel->on_t == 1 || (rel->on_t == 2 && !total))
		return hi - lo < 0.5;
	return exposed(c, lo, hi);
}

/*
 * The audit: every hidden weight bounded from all sums together; in each
 * sum holding an exposed cell one more cell hidden. Returns the cells
 * hidden.
 */
int
audit(struct report *r)
{
	struct cell **p, *c;
	int i, j, hid = 0, bad;

	audit_start(r);
	propagate(r);
	for (i = 0; i < r->nrels; i++) {
		p = r->relpart + r->rels[i].off;
		if (r->rels[i].total == NULL || in_custom(r, &r->rels[i]) || !holds(&r->rels[i], p))
			continue;
		for (j = -1, bad = 0; j < r->rels[i].n && !bad; j++) {
			c = j < 0 ? r->rels[i].total : p[j];
			bad = c->has && c->hidden && exposed_in(c, &r->rels[i], j < 0);
		}
		if (bad && (c = choose(&r->rels[i], p)) != NULL)
			c->hidden = 1, hid++;
	}
	return hid;
}

