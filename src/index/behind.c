/*
 * Write-behind for a first run's build file: an SQLite VFS that hands the
 * main database's writes to a thread of its own.
 *
 * At a million articles the writer thread is the one that sets the pace,
 * and about a third of its time went to pwrite(): the kernel finding and
 * filling new page-cache pages for a 3.8 GB file (docs/performance.md).
 * The extraction worker meanwhile waits for free slots. Here xWrite only
 * copies the page into a queue and returns; one thread per file writes
 * the queue out in order, on its own descriptor, on whichever core is
 * idle.
 *
 * Only the build file gets this (db.c opens it with this VFS): nobody
 * else reads it, it has no journal (journal_mode OFF, locking_mode
 * EXCLUSIVE) and no shared memory, and a failed run throws it away, so
 * what a crash would do to queued pages does not matter. What does:
 *
 * - reads see queued writes: xRead copies from the newest queued write
 *   that covers it, and waits for the queue to empty when one covers it
 *   only in part;
 * - the first write that fails is reported by every later call, and by
 *   NFS_FCNTL_FLUSH, which idx_publish() sends before it closes the
 *   file: a build whose pages did not all reach the file is not
 *   published;
 * - xSync, xTruncate and xClose empty the queue first, and xFileSize
 *   counts queued writes.
 *
 * Once written, the pages that hold article bytes are also let go of:
 * written back and dropped from the page cache, DROP_BATCH bytes at a
 * time. On some VMs a page cache page is costly the first time it is
 * used: writing 2 GB into a new file here took 8 CPU-seconds, and 0.5
 * when each written range was dropped again, so that the next write
 * found the same pages free. It also leaves the memory to what was in it
 * before the run. SQLite never reads those pages back in a first run;
 * the rest of the file (indexes, the article and source rows, which a
 * duplicate looks up again) stays cached. Which page is which comes
 * from its own bytes (idx_page_let_go()). A wrong guess costs a read
 * from the disk, never data: only pages already written back can be
 * dropped.
 *
 * Locking: everything in struct behind below the mutex is protected by
 * it. The thread writes from the oldest entries with the mutex released;
 * that is safe because a queued entry never changes: xWrite only fills
 * the free slot after the newest one, and the slots the thread is
 * writing leave the queue only when it is done.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#define QUEUE 1024		/* queued writes: 16 MiB of 16 KiB pages */
#define WAKE 32			/* queued writes that wake the thread */
#define RUN 64			/* most writes one pwritev() takes */
#define DROP_BATCH (16 << 20)	/* bytes of pages let go of at once */
#define DROP_SPANS 1024		/* most ranges in one batch */

struct entry {
	sqlite3_int64 off;
	int len;
	int cap;
	char *data;
};

/* A range of the file whose pages can leave the page cache. */
struct span {
	sqlite3_int64 off, len;
};

struct behind {
	pthread_t thread;
	int fd;				/* the thread's own descriptor */
	/* The thread's alone: written pages not to keep in memory. */
	struct span drop[DROP_SPANS];
	unsigned ndrop;
	sqlite3_int64 dropped;		/* bytes in drop[] */
	pthread_mutex_t lock;
	pthread_cond_t queued;		/* an entry was queued, or stop */
	pthread_cond_t written;		/* an entry was written */
	struct entry e[QUEUE];		/* ring: head is the oldest */
	unsigned head, count;
	bool stop;
	int err;			/* errno of the first failed write */
	sqlite3_int64 end;		/* end of the furthest queued write */
};

struct bfile {
	sqlite3_file base;
	struct behind *b;		/* NULL: writes go straight through */
	sqlite3_file *real;		/* the default VFS's file, after us */
};

static struct entry *at(struct behind *b, unsigned i)
{
	return &b->e[(b->head + i) % QUEUE];
}

/* With b->lock held: how many entries from the head continue each other
 * in the file, up to max, so that one pwritev() takes them all. */
static unsigned run_length(struct behind *b, struct iovec *iov, unsigned max)
{
	unsigned n = 0;
	sqlite3_int64 next = at(b, 0)->off;
	while (n < b->count && n < max && at(b, n)->off == next) {
		const struct entry *e = at(b, n);
		iov[n] = (struct iovec){e->data, (size_t)e->len};
		next += e->len;
		n++;
	}
	return n;
}

/* 0 or an errno. A short write says nothing about why it stopped;
 * writing the rest either finishes or fails with the reason (ENOSPC
 * for a full disk), which is what the user should be told. */
static int write_all(int fd, struct iovec *iov, unsigned n,
		     sqlite3_int64 off)
{
	while (n) {
		ssize_t done = pwritev(fd, iov, (int)n, off);
		if (done < 0 && errno == EINTR)
			continue;
		if (done <= 0)
			return done < 0 ? errno : EIO;
		off += done;
		for (; n && (size_t)done >= iov->iov_len; iov++, n--)
			done -= (ssize_t)iov->iov_len;
		if (n) {
			iov->iov_base = (char *)iov->iov_base + done;
			iov->iov_len -= (size_t)done;
		}
	}
	return 0;
}

bool idx_page_let_go(const unsigned char *page, size_t len,
		     sqlite3_int64 off)
{
	if (off == 0 || len < 512)	/* page 1: the header and schema */
		return false;
	switch (page[0]) {
	case 0x00:	/* overflow: the rest of a long row. A freelist
			 * trunk page looks the same; SQLite reads one
			 * again only to reuse free pages, which a first
			 * run seldom has, and then from the disk */
		return true;
	case 0x0d: {	/* table leaf: article bytes average 512 or more
			 * per row; article and source rows (a name, a
			 * path, a few numbers) far less */
		size_t cells = (size_t)page[3] << 8 | page[4];
		size_t start = (size_t)page[5] << 8 | page[6];
		if (start == 0)
			start = 65536;
		return cells && start < len && (len - start) / cells >= 512;
	}
	default:	/* index or interior pages, or not a b-tree page */
		return false;
	}
}

/* Written back, then dropped: DONTNEED skips dirty pages, so the wait
 * is what makes it work. Every range's write-back starts before the
 * first wait, so the disk has the batch at once rather than one range at
 * a time. Both calls are advice; an error here costs memory, and a write
 * that failed still fails the publishing fsync(). */
static void let_go(struct behind *b)
{
	for (unsigned i = 0; i < b->ndrop; i++)
		sync_file_range(b->fd, b->drop[i].off, b->drop[i].len,
				SYNC_FILE_RANGE_WRITE);
	for (unsigned i = 0; i < b->ndrop; i++) {
		sync_file_range(b->fd, b->drop[i].off, b->drop[i].len,
				SYNC_FILE_RANGE_WAIT_BEFORE |
				SYNC_FILE_RANGE_WRITE |
				SYNC_FILE_RANGE_WAIT_AFTER);
		posix_fadvise(b->fd, b->drop[i].off, b->drop[i].len,
			      POSIX_FADV_DONTNEED);
	}
	b->ndrop = 0;
	b->dropped = 0;
}

/* Remember len bytes at off, just written, to let go of. */
static void note_let_go(struct behind *b, sqlite3_int64 off,
			sqlite3_int64 len)
{
	struct span *last = b->ndrop ? &b->drop[b->ndrop - 1] : NULL;
	if (last && last->off + last->len == off) {
		last->len += len;
	} else {
		if (b->ndrop == DROP_SPANS)
			let_go(b);
		b->drop[b->ndrop++] = (struct span){off, len};
	}
	b->dropped += len;
	if (b->dropped >= DROP_BATCH)
		let_go(b);
}

/* Write n contiguous pages at off, those to let go of apart from the
 * others. The kernel caches a file in folios of up to 2 MiB, sized by
 * the write, and drops only whole folios: a page kept in the same write
 * as pages let go of would keep them all. */
static int write_pages(struct behind *b, struct iovec *iov, unsigned n,
		       sqlite3_int64 off)
{
	while (n) {
		bool go = idx_page_let_go(iov[0].iov_base, iov[0].iov_len, off);
		sqlite3_int64 len = (sqlite3_int64)iov[0].iov_len;
		unsigned k = 1;
		for (; k < n; k++) {
			if (idx_page_let_go(iov[k].iov_base, iov[k].iov_len,
					    off + len) != go)
				break;
			len += (sqlite3_int64)iov[k].iov_len;
		}
		int err = write_all(b->fd, iov, k, off);
		if (err)
			return err;
		if (go)
			note_let_go(b, off, len);
		iov += k;
		n -= k;
		off += len;
	}
	return 0;
}

static void *writer(void *arg)
{
	struct behind *b = arg;
	struct iovec iov[RUN];
	pthread_mutex_lock(&b->lock);
	for (;;) {
		while (!b->count && !b->stop)
			pthread_cond_wait(&b->queued, &b->lock);
		if (!b->count)
			break;
		sqlite3_int64 off = at(b, 0)->off;
		unsigned n = run_length(b, iov, RUN);
		pthread_mutex_unlock(&b->lock);
		int err = write_pages(b, iov, n, off);
		pthread_mutex_lock(&b->lock);
		if (err && !b->err)
			b->err = err;
		b->head = (b->head + n) % QUEUE;
		b->count -= n;
		pthread_cond_broadcast(&b->written);
	}
	pthread_mutex_unlock(&b->lock);
	let_go(b);
	return NULL;
}

/* With b->lock held: what SQLite should hear about the writes so far. A
 * full disk keeps its own code: SQLite says "database or disk is full". */
static int status(const struct behind *b)
{
	if (!b->err)
		return SQLITE_OK;
	return b->err == ENOSPC || b->err == EDQUOT ? SQLITE_FULL
						    : SQLITE_IOERR_WRITE;
}

/* With b->lock held: wait until every queued write is in the file. */
static int drain(struct behind *b)
{
	if (b->count)
		pthread_cond_signal(&b->queued);
	while (b->count)
		pthread_cond_wait(&b->written, &b->lock);
	return status(b);
}

static int drain_unlocked(struct behind *b)
{
	pthread_mutex_lock(&b->lock);
	int rc = drain(b);
	pthread_mutex_unlock(&b->lock);
	return rc;
}

static void behind_stop(struct behind *b)
{
	pthread_mutex_lock(&b->lock);
	b->stop = true;
	pthread_cond_signal(&b->queued);
	pthread_mutex_unlock(&b->lock);
	pthread_join(b->thread, NULL);
	for (unsigned i = 0; i < QUEUE; i++)
		free(b->e[i].data);
	close(b->fd);
	pthread_cond_destroy(&b->written);
	pthread_cond_destroy(&b->queued);
	pthread_mutex_destroy(&b->lock);
	free(b);
}

static struct behind *behind_start(const char *path)
{
	struct behind *b = calloc(1, sizeof(*b));
	if (!b)
		return NULL;
	b->fd = open(path, O_WRONLY | O_CLOEXEC);
	if (b->fd < 0)
		goto fail_fd;
	if (pthread_mutex_init(&b->lock, NULL))
		goto fail_lock;
	if (pthread_cond_init(&b->queued, NULL))
		goto fail_queued;
	if (pthread_cond_init(&b->written, NULL))
		goto fail_written;
	if (pthread_create(&b->thread, NULL, writer, b))
		goto fail_thread;
	return b;
fail_thread:
	pthread_cond_destroy(&b->written);
fail_written:
	pthread_cond_destroy(&b->queued);
fail_queued:
	pthread_mutex_destroy(&b->lock);
fail_lock:
	close(b->fd);
fail_fd:
	free(b);
	return NULL;
}

static int b_write(sqlite3_file *f, const void *buf, int len,
		   sqlite3_int64 off)
{
	struct bfile *bf = (struct bfile *)f;
	struct behind *b = bf->b;
	if (!b)
		return bf->real->pMethods->xWrite(bf->real, buf, len, off);
	pthread_mutex_lock(&b->lock);
	while (b->count == QUEUE && !b->err)
		pthread_cond_wait(&b->written, &b->lock);
	int rc = status(b);
	struct entry *e = at(b, b->count);
	if (!rc && e->cap < len) {
		char *data = realloc(e->data, (size_t)len);
		if (data) {
			e->data = data;
			e->cap = len;
		} else {
			rc = SQLITE_IOERR_NOMEM;
		}
	}
	if (!rc) {
		memcpy(e->data, buf, (size_t)len);
		e->off = off;
		e->len = len;
		b->count++;
		if (off + len > b->end)
			b->end = off + len;
		/* One wake-up per WAKE writes, not one per write: the
		 * thread only sleeps once the queue is empty. */
		if (b->count == WAKE)
			pthread_cond_signal(&b->queued);
	}
	pthread_mutex_unlock(&b->lock);
	return rc;
}

/* With b->lock held: the newest queued write that overlaps the range,
 * or NULL. */
static const struct entry *newest_over(struct behind *b, sqlite3_int64 off,
				       int len)
{
	for (unsigned i = b->count; i-- > 0;) {
		const struct entry *e = at(b, i);
		if (e->off < off + len && off < e->off + e->len)
			return e;
	}
	return NULL;
}

static int b_read(sqlite3_file *f, void *buf, int len, sqlite3_int64 off)
{
	struct bfile *bf = (struct bfile *)f;
	struct behind *b = bf->b;
	if (b) {
		pthread_mutex_lock(&b->lock);
		const struct entry *e = newest_over(b, off, len);
		int rc = status(b);
		if (!rc && e && e->off <= off && off + len <= e->off + e->len) {
			memcpy(buf, e->data + (off - e->off), (size_t)len);
			pthread_mutex_unlock(&b->lock);
			return rc;
		}
		/* Older writes may cover other parts: let them all land. */
		if (!rc && e)
			rc = drain(b);
		pthread_mutex_unlock(&b->lock);
		if (rc)
			return rc;
	}
	return bf->real->pMethods->xRead(bf->real, buf, len, off);
}

static int b_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	struct bfile *bf = (struct bfile *)f;
	struct behind *b = bf->b;
	if (b) {
		pthread_mutex_lock(&b->lock);
		int rc = drain(b);
		if (!rc)
			rc = bf->real->pMethods->xTruncate(bf->real, size);
		if (!rc)
			b->end = size;
		pthread_mutex_unlock(&b->lock);
		return rc;
	}
	return bf->real->pMethods->xTruncate(bf->real, size);
}

static int b_sync(sqlite3_file *f, int flags)
{
	struct bfile *bf = (struct bfile *)f;
	int rc = bf->b ? drain_unlocked(bf->b) : SQLITE_OK;
	return rc ? rc : bf->real->pMethods->xSync(bf->real, flags);
}

static int b_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
	struct bfile *bf = (struct bfile *)f;
	int rc = bf->real->pMethods->xFileSize(bf->real, size);
	if (!rc && bf->b) {
		pthread_mutex_lock(&bf->b->lock);
		if (bf->b->end > *size)
			*size = bf->b->end;
		pthread_mutex_unlock(&bf->b->lock);
	}
	return rc;
}

static int b_close(sqlite3_file *f)
{
	struct bfile *bf = (struct bfile *)f;
	if (bf->b)
		behind_stop(bf->b);
	bf->b = NULL;
	return bf->real->pMethods->xClose(bf->real);
}

static int b_file_control(sqlite3_file *f, int op, void *arg)
{
	struct bfile *bf = (struct bfile *)f;
	if (op == NFS_FCNTL_FLUSH)
		return bf->b ? drain_unlocked(bf->b) : SQLITE_OK;
	return bf->real->pMethods->xFileControl(bf->real, op, arg);
}

static int b_lock(sqlite3_file *f, int level)
{
	struct bfile *bf = (struct bfile *)f;
	return bf->real->pMethods->xLock(bf->real, level);
}

static int b_unlock(sqlite3_file *f, int level)
{
	struct bfile *bf = (struct bfile *)f;
	return bf->real->pMethods->xUnlock(bf->real, level);
}

static int b_check_reserved(sqlite3_file *f, int *out)
{
	struct bfile *bf = (struct bfile *)f;
	return bf->real->pMethods->xCheckReservedLock(bf->real, out);
}

static int b_sector_size(sqlite3_file *f)
{
	struct bfile *bf = (struct bfile *)f;
	return bf->real->pMethods->xSectorSize(bf->real);
}

static int b_device(sqlite3_file *f)
{
	struct bfile *bf = (struct bfile *)f;
	return bf->real->pMethods->xDeviceCharacteristics(bf->real);
}

/* Version 1: no shared memory (so no WAL) and no memory mapping, which
 * would read the file behind the queue's back. */
static const sqlite3_io_methods io = {
	.iVersion = 1,
	.xClose = b_close,
	.xRead = b_read,
	.xWrite = b_write,
	.xTruncate = b_truncate,
	.xSync = b_sync,
	.xFileSize = b_file_size,
	.xLock = b_lock,
	.xUnlock = b_unlock,
	.xCheckReservedLock = b_check_reserved,
	.xFileControl = b_file_control,
	.xSectorSize = b_sector_size,
	.xDeviceCharacteristics = b_device,
};

static int b_open(sqlite3_vfs *v, const char *name, sqlite3_file *f,
		  int flags, int *out_flags)
{
	sqlite3_vfs *base = v->pAppData;
	struct bfile *bf = (struct bfile *)f;
	bf->base.pMethods = NULL;
	bf->b = NULL;
	bf->real = (sqlite3_file *)(bf + 1);
	int rc = base->xOpen(base, name, bf->real, flags, out_flags);
	if (rc)
		return rc;
	if ((flags & SQLITE_OPEN_MAIN_DB) && name &&
	    !(bf->b = behind_start(name))) {
		bf->real->pMethods->xClose(bf->real);
		return SQLITE_CANTOPEN;
	}
	bf->base.pMethods = &io;
	return SQLITE_OK;
}

static sqlite3_vfs vfs;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int registered = SQLITE_ERROR;

static void vfs_register(void)
{
	sqlite3_vfs *base = sqlite3_vfs_find(NULL);
	if (!base)
		return;
	vfs = *base;
	vfs.zName = NFS_VFS_BEHIND;
	vfs.szOsFile = (int)sizeof(struct bfile) + base->szOsFile;
	vfs.pAppData = base;
	vfs.xOpen = b_open;
	vfs.pNext = NULL;
	registered = sqlite3_vfs_register(&vfs, 0);
}

int idx_behind_register(void)
{
	pthread_once(&once, vfs_register);
	return registered == SQLITE_OK ? 0 : -EIO;
}
