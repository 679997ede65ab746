/*
 * sas2tsv's transport file end: a transport (XPORT) file's rows, after the
 * record that begins "HEADER RECORD*******OBS", must end where the file
 * does, but for the blanks (0x20) that fill its last 80-byte record
 * (SAS's TS-140, "The record layout of a SAS transport file").
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sas2tsv.h"
#include "util.h"

/*
 * A transport file may hold several datasets (members), each after a
 * member header that begins a record; ReadStat reads the first one's rows
 * up to the end of the file, the headers and rows of the others with them
 * (garbage, or the next dataset's rows under the first's columns), exit 0.
 * So no record after the first dataset's rows begin may be a member header.
 */
void
xport_one_member(const char *file)
{
	static char buf[80 * 1024];
	long long at = 0, obs = -1;
	size_t n, i;
	FILE *f = fopen(file, "rb");

	if (f == NULL)
		die("%s: cannot open: %s", file, strerror(errno));
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		for (i = 0; i + 80 <= n; i += 80)
			if (obs < 0 && strncmp(buf + i, "HEADER RECORD*******OBS", 23) == 0)
				obs = at + (long long)i;
			else if (obs >= 0 &&
			    memcmp(buf + i, "HEADER RECORD*******MEMB", 24) == 0 &&
			    memcmp(buf + i + 28, "HEADER RECORD!!!!!!!", 20) == 0)
				die("%s: holds more than one dataset (another member's header "
				    "at byte %lld): ReadStat reads only the first, and the "
				    "others as its rows; write each dataset to a transport "
				    "file of its own", file, at + (long long)i);
		at += (long long)n;
	}
	if (ferror(f))
		die("%s: cannot read", file);
	fclose(f);
}

/*
 * The file holds no row count, and ReadStat reads every piece of a row's
 * length after the headers as a row but the all-blank ones at the end. So:
 *
 * - After the rows ReadStat read there must be blanks only, fewer than a
 *   record's 80: a file cut at a record's end inside a row has that row's
 *   bytes there. One cut where a row and a record both end cannot be told
 *   from a shorter file. A dataset of only text columns whose last rows
 *   are all blank (every value missing) loses them: those within the last
 *   record are taken for padding, and 80 bytes of them or more are an
 *   error.
 * - A row that lies wholly in the last record, after the row that reaches
 *   into it, may be padding: a non-blank byte there made ReadStat read the
 *   padding up to it as rows. A number never begins with a blank in a row
 *   SAS wrote (its missing value is "." and zeros; an IBM float whose
 *   exponent byte is 0x20 is below 3e-39), so such a row with a number
 *   beginning with a blank is padding with a non-blank byte in it, not a
 *   row. A dataset of only text columns cannot be told this way: a
 *   non-blank byte there is read as a row.
 */
void
xport_ends(const char *file, long rows, int nvar, const int *store,
    const enum kind *kind)
{
	char rec[80], *row;
	FILE *f = fopen(file, "rb");
	long long at = 0, len = 0, data, size, left;
	long k, first;
	int c, i, pos;

	if (f == NULL)
		die("%s: cannot open: %s", file, strerror(errno));
	for (i = 0; i < nvar; i++)
		len += store[i];
	while (fread(rec, 1, sizeof rec, f) == sizeof rec &&
	    strncmp(rec, "HEADER RECORD*******OBS", 23) != 0)
		at += 80;
	data = at + 80;
	if (fseeko(f, data + len * rows, SEEK_SET) != 0)
		die("%s: cannot read", file);
	for (left = 0; (c = getc(f)) == ' '; left++)
		;
	if (ferror(f))
		die("%s: cannot read", file);
	if (c != EOF)
		die("%s: a transport file cut short in a row, or holding more than "
		    "its rows (another dataset), or not blank after them", file);
	if (left >= 80)
		die("%s: %lld blanks after its rows, more than fill a record: rows "
		    "of only blank text, which ReadStat takes for padding, or damage",
		    file, left);
	size = len * rows + left;	/* the rows and the padding */
	first = len > 0 && size >= 80 ? (long)((size - 80) / len) + 1 : rows;
	row = emalloc((size_t)len + 1);
	for (k = first; k < rows; k++) {
		if (fseeko(f, data + len * k, SEEK_SET) != 0 ||
		    fread(row, 1, (size_t)len, f) != (size_t)len)
			die("%s: cannot read", file);
		for (i = 0, pos = 0; i < nvar; pos += store[i++])
			if (kind[i] != TEXT && store[i] > 0 && row[pos] == ' ')
				die("%s: a non-blank byte in the blanks that fill its last "
				    "80-byte record, read as row %ld (a number of it begins "
				    "with a blank): damaged", file, k + 1);
	}
	free(row);
	fclose(f);
}
