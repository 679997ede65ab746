/*
 * report: the key figures of a municipality beside its comparison group
 * and the whole country (SPEC 4), as a TSV table, a self-contained HTML
 * page with SVG charts, or an Excel workbook with native charts.
 * Reads figure streams (KOMMUNE DATO NOEGLETAL TAELLER NAEVNER), several
 * concatenated ones too; the catalogue share/noegletal/noegletal.tsv
 * (NOEGLETAL NAVN TEMA ART ENHED FOERSTE_DATO, and KORTNAVN PERIODE
 * IT_GRUND when present); -g GRUPPE KOMMUNE; -p KOMMUNE DATO ANTAL_18_64.
 *
 * The model: a cell per area (the 98 municipalities, the groups, the
 * country), cut date and key figure, holding TAELLER and NAEVNER; groups
 * and country pool their municipalities. Suppression marks cells hidden
 * once for all areas, so every report of one run agrees with every other.
 * The writers only ask cell_state() what to show. The parts are in
 * report/ (report/report.h says which does what); this file holds the
 * options, the files written and main().
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "date.h"
#include "report/flows.h"
#include "report/report.h"
#include "opts.h"
#include "util.h"

#define SYNOPSIS "report [-hSuWX] [-B backtest] [-b name] [-c percent] [-d dir] [-e own] [-F flows] [-g groups] " \
	"[-J matrices] [-j jobs] [-K published] [-k kommune] [-L late] [-l latest] [-M matrices] " \
	"[-n threshold] [-o tsv|html|xlsx] [-P forecast] [-p population] [-q kvalitet] [-r rejects] " \
	"[-s kommune,...] [-T table] [-w periods]"

static char tmp_path[4096];		/* the xlsx copied to stdout */

static const struct prog prog = {
	SYNOPSIS,
	"B:b:c:d:e:F:g:hJ:j:K:k:L:l:M:n:o:P:p:q:r:Ss:T:uWw:X",
	    "Reads figure streams from standard input and writes, for one municipality (-k) or each, every\n"
	    "key figure by cut date for the municipality, its comparison group (its\n"
	    "region; -g groups.tsv with columns GRUPPE KOMMUNE replaces it) and the\n"
	    "whole country. Group and country pool TAELLER and NAEVNER. Counts are\n"
	    "persons, shares are shown in percent, means in points, ratios as kr.\n"
	    "per kr.; -p adds counts per 10,000 18-64-year-olds.\n"
	    "\n"
	    "Small numbers are suppressed: a count below the threshold N, or a share\n"
	    "or mean whose NAEVNER is below it, is shown as <N (and left out of the\n"
	    "charts) for municipality, group and country alike. Secondary\n"
	    "suppression, shown as '..': in every sum that the report shows\n"
	    "(7 = 7.1 + 7.2 + 7.3, 12 = 12.1 + 12.2, 13 = 13.1 + 13.2, 15.1 + 15.2 +\n"
	    "15.3 = 100 %, 20.1 + ... + 20.6 = 100 %, a group = its municipalities,\n"
	    "the country = its municipalities = its groups and the ungrouped ones),\n"
	    "the hidden parts are none, or at least two that together weigh N or\n"
	    "more and cannot be pinned by their bounds; else the smallest part\n"
	    "shown is hidden too (the total when none is left). The weight is the\n"
	    "count, or the NAEVNER of a share or mean. Figure 19 (kr. per kr.) is\n"
	    "never suppressed. Values are rounded as shown in every format.\n"
	    "\n"
	    "  -B backtest   the output of forecast -b: html adds its error (with -P)\n"
	    "  -b name       with -d and -k: the files are dir/name.tsv, .html, .xlsx\n"
	    "  -c percent    the level of -P's intervals, as forecast -c made them\n"
	    "                (default 80), said beside them\n"
	    "  -d dir        write dir/rapport-KKK.tsv, .html or .xlsx (mode 0600)\n"
	    "  -e own        the municipality's own figure stream (the same five\n"
	    "                columns), merged and marked as its own figures\n"
	    "  -F flows      the output of flows: html and xlsx add the flow matrix\n"
	    "                per half-year (a Sankey diagram in html), suppressed\n"
	    "  -g groups     comparison groups: GRUPPE KOMMUNE (default: the regions)\n"
	    "  -J matrices   after a -K: the flow matrices of that report (its -M):\n"
	    "                the counts it shows stay shown too\n"
	    "  -j jobs       write the files of -d in this many processes side by side,\n"
	    "                each a share of the municipalities (default 1; 0: one per\n"
	    "                core); the model is built once\n"
	    "  -K published  the table (tsv) of a report published before: the cells\n"
	    "                it shows are known to a reader and stay shown where the\n"
	    "                small cells can be protected otherwise; where the two\n"
	    "                together give a small hidden value away, or a <N it\n"
	    "                shows is shown now, it is a warning (-W: the report\n"
	    "                fails, nothing written); empty (/dev/null): none; up\n"
	    "                to 1024 times, the reports of several runs\n"
	    "  -k kommune    one municipality, to standard output; without -k every\n"
	    "                municipality with figures (tsv: one table to standard\n"
	    "                output; html and xlsx need -d)\n"
	    "  -L late       a figure stream read last: the sums that hold none of its\n"
	    "                figures are suppressed before it is opened, which the\n"
	    "                report waits for until the file is there (a run moves\n"
	    "                it into place whole); the same result as one stream.\n"
	    "                -q's file, when not there yet, is waited for likewise\n"
	    "                once the tables are suppressed\n"
	    "  -l latest     the latest record date of the data (YYYY-MM-DD), shown\n"
	    "                with the cut dates as the data's vintage\n"
	    "  -M matrices   with -F: the flow matrices as shown into matrices, every\n"
	    "                municipality's (or -k's): KOMMUNE DATO FRA TIL VIST\n"
	    "  -n threshold  suppression threshold (default 5); 0 turns suppression\n"
	    "                off, for internal use, and the report says so\n"
	    "  -o format     tsv (default), html or xlsx; or several, as tsv,html,xlsx:\n"
	    "                one reading, a file each in -d\n"
	    "  -P forecast   the output of forecast: html and xlsx add it\n"
	    "  -p population KOMMUNE DATO ANTAL_18_64 (plain or gzip)\n"
	    "  -q kvalitet   the output of quality: html and xlsx add a Datakvalitet\n"
	    "                section and sheet and mark figures with a warning; html\n"
	    "                with -d and without -k writes dir/kvalitet.html too\n"
	    "  -r rejects    reject mode: bad rows go to rejects with a REASON column\n"
	    "  -X            small values this report and those of -K give away\n"
	    "                together fail it, nothing written, as with -W (alone)\n"
	    "  -S            the data are synthetic (synth): html and xlsx say so on\n"
	    "                every page and sheet, not for publication\n"
	    "  -s kommune,...  comparison municipalities, each drawn as its own series\n"
	    "  -T table      with -d and without -k: the table of every municipality\n"
	    "                (what -o tsv writes to standard output) into table too,\n"
	    "                from the same suppression as the files (not one of them)\n"
	    "  -u            accepted; a report is a document and always plain\n"
	    "  -W            strict: what -K's report gives away, or a municipality\n"
	    "                without a population (-p), fails the report\n"
	    "  -w periods    the periods -P's forecast estimated from, as forecast -k\n"
	    "                made it (default " STR(FORECAST_PERIODS) "), said beside it (-F: none\n"
	    "                before the flows' first)\n"
	    "\n"
	    "TSV: KOMMUNE NOEGLETAL NAVN ENHED NIVEAU OMRAADE, one column per cut date,\n"
	    "NOTE. A cell is the value, <N or .. when suppressed, i.t. before the\n"
	    "figure's first valid date, empty when there is nothing; NOTE says why,\n"
	    "date by date. A time written into a file (the production date, the\n"
	    "workbook's creation time) is $SOURCE_DATE_EPOCH, else the latest cut date\n"
	    "of the data: the same input gives the same bytes. Exit 0 ok, 1 bad input\n"
	    "or I/O error, 2 usage.",
	RANGE_NONE,
	"JK",	/* several reports published before, each with its matrices */
	"BeFgJKLPpq",	/* files read: no reject file replaces one */
};

/* The command line: the shared options (-r, -u, -z) and report's own. */
struct args {
	struct opts o;
	const char *fmt[3];		/* -o: tsv, html, xlsx or a list of them */
	int nfmt;
	const char *fmt_arg;		/* -o as given, for its messages */
	const char *dir, *base;		/* -d, -b */
	int code;			/* -k, 0: every municipality */
	const char *groups, *pop, *compare, *own;	/* -g, -p, -s, -e */
	const char *flows, *forecast, *backtest, *quality;	/* -F, -P, -B, -q */
	const char *table, *matrices;	/* -T, -M */
	const char *late;		/* -L */
	struct published published[PUBLISHED_MAX];	/* -K, each with its -J */
	int npublished;
	int strict;			/* -W */
	int synthetic;			/* -S */
	int strict_known;		/* -X */
	long threshold;			/* -n */
	long fc_level;			/* -c */
	long fc_periods;		/* -w */
	long jobs;			/* -j */
	int latest;			/* -l, 0: not given */
	long made;			/* the time written into files */
	int made_given;			/* it is $SOURCE_DATE_EPOCH */
};

/* ---- main ---- */

static void
remove_tmp(void)
{
	if (tmp_path[0])
		unlink(tmp_path);
	tmp_path[0] = '\0';
}

static void
copy_to_stdout(const char *path)
{
	char buf[65536];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (f == NULL)
		die("%s: %s", path, strerror(errno));
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		if (fwrite(buf, 1, n, stdout) != n)
			die("<stdout>: write error: %s", strerror(errno));
	if (ferror(f))
		die("%s: read error", path);
	fclose(f);
}

/* A usage error with its reason: exit 2. */
static void
bad_option(const char *flag, const char *arg, const char *why)
{
	char shown[64];

	usage_why(prog.synopsis, "%s %s: %s", flag, show_value(arg, shown, sizeof shown), why);
}

/*
 * The time written into files: $SOURCE_DATE_EPOCH when set (then it is
 * also the production date shown), else the latest cut date of the data,
 * set once the data are read: two runs on one input give the same bytes.
 */
static void
made_time(struct args *a)
{
	a->made_given = source_epoch(&a->made);
}

/* The rows of one municipality's table (every format has them). */
static long
table_rows(struct report *r)
{
	long rows = 0;
	int f, rate, level;

	ROWS_N(f, rate, level, 1)
		rows++;
	return rows;
}

/* The file of municipality area k in format fmt in -d: rapport-KKK.fmt, or -b's name. */
static void
file_path(char *path, size_t n, const struct report *r, const struct args *a, int k,
    const char *fmt)
{
	if (a->base)
		epathf(path, n, "%s/%s.%s", a->dir, a->base, fmt);
	else
		epathf(path, n, "%s/rapport-%03d.%s", a->dir, r->kom[k].code, fmt);
}

/*
 * A file of the reports: made mode 0600, or made so when it was there (a
 * failure dies); a device (-T /dev/null) is written, its mode left alone.
 */
static FILE *
create(const char *path)
{
	struct stat st;
	FILE *out;
	int fd;

	gz_will_write(path);	/* never an input (report -d . < rapport.tsv) */
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0 || fstat(fd, &st) != 0 ||
	    (S_ISREG(st.st_mode) && fchmod(fd, 0600) != 0) || (out = fdopen(fd, "w")) == NULL)
		die("%s: %s", path, strerror(errno));
	return out;
}

static void
finish(FILE *out, const char *path)
{
	if ((ferror(out) | fclose(out)) != 0)
		die("%s: write error: %s", path, strerror(errno));
}

/* The report of municipality area k in format fmt. */
static void
one_report(struct report *r, const struct args *a, const char *fmt, int k, int head)
{
	const char *dir = a->dir;
	char path[4096];
	FILE *out = stdout;
	int fd;

	if (!dir && stdout_closed)
		die("standard output is closed: nowhere to write");
	if (strcmp(fmt, "xlsx") == 0) {
		if (dir) {
			file_path(path, sizeof path, r, a, k, "xlsx");
			gz_will_write(path);
		} else {
			epathf(tmp_path, sizeof tmp_path, "%s/report-XXXXXX",
			    getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
			if ((fd = mkstemp(tmp_path)) < 0)
				die("%s: %s", tmp_path, strerror(errno));
			close(fd);
			epathf(path, sizeof path, "%s", tmp_path);
		}
		write_xlsx(r, path, k);
		if (chmod(path, 0600) != 0)
			die("%s: %s", path, strerror(errno));
		if (!dir) {
			copy_to_stdout(path);
			remove_tmp();
		}
		return;
	}
	if (dir) {
		file_path(path, sizeof path, r, a, k, fmt);
		out = create(path);
	}
	if (strcmp(fmt, "html") == 0)
		write_html(r, out, k);
	else
		write_tsv(r, out, k, head || dir);
	if (dir)
		finish(out, path);
}

/* -o: one format, or several separated by commas, each once. */
static void
formats(struct args *a, const char *list)
{
	static const char *known[] = { "tsv", "html", "xlsx" };
	const char *p = list, *e;
	size_t n;
	int i, j;

	a->nfmt = 0;
	a->fmt_arg = list;
	for (;;) {
		e = strchr(p, ',');
		n = e ? (size_t)(e - p) : strlen(p);
		for (i = 0; i < 3 && (strlen(known[i]) != n || strncmp(p, known[i], n)); i++)
			;
		if (i == 3)
			bad_option("-o", list, "not tsv, html or xlsx (or a list of them)");
		for (j = 0; j < a->nfmt; j++)
			if (a->fmt[j] == known[i])
				bad_option("-o", list, "a format named twice");
		a->fmt[a->nfmt++] = known[i];
		if (e == NULL)
			return;
		p = e + 1;
	}
}

/* The folder of path (".": none named) into parent. */
static void
parent_of(const char *path, char *parent, size_t cap)
{
	const char *base = strrchr(path, '/');

	if (base == NULL)
		epathf(parent, cap, ".");
	else
		epathf(parent, cap, "%.*s", base == path ? 1 : (int)(base - path), path);
}

/* Is path's folder there? (-L: the report waits for a file in it.) */
static int
parent_is_dir(const char *path)
{
	char parent[4096];
	struct stat st;

	parent_of(path, parent, sizeof parent);
	return stat(parent, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * Is -T's table a file the report writes in -d (rapport-KKK.tsv, .html,
 * .xlsx, kvalitet.html)? A page would overwrite the table, or the table a
 * page, and the run end well.
 */
static int
a_dir_file(const char *table, const char *dir)
{
	const char *base = strrchr(table, '/');
	char parent[4096];
	struct stat in, d;

	parent_of(table, parent, sizeof parent);
	base = base ? base + 1 : table;
	if (stat(parent, &in) != 0 || stat(dir, &d) != 0 || in.st_dev != d.st_dev ||
	    in.st_ino != d.st_ino)
		return 0;
	if (strcmp(base, "kvalitet.html") == 0)
		return 1;
	return strncmp(base, "rapport-", 8) == 0 && isdigit((unsigned char)base[8]) &&
	    isdigit((unsigned char)base[9]) && isdigit((unsigned char)base[10]) &&
	    (strcmp(base + 11, ".tsv") == 0 || strcmp(base + 11, ".html") == 0 ||
	    strcmp(base + 11, ".xlsx") == 0);
}

/* The options, every check before anything is read. */
static void
options(struct args *a, int argc, char **argv)
{
	struct opts *o = &a->o;
	struct stat st;
	int c;

	opts_start(o, argc, argv);
	o->own = "s";		/* the comparison list, not a snapshot */
	o->whole_help = 1;
	o->operands = 1;	/* refused below, saying why */
	a->fmt[0] = a->fmt_arg = "tsv";
	a->nfmt = 1;
	a->threshold = 5;
	a->fc_level = 80;
	a->fc_periods = FORECAST_PERIODS;
	a->jobs = 1;
	while ((c = opts_next(o, &prog, argc, argv)) != -1) {
		switch (c) {
		case 'B': a->backtest = o->arg; break;
		case 'b':
			if (o->arg[0] == '\0' || strchr(o->arg, '/') != NULL)
				bad_option("-b", o->arg, "not a file name (no '/')");
			a->base = o->arg;
			break;
		case 'd': a->dir = o->arg; break;
		case 'e': a->own = o->arg; break;
		case 'F': a->flows = o->arg; break;
		case 'g': a->groups = o->arg; break;
		case 'j':
			if (!parse_uint(o->arg, &a->jobs) || a->jobs > JOBS_MAX)
				bad_option("-j", o->arg, "not a number of processes (0 to 64)");
			break;
		case 'o': formats(a, o->arg); break;
		case 'P': a->forecast = o->arg; break;
		case 'c':
			if (!parse_uint(o->arg, &a->fc_level) || a->fc_level < 1 || a->fc_level > 99)
				bad_option("-c", o->arg, "not a level of an interval (1 to 99 percent)");
			break;
		case 'w':
			if (!parse_uint(o->arg, &a->fc_periods) || a->fc_periods < 1 ||
			    a->fc_periods > FORECAST_PERIODS_MAX)
				bad_option("-w", o->arg, "not a number of periods (1 to "
				    STR(FORECAST_PERIODS_MAX) ", as forecast -k)");
			break;
		case 'p': a->pop = o->arg; break;
		case 'q': a->quality = o->arg; break;
		case 's': a->compare = o->arg; break;
		case 'T': a->table = o->arg; break;
		case 'k':
			if (!(a->code = kommune_code(o->arg)))
				bad_option("-k", o->arg, "not a municipality code");
			break;
		case 'K':
			if (a->npublished == PUBLISHED_MAX)
				bad_option("-K", o->arg, "one too many (at most 1024 reports "
				    "published before)");
			a->published[a->npublished++].table = o->arg;
			break;
		case 'J':
			if (a->npublished == 0 || a->published[a->npublished - 1].flows)
				bad_option("-J", o->arg, "the matrices of the report the -K before "
				    "it names: needs a -K of its own");
			a->published[a->npublished - 1].flows = o->arg;
			break;
		case 'M': a->matrices = o->arg; break;
		case 'W': a->strict = 1; break;
		case 'S': a->synthetic = 1; break;
		case 'X': a->strict_known = 1; break;
		case 'L': a->late = o->arg; break;
		case 'l':
			if (!date_parse(o->arg, &a->latest))
				bad_option("-l", o->arg, "not a date (YYYY-MM-DD)");
			break;
		case 'n':
			if (!parse_uint(o->arg, &a->threshold) || a->threshold > 1000000)
				bad_option("-n", o->arg, "not a threshold (0 to 1000000)");
			break;
		}
	}
	if (optind != argc)
		bad_option("operand", argv[optind], "report reads standard input, not a file");
	if (a->dir && (stat(a->dir, &st) != 0 || !S_ISDIR(st.st_mode)))
		bad_option("-d", a->dir, "not a folder (report writes into one, it does not make it)");
	if (a->base && (!a->dir || !a->code))
		bad_option("-b", a->base, "names one municipality's files: needs -d and -k");
	if (a->table && (!a->dir || a->code))
		bad_option("-T", a->table, "the table of every municipality beside the files of -d: "
		    "needs -d and no -k");
	if (a->late && !parent_is_dir(a->late))
		bad_option("-L", a->late, "not in a folder that is there (the report would wait for ever)");
	if (a->late && a->quality && !parent_is_dir(a->quality))
		bad_option("-q", a->quality, "not in a folder that is there (with -L the report "
		    "would wait for ever)");
	if (a->matrices && !a->flows)
		bad_option("-M", a->matrices, "the flow matrices: needs -F");
	if (a->matrices && a->dir && a_dir_file(a->matrices, a->dir))
		bad_option("-M", a->matrices, "a file of -d's reports: the matrices need a name of "
		    "their own");
	if (a->table && a_dir_file(a->table, a->dir))
		bad_option("-T", a->table, "a file of -d's reports: the table needs a name of its own");
	if (a->jobs != 1 && !a->dir)	/* -j 0, one per core, too */
		usage_why(prog.synopsis, "-j %ld: needs -d, whose files its processes write",
		    a->jobs);
	if (a->jobs == 0)
		a->jobs = jobs_cores();
	if (a->nfmt > 1 && !a->dir)
		bad_option("-o", a->fmt_arg, "several formats need -d (a file each)");
	if (!a->code && strcmp(a->fmt[0], "tsv") && !a->dir)
		bad_option("-o", a->fmt_arg, "needs -k (to standard output) or -d (a file each)");
	made_time(a);
	atexit(remove_tmp);
}

/* The areas, the catalogue, the groups and the figure streams (stdin, -e) into w. */
static void
read_streams(struct report *r, const struct args *a, struct rows *w)
{
	tsv *t;
	int i;

	r->kom = kommune_all(&r->nkom);
	for (i = 0; i < r->nkom; i++)
		r->kom_at[r->kom[i].code] = i + 1;
	r->asked = a->code ? r->kom_at[a->code] - 1 : -1;
	load_catalogue(r);
	t = tsv_open(NULL, 0);
	acct_open(t, a->o.rejects, a->o.level);
	load_groups(r, a->groups);
	if (a->compare)
		load_compare(r, a->compare);
	rows_read(r, w, t, 0);
	tsv_close(t);
	if (a->own) {
		t = tsv_open(a->own, 0);
		rows_read(r, w, t, 1);
		tsv_close(t);
	}
}

/* -L: the late stream, once it is there; a bad row in it is fatal (not the main input). */
static void
read_late(struct report *r, const char *path, struct rows *w)
{
	tsv *t;

	await_file(path, 0);	/* a run moves it into place whole */
	t = tsv_open(path, 0);
	rows_read(r, w, t, 0);
	acct_read(t->rows);
	tsv_close(t);
}

/* Has municipality a a row of the stair's figures (KILDE handic) at some date? */
static int
on_the_stair(const struct report *r, int a)
{
	int d, f;

	for (d = 0; d < r->ndates; d++)
		for (f = 0; f < r->nfigs; f++)
			if (strcmp(r->figs[f].source, "handic") == 0 && AT(a, d, f)->has &&
			    !AT(a, d, f)->filled)
				return 1;
	return 0;
}

/*
 * -k of a municipality nobody of which is in the data, where others are:
 * its report is <N in every cell (a 0 shows so, SPEC 4), a plausible page
 * of the wrong municipality after a slip of -k, or an extract run with
 * another's code (review B, B5): a warning; with -W the report fails.
 */
static void
check_asked(const struct report *r, int strict)
{
	int a;

	if (r->asked < 0 || on_the_stair(r, r->asked))
		return;
	for (a = 0; a < r->nkom && !on_the_stair(r, a); a++)
		;
	if (a == r->nkom)
		return;
	warn("%s-k %03d: nobody of %s is in the data (no row of the stair's figures, "
	    "which %s has): its report is <%ld in every cell; is -k right?",
	    strict ? "" : "warning: ", r->kom[r->asked].code, r->kom[r->asked].name,
	    r->kom[a].name, r->threshold);
	if (strict) {
		acct_end(0);
		exit(1);
	}
}

/*
 * The cells of the rows read, pooled, and the flows (-F): what suppression
 * reads; the population (-p) too in the model reported (whole).
 */
static void
model(struct report *r, const struct args *a, const struct rows *w, int whole,
    const struct report *early)
{
	rows_build(r, w);
	if (whole && r->ndates == 0) {
		acct_end(0);
		die("<stdin>: no figure rows to report");
	}
	if (whole)
		check_asked(r, a->strict);
	if (whole && a->pop)
		load_population(r, a->pop);
	pool(r);
	if (early && take(r, early))	/* its sums, matrices and pairs (reuse.c) */
		return;
	if (early) {	/* the sums come to about as many: no copying as they grow */
		r->rels = emalloc(sizeof *r->rels * (size_t)(r->relcap = early->nrels + 1));
		r->relpart = emalloc(sizeof *r->relpart *
		    (size_t)(r->partcap = early->nrelpart + 1));
	}
	if (a->flows)	/* before suppress(): the matrix is suppressed with the tables */
		flows_load(r, a->flows);
}

static const char *late_path;

static int
late_there(void)
{
	return access(late_path, F_OK) == 0;
}

/*
 * -L: the model of the rows read so far, suppressed while the late stream
 * is made; suppress() takes from it every group of sums the late rows do
 * not change (reuse.c: reuse()). NULL where there is nothing to take, or
 * nothing to wait for: the late stream there before this began, or before
 * it ended (its audit gives up: on some partial data it takes far longer
 * than the whole).
 */
static struct report *
early_model(struct report *r, const struct args *a, const struct rows *w)
{
	struct report *m;

	late_path = a->late;
	if (!a->late || a->threshold <= 0 || w->nslot == 0 || late_there())
		return NULL;
	m = emalloc(sizeof *m);
	*m = *r;	/* the areas, catalogue and groups: r's */
	model(m, a, w, 0, NULL);
	audit_stop(late_there);
	suppress_early(m);
	audit_stop(NULL);
	if (m->given_up) {
		model_free(m);
		free(m);
		return NULL;
	}
	return m;
}

/* The model, suppression, then what only some formats show (-p, -P, -B, -q). */
static void
plan(struct report *r, const struct args *a, const struct rows *w, const struct report *early)
{
	model(r, a, w, 1, early);
	if (!r->made_given)
		r->made = (long)r->dates[r->ndates - 1] * 86400;
	suppress(r, early);
	if (a->forecast)
		forecast_load(r, a->forecast);
	if (a->backtest)
		backtest_load(r, a->backtest);
	if (a->quality) {
		if (a->late)	/* a run writes it while the tables are suppressed */
			await_file(a->quality, 0);
		quality_load(r, a->quality);
	}
	if (r->threshold <= 0)
		warn("suppression is off (-n 0): the report must not be published");
}

/* -T: the table of every municipality, as -o tsv writes it to standard output. */
static void
write_table(struct report *r, const char *path)
{
	FILE *out = create(path);
	int i, n = 0;

	for (i = 0; i < r->nkom; i++)
		if (has_figures(r, i))
			write_tsv(r, out, i, n++ == 0);
	finish(out, path);
}

/* -M: the flow matrices as shown, of every municipality with figures or -k's. */
static void
write_matrices(struct report *r, const struct args *a)
{
	FILE *out = create(a->matrices);
	int i;

	flows_tsv(r, out, -1);
	for (i = 0; i < r->nkom; i++)
		if (a->code ? i == r->kom_at[a->code] - 1 : has_figures(r, i))
			flows_tsv(r, out, i);
	finish(out, a->matrices);
}

/*
 * Every report asked for, the municipalities shared out among -j
 * processes (process w writes the w-th, (w + jobs)-th, ... of them);
 * returns the table rows of one format.
 */
static long
write_reports(struct report *r, const struct args *a)
{
	int f, i, n = 1, w;

	w = jobs_start(a->code ? 1 : (int)a->jobs);
	if (w == 0 && a->table)
		write_table(r, a->table);
	if (w == 0 && a->matrices)
		write_matrices(r, a);
	for (f = 0; f < a->nfmt; f++) {
		if (a->code)
			one_report(r, a, a->fmt[f], r->kom_at[a->code] - 1, 1);
		else
			for (i = 0, n = 0; i < r->nkom; i++)
				if (has_figures(r, i) && n++ % a->jobs == w)
					one_report(r, a, a->fmt[f], i, n == 1);
		if (w == 0 && a->quality && a->dir && !a->code && strcmp(a->fmt[f], "html") == 0)
			quality_overview(r, a->dir);
	}
	if (fflush(stdout) != 0 || ferror(stdout))
		die("<stdout>: write error: %s", strerror(errno));
	jobs_end(w);
	return n * table_rows(r);
}

/* Standard input to the reports (a failure dies). */
static void
run(const struct args *a)
{
	struct report *r = ecalloc(1, sizeof *r), *early;
	struct rows w = { 0 };
	long rows;

	r->threshold = a->threshold;
	r->fc_level = a->fc_level;
	r->fc_periods = a->fc_periods;
	r->published = a->published;
	r->npublished = a->npublished;
	r->strict = a->strict;
	r->synthetic = a->synthetic;
	r->strict_known = a->strict || a->strict_known;
	r->latest = a->latest;
	r->made = a->made;
	r->made_given = a->made_given;
	read_streams(r, a, &w);
	early = early_model(r, a, &w);
	if (a->late)
		read_late(r, a->late, &w);
	plan(r, a, &w, early);
	free(w.raw);
	if (early) {
		if (r->taken_sums)	/* r's */
			early->rels = NULL, early->relpart = NULL, early->pair = NULL,
			    early->fcells = NULL, early->links = NULL;
		model_free(early);
		free(early);
	}
	rows = write_reports(r, a);
	acct_end(rows);
	quality_free();
	report_free(r);
}

FILTER_MAIN
