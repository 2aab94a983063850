/*
 * "The Clinton administration", "Biden administration officials": a
 * surname before "administration" names the head of that government, an
 * official, though the article gives no title ("The Bush
 * administration's reluctance ..."). So does a country named as a
 * ruler's ("Stalin's Russia, Ceausescu's Romania"). person.c joins the
 * surname to the one full name of the article that has it.
 */
#include "internal.h"

#include <errno.h>
#include <string.h>

static const char how_regime[] = "the head of an administration";

/* Is token k "administration" in lower case? ("the Sichuan government"
 * is a province's, "the Sandinista government" a movement's: a
 * government is named after more than its head.) */
static bool regime_word(const struct ext_view *v, const struct ext_tok *tok)
{
	return (tok->flags & TOK_LOWER) && tok->len == 14 &&
	       !memcmp(v->text + tok->off, "administration", 14);
}

/* Is token k a lone capitalised word that may be a surname? */
static bool surname_word(const struct ext_tok *tok)
{
	uint16_t bad = LEX_NAMESTOP | LEX_PUBLIC | LEX_ORGSUFFIX |
		       LEX_AGENCY | LEX_HAS_TITLE | LEX_MONTH;
	return (tok->flags & TOK_UPPER) && !(tok->flags & TOK_ALLCAPS) &&
	       !(tok->flags & (TOK_PLACE | TOK_WEAKPLACE | TOK_BLOCKED |
			       TOK_TITLE | TOK_CAPSPARA)) &&
	       !(tok->lexflags & bad) && tok->len >= 3;
}

int ext_regime_at(const struct ext_view *v, struct ext_toks *t, size_t i,
		  struct ext_cands *c)
{
	if (i == 0 || !regime_word(v, &t->v[i]))
		return 0;
	const struct ext_tok *tok = &t->v[i], *name = &t->v[i - 1];
	if (name->off + name->len + 1 != tok->off ||
	    (name->off > 0 && v->text[name->off - 1] != ' ' &&
	     v->text[name->off - 1] != '\n') ||
	    !surname_word(name))
		return 0;
	struct ext_cand x = {
		.name_off = name->off, .name_len = name->len,
		.why_off = name->off,
		.why_len = tok->off + tok->len - name->off,
		.how = how_regime,
	};
	if (ext_cands_push(c, &x))
		return -ENOMEM;
	t->v[i - 1].flags |= TOK_NAME;
	return 0;
}

static const char how_ruled[] = "a country named as its ruler's";

/* After a country: the end of a clause or a verb, not a noun it
 * qualifies ("Stalin's Russia, ...", "Putin's Russia is", not "Apple's
 * China sales"). */
static bool clause_after(const struct ext_view *v, size_t end)
{
	static const char *const next[] = {
		",", ".", ";", ":", ")", " -", " \xe2\x80\x94", " \xe2\x80\x93",
		" is ", " was ", " has ", " had ", " and ", " or ", " in ",
		" of ", " to ", " would ", " will ",
	};
	if (end >= v->len || v->text[end] == '\n')
		return true;
	for (size_t k = 0; k < NFS_ARRAY_SIZE(next); k++) {
		size_t n = strlen(next[k]);
		if (v->len - end >= n && !memcmp(v->text + end, next[k], n))
			return true;
	}
	return false;
}

/* The length of the country's name (not a short form, an abbreviation
 * or a city) that starts at token tok; 0 if none does. */
static size_t country_name_at(const struct ext_gaz *g,
			      const struct ext_view *v,
			      const struct ext_tok *tok)
{
	if (!(tok->lexflags & LEX_HAS_ALIAS))
		return 0;
	const struct ext_lexent *e = &g->lex[tok->lex];
	for (uint32_t k = 0; k < e->alias_n; k++) {
		const struct ext_phrase *p = &g->aliases[e->alias_first + k];
		if (ext_phrase_at(p, v->text + tok->off, v->len - tok->off,
				  false))
			return p->kind == EXT_K_NAME || p->kind == EXT_K_FORMER ?
			       p->len : 0;
	}
	return 0;
}

int ext_ruled_at(const struct ext_gaz *g, const struct ext_view *v,
		 struct ext_toks *t, size_t i, struct ext_cands *c)
{
	const struct ext_tok *tok = &t->v[i], *s = &t->v[i - 1];
	if ((tok->flags & (TOK_DEMONYM | TOK_CAPITAL | TOK_CAPSPARA)) ||
	    !(tok->flags & TOK_PLACE) || s->len != 1 ||
	    v->text[s->off] != 's' || s->off + 2 != tok->off)
		return 0;
	size_t len = country_name_at(g, v, tok);
	if (!len)
		return 0;
	/* "Stalin's" or "Stalin’s": the apostrophe before the s. */
	const struct ext_tok *name = &t->v[i - 2];
	size_t gap = s->off - (name->off + name->len);
	const char *ap = v->text + name->off + name->len;
	if (!((gap == 1 && *ap == '\'') ||
	      (gap == 3 && !memcmp(ap, "\xe2\x80\x99", 3))) ||
	    !surname_word(name) || (name->flags & TOK_NAME) ||
	    (name->off > 0 && v->text[name->off - 1] != ' ' &&
	     v->text[name->off - 1] != '\n'))
		return 0;
	size_t end = tok->off + len;
	if (!clause_after(v, end))
		return 0;
	struct ext_cand x = {
		.name_off = name->off, .name_len = name->len,
		.why_off = name->off, .why_len = (uint32_t)(end - name->off),
		.how = how_ruled,
	};
	if (ext_cands_push(c, &x))
		return -ENOMEM;
	t->v[i - 2].flags |= TOK_NAME;
	return 0;
}
