/*
 * sas2tsv: the parts of the filter. filters/sas2tsv.c: options, the files
 * read with ReadStat into one stream, the columns, the rows and their
 * rejects, main(); value.c: a SAS value as the text of a cell.
 */
#ifndef SAS2TSV_H
#define SAS2TSV_H

#include <readstat.h>

#include "extract.h"

enum kind { NUM, DATE, DATETIME, TIME, TEXT };	/* of a column */

enum kind kind_of(const char *format);	/* NULL: NUM */
int utf8_ok(const unsigned char *s, size_t n);
/* A value appended to t; the row's problem, or NULL. */
const char *put_value(struct text *t, enum kind k, readstat_value_t x);

#endif
