/* field: checked getters for the columns of the current row (see field.h). */
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "field.h"
#include "tables.h"
#include "util.h"

int
field_filled(tsv *t, int col)
{
	if (t->f[col][0] != '\0')
		return 1;
	reject(t, col, "empty");
	return 0;
}

int
field_text(tsv *t, int col)
{
	const unsigned char *s = (const unsigned char *)t->f[col];
	unsigned high = 0;
	size_t n;

	for (n = 0; s[n] >= 0x20 && s[n] != 0x7f; n++)
		high |= s[n];
	if (s[n] == '\0' && n > 0 && (high < 0x80 || utf8_ok(s, n)))
		return 1;	/* ASCII, as codes are, needs no UTF-8 check */
	reject(t, col, n == 0 && s[0] == '\0' ? "empty" :
	    "not text: a control byte, or bytes that are not UTF-8");
	return 0;
}

int
field_pnr(tsv *t, int col)
{
	if (pnr_ok(t->f[col]))
		return 1;
	reject(t, col, "not a person key (1-32 of 0-9 A-Z a-z _ -)");
	return 0;
}

int
field_kommune(tsv *t, int col)
{
	int code = kommune_code(t->f[col]);

	if (code == 0)
		reject(t, col, "not a municipality code");
	return code;
}

int
field_date(tsv *t, int col, int *day)
{
	if (date_parse(t->f[col], day))
		return 1;
	reject(t, col, sas_epoch_day(t->f[col]) ? "not a date (YYYY-MM-DD): " SAS_EPOCH_DAY :
	    "not a date (YYYY-MM-DD)");
	return 0;
}

int
field_cut(tsv *t, int col, int *day)
{
	if (!date_parse(t->f[col], day) || !is_cut(*day))
		reject(t, col, "not a cut date (YYYY-06-30 or YYYY-12-31)");
	else if (*day > days_from_civil(DATE_LAST_YEAR, 12, 31))	/* review E, E7: 9999-12-31 */
		reject(t, col, "a cut date after " STR(DATE_LAST_YEAR)
		    "-12-31 (as any date of the data: bad input)");
	else
		return 1;
	return 0;
}

int
field_step(tsv *t, int col)
{
	const char *s = t->f[col];

	if (s[0] >= '0' && s[0] <= '8' && s[1] == '\0')
		return s[0] - '0';
	reject(t, col, "not a step 0-8");
	return -1;
}

int
field_time(tsv *t, int col)
{
	int secs = time_parse(t->f[col]);

	if (secs < 0)
		reject(t, col, "not a time (HH:MM or HH:MM:SS, 00-23 hours)");
	return secs;
}

static int
plausible(tsv *t, int col, int day)
{
	static int last = -1;

	if (last < 0)
		last = days_from_civil(DATE_LAST_YEAR, 12, 31);
	if (day <= last)
		return 1;
	reject(t, col, "a date after " STR(DATE_LAST_YEAR) "-12-31 (a typo?)");
	return 0;
}

int
field_period(tsv *t, int c_start, int c_slut, int *start, int *end)
{
	const char *slut = t->f[c_slut];
	char what[96], today[11];

	if (!field_date(t, c_start, start) || !plausible(t, c_start, *start))
		return 0;
	if (*start > run_date()) {
		long secs;

		date_fmt(run_date(), today);
		snprintf(what, sizeof what, "starts after the run date %s (%s)", today,
		    source_epoch(&secs) ? "SOURCE_DATE_EPOCH's day" : "today in the local time zone");
		reject(t, c_start, what);
		return 0;
	}
	*end = OPEN_END;
	if (slut[0] == '\0' || (slut[0] == '9' && strcmp(slut, DATE_OPEN_END) == 0))
		return 1;
	if (!field_date(t, c_slut, end) || !plausible(t, c_slut, *end))
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
