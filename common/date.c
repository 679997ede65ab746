/* date: ISO dates, cut dates and ISO weeks (see date.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "date.h"
#include "util.h"

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
int
days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
civil_from_days(int z, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
mdays(int y, int m)
{
	static const int n[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && leap(y) ? 29 : n[m - 1];
}

/* The first day of a month of the table's years, from a table made once. */
#define TABLE_YEARS 300		/* DATE_FIRST_YEAR on */
static int
first_of_month(int y, int m)
{
	static int first[TABLE_YEARS][12], made;
	int i, j;

	if (!made) {
		for (i = 0; i < TABLE_YEARS; i++)
			for (j = 0; j < 12; j++)
				first[i][j] = days_from_civil(DATE_FIRST_YEAR + i, j + 1, 1);
		made = 1;
	}
	return first[y - DATE_FIRST_YEAR][m - 1];
}

#define DIGIT(c)	((unsigned)(unsigned char)(c) - '0' <= 9)

static int
digits(const char *s, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return 1;
}

int
date_parse(const char *s, int *day)
{
	int y, m, d;

	/* In order, so that nothing after a short string's NUL is read. */
	if (!(DIGIT(s[0]) && DIGIT(s[1]) && DIGIT(s[2]) && DIGIT(s[3]) && s[4] == '-' &&
	    DIGIT(s[5]) && DIGIT(s[6]) && s[7] == '-' && DIGIT(s[8]) && DIGIT(s[9]) &&
	    s[10] == '\0'))
		return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < DATE_FIRST_YEAR || m < 1 || m > 12 || d < 1 || d > mdays(y, m))
		return 0;
	*day = y < DATE_FIRST_YEAR + TABLE_YEARS ? first_of_month(y, m) + d - 1 :
	    days_from_civil(y, m, d);
	return 1;
}

int
date_arg(int flag, const char *s)
{
	char shown[160];
	int day;

	if (!date_parse(s, &day))
		usage_fail("-%c: not a date (YYYY-MM-DD): %s", flag, show_value(s, shown, sizeof shown));
	return day;
}

int
source_epoch(long *secs)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");

	if (e == NULL || *e == '\0')
		return 0;
	/* dates have four-digit years: at most 9999-12-31 23:59:59 */
	if (!parse_uint(e, secs) || *secs > 253402300799L) {
		fprintf(stderr, "%s: SOURCE_DATE_EPOCH is not a number of seconds up to "
		    "9999-12-31 (253402300799): %.40s\n", argv0, e);
		exit(2);
	}
	return 1;
}

int
run_date(void)
{
	static int day = -1;
	long secs;
	time_t now;
	struct tm tm;

	if (day >= 0)	/* asked for every handic row: the environment once */
		return day;
	if (source_epoch(&secs))
		return day = (int)(secs / 86400);	/* its day in UTC, the same anywhere */
	now = time(NULL);	/* today where the run is: TZ, else /etc/localtime */
	if (localtime_r(&now, &tm) == NULL)
		die("cannot tell today's date");
	return day = days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void
date_fmt(int day, char out[11])
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	y %= 10000;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = out[7] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

int
is_cut(int day)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	return (m == 6 && d == 30) || (m == 12 && d == 31);
}

int
range_from_default(void)
{
	return days_from_civil(RANGE_FROM_YEAR, 12, 31);
}

void
range_check(int from, int to, int yearly)
{
	char f[11], t[11];
	int y, m, d, first;

	if (from < 0 || to < 0)
		return;
	date_fmt(from, f);
	date_fmt(to, t);
	if (from > to)
		usage_fail("-f %s is after -t %s: the range is empty", f, t);
	civil_from_days(from, &y, &m, &d);
	first = yearly ? days_from_civil(y, 12, 31) : cut_on_or_after(from);
	if (first > to)
		usage_fail("-f %s -t %s: the range holds no %s", f, t, yearly ?
		    "31 December (the figures are yearly)" :
		    "cut date (30 June or 31 December)");
}

int
cut_on_or_before(int day)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	if (m == 12 && d == 31)
		return day;
	if (m > 6 || (m == 6 && d == 30))
		return days_from_civil(y, 6, 30);
	return days_from_civil(y - 1, 12, 31);
}

int
cut_on_or_after(int day)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	if (m < 6 || (m == 6 && d <= 30))
		return days_from_civil(y, 6, 30);
	return days_from_civil(y, 12, 31);
}

int
cut_next(int cut)
{
	return cut_on_or_after(cut + 1);
}

int
cut_prev(int cut)
{
	return cut_on_or_before(cut - 1);
}

int
cut_year_before(int cut)
{
	int y, m, d;

	civil_from_days(cut, &y, &m, &d);
	return days_from_civil(y - 1, m, d);
}

int
cut_half(int cut)
{
	int y, m, d;

	civil_from_days(cut, &y, &m, &d);
	return y * 2 + (m == 12);
}

int
half_cut(int h)
{
	return h % 2 ? days_from_civil(h / 2, 12, 31) : days_from_civil(h / 2, 6, 30);
}

/* Day 0, 1970-01-01, was a Thursday; weekday 0 = Monday. */
static int
weekday(int day)
{
	return ((day + 3) % 7 + 7) % 7;
}

/* ISO week 1 is the week with the year's first Thursday. */
int
iso_thursday(int isoyear, int week)
{
	int jan4 = days_from_civil(isoyear, 1, 4);
	int monday1 = jan4 - weekday(jan4);

	return monday1 + (week - 1) * 7 + 3;
}

int
iso_weeks(int isoyear)
{
	int y, m, d;

	/* A year has 53 weeks when 28 December falls in week 53. */
	civil_from_days(iso_thursday(isoyear, 53), &y, &m, &d);
	return y == isoyear ? 53 : 52;
}

int
time_parse(const char *s)
{
	int h, m, sec = 0;

	if (!digits(s, 2, &h) || s[2] != ':' || !digits(s + 3, 2, &m))
		return -1;
	if (s[5] == ':') {
		if (!digits(s + 6, 2, &sec) || s[8] != '\0')
			return -1;
	} else if (s[5] != '\0')
		return -1;
	if (h > 23 || m > 59 || sec > 59)
		return -1;
	return h * 3600 + m * 60 + sec;
}

int
sas_epoch_day(const char *v)
{
	const char *t = NULL;

	if (strncmp(v, "1960-01-01", 10) == 0 && (v[10] == ' ' || v[10] == 'T'))
		t = v + 11;
	else if (strncasecmp(v, "01JAN1960:", 10) == 0)
		t = v + 10;
	return t != NULL && strspn(t, "0:.") != strlen(t);
}
