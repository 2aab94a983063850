/*
 * Tokens: the cleaned text cut into words, each looked up once in the
 * lexicon (lexicon.c) so that no later step needs a second lookup.
 * Character classes are chars.c's.
 */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>

static int toks_push(struct ext_toks *t, const struct ext_tok *tok)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 1024;
		struct ext_tok *v = realloc(t->v, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		t->v = v;
		t->cap = cap;
	}
	t->v[t->n++] = *tok;
	return 0;
}

/* Classes of the bytes of ASCII words, looked up once per byte: a word
 * character, and its case. Bytes from 0x80 on are 0 here and go the
 * UTF-8 way. */
enum { C_WORD = 1, C_UPPER = 2, C_LOWER = 4 };
/* C_LOWER << 3 is the 32 that folds a lower-case letter to upper case. */
_Static_assert(C_LOWER << 3 == 'a' - 'A', "folding by the class bit");

#define LETTER(c) [c] = C_WORD | C_UPPER, [(c) + 32] = C_WORD | C_LOWER
static const uint8_t ascii_class[256] = {
	LETTER('A'), LETTER('B'), LETTER('C'), LETTER('D'), LETTER('E'),
	LETTER('F'), LETTER('G'), LETTER('H'), LETTER('I'), LETTER('J'),
	LETTER('K'), LETTER('L'), LETTER('M'), LETTER('N'), LETTER('O'),
	LETTER('P'), LETTER('Q'), LETTER('R'), LETTER('S'), LETTER('T'),
	LETTER('U'), LETTER('V'), LETTER('W'), LETTER('X'), LETTER('Y'),
	LETTER('Z'),
	['0'] = C_WORD, ['1'] = C_WORD, ['2'] = C_WORD, ['3'] = C_WORD,
	['4'] = C_WORD, ['5'] = C_WORD, ['6'] = C_WORD, ['7'] = C_WORD,
	['8'] = C_WORD, ['9'] = C_WORD,
};
#undef LETTER

/* Scans one word: its end, folded hash and case flags, in one pass
 * (this loop sees every byte of every article, so ASCII runs have their
 * own tight loop). */
struct word_scan {
	uint32_t hash;
	bool upper, lower;
};

/* The ASCII letters and digits from p on: where they end; their
 * classes added to *cls, their folded bytes to the hash *h. Pointers and
 * locals only, so that the loop keeps everything in registers. */
static const unsigned char *ascii_run(const unsigned char *p,
				      const unsigned char *end, uint32_t *h,
				      unsigned *cls)
{
	uint32_t x = *h;
	unsigned all = 0;
	for (; p < end; p++) {
		unsigned k = ascii_class[*p];
		if (!k)
			break;
		all |= k;
		x = (x ^ (*p - ((k & C_LOWER) << 3))) * 16777619u;
	}
	*h = x;
	*cls |= all;
	return p;
}

static size_t scan_word(const char *text, size_t i, size_t end,
			struct word_scan *w)
{
	uint32_t h = 2166136261u;	/* FNV-1a */
	unsigned cls = 0, up = 0, lo = 0;
	const unsigned char *u = (const unsigned char *)text;
	for (;;) {
		i = (size_t)(ascii_run(u + i, u + end, &h, &cls) - u);
		if (i >= end || (unsigned char)text[i] < 0x80)
			break;
		uint32_t cp;
		size_t n = ext_utf8_next(text + i, end - i, &cp);
		if (!ext_cp_is_word(cp))
			break;
		up |= ext_cp_is_upper(cp);
		lo |= ext_cp_is_lower(cp);
		for (size_t k = 0; k < n; k++)
			h = (h ^ (unsigned char)text[i + k]) * 16777619u;
		i += n;
	}
	w->hash = h;
	w->upper = up || (cls & C_UPPER);
	w->lower = lo || (cls & C_LOWER);
	return i;
}

/* TOK_UPPER, TOK_LOWER or TOK_DIGIT for the character at s. */
static uint16_t first_flags(const char *s, size_t len)
{
	unsigned c = (unsigned char)*s;
	if (c < 0x80) {
		unsigned k = ascii_class[c];
		return k & C_UPPER ? TOK_UPPER : k & C_LOWER ? TOK_LOWER :
		       k ? TOK_DIGIT : 0;
	}
	uint32_t cp;
	ext_utf8_next(s, len, &cp);
	if (ext_cp_is_upper(cp))
		return TOK_UPPER;
	if (ext_cp_is_lower(cp))
		return TOK_LOWER;
	return cp < 0x80 && ext_ascii_digit((int)cp) ? TOK_DIGIT : 0;
}

/* Tokenize one paragraph. */
static int tokenize_para(const struct ext_gaz *g, const char *text,
			 const struct ext_para *p, struct ext_toks *t)
{
	size_t i = p->off, end = p->off + p->len;
	uint16_t para = (p->flags & PARA_CAPS ? TOK_CAPSPARA : 0) |
			TOK_PARA_START;
	while (i < end) {
		/* Spaces and punctuation between words: no word to scan. */
		unsigned c = (unsigned char)text[i];
		if (c < 0x80 && !ascii_class[c]) {
			i++;
			continue;
		}
		struct word_scan w;
		size_t start = i;
		i = scan_word(text, i, end, &w);
		if (i == start) {
			i += ext_utf8_next(text + i, end - i, &w.hash);
			continue;
		}
		struct ext_tok tok = {
			.off = (uint32_t)start,
			.len = (uint32_t)(i - start),
			.lex = -1,
			.flags = first_flags(text + start, i - start) | para |
				 (w.upper && !w.lower ? TOK_ALLCAPS : 0),
		};
		para &= (uint16_t)~TOK_PARA_START;
		t->cjk |= (unsigned char)text[start] >= 0xe3;
		if (tok.len <= g->max_key)
			tok.lex = ext_lex_lookup(g, text + start, tok.len,
						 w.hash, &tok.lexflags);
		if (toks_push(t, &tok))
			return -ENOMEM;
	}
	return 0;
}

int ext_tokenize(const struct ext_gaz *g, const struct ext_view *v,
		 struct ext_toks *t)
{
	t->n = 0;
	t->cjk = false;
	for (size_t i = 0; i < v->nparas; i++)
		if (tokenize_para(g, v->text, &v->paras[i], t))
			return -ENOMEM;
	return 0;
}

size_t ext_tok_at(const struct ext_toks *t, size_t off)
{
	size_t lo = 0, hi = t->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->v[mid].off < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}
