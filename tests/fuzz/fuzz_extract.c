/* Fuzz target: the whole extract-one-article path, as the indexer runs it
 * (valid UTF-8 in; anything else goes through the Windows-1252 decoder
 * first, as src/ingest/read.c does). */
#include "fuzz.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct ext_gaz *g = fuzz_gaz();
	struct sbuf text = {0};
	if (utf8_valid((const char *)data, size)) {
		if (sbuf_add(&text, data, size))
			abort();
	} else if (cp1252_to_utf8(&text, (const char *)data, size)) {
		abort();
	}
	char *exact = fuzz_copy((const uint8_t *)text.buf, text.len);
	struct ext_result r = {0};
	/* The reference time and a stated date from the input's first
	 * bytes, so both paths of the date choice are reached. */
	struct ext_when when = {.now = 1700000000};
	if (size >= 4 && data[0] == 'S')
		when.stated = 19000101 + (data[1] % 100) * 10000 +
			      (data[2] % 12) * 100 + data[3] % 28;
	/* Two calls: the second reuses the buffers of the first. */
	for (int i = 0; i < 2; i++) {
		if (ext_extract(g, exact, text.len, &when, &r))
			abort();
		if (!r.title)
			abort();
		for (size_t j = 0; j < r.nofficials; j++)
			if (!r.officials[j].name || !r.officials[j].key ||
			    !r.officials[j].how ||
			    r.officials[j].why.off + r.officials[j].why.len >
			    text.len)
				abort();
		for (size_t j = 0; j < r.npeople; j++)
			if (!r.people[j].name || !r.people[j].key ||
			    r.people[j].at.off + r.people[j].at.len > text.len)
				abort();
		if (r.year_why.off + r.year_why.len > text.len ||
		    (r.date && !r.date_from))
			abort();
		if (r.date && !nfs_date_valid(r.date))
			abort();
	}
	ext_result_release(&r);
	free(exact);
	sbuf_release(&text);
	return 0;
}
