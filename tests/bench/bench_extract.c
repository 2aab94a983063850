/*
 * bench-extract [NAME=]DIR...: how fast ext_extract() runs on one
 * thread, for scripts/bench-extract.
 *
 * Each DIR's regular files (not recursing, hidden ones skipped) are read
 * into memory and decoded as an index run decodes them (nfs_text_decode),
 * so that only extraction is timed: passes over all of them are repeated
 * until $BENCH_SECONDS (default 2) have gone by, at least one. One line
 * per DIR:
 *
 *   name  files  MB  passes  seconds  MB/s  files/s  cpu-s  cpu-MB/s
 *
 * (cpu: the thread's CPU time over the same passes, which a loaded
 * machine does not inflate as it does the wall-clock seconds)
 *
 * MB are 10^6 bytes of decoded text; the gazetteer is the built-in one.
 *
 * html:NAME=DIR is a corpus of HTML pages (DIR/NAME.html, or DIR/PAGE/
 * source.html as in ../shared/corpora/html-pages): each pass runs what
 * indexing a page costs, fmt_html() (decode, parse, metadata, main text)
 * and ext_extract() on its headline and text, and MB are 10^6 bytes of
 * HTML as read.
 */
#include "extract.h"
#include "format.h"
#include "ingest.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

struct text {
	struct sbuf raw, decoded;
	const char *s;
	size_t len;
};

struct corpus {
	struct text *v;
	size_t n, cap;
	size_t bytes;
	bool html;
};

static double clock_secs(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double now(void)
{
	return clock_secs(CLOCK_MONOTONIC);
}

static int read_file(const char *path, struct sbuf *out)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -errno;
	char buf[65536];
	size_t n;
	int rc = 0;
	while (!rc && (n = fread(buf, 1, sizeof(buf), f)) > 0)
		rc = sbuf_add(out, buf, n);
	if (!rc && ferror(f))
		rc = -EIO;
	fclose(f);
	return rc;
}

/* Add the file at path to c, decoded; files that are no articles are
 * skipped, as an index run rejects them. */
static int add(struct corpus *c, const char *path)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 1024;
		void *v = realloc(c->v, cap * sizeof(*c->v));
		if (!v)
			return -ENOMEM;
		c->v = v;
		c->cap = cap;
	}
	struct text *t = &c->v[c->n];
	const char *reason;
	memset(t, 0, sizeof(*t));
	int rc = read_file(path, &t->raw);
	if (!rc && t->raw.len && c->html) {
		t->s = t->raw.buf;
		t->len = t->raw.len;
		c->bytes += t->len;
		c->n++;
		return 0;
	}
	if (!rc && t->raw.len)
		rc = nfs_text_decode(t->raw.buf, t->raw.len, &t->decoded, &t->s,
				     &t->len, &reason);
	if (rc || !t->raw.len) {
		sbuf_release(&t->raw);
		sbuf_release(&t->decoded);
		return rc == -ENOMEM ? rc : 0;
	}
	c->bytes += t->len;
	c->n++;
	return 0;
}

static int load(struct corpus *c, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return -errno;
	struct dirent *e;
	int rc = 0;
	char path[4096];
	while (!rc && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir,
				     e->d_name) >= sizeof(path))
			continue;
		if (c->html && e->d_type == DT_DIR) {
			if (strlen(path) + 13 >= sizeof(path))
				continue;
			strcat(path, "/source.html");
			if (access(path, R_OK) == 0)
				rc = add(c, path);
			continue;
		}
		size_t pl = strlen(path);
		bool page = (pl > 5 && strcasecmp(path + pl - 5, ".html") == 0) ||
			(pl > 4 && strcasecmp(path + pl - 4, ".htm") == 0);
		if ((e->d_type == DT_REG || e->d_type == DT_UNKNOWN) &&
		    (!c->html || page))
			rc = add(c, path);
	}
	closedir(d);
	return rc;
}

static void release(struct corpus *c)
{
	for (size_t i = 0; i < c->n; i++) {
		sbuf_release(&c->v[i].raw);
		sbuf_release(&c->v[i].decoded);
	}
	free(c->v);
}

/* One page as indexing will read it: the record, then the facets of its
 * headline and text. */
static int one_page(const struct ext_gaz *g, struct fmt_ctx *fc,
		    const struct text *t, struct sbuf *both,
		    const struct ext_when *now, struct ext_result *r)
{
	struct fmt_input in = {.data = t->s, .len = t->len};
	struct fmt_record rec;
	const char *reason;
	int rc = fmt_html(fc, &in, &rec, &reason);
	if (rc == -EINVAL)
		return 0;	/* no article: rejected, as indexing would */
	if (rc)
		return rc;
	sbuf_reset(both);
	if ((rec.title && (sbuf_addstr(both, rec.title) ||
			   sbuf_add(both, "\n\n", 2))) ||
	    sbuf_add(both, rec.text, rec.text_len))
		return -ENOMEM;
	struct ext_when when = {.now = now->now, .stated = rec.date.ymd};
	return ext_extract(g, both->buf, both->len, &when, r);
}

/* Time passes over c for min_secs; print the line for name. */
static int bench(const struct ext_gaz *g, struct fmt_ctx *fc,
		 const struct corpus *c, const char *name, double min_secs)
{
	struct ext_result r = {0};
	struct ext_when when = {.now = time(NULL)};
	struct sbuf both = {0};
	int passes = 0, rc = 0;
	double start = now(), cpu = clock_secs(CLOCK_THREAD_CPUTIME_ID), secs;
	do {
		for (size_t i = 0; i < c->n && !rc; i++)
			rc = c->html ? one_page(g, fc, &c->v[i], &both, &when, &r) :
				ext_extract(g, c->v[i].s, c->v[i].len, &when, &r);
		passes++;
		secs = now() - start;
	} while (!rc && secs < min_secs);
	cpu = clock_secs(CLOCK_THREAD_CPUTIME_ID) - cpu;
	ext_result_release(&r);
	sbuf_release(&both);
	if (rc)
		return rc;
	double mb = c->bytes / 1e6;
	printf("%-24s %6zu %8.2f %6d %8.2f %8.1f %8.1f %8.2f %8.1f\n", name,
	       c->n, mb, passes, secs, mb * passes / secs,
	       c->n * passes / secs, cpu, mb * passes / cpu);
	return 0;
}

int main(int argc, char **argv)
{
	char err[256];
	struct ext_gaz *g;
	if (argc < 2) {
		fprintf(stderr, "usage: bench-extract [html:][NAME=]DIR...\n");
		return 2;
	}
	if (ext_gaz_load(&g, NULL, err, sizeof(err))) {
		fprintf(stderr, "bench-extract: %s\n", err);
		return 1;
	}
	const char *env = getenv("BENCH_SECONDS");
	double min_secs = env ? atof(env) : 2.0;
	int status = 0;
	struct fmt_ctx *fc;
	if (fmt_ctx_new(&fc)) {
		ext_gaz_free(g);
		return 1;
	}
	printf("%-24s %6s %8s %6s %8s %8s %8s %8s %8s\n", "corpus", "files",
	       "MB", "passes", "seconds", "MB/s", "files/s", "cpu s",
	       "cpu MB/s");
	for (int i = 1; i < argc; i++) {
		struct corpus c = {0};
		const char *dir = argv[i], *eq;
		if (strncmp(dir, "html:", 5) == 0) {
			c.html = true;
			dir += 5;
		}
		eq = strchr(dir, '=');
		char name[64];
		snprintf(name, sizeof(name), "%.*s",
			 eq ? (int)(eq - dir) : (int)strlen(dir), dir);
		dir = eq ? eq + 1 : dir;
		int rc = load(&c, dir);
		if (!rc && !c.n)
			rc = -ENOENT;
		if (!rc)
			rc = bench(g, fc, &c, name, min_secs);
		if (rc) {
			fprintf(stderr, "bench-extract: %s: %s\n", dir,
				strerror(-rc));
			status = 1;
		}
		release(&c);
	}
	fmt_ctx_free(fc);
	ext_gaz_free(g);
	return status;
}
