/*
 * query/ and search/ folders: nodes made from path names.
 *
 * Every other node id is computed from what it shows (node.h). A query
 * is a path of any length, so its folders get ids from a table instead:
 * one entry per folder the kernel knows, found by (parent, name) so that
 * looking a path up again gives the same inode, and freed when the
 * kernel forgets the node and no child needs it any more. The table
 * holds only folders the kernel holds; everything else about a query is
 * asked again of the index.
 *
 * A folder's answer (its sorted article ids, or for search/ the best
 * ones in rank order) is kept with it until the index changes (the
 * watcher calls fsq_changed) or the answers kept together exceed
 * QCACHE_IDS ids, so that listing a folder in many readdir calls asks
 * once. Answers are shared by reference count: a reader keeps the one it
 * started with while another is made.
 *
 * An answer of up to QROWS_MAX articles also keeps what its listing
 * shows (name, size, dates, links) when it could have them without
 * reading article rows: from an official's or a publication's own rows,
 * from the date index, or from the rows of the answer it refines. Its
 * listing then reads nothing, and a term below it filters those rows in
 * memory, keeping the names where they are. QROWS_MAX holds the largest
 * publications' answers at 1M articles: below one, a country's articles
 * are listed from its rows instead of one article page read per entry.
 */
#include "internal.h"
#include "extract.h"
#include "query.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QCACHE_IDS (1u << 20)	/* ids kept in answers, all folders */
#define QROWS_MAX 32768		/* answers up to this size keep rows */
#define QHASH 1024

/* An article of an answer as its listing shows it. */
struct qrow {
	struct idx_attr a;
	size_t name;		/* offset in qres.names */
};
_Static_assert(offsetof(struct qrow, a.id) == 0,
	       "rows sort by the id they begin with (ids_sort_unique)");

struct qres {
	int refs;		/* fsq.lock */
	uint64_t version;
	size_t n;
	size_t cost;		/* counted in fsq.kept: ids, rows in 8 bytes */
	struct qrow *rows;	/* n rows in id order, or NULL */
	char *names;		/* own, or names_of's */
	size_t names_len;
	struct qres *names_of;	/* held: the answer whose names rows use */
	int64_t *ids;		/* n, sorted; NULL when n is 0 */
};

struct qnode {
	uint64_t id;
	struct qnode *parent;	/* NULL below query/ or search/ */
	bool search;		/* a search/<words> folder */
	char *name;
	struct nq_term term;	/* query folders */
	char *fts;		/* search folders */
	uint64_t nlookup;	/* the kernel's references */
	int holds;		/* children and requests using it */
	struct qres *res;	/* the kept answer, or NULL */
	char *why;		/* what the last answer's making said */
	struct qnode *next_id, *next_name;
};

static size_t hash_id(uint64_t id)
{
	return (size_t)(id * 0x9e3779b97f4a7c15ull >> 54) % QHASH;
}

static size_t hash_name(const struct qnode *parent, bool search,
			const char *name)
{
	uint64_t h = 1469598103934665603ull ^ (uint64_t)(uintptr_t)parent ^
		     search;
	for (const char *p = name; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	return (size_t)(h % QHASH);
}

int fsq_init(struct fsq *q)
{
	memset(q, 0, sizeof(*q));
	q->by_id = calloc(QHASH, sizeof(*q->by_id));
	q->by_name = calloc(QHASH, sizeof(*q->by_name));
	if (!q->by_id || !q->by_name || pthread_mutex_init(&q->lock, NULL)) {
		free(q->by_id);
		free(q->by_name);
		return -ENOMEM;
	}
	q->version = 1;
	return 0;
}

static void res_put(struct qres *r)
{
	while (r && --r->refs == 0) {
		struct qres *of = r->names_of;
		free(r->ids);
		free(r->rows);
		if (!of)
			free(r->names);
		free(r);
		r = of;
	}
}

static void drop_res(struct fsq *q, struct qnode *n)
{
	if (n->res) {
		q->kept -= n->res->cost;
		res_put(n->res);
		n->res = NULL;
	}
}

static void free_node(struct qnode *n)
{
	free(n->why);
	nq_term_free(&n->term);
	free(n->fts);
	free(n->name);
	free(n);
}

void fsq_destroy(struct fsq *q)
{
	if (!q->by_id)
		return;
	for (size_t i = 0; i < QHASH; i++)
		for (struct qnode *n = q->by_id[i], *next; n; n = next) {
			next = n->next_id;
			drop_res(q, n);
			free_node(n);
		}
	free(q->by_id);
	free(q->by_name);
	pthread_mutex_destroy(&q->lock);
}

/* Unlink and free n, and then its parent if that was all it was held
 * for. q->lock held. */
static void maybe_free(struct fsq *q, struct qnode *n)
{
	while (n && n->nlookup == 0 && n->holds == 0) {
		struct qnode **pp = &q->by_id[hash_id(n->id)];
		while (*pp != n)
			pp = &(*pp)->next_id;
		*pp = n->next_id;
		pp = &q->by_name[hash_name(n->parent, n->search, n->name)];
		while (*pp != n)
			pp = &(*pp)->next_name;
		*pp = n->next_name;
		struct qnode *parent = n->parent;
		drop_res(q, n);
		free_node(n);
		q->live--;
		if (parent)
			parent->holds--;
		n = parent;
	}
}

static struct qnode *find_id(struct fsq *q, uint64_t id)
{
	struct qnode *n = q->by_id[hash_id(id)];
	while (n && n->id != id)
		n = n->next_id;
	return n;
}

/* The folder node ino names, held for the caller (fsq_release), or NULL
 * when there is none (it was forgotten: the id is stale). */
static struct qnode *node_get(struct fsq *q, fuse_ino_t ino)
{
	pthread_mutex_lock(&q->lock);
	struct qnode *n = find_id(q, (uint64_t)node_value(ino));
	if (n)
		n->holds++;
	pthread_mutex_unlock(&q->lock);
	return n;
}

static void node_release(struct fsq *q, struct qnode *n, bool looked_up)
{
	pthread_mutex_lock(&q->lock);
	n->nlookup += looked_up;
	n->holds--;
	maybe_free(q, n);
	pthread_mutex_unlock(&q->lock);
}

void fsq_forget(struct fsq *q, fuse_ino_t ino, uint64_t nlookup)
{
	pthread_mutex_lock(&q->lock);
	struct qnode *n = find_id(q, (uint64_t)node_value(ino));
	if (n) {
		n->nlookup = nlookup > n->nlookup ? 0 : n->nlookup - nlookup;
		maybe_free(q, n);
	}
	pthread_mutex_unlock(&q->lock);
}

void fsq_changed(struct fsq *q)
{
	pthread_mutex_lock(&q->lock);
	q->version++;
	pthread_mutex_unlock(&q->lock);
}

size_t fsq_live(struct fsq *q, uint32_t tag, bool search, fuse_ino_t **out)
{
	size_t k = 0;
	pthread_mutex_lock(&q->lock);
	*out = q->live ? malloc(q->live * sizeof(**out)) : NULL;
	for (size_t i = 0; *out && i < QHASH; i++)
		for (struct qnode *n = q->by_id[i]; n && k < q->live;
		     n = n->next_id)
			if (search || !n->search)
				(*out)[k++] = node_make(tag, NK_QUERY,
							(int64_t)n->id);
	pthread_mutex_unlock(&q->lock);
	return k;
}

bool fsq_is_search(struct fsq *q, fuse_ino_t ino)
{
	pthread_mutex_lock(&q->lock);
	struct qnode *n = find_id(q, (uint64_t)node_value(ino));
	bool s = n && n->search;
	pthread_mutex_unlock(&q->lock);
	return s;
}

/* The child name of parent (NULL: below query/ or search/), made if
 * new, held for the caller. -EINVAL (err says why) for a name that is
 * not a term. */
static int child(struct fsq *q, struct qnode *parent, bool search,
		 const char *name, struct qnode **out, char *err,
		 size_t errsz)
{
	size_t h = hash_name(parent, search, name);
	pthread_mutex_lock(&q->lock);
	struct qnode *n = q->by_name[h];
	while (n && (n->parent != parent || n->search != search ||
		     strcmp(n->name, name) != 0))
		n = n->next_name;
	if (n)
		n->holds++;
	pthread_mutex_unlock(&q->lock);
	if ((*out = n))
		return 0;

	n = calloc(1, sizeof(*n));
	if (!n || !(n->name = strdup(name))) {
		free(n);
		return -ENOMEM;
	}
	n->search = search;
	int rc;
	if (search) {
		struct sbuf e = {0};
		rc = nq_search_expr(name, &e, err, errsz);
		n->fts = e.buf;
		if (rc)
			sbuf_release(&e), n->fts = NULL;
	} else {
		rc = nq_parse_term(name, &n->term, err, errsz);
	}
	if (rc) {
		free_node(n);
		return rc;
	}
	pthread_mutex_lock(&q->lock);
	/* Another request may have made it meanwhile: use that one. */
	struct qnode *o = q->by_name[h];
	while (o && (o->parent != parent || o->search != search ||
		     strcmp(o->name, name) != 0))
		o = o->next_name;
	if (o) {
		o->holds++;
		free_node(n);
		n = o;
	} else {
		n->id = ++q->next_id;
		n->parent = parent;
		n->holds = 1;
		if (parent)
			parent->holds++;
		n->next_id = q->by_id[hash_id(n->id)];
		q->by_id[hash_id(n->id)] = n;
		n->next_name = q->by_name[h];
		q->by_name[h] = n;
		q->live++;
	}
	pthread_mutex_unlock(&q->lock);
	*out = n;
	return 0;
}

static void res_release(struct fsq *q, struct qres *r);

/* "query/a/b" for the log. */
static void path_of(const struct qnode *n, struct sbuf *out)
{
	if (n->parent)
		path_of(n->parent, out);
	else
		sbuf_addstr(out, n->search ? "search" : "query");
	sbuf_addch(out, '/');
	sbuf_addstr(out, n->name);
}

static void log_why(struct fs *fs, const struct qnode *n, const char *why)
{
	struct sbuf p = {0};
	path_of(n, &p);
	fs_log(fs, "%s: %s", p.buf ? p.buf : "query", why);
	sbuf_release(&p);
}

/* Rows of an answer, as they come; past QROWS_MAX, ids alone. */
struct rows {
	struct sbuf rows;	/* struct qrow */
	struct sbuf names;
	struct sbuf *ids;	/* once there are too many rows */
	bool over;
	const struct nq_term *t;	/* on_dated: keep rows it allows */
	/* Held when the rows come from this answer's own rows: their names
	 * stay in its block, which the new answer keeps, and are not
	 * copied (first-touched memory costs as much as the filtering). */
	struct qres *shared;
};

static int on_row(void *ctx, const struct idx_attr *a, const char *name)
{
	struct rows *r = ctx;
	if (!r->over && r->rows.len / sizeof(struct qrow) >= QROWS_MAX) {
		const struct qrow *v = (const struct qrow *)(void *)r->rows.buf;
		for (size_t i = 0; i < QROWS_MAX; i++)
			if (sbuf_add(r->ids, &v[i].a.id, sizeof(v[i].a.id)))
				return -ENOMEM;
		sbuf_release(&r->rows);
		sbuf_release(&r->names);
		r->over = true;
	}
	if (r->over)
		return sbuf_add(r->ids, &a->id, sizeof(a->id));
	if (r->shared) {
		struct qrow row = {.a = *a,
				   .name = (size_t)(name - r->shared->names)};
		return sbuf_add(&r->rows, &row, sizeof(row));
	}
	struct qrow row = {.a = *a, .name = r->names.len};
	int rc = sbuf_add(&r->names, name, strlen(name) + 1);
	return rc ? rc : sbuf_add(&r->rows, &row, sizeof(row));
}

/* Does date term t (negation aside) hold an article of date (0:
 * undated)? */
static bool date_in(const struct nq_term *t, int32_t date)
{
	for (size_t i = 0; i < t->nranges; i++) {
		const struct nq_range *g = &t->ranges[i];
		if (g->lo ? date >= g->lo && date <= g->hi : date == 0)
			return true;
	}
	return false;
}

static int on_dated(void *ctx, const struct idx_attr *a, const char *name)
{
	struct rows *r = ctx;
	return date_in(r->t, a->date) != r->t->negate ? on_row(r, a, name)
						     : 0;
}

/* The rows made, in id order, and their ids into r->ids. */
static int rows_done(struct rows *r, int rc)
{
	struct sbuf *ids = r->ids;
	if (rc || r->over) {
		size_t n = ids_sort_unique(ids->buf, ids->len / sizeof(int64_t),
					   sizeof(int64_t));
		ids->len = rc ? 0 : n * sizeof(int64_t);
		return rc;
	}
	size_t n = ids_sort_unique(r->rows.buf, r->rows.len /
				   sizeof(struct qrow), sizeof(struct qrow));
	const struct qrow *v = (const struct qrow *)(void *)r->rows.buf;
	r->rows.len = n * sizeof(*v);
	for (size_t i = 0; !rc && i < n; i++)
		rc = sbuf_add(ids, &v[i].a.id, sizeof(v[i].a.id));
	return rc;
}

/* What one article lookup costs against one row of a pass over the
 * date index (measured at 1M: a lookup reads a page of its own). */
#define LOOKUP_ROWS 32

/* A date term over base, with the answer's listing rows, so that
 * listing it reads no article: from the rows base keeps, from one pass
 * over the date index (which holds the listing's columns) when the
 * range is small next to base, else from a lookup of each article of
 * base. 1 when none of these fits (undated or negated over a large
 * base): the caller asks for ids alone. */
static int date_rows(struct fs_conn *c, const struct qres *base,
		     const struct nq_term *t, struct rows *r)
{
	int rc = 0;
	r->t = t;
	if (base->rows) {
		for (size_t i = 0; !rc && i < base->n; i++)
			rc = on_dated(r, &base->rows[i].a,
				      base->names + base->rows[i].name);
		return rows_done(r, rc);
	}
	bool dated = base->n > 0;
	int64_t guess = 0, n;
	for (size_t i = 0; !rc && i < t->nranges; i++) {
		if (!t->ranges[i].lo)
			dated = false;
		else if (!(rc = idx_query_dated_guess(c->ix, t->ranges[i].lo,
						      t->ranges[i].hi, &n)))
			guess += n;
	}
	if (rc)
		return rc;
	if ((int64_t)base->n * LOOKUP_ROWS < guess) {
		rc = idx_articles_by_id(c->ix, base->ids, base->n, on_dated, r);
		return rows_done(r, rc);
	}
	if (!dated || t->negate)
		return 1;
	for (size_t i = 0; !rc && i < t->nranges; i++)
		rc = idx_query_dated_rows(c->ix, base->ids, base->n,
					  t->ranges[i].lo, t->ranges[i].hi,
					  on_row, r);
	return rows_done(r, rc);
}

/* The rows of base whose ids are in ids (sorted, within base's). */
static int rows_within(const struct qres *base, const struct sbuf *ids,
		       struct rows *r)
{
	const int64_t *v = (const int64_t *)(void *)ids->buf;
	size_t n = ids->len / sizeof(*v), j = 0;
	int rc = 0;
	for (size_t i = 0; !rc && i < base->n && j < n; i++) {
		const struct qrow *b = &base->rows[i];
		while (j < n && v[j] < b->a.id)
			j++;
		if (j < n && v[j] == b->a.id)
			rc = on_row(r, &b->a, base->names + b->name);
	}
	return rc;
}

/* Ask the index for n's answer (and, for some, its rows). */
static int compute(struct fs *fs, struct fs_conn *c, struct qnode *n,
		   struct sbuf *ids, struct rows *rows, struct sbuf *why)
{
	if (n->search) {
		int rc = idx_text_ranked(c->ix, n->fts, FSQ_SEARCH_MAX, ids);
		if (rc == -EINVAL)
			sbuf_addf(why, "the search index refuses these words: "
				  "%s", idx_errmsg(c->ix));
		return rc;
	}
	/* The parent's answer, when it is current: one term more. */
	struct fsq *q = &fs->queries;
	struct qres *base = NULL;
	pthread_mutex_lock(&q->lock);
	if (n->parent && n->parent->res &&
	    n->parent->res->version == q->version) {
		base = n->parent->res;
		base->refs++;
	}
	pthread_mutex_unlock(&q->lock);
	if (base) {
		rows->ids = ids;
		if (base->rows)
			rows->shared = base;	/* its reference with it */
		int rc = n->term.facet == NQ_DATE
			 ? date_rows(c, base, &n->term, rows) : 1;
		if (rc == 1) {
			rc = idx_query_refine(c->ix, base->ids, base->n,
					      &n->term, ext_official_key, ids,
					      why);
			if (!rc && base->rows)
				rc = rows_within(base, ids, rows);
		}
		if (!rows->shared)
			res_release(q, base);
		return rc;
	}
	if (!n->parent) {
		/* An official, a publication or a small date range: rows
		 * that hold the listing's columns. */
		rows->ids = ids;
		int rc = idx_query_rows(c->ix, &n->term, ext_official_key,
					QROWS_MAX, on_row, rows, why);
		if (rc != -ENOTSUP)
			return rows_done(rows, rc);
		sbuf_release(&rows->rows);
		sbuf_release(&rows->names);
		sbuf_reset(ids);
		rows->over = false;
	}
	size_t depth = 0;
	for (const struct qnode *p = n; p; p = p->parent)
		depth++;
	const struct nq_term **terms = malloc(depth * sizeof(*terms));
	if (!terms)
		return -ENOMEM;
	size_t i = depth;
	for (const struct qnode *p = n; p; p = p->parent)
		terms[--i] = &p->term;
	int rc = idx_query(c->ix, terms, depth, ext_official_key, ids, why);
	free(terms);
	return rc;
}

/* sb's bytes as a block of their own length, and sb empty. */
static void *shrunk(struct sbuf *sb)
{
	void *p = realloc(sb->buf, sb->len ? sb->len : 1);
	if (!p)
		p = sb->buf;	/* a shrink that fails leaves it whole */
	*sb = (struct sbuf){0};
	return p;
}

/* n's answer, held for the caller (res_release). An ambiguous official
 * is an empty answer; the log says which people the name could be. */
static int answer(struct fs *fs, struct fs_conn *c, struct qnode *n,
		  struct qres **out)
{
	struct fsq *q = &fs->queries;
	pthread_mutex_lock(&q->lock);
	uint64_t version = q->version;
	struct qres *r = n->res && n->res->version == version ? n->res : NULL;
	if (r)
		r->refs++;
	pthread_mutex_unlock(&q->lock);
	if ((*out = r))
		return 0;

	struct sbuf ids = {0}, why = {0};
	struct rows rows = {0};
	int rc = compute(fs, c, n, &ids, &rows, &why);
	if (why.len)
		log_why(fs, n, why.buf);
	pthread_mutex_lock(&q->lock);
	free(n->why);
	n->why = why.buf;	/* sbuf storage is malloc'd */
	pthread_mutex_unlock(&q->lock);
	if (rc == -EEXIST)
		rc = 0;
	size_t cnt = rc ? 0 : ids.len / sizeof(int64_t);
	r = rc ? NULL : malloc(sizeof(*r));
	if (!rc && !r)
		rc = -ENOMEM;
	if (!rc) {
		/* The answer keeps the buffers it was made in (no copy:
		 * memory first written costs more than its filling), cut
		 * to their length. */
		r->refs = 1;
		r->version = version;
		r->n = cnt;
		r->cost = cnt;
		r->ids = cnt ? shrunk(&ids) : NULL;
		r->rows = NULL;
		r->names = NULL;
		r->names_len = 0;
		r->names_of = NULL;
		if (cnt && rows.rows.len == cnt * sizeof(struct qrow)) {
			r->rows = shrunk(&rows.rows);
			r->names_len = rows.names.len;
			r->names = r->names_len ? shrunk(&rows.names) : NULL;
			if (rows.shared) {
				r->names = rows.shared->names;
				r->names_len = rows.shared->names_len;
				r->names_of = rows.shared;
				rows.shared = NULL;
			}
			/* Shared names count in each answer that holds
			 * them: the block lives while any does. */
			r->cost += (cnt * sizeof(struct qrow) + r->names_len) / 8;
		}
	}
	if (rows.shared)
		res_release(q, rows.shared);
	sbuf_release(&rows.rows);
	sbuf_release(&rows.names);
	sbuf_release(&ids);
	if (rc)
		return rc;
	pthread_mutex_lock(&q->lock);
	if (q->version == version) {
		/* Over budget: drop what the other folders keep. */
		if (q->kept + r->cost > QCACHE_IDS)
			for (size_t i = 0; i < QHASH; i++)
				for (struct qnode *o = q->by_id[i]; o;
				     o = o->next_id)
					drop_res(q, o);
		drop_res(q, n);
		if (r->cost <= QCACHE_IDS) {
			n->res = r;
			r->refs++;
			q->kept += r->cost;
		}
	}
	pthread_mutex_unlock(&q->lock);
	*out = r;
	return 0;
}

static void res_release(struct fsq *q, struct qres *r)
{
	pthread_mutex_lock(&q->lock);
	res_put(r);
	pthread_mutex_unlock(&q->lock);
}

/* Digits of the rank prefix in a search folder of n results. */
static int rank_width(size_t n)
{
	int w = 1;
	for (; n >= 10; n /= 10)
		w++;
	return w < 3 ? 3 : w;
}

/* The name of the article called name at rank (from 1) in a search
 * folder: the rank, a space and the name, cut at a character boundary
 * to fit NFS_NAME_MAX. */
static void ranked_name(char *out, int width, size_t rank, const char *name)
{
	int n = snprintf(out, NFS_NAME_MAX + 1, "%0*zu %s", width, rank, name);
	if (n > NFS_NAME_MAX) {
		size_t len = utf8_trim(out, NFS_NAME_MAX);
		out[len] = '\0';
	}
}

struct one_name {
	struct idx_attr a;
	char name[NFS_NAME_MAX + 1];
	bool found;
};

static int on_one(void *ctx, const struct idx_attr *a, const char *name)
{
	struct one_name *o = ctx;
	o->a = *a;
	snprintf(o->name, sizeof(o->name), "%s", name);
	o->found = true;
	return 1;
}

/* The article at "007 <name>" in a search folder answered by r. */
static int lookup_ranked(struct fs_conn *c, const struct qres *r,
			 const char *name, struct idx_attr *a)
{
	const char *p = name;
	size_t rank = 0;
	while (*p >= '0' && *p <= '9' && p - name < 20)
		rank = rank * 10 + (size_t)(*p++ - '0');
	int width = rank_width(r->n);
	if (p - name != width || *p != ' ' || rank < 1 || rank > r->n)
		return -ENOENT;
	struct one_name o = {.found = false};
	int rc = idx_articles_by_id(c->ix, &r->ids[rank - 1], 1, on_one, &o);
	if (rc < 0)
		return rc;
	char want[NFS_NAME_MAX + 1];
	if (!o.found)
		return -ENOENT;
	ranked_name(want, width, rank, o.name);
	if (strcmp(want, name) != 0)
		return -ENOENT;
	*a = o.a;
	return 0;
}

/* An article inside query or search folder n. */
static int lookup_article(struct fs *fs, struct fs_conn *c, struct qnode *n,
			  const char *name, fuse_ino_t *ino, struct stat *st)
{
	struct qres *r;
	int rc = answer(fs, c, n, &r);
	if (rc)
		return rc;
	struct idx_attr a;
	if (n->search)
		rc = lookup_ranked(c, r, name, &a);
	else
		rc = idx_view_lookup(c->ix, IDX_VIEW_ALL, 0, name, &a);
	if (!rc && (!node_fits(a.id) || (!n->search && !ids_has(r->ids, r->n, a.id))))
		rc = -ENOENT;
	res_release(&fs->queries, r);
	if (rc)
		return rc;
	fs_article_stat(fs, c->tag, &a, st);
	*ino = node_make(c->tag, NK_ARTICLE, a.id);
	return 0;
}

int fsq_lookup(struct fs *fs, struct fs_conn *c, fuse_ino_t parent,
	       const char *name, fuse_ino_t *ino, struct stat *st)
{
	struct fsq *q = &fs->queries;
	struct qnode *p = NULL, *n;
	bool search = node_which(parent) == FIXED_SEARCH;
	char err[256] = "";
	int rc;
	if (node_kind(parent) == NK_QUERY) {
		if (!(p = node_get(q, parent)))
			return -ESTALE;
		search = p->search;
		/* Its articles first: a name with '=' may be one. */
		rc = lookup_article(fs, c, p, name, ino, st);
		if (rc != -ENOENT || search || !strchr(name, '=')) {
			node_release(q, p, false);
			return rc;
		}
	} else if (strcmp(name, FSQ_HELP) == 0) {
		*ino = node_make(c->tag, NK_HELP, search ? 2 : 1);
		return fs_help_stat(fs, *ino, st);
	}
	/* Dot files are what tools probe for (.git, .hidden): never a
	 * question. Nor is a name without '=' below query/. */
	if (name[0] == '.' || (!search && !strchr(name, '=')))
		rc = -ENOENT;
	else
		rc = child(q, p, search, name, &n, err, sizeof(err));
	if (p)
		node_release(q, p, false);
	if (rc == -EINVAL) {
		struct sbuf path = {0};
		if (p)
			path_of(p, &path);
		fs_log(fs, "%s%s%s: %s", path.buf ? path.buf :
		       search ? "search" : "query", "/", name, err);
		sbuf_release(&path);
	}
	if (rc)
		return rc;
	struct qres *r;
	rc = answer(fs, c, n, &r);
	if (!rc) {
		res_release(q, r);
		*ino = node_make(c->tag, NK_QUERY, (int64_t)n->id);
		fs_dir_stat(fs, *ino, st);
	}
	node_release(q, n, rc == 0);
	return rc;
}

int fsq_attr(struct fs *fs, fuse_ino_t ino, struct stat *st)
{
	struct qnode *n = node_get(&fs->queries, ino);
	if (!n)
		return -ESTALE;
	node_release(&fs->queries, n, false);
	fs_dir_stat(fs, ino, st);
	return 0;
}

/* One article of a listing, with its listing cursor. */
struct qlist {
	fsq_entry_fn fn;
	void *ctx;
	const struct qres *r;
	size_t at;		/* search: rank - 1 of the next entry */
	int width;
	bool search;
};

static int on_listed(void *ctx, const struct idx_attr *a, const char *name)
{
	struct qlist *l = ctx;
	if (!l->search)
		return l->fn(l->ctx, a, name, a->id);
	char ranked[NFS_NAME_MAX + 1];
	/* Ranks follow the answer's order; articles gone since are left
	 * out and their ranks with them. */
	while (l->at < l->r->n && l->r->ids[l->at] != a->id)
		l->at++;
	size_t rank = ++l->at;
	ranked_name(ranked, l->width, rank, name);
	return l->fn(l->ctx, a, ranked, (int64_t)rank);
}

int fsq_list(struct fs *fs, struct fs_conn *c, fuse_ino_t ino, int64_t after,
	     fsq_entry_fn fn, void *ctx)
{
	struct fsq *q = &fs->queries;
	struct qnode *n = node_get(q, ino);
	if (!n)
		return -ESTALE;
	struct qres *r;
	int rc = answer(fs, c, n, &r);
	if (!rc) {
		struct qlist l = {.fn = fn, .ctx = ctx, .r = r,
				  .width = rank_width(r->n), .search = n->search};
		size_t from = 0;
		if (n->search) {
			from = after > 0 ? (size_t)after : 0;
			l.at = from;
		} else {
			/* The first id after the cursor: each readdir call
			 * of a long listing must not walk the ids before. */
			size_t hi = r->n;
			while (from < hi) {
				size_t mid = from + (hi - from) / 2;
				if (r->ids[mid] <= after)
					from = mid + 1;
				else
					hi = mid;
			}
		}
		if (r->rows) {
			/* Rows kept with the answer: no index read. */
			for (size_t i = from; !rc && i < r->n; i++)
				rc = on_listed(&l, &r->rows[i].a,
					       r->names + r->rows[i].name);
		} else if (from < r->n) {
			rc = idx_articles_by_id(c->ix, r->ids + from,
						r->n - from, on_listed, &l);
		}
		res_release(q, r);
	}
	node_release(q, n, false);
	return rc;
}

int fsq_why(struct fsq *q, fuse_ino_t ino, struct sbuf *out)
{
	sbuf_reset(out);
	pthread_mutex_lock(&q->lock);
	struct qnode *n = find_id(q, (uint64_t)node_value(ino));
	int rc = !n ? -ESTALE : n->why ? sbuf_addstr(out, n->why) : -ENODATA;
	pthread_mutex_unlock(&q->lock);
	return rc;
}

int fsq_held(struct fsq *q, struct sbuf *out)
{
	sbuf_reset(out);
	pthread_mutex_lock(&q->lock);
	size_t n = q->live;
	pthread_mutex_unlock(&q->lock);
	return sbuf_addf(out, "%zu", n);
}
