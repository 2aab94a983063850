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
 *
 * A Chinese name follows its title with no bracket: a family name of the
 * list below and one or two more characters ("人大代表黄细花提出",
 * an NPC deputy, Huang Xihua, proposed).
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
	"\xe4\xba\xba\xe5\xa4\xa7\xe4\xbb\xa3\xe8\xa1\xa8",	/* 人大代表 NPC deputy */
	"\xe6\x94\xbf\xe5\x8d\x8f\xe5\xa7\x94\xe5\x91\x98",	/* 政协委员 CPPCC member */
	"\xe5\xa4\x96\xe4\xba\xa4\xe9\x83\xa8\xe9\x95\xbf",	/* 外交部长 foreign minister */
	"\xe5\x9b\xbd\xe5\x8a\xa1\xe5\xa7\x94\xe5\x91\x98",	/* 国务委员 state councillor */
	"\xe7\x9c\x81\xe9\x95\xbf",			/* 省长 provincial governor */
};

/* Common Chinese family names, one character each: a name written in
 * Chinese after a title starts with one. */
static const char surnames[] =
	"王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
	"肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏"
	"韦傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴"
	"莫孔向汤习温栗赖洪康易常乔";

/* Characters that follow a name rather than end it: verbs of saying,
 * particles, conjunctions ("张近东提出", "王毅表示", "李强说"). */
static const char after_name[] =
	"提表说认在指称会等的是和与也就对向将已曾为了今日于";

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

/* Is the character at s (3 bytes of a CJK ideograph) one of list? */
static bool cjk_in(const char *list, const char *s)
{
	for (const char *p = list; *p; p += 3)
		if (!memcmp(p, s, 3))
			return true;
	return false;
}

/* Is s[i] a CJK ideograph (3 bytes, U+4E00..U+9FFF) within len? */
static bool ideograph(const char *s, size_t len, size_t i)
{
	if (len - i < 3 || len < i)
		return false;
	uint32_t cp;
	return ext_utf8_next(s + i, 3, &cp) == 3 && cp >= 0x4e00 &&
	       cp <= 0x9fff;
}

/* A title written before a Chinese name in the run text[from, to). */
static int chinese_names(const struct ext_view *v, size_t from, size_t to,
			 struct ext_cands *c)
{
	const char *s = v->text;
	for (size_t at = from; at + 9 <= to; at += 3) {
		if (!ideograph(s, to, at))
			return 0;
		size_t tl = 0;
		for (size_t k = 0; k < NFS_ARRAY_SIZE(titles) && !tl; k++) {
			size_t n = strlen(titles[k]);
			if (to - at >= n + 6 && !memcmp(s + at, titles[k], n))
				tl = n;
		}
		size_t name = at + tl;
		if (!tl || !ideograph(s, to, name) || !cjk_in(surnames, s + name) ||
		    !ideograph(s, to, name + 3))
			continue;
		size_t nl = ideograph(s, to, name + 6) &&
			    !cjk_in(after_name, s + name + 6) ? 9 : 6;
		struct ext_cand x = {
			.name_off = (uint32_t)name, .name_len = (uint32_t)nl,
			.why_off = (uint32_t)at,
			.why_len = (uint32_t)(name + nl - at),
			.how = how_cjk,
		};
		if (ext_cands_push(c, &x))
			return -ENOMEM;
		at = name + nl - 3;
	}
	return 0;
}

int ext_find_cjk_officials(const struct ext_view *v, const struct ext_toks *t,
			   struct ext_cands *c)
{
	/* Runs of Chinese text: tokens that start with an ideograph. */
	for (size_t i = 0; t->cjk && i < t->n; i++) {
		const struct ext_tok *tok = &t->v[i];
		if ((unsigned char)v->text[tok->off] < 0xe4 ||
		    (unsigned char)v->text[tok->off] > 0xe9)
			continue;
		size_t end = tok->off + tok->len;
		for (size_t at = tok->off; at < end;) {
			if (chinese_names(v, at, end, c))
				return -ENOMEM;
			/* Past a character that is no ideograph. */
			while (at < end && ideograph(v->text, end, at))
				at += 3;
			at += at < end ? ext_utf8_next(v->text + at,
						      end - at, &(uint32_t){0}) : 0;
		}
	}

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
