/*
 * The order in which the writer stores the files the workers prepared:
 * the ingest half of content packing (include/pack.h says why it exists
 * and what it relies on). In the order they come, a new article that does
 * not fit in what is left of the content page being filled starts the
 * next page, and the rest of the old one stays unused.
 */
#ifndef NEWSFS_INGEST_ORDER_H
#define NEWSFS_INGEST_ORDER_H

#include "internal.h"

/* Take the next file with order_next() and give it back with
 * order_stored(). */
#define ORDER_AHEAD 16
struct order {
	struct pipeline *p;
	size_t n;			/* files in the run */
	size_t lo, hi;			/* files [lo, hi) are in view; lo is
					 * the first one not stored */
	struct prepared *pr[ORDER_AHEAD];
	bool stored[ORDER_AHEAD];
};
void order_init(struct order *o, struct pipeline *p, size_t n);
/* The file to store next, and OUT *i its number in the run. */
struct prepared *order_next(struct order *o, const struct idx *ix,
			    size_t *i);
void order_stored(struct order *o, size_t i);

#endif
