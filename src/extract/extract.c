/*
 * ext_extract(): one article in, its facets out.
 *
 * The indexer calls this once per article on corpora of a million
 * articles, so everything it needs lives in buffers kept in r->priv and
 * reused from call to call: after the first few articles an extraction
 * allocates nothing. The steps are in internal.h; this file runs them and
 * turns their cleaned-text offsets into the public result.
 */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct work {
	struct ext_view view;
	struct ext_toks toks;
	struct ext_mentions ments;
	struct ext_cscratch cscratch;
	struct ext_counted *counted;
	size_t counted_cap;
	struct ext_country *countries;
	size_t countries_cap;
	struct sbuf strings;	/* the title, official names and keys */
};

/* Make room for n elements of size sz in *v (capacity *cap). */
static int reserve(void *v, size_t *cap, size_t n, size_t sz)
{
	if (n <= *cap)
		return 0;
	size_t c = *cap ? *cap : 16;
	while (c < n)
		c *= 2;
	void *p = realloc(*(void **)v, c * sz);
	if (!p)
		return -ENOMEM;
	*(void **)v = p;
	*cap = c;
	return 0;
}

static int cmp_country(const void *a, const void *b)
{
	return strcmp(((const struct ext_country *)a)->name,
		      ((const struct ext_country *)b)->name);
}

static int set_countries(const struct ext_gaz *g, struct work *w,
			 struct ext_result *r)
{
	size_t n;
	if (reserve(&w->counted, &w->counted_cap, w->ments.n + 1,
		    sizeof(*w->counted)) ||
	    ext_count_countries(g, &w->ments, &w->cscratch, w->counted, &n) ||
	    reserve(&w->countries, &w->countries_cap, n + 1,
		    sizeof(*w->countries)))
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		const struct ext_mention *x = &w->ments.v[w->counted[i].mention];
		w->countries[i] = (struct ext_country){
			.name = g->countries[w->counted[i].country].name,
			.why = ext_view_span(&w->view, x->off, x->len),
		};
	}
	qsort(w->countries, n, sizeof(*w->countries), cmp_country);
	r->countries = w->countries;
	r->ncountries = n;
	return 0;
}

static void set_date(struct work *w, const struct ext_dateline *dl,
		     time_t file_time, time_t now, struct ext_result *r)
{
	uint32_t off, len;
	ext_find_date(&w->view, dl, file_time, now, &r->date, &off, &len);
	r->date_why = r->date ? ext_view_span(&w->view, off, len) :
		      (struct ext_span){0, 0};
}

static int set_title(struct work *w, time_t now, size_t *title_off)
{
	size_t off, len;
	ext_find_title(&w->view, now, &off, &len);
	*title_off = w->strings.len;
	if (sbuf_add(&w->strings, w->view.text + off, len) ||
	    sbuf_addch(&w->strings, '\0'))
		return -ENOMEM;
	return 0;
}

static void reset_result(struct ext_result *r)
{
	r->title = NULL;
	r->date = 0;
	r->date_why = (struct ext_span){0, 0};
	r->countries = NULL;
	r->ncountries = 0;
	r->officials = NULL;
	r->nofficials = 0;
}

int ext_extract(const struct ext_gaz *g, const char *text, size_t len,
		time_t file_time, struct ext_result *r)
{
	reset_result(r);
	if (!r->priv && !(r->priv = calloc(1, sizeof(struct work))))
		return -ENOMEM;
	struct work *w = r->priv;
	time_t now = time(NULL);
	struct ext_dateline dl;
	size_t title_off;
	sbuf_reset(&w->strings);
	if (ext_clean(&w->view, text, len) ||
	    ext_tokenize(g, &w->view, &w->toks))
		return -ENOMEM;
	ext_find_dateline(&w->view, now, &dl);
	if (ext_find_mentions(g, &w->view, &w->toks, &dl, &w->ments) ||
	    set_countries(g, w, r) || set_title(w, now, &title_off)) {
		reset_result(r);
		return -ENOMEM;
	}
	set_date(w, &dl, file_time, now, r);
	/* Strings last: the buffer may move while it grows. */
	r->title = w->strings.buf + title_off;
	return 0;
}

void ext_result_release(struct ext_result *r)
{
	struct work *w = r->priv;
	if (w) {
		ext_view_release(&w->view);
		free(w->toks.v);
		free(w->ments.v);
		free(w->cscratch.v);
		free(w->counted);
		free(w->countries);
		sbuf_release(&w->strings);
		free(w);
	}
	memset(r, 0, sizeof(*r));
}
