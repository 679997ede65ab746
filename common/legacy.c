/*
 * legacy: the option globals and the functions that read them, for the
 * programs not yet on opts.h (report, synth). The filters use opts.h; once
 * report and synth do, this file goes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "gz.h"
#include "tsv.h"
#include "util.h"

struct common_opts opt = { 0, 1, NULL };

int
common_opt(int c, const char *arg)
{
	char shown[160];
	long v;

	switch (c) {
	case 'r':
		opt.rejects = arg;
		return 1;
	case 'u':
		opt.plain = 1;
		return 1;
	case 'z':
		if (!parse_uint(arg, &v) || v > 9) {
			fprintf(stderr, "%s: -z takes a level 0-9: %s\n", argv0,
			    show_value(arg, shown, sizeof shown));
			exit(2);
		}
		opt.level = (int)v;
		return 1;
	}
	return 0;
}

gzw *
gzw_stdout(void)
{
	return gzw_out(opt.plain || isatty(1) ? -1 : opt.level);
}

void
acct_begin(tsv *main)
{
	acct_open(main, opt.rejects, opt.level);
}
