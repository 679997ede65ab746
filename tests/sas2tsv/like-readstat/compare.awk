# compare.awk: sas2tsv's TSV (file 2) against readstat's CSV (file 1), cell by
# cell. Text must be equal; numbers equal as doubles, where a YYYY-MM-DD,
# YYYY-MM-DD HH:MM:SS or HH:MM:SS cell of ours is first turned back into
# SAS's days or seconds from 1960-01-01; missing is empty in both.
function days(y, m, d,   yy, era, yoe, doy) {	# days since 1960-01-01
	yy = y - (m <= 2); era = int((yy >= 0 ? yy : yy - 399) / 400)
	yoe = yy - era * 400; doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
	return era * 146097 + yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy - 719468 + 3653
}
function sas(v,   a) {
	if (v ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/) {
		split(v, a, "-"); return days(a[1] + 0, a[2] + 0, a[3] + 0) }
	if (v ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]$/) {
		split(v, a, /[- :]/)
		return days(a[1] + 0, a[2] + 0, a[3] + 0) * 86400 + a[4] * 3600 + a[5] * 60 + a[6] }
	if (v ~ /^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]$/) {
		split(v, a, ":"); return a[1] * 3600 + a[2] * 60 + a[3] }
	return v
}
# split a CSV line of readstat into cell[] and quoted[]; returns the count
function csv(line,   n, i, c, v, q) {
	n = 0; i = 1
	while (1) {
		v = ""; q = 0
		if (substr(line, i, 1) == "\"") {
			q = 1; i++
			while (i <= length(line)) {
				c = substr(line, i, 1)
				if (c == "\"" && substr(line, i + 1, 1) == "\"") { v = v c; i += 2; continue }
				if (c == "\"") { i++; break }
				v = v c; i++
			}
		} else
			while (i <= length(line) && substr(line, i, 1) != ",") { v = v substr(line, i, 1); i++ }
		cell[++n] = v; quoted[n] = q
		if (substr(line, i, 1) != ",") return n
		i++
	}
}
FNR == NR { want[FNR] = $0; nwant = FNR; next }
{
	n = csv(want[FNR]); m = split($0, ours, "\t")
	if (n != m) { print FILENAME ":" FNR ": " m " cells, readstat " n; bad++; next }
	for (i = 1; i <= n; i++) {
		if (quoted[i] || FNR == 1) ok = cell[i] == ours[i]
		else if (cell[i] == "" || ours[i] == "") ok = cell[i] == ours[i]
		else ok = cell[i] + 0 == sas(ours[i]) + 0
		if (!ok) { print FILENAME ":" FNR ":" i ": ours \"" ours[i] "\", readstat \"" cell[i] "\""; bad++ }
	}
	rows = FNR
}
END { if (rows != nwant) { print FILENAME ": " rows " lines, readstat " nwant; bad++ }
	print bad ? "differ" : "agree"; exit bad > 0 }
