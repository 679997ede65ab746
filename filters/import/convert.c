/*
 * import's rows: each converted by the steps of its layout (selections
 * first, then one output column per step), and the output header.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* FNM_CASEFOLD */
#endif
#include <ctype.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "extract.h"
#include "import.h"
#include "tables.h"
#include "util.h"

static int *week, nweek;	/* the week columns of the current input */
static int *gradcol;		/* per week: its month's grad_ column; -1 none, or no -g */
static struct text line;	/* the output line */

static void
oput(const char *s, size_t n)
{
	text_put(&line, s, n);
}

/* The month's grad_ column of each week (-g): the month of its Thursday. */
static void
find_grads(const tsv *t, const char *pattern)
{
	char name[300];
	int i, y, m, d, yy, ww, lacking = 0;
	size_t pre = strcspn(pattern, "*|");

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

void
weeks_find(const tsv *t, const struct layout *l, int grad_rule)
{
	int i;

	for (i = 0, nweek = 0; i < l->n; i++)
		if (l->st[i].rule == WEEKS) {
			week = erealloc(week, sizeof *week * (size_t)(t->ncol + 1));
			nweek = match_cols(t, l->st[i].from, 0, week);
		}
	gradcol = erealloc(gradcol, sizeof *gradcol * (size_t)(nweek + 1));
	for (i = 0; i < nweek; i++)
		gradcol[i] = -1;
	for (i = 0; i < l->n && grad_rule; i++)
		if (l->st[i].rule == GRAD)
			find_grads(t, l->st[i].from);
}

void
read_columns(const tsv *t, const struct layout *l)
{
	int i;

	for (i = 0; i < l->n; i++) {
		if (l->st[i].in[0] >= 0)
			tsv_use(t, l->st[i].in[0]);
		if (l->st[i].in[1] >= 0)
			tsv_use(t, l->st[i].in[1]);
	}
	for (i = 0; i < nweek; i++) {
		tsv_use(t, week[i]);
		if (gradcol[i] >= 0)
			tsv_use(t, gradcol[i]);
	}
}

/*
 * HH:MM[:SS[.fff]] into tm without its fraction (digits only); its
 * length, or 0 when v is not a time.
 */
static size_t
time_of(const char *v, char tm[16])
{
	size_t n = strcspn(v, ".");

	if (n >= 16 || (v[n] == '.' && (v[n + 1] == '\0' ||
	    v[n + 1 + strspn(v + n + 1, "0123456789")] != '\0')))
		return 0;
	memcpy(tm, v, n);
	tm[n] = '\0';
	return time_parse(tm) < 0 ? 0 : n;
}

/* Whether v begins with a real date, YYYY-MM-DD (10 bytes). */
static int
date_at(const char *v)
{
	char d10[11];
	int day;

	if (strnlen(v, 10) < 10)
		return 0;
	memcpy(d10, v, 10);
	d10[10] = '\0';
	return date_parse(d10, &day);
}

/*
 * SAS's DATE9. (05JAN2020, as PROC EXPORT writes a date) as YYYY-MM-DD in
 * iso; returns its length (9), 0 when v does not begin with one.
 */
static int
date9(const char *v, char iso[48])
{
	static const char mon[] = "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC";
	char m[4];
	int d, y, i, day;

	if (strnlen(v, 9) < 9 || !isdigit((unsigned char)v[0]) || !isdigit((unsigned char)v[1]))
		return 0;
	for (i = 0; i < 3; i++)
		m[i] = (char)toupper((unsigned char)v[2 + i]);
	m[3] = '\0';
	for (i = 0; i < 12 && strncmp(mon + 3 * i, m, 3) != 0; i++)
		;
	for (y = 0, d = 5; d < 9 && isdigit((unsigned char)v[d]); d++)
		y = 10 * y + v[d] - '0';
	if (i == 12 || d < 9)
		return 0;
	d = (v[0] - '0') * 10 + v[1] - '0';
	snprintf(iso, 48, "%04d-%02d-%02d", y, i + 1, d);
	return date_parse(iso, &day) ? 9 : 0;
}

/*
 * A date, or the date of a datetime (its time checked too): YYYY-MM-DD,
 * or SAS's DATE9. and DATETIME. (05JAN2020, 05JAN2020:10:10:10).
 */
static int
put_date(const char *v)
{
	char tm[16], iso[48];

	if (date9(v, iso)) {
		if (v[9] && (v[9] != ':' || time_of(v + 10, tm) == 0))
			return 0;
		oput(iso, 10);
		return 1;
	}
	if (!date_at(v) || (v[10] && ((v[10] != ' ' && v[10] != 'T') ||
	    time_of(v + 11, tm) == 0)))
		return 0;
	oput(v, 10);
	return 1;
}

/*
 * dd-mm-yyyy (DMY) or mm-dd-yyyy (MDY), separators - . or /, or yyyymmdd
 * (YMD: SAS's YYMMDDN8., a DST extract's dates as numbers), as YYYY-MM-DD.
 */
static int
put_dmy(const char *v, enum rule rule)
{
	int a, b, y, day, n = 0;
	char iso[48];

	if (rule == YMD ? strlen(v) != 8 || strspn(v, "0123456789") != 8 ||
	    sscanf(v, "%4d%2d%2d", &y, &a, &b) != 3 :
	    sscanf(v, "%2d%*1[-./]%2d%*1[-./]%4d%n", &a, &b, &y, &n) != 3 || v[n] != '\0' ||
	    y < 1000)
		return 0;
	snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, rule == DMY ? b : a, rule == DMY ? a : b);
	if (!date_parse(iso, &day))
		return 0;
	oput(iso, 10);
	return 1;
}

/*
 * Why v is not a date, with what it may be (review Y, Y5): yyyymmdd, for
 * the rule date-ymd, or a SAS day number whose column had no date format.
 */
static const char *
date_why(const char *v)
{
	size_t n = strlen(v), d = strspn(v, "0123456789");

	if (n == 8 && d == 8)
		return "not a date: yyyymmdd? A layout of your own (-l) reads it by the rule "
		    "date-ymd";
	if (n >= 1 && n <= 5 && d + (*v == '-') == n)
		return "not a date: a SAS day number (days from 1960-01-01) whose column has no "
		    "date format? Give it one (FORMAT x DATE9.)";
	return "not a date";
}

/*
 * The time of HH:MM[:SS[.fff]] or of a datetime (SAS's DATETIME. too),
 * without a fraction. SAS's TIMEw. writes an hour below 10 as one digit,
 * after a blank (" 9:05:00", exported "9:05:00"): read as 09:05:00.
 */
static int
put_time(const char *v)
{
	const char *sp;
	char tm[16], iso[48], two[16];
	size_t n;

	v += v[0] == ' ' && v[1] >= '0' && v[1] <= '9' && v[2] == ':';
	if (v[0] >= '0' && v[0] <= '9' && v[1] == ':' && strlen(v) < sizeof two - 1) {
		two[0] = '0';
		strcpy(two + 1, v);
		v = two;
	}
	sp = strpbrk(v, " T");
	if (date9(v, iso) && v[9] == ':')	/* SAS's DATETIME. */
		v += 10;
	else if (sp) {	/* a datetime: its date checked too */
		if (sp - v != 10 || !date_at(v))
			return 0;
		v = sp + 1;
	}
	if ((n = time_of(v, tm)) == 0)
		return 0;
	oput(tm, n);
	return 1;
}

/* Hour and minute in two columns as HH:MM; both empty is empty. */
static int
put_hourmin(const char *hour, const char *minute)
{
	long h, m;
	char hm[48];

	if (*hour == '\0' && *minute == '\0')
		return 1;
	if (!parse_uint(hour, &h) || h > 23 || !parse_uint(minute, &m) || m > 59)
		return 0;
	snprintf(hm, sizeof hm, "%02ld:%02ld", h, m);
	oput(hm, 5);
	return 1;
}

/*
 * scale: an amount in the style of its file (a ';' CSV: '.' groups
 * thousands, ',' marks the decimals; a ',' CSV the other way round; TSV:
 * '.' or ',' marks the decimals, no groups), times the layout's power of
 * ten, exactly, written as a decimal ("140.790" in a ';' CSV at 1000 is
 * 140790000).
 */
static const char *
put_scaled(const char *v, int shift, int style)
{
	long long micro;

	if (!parse_amount(v, style, shift, &micro))
		return parse_amount(v, style, 0, &micro) ? "amount too large" :
		    style == AMOUNT_DK ? "not an amount (';' CSV: 1.234.567,5)" :
		    style == AMOUNT_EN ? "not an amount (',' CSV: 1,234,567.5)" :
		    "not an amount";
	text_micro(&line, micro);
	return NULL;
}

/* One output column of a row (style: the file's AMOUNT_ style); the problem, or NULL. */
static const char *
put_value(const struct step *s, char **f, int style)
{
	const char *v = s->in[0] >= 0 ? f[s->in[0]] : "";
	int i;
	size_t n;

	if (*v == '\0' && s->rule != MAP && s->rule != CONST && s->rule != HOURMIN &&
	    s->rule != SCALE)
		return NULL;
	switch (s->rule) {
	case DATE:
		if (sas_epoch_day(v))
			return SAS_EPOCH_DAY;
		return put_date(v) ? NULL : date_why(v);
	case TIME:
		return put_time(v) ? NULL : "not a time";
	case DMY:
	case MDY:
	case YMD:
		return put_dmy(v, s->rule) ? NULL : "not a date of this layout";
	case HOURMIN:
		return put_hourmin(v, f[s->in[1]]) ? NULL : "not an hour and a minute";
	case MAP:
	case LOOKUP:
		for (i = 0; i < s->nlist; i += 2)
			if (strcmp(s->list[i], v) == 0) {
				oput(s->list[i + 1], strlen(s->list[i + 1]));
				return NULL;
			}
		return "a value the layout does not list";
	case SCALE:
		return put_scaled(v, s->shift, style);
	case STRIP:
		n = strncasecmp(v, s->arg, strlen(s->arg)) == 0 ? strlen(s->arg) : 0;
		oput(v + n, strlen(v) - n);
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

void
fold_letters(char *s)
{
	for (; (s = strchr(s, '\xC3')) != NULL; s++)
		if ((unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9E &&
		    (unsigned char)s[1] != 0x97)	/* not the sign x */
			s[1] = (char)(s[1] + 0x20);
}

/*
 * Whether v is one of a selection's values (shell patterns, ignoring case;
 * the patterns' Latin letters were folded when read, and so is v: BØRNE-
 * OG UNGDOMSPSYKIATRI is børne- og ungdomspsykiatri).
 */
static int
matches(char *const *list, int n, const char *v)
{
	static struct text low;
	int i;

	if (strchr(v, '\xC3')) {
		low.len = 0;
		text_put(&low, v, strlen(v) + 1);
		fold_letters(low.s);
		v = low.s;
	}
	for (i = 0; i < n; i++)
		if (fnmatch(list[i], v, FNM_CASEFOLD) == 0)
			return 1;
	return 0;
}

static int
kept(const struct step *s, const char *v)
{
	return matches(s->list, s->nlist, v);
}

/*
 * Whether v, a value not kept, would be without the blanks around it
 * ("ALCA00 ", as a database's CHAR(n) column exports it): dropped as
 * another value, a file so padded lost its year's rows without a word
 * (review C, C6).
 */
static int
padded_kept(const struct step *s, const char *v)
{
	static struct text trim;
	size_t n = strlen(v), i = strspn(v, " ");

	if (i == 0 && (n == 0 || v[n - 1] != ' '))
		return 0;
	while (n > i && v[n - 1] == ' ')
		n--;
	trim.len = 0;
	text_put(&trim, v + i, n - i);
	text_put(&trim, "", 1);
	return kept(s, trim.s);
}

/*
 * Weeks i0 .. i1 - 1, side by side in the split line, in one copy: the
 * NULs that ended their fields written back as TABs.
 */
static void
put_run(const tsv *t, int i0, int i1)
{
	const char *a = t->f[week[i0]], *b = t->f[week[i1 - 1]];
	size_t n = line.len;
	int i;

	oput(a, (size_t)(b - a) + strlen(b));
	for (i = i0 + 1; i < i1; i++)
		line.s[n + (size_t)(t->f[week[i]] - a) - 1] = '\t';
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
		for (p = v; gradcol[i] >= 0 && p < e && *p == ' '; p++)
			;
		if (gradcol[i] >= 0 && p == e) {
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

/*
 * What is wrong with the text of value v, or NULL: not UTF-8 (a file in
 * another encoding), or UTF-8 encoded twice (a file declaring Latin-1 that
 * holds UTF-8: ø, C3 B8, became Ã¸, C3 B8 read as two Latin-1 letters).
 */
static const char *
text_problem(const char *v)
{
	const char *p;

	if (!utf8_ok((const unsigned char *)v, strlen(v)))
		return "not UTF-8: the file is in another encoding (import -e ENC, "
		    "or convert it by hand)";
	for (p = v; (p = strstr(p, "\xC3")) != NULL; p++)
		if ((p[1] == '\x82' || p[1] == '\x83') && p[2] == '\xC2')
			return "UTF-8 read as Latin-1 (Ã and a sign): the file's "
			    "declared encoding is not its text's (sas2tsv -e UTF-8)";
	return NULL;
}

/*
 * Whether the row passes the layout's selections (1); dropped (counted) if
 * not (0). A value a selection reads whose text is wrong (text_problem:
 * psykiatri spelt in Latin-1 would be dropped as another specialty) is -1,
 * its column in *bad and the problem in *why.
 */
static long alone;	/* rows of a kind a file may hold alone (select:KEPT/ALONE) */
static long not_acute;	/* rows dropped by an acute rule (-a), every other kept */

long
convert_alone(long *acute)
{
	*acute = not_acute;
	return alone;
}

static int
selected(const tsv *t, const struct layout *l, int *bad, const char **why)
{
	const struct step *s;
	const char *v;
	int i;

	for (i = 0; i < l->n; i++)	/* whichever rule drops the row */
		if (l->st[i].nalone > 0 &&
		    matches(l->st[i].alone, l->st[i].nalone, t->f[l->st[i].in[0]])) {
			alone++;
			break;
		}
	for (i = 0; i < l->n; i++) {
		s = &l->st[i];
		if (s->rule == KEEP || s->rule == ACUTE) {
			v = t->f[s->in[0]];
			if ((*why = text_problem(v)) != NULL) {
				*bad = s->in[0];
				return -1;
			}
			if (!kept(s, v)) {
				if (padded_kept(s, v)) {	/* a CHAR(n) export's blanks */
					*bad = s->in[0];
					*why = "a value kept with blanks around it (trim the "
					    "column: another year's rows may have none)";
					return -1;
				}
				acct_drop(s->reason);
				not_acute += s->rule == ACUTE;
				return 0;
			}
		} else if (s->rule == KOMMUNE && !kommune_code(v = t->f[s->in[0]])) {
			/* a code of no municipality (0, 9xx) is dropped; a label, a
			 * space or a letter is not a code at all, and a municipality's
			 * code in another form (0101) is no code SPEC reads */
			if (*v == '\0' || v[strspn(v, "0123456789")] != '\0') {
				*bad = s->in[0];
				*why = "not a municipality code (StatBank: download the codes, "
				    "not the labels)";
				return -1;
			}
			if (kommune_code(v + strspn(v, "0"))) {
				*bad = s->in[0];
				*why = "a municipality's code with leading zeros (three "
				    "digits are read: 101, not 0101)";
				return -1;
			}
			acct_drop("not-a-municipality");
			return 0;
		}
	}
	return 1;
}

/* -P: the name of the input being converted, its control bytes as '?' (a TSV field). */
static struct text source;

void
convert_source(const tsv *t)
{
	size_t i;

	source.len = 0;
	text_put(&source, t->name, strlen(t->name) + 1);
	for (i = 0; source.s[i]; i++)
		if ((unsigned char)source.s[i] < 0x20 || source.s[i] == 0x7f)
			source.s[i] = '?';
}

void
convert(tsv *t, tsv *main_in, const struct layout *l, gzw *out)
{
	const struct step *s;
	const char *why = NULL;
	int i, any = 0, bad, style = amount_style(t->delim);

	if (selected(t, l, &bad, &why) == 0)
		return;
	line.len = 0;
	for (i = 0; i < l->n && why == NULL; i++) {
		s = &l->st[i];
		if (strcmp(s->col, "-") == 0)
			continue;
		if (any++)
			oput("\t", 1);
		bad = s->in[0];
		why = s->rule == WEEKS ? put_weeks(t, &bad) : put_value(s, t->f, style);
	}
	if (why) {	/* with several inputs, total holds the row */
		main_in->line = t->line;
		main_in->obs = t->obs;
		main_in->lp = t->lp, main_in->ll = t->ll;
		main_in->f = t->f, main_in->nf = t->nf;
		reject(main_in, bad, why);
		return;
	}
	if (source.len) {
		char n[24];

		oput("\t", 1);
		oput(source.s, source.len - 1);
		oput(n, (size_t)snprintf(n, sizeof n, ":%ld", t->line - t->obs));
	}
	oput("\n", 1);
	gzw_write(out, line.s, line.len);
	acct_wrote(1);
}

/* The header a layout writes for an input (the week names as they are). */
static void
layout_head(const tsv *t, const struct layout *l)
{
	int i, k;

	for (i = 0; i < l->n; i++) {
		const struct step *s = &l->st[i];

		if (strcmp(s->col, "-") == 0)
			continue;
		if (line.len)
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
}

char *
head_of(const tsv *t, const struct layout *l, int pass)
{
	int i;

	line.len = 0;
	if (!pass)
		layout_head(t, l);
	if (!pass && source.len) {	/* the header's line end: the column before it */
		line.len--;
		oput("\t_KILDE\n", 8);
	}
	for (i = 0; pass && i < t->ncol; i++) {
		oput(t->head[i], strlen(t->head[i]));
		oput(i + 1 < t->ncol ? "\t" : "\n", 1);
	}
	line.s[line.len] = '\0';
	return estrdup(line.s);
}
