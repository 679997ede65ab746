# Sourced by the publish cases: $publish, keyfigures' helper (beside the
# programs' folder, else beside pipelines/, as keyfigures finds it), and
# a run's output folder o with a result folder o/.noegletal/r holding a
# and b.
publish=$NOEGLETAL_BIN/../libexec/noegletal/publish
[ -x "$publish" ] || publish=$TOP/libexec/noegletal/publish
mkdir -p o/runs o/.noegletal/r && echo a >o/.noegletal/r/a && echo b >o/.noegletal/r/b
