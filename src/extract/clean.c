/*
 * The cleaned view of an article: what a reader would call its text.
 *
 * Scraped pages carry menus ("• facebook", "• Home"), share buttons,
 * "Also read:" links, photo captions repeated by a carousel, and URLs;
 * wire copy is hard-wrapped at 65 columns, so "South Korea" may be
 * "South\nKorea". Extraction must see none of that, yet every span it
 * reports must point at the original bytes. So cleaning works line by
 * line, drops junk lines, joins wrapped lines into paragraphs, collapses
 * whitespace to single spaces, and records a map back to the original.
 *
 * Character references and the common entities of HTML ("&#163;",
 * "&amp;", "&eacute;") are decoded: scraped text and old datasets keep
 * them, and "Jos&#233;" must read as a name. The original bytes stay as
 * they are; a decoded character maps back to its whole reference.
 *
 * The result: paragraphs separated by '\n', words by one ' ', no control
 * characters or NUL bytes, and a segment list for ext_view_span().
 */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

enum {
	LINE_BLANK = 1 << 0,
	LINE_INDENT = 1 << 1,	/* starts with white space */
	LINE_BULLET = 1 << 2,
	LINE_DROP = 1 << 3,
	LINE_REPEATED = 1 << 4,
	LINE_SENTENCE = 1 << 5,	/* ends like a sentence: '.', '!' */
};

struct ext_line {
	uint32_t start, end;	/* content, trimmed, bullet marker skipped */
	uint32_t words;
	uint32_t flags;
	uint64_t hash;
};

/* Lines shorter than this are never treated as repeats: "Reuter",
 * "-", table rows. */
#define DUP_MIN 8
/* A line seen this often is page furniture (a caption carousel). */
#define DUP_FURNITURE 3

static bool is_space_at(const char *s, size_t len, size_t i, size_t *n)
{
	unsigned char c = (unsigned char)s[i];
	if (c < 0x80) {
		*n = 1;
		return c <= ' ' || c == 0x7f;
	}
	uint32_t cp;
	*n = ext_utf8_next(s + i, len - i, &cp);
	return ext_cp_is_space(cp) || ext_cp_is_invisible(cp);
}

/* Bullet markers: "• ", "· ", "▪ ", "► ", "◦ ", "‣ ", "– ", "- ", "* ". */
static size_t bullet_len(const char *s, size_t len)
{
	static const char *const marks[] = {
		"\xe2\x80\xa2", "\xc2\xb7", "\xe2\x96\xaa", "\xe2\x96\xba",
		"\xe2\x97\xa6", "\xe2\x80\xa3", "\xe2\x80\x93", "-", "*",
	};
	unsigned char c = len ? (unsigned char)s[0] : 0;
	if (c != '-' && c != '*' && c != 0xc2 && c != 0xe2)
		return 0;
	for (size_t i = 0; i < NFS_ARRAY_SIZE(marks); i++) {
		size_t m = strlen(marks[i]);
		if (len > m && !memcmp(s, marks[i], m) && s[m] == ' ')
			return m + 1;
	}
	return 0;
}

/* Does the content end like a sentence ('.' or '!', perhaps inside a
 * closing quote or bracket)? */
static bool ends_sentence(const char *s, size_t start, size_t end)
{
	size_t i = end;
	for (int k = 0; k < 2 && i > start; k++) {
		size_t j = ext_utf8_prev(s, i);
		uint32_t cp;
		ext_utf8_next(s + j, i - j, &cp);
		if (cp == '.' || cp == '!')
			return true;
		if (cp != '"' && cp != ')' && cp != 0x201d && cp != '\'' &&
		    cp != 0x2019)
			return false;
		i = j;
	}
	return false;
}

/* Whole lines that are navigation, share buttons or sign-offs. */
static bool is_boilerplate(const char *s, size_t len)
{
	static const char *const whole[] = {
		"facebook", "twitter", "x", "linkedin", "whatsapp", "email",
		"e-mail", "print", "share", "tweet", "pinterest", "reddit",
		"telegram", "copy link", "short url", "shorturl",
		"most popular", "most read", "recommended", "related",
		"related articles", "related stories", "read more",
		"advertisement", "home", "menu", "search", "topics", "tags",
		"return to top", "back to top", "subscribe", "sign in",
		"log in", "login", "comments", "skip to content",
		"share this article", "share on facebook", "share on twitter",
		"reuter", "reuters", "more", "table of contents", "contents",
	};
	static const char *const prefix[] = {
		"also read:", "read more:", "read also:", "see also:",
		"related:", "click here", "share this", "follow us",
		"sign up for", "subscribe to",
	};
	char low[48];
	bool whole_line = len <= 20;	/* the longest of whole[] */
	/* Most lines are text: only short ones, or ones starting like a
	 * prefix below, can be boilerplate. */
	if (!whole_line && !strchr("AaRrSsCcFf", s[0]))
		return false;
	if (len > sizeof(low) - 1)
		len = sizeof(low) - 1;
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		low[n++] = (char)ext_ascii_tolower((unsigned char)s[i]);
	for (size_t i = 0; i < NFS_ARRAY_SIZE(prefix); i++)
		if (n >= strlen(prefix[i]) &&
		    !memcmp(low, prefix[i], strlen(prefix[i])))
			return true;
	if (!whole_line)
		return false;
	while (n > 0 && (low[n - 1] == ':' || low[n - 1] == '.' ||
			 low[n - 1] == ' '))
		n--;
	low[n] = '\0';
	for (size_t i = 0; i < NFS_ARRAY_SIZE(whole); i++)
		if (!strcmp(low, whole[i]))
			return true;
	return false;
}

/* Number of words of s[start, end): bullet lines need it. */
static uint32_t count_words(const char *s, size_t start, size_t end)
{
	uint32_t words = 0;
	bool in_space = true;
	for (size_t i = start; i < end; i++) {
		bool sp = (unsigned char)s[i] <= ' ';
		words += in_space && !sp;
		in_space = sp;
	}
	return words;
}

/* Describe one line s[start, end) (end excludes the '\n'). */
static void scan_line(const char *s, size_t start, size_t end,
		      struct ext_line *ln)
{
	size_t a = start, b = end, n;
	while (a < b && is_space_at(s, b, a, &n))
		a += n;
	while (b > a) {
		size_t j = ext_utf8_prev(s, b);
		if (j < a || !is_space_at(s, b, j, &n))
			break;	/* (j < a: stray continuation bytes) */
		b = j;
	}
	*ln = (struct ext_line){0};
	if (a == b) {
		ln->flags = LINE_BLANK;
		return;
	}
	if (a > start)
		ln->flags |= LINE_INDENT;
	size_t m = bullet_len(s + a, b - a);
	if (m) {
		ln->flags |= LINE_BULLET;
		a += m;
		while (a < b && is_space_at(s, b, a, &n))
			a += n;
	}
	ln->start = (uint32_t)a;
	ln->end = (uint32_t)b;
	if (ends_sentence(s, a, b))
		ln->flags |= LINE_SENTENCE;
	if (m)
		ln->words = count_words(s, a, b);
	/* 0 marks "not counted"; a real hash of 0 just loses its low bit. */
	ln->hash = b - a >= DUP_MIN ? XXH3_64bits(s + a, b - a) | 1 : 0;
}

static int split_lines(struct ext_view *v, const char *text, size_t len,
		       size_t *nlines)
{
	size_t n = 0;
	for (size_t i = 0; i <= len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		if (n == v->lines_cap) {
			size_t cap = v->lines_cap ? v->lines_cap * 2 : 256;
			void *p = realloc(v->lines, cap * sizeof(*v->lines));
			if (!p)
				return -ENOMEM;
			v->lines = p;
			v->lines_cap = cap;
		}
		scan_line(text, i, end, &v->lines[n++]);
		i = end + 1;
	}
	*nlines = n;
	return 0;
}

/*
 * Count how often each line occurs (lines of DUP_MIN bytes or more) in
 * an open-addressing table of (hash, count) pairs. Returns its mask.
 */
static int count_lines(struct ext_view *v, size_t nlines, size_t *mask)
{
	size_t size = 64;
	while (size < 2 * nlines)
		size *= 2;
	if (size > v->dup_cap) {
		free(v->dup);
		v->dup = malloc(2 * size * sizeof(*v->dup));
		if (!v->dup) {
			v->dup_cap = 0;
			return -ENOMEM;
		}
		v->dup_cap = size;
	}
	memset(v->dup, 0, 2 * size * sizeof(*v->dup));
	*mask = size - 1;
	for (size_t i = 0; i < nlines; i++) {
		uint64_t h = v->lines[i].hash;
		if (!h)
			continue;
		size_t k = h & *mask;
		while (v->dup[2 * k] && v->dup[2 * k] != h)
			k = (k + 1) & *mask;
		v->dup[2 * k] = h;
		v->dup[2 * k + 1]++;
	}
	return 0;
}

static uint64_t *dup_slot(const struct ext_view *v, size_t mask, uint64_t h)
{
	size_t k = h & mask;
	while (v->dup[2 * k] != h)
		k = (k + 1) & mask;
	return &v->dup[2 * k + 1];
}

/* Bit set in a line's count once one copy of it has been kept. */
#define DUP_KEPT (1ull << 63)

/*
 * Decide which lines to drop. A menu item is a bullet that is not a
 * sentence; a line seen DUP_FURNITURE times is a caption or a widget and
 * goes entirely; of a line seen twice (the headline, repeated by most
 * sites) the first copy stays and is marked, as title.c looks for it.
 */
static void judge_lines(struct ext_view *v, const char *text, size_t n,
			size_t mask)
{
	for (size_t i = 0; i < n; i++) {
		struct ext_line *ln = &v->lines[i];
		if (ln->flags & LINE_BLANK)
			continue;
		uint64_t *count = ln->hash ? dup_slot(v, mask, ln->hash) : NULL;
		uint64_t seen = count ? *count & ~DUP_KEPT : 1;
		bool menu = (ln->flags & LINE_BULLET) &&
			    (ln->words < 6 || !(ln->flags & LINE_SENTENCE));
		if (menu || seen >= DUP_FURNITURE ||
		    (count && (*count & DUP_KEPT)) ||
		    is_boilerplate(text + ln->start, ln->end - ln->start)) {
			ln->flags |= LINE_DROP;
			continue;
		}
		if (count)
			*count |= DUP_KEPT;
		if (seen >= 2)
			ln->flags |= LINE_REPEATED;
	}
}

/*
 * Is the text hard-wrapped, like wire copy at 65 columns? Then a line
 * break inside a paragraph is only a space. Scraped pages and BBC files
 * put a paragraph on one long line instead, and their short lines are
 * headings that must stay apart.
 */
static bool is_wrapped(const struct ext_view *v, size_t n)
{
	size_t mid = 0, longer = 0;
	for (size_t i = 0; i < n; i++) {
		const struct ext_line *ln = &v->lines[i];
		if (ln->flags & (LINE_BLANK | LINE_DROP))
			continue;
		size_t w = ln->end - ln->start;
		mid += w >= 40 && w <= 95;
		longer += w > 110;
	}
	return mid >= 3 && mid > 2 * longer;
}

/* Appends to the view, mapping each byte to its original offset. */
struct emitter {
	struct ext_view *v;
	uint32_t last_orig;
	bool pending;		/* white space seen, not yet written */
	uint32_t pending_orig;
	uint32_t para_start;
	uint32_t words;
	bool sentence;		/* the last line ended like a sentence */
};

/* Append the n bytes at src, which come from original offset orig on. */
static int put(struct emitter *e, const char *src, size_t n, uint32_t orig)
{
	struct ext_view *v = e->v;
	if (v->len + n >= v->cap)
		return -ENOMEM;	/* cannot happen: see ext_clean() */
	if (!v->nsegs || orig != e->last_orig + 1) {
		if (v->nsegs == v->segs_cap) {
			size_t cap = v->segs_cap ? v->segs_cap * 2 : 256;
			void *p = realloc(v->segs, cap * sizeof(*v->segs));
			if (!p)
				return -ENOMEM;
			v->segs = p;
			v->segs_cap = cap;
		}
		v->segs[v->nsegs++] = (struct ext_seg){(uint32_t)v->len, orig};
	}
	memcpy(v->text + v->len, src, n);
	v->len += n;
	e->last_orig = orig + (uint32_t)n - 1;
	return 0;
}

static int flush_space(struct emitter *e)
{
	if (!e->pending)
		return 0;
	e->pending = false;
	if (e->v->len == e->para_start)
		return 0;	/* no space at the start of a paragraph */
	return put(e, " ", 1, e->pending_orig);
}

static void see_space(struct emitter *e, size_t orig)
{
	if (!e->pending) {
		e->pending = true;
		e->pending_orig = (uint32_t)orig;
	}
}

/* Length of a URL starting at s[i], or 0. URLs carry no facts for us
 * and their words ("lloyd-j-austin-iii") would only confuse matching. */
static size_t url_len(const char *s, size_t i, size_t end)
{
	size_t n = end - i;
	/* Constant lengths: the compiler compares in place. */
	if (!((n > 7 && !memcmp(s + i, "http://", 7)) ||
	      (n > 8 && !memcmp(s + i, "https://", 8)) ||
	      (n > 4 && !memcmp(s + i, "www.", 4))))
		return 0;
	size_t j = i;
	while (j < end && (unsigned char)s[j] > ' ')
		j++;
	return j - i;
}

static bool at_word_start(const struct emitter *e)
{
	return e->pending || e->v->len == e->para_start;
}

/* Printable ASCII but the space and '&': most of any text, copied in
 * runs. */
static bool plain(unsigned char c)
{
	return c > ' ' && c < 0x7f && c != '&';
}

/* Named entities news text carries; the rest stay as written. */
static const struct {
	const char *name;
	uint32_t cp;
} entities[] = {
	{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'},
	{"apos", '\''}, {"nbsp", 0xa0}, {"pound", 0xa3}, {"euro", 0x20ac},
	{"yen", 0xa5}, {"cent", 0xa2}, {"percnt", '%'}, {"copy", 0xa9},
	{"reg", 0xae}, {"deg", 0xb0}, {"shy", 0xad}, {"middot", 0xb7},
	{"ndash", 0x2013}, {"mdash", 0x2014}, {"lsquo", 0x2018},
	{"rsquo", 0x2019}, {"ldquo", 0x201c}, {"rdquo", 0x201d},
	{"hellip", 0x2026}, {"laquo", 0xab}, {"raquo", 0xbb},
	{"aacute", 0xe1}, {"agrave", 0xe0}, {"acirc", 0xe2}, {"atilde", 0xe3},
	{"auml", 0xe4}, {"aring", 0xe5}, {"ccedil", 0xe7}, {"eacute", 0xe9},
	{"egrave", 0xe8}, {"ecirc", 0xea}, {"euml", 0xeb}, {"iacute", 0xed},
	{"igrave", 0xec}, {"icirc", 0xee}, {"iuml", 0xef}, {"ntilde", 0xf1},
	{"oacute", 0xf3}, {"ograve", 0xf2}, {"ocirc", 0xf4}, {"otilde", 0xf5},
	{"ouml", 0xf6}, {"oslash", 0xf8}, {"uacute", 0xfa}, {"ugrave", 0xf9},
	{"ucirc", 0xfb}, {"uuml", 0xfc}, {"szlig", 0xdf}, {"Eacute", 0xc9},
	{"Aacute", 0xc1}, {"Oacute", 0xd3}, {"Ouml", 0xd6}, {"Uuml", 0xdc},
	{"Auml", 0xc4}, {"Ccedil", 0xc7},
};

/* Longest entity name and numeric reference ("&#x10FFFF;"). */
#define ENTITY_MAX 10

/* The character reference or entity at s[i] ('&'): its length, 0 if
 * there is none; *cp is the character. */
static size_t entity_at(const char *s, size_t i, size_t end, uint32_t *cp)
{
	size_t j = i + 1, max = end - i < ENTITY_MAX ? end : i + ENTITY_MAX;
	if (j < max && s[j] == '#') {
		bool hex = ++j < max && (s[j] == 'x' || s[j] == 'X');
		uint32_t v = 0;
		size_t k = j += hex;
		for (; k < max && k - j < 7; k++) {
			unsigned c = (unsigned char)s[k];
			unsigned d = ext_ascii_digit((int)c) ? c - '0' :
				     hex && c - 'a' < 6 ? c - 'a' + 10 :
				     hex && c - 'A' < 6 ? c - 'A' + 10 : 99;
			if (d == 99)
				break;
			v = v * (hex ? 16 : 10) + d;
		}
		if (k == j || k >= max || s[k] != ';' || v == 0 ||
		    v > 0x10ffff || (v >= 0xd800 && v < 0xe000))
			return 0;
		*cp = v;
		return k + 1 - i;
	}
	for (size_t k = 0; k < NFS_ARRAY_SIZE(entities); k++) {
		size_t n = strlen(entities[k].name);
		if (j + n < end && s[j + n] == ';' &&
		    !memcmp(s + j, entities[k].name, n)) {
			*cp = entities[k].cp;
			return n + 2;
		}
	}
	return 0;
}

/* UTF-8 of cp into out (4 bytes); returns the length. */
static size_t utf8_put(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Emit n bytes of one word (or part of one), counting words. */
static int emit(struct emitter *e, const char *s, size_t n, size_t orig)
{
	if (flush_space(e))
		return -ENOMEM;
	if (e->v->len == e->para_start || e->v->text[e->v->len - 1] == ' ')
		e->words++;
	return put(e, s, n, (uint32_t)orig);
}

/* Emit the character cp decoded from the reference at original offset
 * orig, n bytes long: its last byte maps to the reference's last, so a
 * span that ends with the character ends after the reference. */
static int emit_entity(struct emitter *e, uint32_t cp, size_t orig, size_t n)
{
	char buf[4];
	size_t k = utf8_put(buf, cp);
	if (flush_space(e))
		return -ENOMEM;
	if (e->v->len == e->para_start || e->v->text[e->v->len - 1] == ' ')
		e->words++;
	if (k > 1 && put(e, buf, k - 1, (uint32_t)orig))
		return -ENOMEM;
	return put(e, buf + k - 1, 1, (uint32_t)(orig + n - 1));
}

/*
 * Most lines are printable ASCII with single spaces and no URL: emit
 * those in one piece. Returns 1 when the line is not one of them.
 */
/* The bytes emit_simple() stops at: anything but printable ASCII, '&'
 * (a character reference), a space (two in a row are not simple) and
 * the first letters of a URL. */
enum { S_STOP = 1, S_SPACE, S_URL };
#define STOP8(b) [b] = S_STOP, [(b) + 1] = S_STOP, [(b) + 2] = S_STOP, \
	[(b) + 3] = S_STOP, [(b) + 4] = S_STOP, [(b) + 5] = S_STOP, \
	[(b) + 6] = S_STOP, [(b) + 7] = S_STOP
static const uint8_t simple_class[256] = {
	STOP8(0x00), STOP8(0x08), STOP8(0x10), STOP8(0x18),
	[' '] = S_SPACE, ['&'] = S_STOP, ['h'] = S_URL, ['w'] = S_URL,
	[0x7f] = S_STOP,
	STOP8(0x80), STOP8(0x88), STOP8(0x90), STOP8(0x98),
	STOP8(0xa0), STOP8(0xa8), STOP8(0xb0), STOP8(0xb8),
	STOP8(0xc0), STOP8(0xc8), STOP8(0xd0), STOP8(0xd8),
	STOP8(0xe0), STOP8(0xe8), STOP8(0xf0), STOP8(0xf8),
};
#undef STOP8

static int emit_simple(struct emitter *e, const char *s, size_t i,
		       size_t end)
{
	uint32_t spaces = 0;
	bool after_space = true;
	for (size_t k = i; k < end; k++) {
		unsigned cls = simple_class[(unsigned char)s[k]];
		if (!cls) {
			/* The rest of the word. */
			while (k + 1 < end &&
			       !simple_class[(unsigned char)s[k + 1]])
				k++;
			after_space = false;
			continue;
		}
		if (cls == S_STOP || (cls == S_SPACE && after_space))
			return 1;
		if (cls == S_URL && after_space && url_len(s, k, end))
			return 1;
		after_space = cls == S_SPACE;
		spaces += after_space;
	}
	if (emit(e, s + i, end - i, i))
		return -ENOMEM;
	e->words += spaces;
	return 0;
}

/* Emit the content of one line: spaces collapsed, invisible characters
 * and URLs dropped. */
static int emit_line(struct emitter *e, const char *s, size_t i, size_t end)
{
	int rc = emit_simple(e, s, i, end);
	if (rc <= 0)
		return rc;
	while (i < end) {
		unsigned char c = (unsigned char)s[i];
		size_t n = 1;
		uint32_t cp = c;
		if (c == '&' && (n = entity_at(s, i, end, &cp)) != 0) {
			if (ext_cp_is_space(cp) || cp < ' ' ||
			    (cp >= 0x7f && cp < 0xa0))
				see_space(e, i);
			else if (!ext_cp_is_invisible(cp) &&
				 emit_entity(e, cp, i, n))
				return -ENOMEM;
			i += n;
			continue;
		}
		n = 1;
		if (plain(c)) {
			if ((c == 'h' || c == 'w') && at_word_start(e) &&
			    (n = url_len(s, i, end)) != 0) {
				see_space(e, i);
				i += n;
				continue;
			}
			n = 1;
			while (i + n < end && plain((unsigned char)s[i + n]))
				n++;
		} else {
			if (c >= 0x80)
				n = ext_utf8_next(s + i, end - i, &cp);
			if (ext_cp_is_space(cp)) {
				see_space(e, i);
				i += n;
				continue;
			}
			if (ext_cp_is_invisible(cp)) {
				i += n;
				continue;
			}
		}
		if (emit(e, s + i, n, i))
			return -ENOMEM;
		i += n;
	}
	return 0;
}

static int push_para(struct ext_view *v)
{
	if (v->nparas == v->paras_cap) {
		size_t cap = v->paras_cap ? v->paras_cap * 2 : 64;
		void *p = realloc(v->paras, cap * sizeof(*v->paras));
		if (!p)
			return -ENOMEM;
		v->paras = p;
		v->paras_cap = cap;
	}
	v->paras[v->nparas++] = (struct ext_para){.off = (uint32_t)v->len};
	return 0;
}

/* Finish the open paragraph: length, flags, the '\n' after it. */
static int close_para(struct emitter *e)
{
	struct ext_view *v = e->v;
	struct ext_para *p = &v->paras[v->nparas - 1];
	p->len = (uint32_t)(v->len - p->off);
	p->words = e->words;
	/* Running text has a lower-case letter within a few bytes, so this
	 * scans all of a paragraph only when it is in capitals. */
	size_t upper = 0, k;
	for (k = p->off; k < v->len && !ext_ascii_lower(v->text[k]); k++)
		upper += ext_ascii_upper(v->text[k]);
	bool lower = k < v->len;
	if (!lower && upper >= 2)
		p->flags |= PARA_CAPS;
	/* Headlines can be long, but they do not end with a full stop. */
	if (p->len >= 80 && e->words >= 10 && lower &&
	    (e->sentence || p->len >= 160))
		p->flags |= PARA_PROSE;
	e->pending = false;
	if (p->len == 0) {
		v->nparas--;	/* only URLs or invisible characters */
		return 0;
	}
	return put(e, "\n", 1, e->last_orig + 1);
}

static int open_para(struct emitter *e, const struct ext_line *ln)
{
	if (push_para(e->v))
		return -ENOMEM;
	struct ext_para *p = &e->v->paras[e->v->nparas - 1];
	p->flags = (ln->flags & LINE_REPEATED ? PARA_REPEATED : 0) |
		   (ln->flags & LINE_BULLET ? PARA_BULLET : 0);
	e->para_start = (uint32_t)e->v->len;
	e->words = 0;
	return 0;
}

/* May line i continue the paragraph of line i - 1 (wrapped text)? Not
 * after a short line: a wire story's timestamp and headline sit on the
 * lines just above its text, and a paragraph's last line is often short;
 * not before an indented line, which starts a paragraph in wire copy. */
static bool continues(const struct ext_view *v, size_t i, bool wrapped)
{
	if (!wrapped || i == 0)
		return false;
	const struct ext_line *prev = &v->lines[i - 1], *ln = &v->lines[i];
	if (prev->flags & (LINE_BLANK | LINE_DROP | LINE_REPEATED))
		return false;
	return prev->end - prev->start >= 30 &&
	       !(ln->flags & (LINE_INDENT | LINE_BULLET | LINE_REPEATED));
}

static int emit_lines(struct ext_view *v, const char *text, size_t n,
		      bool wrapped)
{
	struct emitter e = {.v = v};
	bool open = false;
	for (size_t i = 0; i < n; i++) {
		const struct ext_line *ln = &v->lines[i];
		if (ln->flags & (LINE_BLANK | LINE_DROP))
			continue;
		if (open && continues(v, i, wrapped)) {
			see_space(&e, v->lines[i - 1].end);
		} else {
			if (open && close_para(&e))
				return -ENOMEM;
			if (open_para(&e, ln))
				return -ENOMEM;
			open = true;
		}
		if (emit_line(&e, text, ln->start, ln->end))
			return -ENOMEM;
		e.sentence = ln->flags & LINE_SENTENCE;
	}
	if (open && close_para(&e))
		return -ENOMEM;
	return 0;
}

/* The first paragraph of running text: what comes before is the header
 * (headline, bylines, date lines). */
static size_t find_body(const struct ext_view *v)
{
	for (size_t i = 0; i < v->nparas; i++)
		if (v->paras[i].flags & PARA_PROSE)
			return i;
	for (size_t i = 0; i < v->nparas; i++)
		if (!(v->paras[i].flags & PARA_CAPS) && v->paras[i].words >= 5)
			return i;
	return v->nparas;
}

int ext_clean(struct ext_view *v, const char *text, size_t len)
{
	v->len = v->nsegs = v->nparas = 0;
	v->body = 0;
	if (len > UINT32_MAX - 2)
		len = UINT32_MAX - 2;	/* offsets are 32-bit */
	if (!text)
		text = "";
	/* Every byte of the view comes from its own original byte, except
	 * the '\n' closing the last paragraph: len + 1 and the NUL. */
	if (len + 2 > v->cap) {
		free(v->text);
		v->text = malloc(len + 2);
		v->cap = v->text ? len + 2 : 0;
		if (!v->text)
			return -ENOMEM;
	}
	size_t nlines, mask;
	if (split_lines(v, text, len, &nlines) ||
	    count_lines(v, nlines, &mask))
		return -ENOMEM;
	judge_lines(v, text, nlines, mask);
	if (emit_lines(v, text, nlines, is_wrapped(v, nlines)))
		return -ENOMEM;
	v->text[v->len] = '\0';
	v->body = find_body(v);
	return 0;
}

struct ext_span ext_view_span(const struct ext_view *v, size_t off,
			      size_t len)
{
	struct ext_span sp = {0, 0};
	if (!v->nsegs || len == 0)
		return sp;
	size_t first = off, last = off + len - 1;
	uint32_t o[2];
	for (int k = 0; k < 2; k++) {
		size_t at = k ? last : first;
		size_t lo = 0, hi = v->nsegs;
		while (hi - lo > 1) {	/* the last segment starting <= at */
			size_t mid = lo + (hi - lo) / 2;
			if (v->segs[mid].clean <= at)
				lo = mid;
			else
				hi = mid;
		}
		o[k] = v->segs[lo].orig + (uint32_t)(at - v->segs[lo].clean);
	}
	sp.off = o[0];
	sp.len = o[1] >= o[0] ? o[1] - o[0] + 1 : 0;
	return sp;
}

void ext_view_release(struct ext_view *v)
{
	free(v->text);
	free(v->segs);
	free(v->paras);
	free(v->lines);
	free(v->dup);
	memset(v, 0, sizeof(*v));
}
