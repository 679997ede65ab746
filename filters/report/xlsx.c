/* xlsx: the report as an Excel workbook with native charts. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "date.h"
#include "flows.h"
#include "report.h"
#include "util.h"

void *
xl(void *made)
{
	if (made == NULL)
		die("out of memory while building the workbook");
	return made;
}

/*
 * A sheet per theme: a title, the suppression line, the table as in TSV,
 * and native charts below it. The charts read their numbers from the sheet
 * Diagramdata, where a cell that shows no value is empty (a text such as
 * <5 would be drawn as 0 by Excel).
 */
enum { DATA_NAME_W = 44, DATA_COL_W = 11 };	/* Diagramdata: names; a date dd.mm.yyyy whole */

struct xl {
	lxw_workbook *wb;
	struct diagram data;	/* Diagramdata */
	int dcols;		/* the date columns of the last block */
	lxw_format *title, *bold, *warn, *head, *headwrap, *num[4], *mark, *wrap, *text, *top, *pp;
	lxw_format *chg[4];	/* a change, signed as on the page (+28) */
	int rcol;		/* the column nearest a right-hand chart's left edge */
};

/* Characters of a UTF-8 string (ø is one). */
static int
u8len(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/*
 * Lines a wrapped text of n characters takes in a column w characters wide:
 * a proportional font's letters are narrower than the '0' a width counts,
 * but wrapping at words wastes some, so 1.05 w a line (LibreOffice does not
 * grow a row to its wrapped text; Excel not always).
 */
static int
wrap_lines(int n, double w)
{
	int per = (int)(w * 1.05) > 8 ? (int)(w * 1.05) : 8;

	return n > 0 ? (n + per - 1) / per : 1;
}

int
xl_lines(const char *text, double w)
{
	return wrap_lines(u8len(text), w);
}

/* A column w characters wide in points (Excel: 7 w + 5 pixels of 0.75 pt). */
static double
col_pt(double w)
{
	return ((int)(w * 7 + 5)) * 0.75;
}

static lxw_color_t
rgb(const char *hex)
{
	return (lxw_color_t)strtol(hex + 1, NULL, 16);
}

/* Print: A4 landscape, fit to the page width, the heading row head on every page. */
static void
page_setup(lxw_worksheet *ws, int head)
{
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);	/* A4 */
	worksheet_fit_to_pages(ws, 1, 0);
	if (head >= 0)
		worksheet_repeat_rows(ws, (lxw_row_t)head, (lxw_row_t)head);
}

/*
 * A column w characters wide as LibreOffice prints it where it has no
 * Calibri (DejaVu Sans, whose digits are a third wider): about 7 w + 5
 * points, where Excel has as many pixels (col_pt()). Print layouts count
 * with the wider, so that no page overflows into one the program breaks
 * itself; in Excel a page is about a quarter empty on the right.
 */
static double
print_pt(double w)
{
	return 7 * w + 5;
}

/*
 * Print: A4 landscape, n columns of widths w (characters), the first nrep
 * of them the row names (which row is which), at one scale on pages read
 * across, then down: fit to the page width (and to min_pt points of
 * pictures from column A, the charts) if that is not below MIN_SCALE, else
 * at MIN_SCALE, the columns that do not fit on the pages to the right,
 * behind the names repeated on every page, split by manual breaks at
 * whole columns (0.96 of the page: room for LibreOffice's whole-percent
 * scale). The scale.
 */
#define MIN_SCALE 0.66	/* 11-pt type at 7.3 pt */
static double
page_across(lxw_worksheet *ws, const double *w, int n, int nrep, double min_pt)
{
	static lxw_col_t brk[MAXDATE + MAXF + 8];
	double page = (11.69 - 2 * 0.7) * 72 * 0.96, scale, names = 0, all, used;	/* points */
	int c, nb = 0, pct;

	for (c = 0; c < nrep; c++)
		names += print_pt(w[c]);
	for (all = names, c = nrep; c < n; c++)
		all += print_pt(w[c]);
	scale = page / (all > min_pt ? all : min_pt);
	pct = (int)(100 * (scale > 1 ? 1 : scale < MIN_SCALE ? MIN_SCALE : scale));
	for (used = names, c = nrep; c < n; c++) {	/* a column that would cross the edge begins a page */
		used += print_pt(w[c]);
		if (c > nrep && used > page * 100 / pct && nb < (int)(sizeof brk / sizeof *brk) - 1) {
			brk[nb++] = (lxw_col_t)c;
			used = names + print_pt(w[c]);
		}
	}
	brk[nb] = 0;
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);	/* A4 */
	worksheet_set_print_scale(ws, (uint16_t)pct);
	worksheet_print_across(ws);
	if (nb > 0)
		worksheet_set_v_pagebreaks(ws, brk);
	/* always: a spreadsheet whose font's digits are wider may break it itself */
	worksheet_repeat_columns(ws, 0, (lxw_col_t)(nrep - 1));
	return pct / 100.0;
}

/*
 * A block on Diagramdata from its next free row: the title, in column A of
 * the next row the unit (as the theme sheets' Enhed), beside it the dates
 * or parts, then nrows rows of series, ncols columns wide, and a blank
 * row; its first row.
 */
int
diagram_block(struct diagram *dd, const char *title, const char *unit, int nrows, int ncols)
{
	char head[96];
	int r0 = dd->row;

	worksheet_write_string(dd->ws, (lxw_row_t)r0, 0, title, dd->bold);
	snprintf(head, sizeof head, "Enhed: %s", unit);
	worksheet_write_string(dd->ws, (lxw_row_t)r0 + 1, 0, head, NULL);
	dd->row = r0 + 3 + nrows;
	dd->wide = ncols > dd->wide ? ncols : dd->wide;
	return r0;
}

/*
 * Rows on Diagramdata: a title, the dates (beside them, in column A, the
 * unit), one row per series, its values with dec decimals as in the theme
 * sheets; the first row.
 */
static int
xl_block(struct report *r, struct xl *x, const char *title, const char *unit, int dec,
    const struct series *s, int ns)
{
	char day[16];
	int i, d, c, r0;

	for (d = c = 0; d < r->ndates; d++)	/* a yearly figure: a yearly axis */
		c += !(ns > 0 && s[0].yearly && is_june(r, d));
	r0 = diagram_block(&x->data, title, unit, ns, c);
	for (d = c = 0; d < r->ndates; d++) {
		if (ns > 0 && s[0].yearly && is_june(r, d))
			continue;
		dk_date(r->dates[d], day);
		worksheet_write_string(x->data.ws, (lxw_row_t)r0 + 1, (lxw_col_t)(++c), day, NULL);
		for (i = 0; i < ns; i++)
			if (!isnan(s[i].v[d]))
				worksheet_write_number(x->data.ws, (lxw_row_t)(r0 + 2 + i), (lxw_col_t)c,
				    s[i].v[d], x->num[dec]);
	}
	for (i = 0; i < ns; i++)
		worksheet_write_string(x->data.ws, (lxw_row_t)(r0 + 2 + i), 0, s[i].name, NULL);
	x->dcols = c;
	return r0;
}

/*
 * Charts two by two below the table, a band of BAND_ROWS rows (15 pt) each,
 * CHART_PX wide, 20 px apart. LibreOffice draws a chart over the cells it
 * covers in Excel, in columns a third wider (print_pt()): the two, 980 pt
 * there, fit beside each other on a page at 66 % (1,077 pt of columns),
 * left of the first page break of a wide table (they were 600 px each,
 * 1,220 pt in LibreOffice: one of them cut by the break).
 */
#define BAND_ROWS 22
#define CHART_PX 480
#define CHARTS_W (2 * CHART_PX + 20)	/* pixels; points as LibreOffice prints them */
static void
xl_place(lxw_worksheet *ws, lxw_chart *ch, int *slot, int row0)
{
	lxw_chart_options o = { 0 };
	lxw_chart_font font = { 0 };

	/* the legend and the axes' numbers in 11-pt type, as the cells (10: 6.6 pt at 66 %) */
	font.size = 11;
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	chart_legend_set_font(ch, &font);
	chart_axis_set_num_font(ch->x_axis, &font);
	chart_axis_set_num_font(ch->y_axis, &font);
	o.x_offset = *slot % 2 ? CHART_PX + 20 : 0;
	o.y_offset = 8;
	o.x_scale = CHART_PX / 480.0;	/* 480 x 410 px: a legend of up to 11 series */
	o.y_scale = 1.425;
	worksheet_insert_chart_opt(ws, (lxw_row_t)(row0 + *slot / 2 * BAND_ROWS), 0, ch, &o);
	++*slot;
}

/*
 * Printed, no block of rows (a band of charts) split by a page break: a
 * manual break before the first block (first) and then every n blocks, n
 * what an A4 landscape page holds at the print scale, less the repeated
 * heading row and a margin.
 */
static void
xl_blocks_breaks(lxw_worksheet *ws, int row0, int nblocks, int rows, double scale, int first)
{
	static lxw_row_t brk[MAXCHART + 2];
	double page_h = (8.27 - 2 * 0.75) * 72;
	int per, b, n = 0;

	if (nblocks == 0)
		return;
	per = (int)((page_h / scale - 2 * 15) * 0.96 / (rows * 15));
	if (per < 1)
		per = 1;
	for (b = first ? 0 : per; b < nblocks && n < MAXCHART; b += per)
		brk[n++] = (lxw_row_t)(row0 + b * rows);
	brk[n] = 0;
	if (n > 0)
		worksheet_set_h_pagebreaks(ws, brk);
}

static void
xl_line_chart(struct report *r, struct xl *x, lxw_worksheet *ws, int *slot, int row0, const char *title,
    const char *unit, int dec, const struct series *s, int ns)
{
	/* told apart in grey print too: as on the page, dashes and point shapes */
	static const uint8_t dashes[] = { LXW_CHART_LINE_DASH_ROUND_DOT,
		LXW_CHART_LINE_DASH_DASH_DOT, LXW_CHART_LINE_DASH_SQUARE_DOT,
		LXW_CHART_LINE_DASH_LONG_DASH };
	static const uint8_t shapes[] = { LXW_CHART_MARKER_CIRCLE, LXW_CHART_MARKER_SQUARE,
		LXW_CHART_MARKER_TRIANGLE, LXW_CHART_MARKER_DIAMOND };
	lxw_chart *ch;
	lxw_chart_series *ser;
	lxw_chart_line line = { 0 };
	lxw_chart_fill fill = { 0 };
	int r0 = xl_block(r, x, title, unit, dec, s, ns), i, d, any = 0;

	for (i = 0; i < ns; i++)
		for (d = 0; d < r->ndates; d++)
			any |= !isnan(s[i].v[d]);
	if (!any) {	/* no empty axes: in the chart's place its title and why, as on the page */
		worksheet_write_string(ws, (lxw_row_t)(row0 + *slot / 2 * BAND_ROWS + 1),
		    (lxw_col_t)(*slot % 2 ? x->rcol : 0), title, x->bold);
		worksheet_write_string(ws, (lxw_row_t)(row0 + *slot / 2 * BAND_ROWS + 2),
		    (lxw_col_t)(*slot % 2 ? x->rcol : 0), "Intet at tegne: ingen viste tal "
		    "(se tabellen).", NULL);
		++*slot;
		return;
	}
	ch = xl(workbook_add_chart(x->wb, LXW_CHART_LINE));
	for (i = 0; i < ns; i++) {
		ser = xl(chart_add_series(ch, NULL, NULL));
		chart_series_set_categories(ser, "Diagramdata", (lxw_row_t)r0 + 1, 1,
		    (lxw_row_t)r0 + 1, (lxw_col_t)x->dcols);
		chart_series_set_values(ser, "Diagramdata", (lxw_row_t)(r0 + 2 + i), 1,
		    (lxw_row_t)(r0 + 2 + i), (lxw_col_t)x->dcols);
		chart_series_set_name_range(ser, "Diagramdata", (lxw_row_t)(r0 + 2 + i), 0);
		line.color = fill.color = rgb(s[i].color);
		line.width = 2.25;
		line.dash_type = s[i].dash ? LXW_CHART_LINE_DASH_DASH : i == 0 ?
		    LXW_CHART_LINE_DASH_SOLID : dashes[(i - 1) % 4];
		chart_series_set_line(ser, &line);
		chart_series_set_marker_type(ser, shapes[i % 4]);
		chart_series_set_marker_size(ser, 5);
		chart_series_set_marker_fill(ser, &fill);
		line.dash_type = LXW_CHART_LINE_DASH_SOLID;
		chart_series_set_marker_line(ser, &line);
	}
	chart_title_set_name(ch, title);
	chart_axis_set_name(ch->y_axis, unit);
	chart_axis_set_min(ch->y_axis, 0);	/* from 0, as on the page */
	/* Gaps where nothing is shown. */
	chart_show_blanks_as(ch, LXW_CHART_BLANKS_AS_GAP);	/* yearly: December columns only */
	xl_place(ws, ch, slot, row0);
}

/* The 100 % bars of a family, at the date stack_chart() shows. */
static void
xl_stack_chart(struct report *r, struct xl *x, lxw_worksheet *ws, int *slot, int row0, int k,
    const char *title, const int *fs, int n)
{
	lxw_chart *ch;
	lxw_chart_series *ser;
	lxw_chart_fill fill = { 0 };
	char caption[256], day[16], unit[64];
	int d = stack_date(r, k, fs, n), i, level, r0, a;
	double v;

	if (d < 0)
		return;
	snprintf(caption, sizeof caption, "%s, %s", title, dk_date(r->dates[d], day));
	r0 = diagram_block(&x->data, caption, unit_label(r, fs[0], 0, unit), NLEVEL, n);
	for (i = 0; i < n; i++)
		worksheet_write_string(x->data.ws, (lxw_row_t)r0 + 1, (lxw_col_t)(i + 1),
		    r->figs[fs[i]].shortname, NULL);
	for (level = 0; level < NLEVEL; level++) {
		a = area(r, k, level);
		worksheet_write_string(x->data.ws, (lxw_row_t)(r0 + 2 + level), 0, area_name(r, a),
		    NULL);
		if (all_shown(r, a, d, fs, n))
			for (i = 0; i < n; i++) {
				cell_state(r, a, d, fs[i], 0, &v);
				worksheet_write_number(x->data.ws, (lxw_row_t)(r0 + 2 + level),
				    (lxw_col_t)(i + 1), v, x->num[decimals(r, fs[i], 0)]);
			}
	}
	ch = xl(workbook_add_chart(x->wb, LXW_CHART_BAR_STACKED_PERCENT));
	for (i = 0; i < n; i++) {
		ser = xl(chart_add_series(ch, NULL, NULL));
		chart_series_set_categories(ser, "Diagramdata", (lxw_row_t)r0 + 2, 0,
		    (lxw_row_t)(r0 + 1 + NLEVEL), 0);
		chart_series_set_values(ser, "Diagramdata", (lxw_row_t)r0 + 2, (lxw_col_t)(i + 1),
		    (lxw_row_t)(r0 + 1 + NLEVEL), (lxw_col_t)(i + 1));
		chart_series_set_name_range(ser, "Diagramdata", (lxw_row_t)r0 + 1,
		    (lxw_col_t)(i + 1));
		fill.color = rgb(part_color(r, fs[i], i));
		chart_series_set_fill(ser, &fill);
	}
	chart_title_set_name(ch, caption);
	chart_axis_set_reverse(ch->y_axis);	/* the municipality on top */
	xl_place(ws, ch, slot, row0);
}

/* The charts of the plan two by two below the table at row0, as on the HTML page; how many. */
static int
xl_charts(struct report *r, struct xl *x, lxw_worksheet *ws, int k, int th, int row0)
{
	struct chart plan[MAXCHART], *c;
	struct series s[MAXSERIES];
	char buf[512];
	int n = chart_plan(r, th, plan), i, m, slot = 0, rate;

	for (i = 0; i < n; i++)
		switch ((c = &plan[i])->type) {
		case PLAN_OWN:
			m = own_series(r, s, k, c->fs, c->n);
			snprintf(buf, sizeof buf, "Antal personer i %s", r->kom[k].name);
			xl_line_chart(r, x, ws, &slot, row0, buf, "antal personer",
			    decimals(r, c->fs[0], 0), s, m);
			break;
		case PLAN_RATE:
		case PLAN_FIGURE:
			rate = c->type == PLAN_RATE ? RATE_POP : RATE_NONE;
			m = area_series(r, s, k, c->fs[0], rate);
			snprintf(buf, sizeof buf, "%s %s", r->figs[c->fs[0]].label,
			    r->figs[c->fs[0]].shortname);
			xl_line_chart(r, x, ws, &slot, row0, buf, unit_label(r, c->fs[0], rate,
			    buf + 256), decimals(r, c->fs[0], rate), s, m);
			break;
		case PLAN_STACK:
			xl_stack_chart(r, x, ws, &slot, row0, k, families[c->fam].title, c->fs, c->n);
			break;
		case PLAN_PARTS:
			snprintf(buf, sizeof buf, "%s i %s over tid", families[c->fam].title,
			    r->kom[k].name);
			m = own_series(r, s, k, c->fs, c->n);
			xl_line_chart(r, x, ws, &slot, row0, buf, "pct.", decimals(r, c->fs[0], 0),
			    s, m);
			break;
		}
	return slot;
}

/*
 * A cell with a data quality warning (quality_mark()) gets a comment, the
 * page's "!": LibreOffice and Excel mark it with a red corner.
 */
static void
quality_comment(struct report *r, lxw_worksheet *ws, int row, int col, int a, int d, int f)
{
	char text[512];

	if (quality_mark(r, a, d, f))
		worksheet_write_comment(ws, (lxw_row_t)row, (lxw_col_t)col,
		    quality_mark_text(r, a, d, f, "arket Datakvalitet.", text, sizeof text));
}

/*
 * A sheet's title, which says it where the data are synthetic (-S), on
 * every sheet: Strømme, Fremskrivning, Datakvalitet and Diagramdata did not,
 * and a sheet copied alone loses the workbook's others (review AK, AK6).
 */
const char *
xl_title(const struct report *r, const char *title, char buf[512])
{
	if (!r->synthetic)
		return title;
	snprintf(buf, 512, "SYNTETISKE DATA (synth), må ikke offentliggøres: %s", title);
	return buf;
}

/*
 * A date as a date of the sheet, shown dd.mm.yyyy (fmt: xl_date_format()),
 * not as text: sorted and filtered as dates (review AK, AK6).
 */
void
xl_date(lxw_worksheet *ws, int row, int col, int day, lxw_format *fmt)
{
	lxw_datetime dt = { 0 };

	civil_from_days(day, &dt.year, &dt.month, &dt.day);
	worksheet_write_datetime(ws, (lxw_row_t)row, (lxw_col_t)col, &dt, fmt);
}

lxw_format *
xl_date_format(lxw_workbook *wb)
{
	lxw_format *f = workbook_add_format(wb);

	if (f == NULL)
		die("cannot add a format to the workbook");
	format_set_num_format(f, "dd.mm.yyyy");
	format_set_align(f, LXW_ALIGN_LEFT);	/* under its heading, as the text was */
	return f;
}

/*
 * A sheet's first two rows: its title, then what suppression did (legend),
 * or the warning that it was off (-n 0).
 */
static void
xl_heading(struct report *r, struct xl *x, lxw_worksheet *ws, const char *title,
    const char *legend)
{
	char buf[512];

	worksheet_write_string(ws, 0, 0, xl_title(r, title, buf), x->title);
	if (r->threshold <= 0)
		worksheet_write_string(ws, 1, 0, "DISKRETIONERING SLÅET FRA (-n 0): tallene er "
		    "ikke diskretionerede og må ikke offentliggøres.", x->warn);
	else
		worksheet_write_string(ws, 1, 0, legend, NULL);
}

/*
 * The theme sheet's columns: Nøgletal, Navn (as wide as the theme's longest
 * name up to NAME_W, wrapped past that), Enhed and Område wrapped, Niveau,
 * the dates, the Note; the first five repeated on every page printed.
 */
#define NAME_W 30
#define UNIT_W 14	/* "pr. 10.000" over "18-64-årige" */
#define AREA_W 18	/* "Region Hovedstaden" */
#define NOTE_W 48
static void
xl_sheet(struct report *r, struct xl *x, lxw_worksheet *ws, int k, int th)
{
	static const char *heads[] = { "Nøgletal", "Navn", "Enhed", "Niveau", "Område" };
	char buf[512], legend[512], day[16];
	const char *text, *nt;
	int f, rate, level, d, row = 4, a, i, st, namew, lines, n;
	double v, w[5 + MAXDATE + 1], scale;

	snprintf(buf, sizeof buf, "Socialpsykiatriens nøgletal: %s – %s", r->kom[k].name,
	    themes[th].title);
	snprintf(legend, sizeof legend, "Små tal er diskretioneret (<%ld eller ..), også for "
	    "gruppe og land; i.t. = ikke tilgængelig endnu. Se arket Om tallene.",
	    r->threshold);
	xl_heading(r, x, ws, buf, legend);
	for (i = 0; i < 5; i++)
		worksheet_write_string(ws, 3, (lxw_col_t)i, heads[i], x->head);
	for (d = 0; d < r->ndates; d++) {
		dk_date(r->dates[d], day);
		worksheet_write_string(ws, 3, (lxw_col_t)(5 + d), day, x->head);
	}
	worksheet_write_string(ws, 3, (lxw_col_t)(5 + r->ndates), "Note", x->head);
	/* Navn as wide as the theme's longest name (not cut by the next column) */
	for (f = 0, namew = 20; f < r->nfigs; f++)	/* letters narrower than '0' */
		if (theme_of(r, f) == th && u8len(r->figs[f].name) * 0.85 + 2 > namew)
			namew = (int)(u8len(r->figs[f].name) * 0.85 + 2);
	namew = namew > NAME_W ? NAME_W : namew;
	w[0] = 9, w[1] = namew, w[2] = UNIT_W, w[3] = 9, w[4] = AREA_W;
	for (d = 0; d < r->ndates; d++)
		w[5 + d] = 11;
	w[5 + r->ndates] = NOTE_W;
	for (i = 0; i < 6 + r->ndates; i++)
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, w[i], i == 5 + r->ndates ?
		    x->wrap : NULL);
	{	/* the first column at or right of the right-hand chart (col_pt / 0.75: pixels) */
		double px = 0;

		for (x->rcol = 0; px < CHART_PX + 20; x->rcol++)
			px += col_pt(w[x->rcol]) / 0.75;
	}
	worksheet_freeze_panes(ws, 4, 5);
	if (r->threshold > 0) {	/* the legend wrapped over the five columns every page repeats */
		worksheet_merge_range(ws, 1, 0, 1, 4, legend, x->text);
		worksheet_set_row(ws, 1, 15 * wrap_lines(u8len(legend), w[0] + w[1] + w[2] +
		    w[3] + w[4]), NULL);
	}
	/*
	 * Printed as Diagramdata: fit to the width down to 66 %, past that
	 * the dates (and the Note) on pages to the right, the five columns
	 * that say which row is which and the heading row on every page.
	 */
	scale = page_across(ws, w, 6 + r->ndates, 5, CHARTS_W);
	worksheet_repeat_rows(ws, 3, 3);
	/* ids such as 7.1 are text on purpose: no "number stored as text" warning */
	worksheet_ignore_errors(ws, LXW_IGNORE_NUMBER_STORED_AS_TEXT, "A1:A4000");
	ROWS_N(f, rate, level, 1) {
		if (theme_of(r, f) != th)
			continue;
		a = area(r, k, level);
		worksheet_write_string(ws, (lxw_row_t)row, 0, r->figs[f].label, x->top);
		worksheet_write_string(ws, (lxw_row_t)row, 1, r->figs[f].name, x->text);
		text = unit_label(r, f, rate, buf);
		worksheet_write_string(ws, (lxw_row_t)row, 2, text, x->text);
		worksheet_write_string(ws, (lxw_row_t)row, 3, levels[level], x->top);
		worksheet_write_string(ws, (lxw_row_t)row, 4, area_name(r, a), x->text);
		/* the row as high as its longest wrapped text */
		lines = wrap_lines(u8len(r->figs[f].name), namew);
		if ((n = wrap_lines(u8len(text), UNIT_W)) > lines)
			lines = n;
		if ((n = wrap_lines(u8len(area_name(r, a)), AREA_W)) > lines)
			lines = n;
		for (d = 0; d < r->ndates; d++) {
			st = cell_state(r, a, d, f, rate, &v);
			text = cell_text(r, a, d, f, rate, buf);
			if (st == ST_OK)
				worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)(5 + d), v,
				    x->num[decimals(r, f, rate)]);
			else if (*text)
				worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)(5 + d), text,
				    x->mark);
			if (st == ST_OK || st == ST_HIDDEN || st == ST_HIDDEN2)
				quality_comment(r, ws, row, 5 + d, a, d, f);
		}
		nt = note(r, a, f, rate);
		worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)(5 + r->ndates), nt, x->wrap);
		if ((n = wrap_lines(u8len(nt), NOTE_W - 1)) > lines)	/* - 1: the indent */
			lines = n;
		if (lines > 1)
			worksheet_set_row(ws, (lxw_row_t)row, 15 * lines, NULL);
		row++;
	}
	row += 2;
	/* the bands of charts from a new page, none split */
	xl_blocks_breaks(ws, row, (xl_charts(r, x, ws, k, th, row) + 1) / 2, BAND_ROWS, scale, 1);
}

/*
 * The sheet "Overblik", as on the page (html_overview()): per figure the
 * latest value shown, its change since the previous cut date and its
 * place among the municipalities that show a value. Values shown only.
 */
static void
xl_overview(struct report *r, struct xl *x, lxw_worksheet *ws, int k)
{
	static const char *heads[] = { "Nøgletal", "Navn", "Enhed", "Seneste opgørelse",
		"Værdi", "Ændring siden forrige opgørelse",
		"Placering blandt kommunerne (1 = højeste)", "Ønsket udvikling" };
	/*
	 * Navn, Enhed, the place and the direction wrapped: printed, fit to
	 * the width (149 characters, 1,083 pt in LibreOffice: print_pt()),
	 * 11-pt type at 7.5 pt there (177 wide: 6.3 pt)
	 */
	static const double width[] = { 9, 34, 14, 12, 10, 16, 30, 24 };
	char buf[128], unit[64], day[48];
	const char *un;
	double v, ch, rv, rch;
	int f, d, rd, pos, of, i, row = 3, ties, n, m;

	for (i = 0; i < 8; i++)
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, width[i], NULL);
	page_setup(ws, 2);
	worksheet_freeze_panes(ws, 3, 2);
	snprintf(buf, sizeof buf, "Socialpsykiatriens nøgletal: %s – Overblik", r->kom[k].name);
	xl_heading(r, x, ws, buf, "Seneste viste værdi pr. nøgletal; kun viste tal indgår.");
	worksheet_set_row(ws, 2, 45, NULL);
	for (i = 0; i < 8; i++)
		worksheet_write_string(ws, 2, (lxw_col_t)i, heads[i], x->headwrap);
	/* ids such as 7.1 are text on purpose */
	worksheet_ignore_errors(ws, LXW_IGNORE_NUMBER_STORED_AS_TEXT, "A1:A200");
	for (f = 0; f < r->nfigs; f++, row++) {
		worksheet_write_string(ws, (lxw_row_t)row, 0, r->figs[f].label, x->top);
		worksheet_write_string(ws, (lxw_row_t)row, 1, r->figs[f].shortname, x->text);
		un = unit_label(r, f, 0, unit);
		worksheet_write_string(ws, (lxw_row_t)row, 2, un, x->text);
		worksheet_write_string(ws, (lxw_row_t)row, 7, r->figs[f].direction, x->text);
		/* the row as high as its longest wrapped text (- 1: the place's indent) */
		n = wrap_lines(u8len(r->figs[f].direction), width[7]);
		if ((m = wrap_lines(u8len(r->figs[f].shortname), width[1])) > n)
			n = m;
		if ((m = wrap_lines(u8len(un), width[2])) > n)
			n = m;
		if (!standing(r, k, f, 0, &d, &v, &ch, &pos, &of)) {
			worksheet_write_string(ws, (lxw_row_t)row, 3, no_value_text(r, k, f), x->top);
			if (n > 1)
				worksheet_set_row(ws, (lxw_row_t)row, 15 * n, NULL);
			continue;
		}
		dk_date(r->dates[d], day);
		if (hidden_after(r, k, f, d))
			strcat(day, " (senere skjult)");
		worksheet_write_string(ws, (lxw_row_t)row, 3, day, x->top);
		worksheet_write_number(ws, (lxw_row_t)row, 4, v, x->num[decimals(r, f, 0)]);
		quality_comment(r, ws, row, 4, k, d, f);
		if (!isnan(ch))	/* a share's change in percentage points */
			worksheet_write_number(ws, (lxw_row_t)row, 5, ch, r->figs[f].kind == ART_SHARE ?
			    x->pp : x->chg[decimals(r, f, 0)]);
		else
			worksheet_write_string(ws, (lxw_row_t)row, 5, "–", x->mark);
		if (r->figs[f].kind != ART_COUNT) {
			ties = rank_ties(r, d, f, 0, v);
			rank_text(pos, ties, of, "", buf, sizeof buf);
		} else if (r->pop && standing(r, k, f, RATE_POP, &rd, &rv, &rch, &pos, &of)) {
			ties = rank_ties(r, rd, f, RATE_POP, rv);
			rank_text(pos, ties, of, " pr. 10.000 18-64-årige", buf, sizeof buf);
		} else
			snprintf(buf, sizeof buf, "–");
		worksheet_write_string(ws, (lxw_row_t)row, 6, buf, x->wrap);
		if ((m = wrap_lines(u8len(buf), width[6] - 1)) > n)
			n = m;
		if (n > 1)
			worksheet_set_row(ws, (lxw_row_t)row, 15 * n, NULL);
	}
}

/*
 * The sheet "Om tallene": what the workbook is, suppression, the group, the
 * data's vintage, the four goals, and per figure its definition, source
 * and desired direction (the catalogue).
 */
static void
xl_about(struct report *r, struct xl *x, lxw_worksheet *ws, int k)
{
	static const char *about[] = {
		"Socialpsykiatriens nøgletal efter Social- og Boligstyrelsens nøgletalskatalog "
		"(2023). Nøgletallene følger omlægningens fire mål for borgerne: forbedret "
		"personlig recovery og trivsel, tidligere indsats, øget grad af uddannelse og "
		"beskæftigelse og forbedret sundhed.",
		"Et ark pr. tema: alle tal i en tabel og diagrammer; tallene til diagrammerne står "
		"i arket Diagramdata.",
		"Gruppe og hele landet er summen af kommunernes tællere og nævnere.",
		"Antal er personer; andele i procent; gennemsnit i point fra 0 til 100; "
		"nøgletal 19 i kr. pr. kr.",
		"i.t. = ikke tilgængelig endnu (Note-kolonnen siger hvorfor); tom celle = ingen "
		"data.",
		NULL
	};
	static const char *heads[] = { "Nøgletal", "Navn", "Definition", "Kilde",
		"Ønsket udvikling" };
	/*
	 * printed fit to the width: 154 characters, 1,103 pt in LibreOffice
	 * (print_pt()), 11-pt type at 7.4 pt there (193 wide: 5.8 pt)
	 */
	static const double width[] = { 9, 30, 55, 40, 20 };
	char buf[512], legend[640], rule[400];
	int i, f, row, n, m;
	double all = 0;	/* the five columns, a merged text's width */

	for (i = 0; i < 5; i++) {
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, width[i], NULL);
		all += width[i];
	}
	page_setup(ws, -1);
	snprintf(buf, sizeof buf, "Socialpsykiatriens nøgletal: %s (kommune %03d)",
	    r->kom[k].name, r->kom[k].code);
	small_rule(r, rule, sizeof rule);
	snprintf(legend, sizeof legend, "%s og er udeladt af diagrammerne, også for gruppen og "
	    "landet; tal vist som .. er skjult, så et lille tal ikke kan regnes ud af de viste.",
	    rule);
	xl_heading(r, x, ws, buf, legend);
	if (r->threshold > 0) {	/* the legend over the page's width, wrapped */
		worksheet_merge_range(ws, 1, 0, 1, 4, legend, x->text);
		worksheet_set_row(ws, 1, 15 * wrap_lines(u8len(legend), all), NULL);
	}
	snprintf(buf, sizeof buf, "Sammenligningsgruppe: %s.", area_name(r, r->group_of[k]));
	worksheet_write_string(ws, 2, 0, buf, NULL);
	worksheet_write_string(ws, 3, 0, vintage_text(r, buf, sizeof buf), NULL);
	for (i = 0; about[i]; i++) {
		worksheet_merge_range(ws, (lxw_row_t)(5 + i), 0, (lxw_row_t)(5 + i), 4, about[i],
		    x->text);
		worksheet_set_row(ws, (lxw_row_t)(5 + i), 15 * wrap_lines(u8len(about[i]), all),
		    NULL);
	}
	if (kv_loaded) {	/* quality_comment() */
		worksheet_merge_range(ws, (lxw_row_t)(5 + i), 0, (lxw_row_t)(5 + i), 4,
		    "Et tal med en kommentar (rødt hjørne) har en advarsel om datakvaliteten: "
		    "se arket Datakvalitet.", x->text);
		i++;
	}
	row = 6 + i;
	worksheet_repeat_rows(ws, (lxw_row_t)row, (lxw_row_t)row);	/* the heading on every page */
	for (i = 0; i < 5; i++)
		worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)i, heads[i], x->head);
	for (f = 0; f < r->nfigs; f++) {
		row++;
		worksheet_write_string(ws, (lxw_row_t)row, 0, r->figs[f].label, x->top);
		worksheet_write_string(ws, (lxw_row_t)row, 1, r->figs[f].name, x->text);
		worksheet_write_string(ws, (lxw_row_t)row, 2, r->figs[f].definition, x->text);
		worksheet_write_string(ws, (lxw_row_t)row, 3, r->figs[f].source_text, x->text);
		worksheet_write_string(ws, (lxw_row_t)row, 4, r->figs[f].direction, x->text);
		/* the row as high as its longest wrapped text */
		n = wrap_lines(u8len(r->figs[f].name), width[1]);
		if ((m = wrap_lines(u8len(r->figs[f].definition), width[2])) > n)
			n = m;
		if ((m = wrap_lines(u8len(r->figs[f].source_text), width[3])) > n)
			n = m;
		if ((m = wrap_lines(u8len(r->figs[f].direction), width[4])) > n)
			n = m;
		if (n > 1)
			worksheet_set_row(ws, (lxw_row_t)row, 15 * n, NULL);
	}
}

void
write_xlsx(struct report *r, const char *path, int k)
{
	struct xl x = { 0 };
	lxw_doc_properties props = { 0 };
	lxw_worksheet *ws, *ov, *fc, *sheet[NTHEME];
	lxw_error e;
	int th, i, charts_row;	/* Fremskrivning's charts from charts_row */
	char buf[512];

	if ((x.wb = workbook_new(path)) == NULL)
		die("%s: cannot create the workbook", path);
	props.title = "Socialpsykiatriens nøgletal";
	props.created = (time_t)r->made;	/* reproducible: see made_time() */
	workbook_set_properties(x.wb, &props);
	x.title = xl(workbook_add_format(x.wb));
	format_set_bold(x.title);
	format_set_font_size(x.title, 14);
	x.bold = xl(workbook_add_format(x.wb));
	format_set_bold(x.bold);
	x.head = xl(workbook_add_format(x.wb));
	format_set_bold(x.head);
	format_set_bottom(x.head, LXW_BORDER_THIN);
	x.warn = xl(workbook_add_format(x.wb));
	format_set_bold(x.warn);
	format_set_font_color(x.warn, LXW_COLOR_RED);
	for (i = 0; i < 4; i++) {
		static const char *const digits[] = { "#,##0", "#,##0.0", "#,##0.00", "#,##0.000" };
		char signed_fmt[64];

		x.num[i] = xl(workbook_add_format(x.wb));
		format_set_num_format(x.num[i], digits[i]);
		format_set_align(x.num[i], LXW_ALIGN_VERTICAL_TOP);
		x.chg[i] = xl(workbook_add_format(x.wb));
		snprintf(signed_fmt, sizeof signed_fmt, "+%s;-%s;%s", digits[i], digits[i], digits[i]);
		format_set_num_format(x.chg[i], signed_fmt);
		format_set_align(x.chg[i], LXW_ALIGN_VERTICAL_TOP);	/* by a wrapped place */
	}
	x.pp = xl(workbook_add_format(x.wb));
	format_set_num_format(x.pp, "+0.0\" pct.-point\";-0.0\" pct.-point\";0.0\" pct.-point\"");
	format_set_align(x.pp, LXW_ALIGN_VERTICAL_TOP);
	x.top = xl(workbook_add_format(x.wb));	/* a row's cells at the top of its note's lines */
	format_set_align(x.top, LXW_ALIGN_VERTICAL_TOP);
	x.headwrap = xl(workbook_add_format(x.wb));	/* a long heading in a narrow column */
	format_set_bold(x.headwrap);
	format_set_bottom(x.headwrap, LXW_BORDER_THIN);
	format_set_text_wrap(x.headwrap);
	format_set_align(x.headwrap, LXW_ALIGN_VERTICAL_BOTTOM);
	x.wrap = xl(workbook_add_format(x.wb));	/* the notes: off the value beside them */
	format_set_text_wrap(x.wrap);
	format_set_align(x.wrap, LXW_ALIGN_VERTICAL_TOP);
	format_set_indent(x.wrap, 1);
	x.text = xl(workbook_add_format(x.wb));	/* a wrapped text: definitions, sources */
	format_set_text_wrap(x.text);
	format_set_align(x.text, LXW_ALIGN_VERTICAL_TOP);
	x.mark = xl(workbook_add_format(x.wb));	/* <5, .., i.t. in a number column */
	format_set_align(x.mark, LXW_ALIGN_RIGHT);
	format_set_align(x.mark, LXW_ALIGN_VERTICAL_TOP);
	/* the overview first, as on the page: the workbook opens on it */
	if ((ov = workbook_add_worksheet(x.wb, "Overblik")) == NULL)
		die("%s: cannot add the sheet Overblik", path);
	for (th = 0; th < NTHEME; th++)
		if (theme_used(r, th) && (sheet[th] = workbook_add_worksheet(x.wb,
		    themes[th].title)) == NULL)
			die("%s: cannot add the sheet %s", path, themes[th].title);
	xlsx_flows(r, x.wb, x.bold, x.headwrap, k);	/* the states' names wrapped */
	fc = xlsx_forecast(r, x.wb, x.bold, x.head, k, &charts_row);
	xlsx_quality(r, x.wb, x.bold, x.head, k);
	ws = workbook_add_worksheet(x.wb, "Om tallene");
	x.data.ws = workbook_add_worksheet(x.wb, "Diagramdata");
	if (ws == NULL || x.data.ws == NULL)
		die("%s: cannot add a sheet", path);
	x.data.bold = x.bold;
	if (r->synthetic) {	/* the blocks below it */
		worksheet_write_string(x.data.ws, 0, 0, xl_title(r, "Diagramdata", buf), x.bold);
		x.data.row = 2;
	}
	worksheet_set_column(x.data.ws, 0, 0, DATA_NAME_W, NULL);
	worksheet_set_column(x.data.ws, 1, MAXDATE + MAXF, DATA_COL_W, NULL);
	r->dk_notes = 1;	/* dates dd.mm.yyyy in the whole workbook, as on the page */
	for (th = 0; th < NTHEME; th++)
		if (theme_used(r, th))
			xl_sheet(r, &x, sheet[th], k, th);
	/*
	 * Fremskrivning (forecast.c): its table, then its charts two by two,
	 * which read their blocks on Diagramdata after the themes' (the blocks
	 * stood beside the table, 14 + 11 x the dates wide, the charts to their
	 * right: printed at 3.3 pt in LibreOffice); printed as the others, fit
	 * to the width of two charts (100 %), the charts from a new page, no
	 * band of two split (two bands a page); its heading row kept in view,
	 * not repeated in print (the pages after the first hold charts only).
	 */
	if (fc != NULL) {
		xlsx_forecast_charts(r, x.wb, fc, &x.data, x.num[0], k, charts_row);
		page_setup(fc, -1);
		worksheet_freeze_panes(fc, 3, 0);
		xl_blocks_breaks(fc, charts_row, 3, FC_BAND_ROWS, 1, 1);	/* 735 pt: 100 % */
	}
	/* Diagramdata printed: its names, then as many dates as readable type allows */
	{
		double w[1 + MAXDATE + MAXF];

		for (w[0] = DATA_NAME_W, i = 1; i <= x.data.wide && i <= MAXDATE + MAXF; i++)
			w[i] = DATA_COL_W;
		page_across(x.data.ws, w, i, 1, 0);
	}
	xl_overview(r, &x, ov, k);
	xl_about(r, &x, ws, k);
	r->dk_notes = 0;
	if ((e = workbook_close(x.wb)) != LXW_NO_ERROR)
		die("%s: cannot write the workbook: %s", path, lxw_strerror(e));
}
