/*
 * The format module's context and what kind of file a source is.
 */
#include "internal.h"
#include "ctx.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int fmt_ctx_new(struct fmt_ctx **out)
{
	*out = calloc(1, sizeof(**out));
	return *out ? 0 : -ENOMEM;
}

void fmt_ctx_free(struct fmt_ctx *c)
{
	if (!c)
		return;
	hdom_free(&c->dom);
	hmeta_release(&c->meta);
	htext_release(&c->text);
	sbuf_release(&c->decoded);
	sbuf_release(&c->body);
	free(c);
}

static bool has_ext(const char *name, const char *const *ext, size_t n_ext)
{
	if (!name)
		return false;
	size_t n = strlen(name);
	for (size_t i = 0; i < n_ext; i++) {
		size_t e = strlen(ext[i]);
		if (n > e && strcasecmp(name + n - e, ext[i]) == 0)
			return true;
	}
	return false;
}

#define EXT(name, ...) static const char *const name[] = {__VA_ARGS__}
EXT(ext_html, ".html", ".htm", ".xhtml", ".shtml");
EXT(ext_json, ".json");
EXT(ext_jsonl, ".jsonl", ".ndjson", ".jsonlines");
EXT(ext_csv, ".csv");
EXT(ext_tsv, ".tsv", ".tab");
EXT(ext_warc, ".warc");
EXT(ext_text, ".txt", ".text");
#define HAS(name, e) has_ext(name, e, NFS_ARRAY_SIZE(e))

static const char *skip_space(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' ||
			   *p == '\r' || *p == '\f'))
		p++;
	return p;
}

static bool starts(const char *p, const char *end, const char *w)
{
	size_t n = strlen(w);
	return (size_t)(end - p) >= n && strncasecmp(p, w, n) == 0;
}

static bool magic(const unsigned char *p, size_t len, const char *m, size_t n,
		  size_t at)
{
	return len >= at + n && memcmp(p + at, m, n) == 0;
}

static enum fmt_kind by_magic(const unsigned char *p, size_t len)
{
	if (magic(p, len, "\x1f\x8b", 2, 0) ||
	    magic(p, len, "\x28\xb5\x2f\xfd", 4, 0) ||
	    magic(p, len, "\xfd" "7zXZ\0", 6, 0) ||
	    (magic(p, len, "BZh", 3, 0) && len > 3 && p[3] >= '1' && p[3] <= '9'))
		return FMT_COMPRESSED;
	if (magic(p, len, "PK\x03\x04", 4, 0) || magic(p, len, "PK\x05\x06", 4, 0) ||
	    magic(p, len, "PK\x07\x08", 4, 0) || magic(p, len, "ustar", 5, 257))
		return FMT_ARCHIVE;
	if (magic(p, len, "WARC/", 5, 0) && len > 5 && p[5] >= '0' && p[5] <= '9')
		return FMT_WARC;
	if (magic(p, len, "\xff\xd8\xff", 3, 0) || magic(p, len, "\x89PNG", 4, 0) ||
	    magic(p, len, "GIF8", 4, 0) || magic(p, len, "%PDF-", 5, 0) ||
	    magic(p, len, "7z\xbc\xaf\x27\x1c", 6, 0) ||
	    magic(p, len, "Rar!", 4, 0) || magic(p, len, "\0asm", 4, 0) ||
	    magic(p, len, "\x7f" "ELF", 4, 0) || magic(p, len, "OggS", 4, 0) ||
	    magic(p, len, "RIFF", 4, 0) || magic(p, len, "ftyp", 4, 4) ||
	    magic(p, len, "wOFF", 4, 0) || magic(p, len, "wOF2", 4, 0))
		return FMT_BINARY;
	/* NUL bytes are no text, unless it is UTF-16 with its BOM. */
	if (!magic(p, len, "\xff\xfe", 2, 0) && !magic(p, len, "\xfe\xff", 2, 0) &&
	    memchr(p, '\0', len))
		return FMT_BINARY;
	return FMT_TEXT;
}

static bool html_markup(const char *p, const char *end)
{
	if (starts(p, end, "\xef\xbb\xbf"))
		p += 3;
	/* Comments and an XML declaration may come before the markup. */
	for (int k = 0; k < 16; k++) {
		p = skip_space(p, end);
		if (starts(p, end, "<!--")) {
			const char *q = p + 4;
			while (q + 3 <= end && memcmp(q, "-->", 3) != 0)
				q++;
			if (q + 3 > end)
				return false;
			p = q + 3;
		} else if (starts(p, end, "<?xml")) {
			const char *q = memchr(p, '>', (size_t)(end - p));
			if (!q)
				return false;
			p = q + 1;
		} else {
			break;
		}
	}
	static const char *const tags[] = {"<!doctype html", "<html", "<head",
					   "<body"};
	for (size_t i = 0; i < NFS_ARRAY_SIZE(tags); i++) {
		size_t n = strlen(tags[i]);
		if (starts(p, end, tags[i]) && (size_t)(end - p) > n &&
		    (p[n] == '>' || p[n] == ' ' || p[n] == '\t' ||
		     p[n] == '\n' || p[n] == '\r' || p[n] == '/'))
			return true;
	}
	return false;
}

/*
 * JSON by content: an object alone on its first line, followed by another
 * line starting with '{', is JSON Lines; an object starting with a key,
 * or an array starting with an object, is JSON. 0 when neither.
 */
static enum fmt_kind json_content(const char *p, const char *end)
{
	if (starts(p, end, "\xef\xbb\xbf"))
		p += 3;
	p = skip_space(p, end);
	if (p == end)
		return FMT_TEXT;
	if (*p == '[') {
		const char *q = skip_space(p + 1, end);
		return q < end && (*q == '{' || *q == ']') ? FMT_JSON : FMT_TEXT;
	}
	if (*p != '{')
		return FMT_TEXT;
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	if (nl) {
		const char *e = nl;
		while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			e--;
		const char *q = skip_space(nl + 1, end);
		if (e > p && e[-1] == '}' && (q == end || *q == '{'))
			return FMT_JSONL;
	}
	const char *q = skip_space(p + 1, end);
	return q < end && (*q == '"' || *q == '}') ? FMT_JSON : FMT_TEXT;
}

enum fmt_kind fmt_sniff(const char *name, const void *head, size_t len)
{
	const char *p = head, *end = p + len;
	enum fmt_kind m = by_magic(head, len);
	if (m != FMT_TEXT)
		return m;
	if (HAS(name, ext_html))
		return FMT_HTML;
	if (HAS(name, ext_jsonl))
		return FMT_JSONL;
	if (HAS(name, ext_json)) {
		enum fmt_kind k = json_content(p, end);
		return k == FMT_JSONL ? FMT_JSONL : FMT_JSON;
	}
	if (HAS(name, ext_csv))
		return FMT_CSV;
	if (HAS(name, ext_tsv))
		return FMT_TSV;
	if (HAS(name, ext_warc))
		return FMT_WARC;
	if (html_markup(p, end))
		return FMT_HTML;
	if (!HAS(name, ext_text))
		return json_content(p, end);
	return FMT_TEXT;
}

const char *fmt_kind_name(enum fmt_kind k)
{
	static const char *const n[] = {"text", "html", "json", "jsonl", "csv",
					"tsv", "warc", "archive", "compressed",
					"binary"};
	return (unsigned)k < NFS_ARRAY_SIZE(n) ? n[k] : "?";
}
