/* synth: WHO-5, the municipalities' surveys of their target group. */
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "synth.h"
#include "util.h"

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

/* Beside the export, the map import reads it by (the shipped who5.map). */
static void
write_map(const char *dir)
{
	char path[4096];
	tsv *t = table_open(NULL, "who5.map");
	gzw *w;

	epathf(path, sizeof path, "%s/who5.map", dir);
	w = gzw_create(path, -1);
	tsv_put_head(w, t);
	gzw_putc(w, '\n');
	while (tsv_row(t)) {
		tsv_put_row(w, t);
		gzw_putc(w, '\n');
	}
	tsv_close(t);
	gzw_close(w);
}

/*
 * who5: twelve municipalities survey their own target group twice a year,
 * each in its own months; six in ten persons take part, most of them in
 * consecutive half-years. Some are measured after leaving the stair.
 */
void
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
	if (real)
		write_map(dir);
}
