# The HTML report of 851: structure, well-formed SVG, and no suppressed value anywhere.
set -e
report -k 851 -o html < f.tsv > r.html 2>/dev/null
# Every key figure of the catalogue has its table body and its three rows.
for id in $(cut -f1 "$NOEGLETAL_SHARE/noegletal.tsv" | tail -n +2); do
	for r in "nt-$id" "nt-$id-kommune" "nt-$id-gruppe" "nt-$id-landet"; do
		grep -q "id=\"$r\"" r.html || { echo "no element $r"; exit 1; }
	done
done
echo "every key figure has its rows"
grep -c '<h1>Socialpsykiatriens nøgletal: Aalborg</h1>' r.html
# Each inline SVG (a line starting <svg to a line starting </svg>) through xmllint.
awk '/^<svg /{ n++; f = "chart" n ".svg" } f { print > f } /^<\/svg>/{ close(f); f = "" }' r.html
n=0
for f in chart*.svg; do xmllint --noout "$f"; n=$((n + 1)); done
echo "$n charts drawn (a wide chart twice), well-formed; $(grep -c '<figure class="chart' r.html) figures, $(grep -c 'class="empty">Intet at tegne' r.html) with nothing to draw"
# Self-contained: no script, no address outside the page.
echo "scripts and outside addresses: $(grep -c -E '<script|(src|href)="[a-z]+:' r.html || true)"
# No hidden value anywhere (the shares and means hidden have values no shown cell has).
for v in 33,3 52,6 52,5 57,5 47,5 50,0; do
	! grep -q "$v" r.html || { echo "hidden value $v appears"; exit 1; }
done
# Points drawn (tooltips) and table cells shown: only the values shown.
# (the narrow copy of a wide chart, for a phone, left out: it draws what its wide chart draws)
awk '/^<svg [^>]*class="n"/ { n = 1 } !n { print > "wide.html" } n { print > "narrow.html" } /^<\/svg>/ { n = 0 }' r.html
echo "points: $(grep -o ', 31.12.2022: [0-9][^<]*</title>' wide.html | sort | uniq -c | tr -s ' ' | tr '\n' ';')"
echo "marks: $(grep -o ', 31.12.2022: [a-z][^<]*</title>' wide.html | sort | uniq -c | tr -s ' ' | tr '\n' ';')"
for w in w n; do
	awk -v c="class=\"$w\"" '/^<svg / && index($0, c) { f = 1 } f && /<title>/ { print } /^<\/svg>/ { f = 0 }' r.html |
		grep -o '<title>[^<]*</title>' > "titles.$w"
done
cmp -s titles.w titles.n && echo "$(grep -c '^<svg [^>]*class="n"' r.html) narrow copies of wide charts, the same points and marks as their wide charts ($(wc -l < titles.n) tooltips)"
echo "cells: $(grep -o '<td>[^<]*</td>' r.html | sort | uniq -c | tr -s ' ' | tr '\n' ';')"
echo "primary: $(grep -c 'class="h">&lt;5</td>' r.html) secondary: $(grep -o '<td class="m">\.\.</td>' r.html | wc -l)"
echo "banner: $(grep -c 'class="warn"' r.html || true)"
report -k 851 -n 0 -o html < f.tsv 2>/dev/null | grep -c 'class="warn">Diskretionering er slået fra'
