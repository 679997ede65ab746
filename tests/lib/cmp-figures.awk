# cmp-figures.awk EXPECTED ACTUAL: compare two figure streams by key (KOMMUNE,
# DATO, NOEGLETAL): same rows, numbers equal within a relative 1e-9.
# From ../shared/examples/README.md. Exit 1 with a line per difference.
function ok(a, b,   d, m) { if (a == b) return 1; if (a == "" || b == "") return 0
    d = a - b; if (d < 0) d = -d; m = (a < 0 ? -a : a); if ((b < 0 ? -b : b) > m) m = (b < 0 ? -b : b)
    return d <= 1e-9 * m }
FNR == 1 { next }
NR == FNR { want[$1 FS $2 FS $3] = $4 FS $5; next }
{ k = $1 FS $2 FS $3; seen[k] = 1
  if (!(k in want)) { print "extra:   " $0; bad = 1; next }
  split(want[k], w, FS)
  if (!ok(w[1], $4) || !ok(w[2], $5)) { print "differs: " $0 "  expected " want[k]; bad = 1 } }
END { for (k in want) if (!(k in seen)) { print "missing: " k; bad = 1 }; exit bad }
