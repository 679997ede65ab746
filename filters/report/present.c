/*
 * present: what a cell shows, its unit and note, Danish numbers and dates,
 * the themes; the Danish texts of the report.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "report.h"
#include "util.h"

const char *levels[NLEVEL] = { "kommune", "gruppe", "landet" };

const struct theme themes[NTHEME] = {
	{ "trappe", "Indsatstrappen" },
	{ "bevaegelser", "Bevægelser på trappen" },
	{ "beskaeftigelse", "Uddannelse og beskæftigelse" },
	{ "trivsel", "Trivsel og personlig recovery" },
	{ "sundhed", "Sundhed" },
	{ "udgifter", "Udgifter" },
	{ NULL, "Øvrige nøgletal" },	/* a theme not above */
};

/* Shares that split one whole: a bar per area at the latest date. */
const struct family families[NFAMILY] = {
	{ 15, "Fordeling på WHO-5-grupper" },
	{ 20, "Udgifternes fordeling" },
};

/* Does figure f show its N (the persons or admissions of a share or mean)? */
int
has_n(const struct report *r, int f)
{
	return (r->figs[f].kind == ART_SHARE || r->figs[f].kind == ART_MEAN) &&
	    strcmp(r->figs[f].source, "regnskab") != 0;
}

/* The row after rate in figure f's rows (see ROWS_N), -1 after the last. */
int
next_rate(struct report *r, int f, int rate, int rows_n)
{
	if (rate == RATE_NONE && r->pop != NULL && r->figs[f].kind == ART_COUNT)
		return RATE_POP;
	if (rate == RATE_NONE && rows_n && has_n(r, f))
		return RATE_N;
	return -1;
}

static const double tens[] = { 1, 10, 100, 1000 };	/* 10 to the decimals */

/* Decimals shown: counts whole, rates per 10,000 two (they are small), ratios three. */
int
decimals(struct report *r, int f, int rate)
{
	if (rate == RATE_N)
		return 0;
	return rate ? 2 : r->figs[f].kind == ART_COUNT ? 0 : r->figs[f].kind == ART_RATIO ? 3 : 1;
}

/*
 * Does figure f compare t with t-1 (SPEC: the moves 7-10, the WHO-5
 * changes 16 and 17)? At the report's first cut date no such figure has
 * a value: its t-1 is outside the range, no stream writes a row there
 * (fill_zeros() may still fill 16 and 17 with 0 for a municipality that
 * sent its own figures).
 */
static int
needs_previous(const struct catfig *c)
{
	int major = c->id / 100;

	return (major >= 7 && major <= 10) || major == 16 || major == 17;
}

/* Figure f at the first cut date: i.t. unless some municipality has a row read. */
static int
first_without_previous(struct report *r, int d, int f)
{
	int a;

	if (d != 0 || !needs_previous(&r->figs[f]))
		return 0;
	for (a = 0; a < r->nkom; a++)
		if (AT(a, d, f)->has && !AT(a, d, f)->filled)
			return 0;
	return 1;
}

/*
 * What cell (a, d, f) shows: ST_OK with *v the value (shares in percent,
 * counts per 10,000 18-64-year-olds with rate), or why not.
 */
int
cell_state(struct report *r, int a, int d, int f, int rate, double *v)
{
	const struct cell *c;
	double ten;

	*v = NAN;
	if (a < 0)
		return ST_NOGROUP;
	if (r->figs[f].yearly && is_june(r, d))
		return ST_YEARLY;
	if (r->dates[d] < r->figs[f].first || first_without_previous(r, d, f))
		return ST_LATE;
	c = AT(a, d, f);
	/* the N of a hidden share of persons is .. whatever it is: its <N is
	 * TAELLER's; and a rate of a count below N is no rate below N */
	/* a custom group's (-g) hidden cell is .. whatever its size: it is
	 * hidden with its members, outside the audit, and <N against ..
	 * told its own size (review AB, AB2: with the country shown, that
	 * pinned the others at 0) */
	if (c->hidden && a >= r->nkom + r->nregions && a != r->land)
		return ST_HIDDEN2;
	if (c->hidden)
		return c->primary && rate != RATE_POP &&
		    !(rate == RATE_N && r->figs[f].small == SMALL_BOTH) ? ST_HIDDEN : ST_HIDDEN2;
	if (!c->has)
		return ST_NODATA;
	if (rate == RATE_N)
		*v = c->n;
	else if (r->figs[f].kind != ART_COUNT && c->n == 0)
		return ST_EMPTY;	/* filled, -n 0: nobody to count, not "no data" (review U, U1) */
	else if (r->figs[f].kind == ART_COUNT && rate) {
		if (!(POP(a, d) > 0))
			return ST_NOPOP;
		*v = c->t * 10000 / POP(a, d);
	} else
		*v = r->figs[f].kind == ART_COUNT ? c->t : r->figs[f].kind == ART_SHARE ?
		    100 * c->t / c->n : c->t / c->n;
	/* Rounded as shown, in every format: more digits say more about N. */
	ten = tens[decimals(r, f, rate)];
	*v = round(*v * ten) / ten;
	if (*v == 0)
		*v = 0;	/* not -0.000 (review Z, Z5) */
	return ST_OK;
}

const char *
unit_label(struct report *r, int f, int rate, char out[64])
{
	if (rate == RATE_N)
		return strcmp(r->figs[f].source, "lpr") == 0 ? "antal indlæggelser (N)" :
		    "antal personer (N)";
	if (rate)
		return "pr. 10.000 18-64-årige";
	switch (r->figs[f].kind) {
	case ART_COUNT:
		snprintf(out, 64, "antal %s", r->figs[f].unit);
		return out;
	case ART_SHARE:	/* "pct.", or the catalogue's unit when it says pct. of what */
		return strncmp(r->figs[f].unit, "pct.", 4) == 0 ? r->figs[f].unit : "pct.";
	case ART_MEAN:
		return "point (0-100)";
	}
	return "kr. pr. kr.";
}

/* A cell as TSV text: the value, <N, .., i.t. or empty. */
const char *
cell_text(struct report *r, int a, int d, int f, int rate, char out[64])
{
	double v;

	switch (cell_state(r, a, d, f, rate, &v)) {
	case ST_OK:
		snprintf(out, 64, "%.*f", decimals(r, f, rate), v);
		return out;
	case ST_HIDDEN:
		snprintf(out, 64, "<%ld", r->threshold);
		return out;
	case ST_HIDDEN2:
		return "..";
	case ST_LATE:
		return "i.t.";
	}
	return "";
}

static const char *
reason(struct report *r, int s, int f)
{
	static char buf[64];

	switch (s) {
	case ST_LATE:	/* at the first cut date only: it needs t-1 (else before first) */
		if (r->dates[0] >= r->figs[f].first)
			return r->figs[f].id / 100 >= 16 ? "en ændring kræver to målinger" :
			    "en bevægelse kræver to opgørelser";
		return r->figs[f].why_late;
	case ST_YEARLY:
		return "opgøres årligt pr. 31. december";
	case ST_NOGROUP:
		return "kommunen er ikke med i nogen sammenligningsgruppe";
	case ST_NODATA:
		return "ingen data";
	case ST_EMPTY:
		return "nævneren er 0";
	case ST_NOPOP:
		return "ingen befolkningstal";
	case ST_HIDDEN:
		snprintf(buf, sizeof buf, "diskretioneret (<%ld)", r->threshold);
		return buf;
	case ST_OWN:
		return "kommunens egne tal (ikke fra registrene)";
	}
	return "skjult (..) for at beskytte små tal";
}

/* A date in a note: ISO in the TSV, Danish on the page and in the workbook. */
static void
fmt_day(const struct report *r, int day, char out[16])
{
	if (r->dk_notes)
		dk_date(day, out);
	else
		date_fmt(day, out);
}

/*
 * NOTE: for each reason a cell at dates [d0, d1) shows no value, the reason
 * and its dates ("A til B" for a run of three or more columns), joined by "; ".
 */
const char *
note_range(struct report *r, int a, int f, int rate, int d0, int d1)
{
	static char buf[NOTELEN];
	char day[16];
	int st[MAXDATE], s, d, e, any;
	double v;
	size_t o = 0;

	for (d = d0; d < d1; d++)
		if ((st[d] = cell_state(r, a, d, f, rate, &v)) == ST_OK && a < r->nkom &&
		    AT(a, d, f)->own)
			st[d] = ST_OWN;
	buf[0] = '\0';
	for (s = ST_LATE; s < NSTATE; s++) {
		for (d = d0; d < d1 && st[d] != s; d++)
			;
		if (d == d1)
			continue;
		o += (size_t)snprintf(buf + o, NOTELEN - o, "%s%s", o ? "; " : "",
		    reason(r, s, f));
		if (s == ST_YEARLY || s == ST_NOGROUP)
			continue;
		for (any = 0; d < d1 && o < NOTELEN - 64; d = e) {
			if (st[d] != s) {
				e = d + 1;
				continue;
			}
			for (e = d; e < d1 && st[e] == s; e++)
				;
			fmt_day(r, r->dates[d], day);
			o += (size_t)snprintf(buf + o, NOTELEN - o, "%s%s", any++ ? ", " : ": ", day);
			if (e - d >= 3) {
				fmt_day(r, r->dates[e - 1], day);
				o += (size_t)snprintf(buf + o, NOTELEN - o, " til %s", day);
			} else if (e - d == 2) {
				fmt_day(r, r->dates[d + 1], day);
				o += (size_t)snprintf(buf + o, NOTELEN - o, ", %s", day);
			}
		}
	}
	return buf;
}

/* The note of the whole row: every cut date. */
const char *
note(struct report *r, int a, int f, int rate)
{
	return note_range(r, a, f, rate, 0, r->ndates);
}

int
theme_of(struct report *r, int f)
{
	int th;

	for (th = 0; th < NTHEME - 1 && strcmp(themes[th].key, r->figs[f].theme); th++)
		;
	return th;
}

int
theme_used(struct report *r, int th)
{
	int f;

	for (f = 0; f < r->nfigs; f++)
		if (theme_of(r, f) == th)
			return 1;
	return 0;
}

int
family_of(struct report *r, int f)
{
	int i;

	for (i = 0; i < NFAMILY; i++)
		if (r->figs[f].id / 100 == families[i].major && r->figs[f].id % 100 &&
		    r->figs[f].kind == ART_SHARE)
			return i;
	return -1;
}

/* A number the Danish way: 1.234,5 */
const char *
dk_num(double v, int dec, char out[48])
{
	char tmp[48], *p = tmp, *dot;
	size_t o = 0, n, i;

	snprintf(tmp, sizeof tmp, "%.*f", dec, v);
	if (*p == '-')
		out[o++] = *p++;
	dot = strchr(p, '.');
	n = dot ? (size_t)(dot - p) : strlen(p);
	for (i = 0; i < n && o < 40; i++) {
		if (i && (n - i) % 3 == 0)
			out[o++] = '.';
		out[o++] = p[i];
	}
	out[o] = '\0';
	if (dot)
		snprintf(out + o, 48 - o, ",%s", dot + 1);
	return out;
}

const char *
dk_date(int day, char out[16])
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	snprintf(out, 16, "%02d.%02d.%04d", d % 100, m % 100, y % 10000);
	return out;
}

/*
 * The data's vintage and the production date, one line: "Opgørelser
 * 31.12.2017-31.12.2023 · seneste registrering 15.11.2023 · udarbejdet
 * 01.12.2026" (the last two when known: -l, $SOURCE_DATE_EPOCH).
 */
const char *
vintage_text(struct report *r, char *out, size_t size)
{
	char a[16], b[16], c[16];
	size_t o;

	if (r->ndates == 1)	/* not "31.12.2024–31.12.2024" */
		o = (size_t)snprintf(out, size, "Opgørelse %s", dk_date(r->dates[0], a));
	else
		o = (size_t)snprintf(out, size, "Opgørelser %s–%s", dk_date(r->dates[0], a),
		    dk_date(r->dates[r->ndates - 1], b));
	if (r->latest && o < size)
		o += (size_t)snprintf(out + o, size - o, " · seneste registrering i data %s",
		    dk_date(r->latest, c));
	if (r->made_given && o < size)
		snprintf(out + o, size - o, " · udarbejdet %s", dk_date((int)(r->made / 86400), c));
	return out;
}

/* What <N stands for, the page's legend and the sheet Om's (plain text, unescaped). */
void
small_rule(const struct report *r, char *buf, size_t cap)
{
	snprintf(buf, cap, "Små tal er diskretioneret: antal under %ld, andele og gennemsnit "
	    "for under %ld personer og andele, hvor under %ld har – eller ikke har – det, der "
	    "tælles, vises som <%ld (ved en andel altså ikke “under %ld %%”)", r->threshold,
	    r->threshold, r->threshold, r->threshold, r->threshold);
}

/*
 * Where municipality k stands on figure f (rate: per 10,000): at the latest
 * date *d it shows a value *v, the change since the previous cut date (the
 * previous year for a yearly figure; NAN when either is not shown), and its
 * place *pos among the *of municipalities that show a value then (1: the
 * highest). Only values shown enter, so nothing hidden is told. 0 when k
 * shows no value.
 */
int
standing(struct report *r, int k, int f, int rate, int *d, double *v, double *change,
    int *pos, int *of)
{
	double w, p;
	int a, back = r->figs[f].yearly ? 2 : 1;

	for (*d = r->ndates - 1; *d >= 0 && cell_state(r, k, *d, f, rate, v) != ST_OK; --*d)
		;
	if (*d < 0)
		return 0;
	*change = NAN;
	if (*d - back >= 0 && cell_state(r, k, *d - back, f, rate, &p) == ST_OK)	/* as shown */
		*change = round((*v - p) * tens[decimals(r, f, rate)]) / tens[decimals(r, f, rate)];
	for (a = 0, *pos = 1, *of = 0; a < r->nkom; a++)
		if (r->present[a] && cell_state(r, a, *d, f, rate, &w) == ST_OK) {
			++*of;
			*pos += w > *v;
		}
	return 1;
}

/*
 * Whether figure f of municipality k is hidden at a date after d, the date
 * standing() gave: then its latest shown value is no longer the latest
 * (review AK, AK3: 233 at 31.12.2021 stood as "Seneste" beside four dates
 * hidden after a break in the data).
 */
int
hidden_after(struct report *r, int k, int f, int d)
{
	double v;
	int s;

	while (++d < r->ndates)
		if ((s = cell_state(r, k, d, f, 0, &v)) == ST_HIDDEN || s == ST_HIDDEN2)
			return 1;
	return 0;
}

/*
 * How many municipalities show figure f (rate) at date d with value v, as
 * rounded as shown: the ties of a place standing() gives (1 + those above).
 */
int
rank_ties(struct report *r, int d, int f, int rate, double v)
{
	double w;
	int a, n = 0;

	for (a = 0; a < r->nkom; a++)
		n += r->present[a] && cell_state(r, a, d, f, rate, &w) == ST_OK && w == v;
	return n;
}

/*
 * A place in words: "nr. 2 af 98 pr. 10.000 18-64-årige · højeste fjerdedel".
 * Ties share it ("nr. 1–3 af 3"); a quarter is named only with at least 4
 * municipalities and when the tied places all lie in it; under 4 only the
 * first ("højeste") and the last ("laveste") are named, untied.
 */
const char *
rank_text(int pos, int ties, int of, const char *suffix, char *out, size_t size)
{
	static const char *quart[] = { "højeste fjerdedel", "næsthøjeste fjerdedel",
		"næstlaveste fjerdedel", "laveste fjerdedel" };
	const char *word = NULL;
	int last = pos + (ties > 1 ? ties : 1) - 1, o;

	if (of < 2) {	/* "nr. 1 af 1" places nothing */
		snprintf(out, size, "den eneste kommune med et vist tal");
		return out;
	}
	if (of >= 4 && (4 * (pos - 1)) / of == (4 * (last - 1)) / of)
		word = quart[(4 * (pos - 1)) / of];
	else if (of > 1 && of < 4 && pos == last)
		word = pos == 1 ? "højeste" : pos == of ? "laveste" : NULL;
	o = last > pos ? snprintf(out, size, "nr. %d–%d af %d%s", pos, last, of, suffix) :
	    snprintf(out, size, "nr. %d af %d%s", pos, of, suffix);
	if (word && o >= 0 && (size_t)o < size)
		snprintf(out + o, size - (size_t)o, " · %s", word);
	return out;
}

/*
 * Why municipality k shows no value of figure f at any date, in the words
 * of the notes: "ingen viste tal" when some value is hidden (<N, ..), "i.t."
 * when every date is before the figure can be computed, else "ingen data"
 * (a municipality that sent no data must not look like a suppressed one).
 */
const char *
no_value_text(struct report *r, int k, int f)
{
	double v;
	int d, st, late = 1;

	for (d = 0; d < r->ndates; d++) {
		if ((st = cell_state(r, k, d, f, 0, &v)) == ST_HIDDEN || st == ST_HIDDEN2)
			return "ingen viste tal";
		late &= st == ST_LATE || st == ST_YEARLY;
	}
	return late ? "ikke tilgængelig endnu (i.t.)" : "ingen data";
}
