/* Fuzz target: newsfs index on a crafted index file (see fuzz_index.h):
 * open it for writing (checks, migration), then what a run does: add a
 * new article, one whose content is stored already (the seeds hold it),
 * one whose name is taken, record and forget sources, extract an
 * article again, collect garbage, commit and checkpoint. */
#include "fuzz_index.h"

static const char known[] = "Known article\n\nThe seeds of this target hold "
			    "exactly these bytes.\n";

static void article(struct idx_article_in *a, const char *body,
		    const char *title, int32_t date)
{
	static const char *const countries[] = {"Japan", "France"};
	static const struct idx_official_in officials[] = {
		{"Minoru Kihara", "minoru kihara"}, {"Kihara", "kihara"}};
	memset(a, 0, sizeof(*a));
	a->body = body;
	a->size = strlen(body);
	nfs_hash(body, a->size, a->hash);
	a->title = title;
	a->date = date;
	a->mtime = 1700000000;
	a->countries = countries;
	a->ncountries = 2;
	a->officials = officials;
	a->nofficials = 2;
	a->ext_version = 7;
}

static int first_article(void *ctx, const struct idx_attr *a, const char *name)
{
	(void)name;
	*(int64_t *)ctx = a->id;
	return 1;
}

static void run(struct idx *ix)
{
	int64_t run, id = 0, dropped, removed, first = 0;
	uint32_t version;
	struct idx_article_in a;
	struct idx_stamp stamp = {.size = 10, .mtime_ns = 1, .ino = 2};
	if (idx_begin(ix) || idx_run_begin(ix, &run))
		return;
	idx_has_sources(ix);
	article(&a, "Fuzz story\n\nA new article about Japan.\n", "Fuzz story",
		20240728);
	if (idx_article_add(ix, &a, &id, &version) == 0)
		idx_source_put(ix, "/fuzz/new.txt", &stamp, id, run, false);
	article(&a, known, "Known article", 0);
	if (idx_article_find(ix, a.hash, &id, &version) == 0 ||
	    idx_article_add(ix, &a, &id, &version) == -EEXIST)
		idx_source_put(ix, "/fuzz/known.txt", &stamp, id, run, true);
	article(&a, "Known article\n\nSame title, other bytes.\n",
		"Known article", 0);
	if (idx_article_add(ix, &a, &id, &version) == 0)
		idx_source_put(ix, "/fuzz/same-title.txt", &stamp, id, run, true);
	struct idx_source src;
	if (idx_source_get(ix, "/fuzz/new.txt", &src) == 0)
		idx_source_seen(ix, src.id, run);
	idx_view_list(ix, IDX_VIEW_ALL, 0, 0, first_article, &first);
	if (first) {
		article(&a, "Fuzz story\n\nA new article about Japan.\n",
			"Renamed", 20240101);
		idx_article_refresh(ix, first, &a, NULL);
	}
	const char *keep[] = {"/fuzz/kept"};
	idx_sources_drop_unseen(ix, "/", run, keep, 1, &dropped);
	idx_gc(ix, &removed);
	idx_generation_bump(ix);
	if (idx_commit(ix) != 0)
		idx_rollback(ix);
	idx_checkpoint(ix);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];
	struct idx *ix;
	fuzz_write(data, size);
	if (idx_open(&ix, fuzz_db, IDX_WRITE, err, sizeof(err)) != 0)
		return 0;
	run(ix);
	idx_close(ix);
	return 0;
}
