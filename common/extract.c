/* extract: what import and sas2tsv share (see extract.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* FNM_CASEFOLD */
#endif
#include <fnmatch.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "extract.h"

void
text_num(struct text *t, double v)
{
	char s[40];
	int n, p;

	if (v == floor(v) && fabs(v) < 1e18)
		n = snprintf(s, sizeof s, "%lld", (long long)v);
	else
		for (p = 15; p <= 17; p++) {
			n = snprintf(s, sizeof s, "%.*g", p, v);
			if (strtod(s, NULL) == v)
				break;
		}
	text_put(t, s, (size_t)n);
}

void
text_micro(struct text *t, long long micro)
{
	char s[40];
	int n;
	long long whole = micro / 1000000, frac = micro % 1000000;

	if (frac < 0)
		frac = -frac;
	n = snprintf(s, sizeof s, "%s%lld", micro < 0 && whole == 0 ? "-" : "", whole);
	if (frac) {
		n += snprintf(s + n, sizeof s - (size_t)n, ".%06lld", frac);
		while (s[n - 1] == '0')
			n--;
	}
	text_put(t, s, (size_t)n);
}

int
pattern_any(const char *pats, const char *name, int fold)
{
	char *pat;
	size_t n;
	int hit;

	for (;; pats += n + 1) {
		n = strcspn(pats, "|");
		pat = emalloc(n + 1);
		memcpy(pat, pats, n);
		pat[n] = '\0';
		hit = fnmatch(pat, name, fold ? FNM_CASEFOLD : 0) == 0;
		free(pat);
		if (hit)
			return 1;
		if (pats[n] == '\0')
			return 0;
	}
}
