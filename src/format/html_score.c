/*
 * Choosing a page's main content, in the manner of Readability (Arc90,
 * now Mozilla's reader view): paragraphs score their ancestors by length
 * and commas, class and id words weigh a container up or down, link-heavy
 * containers lose, and the best container is taken with those of its
 * siblings that score nearly as well. The signals are generic (markup
 * structure and common words), never a list of sites.
 */
#include "internal.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define N_TOP 5

void htext_release(struct htext *t)
{
	free(t->score);
	free(t->scored);
	free(t->agg);
	free(t->coef);
	free(t->tchars);
	free(t->tcommas);
	free(t->list);
	free(t->list2);
	free(t->saved);
	sbuf_release(&t->scratch);
	sbuf_release(&t->attempt);
	memset(t, 0, sizeof(*t));
}

int htext_fit(struct htext *t)
{
	size_t need = t->d->cap;
	if (t->cap >= need)
		return 0;
	float *s = realloc(t->score, need * sizeof(*s));
	if (s)
		t->score = s;
	uint8_t *sc = realloc(t->scored, need);
	if (sc)
		t->scored = sc;
	struct hagg *a = realloc(t->agg, need * sizeof(*a));
	if (a)
		t->agg = a;
	float *c = realloc(t->coef, need * sizeof(*c));
	if (c)
		t->coef = c;
	uint32_t *l = realloc(t->list, need * sizeof(*l));
	if (l)
		t->list = l;
	uint32_t *l2 = realloc(t->list2, need * sizeof(*l2));
	if (l2)
		t->list2 = l2;
	uint32_t *tc = realloc(t->tchars, need * sizeof(*tc));
	if (tc)
		t->tchars = tc;
	uint32_t *tm = realloc(t->tcommas, need * sizeof(*tm));
	if (tm)
		t->tcommas = tm;
	if (!s || !sc || !a || !c || !l || !l2 || !tc || !tm)
		return -ENOMEM;
	memset(t->scored + t->cap, 0, need - t->cap);
	t->cap = need;
	t->listcap = need;
	return 0;
}

/* Readability's DIV_TO_P_ELEMS: a div holding one of these is a block. */
static bool htext_is_block(enum htag t)
{
	return t == T_BLOCKQUOTE || t == T_DL || t == T_DIV || t == T_IMG ||
		t == T_OL || t == T_P || t == T_PRE || t == T_TABLE ||
		t == T_UL;
}

static bool is_heading(enum htag t)
{
	return t >= T_H1 && t <= T_H6;
}

static bool is_textish(enum htag t)
{
	return t == T_SPAN || t == T_LI || t == T_TD || htext_is_block(t);
}

static void add_child(struct hagg *a, const struct hagg *c, enum htag tag,
		      bool elem)
{
	a->chars += c->chars;
	a->link += c->link;
	a->commas += c->commas;
	a->p += c->p + (elem && tag == T_P);
	a->img += c->img + (elem && tag == T_IMG);
	a->li += c->li + (elem && tag == T_LI);
	a->input += c->input + (elem && tag == T_INPUT);
	a->embed += c->embed + (elem && (tag == T_OBJECT || tag == T_EMBED ||
					 tag == T_IFRAME));
	a->block += c->block + (elem && htext_is_block(tag));
	a->list += elem && (tag == T_UL || tag == T_OL) ? c->chars : c->list;
	a->head += elem && is_heading(tag) ? c->chars : c->head;
	a->textish += elem && is_textish(tag) ? c->chars : c->textish;
}

/* The aggregate of node i from its own text and its children's. */
static void agg_node(struct htext *t, uint32_t i)
{
	const struct hdom *d = t->d;
	const struct hnode *n = &d->n[i];
	struct hagg *a = &t->agg[i];
	memset(a, 0, sizeof(*a));
	if (n->type == HN_TEXT) {
		a->chars = (float)t->tchars[i];
		a->commas = t->tcommas[i];
		a->link = a->chars * t->coef[i];
		return;
	}
	for (uint32_t c = n->first; c; c = d->n[c].next)
		add_child(a, &t->agg[c], (enum htag)d->n[c].tag,
			  d->n[c].type == HN_ELEM);
}

static bool skip_text_of(enum htag t)
{
	return t == T_SCRIPT || t == T_STYLE || t == T_TEMPLATE ||
		t == T_NOSCRIPT;
}

int htext_agg(struct htext *t, uint32_t root)
{
	const struct hdom *d = t->d;
	if (htext_fit(t))
		return -ENOMEM;
	/* Pre-order (parents first) into list2, then sum backwards. */
	size_t n = 0;
	t->list2[n++] = root;
	t->coef[root] = 0;
	for (uint32_t i = d->n[root].first; i; ) {
		const struct hnode *nd = &d->n[i];
		bool skip = nd->type == HN_ELEM && skip_text_of(nd->tag);
		float pc = t->coef[nd->parent];
		if (nd->type == HN_ELEM && nd->tag == T_A) {
			const char *h = hdom_attr(d, i, "href");
			pc = h && h[0] == '#' && h[1] ? 0.3f : 1.0f;
		}
		t->coef[i] = pc;
		if (skip)
			memset(&t->agg[i], 0, sizeof(t->agg[i]));
		else
			t->list2[n++] = i;
		i = hdom_next(d, i, root, skip);
	}
	while (n--)
		agg_node(t, t->list2[n]);
	return 0;
}

static void sub(struct hagg *a, const struct hagg *d)
{
	a->chars = fmaxf(0, a->chars - d->chars);
	a->link = fmaxf(0, a->link - d->link);
	a->list = fmaxf(0, a->list - d->list);
	a->head = fmaxf(0, a->head - d->head);
	a->textish = fmaxf(0, a->textish - d->textish);
	a->commas -= d->commas;
	a->p -= d->p;
	a->img -= d->img;
	a->li -= d->li;
	a->input -= d->input;
	a->embed -= d->embed;
	a->block -= d->block;
}

/* Take i out and subtract what it held from each ancestor: a delta
 * carried up, so a removal costs the depth, not the siblings. */
void htext_remove(struct htext *t, uint32_t i)
{
	const struct hdom *d = t->d;
	struct hagg delta;
	memset(&delta, 0, sizeof(delta));
	add_child(&delta, &t->agg[i], (enum htag)d->n[i].tag,
		  d->n[i].type == HN_ELEM);
	uint32_t p = d->n[i].parent;
	hdom_unlink(t->d, i);
	for (; p; p = d->n[p].parent) {
		sub(&t->agg[p], &delta);
		enum htag tag = (enum htag)d->n[p].tag;
		if (d->n[p].type != HN_ELEM)
			continue;
		if (tag == T_UL || tag == T_OL)
			delta.list = delta.chars;
		if (is_heading(tag))
			delta.head = delta.chars;
		if (is_textish(tag))
			delta.textish = delta.chars;
	}
}

static float link_density(const struct htext *t, uint32_t i)
{
	const struct hagg *a = &t->agg[i];
	return a->chars > 0 ? a->link / a->chars : 0;
}

bool htext_has_ancestor(const struct hdom *d, uint32_t i, enum htag tag)
{
	for (uint32_t p = d->n[i].parent; p; p = d->n[p].parent)
		if (d->n[p].tag == tag)
			return true;
	return false;
}

/*
 * Words in class and id names. Readability's lists, plus the consent and
 * cookie banners every site now carries.
 */
static const char *const negative_words[] = {
	"-ad-", "hidden", "banner", "combx", "comment", "com-", "contact",
	"footer", "gdpr", "masthead", "media", "meta", "outbrain", "promo",
	"related", "scroll", "share", "shoutbox", "sidebar", "skyscraper",
	"sponsor", "shopping", "tags", "widget", "cookie", "consent",
};
static const char *const positive_words[] = {
	"article", "body", "content", "entry", "hentry", "h-entry", "main",
	"page", "pagination", "post", "text", "blog", "story",
};
static const char *const unlikely_words[] = {
	"-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment",
	"community", "cover-wrap", "disqus", "extra", "footer", "gdpr",
	"header", "legends", "menu", "related", "remark", "replies", "rss",
	"shoutbox", "sidebar", "skyscraper", "social", "sponsor",
	"supplemental", "ad-break", "agegate", "pagination", "pager", "popup",
	"yom-remote", "cookie", "consent",
};
static const char *const maybe_words[] = {
	"and", "article", "body", "column", "content", "main", "mathjax",
	"shadow",
};

/* Is any of the lower-case words w[0..n) in s, ignoring case? s is
 * folded once, so each word is one fast strstr(). */
static bool any_word(const char *s, const char *const *w, size_t n)
{
	char low[512];
	size_t k = 0;
	if (!s || !*s)
		return false;
	for (; s[k] && k + 1 < sizeof(low); k++)
		low[k] = (char)(s[k] >= 'A' && s[k] <= 'Z' ? s[k] + 32 : s[k]);
	low[k] = '\0';
	for (size_t i = 0; i < n; i++)
		if (s[k] ? text_istr(s, w[i]) != NULL : strstr(low, w[i]) != NULL)
			return true;
	return false;
}

/* "hid" as a whole word, as Readability's negative pattern has it. */
static bool has_hid(const char *s)
{
	for (const char *p = s; (p = text_istr(p, "hid")) != NULL; p += 3)
		if ((p == s || p[-1] == ' ') && (p[3] == '\0' || p[3] == ' '))
			return true;
	return false;
}

static int weigh(const char *s)
{
	int w = 0;
	if (!s || !*s)
		return 0;
	if (any_word(s, negative_words, NFS_ARRAY_SIZE(negative_words)) ||
	    has_hid(s))
		w -= 25;
	if (any_word(s, positive_words, NFS_ARRAY_SIZE(positive_words)))
		w += 25;
	return w;
}

int htext_class_weight(const struct htext *t, uint32_t i)
{
	if (!(t->flags & HT_WEIGHT_CLASSES))
		return 0;
	return weigh(hdom_attr(t->d, i, "class")) +
		weigh(hdom_attr(t->d, i, "id"));
}

/* What the markup itself says the element is: schema.org's articleBody,
 * HTML5's <article> and <main>. */
static float semantic(const struct htext *t, uint32_t i)
{
	/* Weak on purpose: on the development pages a weight of a good
	 * class word (25) for articleBody, or 10 for <article>, moved the
	 * choice to a part of the story on four pages; these weights fix
	 * one (a page whose class names say nothing) and move no other. */
	static const float w_body = 10, w_article = 3;
	if (!(t->flags & HT_WEIGHT_CLASSES))
		return 0;
	const char *ip = hdom_attr(t->d, i, "itemprop");
	if (ip && text_istr(ip, "articleBody"))
		return w_body;
	enum htag tag = (enum htag)t->d->n[i].tag;
	if (tag == T_ARTICLE || tag == T_MAIN)
		return w_article;
	return 0;
}

static void init_node(struct htext *t, uint32_t i)
{
	float s = 0;
	switch (t->d->n[i].tag) {
	case T_DIV:
		s = 5;
		break;
	case T_PRE: case T_TD: case T_BLOCKQUOTE:
		s = 3;
		break;
	case T_ADDRESS: case T_OL: case T_UL: case T_DL: case T_DD:
	case T_DT: case T_LI: case T_FORM:
		s = -3;
		break;
	case T_H1: case T_H2: case T_H3: case T_H4: case T_H5: case T_H6:
	case T_TH:
		s = -5;
		break;
	default:
		break;
	}
	t->score[i] = s + (float)htext_class_weight(t, i) + semantic(t, i);
	t->scored[i] = 1;
}

static bool is_whitespace_node(const struct hdom *d, uint32_t i)
{
	const struct hnode *n = &d->n[i];
	if (n->type == HN_ELEM)
		return n->tag == T_BR;
	bool space = true;
	return n->type == HN_TEXT &&
		text_chars(hdom_str(d, n->str), n->len, &space) == 0;
}

static bool is_phrasing_tag(enum htag t)
{
	switch (t) {
	case T_ABBR: case T_AUDIO: case T_B: case T_BDO: case T_BR:
	case T_BUTTON: case T_CITE: case T_CODE: case T_DATA:
	case T_DATALIST: case T_DFN: case T_EM: case T_EMBED: case T_I:
	case T_IMG: case T_INPUT: case T_KBD: case T_LABEL: case T_MARK:
	case T_MATH: case T_METER: case T_NOSCRIPT: case T_OBJECT:
	case T_OUTPUT: case T_PROGRESS: case T_Q: case T_RUBY: case T_SAMP:
	case T_SCRIPT: case T_SELECT: case T_SMALL: case T_SPAN:
	case T_STRONG: case T_SUB: case T_SUP: case T_TEXTAREA: case T_TIME:
	case T_VAR: case T_WBR: case T_FONT: case T_U: case T_S: case T_TT:
	case T_BIG: case T_STRIKE: case T_NOBR: case T_BDI:
		return true;
	default:
		return false;
	}
}

/* Text, a phrasing element, or a link (del, ins) of phrasing only. */
static bool is_phrasing(const struct hdom *d, uint32_t i)
{
	const struct hnode *n = &d->n[i];
	if (n->type == HN_TEXT)
		return true;
	if (n->type != HN_ELEM)
		return false;
	if (is_phrasing_tag(n->tag))
		return true;
	if (n->tag != T_A && n->tag != T_DEL && n->tag != T_INS)
		return false;
	for (uint32_t c = n->first; c; c = hdom_next(d, c, i, false)) {
		const struct hnode *k = &d->n[c];
		if (k->type == HN_ELEM && !is_phrasing_tag(k->tag) &&
		    k->tag != T_A && k->tag != T_DEL && k->tag != T_INS)
			return false;
	}
	return true;
}

static bool has_block_child(const struct hdom *d, uint32_t i)
{
	for (uint32_t c = d->n[i].first; c; c = hdom_next(d, c, i, false))
		if (d->n[c].type == HN_ELEM && htext_is_block(d->n[c].tag))
			return true;
	return false;
}

/* Style or attributes that hide the element from a reader. */
static bool is_hidden(const struct hdom *d, uint32_t i)
{
	const char *s = hdom_attr(d, i, "style");
	if (s) {
		char buf[256];
		size_t n = 0;
		for (; *s && n + 1 < sizeof(buf); s++)
			if (*s != ' ' && *s != '\t')
				buf[n++] = (char)(*s >= 'A' && *s <= 'Z' ?
						  *s + 32 : *s);
		buf[n] = '\0';
		if (strstr(buf, "display:none") ||
		    strstr(buf, "visibility:hidden"))
			return true;
	}
	if (hdom_attr(d, i, "hidden"))
		return true;
	const char *ah = hdom_attr(d, i, "aria-hidden");
	if (ah && strcmp(ah, "true") == 0) {
		const char *c = hdom_attr(d, i, "class");
		return !(c && strstr(c, "fallback-image"));
	}
	return false;
}

static bool role_unlikely(const char *r)
{
	static const char *const roles[] = {
		"menu", "menubar", "complementary", "navigation", "alert",
		"alertdialog", "dialog",
	};
	if (!r)
		return false;
	for (size_t i = 0; i < NFS_ARRAY_SIZE(roles); i++)
		if (strcasecmp(r, roles[i]) == 0)
			return true;
	return false;
}

/* Bylines are metadata, read elsewhere; in the body they are clutter. */
static bool is_byline(const struct hdom *d, uint32_t i, const char *cls,
		      const char *id, struct sbuf *scratch)
{
	const char *rel = hdom_attr(d, i, "rel");
	const char *ip = hdom_attr(d, i, "itemprop");
	static const char *const words[] = {"byline", "author", "dateline",
					    "writtenby", "p-author"};
	if (!((rel && strcasecmp(rel, "author") == 0) ||
	      (ip && text_istr(ip, "author")) ||
	      any_word(cls, words, NFS_ARRAY_SIZE(words)) ||
	      any_word(id, words, NFS_ARRAY_SIZE(words))))
		return false;
	if (hdom_text_content(d, i, scratch))
		return false;
	bool sp = true;
	size_t n = text_chars(scratch->buf ? scratch->buf : "", scratch->len, &sp);
	return n > 0 && n < 100;
}

static bool no_content(const struct hdom *d, uint32_t i)
{
	for (uint32_t c = d->n[i].first; c; c = d->n[c].next) {
		const struct hnode *k = &d->n[c];
		if (k->type == HN_ELEM && k->tag != T_BR && k->tag != T_HR)
			return false;
		if (k->type == HN_TEXT && !is_whitespace_node(d, c))
			return false;
	}
	return true;
}

/* <br><br> chains end paragraphs (Readability's _replaceBrs). */
static int replace_brs(struct hdom *d, uint32_t body)
{
	for (uint32_t i = body; i; ) {
		uint32_t next = hdom_next(d, i, body, false);
		if (d->n[i].type != HN_ELEM || d->n[i].tag != T_BR) {
			i = next;
			continue;
		}
		bool chain = false;
		uint32_t k = d->n[i].next;
		for (;;) {
			while (k && d->n[k].type == HN_TEXT &&
			       is_whitespace_node(d, k))
				k = d->n[k].next;
			if (!k || d->n[k].type != HN_ELEM || d->n[k].tag != T_BR)
				break;
			uint32_t after = d->n[k].next;
			hdom_unlink(d, k);
			chain = true;
			k = after;
		}
		if (!chain) {
			i = next;
			continue;
		}
		/* The first <br> becomes a <p> of what follows, up to the
		 * next chain or block. */
		uint32_t from = d->n[i].next, to = 0;
		for (uint32_t s = from; s; s = d->n[s].next) {
			if (d->n[s].type == HN_ELEM && d->n[s].tag == T_BR) {
				uint32_t m = d->n[s].next;
				while (m && d->n[m].type == HN_TEXT &&
				       is_whitespace_node(d, m))
					m = d->n[m].next;
				if (m && d->n[m].type == HN_ELEM &&
				    d->n[m].tag == T_BR)
					break;
			}
			if (!is_phrasing(d, s))
				break;
			to = s;
		}
		uint32_t p = d->n[i].parent;
		if (to) {
			if (!hdom_wrap(d, from, to, T_P))
				return -ENOMEM;
		}
		uint32_t resume = d->n[i].next;
		hdom_unlink(d, i);
		if (p && d->n[p].tag == T_P)
			hdom_retag(d, p, T_DIV);
		i = resume ? resume : hdom_next(d, p, body, true);
	}
	return 0;
}

/* Wrap runs of phrasing content of a div into paragraphs. */
static int wrap_phrasing(struct hdom *d, uint32_t div)
{
	uint32_t c = d->n[div].first;
	while (c) {
		if (!is_phrasing(d, c) || is_whitespace_node(d, c)) {
			c = d->n[c].next;
			continue;
		}
		uint32_t from = c, to = c;
		for (uint32_t s = d->n[c].next; s && is_phrasing(d, s);
		     s = d->n[s].next)
			to = s;
		uint32_t after = d->n[to].next;
		while (to != from && is_whitespace_node(d, to))
			to = d->n[to].prev;
		if (!hdom_wrap(d, from, to, T_P))
			return -ENOMEM;
		c = after;
	}
	return 0;
}

/* The single element child of i when it has exactly one and no text. */
static uint32_t single_child(const struct hdom *d, uint32_t i, enum htag tag)
{
	uint32_t found = 0;
	for (uint32_t c = d->n[i].first; c; c = d->n[c].next) {
		if (d->n[c].type == HN_TEXT) {
			if (!is_whitespace_node(d, c))
				return 0;
			continue;
		}
		if (found || d->n[c].tag != tag)
			return 0;
		found = c;
	}
	return found;
}

static uint32_t body_of(const struct hdom *d)
{
	uint32_t b = hdom_find(d, T_BODY);
	return b ? b : hdom_find(d, T_HTML);
}

/* Walk the body: drop hidden and unlikely nodes, make paragraphs, and
 * list the elements to score in t->list. */
static int walk(struct htext *t, uint32_t body)
{
	struct hdom *d = t->d;
	bool drop_title = t->title && *t->title, byline = false;
	t->nlist = 0;
	for (uint32_t i = body; i; ) {
		struct hnode *n = &d->n[i];
		if (n->type != HN_ELEM) {
			i = hdom_next(d, i, body, false);
			continue;
		}
		enum htag tag = n->tag;
		const char *cls = hdom_attr(d, i, "class");
		const char *id = hdom_attr(d, i, "id");
		bool drop = false;
		if (i != body) {
			if (skip_text_of(tag) || tag == T_SVG || is_hidden(d, i))
				drop = true;
			else if (!byline && is_byline(d, i, cls, id, &t->scratch))
				drop = byline = true;
			else if (drop_title && (tag == T_H1 || tag == T_H2) &&
				 !hdom_text_content(d, i, &t->scratch) &&
				 text_similarity(t->title, t->scratch.buf ?
					    t->scratch.buf : "") > 0.75)
				drop = true, drop_title = false;
			else if ((t->flags & HT_STRIP_UNLIKELY) &&
				 ((((cls && any_word(cls, unlikely_words, NFS_ARRAY_SIZE(unlikely_words))) ||
				    (id && any_word(id, unlikely_words, NFS_ARRAY_SIZE(unlikely_words)))) &&
				   !any_word(cls, maybe_words, NFS_ARRAY_SIZE(maybe_words)) &&
				   !any_word(id, maybe_words, NFS_ARRAY_SIZE(maybe_words)) &&
				   tag != T_A && !htext_has_ancestor(d, i, T_TABLE) &&
				   !htext_has_ancestor(d, i, T_CODE)) ||
				  role_unlikely(hdom_attr(d, i, "role"))))
				drop = true;
			else if ((tag == T_DIV || tag == T_SECTION ||
				  tag == T_HEADER || is_heading(tag)) &&
				 no_content(d, i))
				drop = true;
		}
		if (drop) {
			uint32_t next = hdom_next(d, i, body, true);
			hdom_unlink(d, i);
			i = next;
			continue;
		}
		if (tag == T_SECTION || (is_heading(tag) && tag != T_H1) ||
		    tag == T_P || tag == T_TD || tag == T_PRE)
			t->list[t->nlist++] = i;
		if (tag == T_DIV) {
			if (wrap_phrasing(d, i) || htext_fit(t))
				return -ENOMEM;
			uint32_t p = single_child(d, i, T_P);
			/* A div around one paragraph is that paragraph. */
			if (p && htext_agg(t, i))
				return -ENOMEM;
			if (p && link_density(t, i) < 0.25f) {
				hdom_unlink(d, p);
				hdom_replace(d, i, p);
				i = p;
				t->list[t->nlist++] = i;
			} else if (!has_block_child(d, i)) {
				hdom_retag(d, i, T_P);
				t->list[t->nlist++] = i;
			}
		}
		if (t->nlist >= t->listcap && htext_fit(t))
			return -ENOMEM;
		i = hdom_next(d, i, body, false);
	}
	return 0;
}

static int cmp_score_desc(const void *a, const void *b, void *arg)
{
	const float *s = arg;
	float x = s[*(const uint32_t *)a], y = s[*(const uint32_t *)b];
	return x < y ? 1 : x > y ? -1 : 0;
}

static bool is_ancestor(const struct hdom *d, uint32_t anc, uint32_t i)
{
	for (uint32_t p = d->n[i].parent; p; p = d->n[p].parent)
		if (p == anc)
			return true;
	return false;
}

static size_t element_children(const struct hdom *d, uint32_t i)
{
	size_t n = 0;
	for (uint32_t c = d->n[i].first; c; c = d->n[c].next)
		n += d->n[c].type == HN_ELEM;
	return n;
}

/* Score paragraphs into their ancestors; the best candidate, or 0. */
static uint32_t pick(struct htext *t)
{
	struct hdom *d = t->d;
	memset(t->scored, 0, t->cap);
	size_t ncand = 0;
	for (size_t k = 0; k < t->nlist; k++) {
		uint32_t e = t->list[k];
		if (!d->n[e].parent)
			continue;
		const struct hagg *a = &t->agg[e];
		if (a->chars < 25)
			continue;
		float s = 1 + (float)(a->commas + 1) +
			fminf(floorf(a->chars / 100), 3);
		int level = 0;
		for (uint32_t p = d->n[e].parent; p && level < 5;
		     p = d->n[p].parent, level++) {
			if (d->n[p].type != HN_ELEM || !d->n[p].parent)
				break;
			if (!t->scored[p]) {
				init_node(t, p);
				t->list2[ncand++] = p;
			}
			float div = level == 0 ? 1 : level == 1 ? 2 : level * 3.0f;
			t->score[p] += s / div;
		}
	}
	for (size_t k = 0; k < ncand; k++) {
		uint32_t c = t->list2[k];
		t->score[c] *= 1 - link_density(t, c);
	}
	if (!ncand)
		return 0;
	qsort_r(t->list2, ncand, sizeof(uint32_t), cmp_score_desc, t->score);
	uint32_t top = t->list2[0];
	if (d->n[top].tag == T_BODY)
		return 0;
	size_t ntop = ncand < N_TOP ? ncand : N_TOP;
	/* Several near-equal candidates under one ancestor: the ancestor. */
	size_t nalt = 0;
	uint32_t alt[N_TOP];
	for (size_t k = 1; k < ntop; k++)
		if (t->score[top] > 0 &&
		    t->score[t->list2[k]] / t->score[top] >= 0.75f)
			alt[nalt++] = t->list2[k];
	if (nalt >= 3) {
		for (uint32_t p = d->n[top].parent; p && d->n[p].tag != T_BODY;
		     p = d->n[p].parent) {
			size_t in = 0;
			for (size_t k = 0; k < nalt; k++)
				in += is_ancestor(d, p, alt[k]);
			if (in >= 3) {
				top = p;
				break;
			}
		}
	}
	if (!t->scored[top])
		init_node(t, top);
	/* Climb while the parent scores higher. */
	float last = t->score[top], threshold = last / 3;
	for (uint32_t p = d->n[top].parent; p && d->n[p].tag != T_BODY;
	     p = d->n[p].parent) {
		if (!t->scored[p])
			continue;
		if (t->score[p] < threshold)
			break;
		if (t->score[p] > last) {
			top = p;
			break;
		}
		last = t->score[p];
	}
	for (uint32_t p = d->n[top].parent;
	     p && d->n[p].tag != T_BODY && d->n[p].type == HN_ELEM &&
	     element_children(d, p) == 1; p = d->n[top].parent)
		top = p;
	if (!t->scored[top])
		init_node(t, top);
	return top;
}

static bool str_eq(const char *a, const char *b)
{
	return a && b && *a && strcmp(a, b) == 0;
}

/* Gather top and its good siblings into a new div. */
static uint32_t gather(struct htext *t, uint32_t top)
{
	struct hdom *d = t->d;
	uint32_t parent = d->n[top].parent;
	uint32_t art = hdom_new_elem(d, T_DIV);
	if (!art || htext_fit(t))
		return 0;
	float threshold = fmaxf(10, t->score[top] * 0.2f);
	const char *tcls = hdom_attr(d, top, "class");
	for (uint32_t s = d->n[parent].first; s; ) {
		uint32_t next = d->n[s].next;
		bool take = s == top;
		if (!take && d->n[s].type == HN_ELEM) {
			float bonus = str_eq(hdom_attr(d, s, "class"), tcls) ?
				t->score[top] * 0.2f : 0;
			if (t->scored[s] && t->score[s] + bonus >= threshold) {
				take = true;
			} else if (d->n[s].tag == T_P) {
				float ld = link_density(t, s), len = t->agg[s].chars;
				if (len > 80 && ld < 0.25f) {
					take = true;
				} else if (len < 80 && len > 0 && ld == 0 &&
					   !hdom_text_content(d, s, &t->scratch)) {
					const char *x = t->scratch.buf;
					const char *dot = x ? strstr(x, ". ") : NULL;
					size_t l = t->scratch.len;
					take = dot || (l && x[l - 1] == '.');
				}
			}
		}
		if (take) {
			enum htag tag = d->n[s].tag;
			if (tag != T_DIV && tag != T_ARTICLE && tag != T_SECTION &&
			    tag != T_P && tag != T_OL && tag != T_UL)
				hdom_retag(d, s, T_DIV);
			hdom_unlink(d, s);
			hdom_append(d, art, s);
		}
		s = next;
	}
	return art;
}

int htext_choose(struct htext *t, uint32_t *art)
{
	struct hdom *d = t->d;
	uint32_t body = body_of(d);
	int rc;
	*art = 0;
	if (!body)
		return 0;
	if ((rc = htext_fit(t)) || (rc = replace_brs(d, body)) ||
	    (rc = htext_fit(t)) || (rc = walk(t, body)) ||
	    (rc = htext_agg(t, 0)))
		return rc;
	uint32_t top = pick(t);
	if (!top) {
		/* Nothing stands out: the whole body. */
		*art = body;
		if (!t->scored[body])
			init_node(t, body);
	} else if (!(*art = gather(t, top))) {
		return -ENOMEM;
	}
	return 0;
}
