/*
 * Answering a query/ folder: the articles every term of its path allows.
 *
 * Each term is answered by prepared statements of its own (one per
 * facet value, date range or text expression, every value bound), as a
 * sorted list of article ids; the lists are then intersected, and those
 * of negated terms subtracted, in C. So a path of thousands of terms, or
 * a term of thousands of alternatives, never builds a statement with
 * thousands of parameters or a deep expression: SQLite's limits on
 * variables, expression depth and compound selects are never near.
 */
#include "internal.h"
#include "query.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Ids as an sbuf holds them. */
#define IDS(sb) ((int64_t *)(void *)(sb)->buf)
#define NIDS(sb) ((sb)->len / sizeof(int64_t))

/* Sort and drop repeats. Most lists come sorted (a facet's rows in id
 * order, FTS5's doclists); a date range's come in date order. */
static int sort_unique(struct sbuf *ids)
{
	ids->len = ids_sort_unique(ids->buf, NIDS(ids), sizeof(int64_t)) *
		   sizeof(int64_t);
	return 0;
}

/* A bitmap of the ids v[0..n) (sorted) hold, from v[0]; NULL when their
 * range is too sparse for one (ids far apart in a crafted index). */
static uint64_t *id_bits(const int64_t *v, size_t n, size_t more)
{
	uint64_t words = (uint64_t)(v[n - 1] - v[0]) / 64 + 1;
	if (words > (uint64_t)(n + more) * 4 + 4096)
		return NULL;
	return calloc(words, sizeof(uint64_t));
}

/* a = a AND b (keep: true) or a AND NOT b (keep: false); a sorted, b
 * in any order: b's ids inside a's range mark a bitmap, and a keeps
 * what the bitmap says, so b is never sorted. */
static int filter(struct sbuf *a, struct sbuf *b, bool keep)
{
	int64_t *x = IDS(a);
	const int64_t *y = IDS(b);
	size_t n = NIDS(a), m = NIDS(b), o = 0;
	if (!n)
		return 0;
	int64_t lo = x[0], hi = x[n - 1];
	uint64_t *bits = id_bits(x, n, m);
	if (!bits) {
		int rc = sort_unique(b);
		for (size_t i = 0; !rc && i < n; i++)
			if (ids_has(IDS(b), NIDS(b), x[i]) == keep)
				x[o++] = x[i];
		a->len = rc ? a->len : o * sizeof(*x);
		return rc;
	}
	for (size_t j = 0; j < m; j++)
		if (y[j] >= lo && y[j] <= hi) {
			uint64_t d = (uint64_t)(y[j] - lo);
			bits[d / 64] |= UINT64_C(1) << (d % 64);
		}
	for (size_t i = 0; i < n; i++) {
		uint64_t d = (uint64_t)(x[i] - lo);
		bool in = bits[d / 64] >> (d % 64) & 1;
		if (in == keep)
			x[o++] = x[i];
	}
	free(bits);
	a->len = o * sizeof(*x);
	return 0;
}

/* Append column 0 of every row of st (bound by the caller). */
static int add_rows(struct idx *ix, sqlite3_stmt *st, struct sbuf *out)
{
	return idx_step_ids(ix, st, idx_listable_id, NULL, out,
			    "cannot answer the query");
}

/* The articles of one facet folder (sid: ST_Q_COUNTRY_ARTICLES, ...),
 * or only those in within when it is set: below another term, the
 * index is read between within's first and last id, and the rest are
 * never copied out of SQLite. */
static int add_by_id(struct idx *ix, enum stmt_id sid, int64_t key,
		     const struct idx_idset *within, struct sbuf *out)
{
	if (within && !within->n)
		return 0;
	if (within)
		sid = sid == ST_Q_COUNTRY_ARTICLES ? ST_Q_COUNTRY_IN :
		      sid == ST_Q_PUBLICATION_ARTICLES ? ST_Q_PUBLICATION_IN
						       : ST_Q_OFFICIAL_IN;
	sqlite3_stmt *st = idx_stmt(ix, sid);
	if (!st)
		return -EIO;
	sqlite3_bind_int64(st, 1, key);
	if (within) {
		sqlite3_bind_pointer(st, 2, (void *)within, IDX_IDSET_TYPE,
				     NULL);
		sqlite3_bind_int64(st, 3, within->first);
		sqlite3_bind_int64(st, 4, within->last);
	}
	return add_rows(ix, st, out);
}

/* Which of t's values each country or publication matches, folded. */
struct facet_match {
	const struct nq_term *t;
	char (*want)[NFS_NAME_MAX * 2 + 1];
	bool *found;
	struct sbuf ids;	/* country or publication ids */
};

static int on_facet(void *ctx, int64_t id, const char *name)
{
	struct facet_match *m = ctx;
	char f[NFS_NAME_MAX * 2 + 1];
	nq_fold(name, f, sizeof(f));
	for (size_t i = 0; i < m->t->nvalues; i++)
		if (strcmp(f, m->want[i]) == 0) {
			m->found[i] = true;
			return sbuf_add(&m->ids, &id, sizeof(id));
		}
	return 0;
}

/* The folders of facet f that t's values name, folded (case and
 * accents aside), into ids. OUT: found[i], whether value i named one. */
static int named_ids(struct idx *ix, const struct nq_term *t,
		     enum idx_facet f, bool *found, struct sbuf *ids)
{
	struct facet_match m = {.t = t, .found = found};
	m.want = calloc(t->nvalues, sizeof(*m.want));
	int rc = m.want ? 0 : -ENOMEM;
	for (size_t i = 0; !rc && i < t->nvalues; i++)
		nq_fold(t->values[i], m.want[i], sizeof(m.want[i]));
	if (!rc)
		rc = idx_facet_list(ix, f, 0, on_facet, &m);
	free(m.want);
	*ids = m.ids;
	return rc;
}

/* The articles of the folders of facet f that t's values name. OUT:
 * found[i], whether value i named one. */
static int named_folders(struct idx *ix, const struct nq_term *t,
			 enum idx_facet f, const struct idx_idset *within,
			 bool *found, struct sbuf *out)
{
	struct sbuf ids;
	int rc = named_ids(ix, t, f, found, &ids);
	enum stmt_id sid = f == IDX_COUNTRY ? ST_Q_COUNTRY_ARTICLES
					    : ST_Q_PUBLICATION_ARTICLES;
	for (size_t i = 0; !rc && i < NIDS(&ids); i++)
		rc = add_by_id(ix, sid, IDS(&ids)[i], within, out);
	sbuf_release(&ids);
	return rc;
}

static int countries(struct idx *ix, const struct nq_term *t,
		     const struct idx_idset *within, struct sbuf *out,
		     struct sbuf *why)
{
	bool *found = calloc(t->nvalues, sizeof(*found));
	int rc = found ? named_folders(ix, t, IDX_COUNTRY, within, found, out)
		       : -ENOMEM;
	for (size_t i = 0; !rc && i < t->nvalues; i++)
		if (!found[i]) {
			sbuf_addf(why, "no country called '%s' is indexed",
				  t->values[i]);
			rc = -ENOENT;
		}
	free(found);
	return rc;
}

/* Officials (id, name) of one statement bound to text key. OUT: their
 * ids and names. */
static int officials_where(struct idx *ix, enum stmt_id sid, const char *key,
			   struct sbuf *ids, struct sbuf *names)
{
	sqlite3_stmt *st = idx_stmt(ix, sid);
	if (!st)
		return -EIO;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	int rc, ret = 0;
	while (!ret && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *n = (const char *)sqlite3_column_text(st, 1);
		ret = sbuf_add(ids, &id, sizeof(id));
		if (!ret)
			ret = sbuf_addf(names, "%s'%s'", names->len ? ", " : "",
					n ? n : "");
	}
	if (!ret && rc != SQLITE_DONE)
		ret = idx_fail(ix, rc, "cannot look up officials");
	idx_stmt_done(st);
	return ret;
}

/* The official one value names: its display name, its key, or a word of
 * exactly one person's key. OUT: *id; -ENOENT (none) or -EEXIST (more
 * than one), why saying which. */
static int one_official(struct idx *ix, const char *v, idx_key_fn keyfn,
			int64_t *id, struct sbuf *why)
{
	char key[NFS_NAME_MAX * 2 + 1];
	size_t klen = keyfn(key, sizeof(key), v, strlen(v));
	struct sbuf ids = {0}, names = {0};
	int rc = 0;
	/* A word several people's keys have: ambiguous, even when a
	 * folder of that word alone exists beside theirs. */
	if (klen && !strchr(key, ' '))
		rc = officials_where(ix, ST_Q_WORD_OFFICIALS, key, &ids, &names);
	if (!rc && NIDS(&ids) < 2) {
		sbuf_reset(&ids);
		sbuf_reset(&names);
		rc = officials_where(ix, ST_Q_OFFICIAL_NAMED, v, &ids, &names);
		if (!rc && !NIDS(&ids) && klen)
			rc = officials_where(ix, ST_Q_OFFICIAL_KEYED, key, &ids,
					     &names);
		if (!rc && !NIDS(&ids) && klen && !strchr(key, ' '))
			rc = officials_where(ix, ST_Q_WORD_OFFICIALS, key,
					     &ids, &names);
	}
	if (!rc && NIDS(&ids) == 1) {
		*id = IDS(&ids)[0];
	} else if (!rc && NIDS(&ids) == 0) {
		sbuf_addf(why, "no official called '%s' is indexed", v);
		rc = -ENOENT;
	} else if (!rc) {
		sbuf_addf(why, "official=%s is ambiguous: it may be %s%s; "
			  "name one of them in full", v, names.buf,
			  NIDS(&ids) > 10 ? " and more" : "");
		rc = -EEXIST;
	}
	sbuf_release(&ids);
	sbuf_release(&names);
	return rc;
}

static int officials(struct idx *ix, const struct nq_term *t,
		     idx_key_fn keyfn, const struct idx_idset *within,
		     struct sbuf *out, struct sbuf *why)
{
	int rc = 0, ambiguous = 0;
	for (size_t i = 0; (!rc || rc == -EEXIST) && i < t->nvalues; i++) {
		int64_t id;
		rc = one_official(ix, t->values[i], keyfn, &id, why);
		if (rc == -EEXIST)
			ambiguous = rc;
		else if (!rc)
			rc = add_by_id(ix, ST_Q_OFFICIAL_ARTICLES, id, within,
				       out);
	}
	return rc ? rc : ambiguous;
}

static int dates(struct idx *ix, const struct nq_term *t, struct sbuf *out)
{
	int rc = 0;
	for (size_t i = 0; !rc && i < t->nranges; i++) {
		const struct nq_range *r = &t->ranges[i];
		sqlite3_stmt *st = idx_stmt(ix, r->lo ? ST_Q_DATED
						      : ST_Q_UNDATED);
		if (!st)
			return -EIO;
		if (r->lo) {
			sqlite3_bind_int(st, 1, r->lo);
			sqlite3_bind_int(st, 2, r->hi);
		}
		rc = add_rows(ix, st, out);
	}
	return rc;
}

/* Does a path component of path, folded, equal want? */
static bool path_has(const char *path, const char *want)
{
	char f[NFS_NAME_MAX * 2 + 1];
	for (const char *p = path; *p;) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n && n <= NFS_NAME_MAX) {
			char c[NFS_NAME_MAX + 1];
			memcpy(c, p, n);
			c[n] = '\0';
			nq_fold(c, f, sizeof(f));
			if (strcmp(f, want) == 0)
				return true;
		}
		p += n + (e != NULL);
	}
	return false;
}

/* Articles of the by-source/ folders the values name; a value that
 * names none matches the articles one of whose source paths has a
 * folder (or file) of that name, such as the host folder a crawler
 * saves pages under. */
static int sources(struct idx *ix, const struct nq_term *t,
		   const struct idx_idset *within, struct sbuf *out)
{
	char (*want)[NFS_NAME_MAX * 2 + 1] = calloc(t->nvalues, sizeof(*want));
	bool *found = calloc(t->nvalues, sizeof(*found));
	int rc = want && found ? named_folders(ix, t, IDX_PUBLICATION, within,
					       found, out) : -ENOMEM;
	size_t left = 0;
	for (size_t i = 0; !rc && i < t->nvalues; i++)
		if (!found[i])
			nq_fold(t->values[i], want[left++], sizeof(want[0]));
	sqlite3_stmt *st = rc || !left ? NULL : idx_stmt(ix, ST_Q_SOURCES);
	int ret = rc ? rc : left && !st ? -EIO : 0;
	while (st && !ret && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *path = (const char *)sqlite3_column_text(st, 1);
		int64_t id = sqlite3_column_int64(st, 0);
		for (size_t i = 0; path && i < left; i++)
			if (path_has(path, want[i])) {
				ret = sbuf_add(out, &id, sizeof(id));
				break;
			}
	}
	if (st && !ret && rc != SQLITE_DONE)
		ret = idx_fail(ix, rc, "cannot read sources");
	if (st)
		idx_stmt_done(st);
	free(want);
	free(found);
	return ret;
}

/* The articles term t names, negation aside (only those within a set,
 * or more, when within is set); sorted and without repeats when sort is
 * set, else in any order. */
static int term_ids(struct idx *ix, const struct nq_term *t,
		    idx_key_fn keyfn, const struct idx_idset *within,
		    bool sort, struct sbuf *out, struct sbuf *why)
{
	int rc;
	sbuf_reset(out);
	switch (t->facet) {
	case NQ_COUNTRY: rc = countries(ix, t, within, out, why); break;
	case NQ_OFFICIAL: rc = officials(ix, t, keyfn, within, out, why);
		break;
	case NQ_DATE: rc = dates(ix, t, out); break;
	case NQ_SOURCE: rc = sources(ix, t, within, out); break;
	case NQ_TEXT:
		rc = idx_text_ids(ix, t->fts, out);
		if (rc == -EINVAL)
			sbuf_addf(why, "the search index refuses %s: %s",
				  t->fts, idx_errmsg(ix));
		break;
	default: rc = -EINVAL; break;
	}
	if (!rc && sort)
		rc = sort_unique(out);
	return rc;
}

/* Apply the terms of one kind (negated or not) to out; have: out holds
 * a list already (else the first positive term's list becomes it).
 * Every term is looked at, so that every unknown or ambiguous value is
 * named. */
static int apply(struct idx *ix, const struct nq_term *const *terms,
		 size_t n, bool neg, idx_key_fn keyfn,
		 const struct idx_idset *within, struct sbuf *out,
		 bool *have, struct sbuf *why)
{
	struct sbuf ids = {0};
	int rc = 0, ambiguous = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		if (terms[i]->negate != neg)
			continue;
		rc = term_ids(ix, terms[i], keyfn, within, !*have, &ids, why);
		if (rc == -EEXIST) {
			ambiguous = rc;
			rc = 0;
		} else if (!rc && !*have) {
			struct sbuf t = *out;
			*out = ids;
			ids = t;
			*have = true;
		} else if (!rc) {
			rc = filter(out, &ids, !neg);
		}
	}
	sbuf_release(&ids);
	return rc ? rc : ambiguous;
}

int idx_query_refine(struct idx *ix, const int64_t *base, size_t nbase,
		     const struct nq_term *t, idx_key_fn keyfn,
		     struct sbuf *out, struct sbuf *why)
{
	bool have = true;
	struct idx_idset within;
	sbuf_reset(out);
	int rc = idx_idset_make(&within, base, nbase);
	if (!rc)
		rc = sbuf_add(out, base, nbase * sizeof(*base));
	if (!rc)
		rc = apply(ix, &t, 1, t->negate, keyfn, &within, out, &have,
			   why);
	idx_idset_free(&within);
	if (rc == -EEXIST)
		sbuf_reset(out);
	return rc;
}

int idx_query(struct idx *ix, const struct nq_term *const *terms, size_t n,
	      idx_key_fn keyfn, struct sbuf *out, struct sbuf *why)
{
	bool have = false;
	sbuf_reset(out);
	int rc = apply(ix, terms, n, false, keyfn, NULL, out, &have, why);
	if ((!rc || rc == -EEXIST) && !have) {
		/* Only negated terms: everything they do not name. */
		sqlite3_stmt *st = idx_stmt(ix, ST_Q_ALL);
		int r2 = st ? add_rows(ix, st, out) : -EIO;
		if (!r2)
			r2 = sort_unique(out);
		if (r2)
			rc = r2;
		have = true;
	}
	if (!rc || rc == -EEXIST) {
		int r2 = apply(ix, terms, n, true, keyfn, NULL, out, &have,
			       why);
		if (r2 && r2 != -EEXIST)
			rc = r2;
		else if (r2)
			rc = r2;
	}
	if (rc == -EEXIST)
		sbuf_reset(out);
	return rc;
}

/* fn for each row of st (bound: id and the listing's columns), then
 * st done. */
static int rows_out(struct idx *ix, sqlite3_stmt *st, idx_article_fn fn,
		    void *ctx)
{
	int rc, ret = 0;
	while (!ret && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = idx_column_name(st, 1);
		struct idx_attr a = {
			.id = sqlite3_column_int64(st, 0),
			.size = sqlite3_column_int64(st, 2),
			.mtime = sqlite3_column_int64(st, 3),
			.date = sqlite3_column_int(st, 4),
			.nlink = (uint32_t)sqlite3_column_int(st, 5),
		};
		if (name && a.id >= 1 && a.id <= IDX_ID_MAX)
			ret = fn(ctx, &a, name);
	}
	if (!ret && rc != SQLITE_DONE)
		ret = idx_fail(ix, rc, "cannot answer the query");
	idx_stmt_done(st);
	return ret;
}

int idx_query_dated_rows(struct idx *ix, const int64_t *base, size_t nbase,
			 int32_t lo, int32_t hi, idx_article_fn fn, void *ctx)
{
	if (!nbase)
		return 0;
	struct idx_idset set;
	int ret = idx_idset_make(&set, base, nbase);
	sqlite3_stmt *st = ret ? NULL : idx_stmt(ix, ST_Q_DATED_ROWS);
	if (!ret && !st)
		ret = -EIO;
	if (st) {
		sqlite3_bind_int(st, 1, lo);
		sqlite3_bind_int(st, 2, hi);
		sqlite3_bind_pointer(st, 3, &set, IDX_IDSET_TYPE, NULL);
	}
	if (st)
		ret = rows_out(ix, st, fn, ctx);
	idx_idset_free(&set);
	return ret;
}

int idx_query_dated_guess(struct idx *ix, int32_t lo, int32_t hi, int64_t *n)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_Q_DATED_GUESS);
	if (!st)
		return -EIO;
	sqlite3_bind_int(st, 1, lo);
	sqlite3_bind_int(st, 2, hi);
	int rc = sqlite3_step(st), ret = 0;
	if (rc == SQLITE_ROW) {
		int64_t in = sqlite3_column_int64(st, 0);
		int64_t days = sqlite3_column_int64(st, 1);
		int64_t ids = sqlite3_column_int64(st, 2);
		/* ids: the largest, an upper bound of the count. */
		*n = days > 0 && in > 0 ? (int64_t)((double)ids * (double)in /
						    (double)days) : 0;
	} else {
		ret = idx_fail(ix, rc, "cannot answer the query");
	}
	idx_stmt_done(st);
	return ret;
}

/* The rows of a date term's ranges, when they are all dated and hold
 * about max articles or fewer. */
static int dated_rows(struct idx *ix, const struct nq_term *t, size_t max,
		      idx_article_fn fn, void *ctx)
{
	int64_t guess = 0, n;
	int rc = 0;
	for (size_t i = 0; !rc && i < t->nranges; i++) {
		if (!t->ranges[i].lo)
			return -ENOTSUP;
		rc = idx_query_dated_guess(ix, t->ranges[i].lo,
					   t->ranges[i].hi, &n);
		guess += n;
	}
	if (!rc && guess > (int64_t)max)
		rc = -ENOTSUP;
	for (size_t i = 0; !rc && i < t->nranges; i++) {
		sqlite3_stmt *st = idx_stmt(ix, ST_Q_DATED_ALL_ROWS);
		if (!st)
			return -EIO;
		sqlite3_bind_int(st, 1, t->ranges[i].lo);
		sqlite3_bind_int(st, 2, t->ranges[i].hi);
		rc = rows_out(ix, st, fn, ctx);
	}
	return rc;
}

int idx_query_rows(struct idx *ix, const struct nq_term *t, idx_key_fn keyfn,
		   size_t max, idx_article_fn fn, void *ctx, struct sbuf *why)
{
	if (!t->negate && t->facet == NQ_DATE)
		return dated_rows(ix, t, max, fn, ctx);
	if (t->negate || (t->facet != NQ_OFFICIAL && t->facet != NQ_SOURCE))
		return -ENOTSUP;
	struct sbuf ids = {0};
	int rc = 0, ambiguous = 0;
	enum idx_view v = IDX_VIEW_OFFICIAL;
	if (t->facet == NQ_OFFICIAL) {
		for (size_t i = 0; !rc && i < t->nvalues; i++) {
			int64_t id;
			rc = one_official(ix, t->values[i], keyfn, &id, why);
			if (rc == -EEXIST)
				ambiguous = rc, rc = 0;
			else if (!rc)
				rc = sbuf_add(&ids, &id, sizeof(id));
		}
	} else {
		/* Values that name no publication match source paths:
		 * sources() answers those. */
		v = IDX_VIEW_PUBLICATION;
		bool *found = calloc(t->nvalues, sizeof(*found));
		rc = found ? named_ids(ix, t, IDX_PUBLICATION, found, &ids)
			   : -ENOMEM;
		for (size_t i = 0; !rc && i < t->nvalues; i++)
			if (!found[i])
				rc = -ENOTSUP;
		free(found);
	}
	rc = rc ? rc : ambiguous;
	for (size_t i = 0; !rc && i < NIDS(&ids); i++)
		rc = idx_view_list(ix, v, IDS(&ids)[i], 0, fn, ctx);
	sbuf_release(&ids);
	return rc;
}
