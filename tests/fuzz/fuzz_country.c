/* Fuzz target: the country matcher (clean, tokenize, dateline, mentions,
 * counting) without the rest of extraction. */
#include "fuzz.h"
#include "extract/internal.h"
#include "util.h"

struct state {
	struct ext_view view;
	struct ext_toks toks;
	struct ext_mentions ments;
	struct ext_cscratch scratch;
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!utf8_valid((const char *)data, size))
		return 0;	/* the indexer only passes UTF-8 */
	static struct state st;	/* reused, as the indexer reuses it */
	const struct ext_gaz *g = fuzz_gaz();
	char *s = fuzz_copy(data, size);
	struct ext_dateline dl;
	if (ext_clean(&st.view, s, size) || ext_tokenize(g, &st.view, &st.toks))
		abort();
	ext_find_dateline(&st.view, 1700000000, &dl);
	st.ments.n = 0;
	if (ext_find_mentions(g, &st.view, &st.toks, &dl, &st.ments))
		abort();
	struct ext_counted *out = calloc(st.ments.n + 1, sizeof(*out));
	size_t n = 0;
	if (!out || ext_count_countries(g, &st.ments, &st.scratch, out, &n))
		abort();
	for (size_t i = 0; i < n; i++) {
		if (out[i].country >= g->ncountries || out[i].mention >= st.ments.n)
			abort();
		struct ext_span sp = ext_view_span(&st.view, st.ments.v[out[i].mention].off,
						   st.ments.v[out[i].mention].len);
		if (sp.off > size || sp.len > size - sp.off)
			abort();
	}
	free(out);
	free(s);
	return 0;
}
