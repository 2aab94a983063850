/*
 * Background checkpoints for a long index run.
 *
 * In WAL mode every committed page is written twice: once to the WAL,
 * then again into the database by a checkpoint, which also waits for two
 * fdatasync()s. Left to SQLite's auto-checkpoint, that work runs inside
 * the writer's COMMIT and the writer stops for it, in fdatasync() most of
 * the time (figures: docs/performance-history.md).
 *
 * So during a run a thread of our own, on its own connection, runs a
 * PASSIVE checkpoint after each commit, and the writer's WAL hook no
 * longer checkpoints. PASSIVE never blocks the writer or a mounted
 * reader: it copies what no reader still needs and leaves the rest for
 * the next round. The WAL starts over from its beginning only when a
 * write transaction begins with everything copied; the checkpointer
 * usually lags one batch behind, so once the WAL is WAL_LIMIT frames long
 * a commit waits for the round it started, and the next batch starts a
 * fresh WAL. A checkpoint that fails (disk full) loses nothing: the
 * frames stay in the WAL, where readers find them, and the writer's own
 * commits report the disk.
 */
#include "internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

/* 32768 frames of 16 KiB: 512 MiB of WAL, a few batches (ingest.c) of
 * a large run. Every wait costs the writer a round of copying; with a
 * much smaller limit every commit waited. */
#define WAL_LIMIT 32768

struct idx_ckpt {
	sqlite3 *db;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cv;	/* work to do, or stop */
	pthread_cond_t done_cv;	/* a round ended */
	uint64_t wanted;	/* rounds asked for */
	uint64_t done;		/* rounds finished */
	bool stop;		/* all three protected by lock */
	int wal_frames;		/* writer thread only: WAL length */
};

/* The writer's WAL hook: only notes the length; the writer acts on it
 * after its commit returns, outside SQLite. */
static int wal_hook(void *arg, sqlite3 *db, const char *name, int frames)
{
	(void)db;
	(void)name;
	((struct idx_ckpt *)arg)->wal_frames = frames;
	return SQLITE_OK;
}

static void *checkpointer(void *arg)
{
	struct idx_ckpt *c = arg;
	pthread_mutex_lock(&c->lock);
	for (;;) {
		while (c->done == c->wanted && !c->stop)
			pthread_cond_wait(&c->cv, &c->lock);
		if (c->stop)
			break;
		uint64_t round = c->wanted;
		pthread_mutex_unlock(&c->lock);
		sqlite3_wal_checkpoint_v2(c->db, "main",
					  SQLITE_CHECKPOINT_PASSIVE, NULL,
					  NULL);
		pthread_mutex_lock(&c->lock);
		c->done = round;
		pthread_cond_broadcast(&c->done_cv);
	}
	pthread_mutex_unlock(&c->lock);
	return NULL;
}

static void ckpt_free(struct idx_ckpt *c)
{
	sqlite3_close(c->db);
	pthread_cond_destroy(&c->cv);
	pthread_cond_destroy(&c->done_cv);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

/* Open the checkpointer's connection: the writer's file, with the WAL
 * kept on close like the writer's (see db.c). */
static int ckpt_open(struct idx *ix, struct idx_ckpt *c)
{
	const char *path = sqlite3_db_filename(ix->db, "main");
	if (!path || !path[0])
		return -EINVAL;
	int rc = sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READWRITE |
				 SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK)
		return -EIO;
	int persist = 1;
	sqlite3_file_control(c->db, "main", SQLITE_FCNTL_PERSIST_WAL,
			     &persist);
	/* A connection learns that the file is in WAL mode on its first
	 * read; until then a checkpoint is a no-op. */
	rc = sqlite3_exec(c->db, "SELECT 1 FROM sqlite_schema LIMIT 1", NULL,
			  NULL, NULL);
	return rc == SQLITE_OK ? 0 : -EIO;
}

int idx_ckpt_start(struct idx *ix)
{
	/* A build (build.c) has no WAL, and no second connection may
	 * open it. */
	if (ix->ckpt || ix->mode != IDX_WRITE || ix->build)
		return 0;
	struct idx_ckpt *c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	pthread_mutex_init(&c->lock, NULL);
	pthread_cond_init(&c->cv, NULL);
	pthread_cond_init(&c->done_cv, NULL);
	int rc = ckpt_open(ix, c);
	if (!rc && pthread_create(&c->thread, NULL, checkpointer, c) != 0)
		rc = -EAGAIN;
	if (rc) {
		ckpt_free(c);
		return rc;
	}
	ix->ckpt = c;
	/* Replaces the auto-checkpoint, which is itself a WAL hook. */
	sqlite3_wal_hook(ix->db, wal_hook, c);
	return 0;
}

void idx_ckpt_kick(struct idx *ix)
{
	struct idx_ckpt *c = ix->ckpt;
	if (!c)
		return;
	pthread_mutex_lock(&c->lock);
	uint64_t round = ++c->wanted;
	pthread_cond_signal(&c->cv);
	if (c->wal_frames >= WAL_LIMIT)
		while (c->done < round && !c->stop)
			pthread_cond_wait(&c->done_cv, &c->lock);
	pthread_mutex_unlock(&c->lock);
}

void idx_ckpt_stop(struct idx *ix)
{
	struct idx_ckpt *c = ix->ckpt;
	if (!c)
		return;
	pthread_mutex_lock(&c->lock);
	c->stop = true;
	pthread_cond_signal(&c->cv);
	pthread_mutex_unlock(&c->lock);
	pthread_join(c->thread, NULL);
	ckpt_free(c);
	ix->ckpt = NULL;
	/* Back to SQLite's own hook and limit. */
	sqlite3_wal_autocheckpoint(ix->db, 1000);
}
