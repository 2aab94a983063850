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

static bool html_name(const char *name)
{
	static const char *const ext[] = {".html", ".htm", ".xhtml", ".shtml"};
	if (!name)
		return false;
	size_t n = strlen(name);
	for (size_t i = 0; i < NFS_ARRAY_SIZE(ext); i++) {
		size_t e = strlen(ext[i]);
		if (n > e && strcasecmp(name + n - e, ext[i]) == 0)
			return true;
	}
	return false;
}

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

enum fmt_kind fmt_sniff(const char *name, const void *head, size_t len)
{
	if (html_name(name))
		return FMT_HTML;
	const char *p = head, *end = p + len;
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
				return FMT_TEXT;
			p = q + 3;
		} else if (starts(p, end, "<?xml")) {
			const char *q = memchr(p, '>', (size_t)(end - p));
			if (!q)
				return FMT_TEXT;
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
			return FMT_HTML;
	}
	return FMT_TEXT;
}
