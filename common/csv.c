/* csv: CSV input through libcsv, as TAB-joined lines (see tsv_private.h). */
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "tsv.h"
#include "tsv_private.h"
#include "util.h"

/*
 * CSV records parsed by libcsv, handed out one at a time as TAB-joined
 * lines. A TAB, CR or LF inside a field is kept as a space, and the field's
 * number is noted: csv_bad says whether the row reads one of those fields.
 */
struct csvq {
	struct csv_parser p;
	char *rec;		/* records, each NUL-terminated, TAB-joined */
	size_t len, cap, next;	/* next: offset of the next record to hand out */
	int nfield;		/* fields in the record being built */
	int *nbad;		/* per record: how many of its fields held TAB/LF */
	size_t *reclen;		/* per record: its length (a NUL byte may be in it) */
	size_t nrec, reccap, nextrec;
	int *bad;		/* those fields' numbers, record after record */
	size_t nb, badcap, nextbad;	/* nextbad: the next record's first */
	const int *curbad;	/* the record in lp: its fields that held TAB/LF */
	int ncurbad;
	size_t recstart;	/* offset in rec of the record being built */
	size_t badstart;	/* index in bad of the record being built */
	char last;		/* the last byte read: a whole file ends with LF */
	int endc;		/* what ended the last record or blank line */
};

static void
csv_field(void *s, size_t n, void *data)
{
	struct csvq *q = data;
	char *f;
	size_t i;

	if (q->len + n + 2 > q->cap) {
		q->cap = (q->len + n + 2) * 2;
		q->rec = erealloc(q->rec, q->cap);
	}
	if (q->nfield++ > 0)
		q->rec[q->len++] = '\t';
	f = memcpy(q->rec + q->len, s, n);
	q->len += n;
	if (!memchr(f, '\t', n) && !memchr(f, '\n', n) && !memchr(f, '\r', n))
		return;
	for (i = 0; i < n; i++)
		if (f[i] == '\t' || f[i] == '\n' || f[i] == '\r')
			f[i] = ' ';
	if (q->nb == q->badcap) {
		q->badcap = q->badcap ? q->badcap * 2 : 64;
		q->bad = erealloc(q->bad, q->badcap * sizeof *q->bad);
	}
	q->bad[q->nb++] = q->nfield - 1;
}

static void
csv_record(int c, void *data)
{
	struct csvq *q = data;
	int after_cr = q->endc == '\r';

	/*
	 * libcsv reports each line end outside a record (CSV_REPALL_NL): a
	 * blank line is an empty record, handed out to be rejected as TSV's
	 * are, so that no line goes uncounted; the LF of a CRLF is none.
	 */
	q->endc = c;
	if (q->nfield == 0 && c == '\n' && after_cr)
		return;
	if (q->len + 1 > q->cap) {
		q->cap = (q->len + 1) * 2;
		q->rec = erealloc(q->rec, q->cap);
	}
	q->rec[q->len++] = '\0';
	if (q->nrec == q->reccap) {
		q->reccap = q->reccap ? q->reccap * 2 : 256;
		q->nbad = erealloc(q->nbad, q->reccap * sizeof *q->nbad);
		q->reclen = erealloc(q->reclen, q->reccap * sizeof *q->reclen);
	}
	q->reclen[q->nrec] = q->len - 1 - q->recstart;
	q->nbad[q->nrec++] = (int)(q->nb - q->badstart);
	q->recstart = q->len;
	q->badstart = q->nb;
	q->nfield = 0;
}

static int
no_space(unsigned char c)
{
	(void)c;
	return 0;	/* fields are never trimmed */
}

/* Next CSV record into lp: parse chunks until one is complete. */
int
csv_line(tsv *t)
{
	struct csvq *q = t->csv;
	size_t n;

	while (q->nextrec == q->nrec) {
		if (q->next > 0) {	/* all handed out: keep a partial record */
			memmove(q->rec, q->rec + q->next, q->len - q->next);
			q->len -= q->next;
			q->recstart -= q->next;
			q->next = 0;
			q->nrec = q->nextrec = 0;
			if (q->nextbad > 0) {
				memmove(q->bad, q->bad + q->nextbad,
				    (q->nb - q->nextbad) * sizeof *q->bad);
				q->nb -= q->nextbad;
				q->badstart -= q->nextbad;
				q->nextbad = 0;
			}
		}
		if (t->eof)
			return 0;
		n = gzr_read(t->in, t->buf, t->cap);
		if (n == 0) {
			t->eof = 1;
			if (q->last != '\n')
				cut_short(t);
			if (csv_fini(&q->p, csv_field, csv_record, q) != 0)
				die("%s: record %ld: malformed CSV: %s", t->name,
				    t->line + 1, csv_strerror(csv_error(&q->p)));
		} else {
			q->last = t->buf[n - 1];
			if (csv_parse(&q->p, t->buf, n, csv_field, csv_record, q) != n)
				die("%s: record %ld: malformed CSV: %s", t->name,
				    t->line + 1, csv_strerror(csv_error(&q->p)));
		}
		/* The record being built: its fields so far and the one in libcsv. */
		if ((long)(q->len - q->recstart + q->p.entry_pos) >= LINE_MAX_BYTES)
			die("%s: record %ld: longer than %ld MiB (an unclosed quote?)",
			    t->name, t->line + 1 + (long)(q->nrec - q->nextrec),
			    LINE_MAX_BYTES >> 20);
	}
	t->lp = q->rec + q->next;
	t->ll = q->reclen[q->nextrec];	/* not strlen: a NUL is a bad row's */
	q->next += t->ll + 1;
	q->curbad = q->bad ? q->bad + q->nextbad : NULL;	/* none yet: NULL, not NULL + 0 */
	q->ncurbad = q->nbad[q->nextrec++];
	q->nextbad += (size_t)q->ncurbad;
	return 1;
}

void
csv_open(tsv *t)
{
	size_t k, comma = 0, semi = 0, head;
	char *nl;

	/* The delimiter: ';' when the header has more of them than ','. */
	t->end = gzr_read(t->in, t->buf, t->cap);
	nl = memchr(t->buf, '\n', t->end);
	head = nl ? (size_t)(nl - t->buf) : t->end;
	not_text(t, t->buf, head);
	for (k = 0; k < head; k++) {
		comma += t->buf[k] == ',';
		semi += t->buf[k] == ';';
	}
	if (comma == 0 && semi == 0 && memchr(t->buf, '\t', head))
		die("%s:1: read as CSV (a name ending .csv, or -i csv), but its header holds "
		    "tabs and no comma or semicolon: a TSV? name it .tsv", t->name);
	t->csv = ecalloc(1, sizeof *t->csv);
	if (csv_init(&t->csv->p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0)
		die("libcsv: csv_init failed");
	t->delim = semi > comma ? ';' : ',';
	csv_set_delim(&t->csv->p, (unsigned char)t->delim);
	csv_set_space_func(&t->csv->p, no_space);
	csv_set_blk_size(&t->csv->p, 64 << 10);	/* a long field grows fast */
	/* Skip an Excel byte order mark, then parse what was read. */
	k = t->end >= 3 && memcmp(t->buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	if (csv_parse(&t->csv->p, t->buf + k, t->end - k, csv_field,
	    csv_record, t->csv) != t->end - k)
		die("%s: malformed CSV: %s", t->name,
		    csv_strerror(csv_error(&t->csv->p)));
	t->csv->last = t->end > 0 ? t->buf[t->end - 1] : '\n';
	t->eof = t->end == 0;
	if (t->eof && csv_fini(&t->csv->p, csv_field, csv_record, t->csv) != 0)
		die("%s: malformed CSV", t->name);

}

/* The first column read whose field in this record held TAB/LF, or -1. */
int
csv_bad(const tsv *t)
{
	const struct csvq *q = t->csv;
	int i;

	for (i = 0; i < q->ncurbad; i++)
		if (q->curbad[i] < t->ncol && t->used[q->curbad[i]])
			return q->curbad[i];
	return -1;
}

void
csv_close(struct csvq *q)
{
	csv_free(&q->p);
	free(q->rec);
	free(q->nbad);
	free(q->reclen);
	free(q->bad);
	free(q);
}
