/* tsv: strict TSV and CSV reading, line by line and row by row (see tsv.h). */
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsv.h"
#include "tsv_private.h"
#include "util.h"

#define BUF_START	(256 << 10)

/*
 * Read-ahead: the next block, with the unfinished line (buf[pos..end))
 * copied in front of it, into the block's headroom when it fits, else
 * into the own buffer together with the block.
 */
static void
more_ahead(tsv *t)
{
	size_t left = t->end - t->pos, n;
	char *lp = t->buf + t->pos, *b, *old = t->blk;
	int in_own = t->buf == t->own;

	n = gzr_block(t->in, &b);
	if (n == 0) {
		t->eof = 1;
		return;
	}
	if (left <= GZR_HEADROOM) {
		memcpy(b - left, lp, left);
		t->buf = b - left;
		t->blk = b;
	} else {
		if ((long)left >= LINE_MAX_BYTES)
			die("%s:%ld: line longer than %ld MiB", t->name,
			    t->line + 1, LINE_MAX_BYTES >> 20);
		if (in_own && lp != t->own)
			memmove(t->own, lp, left);
		if (left + n + 1 > t->owncap) {
			t->owncap = left + n > 2 * t->owncap ? left + n : 2 * t->owncap;
			t->own = erealloc(t->own, t->owncap + 1);
		}
		if (!in_own)
			memcpy(t->own, lp, left);
		memcpy(t->own + left, b, n);
		gzr_release(t->in, b);
		t->buf = t->own;
		t->blk = NULL;
	}
	if (old)
		gzr_release(t->in, old);
	t->pos = 0;
	t->end = left + n;
}

/* Read more of the stream into buf, growing it for a long line. */
static void
more(tsv *t)
{
	size_t n;

	if (t->own) {
		more_ahead(t);
		return;
	}
	if (t->pos > 0) {
		memmove(t->buf, t->buf + t->pos, t->end - t->pos);
		t->end -= t->pos;
		t->pos = 0;
	}
	if (t->end == t->cap) {
		if ((long)t->cap >= LINE_MAX_BYTES)
			die("%s:%ld: line longer than %ld MiB", t->name,
			    t->line + 1, LINE_MAX_BYTES >> 20);
		t->cap *= 2;
		t->buf = erealloc(t->buf, t->cap + 1);
	}
	n = gzr_read(t->in, t->buf + t->end, t->cap - t->end);
	if (n == 0)
		t->eof = 1;
	t->end += n;
}

/* buf[pos..nl) becomes the current line; pos moves past its LF. */
static void
take_line(tsv *t, char *nl)
{
	*nl = '\0';
	t->lp = t->buf + t->pos;
	t->ll = (size_t)(nl - t->lp);
	t->pos = (size_t)(nl - t->buf) + 1;
}

/* The fields found in f (ncol of them) made strings: each TAB a NUL. */
static void
end_fields(tsv *t)
{
	int i;

	for (i = 1; i < t->ncol; i++)
		t->f[i][-1] = '\0';
	t->nf = t->ncol;
}

/*
 * A last line without its LF: the file was cut short (a copy that stopped,
 * a full disk), and its last field may be cut too (an amount, an end date
 * gone: a record still running). Every line of a stream ends with LF.
 */
void
cut_short(const tsv *t)
{
	die("%s:%ld: the last line has no line end: the file is cut short "
	    "(if it is whole, end its last line)", t->name, t->line + 1);
}

/*
 * The next line; a line longer than what is read at a time is searched
 * for its LF only in what each read adds (more() keeps the line's start
 * at pos), so a long line costs its length, not its length squared.
 */
static int
next_line(tsv *t)
{
	char *nl;
	size_t seen = 0;	/* bytes from pos known to hold no LF */

	if (t->csv) {
		if (!csv_line(t))
			return 0;
	} else {
		for (;;) {
			nl = memchr(t->buf + t->pos + seen, '\n', t->end - t->pos - seen);
			if (nl != NULL)
				break;
			if (t->eof) {
				if (t->pos == t->end)
					return 0;
				if (t->line == 0)
					not_compressed(t, t->buf + t->pos, t->end - t->pos);
				cut_short(t);
			}
			seen = t->end - t->pos;
			more(t);
		}
		take_line(t, nl);
	}
	t->line++;
	if (t->line > 1)
		t->rows++;
	t->nf = 0;
	return 1;
}

int
tsv_line(tsv *t)
{
	for (;;) {
		if (!next_line(t))
			return 0;
		if (t->ll != t->headlen || !head_repeated(t))
			return 1;
		t->heads++;
		if (acct_is_main(t))
			acct_drop("repeated-header");
	}
}

#if defined(__SSE2__)
/* Bit i set where byte i of v is c. */
static unsigned
eq16(__m128i v, char c)
{
	return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(c)));
}
#endif

int
tsv_field_starts(char *p, size_t len, char **f, int max)
{
	size_t i = 0;
	int n = 1;

	if (max > 0)
		f[0] = p;
#if defined(__SSE2__)
	/*
	 * 16 bytes at a time; the last r < 16 bytes are the end of the last
	 * 16 of the line, or of a copy when the line is shorter: nothing is
	 * read beyond the line.
	 */
	char copy[16] = { 0 };
	unsigned tabs, nuls, r, skip;
	__m128i v;

	for (; i < len; i += 16) {
		r = len - i < 16 ? (unsigned)(len - i) : 16;
		skip = 0;
		if (r == 16)
			v = _mm_loadu_si128((const __m128i *)(p + i));
		else if (len >= 16) {
			v = _mm_loadu_si128((const __m128i *)(p + len - 16));
			skip = 16 - r;
		} else {
			memcpy(copy, p, len);
			v = _mm_loadu_si128((const __m128i *)copy);
		}
		tabs = eq16(v, '\t') >> skip & ((1u << r) - 1);
		nuls = (eq16(v, '\0') | eq16(v, '\r')) >> skip & ((1u << r) - 1);
		if (nuls)
			return -1;
		for (; tabs; tabs &= tabs - 1, n++)
			if (n <= max)
				f[n] = p + i + __builtin_ctz(tabs) + 1;
	}
#else
	for (; i < len; i++) {
		if (p[i] == '\0' || p[i] == '\r')
			return -1;
		if (p[i] == '\t' && n <= max)
			f[n] = p + i + 1;
		n += p[i] == '\t';
	}
#endif
	if (n <= max)
		f[n] = p + len + 1;
	return n;
}

size_t
tsv_ahead(const tsv *t, const char **p)
{
	*p = t->buf + t->pos;
	return t->csv ? 0 : t->end - t->pos;
}

int
tsv_split(tsv *t)
{
	int n;

	if (t->ll > 0 && t->lp[t->ll - 1] == '\r') {
		reject(t, -1, "line ends in CR (CRLF line endings; convert with dos2unix)");
		return 0;
	}
	if (t->csv && (n = csv_bad(t)) >= 0) {
		char what[200];

		snprintf(what, sizeof what, "column '%.80s' holds a TAB or a line break",
		    t->head[n]);
		reject(t, -1, what);
		return 0;
	}
	if (t->ll == 0 && t->ncol > 1) {
		reject(t, -1, "a blank line");
		return 0;
	}
	if ((n = tsv_field_starts(t->lp, t->ll, t->f, t->ncol)) < 0) {
		reject(t, -1, memchr(t->lp, '\0', t->ll) ? "NUL byte in line" :
		    "a CR byte inside a field (a lone carriage return)");
		return 0;
	}
	if (n != t->ncol) {
		char what[80];

		snprintf(what, sizeof what, "%d fields where the header has %d",
		    n, t->ncol);
		reject(t, -1, what);
		return 0;
	}
	end_fields(t);
	return 1;
}

#if defined(__SSE2__)
/*
 * A row whose line lies whole in the buffer, in one pass over its bytes
 * (line end and fields, 16 bytes at a time); 0, with nothing changed,
 * when the line's end is not there or the row is not plainly good (a NUL,
 * a CR, a wrong field count): the careful path then takes it.
 */
static int
row_fast(tsv *t)
{
	char *p = t->buf + t->pos, *e = t->buf + t->end, *end;
	unsigned tabs, nl, nul, first;
	size_t i;
	int n = 1;

	for (i = 0; p + i + 16 <= e; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(p + i));

		tabs = eq16(v, '\t');
		nl = eq16(v, '\n');
		nul = eq16(v, '\0') | eq16(v, '\r');	/* the careful path names them */
		if ((nl | nul) != 0) {
			first = (unsigned)__builtin_ctz(nl | nul);
			if (!(nl >> first & 1))
				return 0;
			tabs &= (1u << first) - 1;
		}
		for (; tabs; tabs &= tabs - 1, n++)
			if (n < t->ncol)
				t->f[n] = p + i + __builtin_ctz(tabs) + 1;
		if (nl | nul)
			break;
	}
	if (p + i + 16 > e || n != t->ncol)
		return 0;
	end = p + i + first;
	if ((size_t)(end - p) == t->headlen)
		return 0;	/* perhaps the header again: tsv_line looks */
	t->f[0] = p;
	end_fields(t);
	take_line(t, end);
	t->line++;
	t->rows++;	/* the header was line 1 */
	return 1;
}
#else
static int
row_fast(tsv *t)
{
	(void)t;
	return 0;
}
#endif

int
tsv_row(tsv *t)
{
	for (;;) {
		if (t->csv == NULL && row_fast(t))
			return 1;
		if (!tsv_line(t))
			return 0;
		if (tsv_split(t))
			return 1;
	}
}

tsv *
tsv_open(const char *path, int flags)
{
	return tsv_open_as(path, NULL, flags);
}

tsv *
tsv_open_as(const char *path, const char *name, int flags)
{
	int csv = flags & TSV_CSV;
	tsv *t = ecalloc(1, sizeof *t);

	t->headlen = (size_t)-1;	/* no header yet: nothing repeats it */
	t->in = gzr_open(path);
	t->name = name ? name : gzr_name(t->in);
	t->cap = BUF_START;
	t->buf = emalloc(t->cap + 1);
	if ((flags & TSV_AHEAD) && !csv && gzr_readahead(t->in)) {
		t->own = t->buf;	/* every byte through the thread */
		t->owncap = t->cap;
	}
	if (csv)
		csv_open(t);
	if (!next_line(t))
		die("%s: empty input: no header line", t->name);
	head_read(t);
	return t;
}

void
tsv_put_row(gzw *w, const tsv *t)
{
	int i;

	if (t->nf == 0) {	/* not split: the line as it came */
		gzw_write(w, t->lp, t->ll);
		return;
	}
	/* The fields lie where the line was: the TABs put back for one write. */
	for (i = 1; i < t->nf; i++)
		t->f[i][-1] = '\t';
	gzw_write(w, t->lp, t->ll);
	for (i = 1; i < t->nf; i++)
		t->f[i][-1] = '\0';
}

void
tsv_close(tsv *t)
{
	int i;

	acct_closing(t);
	if (t->in)
		gzr_close(t->in);
	for (i = 0; i < t->ncol && t->head; i++)
		free(t->head[i]);
	free(t->head);
	free(t->headline);
	free(t->hslot);
	free(t->used);
	free(t->f);
	free(t->own ? t->own : t->buf);
	if (t->csv)
		csv_close(t->csv);
	free(t);
}

