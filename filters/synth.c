/*
 * synth: deterministic synthetic national registers for demos, tests and
 * benchmarks. Writes handic, dream, lpr, who5, regnskab and befolkning as
 * gzip TSV into a folder; every row is valid input (SPEC 1.1).
 * No real person is in them: person numbers are made from the seed.
 */
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

#define SYNOPSIS "synth [-h] [-S small|mid|national] [-n persons] [-D dream-persons] [-y first-last] [-s seed] -o dir"
#define MAXH 64			/* half-years */

/* One output file and what went into it. */
struct out {
	gzw *w;
	char path[4096];
	long rows;
	long long bytes;	/* uncompressed */
	double t0;
};

static unsigned long long rng_state;
static int first_year = 2017, last_year = 2023, nhalf;
static const struct kommune *kom;
static int nkom;
static double *kom_weight, kom_total;

static void
usage(void)
{
	puts("usage: " SYNOPSIS "\n"
	    "\n"
	    "Writes synthetic registers into dir: handic.tsv.gz, dream.tsv.gz,\n"
	    "lpr.tsv.gz, who5.tsv.gz, regnskab.tsv.gz and befolkning.tsv.gz (KOMMUNE\n"
	    "DATO ANTAL_18_64), for the 98 municipalities and the years -y (default\n"
	    "2017-2023). The same seed gives the same files.\n"
	    "\n"
	    "  -S preset   small (2,000 target persons, DREAM 20,000), mid (7,000;\n"
	    "              300,000) or national (70,000, about 2,000,000 handic rows;\n"
	    "              DREAM 3,000,000). Default small.\n"
	    "  -n persons  target-group persons\n"
	    "  -D persons  persons in DREAM (the target persons and others)\n"
	    "  -y first-last  the years\n"
	    "  -s seed     the seed (default 1)\n"
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
	snprintf(o->path, sizeof o->path, "%s/%s.tsv.gz", dir, name);
	o->w = gzw_create(o->path, opt.level);
	o->rows = -1;
	o->bytes = 0;
	o->t0 = now();
	gzw_puts(o->w, header);
	o->bytes += (long long)strlen(header);
	o->rows++;
}

static void
out_line(struct out *o, const char *s, size_t n)
{
	gzw_write(o->w, s, n);
	o->bytes += (long long)n;
	o->rows++;
}

static void
out_printf(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#include <stdarg.h>
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
		die("synth: line too long");
	out_line(o, buf, (size_t)n);
}

static void
out_close(struct out *o)
{
	struct stat st;

	gzw_close(o->w);
	if (stat(o->path, &st) != 0)
		die("%s: cannot stat", o->path);
	fprintf(stderr, "synth: %-28s %9ld rows %12lld bytes %11lld gzip %6.1f s\n",
	    o->path, o->rows, o->bytes, (long long)st.st_size, now() - o->t0);
}

/* A municipality, by size. */
static int
pick_kommune(void)
{
	double x = uniform() * kom_total;
	int i;

	for (i = 0; i < nkom - 1 && x >= kom_weight[i]; i++)
		x -= kom_weight[i];
	return kom[i].code;
}

/* Sizes: the four big cities, and a spread for the rest (18-64-year-olds). */
static void
setup_kommuner(void)
{
	int i;
	unsigned long long h;

	kom = kommune_all(&nkom);
	kom_weight = emalloc(sizeof *kom_weight * (size_t)nkom);
	kom_total = 0;
	for (i = 0; i < nkom; i++) {
		h = (unsigned long long)kom[i].code * 2654435761ULL;
		kom_weight[i] = 12000 + (double)(h % 50000);
		if (kom[i].code == 101)
			kom_weight[i] = 480000;
		else if (kom[i].code == 751)
			kom_weight[i] = 240000;
		else if (kom[i].code == 461 || kom[i].code == 851)
			kom_weight[i] = 135000;
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
put_date(char *out, int day)
{
	date_fmt(day, out);
}

/* handic: target persons on the stair, plus other target groups. */
static void
write_handic(const char *dir, long persons)
{
	static const char *step_code[9] = { "", "", "1.13.1", "1.4", "1.1",
	    "1.12.0.2", "1.8.2", "1.12.0.1", "1.8.1" };
	static const char *zero_code[] = { "1.6", "1.7", "1.10", "1.3", "1.9" };
	static const char *other_group[] = { "1.2.1", "1.2.1.3", "1.1.2", "1.3", "1.2.20" };
	static const int moves[] = { -2, -1, -1, 1, 1, 2 };
	int state[MAXH], h, run, k, k2, start, end, trin, d82 = days_from_civil(2020, 7, 1);
	char id[16], s1[11], s2[11];
	const char *code, *maal;
	struct out o;
	long i, j, others = persons * 4;

	out_open(&o, dir, "handic", "PNR\tHANDLEKOMMUNE\tBOPAELSKOMMUNE\tMAALGRUPPE\t"
	    "MODT_YDELSE_KODE\tYDELSE_SLUT\tYDELSE_START\n");
	for (i = 0; i < persons; i++) {
		pnr(i, id);
		k = pick_kommune();
		maal = below(10) < 3 ? (below(2) ? "1.2.2.1" : "1.2.2.3") : "1.2.2";
		/* A walk over the half-years: -1 = no service; most stay put. */
		h = below(nhalf);
		for (j = 0; j < nhalf; j++)
			state[j] = -1;
		trin = (int[]){ 0, 2, 3, 4, 5, 5, 5, 6, 7, 8, 8 }[below(11)];
		for (j = below(3) == 0 ? 0 : h; j < nhalf; j++) {
			if (trin == 2 && half_start((int)j) < d82)
				trin = 5;
			state[j] = trin;
			if (uniform() < 0.2) {
				trin += moves[below(6)];
				if (trin < 2 || trin > 8)
					trin = trin < 2 ? (below(3) ? 0 : 5) : 8;
			}
			if (uniform() < 0.03)
				break;	/* leaves services */
		}
		/* Each run of one step becomes a record; some get a companion. */
		for (j = 0; j < nhalf; j = run) {
			for (run = (int)j + 1; run < nhalf && state[run] == state[j]; run++)
				;
			if (state[j] < 0)
				continue;
			start = day_in_half((int)j);
			if (state[j] == 2 && start < d82)
				start = d82 + below(60);
			end = run < nhalf ? day_in_half(run) : half_start(nhalf) - 1 - below(30);
			if (end < start)
				end = start;
			code = state[j] == 0 ? zero_code[below(5)] : state[j] == 2 ?
			    (below(2) ? "1.13.1" : "1.13.2") : step_code[state[j]];
			k2 = uniform() < 0.04 ? pick_kommune() : k;	/* moved */
			put_date(s1, start);
			put_date(s2, end);
			out_printf(&o, "%s\t%03d\t%03d\t%s\t%s\t%s\t%s\n", id, k2,
			    below(20) ? k2 : pick_kommune(), maal, code,
			    run == nhalf && below(10) < 7 ? "" : s2, s1);
			if (uniform() < 0.5) {	/* a service beside it */
				code = below(2) ? "1.4" : zero_code[below(5)];
				put_date(s1, start + below(end - start < 90 ? end - start + 1 : 90));
				out_printf(&o, "%s\t%03d\t%03d\t%s\t%s\t%s\t%s\n", id, k2, k2,
				    maal, code, below(2) ? "" : s2, s1);
			}
			k = k2;
		}
	}
	/* Other target groups: ignored by the key figures, even on the stair. */
	for (i = 0; i < others; i++) {
		pnr(persons + i, id);
		k = pick_kommune();
		maal = other_group[below(5)];
		for (j = below(12) + 1; j > 0; j--) {
			start = day_in_half(below(nhalf));
			end = start + below(900);
			if (end >= half_start(nhalf))
				end = half_start(nhalf) - 1;
			put_date(s1, start);
			put_date(s2, end);
			out_printf(&o, "%s\t%03d\t%03d\t%s\t%s\t%s\t%s\n", id, k, k, maal,
			    below(2) ? step_code[2 + below(7)] : zero_code[below(5)],
			    below(4) ? s2 : "", s1);
		}
	}
	out_close(&o);
}

/* dream: a row per person with weekly codes in spells. */
static void
write_dream(const char *dir, long persons, long dream)
{
	static const char *target_codes[] = { "783", "783", "783", "771", "740",
	    "741", "651", "661", "899", "135", "", "", "750", "113", "511" };
	static const char *other_codes[] = { "", "", "", "", "", "651", "652",
	    "111", "121", "740", "783", "890", "771", "215", "661" };
	char *line, id[16];
	const char **codes, *c;
	size_t len, cl;
	int nweeks = 0, y, w, wk, span, gone;
	struct out o;
	long i;

	for (y = first_year; y <= last_year; y++)
		nweeks += iso_weeks(y);
	line = emalloc((size_t)nweeks * 8 + 64);
	len = (size_t)sprintf(line, "PNR");
	for (y = first_year; y <= last_year; y++)
		for (w = 1; w <= iso_weeks(y); w++)
			len += (size_t)sprintf(line + len, "\ty_%02d%02d", y % 100, w);
	line[len++] = '\n';
	line[len] = '\0';
	out_open(&o, dir, "dream", line);
	for (i = 0; i < dream; i++) {
		pnr(i, id);
		len = (size_t)sprintf(line, "%s", id);
		codes = i < persons ? target_codes : other_codes;
		gone = 0;
		for (wk = 0; wk < nweeks; wk += span) {
			span = 4 + below(100);
			if (wk + span > nweeks)
				span = nweeks - wk;
			c = gone ? (gone == 1 ? "997" : "999") : codes[below(15)];
			if (!gone && below(1000) < 2)
				c = (gone = 1 + below(2)) == 1 ? "997" : "999";
			if (*c == '\0' && below(50) == 0)
				c = "  ";	/* a blank cell of spaces */
			cl = strlen(c);
			for (w = 0; w < span; w++) {
				line[len++] = '\t';
				memcpy(line + len, c, cl);
				len += cl;
			}
		}
		line[len++] = '\n';
		out_line(&o, line, len);
	}
	free(line);
	out_close(&o);
}

static void
put_time(char *out, int secs, int with_seconds)
{
	if (with_seconds)
		snprintf(out, 16, "%02d:%02d:%02d", secs / 3600, secs / 60 % 60, secs % 60);
	else
		snprintf(out, 16, "%02d:%02d", secs / 3600, secs / 60 % 60);
}

/* lpr: admissions with transfers, short contacts, readmissions; unsorted. */
static void
write_lpr(const char *dir, long persons)
{
	long long start, end, span = (long long)(half_start(nhalf) - half_start(0)) * 86400;
	long long base = (long long)half_start(0) * 86400;
	char id[16], d1[11], d2[11], t1[16], t2[16];
	int n, j, open;
	struct out o;
	long i;

	out_open(&o, dir, "lpr", "PNR\tdato_start\ttidspunkt_start\tdato_slut\ttidspunkt_slut\n");
	for (i = 0; i < persons + persons / 10; i++) {
		if (below(100) >= 18)
			continue;
		pnr(i < persons ? i : persons + i, id);
		start = base + (long long)(uniform() * (double)span * 0.9);
		for (n = 1 + below(6), j = 0; j < n; j++) {
			end = start + (below(5) == 0 ? 3600LL * (1 + below(11)) :
			    3600LL * (12 + below(24 * 25)));
			if (end >= base + span)
				break;
			open = j == n - 1 && below(40) == 0;
			put_time(t1, (int)(start % 86400), below(10) == 0);
			put_time(t2, (int)(end % 86400), below(10) == 0);
			date_fmt((int)(start / 86400), d1);
			date_fmt((int)(end / 86400), d2);
			out_printf(&o, "%s\t%s\t%s\t%s\t%s\n", id, d1, t1, open ? "" : d2,
			    open ? "" : t2);
			if (open)
				break;
			if (below(4) == 0)	/* a transfer: the next starts < 4 h later */
				start = end + 60LL * below(240);
			else if (below(3) == 0)	/* a readmission */
				start = end + 3600LL * (4 + below(24 * 28));
			else
				start = end + 86400LL * (31 + below(300));
		}
	}
	out_close(&o);
}

/* who5: surveys in some municipalities, twice a year. */
static void
write_who5(const char *dir, long persons)
{
	char id[16], d[11], insp[128];
	int h, i, k, level, item[10];
	struct out o;
	long p;

	out_open(&o, dir, "who5", "KOMMUNE\tPNR\tDATO\tWHO1\tWHO2\tWHO3\tWHO4\t"
	    "WHO5\tINSP1\tINSP2\tINSP3\tINSP4\tINSP5\tSKEMA\n");
	for (p = 0; p < persons; p++) {
		if (below(100) >= 25)
			continue;
		k = kom[below(12) * 8 % nkom].code;	/* 12 municipalities measure */
		pnr(p, id);
		level = below(6);
		for (h = 0; h < nhalf; h++) {
			if (below(10) >= 5)
				continue;
			for (i = 0; i < 10; i++) {
				item[i] = level + below(3) - 1;
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
			date_fmt(day_in_half(h), d);
			out_printf(&o, "%03d\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\n", k, id, d,
			    item[0], item[1], item[2], item[3], item[4], insp,
			    below(2) ? "web" : "papir");
			if (below(8) == 0)
				level += below(3) - 1;
			if (level < 0 || level > 5)
				level = 2;
		}
	}
	out_close(&o);
}

/* regnskab: the account groups and the rows the figures must ignore. */
static void
write_regnskab(const char *dir)
{
	static const char *groups[][2] = { { "53850", "003" }, { "53851", "003" },
	    { "53852", "003" }, { "53839", "005" }, { "53858", "003" },
	    { "53859", "003" }, { "53853", "002" }, { "53839", "011" },
	    { "53839", "012" }, { "53839", "013" }, { "53844", "002" },
	    { "53840", "001" }, { "53232", "003" }, { "53839", "003" } };
	static const double share[] = { 0.35, 0.08, 0.06, 0.22, 0.04, 0.08, 0.03,
	    0.015, 0.01, 0.005, 0.05, 0.04, 0.06, 0.02 };
	static const char *arts[] = { "4.0", "40", "4", "1.0", "2.2", "4.5", "5.9", "1" };
	char fun[16], amount[32];
	const char *art;
	int y, i, g, dranst;
	double kr;
	struct out o;

	out_open(&o, dir, "regnskab", "KOMMUNE\tAAR\tFUNKTION\tGRUPPERING\tDRANST\tART\tBELOEB\n");
	for (y = first_year; y <= last_year; y++)
		for (i = 0; i < nkom; i++)
			for (g = 0; g < 14; g++) {
				kr = kom_weight[i] * 9000 * share[g] * (0.8 + 0.4 * uniform());
				if (below(4) == 0)
					snprintf(fun, sizeof fun, "%c.%c%c.%c%c", groups[g][0][0],
					    groups[g][0][1], groups[g][0][2], groups[g][0][3],
					    groups[g][0][4]);
				else
					snprintf(fun, sizeof fun, "%s", groups[g][0]);
				snprintf(amount, sizeof amount, "%.2f", kr);
				if (below(3) == 0)
					*strchr(amount, '.') = ',';
				out_printf(&o, "%03d\t%d\t%s\t%s\t1\t%s\t%s\n", kom[i].code, y,
				    fun, groups[g][1], arts[below(8)], amount);
				/* Income, internal and calculated costs, other DRANST. */
				art = (const char *[]){ "7.1", "7.6", "8.6", "9.7", "0" }[below(5)];
				dranst = below(4) == 0 ? 2 + below(2) : 1;
				snprintf(amount, sizeof amount, "%s%.2f", *art == '7' ||
				    *art == '8' ? "-" : "", kr * 0.1 * uniform());
				out_printf(&o, "%03d\t%d\t%s\t%s\t%d\t%s\t%s\n", kom[i].code, y,
				    fun, groups[g][1], dranst, dranst == 1 ? art : "4.0", amount);
			}
	out_close(&o);
}

static void
write_befolkning(const char *dir)
{
	char d[11];
	struct out o;
	int h, i;

	out_open(&o, dir, "befolkning", "KOMMUNE\tDATO\tANTAL_18_64\n");
	for (i = 0; i < nkom; i++)
		for (h = 1; h < nhalf; h++) {
			date_fmt(half_start(h) - 1, d);
			out_printf(&o, "%03d\t%s\t%.0f\n", kom[i].code, d,
			    kom_weight[i] * (1 + 0.004 * h));
		}
	date_fmt(half_start(nhalf) - 1, d);
	for (i = 0; i < nkom; i++)
		out_printf(&o, "%03d\t%s\t%.0f\n", kom[i].code, d,
		    kom_weight[i] * (1 + 0.004 * nhalf));
	out_close(&o);
}

int
main(int argc, char **argv)
{
	const char *dir = NULL, *preset = "small";
	long persons = -1, dream = -1, seed = 1, v;
	double t0 = now();
	int c;

	prog_init(argc, argv);
	while ((c = getopt(argc, argv, "D:hn:o:S:s:y:z:")) != -1) {
		if (common_opt(c, optarg))
			continue;
		switch (c) {
		case 'D':
			if (!parse_uint(optarg, &dream))
				usage_die(SYNOPSIS);
			break;
		case 'h':
			usage();
			return 0;
		case 'n':
			if (!parse_uint(optarg, &persons))
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
	if (optind != argc || dir == NULL)
		usage_die(SYNOPSIS);
	if (strcmp(preset, "small") == 0)
		v = 2000;
	else if (strcmp(preset, "mid") == 0)
		v = 7000;
	else if (strcmp(preset, "national") == 0)
		v = 70000;
	else
		usage_die(SYNOPSIS);
	if (persons < 0)
		persons = v;
	if (dream < 0)
		dream = v == 2000 ? 20000 : v == 7000 ? 300000 : 3000000;
	if (dream < persons)
		dream = persons;
	nhalf = (last_year - first_year + 1) * 2;
	if (mkdir(dir, 0700) != 0 && access(dir, W_OK) != 0)
		die("%s: cannot create the folder", dir);
	setup_kommuner();

	rng_state = (unsigned long long)seed * 0x2545F4914F6CDD1DULL;
	write_handic(dir, persons);
	write_dream(dir, persons, dream);
	write_lpr(dir, persons);
	write_who5(dir, persons);
	write_regnskab(dir);
	write_befolkning(dir);
	fprintf(stderr, "synth: %s preset, seed %ld, %d-%d: done in %.1f s\n", preset,
	    seed, first_year, last_year, now() - t0);
	return 0;
}
