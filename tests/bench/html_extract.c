/*
 * html-extract FILE...: each HTML page's record as one JSON line, for
 * scripts/eval-html. The fields are the record's (text, title, date and
 * where it was read, site, byline, url) plus what the ingest pipeline
 * will add: the date ext_extract() finds in the headline and text when
 * the metadata has none, and the headline candidates the choice was made
 * from ("cand"), so the eval can measure each source.
 *
 *   {"file":..., "ok":true, "title":..., "date":"2015-07-24",
 *    "date_src":"meta property=article:published_time", ...,
 *    "text":..., "us":1234}
 *
 * A page without article text gives "ok":false and "reason".
 */
#include "extract.h"
#include "format.h"
#include "format/ctx.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void jstr(const char *key, const char *s)
{
	printf(",\"%s\":", key);
	if (!s) {
		fputs("null", stdout);
		return;
	}
	putchar('"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", stdout); break;
		case '\\': fputs("\\\\", stdout); break;
		case '\n': fputs("\\n", stdout); break;
		case '\t': fputs("\\t", stdout); break;
		case '\r': fputs("\\r", stdout); break;
		default:
			if (*p < 0x20)
				printf("\\u%04x", *p);
			else
				putchar(*p);
		}
	}
	putchar('"');
}

static const char *sb(const struct sbuf *b)
{
	return b->len ? b->buf : NULL;
}

static int read_file(const char *path, struct sbuf *out)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -errno;
	char buf[65536];
	size_t n;
	int rc = 0;
	sbuf_reset(out);
	while (!rc && (n = fread(buf, 1, sizeof(buf), f)) > 0)
		rc = sbuf_add(out, buf, n);
	fclose(f);
	return rc;
}

static void ymd_str(char *out, size_t sz, int32_t ymd)
{
	if (ymd)
		snprintf(out, sz, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100,
			 ymd % 100);
	else
		snprintf(out, sz, "%s", "");
}

int main(int argc, char **argv)
{
	struct fmt_ctx *c;
	struct ext_gaz *g;
	struct ext_result r = {0};
	struct sbuf raw = {0}, both = {0};
	char err[256];
	if (argc < 2) {
		fprintf(stderr, "usage: html-extract FILE...\n");
		return 2;
	}
	if (fmt_ctx_new(&c) || ext_gaz_load(&g, NULL, err, sizeof(err))) {
		fprintf(stderr, "html-extract: cannot start\n");
		return 1;
	}
	int status = 0;
	for (int i = 1; i < argc; i++) {
		if (read_file(argv[i], &raw)) {
			fprintf(stderr, "html-extract: %s: %s\n", argv[i],
				strerror(errno));
			status = 1;
			continue;
		}
		struct fmt_input in = {.path = argv[i], .data = raw.buf,
				       .len = raw.len};
		struct fmt_record rec;
		const char *reason;
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		int rc = fmt_html(c, &in, &rec, &reason);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		long us = (t1.tv_sec - t0.tv_sec) * 1000000L +
			(t1.tv_nsec - t0.tv_nsec) / 1000;
		printf("{\"us\":%ld", us);
		jstr("file", argv[i]);
		jstr("charset", fmt_html_charset(raw.buf, raw.len, NULL));
		if (rc) {
			printf(",\"ok\":false");
			jstr("reason", rc == -EINVAL ? reason : strerror(-rc));
			printf("}\n");
			continue;
		}
		char d[16];
		printf(",\"ok\":true");
		jstr("title", rec.title);
		ymd_str(d, sizeof(d), rec.date.ymd);
		jstr("date", d);
		jstr("date_src", rec.date.why);
		jstr("date_raw", rec.date.raw);
		jstr("site", rec.site);
		jstr("byline", rec.byline);
		jstr("url", rec.url);
		jstr("lang", rec.lang);
		/* The pipeline's fallback: the date in headline and text. */
		sbuf_reset(&both);
		if (rec.title && (sbuf_addstr(&both, rec.title) ||
				  sbuf_add(&both, "\n\n", 2)))
			return 1;
		struct ext_when when = {.now = time(NULL)};
		if (sbuf_add(&both, rec.text, rec.text_len) ||
		    ext_extract(g, both.buf, both.len, &when, &r))
			return 1;
		ymd_str(d, sizeof(d), r.date);
		jstr("text_date", d);
		const struct hmeta *m = &c->meta;
		printf(",\"cand\":{\"_\":0");
		jstr("og_title", sb(&m->og_title));
		jstr("ld_headline", sb(&m->ld_headline));
		jstr("ld_name", sb(&m->ld_name));
		jstr("tw_title", sb(&m->tw_title));
		jstr("dc_title", sb(&m->dc_title));
		jstr("doc_title", sb(&m->doc_title));
		jstr("h1", sb(&m->h1));
		printf(",\"nh1\":%d}", m->nh1);
		jstr("text", rec.text);
		printf("}\n");
	}
	ext_result_release(&r);
	ext_gaz_free(g);
	fmt_ctx_free(c);
	sbuf_release(&raw);
	sbuf_release(&both);
	return status;
}
