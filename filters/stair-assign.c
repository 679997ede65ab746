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
#include "tsv.h"
#include "util.h"

#define SYNOPSIS "stair-assign [-hu] [-m stair-table] [-r rejects] [-z level]"

struct code {
	char *code;		/* MODT_YDELSE_KODE */
	int trin;		/* its step, 0 for codes found off the table */
	long rows;		/* rows with the code (step-0 codes only) */
};

/* Codes and their steps, in the order found. */
struct codes {
	struct code *c;
	int n;
	size_t cap;
};

static const struct prog prog = {
	SYNOPSIS,
	"hm:r:uz:",
	    "Adds the column TRIN (0-8) to every row: the step of MODT_YDELSE_KODE in\n"
	    "the stair table (default share/noegletal/trappe.tsv, columns TRIN and\n"
	    "MODT_YDELSE_KODE). A code not in the table is step 0: the person is in\n"
	    "the target group but on no step. At the end every code mapped to step 0\n"
	    "is listed on stderr with its row count.\n"
	    "\n"
	    "  -m table    another stair table",
	RANGE_NONE,
};

/* The command line. */
struct args {
	struct opts o;
	const char *table;	/* -m */
};

static void
add_code(struct codes *cs, const char *code, int trin)
{
	cs->c = grow(cs->c, &cs->cap, (size_t)cs->n + 1, sizeof *cs->c);
	cs->c[cs->n].code = estrdup(code);
	cs->c[cs->n].trin = trin;
	cs->c[cs->n].rows = 0;
	cs->n++;
}

static void
load_stair(struct codes *stair, const char *path)
{
	tsv *t = table_open(path, "trappe.tsv");
	int c_trin, c_kode;
	long trin;

	tsv_cols(t, "TRIN", &c_trin, "MODT_YDELSE_KODE", &c_kode, (char *)NULL);
	while (tsv_row(t)) {
		if (!parse_uint(t->f[c_trin], &trin) || trin < 1 || trin > 8 ||
		    t->f[c_kode][0] == '\0')
			die("%s:%ld: a stair row needs TRIN 1-8 and a code", t->name,
			    t->line);
		add_code(stair, t->f[c_kode], (int)trin);
	}
	tsv_close(t);
}

/* The step of a code; one off the table is step 0, its rows counted in zero. */
static int
trin_of(const struct codes *stair, struct codes *zero, const char *code)
{
	int i;

	for (i = 0; i < stair->n; i++)
		if (strcmp(stair->c[i].code, code) == 0)
			return stair->c[i].trin;
	for (i = 0; i < zero->n; i++)
		if (strcmp(zero->c[i].code, code) == 0)
			break;
	if (i == zero->n)
		add_code(zero, code, 0);
	zero->c[i].rows++;
	return 0;
}

/* Every code mapped to step 0 with its rows; never a person number, were one there. */
static void
list_zero(const struct codes *zero)
{
	char shown[160];
	int i;

	for (i = 0; i < zero->n; i++)
		fprintf(stderr, "%s: step 0: MODT_YDELSE_KODE %s: %ld rows\n", argv0,
		    pnr_shaped(zero->c[i].code) ? show_value(zero->c[i].code, shown,
		    sizeof shown) : zero->c[i].code, zero->c[i].rows);
}

static void
options(struct args *a, int argc, char **argv)
{
	opts_start(&a->o, argc, argv);
	a->table = NULL;
	while (opts_next(&a->o, &prog, argc, argv) != -1)
		a->table = a->o.arg;	/* -m */
}

/* Standard input to standard output (a failure dies). */
static void
run(const struct args *a)
{
	struct codes stair = { NULL, 0, 0 }, zero = { NULL, 0, 0 };
	int c_kode;
	tsv *t;
	gzw *out;

	load_stair(&stair, a->table);
	t = tsv_open(NULL, 0);
	c_kode = tsv_col(t, "MODT_YDELSE_KODE");
	if (tsv_find(t, "TRIN") >= 0)
		die("%s:1: the input has a TRIN column already", t->name);
	acct_open(t, a->o.rejects, a->o.level);
	out = opts_out(&a->o);
	tsv_put_head(out, t);
	gzw_puts(out, "\tTRIN\n");
	while (tsv_row(t)) {
		if (!field_filled(t, c_kode))
			continue;
		tsv_put_row(out, t);
		gzw_putc(out, '\t');
		gzw_putc(out, (char)('0' + trin_of(&stair, &zero, t->f[c_kode])));
		gzw_putc(out, '\n');
		acct_wrote(1);
	}
	gzw_close(out);
	tsv_close(t);
	list_zero(&zero);
	acct_end(-1);
}

FILTER_MAIN
