/*
 * merge: the figure streams of a keyfigures run in one. keyfigures' own
 * helper (PREFIX/libexec/noegletal), not a user's command.
 *
 *   merge OUT STREAM...
 *
 * Each STREAM is a figure stream (SPEC 1.2): its header, then its rows in
 * the order of KOMMUNE, DATO and NOEGLETAL (the id's parts as numbers, so
 * 7 < 7.1 < 10), as every filter writes them. OUT gets one header and
 * every stream's rows in that order, and the number of rows is printed.
 * A stream whose header is not the figure stream's, whose last line has no
 * line end, a row not of five fields (or with a CR), or whose rows are not
 * in that order (a key given twice
 * included, in one stream or two) is an error naming the stream and the
 * line: a merge would have given a misordered table without a word. Exit
 * 0, or 1 with a message (OUT is then not whole), 2 usage. One program
 * instead of awk and sort -m: on the run's serial tail a program is its
 * whole cost (bench/README.md).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HEADER "KOMMUNE\tDATO\tNOEGLETAL\tTAELLER\tNAEVNER\n"

struct stream {
	const char *name;
	char *text, *end;	/* the file; end is one past its last byte */
	char *row;		/* the row to merge next, NULL after the last */
	long line;		/* its line number */
	const char *kommune, *dato;	/* its key */
	size_t kommune_len, dato_len;
	long id;
};

/* A message "keyfigures: NAME:LINE: WHAT" (no LINE when 0), exit 1. */
static void __attribute__((noreturn))
fail(const char *name, long line, const char *what)
{
	if (line > 0)
		fprintf(stderr, "keyfigures: %s:%ld: %s\n", name, line, what);
	else
		fprintf(stderr, "keyfigures: %s: %s\n", name, what);
	exit(1);
}

static char *
slurp(const char *name, size_t *len)
{
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	ssize_t got;
	int fd = open(name, O_RDONLY);

	if (fd < 0 || buf == NULL)
		fail(name, 0, strerror(errno));
	while ((got = read(fd, buf + n, cap - n)) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			fail(name, 0, strerror(errno));
		if ((n += (size_t)got) == cap && (buf = realloc(buf, cap *= 2)) == NULL)
			fail(name, 0, strerror(errno));
	}
	close(fd);
	*len = n;
	return buf;
}

/* An id as a number, 7.1 = 701, 12 = 1200 (the order of sort -V); -1 if none. */
static long
id_number(const char *s, const char *end)
{
	long major = 0, minor = 0;
	int digits = 0;

	for (; s < end && *s >= '0' && *s <= '9' && digits < 4; s++, digits++)
		major = major * 10 + (*s - '0');
	if (digits == 0)
		return -1;
	if (s < end && *s == '.') {
		for (s++, digits = 0; s < end && *s >= '0' && *s <= '9' && digits < 2; s++, digits++)
			minor = minor * 10 + (*s - '0');
		if (digits == 0)
			return -1;
	}
	return s == end ? major * 100 + minor : -1;
}

/* The key of the stream's current row; the row after it is where rows go on. */
static void
key(struct stream *s)
{
	char *eol = memchr(s->row, '\n', (size_t)(s->end - s->row));
	char *t1 = memchr(s->row, '\t', (size_t)(eol - s->row));
	char *t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(eol - t1 - 1)) : NULL;
	char *t3 = t2 ? memchr(t2 + 1, '\t', (size_t)(eol - t2 - 1)) : NULL;
	char *t4 = t3 ? memchr(t3 + 1, '\t', (size_t)(eol - t3 - 1)) : NULL;

	/* Five fields, no CR: a row the report would read otherwise, or not. */
	if (t4 == NULL || memchr(t4 + 1, '\t', (size_t)(eol - t4 - 1)) != NULL ||
	    memchr(s->row, '\r', (size_t)(eol - s->row)) != NULL ||
	    (s->id = id_number(t2 + 1, t3)) < 0)
		fail(s->name, s->line, "not a row of a figure stream (five fields)");
	s->kommune = s->row;
	s->kommune_len = (size_t)(t1 - s->row);
	s->dato = t1 + 1;
	s->dato_len = (size_t)(t2 - t1 - 1);
}

static int
bytes_cmp(const char *a, size_t al, const char *b, size_t bl)
{
	int c = memcmp(a, b, al < bl ? al : bl);

	return c != 0 ? c : (al > bl) - (al < bl);
}

static int
key_cmp(const struct stream *a, const struct stream *b)
{
	int c = bytes_cmp(a->kommune, a->kommune_len, b->kommune, b->kommune_len);

	if (c == 0)
		c = bytes_cmp(a->dato, a->dato_len, b->dato, b->dato_len);
	return c != 0 ? c : (a->id > b->id) - (a->id < b->id);
}

int
main(int argc, char **argv)
{
	struct stream *s, last = { 0 };
	int n = argc - 2, i, best;
	long rows = 0;
	size_t len;
	FILE *out;
	char *eol;

	if (argc < 3) {
		fputs("usage: merge OUT STREAM...\n", stderr);
		return 2;
	}
	if ((s = calloc((size_t)n, sizeof *s)) == NULL)
		fail("merge", 0, strerror(errno));
	for (i = 0; i < n; i++) {
		s[i].name = argv[i + 2];
		s[i].text = slurp(s[i].name, &len);
		s[i].end = s[i].text + len;
		if (len < sizeof HEADER - 1 || memcmp(s[i].text, HEADER, sizeof HEADER - 1) != 0)
			fail(s[i].name, 1, "not a figure stream's header");
		if (s[i].end[-1] != '\n')
			fail(s[i].name, 0, "its last line has no line end (cut short)");
		s[i].row = s[i].text + sizeof HEADER - 1;
		s[i].line = 2;
		if (s[i].row == s[i].end)
			s[i].row = NULL;
		else
			key(&s[i]);
	}
	if ((out = fopen(argv[1], "w")) == NULL)
		fail(argv[1], 0, strerror(errno));
	fputs(HEADER, out);
	for (;;) {
		for (best = -1, i = 0; i < n; i++)
			if (s[i].row != NULL && (best < 0 || key_cmp(&s[i], &s[best]) < 0))
				best = i;
		if (best < 0)
			break;
		if (rows > 0 && key_cmp(&s[best], &last) <= 0)
			fail(s[best].name, s[best].line, key_cmp(&s[best], &last) == 0 &&
			    s[best].name != last.name ? "a figure another stream gives too" :
			    "a figure stream out of its order (KOMMUNE, DATO, NOEGLETAL)");
		last = s[best];
		eol = memchr(s[best].row, '\n', (size_t)(s[best].end - s[best].row));
		fwrite(s[best].row, 1, (size_t)(eol + 1 - s[best].row), out);
		rows++;
		s[best].row = eol + 1 == s[best].end ? NULL : eol + 1;
		s[best].line++;
		if (s[best].row != NULL)
			key(&s[best]);
	}
	if (ferror(out) | fclose(out))	/* both, whatever the first says */
		fail(argv[1], 0, errno != 0 ? strerror(errno) : "a write failed");
	printf("%ld\n", rows);
	return fflush(stdout) != 0 || ferror(stdout) ? 1 : 0;
}
