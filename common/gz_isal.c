/* gz engine: ISA-L (igzip), the fast default. */
#include <isa-l/crc.h>
#include <isa-l/igzip_lib.h>
#include <stdlib.h>

#include "gz.h"
#include "gz_engine.h"
#include "util.h"

const char *gz_engine = "isa-l";

struct zin {
	struct inflate_state st;
	struct isal_gzip_header hdr;
	int header;		/* the caller checks: the header still to read */
};

struct zout {
	struct isal_zstream st;
	unsigned char lvl_buf[];	/* level buffer ISA-L needs above level 0 */
};

struct zin *
zin_new(void)
{
	return ecalloc(1, sizeof(struct zin));
}

int
zin_member(struct zin *z, int check)
{
	isal_inflate_init(&z->st);
	/* Either ISA-L parses the header and verifies CRC and length, or it
	 * reads the header here and inflates the raw deflate data after it. */
	z->st.crc_flag = check ? ISAL_GZIP : ISAL_DEFLATE;
	z->header = !check;
	if (!check)
		isal_gzip_header_init(&z->hdr);
	return !check;
}

int
zin_step(struct zin *z, const unsigned char **in, size_t *avail,
    unsigned char **out, size_t *room, const char **why)
{
	int ret;

	ZS_PUT(&z->st, in, avail, out, room);
	if (z->header) {	/* reads input only */
		ret = isal_read_gzip_header(&z->st, &z->hdr);
		*in = z->st.next_in;
		*avail = z->st.avail_in;
		if (ret == ISAL_END_INPUT)
			return ZS_MORE;
		if (ret != ISAL_DECOMP_OK) {
			*why = "invalid gzip header";
			return ZS_ERR;
		}
		z->header = 0;
	}
	ret = isal_inflate(&z->st);
	ZS_TAKE(&z->st, in, avail, out, room);
	switch (ret) {
	case ISAL_DECOMP_OK:
		return z->st.block_state == ISAL_BLOCK_FINISH ? ZS_END : ZS_MORE;
	case ISAL_INCORRECT_CHECKSUM:
		*why = "CRC or length check failed";
		return ZS_ERR;
	default:
		*why = "invalid deflate data";
		return ZS_ERR;
	}
}

/* After the raw deflate data: the whole bytes left in the bit buffer. */
size_t
zin_held(const struct zin *z, unsigned char out[8])
{
	uint64_t bits = z->st.read_in >> (z->st.read_in_length % 8);
	size_t n = (size_t)z->st.read_in_length / 8, i;

	for (i = 0; i < n && i < 8; i++)
		out[i] = (unsigned char)(bits >> (8 * i));
	return i;
}

uint32_t
zin_crc(uint32_t crc, const void *p, size_t n)
{
	return crc32_gzip_refl(crc, p, n);
}

void
zin_free(struct zin *z)
{
	free(z);
}

void
zout_free(struct zout *z)
{
	free(z);
}

struct zout *
zout_new(int level)
{
	static const size_t bufsize[] = { ISAL_DEF_LVL0_DEFAULT,
	    ISAL_DEF_LVL1_DEFAULT, ISAL_DEF_LVL2_DEFAULT, ISAL_DEF_LVL3_DEFAULT };
	struct zout *z;

	/* ISA-L has levels 0-3; -z 3 to 9 all mean its best, 3. */
	if (level > 3)
		level = 3;
	z = ecalloc(1, sizeof *z + bufsize[level]);
	isal_deflate_init(&z->st);
	z->st.level = (uint32_t)level;
	z->st.level_buf = z->lvl_buf;
	z->st.level_buf_size = (uint32_t)bufsize[level];
	z->st.gzip_flag = IGZIP_GZIP;
	return z;
}

int
zout_step(struct zout *z, const unsigned char **in, size_t *avail,
    unsigned char **out, size_t *room, int finish)
{
	ZS_PUT(&z->st, in, avail, out, room);
	z->st.end_of_stream = (uint16_t)finish;
	if (isal_deflate(&z->st) != COMP_OK)
		die("gzip compression failed");
	ZS_TAKE(&z->st, in, avail, out, room);
	return finish && z->st.internal_state.state == ZSTATE_END;
}
