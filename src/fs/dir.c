/*
 * Directory listings. Offsets: "." is 1, ".." is 2, every other entry is
 * its keyset cursor + 3 (the article or facet id, or the year, month or
 * day number) with the generation's tag above it. A readdir call resumes
 * with "cursor > off - 3", so listing a folder of n entries in many calls
 * costs O(n) and needs no state between calls (which is why opendir can
 * say ENOSYS); the tag tells a listing begun on a replaced index, which
 * cannot go on in the new one (-ESTALE) rather than list a mix of both.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define OFF_BASE 3
#define OFF_TAG_SHIFT 41	/* above any cursor + OFF_BASE */
#define UNDATED_CURSOR 10000	/* after every year */

_Static_assert(NODE_VALUE_MAX + OFF_BASE < (UINT64_C(1) << OFF_TAG_SHIFT) &&
	       OFF_TAG_SHIFT + 20 < 63, "offsets hold a cursor and a tag");

static off_t off_make(uint32_t tag, int64_t cursor)
{
	return (off_t)((uint64_t)tag << OFF_TAG_SHIFT |
		       (uint64_t)(cursor + OFF_BASE));
}

struct fill {
	fuse_req_t req;
	struct fs *fs;
	struct fs_conn *c;
	uint32_t tag;
	struct sbuf *buf;
	size_t size;
	bool plus;
	double timeout;	/* of the entries' names */
};

/* Add one entry; returns 1 when the buffer is full (entry not added). */
static int add_entry(struct fill *f, const char *name, const struct stat *st,
		     off_t off)
{
	char *p = f->buf->buf + f->buf->len;
	size_t room = f->size - f->buf->len, need;
	if (f->plus) {
		struct fuse_entry_param e = {
			.ino = st->st_ino,
			.generation = (uint64_t)f->fs->gen.epoch,
			.attr = *st,
			.attr_timeout = FS_TIMEOUT,
			.entry_timeout = f->timeout,
		};
		need = fuse_add_direntry_plus(f->req, p, room, name, &e, off);
	} else {
		need = fuse_add_direntry(f->req, p, room, name, st, off);
	}
	if (need > room)
		return 1;
	f->buf->len += need;
	return 0;
}

static int add_dir(struct fill *f, const char *name, fuse_ino_t ino,
		   int64_t cursor)
{
	struct stat st;
	fs_dir_stat(f->fs, ino, &st);
	return add_entry(f, name, &st, off_make(f->tag, cursor));
}

/* Rows whose id cannot be a node (a crafted index) are left out. */
static int on_article(void *ctx, const struct idx_attr *a, const char *name)
{
	struct fill *f = ctx;
	struct stat st;
	if (!node_fits(a->id))
		return 0;
	fs_article_stat(f->fs, f->tag, a, &st);
	return add_entry(f, name, &st, off_make(f->tag, a->id));
}

static int on_query_entry(void *ctx, const struct idx_attr *a,
			  const char *name, int64_t cursor)
{
	struct fill *f = ctx;
	struct stat st;
	if (!node_fits(a->id))
		return 0;
	fs_article_stat(f->fs, f->tag, a, &st);
	return add_entry(f, name, &st, off_make(f->tag, cursor));
}

/* query/ and search/ list their README alone. */
static int list_help(struct fill *f, fuse_ino_t ino, int64_t after)
{
	struct stat st;
	if (after >= 1)
		return 0;
	fuse_ino_t help = node_make(f->tag, NK_HELP,
				    node_which(ino) == FIXED_SEARCH ? 2 : 1);
	if (fs_node_attr(f->fs, f->c, help, &st))
		return 0;
	return add_entry(f, FSQ_HELP, &st, off_make(f->tag, 1));
}

static int on_facet(void *ctx, int64_t id, const char *name, enum node_kind k)
{
	struct fill *f = ctx;
	return node_fits(id) ? add_dir(f, name, node_make(f->tag, k, id), id)
			     : 0;
}

static int on_country(void *ctx, int64_t id, const char *name)
{
	return on_facet(ctx, id, name, NK_COUNTRY);
}

static int on_official(void *ctx, int64_t id, const char *name)
{
	return on_facet(ctx, id, name, NK_OFFICIAL);
}

static int on_publication(void *ctx, int64_t id, const char *name)
{
	return on_facet(ctx, id, name, NK_PUBLICATION);
}

static fuse_ino_t parent_of(fuse_ino_t ino)
{
	int64_t v = node_value(ino);
	uint32_t tag = node_tag(ino);
	switch (node_kind(ino)) {
	case NK_COUNTRY: return node_fixed(tag, FIXED_BY_COUNTRY);
	case NK_OFFICIAL: return node_fixed(tag, FIXED_BY_OFFICIAL);
	case NK_PUBLICATION: return node_fixed(tag, FIXED_BY_SOURCE);
	case NK_YEAR: return node_fixed(tag, FIXED_BY_DATE);
	case NK_MONTH: return node_make(tag, NK_YEAR, v / 100);
	case NK_DAY: return node_make(tag, NK_MONTH, v / 100);
	case NK_QUERY: return node_fixed(tag, FIXED_QUERY);
	default:
		return node_fixed(tag, node_which(ino) == FIXED_UNDATED ?
				       FIXED_BY_DATE : FIXED_ROOT);
	}
}

static int list_root(struct fill *f, int64_t after)
{
	const char *name;
	enum fixed_node which;
	for (int64_t i = after < 0 ? 0 : after;
	     (name = fs_root_name((size_t)i, &which)); i++)
		if (add_dir(f, name, node_fixed(f->tag, which), i + 1))
			return 1;
	return 0;
}

/* Children of a calendar folder (or of by-date/ itself): each step asks
 * for the next day with articles beyond the current child. */
static int list_calendar(struct fill *f, struct idx *ix, fuse_ino_t ino,
			 int64_t after)
{
	enum node_kind k = node_kind(ino);
	int64_t v = node_value(ino);
	/* Child c of this folder covers days [c * unit, (c + 1) * unit). */
	int64_t unit = k == NK_FIXED ? 10000 : k == NK_YEAR ? 100 : 1;
	int64_t base = k == NK_FIXED ? 0 : v * 100;
	int64_t end = k == NK_FIXED ? UNDATED_CURSOR : k == NK_YEAR ? 12 : 31;
	enum node_kind child = k == NK_FIXED ? NK_YEAR :
			       k == NK_YEAR ? NK_MONTH : NK_DAY;
	for (int64_t c = after;;) {
		int32_t d;
		int rc = idx_day_next(ix, (int32_t)((base + c + 1) * unit), &d);
		if (rc == -ENOENT)
			break;
		if (rc)
			return rc;
		c = d / unit - base;
		if (c > end)
			break;
		char name[8];
		snprintf(name, sizeof(name), k == NK_FIXED ? "%04d" : "%02d",
			 (int)c);
		if (add_dir(f, name, node_make(f->tag, child, base + c), c))
			return 1;
	}
	if (k == NK_FIXED && after < UNDATED_CURSOR)
		return add_dir(f, "undated", node_fixed(f->tag, FIXED_UNDATED),
			       UNDATED_CURSOR);
	return 0;
}

static int list_dots(struct fill *f, fuse_ino_t ino, off_t off)
{
	struct stat st;
	fs_dir_stat(f->fs, ino, &st);
	if (off < 1 && add_entry(f, ".", &st, 1))
		return 1;
	if (off < 2) {
		st.st_ino = parent_of(ino);
		if (add_entry(f, "..", &st, 2))
			return 1;
	}
	return 0;
}

static int list_children(struct fill *f, struct idx *ix, fuse_ino_t ino,
			 int64_t after)
{
	int64_t v = node_value(ino);
	switch (node_kind(ino)) {
	case NK_COUNTRY:
		return idx_view_list(ix, IDX_VIEW_COUNTRY, v, after, on_article, f);
	case NK_OFFICIAL:
		return idx_view_list(ix, IDX_VIEW_OFFICIAL, v, after, on_article,
				     f);
	case NK_DAY:
		return idx_view_list(ix, IDX_VIEW_DAY, v, after, on_article, f);
	case NK_PUBLICATION:
		return idx_view_list(ix, IDX_VIEW_PUBLICATION, v, after,
				     on_article, f);
	case NK_YEAR:
	case NK_MONTH:
		return list_calendar(f, ix, ino, after);
	case NK_QUERY:
		return fsq_list(f->fs, f->c, ino, after, on_query_entry, f);
	default:
		break;
	}
	switch (node_which(ino)) {
	case FIXED_ROOT: return list_root(f, after);
	case FIXED_ARTICLES:
		return idx_view_list(ix, IDX_VIEW_ALL, 0, after, on_article, f);
	case FIXED_UNDATED:
		return idx_view_list(ix, IDX_VIEW_UNDATED, 0, after, on_article, f);
	case FIXED_BY_COUNTRY:
		return idx_facet_list(ix, IDX_COUNTRY, after, on_country, f);
	case FIXED_BY_OFFICIAL:
		return idx_facet_list(ix, IDX_OFFICIAL, after, on_official, f);
	case FIXED_BY_SOURCE:
		return idx_facet_list(ix, IDX_PUBLICATION, after, on_publication,
				      f);
	case FIXED_BY_DATE: return list_calendar(f, ix, ino, after);
	case FIXED_QUERY:
	case FIXED_SEARCH: return list_help(f, ino, after);
	default: return -ENOENT;
	}
}

int fs_readdir_fill(struct fs *fs, fuse_req_t req, struct fs_conn *c,
		    fuse_ino_t ino, size_t size, off_t off, bool plus,
		    struct sbuf *buf)
{
	if (node_kind(ino) == NK_ARTICLE || node_kind(ino) == NK_HELP)
		return -ENOTDIR;
	/* A listing goes on where its ids still mean the same articles. */
	int64_t after = 0;
	if (off > 2) {
		uint64_t o = (uint64_t)off;
		int rc = conn_tag_ok(c, (uint32_t)(o >> OFF_TAG_SHIFT), true);
		if (rc)
			return rc;
		after = (int64_t)(o & ((UINT64_C(1) << OFF_TAG_SHIFT) - 1)) -
			OFF_BASE;
	}
	struct stat st;
	int rc = fs_node_attr(fs, c, ino, &st);
	if (rc)
		return rc;
	sbuf_reset(buf);
	if ((rc = sbuf_grow(buf, size)))
		return rc;
	bool ranked = node_kind(ino) == NK_QUERY &&
		      fsq_is_search(&fs->queries, ino);
	struct fill f = {.req = req, .fs = fs, .c = c, .tag = c->tag,
			 .buf = buf, .size = size, .plus = plus,
			 .timeout = ranked ? FSQ_TIMEOUT : FS_TIMEOUT};
	rc = list_dots(&f, ino, off) ? 1 :
	     list_children(&f, c->ix, ino, after > 0 ? after : 0);
	/* 1 means "buffer full": a partial listing is a success, and the
	 * kernel comes back for the rest. After an error with entries
	 * already in the buffer, return them too: readdirplus entries
	 * already carry lookup counts. */
	if (rc == 1 || (rc < 0 && buf->len > 0))
		rc = 0;
	return rc;
}
