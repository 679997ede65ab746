/*
 * opts: the options the filters share, said once. A filter describes
 * itself (synopsis, the getopt letters it takes, its -h text); opts_next
 * handles the shared letters and returns the filter's own:
 *
 *   -f from, -t to   the range (dates; a bad one, -f after -t or a range
 *                    without a cut date is a usage error)
 *   -h               the usage on stdout, exit 0
 *   -i csv           CSV input
 *   -r rejects       reject mode
 *   -s snapshot      the snapshot a join reads
 *   -u, -z level     plain output; the gzip level
 *
 * An option taking an argument given twice is a usage error (which of the
 * two was meant?), unless prog.repeats names it. opts_next ends with the
 * operand check (none are taken unless o->operands).
 * The library reads no option: what it needs is passed (gzw_out, acct_open).
 */
#ifndef OPTS_H
#define OPTS_H

#include "gz.h"

struct opts {
	int plain;		/* -u: plain output */
	int level;		/* -z N: gzip level, default 1 */
	const char *rejects;	/* -r FILE, or NULL */
	int from, to;		/* -f, -t as day numbers; -1 when not given */
	int csv;		/* -i csv */
	const char *snapshot;	/* -s FILE, or NULL */
	const char *arg;	/* the argument of the filter's own option */
	/* Set after opts_start by a program whose shared letters differ
	 * (report, synth) or that takes file operands (import, sas2tsv): */
	const char *own;	/* shared letters it means its own way (-s) */
	int whole_help;		/* prog.about is all of -h: no shared lines */
	int operands;		/* it checks the operands itself */
	char given[128];	/* the option letters seen (a repeated one is an error) */
};

enum { RANGE_NONE, RANGE_CUTS, RANGE_YEARS };	/* what -f/-t must hold */

struct prog {
	const char *synopsis;	/* "snapshot [-hu] [-f from] ..." */
	const char *letters;	/* getopt letters, shared and own */
	const char *about;	/* -h: what it does, then its own options */
	int range;		/* RANGE_*: -f/-t checked at the end */
	const char *repeats;	/* letters taking an argument that may be given again */
	const char *reads;	/* letters whose argument is a file read: no output replaces it */
};

/* Defaults (-z 1, no range); set a default from in o->from after it. */
void opts_init(struct opts *o);
/* A filter's start: prog_init (argv0, umask, --version), then opts_init. */
void opts_start(struct opts *o, int argc, char **argv);
/* The filter's next own option (argument in o->arg), or -1 at the end. */
int opts_next(struct opts *o, const struct prog *p, int argc, char **argv);
void opts_usage(const struct prog *p) __attribute__((noreturn));	/* exit 2 */
gzw *opts_out(const struct opts *o);	/* standard output as -u and -z say */

/*
 * A filter's main, said once. The filter defines struct args (its command
 * line, struct opts o first), options(), which fills it (opts_start,
 * opts_next; it starts zeroed), and run(), its work on standard input;
 * its file ends with FILTER_MAIN. The fuzzing harness calls options() once and run() for
 * every input (tests/fuzz/fuzz_filter.c).
 */
#define FILTER_MAIN				\
int						\
main(int argc, char **argv)			\
{						\
	static struct args a;	/* zeroed */	\
						\
	options(&a, argc, argv);		\
	run(&a);				\
	return 0;				\
}

#endif
