/* csv: CSV input through libcsv, as TAB-joined lines (see tsv_private.h). */
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "tsv.h"
#include "tsv_private.h"
#include "util.h"

/* CSV records parsed by libcsv, handed out one at a time as TAB-joined lines. */
struct csvq {
	struct csv_parser p;
	char *rec;		/* records, each NUL-terminated, TAB-joined */
	size_t len, cap, next;	/* next: offset of the next record to hand out */
	int nfield;		/* fields in the record being built */
	int badchar;		/* current record: a field held TAB or LF */
	char *flags;		/* per record: badchar, in order */
	size_t nrec, flagcap, nextrec;
	int curbad;		/* the record in lp held TAB or LF */
	size_t recstart;	/* offset in rec of the record being built */
};

static void
csv_field(void *s, size_t n, void *data)
{
	struct csvq *q = data;

	if (q->len + n + 2 > q->cap) {
		q->cap = (q->len + n + 2) * 2;
		q->rec = erealloc(q->rec, q->cap);
	}
	if (q->nfield++ > 0)
		q->rec[q->len++] = '\t';
	if (memchr(s, '\t', n) || memchr(s, '\n', n) || memchr(s, '\r', n))
		q->badchar = 1;
	memcpy(q->rec + q->len, s, n);
	q->len += n;
}

static void
csv_record(int c, void *data)
{
	struct csvq *q = data;

	(void)c;
	if (q->len + 1 > q->cap) {
		q->cap = (q->len + 1) * 2;
		q->rec = erealloc(q->rec, q->cap);
	}
	q->rec[q->len++] = '\0';
	if (q->nrec == q->flagcap) {
		q->flagcap = q->flagcap ? q->flagcap * 2 : 256;
		q->flags = erealloc(q->flags, q->flagcap);
	}
	q->flags[q->nrec++] = (char)q->badchar;
	q->recstart = q->len;
	q->nfield = 0;
	q->badchar = 0;
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
		}
		if (t->eof)
			return 0;
		n = gzr_read(t->in, t->buf, t->cap);
		if (n == 0) {
			t->eof = 1;
			if (csv_fini(&q->p, csv_field, csv_record, q) != 0)
				die("%s: record %ld: malformed CSV: %s", t->name,
				    t->line + 1, csv_strerror(csv_error(&q->p)));
		} else if (csv_parse(&q->p, t->buf, n, csv_field, csv_record, q) != n)
			die("%s: record %ld: malformed CSV: %s", t->name, t->line + 1,
			    csv_strerror(csv_error(&q->p)));
		/* The record being built: its fields so far and the one in libcsv. */
		if ((long)(q->len - q->recstart + q->p.entry_pos) >= LINE_MAX_BYTES)
			die("%s: record %ld: longer than %ld MiB (an unclosed quote?)",
			    t->name, t->line + 1 + (long)(q->nrec - q->nextrec),
			    LINE_MAX_BYTES >> 20);
	}
	t->lp = q->rec + q->next;
	t->ll = strlen(t->lp);
	q->next += t->ll + 1;
	q->curbad = q->flags[q->nextrec++];
	return 1;
}

void
csv_open(tsv *t)
{
	size_t k, comma = 0, semi = 0;
	char *nl;

	/* The delimiter: ';' when the header has more of them than ','. */
	t->end = gzr_read(t->in, t->buf, t->cap);
	nl = memchr(t->buf, '\n', t->end);
	for (k = 0; k < (nl ? (size_t)(nl - t->buf) : t->end); k++) {
		comma += t->buf[k] == ',';
		semi += t->buf[k] == ';';
	}
	t->csv = ecalloc(1, sizeof *t->csv);
	if (csv_init(&t->csv->p, CSV_STRICT | CSV_STRICT_FINI) != 0)
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
	t->eof = t->end == 0;
	if (t->eof && csv_fini(&t->csv->p, csv_field, csv_record, t->csv) != 0)
		die("%s: malformed CSV", t->name);

}

int
csv_bad(const tsv *t)
{
	return t->csv->curbad;
}

void
csv_close(struct csvq *q)
{
	csv_free(&q->p);
	free(q->rec);
	free(q->flags);
	free(q);
}
