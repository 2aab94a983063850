/* Fuzz target: the official extractor (title before or after a name)
 * and the merge key of every name it finds. */
#include "fuzz.h"
#include "extract/internal.h"
#include "util.h"

struct state {
	struct ext_view view;
	struct ext_toks toks;
	struct ext_cands cands;
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!utf8_valid((const char *)data, size))
		return 0;
	static struct state st;
	const struct ext_gaz *g = fuzz_gaz();
	char *s = fuzz_copy(data, size);
	if (ext_clean(&st.view, s, size) || ext_tokenize(g, &st.view, &st.toks))
		abort();
	st.cands.n = 0;
	if (ext_find_officials(g, &st.view, &st.toks, &st.cands))
		abort();
	for (size_t i = 0; i < st.cands.n; i++) {
		const struct ext_cand *c = &st.cands.v[i];
		if (c->name_off > st.view.len || c->name_len > st.view.len - c->name_off)
			abort();
		char key[256];
		size_t n = ext_official_key(key, sizeof(key),
					    st.view.text + c->name_off, c->name_len);
		if (n >= sizeof(key) || strlen(key) != n)
			abort();
	}
	/* The key of arbitrary bytes, too: it must never overrun. */
	char key[64];
	if (ext_official_key(key, sizeof(key), s, size) >= sizeof(key))
		abort();
	free(s);
	return 0;
}
