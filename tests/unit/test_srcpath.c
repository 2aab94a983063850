/*
 * Source paths as stored (src/index/srcpath.c): one rule, a table of
 * what it gives, and every place that applies it held to that table:
 * the C function that binds paths, the SQL function src_key() and the
 * statement that rewrites container rows with it, the SQL that gives
 * paths back whole (SRC_PATH), and the conversion of a schema 11 index.
 * A change to any one of them alone fails here.
 */
#include "check_index.h"
#include "index/internal.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NBASES (sizeof(bases) / sizeof(bases[0]))
#define NPATHS (sizeof(paths) / sizeof(paths[0]))

/* Base folders as source_base may hold them: none (NULL), ones that
 * are not a base ("", "/"), a trailing slash, "./" in it, UTF-8, and
 * bytes that are not UTF-8 (a lead byte without its continuation). */
static const char *const bases[] = {
	NULL, "", "/", "/a/b", "/a/b/", "/a/./b", "/données/été", "/a\xc3",
};

/* Paths below, at, beside and above each base, and sharing its first
 * characters; a container's record ("#"), "./" and "//" in a path. */
static const char *const paths[] = {
	"/a/b", "/a/b/", "/a/b/c", "/a/b/c/", "/a/b/c.txt#3", "/a/b#1",
	"/a/bc", "/a/bc/d", "/a/b0", "/a/b.", "/a", "/a/", "/", "/x/a/b/c",
	"/a/b//c", "//a", "/a/b/./c", "/a/./b", "/a/./b/c", "/a/./bc",
	"/données/été", "/données/été/", "/données/été/x.txt",
	"/données/étéx/y", "/données/ét/é", "/a\xc3/x", "/a\xc3\xa9/x",
	"/a\xc3", "/a/b/é/ü.txt",
};

/* The rule written out: (base, path) -> stored form. */
static const struct {
	const char *base, *path, *want;
} rule[] = {
	{"/a/b", "/a/b/c", "./c"},
	{"/a/b", "/a/b/", "./"},
	{"/a/b", "/a/b", "/a/b"},
	{"/a/b", "/a/bc", "/a/bc"},
	{"/a/b", "/a/bc/d", "/a/bc/d"},
	{"/a/b", "/a/b#1", "/a/b#1"},
	{"/a/b", "/a/b/c.txt#3", "./c.txt#3"},
	{"/a/b", "/a/b/./c", "././c"},
	{"/a/b", "/a/b//c", ".//c"},
	{"/a/b", "/a", "/a"},
	{"/a/b", "/x/a/b/c", "/x/a/b/c"},
	{"/a/b", "./c", "./c"},
	{"/a/b", "", ""},
	{"/a/b/", "/a/b/c", "/a/b/c"},
	{"/a/b/", "/a/b//c", "./c"},
	{"/a/./b", "/a/./b/c", "./c"},
	{"/a/./b", "/a/b/c", "/a/b/c"},
	{"", "/a/b/c", "/a/b/c"},
	{"/", "/a", "/a"},
	{NULL, "/a/b/c", "/a/b/c"},
	{"/données/été", "/données/été/x.txt", "./x.txt"},
	{"/données/été", "/données/étéx/y", "/données/étéx/y"},
	{"/a\xc3", "/a\xc3/x", "./x"},
	{"/a\xc3", "/a\xc3\xa9/x", "/a\xc3\xa9/x"},
};

/* s for a result line: bytes outside ASCII as \xHH, so that the test's
 * output stays text. */
static const char *shown(const char *s, char *buf, size_t size)
{
	size_t o = 0;
	for (; s && *s && o + 5 < size; s++)
		o += (unsigned char)*s < 0x80
		     ? (size_t)snprintf(buf + o, size - o, "%c", *s)
		     : (size_t)snprintf(buf + o, size - o, "\\x%02x",
					(unsigned char)*s);
	snprintf(buf + o, size - o, "%s", s ? "" : "(none)");
	return buf;
}

static int set_base(struct idx *ix, const char *base)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_exec(ix->db, "DELETE FROM source_base", NULL, NULL,
			      NULL);
	if (rc == SQLITE_OK && base) {
		rc = sqlite3_prepare_v2(ix->db, "INSERT INTO source_base(id, "
					"path) VALUES (1, ?1)", -1, &st, NULL);
		if (rc == SQLITE_OK) {
			sqlite3_bind_text(st, 1, base, -1, SQLITE_STATIC);
			rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK
							      : SQLITE_ERROR;
		}
		sqlite3_finalize(st);
	}
	idx_src_forget_base(ix);
	return rc;
}

/* The C side: path's stored form, in buf. */
static const char *c_key(struct idx *ix, const char *path, char *buf,
			 size_t size)
{
	const char *k;
	size_t n;
	if (idx_src_key(ix, 0, path, strlen(path), &k, &n) || n >= size)
		return NULL;
	memcpy(buf, k, n);
	buf[n] = '\0';
	return buf;
}

/* The first column of the first row of sql with ?1 = a (may be NULL),
 * in buf ("" when there is no row or it is NULL). */
static const char *sql_text(sqlite3 *db, const char *sql, const char *a,
			    char *buf, size_t size)
{
	sqlite3_stmt *st;
	buf[0] = '\0';
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	if (a)
		sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	const char *ret = buf;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(buf, size, "%s", sqlite3_column_text(st, 0));
	else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		ret = NULL;
	sqlite3_finalize(st);
	return ret;
}

static int exec1(sqlite3 *db, const char *sql, const char *a)
{
	char buf[8];
	return sql_text(db, sql, a, buf, sizeof(buf)) ? 0 : -1;
}

static void test_rule(struct idx *ix)
{
	int bad = 0;
	for (size_t i = 0; i < sizeof(rule) / sizeof(rule[0]); i++) {
		char c[512], s[512];
		if (set_base(ix, rule[i].base) != SQLITE_OK) {
			bad++;
			continue;
		}
		const char *got = c_key(ix, rule[i].path, c, sizeof(c));
		const char *sq = sql_text(ix->db, "SELECT src_key(?1, (SELECT "
					  "path FROM source_base))",
					  rule[i].path, s, sizeof(s));
		if (!got || strcmp(got, rule[i].want) ||
		    !sq || strcmp(sq, rule[i].want)) {
			printf("#   base '%s' path '%s': C '%s', SQL '%s', "
			       "want '%s'\n", rule[i].base ? rule[i].base
							  : "(none)",
			       rule[i].path, got ? got : "(error)",
			       sq ? sq : "(error)", rule[i].want);
			bad++;
		}
	}
	CHECK_INT(bad, 0, "the C function and src_key() store paths as the "
		  "rule's table says");
}

/* One container at path and one record of it stored as rec; whether
 * the statement that marks containers of changed articles marks it. */
static int marks(struct idx *ix, const char *path, const char *rec)
{
	char got[32];
	struct idx_container c = {.ext_version = 1};
	if (exec1(ix->db, "DELETE FROM source", NULL) ||
	    exec1(ix->db, "DELETE FROM container", NULL) ||
	    idx_container_put(ix, path, &c, 1) ||
	    exec1(ix->db, "INSERT INTO source(path, article_id, size, "
		  "mtime_ns, ino, run) SELECT ?1 || '#1', id, 0, 0, 0, 1 "
		  "FROM article", rec))
		return -1;
	sqlite3_stmt *st = idx_stmt(ix, ST_FIX_MARK_CONTAINERS);
	if (!st || idx_step_done(ix, st, "mark"))
		return -1;
	if (!sql_text(ix->db, "SELECT ext_version FROM container", NULL, got,
		      sizeof(got)))
		return -1;
	return strcmp(got, "0") == 0;
}

/* Every base against every path: src_key() in SQL, the container
 * statement (it finds the records stored by the C rule, not those in
 * the other form) and SRC_PATH (the stored form back whole). */
static void test_sides(struct idx *ix)
{
	int64_t run, id = 0;
	uint32_t version;
	struct idx_article_in a = {.body = "text", .size = 4, .title = "T"};
	nfs_hash(a.body, a.size, a.hash);
	CHECK(idx_begin(ix) == 0 && idx_run_begin(ix, &run) == 0 &&
	      idx_article_add(ix, &a, &id, &version) == 0 &&
	      idx_commit(ix) == 0 &&
	      exec1(ix->db, "UPDATE article SET ext_version = 0", NULL) == 0,
	      "an article whose containers a correction marks");
	for (size_t b = 0; b < NBASES; b++) {
		int sql_bad = 0, mark_bad = 0, back_bad = 0;
		if (set_base(ix, bases[b]) != SQLITE_OK) {
			CHECK(0, "base %zu set", b);
			continue;
		}
		for (size_t p = 0; p < NPATHS; p++) {
			char c[512], s[512], other[512], back[512], want[512];
			const char *path = paths[p];
			const char *k = c_key(ix, path, c, sizeof(c));
			const char *sq = sql_text(ix->db, "SELECT src_key(?1, "
						  "(SELECT path FROM source_base"
						  " WHERE id = 1))", path, s,
						  sizeof(s));
			if (!k || !sq || strcmp(k, sq)) {
				printf("#   '%s': C '%s', src_key() '%s'\n",
				       path, k ? k : "(error)",
				       sq ? sq : "(error)");
				sql_bad++;
				continue;
			}
			/* The other form: whole where the rule stores it
			 * short, short where it does not. */
			if (strcmp(k, path))
				snprintf(other, sizeof(other), "%s", path);
			else
				snprintf(other, sizeof(other), ".%s", path);
			int yes = marks(ix, path, k), no = marks(ix, path, other);
			if (yes != 1 || no != 0) {
				printf("#   '%s': records '%s#1' mark %d, "
				       "'%s#1' mark %d\n", path, k, yes, other,
				       no);
				mark_bad++;
			}
			exec1(ix->db, "UPDATE source SET path = ?1 || '#1'", k);
			snprintf(want, sizeof(want), "%s#1", path);
			sqlite3_stmt *st = idx_stmt(ix, ST_ARTICLE_SOURCES);
			back[0] = '\0';
			if (st) {
				sqlite3_bind_int64(st, 1, id);
				if (sqlite3_step(st) == SQLITE_ROW)
					snprintf(back, sizeof(back), "%s",
						 sqlite3_column_text(st, 0));
				idx_stmt_done(st);
			}
			if (strcmp(back, want)) {
				printf("#   '%s' stored as '%s' back as '%s'\n",
				       want, k, back);
				back_bad++;
			}
		}
		char bn[128];
		shown(bases[b], bn, sizeof(bn));
		CHECK_INT(sql_bad, 0, "base '%s': src_key() gives what C binds "
			  "for %zu paths", bn, NPATHS);
		CHECK_INT(mark_bad, 0, "base '%s': a container's records are "
			  "found in the form C stores, not the other", bn);
		CHECK_INT(back_bad, 0, "base '%s': SRC_PATH gives every stored "
			  "path back whole", bn);
	}
}

/* An index of schema 11 (whole paths) with one root folder, converted
 * by this build's migrations: its paths as the rule stores them. */
static void test_migration(struct idx *ix)
{
	for (size_t b = 0; b < NBASES; b++) {
		sqlite3 *db;
		int bad = 0, rc = sqlite3_open(":memory:", &db);
		for (int v = 0; rc == SQLITE_OK && v < 11; v++)
			rc = sqlite3_exec(db, idx_migration(v), NULL, NULL, NULL);
		if (rc == SQLITE_OK && bases[b])
			rc = exec1(db, "INSERT INTO root(path, added) "
				   "VALUES (?1, 1)", bases[b]) ? SQLITE_ERROR
							   : SQLITE_OK;
		/* Row p + 1 holds paths[p]. */
		for (size_t p = 0; rc == SQLITE_OK && p < NPATHS; p++)
			if (exec1(db, "INSERT INTO source(path, article_id, "
				  "size, mtime_ns, ino, run) VALUES (?1, 1, 0,"
				  " 0, 0, 1)", paths[p]))
				rc = SQLITE_ERROR;
		for (int v = 11; rc == SQLITE_OK && v < IDX_SCHEMA_MAX; v++)
			rc = sqlite3_exec(db, idx_migration(v), NULL, NULL, NULL);
		if (rc == SQLITE_OK && set_base(ix, bases[b]) != SQLITE_OK)
			rc = SQLITE_ERROR;
		for (size_t p = 0; rc == SQLITE_OK && p < NPATHS; p++) {
			char c[512], got[512], row[64];
			const char *k = c_key(ix, paths[p], c, sizeof(c));
			snprintf(row, sizeof(row), "SELECT path FROM source "
				 "WHERE id = %zu", p + 1);
			if (!k || !sql_text(db, row, NULL, got, sizeof(got)) ||
			    strcmp(k, got)) {
				printf("#   '%s': C '%s', converted '%s'\n",
				       paths[p], k ? k : "(error)", got);
				bad++;
			}
		}
		char bn[128];
		CHECK(rc == SQLITE_OK && bad == 0, "base '%s': a schema 11 "
		      "index converted stores its paths as C does",
		      shown(bases[b], bn, sizeof(bn)));
		sqlite3_close(db);
	}
}

int main(void)
{
	char path[] = "/tmp/newsfs-test-srcpath-XXXXXX";
	struct idx *ix = check_temp_path(path) ? NULL : check_new_index(path);
	if (ix) {
		test_rule(ix);
		test_sides(ix);
		test_migration(ix);
		idx_close(ix);
		check_unlink_db(path);
	}
	return check_done();
}
