/*
 * quality: the data quality stream (README "Data quality"). One row per
 * municipality, cut date, indicator and detail:
 *
 *   KOMMUNE DATO INDIKATOR DETALJE VAERDI NAEVNER
 *
 * DETALJE names what the row is about inside its indicator (a service
 * code, a figure id, the kinds of key form found) and is empty for most.
 * Rows are added by q_add, which sums VAERDI and NAEVNER into the row of
 * the same key, and written sorted by q_write. The filter quality adds the
 * column ADVARSEL from the thresholds table; the join filters write rows
 * without it (their -q file), which quality merges.
 *
 * Key form: a person key whose form differs from the snapshot's keys
 * (another length, dashes, letters, other characters, lost leading zeros)
 * is found by qform_kind; qform_normal gives the snapshot form it most
 * likely had. qjoin counts, per snapshot person and cut date, whether an
 * input holds the person under the exact key and under a key of another
 * form, and adds the rows fundet-INPUT and noegleform-INPUT.
 */
#ifndef QUALITY_H
#define QUALITY_H

#include <stddef.h>

#include "gz.h"
#include "snap.h"
#include "tsv.h"

/* The row store. indikator and detalje are copied. */
void q_add(int kommune, int dato, const char *indikator, const char *detalje,
    double vaerdi, double naevner);
/* Adds key form kinds (QK_ bits) to a row's DETALJE, as a comma list. */
void q_kinds(int kommune, int dato, const char *indikator, unsigned kinds);

struct qrow {
	int kommune, dato;
	const char *indikator, *detalje;	/* set by q_rows() */
	int ind, det;		/* their ids among the values (quality.c) */
	double vaerdi, naevner;
	unsigned kinds;		/* key form kinds, written into DETALJE */
	int warn;		/* set by the caller before q_write with a warning column */
};
/* Every row, sorted by KOMMUNE, DATO, INDIKATOR, DETALJE (bytes). */
struct qrow *q_rows(long *n);
/* Header and rows; warn_col adds ADVARSEL (1 or 0). Returns the rows written. */
long q_write(gzw *w, int warn_col);
void q_detail(const struct qrow *r, char *out, size_t cap);	/* DETALJE as written */

/* Reads rows (KOMMUNE DATO INDIKATOR DETALJE VAERDI NAEVNER) into the store. */
void q_read(const char *path);

/*
 * The values of a figure or quality stream quality reads beside its main
 * input, checked strictly: a bad value is fatal, named by its column
 * without the value ("FILE:LINE: column 'KOMMUNE': not a municipality code").
 */
int q_key(tsv *t, int c_kom, int c_dato, int *day);	/* KOMMUNE; DATO as a day */
double q_number(tsv *t, int col);
/* The thresholds table (NULL: the shipped kvalitet.tsv), checked strictly. */
void q_rules(const char *path);
struct qthr {			/* a row of it */
	char *ind, *figs, *text;	/* INDIKATOR, NOEGLETAL, FORKLARING */
	char dir;		/* '>' over, '<' under, '0' none where expected, '-' never */
	double level, min;	/* GRAENSE, MINIMUM */
	double least;		/* ANTAL: the least VAERDI for a warning over the level */
};
const struct qthr *q_rule(const char *ind);	/* NULL: not in the table */
int q_rule_index(const char *ind);	/* its row among q_rule_list()'s, else -1 */
const struct qthr *q_rule_list(int *n);	/* the table's rows, in its order */
/*
 * Sets r->warn when the row is over its level (dies when its indicator is
 * not in the table) and then prints "PROG: warning: KOMMUNE: DATO: ...".
 */
int q_check(struct qrow *r, int say);

/* Key form kinds. */
#define QK_NULLER	1	/* digits only, shorter: lost leading zeros */

/*
 * spring's value (quality's jump_rows) from a level at t-2 .. t+1, x0 and
 * x3 only where has0 and has3; *n = max(x(t-1), x(t)), its denominator.
 */
double q_spring(const double x[4], int has0, int has3, double *n);
/* Does rule u warn on VAERDI v of NAEVNER n? The report's verdicts are these
 * (q_check's). */
int q_warns(const struct qthr *u, double v, double n);
#define QK_BINDESTREG	2	/* a dash the snapshot's keys do not have */
#define QK_BOGSTAVER	4	/* letters the snapshot's keys do not have */
#define QK_TEGN		8	/* '_' the snapshot's keys do not have */
#define QK_LAENGDE	16	/* a length no snapshot key has */

struct qform {
	unsigned long long lengths;	/* bit n: a snapshot key of length n */
	unsigned char classes;		/* character classes in snapshot keys */
	int main_len;			/* the most common length */
};

void qform_learn(struct qform *f, const pnrset *persons);
unsigned qform_kind(const struct qform *f, const char *key, size_t n);	/* 0: same */
/* Without dashes and, when digits only and shorter, zero-padded to main_len. */
size_t qform_normal(const struct qform *f, const char *key, size_t n, char out[40]);

/* Coverage of one joined input, per snapshot person. */
struct qjoin;
struct qjoin *qjoin_new(const struct snap *s);
void qjoin_found(struct qjoin *j, int person);	/* found under the exact key */
/*
 * A key of the input not found: one of another form is normalised and
 * looked up, one of the snapshot's form without its leading zeros.
 */
void qjoin_key(struct qjoin *j, const char *key, size_t n);
/* A row of the input: qjoin_found() where person >= 0, then qjoin_key() (quality -l,
 * readmissions -q). */
void qjoin_row(struct qjoin *j, int person, const char *key, size_t n);
/* Rows fundet-NAME and noegleform-NAME at every (KOMMUNE, DATO) of the snapshot. */
void qjoin_rows(struct qjoin *j, const char *name);

/*
 * WHO-5's rows by their own KOMMUNE and the cut date of their half-year:
 * fundet-who5, those whose PNR is in the snapshot (at any date);
 * noegleform-who5, those whose PNR has another form than the snapshot's.
 * Only the half-years of the snapshot's range [first, last cut date]: the
 * rows before it are of persons the snapshot need not hold (and of dates
 * with no figures), so they would warn falsely.
 */
struct qwho5;
struct qwho5 *qwho5_new(const struct snap *s);
void qwho5_row(struct qwho5 *w, const char *key, size_t n, int kommune, int day);
void qwho5_rows(struct qwho5 *w);	/* the rows into the store; frees w */

/* The store's rows (q_write, no ADVARSEL) into path, whole (gzw_create_whole). */
void q_write_whole(const char *path);

#endif
