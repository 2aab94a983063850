/*
 * Keeping a mounted tree current while `newsfs index` runs, and on the
 * file its index path names.
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
 * Two things the journal cannot replay start a new generation of node
 * ids instead (pool.c, node.h), after which every cached entry and
 * listing is dropped:
 *  - the journal no longer reaches back to where this mount stopped
 *    reading (its rows are dropped after some minutes, and the daemon
 *    was stopped or starved meanwhile): any folder may be stale;
 *  - the path names another file (the index was deleted and built
 *    again, or another one was moved there): every id may mean another
 *    article. The new file is taken once it has stayed the same for one
 *    poll, so a file being copied into place is not taken half-written.
 * A deleted index with nothing new at its path goes on being served as
 * it was: its open connections still read it whole.
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

static fuse_ino_t folder_node(uint32_t tag, enum idx_folder f, int64_t key)
{
	if (!node_fits(key))
		return 0;
	switch (f) {
	case IDX_F_ALL: return node_fixed(tag, FIXED_ARTICLES);
	case IDX_F_UNDATED: return node_fixed(tag, FIXED_UNDATED);
	case IDX_F_COUNTRY: return node_make(tag, NK_COUNTRY, key);
	case IDX_F_OFFICIAL: return node_make(tag, NK_OFFICIAL, key);
	case IDX_F_DAY: return node_make(tag, NK_DAY, key);
	case IDX_F_MONTH: return node_make(tag, NK_MONTH, key);
	case IDX_F_YEAR: return node_make(tag, NK_YEAR, key);
	case IDX_F_BY_COUNTRY: return node_fixed(tag, FIXED_BY_COUNTRY);
	case IDX_F_BY_OFFICIAL: return node_fixed(tag, FIXED_BY_OFFICIAL);
	case IDX_F_BY_DATE: return node_fixed(tag, FIXED_BY_DATE);
	case IDX_F_ARTICLE: return node_make(tag, NK_ARTICLE, key);
	case IDX_F_PUBLICATION: return node_make(tag, NK_PUBLICATION, key);
	case IDX_F_BY_PUBLICATION: return node_fixed(tag, FIXED_BY_SOURCE);
	}
	return 0;
}

/* The inodes one replay must invalidate, each once (sorted at the end). */
struct replay {
	struct fuse_session *se;
	uint32_t tag;
	struct sbuf gone;	/* names gone from articles/, NUL-separated */
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
	fuse_ino_t ino = folder_node(r->tag, f, key);
	if (!ino)
		return 0;
	if (*name) {
		/* -ENOENT: the kernel never saw it; nothing to drop. */
		fuse_lowlevel_notify_inval_entry(r->se, ino, name, strlen(name));
		r->entries++;
		/* Gone from articles/: from every query/ folder too. */
		if (f == IDX_F_ALL && sbuf_add(&r->gone, name, strlen(name) + 1))
			return -ENOMEM;
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

static void note_indexed_at(struct fs_watch *w)
{
	struct idx_gen g;
	if (!idx_generation(w->c->ix, &g))
		atomic_store(&w->fs->indexed_at, g.indexed_at);
}

/*
 * A new generation (of a new file: its first connection, else NULL),
 * then drop what the kernel holds of the old one: the root's entries
 * (which takes every entry below them out of reach) and the root's
 * listing. Only the root keeps its id across generations; whatever of
 * the old tree is still in use, a process's current folder say, now
 * answers ESTALE.
 */
static void refresh_all(struct fs_watch *w, struct fs_conn *first)
{
	pool_switch(&w->fs->pool, first);
	pool_stamp(&w->fs->pool, w->c);
	note_indexed_at(w);
	const char *name;
	enum fixed_node which;
	for (size_t i = 0; (name = fs_root_name(i, &which)); i++)
		fuse_lowlevel_notify_inval_entry(w->se, FIXED_ROOT, name,
						 strlen(name));
	fuse_lowlevel_notify_inval_inode(w->se, FIXED_ROOT, 0, 0);
}

static void queries_changed(struct fs_watch *w, const struct sbuf *gone);

static void replay(struct fs_watch *w)
{
	int64_t first, last;
	if (idx_changes_bounds(w->c->ix, &first, &last) != 0)
		return;
	/* The oldest row kept; an empty journal keeps none. */
	int64_t oldest = first ? first : last + 1;
	if (oldest > w->cursor + 1) {
		fs_log(w->fs, "%s: the change journal no longer reaches back "
		       "to what this mount last read; refreshing every folder",
		       w->fs->pool.db);
		refresh_all(w, NULL);
		w->cursor = last;
		return;
	}
	struct replay r = {.se = w->se, .tag = w->c->tag};
	int rc = idx_changes(w->c->ix, w->cursor, &w->cursor, on_change, &r);
	if (rc)
		fs_log(w->fs, "cannot read the change journal: %s",
		       idx_errmsg(w->c->ix));
	flush_nodes(&r);
	queries_changed(w, &r.gone);
	sbuf_release(&r.gone);
	free(r.nodes);
	note_indexed_at(w);
}

/* Any change may change any query/ or search/ folder: drop the
 * listing of each the kernel holds, and from query/ folders each article
 * name that went (search/ folders' entries live a second anyway). */
static void queries_changed(struct fs_watch *w, const struct sbuf *gone)
{
	fuse_ino_t *ino;
	size_t n = fsq_live(&w->fs->queries, w->c->tag, true, &ino);
	for (size_t i = 0; i < n; i++)
		fuse_lowlevel_notify_inval_inode(w->se, ino[i], 0, 0);
	free(ino);
	if (!gone->len)
		return;
	n = fsq_live(&w->fs->queries, w->c->tag, false, &ino);
	for (size_t i = 0; i < n; i++)
		for (const char *p = gone->buf; p < gone->buf + gone->len;
		     p += strlen(p) + 1)
			fuse_lowlevel_notify_inval_entry(w->se, ino[i], p,
							 strlen(p));
	free(ino);
}

/* Where the journal and SQLite's commit counter of c stand now. */
static int start_point(struct fs_conn *c, int64_t *version, int64_t *cursor)
{
	int64_t first;
	int rc = idx_data_version(c->ix, version);
	return rc ? rc : idx_changes_bounds(c->ix, &first, cursor);
}

/* Serve the file now at the path. 0, or -errno with err set. */
static int switch_file(struct fs_watch *w, char *err, size_t n)
{
	const char *db = w->fs->pool.db;
	struct fs_conn *mine = NULL, *first = NULL;
	int64_t version, cursor;
	int rc = pool_open(db, &mine, err, n);
	if (!rc)
		rc = pool_open(db, &first, err, n);
	if (!rc && (first->dev != mine->dev || first->ino != mine->ino))
		rc = -ESTALE;	/* replaced again meanwhile */
	if (!rc && (rc = start_point(mine, &version, &cursor)))
		snprintf(err, n, "%s", idx_errmsg(mine->ix));
	if (rc) {
		pool_close(mine);
		pool_close(first);
		return rc;
	}
	struct fs_conn *old = w->c;
	w->c = mine;
	refresh_all(w, first);
	pool_close(old);
	w->version = version;
	w->cursor = cursor;
	return 0;
}

static bool same_stamp(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	       a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec &&
	       a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* Is the index path still our file? Follow it when it is not. */
static void check_file(struct fs_watch *w)
{
	const char *db = w->fs->pool.db;
	struct stat st;
	if (stat(db, &st) != 0) {
		if (!w->said_gone)
			fs_log(w->fs, "%s: the index file %s (%s); still "
			       "serving it as it was, until an index appears "
			       "at that path", db, errno == ENOENT ?
			       "was deleted" : "cannot be looked at",
			       strerror(errno));
		w->said_gone = true;
		w->have_seen = false;
		return;
	}
	if (st.st_dev == w->c->dev && st.st_ino == w->c->ino) {
		w->said_gone = false;
		w->have_seen = false;
		return;
	}
	/* Another file: take it once it has stopped changing. */
	if (!w->have_seen || !same_stamp(&st, &w->seen)) {
		w->seen = st;
		w->have_seen = true;
		w->seen_failed = false;
		return;
	}
	if (w->seen_failed)
		return;
	char err[512] = "";
	int rc = switch_file(w, err, sizeof(err));
	if (rc == -ESTALE) {
		w->have_seen = false;	/* look again at the next poll */
	} else if (rc) {
		fs_log(w->fs, "%s: the index file was replaced by one newsfs "
		       "cannot use (%s); still serving the previous index",
		       db, err);
		w->seen_failed = true;
	} else {
		fs_log(w->fs, "%s: the index file was replaced; now serving "
		       "the new one", db);
		w->said_gone = false;
		w->have_seen = false;
	}
}

static void *watch_main(void *arg)
{
	struct fs_watch *w = arg;
	struct nfs_worker *wk = &w->worker;
	pthread_mutex_lock(&wk->lock);
	while (!wk->stop) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += POLL_MS * 1000000L;
		ts.tv_sec += ts.tv_nsec / 1000000000L;
		ts.tv_nsec %= 1000000000L;
		pthread_cond_timedwait(&wk->cv, &wk->lock, &ts);
		if (wk->stop)
			break;
		pthread_mutex_unlock(&wk->lock);
		check_file(w);
		int64_t v;
		if (idx_data_version(w->c->ix, &v) == 0 && v != w->version) {
			w->version = v;
			fsq_changed(&w->fs->queries);
			replay(w);
		}
		pthread_mutex_lock(&wk->lock);
	}
	pthread_mutex_unlock(&wk->lock);
	return NULL;
}

int watch_start(struct fs_watch *w, struct fs *fs, struct fuse_session *se,
		char *err, size_t errsz)
{
	memset(w, 0, sizeof(*w));
	w->fs = fs;
	w->se = se;
	int rc = pool_open(fs->pool.db, &w->c, err, errsz);
	if (rc)
		return rc;
	/* The watcher tells a replaced index by its own connection's file:
	 * it must be the pool's. Nothing serves yet, so no lock. */
	if (w->c->dev != fs->pool.dev || w->c->ino != fs->pool.ino) {
		snprintf(err, errsz, "%s: replaced while being mounted; try "
			 "again", fs->pool.db);
		rc = -ESTALE;
		goto fail;
	}
	pool_stamp(&fs->pool, w->c);
	/* Start at the end: a new mount has nothing cached yet. */
	rc = start_point(w->c, &w->version, &w->cursor);
	if (rc) {
		snprintf(err, errsz, "%s: %s", fs->pool.db, idx_errmsg(w->c->ix));
		goto fail;
	}
	rc = nfs_worker_start(&w->worker, watch_main, w);
	if (rc) {
		snprintf(err, errsz, "cannot start the index watcher: %s",
			 strerror(-rc));
		goto fail;
	}
	return 0;
fail:
	pool_close(w->c);
	w->c = NULL;
	return rc;
}

void watch_stop(struct fs_watch *w)
{
	if (!w->worker.running)
		return;
	nfs_worker_stop(&w->worker);
	pool_close(w->c);
}
