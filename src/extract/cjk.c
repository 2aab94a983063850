/*
 * Officials in Chinese and Japanese text, which writes a foreign name in
 * its own script and gives the Latin form in brackets after it:
 *
 *   约翰逊航天中心发言人丹尼尔·霍特(Daniel Huot)表示 ...
 *   (Johnson Space Center spokesman Daniel Huot said ...)
 *
 * A title of the list below, the transliterated name (a few characters of
 * the script, with its middle dot, or a '?' where a page lost the dot),
 * then the Latin name in brackets: that Latin name is an official, named
 * as a reader of other languages would look for them.
 */
#include "internal.h"

#include <errno.h>
#include <string.h>

/* Characters of a transliterated name between the title and the bracket. */
#define NAME_CHARS 12

static const char how_cjk[] = "title before the name";

/* Titles of public offices in Chinese and Japanese. */
static const char *const titles[] = {
	"\xe5\x8f\x91\xe8\xa8\x80\xe4\xba\xba",		/* 发言人 spokesman */
	"\xe9\x83\xa8\xe9\x95\xbf",			/* 部长 minister */
	"\xe6\x80\xbb\xe7\xbb\x9f",			/* 总统 president */
	"\xe6\x80\xbb\xe7\x90\x86",			/* 总理 premier */
	"\xe5\xa4\x96\xe9\x95\xbf",			/* 外长 foreign minister */
	"\xe5\xa4\xa7\xe4\xbd\xbf",			/* 大使 ambassador */
	"\xe8\xae\xae\xe5\x91\x98",			/* 议员 legislator */
	"\xe5\xb8\x82\xe9\x95\xbf",			/* 市长 mayor */
	"\xe5\xb7\x9e\xe9\x95\xbf",			/* 州长 governor */
	"\xe9\xa6\x96\xe7\x9b\xb8",			/* 首相 prime minister */
	"\xe5\xa4\xa7\xe8\x87\xa3",			/* 大臣 minister (ja) */
	"\xe5\xa4\xa7\xe7\xb5\xb1\xe9\xa0\x98",		/* 大統領 president (ja) */
	"\xe5\xa0\xb1\xe9\x81\x93\xe5\xae\x98",		/* 報道官 spokesman (ja) */
	"\xe9\x95\xb7\xe5\xae\x98",			/* 長官 secretary (ja) */
};

/* A character of a transliterated name: CJK or kana, or a middle dot. */
static bool name_char(uint32_t cp)
{
	return cp == 0xb7 || cp == '?' || cp == 0x30fb ||
	       (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x4e00 && cp <= 0x9fff);
}

/* Does a title end at text[at]? Its start, or SIZE_MAX. */
static size_t title_before(const struct ext_view *v, size_t at)
{
	for (size_t k = 0; k < NFS_ARRAY_SIZE(titles); k++) {
		size_t n = strlen(titles[k]);
		if (at >= n && !memcmp(v->text + at - n, titles[k], n))
			return at - n;
	}
	return SIZE_MAX;
}

/* The bracket that opens at text[i] ("(" or "（"): its length, or 0. */
static size_t open_bracket(const struct ext_view *v, size_t i)
{
	if (v->text[i] == '(')
		return 1;
	return v->len - i >= 3 && !memcmp(v->text + i, "\xef\xbc\x88", 3) ? 3
									   : 0;
}

static size_t close_bracket(const struct ext_view *v, size_t i)
{
	if (i < v->len && v->text[i] == ')')
		return 1;
	return v->len - i >= 3 && !memcmp(v->text + i, "\xef\xbc\x89", 3) ? 3
									   : 0;
}

/* Is the Latin name in brackets at text[i] an official's? */
static int at_bracket(const struct ext_view *v, const struct ext_toks *t,
		      size_t i, struct ext_cands *c)
{
	size_t ob = open_bracket(v, i), cb;
	struct ext_name n;
	if (!ob || i == 0 || (unsigned char)v->text[i - 1] < 0x80 ||
	    !ext_name_forward(t, v->text, v->len, i + ob, &n) ||
	    n.core < 2 || n.off != i + ob ||
	    !(cb = close_bracket(v, n.off + n.len)))
		return 0;
	/* Back over the transliteration to the title before it. */
	size_t at = i, from = SIZE_MAX;
	for (int k = 0; k < NAME_CHARS && at > 0 && from == SIZE_MAX; k++) {
		size_t p = ext_utf8_prev(v->text, at);
		uint32_t cp;
		ext_utf8_next(v->text + p, at - p, &cp);
		if (!name_char(cp))
			break;
		at = p;
		if (k >= 1)
			from = title_before(v, at);
	}
	if (from == SIZE_MAX)
		return 0;
	struct ext_cand x = {
		.name_off = n.off, .name_len = n.len,
		.why_off = (uint32_t)from,
		.why_len = (uint32_t)(n.off + n.len + cb - from),
		.how = how_cjk,
	};
	return ext_cands_push(c, &x);
}

int ext_find_cjk_officials(const struct ext_view *v, const struct ext_toks *t,
			   struct ext_cands *c)
{
	/* memchr, not a loop of our own: most texts have few brackets. */
	static const char opens[] = {'(', '\xef'};
	for (size_t k = 0; k < sizeof(opens); k++) {
		const char *p = v->text, *end = v->text + v->len;
		while ((p = memchr(p, opens[k], (size_t)(end - p))) != NULL) {
			if (at_bracket(v, t, (size_t)(p - v->text), c))
				return -ENOMEM;
			p++;
		}
	}
	return 0;
}
