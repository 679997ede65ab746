/*
 * tables: the shipped data files (share/noegletal/): municipalities, the
 * key figure catalogue, and the way to find a table that a filter reads.
 * A table is found as given by an option, else in $NOEGLETAL_SHARE, else
 * in ../share/noegletal beside the program (the source tree and an
 * installed PREFIX have the same layout).
 */
#ifndef TABLES_H
#define TABLES_H

#include "tsv.h"

tsv *table_open(const char *path, const char *name);	/* path NULL: shipped name */

struct kommune {
	int code;		/* 101..860 */
	char *name;		/* e.g. "København" */
	int region;		/* region code, e.g. 1084 */
	char *region_name;
};

#define KOMMUNE_MAX	1000	/* every municipality code is below it */

/* The code of an exact three-digit municipality in the table, else 0. */
int kommune_code(const char *s);
const struct kommune *kommune_get(int code);	/* NULL if none */
const struct kommune *kommune_all(int *n);

#endif
