/* fuzz_tsv: the gzip layer and the TSV and CSV readers on any bytes. */
#include <string.h>

#include "harness.h"
#include "tsv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tsv *t;
	int csv = size > 0 && (data[0] & 1);
	int i;

	harness_stdin(data, size);
	if (setjmp(harness_jmp) == 0) {
		t = tsv_open(NULL, csv);
		acct_open(t, NULL, 1);
		while (tsv_row(t))
			for (i = 0; i < t->nf; i++)
				if (strlen(t->f[i]) > t->ll)	/* fields lie inside the line */
					abort();
	}
	harness_release();	/* what is still open, also after die() */
	return 0;
}
