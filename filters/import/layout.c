/*
 * import's layouts: the tables (LAYOUT COLUMN FROM RULE NOTE, one row per
 * column written or checked) read into steps, and the layout of an input
 * found from its columns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract.h"
#include "import.h"
#include "tables.h"
#include "util.h"

static const char *rule_name[] = { "copy", "need", "date", "time", "hour-minute",
	"keep", "acute", "map", "lookup", "scale", "strip", "pad", "kommune",
	"const", "date-dmy", "date-mdy", "date-ymd", "weeks", "grad", NULL };

static struct layout *lay;
static int nlay;

/* Splits s at sep into a NULL-ended list (s is changed). */
static char **
split(char *s, char sep, int *n)
{
	char **v = NULL, *p;

	for (*n = 0;; s = p + 1) {
		v = erealloc(v, sizeof *v * (size_t)(*n + 2));
		v[(*n)++] = s;
		if ((p = strchr(s, sep)) == NULL)
			break;
		*p = '\0';
	}
	v[*n] = NULL;
	return v;
}

/*
 * A key given twice in a map or lookup table (its n key, value pairs in
 * list) is an error: which value was meant? The first was taken, silently
 * (map:6=5,6=4 read 6 as 5).
 */
static void
twice(char **list, int n, const char *key, const char *file, long line)
{
	char shown[64];
	int i;

	for (i = 0; i < n; i += 2)
		if (strcmp(list[i], key) == 0)
			die("%s:%ld: the key %s given twice: which value is meant?", file, line,
			    show_value(key, shown, sizeof shown));
}

/* A two-column table (KEY VALUE, header first) as key, value pairs. */
static char **
load_lookup(const char *path, int *n)
{
	tsv *t = tsv_open(path, 0);
	char **v = NULL;

	if (t->ncol < 2)
		die("%s:1: a lookup table needs two columns (key, value)", path);
	for (*n = 0; tsv_row(t); *n += 2) {
		twice(v, *n, t->f[0], path, t->line);
		v = erealloc(v, sizeof *v * (size_t)(*n + 2));
		v[*n] = estrdup(t->f[0]);
		v[*n + 1] = estrdup(t->f[1]);
	}
	tsv_close(t);
	return v;
}

/* map:FROM=TO,...: the pairs as a key, value list. */
static void
parse_map(struct step *s, const tsv *t)
{
	char **kv = split(estrdup(s->arg), ',', &s->nlist), *eq;
	int i;

	s->list = emalloc(sizeof *s->list * (size_t)(2 * s->nlist + 1));
	for (i = 0; i < s->nlist; i++) {
		s->list[2 * i] = kv[i];
		if ((eq = strchr(kv[i], '=')) == NULL)
			die("%s:%ld: map: FROM=TO pairs: \"%s\"", t->name, t->line, kv[i]);
		*eq = '\0';
		twice(s->list, 2 * i, kv[i], t->name, t->line);
		s->list[2 * i + 1] = eq + 1;
	}
	s->nlist *= 2;
}

/* One table row as a step of its layout. */
static void
parse_step(struct step *s, tsv *t, int c_col, int c_from, int c_rule)
{
	char *r = estrdup(t->f[c_rule]), *colon = strchr(r, ':');
	int i;

	memset(s, 0, sizeof *s);
	s->col = estrdup(t->f[c_col]);
	s->from = estrdup(t->f[c_from]);
	if (colon)
		*colon = '\0';
	s->arg = colon ? colon + 1 : "";
	if (strcmp(r, "select") == 0) {	/* select:KEPT/ALONE: a keep, and the alone */
		char *slash = strchr(s->arg, '/');

		if (slash == NULL || slash[1] == '\0')
			die("%s:%ld: select: the values kept, '/', and those of another kind "
			    "a file may hold alone (select:LPR3/LPR2)", t->name, t->line);
		*slash = '\0';
		s->alone = split(estrdup(slash + 1), ',', &s->nalone);
		for (i = 0; i < s->nalone; i++)
			fold_letters(s->alone[i]);
	}
	for (i = 0; rule_name[i] && strcmp(rule_name[i], strcmp(r, "select") ? r : "keep"); i++)
		;
	if (rule_name[i] == NULL)
		die("%s:%ld: column 'RULE': unknown rule: \"%s\"", t->name, t->line, r);
	s->rule = (enum rule)i;
	if (s->rule == KEEP || s->rule == ACUTE) {
		s->list = split(estrdup(s->arg), ',', &s->nlist);
		for (i = 0; i < s->nlist; i++)
			fold_letters(s->list[i]);
	}
	if (s->rule == MAP)
		parse_map(s, t);
	if (s->rule == LOOKUP)
		s->list = load_lookup(s->arg, &s->nlist);
	if (s->rule == SCALE) {	/* a power of ten: the amount stays exact */
		size_t zeros = strspn(s->arg + 1, "0");

		if (s->arg[0] != '1' || s->arg[1 + zeros] != '\0' || zeros > 12)
			die("%s:%ld: scale: a power of ten, 1 to 1000000000000: \"%s\"",
			    t->name, t->line, s->arg);
		s->shift = (int)zeros;
	}
	if ((s->rule != CONST && s->from[0] == '\0') || s->col[0] == '\0' ||
	    ((s->rule == KEEP || s->rule == ACUTE || s->rule == NEED || s->rule == GRAD) !=
	    (strcmp(s->col, "-") == 0)))
		die("%s:%ld: COLUMN is '-' exactly for need, keep, select, acute and grad; "
		    "FROM is empty only for const", t->name, t->line);
}

void
load_layouts(const char *path, const char *name, int acute)
{
	tsv *t = table_open(path, name);
	int c_lay = tsv_col(t, "LAYOUT"), c_col = tsv_col(t, "COLUMN");
	int c_from = tsv_col(t, "FROM"), c_rule = tsv_col(t, "RULE"), i;
	struct layout *l;
	char shown[64];

	while (tsv_row(t)) {
		l = nlay ? &lay[nlay - 1] : NULL;
		if (l == NULL || strcmp(l->name, t->f[c_lay]) != 0) {
			lay = erealloc(lay, sizeof *lay * (size_t)(nlay + 1));
			l = &lay[nlay++];
			l->name = estrdup(t->f[c_lay]);
			l->st = NULL;
			l->n = 0;
			l->mine = name == NULL;	/* -m: no shipped table behind it */
		}
		l->st = erealloc(l->st, sizeof *l->st * (size_t)(l->n + 1));
		parse_step(&l->st[l->n], t, c_col, c_from, c_rule);
		/* a column written twice: two columns of one name (who5-bands
		 * then refused the output), and which was meant? */
		for (i = 0; i < l->n; i++)
			if (strcmp(l->st[i].col, "-") != 0 &&
			    strcmp(l->st[i].col, l->st[l->n].col) == 0)
				die("%s:%ld: layout %s: the column %s written twice: which is meant?",
				    t->name, t->line, l->name, show_value(l->st[i].col, shown, sizeof shown));
		if (l->st[l->n].rule != ACUTE || acute)
			l->n++;
	}
	tsv_close(t);
}

void
forget_layouts(void)
{
	nlay = 0;	/* (their memory kept: a few tables at most) */
}

/* The column of alts (a|b|c), or -1; *twice another that is one of them too, or -1. */
static int
find_cols(const tsv *t, const char *alts, int exact, int *twice)
{
	char *a = estrdup(alts), *p, *next;
	int i, found = -1;

	*twice = -1;
	for (p = a; p; p = next) {
		if ((next = strchr(p, '|')) != NULL)
			*next++ = '\0';
		for (i = 0; i < t->ncol; i++)
			if (exact ? strcmp(t->head[i], p) == 0 : strcasecmp(t->head[i], p) == 0) {
				if (found >= 0)
					*twice = i;
				else
					found = i;
			}
	}
	free(a);
	return found;
}

/* PNR beside CPR: which holds the key? */
static void __attribute__((noreturn))
twice_die(const tsv *t, int a, int b, const char *alts)
{
	die("%s:1: columns '%s' and '%s' are both %s: keep one", t->name, t->head[a],
	    t->head[b], alts);
}

int
find_col(const tsv *t, const char *alts, int exact)
{
	int twice, c = find_cols(t, alts, exact, &twice);

	if (twice >= 0)
		twice_die(t, c, twice, alts);
	return c;
}

int
match_cols(const tsv *t, const char *pats, int exact, int *list)
{
	int i, n = 0;

	for (i = 0; i < t->ncol; i++)
		if (pattern_any(pats, t->head[i], !exact)) {
			if (list)
				list[n] = i;
			n++;
		}
	return n;
}

/* Adds " name" to the message why (cap bytes, n used); the new length. */
static size_t
lacks(char *why, size_t n, size_t cap, const char *name)
{
	return n + (size_t)snprintf(why + n, n < cap ? cap - n : 0, " %s", name);
}

/*
 * Whether the input has every column a layout names; the missing ones are
 * added to why. "ours" is matched exactly, every other layout ignoring case.
 * Two columns of one a|b are an error only in a layout that fits: our
 * schema with an extra KOMMUNE beside HANDLEKOMMUNE was refused for a
 * layout that lacked two columns more (review Y, Y4).
 */
static int
resolve(struct layout *l, const tsv *t, int exact, char *why, size_t cap)
{
	char *parts, *plus;
	const char *alts = NULL;
	int i, k, ok = 1, twice, one = -1, two = -1;
	size_t n = strlen(why);

	for (i = 0; i < l->n; i++) {
		struct step *s = &l->st[i];

		s->in[0] = s->in[1] = -1;
		if (s->rule == CONST)
			continue;
		if (s->rule == WEEKS || s->rule == GRAD) {
			if (match_cols(t, s->from, exact, NULL) == 0) {
				ok = 0;
				n = lacks(why, n, cap, s->from);
			}
			continue;
		}
		parts = estrdup(s->from);
		plus = strchr(parts, '+');
		if (plus)
			*plus++ = '\0';
		for (k = 0; k < (plus ? 2 : 1); k++) {
			if ((s->in[k] = find_cols(t, k ? plus : parts, exact, &twice)) < 0) {
				ok = 0;
				if (!strstr(why, k ? plus : parts))
					n = lacks(why, n, cap, k ? plus : parts);
			}
			if (twice >= 0 && two < 0)
				one = s->in[k], two = twice, alts = s->from;
		}
		free(parts);
		if (ok && s->in[0] >= 0 && (s->rule == KEEP || s->rule == ACUTE)) {
			s->reason = emalloc(strlen(t->head[s->in[0]]) + 8);
			sprintf(s->reason, "other-%s", t->head[s->in[0]]);
		}
	}
	if (ok && two >= 0)
		twice_die(t, one, two, alts);
	return ok;
}

/* Whether layout l reads the column named name (ignoring case). */
static int
reads(const struct layout *l, const char *name)
{
	int i;

	for (i = 0; i < l->n; i++)
		if (pattern_any(l->st[i].from, name, 1))
			return 1;
	return 0;
}

/* The columns a layout needs, for a message. */
static const char *
needs(const struct layout *l)
{
	static char s[1024];
	size_t n = 0;
	int i;

	s[0] = '\0';
	for (i = 0; i < l->n && n < sizeof s; i++)
		if (l->st[i].rule != CONST && !strstr(s, l->st[i].from))
			n = lacks(s, n, sizeof s, l->st[i].from);
	return s;
}

/*
 * A column our schema fits only by mistake: one another layout selects rows
 * by (keep, kommune) and ours does not read, as an LPR_F extract's
 * KONTAKTTYPE when it lacks another of LPR_F's columns (one of its a|b
 * that ours reads is no mistake). Dies naming it.
 */
static void
not_ours(const tsv *t, const struct layout *ours)
{
	char one[1024];
	int i, j, c, twice;

	for (i = 0; i < nlay; i++)
		for (j = 0; &lay[i] != ours && j < lay[i].n; j++) {
			const struct step *s = &lay[i].st[j];

			if ((s->rule != KEEP && s->rule != KOMMUNE) ||
			    (c = find_cols(t, s->from, 0, &twice)) < 0 || reads(ours, t->head[c]) ||
			    (twice >= 0 && reads(ours, t->head[twice])))
				continue;
			one[0] = '\0';
			resolve(&lay[i], t, 0, one, sizeof one);
			die("%s:1: the columns fit our schema but for column '%s', which "
			    "layout %s selects rows by: an extract in that layout lacks%s "
			    "(names compared ignoring case; a|b: either one)",
			    t->name, t->head[c], lay[i].name, one);
		}
}

/* Is name (8 characters) the start of a longer column name of some layout, ignoring case? */
static int
cut_to_8(const char *name)
{
	const char *p, *e;
	int i, j;

	for (i = 0; i < nlay; i++)
		for (j = 0; j < lay[i].n; j++)
			for (p = lay[i].st[j].from; p && *p; p = *e ? e + 1 : e) {
				e = p + strcspn(p, "|+");
				if (e - p > 8 && strncasecmp(p, name, 8) == 0)
					return 1;
			}
	return 0;
}

/*
 * Why a header may fit none (review r2, 2026-12-06): it is not UTF-8 (a
 * StatBank CSV), one column holding semicolons or commas (a CSV read as
 * TSV; csv.c names a TSV read as CSV), or names cut to 8 characters (a
 * SAS transport file of version 5: DATO_STA for DATO_START).
 */
static const char *
header_hint(const tsv *t)
{
	static char buf[200];
	int i;

	for (i = 0; i < t->ncol; i++)
		if (!utf8_ok((const unsigned char *)t->head[i], strlen(t->head[i])))
			return "\n  the header is not UTF-8: name the file's encoding with -e "
			    "(LATIN1, WINDOWS-1252)";
	if (t->ncol == 1 && strpbrk(t->head[0], ";,") != NULL && !t->csv)
		return "\n  the header is one column holding semicolons or commas: a CSV? "
		    "name it .csv (or import -i csv)";
	for (i = 0; i < t->ncol; i++)
		if (strlen(t->head[i]) == 8 && cut_to_8(t->head[i])) {
			snprintf(buf, sizeof buf, "\n  column '%s' looks cut to 8 characters, as "
			    "a SAS transport file of version 5 cuts names: write the extract as "
			    "version 8 (or sas7bdat)", t->head[i]);
			return buf;
		}
	return "";
}

/*
 * The layout of an input: the first in the table that fits, "ours" with
 * its names exactly (it passes through); after them "ours" in another case
 * (converted). None fitting is an error listing what each one lacks (and
 * the hint, NULL: none), and so is ours with a column another layout
 * selects rows by.
 */
struct layout *
choose(tsv *t, int *passthrough, const char *hint)
{
	char why[8192] = "", one[1024];
	int i, ours = -1;

	*passthrough = 0;
	for (i = 0; i < nlay; i++) {
		one[0] = '\0';
		if (strcmp(lay[i].name, "ours") == 0) {
			ours = i;
			if (resolve(&lay[i], t, 1, one, sizeof one)) {
				not_ours(t, &lay[i]);
				*passthrough = 1;
				return &lay[i];
			}
		} else if (resolve(&lay[i], t, 0, one, sizeof one))
			return &lay[i];
		snprintf(why + strlen(why), sizeof why - strlen(why),
		    "\n  %s needs%s; missing%s", lay[i].name, needs(&lay[i]), one);
	}
	if (ours >= 0 && resolve(&lay[ours], t, 0, one, sizeof one)) {
		not_ours(t, &lay[ours]);
		return &lay[ours];
	}
	die("%s:1: the columns fit no layout (names compared ignoring case except "
	    "for ours; a|b: either one):%s%s%s", t->name, why, hint ? hint : "",
	    header_hint(t));
}
