/* fuzz_parse: dates, times and numbers, with properties that must hold. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "fig.h"
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[64], back[32];
	int day, cut;
	long l;
	double v, w;

	if (size >= sizeof s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (date_parse(s, &day)) {
		date_fmt(day, back);
		if (strcmp(back, s) != 0)	/* a parsed date prints as it came */
			abort();
		cut = cut_on_or_after(day);
		if (cut < day || !is_cut(cut) || cut_on_or_before(day) > day ||
		    cut_prev(cut) >= day || cut_next(cut_prev(cut)) != cut)
			abort();
	}
	if (time_parse(s) >= 86400)
		abort();
	if (parse_uint(s, &l) && l < 0)
		abort();
	if (parse_double(s, &v)) {
		fig_num(v, back);
		if (strtod(back, NULL) != v)	/* numbers round-trip */
			abort();
		for (char *c = s; *c; c++)	/* strtod's value, its fast path too */
			*c = *c == ',' ? '.' : *c;
		w = strtod(s, NULL);
		if (memcmp(&v, &w, sizeof v) != 0)
			abort();
	}
	return 0;
}
