/* UTF-8 validation, and decoders from Windows-1252, UTF-16 and UTF-32. */
#include "util.h"

#include <errno.h>
#include <string.h>

/* Length of the UTF-8 sequence starting at s[0] (at most avail bytes),
 * or 0 when it is malformed. */
static size_t seq_len(const unsigned char *s, size_t avail)
{
	unsigned c = s[0];
	if (c < 0x80)
		return 1;
	if (c < 0xc2 || c > 0xf4)
		return 0;		/* continuation, overlong lead, > U+10FFFF */
	size_t n = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	if (avail < n)
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if (c == 0xe0 && s[1] < 0xa0)
		return 0;		/* overlong 3-byte */
	if (c == 0xed && s[1] > 0x9f)
		return 0;		/* UTF-16 surrogate */
	if (c == 0xf0 && s[1] < 0x90)
		return 0;		/* overlong 4-byte */
	if (c == 0xf4 && s[1] > 0x8f)
		return 0;		/* above U+10FFFF */
	return n;
}

bool utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < len) {
		/* Most news text is ASCII: skip it eight bytes at a time. */
		while (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ull)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		size_t n = seq_len(s + i, len - i);
		if (!n)
			return false;
		i += n;
	}
	return true;
}

size_t utf8_trim(const char *str, size_t max)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = strnlen(str, max);
	if (n < max)
		return n;
	/* Back up over continuation bytes to the start of the last
	 * character, then keep it only if it fits whole. */
	size_t i = n;
	while (i > 0 && (s[i - 1] & 0xc0) == 0x80)
		i--;
	if (i == 0)
		return 0;
	size_t lead = i - 1;
	unsigned c = s[lead];
	size_t want = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	return lead + want <= n ? n : lead;
}

static void put_utf8(char **pp, unsigned cp)
{
	char *p = *pp;
	if (cp < 0x80) {
		*p++ = (char)cp;
	} else if (cp < 0x800) {
		*p++ = (char)(0xc0 | cp >> 6);
		*p++ = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		*p++ = (char)(0xe0 | cp >> 12);
		*p++ = (char)(0x80 | ((cp >> 6) & 0x3f));
		*p++ = (char)(0x80 | (cp & 0x3f));
	} else {
		*p++ = (char)(0xf0 | cp >> 18);
		*p++ = (char)(0x80 | ((cp >> 12) & 0x3f));
		*p++ = (char)(0x80 | ((cp >> 6) & 0x3f));
		*p++ = (char)(0x80 | (cp & 0x3f));
	}
	*pp = p;
}

/* Code points of 0x80..0x9f in Windows-1252; 0 marks the five holes. */
static const uint16_t cp1252_hi[32] = {
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
};

int cp1252_to_utf8(struct sbuf *out, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	/* Worst case three UTF-8 bytes per input byte. */
	if (len > SIZE_MAX / 3)
		return -ENOMEM;
	int rc = sbuf_grow(out, len * 3);
	if (rc)
		return rc;
	char *p = out->buf + out->len;
	for (size_t i = 0; i < len; i++) {
		unsigned cp = s[i];
		if (cp >= 0x80 && cp < 0xa0)
			cp = cp1252_hi[cp - 0x80] ? cp1252_hi[cp - 0x80] : 0xfffd;
		put_utf8(&p, cp);
	}
	out->len = (size_t)(p - out->buf);
	out->buf[out->len] = '\0';
	return 0;
}

int utf16_to_utf8(struct sbuf *out, const char *str, size_t len, bool big)
{
	const unsigned char *s = (const unsigned char *)str;
	if (len % 2)
		return -EINVAL;
	/* A UTF-16 unit becomes at most 3 bytes; a pair (4 bytes) 4. */
	if (len / 2 > SIZE_MAX / 3)
		return -ENOMEM;
	int rc = sbuf_grow(out, len / 2 * 3);
	if (rc)
		return rc;
	char *p = out->buf + out->len;
	for (size_t i = 0; i < len; i += 2) {
		unsigned u = big ? (unsigned)s[i] << 8 | s[i + 1]
				 : (unsigned)s[i + 1] << 8 | s[i];
		if (u >= 0xdc00 && u < 0xe000)
			return -EINVAL;		/* lone low surrogate */
		if (u >= 0xd800 && u < 0xdc00) {
			if (i + 3 >= len)
				return -EINVAL;
			unsigned lo = big ? (unsigned)s[i + 2] << 8 | s[i + 3]
					  : (unsigned)s[i + 3] << 8 | s[i + 2];
			if (lo < 0xdc00 || lo >= 0xe000)
				return -EINVAL;
			u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
			i += 2;
		}
		put_utf8(&p, u);
	}
	out->len = (size_t)(p - out->buf);
	out->buf[out->len] = '\0';
	return 0;
}

int utf32_to_utf8(struct sbuf *out, const char *str, size_t len, bool big)
{
	const unsigned char *s = (const unsigned char *)str;
	if (len % 4)
		return -EINVAL;
	int rc = sbuf_grow(out, len);	/* at most 4 bytes per unit */
	if (rc)
		return rc;
	char *p = out->buf + out->len;
	for (size_t i = 0; i < len; i += 4) {
		uint32_t u = big ? (uint32_t)s[i] << 24 | (uint32_t)s[i + 1] << 16 |
				   (uint32_t)s[i + 2] << 8 | s[i + 3]
				 : (uint32_t)s[i + 3] << 24 | (uint32_t)s[i + 2] << 16 |
				   (uint32_t)s[i + 1] << 8 | s[i];
		if (u > 0x10ffff || (u >= 0xd800 && u < 0xe000))
			return -EINVAL;
		put_utf8(&p, u);
	}
	out->len = (size_t)(p - out->buf);
	out->buf[out->len] = '\0';
	return 0;
}
