# report -q: the Datakvalitet section, the marks, the sheet and the overview page (README).
set -e
report -k 851 -o html -q q.tsv < f.tsv > r.html 2>/dev/null
echo "section: $(grep -c '<section id="kvalitet"><h2>Datakvalitet</h2>' r.html)"
echo "nav: $(grep -c '<a href="#kvalitet">Datakvalitet</a>' r.html)"
sed -n '/<table class="qt">/,/<\/table>/p' r.html | grep '^<tr><th' | sed 's/<\/t[dh]>/;/g; s/<[^>]*>//g'
echo "explained: $(grep -o '<li><b>! [^<]*</b> ([^)]*)' r.html | sed 's/<[^>]*>//g' | tr '\n' ';')"
for row in 1-kommune 1-gruppe 1-landet 11-kommune 11-kommune-n 11-gruppe 12-kommune 20.1-kommune; do
	echo "marks nt-$row: $(grep "^<tr id=\"nt-$row\"" r.html | grep -o 'class="qm"' | wc -l)"
done
echo "chart notes: $(grep -o '<p class="about qn"><b>! Datakvalitet [^<]*</b>' r.html | sed 's/<[^>]*>//g' | tr '\n' ';')"
echo "overview marks: $(sed -n '/id="overblik"/,/<\/section>/p' r.html | grep -c 'class="qm"')"
# each mark names its indicators
grep -o '<sup class="qm" title="[^"]*"' r.html | sed 's/.*title="//; s/"$//' | sort | uniq -c | tr -s ' '
# gzip is read as well
gzip -c q.tsv > q.tsv.gz
report -k 851 -o html -q q.tsv.gz < f.tsv 2>/dev/null | cmp -s - r.html && echo "gzip: same page"
# without -q nothing of it
report -k 851 -o html < f.tsv 2>/dev/null | grep -c 'id="kvalitet"\|href="#kvalitet"\|class="qm"' || true
# the workbook's sheet
report -k 851 -o xlsx -q q.tsv < f.tsv > r.xlsx 2>/dev/null
unzip -p r.xlsx xl/workbook.xml | grep -o '<sheet name="Datakvalitet"' || true
echo "sheet rows: $(unzip -p r.xlsx xl/worksheets/sheet8.xml | grep -o '<row ' | wc -l)"
# the section's text over the table, and every row's indicator explained, not only a
# warning's (review AK, AK4): in column F the heading, the merged text's cell and the 9 rows
echo "sheet text: $(unzip -p r.xlsx xl/sharedStrings.xml | grep -c 'Hvor godt tallene står.*Forklaring: hvad indikatoren måler'), F: $(unzip -p r.xlsx xl/worksheets/sheet8.xml | grep -o '<c r="F[0-9]*"' | wc -l)"
# its dates are dates (Excel's day numbers: 44926 = 2022-12-31, 45107 = 2023-06-30), not
# text (review AK, AK6)
echo "dates: $(unzip -p r.xlsx xl/worksheets/sheet8.xml | grep -o '<c r="A[0-9]*" s="[0-9]*"><v>[0-9]*' | sed 's/.*<v>//' | sort -u | tr '\n' ' ')"
unzip -p r.xlsx xl/sharedStrings.xml | grep -o '<t>\(ingen udgift\|Fundet i DREAM\|Brud i indberetningen\|70,0 %\|72,0 %\|60,0 %\|75,0 %\)</t>' | sort | tr '\n' ' '; echo
# its shares are numbers (formatted 0.0 %), not text: 75,0 % as on the page (a share of
# persons, Fundet i DREAM, is ok or advarsel alone, text: review J, J1)
unzip -p r.xlsx xl/worksheets/sheet8.xml | grep -o '<c r="D[0-9]*"[^>]*><v>[^<]*' | grep -v 't="s"' | sed 's/.*<v>//' | sort | tr '\n' ' '; echo
# the marks of the workbook: a comment on each cell the page marks, by sheet
for c in $(unzip -l r.xlsx | grep -o 'xl/comments[0-9]*\.xml' | sort); do
	s=$(for x in $(unzip -l r.xlsx | grep -o 'xl/worksheets/_rels/sheet[0-9]*\.xml\.rels'); do
		unzip -p r.xlsx "$x" | grep -q "/${c#xl/}\"" && echo "$x"; done | sed 's/.*sheet\([0-9]*\).*/\1/')
	echo "comments sheet $s: $(unzip -p r.xlsx "$c" | grep -o '<comment ref="[A-Z]*[0-9]*"' | sed 's/.*="//; s/"//' | tr '\n' ' ')"
done
unzip -p r.xlsx xl/sharedStrings.xml | grep -c 'Et tal med en kommentar (rødt hjørne)'
report -k 851 -o xlsx < f.tsv 2>/dev/null > r0.xlsx && unzip -l r0.xlsx | grep -c 'comments' || true
# the overview page
mkdir out
report -o html -d out -q q.tsv < f.tsv 2>/dev/null
stat -c '%a %n' out/kvalitet.html
echo "rows: $(grep -c '^<tr><th class="l"><a href="rapport-' out/kvalitet.html)"
echo "titles: $(grep -c 'title="Fundet i DREAM: ingen advarsel"' out/kvalitet.html) print: $(grep -c '@page{size:A4 landscape' out/kvalitet.html)"
for k in 101 147 851; do
	grep "rapport-$k.html" out/kvalitet.html | sed 's/<th.*<\/th>//; s/<td class="\(.\)"[^>]*>[^<]*<\/td>/\1/g; s/<td>\([0-9]*\)<\/td>/ \1/; s/<[^>]*>//g; s/^/'"$k"' /'
	# each cell's sign besides its colour (grey print, colour blindness)
	grep "rapport-$k.html" out/kvalitet.html | sed 's/<th.*<\/th>//; s/<td class="."[^>]*>\([^<]*\)<\/td>/\1 /g; s/<td>[0-9]*<\/td>//; s/<[^>]*>//g; s/^/'"$k"' signs: /'
done
mkdir out2
report -o tsv -d out2 -q q.tsv < f.tsv 2>/dev/null
echo "tsv -d: $(ls out2 | grep -c kvalitet || true) overview"
# a bad row is fatal
report -k 851 -o html -q bad.tsv < f.tsv > /dev/null 2>err || echo "bad: status $?"
cat err
