/*
 * The content leaf model (src/index/pack.c) against SQLite itself: after
 * every insert, the bytes the model says are left in the rightmost leaf
 * of the content table must be the bytes dbstat finds unused there. One
 * byte off and the writer's choices of what to store next stop filling
 * pages, while every functional test still passes.
 */
#include "check_index.h"
#include "index/internal.h"
#include "pack.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ARTICLES 500
#define AHEAD 16

/* Sizes from 300 bytes to 22 KB (some longer than a page), the same in
 * every run. */
static size_t size_of(unsigned i)
{
	uint32_t x = i * 2654435761u + 12345u;
	x ^= x >> 13;
	x *= 0x5bd1e995u;
	x ^= x >> 15;
	return 300 + x % 22000;
}

static int add_sized(struct idx *ix, char *buf, unsigned n, size_t len)
{
	memset(buf, 'a' + n % 26, len);
	snprintf(buf, len, "article %u", n);
	char title[32];
	snprintf(title, sizeof(title), "Article %u", n);
	struct idx_article_in a = {
		.body = buf, .size = len, .title = title, .mtime = 1000,
	};
	nfs_hash(buf, len, a.hash);
	int64_t id;
	uint32_t version;
	return idx_article_add(ix, &a, &id, &version);
}

/* The unused bytes of the content table's rightmost leaf, and of all its
 * leaves, as SQLite counts them; -1 when the query fails. */
static int64_t leaf_unused(struct idx *ix, int64_t *all, int64_t *pages)
{
	sqlite3_stmt *st;
	int64_t last = -1;
	if (sqlite3_prepare_v2(ix->db,
			       "SELECT unused, sum(unused) OVER (),"
			       " count(*) OVER () FROM dbstat"
			       " WHERE name = 'content' AND pagetype = 'leaf'"
			       " ORDER BY path DESC LIMIT 1",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		last = sqlite3_column_int64(st, 0);
		*all = sqlite3_column_int64(st, 1);
		*pages = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	return last;
}

/* The next article to store, the way the writer picks it: of the next
 * AHEAD, the largest that fits, else the oldest; or simply the oldest. */
static unsigned pick(struct idx *ix, const unsigned *ahead, unsigned n,
		     bool packed)
{
	unsigned best = 0;
	size_t best_fit = 0;
	for (unsigned j = 0; packed && j < n; j++) {
		size_t fit = idx_pack_fit(ix, size_of(ahead[j]));
		if (fit > best_fit) {
			best = j;
			best_fit = fit;
		}
	}
	return best;
}

/* Store every article into a new index at path, comparing the model with
 * SQLite after each; the unused bytes of all content leaves, or -1. */
static int64_t store_all(const char *path, bool packed)
{
	struct idx *ix = check_new_index(path);
	char *buf = malloc(32768);
	unsigned ahead[AHEAD], nahead = 0, next = 0, wrong = 0, failed = 0;
	int64_t all = -1, pages = 0;
	CHECK(buf && ix && idx_begin(ix) == 0 && idx_pack_fit(ix, 1000) > 0,
	      "an empty index knows what fits");
	for (unsigned done = 0; buf && ix && done < ARTICLES; done++) {
		while (nahead < AHEAD && next < ARTICLES)
			ahead[nahead++] = next++;
		unsigned j = pick(ix, ahead, nahead, packed);
		unsigned n = ahead[j];
		memmove(&ahead[j], &ahead[j + 1],
			(nahead - j - 1) * sizeof(*ahead));
		nahead--;
		failed += add_sized(ix, buf, n, size_of(n)) != 0;
		/* Stored content again: no row, the leaf is as it was. */
		if (n % 50 == 0)
			failed += add_sized(ix, buf, n, size_of(n)) != -EEXIST;
		int64_t unused = leaf_unused(ix, &all, &pages);
		if (unused != (int64_t)ix->pack.room && wrong++ < 3)
			fprintf(stderr, "after article %u (%zu bytes): model "
				"%zu, SQLite %lld\n", n, size_of(n),
				ix->pack.room, (long long)unused);
	}
	CHECK(failed == 0, "%u articles stored %s", ARTICLES,
	      packed ? "to fill pages" : "in order");
	CHECK(wrong == 0, "the model counts the bytes SQLite leaves after "
	      "each insert (%u wrong)", wrong);
	if (ix)
		CHECK(idx_rollback(ix) == 0 && idx_pack_fit(ix, 1000) == 0,
		      "after a rollback nothing is known to fit");
	idx_close(ix);
	free(buf);
	check_unlink_db(path);
	return all;
}

static void test_only_from_empty(const char *path)
{
	char err[512];
	struct idx *ix = check_new_index(path);
	char *buf = malloc(4096);
	CHECK(buf && ix && idx_begin(ix) == 0 && add_sized(ix, buf, 1, 4000) == 0 &&
	      idx_commit(ix) == 0, "an article is stored");
	idx_close(ix);
	ix = NULL;
	CHECK(idx_open(&ix, path, IDX_WRITE, err, sizeof(err)) == 0 &&
	      idx_pack_fit(ix, 100) == 0,
	      "an index with content does not guess what fits");
	idx_close(ix);
	free(buf);
}

int main(void)
{
	char path[] = "/tmp/newsfs-pack-XXXXXX";
	if (check_temp_path(path))
		return 1;
	int64_t in_order = store_all(path, false);
	int64_t packed = store_all(path, true);
	CHECK(packed >= 0 && packed * 2 < in_order,
	      "stored to fill pages, content leaves leave less than half "
	      "the bytes unused (%lld against %lld)", (long long)packed,
	      (long long)in_order);
	test_only_from_empty(path);
	check_unlink_db(path);
	return check_done();
}
