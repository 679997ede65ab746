#!/bin/sh
# render.sh [FIGURES [POPULATION [RUN]]]: the report as a reader gets it (make render-check).
# The HTML page of 101, with the flows, the forecast and the data quality of RUN (a
# keyfigures result folder: flows.tsv.gz, forecast.tsv.gz, kvalitet.tsv, those it has),
# printed to PDF by headless Chromium, the workbook converted to PDF by LibreOffice
# headless, checked from the PDFs' text (pdftotext):
#   - every chart on one page: "Figur N." (its caption) and "(figur N)" (its last
#     line) on the same page, for every chart of the page (the forecast's too);
#   - every table has every date column: on the page where a table starts (its
#     caption), every cut date of its heading; in the workbook, every cut date on
#     a page of every theme sheet, and on every page of it with dates the columns
#     that say which row is which (printed on every page);
#   - every sheet of the workbook printed in type of 6.5 pt or more on every page
#     (the theme sheets were 3.5-3.7 pt, Om tallene 5.8, Overblik 6.3: see below);
#   - no figure's rows split in "Alle tal": under the heading a page repeats, a
#     figure's heading comes first, never one of its rows;
#   - each half-year of flows whole: its heading, diagram and matrix (to its "I alt"
#     row) on one page; the forecast table (to its last row) on one page;
#   - the sections of RUN's flows, forecast and quality are on the page;
#   - on a 1280-px screen neither the page nor the overview scrolls sideways;
#   - on a 400-px phone the page does not scroll sideways, the charts fit their boxes
#     with text of 8 px or more, the overview's first column stays in view.
# Without FIGURES, the small synthetic preset (synth -S small, keyfigures). The
# PDFs and PNG pictures of their first pages stay in $RENDER_DIR (default
# build/render) for a look. Skipped, with a message and exit 0, when chromium,
# soffice or pdftotext is missing. Exit 1 on a finding.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${NOEGLETAL_BIN:-$top/bin}
out=${RENDER_DIR:-$top/build/render}
for t in chromium soffice pdftotext pdftoppm; do
	command -v $t >/dev/null || { echo "render: skipped: $t not found (apt-get install chromium libreoffice-calc-nogui poppler-utils)"; exit 0; }
done
rm -rf "$out" && mkdir -p "$out"
export NOEGLETAL_SHARE="$top/share/noegletal" SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1764547200}
if [ $# -ge 1 ]; then
	figs=$1 pop=${2:-} run=${3:-}
else
	"$bin/synth" -S small -o "$out/in" 2>/dev/null
	PATH="$bin:$PATH" "$top/pipelines/keyfigures" -i "$out/in" -o "$out/run" -k 101 2>/dev/null
	figs=$out/run/figures.tsv.gz pop=$out/in/befolkning.tsv.gz run=$out/run
fi
set --
[ -n "$pop" ] && set -- -p "$pop"
sections=""
if [ -n "$run" ]; then
	[ -f "$run/flows.tsv.gz" ] && set -- "$@" -F "$run/flows.tsv.gz" && sections="$sections flows"
	[ -f "$run/forecast.tsv.gz" ] && set -- "$@" -P "$run/forecast.tsv.gz" &&
		sections="$sections fremskrivning"
	[ -f "$run/kvalitet.tsv" ] && set -- "$@" -q "$run/kvalitet.tsv" && sections="$sections kvalitet"
fi
gzip -dcf "$figs" | "$bin/report" -k 101 -o html "$@" -s 147,151 > "$out/r.html" 2>/dev/null
gzip -dcf "$figs" | "$bin/report" -k 101 -o xlsx "$@" > "$out/r.xlsx" 2>/dev/null
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
	--disable-component-update --disable-sync --user-data-dir="$profile" --no-pdf-header-footer \
	--print-to-pdf="$out/r.pdf" "file://$out/r.html" 2>/dev/null
chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$profile" \
	--window-size=1280,2400 --hide-scrollbars --screenshot="$out/screen.png" \
	"file://$out/r.html" 2>/dev/null
(cd "$out" && soffice --headless --norestore "-env:UserInstallation=file://$profile/lo" \
	--convert-to pdf --outdir "$out/xlsx" r.xlsx >/dev/null 2>&1)
pdftoppm -r 50 -png -l 4 "$out/r.pdf" "$out/page"
pdftoppm -r 50 -png -l 8 "$out/xlsx/r.pdf" "$out/sheet"	# Overblik, the first theme sheet
bad=0
# The page: one text file per PDF page.
n=$(pdfinfo "$out/r.pdf" | awk '/^Pages:/ { print $2 }')
i=1
while [ "$i" -le "$n" ]; do
	pdftotext -f "$i" -l "$i" -layout "$out/r.pdf" "$out/p$i.txt"
	i=$((i + 1))
done
charts=$(grep -c '<figcaption>Figur [0-9]' "$out/r.html")	# the numbered charts: themes, forecast
c=1
while [ "$c" -le "$charts" ]; do
	a=$(grep -l "Figur $c\. " "$out"/p*.txt | head -1)
	b=$(grep -l "(figur $c)" "$out"/p*.txt | head -1)
	if [ -z "$a" ] || [ "$a" != "$b" ]; then
		echo "render: figure $c split or missing: caption on ${a:-none}, end on ${b:-none}"
		bad=1
	fi
	c=$((c + 1))
done
# Each table: its caption's page holds every date of its heading.
tables=0
awk '/<caption>/ { sub(/.*<caption>/, ""); sub(/<\/caption>.*/, ""); cap = $0; next }
	cap != "" && /<thead>/ { line = $0; dates = ""
		while (match(line, /[0-9][0-9]\.[0-9][0-9]\.[0-9][0-9][0-9][0-9]/)) {
			dates = dates " " substr(line, RSTART, RLENGTH); line = substr(line, RSTART + RLENGTH) }
		print cap "|" dates; cap = "" }' "$out/r.html" > "$out/tables.txt"
while IFS='|' read -r cap dates; do
	tables=$((tables + 1))
	p=$(grep -lF "$cap" "$out"/p*.txt | head -1)
	[ -n "$p" ] || { echo "render: table $cap: not in the PDF"; bad=1; continue; }
	for d in $dates; do
		grep -qF "$d" "$p" || { echo "render: table $cap: no column $d on its page"; bad=1; }
	done
done < "$out/tables.txt"
# The sections asked for are on the page (a report that left one out fails here).
for sec in $sections; do
	grep -q "<section id=\"$sec\">" "$out/r.html" || { echo "render: no section $sec"; bad=1; }
done
# "Alle tal": on a page the repeated heading row is followed by a figure's heading
# ("7 Flytning ..."), never by a row of a figure begun on the page before.
for p in "$out"/p*.txt; do
	awk 'h && NF { if ($1 !~ /^[0-9]+(\.[0-9]+)?$/) { print; bad = 1 } h = 0 }
		/^ *Nøgletal og område / { h = 1 } END { exit bad }' "$p" > "$out/split.txt" ||
		{ echo "render: a figure split across pages: $(basename "$p") starts with $(head -1 "$out/split.txt" | tr -s ' ' | cut -c1-60)"; bad=1; }
done
# Flows: from each half-year's heading, its matrix's "I alt" row on the same page.
periods=$(grep -c '<div class="fp"><h3>' "$out/r.html" || true)
whole=$(i=1; while [ "$i" -le "$n" ]; do cat "$out/p$i.txt"; i=$((i + 1)); done |
	awk '/^ *Fra [0-9.]+ til [0-9.]+ *$/ { if (f) n++; f = 1; next }
	f && /\f/ { n++; f = 0 } f && /^ *I alt / { f = 0 } END { print n + f }')
[ "$whole" -eq 0 ] || { echo "render: $whole half-years of flows split across pages"; bad=1; }
# The forecast table: its heading row and its last row on one page.
if grep -q '<section id="fremskrivning">' "$out/r.html"; then
	last=$(awk '/<section id="fremskrivning">/ { f = 1 } f && /^<tr><th class="l">/ { l = $0 }
		f && /<\/section>/ { exit } END { sub(/^<tr><th class="l">/, "", l); sub(/<.*/, "", l); print l }' "$out/r.html")
	p=$(grep -l '^ *Nøgletal  *[0-9][0-9]\.[0-9][0-9]\.[0-9]\{4\}' "$out"/p*.txt | head -1)
	{ [ -n "$p" ] && awk -v l="$last" '/^ *Nøgletal  *[0-9]/ { f = 1 } f && index($0, l) { ok = 1 } END { exit !ok }' "$p"; } ||
		{ echo "render: the forecast table split across pages (its last row \"$last\" not on ${p:-no page})"; bad=1; }
fi
# On a 1280-px screen the page and the overview need no sideways scrolling (a copy of
# the page with a line of script that writes the widths into the DOM Chromium dumps).
sed 's|</body>|<script>var o = document.querySelector("#overblik .tw"); document.body.setAttribute("data-w", window.innerWidth + " " + document.documentElement.scrollWidth + " " + (o.scrollWidth - o.clientWidth));</script></body>|' \
	"$out/r.html" > "$out/w.html"
set -- $(chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$profile" \
	--window-size=1280,900 --dump-dom "file://$out/w.html" 2>/dev/null | sed -n 's/.*data-w="\([^"]*\)".*/\1/p')
if [ $# -ne 3 ] || [ "$2" -gt "$1" ] || [ "$3" -gt 0 ]; then
	echo "render: at 1280 px the page (${2:-?} of ${1:-?} px) or the overview (${3:-?} px more) scrolls sideways"
	bad=1
fi
# On a 400-px phone (in an iframe: headless Chromium's window is at least 500 px wide):
# the page does not scroll sideways, no chart is wider than its box, the overview
# scrolled to its end keeps its first column at the box's left edge, and no text of
# a chart shown is under 8 px (a wide chart scaled down was 7.5 px, the Sankey's 5).
{ sed 's|</body></html>||' "$out/r.html"
  cat <<'EOS'
<script>window.addEventListener("load", function () {
var W = innerWidth, o = document.querySelector("#overblik .tw"), th = o.querySelector("tbody th"), wide = 0, min = 99;
o.scrollLeft = o.scrollWidth;
document.querySelectorAll("figure.chart").forEach(function (f) { wide += f.scrollWidth > f.clientWidth; });
document.querySelectorAll("figure.chart svg:not(.sw)").forEach(function (s) {
	var b = s.getBoundingClientRect(), k = b.width / s.viewBox.baseVal.width;
	if (!s.getClientRects().length) return;
	wide += b.right > W;
	s.querySelectorAll("text").forEach(function (t) { min = Math.min(min, parseFloat(getComputedStyle(t).fontSize) * k); });
});
parent.postMessage(W + " " + document.documentElement.scrollWidth + " " +
	Math.round(th.getBoundingClientRect().left - o.getBoundingClientRect().left - o.clientLeft) + " " + wide + " " + Math.floor(min), "*");
});</script></body></html>
EOS
} > "$out/phone.html"
printf '%s\n' '<html><body><iframe src="phone.html" width="400" height="800"></iframe><script>' \
	'addEventListener("message", function (e) { document.body.setAttribute("data-w", e.data); });</script></body></html>' > "$out/phone-top.html"
set -- $(chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$profile" \
	--window-size=600,900 --virtual-time-budget=10000 --dump-dom "file://$out/phone-top.html" 2>/dev/null |
	sed -n 's/.*data-w="\([^"]*\)".*/\1/p')
if [ $# -ne 5 ] || [ "$1" -ne 400 ] || [ "$2" -gt "$1" ] || [ "$3" -ne 0 ] || [ "$4" -gt 0 ] || [ "$5" -lt 8 ]; then
	echo "render: at 400 px (${1:-?}): the page ${2:-?} px wide, the overview's first column ${3:-?} px off its box, ${4:-?} charts wider than their box, the smallest chart text ${5:-?} px"
	bad=1
fi
phone="at 400 px a page ${2:-?} px wide, chart text from ${5:-?} px"
# The workbook's pages: which sheet each is and the size of its type, from pdftotext
# -bbox. A sheet's first page has the sheet's title on its first line ("... – Overblik",
# "... – Indsatstrappen", "Strømme på trappen", "Fremskrivning af", "Datakvalitet:", "...
# (kommune 101)"; Diagramdata's "Enhed:" on its second), in the workbook's order; the
# pages up to the next sheet's first are the sheet's. A page's type is the size most of
# its words have: a word's box is 1.3 times its type in DejaVu Sans, LibreOffice's
# stand-in for Calibri here (Carlito's 1.22: then this reads 6 % large).
pdftotext -layout "$out/xlsx/r.pdf" "$out/xlsx.txt"
pdftotext -bbox "$out/xlsx/r.pdf" "$out/xlsx-bbox.html"
unzip -p "$out/r.xlsx" xl/workbook.xml | grep -o 'sheet name="[^"]*"' | sed 's/sheet name="//; s/"$//' > "$out/xlsx-sheets.txt"
awk -v names="$(paste -sd'|' "$out/xlsx-sheets.txt")" '
	function first(s, l1, l2) {
		if (s == "Strømme") return l1 ~ /^Strømme på trappen/
		if (s == "Fremskrivning") return l1 ~ /^Fremskrivning af/
		if (s == "Datakvalitet") return l1 ~ /^Datakvalitet:/
		if (s == "Om tallene") return index(l1, "(kommune") > 0
		if (s == "Diagramdata") return l2 ~ /^Enhed:/
		return index(l1, "– " s) > 0 }
	BEGIN { ns = split(names, name, "|") }
	/<page / { nw = 0; p++ }
	/<word / { split($0, a, "\""); nw++; y[nw] = a[4] + 0; h[nw] = a[8] - a[4]
		w = $0; sub(/.*">/, "", w); sub(/<.*/, "", w); t[nw] = w }
	/<\/page>/ { y1 = y2 = 1e9
		for (i = 1; i <= nw; i++) if (y[i] < y1) y1 = y[i]
		for (i = 1; i <= nw; i++) if (y[i] > y1 + 1 && y[i] < y2) y2 = y[i]
		l1 = l2 = ""
		for (i = 1; i <= nw; i++) {
			if (y[i] < y1 + 1) l1 = l1 (l1 == "" ? "" : " ") t[i]
			else if (y[i] > y2 - 1 && y[i] < y2 + 1) l2 = l2 (l2 == "" ? "" : " ") t[i] }
		if (s < ns && first(name[s + 1], l1, l2)) s++
		split("", n); m = 0
		for (i = 1; i <= nw; i++) n[sprintf("%.1f", h[i] / 1.3)]++
		for (k in n) if (n[k] > m) { m = n[k]; best = k }
		print p "\t" (s ? name[s] : "?") "\t" (m ? best : 99) }' "$out/xlsx-bbox.html" > "$out/xlsx-pages.txt"
# Every sheet printed, in type of 6.5 pt or more on every page (the theme sheets were
# 3.5-3.7 pt, every date squeezed onto the first page's width; Om tallene 5.8, Overblik 6.3).
type=""
while IFS= read -r name; do
	pt=$(awk -F'\t' -v s="$name" '$2 == s && (m == "" || $3 < m) { m = $3 } END { print m }' "$out/xlsx-pages.txt")
	[ -n "$pt" ] || { echo "render: sheet $name: not in the workbook's PDF"; bad=1; continue; }
	awk -v p="$pt" 'BEGIN { exit !(p < 6.5) }' &&
		{ echo "render: sheet $name printed at $pt-pt type (under 6.5) on page $(awk -F'\t' -v s="$name" -v p="$pt" '$2 == s && $3 == p { print $1; exit }' "$out/xlsx-pages.txt")"; bad=1; }
	type="$type, $name $pt"
done < "$out/xlsx-sheets.txt"
# Each theme sheet has every cut date on one of its pages (those that do not fit on the
# first at 66 % on pages to the right), and every page of it with dates has the columns
# that say which row is which (Nøgletal ... Område, repeated on every page).
dates=$(gzip -dcf "$figs" | cut -f2 | grep -E '^[0-9]{4}-' | sort -u |
	sed -E 's/^([0-9]{4})-([0-9]{2})-([0-9]{2})$/\3.\2.\1/')	# the workbook's dd.mm.yyyy
sheets=0
while IFS= read -r name; do
	case $name in "Om tallene"|Overblik|Diagramdata|Strømme|Fremskrivning|Datakvalitet) continue ;; esac
	sheets=$((sheets + 1))
	awk -v pages="$(awk -F'\t' -v s="$name" '$2 == s { print $1 }' "$out/xlsx-pages.txt")" '
		BEGIN { RS = "\f"; n = split(pages, a, "\n"); for (i = 1; i <= n; i++) p[a[i]] = 1 }
		NR in p { print; print "\f" }' "$out/xlsx.txt" > "$out/xlsx-sheet-text.txt"
	for d in $dates; do
		grep -qF "$d" "$out/xlsx-sheet-text.txt" || { echo "render: sheet $name: no column $d"; bad=1; }
	done
	awk 'BEGIN { RS = "\f" } /[0-9][0-9]\.[0-9][0-9]\.[0-9][0-9][0-9][0-9]/ && !/Nøgletal +Navn +Enhed +Niveau +Område/ { n++ }
		END { exit n > 0 }' "$out/xlsx-sheet-text.txt" ||
		{ echo "render: sheet $name: a page with dates and without the rows' names"; bad=1; }
done < "$out/xlsx-sheets.txt"
echo "render: $charts charts on one page each, $tables tables with every date column, $periods half-years of flows whole, sections:${sections:- none}, $sheets sheets with every date, workbook type${type#,} pt, $phone; pictures in $out"
exit $bad
