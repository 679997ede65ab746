/*
 * gz: the one gzip interface. Reading takes plain or gzip input (found by
 * the magic bytes), concatenated members included, with CRC and length
 * checked; a truncated or corrupt stream dies, it never reads as a short
 * end of input. Writing makes gzip (or plain) and checks every write and
 * the close. The engine, ISA-L or zlib, is chosen at build time (GZIP=).
 */
#ifndef GZ_H
#define GZ_H

#include <stddef.h>

typedef struct gzr gzr;
typedef struct gzw gzw;

extern const char *gz_engine;		/* "isa-l" or "zlib" */

gzr *gzr_open(const char *path);	/* NULL or "-": standard input */
size_t gzr_read(gzr *r, char *buf, size_t n);	/* 0 only at a clean end */
const char *gzr_name(const gzr *r);
/* "xz-compressed", "gzip-compressed" ... when p starts like such data, else NULL. */
const char *compressed_kind(const unsigned char *p, size_t n);
/* A SAS transport file's first 80-byte record begins so (sas2tsv reads it). */
#define XPORT_MAGIC "HEADER RECORD*******LIB"
/*
 * Read-ahead: a thread decodes gzip input ahead into blocks, so that decoding
 * and the reader's work use two cores (plain input: no thread, returns 0).
 * After gzr_readahead has returned 1, read only by
 * gzr_block: the next block (0 at a clean end; dies on a corrupt stream
 * where the data ends), valid with GZR_HEADROOM writable bytes before it
 * and one after it, until gzr_release; a reader may hold two at once.
 */
#define GZR_HEADROOM	(64 << 10)
int gzr_readahead(gzr *r);
size_t gzr_block(gzr *r, char **p);
void gzr_release(gzr *r, const char *p);
void gzr_close(gzr *r);

/*
 * level < 0: plain. The file is made anew, mode 0600; one the program
 * reads (standard input or output, or a file opened by gzr_open) is a
 * usage error.
 */
/* A file the program will read other than by gzr_open (a library opens it,
 * or it is opened later): gzw_create refuses to write it. */
void gz_will_read(const char *path);
/* A file the program writes other than by gzw_create (a library makes it):
 * one it reads is a usage error. */
void gz_will_write(const char *path);
gzw *gzw_create(const char *path, int level);
/*
 * As gzw_create, but a regular file (or one not there yet) appears whole:
 * written into PATH.part, renamed to PATH by gzw_close, so that a program
 * waiting for PATH never reads it in part. Any other path (a device, a
 * link, standard error's file, an input) is as gzw_create makes it.
 */
gzw *gzw_create_whole(const char *path, int level);
gzw *gzw_out(int level);	/* standard output; level < 0: plain */
/* Every byte written to w from now on also into the new file path (as tee). */
void gzw_copy(gzw *w, const char *path);
void gzw_write(gzw *w, const void *p, size_t n);
void gzw_puts(gzw *w, const char *s);
void gzw_printf(gzw *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The strings up to a NULL, a TAB between them (no line end): a row without printf. */
void gzw_fields(gzw *w, const char *first, ...) __attribute__((sentinel));
void gzw_close(gzw *w);		/* flushes, finishes, closes; dies on any error */

static inline void
gzw_putc(gzw *w, char c)
{
	gzw_write(w, &c, 1);
}

#endif
