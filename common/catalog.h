/*
 * catalog: the key figure catalogue (share/noegletal/noegletal.tsv), read
 * once per process and shared by the figure stream (fig.c) and the report.
 * Columns NOEGLETAL NAVN TEMA ART ENHED FOERSTE_DATO; KORTNAVN PERIODE
 * IT_GRUND SMAA_TAL DEFINITION KILDETEKST RETNING when present. The rows come out
 * sorted by id.
 */
#ifndef CATALOG_H
#define CATALOG_H

enum { ART_COUNT, ART_SHARE, ART_MEAN, ART_RATIO };	/* ART: count share mean ratio */
/* SMAA_TAL, what must reach the suppression threshold N: antal (TAELLER),
 * naevner (NAEVNER), begge (TAELLER and NAEVNER - TAELLER), ingen. */
enum { SMALL_COUNT, SMALL_NAEVNER, SMALL_BOTH, SMALL_NONE };

struct catfig {			/* a row of the catalogue */
	int id;			/* major * 100 + minor, "7.1" = 701 */
	char label[16];		/* "7.1" */
	char *name;		/* NAVN */
	char *shortname;	/* KORTNAVN, else NAVN */
	char *theme;		/* TEMA, e.g. "trappe" */
	char *unit;		/* ENHED, e.g. "personer" */
	char *source;		/* KILDE, e.g. "handic" */
	char *why_late;		/* IT_GRUND: why there is no value before first */
	char *definition;	/* DEFINITION, "" when absent */
	char *source_text;	/* KILDETEKST: the source in words, "" when absent */
	char *direction;	/* RETNING: the desired direction, "" when absent */
	int kind;		/* ART_COUNT .. ART_RATIO */
	int small;		/* SMALL_: default by kind (count: antal, ratio: ingen) */
	int first;		/* FOERSTE_DATO as a day number */
	int yearly;		/* PERIODE aar: 31 December only */
};

int catalog_parse_id(const char *s);	/* "7.1" -> 701; -1 if not an id's form */
const struct catfig *catalog(int *n);	/* every row, ascending id */
int catalog_index(int id);		/* its index in catalog(), else -1 */
const struct catfig *catalog_get(int id);	/* NULL if not in the catalogue */

#endif
