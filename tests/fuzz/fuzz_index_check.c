/* Fuzz target: newsfs check, stats and export on a crafted index file
 * (see fuzz_index.h). */
#include "fuzz_index.h"

static void on_problem(void *ctx, const char *what)
{
	(*(size_t *)ctx) += strlen(what);
}

static int on_row(void *ctx, const struct idx_export_row *r)
{
	size_t *n = ctx;
	*n += strlen(r->path) + strlen(r->countries) + strlen(r->officials);
	for (int i = 0; i < NFS_HASH_LEN; i++)
		*n += r->hash[i];
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];
	struct idx *ix;
	fuzz_write(data, size);
	if (idx_open(&ix, fuzz_db, IDX_READ, err, sizeof(err)) != 0)
		return 0;
	size_t n = 0;
	int64_t checked, problems;
	idx_check(ix, on_problem, &n, &checked, &problems);
	idx_export(ix, on_row, &n);
	struct idx_stats st;
	idx_stats(ix, &st);
	idx_close(ix);
	return 0;
}
