/*
 * snap: a snapshot file (DATO PNR KOMMUNE TRIN TRIN_SET, the output of
 * snapshot) loaded for the filters that join against it: the persons, the
 * cut dates, and each person's municipality and steps at each date.
 * A bad snapshot row is fatal: the snapshot is this project's own output.
 */
#ifndef SNAP_H
#define SNAP_H

#include "pnrset.h"

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
