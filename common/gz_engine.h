/*
 * gz_engine: the private interface between gz.c and the gzip engine chosen
 * at build time (gz_isal.c or gz_zlib.c). Only those three include it.
 */
#ifndef GZ_ENGINE_H
#define GZ_ENGINE_H

#include <stddef.h>
#include <stdint.h>

/* The engine under gz.c: one gzip member at a time. */
enum { ZS_MORE, ZS_END, ZS_ERR };
struct zin;
struct zout;
struct zin *zin_new(void);
/*
 * The start of a new member. With check 0 an engine may leave the CRC
 * and length check to the caller: it then returns 1, computes no CRC,
 * and ends the member (ZS_END) before its 8-byte trailer, of which
 * zin_held gives the bytes it has already read.
 */
int zin_member(struct zin *z, int check);
int zin_step(struct zin *z, const unsigned char **in, size_t *avail,
    unsigned char **out, size_t *room, const char **why);
size_t zin_held(const struct zin *z, unsigned char out[8]);
uint32_t zin_crc(uint32_t crc, const void *p, size_t n);	/* the gzip CRC-32 */
void zin_free(struct zin *z);
struct zout *zout_new(int level);
void zout_free(struct zout *z);
/* Returns 1 when finish was asked and the member is complete. */
int zout_step(struct zout *z, const unsigned char **in, size_t *avail,
    unsigned char **out, size_t *room, int finish);

/*
 * Both engines' streams name their window next_in, avail_in, next_out,
 * avail_out (ISA-L took zlib's names, and both count in 32 bits): a step
 * puts the caller's window into the stream and takes back what is left.
 */
#define ZS_PUT(st, in, avail, out, room) do { \
	(st)->next_in = (unsigned char *)*(in); \
	(st)->avail_in = (uint32_t)*(avail); \
	(st)->next_out = *(out); \
	(st)->avail_out = (uint32_t)*(room); \
} while (0)
#define ZS_TAKE(st, in, avail, out, room) do { \
	*(in) = (st)->next_in; \
	*(avail) = (st)->avail_in; \
	*(out) = (st)->next_out; \
	*(room) = (st)->avail_out; \
} while (0)

#endif
