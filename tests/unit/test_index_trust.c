/* Unit tests for src/index as a trust boundary: the sources of an
 * article in a byte budget, names that planted articles cannot block,
 * listings of a damaged index. */
#include "check_index.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

static int64_t add(struct idx *ix, const char *body, const char *title,
		   const char *path, int64_t run)
{
	struct idx_article_in a = {
		.body = body, .size = strlen(body), .title = title,
		.mtime = 1000,
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

static void test_sources_budget(struct idx *ix, int64_t run, const char *db)
{
	int64_t id = 0;
	char path[64];

	for (int i = 0; i < 30; i++) {
		snprintf(path, sizeof(path), "/src/copy-%02d.txt", i);
		id = add(ix, "one body", "One", path, run);
	}
	CHECK(id > 0, "thirty sources of one article");
	struct sbuf sb = {0};
	CHECK(idx_article_sources_max(ix, id, '\n', 65536, &sb) == 0 &&
	      sb.len == 30 * 17 - 1 && !strstr(sb.buf, "more"),
	      "sources that fit are all listed, with no note");
	sbuf_reset(&sb);
	int rc = idx_article_sources_max(ix, id, '\n', 250 + strlen(db), &sb);
	CHECK(rc == 0 && sb.len <= 250 + strlen(db) && sb.len > 200,
	      "a small budget is kept (%zu bytes)", sb.len);
	CHECK(sb.buf && strncmp(sb.buf, "/src/copy-00.txt\n", 17) == 0 &&
	      strstr(sb.buf, "\n... and ") &&
	      strstr(sb.buf, " more; all of them: newsfs export --db '"),
	      "the first paths, then how many more and how to list them");
	int listed = 0;
	for (char *p = sb.buf; p && (p = strstr(p, "/src/copy-")); p++)
		listed++;
	char want[32];
	snprintf(want, sizeof(want), "... and %d more;", 30 - listed);
	CHECK(strstr(sb.buf, want) != NULL, "the count left out is right (%s)",
	      want);
	sbuf_reset(&sb);
	CHECK(idx_article_sources_max(ix, id, '\n', 150, &sb) == 0 &&
	      strncmp(sb.buf, "... and 30 more;", 16) == 0,
	      "a budget too small for any path still says how to list them");
	sbuf_release(&sb);
}

static void test_planted_names(struct idx *ix, int64_t run)
{
	const char *body = "the victim's bytes";
	uint8_t h[NFS_HASH_LEN];
	char hex[2 * NFS_HASH_LEN + 1], title[80], path[64], planted[80];
	nfs_hash(body, strlen(body), h);
	nfs_hash_hex(h, hex);
	int n = 0;
	const char *tags[] = {NULL, "%.8s", "%.16s", "%.32s"};
	for (int i = 0; i < 4; i++) {
		if (tags[i]) {
			char t[40];
			snprintf(t, sizeof(t), tags[i], hex);
			snprintf(title, sizeof(title), "Hello [%s]", t);
		} else {
			snprintf(title, sizeof(title), "Hello");
		}
		snprintf(planted, sizeof(planted), "planted %d", n);
		snprintf(path, sizeof(path), "/planted/%d", n++);
		add(ix, planted, title, path, run);
	}
	for (int k = 2; k < 200; k++) {
		snprintf(title, sizeof(title), "Hello [%.16s-%d]", hex, k);
		snprintf(planted, sizeof(planted), "planted %d", n);
		snprintf(path, sizeof(path), "/planted/%d", n++);
		add(ix, planted, title, path, run);
	}
	int64_t id = add(ix, body, "Hello", "/victim", run);
	struct idx_attr a;
	char name[80];
	snprintf(name, sizeof(name), "Hello [%.16s-200].txt", hex);
	CHECK(id > 0 && idx_view_lookup(ix, IDX_VIEW_ALL, 0, name, &a) == 0 &&
	      a.id == id, "202 planted names: the article is %s", name);
	CHECK(idx_view_lookup(ix, IDX_VIEW_ALL, 0, "Hello.txt", &a) == 0 &&
	      a.id != id, "the first article keeps the plain name");
}

static int count(void *ctx, const struct idx_attr *a, const char *name)
{
	(void)a;
	(void)name;
	(*(int *)ctx)++;
	return 0;
}

/* Damage rows behind the index's back, as a crafted file would. */
static void test_damaged_rows(const char *path)
{
	sqlite3 *db;
	CHECK(sqlite3_open(path, &db) == SQLITE_OK &&
	      sqlite3_exec(db, "UPDATE article SET name = 'a/b.txt' WHERE id ="
			   " (SELECT id FROM article ORDER BY id LIMIT 1);"
			   "UPDATE article SET name = '..' WHERE id ="
			   " (SELECT id FROM article ORDER BY id LIMIT 1 OFFSET 1);"
			   "UPDATE article SET name = '' WHERE id ="
			   " (SELECT id FROM article ORDER BY id LIMIT 1 OFFSET 2);",
			   NULL, NULL, NULL) == SQLITE_OK,
	      "three names damaged");
	sqlite3_close(db);
	char err[512];
	struct idx *ix;
	int n = 0, all = 0;
	CHECK(idx_open(&ix, path, IDX_READ, err, sizeof(err)) == 0 &&
	      idx_view_list(ix, IDX_VIEW_ALL, 0, 0, count, &n) == 0,
	      "a listing of a damaged index succeeds");
	sqlite3_open(path, &db);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(db, "SELECT count(*) FROM article", -1, &st, NULL);
	if (sqlite3_step(st) == SQLITE_ROW)
		all = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	CHECK(n == all - 3, "it leaves out the names no folder can show (%d of %d)",
	      n, all);
	idx_close(ix);
}

int main(void)
{
	char path[] = "/tmp/newsfs-test-trust-XXXXXX";
	if (check_temp_path(path))
		return 1;
	struct idx *ix = check_new_index(path);
	if (!ix)
		return check_done();
	int64_t run;
	CHECK(idx_begin(ix) == 0 && idx_run_begin(ix, &run) == 0, "a run");
	test_sources_budget(ix, run, path);
	test_planted_names(ix, run);
	CHECK(idx_commit(ix) == 0, "the run commits");
	idx_close(ix);
	test_damaged_rows(path);
	if (getenv("KEEP"))
		return check_done();
	check_unlink_db(path);
	return check_done();
}
