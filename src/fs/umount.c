/*
 * newsfs umount: unmount a newsfs tree, and nothing else.
 *
 * fusermount3 -u, run as root, unmounts whatever is mounted at a path
 * (a tmpfs and its data included), so the mount is looked at first: it
 * must be the root of a mount whose type is fuse.newsfs. Root then
 * unmounts with umount2(2), by the name the mount has in a parent folder
 * held open, so that nothing can be moved in between but a mount in
 * that very place; other users go through fusermount3, which also
 * checks that the mount is theirs. When the mount is busy the message
 * names the processes that hold it (busy.c).
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#define NEWSFS_FSTYPE "fuse.newsfs"

/* The newsfs mount at path, checked. 0 or an exit status with err set. */
static int check_target(const char *path, struct mnt_info *m, char *err,
			size_t n)
{
	int rc = mnt_of_path(path, m);
	if (rc) {
		snprintf(err, n, "%s: %s", path, rc == -ENOENT ?
			 "no such folder" : strerror(-rc));
		return 1;
	}
	if (!m->is_root) {
		if (strcmp(m->fstype, NEWSFS_FSTYPE) == 0)
			snprintf(err, n, "%s: not a mount point (it is inside "
				 "the newsfs mount at %s)", path, m->point);
		else
			snprintf(err, n, "%s: nothing is mounted here", path);
		return 1;
	}
	if (strcmp(m->fstype, NEWSFS_FSTYPE) != 0) {
		snprintf(err, n, "%s: not a newsfs mount (%s from %s); "
			 "left alone", path, m->fstype, m->source);
		return 1;
	}
	return 0;
}

/* As root: umount2 the mount named base in the folder open at dirfd,
 * after checking again that it is the one checked before. */
static int umount_as_root(const struct mnt_info *m, bool lazy)
{
	char *copy = strdup(m->point), *copy2 = strdup(m->point);
	int rc = -ENOMEM, dirfd = -1;
	if (!copy || !copy2)
		goto out;
	const char *base = basename(copy2);
	dirfd = open(dirname(copy), O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0) {
		rc = -errno;
		goto out;
	}
	char at[64 + PATH_MAX];
	snprintf(at, sizeof(at), "/proc/self/fd/%d/%s", dirfd, base);
	struct mnt_info again;
	rc = strcmp(m->point, "/") == 0 ? -EINVAL : mnt_of_path(at, &again);
	if (rc)
		goto out;
	bool same = again.id == m->id && again.is_root;
	mnt_info_free(&again);
	if (!same) {
		rc = -ESTALE;	/* moved meanwhile: check from the start */
		goto out;
	}
	rc = umount2(at, UMOUNT_NOFOLLOW | (lazy ? MNT_DETACH : 0)) == 0 ? 0
									  : -errno;
out:
	if (dirfd >= 0)
		close(dirfd);
	free(copy);
	free(copy2);
	return rc;
}

/* As another user: fusermount3, whose message (on its stderr) is kept
 * in msg. -EBUSY when it says the mount is busy. */
static int umount_as_user(const char *point, bool lazy, char *msg, size_t n)
{
	int pfd[2];
	msg[0] = '\0';
	if (pipe2(pfd, O_CLOEXEC) != 0)
		return -errno;
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		close(pfd[0]);
		close(pfd[1]);
		return -errno;
	}
	if (pid == 0) {
		dup2(pfd[1], STDERR_FILENO);
		execlp("fusermount3", "fusermount3", lazy ? "-uz" : "-u", "--",
		       point, (char *)NULL);
		dprintf(STDERR_FILENO, "fusermount3: %s", strerror(errno));
		_exit(127);
	}
	close(pfd[1]);
	size_t got = 0;
	ssize_t r;
	while (got < n - 1 && (r = read(pfd[0], msg + got, n - 1 - got)) > 0)
		got += (size_t)r;
	msg[got] = '\0';
	msg[strcspn(msg, "\n")] = '\0';
	close(pfd[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	return strstr(msg, "busy") ? -EBUSY : -EIO;
}

static void explain_busy(const char *path, char *err, size_t n)
{
	struct sbuf who = {0};
	int found = fs_busy_users(path, &who);
	if (found > 0)
		snprintf(err, n, "%s: busy: in use by %s; end those or leave "
			 "the folder, or unmount lazily with 'newsfs umount "
			 "--lazy %s'", path, who.buf, path);
	else
		snprintf(err, n, "%s: busy: a process has a file or folder "
			 "open in it (none of yours; 'fuser -vm %s' as root "
			 "shows which), or unmount lazily with 'newsfs umount "
			 "--lazy %s'", path, path, path);
	sbuf_release(&who);
}

int fs_umount(const char *path, bool lazy, char *err, size_t n)
{
	struct mnt_info m;
	int rc = check_target(path, &m, err, n);
	if (rc)
		return rc;
	char msg[512] = "";
	rc = geteuid() == 0 ? umount_as_root(&m, lazy)
			    : umount_as_user(m.point, lazy, msg, sizeof(msg));
	if (rc == -EBUSY)
		explain_busy(m.point, err, n);
	else if (rc == -ESTALE)
		snprintf(err, n, "%s: the mount changed while it was being "
			 "unmounted; nothing was unmounted", path);
	else if (rc)
		snprintf(err, n, "%s: %s", path, msg[0] ? msg : strerror(-rc));
	mnt_info_free(&m);
	return rc ? 1 : 0;
}
