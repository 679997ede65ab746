/* synth: the data faults of -F. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "synth.h"
#include "tables.h"
#include "util.h"

/*
 * Fault injection (-F), for the data quality tests: each fault changes or
 * drops rows as out_line writes them, so the generators above are the
 * same with and without faults (and the random stream too).
 */
static char fault_s82[1000], fault_brud[1000], fault_markoer[1000];
static int fault_rows;		/* any handic fault */
static unsigned fault_keys[3];	/* lpr, who5, dream: 1 lost zeros, 2 a dash */
static const char *fault_input[3] = { "lpr", "who5", "dream" };

int
fault_parse(const char *spec)
{
	char *copy = estrdup(spec), *tok, *arg, *save = NULL;
	long k;
	int i;

	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if ((arg = strchr(tok, ':')) == NULL)
			return 0;
		*arg++ = '\0';
		if (strcmp(tok, "nuller") == 0 || strcmp(tok, "bindestreg") == 0) {
			for (i = 0; i < 3 && strcmp(arg, fault_input[i]) != 0; i++)
				;
			if (i == 3)
				return 0;
			fault_keys[i] |= *tok == 'n' ? 1 : 2;
			continue;
		}
		if (!parse_uint(arg, &k) || k < 100 || k > 999 || strlen(arg) != 3 ||
		    kommune_get((int)k) == NULL)	/* 999: no rows to fault */
			return 0;
		fault_rows = 1;
		if (strcmp(tok, "s82") == 0)
			fault_s82[k] = 1;
		else if (strcmp(tok, "brud") == 0)
			fault_brud[k] = 1;
		else if (strcmp(tok, "markoer") == 0)
			fault_markoer[k] = 1;
		else
			return 0;
	}
	free(copy);
	return 1;
}

/*
 * The person key at field f of line s (fields split by sep) in another
 * form: into buf, the rest copied. A line without that field is copied.
 */
static void
fault_key(const char *s, size_t n, int field, char sep, unsigned how, char *buf,
    size_t *len)
{
	const char stop[] = { sep, '\n', '\0' };
	size_t a = 0, b, o = 0;

	for (; field > 0 && a < n; field--)
		a += strcspn(s + a, stop) + 1;
	if (a >= n) {
		memcpy(buf, s, n);
		*len = n;
		return;
	}
	b = a + strcspn(s + a, stop);
	memcpy(buf, s, a);
	o = a;
	while (how & 1 && a + 1 < b && s[a] == '0')
		a++;
	if (how & 2 && b - a > 6) {
		memcpy(buf + o, s + a, 6);
		buf[o + 6] = '-';
		o += 7;
		a += 6;
	}
	memcpy(buf + o, s + a, n - a);
	*len = o + n - a;
}

/*
 * A handic line changed or dropped, in our schema (PNR HK BK MAALGRUPPE KODE
 * SLUT START) or, with -L real, SEL voksne's (PNR KOM FUNK_VURD MAAL_KEY KODE
 * START SLUT). Its fields are split at each TAB, an empty one kept (until
 * 2026-12-06 sscanf() read them, whose TAB passes over any run of them: SEL
 * voksne's empty FUNK_VURD shifted the fields, and the line came out in our
 * order). A line that is not seven fields is kept as it is (the header).
 */
static int
fault_handic(const char *s, size_t n, char *buf, size_t *len)
{
	char f[7][64];
	int k, day, i, changed = 0, start = real ? 5 : 6, slut = real ? 6 : 5;
	int brud = days_from_civil(last_year - 1, 1, 1);
	size_t a, b;

	for (i = 0, a = 0; i < 7; i++, a = b + 1) {
		b = a + strcspn(s + a, "\t\n");
		if (b >= n || b - a >= sizeof f[i] || (s[b] == '\n') != (i == 6))
			break;	/* not seven fields */
		memcpy(f[i], s + a, b - a), f[i][b - a] = '\0';
	}
	memcpy(buf, s, n);
	*len = n;
	if (i != 7)
		return 1;
	k = atoi(f[1]);
	if (fault_s82[k] && strncmp(f[4], "1.13.", 5) == 0)
		return 0;
	if (fault_brud[k] && strcmp(f[4], "1.12.0.2") == 0) {
		if (!date_parse(f[start], &day) || day >= brud)
			return 0;
		if (f[slut][0] == '\0' || (date_parse(f[slut], &day) && day >= brud))
			date_fmt(brud - 1, f[slut]), changed = 1;
	}
	if (fault_markoer[k] && f[slut][0] == '\0')
		strcpy(f[slut], "9999-12-31"), changed = 1;
	if (changed)
		*len = (size_t)snprintf(buf, 1024, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
		    f[0], f[1], f[2], f[3], f[4], f[5], f[6]);
	return 1;
}

/* Applies the faults to a line about to be written; 0: drop it. */
int
fault_line(const struct out *o, const char **s, size_t *n)
{
	static char *buf;
	static size_t cap;
	const char *name = strrchr(o->path, '/') ? strrchr(o->path, '/') + 1 : o->path;
	int i;

	if (*n + 64 > cap)
		buf = erealloc(buf, cap = *n + 1024);
	if (fault_rows && strncmp(name, "handic.", 7) == 0) {
		if (!fault_handic(*s, *n, buf, n))
			return 0;
		*s = buf;
		return 1;
	}
	for (i = 0; i < 3; i++)
		if (fault_keys[i] && strncmp(name, fault_input[i], strlen(fault_input[i])) == 0 &&
		    name[strlen(fault_input[i])] == '.') {
			fault_key(*s, *n, i == 1, strstr(name, ".csv") ? ';' : '\t',
			    fault_keys[i], buf, n);
			*s = buf;
		}
	return 1;
}
