/*
 * The document tree: building it from parser events, and the few
 * operations the passes need (walk, find, unlink, wrap).
 */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* In enum htag order (sorted), so a binary search finds a name. */
static const char *const tag_names[T_NTAGS] = {
	"", "a", "abbr", "address", "article", "aside", "audio", "b",
	"bdi", "bdo", "big", "blockquote", "body", "br", "button", "canvas",
	"caption", "center", "cite", "code", "data", "datalist", "dd", "del",
	"details", "dfn", "dialog", "div", "dl", "dt", "em", "embed",
	"fieldset", "figcaption", "figure", "font", "footer", "form", "h1",
	"h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "i",
	"iframe", "img", "input", "ins", "kbd", "label", "li", "link", "main",
	"mark", "math", "menu", "meta", "meter", "nav", "nobr", "noscript",
	"object", "ol", "option", "output", "p", "picture", "pre",
	"progress", "q", "rp", "rt", "ruby", "s", "samp", "script", "section",
	"select", "small", "source", "span", "strike", "strong", "style",
	"sub", "summary", "sup", "svg", "table", "tbody", "td", "template",
	"textarea", "tfoot", "th", "thead", "time", "title", "tr", "tt", "u",
	"ul", "var", "video", "wbr",
};

static enum htag htag_lookup(const char *name, size_t len)
{
	size_t lo = 1, hi = T_NTAGS;
	char key[16];
	if (len == 0 || len >= sizeof(key))
		return T_OTHER;
	for (size_t i = 0; i < len; i++)
		key[i] = (char)((name[i] >= 'A' && name[i] <= 'Z') ?
				name[i] + 32 : name[i]);
	key[len] = '\0';
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(key, tag_names[mid]);
		if (c == 0)
			return (enum htag)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return T_OTHER;
}

void hdom_reset(struct hdom *d)
{
	d->nn = 1;
	d->na = 0;
	sbuf_reset(&d->pool);
	d->cur = 0;
	d->overflow = 0;
	d->oom = false;
	if (!d->n || d->cap < 1) {
		free(d->n);
		d->n = calloc(1024, sizeof(*d->n));
		d->cap = d->n ? 1024 : 0;
		if (!d->n) {
			d->oom = true;
			d->nn = 0;
			return;
		}
	}
	memset(&d->n[0], 0, sizeof(d->n[0]));
	d->n[0].type = HN_DOC;
	/* Offset 0 of the pool is the empty string, so 0 can mean "none". */
	if (sbuf_addch(&d->pool, '\0'))
		d->oom = true;
}

void hdom_free(struct hdom *d)
{
	free(d->n);
	free(d->a);
	sbuf_release(&d->pool);
	memset(d, 0, sizeof(*d));
}

static uint32_t new_node(struct hdom *d, uint8_t type)
{
	if (d->oom)
		return 0;
	if (d->nn == d->cap) {
		size_t cap = d->cap * 2;
		struct hnode *n = cap > UINT32_MAX ? NULL :
			realloc(d->n, cap * sizeof(*n));
		if (!n) {
			d->oom = true;
			return 0;
		}
		d->n = n;
		d->cap = cap;
	}
	uint32_t i = (uint32_t)d->nn++;
	memset(&d->n[i], 0, sizeof(d->n[i]));
	d->n[i].type = type;
	return i;
}

static void append_child(struct hdom *d, uint32_t parent, uint32_t i)
{
	struct hnode *p = &d->n[parent], *c = &d->n[i];
	c->parent = parent;
	c->prev = p->last;
	c->next = 0;
	if (p->last)
		d->n[p->last].next = i;
	else
		p->first = i;
	p->last = i;
	unsigned depth = d->n[parent].depth + 1u;
	c->depth = (uint8_t)(depth > HDOM_MAX_DEPTH ? HDOM_MAX_DEPTH : depth);
}

static uint32_t pool_add(struct hdom *d, const char *s, size_t len)
{
	size_t off = d->pool.len;
	if (off + len + 1 > UINT32_MAX || sbuf_add(&d->pool, s, len) ||
	    sbuf_addch(&d->pool, '\0')) {
		d->oom = true;
		return 0;
	}
	return (uint32_t)off;
}

void hdom_open(struct hdom *d, const char *name, const char *const *attrs)
{
	if (d->oom)
		return;
	/* Past the cap the element is not made: its content goes into the
	 * deepest element, and its end tag must not close that one. */
	if (d->n[d->cur].depth >= HDOM_MAX_DEPTH - 1) {
		d->overflow++;
		return;
	}
	uint32_t i = new_node(d, HN_ELEM);
	if (!i)
		return;
	d->n[i].tag = (uint16_t)htag_lookup(name, strlen(name));
	d->n[i].str = (uint32_t)d->na;
	for (size_t k = 0; attrs && attrs[k]; k += 2) {
		if (d->na == d->acap) {
			size_t cap = d->acap ? d->acap * 2 : 256;
			struct hattr *a = realloc(d->a, cap * sizeof(*a));
			if (!a) {
				d->oom = true;
				return;
			}
			d->a = a;
			d->acap = cap;
		}
		const char *v = attrs[k + 1] ? attrs[k + 1] : "";
		uint32_t no = pool_add(d, attrs[k], strlen(attrs[k]));
		uint32_t vo = pool_add(d, v, strlen(v));
		if (d->oom)
			return;
		d->a[d->na].name = no;
		d->a[d->na].value = vo;
		d->na++;
		d->n[i].len++;
	}
	append_child(d, d->cur, i);
	d->cur = i;
}

void hdom_close(struct hdom *d)
{
	if (d->oom)
		return;
	if (d->overflow) {
		d->overflow--;
		return;
	}
	if (d->cur)
		d->cur = d->n[d->cur].parent;
}

void hdom_text(struct hdom *d, const char *s, size_t len)
{
	if (d->oom || len == 0)
		return;
	uint32_t last = d->n[d->cur].last;
	/* Adjacent text is one node; the pool's tail is that node's text
	 * (and its NUL) when nothing was added since. */
	if (last && d->n[last].type == HN_TEXT &&
	    d->n[last].str + d->n[last].len + 1 == d->pool.len) {
		if (d->n[last].len + len > UINT32_MAX - 1) {
			d->oom = true;
			return;
		}
		d->pool.len--;
		if (sbuf_add(&d->pool, s, len) || sbuf_addch(&d->pool, '\0')) {
			d->oom = true;
			return;
		}
		d->n[last].len += (uint32_t)len;
		return;
	}
	uint32_t i = new_node(d, HN_TEXT);
	if (!i)
		return;
	d->n[i].str = pool_add(d, s, len);
	d->n[i].len = (uint32_t)len;
	append_child(d, d->cur, i);
}

const char *hdom_attr(const struct hdom *d, uint32_t i, const char *name)
{
	const struct hnode *n = &d->n[i];
	if (n->type != HN_ELEM)
		return NULL;
	for (uint32_t k = 0; k < n->len; k++) {
		const struct hattr *a = &d->a[n->str + k];
		if (strcasecmp(d->pool.buf + a->name, name) == 0)
			return d->pool.buf + a->value;
	}
	return NULL;
}

uint32_t hdom_next(const struct hdom *d, uint32_t i, uint32_t root,
		   bool skip_children)
{
	if (!skip_children && d->n[i].first)
		return d->n[i].first;
	while (i != root) {
		if (d->n[i].next)
			return d->n[i].next;
		i = d->n[i].parent;
		if (!i && root)
			return 0;
	}
	return 0;
}

uint32_t hdom_find(const struct hdom *d, enum htag t)
{
	for (uint32_t i = d->n[0].first; i; i = hdom_next(d, i, 0, false))
		if (d->n[i].type == HN_ELEM && d->n[i].tag == t)
			return i;
	return 0;
}

void hdom_unlink(struct hdom *d, uint32_t i)
{
	struct hnode *n = &d->n[i];
	uint32_t p = n->parent;
	if (!i)
		return;
	if (n->prev)
		d->n[n->prev].next = n->next;
	else if (p || d->n[0].first == i)
		d->n[p].first = n->next;
	if (n->next)
		d->n[n->next].prev = n->prev;
	else if (p || d->n[0].last == i)
		d->n[p].last = n->prev;
	n->parent = n->prev = n->next = 0;
}

uint32_t hdom_wrap(struct hdom *d, uint32_t from, uint32_t to, enum htag t)
{
	uint32_t w = new_node(d, HN_ELEM);
	if (!w)
		return 0;
	struct hnode *n = d->n;	/* new_node may have moved the array */
	uint32_t p = n[from].parent, before = n[from].prev, after = n[to].next;
	n[w].tag = (uint16_t)t;
	n[w].parent = p;
	n[w].depth = n[from].depth;
	n[w].first = from;
	n[w].last = to;
	n[w].prev = before;
	n[w].next = after;
	if (before)
		n[before].next = w;
	else
		n[p].first = w;
	if (after)
		n[after].prev = w;
	else
		n[p].last = w;
	n[from].prev = 0;
	n[to].next = 0;
	for (uint32_t c = from; c; c = n[c].next)
		n[c].parent = w;
	return w;
}

uint32_t hdom_new_elem(struct hdom *d, enum htag t)
{
	uint32_t i = new_node(d, HN_ELEM);
	if (i)
		d->n[i].tag = (uint16_t)t;
	return i;
}

void hdom_append(struct hdom *d, uint32_t parent, uint32_t i)
{
	append_child(d, parent, i);
}

void hdom_replace(struct hdom *d, uint32_t old, uint32_t i)
{
	struct hnode *n = d->n;
	uint32_t p = n[old].parent;
	n[i].parent = p;
	n[i].prev = n[old].prev;
	n[i].next = n[old].next;
	if (n[i].prev)
		n[n[i].prev].next = i;
	else
		n[p].first = i;
	if (n[i].next)
		n[n[i].next].prev = i;
	else
		n[p].last = i;
	n[old].parent = n[old].prev = n[old].next = 0;
}
