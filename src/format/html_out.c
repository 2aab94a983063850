/*
 * The chosen content as plain text a reader can page through: each block
 * element is a paragraph, paragraphs are separated by one blank line,
 * white space inside them collapses as a browser renders it, <br> breaks
 * a line, <pre> keeps its lines, and table cells in a row are separated
 * by a tab. Images give no text; their captions do.
 */
#include "internal.h"

#include <errno.h>
#include <string.h>

static bool is_para(enum htag t)
{
	switch (t) {
	case T_P: case T_DIV: case T_H1: case T_H2: case T_H3: case T_H4:
	case T_H5: case T_H6: case T_LI: case T_BLOCKQUOTE: case T_PRE:
	case T_TR: case T_FIGURE: case T_FIGCAPTION: case T_SECTION:
	case T_ARTICLE: case T_HEADER: case T_FOOTER: case T_ASIDE:
	case T_NAV: case T_MAIN: case T_UL: case T_OL: case T_DL: case T_DT:
	case T_DD: case T_TABLE: case T_FORM: case T_FIELDSET:
	case T_ADDRESS: case T_DETAILS: case T_SUMMARY: case T_CAPTION:
	case T_HR: case T_CENTER: case T_MENU: case T_DIALOG:
	case T_BODY: case T_HTML:
		return true;
	default:
		return false;
	}
}

static bool skipped(enum htag t)
{
	return t == T_SCRIPT || t == T_STYLE || t == T_TEMPLATE ||
		t == T_NOSCRIPT || t == T_SVG || t == T_HEAD || t == T_TITLE ||
		t == T_SELECT || t == T_OPTION || t == T_IFRAME ||
		t == T_TEXTAREA || t == T_OBJECT || t == T_MATH;
}

struct out {
	struct sbuf *out;
	struct sbuf para;
	bool space;
	int pre;
	int cells;
};

/* Trim spaces before and after line breaks and at the ends. */
static void tidy(struct sbuf *p)
{
	size_t w = 0;
	char *s = p->buf;
	for (size_t r = 0; r < p->len; r++) {
		if (s[r] == '\n')
			while (w && s[w - 1] == ' ')
				w--;
		if (s[r] == ' ' && (w == 0 || s[w - 1] == '\n'))
			continue;
		s[w++] = s[r];
	}
	while (w && (s[w - 1] == ' ' || s[w - 1] == '\n' || s[w - 1] == '\t'))
		w--;
	p->len = w;
	if (p->buf)
		p->buf[w] = '\0';
}

static int flush(struct out *o)
{
	int rc = 0;
	if (!o->pre)
		tidy(&o->para);
	else
		while (o->para.len && o->para.buf[o->para.len - 1] == '\n')
			o->para.buf[--o->para.len] = '\0';
	if (o->para.len) {
		if (o->out->len)
			rc = sbuf_add(o->out, "\n\n", 2);
		if (!rc)
			rc = sbuf_add(o->out, o->para.buf, o->para.len);
	}
	sbuf_reset(&o->para);
	o->space = false;
	return rc ? -ENOMEM : 0;
}

static int enter(struct out *o, const struct hdom *d, uint32_t i)
{
	const struct hnode *n = &d->n[i];
	if (n->type == HN_TEXT) {
		const char *s = hdom_str(d, n->str);
		if (o->pre)
			return sbuf_add(&o->para, s, n->len) ? -ENOMEM : 0;
		return text_collapse(&o->para, s, n->len, &o->space);
	}
	if (n->type != HN_ELEM)
		return 0;
	if (n->tag == T_BR) {
		o->space = false;
		return sbuf_addch(&o->para, '\n') ? -ENOMEM : 0;
	}
	if (n->tag == T_TD || n->tag == T_TH) {
		if (o->cells++ && !o->pre) {
			tidy(&o->para);
			if (sbuf_addch(&o->para, '\t'))
				return -ENOMEM;
		}
		o->space = false;
		return 0;
	}
	if (is_para(n->tag)) {
		if (flush(o))
			return -ENOMEM;
		if (n->tag == T_TR)
			o->cells = 0;
		if (n->tag == T_PRE)
			o->pre++;
	}
	return 0;
}

static int leave(struct out *o, const struct hdom *d, uint32_t i)
{
	const struct hnode *n = &d->n[i];
	if (n->type != HN_ELEM || !is_para(n->tag))
		return 0;
	int rc = flush(o);
	if (n->tag == T_PRE && o->pre)
		o->pre--;
	return rc;
}

int hout_text(const struct hdom *d, uint32_t root, struct sbuf *out)
{
	struct out o = {.out = out};
	int rc = 0;
	sbuf_reset(out);
	uint32_t i = d->n[root].first;
	while (i && !rc) {
		const struct hnode *n = &d->n[i];
		bool skip = n->type == HN_ELEM && skipped(n->tag);
		if (!skip)
			rc = enter(&o, d, i);
		if (!rc && !skip && n->first) {
			i = n->first;
			continue;
		}
		if (!rc && !skip)
			rc = leave(&o, d, i);
		/* Up until a next sibling, leaving each element on the way. */
		while (!rc && i && i != root && !d->n[i].next) {
			i = d->n[i].parent;
			if (i != root)
				rc = leave(&o, d, i);
		}
		i = i && i != root ? d->n[i].next : 0;
	}
	if (!rc)
		rc = flush(&o);
	if (!rc && sbuf_addch(out, '\0') == 0)
		out->len--;
	sbuf_release(&o.para);
	return rc ? -ENOMEM : 0;
}
