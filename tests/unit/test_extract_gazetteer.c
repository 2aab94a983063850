/* Unit tests for loading the gazetteer: the built-in copy, a directory,
 * and the error messages for broken files. */
#include "check.h"
#include "extract/internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *top_dir(void)
{
	const char *top = getenv("NEWSFS_TOP");
	return top ? top : ".";
}

static const char *const gaz_files[] = {
	"countries.tsv", "aliases.tsv", "former.tsv", "blocklist.tsv",
	"titles.txt", "regions.tsv", "cities.tsv",
};

/* Copy data/gazetteer into dir, appending extra to the file named edit
 * (if any) so that it carries one broken line. */
static void copy_gazetteer(const char *dir, const char *edit,
			   const char *extra)
{
	for (size_t i = 0; i < NFS_ARRAY_SIZE(gaz_files); i++) {
		char src[4096], dst[4096], buf[65536];
		snprintf(src, sizeof(src), "%s/data/gazetteer/%s", top_dir(),
			 gaz_files[i]);
		snprintf(dst, sizeof(dst), "%s/%s", dir, gaz_files[i]);
		FILE *in = fopen(src, "rb"), *out = fopen(dst, "wb");
		size_t n;
		while (in && out && (n = fread(buf, 1, sizeof(buf), in)) > 0)
			fwrite(buf, 1, n, out);
		if (out && edit && !strcmp(edit, gaz_files[i]))
			fputs(extra, out);
		if (in)
			fclose(in);
		if (out)
			fclose(out);
	}
}

static void remove_gazetteer(const char *dir)
{
	for (size_t i = 0; i < NFS_ARRAY_SIZE(gaz_files); i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, gaz_files[i]);
		unlink(path);
	}
	rmdir(dir);
}

static int country_index(const struct ext_gaz *g, const char *code)
{
	for (size_t i = 0; i < g->ncountries; i++)
		if (!strcmp(g->countries[i].code, code))
			return (int)i;
	return -1;
}

/* The phrases that start with word, as the matcher sees them. */
static const struct ext_phrase *first_alias(const struct ext_gaz *g,
					    const char *word, size_t *n)
{
	int32_t e = ext_lex_find(g, word, strlen(word),
				 ext_fold_hash(word, strlen(word)));
	*n = e < 0 ? 0 : g->lex[e].alias_n;
	return e < 0 || !*n ? NULL : &g->aliases[g->lex[e].alias_first];
}

static void test_builtin(void)
{
	struct ext_gaz *g = NULL;
	char err[256];
	int rc = ext_gaz_load(&g, NULL, err, sizeof(err));
	CHECK_INT(rc, 0, "the built-in gazetteer loads");
	if (rc)
		return;
	CHECK_INT(g->ncountries, 250 + 31,
		  "it has 250 countries and 31 former states with own codes");
	CHECK_INT(g->naliases, 1567 + 2141 + 67 + 179,
		  "it has 1567 aliases, 2141 names and adjectives in other "
		  "languages, 67 "
		  "blocklist phrases and 179 state and county names");
	CHECK_INT(g->nregions, 347, "it has 347 region forms");
	CHECK(g->ncities > 20000, "it has the GeoNames cities");
	CHECK_INT(g->ntitles, 361, "it has 361 titles");
	int su = country_index(g, "SUHH");
	CHECK_STR(su >= 0 ? g->countries[su].name : NULL, "Soviet Union",
		  "former states are named as former.tsv says");
	int kr = country_index(g, "KR");
	CHECK_STR(kr >= 0 ? g->countries[kr].name : NULL, "South Korea",
		  "countries are named by their canonical name");

	size_t n;
	const struct ext_phrase *p = first_alias(g, "South", &n);
	CHECK(p && n > 3, "phrases are found by their first word");
	bool sorted = true;
	for (size_t i = 1; p && i < n; i++)
		sorted &= p[i - 1].len >= p[i].len;
	CHECK(sorted, "phrases with one first word are longest first");
	p = first_alias(g, "JAPAN", &n);
	CHECK(p && n >= 1, "the lexicon finds a word in any case");
	p = first_alias(g, "Sea", &n);
	CHECK(p && p->kind == EXT_K_BLOCK,
	      "blocklist phrases are in the same index as aliases");
	int32_t e = ext_lex_find(g, "Corp", 4, ext_fold_hash("Corp", 4));
	CHECK(e >= 0 && (g->lex[e].flags & LEX_ORGSUFFIX),
	      "built-in word lists share the lexicon");
	ext_gaz_free(g);
}

static void test_directory(void)
{
	char dir[] = "/tmp/newsfs-gaz.XXXXXX";
	if (!mkdtemp(dir)) {
		SKIP("gazetteer directory tests", "no temp dir");
		return;
	}
	struct ext_gaz *g = NULL;
	char err[256];
	copy_gazetteer(dir, NULL, NULL);
	int rc = ext_gaz_load(&g, dir, err, sizeof(err));
	CHECK_INT(rc, 0, "a directory with the shipped files loads");
	CHECK(g && g->naliases == 3954 && g->ntitles == 361 &&
	      g->nregions == 347,
	      "a directory gives the same gazetteer as the built-in copy");
	ext_gaz_free(g);

	copy_gazetteer(dir, "aliases.tsv", "Narnia\tNN\tname\t0\t\tcur\n");
	rc = ext_gaz_load(&g, dir, err, sizeof(err));
	CHECK_INT(rc, -EINVAL, "an unknown country code is an error");
	CHECK_STR(err, "aliases.tsv:3710: unknown country code 'NN'",
		  "the error names the file and the line");

	copy_gazetteer(dir, "countries.tsv", "XX\tXXX\tNowhere\n");
	rc = ext_gaz_load(&g, dir, err, sizeof(err));
	CHECK_INT(rc, -EINVAL, "a row with missing fields is an error");
	CHECK_STR(err, "countries.tsv:252: expected 8 fields, found 3",
		  "the error says how many fields were found");

	copy_gazetteer(dir, "aliases.tsv", "Japan\tJP\tplace\t0\t\tcur\n");
	rc = ext_gaz_load(&g, dir, err, sizeof(err));
	CHECK_STR(err, "aliases.tsv:3710: unknown kind 'place'",
		  "an unknown alias kind is an error");

	remove_gazetteer(dir);
	rc = ext_gaz_load(&g, dir, err, sizeof(err));
	CHECK_INT(rc, -ENOENT, "a missing directory fails with ENOENT");
	CHECK(strstr(err, "countries.tsv") != NULL,
	      "the error for a missing file names it");
}

static void test_places(void)
{
	struct ext_gaz *g = NULL;
	char err[256];
	if (ext_gaz_load(&g, NULL, err, sizeof(err)))
		return;
	size_t first, n = ext_city_find(g, "ST. LOUIS", 9, &first);
	CHECK(n >= 1 && !strcmp(g->countries[g->cities[first].country].code,
				"US"),
	      "'ST. LOUIS' is GeoNames' 'St Louis', in the US");
	n = ext_city_find(g, "Saint Louis", 11, &first);
	CHECK(n >= 1, "'Saint' and 'St.' are one key");
	n = ext_city_find(g, "FRANKFURT", 9, &first);
	CHECK(n >= 1 && g->cities[first].population > 500000,
	      "'Frankfurt am Main' is found as 'FRANKFURT', largest first");
	n = ext_city_find(g, "zurich", 6, &first);
	CHECK(n >= 1, "accents are folded: 'zurich' finds Z\xc3\xbcrich");
	const struct ext_region *r = ext_region_find(g, "W. Va.", 6);
	CHECK(r && !strcmp(r->admin1, "West Virginia"),
	      "'W. Va.' and 'W.Va.' are one region");
	r = ext_region_find(g, "CALIF", 5);
	CHECK(r && !strcmp(r->admin1, "California"),
	      "a region in capitals without its stop");
	int ua = country_index(g, "UA"), su = country_index(g, "SUHH");
	CHECK_INT(ext_era_country(g, (uint16_t)ua, 19870301), su,
		  "a place in Ukraine in 1987 is in the Soviet Union");
	CHECK_INT(ext_era_country(g, (uint16_t)ua, 20220301), ua,
		  "and in 2022 in Ukraine");
	CHECK_INT(ext_era_country(g, (uint16_t)ua, 0), ua,
		  "and today's country when the date is unknown");
	ext_gaz_free(g);
}

int main(void)
{
	test_builtin();
	test_directory();
	test_places();
	return check_done();
}
