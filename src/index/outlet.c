/*
 * One folder per outlet. A page or record can name its publication
 * (og:site_name, JSON-LD publisher, a dump's publication field) or give
 * only the host of its URL; the same outlet would then have two by-source/
 * folders, "Tidewater Post" and "tidewater-post.example.org". Every record
 * that states a name and has a URL teaches the index that link (table
 * outlet); a record with only a host goes to the folder of the host's
 * name, the least of them by byte order when its pages state several, so
 * the choice does not depend on the order records arrive in. When a host
 * learns its name after records of it were stored, its folder's articles
 * move into the name's folder, journalled for live mounts, and the host's
 * folder goes at the next collection.
 *
 * Links are learned from records and kept: a name stays the host's even
 * when the record that stated it leaves the index.
 */
#include "internal.h"

#include <errno.h>
#include <string.h>

static int host_name(struct idx *ix, const char *host, char *out, size_t n)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_OUTLET_NAME);
	if (!st)
		return -EIO;
	sqlite3_bind_text(st, 1, host, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st), ret = -ENOENT;
	const char *s = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0)
					 : NULL;
	if (s && strlen(s) < n) {
		memcpy(out, s, strlen(s) + 1);
		ret = 0;
	} else if (rc != SQLITE_ROW) {
		ret = idx_fail(ix, rc, "cannot read outlets");
	}
	idx_stmt_done(st);
	return ret;
}

/* The articles of folder `from` (a host's) move to folder `to`. */
static int move_folder(struct idx *ix, const char *from, const char *to)
{
	static const enum stmt_id steps[] = {
		ST_OUTLET_MOVE_JOURNAL_OLD, ST_OUTLET_MOVE_NLINK,
		ST_OUTLET_MOVE_COPY, ST_OUTLET_MOVE_JOURNAL_NEW,
	}, then[] = {ST_OUTLET_MOVE_DROP, ST_GC_PUBLICATION_ADD};
	int64_t old, new;
	int rc = idx_one_int_text(ix, ST_PUBLICATION_FIND, from, &old);
	if (rc)
		return rc == -ENOENT ? 0 : rc;
	/* The name's folder made if new: idx_outlet's caller links the
	 * record that taught the link to it next. */
	rc = idx_facet_id(ix, IDX_PUBLICATION, to, &new);
	for (size_t i = 0; !rc && i < NFS_ARRAY_SIZE(steps); i++)
		rc = idx_run_int2(ix, steps[i], old, new,
				  "cannot move a host's folder");
	sqlite3_stmt *st = rc ? NULL : idx_stmt(ix, ST_OUTLET_MOVE_SOURCES);
	if (!rc && !st)
		rc = -EIO;
	if (!rc) {
		sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, old);
		rc = idx_step_done(ix, st, "cannot move a host's folder");
	}
	for (size_t i = 0; !rc && i < NFS_ARRAY_SIZE(then); i++)
		rc = idx_run_int2(ix, then[i], old, new,
				  "cannot move a host's folder");
	if (!rc)
		idx_facet_cache_forget(ix, IDX_PUBLICATION, from);
	return rc;
}

int idx_outlet(struct idx *ix, const char *host, const char *name,
	       char *folder, size_t n)
{
	if (!name) {
		int rc = host_name(ix, host, folder, n);
		if (rc != -ENOENT)
			return rc;
		if (strlen(host) >= n)
			return -ENAMETOOLONG;
		memcpy(folder, host, strlen(host) + 1);
		return 0;
	}
	if (strlen(name) >= n)
		return -ENAMETOOLONG;
	memcpy(folder, name, strlen(name) + 1);
	sqlite3_stmt *st = idx_stmt(ix, ST_OUTLET_ADD);
	if (!st)
		return -EIO;
	sqlite3_bind_text(st, 1, host, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	int rc = idx_step_done(ix, st, "cannot record an outlet");
	if (rc || sqlite3_changes(ix->db) == 0)
		return rc;
	/* A new link: if it is the host's name now, the host's folder
	 * joins it. */
	char least[256];
	rc = host_name(ix, host, least, sizeof(least));
	if (!rc && strcmp(least, name) == 0)
		rc = move_folder(ix, host, name);
	return rc == -ENOENT ? 0 : rc;
}
