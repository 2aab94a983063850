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
 * cached bytes only), a read-ahead thread starts asking the kernel for
 * the next AHEAD files' bytes, in batches (ahead.c), and stays that far
 * ahead of the workers. Files it reads whole wait in early[] for the
 * worker that claims them, which then neither opens nor reads them. It
 * stops again when it finds WARM_HITS of PROBE files in memory already:
 * a corpus partly cached, or a few pages evicted from a warm one, should
 * not cost an open() per file to the end of the run. The thread only
 * ever waits: for an inode in open(), for its batch's reads, and on its
 * condition variable.
 *
 * Locking: everything under "protected by lock" below; a slot's contents
 * belong to the one thread (worker or writer) that claimed it until it is
 * marked ready, and then to the writer until pipeline_done(). An early[]
 * entry's bytes belong to the read-ahead while it is not ready, and to
 * whoever claims its file once it is: the claim takes them at once. The
 * read-ahead only reuses an entry AHEAD files later, and it never runs
 * more than AHEAD files ahead of the claims, so that entry's file has
 * been claimed, and its bytes taken or never marked ready.
 */
#include "ahead.h"
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

/* A file the read-ahead read whole, for the worker that claims it. */
struct early {
	size_t i;		/* the file's number in the run */
	bool ready;		/* raw holds file i; protected by lock */
	struct idx_stamp stamp;
	struct sbuf raw;
};

struct pipeline {
	pthread_mutex_t lock;
	pthread_cond_t ready_cv;	/* a slot became ready */
	pthread_cond_t free_cv;		/* the writer released a slot */
	pthread_cond_t ahead_cv;	/* read-ahead fell behind, or stop */
	size_t next;			/* next file to claim; protected by lock */
	size_t written;			/* files released by the writer; lock */
	size_t ahead;			/* files below were read ahead; lock */
	bool cold;			/* files come from the disk; lock */
	/* Toward the next decision, protected by lock: while read-ahead is
	 * off, files the workers read and how many were on the disk; while
	 * it is on, files it looked at and how many were in memory. */
	size_t seen, misses;
	size_t looked, hits;
	bool abort;			/* protected by lock */
	bool ready[WINDOW];		/* protected by lock */
	struct prepared slot[WINDOW];
	struct early early[AHEAD];
	const struct walk *walk;
	const size_t *todo;		/* indexes into walk->files */
	size_t ntodo;
	struct read_rules rules;
	bool plain_reads;		/* read-ahead without io_uring */
	const struct ext_gaz *gaz;
	pthread_t thread[MAX_JOBS];
	int nthreads;
	pthread_t ahead_thread;
	bool ahead_running;
};

/* Open and read file (not read ahead) into r. */
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

/* Everything about one file that needs no database. Early: r->fb.raw
 * and r->stamp already hold the file, read ahead. */
static void prepare(struct pipeline *p, struct prepared *r, size_t file,
		    bool early)
{
	r->file = file;
	r->reason = NULL;
	r->fb.cold = early;
	r->page.on = false;
	r->rc = early ? 0 : read_file(p, r, file);
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

/* Under p->lock: files read whole go to early[] unless claimed since. */
static void publish(struct pipeline *p, const struct ahead_file *f,
		    size_t from, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		struct early *e = &p->early[(from + k) % AHEAD];
		if (!f[k].read || from + k < p->next)
			continue;
		e->i = from + k;
		e->stamp = f[k].stamp;
		e->ready = true;
	}
}

/* Files [from, to) in batches; returns how many were in memory. */
static size_t read_ahead_range(struct pipeline *p, struct ahead *a,
			       size_t from, size_t to)
{
	struct ahead_file f[AHEAD_BATCH];
	size_t hits = 0;
	while (from < to) {
		size_t n = 0;
		for (; n < AHEAD_BATCH && from + n < to; n++) {
			const struct walk_file *w =
				&p->walk->files[p->todo[from + n]];
			f[n].file = w;
			f[n].raw = &p->early[(from + n) % AHEAD].raw;
		}
		hits += ahead_read(a, f, n);
		pthread_mutex_lock(&p->lock);
		publish(p, f, from, n);
		pthread_mutex_unlock(&p->lock);
		from += n;
	}
	return hits;
}

static void *read_ahead_loop(void *arg)
{
	struct pipeline *p = arg;
	struct ahead *a = NULL;
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
		if (!a)
			a = ahead_open(p->walk, &p->rules,
				       p->plain_reads);
		size_t hits = a ? read_ahead_range(p, a, from, to) : to - from;
		pthread_mutex_lock(&p->lock);
		count_ahead(p, to - from, hits);
	}
	pthread_mutex_unlock(&p->lock);
	ahead_close(a);
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

/* Under p->lock: move file i's bytes from early[] to r, if read ahead. */
static bool take_early(struct pipeline *p, size_t i, struct prepared *r)
{
	struct early *e = &p->early[i % AHEAD];
	if (!e->ready || e->i != i)
		return false;
	struct sbuf mine = r->fb.raw;
	r->fb.raw = e->raw;
	e->raw = mine;
	r->stamp = e->stamp;
	e->ready = false;
	return true;
}

/* Called and returns under p->lock; prepares file i outside it. */
static void prepare_claimed(struct pipeline *p, size_t i)
{
	struct prepared *r = &p->slot[i % WINDOW];
	bool early = take_early(p, i, r);
	pthread_mutex_unlock(&p->lock);
	prepare(p, r, p->todo[i], early);
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
		   const struct read_rules *rules, bool plain_reads,
		   const struct ext_gaz *g)
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
	p->plain_reads = plain_reads;
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
	for (size_t i = 0; i < AHEAD; i++)
		sbuf_release(&p->early[i].raw);
	pthread_cond_destroy(&p->ready_cv);
	pthread_cond_destroy(&p->free_cv);
	pthread_cond_destroy(&p->ahead_cv);
	pthread_mutex_destroy(&p->lock);
	free(p);
}
