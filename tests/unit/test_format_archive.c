/*
 * Compressed files, archives and WARC to records (src/format): gzip,
 * zstd, bzip2 and xz wrappers, tar.gz and zip members (articles read,
 * the rest counted as skipped), nested members, WARC response records
 * (HTTP heads stripped, the transport charset honoured, WARC-Target-URI
 * and WARC-Date), and the bad cases: truncated gzip, zip and WARC, a zip
 * bomb refused by the caps and read once the caps are raised. Archives
 * are built here with libarchive's writer; every page is written for the
 * test.
 */
#include "check.h"
#include "format.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>

static struct fmt_ctx *ctx;

struct got {
	int nrec, nrej, err;
	char title[64][96], where[64][160], url[64][96], text[64][256];
	int32_t date[64], container[64];
	enum fmt_kind kind[64];
	char errwhy[512], rejwhy[8][256];
	struct fmt_stats st;
};

static void read_mem(const char *name, const void *data, size_t len,
		     const struct fmt_opts *o, struct got *g)
{
	struct fmt_reader *r;
	const char *err;
	memset(g, 0, sizeof(*g));
	if (fmt_open_mem(ctx, data, len, name, o, &r, &err)) {
		CHECK(0, "%s opens: %s", name, err);
		return;
	}
	struct fmt_record rec;
	const char *why;
	int rc;
	while ((rc = fmt_next(r, &rec, &why)) != FMT_END) {
		char w[160];
		fmt_where(&rec.loc, w, sizeof(w));
		if (rc < 0) {
			g->err = rc;
			snprintf(g->errwhy, sizeof(g->errwhy), "%s: %s", w, why);
			break;
		}
		if (rc == FMT_REJECT) {
			if (g->nrej < 8)
				snprintf(g->rejwhy[g->nrej], 256, "%s: %s", w, why);
			g->nrej++;
			continue;
		}
		int i = g->nrec++;
		if (i >= 64)
			continue;
		snprintf(g->title[i], 96, "%s", rec.title ? rec.title : "");
		snprintf(g->url[i], 96, "%s", rec.url ? rec.url : "");
		snprintf(g->where[i], 160, "%s", w);
		snprintf(g->text[i], 256, "%s", rec.text ? rec.text :
			 rec.raw ? (const char *)rec.raw : "");
		g->date[i] = rec.date.ymd;
		g->container[i] = rec.container.ymd;
		g->kind[i] = rec.kind;
	}
	fmt_reader_stats(r, &g->st);
	fmt_close(r);
}

/* An archive in memory, written with libarchive. */
struct wr {
	struct archive *a;
	char *buf;
	size_t cap, used;
};

static void wr_open(struct wr *w, int format, int filter)
{
	w->cap = 64u << 20;
	w->buf = malloc(w->cap);
	w->used = 0;
	w->a = archive_write_new();
	if (format)
		archive_write_set_format(w->a, format);
	else
		archive_write_set_format_raw(w->a);
	if (filter)
		archive_write_add_filter(w->a, filter);
	archive_write_set_bytes_in_last_block(w->a, 1);
	archive_write_open_memory(w->a, w->buf, w->cap, &w->used);
}

static void wr_add(struct wr *w, const char *name, const void *data,
		   size_t len)
{
	struct archive_entry *e = archive_entry_new();
	archive_entry_set_pathname(e, name);
	archive_entry_set_size(e, (la_int64_t)len);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_write_header(w->a, e);
	archive_write_data(w->a, data, len);
	archive_entry_free(e);
}

static void wr_close(struct wr *w)
{
	archive_write_close(w->a);
	archive_write_free(w->a);
}

/* One stream compressed with a filter (raw format). */
static size_t squeeze(int filter, const void *data, size_t len, char **out)
{
	struct wr w;
	wr_open(&w, 0, filter);
	wr_add(&w, "data", data, len);
	wr_close(&w);
	*out = w.buf;
	return w.used;
}

#define PAGE(title, body) \
	"<!DOCTYPE html><html><head><title>" title " | Quay Times</title>" \
	"<meta property=og:site_name content='Quay Times'></head><body>" \
	"<nav><a href=/>Home</a> <a href=/world>World</a></nav><article>" \
	"<h1>" title "</h1><p>" body "</p><p>The council met again on " \
	"Thursday evening, and the vote was close, members said.</p>" \
	"</article><footer>Footer words</footer></body></html>"

static const char page1[] = PAGE("Ferry link agreed",
	"The two towns agreed a winter ferry link on Monday, after years of "
	"talks about the cost of the crossing.");
static const char page2[] = PAGE("Crane delivered",
	"A new crane was delivered to the port on Tuesday, the port "
	"authority said, the first of three.");

static const char lines[] =
	"{\"title\": \"Line one\", \"text\": \"The first line's body.\"}\n"
	"{\"title\": \"Line two\", \"text\": \"The second line's body.\"}\n";

static void test_wrappers(void)
{
	static const struct {
		int filter;
		const char *name;
	} f[] = {
		{ARCHIVE_FILTER_GZIP, "d.jsonl.gz"},
		{ARCHIVE_FILTER_ZSTD, "d.jsonl.zst"},
		{ARCHIVE_FILTER_BZIP2, "d.jsonl.bz2"},
		{ARCHIVE_FILTER_XZ, "d.jsonl.xz"},
	};
	for (size_t i = 0; i < NFS_ARRAY_SIZE(f); i++) {
		char *z;
		size_t n = squeeze(f[i].filter, lines, sizeof(lines) - 1, &z);
		struct got g;
		read_mem(f[i].name, z, n, NULL, &g);
		CHECK(g.nrec == 2 && !strcmp(g.title[1], "Line two") &&
		      !strcmp(g.where[1], "line 2") && g.err == 0,
		      "%s: the JSON Lines inside, by line (%d records, %s)",
		      f[i].name, g.nrec, g.errwhy);
		CHECK(g.st.expanded == sizeof(lines) - 1 && g.st.read == n,
		      "%s: bytes read and expanded counted", f[i].name);
		free(z);
	}
	char *z;
	size_t n = squeeze(ARCHIVE_FILTER_GZIP, page1, sizeof(page1) - 1, &z);
	struct got g;
	read_mem("saved.html.gz", z, n, NULL, &g);
	CHECK(g.nrec == 1 && !strcmp(g.title[0], "Ferry link agreed") &&
	      g.kind[0] == FMT_HTML && !strstr(g.text[0], "Home"),
	      "a gzipped page is a page");
	free(z);
	read_mem("photo.jpg", "\xff\xd8\xff\xe0....JFIF", 14, NULL, &g);
	CHECK(g.nrec == 0 && g.nrej == 1 && strstr(g.rejwhy[0], "binary"),
	      "a binary file alone is one rejection: %s", g.rejwhy[0]);
}

static void test_tar_zip(void)
{
	static const struct {
		int format, filter;
		const char *name;
	} f[] = {
		{ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_GZIP, "a.tar.gz"},
		{ARCHIVE_FORMAT_TAR_USTAR, ARCHIVE_FILTER_ZSTD, "a.tar.zst"},
		{ARCHIVE_FORMAT_ZIP, 0, "a.zip"},
	};
	char *inner;
	size_t ninner = squeeze(ARCHIVE_FILTER_GZIP, lines, sizeof(lines) - 1,
				&inner);
	for (size_t i = 0; i < NFS_ARRAY_SIZE(f); i++) {
		struct wr w;
		wr_open(&w, f[i].format, f[i].filter);
		wr_add(&w, "site/ferry.html", page1, sizeof(page1) - 1);
		wr_add(&w, "site/logo.png", "\x89PNG\r\n\x1a\n....", 12);
		wr_add(&w, "site/style.css", "p { color: red }\n", 17);
		wr_add(&w, "site/app.js", "var x = 1;\n", 11);
		wr_add(&w, "notes.txt", "A plain text article.\n\nIts body.\n",
		       33);
		wr_add(&w, "dump/d.jsonl.gz", inner, ninner);
		wr_add(&w, "site/crane.htm", page2, sizeof(page2) - 1);
		wr_close(&w);
		struct got g;
		read_mem(f[i].name, w.buf, w.used, NULL, &g);
		CHECK_INT(g.nrec, 5, "%s: two pages, a text file and two lines",
			  f[i].name);
		CHECK_INT(g.st.skipped, 3, "%s: an image, a stylesheet and a "
			  "script are skipped and counted", f[i].name);
		CHECK_INT(g.nrej, 0, "%s: no error line for them", f[i].name);
		CHECK_STR(g.where[0], "member site/ferry.html",
			  "%s: a page is located by member", f[i].name);
		CHECK_STR(g.title[0], "Ferry link agreed", "%s: its headline",
			  f[i].name);
		CHECK(g.kind[1] == FMT_TEXT && !strncmp(g.text[1], "A plain",
							 7),
		      "%s: a .txt member is raw text for the caller", f[i].name);
		CHECK_STR(g.where[3], "member dump/d.jsonl.gz: line 2",
			  "%s: a compressed dump inside: member and line",
			  f[i].name);
		CHECK_STR(g.title[4], "Crane delivered", "%s: the last member",
			  f[i].name);
		free(w.buf);
	}
	free(inner);
}

/* A WARC record. */
static void warc_rec(struct sbuf *out, const char *type, const char *uri,
		     const char *date, const char *ctype, const char *block,
		     size_t blen)
{
	sbuf_addf(out, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: "
		  "<urn:uuid:00000000-0000-0000-0000-%012zu>\r\nWARC-Date: %s\r\n",
		  type, out->len, date);
	if (uri)
		sbuf_addf(out, "WARC-Target-URI: %s\r\n", uri);
	sbuf_addf(out, "Content-Type: %s\r\nContent-Length: %zu\r\n\r\n",
		  ctype, blen);
	sbuf_add(out, block, blen);
	sbuf_add(out, "\r\n\r\n", 4);
}

static void http_rec(struct sbuf *out, const char *uri, const char *date,
		     const char *head, const char *body, size_t blen)
{
	struct sbuf b = {0};
	sbuf_addstr(&b, head);
	sbuf_add(&b, body, blen);
	warc_rec(out, "response", uri, date, "application/http; msgtype=response",
		 b.buf, b.len);
	sbuf_release(&b);
}

#define RESP(ct) "HTTP/1.1 200 OK\r\nServer: test\r\nContent-Type: " ct "\r\n\r\n"

static void make_warc(struct sbuf *w)
{
	const char *d = "2024-03-01T10:00:00Z";
	warc_rec(w, "warcinfo", NULL, d, "application/warc-fields",
		 "software: test\r\n", 16);
	warc_rec(w, "request", "https://quay.example.org/ferry/", d,
		 "application/http; msgtype=request", "GET /ferry/ HTTP/1.1\r\n"
		 "\r\n", 24);
	http_rec(w, "https://quay.example.org/ferry/", d,
		 RESP("text/html; charset=utf-8"), page1, sizeof(page1) - 1);
	warc_rec(w, "metadata", "https://quay.example.org/ferry/", d,
		 "application/warc-fields", "fetchTimeMs: 12\r\n", 17);
	http_rec(w, "https://quay.example.org/logo.png", d, RESP("image/png"),
		 "\x89PNG\r\n", 6);
	http_rec(w, "https://quay.example.org/gone", d,
		 "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n",
		 page2, sizeof(page2) - 1);
	/* No date in the page: WARC-Date is the container's date. A Latin-1
	 * page whose charset only the HTTP head gives. */
	static const char latin[] = "<html><body><article><p>Caf\xe9 owners "
		"in the old town protested against new terrace fees on "
		"Friday, saying the charges were too high.</p></article>"
		"</body></html>";
	http_rec(w, "https://quay.example.org/cafe", "2024-03-02T11:00:00Z",
		 RESP("text/html; charset=ISO-8859-1"), latin,
		 sizeof(latin) - 1);
	/* The same page as the first, chunked by the server. */
	struct sbuf ch = {0};
	sbuf_addf(&ch, "%zx\r\n", (size_t)100);
	sbuf_add(&ch, page1, 100);
	sbuf_addf(&ch, "\r\n%zx\r\n", sizeof(page1) - 101);
	sbuf_add(&ch, page1 + 100, sizeof(page1) - 101);
	sbuf_addstr(&ch, "\r\n0\r\n\r\n");
	http_rec(w, "https://mirror.example.net/ferry", d,
		 "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
		 "Transfer-Encoding: chunked\r\n\r\n", ch.buf, ch.len);
	sbuf_release(&ch);
	warc_rec(w, "resource", "file:///saved/crane.html", d, "text/html",
		 page2, sizeof(page2) - 1);
}

static void check_warc(const char *name, const struct got *g)
{
	CHECK_INT(g->nrec, 4, "%s: four pages", name);
	CHECK_INT(g->err, 0, "%s: no error (%s)", name, g->errwhy);
	CHECK_STR(g->where[0], "record 3 (https://quay.example.org/ferry/)",
		  "%s: located by record number and target URI", name);
	CHECK_STR(g->title[0], "Ferry link agreed", "%s: the page's headline",
		  name);
	CHECK(!strstr(g->text[0], "HTTP/1.1") && !strstr(g->text[0], "Server:"),
	      "%s: no HTTP head in the text", name);
	CHECK_STR(g->url[1], "https://quay.example.org/cafe",
		  "%s: WARC-Target-URI is the URL", name);
	CHECK(strstr(g->text[1], "Caf\xc3\xa9 owners") != NULL,
	      "%s: the HTTP charset decodes the page", name);
	CHECK(g->date[1] == 0 && g->container[1] == 20240302,
	      "%s: WARC-Date is the container's date, the page gave none",
	      name);
	CHECK_STR(g->title[2], "Ferry link agreed", "%s: a chunked body", name);
	CHECK_STR(g->where[3], "record 9 (file:///saved/crane.html)",
		  "%s: a resource record of type text/html", name);
	CHECK_INT(g->st.skipped, 2, "%s: the image and the 404 are skipped",
		  name);
	CHECK_INT(g->st.other, 3, "%s: warcinfo, request, metadata", name);
}

static void test_warc(void)
{
	struct sbuf w = {0};
	make_warc(&w);
	struct got g;
	read_mem("crawl.warc", w.buf, w.len, NULL, &g);
	check_warc("crawl.warc", &g);
	/* .warc.gz: one gzip member per record, as crawlers write it. */
	struct sbuf gz = {0};
	const char *p = w.buf, *end = w.buf + w.len;
	while (p < end) {
		const char *next = p + 1;
		while (next < end && memcmp(next, "\r\n\r\nWARC/1.1", 12))
			next++;
		next = next < end ? next + 4 : end;
		char *z;
		size_t n = squeeze(ARCHIVE_FILTER_GZIP, p, (size_t)(next - p), &z);
		sbuf_add(&gz, z, n);
		free(z);
		p = next;
	}
	read_mem("crawl.warc.gz", gz.buf, gz.len, NULL, &g);
	check_warc("crawl.warc.gz", &g);

	/* Truncated in the middle of the last page. */
	read_mem("cut.warc", w.buf, w.len - 300, NULL, &g);
	CHECK_INT(g.nrec, 3, "a truncated WARC keeps the pages before");
	CHECK(g.err == -EIO && strstr(g.errwhy, "record 9 (file:///saved/"
				      "crane.html): truncated"),
	      "and names the record: %s", g.errwhy);
	/* Cut inside a header. */
	const char *last = strstr(w.buf + w.len - sizeof(page2) - 400, "WARC/1.1");
	read_mem("cut2.warc", w.buf, (size_t)(last - w.buf) + 30, NULL, &g);
	CHECK(g.nrec == 3 && g.err == -EIO && strstr(g.errwhy, "record 9") &&
	      strstr(g.errwhy, "header"), "cut in a header: %s", g.errwhy);
	/* Junk where a record should start. */
	struct sbuf j = {0};
	sbuf_add(&j, w.buf, w.len);
	sbuf_addstr(&j, "garbage\r\n");
	read_mem("junk.warc", j.buf, j.len, NULL, &g);
	CHECK(g.nrec == 4 && g.err == -EINVAL && strstr(g.errwhy, "record 10"),
	      "junk after the last record: %s", g.errwhy);
	sbuf_release(&j);
	sbuf_release(&w);
	sbuf_release(&gz);
}

/* Many records, so that a cut falls well after libarchive's first
 * buffers: what came before the damage is kept, but for what libarchive
 * was expanding when it met the damage (docs/formats.md). */
static void test_truncated_gzip(void)
{
	struct sbuf gz = {0};
	size_t ends[600];
	for (int i = 0; i < 600; i++) {
		struct sbuf one = {0};
		char uri[64];
		snprintf(uri, sizeof(uri), "https://quay.example.org/p%d", i);
		http_rec(&one, uri, "2024-03-01T10:00:00Z", RESP("text/html"),
			 page1, sizeof(page1) - 1);
		char *z;
		size_t n = squeeze(ARCHIVE_FILTER_GZIP, one.buf, one.len, &z);
		sbuf_add(&gz, z, n);
		ends[i] = gz.len;
		free(z);
		sbuf_release(&one);
	}
	struct got g;
	read_mem("big.warc.gz", gz.buf, gz.len, NULL, &g);
	CHECK_INT(g.nrec, 600, "600 pages in a .warc.gz");
	size_t cut = gz.len - gz.len / 10;
	int whole = 0;
	while (whole < 600 && ends[whole] <= cut)
		whole++;
	read_mem("cut.warc.gz", gz.buf, cut, NULL, &g);
	CHECK_INT(g.nrec, whole, "a truncated .warc.gz keeps every page "
		  "before the damage");
	char want[64];
	snprintf(want, sizeof(want), "record %d", whole + 1);
	CHECK(g.err == -EIO && strstr(g.errwhy, "truncated") &&
	      strstr(g.errwhy, want),
	      "and says truncated, with the record: %s", g.errwhy);
	char *z;
	size_t n = squeeze(ARCHIVE_FILTER_GZIP, lines, sizeof(lines) - 1, &z);
	read_mem("tiny.jsonl.gz", z, n - 6, NULL, &g);
	CHECK(g.nrec == 2 && g.err == -EIO && strstr(g.errwhy, "truncated"),
	      "a .jsonl.gz cut in its trailer: both lines, then the error: %s",
	      g.errwhy);
	read_mem("tiny.jsonl.gz", z, n / 2, NULL, &g);
	CHECK(g.err == -EIO && strstr(g.errwhy, "truncated"),
	      "cut in half: an error, not silence: %s", g.errwhy);
	free(z);
	/* A tar.gz cut: the members before are kept. */
	struct wr w;
	wr_open(&w, ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_GZIP);
	char name[32];
	for (int i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "p/%03d.html", i);
		wr_add(&w, name, i % 2 ? page1 : page2, i % 2 ?
		       sizeof(page1) - 1 : sizeof(page2) - 1);
	}
	wr_close(&w);
	read_mem("cut.tar.gz", w.buf, w.used / 2, NULL, &g);
	CHECK(g.nrec > 100 && g.nrec < 300 && g.err == -EIO &&
	      strstr(g.errwhy, "truncated"),
	      "a truncated tar.gz: %d pages kept, then: %s", g.nrec, g.errwhy);
	free(w.buf);
	sbuf_release(&gz);
}

static void test_truncated_zip(void)
{
	struct wr w;
	wr_open(&w, ARCHIVE_FORMAT_ZIP, 0);
	wr_add(&w, "a.html", page1, sizeof(page1) - 1);
	wr_add(&w, "b.html", page2, sizeof(page2) - 1);
	char *big = malloc(200000);
	for (int i = 0; i < 200000; i++)
		big[i] = (char)('a' + (i * 7919 % 26));
	memcpy(big, "{\"text\": \"", 10);
	memcpy(big + 199990, "\"}\n", 3);
	wr_add(&w, "c.jsonl", big, 199993);
	wr_add(&w, "d.html", page1, sizeof(page1) - 1);
	wr_close(&w);
	struct got g;
	read_mem("whole.zip", w.buf, w.used, NULL, &g);
	CHECK_INT(g.nrec, 4, "a zip of four members");
	read_mem("cut.zip", w.buf, w.used / 2, NULL, &g);
	CHECK_INT(g.nrec, 2, "a truncated zip keeps the members before");
	CHECK(g.err == -EIO && strstr(g.errwhy, "member c.jsonl") &&
	      strstr(g.errwhy, "truncated"),
	      "and names the member: %s", g.errwhy);
	free(big);
	free(w.buf);
}

static void test_bomb(void)
{
	/* 96 MiB of line breaks: a few hundred KiB zipped. */
	size_t n = 96u << 20;
	char *zeros = malloc(n);
	memset(zeros, '\n', n);
	struct wr w;
	wr_open(&w, ARCHIVE_FORMAT_ZIP, 0);
	wr_add(&w, "a.html", page1, sizeof(page1) - 1);
	wr_add(&w, "bomb.jsonl", zeros, n);
	wr_close(&w);
	struct got g;
	read_mem("bomb.zip", w.buf, w.used, NULL, &g);
	CHECK_INT(g.nrec, 1, "the member before the bomb is read");
	CHECK(g.err == -EFBIG && strstr(g.errwhy, "expands more than 100 "
					"times") && strstr(g.errwhy, "bomb.jsonl"),
	      "the bomb is refused by the ratio cap: %s", g.errwhy);
	struct fmt_opts o = {.max_member = 1u << 20};
	read_mem("bomb.zip", w.buf, w.used, &o, &g);
	CHECK(g.err == -EFBIG && strstr(g.errwhy, "over the cap") &&
	      strstr(g.errwhy, "per member"),
	      "and by the member cap: %s", g.errwhy);
	o.max_member = 0;
	o.max_ratio = 100000;
	read_mem("bomb.zip", w.buf, w.used, &o, &g);
	CHECK(g.err == 0 && g.nrec == 1 && g.st.blank == n,
	      "raised caps read it all (%s)", g.errwhy);
	free(w.buf);
	/* The same as a .jsonl.gz. */
	char *z;
	size_t nz = squeeze(ARCHIVE_FILTER_GZIP, zeros, n, &z);
	read_mem("bomb.jsonl.gz", z, nz, NULL, &g);
	CHECK(g.err == -EFBIG && strstr(g.errwhy, "expands more than"),
	      "a gzip bomb too: %s", g.errwhy);
	free(z);
	free(zeros);
}

/* The bundled samples of data/dumps/: the same story read from a JSON
 * Lines dump, a CSV and a WARC gives the same headline and text, so the
 * index stores it once. */
struct sample {
	char title[96];
	char text[2048];
};

static int read_sample(const char *name, struct sample *out, int max)
{
	const char *top = getenv("NEWSFS_TOP");
	char path[4096];
	snprintf(path, sizeof(path), "%s/data/dumps/%s", top ? top : ".", name);
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	static char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	struct fmt_reader *r;
	const char *err, *why;
	if (fmt_open_mem(ctx, buf, n, name, NULL, &r, &err))
		return -1;
	struct fmt_record rec;
	int k = 0, rc;
	while ((rc = fmt_next(r, &rec, &why)) > 0)
		if (rc == FMT_RECORD && k < max) {
			snprintf(out[k].title, sizeof(out[k].title), "%s", rec.title);
			snprintf(out[k].text, sizeof(out[k].text), "%s", rec.text);
			k++;
		}
	fmt_close(r);
	return rc < 0 ? -1 : k;
}

static void test_samples(void)
{
	struct sample j[4], c[4], w[4];
	CHECK_INT(read_sample("tidewater.jsonl", j, 4), 3, "data/dumps: "
		  "three articles in the JSON Lines sample");
	CHECK_INT(read_sample("valley.csv", c, 4), 2, "two in the CSV");
	CHECK_INT(read_sample("crawl.warc.gz", w, 4), 3, "three in the WARC");
	CHECK(!strcmp(j[0].title, w[0].title) && !strcmp(j[0].text, w[0].text),
	      "the lighthouse story reads the same from JSON Lines and WARC");
	CHECK(!strcmp(c[0].title, w[1].title) && !strcmp(c[0].text, w[1].text),
	      "the frost story reads the same from CSV and WARC");
	CHECK(!strcmp(j[2].text, c[1].text),
	      "the library story reads the same from JSON Lines and CSV");
}

int main(void)
{
	if (fmt_ctx_new(&ctx))
		return 1;
	test_wrappers();
	test_tar_zip();
	test_warc();
	test_truncated_gzip();
	test_truncated_zip();
	test_bomb();
	test_samples();
	fmt_ctx_free(ctx);
	return check_failed ? 1 : 0;
}
