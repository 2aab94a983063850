/*
 * Readahead across files, for the first pass over a folder.
 *
 * A first `grep -r` over a mount costs one FUSE round trip per file (the
 * kernel has none of their pages yet), and on a small VM a round trip
 * costs more than reading the file. Tools that walk a tree list a folder
 * and then read its files in listing order, which for every view is
 * article id order. So: the readdir handler notes which folders were
 * listed lately; when a file is read from its start, this thread finds
 * the recently listed folder that holds it and pushes the next articles
 * of that folder into the kernel's page cache with
 * fuse_lowlevel_notify_store, staying AHEAD articles in front of the
 * reader. Their reads then never reach the daemon.
 *
 * Handlers only record and signal; all index work happens on this
 * thread, with a connection from the pool, and never inside a request
 * (the libfuse header warns that notifications from a handler can
 * deadlock). Content never changes under an inode, so pushed pages never
 * go stale; node ids of another generation (node.h) are not followed.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define AHEAD 64			/* articles kept ready ahead of a reader */
#define MAX_PUSH (256u << 10)		/* larger articles are left to read() */
#define PUSHED_MAX 65536		/* remembered pushes before forgetting */

/* The view a folder of generation tag shows, if it holds articles. */
static bool folder_view(fuse_ino_t ino, uint32_t tag, enum idx_view *v,
			int64_t *key)
{
	*key = node_value(ino);
	if (node_tag(ino) != tag)
		return false;
	switch (node_kind(ino)) {
	case NK_COUNTRY: *v = IDX_VIEW_COUNTRY; return true;
	case NK_OFFICIAL: *v = IDX_VIEW_OFFICIAL; return true;
	case NK_PUBLICATION: *v = IDX_VIEW_PUBLICATION; return true;
	case NK_DAY: *v = IDX_VIEW_DAY; return true;
	default: break;
	}
	*key = 0;
	if (node_which(ino) == FIXED_ARTICLES)
		*v = IDX_VIEW_ALL;
	else if (node_which(ino) == FIXED_UNDATED)
		*v = IDX_VIEW_UNDATED;
	else
		return false;
	return true;
}

void prefetch_listed(struct fs_prefetch *p, fuse_ino_t folder)
{
	enum idx_view v;
	int64_t key;
	if (!p->w.running || !folder_view(folder, node_tag(folder), &v, &key))
		return;
	pthread_mutex_lock(&p->w.lock);
	/* Most recent first, each folder once. */
	size_t i = 0;
	while (i < PF_LISTINGS - 1 && p->listed[i] && p->listed[i] != folder)
		i++;
	memmove(&p->listed[1], &p->listed[0], i * sizeof(p->listed[0]));
	p->listed[0] = folder;
	pthread_mutex_unlock(&p->w.lock);
}

void prefetch_read(struct fs_prefetch *p, fuse_ino_t article)
{
	if (!p->w.running)
		return;
	pthread_mutex_lock(&p->w.lock);
	if (p->qlen < PF_QUEUE) {
		p->queue[(p->qhead + p->qlen++) % PF_QUEUE] = article;
		pthread_cond_signal(&p->w.cv);
	}
	pthread_mutex_unlock(&p->w.lock);
}

static int push_one(void *ctx, const struct idx_attr *a, const char *name)
{
	struct fs_prefetch *p = ctx;
	struct fs_conn *c = p->c;
	(void)name;
	p->stream.frontier = a->id;
	if (++p->stream.pushed_now == AHEAD / 2)
		p->stream.mid = a->id;
	if (p->stream.pushed_now >= AHEAD)
		return 1;
	if (a->size <= 0 || (uint64_t)a->size > MAX_PUSH || !node_fits(a->id) ||
	    pairset_add(&p->pushed, (uint64_t)a->id, 0) != 1)
		return 0;
	size_t got;
	sbuf_reset(&c->buf);
	if (sbuf_grow(&c->buf, (size_t)a->size) ||
	    idx_article_read(c->ix, a->id, c->buf.buf, (size_t)a->size, 0,
			     &got) || got != (size_t)a->size)
		return 0;
	struct fuse_bufvec bv = FUSE_BUFVEC_INIT(got);
	bv.buf[0].mem = c->buf.buf;
	/* -ENOENT: the kernel dropped the inode meanwhile; nothing lost. */
	fuse_lowlevel_notify_store(p->se, node_make(c->tag, NK_ARTICLE, a->id),
				   0, &bv, 0);
	return 0;
}

static void push_more(struct fs_prefetch *p)
{
	if (p->pushed.n > PUSHED_MAX)
		pairset_clear(&p->pushed);
	p->stream.pushed_now = 0;
	idx_view_list(p->c->ix, p->stream.view, p->stream.key,
		      p->stream.frontier, push_one, p);
}

/* Which recently listed folder is the reader of article walking? */
static bool find_stream(struct fs_prefetch *p, int64_t article)
{
	fuse_ino_t listed[PF_LISTINGS];
	pthread_mutex_lock(&p->w.lock);
	memcpy(listed, p->listed, sizeof(listed));
	pthread_mutex_unlock(&p->w.lock);
	for (size_t i = 0; i < PF_LISTINGS && listed[i]; i++) {
		enum idx_view v;
		int64_t key;
		if (folder_view(listed[i], p->c->tag, &v, &key) &&
		    idx_view_has(p->c->ix, v, key, article) == 0) {
			p->stream.view = v;
			p->stream.key = key;
			p->stream.frontier = article;
			p->stream.last = article;
			p->stream.mid = article;
			p->stream.active = true;
			return true;
		}
	}
	p->stream.active = false;
	return false;
}

static void on_read(struct fs_prefetch *p, fuse_ino_t ino)
{
	if (pool_get(&p->fs->pool, &p->c) != 0)
		return;
	/* What was pushed in an older generation means nothing now. */
	if (p->c->gen != p->gen) {
		p->gen = p->c->gen;
		p->stream.active = false;
		pairset_clear(&p->pushed);
	}
	int64_t article = node_value(ino);
	/* Inside what was pushed: the reader is where we expected. */
	bool inside = p->stream.active && article <= p->stream.frontier &&
		      article > p->stream.last;
	if (node_tag(ino) == p->c->tag && (inside || find_stream(p, article))) {
		p->stream.last = article;
		/* Top up once the reader is half way through what was
		 * pushed. */
		if (!inside || article >= p->stream.mid)
			push_more(p);
	}
	pool_put(&p->fs->pool, p->c);
	p->c = NULL;
}

static void *prefetch_main(void *arg)
{
	struct fs_prefetch *p = arg;
	pthread_mutex_lock(&p->w.lock);
	for (;;) {
		while (!p->w.stop && !p->qlen)
			pthread_cond_wait(&p->w.cv, &p->w.lock);
		if (p->w.stop)
			break;
		fuse_ino_t article = p->queue[p->qhead];
		p->qhead = (p->qhead + 1) % PF_QUEUE;
		p->qlen--;
		pthread_mutex_unlock(&p->w.lock);
		on_read(p, article);
		pthread_mutex_lock(&p->w.lock);
	}
	pthread_mutex_unlock(&p->w.lock);
	return NULL;
}

int prefetch_start(struct fs_prefetch *p, struct fs *fs,
		   struct fuse_session *se, char *err, size_t errsz)
{
	memset(p, 0, sizeof(*p));
	p->se = se;
	p->fs = fs;
	int rc = nfs_worker_start(&p->w, prefetch_main, p);
	if (rc)
		snprintf(err, errsz, "cannot start the prefetch thread: %s",
			 strerror(-rc));
	return rc;
}

void prefetch_stop(struct fs_prefetch *p)
{
	if (!p->w.running)
		return;
	nfs_worker_stop(&p->w);
	pairset_free(&p->pushed);
}
