/* Fuzz target: the query/ and search/ term parser. Any bytes give a term
 * or -EINVAL with a reason; a text term's FTS5 expression must quote
 * every word (an even number of '"'), and date ranges must be in order. */
#include "fuzz.h"
#include "query.h"

#include <errno.h>

static void check_quotes(const char *e)
{
	size_t q = 0;
	for (; e && *e; e++)
		q += *e == '"';
	if (q % 2)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_copy(data, size);
	char err[256], fold[64];
	struct nq_term t;
	int rc = nq_parse_term(s, &t, err, sizeof(err));
	if (rc == 0) {
		check_quotes(t.fts);
		for (size_t i = 0; i < t.nranges; i++)
			if (t.ranges[i].lo > t.ranges[i].hi)
				abort();
		if (t.facet == NQ_TEXT ? !t.fts : t.nvalues == 0)
			abort();
		nq_term_free(&t);
	} else if (rc != -EINVAL || !err[0]) {
		abort();
	}
	struct sbuf e = {0};
	rc = nq_search_expr(s, &e, err, sizeof(err));
	if (rc == 0)
		check_quotes(e.buf);
	else if (rc != -EINVAL)
		abort();
	sbuf_release(&e);
	nq_fold(s, fold, sizeof(fold));
	if (strlen(fold) >= sizeof(fold))
		abort();
	free(s);
	return 0;
}
