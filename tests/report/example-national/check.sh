# Pooling at national scale: the report (-n 0) of the worked national sample's figure
# stream, every value checked against TAELLER / NAEVNER summed by awk from that stream
# (the municipality, its region, the country), within half a unit of the last decimal.
set -e
ex="$SHARED/examples/national-1500/expected.tsv.gz"
report -n 0 < "$ex" 2>/dev/null > r.tsv
gzip -dc "$ex" | awk -F'\t' -v kom="$NOEGLETAL_SHARE/kommuner.tsv" -v cat="$NOEGLETAL_SHARE/noegletal.tsv" '
BEGIN {
	while ((getline l < kom) > 0) { split(l, f, "\t"); region[f[1]] = f[4] }
	while ((getline l < cat) > 0) { split(l, f, "\t"); art[f[1]] = f[4] }
}
NR == FNR { if (FNR > 1) for (i = 1; i <= 3; i++) {
		a = i == 1 ? $1 : i == 2 ? region[$1] : "Hele landet"
		k = a SUBSEP $2 SUBSEP $3; t[k] += $4; nv[k] += $5; have[k] = 1 }
	next }
FNR == 1 { for (c = 7; c < NF; c++) date[c] = $c; next }
$2 == "" { next }	# the -n 0 line
{	rows++
	a = $5 == "kommune" ? $1 : $6
	for (c = 7; c < NF; c++) {
		k = a SUBSEP date[c] SUBSEP $2
		# no row: nothing, or (a register count) 0, which a row is not written for
		if (!(k in have)) { if ($c != "" && $c != "i.t." && !((art[$2] == "count" || $4 ~ /\(N\)$/) && $c == "0")) { print "extra: " $0; bad++ } else empty++; continue }
		n = $4 ~ /\(N\)$/	# the N of a share or mean
		want = n ? nv[k] : art[$2] == "count" ? t[k] : art[$2] == "share" ? 100 * t[k] / nv[k] : t[k] / nv[k]
		tol = n || art[$2] == "count" ? 0 : art[$2] == "ratio" ? 0.0005 : 0.05
		d = $c - want; if (d < 0) d = -d
		if ($c == "" || d > tol + 1e-9) { print "differs: " $1, $2, $5, date[c] ": " $c " expected " want; bad++ }
		else checked++
	}
}
END { print rows " rows (98 municipalities x 144), " (checked > 50000 ? "over 50000" : checked) " values checked, " bad + 0 " wrong"; exit bad > 0 }
' - r.tsv
