#!/bin/sh
# check.sh SNAPSHOT FORECAST BACKTEST: the shape of forecast's output on
# generated data: every municipality with persons at the last cut date has
# figures 1-6 at each of the 4 cut dates after it, NEDRE <= TAELLER <= OEVRE,
# NEDRE >= 0; each 20.x-udgift has its 20.x-enhedspris; the backtest has
# 6 figures x 4 horizons x 2 levels with N > 0 for figures 1-5, and rows
# per municipality.
set -eu
awk -F '\t' '
FILENAME == ARGV[1] && FNR > 1 { if ($1 > last) last = $1; at[$1 SUBSEP $3] = 1; next }
FILENAME == ARGV[2] && FNR > 1 {
	if ($3 ~ /^[1-6]$/) {
		if (!($5 <= $4 && $4 <= $6 && $5 >= 0)) { print "interval out of order: " $0; bad = 1; exit 1 }
		n[$1]++; d[$2] = 1
	} else if ($3 ~ /-enhedspris$/) unit[$1 SUBSEP substr($3, 1, 4)] = 1
	else if ($3 ~ /-udgift$/) {
		if (!(($1 SUBSEP substr($3, 1, 4)) in unit)) { print "udgift without enhedspris: " $0; bad = 1; exit 1 }
		if (!($5 <= $4 && $4 <= $6)) { print "interval out of order: " $0; bad = 1; exit 1 }
		nu++
	}
	next
}
FILENAME == ARGV[3] && FNR > 1 && $3 ~ /^[a-z]/ { nb++; if ($1 <= 5 && $4 == 0) { print "no backtest: " $0; bad = 1; exit 1 } }
FILENAME == ARGV[3] && FNR > 1 && $3 ~ /^[0-9][0-9][0-9]$/ { nbk++ }
END {
	if (bad) exit 1
	for (key in at) { split(key, a, SUBSEP); if (a[1] == last) k[a[2]] = 1 }
	for (kom in k) { nk++; if (n[kom] != 24) { print kom ": " n[kom] " rows, expected 24"; bad = 1; exit 1 } }
	for (kom in n) if (!(kom in k)) { print kom ": a forecast without persons"; bad = 1; exit 1 }
	for (x in d) nd++
	if (nd != 4 || nb != 48 || nu == 0) { print "dates " nd ", backtest rows " nb ", udgift rows " nu; bad = 1; exit 1 }
	printf "forecast: %d municipalities, 4 dates, %d expenditure rows, 48 backtest rows\n", nk, nu
}' "$1" "$2" "$3"
