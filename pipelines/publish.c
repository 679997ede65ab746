/*
 * publish: the last step of a keyfigures run: its results made the
 * output folder's, by renames, so a reader sees one run's results, never
 * a mix. keyfigures' own helper (PREFIX/libexec/noegletal), not a user's
 * command.
 *
 *   publish [-u | -s SCOPE [-c]] OUT RESULT PID [WORK]
 *
 * RESULT (a folder of the run's results, in OUT/.noegletal) becomes
 * OUT/runs/RUN, RUN the time in UTC and PID (YYYYMMDD-HHMMSS.PID: no time
 * zone or clock change reorders the names); then the link OUT/latest is
 * switched to runs/RUN by one rename; then OUT/NAME links to latest/NAME
 * for each result (a link made anew only where there is none or another,
 * and replaced by a rename), and a link of OUT to latest/ANYTHING that
 * points to nothing any more (a result this run did not make) is removed.
 * The two newest earlier runs (by the time in the name, then by the
 * folder's) are kept beside this one, which is never removed whatever its
 * name's place (a clock set back). Last, the folder WORK (the run's work
 * folder, RESULT's once) is removed where it can be: what is left of it
 * the run removes (rm -rf: a process on the run's serial tail, 2 ms, where
 * publish is one already). Each step by system calls: on the run's serial
 * path a program is its whole cost (bench/README.md).
 *
 * The reports, what may be published (rapport.tsv, rapport*.html,
 * rapport*.xlsx, kvalitet.html, stroemme.tsv: every small count in them
 * suppressed), are also linked (hard links: no copy) into RESULT/public,
 * so OUT/public is a folder that may be published whole; the rest (the
 * figure streams, the quality account, the manifest) is working data.
 * With -u (a run at -n 0: nothing suppressed) there is no RESULT/public,
 * and so the link OUT/public goes with the run before's (review T, T13).
 *
 * With -s, before the switch, the run's table and flow matrices are
 * recorded as published: copies OUT/.noegletal/published/NAME.tsv and
 * NAME.stroemme.tsv (not links: a page written over in place, through
 * OUT/rapport.tsv, leaves its record as it was published: review M, M7),
 * NAME SCOPE.FIRST.LAST.RUN, SCOPE the run's municipality (-k) or "all",
 * FIRST and LAST the table's first and last cut date, RUN its name in
 * runs/ (a record of the same scope and dates never replaces another:
 * review N, N1). A run
 * of one municipality holds its rows alone, so the run before it may be
 * another's, and runs are pruned: the records keep what readers hold of
 * every page, which the next run's report keeps shown (keyfigures takes
 * them all, report -K; review H, H4, L2). With -c (the run took every
 * record), after the switch, a record this run covers, of its scope (or
 * any, for "all") and of dates within its own, and whose every cell shown
 * this run's table and matrices show the same, is removed: the run keeps
 * what it showed (drop_carried()). One of other dates stays (a run to an
 * earlier date left the later ones out: review L, L1), and so does one
 * whose cells this run shows otherwise (M2, M4). publish killed before the
 * switch (KILL, which no undo() follows) leaves its records and runs/RUN
 * to keyfigures, which reads RUN in WORK/publishing.
 *
 * Before anything is moved, each result's name in OUT must be free or a
 * link: a file or folder of that name (a user's, or a run's own results
 * when OUT is a run's folder) is never replaced. A failure up to the switch
 * of OUT/latest is said as keyfigures says it, OUT keeps its previous
 * results and the message says so, and exit 1: the records made are
 * removed and the results moved back out of runs (undo()). After the switch the new
 * results are published: a link or an old run that cannot be made or
 * removed is a warning that says so, and exit 0. INT, TERM and HUP are
 * held until publish has ended: a Ctrl-C to the run's process group
 * reaches publish too, and would end it between two renames.
 */
#define _GNU_SOURCE	/* nftw, syncfs */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *out;
static const char *keeps = "";	/* "; OUT" once OUT is known */
static int switched;		/* OUT/latest is the new run: it is published */
/* What a failure before the switch takes back (review W, W2): the records
 * made, and the results moved into runs (moved back, where the run's work
 * folder is removed): else the next run took a table never published for
 * one that was, and counted the run among the three kept. */
static char made[2][PATH_MAX], moved[2][PATH_MAX];
static int nmade;

static void
undo(void)
{
	while (nmade > 0)
		unlink(made[--nmade]);
	if (moved[0][0] && rename(moved[1], moved[0]) != 0)
		fprintf(stderr, "keyfigures: %s: cannot move the results back: %s\n", moved[1],
		    strerror(errno));
}

/* A failure said: before the switch with what OUT keeps, after it as a warning. */
static void
say(const char *fmt, va_list ap)
{
	fprintf(stderr, "keyfigures: %s", switched ? "warning: " : "");
	vfprintf(stderr, fmt, ap);
	if (switched)
		fprintf(stderr, "; the new results are published in %s/latest\n", out);
	else
		fprintf(stderr, "%s%s\n", keeps, *keeps ? " keeps its previous results" : "");
}

/* Exit 1 before the switch, 0 after it (the run is published). */
static void __attribute__((noreturn, format(printf, 1, 2)))
fail(const char *fmt, ...)
{
	va_list ap;

	if (!switched)
		undo();
	va_start(ap, fmt);
	say(fmt, ap);
	va_end(ap);
	exit(switched ? 0 : 1);
}

/* After the switch: a step that failed is said, and the next one goes on. */
static void __attribute__((format(printf, 1, 2)))
warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(fmt, ap);
	va_end(ap);
}

/* OUT/a/b (b may be empty) into buf, which is PATH_MAX long. */
static char *
path(char *buf, const char *a, const char *b)
{
	if (snprintf(buf, PATH_MAX, "%s/%s%s%s", out, a, *b ? "/" : "", b) >= PATH_MAX)
		fail("%s/%s%s%s: the path is too long", out, a, *b ? "/" : "", b);
	return buf;
}

/* The link at dst (a path) made to point to target, by a rename over it. */
static int
relink(const char *target, const char *dst)
{
	char tmp[PATH_MAX];

	path(tmp, ".noegletal/latest.new", "");
	unlink(tmp);
	return symlink(target, tmp) == 0 && rename(tmp, dst) == 0 ? 0 : -1;
}

/*
 * On the disk (review W, W3): before the switch every file of the file
 * system that holds path (syncfs: the results and the records, one call
 * for the 200 files of a run of all), or the folder at path itself (its
 * entries: a rename, a link). Else after a crash latest could name a run
 * whose files are empty or cut short, which no reader could tell. 0, or
 * -1 with errno.
 */
static int
on_disk(const char *p, int all)
{
	int fd = open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC), r, e;

	if (fd < 0)
		return -1;
	r = all ? syncfs(fd) : fsync(fd);
	e = errno;
	close(fd);
	errno = e;
	return r;
}

/* A result that may be published: a report (the rest holds unsuppressed counts). */
static int
publishable(const char *name)
{
	return strncmp(name, "rapport", 7) == 0 || strcmp(name, "kvalitet.html") == 0 ||
	    strcmp(name, "stroemme.tsv") == 0;
}

/* RESULT/public: a hard link to each report in RESULT (made when there is one). */
static void
public_folder(const char *result)
{
	char dir[PATH_MAX], from[PATH_MAX], to[PATH_MAX];
	struct dirent *e;
	DIR *d = opendir(result);

	if (d == NULL)
		fail("cannot read the new results in %s: %s", result, strerror(errno));
	if (snprintf(dir, sizeof dir, "%s/public", result) >= (int)sizeof dir)
		fail("%s/public: the path is too long", result);
	while ((errno = 0, e = readdir(d)) != NULL) {
		if (!publishable(e->d_name))
			continue;
		if (snprintf(from, sizeof from, "%s/%s", result, e->d_name) >= (int)sizeof from ||
		    snprintf(to, sizeof to, "%s/%s", dir, e->d_name) >= (int)sizeof to)
			fail("%s/public/%s: the path is too long", result, e->d_name);
		if ((mkdir(dir, 0700) != 0 && errno != EEXIST) || link(from, to) != 0)
			fail("cannot link %s into %s: %s", from, dir, strerror(errno));
	}
	if (errno != 0 || closedir(d) != 0)
		fail("cannot read the new results in %s: %s", result, strerror(errno));
}

/* Is s a date YYYY-MM-DD (by its form: the report wrote it)? */
static int
is_date(const char *s, size_t n)
{
	return n == 10 && strspn(s, "0123456789") == 4 && s[4] == '-' &&
	    strspn(s + 5, "0123456789") == 2 && s[7] == '-' && strspn(s + 8, "0123456789") == 2;
}

/* The first and last cut date of the table at path (its header's date columns). */
static void
table_dates(const char *path, char first[11], char last[11])
{
	char line[4096], *f, *end;
	FILE *in = fopen(path, "r");

	*first = *last = '\0';
	if (in == NULL || fgets(line, sizeof line, in) == NULL)
		fail("cannot read %s: %s", path, in ? "empty" : strerror(errno));
	fclose(in);
	for (f = line; *f; f = *end ? end + 1 : end) {
		end = f + strcspn(f, "\t\r\n");
		if (!is_date(f, (size_t)(end - f)))
			continue;
		if (!*first)
			memcpy(first, f, 10), first[10] = '\0';
		memcpy(last, f, 10), last[10] = '\0';
	}
	if (!*first)
		fail("%s: no cut date in its header: not a report's table", path);
}

/*
 * A record (NAME.tsv, NAME SCOPE.FIRST.LAST.RUN) that one of scope (all:
 * any) over [first, last] covers, with its matrices; 0 for any other name.
 */
static int
covered(const char *name, const char *scope, const char *first, const char *last)
{
	const char *dot = strchr(name, '.'), *f, *l;
	size_t n = strlen(name);

	if (dot == NULL || n < (size_t)(dot - name) + 28 || strcmp(name + n - 4, ".tsv") != 0 ||
	    (n >= 13 && strcmp(name + n - 13, ".stroemme.tsv") == 0))
		return 0;
	f = dot + 1, l = dot + 12;
	if (!is_date(f, 10) || f[10] != '.' || !is_date(l, 10) || l[10] != '.')
		return 0;
	if (strcmp(scope, "all") != 0 && ((size_t)(dot - name) != strlen(scope) ||
	    strncmp(name, scope, strlen(scope)) != 0))
		return 0;
	return strncmp(f, first, 10) >= 0 && strncmp(l, last, 10) <= 0;
}

/* A copy of from made as to (a new file, 0600): 0, or -1 and errno. */
static int
copy(const char *from, const char *to)
{
	char buf[65536];
	size_t n;
	int fd, ok, e;
	FILE *in = fopen(from, "r"), *o = NULL;

	if (in && (fd = open(to, O_WRONLY | O_CREAT | O_EXCL, 0600)) >= 0 && !(o = fdopen(fd, "w")))
		close(fd);
	while (o && (n = fread(buf, 1, sizeof buf, in)) > 0 && fwrite(buf, 1, n, o) == n)
		;
	ok = o && feof(in) && !ferror(in) && !ferror(o);
	e = errno;
	if (o && fclose(o) != 0 && ok)
		ok = 0, e = errno;
	if (in)
		fclose(in);
	errno = e;
	return ok ? 0 : -1;
}

/*
 * The run's name in WORK/publishing, before anything is made by it: publish
 * killed (KILL: no undo()) before the switch, keyfigures takes back the
 * records and runs/RUN by their names (review W, W2).
 */
static int
note_run(const char *work, const char *run)
{
	char p[PATH_MAX];
	FILE *f;
	int bad;

	if (snprintf(p, sizeof p, "%s/publishing", work) >= (int)sizeof p) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((f = fopen(p, "w")) == NULL)
		return -1;
	bad = fprintf(f, "%s\n", run) < 0;
	return fclose(f) != 0 || bad ? -1 : 0;
}

static char rec_name[128], rec_first[11], rec_last[11];	/* this run's record */

/* -s: the table and matrices in result recorded as scope's, of run (see the top). */
static void
record(const char *result, const char *scope, const char *run)
{
	static const char *const from_name[2] = { "stroemme.tsv", "rapport.tsv" },
	    *const to_name[2] = { "stroemme.tsv", "tsv" };
	char dir[PATH_MAX], from[PATH_MAX], to[PATH_MAX], tmp[PATH_MAX];
	int i;

	if (snprintf(from, sizeof from, "%s/rapport.tsv", result) >= (int)sizeof from)
		fail("%s: the path is too long", result);
	table_dates(from, rec_first, rec_last);
	snprintf(rec_name, sizeof rec_name, "%s.%s.%s.%s", scope, rec_first, rec_last, run);
	path(dir, ".noegletal/published", "");
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		fail("cannot make %s: %s", dir, strerror(errno));
	for (i = 0; i < 2; i++) {
		if (snprintf(from, sizeof from, "%s/%s", result, from_name[i]) >= (int)sizeof from ||
		    snprintf(to, sizeof to, "%s/%s.%s", dir, rec_name, to_name[i]) >= (int)sizeof to ||
		    snprintf(tmp, sizeof tmp, "%s.new", to) >= (int)sizeof tmp)
			fail("%s: the path is too long", dir);
		if (unlink(tmp) != 0 && errno != ENOENT)
			fail("cannot remove %s: %s", tmp, strerror(errno));
		if (copy(from, tmp) != 0 || rename(tmp, to) != 0) {
			const char *why = strerror(errno);	/* not unlink's (review R, R4) */

			unlink(tmp);
			fail("cannot record %s as published in %s: %s", from, dir, why);
		}
		snprintf(made[nmade++], PATH_MAX, "%s", to);
	}
}

/* A line of in split at its tabs into f (at most 64 fields): how many; 0 at the end, -1 more. */
static int
fields(FILE *in, char **line, size_t *cap, char *f[64])
{
	char *v;
	int n = 0;

	if (getline(line, cap, in) <= 0)
		return 0;
	(*line)[strcspn(*line, "\r\n")] = '\0';
	for (v = *line; v != NULL && n < 64; n++) {
		f[n] = v;
		if ((v = strchr(v, '\t')) != NULL)
			*v++ = '\0';
	}
	return v == NULL ? n : -1;
}

/* A row's key into key: its fields but those of skip (the cut dates, NOTE, VIST); 0: too long. */
static int
row_key(char *const f[64], int n, const char *skip, char *key, size_t cap)
{
	size_t o = 0;
	int i;

	for (i = 0; i < n && o < cap; i++)
		if (!skip[i])
			o += (size_t)snprintf(key + o, cap - o, "%s\037", f[i]);
	return o < cap;
}

/* Is column i, named head, a cell (*cell: a cut date, or VIST of matrices) or NOTE: no key? */
static int
not_key(const char *head, int i, int kind, char *cell)
{
	*cell = kind == 'M' ? i == 4 : is_date(head, strlen(head));
	return *cell || (kind == 'T' && strcmp(head, "NOTE") == 0);
}

/*
 * Does the table (kind T) or the flow matrices (M) at now show every cell
 * the one at before shows, count or <N, the same (a <N now a count: this
 * run said so, report -K's D4 warning, which the record kept would repeat
 * in every run after)? Of a table only the
 * rows of counts and N (ENHED "antal ..."): what report -K takes from it;
 * its shares and rates a later report may hide. Both are in the report's
 * order (by their key columns: all but the cut dates and NOTE, or but
 * VIST), so one pass over each; a row of before that now lacks, or holds
 * out of that order, is a no, as is a file that cannot be read.
 */
static int
carried(const char *before, const char *now, int kind)
{
	FILE *a = fopen(before, "r"), *b = fopen(now, "r");
	char *la = NULL, *lb = NULL, *fa[64], *fb[64], ka[2048], kb[2048] = "";
	char skip_a[64] = { 0 }, skip_b[64] = { 0 }, cell_a[64] = { 0 }, cell_b;	/* cell: compared */
	size_t ca = 0, cb = 0;
	int na, nb, i, j, to[64], unit = -1, ok = a && b && (na = fields(a, &la, &ca, fa)) > 0 &&
	    (nb = fields(b, &lb, &cb, fb)) > 0;

	for (i = 0; ok && i < na; i++) {	/* the headers: before's columns in now's */
		skip_a[i] = not_key(fa[i], i, kind, &cell_a[i]);
		if (kind == 'T' && strcmp(fa[i], "ENHED") == 0)
			unit = i;
		for (j = 0; j < nb && strcmp(fa[i], fb[j]) != 0; j++)
			;
		ok = j < nb, to[i] = j;
	}
	for (j = 0; ok && j < nb; j++)
		skip_b[j] = not_key(fb[j], j, kind, &cell_b);
	ok = ok && (kind == 'M' || unit >= 0);
	while (ok && (na = fields(a, &la, &ca, fa)) != 0) {
		if (na > 0 && kind == 'T' && (unit >= na || strncmp(fa[unit], "antal ", 6) != 0))
			continue;	/* a share, mean, rate or ratio */
		ok = na > 0 && row_key(fa, na, skip_a, ka, sizeof ka);
		while (ok && strcmp(ka, kb) != 0)
			ok = (nb = fields(b, &lb, &cb, fb)) > 0 &&
			    row_key(fb, nb, skip_b, kb, sizeof kb);
		for (i = 0; ok && i < na; i++)	/* its cells shown: the same now */
			if (cell_a[i] && *fa[i] && strcmp(fa[i], "..") != 0 && strcmp(fa[i], "i.t.") != 0 &&
			    strcmp(fa[i], "-") != 0)
				ok = to[i] < nb && (strcmp(fa[i], fb[to[i]]) == 0 ||
				    (*fa[i] == '<' && isdigit((unsigned char)*fb[to[i]])));
	}
	free(la);
	free(lb);
	if (a)
		fclose(a);
	if (b)
		fclose(b);
	return ok;
}

/*
 * After the switch, with -c (the run took every record as published
 * before): a record it covers (covered()) whose every cell shown, count
 * or <N, in its table and its matrices, this run's show the same, is
 * removed; the run keeps what it showed. One this run does not show so
 * (its data corrected, or cells hidden to protect others) stays (review
 * M, M2, M4). So does any left in a failure: it keeps more shown.
 */
static void
drop_carried(const char *scope)
{
	char dir[PATH_MAX], t[PATH_MAX + 160], m[PATH_MAX + 160], ot[PATH_MAX + 300],
	    om[PATH_MAX + 300];
	struct dirent *e;
	DIR *d;
	int n;

	path(dir, ".noegletal/published", "");
	snprintf(t, sizeof t, "%s/%s.tsv", dir, rec_name);
	snprintf(m, sizeof m, "%s/%s.stroemme.tsv", dir, rec_name);
	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (!covered(e->d_name, scope, rec_first, rec_last) ||
		    strncmp(e->d_name, rec_name, strlen(rec_name)) == 0)
			continue;	/* (its own: SCOPE.FIRST.LAST.RUN, RUN this run's) */
		n = (int)strlen(e->d_name) - 4;
		snprintf(ot, sizeof ot, "%s/%s", dir, e->d_name);
		snprintf(om, sizeof om, "%s/%.*s.stroemme.tsv", dir, n, e->d_name);
		if (carried(ot, t, 'T') && carried(om, m, 'M') && unlink(ot) == 0)
			unlink(om);	/* (the table first: matrices alone are no record) */
	}
	closedir(d);
}

/*
 * Before anything moves: OUT/NAME, for each result in the folder result,
 * is absent or a link. Anything else (a user's file or folder of that name,
 * or a run's own result when OUT is that run's folder) is never replaced.
 */
static void
check_names(const char *result)
{
	char dst[PATH_MAX];
	struct dirent *e;
	struct stat st;
	DIR *d = opendir(result);

	if (d == NULL)
		fail("cannot read the new results in %s: %s", result, strerror(errno));
	while ((errno = 0, e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (lstat(path(dst, e->d_name, ""), &st) != 0) {
			if (errno != ENOENT)
				fail("cannot read %s: %s", dst, strerror(errno));
		} else if (!S_ISLNK(st.st_mode))
			fail("%s: not a link (a run links it to latest/%s and replaces "
			    "nothing else): move it out of %s", dst, e->d_name, out);
	}
	if (errno != 0 || closedir(d) != 0)
		fail("cannot read the new results in %s: %s", result, strerror(errno));
	/* OUT/latest too, which the switch replaces by a rename */
	if (lstat(path(dst, "latest", ""), &st) == 0 ? !S_ISLNK(st.st_mode) : errno != ENOENT)
		fail("%s: not a link (a run switches it to its results and replaces nothing "
		    "else): move it out of %s", dst, out);
}

/* OUT/NAME -> latest/NAME for every result. */
static void
link_results(void)
{
	char dir[PATH_MAX], dst[PATH_MAX], target[PATH_MAX + 8], now[PATH_MAX];
	struct dirent *e;
	ssize_t n;
	DIR *d = opendir(path(dir, "latest", ""));

	if (d == NULL) {
		warn("cannot link the new results in %s: %s", out, strerror(errno));
		return;
	}
	while ((errno = 0, e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(target, sizeof target, "latest/%s", e->d_name);
		path(dst, e->d_name, "");
		n = readlink(dst, now, sizeof now - 1);
		if (n >= 0 && (now[n] = '\0', strcmp(now, target) == 0))
			continue;	/* linked already */
		if (n < 0 && errno == ENOENT) {	/* nothing there (check_names: a link or nothing) */
			if (symlink(target, dst) != 0)
				warn("cannot link %s to the new results: %s", dst, strerror(errno));
		} else if (relink(target, dst) != 0)
			warn("cannot link %s to the new results: %s", dst, strerror(errno));
	}
	if (errno != 0 || closedir(d) != 0)
		warn("cannot link the new results in %s: %s", out, strerror(errno));
}

/* Remove OUT's links to latest/... that point to nothing. */
static void
unlink_stale(void)
{
	char dir[PATH_MAX], f[PATH_MAX], now[PATH_MAX];
	struct dirent *e;
	struct stat st;
	ssize_t n;
	DIR *d = opendir(path(dir, "", ""));

	if (d == NULL) {
		warn("cannot read %s: %s", out, strerror(errno));
		return;
	}
	while ((errno = 0, e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		path(f, e->d_name, "");
		if (stat(f, &st) == 0 || (n = readlink(f, now, sizeof now - 1)) < 0)
			continue;	/* a file, or a link to something, or no link */
		now[n] = '\0';
		if (strncmp(now, "latest/", 7) == 0 && unlink(f) != 0)
			warn("cannot remove %s, a link to a result the run did not make: %s", f, strerror(errno));
	}
	if (errno != 0 || closedir(d) != 0)
		warn("cannot read %s: %s", out, strerror(errno));
}

static int
rm_entry(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)ftw;
	return (flag == FTW_DP ? rmdir(p) : unlink(p)) != 0 && errno != ENOENT ? -1 : 0;
}

/* An earlier run: its name, and when it was published (its folder's mtime). */
struct old_run {
	char *name;
	struct timespec at;
};

/*
 * Oldest first: by the second in the name, then by the folder's time. Not
 * by the PID after it: 9999 sorts after 10000, and the PIDs wrap (at 32768
 * here, where the tests start runs within a second of each other).
 */
static int
by_age(const void *a, const void *b)
{
	const struct old_run *x = a, *y = b;
	int c = strncmp(x->name, y->name, 15);

	if (c == 0)
		c = (x->at.tv_sec > y->at.tv_sec) - (x->at.tv_sec < y->at.tv_sec);
	if (c == 0)
		c = (x->at.tv_nsec > y->at.tv_nsec) - (x->at.tv_nsec < y->at.tv_nsec);
	return c != 0 ? c : strcmp(x->name, y->name);
}

/* A run's name: YYYYMMDD-HHMMSS.PID (main). */
static int
run_name(const char *s)
{
	size_t n = strspn(s, "0123456789");

	return n == 8 && s[8] == '-' && strspn(s + 9, "0123456789") == 6 && s[15] == '.' &&
	    s[16] != '\0' && strspn(s + 16, "0123456789") == strlen(s + 16);
}

/*
 * The two newest earlier runs (by_age()) are kept beside run; what has no
 * run's name (a folder or note a user put there) is never removed.
 */
static void
prune(const char *run)
{
	char dir[PATH_MAX], p[PATH_MAX];
	struct old_run *runs = NULL;
	struct dirent *e;
	struct stat st;
	size_t n = 0, cap = 0, i;
	DIR *d = opendir(path(dir, "runs", ""));

	if (d == NULL) {
		warn("cannot read %s: %s", dir, strerror(errno));
		return;
	}
	while ((errno = 0, e = readdir(d)) != NULL) {
		if (!run_name(e->d_name) || strcmp(e->d_name, run) == 0)
			continue;
		if (n == cap && (runs = realloc(runs, (cap = 2 * cap + 16) * sizeof *runs)) == NULL)
			fail("out of memory");
		if ((runs[n].name = strdup(e->d_name)) == NULL)
			fail("out of memory");
		runs[n++].at = lstat(path(p, "runs", e->d_name), &st) == 0 ? st.st_mtim :
		    (struct timespec){ 0, 0 };
	}
	if (errno != 0 || closedir(d) != 0) {
		warn("cannot read %s: %s", dir, strerror(errno));
		return;
	}
	if (n > 2)	/* (none: runs is NULL, which qsort may not take) */
		qsort(runs, n, sizeof *runs, by_age);
	for (i = 0; i + 2 < n; i++)
		if (nftw(path(p, "runs", runs[i].name), rm_entry, 16, FTW_DEPTH | FTW_PHYS) != 0)
			warn("cannot remove the old run %s: %s", p, strerror(errno));
}

int
main(int argc, char **argv)
{
	char run[64], dst[PATH_MAX], target[80], keep[PATH_MAX + 8];
	const char *scope = NULL, *shell;
	int drop = 0, unsuppressed = 0;
	time_t t = time(NULL);
	struct tm tm;
	sigset_t stop;
	size_t n;

	umask(077);
	if (argc > 1 && strcmp(argv[1], "-u") == 0)
		unsuppressed = 1, argc--, argv++;
	else if (argc > 2 && strcmp(argv[1], "-s") == 0)
		scope = argv[2], argc -= 2, argv += 2;
	if (scope && argc > 1 && strcmp(argv[1], "-c") == 0)
		drop = 1, argc--, argv++;
	if (argc < 4 || argc > 5 || argv[1][0] == '\0' ||
	    strspn(argv[3], "0123456789") != strlen(argv[3]) || (scope &&
	    strcmp(scope, "all") != 0 && (strlen(scope) != 3 || strspn(scope, "0123456789") != 3))) {
		fprintf(stderr, "usage: publish [-u | -s scope [-c]] out result pid [work]\n");
		return 2;
	}
	out = argv[1];
	snprintf(keep, sizeof keep, "; %s", out);
	keeps = keep;
	signal(SIGPIPE, SIG_IGN);	/* a reader of the messages gone ends no step half done */
	/* Nor does a Ctrl-C (INT, TERM or HUP sent to the run's whole process
	 * group): the signals wait until publish has ended (milliseconds), and
	 * keyfigures, which got them too, says they came while publishing. */
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGHUP);
	sigprocmask(SIG_BLOCK, &stop, NULL);
	if (!unsuppressed)
		public_folder(argv[2]);
	check_names(argv[2]);
	if (gmtime_r(&t, &tm) == NULL || (n = strftime(run, sizeof run, "%Y%m%d-%H%M%S", &tm)) == 0 ||
	    snprintf(run + n, sizeof run - n, ".%.20s", argv[3]) >= (int)(sizeof run - n))
		fail("cannot publish the results: no time");
	if (argc == 5 && note_run(argv[4], run) != 0)
		fail("cannot write in the run's work folder %s: %s", argv[4], strerror(errno));
	if (scope)
		record(argv[2], scope, run);
	if (on_disk(argv[2], 1) != 0)
		fail("cannot write the new results to the disk: %s", strerror(errno));
	if (rename(argv[2], path(dst, "runs", run)) != 0)
		fail("cannot publish the results in %s/runs: %s", out, strerror(errno));
	snprintf(moved[0], PATH_MAX, "%s", argv[2]);
	snprintf(moved[1], PATH_MAX, "%s", dst);
	snprintf(target, sizeof target, "runs/%s", run);
	if (on_disk(path(dst, "runs", ""), 0) != 0)
		fail("cannot write %s to the disk: %s", dst, strerror(errno));
	/* the run's shell (NOEGLETAL_RUN, which keyfigures sets) killed
	 * meanwhile: it is told the run failed, so nothing is published
	 * (review W, W5); last before the switch: a shell killed during the
	 * sync was not seen (review X, X4) */
	if ((shell = getenv("NOEGLETAL_RUN")) != NULL && (long)getppid() != atol(shell))
		fail("the run (process %s) was killed while publishing: nothing published", shell);
	if (relink(target, path(dst, "latest", "")) != 0)
		fail("cannot switch %s/latest to the new results: %s", out, strerror(errno));
	switched = 1;
	if (on_disk(out, 0) != 0)
		warn("cannot write %s/latest to the disk: %s", out, strerror(errno));
	prune(run);	/* first: what it frees may be what a link needs */
	if (scope && drop)
		drop_carried(scope);
	link_results();
	unlink_stale();
	if (argc == 5)
		nftw(argv[4], rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}
