/* Unit tests for nfs_text_decode(): encodings, white space, and what is
 * not text. */
#include "check.h"
#include "util.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *reason;
static struct sbuf out;
static const char *text;
static size_t text_len;

static int decode(const void *raw, size_t len)
{
	return nfs_text_decode(raw, len, &out, &text, &text_len, &reason);
}

/* Decodes to exactly want (UTF-8). */
static int decodes_to(const void *raw, size_t len, const char *want)
{
	return decode(raw, len) == 0 && text_len == strlen(want) &&
	       memcmp(text, want, text_len) == 0;
}

static int rejected(const void *raw, size_t len, const char *why)
{
	return decode(raw, len) == -EINVAL && reason && strcmp(reason, why) == 0;
}

/* s (UTF-8) as UTF-16 or UTF-32 units of either byte order. */
static size_t encode(const char *s, int width, int big, unsigned char *buf)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;
	while (*p) {
		uint32_t c = *p;
		int k = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
		if (k > 1)
			c &= 0x3f >> (k - 1);
		for (int i = 1; i < k; i++)
			c = c << 6 | (p[i] & 0x3f);
		p += k;
		uint32_t units[2] = {c, 0};
		int nu = 1;
		if (width == 2 && c >= 0x10000) {
			units[0] = 0xd800 + ((c - 0x10000) >> 10);
			units[1] = 0xdc00 + ((c - 0x10000) & 0x3ff);
			nu = 2;
		}
		for (int u = 0; u < nu; u++)
			for (int b = 0; b < width; b++)
				buf[n++] = (unsigned char)(units[u] >>
					(8 * (big ? width - 1 - b : b)));
	}
	return n;
}

static const char english[] =
	"Talks in Seoul\n\nTOKYO, July 28, 2024 - Japan's defense minister "
	"met his U.S. counterpart.\n";
static const char japanese[] =
	"東京で日米防衛相会談\n2024年7月28日、木原稔防衛相は東京で"
	"オースティン米国防長官と会談した。一つの合意に達した。\n";
static const char emoji[] = "Bulletin 📰\nMarkets rose 😀 today.\n";

static void test_wide(void)
{
	unsigned char buf[4096];
	const char *texts[] = {english, japanese, emoji};
	const char *names[] = {"English", "Japanese", "emoji"};
	for (int t = 0; t < 3; t++) {
		for (int width = 2; width <= 4; width += 2) {
			for (int big = 0; big < 2; big++) {
				size_t n = encode(texts[t], width, big, buf + 4);
				CHECK(decodes_to(buf + 4, n, texts[t]),
				      "%s in UTF-%d%s without a BOM is decoded",
				      names[t], width * 8, big ? "BE" : "LE");
				size_t bom = encode("\xef\xbb\xbf", width, big, buf);
				memmove(buf + bom, buf + 4, n);
				CHECK(decodes_to(buf, bom + n, texts[t]),
				      "%s in UTF-%d%s with a BOM is decoded",
				      names[t], width * 8, big ? "BE" : "LE");
			}
		}
	}
	/* A UTF-32LE mark begins with UTF-16LE's: it must not win. */
	memcpy(buf, "\xff\xfe\0\0T\0\0\0i\0\0\0\n\0\0\0", 16);
	CHECK(decodes_to(buf, 16, "Ti\n"),
	      "UTF-32LE with a BOM is not read as UTF-16LE");
	CHECK(rejected("\xff\xfe\0\0\0\0\x11\0", 8, "invalid UTF-32 text"),
	      "UTF-32 above U+10FFFF after a BOM is invalid UTF-32");
	CHECK(rejected("\xff\xfeT\0\0\0", 6, "binary data (NUL bytes)"),
	      "UTF-16 with a BOM holding U+0000 is binary data");
	CHECK(rejected("T\0\0\0\0\0i\0", 8, "binary data (NUL bytes)"),
	      "16-bit units with U+0000 and no BOM are binary data");
	CHECK(rejected("T\0i\0t\0l\0e\0", 10, "binary data (NUL bytes)"),
	      "UTF-16 without a BOM needs white space to count as text");
	CHECK(rejected("\0\xe0\x0a\0", 4, "binary data (NUL bytes)"),
	      "private-use code points do not count as text");
}

static void put_utf8(struct sbuf *sb, uint32_t c)
{
	char b[4];
	if (c < 0x80) {
		sbuf_addch(sb, (char)c);
	} else if (c < 0x800) {
		b[0] = (char)(0xc0 | c >> 6);
		b[1] = (char)(0x80 | (c & 0x3f));
		sbuf_add(sb, b, 2);
	} else {
		b[0] = (char)(0xe0 | c >> 12);
		b[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		b[2] = (char)(0x80 | (c & 0x3f));
		sbuf_add(sb, b, 3);
	}
}

static void test_white_space(void)
{
	static const uint32_t ws[] = {
		0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680,
		0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
		0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f,
		0x205f, 0x3000,
		/* invisible format characters */
		0x180e, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff,
	};
	struct sbuf all = {0};
	int each = 1;
	for (size_t i = 0; i < NFS_ARRAY_SIZE(ws); i++) {
		struct sbuf one = {0};
		put_utf8(&one, ws[i]);
		put_utf8(&one, ws[i]);
		put_utf8(&all, ws[i]);
		if (!rejected(one.buf, one.len, "no text (only white space)")) {
			printf("# U+%04X is not white space\n", ws[i]);
			each = 0;
		}
		sbuf_release(&one);
	}
	CHECK(each, "each Unicode White_Space character alone is no text");
	CHECK(rejected(all.buf, all.len, "no text (only white space)"),
	      "all of them together are no text");
	sbuf_addstr(&all, "x");
	CHECK(decode(all.buf, all.len) == 0,
	      "one visible character among them is text");
	sbuf_release(&all);
	CHECK(rejected("\xa0\xa0 \xa0\r\n", 6, "no text (only white space)"),
	      "Windows-1252 no-break spaces are white space");
	CHECK(rejected("\xef\xbb\xbf\xe3\x80\x80", 6,
		       "no text (only white space)"),
	      "a BOM and an ideographic space are no text");
}

/* xorshift64*: the same bytes on every run and machine. */
static uint64_t rng_state = 34;
static unsigned rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (unsigned)((rng_state * 0x2545f4914f6cdd1dull) >> 32);
}

/* How many of tries random buffers of n bytes from [lo, hi] are taken as
 * text. */
static int random_accepted(size_t n, int tries, unsigned lo, unsigned hi)
{
	unsigned char *buf = malloc(n);
	int taken = 0;
	for (int t = 0; t < tries; t++) {
		for (size_t i = 0; i < n; i++)
			buf[i] = (unsigned char)(lo + rnd() % (hi - lo + 1));
		taken += decode(buf, n) == 0;
	}
	free(buf);
	return taken;
}

static void test_random(void)
{
	static const size_t sizes[] = {32, 64, 128, 256, 1024, 65536};
	for (size_t i = 0; i < NFS_ARRAY_SIZE(sizes); i++) {
		size_t n = sizes[i];
		int tries = n > 4096 ? 100 : 10000;
		int any = random_accepted(n, tries, 1, 255);
		int seven = random_accepted(n, tries, 1, 127);
		int nul = random_accepted(n, tries, 0, 255);
		printf("# random %zu bytes taken as text: %d of %d without NUL, "
		       "%d 7-bit, %d with NULs\n", n, any, tries, seven, nul);
		/* Short ones cannot always be told from text: a few
		 * bytes of it have no control character either. */
		int most = n >= 256 ? 0 : n >= 128 ? tries / 1000
			 : n >= 64 ? tries / 20 : tries / 4;
		CHECK(any <= most && seven <= most && nul <= most,
		      "random bytes of %zu are text at most %d times in %d",
		      n, most, tries);
	}
}

static void test_text(void)
{
	CHECK(decodes_to(english, strlen(english), english),
	      "UTF-8 is taken as it is");
	CHECK(decodes_to("\xef\xbb\xbfhi there", 11, "hi there"),
	      "a UTF-8 BOM is skipped");
	CHECK(decodes_to("caf\xe9 \x93q\x94", 8, "café “q”"),
	      "other text is read as Windows-1252");
	/* Russian in Windows-1251: not what it is read as, but text. */
	CHECK(decode("\xcc\xee\xf1\xea\xe2\xe0 \xe8 \xca\xe8\xe5\xe2\r\n", 15) == 0,
	      "text in another single-byte code page is still text");
	CHECK(decode("Old file\r\n\r\nText.\r\n\x1a", 20) == 0,
	      "a DOS end-of-file mark is text");
	CHECK(decode("JIS\n\x1b$BF|K\\\x1b(B text\n", 20) == 0,
	      "ISO-2022-JP escapes are text");
	CHECK(decode("KR \x0e\x21\x21\x0f text \x0e\x21\x22\x0f\n", 18) == 0,
	      "ISO-2022-KR shifts are text");
	CHECK(decodes_to("a\rb\r", 4, "a\nb\n"), "lone CRs read as LFs");
	CHECK(rejected("a\x01" "b\x02" "c\x03", 6,
		       "binary data (control characters)"),
	      "a short run of control characters is binary data");
	CHECK(rejected("a\0b", 3, "binary data (NUL bytes)"),
	      "a NUL byte in 8-bit text is binary data");
	CHECK(rejected(" \t\r\n", 4, "no text (only white space)"),
	      "ASCII white space is no text");
}

int main(void)
{
	test_text();
	test_wide();
	test_white_space();
	test_random();
	sbuf_release(&out);
	return check_failed ? 1 : 0;
}
