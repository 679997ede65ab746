# The overview's places and changes (page and workbook), for 101 among 5 municipalities.
set -e
report -k 101 -o html < f.tsv 2>/dev/null > r.html
awk '/<section id="overblik">/ { f = 1 } f && /<\/section>/ { exit } f && /^<tr><th/' r.html |
	sed -e 's/<span class="u">[^<]*<\/span>//' -e 's/<\/t[dh]>/|/g' -e 's/<[^>]*>//g' |
	grep -E '^(1|6|9|11|12|13|18|19) '
report -k 101 -o xlsx < f.tsv 2>/dev/null > r.xlsx
unzip -p r.xlsx xl/sharedStrings.xml | grep -o '<t>nr\. [^<]*</t>' | sort
echo "pct.-point format: $(unzip -p r.xlsx xl/styles.xml | grep -c 'pct.-point')"
