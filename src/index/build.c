/*
 * A first index run builds its index aside.
 *
 * Where no index exists yet, nobody can be reading it and no earlier run
 * can lose anything, so the journal that protects both is pure cost. The
 * run writes PATH-build with no journal at all (journal_mode OFF, one
 * exclusive connection, no syncs) and idx_publish() syncs it and renames
 * it to PATH once the run is complete. Every page is written once instead
 * of twice (WAL, then checkpoint), and no checkpoint competes for the
 * two cores (figures: docs/performance.md).
 *
 * The price: a first run that fails or is killed leaves no index, not
 * even a partial one, and the next run starts over. A stale build file
 * is reused by the next run; an flock() on it tells a live build from a
 * stale one, so two first runs never share one.
 *
 * The rename refuses to replace anything (RENAME_NOREPLACE): an index
 * that appeared at PATH during the run is kept and this run's work is
 * reported as not kept.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

struct idx_build {
	char *path;	/* where the index goes */
	char *tmp;	/* PATH-build, until published */
	int fd;		/* on tmp, holding its flock */
};

static void build_free(struct idx_build *b)
{
	if (b->fd >= 0)
		close(b->fd);
	free(b->path);
	free(b->tmp);
	free(b);
}

/* Whether fd is still the file named path: a run that published its
 * build renames it away, and whoever opened it by that name just before
 * must not take the published index for a stale build. */
static bool still_named(int fd, const char *path)
{
	struct stat a, b;
	return fstat(fd, &a) == 0 && lstat(path, &b) == 0 &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

static int busy(const struct idx_build *b, char *err, size_t errsz)
{
	snprintf(err, errsz, "%s: another 'newsfs index' is creating this "
		 "index; wait for it to finish", b->path);
	return -EBUSY;
}

static int open_locked(struct idx_build *b, char *err, size_t errsz)
{
	b->fd = open(b->tmp, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (b->fd < 0) {
		int e = errno;
		snprintf(err, errsz, "%s: cannot create the index: %s",
			 b->tmp, strerror(e));
		return -e;
	}
	/* Runs take turns (lock.c), so the holder can only be a run that
	 * is ending: a killed one closes PATH-lock before this file. Give
	 * it a few seconds (never for ever: two handles of one process do
	 * not exclude each other through PATH-lock). */
	int rc;
	for (int i = 0; (rc = flock(b->fd, LOCK_EX | LOCK_NB)) != 0 &&
			errno == EWOULDBLOCK && i < 100; i++)
		usleep(50 * 1000);
	if (rc != 0) {
		int e = errno;
		if (e == EWOULDBLOCK)
			return busy(b, err, errsz);
		snprintf(err, errsz, "%s: cannot lock: %s", b->tmp,
			 strerror(e));
		return -e;
	}
	return 0;
}

/* Take PATH-build for this run, emptied; -EBUSY when a live run has it. */
static int claim(struct idx_build *b, char *err, size_t errsz)
{
	for (int tries = 0; tries < 3; tries++) {
		int rc = open_locked(b, err, errsz);
		if (rc)
			return rc;
		if (still_named(b->fd, b->tmp))
			break;
		close(b->fd);
		b->fd = -1;
	}
	if (b->fd < 0)
		return busy(b, err, errsz);
	if (ftruncate(b->fd, 0) != 0) {
		int e = errno;
		snprintf(err, errsz, "%s: cannot empty a stale build: %s",
			 b->tmp, strerror(e));
		return -e;
	}
	return 0;
}

int idx_build_begin(struct idx_build **out, const char *path, char *err,
		    size_t errsz)
{
	*out = NULL;
	struct idx_build *b = calloc(1, sizeof(*b));
	size_t n = strlen(path) + sizeof("-build");
	if (b) {
		b->fd = -1;
		b->path = strdup(path);
		b->tmp = malloc(n);
	}
	if (!b || !b->path || !b->tmp) {
		if (b)
			build_free(b);
		snprintf(err, errsz, "%s: out of memory", path);
		return -ENOMEM;
	}
	snprintf(b->tmp, n, "%s-build", path);
	int rc = claim(b, err, errsz);
	if (rc) {
		build_free(b);
		return rc;
	}
	*out = b;
	return 0;
}

const char *idx_build_file(const struct idx_build *b)
{
	return b->tmp;
}

const char *idx_build_path(const struct idx_build *b)
{
	return b->path;
}

/* The folder's entry for PATH must reach the disk, not only its bytes. */
static int sync_dir(const char *path)
{
	char *copy = strdup(path);
	if (!copy)
		return -ENOMEM;
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(copy);
	if (fd < 0)
		return -errno;
	int rc = fsync(fd) == 0 ? 0 : -errno;
	close(fd);
	return rc;
}

static int put_in_place(const char *tmp, const char *path)
{
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -errno;
	/* A file system without RENAME_NOREPLACE: link() refuses to
	 * replace, too. */
	if (link(tmp, path) != 0)
		return -errno;
	return unlink(tmp) == 0 ? 0 : -errno;
}

/*
 * A -wal (or -shm, -journal) left at PATH by an index deleted without
 * them belongs to no file now, but SQLite takes it for the new one's and
 * replays its pages over it. A mount still reading the deleted index
 * holds them open, and would share them with the new file. Nothing is at
 * PATH (the build was only begun then, and the rename refuses to replace
 * anything), so they go: the mount keeps its own copies, unnamed.
 */
static int drop_orphans(const char *path)
{
	static const char *const suffixes[] = {"-wal", "-shm", "-journal"};
	struct stat st;
	if (lstat(path, &st) == 0 || errno != ENOENT)
		return 0;	/* not ours to judge: the rename says EEXIST */
	size_t n = strlen(path) + sizeof("-journal");
	char *name = malloc(n);
	if (!name)
		return -ENOMEM;
	int rc = 0;
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(*suffixes) && !rc; i++) {
		snprintf(name, n, "%s%s", path, suffixes[i]);
		if (unlink(name) != 0 && errno != ENOENT)
			rc = -errno;
	}
	free(name);
	return rc;
}

static int failed(char *err, size_t errsz, const char *what, int rc)
{
	snprintf(err, errsz, "%s: %s", what, strerror(-rc));
	return rc;
}

int idx_build_publish(struct idx_build *b, char *err, size_t errsz)
{
	if (fsync(b->fd) != 0)
		return failed(err, errsz, "cannot write the index", -errno);
	int rc = drop_orphans(b->path);
	if (rc)
		return failed(err, errsz, "cannot remove what a deleted index "
			      "left behind", rc);
	rc = put_in_place(b->tmp, b->path);
	if (rc == -EEXIST) {
		snprintf(err, errsz, "an index appeared here during the run; "
			 "it was kept, and this run's work was not");
		return rc;
	}
	if (rc)
		return failed(err, errsz, "cannot put the index in place", rc);
	/* Renamed: nothing left to remove, nor to lock. The lock goes
	 * before SQLite opens the file again: closing any descriptor of a
	 * file drops the process's POSIX locks on it, SQLite's included. */
	free(b->tmp);
	b->tmp = NULL;
	close(b->fd);
	b->fd = -1;
	rc = sync_dir(b->path);
	return rc ? failed(err, errsz, "cannot write the index's folder", rc)
		  : 0;
}

void idx_build_end(struct idx_build *b)
{
	if (!b)
		return;
	if (b->tmp)
		unlink(b->tmp);
	build_free(b);
}
