/*
 * target-filter: keep the handic rows of the target group (SPEC 2).
 * Reads PNR, HANDLEKOMMUNE, MAALGRUPPE, MODT_YDELSE_KODE, YDELSE_START,
 * YDELSE_SLUT; writes the target-group rows unchanged, all columns kept.
 * Every row is validated, also rows of other target groups.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "field.h"
#include "keycheck.h"
#include "opts.h"
#include "tables.h"
#include "tsv.h"
#include "util.h"

static char **codes;		/* target group codes: a code or its sub-codes */
static int ncodes;

#define SYNOPSIS "target-filter [-hux] [-A forms] [-g codes] [-l latest] [-r rejects] [-z level]"

static const struct prog prog = {
	SYNOPSIS,
	"A:g:hl:r:uxz:",
	    "Keeps the handic rows whose MAALGRUPPE is a target group code or one of\n"
	    "its sub-codes (code, or code followed by '.'), and drops the others by\n"
	    "the rule other-target-group. Every row is validated first. Columns read:\n"
	    "PNR HANDLEKOMMUNE MAALGRUPPE MODT_YDELSE_KODE YDELSE_START YDELSE_SLUT.\n"
	    "\n"
	    "  -A forms    comma-separated key forms that are right beside the\n"
	    "              commonest, written with 9 for a digit and A for a letter\n"
	    "              (replacement numbers, 9999999A99): never odd (below)\n"
	    "  -g codes    comma-separated target group codes (default 1.2.2)\n"
	    "  -l latest   write the latest YDELSE_START or YDELSE_SLUT of any valid\n"
	    "              row to the file latest (the default end of snapshot's range);\n"
	    "              an end after the run date (today or SOURCE_DATE_EPOCH) is\n"
	    "              planned and does not count, 9999-12-31 is an open end\n"
	    "  -x          strict: keys not of one form (below) are a failure\n"
	    "\n"
	    "Where at most 1 % of the valid rows' person keys (or two, beside 20 of\n"
	    "the commonest form) have forms the others have not (9 digits among 10),\n"
	    "a warning names the forms and counts, never a key: a key cut or\n"
	    "mistyped makes a person of its own.",
	RANGE_NONE,
	NULL,
	NULL,
};

/* The command line. */
struct args {
	struct opts o;
	const char *latest_file;	/* -l: where to write the latest date */
	int strict;			/* -x */
};

static struct kcensus forms;	/* the valid rows' key forms (review W, W1) */

/* Whether a code or a code under it: byte by byte, no call for a few bytes a row. */
static int
is_target(const char *maalgruppe)
{
	const char *m, *c;
	int i;

	for (i = 0; i < ncodes; i++) {
		for (m = maalgruppe, c = codes[i]; *c != '\0' && *m == *c; m++, c++)
			;
		if (*c == '\0' && (*m == '\0' || *m == '.'))
			return 1;
	}
	return 0;
}

/* Columns of handic. */
static int c_pnr, c_kom, c_maal, c_kode, c_start, c_slut;

/* One row: validated; kept or dropped; its dates may move latest. */
static void
row(tsv *t, gzw *out, int *latest)
{
	int start, slut;

	if (!field_pnr(t, c_pnr) || !field_kommune(t, c_kom) ||
	    !field_text(t, c_maal) || !field_text(t, c_kode) ||
	    !field_period(t, c_start, c_slut, &start, &slut))
		return;
	kcs_add(&forms, t->f[c_pnr], strlen(t->f[c_pnr]));
	if (period_latest(start, slut) > *latest)
		*latest = period_latest(start, slut);
	if (!is_target(t->f[c_maal])) {
		acct_drop("other-target-group");
		return;
	}
	tsv_put_row(out, t);
	gzw_putc(out, '\n');
	acct_wrote(1);
}

/* The latest date into the -l file (an empty line when no row was valid). */
static void
write_latest(const char *path, int latest)
{
	char day[11] = "";
	gzw *w = gzw_create(path, -1);

	if (latest >= 0)
		date_fmt(latest, day);
	gzw_printf(w, "%s\n", day);
	gzw_close(w);
}

static void
options(struct args *a, int argc, char **argv)
{
	const char *code_list = "1.2.2";
	int c;

	opts_start(&a->o, argc, argv);
	a->latest_file = NULL;
	a->strict = 0;
	while ((c = opts_next(&a->o, &prog, argc, argv)) != -1)
		if (c == 'A')
			kcs_accept(&forms, a->o.arg, "-A");
		else if (c == 'g')
			code_list = a->o.arg;
		else if (c == 'x')
			a->strict = 1;
		else
			a->latest_file = a->o.arg;	/* -l */
	codes = comma_list(code_list, "-g: an empty code", &ncodes);	/* "1.2.2,": no row kept */
}

/* Standard input to standard output (a failure dies). */
static void
run(const struct args *a)
{
	int latest = -1;
	tsv *t = tsv_open(NULL, TSV_AHEAD);	/* handic is large: decode it on the other core */
	gzw *out;

	tsv_cols(t, "PNR", &c_pnr, "HANDLEKOMMUNE", &c_kom, "MAALGRUPPE", &c_maal,
	    "MODT_YDELSE_KODE", &c_kode, "YDELSE_START", &c_start,
	    "YDELSE_SLUT", &c_slut, (char *)NULL);
	acct_open(t, a->o.rejects, a->o.level);
	out = opts_out(&a->o);
	tsv_put_head(out, t);
	gzw_putc(out, '\n');
	while (tsv_row(t))
		row(t, out, &latest);
	kcs_end(&forms, t->name, a->strict);
	tsv_close(t);
	if (a->latest_file)	/* before the output ends: snapshot -L reads it then */
		write_latest(a->latest_file, latest);
	gzw_close(out);
	acct_end(-1);
}

FILTER_MAIN
