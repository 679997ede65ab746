# Figures that compare t with t-1 (7, 16) at the report's first cut date: i.t. with why.
set -e
rows() { awk -F'\t' 'NR == 1 || $2 == "1" || $2 == "7" || $2 == "16"'; }
report -k 101 < a.tsv 2>/dev/null | rows
# A row read at the first cut date (a stream from a longer range) is shown as it is.
{ cat a.tsv; printf '101\t2020-06-30\t7\t7\t\n147\t2020-06-30\t7\t5\t\n'; } | report -k 101 2>/dev/null |
	awk -F'\t' '$2 == "7"'
# The page: the same cells, the same reasons.
report -k 101 -o html < a.tsv > r.html 2>/dev/null
for id in 7 16; do
	echo "html $id: $(awk -v id="nt-$id" 'index($0, "id=\"" id "\"") { f = 1 } f && /<\/tbody>/ { exit } f' r.html |
		grep -o '<td class="[a-z]*">[^<]*</td>' | sort | uniq -c | tr -s ' ' | tr '\n' ';')"
done
# The workbook: its notes say why.
report -k 101 -o xlsx < a.tsv > r.xlsx 2>/dev/null
unzip -p r.xlsx xl/sharedStrings.xml | grep -o '<t>[^<]*kræver to [^<]*</t>'
# The page of the first date alone: the charts with nothing to draw because nothing can be yet.
awk -F'\t' '$2 != "2020-12-31"' a.tsv | report -k 101 -o html 2>/dev/null |
	awk '/<figcaption>/ { c = $0; sub(/.*<figcaption>Figur [0-9]*\. /, "", c); sub(/<.*/, "", c) }
	/Intet at tegne: ikke tilgængelig endnu/ { print "i.t.: " c }'
# The workbook's rows as high as their wrapped notes (sheet 3, Bevægelser på trappen: the overview is sheet 1).
report -k 101 -o xlsx < a.tsv > r.xlsx 2>/dev/null
unzip -p r.xlsx xl/worksheets/sheet3.xml | grep -o '<row r="[0-9]*"[^>]*>' |
	sed -n 's/<row r="\([0-9]*\)".* ht="\([0-9.]*\)".*/\1 \2/p' | awk '$1 <= 25 { print "row " $0 }' | uniq -f 2 -c | tr -s ' '
