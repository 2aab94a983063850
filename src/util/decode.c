/*
 * Telling text from what is not, and reading it as UTF-8: what `newsfs
 * index` does with every file's bytes before extraction sees them.
 *
 * The encoding, first match wins:
 *   - a byte-order mark: UTF-32 (whose marks begin like UTF-16's, so
 *     they go first), then UTF-16;
 *   - NUL bytes and no mark: UTF-32, then UTF-16, each in the byte order
 *     the bytes suggest, if they decode and look like text (plausible()
 *     below); anything else with a NUL is binary data;
 *   - valid UTF-8 (after a BOM, if any) as it is; anything else as
 *     Windows-1252, which maps every byte to something.
 * Then the text must be text: lone CRs (old Mac files) read as LFs, it
 * must hold more than white space in Unicode's sense, and it must not be
 * full of control characters. Real text in any language and encoding has
 * next to none; random bytes have about one in ten, and the Windows-1252
 * fallback would take any of them as text (docs/security.md has the
 * measurements behind the limit).
 */
#include "util.h"

#include <errno.h>
#include <string.h>

/* Up to one control character in TEXT_CONTROL_SHARE bytes (and one more,
 * for a stray ^Z at the end of a short DOS file) is still text. */
#define TEXT_CONTROL_SHARE 256

/* The code point at *p (valid UTF-8, as every decoder here makes), and
 * *p moved past it. */
static uint32_t next_cp(const unsigned char **p)
{
	const unsigned char *s = *p;
	uint32_t c = s[0];
	size_t n = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	if (n == 2)
		c = (c & 0x1f) << 6 | (s[1] & 0x3f);
	else if (n == 3)
		c = (c & 0x0f) << 12 | (uint32_t)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
	else if (n == 4)
		c = (c & 0x07) << 18 | (uint32_t)(s[1] & 0x3f) << 12 |
		    (uint32_t)(s[2] & 0x3f) << 6 | (s[3] & 0x3f);
	*p = s + n;
	return c;
}

/* Unicode's White_Space, and the format characters that show nothing
 * (zero-width space and joiners, word joiner, BOM, Mongolian vowel
 * separator): a file of nothing else has no text. */
static bool invisible(uint32_t c)
{
	return (c >= 0x09 && c <= 0x0d) || c == 0x20 || c == 0x85 ||
	       c == 0xa0 || c == 0x1680 || c == 0x180e ||
	       (c >= 0x2000 && c <= 0x200d) || c == 0x2028 || c == 0x2029 ||
	       c == 0x202f || c == 0x205f || c == 0x2060 || c == 0x3000 ||
	       c == 0xfeff;
}

static bool blank_only(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end)
		if (!invisible(next_cp(&p)))
			return false;
	return true;
}

/* C0 controls but TAB, LF, VT, FF, CR, and SO, SI and ESC, which ISO 2022
 * text (Japanese and Korean mail and news) switches character sets with;
 * and DEL. */
static bool control_byte(unsigned char c)
{
	const uint32_t text = 1u << '\t' | 1u << '\n' | 1u << '\v' |
			      1u << '\f' | 1u << '\r' | 1u << 0x0e |
			      1u << 0x0f | 1u << 0x1b;
	return c < 0x20 ? !(text >> c & 1) : c == 0x7f;
}

static size_t count_controls(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;
	size_t n = 0, i = 0;
	/* Eight bytes at a time: only words with a byte below 0x20 or equal
	 * to 0x7f (one in a few, for the line ends) are looked at closely. */
	for (; i + 8 <= len; i += 8) {
		uint64_t w, del;
		memcpy(&w, s + i, 8);
		del = w ^ (ones * 0x7f);
		if (!(((w - ones * 0x20) & ~w & high) |
		      ((del - ones) & ~del & high)))
			continue;
		for (size_t k = 0; k < 8; k++)
			n += control_byte(s[i + k]);
	}
	for (; i < len; i++)
		n += control_byte(s[i]);
	return n;
}

/* Old Mac text ends lines with a lone CR. */
static bool lone_cr(const char *s, size_t len)
{
	const char *p = memchr(s, '\r', len);
	for (; p; p = memchr(p + 1, '\r', len - (size_t)(p + 1 - s)))
		if (p + 1 == s + len || p[1] != '\n')
			return true;
	return false;
}

/* Extraction sees lone CRs as LFs; same length, so offsets still point
 * into the original bytes. */
static int cr_to_lf(struct sbuf *out, const char **text, size_t *text_len)
{
	if (*text != out->buf) {
		sbuf_reset(out);
		int rc = sbuf_add(out, *text, *text_len);
		if (rc)
			return rc;
	}
	char *s = out->buf;
	size_t len = out->len;
	for (size_t i = 0; i < len; i++)
		if (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n'))
			s[i] = '\n';
	*text = s;
	*text_len = len;
	return 0;
}

/* Text decoded from UTF-32 or UTF-16 without a byte-order mark is a
 * guess, so it must look like text: no U+0000; a line end or a space;
 * at least one character in 128 from U+0001 to U+00FF (text in every
 * script has line ends, spaces, digits or Latin letters; a random 16-bit
 * unit is there once in 256); and hardly any private-use or noncharacter
 * code points, which random units often are and text almost never. */
static bool plausible(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	size_t chars = 0, low = 0, odd = 0;
	bool space = false;
	if (memchr(s, '\0', len))
		return false;
	while (p < end) {
		uint32_t c = next_cp(&p);
		chars++;
		low += c < 0x100;
		space |= c == '\n' || c == '\r' || c == ' ' || c == '\t' ||
			 c == 0x3000;
		odd += (c >= 0xe000 && c <= 0xf8ff) || c >= 0xf0000 ||
		       (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe;
	}
	return space && low * 128 >= chars && odd * 32 <= chars;
}

/* 16- and 32-bit units without a byte-order mark. Returns 0 with out
 * holding their UTF-8, 1 when they are not text, or -ENOMEM. */
static int guess_wide(const unsigned char *s, size_t len, struct sbuf *out)
{
	int rc;
	for (int big = 0; len % 4 == 0 && big < 2; big++) {
		sbuf_reset(out);
		rc = utf32_to_utf8(out, (const char *)s, len, big);
		if (rc == -ENOMEM || (!rc && plausible(out->buf, out->len)))
			return rc;
	}
	if (len % 2)
		return 1;
	/* Text in any script has line ends, spaces, digits or Latin letters,
	 * U+0001 to U+00FF: the byte order that puts more units there is
	 * tried first. */
	size_t le = 0, be = 0;
	for (size_t i = 0; i < len; i += 2) {
		le += s[i + 1] == 0 && s[i] != 0;
		be += s[i] == 0 && s[i + 1] != 0;
	}
	for (int k = 0; k < 2; k++) {
		bool big = (be > le) != (k == 1);
		sbuf_reset(out);
		rc = utf16_to_utf8(out, (const char *)s, len, big);
		if (rc == -ENOMEM || (!rc && plausible(out->buf, out->len)))
			return rc;
	}
	return 1;
}

static bool bom32(const char *s, size_t len, bool *big)
{
	if (len < 4)
		return false;
	*big = memcmp(s, "\0\0\xfe\xff", 4) == 0;
	return *big || memcmp(s, "\xff\xfe\0\0", 4) == 0;
}

static bool bom16(const char *s, size_t len, bool *big)
{
	if (len < 2)
		return false;
	*big = s[0] == '\xfe' && s[1] == '\xff';
	return *big || (s[0] == '\xff' && s[1] == '\xfe');
}

/* Pick the encoding and decode: *text is s itself (UTF-8) or out. */
static int decode(const char *s, size_t len, struct sbuf *out,
		  const char **text, size_t *text_len, const char **reason)
{
	bool big, wide;
	int rc;
	if ((wide = bom32(s, len, &big)) || bom16(s, len, &big)) {
		rc = wide ? utf32_to_utf8(out, s + 4, len - 4, big)
			  : utf16_to_utf8(out, s + 2, len - 2, big);
		if (rc == -EINVAL)
			*reason = wide ? "invalid UTF-32 text"
				       : "invalid UTF-16 text";
		else if (!rc && out->len && memchr(out->buf, '\0', out->len))
			rc = -EINVAL;
	} else if (memchr(s, '\0', len)) {
		rc = guess_wide((const unsigned char *)s, len, out);
		if (rc > 0)
			rc = -EINVAL;
	} else if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0 &&
		   utf8_valid(s + 3, len - 3)) {
		*text = s + 3;
		*text_len = len - 3;
		return 0;
	} else if (utf8_valid(s, len)) {
		*text = s;
		*text_len = len;
		return 0;
	} else {
		rc = cp1252_to_utf8(out, s, len);
	}
	if (rc == -EINVAL && !*reason)
		*reason = "binary data (NUL bytes)";
	*text = out->buf ? out->buf : "";
	*text_len = out->len;
	return rc;
}

int nfs_text_decode(const char *raw, size_t len, struct sbuf *out,
		    const char **text, size_t *text_len, const char **reason)
{
	sbuf_reset(out);
	*reason = NULL;
	int rc = decode(raw, len, out, text, text_len, reason);
	if (rc)
		return rc;
	if (lone_cr(*text, *text_len) &&
	    (rc = cr_to_lf(out, text, text_len)) != 0)
		return rc;
	if (blank_only(*text, *text_len)) {
		*reason = "no text (only white space)";
		return -EINVAL;
	}
	if (count_controls(*text, *text_len) >
	    1 + *text_len / TEXT_CONTROL_SHARE) {
		*reason = "binary data (control characters)";
		return -EINVAL;
	}
	return 0;
}
