# The workbook's sheet Fremskrivning as it prints, opened with unzip.
set -e
report -k 101 -o xlsx -P fc.tsv < fig.tsv > r.xlsx 2>/dev/null
sheet() {	# the XML of the sheet named $1 (of the workbook $2, r.xlsx)
	unzip -p "${2:-r.xlsx}" "xl/worksheets/sheet$(unzip -p "${2:-r.xlsx}" xl/workbook.xml |
		grep -o 'sheet name="[^"]*"' | grep -n "\"$1\"" | cut -d: -f1).xml"
}
unzip -p r.xlsx xl/sharedStrings.xml | sed 's/<si>/\n<si>/g' | grep '^<si>' | sed 's/<[^>]*>//g' > ss.txt
rows() {	# a sheet's rows from its XML on stdin: reference and value of each cell, strings resolved
	grep -o '<c r="[A-Z]*[0-9]*"[^>]*><v>[^<]*</v>' |
	awk 'FILENAME == "ss.txt" { s[FNR - 1] = $0; next }
	{ r = $0; sub(/^<c r="/, "", r); sub(/".*/, "", r); n = r; sub(/^[A-Z]*/, "", n)
	  v = $0; sub(/.*<v>/, "", v); sub(/<.*/, "", v); if ($0 ~ /t="s"/) v = s[v]
	  if (n != row && row != "") { print line; line = "" } row = n; line = line (line == "" ? "" : "  ") r "=" v }
	END { if (line != "") print line }' ss.txt -
}
# Fremskrivning: its table only (columns A-F), its charts below it two by two from
# column A, each a new page for a band of two, printed fit to the width.
echo "Fremskrivning, columns with cells: $(sheet Fremskrivning | grep -o '<c r="[A-Z]*' | sed 's/<c r="//' | sort -u | tr '\n' ' ')"
sheet Fremskrivning | grep -o '<pageSetUpPr[^>]*>\|<pageSetup[^>]*>\|<rowBreaks.*</rowBreaks>\|<pane [^>]*>' | tr '\n' ' '; echo
d=$(unzip -p r.xlsx "xl/worksheets/_rels/sheet$(unzip -p r.xlsx xl/workbook.xml | grep -o 'sheet name="[^"]*"' |
	grep -n '"Fremskrivning"' | cut -d: -f1).xml.rels" | grep -o 'drawings/drawing[0-9]*\.xml' | sed 's|drawings/||')
unzip -p r.xlsx "xl/drawings/$d" | grep -o '<xdr:from><xdr:col>[0-9]*</xdr:col><xdr:colOff>[0-9]*</xdr:colOff><xdr:row>[0-9]*' |
	sed 's/<[^>]*col>//g; s/<xdr:colOff>/+/; s/<\/xdr:colOff><xdr:row>/ row /; s/<xdr:from>/chart at column /' 
# its charts read Diagramdata: the first chart's ranges, and the blocks there (rows)
c=$(unzip -p r.xlsx "xl/drawings/_rels/$d.rels" | grep -o 'charts/chart[0-9]*\.xml' | head -1)
unzip -p r.xlsx "xl/$c" | grep -o '<c:f>[^<]*</c:f>' | sed 's/<[^>]*>//g' | head -3 | tr '\n' ' '; echo
sheet Diagramdata | rows | sed -n '/=1 Modtagere af længerevarende botilbud$/,$p'
# its dates are dates (Excel's day numbers, 45473 = 2024-06-30, fc.tsv's first), shown dd.mm.yyyy, not text:
# sorted and filtered as dates (review AK, AK6)
sheet Fremskrivning | rows | sed -n '4p' | grep -o 'C4=[^ ]*'
unzip -p r.xlsx xl/styles.xml | grep -o 'formatCode="dd.mm.yyyy"'
