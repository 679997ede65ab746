/* synth: LPR, psychiatric contacts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "synth.h"
#include "util.h"

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
void
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
