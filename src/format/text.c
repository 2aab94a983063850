/*
 * Text helpers shared by the passes: white space as HTML renders it
 * (runs collapse to one space; no-break and the Unicode spaces count),
 * character and comma counts as the main-text scoring reads them.
 */
#include "internal.h"

#include <errno.h>
#include <string.h>
#include <strings.h>

/* Bytes of the white-space character at s, or 0. */
static size_t ws_len(const unsigned char *s, size_t len)
{
	unsigned char c = s[0];
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v')
		return 1;
	if (c < 0xc2)
		return 0;
	if (c == 0xc2 && len >= 2 && s[1] == 0xa0)
		return 2;	/* U+00A0 */
	if (c == 0xe2 && len >= 3 && s[1] == 0x80 &&
	    ((s[2] >= 0x80 && s[2] <= 0x8a) || s[2] == 0xa8 || s[2] == 0xa9 ||
	     s[2] == 0xaf))
		return 3;	/* U+2000-200A, U+2028, U+2029, U+202F */
	if (c == 0xe2 && len >= 3 && s[1] == 0x81 && s[2] == 0x9f)
		return 3;	/* U+205F */
	if (c == 0xe3 && len >= 3 && s[1] == 0x80 && s[2] == 0x80)
		return 3;	/* U+3000 */
	if (c == 0xef && len >= 3 && s[1] == 0xbb && s[2] == 0xbf)
		return 3;	/* U+FEFF */
	return 0;
}

int text_collapse(struct sbuf *out, const char *str, size_t len, bool *space)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, run = 0;
	while (i < len) {
		size_t w = ws_len(s + i, len - i);
		if (!w) {
			i++;
			continue;
		}
		if (i > run) {
			if (*space && out->len && sbuf_addch(out, ' '))
				return -ENOMEM;
			if (sbuf_add(out, s + run, i - run))
				return -ENOMEM;
			*space = false;
		}
		*space = true;
		i += w;
		run = i;
	}
	if (i > run) {
		if (*space && out->len && sbuf_addch(out, ' '))
			return -ENOMEM;
		if (sbuf_add(out, s + run, i - run))
			return -ENOMEM;
		*space = false;
	}
	return 0;
}

char *text_trim(char *str)
{
	unsigned char *s = (unsigned char *)str;
	size_t len = strlen(str), w;
	while (len && (w = ws_len(s, len)) != 0) {
		s += w;
		len -= w;
	}
	/* Trailing: step back over ASCII and the multi-byte spaces. */
	for (;;) {
		if (len && ws_len(s + len - 1, 1) == 1) {
			len--;
		} else if (len >= 2 && ws_len(s + len - 2, 2) == 2) {
			len -= 2;
		} else if (len >= 3 && ws_len(s + len - 3, 3) == 3) {
			len -= 3;
		} else {
			break;
		}
	}
	memmove(str, s, len);
	str[len] = '\0';
	return str;
}

size_t text_chars(const char *str, size_t len, bool *space)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = 0, i = 0;
	while (i < len) {
		size_t w = ws_len(s + i, len - i);
		if (w) {
			if (!*space)
				n++;
			*space = true;
			i += w;
			continue;
		}
		*space = false;
		if ((s[i] & 0xc0) != 0x80)
			n++;
		i++;
	}
	return n;
}

size_t text_commas(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == ',') {
			n++;
		} else if (s[i] == 0xd8 && i + 1 < len && s[i + 1] == 0x8c) {
			n++;	/* U+060C Arabic comma */
		} else if (s[i] == 0xef && i + 2 < len &&
			   ((s[i + 1] == 0xbc && s[i + 2] == 0x8c) ||
			    (s[i + 1] == 0xb9 && s[i + 2] == 0x90) ||
			    (s[i + 1] == 0xb8 && (s[i + 2] == 0x90 ||
						  s[i + 2] == 0x91)))) {
			n++;	/* U+FF0C, U+FE50, U+FE10, U+FE11 */
		} else if (s[i] == 0xe3 && i + 2 < len && s[i + 1] == 0x80 &&
			   s[i + 2] == 0x81) {
			n++;	/* U+3001 ideographic comma */
		}
	}
	return n;
}

const char *text_istr(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	if (!n)
		return hay;
	char lo = needle[0], up = needle[0];
	if (lo >= 'A' && lo <= 'Z')
		lo += 32;
	if (up >= 'a' && up <= 'z')
		up -= 32;
	for (; *hay; hay++)
		if ((*hay == lo || *hay == up) && strncasecmp(hay, needle, n) == 0)
			return hay;
	return NULL;
}

int hdom_text_content(const struct hdom *d, uint32_t root, struct sbuf *out)
{
	bool space = false;
	sbuf_reset(out);
	if (sbuf_addch(out, '\0'))
		return -ENOMEM;
	out->len = 0;
	for (uint32_t i = d->n[root].first; i; ) {
		const struct hnode *n = &d->n[i];
		bool skip = n->type == HN_ELEM &&
			(n->tag == T_SCRIPT || n->tag == T_STYLE ||
			 n->tag == T_TEMPLATE);
		if (n->type == HN_TEXT &&
		    text_collapse(out, hdom_str(d, n->str), n->len, &space))
			return -ENOMEM;
		i = hdom_next(d, i, root, skip);
	}
	return 0;
}

/* Tokens of a string for similarity: runs of letters and digits. */
static size_t tokens(const char *s, char tok[][48], size_t max)
{
	size_t n = 0;
	while (*s && n < max) {
		while (*s && !(((unsigned char)*s >= 0x80) ||
			       (*s >= '0' && *s <= '9') ||
			       ((*s | 32) >= 'a' && (*s | 32) <= 'z') || *s == '_'))
			s++;
		size_t k = 0;
		while (*s && (((unsigned char)*s >= 0x80) ||
			      (*s >= '0' && *s <= '9') ||
			      ((*s | 32) >= 'a' && (*s | 32) <= 'z') ||
			      *s == '_')) {
			if (k + 1 < 48)
				tok[n][k++] = (char)(*s >= 'A' && *s <= 'Z' ?
						     *s + 32 : *s);
			s++;
		}
		if (k) {
			tok[n][k] = '\0';
			n++;
		}
	}
	return n;
}

/* Readability's _textSimilarity: the share of b's words (by length)
 * also in a. */
double text_similarity(const char *a, const char *b)
{
	char ta[64][48], tb[64][48];
	size_t na = tokens(a, ta, 64), nb = tokens(b, tb, 64);
	if (!na || !nb)
		return 0;
	size_t all = 0, uniq = 0;
	for (size_t i = 0; i < nb; i++) {
		size_t l = strlen(tb[i]) + (i > 0);
		all += l;
		bool found = false;
		for (size_t j = 0; j < na && !found; j++)
			found = strcmp(ta[j], tb[i]) == 0;
		if (!found)
			uniq += l;
	}
	return 1.0 - (double)uniq / (double)all;
}

