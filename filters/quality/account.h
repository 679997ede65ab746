/*
 * quality: the parts of the filter. filters/quality.c: options, the handic
 * records and the snapshot's persons counted per cut date; inputs.c: the
 * inputs joined to the snapshot (LPR, WHO-5, the accounts).
 */
#ifndef ACCOUNT_H
#define ACCOUNT_H

#include <stddef.h>

#include "snap.h"
#include "tables.h"

/* Counters per cut date (snapshot index) and municipality. */
enum {
	C_REC, C_OPEN, C_MARK, C_S82,	/* records active at D (HANDLEKOMMUNE) */
	C_PERS, C_OVL,			/* snapshot persons; with an overlap */
	C_LEV,				/* + 0..5: levels 1-6 (figures) */
	C_GRP = C_LEV + 6,		/* + 0..5: persons on the steps of 20.1-20.6 */
	NC = C_GRP + 6
};

extern const struct snap *snap;
extern int nd;			/* snap->ndates */
extern long *cnt;		/* [(d * KOMMUNE_MAX + k) * NC + C_] */

static inline long *
at(int d, int k, int c)
{
	return &cnt[((size_t)d * KOMMUNE_MAX + (size_t)k) * NC + (size_t)c];
}

/* inputs.c: each adds its rows to the quality stream. */
void read_lpr(const char *path);
void read_who5(const char *path);
void read_accounts(const char *path);

#endif
