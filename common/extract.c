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
	char e[40], s[400], d[20];
	int n = 0, p, x, nd = 0, i;

	if (v == floor(v) && fabs(v) < 1e18) {
		text_put(t, s, (size_t)snprintf(s, sizeof s, "%lld", (long long)v));
		return;
	}
	if (!isfinite(v)) {
		text_put(t, s, (size_t)snprintf(s, sizeof s, "%g", v));
		return;
	}
	for (p = 15;; p++) {	/* [-]d.ddd...e[+-]x */
		snprintf(e, sizeof e, "%.*e", p - 1, v);
		if (p == 17 || strtod(e, NULL) == v)
			break;
	}
	/* its digits, and the same number written without the exponent */
	for (i = v < 0; e[i] != 'e'; i++)
		if (e[i] != '.')
			d[nd++] = e[i];
	while (nd > 1 && d[nd - 1] == '0')
		nd--;
	x = atoi(strchr(e, 'e') + 1);
	if (v < 0)
		s[n++] = '-';
	if (x < 0) {
		s[n++] = '0';
		s[n++] = '.';
		for (i = x + 1; i < 0; i++)
			s[n++] = '0';
	}
	for (i = 0; i < nd || i <= x; i++) {
		s[n++] = i < nd ? d[i] : '0';
		if (i == x && i + 1 < nd)
			s[n++] = '.';
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
