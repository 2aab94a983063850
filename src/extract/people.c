/*
 * People named without an office in the article: every full name ("Alan
 * Greenspan", "Kim Jong-un"), and a surname where something shows it is
 * a person's ("Mr Blair", "Blair said"). They let an article name an
 * official by the fullest form it writes ("President Bush" and "George W
 * Bush" are one), and let the index make a person an official in every
 * article once any article establishes the office (docs/officials.md).
 *
 * A name here is what name.c scans: capitalised words, no place, no word
 * that never names a person. A run like "Manchester United" passes for a
 * name too; it costs nothing unless some article makes it an official.
 */
#include "internal.h"

#include <errno.h>
#include <string.h>

/* Verbs of speech after a surname: "Blair said", "Howard told MPs". */
static bool speech_after(const char *s, size_t len, size_t end)
{
	static const struct {
		const char *w;
		size_t n;
	} verbs[] = {
		{" said", 5}, {" says", 5}, {" told", 5}, {" added", 6},
		{" insisted", 9}, {" argued", 7}, {" warned", 7},
		{" claimed", 8}, {" announced", 10}, {" replied", 8},
	};
	if (len - end < 6 || s[end] != ' ')
		return false;
	char c = s[end + 1];
	if (c != 's' && c != 't' && c != 'a' && c != 'i' && c != 'w' &&
	    c != 'c' && c != 'r')
		return false;
	for (size_t k = 0; k < NFS_ARRAY_SIZE(verbs); k++) {
		size_t n = verbs[k].n;
		if (verbs[k].w[1] == c && len - end > n &&
		    !memcmp(s + end, verbs[k].w, n) &&
		    !ext_word_at(s, len, end + n))
			return true;
	}
	return false;
}

/* Can a name start at token i? Not inside a word ("O'Brien", "Won-sik"),
 * not on a word that is never a name, not in a capitals paragraph. */
static bool may_start(const struct ext_view *v, const struct ext_tok *tok)
{
	if (!(tok->flags & TOK_UPPER) ||
	    (tok->flags & (TOK_NAME | TOK_TITLE | TOK_PLACE | TOK_BLOCKED |
			   TOK_CAPSPARA)))
		return false;
	if ((tok->lexflags & (LEX_NAMESTOP | LEX_AGENCY | LEX_ORGSUFFIX)) &&
	    !(tok->lexflags & LEX_HONORIFIC))
		return false;
	if (tok->off == 0)
		return true;
	char c = v->text[tok->off - 1];
	return c == ' ' || c == '\n' || c == '"' || c == '(';
}

/* Could a person's name start at token i: another capitalised word or
 * an initial right after it, an honorific it is, or a verb of speech
 * after it? Most capitalised words are none of these, and this spares
 * them the scan. */
static bool worth_scanning(const struct ext_view *v, const struct ext_toks *t,
			   size_t i)
{
	const struct ext_tok *tok = &t->v[i];
	size_t end = tok->off + tok->len;
	if (tok->lexflags & LEX_HONORIFIC)
		return true;
	if (i + 1 < t->n && (t->v[i + 1].flags & TOK_UPPER) &&
	    t->v[i + 1].off <= end + 2 && !(t->v[i + 1].flags & TOK_PARA_START))
		return true;
	/* "O'Brien said", "de Villepin": joiners and particles. */
	if (end < v->len && (v->text[end] == '\'' || v->text[end] == '-' ||
			     (unsigned char)v->text[end] >= 0x80))
		return true;
	if (i + 1 < t->n && (t->v[i + 1].lexflags & LEX_PARTICLE))
		return true;
	return speech_after(v->text, v->len, end);
}

int ext_find_people(const struct ext_view *v, struct ext_toks *t,
		    struct ext_cands *c)
{
	for (size_t i = 0; i < t->n;) {
		const struct ext_tok *tok = &t->v[i];
		struct ext_name n;
		if (!may_start(v, tok) || !worth_scanning(v, t, i) ||
		    !ext_name_forward(t, v->text, v->len, tok->off, &n)) {
			i++;
			continue;
		}
		size_t k = ext_tok_at(t, n.off), end = n.off + n.len;
		/* "Jordan said" is a country speaking, "Mr Jordan" is not;
		 * "Lord Chancellor" and "the Chancellor said" name an office,
		 * not a surname. */
		bool cue = n.core < 2 &&
			   !(t->v[k].lexflags & LEX_HAS_TITLE) &&
			   (n.honorific ||
			    (!(t->v[k].flags & TOK_WEAKPLACE) &&
			     speech_after(v->text, v->len, end)));
		if (n.core < 2 && !cue) {
			i++;
			continue;
		}
		struct ext_cand x = {
			.name_off = n.off, .name_len = n.len,
			.why_off = n.off, .why_len = n.len, .cue = cue,
		};
		if (ext_cands_push(c, &x))
			return -ENOMEM;
		while (k < t->n && t->v[k].off < end)
			t->v[k++].flags |= TOK_NAME;
		i = k > i ? k : i + 1;
	}
	return 0;
}
