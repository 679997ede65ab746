/*
 * model: the levels read from the flows, the model of each municipality
 * (shares and entry rates pooled towards the region) and the projection
 * with its variance. See filters/forecast.c for the whole of it.
 */
#include <math.h>
#include <string.h>

#include "forecast.h"

/* Counts over the periods a model uses: one municipality, a region, all. */
struct counts {
	double tr[NS][ND];	/* from step s to j (LEFT: out of the area) */
	double in[NS];		/* entries to step s */
	double in_after[NS];	/* of them, in periods with persons on the stair at t-1 */
	double exposure;	/* persons on the stair at t-1, summed over the periods */
};

/* Persons of municipality k on step s at date index d. */
double
lev(int k, int d, int s)
{
	double n = 0;
	int j;

	if (d == 0) {
		for (j = 0; j < ND; j++)
			n += TR(k, 0, s, j);
		return n;
	}
	for (j = 0; j < NS; j++)
		n += TR(k, d - 1, j, s);
	return n + IN(k, d - 1, s);
}

double
fig_lev(int k, int d, int f)
{
	double n = 0;
	int s;

	for (s = 0; s < NS; s++)
		if (fig_steps[f] >> s & 1)
			n += lev(k, d, s);
	return n;
}

int
has_persons(int k, int d)
{
	int s;

	for (s = 0; s < NS; s++)
		if (lev(k, d, s) > 0)
			return 1;
	return 0;
}

/* The periods before date o the model uses: [*p0, o). */
int
periods(int o, int *p0)
{
	*p0 = o - kper > first_p ? o - kper : first_p;
	return o - *p0 > 0 ? o - *p0 : 0;
}

static void
add_counts(struct counts *c, int k, int p)
{
	double e = 0;
	int s, j;

	for (s = 0; s < NS; s++)
		for (j = 0; j < ND; j++) {
			c->tr[s][j] += TR(k, p, s, j);
			e += TR(k, p, s, j);
		}
	c->exposure += e;
	for (s = 0; s < NS; s++) {
		c->in[s] += IN(k, p, s);
		c->in_after[s] += e > 0 ? IN(k, p, s) : 0;
	}
}

/* The prior shares q of step s: the region's, else the country's, else staying. */
static void
prior(const struct counts *reg, const struct counts *all, int s, double q[ND])
{
	const double *src = NULL;
	double n = 0;
	int j;

	for (j = 0; j < ND; j++)
		n += reg->tr[s][j];
	if (n > 0)
		src = reg->tr[s];
	else {
		for (j = 0; j < ND; j++)
			n += all->tr[s][j];
		src = n > 0 ? all->tr[s] : NULL;
	}
	for (j = 0; j < ND; j++)
		q[j] = src ? src[j] / n : j == s;
}

/*
 * The model of one municipality: shares pooled with the prior (weight m;
 * 1 when m is 0 and the municipality has nobody on s); entries per step as
 * a rate per person on its stair at t-1, pooled with the region's rate with
 * the same weight in person-periods (the region's alone where nobody was
 * there at t-1), times its persons at the origin now.
 */
static void
fit(const struct counts *own, const struct counts *reg, const struct counts *all,
    double now, struct model *m)
{
	double q[ND], n, w, rate, entered;
	int s, j;

	for (s = 0; s < NS; s++) {
		prior(reg, all, s, q);
		for (n = 0, j = 0; j < ND; j++)
			n += own->tr[s][j];
		w = n > 0 || weight > 0 ? weight : 1;
		for (j = 0; j < ND; j++)
			m->p[s][j] = (own->tr[s][j] + w * q[j]) / (n + w);
		m->a1[s] = n + w + 1;
		rate = reg->exposure > 0 ? reg->in[s] / reg->exposure :	/* as prior() */
		    all->exposure > 0 ? all->in[s] / all->exposure : 0;
		/*
		 * Entries where nobody was on the stair at t-1 tell no rate per
		 * person: the region's alone (review r6, 2026-12-06: 3 entries
		 * into an empty stair gave 9,005 persons at -m 0.001, 0 at -m 0),
		 * period by period (review AE, AE3: with persons in another period
		 * of the window, the same 3 gave 3 -> 15 persons at -m 0).
		 */
		entered = own->in_after[s];
		n = own->exposure + weight;
		m->lam[s] = n > 0 ? now * (entered + weight * rate) / n : now * rate;
		m->lamvar[s] = n > 0 ? now * now * entered / (n * n) : 0;
	}
}

/* The models of every municipality at origin o (date index). */
void
estimate(int o, struct model *m)
{
	static struct counts own[1000], reg[1000], all;
	double now;
	int p0, k, p, s;

	periods(o, &p0);
	memset(own, 0, sizeof own[0] * (size_t)nkom);
	memset(reg, 0, sizeof reg[0] * (size_t)nregion);
	memset(&all, 0, sizeof all);
	for (k = 0; k < nkom; k++)
		for (p = p0; p < o; p++) {
			add_counts(&own[k], k, p);
			add_counts(&reg[kregion[k]], k, p);
			add_counts(&all, k, p);
		}
	for (k = 0; k < nkom; k++) {
		for (now = 0, s = 0; s < NS; s++)
			now += lev(k, o, s);
		fit(&own[k], &reg[kregion[k]], &all, now, &m[k]);
	}
}

/* v P over the steps: where persons at v are one period later. */
static void
times_p(const struct model *m, const double v[NS], double out[NS])
{
	int s, q;

	for (q = 0; q < NS; q++)
		out[q] = 0;
	for (s = 0; s < NS; s++)
		if (v[s] != 0)
			for (q = 0; q < NS; q++)
				out[q] += v[s] * m->p[s][q];
}

/* One step of the process covariance: P' S P + spread of moves and entries. */
static void
step_cov(const struct model *m, const double mu[NS], double S[NS][NS])
{
	double SP[NS][NS], R[NS][NS];
	int s, q, r;

	for (s = 0; s < NS; s++)
		times_p(m, S[s], SP[s]);		/* (S P)[s] */
	for (q = 0; q < NS; q++)
		for (r = 0; r < NS; r++) {
			R[q][r] = 0;
			for (s = 0; s < NS; s++)
				R[q][r] += m->p[s][q] * SP[s][r];
		}
	for (s = 0; s < NS; s++)
		for (q = 0; q < NS; q++)
			for (r = 0; r < NS; r++)
				R[q][r] += mu[s] * ((q == r ? m->p[s][q] : 0) - m->p[s][q] * m->p[s][r]);
	for (q = 0; q < NS; q++)
		R[q][q] += m->lam[q];
	memcpy(S, R, sizeof R);
}

static double
dot_w(const double v[NS], int f)
{
	double x = 0;
	int s;

	for (s = 0; s < NS; s++)
		if (fig_steps[f] >> s & 1)
			x += v[s];
	return x;
}

/* The shares' and entry means' part of the variance of figure f. */
static double
param_var(const struct model *m, double G[NS][ND][NS], double L[NS][NS], int f)
{
	double v = 0, e, e2, g;
	int s, j;

	for (s = 0; s < NS; s++) {
		e = e2 = 0;
		for (j = 0; j < NS; j++) {
			g = dot_w(G[s][j], f);
			e += m->p[s][j] * g;
			e2 += m->p[s][j] * g * g;
		}
		v += (e2 - e * e) / m->a1[s];
		g = dot_w(L[s], f);
		v += m->lamvar[s] * g * g;
	}
	return v;
}

/*
 * Levels mu0 carried h = 1..H periods forward. G[s][j] is the derivative
 * of the levels by the share p[s][j], L[s] by the entries lam[s]; both go
 * forward as the levels do (G' = G P + mu_s e_j, L' = L P + e_s).
 */
void
project(const struct model *m, const double mu0[NS], int H, struct path *out)
{
	static double G[NS][ND][NS], L[NS][NS];
	double mu[NS], nmu[NS], S[NS][NS] = { { 0 } }, lo[NS], x;
	int h, s, j, f;

	memset(G, 0, sizeof G);
	memset(L, 0, sizeof L);
	memcpy(mu, mu0, sizeof mu);
	for (f = 0; f < NF; f++)
		out->mean[0][f] = dot_w(mu, f);
	for (h = 1; h <= H; h++) {
		times_p(m, mu, nmu);
		for (s = 0; s < NS; s++)
			nmu[s] += m->lam[s];
		step_cov(m, mu, S);
		for (s = 0; s < NS; s++) {
			for (j = 0; j < NS; j++) {
				times_p(m, G[s][j], lo);
				lo[j] += mu[s];
				memcpy(G[s][j], lo, sizeof lo);
			}
			times_p(m, L[s], lo);
			lo[s] += 1;
			memcpy(L[s], lo, sizeof lo);
		}
		memcpy(mu, nmu, sizeof mu);
		for (f = 0; f < NF; f++) {
			out->mean[h][f] = dot_w(mu, f);
			for (x = 0, s = 0; s < NS; s++)
				for (j = 0; j < NS; j++)
					if ((fig_steps[f] >> s & 1) && (fig_steps[f] >> j & 1))
						x += S[s][j];
			out->var[h][f] = x + param_var(m, G, L, f);
			out->sd[h][f] = sqrt(out->var[h][f] > 0 ? out->var[h][f] : 0);
		}
	}
}

void
levels_at(int k, int d, double mu[NS])
{
	int s;

	for (s = 0; s < NS; s++)
		mu[s] = lev(k, d, s);
}
