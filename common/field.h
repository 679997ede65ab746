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
