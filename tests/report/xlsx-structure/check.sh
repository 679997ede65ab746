# The workbook of 851, opened with unzip: sheets, cells, charts, no hidden value.
set -e
report -k 851 -o xlsx < f.tsv > r.xlsx 2>/dev/null
unzip -p r.xlsx xl/workbook.xml | grep -o 'sheet name="[^"]*"'
echo "charts: $(unzip -l r.xlsx | grep -c 'xl/charts/chart[0-9]*\.xml')"
# In each chart's place with nothing to draw, its title and a line saying so (a shared string).
i=$(unzip -p r.xlsx xl/sharedStrings.xml | sed 's/<si>/\n<si>/g' | grep '^<si>' | grep -n 'Intet at tegne: ingen viste tal' | cut -d: -f1)
echo "nothing to draw: $(for n in 2 3 4 5 6 7; do unzip -p r.xlsx xl/worksheets/sheet$n.xml; done | grep -o '<c r="[A-Z]*[0-9]*" t="s"><v>[0-9]*</v>' | grep -c "<v>$((i - 1))</v>")"
unzip -p r.xlsx xl/charts/chart1.xml | grep -o '<c:f>[^<]*</c:f>' | head -3
# Indsatstrappen: the numbers in column F (2022-12-31) and the strings there.
unzip -p r.xlsx xl/worksheets/sheet2.xml | grep -o '<c r="F[0-9]*"[^>]*>' | sed 's/ s="[0-9]*"//' | tr '\n' ' '; echo
unzip -p r.xlsx xl/worksheets/sheet2.xml | grep -o '<c r="F[0-9]*"\( s="[0-9]*"\)\?><v>[^<]*</v>' | sed 's/ s="[0-9]*"//'
unzip -p r.xlsx xl/sharedStrings.xml | grep -o '<t>&lt;5</t>\|<t>\.\.</t>' | sort | uniq -c | tr -s ' '
# Every number in every sheet: only the values shown (rounded as shown).
for n in 1 2 3 4 5 6 7 8 9; do unzip -p r.xlsx xl/worksheets/sheet$n.xml; done |
	grep -o '<c r="[A-Z]*[0-9]*"\( s="[0-9]*"\)\?><v>[^<]*</v>' | sed 's/.*<v>//; s/<.*//' | sort | uniq -c | tr -s ' ' | tr '\n' ';'; echo
report -k 851 -n 0 -o xlsx < f.tsv 2>/dev/null > r0.xlsx
unzip -p r0.xlsx xl/sharedStrings.xml | grep -c 'DISKRETIONERING SLÅET FRA (-n 0)'
# Overblik, printed fit to the width: Navn (B), Enhed (C), the place (G) and the desired
# direction (H) wrapped in narrower columns (11-pt type at 7.5 pt in LibreOffice on A4
# landscape), a row as high as its lines.
unzip -p r.xlsx xl/worksheets/sheet1.xml | grep -o '<col [^>]*>' | sed 's/.*min="\([0-9]*\)".*width="\([0-9.]*\)".*/\1:\2/' | tr '\n' ' ' | sed 's/ $//'; echo
unzip -p r.xlsx xl/worksheets/sheet1.xml | grep -o '<row r="[0-9]*"[^>]*ht="[^"]*"' | sed 's/ spans="[^"]*"//; s/<row //' | tr '\n' ' ' | sed 's/ $//'; echo
