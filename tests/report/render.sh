#!/bin/sh
# render.sh [FIGURES [POPULATION]]: the report as a reader gets it (make render-check).
# The HTML page of 101 printed to PDF by headless Chromium, the workbook converted
# to PDF by LibreOffice headless, checked from the PDFs' text (pdftotext):
#   - every chart on one page: "Figur N." (its caption) and "(figur N)" (its last
#     line) on the same page, for every chart of the page;
#   - every table has every date column: on the page where a table starts (its
#     caption), every cut date of its heading; in the workbook, every cut date on
#     the first page of every theme sheet (fit to the page width).
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
	figs=$1 pop=${2:-}
else
	"$bin/synth" -S small -o "$out/in" 2>/dev/null
	PATH="$bin:$PATH" "$top/pipelines/keyfigures" -i "$out/in" -o "$out/run" -k 101 2>/dev/null
	figs=$out/run/figures.tsv.gz pop=$out/in/befolkning.tsv.gz
fi
popt=""
[ -n "$pop" ] && popt="-p $pop"
gzip -dcf "$figs" | "$bin/report" -k 101 -o html $popt -s 147,151 > "$out/r.html" 2>/dev/null
gzip -dcf "$figs" | "$bin/report" -k 101 -o xlsx $popt > "$out/r.xlsx" 2>/dev/null
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
pdftoppm -r 50 -png -l 2 "$out/xlsx/r.pdf" "$out/sheet"
bad=0
# The page: one text file per PDF page.
n=$(pdfinfo "$out/r.pdf" | awk '/^Pages:/ { print $2 }')
i=1
while [ "$i" -le "$n" ]; do
	pdftotext -f "$i" -l "$i" -layout "$out/r.pdf" "$out/p$i.txt"
	i=$((i + 1))
done
charts=$(grep -c '<figure class="chart' "$out/r.html")
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
# The workbook: the first page of each theme sheet holds every cut date.
pdftotext -layout "$out/xlsx/r.pdf" "$out/xlsx.txt"
dates=$(gzip -dcf "$figs" | cut -f2 | grep -E '^[0-9]{4}-' | sort -u)
sheets=0
for s in $(unzip -p "$out/r.xlsx" xl/workbook.xml | grep -o 'sheet name="[^"]*"' | sed 's/sheet name="//; s/"$//' | tr ' ' '_'); do
	name=$(echo "$s" | tr _ ' ')
	case $name in "Om tallene"|Diagramdata) continue ;; esac
	sheets=$((sheets + 1))
	page=$(awk -v t="– $name" 'f && /\f/ { exit } index($0, t) { f = 1 } f { print }' "$out/xlsx.txt")
	for d in $dates; do
		echo "$page" | grep -qF "$d" || { echo "render: sheet $name: no column $d"; bad=1; }
	done
done
echo "render: $charts charts on one page each, $tables tables with every date column, $sheets sheets with every date; pictures in $out"
exit $bad
