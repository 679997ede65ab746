# Sourced by the stages cases: $stages, keyfigures' stage runner (beside
# the programs' folder, else beside pipelines/, as keyfigures finds it),
# and plan WORD...: the words, each ended by a NUL, on standard output.
stages=$NOEGLETAL_BIN/../libexec/noegletal/stages
[ -x "$stages" ] || stages=$TOP/libexec/noegletal/stages
plan() { printf '%s\0' "$@"; }
