/*
 * sas2tsv's values: a SAS value as the text of a TSV cell, by the kind of
 * its column's format (see filters/sas2tsv.c for the forms).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "sas2tsv.h"

/*
 * The kind of a SAS format, from its name without width and decimals;
 * Zw. (digits zero-padded to w) sets *width.
 */
enum kind
kind_of(const char *format, int *width)
{
	static const char *date[] = { "DATE", "YYMMDD", "DDMMYY", "MMDDYY",
	    "YYMMDDB", "YYMMDDC", "YYMMDDD", "YYMMDDN", "YYMMDDP", "YYMMDDS",
	    "DDMMYYB", "DDMMYYC", "DDMMYYD", "DDMMYYN", "DDMMYYP", "DDMMYYS",
	    "MMDDYYB", "MMDDYYC", "MMDDYYD", "MMDDYYN", "MMDDYYP", "MMDDYYS",
	    "E8601DA", "B8601DA", "IS8601DA", "WEEKDATE", "WEEKDATX", "WORDDATE",
	    "WORDDATX", "MONYY", "YYMON", "YYQ", "JULIAN", "EURDFDD", "EURDFDE",
	    "NLDATE", "DAY", "DOWNAME", "MONNAME", "MONTH", "QTR", "YEAR",
	    "MMYY", "MMYYC", "MMYYD", "MMYYN", "MMYYP", "MMYYS", "YYMM", "YYMMC",
	    "YYMMD", "YYMMN", "YYMMP", "YYMMS", "YYQC", "YYQD", "YYQN", "YYQP",
	    "YYQS", "YYQR", "QTRR", "WEEKU", "WEEKV", "WEEKW", "NLDATEL", "NLDATEM",
	    "NLDATEMD", "NLDATEMN", "NLDATES", "NLDATEW", "NLDATEWN", "NLDATEYM",
	    "NLDATEYQ", "NLDATEYR", "NLDATEYW", "EURDFDN", "EURDFDWN", "EURDFMN",
	    "EURDFMY", "EURDFWDX", "EURDFWKX", "DANDFDD", "DANDFDE", "DANDFDN",
	    "DANDFDWN", "DANDFMN", "DANDFMY", "DANDFWDX", "DANDFWKX", "YYWEEKU",
	    "YYWEEKV", "YYWEEKW", NULL };
	static const char *datetime[] = { "DATETIME", "E8601DT", "B8601DT",
	    "IS8601DT", "DATEAMPM", "NLDATM", "MDYAMPM", "E8601DZ", "B8601DZ",
	    "IS8601DZ", "EURDFDT", "DANDFDT", NULL };
	static const char *datepart[] = { "E8601DN", "B8601DN", "DTDATE", "DTYYMMDD",
	    "DTMONYY", "DTWKDATX", "DTYEAR", "DTYYQC", NULL };	/* a datetime shown as its date */
	static const char *time[] = { "TIME", "HHMM", "HOUR", "MMSS",
	    "E8601TM", "B8601TM", "IS8601TM", "E8601LZ", "B8601LZ", "IS8601LZ",
	    "E8601TZ", "B8601TZ", "IS8601TZ", "TIMEAMPM", "NLTIME", NULL };
	char name[32];
	size_t n = 0;
	int i;

	if (format == NULL)
		return NUM;
	/*
	 * NAMEw.d: the width and decimals are the digits at the end (with the
	 * dot); a name never ends in a digit, but may hold some (E8601DA).
	 */
	n = strcspn(format, ".");
	while (n > 0 && format[n - 1] >= '0' && format[n - 1] <= '9')
		n--;
	if (n >= sizeof name)
		return NUM;
	for (i = 0; (size_t)i < n; i++)
		name[i] = (char)(format[i] >= 'a' && format[i] <= 'z' ?
		    format[i] - 32 : format[i]);
	name[n] = '\0';
	if (strcmp(name, "Z") == 0 && format[1] >= '0' && format[1] <= '9') {
		/* Zw. only: a Zw.d number keeps its decimals */
		char *end;
		long w = strtol(format + 1, &end, 10);

		if (w > 0 && w <= 32 && (*end == '\0' || strcmp(end, ".") == 0)) {
			*width = (int)w;
			return ZEROS;
		}
	}
	for (i = 0; date[i]; i++)
		if (strcmp(name, date[i]) == 0)
			return DATE;
	for (i = 0; datetime[i]; i++)
		if (strcmp(name, datetime[i]) == 0)
			return DATETIME;
	for (i = 0; datepart[i]; i++)
		if (strcmp(name, datepart[i]) == 0)
			return DATEPART;
	for (i = 0; time[i]; i++)
		if (strcmp(name, time[i]) == 0)
			return TIME;
	if (strcmp(name, "TOD") == 0)	/* a time, or a datetime's time of day */
		return TOD;
	return NUM;
}

/*
 * Milliseconds of a day (or more) as [-]HH:MM:SS, a fraction as .ddd. The
 * value is rounded to milliseconds once, before it is split, so that
 * 86399.9996 s is 24:00:00 as a time and the next day's 00:00:00 in a
 * datetime, never 23:59:59.1000 nor a day's 24:00:00.
 */
static void
put_ms(struct text *t, long long ms)
{
	char s[48];
	long long sec = (ms < 0 ? -ms : ms) / 1000;
	int n, frac = (int)((ms < 0 ? -ms : ms) % 1000);

	n = snprintf(s, sizeof s, "%s%02lld:%02lld:%02lld", ms < 0 ? "-" : "",
	    sec / 3600, sec / 60 % 60, sec % 60);
	if (frac)
		n += snprintf(s + n, sizeof s - (size_t)n, ".%03d", frac);
	while (frac && s[n - 1] == '0')
		n--;
	text_put(t, s, (size_t)n);
}

/* Seconds (a TIME value) as a clock; beyond 10^15 s a number. */
static void
put_clock(struct text *t, double secs)
{
	if (fabs(secs) < 1e15)
		put_ms(t, llround(secs * 1000));
	else
		text_num(t, secs);
}

/*
 * Seconds under TODw.: the time of day, as SAS shows it (a datetime's
 * clock time: 534849:05:00 is 09:05:00, review P, P4), rounded to the
 * millisecond first, so 0.4 ms before midnight is 00:00:00, not 24:00:00;
 * beyond 10^15 s a number, as a TIME (review S, S3).
 */
static void
put_tod(struct text *t, double secs)
{
	long long ms;

	if (!(fabs(secs) < 1e15)) {
		text_num(t, secs);
		return;
	}
	ms = llround(secs * 1000) % 86400000;
	put_ms(t, ms < 0 ? ms + 86400000 : ms);
}

/* SAS counts days and seconds from 1960-01-01. */
static int
put_date(struct text *t, double days)
{
	char s[11];

	if (!(days > -700000 && days <= 2936549))	/* about year 43 to 9999-12-31 */
		return 0;
	date_fmt(days_from_civil(1960, 1, 1) + (int)floor(days), s);
	text_put(t, s, 10);
	return 1;
}

static int
put_datetime(struct text *t, double secs)
{
	long long ms, day;

	if (!(fabs(secs) < 1e12))	/* put_date's years, and more */
		return 0;
	ms = llround(secs * 1000);
	day = ms / 86400000 - (ms % 86400000 < 0);
	if (!put_date(t, (double)day))
		return 0;
	text_put(t, " ", 1);
	put_ms(t, ms - day * 86400000);
	return 1;
}

const char not_utf8[] = "not UTF-8";

/*
 * A text value, in one pass for the common short ASCII cell: empty when
 * all blank; a TAB or line break, or bytes that are not UTF-8, are the
 * row's problem (the value is written all the same, for the reject file).
 */
static const char *
put_text(struct text *t, const char *s)
{
	const char *why = NULL;
	const unsigned char *p = (const unsigned char *)s;
	size_t n;
	int blank = 1, odd = 0;

	if (s == NULL)
		return NULL;
	for (n = 0; p[n]; n++) {
		blank &= p[n] == ' ';
		odd |= p[n] < 0x20 || p[n] >= 0x80;
	}
	if (blank)
		return NULL;	/* all blank: SAS's missing text */
	if (odd && strpbrk(s, "\t\n\r"))
		why = "holds a TAB or line break";
	else if (odd && !utf8_ok(p, n))
		why = not_utf8;
	text_put(t, s, n);
	return why;
}


/*
 * A whole number in [0, 10^18) as digits zero-padded to width (SAS's Zw.);
 * 0 for any other number, written as a number.
 */
static int
put_zeros(struct text *t, double d, int width)
{
	char s[48];
	int n;

	if (!(d >= 0 && d < 1e18 && d == floor(d)))
		return 0;
	n = snprintf(s, sizeof s, "%0*lld", width, (long long)d);
	text_put(t, s, (size_t)n);
	return 1;
}

const char *
put_value(struct text *t, enum kind k, int width, readstat_value_t x)
{
	double d;
	int ok = 1;

	if (readstat_value_is_system_missing(x) || readstat_value_is_tagged_missing(x))
		return NULL;
	if (k == TEXT)
		return put_text(t, readstat_string_value(x));
	switch (readstat_value_type(x)) {
	case READSTAT_TYPE_INT8: d = readstat_int8_value(x); break;
	case READSTAT_TYPE_INT16: d = readstat_int16_value(x); break;
	case READSTAT_TYPE_INT32: d = readstat_int32_value(x); break;
	case READSTAT_TYPE_FLOAT: d = readstat_float_value(x); break;
	default: d = readstat_double_value(x); break;
	}
	if (isnan(d))
		;
	else if (k == DATE)
		ok = put_date(t, d);
	else if (k == DATETIME)
		ok = put_datetime(t, d);
	else if (k == DATEPART)
		ok = put_date(t, floor(d / 86400));
	else if (k == TIME)
		put_clock(t, d);
	else if (k == TOD)
		put_tod(t, d);
	else if (k == NUM || !put_zeros(t, d, width)) {
		text_num(t, d);
		if (k == KEY)	/* the number is for the reject file */
			return "not a person number: below 0, or not whole";
	}
	if (ok)
		return NULL;
	text_num(t, d);	/* the number, for the message */
	return "a date out of range";
}
