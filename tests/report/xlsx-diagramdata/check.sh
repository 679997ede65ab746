# Diagramdata of 101 with -p: per block its title, its unit (column A of its dates
# row, as the theme sheets' Enhed) and how many numbers it has in which number
# format (the theme sheets' format for the figure's kind; no format of its own).
set -e
report -k 101 -p p.tsv -o xlsx < f.tsv > r.xlsx 2>/dev/null
unzip -p r.xlsx xl/workbook.xml | grep -o 'sheet name="[^"]*"' | tail -1
unzip -p r.xlsx xl/sharedStrings.xml | sed 's/<si>/\n<si>/g' | grep '^<si>' | sed 's/<[^>]*>//g' > ss.txt
unzip -p r.xlsx xl/styles.xml | sed 's/></>\n</g' | awk -F'"' '
	/<numFmt / { code[$2] = $4 } /<cellXfs/ { x = 1; n = 0; next } /<\/cellXfs/ { x = 0 }
	x && /^<xf / { print n++ "\t" ($2 in code ? code[$2] : "General") }' > xf.txt
echo "number formats of the workbook: $(unzip -p r.xlsx xl/styles.xml | grep -o 'formatCode="[^"]*"' | sed 's/formatCode=//' | tr '\n' ' ' | sed 's/ $//')"
unzip -p r.xlsx xl/worksheets/sheet9.xml | grep -o '<c r="[A-Z]*[0-9]*"[^>]*><v>[^<]*</v>' |
	awk 'FILENAME == "ss.txt" { s[FNR - 1] = $0; next }
	FILENAME == "xf.txt" { split($0, a, "\t"); fmt[a[1]] = a[2]; next }
	function flush() { if (head != "") print head (n ? " | " n " x " f : " | no number"); head = "" }
	{ st = 0; if (match($0, / s="[0-9]+"/)) st = substr($0, RSTART + 4, RLENGTH - 5)
	  v = $0; sub(/.*<v>/, "", v); sub(/<.*/, "", v)
	  if ($0 !~ /t="s"/) { n++; if (f == "" ) f = fmt[st]; else if (f != fmt[st]) f = f " and " fmt[st]; next }
	  if ($0 !~ /<c r="A/) next
	  if (s[v] ~ /^Enhed: /) { flush(); head = title " | " s[v]; n = 0; f = "" } else title = s[v] }
	END { flush() }' ss.txt xf.txt -
# Printed: A4 landscape, fit to the width at 2 dates; at 20 cut dates not below 66 %
# (7.3-pt type), the dates that do not fit on a page to the right, column A repeated.
for t in f wide; do
	report -k 101 -o xlsx < $t.tsv > $t.xlsx 2>/dev/null
	echo "$t: $(unzip -p $t.xlsx xl/worksheets/sheet9.xml | grep -o '<pageSetup[^>]*>\|<colBreaks.*</colBreaks>' | tr '\n' ' ' | sed 's/ $//')"
	unzip -p $t.xlsx xl/workbook.xml | grep -o '<definedName name="_xlnm.Print_Titles"[^>]*>Diagramdata[^<]*'
done
