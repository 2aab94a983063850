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
 * The paths given are taken in the order of their real paths, whatever
 * the order on the command line, so that the same inputs always give the
 * same list, the same ids and names, and the same exit status (a folder
 * given inside another one given is walked once, as part of it).
 *
 * Symbolic links below a folder named on the command line are followed
 * only while they stay below it (beneath.c), unless follow_links says
 * otherwise; the folder named may itself be a link, which the user chose.
 * Each folder is visited once (by device and inode), which ends symlink
 * cycles and keeps one path per file. /proc, /sys, /dev and newsfs mounts
 * are never entered (fence.c). A run by root takes only what every user
 * could read (public_only): a file readable by others, in folders others
 * may enter, from the folder named down. What is left out on purpose is
 * reported through skip, one line each, and is not an error.
 *
 * Hidden entries (names starting with '.') inside folders are skipped, as
 * rg and most indexers do, and so are those an --exclude pattern matches
 * (exclude.c); a hidden or excluded file named on the command line is
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

/* Folders named beyond this many are opened again for each use instead
 * of keeping a descriptor each. */
#define ROOT_FDS 64

/* One pending folder: its path (offset into the walk's stack strings) and
 * the device of the folder it was found in. */
struct pending {
	size_t off;
	dev_t parent;
};

struct stack {
	struct sbuf names;
	struct pending *v;
	size_t n, cap;
};

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

static int push(struct stack *s, const char *path, size_t len, dev_t parent)
{
	if (s->n == s->cap) {
		size_t c = s->cap ? s->cap * 2 : 16;
		struct pending *p = realloc(s->v, c * sizeof(*p));
		if (!p)
			return -ENOMEM;
		s->v = p;
		s->cap = c;
	}
	s->v[s->n] = (struct pending){.off = s->names.len, .parent = parent};
	int rc = sbuf_add(&s->names, path, len + 1);
	if (!rc)
		s->n++;
	return rc;
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

static void skip(struct walk *w, const char *path, const char *why)
{
	w->skipped++;
	if (w->skip)
		w->skip(w->ctx, path, why);
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

/* Why following a link (or a path through one) failed. */
static const char *link_reason(int err)
{
	return err == ENOENT ? "dangling symbolic link" : open_reason(err);
}

/* Why stat(path) failed, telling symlink trouble apart. */
static const char *stat_reason(int dirfd, const char *name, int err)
{
	struct stat l;
	if (err == ENOENT && fstatat(dirfd, name, &l, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISLNK(l.st_mode))
		return "dangling symbolic link";
	return open_reason(err);
}

/* st NULL: a regular file listed without a stamp (w->stamps off). */
static int add_file(struct walk *w, const char *path, size_t len,
		    const struct stat *st, uint32_t root)
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
	f->root = root;
	f->state = FILE_TODO;
	f->indexed = false;
	w->nfiles++;
	return 0;
}

/* path relative to its root (path lies below root r). */
static const char *rel_path(const struct walk_root *r, const char *path)
{
	const char *rel = path + (r->len == 1 ? 1 : r->len);
	return *rel == '/' ? rel + 1 : rel;
}

static int open_below(const struct walk *w, uint32_t root, const char *path,
		      int flags)
{
	if (w->follow_links || root == WALK_NO_ROOT) {
		/* A file named on the command line was resolved when it was
		 * named: a link in its place now is someone else's doing. */
		int fd = nfs_open(path, flags |
				  (root == WALK_NO_ROOT ? O_NOFOLLOW : 0), 0);
		return fd < 0 ? -errno : fd;
	}
	const struct walk_root *r = &w->roots[root];
	const char *rel = rel_path(r, path);
	return beneath_open(r, *rel ? rel : ".", flags);
}

int walk_open(const struct walk *w, const struct walk_file *f)
{
	return open_below(w, f->root, walk_path(w, f->path), INPUT_FLAGS);
}

/* What a symbolic link below root leads to, in *st; or 1 when it was
 * skipped or rejected (and reported). */
static int follow(struct walk *w, uint32_t root, int dfd, const char *name,
		  const char *path, struct stat *st)
{
	if (w->follow_links) {
		if (fstatat(dfd, name, st, 0) == 0)
			return 0;
		reject(w, path, stat_reason(dfd, name, errno));
		return 1;
	}
	int fd = open_below(w, root, path, O_PATH | O_CLOEXEC);
	if (fd >= 0) {
		int rc = fstat(fd, st) == 0 ? 0 : -errno;
		close(fd);
		if (!rc)
			return 0;
		fd = rc;
	}
	if (fd == -EXDEV)
		skip(w, path, WHY_OUTSIDE);
	else
		reject(w, path, link_reason(-fd));
	return 1;
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

/* The folder being read: what its entries are checked against. */
struct here {
	uint32_t root;
	int fd;
	const char *path;
	dev_t dev;
};

/* A folder entry that is (or leads to) st: list it, queue it, or say
 * why not. */
static int take(struct walk *w, const struct here *h, const char *path,
		size_t len, const struct stat *st, struct stack *stack)
{
	const char *why = NULL;
	if (w->nexclude && walk_excluded(w, h->root, path,
					 S_ISDIR(st->st_mode))) {
		w->excluded++;
		return 0;
	}
	/* Only another device can be a mount never to enter. */
	if (st->st_dev != h->dev)
		why = fence_dev(&w->fence, st->st_dev);
	if (!why && S_ISDIR(st->st_mode))
		why = fence_path(path);
	if (why) {
		skip(w, path, why);
		return 0;
	}
	if (S_ISREG(st->st_mode)) {
		if (w->public_only && !(st->st_mode & S_IROTH)) {
			skip(w, path, WHY_PRIVATE_FILE);
			return 0;
		}
		return add_file(w, path, len, st, h->root);
	}
	if (!S_ISDIR(st->st_mode)) {
		reject(w, path, file_type_reason(st->st_mode));
		return 0;
	}
	if (w->public_only && !(st->st_mode & S_IXOTH)) {
		skip(w, path, WHY_PRIVATE_DIR);
		return 0;
	}
	int rc = pairset_add(&w->visited, st->st_dev, st->st_ino);
	if (rc == 0)
		skip(w, path, WHY_VISITED);
	return rc > 0 ? push(stack, path, len, h->dev) : rc;
}

/* Classify one entry of an open folder: list it, queue it, or say why
 * not. */
static int visit_entry(struct walk *w, const struct here *h,
		       const struct dent *e, struct stack *stack)
{
	const char *name = e->name;
	struct sbuf path = {0};
	struct stat st;
	int rc = sbuf_addf(&path, "%s%s%s", h->path,
			   h->path[strlen(h->path) - 1] == '/' ? "" : "/", name);
	if (rc)
		return rc;
	const char *why;
	/* A stat per file was a large part of a first run's writer thread
	 * (docs/performance-history.md); the reader (read.c) still refuses
	 * what is no longer a regular file. */
	if (!w->stamps && e->type == DT_REG) {
		if (w->nexclude && walk_excluded(w, h->root, path.buf, false))
			w->excluded++;
		else
			rc = add_file(w, path.buf, path.len, NULL, h->root);
	} else if ((e->type == DT_DIR || e->type == DT_UNKNOWN) &&
		   (why = fence_point(&w->fence, path.buf))) {
		skip(w, path.buf, why);	/* before asking its daemon */
	} else if (fstatat(h->fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
		reject(w, path.buf, open_reason(errno));
	} else if (!S_ISLNK(st.st_mode) ||
		   follow(w, h->root, h->fd, name, path.buf, &st) == 0) {
		rc = take(w, h, path.buf, path.len, &st, stack);
	}
	sbuf_release(&path);
	return rc < 0 ? rc : 0;
}

/* A folder that cannot be read keeps what the index had below it. */
static int keep(struct walk *w, const char *dir, const char *reason)
{
	size_t off;
	reject(w, dir, reason);
	int rc = arena_add(w, dir, strlen(dir), &off);
	return rc ? rc : push_off(&w->keep, &w->nkeep, &w->capkeep, off);
}

static int walk_dir(struct walk *w, uint32_t root, const char *dir,
		    dev_t parent, struct stack *stack)
{
	int fd = open_below(w, root, dir,
			    O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	if (fd == -EXDEV) {	/* became a link out since it was seen */
		skip(w, dir, WHY_OUTSIDE);
		return 0;
	}
	if (fd < 0)
		return keep(w, dir, open_reason(-fd));
	if (fstat(fd, &st) != 0) {
		int e = errno;
		close(fd);
		return keep(w, dir, strerror(e));
	}
	const char *why = st.st_dev == parent ? NULL : fence_folder(fd);
	/* Checked when it was found, and again on what was opened: someone
	 * who can rename entries here may have swapped folders since. */
	if (!why && w->public_only && !(st.st_mode & S_IXOTH))
		why = WHY_PRIVATE_DIR;
	if (why) {
		close(fd);
		skip(w, dir, why);
		return 0;
	}
	DIR *d = fdopendir(fd);
	if (!d) {
		int e = errno;
		close(fd);
		return e == ENOMEM ? -ENOMEM : keep(w, dir, strerror(e));
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
	struct here h = {.root = root, .fd = fd, .path = dir, .dev = st.st_dev};
	for (size_t i = 0; !rc && i < n; i++)
		rc = visit_entry(w, &h, &names[i], stack);
	free_names(names, n);
	closedir(d);
	return rc;
}

/* Depth-first over the folders below root r (already visited). */
static int walk_tree(struct walk *w, uint32_t r, dev_t dev)
{
	struct stack s = {0};
	int rc = push(&s, w->roots[r].path, w->roots[r].len, dev);
	while (!rc && s.n) {
		struct pending p = s.v[--s.n];
		char *dir = strdup(s.names.buf + p.off);
		s.names.len = p.off;
		if (!dir) {
			rc = -ENOMEM;
			break;
		}
		rc = walk_dir(w, r, dir, p.parent, &s);
		free(dir);
	}
	sbuf_release(&s.names);
	free(s.v);
	return rc;
}

static int add_root(struct walk *w, const char *abs, uint32_t *r)
{
	if (w->nroots == w->caproots) {
		size_t c = w->caproots ? w->caproots * 2 : 8;
		struct walk_root *v = realloc(w->roots, c * sizeof(*v));
		if (!v)
			return -ENOMEM;
		w->roots = v;
		w->caproots = c;
	}
	struct walk_root *root = &w->roots[w->nroots];
	if (!(root->path = strdup(abs)))
		return -ENOMEM;
	root->len = strlen(abs);
	root->fd = w->nroots < ROOT_FDS
		   ? open(abs, O_PATH | O_DIRECTORY | O_CLOEXEC) : -1;
	*r = (uint32_t)w->nroots++;
	return 0;
}

/* A folder named on the command line: remember it (vanished sources
 * below it are dropped at the end) and walk it. */
static int walk_root(struct walk *w, const char *abs, const struct stat *st)
{
	size_t off;
	uint32_t r;
	int rc = arena_add(w, abs, strlen(abs), &off);
	if (!rc)
		rc = push_off(&w->dirs, &w->ndirs, &w->capdirs, off);
	if (!rc)
		rc = add_root(w, abs, &r);
	/* A device no folder above it has: walk_dir() looks at what it is. */
	return rc ? rc : walk_tree(w, r, st->st_dev + 1);
}

/* Why the path given, of real path abs, is never indexed, or NULL. A
 * file's folder tells whether it is in a newsfs mount. */
static const char *fenced(const struct walk *w, const char *abs,
			  const struct stat *st)
{
	const char *why = fence_path(abs);
	if (!why)
		why = fence_dev(&w->fence, st->st_dev);
	if (!why && !S_ISDIR(st->st_mode)) {
		char *slash = strrchr(abs, '/');
		char *dir = slash == abs ? strdup("/")
					 : strndup(abs, (size_t)(slash - abs));
		int fd = dir ? open(dir, O_RDONLY | O_DIRECTORY | O_NONBLOCK |
				    O_CLOEXEC) : -1;
		if (fd >= 0) {
			why = fence_folder(fd);
			close(fd);
		}
		free(dir);
	}
	return why;
}

/* One path given, resolved. */
struct arg {
	char *abs;
	struct stat st;
};

static int walk_arg(struct walk *w, const struct arg *a)
{
	const char *why = fenced(w, a->abs, &a->st);
	if (why) {
		skip(w, a->abs, why);
		return 0;
	}
	int rc = 0;
	if (S_ISREG(a->st.st_mode)) {
		if (w->public_only && !(a->st.st_mode & S_IROTH))
			skip(w, a->abs, WHY_PRIVATE_FILE);
		else
			rc = add_file(w, a->abs, strlen(a->abs), &a->st,
				      WALK_NO_ROOT);
	} else if (S_ISDIR(a->st.st_mode)) {
		/* Already visited: given twice, or inside one given. */
		rc = pairset_add(&w->visited, a->st.st_dev, a->st.st_ino);
		if (rc > 0 && w->public_only && !(a->st.st_mode & S_IXOTH))
			skip(w, a->abs, WHY_PRIVATE_DIR);
		else if (rc > 0)
			rc = walk_root(w, a->abs, &a->st);
	} else {
		reject(w, a->abs, file_type_reason(a->st.st_mode));
	}
	return rc < 0 ? rc : 0;
}

static int cmp_arg(const void *a, const void *b)
{
	return strcmp(((const struct arg *)a)->abs,
		      ((const struct arg *)b)->abs);
}

int walk_paths(struct walk *w, const char *const *paths, size_t n)
{
	struct arg *args = calloc(n + 1, sizeof(*args));
	size_t k = 0;
	int rc = args ? fence_load(&w->fence) : -ENOMEM;
	for (size_t i = 0; !rc && i < n; i++) {
		struct arg *a = &args[k];
		a->abs = realpath(paths[i], NULL);
		if (a->abs && stat(a->abs, &a->st) == 0) {
			k++;
		} else {
			reject(w, paths[i],
			       stat_reason(AT_FDCWD, paths[i], errno));
			free(a->abs);
		}
	}
	if (!rc && k > 1)
		qsort(args, k, sizeof(*args), cmp_arg);
	for (size_t i = 0; !rc && i < k; i++)
		if (i == 0 || strcmp(args[i].abs, args[i - 1].abs) != 0)
			rc = walk_arg(w, &args[i]);
	for (size_t i = 0; args && i < k; i++)
		free(args[i].abs);
	free(args);
	return rc;
}

void walk_release(struct walk *w)
{
	sbuf_release(&w->arena);
	free(w->files);
	free(w->dirs);
	free(w->keep);
	for (size_t i = 0; i < w->nroots; i++) {
		if (w->roots[i].fd >= 0)
			close(w->roots[i].fd);
		free(w->roots[i].path);
	}
	free(w->roots);
	fence_release(&w->fence);
	pairset_free(&w->visited);
	memset(w, 0, sizeof(*w));
}
