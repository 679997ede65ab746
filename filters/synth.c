/*
 * synth: deterministic synthetic national registers for demos, tests and
 * benchmarks. Writes handic, dream, lpr, who5, regnskab and befolkning as
 * gzip TSV into a folder; every row is valid input (SPEC 1.1).
 * No real person is in them: person numbers are made from the seed's run
 * order, and every number comes from one splitmix64 stream.
 *
 * Persons 0 .. n-1 are the target group, n .. 5n-1 other target groups;
 * DREAM holds persons 0 .. D-1 (the target group and the rest).
 * The generators are in synth/ (synth/synth.h says which does what).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "date.h"
#include "opts.h"
#include "synth/synth.h"
#include "util.h"

#define SYNOPSIS "synth [-h] [-L ours|real] [-S small|mid|national] [-n persons] [-D dream-persons] [-F faults]... [-K shape]... [-y first-last] [-s seed] [-z level] -o dir"

static const struct prog prog = {
	SYNOPSIS,
	"D:F:hK:L:n:o:S:s:y:z:",
	    "Writes synthetic registers into dir: handic.tsv.gz, dream.tsv.gz,\n"
	    "lpr.tsv.gz, who5.tsv.gz, regnskab.tsv.gz and befolkning.tsv.gz (KOMMUNE\n"
	    "DATO ANTAL_18_64), for the 98 municipalities and the years -y (default\n"
	    "2017-2023), marked dir/.synth; a folder with extracts synth did not\n"
	    "write is refused. The same seed gives the same files. What was written (rows,\n"
	    "bytes, gzip bytes, seconds per file) goes to standard error.\n"
	    "DREAM holds the weeks of the years -y only: with a first year after\n"
	    "2017, run the figures from its 31 December (keyfigures -f), the first\n"
	    "cut date whose year of DREAM weeks is in the data.\n"
	    "\n"
	    "  -L real     the registers' real layouts, as import reads them: handic\n"
	    "              as SEL voksne, DREAM with branche_ and grad_ (37) of every\n"
	    "              month, LPR as LPR_A_KONTAKT, who5.csv a SurveyXact export\n"
	    "              (share/noegletal/who5.map, UTF-8), regnskab.csv REGK100;\n"
	    "              the same persons and figures as -L ours (the default)\n"
	    "  -S preset   small (2,000 target persons, DREAM 20,000), mid (7,000;\n"
	    "              300,000) or national (70,000, about 2,000,000 handic rows;\n"
	    "              DREAM 3,000,000). Default small.\n"
	    "  -n persons  target-group persons\n"
	    "  -D dream-persons  persons in DREAM (the target persons, 3 % of whom\n"
	    "              have no row, and the rest of the population)\n"
	    "  -K shape    comma-separated: churn=X (DREAM spells X times shorter,\n"
	    "              so less compressible; 0.25-16), contacts=X (LPR contacts\n"
	    "              per person times X; 0.25-16), records=N (each handic\n"
	    "              record cut into up to N consecutive ones, 1-16: the same\n"
	    "              persons on the same steps from more rows; a person's\n"
	    "              municipality may change where two records tie on the\n"
	    "              highest step, as SPEC 2 takes the latest start), others=X\n"
	    "              (persons of other target groups times X; 0-4). Default 1 each\n"
	    "  -y first-last  the years (default 2017-2023)\n"
	    "  -s seed     the seed (default 1)\n"
	    "  -F faults   inject data faults, comma-separated: s82:KOMMUNE (no §82\n"
	    "              rows), brud:KOMMUNE (no §85 1.12.0.2 from 1 January of the\n"
	    "              year before the last), markoer:KOMMUNE (open ends written\n"
	    "              9999-12-31), nuller:INPUT and bindestreg:INPUT (person keys\n"
	    "              of lpr, who5 or dream without leading zeros, or with a dash\n"
	    "              after the sixth character)\n"
	    "  -z level    gzip level (default 1)\n"
	    "  -o dir      the folder, created if needed",
	RANGE_NONE,
	"FK",		/* -F, -K: each adds its faults, its knobs */
	NULL,
};

/* -K churn=X,contacts=X,records=N,others=X; 0: not a shape. */
static int
shape_arg(const char *arg)
{
	char name[16];
	double v;
	int n;

	while (*arg != '\0') {
		if (sscanf(arg, "%15[a-z]=%lf%n", name, &v, &n) != 2 ||
		    (arg[n] != ',' && arg[n] != '\0'))
			return 0;
		if (strcmp(name, "churn") == 0 && v >= 0.25 && v <= 16)
			churn = v;
		else if (strcmp(name, "contacts") == 0 && v >= 0.25 && v <= 16)
			contacts = v;
		else if (strcmp(name, "records") == 0 && v >= 1 && v <= 16 && v == (int)v)
			pieces = (int)v;
		else if (strcmp(name, "others") == 0 && v >= 0 && v <= 4)
			other_share = v;
		else
			return 0;
		arg += n + (arg[n] == ',');
	}
	return 1;
}

/* The options besides -z. */
struct args {
	const char *dir, *preset;	/* -o, -S */
	long persons, dream, seed;	/* -n, -D, -s; -1: the preset's */
};

_Static_assert(MAXH / 2 == 32, "synth -y's message says at most 32 years");

/* One option of synth's own; NULL, or what its argument should be. */
static const char *
option(struct args *a, int c, const char *arg)
{
	switch (c) {
	case 'D':
		return parse_uint(arg, &a->dream) && a->dream <= 100000000 ? NULL :
		    "not a whole number 0-100000000";
	case 'F':
		return fault_parse(arg) ? NULL : "not a list of faults (see synth -h)";
	case 'K':
		return shape_arg(arg) ? NULL :
		    "not a shape (churn=X, contacts=X, records=N, others=X: see synth -h)";
	case 'L':
		real = strcmp(arg, "real") == 0;
		return real || strcmp(arg, "ours") == 0 ? NULL : "not ours or real";
	case 'n':
		return parse_uint(arg, &a->persons) && a->persons <= 10000000 ? NULL :
		    "not a whole number 0-10000000";
	case 'o':
		a->dir = arg;
		return NULL;
	case 'S':
		a->preset = arg;
		return strcmp(arg, "small") == 0 || strcmp(arg, "mid") == 0 ||
		    strcmp(arg, "national") == 0 ? NULL : "not small, mid or national";
	case 's':
		return parse_uint(arg, &a->seed) ? NULL : "not a whole number";
	case 'y':
		return sscanf(arg, "%d-%d", &first_year, &last_year) == 2 &&
		    first_year >= 2000 && last_year <= 2099 && last_year >= first_year &&
		    last_year - first_year < MAXH / 2 ? NULL :
		    "not years first-last, 2000-2099, at most 32";
	}
	return "not an option of synth";
}

/* The options, and the sizes they and the preset give. */
static void
options(struct args *a, int argc, char **argv)
{
	struct opts o;
	const char *why;
	char shown[64];
	long v;
	int c;

	opts_start(&o, argc, argv);
	o.own = "s";		/* the seed, not a snapshot */
	o.whole_help = 1;
	*a = (struct args){ NULL, "small", -1, -1, 1 };
	while ((c = opts_next(&o, &prog, argc, argv)) != -1)
		if ((why = option(a, c, o.arg)) != NULL)
			usage_fail("-%c: %s: %s", c, why, show_value(o.arg, shown, sizeof shown));
	gz_level = o.level;
	if (a->dir == NULL)
		usage_fail("-o: the folder is required");
	if (*a->dir == '\0')
		usage_fail("-o: an empty folder name");
	v = strcmp(a->preset, "small") == 0 ? 2000 : strcmp(a->preset, "mid") == 0 ? 7000 : 70000;
	if (a->persons < 0)
		a->persons = v;
	if (a->dream < 0)
		a->dream = v == 2000 ? 20000 : v == 7000 ? 300000 : 3000000;
	if (a->dream < a->persons)
		a->dream = a->persons;
}

/* mkdir, or a folder there already; else 0 with errno saying why */
static int
folder(const char *path)
{
	struct stat st;
	int e;

	if (mkdir(path, 0700) == 0)
		return 1;
	e = errno;
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return 1;
		e = ENOTDIR;
	}
	errno = e;
	return 0;
}

/* -o: the folder and those above it that are missing, each 0700. */
static void
make_folder(const char *dir)
{
	char path[4096], *p;

	epathf(path, sizeof path, "%s", dir);
	for (p = path + 1; (p = strchr(p, '/')) != NULL; *p++ = '/') {
		*p = '\0';
		if (!folder(path))
			break;
	}
	if (p != NULL || !folder(path))
		die("%s: cannot create the folder: %s", path, strerror(errno));
}

/*
 * -o holds no extract synth did not write (review T, T16): an entry whose
 * name starts as an input's (handic, dream, lpr, who5, regnskab,
 * befolkning, egne; any case) is refused unless dir/.synth, synth's mark,
 * is there and it is one of synth's own names, which are removed (so -L
 * real after -L ours leaves no who5.tsv.gz beside who5.csv). Then the mark
 * is written: synthetic data, which keyfigures says on every page.
 */
static void
claim_folder(const char *dir, const char *preset, long seed)
{
	static const char *const inputs[] = { "handic", "dream", "lpr", "who5", "regnskab",
	    "befolkning", "egne" };
	static const char *const own[] = { "handic.tsv.gz", "dream.tsv.gz", "lpr.tsv.gz",
	    "who5.tsv.gz", "who5.csv", "who5.map", "regnskab.tsv.gz", "regnskab.csv",
	    "befolkning.tsv.gz" };
	char path[4096], low[16];
	struct dirent *e;
	size_t i, n;
	int ours, mine;
	DIR *d;
	FILE *f;

	epathf(path, sizeof path, "%s/.synth", dir);
	ours = access(path, F_OK) == 0;
	if ((d = opendir(dir)) == NULL)
		die("%s: cannot read the folder: %s", dir, strerror(errno));
	while ((errno = 0, e = readdir(d)) != NULL) {
		for (n = 0; n < sizeof low - 1 && e->d_name[n]; n++)
			low[n] = (char)tolower((unsigned char)e->d_name[n]);
		low[n] = '\0';
		for (i = 0; i < sizeof inputs / sizeof *inputs; i++)
			if (strncmp(low, inputs[i], strlen(inputs[i])) == 0)
				break;
		if (i == sizeof inputs / sizeof *inputs)
			continue;
		for (mine = 0, i = 0; i < sizeof own / sizeof *own; i++)
			mine |= strcmp(e->d_name, own[i]) == 0;
		epathf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (!ours || !mine)
			die("%s: an extract synth did not write; synth writes into a folder without "
			    "extracts, or one it wrote before (%s/.synth): give another folder", path,
			    dir);
		if (unlink(path) != 0)
			die("%s: cannot remove synth's file of before: %s", path, strerror(errno));
	}
	if (errno != 0 || closedir(d) != 0)
		die("%s: cannot read the folder: %s", dir, strerror(errno));
	epathf(path, sizeof path, "%s/.synth", dir);
	if ((f = fopen(path, "w")) == NULL ||
	    fprintf(f, "Synthetic registers written by synth (-S %s, seed %ld): no real person "
	    "is in them.\n", preset, seed) < 0 || fclose(f) != 0)
		die("%s: cannot write synth's mark: %s", path, strerror(errno));
}

int
main(int argc, char **argv)
{
	struct args a;
	double t0 = now();

	options(&a, argc, argv);
	nhalf = (last_year - first_year + 1) * 2;
	d82 = days_from_civil(2020, 7, 1);
	make_folder(a.dir);
	claim_folder(a.dir, a.preset, a.seed);
	setup_kommuner();
	where = ecalloc((size_t)a.persons * (size_t)nhalf, sizeof *where);

	rng_state = (unsigned long long)a.seed * 0x2545F4914F6CDD1DULL;
	write_handic(a.dir, a.persons, (long)(a.persons * 4 * other_share));
	write_dream(a.dir, a.persons, a.dream);
	write_lpr(a.dir, a.persons);
	write_who5(a.dir, a.persons);
	write_regnskab(a.dir);
	write_befolkning(a.dir);
	free(where);
	free(kom_weight);
	fprintf(stderr, "synth: %s preset, seed %ld, %d-%d: done in %.1f s\n", a.preset,
	    a.seed, first_year, last_year, now() - t0);
	return 0;
}
