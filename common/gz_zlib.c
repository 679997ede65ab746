/* gz engine: zlib, the portable one (make GZIP=zlib). */
#include <stdlib.h>
#include <zlib.h>

#include "gz.h"
#include "gz_engine.h"
#include "util.h"

const char *gz_engine = "zlib";

struct zin {
	z_stream st;
	int init;
};

struct zout {
	z_stream st;
};

struct zin *
zin_new(void)
{
	return ecalloc(1, sizeof(struct zin));
}

int
zin_member(struct zin *z, int check)
{
	(void)check;	/* zlib always checks the member itself */
	if (z->init)
		inflateReset(&z->st);
	else if (inflateInit2(&z->st, 16 + MAX_WBITS) != Z_OK)	/* gzip only */
		die("zlib: inflateInit2 failed");
	z->init = 1;
	return 0;
}

size_t
zin_held(const struct zin *z, unsigned char out[8])
{
	(void)z;
	(void)out;
	return 0;
}

uint32_t
zin_crc(uint32_t crc, const void *p, size_t n)
{
	return (uint32_t)crc32(crc, p, (uInt)n);
}

int
zin_step(struct zin *z, const unsigned char **in, size_t *avail,
    unsigned char **out, size_t *room, const char **why)
{
	int ret;

	ZS_PUT(&z->st, in, avail, out, room);
	ret = inflate(&z->st, Z_NO_FLUSH);
	ZS_TAKE(&z->st, in, avail, out, room);
	switch (ret) {
	case Z_OK:
	case Z_BUF_ERROR:	/* no progress possible: needs more input */
		return ZS_MORE;
	case Z_STREAM_END:
		return ZS_END;
	default:
		*why = z->st.msg ? z->st.msg : "invalid deflate data";
		return ZS_ERR;
	}
}

void
zin_free(struct zin *z)
{
	if (z->init)
		inflateEnd(&z->st);
	free(z);
}

void
zout_free(struct zout *z)
{
	deflateEnd(&z->st);
	free(z);
}

struct zout *
zout_new(int level)
{
	struct zout *z = ecalloc(1, sizeof *z);

	if (deflateInit2(&z->st, level, Z_DEFLATED, 16 + MAX_WBITS, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		die("zlib: deflateInit2 failed");
	return z;
}

int
zout_step(struct zout *z, const unsigned char **in, size_t *avail,
    unsigned char **out, size_t *room, int finish)
{
	int ret;

	ZS_PUT(&z->st, in, avail, out, room);
	ret = deflate(&z->st, finish ? Z_FINISH : Z_NO_FLUSH);
	if (ret == Z_STREAM_ERROR)
		die("gzip compression failed");
	ZS_TAKE(&z->st, in, avail, out, room);
	return ret == Z_STREAM_END;
}
