/* html: the report as one self-contained HTML page. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "flows.h"
#include "report.h"
#include "util.h"

#ifndef TABLE_DATES
#define TABLE_DATES 7	/* cut dates in one table: a printed A4 page holds them */
#endif

/*
 * What the figures fs[0..n) of a chart mean, from the catalogue, under the
 * chart: the definition, the source and the desired direction; then the
 * figure is closed.
 */
static void
about(struct report *r, FILE *out, int k, const int *fs, int n)
{
	const struct catfig *c;
	int i;

	fputs(n > 1 ? "<ul class=\"about\">" : "", out);
	for (i = 0; i < n; i++) {
		c = &r->figs[fs[i]];
		if (!c->definition[0])
			continue;
		fputs(n > 1 ? "<li><b>" : "<p class=\"about\">", out);
		if (n > 1) {
			esc(out, c->label);
			fputs("</b> ", out);
		}
		esc(out, c->definition);
		if (c->direction[0]) {
			fputs(" <span class=\"dir\">Ønsket udvikling: ", out);
			esc(out, c->direction);
			fputs(".</span>", out);
		}
		fputs(n > 1 ? "</li>" : "</p>", out);
	}
	fputs(n > 1 ? "</ul>\n" : "\n", out);
	quality_about(r, out, k, fs, n);
	fputs("<p class=\"about src\">", out);
	if (r->figs[fs[0]].source_text[0]) {
		fputs("Kilde: ", out);
		esc(out, r->figs[fs[0]].source_text);
		fputs(". ", out);
	}
	/* the figure's number at its end too: tests/report/render checks both on one page */
	fprintf(out, "<span class=\"fn\">(figur %d)</span></p>\n</figure>\n", r->chartno);
}

static void
figure_chart(struct report *r, FILE *out, int k, int f, int rate)
{
	struct series s[MAXSERIES];
	char title[512], buf[64];
	int n = area_series(r, s, k, f, rate);

	/* "Nøgletal": not read as a second number of the chart's (review AK, AK5) */
	snprintf(title, sizeof title, "Nøgletal %s: %s", r->figs[f].label,
	    rate ? r->figs[f].shortname : r->figs[f].name);
	line_chart(r, out, title, unit_label(r, f, rate, buf), s, n, decimals(r, f, rate),
	    r->figs[f].kind == ART_SHARE ? " %" : "", NULL, 0);
	about(r, out, k, &f, 1);
}

static void
own_chart(struct report *r, FILE *out, int k, const char *title, const char *unit, const int *fs, int n,
    const char *note_html)
{
	struct series s[NPAL];
	int i = own_series(r, s, k, fs, n);

	line_chart(r, out, title, unit, s, i, decimals(r, fs[0], 0),
	    r->figs[fs[0]].kind == ART_SHARE ? " %" : "", note_html, 1);
	about(r, out, k, fs, n);
}

static void
html_charts(struct report *r, FILE *out, int k, int th)
{
	struct chart plan[MAXCHART], *c;
	int n = chart_plan(r, th, plan), i;
	char title[512];

	for (i = 0; i < n; i++)
		switch ((c = &plan[i])->type) {
		case PLAN_OWN:
			snprintf(title, sizeof title, "Antal personer i %s", r->kom[k].name);
			own_chart(r, out, k, title, "antal personer", c->fs, c->n, r->pop ? NULL :
			    "Antal personer afhænger af kommunens størrelse og vises derfor for "
			    "kommunen alene. Med befolkningstal (report -p) vises også antal pr. "
			    "10.000 18-64-årige for kommunen, gruppen og hele landet.");
			break;
		case PLAN_RATE:
		case PLAN_FIGURE:
			figure_chart(r, out, k, c->fs[0], c->type == PLAN_RATE);
			break;
		case PLAN_STACK:
			if (stack_chart(r, out, k, families[c->fam].title, c->fs, c->n))
				about(r, out, k, c->fs, c->n);
			break;
		case PLAN_PARTS:
			snprintf(title, sizeof title, "%s i %s over tid", families[c->fam].title,
			    r->kom[k].name);
			own_chart(r, out, k, title, "pct.", c->fs, c->n, NULL);
			break;
		}
}

/* A data quality warning on cell (a, d, f): its "!", naming the indicators. */
static void
quality_sup(struct report *r, FILE *out, int a, int d, int f)
{
	char text[512];

	if (!quality_mark(r, a, d, f))
		return;
	fputs("<sup class=\"qm\" title=\"", out);
	esc(out, quality_mark_text(r, a, d, f, "Datakvalitet", text, sizeof text));
	fputs("\">!</sup>", out);
}

/* One row of a table: the area's cells at dates [d0, d1) and their note. */
static void
html_row(struct report *r, FILE *out, int a, int f, int rate, int d0, int d1)
{
	char num[48];
	double v;
	int d, st;

	esc(out, area_name(r, a));
	fprintf(out, "%s</th>", rate == RATE_POP ? ", pr. 10.000 18-64-årige" :
	    rate == RATE_N ? ", N" : "");
	for (d = d0; d < d1; d++) {
		st = cell_state(r, a, d, f, rate, &v);
		if (st == ST_OK)
			fprintf(out, "<td>%s", dk_num(v, decimals(r, f, rate), num));
		else if (st == ST_HIDDEN)
			fprintf(out, "<td class=\"h\">&lt;%ld", r->threshold);
		else
			fprintf(out, "<td class=\"m\">%s",
			    st == ST_HIDDEN2 ? ".." : st == ST_LATE ? "i.t." : "");
		if (st == ST_OK || st == ST_HIDDEN || st == ST_HIDDEN2)
			quality_sup(r, out, a, d, f);
		fputs("</td>", out);
	}
	fputs("<td class=\"n\">", out);
	esc(out, note_range(r, a, f, rate, d0, d1));
	fputs("</td></tr>\n", out);
}

/*
 * Theme th's table, cut dates [d0, d1): the first part carries the ids,
 * each part the notes on its dates. A wide table is written in parts of at
 * most TABLE_DATES dates so that a printed page holds every column.
 */
static void
html_table(struct report *r, FILE *out, int k, int th, int d0, int d1)
{
	char buf[64], a0[16], a1[16];
	int f, rate, level, d;

	fprintf(out, "<div class=\"tw\"><table>\n<caption>%s, %s–%s</caption>\n<thead><tr>"
	    "<th class=\"l\">Nøgletal og område</th>", themes[th].title,
	    dk_date(r->dates[d0], a0), dk_date(r->dates[d1 - 1], a1));
	for (d = d0; d < d1; d++)
		fprintf(out, "<th>%s</th>", dk_date(r->dates[d], a0));
	fputs("<th class=\"l\">Note</th></tr></thead>\n", out);
	for (f = 0; f < r->nfigs; f++) {
		if (theme_of(r, f) != th)
			continue;
		fprintf(out, "<tbody%s%s%s><tr class=\"fh\"><th class=\"l\" colspan=\"%d\">%s ",
		    d0 ? "" : " id=\"nt-", d0 ? "" : r->figs[f].label, d0 ? "" : "\"",
		    d1 - d0 + 2, r->figs[f].label);
		esc(out, r->figs[f].name);
		fprintf(out, " <span class=\"u\">%s</span></th></tr>\n", unit_label(r, f, 0, buf));
		for (rate = 0; rate >= 0; rate = next_rate(r, f, rate, 1))
			for (level = 0; level < NLEVEL; level++) {
				if (d0 == 0)
					fprintf(out, "<tr id=\"nt-%s-%s%s\" class=\"%s\"><th class=\"l\">",
					    r->figs[f].label, levels[level], rate == RATE_POP ?
					    "-rate" : rate == RATE_N ? "-n" : "", levels[level]);
				else
					fprintf(out, "<tr class=\"%s\"><th class=\"l\">", levels[level]);
				html_row(r, out, area(r, k, level), f, rate, d0, d1);
			}
		fputs("</tbody>\n", out);
	}
	fputs("</table></div>\n", out);
}

static const char css[] =
    ":root{--k:#1f5f8b}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;background:#f3f4f6;color:#1d1f23;font:15px/1.45 system-ui,-apple-system,"
    "\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif}\n"
    "main{max-width:1240px;margin:0 auto;padding:28px 28px 48px}\n"
    /* a column never wider than the page: a 390-px phone holds one */
    "@media (max-width:640px){main{padding:16px 10px 32px}}\n"
    "h1{font-size:30px;margin:0 0 4px;letter-spacing:-.01em}\n"
    "h2{font-size:21px;margin:36px 0 12px;padding-bottom:6px;border-bottom:2px solid #d5d9df}\n"
    "h3{font-size:16px;margin:22px 0 8px}\n"
    ".sub{color:#4a4f57;margin:0 0 14px;font-size:16px}\n"
    ".info{background:#fff;border-left:4px solid var(--k);padding:9px 14px;margin:0 0 10px;"
    "font-size:14px}\n"
    ".warn{background:#fde2e1;border-left:6px solid #b0413e;padding:12px 16px;margin:0 0 10px;"
    "font-weight:600;color:#6d1f1c}\n"
    "nav{font-size:14px;margin:6px 0 0;display:flex;flex-wrap:wrap;gap:2px 14px}"
    "nav a{color:var(--k);text-decoration:none}\n"
    ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(360px,100%),1fr));"
    "gap:16px}\n"
    "figure.wide{grid-column:span 2}\n"
    "figure.chart{margin:0;background:#fff;border:1px solid #e0e3e8;border-radius:8px;"
    "padding:12px 14px 10px}\n"
    "figcaption{font-weight:600;font-size:14px;line-height:1.3;margin-bottom:6px}\n"
    "figcaption .u{display:block;font-weight:400;color:#6a6f78;font-size:12px;margin-top:2px}\n"
    "svg{display:block;width:100%;height:auto}\n"
    "svg text{font-family:inherit;font-size:11px;fill:#4a4f57}\n"
    "svg .yl{text-anchor:end}svg .xl{text-anchor:middle}"
    "svg .rl{text-anchor:end;font-size:12px;fill:#1d1f23}\n"
    "svg .gr{stroke:#e6e8ec}svg .ax{stroke:#9aa0a8}"
    "svg .none,svg .miss{fill:#8a9099;font-style:italic}\n"
    "svg .none{text-anchor:middle}svg .in{text-anchor:middle;fill:#fff;font-weight:600}\n"
    ".legend{list-style:none;margin:6px 0 0;padding:0;font-size:12px;display:flex;"
    "flex-wrap:wrap;gap:3px 14px}\n"
    ".legend i{display:inline-block;width:18px;margin-right:6px;vertical-align:middle}\n"
    ".legend em{color:#8a9099}\n"
    ".legend i.s{border-top:3px solid}.legend i.d{border-top:3px dashed}"
    ".legend i.b{height:10px;width:12px}\n"
    ".legend svg.sw{display:inline-block;width:26px;height:10px;margin-right:6px;"
    "vertical-align:middle;overflow:visible}\n"
    "p.note{font-size:12px;color:#6a6f78;margin:8px 0 0}\n"
    ".tw{overflow-x:auto;background:#fff;border:1px solid #e0e3e8;border-radius:8px}\n"
    "table{border-collapse:collapse;font-size:12.5px;width:100%}\n"
    "th,td{padding:3px 7px;text-align:right;white-space:nowrap;"
    "font-variant-numeric:tabular-nums}\n"
    "thead th{position:sticky;top:0;background:#eef0f3;font-weight:600;vertical-align:bottom}\n"
    "th.l{text-align:left;font-weight:500}\n"
    "tr.fh th{background:#f7f8fa;font-weight:600;padding-top:8px;border-top:1px solid #dfe2e7;"
    "white-space:normal}\n"
    "tr.fh .u{color:#6a6f78;font-weight:400;margin-left:6px}\n"
    "tr.kommune th,tr.kommune td{font-weight:600}\n"
    "td.h{color:#8a5a00}td.m{color:#9aa0a8}\n"
    "td.n{text-align:left;white-space:normal;color:#6a6f78;font-size:11.5px;min-width:220px;"
    "max-width:320px}\n"
    "footer{margin-top:32px;font-size:13px;color:#6a6f78}\n"
    ".goals{font-size:14px;margin:0 0 10px}\n"
    ".about{font-size:12px;color:#3d4148;margin:6px 0 0;padding:0;list-style:none}\n"
    ".about li{margin:2px 0}.about .dir{color:#1f5f8b}.about.src{color:#6a6f78}\n"
    "svg .late{fill:#eef0f3}svg .lt{text-anchor:middle;font-size:10px;fill:#8a9099}\n"
    "p.empty{color:#6a6f78;font-style:italic;background:#f7f8fa;padding:18px;margin:0}\n"
    ".fn{white-space:nowrap}\n"
    "caption{caption-side:top;text-align:left;font-weight:600;padding:6px 8px}\n"
    ".tw+.tw{margin-top:12px}\n"
    "table.ov td.l{text-align:left}\n"
    /* the overview wraps its words: every column in view on a 1280-px screen */
    "table.ov th,table.ov td{white-space:normal}table.ov thead th{min-width:70px}"
    "table.ov tbody th{min-width:200px}table.ov td.l{min-width:120px}"
    "table.ov .u{color:#6a6f78;font-weight:400;font-size:11.5px}\n"
    /* narrower than its table (a phone): it scrolls in its box, the figures' names in view */
    "table.ov tr>th:first-child{position:sticky;left:0;background:#fff;"
    "box-shadow:inset -1px 0 #e0e3e8}table.ov thead th:first-child{background:#eef0f3;"
    "z-index:1}\n"
    "td.qw{background:#fde2e1;color:#6d1f1c;font-weight:600}sup.qm{color:#b0413e;"
    "font-weight:700;margin-left:2px}\n"
    "p.qn{color:#6d1f1c}ul.qx{font-size:14px;margin:0 0 12px}p.qok{color:#2e6b2a}\n"
    /* under two chart columns a wide chart is one column too: an even grid */
    "@media (max-width:800px){figure.wide{grid-column:auto}}\n"
    /* a wide chart keeps readable text on a phone: its narrow copy, as wide as the page */
    "svg.n{display:none}\n"
    "@media (max-width:640px){svg.w{display:none}svg.n{display:block}"
    "h1{font-size:24px}table.ov tbody th{min-width:150px}}\n"
    /* print: A4 landscape at 75 %, three charts a row, nothing split across pages */
    "@media print{@page{size:A4 landscape;margin:10mm}\n"
    "body{background:#fff;font-size:11px}main{max-width:none;padding:0;zoom:.75}nav{display:none}\n"
    ".grid{grid-template-columns:repeat(3,1fr);gap:8px}figure.wide{grid-column:span 2}\n"
    "figure.chart,tr,caption,.info,.goals{break-inside:avoid}\n"
    /* a figure's rows, a half-year's flows, the forecast table: each on one page */
    "tbody,.fp,#fremskrivning .tw{break-inside:avoid}.fp+.fp{margin-top:8px}\n"
    /* but the overview flows on from the heading (a row at a time): one tbody of 35
     * rows; so does the quality table, whose 40 rows left its heading alone on a page
     * (review AK, AK7) */
    "#overblik tbody,#kvalitet tbody{break-inside:auto}\n"
    /* each part of "Alle tal" from a new page: no caption and heading row left alone */
    "#tabel h3,#tabel .tw{break-before:page}#tabel h2+h3,#tabel h3+.tw{break-before:auto}\n"
    "#flows svg{max-height:95mm}#flows figure.chart{border:0;padding:0}\n"
    "section:not(#overblik){break-before:page}h2,h3,caption{break-after:avoid}\n"
    ".tw{overflow:visible;border:0}thead th{position:static}"
    "table.ov tr>th:first-child{position:static;box-shadow:none}\n"
    "td.n{min-width:0;max-width:none}}\n";

/*
 * The overview: per figure the latest value shown, its change since the
 * previous cut date and where the municipality stands among those that
 * show a value (counts by their rate per 10,000, with -p; else not ranked,
 * a count follows the municipality's size). Values shown only.
 */
static void
html_overview(struct report *r, FILE *out, int k)
{
	char num[48], day[16], buf[64], place[128];
	double v, ch, rv, rch;
	int f, d, rd, pos, of, rate;

	fputs("<section id=\"overblik\"><h2>Overblik</h2>\n<div class=\"tw\"><table "
	    "class=\"ov\">\n<thead><tr><th class=\"l\">Nøgletal</th><th>Seneste</th><th>Værdi"
	    "</th><th>Ændring siden forrige opgørelse</th><th class=\"l\">Placering blandt "
	    "kommunerne (1 = højeste)</th><th class=\"l\">Ønsket udvikling</th></tr></thead>\n",
	    out);
	for (f = 0; f < r->nfigs; f++) {
		fprintf(out, "<tr><th class=\"l\">%s ", r->figs[f].label);
		esc(out, r->figs[f].shortname);
		fprintf(out, " <span class=\"u\">%s</span></th>", unit_label(r, f, 0, buf));
		if (!standing(r, k, f, 0, &d, &v, &ch, &pos, &of)) {
			fprintf(out, "<td class=\"m\" colspan=\"4\">%s</td>", no_value_text(r, k, f));
		} else {
			fprintf(out, "<td>%s%s</td><td>%s", dk_date(r->dates[d], day),
			    hidden_after(r, k, f, d) ? " <span class=\"u\">(senere skjult)</span>" : "",
			    dk_num(v, decimals(r, f, 0), num));
			quality_sup(r, out, k, d, f);
			fputs("</td>", out);
			fprintf(out, "<td>%s%s%s</td>", isnan(ch) || ch <= 0 ? "" : "+",
			    isnan(ch) ? "–" : dk_num(ch, decimals(r, f, 0), num),
			    !isnan(ch) && r->figs[f].kind == ART_SHARE ? " pct.-point" : "");
			rate = r->figs[f].kind == ART_COUNT;
			if (rate && (r->pop == NULL ||
			    !standing(r, k, f, RATE_POP, &rd, &rv, &rch, &pos, &of)))
				fputs("<td class=\"l\">–</td>", out);
			else
				fprintf(out, "<td class=\"l\">%s</td>", rank_text(pos,
				    rank_ties(r, rate ? rd : d, f, rate ? RATE_POP : 0, rate ? rv : v),
				    of, rate ? " pr. 10.000 18-64-årige" : "", place, sizeof place));
		}
		fputs("<td class=\"l\">", out);
		esc(out, r->figs[f].direction);
		fputs("</td></tr>\n", out);
	}
	fputs("</table></div></section>\n", out);
}

/* The frame: the four goals of the catalogue (2.1) that the figures follow. */
static const char goals_html[] =
    "<p class=\"goals\">Nøgletallene følger omlægningens fire mål for borgerne: "
    "<b>forbedret personlig recovery og trivsel</b>, <b>tidligere indsats</b>, "
    "<b>øget grad af uddannelse og beskæftigelse</b> og <b>forbedret sundhed</b> "
    "(Social- og Boligstyrelsens nøgletalskatalog, 2023).</p>\n";

void
write_html(struct report *r, FILE *out, int k)
{
	char vintage[256], rule[400];
	int th, i, d, g = r->group_of[k];

	fputs("<!DOCTYPE html>\n<html lang=\"da\"><head><meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<title>Socialpsykiatriens nøgletal: ", out);
	esc(out, r->kom[k].name);
	fprintf(out, "</title>\n<style>\n%s</style>\n</head><body><main>\n<header>\n"
	    "<h1>Socialpsykiatriens nøgletal: ", css);
	esc(out, r->kom[k].name);
	fprintf(out, "</h1>\n<p class=\"sub\">Kommune %03d · sammenlignet med ", r->kom[k].code);
	if (g >= 0) {
		esc(out, r->group_name[g - r->nkom]);
		fprintf(out, " (%d kommuner)", r->group_size[g - r->nkom]);
	} else
		fputs("hele landet (kommunen er ikke med i nogen gruppe)", out);
	for (i = 0; i < r->ncmp; i++) {
		fputs(i == 0 ? ", " : i == r->ncmp - 1 ? " og " : ", ", out);
		esc(out, r->kom[r->cmp[i]].name);
	}
	fputs(g >= 0 ? " og hele landet</p>\n<p class=\"sub\">" : "</p>\n<p class=\"sub\">", out);
	esc(out, vintage_text(r, vintage, sizeof vintage));
	fputs("</p>\n", out);
	fputs(goals_html, out);
	if (r->synthetic)
		fputs("<p class=\"warn\">Syntetiske data: tallene er regnet på registre, som "
		    "synth har lavet, ikke på virkelige udtræk. Må ikke offentliggøres.</p>\n", out);
	if (r->threshold <= 0)
		fputs("<p class=\"warn\">Diskretionering er slået fra (-n 0): tallene er ikke "
		    "diskretionerede. Kun til intern brug – må ikke offentliggøres.</p>\n", out);
	else {
		small_rule(r, rule, sizeof rule);
		fputs("<p class=\"info\">", out);
		esc(out, rule);
		fputs("; tal, der er skjult, for at et lille tal ikke kan regnes ud af de viste, "
		    "vises som &#8220;..&#8221;. Begge dele er udeladt af figurerne, også for "
		    "gruppen og landet. i.t. = ikke tilgængelig endnu. Gruppe og land er summen af "
		    "kommunernes tællere og nævnere.</p>\n", out);
	}
	fputs("<nav>", out);
	for (th = 0; th < NTHEME; th++)
		if (theme_used(r, th))
			fprintf(out, "<a href=\"#tema-%d\">%s</a>", th, themes[th].title);
	flows_nav(r, out, k);
	quality_nav(out);
	fputs("<a href=\"#tabel\">Alle tal</a></nav>\n</header>\n", out);
	r->dk_notes = 1;
	r->chartno = 0;
	html_overview(r, out, k);
	for (th = 0; th < NTHEME; th++) {
		if (!theme_used(r, th))
			continue;
		fprintf(out, "<section id=\"tema-%d\"><h2>%s</h2>\n<div class=\"grid\">\n", th,
		    themes[th].title);
		html_charts(r, out, k, th);
		fputs("</div></section>\n", out);
	}
	html_flows(r, out, k);
	html_forecast(r, out, k);
	html_quality(r, out, k);
	fputs("<section id=\"tabel\"><h2>Alle tal</h2>\n", out);
	for (th = 0; th < NTHEME; th++)
		if (theme_used(r, th)) {
			fprintf(out, "<h3>%s</h3>\n", themes[th].title);
			for (d = 0; d < r->ndates; d += TABLE_DATES)
				html_table(r, out, k, th, d, d + TABLE_DATES < r->ndates ?
				    d + TABLE_DATES : r->ndates);
		}
	r->dk_notes = 0;
	fputs("</section>\n<footer>Socialpsykiatriens nøgletal efter Social- og "
	    "Boligstyrelsens nøgletalskatalog. Opgørelser pr. 30. juni og 31. december; "
	    "udgifterne pr. kalenderår. Antal er personer; andele i procent; gennemsnit "
	    "i point fra 0 til 100.</footer>\n</main></body></html>\n", out);
}
