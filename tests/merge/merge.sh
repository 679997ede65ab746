# Sourced by the merge cases: $merge, keyfigures' merge of the figure
# streams (beside the programs' folder, else beside pipelines/), and
# stream FILE ROW...: a figure stream's header and the rows (fields by
# spaces) into FILE.
merge=$NOEGLETAL_BIN/../libexec/noegletal/merge
[ -x "$merge" ] || merge=$TOP/libexec/noegletal/merge
stream() {
	f=$1
	shift
	printf 'KOMMUNE\tDATO\tNOEGLETAL\tTAELLER\tNAEVNER\n' >"$f"
	for r; do printf '%s\n' "$r" | tr ' ' '\t' >>"$f"; done
}
