/*
 * Loading the gazetteer: the seven files of data/gazetteer/, either the
 * copy built into the binary (gazdata.S) or the same files from a
 * directory. Both paths parse the same bytes the same way, so a user's
 * edited copy behaves exactly like the shipped one, and every format
 * error names the file and the line.
 *
 * All fields point into one pool that holds the files' bytes; the loaded
 * gazetteer is never modified again and may be shared between threads.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <xxhash.h>
#include <sys/stat.h>
#include <unistd.h>

extern const char ext_gazdata_countries[], ext_gazdata_countries_end[];
extern const char ext_gazdata_aliases[], ext_gazdata_aliases_end[];
extern const char ext_gazdata_former[], ext_gazdata_former_end[];
extern const char ext_gazdata_blocklist[], ext_gazdata_blocklist_end[];
extern const char ext_gazdata_titles[], ext_gazdata_titles_end[];
extern const char ext_gazdata_regions[], ext_gazdata_regions_end[];
extern const char ext_gazdata_cities[], ext_gazdata_cities_end[];

enum { F_COUNTRIES, F_FORMER, F_ALIASES, F_BLOCKLIST, F_TITLES, F_REGIONS,
       F_CITIES, NFILES };

static const struct {
	const char *name;
	const char *begin, *end;
} files[NFILES] = {
	[F_COUNTRIES] = {"countries.tsv", ext_gazdata_countries,
			 ext_gazdata_countries_end},
	[F_FORMER] = {"former.tsv", ext_gazdata_former,
		      ext_gazdata_former_end},
	[F_ALIASES] = {"aliases.tsv", ext_gazdata_aliases,
		       ext_gazdata_aliases_end},
	[F_BLOCKLIST] = {"blocklist.tsv", ext_gazdata_blocklist,
			 ext_gazdata_blocklist_end},
	[F_TITLES] = {"titles.txt", ext_gazdata_titles,
		      ext_gazdata_titles_end},
	[F_REGIONS] = {"regions.tsv", ext_gazdata_regions,
		       ext_gazdata_regions_end},
	[F_CITIES] = {"cities.tsv", ext_gazdata_cities,
		      ext_gazdata_cities_end},
};

/* A gazetteer file larger than this is not one. */
#define GAZ_FILE_MAX (16u << 20)

struct code_ref {
	const char *code;
	uint16_t idx;
};

/* The fields of a former state that dissolved, kept until the codes of
 * its successors can be looked up. */
struct former_row {
	const char *code, *years;
	char *successors;
};

struct loader {
	struct ext_gaz *g;
	char *err;
	size_t errsz;
	char *data[NFILES];	/* each file's bytes in g->pool */
	size_t size[NFILES];
	int file;		/* for messages */
	size_t line;
	size_t countries_cap, aliases_cap;
	struct code_ref *by_code;	/* sorted by code */
	struct former_row *dissolved;
	size_t ndissolved;
};

static int fail(struct loader *l, int rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct loader *l, int rc, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (l->err && l->errsz) {
		if (l->line)
			snprintf(l->err, l->errsz, "%s:%zu: %s",
				 files[l->file].name, l->line, msg);
		else
			snprintf(l->err, l->errsz, "%s: %s",
				 files[l->file].name, msg);
	}
	return rc;
}

/* Read dir/name whole into a fresh buffer. */
static int read_file(struct loader *l, const char *dir, int f, char **out,
		     size_t *size)
{
	char path[4096];
	l->file = f;
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir,
			     files[f].name) >= sizeof(path))
		return fail(l, -ENAMETOOLONG, "path too long");
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail(l, -errno, "cannot open %s: %s", path,
			    strerror(errno));
	struct stat st;
	int rc = 0;
	if (fstat(fd, &st) < 0) {
		rc = fail(l, -errno, "cannot stat: %s", strerror(errno));
		goto out_close;
	}
	if (!S_ISREG(st.st_mode) || st.st_size > GAZ_FILE_MAX) {
		rc = fail(l, -EINVAL, "not a regular file of at most 16 MiB");
		goto out_close;
	}
	char *buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		rc = -ENOMEM;
		goto out_close;
	}
	size_t got = 0;
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = fail(l, n < 0 ? -errno : -EIO, "cannot read: %s",
				  n < 0 ? strerror(errno) : "file shrank");
			free(buf);
			goto out_close;
		}
		got += (size_t)n;
	}
	*out = buf;
	*size = got;
out_close:
	close(fd);
	return rc;
}

/* Copy the files into one pool, each followed by a NUL. */
static int fill_pool(struct loader *l, const char *dir)
{
	char *buf[NFILES] = {NULL};
	size_t total = 0;
	int rc = 0;
	for (int f = 0; f < NFILES; f++) {
		if (dir) {
			rc = read_file(l, dir, f, &buf[f], &l->size[f]);
			if (rc)
				goto out_free;
		} else {
			l->size[f] = (size_t)(files[f].end - files[f].begin);
		}
		total += l->size[f] + 1;
	}
	l->g->pool = malloc(total);
	if (!l->g->pool) {
		rc = -ENOMEM;
		goto out_free;
	}
	char *p = l->g->pool;
	for (int f = 0; f < NFILES; f++) {
		memcpy(p, dir ? buf[f] : files[f].begin, l->size[f]);
		p[l->size[f]] = '\0';
		l->data[f] = p;
		p += l->size[f] + 1;
	}
	/* Before parsing edits the pool in place: the version covers the
	 * files exactly as read. */
	l->g->version = (uint32_t)XXH3_64bits_withSeed(l->g->pool, total,
						       EXT_ALGORITHM);
out_free:
	for (int f = 0; f < NFILES; f++)
		free(buf[f]);
	return rc;
}

/*
 * Split the next line of *cur at TABs into at most max fields, NUL-
 * terminating each in place. Returns the number of fields, 0 at the end
 * of the file. A trailing CR is dropped, for files edited on Windows.
 */
static size_t next_row(struct loader *l, char **cur, char **field,
		       size_t max)
{
	char *s = *cur;
	if (!*s)
		return 0;
	char *nl = strchr(s, '\n');
	char *end = nl ? nl : s + strlen(s);
	*cur = nl ? nl + 1 : end;
	*end = '\0';
	if (end > s && end[-1] == '\r')
		*--end = '\0';
	l->line++;
	size_t n = 0;
	for (char *f = s;;) {
		char *tab = strchr(f, '\t');
		if (n < max)
			field[n] = f;
		n++;
		if (!tab)
			break;
		*tab = '\0';
		f = tab + 1;
	}
	return n;
}

/* Start reading file f; checks the header row when there is one. */
static int begin_file(struct loader *l, int f, char **cur,
		      const char *first_column)
{
	l->file = f;
	l->line = 0;
	*cur = l->data[f];
	/* Leading '#' lines carry provenance (cities.tsv's attribution). */
	while (**cur == '#') {
		char *nl = strchr(*cur, '\n');
		*cur = nl ? nl + 1 : *cur + strlen(*cur);
		l->line++;
	}
	if (!first_column)
		return 0;
	char *field[1];
	if (!next_row(l, cur, field, 1) || strcmp(field[0], first_column))
		return fail(l, -EINVAL, "expected a header row starting "
			    "with '%s'", first_column);
	return 0;
}

static int add_country(struct loader *l, const char *code, const char *name)
{
	struct ext_gaz *g = l->g;
	if (!*code || !*name)
		return fail(l, -EINVAL, "empty code or name");
	if (g->ncountries >= UINT16_MAX)
		return fail(l, -EINVAL, "too many countries");
	if (g->ncountries == l->countries_cap) {
		size_t cap = l->countries_cap ? l->countries_cap * 2 : 256;
		void *v = realloc(g->countries, cap * sizeof(*g->countries));
		if (!v)
			return -ENOMEM;
		g->countries = v;
		l->countries_cap = cap;
	}
	g->countries[g->ncountries++] =
		(struct ext_country_row){.code = code, .name = name};
	return 0;
}

static int keep_dissolved(struct loader *l, const char *code,
			  const char *years, char *successors)
{
	size_t n = l->ndissolved;
	if ((n & (n - 1)) == 0) {	/* 0, 1, 2, 4, ...: grow */
		void *v = realloc(l->dissolved, (n ? 2 * n : 1) *
				  sizeof(*l->dissolved));
		if (!v)
			return -ENOMEM;
		l->dissolved = v;
	}
	l->dissolved[l->ndissolved++] = (struct former_row){code, years,
							    successors};
	return 0;
}

static int parse_countries(struct loader *l)
{
	char *cur, *field[12];
	int rc = begin_file(l, F_COUNTRIES, &cur, "iso2");
	size_t n;
	while (!rc && (n = next_row(l, &cur, field, 12)) != 0) {
		if (n != 8)
			return fail(l, -EINVAL, "expected 8 fields, found %zu",
				    n);
		rc = add_country(l, field[0], field[2]);
	}
	if (rc)
		return rc;
	/* States without a modern equivalent keep their own alpha-4 code
	 * ("SUHH" Soviet Union); the others map to a modern iso2 in
	 * aliases.tsv and need no row of their own. */
	rc = begin_file(l, F_FORMER, &cur, "code");
	while (!rc && (n = next_row(l, &cur, field, 12)) != 0) {
		if (n != 12)
			return fail(l, -EINVAL, "expected 12 fields, found %zu",
				    n);
		if (*field[0])
			rc = add_country(l, field[0], field[1]);
		if (!rc && *field[0] && !strcmp(field[7], "dissolved"))
			rc = keep_dissolved(l, field[0], field[6], field[9]);
	}
	return rc;
}

static int cmp_code(const void *a, const void *b)
{
	return strcmp(((const struct code_ref *)a)->code,
		      ((const struct code_ref *)b)->code);
}

/* Sort the codes once, so that aliases find their country by bsearch. */
static int index_codes(struct loader *l)
{
	struct ext_gaz *g = l->g;
	l->by_code = malloc((g->ncountries + 1) * sizeof(*l->by_code));
	if (!l->by_code)
		return -ENOMEM;
	for (size_t i = 0; i < g->ncountries; i++)
		l->by_code[i] = (struct code_ref){g->countries[i].code,
						  (uint16_t)i};
	qsort(l->by_code, g->ncountries, sizeof(*l->by_code), cmp_code);
	for (size_t i = 1; i < g->ncountries; i++) {
		if (strcmp(l->by_code[i].code, l->by_code[i - 1].code))
			continue;
		l->file = F_COUNTRIES;
		l->line = 0;
		return fail(l, -EINVAL, "code %s occurs twice",
			    l->by_code[i].code);
	}
	return 0;
}

static int find_code(const struct loader *l, const char *code)
{
	struct code_ref key = {code, 0};
	const struct code_ref *r = bsearch(&key, l->by_code,
					   l->g->ncountries,
					   sizeof(*l->by_code), cmp_code);
	return r ? r->idx : -1;
}

static int add_phrase(struct loader *l, const char *text, int kind,
		      int country, int ambiguous)
{
	struct ext_gaz *g = l->g;
	size_t len = strlen(text);
	if (!ext_first_word(text, len))
		return fail(l, -EINVAL, "'%s' does not start with a letter "
			    "or digit", text);
	bool title = kind == EXT_K_TITLE;
	struct ext_phrase **v = title ? &g->titles : &g->aliases;
	size_t *n = title ? &g->ntitles : &g->naliases;
	size_t cap = title ? l->size[F_TITLES] : l->aliases_cap;
	if (!title && *n == cap) {
		cap = cap ? cap * 2 : 2048;
		void *p = realloc(*v, cap * sizeof(**v));
		if (!p)
			return -ENOMEM;
		*v = p;
		l->aliases_cap = cap;
	}
	(*v)[(*n)++] = (struct ext_phrase){
		.text = text,
		.len = (uint32_t)len,
		.country = (uint16_t)country,
		.kind = (uint8_t)kind,
		.ambiguous = (uint8_t)ambiguous,
		.tflags = title ? ext_title_flags(text, len) : 0,
	};
	return 0;
}

static int parse_kind(const char *s)
{
	static const char *const names[] = {
		[EXT_K_NAME] = "name", [EXT_K_OFFICIAL] = "official",
		[EXT_K_ABBREV] = "abbrev", [EXT_K_SHORT] = "short",
		[EXT_K_DEMONYM] = "demonym", [EXT_K_CAPITAL] = "capital",
		[EXT_K_FORMER] = "former", [EXT_K_METONYM] = "metonym",
	};
	for (size_t k = 0; k < NFS_ARRAY_SIZE(names); k++)
		if (!strcmp(s, names[k]))
			return (int)k;
	return -1;
}

static int parse_flag(struct loader *l, const char *s)
{
	if (strcmp(s, "0") && strcmp(s, "1"))
		return fail(l, -EINVAL, "ambiguous must be 0 or 1, not '%s'",
			    s);
	return s[0] == '1';
}

/* Check that a row has want fields and a known country code in the
 * second; returns the country's index, or -EINVAL. */
static int row_country(struct loader *l, char **field, size_t n,
		       size_t want)
{
	if (n != want)
		return fail(l, -EINVAL, "expected %zu fields, found %zu", want,
			    n);
	int country = find_code(l, field[1]);
	if (country < 0)
		return fail(l, -EINVAL, "unknown country code '%s'", field[1]);
	return country;
}

static int parse_alias_row(struct loader *l, char **field, size_t n)
{
	int country = row_country(l, field, n, 6);
	if (country < 0)
		return country;
	int kind = parse_kind(field[2]);
	if (kind < 0)
		return fail(l, -EINVAL, "unknown kind '%s'", field[2]);
	int ambiguous = parse_flag(l, field[3]);
	if (ambiguous < 0)
		return ambiguous;
	return add_phrase(l, field[0], kind, country, ambiguous);
}

static int parse_block_row(struct loader *l, char **field, size_t n)
{
	return n == 3 ? add_phrase(l, field[0], EXT_K_BLOCK, 0, 0) :
	       fail(l, -EINVAL, "expected 3 fields, found %zu", n);
}

/* Read each row of file f (after its header) with row(). */
static int parse_file(struct loader *l, int f, const char *header,
		      int (*row)(struct loader *, char **, size_t))
{
	char *cur, *field[8];
	size_t n;
	int rc = begin_file(l, f, &cur, header);
	while (!rc && (n = next_row(l, &cur, field, 8)) != 0)
		rc = row(l, field, n);
	return rc;
}

static int parse_title_row(struct loader *l, char **field, size_t n)
{
	if (n != 1 || !*field[0])
		return fail(l, -EINVAL, "expected one title per line");
	return add_phrase(l, field[0], EXT_K_TITLE, 0, 0);
}

static int parse_phrases(struct loader *l)
{
	int rc = parse_file(l, F_ALIASES, "alias", parse_alias_row);
	if (!rc)
		rc = parse_file(l, F_BLOCKLIST, "phrase", parse_block_row);
	if (rc)
		return rc;
	/* titles.txt has no header, and at most one title per byte. */
	l->g->titles = malloc((l->size[F_TITLES] + 1) *
			      sizeof(*l->g->titles));
	if (!l->g->titles)
		return -ENOMEM;
	return parse_file(l, F_TITLES, NULL, parse_title_row);
}

/* Rows of file f at most: one per line. */
static size_t file_rows(const struct loader *l, int f)
{
	size_t n = 1;
	for (const char *c = l->data[f]; (c = strchr(c, '\n')) != NULL; c++)
		n++;
	return n;
}

static int add_region(struct loader *l, char **field, size_t n)
{
	static const char *const kinds[] = {
		[EXT_R_STATE] = "state", [EXT_R_ABBREV] = "abbrev",
		[EXT_R_CODE] = "code",
	};
	int country = row_country(l, field, n, 6), kind = -1;
	if (country < 0)
		return country;
	for (size_t k = 0; k < NFS_ARRAY_SIZE(kinds); k++)
		if (!strcmp(field[3], kinds[k]))
			kind = (int)k;
	if (kind < 0)
		return fail(l, -EINVAL, "unknown kind '%s'", field[3]);
	int ambiguous = parse_flag(l, field[4]);
	if (ambiguous < 0)
		return ambiguous;
	struct ext_gaz *g = l->g;
	g->regions[g->nregions++] = (struct ext_region){
		.text = field[0], .admin1 = field[2],
		.country = (uint16_t)country, .kind = (uint8_t)kind,
		.ambiguous = (uint8_t)ambiguous,
	};
	/* A state's name is a place wherever it stands ("a Texas oil
	 * company"); abbreviations and codes only after a city. */
	if (kind != EXT_R_STATE || ambiguous)
		return 0;
	return add_phrase(l, field[0], EXT_K_REGION, country, 0);
}

static int add_city(struct loader *l, char **field, size_t n)
{
	int country = row_country(l, field, n, 4);
	if (country < 0)
		return country;
	char *end;
	unsigned long pop = strtoul(field[3], &end, 10);
	if (!*field[0] || !ext_ascii_digit((unsigned char)field[3][0]) ||
	    *end || pop > UINT32_MAX)
		return fail(l, -EINVAL, "bad name or population");
	struct ext_gaz *g = l->g;
	g->cities[g->ncities++] = (struct ext_city){
		.name = field[0], .admin1 = field[2],
		.population = (uint32_t)pop, .country = (uint16_t)country,
	};
	return 0;
}

/* regions.tsv and cities.tsv: places below the country (place.c). */
static int parse_places(struct loader *l)
{
	struct ext_gaz *g = l->g;
	g->regions = malloc(file_rows(l, F_REGIONS) * sizeof(*g->regions));
	g->cities = malloc(file_rows(l, F_CITIES) * sizeof(*g->cities));
	if (!g->regions || !g->cities)
		return -ENOMEM;
	int rc = parse_file(l, F_REGIONS, "region", add_region);
	return rc ? rc : parse_file(l, F_CITIES, "name", add_city);
}

/* "1922-1991" -> 19220101 and 19911231; an open start is 0. */
static int parse_years(const char *s, int32_t *from, int32_t *to)
{
	char *end;
	long a = 0, b;
	if (*s != '-')
		a = strtol(s, &end, 10);
	else
		end = (char *)s;
	if (*end != '-' || !ext_ascii_digit((unsigned char)end[1]))
		return -1;
	b = strtol(end + 1, &end, 10);
	if (*end || b < a || b > 9999)
		return -1;
	*from = a ? (int32_t)a * 10000 + 101 : 0;
	*to = (int32_t)b * 10000 + 1231;
	return 0;
}

/* A city of Ukraine named in 1987 is in the Soviet Union: for each
 * dissolved state, the years its successors' places belonged to it. */
static int build_eras(struct loader *l)
{
	struct ext_gaz *g = l->g;
	l->file = F_FORMER;
	l->line = 0;
	for (size_t i = 0; i < l->ndissolved; i++) {
		struct former_row *f = &l->dissolved[i];
		int32_t from, to;
		if (parse_years(f->years, &from, &to))
			return fail(l, -EINVAL, "%s: bad years '%s'", f->code,
				    f->years);
		char *save;
		for (char *c = strtok_r(f->successors, "|", &save); c;
		     c = strtok_r(NULL, "|", &save)) {
			int k = find_code(l, c);
			if (k < 0)
				return fail(l, -EINVAL, "%s: unknown successor "
					    "'%s'", f->code, c);
			void *v = realloc(g->eras, (g->neras + 1) *
					  sizeof(*g->eras));
			if (!v)
				return -ENOMEM;
			g->eras = v;
			g->eras[g->neras++] = (struct ext_era){
				(uint16_t)find_code(l, f->code), (uint16_t)k,
				from, to,
			};
		}
	}
	return 0;
}

static int cmp_first_word(const struct ext_phrase *p,
			  const struct ext_phrase *q)
{
	size_t pw = ext_first_word(p->text, p->len);
	size_t qw = ext_first_word(q->text, q->len);
	for (size_t i = 0; i < pw && i < qw; i++) {
		int c = ext_ascii_toupper((unsigned char)p->text[i]) -
			ext_ascii_toupper((unsigned char)q->text[i]);
		if (c)
			return c;
	}
	return pw == qw ? 0 : pw < qw ? -1 : 1;
}

/* Phrases sharing a first word (case-folded) are adjacent, longest first:
 * the matcher takes the first that fits, which is the longest. */
static int cmp_phrase(const void *a, const void *b)
{
	const struct ext_phrase *p = a, *q = b;
	int c = cmp_first_word(p, q);
	if (c)
		return c;
	if (p->len != q->len)
		return p->len > q->len ? -1 : 1;
	return strcmp(p->text, q->text);
}

/* Point each first word's lexicon entry at its run of phrases. */
static int index_phrases(struct ext_gaz *g, struct ext_phrase *v, size_t n,
			 bool title)
{
	qsort(v, n, sizeof(*v), cmp_phrase);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && cmp_first_word(&v[i], &v[j]) == 0)
			j++;
		int32_t e = ext_lex_add(g, v[i].text,
					ext_first_word(v[i].text, v[i].len));
		if (e < 0)
			return (int)e;
		if (title) {
			g->lex[e].title_first = (uint32_t)i;
			g->lex[e].title_n = (uint32_t)(j - i);
			g->lex[e].flags |= LEX_HAS_TITLE;
		} else {
			g->lex[e].alias_first = (uint32_t)i;
			g->lex[e].alias_n = (uint32_t)(j - i);
			g->lex[e].flags |= LEX_HAS_ALIAS;
		}
		i = j;
	}
	return 0;
}

int ext_gaz_load(struct ext_gaz **out, const char *dir, char *err,
		 size_t errsz)
{
	struct ext_gaz *g = calloc(1, sizeof(*g));
	if (!g)
		return -ENOMEM;
	struct loader l = {.g = g, .err = err, .errsz = errsz};
	if (err && errsz)
		err[0] = '\0';
	int rc = fill_pool(&l, dir);
	if (!rc)
		rc = parse_countries(&l);
	if (!rc)
		rc = index_codes(&l);
	if (!rc)
		rc = build_eras(&l);
	if (!rc)
		rc = parse_phrases(&l);
	if (!rc)
		rc = parse_places(&l);
	if (!rc)
		rc = ext_lex_reserve(g, g->naliases + g->ntitles +
				     g->nregions + 1024);
	if (!rc)
		rc = index_phrases(g, g->aliases, g->naliases, false);
	if (!rc)
		rc = index_phrases(g, g->titles, g->ntitles, true);
	if (!rc)
		rc = ext_words_add(g);
	if (!rc)
		rc = ext_places_index(g);
	if (!rc)
		rc = ext_lex_seal(g);
	free(l.by_code);
	free(l.dissolved);
	if (rc == -ENOMEM && err && errsz && !err[0])
		snprintf(err, errsz, "gazetteer: out of memory");
	if (rc) {
		ext_gaz_free(g);
		return rc;
	}
	*out = g;
	return 0;
}

uint32_t ext_version(const struct ext_gaz *g)
{
	return g->version ? g->version : 1;
}

void ext_gaz_free(struct ext_gaz *g)
{
	if (!g)
		return;
	free(g->pool);
	free(g->keys);
	free(g->countries);
	free(g->aliases);
	free(g->titles);
	free(g->lex);
	free(g->slots);
	free(g->regions);
	free(g->cities);
	free(g->place_keys);
	free(g->eras);
	free(g);
}

const char *ext_country_name(const struct ext_gaz *g, const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < g->ncountries; i++)
		if (!strcasecmp(g->countries[i].name, name))
			return g->countries[i].name;
	for (size_t i = 0; i < g->naliases; i++) {
		const struct ext_phrase *p = &g->aliases[i];
		if (p->kind != EXT_K_BLOCK && p->len == n &&
		    !strncasecmp(p->text, name, n))
			return g->countries[p->country].name;
	}
	return NULL;
}
