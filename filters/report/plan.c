/* plan: the charts of a theme for every format, their series and colours. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "report.h"
#include "util.h"

static const char *level_color[NLEVEL] = { "#1f5f8b", "#e07b39", "#707070" };
/* WHO-5 bands: good to bad. */
static const char *band_color[] = { "#3c9d5d", "#e0a331", "#b0413e" };
/* Figure series (a municipality's own figures): apart from the areas' colours. */
static const char *palette[NPAL] = { "#6b4c9a", "#2ca02c", "#d62728", "#17becf",
	"#bcbd22", "#8c564b", "#e377c2", "#393b79" };

const char *
part_color(struct report *r, int f, int i)
{
	return r->figs[f].id / 100 == 15 && i < 3 ? band_color[i] : palette[i % NPAL];
}

/* Comparison municipalities (-s): colours apart from the areas' and the figures'. */
static const char *cmp_color[MAXCMP] = { "#2a9d8f", "#9b5de5", "#c1121f", "#6a994e",
	"#f15bb5", "#3a86ff", "#8d6e63", "#000000" };

/*
 * How many municipalities of area a (a group or the country) show figure
 * f at some date (a value or <N, not "ingen data"): own data (13-17) pools
 * only those that sent it. A zero filled in counts (it shows as <N): the
 * rows alone, a nonzero N, told which <N were 0 (review D, D3).
 */
static int
with_data(struct report *r, int a, int f, int *members)
{
	int m, d, n = 0, has;

	for (m = *members = 0; m < r->nkom; m++) {
		if (a != r->land && r->group_of[m] != a && r->region_of[m] != a)
			continue;	/* not a member */
		++*members;
		for (d = has = 0; d < r->ndates && !has; d++)
			has = AT(m, d, f)->has;
		n += has;
	}
	return n;
}

/* A series' name: the area's, and for own data how many municipalities it pools. */
static void
series_name(struct report *r, struct series *s, int a, int f)
{
	int n, members;

	if (a < r->nkom || !own_data(r, f)) {
		snprintf(s->name, sizeof s->name, "%s", area_name(r, a));
		return;
	}
	n = with_data(r, a, f, &members);
	if (a == r->land)
		snprintf(s->name, sizeof s->name, "%s (%d kommuner med data)", area_name(r, a), n);
	else
		snprintf(s->name, sizeof s->name, "%s (%d af %d kommuner med data)",
		    area_name(r, a), n, members);
}

/*
 * The series of a figure for municipality area k, its group, the country
 * and the comparison municipalities (-s), each its own line.
 */
int
area_series(struct report *r, struct series *s, int k, int f, int rate)
{
	int level, a, d, i, n = 0;

	for (level = 0; level < NLEVEL + r->ncmp; level++) {
		a = level < NLEVEL ? area(r, k, level) : r->cmp[level - NLEVEL];
		if (a < 0 || (level >= NLEVEL && a == k))
			continue;
		series_name(r, &s[n], a, f);
		i = level - NLEVEL;
		s[n].color = level < NLEVEL ? level_color[level] : cmp_color[i % MAXCMP];
		s[n].dash = level == LAND;
		s[n].yearly = r->figs[f].yearly;
		for (d = 0; d < r->ndates; d++)
			s[n].st[d] = (char)cell_state(r, a, d, f, rate, &s[n].v[d]);
		n++;
	}
	return n;
}

/* The series of municipality area k's own figures fs[0..n). */
int
own_series(struct report *r, struct series *s, int k, const int *fs, int n)
{
	int i, d;

	for (i = 0; i < n && i < NPAL; i++) {
		snprintf(s[i].name, sizeof s[i].name, "%s %s", r->figs[fs[i]].label,
		    r->figs[fs[i]].shortname);
		s[i].color = part_color(r, fs[i], i);
		s[i].dash = 0;
		s[i].yearly = r->figs[fs[i]].yearly;
		for (d = 0; d < r->ndates; d++)
			s[i].st[d] = (char)cell_state(r, k, d, fs[i], 0, &s[i].v[d]);
	}
	return i;
}

int
all_shown(struct report *r, int a, int d, const int *fs, int n)
{
	double v;
	int i;

	for (i = 0; i < n; i++)
		if (a < 0 || cell_state(r, a, d, fs[i], 0, &v) != ST_OK)
			return 0;
	return 1;
}

/* The date of a family's bars: the latest the municipality, else the country, shows. */
int
stack_date(struct report *r, int k, const int *fs, int n)
{
	int d;

	for (d = r->ndates - 1; d >= 0 && !all_shown(r, k, d, fs, n); d--)
		;
	if (d < 0)
		for (d = r->ndates - 1; d >= 0 && !all_shown(r, r->land, d, fs, n); d--)
			;
	return d;
}

/*
 * The charts of theme th, in the order every format draws them (see
 * report.h); returns how many. plan has room for MAXCHART.
 */
int
chart_plan(struct report *r, int th, struct chart *plan)
{
	int fs[MAXFIG], n = 0, f, i, fam, np = 0;
	struct chart *c;

	for (f = 0; f < r->nfigs; f++)
		if (theme_of(r, f) == th && r->figs[f].kind == ART_COUNT)
			fs[n++] = f;
	if (n > 0) {
		c = &plan[np++];
		c->type = PLAN_OWN;
		c->n = n < NPAL ? n : NPAL;
		memcpy(c->fs, fs, sizeof fs[0] * (size_t)c->n);
	}
	for (i = 0; r->pop && i < n; i++) {
		c = &plan[np++];
		c->type = PLAN_RATE;
		c->n = 1, c->fs[0] = fs[i];
	}
	for (f = 0; f < r->nfigs; f++) {
		if (theme_of(r, f) != th || r->figs[f].kind == ART_COUNT)
			continue;
		c = &plan[np++];
		if ((fam = family_of(r, f)) < 0) {
			c->type = PLAN_FIGURE;
			c->n = 1, c->fs[0] = f;
			continue;
		}
		if (f > 0 && family_of(r, f - 1) == fam) {
			np--;	/* the family is drawn at its first member */
			continue;
		}
		c->type = PLAN_STACK;
		c->fam = fam;
		for (c->n = 0; f + c->n < r->nfigs && family_of(r, f + c->n) == fam; c->n++)
			c->fs[c->n] = f + c->n;
		plan[np] = *c;
		plan[np++].type = PLAN_PARTS;
	}
	return np;
}
