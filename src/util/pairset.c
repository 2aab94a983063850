/* A set of (a, b) pairs of 64-bit numbers (see util.h). */
#include "util.h"

#include <errno.h>
#include <stdlib.h>

static uint64_t pair_hash(uint64_t a, uint64_t b)
{
	uint64_t h = b * 0x9e3779b97f4a7c15ull ^ a;
	return h ^ (h >> 29);
}

/* Keep the table at most half full, so probes stay short. */
static int grow(struct pairset *s)
{
	size_t cap = s->cap ? s->cap * 2 : 64;
	struct pair *slot = calloc(cap, sizeof(*slot));
	if (!slot)
		return -ENOMEM;
	for (size_t i = 0; i < s->cap; i++) {
		if (!s->slot[i].used)
			continue;
		size_t j = pair_hash(s->slot[i].a, s->slot[i].b);
		while (slot[j & (cap - 1)].used)
			j++;
		slot[j & (cap - 1)] = s->slot[i];
	}
	free(s->slot);
	s->slot = slot;
	s->cap = cap;
	return 0;
}

int pairset_add(struct pairset *s, uint64_t a, uint64_t b)
{
	if ((s->n + 1) * 2 > s->cap && grow(s))
		return -ENOMEM;
	for (size_t j = pair_hash(a, b);; j++) {
		struct pair *p = &s->slot[j & (s->cap - 1)];
		if (!p->used) {
			*p = (struct pair){a, b, true};
			s->n++;
			return 1;
		}
		if (p->a == a && p->b == b)
			return 0;
	}
}

void pairset_clear(struct pairset *s)
{
	for (size_t i = 0; i < s->cap; i++)
		s->slot[i].used = false;
	s->n = 0;
}

void pairset_free(struct pairset *s)
{
	free(s->slot);
	*s = (struct pairset){0};
}
