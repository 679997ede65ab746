/*
 * cost-shares: expenditure on preventive against supporting services and
 * the expenditure shares, key figures 19 and 20.1-20.6 (SPEC 3.4, 5).
 * Reads KOMMUNE AAR FUNKTION GRUPPERING DRANST ART BELOEB; writes the
 * figure stream, one DATO AAR-12-31 per municipality and year.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "field.h"
#include "fig.h"
#include "tables.h"
#include "opts.h"
#include "pnrset.h"
#include "tsv.h"
#include "util.h"

#define SYNOPSIS "cost-shares [-hu] [-a account-table] [-f from] [-i csv] [-t to] [-r rejects] [-z level]"
#define FIRST_YEAR DATE_FIRST_YEAR
#define NYEARS (DATE_LAST_YEAR - DATE_FIRST_YEAR + 1)

/* The account groups, in the order the figures add them. */
enum { G108, G105_85, G107, G85, G103, G104, G99, G82, NGROUP };
static const char *group_id[NGROUP] = { "108", "105-85", "107", "85", "103",
	"104", "99", "82" };

struct account {
	char funktion[8];	/* d.dd.dd */
	char gruppering[4];
	int group;
	long line;	/* its line in the account table */
};

/* The run: the account table and the sums. */
struct ledger {
	struct account *accounts;
	int naccounts;
	size_t capaccounts;
	/* [year][kommune]: a year's two arrays made at its first amount (a run has a few) */
	long long (*spent[NYEARS])[NGROUP];	/* millionths of a krone by group */
	unsigned char *seen[NYEARS];		/* has an amount */
};

static const struct prog prog = {
	SYNOPSIS,
	"a:f:hi:r:t:uz:",
	    "Sums gross operating expenditure (DRANST 1, hovedart 1-6 of ART) on the\n"
	    "account groups of the account table (default share/noegletal/konti.tsv:\n"
	    "GRUPPE FUNKTION GRUPPERING, groups 108 105-85 107 85 103 104 99 82) and\n"
	    "writes per municipality and year (DATO AAR-12-31): 19 = §82 + §99 over\n"
	    "§108 + §105/85 + §107 + §85 + §103 + §104, and 20.1-20.6, each group's share\n"
	    "of all eight. FUNKTION is 5.38.50 or 53850, ART 4, 40 or 4.0, BELOEB an\n"
	    "optional sign, digits and at most one '.' or ',' decimal part; in CSV\n"
	    "with ';' '.' groups thousands and ',' is the decimal mark (1.500.000,50),\n"
	    "in CSV with ',' the other way round (1,500,000.50).\n"
	    "Rows dropped by rule: dranst-not-1, art-excluded (0, 7, 8, 9),\n"
	    "not-an-account-group, outside-range.\n"
	    "\n"
	    "  -a account-table  another account table\n"
	    "  -f from     first DATO (default and at the earliest 2018-12-31)\n"
	    "  -t to       last DATO (default: every year in the data)",
	RANGE_YEARS,
	NULL,
	"a",		/* files read: no reject file replaces one */
};

/* The command line. */
struct args {
	struct opts o;
	const char *table;	/* -a */
};

/* "5.38.50" or "53850" as "5.38.50"; 0 if neither. */
static int
norm_funktion(const char *s, char out[8])
{
	int i;

	if (strlen(s) == 5) {
		for (i = 0; i < 5; i++)
			if (s[i] < '0' || s[i] > '9')
				return 0;
		snprintf(out, 8, "%c.%c%c.%c%c", s[0], s[1], s[2], s[3], s[4]);
		return 1;
	}
	if (strlen(s) != 7 || s[1] != '.' || s[4] != '.')
		return 0;
	for (i = 0; i < 7; i++)
		if (i != 1 && i != 4 && (s[i] < '0' || s[i] > '9'))
			return 0;
	memcpy(out, s, 8);
	return 1;
}

static int
three_digits(const char *s)
{
	return s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' &&
	    s[2] >= '0' && s[2] <= '9' && s[3] == '\0';
}

/* The account of a function (d.dd.dd) and grouping, or NULL. */
static const struct account *
account_of(const struct ledger *l, const char *funktion, const char *gruppering)
{
	size_t i;

	for (i = 0; i < (size_t)l->naccounts; i++)	/* none: accounts may be NULL */
		if (strcmp(l->accounts[i].funktion, funktion) == 0 &&
		    strcmp(l->accounts[i].gruppering, gruppering) == 0)
			return &l->accounts[i];
	return NULL;
}

/*
 * The account table. An account (FUNKTION in either form and GRUPPERING)
 * given twice is an error, even in the same group: which row holds would
 * depend on their order.
 */
static void
load_accounts(struct ledger *l, const char *path)
{
	tsv *t = table_open(path, "konti.tsv");
	int c_g, c_f, c_gr, g;
	struct account a;
	const struct account *first;

	tsv_cols(t, "GRUPPE", &c_g, "FUNKTION", &c_f, "GRUPPERING", &c_gr, (char *)NULL);
	while (tsv_row(t)) {
		for (g = 0; g < NGROUP && strcmp(group_id[g], t->f[c_g]) != 0; g++)
			;
		if (g == NGROUP || !norm_funktion(t->f[c_f], a.funktion) ||
		    !three_digits(t->f[c_gr]))
			die("%s:%ld: an account row needs GRUPPE (108 105-85 107 85 103 "
			    "104 99 82), FUNKTION and a three-digit GRUPPERING",
			    t->name, t->line);
		memcpy(a.gruppering, t->f[c_gr], 4);
		a.group = g;
		a.line = t->line;
		if ((first = account_of(l, a.funktion, a.gruppering)) != NULL)
			die("%s:%ld: account %s/%s given twice (also line %ld)", t->name,
			    t->line, a.funktion, a.gruppering, first->line);
		l->accounts = grow(l->accounts, &l->capaccounts, (size_t)l->naccounts + 1,
		    sizeof *l->accounts);
		l->accounts[l->naccounts++] = a;
	}
	tsv_close(t);
}

static int
group_of(const struct ledger *l, const char *funktion, const char *gruppering)
{
	const struct account *a = account_of(l, funktion, gruppering);

	return a == NULL ? -1 : a->group;
}

/* ART "d", "dd" or "d.d": its hovedart (first digit), else -1. */
static int
hovedart(const char *s)
{
	if (s[0] < '0' || s[0] > '9')
		return -1;
	if (s[1] == '\0')
		return s[0] - '0';
	if ((s[1] >= '0' && s[1] <= '9' && s[2] == '\0') ||
	    (s[1] == '.' && s[2] >= '0' && s[2] <= '9' && s[3] == '\0'))
		return s[0] - '0';
	return -1;
}

static int
is_integer(const char *s)
{
	if (*s == '-' || *s == '+')
		s++;
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/*
 * Whether an integer (is_integer) has the value 1: "1", "+1", "01" and
 * "+0001" do, by their value and not by their text.
 */
static int
is_one(const char *s)
{
	if (*s == '+')
		s++;
	while (*s == '0')
		s++;
	return strcmp(s, "1") == 0;
}

/* Kroner of millionths. */
static double
kr(long long micro)
{
	return (double)micro / 1e6;
}

/* Millionths of a krone added; kroner beyond 9.2e12 are bad input. */
static long long
add(long long a, long long b)
{
	long long sum;

	if (__builtin_add_overflow(a, b, &sum))
		die("amounts of a municipality and year add up beyond 9.2e12 kr.");
	return sum;
}

/* The figures from exact sums: a sum that is 0 is 0, whatever the order. */
static void
write_figures(const struct ledger *l)
{
	const long long *g;
	long long support, all;
	int k, y, i, dato;

	for (k = 0; k < KOMMUNE_MAX; k++)
		for (y = 0; y < NYEARS; y++) {
			if (l->seen[y] == NULL || !l->seen[y][k])
				continue;
			g = l->spent[y][k];
			for (support = 0, i = G108; i <= G104; i++)
				support = add(support, g[i]);
			all = add(support, add(g[G99], g[G82]));
			dato = days_from_civil(FIRST_YEAR + y, 12, 31);
			fig_add(k, dato, 1900, kr(add(g[G99], g[G82])), kr(support));
			fig_add(k, dato, 2001, kr(g[G108]), kr(all));
			fig_add(k, dato, 2002, kr(g[G105_85]), kr(all));
			fig_add(k, dato, 2003, kr(g[G107]), kr(all));
			fig_add(k, dato, 2004, kr(g[G85]), kr(all));
			fig_add(k, dato, 2005, kr(add(g[G103], g[G104])), kr(all));
			fig_add(k, dato, 2006, kr(add(g[G99], g[G82])), kr(all));
		}
}

/* Columns of the accounts; _KILDE's, -1 without. */
static int c_kom, c_aar, c_fun, c_gru, c_dra, c_art, c_bel, c_src;

/*
 * Several files in one stream (import -P: _KILDE is FILE:LINE): an account
 * (municipality, year, function, grouping, ART) that two files hold
 * is a year delivered twice, two downloads that overlap, whose kroner
 * would be added: an error naming both (review P, P2: 2023 of one REGK100
 * file again in a second doubled 2023's kroner, exit 0), also a download
 * by ART 4 beside one by 4.0 (review R, R3). One file may repeat an
 * account (detailed accounts); files split by year, area, function or
 * ART's subgroup hold none twice.
 */
static struct {
	pnrset *accounts;	/* used rows' accounts, by their text */
	int *file_of;		/* [account id]: the file it was first in */
	size_t cap;		/* of file_of */
	char **names;		/* the files, in the order the rows came */
	int n;
} src;

/* The current row's file (_KILDE less its :LINE): its number. */
static int
file_of_row(tsv *t)
{
	const char *k = t->f[c_src], *colon = strrchr(k, ':');
	size_t len = colon ? (size_t)(colon - k) : strlen(k);

	if (src.n == 0 || strncmp(src.names[src.n - 1], k, len) != 0 ||
	    src.names[src.n - 1][len] != '\0') {
		src.names = erealloc(src.names, sizeof *src.names * (size_t)(src.n + 1));
		src.names[src.n] = emalloc(len + 1);
		memcpy(src.names[src.n], k, len);
		src.names[src.n++][len] = '\0';
	}
	return src.n - 1;
}

/*
 * The file that first held key (held now by file when none did); with
 * add 0 only looked up: -1 when none did.
 */
static int
first_file(const char *key, int n, int file, int add)
{
	int id, known = ps_count(src.accounts);

	if (!add)
		return (id = ps_find(src.accounts, key, (size_t)n)) < 0 ? -1 : src.file_of[id];
	if ((id = ps_add(src.accounts, key, (size_t)n)) >= known) {
		src.file_of = grow(src.file_of, &src.cap, (size_t)id + 1, sizeof *src.file_of);
		src.file_of[id] = file;
	}
	return src.file_of[id];
}

/*
 * A used row's account, checked against the other files' (see src): its
 * ART as a subgroup (40 as 4.0) against the same subgroup and against the
 * hovedart alone (4); a hovedart alone against the same and against any
 * of its subgroups. Files split by subgroup (4.0 in one, 4.5 in another)
 * hold no account twice (review S, S1).
 */
static void
check_twice(tsv *t, long aar, int kom, const char *fun, int art)
{
	const char *a = t->f[c_art];
	char key[64];	/* the fields are checked: at most 24 bytes */
	int n, file, sub = a[1] != '\0', other;

	if (c_src < 0)
		return;
	if (src.accounts == NULL)
		src.accounts = ps_new();
	file = file_of_row(t);
	n = snprintf(key, sizeof key, "%ld %d %s %s %d", aar, kom, fun, t->f[c_gru], art);
	if (sub) {
		key[n] = '.', key[n + 1] = a[1] == '.' ? a[2] : a[1];	/* 4.5 */
		if ((other = first_file(key, n + 2, file, 1)) == file &&
		    ((other = first_file(key, n, file, 0)) < 0 || other == file))
			other = file;
		key[n] = '+';	/* a subgroup of it is in file (or an earlier one) */
		first_file(key, n + 1, file, 1);
	} else if ((other = first_file(key, n, file, 1)) == file) {
		key[n] = '+';
		if ((other = first_file(key, n + 1, file, 0)) < 0)
			other = file;
	}
	if (other != file)
		die("%s and %s both hold the accounts of municipality %03d in %ld (FUNKTION %s, "
		    "GRUPPERING %s, ART %s): a year delivered twice, whose kroner would be "
		    "added; leave one of them out", src.names[other], src.names[file],
		    kom, aar, fun, t->f[c_gru], a);
}

/*
 * The current row's account fields, checked: municipality, year, function
 * (normalised into fun), grouping, DRANST, hovedart and amount (in the
 * file's style: a ';' CSV groups thousands with '.'); 0 when rejected.
 */
static int
account_row(tsv *t, int *kom, long *aar, char fun[8], int *art, long long *micro)
{
	char **f = t->f;

	if (!(*kom = field_kommune(t, c_kom)))
		return 0;
	if (strlen(f[c_aar]) != 4 || !parse_uint(f[c_aar], aar) || *aar < FIRST_YEAR) {
		reject(t, c_aar, "not a year");
		return 0;
	}
	if (*aar > DATE_LAST_YEAR) {	/* as any date of the data (review AM, AM6: 2150-12-31 written) */
		reject(t, c_aar, "a year after " STR(DATE_LAST_YEAR) " (a typo?)");
		return 0;
	}
	if (!norm_funktion(f[c_fun], fun)) {
		reject(t, c_fun, "not a function (d.dd.dd or ddddd)");
		return 0;
	}
	if (!three_digits(f[c_gru])) {
		reject(t, c_gru, "not a grouping (three digits)");
		return 0;
	}
	if (!is_integer(f[c_dra])) {
		reject(t, c_dra, "not an integer");
		return 0;
	}
	if ((*art = hovedart(f[c_art])) < 0) {
		reject(t, c_art, "not an art (d, dd or d.d)");
		return 0;
	}
	if (!parse_amount(f[c_bel], amount_style(t->delim), 0, micro)) {
		reject(t, c_bel, "not an amount");
		return 0;
	}
	return 1;
}

/* One row: validated; its amount added to its group, or dropped by rule. */
static void
row(tsv *t, struct ledger *l, int from, int to)
{
	int kom, art, group, dato, y;
	long aar;
	long long micro;
	char fun[8];

	if (!account_row(t, &kom, &aar, fun, &art, &micro))
		return;
	dato = days_from_civil((int)aar, 12, 31);
	if (!is_one(t->f[c_dra]))
		acct_drop("dranst-not-1");
	else if (art == 0 || art >= 7)
		acct_drop("art-excluded");
	else if ((group = group_of(l, fun, t->f[c_gru])) < 0)
		acct_drop("not-an-account-group");
	else if (dato < from || (to >= 0 && dato > to))
		acct_drop("outside-range");
	else {
		y = (int)aar - FIRST_YEAR;
		if (l->spent[y] == NULL) {
			l->spent[y] = ecalloc(KOMMUNE_MAX, sizeof *l->spent[y]);
			l->seen[y] = ecalloc(KOMMUNE_MAX, 1);
		}
		check_twice(t, aar, kom, fun, art);
		l->spent[y][kom][group] = add(l->spent[y][kom][group], micro);
		l->seen[y][kom] = 1;
		acct_wrote(1);
	}
}

/* The accounts' figures begin 31 December 2018: an earlier -f is that. */
static void
options(struct args *a, int argc, char **argv)
{
	int first = days_from_civil(RANGE_FROM_YEAR + 1, 12, 31);
	char to[11];

	opts_start(&a->o, argc, argv);
	a->table = NULL;
	while (opts_next(&a->o, &prog, argc, argv) != -1)
		a->table = a->o.arg;	/* -a */
	if (a->o.from < first)
		a->o.from = first;
	if (a->o.to >= 0 && a->o.to < first) {
		date_fmt(a->o.to, to);
		usage_fail("-t %s: the accounts' figures begin at 31 December 2018", to);
	}
}

/* Standard input to standard output (a failure dies). */
static void
run(const struct args *a)
{
	struct ledger l = { 0 };
	tsv *t;
	int y;

	load_accounts(&l, a->table);
	t = tsv_open(NULL, a->o.csv ? TSV_CSV : 0);
	tsv_cols(t, "KOMMUNE", &c_kom, "AAR", &c_aar, "FUNKTION", &c_fun, "GRUPPERING",
	    &c_gru, "DRANST", &c_dra, "ART", &c_art, "BELOEB", &c_bel, (char *)NULL);
	c_src = tsv_find(t, "_KILDE");
	acct_open(t, a->o.rejects, a->o.level);
	while (tsv_row(t))
		row(t, &l, a->o.from, a->o.to);
	tsv_close(t);
	write_figures(&l);
	free(l.accounts);
	if (src.accounts)
		ps_free(src.accounts);
	free(src.file_of);
	while (src.n > 0)
		free(src.names[--src.n]);
	free(src.names);
	for (y = 0; y < NYEARS; y++) {
		free(l.spent[y]);
		free(l.seen[y]);
	}
	fig_end(opts_out(&a->o));
}

FILTER_MAIN
