/* svg: the charts of the HTML page, as inline SVG. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "report.h"
#include "util.h"

void
esc(FILE *out, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		default: fputc(*s, out);
		}
}

static double
nice_step(double raw)
{
	double m = pow(10, floor(log10(raw))), r = raw / m;

	return m * (r <= 1 ? 1 : r <= 2 ? 2 : r <= 2.5 ? 2.5 : r <= 5 ? 5 : 10);
}

/* Line chart geometry: the plot area inside a CH_W (or CH_WW) x CH_H box. */
enum { CH_W = 400, CH_WW = 820, CH_H = 216, CH_L = 46, CH_T = 10, CH_B = 186, CH_PAD = 10 };

static double
xpos(struct report *r, int d)
{
	return r->ndates > 1 ? CH_L + CH_PAD + (double)(r->plot_right - CH_L - 2 * CH_PAD) * d /
	    (r->ndates - 1) : (CH_L + r->plot_right) / 2.0;
}

static double
ypos(double v, double lo, double hi)
{
	return CH_B - (CH_B - CH_T) * (v - lo) / (hi - lo);
}

/*
 * The x axis: a tick per cut date, longer at 31 December, and under a tick
 * the date it stands for (dd.mm.yyyy, the page's one date format), as
 * many as fit: every December date or every second or third one.
 */
static void
x_axis(struct report *r, FILE *out)
{
	int d, y, m, dd, ndec = 0, every, nth = 0;
	char day[16];
	double gap;

	for (d = 0; d < r->ndates; d++) {
		civil_from_days(r->dates[d], &y, &m, &dd);
		ndec += m == 12;
	}
	gap = (double)(r->plot_right - CH_L - 2 * CH_PAD) / (ndec > 1 ? ndec - 1 : 1);
	every = r->ndates <= 4 ? 0 : gap >= 64 ? 1 : gap >= 32 ? 2 : 3;
	fprintf(out, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" class=\"ax\"/>\n",
	    CH_L, r->plot_right, CH_B, CH_B);
	for (d = r->ndates - 1; d >= 0; d--) {	/* from the latest: it is always labelled */
		civil_from_days(r->dates[d], &y, &m, &dd);
		fprintf(out, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" class=\"ax\"/>",
		    xpos(r, d), xpos(r, d), CH_B, CH_B + (m == 12 ? 5 : 3));
		if (every == 0 || (m == 12 && nth++ % every == 0))	/* inside the box */
			fprintf(out, "<text x=\"%.1f\" y=\"%d\" class=\"xl\"%s>%s</text>",
			    xpos(r, d), CH_B + 17, xpos(r, d) + 30 > r->plot_right + 10 ?
			    " style=\"text-anchor:end\"" : xpos(r, d) - 30 < 0 ?
			    " style=\"text-anchor:start\"" : "", dk_date(r->dates[d], day));
		fputc('\n', out);
	}
}

/* The y axis: gridlines from lo to hi by step, labelled. */
static void
y_grid(struct report *r, FILE *out, double lo, double hi, double step)
{
	char num[48];
	double v;
	int tdec;

	for (tdec = 0; tdec < 4 && fabs(step * pow(10, tdec) -
	    round(step * pow(10, tdec))) > 1e-6; tdec++)
		;
	for (v = lo; v <= hi + step / 2; v += step)
		fprintf(out, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"gr\"/>"
		    "<text x=\"%d\" y=\"%.1f\" class=\"yl\">%s</text>\n", CH_L, r->plot_right,
		    ypos(v, lo, hi), ypos(v, lo, hi), CH_L - 5, ypos(v, lo, hi) + 4,
		    dk_num(fabs(v) < step / 1e6 ? 0 : v, tdec, num));
}

/*
 * Where nothing is shown, say why: a grey band over the dates before the
 * figure's first valid date ("i.t."), and under a hidden value a hollow
 * mark in its series' colour on the axis (<N or ..). Whether
 * it drew such a mark.
 */
static int
gaps(struct report *r, FILE *out, const struct series *s, int ns)
{
	char day[16];
	int i, j, nh, d, late, marks = 0;
	double w = r->ndates > 1 ? (xpos(r, 1) - xpos(r, 0)) : 40, x0, x1;

	for (d = 0; d < r->ndates; d++) {
		for (i = 0, late = ns > 0; i < ns; i++)
			late &= s[i].st[d] == ST_LATE;
		/* the band within the plot: the axis' labels lie left of CH_L */
		x0 = fmax(xpos(r, d) - w / 2, CH_L);
		x1 = fmin(xpos(r, d) + w / 2, r->plot_right);
		if (late)
			fprintf(out, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
			    "class=\"late\"><title>%s: ikke tilgængelig endnu</title></rect>"
			    "<text x=\"%.1f\" y=\"%d\" class=\"lt\">i.t.</text>\n", x0,
			    CH_T, x1 - x0, CH_B - CH_T, dk_date(r->dates[d], day), xpos(r, d), CH_T + 10);
		/*
		 * On the axis, side by side where several are hidden at d: one
		 * above another, 6 px each, drew them at values (44 persons on a
		 * chart to 300: review AK, AK2).
		 */
		for (i = 0, nh = 0; i < ns; i++)
			nh += s[i].st[d] == ST_HIDDEN || s[i].st[d] == ST_HIDDEN2;
		for (i = 0, j = 0; i < ns; i++)
			if (s[i].st[d] == ST_HIDDEN || s[i].st[d] == ST_HIDDEN2) {
				marks = 1;
				fprintf(out, "<circle cx=\"%.1f\" cy=\"%d\" r=\"2.6\" fill=\"#fff\" "
				    "stroke=\"%s\" stroke-width=\"1.4\"><title>", xpos(r, d) +
				    6 * (j++ - (nh - 1) / 2.0), CH_B, s[i].color);
				esc(out, s[i].name);
				fprintf(out, ", %s: %s</title></circle>\n", dk_date(r->dates[d], day),
				    s[i].st[d] == ST_HIDDEN ? "diskretioneret (lille tal)" :
				    "skjult for at beskytte et lille tal");
			}
	}
	return marks;
}

/*
 * Told apart without colour (grey print, colour blindness): the i-th series'
 * dashes (the first, the municipality, solid; a dashed one, the country,
 * "6 3") and its points' shape: circle, square, triangle, diamond.
 */
static const char *
series_dash(const struct series *s, int i)
{
	static const char *pat[] = { "", "1.5 3", "9 3 2 3", "3 2", "12 4" };

	return s->dash ? "6 3" : i == 0 ? "" : pat[1 + (i - 1) % 4];
}

static void
marker(FILE *out, int shape, double x, double y, double r, const char *color)
{
	switch (shape % 4) {
	case 0:
		fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\">", x, y, r,
		    color);
		return;
	case 1:
		fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
		    "fill=\"%s\">", x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8, color);
		return;
	case 2:
		fprintf(out, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%s\">", x,
		    y - r * 1.2, x + r * 1.1, y + r * 0.8, x - r * 1.1, y + r * 0.8, color);
		return;
	}
	fprintf(out, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%s\">", x,
	    y - r * 1.25, x + r * 1.25, y, x, y + r * 1.25, x - r * 1.25, y, color);
}

static const char *const marker_end[] = { "</circle>", "</rect>", "</path>", "</path>" };

/* One series, the i-th: its line (broken where nothing is shown) and its points. */
static void
series_line(struct report *r, FILE *out, const struct series *s, int i, double lo,
    double hi, int dec, const char *suffix)
{
	char num[48], day[16];
	const char *dash = series_dash(s, i);
	int d, pen;

	fprintf(out, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s%s%s d=\"",
	    s->color, s->dash ? "2" : "2.4", *dash ? " stroke-dasharray=\"" : "", dash,
	    *dash ? "\"" : "");
	for (d = 0, pen = 0; d < r->ndates; d++) {
		if (isnan(s->v[d])) {
			pen &= s->yearly && is_june(r, d);
			continue;
		}
		fprintf(out, "%s%c%.1f %.1f", d ? " " : "", pen ? 'L' : 'M', xpos(r, d),
		    ypos(s->v[d], lo, hi));
		pen = 1;
	}
	fputs("\"/>\n", out);
	for (d = 0; d < r->ndates; d++) {
		if (isnan(s->v[d]))
			continue;
		marker(out, i, xpos(r, d), ypos(s->v[d], lo, hi), s->dash ? 2.4 : 3, s->color);
		fputs("<title>", out);
		esc(out, s->name);
		fprintf(out, ", %s: %s%s</title>%s", dk_date(r->dates[d], day),
		    dk_num(s->v[d], dec, num), suffix, marker_end[i % 4]);
	}
	fputc('\n', out);
}

/* The SVG of a line chart, width units wide; whether gaps() drew a hidden mark. */
static int
plot(struct report *r, FILE *out, const char *title, const struct series *s, int ns,
    double lo, double hi, double step, int dec, const char *suffix, int width,
    const char *class)
{
	int i, marks;

	r->plot_right = width - 10;
	fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\"%s viewBox=\"0 0 %d %d\" "
	    "role=\"img\" aria-label=\"", class, width, CH_H);
	esc(out, title);
	fputs("\">\n", out);
	y_grid(r, out, lo, hi, step);
	x_axis(r, out);
	marks = gaps(r, out, s, ns);
	for (i = ns - 1; i >= 0; i--)
		series_line(r, out, &s[i], i, lo, hi, dec, suffix);
	fputs("</svg>\n", out);
	return marks;
}

/*
 * A line chart in inline SVG: a line per series over the cut dates, a gap
 * where nothing is shown and why (gaps()), a point with a tooltip per
 * value, the y axis from 0. The first series (the municipality) is drawn
 * last, on top. A wide chart spans two columns of the grid; on a phone
 * (under 640 px) its narrow copy (class n) is shown instead. With nothing
 * to draw, no axes: a sentence says so.
 */
void
line_chart(struct report *r, FILE *out, const char *title, const char *unit,
    const struct series *s, int ns, int dec, const char *suffix, const char *note_html,
    int wide)
{
	double lo = 0, hi = 0, step, v;
	int i, d, any = 0, late, hid, empty, marks = 0;	/* marks: gaps() drew a hidden one */

	for (i = 0; i < ns; i++)
		for (d = 0; d < r->ndates; d++)
			if (!isnan(v = s[i].v[d])) {
				any = 1;
				lo = v < lo ? v : lo;
				hi = v > hi ? v : hi;
			}
	if (hi - lo <= 0)
		hi = lo + 1;
	step = nice_step((hi - lo) / 4);
	if (dec == 0 && step != floor(step))	/* whole persons: no 2,5 on the axis */
		step = step < 1 ? 1 : 5 * ceil(step / 5);
	lo = floor(lo / step) * step;
	hi = ceil(hi / step - 1e-9) * step;
	fprintf(out, "<figure class=\"chart%s\"><figcaption>Figur %d. ", wide ? " wide" : "",
	    ++r->chartno);
	esc(out, title);
	fputs("<span class=\"u\">", out);
	esc(out, unit);
	fputs("</span></figcaption>\n", out);
	/* nothing to draw because of the dates: not yet (i.t.), or 30 June of a yearly figure */
	for (i = hid = 0, late = ns > 0; i < ns; i++)
		for (d = 0; d < r->ndates; d++) {
			late &= s[i].st[d] == ST_LATE || s[i].st[d] == ST_YEARLY;
			hid |= s[i].st[d] == ST_YEARLY;
		}
	if (!any)
		fputs(late && !hid ? "<p class=\"empty\">Intet at tegne: ikke tilgængelig endnu "
		    "(i.t.; se tabellen).</p>\n" : late ? "<p class=\"empty\">Intet at tegne: "
		    "opgøres årligt pr. 31. december (se tabellen).</p>\n" : "<p class=\"empty\">"
		    "Intet at tegne: ingen viste tal for denne kommune, gruppe eller landet (se "
		    "tabellen).</p>\n", out);
	else {
		marks = plot(r, out, title, s, ns, lo, hi, step, dec, suffix, wide ? CH_WW : CH_W,
		    wide ? " class=\"w\"" : "");
		/* on a phone a wide chart's text would be too small: drawn again, narrow */
		if (wide)
			plot(r, out, title, s, ns, lo, hi, step, dec, suffix, CH_W, " class=\"n\"");
	}
	fputs("<ul class=\"legend\">", out);
	for (i = 0; i < ns; i++) {
		const char *dash = series_dash(&s[i], i);

		fprintf(out, "<li><svg class=\"sw\" viewBox=\"0 0 26 10\" aria-hidden=\"true\">"
		    "<line x1=\"1\" x2=\"25\" y1=\"5\" y2=\"5\" stroke=\"%s\" stroke-width=\"2.4\"%s%s%s/>",
		    s[i].color, *dash ? " stroke-dasharray=\"" : "", dash, *dash ? "\"" : "");
		marker(out, i, 13, 5, s[i].dash ? 2.4 : 3, s[i].color);
		fprintf(out, "%s</svg>", marker_end[i % 4]);
		esc(out, s[i].name);
		/* nothing drawn: hidden (ingen viste tal), not yet (i.t.), 0 of 0
		 * (-n 0) or no data */
		for (d = hid = 0, late = empty = 1; d < r->ndates && isnan(s[i].v[d]); d++) {
			hid |= s[i].st[d] == ST_HIDDEN || s[i].st[d] == ST_HIDDEN2;
			late &= s[i].st[d] == ST_LATE;
			empty &= s[i].st[d] == ST_EMPTY;
		}
		fprintf(out, "%s</li>", d < r->ndates ? "" : hid ? " <em>(ingen viste tal)</em>" :
		    late ? " <em>(i.t.)</em>" : empty ? " <em>(nævneren er 0)</em>" :
		    " <em>(ingen data)</em>");
	}
	/* the hollow marks at the foot (gaps()) are no values near 0: say so */
	if (marks)
		fprintf(out, "<li><svg class=\"sw\" viewBox=\"0 0 26 10\" aria-hidden=\"true\">"
		    "<circle cx=\"13\" cy=\"5\" r=\"2.6\" fill=\"#fff\" stroke=\"#666\" "
		    "stroke-width=\"1.4\"/></svg>ved aksen: et skjult tal (&lt;%ld eller ..), ikke en "
		    "værdi</li>", r->threshold);
	fputs("</ul>\n", out);
	if (note_html)
		fprintf(out, "<p class=\"note\">%s</p>\n", note_html);
	/* the caller adds what the figures mean, and closes the figure */
}

/*
 * A whole split into its shares: a 100 % bar for the municipality, its
 * group and the country at stack_date().
 */
int
stack_chart(struct report *r, FILE *out, int k, const char *title, const int *fs, int n)
{
	enum { LW = 124, BX = 128, BW = 262, RH = 26, RG = 14 };
	char num[48], day[16], caption[256];
	double v[MAXFIG], sum, x, w, y;
	int d = stack_date(r, k, fs, n), i, level, a, st, s;

	if (d < 0)
		return 0;
	snprintf(caption, sizeof caption, "%s, %s", title, dk_date(r->dates[d], day));
	fprintf(out, "<figure class=\"chart\"><figcaption>Figur %d. ", ++r->chartno);
	esc(out, caption);
	fprintf(out, "<span class=\"u\">pct.</span></figcaption>\n<svg "
	    "xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" role=\"img\" "
	    "aria-label=\"", CH_W, 8 + NLEVEL * (RH + RG));
	esc(out, caption);
	fputs("\">\n", out);
	for (level = 0; level < NLEVEL; level++) {
		y = 8 + level * (RH + RG);
		a = area(r, k, level);
		fprintf(out, "<text x=\"%d\" y=\"%.1f\" class=\"rl\">", LW, y + RH / 2 + 4);
		esc(out, area_name(r, a));
		fputs("</text>\n", out);
		for (i = 0, sum = 0, st = ST_OK; i < n; i++) {
			s = cell_state(r, a, d, fs[i], 0, &v[i]);
			if (s != ST_OK && (st == ST_OK || s >= ST_HIDDEN))
				st = s;
			sum += s == ST_OK && v[i] > 0 ? v[i] : 0;
		}
		if (st != ST_OK || sum <= 0) {
			fprintf(out, "<text x=\"%d\" y=\"%.1f\" class=\"miss\">%s</text>\n",
			    BX + 4, y + RH / 2 + 4, st >= ST_HIDDEN ? "diskretioneret" :
			    st == ST_EMPTY ? "nævneren er 0" : "ingen data");
			continue;
		}
		for (i = 0, x = BX; i < n; i++) {
			if (!(v[i] > 0))
				continue;
			w = BW * v[i] / sum;
			fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" "
			    "fill=\"%s\"><title>", x, y, w, RH, part_color(r, fs[i], i));
			esc(out, area_name(r, a));
			fputs(", ", out);
			esc(out, r->figs[fs[i]].shortname);
			fprintf(out, ": %s %%</title></rect>", dk_num(v[i], 1, num));
			if (w >= 30)
				fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" class=\"in\">%s</text>",
				    x + w / 2, y + RH / 2 + 4, dk_num(v[i], 0, num));
			fputc('\n', out);
			x += w;
		}
	}
	fputs("</svg>\n<ul class=\"legend\">", out);
	for (i = 0; i < n; i++) {
		fprintf(out, "<li><i class=\"b\" style=\"background:%s\"></i>%s ",
		    part_color(r, fs[i], i), r->figs[fs[i]].label);
		esc(out, r->figs[fs[i]].shortname);
		fputs("</li>", out);
	}
	fputs("</ul>\n", out);	/* the caller closes the figure */
	return 1;
}
