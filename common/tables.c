/* tables: shipped data files and the municipality table (see tables.h). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tables.h"
#include "util.h"

static struct kommune kommuner[128];
static int nkommune;
static short by_code[KOMMUNE_MAX];	/* code -> index + 1 */

tsv *
table_open(const char *path, const char *name)
{
	char exe[PATH_MAX], full[PATH_MAX + 64], *slash;
	const char *dir = getenv("NOEGLETAL_SHARE");
	ssize_t n;

	if (path != NULL)
		return tsv_open(path, 0);
	if (dir != NULL && *dir) {
		epathf(full, sizeof full, "%s/%s", dir, name);
		return tsv_open(full, 0);
	}
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n < 0)
		die("cannot find the program's folder to locate %s; set NOEGLETAL_SHARE",
		    name);
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (slash)
		*slash = '\0';
	epathf(full, sizeof full, "%s/../share/noegletal/%s", exe, name);
	if (access(full, R_OK) != 0)
		die("%s: shipped table not found; set NOEGLETAL_SHARE", full);
	return tsv_open(full, 0);
}

/*
 * The municipalities. A code given twice is an error: its name and region
 * would depend on the order of the rows, and lists would hold it twice.
 */
static void
load_kommuner(void)
{
	tsv *t = table_open(NULL, "kommuner.tsv");
	int c_code = tsv_col(t, "KOMMUNE"), c_name = tsv_col(t, "NAVN");
	int c_reg = tsv_col(t, "REGIONSKODE"), c_regname = tsv_col(t, "REGION");
	long code, reg, line[KOMMUNE_MAX] = { 0 };	/* each code's line */

	while (tsv_row(t)) {
		const char *s = t->f[c_code];

		if (strlen(s) != 3 || !parse_uint(s, &code) || code < 100 ||
		    !parse_uint(t->f[c_reg], &reg))
			die("%s:%ld: bad municipality row", t->name, t->line);
		if (line[code] != 0)
			die("%s:%ld: KOMMUNE %03ld given twice (also line %ld)", t->name,
			    t->line, code, line[code]);
		line[code] = t->line;
		if (nkommune == (int)(sizeof kommuner / sizeof kommuner[0]))
			die("%s: too many municipalities", t->name);
		kommuner[nkommune].code = (int)code;
		kommuner[nkommune].name = estrdup(t->f[c_name]);
		kommuner[nkommune].region = (int)reg;
		kommuner[nkommune].region_name = estrdup(t->f[c_regname]);
		by_code[code] = (short)++nkommune;
	}
	tsv_close(t);
	if (nkommune == 0)
		die("kommuner.tsv: no municipalities");
}

int
kommune_code(const char *s)
{
	int code;

	if (nkommune == 0)
		load_kommuner();
	if (s[0] < '1' || s[0] > '9' || s[1] < '0' || s[1] > '9' ||
	    s[2] < '0' || s[2] > '9' || s[3] != '\0')
		return 0;
	code = (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
	return by_code[code] ? code : 0;
}

const struct kommune *
kommune_get(int code)
{
	if (nkommune == 0)
		load_kommuner();
	if (code < 0 || code > 999 || by_code[code] == 0)
		return NULL;
	return &kommuner[by_code[code] - 1];
}

const struct kommune *
kommune_all(int *n)
{
	if (nkommune == 0)
		load_kommuner();
	*n = nkommune;
	return kommuner;
}
