/* acct: the reject file and the accounting line (see tsv.h). */
#include <stdio.h>
#include <string.h>

#include "tsv.h"
#include "tsv_private.h"
#include "util.h"

#define PATH_MAX_SHOWN 512	/* a row's _KILDE, as a message shows it */

static struct {
	tsv *main;
	gzw *rej;
	long read;		/* rows of main, kept when it is closed */
	long wrote, rejected;
	const char *reason[ACCT_REASONS];
	long dropped[ACCT_REASONS];
	int nreason;
} acct;

/* A column name as a message may show it: never one shaped like a PNR. */
const char *
shown_name(const char *name, char *buf, size_t cap)
{
	int n;

	if (!pnr_shaped(name))
		return name;
	n = snprintf(buf, cap, "a name of the form ");
	key_form(name, strlen(name), buf + n, cap - (size_t)n);
	return buf;
}

int
acct_is_main(const tsv *t)
{
	return t == acct.main;
}

void
acct_closing(const tsv *t)
{
	if (t == acct.main) {
		acct.read = t->rows;
		acct.main = NULL;
	}
}

void
acct_open(tsv *main, const char *rejects, int level)
{
	size_t n;

	memset(&acct, 0, sizeof acct);
	acct.main = main;
	if (rejects == NULL)
		return;
	n = strlen(rejects);
	acct.rej = gzw_create(rejects,
	    n > 3 && strcmp(rejects + n - 3, ".gz") == 0 ? level : -1);
	tsv_put_head(acct.rej, main);
	gzw_puts(acct.rej, "\tREASON\n");
}

void
acct_read(long n)
{
	acct.read += n;
}

void
acct_wrote(long n)
{
	acct.wrote += n;
}

long
acct_written(void)
{
	return acct.wrote;
}

void
acct_mark(long mark[ACCT_REASONS])
{
	memcpy(mark, acct.dropped, sizeof acct.dropped);
}

/* The reason most rows were dropped for since acct_mark(mark) (*n of them), or NULL. */
const char *
acct_most_since(const long mark[ACCT_REASONS], long *n)
{
	int i, best = -1;

	for (i = 0; i < acct.nreason; i++)
		if (acct.dropped[i] > mark[i] && (best < 0 ||
		    acct.dropped[i] - mark[i] > acct.dropped[best] - mark[best]))
			best = i;
	*n = best < 0 ? 0 : acct.dropped[best] - mark[best];
	return best < 0 ? NULL : acct.reason[best];
}

void
acct_drop(const char *reason)
{
	int i;

	for (i = 0; i < acct.nreason; i++)
		if (acct.reason[i] == reason || strcmp(acct.reason[i], reason) == 0)
			break;
	if (i == acct.nreason) {
		if (i == (int)(sizeof acct.reason / sizeof acct.reason[0]))
			die("too many drop reasons");
		acct.reason[acct.nreason++] = reason;
	}
	acct.dropped[i]++;
}

/*
 * Where row of t came from, when import -P said it (column _KILDE: a
 * register's file and line, the stream being several files joined and
 * converted) into buf; else "".
 */
static const char *
source_of(const tsv *t, char *buf, size_t cap)
{
	const char *p = t->lp, *end = t->lp + t->ll;
	int c, i;
	size_t n;

	buf[0] = '\0';
	for (c = 0; c < t->ncol && strcmp(t->head[c], "_KILDE") != 0; c++)
		;	/* (not tsv_find: a row made by hand, sas2tsv's, has no hash) */
	if (c == t->ncol || p == NULL)
		return buf;
	if (c < t->nf)
		p = t->f[c];
	else	/* past the fields split: the c-th after a TAB (or the NUL of a split) */
		for (i = 0; i < c && p < end; p++)
			i += *p == '\t' || *p == '\0';
	n = strcspn(p, "\t");
	if (p < end && n > 0)
		snprintf(buf, cap, " (from %.*s)", (int)(n < cap ? n : cap), p);
	return buf;
}

/*
 * Row t into the reject file, as many fields as its header, so that REASON
 * is in its column (review Y, Y7): a line not split (a wrong field count)
 * padded with empty fields, or its fields past the header's last joined to
 * that one, each TAB a blank.
 */
static void
put_row(tsv *t)
{
	const char *p = t->lp, *end = t->lp + t->ll, *tab;
	int n = 1;

	if (t->nf != 0) {
		tsv_put_row(acct.rej, t);
		return;
	}
	for (; (tab = memchr(p, '\t', (size_t)(end - p))) != NULL; p = tab + 1, n++) {
		gzw_write(acct.rej, p, (size_t)(tab - p));
		gzw_putc(acct.rej, n < t->ncol ? '\t' : ' ');
	}
	gzw_write(acct.rej, p, (size_t)(end - p));
	for (; n < t->ncol; n++)
		gzw_putc(acct.rej, '\t');
}

/*
 * A bad row. In reject mode it goes to the reject file with its reason;
 * otherwise the filter stops. A PNR value is never printed: messages
 * go to logs, only the reject file may hold person numbers.
 */
void
reject(tsv *t, int col, const char *what)
{
	char reason[512], val[160], name[160], from[PATH_MAX_SHOWN];

	if (col < 0)
		snprintf(reason, sizeof reason, "%s", what);
	else if (strcmp(t->head[col], "PNR") == 0)
		snprintf(reason, sizeof reason, "column 'PNR': %s", what);
	else
		snprintf(reason, sizeof reason, "column '%s': %s: %s",
		    shown_name(t->head[col], name, sizeof name), what,
		    show_value(t->f[col], val, sizeof val));
	if (t != acct.main || acct.rej == NULL)
		die("%s:%ld: %s%s", t->name, t->line - t->obs, reason,
		    source_of(t, from, sizeof from));
	put_row(t);
	gzw_putc(acct.rej, '\t');
	gzw_puts(acct.rej, reason);
	gzw_putc(acct.rej, '\n');
	acct.rejected++;
}

void
acct_end(long out_rows)
{
	long dropped = 0, read = acct.main ? acct.main->rows : acct.read;
	char line[4096];
	int i, n;

	for (i = 0; i < acct.nreason; i++)
		dropped += acct.dropped[i];
	if (acct.rej)
		gzw_close(acct.rej);
	/* one line in one write (warn): two filters may share a log */
	n = snprintf(line, sizeof line, "read %ld, wrote %ld, dropped %ld", read,
	    acct.wrote, dropped);
	for (i = 0; i < acct.nreason && n < (int)sizeof line; i++)
		n += snprintf(line + n, sizeof line - (size_t)n, "%s%s=%ld", i ? ", " : " (",
		    acct.reason[i], acct.dropped[i]);
	if (n < (int)sizeof line)
		n += snprintf(line + n, sizeof line - (size_t)n, "%s, rejected %ld",
		    acct.nreason ? ")" : "", acct.rejected);
	if (out_rows >= 0 && n < (int)sizeof line)
		snprintf(line + n, sizeof line - (size_t)n, "; output %ld rows", out_rows);
	warn("%s", line);
	if (read != acct.wrote + dropped + acct.rejected)
		die("internal error: %ld rows read but %ld accounted for", read,
		    acct.wrote + dropped + acct.rejected);
}
