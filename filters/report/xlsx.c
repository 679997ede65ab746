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

/*
 * A sheet per theme: a title, the suppression line, the table as in TSV,
 * and native charts below it. The charts read their numbers from the sheet
 * Diagramdata, where a cell that shows no value is empty (a text such as
 * <5 would be drawn as 0 by Excel).
 */
struct xl {
	lxw_workbook *wb;
	lxw_worksheet *data;	/* Diagramdata */
	int drow;		/* its next free row */
	int dcols;		/* the date columns of the last block */
	lxw_format *title, *bold, *warn, *head, *num[4], *mark, *wrap;
};

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

/* Rows on Diagramdata: a title, the dates, one row per series; the first row. */
static int
xl_block(struct report *r, struct xl *x, const char *title, const struct series *s, int ns)
{
	char day[11];
	int r0 = x->drow, i, d, c;

	worksheet_write_string(x->data, (lxw_row_t)r0, 0, title, x->bold);
	for (d = c = 0; d < r->ndates; d++) {
		if (ns > 0 && s[0].yearly && is_june(r, d))
			continue;	/* a yearly figure: a yearly axis */
		date_fmt(r->dates[d], day);
		worksheet_write_string(x->data, (lxw_row_t)r0 + 1, (lxw_col_t)(++c), day, NULL);
		for (i = 0; i < ns; i++)
			if (!isnan(s[i].v[d]))
				worksheet_write_number(x->data, (lxw_row_t)(r0 + 2 + i), (lxw_col_t)c,
				    s[i].v[d], NULL);
	}
	for (i = 0; i < ns; i++)
		worksheet_write_string(x->data, (lxw_row_t)(r0 + 2 + i), 0, s[i].name, NULL);
	x->drow = r0 + 3 + ns;
	x->dcols = c;
	return r0;
}

/* Charts two by two below the table. */
static void
xl_place(lxw_worksheet *ws, lxw_chart *ch, int *slot, int row0)
{
	lxw_chart_options o = { 0 };

	o.x_offset = *slot % 2 ? 620 : 0;
	o.y_offset = 8;
	o.x_scale = 1.25;	/* 600 x 410 px: room for a legend of up to 11 series */
	o.y_scale = 1.425;
	worksheet_insert_chart_opt(ws, (lxw_row_t)(row0 + *slot / 2 * 22), 0, ch, &o);
	++*slot;
}

static void
xl_line_chart(struct report *r, struct xl *x, lxw_worksheet *ws, int *slot, int row0, const char *title,
    const char *unit, const struct series *s, int ns)
{
	lxw_chart *ch = workbook_add_chart(x->wb, LXW_CHART_LINE);
	lxw_chart_series *ser;
	lxw_chart_line line = { 0 };
	lxw_chart_fill fill = { 0 };
	int r0 = xl_block(r, x, title, s, ns), i;

	for (i = 0; i < ns; i++) {
		ser = chart_add_series(ch, NULL, NULL);
		chart_series_set_categories(ser, "Diagramdata", (lxw_row_t)r0 + 1, 1,
		    (lxw_row_t)r0 + 1, (lxw_col_t)x->dcols);
		chart_series_set_values(ser, "Diagramdata", (lxw_row_t)(r0 + 2 + i), 1,
		    (lxw_row_t)(r0 + 2 + i), (lxw_col_t)x->dcols);
		chart_series_set_name_range(ser, "Diagramdata", (lxw_row_t)(r0 + 2 + i), 0);
		line.color = fill.color = rgb(s[i].color);
		line.width = 2.25;
		line.dash_type = s[i].dash ? LXW_CHART_LINE_DASH_DASH : LXW_CHART_LINE_DASH_SOLID;
		chart_series_set_line(ser, &line);
		chart_series_set_marker_type(ser, LXW_CHART_MARKER_CIRCLE);
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
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
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
	char caption[256], day[16];
	int d = stack_date(r, k, fs, n), i, level, r0, a;
	double v;

	if (d < 0)
		return;
	snprintf(caption, sizeof caption, "%s, %s", title, dk_date(r->dates[d], day));
	r0 = x->drow;
	worksheet_write_string(x->data, (lxw_row_t)r0, 0, caption, x->bold);
	for (i = 0; i < n; i++)
		worksheet_write_string(x->data, (lxw_row_t)r0 + 1, (lxw_col_t)(i + 1),
		    r->figs[fs[i]].shortname, NULL);
	for (level = 0; level < NLEVEL; level++) {
		a = area(r, k, level);
		worksheet_write_string(x->data, (lxw_row_t)(r0 + 2 + level), 0, area_name(r, a),
		    NULL);
		if (all_shown(r, a, d, fs, n))
			for (i = 0; i < n; i++) {
				cell_state(r, a, d, fs[i], 0, &v);
				worksheet_write_number(x->data, (lxw_row_t)(r0 + 2 + level),
				    (lxw_col_t)(i + 1), v, NULL);
			}
	}
	x->drow = r0 + 3 + NLEVEL;
	ch = workbook_add_chart(x->wb, LXW_CHART_BAR_STACKED_PERCENT);
	for (i = 0; i < n; i++) {
		ser = chart_add_series(ch, NULL, NULL);
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
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	xl_place(ws, ch, slot, row0);
}

/* The charts of the plan two by two below the table at row0, as on the HTML page. */
static void
xl_charts(struct report *r, struct xl *x, lxw_worksheet *ws, int k, int th, int row0)
{
	struct chart plan[MAXCHART], *c;
	struct series s[MAXSERIES];
	char buf[512];
	int n = chart_plan(r, th, plan), i, m, slot = 0;

	for (i = 0; i < n; i++)
		switch ((c = &plan[i])->type) {
		case PLAN_OWN:
			m = own_series(r, s, k, c->fs, c->n);
			snprintf(buf, sizeof buf, "Antal personer i %s", r->kom[k].name);
			xl_line_chart(r, x, ws, &slot, row0, buf, "antal personer", s, m);
			break;
		case PLAN_RATE:
		case PLAN_FIGURE:
			m = area_series(r, s, k, c->fs[0], c->type == PLAN_RATE);
			snprintf(buf, sizeof buf, "%s %s", r->figs[c->fs[0]].label,
			    r->figs[c->fs[0]].shortname);
			xl_line_chart(r, x, ws, &slot, row0, buf, unit_label(r, c->fs[0],
			    c->type == PLAN_RATE, buf + 256), s, m);
			break;
		case PLAN_STACK:
			xl_stack_chart(r, x, ws, &slot, row0, k, families[c->fam].title, c->fs, c->n);
			break;
		case PLAN_PARTS:
			snprintf(buf, sizeof buf, "%s i %s over tid", families[c->fam].title,
			    r->kom[k].name);
			m = own_series(r, s, k, c->fs, c->n);
			xl_line_chart(r, x, ws, &slot, row0, buf, "pct.", s, m);
			break;
		}
}

/*
 * A sheet's first two rows: its title, then what suppression did (legend),
 * or the warning that it was off (-n 0).
 */
static void
xl_heading(struct report *r, struct xl *x, lxw_worksheet *ws, const char *title,
    const char *legend)
{
	worksheet_write_string(ws, 0, 0, title, x->title);
	if (r->threshold <= 0)
		worksheet_write_string(ws, 1, 0, "DISKRETIONERING SLÅET FRA (-n 0): tallene er "
		    "ikke diskretionerede og må ikke offentliggøres.", x->warn);
	else
		worksheet_write_string(ws, 1, 0, legend, NULL);
}

static void
xl_sheet(struct report *r, struct xl *x, lxw_worksheet *ws, int k, int th)
{
	static const char *heads[] = { "Nøgletal", "Navn", "Enhed", "Niveau", "Område" };
	char buf[512], legend[512], day[11];
	const char *text;
	int f, rate, level, d, row = 4, a, i, st;
	double v;

	snprintf(buf, sizeof buf, "Socialpsykiatriens nøgletal: %s – %s", r->kom[k].name,
	    themes[th].title);
	snprintf(legend, sizeof legend, "Små tal er diskretioneret (<%ld eller ..), også for "
	    "gruppe og land; i.t. = ikke tilgængelig endnu. Se arket Om tallene.",
	    r->threshold);
	xl_heading(r, x, ws, buf, legend);
	for (i = 0; i < 5; i++)
		worksheet_write_string(ws, 3, (lxw_col_t)i, heads[i], x->head);
	for (d = 0; d < r->ndates; d++) {
		date_fmt(r->dates[d], day);
		worksheet_write_string(ws, 3, (lxw_col_t)(5 + d), day, x->head);
	}
	worksheet_write_string(ws, 3, (lxw_col_t)(5 + r->ndates), "Note", x->head);
	worksheet_set_column(ws, 0, 0, 9, NULL);
	worksheet_set_column(ws, 1, 1, 46, NULL);
	worksheet_set_column(ws, 2, 2, 21, NULL);
	worksheet_set_column(ws, 3, 3, 9, NULL);
	worksheet_set_column(ws, 4, 4, 20, NULL);
	worksheet_set_column(ws, 5, (lxw_col_t)(4 + r->ndates), 11, NULL);
	worksheet_set_column(ws, (lxw_col_t)(5 + r->ndates), (lxw_col_t)(5 + r->ndates), 48, x->wrap);
	worksheet_freeze_panes(ws, 4, 5);
	page_setup(ws, 3);
	/* ids such as 7.1 are text on purpose: no "number stored as text" warning */
	worksheet_ignore_errors(ws, LXW_IGNORE_NUMBER_STORED_AS_TEXT, "A1:A4000");
	ROWS_N(f, rate, level, 1) {
		if (theme_of(r, f) != th)
			continue;
		a = area(r, k, level);
		worksheet_write_string(ws, (lxw_row_t)row, 0, r->figs[f].label, NULL);
		worksheet_write_string(ws, (lxw_row_t)row, 1, r->figs[f].name, NULL);
		worksheet_write_string(ws, (lxw_row_t)row, 2, unit_label(r, f, rate, buf), NULL);
		worksheet_write_string(ws, (lxw_row_t)row, 3, levels[level], NULL);
		worksheet_write_string(ws, (lxw_row_t)row, 4, area_name(r, a), NULL);
		for (d = 0; d < r->ndates; d++) {
			st = cell_state(r, a, d, f, rate, &v);
			text = cell_text(r, a, d, f, rate, buf);
			if (st == ST_OK)
				worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)(5 + d), v,
				    x->num[decimals(r, f, rate)]);
			else if (*text)
				worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)(5 + d), text,
				    x->mark);
		}
		worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)(5 + r->ndates),
		    note(r, a, f, rate), x->wrap);
		row++;
	}
	row += 2;
	xl_charts(r, x, ws, k, th, row);
}

/*
 * The overview, as on the page (html_overview()): per figure the latest
 * value shown, its change since the previous cut date and its place among
 * the municipalities that show a value. Values shown only.
 */
static void
xl_overview(struct report *r, struct xl *x, lxw_worksheet *ws, int k, int row)
{
	static const char *heads[] = { "Nøgletal", "Seneste opgørelse", "Værdi",
		"Ændring siden forrige opgørelse", "Placering blandt kommunerne (1 = højeste)" };
	char buf[128], day[11];
	double v, ch, rv, rch;
	int f, d, rd, pos, of, i;

	worksheet_write_string(ws, (lxw_row_t)row++, 0, "Overblik", x->bold);
	for (i = 0; i < 5; i++)
		worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)i, heads[i], x->head);
	for (f = 0; f < r->nfigs; f++) {
		row++;
		worksheet_write_string(ws, (lxw_row_t)row, 0, r->figs[f].label, NULL);
		if (!standing(r, k, f, 0, &d, &v, &ch, &pos, &of)) {
			worksheet_write_string(ws, (lxw_row_t)row, 1, "ingen viste tal", NULL);
			continue;
		}
		date_fmt(r->dates[d], day);
		worksheet_write_string(ws, (lxw_row_t)row, 1, day, NULL);
		worksheet_write_number(ws, (lxw_row_t)row, 2, v, x->num[decimals(r, f, 0)]);
		if (!isnan(ch))
			worksheet_write_number(ws, (lxw_row_t)row, 3, ch, x->num[decimals(r, f, 0)]);
		if (r->figs[f].kind != ART_COUNT)
			snprintf(buf, sizeof buf, "nr. %d af %d", pos, of);
		else if (r->pop && standing(r, k, f, RATE_POP, &rd, &rv, &rch, &pos, &of))
			snprintf(buf, sizeof buf, "nr. %d af %d pr. 10.000 18-64-årige", pos, of);
		else
			snprintf(buf, sizeof buf, "–");
		worksheet_write_string(ws, (lxw_row_t)row, 4, buf, NULL);
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
	static const double width[] = { 9, 44, 90, 60, 24 };
	char buf[512], legend[512];
	int i, f, row;

	for (i = 0; i < 5; i++)
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, width[i], NULL);
	page_setup(ws, -1);
	snprintf(buf, sizeof buf, "Socialpsykiatriens nøgletal: %s (kommune %03d)",
	    r->kom[k].name, r->kom[k].code);
	snprintf(legend, sizeof legend, "Små tal er diskretioneret: antal under %ld, og andele "
	    "og gennemsnit for under %ld personer, vises som <%ld og er udeladt af "
	    "diagrammerne, også for gruppen og landet; tal vist som .. er skjult, så et "
	    "lille tal ikke kan regnes ud af de viste.", r->threshold, r->threshold,
	    r->threshold);
	xl_heading(r, x, ws, buf, legend);
	snprintf(buf, sizeof buf, "Sammenligningsgruppe: %s.", area_name(r, r->group_of[k]));
	worksheet_write_string(ws, 2, 0, buf, NULL);
	worksheet_write_string(ws, 3, 0, vintage_text(r, buf, sizeof buf), NULL);
	for (i = 0; about[i]; i++)
		worksheet_write_string(ws, (lxw_row_t)(5 + i), 0, about[i], NULL);
	row = 6 + i;
	for (i = 0; i < 5; i++)
		worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)i, heads[i], x->head);
	for (f = 0; f < r->nfigs; f++) {
		row++;
		worksheet_write_string(ws, (lxw_row_t)row, 0, r->figs[f].label, NULL);
		worksheet_write_string(ws, (lxw_row_t)row, 1, r->figs[f].name, NULL);
		worksheet_write_string(ws, (lxw_row_t)row, 2, r->figs[f].definition, NULL);
		worksheet_write_string(ws, (lxw_row_t)row, 3, r->figs[f].source_text, NULL);
		worksheet_write_string(ws, (lxw_row_t)row, 4, r->figs[f].direction, NULL);
	}
	xl_overview(r, x, ws, k, row + 2);
}

void
write_xlsx(struct report *r, const char *path, int k)
{
	struct xl x = { 0 };
	lxw_doc_properties props = { 0 };
	lxw_worksheet *ws, *sheet[NTHEME];
	lxw_error e;
	int th, i;

	if ((x.wb = workbook_new(path)) == NULL)
		die("%s: cannot create the workbook", path);
	props.title = "Socialpsykiatriens nøgletal";
	props.created = (time_t)r->made;	/* reproducible: see made_time() */
	workbook_set_properties(x.wb, &props);
	x.title = workbook_add_format(x.wb);
	format_set_bold(x.title);
	format_set_font_size(x.title, 14);
	x.bold = workbook_add_format(x.wb);
	format_set_bold(x.bold);
	x.head = workbook_add_format(x.wb);
	format_set_bold(x.head);
	format_set_bottom(x.head, LXW_BORDER_THIN);
	x.warn = workbook_add_format(x.wb);
	format_set_bold(x.warn);
	format_set_font_color(x.warn, LXW_COLOR_RED);
	for (i = 0; i < 4; i++) {
		x.num[i] = workbook_add_format(x.wb);
		format_set_num_format(x.num[i], i == 0 ? "#,##0" : i == 1 ? "#,##0.0" : i == 2 ?
		    "#,##0.00" : "#,##0.000");
	}
	x.wrap = workbook_add_format(x.wb);	/* the notes */
	format_set_text_wrap(x.wrap);
	format_set_align(x.wrap, LXW_ALIGN_VERTICAL_TOP);
	x.mark = workbook_add_format(x.wb);	/* <5, .., i.t. in a number column */
	format_set_align(x.mark, LXW_ALIGN_RIGHT);
	for (th = 0; th < NTHEME; th++)
		if (theme_used(r, th) && (sheet[th] = workbook_add_worksheet(x.wb,
		    themes[th].title)) == NULL)
			die("%s: cannot add the sheet %s", path, themes[th].title);
	xlsx_flows(r, x.wb, x.bold, x.head, k);
	xlsx_forecast(r, x.wb, x.bold, x.head, k);
	xlsx_quality(r, x.wb, x.bold, x.head, k);
	ws = workbook_add_worksheet(x.wb, "Om tallene");
	x.data = workbook_add_worksheet(x.wb, "Diagramdata");
	if (ws == NULL || x.data == NULL)
		die("%s: cannot add a sheet", path);
	worksheet_set_column(x.data, 0, 0, 44, NULL);
	for (th = 0; th < NTHEME; th++)
		if (theme_used(r, th))
			xl_sheet(r, &x, sheet[th], k, th);
	xl_about(r, &x, ws, k);
	if ((e = workbook_close(x.wb)) != LXW_NO_ERROR)
		die("%s: cannot write the workbook: %s", path, lxw_strerror(e));
}
