/*
 * An index on read-only media: a DVD, a read-only NFS export or bind
 * mount, a container layer, a folder the reader may not write.
 *
 * Readers of a WAL-mode database share its -shm file, and SQLite must
 * create it (and the -wal file) where they are missing; on read-only
 * media it cannot, and a plain read-only open fails with "unable to open
 * database file" (walformat.html: without those files only an immutable
 * open works). An index copied without them, or one whose last run left
 * an empty WAL, is whole in its main file, so it is opened with
 * immutable=1 (uri.html): read-only, without locks, trusting that nothing
 * changes the file; on read-only media nothing can. A WAL that holds
 * changes cannot be left out, and then the message says what to copy.
 */
#include "internal.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool idx_wal_in_use(const char *path)
{
	struct stat st;
	char *wal = sqlite3_mprintf("%s-wal", path);
	bool used = wal && stat(wal, &st) == 0 && st.st_size > 0;
	sqlite3_free(wal);
	return used;
}

/* Whether SQLite could create files beside path. */
static bool folder_writable(const char *path)
{
	char *copy = strdup(path);
	if (!copy)
		return true;
	bool w = access(dirname(copy), W_OK) == 0;
	free(copy);
	return w;
}

static bool exists(const char *path, const char *suffix)
{
	char *p = sqlite3_mprintf("%s%s", path, suffix);
	bool e = p && access(p, F_OK) == 0;
	sqlite3_free(p);
	return e;
}

bool idx_media_immutable(const char *path)
{
	return !folder_writable(path) && !idx_wal_in_use(path);
}

/* Open failures on read-only media, as SQLite reports them. */
static bool cannot_open(int rc)
{
	return (rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY ||
	       (rc & 0xff) == SQLITE_IOERR;
}

void idx_media_explain(const char *path, int sqlite_rc, char *msg, size_t n)
{
	if (!cannot_open(sqlite_rc) || folder_writable(path) ||
	    !idx_wal_in_use(path))
		return;
	char *copy = strdup(path);
	const char *base = copy ? basename(copy) : path;
	if (!exists(path, "-shm"))
		snprintf(msg, n, "cannot be read in this read-only folder: its "
			 "write-ahead log %s-wal holds changes not yet in the "
			 "index, and SQLite needs %s-shm beside it to read "
			 "them; copy %s-shm along with the index, or run "
			 "'newsfs index' once where the index can be written "
			 "(a run folds the log into the index)", base, base,
			 base);
	else
		snprintf(msg, n, "cannot be read in this read-only folder: its "
			 "write-ahead log %s-wal holds changes, and %s-shm "
			 "cannot be used (%s); run 'newsfs index' once where "
			 "the index can be written (a run folds the log into "
			 "the index)", base, base, sqlite3_errstr(sqlite_rc));
	free(copy);
}
