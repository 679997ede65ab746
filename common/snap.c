/* snap: loading a snapshot for a join (see snap.h). */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "field.h"
#include "snap.h"
#include "tables.h"
#include "tsv.h"
#include "util.h"

struct row {
	int dato, person;
	short kommune;
	unsigned short steps;
};

void
snap_put_row(gzw *out, const char dato[10], const char *key, size_t len,
    int kommune, int trin, unsigned steps)
{
	char row[80], *p;	/* DATO PNR (at most 32) KOMMUNE TRIN TRIN_SET */
	int i;

	memcpy(row, dato, 10);
	row[10] = '\t';
	memcpy(row + 11, key, len);
	p = row + 11 + len;
	*p++ = '\t';
	*p++ = (char)('0' + kommune / 100);
	*p++ = (char)('0' + kommune / 10 % 10);
	*p++ = (char)('0' + kommune % 10);
	*p++ = '\t';
	*p++ = (char)('0' + trin);
	*p++ = '\t';
	for (i = 0; i <= 8; i++)
		if (steps & (1u << i)) {
			*p++ = (char)('0' + i);
			*p++ = ',';
		}
	p[-1] = '\n';
	gzw_write(out, row, (size_t)(p - row));
}

void
snap_cols(tsv *t, struct snap_cols *c, int with_set)
{
	c->dato = tsv_col(t, "DATO");
	c->pnr = tsv_col(t, "PNR");
	c->kommune = tsv_col(t, "KOMMUNE");
	c->trin = with_set ? tsv_find(t, "TRIN") : tsv_col(t, "TRIN");	/* joins read TRIN_SET */
	c->set = with_set ? tsv_col(t, "TRIN_SET") : -1;
	c->last[0] = '\0';
}

int
snap_dato(tsv *t, struct snap_cols *c, int *day)
{
	if (c->last[0] && strcmp(t->f[c->dato], c->last) == 0) {
		*day = c->day;
		return 1;
	}
	if (!field_cut(t, c->dato, day)) {
		c->last[0] = '\0';
		return 0;
	}
	memcpy(c->last, t->f[c->dato], sizeof c->last);
	c->day = *day;
	return 1;
}

/* "2,5" as bits; 0 when not a comma-separated ascending list of 0-8. */
static unsigned
parse_steps(const char *s)
{
	unsigned bits = 0;
	int last = -1;

	for (;;) {
		if (*s < '0' || *s > '8' || *s - '0' <= last)
			return 0;
		last = *s - '0';
		bits |= 1u << last;
		if (s[1] == '\0')
			return bits;
		if (s[1] != ',')
			return 0;
		s += 2;
	}
}

/*
 * The persons of one cut date in row order: rows come by DATO, then PNR, so
 * most persons of a date are found by a merge with the date before, in
 * memory read in order, without a hash probe.
 */
struct day {
	char *keys;		/* NUL-terminated, one after another */
	size_t len, cap;
	int *id;
	int n, ncap;
};

static void
day_add(struct day *d, const char *key, int id)
{
	size_t n = strlen(key) + 1;

	if (d->len + n > d->cap) {
		d->cap = (d->len + n) * 2;
		d->keys = erealloc(d->keys, d->cap);
	}
	memcpy(d->keys + d->len, key, n);
	d->len += n;
	if (d->n == d->ncap) {
		d->ncap = d->ncap ? d->ncap * 2 : 1024;
		d->id = erealloc(d->id, sizeof *d->id * (size_t)d->ncap);
	}
	d->id[d->n++] = id;
}

/* The person of key: from the merge with the date before, else from the set. */
static int
person_of(struct snap *s, struct day *before, size_t *at, int *i, const char *key)
{
	int c = 1;

	while (*i < before->n && (c = strcmp(before->keys + *at, key)) < 0) {
		*at += strlen(before->keys + *at) + 1;
		++*i;
	}
	if (c == 0)
		return before->id[*i];
	if (!pnr_ok(key))
		return -1;
	return ps_add(s->persons, key, strlen(key));
}

struct snap *
snap_load(const char *path)
{
	struct snap *s = ecalloc(1, sizeof *s);
	tsv *t = tsv_open(path, TSV_AHEAD);
	struct snap_cols c;
	struct row *rows = NULL;
	size_t n = 0, cap = 0, i;
	int dato, prev = -1, kom, d, np, person, in_before = 0;
	unsigned steps;
	struct day day[2] = { { 0 } }, swap;
	size_t at = 0;

	snap_cols(t, &c, 1);
	s->persons = ps_new();
	while (tsv_row(t)) {	/* a bad row is fatal: reject() on a joined input */
		if (!snap_dato(t, &c, &dato))
			continue;
		if (dato != prev) {
			prev = dato;
			swap = day[0];
			day[0] = day[1];
			day[1] = swap;
			day[1].len = 0;
			day[1].n = 0;
			at = 0;
			in_before = 0;
		}
		if ((person = person_of(s, &day[0], &at, &in_before, t->f[c.pnr])) < 0) {
			field_pnr(t, c.pnr);
			continue;
		}
		day_add(&day[1], t->f[c.pnr], person);
		if (!(kom = field_kommune(t, c.kommune)))
			continue;
		if (!(steps = parse_steps(t->f[c.set]))) {
			reject(t, c.set, "not a list of steps");
			continue;
		}
		rows = grow(rows, &cap, n + 1, sizeof *rows);
		rows[n].dato = dato;
		rows[n].person = person;
		rows[n].kommune = (short)kom;
		rows[n].steps = (unsigned short)steps;
		n++;
	}
	tsv_close(t);
	for (d = 0; d < 2; d++) {
		free(day[d].keys);
		free(day[d].id);
	}

	/* The distinct dates, ascending; then one column per date. */
	s->dates = emalloc(sizeof *s->dates * (n + 1));
	for (i = 0; i < n; i++) {
		if (i > 0 && rows[i].dato == rows[i - 1].dato)
			continue;
		for (d = 0; d < s->ndates && s->dates[d] != rows[i].dato; d++)
			;
		if (d == s->ndates)
			s->dates[s->ndates++] = rows[i].dato;
	}
	qsort(s->dates, (size_t)s->ndates, sizeof *s->dates, cmp_int);
	np = ps_count(s->persons);
	s->at = ecalloc((size_t)np * (size_t)s->ndates + 1, sizeof *s->at);
	for (i = 0; i < n; i++) {
		struct snap_at *a = &s->at[(size_t)rows[i].person * (size_t)s->ndates +
		    (size_t)snap_date(s, rows[i].dato)];

		if (a->kommune)
			die("%s: two rows for one person at one DATO", path);
		a->kommune = rows[i].kommune;
		a->steps = rows[i].steps;
	}
	free(rows);
	return s;
}

int
snap_date(const struct snap *s, int day)
{
	return find_int(s->dates, s->ndates, day);
}
