/*
 * bench-parsers DIR: the HTML parsers Debian offers, on the same pages,
 * one thread: libxml2's HTML parser building its own tree
 * (htmlReadMemory), libxml2 through SAX into our tree (hdom_parse, what
 * newsfs runs), and gumbo (gumbo_parse, a full HTML5 tree). Pages are
 * DIR/PAGE/source.html, decoded to UTF-8 first (gumbo reads only UTF-8),
 * so only parsing is timed. One line per parser: MB/s of HTML.
 */
#include "format/ctx.h"
#include "format/internal.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gumbo.h>
#include <libxml/HTMLparser.h>

struct page {
	struct sbuf raw, dec;
	const char *s;
	size_t len;
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int load(const char *dir, struct page **out, size_t *n, size_t *bytes)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[4096], buf[65536];
	if (!d)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s/source.html", dir, e->d_name);
		FILE *f = fopen(path, "rb");
		if (!f)
			continue;
		*out = realloc(*out, (*n + 1) * sizeof(**out));
		struct page *p = &(*out)[(*n)++];
		memset(p, 0, sizeof(*p));
		size_t k;
		while ((k = fread(buf, 1, sizeof(buf), f)) > 0)
			sbuf_add(&p->raw, buf, k);
		fclose(f);
		charset_decode(p->raw.buf, p->raw.len, NULL, &p->dec, &p->s, &p->len);
		*bytes += p->len;
	}
	closedir(d);
	return 0;
}

enum which { LIBXML2_TREE, LIBXML2_SAX, GUMBO };

static void run(enum which w, struct page *v, size_t n, size_t bytes,
		const char *name)
{
	struct hdom dom = {0};
	int passes = 0;
	double t0 = now(), secs;
	do {
		for (size_t i = 0; i < n; i++) {
			if (w == LIBXML2_TREE) {
				htmlDocPtr doc = htmlReadMemory(v[i].s, (int)v[i].len,
					NULL, "UTF-8", HTML_PARSE_NOERROR |
					HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
				xmlFreeDoc(doc);
			} else if (w == LIBXML2_SAX) {
				hdom_reset(&dom);
				hdom_parse(&dom, v[i].s, v[i].len);
			} else {
				GumboOutput *o = gumbo_parse_with_options(
					&kGumboDefaultOptions, v[i].s, v[i].len);
				gumbo_destroy_output(&kGumboDefaultOptions, o);
			}
		}
		passes++;
		secs = now() - t0;
	} while (secs < 3);
	hdom_free(&dom);
	printf("%-34s %8.1f MB/s %8.1f pages/s\n", name,
	       bytes / 1e6 * passes / secs, (double)n * passes / secs);
}

int main(int argc, char **argv)
{
	struct page *v = NULL;
	size_t n = 0, bytes = 0;
	if (argc != 2 || load(argv[1], &v, &n, &bytes) || !n) {
		fprintf(stderr, "usage: bench-parsers DIR (DIR/*/source.html)\n");
		return 2;
	}
	printf("%zu pages, %.1f MB of UTF-8 HTML\n", n, bytes / 1e6);
	run(LIBXML2_TREE, v, n, bytes, "libxml2 htmlReadMemory (tree)");
	run(LIBXML2_SAX, v, n, bytes, "libxml2 SAX into hdom (newsfs)");
	run(GUMBO, v, n, bytes, "gumbo 0.10 gumbo_parse (tree)");
	for (size_t i = 0; i < n; i++) {
		sbuf_release(&v[i].raw);
		sbuf_release(&v[i].dec);
	}
	free(v);
	return 0;
}
