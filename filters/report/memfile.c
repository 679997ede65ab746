/*
 * memfile: libxlsxwriter's temporary files kept in memory.
 *
 * libxlsxwriter writes each part of a workbook (a sheet's XML, a chart's)
 * to a file from lxw_tmpfile() (xlsxwriter/utility.h), then reads it back
 * into the zip, and checks none of those writes: with /tmp (or TMPDIR)
 * full, the workbook came out short, with exit 0
 * (tests/report/tmpdir-full). The report defines lxw_tmpfile itself: the
 * library calls it through its PLT, and the Makefile has the linker export
 * this one, which then comes first. A part is kept in memory, where a
 * write cannot fail but for want of memory, which ends the report. So no
 * report content is written to a temporary file, and a workbook costs no
 * file system calls but its own.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* fopencookie */
#endif
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "util.h"

struct mem {
	char *p;
	size_t len, cap, at;	/* bytes held, room, the position */
};

static ssize_t
mem_write(void *cookie, const char *buf, size_t n)
{
	struct mem *m = cookie;

	m->p = grow(m->p, &m->cap, m->at + n, 1);
	if (m->at > m->len)	/* written after a seek past the end: a gap of zeros */
		memset(m->p + m->len, 0, m->at - m->len);
	memcpy(m->p + m->at, buf, n);
	m->at += n;
	if (m->at > m->len)
		m->len = m->at;
	return (ssize_t)n;
}

static ssize_t
mem_read(void *cookie, char *buf, size_t n)
{
	struct mem *m = cookie;

	if (m->at >= m->len)
		return 0;
	if (n > m->len - m->at)
		n = m->len - m->at;
	memcpy(buf, m->p + m->at, n);
	m->at += n;
	return (ssize_t)n;
}

static int
mem_seek(void *cookie, off64_t *off, int whence)
{
	struct mem *m = cookie;
	off64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (off64_t)m->at : (off64_t)m->len;

	if (*off < -base) {
		errno = EINVAL;
		return -1;
	}
	*off += base;
	m->at = (size_t)*off;
	return 0;
}

static int
mem_close(void *cookie)
{
	struct mem *m = cookie;

	free(m->p);
	free(m);
	return 0;
}

FILE *
lxw_tmpfile(char *tmpdir)
{
	cookie_io_functions_t io = { mem_read, mem_write, mem_seek, mem_close };
	FILE *f = fopencookie(ecalloc(1, sizeof(struct mem)), "w+", io);

	(void)tmpdir;
	if (f == NULL)
		die("out of memory");
	return f;
}
