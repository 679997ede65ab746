/*
 * import: a register extract in its real layout, converted to our schema
 * (SPEC 1.1). The layouts are data: share/noegletal/layouts/REGISTER.tsv
 * (LAYOUT COLUMN FROM RULE NOTE), one row per column written or checked.
 * The first layout whose FROM columns the input has (names compared
 * ignoring case; "ours" exactly) is taken and named on stderr; our own
 * schema passes through unchanged. Several files are one stream.
 * The parts: see import/import.h.
 */
#include <errno.h>
#include <iconv.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "import/import.h"
#include "opts.h"
#include "tsv.h"
#include "util.h"

static const struct prog prog = {
	"import [-aBghnPu] [-e encoding] [-i csv] [-l layouts] [-m map] "
	    "[-r rejects] [-z level] -R register [file...]\n"
	    "       import -N [-a] [-e encoding] [-i csv] [-l layouts] register:file...",
	"NPR:aBe:ghi:l:m:nr:uz:",
	    "Converts a register extract (stdin, or each file in turn, plain or gzip TSV;\n"
	    "CSV with -i csv or a name ending .csv) to our schema. The layout is found\n"
	    "from the columns (names compared ignoring case) in the register's table\n"
	    "share/noegletal/layouts/REGISTER.tsv and named on stderr; an input in our\n"
	    "own schema passes through unchanged. An input that matches no layout is\n"
	    "an error listing what each layout needs and what is missing.\n"
	    "\n"
	    "  -R register handic, dream, lpr, who5, regnskab or befolkning\n"
	    "  -a          LPR: acute contacts only (the rows with rule acute)\n"
	    "  -B          the files come in pairs: a file, then its name in messages\n"
	    "              (keyfigures: the SAS dataset behind a fifo)\n"
	    "  -e encoding the input's text encoding (WINDOWS-1252, UTF-16, ...)\n"
	    "  -g          DREAM: a blank week counts as employment only when grad_ of\n"
	    "              its month is above 0; otherwise it is written " NO_GRAD "\n"
	    "  -l layouts  another layout table\n"
	    "  -m map      a layout of your own (same columns), tried first: who5.map\n"
	    "  -n          only name the layout of each input on stdout\n"
	    "  -P          a last column _KILDE, each row's file and line (FILE:LINE;\n"
	    "              a SAS dataset's observation): the filters after import name\n"
	    "              it beside a bad row's line of the stream (keyfigures)\n"
	    "  -N          for each register:file in turn a line on stdout: the layout\n"
	    "              as -n -R register file names it, a tab, and passed (our\n"
	    "              schema exactly: read as it is) or converted; the first that\n"
	    "              cannot be named ends it, as with -n",
	RANGE_NONE,
	NULL,
	"lm",		/* files read: no reject file replaces one */
};

/* The inputs, read one after another as one stream. */
struct stream {
	const struct opts *o;
	int several;		/* more than one input: each converted, none passed */
	int grad_rule;		/* -g */
	int acute;		/* -a */
	int name_only;		/* -n, -N */
	int name_how;		/* -N: and whether the input passes through */
	int source;		/* -P: each row's file and line, column _KILDE */
	const char *reg;	/* -R */
	const char *hint;	/* after "fits no layout": who5 without -m needs a map */
	const char *map;	/* -m */
	gzw *out;		/* NULL until the first input is read */
	char *head;		/* the output header, the first input's */
	tsv total;		/* with several: the accounting's input, every file's rows */
};

static const char *regs[] = { "handic", "dream", "lpr", "who5", "regnskab",
	"befolkning", NULL };
static const char *encoding;		/* -e */
static pid_t child;			/* the -e recoder of the current input */

/*
 * -e: CR LF as LF, as a file from Windows ends its lines (Excel's "Unicode
 * text" is UTF-16 with CR LF); *cr: a CR held back from the piece before.
 */
static size_t
crlf(const char *b, size_t n, char *out, int *cr)
{
	size_t i, j = 0;

	for (i = 0; i < n; i++) {
		if (*cr && b[i] != '\n')
			out[j++] = '\r';
		if (!(*cr = b[i] == '\r'))
			out[j++] = b[i];
	}
	return j;
}

/* -e: a child decodes the input into UTF-8 through a pipe on stdin. */
static void
recode(const char *path, int fd)
{
	gzr *r = gzr_open(path);
	iconv_t cd = iconv_open("UTF-8", encoding);
	static char in[65536], outb[4 * 65536], lf[4 * 65536 + 1];
	char *ip, *op;
	size_t n, have = 0, left, room, m;
	long long at = 0;
	int cr = 0;

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
		m = crlf(outb, (size_t)(op - outb), lf, &cr);
		if ((size_t)write(fd, lf, m) != m)
			_exit(1);	/* the reader stopped: it says why */
	}
	if (cr && write(fd, "\r", 1) != 1)
		_exit(1);
	gzr_close(r);
}

/*
 * Before a message of the reader: where the -e decoder failed, it has said
 * why, and the reader's end of its pipe ("cut short", "empty input") was
 * a second, wrong message (review AM, AM7). A decoder still running (the
 * reader's own fault mid-file) is left to be waited for, 0.1 s at most.
 */
static void
decoder_said(void)
{
	struct timespec ms5 = { 0, 5000000 };
	pid_t p = 0;
	int st, i;

	for (i = 0; child > 0 && i < 20 && (p = waitpid(child, &st, WNOHANG)) == 0; i++)
		nanosleep(&ms5, NULL);
	if (p == child && child > 0 && (!WIFEXITED(st) || WEXITSTATUS(st) != 0))
		exit(1);
}

/* path (NULL: stdin), its messages naming it name (NULL: as path). */
static tsv *
open_input(const char *path, const char *name, int flags)
{
	int fd[2];

	if (encoding == NULL)
		return tsv_open_as(path, name, flags);	/* NULL: as tsv_open */
	fflush(NULL);
	signal(SIGCHLD, SIG_DFL);	/* ignored (a caller's, inherited), the decoder's status would be lost */
	if (pipe(fd) != 0 || (child = fork()) < 0)
		die("cannot start the -e decoder");
	if (child == 0) {
		close(fd[0]);
		recode(path, fd[1]);
		_exit(0);
	}
	close(fd[1]);
	before_die = decoder_said;
	if (dup2(fd[0], 0) < 0)
		die("cannot read the -e decoder");
	close(fd[0]);
	return tsv_open_as(NULL, name ? name : path, flags);	/* its messages name the file */
}

static void
close_input(tsv *t)
{
	int st;

	tsv_close(t);
	before_die = NULL;
	if (child > 0 && (waitpid(child, &st, 0) < 0 || !WIFEXITED(st) ||
	    WEXITSTATUS(st) != 0))
		exit(1);	/* the decoder has said what was wrong */
	child = 0;
}

/* Whether t's input columns are those of the first input (-r with several). */
static int
same_head(const tsv *t, const tsv *first)
{
	int i;

	if (t->ncol != first->ncol)
		return 0;
	for (i = 0; i < t->ncol; i++)
		if (strcmp(t->head[i], first->head[i]) != 0)
			return 0;
	return 1;
}

/* Whether headers a and b (TAB-separated, each name once) hold the same names. */
static int
same_names(const char *a, const char *b)
{
	const char *p, *q;
	size_t n, m;
	int na = 0, nb = 0, found;

	for (p = a; *p; p += n + (p[n] != '\0'), na++) {
		n = strcspn(p, "\t\n");
		for (found = 0, q = b; *q && !found; q += m + (q[m] != '\0')) {
			m = strcspn(q, "\t\n");
			found = m == n && memcmp(p, q, n) == 0;
		}
		if (!found)
			return 0;
	}
	for (q = b; *q; q += strcspn(q, "\t\n"), q += *q != '\0')
		nb++;
	return na == nb;
}

/*
 * The first input's header h is the stream's: the accounting begins (with
 * several inputs on total, holding the first input's columns) and the
 * output. A later input must give the same output header.
 */
static void
stream_head(struct stream *st, tsv *t, char *h)
{
	int i;

	if (st->head == NULL) {
		if (st->several) {
			st->total.ncol = t->ncol;
			st->total.head = emalloc(sizeof *st->total.head * (size_t)t->ncol);
			for (i = 0; i < t->ncol; i++)
				st->total.head[i] = estrdup(t->head[i]);
		}
		acct_open(st->several ? &st->total : t, st->o->rejects, st->o->level);
		st->out = opts_out(st->o);
		gzw_puts(st->out, h);
		st->head = h;
	} else if (strcmp(h, st->head) != 0 && same_names(h, st->head))
		die("%s: the first input's columns in another order: write them in its "
		    "order (SAS: a RETAIN of the first's columns before SET)", t->name);
	else if (strcmp(h, st->head) != 0)
		die("%s: its columns after conversion differ from the first input's%s", t->name,
		    st->reg == NULL || strcmp(st->reg, "dream") != 0 ? "" : " (other weeks: DREAM split by "
		    "weeks, a file a year, is one table only once its rows are joined by PNR; "
		    "give one extract of all the weeks)");
	else if (st->o->rejects && !same_head(t, &st->total))
		die("%s: -r with several inputs needs the same input columns in each", t->name);
	else
		free(h);
}

/* Whether s ends in suffix, ignoring case. */
static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && strcasecmp(s + n - k, suffix) == 0;
}

static int
by_name_case(const void *a, const void *b)
{
	return strcasecmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Layouts match names ignoring case: which of two would be meant? The
 * names sorted so, neighbours compared (every pair took 105 s for 200,000
 * columns: review AM, AM3).
 */
static void
same_but_case(const tsv *t)
{
	char **names = emalloc(sizeof *names * (size_t)t->ncol);
	int i, j;

	memcpy(names, t->head, sizeof *names * (size_t)t->ncol);
	qsort(names, (size_t)t->ncol, sizeof *names, by_name_case);
	for (i = 1; i < t->ncol && strcasecmp(names[i - 1], names[i]) != 0; i++)
		;
	if (i < t->ncol) {	/* said in the header's order */
		for (j = 0; t->head[j] != names[i - 1] && t->head[j] != names[i]; j++)
			;
		die("%s:1: columns '%s' and '%s' differ only in case: keep one", t->name,
		    t->head[j], t->head[j] == names[i] ? names[i - 1] : names[i]);
	}
	free(names);
}

/*
 * One input: its layout, then its rows. One input in our schema passes
 * through as it is; with several, each is converted.
 */
static void
read_input(struct stream *st, const char *path, const char *name)
{
	const char *called = name ? name : path;	/* a name ending .csv is CSV */
	int flags = st->o->csv || (called && ends_with(called, ".csv")) ? TSV_CSV : 0;
	tsv *t = open_input(path, name, st->name_only ? flags : flags | TSV_AHEAD);	/* -n: the header only */
	int pass;
	struct layout *l;
	int i;

	t->obs = name && (ends_with(name, ".sas7bdat") || ends_with(name, ".xpt"));	/* sas2tsv's */

	same_but_case(t);
	l = choose(t, &pass, st->hint);
	if (st->map && !l->mine && !st->name_only)
		warn("%s: no layout of the map %s fits it: read as layout %s",
		    t->name, st->map, l->name);

	for (i = 0; st->grad_rule && i < l->n && l->st[i].rule != GRAD; i++)
		;
	if (st->grad_rule && i == l->n)
		die("%s: -g: its layout %s has no grad_ columns, so the rule cannot "
		    "apply (DST's DREAM has grad_YYYY_MM)", t->name, l->name);
	for (i = 0; st->acute && i < l->n && l->st[i].rule != ACUTE; i++)
		;
	if (st->acute && i == l->n)	/* every contact would be written */
		die("%s: -a: its layout %s has no rule acute, so acute contacts cannot "
		    "be told (LPR_F and LPR3's contacts have PRIORITET)", t->name, l->name);
	weeks_find(t, l, st->grad_rule);
	read_columns(t, l);
	pass = pass && !st->several && !t->csv && !st->source;	/* CSV: its fields checked */
	if (st->source)
		convert_source(t);
	if (st->name_only) {
		if (st->name_how)
			printf("%s\t%s\n", l->name, pass ? "passed" : "converted");
		else
			printf("%s\n", l->name);
		close_input(t);
		return;
	}
	fprintf(stderr, "%s: %s: layout %s%s\n", argv0, t->name, l->name,
	    pass ? " (our schema: passed through)" : "");
	stream_head(st, t, head_of(t, l, pass));
	st->total.name = t->name;
	if (pass) {
		long n = 0;	/* not t->rows: a repeated header is one, dropped */

		for (; tsv_line(t); n++) {
			gzw_write(st->out, t->lp, t->ll);
			gzw_putc(st->out, '\n');
		}
		acct_wrote(n);
	} else {
		long before = acct_written(), acute, alone = convert_alone(&acute), acute_now;
		long mark[ACCT_REASONS], n;
		const char *why;

		acct_mark(mark);
		while (tsv_row(t))
			convert(t, st->several ? &st->total : t, l, st->out);
		/* one of several whose rows all went by the layout's rules: a
		 * year of LPR with the specialty as a code, of REGK100 in
		 * another price unit, lost its figures unsaid (review Y, Y1);
		 * no error where every row is of a kind the file may hold
		 * alone (LPR_A_KONTAKT of 2018: LPR2; review AA, AA1; AC, AC1,
		 * AC2: not any value the select drops, nor only where the
		 * select dropped most), nor with -a where a row kept by every
		 * other rule was not acute: its codes and spellings are right,
		 * a year of planned contacts alone (review AG, AG4) */
		if (st->several && t->rows > t->heads && acct_written() == before &&
		    convert_alone(&acute_now) - alone < t->rows - t->heads &&
		    acute_now == acute && (why = acct_most_since(mark, &n)) != NULL)
			die("%s: none of its %ld rows kept, every one dropped by layout %s's "
			    "rules (%s=%ld the most): another code, unit or spelling than the other "
			    "files'? Its years would have no figures; leave the file out if that is "
			    "meant", t->name, t->rows - t->heads, l->name, why, n);
	}
	/* one of several (none passed) without rows: a year left out of a
	 * folder, unsaid but in the count of all (review P, P3); its header
	 * repeated is dropped on the count of all (it was never counted: an
	 * internal error, review S, S2) */
	for (i = 0; st->several && i < t->heads; i++)
		acct_drop("repeated-header");
	if (st->several && t->rows == t->heads)
		warn("warning: %s: no rows (a failed export, a selection that matched "
		    "nothing?): read as a file of none", t->name);
	st->total.rows += t->rows;
	close_input(t);
}

/* Is the n bytes at s a register's name? */
static int
known_register(const char *s, size_t n)
{
	int i;

	for (i = 0; regs[i]; i++)
		if (strlen(regs[i]) == n && strncmp(regs[i], s, n) == 0)
			return 1;
	return 0;
}

/*
 * -N: for each register:file operand, in turn, its line as -n names it
 * and whether it passes through. The first that cannot be named ends
 * the program, as -n does (exit 1, the lines before it written): one
 * program for the kinds of all a run's inputs, a process being dear
 * (bench/README.md).
 */
static int
name_each(const struct opts *o, char **ops, int n, const char *table, int acute)
{
	struct stream st = { 0 };
	char layouts[64], shown[64], *colon;
	int i;

	st.o = o;
	st.name_only = st.name_how = 1;
	for (i = 0; i < n; i++)
		if ((colon = strchr(ops[i], ':')) == NULL ||
		    !known_register(ops[i], (size_t)(colon - ops[i])))
			usage_fail("-N: %s is not register:file", show_value(ops[i], shown, sizeof shown));
	for (i = 0; i < n; i++) {
		colon = strchr(ops[i], ':');
		snprintf(layouts, sizeof layouts, "layouts/%.*s.tsv", (int)(colon - ops[i]), ops[i]);
		forget_layouts();
		load_layouts(table, layouts, acute);
		read_input(&st, colon + 1, NULL);
		if (fflush(stdout) != 0 || stdout_closed)
			return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	const char *table = NULL, *map = NULL, *reg = NULL;
	struct stream st = { 0 };
	struct opts o;
	char name[64], shown[64];
	int acute = 0, names = 0, pairs = 0, i;

	opts_start(&o, argc, argv);
	o.operands = 1;	/* its input files */
	st.o = &o;
	while ((i = opts_next(&o, &prog, argc, argv)) != -1)
		switch (i) {
		case 'R': reg = o.arg; break;
		case 'a': acute = st.acute = 1; break;
		case 'B': pairs = 1; break;
		case 'e': check_encoding(encoding = o.arg); break;
		case 'g': st.grad_rule = 1; break;
		case 'l': table = o.arg; break;
		case 'm': map = o.arg; break;
		case 'n': st.name_only = 1; break;
		case 'N': names = 1; break;
		case 'P': st.source = 1; break;
		}
	if (pairs && (optind == argc || (argc - optind) % 2))
		usage_fail("-B: the files come in pairs, a file and its name");
	if (names && (reg || map || st.name_only || st.grad_rule || o.rejects || pairs || st.source ||
	    o.plain || o.given['z']))	/* nothing of them written */
		usage_why(prog.synopsis, "-N names each operand's layout (register:file): "
		    "no other option goes with it");
	if (names)
		return name_each(&o, argv + optind, argc - optind, table, acute);
	if (reg == NULL)
		usage_why(prog.synopsis, "-R: the register is required (handic, dream, lpr, "
		    "who5, regnskab or befolkning)");
	if (!known_register(reg, strlen(reg)))
		usage_why(prog.synopsis, "-R: %s is no register (handic, dream, lpr, who5, "
		    "regnskab or befolkning)", show_value(reg, shown, sizeof shown));
	if ((st.map = map) != NULL)
		load_layouts(map, NULL, acute);
	snprintf(name, sizeof name, "layouts/%s.tsv", reg);
	load_layouts(table, name, acute);
	st.reg = reg;
	st.hint = map || strcmp(reg, "who5") ? NULL : "\n  a survey system's export needs a "
	    "map of its columns: -m FILE (keyfigures: input-dir/who5.map; an example is "
	    "share/noegletal/who5.map)";
	st.several = argc - optind > (pairs ? 2 : 1);
	if (optind == argc)
		read_input(&st, NULL, NULL);
	for (i = optind; i < argc; i += pairs ? 2 : 1)
		read_input(&st, argv[i], pairs ? argv[i + 1] : NULL);
	if (st.name_only)
		return fflush(stdout) == 0 && !stdout_closed ? 0 : 1;
	gzw_close(st.out);
	acct_end(-1);
	return 0;
}
