/* synth: the output files, person numbers, municipalities and half-years. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "date.h"
#include "synth.h"
#include "util.h"

unsigned long long rng_state;
int first_year = 2017, last_year = 2023, nhalf;
int d82;
int real;
int gz_level = 1;
const struct kommune *kom;
int nkom;
double *kom_weight, kom_total;
short *where;
double churn = 1;
double contacts = 1;
int pieces = 1;
double other_share = 1;

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

/* A person number: 10 digits, a bijection of the index (7919 x 104729 is prime to 10^10). */
void
pnr(long long i, char out[16])
{
	unsigned long long v = ((unsigned long long)i * 7919ULL * 104729ULL +
	    1234567ULL) % 10000000000ULL;

	snprintf(out, 16, "%010llu", v);
}

double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void
out_open(struct out *o, const char *dir, const char *name, const char *header)
{
	int csv = real && (strcmp(name, "who5") == 0 || strcmp(name, "regnskab") == 0);

	snprintf(o->path, sizeof o->path, "%s/%s.%s", dir, name, csv ? "csv" : "tsv.gz");
	o->w = gzw_create(o->path, csv ? -1 : gz_level);
	o->rows = 0;
	o->t0 = now();
	gzw_puts(o->w, header);
	o->bytes = (long long)strlen(header);
}

void
out_line(struct out *o, const char *s, size_t n)
{
	if (!fault_line(o, &s, &n))
		return;		/* dropped by an injected fault */
	gzw_write(o->w, s, n);
	o->bytes += (long long)n;
	o->rows++;
}

void
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

void
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
int
pick_kommune(void)
{
	double x = uniform() * kom_total;
	int i;

	for (i = 0; i < nkom - 1 && x >= kom_weight[i]; i++)
		x -= kom_weight[i];
	return kom[i].code;
}

void
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

int
half_start(int h)	/* first day of half-year h (0 = first half of first_year) */
{
	return days_from_civil(first_year + h / 2, h % 2 ? 7 : 1, 1);
}

int
day_in_half(int h)
{
	return half_start(h) + below(half_start(h + 1) - half_start(h));
}
