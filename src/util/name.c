/*
 * Article file names and calendar dates.
 *
 * A name is the one path component an article has in every view, so it
 * must be safe whatever the article's text contains: the title comes from
 * untrusted input and must never yield "/", ".", "..", a hidden file, a
 * control character or invalid UTF-8.
 */
#include "util.h"

#include <stdio.h>
#include <string.h>

/* Decode one UTF-8 character of s (len > 0). Returns its length and sets
 * *cp; a malformed byte counts as one character U+FFFD. */
static size_t next_cp(const unsigned char *s, size_t len, unsigned *cp)
{
	unsigned c = s[0];
	size_t n = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	if (c >= 0x80 && (n > len || !utf8_valid((const char *)s, n))) {
		*cp = 0xfffd;
		return 1;
	}
	if (n == 1)
		*cp = c;
	else if (n == 2)
		*cp = (c & 0x1f) << 6 | (s[1] & 0x3f);
	else if (n == 3)
		*cp = (c & 0x0f) << 12 | (s[1] & 0x3f) << 6 | (s[2] & 0x3f);
	else
		*cp = (c & 0x07) << 18 | (s[1] & 0x3f) << 12 |
		      (s[2] & 0x3f) << 6 | (s[3] & 0x3f);
	return n;
}

static bool is_blank_cp(unsigned cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
	       cp == 0xa0 || cp == 0x2028 || cp == 0x2029 ||
	       (cp >= 0x2000 && cp <= 0x200a) || cp == 0x3000;
}

static bool is_invisible_cp(unsigned cp)
{
	return (cp >= 0x200b && cp <= 0x200f) || cp == 0xfeff ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Copy title into out (at most max bytes), cleaned. Returns the length. */
static size_t clean_title(char *out, size_t max, const char *title,
			  size_t len)
{
	const unsigned char *s = (const unsigned char *)title;
	size_t o = 0;
	bool pending_space = false;
	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t n = next_cp(s + i, len - i, &cp);
		const char *src = (const char *)s + i;
		i += n;
		if (is_invisible_cp(cp))
			continue;
		if (is_blank_cp(cp) || cp == ' ') {
			pending_space = o > 0;
			continue;
		}
		if (o == 0 && cp == '.')
			continue;	/* no hidden files, no "." or ".." */
		char rep[3];
		if (cp == '/') {
			rep[0] = '-';
			src = rep;
			n = 1;
		} else if (cp == 0xfffd && n == 1) {
			memcpy(rep, "\xef\xbf\xbd", 3);
			src = rep;
			n = 3;
		}
		if (o + pending_space + n > max)
			break;
		if (pending_space)
			out[o++] = ' ';
		pending_space = false;
		memcpy(out + o, src, n);
		o += n;
	}
	while (o > 0 && (out[o - 1] == ' ' || out[o - 1] == '.'))
		o--;
	return o;
}

size_t nfs_article_name(char *out, int32_t date, const char *title,
			size_t title_len, const char *tag)
{
	char prefix[48] = "";
	char suffix[64];
	if (date && nfs_date_valid(date))
		snprintf(prefix, sizeof(prefix), "%04d-%02d-%02d ",
			 (int)(date / 10000), (int)(date / 100 % 100),
			 (int)(date % 100));
	snprintf(suffix, sizeof(suffix), "%s%.40s%s.txt", tag ? " [" : "",
		 tag ? tag : "", tag ? "]" : "");
	size_t plen = strlen(prefix), slen = strlen(suffix);
	size_t room = NFS_NAME_MAX - plen - slen;

	memcpy(out, prefix, plen);
	size_t tlen = clean_title(out + plen, room, title ? title : "",
				  title ? title_len : 0);
	if (tlen == 0) {
		const char *u = "untitled";
		tlen = strlen(u);
		memcpy(out + plen, u, tlen);
	}
	memcpy(out + plen + tlen, suffix, slen + 1);
	return plen + tlen + slen;
}

bool nfs_name_ok(const char *s)
{
	size_t len = strlen(s);
	if (len == 0 || len > NFS_NAME_MAX || s[0] == '.' ||
	    !utf8_valid(s, len))
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '/' || *p == '|')
			return false;
	return true;
}

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool nfs_date_valid(int32_t ymd)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31};
	int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
		return false;
	return d <= mdays[m - 1] + (m == 2 && is_leap(y));
}

int64_t nfs_date_to_time(int32_t ymd)
{
	/* Days from civil, after H. Hinnant's well-known derivation. */
	int64_t y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468) * 86400;
}
