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
 *   name  files  MB  passes  seconds  MB/s
 *
 * MB are 10^6 bytes of decoded text; the gazetteer is the built-in one.
 */
#include "extract.h"
#include "ingest.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct text {
	struct sbuf raw, decoded;
	const char *s;
	size_t len;
};

struct corpus {
	struct text *v;
	size_t n, cap;
	size_t bytes;
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
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
		if (e->d_name[0] == '.' || (e->d_type != DT_REG &&
					    e->d_type != DT_UNKNOWN))
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir,
				     e->d_name) < sizeof(path))
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

/* Time passes over c for min_secs; print the line for name. */
static int bench(const struct ext_gaz *g, const struct corpus *c,
		 const char *name, double min_secs)
{
	struct ext_result r = {0};
	int passes = 0;
	double start = now(), secs;
	do {
		for (size_t i = 0; i < c->n; i++)
			if (ext_extract(g, c->v[i].s, c->v[i].len, 0, &r))
				return -ENOMEM;
		passes++;
		secs = now() - start;
	} while (secs < min_secs);
	ext_result_release(&r);
	double mb = c->bytes / 1e6;
	printf("%-24s %6zu %8.2f %6d %8.2f %8.1f\n", name, c->n, mb, passes,
	       secs, mb * passes / secs);
	return 0;
}

int main(int argc, char **argv)
{
	char err[256];
	struct ext_gaz *g;
	if (argc < 2) {
		fprintf(stderr, "usage: bench-extract [NAME=]DIR...\n");
		return 2;
	}
	if (ext_gaz_load(&g, NULL, err, sizeof(err))) {
		fprintf(stderr, "bench-extract: %s\n", err);
		return 1;
	}
	const char *env = getenv("BENCH_SECONDS");
	double min_secs = env ? atof(env) : 2.0;
	int status = 0;
	printf("%-24s %6s %8s %6s %8s %8s\n", "corpus", "files", "MB",
	       "passes", "seconds", "MB/s");
	for (int i = 1; i < argc; i++) {
		struct corpus c = {0};
		const char *dir = argv[i], *eq = strchr(dir, '=');
		char name[64];
		snprintf(name, sizeof(name), "%.*s",
			 eq ? (int)(eq - dir) : (int)strlen(dir), dir);
		dir = eq ? eq + 1 : dir;
		int rc = load(&c, dir);
		if (!rc && !c.n)
			rc = -ENOENT;
		if (!rc)
			rc = bench(g, &c, name, min_secs);
		if (rc) {
			fprintf(stderr, "bench-extract: %s: %s\n", dir,
				strerror(-rc));
			status = 1;
		}
		release(&c);
	}
	ext_gaz_free(g);
	return status;
}
