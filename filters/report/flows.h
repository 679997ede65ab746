/*
 * flows: the flow of the stair (report -F, the output of flows) and the
 * forecast (report -P, the output of forecast) in the report: per
 * half-year a Sankey diagram and the matrix in the HTML, a sheet with the
 * matrix per period and a sheet with the forecast in the workbook, the
 * forecast as a dashed continuation of the level charts with its interval,
 * and (report -B, forecast -b) the backtest's error in one sentence.
 * Flow counts are suppressed as counts, with the matrix's row and column
 * sums protected (flows.c says how).
 */
#ifndef REPORT_FLOWS_H
#define REPORT_FLOWS_H

#include <stdio.h>
#include <xlsxwriter.h>

#include "quality.h"
#include "report.h"

/* flows.c */
void flows_load(struct report *r, const char *path);
void flows_nav(struct report *r, FILE *out, int k);
void html_flows(struct report *r, FILE *out, int k);
void xlsx_flows(struct report *r, lxw_workbook *wb, lxw_format *bold, lxw_format *head, int k);
/* xlsx.c: a date as a date of the sheet, in the format xl_date_format() adds (dd.mm.yyyy) */
void xl_date(lxw_worksheet *ws, int row, int col, int day, lxw_format *fmt);
lxw_format *xl_date_format(lxw_workbook *wb);
void flows_tsv(struct report *r, FILE *out, int k);	/* -M; k < 0: the header */
int flows_first(void);	/* t of the first period read (-F), or -1 */
struct cell *flows_known(struct report *r, int k, int day, const char *fra, const char *til,
    const char *text, int *same);	/* -J */
/* The index of day in dates[0..*n), kept ascending, added if new; -1: full. */
int flows_date_index(int *dates, int *n, int max, int day);

/*
 * xlsx.c: Diagramdata, the numbers the workbook's charts read, a block per
 * chart (diagram_block() writes its head)
 */
struct diagram {
	lxw_worksheet *ws;
	int row;		/* its next free row */
	int wide;		/* the columns of its widest block */
	lxw_format *bold;	/* a block's title */
};
int diagram_block(struct diagram *dd, const char *title, const char *unit, int nrows, int ncols);

/* forecast.c */
#define MAXF 8			/* forecast dates */
#define FC_CHART_PX 480		/* a chart's width on Fremskrivning, two side by side 20 px apart */
#define FC_BAND_ROWS 14		/* a band of two charts: its rows (15 pt); two bands a page */
void forecast_load(struct report *r, const char *path);
void backtest_load(struct report *r, const char *path);	/* -B: forecast -b */
int forecast_any(void);	/* a forecast was read: every municipality gets the section */
void html_forecast(struct report *r, FILE *out, int k);
/*
 * The sheet Fremskrivning with its table (NULL: no forecast; *charts_row:
 * where its charts go), then its charts reading dd
 */
lxw_worksheet *xlsx_forecast(struct report *r, lxw_workbook *wb, lxw_format *bold,
    lxw_format *head, int k, int *charts_row);
void xlsx_forecast_charts(struct report *r, lxw_workbook *wb, lxw_worksheet *ws,
    struct diagram *dd, lxw_format *count, int k, int row0);

/* kvalitet.c: the data quality stream (report -q, the output of quality) */
void quality_load(struct report *r, const char *path);
int quality_mark(struct report *r, int a, int d, int f);	/* a warning on f */
/* The mark's words: "Advarsel om datakvaliteten (Brud i indberetningen): se ..." */
const char *quality_mark_text(struct report *r, int a, int d, int f, const char *where,
    char *out, size_t cap);
void quality_nav(FILE *out);
void html_quality(struct report *r, FILE *out, int k);
void quality_intro(const struct report *r, char *buf, size_t cap);	/* its text */
void quality_about(struct report *r, FILE *out, int k, const int *fs, int n);
void xlsx_quality(struct report *r, lxw_workbook *wb, lxw_format *bold, lxw_format *head, int k);
void quality_overview(struct report *r, const char *dir);	/* dir/kvalitet.html */
void quality_free(void);
/* kvalitet.c's state, shared with kvalitet-land.c (the sheet, the page) */
struct qrule {			/* a line of kvalitet.tsv */
	const struct qthr *thr;	/* the line as q_rules() read it */
	char *text;		/* its FORKLARING with GRAENSE put in */
	int persons;		/* a share of persons, 2: of records only (kv_hidden) */
	int spring;		/* the rule spring */
};
struct qline {			/* a row of the quality stream */
	int k, day, rule, warn;	/* municipality area, date, rule index, ADVARSEL */
	int hide;		/* shown <N, without its warning (kv_hidden) */
	const char *det;	/* DETALJE, one copy of each value */
	int det_rank;		/* its place among the values in strcmp() order */
	double v, n;
};
extern struct qrule *kv_rules;
extern int kv_nrules, kv_loaded;
extern struct qline *kv_rows;
extern long kv_nrows;
const char *kv_name(int rule);	/* the indicator's Danish name */
const char *kv_det(const struct qline *q, char *out, size_t cap);	/* DETALJE shown */
const char *kv_shown(struct report *r, const struct qline *q, char *out, size_t cap);
struct qline **kv_rows_of(int k, long *n, int *dates, int *nd);	/* k's, sorted; free it */

#endif
