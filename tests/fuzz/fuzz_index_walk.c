/* Fuzz target: a mount of a crafted index file and a walk of its whole
 * tree (see fuzz_index.h), through the functions the FUSE handlers call:
 * every listing (readdir and readdirplus, in pages), every lookup and
 * attribute, every article's bytes, every extended attribute, names that
 * are not there, and the change journal the watcher replays. */
#include "fuzz_index.h"
#include "fs/internal.h"

#include <linux/fuse.h>

#define MAX_NODES 2000

struct walk {
	struct fs fs;
	struct idx *ix;
	struct fs_conn conn;	/* generation tag 0, as a first mount's */
	struct sbuf buf, val;
	int nodes;
};

static void read_all(struct walk *w, fuse_ino_t ino, int64_t size)
{
	static char chunk[4096];
	size_t got;
	for (int64_t off = 0; off < size && off < (1 << 20); off += (int64_t)got)
		if (idx_article_read(w->ix, node_value(ino), chunk,
				     sizeof(chunk), off, &got) || got == 0)
			break;
}

static void xattrs(struct walk *w, fuse_ino_t ino)
{
	if (fs_xattr_list(w->ix, ino, &w->val))
		return;
	struct sbuf names = {0};
	if (sbuf_add(&names, w->val.buf, w->val.len) == 0)
		for (size_t i = 0; i < names.len; i += strlen(names.buf + i) + 1)
			fs_xattr_get(w->ix, fuzz_db, ino, names.buf + i, &w->val);
	sbuf_release(&names);
	fs_xattr_get(w->ix, fuzz_db, ino, "user.newsfs.nope", &w->val);
	fs_xattr_get(w->ix, fuzz_db, ino, "security.selinux", &w->val);
}

static void visit(struct walk *w, fuse_ino_t dir, int depth);

/* One entry of a listing: look it up by name as the kernel would, and
 * go into it. */
static void entry(struct walk *w, fuse_ino_t dir, const char *name,
		  size_t len, uint64_t ino, int depth)
{
	char n[NFS_NAME_MAX + 1];
	if (len > NFS_NAME_MAX || (len <= 2 && !memcmp(name, "..", len)))
		return;
	memcpy(n, name, len);
	n[len] = '\0';
	fuse_ino_t found;
	struct stat st;
	/* A damaged name index may find another article than the listing
	 * showed: odd, but no harm; go on with what the lookup found. */
	(void)ino;
	if (fs_node_lookup(&w->fs, &w->conn, dir, n, &found, &st) != 0)
		return;
	if (fs_node_attr(&w->fs, &w->conn, found, &st) != 0)
		return;
	if (node_kind(found) == NK_ARTICLE) {
		read_all(w, found, st.st_size);
		xattrs(w, found);
	} else {
		visit(w, found, depth + 1);
	}
}

/* List dir in pages of size bytes, plain or plus, and visit each entry. */
static void list(struct walk *w, fuse_ino_t dir, bool plus, size_t size,
		 int depth)
{
	off_t off = 0;
	struct sbuf page = {0};
	for (int pages = 0; pages < 1000; pages++) {
		if (fs_readdir_fill(&w->fs, NULL, &w->conn, dir, size, off, plus,
				    &w->buf) != 0 || w->buf.len == 0)
			break;
		sbuf_reset(&page);
		if (sbuf_add(&page, w->buf.buf, w->buf.len))
			break;
		off_t next = 0;	/* as the kernel goes on: from the last entry */
		for (size_t at = 0; at < page.len;) {
			const struct fuse_dirent *d;
			size_t step;
			if (plus) {
				const struct fuse_direntplus *p =
					(const void *)(page.buf + at);
				d = &p->dirent;
				step = FUSE_DIRENTPLUS_SIZE(p);
			} else {
				d = (const void *)(page.buf + at);
				step = FUSE_DIRENT_SIZE(d);
			}
			if (at + step > page.len)
				abort();	/* a torn entry */
			if (depth < 6 && w->nodes++ < MAX_NODES)
				entry(w, dir, d->name, d->namelen, d->ino,
				      depth);
			next = (off_t)d->off;
			at += step;
		}
		if (next <= off)
			abort();	/* a listing that does not advance */
		off = next;
	}
	sbuf_release(&page);
}

static void visit(struct walk *w, fuse_ino_t dir, int depth)
{
	struct stat st;
	fuse_ino_t ino;
	list(w, dir, true, 4096, depth);
	list(w, dir, false, 512, depth + 6);	/* pages only, no recursion */
	fs_node_lookup(&w->fs, &w->conn, dir, "nope.txt", &ino, &st);
	fs_node_lookup(&w->fs, &w->conn, dir, "2024", &ino, &st);
	fs_node_lookup(&w->fs, &w->conn, dir, "07", &ino, &st);
	xattrs(w, dir);
}

static int on_change(void *ctx, enum idx_folder f, int64_t key,
		     const char *name)
{
	(*(size_t *)ctx) += (size_t)f + (size_t)key + strlen(name);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];
	struct walk w = {0};
	fuzz_write(data, size);
	if (idx_open(&w.ix, fuzz_db, IDX_READ, err, sizeof(err)) != 0)
		return 0;
	w.conn.ix = w.ix;
	w.fs.uid = getuid();
	w.fs.gid = getgid();
	idx_generation(w.ix, &w.fs.gen);
	w.fs.indexed_at = w.fs.gen.indexed_at;
	if (fsq_init(&w.fs.queries) != 0)
		abort();
	visit(&w, FIXED_ROOT, 0);
	/* Questions of every kind, and a search, on whatever the file holds. */
	static const char *const terms[] = {
		"country=Japan|South Korea", "!date=undated", "date=1987..2024-07",
		"text=\"oil prices\" a*", "official=Reagan", "source=x",
	};
	fuse_ino_t q = node_fixed(0, FIXED_QUERY), found;
	struct stat qst;
	for (size_t i = 0; i < sizeof(terms) / sizeof(*terms); i++) {
		if (fs_node_lookup(&w.fs, &w.conn, q, terms[i], &found,
				   &qst) == 0) {
			visit(&w, found, 1);
			fsq_forget(&w.fs.queries, found, 1);
		}
	}
	if (fs_node_lookup(&w.fs, &w.conn, node_fixed(0, FIXED_SEARCH), "oil",
			   &found, &qst) == 0) {
		visit(&w, found, 1);
		fsq_forget(&w.fs.queries, found, 1);
	}
	fsq_destroy(&w.fs.queries);
	for (fuse_ino_t n = FIXED_ROOT; n < FIXED__END; n++) {
		struct stat st;
		fs_node_attr(&w.fs, &w.conn, n, &st);
	}
	int64_t first, last, v, cursor = 0;
	size_t sum = 0;
	idx_changes_bounds(w.ix, &first, &last);
	idx_changes(w.ix, 0, &cursor, on_change, &sum);
	idx_data_version(w.ix, &v);
	int32_t d = 0;
	for (int i = 0; i < 10000 && d < INT32_MAX &&
			idx_day_next(w.ix, d + 1, &d) == 0; i++)
		;
	sbuf_release(&w.buf);
	sbuf_release(&w.val);
	idx_close(w.ix);
	return 0;
}
