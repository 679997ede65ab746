/* tsv: the report as a TSV table. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "report.h"
#include "util.h"

void
write_tsv(struct report *r, FILE *out, int k, int head)
{
	char day[11], buf[64];
	int f, rate, level, d, a;

	if (head) {
		fputs("KOMMUNE\tNOEGLETAL\tNAVN\tENHED\tNIVEAU\tOMRAADE", out);
		for (d = 0; d < r->ndates; d++) {
			date_fmt(r->dates[d], day);
			fprintf(out, "\t%s", day);
		}
		fputs("\tNOTE\n", out);
		if (r->threshold <= 0) {
			fputs("\t\tDISKRETIONERING SLÅET FRA (-n 0): tallene er ikke "
			    "diskretionerede og må ikke offentliggøres\t\t\t", out);
			for (d = 0; d <= r->ndates; d++)
				fputc('\t', out);
			fputc('\n', out);
		}
	}
	ROWS_N(f, rate, level, 1) {
		a = area(r, k, level);
		fprintf(out, "%03d\t%s\t%s\t%s\t%s\t%s", r->kom[k].code, r->figs[f].label,
		    r->figs[f].name, unit_label(r, f, rate, buf), levels[level], area_name(r, a));
		for (d = 0; d < r->ndates; d++)
			fprintf(out, "\t%s", cell_text(r, a, d, f, rate, buf));
		fprintf(out, "\t%s\n", note(r, a, f, rate));
	}
}
