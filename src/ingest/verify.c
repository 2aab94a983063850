/*
 * Every source read again and compared with the article the index holds
 * for it (newsfs check --deep).
 *
 * An index run trusts a file whose size, mtime and inode are those it
 * recorded: reading every file on every run would make re-runs cost what
 * the first one did. A rewrite in place that keeps all three (cp -p over
 * a file of the same size, touch -r, a tool that restores mtimes) is
 * invisible to that, and only reading the file finds it. A file whose
 * stamp did change is the next run's to read, and is only counted here.
 *
 * A file of articles (a page, a dump, an archive, a WARC: records.c) is
 * read once, record by record, for all its sources ("PATH#WHERE", or
 * PATH for a page), which come one after another in path order; each
 * record's clean text is hashed as the index run hashed it.
 */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct rec_entry {
	char *name;
	uint8_t hash[NFS_HASH_LEN];
};

struct verify {
	ingest_problem_fn problem;
	void *ctx;
	struct ingest_verify_stats *st;
	struct file_buf fb;
	struct sbuf msg;
	/* The file of articles read last, and its records sorted by name. */
	char *cont;
	bool cont_changed;
	const char *cont_reason;	/* could not be read, or NULL */
	struct rec_entry *ents;
	size_t nents, capents;
};

static void forget_container(struct verify *v)
{
	for (size_t i = 0; i < v->nents; i++)
		free(v->ents[i].name);
	v->nents = 0;
	free(v->cont);
	v->cont = NULL;
	v->cont_changed = false;
	v->cont_reason = NULL;
}

static int add_entry(void *ctx, const char *name,
		     const uint8_t hash[NFS_HASH_LEN])
{
	struct verify *v = ctx;
	if (v->nents == v->capents) {
		size_t cap = v->capents ? v->capents * 2 : 64;
		struct rec_entry *e = realloc(v->ents, cap * sizeof(*e));
		if (!e)
			return -ENOMEM;
		v->ents = e;
		v->capents = cap;
	}
	struct rec_entry *e = &v->ents[v->nents];
	if (!(e->name = strdup(name)))
		return -ENOMEM;
	memcpy(e->hash, hash, NFS_HASH_LEN);
	v->nents++;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct rec_entry *)a)->name,
		      ((const struct rec_entry *)b)->name);
}

static void problem(struct verify *v, const char *path, const char *what,
		    const char *detail)
{
	v->st->problems++;
	sbuf_reset(&v->msg);
	if (sbuf_addf(&v->msg, "%s%s", what, detail ? detail : "") == 0)
		v->problem(v->ctx, path, v->msg.buf);
}

static bool same_stamp(const struct idx_stamp *a, const struct idx_stamp *b)
{
	return a->size == b->size && a->mtime_ns == b->mtime_ns &&
	       a->ino == b->ino;
}

/* Read the file of articles cont (whose sources carry stamp) unless it
 * is the one read last. */
static int load_container(struct verify *v, const char *cont,
			  const struct idx_stamp *stamp)
{
	if (v->cont && strcmp(v->cont, cont) == 0)
		return 0;
	forget_container(v);
	if (!(v->cont = strdup(cont)))
		return -ENOMEM;
	struct stat st;
	int fd = open(cont, INPUT_FLAGS);
	if (fd < 0) {
		v->cont_reason = open_reason(errno);
		return 0;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		v->cont_reason = "not a regular file";
		close(fd);
		return 0;
	}
	struct idx_stamp now = stamp_of(&st);
	if (!same_stamp(&now, stamp)) {
		v->cont_changed = true;
		close(fd);
		return 0;
	}
	/* Caps as high as a run allows: what was stored must be read. */
	struct fmt_opts o = {.max_record = 1ull << 30,
			     .max_member = UINT64_MAX / 2,
			     .max_ratio = UINT32_MAX};
	const char *reason = NULL;
	int rc = records_hashes(cont, fd, &o, add_entry, v, &reason);
	close(fd);
	if (rc == -ENOMEM)
		return rc;
	/* Damage past some records: those before it are still compared. */
	(void)reason;
	qsort(v->ents, v->nents, sizeof(*v->ents), by_name);
	return 0;
}

/* The file of articles a source named "PATH#WHERE" is in: the longest
 * PATH before a '#' that is a regular file. NULL if none. */
static char *container_of(const char *path)
{
	char *p = strdup(path);
	if (!p)
		return NULL;
	for (char *h = strrchr(p, '#'); h; h = strrchr(p, '#')) {
		*h = '\0';
		struct stat st;
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
			return p;
	}
	free(p);
	return NULL;
}

static int verify_record(struct verify *v, const char *cont, const char *path,
			 const struct idx_stamp *stamp,
			 const uint8_t hash[NFS_HASH_LEN])
{
	int rc = load_container(v, cont, stamp);
	if (rc)
		return rc;
	if (v->cont_reason) {
		problem(v, path, "cannot read: ", v->cont_reason);
		return 0;
	}
	if (v->cont_changed) {
		v->st->changed++;
		return 0;
	}
	struct rec_entry key = {.name = (char *)path};
	const struct rec_entry *e = bsearch(&key, v->ents, v->nents,
					    sizeof(*v->ents), by_name);
	if (!e) {
		problem(v, path, "no longer in its file, which kept its size, "
			"mtime and inode (touch it and run newsfs index)",
			NULL);
		return 0;
	}
	v->st->read++;
	if (memcmp(e->hash, hash, NFS_HASH_LEN) != 0)
		problem(v, path, "changed without a change of size, mtime or "
			"inode (touch it and run newsfs index)", NULL);
	return 0;
}

static int verify_one(void *ctx, const char *path,
		      const struct idx_stamp *stamp,
		      const uint8_t hash[NFS_HASH_LEN])
{
	struct verify *v = ctx;
	/* The stored article is what the index holds: as large as it was,
	 * whatever --max-size was; larger now means changed. */
	struct read_rules rules = {.max_size = INGEST_MAX_SIZE_LIMIT};
	struct stat st;
	const char *reason;
	int fd = open(path, INPUT_FLAGS);
	if (fd < 0 && (errno == ENOENT || errno == ENOTDIR) &&
	    strchr(path, '#')) {
		char *cont = container_of(path);
		if (cont) {
			int rc = verify_record(v, cont, path, stamp, hash);
			free(cont);
			return rc;
		}
	}
	if (fd < 0) {
		problem(v, path, "cannot read: ", open_reason(errno));
		return 0;
	}
	reason = fstat(fd, &st) != 0 ? strerror(errno)
		 : !S_ISREG(st.st_mode) ? "not a regular file" : NULL;
	if (reason) {
		problem(v, path, "cannot read: ", reason);
		close(fd);
		return 0;
	}
	struct idx_stamp now = stamp_of(&st);
	if (!same_stamp(&now, stamp)) {
		v->st->changed++;
		close(fd);
		return 0;
	}
	int rc = read_bytes(fd, &rules, &v->fb, &now, &reason);
	close(fd);
	if (rc == -ENOMEM)
		return rc;
	if (rc) {
		problem(v, path, "cannot read: ", reason);
		return 0;
	}
	if (records_wanted(path, v->fb.raw.buf, v->fb.raw.len))
		return verify_record(v, path, path, stamp, hash);
	v->st->read++;
	uint8_t h[NFS_HASH_LEN];
	nfs_hash(v->fb.raw.buf, v->fb.raw.len, h);
	if (memcmp(h, hash, NFS_HASH_LEN) != 0)
		problem(v, path, "changed without a change of size, mtime or "
			"inode (touch it and run newsfs index)", NULL);
	return 0;
}

int ingest_verify(struct idx *ix, ingest_problem_fn fn, void *ctx,
		  struct ingest_verify_stats *st)
{
	struct verify v = {.problem = fn, .ctx = ctx, .st = st};
	memset(st, 0, sizeof(*st));
	int rc = idx_source_list(ix, verify_one, &v);
	forget_container(&v);
	free(v.ents);
	file_buf_release(&v.fb);
	sbuf_release(&v.msg);
	return rc;
}
