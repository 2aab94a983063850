/*
 * The mention list and what it adds up to: which countries an article
 * counts. Finding mentions is country.c's and locate.c's job; both add
 * to the list through ext_mentions_push(), and this file decides, once
 * the article's officials and date are known, which mentions remain and
 * which countries they make.
 */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>

int ext_mentions_push(struct ext_mentions *m, const struct ext_mention *x)
{
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 64;
		void *p = realloc(m->v, cap * sizeof(*m->v));
		if (!p)
			return -ENOMEM;
		m->v = p;
		m->cap = cap;
	}
	m->v[m->n++] = *x;
	return 0;
}

void ext_date_places(const struct ext_gaz *g, struct ext_mentions *m,
		     int32_t ymd)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->v[i].place)
			m->v[i].country = ext_era_country(g, m->v[i].country,
							  ymd);
}

void ext_drop_named(const struct ext_toks *t, struct ext_mentions *m)
{
	for (size_t i = 0; i < m->n; i++)
		for (uint32_t k = m->v[i].tok_first; k < m->v[i].tok_end; k++)
			if (t->v[k].flags & TOK_NAME)
				m->v[i].dropped = 1;
}

int ext_count_countries(const struct ext_gaz *g,
			const struct ext_mentions *m,
			struct ext_cscratch *s, struct ext_counted *out,
			size_t *nout)
{
	if (s->cap < g->ncountries) {
		free(s->v);
		s->v = calloc(g->ncountries, sizeof(*s->v));
		s->cap = s->v ? g->ncountries : 0;
		if (!s->v)
			return -ENOMEM;
	}
	/* An epoch instead of clearing the whole table per article. */
	if (++s->epoch == 0) {
		for (size_t i = 0; i < s->cap; i++)
			s->v[i].epoch = 0;
		s->epoch = 1;
	}
	for (size_t i = 0; i < m->n; i++) {
		const struct ext_mention *x = &m->v[i];
		struct ext_cstate *c = &s->v[x->country];
		if (x->dropped)
			continue;
		if (c->epoch != s->epoch)
			*c = (struct ext_cstate){.epoch = s->epoch,
						 .first = (uint32_t)i,
						 .phrase = x->phrase};
		/* The evidence shown is the first mention in the text that
		 * counts alone ("Russia", not an earlier "Moscow and
		 * Pyongyang"); the dateline's is added last but comes first. */
		if (x->strong && (!c->strong || x->off < m->v[c->evidence].off))
			c->evidence = (uint32_t)i;
		c->strong |= x->strong;
		c->second |= x->phrase != c->phrase;
	}
	*nout = 0;
	for (size_t i = 0; i < m->n; i++) {
		const struct ext_mention *x = &m->v[i];
		struct ext_cstate *c = &s->v[x->country];
		if (x->dropped || c->epoch != s->epoch || c->first != i ||
		    !(c->strong || c->second))
			continue;
		out[(*nout)++] = (struct ext_counted){
			x->country, c->strong ? c->evidence : (uint32_t)i};
	}
	return 0;
}
