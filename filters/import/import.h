/*
 * import: the parts of the filter. filters/import.c: options, the inputs
 * (-e recoding, several files as one stream), main(); layout.c: the layout
 * tables read and the layout of an input chosen; convert.c: the output
 * header and the rows, converted by the layout's rules.
 */
#ifndef IMPORT_H
#define IMPORT_H

#include "gz.h"
#include "tsv.h"

#define NO_GRAD "ingen-grad"	/* -g: a blank week whose month has no grad_ > 0 */

enum rule { COPY, NEED, DATE, TIME, HOURMIN, KEEP, ACUTE, MAP, LOOKUP, SCALE,
	STRIP, PAD, KOMMUNE, CONST, DMY, MDY, YMD, WEEKS, GRAD };

/* One row of a layout table: a column written, or a check or selection. */
struct step {
	char *col;		/* our column; "-": a check or selection only */
	char *from;		/* their column(s): alternatives a|b, two parts a+b */
	enum rule rule;
	char *arg;		/* what follows "rule:" */
	char **list;		/* keep: values; map, lookup: key, value pairs */
	int nlist;
	char *reason;		/* the drop reason of a selection: other-COLUMN */
	char **alone;		/* select: values of another kind of record that
				 * a file of several may hold alone (LPR_A_KONTAKT
				 * of 2018: LPR2 only) */
	int nalone;
	int shift;		/* scale: the power of ten, 0 to 12 */
	int in[2];		/* the input columns, once resolved */
};

struct layout {
	char *name;
	struct step *st;
	int n;
	int mine;		/* from the map (-m), the user's own */
};

/* layout.c */
/*
 * Adds the layouts of a table (path, or the shipped table name). Without
 * acute (-a) the acute selections are left out: they select nothing.
 */
void load_layouts(const char *path, const char *name, int acute);
void forget_layouts(void);	/* the tables loaded so far (-N: another register) */
/* The layout of an input; passthrough: it is our schema, names exact. */
struct layout *choose(tsv *t, int *passthrough, const char *hint);
int find_col(const tsv *t, const char *alts, int exact);	/* a|b|c, or -1 */
/* Columns matching the shell pattern(s) a|b into list (may be NULL); how many. */
int match_cols(const tsv *t, const char *pats, int exact, int *list);

/* convert.c */
/* The week columns of an input (rule weeks) and with -g their grad_ columns. */
void weeks_find(const tsv *t, const struct layout *l, int grad_rule);
/* Marks the columns the layout reads (tsv_use), after weeks_find. */
void read_columns(const tsv *t, const struct layout *l);
/* The output header: the input's as it is (pass), or the layout's columns. */
char *head_of(const tsv *t, const struct layout *l, int pass);
/* Upper-case Latin letters in UTF-8 (Æ Ø Å, C3 80-9E) in lower case, in place. */
void fold_letters(char *s);
/* -P: the rows of t (its name, its lines) get a column _KILDE, FILE:LINE. */
void convert_source(const tsv *t);
/* One row: written, dropped or rejected (as a row of main_in). */
void convert(tsv *t, tsv *main_in, const struct layout *l, gzw *out);
/*
 * The rows converted so far whose value of a select is of a kind a file of
 * several may hold alone (LPR2); in *acute, those dropped by an acute rule
 * alone, every other rule kept (-a).
 */
long convert_alone(long *acute);

#endif
