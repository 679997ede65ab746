/*
 * synth: what the parts of synth share (see ../synth.c for the whole).
 *
 *   base.c      the output files, person numbers, municipalities, half-years
 *   handic.c    persons walking the stair, and other target groups
 *   dream.c     weekly transfer codes in spells
 *   lpr.c       psychiatric contacts
 *   who5.c      the municipalities' WHO-5 surveys
 *   regnskab.c  the accounts, and the population (befolkning)
 *   faults.c    the data faults of -F, applied as lines are written
 *   ../synth.c  the options and main()
 *
 * Every number comes from one splitmix64 stream, drawn in the order the
 * files are written: the same seed gives the same files.
 */
#ifndef SYNTH_H
#define SYNTH_H

#include <stddef.h>

#include "gz.h"
#include "tables.h"

#define MAXH 64			/* half-years */

/* One output file and what went into it. */
struct out {
	gzw *w;
	char path[4096];
	long rows;		/* data rows, the header not counted */
	long long bytes;	/* uncompressed, the header counted */
	double t0;		/* when it was opened */
};

/* The run, set by main before the generators start. */
extern unsigned long long rng_state;
extern int first_year, last_year, nhalf;	/* -y; nhalf half-years */
extern int d82;			/* 2020-07-01: §82 in the registers from then */
extern int real;		/* -L real: the registers' real layouts (import) */
extern int gz_level;		/* -z */
extern const struct kommune *kom;
extern int nkom;
extern double *kom_weight, kom_total;	/* 18-64-year-olds per municipality */
extern short *where;		/* persons x nhalf: HANDLEKOMMUNE at the half-year's end, 0 none */
/* The shape (-K): what the benchmark varies besides the sizes. */
extern double churn;		/* DREAM spells this many times shorter: less compressible */
extern double contacts;		/* LPR contacts per person, times */
extern int pieces;		/* each handic record written as up to this many */
extern double other_share;	/* persons of other target groups, times */

/* splitmix64: small, fast and good enough for synthetic data. */
static inline unsigned long long
rnd(void)
{
	unsigned long long z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static inline int
below(int n)		/* 0 .. n-1 */
{
	return (int)((rnd() >> 11) % (unsigned long long)n);
}

static inline double
uniform(void)
{
	return (double)(rnd() >> 11) / 9007199254740992.0;
}

static inline int
pick(const short *permille)	/* an index, by per mille weights */
{
	int x = below(1000), i = 0;

	while (x >= permille[i])
		x -= permille[i++];
	return i;
}

/* base.c */
void pnr(long long i, char out[16]);
double now(void);
void out_open(struct out *o, const char *dir, const char *name, const char *header);
void out_line(struct out *o, const char *s, size_t n);
void out_printf(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void out_close(struct out *o);
int pick_kommune(void);
void setup_kommuner(void);
int half_start(int h);
int day_in_half(int h);

/* the generators, one file each */
void write_handic(const char *dir, long persons, long others);
void write_dream(const char *dir, long persons, long dream);
void write_lpr(const char *dir, long persons);
void write_who5(const char *dir, long persons);
void write_regnskab(const char *dir);
void write_befolkning(const char *dir);

/* faults.c */
int fault_parse(const char *spec);	/* -F; 0: not a fault list */
int fault_line(const struct out *o, const char **s, size_t *n);

#endif
