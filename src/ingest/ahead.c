/*
 * Reading ahead of the workers, a batch of files at a time.
 *
 * Asked for one small file at a time, the kernel sends the disk one
 * request per file, and on a virtual machine each request costs a VM exit
 * to ring the device's doorbell and an interrupt to hear back. Probes
 * submitted together through an io_uring go out under one plug: on the
 * 2-core development VM, getting a cold 100k corpus into memory took
 * 0.9 s of system time in batches against 3.3-3.9 s with one preadv2()
 * per file. Inside an index run, where this thread's work is a small
 * part, the difference was within the VM's noise (docs/performance.md).
 *
 * A probe reads the file's first PROBE_LEN bytes, but only those already
 * in memory (RWF_NOWAIT). A probe that finds them says the file was
 * cached, which is what stops the pipeline's read-ahead; one that does not
 * has started the kernel's readahead of the file and returns at once.
 * Buffered RWF_NOWAIT reads complete while they are submitted, so nothing
 * is in flight once a batch is reaped. Every probe reads into the same
 * scratch buffer, which nothing ever looks at.
 *
 * Without io_uring (a kernel before 5.6, a seccomp filter,
 * kernel.io_uring_disabled, or NEWSFS_IO_URING=0) the same probes go one
 * preadv2() each.
 */
#include "internal.h"

#include <errno.h>
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

struct ahead {
	int ring;			/* the io_uring, or -1: one call each */
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

struct ahead *ahead_open(void)
{
	struct ahead *a = calloc(1, sizeof(*a));
	if (!a)
		return NULL;
	a->ring = -1;
	const char *env = getenv("NEWSFS_IO_URING");
	if (!env || strcmp(env, "0") != 0)
		(void)ring_open(a);	/* without it, one call per probe */
	return a;
}

void ahead_close(struct ahead *a)
{
	if (!a)
		return;
	ring_close(a);
	free(a);
}

/* Completions so far; counts those that found bytes in memory. */
static unsigned reap(struct ahead *a, size_t *hits)
{
	unsigned head = *a->cq_head, n = 0;
	unsigned tail = __atomic_load_n(a->cq_tail, __ATOMIC_ACQUIRE);
	for (; head != tail; head++, n++)
		*hits += a->cqes[head & a->cq_mask].res >= 0;
	__atomic_store_n(a->cq_head, head, __ATOMIC_RELEASE);
	return n;
}

/* 0, or -errno when the ring failed and the caller should go on without. */
static int probe_ring(struct ahead *a, const int *fds, unsigned n,
		      size_t *hits)
{
	unsigned tail = *a->sq_tail;
	for (unsigned i = 0; i < n; i++, tail++) {
		unsigned at = tail & a->sq_mask;
		struct io_uring_sqe *s = &a->sqes[at];
		memset(s, 0, sizeof(*s));
		s->opcode = IORING_OP_READ;
		s->fd = fds[i];
		s->addr = (uint64_t)(uintptr_t)a->scratch;
		s->len = PROBE_LEN;
		s->rw_flags = RWF_NOWAIT;
		a->sq_array[at] = at;
	}
	__atomic_store_n(a->sq_tail, tail, __ATOMIC_RELEASE);
	unsigned unsent = n, done = 0;
	while (done < n) {
		long rc = syscall(__NR_io_uring_enter, a->ring, unsent,
				  n - done, IORING_ENTER_GETEVENTS, NULL, 0);
		if (rc < 0 && errno != EINTR)
			return -errno;
		if (rc > 0)
			unsent -= (unsigned)rc;
		done += reap(a, hits);
	}
	return 0;
}

static size_t probe_each(struct ahead *a, const int *fds, size_t n)
{
	size_t hits = 0;
	for (size_t i = 0; i < n; i++)
		hits += read_cached(fds[i], a->scratch, PROBE_LEN, 0) >= 0;
	return hits;
}

size_t ahead_read(struct ahead *a, const char *const *paths, size_t n)
{
	int fds[AHEAD_BATCH];
	size_t nfds = 0, hits = 0;
	for (size_t i = 0; i < n && i < AHEAD_BATCH; i++) {
		int fd = open_input(paths[i]);
		if (fd >= 0)	/* if not, read_article() will say why */
			fds[nfds++] = fd;
	}
	if (a->ring >= 0 && probe_ring(a, fds, (unsigned)nfds, &hits) != 0) {
		/* Whatever went wrong, the ring is of no more use; the files
		 * already probed are only probed again. */
		ring_close(a);
		hits = 0;
	}
	if (a->ring < 0)
		hits = probe_each(a, fds, nfds);
	for (size_t i = 0; i < nfds; i++)
		close(fds[i]);
	return hits;
}
