/*
 * kvalitet-land: the quality stream's Datakvalitet sheet in the workbook and
 * the national overview page kvalitet.html (report -q; kvalitet.c reads it).
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
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

void
xlsx_quality(struct report *r, lxw_workbook *wb, lxw_format *bold, lxw_format *head, int k)
{
	static const char *cols[] = { "Dato", "Indikator", "Detalje", "Værdi", "Advarsel",
		"Forklaring" };
	lxw_worksheet *ws;
	lxw_format *pct, *wrap, *date;
	struct qline **p;
	char buf[64], det[300], marked[512], intro[1600], text[1700];
	int dates[MAXDATE], nd, c;
	long n, i;

	if (!kv_loaded)
		return;
	if ((ws = workbook_add_worksheet(wb, "Datakvalitet")) == NULL ||
	    (pct = workbook_add_format(wb)) == NULL || (wrap = workbook_add_format(wb)) == NULL)
		die("cannot add the sheet Datakvalitet");
	format_set_text_wrap(wrap);	/* an explanation of up to 181 characters */
	format_set_num_format(pct, "0.0 %");	/* a share as a number: sorted, summed */
	date = xl_date_format(wb);
	p = kv_rows_of(k, &n, dates, &nd);
	worksheet_write_string(ws, 0, 0, xl_title(r, "Datakvalitet: andele (i procent) fra "
	    "kørslens kvalitetskontrol, af personer kun ok eller advarsel; ! er en advarsel",
	    marked), bold);
	for (c = 0; c < 6; c++)
		worksheet_write_string(ws, 2, (lxw_col_t)c, cols[c], head);
	worksheet_set_column(ws, 0, 0, 11, NULL);	/* a date whole, not 2017-12-3 */
	worksheet_set_column(ws, 1, 1, 26, NULL);
	worksheet_set_column(ws, 2, 2, 24, NULL);
	worksheet_set_column(ws, 5, 5, 70, NULL);
	/* the section's text over the table, wrapped (review AK, AK4: the sheet said only what ! is) */
	quality_intro(r, intro, sizeof intro);
	snprintf(text, sizeof text, "%s Forklaring: hvad indikatoren måler, og hvad en "
	    "advarsel betyder.", intro);
	worksheet_merge_range(ws, 1, 0, 1, 5, text, wrap);
	worksheet_set_row(ws, 1, 15 * xl_lines(text, 11 + 26 + 24 + 2 * 8.43 + 70), NULL);
	/*
	 * printed A4 landscape, fit to the page width (148 characters, 1,065 pt
	 * in LibreOffice without Calibri: 7.7-pt type, 7.5 at 48 cut dates; an
	 * explanation wrapped, not run past the column, which was 90 wide: 6.7
	 * pt), the heading row on every page
	 */
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, 2, 2);
	worksheet_freeze_panes(ws, 3, 0);
	if (n == 0)
		worksheet_write_string(ws, 3, 0, "Ingen kvalitetsrækker for kommunen.", NULL);
	for (i = 0; i < n; i++) {
		lxw_row_t row = (lxw_row_t)(3 + i);

		xl_date(ws, (int)row, 0, p[i]->day, date);
		worksheet_write_string(ws, row, 1, kv_name(p[i]->rule), NULL);
		worksheet_write_string(ws, row, 2, kv_det(p[i], det, sizeof det), NULL);
		if (!p[i]->hide && p[i]->n > 0 && !kv_rules[p[i]->rule].persons &&
		    strcmp(kv_rules[p[i]->rule].thr->ind, "udgift-mangler") != 0)
			worksheet_write_number(ws, row, 3, round(1000 * p[i]->v / p[i]->n) / 1000,
			    pct);	/* rounded as on the page: 0.1 pct. */
		else
			worksheet_write_string(ws, row, 3, kv_shown(r, p[i], buf, sizeof buf), NULL);
		worksheet_write_string(ws, row, 4, p[i]->warn ? "!" : "", bold);
		/* every row's, as the page's name tells it (review AK, AK4) */
		worksheet_write_string(ws, row, 5, kv_rules[p[i]->rule].text, wrap);
		if ((c = xl_lines(kv_rules[p[i]->rule].text, 70)) > 1)
			worksheet_set_row(ws, row, 15 * c, NULL);
	}
	free(p);
}

/* The latest date of each rule's rows, over every municipality. */
static void
latest_dates(int *last)
{
	long i;
	int j;

	for (j = 0; j < kv_nrules; j++)
		last[j] = 0;
	for (i = 0; i < kv_nrows; i++)
		if (kv_rows[i].day > last[kv_rows[i].rule])
			last[kv_rows[i].rule] = kv_rows[i].day;
}

/* Municipality k's row: st[rule] has 1 (a row at the latest date), 2 (a warning there), 4 (one before). */
static void
overview_row(struct report *r, FILE *out, int k, const unsigned char *st)
{
	int j, all = 0;

	fprintf(out, "<tr><th class=\"l\"><a href=\"rapport-%03d.html\">%03d ", r->kom[k].code,
	    r->kom[k].code);
	esc(out, r->kom[k].name);
	fputs("</a></th>", out);
	for (j = 0; j < kv_nrules; j++) {
		all += (st[j] & 2) != 0;
		/* a sign besides the colour (grey print, colour blindness), and a tooltip */
		fprintf(out, "<td class=\"%s\" title=\"", st[j] & 2 ? "w" : st[j] & 4 ? "e" :
		    st[j] & 1 ? "o" : "g");
		esc(out, kv_name(j));
		fprintf(out, ": %s\">%s</td>", st[j] & 2 ? "advarsel" : st[j] & 4 ?
		    "advarsel ved en tidligere opgørelse" : st[j] & 1 ? "ingen advarsel" :
		    "ingen viste tal", st[j] & 2 ? "!" : st[j] & 4 ? "(!)" : st[j] & 1 ? "✓" : "–");
	}
	fprintf(out, "<td>%d</td></tr>\n", all);
}

/*
 * DIR/kvalitet.html: every municipality by every indicator at the
 * indicator's latest date: red with a warning, green without, grey when
 * nothing is shown (a small value, kv_hidden: no row is one); orange (!)
 * when the only warnings are at earlier dates (a reporting break is in the
 * past by its nature).
 */
void
quality_overview(struct report *r, const char *dir)
{
	char path[4096], day[16];
	int last[64], j, k, fd;
	unsigned char *st;
	long i;
	FILE *out;

	if (!kv_loaded || kv_nrules > 64)
		return;
	latest_dates(last);
	epathf(path, sizeof path, "%s/kvalitet.html", dir);
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
	    "td.g{background:#d9dadc;color:#5a5f66}td.e{background:#f3c58a;font-weight:700}"
	    "td.o{color:#2e6b2a}th.l{white-space:nowrap}\na{color:#1f5f8b;text-decoration:none}\n"
	    /* wider than the window: it scrolls, the municipalities' names stay in view */
	    ".tw{overflow-x:auto}tbody th.l{position:sticky;left:0;background:#fff}\n"
	    ".key span{display:inline-block;min-width:14px;height:14px;vertical-align:middle;"
	    "margin:0 4px 0 12px;font-size:11px;line-height:14px;text-align:center}\n"
	    /* print: A4 landscape, every column on the page, the heading on every page */
	    "@media print{@page{size:A4 landscape;margin:8mm}body{margin:0;font-size:11px}\n"
	    "h1{font-size:18px;margin:0 0 4px}table{font-size:8.5px;width:100%}"
	    "th,td{padding:1px 2px}thead th{max-width:none;font-weight:600}\n"
	    "thead{display:table-header-group}tr{break-inside:avoid}.tw{overflow:visible}"
	    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n"
	    "</style>\n</head><body>\n"
	    "<h1>Datakvalitet i alle kommuner</h1>\n<p class=\"key\">Hver indikator ved sin "
	    "seneste opgørelse:<span style=\"background:#e06b66;color:#fff\">!</span>advarsel"
	    "<span style=\"background:#f3c58a\">(!)</span>advarsel ved en tidligere opgørelse"
	    "<span style=\"background:#a8d5a2;color:#2e6b2a\">✓</span>ingen advarsel"
	    "<span style=\"background:#d9dadc\">–</span>ingen viste tal (små tal eller "
	    "ingen data). Advarsler om små tal vises ikke her, men står i kørslens log "
	    "og i kvalitet.tsv, som ikke offentliggøres.</p>\n"
	    "<div class=\"tw\"><table>\n<thead><tr><th class=\"l\">Kommune</th>", out);
	for (j = 0; j < kv_nrules; j++) {
		fprintf(out, "<th title=\"%s\">", kv_rules[j].thr->ind);
		esc(out, kv_name(j));
		fprintf(out, "<br>%s</th>", last[j] ? dk_date(last[j], day) : "–");
	}
	fputs("<th>Advarsler</th></tr></thead>\n<tbody>\n", out);
	st = ecalloc((size_t)r->nkom * (size_t)kv_nrules + 1, 1);	/* the rows, once */
	for (i = 0; i < kv_nrows; i++) {
		const struct qline *q = &kv_rows[i];

		if (q->k >= 0)
			st[(size_t)q->k * (size_t)kv_nrules + (size_t)q->rule] |=
			    q->day == last[q->rule] ? (q->hide ? 0 : 1) | (q->warn ? 2 : 0) :
			    q->warn ? 4 : 0;
	}
	for (k = 0; k < r->nkom; k++)
		overview_row(r, out, k, st + (size_t)k * (size_t)kv_nrules);
	free(st);
	fputs("</tbody></table></div>\n<p>Forklaringer:</p>\n<ul>\n", out);
	for (j = 0; j < kv_nrules; j++) {
		fputs("<li><b>", out);
		esc(out, kv_name(j));
		fputs(":</b> ", out);
		esc(out, kv_rules[j].text);
		fputs("</li>\n", out);
	}
	fputs("</ul>\n</body></html>\n", out);
	if ((ferror(out) | fclose(out)) != 0)
		die("%s: write error: %s", path, strerror(errno));
}
