/*
 * join-dream: education and employment degree from DREAM, key figures
 * 11, 12, 12.1, 12.2 (SPEC 3.1, 5 "DREAM").
 * Reads PNR and the week columns y_YYWW that some cut date's window needs;
 * the snapshot (-s) gives the persons, cut dates and municipalities.
 * Writes the figure stream.
 */
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "fig.h"
#include "keycheck.h"
#include "quality.h"
#include "opts.h"
#include "snap.h"
#include "tables.h"
#include "tsv.h"
#include "util.h"

#define SYNOPSIS "join-dream [-huwx] -s snapshot [-c code-table] [-p percent] [-q quality] [-R ready] [-r rejects] [-z level]"

enum { BLANK, EDU, EMP, OUT, OTHER };	/* what a week holds */

enum { EDU_W, EMP_W, EMP2_W };	/* weeks summed: education, employment, 12.1's employment */
#define WINDOW_MAX 53	/* ISO weeks whose Thursday lies in one year */

/* Persons of one municipality at one cut date with a week left in the window. */
struct sums {
	long n, n2;	/* all; those with step 2 in TRIN_SET (12.1) */
};

/*
 * The class of a 1-4 digit code; -1 for zeros the table does not list
 * (0, 000: no code, what a numeric export's missing weeks set to 0 give),
 * which classify() counts as cells of no code (review P, P1).
 */
static signed char by_len[4][10000];
static char **named;			/* other codes in the table */
static unsigned char *named_class;
static int nnamed;
#define NO_GRADE "ingen-grad"	/* import -g's blank week of a month of grad_ 0 */
static long nocode;		/* matched cells of no code's form, nor in the table */
static char nocode_ex[4];	/* the first such, when short (".", "NA") */
static struct snap *snap;
static int *win_first, *win_end;	/* [date]: the window is slots [win_first, win_end) */
static int *slot_of;		/* [column]: slot in week_class, -1 if not needed */
static unsigned char *week_class;	/* the current row's classes, by slot */
static char **field_at;		/* where the current row's fields begin */
/*
 * Three counts packed in one number, so that one running sum counts them
 * all: weeks left in the window, education, employment (at most 1023 each).
 */
#define WEEK	1u
#define EDU1	(1u << 10)
#define EMP1	(1u << 20)
#define COUNT(v, one)	((v) / (one) & 1023u)
static const unsigned counts[] = { WEEK | EMP1, WEEK | EDU1, WEEK | EMP1, 0, WEEK };
static unsigned *before;	/* [slot]: the counts of the slots before it */
static int nslot;
static struct sums *sums;	/* [kommune * ndates + date] */
/*
 * A person's fraction is weeks / n, n the weeks left in the window. The
 * weeks are summed by n, as whole numbers, and divided once at the end, so
 * that a figure is the exact sum of the fractions rounded once (4.75, not
 * 4.749999999999999), whatever the order of the rows. Apart from sums, so
 * that only the cells with persons are touched.
 */
static unsigned (*weeks)[WINDOW_MAX + 1][3];	/* [as sums][n][EDU_W, ...] */

static const struct prog prog = {
	SYNOPSIS,
	"c:hp:q:R:r:s:uwxz:",
	    "Streams DREAM once and writes key figures 11, 12, 12.1 and 12.2 for every\n"
	    "municipality and every cut date of the snapshot. The window of cut date D\n"
	    "is the ISO weeks whose Thursday falls in (D - 1 year, D]. A week is\n"
	    "education, subsidised employment, blank (no transfer: employment too),\n"
	    "leaving the window (997 udvandret, 999 død) or other, by the code table\n"
	    "(default share/noegletal/dream-koder.tsv: KODE GRUPPE, GRUPPE uddannelse,\n"
	    "beskaeftigelse or udgaar). A cell of only spaces is blank; other cells\n"
	    "are compared trimmed. A person absent from DREAM has only blank weeks.\n"
	    "Rows of persons not in the snapshot are dropped (not-in-snapshot) without\n"
	    "reading their other fields; a second row for a person is bad input.\n"
	    "\n"
	    "  -c code-table  another code table\n"
	    "  -p percent  warn when fewer of the snapshot's persons are found in DREAM\n"
	    "              (default 90; DREAM holds about 97 % of them)\n"
	    "  -q quality  write the quality rows fundet-dream and noegleform-dream\n"
	    "              (the shares of the snapshot's persons found, and found\n"
	    "              under a key of another form, whether or not also under\n"
	    "              their own) per municipality and cut date into this file,\n"
	    "              for the quality filter (quality -q); a regular file\n"
	    "              appears whole (quality.part, then renamed)\n"
	    "  -R ready    read the snapshot only once the file ready holds something,\n"
	    "              DREAM's decoding started meanwhile; until then it waits\n"
	    "              (keyfigures starts join-dream beside the stair chain and\n"
	    "              writes the file once the snapshot is whole and not empty)\n"
	    "  -s snapshot the snapshot (DATO PNR KOMMUNE TRIN TRIN_SET), or its image\n"
	    "              (snapshot -b); required\n"
	    "  -w          allow windows the file does not cover (shorter windows,\n"
	    "              reported on stderr); without it a missing week is an error\n"
	    "  -x          strict: a key warning (-p, keys of a form no snapshot key\n"
	    "              has, or week cells of no DREAM code) is a failure, exit 1",
	RANGE_NONE,
	NULL,
	"c",		/* files read: no reject file replaces one */
};

/* The command line. */
struct args {
	struct opts o;
	struct kc_opts ko;	/* -p, -x */
	const char *codes;	/* -c */
	const char *qpath;	/* -q */
	const char *ready;	/* -R */
	int shorter;		/* -w */
};

/*
 * The code table. A code given twice is an error, even in the same group:
 * which row holds would depend on their order. A code's text is its key,
 * so 651 and 0651 are two codes.
 */
static void
load_codes(const char *path)
{
	tsv *t = table_open(path, "dream-koder.tsv");
	int c_kode, c_gruppe, n = 0, id, nseen = 0;
	char **nm = NULL;		/* named, nnamed and named_class as read */
	unsigned char *nc = NULL;
	pnrset *seen = ps_new();	/* every code by its text */
	long *line = NULL;		/* [its id in seen]: its line */
	size_t capnm = 0, capnc = 0, capl = 0, len, i;
	const char *k, *g;
	unsigned char c;
	long v;
	char shown[160];

	tsv_cols(t, "KODE", &c_kode, "GRUPPE", &c_gruppe, (char *)NULL);
	memset(by_len, OTHER, sizeof by_len);
	while (tsv_row(t)) {
		k = t->f[c_kode];
		g = t->f[c_gruppe];
		if (strcmp(g, "uddannelse") == 0)
			c = EDU;
		else if (strcmp(g, "beskaeftigelse") == 0)
			c = EMP;
		else if (strcmp(g, "udgaar") == 0)
			c = OUT;
		else
			die("%s:%ld: GRUPPE must be uddannelse, beskaeftigelse or udgaar",
			    t->name, t->line);
		len = strlen(k);
		for (i = 0; i < len && k[i] >= '0' && k[i] <= '9'; i++)
			;
		if (len == 0 || k[0] == ' ' || k[len - 1] == ' ')
			die("%s:%ld: a code must be non-empty and untrimmed", t->name, t->line);
		if ((id = ps_add(seen, k, len)) < nseen)	/* an id given before */
			die("%s:%ld: KODE %s given twice (also line %ld)", t->name,
			    t->line, show_value(k, shown, sizeof shown), line[id]);
		nseen++;
		line = grow(line, &capl, (size_t)id + 1, sizeof *line);
		line[id] = t->line;
		if (i == len && len <= 4 && parse_uint(k, &v)) {
			by_len[len - 1][v] = c;
			continue;
		}
		nm = grow(nm, &capnm, (size_t)n + 1, sizeof *nm);
		nc = grow(nc, &capnc, (size_t)n + 1, 1);
		nm[n] = estrdup(k);
		nc[n++] = c;
	}
	tsv_close(t);
	for (i = 0; i < 4; i++)
		if (by_len[i][0] == OTHER)
			by_len[i][0] = -1;
	ps_free(seen);
	free(line);
	named = nm;
	named_class = nc;
	nnamed = n;
}

/* A cell's class: spaces only is blank, else the trimmed code. */
static unsigned char
classify(const char *s, size_t len)
{
	size_t i;
	int v = 0;

	while (len > 0 && *s == ' ') {
		s++;
		len--;
	}
	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (len == 0)
		return BLANK;
	if (len <= 4) {
		for (i = 0; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			v = v * 10 + (s[i] - '0');
		if (i == len && by_len[len - 1][v] >= 0)
			return (unsigned char)by_len[len - 1][v];
	}
	for (i = 0; i < (size_t)nnamed; i++)
		if (strncmp(named[i], s, len) == 0 && named[i][len] == '\0')
			return named_class[i];
	if (len == strlen(NO_GRADE) && memcmp(s, NO_GRADE, len) == 0)
		return OTHER;
	if (nocode++ == 0 && len < sizeof nocode_ex)	/* zeros, too */
		memcpy(nocode_ex, s, len);
	return OTHER;
}

/*
 * The class of a cell of at most four digits, its bytes taken at once (no
 * branch on its length: DREAM's cells are mostly empty or three digits);
 * -1 for any other cell, which classify takes. s[0..3] must be readable.
 */
static int
digits_class(const char *s, size_t len)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint32_t x;

	if (len == 0)
		return BLANK;
	if (len > 4)
		return -1;
	memcpy(&x, s, 4);
	x = (x ^ 0x30303030u) & (0xffffffffu >> (32 - 8 * len));	/* '0'-'9' are 0-9 */
	if (((x | (x + 0x06060606u)) & 0xf0f0f0f0u) != 0)
		return -1;	/* a byte above 9: no digit */
	x <<= 32 - 8 * len;	/* four digits, zeros first */
	x = (x * 10 + (x >> 8)) & 0x00ff00ffu;	/* two-digit numbers in bytes 0 and 2 */
	return by_len[len - 1][(x & 0xff) * 100 + (x >> 16)];
#else
	(void)s;
	return len == 0 ? BLANK : -1;
#endif
}

/*
 * The classes of the needed weeks of the current line, without splitting
 * it; 0 when the line is bad (tsv_split says how).
 */
static int
classify_line(const tsv *t)
{
	const char *end = t->lp + t->ll + 1, *s;	/* the line and its NUL */
	size_t len;
	int c, k;

	if ((t->ll > 0 && t->lp[t->ll - 1] == '\r') ||
	    tsv_field_starts(t->lp, t->ll, field_at, t->ncol) != t->ncol)
		return 0;
	for (c = 0; c < t->ncol; c++) {
		if (slot_of[c] < 0)
			continue;
		s = field_at[c];
		len = (size_t)(field_at[c + 1] - s - 1);
		k = end - s >= 4 ? digits_class(s, len) : -1;
		week_class[slot_of[c]] = (unsigned char)(k >= 0 ? k : classify(s, len));
	}
	return 1;
}

/* "y_YYWW" or "Y_YYWW" naming a real ISO week: its Thursday, else -1. */
static int
week_thursday(const char *name, int *is_week_name)
{
	long yy, ww;
	char digits[5];

	*is_week_name = 0;
	if ((name[0] != 'y' && name[0] != 'Y') || name[1] != '_' || strlen(name) != 6)
		return -1;
	memcpy(digits, name + 2, 4);
	digits[4] = '\0';
	if (!parse_uint(digits, &yy))
		return -1;
	*is_week_name = 1;
	ww = yy % 100;
	yy = yy / 100 >= 90 ? 1900 + yy / 100 : 2000 + yy / 100;	/* the register's rule */
	if (ww < 1 || ww > iso_weeks((int)yy))
		return -1;
	return iso_thursday((int)yy, (int)ww);
}

static void
week_name(int thursday, char out[16])
{
	int y, m, d;

	civil_from_days(thursday, &y, &m, &d);	/* a Thursday's year is its ISO year */
	snprintf(out, 16, "y_%02d%02d", y % 100,
	    (thursday - days_from_civil(y, 1, 1)) / 7 + 1);
}

/* The first Thursday of the window (D - 1 year, D] of cut date D. */
static int
window_start(int cut)
{
	int first = cut_year_before(cut) + 1;

	return first + ((3 - (first + 3) % 7) + 7) % 7;
}

static int
column_of(const int *thursday, int ncol, int day)
{
	int c;

	for (c = 0; c < ncol && thursday[c] != day; c++)
		;
	return c < ncol ? c : -1;
}

/*
 * The windows. Every week of some window gets a slot, in calendar order,
 * so that the window of each cut date is a range of slots [win_first, win_end).
 */
static void
plan_windows(const tsv *t, int shorter)
{
	int *thursday = emalloc(sizeof(int) * (size_t)t->ncol);
	int d, c, day, is_week, want, nd = snap->ndates, n = 0;
	char name[16], dato[11];

	for (c = 0; c < t->ncol; c++) {
		thursday[c] = week_thursday(t->head[c], &is_week);
		if (is_week && thursday[c] < 0)
			warn("%s:1: column '%s' is no ISO week; ignored", t->name,
			    t->head[c]);
		if (thursday[c] >= 0 && column_of(thursday, c, thursday[c]) >= 0)
			die("%s:1: columns '%s' and '%s' name one week", t->name,
			    t->head[column_of(thursday, c, thursday[c])], t->head[c]);
	}
	slot_of = emalloc(sizeof(int) * (size_t)t->ncol);
	for (c = 0; c < t->ncol; c++)
		slot_of[c] = -1;
	for (day = window_start(nd > 0 ? snap->dates[0] : 0); nd > 0 &&
	    day <= snap->dates[nd - 1]; day += 7) {
		for (d = 0; d < nd && (day < window_start(snap->dates[d]) ||
		    day > snap->dates[d]); d++)
			;	/* the first cut date whose window holds day */
		if (d < nd && (c = column_of(thursday, t->ncol, day)) >= 0)
			slot_of[c] = n++;
	}
	nslot = n;
	win_first = ecalloc((size_t)nd + 1, sizeof *win_first);
	win_end = ecalloc((size_t)nd + 1, sizeof *win_end);
	for (d = 0; d < nd; d++) {
		win_first[d] = -1;
		want = 0;
		for (day = window_start(snap->dates[d]); day <= snap->dates[d]; day += 7) {
			want++;
			if ((c = column_of(thursday, t->ncol, day)) >= 0) {
				if (win_first[d] < 0)
					win_first[d] = win_end[d] = slot_of[c];
				win_end[d]++;
				continue;
			}
			week_name(day, name);
			date_fmt(snap->dates[d], dato);
			if (!shorter)
				die("%s:1: no column %s, a week of the window of "
				    "cut date %s (-w allows a shorter window)",
				    t->name, name, dato);
		}
		if (win_first[d] < 0)
			win_first[d] = 0;
		if (win_end[d] - win_first[d] > WINDOW_MAX)
			die("internal error: a window of %d weeks", win_end[d] - win_first[d]);
		if (win_end[d] - win_first[d] < want) {
			date_fmt(snap->dates[d], dato);
			warn("cut date %s: the window has %d of its %d weeks (-w)",
			    dato, win_end[d] - win_first[d], want);
		}
	}
	week_class = emalloc((size_t)nslot + 1);
	field_at = emalloc(sizeof *field_at * ((size_t)t->ncol + 1));
	before = ecalloc((size_t)nslot + 1, sizeof *before);
	free(thursday);
}

/* Add one person's fractions at every cut date of the snapshot. */
static void
add_person(int p, int absent)
{
	const struct snap_at *at;
	unsigned v;
	int d, i, k, n, edu, emp;
	size_t cell;

	for (i = 0, v = 0; i < nslot && !absent; i++)
		before[i + 1] = v += counts[week_class[i]];
	for (d = 0; d < snap->ndates; d++) {
		at = snap_at(snap, d, p);
		if ((k = at->kommune) == 0)
			continue;
		v = absent ? (unsigned)(win_end[d] - win_first[d]) * counts[BLANK] :
		    before[win_end[d]] - before[win_first[d]];
		n = (int)COUNT(v, WEEK);
		edu = (int)COUNT(v, EDU1);
		emp = (int)COUNT(v, EMP1);
		if (n == 0)	/* no week left: in no NAEVNER */
			continue;
		cell = (size_t)k * (size_t)snap->ndates + (size_t)d;
		sums[cell].n++;
		weeks[cell][n][EDU_W] += (unsigned)edu;
		weeks[cell][n][EMP_W] += (unsigned)emp;
		if (at->steps & (1u << 2)) {
			sums[cell].n2++;
			weeks[cell][n][EMP2_W] += (unsigned)emp;
		}
	}
}

/*
 * The next row's PNR (PNR first): where it lies, its length and hash, for
 * its lookup, whose first step is loaded meanwhile. The row takes them
 * where its line is still there (not moved across a block's end) and its
 * key ends inside it.
 */
static struct {
	const char *p;
	size_t len;
	uint64_t h;
} next;

static void
prefetch_next(const tsv *t)
{
	const char *p, *tab;
	size_t n = tsv_ahead(t, &p);

	next.p = NULL;
	if ((tab = memchr(p, '\t', n < 40 ? n : 40)) != NULL) {
		next.p = p, next.len = (size_t)(tab - p);
		next.h = ps_prefetch(snap->persons, p, next.len);
	}
}

/*
 * DREAM, row by row; returns the snapshot persons found. The hot path:
 * find the PNR; most rows end there (not in the snapshot).
 */
static long
read_dream(tsv *t, int c_pnr, char *seen, struct keycheck *kc, struct qjoin *qj)
{
	const char *p, *tab;
	long found = 0;
	int k, person, ahead;
	size_t len;
	uint64_t h;

	next.p = NULL;	/* nothing looked up ahead yet */
	while (tsv_line(t)) {
		ahead = c_pnr == 0 && t->lp == next.p && next.len < t->ll;
		p = t->lp, len = next.len, h = next.h;	/* the key found ahead, if it holds */
		if (c_pnr == 0)
			prefetch_next(t);
		if (!ahead) {
			for (k = 0; k < c_pnr && p; k++)
				if ((p = memchr(p, '\t', t->ll - (size_t)(p - t->lp))) != NULL)
					p++;
			if (p == NULL) {
				tsv_split(t);	/* too few fields: rejected there */
				continue;
			}
			tab = memchr(p, '\t', t->ll - (size_t)(p - t->lp));
			len = tab ? (size_t)(tab - p) : t->ll - (size_t)(p - t->lp);
			h = hash_str(p, len);
		}
		if ((person = ps_find_hashed(snap->persons, p, len, h)) < 0) {
			kc_miss(kc, p, len);
			if (qj != NULL)
				qjoin_key(qj, p, len);
			acct_drop("not-in-snapshot");
			continue;
		}
		if (!classify_line(t) || seen[person]) {
			if (tsv_split(t))	/* else rejected there */
				reject(t, c_pnr, "a second row for the person");
			continue;
		}
		seen[person] = 1;
		if (qj != NULL)
			qjoin_found(qj, person);
		found++;
		add_person(person, 0);
		acct_wrote(1);
	}
	return found;
}

/*
 * A cell's sum of fractions: of what (EDU_W, EMP_W, EMP2_W), less those of
 * less (-1: none). Each term is less than 2^-63 off in a long double, so
 * the double returned is the exact sum rounded, but within 2^-58 of a tie.
 */
static double
fractions(size_t cell, int what, int less)
{
	const unsigned (*w)[3] = weeks[cell];
	long double sum = 0;
	int n;

	for (n = 1; n <= WINDOW_MAX; n++)
		sum += (long double)(w[n][what] - (less < 0 ? 0 : w[n][less])) / n;
	return (double)sum;
}

static void
add_figures(void)
{
	const struct sums *s;
	size_t cell;
	int d, k;

	for (d = 0; d < snap->ndates; d++)
		for (k = 0; k < KOMMUNE_MAX; k++) {
			cell = (size_t)k * (size_t)snap->ndates + (size_t)d;
			s = &sums[cell];
			if (s->n == 0)
				continue;
			if (s->n > UINT_MAX / WINDOW_MAX)	/* a week sum may have wrapped */
				die("more than %u persons in one municipality at one cut date",
				    UINT_MAX / WINDOW_MAX);
			fig_add(k, snap->dates[d], 1100, fractions(cell, EDU_W, -1), (double)s->n);
			fig_add(k, snap->dates[d], 1200, fractions(cell, EMP_W, -1), (double)s->n);
			fig_add(k, snap->dates[d], 1201, fractions(cell, EMP2_W, -1), (double)s->n2);
			fig_add(k, snap->dates[d], 1202, fractions(cell, EMP_W, EMP2_W),
			    (double)(s->n - s->n2));
		}
}

static void
options(struct args *a, int argc, char **argv)
{
	int c;

	opts_start(&a->o, argc, argv);
	a->ko = (struct kc_opts){ 90, 0, 1 };	/* DREAM holds about 97 % of the persons; few: review W, W8 */
	a->codes = a->qpath = a->ready = NULL;
	a->shorter = 0;
	while ((c = opts_next(&a->o, &prog, argc, argv)) != -1)
		if (c == 'c')
			a->codes = a->o.arg;
		else if (c == 'w')
			a->shorter = 1;
		else if (c == 'q')	/* written at the end: an input said now (review AF, AF5) */
			gz_will_write(a->qpath = a->o.arg);
		else if (c == 'R')
			a->ready = a->o.arg;
		else
			kc_option(&a->ko, c, a->o.arg);	/* -p, -x */
	if (a->o.snapshot == NULL)
		usage_why(prog.synopsis, "-s: the snapshot is required");
}

/*
 * The figures, added up and written: the run's path waits for them, so
 * with -q in a thread of their own beside the quality rows (national: 6
 * and 3 ms; the tail after the last row 10.2 -> 7.5 ms).
 */
static void *
write_figures(void *arg)
{
	const struct args *a = arg;

	add_figures();
	free(sums);
	free(weeks);
	fig_end(opts_out(&a->o));
	return NULL;
}

/* Standard input to standard output (a failure dies). */
static void
run(const struct args *a)
{
	struct qjoin *qj = NULL;
	struct keycheck kc;
	pthread_t figures;
	int c_pnr, person, err;
	char *seen;
	long found;
	tsv *t;

	/* Decoding is half the work: its thread starts before the snapshot's load. */
	t = tsv_open(NULL, TSV_AHEAD);
	c_pnr = tsv_col(t, "PNR");
	load_codes(a->codes);
	if (a->ready != NULL)	/* the run's path waits for it */
		await_file(a->ready, 1);
	snap = snap_load(a->o.snapshot);
	kc_init(&kc, snap->persons);
	if (a->qpath != NULL)
		qj = qjoin_new(snap);
	sums = ecalloc(KOMMUNE_MAX * (size_t)snap->ndates + 1, sizeof *sums);
	weeks = ecalloc(KOMMUNE_MAX * (size_t)snap->ndates + 1, sizeof *weeks);
	seen = ecalloc((size_t)ps_count(snap->persons) + 1, 1);
	plan_windows(t, a->shorter);
	acct_open(t, a->o.rejects, a->o.level);
	found = read_dream(t, c_pnr, seen, &kc, qj);
	kc_end(&kc, t->name, found, ps_count(snap->persons), &a->ko);
	/* SPEC 5 counts such a cell as a code the table does not list (a
	 * transfer); a missing-value mark of an export (SAS's ".", or 0) is
	 * no transfer, and would lower 12 and 12.1 without a word: a key
	 * warning, which -x makes a failure (review P, P1). */
	if (nocode > 0) {
		warn("warning: %s: %ld week cells of the snapshot's persons hold no DREAM "
		    "code (zeros, or not 1-4 digits, nor in the code table%s%s%s): counted "
		    "as a transfer; if they mark missing weeks, make them blank", t->name,
		    nocode, *nocode_ex ? ", \"" : "", nocode_ex, *nocode_ex ? "\" the first" : "");
		if (a->ko.strict)
			die("week cells hold no DREAM code (-x): no output");
	}
	tsv_close(t);
	for (person = 0; person < ps_count(snap->persons); person++)
		if (!seen[person])
			add_person(person, 1);
	free(seen);
	if (qj == NULL) {
		write_figures((void *)a);
		return;
	}
	/* The quality rows whole: quality -R, started before join-dream ends, waits for them. */
	if ((err = pthread_create(&figures, NULL, write_figures, (void *)a)) != 0)
		die("cannot start a thread: %s", strerror(err));
	qjoin_rows(qj, "dream");
	q_write_whole(a->qpath);
	pthread_join(figures, NULL);
}

FILTER_MAIN
