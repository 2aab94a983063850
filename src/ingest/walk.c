/*
 * Walking the inputs into a flat list of files.
 *
 * The whole list is built before anything is read, so the run knows how
 * many files (and, when it stamps them, bytes) lie ahead for progress and
 * ETA, and the incremental check can run over it in one pass. Folders
 * are read one at a time and closed before their subfolders are visited,
 * so depth costs no file descriptors; the pending folders are an
 * explicit stack, so depth costs no C stack either.
 *
 * Symbolic links are followed. Each folder is visited once (by device and
 * inode), which ends symlink cycles and keeps one path per file.
 * Hidden entries (names starting with '.') inside folders are skipped, as
 * rg and most indexers do; a hidden file named on the command line is
 * indexed.
 */
#include "internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int push_off(size_t **v, size_t *n, size_t *cap, size_t off)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 16;
		size_t *p = realloc(*v, c * sizeof(*p));
		if (!p)
			return -ENOMEM;
		*v = p;
		*cap = c;
	}
	(*v)[(*n)++] = off;
	return 0;
}

static int arena_add(struct walk *w, const char *s, size_t len, size_t *off)
{
	*off = w->arena.len;
	int rc = sbuf_add(&w->arena, s, len);
	return rc ? rc : sbuf_addch(&w->arena, '\0');
}

static void reject(struct walk *w, const char *path, const char *reason)
{
	w->rejected++;
	if (w->reject)
		w->reject(w->ctx, path, reason);
}

static const char *file_type_reason(mode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFIFO: return "not a regular file (FIFO)";
	case S_IFCHR: return "not a regular file (character device)";
	case S_IFBLK: return "not a regular file (block device)";
	case S_IFSOCK: return "not a regular file (socket)";
	default: return "not a regular file";
	}
}

/* Why stat(path) failed, telling symlink trouble apart. */
static const char *stat_reason(int dirfd, const char *name, int err)
{
	struct stat l;
	if (err == ELOOP)
		return "symbolic link loop";
	if (err == ENOENT && fstatat(dirfd, name, &l, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISLNK(l.st_mode))
		return "dangling symbolic link";
	return strerror(err);
}

/* st NULL: a regular file listed without a stamp (w->stamps off). */
static int add_file(struct walk *w, const char *path, size_t len,
		    const struct stat *st)
{
	if (w->nfiles == w->capfiles) {
		size_t c = w->capfiles ? w->capfiles * 2 : 256;
		struct walk_file *f = realloc(w->files, c * sizeof(*f));
		if (!f)
			return -ENOMEM;
		w->files = f;
		w->capfiles = c;
	}
	struct walk_file *f = &w->files[w->nfiles];
	int rc = arena_add(w, path, len, &f->path);
	if (rc)
		return rc;
	f->stamp = st ? stamp_of(st) : (struct idx_stamp){0};
	if (st)
		w->bytes += st->st_size;
	f->state = FILE_TODO;
	f->indexed = false;
	w->nfiles++;
	return 0;
}

/* A folder entry: its name and d_type (DT_UNKNOWN on file systems that
 * do not say). */
struct dent {
	char *name;
	unsigned char type;
};

static int cmp_dent(const void *a, const void *b)
{
	return strcmp(((const struct dent *)a)->name,
		      ((const struct dent *)b)->name);
}

/* Read the entries of folder path, sorted, hidden ones left out.
 * OUT: *names (malloc'd, as their names) and *n. */
static int read_names(DIR *d, struct dent **names, size_t *n)
{
	struct dent *v = NULL;
	size_t cnt = 0, cap = 0;
	struct dirent *e;
	int rc = 0;
	errno = 0;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (cnt == cap) {
			cap = cap ? cap * 2 : 64;
			struct dent *p = realloc(v, cap * sizeof(*p));
			if (!p) {
				rc = -ENOMEM;
				break;
			}
			v = p;
		}
		v[cnt].type = e->d_type;
		if (!(v[cnt].name = strdup(e->d_name))) {
			rc = -ENOMEM;
			break;
		}
		cnt++;
	}
	if (!rc && errno)
		rc = -errno;
	if (!rc && cnt > 1)
		qsort(v, cnt, sizeof(*v), cmp_dent);
	*names = v;
	*n = cnt;
	return rc;
}

static void free_names(struct dent *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i].name);
	free(names);
}

/* Classify one entry of an open folder: list it, queue it, or reject. */
static int visit_entry(struct walk *w, int dfd, const char *dir,
		       const struct dent *e, struct sbuf *stack)
{
	const char *name = e->name;
	struct sbuf path = {0};
	struct stat st;
	int rc = sbuf_addf(&path, "%s%s%s", dir,
			   dir[strlen(dir) - 1] == '/' ? "" : "/", name);
	if (rc)
		return rc;
	/* A stat per file was 7% of a first run's writer thread; the
	 * reader (read.c) still refuses what is no longer a regular file. */
	if (!w->stamps && e->type == DT_REG) {
		rc = add_file(w, path.buf, path.len, NULL);
	} else if (fstatat(dfd, name, &st, 0) != 0) {
		reject(w, path.buf, stat_reason(dfd, name, errno));
	} else if (S_ISREG(st.st_mode)) {
		rc = add_file(w, path.buf, path.len, &st);
	} else if (S_ISDIR(st.st_mode)) {
		rc = pairset_add(&w->visited, st.st_dev, st.st_ino);
		if (rc == 0)
			reject(w, path.buf, "folder already visited "
			       "(symbolic link cycle or second path)");
		else if (rc > 0)
			rc = sbuf_add(stack, path.buf, path.len + 1);
	} else {
		reject(w, path.buf, file_type_reason(st.st_mode));
	}
	sbuf_release(&path);
	return rc < 0 ? rc : 0;
}

static int walk_dir(struct walk *w, const char *dir, struct sbuf *stack)
{
	/* Deep trees: a folder's path may be longer than PATH_MAX. */
	int fd = nfs_open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		errno = e;
		size_t off;
		reject(w, dir, strerror(errno));
		int rc = arena_add(w, dir, strlen(dir), &off);
		return rc ? rc : push_off(&w->keep, &w->nkeep, &w->capkeep, off);
	}
	struct dent *names;
	size_t n;
	int rc = read_names(d, &names, &n);
	if (rc == -ENOMEM) {
		free_names(names, n);
		closedir(d);
		return rc;
	}
	/* Files are listed in name order; sub-folders are pushed in name
	 * order and so visited in reverse: deterministic, which is what the
	 * choice of file names on collisions needs. */
	for (size_t i = 0; !rc && i < n; i++)
		rc = visit_entry(w, dirfd(d), dir, &names[i], stack);
	free_names(names, n);
	closedir(d);
	return rc;
}

/* Depth-first over the folders below root (already visited). */
static int walk_tree(struct walk *w, const char *root)
{
	struct sbuf stack = {0};	/* pending folders, NUL-separated */
	int rc = sbuf_add(&stack, root, strlen(root) + 1);
	while (!rc && stack.len) {
		/* Pop the last NUL-terminated string. */
		size_t end = stack.len - 1, start = end;
		while (start > 0 && stack.buf[start - 1] != '\0')
			start--;
		char *dir = strdup(stack.buf + start);
		stack.len = start;
		if (!dir) {
			rc = -ENOMEM;
			break;
		}
		rc = walk_dir(w, dir, &stack);
		free(dir);
	}
	sbuf_release(&stack);
	return rc;
}

/* A folder named on the command line: remember it (vanished sources
 * below it are dropped at the end) and walk it. */
static int walk_root(struct walk *w, const char *abs)
{
	size_t off;
	int rc = arena_add(w, abs, strlen(abs), &off);
	if (!rc)
		rc = push_off(&w->dirs, &w->ndirs, &w->capdirs, off);
	return rc ? rc : walk_tree(w, abs);
}

static int walk_one(struct walk *w, const char *arg)
{
	char *abs = realpath(arg, NULL);
	struct stat st;
	if (!abs || stat(abs, &st) != 0) {
		reject(w, arg, stat_reason(AT_FDCWD, arg, errno));
		free(abs);
		return 0;
	}
	int rc = 0;
	if (S_ISREG(st.st_mode)) {
		rc = add_file(w, abs, strlen(abs), &st);
	} else if (S_ISDIR(st.st_mode)) {
		/* Already visited: the same folder was given twice. */
		rc = pairset_add(&w->visited, st.st_dev, st.st_ino);
		if (rc > 0)
			rc = walk_root(w, abs);
	} else {
		reject(w, arg, file_type_reason(st.st_mode));
	}
	free(abs);
	return rc < 0 ? rc : 0;
}

int walk_paths(struct walk *w, const char *const *paths, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int rc = walk_one(w, paths[i]);
		if (rc)
			return rc;
	}
	return 0;
}

void walk_release(struct walk *w)
{
	sbuf_release(&w->arena);
	free(w->files);
	free(w->dirs);
	free(w->keep);
	pairset_free(&w->visited);
	memset(w, 0, sizeof(*w));
}
