/*
 * snap: a snapshot file (DATO PNR KOMMUNE TRIN TRIN_SET, the output of
 * snapshot): written, loaded for the filters that join against it (the
 * persons, the cut dates, and each person's municipality and steps at each
 * date; a bad row is fatal: the snapshot is this project's own output), and
 * read by date for the filters that compare cut dates (snap_days).
 */
#ifndef SNAP_H
#define SNAP_H

#include <stdint.h>

#include "gz.h"
#include "pnrset.h"
#include "tsv.h"

#define SNAP_HEADER	"DATO\tPNR\tKOMMUNE\tTRIN\tTRIN_SET\n"

/* Writing: one row, TRIN_SET from the bits of steps (1 << trin). */
void snap_put_row(gzw *out, const char dato[10], const char *key, size_t len,
    int kommune, int trin, unsigned steps);

/*
 * Reading, for snap_load and the by-date readers alike: the columns, and the
 * current row's DATO as a day (parsed once per run of equal dates: rows
 * come by date). A bad value is rejected (reject(): fatal unless the
 * snapshot is the main input in reject mode).
 */
struct snap_cols {
	int dato, pnr, kommune, trin, set;	/* -1: not in the file (TRIN in a join's, TRIN_SET in diff-moves' and flows') */
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
	void *map;		/* an image's mapping, at in it; else NULL */
	size_t maplen;
};

/*
 * snap_load: the snapshot's TSV (plain or gzip), or its image (snapshot
 * -b: the table below as bytes, read without parsing; a regular file that
 * begins with SNAP_IMAGE_MAGIC). A bad row or image is fatal.
 */
struct snap *snap_load(const char *path);
void snap_free(struct snap *s);

/*
 * The image: magic, the number of dates and of persons, the length of the
 * keys, the dates, the table (struct snap_at by person and date), the keys
 * (NUL-terminated, by id), and the CRC-32 of all before it. Native byte
 * order: an intermediate of one run on one machine, made 0600.
 */
#define SNAP_IMAGE_MAGIC	"NTSNAPI1"
/*
 * Written as it is made, so that the table is never held whole: open
 * (the head and the dates), np rows of nd cells (snap_image_put), the
 * keys with their NULs, close (the CRC). The pieces are gathered in buf:
 * a write and a CRC a row or key cost more than the row.
 */
struct snap_writer {
	gzw *w;
	uint32_t crc;
	size_t n;
	unsigned char buf[64 << 10];
};
void snap_image_open(struct snap_writer *sw, const char *path, const int *dates, int nd, int np,
    uint64_t keybytes);
void snap_image_put(struct snap_writer *sw, const void *p, size_t n);
void snap_image_close(struct snap_writer *sw);
/* The size of fd when it is an image (a regular file with the magic), else -1. */
long snap_image_size(int fd);
struct snap *snap_read_image(const char *path, int fd, size_t size);	/* from offset 0 */
int snap_date(const struct snap *s, int day);	/* index of a cut date, or -1 */
int snap_date_from(const struct snap *s, int day);	/* the first cut date >= day (ndates: none) */

static inline const struct snap_at *
snap_at(const struct snap *s, int date, int person)
{
	return &s->at[(size_t)person * (size_t)s->ndates + (size_t)date];
}

/*
 * Person ids in row order, for the readers of a snapshot. Rows come by
 * DATO, then PNR, so most persons of a date are found by a merge with the
 * date before, in memory read in order, without a hash probe; the others
 * (and rows in another order) by the set.
 */
struct snap_keys {		/* the keys of one cut date, in row order */
	char *keys;		/* NUL-terminated, one after another */
	size_t len, cap, at;	/* at: the merge's place in keys */
	int *id;
	int n, ncap, i;		/* i: the merge's place in id */
};
struct snap_ids {
	pnrset *persons;	/* every key given, by id */
	struct snap_keys day[2];	/* [0] the date before, [1] this one */
	int dato;		/* the date of day[1] */
};
void snap_ids_init(struct snap_ids *ids);
int snap_id(struct snap_ids *ids, int dato, const char *key);	/* key: pnr_ok */
void snap_ids_free(struct snap_ids *ids);	/* the merge's keys; persons stay */

/*
 * A snapshot read by date, for the filters that compare cut dates
 * (diff-moves, flows): per cut date each person's step and municipality.
 */
#define SNAP_NONE	(-1)	/* the person is not in the snapshot at the date */
#define SNAP_MAXDATES	400
struct snap_day {
	int dato;
	signed char *trin;	/* by person id; SNAP_NONE: absent */
	short *kommune;
	int cap;		/* persons with a slot */
};
struct snap_days {
	struct snap_day day[SNAP_MAXDATES];
	int n;
};
/*
 * A row of the snapshot read by date: DATO, PNR, KOMMUNE and TRIN checked
 * (reject()), DATO in the range from-to (-1: open; else dropped as
 * outside-range). 0 when the row is not to be used.
 */
int snap_read_row(tsv *t, struct snap_cols *c, int from, int to, int *dato,
    int *kommune, int *trin);
/*
 * Person p on step trin in kommune at dato; a second row for the person at
 * the date is rejected (reject(), 0 returned).
 */
int snap_put(struct snap_days *s, tsv *t, int c_pnr, int dato, int p, int trin,
    int kommune);
/*
 * Standard input as an image (snapshot -b) read by date: each cell a row,
 * counted read, dropped as outside-range when DATO is outside from-to (-1:
 * open), else written; TRIN the highest step of TRIN_SET. 0 when standard
 * input is not an image: then it is read as TSV. An image has no bad rows:
 * with rejects (-r) it is a usage error.
 */
int snap_days_image(struct snap_days *s, int from, int to, const char *rejects);
const struct snap_day *snap_day(const struct snap_days *s, int dato);	/* NULL: none */
/* The range of cut dates: -f/-t (-1: not given), else the first to the last read. */
void snap_days_range(const struct snap_days *s, int from, int to, int *first, int *last);
void snap_days_free(struct snap_days *s);	/* and empty again */

static inline int
snap_trin(const struct snap_day *a, int p)	/* a may be NULL */
{
	return a != NULL && p < a->cap ? a->trin[p] : SNAP_NONE;
}

#endif
