/* util: messages, checked allocation, checked number parsing, common options. */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "gz.h"
#include "util.h"

#ifndef NOEGLETAL_VERSION
#define NOEGLETAL_VERSION "unknown"	/* the Makefile passes the file VERSION */
#endif

const char *argv0 = "noegletal";
int stdout_closed;

/*
 * The heap made to begin on a 2 MiB boundary (the break moved, no memory
 * touched): where glibc is asked for huge pages (keyfigures does), the
 * heap's first 2 MiB are one then, not 512 page faults (bench/README.md).
 */
static void
heap_align(void)
{
	uintptr_t pad = -(uintptr_t)sbrk(0) & ((2u << 20) - 1);

	if (pad)
		(void)sbrk((intptr_t)pad);
}

void
prog_init(int argc, char **argv)
{
	const char *slash;
	int fd;

	if (argv[0] != NULL) {
		slash = strrchr(argv[0], '/');
		argv0 = slash ? slash + 1 : argv[0];
		argv[0] = (char *)argv0;	/* getopt's own messages name it so too */
	}
	/*
	 * A standard stream the caller closed would be the next file opened:
	 * a reject file would get the rows (target-filter -r rej.tsv >&-).
	 * /dev/null holds its place: no input, and output to it an error.
	 */
	for (fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) == -1) {
			if (open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY) != fd)
				exit(1);
			stdout_closed |= fd == 1;
		}
	if (argc == 2 && strcmp(argv[1], "--version") == 0) {
		printf("%s (noegletal) %s, gzip engine %s\n", argv0, NOEGLETAL_VERSION,
		    gz_engine);
		text_end();
	}
	/* Inputs hold person numbers: everything we create is private. */
	umask(077);
	heap_align();
}

/*
 * The end of -h or --version: exit 0 once the text is written. Standard
 * output closed (it went to /dev/null) or a write failing (a full disk) is
 * said, exit 1: the text was not given.
 */
void
text_end(void)
{
	int err;

	if (stdout_closed)
		die("standard output is closed: nowhere to write");
	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		err = errno;
		die("<stdout>: write error: %s", err ? strerror(err) : "a write failed");
	}
	exit(0);
}

/* A message as one line, in one write: processes side by side never mix theirs. */
static void
vmsg(const char *fmt, va_list ap)
{
	char line[8192];
	int n = snprintf(line, sizeof line, "%s: ", argv0);

	if (n < 0 || (size_t)n >= sizeof line)
		n = 0;
	vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
	fprintf(stderr, "%s\n", line);
}

void (*before_die)(void);

void
die(const char *fmt, ...)
{
	void (*first)(void) = before_die;
	va_list ap;

	before_die = NULL;
	if (first)
		first();
	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	exit(1);
}

void
warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

void
usage_die(const char *synopsis)
{
	fprintf(stderr, "usage: %s\n", synopsis);
	exit(2);
}

void
usage_why(const char *synopsis, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	usage_die(synopsis);
}

void
usage_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	exit(2);
}

void
epathf(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, cap, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= cap)
		die("%.60s...: path too long (%d bytes; at most %zu)", buf, n,
		    cap - 1);
}

void *
emalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		die("out of memory (%zu bytes)", n);
	return p;
}

void *
ecalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		die("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

void *
erealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		die("out of memory (%zu bytes)", n);
	return p;
}

char *
estrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(emalloc(n), s, n);
}

int
parse_uint(const char *s, long *v)
{
	long x = 0;
	int n = 0;

	for (; *s; s++, n++) {
		if (*s < '0' || *s > '9' || n >= 18)
			return 0;
		x = x * 10 + (*s - '0');
	}
	if (n == 0)
		return 0;
	*v = x;
	return 1;
}

/*
 * A number: optional sign, digits, at most one '.' or ',' followed by
 * digits, and optionally an exponent (e or E, optional sign, digits: the
 * figure streams' %.17g writes 5.5e-06). No thousands separators
 * ("1.000,50" is bad), no spaces. Converted with strtod on a '.' copy;
 * but at most 15 digits without an exponent are m / 10^k, m and 10^k
 * exact doubles, so one division rounds as strtod does (Clinger's fast
 * path): most counts and shares read are such (a third of the time the
 * report took to read the quality account was strtod's).
 */
int
parse_double(const char *s, double *v)
{
	static const double p10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
		1e11, 1e12, 1e13, 1e14, 1e15 };
	char buf[64];
	size_t i = 0, digits = 0, frac = 0;
	int point = 0, neg = *s == '-';
	uint64_t m = 0;

	if (*s == '+' || *s == '-')
		buf[i++] = *s++;
	for (; *s; s++) {
		if (i >= sizeof buf - 1)
			return 0;
		if (*s >= '0' && *s <= '9') {
			buf[i++] = *s;
			m = m * 10 + (uint64_t)(*s - '0');	/* used at 15 digits or fewer */
			digits++;
			frac += point;
		} else if ((*s == '.' || *s == ',') && !point && digits) {
			buf[i++] = '.';
			point = 1;
			if (s[1] < '0' || s[1] > '9')
				return 0;
		} else if ((*s == 'e' || *s == 'E') && digits) {
			buf[i++] = *s++;
			if (*s == '+' || *s == '-')
				buf[i++] = *s++;
			if (*s == '\0' || strspn(s, "0123456789") != strlen(s) ||
			    i + strlen(s) >= sizeof buf)
				return 0;
			strcpy(buf + i, s);
			i += strlen(s);
			break;
		} else
			return 0;
	}
	if (digits == 0)
		return 0;
	if (*s == '\0' && digits <= 15) {	/* no exponent */
		*v = (double)m / p10[frac];
		*v = neg ? -*v : *v;
		return 1;
	}
	buf[i] = '\0';
	errno = 0;
	*v = strtod(buf, NULL);
	return errno == 0;
}

/*
 * A number of a stream a program wrote (a figure stream, the quality rows,
 * a forecast): '.' its only decimal mark (SPEC 1.2; "2,5" was read as 2.5:
 * review Z, Z6).
 */
int
parse_point(const char *s, double *v)
{
	return strchr(s, ',') == NULL && parse_double(s, v);
}

/* An option's number as written by hand: digits [(.|,) digits], no sign, no exponent. */
int
parse_plain(const char *s, double *v)
{
	return *s >= '0' && *s <= '9' && strpbrk(s, "+-eE") == NULL && parse_double(s, v);
}

/*
 * Digits in thousands groups: "1.500.000" with sep '.': the first group
 * 1-3 digits, each later one exactly 3. Copies the digits to buf at *i;
 * returns the number of characters of s used, 0 when malformed.
 */
static size_t
grouped(const char *s, char sep, char *buf, size_t *i, size_t cap)
{
	size_t k, run = 0;
	int groups = 0;

	for (k = 0;; k++) {
		if (s[k] >= '0' && s[k] <= '9') {
			if (*i >= cap - 1)
				return 0;
			buf[(*i)++] = s[k];
			run++;
		} else if (s[k] == sep) {
			if (run == 0 || (groups == 0 ? run > 3 : run != 3))
				return 0;
			groups++;
			run = 0;
		} else
			break;
	}
	if (run == 0 || (groups > 0 && run != 3))
		return 0;
	return k;
}

/*
 * "[-]digits[.digits]" times 10^shift in millionths, exact; a 7th decimal
 * (of the product) of 5 or more rounds the 6th up (away from 0); 0 beyond
 * what a long long holds.
 */
static int
micro_of(const char *s, int shift, long long *v)
{
	long long x = 0;
	int neg = *s == '-', decimals = -1;

	if (*s == '+' || *s == '-')
		s++;
	for (; *s && decimals < 6 + shift; s++) {
		if (*s == '.') {
			decimals = 0;
			continue;
		}
		if (x > (LLONG_MAX - 9) / 10)
			return 0;
		x = x * 10 + (*s - '0');
		decimals += decimals >= 0;
	}
	for (decimals = decimals < 0 ? 0 : decimals; decimals < 6 + shift; decimals++) {
		if (x > LLONG_MAX / 10)
			return 0;
		x *= 10;
	}
	if (*s >= '5' && x++ == LLONG_MAX)
		return 0;
	*v = neg ? -x : x;
	return 1;
}

int
amount_style(int delim)
{
	return delim == ';' ? AMOUNT_DK : delim == ',' ? AMOUNT_EN : AMOUNT_TSV;
}

int
parse_amount(const char *s, int style, int shift, long long *micro)
{
	char buf[64], sep = style == AMOUNT_DK ? '.' : ',';
	char mark = style == AMOUNT_DK ? ',' : '.';
	size_t i = 0, k;

	if (*s == '+' || *s == '-')
		buf[i++] = *s++;
	if (style == AMOUNT_TSV) {	/* no groups; '.' or ',' marks the decimals */
		k = strspn(s, "0123456789");
		if (k == 0 || i + k >= sizeof buf - 1)
			return 0;
		memcpy(buf + i, s, k);
		i += k;
		mark = s[k] == ',' ? ',' : '.';
	} else if ((k = grouped(s, sep, buf, &i, sizeof buf)) == 0)
		return 0;
	s += k;
	if (*s == mark) {
		buf[i++] = '.';
		for (s++, k = 0; *s >= '0' && *s <= '9' && i < sizeof buf - 1; s++, k++)
			buf[i++] = *s;
		if (k == 0)
			return 0;
	}
	if (*s != '\0')
		return 0;
	buf[i] = '\0';
	return micro_of(buf, shift, micro);
}

size_t
pnr_span(const char *s)
{
	static unsigned char ok[256];
	size_t n;
	int c;

	if (!ok['0']) {
		for (c = 0; c < 256; c++)
			ok[c] = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
			    (c >= 'a' && c <= 'z') || c == '_' || c == '-';
	}
	for (n = 0; ok[(unsigned char)s[n]]; n++)
		;
	return n;
}

int
pnr_ok(const char *s)
{
	size_t n = pnr_span(s);

	return n > 0 && n <= 32 && s[n] == '\0';
}

void *
grow_to(void *p, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 64;

	while (n < need)
		n *= 2;
	p = erealloc(p, n * size);
	*cap = n;
	return p;
}

int
find_int(const int *a, int n, int v)
{
	int lo = 0, hi = n - 1, mid;

	while (lo <= hi) {
		mid = lo + (hi - lo) / 2;
		if (a[mid] == v)
			return mid;
		if (a[mid] < v)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static const char *
class_name(int cls, long n)
{
	return cls == 'd' ? (n == 1 ? "digit" : "digits") :
	    (n == 1 ? "letter" : "letters");
}

char *
key_form(const char *s, size_t n, char *out, size_t cap)
{
	size_t i = 0, o = 0, runs = 0;
	int cls, c;
	long len;

	out[0] = '\0';
	while (i < n && o + 40 < cap) {
		c = (unsigned char)s[i];
		cls = c >= '0' && c <= '9' ? 'd' : (c >= 'A' && c <= 'Z') ||
		    (c >= 'a' && c <= 'z') ? 'a' : 0;
		if (runs++ > 0)
			o += (size_t)snprintf(out + o, cap - o, ", ");
		if (cls == 0) {
			o += (size_t)(c >= 0x21 && c < 0x7f && c != '\'' ?
			    snprintf(out + o, cap - o, "'%c'", c) :
			    snprintf(out + o, cap - o, "byte 0x%02X", c));
			i++;
			continue;
		}
		for (len = 0; i < n; i++, len++) {
			c = (unsigned char)s[i];
			if (cls != (c >= '0' && c <= '9' ? 'd' : (c >= 'A' && c <= 'Z') ||
			    (c >= 'a' && c <= 'z') ? 'a' : 0))
				break;
		}
		o += (size_t)snprintf(out + o, cap - o, "%ld %s", len,
		    class_name(cls, len));
	}
	if (i < n)
		snprintf(out + o, cap - o, ", ...");
	return out;
}

int
pnr_shaped(const char *s)
{
	size_t i, digits = 0;

	for (i = 0; s[i]; i++)
		digits += s[i] >= '0' && s[i] <= '9';
	if (digits < 8)
		return 0;
	/* An ISO date: YYYY-MM-DD, exactly. */
	return !(i == 10 && s[4] == '-' && s[7] == '-' && digits == 8);
}

char **
comma_list(const char *arg, const char *what, int *n)
{
	char *list = estrdup(arg), *s, **items, shown[160];

	items = emalloc(sizeof *items * (strlen(list) + 1));
	for (s = list, *n = 0;; s++) {
		items[*n] = s;
		s += strcspn(s, ",");
		if (s == items[*n])
			usage_fail("%s in the list: %s", what, show_value(arg, shown, sizeof shown));
		++*n;
		if (*s == '\0')
			return items;
		*s = '\0';
	}
}

char *
show_value(const char *v, char *out, size_t cap)
{
	char q[128];
	size_t o = 0;
	int n;

	if (pnr_shaped(v)) {
		n = snprintf(out, cap, "a value of the form ");
		key_form(v, strlen(v), out + n, cap - (size_t)n);
		return out;
	}
	for (; *v && o + 8 < sizeof q; v++) {
		unsigned char c = (unsigned char)*v;

		if (c >= 0x20 && c < 0x7f && c != '"')
			q[o++] = (char)c;
		else
			o += (size_t)snprintf(q + o, sizeof q - o, "\\x%02X", c);
	}
	if (*v)
		o += (size_t)snprintf(q + o, sizeof q - o, "...");
	q[o] = '\0';
	snprintf(out, cap, "\"%s\"", q);
	return out;
}

const char *
show_code(const char *code, char *out, size_t cap)
{
	size_t span = strspn(code, "0123456789.,"), n;

	if (code[span] == '\0' && strpbrk(code, ".,") && !pnr_shaped(code))
		return code;
	n = (size_t)snprintf(out, cap, "a value of the form ");
	key_form(code, strlen(code), out + n, cap - n);
	return out;
}

/* Whether the n bytes at s are UTF-8. */
int
utf8_ok(const unsigned char *s, size_t n)
{
	size_t i = 0;
	int k;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		k = s[i] >= 0xF0 && s[i] <= 0xF4 ? 3 : s[i] >= 0xE0 && s[i] < 0xF0 ?
		    2 : s[i] >= 0xC2 && s[i] < 0xE0 ? 1 : -1;
		if (k < 0 || i + (size_t)k >= n)
			return 0;
		for (i++; k > 0; k--, i++)
			if ((s[i] & 0xC0) != 0x80)
				return 0;
	}
	return 1;
}

void
check_encoding(const char *name)
{
	iconv_t cd = iconv_open("UTF-8", name);
	char shown[160];

	if (cd == (iconv_t)-1)
		usage_fail("-e: unknown encoding: %s", show_value(name, shown, sizeof shown));
	iconv_close(cd);
}

/* The folder of path, the part before its last slash ("." without one). */
static void
folder_of(const char *path, char *buf, size_t cap)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		epathf(buf, cap, ".");
	else if (slash == path)
		epathf(buf, cap, "/");
	else
		epathf(buf, cap, "%.*s", (int)(slash - path), path);
}

/*
 * Is path there (and, if nonempty, holding something)? Another error dies,
 * and so does a path there that is no regular file (a folder "held
 * something": review T, T8).
 */
static int
file_there(const char *path, int nonempty)
{
	struct stat st;

	if (stat(path, &st) == 0) {
		if (!S_ISREG(st.st_mode))
			die("%s: not a regular file", path);
		return !nonempty || st.st_size > 0;
	}
	if (errno != ENOENT)
		die("%s: %s", path, strerror(errno));
	return 0;
}

void
await_file(const char *path, int nonempty)
{
	static int fd = -2;	/* kept: a close waits for the kernel (util.h) */
	const struct timespec nap = { 0, 1000000L };
	char dir[PATH_MAX], events[4096];
	struct pollfd p;
	struct stat st;
	int wd = -1;

	if (fd == -2)
		fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	folder_of(path, dir, sizeof dir);
	if (!file_there(path, nonempty) && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)))
		die("%s: no folder %s for it to come in", path, dir);	/* (it waited for ever) */
	if (fd >= 0)
		wd = inotify_add_watch(fd, dir, IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE);
	p = (struct pollfd){ fd, POLLIN, 0 };
	while (!file_there(path, nonempty)) {
		if (wd < 0)
			nanosleep(&nap, NULL);
		else if (poll(&p, 1, 50) > 0)
			while (read(fd, events, sizeof events) > 0)
				;
	}
	if (wd >= 0)
		inotify_rm_watch(fd, wd);
}
