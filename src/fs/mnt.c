/*
 * What is mounted where, from /proc/self/mountinfo (proc(5)).
 *
 * A folder is named by an open descriptor, not by a path: the kernel
 * says which mount the descriptor is on (mnt_id in /proc/self/fdinfo)
 * and where that folder is (/proc/self/fd), so a relative spelling, a
 * symbolic link or a dead FUSE mount (whose root answers stat with
 * ENOTCONN) all come out as the one mount they are. O_PATH opens never
 * call into the file system, so they work on dead mounts too.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void mnt_info_free(struct mnt_info *m)
{
	free(m->point);
	free(m->fstype);
	free(m->source);
	memset(m, 0, sizeof(*m));
}

/* mountinfo writes space, tab, newline and backslash as \ooo. */
static char *unescape(const char *s, size_t len)
{
	char *out = malloc(len + 1), *d = out;
	if (!out)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 3 < len && s[i + 1] >= '0' &&
		    s[i + 1] <= '3' && s[i + 2] >= '0' && s[i + 2] <= '7' &&
		    s[i + 3] >= '0' && s[i + 3] <= '7') {
			*d++ = (char)((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 +
				      (s[i + 3] - '0'));
			i += 3;
		} else {
			*d++ = s[i];
		}
	}
	*d = '\0';
	return out;
}

/* The n-th space-separated field of line (0-based), as a pointer into
 * line and a length; NULL when there are fewer. */
static const char *field(const char *line, int n, size_t *len)
{
	const char *p = line;
	for (int i = 0; i < n; i++) {
		p = strchr(p, ' ');
		if (!p)
			return NULL;
		p++;
	}
	*len = strcspn(p, " \n");
	return p;
}

/* Fill m from one mountinfo line: "id parent maj:min root point opts
 * [optional...] - fstype source superopts". */
static int parse_line(const char *line, struct mnt_info *m)
{
	size_t len;
	const char *point = field(line, 4, &len);
	const char *sep = strstr(line, " - ");
	if (!point || !sep)
		return -EINVAL;
	m->point = unescape(point, len);
	size_t tlen, slen;
	const char *type = field(sep + 3, 0, &tlen);
	const char *source = field(sep + 3, 1, &slen);
	if (!type || !source)
		return -EINVAL;
	m->fstype = unescape(type, tlen);
	m->source = unescape(source, slen);
	return m->point && m->fstype && m->source ? 0 : -ENOMEM;
}

static int mount_id_of(int fd, int *id)
{
	char path[64], line[256];
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	FILE *f = fopen(path, "re");
	if (!f)
		return -errno;
	int rc = -ENOSYS;	/* a kernel without mnt_id (before 3.15) */
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "mnt_id: %d", id) == 1) {
			rc = 0;
			break;
		}
	fclose(f);
	return rc;
}

/* The mount the folder open at fd is on. */
static int mnt_of_fd(int fd, struct mnt_info *m)
{
	memset(m, 0, sizeof(*m));
	int id, rc = mount_id_of(fd, &id);
	if (rc)
		return rc;
	FILE *f = fopen("/proc/self/mountinfo", "re");
	if (!f)
		return -errno;
	char *line = NULL;
	size_t cap = 0;
	rc = -ENOENT;
	while (getline(&line, &cap, f) > 0) {
		int this;
		if (sscanf(line, "%d ", &this) == 1 && this == id) {
			m->id = id;
			rc = parse_line(line, m);
			break;
		}
	}
	free(line);
	fclose(f);
	if (rc) {
		mnt_info_free(m);
		return rc == -ENOENT ? -ESRCH : rc;	/* unmounted meanwhile */
	}
	char self[64], where[PATH_MAX];
	snprintf(self, sizeof(self), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(self, where, sizeof(where) - 1);
	if (n < 0) {
		rc = -errno;
		mnt_info_free(m);
		return rc;
	}
	where[n] = '\0';
	m->is_root = strcmp(where, m->point) == 0;
	return 0;
}

/* O_PATH descriptor of path (following links), or -errno. */
static int mnt_open(const char *path)
{
	int fd = open(path, O_PATH | O_CLOEXEC);
	return fd >= 0 ? fd : -errno;
}

int mnt_of_path(const char *path, struct mnt_info *m)
{
	int fd = mnt_open(path);
	if (fd < 0) {
		memset(m, 0, sizeof(*m));
		return fd;
	}
	int rc = mnt_of_fd(fd, m);
	close(fd);
	return rc;
}
