/* quality: the quality stream, key forms and join coverage (see quality.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "fig.h"
#include "pnrset.h"
#include "quality.h"
#include "tables.h"
#include "tsv.h"
#include "util.h"

/*
 * The rows, in an open-addressing table keyed by all four key fields;
 * INDIKATOR's and DETALJE's values each once (string sets), a row holding
 * their ids, compared and sorted as numbers (strcmp() and a copy of each
 * row's strings were a quarter of a run's merge of the quality rows).
 */
static struct qrow *rows;
static long nrows;
static long *slots;		/* row index + 1, 0 empty */
static size_t nslots;
static pnrset *inds, *dets;

static uint64_t
row_hash(int kommune, int dato, int ind, int det)
{
	uint64_t h = ((uint64_t)(unsigned)kommune << 32 | (unsigned)dato) * 0x9E3779B97F4A7C15ULL;

	h ^= ((uint64_t)(unsigned)ind << 32 | (unsigned)det) * 0xC2B2AE3D27D4EB4FULL;
	return h ^ h >> 29;
}

static void
rehash(void)
{
	size_t i, s;
	long r;

	nslots = nslots ? nslots * 2 : 4096;
	free(slots);
	slots = ecalloc(nslots, sizeof *slots);
	for (r = 0; r < nrows; r++) {
		s = row_hash(rows[r].kommune, rows[r].dato, rows[r].ind, rows[r].det) &
		    (nslots - 1);
		for (i = s; slots[i]; i = (i + 1) & (nslots - 1))
			;
		slots[i] = r + 1;
	}
}

static struct qrow *
row_get(int kommune, int dato, const char *indikator, const char *detalje)
{
	size_t i;
	struct qrow *r;
	int ind, det;

	if (inds == NULL)
		inds = ps_new(), dets = ps_new();
	ind = ps_add(inds, indikator, strlen(indikator));
	det = ps_add(dets, detalje, strlen(detalje));
	if ((size_t)(nrows + 1) * 2 > nslots) {
		rehash();
		rows = erealloc(rows, sizeof *rows * (nslots / 2));
	}
	for (i = row_hash(kommune, dato, ind, det) & (nslots - 1); slots[i];
	    i = (i + 1) & (nslots - 1)) {
		r = &rows[slots[i] - 1];
		if (r->kommune == kommune && r->dato == dato && r->ind == ind && r->det == det)
			return r;
	}
	r = &rows[nrows];
	memset(r, 0, sizeof *r);
	r->kommune = kommune;
	r->dato = dato;
	r->ind = ind;
	r->det = det;
	slots[i] = ++nrows;
	return r;
}

void
q_add(int kommune, int dato, const char *indikator, const char *detalje,
    double vaerdi, double naevner)
{
	struct qrow *r = row_get(kommune, dato, indikator, detalje);

	r->vaerdi += vaerdi;
	r->naevner += naevner;
}

void
q_kinds(int kommune, int dato, const char *indikator, unsigned kinds)
{
	row_get(kommune, dato, indikator, "")->kinds |= kinds;
}

static int *ind_rank, *det_rank;	/* by id: the value's place in byte order (q_rows()) */

static int
cmp_row(const void *a, const void *b)
{
	const struct qrow *x = a, *y = b;

	if (x->kommune != y->kommune)
		return x->kommune < y->kommune ? -1 : 1;
	if (x->dato != y->dato)
		return x->dato < y->dato ? -1 : 1;
	if (x->ind != y->ind)
		return ind_rank[x->ind] < ind_rank[y->ind] ? -1 : 1;
	return (det_rank[x->det] > det_rank[y->det]) - (det_rank[x->det] < det_rank[y->det]);
}

struct qrow *
q_rows(long *n)
{
	long i;

	*n = nrows;
	if (slots == NULL)	/* sorted by the last call, and none added since */
		return rows;
	for (i = 0; i < nrows; i++) {
		rows[i].indikator = ps_key(inds, rows[i].ind);
		rows[i].detalje = ps_key(dets, rows[i].det);
	}
	if (nrows > 1) {
		ind_rank = ps_ranks(inds), det_rank = ps_ranks(dets);
		qsort(rows, (size_t)nrows, sizeof *rows, cmp_row);
		free(ind_rank), free(det_rank);
	}
	free(slots);	/* the order changed: no more q_add */
	slots = NULL;
	nslots = 0;
	return rows;
}

void
q_detail(const struct qrow *r, char *out, size_t cap)
{
	static const char *name[] = { "nuller", "bindestreg", "bogstaver", "tegn",
	    "laengde" };
	size_t o;
	int i;

	snprintf(out, cap, "%s", r->detalje);
	for (i = 0; i < 5; i++)
		if (r->kinds & 1u << i) {
			o = strlen(out);
			snprintf(out + o, cap - o, "%s%s", o ? "," : "", name[i]);
		}
}

long
q_write(gzw *w, int warn_col)
{
	char kom[12], dato[11], v[32], n[32], det[256];
	long i;

	q_rows(&i);
	gzw_puts(w, warn_col ? "KOMMUNE\tDATO\tINDIKATOR\tDETALJE\tVAERDI\tNAEVNER\tADVARSEL\n" :
	    "KOMMUNE\tDATO\tINDIKATOR\tDETALJE\tVAERDI\tNAEVNER\n");
	for (i = 0; i < nrows; i++) {
		date_fmt(rows[i].dato, dato);
		fig_num(rows[i].vaerdi, v);
		fig_num(rows[i].naevner, n);
		q_detail(&rows[i], det, sizeof det);
		fig_kommune_fmt(rows[i].kommune, kom);
		gzw_fields(w, kom, dato, rows[i].indikator, det, v, n, (char *)NULL);
		gzw_puts(w, !warn_col ? "\n" : rows[i].warn ? "\t1\n" : "\t0\n");
	}
	return nrows;
}

/* Character classes: 1 digit, 2 letter, 4 dash, 8 underscore, 16 other. */
static unsigned char
cls(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return 1;
	if ((c | 32) >= 'a' && (c | 32) <= 'z')
		return 2;
	return c == '-' ? 4 : c == '_' ? 8 : 16;
}

void
qform_learn(struct qform *f, const pnrset *persons)
{
	long count[33] = { 0 };
	int i, n = ps_count(persons);
	const char *k;
	size_t len;

	memset(f, 0, sizeof *f);
	for (i = 0; i < n; i++) {
		k = ps_key(persons, i);
		for (len = 0; k[len]; len++)
			f->classes |= cls((unsigned char)k[len]);
		if (len <= 32) {
			f->lengths |= 1ULL << len;
			count[len]++;
		}
	}
	for (i = 1; i <= 32; i++)
		if (count[i] > count[f->main_len])
			f->main_len = i;
}

unsigned
qform_kind(const struct qform *f, const char *key, size_t n)
{
	unsigned char c = 0;
	size_t i;

	if (f->main_len == 0)
		return 0;	/* no snapshot keys: no form to differ from */
	for (i = 0; i < n; i++)
		c |= cls((unsigned char)key[i]);
	if (c & ~f->classes & 4)
		return QK_BINDESTREG;
	if (c & ~f->classes & 2)
		return QK_BOGSTAVER;
	if (c & ~f->classes & 24)
		return QK_TEGN;
	if (n <= 32 && f->lengths >> n & 1)
		return 0;
	return c == 1 && (int)n < f->main_len ? QK_NULLER : QK_LAENGDE;
}

size_t
qform_normal(const struct qform *f, const char *key, size_t n, char out[40])
{
	size_t i, o = 0, pad;
	int digits = 1;

	for (i = 0; i < n && o < 32; i++)
		if (key[i] != '-' || f->classes & 4) {
			digits &= cls((unsigned char)key[i]) == 1;
			out[o++] = key[i];
		}
	if (digits && (int)o < f->main_len) {
		pad = (size_t)f->main_len - o;
		memmove(out + pad, out, o);
		memset(out, '0', pad);
		o += pad;
	}
	out[o] = '\0';
	return o;
}

struct qjoin {
	const struct snap *snap;
	struct qform form;
	unsigned char *found;	/* per person: 1 exact, QK_ bits << 1 another form */
};

struct qjoin *
qjoin_new(const struct snap *s)
{
	struct qjoin *j = ecalloc(1, sizeof *j);

	j->snap = s;
	qform_learn(&j->form, s->persons);
	j->found = ecalloc((size_t)ps_count(s->persons) + 1, 1);
	return j;
}

void
qjoin_found(struct qjoin *j, int person)
{
	j->found[person] |= 1;
}

/*
 * A key of a form the snapshot has, not found: where the snapshot's own
 * keys lost their leading zeros (handic's), 0101801234 is its 101801234.
 * That person is counted as found under another form (nuller): review F,
 * F6, where every noegleform row was 0 while a tenth were joined wrongly.
 */
static void
qjoin_zeros(struct qjoin *j, const char *key, size_t n)
{
	size_t z = 0, i;
	int p;

	if (key[0] != '0' || (j->form.lengths & ((1ULL << n) - 1)) == 0)
		return;	/* no shorter key in the snapshot: the run's common case */
	for (i = 0; i < n; i++)
		if (cls((unsigned char)key[i]) != 1)
			return;
	while (z + 1 < n && key[z] == '0')
		z++;
	if ((p = ps_find(j->snap->persons, key + z, n - z)) >= 0)
		j->found[p] |= (unsigned char)(QK_NULLER << 1);
}

void
qjoin_key(struct qjoin *j, const char *key, size_t n)
{
	unsigned kind = qform_kind(&j->form, key, n);
	char norm[40];
	size_t len;
	int p;

	if (kind == 0) {
		if (n <= 32)
			qjoin_zeros(j, key, n);
		return;
	}
	len = qform_normal(&j->form, key, n, norm);
	if ((p = ps_find(j->snap->persons, norm, len)) >= 0)
		j->found[p] |= (unsigned char)(kind << 1);
}

void
qjoin_row(struct qjoin *j, int person, const char *key, size_t n)
{
	if (person >= 0)
		qjoin_found(j, person);
	else	/* a key found has a form the snapshot has */
		qjoin_key(j, key, n);
}

/*
 * fundet-NAME: the persons at (KOMMUNE, DATO) found under their exact key;
 * noegleform-NAME: those found under a key of another form (DETALJE: the
 * kinds); both over the persons at (KOMMUNE, DATO).
 */
void
qjoin_rows(struct qjoin *j, const char *name)
{
	char fundet[64], form[64];
	int p, d, k, nd = j->snap->ndates, np = ps_count(j->snap->persons);
	long *n = ecalloc((size_t)nd * 3000 + 1, sizeof *n);	/* [d][k]: persons, found, other form */
	unsigned *kinds = ecalloc((size_t)nd * 1000 + 1, sizeof *kinds);
	const struct snap_at *a;
	size_t c;

	snprintf(fundet, sizeof fundet, "fundet-%s", name);
	snprintf(form, sizeof form, "noegleform-%s", name);
	for (p = 0; p < np; p++)
		for (d = 0; d < nd; d++) {
			if ((a = snap_at(j->snap, d, p))->kommune == 0)
				continue;
			c = (size_t)d * 1000 + (size_t)a->kommune;
			n[c * 3]++;
			n[c * 3 + 1] += j->found[p] & 1;
			n[c * 3 + 2] += j->found[p] > 1;
			kinds[c] |= j->found[p] >> 1;
		}
	for (d = 0; d < nd; d++)
		for (k = 0; k < 1000; k++) {
			c = (size_t)d * 1000 + (size_t)k;
			if (n[c * 3] == 0)
				continue;
			q_add(k, j->snap->dates[d], fundet, "", (double)n[c * 3 + 1],
			    (double)n[c * 3]);
			q_add(k, j->snap->dates[d], form, "", (double)n[c * 3 + 2],
			    (double)n[c * 3]);
			q_kinds(k, j->snap->dates[d], form, kinds[c]);
		}
	free(n);
	free(kinds);
}

struct qwho5 {
	const struct snap *snap;
	struct qform form;
	long (*n)[KOMMUNE_MAX][3];	/* [half-year][k]: rows, found, other form */
	unsigned (*kinds)[KOMMUNE_MAX];
};

struct qwho5 *
qwho5_new(const struct snap *s)
{
	struct qwho5 *w = ecalloc(1, sizeof *w);

	w->snap = s;
	qform_learn(&w->form, s->persons);
	w->n = ecalloc(200, sizeof *w->n);
	w->kinds = ecalloc(200, sizeof *w->kinds);
	return w;
}

void
qwho5_row(struct qwho5 *w, const char *key, size_t n, int kommune, int day)
{
	int cut = cut_on_or_after(day), nd = w->snap->ndates, y, m, d, h;
	unsigned kind;

	if (nd == 0 || cut < w->snap->dates[0] || cut > w->snap->dates[nd - 1])
		return;
	civil_from_days(day, &y, &m, &d);
	if (y < 2000 || y > 2099)	/* quality -w: not read; none in a range of today's */
		return;
	h = (y - 2000) * 2 + (m > 6);
	kind = qform_kind(&w->form, key, n);
	w->n[h][kommune][0]++;
	w->n[h][kommune][1] += ps_find(w->snap->persons, key, n) >= 0;
	w->n[h][kommune][2] += kind != 0;
	w->kinds[h][kommune] |= kind;
}

void
qwho5_rows(struct qwho5 *w)
{
	int h, k, day;

	for (h = 0; h < 200; h++)
		for (k = 0; k < KOMMUNE_MAX; k++) {
			if (w->n[h][k][0] == 0)
				continue;
			day = days_from_civil(2000 + h / 2, h % 2 ? 12 : 6, h % 2 ? 31 : 30);
			q_add(k, day, "fundet-who5", "", (double)w->n[h][k][1], (double)w->n[h][k][0]);
			q_add(k, day, "noegleform-who5", "", (double)w->n[h][k][2],
			    (double)w->n[h][k][0]);
			q_kinds(k, day, "noegleform-who5", w->kinds[h][k]);
		}
	free(w->n);
	free(w->kinds);
	free(w);
}

void
q_write_whole(const char *path)
{
	gzw *w = gzw_create_whole(path, -1);

	q_write(w, 0);
	gzw_close(w);
}

static struct qthr *rules;
static int nrules;
static pnrset *rule_ids;	/* INDIKATOR: id = index in rules */

/* Every indicator quality and the join filters write: the table must hold each. */
static const char *const indicators[] = {
	"aaben-slut", "slutmarkoer", "trin0", "overlap", "start-efter-udtraek",
	"s82-mangler", "spring", "fundet-dream", "noegleform-dream", "fundet-lpr",
	"noegleform-lpr", "fundet-who5", "noegleform-who5", "udgift-mangler",
};
static const size_t nind = sizeof indicators / sizeof *indicators;

int
q_rule_index(const char *ind)
{
	return rule_ids ? ps_find(rule_ids, ind, strlen(ind)) : -1;
}

const struct qthr *
q_rule(const char *ind)
{
	int i = q_rule_index(ind);

	return i < 0 ? NULL : &rules[i];
}

const struct qthr *
q_rule_list(int *n)
{
	*n = nrules;
	return rules;
}

/* A bad value of a strictly read input: fatal. */
static void __attribute__((noreturn))
bad(tsv *t, int col, const char *what)
{
	die("%s:%ld: column '%s': %s", t->name, t->line, t->head[col], what);
}

int
q_key(tsv *t, int c_kom, int c_dato, int *day)
{
	int k = kommune_code(t->f[c_kom]);

	if (k == 0)
		bad(t, c_kom, "not a municipality code");
	if (!date_parse(t->f[c_dato], day))
		bad(t, c_dato, "not a date (YYYY-MM-DD)");
	return k;
}

double
q_number(tsv *t, int col)
{
	double v;

	if (!parse_point(t->f[col], &v))
		bad(t, col, "not a number");
	return v;
}

void
q_read(const char *path)
{
	tsv *t = tsv_open(path, 0);
	int c_kom = tsv_col(t, "KOMMUNE"), c_dato = tsv_col(t, "DATO");
	int c_ind = tsv_col(t, "INDIKATOR"), c_det = tsv_col(t, "DETALJE");
	int c_v = tsv_col(t, "VAERDI"), c_n = tsv_col(t, "NAEVNER"), k, day;
	const struct qthr *u;
	double v, n;

	while (tsv_row(t)) {
		k = q_key(t, c_kom, c_dato, &day);
		if (!is_cut(day))
			bad(t, c_dato, "not a cut date (YYYY-06-30 or YYYY-12-31)");
		if (t->f[c_ind][0] == '\0')
			bad(t, c_ind, "empty");
		if ((u = q_rule(t->f[c_ind])) == NULL)
			bad(t, c_ind, "not an indicator of the thresholds table");
		if (pnr_shaped(t->f[c_det]))	/* published and printed: never */
			bad(t, c_det, "may be a person number");
		if ((v = q_number(t, c_v)) < 0)
			bad(t, c_v, "negative");
		if ((n = q_number(t, c_n)) < 0)
			bad(t, c_n, "negative");
		/* a share, unless NAEVNER is a number expected (s82-mangler) */
		if (u->dir != '0' && strcmp(t->f[c_ind], "s82-mangler") != 0 && v > n)
			bad(t, c_v, "over NAEVNER (a share of it)");
		q_add(k, day, t->f[c_ind], t->f[c_det], v, n);
	}
	tsv_close(t);
}

void
q_rules(const char *path)
{
	tsv *t = table_open(path, "kvalitet.tsv");
	int c_ind = tsv_col(t, "INDIKATOR"), c_dir = tsv_col(t, "RETNING");
	int c_lev = tsv_col(t, "GRAENSE"), c_min = tsv_col(t, "MINIMUM");
	int c_least = tsv_find(t, "ANTAL");	/* optional: 0 */
	int c_figs = tsv_col(t, "NOEGLETAL"), c_text = tsv_col(t, "FORKLARING");
	struct qthr *r;
	const char *dir;
	size_t i;

	while (tsv_row(t)) {
		if (t->f[c_ind][0] == '\0')
			die("%s:%ld: INDIKATOR is empty", t->name, t->line);
		if (rule_ids == NULL)
			rule_ids = ps_new();
		/* a second time: which of the two would hold? (ids are rule indexes) */
		if (ps_add(rule_ids, t->f[c_ind], strlen(t->f[c_ind])) != nrules)
			die("%s:%ld: indicator %s a second time", t->name, t->line, t->f[c_ind]);
		for (i = 0; i < nind && strcmp(indicators[i], t->f[c_ind]) != 0; i++)
			;
		if (i == nind)	/* a misspelt name: its rows would never be checked */
			die("%s:%ld: %s is not one of the %zu indicators (README, Data quality)",
			    t->name, t->line, t->f[c_ind], nind);
		rules = erealloc(rules, sizeof *rules * (size_t)(nrules + 1));
		r = &rules[nrules++];
		r->ind = estrdup(t->f[c_ind]);
		r->figs = estrdup(t->f[c_figs]);
		r->text = estrdup(t->f[c_text]);
		dir = t->f[c_dir];
		r->dir = strcmp(dir, "over") == 0 ? '>' : strcmp(dir, "under") == 0 ? '<' :
		    strcmp(dir, "nul") == 0 ? '0' : strcmp(dir, "-") == 0 ? '-' : 0;
		r->level = r->min = r->least = 0;
		if (r->dir == 0 || (r->dir != '-' && (!parse_double(t->f[c_lev], &r->level) ||
		    !parse_double(t->f[c_min], &r->min))) || (c_least >= 0 &&
		    strcmp(t->f[c_least], "-") != 0 && !parse_double(t->f[c_least], &r->least)))
			die("%s:%ld: a threshold needs RETNING over, under, nul or -, and "
			    "numbers GRAENSE and MINIMUM (and ANTAL, or -)", t->name, t->line);
		/* a share's level is a share; a level out of it warns always or never */
		if (r->level < 0 || r->min < 0 || r->least < 0 ||
		    ((r->dir == '>' || r->dir == '<') && r->level > 1))
			die("%s:%ld: GRAENSE of %s must be a share 0-1 (nul: a number 0 or "
			    "more), MINIMUM and ANTAL 0 or more", t->name, t->line, r->ind);
	}
	for (i = 0; i < nind; i++)
		if (q_rule(indicators[i]) == NULL)
			die("%s: indicator %s is not in the thresholds table", t->name,
			    indicators[i]);
	tsv_close(t);
}

int
q_warns(const struct qthr *u, double v, double n)
{
	if (u->dir == '0')
		return v == 0 && n >= u->level && n >= u->min;
	return (u->dir == '>' || u->dir == '<') && n > 0 && n >= u->min &&
	    (u->dir == '>' ? v / n > u->level && v >= u->least : v / n < u->level);
}

double
q_spring(const double x[4], int has0, int has3, double *n)
{
	double b, dip, before = fabs(x[1] - x[0]), after = fabs(x[3] - x[2]);

	*n = x[1] > x[2] ? x[1] : x[2];
	b = fabs(x[2] - x[1]) - (has0 && (!has3 || before > after) ? before : after);
	dip = has3 ? fmin(fabs(x[2] - x[1]), after) - fabs(x[3] - x[1]) : 0;
	if (dip > b)
		b = dip;
	return b > 0 ? b : 0;
}

int
q_check(struct qrow *r, int say)
{
	char dato[11], det[256], v[32], n[32];
	const struct qthr *u = q_rule(r->indikator);

	if (u == NULL)
		die("indicator %s is not in the thresholds table", r->indikator);
	r->warn = q_warns(u, r->vaerdi, r->naevner);
	if (!r->warn || !say)
		return r->warn;
	date_fmt(r->dato, dato);
	q_detail(r, det, sizeof det);
	fig_num(r->vaerdi, v);
	fig_num(r->naevner, n);
	if (u->dir == '0')
		fprintf(stderr, "%s: warning: %03d: %s: %s: none where %.1f were expected "
		    "(level %g)\n", argv0, r->kommune, dato, r->indikator, r->naevner, u->level);
	else if (strcmp(r->indikator, "s82-mangler") == 0 && u->dir == '<')
		fprintf(stderr, "%s: warning: %03d: %s: %s: %s records of § 82 where %.1f were "
		    "expected (%.3g, under the level %g)\n", argv0, r->kommune, dato, r->indikator,
		    v, r->naevner, r->vaerdi / r->naevner, u->level);
	else if (strcmp(r->indikator, "udgift-mangler") == 0 && u->dir == '>')	/* review F, F9 */
		fprintf(stderr, "%s: warning: %03d: %s: %s: no expenditure for figure %s in "
		    "the year's accounts, while %s persons are on its steps\n", argv0,
		    r->kommune, dato, r->indikator, det, n);
	else if (strcmp(r->indikator, "spring") == 0 && u->dir == '>')
		fprintf(stderr, "%s: warning: %03d: %s: %s: figure %s moved %s more than at "
		    "the cut dates beside it, at a level of %s (%.3g, over the level %g)\n",
		    argv0, r->kommune, dato, r->indikator, det, v, n, r->vaerdi / r->naevner,
		    u->level);
	else
		fprintf(stderr, "%s: warning: %03d: %s: %s%s%s%s: %s of %s (%.3g) is %s "
		    "the level %g\n", argv0, r->kommune, dato, r->indikator, *det ? " (" : "",
		    det, *det ? ")" : "", v, n, r->vaerdi / r->naevner,
		    u->dir == '>' ? "over" : "under", u->level);
	return 1;
}

