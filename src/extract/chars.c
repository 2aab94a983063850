/*
 * Characters: UTF-8 decoding and the classes every match relies on.
 *
 * Word boundaries decide every match ("Niger" must not match inside
 * "Nigeria", "Japan's" must match "Japan"), so one definition of a word
 * character serves the whole module: letters and digits of any script.
 * Most news text is ASCII, which takes a table lookup; other characters
 * are classified by range, which is exact for the scripts news uses and
 * errs towards "letter" elsewhere (a wrong "letter" only blocks a match).
 */
#include "internal.h"

size_t ext_utf8_next(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
	if (n == 0 || n > len || c > 0xf4)
		goto bad;
	uint32_t v = c & (0x7f >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			goto bad;
		v = v << 6 | (s[i] & 0x3f);
	}
	*cp = v;
	return n;
bad:
	*cp = 0xfffd;
	return 1;
}

size_t ext_utf8_prev(const char *str, size_t i)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t j = i - 1;
	/* A character is at most four bytes: never walk further back. */
	while (j > 0 && i - j < 4 && (s[j] & 0xc0) == 0x80)
		j--;
	return j;
}

bool ext_cp_is_space(uint32_t cp)
{
	if (cp < 0x80)
		return cp <= ' ' || cp == 0x7f;
	return cp < 0xa0 || cp == 0xa0 || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 ||
	       cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

bool ext_cp_is_invisible(uint32_t cp)
{
	return cp == 0xad || (cp >= 0x200b && cp <= 0x200f) ||
	       (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2060 && cp <= 0x2069) || cp == 0xfeff ||
	       (cp >= 0xfe00 && cp <= 0xfe0f);
}

/* Punctuation inside otherwise alphabetic blocks. */
static bool is_script_punct(uint32_t cp)
{
	switch (cp) {
	case 0x37e: case 0x387:				/* Greek */
	case 0x589: case 0x5be: case 0x5c0: case 0x5c3:	/* Armenian, Hebrew */
	case 0x5f3: case 0x5f4:
	case 0x60c: case 0x60d: case 0x61b: case 0x61f:	/* Arabic */
	case 0x66a: case 0x66b: case 0x66c: case 0x66d: case 0x6d4:
	case 0x964: case 0x965:				/* Devanagari */
	case 0xe4f: case 0xe5a: case 0xe5b:		/* Thai */
		return true;
	}
	return false;
}

bool ext_cp_is_word(uint32_t cp)
{
	if (cp < 0x80)
		return ext_ascii_upper((int)cp) || ext_ascii_lower((int)cp) ||
		       ext_ascii_digit((int)cp);
	if (cp < 0xc0)		/* Latin-1 punctuation and symbols */
		return cp == 0xaa || cp == 0xb5 || cp == 0xba;
	if (cp == 0xd7 || cp == 0xf7)
		return false;	/* multiplication and division signs */
	if (cp < 0x2000)
		return !is_script_punct(cp) && cp != 0x1680;
	if (cp < 0x2c00)	/* punctuation, symbols, arrows, boxes */
		return false;
	if (cp >= 0x2e00 && cp < 0x2e80)
		return false;	/* supplemental punctuation */
	if (cp >= 0x3000 && cp < 0x3040)
		return cp >= 0x3005 && cp <= 0x3007;
	if (cp >= 0xd800 && cp < 0xf900)
		return false;	/* surrogates, private use */
	if (cp >= 0xfe00 && cp < 0xfe70)
		return false;	/* variation selectors, small forms */
	if (cp >= 0xfeff && cp < 0xff10)
		return false;	/* BOM, fullwidth punctuation */
	if (cp >= 0xff10 && cp < 0xfff0)
		return (cp <= 0xff19) || (cp >= 0xff21 && cp <= 0xff3a) ||
		       (cp >= 0xff41 && cp <= 0xff5a) || cp >= 0xff66;
	if (cp >= 0xfff0 && cp < 0x10000)
		return false;	/* specials, U+FFFD */
	if (cp >= 0x1f000 && cp < 0x1fb00)
		return false;	/* emoji and pictographs */
	return true;
}

/* Latin Extended-A alternates case by code point parity, with the
 * parity flipping in U+0139..U+0148 and U+0179..U+017E. */
static bool latin_ext_a_upper(uint32_t cp)
{
	if (cp == 0x138 || cp == 0x149 || cp == 0x17f)
		return false;
	if (cp == 0x178)
		return true;
	bool odd_upper = (cp >= 0x139 && cp <= 0x148) ||
			 (cp >= 0x179 && cp <= 0x17e);
	return (cp & 1) == (odd_upper ? 1u : 0u);
}

bool ext_cp_is_upper(uint32_t cp)
{
	if (cp < 0x80)
		return ext_ascii_upper((int)cp);
	if (cp >= 0xc0 && cp <= 0xde)
		return cp != 0xd7;
	if (cp >= 0x100 && cp <= 0x17f)
		return latin_ext_a_upper(cp);
	return (cp >= 0x391 && cp <= 0x3a9) || (cp >= 0x400 && cp <= 0x42f);
}

bool ext_upper_at(const char *s, size_t len, size_t i)
{
	uint32_t cp;
	if (i >= len)
		return false;
	ext_utf8_next(s + i, len - i, &cp);
	return ext_cp_is_upper(cp);
}

bool ext_cp_is_lower(uint32_t cp)
{
	if (cp < 0x80)
		return ext_ascii_lower((int)cp);
	if (cp >= 0xdf && cp <= 0xff)
		return cp != 0xf7;
	if (cp >= 0x100 && cp <= 0x17f)
		return !latin_ext_a_upper(cp);
	return (cp >= 0x3b1 && cp <= 0x3c9) || (cp >= 0x430 && cp <= 0x45f);
}

/* ASCII letters for U+00C0..U+017F ('\0': keep the character). */
static const char fold_latin[] =
	"aaaaaaaceeeeiiiidnooooo\0ouuuuyts"	/* U+00C0 */
	"aaaaaaaceeeeiiiidnooooo\0ouuuuyty"	/* U+00E0 */
	"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii"
	"iijjkkk" "llllllllll" "nnnnnnnnnoooooooorrrrrrssssssss"
	"ttttttuuuuuuuuuuuuwwyyyzzzzzzs";			/* U+0100 */
_Static_assert(sizeof(fold_latin) == 0x180 - 0xc0 + 1,
	       "one letter per code point from U+00C0 to U+017F");

int ext_cp_ascii(uint32_t cp)
{
	if (cp < 0x80)
		return ext_cp_is_word(cp) ? ext_ascii_toupper((int)cp) : 0;
	if (cp >= 0xc0 && cp <= 0x17f)
		return ext_ascii_toupper(fold_latin[cp - 0xc0]);
	return 0;
}

size_t ext_word_at(const char *s, size_t len, size_t i)
{
	if (i >= len)
		return 0;
	unsigned char c = (unsigned char)s[i];
	if (c < 0x80)
		return ext_cp_is_word(c) ? 1 : 0;
	uint32_t cp;
	size_t n = ext_utf8_next(s + i, len - i, &cp);
	return ext_cp_is_word(cp) ? n : 0;
}

bool ext_word_before(const char *s, size_t i)
{
	if (i == 0)
		return false;
	unsigned char c = (unsigned char)s[i - 1];
	if (c < 0x80)
		return ext_cp_is_word(c);
	size_t j = ext_utf8_prev(s, i);
	uint32_t cp;
	ext_utf8_next(s + j, i - j, &cp);
	return ext_cp_is_word(cp);
}
