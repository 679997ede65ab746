/*
 * sas2tsv: SAS datasets (.sas7bdat, .xpt) as one TSV stream, read with
 * ReadStat. Column names as in the (first) file; text in UTF-8 from the
 * file's declared encoding (-e overrides it); a number with a date format
 * as YYYY-MM-DD, datetime YYYY-MM-DD HH:MM:SS, time HH:MM:SS; integers
 * without decimals, other numbers in the shortest form that reads back;
 * every SAS missing value (., .A-.Z, ._, text of only spaces) empty.
 * Several files (one per year) are one stream: later files are matched to
 * the first by name, ignoring case.
 */
#define _GNU_SOURCE	/* FNM_CASEFOLD, strcasestr */
#include <fnmatch.h>
#include <math.h>
#include <readstat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "date.h"
#include "tsv.h"
#include "util.h"

#define SYNOPSIS "sas2tsv [-hu] [-c columns] [-e encoding] [-r rejects] [-z level] file..."

enum kind { NUM, DATE, DATETIME, TIME, TEXT };

static const char *encoding;	/* -e: the file's real encoding */
static char **keep;		/* -c: column patterns, NULL: all */
static int nkeep;
static int *kept;		/* per pattern: it matched a column */

static tsv row;			/* the output row, for messages and rejects */
static gzw *out;
static char **cell;		/* per output column: the current value (rejects) */
static int first = 1;		/* reading the first file: it makes the header */

/* The file being read. */
static const char *path;
static int nvar;		/* variables in the file */
static int *slot;		/* per variable: output column, -1 when not kept */
static enum kind *kind;		/* per variable */
static int last;		/* the last kept variable: it ends a row */
static int nseen;		/* output columns found in this file */
static int started;		/* the file's columns are all known */
static char *buf;		/* the row: cells in output-column order */
static size_t *off, *len;	/* per output column: the cell in val */
static char *val;		/* the cells as they came */
static size_t vlen, vcap;
static const char *bad;		/* the row's first problem, NULL if none */
static int badcol;

static void
usage(void)
{
	puts("usage: " SYNOPSIS "\n"
	    "\n"
	    "Writes SAS datasets (.sas7bdat, any compression, or .xpt) as TSV with the\n"
	    "column names of the file. Text is converted to UTF-8 from the encoding the\n"
	    "file declares; numbers with a date format are YYYY-MM-DD, datetime formats\n"
	    "YYYY-MM-DD HH:MM:SS, time formats HH:MM:SS; integers have no decimals,\n"
	    "other numbers the shortest form that reads back; SAS missing values\n"
	    "(. .A-.Z ._, text of only spaces) are empty. A TAB or line break inside\n"
	    "a text value is a bad row. Several files are one stream with the header\n"
	    "of the first: each later file must hold its columns (names compared\n"
	    "ignoring case; extra columns are left out with a warning). Messages\n"
	    "name FILE:ROW.\n"
	    "\n"
	    "  -c columns  keep only these columns (comma separated, ignoring case;\n"
	    "              shell patterns, a|b either: -c 'PNR|CPR,y_*'); each must\n"
	    "              match a column\n"
	    "  -e encoding the files' real text encoding (e.g. WINDOWS-1252, LATIN1)\n"
	    "  -r rejects  reject mode: bad rows go to rejects with a REASON column\n"
	    "  -u          plain output (default gzip, plain on a terminal)\n"
	    "  -z level    gzip level (default 1)");
}

/* The kind of a SAS format: its name without width and decimals. */
static enum kind
kind_of(const char *format)
{
	static const char *date[] = { "DATE", "YYMMDD", "DDMMYY", "MMDDYY",
	    "YYMMDDB", "YYMMDDC", "YYMMDDD", "YYMMDDN", "YYMMDDP", "YYMMDDS",
	    "DDMMYYB", "DDMMYYC", "DDMMYYD", "DDMMYYN", "DDMMYYP", "DDMMYYS",
	    "MMDDYYB", "MMDDYYC", "MMDDYYD", "MMDDYYN", "MMDDYYP", "MMDDYYS",
	    "E8601DA", "B8601DA", "IS8601DA", "WEEKDATE", "WEEKDATX", "WORDDATE",
	    "WORDDATX", "MONYY", "YYMON", "YYQ", "JULIAN", "EURDFDD", "EURDFDE",
	    "NLDATE", "DAY", "DOWNAME", "MONNAME", "MONTH", "QTR", "YEAR", NULL };
	static const char *datetime[] = { "DATETIME", "E8601DT", "B8601DT",
	    "IS8601DT", "DATEAMPM", "NLDATM", "MDYAMPM", "E8601DZ", NULL };
	static const char *time[] = { "TIME", "TOD", "HHMM", "HOUR", "MMSS",
	    "E8601TM", "B8601TM", "IS8601TM", "TIMEAMPM", "NLTIME", NULL };
	char name[32];
	size_t n = 0;
	int i;

	if (format == NULL)
		return NUM;
	for (; format[n] && n < sizeof name - 1 &&
	    !(format[n] >= '0' && format[n] <= '9') && format[n] != '.'; n++)
		name[n] = (char)(format[n] >= 'a' && format[n] <= 'z' ?
		    format[n] - 32 : format[n]);
	name[n] = '\0';
	for (i = 0; date[i]; i++)
		if (strcmp(name, date[i]) == 0)
			return DATE;
	for (i = 0; datetime[i]; i++)
		if (strcmp(name, datetime[i]) == 0)
			return DATETIME;
	for (i = 0; time[i]; i++)
		if (strcmp(name, time[i]) == 0)
			return TIME;
	return NUM;
}

static inline void
put(const char *s, size_t n)
{
	if (vlen + n + 64 > vcap) {
		vcap = (vlen + n + 64) * 2;
		val = erealloc(val, vcap);
	}
	memcpy(val + vlen, s, n);
	vlen += n;
}

/* Integers exactly; other numbers the shortest of %.15g-%.17g that reads back. */
static void
put_num(double v)
{
	char s[40];
	int n, p;

	if (v == floor(v) && fabs(v) < 1e18) {
		n = snprintf(s, sizeof s, "%lld", (long long)v);
	} else {
		for (p = 15; p <= 17; p++) {
			n = snprintf(s, sizeof s, "%.*g", p, v);
			if (strtod(s, NULL) == v)
				break;
		}
	}
	put(s, (size_t)n);
}

/* Seconds of a day (or more) as [-]HH:MM:SS, a fraction as .ddd. */
static void
put_clock(double secs)
{
	char s[48];
	double whole = floor(fabs(secs));
	long long t = (long long)whole;
	int n, ms = (int)lround((fabs(secs) - whole) * 1000);

	if (ms == 1000)
		t++, ms = 0;
	n = snprintf(s, sizeof s, "%s%02lld:%02lld:%02lld", secs < 0 ? "-" : "",
	    t / 3600, t / 60 % 60, t % 60);
	if (ms)
		n += snprintf(s + n, sizeof s - (size_t)n, ".%03d", ms);
	while (ms && s[n - 1] == '0')
		n--;
	put(s, (size_t)n);
}

/* SAS counts days and seconds from 1960-01-01. */
static int
put_date(double days)
{
	char s[11];

	if (!(days > -700000 && days < 2900000))	/* about years 43-9900 */
		return 0;
	date_fmt(days_from_civil(1960, 1, 1) + (int)floor(days), s);
	put(s, 10);
	return 1;
}

static int
put_datetime(double secs)
{
	double days = floor(secs / 86400);

	if (!put_date(days))
		return 0;
	put(" ", 1);
	put_clock(secs - days * 86400);
	return 1;
}

static int
utf8_ok(const unsigned char *s, size_t n)
{
	size_t i = 0;
	int k;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		k = s[i] >= 0xF0 && s[i] <= 0xF4 ? 3 : s[i] >= 0xE0 && s[i] < 0xF0 ?
		    2 : s[i] >= 0xC2 && s[i] < 0xE0 ? 1 : -1;
		if (k < 0 || i + (size_t)k >= n)
			return 0;
		for (i++; k > 0; k--, i++)
			if ((s[i] & 0xC0) != 0x80)
				return 0;
	}
	return 1;
}

static char *
estrndup_(const char *s, size_t n)
{
	char *d = emalloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

static void
flag(const char *what, int col)
{
	if (bad == NULL) {
		bad = what;
		badcol = col;
	}
}

/*
 * A text value, in one pass for the common short ASCII cell: empty when
 * all blank; a TAB or line break, or bytes that are not UTF-8, flag the row.
 */
static void
put_text(const char *s, int col)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;
	int blank = 1, odd = 0;

	if (s == NULL)
		return;
	for (n = 0; p[n]; n++) {
		blank &= p[n] == ' ';
		odd |= p[n] < 0x20 || p[n] >= 0x80;
	}
	if (blank)
		return;		/* all blank: SAS's missing text */
	if (odd && strpbrk(s, "\t\n\r"))
		flag("holds a TAB or line break", col);
	else if (odd && !utf8_ok(p, n))
		flag("not UTF-8 (give the encoding with -e)", col);
	put(s, n);
}

static int
on_meta(readstat_metadata_t *md, void *ctx)
{
	(void)ctx;
	nvar = readstat_get_var_count(md);
	if (nvar < 0)
		nvar = 0;
	slot = erealloc(slot, sizeof *slot * (size_t)(nvar + 1));
	kind = erealloc(kind, sizeof *kind * (size_t)(nvar + 1));
	return READSTAT_HANDLER_OK;
}

/* Whether name matches one of the patterns a|b|c, ignoring case. */
static int
match_any(const char *pats, const char *name)
{
	char pat[256];
	size_t n;

	for (;; pats += n + 1) {
		n = strcspn(pats, "|");
		if (n < sizeof pat) {
			memcpy(pat, pats, n);
			pat[n] = '\0';
			if (fnmatch(pat, name, FNM_CASEFOLD) == 0)
				return 1;
		}
		if (pats[n] == '\0')
			return 0;
	}
}

static int
wanted(const char *name)
{
	int i, any = 0;

	if (keep == NULL)
		return 1;
	for (i = 0; i < nkeep; i++)
		if (match_any(keep[i], name))
			kept[i] = any = 1;
	return any;
}

/* A column of the file: the first file makes the header, later ones find theirs. */
static int
on_var(int i, readstat_variable_t *v, const char *labels, void *ctx)
{
	const char *name = readstat_variable_get_name(v);
	int c, j;

	(void)labels, (void)ctx;
	if (i >= nvar)
		die("%s: more columns than the file declares", path);
	if (name[0] == '\0' || strpbrk(name, "\t\n\r") || !utf8_ok(
	    (const unsigned char *)name, strlen(name)))
		die("%s: column %d: a name that cannot be a TSV column name", path, i + 1);
	kind[i] = readstat_variable_get_type_class(v) == READSTAT_TYPE_CLASS_STRING ?
	    TEXT : kind_of(readstat_variable_get_format(v));
	slot[i] = -1;
	if (first) {
		if (!wanted(name))
			return READSTAT_HANDLER_SKIP_VARIABLE;
		for (c = 0; c < row.ncol; c++)
			if (strcasecmp(row.head[c], name) == 0)
				die("%s: columns '%s' and '%s' differ only in case", path,
				    row.head[c], name);
		row.head = erealloc(row.head, sizeof *row.head * (size_t)(row.ncol + 1));
		row.head[row.ncol] = estrdup(name);
		c = row.ncol++;
	} else {
		for (c = 0; c < row.ncol && strcasecmp(row.head[c], name) != 0; c++)
			;
		if (c == row.ncol) {
			if (keep == NULL)
				warn("%s: column '%s' is not in the first file: left out",
				    path, name);
			return READSTAT_HANDLER_SKIP_VARIABLE;
		}
		for (j = 0; j < i; j++)
			if (slot[j] == c)
				die("%s: two columns named '%s' (ignoring case)", path, name);
	}
	slot[i] = c;
	last = i;
	nseen++;
	return READSTAT_HANDLER_OK;
}

/* After the columns, before the first row: the header, or the check of a later file. */
static void
start_file(void)
{
	int i, c;

	if (first) {
		for (i = 0; i < nkeep; i++)
			if (!kept[i])
				die("%s: -c: no column matches '%s'", path, keep[i]);
		if (row.ncol == 0)
			die("%s: no columns", path);
		row.f = ecalloc((size_t)row.ncol + 1, sizeof *row.f);
		cell = row.f;
		off = ecalloc((size_t)row.ncol, sizeof *off);
		len = ecalloc((size_t)row.ncol, sizeof *len);
		acct_begin(&row);
		tsv_put_head(out, &row);
		gzw_putc(out, '\n');
	} else if (nseen < row.ncol) {
		for (c = 0; c < row.ncol; c++) {
			for (i = 0; i < nvar && slot[i] != c; i++)
				;
			if (i == nvar)
				die("%s: no column '%s' (the first file has it)", path,
				    row.head[c]);
		}
	}
	first = 0;
	started = 1;
}

/*
 * A bad row: to the reject file (TAB and line breaks written as \t \n \r)
 * or the end. The value of a person-key column is never in a message.
 */
static void
reject_row(void)
{
	char *line, *p, *v = NULL, *name = row.head[badcol];
	char why[160];
	int c;
	size_t i;

	p = line = emalloc(vlen * 2 + (size_t)row.ncol + 1);
	for (c = 0; c < row.ncol; c++) {
		if (c == badcol)
			v = p;
		for (i = 0; i < len[c]; i++) {
			char ch = val[off[c] + i];

			if (ch == '\t' || ch == '\n' || ch == '\r') {
				*p++ = '\\';
				ch = ch == '\t' ? 't' : ch == '\n' ? 'n' : 'r';
			}
			*p++ = ch;
		}
		if (c == badcol)
			v = estrndup_(v, (size_t)(p - v));
		*p++ = '\t';
	}
	row.lp = line;
	row.ll = (size_t)(p - line - 1);
	row.nf = 0;
	if (strcasestr(name, "PNR") || strcasestr(name, "CPR")) {
		snprintf(why, sizeof why, "column '%s': %s", name, bad);
		reject(&row, -1, why);
	} else {
		cell[badcol] = v;
		reject(&row, badcol, bad);
	}
	free(v);
	free(line);
}

/* The row's cells, in file order in val, written in output order. */
static void
end_row(int obs)
{
	size_t n = 0;
	int c;

	row.rows++;
	row.line = obs + 1;
	if (bad) {
		reject_row();
		bad = NULL;
		vlen = 0;
		return;
	}
	for (c = 0; c < row.ncol; c++)
		n += len[c] + 1;
	buf = erealloc(buf, n);
	for (n = 0, c = 0; c < row.ncol; c++) {
		memcpy(buf + n, val + off[c], len[c]);
		n += len[c];
		buf[n++] = c + 1 < row.ncol ? '\t' : '\n';
	}
	gzw_write(out, buf, n);
	acct_wrote(1);
	vlen = 0;
}

static int
on_value(int obs, readstat_variable_t *v, readstat_value_t x, void *ctx)
{
	int i = readstat_variable_get_index(v), c = slot[i], ok = 1;
	double d;

	(void)ctx;
	if (!started)
		start_file();
	off[c] = vlen;
	if (readstat_value_is_system_missing(x) || readstat_value_is_tagged_missing(x))
		;
	else if (kind[i] == TEXT)
		put_text(readstat_string_value(x), c);
	else {
		switch (readstat_value_type(x)) {
		case READSTAT_TYPE_INT8: d = readstat_int8_value(x); break;
		case READSTAT_TYPE_INT16: d = readstat_int16_value(x); break;
		case READSTAT_TYPE_INT32: d = readstat_int32_value(x); break;
		case READSTAT_TYPE_FLOAT: d = readstat_float_value(x); break;
		default: d = readstat_double_value(x); break;
		}
		if (isnan(d))
			;
		else if (kind[i] == DATE)
			ok = put_date(d);
		else if (kind[i] == DATETIME)
			ok = put_datetime(d);
		else if (kind[i] == TIME)
			put_clock(d);
		else
			put_num(d);
		if (!ok)
			flag("a date out of range", c);
	}
	len[c] = vlen - off[c];
	if (i == last)
		end_row(obs);
	return READSTAT_HANDLER_OK;
}

static char errmsg[512];

static void
on_error(const char *msg, void *ctx)
{
	(void)ctx;
	snprintf(errmsg, sizeof errmsg, "%s", msg);
	errmsg[strcspn(errmsg, "\n")] = '\0';
}

/* XPORT files begin with a library header record; anything else is tried as sas7bdat. */
static int
is_xport(const char *file)
{
	char head[24] = "";
	FILE *f = fopen(file, "rb");

	if (f == NULL)
		die("%s: cannot open", file);
	if (fread(head, 1, sizeof head - 1, f) == 0 && ferror(f))
		die("%s: cannot read", file);
	fclose(f);
	return strncmp(head, "HEADER RECORD*******LIB", 23) == 0;
}

static void
read_file(const char *file)
{
	readstat_parser_t *p = readstat_parser_init();
	readstat_error_t e;

	path = row.name = file;
	nvar = nseen = started = 0;
	last = -1;
	errmsg[0] = '\0';
	readstat_set_metadata_handler(p, on_meta);
	readstat_set_variable_handler(p, on_var);
	readstat_set_value_handler(p, on_value);
	readstat_set_error_handler(p, on_error);
	if (encoding && readstat_set_file_character_encoding(p, encoding) != READSTAT_OK)
		die("-e: unknown encoding '%s'", encoding);
	e = is_xport(file) ? readstat_parse_xport(p, file, NULL) :
	    readstat_parse_sas7bdat(p, file, NULL);
	if (e != READSTAT_OK)
		die("%s: %s%s%s%s", file, readstat_error_message(e),
		    errmsg[0] ? " (" : "", errmsg, errmsg[0] ? ")" : "");
	if (!started)
		start_file();
	if (vlen != 0)
		die("%s: the file ends inside a row", file);
	readstat_parser_free(p);
}

int
main(int argc, char **argv)
{
	char *list, *s;
	int c;

	prog_init(argc, argv);
	while ((c = getopt(argc, argv, "c:e:hr:uz:")) != -1) {
		if (common_opt(c, optarg))
			continue;
		switch (c) {
		case 'c':
			list = estrdup(optarg);
			for (s = strtok(list, ","); s; s = strtok(NULL, ",")) {
				keep = erealloc(keep, sizeof *keep * (size_t)(nkeep + 1));
				keep[nkeep++] = s;
			}
			kept = ecalloc((size_t)nkeep + 1, sizeof *kept);
			break;
		case 'e':
			encoding = optarg;
			break;
		case 'h':
			usage();
			return 0;
		default:
			usage_die(SYNOPSIS);
		}
	}
	if (optind == argc || (keep != NULL && nkeep == 0))
		usage_die(SYNOPSIS);
	out = gzw_stdout();
	for (; optind < argc; optind++)
		read_file(argv[optind]);
	gzw_close(out);
	acct_end(-1);
	return 0;
}
