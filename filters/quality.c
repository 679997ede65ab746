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
#include <time.h>
#include <unistd.h>

#include "date.h"
#include "fig.h"
#include "quality.h"
#include "tables.h"
#include "tsv.h"
#include "util.h"

#define SYNOPSIS "quality [-hmuW] [-s snapshot] [-a accounts] [-e date] [-l lpr] [-w who5] [-q rows]... [-T thresholds] [-r rejects] [-z level]"
#define OPEN INT_MAX		/* the end of a record without one */
#define MAXQ 16

/* Counters per cut date (snapshot index) and municipality. */
enum {
	C_REC, C_OPEN, C_MARK, C_S82,	/* records active at D (HANDLEKOMMUNE) */
	C_PERS, C_OVL,			/* snapshot persons; with an overlap */
	C_LEV,				/* + 0..5: levels 1-6 (figures) */
	C_GRP = C_LEV + 6,		/* + 0..5: persons on the steps of 20.1-20.6 */
	NC = C_GRP + 6
};

/* A record on a step, for the overlaps: sorted by key = person, step, start. */
struct rec {
	unsigned long long key;	/* person << 36 | trin << 32 | start + 2^31 */
	int end;
};
#define REC_PERSON(r) ((int)((r)->key >> 36))
#define REC_START(r) ((int)((long long)((r)->key & 0xffffffffULL) - 0x80000000LL))

/* A step-0 code and its active records per cut date and municipality. */
struct code {
	char *code;
	long *n;		/* [d * 1000 + k] */
};

static const struct snap *snap;
static int nd, extract_day;
static long *cnt;		/* [(d * 1000 + k) * NC + C_] */
static long rows_k[1000], late_k[1000];	/* rows; rows starting after the extract */
static struct rec *recs;
static size_t nrecs, caprecs;
static struct code *codes;
static int ncodes;
static unsigned char *ovl;	/* [person * nd + d]: two records of one step */

static void
usage(void)
{
	puts("usage: " SYNOPSIS "\n"
	    "\n"
	    "The data quality account per municipality and cut date: one row per\n"
	    "KOMMUNE, DATO, INDIKATOR and DETALJE with VAERDI over NAEVNER, and\n"
	    "ADVARSEL 1 when the row is over its warning level in the thresholds\n"
	    "table; each such row is also a line 'quality: warning: KOMMUNE: ...'\n"
	    "on stderr. Indicators (README \"Data quality\"): aaben-slut, slutmarkoer\n"
	    "(9999-12-31), trin0 (per code), overlap, start-efter-udtraek,\n"
	    "s82-mangler, spring (a break in levels 1-6), fundet-lpr,\n"
	    "noegleform-lpr, fundet-who5, noegleform-who5, udgift-mangler, and the\n"
	    "rows of other filters given with -q (fundet-dream, noegleform-dream).\n"
	    "\n"
	    "  -a accounts the figure stream of cost-shares (figures 20.1-20.6)\n"
	    "  -e date     the extraction date (default today)\n"
	    "  -l lpr      the LPR contacts (PNR)\n"
	    "  -m          merge only: no handic, no snapshot; the -q rows checked\n"
	    "  -q rows     quality rows of another filter (repeatable)\n"
	    "  -s snapshot the snapshot (required unless -m)\n"
	    "  -T table    the thresholds (default share/noegletal/kvalitet.tsv)\n"
	    "  -W          strict: exit 1 after writing when there is a warning\n"
	    "  -w who5     the WHO-5 measurements (PNR KOMMUNE DATO)\n"
	    "  -r rejects  reject mode: bad handic rows go to rejects\n"
	    "  -u          plain output (default gzip, plain on a terminal)\n"
	    "  -z level    gzip level (default 1)");
}

static long *
at(int d, int k, int c)
{
	return &cnt[((size_t)d * 1000 + (size_t)k) * NC + (size_t)c];
}

static int
first_date_on_or_after(int day)
{
	int lo = 0, hi = nd;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (snap->dates[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static struct code *
code_of(const char *s)
{
	static int last;	/* codes come in runs */
	int i;

	if (last < ncodes && strcmp(codes[last].code, s) == 0)
		return &codes[last];
	for (i = 0; i < ncodes; i++)
		if (strcmp(codes[i].code, s) == 0)
			return &codes[last = i];
	codes = erealloc(codes, sizeof *codes * (size_t)(ncodes + 1));
	codes[ncodes].code = estrdup(s);
	codes[ncodes].n = ecalloc((size_t)nd * 1000 + 1, sizeof (long));
	return &codes[ncodes++];
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

/* One handic row: its counts at every cut date where it is active. */
static void
handic_row(const char *pnr, int k, const char *code, int start, int end,
    int marker, int trin)
{
	struct code *zero = trin == 0 ? code_of(code) : NULL;
	int d, p;

	rows_k[k]++;
	late_k[k] += start > extract_day;
	for (d = first_date_on_or_after(start); d < nd && snap->dates[d] <= end; d++) {
		++*at(d, k, C_REC);
		*at(d, k, C_OPEN) += end == OPEN && !marker;
		*at(d, k, C_MARK) += marker;
		*at(d, k, C_S82) += trin == 2;
		if (zero)
			zero->n[(size_t)d * 1000 + (size_t)k]++;
	}
	if (trin == 0 || (p = person_of(pnr)) < 0)
		return;
	if (nrecs == caprecs)
		recs = erealloc(recs, (caprecs = caprecs ? caprecs * 2 : 4096) * sizeof *recs);
	recs[nrecs].key = (unsigned long long)p << 36 | (unsigned long long)trin << 32 |
	    (unsigned long long)((long long)start + 0x80000000LL);
	recs[nrecs++].end = end;
}

static void
read_handic(void)
{
	int c_pnr, c_kom, c_kode, c_start, c_slut, c_trin, k, start, end;
	long trin;
	tsv *t = tsv_open(NULL, 0);

	c_pnr = tsv_col(t, "PNR");
	c_kom = tsv_col(t, "HANDLEKOMMUNE");
	c_kode = tsv_col(t, "MODT_YDELSE_KODE");
	c_start = tsv_col(t, "YDELSE_START");
	c_slut = tsv_col(t, "YDELSE_SLUT");
	c_trin = tsv_col(t, "TRIN");
	acct_begin(t);
	while (tsv_row(t)) {
		char **f = t->f;

		if (!pnr_ok(f[c_pnr]))
			reject(t, c_pnr, "not a person key (1-32 of 0-9 A-Z a-z _ -)");
		else if (!(k = kommune_code(f[c_kom])))
			reject(t, c_kom, "not a municipality code");
		else if (f[c_kode][0] == '\0')
			reject(t, c_kode, "empty");
		else if (!parse_uint(f[c_trin], &trin) || trin > 8)
			reject(t, c_trin, "not a step 0-8");
		else if (!date_parse(f[c_start], &start))
			reject(t, c_start, "not a date (YYYY-MM-DD)");
		else if (f[c_slut][0] != '\0' && !date_parse(f[c_slut], &end))
			reject(t, c_slut, "not a date (YYYY-MM-DD)");
		else if (f[c_slut][0] != '\0' && end < start)
			reject(t, c_slut, "ends before YDELSE_START");
		else {
			int marker = strncmp(f[c_slut], "9999-", 5) == 0;

			handic_row(f[c_pnr], k, f[c_kode], start,
			    f[c_slut][0] == '\0' || marker ? OPEN : end, marker, (int)trin);
			acct_wrote(1);
		}
	}
	tsv_close(t);
}

/*
 * The records by key: a counting sort by person (the key's top bits), then
 * an insertion sort of each person's few records by step and start.
 */
static void
sort_recs(void)
{
	size_t np = (size_t)ps_count(snap->persons), i, j, *at0 = ecalloc(np + 1, sizeof *at0);
	struct rec *out = emalloc(sizeof *out * (nrecs + 1)), r;

	for (i = 0; i < nrecs; i++)
		at0[REC_PERSON(&recs[i]) + 1]++;
	for (i = 1; i <= np; i++)
		at0[i] += at0[i - 1];
	for (i = 0; i < nrecs; i++)
		out[at0[REC_PERSON(&recs[i])]++] = recs[i];
	for (i = 1; i < nrecs; i++) {
		r = out[i];
		for (j = i; j > 0 && out[j - 1].key > r.key; j--)
			out[j] = out[j - 1];
		out[j] = r;
	}
	free(recs);
	free(at0);
	recs = out;
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
	sort_recs();
	for (i = 0; i < nrecs; i++) {
		if (i == 0 || recs[i].key >> 32 != recs[i - 1].key >> 32) {
			last = recs[i].end;
			continue;
		}
		if (REC_START(&recs[i]) <= last) {
			e = recs[i].end < last ? recs[i].end : last;
			for (d = first_date_on_or_after(REC_START(&recs[i]));
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
	int d, k, i, s82_from = days_from_civil(2020, 12, 31);
	double all82, allpers;
	size_t c;

	for (d = 0; d < nd; d++) {
		int D = snap->dates[d];

		all82 = allpers = 0;
		for (k = 0; k < 1000; k++) {
			all82 += (double)*at(d, k, C_S82);
			allpers += (double)*at(d, k, C_PERS);
		}
		for (k = 0; k < 1000; k++) {
			double rec = (double)*at(d, k, C_REC), pers = (double)*at(d, k, C_PERS);

			if (rec > 0) {
				q_add(k, D, "aaben-slut", "", (double)*at(d, k, C_OPEN), rec);
				q_add(k, D, "slutmarkoer", "", (double)*at(d, k, C_MARK), rec);
				for (i = 0; i < ncodes; i++)
					if ((c = (size_t)d * 1000 + (size_t)k, codes[i].n[c]))
						q_add(k, D, "trin0", codes[i].code,
						    (double)codes[i].n[c], rec);
			}
			if (pers > 0)
				q_add(k, D, "overlap", "", (double)*at(d, k, C_OVL), pers);
			if (D >= s82_from && (pers > 0 || rec > 0))
				q_add(k, D, "s82-mangler", "", (double)*at(d, k, C_S82),
				    allpers > 0 ? pers * all82 / allpers : 0);
		}
	}
	for (k = 0; k < 1000 && nd > 0; k++)
		if (rows_k[k])
			q_add(k, snap->dates[nd - 1], "start-efter-udtraek", "",
			    (double)late_k[k], (double)rows_k[k]);
}

static double
absd(double x)
{
	return x < 0 ? -x : x;
}

/*
 * A reporting break: level x moves from t-1 to t by more than the moves
 * on either side (t-2 to t-1, t to t+1). VAERDI = |x(t) - x(t-1)| - the
 * larger neighbouring move (0 if negative), NAEVNER = max(x(t-1), x(t)).
 * Level 6 (figure 6) only from its first valid date, 2020-12-31.
 */
static void
jump_rows(void)
{
	int d, k, l, from6 = days_from_civil(2020, 12, 31);
	double x0, x1, x2, x3, b, n;
	char id[2] = "0";

	for (d = 2; d + 1 < nd; d++)
		for (k = 0; k < 1000; k++)
			for (l = 0; l < 6; l++) {
				if (l == 5 && snap->dates[d - 2] < from6)
					continue;
				x0 = (double)*at(d - 2, k, C_LEV + l);
				x1 = (double)*at(d - 1, k, C_LEV + l);
				x2 = (double)*at(d, k, C_LEV + l);
				x3 = (double)*at(d + 1, k, C_LEV + l);
				if ((n = x1 > x2 ? x1 : x2) == 0)
					continue;
				b = absd(x2 - x1) - (absd(x1 - x0) > absd(x3 - x2) ?
				    absd(x1 - x0) : absd(x3 - x2));
				id[0] = (char)('1' + l);
				q_add(k, snap->dates[d], "spring", id, b > 0 ? b : 0, n);
			}
}

static void
read_lpr(const char *path)
{
	struct qjoin *j = qjoin_new(snap);
	tsv *t = tsv_open(path, 0);
	int c_pnr = tsv_col(t, "PNR"), p;
	size_t n;

	while (tsv_row(t)) {
		if (!pnr_ok(t->f[c_pnr]))
			die("%s:%ld: column 'PNR': not a person key", t->name, t->line);
		n = strlen(t->f[c_pnr]);
		if ((p = ps_find(snap->persons, t->f[c_pnr], n)) >= 0)
			qjoin_found(j, p);
		qjoin_key(j, t->f[c_pnr], n);
	}
	tsv_close(t);
	qjoin_rows(j, "lpr");
}

/*
 * WHO-5 rows by their own KOMMUNE and the cut date of their half-year:
 * fundet-who5, those whose PNR is in the snapshot (at any date);
 * noegleform-who5, those whose PNR has another form than the snapshot's.
 */
static void
read_who5(const char *path)
{
	long (*n)[1000][3] = ecalloc(200, sizeof *n);	/* [half-year][k]: rows, found, other form */
	unsigned (*kinds)[1000] = ecalloc(200, sizeof *kinds), kind;
	struct qform form;
	tsv *t = tsv_open(path, 0);
	int c_pnr = tsv_col(t, "PNR"), c_kom = tsv_col(t, "KOMMUNE");
	int c_dato = tsv_col(t, "DATO"), k, day, y, m, dd, h;
	size_t len;

	qform_learn(&form, snap->persons);
	while (tsv_row(t)) {
		char **f = t->f;

		if (!pnr_ok(f[c_pnr]))
			die("%s:%ld: column 'PNR': not a person key", t->name, t->line);
		if (!(k = kommune_code(f[c_kom])))
			die("%s:%ld: column 'KOMMUNE': not a municipality code", t->name, t->line);
		if (!date_parse(f[c_dato], &day) || (civil_from_days(day, &y, &m, &dd),
		    y < 2000 || y > 2099))
			die("%s:%ld: column 'DATO': not a date (YYYY-MM-DD) of 2000-2099",
			    t->name, t->line);
		h = (y - 2000) * 2 + (m > 6);
		len = strlen(f[c_pnr]);
		kind = qform_kind(&form, f[c_pnr], len);
		n[h][k][0]++;
		n[h][k][1] += ps_find(snap->persons, f[c_pnr], len) >= 0;
		n[h][k][2] += kind != 0;
		kinds[h][k] |= kind;
	}
	tsv_close(t);
	for (h = 0; h < 200; h++)
		for (k = 0; k < 1000; k++) {
			if (n[h][k][0] == 0)
				continue;
			day = days_from_civil(2000 + h / 2, h % 2 ? 12 : 6, h % 2 ? 31 : 30);
			q_add(k, day, "fundet-who5", "", (double)n[h][k][1], (double)n[h][k][0]);
			q_add(k, day, "noegleform-who5", "", (double)n[h][k][2], (double)n[h][k][0]);
			q_kinds(k, day, "noegleform-who5", kinds[h][k]);
		}
	free(n);
	free(kinds);
}

/*
 * udgift-mangler: per year of the accounts, municipality and figure
 * 20.1-20.6, VAERDI 1 when the account group has no expenditure (no row
 * or TAELLER 0) while NAEVNER persons (the most at the year's two cut
 * dates) have its steps in TRIN_SET.
 */
static void
read_accounts(const char *path)
{
	static const char *ids[6] = { "20.1", "20.2", "20.3", "20.4", "20.5", "20.6" };
	double (*kr)[1000][6] = ecalloc(100, sizeof *kr), taeller, n, m;
	char year_in[100] = { 0 };
	tsv *t = tsv_open(path, 0);
	int c_kom = tsv_col(t, "KOMMUNE"), c_dato = tsv_col(t, "DATO");
	int c_id = tsv_col(t, "NOEGLETAL"), c_t = tsv_col(t, "TAELLER");
	int k, g, y, day, cy, cm, cd, d, *date_year = emalloc(sizeof (int) * ((size_t)nd + 1));

	while (tsv_row(t)) {
		char **f = t->f;

		if (!(k = kommune_code(f[c_kom])))
			die("%s:%ld: column 'KOMMUNE': not a municipality code", t->name, t->line);
		if (!date_parse(f[c_dato], &day))
			die("%s:%ld: column 'DATO': not a date (YYYY-MM-DD)", t->name, t->line);
		civil_from_days(day, &cy, &cm, &cd);
		for (g = 0; g < 6 && strcmp(f[c_id], ids[g]) != 0; g++)
			;
		if (g == 6 || cy < 2000 || cy > 2099)
			continue;
		if (!parse_double(f[c_t], &taeller))
			die("%s:%ld: column 'TAELLER': not a number", t->name, t->line);
		year_in[cy - 2000] = 1;
		kr[cy - 2000][k][g] += taeller;
	}
	tsv_close(t);
	for (d = 0; d < nd; d++) {	/* each cut date's year, once */
		civil_from_days(snap->dates[d], &cy, &cm, &cd);
		date_year[d] = cy;
	}
	for (y = 0; y < 100; y++) {
		if (!year_in[y])
			continue;
		for (k = 0; k < 1000; k++)
			for (g = 0; g < 6; g++) {
				n = 0;
				for (d = 0; d < nd; d++)
					if (date_year[d] == 2000 + y &&
					    (m = (double)*at(d, k, C_GRP + g)) > n)
						n = m;
				if (n > 0)
					q_add(k, days_from_civil(2000 + y, 12, 31), "udgift-mangler",
					    ids[g], kr[y][k][g] == 0, n);
			}
	}
	free(date_year);
	free(kr);
}

int
main(int argc, char **argv)
{
	const char *snap_path = NULL, *lpr = NULL, *who5 = NULL, *acc = NULL;
	const char *table = NULL, *qfile[MAXQ];
	int c, i, nq = 0, merge = 0, strict = 0;
	long n, w = 0, out_rows;
	struct qrow *r;
	gzw *out;

	prog_init(argc, argv);
	extract_day = (int)(time(NULL) / 86400);
	while ((c = getopt(argc, argv, "a:e:hl:mq:r:s:T:uWw:z:")) != -1) {
		if (common_opt(c, optarg))
			continue;
		switch (c) {
		case 'a':
			acc = optarg;
			break;
		case 'e':
			extract_day = date_arg(optarg);
			break;
		case 'h':
			usage();
			return 0;
		case 'l':
			lpr = optarg;
			break;
		case 'm':
			merge = 1;
			break;
		case 'q':
			if (nq == MAXQ)
				usage_die(SYNOPSIS);
			qfile[nq++] = optarg;
			break;
		case 's':
			snap_path = optarg;
			break;
		case 'T':
			table = optarg;
			break;
		case 'W':
			strict = 1;
			break;
		case 'w':
			who5 = optarg;
			break;
		default:
			usage_die(SYNOPSIS);
		}
	}
	if (optind != argc || (merge ? snap_path || lpr || who5 || acc || opt.rejects :
	    snap_path == NULL))
		usage_die(SYNOPSIS);
	q_rules(table);
	if (!merge) {
		snap = snap_load(snap_path);
		nd = snap->ndates;
		cnt = ecalloc((size_t)nd * 1000 * NC + 1, sizeof *cnt);
		read_handic();
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
	for (i = 0; i < nq; i++)
		q_read(qfile[i]);
	r = q_rows(&n);
	for (i = 0; i < n; i++)
		w += q_check(&r[i]);
	out = gzw_stdout();
	out_rows = q_write(out, 1);
	gzw_close(out);
	if (merge)
		fprintf(stderr, "%s: %ld rows\n", argv0, out_rows);
	else
		acct_end(out_rows);
	if (w > 0)
		fprintf(stderr, "%s: %ld warning%s%s\n", argv0, w, w == 1 ? "" : "s",
		    strict ? " (strict: exit 1)" : "");
	return strict && w > 0;
}
