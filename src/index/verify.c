/*
 * Is this file a newsfs index? Asked before anything is written to it.
 *
 * Two looks, the second only when the first passes:
 *
 * - The file's first 100 bytes, read before a connection opens it: the
 *   database header, whose layout SQLite documents as a stable file
 *   format (fileformat2.html, "The Database Header"). Another program's
 *   database (another application id, a user version of its own, tables
 *   newsfs did not make) is refused here, so SQLite never opens it: not
 *   even the -wal and -shm files a WAL-mode database gets when read, nor
 *   the checkpoint a closing connection runs, ever touch it.
 *
 * - Once open, the schema itself: every table, index, trigger and view
 *   must be exactly one that newsfs's migrations create for the file's
 *   version, compared with the schema those migrations make in an
 *   in-memory database. A crafted index cannot bring a trigger, a view
 *   or an expression of its own, so no SQL runs that newsfs did not write.
 */
#include "internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HEADER_SIZE 100

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* The first bytes of path, through SQLite's own VFS: a descriptor opened
 * and closed beside SQLite would drop the POSIX locks that this
 * process's other connections hold on the file (a mount opens more as it
 * goes), and the VFS defers such a close. OUT: *got, bytes read (0 for an
 * empty file); -ENOENT when there is no file. */
static int read_header(const char *path, unsigned char *h, size_t n,
		       size_t *got)
{
	sqlite3_vfs *vfs = sqlite3_vfs_find(NULL);
	char *full = vfs ? sqlite3_malloc(vfs->mxPathname + 1) : NULL;
	sqlite3_file *f = vfs ? sqlite3_malloc(vfs->szOsFile) : NULL;
	sqlite3_filename name = NULL;
	int rc = -ENOMEM;
	*got = 0;
	if (!full || !f)
		goto out;
	memset(f, 0, (size_t)vfs->szOsFile);
	/* A path through a symbolic link gives SQLITE_OK_SYMLINK, an
	 * extended code of SQLITE_OK. */
	if ((vfs->xFullPathname(vfs, path, vfs->mxPathname + 1, full) &
	     0xff) != SQLITE_OK) {
		rc = -ENAMETOOLONG;	/* SQLite takes mxPathname bytes */
		goto out;
	}
	if (!(name = sqlite3_create_filename(full, "", "", 0, NULL)))
		goto out;
	int flags = SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_READONLY, out_flags;
	if (vfs->xOpen(vfs, name, f, flags, &out_flags) != SQLITE_OK) {
		f->pMethods = NULL;	/* nothing to close */
		rc = access(path, F_OK) == 0 ? -EIO : -ENOENT;
		goto out;
	}
	sqlite3_int64 size = 0;
	rc = f->pMethods->xFileSize(f, &size) == SQLITE_OK ? 0 : -EIO;
	if (!rc && size > 0) {
		*got = size < (sqlite3_int64)n ? (size_t)size : n;
		rc = f->pMethods->xRead(f, h, (int)*got, 0) == SQLITE_OK ? 0
									: -EIO;
	}
out:
	if (f && f->pMethods)
		f->pMethods->xClose(f);
	sqlite3_free_filename(name);
	sqlite3_free(f);
	sqlite3_free(full);
	return rc;
}

static int header_check(const char *path, bool *empty, char *err,
			size_t errsz)
{
	static const char magic[16] = "SQLite format 3";
	unsigned char h[HEADER_SIZE];
	size_t got;
	int rc = read_header(path, h, sizeof(h), &got);
	*empty = rc == -ENOENT || (!rc && got == 0);
	if (rc == -ENOENT)
		return 0;	/* created (IDX_WRITE), or the open says why */
	if (rc) {
		snprintf(err, errsz, "%s: cannot read: %s", path,
			 strerror(-rc));
		return rc;
	}
	if (got == 0)
		return 0;
	if (got < HEADER_SIZE || memcmp(h, magic, sizeof(magic)) != 0) {
		snprintf(err, errsz, "%s: not a newsfs index (not a database: "
			 "no SQLite header)", path);
		return -EINVAL;
	}
	uint32_t cookie = be32(h + 40), version = be32(h + 60),
		 app = be32(h + 68);
	if (app != 0 && app != IDX_APP_ID) {
		snprintf(err, errsz, "%s: not a newsfs index (an SQLite "
			 "database of another application, id %#x); "
			 "nothing was changed", path, (unsigned)app);
		return -EINVAL;
	}
	/* Without newsfs's mark, only a database that never had a schema
	 * may become an index: a user version or any table says that some
	 * other program owns it. */
	if (app == 0 && (version != 0 || cookie != 0)) {
		snprintf(err, errsz, "%s: not a newsfs index (an SQLite "
			 "database of another program: it has %s but not "
			 "newsfs's application id); nothing was changed",
			 path, version ? "a user version" : "tables");
		return -EINVAL;
	}
	return 0;
}

/*
 * The schema a version has, as rows "type name tbl_name sql" separated
 * by control characters that no name or SQL text of ours contains, in
 * the order of the query below. Made once per version and kept.
 */
#define FIELD_SEP '\x1f'
#define ROW_SEP '\x1e'

static pthread_mutex_t expected_lock = PTHREAD_MUTEX_INITIALIZER;
static struct sbuf expected[IDX_SCHEMA_MAX + 1];

static int add_row(struct sbuf *out, sqlite3_stmt *st)
{
	int rc = 0;
	for (int i = 0; !rc && i < 4; i++) {
		/* By length: text after a NUL must not hide from the
		 * comparison. */
		const unsigned char *t = sqlite3_column_text(st, i);
		rc = t ? sbuf_add(out, t, (size_t)sqlite3_column_bytes(st, i))
		       : 0;
		if (!rc)
			rc = sbuf_addch(out, i < 3 ? FIELD_SEP : ROW_SEP);
	}
	return rc;
}

static int build_expected(int version, struct sbuf *out)
{
	sqlite3 *db;
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE |
				 SQLITE_OPEN_NOMUTEX, NULL);
	for (int v = 0; rc == SQLITE_OK && v < version; v++)
		rc = sqlite3_exec(db, idx_migration(v), NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, idx_sql(ST_SCHEMA_ROWS), -1, &st, NULL);
	int ret = rc == SQLITE_OK ? 0 : -EIO;
	while (!ret && (rc = sqlite3_step(st)) == SQLITE_ROW)
		ret = add_row(out, st);
	if (!ret && rc != SQLITE_DONE)
		ret = -EIO;
	if (!ret && !out->buf)
		ret = sbuf_addstr(out, "");	/* version 0: no rows */
	sqlite3_finalize(st);
	sqlite3_close(db);
	return ret;
}

/* The rows of version's schema; valid for the life of the process. */
static const char *expected_rows(int version)
{
	const char *rows = NULL;
	pthread_mutex_lock(&expected_lock);
	struct sbuf *e = &expected[version];
	if (e->buf || build_expected(version, e) == 0)
		rows = e->buf;
	else
		sbuf_release(e);
	pthread_mutex_unlock(&expected_lock);
	return rows;
}

/* What SQLite itself adds when someone runs ANALYZE on an index: plain
 * statistics, which steer the query planner and run no SQL. */
static bool harmless_extra(const struct sbuf *row)
{
	static const char stat1[] = "table\x1fsqlite_stat1\x1fsqlite_stat1\x1f"
		"CREATE TABLE sqlite_stat1(tbl,idx,stat)\x1e";
	return row->len == sizeof(stat1) - 1 &&
	       memcmp(row->buf, stat1, row->len) == 0;
}

/* "table notes" from a row, for the message. */
static void describe(const char *row, char *out, size_t n)
{
	const char *sep = strchr(row, FIELD_SEP);
	const char *end = sep ? strchr(sep + 1, FIELD_SEP) : NULL;
	if (!sep || !end) {
		snprintf(out, n, "an object");
		return;
	}
	snprintf(out, n, "%.*s %.*s", (int)(sep - row), row,
		 (int)(end - sep - 1) > 200 ? 200 : (int)(end - sep - 1),
		 sep + 1);
}

/* The length of a row's "type name" key, both separators included. */
static size_t key_len(const char *row, size_t len)
{
	const char *sep = memchr(row, FIELD_SEP, len);
	const char *end = sep ? memchr(sep + 1, FIELD_SEP,
				       len - (size_t)(sep + 1 - row)) : NULL;
	return end ? (size_t)(end - row) + 1 : len;
}

/* Compare the file's schema with version's, row by row. Both lists are
 * sorted by type and name, which is also the byte order of the keys: the
 * first difference says whether an object is missing, added or altered. */
static int compare(struct idx *ix, sqlite3_stmt *st, const char *want)
{
	struct sbuf row = {0};
	int rc, ret = 0;
	char what[256];
	const char *fmt = NULL;
	while (!ret && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		sbuf_reset(&row);
		if ((ret = add_row(&row, st)))
			break;
		if (harmless_extra(&row))
			continue;
		const char *eol = strchr(want, ROW_SEP);
		size_t wlen = eol ? (size_t)(eol - want) + 1 : 0;
		if (wlen == row.len && memcmp(want, row.buf, wlen) == 0) {
			want += wlen;
			continue;
		}
		size_t wk = key_len(want, wlen), rk = key_len(row.buf, row.len);
		int order = !wlen ? 1 : memcmp(want, row.buf, wk < rk ? wk : rk);
		if (order == 0 && wk != rk)
			order = wk < rk ? -1 : 1;
		if (order < 0) {
			describe(want, what, sizeof(what));
			fmt = "damaged or altered index: %s is missing";
		} else {
			describe(row.buf, what, sizeof(what));
			fmt = order > 0 ? "not a newsfs index, or altered: it "
					  "holds %s, which newsfs does not create"
					: "altered index: %s is not defined as "
					  "newsfs defines it";
		}
		ret = -EINVAL;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = idx_fail(ix, rc, "cannot read the schema");
	if (!ret && *want) {
		describe(want, what, sizeof(what));
		fmt = "damaged or altered index: %s is missing";
		ret = -EINVAL;
	}
	if (fmt)
		snprintf(ix->errmsg, sizeof(ix->errmsg), fmt, what);
	sbuf_release(&row);
	return ret;
}

/* The schema of the open file is exactly version's. */
static int schema_verify(struct idx *ix, int version)
{
	const char *want = expected_rows(version);
	if (!want) {
		snprintf(ix->errmsg, sizeof(ix->errmsg),
			 "cannot build the schema to compare with");
		return -ENOMEM;
	}
	sqlite3_stmt *st = idx_stmt(ix, ST_SCHEMA_ROWS);
	if (!st)
		return idx_fail(ix, ix->sqlite_rc, "cannot read the schema");
	int ret = compare(ix, st, want);
	idx_stmt_done(st);
	return ret;
}

/* The version the file says it has, checked against what newsfs ever
 * wrote: -EINVAL or -EPROTO with errmsg set for anything else. */
static int check_version(struct idx *ix, int app, int version)
{
	if (app != 0 && app != IDX_APP_ID) {
		snprintf(ix->errmsg, sizeof(ix->errmsg),
			 "not a newsfs index (application id %#x)",
			 (unsigned)app);
		return -EINVAL;
	}
	if (app == 0 && version != 0) {
		snprintf(ix->errmsg, sizeof(ix->errmsg),
			 "not a newsfs index (user version %d without "
			 "newsfs's application id)", version);
		return -EINVAL;
	}
	if (version < 0 || (app == IDX_APP_ID && version == 0)) {
		snprintf(ix->errmsg, sizeof(ix->errmsg),
			 "damaged or not a newsfs index: schema version %d "
			 "is not one newsfs writes (1 to %d)", version,
			 IDX_SCHEMA_MAX);
		return -EINVAL;
	}
	if (version > IDX_SCHEMA_MAX) {
		snprintf(ix->errmsg, sizeof(ix->errmsg),
			 "index schema version %d is newer than this newsfs "
			 "understands (%d); use a newer newsfs", version,
			 IDX_SCHEMA_MAX);
		return -EPROTO;
	}
	return 0;
}

int idx_schema_check(struct idx *ix)
{
	int app = 0, version = 0, rc;
	rc = idx_header_int(ix, ST_APPLICATION_ID, &app);
	if (!rc)
		rc = idx_header_int(ix, ST_USER_VERSION, &version);
	if (!rc)
		rc = check_version(ix, app, version);
	if (!rc)
		rc = schema_verify(ix, version);
	if (rc)
		return rc;
	if (ix->mode == IDX_READ && version < IDX_SCHEMA_MAX) {
		snprintf(ix->errmsg, sizeof(ix->errmsg), version == 0 ?
			 "not a newsfs index (an empty database)" :
			 "index schema version %d is older than this newsfs "
			 "(%d); run 'newsfs index' to upgrade it",
			 version, IDX_SCHEMA_MAX);
		return version == 0 ? -EINVAL : -EPROTO;
	}
	return 0;
}

void idx_harden(sqlite3 *db)
{
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
}

/* The schema check on a connection of its own that writes nothing and
 * creates nothing: immutable (the file alone, no locks, no -wal or -shm
 * made) when the WAL is empty; plainly read-only, on the WAL that is
 * there, when not. */
static int probe(const char *path, enum idx_mode mode, char *err,
		 size_t errsz)
{
	bool wal = idx_wal_in_use(path);
	char *uri = idx_uri(path, wal ? "mode=ro" : "mode=ro&immutable=1");
	struct idx *ix = calloc(1, sizeof(*ix));
	if (!uri || !ix) {
		sqlite3_free(uri);
		free(ix);
		snprintf(err, errsz, "%s: out of memory", path);
		return -ENOMEM;
	}
	ix->mode = mode;
	int rc = sqlite3_open_v2(uri, &ix->db, SQLITE_OPEN_READONLY |
				 SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX |
				 SQLITE_OPEN_EXRESCODE, NULL);
	sqlite3_free(uri);
	if (rc == SQLITE_OK) {
		idx_harden(ix->db);
		rc = idx_schema_check(ix);
	} else {
		rc = idx_fail(ix, rc, "cannot open the index");
	}
	if (rc) {
		idx_media_explain(path, ix->sqlite_rc, ix->errmsg,
				  sizeof(ix->errmsg));
		snprintf(err, errsz, "%s: %s", path, ix->errmsg);
	}
	idx_stmts_finalize(ix);
	sqlite3_close(ix->db);
	free(ix);
	return rc;
}

/* Whether path's -wal and -shm files are both there: a reader then
 * creates nothing and writes nothing but its marks in the shared
 * memory, and checks the schema on its own connection, before use. */
static bool reader_leaves_no_trace(const char *path)
{
	char *wal = sqlite3_mprintf("%s-wal", path);
	char *shm = sqlite3_mprintf("%s-shm", path);
	bool both = wal && shm && access(wal, F_OK) == 0 &&
		    access(shm, F_OK) == 0;
	sqlite3_free(wal);
	sqlite3_free(shm);
	return both;
}

int idx_file_check(const char *path, enum idx_mode mode, char *err,
		   size_t errsz)
{
	bool empty;
	int rc = header_check(path, &empty, err, errsz);
	if (rc || (empty && !idx_wal_in_use(path)))
		return rc;
	/* The probe costs a second connection: a mount opens many, and
	 * an index in use has both files. */
	if (mode == IDX_READ && reader_leaves_no_trace(path))
		return 0;
	return probe(path, mode, err, errsz);
}
