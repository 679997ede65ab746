/* synth: handic, persons walking the stair, and other target groups. */
#include <stdio.h>

#include "date.h"
#include "synth.h"

#define NONE (-1)		/* no service in a half-year */

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

/* A handic row, in the layout written (-L): start and end as dates, end "" when open. */
static void
handic_line(struct out *o, const char *id, int hk, int bk, const char *maal,
    const char *code, const char *start, const char *end)
{
	if (real)	/* SEL voksne: FUNK_VURD empty, YDELSE_START before YDELSE_SLUT */
		out_printf(o, "%s\t%03d\t\t%s\t%s\t%s\t%s\n", id, hk, maal, code, start, end);
	else
		out_printf(o, "%s\t%03d\t%03d\t%s\t%s\t%s\t%s\n", id, hk, bk, maal, code, end, start);
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
		handic_line(o, id, hk, bk, maal, code, s1, s2);
	}
	date_fmt(start, s1);
	s2[0] = '\0';
	if (end >= 0)
		date_fmt(end, s2);
	handic_line(o, id, hk, bk, maal, code, s1, s2);
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
void
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
