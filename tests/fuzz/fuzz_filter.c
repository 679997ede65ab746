/*
 * fuzz_filter: one filter's row handling. The filter's source (FILTER_SRC)
 * is included, its main renamed, so that the harness parses the arguments
 * FILTER_ARGS (a comma-separated list of string literals) once with the
 * filter's options() and calls its run() for every input, as standard
 * input: the run's state is its own, nothing is reset.
 * Filters that join a snapshot get a small one in /tmp.
 */
#include "harness.h"

#define main filter_main
#include FILTER_SRC
#undef main

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char fuzz_snapshot[] =
    "DATO\tPNR\tKOMMUNE\tTRIN\tTRIN_SET\n"
    "2020-12-31\ta\t101\t2\t2\n2020-12-31\tb\t147\t5\t0,5\n"
    "2021-06-30\ta\t101\t3\t3\n2021-06-30\tc\t851\t8\t8\n";
static char *fuzz_argv[] = { "filter", FILTER_ARGS, NULL };
static const int fuzz_argc = (int)(sizeof fuzz_argv / sizeof fuzz_argv[0]) - 1;

/* The snapshot file, and (for a split filter) the options, once. */
static void
fuzz_setup(void)
{
	FILE *f = fopen("/tmp/noegletal-fuzz-snapshot.tsv", "w");

	if (f == NULL || fputs(fuzz_snapshot, f) < 0 || fclose(f) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct args args;
	static int ready;

	if (!ready++) {
		fuzz_setup();
		if (setjmp(harness_jmp) != 0)
			abort();	/* FILTER_ARGS are not the filter's options */
		options(&args, fuzz_argc, fuzz_argv);
	}
	harness_stdin(data, size);
	if (setjmp(harness_jmp) == 0)
		run(&args);
	harness_release();
	return 0;
}
