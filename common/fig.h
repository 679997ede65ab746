/*
 * fig: the figure stream (SPEC 1.2). Filters add figures as they find
 * them; fig_write sorts them by KOMMUNE, DATO and NOEGLETAL (numeric order
 * of the id parts) and writes them. Two rules live here and nowhere else:
 * a figure before its first valid cut date (the catalogue's FOERSTE_DATO,
 * for the figures that need §82 data) is not written, and a ratio whose
 * NAEVNER is 0 is not written.
 */
#ifndef FIG_H
#define FIG_H

#include <math.h>

#include "gz.h"

#define FIG_COUNT NAN	/* NAEVNER of a pure count: written empty */

/* Ids as numbers: major * 100 + minor, "7.1" = 701, "12" = 1200. */
int fig_id(const char *s);	/* -1 if not an id of the catalogue */
void fig_id_fmt(int id, char out[16]);
void fig_num(double v, char out[32]);	/* integer exactly, else round-trip */
void fig_kommune_fmt(int k, char out[12]);	/* as %03d */

void fig_add(int kommune, int dato, int id, double taeller, double naevner);
long fig_write(gzw *w);		/* header and rows; returns the row count */
/*
 * A figure filter's end: the figures written to out, out closed, then the
 * accounting line with the rows written (acct_end).
 */
void fig_end(gzw *out);

#endif
