/* snap: loading a snapshot for a join (see snap.h). */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "snap.h"
#include "tables.h"
#include "tsv.h"
#include "util.h"

struct row {
	int dato, person;
	short kommune;
	unsigned short steps;
};

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

struct snap *
snap_load(const char *path)
{
	struct snap *s = ecalloc(1, sizeof *s);
	tsv *t = tsv_open(path, 0);
	int c_dato = tsv_col(t, "DATO"), c_pnr = tsv_col(t, "PNR");
	int c_kom = tsv_col(t, "KOMMUNE"), c_set = tsv_col(t, "TRIN_SET");
	struct row *rows = NULL;
	size_t n = 0, cap = 0, i;
	int dato = 0, kom, d, np, person = -1;
	unsigned steps;
	char last[11] = "";	/* the DATO parsed last: rows come by date */

	s->persons = ps_new();
	tsv_readahead(t);
	while (tsv_row(t)) {
		if (strcmp(t->f[c_dato], last) != 0) {
			if (!date_parse(t->f[c_dato], &dato) || !is_cut(dato))
				die("%s:%ld: column 'DATO': not a cut date", t->name,
				    t->line);
			memcpy(last, t->f[c_dato], sizeof last);
		}
		if (!pnr_ok(t->f[c_pnr]))
			die("%s:%ld: column 'PNR': not a person key", t->name, t->line);
		if (!(kom = kommune_code(t->f[c_kom])))
			die("%s:%ld: column 'KOMMUNE': not a municipality code", t->name,
			    t->line);
		if (!(steps = parse_steps(t->f[c_set])))
			die("%s:%ld: column 'TRIN_SET': not a list of steps", t->name,
			    t->line);
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			rows = erealloc(rows, cap * sizeof *rows);
		}
		rows[n].dato = dato;
		/* Rows come by DATO, then PNR: the person is usually the one after the last. */
		if (person + 1 < ps_count(s->persons) &&
		    strcmp(ps_key(s->persons, person + 1), t->f[c_pnr]) == 0)
			person++;
		else
			person = ps_add(s->persons, t->f[c_pnr], strlen(t->f[c_pnr]));
		rows[n].person = person;
		rows[n].kommune = (short)kom;
		rows[n].steps = (unsigned short)steps;
		n++;
	}
	tsv_close(t);

	/* The distinct dates, ascending; then one column per date. */
	s->dates = emalloc(sizeof *s->dates * (n + 1));
	for (i = 0; i < n; i++) {
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
	int lo = 0, hi = s->ndates - 1, mid;

	while (lo <= hi) {
		mid = (lo + hi) / 2;
		if (s->dates[mid] == day)
			return mid;
		if (s->dates[mid] < day)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}
