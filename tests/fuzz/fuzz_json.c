/* Fuzz target: scraper dumps in JSON and JSON Lines through fmt_next()
 * (json-c's tokener fed chunk by chunk, field names, the user's map with
 * a dotted path, bodies in markup, invalid UTF-8). The first byte picks
 * the file name, so both readers and the sniffing see every input. */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"d.jsonl", "d.json", "d.ndjson",
					    "d"};
	static const struct fmt_field map[] = {
		{FMT_ROLE_TEXT, "story"}, {FMT_ROLE_SITE, "source.name"},
		{FMT_ROLE_DATE, "published"}};
	if (!size)
		return 0;
	char *s = fuzz_copy(data + 1, size - 1);
	(void)fmt_sniff(names[data[0] & 3], s, size - 1);
	fuzz_read(s, size - 1, names[data[0] & 3], data[0] & 4 ? map : NULL,
		  data[0] & 4 ? NFS_ARRAY_SIZE(map) : 0);
	free(s);
	return 0;
}
