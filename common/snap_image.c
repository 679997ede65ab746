/* snap_image: a loaded snapshot as bytes, written by snapshot -b (see snap.h). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "date.h"
#include "gz.h"
#include "gz_engine.h"
#include "snap.h"
#include "tables.h"
#include "util.h"

#define MAGIC_LEN	(sizeof SNAP_IMAGE_MAGIC - 1)
#define HEAD_LEN	(MAGIC_LEN + 16)	/* magic, ndates, npersons, key bytes */

static void
flush(struct snap_writer *sw)
{
	gzw_write(sw->w, sw->buf, sw->n);
	sw->crc = zin_crc(sw->crc, sw->buf, sw->n);
	sw->n = 0;
}

void
snap_image_put(struct snap_writer *sw, const void *p, size_t n)
{
	size_t k;

	for (; n > 0; p = (const char *)p + k, n -= k) {
		if (sw->n == sizeof sw->buf)
			flush(sw);
		k = sizeof sw->buf - sw->n < n ? sizeof sw->buf - sw->n : n;
		memcpy(sw->buf + sw->n, p, k);
		sw->n += k;
	}
}

void
snap_image_open(struct snap_writer *sw, const char *path, const int *dates, int nd, int np,
    uint64_t keybytes)
{
	unsigned char head[HEAD_LEN];
	uint32_t n = (uint32_t)nd, p = (uint32_t)np;

	sw->w = gzw_create(path, -1);
	sw->crc = 0;
	sw->n = 0;
	memcpy(head, SNAP_IMAGE_MAGIC, MAGIC_LEN);
	memcpy(head + MAGIC_LEN, &n, 4);
	memcpy(head + MAGIC_LEN + 4, &p, 4);
	memcpy(head + MAGIC_LEN + 8, &keybytes, 8);
	snap_image_put(sw, head, sizeof head);
	snap_image_put(sw, dates, sizeof *dates * (size_t)nd);
}

void
snap_image_close(struct snap_writer *sw)
{
	flush(sw);
	gzw_write(sw->w, &sw->crc, sizeof sw->crc);
	gzw_close(sw->w);
}

static void
bad(const char *path, const char *why)
{
	die("%s: not a valid snapshot image (%s); make it again with snapshot -b", path, why);
}

/* The dates ascending cut dates; each cell empty, or a municipality and its steps. */
static void
check_table(const char *path, const struct snap *s, size_t cells)
{
	size_t i;
	int d, known = 0;	/* the last municipality found in the table */

	/* as a TSV snapshot's (review AM, AM5: 0000-12-31 written) */
	for (d = 0; d < s->ndates; d++)
		if (s->dates[d] < days_from_civil(DATE_FIRST_YEAR, 1, 1) ||
		    s->dates[d] > days_from_civil(DATE_LAST_YEAR, 12, 31) || !is_cut(s->dates[d]) ||
		    (d > 0 && s->dates[d] <= s->dates[d - 1]))
			bad(path, "its dates are not ascending cut dates of "
			    STR(DATE_FIRST_YEAR) " to " STR(DATE_LAST_YEAR));
	for (i = 0; i < cells; i++) {
		const struct snap_at *a = &s->at[i];

		if (a->kommune == 0 ? a->steps != 0 : a->steps == 0 || a->steps > 0x1ff ||
		    (a->kommune != known && kommune_get(known = a->kommune) == NULL))
			bad(path, "a cell is not a municipality and its steps");
	}
}

long
snap_image_size(int fd)
{
	char magic[MAGIC_LEN];
	struct stat st;

	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    pread(fd, magic, MAGIC_LEN, 0) != (ssize_t)MAGIC_LEN ||
	    memcmp(magic, SNAP_IMAGE_MAGIC, MAGIC_LEN) != 0)
		return -1;
	return (long)st.st_size;
}

/*
 * The image is mapped, its pages entered at once (MAP_POPULATE), and the
 * table used where it lies: read into fresh memory, each of its pages cost
 * a fault, and on a virtual machine a fault is dear (bench/README.md).
 */
struct snap *
snap_read_image(const char *path, int fd, size_t size)
{
	unsigned char *buf, *p, *keys;
	uint32_t nd, np, crc, i;
	uint64_t keybytes;
	size_t cells, need;
	struct snap *s;

	if (size < HEAD_LEN + 4)
		bad(path, "it is cut short");
	buf = mmap(NULL, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
	if (buf == MAP_FAILED)
		die("%s: read error: %s", path, strerror(errno));
	memcpy(&nd, buf + MAGIC_LEN, 4);
	memcpy(&np, buf + MAGIC_LEN + 4, 4);
	memcpy(&keybytes, buf + MAGIC_LEN + 8, 8);
	cells = (size_t)np * nd;
	need = HEAD_LEN + 4 * (size_t)nd + sizeof(struct snap_at) * cells + 4;
	if (nd > SNAP_MAXDATES || np > 100000000 || keybytes > size || need + keybytes != size)
		bad(path, "its length does not match its header");
	memcpy(&crc, buf + size - 4, 4);
	if (zin_crc(0, buf, size - 4) != crc)
		bad(path, "CRC check failed");
	s = ecalloc(1, sizeof *s);
	s->map = buf;
	s->maplen = size;
	p = buf + HEAD_LEN;
	s->ndates = (int)nd;
	s->dates = emalloc(4 * (size_t)nd + 1);
	memcpy(s->dates, p, 4 * (size_t)nd);
	p += 4 * (size_t)nd;
	s->at = (struct snap_at *)p;	/* 4-byte aligned: 24 + 4 * nd */
	p += sizeof *s->at * cells;
	check_table(path, s, cells);
	keys = p;
	for (i = 0; i < np; i++) {
		size_t n = strnlen((char *)p, (size_t)(buf + size - 4 - p));

		if (p + n == buf + size - 4 || !pnr_ok((char *)p))
			bad(path, "its keys are not distinct person keys");
		p += n + 1;
	}
	if (p != buf + size - 4)
		bad(path, "its keys do not fill it");
	s->persons = ps_new();
	if (ps_load(s->persons, (char *)keys, (int)np, keybytes) != (int)np)
		bad(path, "its keys are not distinct person keys");
	return s;
}
