/* Unit tests for src/index: schema, writing, views, forgetting, reports. */
#include "check_index.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int64_t add(struct idx *ix, const char *body, const char *title,
		   int32_t date, const char *const *countries, size_t nc,
		   const char *path, int64_t run)
{
	struct idx_article_in a = {
		.body = body, .size = strlen(body), .title = title,
		.date = date, .mtime = 1000, .countries = countries,
		.ncountries = nc,
	};
	nfs_hash(body, a.size, a.hash);
	int64_t id = 0;
	uint32_t version;
	int rc = idx_article_add(ix, &a, &id, &version);
	if (rc && rc != -EEXIST)
		return -1;
	struct idx_stamp st = {.size = (int64_t)a.size, .mtime_ns = 5, .ino = 7};
	return idx_source_put(ix, path, &st, id, run, true) ? -1 : id;
}

static int ignore_change(void *ctx, enum idx_folder f, int64_t key,
			 const char *name)
{
	(void)ctx, (void)f, (void)key, (void)name;
	return 0;
}

struct names {
	char list[16][256];
	struct idx_attr attr[16];
	int n;
};

static int collect(void *ctx, const struct idx_attr *a, const char *name)
{
	struct names *ns = ctx;
	if (ns->n >= 16)
		return 1;
	ns->attr[ns->n] = *a;
	snprintf(ns->list[ns->n++], 256, "%s", name);
	return 0;
}

static int first_only(void *ctx, const struct idx_attr *a, const char *name)
{
	collect(ctx, a, name);
	return 1;
}

static void test_write_and_views(struct idx *ix)
{
	static const char *const jp[] = {"Japan"};
	static const char *const jk[] = {"Japan", "South Korea"};
	int64_t run;
	CHECK(idx_begin(ix) == 0 && idx_run_begin(ix, &run) == 0,
	      "a run starts a transaction");
	int64_t a = add(ix, "alpha text", "Alpha", 20240728, jp, 1, "/c/a.txt", run);
	int64_t b = add(ix, "beta text", "Alpha", 20240728, jk, 2, "/c/b.txt", run);
	int64_t c = add(ix, "gamma", "Gamma", 0, NULL, 0, "/c/sub/c.txt", run);
	int64_t d = add(ix, "alpha text", "ignored", 0, NULL, 0, "/c/dup.txt", run);
	CHECK(a > 0 && b > a && c > b, "articles get increasing ids");
	CHECK_INT(d, a, "identical content is stored once");
	CHECK(idx_commit(ix) == 0, "the batch commits");

	struct idx_attr at;
	CHECK(idx_view_lookup(ix, IDX_VIEW_ALL, 0, "2024-07-28 Alpha.txt", &at) == 0 &&
	      at.id == a, "the first article keeps the plain name");
	struct names ns = {0};
	idx_view_list(ix, IDX_VIEW_ALL, 0, 0, collect, &ns);
	CHECK_INT(ns.n, 3, "articles/ lists each article once");
	CHECK(strncmp(ns.list[1], "2024-07-28 Alpha [", 18) == 0,
	      "a name collision gets a hash tag (%s)", ns.list[1]);
	CHECK_STR(ns.list[2], "Gamma.txt", "an undated name has no date");

	int64_t japan, korea;
	CHECK(idx_facet_find(ix, IDX_COUNTRY, "Japan", &japan) == 0 &&
	      idx_facet_find(ix, IDX_COUNTRY, "South Korea", &korea) == 0,
	      "countries are folders");
	memset(&ns, 0, sizeof(ns));
	idx_view_list(ix, IDX_VIEW_COUNTRY, japan, 0, collect, &ns);
	CHECK_INT(ns.n, 2, "by-country/Japan lists both Japan articles");
	memset(&ns, 0, sizeof(ns));
	idx_view_list(ix, IDX_VIEW_COUNTRY, japan, a, collect, &ns);
	CHECK_INT(ns.n, 1, "listing resumes after a given id (keyset)");
	memset(&ns, 0, sizeof(ns));
	idx_view_list(ix, IDX_VIEW_ALL, 0, 0, first_only, &ns);
	CHECK_INT(ns.n, 1, "a callback can stop a listing");
	CHECK(idx_view_lookup(ix, IDX_VIEW_COUNTRY, korea, "2024-07-28 Alpha.txt",
			      &at) == -ENOENT,
	      "a view only finds its own articles");
	CHECK(idx_article_attr(ix, b, &at) == 0 && at.nlink == 4,
	      "nlink counts articles/, by-date and two countries");
	int32_t day;
	CHECK(idx_day_next(ix, 0, &day) == 0 && day == 20240728,
	      "the calendar knows the day");
	CHECK(idx_day_next(ix, 20240729, &day) == -ENOENT,
	      "and no later one");
	memset(&ns, 0, sizeof(ns));
	idx_view_list(ix, IDX_VIEW_UNDATED, 0, 0, collect, &ns);
	CHECK_INT(ns.n, 1, "undated/ lists the undated article");

	char buf[16];
	size_t got;
	CHECK(idx_article_read(ix, a, buf, 5, 6, &got) == 0 && got == 4 &&
	      memcmp(buf, "text", 4) == 0, "reads honour offset and length");
	CHECK(idx_article_read(ix, a, buf, 5, 100, &got) == 0 && got == 0,
	      "a read past the end returns nothing");
	struct sbuf sb = {0};
	idx_article_sources(ix, a, '\n', &sb);
	CHECK_STR(sb.buf, "/c/a.txt\n/c/dup.txt", "both sources are recorded");
	sbuf_reset(&sb);
	idx_article_facets(ix, b, IDX_COUNTRY, '|', &sb);
	CHECK_STR(sb.buf, "Japan|South Korea", "facets are joined in order");
	sbuf_release(&sb);
}

/* The journal rows that name an entry that went, by folder. */
struct gone {
	int named[IDX_F_ARTICLE + 1];
	int64_t day_key;
	char country[64];
};

static int collect_gone(void *ctx, enum idx_folder f, int64_t key,
			const char *name)
{
	struct gone *g = ctx;
	if (!name[0] || f < 0 || f > IDX_F_ARTICLE)
		return 0;
	g->named[f]++;
	if (f == IDX_F_DAY)
		g->day_key = key;
	if (f == IDX_F_BY_COUNTRY)
		snprintf(g->country, sizeof(g->country), "%s", name);
	return 0;
}

static void test_forget(struct idx *ix)
{
	int64_t run, dropped, removed, last = 0;
	struct gone g = {0};
	idx_changes(ix, 0, &last, ignore_change, NULL);
	idx_begin(ix);
	idx_run_begin(ix, &run);
	struct idx_source src;
	/* This run sees only /c/a.txt and /c/sub/c.txt. */
	idx_source_get(ix, "/c/a.txt", &src);
	idx_source_seen(ix, src.id, run);
	idx_source_get(ix, "/c/sub/c.txt", &src);
	idx_source_seen(ix, src.id, run);
	const char *keep[] = {"/c/dup.txt"};
	CHECK(idx_sources_drop_unseen(ix, "/c", run, keep, 1, &dropped) == 0 &&
	      dropped == 1, "unseen sources are dropped, kept ones are not");
	CHECK(idx_gc(ix, &removed) == 0 && removed == 1,
	      "the article without sources is removed");
	idx_generation_bump(ix);
	idx_commit(ix);
	/* The removed article was dated 2024-07-28 and named Japan and
	 * South Korea; only South Korea's folder goes with it. */
	idx_changes(ix, last, &last, collect_gone, &g);
	CHECK(g.named[IDX_F_ALL] == 1 && g.named[IDX_F_DAY] == 1 &&
	      g.day_key == 20240728 && g.named[IDX_F_COUNTRY] == 2 &&
	      g.named[IDX_F_BY_COUNTRY] == 1 &&
	      strcmp(g.country, "South Korea") == 0 &&
	      g.named[IDX_F_UNDATED] == 0 && g.named[IDX_F_BY_DATE] == 0,
	      "the journal names each folder the removed article left");
	int64_t id;
	CHECK(idx_facet_find(ix, IDX_COUNTRY, "South Korea", &id) == -ENOENT,
	      "a country no article mentions any more disappears");
	CHECK(idx_facet_find(ix, IDX_COUNTRY, "Japan", &id) == 0,
	      "a country still in use stays");
	struct idx_stats s;
	idx_stats(ix, &s);
	CHECK(s.articles == 2 && s.sources == 3 && s.generation == 1,
	      "stats count what is left");
	int64_t checked, problems;
	CHECK(idx_check(ix, NULL, NULL, &checked, &problems) == 0 &&
	      checked == 2 && problems == 0, "check finds nothing wrong");
}

static void test_refresh(struct idx *ix)
{
	static const char *const de[] = {"Germany"};
	struct idx_attr at;
	CHECK(idx_view_lookup(ix, IDX_VIEW_UNDATED, 0, "Gamma.txt", &at) == 0,
	      "the undated article is there to refresh");
	struct idx_article_in a = {
		.body = "gamma", .size = 5, .title = "Gamma Renamed",
		.date = 20200101, .mtime = 7, .countries = de, .ncountries = 1,
		.ext_version = 9,
	};
	nfs_hash("gamma", 5, a.hash);
	int64_t removed, id;
	uint32_t version;
	CHECK(idx_begin(ix) == 0 && idx_article_refresh(ix, at.id, &a, NULL) == 0 &&
	      idx_gc(ix, &removed) == 0 && idx_commit(ix) == 0,
	      "an article is extracted again in place");
	CHECK(idx_view_lookup(ix, IDX_VIEW_ALL, 0, "2020-01-01 Gamma Renamed.txt",
			      &at) == 0 && at.date == 20200101 && at.nlink == 3,
	      "it takes its new name, date and links");
	CHECK(idx_facet_find(ix, IDX_COUNTRY, "Germany", &id) == 0,
	      "its new country is a folder");
	CHECK(idx_article_find(ix, a.hash, &id, &version) == 0 && version == 9,
	      "the extractor version is recorded");
	int64_t holder = 0;
	version = 0;
	CHECK(idx_article_add(ix, &a, &holder, &version) == -EEXIST &&
	      holder == id && version == 9,
	      "adding stored content names its article and extractor version");
	CHECK(idx_view_lookup(ix, IDX_VIEW_UNDATED, 0, "Gamma.txt", &at) ==
	      -ENOENT, "the old name is gone");

	/* Another article extracted again into the same name and date. */
	int64_t gamma = id;
	CHECK(idx_view_lookup(ix, IDX_VIEW_ALL, 0, "2024-07-28 Alpha.txt",
			      &at) == 0, "the first article is there to refresh");
	a.body = "alpha text";
	a.size = 10;
	nfs_hash("alpha text", 10, a.hash);
	CHECK(idx_begin(ix) == 0 && idx_article_refresh(ix, at.id, &a, NULL) == 0 &&
	      idx_gc(ix, &removed) == 0 && idx_commit(ix) == 0,
	      "a refresh into a taken name succeeds");
	struct idx_attr mine;
	CHECK(idx_view_lookup(ix, IDX_VIEW_ALL, 0, "2020-01-01 Gamma Renamed.txt",
			      &mine) == 0 && mine.id == gamma,
	      "the name stays with the article that had it");
	struct names ns = {0};
	idx_view_list(ix, IDX_VIEW_DAY, 20200101, 0, collect, &ns);
	/* In id order: the refreshed article is the older one. */
	CHECK(ns.n == 2 && strncmp(ns.list[0], "2020-01-01 Gamma Renamed [",
				   26) == 0,
	      "the refreshed article gets a hash tag (%s)", ns.list[0]);
}

static void test_reader(const char *path)
{
	char err[512];
	struct idx *ix;
	CHECK(idx_open(&ix, path, IDX_READ, err, sizeof(err)) == 0,
	      "a reader opens the index");
	struct idx_gen g;
	idx_generation(ix, &g);
	CHECK(g.generation == 1 && g.epoch > 0, "the reader sees the generation");
	idx_close(ix);
	CHECK(idx_open(&ix, "/nonexistent/x.db", IDX_READ, err, sizeof(err)) ==
	      -ENOENT && strstr(err, "no index here"),
	      "a missing index is a clear error");
}

/* A search expression FTS5 cannot parse is the user's error, said as
 * such; a good one answers. */
static void test_search_syntax(struct idx *ix)
{
	struct sbuf ids = {0};
	CHECK_INT(idx_text_ids(ix, "\"open", &ids), -EINVAL,
		  "an unbalanced quote in a search is EINVAL");
	CHECK(strstr(idx_errmsg(ix), "cannot search") != NULL,
	      "and says it cannot search (%s)", idx_errmsg(ix));
	CHECK(idx_text_ids(ix, "alpha", &ids) == 0 && ids.len > 0,
	      "a word found gives its articles");
	sbuf_release(&ids);
}

int main(void)
{
	char path[] = "/tmp/newsfs-test-index-XXXXXX";
	if (check_temp_path(path))
		return 1;
	struct idx *ix = check_new_index(path);
	if (!ix)
		return check_done();
	test_write_and_views(ix);
	test_search_syntax(ix);
	test_forget(ix);
	test_refresh(ix);
	idx_close(ix);
	test_reader(path);
	check_unlink_db(path);
	return check_done();
}
