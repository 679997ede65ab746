/*
 * sas2tsv: the parts of the filter. filters/sas2tsv.c: options, the files
 * read with ReadStat into one stream, the columns, the rows and their
 * rejects, main(); value.c: a SAS value as the text of a cell; pages.c:
 * the rows a .sas7bdat file's pages hold; xport.c: a transport file's end.
 */
#ifndef SAS2TSV_H
#define SAS2TSV_H

#include <readstat.h>

#include "extract.h"

/* Of a column; KEY: a number in a person key's column, zero-padded as ZEROS. */
enum kind { NUM, DATE, DATETIME, DATEPART, TIME, TOD, ZEROS, KEY, TEXT };

/* CPR numbers have 10 digits: a person key's width when SAS gives none. */
#define KEY_WIDTH	10

/* The kind of a column's format (NULL: NUM); ZEROS sets *width. */
enum kind kind_of(const char *format, int *width);
/* put_value()'s problem for text that is not UTF-8 after conversion. */
extern const char not_utf8[];
/* A value appended to t; the row's problem, or NULL. */
const char *put_value(struct text *t, enum kind k, int width, readstat_value_t x);
/*
 * The rows a .sas7bdat file's pages hold, by their headers, and how many of
 * them are marked deleted; dies if it cannot read them.
 */
long long sas7bdat_rows(const char *file, long long *deleted);
/* Dies when a transport file holds more than one dataset (member). */
void xport_one_member(const char *file);
/*
 * Dies unless a transport file's rows (nvar variables of store bytes, of
 * their kind) end where the file does, but for the blanks filling its last
 * record.
 */
void xport_ends(const char *file, long rows, int nvar, const int *store,
    const enum kind *kind);

#endif
