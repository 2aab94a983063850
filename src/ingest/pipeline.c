/*
 * The parallel part of an index run: worker threads read, validate, hash
 * and extract files while the calling thread writes to SQLite. A writer
 * that finds its next file not ready yet prepares one itself.
 *
 * Files are handed out in order and given back in the same order, so a
 * run with many threads stores exactly what a run with one would (the
 * choice of file names on collisions depends on that order). A ring of
 * WINDOW slots bounds the work in flight: a worker may only take file i
 * once file i - WINDOW has been written, so slot i % WINDOW is free.
 *
 * A corpus that is not in memory makes a worker wait for the disk once per
 * file, one read at a time. So when COLD_MISSES of PROBE files the
 * workers read were not in memory (the first read of each asks for
 * cached bytes only), a read-ahead thread starts probing the next AHEAD
 * files, and stays that far ahead of the workers. A probe is one
 * preadv2(RWF_NOWAIT) of the file's first bytes: it returns at once, and
 * for a file not in memory it has started the kernel's own readahead, so
 * the bytes are on their way when a worker claims the file. It stops
 * again when it finds WARM_HITS of PROBE files in memory already: a
 * corpus partly cached, or a few pages evicted from a warm one, should
 * not cost an open() per file to the end of the run. The thread only
 * ever waits: for an inode in open(), and on its condition variable.
 *
 * Locking: everything under "protected by lock" below; a slot's contents
 * belong to the one thread (worker or writer) that claimed it until it is
 * marked ready, and then to the writer until pipeline_done().
 */
#include "internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define WINDOW 64
#define MAX_JOBS 16
#define AHEAD 256
#define PROBE 1024
#define COLD_MISSES (PROBE / 64)
#define WARM_HITS (PROBE - PROBE / 64)
/* The kernel's first readahead window grows with the read that starts
 * it: a probe this long makes it read most articles whole in one
 * request. */
#define PROBE_LEN 65536

struct pipeline {
	pthread_mutex_t lock;
	pthread_cond_t ready_cv;	/* a slot became ready */
	pthread_cond_t free_cv;		/* the writer released a slot */
	pthread_cond_t ahead_cv;	/* read-ahead fell behind, or stop */
	size_t next;			/* next file to claim; protected by lock */
	size_t written;			/* files released by the writer; lock */
	size_t ahead;			/* files below were probed; lock */
	bool cold;			/* files come from the disk; lock */
	/* Toward the next decision, protected by lock: while read-ahead is
	 * off, files the workers read and how many were on the disk; while
	 * it is on, files it looked at and how many were in memory. */
	size_t seen, misses;
	size_t looked, hits;
	bool abort;			/* protected by lock */
	bool ready[WINDOW];		/* protected by lock */
	struct prepared slot[WINDOW];
	const struct walk *walk;
	const size_t *todo;		/* indexes into walk->files */
	size_t ntodo;
	struct read_rules rules;
	const struct ext_gaz *gaz;
	pthread_t thread[MAX_JOBS];
	int nthreads;
	pthread_t ahead_thread;
	bool ahead_running;
};

/* Open and read file into r. */
static int read_file(struct pipeline *p, struct prepared *r, size_t file)
{
	const struct walk_file *f = &p->walk->files[file];
	int fd = walk_open(p->walk, f);
	if (fd == -EXDEV) {	/* the tree changed since the walk */
		r->reason = WHY_OUTSIDE;
		return READ_SKIPPED;
	}
	if (fd < 0) {
		r->reason = open_reason(-fd);
		return fd;
	}
	int rc = read_bytes(fd, &p->rules, &r->fb, &r->stamp, &r->reason);
	/* A dump or an archive of any size is streamed by the writer. */
	if (rc == -EFBIG &&
	    records_wanted_fd(fd, walk_path(p->walk, f->path), &r->stamp)) {
		sbuf_reset(&r->fb.raw);
		rc = READ_RECORDS;
	}
	close(fd);
	return rc;
}

/* Everything about one file that needs no database. */
static void prepare(struct pipeline *p, struct prepared *r, size_t file)
{
	r->file = file;
	r->reason = NULL;
	r->fb.cold = false;
	r->page.on = false;
	r->rc = read_file(p, r, file);
	const char *path = walk_path(p->walk, p->walk->files[file].path);
	const char *raw = r->fb.raw.buf;
	size_t len = r->fb.raw.len;
	/* A saved page is extracted here, in parallel; dumps, archives and
	 * WARCs are read record by record by the writer. */
	if (!r->rc && records_wanted(path, raw, len))
		r->rc = records_is_page(path, raw, len)
			? records_page(path, &r->fb, &r->page, p->gaz, &r->ext,
				       r->hash, &r->reason)
			: READ_RECORDS;
	if (r->page.on)
		return;
	if (!r->rc)
		r->rc = take_article(&r->fb, &r->reason);
	if (r->rc)
		return;
	nfs_hash(r->fb.raw.buf, r->fb.raw.len, r->hash);
	/* A plain text states no date of its own: stated stays 0. */
	struct ext_when when = {.now = time(NULL)};
	r->rc = ext_extract(p->gaz, r->fb.text, r->fb.text_len, &when,
			    &r->ext);
	if (r->rc)
		r->reason = "out of memory while extracting";
}

/* Under p->lock: is the read-ahead less than half its distance ahead? */
static bool ahead_wanted(const struct pipeline *p)
{
	return p->cold && p->ahead < p->ntodo && p->ahead < p->next + AHEAD / 2;
}

/* Under p->lock: a worker read a file with read-ahead off. */
static void count_read(struct pipeline *p, bool miss)
{
	p->misses += miss;
	if (p->misses >= COLD_MISSES) {
		p->cold = true;
		p->looked = p->hits = 0;
		pthread_cond_signal(&p->ahead_cv);
	}
	if (p->cold || ++p->seen >= PROBE)
		p->seen = p->misses = 0;
}

/* Under p->lock: the read-ahead looked at n files, found hits cached. */
static void count_ahead(struct pipeline *p, size_t n, size_t hits)
{
	p->looked += n;
	p->hits += hits;
	if (p->looked < PROBE)
		return;
	if (p->hits >= WARM_HITS)
		p->cold = false;
	p->looked = p->hits = 0;
}

/* Probe files [from, to) of the run; returns how many were in memory.
 * A file that cannot be opened counts as neither: the worker that claims
 * it says why. */
static size_t probe_range(struct pipeline *p, char *scratch, size_t from,
			  size_t to)
{
	size_t hits = 0;
	for (size_t i = from; i < to; i++) {
		int fd = walk_open(p->walk, &p->walk->files[p->todo[i]]);
		if (fd < 0)
			continue;
		hits += read_cached(fd, scratch, PROBE_LEN, 0) >= 0;
		close(fd);
	}
	return hits;
}

static void *read_ahead_loop(void *arg)
{
	struct pipeline *p = arg;
	char *scratch = NULL;	/* every probe reads here; nothing looks */
	pthread_mutex_lock(&p->lock);
	while (!p->abort && p->ahead < p->ntodo) {
		if (!ahead_wanted(p)) {
			pthread_cond_wait(&p->ahead_cv, &p->lock);
			continue;
		}
		size_t from = p->ahead > p->next ? p->ahead : p->next;
		size_t to = p->next + AHEAD < p->ntodo ? p->next + AHEAD
						       : p->ntodo;
		p->ahead = to;
		pthread_mutex_unlock(&p->lock);
		/* Made when first needed, so a warm run never makes one.
		 * Out of memory, the files count as cached: read-ahead
		 * turns itself off and the workers read as they would. */
		if (!scratch)
			scratch = malloc(PROBE_LEN);
		size_t hits = scratch ? probe_range(p, scratch, from, to)
				      : to - from;
		pthread_mutex_lock(&p->lock);
		count_ahead(p, to - from, hits);
	}
	pthread_mutex_unlock(&p->lock);
	free(scratch);
	return NULL;
}

/* Under p->lock: is there nothing left to claim, ever? */
static bool all_claimed(const struct pipeline *p)
{
	return p->abort || p->next >= p->ntodo;
}

/* Under p->lock: claim the next file if its slot is free. */
static bool claim(struct pipeline *p, size_t *i)
{
	if (all_claimed(p) || p->next >= p->written + WINDOW)
		return false;
	*i = p->next++;
	if (ahead_wanted(p))
		pthread_cond_signal(&p->ahead_cv);
	return true;
}

/* Called and returns under p->lock; prepares file i outside it. */
static void prepare_claimed(struct pipeline *p, size_t i)
{
	struct prepared *r = &p->slot[i % WINDOW];
	pthread_mutex_unlock(&p->lock);
	prepare(p, r, p->todo[i]);
	pthread_mutex_lock(&p->lock);
	if (!p->cold)
		count_read(p, r->fb.cold);
	p->ready[i % WINDOW] = true;
	pthread_cond_broadcast(&p->ready_cv);
}

static void *worker(void *arg)
{
	struct pipeline *p = arg;
	size_t i;
	pthread_mutex_lock(&p->lock);
	for (;;) {
		if (claim(p, &i)) {
			prepare_claimed(p, i);
			continue;
		}
		if (all_claimed(p))
			break;
		pthread_cond_wait(&p->free_cv, &p->lock);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* One worker per CPU but the one the writer keeps busy: the writer is
 * the slower side (it is busy the whole run), and a worker more than the
 * CPUs only adds sleeps and wakeups between three threads on two cores
 * (docs/architecture.md, "Settings"). */
static int default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN) - 1;
	return n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (int)n;
}

int pipeline_start(struct pipeline **out, const struct walk *w,
		   const size_t *todo, size_t ntodo, int jobs,
		   const struct read_rules *rules, const struct ext_gaz *g)
{
	struct pipeline *p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->ready_cv, NULL);
	pthread_cond_init(&p->free_cv, NULL);
	pthread_cond_init(&p->ahead_cv, NULL);
	p->walk = w;
	p->todo = todo;
	p->ntodo = ntodo;
	p->rules = *rules;
	p->gaz = g;
	if (jobs <= 0)
		jobs = default_jobs();
	if ((size_t)jobs > ntodo)
		jobs = ntodo ? (int)ntodo : 1;
	for (int i = 0; i < jobs && i < MAX_JOBS; i++) {
		if (pthread_create(&p->thread[i], NULL, worker, p) != 0)
			break;
		p->nthreads++;
	}
	if (!p->nthreads && ntodo) {
		pipeline_stop(p);
		return -EAGAIN;
	}
	/* Without it a cold corpus is only slower. */
	p->ahead_running = ntodo > 1 && pthread_create(&p->ahead_thread, NULL,
						       read_ahead_loop, p) == 0;
	*out = p;
	return 0;
}

/* A writer that would wait for file i prepares the next unclaimed file
 * itself: on two cores the one worker is the slower side, and a writer
 * asleep until each file is ready costs a wakeup per file on top. */
struct prepared *pipeline_next(struct pipeline *p, size_t i)
{
	if (i >= p->ntodo)
		return NULL;
	pthread_mutex_lock(&p->lock);
	while (!p->ready[i % WINDOW]) {
		size_t j;
		if (claim(p, &j))
			prepare_claimed(p, j);
		else
			pthread_cond_wait(&p->ready_cv, &p->lock);
	}
	pthread_mutex_unlock(&p->lock);
	return &p->slot[i % WINDOW];
}

void pipeline_done(struct pipeline *p, size_t i)
{
	pthread_mutex_lock(&p->lock);
	p->ready[i % WINDOW] = false;
	p->written++;
	pthread_cond_broadcast(&p->free_cv);
	pthread_mutex_unlock(&p->lock);
}

void pipeline_stop(struct pipeline *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	p->abort = true;
	pthread_cond_broadcast(&p->free_cv);
	pthread_cond_signal(&p->ahead_cv);
	pthread_mutex_unlock(&p->lock);
	for (int i = 0; i < p->nthreads; i++)
		pthread_join(p->thread[i], NULL);
	if (p->ahead_running)
		pthread_join(p->ahead_thread, NULL);
	for (size_t i = 0; i < WINDOW; i++) {
		file_buf_release(&p->slot[i].fb);
		ext_result_release(&p->slot[i].ext);
		sbuf_release(&p->slot[i].page.strs);
	}
	pthread_cond_destroy(&p->ready_cv);
	pthread_cond_destroy(&p->free_cv);
	pthread_cond_destroy(&p->ahead_cv);
	pthread_mutex_destroy(&p->lock);
	free(p);
}
