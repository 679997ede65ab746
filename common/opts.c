/* opts: the shared options (see opts.h). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "gz.h"
#include "opts.h"
#include "util.h"

void
opts_init(struct opts *o)
{
	memset(o, 0, sizeof *o);
	o->level = 1;
	o->from = o->to = -1;
}

void
opts_start(struct opts *o, int argc, char **argv)
{
	prog_init(argc, argv);
	opts_init(o);
}

void
opts_usage(const struct prog *p)
{
	usage_die(p->synopsis);
}

/* -h: the usage line, the filter's text, then the shared options it takes. */
static void
help(const struct opts *o, const struct prog *p)
{
	static const struct {
		char letter;
		const char *line;
	} shared[] = {
		{ 'i', "  -i csv      the input is CSV (comma or semicolon, quoted fields)" },
		{ 'r', "  -r rejects  reject mode: bad rows go to rejects with a REASON column" },
		{ 'u', "  -u          plain output (default gzip, plain on a terminal)" },
		{ 'z', "  -z level    gzip level (default 1)" },
	};
	size_t i;

	printf("usage: %s\n\n%s\n", p->synopsis, p->about);
	if (!o->whole_help) {
		for (i = 0; i < sizeof shared / sizeof shared[0]; i++)
			if (strchr(p->letters, shared[i].letter))
				puts(shared[i].line);
		if (p->range != RANGE_NONE)
			puts("  --from from, --to to  the same as -f from, -t to (SPEC 5)");
		puts("  --version   the version and the gzip engine\n"
		    "\nExit 0 ok, 1 bad input or I/O error, 2 usage.");
	}
	text_end();
}

/* Does option letter c take an argument in getopt's letters? */
static int
takes_arg(const char *letters, int c)
{
	const char *l = strchr(letters, c);

	return l != NULL && l[1] == ':';
}

/* The program's name: the synopsis' first word. */
static const char *
prog_name(const struct prog *p)
{
	static char name[32];

	snprintf(name, sizeof name, "%.*s", (int)strcspn(p->synopsis, " "), p->synopsis);
	return name;
}

/* getopt's slip (optopt the letter; '-' or 0 a long option), said. */
static void __attribute__((noreturn))
misuse(const struct prog *p, int argc, char **argv)
{
	char shown[160];
	int i;

	if (optopt == 0 || optopt == '-') {	/* --word: the first given, named */
		for (i = 1; i < argc && strncmp(argv[i], "--", 2) != 0; i++)
			;
		if (i < argc && (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "--version") == 0))
			usage_why(p->synopsis, "%s is alone on the command line", argv[i]);
		usage_why(p->synopsis, "%s: no such option (the long ones: --help, --version%s)",
		    i < argc ? show_value(argv[i], shown, sizeof shown) : "--",
		    p->range != RANGE_NONE ? ", --from, --to" : "");
	}
	if (takes_arg(p->letters, optopt))
		usage_why(p->synopsis, "-%c needs a value", optopt);
	if (optopt > ' ' && optopt < 127)
		usage_why(p->synopsis, "-%c: no such option", optopt);
	usage_why(p->synopsis, "no such option");
}

/* SPEC 5: "--from/--to (or -f/-t)" in every filter that takes a range. */
static const struct option range_long[] = {
	{ "from", required_argument, NULL, 'f' },
	{ "to", required_argument, NULL, 't' },
	{ NULL, 0, NULL, 0 },
};

int
opts_next(struct opts *o, const struct prog *p, int argc, char **argv)
{
	char shown[160];
	long v;
	int c, i;

	if (optind == 1 && argc == 2 && strcmp(argv[1], "--help") == 0)
		help(o, p);	/* as -h: what a user of GNU tools tries first */
	opterr = 0;	/* each slip said below, in our words (review T, T6) */
	while ((c = p->range != RANGE_NONE ?
	    getopt_long(argc, argv, p->letters, range_long, NULL) :
	    getopt(argc, argv, p->letters)) != -1) {
		if (c > 0 && c < 128 && c != '?' && c != ':' && takes_arg(p->letters, c) &&
		    !(p->repeats && strchr(p->repeats, c)) && o->given[c]++)
			usage_fail("-%c given twice: give it once", c);
		/* a file read by an option: a reject file made before it is
		 * opened (-q rows -r rows) would replace it */
		if (c > 0 && c < 128 && p->reads && strchr(p->reads, c))
			gz_will_read(optarg);
		if (o->own && c != '?' && c != ':' && strchr(o->own, c)) {
			o->arg = optarg;
			return c;
		}
		switch (c) {
		case 'f':
			o->from = date_arg('f', optarg);
			break;
		case 'h':
			help(o, p);
			break;
		case 'i':
			if (strcmp(optarg, "csv") != 0)
				usage_why(p->synopsis, "-i: csv is the one input form it names (TSV "
				    "without -i), not %s", show_value(optarg, shown, sizeof shown));
			o->csv = 1;
			break;
		case 'r':
		case 's':
			if (optarg[0] == '\0')	/* -r '' said ": No such file or directory" */
				usage_fail("-%c: an empty file name", c);
			if (c == 'r')
				o->rejects = optarg;
			else
				o->snapshot = optarg;
			break;
		case 't':
			o->to = date_arg('t', optarg);
			break;
		case 'u':
			o->plain = 1;
			break;
		case 'z':
			if (!parse_uint(optarg, &v) || v > 9)
				usage_fail("-z takes a level 0-9: %s",
				    show_value(optarg, shown, sizeof shown));
			o->level = (int)v;
			break;
		case '?':
		case ':':
			misuse(p, argc, argv);
		default:
			o->arg = optarg;
			return c;
		}
	}
	if (optind != argc && !o->operands)
		usage_why(p->synopsis, "%s: an operand; it reads standard input (%s < FILE)",
		    show_value(argv[optind], shown, sizeof shown), prog_name(p));
	/* no reject file may replace an input, even one not opened yet */
	for (i = optind; i < argc; i++)
		gz_will_read(argv[i]);
	if (o->snapshot)
		gz_will_read(o->snapshot);
	if (p->range == RANGE_CUTS) {	/* the cut dates begin 2017-12-31 (SPEC 2) */
		char to[11], first[11];

		date_fmt(range_from_default(), first);
		if (o->to >= 0 && o->to < range_from_default()) {
			date_fmt(o->to, to);
			usage_fail("-t %s: before the first cut date, %s", to, first);
		}
		if (o->from >= 0 && o->from < range_from_default())	/* -f 2017-01-01 */
			o->from = range_from_default();
	}
	if (p->range != RANGE_NONE)
		range_check(o->from, o->to, p->range == RANGE_YEARS);
	return -1;
}

gzw *
opts_out(const struct opts *o)
{
	return gzw_out(o->plain || isatty(1) ? -1 : o->level);
}
