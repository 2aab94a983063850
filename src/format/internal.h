/*
 * Inside the format module: a small document tree of our own, built by
 * whichever HTML parser sits behind hdom_parse(), and read by the
 * metadata, main-text and output passes.
 *
 * The tree is an array of nodes linked by index (0 is the document, and
 * 0 also means "none"), so passes walk it with loops, never recursion,
 * and can unlink or wrap nodes. Nesting deeper than HDOM_MAX_DEPTH is
 * flattened while building, as browsers' parsers do, so every walk up
 * the ancestors is bounded and 100,000 nested <div>s cost no more than
 * 100,000 sibling ones.
 */
#ifndef NEWSFS_FORMAT_INTERNAL_H
#define NEWSFS_FORMAT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "format.h"
#include "util.h"

#define HDOM_MAX_DEPTH 256

/* Tags the passes tell apart; everything else is T_OTHER. The order is
 * that of the name table in dom.c (sorted by name). */
enum htag {
	T_OTHER, T_A, T_ABBR, T_ADDRESS, T_ARTICLE, T_ASIDE, T_AUDIO, T_B,
	T_BDI, T_BDO, T_BIG, T_BLOCKQUOTE, T_BODY, T_BR, T_BUTTON, T_CANVAS,
	T_CAPTION, T_CENTER, T_CITE, T_CODE, T_DATA, T_DATALIST, T_DD, T_DEL,
	T_DETAILS, T_DFN, T_DIALOG, T_DIV, T_DL, T_DT, T_EM, T_EMBED,
	T_FIELDSET, T_FIGCAPTION, T_FIGURE, T_FONT, T_FOOTER, T_FORM, T_H1,
	T_H2, T_H3, T_H4, T_H5, T_H6, T_HEAD, T_HEADER, T_HR, T_HTML, T_I,
	T_IFRAME, T_IMG, T_INPUT, T_INS, T_KBD, T_LABEL, T_LI, T_LINK, T_MAIN,
	T_MARK, T_MATH, T_MENU, T_META, T_METER, T_NAV, T_NOBR, T_NOSCRIPT,
	T_OBJECT, T_OL, T_OPTION, T_OUTPUT, T_P, T_PICTURE, T_PRE,
	T_PROGRESS, T_Q, T_RP, T_RT, T_RUBY, T_S, T_SAMP, T_SCRIPT, T_SECTION,
	T_SELECT, T_SMALL, T_SOURCE, T_SPAN, T_STRIKE, T_STRONG, T_STYLE,
	T_SUB, T_SUMMARY, T_SUP, T_SVG, T_TABLE, T_TBODY, T_TD, T_TEMPLATE,
	T_TEXTAREA, T_TFOOT, T_TH, T_THEAD, T_TIME, T_TITLE, T_TR, T_TT, T_U,
	T_UL, T_VAR, T_VIDEO, T_WBR,
	T_NTAGS
};

enum hnode_type { HN_DOC, HN_ELEM, HN_TEXT };

struct hnode {
	uint32_t parent, first, last, prev, next;
	uint32_t str;		/* text: offset in pool; element: first attr */
	uint32_t len;		/* text: bytes; element: number of attrs */
	uint16_t tag;
	uint8_t type;
	uint8_t depth;		/* capped at HDOM_MAX_DEPTH */
};

struct hattr {
	uint32_t name, value;	/* offsets of NUL-terminated strings in pool */
};

struct hdom {
	struct hnode *n;
	size_t nn, cap;
	struct hattr *a;
	size_t na, acap;
	struct sbuf pool;
	uint32_t cur;		/* the open element new nodes go into */
	uint32_t overflow;	/* elements opened past the depth cap, still open */
	bool oom;
};

/* Building, for the parser adapter. Names are lower case; attrs is a
 * NULL-terminated list of name, value pairs (a value may be NULL). The
 * first failure sets d->oom; later calls then do nothing. */
void hdom_reset(struct hdom *d);
void hdom_free(struct hdom *d);
void hdom_open(struct hdom *d, const char *name, const char *const *attrs);
void hdom_close(struct hdom *d);
void hdom_text(struct hdom *d, const char *s, size_t len);

/*
 * The one interface to the HTML parser: build d (after hdom_reset) from
 * len bytes of UTF-8 as an HTML5 parser would, implying html, head and
 * body, closing what is left open, decoding entities. Comments and
 * processing instructions are dropped. Returns 0 or -ENOMEM.
 */
int hdom_parse(struct hdom *d, const char *utf8, size_t len);


static inline const char *hdom_str(const struct hdom *d, uint32_t off)
{
	return d->pool.buf + off;
}

/* The value of attribute name on element i, or NULL. */
const char *hdom_attr(const struct hdom *d, uint32_t i, const char *name);
/* The next node after i in document order below root, or 0; with
 * skip_children, i's subtree is skipped. */
uint32_t hdom_next(const struct hdom *d, uint32_t i, uint32_t root,
		   bool skip_children);
/* The first element with tag t in document order, or 0. */
uint32_t hdom_find(const struct hdom *d, enum htag t);
/* Unlink i (and its subtree) from the tree. */
void hdom_unlink(struct hdom *d, uint32_t i);
/* Insert a new element of tag t before sibling ref under parent, and move
 * the nodes from..to (siblings, in order) into it. Returns it, or 0. */
uint32_t hdom_wrap(struct hdom *d, uint32_t from, uint32_t to, enum htag t);
/* A new element, not yet in the tree; 0 when out of memory. */
uint32_t hdom_new_elem(struct hdom *d, enum htag t);
/* Append node i (not in the tree) as the last child of parent. */
void hdom_append(struct hdom *d, uint32_t parent, uint32_t i);
/* Put node i (not in the tree) where old is, and take old out. */
void hdom_replace(struct hdom *d, uint32_t old, uint32_t i);
/* Rename element i to tag t (keeping its attributes). */
static inline void hdom_retag(struct hdom *d, uint32_t i, enum htag t)
{
	d->n[i].tag = (uint16_t)t;
}

/*
 * Text helpers over UTF-8.
 */
/* Append s[0,len) to out with runs of white space collapsed to one space;
 * *space says whether out already ends in (pending) white space. */
int text_collapse(struct sbuf *out, const char *s, size_t len, bool *space);
/* Trim ASCII and Unicode white space from both ends, in place. */
char *text_trim(char *s);
/* Code points in s[0,len) once white space runs count as one. */
size_t text_chars(const char *s, size_t len, bool *space);
/* Commas of any script in s[0,len) (Latin, Arabic, CJK, fullwidth). */
size_t text_commas(const char *s, size_t len);
/* Readability's _textSimilarity: the share of b's words (by length)
 * also in a, from 0 to 1; words are runs of letters and digits. */
double text_similarity(const char *a, const char *b);
/* ASCII case-insensitive substring search. */
const char *text_istr(const char *hay, const char *needle);
/* The text content of the subtree at i, collapsed and trimmed, in out. */
int hdom_text_content(const struct hdom *d, uint32_t i, struct sbuf *out);

/*
 * Encodings (charset.c).
 */
/* Decode raw bytes to UTF-8 in out (valid UTF-8, no NUL bytes), with the
 * charset fmt_html_charset() picks. *text points into raw when it was
 * valid UTF-8 already, else into out. */
int charset_decode(const char *raw, size_t len, const char *http_charset,
		   struct sbuf *out, const char **text, size_t *text_len);

/*
 * Metadata (html_meta.c) and the date in a string (html_date.c).
 */
struct hmeta {
	/* What the page says, decided. */
	struct sbuf title, site, byline, url, lang;
	struct fmt_date date;
	/* Candidates, as found. */
	struct sbuf doc_title, og_title, tw_title, dc_title, h1, og_site;
	struct sbuf meta_author, dom_author, og_url, canonical;
	struct sbuf ld_headline, ld_name, ld_date, ld_body, ld_url;
	struct sbuf ld_site, ld_author;
	int ld_rank;		/* 2 article, 1 web page, 0 none yet */
	int nh1;
	struct sbuf scratch;
};
void hmeta_release(struct hmeta *m);
/* The host of a URL, without "www.", into out (empty when the URL has
 * none that is a host name). */
int url_host(const char *url, struct sbuf *out);
/* Read the page's metadata from the whole tree (before main-text
 * extraction removes anything). fallback_url names the page when it
 * does not name itself; may be NULL. */
int hmeta_read(const struct hdom *d, struct hmeta *m, const char *fallback_url);
/* Parse the date at the start of an ISO 8601, RFC 2822, epoch or common
 * textual value; YYYYMMDD, or 0. */
int32_t hdate_parse(const char *s);
/* The instant of an ISO 8601 date and time (seconds), and whether it was
 * written in UTC; false when the value has no time of day. */
bool hdate_instant(const char *s, int64_t *t, bool *utc);
/* Read one JSON-LD block into m's ld_* fields (jsonld.c). Returns 0 or
 * -ENOMEM; a block that is not JSON is ignored. */
int jsonld_read(const char *json, size_t len, struct hmeta *m);

/*
 * Main text (html_score.c: choosing the content; html_clean.c: cleaning
 * it; html_out.c: writing it as paragraphs).
 */
enum {
	HT_STRIP_UNLIKELY = 1,	/* drop nodes whose class or id says boilerplate */
	HT_WEIGHT_CLASSES = 2,	/* class and id words weigh on scores */
	HT_CLEAN_COND = 4,	/* drop lists, tables, divs that look like links */
	HT_ALL = 7,
};

/* What a subtree holds, summed over its descendants. */
struct hagg {
	float chars;		/* characters, white space runs as one */
	float link;		/* of them in links (in-page links weigh 0.3) */
	float list, head, textish; /* in lists, headings, text blocks */
	uint32_t commas, p, img, li, input, embed, block;
};

struct htext {
	struct hdom *d;
	float *score;
	uint8_t *scored;
	struct hagg *agg;
	float *coef;
	uint32_t *tchars, *tcommas;	/* per text node, counted once */
	size_t cap;
	uint32_t *list, *list2;
	size_t nlist, nlist2, listcap;
	struct hnode *saved;
	size_t nsaved, savedcap;
	unsigned flags;
	const char *title;	/* the headline, to drop its copy in the body */
	struct sbuf scratch, attempt;
};

void htext_release(struct htext *t);
/*
 * Write the article's main text from d (changed on the way) to out, as
 * hout_text() writes it; out is empty when nothing reads as an article.
 * Returns 0 or -ENOMEM.
 */
int htext_extract(struct hdom *d, struct htext *t, struct sbuf *out);

/* Shared by html_score.c and html_clean.c. */
int htext_fit(struct htext *t);
int htext_agg(struct htext *t, uint32_t root);
void htext_remove(struct htext *t, uint32_t i);
int htext_class_weight(const struct htext *t, uint32_t i);
bool htext_has_ancestor(const struct hdom *d, uint32_t i, enum htag tag);
/* Clean the chosen content below root (html_clean.c). */
int htext_prep(struct htext *t, uint32_t root);
/* Choose the main content with t->flags (html_score.c). OUT: *art, the
 * element that holds it, or 0 when the page has no body. */
int htext_choose(struct htext *t, uint32_t *art);

/* Write the text of the subtree at root to out: blocks as paragraphs
 * separated by a blank line, <br> as a line break, <pre> kept, table
 * cells separated by a tab. */
int hout_text(const struct hdom *d, uint32_t root, struct sbuf *out);

#endif
