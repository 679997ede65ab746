/* synth: DREAM, weekly transfer codes in spells from a profile. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "synth.h"
#include "util.h"

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

/*
 * dream: a row per person with weekly codes in spells from the person's
 * profile. 997 (udvandret) and 999 (død) are final: after them only the
 * same code or blanks. The persons come in a scrambled order (a step
 * prime to their number), so that the target group is spread over the
 * file as in a real extract sorted by person key.
 */
void
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
