/*
 * tsv_private: what tsv.c, header.c, csv.c and acct.c share and no filter uses.
 */
#ifndef TSV_PRIVATE_H
#define TSV_PRIVATE_H

#include "tsv.h"

#define LINE_MAX_BYTES	(256L << 20)	/* the longest line (CSV: record) */
#define HEAD_MAX_COLS	1000000		/* the most columns of a header */

/* csv.c: CSV records as lines. */
void csv_open(tsv *t);		/* the delimiter from the header; parsing begins */
int csv_line(tsv *t);		/* the next record into lp/ll; 0 at the end */
int csv_bad(const tsv *t);	/* the first column read holding a TAB or line break, or -1 */
void csv_close(struct csvq *q);
void cut_short(const tsv *t) __attribute__((noreturn));	/* the last line has no LF */

/* header.c: the header line. */
void head_read(tsv *t);		/* the line just read is the header */
int head_repeated(tsv *t);	/* the line is the header again (1), or fatal */
void not_compressed(const tsv *t, const char *p, size_t n);	/* or dies */
void not_text(const tsv *t, const char *p, size_t n);	/* or dies */

/* acct.c: the reader's part in the accounting. */
int acct_is_main(const tsv *t);
void acct_closing(const tsv *t);	/* the main input's rows are kept */
/* A column name as a message may show it: never one shaped like a PNR. */
const char *shown_name(const char *name, char *buf, size_t cap);

#endif
