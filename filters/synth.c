/*
 * synth: deterministic synthetic national registers for demos, tests and
 * benchmarks. Writes handic, dream, lpr, who5, regnskab and befolkning as
 * gzip TSV into a folder; every row is valid input (SPEC 1.1).
 * No real person is in them: person numbers are made from the seed's run
 * order, and every number comes from one splitmix64 stream.
 *
 * Persons 0 .. n-1 are the target group, n .. 5n-1 other target groups;
 * DREAM holds persons 0 .. D-1 (the target group and the rest).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "date.h"
#include "gz.h"
#include "tables.h"
#include "util.h"

#define SYNOPSIS "synth [-h] [-L ours|real] [-S small|mid|national] [-n persons] [-D dream-persons] [-F faults] [-K shape] [-y first-last] [-s seed] [-z level] -o dir"
#define MAXH 64			/* half-years */
#define NONE (-1)		/* no service in a half-year */

/* One output file and what went into it. */
struct out {
	gzw *w;
	char path[4096];
	long rows;		/* data rows, the header not counted */
	long long bytes;	/* uncompressed, the header counted */
	double t0;		/* when it was opened */
};

static unsigned long long rng_state;
static int first_year = 2017, last_year = 2023, nhalf;
static int d82;			/* 2020-07-01: §82 in the registers from then */
static int real;		/* -L real: the registers' real layouts (import) */
static const struct kommune *kom;
static int nkom;
static double *kom_weight, kom_total;	/* 18-64-year-olds per municipality */
static short *where;		/* persons x nhalf: HANDLEKOMMUNE at the half-year's end, 0 none */
/* The shape (-K): what the benchmark varies besides the sizes. */
static double churn = 1;	/* DREAM spells this many times shorter: less compressible */
static double contacts = 1;	/* LPR contacts per person, times */
static int pieces = 1;		/* each handic record written as up to this many */
static double other_share = 1;	/* persons of other target groups, times */

/*
 * Inhabitants in hundreds (about 2023) by municipality code; the 18-64-year-olds
 * are about 58 % of them, more in the big cities and fewer on the small islands.
 */
static const short inhabitants[][2] = {
	{ 101, 6530 }, { 147, 1040 }, { 151, 490 }, { 153, 390 }, { 155, 145 },
	{ 157, 750 }, { 159, 700 }, { 161, 235 }, { 163, 290 }, { 165, 280 },
	{ 167, 540 }, { 169, 510 }, { 173, 560 }, { 175, 410 }, { 183, 235 },
	{ 185, 430 }, { 187, 170 }, { 190, 410 }, { 201, 260 }, { 210, 410 },
	{ 217, 640 }, { 219, 520 }, { 223, 250 }, { 230, 570 }, { 240, 440 },
	{ 250, 460 }, { 253, 510 }, { 259, 620 }, { 260, 315 }, { 265, 900 },
	{ 269, 240 }, { 270, 415 }, { 306, 330 }, { 316, 720 }, { 320, 380 },
	{ 326, 490 }, { 329, 355 }, { 330, 800 }, { 336, 235 }, { 340, 300 },
	{ 350, 290 }, { 360, 405 }, { 370, 840 }, { 376, 600 }, { 390, 455 },
	{ 400, 390 }, { 410, 390 }, { 420, 410 }, { 430, 515 }, { 440, 240 },
	{ 450, 325 }, { 461, 2070 }, { 479, 590 }, { 480, 295 }, { 482, 120 },
	{ 492, 60 }, { 510, 555 }, { 530, 270 }, { 540, 740 }, { 550, 370 },
	{ 561, 1160 }, { 563, 35 }, { 573, 500 }, { 575, 430 }, { 580, 590 },
	{ 607, 520 }, { 615, 960 }, { 621, 950 }, { 630, 1210 }, { 657, 900 },
	{ 661, 590 }, { 665, 195 }, { 671, 205 }, { 706, 435 }, { 707, 370 },
	{ 710, 495 }, { 727, 235 }, { 730, 990 }, { 740, 980 }, { 741, 37 },
	{ 746, 640 }, { 751, 3650 }, { 756, 420 }, { 760, 570 }, { 766, 470 },
	{ 773, 200 }, { 779, 460 }, { 787, 430 }, { 791, 980 }, { 810, 365 },
	{ 813, 590 }, { 820, 360 }, { 825, 18 }, { 840, 305 }, { 846, 415 },
	{ 849, 380 }, { 851, 2210 }, { 860, 640 },
};

/*
 * The stair walk: per mille chances to go from a state in one half-year
 * (row: none, step 0, 1, 2 .. 8) to each state in the next. Most stay put;
 * §85 (5) is the big step that persons enter and leave through.
 */
static const short walk[10][10] = {
	/* none   0     1    2    3    4    5    6    7    8 */
	{ 960,   5,    0,  10,   3,   2,  17,   2,   0,   1 },	/* none: (re)entry */
	{ 100, 820,    0,  10,  10,   5,  50,   3,   1,   1 },	/* 0 */
	{   0,   0, 1000,   0,   0,   0,   0,   0,   0,   0 },	/* 1: not registered */
	{ 120,  30,    0, 760,  20,  10,  55,   3,   1,   1 },	/* 2 */
	{  60,  20,    0,  10, 850,  10,  40,   5,   3,   2 },	/* 3 */
	{  60,  15,    0,   5,  15, 860,  35,   5,   3,   2 },	/* 4 */
	{  70,  25,    0,  20,  10,   5, 850,  10,   5,   5 },	/* 5 */
	{  30,   5,    0,   2,   3,   2,  60, 850,  18,  30 },	/* 6 */
	{  20,   2,    0,   0,   3,   2,  15,   5, 940,  13 },	/* 7 */
	{  20,   1,    0,   0,   1,   1,   7,   5,   5, 960 },	/* 8 */
};
/* The first state of a person there from the start, and of a later entrant. */
static const short stock[10] = { 0, 140, 0, 60, 70, 40, 440, 60, 70, 120 };
static const short entry[10] = { 0, 100, 0, 200, 60, 30, 520, 60, 10, 20 };

static const char *step_code[9] = { "", "", "1.13.1", "1.4", "1.1", "1.12.0.2",
	"1.8.2", "1.12.0.1", "1.8.1" };
/* Services on no step: §95-§98, §102, §110 and §85 variants that are not 1.12.0.x. */
static const char *zero_code[] = { "1.6", "1.7", "1.10", "1.3", "1.9", "1.12.1", "1.5" };
#define NZERO 7

/*
 * DREAM profiles: the codes a spell draws from ("" = no transfer that week).
 * A person has one profile; 783 (førtidspension) is kept once reached.
 */
static const char *profile[5][12] = {
	{ "783", "783", "783", "783", "783", "783", "", "740", "890", "783", "783", "783" },
	{ "740", "741", "740", "742", "750", "", "890", "899", "705", "783", "", "746" },
	{ "771", "771", "771", "771", "760", "", "771", "890", "899", "771", "781", "771" },
	{ "", "", "", "", "111", "121", "", "113", "890", "135", "215", "" },
	{ "651", "652", "651", "", "", "740", "661", "652", "", "111", "651", "" },
};
/* Per mille shares of the profiles: pension, kontanthjælp, fleksjob, work, young. */
static const short target_mix[5] = { 450, 250, 90, 110, 100 };
static const short other_mix[5] = { 60, 60, 30, 600, 250 };

static void
usage(void)
{
	puts("usage: " SYNOPSIS "\n"
	    "\n"
	    "Writes synthetic registers into dir: handic.tsv.gz, dream.tsv.gz,\n"
	    "lpr.tsv.gz, who5.tsv.gz, regnskab.tsv.gz and befolkning.tsv.gz (KOMMUNE\n"
	    "DATO ANTAL_18_64), for the 98 municipalities and the years -y (default\n"
	    "2017-2023). The same seed gives the same files. What was written (rows,\n"
	    "bytes, gzip bytes, seconds per file) goes to standard error.\n"
	    "DREAM holds the weeks of the years -y only: with a first year after\n"
	    "2017, run the figures from its 31 December (keyfigures -f), the first\n"
	    "cut date whose year of DREAM weeks is in the data.\n"
	    "\n"
	    "  -L real     the registers' real layouts, as import reads them: handic\n"
	    "              as SEL voksne, DREAM with branche_ and grad_ (37) of every\n"
	    "              month, LPR as LPR_A_KONTAKT, who5.csv a SurveyXact export\n"
	    "              (share/noegletal/who5.map, UTF-8), regnskab.csv REGK100;\n"
	    "              the same persons and figures as -L ours (the default)\n"
	    "  -S preset   small (2,000 target persons, DREAM 20,000), mid (7,000;\n"
	    "              300,000) or national (70,000, about 2,000,000 handic rows;\n"
	    "              DREAM 3,000,000). Default small.\n"
	    "  -n persons  target-group persons\n"
	    "  -D persons  persons in DREAM (the target persons, 3 % of whom have no\n"
	    "              row, and the rest of the population)\n"
	    "  -K shape    comma-separated: churn=X (DREAM spells X times shorter,\n"
	    "              so less compressible; 0.25-16), contacts=X (LPR contacts\n"
	    "              per person times X; 0.25-16), records=N (each handic\n"
	    "              record cut into up to N consecutive ones, 1-16: the same\n"
	    "              figures from more rows), others=X (persons of other target\n"
	    "              groups times X; 0-4). Default 1 each\n"
	    "  -y first-last  the years\n"
	    "  -s seed     the seed (default 1)\n"
	    "  -F faults   inject data faults, comma-separated: s82:KOMMUNE (no §82\n"
	    "              rows), brud:KOMMUNE (no §85 1.12.0.2 from 1 January of the\n"
	    "              year before the last), markoer:KOMMUNE (open ends written\n"
	    "              9999-12-31), nuller:INPUT and bindestreg:INPUT (person keys\n"
	    "              of lpr, who5 or dream without leading zeros, or with a dash\n"
	    "              after the sixth character)\n"
	    "  -z level    gzip level (default 1)\n"
	    "  -o dir      the folder, created if needed");
}

/* splitmix64: small, fast and good enough for synthetic data. */
static unsigned long long
rnd(void)
{
	unsigned long long z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int
below(int n)		/* 0 .. n-1 */
{
	return (int)((rnd() >> 11) % (unsigned long long)n);
}

static double
uniform(void)
{
	return (double)(rnd() >> 11) / 9007199254740992.0;
}

static int
pick(const short *permille)	/* an index, by per mille weights */
{
	int x = below(1000), i = 0;

	while (x >= permille[i])
		x -= permille[i++];
	return i;
}

/* A person number: 10 digits, a bijection of the index (7919 x 104729 is prime to 10^10). */
static void
pnr(long long i, char out[16])
{
	unsigned long long v = ((unsigned long long)i * 7919ULL * 104729ULL +
	    1234567ULL) % 10000000000ULL;

	snprintf(out, 16, "%010llu", v);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
out_open(struct out *o, const char *dir, const char *name, const char *header)
{
	int csv = real && (strcmp(name, "who5") == 0 || strcmp(name, "regnskab") == 0);

	snprintf(o->path, sizeof o->path, "%s/%s.%s", dir, name, csv ? "csv" : "tsv.gz");
	o->w = gzw_create(o->path, csv ? -1 : opt.level);
	o->rows = 0;
	o->t0 = now();
	gzw_puts(o->w, header);
	o->bytes = (long long)strlen(header);
}

static int fault_line(const struct out *o, const char **s, size_t *n);
static void fault_parse(const char *spec);

static void
out_line(struct out *o, const char *s, size_t n)
{
	if (!fault_line(o, &s, &n))
		return;		/* dropped by an injected fault */
	gzw_write(o->w, s, n);
	o->bytes += (long long)n;
	o->rows++;
}

static void out_printf(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
out_printf(struct out *o, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof buf)
		die("line too long");
	out_line(o, buf, (size_t)n);
}

static void
out_close(struct out *o)
{
	struct stat st;

	gzw_close(o->w);
	if (stat(o->path, &st) != 0)
		die("%s: cannot stat", o->path);
	fprintf(stderr, "synth: %-36s %9ld rows %12lld bytes %11lld gzip %6.2f s\n",
	    o->path, o->rows, o->bytes, (long long)st.st_size, now() - o->t0);
}

/* A municipality, by its number of 18-64-year-olds. */
static int
pick_kommune(void)
{
	double x = uniform() * kom_total;
	int i;

	for (i = 0; i < nkom - 1 && x >= kom_weight[i]; i++)
		x -= kom_weight[i];
	return kom[i].code;
}

static void
setup_kommuner(void)
{
	size_t j;
	double f;
	int i, c;

	kom = kommune_all(&nkom);
	kom_weight = emalloc(sizeof *kom_weight * (size_t)nkom);
	kom_total = 0;
	for (i = 0; i < nkom; i++) {
		c = kom[i].code;
		kom_weight[i] = 30000;	/* a code the table lacks */
		for (j = 0; j < sizeof inhabitants / sizeof inhabitants[0]; j++)
			if (inhabitants[j][0] == c) {
				f = c == 101 || c == 147 || c == 751 ? 0.70 :
				    c == 461 || c == 851 ? 0.65 :
				    inhabitants[j][1] < 100 ? 0.50 : 0.58;
				kom_weight[i] = inhabitants[j][1] * 100.0 * f;
			}
		kom_total += kom_weight[i];
	}
}

static int
half_start(int h)	/* first day of half-year h (0 = first half of first_year) */
{
	return days_from_civil(first_year + h / 2, h % 2 ? 7 : 1, 1);
}

static int
day_in_half(int h)
{
	return half_start(h) + below(half_start(h + 1) - half_start(h));
}

static void
handic_row(struct out *o, const char *id, int hk, int bk, const char *maal,
    const char *code, int start, int end)	/* end < 0: open */
{
	char s1[11], s2[11] = "";
	unsigned long long h;
	int cut, last = end >= 0 ? end : half_start(nhalf) - 1;

	/*
	 * -K records=N: consecutive pieces, cut where a hash of the record
	 * says (not drawn from the stream, so the rest of the data and the
	 * figures stay as without it).
	 */
	for (h = (unsigned long long)start * 1000003u + (unsigned)last + (unsigned char)id[9];
	    pieces > 1 && last - start >= pieces; start = cut + 1) {
		h = h * 6364136223846793005ULL + 1442695040888963407ULL;
		if ((h >> 33) % (unsigned)pieces == 0)
			break;
		cut = start + (int)((h >> 40) % (unsigned)(last - start));
		date_fmt(start, s1);
		date_fmt(cut, s2);
		out_printf(o, "%s\t%03d\t%03d\t%s\t%s\t%s\t%s\n", id, hk, bk, maal, code, s2, s1);
	}
	date_fmt(start, s1);
	s2[0] = '\0';
	if (end >= 0)
		date_fmt(end, s2);
	if (real)	/* SEL voksne: FUNK_VURD empty */
		out_printf(o, "%s\t%03d\t\t%s\t%s\t%s\t%s\n", id, hk, maal, code, s1, s2);
	else
		out_printf(o, "%s\t%03d\t%03d\t%s\t%s\t%s\t%s\n", id, hk, bk, maal, code, s2, s1);
}

/*
 * One run of half-years [j, run) on one step becomes a record (or two, split
 * by a new decision, maybe in a new municipality) and perhaps a service
 * beside it. Returns the municipality at the run's end.
 */
static int
handic_run(struct out *o, long person, const char *id, const char *maal,
    int k, int trin, int j, int run)
{
	int start, end, split = -1, m = run, k2 = k, bk, c1, c2;
	const char *code;

	start = day_in_half(j);
	/*
	 * There before the data: years earlier, when the data start by 2017
	 * (before the first cut date, 2017-12-31, of a default range; later
	 * data would need DREAM weeks before their first year).
	 */
	if (j == 0 && first_year <= 2017 && below(5) < 4)
		start = half_start(0) - 1 - below(365 * 8);
	if (trin == 2 && start < d82)
		start = d82 + below(30);
	if (run < nhalf)
		end = day_in_half(run);
	else		/* running at the end: open, or ending on the last day */
		end = below(100) < 85 ? -1 : half_start(nhalf) - 1;
	if (end >= 0 && end < start)
		end = start;
	if (run - j >= 3 && below(4) == 0) {	/* a new decision inside the run */
		m = j + 1 + below(run - j - 1);
		split = day_in_half(m);
		if (split <= start)
			split = -1, m = run;
		else if (below(10) < 3)
			k2 = pick_kommune();	/* moved */
	}
	code = trin == 0 ? zero_code[below(NZERO)] : trin == 2 ?
	    (below(2) ? "1.13.1" : "1.13.2") : step_code[trin];
	bk = trin >= 6 && below(4) == 0 ? pick_kommune() : below(30) ? k : pick_kommune();
	if (split < 0)
		handic_row(o, id, k, bk, maal, code, start, end);
	else {
		handic_row(o, id, k, bk, maal, code, start, split - 1);
		handic_row(o, id, k2, k2 == k ? bk : k2, maal, code, split, end);
	}
	for (; j < run; j++)
		where[person * nhalf + j] = (short)(j >= m ? k2 : k);

	/* A service beside it: §104 beside a home, step-0 services. */
	code = NULL;
	if (trin >= 5 && below(100) < 30)
		code = "1.4";
	else if (trin != 2 ? below(100) < 25 : below(100) < 20)
		code = zero_code[below(NZERO)];
	else if (trin == 2 && below(10) == 0)
		code = below(2) ? "1.13.1" : "1.13.2";
	if (code != NULL) {
		c1 = start + below(90);
		if (c1 > (end >= 0 ? end : half_start(nhalf) - 1))
			c1 = end >= 0 ? end : half_start(nhalf) - 1;
		if (end < 0)
			c2 = below(10) < 6 ? -1 : c1 + below(half_start(nhalf) - c1);
		else
			c2 = below(2) ? end : c1 + below(end - c1 + 1);
		handic_row(o, id, k2, k2, maal, code, c1, c2);
	}
	return k2;
}

/* handic: target persons walking the stair, and other target groups. */
static void
write_handic(const char *dir, long persons, long others)
{
	static const char *other_group[] = { "1.2.1", "1.2.1.3", "1.1.2", "1.1.1",
	    "1.3", "1.2.20", "1.4.1" };
	int state[MAXH], j, run, h0, s, k, start, end;
	char id[16];
	const char *maal, *code;
	struct out o;
	long i, n;

	out_open(&o, dir, "handic", real ? "PNR\tKOM\tFUNK_VURD\tMAAL_KEY\t"
	    "MODT_YDELSE_KODE\tYDELSE_START\tYDELSE_SLUT\n" : "PNR\tHANDLEKOMMUNE\t"
	    "BOPAELSKOMMUNE\tMAALGRUPPE\tMODT_YDELSE_KODE\tYDELSE_SLUT\tYDELSE_START\n");
	for (i = 0; i < persons; i++) {
		pnr(i, id);
		k = pick_kommune();
		maal = below(10) < 3 ? (below(2) ? "1.2.2.1" : "1.2.2.3") : "1.2.2";
		/* Three in five are there from the start, the rest enter later. */
		h0 = below(5) < 3 ? 0 : 1 + below(nhalf - 1);
		s = h0 == 0 ? pick(stock) - 1 : pick(entry) - 1;
		for (j = 0; j < nhalf; j++) {
			state[j] = j < h0 ? NONE : s;
			if (j >= h0)
				s = pick(walk[s + 1]) - 1;
			where[i * nhalf + j] = 0;
		}
		/* §82 is registered from 2020-07-01: before that, off the stair. */
		for (j = 0; j < nhalf && half_start(j) < d82; j++)
			if (state[j] == 2)
				state[j] = NONE;
		for (j = 0; j < nhalf; j = run) {
			for (run = j + 1; run < nhalf && state[run] == state[j]; run++)
				;
			if (state[j] == NONE)
				continue;
			if (below(100) < 4)
				k = pick_kommune();	/* moved with the change */
			k = handic_run(&o, i, id, maal, k, state[j], j, run);
		}
	}
	/* Other target groups: ignored by the key figures, even on the stair. */
	for (i = 0; i < others; i++) {
		pnr(persons + i, id);
		k = pick_kommune();
		maal = other_group[below(7)];
		for (n = below(12) + 1; n > 0; n--) {
			start = day_in_half(below(nhalf));
			if (below(4) == 0)
				start -= below(365 * 6);
			end = start + below(1200);
			if (end >= half_start(nhalf))
				end = half_start(nhalf) - 1;
			code = below(2) ? step_code[3 + below(6)] : zero_code[below(NZERO)];
			if (start >= d82 && below(8) == 0)
				code = below(2) ? "1.13.1" : "1.13.2";
			handic_row(&o, id, k, k, maal, code, start, below(4) ? end : -1);
		}
	}
	out_close(&o);
}

/*
 * dream: a row per person with weekly codes in spells from the person's
 * profile. 997 (udvandret) and 999 (død) are final: after them only the
 * same code or blanks. The persons come in a scrambled order (a step
 * prime to their number), so that the target group is spread over the
 * file as in a real extract sorted by person key.
 */
static void
write_dream(const char *dir, long persons, long dream)
{
	char *line, id[16];
	const char *c, *gone;
	size_t len, cl;
	int nweeks = 0, y, w, wk, span, prof, pension;
	struct out o;
	long i, j, step = 7919, a, b, r;

	for (;; step++) {	/* prime to dream: every person once */
		for (a = step, b = dream; b != 0; r = a % b, a = b, b = r)
			;
		if (a == 1)
			break;
	}
	for (y = first_year; y <= last_year; y++)
		nweeks += iso_weeks(y);
	line = emalloc((size_t)nweeks * 8 + (size_t)(last_year - first_year + 1) * 12 * 40 + 64);
	len = (size_t)sprintf(line, "PNR");
	for (y = first_year; y <= last_year; y++)
		for (w = 1; w <= iso_weeks(y); w++)
			len += (size_t)sprintf(line + len, "\t%c_%02d%02d", real ? 'Y' : 'y',
			    y % 100, w);
	for (y = first_year; real && y <= last_year; y++)
		for (w = 1; w <= 12; w++)
			len += (size_t)sprintf(line + len, "\tbranche_%d_%02d\tgrad_%d_%02d",
			    y, w, y, w);
	line[len++] = '\n';
	line[len] = '\0';
	out_open(&o, dir, "dream", line);
	for (j = 0; j < dream; j++) {
		i = (long)((long long)j * step % dream);
		prof = pick(i < persons ? target_mix : other_mix);
		if (i < persons && below(100) < 3)
			continue;	/* never had a transfer: not in DREAM */
		pnr(i, id);
		memcpy(line, id, 10);
		len = 10;
		gone = NULL;
		pension = prof == 0 && below(10) < 8;
		for (wk = 0; wk < nweeks; wk += span) {
			c = pension ? "783" : profile[prof][below(12)];
			if (gone != NULL)
				c = below(10) < 7 ? gone : "";
			else if (below(1000) < 3)
				c = gone = below(2) ? "997" : "999";
			if (strcmp(c, "783") == 0)
				pension = 1;
			span = *c == '\0' ? 8 + below(140) : 4 + below(60);
			span = (int)(span / churn) > 0 ? (int)(span / churn) : 1;
			if (wk + span > nweeks)
				span = nweeks - wk;
			if (*c == '\0' && below(50) == 0)
				c = "  ";	/* a blank cell of spaces */
			cl = strlen(c);
			for (w = 0; w < span; w++) {
				line[len++] = '\t';
				memcpy(line + len, c, cl);
				len += cl;
			}
		}
		for (w = 0; real && w < (last_year - first_year + 1) * 12; w++) {
			memcpy(line + len, "\t86\t37", 6);	/* grad_ above 0 */
			len += 6;
		}
		line[len++] = '\n';
		out_line(&o, line, len);
	}
	free(line);
	out_close(&o);
}

static void
put_time(char *out, int secs)	/* HH:MM, one in ten HH:MM:SS */
{
	if (below(10) == 0)
		snprintf(out, 16, "%02d:%02d:%02d", secs / 3600, secs / 60 % 60, secs % 60);
	else
		snprintf(out, 16, "%02d:%02d", secs / 3600, secs / 60 % 60);
}

/*
 * lpr: psychiatric contacts for 18 % of the target persons and some others:
 * admissions of days to weeks, short contacts, transfers (the next contact
 * starts < 4 h later), readmissions, running contacts at the end. The rows
 * are shuffled.
 */
static void
write_lpr(const char *dir, long persons)
{
	long long start, end, base = (long long)half_start(0) * 86400;
	long long span = (long long)(half_start(nhalf) - half_start(0)) * 86400;
	char id[16], d1[11], d2[11], t1[16], t2[16], *buf = NULL, *tmp;
	size_t *off = NULL, nlines = 0, cap = 0, len = 0, bcap = 0, x;
	int n, j, open, l;
	struct out o;
	long i;

	for (i = 0; i < persons + persons / 10; i++) {
		if (below(100) >= 18)
			continue;
		pnr(i < persons ? i : persons + i, id);
		start = base + (long long)(uniform() * (double)span * 0.95);
		for (n = 1 + below((int)(6 * contacts + 0.5)), j = 0; j < n; j++) {
			end = start + (below(5) == 0 ? 60LL * (30 + below(660)) :
			    3600LL * (12 + below(24 * 25)));
			if (end >= base + span)
				break;
			open = j == n - 1 && start > base + span - 86400LL * 120 && below(2);
			put_time(t1, (int)(start % 86400));
			put_time(t2, (int)(end % 86400));
			date_fmt((int)(start / 86400), d1);
			date_fmt((int)(end / 86400), d2);
			if (nlines == cap)
				off = erealloc(off, (cap = cap ? cap * 2 : 4096) * sizeof *off);
			if (len + 128 > bcap)
				buf = erealloc(buf, bcap = bcap ? bcap * 2 : 1 << 18);
			off[nlines++] = len;
			if (real)	/* LPR_A_KONTAKT: datetimes */
				l = snprintf(buf + len, 128, "%s\t%s %.5s:%s\t%s%s%.5s%s%s\t"
				    "ALCA00\tpsykiatri\tATA3\tLPR3\n", id, d1, t1, t1[5] ? t1 + 6 :
				    "00", open ? "" : d2, open ? "" : " ", open ? "" : t2,
				    open ? "" : ":", open ? "" : t2[5] ? t2 + 6 : "00");
			else
				l = snprintf(buf + len, 128, "%s\t%s\t%s\t%s\t%s\n", id, d1, t1,
				    open ? "" : d2, open ? "" : t2);
			len += (size_t)l + 1;	/* keep the NUL */
			if (open)
				break;
			if (below(4) == 0)	/* a transfer */
				start = end + 60LL * below(240);
			else if (below(5) < 2)	/* a readmission within about a month */
				start = end + 3600LL * (4 + below(24 * 30));
			else
				start = end + 86400LL * (31 + below(400));
		}
	}
	out_open(&o, dir, "lpr", real ? "PNR\tKONT_STARTTIDSPUNKT\tKONT_SLUTTIDSPUNKT\t"
	    "KONT_TYPE\tKONT_ANS_HOVEDSPEC\tPRIORITET\tLPRINDBERETNINGSSYSTEM\n" :
	    "PNR\tdato_start\ttidspunkt_start\tdato_slut\ttidspunkt_slut\n");
	for (x = nlines; x > 1; x--) {	/* Fisher-Yates */
		size_t r = (size_t)(rnd() % x), t = off[r];

		off[r] = off[x - 1];
		off[x - 1] = t;
	}
	for (x = 0; x < nlines; x++) {
		tmp = buf + off[x];
		out_line(&o, tmp, strlen(tmp));
	}
	free(buf);
	free(off);
	out_close(&o);
}

/* A SurveyXact export's row: answers from 1, dd-mm-yyyy (import -m who5.map). */
static void
who5_real(struct out *o, int k, const char *id, const char *d, const int *item,
    int no_insp, const char *skema)
{
	char insp[64] = ";;;;";

	if (!no_insp)
		snprintf(insp, sizeof insp, "%d;%d;%d;%d;%d", item[5] + 1, item[6] + 1,
		    item[7] + 1, item[8] + 1, item[9] + 1);
	out_printf(o, "%03d;%s;%.2s-%.2s-%.4s;%d;%d;%d;%d;%d;%s;%s\n", k, id, d + 8, d + 5,
	    d, item[0] + 1, item[1] + 1, item[2] + 1, item[3] + 1, item[4] + 1, insp, skema);
}

/*
 * who5: twelve municipalities survey their own target group twice a year,
 * each in its own months; six in ten persons take part, most of them in
 * consecutive half-years. Some are measured after leaving the stair.
 */
static void
write_who5(const char *dir, long persons)
{
	char id[16], d[11], insp[64], measures[1000] = { 0 };
	int h, i, k, last, level, item[10], day, y, mon, rep;
	struct out o;
	long p;

	for (i = 0; i < 12; i++)
		measures[kom[i * 8 % nkom].code] = 1;
	out_open(&o, dir, "who5", real ? "kommune;cpr;besvarelsesdato;who_1;who_2;"
	    "who_3;who_4;who_5;inspire_1;inspire_2;inspire_3;inspire_4;inspire_5;skema\n" :
	    "KOMMUNE\tPNR\tDATO\tWHO1\tWHO2\tWHO3\tWHO4\tWHO5\tINSP1\tINSP2\t"
	    "INSP3\tINSP4\tINSP5\tSKEMA\n");
	for (p = 0; p < persons; p++) {
		if (below(10) >= 6)
			continue;
		pnr(p, id);
		level = below(6);
		for (h = 0, last = 0; h < nhalf; h++) {
			k = where[p * nhalf + h];
			if (k == 0 && last != 0 && below(100) < 15)
				k = last;	/* off the stair, still asked */
			if (k != 0)
				last = k;
			if (k == 0 || !measures[k] || below(10) >= 7)
				continue;
			/* The campaign: from the 1st of Feb-May or Aug-Nov, 45 days. */
			y = first_year + h / 2;
			mon = 2 + k * 7 % 4 + (h % 2) * 6;
			day = days_from_civil(y, mon, 1) + below(45);
			for (rep = below(25) == 0; rep >= 0; rep--, day += 1 + below(13)) {
				for (i = 0; i < 10; i++) {
					item[i] = (i < 5 ? level : level * 4 / 5) + below(3) - 1;
					if (item[i] < 0)
						item[i] = 0;
					if (item[i] > (i < 5 ? 5 : 4))
						item[i] = i < 5 ? 5 : 4;
				}
				if (below(5) == 0)
					strcpy(insp, "\t\t\t\t");
				else
					snprintf(insp, sizeof insp, "%d\t%d\t%d\t%d\t%d", item[5],
					    item[6], item[7], item[8], item[9]);
				date_fmt(day, d);
				if (real)
					who5_real(&o, k, id, d, item, insp[0] == '\t',
					    below(2) ? "web" : "papir");
				else
					out_printf(&o, "%03d\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\n",
					    k, id, d, item[0], item[1], item[2], item[3], item[4],
					    insp, below(2) ? "web" : "papir");
			}
			if (below(4) == 0)
				level += below(3) - 1;
			if (level < 0 || level > 5)
				level = 2;
		}
	}
	out_close(&o);
}

/* An account row; -L real: as REGK100 (main art S0-S9, 1,000 kr., LOBM). */
static void
regnskab_row(struct out *o, int k, int y, const char *fun, const char *grp,
    int dranst, const char *art, const char *amount)
{
	char a[32], *comma;

	if (!real) {
		out_printf(o, "%03d\t%d\t%s\t%s\t%d\t%s\t%s\n", k, y, fun, grp, dranst,
		    art, amount);
		return;
	}
	snprintf(a, sizeof a, "%s", amount);
	if ((comma = strchr(a, ',')) != NULL)
		*comma = '.';
	out_printf(o, "%03d;%s;%d;%s;S%c;LOBM;%d;%.17g\n", k, fun, dranst, grp, art[0], y,
	    strtod(a, NULL) / 1000);
}

/*
 * regnskab: every municipality and year on the account groups of SPEC 3.4
 * and a few other functions, in both FUNKTION forms, split over arts 1-6;
 * beside them income (art 7, 8), internal (9), calculated costs (0) and
 * DRANST 2-3 that the figures must ignore. Prices rise 3 % a year.
 */
static void
write_regnskab(const char *dir)
{
	static const char *groups[][2] = { { "53850", "003" }, { "53851", "003" },
	    { "53852", "003" }, { "53839", "005" }, { "53858", "003" },
	    { "53859", "003" }, { "53853", "002" }, { "53839", "011" },
	    { "53839", "012" }, { "53839", "013" }, { "53844", "002" },
	    { "53840", "001" }, { "53232", "003" }, { "53839", "003" } };
	static const double share[] = { 0.26, 0.14, 0.11, 0.27, 0.04, 0.07, 0.03,
	    0.012, 0.008, 0.004, 0.05, 0.04, 0.06, 0.02 };
	static const char *arts[] = { "4.0", "40", "4", "1.0", "2.2", "4.5", "5.9", "1", "2", "22" };
	static const char *noise[] = { "7.1", "7.6", "8.6", "9.7", "0", "0.0", "91" };
	char fun[16], amount[32];
	const char *art;
	int y, i, g, dranst, n;
	double kr, part, eff[14];
	struct out o;

	out_open(&o, dir, "regnskab", real ? "\xEF\xBB\xBFOMR\xC3\x85" "DE;FUNKTION;DRANST;"
	    "GRUPPERING;ART;PRISENHED;TID;INDHOLD\n" :
	    "KOMMUNE\tAAR\tFUNKTION\tGRUPPERING\tDRANST\tART\tBELOEB\n");
	for (i = 0; i < nkom; i++) {
		for (g = 0; g < 14; g++)	/* how this municipality spends */
			eff[g] = 0.6 + 0.8 * uniform();
		for (y = first_year; y <= last_year; y++)
			for (g = 0; g < 14; g++) {
				if (g >= 7 && g <= 9 && y < 2019)
					continue;	/* §82 accounts from 2019 */
				if (below(4) == 0)
					snprintf(fun, sizeof fun, "%c.%c%c.%c%c", groups[g][0][0],
					    groups[g][0][1], groups[g][0][2], groups[g][0][3],
					    groups[g][0][4]);
				else
					snprintf(fun, sizeof fun, "%s", groups[g][0]);
				kr = kom_weight[i] * 4500 * share[g] * eff[g] *
				    (0.95 + 0.1 * uniform()) * (1 + 0.03 * (y - 2017));
				for (n = 1 + below(3); n > 0; n--) {
					part = n == 1 ? kr : kr * (0.2 + 0.5 * uniform());
					kr -= part;
					if (below(40) == 0)	/* a correction */
						part = -part * 0.05;
					snprintf(amount, sizeof amount, below(10) ? "%.2f" : "%.0f", part);
					if (strchr(amount, '.') != NULL && below(3) == 0)
						*strchr(amount, '.') = ',';
					regnskab_row(&o, kom[i].code, y, fun, groups[g][1], 1,
					    arts[below(10)], amount);
				}
				art = noise[below(7)];
				dranst = below(4) == 0 ? 2 + below(2) : 1;
				snprintf(amount, sizeof amount, "%s%.2f", *art == '7' ||
				    *art == '8' ? "-" : "", kom_weight[i] * 450 * share[g] * uniform());
				regnskab_row(&o, kom[i].code, y, fun, groups[g][1], dranst,
				    dranst == 1 ? art : "4.0", amount);
			}
	}
	out_close(&o);
}

/* befolkning: the 18-64-year-olds at every cut date, growing slowly. */
static void
write_befolkning(const char *dir)
{
	char d[11];
	struct out o;
	int h, i;

	out_open(&o, dir, "befolkning", "KOMMUNE\tDATO\tANTAL_18_64\n");
	for (i = 0; i < nkom; i++)
		for (h = 1; h <= nhalf; h++) {
			date_fmt(half_start(h) - 1, d);
			out_printf(&o, "%03d\t%s\t%.0f\n", kom[i].code, d,
			    kom_weight[i] * (1 + 0.002 * (h - nhalf)));
		}
	out_close(&o);
}

/* -K churn=X,contacts=X,records=N,others=X */
static void
shape_arg(const char *arg)
{
	char name[16];
	double v;
	int n;

	while (*arg != '\0') {
		if (sscanf(arg, "%15[a-z]=%lf%n", name, &v, &n) != 2 ||
		    (arg[n] != ',' && arg[n] != '\0'))
			usage_die(SYNOPSIS);
		if (strcmp(name, "churn") == 0 && v >= 0.25 && v <= 16)
			churn = v;
		else if (strcmp(name, "contacts") == 0 && v >= 0.25 && v <= 16)
			contacts = v;
		else if (strcmp(name, "records") == 0 && v >= 1 && v <= 16 && v == (int)v)
			pieces = (int)v;
		else if (strcmp(name, "others") == 0 && v >= 0 && v <= 4)
			other_share = v;
		else
			usage_die(SYNOPSIS);
		arg += n + (arg[n] == ',');
	}
}

int
main(int argc, char **argv)
{
	const char *dir = NULL, *preset = "small";
	long persons = -1, dream = -1, seed = 1, v;
	double t0 = now();
	int c;

	prog_init(argc, argv);
	while ((c = getopt(argc, argv, "D:F:hK:L:n:o:S:s:y:z:")) != -1) {
		if (common_opt(c, optarg))
			continue;
		switch (c) {
		case 'D':
			if (!parse_uint(optarg, &dream))
				usage_die(SYNOPSIS);
			break;
		case 'F':
			fault_parse(optarg);
			break;
		case 'h':
			usage();
			return 0;
		case 'K':
			shape_arg(optarg);
			break;
		case 'L':
			if (strcmp(optarg, "real") != 0 && strcmp(optarg, "ours") != 0)
				usage_die(SYNOPSIS);
			real = strcmp(optarg, "real") == 0;
			break;
		case 'n':
			if (!parse_uint(optarg, &persons) || persons > 10000000)
				usage_die(SYNOPSIS);
			break;
		case 'o':
			dir = optarg;
			break;
		case 'S':
			preset = optarg;
			break;
		case 's':
			if (!parse_uint(optarg, &seed))
				usage_die(SYNOPSIS);
			break;
		case 'y':
			if (sscanf(optarg, "%d-%d", &first_year, &last_year) != 2 ||
			    first_year < 2000 || last_year > 2099 || last_year < first_year ||
			    last_year - first_year >= MAXH / 2)
				usage_die(SYNOPSIS);
			break;
		default:
			usage_die(SYNOPSIS);
		}
	}
	if (strcmp(preset, "small") == 0)
		v = 2000;
	else if (strcmp(preset, "mid") == 0)
		v = 7000;
	else if (strcmp(preset, "national") == 0)
		v = 70000;
	else
		v = 0;
	if (optind != argc || dir == NULL || v == 0 || dream > 100000000)
		usage_die(SYNOPSIS);
	if (persons < 0)
		persons = v;
	if (dream < 0)
		dream = v == 2000 ? 20000 : v == 7000 ? 300000 : 3000000;
	if (dream < persons)
		dream = persons;
	nhalf = (last_year - first_year + 1) * 2;
	d82 = days_from_civil(2020, 7, 1);
	if (mkdir(dir, 0700) != 0) {
		struct stat st;

		if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
			die("%s: cannot create the folder", dir);
	}
	setup_kommuner();
	where = ecalloc((size_t)persons * (size_t)nhalf, sizeof *where);

	rng_state = (unsigned long long)seed * 0x2545F4914F6CDD1DULL;
	write_handic(dir, persons, (long)(persons * 4 * other_share));
	write_dream(dir, persons, dream);
	write_lpr(dir, persons);
	write_who5(dir, persons);
	write_regnskab(dir);
	write_befolkning(dir);
	free(where);
	free(kom_weight);
	fprintf(stderr, "synth: %s preset, seed %ld, %d-%d: done in %.1f s\n", preset,
	    seed, first_year, last_year, now() - t0);
	return 0;
}

/*
 * Fault injection (-F), for the data quality tests: each fault changes or
 * drops rows as out_line writes them, so the generators above are the
 * same with and without faults (and the random stream too).
 */
static char fault_s82[1000], fault_brud[1000], fault_markoer[1000];
static int fault_rows;		/* any handic fault */
static unsigned fault_keys[3];	/* lpr, who5, dream: 1 lost zeros, 2 a dash */
static const char *fault_input[3] = { "lpr", "who5", "dream" };

static void
fault_parse(const char *spec)
{
	char *copy = estrdup(spec), *tok, *arg, *save = NULL;
	long k;
	int i;

	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if ((arg = strchr(tok, ':')) == NULL)
			usage_die(SYNOPSIS);
		*arg++ = '\0';
		if (strcmp(tok, "nuller") == 0 || strcmp(tok, "bindestreg") == 0) {
			for (i = 0; i < 3 && strcmp(arg, fault_input[i]) != 0; i++)
				;
			if (i == 3)
				usage_die(SYNOPSIS);
			fault_keys[i] |= *tok == 'n' ? 1 : 2;
			continue;
		}
		if (!parse_uint(arg, &k) || k < 100 || k > 999 || strlen(arg) != 3)
			usage_die(SYNOPSIS);
		fault_rows = 1;
		if (strcmp(tok, "s82") == 0)
			fault_s82[k] = 1;
		else if (strcmp(tok, "brud") == 0)
			fault_brud[k] = 1;
		else if (strcmp(tok, "markoer") == 0)
			fault_markoer[k] = 1;
		else
			usage_die(SYNOPSIS);
	}
	free(copy);
}

/* The person key at field f of line s in another form: into buf, the rest copied. */
static void
fault_key(const char *s, size_t n, int field, unsigned how, char *buf, size_t *len)
{
	size_t a = 0, b, o = 0;

	for (; field > 0; field--)
		a += strcspn(s + a, "\t") + 1;
	b = a + strcspn(s + a, "\t\n");
	memcpy(buf, s, a);
	o = a;
	while (how & 1 && a + 1 < b && s[a] == '0')
		a++;
	if (how & 2 && b - a > 6) {
		memcpy(buf + o, s + a, 6);
		buf[o + 6] = '-';
		o += 7;
		a += 6;
	}
	memcpy(buf + o, s + a, n - a);
	*len = o + n - a;
}

/* A handic line (PNR HK BK MAALGRUPPE KODE SLUT START) changed or dropped. */
static int
fault_handic(const char *s, size_t n, char *buf, size_t *len)
{
	char f[7][64];
	int k, day, brud = days_from_civil(last_year - 1, 1, 1);

	if (sscanf(s, "%63[^\t]\t%63[^\t]\t%63[^\t]\t%63[^\t]\t%63[^\t]\t", f[0], f[1],
	    f[2], f[3], f[4]) != 5)
		return 1;
	k = atoi(f[1]);
	if (fault_s82[k] && strncmp(f[4], "1.13.", 5) == 0)
		return 0;
	memcpy(buf, s, n);
	*len = n;
	buf[n] = '\0';
	if (sscanf(s, "%*[^\t]\t%*[^\t]\t%*[^\t]\t%*[^\t]\t%*[^\t]\t%63[^\t]\t%63[^\n]",
	    f[5], f[6]) != 2) {	/* no end date */
		f[5][0] = '\0';
		sscanf(s, "%*[^\t]\t%*[^\t]\t%*[^\t]\t%*[^\t]\t%*[^\t]\t\t%63[^\n]", f[6]);
	}
	if (fault_brud[k] && strcmp(f[4], "1.12.0.2") == 0) {
		if (!date_parse(f[6], &day) || day >= brud)
			return 0;
		if (f[5][0] == '\0' || (date_parse(f[5], &day) && day >= brud)) {
			date_fmt(brud - 1, f[5]);
			*len = (size_t)snprintf(buf, 1024, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
			    f[0], f[1], f[2], f[3], f[4], f[5], f[6]);
		}
	}
	if (fault_markoer[k] && f[5][0] == '\0')
		*len = (size_t)snprintf(buf, 1024, "%s\t%s\t%s\t%s\t%s\t9999-12-31\t%s\n",
		    f[0], f[1], f[2], f[3], f[4], f[6]);
	return 1;
}

/* Applies the faults to a line about to be written; 0: drop it. */
static int
fault_line(const struct out *o, const char **s, size_t *n)
{
	static char *buf;
	static size_t cap;
	const char *name = strrchr(o->path, '/') ? strrchr(o->path, '/') + 1 : o->path;
	int i;

	if (*n + 64 > cap)
		buf = erealloc(buf, cap = *n + 1024);
	if (fault_rows && strncmp(name, "handic.", 7) == 0) {
		if (!fault_handic(*s, *n, buf, n))
			return 0;
		*s = buf;
		return 1;
	}
	for (i = 0; i < 3; i++)
		if (fault_keys[i] && strncmp(name, fault_input[i], strlen(fault_input[i])) == 0 &&
		    name[strlen(fault_input[i])] == '.') {
			fault_key(*s, *n, i == 1, fault_keys[i], buf, n);
			*s = buf;
		}
	return 1;
}
