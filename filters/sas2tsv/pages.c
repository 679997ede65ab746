/*
 * sas2tsv's page count: the rows a .sas7bdat file's pages hold, counted
 * from the page headers and the subheader pointers, to check the row
 * count in the file's header. ReadStat reads as many rows as that count
 * says and stops: a header whose count was lowered (1000 edited to 900)
 * would give 900 rows and no error.
 *
 * The layout (Shotwell and Cummins, "SAS7BDAT Database Binary Format";
 * ReadStat's src/sas/readstat_sas7bdat_read.c reads it the same way):
 *
 *   file header  byte 32 is 0x33 in a 64-bit file ("u64"), byte 35 is
 *                0x33 when 4 bytes of padding follow the table name,
 *                byte 37 is 1 in a little-endian file, 0 in a big-endian
 *                one; at 196 (+4 with that padding) the header's length
 *                and the page size (4 bytes each), then the page count
 *                (4 bytes, 8 in a u64 file); the pages follow the header
 *   page header  at 16 (32 in u64) the page type, the block count and the
 *                subheader count (2 bytes each); the subheader pointers
 *                follow at 24 (40), 12 (24) bytes each: the subheader's
 *                offset in the page and its length (4 or 8 bytes each),
 *                its compression byte and its type byte
 *
 * Rows are where ReadStat finds them: a data page (type & 0x0F00 is
 * 0x0100) holds as many as its block count; a mix page (0x0200) holds its
 * block count less its subheader count after the pointers; in a compressed
 * file (CHAR/RLE or BINARY/RDC) a row is a subheader of compression 4 (a
 * compressed row) or one of compression 0 and type 1 that is no known
 * subheader (a row stored as it is), on any page without the 0x9000 bits.
 * Only the page headers and pointers are read (and a page whole when it
 * holds a subheader of compression 0 and type 1, to read its signature):
 * a few bytes of an uncompressed file's page, about a tenth of a
 * compressed one's.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sas2tsv.h"
#include "util.h"

/* Subheader signatures ReadStat knows: anything else of type 1 is a row. */
#define ROW_SIZE	0xF7F7F7F7u
#define COLUMN_SIZE	0xF6F6F6F6u
#define COUNTS		0xFFFFFC00u
#define COLUMN_FORMAT	0xFFFFFBFEu
#define COLUMN_MASK	0xFFFFFFF8u	/* text, names, attributes, list, ... */

/* The file being counted. */
static const char *file;
static int fd;
static int little;		/* little-endian */
static int u64;			/* 64-bit layout: wider fields */
static size_t w, head, ptr;	/* by it: a field's bytes, a page header's, a pointer's */

/* An unsigned integer of n bytes in the file's byte order. */
static uint64_t
get(const unsigned char *p, int n)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < n; i++)
		v = v << 8 | p[little ? n - 1 - i : i];
	return v;
}

/* n bytes at off, all of them: a file that ends sooner is damaged. */
static void
read_at(unsigned char *buf, size_t n, uint64_t off)
{
	ssize_t got = pread(fd, buf, n, (off_t)off);

	if (got < 0)
		die("%s: cannot read", file);
	if ((size_t)got < n)
		die("%s: cut short or damaged: its pages end before its header says", file);
}

static int
known(uint32_t sig)
{
	return sig == ROW_SIZE || sig == COLUMN_SIZE || sig == COUNTS ||
	    sig == COLUMN_FORMAT || (sig & COLUMN_MASK) == COLUMN_MASK;
}

/*
 * The rows among a page's sc subheaders, the page at byte at of the file:
 * page holds its header, the pointers (and the rest, if needed) are read
 * here.
 */
static long
subheader_rows(unsigned char *page, size_t size, uint64_t at, long sc)
{
	size_t end = head + (size_t)sc * ptr;
	long i, rows = 0;
	int whole = 0;

	if (end > size)
		die("%s: a page at byte %llu is damaged: its subheader pointers "
		    "do not fit it", file, (unsigned long long)at);
	read_at(page + head, end - head, at + head);
	for (i = 0; i < sc; i++) {
		const unsigned char *p = page + head + (size_t)i * ptr;
		uint64_t off = get(p, (int)w), len = get(p + w, (int)w);
		int comp = p[2 * w], type = p[2 * w + 1];
		uint32_t sig;

		if (len == 0 || comp == 1)	/* nothing, or truncated */
			continue;
		if (comp == 4) {
			rows++;
			continue;
		}
		if (comp != 0 || type != 1 || off < end || off > size - w)
			continue;	/* metadata, or ReadStat's error */
		if (!whole) {
			read_at(page + end, size - end, at + end);
			whole = 1;
		}
		sig = (uint32_t)get(page + off, 4);
		if (!little && u64 && sig == 0xFFFFFFFFu)
			sig = (uint32_t)get(page + off + 4, 4);
		if (!known(sig))
			rows++;
	}
	return rows;
}

/*
 * The rows marked deleted, by the row size subheader among a page's sc
 * subheaders (its field 7, as SASLib.jl reads it: 1 and 5 in parso's test
 * files with deleted rows, 0 in SAS's fixtures), the page at byte at of the
 * file read whole into page; -1 when the page has none.
 */
static long long
deleted_rows(unsigned char *page, size_t size, uint64_t at, long sc)
{
	long i;

	read_at(page, size, at);
	for (i = 0; i < sc && head + (size_t)(i + 1) * ptr <= size; i++) {
		const unsigned char *p = page + head + (size_t)i * ptr;
		uint64_t off = get(p, (int)w), len = get(p + w, (int)w);

		/* its signature's 4 bytes first in every layout (and alike both ways) */
		if (p[2 * w] == 0 && len >= 8 * w && off <= size && size - off >= 8 * w &&
		    get(page + off, 4) == ROW_SIZE)
			return (long long)get(page + off + 7 * w, (int)w);
	}
	return -1;
}

long long
sas7bdat_rows(const char *path, long long *deleted)
{
	unsigned char h[256], *page;
	uint64_t header, size, pages, n, at;
	long long rows = 0;
	int pad;
	size_t type_at;

	*deleted = -1;
	file = path;
	if ((fd = open(path, O_RDONLY)) < 0)
		die("%s: cannot open: %s", path, strerror(errno));
	read_at(h, sizeof h, 0);
	u64 = h[32] == 0x33;
	pad = h[35] == 0x33 ? 4 : 0;
	little = h[37] == 1;
	w = u64 ? 8 : 4, head = u64 ? 40 : 24, ptr = 3 * w;
	header = get(h + 196 + pad, 4);
	size = get(h + 200 + pad, 4);
	pages = get(h + 204 + pad, u64 ? 8 : 4);
	type_at = u64 ? 32 : 16;
	if (size < type_at + 8 || size > 1u << 30)	/* ReadStat refuses it first */
		die("%s: damaged: a page size of %llu bytes", path, (unsigned long long)size);
	page = emalloc(size);
	for (n = 0; n < pages; n++) {
		long type, bc, sc;

		at = header + n * size;
		read_at(page, type_at + 8, at);
		type = (long)get(page + type_at, 2);
		bc = (long)get(page + type_at + 2, 2);
		sc = (long)get(page + type_at + 4, 2);
		if ((type & 0x0F00) == 0x0100)
			rows += bc;
		else if (!(type & 0x9000)) {
			rows += subheader_rows(page, size, at, sc);
			if ((type & 0x0F00) == 0x0200 && bc > sc)
				rows += bc - sc;
		}
		if (*deleted < 0 && !(type & 0x9000))	/* on the first pages */
			*deleted = deleted_rows(page, size, at, sc);
	}
	if (*deleted < 0)	/* ReadStat refuses such a file first */
		die("%s: damaged: no row size subheader", path);
	free(page);
	close(fd);
	return rows;
}
