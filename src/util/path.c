/*
 * Opening files whose path is longer than PATH_MAX.
 *
 * PATH_MAX (4,096 bytes) is the kernel's limit for one path argument, not
 * for a file's path inside a tree: a tree may nest deeper, and find(1)
 * and grep -r walk it. open() then fails with ENAMETOOLONG; such a path
 * is opened here in pieces shorter than PATH_MAX instead, each relative
 * to the folder before, so symbolic links are resolved as one open()
 * would resolve them (and, through the caller's opener, as strictly).
 */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

static int plain_openat(int dirfd, const char *rel, int flags,
			unsigned int mode)
{
	int fd = openat(dirfd, rel, flags, mode);
	return fd < 0 ? -errno : fd;
}

int nfs_open_pieces(int dirfd, const char *path, int flags,
		    unsigned int mode, nfs_openat_fn op)
{
	const char *p = path;
	char piece[PATH_MAX];
	int dir = dirfd;
	while (strlen(p) >= PATH_MAX) {
		/* The last '/' that leaves a piece shorter than PATH_MAX. */
		size_t cut = PATH_MAX - 1;
		while (cut > 0 && p[cut] != '/')
			cut--;
		if (cut == 0) {		/* one name over PATH_MAX */
			if (dir != dirfd)
				close(dir);
			return -ENAMETOOLONG;
		}
		memcpy(piece, p, cut);
		piece[cut] = '\0';
		int next = op(dir, piece, O_PATH | O_DIRECTORY | O_CLOEXEC, 0);
		if (dir != dirfd)
			close(dir);
		if (next < 0)
			return next;
		dir = next;
		p += cut;
		while (*p == '/')
			p++;
	}
	int fd = op(dir, *p ? p : ".", flags, mode);
	if (dir != dirfd)
		close(dir);
	return fd;
}

int nfs_open(const char *path, int flags, unsigned int mode)
{
	int fd = open(path, flags, mode);
	if (fd >= 0 || errno != ENAMETOOLONG)
		return fd;
	int root = open(path[0] == '/' ? "/" : ".",
			O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (root < 0)
		return -1;
	fd = nfs_open_pieces(root, path, flags, mode, plain_openat);
	close(root);
	if (fd < 0) {
		errno = -fd;
		return -1;
	}
	return fd;
}
