/*
 * "The Clinton administration", "Biden administration officials": a
 * surname before "administration" names the head of that government, an
 * official, though the article gives no title ("The Bush
 * administration's reluctance ..."). person.c joins the surname to the
 * one full name of the article that has it.
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
