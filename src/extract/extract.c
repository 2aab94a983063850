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
	struct person *people;
	size_t people_cap;
	struct ext_official *officials;
	size_t officials_cap;
	struct sbuf strings;	/* the title, official names and keys */
};

/* An official while merging; strings are offsets into work.strings,
 * which may move until the last one is added. */
struct person {
	uint32_t name, key;
	struct ext_span why;
	bool surname;		/* a key of one word */
	bool merged;		/* the same person as an earlier one */
};

/* At most this many officials per article are considered. */
#define PEOPLE_MAX 256

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

/* Add the display form and key of candidate c; false if it has none. */
static int add_person(struct work *w, const struct ext_cand *c,
		      struct person *p)
{
	struct sbuf *sb = &w->strings;
	size_t mark = sb->len;
	char key[256];
	p->name = (uint32_t)sb->len;
	if (ext_name_display(sb, w->view.text + c->name_off, c->name_len) ||
	    sbuf_addch(sb, '\0'))
		return -ENOMEM;
	size_t klen = ext_official_key(key, sizeof(key), sb->buf + p->name,
				       sb->len - 1 - p->name);
	if (!klen) {
		sb->len = mark;	/* nothing that names a person */
		return 1;
	}
	p->key = (uint32_t)sb->len;
	if (sbuf_add(sb, key, klen + 1))
		return -ENOMEM;
	p->why = ext_view_span(&w->view, c->why_off, c->why_len);
	p->surname = !memchr(key, ' ', klen);
	p->merged = false;
	return 0;
}

/* Does the two-word key have word as one of its words? */
static bool key_has(const char *key, const char *word)
{
	size_t n = strlen(word);
	const char *sp = strchr(key, ' ');
	return sp && ((size_t)(sp - key) == n ? !memcmp(key, word, n) :
		      !strcmp(sp + 1, word));
}

/* One entry per key, the first mention's; a surname alone joins the one
 * full name in the article that has it ("Kihara" -> "Minoru Kihara"). */
static void merge_people(struct work *w, size_t n)
{
	const char *str = w->strings.buf;
	struct person *pp = w->people;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i && !pp[i].merged; j++)
			pp[i].merged = !pp[j].merged &&
				       !strcmp(str + pp[i].key, str + pp[j].key);
	for (size_t i = 0; i < n; i++) {
		if (pp[i].merged || !pp[i].surname)
			continue;
		size_t full = 0;
		for (size_t j = 0; j < n; j++)
			full += !pp[j].merged && !pp[j].surname &&
				key_has(str + pp[j].key, str + pp[i].key);
		pp[i].merged = full == 1;
	}
}

static int cmp_cand(const void *a, const void *b)
{
	const struct ext_cand *x = a, *y = b;
	return x->why_off < y->why_off ? -1 : x->why_off > y->why_off;
}

static int set_officials(const struct ext_gaz *g, struct work *w)
{
	if (ext_find_officials(g, &w->view, &w->toks, &w->cands))
		return -ENOMEM;
	if (w->cands.n > 1)
		qsort(w->cands.v, w->cands.n, sizeof(*w->cands.v), cmp_cand);
	size_t n = 0, max = w->cands.n < PEOPLE_MAX ? w->cands.n : PEOPLE_MAX;
	if (reserve(&w->people, &w->people_cap, max + 1, sizeof(*w->people)))
		return -ENOMEM;
	for (size_t i = 0; i < max; i++) {
		int rc = add_person(w, &w->cands.v[i], &w->people[n]);
		if (rc < 0)
			return rc;
		n += rc == 0;
	}
	merge_people(w, n);
	return (int)n;
}

static int cmp_official(const void *a, const void *b)
{
	return strcmp(((const struct ext_official *)a)->name,
		      ((const struct ext_official *)b)->name);
}

/* Point the result at the strings, now that none will be added. */
static int publish_officials(struct work *w, size_t n, struct ext_result *r)
{
	if (reserve(&w->officials, &w->officials_cap, n + 1,
		    sizeof(*w->officials)))
		return -ENOMEM;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct person *p = &w->people[i];
		if (p->merged)
			continue;
		w->officials[k++] = (struct ext_official){
			.name = w->strings.buf + p->name,
			.key = w->strings.buf + p->key,
			.why = p->why,
		};
	}
	qsort(w->officials, k, sizeof(*w->officials), cmp_official);
	r->officials = w->officials;
	r->nofficials = k;
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
	/* Officials before countries: a name may hold a place ("Chad"). */
	int people = set_officials(g, w);
	if (people < 0)
		goto out_nomem;
	ext_drop_named(&w->toks, &w->ments);
	set_date(w, &dl, when, r);
	ext_date_places(g, &w->ments, r->date);
	if (set_countries(g, w, r) || set_title(w, now, &title_off))
		goto out_nomem;
	/* Strings last: the buffer may move while it grows. */
	if (publish_officials(w, (size_t)people, r))
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
		free(w->people);
		free(w->officials);
		sbuf_release(&w->strings);
		free(w);
	}
	memset(r, 0, sizeof(*r));
}
