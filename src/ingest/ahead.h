/*
 * The cold read-ahead of `newsfs index` (ahead.c), a speed-only piece.
 *
 * Why it exists: a corpus that is on the disk but not in memory is read
 * one small file at a time by the workers, one disk request per file.
 * Asked for a batch of files at once, the kernel and the device keep
 * busy: a first index of an evicted corpus was measured faster by more
 * than the 10% a speed-only piece must buy (docs/performance.md has the
 * figures and the conditions they hold in). The
 * pipeline (pipeline.c) only calls it while the files of a run keep
 * turning out not to be in memory; nothing else in newsfs depends on
 * it, and every file it does not read whole is read by the workers as
 * if it did not exist.
 *
 * Two paths, chosen when it is opened:
 * - batched: one io_uring (Debian's liburing) per run; files not in
 *   memory are read whole around the page cache (O_DIRECT) where the
 *   file system allows it, the rest are probed (below);
 * - plain: one preadv2(RWF_NOWAIT) probe per file, which starts the
 *   kernel's readahead of a file that is not in memory. Taken where the
 *   kernel gives no io_uring (before Linux 5.6, kernel.io_uring_disabled,
 *   a seccomp filter) or when the user asks (`index --no-io-uring`).
 */
#ifndef NEWSFS_INGEST_AHEAD_H
#define NEWSFS_INGEST_AHEAD_H

#include "internal.h"

#define AHEAD_BATCH 128

struct ahead;
/* plain: take the plain path even where io_uring works. Returns NULL
 * only when out of memory; files the rules do not take are left for the
 * workers to reject. */
struct ahead *ahead_open(const struct walk *w, const struct read_rules *rules,
			 bool plain);
/* One file of a batch. */
struct ahead_file {
	const struct walk_file *file;
	struct sbuf *raw;	/* where the file may be read whole */
	bool read;		/* OUT: raw holds the whole file, */
	struct idx_stamp stamp;	/* OUT: and this is the stamp of it */
};
/* Read files f[0..n), n <= AHEAD_BATCH, whole into f[k].raw where that
 * is cheaper than leaving them to the workers, and start the kernel
 * reading the rest, without waiting for it. Returns how many were in
 * memory already. */
size_t ahead_read(struct ahead *a, struct ahead_file *f, size_t n);
void ahead_close(struct ahead *a);

#endif
