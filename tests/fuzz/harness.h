/*
 * harness: what every libFuzzer target here shares. The input becomes
 * standard input (a memfd dup'ed onto fd 0), standard output goes to
 * /dev/null (run with -close_fd_mask=2 to quiet the messages), and die() jumps back to the harness instead of exiting, so a
 * clean error is not a finding; a crash, a sanitizer report or an
 * abort() is.
 */
#ifndef HARNESS_H
#define HARNESS_H

#include <fcntl.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "util.h"

static jmp_buf harness_jmp;

static void
harness_jump(void)
{
	longjmp(harness_jmp, 1);
}

/* Make data the process's standard input; stdout and stderr to /dev/null. */
static void
harness_stdin(const uint8_t *data, size_t size)
{
	static int mfd = -1;

	if (mfd < 0) {
		int null = open("/dev/null", O_WRONLY);

		mfd = memfd_create("fuzz", 0);
		if (mfd < 0 || null < 0)
			abort();
		dup2(null, 1);
		die_hook = harness_jump;
	}
	if (ftruncate(mfd, 0) != 0 || pwrite(mfd, data, size, 0) != (ssize_t)size)
		abort();
	dup2(mfd, 0);
	lseek(0, 0, SEEK_SET);
}

#endif
