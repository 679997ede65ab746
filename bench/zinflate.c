/* zinflate: gzip -dc with plain zlib, the zlib engine's decode limit for make bench. */
#include <stdio.h>
#include <zlib.h>

int
main(void)
{
	static unsigned char in[1 << 18], out[1 << 18];
	z_stream z = { 0 };
	size_t n;
	int ret = Z_OK;

	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		return 1;
	while ((n = fread(in, 1, sizeof in, stdin)) > 0) {
		z.next_in = in;
		z.avail_in = (uInt)n;
		while (z.avail_in > 0) {
			z.next_out = out;
			z.avail_out = sizeof out;
			ret = inflate(&z, Z_NO_FLUSH);
			if (ret == Z_STREAM_END)
				ret = inflateReset(&z);
			if (ret != Z_OK && ret != Z_BUF_ERROR)
				return 1;
			fwrite(out, 1, sizeof out - z.avail_out, stdout);
		}
	}
	return ferror(stdout) ? 1 : 0;
}
