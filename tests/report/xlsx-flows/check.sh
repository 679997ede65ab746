# The workbook's sheet Strømme as it prints, opened with unzip: its columns, its rows'
# heights, its print setup (the matrices 2 a page: of 5 half-years, a break before the third
# and the fifth), a hidden count's alignment.
set -e
awk 'BEGIN { OFS = "\t"; print "KOMMUNE", "DATO", "FRA", "TIL", "ANTAL" }
	NR > 1 { for (y = 2021; y <= 2023; y++) { $2 = y "-12-31"; print; if (y < 2023) { $2 = y + 1 "-06-30"; print } } }' flows.tsv > five.tsv
# five's matrices copy one half-year's: its levels at 2023-06-30 are not fig.tsv's
# 23 (report refuses flows whose sums contradict the figures: review E, E8)
grep -v 2023-06-30 fig.tsv > five-fig.tsv
cp fig.tsv flows-fig.tsv
for t in flows five; do
	report -k 101 -o xlsx -F $t.tsv < $t-fig.tsv > r.xlsx
	s=$(unzip -p r.xlsx xl/workbook.xml | grep -o 'sheet name="[^"]*"' | grep -n '"Strømme"' | cut -d: -f1)
	unzip -p r.xlsx xl/worksheets/sheet$s.xml > s.xml
	echo "$t.tsv:"
	grep -o '<col [^>]*>' s.xml | sed 's/.*min="\([0-9]*\)" max="\([0-9]*\)".*width="\([0-9.]*\)".*/\1-\2:\3/' | tr '\n' ' '; echo
	grep -o '<row r="[0-9]*"[^>]*ht="[^"]*"' s.xml | sed 's/ spans="[^"]*"//; s/<row //' | tr '\n' ' '; echo
	grep -o '<pageSetUpPr[^>]*>\|<pageSetup[^>]*>\|<rowBreaks.*</rowBreaks>' s.xml | tr '\n' ' '; echo
	# a hidden count (B5: step 8 to step 8, ..) right-aligned as the numbers beside it
	st=$(grep -o '<c r="B5" s="[0-9]*"' s.xml | sed 's/.*s="//; s/"//')
	unzip -p r.xlsx xl/styles.xml | tr -d '\n' | sed 's/.*<cellXfs[^>]*>//; s/<\/cellXfs>.*//; s/<xf /\n<xf /g' |
		sed -n "$((${st:-0} + 2))p" | grep -o 'horizontal="[a-z]*"' || echo "B5 not aligned"
done
