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
#include <strings.h>

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
	/* "Vice-president elect", "Prime minister": a capitalised title
	 * written in sentence case. */
	for (uint32_t k = 0; k < e->title_n && !fold; k++) {
		const struct ext_phrase *p = &g->titles[e->title_first + k];
		if ((p->tflags & EXT_TF_WORDS) &&
		    ext_phrase_at(p, v->text + tok->off, v->len - tok->off,
				  true))
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
	/* A stop joins only after an abbreviation: "U.S. Trade", not
	 * "... in France. Captain". */
	bool abbrev = prev->len <= 3 && (prev->flags & TOK_ALLCAPS);
	return !(tok->flags & TOK_PARA_START) &&
	       ((gap == 1 && (between[0] == ' ' ||
			      (between[0] == '.' && abbrev))) ||
		(gap == 2 && !memcmp(between, ". ", 2) && abbrev));
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
 * within a run of words that qualify it ("Federal Reserve Board
 * Chairman", "Philippine President", "Lib Dem home affairs spokesman",
 * "shadow home secretary")? Capitalised words, portfolios in lower case
 * ("home affairs") and "shadow" may stand in the run. *bare is set when
 * nothing at all comes before the title ("said President Reagan"); *from
 * is where the run that qualifies it starts, else where the title does.
 */
static bool qualified(const struct ext_view *v, const struct ext_toks *t,
		      size_t i, bool *bare, size_t *from)
{
	*bare = true;
	*from = t->v[i].off;
	/* "Egypt FA spokesman", "UK Athletics chief": a place that names
	 * something else before the title qualifies that, not the title. */
	bool other = false;
	for (int n = 0; n < QUALIFIER_WORDS && i > 0; n++, i--) {
		/* "U.S. Trade", not "in the U.K., Chairman Sir John Egan". */
		if (!joined_back(v, t, i))
			return false;
		const struct ext_tok *prev = &t->v[i - 1];
		if (possessive_s(v, prev) && i >= 2)
			prev = &t->v[--i - 1];
		uint16_t f = prev->lexflags;
		bool lower = !(prev->flags & TOK_UPPER);
		/* "Prime Minister Bob Hawke and Treasurer Paul Keating": a
		 * name and "and" end the run. */
		if (lower && prev->len == 3 && !memcmp(v->text + prev->off,
						       "and", 3) &&
		    i >= 2 && (t->v[i - 2].flags & TOK_UPPER) &&
		    !(t->v[i - 2].lexflags & (LEX_PUBLIC | LEX_PORTFOLIO)))
			return false;
		if (lower && !(f & (LEX_PUBLIC | LEX_PORTFOLIO | LEX_MODIFIER)) &&
		    !is_place(prev))
			return false;	/* "said chairman" */
		if (!lower && (f & LEX_ORGSUFFIX) && !is_place(prev))
			return false;	/* "Chrysler Corp Chairman" */
		/* "Real Madrid president": a capital names a city's club as
		 * often as its state. */
		bool qualifies = is_place(prev) && !other &&
				 !(prev->flags & TOK_CAPITAL);
		if (qualifies || (f & LEX_PUBLIC)) {
			*from = lower ? prev->off : run_start(v, t, i - 1);
			return true;
		}
		/* "U.N." is letters of an abbreviation, not another name. */
		if (!(f & (LEX_MODIFIER | LEX_PORTFOLIO)) && !lower &&
		    !is_place(prev) && prev->len > 1)
			other = true;
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
static const char how_apposition[] = "apposition";
static const char how_as[] = "named as holding the office";
static const char how_among[] = "named among the holders of an office";

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
	bool party;	/* one word the lexicon does not know: "the PPP" */
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

/* Lower-case words looked at for the noun of a body. */
#define BODY_NOUN_WORDS 3

/* "of the U.S. beet sugar association": lower-case words from token k
 * that end in a body no state runs; the country before them is where
 * it is, not whose. */
static bool trade_body(const struct ext_view *v, const struct ext_toks *t,
		       size_t k)
{
	static const char *const nouns[] = {
		"association", "federation", "union", "group", "company",
		"firm", "industry", "institute", "society", "league", "club",
		"chamber", "corporation", "council", "alliance", "coalition",
		"foundation", "organization", "organisation", "producers",
	};
	for (int n = 0; n < BODY_NOUN_WORDS && k < t->n &&
	     (t->v[k].flags & TOK_LOWER); n++, k++) {
		const char *w = v->text + t->v[k].off;
		for (size_t j = 0; j < NFS_ARRAY_SIZE(nouns); j++)
			if (strlen(nouns[j]) == t->v[k].len &&
			    !memcmp(nouns[j], w, t->v[k].len))
				return true;
		if (k + 1 < t->n &&
		    t->v[k + 1].off != t->v[k].off + t->v[k].len + 1)
			break;	/* "association" ends at a space only */
	}
	return false;
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
	int demonyms = 0, caps = 0;
	*b = (struct of_body){0};
	for (int n = 0; n < OF_WORDS && k < t->n; n++, k++) {
		const struct ext_tok *tok = &t->v[k];
		size_t gap = tok->off - pos;
		if (gap > 2 || strspn(s + pos, " .-") < gap)
			break;
		/* "U.S. Trade", not the end of a sentence. */
		if (memchr(s + pos, '.', gap) && n > 0 &&
		    (t->v[k - 1].len > 3 || !(t->v[k - 1].flags & TOK_ALLCAPS)))
			break;
		pos = tok->off + tok->len;
		uint16_t f = tok->lexflags;
		if (!(tok->flags & TOK_UPPER)) {
			/* "of the liberal opposition Democratic Party" */
			if (f & LEX_PUBLIC)
				public = true;
			else if (!body_joiner(s + tok->off, tok->len)) {
				company |= trade_body(v, t, k);
				/* "of French sugar producer Beghin-Say": a
				 * people's name and a common noun are no
				 * body's name. */
				if (demonyms && demonyms == caps)
					return false;
				break;
			}
			continue;
		}
		/* "the Brazilian Coffee Institute", not "Sony Computer
		 * Entertainment America": a country names a state's body
		 * from the front. */
		place |= is_place(tok) && !b->run_end;
		demonyms += (tok->flags & TOK_DEMONYM) != 0;
		caps++;
		public |= (f & LEX_PUBLIC) != 0;
		company |= (f & LEX_ORGSUFFIX) != 0;
		/* "of British Music Rights": a people's name is no place a
		 * name may follow. */
		if ((is_place(tok) && !(tok->flags & TOK_DEMONYM)) ||
		    (f & (LEX_PUBLIC | LEX_NAMESTOP | LEX_ORGSUFFIX)))
			b->cut = pos;
		b->run_end = pos;
	}
	if (!b->run_end)
		return false;
	/* "the leader of the PPP", "the leader of Ennahda": a body of one
	 * word no list knows, which a leader leads as a party. */
	size_t k0 = ext_tok_at(t, end + 4);
	if (k0 < t->n && !memcmp(s + t->v[k0].off, "the ", 4))
		k0++;
	b->party = k0 < t->n && t->v[k0].off + t->v[k0].len == b->run_end &&
		   t->v[k0].lex < 0 && t->v[k0].len >= 3 &&
		   !(t->v[k0].flags & (TOK_PLACE | TOK_WEAKPLACE));
	/* "the Canadian Lake Carriers Association" is no public body. */
	b->public = public || (place && !company);
	b->end = b->run_end + bracketed(v, b->run_end);
	return true;
}

/* A party's leader holds a public role: "the leader of the PPP". */
static void party_leader(const struct ext_phrase *p, struct of_body *of)
{
	if (of->party && p->len == 6 && !strncasecmp(p->text, "leader", 6))
		of->public = true;
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

/* "Of", "The", "And" capitalised, as in a title of a work ("Empress Of
 * Time"): never the rest of a body's name. */
static bool function_word(const char *s, size_t n)
{
	static const char *const words[] = {
		"of", "the", "and", "for", "in", "on", "at", "by", "to",
		"a", "an", "from", "with",
	};
	for (size_t k = 0; k < NFS_ARRAY_SIZE(words); k++)
		if (strlen(words[k]) == n && !strncasecmp(words[k], s, n))
			return true;
	return false;
}

/* Words of a body's name after text[end] that no name has: "Board",
 * "System"; returns where they end (end if none). */
#define BODY_REST 3

static size_t body_rest(const struct ext_view *v, const struct ext_toks *t,
			size_t end)
{
	size_t k = ext_tok_at(t, end + 1);
	for (int n = 0; n < BODY_REST && k < t->n && end < v->len &&
	     v->text[end] == ' ' && t->v[k].off == end + 1 &&
	     (t->v[k].flags & TOK_UPPER) &&
	     (t->v[k].lexflags & (LEX_NAMESTOP | LEX_PUBLIC)) &&
	     !(t->v[k].lexflags & LEX_HAS_TITLE) &&
	     !function_word(v->text + t->v[k].off, t->v[k].len); n++, k++)
		end = t->v[k].off + t->v[k].len;
	return end;
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
	size_t at = of ? of->end : end;
	size_t pos = name_start(g, v, t, at, &comma);
	if (pos && ext_name_forward(t, v->text, v->len, pos, n) &&
	    (!comma || n->words >= 2))
		return true;
	/* "Chairman of the Federal Reserve" is a title; "Board" ends the
	 * body's name before the person's. */
	size_t rest = body_rest(v, t, at);
	if (rest != at && (pos = name_start(g, v, t, rest, &comma)) &&
	    ext_name_forward(t, v->text, v->len, pos, n) &&
	    (!comma || n->words >= 2))
		return true;
	return of && of->cut && of->cut < of->run_end &&
	       ext_name_forward(t, v->text, v->len, of->cut + 1, n) &&
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
	bool lower = (t->v[i].flags & TOK_LOWER) && !(f & EXT_TF_LOWER), bare;
	bool q = qualified(v, t, i, &bare, from) || (of && of->public) ||
		 (f & EXT_TF_LOWER);
	if (lower && ((f & EXT_TF_TWO_WORDS) || (!q && n->words < 2)))
		return false;
	if (!(f & EXT_TF_CORPORATE) || q)
		return true;
	return !lower && (f & EXT_TF_PRESIDENT) && bare &&
	       !company_near(t, i, n->words) &&
	       !of_company(v, t, n->off + n->len);
}

/* What a French, Spanish or Portuguese office is of ("ministre de la
 * Justice, Christiane Taubira", "ministro de Hacienda, ..."): words up
 * to the comma before the name. Returns where the name may start after
 * the comma's offset, or end when there is no such body. */
#define ROMANCE_BODY 48

static size_t romance_body(const struct ext_view *v, size_t end)
{
	static const char *const de[] = {" de ", " du ", " des ", " del ",
					 " da ", " do ", " dos ", " das "};
	const char *s = v->text + end;
	size_t room = v->len - end;
	for (size_t k = 0; k < NFS_ARRAY_SIZE(de); k++) {
		size_t n = strlen(de[k]);
		if (room <= n || memcmp(s, de[k], n))
			continue;
		size_t max = room < ROMANCE_BODY ? room : ROMANCE_BODY;
		const char *comma = memchr(s + n, ',', max - n);
		const char *stop = memchr(s + n, '.', max - n);
		if (comma && (!stop || stop > comma))
			return (size_t)(comma - v->text);
	}
	return end;
}

/* "Lord", "Baroness": a peer sits in the House of Lords, but the same
 * words name poets, villains and the landed ("Lord Byron", "Lord
 * Voldemort"). */
static bool peerage(const struct ext_phrase *p)
{
	return (p->len == 4 && !memcmp(p->text, "Lord", 4)) ||
	       (p->len == 8 && !memcmp(p->text, "Baroness", 8));
}

/* Tokens of a work's title read after a peer's possessive. */
#define WORK_WORDS 8

/* Words of a possessive's capitalised run that make it public
 * business, not a work: "Lord Dubs' Succession to the Crown Bill". */
static bool public_paper(const char *s, size_t n)
{
	static const char *const words[] = {
		"Bill", "Act", "Report", "Review", "Inquiry", "Amendment", NULL,
	};
	return ext_in_list(words, s, n);
}

/*
 * "Lord Byron's Childe Harold's Pilgrimage": a peer named as the author
 * of a work, a run of capitalised words after his possessive, holds no
 * office by that mention. A title of his own binds to him elsewhere;
 * another official of the story does not make him one.
 */
static bool peer_work(const struct ext_view *v, const struct ext_toks *t,
		      const struct ext_name *n)
{
	size_t end = n->off + n->len, at;
	const char *s = v->text;
	size_t p = ext_possessive(s, v->len, end);
	if (!p && end < v->len && s[end] == '\'')
		p = 1;		/* "Lord Dubs' ..." */
	if (!p || end + p >= v->len || s[end + p] != ' ')
		return false;
	at = end + p + 1;
	size_t k = ext_tok_at(t, at), last = SIZE_MAX;
	bool public = false;
	if (k >= t->n || t->v[k].off != at)
		return false;
	/* Capitalised words, "of", "the", possessives: "Childe Harold's
	 * Pilgrimage", up to a gap that is not one space. */
	for (int w = 0; w < WORK_WORDS && k < t->n; w++, k++) {
		const struct ext_tok *tok = &t->v[k];
		if (tok->flags & TOK_UPPER) {
			last = k;
			public |= (tok->lexflags & LEX_PUBLIC) ||
				  public_paper(s + tok->off, tok->len);
		} else if (!function_word(s + tok->off, tok->len) &&
			 !possessive_s(v, tok))
			break;
		if (k + 1 < t->n && t->v[k + 1].off != tok->off + tok->len + 1 &&
		    !possessive_s(v, &t->v[k + 1]))
			break;
	}
	return last != SIZE_MAX && !public;
}

/* Words that put a story in public life, for its peers. */
static bool public_life(const char *s, size_t n)
{
	static const char *const words[] = {
		"Lords", "Parliament", "parliament", "Commons", "Westminster",
		"Government", "government", "minister", "ministers", "peer",
		"peers", "MPs", "election", "Whitehall", "Cabinet", "cabinet",
		NULL,
	};
	return ext_in_list(words, s, n);
}

/*
 * A peer is an official in a story of public life: one that shows
 * someone else in office or speaks of Parliament or government. Elsewhere
 * "Lord X" is a name with an honorific, as "Sir X" is.
 */
static void peers(const struct ext_view *v, const struct ext_toks *t,
		  struct ext_cands *c, size_t first)
{
	bool any = false, public = false;
	for (size_t k = first; k < c->n; k++) {
		if (c->v[k].how && !c->v[k].peer)
			public = true;
		any |= c->v[k].peer;
	}
	for (size_t i = 0; any && !public && i < t->n; i++)
		public = public_life(v->text + t->v[i].off, t->v[i].len);
	for (size_t k = first; any && !public && k < c->n; k++)
		if (c->v[k].peer) {
			c->v[k].how = NULL;
			c->v[k].cue = true;
		}
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
	if (has_of)
		party_leader(p, &of);
	if ((f & EXT_TF_LOWER) && !has_of)
		end = romance_body(v, end);
	/* A title that names no official here is not read again for a
	 * shorter one inside it ("general secretary", not "secretary"). */
	if ((f & EXT_TF_HONORIFIC) ||
	    !name_after(g, v, t, end, has_of ? &of : NULL,
			(f & EXT_TF_CORPORATE) ? 2 : 1, &n) ||
	    ((f & EXT_TF_TWO_WORDS) && n.words < 2) ||
	    !public_role(v, t, i, f, &n, has_of ? &of : NULL, &from)) {
		size_t k = ext_tok_at(t, tok->off + p->len);
		return k > i ? k : i + 1;
	}
	*rc = push(c, &n, from, how_before);
	if (*rc)
		return t->n;
	c->v[c->n - 1].peer = peerage(p);
	if (peerage(p) && peer_work(v, t, &n)) {
		c->v[c->n - 1].how = NULL;
		c->v[c->n - 1].cue = true;
	}
	flag_range(t, i, tok->off, n.off, TOK_TITLE);
	return flag_range(t, i, n.off, n.off + n.len, TOK_NAME);
}

/* Lower-case words that end an apposition's run: a verb, a pronoun, a
 * conjunction ("X, who said the minister"). One string per length, so a
 * word is looked for among those of its length only. */
static bool clause_word(const char *s, size_t n)
{
	static const char *const by_len[] = {
		[2] = "to by in on at as he it or if",
		[3] = "who and but was are has had she not",
		[4] = "that said says told were have will with they also than "
		      "when from like",
		[5] = "which would while after",
		[6] = "before",
	};
	if (n < 2 || n >= NFS_ARRAY_SIZE(by_len))
		return false;
	for (const char *w = by_len[n]; *w; w += n + (w[n] == ' ')) {
		if (w[0] == s[0] && !memcmp(w, s, n))
			return true;
		if (!w[n])
			break;
	}
	return false;
}

/* Words of an apposition's run that are neither qualifiers nor
 * portfolios ("the EC's external trade commissioner"). */
#define FREE_WORDS 2

/* Tokens looked at back over a first apposition. */
#define FIRST_APPOSITION 12

/*
 * "Martin Cole, a fellow of the Lowy Institute and a former ambassador to
 * Chile": a second title after "and" (token i) stands in the apposition
 * of the first; the comma before that one, or 0 (a clause word, or the
 * end of a sentence, between them).
 */
static size_t first_apposition(const struct ext_view *v,
			       const struct ext_toks *t, size_t i,
			       bool *country)
{
	for (int n = 0; n < FIRST_APPOSITION && i > 0; n++, i--) {
		const struct ext_tok *tok = &t->v[i], *prev = &t->v[i - 1];
		size_t at = tok->off, gap = at - (prev->off + prev->len);
		if (tok->flags & TOK_PARA_START)
			return 0;
		if (gap == 2 && v->text[at - 2] == ',')
			return n > 0 && (prev->flags & TOK_UPPER) ? at - 2 : 0;
		if (gap != 1 && !(gap == 2 && v->text[at - 2] == '.' &&
				  (prev->flags & TOK_ALLCAPS)))
			return 0;
		if (prev->flags & (TOK_NAME | TOK_TITLE) ||
		    clause_word(v->text + prev->off, prev->len))
			return 0;
		if (is_place(prev) || (prev->lexflags & LEX_PUBLIC))
			*country = true;
	}
	return 0;
}

/*
 * Walk back from token i over what may stand between a comma and a
 * title: "the", "former", "Japan's", "the U.S.", a party ("Liberal
 * Democrat"), portfolios ("home affairs") and a couple of other words
 * ("the EC's external trade"). Returns the offset of the comma, or 0 if
 * there is none. *country tells whether a country or a public body was
 * among them.
 */
static size_t comma_before(const struct ext_view *v,
			   const struct ext_toks *t, size_t i, bool *country)
{
	int free_words = 0;
	bool other = false;
	*country = false;
	while (i > 0 && !(t->v[i].flags & TOK_PARA_START)) {
		const struct ext_tok *tok = &t->v[i], *prev = &t->v[i - 1];
		size_t at = tok->off, gap = at - (prev->off + prev->len);
		if (at >= 2 && v->text[at - 1] == ' ' && v->text[at - 2] == ',')
			return at - 2;
		uint16_t f = prev->lexflags;
		bool place = is_place(prev) || possessive_s(v, prev);
		bool public = (f & LEX_PUBLIC) != 0;
		/* "Japan's", "U.S." sit in front with some punctuation. */
		if (gap > 4 || (gap > 1 && !place))
			return 0;
		/* "Lorenz, his secretary": someone's, not an office. */
		if (prev->len == 3 && (prev->lexflags & LEX_DETERMINER) &&
		    (!memcmp(v->text + prev->off, "his", 3) ||
		     !memcmp(v->text + prev->off, "her", 3)))
			return 0;
		/* "and a former": not "work and pensions". */
		if (free_words == 0 && prev->len == 3 && i >= 2 &&
		    (tok->lexflags & (LEX_DETERMINER | LEX_MODIFIER)) &&
		    !memcmp(v->text + prev->off, "and", 3))
			return first_apposition(v, t, i - 1, country);
		if (!place && !public &&
		    !(f & (LEX_DETERMINER | LEX_MODIFIER | LEX_PORTFOLIO))) {
			if (++free_words > FREE_WORDS ||
			    (prev->flags & (TOK_NAME | TOK_TITLE)) ||
			    clause_word(v->text + prev->off, prev->len))
				return 0;
			/* "American Express chairman": the country is the
			 * company's. */
			other |= (prev->flags & TOK_UPPER) && prev->len > 1;
		}
		if ((is_place(prev) && !other) || public)
			*country = true;
		i--;
	}
	return 0;
}

/* "Ian Gibson MP": a title written after a name with no comma. */
static int postnominal(const struct ext_view *v, struct ext_toks *t, size_t i,
		       const struct ext_phrase *p, struct ext_cands *c)
{
	const struct ext_tok *tok = &t->v[i];
	struct ext_name n;
	if (!(p->tflags & EXT_TF_POSTNOMINAL) || tok->off < 2 ||
	    v->text[tok->off - 1] != ' ' ||
	    !ext_name_backward(t, v->text, v->len, tok->off - 1, &n) ||
	    n.core < 2)
		return 0;
	if (push(c, &n, n.off, how_after))
		return -ENOMEM;
	c->v[c->n - 1].why_len = tok->off + p->len - n.off;
	flag_range(t, i, tok->off, tok->off + p->len, TOK_TITLE);
	flag_range(t, ext_tok_at(t, n.off), n.off, n.off + n.len, TOK_NAME);
	return 0;
}

/* "member for Norwich North": a seat, which makes the member public. */
static size_t seat(const struct ext_view *v, const struct ext_toks *t,
		   const struct ext_phrase *p, size_t end)
{
	if (!(p->tflags & EXT_TF_AFTER) || v->len - end < 6 ||
	    memcmp(v->text + end, " for ", 5))
		return 0;
	size_t at = end + 5;
	if (v->len - at > 4 && !memcmp(v->text + at, "the ", 4))
		at += 4;
	if (!ext_upper_at(v->text, v->len, at))
		return 0;
	static const char *const seated[] = {"member", "councillor", "mp"};
	for (size_t k = 0; k < NFS_ARRAY_SIZE(seated); k++) {
		size_t n = strlen(seated[k]);
		if (p->len != n)
			continue;
		size_t j = 0;
		while (j < n && ext_ascii_tolower((unsigned char)p->text[j]) ==
				seated[k][j])
			j++;
		if (j == n) {
			size_t k2 = ext_tok_at(t, at);
			return k2 < t->n ? t->v[k2].off + t->v[k2].len : 0;
		}
	}
	return 0;
}

/* Tokens looked at after a title for the public body it serves. */
#define AHEAD_TOKENS 14

/*
 * After a title and "of"/"for" at text[end]: does the clause name a
 * public body within a few words ("for the city's Department of Design
 * and Construction", "for ... operations at the Department of
 * Environmental Protection")? Returns the end of that body's run of
 * capitals, 0 if there is none or a company's word is in it.
 */
static size_t public_ahead(const struct ext_view *v,
			   const struct ext_toks *t, size_t end)
{
	size_t k = ext_tok_at(t, end), pos = end, found = 0;
	for (int n = 0; n < AHEAD_TOKENS && k < t->n; n++, k++) {
		const struct ext_tok *tok = &t->v[k];
		const char *gap = v->text + pos;
		size_t g = tok->off - pos;
		/* Spaces, an apostrophe of "city's", a hyphen: one clause. */
		for (size_t j = 0; j < g; j++)
			if (gap[j] != ' ' && gap[j] != '\'' && gap[j] != '-' &&
			    (unsigned char)gap[j] < 0x80)
				return found;
		if (g > 4 || (tok->flags & TOK_PARA_START))
			return found;
		bool upper = tok->flags & TOK_UPPER;
		if (found && !upper &&
		    !body_joiner(v->text + tok->off, tok->len))
			return found;
		if (upper && (tok->lexflags & LEX_ORGSUFFIX))
			return 0;	/* "Federal Express Corp" */
		/* "at", "in" may lead to the body; "said", "who" end it. */
		if (!upper && tok->len > 2 &&
		    clause_word(v->text + tok->off, tok->len) &&
		    !body_joiner(v->text + tok->off, tok->len))
			return found;
		if ((tok->lexflags & LEX_PUBLIC) || (found && upper))
			found = tok->off + tok->len;
		pos = tok->off + tok->len;
	}
	return found;
}

/* "Brisk, a commissioner on the ...": a one-word name before an
 * apposition is a person's when the article writes it in full as the
 * last word of a name ("Walter Brisk"), not a place ("Gateshead, the
 * prime minister said"). A company's title ("chairman", "head") is left
 * to full names: it needs its body read right, and a surname gives less
 * to check it by. */
static bool surname_of_full(const struct ext_view *v, const struct ext_toks *t,
			    const struct ext_name *n)
{
	if (n->words != 1 || n->honorific)
		return n->honorific;
	for (size_t j = 1; j < t->n; j++) {
		const struct ext_tok *tok = &t->v[j], *prev = &t->v[j - 1];
		struct ext_name full;
		if (tok->len != n->len || tok->off == n->off ||
		    memcmp(v->text + tok->off, v->text + n->off, n->len) ||
		    !(prev->flags & TOK_UPPER) ||
		    prev->off + prev->len + 1 != tok->off)
			continue;
		if (ext_name_backward(t, v->text, v->len, tok->off + tok->len,
				      &full) && full.core >= 2 &&
		    full.off + full.len == tok->off + tok->len)
			return true;
	}
	return false;
}

/* "Lloyd Austin, Secretary of Defense", "Paul Volcker, chairman of the
 * Federal Reserve Board", "Willy de Clercq, the EC's external trade
 * commissioner": a name, a comma, a title (an apposition). */
static int title_after(const struct ext_gaz *g, const struct ext_view *v,
		       struct ext_toks *t, size_t i, struct ext_cands *c)
{
	const struct ext_tok *tok = &t->v[i];
	bool country;
	size_t comma;
	if (tok->flags & (TOK_NAME | TOK_TITLE))
		return 0;
	/* The comma first: it is cheaper to find than a title. */
	if (!(comma = comma_before(v, t, i, &country))) {
		const struct ext_phrase *p = (tok->flags & TOK_ALLCAPS) &&
					     tok->len <= 3 ?
					     title_at(g, v, tok, false) : NULL;
		return p ? postnominal(v, t, i, p, c) : 0;
	}
	const struct ext_phrase *p = title_at(g, v, tok, true);
	if (!p || (p->tflags & EXT_TF_HONORIFIC) || !(p->tflags & EXT_TF_AFTER))
		return 0;
	size_t end = tok->off + p->len, at;
	struct ext_name n;
	struct of_body of;
	/* A name right after the title makes it a title before a name. */
	if (end < v->len && v->text[end] == ' ' &&
	    ext_name_forward(t, v->text, v->len, end + 1, &n))
		return 0;
	if (of_body(v, t, end, &of)) {
		party_leader(p, &of);
		country |= of.public;
		end = of.end;
	} else if ((at = seat(v, t, p, end)) != 0) {
		country = true;
		end = at;
	} else if (!strncmp(v->text + end, " of ", 4) ||
		   !strncmp(v->text + end, " for ", 5)) {
		/* "a spokesman for the city's Department of Design",
		 * "deputy commissioner for water and sewer operations at
		 * the Department of Environmental Protection". */
		if (!(at = public_ahead(v, t, end)))
			return 0;	/* a longer title than we know */
		country = true;
		end = at;
	}
	/* A company title needs a country: "the Philippine president". A
	 * name of one word before a comma is as often a place ("Gateshead,
	 * the prime minister said"). */
	if (((p->tflags & EXT_TF_CORPORATE) && !country) ||
	    !ext_name_backward(t, v->text, v->len, comma, &n) ||
	    (n.core < 2 && ((p->tflags & EXT_TF_CORPORATE) ||
			    !surname_of_full(v, t, &n))))
		return 0;
	if (push(c, &n, n.off, how_apposition))
		return -ENOMEM;
	c->v[c->n - 1].why_len = (uint32_t)(end - n.off);
	flag_range(t, i, tok->off, end, TOK_TITLE);
	flag_range(t, ext_tok_at(t, n.off), n.off, n.off + n.len, TOK_NAME);
	return 0;
}

/* Tokens looked at back to the start of a sentence. */
#define SENTENCE_TOKENS 40

/* The first token of the sentence that token i is in. */
static size_t sentence_start(const struct ext_view *v,
			     const struct ext_toks *t, size_t i)
{
	for (size_t n = 0; i > 0 && n < SENTENCE_TOKENS; n++, i--) {
		const struct ext_tok *tok = &t->v[i], *prev = &t->v[i - 1];
		if (tok->flags & TOK_PARA_START)
			return i;
		const char *gap = v->text + prev->off + prev->len;
		size_t g = tok->off - (prev->off + prev->len);
		/* ". " ends a sentence, unless after "Mr" or "U.S". */
		if (g >= 2 && memchr(gap, '.', g) && prev->len > 2 &&
		    !(prev->flags & TOK_ALLCAPS) &&
		    !(prev->lexflags & LEX_HONORIFIC))
			return i;
	}
	return i;
}

/*
 * "Paul Volcker has declined to serve another term as chairman of the
 * Federal Reserve Board": "as" and a public office, and one full name
 * before it in the sentence, who holds or is named to it. Token i is
 * "as".
 */
static int as_office(const struct ext_gaz *g, const struct ext_view *v,
		     struct ext_toks *t, size_t i, struct ext_cands *c)
{
	size_t k = i + 1;
	while (k < t->n && (t->v[k].lexflags & (LEX_DETERMINER |
						LEX_MODIFIER)) &&
	       (t->v[k].flags & TOK_LOWER))
		k++;
	if (k >= t->n || t->v[k].off > t->v[i].off + 24 ||
	    !(t->v[k].lexflags & LEX_HAS_TITLE) ||
	    (t->v[k].flags & (TOK_TITLE | TOK_NAME)))
		return 0;
	const struct ext_phrase *p = title_at(g, v, &t->v[k],
					      t->v[k].flags & TOK_LOWER);
	uint8_t f;
	if (!p || (p->tflags & (EXT_TF_HONORIFIC | EXT_TF_TWO_WORDS)))
		return 0;
	size_t end = title_chain(g, v, t, k, p, &f), from;
	struct of_body of;
	struct ext_name n;
	bool has_of = of_body(v, t, end, &of), bare;
	if (has_of)
		end = of.end;
	/* "ousted as vice-president": a head of state's office alone,
	 * unless a company is near. */
	if ((f & EXT_TF_CORPORATE) && !(has_of && of.public) &&
	    !qualified(v, t, k, &bare, &from) &&
	    ((f & EXT_TF_PRESIDENT) == 0 || has_of ||
	     company_near(t, k, 2)))
		return 0;
	/* "as President Reagan said": a title before a name. */
	if (end < v->len && v->text[end] == ' ' &&
	    ext_name_forward(t, v->text, v->len, end + 1, &n))
		return 0;
	struct ext_name who = {0};
	int found = 0;
	for (size_t j = sentence_start(v, t, i); j < i; j++) {
		const struct ext_tok *tok = &t->v[j];
		if (!(tok->flags & TOK_UPPER) ||
		    !ext_name_forward(t, v->text, v->len, tok->off, &n))
			continue;
		if (n.core >= 2) {
			who = n;
			found++;
		}
		while (j + 1 < i && t->v[j + 1].off < n.off + n.len)
			j++;
	}
	if (found != 1)
		return 0;
	struct ext_cand x = {
		.name_off = who.off, .name_len = who.len,
		.why_off = who.off, .why_len = (uint32_t)(end - who.off),
		.how = how_as,
	};
	if (ext_cands_push(c, &x))
		return -ENOMEM;
	flag_range(t, k, t->v[k].off, end, TOK_TITLE);
	return 0;
}

/* A public title and a name at text[pos] ("Attorney-General George
 * Brandis"): where they end, or 0. */
static size_t advised(const struct ext_gaz *g, const struct ext_view *v,
		      const struct ext_toks *t, size_t pos)
{
	size_t k = ext_tok_at(t, pos);
	if (k >= t->n || t->v[k].off != pos || !(t->v[k].flags & TOK_UPPER))
		return 0;
	const struct ext_phrase *p = title_at(g, v, &t->v[k], false);
	/* "Attorney-General": the title may be the second half. */
	if (!p && k + 1 < t->n && v->text[t->v[k].off + t->v[k].len] == '-' &&
	    t->v[k + 1].off == t->v[k].off + t->v[k].len + 1) {
		pos = t->v[++k].off;
		p = title_at(g, v, &t->v[k], false);
	}
	struct ext_name n;
	if (!p || (p->tflags & (EXT_TF_HONORIFIC | EXT_TF_CORPORATE)) ||
	    pos + p->len >= v->len || v->text[pos + p->len] != ' ' ||
	    !ext_name_forward(t, v->text, v->len, pos + p->len + 1, &n))
		return 0;
	return n.off + n.len;
}

/*
 * "Ian Gibson, who chairs the science and technology committee": a full
 * name, ", who", a verb of heading, and a public body in the clause.
 * Token i is "who".
 */
static int who_heads(const struct ext_gaz *g, const struct ext_view *v,
		     struct ext_toks *t, size_t i, struct ext_cands *c)
{
	/* "the": a body of its own, not "a meeting of ...". */
	static const char *const verbs[] = {
		" chairs the ", " heads the ", " leads the ", " chaired the ",
		" headed the ", " led the ", " runs the ",
	};
	const struct ext_tok *tok = &t->v[i];
	size_t at = tok->off, end = at + tok->len, body = 0;
	if (at < 3 || memcmp(v->text + at - 2, ", ", 2) ||
	    memcmp(v->text + at, "who", 3))
		return 0;
	for (size_t k = 0; k < NFS_ARRAY_SIZE(verbs) && !body; k++) {
		size_t n = strlen(verbs[k]);
		if (v->len - end > n && !memcmp(v->text + end, verbs[k], n))
			body = public_ahead(v, t, end + n - 5);
	}
	/* "who advises Attorney-General George Brandis": on the staff
	 * of an office holder. */
	if (!body && v->len - end > 10 && !memcmp(v->text + end, " advises ", 9))
		body = advised(g, v, t, end + 9);
	struct ext_name who;
	if (!body || !ext_name_backward(t, v->text, v->len, at - 2, &who) ||
	    who.core < 2)
		return 0;
	if (push(c, &who, who.off, how_apposition))
		return -ENOMEM;
	c->v[c->n - 1].why_len = (uint32_t)(body - who.off);
	flag_range(t, ext_tok_at(t, who.off), who.off, who.off + who.len,
		   TOK_NAME);
	return 0;
}

/* Is token i the word "as"? */
static bool is_as(const struct ext_view *v, const struct ext_tok *tok)
{
	return tok->len == 2 && v->text[tok->off] == 'a' &&
	       v->text[tok->off + 1] == 's';
}

/*
 * "cabinet ministers Jonathan Moyo and Saviour Kasukuwere", "Labour MPs
 * Ian Gibson and Kate Hoey": a title in the plural before full names
 * joined by "and" or commas. Token i ends with "s" and a capitalised word
 * follows it.
 */
static int plural_title(const struct ext_gaz *g, const struct ext_view *v,
			struct ext_toks *t, size_t i, struct ext_cands *c)
{
	const struct ext_tok *tok = &t->v[i];
	const char *s = v->text + tok->off;
	size_t len = tok->len - 1;
	int32_t e = ext_lex_find(g, s, len, ext_fold_hash(s, len));
	if (e < 0 || !(g->lex[e].flags & LEX_HAS_TITLE))
		return 0;
	const struct ext_phrase *p = NULL;
	for (uint32_t k = 0; k < g->lex[e].title_n && !p; k++) {
		const struct ext_phrase *q = &g->titles[g->lex[e].title_first + k];
		if (q->len == len && ext_phrase_at(q, s, len, true))
			p = q;
	}
	bool bare, lower = tok->flags & TOK_LOWER;
	size_t from;
	if (!p || (p->tflags & (EXT_TF_HONORIFIC | EXT_TF_TWO_WORDS)) ||
	    (!qualified(v, t, i, &bare, &from) &&
	     ((p->tflags & EXT_TF_CORPORATE) || lower)))
		return 0;
	size_t pos = tok->off + tok->len + 1;
	struct ext_name n;
	while (pos < v->len && ext_name_forward(t, v->text, v->len, pos, &n) &&
	       n.core >= 2) {
		struct ext_cand x = {
			.name_off = n.off, .name_len = n.len,
			.why_off = (uint32_t)from,
			.why_len = n.off + n.len - (uint32_t)from,
			.how = how_before,
		};
		if (ext_cands_push(c, &x))
			return -ENOMEM;
		flag_range(t, i, n.off, n.off + n.len, TOK_NAME);
		size_t end = n.off + n.len;
		if (v->len - end > 5 && !memcmp(v->text + end, " and ", 5))
			pos = end + 5;
		else if (v->len - end > 2 && !memcmp(v->text + end, ", ", 2))
			pos = end + 2;
		else
			break;
	}
	return 0;
}

/* Could token i be a title in the plural before a name? */
static bool maybe_plural(const struct ext_view *v, const struct ext_toks *t,
			 size_t i)
{
	/* The tokens first: they are read anyway, the text is not. */
	const struct ext_tok *tok = &t->v[i];
	return i + 1 < t->n && (t->v[i + 1].flags & TOK_UPPER) &&
	       t->v[i + 1].off == tok->off + tok->len + 1 && tok->len >= 3 &&
	       !(tok->flags & (TOK_CAPSPARA | TOK_NAME)) &&
	       v->text[tok->off + tok->len - 1] == 's' &&
	       v->text[tok->off + tok->len] == ' ';
}

/* Tokens of a sentence read for the members named "among" an office. */
#define AMONG_TOKENS 60

/* Is s[0, len) a title in the plural ("MPs", "senators", "députés")? */
static bool plural_office(const struct ext_gaz *g, const char *s, size_t len)
{
	if (len < 3 || s[len - 1] != 's')
		return false;
	int32_t e = ext_lex_find(g, s, len - 1, ext_fold_hash(s, len - 1));
	if (e < 0 || !(g->lex[e].flags & LEX_HAS_TITLE))
		return false;
	for (uint32_t k = 0; k < g->lex[e].title_n; k++) {
		const struct ext_phrase *q = &g->titles[g->lex[e].title_first + k];
		if (q->len == len - 1 &&
		    !(q->tflags & (EXT_TF_HONORIFIC | EXT_TF_CORPORATE |
				   EXT_TF_TWO_WORDS)))
			return ext_phrase_at(q, s, len - 1, true);
	}
	return false;
}

/*
 * "Among the MPs who voted against it were Anne Fowler and Peter Quist",
 * "Parmi les députés ayant voté contre figurent ...": a sentence that
 * opens with the holders of an office names them. Every full name of the
 * sentence is one. Token i opens a paragraph or follows a sentence end.
 */
static int among(const struct ext_gaz *g, const struct ext_view *v,
		 struct ext_toks *t, size_t i, struct ext_cands *c)
{
	static const char *const opens[] = {
		"Among the ", "Parmi les ", "Entre los ", "Entre las ",
	};
	const char *s = v->text + t->v[i].off;
	size_t avail = v->len - t->v[i].off, n = 0;
	for (size_t k = 0; k < NFS_ARRAY_SIZE(opens) && !n; k++)
		if (avail > strlen(opens[k]) &&
		    !memcmp(s, opens[k], strlen(opens[k])))
			n = strlen(opens[k]);
	size_t k = i + 2;
	if (!n || k >= t->n || t->v[k].off != t->v[i].off + n ||
	    !plural_office(g, v->text + t->v[k].off, t->v[k].len) ||
	    sentence_start(v, t, i) != i)
		return 0;
	size_t from = t->v[i].off;
	for (size_t j = k + 1; j < t->n && j < k + AMONG_TOKENS; j++) {
		const struct ext_tok *tok = &t->v[j], *prev = &t->v[j - 1];
		const char *gap = v->text + prev->off + prev->len;
		size_t gl = tok->off - (prev->off + prev->len);
		if ((tok->flags & TOK_PARA_START) ||
		    (gl >= 2 && memchr(gap, '.', gl) && prev->len > 2 &&
		     !(prev->lexflags & LEX_HONORIFIC)))
			break;
		struct ext_name nm;
		if (!(tok->flags & TOK_UPPER) || (tok->flags & TOK_ALLCAPS) ||
		    !ext_name_forward(t, v->text, v->len, tok->off, &nm))
			continue;
		if (nm.core >= 2 && !(tok->flags & TOK_NAME)) {
			if (push(c, &nm, from, how_among))
				return -ENOMEM;
			flag_range(t, j, nm.off, nm.off + nm.len, TOK_NAME);
		}
		while (j + 1 < t->n && t->v[j + 1].off < nm.off + nm.len)
			j++;
	}
	return 0;
}

int ext_find_officials(const struct ext_gaz *g, const struct ext_view *v,
		       struct ext_toks *t, struct ext_cands *c)
{
	int rc = 0;
	size_t first = c->n;
	for (size_t i = 0; i < t->n && !rc;) {
		if (t->v[i].lexflags & LEX_HAS_TITLE) {
			i = title_before(g, v, t, i, c, &rc);
			continue;
		}
		if (maybe_plural(v, t, i))
			rc = plural_title(g, v, t, i, c);
		i++;
	}
	for (size_t i = 0; i < t->n && !rc; i++) {
		const struct ext_tok *tok = &t->v[i];
		if (tok->lexflags & LEX_HAS_TITLE)
			rc = title_after(g, v, t, i, c);
		else if (tok->len == 2 && is_as(v, tok) && i + 1 < t->n)
			rc = as_office(g, v, t, i, c);
		else if (tok->len == 3 && (tok->flags & TOK_LOWER))
			rc = who_heads(g, v, t, i, c);
		else if ((tok->flags & TOK_PLACE) && i >= 2)
			rc = ext_ruled_at(g, v, t, i, c);
		else if (tok->len == 14 && i > 0)
			rc = ext_regime_at(v, t, i, c);
		else if (tok->len == 5 && i + 2 < t->n &&
			 (v->text[tok->off] == 'A' || v->text[tok->off] == 'P' ||
			  v->text[tok->off] == 'E'))
			rc = among(g, v, t, i, c);
	}
	if (!rc)
		rc = ext_find_cjk_officials(v, t, c);
	if (!rc)
		peers(v, t, c, first);
	return rc;
}
