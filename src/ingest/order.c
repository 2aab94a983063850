/*
 * The order in which the writer stores the files the workers prepared
 * (order.h; why: include/pack.h).
 *
 * The writer looks at the next ORDER_AHEAD files and stores first the
 * largest one that still fits in the content page being filled; when
 * none fits, the oldest, which starts a page. The oldest waits for at
 * most ORDER_AHEAD - 1 others, and slots go back to the pipeline in
 * order.
 *
 * The choice depends on nothing but the files and what was stored before
 * them, never on which worker finished first, so a run stores the same
 * ids and names with any number of threads. When the index cannot tell
 * what fits (any run but one into an empty index), every file is stored
 * in the order it came.
 */
#include "order.h"

#include "pack.h"

void order_init(struct order *o, struct pipeline *p, size_t n)
{
	*o = (struct order){.p = p, .n = n};
}

/* Fetch files until ORDER_AHEAD are in view (or none is left). */
static void fill(struct order *o)
{
	for (; o->hi < o->n && o->hi < o->lo + ORDER_AHEAD; o->hi++) {
		o->pr[o->hi % ORDER_AHEAD] = pipeline_next(o->p, o->hi);
		o->stored[o->hi % ORDER_AHEAD] = false;
	}
}

struct prepared *order_next(struct order *o, const struct idx *ix,
			    size_t *i)
{
	fill(o);
	size_t best = o->lo, best_fit = 0;
	/* A rejected file takes no room: when the oldest is one, it goes. */
	bool choose = o->pr[o->lo % ORDER_AHEAD]->rc == 0;
	for (size_t j = o->lo; choose && j < o->hi; j++) {
		const struct prepared *pr = o->pr[j % ORDER_AHEAD];
		size_t fit = o->stored[j % ORDER_AHEAD] || pr->rc ? 0
			     : idx_pack_fit(ix, pr->fb.raw.len);
		if (fit > best_fit) {
			best = j;
			best_fit = fit;
		}
	}
	*i = best;
	return o->pr[best % ORDER_AHEAD];
}

void order_stored(struct order *o, size_t i)
{
	o->stored[i % ORDER_AHEAD] = true;
	for (; o->lo < o->hi && o->stored[o->lo % ORDER_AHEAD]; o->lo++)
		pipeline_done(o->p, o->lo);
}
