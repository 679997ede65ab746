# Suppression at national scale, checked from outside: the report (threshold 5) of the
# worked national sample's figure stream, against the true TAELLER and NAEVNER of that
# stream. Fails when a small number is shown (primary), or when a shown total and its
# hidden parts would give a hidden part away: exactly one hidden part, or hidden parts
# that weigh under 5 together (the weight: a count, or the NAEVNER of a share or mean).
# Sums checked: each region = its municipalities, the country = the municipalities, and
# in every area 7 = 7.1 + 7.2 + 7.3, 12 = 12.1 + 12.2, 13 = 13.1 + 13.2. A share of
# persons or events (SMAA_TAL begge) also needs NAEVNER - TAELLER >= 5. A cell without a
# row that shows as hidden is a 0 (SPEC 4) and counts as a hidden part of weight 0.
set -e
ex="$SHARED/examples/national-1500/expected.tsv.gz"
report < "$ex" 2>/dev/null > r.tsv
gzip -dc "$ex" | awk -F'\t' -v kom="$NOEGLETAL_SHARE/kommuner.tsv" -v cat="$NOEGLETAL_SHARE/noegletal.tsv" '
BEGIN {
	while ((getline l < kom) > 0) { split(l, f, "\t"); region[f[1]] = f[4]; if (f[1] ~ /^[0-9]+$/) inreg[f[4]] = inreg[f[4]] " " f[1] }
	while ((getline l < cat) > 0) { split(l, f, "\t"); art[f[1]] = f[4]; both[f[1]] = l ~ /\tbegge(\t|$)/ }
	parts["7"] = "7.1 7.2 7.3"; parts["12"] = "12.1 12.2"; parts["13"] = "13.1 13.2"
}
function hidden(v) { return v == "<5" || v == ".." }
function w(k) { return art[id[k]] == "count" ? t[k] : nv[k] }
# check(total shown?, list of part keys): 1 if the shown total gives a part away
function leaks(tot, list,    n, p, i, h, s) {
	if (!(tot in shown) || hidden(shown[tot])) return 0
	n = split(list, p, " "); h = 0; s = 0
	for (i = 1; i <= n; i++) if ((p[i] in shown) && hidden(shown[p[i]])) { h++; s += w(p[i]) }
	sums++
	return h == 1 || (h > 1 && s < 5)
}
NR == FNR { if (FNR > 1) for (i = 1; i <= 3; i++) {
		a = i == 1 ? $1 : i == 2 ? region[$1] : "Hele landet"
		k = a SUBSEP $2 SUBSEP $3; t[k] += $4; nv[k] += $5; id[k] = $3; dates[$2] = 1 }
	next }
FNR == 1 { for (c = 7; c < NF; c++) date[c] = $c; next }
$2 == "" { next }
{	a = $5 == "kommune" ? $1 : $6
	for (c = 7; c < NF; c++) {
		k = a SUBSEP date[c] SUBSEP $2
		if (!(k in id)) { if (hidden($c)) { shown[k] = $c; id[k] = $2 } continue }
		shown[k] = $c
		if ($c == "<5") primary++
		if ($c == "..") secondary++
		if (art[$2] != "ratio" && !hidden($c) && w(k) < 5) { print "small number shown: " a, date[c], $2; bad++ }
		if (both[$2] && !hidden($c) && (t[k] < 5 || nv[k] - t[k] < 5)) { print "small share shown: " a, date[c], $2; bad++ }
	}
}
END {
	for (d in dates) for (fid in art) {
		if (art[fid] == "ratio" || fid == "NOEGLETAL") continue
		all = ""
		for (g in inreg) {
			n = split(inreg[g], m, " "); list = ""
			for (i = 1; i <= n; i++) list = list " " m[i] SUBSEP d SUBSEP fid
			all = all list
			if (leaks(g SUBSEP d SUBSEP fid, list)) { print "region leaks: " g, d, fid; bad++ }
		}
		if (leaks("Hele landet" SUBSEP d SUBSEP fid, all)) { print "country leaks: " d, fid; bad++ }
	}
	for (k in shown) {
		split(k, q, SUBSEP)
		if (!(q[3] in parts)) continue
		n = split(parts[q[3]], p, " "); list = ""
		for (i = 1; i <= n; i++) list = list " " q[1] SUBSEP q[2] SUBSEP p[i]
		if (leaks(k, list)) { print "sum leaks: " q[1], q[2], q[3]; bad++ }
	}
	print (primary > 1000 ? "over 1000" : primary) " primary, " (secondary > 100 ? "over 100" : secondary) " secondary, " (sums > 1000 ? "over 1000" : sums) " sums with a shown total checked, " bad + 0 " leaks"
	exit bad > 0
}
' - r.tsv
