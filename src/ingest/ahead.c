/*
 * Reading ahead of the workers, a batch of files at a time (ahead.h says
 * why it exists and when it runs).
 *
 * Asked for one small file at a time, the kernel sends the disk one
 * request per file, and on a virtual machine each request costs a VM exit
 * to ring the device's doorbell and an interrupt to hear back. Requests
 * submitted together through an io_uring go out under one plug.
 *
 * Where it can, the read-ahead reads each file whole with O_DIRECT into a
 * buffer the pipeline hands to the worker that claims the file (a fill).
 * The bytes then go from the disk straight to the buffer: no page cache
 * pages to allocate, no copy out of them, no second open() by the worker,
 * and a run over a corpus that was not in memory leaves the page cache
 * as it found it (docs/performance.md). A file already in memory is left
 * to the worker, which copies it from there: mincore(2) on a mapping of
 * the file tells, without starting any I/O. A file that cannot be filled
 * (a file system without O_DIRECT or that asks for a larger alignment
 * than DIO_ALIGN, a file larger than FILL_MAX or not regular) is probed
 * instead, as every file is on the plain path.
 *
 * A probe reads the file's first PROBE_LEN bytes, but only those already
 * in memory (RWF_NOWAIT). One that finds them says the file was cached;
 * one that does not has started the kernel's readahead of the file and
 * returns at once. Buffered RWF_NOWAIT reads complete while they are
 * submitted. Every probe reads into the same scratch buffer, which nothing
 * ever looks at.
 *
 * Files found in memory are counted, which is what stops the pipeline's
 * read-ahead on a corpus that turns out to be cached.
 *
 * Everything here is documented interface: liburing(7) and its man pages
 * for the ring, open(2) for O_DIRECT, statx(2) for STATX_DIOALIGN,
 * mincore(2), preadv2(2) for RWF_NOWAIT.
 */
#include "ahead.h"

#include <errno.h>
#include <fcntl.h>
#include <liburing.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

/* The kernel's first readahead window grows with the read that starts
 * it: a 64 KiB probe makes it read most articles whole in one request. */
#define PROBE_LEN 65536
/* Fill buffers circulate between the pipeline's slots and only grow, so
 * this bounds what they can hold: (AHEAD + WINDOW) * FILL_MAX. */
#define FILL_MAX (128 * 1024)
/* Buffer address and length alignment for O_DIRECT; files asking for
 * more (statx's DIO alignment) are probed instead. */
#define DIO_ALIGN 4096

enum how {
	HOW_SKIP,		/* not opened: read_article() will say why */
	HOW_CACHED,		/* in memory: left to the worker */
	HOW_PROBE,
	HOW_FILL,
};

struct ahead {
	struct io_uring ring;
	bool batched;			/* ring is set up */
	const struct walk *walk;	/* whose files are read */
	struct read_rules rules;	/* files it does not take are probed */
	struct iovec iov[AHEAD_BATCH];	/* each read's one buffer */
	char scratch[PROBE_LEN];
};

static void ring_close(struct ahead *a)
{
	if (a->batched)
		io_uring_queue_exit(&a->ring);
	a->batched = false;
}

struct ahead *ahead_open(const struct walk *w, const struct read_rules *rules,
			 bool plain)
{
	struct ahead *a = calloc(1, sizeof(*a));
	if (!a)
		return NULL;
	a->walk = w;
	a->rules = *rules;
	/* Any failure (ENOSYS before 5.6, EPERM from the sysctl or a
	 * seccomp filter, ENOMEM from a locked-memory limit) means the
	 * plain path. */
	if (!plain && io_uring_queue_init(AHEAD_BATCH, &a->ring, 0) == 0)
		a->batched = true;
	return a;
}

void ahead_close(struct ahead *a)
{
	if (!a)
		return;
	ring_close(a);
	free(a);
}

/* Is any of the file's len bytes in memory? 1 yes, 0 no, -1 cannot
 * tell (a file system that cannot map it, out of memory): probe it. */
static int cached(int fd, size_t len)
{
	unsigned char vec[FILL_MAX / DIO_ALIGN + 1];
	long page = sysconf(_SC_PAGESIZE);
	if (len == 0)
		return 0;
	if (page <= 0 || (len + (size_t)page - 1) / (size_t)page > sizeof(vec))
		return -1;
	size_t pages = (len + (size_t)page - 1) / (size_t)page;
	void *map = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED)
		return -1;
	int any = mincore(map, len, vec) != 0 ? -1 : 0;
	for (size_t i = 0; any == 0 && i < pages; i++)
		any = vec[i] & 1;
	munmap(map, len);
	return any;
}

/* Get f ready to be filled from fd, or say what else to do with it. */
static enum how plan_fill(struct ahead *a, int fd, struct ahead_file *f,
			  size_t *len)
{
	struct statx sx;
	const char *why;
	if (statx(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS | STATX_DIOALIGN,
		  &sx) != 0 ||
	    check_input(sx.stx_mode, sx.stx_size, &a->rules, &why) != 0 ||
	    sx.stx_size > FILL_MAX)
		return HOW_PROBE;	/* the worker reads it, or says why not */
	int in_memory = cached(fd, (size_t)sx.stx_size);
	if (in_memory)
		return in_memory > 0 ? HOW_CACHED : HOW_PROBE;
	if (!(sx.stx_mask & STATX_DIOALIGN) || !sx.stx_dio_offset_align ||
	    sx.stx_dio_offset_align > DIO_ALIGN ||
	    sx.stx_dio_mem_align > DIO_ALIGN)
		return HOW_PROBE;
	/* One byte more than the file: a read that fills it says the file
	 * grew since statx(), and the worker reads it itself. */
	*len = ((size_t)sx.stx_size + DIO_ALIGN) / DIO_ALIGN * DIO_ALIGN;
	/* F_SETFL also clears O_NONBLOCK, which would make io_uring give up
	 * on a read the device cannot take at once. */
	if (sbuf_align(f->raw, *len, DIO_ALIGN) != 0 ||
	    fcntl(fd, F_SETFL, O_DIRECT) != 0)
		return HOW_PROBE;
	f->stamp = stamp_of_statx(&sx);
	return HOW_FILL;
}

/* Queue a read of fd's first len bytes into buf as the k-th of the
 * batch: false when the ring has no room (it has AHEAD_BATCH entries, as
 * many as a batch, so never). */
static bool queue_read(struct ahead *a, size_t k, int fd, void *buf,
		       size_t len, int flags)
{
	struct io_uring_sqe *s = io_uring_get_sqe(&a->ring);
	if (!s)
		return false;
	a->iov[k] = (struct iovec){.iov_base = buf, .iov_len = len};
	io_uring_prep_readv2(s, fd, &a->iov[k], 1, 0, flags);
	io_uring_sqe_set_data64(s, k);
	return true;
}

/* What one completion says about f: a probe that found bytes is a hit; a
 * fill that read the whole file leaves it in f->raw. */
static bool complete(struct ahead_file *f, enum how how, int res)
{
	if (how == HOW_PROBE)
		return res >= 0;
	if (res > 0 && (int64_t)res <= f->stamp.size) {
		f->raw->len = (size_t)res;
		f->raw->buf[res] = '\0';
		f->read = true;
	}
	return false;
}

/* Submit the n reads queued and wait for every one of them: 0, or -errno
 * when the ring failed with nothing in flight and the caller should go
 * on without it. */
static int run_ring(struct ahead *a, struct ahead_file *f,
		    const enum how *how, unsigned n, size_t *hits)
{
	unsigned sent = 0, done = 0;
	while (done < n) {
		int rc = io_uring_submit_and_wait(&a->ring, 1);
		/* With reads in flight their buffers must outlive them:
		 * only give up when none is. */
		if (rc < 0 && rc != -EINTR && sent == done)
			return rc;
		if (rc > 0)
			sent += (unsigned)rc;
		struct io_uring_cqe *c;
		while (io_uring_peek_cqe(&a->ring, &c) == 0) {
			uint64_t k = io_uring_cqe_get_data64(c);
			*hits += complete(&f[k], how[k], c->res);
			io_uring_cqe_seen(&a->ring, c);
			done++;
		}
	}
	return 0;
}

/* 0, or -errno when the ring failed; *hits counts files found cached. */
static int read_ring(struct ahead *a, struct ahead_file *f, const int *fds,
		     size_t n, size_t *hits)
{
	enum how how[AHEAD_BATCH];
	unsigned queued = 0;
	for (size_t k = 0; k < n; k++) {
		size_t len = 0;
		how[k] = fds[k] < 0 ? HOW_SKIP
				    : plan_fill(a, fds[k], &f[k], &len);
		*hits += how[k] == HOW_CACHED;
		bool sent = how[k] == HOW_FILL
			? queue_read(a, k, fds[k], f[k].raw->buf, len, 0)
			: how[k] == HOW_PROBE &&
			  queue_read(a, k, fds[k], a->scratch, PROBE_LEN,
				     RWF_NOWAIT);
		if (sent)
			queued++;
		else if (how[k] != HOW_CACHED)
			how[k] = HOW_SKIP;	/* the worker reads it */
	}
	return run_ring(a, f, how, queued, hits);
}

static size_t probe_each(struct ahead *a, const int *fds, size_t n)
{
	size_t hits = 0;
	for (size_t i = 0; i < n; i++)
		hits += fds[i] >= 0 &&
			read_cached(fds[i], a->scratch, PROBE_LEN, 0) >= 0;
	return hits;
}

size_t ahead_read(struct ahead *a, struct ahead_file *f, size_t n)
{
	int fds[AHEAD_BATCH];
	size_t hits = 0;
	if (n > AHEAD_BATCH)
		n = AHEAD_BATCH;
	for (size_t k = 0; k < n; k++) {
		f[k].read = false;
		fds[k] = walk_open(a->walk, f[k].file);	/* < 0: HOW_SKIP */
	}
	if (a->batched && read_ring(a, f, fds, n, &hits) != 0) {
		/* Whatever went wrong, the ring is of no more use; the files
		 * already probed are only probed again. */
		ring_close(a);
		for (size_t k = 0; k < n; k++)
			f[k].read = false;
	}
	if (!a->batched)
		hits = probe_each(a, fds, n);
	for (size_t k = 0; k < n; k++)
		if (fds[k] >= 0)
			close(fds[k]);
	return hits;
}
