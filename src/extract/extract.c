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
	struct ext_cands cands;
	struct ext_people people;
	struct ext_official *officials;
	size_t officials_cap;
	struct ext_person *persons;
	size_t persons_cap;
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
		     const struct ext_when *when, struct ext_result *r)
{
	struct ext_adate d;
	ext_find_date(&w->view, dl, when, &d);
	r->date = d.ymd;
	r->date_from = d.from;
	if (d.len)
		r->date_why = ext_view_span(&w->view, d.off, d.len);
	if (d.year_len)
		r->year_why = ext_view_span(&w->view, d.year_off, d.year_len);
}

const char *ext_date_from_text(int from)
{
	switch (from) {
	case EXT_DATE_FROM_STATED:
		return "stated by the source";
	case EXT_DATE_FROM_HEADER:
		return "header line";
	case EXT_DATE_FROM_DATELINE:
		return "dateline";
	case EXT_DATE_FROM_LEAD:
		return "lead paragraph";
	}
	return "";
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

static int cmp_cand(const void *a, const void *b)
{
	const struct ext_cand *x = a, *y = b;
	return x->name_off < y->name_off ? -1 : x->name_off > y->name_off;
}

/* Officials and other people named, merged into one entry per person. */
static int find_people(const struct ext_gaz *g, struct work *w)
{
	w->cands.n = 0;
	if (ext_find_officials(g, &w->view, &w->toks, &w->cands) ||
	    ext_find_people(&w->view, &w->toks, &w->cands))
		return -ENOMEM;
	if (w->cands.n > 1)
		qsort(w->cands.v, w->cands.n, sizeof(*w->cands.v), cmp_cand);
	w->people.strings = &w->strings;
	return ext_merge_people(&w->view, &w->cands, &w->people);
}

static int cmp_official(const void *a, const void *b)
{
	return strcmp(((const struct ext_official *)a)->name,
		      ((const struct ext_official *)b)->name);
}

static int cmp_person(const void *a, const void *b)
{
	return strcmp(((const struct ext_person *)a)->name,
		      ((const struct ext_person *)b)->name);
}

/* Point the result at the strings, now that none will be added. */
static int publish_people(struct work *w, struct ext_result *r)
{
	const struct ext_people *p = &w->people;
	const char *str = w->strings.buf;
	if (reserve(&w->officials, &w->officials_cap, p->n + 1,
		    sizeof(*w->officials)) ||
	    reserve(&w->persons, &w->persons_cap, p->n + 1,
		    sizeof(*w->persons)))
		return -ENOMEM;
	size_t no = 0, np = 0;
	for (size_t i = 0; i < p->n; i++) {
		const struct ext_who *x = &p->v[i];
		/* "D Bell" in a team list is no surname to join on. */
		if (x->merged || (!x->office && x->surname && !x->cue))
			continue;
		if (x->office) {
			const struct ext_cand *c = x->office;
			w->officials[no++] = (struct ext_official){
				.name = (char *)str + x->name,
				.key = (char *)str + x->key,
				.why = ext_view_span(&w->view, c->why_off,
						     c->why_len),
				.how = c->how,
			};
		} else {
			w->persons[np++] = (struct ext_person){
				.name = (char *)str + x->name,
				.key = (char *)str + x->key,
				.at = ext_view_span(&w->view, x->first,
						    x->first_len),
			};
		}
	}
	qsort(w->officials, no, sizeof(*w->officials), cmp_official);
	qsort(w->persons, np, sizeof(*w->persons), cmp_person);
	r->officials = w->officials;
	r->nofficials = no;
	r->people = w->persons;
	r->npeople = np;
	return 0;
}

static void reset_result(struct ext_result *r)
{
	r->title = NULL;
	r->date = 0;
	r->date_why = (struct ext_span){0, 0};
	r->date_from = EXT_DATE_FROM_NONE;
	r->year_why = (struct ext_span){0, 0};
	r->countries = NULL;
	r->ncountries = 0;
	r->officials = NULL;
	r->nofficials = 0;
	r->people = NULL;
	r->npeople = 0;
}

int ext_extract(const struct ext_gaz *g, const char *text, size_t len,
		const struct ext_when *when, struct ext_result *r)
{
	reset_result(r);
	if (!r->priv && !(r->priv = calloc(1, sizeof(struct work))))
		return -ENOMEM;
	struct work *w = r->priv;
	time_t now = when->now;
	struct ext_dateline dl;
	size_t title_off;
	sbuf_reset(&w->strings);
	if (ext_clean(&w->view, text, len) ||
	    ext_tokenize(g, &w->view, &w->toks))
		return -ENOMEM;
	ext_find_dateline(&w->view, now, &dl);
	if (ext_find_mentions(g, &w->view, &w->toks, &dl, &w->ments))
		goto out_nomem;
	/* People before countries: a name may hold a place ("Chad"). */
	if (find_people(g, w))
		goto out_nomem;
	ext_drop_named(&w->toks, &w->ments);
	set_date(w, &dl, when, r);
	ext_date_places(g, &w->ments, r->date);
	if (set_countries(g, w, r) || set_title(w, now, &title_off))
		goto out_nomem;
	/* Strings last: the buffer may move while it grows. */
	if (publish_people(w, r))
		goto out_nomem;
	r->title = w->strings.buf + title_off;
	return 0;
out_nomem:
	reset_result(r);
	return -ENOMEM;
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
		free(w->cands.v);
		free(w->people.v);
		free(w->officials);
		free(w->persons);
		sbuf_release(&w->strings);
		free(w);
	}
	memset(r, 0, sizeof(*r));
}
