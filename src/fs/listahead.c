/*
 * Listing read-ahead: the next reply of a folder, made while the kernel
 * takes in the current one.
 *
 * A folder the kernel has to list again (its cached listing lost a page)
 * comes back as a chain of READDIRPLUS requests, each sent only when the
 * reader has consumed the previous reply. Measured at 100k, the daemon
 * and the kernel took turns: both cores were idle a third of the time.
 * So the worker that sends a reply that did not end the folder goes on
 * to fill the next one, keyed by (folder, offset, size, plus), and the
 * request for it, served by any worker, takes it as it is, or waits for
 * it to be finished rather than making it twice.
 *
 * A made reply is only ever sent in answer to the request for exactly
 * it, by a connection of the generation that made it (pool.c), so the
 * kernel's lookup counts stay right and no reply of a replaced index is
 * sent after the switch. The watcher calls
 * listahead_clear before it invalidates anything: replies made from an
 * older index are dropped, and so are those being made, which may have
 * read it (their version no longer matches when they finish).
 */
#include "internal.h"

#include <string.h>

static bool same_key(const struct la_slot *s, uint64_t gen, fuse_ino_t ino,
		     off_t off, size_t size, bool plus)
{
	return s->gen == gen && s->ino == ino && s->off == off &&
	       s->size == size && s->plus == plus;
}

int listahead_init(struct fs_listahead *la)
{
	memset(la, 0, sizeof(*la));
	int rc = -pthread_mutex_init(&la->lock, NULL);
	if (rc)
		return rc;
	rc = -pthread_cond_init(&la->cv, NULL);
	if (rc)
		pthread_mutex_destroy(&la->lock);
	return rc;
}

void listahead_destroy(struct fs_listahead *la)
{
	for (size_t i = 0; i < LA_SLOTS; i++)
		sbuf_release(&la->slot[i].buf);
	pthread_cond_destroy(&la->cv);
	pthread_mutex_destroy(&la->lock);
}

/* The slot made (or being made) for this request, or NULL. */
static struct la_slot *find(struct fs_listahead *la, uint64_t gen,
			    fuse_ino_t ino, off_t off, size_t size, bool plus)
{
	for (size_t i = 0; i < LA_SLOTS; i++) {
		struct la_slot *s = &la->slot[i];
		if (s->state != LA_FREE && s->version == la->version &&
		    same_key(s, gen, ino, off, size, plus))
			return s;
	}
	return NULL;
}

bool listahead_take(struct fs_listahead *la, uint64_t gen, fuse_ino_t ino,
		    off_t off, size_t size, bool plus, struct sbuf *out,
		    off_t *next)
{
	bool got = false;
	pthread_mutex_lock(&la->lock);
	struct la_slot *s;
	while ((s = find(la, gen, ino, off, size, plus)) &&
	       s->state == LA_FILLING)
		pthread_cond_wait(&la->cv, &la->lock);
	if (s) {
		/* Swap, so both buffers keep their capacity. */
		struct sbuf t = *out;
		*out = s->buf;
		s->buf = t;
		*next = s->next;
		s->state = LA_FREE;
		got = true;
	}
	pthread_mutex_unlock(&la->lock);
	return got;
}

/* A slot to fill: a free one, else the one used longest ago that no
 * worker is filling; NULL when all are being filled. Called locked. */
static struct la_slot *claim(struct fs_listahead *la)
{
	struct la_slot *best = NULL;
	for (size_t i = 0; i < LA_SLOTS; i++) {
		struct la_slot *s = &la->slot[i];
		if (s->state == LA_FILLING)
			continue;
		if (s->state == LA_FREE)
			return s;
		if (!best || s->stamp < best->stamp)
			best = s;
	}
	return best;
}

void listahead_fill(struct fs_listahead *la, struct fs *fs, struct fs_conn *c,
		    fuse_ino_t ino, off_t off, size_t size, bool plus)
{
	pthread_mutex_lock(&la->lock);
	struct la_slot *s = find(la, c->gen, ino, off, size, plus) ? NULL
								  : claim(la);
	if (!s) {
		pthread_mutex_unlock(&la->lock);
		return;
	}
	s->gen = c->gen;
	s->ino = ino;
	s->off = off;
	s->size = size;
	s->plus = plus;
	s->version = la->version;
	s->stamp = ++la->clock;
	s->state = LA_FILLING;
	/* The slot is ours while FILLING: nobody else touches its buffer. */
	struct sbuf buf = s->buf;
	pthread_mutex_unlock(&la->lock);

	off_t next;
	int rc = fs_readdir_fill(fs, NULL, c, ino, size, off, plus, &buf,
				 &next);

	pthread_mutex_lock(&la->lock);
	s->buf = buf;
	s->next = next;
	s->state = !rc && s->version == la->version ? LA_READY : LA_FREE;
	pthread_cond_broadcast(&la->cv);
	pthread_mutex_unlock(&la->lock);
}

void listahead_clear(struct fs_listahead *la)
{
	pthread_mutex_lock(&la->lock);
	/* find() skips older versions; claim() reuses their slots first,
	 * as they were claimed before any of the current version. */
	la->version++;
	/* Waiters on a slot being filled now find nothing and list. */
	pthread_cond_broadcast(&la->cv);
	pthread_mutex_unlock(&la->lock);
}
