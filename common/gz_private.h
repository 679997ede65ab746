/*
 * gz_private: the reader's state, shared by gz.c (decoding) and
 * gz_ahead.c (the read-ahead thread). No filter includes it.
 */
#ifndef GZ_PRIVATE_H
#define GZ_PRIVATE_H

#include <pthread.h>
#include <stdint.h>

#include "gz.h"

#define IN_CAP	(256 << 10)	/* compressed input window */

struct gzr {
	int fd;
	char *name;		/* for messages */
	int gzip;		/* 1: gzip, 0: plain */
	int eof;		/* read() returned 0 */
	int in_member;		/* inside a gzip member */
	unsigned char *ib;	/* input window ib[pos..end) */
	size_t pos, end;
	struct zin *z;
	char err[256];		/* what went wrong, for the reader */
	struct ahead *ra;	/* the read-ahead thread, or NULL */
	/*
	 * With read-ahead the first member's CRC and length are checked by
	 * the reader, as it takes each block, which takes that work off the
	 * decoding thread; later members are checked by the engine.
	 */
	uint64_t out;		/* decoder: bytes decoded */
	struct trailer {
		int deferred;	/* a member is checked by the reader: */
		uint64_t start;	/* its first byte, as an offset in the stream */
		int known;	/* it has ended: */
		uint64_t end;	/* the offset after its last byte */
		uint32_t crc, len;	/* its trailer */
	} dec;			/* decoder's; handed to the reader with a block */
	uint32_t crc;		/* reader: CRC of the member's bytes taken so far */
	uint64_t taken;		/* reader: the offset after the bytes taken */
	int checked;		/* reader: the deferred member was checked */
};

/*
 * Read-ahead (gzr_readahead): a thread decodes into a ring of blocks while
 * the reader works on the block it holds. Each block has HEADROOM bytes
 * before its data for the reader's use and one spare byte after it, all
 * in one STRIDE of memory (a huge page where malloc asks for them).
 */
#define NBLOCK		4
#define STRIDE		(2 << 20)
#define HEADROOM	GZR_HEADROOM
#define BLOCK		(STRIDE - HEADROOM - 64)

struct ahead {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t filled, freed;
	char *ring;		/* NBLOCK strides */
	char *mem[NBLOCK];
	size_t len[NBLOCK];	/* data bytes; 0: the end */
	int busy[NBLOCK];	/* filled and not yet released */
	int head, tail;		/* next to fill, next to hand out */
	int failed, stop;
	struct trailer trailer;	/* r->dec as of the last block filled */
	long long spent[NBLOCK];	/* decoder: its CPU time filling each block, ns */
	/* reader: flushing; its flushes' CPU time and the decoding's of the bytes flushed */
	int flush;
	long long flush_ns, decode_ns;
};

long gz_decode(gzr *r, char *buf, size_t n);	/* 0 at a clean end, -1 with r->err */
void gz_ahead_stop(gzr *r);	/* ends the read-ahead thread */

#endif
