/*
 * kvalitet: the data quality stream (report -q, the output of quality:
 * KOMMUNE DATO INDIKATOR DETALJE VAERDI NAEVNER ADVARSEL) in the report:
 * a "Datakvalitet" section and sheet for the municipality, a mark on each
 * figure whose data carry a warning at a date (the figures from the
 * NOEGLETAL column of share/noegletal/kvalitet.tsv, for spring and
 * udgift-mangler from DETALJE), each explained by the table's FORKLARING,
 * and the national overview page kvalitet.html (-d with html); the sheet
 * and the page are in kvalitet-land.c.
 * Values are shown as shares (VAERDI / NAEVNER in %), never as raw counts;
 * a share (or udgift-mangler's ok) whose NAEVNER is below the threshold, 0
 * included, is shown as <N. A share of persons (of_persons()) is shown as
 * ok or advarsel alone: its NAEVNER is the persons on the stair, a sum of
 * the levels the tables show and hide, and two such shares to 0.1 % left
 * one NAEVNER, so a hidden level (review J, J1: København's figure 3 at
 * 2021-12-31, <5, was 1), or with figure 12's N the persons emigrated or
 * dead all year (J2).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "flows.h"
#include "pnrset.h"
#include "quality.h"
#include "report.h"
#include "util.h"

#define QDATES 7	/* cut dates in one table, as html.c */

struct qrule *kv_rules;
int kv_nrules;
struct qline *kv_rows;
long kv_nrows;
static size_t kv_cap;		/* kv_rows' room */
static char *mark;		/* [area][date][figure]: a warning (figure dates) */
static pnrset *dets;		/* DETALJE's values, each once (a set of strings) */
int kv_loaded;

/* A short Danish name of each indicator (the key when not listed). */
static const char *names[][2] = {
	{ "aaben-slut", "Ydelser uden slutdato" },
	{ "slutmarkoer", "Slutdato 9999-12-31" },
	{ "trin0", "Koder uden trin" },
	{ "overlap", "Dobbelte ydelser" },
	{ "start-efter-udtraek", "Start efter udtræk" },
	{ "s82-mangler", "§ 82-poster mod forventet" },
	{ "spring", "Brud i indberetningen" },
	{ "fundet-dream", "Fundet i DREAM" },
	{ "noegleform-dream", "Personnumre i DREAM" },
	{ "fundet-lpr", "Fundet i LPR" },
	{ "noegleform-lpr", "Personnumre i LPR" },
	{ "fundet-who5", "Fundet i WHO-5" },
	{ "noegleform-who5", "Personnumre i WHO-5" },
	{ "udgift-mangler", "Manglende udgifter" },
};

const char *
kv_name(int i)
{
	size_t j;

	for (j = 0; j < sizeof names / sizeof names[0]; j++)
		if (strcmp(names[j][0], kv_rules[i].thr->ind) == 0)
			return names[j][1];
	return kv_rules[i].thr->ind;
}

/*
 * Is a rule's row a share of persons with an attribute a person may not
 * want known (a psychiatric contact in LPR, found in DREAM, answering
 * WHO-5, each also under a key of another form; two records at once), or
 * records that are persons on a step the tables protect (step 0's codes;
 * the records of § 82, whose 0 says figure 6 is 0)? Then both those with
 * it and those without must reach the threshold, as SPEC 4's shares of
 * persons: 1 of 6 found in LPR beside an N of 6 is one person (1). For
 * § 82 only the records must (2): its NAEVNER is a number expected, and
 * records above it are no persons without (review F, F8: 54 records
 * against 43.2 expected were <5).
 */
static int
of_persons(const char *ind)
{
	static const char *persons[] = { "fundet-lpr", "fundet-dream", "fundet-who5",
	    "noegleform-lpr", "noegleform-dream", "noegleform-who5", "overlap", "trin0" };
	size_t i;

	if (strcmp(ind, "s82-mangler") == 0)
		return 2;
	for (i = 0; i < sizeof persons / sizeof persons[0]; i++)
		if (strcmp(ind, persons[i]) == 0)
			return 1;
	return 0;
}

/*
 * FORKLARING with {GRAENSE} as the table's level, a share in percent
 * ("60 %"): a replaced table's level is the one said (review F, F12).
 */
static char *
explained(const char *text, const struct qthr *u)
{
	const char *at = strstr(text, "{GRAENSE}");
	char num[48], said[64], *out;
	double v = u->level;
	size_t n;

	if (at == NULL)
		return estrdup(text);
	if (u->dir == '>' || u->dir == '<')
		snprintf(said, sizeof said, "%s %%", dk_num(100 * v, 100 * v == round(100 * v) ?
		    0 : 1, num));
	else
		snprintf(said, sizeof said, "%s", dk_num(v, v == round(v) ? 0 : 1, num));
	n = strlen(text) - strlen("{GRAENSE}") + strlen(said) + 1;
	out = emalloc(n);
	snprintf(out, n, "%.*s%s%s", (int)(at - text), text, said, at + strlen("{GRAENSE}"));
	return out;
}

/* The table's rules, as quality read them (q_rules). */
static void
load_rules(void)
{
	const struct qthr *all;
	struct qrule *q;
	int i;

	q_rules(NULL);
	all = q_rule_list(&kv_nrules);
	kv_rules = ecalloc((size_t)kv_nrules, sizeof *kv_rules);
	for (i = 0; i < kv_nrules; i++) {
		q = &kv_rules[i];
		q->thr = &all[i];
		q->text = explained(all[i].text, q->thr);
		q->persons = of_persons(all[i].ind);
		q->spring = strcmp(all[i].ind, "spring") == 0;
	}
}

/*
 * The movement figures at t that a break in a level's step at t changes
 * (SPEC 3: its persons none at t, a move into the step one out of the
 * stair, one staying on it one leaving it): 149 persons on § 85 gone at
 * once were figure 8's 110 "down the stair", the country's best, unmarked
 * (review AD, AD1; the figures counted alike either way left out: review
 * AG, AG6).
 */
static const char *const moves_of_level[] = {
	"7,7.2,8,9,10", "7,7.2,8,9,10", "7,7.1,7.2,7.3,8,9,10", "8,9,10", "8,9,10", "9",
};

/* Does row q (a warning or not) concern figure f? */
static int
affects(const struct qline *q, int f)
{
	const char *ind = kv_rules[q->rule].thr->ind;
	char list[512], *s, *save;
	int level = q->det[0] >= '1' && q->det[0] <= '6' && q->det[1] == '\0' ? q->det[0] - '1' : -1;

	if (strcmp(ind, "spring") == 0 && level >= 0)
		snprintf(list, sizeof list, "%s,%s", q->det, moves_of_level[level]);
	else
		snprintf(list, sizeof list, "%s", strcmp(ind, "spring") == 0 ||
		    strcmp(ind, "udgift-mangler") == 0 ? q->det : kv_rules[q->rule].thr->figs);
	for (s = strtok_r(list, ",", &save); s; s = strtok_r(NULL, ",", &save))
		if (catalog_index(catalog_parse_id(s)) == f)
			return 1;
	return 0;
}

/* Marks the figures a warning row affects at its date, when the report shows it. */
static void
mark_row(struct report *r, const struct qline *q)
{
	int d = date_index(r, q->day), f;

	if (d < 0 || !q->warn)
		return;
	for (f = 0; f < r->nfigs; f++)
		if (affects(q, f))
			mark[((size_t)q->k * (size_t)r->ndates + (size_t)d) * (size_t)r->nfigs +
			    (size_t)f] = 1;
}

/* DETALJE as shown: a figure id is named as such. */
const char *
kv_det(const struct qline *q, char *out, size_t cap)
{
	const char *ind = kv_rules[q->rule].thr->ind;

	snprintf(out, cap, "%s%s", q->det[0] && (strcmp(ind, "spring") == 0 ||
	    strcmp(ind, "udgift-mangler") == 0) ? "nøgletal " : "", q->det);
	return out;
}

static int
by_rule(const void *x, const void *y)
{
	const struct qline *a = *(struct qline *const *)x, *b = *(struct qline *const *)y;

	if (a->rule != b->rule)
		return a->rule < b->rule ? -1 : 1;
	if (a->det_rank != b->det_rank)
		return a->det_rank < b->det_rank ? -1 : 1;
	return (a->day > b->day) - (a->day < b->day);
}

/*
 * Every row's DETALJE as its one copy in dets, and its rank (its row
 * holds the value's id in dets until then): rows sort on a number, not a
 * strcmp() (which took a third of quality_load()).
 */
static void
det_ranks(void)
{
	int *rank = ps_ranks(dets);
	long j;

	for (j = 0; j < kv_nrows; j++) {
		kv_rows[j].det = ps_key(dets, kv_rows[j].det_rank);
		kv_rows[j].det_rank = rank[kv_rows[j].det_rank];
	}
	free(rank);
}

/*
 * quality writes a row only where there is something to count (records of
 * the indicator, levels not all 0, a step-0 code the municipality has), so
 * a blank cell, a date left out or a municipality without rows would tell
 * that a figure shown <N is 0: every municipality gets each (indicator,
 * detail, date) that any municipality has, at VAERDI 0 and NAEVNER 0 where
 * it had none (shown <N, as a small NAEVNER is).
 */
static void
complete(struct report *r)
{
	struct qline **p = emalloc(sizeof *p * (size_t)(kv_nrows + 1)), *keys;
	long i, n = 0, ng = 0, j, *first;
	char *seen;
	int k;

	for (i = 0; i < kv_nrows; i++)
		if (kv_rows[i].k >= 0)	/* else a municipality the report does not hold */
			p[n++] = &kv_rows[i];
	qsort(p, (size_t)n, sizeof *p, by_rule);
	first = emalloc(sizeof *first * (size_t)(n + 2));	/* each key's first row in p */
	for (i = 0; i < n; i++)
		if (i == 0 || by_rule(&p[i - 1], &p[i]) != 0)
			first[ng++] = i;
	first[ng] = n;
	seen = ecalloc((size_t)r->nkom * (size_t)ng + 1, 1);	/* [k][key] */
	for (j = 0; j < ng; j++)
		for (i = first[j]; i < first[j + 1]; i++)
			seen[(size_t)p[i]->k * (size_t)ng + (size_t)j] = 1;
	keys = emalloc(sizeof *keys * (size_t)(ng + 1));	/* copies: kv_rows moves */
	for (j = 0; j < ng; j++)
		keys[j] = *p[first[j]];
	for (k = 0; k < r->nkom; k++)
		for (j = 0; j < ng; j++)
			if (!seen[(size_t)k * (size_t)ng + (size_t)j]) {
				kv_rows = grow(kv_rows, &kv_cap, (size_t)kv_nrows + 1, sizeof *kv_rows);
				kv_rows[kv_nrows] = keys[j];
				kv_rows[kv_nrows].k = k;
				kv_rows[kv_nrows].v = kv_rows[kv_nrows].n = 0;
				kv_rows[kv_nrows++].warn = 0;
			}
	free(keys);
	free(first);
	free(seen);
	free(p);
}

/*
 * The levels spring row q is made of (its figure at t-2 .. t+1 as 0 .. 3,
 * those there are, quality's jump_rows: *has0, *has3), each from[j]..to[j]
 * as the municipality's table shows it: its number, or 0..N-1 where it
 * shows <N; 0 where one is hidden otherwise, its dates are not a half-year
 * apart, or there are fewer than three.
 */
static int
spring_levels(struct report *r, const struct qline *q, double from[4], double to[4],
    int *has0, int *has3)
{
	int f = catalog_index(catalog_parse_id(q->det)), d = date_index(r, q->day), i, j;
	int lo = d - 2 >= 0 ? d - 2 : d - 1, hi = d + 1 < r->ndates ? d + 1 : d;
	double v;

	if (f < 0 || d < 1 || hi - lo < 2)
		return 0;
	for (j = 0; j < 4; j++)
		from[j] = to[j] = 0;
	for (i = lo; i <= hi; i++) {
		j = i - (d - 2);
		if (i > lo && r->dates[i] - r->dates[i - 1] > 184)
			return 0;
		switch (cell_state(r, q->k, i, f, 0, &v)) {
		case ST_OK: from[j] = to[j] = v; break;
		case ST_HIDDEN: to[j] = (double)r->threshold - 1; break;
		default: return 0;
		}
	}
	*has0 = lo == d - 2, *has3 = hi == d + 1;
	return 1;
}

/* Are the levels of spring row q all shown? Its share is a function of them. */
static int
levels_shown(struct report *r, const struct qline *q)
{
	double from[4], to[4];
	int has0, has3, j;

	if (!spring_levels(r, q, from, to, &has0, &has3))
		return 0;
	for (j = 0; j < 4; j++)
		if (from[j] != to[j])
			return 0;
	return 1;
}

/*
 * Does the table tell whether spring row q warns, whatever the levels it
 * shows <N are (0 to N-1 each)? Then its warning is shown, its value not:
 * a delivery that stopped, 149 then <5, warns for any hidden value (review
 * F, F2: the commonest break never reached the report). A level .., or
 * more than 100,000 cases to try, tells nothing.
 */
static int
spring_implied(struct report *r, const struct qline *q)
{
	const struct qrule *u = &kv_rules[q->rule];
	double x[4], from[4], to[4], v, n, cases = 1;
	int has0, has3, j;
	long c;

	if (u->thr->dir == '-' || !spring_levels(r, q, from, to, &has0, &has3))
		return 0;
	for (j = 0; j < 4; j++)
		cases *= to[j] - from[j] + 1;
	if (cases > 100000)
		return 0;
	for (c = 0; c < (long)cases; c++) {
		long rest = c;

		for (j = 0; j < 4; j++) {
			x[j] = from[j] + (double)(rest % (long)(to[j] - from[j] + 1));
			rest /= (long)(to[j] - from[j] + 1);
		}
		v = q_spring(x, has0, has3, &n);
		if (q_warns(u->thr, v, n) != (q->warn != 0))
			return 0;
	}
	return 1;
}

/*
 * Does share of persons q, hidden for a side below the threshold (N: 0 to
 * N-1 of those with the attribute, or of those without), warn or not
 * whatever that side is? Then its verdict is shown, never its share: a
 * total fault (WHO-5's keys all of another form, 0 of 70 found; a delivery
 * twice, 19 of 21 overlapping) warned on no page (review AD, AD2), as F2's
 * break did. NAEVNER below the threshold stays hidden.
 */
static int
persons_implied(struct report *r, const struct qline *q)
{
	const struct qrule *u = &kv_rules[q->rule];
	double n = q->n, thr = (double)r->threshold, c;

	if (u->thr->dir == '-' || n < thr)
		return 0;
	for (c = 0; q->v < thr && c < thr && c <= n; c++)
		if (q_warns(u->thr, c, n) != (q->warn != 0))
			return 0;
	for (c = n; u->persons == 1 && n - q->v < thr && n - c < thr && c >= 0; c--)
		if (q_warns(u->thr, c, n) != (q->warn != 0))
			return 0;
	return 1;
}

/*
 * Is row q shown <N, and its warning not shown (a warning on a hidden
 * value tells something of it): NAEVNER below the threshold (0 too: see
 * complete()), a share of persons with either side below it, or a spring
 * over a level the tables hide.
 */
static int
kv_hidden(struct report *r, const struct qline *q)
{
	double n = (double)r->threshold;

	return r->threshold > 0 && (q->n < n ||
	    (kv_rules[q->rule].persons && (q->v < n ||
	    (kv_rules[q->rule].persons == 1 && q->n - q->v < n))) ||
	    (kv_rules[q->rule].spring && !levels_shown(r, q)));
}

void
quality_load(struct report *r, const char *path)
{
	tsv *t = tsv_open(path, 0);
	int c_k = tsv_col(t, "KOMMUNE"), c_d = tsv_col(t, "DATO");
	int c_i = tsv_col(t, "INDIKATOR"), c_e = tsv_col(t, "DETALJE");
	int c_v = tsv_col(t, "VAERDI"), c_n = tsv_col(t, "NAEVNER");
	int c_w = tsv_col(t, "ADVARSEL"), code;
	const char *det;
	struct qline *q;
	long i;

	load_rules();
	dets = ps_new();
	mark = ecalloc((size_t)r->nkom * (size_t)r->ndates * (size_t)r->nfigs, 1);
	while (tsv_row(t)) {	/* reject() dies: t is not the main input */
		kv_rows = grow(kv_rows, &kv_cap, (size_t)kv_nrows + 1, sizeof *kv_rows);
		q = &kv_rows[kv_nrows];
		if (!(code = kommune_code(t->f[c_k])))
			reject(t, c_k, "not a municipality code");
		if (!date_parse(t->f[c_d], &q->day) || !is_cut(q->day))
			reject(t, c_d, "not a cut date (30 June or 31 December)");
		if ((q->rule = q_rule_index(t->f[c_i])) < 0)
			reject(t, c_i, "not an indicator of kvalitet.tsv");
		if (!parse_point(t->f[c_v], &q->v) || q->v < 0)
			reject(t, c_v, "not a number, 0 or more");
		if (!parse_point(t->f[c_n], &q->n) || q->n < 0)
			reject(t, c_n, "not a number, 0 or more");
		if (strcmp(t->f[c_w], "0") && strcmp(t->f[c_w], "1"))
			reject(t, c_w, "not 0 or 1");
		q->k = r->kom_at[code] - 1;
		q->warn = t->f[c_w][0] == '1';
		/*
		 * noegleform-*'s DETALJE is the kinds of key found there, which
		 * change from date to date: one line of the indicator, not one
		 * per kinds, whose empty cells told that a <N was not 0 (review
		 * r5, 2026-12-06). The kinds stay in kvalitet.tsv.
		 */
		det = strncmp(t->f[c_i], "noegleform-", 11) == 0 ? "" : t->f[c_e];
		q->det_rank = ps_add(dets, det, strlen(det));	/* det_ranks() */
		kv_nrows++;
	}
	tsv_close(t);
	det_ranks();
	complete(r);
	for (i = 0; i < kv_nrows; i++) {
		q = &kv_rows[i];
		q->hide = kv_hidden(r, q) && !(kv_rules[q->rule].persons && persons_implied(r, q));
		if (q->hide && !(kv_rules[q->rule].spring && spring_implied(r, q)))
			q->warn = 0;
		mark_row(r, q);
	}
	kv_loaded = 1;
}

int
quality_mark(struct report *r, int a, int d, int f)
{
	return kv_loaded && a >= 0 && a < r->nkom &&
	    mark[((size_t)a * (size_t)r->ndates + (size_t)d) * (size_t)r->nfigs + (size_t)f];
}

const char *
quality_mark_text(struct report *r, int a, int d, int f, const char *where, char *out,
    size_t cap)
{
	size_t o = (size_t)snprintf(out, cap, "Advarsel om datakvaliteten");
	char *named = ecalloc((size_t)kv_nrules + 1, 1);	/* each indicator once */
	const char *sep = " (";
	long i;

	for (i = 0; i < kv_nrows && o < cap; i++) {
		const struct qline *q = &kv_rows[i];

		if (q->k != a || q->day != r->dates[d] || !q->warn || named[q->rule] ||
		    !affects(q, f))
			continue;
		named[q->rule] = 1;
		o += (size_t)snprintf(out + o, cap - o, "%s%s", sep, kv_name(q->rule));
		sep = ", ";
	}
	free(named);
	if (o < cap)
		snprintf(out + o, cap - o, "%s: se %s", *sep == ',' ? ")" : "", where);
	return out;
}

/* The rows of municipality area k, by rule, detail and date; *nd: its dates. */
struct qline **
kv_rows_of(int k, long *n, int *dates, int *nd)
{
	struct qline **p = emalloc(sizeof *p * (size_t)(kv_nrows + 1));
	long i;

	*n = 0;
	*nd = 0;
	for (i = 0; i < kv_nrows; i++)
		if (kv_rows[i].k == k) {
			p[(*n)++] = &kv_rows[i];
			flows_date_index(dates, nd, MAXDATE, kv_rows[i].day);
		}
	qsort(p, (size_t)*n, sizeof *p, by_rule);
	return p;
}

/* A row's value as shown: the share in % (of persons: ok or advarsel), <N when hidden (kv_hidden). */
const char *
kv_shown(struct report *r, const struct qline *q, char *out, size_t cap)
{
	char num[48];

	if (q->hide)
		snprintf(out, cap, "<%ld", r->threshold);
	else if (strcmp(kv_rules[q->rule].thr->ind, "udgift-mangler") == 0)
		snprintf(out, cap, "%s", q->v > 0 ? "ingen udgift" : "ok");
	else if (q->n <= 0)
		snprintf(out, cap, "–");
	else if (kv_rules[q->rule].persons)
		snprintf(out, cap, "%s", q->warn ? "advarsel" : "ok");
	else
		snprintf(out, cap, "%s %%", dk_num(100 * q->v / q->n, 1, num));
	return out;
}

static void
html_cell(struct report *r, FILE *out, const struct qline *q)
{
	char buf[64];

	if (q == NULL) {
		fputs("<td class=\"m\"></td>", out);
		return;
	}
	fputs(q->warn ? "<td class=\"qw\">" : "<td>", out);
	esc(out, kv_shown(r, q, buf, sizeof buf));
	fputs(q->warn ? " !</td>" : "</td>", out);
}

/* The table of dates [d0, d1) of k's rows p[0..n). */
static void
html_qtable(struct report *r, FILE *out, struct qline **p, long n, const int *dates, int d0,
    int d1)
{
	char day[16], det[300];
	long i, j;
	int d;

	fputs("<div class=\"tw\"><table class=\"qt\">\n<thead><tr><th class=\"l\">Indikator"
	    "</th><th class=\"l\">Detalje</th>", out);
	for (d = d0; d < d1; d++)
		fprintf(out, "<th>%s</th>", dk_date(dates[d], day));
	fputs("</tr></thead>\n<tbody>\n", out);
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && p[j]->rule == p[i]->rule &&
		    p[j]->det_rank == p[i]->det_rank; j++)
			;
		fputs("<tr><th class=\"l\" title=\"", out);	/* the sentence, not the code */
		esc(out, kv_rules[p[i]->rule].text);	/* (review AK, AK4) */
		fputs("\">", out);
		esc(out, kv_name(p[i]->rule));
		fputs("</th><th class=\"l\">", out);
		esc(out, kv_det(p[i], det, sizeof det));
		fputs("</th>", out);
		for (d = d0; d < d1; d++) {
			long m;

			for (m = i; m < j && p[m]->day != dates[d]; m++)
				;
			html_cell(r, out, m < j ? p[m] : NULL);
		}
		fputs("</tr>\n", out);
	}
	fputs("</tbody></table></div>\n", out);
}

/* Each rule with a warning for k: its dates and its sentence. */
static void
html_explain(FILE *out, struct qline **p, long n)
{
	char day[16], det[300];
	long i;
	int rule, any;

	fputs("<ul class=\"qx\">\n", out);
	for (rule = 0; rule < kv_nrules; rule++) {
		for (i = any = 0; i < n; i++) {
			if (p[i]->rule != rule || !p[i]->warn)
				continue;
			if (!any++) {
				fputs("<li><b>! ", out);
				esc(out, kv_name(rule));
				fputs("</b> (", out);
			} else
				fputs(", ", out);
			fputs(dk_date(p[i]->day, day), out);
			if (p[i]->det[0]) {
				fputs(": ", out);
				esc(out, kv_det(p[i], det, sizeof det));
			}
		}
		if (any) {
			fputs("): ", out);
			esc(out, kv_rules[rule].text);
			fputs("</li>\n", out);
		}
	}
	fputs("</ul>\n", out);
}

void
quality_nav(FILE *out)
{
	if (kv_loaded)
		fputs("<a href=\"#kvalitet\">Datakvalitet</a>", out);
}

/* What the section and the sheet show, for both (plain text, unescaped; review AK, AK4). */
void
quality_intro(const struct report *r, char *buf, size_t cap)
{
	int n = snprintf(buf, cap, "Hvor godt tallene står: for hver opgørelse andelen (i "
	    "procent) bag hver indikator fra kørslens kvalitetskontrol; for en andel af personer "
	    "(eller § 82-poster) kun ok eller advarsel, da andelene sammen med tabellerne kunne "
	    "afsløre skjulte tal. ! er en advarsel; nøgletal med advarsler er mærket ! i figurer "
	    "og tabeller. For brud i indberetningen er andelen den ændring, der går ud over "
	    "ændringerne ved opgørelserne før og efter, i procent af tallet. Et tomt felt: "
	    "indikatoren kan ikke opgøres den dato (et brud kræver opgørelserne omkring den, "
	    "udgifterne findes kun pr. 31. december).");

	if (r->threshold > 0 && n >= 0 && (size_t)n < cap)
		snprintf(buf + n, cap - (size_t)n, " En andel af under %ld personer eller poster, "
		    "og en andel, der kunne afsløre et skjult tal i tabellerne, vises som <%ld uden "
		    "advarsel (men som ok eller advarsel, hvor det gælder, hvad det skjulte tal end "
		    "er, og et brud som <%ld !, hvor det giver advarsel, hvad de skjulte tal end "
		    "er): andre advarsler om dem står kun i kørslens log og i kvalitet.tsv, som "
		    "ikke offentliggøres.", r->threshold, r->threshold, r->threshold);
}

void
html_quality(struct report *r, FILE *out, int k)
{
	int dates[MAXDATE], nd, d, w = 0;
	long n, i;
	struct qline **p;
	char intro[1600];

	if (!kv_loaded)
		return;
	p = kv_rows_of(k, &n, dates, &nd);
	for (i = 0; i < n; i++)
		w += p[i]->warn;
	quality_intro(r, intro, sizeof intro);
	fputs("<section id=\"kvalitet\"><h2>Datakvalitet</h2>\n<p class=\"info\">", out);
	esc(out, intro);
	fputs(" Hvad en indikator måler, står ved dens navn (hold musen over det).</p>\n", out);
	if (n == 0)
		fputs("<p class=\"empty\">Ingen kvalitetsrækker for kommunen.</p>\n", out);
	else if (w == 0)
		fputs("<p class=\"qok\">Ingen advarsler, der kan vises her.</p>\n", out);
	else
		html_explain(out, p, n);
	for (d = 0; d < nd; d += QDATES)
		html_qtable(r, out, p, n, dates, d, d + QDATES < nd ? d + QDATES : nd);
	fputs("</section>\n", out);
	free(p);
}

/* The rows warning on municipality k at a cut date of the report, in file order. */
static long *warned, nwarned;
static int warned_k = -1;

static void
find_warned(struct report *r, int k)
{
	long i;

	if (k == warned_k)
		return;	/* every chart of a municipality asks */
	warned = erealloc(warned, sizeof *warned * (size_t)(kv_nrows + 1));
	for (i = nwarned = 0; i < kv_nrows; i++)
		if (kv_rows[i].k == k && kv_rows[i].warn && date_index(r, kv_rows[i].day) >= 0)
			warned[nwarned++] = i;
	warned_k = k;
}

/* Under a chart of figures fs[0..n): each rule warning on them, its dates, its sentence. */
void
quality_about(struct report *r, FILE *out, int k, const int *fs, int n)
{
	char day[16];
	long i, w;
	int j, rule, any, para = 0;

	if (!kv_loaded)
		return;
	find_warned(r, k);
	for (rule = 0; rule < kv_nrules; rule++) {
		for (w = any = 0; w < nwarned; w++) {
			if (kv_rows[i = warned[w]].rule != rule)
				continue;
			for (j = 0; j < n && !affects(&kv_rows[i], fs[j]); j++)
				;
			if (j == n)
				continue;
			if (!any++)
				fputs(para++ ? "<br><b>! Datakvalitet " : "<p class=\"about qn\"><b>! "
				    "Datakvalitet ", out);
			else
				fputs(", ", out);
			fputs(dk_date(kv_rows[i].day, day), out);
		}
		if (any) {
			fputs(":</b> ", out);
			esc(out, kv_rules[rule].text);
		}
	}
	fputs(para ? "</p>\n" : "", out);
}

void
quality_free(void)
{
	int j;

	if (dets)
		ps_free(dets);
	dets = NULL;
	for (j = 0; j < kv_nrules; j++)
		free(kv_rules[j].text);
	free(kv_rows);
	free(warned);
	warned = NULL;
	warned_k = -1;
	free(kv_rules);
	free(mark);
	kv_rows = NULL;
	kv_rules = NULL;
	mark = NULL;
	kv_nrows = kv_nrules = 0;
	kv_loaded = 0;
}
