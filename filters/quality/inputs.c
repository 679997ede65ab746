/* quality: the inputs joined to the snapshot (see account.h). */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "quality.h"
#include "tsv.h"
#include "util.h"
#include "account.h"

/* fundet-lpr, noegleform-lpr: the snapshot's persons found in LPR. */
void
read_lpr(const char *path)
{
	struct qjoin *j = qjoin_new(snap);
	tsv *t = tsv_open(path, 0);
	int c_pnr = tsv_col(t, "PNR");
	size_t n;

	while (tsv_row(t)) {
		if (!pnr_ok(t->f[c_pnr]))
			die("%s:%ld: column 'PNR': not a person key", t->name, t->line);
		n = strlen(t->f[c_pnr]);
		qjoin_row(j, ps_find(snap->persons, t->f[c_pnr], n), t->f[c_pnr], n);
	}
	tsv_close(t);
	qjoin_rows(j, "lpr");
}

/*
 * fundet-who5, noegleform-who5 (quality.h: qwho5), each row checked
 * strictly; a measurement outside the snapshot's range is left, as
 * who5-bands -q leaves it (SPEC 5; review r5: 1999-12-31 was fatal here).
 */
void
read_who5(const char *path)
{
	struct qwho5 *w = qwho5_new(snap);
	tsv *t = tsv_open(path, 0);
	int c_pnr = tsv_col(t, "PNR"), c_kom = tsv_col(t, "KOMMUNE");
	int c_dato = tsv_col(t, "DATO"), k, day;

	while (tsv_row(t)) {
		char **f = t->f;

		if (!pnr_ok(f[c_pnr]))
			die("%s:%ld: column 'PNR': not a person key", t->name, t->line);
		if (!(k = kommune_code(f[c_kom])))
			die("%s:%ld: column 'KOMMUNE': not a municipality code", t->name, t->line);
		if (!date_parse(f[c_dato], &day))
			die("%s:%ld: column 'DATO': not a date (YYYY-MM-DD)", t->name, t->line);
		qwho5_row(w, f[c_pnr], strlen(f[c_pnr]), k, day);	/* outside the range: left */
	}
	tsv_close(t);
	qwho5_rows(w);
}

/*
 * udgift-mangler: per year of the accounts, municipality and figure
 * 20.1-20.6, VAERDI 1 when the account group has no expenditure (no row
 * or TAELLER 0) while NAEVNER persons (the most at the year's two cut
 * dates) have its steps in TRIN_SET.
 */
void
read_accounts(const char *path)
{
	static const char *ids[6] = { "20.1", "20.2", "20.3", "20.4", "20.5", "20.6" };
	double (*kr)[KOMMUNE_MAX][6] = ecalloc(100, sizeof *kr), n, m;
	char year_in[100] = { 0 };
	tsv *t = tsv_open(path, 0);
	int c_kom = tsv_col(t, "KOMMUNE"), c_dato = tsv_col(t, "DATO");
	int c_id = tsv_col(t, "NOEGLETAL"), c_t = tsv_col(t, "TAELLER");
	int k, g, y, day, cy, cm, cd, d, *date_year = emalloc(sizeof (int) * ((size_t)nd + 1));

	while (tsv_row(t)) {
		char **f = t->f;

		k = q_key(t, c_kom, c_dato, &day);
		civil_from_days(day, &cy, &cm, &cd);
		for (g = 0; g < 6 && strcmp(f[c_id], ids[g]) != 0; g++)
			;
		if (g == 6)
			continue;
		if (cm != 12 || cd != 31 || cy < 2000 || cy > 2099)	/* a year's figure */
			die("%s:%ld: column 'DATO': not a year's date (YYYY-12-31, 2000-2099) "
			    "of figure %s", t->name, t->line, ids[g]);
		year_in[cy - 2000] = 1;
		kr[cy - 2000][k][g] += q_number(t, c_t);
	}
	tsv_close(t);
	for (d = 0; d < nd; d++) {	/* each cut date's year, once */
		civil_from_days(snap->dates[d], &cy, &cm, &cd);
		date_year[d] = cy;
	}
	for (y = 0; y < 100; y++) {
		if (!year_in[y])
			continue;
		for (k = 0; k < KOMMUNE_MAX; k++)
			for (g = 0; g < 6; g++) {
				n = 0;
				for (d = 0; d < nd; d++)
					if (date_year[d] == 2000 + y &&
					    (m = (double)*at(d, k, C_GRP + g)) > n)
						n = m;
				if (n > 0)
					q_add(k, days_from_civil(2000 + y, 12, 31), "udgift-mangler",
					    ids[g], kr[y][k][g] == 0, n);
			}
	}
	free(date_year);
	free(kr);
}
