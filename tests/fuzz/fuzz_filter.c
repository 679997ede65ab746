/*
 * fuzz_filter: one filter's whole row handling, its main() renamed to
 * filter_main at build time, run on the input as standard input with the
 * arguments FILTER_ARGS (a comma-separated list of string literals).
 * Filters that join a snapshot get a small one in /tmp.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "tsv.h"

int filter_main(int argc, char **argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char snapshot[] =
    "DATO\tPNR\tKOMMUNE\tTRIN\tTRIN_SET\n"
    "2020-12-31\ta\t101\t2\t2\n2020-12-31\tb\t147\t5\t0,5\n"
    "2021-06-30\ta\t101\t3\t3\n2021-06-30\tc\t851\t8\t8\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	char *argv[] = { "filter", FILTER_ARGS, NULL };
	int argc = (int)(sizeof argv / sizeof argv[0]) - 1;

	if (!ready) {
		FILE *f = fopen("/tmp/noegletal-fuzz-snapshot.tsv", "w");

		if (f == NULL || fputs(snapshot, f) < 0 || fclose(f) != 0)
			abort();
		ready = 1;
	}
	harness_stdin(data, size);
	if (setjmp(harness_jmp) == 0) {
		optind = 0;	/* glibc: full getopt reset */
		filter_main(argc, argv);
	}
	tsv_abandon();	/* readers and writers left open by die() */
	return 0;
}
