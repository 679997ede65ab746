/*
 * extract: what the two readers of registers' real extracts (import,
 * sas2tsv) share: the text of an output row built in a growing buffer, a
 * number written the way both write it, and column patterns a|b.
 */
#ifndef EXTRACT_H
#define EXTRACT_H

#include <stddef.h>
#include <string.h>

#include "util.h"

struct text {
	char *s;		/* the bytes so far; not NUL-ended */
	size_t len, cap;
};

/* Appends n bytes; two more are always free (a line end and a NUL). */
static inline void
text_put(struct text *t, const char *s, size_t n)
{
	t->s = grow(t->s, &t->cap, t->len + n + 2, 1);
	memcpy(t->s + t->len, s, n);
	t->len += n;
}

/*
 * Integers exactly; other numbers in the fewest of 15-17 significant digits
 * that read back, without an exponent (amounts and scales take none).
 */
void text_num(struct text *t, double v);

/* An exact amount in millionths as a decimal: "-12.5", "140790000", no exponent. */
void text_micro(struct text *t, long long micro);

/*
 * Whether name matches one of the shell patterns a|b|c (fnmatch), ignoring
 * case when fold is set.
 */
int pattern_any(const char *pats, const char *name, int fold);

#endif
