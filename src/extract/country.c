/*
 * Countries: which ones an article mentions.
 *
 * The matcher follows the gazetteer's rules (data/gazetteer/README.md):
 * case-sensitive, whole words, leftmost-longest over aliases and
 * blocklist phrases together, so "Papua New Guinea" is not Guinea and
 * "South China Sea" (blocklist) is not China. All-caps paragraphs (wire
 * headlines) compare case-insensitively, where "US" cannot be "us".
 *
 * A mention is strong (it counts alone) or weak (it counts only if the
 * same country has another mention of a different form):
 *  - names, official names, abbreviations, short forms, demonyms and
 *    former names are strong unless the gazetteer marks them ambiguous
 *    ("Georgia", "Jordan", "Korea");
 *  - a capital is strong only where it is a place: after "in", "at",
 *    "to", "visited" ("talks in Seoul"), as the venue of games ("the
 *    1936 Berlin Games") or as the dateline ("TOKYO, March 3 -");
 *    elsewhere "Paris Club" or "Tokyo Stock Exchange" is not a mention
 *    of the country, and "Washington" may be the state or a surname;
 *  - a seat of government ("Downing Street", "the Kremlin") is strong
 *    wherever it stands: it names the state ("Downing Street said").
 */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The longest phrase of the token's first word that matches here. */
static const struct ext_phrase *longest(const struct ext_gaz *g,
					const struct ext_view *v,
					const struct ext_tok *tok)
{
	const struct ext_lexent *e = &g->lex[tok->lex];
	bool fold = tok->flags & TOK_CAPSPARA;
	for (uint32_t k = 0; k < e->alias_n; k++) {
		const struct ext_phrase *p = &g->aliases[e->alias_first + k];
		if (ext_phrase_at(p, v->text + tok->off, v->len - tok->off,
				  fold))
			return p;
	}
	return NULL;
}

/* Does token i follow a word that puts it in place ("in Seoul", "talks
 * in Seoul")? After "the" a capital names a thing ("in the Paris
 * accord"). */
static bool placed(const struct ext_view *v, const struct ext_toks *t,
		   size_t i)
{
	const struct ext_tok *tok = &t->v[i];
	if (i == 0 || (tok->flags & TOK_PARA_START))
		return false;
	const struct ext_tok *prev = &t->v[i - 1];
	/* Only a single space between: "in Seoul", not "in, Seoul". */
	return prev->off + prev->len + 1 == tok->off &&
	       v->text[tok->off - 1] == ' ' && (prev->lexflags & LEX_LOCATIVE);
}

/* Does token j follow text[end] directly, after one space or hyphen? */
static bool next_to(const struct ext_view *v, const struct ext_toks *t,
		    size_t j, size_t end)
{
	return j < t->n && t->v[j].off == end + 1 &&
	       (v->text[end] == ' ' || v->text[end] == '-');
}

/* Capitalised words after a country that end in "Corp", "Airlines",
 * "Telecom": the country names a company ("British Telecom", "Swiss Bank
 * Corporation"), unless a public word makes it a state body ("U.S.
 * Federal Reserve Bank"). */
#define COMPANY_WORDS 4

static bool company_after(const struct ext_view *v, const struct ext_toks *t,
			  size_t j, size_t end)
{
	for (int n = 0; n < COMPANY_WORDS && next_to(v, t, j, end) &&
	     (t->v[j].flags & TOK_UPPER) && v->text[end] == ' '; n++, j++) {
		uint16_t f = t->v[j].lexflags;
		if (f & LEX_PUBLIC)
			return false;
		if (f & LEX_ORGSUFFIX)
			return true;
		end = t->v[j].off + t->v[j].len;
	}
	return false;
}

/* Bytes looked at around a mention for Reuters' company marks. */
#define MARK_SCAN 64

/* Is text[off, end) inside "<...>", Reuters' mark of a company name
 * ("<SHV (United Kingdom) Holding Co Ltd>")? */
static bool in_mark(const struct ext_view *v, size_t off, size_t end)
{
	const char *s = v->text;
	size_t i = off, stop = off > MARK_SCAN ? off - MARK_SCAN : 0;
	while (i > stop && s[i - 1] != '<' && s[i - 1] != '>' &&
	       s[i - 1] != '\n')
		i--;
	if (i == stop || s[i - 1] != '<')
		return false;
	for (size_t k = end; k < v->len && k < end + MARK_SCAN; k++)
		if (s[k] == '<' || s[k] == '>' || s[k] == '\n')
			return s[k] == '>';
	return false;
}

/* "Industrial Bank of Japan", "Royal Bank of Canada": a company named
 * "of" a country, unlike a state's own "Bank of Japan" or "Central Bank
 * of ...", where nothing or a public word comes before "Bank". */
static bool company_before(const struct ext_view *v,
			   const struct ext_toks *t, size_t i)
{
	if (i < 3 || t->v[i - 1].len != 2 ||
	    memcmp(v->text + t->v[i - 1].off, "of", 2))
		return false;
	const struct ext_tok *org = &t->v[i - 2], *name = &t->v[i - 3];
	return (org->flags & TOK_UPPER) && (org->lexflags & LEX_ORGSUFFIX) &&
	       (name->flags & TOK_UPPER) &&
	       !(name->lexflags & (LEX_PUBLIC | LEX_DETERMINER)) &&
	       name->off + name->len + 1 == org->off;
}

/*
 * A country's name used for something other than the country: a
 * currency ("U.S. dlrs", "Japanese yen"), a company ("British Telecom",
 * "Industrial Bank of Japan", anything in "<...>"), an ethnic group
 * ("ethnic Chinese"). Such a mention does not count, not even in
 * support of another.
 */
static bool other_use(const struct ext_view *v, const struct ext_toks *t,
		      size_t i, size_t j, size_t end, bool marks)
{
	if (next_to(v, t, j, end) && (t->v[j].lexflags & LEX_CURRENCY))
		return true;
	const struct ext_tok *prev = i ? &t->v[i - 1] : NULL;
	if (prev && prev->len == 6 &&
	    !strncasecmp(v->text + prev->off, "ethnic", 6))
		return true;
	return (marks && in_mark(v, t->v[i].off, end)) ||
	       company_after(v, t, j, end) || company_before(v, t, i);
}

/* "the 1936 Berlin Games", "the Athens Olympics", "the Madrid peace
 * talks", "a London-based group": a capital as the venue of games or
 * talks, or where something is based, is a place. */
static bool venue(const struct ext_view *v, const struct ext_toks *t,
		  size_t i, const struct ext_phrase *p)
{
	static const char *const words[] = {
		"Games", "Olympics", "Olympic", "summit", "Summit", "talks",
		"peace", "conference", "Conference", NULL,
	};
	size_t end = t->v[i].off + p->len, j = i + 1;
	while (j < t->n && t->v[j].off < end)
		j++;
	if (!next_to(v, t, j, end))
		return false;
	const char *w = v->text + t->v[j].off;
	size_t n = t->v[j].len;
	if (v->text[end] == '-')
		return n == 5 && !memcmp(w, "based", 5);
	return ext_in_list(words, w, n);
}

/* Does the phrase p at token i count on its own? */
static bool is_strong(const struct ext_view *v, const struct ext_toks *t,
		      size_t i, const struct ext_phrase *p)
{
	if (p->ambiguous)
		return false;
	/* "Downing Street said", "neither the White House nor": a seat of
	 * government names its state wherever it stands. */
	if (p->kind == EXT_K_METONYM)
		return true;
	if (p->kind == EXT_K_CAPITAL)
		return placed(v, t, i) || venue(v, t, i, p);
	return true;
}

/* How tokens inside phrase p are flagged. */
static uint16_t phrase_flag(const struct ext_phrase *p)
{
	return p->kind == EXT_K_BLOCK ? TOK_BLOCKED :
	       (p->ambiguous ? TOK_WEAKPLACE : TOK_PLACE) |
	       (p->kind == EXT_K_DEMONYM ? TOK_DEMONYM : 0) |
	       (p->kind == EXT_K_CAPITAL ? TOK_CAPITAL : 0);
}

/* A mention of the alias p at tokens [i, j); marks, whether the text
 * has a '<' at all. */
static int push_alias(const struct ext_gaz *g, const struct ext_view *v,
		      const struct ext_toks *t, size_t i, size_t j,
		      const struct ext_phrase *p, bool marks,
		      struct ext_mentions *m)
{
	bool other = other_use(v, t, i, j, t->v[i].off + p->len, marks);
	struct ext_mention x = {
		.off = t->v[i].off, .len = p->len,
		.phrase = (uint32_t)(p - g->aliases),
		.country = p->country,
		.strong = !other && is_strong(v, t, i, p),
		.dropped = other,
		.place = p->kind == EXT_K_CAPITAL ||
			 p->kind == EXT_K_METONYM || p->kind == EXT_K_REGION,
		.tok_first = (uint32_t)i, .tok_end = (uint32_t)j,
	};
	return ext_mentions_push(m, &x);
}

/* Characters of the longest Chinese or Japanese name looked for. */
#define CJK_NAME_CHARS 8

/* The alias written exactly s[0, n), if the lexicon has one. */
static const struct ext_phrase *exact_alias(const struct ext_gaz *g,
					    const char *s, size_t n)
{
	int32_t e = ext_lex_find(g, s, n, ext_fold_hash(s, n));
	if (e < 0 || !(g->lex[e].flags & LEX_HAS_ALIAS))
		return NULL;
	for (uint32_t k = 0; k < g->lex[e].alias_n; k++) {
		const struct ext_phrase *p = &g->aliases[g->lex[e].alias_first + k];
		if (p->len == n && !memcmp(p->text, s, n))
			return p;
	}
	return NULL;
}

/*
 * Chinese and Japanese write no spaces, so a country's name ("美国",
 * "俄罗斯") stands inside a run of characters that is one token: look
 * for the longest name at each character, left to right. Names the
 * gazetteer marks ambiguous begin other words there and are not read.
 */
static int cjk_mentions(const struct ext_gaz *g, const struct ext_view *v,
			size_t i, const struct ext_tok *tok,
			struct ext_mentions *m)
{
	const char *s = v->text;
	size_t end = tok->off + tok->len;
	for (size_t at = tok->off; at < end;) {
		size_t ends[CJK_NAME_CHARS + 1], n = 0;
		uint32_t cp;
		for (size_t p = at; p < end && n <= CJK_NAME_CHARS;)
			ends[n++] = p += ext_utf8_next(s + p, end - p, &cp);
		const struct ext_phrase *ph = NULL;
		/* Two characters at least: one is no name. */
		while (n >= 2 && !ph) {
			size_t len = ends[--n] - at;
			if (len <= g->max_key)
				ph = exact_alias(g, s + at, len);
			if (ph && (ph->ambiguous || ph->kind == EXT_K_BLOCK))
				ph = NULL;
		}
		if (!ph) {
			at = ends[0];
			continue;
		}
		struct ext_mention x = {
			.off = (uint32_t)at, .len = ph->len,
			.phrase = (uint32_t)(ph - g->aliases),
			.country = ph->country, .strong = 1,
			.tok_first = (uint32_t)i, .tok_end = (uint32_t)i + 1,
		};
		if (ext_mentions_push(m, &x))
			return -ENOMEM;
		at += ph->len;
	}
	return 0;
}

int ext_find_mentions(const struct ext_gaz *g, const struct ext_view *v,
		      struct ext_toks *t, const struct ext_dateline *dl,
		      struct ext_mentions *m)
{
	m->n = 0;
	bool marks = memchr(v->text, '<', v->len) != NULL;
	for (size_t i = 0; i < t->n;) {
		struct ext_tok *tok = &t->v[i];
		const struct ext_phrase *p = tok->lexflags & LEX_HAS_ALIAS ?
					     longest(g, v, tok) : NULL;
		size_t j = i + 1;
		unsigned char c0 = (unsigned char)v->text[tok->off];
		if (t->cjk && c0 >= 0xe3 && c0 <= 0xe9 && !p) {
			if (cjk_mentions(g, v, i, tok, m))
				return -ENOMEM;
		} else if (p) {
			j = i;
			while (j < t->n && t->v[j].off < tok->off + p->len)
				t->v[j++].flags |= phrase_flag(p);
			if (p->kind != EXT_K_BLOCK &&
			    push_alias(g, v, t, i, j, p, marks, m))
				return -ENOMEM;
		}
		/* After the alias: "Georgia" in "Atlanta, Georgia" is dropped
		 * once it turns out to be the state. */
		if ((tok->lexflags & LEX_REGION) &&
		    ext_region_at(g, v, t, i, m))
			return -ENOMEM;
		i = j;
	}
	/* The dateline last: a city of two countries is the one the text
	 * names. */
	return ext_dateline_place(g, v, t, dl, m);
}
