#!/bin/sh
# check.sh DIR: the properties of synth's registers that the key figures need
# (see README). Prints one line per file: "FILE ok", or "FILE" and what lacks.
d=$1
z() { gzip -dc "$d/$1.tsv.gz"; }

# A program's header line names its columns: c["NAME"] is the field number.
cols='NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }'
# Day numbers and minutes for dates and times (any fixed epoch).
days='function day(s,   y, m, d) { y = substr(s, 1, 4) + 0; m = substr(s, 6, 2) + 0
	d = substr(s, 9, 2) + 0; if (m < 3) { y--; m += 12 }
	return 365 * y + int(y / 4) - int(y / 100) + int(y / 400) + int((153 * (m - 3) + 2) / 5) + d }
function minute(d, t) { return day(d) * 1440 + substr(t, 1, 2) * 60 + substr(t, 4, 2) }'
report='function need(cond, what) { if (!cond) lack = lack " " what }'

z handic | awk -F'\t' "$report $cols"'
{	s = $c["YDELSE_START"]; e = $c["YDELSE_SLUT"]; g = $c["MAALGRUPPE"]; p = $c["PNR"]
	if (s > latest) latest = s
	if (e > latest) latest = e
	if (e != "" && e < s) backwards++
	if (g != "1.2.2" && substr(g, 1, 6) != "1.2.2.") { other[g]++; next }
	if (g != "1.2.2") subcode++
	code[$c["MODT_YDELSE_KODE"]]++
	if ($c["MODT_YDELSE_KODE"] ~ /^1\.13\.[12]$/ && s < "2020-07-01") early82++
	if (e == "") open++
	if (s < "2017-01-01") before++
	if (p in hk && hk[p] != $c["HANDLEKOMMUNE"]) moved++
	hk[p] = $c["HANDLEKOMMUNE"]
	if (s <= "2021-12-31" && (e == "" || e >= "2021-12-31")) active[p]++
}
END {	for (p in active) if (active[p] > 1) overlap++
	need(latest == "2023-12-31", "latest-date-" latest)
	need(!backwards, "end-before-start")
	n = split("1.8.1 1.12.0.1 1.8.2 1.12.0.2 1.1 1.4 1.13.1 1.13.2 1.6 1.7 1.10", want, " ")
	for (i = 1; i <= n; i++) need(code[want[i]], "code-" want[i])
	need(subcode, "target-subcodes")
	need(!early82, "82-before-2020-07-01")
	need(open, "open-ended")
	need(before, "start-before-2017")
	need(moved, "municipality-change")
	need(overlap, "overlapping-services")
	need(other["1.2.1"] && other["1.2.1.3"] && other["1.1.1"], "other-groups")
	print "handic" (lack == "" ? " ok" : lack)
}'

z dream | awk -F'\t' "$report"'
NR == 1 { next }
{	gone = ""
	for (i = 2; i <= NF; i++) {
		x = $i; gsub(/ /, "", x); n[x]++; cells++
		if ($i != $(i - 1)) changes++
		if ($i ~ /^ +$/) spaces++
		if (gone != "" && x != "" && x != gone) after++
		if (x == "997" || x == "999") gone = x
	}
}
END {	need(changes * 10 < cells, "spells")
	need(!after, "997/999-final")
	k = split("651 652 661 783 771 740 890 899 135 997 999", want, " ")
	for (i = 1; i <= k; i++) need(n[want[i]], "code-" want[i])
	need(n[""] * 5 > cells, "many-blanks")
	need(spaces, "blank-of-spaces")
	print "dream" (lack == "" ? " ok" : lack)
}'

z lpr | tail -n +2 | sort -c -k1,1 -k2,2 2>/dev/null && echo "lpr sorted"
z lpr | awk -F'\t' "$report $days $cols"'
{	ts = $c["tidspunkt_start"]; te = $c["tidspunkt_slut"]
	if (length(ts) == 8) hms++; else hm++
	if ($c["dato_slut"] == "") { running++; next }
	s = minute($c["dato_start"], ts); e = minute($c["dato_slut"], te)
	if (e - s < 720) short++; else long++
	print $c["PNR"], s, e | "sort -k1,1 -k2,2n > contacts"
}
END {	close("sort -k1,1 -k2,2n > contacts")
	while ((getline line < "contacts") > 0) {
		split(line, f, " ")
		if (f[1] == p) {
			g = f[2] - end
			if (g >= 0 && g < 240) transfer++
			else if (g >= 240 && g <= 43200) readmission++
		}
		p = f[1]; end = f[3]
	}
	need(hms && hm, "HH:MM-and-HH:MM:SS")
	need(running, "running-contacts")
	need(short && long, "short-and-long")
	need(transfer, "transfers")
	need(readmission, "readmissions")
	print "lpr" (lack == "" ? " ok" : lack)
}'

z who5 | awk -F'\t' "$report $cols"'
{	k[$c["KOMMUNE"]]++
	half = substr($c["DATO"], 1, 4) * 2 + (substr($c["DATO"], 6, 2) > "06")
	seen[$c["PNR"], half] = 1
	if ($c["INSP1"] $c["INSP2"] $c["INSP3"] $c["INSP4"] $c["INSP5"] == "") noinsp++
	for (i = 1; i <= 5; i++) if ($c["WHO" i] !~ /^[0-5]$/) bad++
	for (i = 1; i <= 5; i++) if ($c["INSP" i] !~ /^[0-4]?$/) bad++
	p[$c["PNR"]] = half
}
END {	for (x in k) nk++
	for (x in seen) { split(x, f, SUBSEP); if ((f[1], f[2] - 1) in seen) consecutive++ }
	need(nk >= 10 && nk <= 15, "10-15-municipalities")
	need(!bad, "items-in-range")
	need(noinsp, "rows-without-INSPIRE-O")
	need(consecutive, "consecutive-half-years")
	print "who5" (lack == "" ? " ok" : lack)
}'

z regnskab | awk -F'\t' "$report $cols"'
{	f = $c["FUNKTION"]; a = $c["ART"]; b = $c["BELOEB"]; y = $c["AAR"]
	if (f ~ /\./) dotted++; else plain++
	gsub(/\./, "", f)
	form[a]++
	if (b ~ /,/) comma++
	if (b ~ /\./) dot++
	if (b ~ /^-/) negative++
	if ($c["DRANST"] != 1) dranst++
	if (a ~ /^[0789]/) excluded[substr(a, 1, 1)]++
	if ($c["DRANST"] == 1 && a ~ /^[1-6]/) cell[$c["KOMMUNE"], y, f "/" $c["GRUPPERING"]] = 1
	years[y] = 1; kom[$c["KOMMUNE"]] = 1
}
END {	n = split("53850/003 53851/003 53852/003 53839/005 53858/003 53859/003 53853/002 53839/011 53839/012 53839/013", g, " ")
	for (x in kom) for (y in years) for (i = 1; i <= n; i++)
		if (!((x, y, g[i]) in cell) && !(i > 7 && y < 2019)) missing++
	for (y in years) ny++
	for (x in kom) nkom++
	need(nkom == 98 && ny == 7 && !missing, "every-municipality-year-group")
	need(dotted && plain, "both-FUNKTION-forms")
	need(form["4"] && form["4.0"] && form["40"], "ART-4-4.0-40")
	need(comma && dot, "both-decimal-marks")
	need(negative, "negative-amounts")
	need(dranst, "DRANST-2-3")
	need(excluded[0] && excluded[7] && excluded[8] && excluded[9], "arts-0-7-8-9")
	print "regnskab" (lack == "" ? " ok" : lack)
}'
