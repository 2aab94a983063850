/*
 * Places that put an article in a country by where they stand:
 *
 *   the dateline   "CHICAGO, March 3 -", "PEARL RIVER, N.Y., April 8 -",
 *                  "SALVADOR, Brazil, Feb 26 -": the story was filed
 *                  there, so it belongs in that country's folder, as
 *                  readers of by-country/ expect;
 *   a city, then its region, in the text   "Pearl River, N.Y.", "Paris,
 *                  Texas", "Atlanta, Georgia": the region decides, and
 *                  the city's name is no mention of France or Georgia.
 *
 * A dateline place resolves in this order:
 *  1. its region, if it has one: a state or province ("N.Y.", "Calif.",
 *     "Ontario", postal codes too) gives its country, a country ("West
 *     Germany") is that country. "Georgia", "Washington" and "Victoria"
 *     are the state only when the city is one of that state's;
 *  2. a place of the gazetteer ("TOKYO", "WASHINGTON", "LONDON");
 *  3. a city of cities.tsv: the most populous of that name, unless one at
 *     least a quarter as large lies in a country the article mentions.
 *     "CAMBRIDGE" is the English one unless the story names the United
 *     States; "PARIS" stays in France even then (Paris, Texas has 1% of
 *     its people).
 * A place that resolves to nothing counts nothing: no guess.
 */
#include "internal.h"

#include <errno.h>
#include <string.h>

/* A smaller city of the same name wins if the article mentions its
 * country and it has at least 1 / NEARBY_RATIO of the largest's people.
 * Not less: wire stories name the United States so often that Geneva,
 * Illinois (22,000) would take every "GENEVA" from Switzerland. */
#define NEARBY_RATIO 4
/* Words of a region ("District of Columbia") and of a city before one. */
#define REGION_WORDS 3
#define CITY_WORDS 4

/* The gazetteer alias written exactly text[off, off + len), any case. */
static const struct ext_phrase *alias_exact(const struct ext_gaz *g,
					    const struct ext_view *v,
					    const struct ext_toks *t,
					    size_t off, size_t len)
{
	size_t i = ext_tok_at(t, off);
	if (i >= t->n || t->v[i].off != off || t->v[i].lex < 0)
		return NULL;
	const struct ext_lexent *e = &g->lex[t->v[i].lex];
	for (uint32_t k = 0; k < e->alias_n; k++) {
		const struct ext_phrase *p = &g->aliases[e->alias_first + k];
		/* An ambiguous name is no place even here: "SALVADOR" is
		 * the Brazilian city, not El Salvador in French. */
		if (p->len == len && p->kind != EXT_K_BLOCK &&
		    (!p->ambiguous || p->kind == EXT_K_CAPITAL ||
		     p->kind == EXT_K_METONYM) &&
		    ext_phrase_at(p, v->text + off, len, true))
			return p;
	}
	return NULL;
}

static bool mentioned(const struct ext_mentions *m, uint16_t country)
{
	for (size_t i = 0; i < m->n; i++)
		if (!m->v[i].dropped && m->v[i].country == country)
			return true;
	return false;
}

/* The country of the city named s[0, len), or -1 (rule 3 above). */
static int city_country(const struct ext_gaz *g, const char *s, size_t len,
			const struct ext_mentions *m)
{
	size_t first, n = ext_city_find(g, s, len, &first);
	if (!n)
		return -1;
	const struct ext_city *c = &g->cities[first];
	for (size_t k = 0; k < n; k++)
		if ((uint64_t)c[k].population * NEARBY_RATIO >=
		    c[0].population && mentioned(m, c[k].country))
			return c[k].country;
	return c[0].country;
}

/* Is a city named s[0, len) in region r? */
static bool city_in(const struct ext_gaz *g, const char *s, size_t len,
		    const struct ext_region *r)
{
	size_t first, n = ext_city_find(g, s, len, &first);
	for (size_t k = first; k < first + n; k++)
		if (g->cities[k].country == r->country &&
		    !strcmp(g->cities[k].admin1, r->admin1))
			return true;
	return false;
}

/* The country that the region text[roff, roff + rlen) gives the place
 * text[poff, poff + plen) before it, or -1 (rule 1 above). */
static int region_country(const struct ext_gaz *g, const struct ext_view *v,
			  const struct ext_toks *t, size_t poff, size_t plen,
			  size_t roff, size_t rlen, bool dateline)
{
	const struct ext_region *r = ext_region_find(g, v->text + roff, rlen);
	if (r && (r->kind != EXT_R_CODE || dateline) &&
	    (!r->ambiguous || city_in(g, v->text + poff, plen, r)))
		return r->country;
	if (!dateline)
		return -1;
	const struct ext_phrase *p = alias_exact(g, v, t, roff, rlen);
	return p ? p->country : -1;
}

/*
 * Count text[off, end) as a place of country c. A mention inside it that
 * is a capital, a state or needed support was the city's own name
 * ("Paris" in "Paris, Texas", "Ontario" in "Ontario, Calif.", "Georgia"
 * in "Atlanta, Georgia") and no longer counts.
 */
static int push_place(const struct ext_gaz *g, struct ext_mentions *m,
		      struct ext_toks *t, size_t off, size_t end, uint16_t c)
{
	for (size_t j = 0; j < m->n; j++) {
		struct ext_mention *x = &m->v[j];
		if (x->off >= off && x->off < end && x->country != c &&
		    (!x->strong || x->phrase == EXT_PHRASE_PLACE ||
		     g->aliases[x->phrase].kind == EXT_K_CAPITAL ||
		     g->aliases[x->phrase].kind == EXT_K_REGION))
			x->dropped = 1;
	}
	size_t i = ext_tok_at(t, off), j = i;
	while (j < t->n && t->v[j].off < end)
		t->v[j++].flags |= TOK_PLACE;
	struct ext_mention x = {
		.off = (uint32_t)off, .len = (uint32_t)(end - off),
		.phrase = EXT_PHRASE_PLACE, .country = c, .strong = 1,
		.place = 1, .tok_first = (uint32_t)i, .tok_end = (uint32_t)j,
	};
	return ext_mentions_push(m, &x);
}

/* Rule 2: a dateline place of the gazetteer counts, even an ambiguous
 * capital ("WASHINGTON"): its position makes it a place. */
static int alias_place(const struct ext_gaz *g, const struct ext_phrase *p,
		       const struct ext_toks *t, size_t off,
		       struct ext_mentions *m)
{
	for (size_t j = 0; j < m->n; j++) {
		if (m->v[j].off == off) {
			m->v[j].strong = 1;
			return 0;
		}
	}
	size_t i = ext_tok_at(t, off), j = i;
	while (j < t->n && t->v[j].off < off + p->len)
		j++;
	struct ext_mention x = {
		.off = (uint32_t)off, .len = p->len,
		.phrase = (uint32_t)(p - g->aliases), .country = p->country,
		.strong = 1, .place = p->kind == EXT_K_CAPITAL,
		.tok_first = (uint32_t)i, .tok_end = (uint32_t)j,
	};
	return ext_mentions_push(m, &x);
}

int ext_dateline_place(const struct ext_gaz *g, const struct ext_view *v,
		       struct ext_toks *t, const struct ext_dateline *dl,
		       struct ext_mentions *m)
{
	if (!dl->found)
		return 0;
	size_t off = dl->place_off, len = dl->place_len, end = off + len;
	int c = -1;
	if (dl->region_len) {
		c = region_country(g, v, t, off, len, dl->region_off,
				   dl->region_len, true);
		if (c >= 0)
			end = dl->region_off + dl->region_len;
	}
	if (c < 0) {
		const struct ext_phrase *p = alias_exact(g, v, t, off, len);
		if (p)
			return alias_place(g, p, t, off, m);
		c = city_country(g, v->text + off, len, m);
	}
	return c < 0 ? 0 : push_place(g, m, t, off, end, (uint16_t)c);
}

/* End of a region of up to REGION_WORDS words at text[off] ("N.Y.",
 * "British Columbia", "District of Columbia"), the ends of each prefix
 * that ends with a capitalised word in ends[]; returns how many. */
static size_t region_ends(const struct ext_view *v, size_t off,
			  size_t ends[REGION_WORDS])
{
	const char *s = v->text;
	size_t n = 0, i = off;
	for (size_t w = 0; w < REGION_WORDS && i < v->len; w++) {
		size_t j = i;
		while (j < v->len && (ext_word_at(s, v->len, j) ||
				      (s[j] == '.' && j > i)))
			j += s[j] == '.' ? 1 : ext_word_at(s, v->len, j);
		if (j == i)
			break;
		bool lower = ext_ascii_lower((unsigned char)s[i]);
		if (lower && !(j - i == 2 && !memcmp(s + i, "of", 2)) &&
		    !(j - i == 3 && !memcmp(s + i, "and", 3)))
			break;	/* only "of" and "and" join a region */
		if (!lower)
			ends[n++] = j;
		if (j >= v->len || s[j] != ' ')
			break;
		i = j + 1;
	}
	return n;
}

/* Start of the city before the comma at text[comma]: capitalised words
 * ending at token k, joined by spaces ("Pearl River", "St. Louis"), no
 * sentence opener among them ("In", "The"). */
static size_t city_start(const struct ext_view *v, const struct ext_toks *t,
			 size_t k, size_t comma)
{
	const struct ext_tok *tok = &t->v[k];
	if (tok->off + tok->len != comma || !(tok->flags & TOK_UPPER))
		return comma;
	size_t start = tok->off;
	for (int w = 1; w < CITY_WORDS && k > 0; w++, k--) {
		const struct ext_tok *prev = &t->v[k - 1];
		size_t gap = t->v[k].off - (prev->off + prev->len);
		const char *between = v->text + prev->off + prev->len;
		if ((t->v[k].flags & TOK_PARA_START) ||
		    !(prev->flags & TOK_UPPER) ||
		    (prev->lexflags & LEX_NAMESTOP) ||
		    !((gap == 1 && between[0] == ' ') ||
		      (gap == 2 && !memcmp(between, ". ", 2))))
			break;
		start = prev->off;
	}
	return start;
}

/* "Pearl River, N.Y.", "Paris, Texas", "Atlanta, Georgia" in the text:
 * a region starting at token i after a city and a comma. */
int ext_region_at(const struct ext_gaz *g, const struct ext_view *v,
		  struct ext_toks *t, size_t i, struct ext_mentions *m)
{
	const struct ext_tok *tok = &t->v[i];
	size_t off = tok->off, ends[REGION_WORDS];
	if (i == 0 || !(tok->flags & TOK_UPPER) ||
	    (tok->flags & TOK_PARA_START) || off < 3 ||
	    memcmp(v->text + off - 2, ", ", 2))
		return 0;
	size_t city = city_start(v, t, i - 1, off - 2);
	if (city == off - 2)
		return 0;
	for (size_t n = region_ends(v, off, ends); n > 0; n--) {
		int c = region_country(g, v, t, city, off - 2 - city, off,
				       ends[n - 1] - off, false);
		if (c >= 0)
			return push_place(g, m, t, city, ends[n - 1],
					  (uint16_t)c);
	}
	return 0;
}
