/*
 * tsv: rows from a plain or gzip TSV (or, with csv set, CSV: csv.c) stream,
 * columns found by header name (header.c), every row's field count
 * checked; the reject file and the accounting line every filter prints
 * (acct.c).
 *
 * Ownership: t->lp and t->f point into the reader's buffer and are valid
 * until the next tsv_line()/tsv_row() call.
 */
#ifndef TSV_H
#define TSV_H

#include <stddef.h>

#include "gz.h"

typedef struct tsv {
	const char *name;	/* file name for messages */
	long line;		/* line (CSV: record) number of the current row */
	long rows;		/* data rows read so far */
	long heads;		/* of them, the header repeated (dropped) */
	int ncol;		/* fields in the header */
	char **head;		/* header names */
	char *lp;		/* current line, NUL-terminated, no LF */
	size_t ll;		/* its length */
	char **f;		/* fields of the current row after tsv_split (ncol + 1) */
	int nf;
	char delim;		/* CSV: ',' or ';'; TSV: 0 */
	int obs;		/* 1: the TSV of a SAS dataset, whose bad rows are named
				 * by their observation number, line - 1 (as sas2tsv) */
	/* private */
	char *headline;		/* the header line as read (repeats are found by it) */
	size_t headlen;
	int *hslot;		/* hash of the header names: column + 1, 0 empty */
	unsigned hmask;
	gzr *in;
	char *buf;		/* buf[pos..end) not yet returned */
	size_t cap, pos, end;
	int eof;
	char *own;		/* with read-ahead: the buffer for long lines */
	size_t owncap;
	char *blk;		/* with read-ahead: the block buf lies in, or NULL */
	struct csvq *csv;	/* CSV records parsed ahead, NULL for TSV */
	char *used;		/* per column: found by tsv_col/tsv_find or tsv_use */
} tsv;

/*
 * Opens path (NULL: stdin) and reads the header. Flags: TSV_CSV, CSV
 * input; TSV_AHEAD, gzip input decoded by a second thread (TSV only; plain
 * input is read as without it).
 */
#define TSV_CSV		1
#define TSV_AHEAD	2
tsv *tsv_open(const char *path, int flags);
/* The same, its messages naming the input name (NULL: as tsv_open does). */
tsv *tsv_open_as(const char *path, const char *name, int flags);
int tsv_col(const tsv *t, const char *name);	/* dies naming a missing column */
int tsv_find(const tsv *t, const char *name);	/* -1 when missing */
/*
 * Column c is read (tsv_col and tsv_find say so themselves). A CSV field
 * holding a TAB or a line break rejects its row only in a column read;
 * elsewhere (free text) each such byte is read as a space.
 */
void tsv_use(const tsv *t, int c);
/*
 * Many columns at once: pairs of a name and where its index goes, ended
 * by NULL; dies naming the first missing column.
 *   tsv_cols(t, "PNR", &c_pnr, "DATO", &c_dato, (char *)NULL);
 */
void tsv_cols(const tsv *t, ...) __attribute__((sentinel));
/*
 * The next raw line into lp/ll; 0 at the end. An exact repeat of the
 * header (concatenated files) is skipped and, for the main input, dropped
 * as repeated-header; the header names in another order are fatal.
 */
int tsv_line(tsv *t);
size_t tsv_ahead(const tsv *t, const char **p);	/* bytes read after the line (TSV) */
int tsv_split(tsv *t);		/* fields into f; 0: bad row, already rejected */
/*
 * Where the fields of a line begin, without changing it: f[i] for the
 * fields i < max, and f[n] one past the line's end plus one (as if a TAB
 * followed) when n <= max. Returns the number of fields n, or -1 when the
 * line holds a NUL or CR byte. f has room for max + 1 pointers.
 */
int tsv_field_starts(char *p, size_t len, char **f, int max);
int tsv_row(tsv *t);		/* next good row (line + split); 0 at the end */
void tsv_put_head(gzw *w, const tsv *t);	/* header names, TAB-joined, no LF */
void tsv_put_row(gzw *w, const tsv *t);		/* current fields, TAB-joined, no LF */
void tsv_close(tsv *t);

/*
 * Accounting. acct_open names the main input (its rows are the ones
 * counted) and, when rejects is not NULL, opens the reject file (gzip at
 * level when its name ends in .gz). Every row read is then
 * written (acct_wrote), dropped by a named rule (acct_drop) or rejected
 * (reject). acct_end checks that the numbers add up, closes the reject
 * file and prints the line; out_rows >= 0 adds the rows of an aggregating
 * filter's output.
 */
void acct_open(tsv *main, const char *rejects, int level);
void acct_read(long n);	/* rows of a main input that is no tsv (main NULL) */
void acct_wrote(long n);
long acct_written(void);	/* the rows written so far */
#define ACCT_REASONS 32
void acct_mark(long mark[ACCT_REASONS]);	/* the drops so far, by reason */
const char *acct_most_since(const long mark[ACCT_REASONS], long *n);	/* dropped most since */
void acct_drop(const char *reason);	/* reason: a string literal */
void reject(tsv *t, int col, const char *what);	/* col -1: the whole row */
void acct_end(long out_rows);

#endif
