/*
 * Source paths as the source table stores them (schema 12). A corpus
 * mostly lives below one folder, and every source row repeated that
 * folder's path twice, in the table and in its path index. The index's
 * base folder (source_base: the folder of a first run, or the
 * remembered folder holding most of an older index's sources) is stored
 * once; a path below it is
 * stored as "." and the rest ("./d0000/a.txt"), any other as it is
 * (absolute, so starting with "/"). Both kinds keep byte order among
 * themselves, so a folder's sources stay one range of the path index:
 * two when the folder is the base or above it (its paths elsewhere,
 * and every "./" path).
 *
 * The rule is written once, in cut() below. C binds what it gives
 * (idx_src_bind); a statement that rewrites many rows at once calls it
 * as the SQL function src_key(path, base) (stmt.c's SRC_KEY). The way
 * back is SQL alone: statements give paths back whole with stmt.c's
 * SRC_PATH, which puts the base back before a path that starts with
 * ".". The schema 12 migration keeps its own SQL copy on purpose: a
 * migration is the conversion as it was at its version, and a later
 * change of the rule would be a migration of its own.
 * tests/unit/test_srcpath.c holds the C function, the SQL function, the
 * statement that uses it, SRC_PATH and that migration to one table of
 * paths.
 */
#include "internal.h"

#include <errno.h>
#include <string.h>

/* A base folder is absolute and not "/" (source_base holds no other;
 * a damaged index might). */
static bool is_base(const char *b, size_t blen)
{
	return b && blen > 1 && b[0] == '/';
}

/* The rule: how many leading bytes of path (n bytes) its stored form
 * replaces by "." given base folder b (blen bytes; NULL: none). Those
 * of b when path lies below it (b, then "/", then anything, even
 * nothing), else none. Bytes, not characters: a path need not be
 * UTF-8. */
static size_t cut(const char *b, size_t blen, const char *path, size_t n)
{
	return is_base(b, blen) && n > blen && memcmp(path, b, blen) == 0 &&
	       path[blen] == '/' ? blen : 0;
}

/* The base folder as ix->src_base holds it, loaded once a transaction
 * (it is set once, by the first run that stores a source). */
static const struct sbuf *base(struct idx *ix)
{
	if (ix->src_base_state == 0) {
		sqlite3_stmt *st = idx_stmt(ix, ST_SRC_BASE_GET);
		sbuf_reset(&ix->src_base);
		ix->src_base_state = 1;
		if (st && sqlite3_step(st) == SQLITE_ROW) {
			const char *p = (const char *)sqlite3_column_text(st, 0);
			int n = sqlite3_column_bytes(st, 0);
			if (is_base(p, (size_t)n) &&
			    sbuf_add(&ix->src_base, p, (size_t)n) == 0)
				ix->src_base_state = 2;
		}
		if (st)
			idx_stmt_done(st);
	}
	return ix->src_base_state == 2 ? &ix->src_base : NULL;
}

void idx_src_forget_base(struct idx *ix)
{
	ix->src_base_state = 0;
}

int idx_src_key(struct idx *ix, int slot, const char *path, size_t n,
		const char **key, size_t *keylen)
{
	const struct sbuf *b = base(ix);
	size_t c = b ? cut(b->buf, b->len, path, n) : 0;
	if (!c) {
		*key = path;
		*keylen = n;
		return 0;
	}
	struct sbuf *k = &ix->src_key[slot];
	sbuf_reset(k);
	if (sbuf_addch(k, '.') || sbuf_add(k, path + c, n - c))
		return -ENOMEM;
	*key = k->buf;
	*keylen = k->len;
	return 0;
}

int idx_src_bind(struct idx *ix, sqlite3_stmt *st, int param, int slot,
		 const char *path, size_t n)
{
	const char *key;
	size_t len;
	int rc = idx_src_key(ix, slot, path, n, &key, &len);
	if (!rc)
		sqlite3_bind_text(st, param, key, (int)len, SQLITE_STATIC);
	return rc;
}

/* src_key(path, base): path's stored form given the base folder (NULL:
 * none), for a statement that rewrites many rows at once. */
static void sql_src_key(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *b = (const char *)sqlite3_value_text(argv[1]);
	size_t blen = (size_t)sqlite3_value_bytes(argv[1]);
	const char *path = (const char *)sqlite3_value_text(argv[0]);
	size_t n = (size_t)sqlite3_value_bytes(argv[0]);
	size_t c = sqlite3_value_type(argv[0]) == SQLITE_TEXT ?
		   cut(b, blen, path, n) : 0;
	if (!c) {
		sqlite3_result_value(cx, argv[0]);
		return;
	}
	char *k = sqlite3_malloc64(n - c + 1);
	if (!k) {
		sqlite3_result_error_nomem(cx);
		return;
	}
	k[0] = '.';
	memcpy(k + 1, path + c, n - c);
	sqlite3_result_text64(cx, k, n - c + 1, sqlite3_free, SQLITE_UTF8);
}

int idx_src_register(sqlite3 *db)
{
	return sqlite3_create_function_v2(db, "src_key", 2,
					  SQLITE_UTF8 | SQLITE_DETERMINISTIC |
					  SQLITE_DIRECTONLY,
					  NULL, sql_src_key, NULL, NULL, NULL);
}

bool idx_src_base_within(struct idx *ix, const char *dir, size_t n)
{
	const struct sbuf *b = base(ix);
	while (n && dir[n - 1] == '/')
		n--;
	return b && (n == b->len || (n < b->len && b->buf[n] == '/')) &&
	       memcmp(dir, b->buf, n) == 0;
}

bool idx_has_sources(struct idx *ix)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_SOURCE_ANY);
	if (!st)
		return true;
	bool none = sqlite3_step(st) == SQLITE_DONE;
	idx_stmt_done(st);
	return !none;
}

int idx_source_base(struct idx *ix, const char *const *dirs, size_t n)
{
	if (!n || base(ix) || idx_has_sources(ix))
		return 0;
	/* The folder all of dirs are in (or are): dirs[0]'s first len
	 * bytes. */
	size_t len = strlen(dirs[0]);
	while (len > 1 && dirs[0][len - 1] == '/')
		len--;
	for (size_t i = 1; i < n && len; i++) {
		const char *d = dirs[i], *f = dirs[0];
		size_t k = 0;
		while (k < len && d[k] && d[k] == f[k])
			k++;
		if (k == len && (d[k] == '\0' || d[k] == '/'))
			continue;	/* d is in f's first len bytes */
		if (k < len && d[k] == '\0' && f[k] == '/') {
			len = k;	/* d holds them */
			continue;
		}
		while (k && f[k - 1] != '/')
			k--;
		len = k ? k - 1 : 0;
	}
	if (len < 2 || dirs[0][0] != '/')
		return 0;
	sqlite3_stmt *st = idx_stmt(ix, ST_SRC_BASE_SET);
	if (!st)
		return -EIO;
	sqlite3_bind_text(st, 1, dirs[0], (int)len, SQLITE_STATIC);
	int rc = idx_step_done(ix, st, "cannot record the base folder");
	idx_src_forget_base(ix);
	return rc;
}
