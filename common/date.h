/*
 * date: strict ISO dates as day numbers (days since 1970-01-01), the
 * half-yearly cut dates (30 June, 31 December) and ISO weeks.
 */
#ifndef DATE_H
#define DATE_H

int days_from_civil(int y, int m, int d);
void civil_from_days(int day, int *y, int *m, int *d);
int date_parse(const char *s, int *day);	/* exactly YYYY-MM-DD, a real date */
/*
 * A datetime of 1960-01-01 after midnight, where a date is read: SAS day
 * numbers under a datetime format (FORMAT x DATETIME20. on a date) are
 * seconds of that day (21670, 2019-05-01, is 06:01:10), and such a record
 * dropped out of the snapshot unsaid (review Y, Y2); in our schema too
 * (review AC, AC6). A time of day under a datetime format, read by import's
 * rule time, is no date (review AA, AA4). SAS_EPOCH_DAY says so.
 */
int sas_epoch_day(const char *v);
#define SAS_EPOCH_DAY "a datetime on 1960-01-01 (SAS's day 0) after midnight: a SAS day " \
	"number (a date) under a datetime format, read as seconds? Give the column a date " \
	"format (FORMAT x DATE9.)"
void date_fmt(int day, char out[11]);
int date_arg(int flag, const char *s);	/* option -flag's date; a bad one is a usage error (exit 2) */

/* $SOURCE_DATE_EPOCH into *secs: 1 when set, 0 when not (exit 2 when it is
 * not a number of seconds up to 9999-12-31 23:59:59). */
int source_epoch(long *secs);
/*
 * The run date: today where the run is (TZ), or the day (UTC) of
 * $SOURCE_DATE_EPOCH when set (a bad value is a usage error). Register
 * dates after it are planned, not yet facts (see README, Decisions).
 */
int run_date(void);
#define DATE_OPEN_END	"9999-12-31"	/* an end date that means open (SPEC 1.1) */
#define DATE_FIRST_YEAR	1900		/* an earlier date is no date (date_parse) */
#define DATE_LAST_YEAR	2100		/* a later date (not the open end) is a typo */

#define RANGE_FROM_YEAR	2017	/* the default range starts 31 December of it */
int range_from_default(void);	/* RANGE_FROM_YEAR-12-31 */
int is_cut(int day);
/*
 * The range of -f from and -t to (a negative day: not given). A usage
 * error (exit 2) when from is after to or the range holds no cut date;
 * with yearly, no 31 December (figures by year).
 */
void range_check(int from, int to, int yearly);
int cut_on_or_before(int day);	/* the last cut date <= day */
int cut_on_or_after(int day);	/* the first cut date >= day: its half-year holds day */
int cut_next(int cut);
int cut_prev(int cut);
int cut_year_before(int cut);	/* D - 1 year (cut dates only) */
int cut_half(int cut);		/* a cut date as a count of half-years */
int half_cut(int h);		/* cut_half()'s inverse */
/*
 * The periods a forecast estimates from (forecast -k, report -w): the
 * default count, the most, and the first t a period may have: its t-1 is
 * figure 6's first valid date (2020-12-31, SPEC 2), before which step 2 is
 * not in the registers, so earlier periods would show the step's start as
 * a flood of entries.
 */
#define FORECAST_PERIODS	3
#define FORECAST_PERIODS_MAX	100
#define FORECAST_FIRST_T	"2021-06-30"

int iso_weeks(int isoyear);		/* 52 or 53 */
int iso_thursday(int isoyear, int week);	/* day of that week's Thursday */

/* A time "HH:MM" or "HH:MM:SS", 00:00:00-23:59:59, as seconds; -1 if bad. */
int time_parse(const char *s);

#endif
