/*
 * People's names: finding where one starts and ends next to a title, and
 * its display form.
 *
 * A name is one to five capitalised words, with initials ("J."),
 * hyphenated or apostrophised parts ("Won-sik", "O'Brien"), particles
 * inside ("Ursula von der Leyen") and suffixes ("III", ", Jr."); an
 * honorific before it ("Mr.", "Dr.") and a possessive after it are not
 * part of it. Words the lexicon knows as non-names ("The", "Ministry",
 * "Reuters"), countries, and all-caps words end it.
 *
 * The key that merges variants of one name is in key.c.
 */
#include "internal.h"

#include <errno.h>
#include <string.h>
#include <strings.h>

/* At most this many words in a name ("Abdullah bin Zayed Al Nahyan"). */
#define NAME_WORDS 5
/* No name word is longer than this. */
#define NAME_WORD_MAX 40

enum word_kind { NW_NONE, NW_WORD, NW_INITIAL, NW_PARTICLE, NW_SUFFIX,
		 NW_HONORIFIC };

/* A joiner inside a name word: '-', '\'' or U+2019, before a letter. */
static size_t joiner(const char *s, size_t len, size_t i)
{
	size_t n = s[i] == '-' || s[i] == '\'' ? 1 :
		   len - i >= 3 && !memcmp(s + i, "\xe2\x80\x99", 3) ? 3 : 0;
	if (!n || !ext_word_at(s, len, i + n))
		return 0;
	/* "Japan's", "Austin’s": a possessive, not part of the word. */
	if ((s[i + n] == 's' || s[i + n] == 'S') && n + 1 <= len - i &&
	    !ext_word_at(s, len, i + n + 1) && s[i] != '-')
		return 0;
	return n;
}

/* The token that starts at s[i], or NULL: every name word starts one,
 * and the token carries its lexicon flags. */
static const struct ext_tok *tok_at(const struct ext_toks *t, size_t i)
{
	size_t k = ext_tok_at(t, i);
	return k < t->n && t->v[k].off == i ? &t->v[k] : NULL;
}

/* The same, looking first at the few tokens from hint on: a scan moves
 * from one word of a name to the next. */
#define HINT_TOKENS 4

static const struct ext_tok *tok_near(const struct ext_toks *t, size_t i,
				      const struct ext_tok *hint)
{
	const struct ext_tok *end = t->v + t->n;
	for (int n = 0; hint && hint < end && n < HINT_TOKENS; n++, hint++)
		if (hint->off >= i)
			return hint->off == i ? hint : NULL;
	return tok_at(t, i);
}

/* Lexicon flags of the word at s[i] ("Won" of "Won-sik"), 0 if none. */
static uint16_t word_flags_at(const struct ext_toks *t, size_t i)
{
	const struct ext_tok *tok = tok_at(t, i);
	return tok ? tok->lexflags : 0;
}

/* The name word at s[i]: its length and kind; *tok is the token it
 * starts with. */
static size_t name_word(const struct ext_toks *t, const char *s, size_t len,
			size_t i, enum word_kind *kind,
			const struct ext_tok **tok)
{
	*kind = NW_NONE;
	const struct ext_tok *w = *tok = tok_near(t, i, *tok);
	if (!w)
		return 0;
	bool cap = w->flags & TOK_UPPER;
	size_t j = i + w->len, n;
	uint32_t cp;
	if (cap && ext_utf8_next(s + i, len - i, &cp) == w->len && j < len &&
	    s[j] == '.') {
		*kind = NW_INITIAL;	/* "J.", and "J.R." as one */
		j = i + w->len + 1;
		while (ext_upper_at(s, len, j) && j + 1 < len && s[j + 1] == '.')
			j += 2;
		return j - i;
	}
	/* "Won-sik", "O'Brien": the next token after a joiner. */
	const struct ext_tok *next = w + 1, *end = t->v + t->n;
	while (j < len && j - i <= NAME_WORD_MAX &&
	       (n = joiner(s, len, j)) != 0 && next < end &&
	       next->off == j + n) {
		j = next->off + next->len;
		next++;
	}
	if (j - i > NAME_WORD_MAX)
		return 0;
	uint16_t f = w->lexflags;
	if (!cap) {
		/* "de", "van", "bin"; "al-Assad" and "d'Estaing" are whole
		 * words */
		bool elided = j - i > 2 && (s[i] == 'd' || s[i] == 'l') &&
			      s[i + 1] == '\'' && ext_upper_at(s, len, i + 2);
		if (elided || (memchr(s + i, '-', j - i) && (f & LEX_PARTICLE)))
			*kind = NW_WORD;
		else if (f & LEX_PARTICLE)
			*kind = NW_PARTICLE;
		return *kind ? j - i : 0;
	}
	*kind = f & LEX_HONORIFIC ? NW_HONORIFIC :
		f & LEX_SUFFIX ? NW_SUFFIX : NW_WORD;
	/* "Mr.", "Jr.", and "St." of "Fernand St. Germain" */
	if ((*kind != NW_WORD || (j - i == 2 && !memcmp(s + i, "St", 2))) &&
	    j < len && s[j] == '.')
		j++;
	return j - i;
}

/* Is the word of n bytes at token tok one that cannot be in a name? */
static bool stops_name(const struct ext_tok *tok, const char *s, size_t len,
		       size_t n, enum word_kind kind)
{
	if (tok->flags & TOK_PLACE)
		return true;
	if (kind == NW_WORD && (tok->flags & TOK_ALLCAPS) && tok->len > 1)
		return true;	/* "FREEDOM EDGE", "NATO" */
	uint16_t f = tok->lexflags;
	size_t end = tok->off + tok->len;
	/* "In-yong" is a name word, whatever "In" is alone. */
	if (n > tok->len)
		f &= (uint16_t)~LEX_NAMESTOP;
	/* "Houphouet-Boigny March 26": a date, not a name. */
	if ((f & LEX_MONTH) && end + 1 < len && s[end] == ' ' &&
	    ext_ascii_digit((unsigned char)s[end + 1]))
		return true;
	return f & (LEX_NAMESTOP | LEX_AGENCY | LEX_ORGSUFFIX);
}

size_t ext_possessive(const char *s, size_t len, size_t i)
{
	size_t n = i < len && s[i] == '\'' ? 1 :
		   len - i >= 3 && !memcmp(s + i, "\xe2\x80\x99", 3) ? 3 : 0;
	if (!n || i + n >= len || (s[i + n] != 's' && s[i + n] != 'S') ||
	    ext_word_at(s, len, i + n + 1))
		return 0;
	return n + 1;
}

/* Collects the words of a name as a scanner accepts them. */
struct collect {
	size_t start, end;	/* the name so far */
	uint32_t words, core;	/* all words; full words (not initials) */
	enum word_kind last;
};

static void accept(struct collect *c, size_t i, size_t n,
		   enum word_kind kind)
{
	if (!c->words)
		c->start = i;
	c->end = i + n;
	c->words++;
	c->core += kind == NW_WORD;
	c->last = kind;
}

/* ", Jr." after a name. */
static size_t comma_suffix(const struct ext_toks *t, const char *s,
			   size_t len, size_t i)
{
	enum word_kind kind;
	const struct ext_tok *tok = NULL;
	if (i + 2 >= len || s[i] != ',' || s[i + 1] != ' ')
		return 0;
	size_t n = name_word(t, s, len, i + 2, &kind, &tok);
	return kind == NW_SUFFIX ? n + 2 : 0;
}

bool ext_name_forward(const struct ext_toks *t, const char *s, size_t len,
		      size_t i, struct ext_name *out)
{
	struct collect c = {0};
	size_t end = i;
	bool hon = false;
	const struct ext_tok *tok = NULL;
	while (c.words < NAME_WORDS && i < len) {
		enum word_kind kind;
		size_t n = name_word(t, s, len, i, &kind, &tok);
		if (!n || (kind == NW_HONORIFIC && c.words) ||
		    (kind == NW_PARTICLE && !c.words) ||
		    (kind != NW_PARTICLE && stops_name(tok, s, len, n, kind)))
			break;
		if (kind != NW_HONORIFIC)
			accept(&c, i, n, kind);
		else
			hon = true;
		end = i + n;
		size_t p = ext_possessive(s, len, end), x;
		if (p) {
			end += p;
			break;
		}
		if ((x = comma_suffix(t, s, len, end)) != 0) {
			c.end = end = end + x;
			break;
		}
		if (end >= len || s[end] != ' ')
			break;
		tok++;	/* the next word's token, or near it */
		i = end + 1;
	}
	/* "Minister Kim de", "King Investors L.P.": not names. */
	if (c.last == NW_PARTICLE || c.last == NW_INITIAL || !c.core)
		return false;
	/* "General Host Corp": a company, whatever came before. */
	if (c.end + 1 < len && s[c.end] == ' ' &&
	    (word_flags_at(t, c.end + 1) & LEX_ORGSUFFIX))
		return false;
	*out = (struct ext_name){(uint32_t)c.start,
				 (uint32_t)(c.end - c.start), (uint32_t)end,
				 c.words, c.core, hon};
	return true;
}

/* Bytes that may end or be inside a name word, scanning backwards. */
static bool name_byte(unsigned char c)
{
	return c >= 0x80 || ext_ascii_upper(c) || ext_ascii_lower(c) ||
	       c == '-' || c == '\'' || c == '.';
}

bool ext_name_backward(const struct ext_toks *t, const char *s, size_t len,
		       size_t end, struct ext_name *out)
{
	size_t j = end, first = end;
	uint32_t words = 0, core = 0;
	while (words < NAME_WORDS) {
		size_t k = j;
		while (k > 0 && name_byte((unsigned char)s[k - 1]))
			k--;
		enum word_kind kind = NW_NONE;
		const struct ext_tok *tok = NULL;
		size_t n = k < j ? name_word(t, s, len, k, &kind, &tok) : 0;
		if (!n || n != j - k || kind == NW_HONORIFIC ||
		    (kind != NW_PARTICLE &&
		     stops_name(tok, s, len, j - k, kind)))
			break;
		words++;
		core += kind == NW_WORD;
		if (kind != NW_PARTICLE)
			first = k;	/* a name does not start with "de" */
		if (k < 2 || s[k - 1] != ' ')
			break;
		j = k - 1;
	}
	if (!core || first == end || (words == 1 &&
				       (word_flags_at(t, first) & LEX_MONTH)))
		return false;
	/* "the East Midlands MEP", "the Sands Of Time, the Prince of
	 * Persia": after an article or "of", the words are a thing's
	 * name, not a person's. */
	static const char *const before[] = {"the ", "of ", "a ", "an "};
	for (size_t i = 0; i < sizeof(before) / sizeof(before[0]); i++) {
		size_t n = strlen(before[i]);
		if (first >= n && strncasecmp(s + first - n, before[i], n) == 0 &&
		    (first == n || !name_byte((unsigned char)s[first - n - 1])))
			return false;
	}
	*out = (struct ext_name){(uint32_t)first, (uint32_t)(end - first),
				 (uint32_t)end, words, core, false};
	return true;
}

int ext_name_display(struct sbuf *out, const char *s, size_t len)
{
	/* The display is never longer than the span: write in place. */
	if (sbuf_grow(out, len + 1))
		return -ENOMEM;
	char *o = out->buf + out->len, *start = o;
	bool space = false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		/* A file name may not hold '/', a list may not hold '|'. */
		if (c <= ' ' || c == 0x7f || c == '/' || c == '|') {
			space = o > start;
			continue;
		}
		if (o == start && c == '.')
			continue;
		if (space)
			*o++ = ' ';
		*o++ = (char)c;
		space = false;
	}
	out->len = (size_t)(o - out->buf);
	out->buf[out->len] = '\0';
	return 0;
}
