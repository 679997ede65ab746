/*
 * forecast: the parts of the filter. filters/forecast.c: options, the
 * flows read, the forecast written; model.c: the levels, the estimate and
 * the projection with its variance; expenditure.c: -a; backtest.c: -b.
 */
#ifndef FORECAST_H
#define FORECAST_H

#include "gz.h"

#define NS 9			/* steps 0-8 */
#define LEFT 9			/* destination: out of the municipality */
#define ND 10
#define NF 6			/* key figures 1-6 */
#define MAXH 8
#define MAXDATES 400		/* cut dates the flows may span */
#define MAXCOUNT 10000000	/* ANTAL: more persons than live in Denmark is bad input */
#define MAXWEIGHT 1e9		/* -m: beyond it the pooled sums lose the municipality */

extern const unsigned fig_steps[NF];	/* the steps of key figures 1-6, as bits */

struct model {
	double p[NS][ND];	/* transition shares */
	double a1[NS];		/* N_s + m + 1: the shares' variance is p(1-p)/a1 */
	double lam[NS];		/* entries per period by step */
	double lamvar[NS];	/* the variance of the mean lam */
};

extern int nkom, nregion, kcode[1000], kregion[1000], kidx[1000];	/* kregion: 0..nregion-1 */
extern int base, nd, np;	/* date index 0 = base; nd dates, np = nd - 1 periods */
extern double *tr;		/* [k][p][s][ND] persons from s at date p to j at p+1 */
extern double *in;		/* [k][p][s] entries to s at date p+1 */
extern int first_p;		/* the first period the model may use */
extern int kper, holdout, horizon;	/* -k, -b, -H */
extern double weight, level, zval;	/* -m, -c, z of -c */

#define TR(k, p, s, j) tr[(((size_t)(k) * np + (p)) * NS + (s)) * ND + (j)]
#define IN(k, p, s) in[((size_t)(k) * np + (p)) * NS + (s)]

/* The forecast of one municipality: mean and variance of figures 1-6. */
struct path {
	double mean[MAXH + 1][NF];
	double var[MAXH + 1][NF];
	double sd[MAXH + 1][NF];
};

/* forecast.c */
double lower(double v, double sd);	/* the interval as written: whole persons */
double upper(double v, double sd);
void say_periods(const char *what, int o);

/* model.c */
double lev(int k, int d, int s);	/* persons of municipality k on step s at date d */
double fig_lev(int k, int d, int f);
int has_persons(int k, int d);
int periods(int o, int *p0);
void levels_at(int k, int d, double mu[NS]);
void estimate(int o, struct model *m);
void project(const struct model *m, const double mu0[NS], int H, struct path *out);

/* backtest.c */
long backtest(gzw *w);

/* expenditure.c: -a */
extern double *kr;		/* the accounts' kroner; NULL without -a */
void read_accounts(const char *path);
void say_accounts_after(int o);
struct costs {			/* a municipality's unit costs, by figure */
	int year[NF];		/* the account year, 0: none */
	double cost[NF];	/* kroner per person-year */
};
/* Rows 20.x-enhedspris of municipality k at origin o; sets c. */
long unit_cost_rows(gzw *w, int k, int o, const struct path *pa, struct costs *c);
/* Rows 20.x-udgift at horizon h, the end of a year. */
long expenditure_rows(gzw *w, int k, int o, int h, const struct path *pa,
    const struct costs *c);

#endif
