/*
 * kvalitet: the data quality stream (report -q, the output of quality:
 * KOMMUNE DATO INDIKATOR DETALJE VAERDI NAEVNER ADVARSEL) in the report:
 * a "Datakvalitet" section and sheet for the municipality, a mark on each
 * figure whose data carry a warning at a date (the figures from the
 * NOEGLETAL column of share/noegletal/kvalitet.tsv, for spring and
 * udgift-mangler from DETALJE), each explained by the table's FORKLARING,
 * and the national overview page kvalitet.html (-d with html).
 * Values are shown as shares (VAERDI / NAEVNER in %), never as raw counts;
 * a share whose NAEVNER is below the threshold is shown as <N.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "date.h"
#include "flows.h"
#include "report.h"
#include "util.h"

#define QDATES 7	/* cut dates in one table, as html.c */

struct qrule {			/* a line of kvalitet.tsv */
	char *ind, *figs, *text;
};

struct qline {			/* a row of the quality stream */
	int k, day, rule, warn;	/* municipality area, date, rule index, ADVARSEL */
	char *det;
	double v, n;
};

static struct qrule *rules;
static int nrules;
static struct qline *rows;
static long nrows;
static char *mark;		/* [area][date][figure]: a warning (figure dates) */
static int loaded;

/* A short Danish name of each indicator (the key when not listed). */
static const char *names[][2] = {
	{ "aaben-slut", "Ydelser uden slutdato" },
	{ "slutmarkoer", "Slutdato 9999-12-31" },
	{ "trin0", "Koder uden trin" },
	{ "overlap", "Dobbelte ydelser" },
	{ "start-efter-udtraek", "Start efter udtræk" },
	{ "s82-mangler", "§ 82 indberettes ikke" },
	{ "spring", "Brud i indberetningen" },
	{ "fundet-dream", "Fundet i DREAM" },
	{ "noegleform-dream", "Personnumre i DREAM" },
	{ "fundet-lpr", "Fundet i LPR" },
	{ "noegleform-lpr", "Personnumre i LPR" },
	{ "fundet-who5", "Fundet i WHO-5" },
	{ "noegleform-who5", "Personnumre i WHO-5" },
	{ "udgift-mangler", "Manglende udgifter" },
};

static const char *
ind_name(int i)
{
	size_t j;

	for (j = 0; j < sizeof names / sizeof names[0]; j++)
		if (strcmp(names[j][0], rules[i].ind) == 0)
			return names[j][1];
	return rules[i].ind;
}

static void
load_rules(void)
{
	tsv *t = table_open(NULL, "kvalitet.tsv");
	int c_i = tsv_col(t, "INDIKATOR"), c_f = tsv_col(t, "NOEGLETAL");
	int c_x = tsv_col(t, "FORKLARING");

	while (tsv_row(t)) {
		rules = erealloc(rules, sizeof *rules * (size_t)(nrules + 1));
		rules[nrules].ind = estrdup(t->f[c_i]);
		rules[nrules].figs = estrdup(t->f[c_f]);
		rules[nrules++].text = estrdup(t->f[c_x]);
	}
	tsv_close(t);
}

/* Does row q (a warning or not) concern figure f? */
static int
affects(const struct qline *q, int f)
{
	const char *ind = rules[q->rule].ind;
	char list[512], *s, *save;

	snprintf(list, sizeof list, "%s", strcmp(ind, "spring") == 0 ||
	    strcmp(ind, "udgift-mangler") == 0 ? q->det : rules[q->rule].figs);
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
static const char *
det_text(const struct qline *q, char *out, size_t cap)
{
	const char *ind = rules[q->rule].ind;

	snprintf(out, cap, "%s%s", q->det[0] && (strcmp(ind, "spring") == 0 ||
	    strcmp(ind, "udgift-mangler") == 0) ? "nøgletal " : "", q->det);
	return out;
}

static int
find_rule(const char *ind)
{
	int i;

	for (i = 0; i < nrules; i++)
		if (strcmp(rules[i].ind, ind) == 0)
			return i;
	return -1;
}

void
quality_load(struct report *r, const char *path)
{
	tsv *t = tsv_open(path, 0);
	int c_k = tsv_col(t, "KOMMUNE"), c_d = tsv_col(t, "DATO");
	int c_i = tsv_col(t, "INDIKATOR"), c_e = tsv_col(t, "DETALJE");
	int c_v = tsv_col(t, "VAERDI"), c_n = tsv_col(t, "NAEVNER");
	int c_w = tsv_col(t, "ADVARSEL"), code;
	struct qline *q;
	long i;

	load_rules();
	mark = ecalloc((size_t)r->nkom * (size_t)r->ndates * (size_t)r->nfigs, 1);
	while (tsv_row(t)) {	/* reject() dies: t is not the main input */
		rows = erealloc(rows, sizeof *rows * (size_t)(nrows + 1));
		q = &rows[nrows];
		if (!(code = kommune_code(t->f[c_k])))
			reject(t, c_k, "not a municipality code");
		if (!date_parse(t->f[c_d], &q->day))
			reject(t, c_d, "not a date (YYYY-MM-DD)");
		if ((q->rule = find_rule(t->f[c_i])) < 0)
			reject(t, c_i, "not an indicator of kvalitet.tsv");
		if (!parse_double(t->f[c_v], &q->v) || q->v < 0)
			reject(t, c_v, "not a number, 0 or more");
		if (!parse_double(t->f[c_n], &q->n) || q->n < 0)
			reject(t, c_n, "not a number, 0 or more");
		if (strcmp(t->f[c_w], "0") && strcmp(t->f[c_w], "1"))
			reject(t, c_w, "not 0 or 1");
		q->k = r->kom_at[code] - 1;
		q->warn = t->f[c_w][0] == '1';
		q->det = estrdup(t->f[c_e]);
		nrows++;
	}
	tsv_close(t);
	for (i = 0; i < nrows; i++)
		mark_row(r, &rows[i]);
	loaded = 1;
}

int
quality_mark(struct report *r, int a, int d, int f)
{
	return loaded && a >= 0 && a < r->nkom &&
	    mark[((size_t)a * (size_t)r->ndates + (size_t)d) * (size_t)r->nfigs + (size_t)f];
}

static int
by_rule(const void *x, const void *y)
{
	const struct qline *a = *(struct qline *const *)x, *b = *(struct qline *const *)y;
	int c;

	if (a->rule != b->rule)
		return a->rule < b->rule ? -1 : 1;
	if ((c = strcmp(a->det, b->det)) != 0)
		return c;
	return (a->day > b->day) - (a->day < b->day);
}

/* The rows of municipality area k, by rule, detail and date; *nd: its dates. */
static struct qline **
rows_of(int k, long *n, int *dates, int *nd)
{
	struct qline **p = emalloc(sizeof *p * (size_t)(nrows + 1));
	long i;

	*n = 0;
	*nd = 0;
	for (i = 0; i < nrows; i++)
		if (rows[i].k == k) {
			p[(*n)++] = &rows[i];
			flows_date_index(dates, nd, MAXDATE, rows[i].day);
		}
	qsort(p, (size_t)*n, sizeof *p, by_rule);
	return p;
}

/* A row's value as shown: the share in %, <N when NAEVNER is small. */
static const char *
shown(struct report *r, const struct qline *q, char *out, size_t cap)
{
	char num[48];

	if (strcmp(rules[q->rule].ind, "udgift-mangler") == 0)
		snprintf(out, cap, "%s", q->v > 0 ? "ingen udgift" : "ok");
	else if (q->n <= 0)
		snprintf(out, cap, "–");
	else if (r->threshold > 0 && q->n < (double)r->threshold)
		snprintf(out, cap, "<%ld", r->threshold);
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
	esc(out, shown(r, q, buf, sizeof buf));
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
		for (j = i; j < n && p[j]->rule == p[i]->rule && !strcmp(p[j]->det, p[i]->det); j++)
			;
		fprintf(out, "<tr><th class=\"l\" title=\"%s\">", rules[p[i]->rule].ind);
		esc(out, ind_name(p[i]->rule));
		fputs("</th><th class=\"l\">", out);
		esc(out, det_text(p[i], det, sizeof det));
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
	for (rule = 0; rule < nrules; rule++) {
		for (i = any = 0; i < n; i++) {
			if (p[i]->rule != rule || !p[i]->warn)
				continue;
			if (!any++) {
				fputs("<li><b>! ", out);
				esc(out, ind_name(rule));
				fputs("</b> (", out);
			} else
				fputs(", ", out);
			fputs(dk_date(p[i]->day, day), out);
			if (p[i]->det[0]) {
				fputs(": ", out);
				esc(out, det_text(p[i], det, sizeof det));
			}
		}
		if (any) {
			fputs("): ", out);
			esc(out, rules[rule].text);
			fputs("</li>\n", out);
		}
	}
	fputs("</ul>\n", out);
}

void
quality_nav(FILE *out)
{
	if (loaded)
		fputs("<a href=\"#kvalitet\">Datakvalitet</a>", out);
}

void
html_quality(struct report *r, FILE *out, int k)
{
	int dates[MAXDATE], nd, d, w = 0;
	long n, i;
	struct qline **p;

	if (!loaded)
		return;
	p = rows_of(k, &n, dates, &nd);
	for (i = 0; i < n; i++)
		w += p[i]->warn;
	fputs("<section id=\"kvalitet\"><h2>Datakvalitet</h2>\n<p class=\"info\">Hvor godt "
	    "tallene står: for hver opgørelse andelen (i procent) bag hver indikator fra "
	    "kørslens kvalitetskontrol. ! er en advarsel; nøgletal med advarsler er mærket ! i "
	    "figurer og tabeller.", out);
	if (r->threshold > 0)
		fprintf(out, " Andele af under %ld vises som &lt;%ld.", r->threshold, r->threshold);
	fputs("</p>\n", out);
	if (n == 0)
		fputs("<p class=\"empty\">Ingen kvalitetsrækker for kommunen.</p>\n", out);
	else if (w == 0)
		fputs("<p class=\"qok\">Ingen advarsler.</p>\n", out);
	else
		html_explain(out, p, n);
	for (d = 0; d < nd; d += QDATES)
		html_qtable(r, out, p, n, dates, d, d + QDATES < nd ? d + QDATES : nd);
	fputs("</section>\n", out);
	free(p);
}

/* Under a chart of figures fs[0..n): each rule warning on them, its dates, its sentence. */
void
quality_about(struct report *r, FILE *out, int k, const int *fs, int n)
{
	char day[16];
	long i;
	int j, rule, any, para = 0;

	if (!loaded)
		return;
	for (rule = 0; rule < nrules; rule++) {
		for (i = any = 0; i < nrows; i++) {
			if (rows[i].k != k || rows[i].rule != rule || !rows[i].warn ||
			    date_index(r, rows[i].day) < 0)
				continue;
			for (j = 0; j < n && !affects(&rows[i], fs[j]); j++)
				;
			if (j == n)
				continue;
			if (!any++)
				fputs(para++ ? "<br><b>! Datakvalitet " : "<p class=\"about qn\"><b>! "
				    "Datakvalitet ", out);
			else
				fputs(", ", out);
			fputs(dk_date(rows[i].day, day), out);
		}
		if (any) {
			fputs(":</b> ", out);
			esc(out, rules[rule].text);
		}
	}
	fputs(para ? "</p>\n" : "", out);
}

void
xlsx_quality(struct report *r, lxw_workbook *wb, lxw_format *bold, lxw_format *head, int k)
{
	static const char *cols[] = { "Dato", "Indikator", "Detalje", "Værdi", "Advarsel",
		"Forklaring" };
	lxw_worksheet *ws;
	struct qline **p;
	char day[16], buf[64], det[300];
	int dates[MAXDATE], nd, c;
	long n, i;

	if (!loaded)
		return;
	if ((ws = workbook_add_worksheet(wb, "Datakvalitet")) == NULL)
		die("cannot add the sheet Datakvalitet");
	p = rows_of(k, &n, dates, &nd);
	worksheet_write_string(ws, 0, 0, "Datakvalitet: andele (i procent) fra kørslens "
	    "kvalitetskontrol; ! er en advarsel", bold);
	for (c = 0; c < 6; c++)
		worksheet_write_string(ws, 2, (lxw_col_t)c, cols[c], head);
	worksheet_set_column(ws, 1, 1, 26, NULL);
	worksheet_set_column(ws, 5, 5, 90, NULL);
	if (n == 0)
		worksheet_write_string(ws, 3, 0, "Ingen kvalitetsrækker for kommunen.", NULL);
	for (i = 0; i < n; i++) {
		lxw_row_t row = (lxw_row_t)(3 + i);

		date_fmt(p[i]->day, day);
		worksheet_write_string(ws, row, 0, day, NULL);
		worksheet_write_string(ws, row, 1, ind_name(p[i]->rule), NULL);
		worksheet_write_string(ws, row, 2, det_text(p[i], det, sizeof det), NULL);
		worksheet_write_string(ws, row, 3, shown(r, p[i], buf, sizeof buf), NULL);
		worksheet_write_string(ws, row, 4, p[i]->warn ? "!" : "", bold);
		if (p[i]->warn)
			worksheet_write_string(ws, row, 5, rules[p[i]->rule].text, NULL);
	}
	free(p);
}

/* The latest date of each rule's rows, over every municipality. */
static void
latest_dates(int *last)
{
	long i;
	int j;

	for (j = 0; j < nrules; j++)
		last[j] = 0;
	for (i = 0; i < nrows; i++)
		if (rows[i].day > last[rows[i].rule])
			last[rows[i].rule] = rows[i].day;
}

static void
overview_row(struct report *r, FILE *out, int k, const int *last)
{
	long i;
	int j, has, warn, before, all = 0;

	fprintf(out, "<tr><th class=\"l\"><a href=\"rapport-%03d.html\">%03d ", r->kom[k].code,
	    r->kom[k].code);
	esc(out, r->kom[k].name);
	fputs("</a></th>", out);
	for (j = 0; j < nrules; j++) {
		for (i = has = warn = before = 0; i < nrows; i++) {
			if (rows[i].k != k || rows[i].rule != j)
				continue;
			if (rows[i].day == last[j]) {
				has = 1;
				warn |= rows[i].warn;
			} else
				before |= rows[i].warn;
		}
		all += warn;
		fputs(warn ? "<td class=\"w\">!</td>" : before ? "<td class=\"e\" title=\"advarsel "
		    "ved en tidligere opgørelse\">(!)</td>" : has ? "<td class=\"o\"></td>" :
		    "<td class=\"g\"></td>", out);
	}
	fprintf(out, "<td>%d</td></tr>\n", all);
}

/*
 * DIR/kvalitet.html: every municipality by every indicator at the
 * indicator's latest date: red with a warning, green without, grey when
 * the municipality has no row; orange (!) when the only warnings are at
 * earlier dates (a reporting break is in the past by its nature).
 */
void
quality_overview(struct report *r, const char *dir)
{
	char path[4096], day[16];
	int last[64], j, k, fd;
	FILE *out;

	if (!loaded || nrules > 64)
		return;
	latest_dates(last);
	snprintf(path, sizeof path, "%s/kvalitet.html", dir);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0 ||
	    fchmod(fd, 0600) != 0 || (out = fdopen(fd, "w")) == NULL)
		die("%s: %s", path, strerror(errno));
	fputs("<!DOCTYPE html>\n<html lang=\"da\"><head><meta charset=\"utf-8\">\n"
	    "<title>Socialpsykiatriens nøgletal: datakvalitet i alle kommuner</title>\n<style>\n"
	    "body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d1f23}\n"
	    "table{border-collapse:collapse;font-size:12px}th,td{border:1px solid #d5d9df;"
	    "padding:2px 6px;text-align:center}th.l{text-align:left;font-weight:500}\n"
	    "thead th{background:#eef0f3;vertical-align:bottom;max-width:90px}\n"
	    "td.w{background:#e06b66;color:#fff;font-weight:700}td.o{background:#a8d5a2}"
	    "td.g{background:#d9dadc}td.e{background:#f3c58a}th.l{white-space:nowrap}\na{color:#1f5f8b;text-decoration:none}\n"
	    ".key span{display:inline-block;width:14px;height:14px;vertical-align:middle;"
	    "margin:0 4px 0 12px}\n</style>\n</head><body>\n"
	    "<h1>Datakvalitet i alle kommuner</h1>\n<p class=\"key\">Hver indikator ved sin "
	    "seneste opgørelse:<span style=\"background:#e06b66\"></span>advarsel"
	    "<span style=\"background:#f3c58a\"></span>advarsel ved en tidligere opgørelse"
	    "<span style=\"background:#a8d5a2\"></span>ingen advarsel"
	    "<span style=\"background:#d9dadc\"></span>ingen data</p>\n"
	    "<table>\n<thead><tr><th class=\"l\">Kommune</th>", out);
	for (j = 0; j < nrules; j++) {
		fprintf(out, "<th title=\"%s\">", rules[j].ind);
		esc(out, ind_name(j));
		fprintf(out, "<br>%s</th>", last[j] ? dk_date(last[j], day) : "–");
	}
	fputs("<th>Advarsler</th></tr></thead>\n<tbody>\n", out);
	for (k = 0; k < r->nkom; k++)
		overview_row(r, out, k, last);
	fputs("</tbody></table>\n<p>Forklaringer:</p>\n<ul>\n", out);
	for (j = 0; j < nrules; j++) {
		fputs("<li><b>", out);
		esc(out, ind_name(j));
		fputs(":</b> ", out);
		esc(out, rules[j].text);
		fputs("</li>\n", out);
	}
	fputs("</ul>\n</body></html>\n", out);
	if ((ferror(out) | fclose(out)) != 0)
		die("%s: write error: %s", path, strerror(errno));
}

void
quality_free(void)
{
	long i;
	int j;

	for (i = 0; i < nrows; i++)
		free(rows[i].det);
	for (j = 0; j < nrules; j++) {
		free(rules[j].ind);
		free(rules[j].figs);
		free(rules[j].text);
	}
	free(rows);
	free(rules);
	free(mark);
	rows = NULL;
	rules = NULL;
	mark = NULL;
	nrows = nrules = 0;
	loaded = 0;
}
