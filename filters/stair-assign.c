/*
 * stair-assign: add the step on the stair (TRIN) to each handic row
 * (SPEC 2, Socialpsykiatriens Indsatstrappe).
 * Reads MODT_YDELSE_KODE; writes every column unchanged plus TRIN last.
 * Codes not in the stair table get step 0; each such code is listed on
 * stderr with its row count, so a wrong table shows at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "field.h"
#include "tables.h"
#include "opts.h"
#include "pnrset.h"
#include "tsv.h"
#include "util.h"

#define SYNOPSIS "stair-assign [-hu] [-c copy] [-m stair-table] [-r rejects] [-z level]"

struct code {
	char *code;		/* MODT_YDELSE_KODE */
	int trin;		/* its step, 0 for codes found off the table */
	long rows;		/* rows with the code (step-0 codes only) */
	long line;		/* its line in the stair table (table codes only) */
};

/*
 * Codes and their steps: the table's, then those found off it (step 0) in
 * the order found; set gives a code's index, so a row costs one probe
 * however many codes there are.
 */
struct codes {
	struct code *c;
	int n, ntable;
	size_t cap;
	pnrset *set;
};

static const struct prog prog = {
	SYNOPSIS,
	"c:hm:r:uz:",
	    "Adds the column TRIN (0-8) to every row: the step of MODT_YDELSE_KODE in\n"
	    "the stair table (default share/noegletal/trappe.tsv, columns TRIN and\n"
	    "MODT_YDELSE_KODE). A code not in the table is step 0: the person is in\n"
	    "the target group but on no step. At the end every code mapped to step 0\n"
	    "is listed on stderr with its row count.\n"
	    "\n"
	    "  -c copy     also write the output to the new file copy, as tee(1)\n"
	    "              would, without its process and a pipe between\n"
	    "  -m stair-table  another stair table",
	RANGE_NONE,
	NULL,
	"m",		/* files read: no reject file replaces one */
};

/* The command line. */
struct args {
	struct opts o;
	const char *table;	/* -m */
	const char *copy;	/* -c */
};

/* The index of a code, added with trin when new (a repeat keeps its first step). */
static int
code_id(struct codes *cs, const char *code, int trin)
{
	int id = ps_add(cs->set, code, strlen(code));

	if (id == cs->n) {
		cs->c = grow(cs->c, &cs->cap, (size_t)cs->n + 1, sizeof *cs->c);
		cs->c[cs->n].code = estrdup(code);
		cs->c[cs->n].trin = trin;
		cs->c[cs->n].rows = 0;
		cs->c[cs->n].line = 0;
		cs->n++;
	}
	return id;
}

/*
 * The stair table. A code given twice is an error, even with the same
 * step: which row holds would depend on their order; a table without a
 * code is one too (review r1, 2026-12-06: every service on step 0).
 */
static void
load_stair(struct codes *stair, const char *path)
{
	tsv *t = table_open(path, "trappe.tsv");
	int c_trin, c_kode, id;
	long trin;
	char shown[160];

	tsv_cols(t, "TRIN", &c_trin, "MODT_YDELSE_KODE", &c_kode, (char *)NULL);
	while (tsv_row(t)) {
		if (!parse_uint(t->f[c_trin], &trin) || trin < 1 || trin > 8 ||
		    t->f[c_kode][0] == '\0')
			die("%s:%ld: a stair row needs TRIN 1-8 and a code", t->name,
			    t->line);
		id = code_id(stair, t->f[c_kode], (int)trin);
		if (stair->c[id].line != 0)
			die("%s:%ld: MODT_YDELSE_KODE %s given twice (also line %ld)",
			    t->name, t->line, show_value(t->f[c_kode], shown,
			    sizeof shown), stair->c[id].line);
		stair->c[id].line = t->line;
	}
	if (stair->n == 0)	/* every service on step 0: levels 1-6 all 0, exit 0 */
		die("%s: the stair table holds no code", t->name);
	tsv_close(t);
	stair->ntable = stair->n;
}

/* The step of a code; one off the table is step 0, and its rows are counted. */
static int
trin_of(struct codes *cs, const char *code)
{
	int id = code_id(cs, code, 0);

	if (id >= cs->ntable)
		cs->c[id].rows++;
	return cs->c[id].trin;
}

/* Every code mapped to step 0 with its rows; never a person key, were one there. */
static void
list_zero(const struct codes *cs)
{
	char shown[160];
	int i;

	for (i = cs->ntable; i < cs->n; i++)
		fprintf(stderr, "%s: step 0: MODT_YDELSE_KODE %s: %ld rows\n", argv0,
		    show_code(cs->c[i].code, shown, sizeof shown), cs->c[i].rows);
}

static void
options(struct args *a, int argc, char **argv)
{
	int c;

	opts_start(&a->o, argc, argv);
	a->table = a->copy = NULL;
	while ((c = opts_next(&a->o, &prog, argc, argv)) != -1)
		if (c == 'c')
			a->copy = a->o.arg;
		else
			a->table = a->o.arg;	/* -m */
}

/* Standard input to standard output (a failure dies). */
static void
run(const struct args *a)
{
	struct codes codes = { NULL, 0, 0, 0, NULL };
	int c_kode;
	tsv *t;
	gzw *out;

	codes.set = ps_new();
	load_stair(&codes, a->table);
	t = tsv_open(NULL, 0);
	c_kode = tsv_col(t, "MODT_YDELSE_KODE");
	if (tsv_find(t, "TRIN") >= 0)
		die("%s:1: the input has a TRIN column already", t->name);
	acct_open(t, a->o.rejects, a->o.level);
	out = opts_out(&a->o);
	if (a->copy)
		gzw_copy(out, a->copy);
	tsv_put_head(out, t);
	gzw_puts(out, "\tTRIN\n");
	while (tsv_row(t)) {
		if (!field_text(t, c_kode))
			continue;
		tsv_put_row(out, t);
		gzw_putc(out, '\t');
		gzw_putc(out, (char)('0' + trin_of(&codes, t->f[c_kode])));
		gzw_putc(out, '\n');
		acct_wrote(1);
	}
	gzw_close(out);
	tsv_close(t);
	list_zero(&codes);
	acct_end(-1);
}

FILTER_MAIN
