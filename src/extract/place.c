/*
 * Places below the country: the cities of cities.tsv (generated from
 * GeoNames by scripts/gen-cities) and the regions of regions.tsv (US
 * states, Canadian provinces, Australian states, with the abbreviations
 * datelines use).
 *
 * Neither is searched for in the text. 24,000 city names include "Reading",
 * "Mobile" and "Split": a city is a place only where its position says
 * so, in a dateline or before ", N.Y." (locate.c). So both tables are
 * sorted arrays looked up by a folded key, a few times per article, and
 * cost nothing per token.
 *
 * Also the eras of dissolved states, from former.tsv: a city of Ukraine
 * in a 1987 story is a city of the Soviet Union.
 */
#include "internal.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* Words that news and GeoNames abbreviate differently. */
static const struct {
	const char *word, *as;
} short_words[] = {
	{"SAINT", "ST"}, {"SAINTE", "STE"}, {"FORT", "FT"}, {"MOUNT", "MT"},
};

/* Replace the word out[word, *o) by its short form, if it has one. */
static void shorten(char *out, size_t word, size_t *o)
{
	size_t n = *o - word;
	for (size_t k = 0; k < NFS_ARRAY_SIZE(short_words); k++) {
		if (strlen(short_words[k].word) != n ||
		    memcmp(out + word, short_words[k].word, n))
			continue;
		size_t m = strlen(short_words[k].as);
		memcpy(out + word, short_words[k].as, m);
		*o = word + m;
		return;
	}
}

/* The lookup key of a place name: ASCII upper case, accents folded,
 * stops and apostrophes dropped, other punctuation a single space,
 * "Saint", "Fort", "Mount" as "ST", "FT", "MT" ("St. Louis" and "Saint
 * Louis" are one key), and the E of AE, OE, UE dropped, the German
 * spelling of an umlaut ("DUESSELDORF" is Düsseldorf). squeeze drops
 * the spaces too ("W. Va." and "W.Va." are "WVA"). Returns the length,
 * 0 if none fits in outsz. */
static size_t ext_place_key(char *out, size_t outsz, const char *s,
			    size_t len, bool squeeze)
{
	size_t o = 0, word = 0;
	bool gap = false;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = ext_utf8_next(s + i, len - i, &cp);
		int a = ext_cp_ascii(cp);
		i += n;
		if (cp == '.' || cp == '\'' || cp == 0x2019)
			continue;	/* "St.", "O'Fallon": inside a word */
		if (!a && !ext_cp_is_word(cp)) {
			gap = !squeeze;
			continue;
		}
		if (o + (a ? 1 : n) + 2 > outsz)
			return 0;
		if (gap && o) {
			shorten(out, word, &o);
			out[o++] = ' ';
			word = o;
		}
		gap = false;
		if (a == 'E' && o > word && strchr("AOU", out[o - 1])) {
			continue;	/* "DUESSELDORF" is Düsseldorf */
		} else if (a) {
			out[o++] = (char)a;
		} else {	/* another script: kept as written */
			memcpy(out + o, s + i - n, n);
			o += n;
		}
	}
	if (o && !squeeze)
		shorten(out, word, &o);
	if (outsz)
		out[o] = '\0';
	return o;
}

/* Longest key kept: no place name is longer. */
#define PLACE_KEY_MAX 96

static int cmp_city(const void *a, const void *b)
{
	const struct ext_city *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	return x->population > y->population ? -1 :
	       x->population < y->population;
}

/* By key, then name before abbreviation before code: "N.Y." and "NY"
 * share a key, and the lookup must find the form that may stand in
 * running text. */
static int cmp_region(const void *a, const void *b)
{
	const struct ext_region *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : x->kind - y->kind;
}

/* Fill the keys into one pool; a name without one gets "". */
static int make_keys(struct ext_gaz *g)
{
	size_t room = 0;
	for (size_t i = 0; i < g->ncities; i++)
		room += strlen(g->cities[i].name) * 2 + 2;
	for (size_t i = 0; i < g->nregions; i++)
		room += strlen(g->regions[i].text) * 2 + 2;
	char *pool = g->place_keys = malloc(room + 1);
	if (!pool)
		return -ENOMEM;
	size_t o = 0;
	for (size_t i = 0; i < g->ncities; i++) {
		const char *n = g->cities[i].name;
		g->cities[i].key = pool + o;
		o += ext_place_key(pool + o, room - o, n, strlen(n), false) + 1;
		pool[o - 1] = '\0';
	}
	for (size_t i = 0; i < g->nregions; i++) {
		const char *n = g->regions[i].text;
		g->regions[i].key = pool + o;
		o += ext_place_key(pool + o, room - o, n, strlen(n), true) + 1;
		pool[o - 1] = '\0';
	}
	return 0;
}

int ext_places_index(struct ext_gaz *g)
{
	int rc = make_keys(g);
	if (rc)
		return rc;
	qsort(g->cities, g->ncities, sizeof(*g->cities), cmp_city);
	qsort(g->regions, g->nregions, sizeof(*g->regions), cmp_region);
	/* The tokenizer then tells which words may start a region. */
	for (size_t i = 0; i < g->nregions; i++) {
		const char *t = g->regions[i].text;
		int32_t e = ext_lex_add(g, t, ext_first_word(t, strlen(t)));
		if (e < 0)
			return (int)e;
		g->lex[e].flags |= LEX_REGION;
	}
	return 0;
}

/* The first of n rows of size bytes whose key (the string pointer at
 * offset koff of a row) is not before key. */
static size_t first_not_before(const void *rows, size_t n, size_t size,
			       size_t koff, const char *key)
{
	const char *base = rows;
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *k = *(const char *const *)(base + mid * size + koff);
		if (strcmp(k, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t ext_city_find(const struct ext_gaz *g, const char *s, size_t len,
		     size_t *first)
{
	char key[PLACE_KEY_MAX];
	if (!ext_place_key(key, sizeof(key), s, len, false))
		return 0;
	size_t lo = first_not_before(g->cities, g->ncities, sizeof(*g->cities),
				     offsetof(struct ext_city, key), key);
	size_t n = 0;
	while (lo + n < g->ncities && !strcmp(g->cities[lo + n].key, key))
		n++;
	*first = lo;
	return n;
}

const struct ext_region *ext_region_find(const struct ext_gaz *g,
					 const char *s, size_t len)
{
	char key[PLACE_KEY_MAX];
	if (!ext_place_key(key, sizeof(key), s, len, true))
		return NULL;
	size_t lo = first_not_before(g->regions, g->nregions,
				     sizeof(*g->regions),
				     offsetof(struct ext_region, key), key);
	return lo < g->nregions && !strcmp(g->regions[lo].key, key) ?
	       &g->regions[lo] : NULL;
}

uint16_t ext_era_country(const struct ext_gaz *g, uint16_t country,
			 int32_t ymd)
{
	if (!ymd)
		return country;
	for (size_t i = 0; i < g->neras; i++)
		if (g->eras[i].country == country && g->eras[i].from <= ymd &&
		    ymd <= g->eras[i].to)
			return g->eras[i].former;
	return country;
}
