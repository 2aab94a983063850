/*
 * Reading ahead of the workers, a batch of files at a time.
 *
 * Asked for one small file at a time, the kernel sends the disk one
 * request per file, and on a virtual machine each request costs a VM exit
 * to ring the device's doorbell and an interrupt to hear back. Requests
 * submitted together through an io_uring go out under one plug, which
 * took a fraction of the system time of one preadv2() per file
 * (docs/performance.md).
 *
 * Where it can, the read-ahead reads each file whole with O_DIRECT into a
 * buffer the pipeline hands to the worker that claims the file (a fill).
 * The bytes then go from the disk straight to the buffer: no page cache
 * pages to allocate, no copy out of them, no second open() by the worker,
 * and a run over a corpus that was not in memory leaves the page cache
 * as it found it, at less CPU time than probes and buffered reads
 * (docs/performance-history.md). A file already in memory is left
 * to the worker, which copies it from there: cachestat() tells, without
 * starting any I/O. A file that cannot be filled (no cachestat(), a file
 * system without O_DIRECT, a file larger than FILL_MAX or not regular) is
 * probed instead, as every file is without fills.
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
 * Without io_uring (a kernel before 5.6, a seccomp filter,
 * kernel.io_uring_disabled, or NEWSFS_IO_URING=0) there are no fills and
 * the probes go one preadv2() each. NEWSFS_DIRECT=0 turns fills off.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/io_uring.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
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

/* cachestat(2), Linux 6.5; the headers of older systems lack it. */
#ifndef __NR_cachestat
#define __NR_cachestat 451
#endif
struct cs_range {
	uint64_t off, len;
};
struct cs_stat {
	uint64_t nr_cache, nr_dirty, nr_writeback, nr_evicted,
		nr_recently_evicted;
};

enum how {
	HOW_SKIP,		/* not opened: read_article() will say why */
	HOW_CACHED,		/* in memory: left to the worker */
	HOW_PROBE,
	HOW_FILL,
};

struct ahead {
	int ring;			/* the io_uring, or -1: one call each */
	bool fill;			/* fills possible so far */
	const struct walk *walk;	/* whose files are read */
	struct read_rules rules;	/* files it does not take are probed */
	void *rings;			/* submission and completion rings */
	size_t rings_len;
	struct io_uring_sqe *sqes;
	size_t sqes_len;
	unsigned *sq_tail, *sq_array, sq_mask;
	unsigned *cq_head, *cq_tail, cq_mask;
	struct io_uring_cqe *cqes;
	char scratch[PROBE_LEN];
};

static void *map_ring(int fd, size_t len, off_t what)
{
	return mmap(NULL, len, PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_POPULATE, fd, what);
}

static void ring_close(struct ahead *a)
{
	if (a->sqes && a->sqes != MAP_FAILED)
		munmap(a->sqes, a->sqes_len);
	if (a->rings && a->rings != MAP_FAILED)
		munmap(a->rings, a->rings_len);
	if (a->ring >= 0)
		close(a->ring);
	a->ring = -1;
	a->fill = false;
}

/* 0, or -errno with a->ring left at -1. */
static int ring_open(struct ahead *a)
{
	struct io_uring_params p;
	memset(&p, 0, sizeof(p));
	int fd = (int)syscall(__NR_io_uring_setup, AHEAD_BATCH, &p);
	if (fd < 0)
		return -errno;
	a->ring = fd;
	/* Kernels before 5.4 map the two rings apart; not worth the code. */
	if (!(p.features & IORING_FEAT_SINGLE_MMAP) ||
	    p.sq_entries < AHEAD_BATCH) {
		ring_close(a);
		return -ENOSYS;
	}
	size_t sq = p.sq_off.array + p.sq_entries * sizeof(unsigned);
	size_t cq = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
	a->rings_len = sq > cq ? sq : cq;
	a->rings = map_ring(fd, a->rings_len, IORING_OFF_SQ_RING);
	a->sqes_len = p.sq_entries * sizeof(struct io_uring_sqe);
	a->sqes = map_ring(fd, a->sqes_len, IORING_OFF_SQES);
	if (a->rings == MAP_FAILED || a->sqes == MAP_FAILED) {
		int e = errno;
		ring_close(a);
		return -e;
	}
	char *r = a->rings;
	a->sq_tail = (unsigned *)(r + p.sq_off.tail);
	a->sq_array = (unsigned *)(r + p.sq_off.array);
	a->sq_mask = *(unsigned *)(r + p.sq_off.ring_mask);
	a->cq_head = (unsigned *)(r + p.cq_off.head);
	a->cq_tail = (unsigned *)(r + p.cq_off.tail);
	a->cq_mask = *(unsigned *)(r + p.cq_off.ring_mask);
	a->cqes = (struct io_uring_cqe *)(r + p.cq_off.cqes);
	return 0;
}

static bool env_off(const char *name)
{
	const char *env = getenv(name);
	return env && strcmp(env, "0") == 0;
}

struct ahead *ahead_open(const struct walk *w, const struct read_rules *rules)
{
	struct ahead *a = calloc(1, sizeof(*a));
	if (!a)
		return NULL;
	a->ring = -1;
	a->walk = w;
	a->rules = *rules;
	if (!env_off("NEWSFS_IO_URING") && ring_open(a) == 0)
		a->fill = !env_off("NEWSFS_DIRECT");
	return a;
}

void ahead_close(struct ahead *a)
{
	if (!a)
		return;
	ring_close(a);
	free(a);
}

/* Is any of the file in memory? Turns fills off for good where the kernel
 * cannot tell (before 6.5, or a seccomp filter). */
static bool cached(struct ahead *a, int fd)
{
	struct cs_range range = {0, 0};	/* 0: to the end of the file */
	struct cs_stat cs;
	if (syscall(__NR_cachestat, fd, &range, &cs, 0) == 0)
		return cs.nr_cache > 0;
	if (errno == ENOSYS || errno == EPERM)
		a->fill = false;
	return false;
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
	if (cached(a, fd))
		return HOW_CACHED;
	if (!a->fill || !(sx.stx_mask & STATX_DIOALIGN) ||
	    !sx.stx_dio_offset_align || sx.stx_dio_offset_align > DIO_ALIGN ||
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

static void queue_read(struct ahead *a, unsigned tail, int fd, void *buf,
		       size_t len, int flags, uint64_t k)
{
	unsigned at = tail & a->sq_mask;
	struct io_uring_sqe *s = &a->sqes[at];
	memset(s, 0, sizeof(*s));
	s->opcode = IORING_OP_READ;
	s->fd = fd;
	s->addr = (uint64_t)(uintptr_t)buf;
	s->len = (unsigned)len;
	s->rw_flags = flags;
	s->user_data = k;
	a->sq_array[at] = at;
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

/* Submit what queue_read() queued, n in all, and wait for every one of
 * them: 0, or -errno when the ring failed before anything was in flight
 * and the caller should go on without it. */
static int run_ring(struct ahead *a, struct ahead_file *f,
		    const enum how *how, unsigned n, size_t *hits)
{
	unsigned unsent = n, done = 0;
	while (done < n) {
		long rc = syscall(__NR_io_uring_enter, a->ring, unsent,
				  n - done, IORING_ENTER_GETEVENTS, NULL, 0);
		/* With reads in flight their buffers must outlive them:
		 * only give up when none is. */
		if (rc < 0 && errno != EINTR && unsent == n - done)
			return -errno;
		if (rc > 0)
			unsent -= (unsigned)rc;
		unsigned head = *a->cq_head;
		unsigned tail = __atomic_load_n(a->cq_tail, __ATOMIC_ACQUIRE);
		for (; head != tail; head++, done++) {
			const struct io_uring_cqe *c =
				&a->cqes[head & a->cq_mask];
			*hits += complete(&f[c->user_data], how[c->user_data],
					  c->res);
		}
		__atomic_store_n(a->cq_head, head, __ATOMIC_RELEASE);
	}
	return 0;
}

/* 0, or -errno when the ring failed; *hits counts files found cached. */
static int read_ring(struct ahead *a, struct ahead_file *f, const int *fds,
		     size_t n, size_t *hits)
{
	enum how how[AHEAD_BATCH];
	unsigned tail = *a->sq_tail, queued = 0;
	for (size_t k = 0; k < n; k++) {
		size_t len = 0;
		how[k] = fds[k] < 0 ? HOW_SKIP
		       : a->fill ? plan_fill(a, fds[k], &f[k], &len)
				 : HOW_PROBE;
		*hits += how[k] == HOW_CACHED;
		if (how[k] == HOW_FILL)
			queue_read(a, tail + queued++, fds[k], f[k].raw->buf,
				   len, 0, k);
		else if (how[k] == HOW_PROBE)
			queue_read(a, tail + queued++, fds[k], a->scratch,
				   PROBE_LEN, RWF_NOWAIT, k);
	}
	__atomic_store_n(a->sq_tail, tail + queued, __ATOMIC_RELEASE);
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
	if (a->ring >= 0 && read_ring(a, f, fds, n, &hits) != 0) {
		/* Whatever went wrong, the ring is of no more use; the files
		 * already probed are only probed again. */
		ring_close(a);
		for (size_t k = 0; k < n; k++)
			f[k].read = false;
	}
	if (a->ring < 0)
		hits = probe_each(a, fds, n);
	for (size_t k = 0; k < n; k++)
		if (fds[k] >= 0)
			close(fds[k]);
	return hits;
}
