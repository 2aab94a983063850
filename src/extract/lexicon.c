/*
 * The lexicon: one hash table from a word, folded to ASCII upper case, to
 * everything the extractor knows about it (flags from words.c, the
 * aliases and titles that start with it). Each token of an article costs
 * one lookup here, which is what keeps extraction fast: no phrase is ever
 * searched for in the text, phrases are only compared where their first
 * word already is.
 */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

uint32_t ext_fold_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;	/* FNV-1a */
	for (size_t i = 0; i < len; i++) {
		h ^= (uint32_t)ext_ascii_toupper((unsigned char)s[i]);
		h *= 16777619u;
	}
	return h;
}

static bool key_equal(const struct ext_gaz *g, const struct ext_slot *e,
		      const char *s, size_t len)
{
	if (e->key_len != len)
		return false;
	const char *k = g->keys + e->key_off;
	for (size_t i = 0; i < len; i++)
		if (k[i] != (char)ext_ascii_toupper((unsigned char)s[i]))
			return false;
	return true;
}

static const struct ext_slot *slot_of(const struct ext_gaz *g, const char *s,
				      size_t len, uint32_t hash)
{
	uint32_t b = hash >> 16;
	if (!g->slots || !(g->bloom[b >> 6] >> (b & 63) & 1))
		return NULL;
	for (uint32_t i = hash & g->mask;; i = (i + 1) & g->mask) {
		const struct ext_slot *slot = &g->slots[i];
		if (!slot->idx)
			return NULL;
		if (slot->hash == hash && key_equal(g, slot, s, len))
			return slot;
	}
}

int32_t ext_lex_find(const struct ext_gaz *g, const char *s, size_t len,
		     uint32_t hash)
{
	const struct ext_slot *slot = slot_of(g, s, len, hash);
	return slot ? (int32_t)(slot->idx - 1) : -1;
}

int32_t ext_lex_lookup(const struct ext_gaz *g, const char *s, size_t len,
		       uint32_t hash, uint16_t *flags)
{
	const struct ext_slot *slot = slot_of(g, s, len, hash);
	if (!slot)
		return -1;
	*flags = slot->flags;
	return (int32_t)(slot->idx - 1);
}

static struct ext_slot slot_for(const struct ext_gaz *g, size_t k)
{
	const struct ext_lexent *e = &g->lex[k];
	return (struct ext_slot){
		.hash = e->hash, .idx = (uint32_t)(k + 1),
		.key_off = e->key_off, .key_len = (uint16_t)e->key_len,
		.flags = e->flags,
	};
}

/* Rebuild the slot table with room for n entries at half load. */
static int rehash(struct ext_gaz *g, size_t n)
{
	size_t size = 64;
	while (size < 2 * n)
		size *= 2;
	struct ext_slot *slots = calloc(size, sizeof(*slots));
	if (!slots)
		return -ENOMEM;
	uint32_t mask = (uint32_t)(size - 1);
	for (size_t k = 0; k < g->nlex; k++) {
		uint32_t i = g->lex[k].hash & mask;
		while (slots[i].idx)
			i = (i + 1) & mask;
		slots[i] = slot_for(g, k);
	}
	free(g->slots);
	g->slots = slots;
	g->mask = mask;
	return 0;
}

int ext_lex_seal(struct ext_gaz *g)
{
	return rehash(g, g->nlex);
}

int ext_lex_reserve(struct ext_gaz *g, size_t n)
{
	if (n <= g->lex_cap)
		return 0;
	struct ext_lexent *lex = realloc(g->lex, n * sizeof(*lex));
	if (!lex)
		return -ENOMEM;
	g->lex = lex;
	g->lex_cap = n;
	return rehash(g, n);
}

static int add_key(struct ext_gaz *g, const char *s, size_t len)
{
	if (g->keys_len + len > g->keys_cap) {
		size_t cap = g->keys_cap ? g->keys_cap : 4096;
		while (cap < g->keys_len + len)
			cap *= 2;
		char *k = realloc(g->keys, cap);
		if (!k)
			return -ENOMEM;
		g->keys = k;
		g->keys_cap = cap;
	}
	for (size_t i = 0; i < len; i++)
		g->keys[g->keys_len + i] =
			(char)ext_ascii_toupper((unsigned char)s[i]);
	g->keys_len += len;
	return 0;
}

int32_t ext_lex_add(struct ext_gaz *g, const char *s, size_t len)
{
	uint32_t hash = ext_fold_hash(s, len);
	int32_t found = ext_lex_find(g, s, len, hash);
	if (found >= 0)
		return found;
	if (g->nlex == g->lex_cap &&
	    ext_lex_reserve(g, g->lex_cap ? g->lex_cap * 2 : 256))
		return -ENOMEM;
	size_t key_off = g->keys_len;
	if (add_key(g, s, len))
		return -ENOMEM;
	struct ext_lexent *e = &g->lex[g->nlex];
	*e = (struct ext_lexent){
		.key_off = (uint32_t)key_off,
		.key_len = (uint32_t)len,
		.hash = hash,
	};
	uint32_t i = hash & g->mask;
	while (g->slots[i].idx)
		i = (i + 1) & g->mask;
	g->slots[i] = slot_for(g, g->nlex);
	g->bloom[hash >> 22] |= 1ull << (hash >> 16 & 63);
	g->nlex++;
	if (len > g->max_key)
		g->max_key = len;
	return (int32_t)(g->nlex - 1);
}

size_t ext_first_word(const char *s, size_t len)
{
	size_t i = 0, n;
	while ((n = ext_word_at(s, len, i)) != 0)
		i += n;
	return i;
}

bool ext_phrase_at(const struct ext_phrase *p, const char *s, size_t avail,
		   bool fold)
{
	/* Most candidates differ in their last byte: test it first. */
	if (p->len > avail)
		return false;
	if (p->len) {
		char a = p->text[p->len - 1], b = s[p->len - 1];
		if (a != b && (!fold || ext_ascii_toupper((unsigned char)a) !=
					ext_ascii_toupper((unsigned char)b)))
			return false;
	}
	if (!fold) {
		if (memcmp(p->text, s, p->len) != 0)
			return false;
	} else {
		for (size_t i = 0; i < p->len; i++)
			if (ext_ascii_toupper((unsigned char)p->text[i]) !=
			    ext_ascii_toupper((unsigned char)s[i]))
				return false;
	}
	return ext_word_at(s, avail, p->len) == 0;
}
