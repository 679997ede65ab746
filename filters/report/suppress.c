/* suppress: primary and secondary suppression (SPEC 4), once for every area. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "report.h"
#include "util.h"

/*
 * The rules (SPEC 4), decided once for every area so that all reports of a
 * run agree, and with the regions whatever the groups (-g), so that which
 * municipality cells are hidden never depends on -g. The weight of a cell
 * is its count, or the NAEVNER (persons, admissions, kr.) of a share or
 * mean; ratios (19, kr. per kr.) are never suppressed.
 *
 * Primary (the catalogue's SMAA_TAL): a count below the threshold N, a
 * share or mean whose NAEVNER is below N, a share of persons or events
 * (15.1-15.3, 16, 17, 18) whose TAELLER or NAEVNER - TAELLER is below N;
 * and every cell that is 0 because it has no row (fill_zeros()).
 *
 * Secondary: these sums hold among the values shown, and with N beside a
 * share or mean, among their weights:
 *   in an area and date: 7 = 7.1 + 7.2 + 7.3; 12 = 12.1 + 12.2 and
 *     13 = 13.1 + 13.2 (TAELLER and NAEVNER add up); 15.1 + 15.2 + 15.3
 *     and 20.1 + ... + 20.6 are 100 %; 5 is one figure and no sum;
 *   across areas, per figure and date: each region = its municipalities,
 *     the country = all municipalities = the regions;
 *   a mean's scores (TAELLER, 0-100 points a person) add up as its N does,
 *     and so do a share of persons' fractions of weeks (11-12.2, 0-1 a
 *     person, shown as a per cent: 100 x TAELLER points), audited as a
 *     mean (scores());
 *   N that are one number by definition (twins[]), each pair as a sum of
 *     one part: hidden together, and one quantity for the audit;
 *   for the audit only, 7.1 + 7.2 of each area as one cell never shown
 *     (7 less 7.3), with its sums across areas (pair_sums()).
 * check_sum() makes each sum safe on its own; a sum that is not hides one
 * more cell (choose()) until it is. Then audit() bounds every hidden
 * weight as a reader can from all the sums together (interval propagation
 * from a reader's bounds: <N is 0..N-1, .. is N or more) and, where a
 * hidden weight is pinned, or a <N cell is known to be 0 or known not to
 * be, hides one more cell in each sum that holds it (a sum for the audit
 * only: if none was hidden for it yet; a cell it has just hidden is
 * bounded by the next audit; where no sum holding it has a cell left to
 * hide, a cell of a sum its bound came from, audit.c: trace()); and
 * again until an audit finds nothing. Each step hides a cell, so it
 * ends. A custom group (-g) cell
 * is hidden when a member's is (hide_groups()): what a custom group shows
 * is a sum of values shown. Not covered: sums across cut dates (the levels
 * and the moves are no exact balance).
 */
/*
 * N that are one number by definition (SPEC 3): the persons of 11 and 12
 * (DREAM's population), of 13 and 15.1-15.3 (persons measured), of 16 and
 * 17 (measured at t and t-1). Each pair is a sum of one part, total = part
 * on N: check_sum() hides them together, and the audit carries what one
 * copy tells to the other.
 */

static const int twins[][2] = { { 1100, 1200 }, { 1300, 1501 }, { 1300, 1502 },
	{ 1300, 1503 }, { 1600, 1700 } };

static const int sums[][7] = {	/* total, parts, 0; total 0: 100 % */
	{ 700, 701, 702, 703, 0 },
	{ 1200, 1201, 1202, 0 },
	{ 1300, 1301, 1302, 0 },
	{ 0, 1501, 1502, 1503, 0 },
	{ 0, 2001, 2002, 2003, 2004, 2005, 2006 },
};

static int
is_primary(const struct report *r, const struct cell *c, int f)
{
	double n = (double)r->threshold;

	if (!c->has)
		return 0;
	if (c->filled)
		return 1;
	switch (r->figs[f].small) {
	case SMALL_COUNT:
		return c->t < n;
	case SMALL_NAEVNER:
		return c->n < n;
	case SMALL_BOTH:
		return c->t < n || c->n - c->t < n;
	}
	return 0;
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

/* A sum of relpart[off..] (total NULL: 100 %) of cells of one kind, inside area or across (-1). */
static void
new_rel(struct report *r, struct cell *total, int kind, int off, int area, int on_t,
    int integral)
{
	struct rel *rel;

	if (r->nrels == r->relcap) {
		r->relcap = r->relcap ? 2 * r->relcap : 1024;
		r->rels = erealloc(r->rels, sizeof *r->rels * (size_t)r->relcap);
	}
	rel = &r->rels[r->nrels++];
	rel->total = total;
	rel->kind = kind;
	rel->area = area;
	rel->on_t = on_t;
	rel->integral = integral;
	rel->audit_only = 0;
	rel->pct = 0;
	rel->off = off;
	rel->n = r->nrelpart - off;
}

/*
 * Figure f audited as a mean, on its scores: 1, a mean (13-14: TAELLER is
 * 0-100 points a person); 100, a share of persons' fractions of weeks
 * (11-12.2: TAELLER is 0-1 a person, shown as a per cent, so known to the
 * rounding as a mean is: 100 x TAELLER are its points); 0, neither.
 */
static int
scores(const struct report *r, int f)
{
	if (r->figs[f].kind == ART_MEAN)
		return 1;
	return r->figs[f].kind == ART_SHARE && r->figs[f].small == SMALL_NAEVNER &&
	    has_n(r, f) ? 100 : 0;
}

/* A sum of figure f's cells relpart[off..]. */
static void
add_rel_t(struct report *r, struct cell *total, int f, int off, int area, int on_t)
{
	int s = scores(r, f);

	new_rel(r, total, s ? ART_MEAN : r->figs[f].kind, off, area, on_t,
	    on_t ? s != 100 : r->figs[f].kind == ART_COUNT || has_n(r, f));
	r->rels[r->nrels - 1].pct = s == 100;
}

/* A sum of counts inside area that is no key figure's (the flow matrix, flows.c). */
void
add_count_sum(struct report *r, struct cell *total, struct cell **parts, int n, int area)
{
	int off = r->nrelpart, i;

	for (i = 0; i < n; i++)
		add_part(r, parts[i]);
	new_rel(r, total, ART_COUNT, off, area, 0, 1);
}

/*
 * The same, for the audit only: a balance of cells that a reader can add
 * up but that no table shows as one sum (flows.c's balances of a set of
 * steps). check_sum() leaves it: its parts never shown are no cells a
 * reader sees hidden, and each sum it is made of is checked as itself.
 */
void
add_count_balance(struct report *r, struct cell *total, struct cell **parts, int n, int area)
{
	add_count_sum(r, total, parts, n, area);
	r->rels[r->nrels - 1].audit_only = 1;
}

static void
add_rel(struct report *r, struct cell *total, int f, int off, int area)
{
	add_rel_t(r, total, f, off, area, 0);
}

/*
 * For the audit only: total, a cell never shown, is part's weight (the N
 * of figure f), so that a count sum can hold it (flows.c's dream_n()).
 */
void
add_weight_balance(struct report *r, struct cell *total, struct cell *part, int f, int area)
{
	int off = r->nrelpart;

	add_part(r, part);
	add_rel(r, total, f, off, area);
	r->rels[r->nrels - 1].audit_only = 1;
}

/*
 * The same parts again, on TAELLER: a share of persons shown with its N
 * gives its persons (share x N), which add up like the N.
 */
static void
again_on_t(struct report *r, struct cell *total, int f, int area, int on_t)
{
	int off = r->nrelpart, i, from = r->rels[r->nrels - 1].off, n = r->rels[r->nrels - 1].n;

	for (i = 0; i < n; i++)
		add_part(r, r->relpart[from + i]);
	add_rel_t(r, total, f, off, area, on_t);
}

/*
 * A mean's sum again on its scores (TAELLER, 0-100 points a person) and on
 * their shortfall from 100 (100 x N - TAELLER): both add up like N, and
 * the reader knows them to the rounding of a mean shown with its N.
 */
static void
scores_too(struct report *r, struct cell *total, int f, int area)
{
	again_on_t(r, total, f, area, 1);
	again_on_t(r, total, f, area, 3);
}

/* The sums inside every area (custom groups' too: hide_groups() uses them). */
static void
area_sums(struct report *r)
{
	int a, d, f, i, j, off, tf, s;

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
				f = catalog_index(sums[i][1]);
				add_rel(r, tf >= 0 ? AT(a, d, tf) : NULL, f, off, a);
				if (tf < 0 && r->figs[f].small == SMALL_BOTH)	/* 15.x: persons = N */
					again_on_t(r, AT(a, d, f), f, a, 2);
				if (tf >= 0 && scores(r, f))	/* 13 = 13.1 + 13.2, 12 = 12.1 + 12.2 */
					scores_too(r, AT(a, d, tf), f, a);
			}
	for (a = 0; a < r->narea; a++)	/* a mean's scores and shortfall: 100 x N */
		for (d = 0; d < r->ndates; d++)
			for (f = 0; f < r->nfigs; f++)
				if ((s = scores(r, f)) != 0) {
					off = r->nrelpart;
					add_part(r, AT(a, d, f));
					new_rel(r, AT(a, d, f), ART_MEAN, off, a, 4, 0);
					r->rels[r->nrels - 1].pct = s == 100;
				}
	for (a = 0; a < r->narea; a++)
		for (d = 0; d < r->ndates; d++)
			for (i = 0; i < (int)(sizeof twins / sizeof twins[0]); i++) {
				if ((tf = catalog_index(twins[i][0])) < 0 ||
				    (f = catalog_index(twins[i][1])) < 0)
					continue;
				off = r->nrelpart;
				add_part(r, AT(a, d, f));
				add_rel(r, AT(a, d, tf), tf, off, a);
			}
}

/*
 * A share of persons or events (15.1-15.3, 16, 17, 18) across areas again
 * on its TAELLER and on N less TAELLER: both add up as N does, and a reader
 * who has a group's share and N has them to the rounding. Without the
 * latter, two municipalities' 18 hidden as 100 % (N - TAELLER below N)
 * beside a region of 85.7 % of 70 and a member's 10 of 20 shown were
 * worked out: 50 of 50, each 100 % (review Z, Z1).
 */
static void
persons_too(struct report *r, struct cell *total, int f)
{
	again_on_t(r, total, f, -1, 1);
	again_on_t(r, total, f, -1, 5);
}

/* The sums across areas: each region, the country by municipality and by region. */
static void
cross_sums(struct report *r)
{
	int a, d, f, g, off, reg_end = r->nkom + r->nregions;

	for (f = 0; f < r->nfigs; f++) {
		if (r->figs[f].kind == ART_RATIO)
			continue;
		for (d = 0; d < r->ndates; d++) {
			for (g = r->nkom; g < reg_end; g++) {
				off = r->nrelpart;
				for (a = 0; a < r->nkom; a++)
					if (r->region_of[a] == g)
						add_part(r, AT(a, d, f));
				add_rel(r, AT(g, d, f), f, off, -1);
				if (r->figs[f].small == SMALL_BOTH)
					persons_too(r, AT(g, d, f), f);
				if (scores(r, f))
					scores_too(r, AT(g, d, f), f, -1);
			}
			off = r->nrelpart;
			for (a = 0; a < r->nkom; a++)
				add_part(r, AT(a, d, f));
			add_rel(r, AT(r->land, d, f), f, off, -1);
			if (r->figs[f].small == SMALL_BOTH)
				persons_too(r, AT(r->land, d, f), f);
			if (scores(r, f))
				scores_too(r, AT(r->land, d, f), f, -1);
			off = r->nrelpart;
			for (a = r->nkom; a < reg_end; a++)
				add_part(r, AT(a, d, f));
			add_rel(r, AT(r->land, d, f), f, off, -1);
			if (r->figs[f].small == SMALL_BOTH)
				persons_too(r, AT(r->land, d, f), f);
			if (scores(r, f))
				scores_too(r, AT(r->land, d, f), f, -1);
		}
	}
}

/*
 * 7.1 + 7.2 of an area and date as one cell (virt, never shown), for the
 * audit: 7 less 7.3, which adds up across areas as every figure does, so
 * that the audit bounds the pair's sum where it bounded each alone. In
 * the area 7 = (7.1 + 7.2) + 7.3 and (7.1 + 7.2) = 7.1 + 7.2; across
 * areas as cross_sums(): each region, the country by municipality and by
 * region. The sums are the audit's only (check_sum() leaves them: each
 * is 7's and 7.1's, 7.2's and 7.3's sums, checked as themselves). An
 * integer program found 751's 7.3 (<3) at 2022-06-30 of synth -S small
 * -s 1 at -n 3 known not to be 0: the country's 7 = 14 less the regions'
 * shown (3, 3, 3; Sjælland <3) left Region Midtjylland's 7 at most 5, its
 * 7.3 (..) 3 or more, so its 7.1 + 7.2 at most 2, and 751's with them;
 * 751's 7 (3) less them is 1 or more. The audit bounded 751's 7.1 and
 * 7.2 each (at most 2), never their sum. The sums here and above depend
 * on the layout alone, the pairs' cells on 7.1 and 7.2 (reuse.c: take()).
 */
static void
pair_sums(struct report *r)
{
	int f7 = catalog_index(700), f1 = catalog_index(701), f2 = catalog_index(702),
	    f3 = catalog_index(703), a, d, g, n, reg_end = r->nkom + r->nregions;
	struct cell *c, **part;

	if (f7 < 0 || f1 < 0 || f2 < 0 || f3 < 0)
		return;
#define PAIR(a, d) (&r->pair[(size_t)(d) * (size_t)r->narea + (size_t)(a)])
	r->pair = ecalloc((size_t)r->narea * (size_t)(r->ndates ? r->ndates : 1), sizeof *r->pair);
	part = emalloc(sizeof *part * (size_t)(r->narea + 2));
	for (a = 0; a < r->narea; a++)
		for (d = 0; d < r->ndates; d++) {
			if (a >= reg_end && a != r->land)
				continue;	/* a custom group's: hide_groups() */
			c = PAIR(a, d);
			c->has = AT(a, d, f1)->has || AT(a, d, f2)->has;
			c->hidden = c->virt = 1;
			c->small = SMALL_COUNT;
			c->t = AT(a, d, f1)->t + AT(a, d, f2)->t;
			part[0] = AT(a, d, f1), part[1] = AT(a, d, f2);
			add_count_balance(r, c, part, 2, a);
			part[0] = c, part[1] = AT(a, d, f3);
			add_count_balance(r, AT(a, d, f7), part, 2, a);
		}
	for (d = 0; d < r->ndates; d++) {
		for (g = r->nkom; g < reg_end; g++) {
			for (a = 0, n = 0; a < r->nkom; a++)
				if (r->region_of[a] == g)
					part[n++] = PAIR(a, d);
			add_count_balance(r, PAIR(g, d), part, n, -1);
		}
		for (a = 0; a < r->nkom; a++)
			part[a] = PAIR(a, d);
		add_count_balance(r, PAIR(r->land, d), part, r->nkom, -1);
		for (a = r->nkom; a < reg_end; a++)
			part[a - r->nkom] = PAIR(a, d);
		add_count_balance(r, PAIR(r->land, d), part, r->nregions, -1);
	}
	free(part);
#undef PAIR
}

/*
 * One sum on its own: 1 if it had to hide one more cell. 100 %: not one
 * hidden part alone. A hidden total: a hidden part (else it is the sum of
 * the parts shown). A total shown: no hidden part, or two or more that
 * weigh N or more together, none of them exposed by the sum of the hidden
 * ones and the reader's bounds of the others, nor, for a mean, by their
 * scores (mean_exposed_alone()).
 */
static int
check_sum(struct report *r, const struct rel *rel)
{
	struct cell **p = r->relpart + rel->off, *c;
	double s = 0, lo, hi, sl = 0, sh = 0;
	int i, nh = 0, bad = 0;

	if (!holds(rel, p) || (rel->total && rel->total->virt) || rel->audit_only)
		return 0;	/* a sum never shown: the audit's */
	for (i = 0; i < rel->n; i++)
		if (p[i]->has && p[i]->hidden) {
			s += weight(p[i], rel->kind);
			reader_bounds(r, p[i], &lo, &hi);
			sl += lo, sh += hi, nh++;
		}
	if (rel->total == NULL)
		bad = nh == 1;
	else if (rel->total->hidden)
		bad = nh == 0;
	else if (nh > 0) {
		bad = nh == 1 || s < (double)r->threshold;
		for (i = 0; i < rel->n && !bad; i++)
			if (p[i]->has && p[i]->hidden) {
				reader_bounds(r, p[i], &lo, &hi);
				bad = exposed(r, p[i], fmax(lo, s - (sh - hi)),
				    fmin(hi, s - (sl - lo)));
			}
		if (!bad && rel->kind == ART_MEAN)
			bad = mean_exposed_alone(r, rel, p);
	}
	if (!bad || (c = choose(rel, p)) == NULL)
		return 0;
	hide(c);
	return 1;
}

/*
 * Every sum safe on its own, and again until nothing changes. A sum is
 * looked at again only when a cell of it was hidden since (sum_dirty()):
 * check_sum() depends on its cells alone, so passing over the others
 * changes nothing, and the sums are still taken in their order, sweep
 * after sweep, as when every sum was.
 */
static void
local_pass(struct report *r)
{
	int i, changed;

	do {		/* each sum made safe before the next is looked at */
		changed = 0;
		for (i = 0; i < r->nrels; i++)
			if (sum_dirty(i))
				while (!in_custom(r, &r->rels[i]) && !r->rels[i].on_t &&
				    check_sum(r, &r->rels[i]))
					changed = 1;
	} while (changed);
}

/*
 * A custom group's cell is hidden when a member's is: what a custom group
 * shows is then a sum of values shown. Its sums inside the group need no
 * more: each mirrors the same sum in every member, where a hidden cell
 * never stands alone (check_sum()).
 */
static void
hide_groups(struct report *r)
{
	int a, d, f, g;

	for (a = 0; a < r->nkom; a++)
		if ((g = r->group_of[a]) >= r->nkom + r->nregions)
			for (d = 0; d < r->ndates; d++)
				for (f = 0; f < r->nfigs; f++)
					if (AT(a, d, f)->hidden && AT(g, d, f)->has)
						AT(g, d, f)->hidden = 1;
}

int
cell_area(const struct report *r, const struct cell *c)
{
	size_t i = (size_t)(c - r->cells), n = (size_t)r->narea * (size_t)r->ndates;

	if (c >= r->cells && i < n * (size_t)r->nfigs)
		return (int)(i % (size_t)r->narea);
	return flows_area(r, c);
}

void
cell_what(struct report *r, const struct cell *c, int t, char what[160])
{
	size_t i = (size_t)(c - r->cells), n = (size_t)r->narea * (size_t)r->ndates;
	char day[11];

	if (c < r->cells || i >= n * (size_t)r->nfigs) {
		if (!flows_what(r, c, what))
			snprintf(what, 160, "a count of a flow matrix");
	} else {
		date_fmt(r->dates[i / (size_t)r->narea % (size_t)r->ndates], day);
		snprintf(what, 160, "%sfigure %s of %s at %s", t == 2 ? "N less the persons of " :
		    t ? "the persons of " : "",
		    r->figs[i / n].label, area_name(r, (int)(i % (size_t)r->narea)), day);
	}
}

/*
 * The audit ended with a cell exposed and nothing left to hide for it: the
 * markers alone give it away (synth -S small -s 3 at -n 3: Region
 * Sjælland's 13.1 and 13.2 .., 3 or more each, its only members with data
 * 306, N <3, and 350, 13.1 and 13.2 <3, pin the N of all three). A value
 * recovered (pinned, or a <N known to be 0) fails the report, nothing
 * written; one only narrowed (a <N known not to be 0: two municipalities
 * <3 and their region's sum .., 3 or more) is a warning.
 */
static void
left_exposed(struct report *r)
{
	const struct cell *c = r->left;
	char what[160];

	cell_what(r, c, r->left_t, what);
	if (left_recovered(c, r->left_t))
		die("-n %ld: %s can be worked out from the tables, and no cell is left to hide "
		    "for it (with others, exposed in %d sums whose cells are all hidden: the "
		    "markers <%ld and .. and the sums shown give it away): nothing written; a "
		    "higher -n may do", r->threshold, what, r->nleft, r->threshold);
	warn("-n %ld: %s is narrowed down by the tables (a <%ld known not to be 0, or a mean "
	    "to within %g points), and no cell is left to hide for it (with others, exposed "
	    "in %d sums whose cells are all hidden): written, as no value is given away",
	    r->threshold, what, r->threshold, MEAN_W, r->nleft);
}

/* Local passes and audits until an audit hides nothing more. */
static void
settle(struct report *r)
{
	int n;

	for (n = 0; n == 0 || audit(r) > 0; n++)
		local_pass(r);
}

/*
 * The rules' rounds, from every cell's own state. With an early model
 * (-L: the same rows less the late ones, suppressed before they came),
 * each group of sums that share cells, one with another, whose cells all
 * start as in the early model is taken from it as it ended there
 * (reuse()): such a group's rounds depend on its own cells alone.
 */
static int
rounds(struct report *r, const struct report *early)
{
	struct cell *c;
	int a, d, f, known = 0;

	for (a = 0; a < r->narea; a++)
		for (d = 0; d < r->ndates; d++)
			for (f = 0; f < r->nfigs; f++) {
				c = AT(a, d, f);
				c->hidden = c->primary = is_primary(r, c, f);
				c->small = r->figs[f].small;
			}
	if (r->taken_sums)	/* the early model's (reuse.c) */
		links_take(r, early);
	else {
		area_sums(r);
		cross_sums(r);
		pair_sums(r);
		sums_link(r);
	}
	if (r->npublished)
		known = earlier_mark(r);
	if (early)
		reuse(r, early);
	settle(r);
	return known;
}

/* The rounds again from the cells' own states (primary, held), none reused, every sum audited. */
static void
rounds_again(struct report *r)
{
	size_t i, n = (size_t)r->narea * (size_t)r->ndates * (size_t)r->nfigs;

	for (i = 0; i < n; i++)
		r->cells[i].hidden = r->cells[i].primary || r->cells[i].held;
	for (i = 0; i < r->nfcells; i++)
		if (!r->fcells[i].virt)
			r->fcells[i].hidden = r->fcells[i].primary || r->fcells[i].held;
	free(r->reused);
	r->reused = NULL;
	sums_again(r);
	settle(r);
}

/*
 * Keeping every cell the reports published before showed (-K) left a cell
 * exposed with nothing to hide for it: the known cells of the sums it is
 * left exposed in (the last audit's, pick_left()) are let go, to be hidden
 * if need be, and the rounds run again; the others stay shown. Returns how
 * many were let go: none, and every known cell is (rounds_unkept()). Each
 * round lets one go at least, so it ends. Until 2026-12-07 every known cell
 * was let go at once, and a run of all on synth small-6 at -n 3 after one
 * to 2023-06-30 hid 8 cells the first showed, where 2 needed hiding (review
 * N, N3; M4).
 */
static int
let_go(struct report *r, const struct report *early)
{
	const struct stuck *s = r->stuck, *y = early && r->reused ? early->stuck : NULL;
	int i, j, ns = r->nstuck, n = 0;
	struct cell *c;

	for (i = 0; i < ns + (y ? early->nstuck : 0); i++) {
		const struct stuck *x = i < ns ? &s[i] : &y[i - ns];
		const struct rel *rel = &r->rels[x->rel];

		if (i >= ns && (x->rel >= r->nrels || !r->reused[x->rel]))
			continue;
		for (j = -1; j < rel->n; j++)
			if ((c = j < 0 ? rel->total : r->relpart[rel->off + j]) != NULL &&
			    c->known && !c->freed && !c->hidden)
				c->freed = 1, n++;
	}
	return n;
}

/*
 * Letting go of the known cells of the sums left exposed did not do: the
 * rounds again with none known (as without -K, but the held cells, hidden
 * by a later report published before, stay hidden); earlier_check() then tells
 * what the reports give away together.
 */
static void
rounds_unkept(struct report *r)
{
	earlier_forget(r);
	rounds_again(r);
	earlier_mark(r);	/* for earlier_check() */
}

/* The rounds of a model that a later one (suppress()) takes from. */
void
suppress_early(struct report *r)
{
	if (r->threshold > 0) {
		rounds(r, NULL);
		r->links = sums_free();
	}
}

void
suppress(struct report *r, const struct report *early)
{
	int known;

	if (r->threshold <= 0)
		return;
	known = rounds(r, early);
	pick_left(r, early);
	while (r->nleft > 0 && known > 0 && let_go(r, early) > 0) {
		rounds_again(r);
		pick_left(r, early = NULL);
	}
	if (r->nleft > 0 && known > 0) {
		rounds_unkept(r);
		pick_left(r, NULL);
	}
	if (r->nleft > 0)
		left_exposed(r);
	if (r->npublished)
		earlier_check(r);
	r->links = sums_free();
	hide_groups(r);
}
