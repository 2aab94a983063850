/*
 * What index never walks into, whatever links or options say: /proc,
 * /sys and /dev, kernel file systems mounted anywhere else, and newsfs
 * mounts (their files are copies of articles an index holds already; as
 * sources they would keep a deleted article alive).
 *
 * Three ways, each covering what the others cannot:
 *   - /proc/self/mountinfo, read once per run, gives every mount's
 *     device and type, and the paths of newsfs mounts, so that the walk
 *     recognises one by its path before it asks the daemon anything (a
 *     stat of a hung daemon's folder would hang the run);
 *   - at a folder whose device differs from its parent's, statfs() tells
 *     kernel file systems apart, and a FUSE folder holding
 *     user.newsfs.index (every folder of a newsfs mount has it) is a
 *     newsfs mount whatever mountinfo said (no /proc, another mount
 *     namespace, a renamed subtype);
 *   - paths under /proc, /sys and /dev are refused by name.
 */
#include "internal.h"

#include <errno.h>
#include <linux/magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>

static const char *const system_dirs[] = {"/proc", "/sys", "/dev"};

const char *fence_path(const char *path)
{
	for (size_t i = 0; i < NFS_ARRAY_SIZE(system_dirs); i++)
		if (beneath_path(path, system_dirs[i], strlen(system_dirs[i])))
			return WHY_SYSTEM;
	return NULL;
}

static bool kernel_fstype(const char *t)
{
	static const char *const types[] = {
		"proc", "sysfs", "devtmpfs", "devpts", "cgroup", "cgroup2",
		"securityfs", "debugfs", "tracefs", "pstore", "bpf",
		"configfs", "efivarfs", "fusectl", "mqueue", "binfmt_misc",
		"hugetlbfs", "selinuxfs", "nsfs", "rpc_pipefs", "nfsd",
	};
	for (size_t i = 0; i < NFS_ARRAY_SIZE(types); i++)
		if (strcmp(t, types[i]) == 0)
			return true;
	return false;
}

static bool kernel_magic(unsigned long m)
{
	static const unsigned long magics[] = {
		PROC_SUPER_MAGIC, SYSFS_MAGIC, DEVPTS_SUPER_MAGIC,
		CGROUP_SUPER_MAGIC, CGROUP2_SUPER_MAGIC, SECURITYFS_MAGIC,
		DEBUGFS_MAGIC, TRACEFS_MAGIC, PSTOREFS_MAGIC, BPF_FS_MAGIC,
		EFIVARFS_MAGIC, BINFMTFS_MAGIC, HUGETLBFS_MAGIC,
		SELINUX_MAGIC, NSFS_MAGIC,
	};
	for (size_t i = 0; i < NFS_ARRAY_SIZE(magics); i++)
		if (m == magics[i])
			return true;
	return false;
}

static bool newsfs_mount(const struct mountinfo_line *m)
{
	return strcmp(m->fstype, "fuse.newsfs") == 0;
}

static const char *mount_why(const struct mountinfo_line *m)
{
	if (newsfs_mount(m))
		return WHY_NEWSFS;
	if (fence_path(m->point))
		return WHY_SYSTEM;
	return kernel_fstype(m->fstype) ? WHY_KERNEL : NULL;
}

static int add(struct fence *f, const struct mountinfo_line *m,
	       const char *why, bool newsfs)
{
	if (f->n == f->cap) {
		size_t c = f->cap ? f->cap * 2 : 16;
		struct fence_mount *v = realloc(f->v, c * sizeof(*v));
		if (!v)
			return -ENOMEM;
		f->v = v;
		f->cap = c;
	}
	struct fence_mount *e = &f->v[f->n];
	e->dev = makedev(m->major, m->minor);
	e->why = why;
	e->point = NULL;
	if (newsfs && !(e->point = strdup(m->point)))
		return -ENOMEM;
	f->n++;
	return 0;
}

int fence_load(struct fence *f)
{
	FILE *in = fopen("/proc/self/mountinfo", "re");
	if (!in)
		return 0;	/* no /proc: statfs() and names still work */
	char *line = NULL;
	size_t cap = 0;
	int rc = 0;
	while (!rc && getline(&line, &cap, in) > 0) {
		struct mountinfo_line m;
		const char *why;
		if (mountinfo_parse(line, &m) == 0 && (why = mount_why(&m)))
			rc = add(f, &m, why, newsfs_mount(&m));
	}
	free(line);
	fclose(in);
	return rc;
}

void fence_release(struct fence *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->v[i].point);
	free(f->v);
	memset(f, 0, sizeof(*f));
}

const char *fence_dev(const struct fence *f, dev_t dev)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].dev == dev)
			return f->v[i].why;
	return NULL;
}

const char *fence_point(const struct fence *f, const char *path)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].point && strcmp(f->v[i].point, path) == 0)
			return f->v[i].why;
	return NULL;
}

const char *fence_folder(int fd)
{
	struct statfs s;
	if (fstatfs(fd, &s) != 0)
		return NULL;
	if (kernel_magic((unsigned long)s.f_type))
		return WHY_KERNEL;
	if ((unsigned long)s.f_type == FUSE_SUPER_MAGIC &&
	    fgetxattr(fd, "user.newsfs.index", NULL, 0) >= 0)
		return WHY_NEWSFS;
	return NULL;
}
