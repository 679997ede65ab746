/*
 * snap: a snapshot file (DATO PNR KOMMUNE TRIN TRIN_SET, the output of
 * snapshot) loaded for the filters that join against it: the persons, the
 * cut dates, and each person's municipality and steps at each date.
 * A bad snapshot row is fatal: the snapshot is this project's own output.
 */
#ifndef SNAP_H
#define SNAP_H

#include "gz.h"
#include "pnrset.h"
#include "tsv.h"

#define SNAP_HEADER	"DATO\tPNR\tKOMMUNE\tTRIN\tTRIN_SET\n"

/* Writing: one row, TRIN_SET from the bits of steps (1 << trin). */
void snap_put_row(gzw *out, const char dato[10], const char *key, size_t len,
    int kommune, int trin, unsigned steps);

/*
 * Reading, for snap_load and diff-moves alike: the columns, and the
 * current row's DATO as a day (parsed once per run of equal dates: rows
 * come by date). A bad value is rejected (reject(): fatal unless the
 * snapshot is the main input in reject mode).
 */
struct snap_cols {
	int dato, pnr, kommune, trin, set;	/* -1: not read (joins: TRIN; diff-moves: TRIN_SET) */
	char last[11];		/* the DATO parsed last */
	int day;		/* its day */
};
void snap_cols(tsv *t, struct snap_cols *c, int with_set);
int snap_dato(tsv *t, struct snap_cols *c, int *day);

/* A person at a cut date. */
struct snap_at {
	short kommune;		/* KOMMUNE, 0 when absent */
	unsigned short steps;	/* TRIN_SET as bits 1 << trin */
};

struct snap {
	pnrset *persons;	/* every PNR in the snapshot */
	int ndates;
	int *dates;		/* the cut dates present, ascending */
	struct snap_at *at;	/* [person * ndates + date]: a person's dates together */
};

struct snap *snap_load(const char *path);
int snap_date(const struct snap *s, int day);	/* index of a cut date, or -1 */

static inline const struct snap_at *
snap_at(const struct snap *s, int date, int person)
{
	return &s->at[(size_t)person * (size_t)s->ndates + (size_t)date];
}

#endif
