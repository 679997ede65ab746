/* catalog: the key figure catalogue, one parser for every program (see catalog.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "date.h"
#include "tables.h"
#include "util.h"

#define MAXID 2100

static struct catfig *rows;
static int nrows, loaded;
static short at[MAXID];		/* id -> index + 1 */

int
catalog_parse_id(const char *s)
{
	long major, minor = 0;
	char buf[8];
	const char *dot = strchr(s, '.');

	if (strlen(s) >= sizeof buf)
		return -1;
	strcpy(buf, s);
	if (dot) {
		buf[dot - s] = '\0';
		if (!parse_uint(buf + (dot - s) + 1, &minor) || minor < 1 || minor > 9)
			return -1;
	}
	if (!parse_uint(buf, &major) || major < 1 || major > 20 || buf[0] == '0')
		return -1;
	return (int)(major * 100 + minor);
}

static char *
column_or(tsv *t, int col, const char *dflt)
{
	return estrdup(col >= 0 && t->f[col][0] ? t->f[col] : dflt);
}

static int
cmp_row(const void *a, const void *b)
{
	return ((const struct catfig *)a)->id - ((const struct catfig *)b)->id;
}

/* One row into f; dies naming the row when it is not a catalogue row. */
static void
parse_row(tsv *t, struct catfig *f, const int *c)
{
	static const char *kinds[] = { "count", "share", "mean", "ratio" };
	static const char *smalls[] = { "antal", "naevner", "begge", "ingen" };
	int k, m = 0;

	f->id = catalog_parse_id(t->f[c[0]]);
	for (k = 0; k < 4 && strcmp(kinds[k], t->f[c[3]]) != 0; k++)
		;
	if (c[13] >= 0 && t->f[c[13]][0])
		for (m = 0; m < 4 && strcmp(smalls[m], t->f[c[13]]) != 0; m++)
			;
	else if (k < 4)
		m = k == 0 ? SMALL_COUNT : k == 3 ? SMALL_NONE : SMALL_NAEVNER;
	if (f->id < 0 || k == 4 || m == 4 || !date_parse(t->f[c[5]], &f->first) || at[f->id])
		die("%s:%ld: bad catalogue row", t->name, t->line);
	f->small = m;
	at[f->id] = 1;
	f->kind = k;
	if (f->id % 100)
		snprintf(f->label, sizeof f->label, "%d.%d", f->id / 100, f->id % 100);
	else
		snprintf(f->label, sizeof f->label, "%d", f->id / 100);
	f->name = estrdup(t->f[c[1]]);
	f->theme = estrdup(t->f[c[2]]);
	f->unit = estrdup(t->f[c[4]]);
	f->shortname = column_or(t, c[6], t->f[c[1]]);
	f->yearly = c[7] >= 0 && strcmp(t->f[c[7]], "aar") == 0;
	f->why_late = column_or(t, c[8], "ikke opgjort for denne dato");
	f->source = column_or(t, c[9], "");
	f->definition = column_or(t, c[10], "");
	f->source_text = column_or(t, c[11], "");
	f->direction = column_or(t, c[12], "");
}

static void
load(void)
{
	tsv *t = table_open(NULL, "noegletal.tsv");
	int c[14], cap = 0, i;

	memset(at, 0, sizeof at);	/* a load that died half way starts again */
	nrows = 0;
	c[0] = tsv_col(t, "NOEGLETAL"), c[1] = tsv_col(t, "NAVN");
	c[2] = tsv_col(t, "TEMA"), c[3] = tsv_col(t, "ART");
	c[4] = tsv_col(t, "ENHED"), c[5] = tsv_col(t, "FOERSTE_DATO");
	c[6] = tsv_find(t, "KORTNAVN"), c[7] = tsv_find(t, "PERIODE");
	c[8] = tsv_find(t, "IT_GRUND"), c[9] = tsv_find(t, "KILDE");
	c[10] = tsv_find(t, "DEFINITION"), c[11] = tsv_find(t, "KILDETEKST");
	c[12] = tsv_find(t, "RETNING"), c[13] = tsv_find(t, "SMAA_TAL");
	while (tsv_row(t)) {
		if (nrows == cap) {
			cap = cap ? 2 * cap : 64;
			rows = erealloc(rows, sizeof *rows * (size_t)cap);
		}
		parse_row(t, &rows[nrows++], c);
	}
	tsv_close(t);
	qsort(rows, (size_t)nrows, sizeof *rows, cmp_row);
	for (i = 0; i < nrows; i++)
		at[rows[i].id] = (short)(i + 1);
	loaded = 1;
}

const struct catfig *
catalog(int *n)
{
	if (!loaded)
		load();
	*n = nrows;
	return rows;
}

int
catalog_index(int id)
{
	if (!loaded)
		load();
	return id > 0 && id < MAXID ? at[id] - 1 : -1;
}

const struct catfig *
catalog_get(int id)
{
	int i = catalog_index(id);

	return i < 0 ? NULL : &rows[i];
}
