/*
 * report: the state of one run and the interfaces between its parts.
 *
 *   model.c     reading the figure streams, areas and groups, pooling,
 *               the population (-p)
 *   suppress.c  primary and secondary suppression, once for every area
 *   audit.c     what a reader can tell from all sums together (the audit)
 *   reuse.c     -L: the early model's suppression taken where it holds
 *   present.c   what a cell shows: states, values, units, notes, Danish
 *               numbers and dates, themes, every Danish text of the page
 *   plan.c      which charts a theme has (one plan for HTML and XLSX), the
 *               series they draw and their colours
 *   tsv.c html.c svg.c xlsx.c   one writer per format
 *   ../report.c options, the files written, main()
 *
 * The writers only ask cell_state() what to show.
 */
#ifndef REPORT_H
#define REPORT_H

#include <stdio.h>

#include "catalog.h"
#include "tables.h"
#include "tsv.h"

#define MAXFIG 64
#define MAXDATE 64
#define MAXCHART (2 * MAXFIG)
#define NOTELEN 4096
#define MAXCMP 8

enum { KOM, GRP, LAND, NLEVEL };	/* the three areas of a report */
/* What a cell shows, and the reasons in the order NOTE lists them. */
enum { ST_OK, ST_LATE, ST_YEARLY, ST_NOGROUP, ST_NODATA, ST_EMPTY, ST_NOPOP, ST_HIDDEN,
	ST_HIDDEN2, ST_OWN, NSTATE };	/* ST_EMPTY: a share of 0 of 0 (-n 0); ST_OWN: shown,
					 * the municipality's own figure (-e); NOTE only */

/*
 * One key figure at one cut date for one area. The flags are bits, so
 * that a cell is 64 bytes: the audit reads every cell of each sum it takes
 * up, and chars (80 bytes) took a tenth more of a national report's time
 * (report -o tsv, 2026-12-05).
 */
struct cell {
	double t, n;		/* TAELLER, NAEVNER; pooled for groups and country */
	double lo, hi;		/* what a reader can tell of its weight (audit) */
	double tlo, thi;	/* and of its TAELLER, a share of persons (audit) */
	int link;		/* its first sum in audit.c's links, + 1; 0 none */
	int lo_by, hi_by;	/* the sum that last moved lo, hi (audit: its index + 1; 0 none) */
	unsigned has : 1;	/* a row was read (or pooled) */
	unsigned primary : 1;	/* small by itself */
	unsigned hidden : 1;	/* suppressed, primary or secondary */
	unsigned filled : 1;	/* no row: 0 (see fill_zeros) */
	unsigned own : 1;	/* from the municipality's own stream (-e) */
	unsigned small : 2;	/* its figure's SMALL_ rule (a flow: SMALL_COUNT) */
	unsigned virt : 1;	/* never shown: a sum the reader knows only as one (audit) */
	unsigned flow : 1;	/* a count of the flow matrix: hidden before a key figure */
	unsigned fresh : 1;	/* hidden by this audit: its bounds are a shown cell's */
	unsigned helped : 1;	/* exposed, and a cell hidden for it by this audit */
	unsigned hid0 : 1;	/* hidden when the suppression's rounds began (reuse.c) */
	unsigned redo : 1;	/* in a group of sums reuse() does not take (while it runs) */
	unsigned known : 1;	/* shown by a report published before (earlier.c) */
	unsigned seen : 1;	/* and so in it, not a matrix sum that is such a level */
	unsigned freed : 1;	/* known, but hidden if need be (suppress.c: let_go()) */
	unsigned was_small : 1;	/* <N in a report published before (earlier.c) */
	unsigned blind : 1;	/* a flow of the matrix: hidden, .. whether small or not */
	unsigned late : 1;	/* of the matrix: step 2 before figure 6's first date, i.t. */
	unsigned alone : 1;	/* left exposed by this report's audit alone (earlier.c) */
	unsigned held : 1;	/* hidden by a report published before of later dates (earlier.c) */
};
_Static_assert(SMALL_NONE < 4, "struct cell's small holds a SMALL_ rule in 2 bits");

/* A cell left exposed by the last audit: in sum rel, its total (pos -1) or part pos. */
struct stuck {
	struct cell *c;
	int rel, pos;
	int ont;		/* exposed on its TAELLER (persons; 2: N less them) */
};

struct rel {			/* total = sum of parts; total NULL: parts = 100 % */
	struct cell *total;
	int area;		/* a sum inside this area; -1: across areas */
	int off, n;		/* the parts: relpart[off .. off + n) */
	signed char kind;	/* of every cell in it: how to weigh them */
	signed char on_t;	/* 0: weights; 1: TAELLER; 2: TAELLER of parts = total's N;
				 * 3, 4: a mean's shortfall (audit.c); 5: N - TAELLER */
	signed char integral;	/* whole numbers (persons, admissions): bounds rounded */
	signed char audit_only;	/* a balance the audit bounds with; check_sum() leaves it */
	signed char pct;	/* a share of persons' fractions (11-12.2, 0-1 a person)
				 * audited as a mean (kind ART_MEAN): its scores are
				 * 100 x TAELLER, points as a mean's (not whole) */
};

/* Everything one run knows: the catalogue, the areas, the cells. */
struct report {
	const struct catfig *figs;	/* the catalogue, ascending id */
	int nfigs;
	int dates[MAXDATE], ndates;	/* the cut dates read, ascending */
	const struct kommune *kom;	/* areas 0 .. nkom-1, ascending code */
	int nkom, ngroups, narea, land;	/* groups nkom.., country land */
	int kom_at[1000];		/* municipality code -> area + 1 */
	int nregions;			/* groups nkom .. nkom+nregions-1: the regions */
	int *region_of;			/* municipality area -> region area */
	int *group_of;			/* municipality area -> the report's group area, -1 */
	char **group_name;		/* [area - nkom]: a group's name */
	int *group_size;		/* [area - nkom]: its municipalities */
	char *present;			/* [municipality area]: it has a row in the input, or is -k's */
	int asked;			/* -k's municipality area, -1 without -k */
	struct cell *cells;		/* [fig][date][area] (AT): a sum across areas reads neighbours */
	struct cell *pair;		/* [date][area]: 7.1 + 7.2 as one cell (virt; suppress.c) */
	double *pop;			/* [area][date]: 18-64-year-olds, NAN */
	struct rel *rels;		/* the sums suppression keeps safe */
	struct cell **relpart;
	int nrels, nrelpart, relcap, partcap;
	struct cell *fcells;		/* the flow matrices' cells (flows.c), nfcells */
	size_t nfcells;
	int taken_sums;			/* -L: its sums and the cells beside the table are the
					 * early model's (take()) */
	struct stuck *stuck;		/* the cells the last audit left exposed, by sum */
	int nstuck;
	char *reused;			/* [rel]: its suppression taken from an earlier model */
	int *links;			/* each cell's sums (audit.c: sums_link(); a cell's link) */
	int given_up;			/* its audit stopped (audit_stop()): not suppressed */
	struct cell *left;		/* a cell the audit left exposed, nothing to hide for it */
	int left_t;			/* left exposed on its persons (TAELLER; 2: N less
					 * them), not its N */
	int nleft;			/* the sums it and others are exposed in (audit) */
	long threshold;			/* -n */
	long fc_level;			/* -c: -P's intervals' level, percent */
	long fc_periods;		/* -w: the periods it estimated from (forecast -k) */
	const struct published *published;	/* -K: the reports published before */
	int npublished;
	int strict;			/* -W: what -K's report gives away fails the report */
	int synthetic;			/* -S: synth's data, said on every page and sheet */
	int strict_known;		/* -X or -W: what -K's reports give away fails it */
	int latest;			/* -l: the latest record date (day), 0: not given */
	long made;			/* the time written into files (seconds) */
	int made_given;			/* it is $SOURCE_DATE_EPOCH: a production date */
	int cmp[MAXCMP], ncmp;		/* -s: comparison municipality areas */
	int plot_right;			/* the plot's right edge in this chart */
	int dk_notes;			/* note() writes Danish dates (the page) */
	int chartno;			/* the page's charts so far: "Figur N" */
};

#define AT(a, d, f) (&r->cells[((size_t)(f) * (size_t)r->ndates + (size_t)(d)) * \
	(size_t)r->narea + (size_t)(a)])
#define POP(a, d) r->pop[(size_t)(a) * (size_t)r->ndates + (size_t)(d)]

/*
 * Rows of a report: figure, then its value, the count per 10,000 (-p) or
 * the N of a share or mean (HTML and XLSX: rows_n), then level. rate is
 * RATE_NONE, RATE_POP or RATE_N.
 */
enum { RATE_NONE, RATE_POP, RATE_N };
#define ROWS_N(f, rate, level, rows_n) \
	for (f = 0; f < r->nfigs; f++) \
		for (rate = 0; rate >= 0; rate = next_rate(r, f, rate, rows_n)) \
			for (level = 0; level < NLEVEL; level++)
#define ROWS(f, rate, level) ROWS_N(f, rate, level, 0)

/* Themes: a section of the page and a sheet of the workbook each. */
struct theme {
	const char *key, *title;
};
#define NTHEME 7
extern const struct theme themes[NTHEME];
/* Shares that split one whole: a bar per area at the latest date. */
struct family {
	int major;
	const char *title;
};
#define NFAMILY 2
extern const struct family families[NFAMILY];
extern const char *levels[NLEVEL];

/*
 * The chart plan of a theme, for every format: the municipality's counts
 * (PLAN_OWN), each count per 10,000 for the three areas (PLAN_RATE, with
 * -p), each other figure for the three areas (PLAN_FIGURE), a family of
 * shares as 100 % bars (PLAN_STACK) and over time (PLAN_PARTS). A new kind
 * of chart is a new PLAN_ value, a line in chart_plan() and a case in
 * html_charts() and xl_charts().
 */
enum { PLAN_OWN, PLAN_RATE, PLAN_FIGURE, PLAN_STACK, PLAN_PARTS };
struct chart {
	int type;		/* PLAN_ */
	int fam;		/* PLAN_STACK, PLAN_PARTS: index in families[] */
	int n, fs[MAXFIG];	/* the figures (indexes in r->figs) */
};

#define NPAL 8
#define MAXSERIES (NLEVEL + MAXCMP)
struct series {			/* one line of a chart */
	char name[160];
	const char *color;
	int dash;		/* dashed (the country) */
	int yearly;		/* no value at 30 June: no gap there */
	double v[MAXDATE];	/* NAN: nothing shown */
	char st[MAXDATE];	/* why: its cell_state() */
};

/* model.c */
int area(struct report *r, int k, int level);
const char *area_name(struct report *r, int a);
int is_june(struct report *r, int d);
int has_figures(struct report *r, int a);
int own_data(const struct report *r, int f);
void report_free(struct report *r);
void load_catalogue(struct report *r);
void load_groups(struct report *r, const char *path);
/* The figure rows read so far: by municipality, date slot and figure (read.c). */
struct rows {
	struct cell *raw;
	int slot_day[MAXDATE], nslot;
};
void rows_read(struct report *r, struct rows *w, tsv *t, int own);
void rows_build(struct report *r, const struct rows *w);	/* the dates and cells */
void model_free(struct report *r);	/* what rows_build() and after allocated */
void load_compare(struct report *r, const char *list);
int date_index(struct report *r, int day);
void load_population(struct report *r, const char *path);
void pool(struct report *r);
int split_part(const struct report *r, int f);	/* 13.1, 13.2 (read.c) */
int unsplit(const struct report *r, int a, int d);	/* 13 not split by the snapshot (read.c) */

/* suppress.c */
void suppress_early(struct report *r);	/* suppress() but the end: an earlier model */
void suppress(struct report *r, const struct report *early);
void add_weight_balance(struct report *r, struct cell *total, struct cell *part, int f,
    int area);	/* total = part's weight (figure f), for the audit */
void add_count_balance(struct report *r, struct cell *total, struct cell **parts, int n,
    int area);
void add_count_sum(struct report *r, struct cell *total, struct cell **parts, int n,
    int area);	/* a sum of counts inside area (the flow matrix) */
/* What c is, for a message: "figure 4 of Vesthimmerland at 2023-06-30" (t: its persons). */
void cell_what(struct report *r, const struct cell *c, int t, char what[160]);
/* flows.c: the same of a flow matrix's cell; 0 where c is none */
int flows_what(struct report *r, const struct cell *c, char what[160]);
/* The area a table's or a flow matrix's cell is of; -1 for other cells. */
int cell_area(const struct report *r, const struct cell *c);
int flows_area(const struct report *r, const struct cell *c);	/* flows.c: a matrix's */

/* earlier.c: -K, what this report and those published before tell together */
#define PUBLISHED_MAX 1024
struct published {
	const char *table;		/* -K: a report's table (-o tsv) */
	const char *flows;		/* -J after it: its flow matrices (-M), or NULL */
};
int earlier_mark(struct report *r);	/* the cells known: how many */
void earlier_forget(struct report *r);
void earlier_check(struct report *r);

/* audit.c: the audit, and the helpers it shares with suppress.c */
double weight(const struct cell *c, int kind);
int in_custom(const struct report *r, const struct rel *rel);
int holds(const struct rel *rel, struct cell **p);
void reader_bounds(const struct report *r, const struct cell *c, double *lo, double *hi);
int exposed(const struct report *r, const struct cell *c, double lo, double hi);
int recovered(const struct cell *c);	/* its weight pinned, or a <N known to be 0 */
int left_recovered(const struct cell *c, int t);	/* or, t, its persons pinned */
/* points: a hidden mean (or share of fractions, 11-12.2) known to within this is exposed */
#define MEAN_W 4.0
struct cell *choose(const struct rel *rel, struct cell **p);
void sums_link(struct report *r);	/* each cell's sums, before local_pass and audit */
/*
 * Or links[] made by sums_link() for the same sums, each cell's link set
 * (reuse.c); then no sum is audited but those sum_on() says.
 */
void sums_take(struct report *r, int *links);
void sum_on(const struct report *r, int i);
void sums_again(const struct report *r);	/* every sum audited and looked at again */
int *sums_free(void);	/* the rounds' arrays; returns links[] (r->links) */
void hide(struct cell *c);	/* hidden, and its sums dirty */
int sum_dirty(int i);	/* was a cell of sum i hidden since this was asked? */
int audit(struct report *r);	/* the cells it hid */
/* The hidden cells exposed where those marked known are (-K); *first one of them. */
int audit_known(struct report *r, struct cell **first, int *first_t);
/* Until set again, an audit gives up (r->given_up) when stop() says so. */
void audit_stop(int (*stop)(void));
const int *sums_of(const struct cell *c);	/* its sums (sums_link()), up to a -1 */
void sum_skip(int i);	/* sum i left out of the rounds: not audited, not looked at */

/* reuse.c (-L) */
int take(struct report *r, const struct report *early);	/* 0: the model's own sums */
void links_take(struct report *r, const struct report *early);	/* take()'s, for sums_link() */
void reuse(struct report *r, const struct report *early);	/* sums_link() first */
void pick_left(struct report *r, const struct report *early);	/* the last audit's exposed */
/* A sum of means whose hidden parts' scores it pins (within 4 points), alone. */
int mean_exposed_alone(const struct report *r, const struct rel *rel, struct cell **p);

/* present.c */
int decimals(struct report *r, int f, int rate);
void small_rule(const struct report *r, char *buf, size_t cap);	/* what <N is, for the legends */
int next_rate(struct report *r, int f, int rate, int rows_n);
int has_n(const struct report *r, int f);
int cell_state(struct report *r, int a, int d, int f, int rate, double *v);
/* The overview: how many share value v's rank, the rank as text, why no value. */
int rank_ties(struct report *r, int d, int f, int rate, double v);
const char *rank_text(int pos, int ties, int of, const char *suffix, char *out, size_t size);
const char *no_value_text(struct report *r, int k, int f);
const char *unit_label(struct report *r, int f, int rate, char out[64]);
const char *cell_text(struct report *r, int a, int d, int f, int rate, char out[64]);
const char *note(struct report *r, int a, int f, int rate);
const char *note_range(struct report *r, int a, int f, int rate, int d0, int d1);
int theme_of(struct report *r, int f);
int theme_used(struct report *r, int th);
int family_of(struct report *r, int f);
const char *dk_num(double v, int dec, char out[48]);
const char *dk_date(int day, char out[16]);
const char *xl_title(const struct report *r, const char *title, char buf[512]);	/* -S said */
const char *vintage_text(struct report *r, char *out, size_t size);
int hidden_after(struct report *r, int k, int f, int d);	/* after standing()'s date */
int standing(struct report *r, int k, int f, int rate, int *d, double *v, double *change,
    int *pos, int *of);

/* plan.c */
const char *part_color(struct report *r, int f, int i);
int area_series(struct report *r, struct series *s, int k, int f, int rate);
int own_series(struct report *r, struct series *s, int k, const int *fs, int n);
int all_shown(struct report *r, int a, int d, const int *fs, int n);
int stack_date(struct report *r, int k, const int *fs, int n);
int chart_plan(struct report *r, int th, struct chart *plan);

/* tsv.c */
void write_tsv(struct report *r, FILE *out, int k, int head);

/* svg.c */
void esc(FILE *out, const char *s);
void line_chart(struct report *r, FILE *out, const char *title, const char *unit,
    const struct series *s, int ns, int dec, const char *suffix, const char *note_html,
    int wide);
int stack_chart(struct report *r, FILE *out, int k, const char *title, const int *fs, int n);

/* html.c */
void write_html(struct report *r, FILE *out, int k);

/* xlsx.c */
void write_xlsx(struct report *r, const char *path, int k);
/* What libxlsxwriter made (a chart, a series, a format): NULL only when
 * memory ran out, which is then fatal, not a crash in a later call. */
void *xl(void *made);
/* Lines text takes wrapped in a column w characters wide (a row's height: 15 pt a line). */
int xl_lines(const char *text, double w);

/* jobs.c */
#define JOBS_MAX 64
int jobs_cores(void);
int jobs_start(int n);
void jobs_end(int w);

#endif
