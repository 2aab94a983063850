/*
 * "The Clinton administration", "the Blair government": a surname before
 * a word for a government names the head of that government, an
 * official, though the article gives no title ("The Bush
 * administration's reluctance ..."). person.c joins the surname to the
 * one full name of the article that has it.
 */
#include "internal.h"

#include <errno.h>
#include <string.h>

static const char how_regime[] = "the head of an administration";

/* Is token k "administration" or "government" in lower case? */
static bool regime_word(const struct ext_view *v, const struct ext_tok *tok)
{
	const char *s = v->text + tok->off;
	return (tok->flags & TOK_LOWER) &&
	       ((tok->len == 14 && !memcmp(s, "administration", 14)) ||
		(tok->len == 10 && !memcmp(s, "government", 10)));
}

/* Is token k a lone capitalised word that may be a surname? */
static bool surname_word(const struct ext_view *v, const struct ext_tok *tok)
{
	uint16_t bad = LEX_NAMESTOP | LEX_PUBLIC | LEX_ORGSUFFIX |
		       LEX_AGENCY | LEX_HAS_TITLE | LEX_MONTH;
	return (tok->flags & TOK_UPPER) && !(tok->flags & TOK_ALLCAPS) &&
	       !(tok->flags & (TOK_PLACE | TOK_WEAKPLACE | TOK_BLOCKED |
			       TOK_TITLE | TOK_CAPSPARA)) &&
	       !(tok->lexflags & bad) && tok->len >= 3 &&
	       v->text[tok->off - 1] == ' ';
}

int ext_find_regimes(const struct ext_view *v, struct ext_toks *t,
		     struct ext_cands *c)
{
	for (size_t i = 2; i < t->n; i++) {
		const struct ext_tok *tok = &t->v[i], *name = &t->v[i - 1],
				     *the = &t->v[i - 2];
		if (tok->len < 10 || !regime_word(v, tok) ||
		    name->off + name->len + 1 != tok->off ||
		    the->off + the->len + 1 != name->off ||
		    the->len != 3 || memcmp(v->text + the->off + 1, "he", 2) ||
		    (the->flags & TOK_NAME) || !surname_word(v, name))
			continue;
		struct ext_cand x = {
			.name_off = name->off, .name_len = name->len,
			.why_off = the->off,
			.why_len = tok->off + tok->len - the->off,
			.how = how_regime,
		};
		if (ext_cands_push(c, &x))
			return -ENOMEM;
		t->v[i - 1].flags |= TOK_NAME;
	}
	return 0;
}
