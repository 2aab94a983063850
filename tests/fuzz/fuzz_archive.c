/* Fuzz target: WARC records (the header reader, HTTP heads, chunked and
 * gzip bodies) and what libarchive hands over (gzip, zstd, bzip2, xz,
 * tar, zip, nested members), sniffed by content as a file of unknown
 * name is; the first byte may name it .warc. */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	char *s = fuzz_copy(data + 1, size - 1);
	fuzz_read(s, size - 1, data[0] & 1 ? "d.warc" : "d", NULL, 0);
	free(s);
	return 0;
}
