/*
 * The merge key of an official's name (ext_official_key, documented in
 * extract.h): the one string that is equal for every way an article may
 * write one person. It depends on the name alone, so the index can merge
 * people across articles: "Lloyd J. Austin III", "Lloyd James Austin"
 * and "Austin Lloyd" all become "austin lloyd"; "Shin Won-sik" and "Shin
 * Wonsik" become "shin wonsik".
 */
#include "extract.h"
#include "internal.h"

#include <string.h>

/* Append word s[0, n) to out lower-cased and folded to ASCII, without
 * hyphens, apostrophes and stops ("Won-sik" -> "wonsik"). */
static size_t fold_word(char *out, size_t room, const char *s, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {	/* most names: ASCII, as below */
			bool word = ext_ascii_upper(c) || ext_ascii_lower(c) ||
				    ext_ascii_digit(c);
			if (word && o + 1 > room)
				break;
			if (word)
				out[o++] = (char)ext_ascii_tolower(c);
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = ext_utf8_next(s + i, n - i, &cp);
		char a = (char)ext_ascii_tolower(ext_cp_ascii(cp));
		if (a || (cp >= 0x80 && ext_cp_is_word(cp))) {
			size_t m = a ? 1 : k;
			if (o + m > room)
				break;
			memcpy(out + o, a ? &a : s + i, m);
			o += m;
		}
		i += k;
	}
	return o;
}

static bool in_words(const char *const *list, const char *w, size_t n)
{
	/* Every name of every article comes here: the first letter first. */
	for (; *list; list++)
		if ((*list)[0] == w[0] && !strncmp(*list, w, n) &&
		    (*list)[n] == '\0')
			return true;
	return false;
}

/* Words that never make two people different. The key must not depend
 * on the gazetteer, so these lists are the key's own. */
static const char *const key_skip[] = {
	"mr", "mrs", "ms", "dr", "prof", "professor", "sir", "dame", "mme",
	"mlle", "messrs", "mister", "madame", "herr", "gen", "lt", "col",
	"adm", "capt", "sgt", "maj", "sen", "rep", "gov", "hon", "amb",
	"pres", "sec", "jr", "sr", "ii", "iii", "iv", "lord", "lady",
	"baroness", "baron", "brig", "cllr", "rev", "reverend", NULL,
};

static const char *const key_particles[] = {
	"de", "da", "di", "du", "del", "della", "der", "den", "van", "von",
	"bin", "ibn", "al", "el", "la", "le", "dos", "das", "ter", "ten",
	"bint", "zu", NULL,
};

/* Korean and Chinese family names: "Kim Jong Un" is "Kim Jong-un". */
static const char *const family[] = {
	"kim", "lee", "park", "choi", "jung", "jeong", "kang", "cho", "jo",
	"yoon", "yun", "jang", "lim", "im", "han", "shin", "seo", "kwon",
	"hwang", "ahn", "song", "yoo", "ryu", "hong", "jeon", "ko", "moon",
	"yang", "son", "bae", "baek", "nam", "roh", "noh", "ban", "chung",
	"chun", "xi", "li", "wang", "zhang", "liu", "chen", "huang", "zhao",
	"wu", "zhou", "xu", "sun", "ma", "zhu", "hu", "guo", "lin", "zheng",
	"deng", "jiang", "wen", NULL,
};

#define KEY_WORDS 8
#define KEY_WORD_MAX 64

struct key_words {
	char w[KEY_WORDS][KEY_WORD_MAX];
	size_t len[KEY_WORDS];
	size_t n;
};

/* Split name into folded words, keeping only those that tell people
 * apart: no honorifics, suffixes, initials or lower-case particles. */
static void key_split(const char *name, size_t len, struct key_words *kw)
{
	kw->n = 0;
	for (size_t i = 0; i < len && kw->n < KEY_WORDS;) {
		while (i < len && (name[i] == ' ' || name[i] == ','))
			i++;
		size_t j = i;
		while (j < len && name[j] != ' ' && name[j] != ',')
			j++;
		size_t n = j - i;
		/* "Austin's" or "Austin’s" (a three-byte apostrophe) */
		if (n >= 2 && ext_possessive(name, j, j - 2) == 2)
			n -= 2;
		else if (n >= 4 && ext_possessive(name, j, j - 4) == 4)
			n -= 4;
		char *w = kw->w[kw->n];
		size_t m = fold_word(w, KEY_WORD_MAX, name + i, n);
		bool particle = n && ext_ascii_lower((unsigned char)name[i]) &&
				in_words(key_particles, w, m);
		if (m >= 2 && !particle && !in_words(key_skip, w, m))
			kw->len[kw->n++] = m;
		i = j;
	}
}

size_t ext_official_key(char *out, size_t outsz, const char *name,
			size_t len)
{
	struct key_words kw;
	key_split(name, len, &kw);
	if (!outsz)
		return 0;
	out[0] = '\0';
	if (!kw.n)
		return 0;
	size_t a = 0, b = kw.n - 1;
	if (kw.n == 3 && in_words(family, kw.w[0], kw.len[0]) &&
	    kw.len[1] <= 4 && kw.len[2] <= 4) {
		memcpy(kw.w[1] + kw.len[1], kw.w[2], kw.len[2]);
		kw.len[1] += kw.len[2];
		b = 1;
	}
	/* Given-first and family-first orders give one key. */
	if (b != a) {
		size_t n = kw.len[a] < kw.len[b] ? kw.len[a] : kw.len[b];
		int c = memcmp(kw.w[a], kw.w[b], n);
		if (c > 0 || (c == 0 && kw.len[a] > kw.len[b])) {
			a = b;
			b = 0;
		}
	}
	size_t o = 0;
	for (size_t k = 0; k < 2 && (k == 0 || a != b); k++) {
		size_t idx = k ? b : a, n = kw.len[idx];
		if (o + (k ? 1 : 0) + n + 1 > outsz)
			break;
		if (k)
			out[o++] = ' ';
		memcpy(out + o, kw.w[idx], n);
		o += n;
	}
	out[o] = '\0';
	return o;
}
