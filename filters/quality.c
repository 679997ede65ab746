/*
 * quality: the data quality account per municipality and cut date
 * (README "Data quality").
 * Reads the stair-assigned handic rows on stdin (PNR HANDLEKOMMUNE
 * MODT_YDELSE_KODE YDELSE_START YDELSE_SLUT TRIN: target-filter |
 * stair-assign), the snapshot (-s), and optionally LPR (-l), WHO-5 (-w),
 * the accounts' figure stream (-a) and quality rows of other filters (-q).
 * Writes KOMMUNE DATO INDIKATOR DETALJE VAERDI NAEVNER ADVARSEL, sorted,
 * and a warning on stderr for every row over its level in the thresholds
 * table (share/noegletal/kvalitet.tsv).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "field.h"
#include "opts.h"
#include "quality.h"
#include "tables.h"
#include "tsv.h"
#include "util.h"
#include "quality/account.h"

#define SYNOPSIS "quality [-hmuW] [-s snapshot] [-a accounts] [-e date] [-k kommune] [-l lpr] [-w who5] [-q rows]... [-R rows] [-T thresholds] [-r rejects] [-z level]"
#define OPEN INT_MAX		/* the end of a record without one */
#define MAXQ 16

/* A record on a step, for the overlaps: sorted by key = person, step, start. */
struct rec {
	unsigned long long key;	/* person << 36 | trin << 32 | start + 2^31 */
	int end;
};
#define REC_PERSON(r) ((int)((r)->key >> 36))
#define REC_START(r) ((int)((long long)((r)->key & 0xffffffffULL) - 0x80000000LL))

/*
 * Active step-0 records by code, cut date and municipality: open addressing
 * on key = code << 32 | d * KOMMUNE_MAX + k, plus 1 (0 is an empty slot),
 * so memory follows the cells used, not codes × dates × municipalities.
 */
struct zero {
	unsigned long long key;
	long n;
};

/* The state the parts share (quality/account.h). */
const struct snap *snap;
int nd;
long *cnt;

static int extract_day;
static long rows_k[KOMMUNE_MAX], late_k[KOMMUNE_MAX];	/* rows; rows starting after the extract */
static struct rec *recs;
static size_t nrecs, caprecs;
static pnrset *codes;		/* the step-0 codes, by index */
static struct zero *zero;
static size_t nzero, zbits;
static unsigned char *ovl;	/* [person * nd + d]: two records of one step */

static const struct prog prog = {
	SYNOPSIS,
	"a:e:hk:l:mq:R:r:s:T:uWw:z:",
	    "The data quality account per municipality and cut date: one row per\n"
	    "KOMMUNE, DATO, INDIKATOR and DETALJE with VAERDI over NAEVNER, and\n"
	    "ADVARSEL 1 when the row is over its warning level in the thresholds\n"
	    "table; each such row is also a line 'quality: warning: KOMMUNE: ...'\n"
	    "on stderr. Indicators (README \"Data quality\"): aaben-slut, slutmarkoer\n"
	    "(9999-MM-DD), trin0 (per code), overlap, start-efter-udtraek,\n"
	    "s82-mangler, spring (a break in levels 1-6), fundet-lpr,\n"
	    "noegleform-lpr, fundet-who5, noegleform-who5, udgift-mangler, and the\n"
	    "rows of other filters given with -q (fundet-dream, noegleform-dream).\n"
	    "Only the handic rows (standard input) go to the rejects of -r.\n"
	    "\n"
	    "  -a accounts the figure stream of cost-shares (figures 20.1-20.6)\n"
	    "  -e date     the extraction date (default today)\n"
	    "  -k kommune  only this municipality's warnings are said and make -W\n"
	    "              fail; the others' are counted in one line (all rows written)\n"
	    "  -l lpr      the LPR contacts (PNR)\n"
	    "  -m          merge only: no handic, no snapshot; the -q rows checked\n"
	    "  -q rows     quality rows of another filter (repeatable)\n"
	    "  -R rows     quality rows of another filter read last, once the file is\n"
	    "              there (it waits): keyfigures starts the account before\n"
	    "              join-dream ends, which moves its rows into place whole\n"
	    "  -s snapshot the snapshot, or its image (snapshot -b); required unless -m\n"
	    "  -T thresholds the thresholds table (default share/noegletal/kvalitet.tsv)\n"
	    "  -W          strict: exit 1 after writing when there is a warning\n"
	    "  -w who5     the WHO-5 measurements (PNR KOMMUNE DATO)",
	RANGE_NONE,
	"q",		/* -q: one for each file of quality rows */
	"alqRTw",	/* files read: no reject file replaces one */
};

static struct zero *
zero_slot(struct zero *z, size_t bits, unsigned long long key)
{
	size_t i = (size_t)(key * 0x9E3779B97F4A7C15ULL >> (64 - bits));

	while (z[i].key && z[i].key != key)
		i = (i + 1) & (((size_t)1 << bits) - 1);
	return &z[i];
}

/* One more active step-0 record of code at cut date d in municipality k. */
static void
zero_add(int code, int d, int k)
{
	unsigned long long cell = (unsigned long long)d * KOMMUNE_MAX + (unsigned long long)k;
	unsigned long long key = ((unsigned long long)code << 32 | cell) + 1;
	struct zero *z, *old = zero;
	size_t i, oldsize = zero ? (size_t)1 << zbits : 0;

	if (2 * (nzero + 1) > oldsize) {	/* kept under half full */
		zbits = zero ? zbits + 1 : 10;
		zero = ecalloc((size_t)1 << zbits, sizeof *zero);
		for (i = 0; i < oldsize; i++)
			if (old[i].key)
				*zero_slot(zero, zbits, old[i].key) = old[i];
		free(old);
	}
	if ((z = zero_slot(zero, zbits, key))->key == 0) {
		z->key = key;
		nzero++;
	}
	z->n++;
}

/* The snapshot person of a key; a person's rows mostly come together. */
static int
person_of(const char *pnr)
{
	static char last[40];
	static int id = -1;
	size_t n = strlen(pnr);

	if (n < sizeof last && memcmp(last, pnr, n + 1) == 0)
		return id;
	if (n < sizeof last)
		memcpy(last, pnr, n + 1);
	return id = ps_find(snap->persons, pnr, n);
}

/*
 * One handic row: its counts at every cut date where it is active. A step-0
 * code becomes a DETALJE, published and printed: one without a code's form
 * (a person key in a shifted column) is named by its form only, as
 * stair-assign does (review F, F4).
 */
static void
handic_row(const char *pnr, int k, const char *code, int start, int end,
    int marker, int trin)
{
	char shown[160];
	int d, p, z = -1;

	if (trin == 0) {
		code = show_code(code, shown, sizeof shown);
		if (pnr_shaped(code))	/* its form's counts (1.12.0.2 0101019999): the
					 * merge would refuse it (review D, D5) */
			code = "a value that may be a person number";
		z = ps_add(codes, code, strlen(code));
	}

	rows_k[k]++;
	late_k[k] += start > extract_day;
	for (d = snap_date_from(snap, start); d < nd && snap->dates[d] <= end; d++) {
		++*at(d, k, C_REC);
		*at(d, k, C_OPEN) += end == OPEN && !marker;
		*at(d, k, C_MARK) += marker;
		*at(d, k, C_S82) += trin == 2;
		if (z >= 0)
			zero_add(z, d, k);
	}
	if (trin == 0 || (p = person_of(pnr)) < 0)
		return;
	if (nrecs == caprecs)
		recs = erealloc(recs, (caprecs = caprecs ? caprecs * 2 : 4096) * sizeof *recs);
	recs[nrecs].key = (unsigned long long)p << 36 | (unsigned long long)trin << 32 |
	    (unsigned long long)((long long)start + 0x80000000LL);
	recs[nrecs++].end = end;
}

/* The columns of the handic rows. */
struct cols {
	int pnr, kom, kode, start, slut, trin;
};

/* One handic row: checked (reject()), then counted. */
static void
row(tsv *t, const struct cols *c)
{
	const char *slut = t->f[c->slut];
	int k, start, end = OPEN, marker = slut[0] == '9' && strncmp(slut, "9999-", 5) == 0;
	long trin;

	if (!field_pnr(t, c->pnr) || !(k = field_kommune(t, c->kom)) ||
	    !field_filled(t, c->kode))
		return;
	if (!parse_uint(t->f[c->trin], &trin) || trin > 8) {	/* "08" is 8 here */
		reject(t, c->trin, "not a step 0-8");
		return;
	}
	if (!field_date(t, c->start, &start) ||
	    (slut[0] != '\0' && !field_date(t, c->slut, &end)))
		return;
	if (slut[0] != '\0' && end < start) {
		reject(t, c->slut, "ends before YDELSE_START");
		return;
	}
	handic_row(t->f[c->pnr], k, t->f[c->kode], start, marker ? OPEN : end, marker,
	    (int)trin);
	acct_wrote(1);
}

static void
read_handic(const struct opts *o)
{
	tsv *t = tsv_open(NULL, 0);
	struct cols c;

	c.pnr = tsv_col(t, "PNR");
	c.kom = tsv_col(t, "HANDLEKOMMUNE");
	c.kode = tsv_col(t, "MODT_YDELSE_KODE");
	c.start = tsv_col(t, "YDELSE_START");
	c.slut = tsv_col(t, "YDELSE_SLUT");
	c.trin = tsv_col(t, "TRIN");
	acct_open(t, o->rejects, o->level);
	while (tsv_row(t))
		row(t, &c);
	tsv_close(t);
}

static int
cmp_rec(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

static int
rec_person(const void *a)
{
	return REC_PERSON((const struct rec *)a);
}

/*
 * Two records of one person on one step overlap where the later one starts
 * before the latest end so far: the cut dates in [start, min(end, latest
 * end)] are marked for the person.
 */
static void
find_overlaps(void)
{
	size_t i;
	int last = 0, d, e;

	ovl = ecalloc((size_t)ps_count(snap->persons) * (size_t)nd + 1, 1);
	recs = sort_by_person(recs, nrecs, sizeof *recs, ps_count(snap->persons), rec_person,
	    cmp_rec);	/* by person, step and start */
	for (i = 0; i < nrecs; i++) {
		if (i == 0 || recs[i].key >> 32 != recs[i - 1].key >> 32) {
			last = recs[i].end;
			continue;
		}
		if (REC_START(&recs[i]) <= last) {
			e = recs[i].end < last ? recs[i].end : last;
			for (d = snap_date_from(snap, REC_START(&recs[i]));
			    d < nd && snap->dates[d] <= e; d++)
				ovl[(size_t)REC_PERSON(&recs[i]) * (size_t)nd + (size_t)d] = 1;
		}
		if (recs[i].end > last)
			last = recs[i].end;
	}
}

/* Per person and cut date: persons, levels 1-6, steps of the accounts, overlaps. */
static void
count_persons(void)
{
	/* figure 1-6 of each TRIN (0: none); the step bits of 20.1-20.6 */
	static const int level[9] = { 0, 0, 6, 5, 5, 4, 3, 2, 1 };
	static const unsigned grp[6] = { 1 << 8, 1 << 7, 1 << 6, 1 << 5, 3 << 3, 1 << 2 };
	int p, d, g, top, np = ps_count(snap->persons);
	const struct snap_at *a;

	for (p = 0; p < np; p++)
		for (d = 0; d < nd; d++) {
			if ((a = snap_at(snap, d, p))->kommune == 0)
				continue;
			++*at(d, a->kommune, C_PERS);
			*at(d, a->kommune, C_OVL) += ovl[(size_t)p * (size_t)nd + (size_t)d];
			for (top = 8; top > 0 && !(a->steps >> top & 1); top--)
				;
			if (level[top])
				++*at(d, a->kommune, C_LEV + level[top] - 1);
			for (g = 0; g < 6; g++)
				*at(d, a->kommune, C_GRP + g) += (a->steps & grp[g]) != 0;
		}
}

/* The rows from the handic records and the snapshot. */
static void
handic_rows(void)
{
	int d, k, s82_from = days_from_civil(2020, 12, 31);
	double all82, allpers;
	size_t i, c;

	for (d = 0; d < nd; d++) {
		int D = snap->dates[d];

		all82 = allpers = 0;
		for (k = 0; k < KOMMUNE_MAX; k++) {
			all82 += (double)*at(d, k, C_S82);
			allpers += (double)*at(d, k, C_PERS);
		}
		for (k = 0; k < KOMMUNE_MAX; k++) {
			double rec = (double)*at(d, k, C_REC), pers = (double)*at(d, k, C_PERS);

			if (rec > 0) {
				q_add(k, D, "aaben-slut", "", (double)*at(d, k, C_OPEN), rec);
				q_add(k, D, "slutmarkoer", "", (double)*at(d, k, C_MARK), rec);
			}
			if (pers > 0)
				q_add(k, D, "overlap", "", (double)*at(d, k, C_OVL), pers);
			if (D >= s82_from && (pers > 0 || rec > 0))
				q_add(k, D, "s82-mangler", "", (double)*at(d, k, C_S82),
				    allpers > 0 ? pers * all82 / allpers : 0);
		}
	}
	for (i = 0; zero && i < (size_t)1 << zbits; i++)
		if (zero[i].key) {
			c = (size_t)((zero[i].key - 1) & 0xffffffffULL);
			d = (int)(c / KOMMUNE_MAX);
			k = (int)(c % KOMMUNE_MAX);
			q_add(k, snap->dates[d], "trin0", ps_key(codes, (int)((zero[i].key - 1) >> 32)),
			    (double)zero[i].n, (double)*at(d, k, C_REC));
		}
	for (k = 0; k < KOMMUNE_MAX && nd > 0; k++)
		if (rows_k[k])
			q_add(k, snap->dates[nd - 1], "start-efter-udtraek", "",
			    (double)late_k[k], (double)rows_k[k]);
}

/* Level l of municipality k at date index d: 0 where d < 0 (nobody has the date). */
static double
level(int d, int k, int l)
{
	return d < 0 ? 0 : (double)*at(d, k, C_LEV + l);
}

/*
 * A reporting break: level x moves from t-1 to t by more than the moves
 * on either side (t-2 to t-1, t to t+1): a step, |x(t) - x(t-1)| - the
 * larger neighbouring move; or x(t) alone differs from t-1 and t+1, which
 * agree (a cut date with a delivery missing): a dip, the smaller of
 * |x(t) - x(t-1)| and |x(t+1) - x(t)| - |x(t+1) - x(t-1)|. VAERDI = the
 * larger of the two (0 if negative), NAEVNER = max(x(t-1), x(t)). Every
 * cut date from the snapshot's second to its last, also one nobody has:
 * at the second there is no t-2 and at the last no t+1 (nor a dip), and
 * the step is against the one neighbouring move there is (review F, F7:
 * a break in the newest half-year went unsaid until the next run). Level
 * 6 (figure 6) only where its earliest date is from 2020-12-31 on.
 */
static void
jump_rows(void)
{
	int t, k, l, i, d[4], has0, has3, no6, has0_6, from6 = days_from_civil(2020, 12, 31);
	double x[4], b, n;
	char id[2] = "0";

	if (nd == 0)
		return;
	for (t = cut_next(snap->dates[0]); t <= snap->dates[nd - 1]; t = cut_next(t)) {
		/* the date indexes of t-2 .. t+1, -1 where nobody has the date */
		d[0] = cut_prev(cut_prev(t));
		d[1] = cut_prev(t);
		d[2] = t;
		d[3] = cut_next(t);
		has0 = d[0] >= snap->dates[0];
		has3 = d[3] <= snap->dates[nd - 1];
		if (!has0 && !has3)	/* two cut dates: no neighbour to compare with */
			continue;
		/* figure 6 from its first date, 2020-12-31, on: at its second
		 * against the one move after it, as at the snapshot's second
		 * (review AD, AD4: a break there was never tested) */
		has0_6 = has0 && d[0] >= from6;
		no6 = d[1] < from6 || (!has0_6 && !has3);
		for (i = 0; i < 4; i++)
			d[i] = snap_date(snap, d[i]);
		for (k = 0; k < KOMMUNE_MAX; k++)
			for (l = 0; l < 6; l++) {
				if (l == 5 && no6)
					continue;
				for (i = 0; i < 4; i++)
					x[i] = level(d[i], k, l);
				b = q_spring(x, l == 5 ? has0_6 : has0, has3, &n);
				if (n == 0)
					continue;
				id[0] = (char)('1' + l);
				q_add(k, t, "spring", id, b, n);
			}
	}
}

/* The account of the handic rows and the snapshot, and the joined inputs. */
static void
account(const struct opts *o, const char *lpr, const char *who5, const char *acc)
{
	snap = snap_load(o->snapshot);
	nd = snap->ndates;
	cnt = ecalloc((size_t)nd * KOMMUNE_MAX * NC + 1, sizeof *cnt);
	codes = ps_new();
	read_handic(o);
	find_overlaps();
	count_persons();
	handic_rows();
	jump_rows();
	if (lpr)
		read_lpr(lpr);
	if (who5)
		read_who5(who5);
	if (acc)
		read_accounts(acc);
}

static int only_k;		/* -k: the municipality whose warnings count, 0 all */
static long others;		/* -k: the other municipalities' warnings */

/* -k: a municipality's code, or a usage error. */
static void
kommune_opt(const char *arg)
{
	char shown[64];

	if (!(only_k = kommune_code(arg)))
		usage_fail("-k: not a municipality code: %s", show_value(arg, shown, sizeof shown));
}

static char by_indicator[1024];	/* " (spring 2, trin0 1)": check_rows() */

/*
 * Each row checked against its threshold, a warning printed; returns the
 * warnings and says them by indicator for the last line (one injected
 * fault gives a line a municipality, date and detail: review F, F9).
 */
static long
check_rows(void)
{
	const char *ind[32];
	long n, i, w = 0, count[32];
	struct qrow *r = q_rows(&n);
	int k, nind = 0;
	size_t o = 0;

	for (i = 0; i < n; i++) {
		if (!q_check(&r[i], !only_k || r[i].kommune == only_k))
			continue;
		if (only_k && r[i].kommune != only_k) {	/* review F, F11 */
			others++;
			continue;
		}
		w++;
		for (k = 0; k < nind && strcmp(ind[k], r[i].indikator) != 0; k++)
			;
		if (k == nind && nind < 32)
			ind[nind] = r[i].indikator, count[nind++] = 0;
		if (k < nind)
			count[k]++;
	}
	for (k = 0; k < nind && o < sizeof by_indicator; k++)
		o += (size_t)snprintf(by_indicator + o, sizeof by_indicator - o, "%s%s %ld",
		    k ? ", " : " (", ind[k], count[k]);
	if (nind > 0 && o < sizeof by_indicator)
		snprintf(by_indicator + o, sizeof by_indicator - o, ")");
	return w;
}

int
main(int argc, char **argv)
{
	const char *lpr = NULL, *who5 = NULL, *acc = NULL, *table = NULL, *last = NULL;
	const char *qfile[MAXQ];
	int c, i, nq = 0, merge = 0, strict = 0;
	long w, out_rows;
	struct opts o;
	gzw *out;

	opts_start(&o, argc, argv);
	extract_day = run_date();	/* today, or SOURCE_DATE_EPOCH's day */
	while ((c = opts_next(&o, &prog, argc, argv)) != -1) {
		if (c == 'a')
			acc = o.arg;
		else if (c == 'e')
			extract_day = date_arg('e', o.arg);
		else if (c == 'k')
			kommune_opt(o.arg);
		else if (c == 'l')
			lpr = o.arg;
		else if (c == 'm')
			merge = 1;
		else if (c == 'q' && nq < MAXQ)
			qfile[nq++] = o.arg;
		else if (c == 'R')
			last = o.arg;
		else if (c == 'T')
			table = o.arg;
		else if (c == 'W')
			strict = 1;
		else if (c == 'w')
			who5 = o.arg;
		else	/* more than MAXQ -q */
			opts_usage(&prog);
	}
	if (merge && (o.snapshot || lpr || who5 || acc || o.rejects)) {
		usage_why(prog.synopsis, "-m merges kvalitet streams only: -s, -l, -w, -a and -r "
		    "do not go with it");
	}
	if (merge && nq == 0 && last == NULL) {	/* standard input is not read then: say so */
		usage_why(prog.synopsis, "-m merges the -q (and -R) streams: give at least one");
	}
	if (!merge && o.snapshot == NULL) {
		usage_why(prog.synopsis, "-s: the snapshot is required (unless -m)");
	}
	q_rules(table);
	if (!merge)
		account(&o, lpr, who5, acc);
	for (i = 0; i < nq; i++)
		q_read(qfile[i]);
	if (last != NULL) {	/* the run's end waits for the account */
		await_file(last, 0);
		q_read(last);
	}
	w = check_rows();
	out = opts_out(&o);
	out_rows = q_write(out, 1);
	gzw_close(out);
	if (merge)
		fprintf(stderr, "%s: %ld rows\n", argv0, out_rows);
	else
		acct_end(out_rows);
	if (others > 0)
		fprintf(stderr, "%s: %ld warning%s of other municipalities than %03d, in the "
		    "account (ADVARSEL 1), not said here\n", argv0, others, others == 1 ? "" : "s",
		    only_k);
	if (w > 0)
		fprintf(stderr, "%s: %ld warning%s%s%s\n", argv0, w, w == 1 ? "" : "s",
		    by_indicator, strict ? " (strict: exit 1)" : "");
	return strict && w > 0;
}
