/* Fuzz target: CSV and TSV datasets through fmt_next() (libcsv fed line
 * by line, the delimiter guess, header roles, the row cap, quoted line
 * breaks). The first byte picks .csv or .tsv and the user's map. */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct fmt_field map[] = {
		{FMT_ROLE_TEXT, "story"}, {FMT_ROLE_DATE, ""}};
	if (!size)
		return 0;
	char *s = fuzz_copy(data + 1, size - 1);
	fuzz_read(s, size - 1, data[0] & 1 ? "d.tsv" : "d.csv",
		  data[0] & 2 ? map : NULL, data[0] & 2 ? NFS_ARRAY_SIZE(map) : 0);
	free(s);
	return 0;
}
