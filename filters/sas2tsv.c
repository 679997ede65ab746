/*
 * sas2tsv: SAS datasets (.sas7bdat, .xpt) as one TSV stream, read with
 * ReadStat. Column names as in the (first) file; text in UTF-8 from the
 * file's declared encoding (-e overrides it); a number with a date format
 * as YYYY-MM-DD, datetime YYYY-MM-DD HH:MM:SS, time HH:MM:SS; integers
 * without decimals, other numbers in the shortest form that reads back;
 * Zw. zero-padded, a numeric person key without a format as Z10.;
 * every SAS missing value (., .A-.Z, ._, text of only spaces) empty.
 * Several files (one per year) are one stream: later files are matched to
 * the first by name, ignoring case, and each column must be of the same
 * kind (date, datetime, time, number, text) in every file.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* strcasestr */
#endif
#include <readstat.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "extract.h"
#include "opts.h"
#include "sas2tsv/sas2tsv.h"
#include "tsv.h"
#include "util.h"

static struct opts options;	/* -r, -u, -z; files */
static const char *encoding;	/* -e: the file's real encoding */
static char **keep;		/* -c: column patterns, NULL: all */
static int nkeep;
static int *kept;		/* per pattern: it matched a column */

static tsv row;			/* the output row, for messages and rejects */
static gzw *out;
static char **cell;		/* per output column: the current value (rejects) */
static enum kind *headkind;	/* per output column: its kind in the first file */
static int first = 1;		/* reading the first file: it makes the header */
static const char *first_file;	/* its path, for messages */

/* The file being read. */
static const char *path;
static int nvar;		/* variables in the file */
static int *slot;		/* per variable: output column, -1 when not kept */
static enum kind *kind;		/* per variable */
static int *width;		/* per variable: ZEROS, the digits */
static int last;		/* the last kept variable: it ends a row */
static int nseen;		/* output columns found in this file */
static int started;		/* the file's columns are all known */
static int xport;		/* the file read is a transport file */
static long declared, nrows;	/* rows by the file's header (-1: not said), and read */
static int *store;		/* per variable: its bytes in a transport file's row */
static char *buf;		/* the row: cells in output-column order */
static size_t *off, *len;	/* per output column: the cell in val */
static struct text val;		/* the cells as they came */
static const char *bad;		/* the row's first problem, NULL if none */
static int badcol;

static const struct prog prog = {
	"sas2tsv [-hu] [-c columns] [-e encoding] [-r rejects] [-z level] file...",
	"c:e:hr:uz:",
	    "Writes SAS datasets (.sas7bdat, any compression, or .xpt) as TSV with the\n"
	    "column names of the file. Text is converted to UTF-8 from the encoding the\n"
	    "file declares; numbers with a date format are YYYY-MM-DD, datetime formats\n"
	    "YYYY-MM-DD HH:MM:SS, time formats HH:MM:SS; integers have no decimals,\n"
	    "other numbers the shortest form that reads back; Zw. zero-pads to w\n"
	    "digits, and a number in a person key's column (PNR, CPR, V_CPR) without\n"
	    "one is written as with Z10. (its lost leading zeros); SAS missing values\n"
	    "(. .A-.Z ._, text of only spaces) are empty. A TAB or line break inside\n"
	    "a text value is a bad row. Several files are one stream with the header\n"
	    "of the first: each later file must hold its columns (names compared\n"
	    "ignoring case; extra columns are left out with a warning), each a date,\n"
	    "datetime, time, number or text as in the first. Messages name FILE:ROW.\n"
	    "\n"
	    "  -c columns  keep only these columns (comma separated, ignoring case;\n"
	    "              shell patterns, a|b either: -c 'PNR|CPR,y_*'); each must\n"
	    "              match a column\n"
	    "  -e encoding the files' real text encoding (e.g. WINDOWS-1252, LATIN1)",
	RANGE_NONE,
	NULL,
	NULL,
};

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
 * The words for text that is not UTF-8 after conversion: a transport file
 * declares no encoding, and ReadStat then converts nothing.
 */
static const char *
not_utf8_why(void)
{
	if (encoding)
		return "not UTF-8 in the encoding -e names";
	if (xport)
		return "not UTF-8, and a transport file declares no encoding (give the "
		    "real one with -e: WINDOWS-1252 where SAS ran on Windows)";
	return "not UTF-8 in the encoding the file declares (give the real one with -e)";
}

static int
on_meta(readstat_metadata_t *md, void *ctx)
{
	(void)ctx;
	nvar = readstat_get_var_count(md);
	declared = readstat_get_row_count(md);
	if (nvar < 0)
		nvar = 0;
	slot = erealloc(slot, sizeof *slot * (size_t)(nvar + 1));
	kind = erealloc(kind, sizeof *kind * (size_t)(nvar + 1));
	width = erealloc(width, sizeof *width * (size_t)(nvar + 1));
	store = erealloc(store, sizeof *store * (size_t)(nvar + 1));
	return READSTAT_HANDLER_OK;
}

static int
wanted(const char *name)
{
	int i, any = 0;

	if (keep == NULL)
		return 1;
	for (i = 0; i < nkeep; i++)
		if (pattern_any(keep[i], name, 1))
			kept[i] = any = 1;
	return any;
}

/* A person key's column: its name holds PNR or CPR (ignoring case). */
static int
person_key(const char *name)
{
	static const char *const keys[] = { "PNR", "CPR", "CPRNR", "CPR_NR", NULL };
	int i;

	/* the name, or one letter and _ before it (V_CPR): not CPR_TYPE or
	 * ANTAL_CPR, whose numbers were zero-padded too (review Y, Y8) */
	if (name[0] != '\0' && name[1] == '_')
		name += 2;
	for (i = 0; keys[i]; i++)
		if (strcasecmp(name, keys[i]) == 0)
			return 1;
	return 0;
}

/* What a column's cells are, by its kind: files read together must agree. */
static const char *
kind_name(enum kind k)
{
	switch (k) {
	case DATE:
	case DATEPART:
		return "a date";
	case DATETIME:
		return "a datetime";
	case TIME:
	case TOD:
		return "a time";
	case TEXT:
		return "text";
	default:
		return "a number";	/* NUM, ZEROS, KEY */
	}
}

/*
 * A column of the file: the first file makes the header, later ones find
 * theirs. A number that is a person key without a Zw. format has lost the
 * leading zeros SAS would show: it is written with KEY_WIDTH digits, so
 * it may be text in another file. Any other column must be of the same
 * kind in every file: a date in one and a number in the next would be
 * written 2021-01-01 and 22281 in one column.
 */
static int
on_var(int i, readstat_variable_t *v, const char *labels, void *ctx)
{
	const char *name = readstat_variable_get_name(v);
	int c, j;

	(void)labels, (void)ctx;
	if (i >= nvar)
		die("%s: more columns than the file declares", path);
	store[i] = (int)readstat_variable_get_storage_width(v);
	if (name == NULL || name[0] == '\0')	/* ReadStat: a blank name is NULL */
		die("%s: column %d: no name", path, i + 1);
	if (strpbrk(name, "\t\n\r") || !utf8_ok(
	    (const unsigned char *)name, strlen(name)))
		die("%s: column %d: a name that cannot be a TSV column name", path, i + 1);
	kind[i] = readstat_variable_get_type_class(v) == READSTAT_TYPE_CLASS_STRING ?
	    TEXT : kind_of(readstat_variable_get_format(v), &width[i]);
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
		headkind = erealloc(headkind, sizeof *headkind * (size_t)(row.ncol + 1));
		c = row.ncol++;
	} else {
		for (c = 0; c < row.ncol && strcasecmp(row.head[c], name) != 0; c++)
			;
		if (c == row.ncol) {
			if (wanted(name))	/* -c asked for it, or all were */
				warn("%s: column '%s' is not in the first file: left out",
				    path, name);
			return READSTAT_HANDLER_SKIP_VARIABLE;
		}
		for (j = 0; j < i; j++)
			if (slot[j] == c)
				die("%s: two columns named '%s' (ignoring case)", path, name);
	}
	if ((kind[i] == NUM || kind[i] == ZEROS) && person_key(name)) {
		if (kind[i] == NUM) {
			width[i] = KEY_WIDTH;
			warn("%s: column '%s': a number without a Z format: written with %d "
			    "digits, zero-padded, as a CPR number", path, name, KEY_WIDTH);
		}
		kind[i] = KEY;
	}
	if (first)
		headkind[c] = kind[i];
	else if (strcmp(kind_name(kind[i]), kind_name(headkind[c])) != 0 &&
	    !((kind[i] == TEXT || kind[i] == KEY) &&
	    (headkind[c] == TEXT || headkind[c] == KEY)))
		die("%s: column '%s' is %s here but %s in %s (another format)",
		    path, name, kind_name(kind[i]), kind_name(headkind[c]), first_file);
	slot[i] = c;
	last = i;
	nseen++;
	return READSTAT_HANDLER_OK;
}

/* After the columns, before the first row: the header, or the check of a later file. */
static void
start_file(void)
{
	char shown[64];
	int i, c;

	if (first) {
		for (i = 0; i < nkeep; i++)
			if (!kept[i])
				die("%s: -c: no column matches %s", path, show_value(keep[i], shown, sizeof shown));
		if (row.ncol == 0)
			die("%s: no columns", path);
		row.f = ecalloc((size_t)row.ncol + 1, sizeof *row.f);
		cell = row.f;
		off = ecalloc((size_t)row.ncol, sizeof *off);
		len = ecalloc((size_t)row.ncol, sizeof *len);
		acct_open(&row, options.rejects, options.level);
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

	p = line = emalloc(val.len * 2 + (size_t)row.ncol + 1);
	for (c = 0; c < row.ncol; c++) {
		if (c == badcol)
			v = p;
		for (i = 0; i < len[c]; i++) {
			char ch = val.s[off[c] + i];

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
	if (person_key(name)) {
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
	row.line = nrows = obs + 1;
	if (bad) {
		reject_row();
		bad = NULL;
		val.len = 0;
		return;
	}
	for (c = 0; c < row.ncol; c++)
		n += len[c] + 1;
	buf = erealloc(buf, n);
	for (n = 0, c = 0; c < row.ncol; c++) {
		memcpy(buf + n, val.s + off[c], len[c]);
		n += len[c];
		buf[n++] = c + 1 < row.ncol ? '\t' : '\n';
	}
	gzw_write(out, buf, n);
	acct_wrote(1);
	val.len = 0;
}

static int
on_value(int obs, readstat_variable_t *v, readstat_value_t x, void *ctx)
{
	int i = readstat_variable_get_index(v), c = slot[i];
	const char *why;

	(void)ctx;
	if (!started)
		start_file();
	off[c] = val.len;
	if ((why = put_value(&val, kind[i], width[i], x)) != NULL)
		flag(why == not_utf8 ? not_utf8_why() : why, c);
	len[c] = val.len - off[c];
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

/*
 * XPORT files begin with a library header record; anything else is tried
 * as sas7bdat. A transport file is whole 80-byte records: one of another
 * size was cut short, and ReadStat would read its rows up to the cut.
 * Only a regular file is opened: ReadStat seeks, and opens the path again
 * (a FIFO's second open would wait for a writer that has gone).
 */
static int
is_xport(const char *file)
{
	char head[24] = "";
	const char *packed;
	FILE *f;
	struct stat st;
	size_t n;
	int found;

	if (stat(file, &st) != 0)
		die("%s: cannot open: %s", file, strerror(errno));
	if (!S_ISREG(st.st_mode))
		die("%s: not a regular file: a SAS dataset is read with seeks", file);
	if ((f = fopen(file, "rb")) == NULL)
		die("%s: cannot open: %s", file, strerror(errno));
	if ((n = fread(head, 1, sizeof head - 1, f)) == 0 && ferror(f))
		die("%s: cannot read", file);
	fclose(f);
	if ((packed = compressed_kind((const unsigned char *)head, n)) != NULL)
		die("%s: %s: decompress it first, a SAS dataset is read as it is", file,
		    packed);
	if (strncmp(head, "**COMPRESSED**", 14) == 0)	/* review r2, 2026-12-06 */
		die("%s: a CPORT file (PROC CPORT), which ReadStat does not read: write a "
		    "transport file (PROC COPY to a library of the XPORT engine) or a "
		    ".sas7bdat", file);
	found = strncmp(head, XPORT_MAGIC, sizeof XPORT_MAGIC - 1) == 0;
	if (found && st.st_size % 80 != 0)
		die("%s: a transport file cut short: %lld bytes, not whole "
		    "80-byte records", file, (long long)st.st_size);
	return found;
}

static void
read_file(const char *file)
{
	readstat_parser_t *p = readstat_parser_init();
	readstat_error_t e;
	long long held, deleted;

	path = row.name = file;
	nvar = nseen = started = 0;
	declared = -1;
	nrows = 0;
	last = -1;
	errmsg[0] = '\0';
	readstat_set_metadata_handler(p, on_meta);
	readstat_set_variable_handler(p, on_var);
	readstat_set_value_handler(p, on_value);
	readstat_set_error_handler(p, on_error);
	if (encoding && readstat_set_file_character_encoding(p, encoding) != READSTAT_OK)
		die("-e: unknown encoding '%s'", encoding);
	if ((xport = is_xport(file)) != 0)
		xport_one_member(file);
	e = xport ? readstat_parse_xport(p, file, NULL) :
	    readstat_parse_sas7bdat(p, file, NULL);
	if (e == READSTAT_ERROR_READ && (errmsg[0] == '\0' ||
	    strstr(errmsg, "(errno = 0)")))	/* a read that found the end */
		die("%s: cut short or damaged: ReadStat read past its end", file);
	if (e != READSTAT_OK)
		die("%s: %s%s%s%s", file, readstat_error_message(e),
		    errmsg[0] ? " (" : "", errmsg, errmsg[0] ? ")" : "");
	if (!started)	/* no row, or no column kept: -c's check comes first */
		start_file();
	if (declared >= 0 && nrows != declared)
		die("%s: %ld rows where the file says %ld: cut short or damaged",
		    file, nrows, declared);
	if (!xport && declared >= 0) {
		if ((held = sas7bdat_rows(file, &deleted)) > declared)
			die("%s: the row count in its header, %ld, is lower than the %lld rows "
			    "its pages hold: damaged", file, declared, held);
		if (deleted > 0)	/* ReadStat gives them as rows like the others */
			die("%s: %lld of its rows are marked deleted, which cannot be told "
			    "from the others here: write the dataset again without them (a "
			    "DATA step) and read that", file, deleted);
	}
	if (xport)
		xport_ends(file, nrows, nvar, store, kind);
	if (val.len != 0)
		die("%s: the file ends inside a row", file);
	readstat_parser_free(p);
}

/*
 * -c: the column patterns, separated by single commas; an empty one ("",
 * ",", "a,") is a usage error: it would keep no column, or all of them.
 */
static void
keep_columns(const char *arg)
{
	keep = comma_list(arg, "-c: an empty column name", &nkeep);
	kept = ecalloc((size_t)nkeep + 1, sizeof *kept);
}

int
main(int argc, char **argv)
{
	int c;

	opts_start(&options, argc, argv);
	options.operands = 1;	/* its input files */
	while ((c = opts_next(&options, &prog, argc, argv)) != -1)
		if (c == 'c')
			keep_columns(options.arg);
		else
			check_encoding(encoding = options.arg);		/* -e */
	if (optind == argc)
		usage_why(prog.synopsis, "no dataset: name one or more .sas7bdat or .xpt files");
	out = opts_out(&options);
	first_file = argv[optind];
	for (c = optind; c < argc; c++)	/* a dataset is read by seeking in it (review AF, AF6) */
		if (strcmp(argv[c], "-") == 0)
			usage_why(prog.synopsis, "-: a SAS dataset is read from a file, not standard "
			    "input: name it");
	for (; optind < argc; optind++)
		read_file(argv[optind]);
	gzw_close(out);
	acct_end(-1);
	return 0;
}
