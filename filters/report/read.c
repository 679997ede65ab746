/* read: the figure streams into the cells; zeros where a row means 0. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "report.h"
#include "util.h"

struct fig_row {		/* a row of a figure stream, parsed */
	int area, day, f;
	double t, n;
};

/* Is the current row a header line (the names in another order)? */
static int
row_is_header(const tsv *t)
{
	int i;

	for (i = 0; i < t->ncol; i++)
		if (tsv_find(t, t->f[i]) < 0)
			return 0;
	return 1;
}

/* Is figure f the municipality's own data (13-17, KILDE who5)? */
int
own_data(const struct report *r, int f)
{
	return strcmp(r->figs[f].source, "who5") == 0;
}

/*
 * A figure at a date for which a municipality has no row is 0 (no row is
 * written for a count of 0 or a share whose NAEVNER is 0), so it shows as
 * a suppressed value, never as "no data" (SPEC 4): for a municipality with
 * rows (or -k's), a register figure that some municipality has at some
 * date, or one of whose register (KILDE) a figure has a row at that date
 * (12.1 where nobody has step 2, beside 11: "no data" told that every <N of
 * figure 6 was 0; review U, U6), from the first to the last date its
 * register was read at; or its own figure (13-17) at a date when it sent
 * its own data. Such a cell is marked filled.
 */
/* Did municipality a send its own data (13-17) for date d, filled zeros apart? */
static int
own_sent(struct report *r, int a, int d)
{
	int g;

	for (g = 0; g < r->nfigs; g++)
		if (own_data(r, g) && AT(a, d, g)->has && !AT(a, d, g)->filled)
			return 1;
	return 0;
}

/*
 * 16 and 17 count persons measured at t and at t-1 (SPEC 3): where the
 * municipality sent no own data for the cut date before d, nobody was
 * measured at both, and a reader knows it (N of 16 is at most N of 13 at
 * t-1, shown as no data): no data, not a 0 shown as <N that he pins. At
 * the first cut date (or after a gap) the report knows no t-1: no data
 * either (shown i.t., present.c).
 */
static int
needs_previous(struct report *r, int a, int d, int f)
{
	int id = r->figs[f].id;

	return (id == 1600 || id == 1700) && (d == 0 || r->dates[d] - r->dates[d - 1] > 184 ||
	    !own_sent(r, a, d - 1));
}

/*
 * 13.1 and 13.2 split 13 by the snapshot (who5-bands -s): without it they
 * are not written at all (SPEC 5), so where municipality a has neither at
 * d (13 > 0 has one of them) they are no data, not 0 (<N): 13 = 0 + 0 hid
 * 13 and its twins 15.x everywhere (review Z, Z2); decided for each
 * municipality, one's own stream (-e) not split beside others' split
 * (AA, AA2).
 */
int
split_part(const struct report *r, int f)
{
	return r->figs[f].id == 1301 || r->figs[f].id == 1302;
}

int
unsplit(const struct report *r, int a, int d)
{
	int f;

	for (f = 0; f < r->nfigs; f++)
		if (split_part(r, f) && AT(a, d, f)->has && !AT(a, d, f)->filled)
			return 0;
	return 1;
}

/*
 * Whether figure f may have no row anywhere where its register was read,
 * and a figure of that register (KILDE) has a row, not filled, at date d.
 * Such a figure is 19 (of the accounts: where nobody spent but on
 * prevention, its NAEVNER is 0; 20.1-20.6 share theirs, all the kroner),
 * or one of a later first date than another of its register
 * (6, 9, 10, 12.1, 12.2: nobody on step 2, say where the stair table does
 * not know a real extract's §82 codes). The others are never missing where
 * a figure of their register is there (one filter writes them all), but
 * from a stream made by hand; there they stay "no data".
 */
static int
source_read(struct report *r, int d, int f)
{
	int a, g, later = r->figs[f].id == 1900;

	for (g = 0; g < r->nfigs && !later; g++)
		later = strcmp(r->figs[g].source, r->figs[f].source) == 0 &&
		    r->figs[g].first < r->figs[f].first;
	for (g = 0; g < r->nfigs && later; g++)
		if (strcmp(r->figs[g].source, r->figs[f].source) == 0)
			for (a = 0; a < r->nkom; a++)
				if (AT(a, d, g)->has && !AT(a, d, g)->filled)
					return 1;
	return 0;
}

/*
 * Whether a register figure (acc: of the accounts; else of the snapshot:
 * handic, dream, lpr) has a row at date d in some municipality.
 */
static int
read_at(struct report *r, int d, int acc)
{
	int a, f;

	for (f = 0; f < r->nfigs; f++)
		if (!own_data(r, f) && (strcmp(r->figs[f].source, "regnskab") == 0) == acc)
			for (a = 0; a < r->nkom; a++)
				if (AT(a, d, f)->has)
					return 1;
	return 0;
}

static void
fill_zeros(struct report *r)
{
	int a, d, f, any, acc, read, lo[2] = { r->ndates, r->ndates }, hi[2] = { -1, -1 };
	struct cell *c;

	r->present = ecalloc((size_t)r->nkom, 1);
	for (a = 0; a < r->nkom; a++)	/* -k's: in the report (SPEC 4), rows or not */
		r->present[a] = (char)(has_figures(r, a) || a == r->asked);
	/* a register's figures are 0 only between the first and the last
	 * date it was read at (the snapshot's dates; the accounts' years), not
	 * at a date only the municipalities' own data have */
	for (d = 0; d < r->ndates; d++)
		for (a = 0; a < 2; a++)
			if (read_at(r, d, a)) {
				lo[a] = d < lo[a] ? d : lo[a];
				hi[a] = d;
			}
	for (f = 0; f < r->nfigs; f++) {
		/* a register figure read at some date is 0 where nobody has it */
		for (d = any = 0; d < r->ndates && !any; d++)
			for (a = 0; a < r->nkom && !any; a++)
				any = AT(a, d, f)->has;
		for (d = 0; d < r->ndates; d++) {
			acc = strcmp(r->figs[f].source, "regnskab") == 0;
			if (r->dates[d] < r->figs[f].first || (r->figs[f].yearly && is_june(r, d)) ||
			    (!own_data(r, f) && (d < lo[acc] || d > hi[acc])))
				continue;
			read = !own_data(r, f) && (any || source_read(r, d, f));
			for (a = 0; a < r->nkom; a++) {
				if (!r->present[a] || (c = AT(a, d, f))->has)
					continue;
				if (own_data(r, f) ? own_sent(r, a, d) && !needs_previous(r, a, d, f) &&
				    !(split_part(r, f) && unsplit(r, a, d)) : read) {
					c->has = c->filled = 1;
					c->t = 0;
					c->n = r->figs[f].kind == ART_COUNT ? NAN : 0;
				}
			}
		}
	}
}

/*
 * What is wrong with a share or mean of persons (of admissions: 18) whose
 * TAELLER is t and NAEVNER n, by its definition, with the column (3 or 4)
 * in *col; NULL when nothing is. NAEVNER counts them: a whole number, 1
 * or more. A share's TAELLER is 0 to NAEVNER (a whole number for SMAA_TAL
 * begge, persons or admissions; 11-12.2 sum parts of a year), a mean's 0
 * to 100 points a person. The accounts' shares and ratio (19, 20.x) are
 * kroner of either sign. The own stream (-e) is made by hand: a mean of
 * 7000 points over 62 persons was shown as 112.9 with exit 0, and a share
 * over 100 % or of -40 persons hidden as <5, a small number it is not.
 */
static const char *
out_of_bounds(const struct catfig *fig, double t, double n, int *col)
{
	*col = 4;
	if (fig->kind == ART_RATIO || strcmp(fig->source, "regnskab") == 0)
		return NULL;
	if (n < 1 || n != floor(n))
		return "not a count of persons (18: of admissions), a whole number 1 or more";
	*col = 3;
	if (fig->kind == ART_MEAN && (t < 0 || t > 100 * n))
		return "not a sum of scores of NAEVNER persons (0 to 100 points each)";
	if (fig->kind == ART_SHARE && (t < 0 || t > n))
		return "not 0 to NAEVNER";
	if (fig->small == SMALL_BOTH && t != floor(t))
		return "not a whole number (of persons or admissions)";
	return NULL;
}

/*
 * The largest TAELLER or NAEVNER, either sign: no real figure comes near
 * (the largest are kroner: Copenhagen's accounts, about 2 x 10^9 a year;
 * persons are some millions at most), and a sum of up to 9,000 values of
 * it stays below 2^53, where doubles hold every whole number exactly: the
 * report's sums (a region's and the country's, of 98 municipalities at
 * most) and its audit's hold far fewer. 123456789012345678 was read as
 * ...680 and 1e300 made the country's sum a 63-digit count, with exit 0.
 */
#define FIG_MAX 1e12
#define FIG_MAX_WHY "beyond -10^12 to 10^12 (no real figure is; its sums would not be exact)"

/*
 * One figure row of t: 1 with its municipality area, cut date, figure
 * index and TAELLER/NAEVNER, or 0 when it was rejected or dropped (the
 * repeated header of a concatenated stream, head, is dropped as such).
 */
static int
parse_row(struct report *r, tsv *t, const int *col, const char *head, struct fig_row *x)
{
	int y, m, dd, code, c;
	const char *why;

	if (t->ll == strlen(head) && memcmp(t->lp, head, t->ll) == 0)
		return acct_drop("repeated-header"), 0;
	if (!tsv_split(t))
		return 0;
	if (row_is_header(t))
		return reject(t, -1, "a header line with the columns in another order"), 0;
	if (!(code = kommune_code(t->f[col[0]])))
		return reject(t, col[0], "not a municipality code"), 0;
	x->area = r->kom_at[code] - 1;
	if (!date_parse(t->f[col[1]], &x->day) || !is_cut(x->day))
		return reject(t, col[1], "not a cut date (YYYY-06-30 or YYYY-12-31)"), 0;
	if ((x->f = catalog_index(catalog_parse_id(t->f[col[2]]))) < 0)
		return reject(t, col[2], "not a key figure of the catalogue"), 0;
	civil_from_days(x->day, &y, &m, &dd);
	if (r->figs[x->f].yearly && m != 12)
		return reject(t, col[1], "not 31 December, and the figure is yearly"), 0;
	if (!parse_point(t->f[col[3]], &x->t))
		return reject(t, col[3], "not a number"), 0;
	if (fabs(x->t) > FIG_MAX)
		return reject(t, col[3], FIG_MAX_WHY), 0;
	x->n = NAN;
	if (r->figs[x->f].kind == ART_COUNT) {
		if (x->t < 0 || x->t != floor(x->t))
			return reject(t, col[3], "not a count (a whole number, 0 or more)"), 0;
		if (t->f[col[4]][0] != '\0')
			return reject(t, col[4], "not empty, and the figure is a count"), 0;
	} else if (!parse_point(t->f[col[4]], &x->n))
		return reject(t, col[4], "not a number"), 0;
	else if (fabs(x->n) > FIG_MAX)
		return reject(t, col[4], FIG_MAX_WHY), 0;
	else if (x->n == 0)
		return reject(t, col[4], "zero (a ratio with NAEVNER 0 is never written)"), 0;
	else if ((why = out_of_bounds(&r->figs[x->f], x->t, x->n, &c)) != NULL)
		return reject(t, col[c], why), 0;
	if (x->day < r->figs[x->f].first)
		return acct_drop("before-first-valid-date"), 0;
	return 1;
}

/*
 * The rows of t into w->raw[municipality][slot][figure]: a cut date gets a
 * slot when first seen. own: t is the municipality's own stream (-e): its
 * cells are marked, and a bad row there is fatal (not the main input).
 * The header line of a concatenated stream comes again: an exact repeat
 * is dropped as such.
 */
void
rows_read(struct report *r, struct rows *w, tsv *t, int own)
{
	int col[5], i, s;
	size_t hl = 0;
	char *head;
	struct fig_row x;
	struct cell *c;

	if (w->raw == NULL)
		w->raw = ecalloc((size_t)r->nkom * MAXDATE * (size_t)r->nfigs, sizeof *w->raw);
	col[0] = tsv_col(t, "KOMMUNE"), col[1] = tsv_col(t, "DATO");
	col[2] = tsv_col(t, "NOEGLETAL"), col[3] = tsv_col(t, "TAELLER");
	col[4] = tsv_col(t, "NAEVNER");
	for (i = 0; i < t->ncol; i++)
		hl += strlen(t->head[i]) + 1;
	head = emalloc(hl);
	for (i = 0, head[0] = '\0'; i < t->ncol; i++)
		strcat(strcat(head, i ? "\t" : ""), t->head[i]);
	while (tsv_line(t)) {
		if (!parse_row(r, t, col, head, &x))
			continue;
		for (s = 0; s < w->nslot && w->slot_day[s] != x.day; s++)
			;
		if (s == w->nslot) {
			if (w->nslot == MAXDATE)
				die("%s:%ld: more than %d cut dates", t->name, t->line, MAXDATE);
			w->slot_day[w->nslot++] = x.day;
		}
		c = &w->raw[((size_t)x.area * MAXDATE + (size_t)s) * (size_t)r->nfigs + (size_t)x.f];
		if (c->has) {
			reject(t, col[2], "a second row for this KOMMUNE, DATO and NOEGLETAL");
			continue;
		}
		c->t = x.t, c->n = x.n, c->has = 1, c->own = own;
		if (!own)
			acct_wrote(1);
	}
	free(head);
}

/* The rows read into the municipalities' cells, the cut dates sorted; the zeros. */
void
rows_build(struct report *r, const struct rows *w)
{
	int order[MAXDATE], s, a, d, f;

	r->ndates = w->nslot;
	for (s = 0; s < w->nslot; s++)
		r->dates[s] = w->slot_day[s];
	qsort(r->dates, (size_t)r->ndates, sizeof r->dates[0], cmp_int);
	for (s = 0; s < w->nslot; s++)
		order[date_index(r, w->slot_day[s])] = s;
	r->cells = ecalloc((size_t)r->narea * (size_t)(r->ndates ? r->ndates : 1) *
	    (size_t)r->nfigs, sizeof *r->cells);
	for (a = 0; a < r->nkom && w->raw; a++)
		for (d = 0; d < r->ndates; d++)
			for (f = 0; f < r->nfigs; f++)
				*AT(a, d, f) = w->raw[((size_t)a * MAXDATE + (size_t)order[d]) *
				    (size_t)r->nfigs + (size_t)f];
	fill_zeros(r);
}

/* -s: the comparison municipalities, codes separated by commas. */
void
load_compare(struct report *r, const char *list)
{
	char shown[64], **codes = comma_list(list, "-s: an empty municipality code", &r->ncmp);
	int i, code;

	if (r->ncmp > MAXCMP)
		usage_fail("-s: %d municipalities; at most %d", r->ncmp, MAXCMP);
	for (i = 0; i < r->ncmp; i++) {
		if (!(code = kommune_code(codes[i])))
			usage_fail("-s: not a municipality code: %s",
			    show_value(codes[i], shown, sizeof shown));
		r->cmp[i] = r->kom_at[code] - 1;
	}
	free(codes[0]);	/* the items' copy of the list */
	free(codes);
}
