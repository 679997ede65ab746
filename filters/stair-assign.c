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

static struct code *stair, *zero;	/* the table; codes mapped to 0 */
static int nstair, nzero;
static size_t capstair, capzero;

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

static void
load_stair(const char *path)
{
	tsv *t = table_open(path, "trappe.tsv");
	int c_trin = tsv_col(t, "TRIN"), c_kode = tsv_col(t, "MODT_YDELSE_KODE");
	long trin;

	stair = zero = NULL;
	nstair = nzero = 0;
	capstair = capzero = 0;
	while (tsv_row(t)) {
		if (!parse_uint(t->f[c_trin], &trin) || trin < 1 || trin > 8 ||
		    t->f[c_kode][0] == '\0')
			die("%s:%ld: a stair row needs TRIN 1-8 and a code", t->name,
			    t->line);
		stair = grow(stair, &capstair, (size_t)nstair + 1, sizeof *stair);
		stair[nstair].code = estrdup(t->f[c_kode]);
		stair[nstair].trin = (int)trin;
		nstair++;
	}
	tsv_close(t);
}

static int
trin_of(const char *code)
{
	int i;

	for (i = 0; i < nstair; i++)
		if (strcmp(stair[i].code, code) == 0)
			return stair[i].trin;
	for (i = 0; i < nzero; i++)
		if (strcmp(zero[i].code, code) == 0)
			break;
	if (i == nzero) {
		zero = grow(zero, &capzero, (size_t)nzero + 1, sizeof *zero);
		zero[nzero].code = estrdup(code);
		zero[nzero].rows = 0;
		nzero++;
	}
	zero[i].rows++;
	return 0;
}

int
main(int argc, char **argv)
{
	const char *table = NULL;
	int c, c_kode, i;
	char shown[160];
	struct opts o;
	tsv *t;
	gzw *out;

	prog_init(argc, argv);
	opts_init(&o);
	while ((c = opts_next(&o, &prog, argc, argv)) != -1)
		table = o.arg;	/* -m */
	load_stair(table);

	t = tsv_open(NULL, 0);
	c_kode = tsv_col(t, "MODT_YDELSE_KODE");
	if (tsv_find(t, "TRIN") >= 0)
		die("%s:1: the input has a TRIN column already", t->name);
	acct_open(t, o.rejects, o.level);
	out = opts_out(&o);
	tsv_put_head(out, t);
	gzw_puts(out, "\tTRIN\n");
	while (tsv_row(t)) {
		if (!field_filled(t, c_kode))
			continue;
		tsv_put_row(out, t);
		gzw_putc(out, '\t');
		gzw_putc(out, (char)('0' + trin_of(t->f[c_kode])));
		gzw_putc(out, '\n');
		acct_wrote(1);
	}
	gzw_close(out);
	tsv_close(t);
	for (i = 0; i < nzero; i++)	/* never a person number, were one there */
		fprintf(stderr, "%s: step 0: MODT_YDELSE_KODE %s: %ld rows\n", argv0,
		    pnr_shaped(zero[i].code) ? show_value(zero[i].code, shown,
		    sizeof shown) : zero[i].code, zero[i].rows);
	acct_end(-1);
	return 0;
}
