/*
 * Opening files whose path is longer than PATH_MAX.
 *
 * PATH_MAX (4,096 bytes) is the kernel's limit for one path argument, not
 * for a file's path inside a tree: a tree may nest deeper, and find(1)
 * and grep -r walk it. open() then fails with ENAMETOOLONG; this walks
 * such a path in pieces shorter than PATH_MAX instead, each opened with
 * openat() relative to the folder before, so symbolic links and ".." are
 * resolved as open() would resolve them.
 */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

int nfs_open(const char *path, int flags, unsigned int mode)
{
	int fd = open(path, flags, mode);
	if (fd >= 0 || errno != ENAMETOOLONG)
		return fd;
	int dir = open(path[0] == '/' ? "/" : ".",
		       O_PATH | O_DIRECTORY | O_CLOEXEC);
	const char *p = path;
	char piece[PATH_MAX];
	while (dir >= 0 && strlen(p) >= PATH_MAX) {
		/* The last '/' that leaves a piece shorter than PATH_MAX. */
		size_t cut = PATH_MAX - 1;
		while (cut > 0 && p[cut] != '/')
			cut--;
		if (cut == 0) {		/* one name over PATH_MAX */
			close(dir);
			errno = ENAMETOOLONG;
			return -1;
		}
		memcpy(piece, p, cut);
		piece[cut] = '\0';
		int next = openat(dir, piece, O_PATH | O_DIRECTORY | O_CLOEXEC);
		int e = errno;
		close(dir);
		dir = next;
		errno = e;
		p += cut;
		while (*p == '/')
			p++;
	}
	if (dir < 0)
		return -1;
	fd = openat(dir, *p ? p : ".", flags, mode);
	int e = errno;
	close(dir);
	errno = e;
	return fd;
}
