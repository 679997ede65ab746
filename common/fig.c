/* fig: collecting, sorting and writing the figure stream (see fig.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "date.h"
#include "fig.h"
#include "tsv.h"
#include "util.h"

struct fig {
	int kommune;
	int dato;		/* day number */
	int id;			/* major * 100 + minor */
	double taeller;
	double naevner;		/* NAN for a count */
};

static struct fig *figs;
static size_t nfig, capfig;

int
fig_id(const char *s)
{
	int id = catalog_parse_id(s);

	return id >= 0 && catalog_get(id) ? id : -1;
}

void
fig_id_fmt(int id, char out[16])
{
	if (id % 100)
		snprintf(out, 16, "%d.%d", id / 100, id % 100);
	else
		snprintf(out, 16, "%d", id / 100);
}

/* As %lld, without printf: most figures are counts. */
static void
int_fmt(long long v, char out[32])
{
	unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
	char digits[24];
	int n = 0, o = 0;

	do
		digits[n++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		out[o++] = '-';
	while (n > 0)
		out[o++] = digits[--n];
	out[o] = '\0';
}

void
fig_kommune_fmt(int k, char out[12])
{
	if (k < 0 || k > 999) {
		snprintf(out, 12, "%03d", k);
		return;
	}
	out[0] = (char)('0' + k / 100);
	out[1] = (char)('0' + k / 10 % 10);
	out[2] = (char)('0' + k % 10);
	out[3] = '\0';
}

void
fig_num(double v, char out[32])
{
	int prec;

	if (v > -9e15 && v < 9e15 && v == (double)(long long)v) {
		int_fmt((long long)v, out);
		return;
	}
	/* The shortest form that reads back as the same double. */
	for (prec = 15; prec < 17; prec++) {
		snprintf(out, 32, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			return;
	}
	snprintf(out, 32, "%.17g", v);
}

void
fig_add(int kommune, int dato, int id, double taeller, double naevner)
{
	const struct catfig *c = catalog_get(id);

	if (c == NULL)
		die("internal error: figure %d is not in the catalogue", id);
	if (dato < c->first || naevner == 0)
		return;
	if (nfig == capfig) {
		capfig = capfig ? capfig * 2 : 4096;
		figs = erealloc(figs, capfig * sizeof *figs);
	}
	figs[nfig].kommune = kommune;
	figs[nfig].dato = dato;
	figs[nfig].id = id;
	figs[nfig].taeller = taeller;
	figs[nfig].naevner = naevner;
	nfig++;
}

static int
cmp_fig(const void *a, const void *b)
{
	const struct fig *x = a, *y = b;

	return x->kommune != y->kommune ? cmp_num(x->kommune, y->kommune) :
	    x->dato != y->dato ? cmp_num(x->dato, y->dato) : cmp_num(x->id, y->id);
}

long
fig_write(gzw *w)
{
	char kom[12], dato[11], id[16], t[32], n[32];
	size_t i;

	if (nfig > 0)
		qsort(figs, nfig, sizeof *figs, cmp_fig);
	gzw_puts(w, "KOMMUNE\tDATO\tNOEGLETAL\tTAELLER\tNAEVNER\n");
	for (i = 0; i < nfig; i++) {
		if (i > 0 && cmp_fig(&figs[i - 1], &figs[i]) == 0)
			die("internal error: figure %d written twice", figs[i].id);
		date_fmt(figs[i].dato, dato);
		fig_id_fmt(figs[i].id, id);
		fig_num(figs[i].taeller, t);
		if (isnan(figs[i].naevner))
			n[0] = '\0';
		else
			fig_num(figs[i].naevner, n);
		fig_kommune_fmt(figs[i].kommune, kom);
		gzw_fields(w, kom, dato, id, t, n, (char *)NULL);
		gzw_putc(w, '\n');
	}
	i = nfig;
	nfig = 0;	/* written: the list starts empty again */
	return (long)i;
}

void
fig_end(gzw *out)
{
	long n = fig_write(out);

	gzw_close(out);
	acct_end(n);
}
