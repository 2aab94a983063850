/*
 * A pool of read-only index connections, kept (with their prepared
 * statements) for the life of the mount, and the generation they serve.
 *
 * A request takes a connection and gives it back; when none is free, one
 * more is opened and kept. The mount opens only the first, which also
 * proves the index opens (opening all of them first made the mount
 * slower to answer). The FUSE workers and the prefetcher take
 * connections, the watcher keeps one of its own, so the pool ends no
 * larger than FS_THREADS + 1 and then stays flat.
 *
 * Every connection reads one file, named by its device and inode. A
 * connection is opened by path, so it is checked to be the current
 * file: stat, open, stat again. When the path names another file (the
 * index was deleted, or replaced), no more are opened; requests wait for
 * one of the current file to come back instead, until the watcher
 * (watch.c) switches the pool to the new file with pool_switch.
 *
 * A generation is what one set of node ids means (node.h). pool_switch
 * starts a new one and waits until every connection taken in an older
 * one has come back, so that once it returns no reply made from the old
 * view can still reach the kernel: the watcher invalidates the kernel's
 * caches after that, and nothing old slips in behind.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int pool_open(const char *db, struct fs_conn **out, char *err, size_t errsz)
{
	*out = NULL;
	struct stat before, after;
	if (stat(db, &before) != 0) {
		int e = errno;
		snprintf(err, errsz, "%s: %s", db, strerror(e));
		return -e;
	}
	struct fs_conn *c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	int rc = idx_open(&c->ix, db, IDX_READ, err, errsz);
	if (rc) {
		free(c);
		return rc;
	}
	/* idx_open has read the schema, so SQLite holds the file and its
	 * WAL open by now: if the name still means the same file, so does
	 * everything this connection will read. */
	if (stat(db, &after) != 0 || after.st_dev != before.st_dev ||
	    after.st_ino != before.st_ino) {
		snprintf(err, errsz, "%s: replaced while being opened", db);
		pool_close(c);
		return -ESTALE;
	}
	c->dev = after.st_dev;
	c->ino = after.st_ino;
	*out = c;
	return 0;
}

void pool_close(struct fs_conn *c)
{
	if (!c)
		return;
	idx_close(c->ix);
	sbuf_release(&c->buf);
	free(c);
}

int pool_init(struct fs_pool *p, const char *db, char *err, size_t errsz)
{
	memset(p, 0, sizeof(*p));
	p->db = db;
	struct fs_conn *c;
	int rc = pool_open(db, &c, err, errsz);
	if (rc)
		return rc;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->back, NULL);
	pthread_cond_init(&p->drained, NULL);
	p->dev = c->dev;
	p->ino = c->ino;
	p->free = c;
	return 0;
}

static bool current_file(const struct fs_pool *p, const struct fs_conn *c)
{
	return c->dev == p->dev && c->ino == p->ino;
}

/* Called locked. */
static void stamp(const struct fs_pool *p, struct fs_conn *c)
{
	uint64_t age = p->gen - p->file_gen;
	c->gen = p->gen;
	c->tag = (uint32_t)p->gen & NODE_TAG_MASK;
	c->file_age = age > NODE_TAG_MASK ? NODE_TAG_MASK : (uint32_t)age;
}

void pool_stamp(struct fs_pool *p, struct fs_conn *c)
{
	pthread_mutex_lock(&p->lock);
	stamp(p, c);
	pthread_mutex_unlock(&p->lock);
}

/* Called locked: c is now checked out in the current generation. */
static void take(struct fs_pool *p, struct fs_conn *c)
{
	stamp(p, c);
	p->out++;
}

int pool_get(struct fs_pool *p, struct fs_conn **out)
{
	pthread_mutex_lock(&p->lock);
	for (;;) {
		struct fs_conn *c = p->free;
		if (c) {
			p->free = c->next;
			take(p, c);
			pthread_mutex_unlock(&p->lock);
			*out = c;
			return 0;
		}
		if (p->moved) {
			pthread_cond_wait(&p->back, &p->lock);
			continue;
		}
		pthread_mutex_unlock(&p->lock);
		char err[512];
		int rc = pool_open(p->db, &c, err, sizeof(err));
		pthread_mutex_lock(&p->lock);
		if (!rc && current_file(p, c)) {
			take(p, c);
			pthread_mutex_unlock(&p->lock);
			*out = c;
			return 0;
		}
		if (rc && rc != -ENOENT && rc != -ESTALE) {
			pthread_mutex_unlock(&p->lock);
			return rc == -ENOMEM ? rc : -EIO;
		}
		/* Another file, or none, at the path: wait for ours. */
		p->moved = true;
		if (c) {
			pthread_mutex_unlock(&p->lock);
			pool_close(c);
			pthread_mutex_lock(&p->lock);
		}
	}
}

void pool_put(struct fs_pool *p, struct fs_conn *c)
{
	/* A huge xattr or read reply should not pin memory forever. */
	if (c->buf.cap > (4u << 20))
		sbuf_release(&c->buf);
	pthread_mutex_lock(&p->lock);
	if (c->gen == p->gen)
		p->out--;
	else if (--p->out_old == 0)
		pthread_cond_broadcast(&p->drained);
	bool keep = current_file(p, c);
	if (keep) {
		c->next = p->free;
		p->free = c;
		pthread_cond_signal(&p->back);
	}
	pthread_mutex_unlock(&p->lock);
	if (!keep)
		pool_close(c);
}

void pool_switch(struct fs_pool *p, struct fs_conn *first)
{
	struct fs_conn *old = NULL;
	pthread_mutex_lock(&p->lock);
	p->gen++;
	p->out_old += p->out;
	p->out = 0;
	if (first) {
		old = p->free;
		first->next = NULL;
		p->free = first;
		p->dev = first->dev;
		p->ino = first->ino;
		p->file_gen = p->gen;
		p->moved = false;
		pthread_cond_broadcast(&p->back);
	}
	while (p->out_old > 0)
		pthread_cond_wait(&p->drained, &p->lock);
	pthread_mutex_unlock(&p->lock);
	while (old) {
		struct fs_conn *next = old->next;
		pool_close(old);
		old = next;
	}
}

int conn_tag_ok(const struct fs_conn *c, uint32_t tag, bool same_file_ok)
{
	uint32_t age = (c->tag - tag) & NODE_TAG_MASK;
	return age == 0 || (same_file_ok && age <= c->file_age) ? 0 : -ESTALE;
}

int conn_node_ok(const struct fs_conn *c, fuse_ino_t ino)
{
	return ino == FIXED_ROOT ? 0 : conn_tag_ok(c, node_tag(ino),
						   node_kind(ino) == NK_ARTICLE);
}

int pool_node_ok(struct fs_pool *p, fuse_ino_t ino)
{
	struct fs_conn probe;
	pool_stamp(p, &probe);
	return conn_node_ok(&probe, ino);
}

void pool_destroy(struct fs_pool *p)
{
	struct fs_conn *c = p->free;
	while (c) {
		struct fs_conn *next = c->next;
		pool_close(c);
		c = next;
	}
	p->free = NULL;
	pthread_cond_destroy(&p->drained);
	pthread_cond_destroy(&p->back);
	pthread_mutex_destroy(&p->lock);
}
