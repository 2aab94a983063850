/*
 * Cleaning the chosen content (Readability's _prepArticle): forms, embeds,
 * asides and footers out; share bars out; lists, tables and divs that
 * read as link farms, image galleries or widgets out, unless they are
 * data tables or look like the article's own lists; empty paragraphs out.
 */
#include "internal.h"

#include <errno.h>
#include <string.h>
#include <strings.h>

/* Elements with tag under root, in document order, into t->list. */
static size_t collect(struct htext *t, uint32_t root, enum htag tag)
{
	const struct hdom *d = t->d;
	size_t n = 0;
	for (uint32_t i = d->n[root].first; i; i = hdom_next(d, i, root, false))
		if (d->n[i].type == HN_ELEM && d->n[i].tag == tag && n < t->listcap)
			t->list[n++] = i;
	return n;
}

static bool attached(const struct hdom *d, uint32_t i, uint32_t root)
{
	for (uint32_t p = i; p; p = d->n[p].parent)
		if (p == root)
			return true;
	return false;
}

/* Remove every tag element below root. */
static void clean_tag(struct htext *t, uint32_t root, enum htag tag)
{
	size_t n = collect(t, root, tag);
	while (n--)
		if (attached(t->d, t->list[n], root))
			htext_remove(t, t->list[n]);
}

/* Data tables (Readability's _markDataTables): kept whole. */
static bool is_data_table(const struct hdom *d, uint32_t tbl)
{
	const char *role = hdom_attr(d, tbl, "role");
	if (role && strcasecmp(role, "presentation") == 0)
		return false;
	const char *dt = hdom_attr(d, tbl, "datatable");
	if (dt && strcmp(dt, "0") == 0)
		return false;
	if (hdom_attr(d, tbl, "summary"))
		return true;
	size_t rows = 0, cols = 0, cells = 0;
	for (uint32_t i = d->n[tbl].first; i; ) {
		const struct hnode *n = &d->n[i];
		bool skip = false;
		if (n->type == HN_ELEM) {
			switch (n->tag) {
			case T_CAPTION:
				if (n->first)
					return true;
				break;
			case T_THEAD: case T_TFOOT: case T_TH:
				return true;
			case T_TABLE:
				return false;	/* layout tables nest */
			case T_TR:
				rows++;
				cells = 0;
				break;
			case T_TD:
				if (++cells > cols)
					cols = cells;
				skip = true;
				break;
			default:
				break;
			}
		}
		/* Nested tables inside cells still count: look inside. */
		if (skip && n->first) {
			for (uint32_t k = n->first; k; k = hdom_next(d, k, i, false))
				if (d->n[k].type == HN_ELEM && d->n[k].tag == T_TABLE)
					return false;
		}
		i = hdom_next(d, i, tbl, skip);
	}
	if (rows >= 10 || cols > 4)
		return true;
	return rows * cols > 10;
}

static bool in_data_table(const struct hdom *d, uint32_t i, const uint8_t *data)
{
	for (uint32_t p = d->n[i].parent; p; p = d->n[p].parent)
		if (d->n[p].tag == T_TABLE && data[p])
			return true;
	return false;
}

static bool has_data_table(const struct hdom *d, uint32_t i, const uint8_t *data)
{
	for (uint32_t k = d->n[i].first; k; k = hdom_next(d, k, i, false))
		if (d->n[k].type == HN_ELEM && d->n[k].tag == T_TABLE && data[k])
			return true;
	return false;
}

/* Advertising and loading placeholders, whole. */
static bool placeholder(const char *s)
{
	static const char *const words[] = {
		"ad", "ads", "advertising", "advertisement", "pub", "publicité",
		"werbung", "广告", "Реклама", "Anuncio", "loading", "loading...",
		"loading…", "正在加载", "Загрузка", "chargement", "cargando",
	};
	for (size_t i = 0; i < NFS_ARRAY_SIZE(words); i++)
		if (strcasecmp(s, words[i]) == 0)
			return true;
	return false;
}

/* Readability's _cleanConditionally for one node: true to remove it. */
static bool should_remove(struct htext *t, uint32_t i, const uint8_t *data)
{
	const struct hdom *d = t->d;
	const struct hagg *a = &t->agg[i];
	enum htag tag = d->n[i].tag;
	bool is_list = tag == T_UL || tag == T_OL;
	if (!is_list && a->chars > 0 && a->list / a->chars > 0.9f)
		is_list = true;
	if (tag == T_TABLE && data[i])
		return false;
	if (in_data_table(d, i, data) || htext_has_ancestor(d, i, T_CODE) ||
	    has_data_table(d, i, data))
		return false;
	int weight = htext_class_weight(t, i);
	if (weight < 0)
		return true;
	if (a->commas >= 10)
		return false;
	float p = (float)a->p, img = (float)a->img, li = (float)a->li - 100;
	float input = (float)a->input;
	float len = a->chars;
	float head = len > 0 ? a->head / len : 0;
	float textd = len > 0 ? a->textish / len : 0;
	float ld = len > 0 ? a->link / len : 0;
	unsigned embed = a->embed;
	bool fig = htext_has_ancestor(d, i, T_FIGURE);
	if (len < 40 && !hdom_text_content(d, i, &t->scratch) &&
	    t->scratch.buf && placeholder(t->scratch.buf))
		return true;
	bool rm = (!fig && img > 1 && p / img < 0.5f) ||
		(!is_list && li > p) ||
		(input > (float)(int)(p / 3)) ||
		(!is_list && !fig && head < 0.9f && len < 25 &&
		 (img == 0 || img > 2) && ld > 0) ||
		(!is_list && weight < 25 && ld > 0.2f) ||
		(weight >= 25 && ld > 0.5f) ||
		((embed == 1 && len < 75) || embed > 1) ||
		(img == 0 && textd == 0);
	if (is_list && rm) {
		/* Simple lists of images may stay. */
		for (uint32_t c = d->n[i].first; c; c = d->n[c].next) {
			size_t kids = 0;
			for (uint32_t k = d->n[c].first; k; k = d->n[k].next)
				kids += d->n[k].type == HN_ELEM;
			if (kids > 1)
				return rm;
		}
		if (a->img == a->li)
			return false;
	}
	return rm;
}

static void clean_cond(struct htext *t, uint32_t root, enum htag tag,
		       const uint8_t *data)
{
	if (!(t->flags & HT_CLEAN_COND))
		return;
	size_t n = collect(t, root, tag);
	/* Backwards, so inner nodes go before their containers judge. */
	while (n--) {
		uint32_t i = t->list[n];
		if (attached(t->d, i, root) && should_remove(t, i, data))
			htext_remove(t, i);
	}
}

static bool word_share(const char *s)
{
	for (const char *p = s; p && (p = text_istr(p, "share")) != NULL; p += 5) {
		bool left = p == s || !((p[-1] | 32) >= 'a' && (p[-1] | 32) <= 'z');
		bool right = !((p[5] | 32) >= 'a' && (p[5] | 32) <= 'z');
		if (left && right)
			return true;
	}
	return false;
}

/* Share bars: short elements whose class or id says "share". */
static void clean_share(struct htext *t, uint32_t root)
{
	struct hdom *d = t->d;
	for (uint32_t i = d->n[root].first; i; ) {
		if (d->n[i].type == HN_ELEM && t->agg[i].chars < 500 &&
		    (word_share(hdom_attr(d, i, "class")) ||
		     word_share(hdom_attr(d, i, "id")))) {
			uint32_t next = hdom_next(d, i, root, true);
			htext_remove(t, i);
			i = next;
			continue;
		}
		i = hdom_next(d, i, root, false);
	}
}

static void clean_headers(struct htext *t, uint32_t root)
{
	for (enum htag h = T_H1; h <= T_H2; h++) {
		size_t n = collect(t, root, h);
		while (n--)
			if (htext_class_weight(t, t->list[n]) < 0)
				htext_remove(t, t->list[n]);
	}
}

static void clean_empty_p(struct htext *t, uint32_t root)
{
	size_t n = collect(t, root, T_P);
	while (n--) {
		uint32_t i = t->list[n];
		const struct hagg *a = &t->agg[i];
		if (a->chars == 0 && a->img == 0 && a->embed == 0)
			htext_remove(t, i);
	}
}

int htext_prep(struct htext *t, uint32_t root)
{
	struct hdom *d = t->d;
	/* Data tables, marked once (list2 is free here). */
	uint8_t *data = (uint8_t *)t->list2;
	memset(data, 0, d->nn);
	size_t n = collect(t, root, T_TABLE);
	for (size_t k = 0; k < n; k++)
		data[t->list[k]] = is_data_table(d, t->list[k]);
	clean_cond(t, root, T_FORM, data);
	clean_cond(t, root, T_FIELDSET, data);
	static const enum htag drop1[] = {T_OBJECT, T_EMBED, T_FOOTER, T_LINK,
					  T_ASIDE};
	for (size_t k = 0; k < NFS_ARRAY_SIZE(drop1); k++)
		clean_tag(t, root, drop1[k]);
	clean_share(t, root);
	static const enum htag drop2[] = {T_IFRAME, T_INPUT, T_TEXTAREA,
					  T_SELECT, T_BUTTON};
	for (size_t k = 0; k < NFS_ARRAY_SIZE(drop2); k++)
		clean_tag(t, root, drop2[k]);
	clean_headers(t, root);
	clean_cond(t, root, T_TABLE, data);
	clean_cond(t, root, T_UL, data);
	clean_cond(t, root, T_DIV, data);
	clean_empty_p(t, root);
	return 0;
}
