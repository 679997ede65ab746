#!/bin/sh
# check.sh SNAPSHOT: the flows of SNAPSHOT checked against the snapshot and
# against diff-moves (issue 16):
#   1. in each municipality and at each t, the rows whose FRA is step s add
#      up to the persons on step s there at t-1 (every step 0-8);
#   2. the rows whose TIL is step s add up to the persons on step s at t;
#   3. figures 1-10 of diff-moves equal the sums of the flows their
#      definitions name (1-6 from TIL at t, or FRA at the first date; 7-10
#      from the rows out of the municipality at t-1, moves included).
# Prints what it compared and exits 1 on the first difference.
# Run by tests/flows/consistency on the small preset; by hand on national:
#   sh tests/flows/consistency/check.sh snapshot.tsv
set -eu
snap=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gzip -dcf < "$snap" > "$tmp/snap"
flows -u < "$tmp/snap" > "$tmp/flows" 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
diff-moves -u < "$tmp/snap" > "$tmp/fig" 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
awk -F '\t' '
function prev(d,  y) {	# the cut date before d
	y = substr(d, 1, 4) + 0
	return substr(d, 6) == "12-31" ? y "-06-30" : (y - 1) "-12-31"
}
function next_(d,  y) {	# the cut date after d
	y = substr(d, 1, 4) + 0
	return substr(d, 6) == "12-31" ? (y + 1) "-06-30" : y "-12-31"
}
FILENAME == ARGV[1] && FNR > 1 {	# snapshot: persons per KOMMUNE, DATO, TRIN
	lev[$3 SUBSEP $1 SUBSEP $4]++
	dates[$1] = 1
	next
}
FILENAME == ARGV[2] && FNR > 1 {	# flows
	k = $1; t = $2; fra = $3; til = $4; n = $5
	if (fra ~ /^[0-8]$/) out[k SUBSEP prev(t) SUBSEP fra] += n
	if (til ~ /^[0-8]$/) in_[k SUBSEP t SUBSEP til] += n
	if (fra ~ /^[0-8]$/) {		# the rows out of k: the moves (SPEC 3)
		s1 = til; sub(/^anden:/, "", s1)
		if (s1 == "ude") s1 = -1
		s1 += 0
		if ((fra == 7 || fra == 8) && s1 == 6) m[k SUBSEP t SUBSEP "7.1"] += n
		if ((fra == 7 || fra == 8) && s1 <= 5) m[k SUBSEP t SUBSEP "7.2"] += n
		if (fra == 6 && s1 <= 5) m[k SUBSEP t SUBSEP "7.3"] += n
		if (fra == 5 && (s1 == 2 || s1 == 0 || s1 == -1)) m[k SUBSEP t SUBSEP "8"] += n
		if (fra == 2 && (s1 == 0 || s1 == -1)) m[k SUBSEP t SUBSEP "9"] += n
		if (fra == 2 && s1 >= 3) m[k SUBSEP t SUBSEP "10"] += n
	}
	pairs[t] = 1
	next
}
FILENAME == ARGV[3] && FNR > 1 {	# diff-moves
	k = $1; t = $2; id = $3
	if (id + 0 >= 1 && id + 0 <= 6 && id !~ /\./) {
		want = 0
		split("8 7 6 5 3,4 2", steps, " ")
		ns = split(steps[id], st, ",")
		for (i = 1; i <= ns; i++) {
			key = k SUBSEP t SUBSEP st[i]
			want += (key in in_) ? in_[key] : out[key]
		}
	} else if (id == "7")
		want = m[k SUBSEP t SUBSEP "7.1"] + m[k SUBSEP t SUBSEP "7.2"] + m[k SUBSEP t SUBSEP "7.3"]
	else
		want = m[k SUBSEP t SUBSEP id] + 0
	if ($4 != want) { printf "figure %s in %s at %s: diff-moves %s, flows %s\n", id, k, t, $4, want; bad = 1; exit 1 }
	nfig++
	next
}
END {
	if (bad) exit 1
	for (key in lev) {	# every step, every municipality with persons
		split(key, a, SUBSEP)
		if ((a[2] in pairs) && in_[key] != lev[key]) {
			printf "TIL sum in %s at %s, step %s: %d, snapshot %d\n", a[1], a[2], a[3], in_[key], lev[key]; exit 1
		}
		if ((next_(a[2]) in pairs) && out[key] != lev[key]) {
			printf "FRA sum in %s at %s, step %s: %d, snapshot %d\n", a[1], a[2], a[3], out[key], lev[key]; exit 1
		}
		nlev++
	}
	for (key in in_) if (in_[key] != lev[key]) { print "a TIL sum where the snapshot has nobody"; exit 1 }
	for (key in out) if (out[key] != lev[key]) { print "a FRA sum where the snapshot has nobody"; exit 1 }
	printf "flows consistent: %d step levels, %d figures of diff-moves\n", nlev, nfig
}' "$tmp/snap" "$tmp/flows" "$tmp/fig"
