/*
 * The FUSE operations. Each op checks out a connection, asks node.c,
 * dir.c or xattr.c for the answer, and replies exactly once; helpers
 * return -errno and never reply. What follows a reply only prepares for
 * the reader's next request (prefetch.c).
 *
 * The tree is read-only: the mount is made with "ro", so the kernel
 * refuses writes itself, and the write ops below answer EROFS for the
 * case where someone remounts it read-write.
 *
 * A node id made by an older generation (node.h) is answered ESTALE: the
 * index it came from was replaced. A path lookup that meets it is tried
 * once more by the kernel, every component looked up again.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>

/* Lookups that fail are cached briefly only: a new index run may create
 * the name, and the kernel holds no per-name state we could invalidate
 * for names it never saw. */
#define NEGATIVE_TIMEOUT 1.0

static struct fs *fs_of(fuse_req_t req)
{
	return fuse_req_userdata(req);
}

/* Report unexpected failures; ENOENT and friends are normal answers. */
static int logged(struct fs *fs, struct fs_conn *c, const char *op, int rc)
{
	if (rc == -EIO || rc == -ENOMEM)
		fs_log(fs, "%s: %s", op, c ? idx_errmsg(c->ix) : strerror(-rc));
	if (rc == -EIO)
		fs_log_damaged(fs);
	return rc;
}

static void op_init(void *userdata, struct fuse_conn_info *conn)
{
	struct fs *fs = userdata;
	if (conn->capable & FUSE_CAP_READDIRPLUS) {
		conn->want |= FUSE_CAP_READDIRPLUS;
		conn->want &= ~FUSE_CAP_READDIRPLUS_AUTO;
	}
	if (conn->capable & FUSE_CAP_PARALLEL_DIROPS)
		conn->want |= FUSE_CAP_PARALLEL_DIROPS;
	/* Content never changes under an inode; the mtime check is wasted. */
	conn->want &= ~FUSE_CAP_AUTO_INVAL_DATA;
	/* With OPEN skipped (no_open), an atomic O_TRUNC would be the
	 * kernel's alone: after a remount,rw it would claim success. The
	 * kernel then asks SETATTR instead, which we refuse with EROFS. */
	conn->want &= ~FUSE_CAP_ATOMIC_O_TRUNC;
	fs->no_open = conn->capable & FUSE_CAP_NO_OPEN_SUPPORT;
	fs->no_opendir = conn->capable & FUSE_CAP_NO_OPENDIR_SUPPORT;
}

static void op_lookup(fuse_req_t req, fuse_ino_t parent, const char *name)
{
	struct fs *fs = fs_of(req);
	struct fs_conn *c = NULL;
	struct fuse_entry_param e = {0};
	/* The kernel lets names up to 1024 bytes through; ours are 255. */
	int rc = strlen(name) > NFS_NAME_MAX ? -ENAMETOOLONG
					     : pool_get(&fs->pool, &c);
	if (c && !(rc = conn_node_ok(c, parent)))
		rc = fs_node_lookup(fs, c, parent, name, &e.ino, &e.attr);
	rc = logged(fs, c, "lookup", rc);
	e.generation = (uint64_t)fs->gen.epoch;
	e.attr_timeout = e.entry_timeout = FS_TIMEOUT;
	/* query/ and search/ answers change with each index run. */
	if (node_kind(e.ino) == NK_QUERY)
		e.attr_timeout = e.entry_timeout = FSQ_TIMEOUT;
	else if (node_kind(parent) == NK_QUERY &&
		 fsq_is_search(&fs->queries, parent))
		e.entry_timeout = FSQ_TIMEOUT;
	if (rc == -ENOENT) {
		e.ino = 0;
		e.entry_timeout = NEGATIVE_TIMEOUT;
		fuse_reply_entry(req, &e);
	} else if (rc) {
		fuse_reply_err(req, -rc);
	} else {
		fuse_reply_entry(req, &e);
	}
	/* After the reply: a generation switch waits for this connection,
	 * so no entry of a replaced index reaches the kernel after it. */
	if (c)
		pool_put(&fs->pool, c);
}

/* Node ids are computed, not allocated: only query/ and search/
 * folders have anything to free. */
static void forget_one(struct fs *fs, fuse_ino_t ino, uint64_t nlookup)
{
	if (node_kind(ino) == NK_QUERY)
		fsq_forget(&fs->queries, ino, nlookup);
}

static void op_forget(fuse_req_t req, fuse_ino_t ino, uint64_t nlookup)
{
	forget_one(fs_of(req), ino, nlookup);
	fuse_reply_none(req);
}

static void op_forget_multi(fuse_req_t req, size_t count,
			    struct fuse_forget_data *forgets)
{
	for (size_t i = 0; i < count; i++)
		forget_one(fs_of(req), forgets[i].ino, forgets[i].nlookup);
	fuse_reply_none(req);
}

static void op_getattr(fuse_req_t req, fuse_ino_t ino,
		       struct fuse_file_info *fi)
{
	(void)fi;
	struct fs *fs = fs_of(req);
	struct fs_conn *c = NULL;
	struct stat st;
	int rc = pool_get(&fs->pool, &c);
	if (!rc && !(rc = conn_node_ok(c, ino)))
		rc = fs_node_attr(fs, c, ino, &st);
	rc = logged(fs, c, "getattr", rc);
	if (rc)
		fuse_reply_err(req, -rc);
	else
		fuse_reply_attr(req, &st, node_kind(ino) == NK_QUERY ?
				FSQ_TIMEOUT : FS_TIMEOUT);
	if (c)
		pool_put(&fs->pool, c);
}

static void op_opendir(fuse_req_t req, fuse_ino_t ino,
		       struct fuse_file_info *fi)
{
	struct fs *fs = fs_of(req);
	int rc = 0;
	if (node_kind(ino) == NK_ARTICLE || node_kind(ino) == NK_HELP)
		rc = -ENOTDIR;
	else if ((rc = pool_node_ok(&fs->pool, ino)))
		;
	else if (fs->no_opendir)
		rc = -ENOSYS;	/* the kernel then caches listings itself */
	if (rc) {
		fuse_reply_err(req, -rc);
		return;
	}
	fi->keep_cache = 1;
	fi->cache_readdir = 1;
	fuse_reply_open(req, fi);
}

static void do_readdir(fuse_req_t req, fuse_ino_t ino, size_t size,
		       off_t off, bool plus)
{
	struct fs *fs = fs_of(req);
	struct fs_conn *c = NULL;
	int rc = pool_get(&fs->pool, &c);
	if (!rc && !(rc = conn_node_ok(c, ino)))
		rc = fs_readdir_fill(fs, req, c, ino, size, off, plus, &c->buf);
	rc = logged(fs, c, "readdir", rc);
	if (rc)
		fuse_reply_err(req, -rc);
	else
		fuse_reply_buf(req, c->buf.buf, c->buf.len);
	if (c)
		pool_put(&fs->pool, c);
	if (!rc)
		prefetch_listed(&fs->prefetch, ino);
}

static void op_readdir(fuse_req_t req, fuse_ino_t ino, size_t size,
		       off_t off, struct fuse_file_info *fi)
{
	(void)fi;
	do_readdir(req, ino, size, off, false);
}

static void op_readdirplus(fuse_req_t req, fuse_ino_t ino, size_t size,
			   off_t off, struct fuse_file_info *fi)
{
	(void)fi;
	do_readdir(req, ino, size, off, true);
}

static void op_release(fuse_req_t req, fuse_ino_t ino,
		       struct fuse_file_info *fi)
{
	(void)ino;
	(void)fi;
	fuse_reply_err(req, 0);
}

static void op_open(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	struct fs *fs = fs_of(req);
	int rc = 0;
	if (node_kind(ino) != NK_ARTICLE && node_kind(ino) != NK_HELP)
		rc = -EISDIR;
	else if ((fi->flags & O_ACCMODE) != O_RDONLY)
		rc = -EROFS;
	else if ((rc = pool_node_ok(&fs->pool, ino)))
		;
	else if (fs->no_open)
		rc = -ENOSYS;	/* no OPEN/RELEASE round trips from now on */
	if (rc) {
		fuse_reply_err(req, -rc);
		return;
	}
	fi->keep_cache = 1;	/* an inode's bytes never change */
	fuse_reply_open(req, fi);
}

static void op_read(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
		    struct fuse_file_info *fi)
{
	(void)fi;
	struct fs *fs = fs_of(req);
	struct fs_conn *c = NULL;
	size_t got = 0;
	if (node_kind(ino) == NK_HELP) {
		size_t len;
		const char *t = fsq_help(ino, &len);
		size_t from = off < 0 || (size_t)off > len ? len : (size_t)off;
		fuse_reply_buf(req, t + from, len - from < size ? len - from
								 : size);
		return;
	}
	int rc = node_kind(ino) == NK_ARTICLE ? pool_get(&fs->pool, &c)
					     : -EISDIR;
	if (!rc && !(rc = conn_node_ok(c, ino))) {
		sbuf_reset(&c->buf);
		rc = sbuf_grow(&c->buf, size);
	}
	if (!rc)
		rc = idx_article_read(c->ix, node_value(ino), c->buf.buf, size,
				      off, &got);
	rc = logged(fs, c, "read", rc);
	if (rc)
		fuse_reply_err(req, -rc);
	else
		fuse_reply_buf(req, c->buf.buf, got);
	if (c)
		pool_put(&fs->pool, c);
	if (!rc && off == 0)
		prefetch_read(&fs->prefetch, ino);
}

/* Reply to getxattr/listxattr with the value in buf (size 0: its size). */
static void reply_xattr_buf(fuse_req_t req, const struct sbuf *buf,
			    size_t size)
{
	if (size == 0)
		fuse_reply_xattr(req, buf->len);
	else if (buf->len > size)
		fuse_reply_err(req, ERANGE);
	else
		fuse_reply_buf(req, buf->buf, buf->len);
}

/* getxattr (name given) and listxattr (name NULL) share everything but
 * the question. */
static void do_xattr(fuse_req_t req, fuse_ino_t ino, const char *name,
		     size_t size)
{
	struct fs *fs = fs_of(req);
	struct fs_conn *c = NULL;
	int rc = pool_get(&fs->pool, &c);
	bool why = node_kind(ino) == NK_QUERY && name &&
		   strcmp(name, FSQ_WHY_XATTR) == 0;
	bool held = (node_which(ino) == FIXED_QUERY ||
		     node_which(ino) == FIXED_SEARCH) && name &&
		    strcmp(name, FSQ_HELD_XATTR) == 0;
	if (!rc && !(rc = conn_node_ok(c, ino)))
		rc = why ? fsq_why(&fs->queries, ino, &c->buf)
		   : held ? fsq_held(&fs->queries, &c->buf)
		   : name ? fs_xattr_get(c->ix, fs->pool.db, ino, name, &c->buf)
			  : fs_xattr_list(c->ix, ino, &c->buf);
	/* A query folder's answer may have something to say. */
	struct sbuf tmp = {0};
	if (!rc && !name && node_kind(ino) == NK_QUERY &&
	    fsq_why(&fs->queries, ino, &tmp) == 0)
		rc = sbuf_add(&c->buf, FSQ_WHY_XATTR, sizeof(FSQ_WHY_XATTR));
	sbuf_release(&tmp);
	rc = logged(fs, c, name ? "getxattr" : "listxattr", rc);
	if (rc)
		fuse_reply_err(req, -rc);
	else
		reply_xattr_buf(req, &c->buf, size);
	if (c)
		pool_put(&fs->pool, c);
}

static void op_getxattr(fuse_req_t req, fuse_ino_t ino, const char *name,
			size_t size)
{
	do_xattr(req, ino, name, size);
}

static void op_listxattr(fuse_req_t req, fuse_ino_t ino, size_t size)
{
	do_xattr(req, ino, NULL, size);
}

static void op_statfs(fuse_req_t req, fuse_ino_t ino)
{
	(void)ino;
	struct statvfs sv = {
		.f_bsize = 4096,
		.f_frsize = 4096,
		.f_namemax = NFS_NAME_MAX,
		.f_flag = ST_RDONLY,
	};
	fuse_reply_statfs(req, &sv);
}

/* Write operations: never reached on an "ro" mount, refused otherwise. */
static void erofs(fuse_req_t req)
{
	fuse_reply_err(req, EROFS);
}

static void op_setattr(fuse_req_t req, fuse_ino_t ino, struct stat *attr,
		       int to_set, struct fuse_file_info *fi)
{
	(void)ino, (void)attr, (void)to_set, (void)fi;
	erofs(req);
}

static void op_mknod(fuse_req_t req, fuse_ino_t parent, const char *name,
		     mode_t mode, dev_t rdev)
{
	(void)parent, (void)name, (void)mode, (void)rdev;
	erofs(req);
}

static void op_mkdir(fuse_req_t req, fuse_ino_t parent, const char *name,
		     mode_t mode)
{
	(void)parent, (void)name, (void)mode;
	erofs(req);
}

static void op_unlink(fuse_req_t req, fuse_ino_t parent, const char *name)
{
	(void)parent, (void)name;
	erofs(req);
}

static void op_rename(fuse_req_t req, fuse_ino_t parent, const char *name,
		      fuse_ino_t newparent, const char *newname,
		      unsigned int flags)
{
	(void)parent, (void)name, (void)newparent, (void)newname, (void)flags;
	erofs(req);
}

static void op_link(fuse_req_t req, fuse_ino_t ino, fuse_ino_t newparent,
		    const char *newname)
{
	(void)ino, (void)newparent, (void)newname;
	erofs(req);
}

static void op_symlink(fuse_req_t req, const char *link, fuse_ino_t parent,
		       const char *name)
{
	(void)link, (void)parent, (void)name;
	erofs(req);
}

static void op_create(fuse_req_t req, fuse_ino_t parent, const char *name,
		      mode_t mode, struct fuse_file_info *fi)
{
	(void)parent, (void)name, (void)mode, (void)fi;
	erofs(req);
}

static void op_write(fuse_req_t req, fuse_ino_t ino, const char *buf,
		     size_t size, off_t off, struct fuse_file_info *fi)
{
	(void)ino, (void)buf, (void)size, (void)off, (void)fi;
	erofs(req);
}

static void op_setxattr(fuse_req_t req, fuse_ino_t ino, const char *name,
			const char *value, size_t size, int flags)
{
	(void)ino, (void)name, (void)value, (void)size, (void)flags;
	erofs(req);
}

static void op_removexattr(fuse_req_t req, fuse_ino_t ino, const char *name)
{
	(void)ino, (void)name;
	erofs(req);
}

const struct fuse_lowlevel_ops fs_ops = {
	.init = op_init,
	.lookup = op_lookup,
	.forget = op_forget,
	.forget_multi = op_forget_multi,
	.getattr = op_getattr,
	.opendir = op_opendir,
	.readdir = op_readdir,
	.readdirplus = op_readdirplus,
	.releasedir = op_release,
	.open = op_open,
	.read = op_read,
	.release = op_release,
	.getxattr = op_getxattr,
	.listxattr = op_listxattr,
	.statfs = op_statfs,
	.setattr = op_setattr,
	.mknod = op_mknod,
	.mkdir = op_mkdir,
	.unlink = op_unlink,
	.rmdir = op_unlink,
	.rename = op_rename,
	.link = op_link,
	.symlink = op_symlink,
	.create = op_create,
	.write = op_write,
	.setxattr = op_setxattr,
	.removexattr = op_removexattr,
};
