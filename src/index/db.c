/*
 * Opening and closing index connections.
 *
 * The writer (newsfs index) uses WAL so that a mounted tree keeps reading
 * while an index run writes, and keeps the -wal/-shm files after closing
 * (SQLITE_FCNTL_PERSIST_WAL) so a read-only mount still finds them where
 * it could not create them. Readers (the mount) open the file read-only
 * with query_only on: the mount never writes. A first index run writes
 * a new index aside, without a journal, and publishes it (build.c).
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* SQLite creates new databases 0644; an index holds what the user reads,
 * so create it 0600 before SQLite sees it. */
static int create_private(const char *path, char *err, size_t errsz)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd >= 0) {
		close(fd);
		return 0;
	}
	if (errno == EEXIST)
		return 0;
	int e = errno;
	snprintf(err, errsz, "%s: cannot create the index: %s", path,
		 strerror(e));
	return -e;
}

/* SQLite's memory statistics take a global mutex on every allocation,
 * which every FUSE worker and the indexer would contend on. */
static pthread_once_t global_once = PTHREAD_ONCE_INIT;

static void global_init(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sqlite3_initialize();
}

static int configure(struct idx *ix)
{
	sqlite3_busy_timeout(ix->db, 10000);
	idx_harden(ix->db);
	if (idx_idset_register(ix->db) != SQLITE_OK)
		return idx_fail(ix, sqlite3_errcode(ix->db),
				"cannot add the id set function");
	if (idx_src_register(ix->db) != SQLITE_OK)
		return idx_fail(ix, sqlite3_errcode(ix->db),
				"cannot add the source path function");
	if (ix->mode == IDX_READ) {
		int rc = idx_run(ix, SQL_READER_PRAGMAS);
		return rc ? rc : idx_schema_check(ix);
	}
	int rc = idx_facet_cache_new(ix);
	if (rc)
		return rc;
	/* Nothing is written, not even the switch to WAL, before the file
	 * is known to be an index of a version this build knows. */
	rc = idx_schema_check(ix);
	if (rc)
		return rc;
	int persist = 1;
	sqlite3_file_control(ix->db, "main", SQLITE_FCNTL_PERSIST_WAL,
			     &persist);
	/* Defensive mode turns journal_mode OFF into a no-op that still
	 * succeeds: a first run's batches then wrote every page they
	 * changed twice, into PATH-build-journal. The build file is new
	 * and ours (build.c), so the pragmas are run without it. */
	if (ix->build)
		sqlite3_db_config(ix->db, SQLITE_DBCONFIG_DEFENSIVE, 0, NULL);
	rc = idx_run(ix, ix->build ? SQL_BUILD_PRAGMAS
				   : SQL_WRITER_PRAGMAS);
	if (ix->build)
		sqlite3_db_config(ix->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	if (!rc)
		rc = idx_schema_migrate(ix);
	if (!rc && ix->build)
		rc = idx_build_defer(ix);	/* first.c */
	if (!rc)
		rc = idx_run(ix, SQL_WRITER_TEMP);
	if (!rc)
		idx_pack_start(ix);
	return rc;
}

/* Say plainly what SQLite would only call an I/O error: a folder, a
 * missing index, a file we may not read. */
static int precheck(const char *path, enum idx_mode mode, char *err,
		    size_t errsz)
{
	struct stat st;
	int e = 0;
	if (stat(path, &st) != 0) {
		e = errno;
		if (e == ENOENT && mode == IDX_WRITE)
			return 0;	/* created below */
		snprintf(err, errsz, e == ENOENT ?
			 "%s: no index here (run 'newsfs index' first)" :
			 "%s: %s", path, strerror(e));
	} else if (S_ISDIR(st.st_mode)) {
		e = EISDIR;
		snprintf(err, errsz, "%s: is a folder, not an index file", path);
	} else if (access(path, mode == IDX_READ ? R_OK : R_OK | W_OK) != 0) {
		e = errno;
		snprintf(err, errsz, "%s: %s", path, strerror(e));
	}
	return -e;
}

static int connect_file(struct idx *ix, const char *path, bool immutable)
{
	int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE |
		    (ix->mode == IDX_READ ? SQLITE_OPEN_READONLY
					  : SQLITE_OPEN_READWRITE);
	char *uri = immutable ? idx_uri(path, "immutable=1") : NULL;
	if (immutable && !uri)
		return -ENOMEM;
	int rc = sqlite3_open_v2(uri ? uri : path, &ix->db,
				 flags | (uri ? SQLITE_OPEN_URI : 0), NULL);
	sqlite3_free(uri);
	return rc == SQLITE_OK ? configure(ix)
			       : idx_fail(ix, rc, "cannot open the index");
}

/* A reader on read-only media may have to open the index immutable
 * (media.c), and otherwise hears why it cannot. */
static int db_connect(struct idx *ix, const char *path)
{
	int rc = connect_file(ix, path, false);
	if (rc && ix->mode == IDX_READ && idx_media_immutable(path)) {
		idx_stmts_finalize(ix);
		sqlite3_close(ix->db);
		ix->db = NULL;
		rc = connect_file(ix, path, true);
	}
	if (rc && ix->mode == IDX_READ)
		idx_media_explain(path, ix->sqlite_rc, ix->errmsg,
				  sizeof(ix->errmsg));
	return rc;
}

/* An index run builds aside only where nothing at all is at path (a
 * dangling symbolic link is something: its target gets the index). */
static bool nothing_at(const char *path)
{
	struct stat st;
	return lstat(path, &st) != 0 && errno == ENOENT;
}

/* Check path, then claim the build file (aside) or create the index. */
static int prepare_path(struct idx *ix, const char *path, bool aside,
			char *err, size_t errsz)
{
	int rc = precheck(path, ix->mode, err, errsz);
	if (rc || ix->mode == IDX_READ)
		return rc;
	if (aside) {
		rc = idx_build_begin(&ix->build, path, err, errsz);
		/* Claimed, but a first run that finished meanwhile left an
		 * index: add to it instead. */
		if (!rc && !nothing_at(path)) {
			idx_build_end(ix->build);
			ix->build = NULL;
		}
		if (rc || ix->build)
			return rc;
	}
	return create_private(path, err, errsz);
}

int idx_open_wait(struct idx **out, const char *path, enum idx_mode mode,
		  idx_wait_fn wait, void *ctx, char *err, size_t errsz)
{
	*out = NULL;
	pthread_once(&global_once, global_init);
	struct idx *ix = calloc(1, sizeof(*ix));
	if (!ix) {
		snprintf(err, errsz, "%s: out of memory", path);
		return -ENOMEM;
	}
	ix->mode = mode == IDX_READ ? IDX_READ : IDX_WRITE;
	ix->lock_fd = -1;
	/* First the lock, so that of two first runs the second waits and
	 * then adds to the index the first made. */
	int rc = ix->mode == IDX_READ ? 0
		 : idx_lock_take(path, wait, ctx, &ix->lock_fd, err, errsz);
	if (!rc)
		rc = prepare_path(ix, path, mode == IDX_RUN && nothing_at(path),
				  err, errsz);
	const char *file = ix->build ? idx_build_file(ix->build) : path;
	if (!rc)
		rc = idx_file_check(file, ix->mode, err, errsz);
	if (!rc && (rc = db_connect(ix, file)))
		snprintf(err, errsz, "%s: %s", path, ix->errmsg);
	if (rc) {
		idx_close(ix);
		return rc;
	}
	*out = ix;
	return 0;
}

int idx_open(struct idx **out, const char *path, enum idx_mode mode,
	     char *err, size_t errsz)
{
	return idx_open_wait(out, path, mode, NULL, NULL, err, errsz);
}

int idx_publish(struct idx *ix, char *err, size_t errsz)
{
	if (!ix->build)
		return 0;
	int rc = idx_build_finish(ix);
	if (!rc)
		rc = idx_fts_fill(ix);
	if (rc) {
		snprintf(err, errsz, "%s", ix->errmsg);
		return rc;
	}
	/* SQLite lets go of the file before it is renamed, and opens it
	 * again under its name in WAL mode, as every later run has it. */
	idx_stmts_finalize(ix);
	idx_facet_cache_clear(ix);
	sqlite3_close(ix->db);
	ix->db = NULL;
	struct idx_build *b = ix->build;
	ix->build = NULL;
	rc = idx_build_publish(b, err, errsz);
	if (!rc && (rc = db_connect(ix, idx_build_path(b))))
		snprintf(err, errsz, "%s", ix->errmsg);
	idx_build_end(b);
	return rc;
}

void idx_close(struct idx *ix)
{
	if (!ix)
		return;
	idx_stmts_finalize(ix);
	idx_facet_cache_free(ix);
	idx_changes_free(ix);
	sbuf_release(&ix->src_base);
	for (size_t i = 0; i < NFS_ARRAY_SIZE(ix->src_key); i++)
		sbuf_release(&ix->src_key[i]);
	/* close_v2 would defer on a leaked statement; plain close reports it
	 * instead, which the tests would catch as an error. */
	sqlite3_close(ix->db);
	idx_build_end(ix->build);
	idx_lock_release(ix->lock_fd);
	free(ix);
}

const char *idx_errmsg(const struct idx *ix)
{
	return ix->errmsg;
}
