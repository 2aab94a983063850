/*
 * One index run at a time, and a name for the one that holds the index.
 *
 * SQLite's own write lock makes a second writer wait (the busy timeout)
 * and then fail with "database is locked", which says neither that
 * another newsfs run holds the index nor which. So every writer first
 * takes a lock of its own: an fcntl(2) write lock on the whole of the
 * empty file PATH-lock beside the index. F_GETLK names the holder's pid,
 * and the kernel drops the lock when the holder ends, however it ends.
 *
 * A file of its own, not the index: closing any descriptor of a file
 * drops every POSIX lock the process holds on it, SQLite's included.
 * POSIX locks belong to a process, so two writers inside one process do
 * not exclude each other here (SQLite still does); newsfs runs one per
 * process. Where PATH-lock cannot be made (a read-only folder, which no
 * writer can use anyway), the run goes on without it.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* PATH-lock, beside the file path names (through symbolic links, so
 * every name of one index shares one lock). */
static char *lock_name(const char *path)
{
	char *real = realpath(path, NULL);
	char *name = sqlite3_mprintf("%s-lock", real ? real : path);
	free(real);
	return name;
}

static int set_lock(int fd, bool wait)
{
	struct flock l = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
	int rc;
	do
		rc = fcntl(fd, wait ? F_SETLKW : F_SETLK, &l);
	while (rc != 0 && errno == EINTR && wait);
	return rc == 0 ? 0 : -errno;
}

/* The holder, as a sentence for the user. */
static void holder(int fd, const char *path, char *out, size_t n)
{
	struct flock l = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
	if (fcntl(fd, F_GETLK, &l) == 0 && l.l_type != F_UNLCK && l.l_pid > 0)
		snprintf(out, n, "%s: another 'newsfs index' (pid %d) is "
			 "writing this index", path, (int)l.l_pid);
	else
		snprintf(out, n, "%s: another 'newsfs index' is writing this "
			 "index", path);
}

int idx_lock_take(const char *path, idx_wait_fn wait, void *ctx, int *out,
		  char *err, size_t errsz)
{
	*out = -1;
	char *name = lock_name(path);
	if (!name) {
		snprintf(err, errsz, "%s: out of memory", path);
		return -ENOMEM;
	}
	int fd = open(name, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	sqlite3_free(name);
	if (fd < 0)
		return 0;	/* see above: the open that follows says why */
	int rc = set_lock(fd, false);
	if (rc == -EAGAIN || rc == -EACCES) {
		holder(fd, path, err, errsz);
		rc = wait && wait(ctx, err) ? -EBUSY : set_lock(fd, true);
		if (!rc)
			err[0] = '\0';
	}
	if (rc) {
		/* -EBUSY: given up. Otherwise no locks here (some network
		 * file systems): the run goes on with SQLite's lock alone. */
		close(fd);
		return rc == -EBUSY ? rc : 0;
	}
	*out = fd;
	return 0;
}

void idx_lock_release(int fd)
{
	if (fd >= 0)
		close(fd);
}
