/*
 * One HTML page to one record: decode, parse, read the metadata from the
 * whole page, then take the main text (which changes the tree).
 */
#include "reader.h"
#include "ctx.h"

#include <errno.h>
#include <string.h>

/* Fewer words than this is a menu or a caption, not an article. */
#define MIN_WORDS 5

static size_t words(const char *s, size_t len)
{
	size_t n = 0;
	bool in = false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		bool w = c >= 0x80 || (c >= '0' && c <= '9') ||
			((c | 32) >= 'a' && (c | 32) <= 'z');
		n += w && !in;
		in = w;
	}
	return n;
}

static const char *or_null(const struct sbuf *sb)
{
	return sb->len ? sb->buf : NULL;
}

/*
 * A page whose markup holds no article (rendered by scripts, saved by a
 * crawler that ran none) may still carry it in JSON-LD articleBody: as
 * markup (read like a page) or as plain text (lines are paragraphs).
 */
static int from_jsonld(struct fmt_ctx *c)
{
	const struct sbuf *b = &c->meta.ld_body;
	if (!b->len)
		return 0;
	return body_text(c, b->buf, b->len, memchr(b->buf, '<', b->len) != NULL,
			 &c->body);
}

int fmt_html(struct fmt_ctx *c, const struct fmt_input *in,
	     struct fmt_record *rec, const char **reason)
{
	const char *text;
	size_t len;
	int rc;
	*reason = NULL;
	memset(rec, 0, sizeof(*rec));
	if ((rc = charset_decode(in->data, in->len, in->charset, &c->decoded,
				 &text, &len)))
		return rc;
	hdom_reset(&c->dom);
	if (c->dom.oom || (rc = hdom_parse(&c->dom, text, len)))
		return rc ? rc : -ENOMEM;
	if ((rc = hmeta_read(&c->dom, &c->meta, in->url)))
		return rc;
	c->text.title = or_null(&c->meta.title);
	if ((rc = htext_extract(&c->dom, &c->text, &c->body)))
		return rc;
	if (words(c->body.buf, c->body.len) < MIN_WORDS &&
	    (rc = from_jsonld(c)))
		return rc;
	if (words(c->body.buf, c->body.len) < MIN_WORDS) {
		*reason = "no article text";
		return -EINVAL;
	}
	rec->text = c->body.buf;
	rec->text_len = c->body.len;
	rec->title = or_null(&c->meta.title);
	rec->site = or_null(&c->meta.site);
	rec->byline = or_null(&c->meta.byline);
	rec->url = or_null(&c->meta.url);
	rec->lang = or_null(&c->meta.lang);
	rec->date = c->meta.date;
	rec->loc.kind = FMT_LOC_FILE;
	return 0;
}
