/*
 * A pool of read-only index connections, one per concurrently running
 * request. Connections are opened on demand, so the pool grows to the
 * number of FUSE worker threads and no further; each keeps its prepared
 * statements for the life of the mount.
 */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>

int pool_init(struct fs_pool *p, const char *db)
{
	p->free = NULL;
	p->open = 0;
	p->db = db;
	return -pthread_mutex_init(&p->lock, NULL);
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
	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	char err[512];
	int rc = idx_open(&c->ix, p->db, IDX_READ, err, sizeof(err));
	if (rc) {
		free(c);
		return rc == -ENOMEM ? rc : -EIO;
	}
	pthread_mutex_lock(&p->lock);
	p->open++;
	pthread_mutex_unlock(&p->lock);
	*out = c;
	return 0;
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
