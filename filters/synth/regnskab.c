/* synth: the accounts (regnskab) and the population (befolkning). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "synth.h"

/*
 * -L real: an amount in kr. as REGK100 gives it, in 1,000 kr. written the
 * way a ';' CSV writes it ('.' groups thousands, ',' marks the decimals:
 * 1234567,89 kr. is "1.234,56789"), exactly.
 */
static void
thousands_dk(const char *amount, char *s, size_t size)
{
	char a[32], *comma, whole[32];
	long long ore, w;
	int n, len, i, neg;

	snprintf(a, sizeof a, "%s", amount);
	if ((comma = strchr(a, ',')) != NULL)
		*comma = '.';
	ore = llround(strtod(a, NULL) * 100);	/* two decimals at most */
	neg = ore < 0;
	ore = neg ? -ore : ore;
	w = ore / 100000;
	len = snprintf(whole, sizeof whole, "%lld", w);
	n = snprintf(s, size, "%s", neg ? "-" : "");
	for (i = 0; i < len; i++)
		n += snprintf(s + n, size - (size_t)n, "%s%c",
		    i > 0 && (len - i) % 3 == 0 ? "." : "", whole[i]);
	if (ore % 100000) {
		n += snprintf(s + n, size - (size_t)n, ",%05lld", ore % 100000);
		while (s[n - 1] == '0')
			s[--n] = '\0';
	}
}

/* An account row; -L real: as REGK100 (main art S0-S9, 1,000 kr., LOBM). */
static void
regnskab_row(struct out *o, int k, int y, const char *fun, const char *grp,
    int dranst, const char *art, const char *amount)
{
	char a[48];

	if (!real) {
		out_printf(o, "%03d\t%d\t%s\t%s\t%d\t%s\t%s\n", k, y, fun, grp, dranst,
		    art, amount);
		return;
	}
	thousands_dk(amount, a, sizeof a);
	out_printf(o, "%03d;%s;%d;%s;S%c;LOBM;%d;%s\n", k, fun, dranst, grp, art[0], y, a);
}

/*
 * regnskab: every municipality and year on the account groups of SPEC 3.4
 * and a few other functions, in both FUNKTION forms, split over arts 1-6;
 * beside them income (art 7, 8), internal (9), calculated costs (0) and
 * DRANST 2-3 that the figures must ignore. Prices rise 3 % a year.
 */
void
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
void
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
