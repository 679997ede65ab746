/*
 * header: a reader's header line, checked and indexed; columns found by
 * name; the header written (see tsv.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gz.h"
#include "snap.h"	/* its image's magic: said as such when piped */
#include "tsv.h"
#include "tsv_private.h"
#include "util.h"

/* Dies when the n bytes at p, the input's first line, are compressed data. */
void
not_compressed(const tsv *t, const char *p, size_t n)
{
	const char *kind = compressed_kind((const unsigned char *)p, n);

	if (kind)
		die("%s: the data are %s (compressed twice?)", t->name, kind);
}

/*
 * Dies when the n bytes at p, the input's first line, begin a SAS dataset
 * (SAS7BDAT's magic number, or a transport file's first record): its NULs
 * were taken for UTF-16 text, and import -e UTF-16 failed too (review AL,
 * AL1).
 */
static void
not_sas(const tsv *t, const char *p, size_t n)
{
	static const unsigned char magic[32] = { [12] = 0xc2, 0xea, 0x81, 0x60, 0xb3, 0x14,
	    0x11, 0xcf, 0xbd, 0x92, 0x08, 0x00, 0x09, 0xc7, 0x31, 0x8c, 0x18, 0x1f, 0x10, 0x11 };

	if ((n >= sizeof magic && memcmp(p, magic, sizeof magic) == 0) ||
	    (n >= sizeof XPORT_MAGIC - 1 && memcmp(p, XPORT_MAGIC, sizeof XPORT_MAGIC - 1) == 0))
		die("%s: a SAS dataset, not text: sas2tsv reads it (sas2tsv FILE | import -R "
		    "REGISTER; keyfigures does so by itself)", t->name);
}

/* Dies when the n bytes at p, the header, are UTF-16 (its mark, or NULs). */
static void
not_utf16(const tsv *t, const char *p, size_t n)
{
	if (n >= 2 && (memcmp(p, "\xFF\xFE", 2) == 0 || memcmp(p, "\xFE\xFF", 2) == 0))
		die("%s:1: the header starts with a UTF-16 byte order mark: UTF-16 "
		    "text; convert it to UTF-8 (import -e UTF-16)", t->name);
	if (n >= sizeof SNAP_IMAGE_MAGIC - 1 &&
	    memcmp(p, SNAP_IMAGE_MAGIC, sizeof SNAP_IMAGE_MAGIC - 1) == 0)
		die("%s: a snapshot image (snapshot -b), read only from a regular file, "
		    "not through a pipe", t->name);
	if (memchr(p, '\0', n))
		die("%s:1: NUL byte in the header (UTF-16 text? convert it to UTF-8: "
		    "import -e UTF-16)", t->name);
}

/*
 * Dies when the n bytes at p, an input's first line, are not text:
 * compressed, a SAS dataset, UTF-16 or a snapshot image. A CSV's before
 * its parser reads it (csv_open), and every header again.
 */
void
not_text(const tsv *t, const char *p, size_t n)
{
	not_compressed(t, p, n);
	not_sas(t, p, n);
	not_utf16(t, p, n);
}

/* The header line as a whole: what it must not be or hold. */
static void
check_header(tsv *t)
{
	not_text(t, t->lp, t->ll);
	if (!t->csv && t->ll >= 3 && memcmp(t->lp, "\xEF\xBB\xBF", 3) == 0)
		die("%s:1: the header starts with a UTF-8 byte order mark; "
		    "save the file without it", t->name);
	if (t->ll > 0 && t->lp[t->ll - 1] == '\r')
		die("%s:1: the header ends in CR: CRLF line endings; convert "
		    "with dos2unix", t->name);
	if (memchr(t->lp, '\r', t->ll))
		die("%s:1: a CR byte in the header (a lone carriage return)", t->name);
}

/* The names into a hash (tsv_find), each checked: not empty, not twice. */
static void
index_names(tsv *t)
{
	unsigned size = 16, h;
	char buf[160];
	int i, c;

	while (size < 2u * (unsigned)t->ncol)
		size *= 2;
	t->hmask = size - 1;
	t->hslot = ecalloc(size, sizeof *t->hslot);
	t->used = ecalloc((size_t)t->ncol, 1);
	for (i = 0; i < t->ncol; i++) {
		if (t->head[i][0] == '\0') {
			for (c = i; c < t->ncol && t->head[c][0] == '\0'; c++)
				;
			if (c == t->ncol && i > 0)	/* a spreadsheet's touched cells */
				die("%s:1: the last %d column(s) have no name (empty columns "
				    "at the end of the header, as a spreadsheet writes them): "
				    "delete them", t->name, c - i);
			die("%s:1: column %d has an empty name", t->name, i + 1);
		}
		h = (unsigned)hash_str(t->head[i], strlen(t->head[i])) & t->hmask;
		for (; (c = t->hslot[h]) != 0; h = (h + 1) & t->hmask)
			if (strcmp(t->head[c - 1], t->head[i]) == 0)
				die("%s:1: column '%s' appears twice", t->name,
				    shown_name(t->head[i], buf, sizeof buf));
		t->hslot[h] = i + 1;
	}
}

/* The column of a name, or -1 (the header's check; tsv_find also marks it used). */
static int
find_name(const tsv *t, const char *name)
{
	unsigned h = (unsigned)hash_str(name, strlen(name)) & t->hmask;
	int c;

	for (; (c = t->hslot[h]) != 0; h = (h + 1) & t->hmask)
		if (strcmp(t->head[c - 1], name) == 0)
			return c - 1;
	return -1;
}

/* The header line just read: checked, its names kept and indexed. */
void
head_read(tsv *t)
{
	int i, j;

	check_header(t);
	t->headline = emalloc(t->ll + 1);
	memcpy(t->headline, t->lp, t->ll);
	t->headlen = t->ll;
	t->ncol = 1;
	for (i = 0; (size_t)i < t->ll; i++)
		t->ncol += t->lp[i] == '\t';
	/* counted before anything is made for them: 250 million TABs, 255 KB
	 * of gzip, took 10.7 GB first (review AM, AM2); DREAM has thousands */
	if (t->ncol > HEAD_MAX_COLS)
		die("%s:1: a header of %d columns, more than %d: not a register's", t->name,
		    t->ncol, HEAD_MAX_COLS);
	t->head = emalloc(sizeof *t->head * (size_t)t->ncol);
	t->f = emalloc(sizeof *t->f * ((size_t)t->ncol + 1));
	t->head[0] = t->lp;
	for (i = 0, j = 1; (size_t)i < t->ll; i++)
		if (t->lp[i] == '\t') {
			t->lp[i] = '\0';
			t->head[j++] = t->lp + i + 1;
		}
	for (i = 0; i < t->ncol; i++)
		t->head[i] = estrdup(t->head[i]);
	index_names(t);
}

/*
 * Whether the current line, as long as the header, is the header again:
 * an exact repeat is 1; the same names in another order are fatal (its
 * rows would be read with the first header's positions).
 */
int
head_repeated(tsv *t)
{
	char *copy, *name, *next;
	int n = 0;

	if (memcmp(t->lp, t->headline, t->ll) == 0)
		return 1;
	copy = emalloc(t->ll + 1);
	memcpy(copy, t->lp, t->ll);
	copy[t->ll] = '\0';
	for (name = copy; name; name = next, n++) {
		if ((next = strchr(name, '\t')) != NULL)
			*next++ = '\0';
		if (find_name(t, name) < 0)
			break;
	}
	free(copy);
	if (name == NULL && n == t->ncol)
		die("%s:%ld: the header again, its columns in another order "
		    "(concatenated files?); put the columns in one order", t->name,
		    t->line);
	return 0;
}

int
tsv_find(const tsv *t, const char *name)
{
	int c = find_name(t, name);

	if (c >= 0)
		tsv_use(t, c);
	return c;
}

void
tsv_use(const tsv *t, int c)
{
	t->used[c] = 1;
}

int
tsv_col(const tsv *t, const char *name)
{
	int i = tsv_find(t, name);

	if (i < 0)
		die("%s:1: missing column '%s'", t->name, name);
	return i;
}

void
tsv_cols(const tsv *t, ...)
{
	const char *name;
	va_list ap;

	va_start(ap, t);
	while ((name = va_arg(ap, const char *)) != NULL)
		*va_arg(ap, int *) = tsv_col(t, name);
	va_end(ap);
}

void
tsv_put_head(gzw *w, const tsv *t)
{
	int i;

	for (i = 0; i < t->ncol; i++) {
		if (i > 0)
			gzw_putc(w, '\t');
		gzw_puts(w, t->head[i]);
	}
}
