/* field: checked getters for the columns of the current row (see field.h). */
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "field.h"

static int
plausible(tsv *t, int col, int day)
{
	static int last = -1;
	char what[64];

	if (last < 0)
		last = days_from_civil(DATE_LAST_YEAR, 12, 31);
	if (day <= last)
		return 1;
	snprintf(what, sizeof what, "a date after %d-12-31 (a typo?)", DATE_LAST_YEAR);
	reject(t, col, what);
	return 0;
}

int
field_period(tsv *t, int c_start, int c_slut, int *start, int *end)
{
	const char *slut = t->f[c_slut];
	char what[96], today[11];

	if (!date_parse(t->f[c_start], start)) {
		reject(t, c_start, "not a date (YYYY-MM-DD)");
		return 0;
	}
	if (!plausible(t, c_start, *start))
		return 0;
	if (*start > run_date()) {
		date_fmt(run_date(), today);
		snprintf(what, sizeof what, "starts after the run date %s "
		    "(SOURCE_DATE_EPOCH sets it)", today);
		reject(t, c_start, what);
		return 0;
	}
	*end = OPEN_END;
	if (slut[0] == '\0' || strcmp(slut, DATE_OPEN_END) == 0)
		return 1;
	if (!date_parse(slut, end)) {
		reject(t, c_slut, "not a date (YYYY-MM-DD)");
		return 0;
	}
	if (!plausible(t, c_slut, *end))
		return 0;
	if (*end < *start) {
		reject(t, c_slut, "ends before YDELSE_START");
		return 0;
	}
	return 1;
}

int
period_latest(int start, int end)
{
	return end != OPEN_END && end <= run_date() && end > start ? end : start;
}
