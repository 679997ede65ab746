/* snap: writing a snapshot, loading it for a join, reading it by date (see snap.h). */
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "date.h"
#include "field.h"
#include "snap.h"
#include "tables.h"
#include "tsv.h"
#include "util.h"

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
	/* the joins read TRIN_SET, diff-moves and flows TRIN; the other, when
	 * there, must agree (TRIN the highest of TRIN_SET) */
	c->trin = with_set ? tsv_find(t, "TRIN") : tsv_col(t, "TRIN");
	c->set = with_set ? tsv_col(t, "TRIN_SET") : tsv_find(t, "TRIN_SET");
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

/* The highest step of a TRIN_SET's bits (TRIN). */
static int
highest(unsigned steps)
{
	return 31 - __builtin_clz(steps);
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

static void
keys_add(struct snap_keys *d, const char *key, size_t n, int id)
{
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

void
snap_ids_init(struct snap_ids *ids)
{
	memset(ids, 0, sizeof *ids);
	ids->persons = ps_new();
	ids->dato = INT_MIN;
}

int
snap_id(struct snap_ids *ids, int dato, const char *key)
{
	struct snap_keys *b = &ids->day[0], *d = &ids->day[1], swap;
	size_t n = strlen(key) + 1;
	int c = 1, id;

	if (dato != ids->dato) {	/* a new date: this one is the date before */
		swap = *b;
		*b = *d;
		*d = swap;
		d->len = 0;
		d->n = 0;
		b->at = 0;
		b->i = 0;
		ids->dato = dato;
	}
	while (b->i < b->n && (c = strcmp(b->keys + b->at, key)) < 0) {
		b->at += strlen(b->keys + b->at) + 1;
		b->i++;
	}
	id = c == 0 ? b->id[b->i] : ps_add(ids->persons, key, n - 1);
	keys_add(d, key, n, id);
	return id;
}

void
snap_ids_free(struct snap_ids *ids)
{
	int i;

	for (i = 0; i < 2; i++) {
		free(ids->day[i].keys);
		free(ids->day[i].id);
	}
	memset(ids->day, 0, sizeof ids->day);
}

/*
 * A row as snapshot writes it, read in place without splitting the line:
 * DATO the same as the row before, a person key, KOMMUNE, TRIN (one digit),
 * TRIN_SET. Anything else (a new DATO, a CR, another field count, a bad
 * value) returns 0 and the row takes the careful path, which reads or
 * rejects it with the standard messages. Keys and KOMMUNE are cut out by
 * writing NULs over their TABs, only once the whole row is known good.
 */
static int
fast_row(tsv *t, const struct snap_cols *c, const char **key, int *kom, unsigned *steps)
{
	char *p = t->lp, *k = p + 11, *m;
	size_t n;

	if (t->ll < 20 || !c->last[0] || memcmp(p, c->last, 10) != 0 || p[10] != '\t')
		return 0;
	if ((n = pnr_span(k)) == 0 || n > 32 || k[n] != '\t')
		return 0;
	m = k + n + 1;
	if ((size_t)(m - p) + 6 > t->ll ||	/* KOMMUNE TAB TRIN TAB within the line */
	    m[3] != '\t' || m[4] < '0' || m[4] > '8' || m[5] != '\t')
		return 0;
	m[3] = '\0';
	if (!(*kom = kommune_code(m)) || !(*steps = parse_steps(m + 6)) ||
	    highest(*steps) != m[4] - '0') {
		m[3] = '\t';
		return 0;
	}
	k[n] = '\0';
	*key = k;
	return 1;
}

/*
 * The table built from rows (snap_load of a TSV snapshot). Rows come by
 * date; person ids are those of persons (ps_add in row order: the order of
 * first appearance). snapshot -b makes the same table person by person.
 */
struct snap_row {
	int dato, person;
	short kommune;
	unsigned short steps;
};
struct snap_rows {
	struct snap_row *r;
	size_t n, cap;
};

static void
snap_rows_add(struct snap_rows *b, int dato, int person, int kommune, unsigned steps)
{
	b->r = grow(b->r, &b->cap, b->n + 1, sizeof *b->r);
	b->r[b->n].dato = dato;
	b->r[b->n].person = person;
	b->r[b->n].kommune = (short)kommune;
	b->r[b->n].steps = (unsigned short)steps;
	b->n++;
}

static struct snap *
snap_rows_done(struct snap_rows *b, pnrset *persons, const char *name)
{
	struct snap *s = ecalloc(1, sizeof *s);
	const struct snap_row *rows = b->r;
	size_t n = b->n, i;
	int d, np;

	s->persons = persons;
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
	for (i = 0, d = 0; i < n; i++) {
		struct snap_at *a;

		if (i == 0 || rows[i].dato != rows[i - 1].dato)	/* rows come by date */
			d = snap_date(s, rows[i].dato);
		a = &s->at[(size_t)rows[i].person * (size_t)s->ndates + (size_t)d];

		if (a->kommune)
			die("%s: two rows for one person at one DATO", name);
		a->kommune = rows[i].kommune;
		a->steps = rows[i].steps;
	}
	free(b->r);
	memset(b, 0, sizeof *b);
	return s;
}

static struct snap *
load_tsv(const char *path)
{
	tsv *t = tsv_open(path, TSV_AHEAD);
	struct snap_cols c;
	struct snap_ids ids;
	struct snap_rows rows = { NULL, 0, 0 };
	int dato, kom, fast, trin;
	const char *key;
	unsigned steps;

	snap_cols(t, &c, 1);
	fast = t->ncol == 5 && c.dato == 0 && c.pnr == 1 && c.kommune == 2 &&
	    c.trin == 3 && c.set == 4;	/* the columns as snapshot writes them */
	snap_ids_init(&ids);
	while (tsv_line(t)) {	/* a bad row is fatal: reject() on a joined input */
		if (fast && fast_row(t, &c, &key, &kom, &steps))
			dato = c.day;
		else if (!tsv_split(t) || !snap_dato(t, &c, &dato) || !field_pnr(t, c.pnr) ||
		    !(kom = field_kommune(t, c.kommune)))
			continue;
		else if (!(steps = parse_steps(t->f[c.set]))) {
			reject(t, c.set, "not a list of steps");
			continue;
		} else if (c.trin >= 0 && (trin = field_step(t, c.trin)) != highest(steps)) {
			if (trin >= 0)	/* (else rejected as not a step) */
				reject(t, c.trin, "not the highest step of TRIN_SET");
			continue;
		} else
			key = t->f[c.pnr];
		snap_rows_add(&rows, dato, snap_id(&ids, dato, key), kom, steps);
	}
	tsv_close(t);
	snap_ids_free(&ids);
	return snap_rows_done(&rows, ids.persons, path);
}

struct snap *
snap_load(const char *path)
{
	struct stat st;
	struct snap *s = NULL;
	long size;
	int fd;

	/* Only a regular file is opened to look: a fifo's writer must see one reader. */
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && (fd = open(path, O_RDONLY)) >= 0) {
		if ((size = snap_image_size(fd)) >= 0)
			s = snap_read_image(path, fd, (size_t)size);
		close(fd);
	}
	return s != NULL ? s : load_tsv(path);
}

void
snap_free(struct snap *s)
{
	ps_free(s->persons);
	free(s->dates);
	if (s->map != NULL)
		munmap(s->map, s->maplen);
	else
		free(s->at);
	free(s);
}

int
snap_date(const struct snap *s, int day)
{
	return find_int(s->dates, s->ndates, day);
}

int
snap_date_from(const struct snap *s, int day)
{
	int lo = 0, hi = s->ndates, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (s->dates[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int
snap_read_row(tsv *t, struct snap_cols *c, int from, int to, int *dato,
    int *kommune, int *trin)
{
	unsigned steps = 0;

	if (!snap_dato(t, c, dato) || !field_pnr(t, c->pnr) ||
	    !(*kommune = field_kommune(t, c->kommune)) ||
	    (*trin = field_step(t, c->trin)) < 0)
		return 0;
	if (c->set >= 0 && (!(steps = parse_steps(t->f[c->set])) || highest(steps) != *trin)) {
		reject(t, c->set, steps ? "its highest step is not TRIN" : "not a list of steps");
		return 0;
	}
	if ((from >= 0 && *dato < from) || (to >= 0 && *dato > to)) {
		acct_drop("outside-range");
		return 0;
	}
	return 1;
}

/* The day of dato, made when new; rows come by date, so mostly the last one. */
static struct snap_day *
day_slot(struct snap_days *s, int dato)
{
	int i;

	if (s->n > 0 && s->day[s->n - 1].dato == dato)
		return &s->day[s->n - 1];
	for (i = 0; i < s->n; i++)
		if (s->day[i].dato == dato)
			return &s->day[i];
	if (s->n == SNAP_MAXDATES)
		die("more than %d cut dates", SNAP_MAXDATES);
	s->day[s->n].dato = dato;
	return &s->day[s->n++];
}

/* Make room for person id p at a date, new slots SNAP_NONE. */
static void
reserve(struct snap_day *a, int p)
{
	int cap = a->cap;

	if (p < cap)
		return;
	a->cap = p + 1 > cap * 2 ? p + 1 : cap * 2;
	a->trin = erealloc(a->trin, (size_t)a->cap);
	a->kommune = erealloc(a->kommune, (size_t)a->cap * sizeof *a->kommune);
	memset(a->trin + cap, SNAP_NONE, (size_t)(a->cap - cap));
}

int
snap_put(struct snap_days *s, tsv *t, int c_pnr, int dato, int p, int trin,
    int kommune)
{
	struct snap_day *a = day_slot(s, dato);

	reserve(a, p);
	if (a->trin[p] != SNAP_NONE) {
		reject(t, c_pnr, "second row for the person at this DATO");
		return 0;
	}
	a->trin[p] = (signed char)trin;
	a->kommune[p] = (short)kommune;
	return 1;
}

int
snap_days_image(struct snap_days *s, int from, int to, const char *rejects)
{
	long size = snap_image_size(0);
	struct snap_day *a;
	const struct snap_at *c;
	struct snap *img;
	int d, p, np;

	if (size < 0)
		return 0;
	if (rejects != NULL)
		usage_fail("-r: a snapshot image has no rows to reject; give the TSV snapshot");
	img = snap_read_image("<stdin>", 0, (size_t)size);
	np = ps_count(img->persons);
	acct_open(NULL, NULL, 0);
	for (d = 0; d < img->ndates; d++) {
		int out = (from >= 0 && img->dates[d] < from) || (to >= 0 && img->dates[d] > to);

		a = out ? NULL : day_slot(s, img->dates[d]);
		if (a != NULL)
			reserve(a, np - 1);
		for (p = 0; p < np; p++) {
			if ((c = snap_at(img, d, p))->kommune == 0)
				continue;
			acct_read(1);
			if (a == NULL) {
				acct_drop("outside-range");
				continue;
			}
			a->trin[p] = (signed char)(31 - __builtin_clz(c->steps));
			a->kommune[p] = c->kommune;
			acct_wrote(1);
		}
	}
	snap_free(img);
	return 1;
}

const struct snap_day *
snap_day(const struct snap_days *s, int dato)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (s->day[i].dato == dato)
			return &s->day[i];
	return NULL;
}

void
snap_days_range(const struct snap_days *s, int from, int to, int *first, int *last)
{
	int i;

	*first = *last = -1;
	for (i = 0; i < s->n; i++) {
		if (*first < 0 || s->day[i].dato < *first)
			*first = s->day[i].dato;
		if (s->day[i].dato > *last)
			*last = s->day[i].dato;
	}
	if (from >= 0)
		*first = cut_on_or_after(from);
	if (to >= 0)
		*last = cut_on_or_before(to);
}

void
snap_days_free(struct snap_days *s)
{
	int i;

	for (i = 0; i < s->n; i++) {
		free(s->day[i].trin);
		free(s->day[i].kommune);
	}
	memset(s, 0, sizeof *s);
}
