/*
 * Keeping a mounted tree current while `newsfs index` runs.
 *
 * The kernel caches entries, attributes and listings for a day (content
 * only changes by indexing). A watcher thread polls the index twice a
 * second (PRAGMA data_version: a read of shared memory when nothing
 * changed) and, after each commit, replays the change journal written by
 * the indexer (src/index/change.c): listings that changed are invalidated
 * with fuse_lowlevel_notify_inval_inode, entries that went away with
 * fuse_lowlevel_notify_inval_entry. Requests themselves never wait for
 * this: the libfuse header warns that notifying from inside a related
 * request can deadlock, so only this thread notifies.
 *
 * To see it: mount, ls by-country/Japan, index a new Japan article in
 * another shell, and within a second the next ls shows it.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define POLL_MS 500

static fuse_ino_t folder_node(enum idx_folder f, int64_t key)
{
	switch (f) {
	case IDX_F_ALL: return FIXED_ARTICLES;
	case IDX_F_UNDATED: return FIXED_UNDATED;
	case IDX_F_COUNTRY: return node_make(NK_COUNTRY, key);
	case IDX_F_OFFICIAL: return node_make(NK_OFFICIAL, key);
	case IDX_F_DAY: return node_make(NK_DAY, key);
	case IDX_F_MONTH: return node_make(NK_MONTH, key);
	case IDX_F_YEAR: return node_make(NK_YEAR, key);
	case IDX_F_BY_COUNTRY: return FIXED_BY_COUNTRY;
	case IDX_F_BY_OFFICIAL: return FIXED_BY_OFFICIAL;
	case IDX_F_BY_DATE: return FIXED_BY_DATE;
	case IDX_F_ARTICLE: return node_make(NK_ARTICLE, key);
	}
	return 0;
}

/* The inodes one replay must invalidate, each once (sorted at the end). */
struct replay {
	struct fuse_session *se;
	fuse_ino_t *nodes;
	size_t n, cap;
	size_t entries;
};

static int add_node(struct replay *r, fuse_ino_t ino)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		fuse_ino_t *v = realloc(r->nodes, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		r->nodes = v;
		r->cap = cap;
	}
	r->nodes[r->n++] = ino;
	return 0;
}

static int on_change(void *ctx, enum idx_folder f, int64_t key,
		     const char *name)
{
	struct replay *r = ctx;
	fuse_ino_t ino = folder_node(f, key);
	if (!ino)
		return 0;
	if (*name) {
		/* -ENOENT: the kernel never saw it; nothing to drop. */
		fuse_lowlevel_notify_inval_entry(r->se, ino, name, strlen(name));
		r->entries++;
	}
	return add_node(r, ino);
}

static int cmp_ino(const void *a, const void *b)
{
	fuse_ino_t x = *(const fuse_ino_t *)a, y = *(const fuse_ino_t *)b;
	return x < y ? -1 : x > y;
}

static void flush_nodes(struct replay *r)
{
	if (r->n > 1)
		qsort(r->nodes, r->n, sizeof(*r->nodes), cmp_ino);
	for (size_t i = 0; i < r->n; i++) {
		if (i && r->nodes[i] == r->nodes[i - 1])
			continue;
		fuse_ino_t ino = r->nodes[i];
		/* An article keeps its bytes: only its attributes change. */
		off_t off = node_kind(ino) == NK_ARTICLE ? -1 : 0;
		fuse_lowlevel_notify_inval_inode(r->se, ino, off, 0);
	}
	r->n = 0;
}

/* Journal entries were dropped before we read them (the daemon was
 * stopped for minutes): all that can be done is drop every listing. */
static void invalidate_all(struct replay *r)
{
	for (fuse_ino_t ino = FIXED_ROOT; ino < FIXED__END; ino++)
		add_node(r, ino);
	flush_nodes(r);
}

static void replay(struct fs_watch *w)
{
	int64_t first, last;
	if (idx_changes_bounds(w->ix, &first, &last) != 0)
		return;
	struct replay r = {.se = w->se};
	if (first > w->cursor + 1) {
		fs_log(w->fs, "change journal skipped ahead; refreshing all "
		       "listings");
		invalidate_all(&r);
	}
	int rc = idx_changes(w->ix, w->cursor, &w->cursor, on_change, &r);
	if (rc)
		fs_log(w->fs, "cannot read the change journal: %s",
		       idx_errmsg(w->ix));
	flush_nodes(&r);
	free(r.nodes);
	struct idx_gen g;
	if (!idx_generation(w->ix, &g))
		atomic_store(&w->fs->indexed_at, g.indexed_at);
}

static void *watch_main(void *arg)
{
	struct fs_watch *w = arg;
	pthread_mutex_lock(&w->lock);
	while (!w->stop) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += POLL_MS * 1000000L;
		ts.tv_sec += ts.tv_nsec / 1000000000L;
		ts.tv_nsec %= 1000000000L;
		pthread_cond_timedwait(&w->cv, &w->lock, &ts);
		if (w->stop)
			break;
		pthread_mutex_unlock(&w->lock);
		int64_t v;
		if (idx_data_version(w->ix, &v) == 0 && v != w->version) {
			w->version = v;
			/* Before any invalidation, or the kernel could list
			 * again and be given a reply made from before. */
			listahead_clear(&w->fs->listahead);
			replay(w);
		}
		pthread_mutex_lock(&w->lock);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

int watch_start(struct fs_watch *w, struct fs *fs, struct fuse_session *se,
		char *err, size_t errsz)
{
	memset(w, 0, sizeof(*w));
	w->fs = fs;
	w->se = se;
	int64_t first;
	int rc = idx_open(&w->ix, fs->pool.db, IDX_READ, err, errsz);
	if (rc)
		return rc;
	rc = idx_data_version(w->ix, &w->version);
	/* Start at the end: a new mount has nothing cached yet. */
	if (!rc)
		rc = idx_changes_bounds(w->ix, &first, &w->cursor);
	if (rc) {
		snprintf(err, errsz, "%s: %s", fs->pool.db, idx_errmsg(w->ix));
		goto fail;
	}
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->cv, NULL);
	rc = -pthread_create(&w->thread, NULL, watch_main, w);
	if (rc) {
		snprintf(err, errsz, "cannot start the index watcher: %s",
			 strerror(-rc));
		pthread_cond_destroy(&w->cv);
		pthread_mutex_destroy(&w->lock);
		goto fail;
	}
	w->running = true;
	return 0;
fail:
	idx_close(w->ix);
	w->ix = NULL;
	return rc;
}

void watch_stop(struct fs_watch *w)
{
	if (!w->running)
		return;
	pthread_mutex_lock(&w->lock);
	w->stop = true;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	pthread_cond_destroy(&w->cv);
	pthread_mutex_destroy(&w->lock);
	idx_close(w->ix);
	w->running = false;
}
