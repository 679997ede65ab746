/*
 * harness: what every libFuzzer target here shares. The input becomes
 * standard input (a memfd dup'ed onto fd 0), standard output goes to
 * /dev/null (run with -close_fd_mask=2 to quiet the messages).
 *
 * tests/fuzz/run links every harness with -Wl,--wrap= for die() and for
 * the functions that open and close readers and writers, so the library
 * keeps no hook and no registry for fuzzing: die() jumps back to the
 * harness instead of exiting, so a clean error is not a finding (a crash,
 * a sanitizer report or an abort() is), and harness_release() closes what
 * the run left open (a read-ahead thread is stopped, a reject file's
 * descriptor closed). Memory a run held when it died is left (leak
 * detection is off; tests/fuzz/run goes on in a new process when the
 * memory of many runs reaches libFuzzer's limit).
 */
#ifndef HARNESS_H
#define HARNESS_H

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "gz.h"
#include "tsv.h"
#include "util.h"

#define HARNESS_OPEN 16		/* handles open at once, of each kind */

static jmp_buf harness_jmp;
static void *harness_tsv[HARNESS_OPEN], *harness_gzr[HARNESS_OPEN],
    *harness_gzw[HARNESS_OPEN];

void __wrap_die(const char *fmt, ...) __attribute__((noreturn));
void __wrap_usage_fail(const char *fmt, ...) __attribute__((noreturn));
tsv *__real_tsv_open(const char *path, int flags);
tsv *__wrap_tsv_open(const char *path, int flags);
void __real_tsv_close(tsv *t);
void __wrap_tsv_close(tsv *t);
gzr *__real_gzr_open(const char *path);
gzr *__wrap_gzr_open(const char *path);
void __real_gzr_close(gzr *r);
void __wrap_gzr_close(gzr *r);
gzw *__real_gzw_create(const char *path, int level);
gzw *__wrap_gzw_create(const char *path, int level);
gzw *__real_gzw_out(int level);
gzw *__wrap_gzw_out(int level);
void __real_gzw_close(gzw *w);
void __wrap_gzw_close(gzw *w);

/* The message, then back to the harness: a clean error is not a finding. */
static void __attribute__((noreturn))
harness_fail(const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", argv0);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	longjmp(harness_jmp, 1);
}

void
__wrap_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	harness_fail(fmt, ap);
}

/* A usage error the input causes (an image where -r wants rows): as die(). */
void
__wrap_usage_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	harness_fail(fmt, ap);
}

/* Handle p moves from slot old to new (NULL: none) in set. */
static void *
harness_track(void **set, void *p, void *old)
{
	int i;

	for (i = 0; i < HARNESS_OPEN; i++)
		if (set[i] == old) {
			set[i] = p;
			break;
		}
	return p;
}

tsv *
__wrap_tsv_open(const char *path, int flags)
{
	return harness_track(harness_tsv, __real_tsv_open(path, flags), NULL);
}

void
__wrap_tsv_close(tsv *t)
{
	harness_track(harness_tsv, NULL, t);
	__real_tsv_close(t);
}

gzr *
__wrap_gzr_open(const char *path)
{
	return harness_track(harness_gzr, __real_gzr_open(path), NULL);
}

void
__wrap_gzr_close(gzr *r)
{
	harness_track(harness_gzr, NULL, r);
	__real_gzr_close(r);
}

gzw *
__wrap_gzw_create(const char *path, int level)
{
	return harness_track(harness_gzw, __real_gzw_create(path, level), NULL);
}

gzw *
__wrap_gzw_out(int level)
{
	return harness_track(harness_gzw, __real_gzw_out(level), NULL);
}

void
__wrap_gzw_close(gzw *w)
{
	harness_track(harness_gzw, NULL, w);
	__real_gzw_close(w);
}

/*
 * After a run: close what it left open. Readers first (a reader whose
 * tsv_open died is closed as a gzr); writers go to /dev/null, so closing
 * one does not fail, and if it did the rest are left.
 */
static void
harness_release(void)
{
	int i;

	if (setjmp(harness_jmp) != 0)
		return;
	for (i = 0; i < HARNESS_OPEN; i++)
		if (harness_tsv[i])
			__wrap_tsv_close(harness_tsv[i]);
	for (i = 0; i < HARNESS_OPEN; i++)
		if (harness_gzr[i])
			__wrap_gzr_close(harness_gzr[i]);
	for (i = 0; i < HARNESS_OPEN; i++)
		if (harness_gzw[i])
			__wrap_gzw_close(harness_gzw[i]);
}

/*
 * Make data the process's standard input, and /dev/null its standard
 * output again (a run closes it when it ends its output).
 */
static void
harness_stdin(const uint8_t *data, size_t size)
{
	static int mfd = -1, null = -1;

	if (mfd < 0) {
		null = open("/dev/null", O_WRONLY);
		mfd = memfd_create("fuzz", 0);
		if (mfd < 0 || null < 0)
			abort();
	}
	dup2(null, 1);
	if (ftruncate(mfd, 0) != 0 || pwrite(mfd, data, size, 0) != (ssize_t)size)
		abort();
	dup2(mfd, 0);
	lseek(0, 0, SEEK_SET);
}

#endif
