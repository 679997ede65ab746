/* gz: plain or gzip input and output over file descriptors (see gz.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* F_SETPIPE_SZ */
#endif
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gz.h"
#include "gz_engine.h"
#include "gz_private.h"
#include "util.h"

#define OUT_CAP	(1 << 18)	/* uncompressed bytes gathered before deflate */

struct gzw {
	int fd;
	char *name;
	char *whole;		/* gzw_create_whole: renamed to this once closed, or NULL */
	struct zout *z;		/* NULL: plain */
	unsigned char *buf;	/* pending uncompressed bytes */
	size_t len;
	unsigned char *ob;	/* compressed output */
	struct gzw *copy;	/* gets the same bytes (gzw_copy), or NULL */
};

/*
 * A pipe read or written is widened from 64 KiB to 1 MiB where the system
 * allows it (/proc/sys/fs/pipe-max-size; else it stays as it was): a
 * 256 KiB write goes in whole and the two sides of a pipe between filters
 * wake each other less often (the stair chain about 10 % less CPU and 15 %
 * less wall, bench/README.md). Memory is taken only as a pipe fills.
 */
static void
widen_pipe(int fd, const struct stat *st)
{
	if (S_ISFIFO(st->st_mode))
		(void)fcntl(fd, F_SETPIPE_SZ, 1 << 20);
}

/*
 * The files read and written so far, so that no output overwrites one of
 * them; a lock, as a thread may open a file while another makes one
 * (join-dream's figures beside its quality rows).
 */
static struct file_id {
	dev_t dev;
	ino_t ino;
} *inputs;
static size_t ninputs;
static pthread_mutex_t inputs_lock = PTHREAD_MUTEX_INITIALIZER;

static void
remember(const struct stat *st)
{
	if (!S_ISREG(st->st_mode))
		return;
	pthread_mutex_lock(&inputs_lock);
	inputs = erealloc(inputs, (ninputs + 1) * sizeof *inputs);
	inputs[ninputs].dev = st->st_dev;
	inputs[ninputs++].ino = st->st_ino;
	pthread_mutex_unlock(&inputs_lock);
}

/* An input opened: a file is remembered, a pipe widened. */
static void
remember_input(int fd)
{
	struct stat st;

	if (fstat(fd, &st) != 0)
		return;
	remember(&st);
	widen_pipe(fd, &st);
}

void
gz_will_read(const char *path)
{
	struct stat st;

	if (stat(path, &st) == 0)
		remember(&st);
}

/* Whether file descriptor fd is open on the file st. */
static int
same_as_fd(const struct stat *st, int fd)
{
	struct stat f;

	return fstat(fd, &f) == 0 && f.st_dev == st->st_dev && f.st_ino == st->st_ino;
}

/* Whether the regular file st is standard input (or output, with out), or a file read. */
static int
is_input(const struct stat *st, int out)
{
	size_t i;
	int found = 0;

	if (same_as_fd(st, 0) || (out && same_as_fd(st, 1)))
		return 1;
	pthread_mutex_lock(&inputs_lock);
	for (i = 0; i < ninputs && !found; i++)
		found = inputs[i].dev == st->st_dev && inputs[i].ino == st->st_ino;
	pthread_mutex_unlock(&inputs_lock);
	return found;
}

void
gz_will_write(const char *path)
{
	struct stat st;

	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && is_input(&st, 1))
		usage_fail("%s: the file is also an input or the output; write it elsewhere", path);
}

const char *
compressed_kind(const unsigned char *p, size_t n)
{
	if (n >= 6 && memcmp(p, "\xFD" "7zXZ\0", 6) == 0)
		return "xz-compressed";
	if (n >= 10 && memcmp(p, "BZh", 3) == 0 && p[3] >= '1' && p[3] <= '9' &&
	    memcmp(p + 4, "1AY&SY", 6) == 0)
		return "bzip2-compressed";
	if (n >= 4 && memcmp(p, "\x28\xB5\x2F\xFD", 4) == 0)
		return "zstd-compressed";
	if (n >= 4 && memcmp(p, "PK\3\4", 4) == 0)
		return "a zip archive";
	if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b)
		return "gzip-compressed";
	return NULL;
}

/* Keep the message of what went wrong for the reader; -1. */
static int
fail(gzr *r, const char *what, const char *detail)
{
	snprintf(r->err, sizeof r->err, "%s: %s%s", r->name, what, detail);
	return -1;
}

/* Read more compressed input; -1 with r->err on a read error. */
static int
fill(gzr *r)
{
	ssize_t n;

	if (r->pos > 0) {
		memmove(r->ib, r->ib + r->pos, r->end - r->pos);
		r->end -= r->pos;
		r->pos = 0;
	}
	while (!r->eof && r->end < IN_CAP) {
		n = read(r->fd, r->ib + r->end, IN_CAP - r->end);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return fail(r, "read error: ", strerror(errno));
		if (n == 0)
			r->eof = 1;
		r->end += (size_t)n;
		break;
	}
	return 0;
}

gzr *
gzr_open(const char *path)
{
	static int main_in, named_in;	/* standard input opened as such, as '-' */
	gzr *r = ecalloc(1, sizeof *r);
	const char *kind, *given = getenv("NOEGLETAL_STDIN");

	if (path == NULL || strcmp(path, "-") == 0) {
		/* '-' names standard input, which the main input is: read by
		 * two, each got the other's bytes or none, and the message
		 * blamed the main input (review AF, AF6); the main input opened
		 * again (import -e, a file after another) is the program's own */
		if (path ? main_in || named_in++ : named_in)
			usage_fail("standard input is read twice: an option's file named '-' "
			    "and the main input; name the file");
		main_in |= path == NULL;
		r->fd = 0;
		/* keyfigures' stages name an input given as delivered */
		r->name = estrdup(path == NULL && given && *given ? given : "<stdin>");
	} else {
		r->fd = open(path, O_RDONLY);
		if (r->fd < 0)
			die("%s: %s", path, strerror(errno));
		r->name = estrdup(path);
	}
	remember_input(r->fd);
	r->ib = emalloc(IN_CAP);
	while (!r->eof && r->end < 10)
		if (fill(r) < 0)
			die("%s", r->err);
	r->gzip = r->end >= 2 && r->ib[0] == 0x1f && r->ib[1] == 0x8b;
	if (!r->gzip && (kind = compressed_kind(r->ib, r->end)) != NULL)
		die("%s: the input is %s; this reads gzip or plain TSV only "
		    "(decompress it, or recompress it with gzip)", r->name, kind);
	if (r->gzip)
		r->z = zin_new();
	return r;
}

const char *
gzr_name(const gzr *r)
{
	return r->name;
}

static long
read_plain(gzr *r, char *buf, size_t n)
{
	ssize_t got;

	if (r->pos < r->end) {
		if (n > r->end - r->pos)
			n = r->end - r->pos;
		memcpy(buf, r->ib + r->pos, n);
		r->pos += n;
		return (long)n;
	}
	if (r->eof)
		return 0;
	do
		got = read(r->fd, buf, n);
	while (got < 0 && errno == EINTR);
	if (got < 0)
		return fail(r, "read error: ", strerror(errno));
	if (got == 0)
		r->eof = 1;
	return (long)got;
}

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/* The deferred member's trailer: what the engine holds, the rest from input. */
static int
read_trailer(gzr *r)
{
	unsigned char t[8];
	size_t have = zin_held(r->z, t), k;

	while (have < 8) {
		if (r->pos == r->end && (r->eof || fill(r) < 0 || r->pos == r->end))
			return r->err[0] ? -1 : fail(r, "truncated gzip stream", "");
		k = 8 - have < r->end - r->pos ? 8 - have : r->end - r->pos;
		memcpy(t + have, r->ib + r->pos, k);
		r->pos += k;
		have += k;
	}
	r->dec.known = 1;
	r->dec.end = r->out;
	r->dec.crc = le32(t);
	r->dec.len = le32(t + 4);
	return 0;
}

/* Up to n bytes of the stream; 0 only at a clean end, -1 with r->err. */
long
gz_decode(gzr *r, char *buf, size_t n)
{
	const unsigned char *in;
	unsigned char *out;
	size_t avail, room;
	const char *why;
	int st;

	if (!r->gzip)
		return read_plain(r, buf, n);
	for (;;) {
		if (!r->in_member) {
			/* Between members: a clean end, or the next member. */
			while (r->end - r->pos < 4 && !r->eof)
				if (fill(r) < 0)
					return -1;
			if (r->pos == r->end)
				return 0;
			if (r->end - r->pos < 2 || r->ib[r->pos] != 0x1f ||
			    r->ib[r->pos + 1] != 0x8b)
				return fail(r, "trailing garbage after gzip member", "");
			/* FLG bits 5-7 are reserved (RFC 1952): an unknown format. */
			if (r->end - r->pos >= 4 && (r->ib[r->pos + 2] != 8 ||
			    (r->ib[r->pos + 3] & 0xE0) != 0))
				return fail(r, "corrupt gzip stream: ", r->ib[r->pos + 2] != 8 ?
				    "a compression method other than deflate" :
				    "reserved flag bits set in the header");
			if (zin_member(r->z, r->ra == NULL || r->dec.deferred)) {
				r->dec.deferred = 1;
				r->dec.start = r->out;
			}
			r->in_member = 1;
		}
		if (r->pos == r->end && !r->eof && fill(r) < 0)
			return -1;
		in = r->ib + r->pos;
		avail = r->end - r->pos;
		out = (unsigned char *)buf;
		room = n;
		st = zin_step(r->z, &in, &avail, &out, &room, &why);
		r->pos = r->end - avail;
		if (st == ZS_ERR)
			return fail(r, "corrupt gzip stream: ", why);
		r->out += n - room;
		if (st == ZS_END) {
			r->in_member = 0;
			/* The deferred member is the one not yet known to have ended. */
			if (r->dec.deferred && !r->dec.known && read_trailer(r) < 0)
				return -1;
		}
		if (room < n)
			return (long)(n - room);
		if (st == ZS_MORE && r->pos == r->end && r->eof)
			return fail(r, "truncated gzip stream", "");
	}
}

size_t
gzr_read(gzr *r, char *buf, size_t n)
{
	long got = gz_decode(r, buf, n);

	if (got < 0)
		die("%s", r->err);
	return (size_t)got;
}

void
gzr_close(gzr *r)
{
	if (r->ra)
		gz_ahead_stop(r);
	if (r->fd > 0)
		close(r->fd);
	free(r->ib);
	if (r->z)
		zin_free(r->z);
	free(r->name);
	free(r);
}

static void
write_all(gzw *w, const unsigned char *p, size_t n)
{
	const unsigned char *q = p;
	size_t left = n;
	ssize_t k;

	while (left > 0) {
		k = write(w->fd, q, left);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			die("%s: write error: %s", w->name, strerror(errno));
		q += k;
		left -= (size_t)k;
	}
	if (w->copy)
		write_all(w->copy, p, n);
}

static gzw *
gzw_fd(int fd, const char *name, int level)
{
	gzw *w = ecalloc(1, sizeof *w);
	struct stat st;

	w->fd = fd;
	w->name = estrdup(name);
	if (fstat(fd, &st) == 0)
		widen_pipe(fd, &st);
	w->buf = emalloc(OUT_CAP);
	if (level >= 0) {
		w->z = zout_new(level);
		w->ob = emalloc(OUT_CAP);
	}
	return w;
}

/*
 * A new file: never one the program reads (a usage error, exit 2), and a
 * regular file that exists is removed first, so that the new one has mode
 * 0600 whatever the old one had. A symbolic link is never removed: it is
 * followed as the user made it (/dev/stderr), like /dev/null or a FIFO (a
 * regular file behind it made 0600); a link to nothing is refused (opening
 * it would create its target).
 */
gzw *
gzw_create(const char *path, int level)
{
	struct stat st;
	int fd, flags = O_WRONLY | O_CREAT | O_EXCL;

	if (strcmp(path, "-") == 0)	/* not a file named '-' (review AF, AF6) */
		usage_fail("-: an option's output is a file; standard output is the output");
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
		if (is_input(&st, 1))
			usage_fail("%s: the file is also an input or the output; write it "
			    "elsewhere", path);
		/* standard error's file (-r /dev/stderr with 2>>log): written
		 * where standard error writes, not truncated nor from its start */
		if (same_as_fd(&st, 2)) {
			if ((fd = dup(2)) < 0)
				die("%s: %s", path, strerror(errno));
			return gzw_fd(fd, path, level);
		}
	}
	if (lstat(path, &st) == 0) {
		if (S_ISLNK(st.st_mode) && stat(path, &st) != 0)
			die("%s: a symbolic link to nothing; remove it first", path);
		if (S_ISREG(st.st_mode) && lstat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			if (unlink(path) != 0)
				die("%s: %s", path, strerror(errno));
		} else	/* /dev/null, a FIFO, a link (/dev/stderr): as it is */
			flags = O_WRONLY | O_TRUNC;
	}
	if ((fd = open(path, flags, 0600)) < 0)
		die("%s: %s", path, strerror(errno));
	/* a regular file behind a link: 0600 too, as any file a filter writes */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 077) &&
	    fchmod(fd, 0600) != 0)
		die("%s: cannot make it mode 0600 (%s): write it elsewhere", path,
		    strerror(errno));
	remember_input(fd);	/* no second output (-r f -l f) replaces it */
	return gzw_fd(fd, path, level);
}

gzw *
gzw_create_whole(const char *path, int level)
{
	struct stat st;
	char part[PATH_MAX];
	gzw *w;

	if (lstat(path, &st) == 0 && (!S_ISREG(st.st_mode) || is_input(&st, 1) ||
	    same_as_fd(&st, 2)))
		return gzw_create(path, level);	/* a device, a link, an input: as there */
	epathf(part, sizeof part, "%s.part", path);
	w = gzw_create(part, level);
	w->whole = estrdup(path);
	return w;
}

void
gzw_copy(gzw *w, const char *path)
{
	w->copy = gzw_create(path, -1);
}

gzw *
gzw_out(int level)
{
	struct stat st;

	if (stdout_closed)
		die("standard output is closed: nowhere to write");
	/* (filter < f >> f would read what it writes, f growing) */
	if (fstat(1, &st) == 0 && S_ISREG(st.st_mode) && is_input(&st, 0))
		usage_fail("standard output is a file this program reads; write it elsewhere");
	return gzw_fd(1, "<stdout>", level);
}

/* Deflate (or write) the pending bytes; with finish, end the member. */
static void
flush(gzw *w, int finish)
{
	const unsigned char *in = w->buf;
	unsigned char *out;
	size_t avail = w->len, room;
	int done;

	if (w->z == NULL) {
		write_all(w, w->buf, w->len);
		w->len = 0;
		return;
	}
	do {
		out = w->ob;
		room = OUT_CAP;
		done = zout_step(w->z, &in, &avail, &out, &room, finish);
		write_all(w, w->ob, OUT_CAP - room);
	} while (avail > 0 || (finish && !done));
	w->len = 0;
}

void
gzw_write(gzw *w, const void *p, size_t n)
{
	const char *s = p;
	size_t k;

	while (n > 0) {
		k = OUT_CAP - w->len;
		if (k > n)
			k = n;
		memcpy(w->buf + w->len, s, k);
		w->len += k;
		s += k;
		n -= k;
		if (w->len == OUT_CAP)
			flush(w, 0);
	}
}

void
gzw_puts(gzw *w, const char *s)
{
	gzw_write(w, s, strlen(s));
}

void
gzw_printf(gzw *w, const char *fmt, ...)
{
	char small[512], *big;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		die("%s: format error", w->name);
	if ((size_t)n < sizeof small) {
		gzw_write(w, small, (size_t)n);
		return;
	}
	big = emalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	gzw_write(w, big, (size_t)n);
	free(big);
}

void
gzw_fields(gzw *w, const char *first, ...)
{
	const char *f;
	va_list ap;

	gzw_puts(w, first);
	va_start(ap, first);
	while ((f = va_arg(ap, const char *)) != NULL) {
		gzw_putc(w, '\t');
		gzw_puts(w, f);
	}
	va_end(ap);
}

void
gzw_close(gzw *w)
{
	flush(w, 1);
	if (close(w->fd) != 0)
		die("%s: close: %s", w->name, strerror(errno));
	if (w->whole != NULL && rename(w->name, w->whole) != 0)
		die("%s: %s", w->whole, strerror(errno));
	free(w->whole);
	if (w->copy)
		gzw_close(w->copy);
	free(w->buf);
	free(w->ob);
	if (w->z)
		zout_free(w->z);
	free(w->name);
	free(w);
}
