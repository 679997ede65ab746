/* suppress: primary and secondary suppression (SPEC 4), once for every area. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "report.h"
#include "util.h"

/* ---- suppression ---- */

/*
 * The rules (SPEC 4), decided once for every area so that all reports of a
 * run agree. The weight of a cell is its count, or the NAEVNER (persons)
 * of a share or mean; ratios (19, kr. per kr.) are never suppressed.
 *
 * Primary: a weight below the threshold N is hidden (a count of 0 too).
 *
 * Secondary: the report shows values, never TAELLER and NAEVNER of shares,
 * and these sums hold among the values shown:
 *   in an area and date: 7 = 7.1 + 7.2 + 7.3; 12 = 12.1 + 12.2 and
 *     13 = 13.1 + 13.2 (TAELLER and NAEVNER add up); 15.1 + 15.2 + 15.3
 *     and 20.1 + ... + 20.6 are 100 %; 5 is one figure and no sum;
 *   across areas, per figure and date: each group = its municipalities, the
 *     country = all municipalities = its groups and the ungrouped ones.
 * For a count the sum gives a hidden part away exactly ("the group minus
 * the municipality"); for a share it does so once the NAEVNER are known,
 * which a municipality knows of its own data, so shares get the same rule
 * on their NAEVNER. check_sum() says when a sum is safe; a sum that is not
 * hides its smallest part shown (first in code order on ties), or its total
 * when no part is left, until it is safe. The sums are taken in the order
 * inside an area, then each group, then the country (the local choice
 * first, so a country-wide sum does not hide a cell a group sum would make
 * needless), and again until nothing changes; each step hides a cell, so
 * it ends. Not covered: sums across cut dates (the
 * levels and the moves are no exact balance), and narrower intervals that
 * several sums together could give.
 */
static const int sums[][7] = {	/* total, parts, 0; total 0: 100 % */
	{ 700, 701, 702, 703, 0 },
	{ 1200, 1201, 1202, 0 },
	{ 1300, 1301, 1302, 0 },
	{ 0, 1501, 1502, 1503, 0 },
	{ 0, 2001, 2002, 2003, 2004, 2005, 2006 },
};

static double
weight(const struct cell *c, int kind)
{
	return kind == ART_COUNT ? c->t : c->n;
}

static void
add_part(struct report *r, struct cell *c)
{
	if (r->nrelpart == r->partcap) {
		r->partcap = r->partcap ? 2 * r->partcap : 4096;
		r->relpart = erealloc(r->relpart, sizeof *r->relpart * (size_t)r->partcap);
	}
	r->relpart[r->nrelpart++] = c;
}

static void
add_rel(struct report *r, struct cell *total, int kind, int off)
{
	if (r->nrels == r->relcap) {
		r->relcap = r->relcap ? 2 * r->relcap : 1024;
		r->rels = erealloc(r->rels, sizeof *r->rels * (size_t)r->relcap);
	}
	r->rels[r->nrels].total = total;
	r->rels[r->nrels].kind = kind;
	r->rels[r->nrels].off = off;
	r->rels[r->nrels++].n = r->nrelpart - off;
}

static void
build_sums(struct report *r)
{
	int a, d, f, g, i, j, off, tf;

	for (a = 0; a < r->narea; a++)
		for (d = 0; d < r->ndates; d++)
			for (i = 0; i < (int)(sizeof sums / sizeof sums[0]); i++) {
				tf = sums[i][0] ? catalog_index(sums[i][0]) : -1;
				if ((sums[i][0] && tf < 0) || catalog_index(sums[i][1]) < 0)
					continue;
				off = r->nrelpart;
				for (j = 1; j < 7 && sums[i][j]; j++)
					if ((f = catalog_index(sums[i][j])) >= 0)
						add_part(r, AT(a, d, f));
				add_rel(r, tf >= 0 ? AT(a, d, tf) : NULL,
				    r->figs[catalog_index(sums[i][1])].kind, off);
			}
	for (f = 0; f < r->nfigs; f++) {
		if (r->figs[f].kind == ART_RATIO)
			continue;
		for (d = 0; d < r->ndates; d++) {
			for (g = r->nkom; g < r->land; g++) {
				off = r->nrelpart;
				for (a = 0; a < r->nkom; a++)
					if (r->group_of[a] == g)
						add_part(r, AT(a, d, f));
				add_rel(r, AT(g, d, f), r->figs[f].kind, off);
			}
			off = r->nrelpart;
			for (a = 0; a < r->nkom; a++)
				add_part(r, AT(a, d, f));
			add_rel(r, AT(r->land, d, f), r->figs[f].kind, off);
			if (r->ngroups == 0)
				continue;
			off = r->nrelpart;
			for (a = r->nkom; a < r->land; a++)
				add_part(r, AT(a, d, f));
			for (a = 0; a < r->nkom; a++)
				if (r->group_of[a] < 0)
					add_part(r, AT(a, d, f));
			add_rel(r, AT(r->land, d, f), r->figs[f].kind, off);
		}
	}
}

/*
 * One sum: 1 if it had to hide one more cell. A reader knows a primary
 * cell weighs 0..N-1 and a secondary one N or more (it was shown-worthy).
 * With s the weight of the hidden parts, P primary and S secondary ones,
 * no part is pinned when there are two or more, s >= N, and s < P(N-1)
 * when all are primary (else all are N-1; s = 0: all are 0), s > S*N when
 * some are secondary (else the primary ones are 0, the others N). A hidden
 * total needs a hidden part (else it is the sum of the parts shown). Parts
 * of 100 % need any number of hidden parts but one.
 */
static int
check_sum(struct report *r, const struct rel *rel)
{
	struct cell **p = r->relpart + rel->off, *best = NULL;
	double s = 0, w, n = (double)r->threshold;
	int i, np = 0, ns = 0;

	if (rel->total && !rel->total->has)
		return 0;
	for (i = 0; i < rel->n; i++) {
		if (!p[i]->has)
			continue;
		w = weight(p[i], rel->kind);
		if (p[i]->hidden) {
			s += w;
			if (p[i]->primary)
				np++;
			else
				ns++;
		} else if (best == NULL || w < weight(best, rel->kind))
			best = p[i];
	}
	if (rel->total == NULL) {
		if (np + ns != 1)
			return 0;
	} else if (rel->total->hidden) {
		if (np + ns > 0 || best == NULL)
			return 0;
	} else if (np + ns == 0 || (np + ns >= 2 && s >= n &&
	    (ns > 0 ? s > ns * n : s < np * (n - 1))))
		return 0;
	if (best != NULL)
		best->hidden = 1;
	else if (rel->total && !rel->total->hidden)
		rel->total->hidden = 1;
	else
		return 0;
	return 1;
}

void
suppress(struct report *r)
{
	struct cell *c;
	int a, d, f, i, changed;

	if (r->threshold <= 0)
		return;
	for (a = 0; a < r->narea; a++)
		for (d = 0; d < r->ndates; d++)
			for (f = 0; f < r->nfigs; f++) {
				c = AT(a, d, f);
				c->hidden = c->primary = c->has && r->figs[f].kind != ART_RATIO &&
				    weight(c, r->figs[f].kind) < r->threshold;
			}
	build_sums(r);
	do {		/* each sum made safe before the next is looked at */
		changed = 0;
		for (i = 0; i < r->nrels; i++)
			while (check_sum(r, &r->rels[i]))
				changed = 1;
	} while (changed);
}
