/*
 * Officials: people named with a public role.
 *
 * Two shapes, both anchored on a title of titles.txt:
 *   title before  "U.S. Defense Secretary Lloyd Austin", "Japan's Minister
 *                 of Defense Minoru Kihara", "National Security Advisor,
 *                 Jake Sullivan" (title as written, then the name);
 *   title after   "Lloyd Austin, Secretary of Defense", "Kiichi Miyazawa,
 *                 Japan's finance minister" (after a comma, any case).
 *
 * Titles carry flags (words.c) saying what else they need. Company roles
 * ("Chairman", "President", "Director") count only for a public body or a
 * country ("Federal Reserve Board Chairman", "U.S. President"), so that
 * "Chrysler Chairman Lee Iacocca" is not an official; "President" alone
 * before a name ("President Reagan") is one. Bare ranks that are also
 * common words ("General", "Major") need a name of two words: "General
 * Motors" is not a general. An honorific ("Mr.") is never a role.
 */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* "Army Chief of Staff Gen. Mark Milley": titles in a row. */
#define TITLE_CHAIN 3
/* Capitalised words looked at before a title for a public body. */
#define QUALIFIER_WORDS 6

/* The longest title that starts at token i. */
static const struct ext_phrase *title_at(const struct ext_gaz *g,
					 const struct ext_view *v,
					 const struct ext_tok *tok, bool fold)
{
	if (!(tok->lexflags & LEX_HAS_TITLE) || (tok->flags & TOK_CAPSPARA))
		return NULL;
	const struct ext_lexent *e = &g->lex[tok->lex];
	for (uint32_t k = 0; k < e->title_n; k++) {
		const struct ext_phrase *p = &g->titles[e->title_first + k];
		if (ext_phrase_at(p, v->text + tok->off, v->len - tok->off,
				  fold))
			return p;
	}
	return NULL;
}

static bool is_place(const struct ext_tok *tok)
{
	return tok->flags & (TOK_PLACE | TOK_WEAKPLACE);
}

/* The "s" of "Japan's" / "Japan’s": the tokenizer splits at the
 * apostrophe, and a possessive country still qualifies a title. */
static bool possessive_s(const struct ext_view *v, const struct ext_tok *tok)
{
	const char *s = v->text + tok->off;
	return tok->len == 1 && *s == 's' && tok->off >= 1 &&
	       (s[-1] == '\'' ||
		(tok->off >= 3 && !memcmp(s - 3, "\xe2\x80\x99", 3)));
}

/* Is token k joined to token k - 1 as the words of one name are: by a
 * space, a stop ("U.S.") or both ("U.S. Trade")? */
static bool joined_back(const struct ext_view *v, const struct ext_toks *t,
			size_t k)
{
	const struct ext_tok *tok = &t->v[k], *prev = &t->v[k - 1];
	size_t gap = tok->off - (prev->off + prev->len);
	const char *between = v->text + prev->off + prev->len;
	return !(tok->flags & TOK_PARA_START) &&
	       ((gap == 1 && (between[0] == ' ' || between[0] == '.')) ||
		(gap == 2 && !memcmp(between, ". ", 2)));
}

/* Where the run of capitalised words ending at token k starts: the
 * evidence of an official starts there ("Federal Reserve Board Chairman
 * Paul Volcker"). */
static size_t run_start(const struct ext_view *v, const struct ext_toks *t,
			size_t k)
{
	for (int n = 0; n < QUALIFIER_WORDS && k > 0 && joined_back(v, t, k) &&
	     ((t->v[k - 1].flags & TOK_UPPER) || is_place(&t->v[k - 1]));
	     n++)
		k--;
	return t->v[k].off;
}

/*
 * Is there a public body or a country just before the title at token i,
 * within a run of capitalised words ("Federal Reserve Board Chairman",
 * "Philippine President")? *bare is set when no capitalised word at all
 * comes before it ("said President Reagan"); *from is where the run
 * that qualifies it starts, else where the title does.
 */
static bool qualified(const struct ext_view *v, const struct ext_toks *t,
		      size_t i, bool *bare, size_t *from)
{
	*bare = true;
	*from = t->v[i].off;
	for (int n = 0; n < QUALIFIER_WORDS && i > 0; n++, i--) {
		/* "U.S. Trade", not "in the U.K., Chairman Sir John Egan". */
		if (!joined_back(v, t, i))
			return false;
		const struct ext_tok *prev = &t->v[i - 1];
		if (possessive_s(v, prev) && i >= 2)
			prev = &t->v[--i - 1];
		uint16_t f = prev->lexflags;
		if (!is_place(prev) && (!(prev->flags & TOK_UPPER) ||
					(f & LEX_ORGSUFFIX)))
			return false;	/* "Chrysler Corp Chairman" */
		if (is_place(prev) || (f & LEX_PUBLIC)) {
			*from = run_start(v, t, i - 1);
			return true;
		}
		if (!(f & LEX_MODIFIER))
			*bare = false;	/* "Chrysler President" */
	}
	return false;
}

/* "... of Acme Corp": after a company title, the company. */
static bool of_company(const struct ext_view *v, const struct ext_toks *t,
		       size_t end)
{
	if (v->len - end < 5 || memcmp(v->text + end, " of ", 4))
		return false;
	size_t k = ext_tok_at(t, end + 4);
	return k < t->n && t->v[k].off == end + 4 &&
	       (t->v[k].flags & TOK_UPPER) && !is_place(&t->v[k]);
}

/* Tokens looked at around an unqualified "President". */
#define COMPANY_WINDOW 80

/*
 * Is an unqualified "President" at token i a company's? Heads of state
 * are named by surname alone ("President Reagan") or in stories about
 * governments; company presidents are named in full near the company
 * ("Inc, a corporation formed by ... Chairman David Page and President
 * Lon Makanoff").
 */
static bool company_near(const struct ext_toks *t, size_t i,
			 uint32_t words)
{
	if (words < 2)
		return false;
	size_t from = i > COMPANY_WINDOW ? i - COMPANY_WINDOW : 0;
	size_t to = i + COMPANY_WINDOW < t->n ? i + COMPANY_WINDOW : t->n;
	for (size_t k = from; k < to; k++)
		if ((t->v[k].flags & TOK_UPPER) &&
		    (t->v[k].lexflags & LEX_ORGSUFFIX) &&
		    !(k > 0 && (t->v[k - 1].lexflags & LEX_PUBLIC)))
			return true;	/* "World Bank" is no company */
	return false;
}

/* Evidence, in words, for `export --why`. */
static const char how_before[] = "title before the name";
static const char how_after[] = "title after the name";

static int push(struct ext_cands *c, const struct ext_name *n, size_t why,
		const char *how)
{
	struct ext_cand x = {
		.name_off = n->off, .name_len = n->len,
		.why_off = (uint32_t)why,
		.why_len = (uint32_t)(n->off + n->len > why ?
				      n->off + n->len - why : 0),
		.how = how,
	};
	return ext_cands_push(c, &x);
}

/* Flag tokens in [from, to) (byte offsets), starting at token k. */
static size_t flag_range(struct ext_toks *t, size_t k, size_t from,
			 size_t to, uint16_t flag)
{
	while (k < t->n && t->v[k].off < from)
		k++;
	while (k < t->n && t->v[k].off < to)
		t->v[k++].flags |= flag;
	return k;
}

/*
 * Titles in a row starting at token i: returns the end of the last one
 * and the flags of the role (a leading honorific or rank yields to the
 * title after it).
 */
static size_t title_chain(const struct ext_gaz *g, const struct ext_view *v,
			  const struct ext_toks *t, size_t i,
			  const struct ext_phrase *p, uint8_t *flags)
{
	size_t end = t->v[i].off + p->len;
	*flags = p->tflags;
	for (int n = 1; n < TITLE_CHAIN; n++) {
		size_t k = ext_tok_at(t, end + 1);
		if (end >= v->len || v->text[end] != ' ' || k >= t->n ||
		    t->v[k].off != end + 1 || !(t->v[k].flags & TOK_UPPER))
			break;
		const struct ext_phrase *q = title_at(g, v, &t->v[k], false);
		if (!q)
			break;
		if (*flags & EXT_TF_HONORIFIC)
			*flags = q->tflags;
		end = t->v[k].off + q->len;
	}
	return end;
}

/* Words of what an office is "of": "of the Bank of England". */
#define OF_WORDS 8

struct of_body {
	size_t run_end;	/* after its run of capitalised words */
	size_t end;	/* the same, or after its "(IBC)" */
	size_t cut;	/* after its last place, public or stop word */
	bool public;	/* a public body or a country among its words */
};

/* "of", "and", "for", "the" inside the name of a body. */
static bool body_joiner(const char *s, size_t len)
{
	return (len == 2 && !memcmp(s, "of", 2)) ||
	       (len == 3 && (!memcmp(s, "and", 3) || !memcmp(s, "for", 3) ||
			     !memcmp(s, "the", 3)));
}

/* An abbreviation in brackets after a body: " (IBC)". */
static size_t bracketed(const struct ext_view *v, size_t at)
{
	if (v->len - at < 4 || memcmp(v->text + at, " (", 2))
		return 0;
	const char *close = memchr(v->text + at + 2, ')',
				   v->len - at - 2 < 12 ? v->len - at - 2 : 12);
	return close ? (size_t)(close - (v->text + at)) + 1 : 0;
}

/*
 * What the title ending at text[end] is "of": "of the Federal Reserve
 * Board", "of the Bank of England", "of the Brazilian Coffee Institute
 * (IBC)": capitalised words and "of", "and", "for", "the". It is public
 * if it has a public word, or a country and no company word. A name may
 * follow it, or end its run of capitals after a place, a public word or
 * another word no name has ("of the Bank of England Robin Leigh-Pemberton",
 * "of Mines and Energy Subroto"): cut marks where.
 */
static bool of_body(const struct ext_view *v, const struct ext_toks *t,
		    size_t end, struct of_body *b)
{
	const char *s = v->text;
	if (v->len - end < 5 || memcmp(s + end, " of ", 4))
		return false;
	size_t pos = end + 4, k = ext_tok_at(t, pos);
	bool place = false, public = false, company = false;
	*b = (struct of_body){0};
	for (int n = 0; n < OF_WORDS && k < t->n; n++, k++) {
		const struct ext_tok *tok = &t->v[k];
		size_t gap = tok->off - pos;
		if (gap > 2 || strspn(s + pos, " .-") < gap)
			break;
		pos = tok->off + tok->len;
		if (!(tok->flags & TOK_UPPER)) {
			if (!body_joiner(s + tok->off, tok->len))
				break;
			continue;
		}
		uint16_t f = tok->lexflags;
		place |= is_place(tok);
		public |= (f & LEX_PUBLIC) != 0;
		company |= (f & LEX_ORGSUFFIX) != 0;
		if (is_place(tok) ||
		    (f & (LEX_PUBLIC | LEX_NAMESTOP | LEX_ORGSUFFIX)))
			b->cut = pos;
		b->run_end = pos;
	}
	if (!b->run_end)
		return false;
	/* "the Canadian Lake Carriers Association" is no public body. */
	b->public = public || (place && !company);
	b->end = b->run_end + bracketed(v, b->run_end);
	return true;
}

/* Where the name after a title ending at text[end] starts: after a
 * space, or after ", " ("National Security Advisor, Jake Sullivan", then
 * *comma is set); 0 if neither. A second title there is passed over
 * ("a House trade lawmaker, Representative Richard Gephardt"). */
static size_t name_start(const struct ext_gaz *g, const struct ext_view *v,
			 const struct ext_toks *t, size_t end, bool *comma)
{
	*comma = end + 2 < v->len && v->text[end] == ',' &&
		 v->text[end + 1] == ' ';
	size_t pos = *comma ? end + 2 :
		     end < v->len && v->text[end] == ' ' ? end + 1 : 0;
	size_t k = pos ? ext_tok_at(t, pos) : t->n;
	const struct ext_phrase *q = k < t->n && t->v[k].off == pos &&
				     (t->v[k].flags & TOK_UPPER) ?
				     title_at(g, v, &t->v[k], false) : NULL;
	if (q && pos + q->len < v->len && v->text[pos + q->len] == ' ')
		pos += q->len + 1;
	return pos;
}

/* The name after a title that ends at text[end] and may be "of" a body.
 * A name after a comma has two words at least ("Burger King, Arby's"),
 * and so has one cut from a body's run of capitals after a company
 * title (min_words 2: "president of American Hoechst" names no one). */
static bool name_after(const struct ext_gaz *g, const struct ext_view *v,
		       const struct ext_toks *t, size_t end,
		       const struct of_body *of, uint32_t min_words,
		       struct ext_name *n)
{
	bool comma;
	size_t pos = name_start(g, v, t, of ? of->end : end, &comma);
	if (pos && ext_name_forward(g, t, v->text, v->len, pos, n) &&
	    (!comma || n->words >= 2))
		return true;
	return of && of->cut && of->cut < of->run_end &&
	       ext_name_forward(g, t, v->text, v->len, of->cut + 1, n) &&
	       n->words >= min_words && n->off + n->len == of->run_end;
}

/*
 * Is the title at token i (flags f, in lower case or not) a public
 * office of the name n after it? A company role needs a public body or
 * a country ("Federal Reserve Board chairman", "of the World Bank"),
 * except "President" alone before a head of state ("President Reagan").
 * A title in lower case ("finance minister Jaime Ongpin") needs a name of
 * two words or a qualifier, and is never one of the common words that
 * are also ranks ("general", "major").
 */
static bool public_role(const struct ext_view *v, const struct ext_toks *t,
			size_t i, uint8_t f, const struct ext_name *n,
			const struct of_body *of, size_t *from)
{
	bool lower = t->v[i].flags & TOK_LOWER, bare;
	bool q = qualified(v, t, i, &bare, from) || (of && of->public);
	if (lower && ((f & EXT_TF_TWO_WORDS) || (!q && n->words < 2)))
		return false;
	if (!(f & EXT_TF_CORPORATE) || q)
		return true;
	return !lower && (f & EXT_TF_PRESIDENT) && bare &&
	       !company_near(t, i, n->words) &&
	       !of_company(v, t, n->off + n->len);
}

/* "Defense Secretary Lloyd Austin", "finance minister Jaime Ongpin",
 * "Governor of the Bank of England Robin Leigh-Pemberton": a title, then
 * a name. Returns the token index to go on from, or i + 1 when there is
 * no official here. */
static size_t title_before(const struct ext_gaz *g, const struct ext_view *v,
			   struct ext_toks *t, size_t i, struct ext_cands *c,
			   int *rc)
{
	const struct ext_tok *tok = &t->v[i];
	const char *s = v->text + tok->off;
	/* "T.H.E. Fitness" holds no "H.E." (His Excellency). */
	if (tok->off >= 2 && s[-1] == '.' && ext_ascii_upper(s[-2]))
		return i + 1;
	const struct ext_phrase *p = tok->flags & (TOK_UPPER | TOK_LOWER) ?
		title_at(g, v, tok, tok->flags & TOK_LOWER) : NULL;
	if (!p)
		return i + 1;
	uint8_t f;
	size_t end = title_chain(g, v, t, i, p, &f);
	struct of_body of;
	bool has_of = of_body(v, t, end, &of);
	struct ext_name n;
	size_t from;
	if ((f & EXT_TF_HONORIFIC) ||
	    !name_after(g, v, t, end, has_of ? &of : NULL,
			(f & EXT_TF_CORPORATE) ? 2 : 1, &n) ||
	    ((f & EXT_TF_TWO_WORDS) && n.words < 2) ||
	    !public_role(v, t, i, f, &n, has_of ? &of : NULL, &from))
		return i + 1;
	*rc = push(c, &n, from, how_before);
	if (*rc)
		return t->n;
	flag_range(t, i, tok->off, n.off, TOK_TITLE);
	return flag_range(t, i, n.off, n.off + n.len, TOK_NAME);
}

/*
 * Walk back from token i over what may stand between a comma and a
 * title ("the", "former", "Japan's", "the U.S."): returns the offset of
 * the comma, or 0 if there is none. *country tells whether a country
 * was among them.
 */
static size_t comma_before(const struct ext_view *v,
			   const struct ext_toks *t, size_t i, bool *country)
{
	*country = false;
	while (i > 0 && !(t->v[i].flags & TOK_PARA_START)) {
		const struct ext_tok *tok = &t->v[i], *prev = &t->v[i - 1];
		size_t at = tok->off, gap = at - (prev->off + prev->len);
		if (at >= 2 && v->text[at - 1] == ' ' && v->text[at - 2] == ',')
			return at - 2;
		uint16_t f = prev->lexflags;
		bool word = (prev->flags & TOK_LOWER) && gap == 1 &&
			    (f & (LEX_DETERMINER | LEX_MODIFIER));
		/* "Japan's", "U.S." sit in front with some punctuation. */
		if (gap > 4 || !(word || is_place(prev) ||
				 possessive_s(v, prev)))
			return 0;
		if (is_place(prev))
			*country = true;
		i--;
	}
	return 0;
}

/* "Lloyd Austin, Secretary of Defense", "Paul Volcker, chairman of the
 * Federal Reserve Board": a name, a comma, a title. */
static int title_after(const struct ext_gaz *g, const struct ext_view *v,
		       struct ext_toks *t, size_t i, struct ext_cands *c)
{
	const struct ext_tok *tok = &t->v[i];
	bool country;
	size_t comma;
	/* The comma first: it is cheaper to find than a title. */
	if ((tok->flags & (TOK_NAME | TOK_TITLE)) ||
	    !(comma = comma_before(v, t, i, &country)))
		return 0;
	const struct ext_phrase *p = title_at(g, v, tok, true);
	if (!p || !(p->tflags & EXT_TF_AFTER) ||
	    (p->tflags & EXT_TF_HONORIFIC))
		return 0;
	size_t end = tok->off + p->len;
	struct ext_name n;
	struct of_body of;
	/* A name right after the title makes it a title before a name. */
	if (end < v->len && v->text[end] == ' ' &&
	    ext_name_forward(g, t, v->text, v->len, end + 1, &n))
		return 0;
	if (of_body(v, t, end, &of)) {
		country |= of.public;
		end = of.end;
	} else if (!strncmp(v->text + end, " of ", 4) ||
		   !strncmp(v->text + end, " for ", 5)) {
		return 0;	/* a longer title than we know */
	}
	/* A company title needs a country: "the Philippine president". */
	if (((p->tflags & EXT_TF_CORPORATE) && !country) ||
	    !ext_name_backward(g, t, v->text, v->len, comma, &n))
		return 0;
	if (push(c, &n, n.off, how_after))
		return -ENOMEM;
	c->v[c->n - 1].why_len = (uint32_t)(end - n.off);
	flag_range(t, i, tok->off, end, TOK_TITLE);
	flag_range(t, ext_tok_at(t, n.off), n.off, n.off + n.len, TOK_NAME);
	return 0;
}

int ext_find_officials(const struct ext_gaz *g, const struct ext_view *v,
		       struct ext_toks *t, struct ext_cands *c)
{
	int rc = 0;
	for (size_t i = 0; i < t->n && !rc;)
		i = t->v[i].lexflags & LEX_HAS_TITLE ?
		    title_before(g, v, t, i, c, &rc) : i + 1;
	for (size_t i = 0; i < t->n && !rc; i++)
		if (t->v[i].lexflags & LEX_HAS_TITLE)
			rc = title_after(g, v, t, i, c);
	return rc;
}
