/*
 * field: the columns of the current row checked and read, the row rejected
 * with the standard message when a value is bad (reject(): exit 1, or the
 * reject file with -r). Each getter returns 0 when it rejected the row.
 */
#ifndef FIELD_H
#define FIELD_H

#include <limits.h>

#include "tsv.h"

#define OPEN_END	INT_MAX	/* the end of a record that is still running */

int field_filled(tsv *t, int col);	/* not empty */
int field_text(tsv *t, int col);	/* not empty, UTF-8 without control bytes */
int field_pnr(tsv *t, int col);		/* a person key (pnr_ok) */
int field_kommune(tsv *t, int col);	/* a municipality code, else 0 */
int field_date(tsv *t, int col, int *day);	/* YYYY-MM-DD */
int field_cut(tsv *t, int col, int *day);	/* YYYY-06-30 or YYYY-12-31 */
int field_step(tsv *t, int col);	/* one digit 0-8, else -1 */
int field_time(tsv *t, int col);	/* HH:MM[:SS] as seconds, else -1 */

/*
 * A handic record's YDELSE_START and YDELSE_SLUT (SPEC 1.1): real dates,
 * none after DATE_LAST_YEAR, the start not after the run date, the end
 * not before the start; an empty end or 9999-12-31 is OPEN_END.
 */
int field_period(tsv *t, int c_start, int c_slut, int *start, int *end);
/*
 * The latest date a valid record shows as a fact: its start, or its end
 * when that is not after the run date (a later end is planned).
 */
int period_latest(int start, int end);

#endif
