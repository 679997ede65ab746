/*
 * import: a register extract in its real layout, converted to our schema
 * (SPEC 1.1). The layouts are data: share/noegletal/layouts/REGISTER.tsv
 * (LAYOUT COLUMN FROM RULE NOTE), one row per column written or checked.
 * The first layout whose FROM columns the input has (names compared
 * ignoring case; "ours" exactly) is taken and named on stderr; our own
 * schema passes through unchanged. Several files are one stream.
 */
#define _GNU_SOURCE	/* FNM_CASEFOLD */
#include <errno.h>
#include <fnmatch.h>
#include <iconv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "date.h"
#include "tables.h"
#include "tsv.h"
#include "util.h"

#define SYNOPSIS "import [-aghnu] [-e encoding] [-i csv] [-l layouts] [-m map] " \
	"[-r rejects] [-z level] -R register [file...]"
#define NO_GRAD "ingen-grad"	/* -g: a blank week whose month has no grad_ > 0 */

enum rule { COPY, NEED, DATE, TIME, HOURMIN, KEEP, ACUTE, MAP, LOOKUP, SCALE,
	STRIP, PAD, KOMMUNE, CONST, DMY, MDY, WEEKS, GRAD };
static const char *rule_name[] = { "copy", "need", "date", "time", "hour-minute",
	"keep", "acute", "map", "lookup", "scale", "strip", "pad", "kommune",
	"const", "date-dmy", "date-mdy", "weeks", "grad", NULL };

struct step {
	char *col;		/* our column; "-": a check or selection only */
	char *from;		/* their column(s): alternatives a|b, two parts a+b */
	enum rule rule;
	char *arg;		/* what follows "rule:" */
	char **list;		/* keep: values; map, lookup: key, value pairs */
	int nlist;
	char *reason;		/* the drop reason of a selection: other-COLUMN */
	int in[2];		/* the input columns, once resolved */
};

struct layout {
	char *name;
	struct step *st;
	int n;
};

static struct layout *lay;
static int nlay;
static int acute, grad_rule, name_only;	/* -a, -g, -n */
static const char *encoding;		/* -e */
static int csv_in;			/* -i csv */
static pid_t child;			/* the -e recoder of the current file */

static int *week, nweek;	/* the week columns of the current file */
static int *gradcol;		/* per week: its month's grad_ column, -1 none */
static char *ob;		/* the output line */
static size_t olen, ocap;
static tsv total;		/* the accounting's main input: every file's rows */

static void
usage(void)
{
	puts("usage: " SYNOPSIS "\n"
	    "\n"
	    "Converts a register extract (stdin, or each file in turn, plain or gzip TSV;\n"
	    "CSV with -i csv or a name ending .csv) to our schema. The layout is found\n"
	    "from the columns (names compared ignoring case) in the register's table\n"
	    "share/noegletal/layouts/REGISTER.tsv and named on stderr; an input in our\n"
	    "own schema passes through unchanged. An input that matches no layout is\n"
	    "an error listing what each layout needs and what is missing.\n"
	    "\n"
	    "  -R register handic, dream, lpr, who5, regnskab or befolkning\n"
	    "  -a          LPR: acute contacts only (the rows with rule acute)\n"
	    "  -e encoding the input's text encoding (WINDOWS-1252, UTF-16, ...)\n"
	    "  -g          DREAM: a blank week counts as employment only when grad_ of\n"
	    "              its month is above 0; otherwise it is written " NO_GRAD "\n"
	    "  -i csv      CSV input (comma or semicolon)\n"
	    "  -l layouts  another layout table\n"
	    "  -m map      a layout of your own (same columns), tried first: who5.map\n"
	    "  -n          only name the layout of each input on stdout\n"
	    "  -r rejects  reject mode: bad rows go to rejects with a REASON column\n"
	    "  -u          plain output (default gzip, plain on a terminal)\n"
	    "  -z level    gzip level (default 1)");
}

static inline void
oput(const char *s, size_t n)
{
	if (olen + n + 2 > ocap) {
		ocap = (olen + n + 2) * 2;
		ob = erealloc(ob, ocap);
	}
	memcpy(ob + olen, s, n);
	olen += n;
}

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

/* A two-column table (KEY VALUE, header first) as key, value pairs. */
static char **
load_lookup(const char *path, int *n)
{
	tsv *t = tsv_open(path, 0);
	char **v = NULL;

	if (t->ncol < 2)
		die("%s:1: a lookup table needs two columns (key, value)", path);
	for (*n = 0; tsv_row(t); *n += 2) {
		v = erealloc(v, sizeof *v * (size_t)(*n + 2));
		v[*n] = estrdup(t->f[0]);
		v[*n + 1] = estrdup(t->f[1]);
	}
	tsv_close(t);
	return v;
}

/* One table row as a step of its layout. */
static void
parse_step(struct step *s, tsv *t, int c_col, int c_from, int c_rule)
{
	char *r = estrdup(t->f[c_rule]), *colon = strchr(r, ':'), **kv;
	int i;

	memset(s, 0, sizeof *s);
	s->col = estrdup(t->f[c_col]);
	s->from = estrdup(t->f[c_from]);
	if (colon)
		*colon = '\0';
	s->arg = colon ? colon + 1 : "";
	for (i = 0; rule_name[i] && strcmp(rule_name[i], r) != 0; i++)
		;
	if (rule_name[i] == NULL)
		die("%s:%ld: column 'RULE': unknown rule: \"%s\"", t->name, t->line, r);
	s->rule = (enum rule)i;
	if (s->rule == KEEP || s->rule == ACUTE)
		s->list = split(estrdup(s->arg), ',', &s->nlist);
	if (s->rule == MAP) {
		kv = split(estrdup(s->arg), ',', &s->nlist);
		s->list = emalloc(sizeof *s->list * (size_t)(2 * s->nlist + 1));
		for (i = 0; i < s->nlist; i++) {
			s->list[2 * i] = kv[i];
			if ((colon = strchr(kv[i], '=')) == NULL)
				die("%s:%ld: map: FROM=TO pairs: \"%s\"", t->name, t->line, kv[i]);
			*colon = '\0';
			s->list[2 * i + 1] = colon + 1;
		}
		s->nlist *= 2;
	}
	if (s->rule == LOOKUP)
		s->list = load_lookup(s->arg, &s->nlist);
	if ((s->rule != CONST && s->from[0] == '\0') || s->col[0] == '\0' ||
	    ((s->rule == KEEP || s->rule == ACUTE || s->rule == NEED || s->rule == GRAD) !=
	    (strcmp(s->col, "-") == 0)))
		die("%s:%ld: COLUMN is '-' exactly for need, keep, acute and grad; "
		    "FROM is empty only for const", t->name, t->line);
}

static void
load_layouts(const char *path, const char *name)
{
	tsv *t = table_open(path, name);
	int c_lay = tsv_col(t, "LAYOUT"), c_col = tsv_col(t, "COLUMN");
	int c_from = tsv_col(t, "FROM"), c_rule = tsv_col(t, "RULE");
	struct layout *l;

	while (tsv_row(t)) {
		l = nlay ? &lay[nlay - 1] : NULL;
		if (l == NULL || strcmp(l->name, t->f[c_lay]) != 0) {
			lay = erealloc(lay, sizeof *lay * (size_t)(nlay + 1));
			l = &lay[nlay++];
			l->name = estrdup(t->f[c_lay]);
			l->st = NULL;
			l->n = 0;
		}
		l->st = erealloc(l->st, sizeof *l->st * (size_t)(l->n + 1));
		parse_step(&l->st[l->n++], t, c_col, c_from, c_rule);
	}
	tsv_close(t);
}

/* The input column named by one of the alternatives a|b|c, or -1. */
static int
find_col(const tsv *t, const char *alts, int exact)
{
	char *a = estrdup(alts), *p, *next;
	int i;

	for (p = a; p; p = next) {
		if ((next = strchr(p, '|')) != NULL)
			*next++ = '\0';
		for (i = 0; i < t->ncol; i++)
			if (exact ? strcmp(t->head[i], p) == 0 : strcasecmp(t->head[i], p) == 0) {
				free(a);
				return i;
			}
	}
	free(a);
	return -1;
}

/* Columns matching the shell pattern(s) a|b into list; how many. */
static int
match_cols(const tsv *t, const char *pats, int exact, int *list)
{
	char *a = estrdup(pats), *p, *next;
	int i, n = 0;

	for (i = 0; i < t->ncol; i++)
		for (p = a; p; p = next) {
			if ((next = strchr(p, '|')) != NULL)
				*next = '\0';
			if (fnmatch(p, t->head[i], exact ? 0 : FNM_CASEFOLD) == 0) {
				if (list)
					list[n] = i;
				n++;
				if (next)
					*next = '|';
				break;
			}
			if (next)
				*next++ = '|';
		}
	free(a);
	return n;
}

/* The month's grad_ column of each week (-g): the month of its Thursday. */
static void
find_grads(const tsv *t, const char *pattern)
{
	char name[300];
	int i, y, m, d, yy, ww, lacking = 0;
	size_t pre = strcspn(pattern, "*|");

	gradcol = erealloc(gradcol, sizeof *gradcol * (size_t)(nweek + 1));
	for (i = 0; i < nweek; i++) {
		const char *w = t->head[week[i]];

		gradcol[i] = -1;
		if (sscanf(w + 2, "%2d%2d", &yy, &ww) != 2 || strlen(w) != 6 || ww < 1 ||
		    ww > iso_weeks(2000 + yy))
			continue;	/* no week: join-dream says so */
		civil_from_days(iso_thursday(2000 + yy, ww), &y, &m, &d);
		snprintf(name, sizeof name, "%.*s%04d_%02d", (int)(pre < 200 ? pre : 200),
		    pattern, y, m);
		if ((gradcol[i] = find_col(t, name, 0)) < 0)
			lacking++;
	}
	if (lacking)
		warn("%s: -g: %d week columns have no grad_ column of their month; "
		    "their blank weeks stay blank (employment)", t->name, lacking);
}

/*
 * Whether the input has every column a layout names; the missing ones are
 * added to why. "ours" is matched exactly, every other layout ignoring case.
 */
static int
resolve(struct layout *l, const tsv *t, int exact, char *why, size_t cap)
{
	char *parts, *plus;
	int i, k, ok = 1;
	size_t n = strlen(why);

	for (i = 0; i < l->n; i++) {
		struct step *s = &l->st[i];

		s->in[0] = s->in[1] = -1;
		if (s->rule == CONST || (s->rule == ACUTE && !acute))
			continue;
		if (s->rule == WEEKS || s->rule == GRAD) {
			if (match_cols(t, s->from, exact, NULL) == 0) {
				ok = 0;
				n += (size_t)snprintf(why + n, n < cap ? cap - n : 0, " %s", s->from);
			}
			continue;
		}
		parts = estrdup(s->from);
		plus = strchr(parts, '+');
		if (plus)
			*plus++ = '\0';
		for (k = 0; k < (plus ? 2 : 1); k++)
			if ((s->in[k] = find_col(t, k ? plus : parts, exact)) < 0) {
				ok = 0;
				if (!strstr(why, k ? plus : parts))
					n += (size_t)snprintf(why + n, n < cap ? cap - n : 0, " %s",
					    k ? plus : parts);
			}
		free(parts);
		if (ok && s->in[0] >= 0 && (s->rule == KEEP || s->rule == ACUTE)) {
			s->reason = emalloc(strlen(t->head[s->in[0]]) + 8);
			sprintf(s->reason, "other-%s", t->head[s->in[0]]);
		}
	}
	return ok;
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
		if (l->st[i].rule != CONST && (l->st[i].rule != ACUTE || acute) &&
		    !strstr(s, l->st[i].from))
			n += (size_t)snprintf(s + n, sizeof s - n, " %s", l->st[i].from);
	return s;
}

/*
 * The layout of an input: the first in the table that fits, "ours" with
 * its names exactly (it passes through); after them "ours" in another case
 * (converted). None fitting is an error listing what each one lacks.
 */
static struct layout *
choose(tsv *t, int *passthrough)
{
	char why[8192] = "", one[1024];
	int i, ours = -1;

	*passthrough = 0;
	for (i = 0; i < nlay; i++) {
		one[0] = '\0';
		if (strcmp(lay[i].name, "ours") == 0) {
			ours = i;
			if (resolve(&lay[i], t, 1, one, sizeof one)) {
				*passthrough = 1;
				return &lay[i];
			}
		} else if (resolve(&lay[i], t, 0, one, sizeof one))
			return &lay[i];
		snprintf(why + strlen(why), sizeof why - strlen(why),
		    "\n  %s needs%s; missing%s", lay[i].name, needs(&lay[i]), one);
	}
	if (ours >= 0 && resolve(&lay[ours], t, 0, one, sizeof one))
		return &lay[ours];
	die("%s:1: the columns fit no layout (names compared ignoring case except "
	    "for ours; a|b: either one):%s", t->name, why);
}

/* A number: integers exactly, others the shortest of %.15g-%.17g that reads back. */
static void
put_num(double v)
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
	oput(s, (size_t)n);
}

/* dd-mm-yyyy (dmy) or mm-dd-yyyy, separators - . or /, as YYYY-MM-DD. */
static int
put_dmy(const char *v, int dmy)
{
	int a, b, y, day, n = 0;
	char iso[48];

	if (sscanf(v, "%2d%*1[-./]%2d%*1[-./]%4d%n", &a, &b, &y, &n) != 3 ||
	    v[n] != '\0' || y < 1000)
		return 0;
	snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, dmy ? b : a, dmy ? a : b);
	if (!date_parse(iso, &day))
		return 0;
	oput(iso, 10);
	return 1;
}

/* The time of HH:MM[:SS[.fff]] or of a datetime, without a fraction. */
static int
put_time(const char *v)
{
	const char *sp = strpbrk(v, " T");
	char tm[16];
	size_t n;

	if (sp)
		v = sp + 1;
	n = strcspn(v, ".");
	if (n >= sizeof tm)
		return 0;
	memcpy(tm, v, n);
	tm[n] = '\0';
	if (time_parse(tm) < 0)
		return 0;
	oput(tm, n);
	return 1;
}

/* One output column of a row; the problem, or NULL. */
static const char *
put_value(const struct step *s, char **f)
{
	const char *v = s->in[0] >= 0 ? f[s->in[0]] : "";
	long h, m;
	double x;
	int i, day;
	size_t n;
	char hm[48], d10[11];

	if (*v == '\0' && s->rule != MAP && s->rule != CONST && s->rule != HOURMIN &&
	    s->rule != SCALE)
		return NULL;
	switch (s->rule) {
	case DATE:	/* a date, or the date of a datetime */
		if (strlen(v) < 10 || (v[10] && v[10] != ' ' && v[10] != 'T'))
			return "not a date";
		memcpy(d10, v, 10);
		d10[10] = '\0';
		if (!date_parse(d10, &day))
			return "not a date";
		oput(v, 10);
		return NULL;
	case TIME:
		return put_time(v) ? NULL : "not a time";
	case DMY:
	case MDY:
		return put_dmy(v, s->rule == DMY) ? NULL : "not a date of this layout";
	case HOURMIN:
		if (*v == '\0' && f[s->in[1]][0] == '\0')
			return NULL;
		if (!parse_uint(v, &h) || h > 23 || !parse_uint(f[s->in[1]], &m) || m > 59)
			return "not an hour and a minute";
		snprintf(hm, sizeof hm, "%02ld:%02ld", h, m);
		oput(hm, 5);
		return NULL;
	case MAP:
	case LOOKUP:
		for (i = 0; i < s->nlist; i += 2)
			if (strcmp(s->list[i], v) == 0) {
				oput(s->list[i + 1], strlen(s->list[i + 1]));
				return NULL;
			}
		return "a value the layout does not list";
	case SCALE:
		if (!parse_double(v, &x))
			return "not a number";
		put_num(x * strtod(s->arg, NULL));
		return NULL;
	case STRIP:
		n = strlen(s->arg);
		oput(v + (strncasecmp(v, s->arg, n) == 0 ? n : 0), strlen(v) -
		    (strncasecmp(v, s->arg, n) == 0 ? n : 0));
		return NULL;
	case PAD:
		n = strlen(v);
		for (i = (int)n; i < atoi(s->arg) && strspn(v, "0123456789") == n; i++)
			oput("0", 1);
		oput(v, n);
		return NULL;
	case CONST:
		oput(s->arg, strlen(s->arg));
		return NULL;
	default:	/* copy, kommune */
		oput(v, strlen(v));
		return NULL;
	}
}

/* A value the selection keeps: one of the listed (shell patterns, ignoring case). */
static int
kept(const struct step *s, const char *v)
{
	int i;

	for (i = 0; i < s->nlist; i++)
		if (fnmatch(s->list[i], v, FNM_CASEFOLD) == 0)
			return 1;
	return 0;
}

/*
 * Weeks i0 .. i1 - 1, side by side in the split line, in one copy: the
 * NULs that ended their fields written back as TABs.
 */
static void
put_run(const tsv *t, int i0, int i1)
{
	const char *a = t->f[week[i0]], *b = t->f[week[i1 - 1]];
	size_t n = olen;
	int i;

	oput(a, (size_t)(b - a) + strlen(b));
	for (i = i0 + 1; i < i1; i++)
		ob[n + (size_t)(t->f[week[i]] - a) - 1] = '\t';
}

/*
 * -g: whether grad_ column c of this row is above 0, read once per row
 * (seen: the row it was read for); -1 when it is not a number.
 */
static int
grad_above_0(const tsv *t, int c, long row)
{
	static long *seen;
	static signed char *pos;
	static int cap;
	const char *g = t->f[c];
	double x;

	size_t n;

	if (cap < t->ncol) {
		seen = erealloc(seen, sizeof *seen * (size_t)t->ncol);
		pos = erealloc(pos, (size_t)t->ncol);
		for (; cap < t->ncol; cap++)
			seen[cap] = -1;
	}
	if (seen[c] != row) {
		n = strspn(g, "0123456789");
		if (n > 0 && g[n] == '\0')	/* digits only: above 0 unless all 0 */
			pos[c] = g[strspn(g, "0")] != '\0';
		else if (*g != '\0' && !parse_double(g, &x))
			return -1;
		else
			pos[c] = *g != '\0' && x > 0;
		seen[c] = row;
	}
	return pos[c];
}

/*
 * The weeks of a row; with -g a blank week (empty or spaces) whose month's
 * grad_ is not above 0 is NO_GRAD. Weeks side by side in the input (as
 * delivered) are copied in pieces between such weeks.
 */
static const char *
put_weeks(tsv *t, int *bad)
{
	static long row;
	const char *v, *e, *p;
	int i, g, from = 0, side = week[nweek - 1] - week[0] == nweek - 1;

	row++;
	for (i = 0; i < nweek; i++) {
		v = t->f[week[i]];
		e = side && i + 1 < nweek ? t->f[week[i + 1]] - 1 : v + strlen(v);
		if (!side && i > 0)
			oput("\t", 1);
		for (p = v; grad_rule && p < e && *p == ' '; p++)
			;
		if (grad_rule && gradcol[i] >= 0 && p == e) {
			if ((g = grad_above_0(t, gradcol[i], row)) < 0) {
				*bad = gradcol[i];
				return "not a number";
			}
			if (!g) {
				if (side && from < i) {
					put_run(t, from, i);
					oput("\t", 1);
				}
				oput(NO_GRAD, sizeof NO_GRAD - 1);
				if (side && i + 1 < nweek)
					oput("\t", 1);
				from = i + 1;
				continue;
			}
		}
		if (!side)
			oput(v, (size_t)(e - v));
	}
	if (side && from < nweek)
		put_run(t, from, nweek);
	return NULL;
}

/* One row: its selections, then its columns; written, dropped or rejected. */
static void
convert(tsv *t, tsv *main_in, const struct layout *l, gzw *out)
{
	const struct step *s;
	const char *why;
	int i, any = 0, bad;

	for (i = 0; i < l->n; i++) {
		s = &l->st[i];
		if (s->rule == KEEP || (s->rule == ACUTE && acute)) {
			if (!kept(s, t->f[s->in[0]])) {
				acct_drop(s->reason);
				return;
			}
		} else if (s->rule == KOMMUNE && !kommune_code(t->f[s->in[0]])) {
			acct_drop("not-a-municipality");
			return;
		}
	}
	olen = 0;
	for (i = 0; i < l->n; i++) {
		s = &l->st[i];
		if (strcmp(s->col, "-") == 0)
			continue;
		if (any++)
			oput("\t", 1);
		bad = s->in[0];
		why = s->rule == WEEKS ? put_weeks(t, &bad) : put_value(s, t->f);
		if (why) {	/* with several inputs, total holds the row */
			main_in->line = t->line;
			main_in->lp = t->lp, main_in->ll = t->ll;
			main_in->f = t->f, main_in->nf = t->nf;
			reject(main_in, bad, why);
			return;
		}
	}
	oput("\n", 1);
	gzw_write(out, ob, olen);
	acct_wrote(1);
}

/* The header a layout writes for an input (the week names as they are). */
static char *
out_head(const tsv *t, const struct layout *l)
{
	int i, k;

	olen = 0;
	for (i = 0; i < l->n; i++) {
		const struct step *s = &l->st[i];

		if (strcmp(s->col, "-") == 0)
			continue;
		if (olen)
			oput("\t", 1);
		if (s->rule != WEEKS)
			oput(s->col, strlen(s->col));
		for (k = 0; s->rule == WEEKS && k < nweek; k++) {
			if (k)
				oput("\t", 1);
			oput(t->head[week[k]], strlen(t->head[week[k]]));
		}
	}
	oput("\n", 1);
	ob[olen] = '\0';
	return estrdup(ob);
}

/* -e: a child decodes the input into UTF-8 through a pipe on stdin. */
static void
recode(const char *path, int fd)
{
	gzr *r = gzr_open(path);
	iconv_t cd = iconv_open("UTF-8", encoding);
	char in[65536], outb[4 * 65536], *ip, *op;
	size_t n, have = 0, left, room;
	long long at = 0;

	if (cd == (iconv_t)-1)
		die("-e: unknown encoding '%s'", encoding);
	while ((n = gzr_read(r, in + have, sizeof in - have)) > 0 || have) {
		ip = in, left = have + n, op = outb, room = sizeof outb;
		if (iconv(cd, &ip, &left, &op, &room) == (size_t)-1 &&
		    (errno != EINVAL || n == 0))
			die("%s: byte %lld: not valid %s", gzr_name(r), at + (ip - in), encoding);
		at += ip - in;
		memmove(in, ip, left);
		have = left;
		if (write(fd, outb, (size_t)(op - outb)) != op - outb)
			_exit(1);	/* the reader stopped: it says why */
	}
	gzr_close(r);
}

static tsv *
open_input(const char *path, int flags)
{
	int fd[2];
	tsv *t;

	if (encoding == NULL)
		return tsv_open(path, flags);
	fflush(NULL);
	if (pipe(fd) != 0 || (child = fork()) < 0)
		die("cannot start the -e decoder");
	if (child == 0) {
		close(fd[0]);
		recode(path, fd[1]);
		_exit(0);
	}
	close(fd[1]);
	if (dup2(fd[0], 0) < 0)
		die("cannot read the -e decoder");
	close(fd[0]);
	t = tsv_open(NULL, flags);
	if (path)
		t->name = path;
	return t;
}

static void
close_input(tsv *t)
{
	int st;

	tsv_close(t);
	if (child > 0 && (waitpid(child, &st, 0) < 0 || !WIFEXITED(st) ||
	    WEXITSTATUS(st) != 0))
		exit(1);	/* the decoder has said what was wrong */
	child = 0;
}

/* Whether t's input columns are those of the first input (-r with several). */
static int
same_head(const tsv *t)
{
	int i;

	if (t->ncol != total.ncol)
		return 0;
	for (i = 0; i < t->ncol; i++)
		if (strcmp(t->head[i], total.head[i]) != 0)
			return 0;
	return 1;
}

/* The output header: the input's as it is (pass), or the layout's columns. */
static char *
head_of(const tsv *t, const struct layout *l, int pass)
{
	int i;

	if (!pass)
		return out_head(t, l);
	olen = 0;
	for (i = 0; i < t->ncol; i++) {
		oput(t->head[i], strlen(t->head[i]));
		oput(i + 1 < t->ncol ? "\t" : "\n", 1);
	}
	ob[olen] = '\0';
	return estrdup(ob);
}

/*
 * One input: its layout, then its rows. The first input's header is the
 * stream's; a later input must give the same columns. One input in our
 * schema passes through as it is; with several, each is converted. With
 * several inputs the accounting counts them all through total.
 */
static void
read_input(const char *path, int several, gzw **out, char **head)
{
	int flags = csv_in || (path && strlen(path) > 4 &&
	    strcasecmp(path + strlen(path) - 4, ".csv") == 0) ? TSV_CSV : 0;
	tsv *t = open_input(path, flags | TSV_AHEAD);
	int pass, i;
	struct layout *l = choose(t, &pass);
	char *h;

	for (i = 0, nweek = 0; i < l->n; i++)
		if (l->st[i].rule == WEEKS) {
			week = erealloc(week, sizeof *week * (size_t)(t->ncol + 1));
			nweek = match_cols(t, l->st[i].from, 0, week);
		}
	for (i = 0; i < l->n && grad_rule; i++)
		if (l->st[i].rule == GRAD)
			find_grads(t, l->st[i].from);
	if (name_only) {
		printf("%s\n", l->name);
		close_input(t);
		return;
	}
	pass = pass && !several;
	fprintf(stderr, "%s: %s: layout %s%s\n", argv0, t->name, l->name,
	    pass ? " (our schema: passed through)" : "");
	h = head_of(t, l, pass);
	if (*head == NULL) {
		if (several) {
			total.ncol = t->ncol;
			total.head = emalloc(sizeof *total.head * (size_t)t->ncol);
			for (i = 0; i < t->ncol; i++)
				total.head[i] = estrdup(t->head[i]);
		}
		acct_begin(several ? &total : t);
		*out = gzw_stdout();
		gzw_puts(*out, h);
		*head = h;
	} else if (strcmp(h, *head) != 0)
		die("%s: its columns after conversion differ from the first input's", t->name);
	else if (opt.rejects && !same_head(t))
		die("%s: -r with several inputs needs the same input columns in each", t->name);
	total.name = t->name;
	if (pass) {
		while (tsv_line(t)) {
			gzw_write(*out, t->lp, t->ll);
			gzw_putc(*out, '\n');
		}
		acct_wrote(t->rows);
	} else
		while (tsv_row(t))
			convert(t, several ? &total : t, l, *out);
	total.rows += t->rows;
	close_input(t);
}

int
main(int argc, char **argv)
{
	const char *table = NULL, *map = NULL, *reg = NULL;
	static const char *regs[] = { "handic", "dream", "lpr", "who5", "regnskab",
	    "befolkning", NULL };
	char name[64], *head = NULL;
	gzw *out = NULL;
	int c, i;

	prog_init(argc, argv);
	while ((c = getopt(argc, argv, "R:ae:ghi:l:m:nr:uz:")) != -1) {
		if (common_opt(c, optarg))
			continue;
		switch (c) {
		case 'R': reg = optarg; break;
		case 'a': acute = 1; break;
		case 'e': encoding = optarg; break;
		case 'g': grad_rule = 1; break;
		case 'h': usage(); return 0;
		case 'i':
			if (strcmp(optarg, "csv") != 0)
				usage_die(SYNOPSIS);
			csv_in = 1;
			break;
		case 'l': table = optarg; break;
		case 'm': map = optarg; break;
		case 'n': name_only = 1; break;
		default: usage_die(SYNOPSIS);
		}
	}
	for (i = 0; reg && regs[i] && strcmp(regs[i], reg) != 0; i++)
		;
	if (reg == NULL || regs[i] == NULL)
		usage_die(SYNOPSIS);
	if (map)
		load_layouts(map, NULL);
	snprintf(name, sizeof name, "layouts/%s.tsv", reg);
	load_layouts(table, name);
	if (optind == argc)
		read_input(NULL, 0, &out, &head);
	for (i = optind; i < argc; i++)
		read_input(argv[i], argc - optind > 1, &out, &head);
	if (name_only)
		return fflush(stdout) == 0 ? 0 : 1;
	gzw_close(out);
	acct_end(-1);
	return 0;
}
