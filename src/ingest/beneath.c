/*
 * Opening a path below a folder named on the command line without ever
 * leaving it: symbolic links are followed while they stay below it.
 *
 * Where the kernel has openat2() (Linux 5.6), RESOLVE_BENEATH makes the
 * kernel refuse, during the lookup itself, any step out of the folder, so
 * nothing that changes the tree between a check and the open can lead
 * elsewhere. It also refuses every absolute link, even one that points
 * back inside; such a link is resolved with realpath() and, if it stays
 * inside, the resolved path is opened with RESOLVE_BENEATH again. glibc
 * has no wrapper for openat2, so it is called through syscall(2) with
 * SYS_openat2, as openat2(2) documents.
 *
 * Without openat2 (ENOSYS: an older kernel or a seccomp filter; or
 * NEWSFS_OPENAT2=0, which the tests use), the path is resolved with
 * realpath(), refused unless it lies below the folder, and opened with
 * O_NOFOLLOW; then the kernel's own name for what was opened
 * (/proc/self/fd) must lie below the folder too, which catches a folder
 * swapped for a link between realpath() and open().
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* 0 not known yet, 1 openat2 works, 2 it does not (or is turned off). */
static atomic_int have_openat2;

static bool use_openat2(void)
{
	int v = atomic_load(&have_openat2);
	if (!v) {
		const char *env = getenv("NEWSFS_OPENAT2");
		v = env && strcmp(env, "0") == 0 ? 2 : 1;
		atomic_store(&have_openat2, v);
	}
	return v == 1;
}

bool beneath_path(const char *path, const char *dir, size_t dirlen)
{
	if (dirlen == 1 && dir[0] == '/')
		return path[0] == '/';
	return strncmp(path, dir, dirlen) == 0 &&
	       (path[dirlen] == '/' || path[dirlen] == '\0');
}

static int root_fd(const struct walk_root *r, bool *opened)
{
	*opened = r->fd < 0;
	if (r->fd >= 0)
		return r->fd;
	int fd = open(r->path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

static int open2_short(int dirfd, const char *rel, int flags,
		       unsigned int mode)
{
	struct open_how how = {
		.flags = (uint64_t)flags,
		.mode = mode,
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
	};
	long fd = syscall(SYS_openat2, dirfd, rel, &how, sizeof(how));
	return fd < 0 ? -errno : (int)fd;
}

/* A path below a deep tree may be longer than PATH_MAX: each piece is
 * opened beneath the folder before it, which lies beneath the root. */
static int open2(int dirfd, const char *rel, int flags)
{
	return nfs_open_pieces(dirfd, rel, flags, 0, open2_short);
}

/* root/rel, resolved; NULL with errno set when it cannot be. */
static char *resolve(const struct walk_root *r, const char *rel)
{
	char *full = malloc(r->len + strlen(rel) + 2);
	if (!full)
		return NULL;
	sprintf(full, "%s%s%s", r->path, r->len == 1 ? "" : "/", rel);
	char *real = realpath(full, NULL);
	int e = errno;
	free(full);
	errno = e;
	return real;
}

/* The path of real below root, relative to it ("." for root itself). */
static const char *below(const struct walk_root *r, const char *real)
{
	const char *rel = real + (r->len == 1 ? 1 : r->len);
	if (*rel == '/')
		rel++;
	return *rel ? rel : ".";
}

/* openat2 refused an absolute link (or a ".." that comes back): open
 * what it resolves to, if that is inside. */
static int open_resolved(const struct walk_root *r, int dirfd,
			 const char *rel, int flags)
{
	char *real = resolve(r, rel);
	if (!real)
		return -errno;
	int fd = beneath_path(real, r->path, r->len)
		 ? open2(dirfd, below(r, real), flags) : -EXDEV;
	free(real);
	return fd;
}

/* Does the kernel's name for fd lie below root? Yes when it cannot
 * say (no /proc): realpath() checked the path already. */
static bool fd_below(const struct walk_root *r, int fd)
{
	char link[64], target[PATH_MAX];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, target, sizeof(target) - 1);
	if (n < 0)
		return true;
	target[n] = '\0';
	return beneath_path(target, r->path, r->len);
}

static int open_checked(const struct walk_root *r, const char *rel,
			int flags)
{
	char *real = resolve(r, rel);
	if (!real)
		return -errno;
	int fd = -EXDEV;
	if (beneath_path(real, r->path, r->len)) {
		fd = open(real, flags | O_NOFOLLOW);
		if (fd < 0) {
			fd = -errno;
		} else if (!fd_below(r, fd)) {
			close(fd);
			fd = -EXDEV;
		}
	}
	free(real);
	return fd;
}

int beneath_open(const struct walk_root *r, const char *rel, int flags)
{
	if (use_openat2()) {
		bool opened;
		int dirfd = root_fd(r, &opened);
		if (dirfd < 0)
			return dirfd;
		int fd = open2(dirfd, rel, flags);
		if (fd == -EXDEV)
			fd = open_resolved(r, dirfd, rel, flags);
		if (opened)
			close(dirfd);
		/* Old seccomp filters refuse calls they do not know with
		 * EPERM: then this one file takes the other way. */
		if (fd != -ENOSYS && fd != -EPERM)
			return fd;
		if (fd == -ENOSYS)
			atomic_store(&have_openat2, 2);
	}
	return open_checked(r, rel, flags);
}
