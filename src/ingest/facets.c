/*
 * An article's facets as the index takes them, shared by text files
 * (ingest.c) and the records of dumps, archives and pages (records.c):
 * the countries, officials and other people the extractor found whose
 * names can be folder names, then the user's corrections for the path.
 */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>

static int grow(struct ingest_facets *f, size_t n)
{
	if (n <= f->cap)
		return 0;
	const char **c = realloc(f->countries, n * sizeof(*c));
	if (!c)
		return -ENOMEM;
	f->countries = c;
	struct idx_official_in *o = realloc(f->officials, n * sizeof(*o));
	if (!o)
		return -ENOMEM;
	f->officials = o;
	f->cap = n;
	return 0;
}

int ingest_facets_take(struct ingest_facets *f, const struct ext_result *e,
		       const struct ingest_fixes *fx, const char *path,
		       int32_t date, int64_t mtime_ns, struct idx_article_in *a,
		       const char **hits, size_t max, size_t *nhits)
{
	size_t np = e->nofficials + e->npeople;
	int rc = grow(f, e->ncountries > np ? e->ncountries : np);
	if (rc)
		return rc;
	/* Facet names become folder names: the extractor promises safe
	 * ones, and a name that is not never reaches the index anyway. */
	size_t nc = 0, no = 0, npeople = 0;
	for (size_t i = 0; i < e->ncountries; i++)
		if (nfs_name_ok(e->countries[i].name))
			f->countries[nc++] = e->countries[i].name;
	for (size_t i = 0; i < e->nofficials; i++)
		if (nfs_name_ok(e->officials[i].name) && e->officials[i].key[0])
			f->officials[no++] = (struct idx_official_in){
				e->officials[i].name, e->officials[i].key};
	for (size_t i = 0; i < e->npeople; i++)
		if (nfs_name_ok(e->people[i].name) && e->people[i].key[0])
			f->officials[no + npeople++] = (struct idx_official_in){
				e->people[i].name, e->people[i].key};
	struct ingest_fix_article fa = {
		.path = path, .date = &date, .countries = f->countries,
		.ncountries = nc, .people = f->officials, .nofficials = no,
		.npeople = npeople,
	};
	*nhits = ingest_fixes_apply(fx, &fa, hits, max);
	a->date = date;
	a->mtime = date ? nfs_date_to_time(date) : mtime_ns / 1000000000;
	a->countries = f->countries;
	a->ncountries = fa.ncountries;
	a->officials = f->officials;
	a->nofficials = fa.nofficials;
	a->people = f->officials + fa.nofficials;
	a->npeople = fa.npeople;
	return 0;
}

void ingest_facets_release(struct ingest_facets *f)
{
	free(f->countries);
	free(f->officials);
	*f = (struct ingest_facets){0};
}
