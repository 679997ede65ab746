/*
 * tsv2sas: a test helper that writes plain UTF-8 TSV (stdin) as a SAS
 * dataset with ReadStat's writer, keeping formats: the fixtures of
 * tests/sas2tsv and tests/import. Not installed.
 *
 *   tsv2sas [-CLx] [-t col=type,...] out
 *
 * Types: s text ($), n number (BEST12.), d date (DATE9., the cell
 * YYYY-MM-DD), t time (TIME8., HH:MM or HH:MM:SS), dt datetime
 * (DATETIME20., YYYY-MM-DD HH:MM[:SS]); a type followed by /FORMAT takes
 * that format instead (n/Z10., d/E8601DA10., n/DATETIME22.3 with the raw
 * number; n/ none). Columns not named are text. An empty number cell (or
 * one of blanks) is SAS's missing value, ".A"-".Z" and "._" its special
 * missing values; in text, the two characters \t and \n stand for a TAB
 * and a line break. -C compresses rows (SAS CHAR compression), -L writes
 * text in Latin-1 and declares it (-U: but leaves UTF-8 declared, a wrong
 * declaration), -x writes a transport (XPORT) file.
 */
#define _GNU_SOURCE
#include <iconv.h>
#include <readstat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static FILE *outf;
static int latin1, keep_utf8;

static void
fail(const char *what)
{
	fprintf(stderr, "tsv2sas: %s\n", what);
	exit(1);
}

static ssize_t
write_bytes(const void *p, size_t n, void *ctx)
{
	(void)ctx;
	return fwrite(p, 1, n, outf) == n ? (ssize_t)n : -1;
}

/* A cell split off the line at TAB; NULL after the last. */
static char *
field(char **p)
{
	char *s = *p;

	if (s == NULL)
		return NULL;
	*p = strchr(s, '\t');
	if (*p)
		*(*p)++ = '\0';
	return s;
}

/* s in Latin-1, in a buffer that the next call reuses. */
static char *
to_latin1(const char *s)
{
	static iconv_t cd = (iconv_t)-1;
	static char *out;
	size_t in = strlen(s), room = in + 1;
	char *o, *i = (char *)s;

	out = realloc(out, room);
	o = out;

	if (cd == (iconv_t)-1 && (cd = iconv_open("ISO-8859-1", "UTF-8")) == (iconv_t)-1)
		fail("iconv");
	if (out == NULL || iconv(cd, &i, &in, &o, &room) == (size_t)-1)
		fail("text not representable in Latin-1");
	*o = '\0';
	return out;
}

static long
days(int y, int m, int d)	/* days since 1960-01-01 */
{
	long yy = y - (m <= 2), era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400, doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;

	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468 + 3653;
}

static double
parse_cell(const char *s, const char *type)
{
	int y, mo, d, h = 0, mi = 0, se = 0;

	if (type[0] == 'n')
		return strtod(s, NULL);
	if (type[0] == 't') {
		if (sscanf(s, "%d:%d:%d", &h, &mi, &se) < 2)
			fail("bad time");
		return h * 3600.0 + mi * 60 + se;
	}
	if (sscanf(s, "%d-%d-%d%*[ T]%d:%d:%d", &y, &mo, &d, &h, &mi, &se) < 3)
		fail("bad date");
	return type[0] == 'd' && type[1] != 't' ? (double)days(y, mo, d) :
	    days(y, mo, d) * 86400.0 + h * 3600 + mi * 60 + se;
}

/* The type given for a column in "name=type,..." (names compared exactly), else text. */
static const char *
type_of(const char *types, const char *name)
{
	char *list = strdup(types), *tok, *eq;

	for (tok = strtok(list, ","); tok; tok = strtok(NULL, ","))
		if ((eq = strchr(tok, '=')) != NULL) {
			*eq = '\0';
			if (strcmp(tok, name) == 0)
				return eq + 1;
		}
	return "s";
}

/* \t and \n in a text cell as TAB and LF (in place); returns 1. */
static int
unescape(char *s)
{
	char *o = s;

	for (; *s; s++)
		if (s[0] == '\\' && (s[1] == 't' || s[1] == 'n')) {
			*o++ = s[1] == 't' ? '\t' : '\n';
			s++;
		} else
			*o++ = *s;
	*o = '\0';
	return 1;
}

struct col {
	char *name;		/* as ReadStat writes it: ASCII */
	char *real;		/* its bytes in the file, patched in after */
	const char *type;	/* s n d t dt */
	size_t width;		/* text: the longest value */
	readstat_variable_t *v;
};

/* The SAS header's encoding byte (offset 70): 29 is Latin-1. ReadStat's writer declares UTF-8 (20). */
static void
declare_latin1(const char *path)
{
	FILE *f = fopen(path, "r+b");
	if (f == NULL)
		fail("cannot reopen the output");
	fseek(f, 70, SEEK_SET);
	if (fputc(29, f) == EOF || fclose(f) != 0)
		fail("cannot patch the encoding");
}

/*
 * ReadStat's writer takes ASCII names only, where SAS (VALIDVARNAME=ANY)
 * writes OMRÅDE too: such a name is written as Q's in place of its other
 * bytes, in the file's encoding, and its bytes patched in after.
 */
static void
patch_names(const char *path, struct col *col, int ncol)
{
	FILE *f = fopen(path, "r+b");
	char *buf, *p;
	long size;
	int j, found;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0)
		fail("cannot reopen the output");
	if ((buf = malloc((size_t)size)) == NULL)
		fail("out of memory");
	rewind(f);
	if (fread(buf, 1, (size_t)size, f) != (size_t)size)
		fail("cannot read the output");
	for (j = 0; j < ncol; j++) {
		size_t n = strlen(col[j].real);

		for (found = 0, p = buf; strcmp(col[j].name, col[j].real) != 0 &&
		    (p = memmem(p, (size_t)(buf + size - p), col[j].name, n)) != NULL; p += n)
			memcpy(p, col[j].real, n), found = 1;
		if (strcmp(col[j].name, col[j].real) != 0 && !found)
			fail("a name's placeholder not found");
	}
	rewind(f);
	if (fwrite(buf, 1, (size_t)size, f) != (size_t)size || fclose(f) != 0)
		fail("cannot patch the names");
	free(buf);
}

int
main(int argc, char **argv)
{
	char *line = NULL, **rows = NULL, *p, *s, *types = "";
	size_t cap = 0, nrow = 0, i;
	int c, ncol = 0, j, xport = 0, compress = 0;
	struct col *col = NULL;
	readstat_writer_t *w;

	while ((c = getopt(argc, argv, "CLt:Ux")) != -1)
		switch (c) {
		case 'C': compress = 1; break;
		case 'L': latin1 = 1; break;
		case 'U': keep_utf8 = 1; break;
		case 't': types = optarg; break;
		case 'x': xport = 1; break;
		default: fail("usage: tsv2sas [-CLUx] [-t col=type,...] out");
		}
	if (optind + 1 != argc)
		fail("usage: tsv2sas [-CLUx] [-t col=type,...] out");
	if (getline(&line, &cap, stdin) < 0)
		fail("no header");
	line[strcspn(line, "\n")] = '\0';
	for (p = line; (s = field(&p)) != NULL; ncol++) {
		col = realloc(col, sizeof *col * (size_t)(ncol + 1));
		col[ncol].real = strdup(latin1 ? to_latin1(s) : s);
		col[ncol].name = strdup(col[ncol].real);
		for (i = 0; col[ncol].name[i]; i++)
			if ((unsigned char)col[ncol].name[i] >= 0x80)
				col[ncol].name[i] = 'Q';
		col[ncol].width = 1;
		col[ncol].type = type_of(types, s);
	}
	for (line = NULL; getline(&line, &cap, stdin) > 0; line = NULL, cap = 0) {
		line[strcspn(line, "\n")] = '\0';
		rows = realloc(rows, sizeof *rows * (nrow + 1));
		rows[nrow++] = line;
		char *copy = strdup(line);

		for (p = copy, j = 0; j < ncol && (s = field(&p)); j++) {
			size_t n = latin1 && strcmp(col[j].type, "s") == 0 ?
			    strlen(to_latin1(s)) : strlen(s);

			if (n > col[j].width)
				col[j].width = n;
		}
		free(copy);
	}
	if ((outf = fopen(argv[optind], "wb")) == NULL)
		fail("cannot create the output");
	w = readstat_writer_init();
	readstat_set_data_writer(w, write_bytes);
	if (compress)
		readstat_writer_set_compression(w, READSTAT_COMPRESS_ROWS);
	for (j = 0; j < ncol; j++) {
		int text = strcmp(col[j].type, "s") == 0;

		col[j].v = readstat_add_variable(w, col[j].name, text ?
		    READSTAT_TYPE_STRING : READSTAT_TYPE_DOUBLE, text ? col[j].width : 8);
		if (!text && strchr(col[j].type, '/'))
			readstat_variable_set_format(col[j].v, strchr(col[j].type, '/')[1] ?
			    strchr(col[j].type, '/') + 1 : NULL);
		else if (!text)
			readstat_variable_set_format(col[j].v,
			    strcmp(col[j].type, "d") == 0 ? "DATE9" :
			    strcmp(col[j].type, "t") == 0 ? "TIME8" :
			    strcmp(col[j].type, "dt") == 0 ? "DATETIME20" : "BEST12");
	}
	if ((xport ? readstat_begin_writing_xport(w, NULL, (long)nrow) :
	    readstat_begin_writing_sas7bdat(w, NULL, (long)nrow)) != READSTAT_OK)
		fail("cannot begin writing");
	for (i = 0; i < nrow; i++) {
		if (readstat_begin_row(w) != READSTAT_OK)
			fail("cannot begin a row (a name ReadStat refuses?)");
		for (p = rows[i], j = 0; j < ncol; j++) {
			if ((s = field(&p)) == NULL)
				fail("a short row");
			if (strcmp(col[j].type, "s") == 0 && unescape(s))
				readstat_insert_string_value(w, col[j].v, latin1 ? to_latin1(s) : s);
			else if (s[strspn(s, " ")] == '\0' || strcmp(s, ".") == 0)	/* blanks too: */
				readstat_insert_missing_value(w, col[j].v);	/* SPEC 5 (review AI, AI4) */
			else if (s[0] == '.' && s[2] == '\0')
				readstat_insert_tagged_missing_value(w, col[j].v, s[1]);
			else
				readstat_insert_double_value(w, col[j].v, parse_cell(s, col[j].type));
		}
		if (readstat_end_row(w) != READSTAT_OK)
			fail("cannot write a row");
	}
	if (readstat_end_writing(w) != READSTAT_OK || fclose(outf) != 0)
		fail("cannot finish the output");
	patch_names(argv[optind], col, ncol);
	if (latin1 && !xport && !keep_utf8)
		declare_latin1(argv[optind]);
	return 0;
}
