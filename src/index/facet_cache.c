/*
 * The writer's cache of facet ids by name (a country) or by key (an
 * official), so that linking an article to a known country costs one
 * insert instead of three statements. A cached id must name a row that
 * exists: whatever may delete or merge facet rows, or roll back their
 * creation, empties the cache first.
 */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define FACET_CACHE 1024

struct facet_cache {
	struct facet_slot {
		char *name;	/* NULL: empty */
		int64_t id;
	} slot[3][FACET_CACHE];	/* [IDX_COUNTRY], [IDX_OFFICIAL],
				 * [IDX_PUBLICATION] */
};

static struct facet_slot *slot_of(struct idx *ix, enum idx_facet f,
				  const char *name)
{
	uint64_t h = 1469598103934665603ull;	/* FNV-1a */
	for (const char *p = name; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	return &ix->facets->slot[f][h % FACET_CACHE];
}

int idx_facet_cache_new(struct idx *ix)
{
	if (!ix->facets && !(ix->facets = calloc(1, sizeof(*ix->facets))))
		return -ENOMEM;
	return 0;
}

bool idx_facet_cache_get(struct idx *ix, enum idx_facet f, const char *name,
			 int64_t *id)
{
	struct facet_slot *s = slot_of(ix, f, name);
	if (!s->name || strcmp(s->name, name) != 0)
		return false;
	*id = s->id;
	return true;
}

void idx_facet_cache_put(struct idx *ix, enum idx_facet f, const char *name,
			 int64_t id)
{
	struct facet_slot *s = slot_of(ix, f, name);
	char *copy = strdup(name);
	if (!copy)
		return;		/* a cache miss costs time, not correctness */
	free(s->name);
	s->name = copy;
	s->id = id;
}

void idx_facet_cache_forget(struct idx *ix, enum idx_facet f,
			    const char *key)
{
	struct facet_slot *s = slot_of(ix, f, key);
	if (s->name && strcmp(s->name, key) == 0) {
		free(s->name);
		s->name = NULL;
	}
}

void idx_facet_cache_clear(struct idx *ix)
{
	if (!ix->facets)
		return;
	for (int f = 0; f < 3; f++)
		for (size_t i = 0; i < FACET_CACHE; i++) {
			free(ix->facets->slot[f][i].name);
			ix->facets->slot[f][i].name = NULL;
		}
}

void idx_facet_cache_free(struct idx *ix)
{
	idx_facet_cache_clear(ix);
	free(ix->facets);
	ix->facets = NULL;
}
