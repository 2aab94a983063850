/*
 * A body given as a string (a dump's text field, JSON-LD articleBody):
 * markup is read as a page's content is written (paragraphs from block
 * elements, entities decoded, no scoring: the field is the article
 * already), plain text becomes paragraphs at its line breaks.
 */
#include "reader.h"
#include "ctx.h"

#include <errno.h>
#include <string.h>
#include <strings.h>

bool body_is_markup(const char *s, size_t len)
{
	/* A closing tag, or an opening block tag: "a < b" is no markup. */
	static const char *const open[] = {"<p>", "<p ", "<br", "<div",
					   "<html", "<body", "<article",
					   "<h1", "<h2", "<li", "<!doctype"};
	for (const char *p = s, *end = s + len;
	     (p = memchr(p, '<', (size_t)(end - p))) != NULL; p++) {
		size_t left = (size_t)(end - p);
		if (left >= 3 && p[1] == '/' &&
		    ((p[2] | 32) >= 'a' && (p[2] | 32) <= 'z'))
			return true;
		for (size_t i = 0; i < NFS_ARRAY_SIZE(open); i++) {
			size_t n = strlen(open[i]);
			if (left >= n && strncasecmp(p, open[i], n) == 0)
				return true;
		}
	}
	return false;
}

int body_text(struct fmt_ctx *c, const char *s, size_t len, bool markup,
	      struct sbuf *out)
{
	sbuf_reset(out);
	if (sbuf_addch(out, '\0'))
		return -ENOMEM;
	out->len = 0;
	if (markup) {
		hdom_reset(&c->dom);
		int rc = c->dom.oom ? -ENOMEM : hdom_parse(&c->dom, s, len);
		return rc ? rc : hout_text(&c->dom, 0, out);
	}
	for (const char *p = s, *end = s + len; p < end; ) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		bool space = false;
		size_t before = out->len;
		if (before && sbuf_add(out, "\n\n", 2))
			return -ENOMEM;
		size_t mark = out->len;
		if (text_collapse(out, p, (size_t)(e - p), &space))
			return -ENOMEM;
		if (out->len == mark) {	/* a blank line */
			out->len = before;
			out->buf[before] = '\0';
		}
		p = e + 1;
	}
	return 0;
}

/* Bytes of the well-formed UTF-8 sequence at s, or 0. */
static size_t seq_len(const unsigned char *s, size_t len)
{
	unsigned char c = s[0];
	if (c < 0x80)
		return 1;
	size_t n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 :
		c >= 0xf0 && c <= 0xf4 ? 4 : 0;
	if (!n || n > len)
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] > 0x9f) ||
	    (c == 0xf0 && s[1] < 0x90) || (c == 0xf4 && s[1] > 0x8f))
		return 0;	/* overlong, surrogate, above U+10FFFF */
	return n;
}

int utf8_repair(struct sbuf *out, const char *str, size_t len, bool *fixed)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, run = 0;
	if (sbuf_grow(out, len))
		return -1;
	while (i < len) {
		size_t n = s[i] && s[i] < 0x80 ? 1 : s[i] ? seq_len(s + i, len - i) : 0;
		if (n) {
			i += n;
			continue;
		}
		if (sbuf_add(out, s + run, i - run))
			return -1;
		if (s[i] == 0) {
			if (sbuf_addch(out, ' '))
				return -1;
		} else {
			if (sbuf_add(out, "\xef\xbf\xbd", 3))
				return -1;
			*fixed = true;
		}
		i++;
		run = i;
	}
	if (sbuf_add(out, s + run, i - run))
		return -1;
	if (!out->buf && sbuf_addch(out, '\0') == 0)
		out->len = 0;
	return 0;
}
