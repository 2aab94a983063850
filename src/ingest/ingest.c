/*
 * One index run, in four phases:
 *
 *   1. walk     list every input file with its stamp (walk.c; a first
 *               run, with nothing to compare, lists regular files
 *               without one)
 *   2. classify compare stamps with the index; unchanged files are only
 *               marked as seen, never opened
 *   3. index    worker threads read, validate, hash and extract
 *               (pipeline.c); this thread stores new content, or records
 *               one more source of content already stored
 *   4. finish   forget sources that vanished from the walked folders,
 *               then articles and facet values nothing refers to
 *
 * Writes go in batches of BATCH_FILES files or BATCH_SECONDS, each one
 * transaction. Killing the run loses at most the open batch; phase 4 only
 * runs after a complete walk, so a killed run never forgets anything. (A
 * first run builds a new index aside and publishes it at the end, all or
 * nothing: index/build.c.) A
 * bad file is rejected before the index sees it (read.c), so it never
 * costs a batch.
 *
 * Batches are large on purpose. The article table has three indexes on
 * keys that arrive in no order (content hash, file name, date), so every
 * batch rewrites most of their pages, whatever its size: small batches
 * write the same pages again and again (docs/architecture.md,
 * "Settings").
 */
#include "internal.h"
#include "order.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BATCH_FILES 100000
#define BATCH_SECONDS 4.0
#define PROGRESS_SECONDS 0.1

struct run {
	struct idx *ix;
	const struct ext_gaz *gaz;
	const struct ingest_opts *opts;
	struct ingest_stats *st;
	struct walk walk;
	int64_t run_id;
	uint32_t ext_version;		/* of the gazetteer and algorithm */
	struct ingest_facets facets;	/* scratch for one article */
	const char *hits[16];		/* corrections that changed it */
	size_t nhits;
	const char *publication[1];	/* a wire service, or "unknown" */
	struct ingest_progress prog;
	double t0, last_progress, batch_start;
	int batch_files;
	struct records records;		/* files of articles (records.c) */
	int64_t records_base;		/* bytes done before the file */
	char *err;
	size_t errsz;
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void progress(struct run *r, int phase, bool force)
{
	double t = now();
	if (!r->opts->progress ||
	    (!force && t - r->last_progress < PROGRESS_SECONDS))
		return;
	r->last_progress = t;
	r->prog.phase = phase;
	r->prog.seconds = t - r->t0;
	r->opts->progress(r->opts->ctx, &r->prog);
}

static void reject(struct run *r, const char *path, const char *reason)
{
	r->st->rejected++;
	if (r->opts->reject)
		r->opts->reject(r->opts->ctx, path, reason);
}

/* Bytes that are no text at all (read.c and nfs_text_decode() say so
 * with -EINVAL): a photo or an archive among the articles. Counted apart
 * from failures, so that a folder holding one is not a failed run. */
static void not_article(struct run *r, const char *path, const char *why)
{
	r->st->not_articles++;
	if (r->opts->not_article)
		r->opts->not_article(r->opts->ctx, path, why);
}

/* Left out on purpose: a link out of the folder, a mount, a private
 * file. Not an error; what the index had for it goes, as for a file that
 * vanished. */
static void skip(struct run *r, const char *path, const char *why)
{
	r->st->skipped++;
	if (r->opts->skip)
		r->opts->skip(r->opts->ctx, path, why);
}

static void walk_reject(void *ctx, const char *path, const char *reason)
{
	struct run *r = ctx;
	if (r->opts->reject)
		r->opts->reject(r->opts->ctx, path, reason);
}

static void walk_skip(void *ctx, const char *path, const char *why)
{
	struct run *r = ctx;
	if (r->opts->skip)
		r->opts->skip(r->opts->ctx, path, why);
}

static int batch_step(struct run *r, bool force);

static void progress(struct run *r, int phase, bool force);

/* After each record of a file of articles: the batch may commit, and the
 * progress bar moves through the file. */
static int records_step(void *ctx, uint64_t read)
{
	struct run *r = ctx;
	r->prog.bytes_done = r->records_base + (int64_t)read;
	r->prog.records++;
	progress(r, 1, false);
	return batch_step(r, false);
}

static void records_reject(void *ctx, const char *path, const char *reason)
{
	reject(ctx, path, reason);
}

/* A failure outside the index (memory, threads): say what we were doing. */
static int fail_sys(struct run *r, int rc, const char *what)
{
	snprintf(r->err, r->errsz, "%s: %s", what, strerror(-rc));
	return rc;
}

/* A failure of the index: its own message already says what failed. */
static int fail(struct run *r, int rc, const char *what)
{
	if (!idx_errmsg(r->ix)[0])
		return fail_sys(r, rc, what);
	snprintf(r->err, r->errsz, "%s", idx_errmsg(r->ix));
	return rc;
}

/* Commit the open batch and start the next one when it is full. */
static int batch_step(struct run *r, bool force)
{
	r->batch_files++;
	if (!force && r->batch_files < BATCH_FILES &&
	    now() - r->batch_start < BATCH_SECONDS)
		return 0;
	int rc = idx_commit(r->ix);
	if (!rc)
		rc = idx_begin(r->ix);
	r->batch_files = 0;
	r->batch_start = now();
	return rc ? fail(r, rc, "cannot commit") : 0;
}

static bool same_stamp(const struct idx_stamp *a, const struct idx_stamp *b)
{
	return a->size == b->size && a->mtime_ns == b->mtime_ns &&
	       a->ino == b->ino;
}

/* A file of articles the index holds with the same stamp: 0 (and it and
 * its records are marked seen), -ENOENT when it must be read. */
static int unchanged_container(struct run *r, const struct walk_file *f)
{
	struct idx_container c;
	const char *path = walk_path(&r->walk, f->path);
	int rc = idx_container_get(r->ix, path, &c);
	if (rc)
		return rc;
	if (!same_stamp(&c.stamp, &f->stamp) ||
	    c.ext_version != r->records.version)
		return -ENOENT;
	return idx_container_seen(r->ix, path, r->run_id);
}

/* Phase 2. */
static int classify(struct run *r)
{
	for (size_t i = 0; i < r->walk.nfiles; i++) {
		struct walk_file *f = &r->walk.files[i];
		struct idx_source src;
		int rc = idx_source_get(r->ix, walk_path(&r->walk, f->path),
					&src);
		f->indexed = rc == 0;
		if (rc == -ENOENT) {
			rc = unchanged_container(r, f);
			if (rc == -ENOENT)
				continue;
			if (rc)
				return fail(r, rc, "cannot read the index");
			goto unchanged;
		}
		/* A file is read again when it changed, or when its article
		 * was extracted by another version of the extractor. */
		if (!rc && (!same_stamp(&src.stamp, &f->stamp) ||
			    src.ext_version != r->ext_version))
			continue;
		if (!rc)
			rc = idx_source_seen(r->ix, src.id, r->run_id);
		if (rc)
			return fail(r, rc, "cannot read the index");
unchanged:
		f->state = FILE_UNCHANGED;
		r->st->unchanged++;
		r->prog.files_done++;
		r->prog.bytes_done += f->stamp.size;
		if ((rc = batch_step(r, false)))
			return rc;
	}
	return 0;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* What the worker extracted, as the index takes it. Uses r's scratch
 * arrays, valid until the next call. */
static int article_in(struct run *r, const struct prepared *pr,
		      const char *path, struct idx_article_in *a)
{
	const struct ext_result *e = &pr->ext;
	*a = (struct idx_article_in){
		.body = pr->fb.raw.buf,
		.size = pr->fb.raw.len,
		.title = e->title && e->title[0] ? e->title : base_name(path),
		.ext_version = r->ext_version,
		.publications = r->publication,
		.npublications = 1,
	};
	int rc = ingest_facets_take(&r->facets, e, r->opts->fixes, path,
				    e->date, pr->stamp.mtime_ns, a, r->hits,
				    NFS_ARRAY_SIZE(r->hits), &r->nhits);
	if (rc)
		return rc;
	const char *wire = ext_wire(pr->fb.text, pr->fb.text_len);
	r->publication[0] = wire ? wire : IDX_PUBLICATION_UNKNOWN;
	memcpy(a->hash, pr->hash, NFS_HASH_LEN);
	return 0;
}

/* The index part of phase 3 for one file that was read successfully:
 * new content is stored; known content gains a source, and is extracted
 * again if an older extractor produced its facets. */
static int store_file(struct run *r, const struct prepared *pr,
		      const struct walk_file *f, const char *path)
{
	int64_t id;
	uint32_t version;
	struct idx_article_in a;
	/* New content is the common case: add it; an add that finds the
	 * hash stored says which article holds it. */
	int rc = article_in(r, pr, path, &a);
	if (!rc)
		rc = idx_article_add(r->ix, &a, &id, &version);
	if (!rc) {
		r->st->added++;
	} else if (rc == -EEXIST && version != r->ext_version) {
		rc = idx_article_refresh(r->ix, id, &a, path);
		if (!rc)
			r->st->refreshed++;
	} else if (rc == -EEXIST) {
		rc = idx_article_publication(r->ix, id, r->publication[0]);
		r->st->duplicates += !f->indexed;
		r->nhits = 0;	/* stored as it was */
	}
	for (size_t i = 0; !rc && i < r->nhits; i++)
		rc = idx_fix_hit(r->ix, r->hits[i], id);
	if (!rc)
		rc = idx_source_put(r->ix, path, &pr->stamp, id, r->run_id,
				    f->indexed);
	return rc ? rc : idx_source_publications(r->ix, path, r->publication,
						 1);
}

/* A file that cannot be indexed now keeps what the index had for it. */
static int keep_old(struct run *r, const struct walk_file *f,
		    const char *path)
{
	struct idx_source src;
	if (!f->indexed) {
		/* A file of articles: its records stay. */
		struct idx_container c;
		int rc = idx_container_get(r->ix, path, &c);
		return rc == -ENOENT ? 0
		       : rc ? rc : idx_container_seen(r->ix, path, r->run_id);
	}
	int rc = idx_source_get(r->ix, path, &src);
	return rc ? rc : idx_source_seen(r->ix, src.id, r->run_id);
}

static int index_file(struct run *r, const struct prepared *pr)
{
	struct walk_file *f = &r->walk.files[pr->file];
	const char *path = walk_path(&r->walk, f->path);
	if (pr->rc == -ENOMEM)
		return fail_sys(r, pr->rc, "cannot read");
	if (pr->rc == READ_RECORDS) {
		r->records_base = r->prog.bytes_done;
		int rc = records_index(&r->records, &r->walk, f, pr);
		r->prog.bytes_done = r->records_base;
		if (!rc)
			f->state = FILE_DONE;
		return rc ? fail(r, rc, "cannot write the index") : 0;
	}
	if (pr->rc == READ_SKIPPED) {
		skip(r, path, pr->reason);
		f->state = FILE_REJECTED;
		return 0;
	}
	if (pr->rc == -EINVAL && pr->reason) {
		not_article(r, path, pr->reason);
		f->state = FILE_REJECTED;
		int rc = keep_old(r, f, path);
		return rc ? fail(r, rc, "cannot read the index") : 0;
	}
	if (pr->rc) {
		reject(r, path, pr->reason ? pr->reason : strerror(-pr->rc));
		f->state = FILE_REJECTED;
		int rc = keep_old(r, f, path);
		return rc ? fail(r, rc, "cannot read the index") : 0;
	}
	if (pr->page.on) {
		int rc = records_store_page(&r->records, &r->walk, f, pr);
		if (!rc)
			f->state = FILE_DONE;
		return rc ? fail(r, rc, "cannot write the index") : 0;
	}
	r->st->bytes += (int64_t)pr->fb.raw.len;
	/* No savepoint per file: everything that can be wrong with a file is
	 * found before it reaches the index, so a failure here is the
	 * index's (disk full, I/O) and ends the run with the batch rolled
	 * back. Savepoints cost a fifth of the writer's time (SQLite copies
	 * each page a savepoint touches). */
	int rc = store_file(r, pr, f, path);
	if (!rc)
		f->state = FILE_DONE;
	return rc ? fail(r, rc, "cannot write the index") : 0;
}

/* Phase 3: workers prepare the files in order, this thread writes them
 * in the order that fills content pages (order.c). */
static int index_files(struct run *r)
{
	size_t *todo = malloc((r->walk.nfiles + 1) * sizeof(*todo));
	if (!todo)
		return fail_sys(r, -ENOMEM, "cannot plan the run");
	size_t n = 0;
	for (size_t i = 0; i < r->walk.nfiles; i++)
		if (r->walk.files[i].state == FILE_TODO)
			todo[n++] = i;
	struct pipeline *p;
	struct read_rules rules = {
		.max_size = r->opts->max_size,
		.public_only = r->opts->public_only,
	};
	int rc = pipeline_start(&p, &r->walk, todo, n, r->opts->jobs, &rules,
				r->gaz);
	if (rc) {
		free(todo);
		return fail_sys(r, rc, "cannot start worker threads");
	}
	struct order o;
	order_init(&o, p, n);
	for (size_t done = 0; !rc && done < n; done++) {
		size_t i;
		const struct prepared *pr = order_next(&o, r->ix, &i);
		rc = index_file(r, pr);
		r->prog.files_done++;
		r->prog.bytes_done += pr->rc && pr->rc != READ_RECORDS
				      ? r->walk.files[pr->file].stamp.size
				      : pr->stamp.size;
		order_stored(&o, i);
		if (!rc)
			rc = batch_step(r, false);
		progress(r, 1, false);
	}
	pipeline_stop(p);
	free(todo);
	return rc;
}

/* Phase 4. */
static int finish(struct run *r)
{
	const char **keep = calloc(r->walk.nkeep + 1, sizeof(*keep));
	if (!keep)
		return fail_sys(r, -ENOMEM, "cannot finish");
	for (size_t i = 0; i < r->walk.nkeep; i++)
		keep[i] = walk_path(&r->walk, r->walk.keep[i]);
	int rc = 0;
	for (size_t i = 0; !rc && i < r->walk.ndirs; i++) {
		int64_t n = 0;
		rc = idx_sources_drop_unseen(r->ix,
					     walk_path(&r->walk, r->walk.dirs[i]),
					     r->run_id, keep, r->walk.nkeep, &n);
		r->st->dropped += n;
		if (!rc)
			rc = idx_containers_drop_unseen(
				r->ix, walk_path(&r->walk, r->walk.dirs[i]),
				r->run_id);
	}
	free(keep);
	if (!rc)
		rc = idx_gc(r->ix, &r->st->removed);
	if (!rc)
		rc = idx_generation_bump(r->ix);
	if (!rc)
		rc = idx_commit(r->ix);
	return rc ? fail(r, rc, "cannot finish the run") : 0;
}

/* An index's first sources: the folders of the run are the base its
 * source paths are stored below (srcpath.c). */
static int source_base(struct run *r)
{
	size_t n = r->walk.nroots;
	const char **dirs = n ? malloc(n * sizeof(*dirs)) : NULL;
	if (n && !dirs)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++)
		dirs[i] = r->walk.roots[i].path;
	int rc = idx_source_base(r->ix, dirs, n);
	free(dirs);
	return rc;
}

static int run_phases(struct run *r, const char *const *paths, size_t n)
{
	r->walk.stamps = idx_has_sources(r->ix);
	int rc = walk_paths(&r->walk, paths, n);
	if (rc)
		return fail_sys(r, rc, "cannot list the inputs");
	r->st->seen = (int64_t)r->walk.nfiles;
	r->st->rejected += r->walk.rejected;
	r->st->excluded += r->walk.excluded;
	r->st->skipped += r->walk.skipped;
	r->prog.files_total = r->st->seen;
	r->prog.bytes_total = r->walk.stamps ? r->walk.bytes : 0; /* unknown */
	progress(r, 0, true);
	if ((rc = idx_begin(r->ix)))
		return fail(r, rc, "cannot start writing");
	rc = idx_run_begin(r->ix, &r->run_id);
	if (!rc && !r->walk.stamps)
		rc = source_base(r);
	size_t nfix;
	const struct idx_fix *fix = ingest_fixes_index(r->opts->fixes, &nfix);
	if (!rc)
		rc = idx_fixes_sync(r->ix, fix, nfix, &r->st->corrected);
	r->records.run = r->run_id;
	if (rc)
		rc = fail(r, rc, "cannot start the run");
	if (!rc)
		rc = classify(r);
	if (!rc)
		rc = index_files(r);
	if (!rc) {
		progress(r, 2, true);
		rc = finish(r);
	}
	if (rc)
		idx_rollback(r->ix);
	return rc;
}

int ingest_run(struct idx *ix, const struct ext_gaz *g,
	       const char *const *paths, size_t n,
	       const struct ingest_opts *opts, struct ingest_stats *st,
	       char *err, size_t errsz)
{
	struct run r = {
		.ix = ix, .gaz = g, .opts = opts, .st = st,
		.err = err, .errsz = errsz,
	};
	memset(st, 0, sizeof(*st));
	r.t0 = r.batch_start = now();
	r.ext_version = ext_version(g);
	r.walk.reject = walk_reject;
	r.walk.skip = walk_skip;
	r.walk.ctx = &r;
	r.walk.follow_links = opts->follow_links;
	r.walk.public_only = opts->public_only;
	r.walk.exclude = opts->exclude;
	r.walk.nexclude = opts->nexclude;
	r.records = (struct records){
		.ix = ix, .gaz = g, .opts = opts, .st = st,
		.ext_version = r.ext_version, .now = time(NULL),
		.version = records_version(r.ext_version, &opts->formats),
		.step = records_step, .reject = records_reject,
		.skip = walk_skip, .ctx = &r,
	};
	int rc = run_phases(&r, paths, n);
	if (!rc && (rc = idx_publish(ix, err, errsz)) == 0)
		idx_checkpoint(ix);
	st->seconds = now() - r.t0;
	r.prog.seconds = st->seconds;
	if (!rc)
		progress(&r, 2, true);
	walk_release(&r.walk);
	records_release(&r.records);
	ingest_facets_release(&r.facets);
	return rc;
}
