/*
 * The language of query/ and search/ folders: one path component is one
 * term (src/util/query.c). Input comes from any user's path, so the
 * parser takes any bytes and either gives a term or says why not; it
 * touches neither SQLite nor FUSE.
 *
 *   country=Japan|South Korea    a facet value, '|' between alternatives
 *   official=Reagan   source=www.bbc.co.uk
 *   date=2024  date=2024-07  date=2024-07-28  date=2024-07..2024-09
 *   date=1987-04-01..   date=..1987-04-09   date=undated
 *   text=missile launch  text="freedom edge"  text=semiconduct*
 *   !country=China               a leading '!' negates the term
 *
 * Facet names are case-insensitive; values are matched case- and
 * accent-insensitively (nq_fold) by whoever looks them up.
 */
#ifndef NEWSFS_QUERY_H
#define NEWSFS_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

enum nq_facet { NQ_COUNTRY, NQ_OFFICIAL, NQ_SOURCE, NQ_DATE, NQ_TEXT };

/* Days lo..hi as YYYYMMDD, both included; lo = hi = 0 is "undated". */
struct nq_range {
	int32_t lo, hi;
};

struct nq_term {
	enum nq_facet facet;
	bool negate;
	size_t nvalues;		/* country, official, source: alternatives */
	char **values;		/* trimmed, non-empty */
	size_t nranges;		/* date: alternatives */
	struct nq_range *ranges;
	char *fts;		/* text: an FTS5 expression over the body */
};

/* Parse one path component. 0 and *t (freed with nq_term_free), or
 * -EINVAL with err saying why, or -ENOMEM. */
int nq_parse_term(const char *s, struct nq_term *t, char *err, size_t errsz);
void nq_term_free(struct nq_term *t);

/* The FTS5 expression of a search/ folder's words (the text= syntax,
 * over headline and body). 0, or -EINVAL with err, or -ENOMEM. */
int nq_search_expr(const char *s, struct sbuf *out, char *err, size_t errsz);

/* s lower-cased, with the accents of Latin letters removed ("Côte" and
 * "COTE" both give "cote"), into out (NUL-terminated, cut at outsz). */
void nq_fold(const char *s, char *out, size_t outsz);

#endif
