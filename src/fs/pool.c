/*
 * A pool of read-only index connections, one per FUSE worker thread that
 * needs one, kept (with their prepared statements) for the life of the
 * mount. A request takes one and gives it back; when none is free, one
 * more is opened and kept. The mount opens only the first: opening the
 * other seven took a third of the time from `newsfs mount` to the first
 * answered stat, and most mounts never serve eight requests at once. The
 * pool still ends no larger than the number of requests ever served at
 * once (FS_THREADS workers and the prefetch thread), then stays flat.
 */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>

static int conn_open(struct fs_pool *p, struct fs_conn **out, char *err,
		     size_t errsz)
{
	struct fs_conn *c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	int rc = idx_open(&c->ix, p->db, IDX_READ, err, errsz);
	if (rc) {
		free(c);
		return rc;
	}
	pthread_mutex_lock(&p->lock);
	p->open++;
	pthread_mutex_unlock(&p->lock);
	*out = c;
	return 0;
}

int pool_init(struct fs_pool *p, const char *db, int n, char *err,
	      size_t errsz)
{
	p->free = NULL;
	p->open = 0;
	p->db = db;
	int rc = -pthread_mutex_init(&p->lock, NULL);
	for (int i = 0; !rc && i < n; i++) {
		struct fs_conn *c;
		rc = conn_open(p, &c, err, errsz);
		if (!rc)
			pool_put(p, c);
	}
	if (rc)
		pool_destroy(p);
	return rc;
}

int pool_get(struct fs_pool *p, struct fs_conn **out)
{
	pthread_mutex_lock(&p->lock);
	struct fs_conn *c = p->free;
	if (c)
		p->free = c->next;
	pthread_mutex_unlock(&p->lock);
	if (c) {
		*out = c;
		return 0;
	}
	char err[512];
	int rc = conn_open(p, out, err, sizeof(err));
	return rc == -ENOMEM ? rc : rc ? -EIO : 0;
}

void pool_put(struct fs_pool *p, struct fs_conn *c)
{
	/* A huge xattr or read reply should not pin memory forever. */
	if (c->buf.cap > (4u << 20))
		sbuf_release(&c->buf);
	pthread_mutex_lock(&p->lock);
	c->next = p->free;
	p->free = c;
	pthread_mutex_unlock(&p->lock);
}

void pool_destroy(struct fs_pool *p)
{
	struct fs_conn *c = p->free;
	while (c) {
		struct fs_conn *next = c->next;
		idx_close(c->ix);
		sbuf_release(&c->buf);
		free(c);
		c = next;
	}
	p->free = NULL;
	pthread_mutex_destroy(&p->lock);
}
