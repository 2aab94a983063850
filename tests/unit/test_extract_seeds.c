/* End to end: the five sample articles of data/sample/ give the title,
 * date, countries and officials a reader expects. */
#include "check.h"
#include "extract.h"
#include "util.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 2025-10-01 00:00 UTC: the reference time of every seed. The year-less
 * "September 22" of seed 002 takes its year from the text ("May 2025"),
 * not from this. */
static const struct ext_when when = {.now = 1759276800};

struct seed {
	const char *prefix;
	const char *title;
	int32_t date;
	const char *date_why;
	const char *countries;
	const char *officials;
};

static const struct seed seeds[] = {
	{"000_", "National Security heads of US, Japan and ROK meet",
	 20220902, "2 September 2022", "Japan|South Korea|United States",
	 "Akiba Takeo|Jake Sullivan|Kim Sung-han"},
	{"001_", "Defense chiefs from the United States, South Korea, and "
	 "Japan have pledged to enhance cooperation to deter nuclear and",
	 0, "", "China|Japan|North Korea|Russia|South Korea|Ukraine|"
	 "United States", "Joe Biden|Lloyd Austin|Minoru Kihara"},
	{"002_", "US,Japan,and South Korea Deepen Security ties Amidst "
	 "Rising Regional Tensions", 20250922, "September 22",
	 "India|Japan|North Korea|Russia|South Korea|Taiwan|United States",
	 "Cho Hyun|Iwaya Takeshi|Marco Rubio"},
	{"003_", "Japan, U.S., S. Korea reaffirm unity over N. Korea, China",
	 20240728, "28 Jul 2024", "China|Japan|North Korea|Russia|Singapore|"
	 "South Korea|Ukraine|United States",
	 "Lloyd Austin|Minoru Kihara|Shin Won-sik"},
	{"004_", "Defense leaders from ROK-US-Japan hold talks addressing "
	 "regional security concerns", 20240910, "September 10, 2024",
	 "Cambodia|China|Japan|North Korea|Russia|Singapore|South Korea|"
	 "Taiwan|United States",
	 "Cara Abercrombie|Cho Chang-rae|Lloyd James Austin|Yamato Taro"},
};

/* Read the sample whose name starts with prefix; NULL if missing. */
static char *read_seed(const char *prefix, size_t *len)
{
	const char *top = getenv("NEWSFS_TOP");
	char dir[4096], path[8192];
	snprintf(dir, sizeof(dir), "%s/data/sample", top ? top : ".");
	DIR *d = opendir(dir);
	struct dirent *e;
	char *buf = NULL;
	while (d && (e = readdir(d)))
		if (!strncmp(e->d_name, prefix, strlen(prefix)))
			break;
	if (d && e) {
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		FILE *f = fopen(path, "rb");
		buf = malloc(1 << 20);
		*len = f && buf ? fread(buf, 1, 1 << 20, f) : 0;
		if (f)
			fclose(f);
	}
	if (d)
		closedir(d);
	return buf;
}

static void join(char *out, size_t size, const struct ext_result *r,
		 bool people)
{
	out[0] = '\0';
	size_t n = people ? r->nofficials : r->ncountries;
	for (size_t i = 0; i < n; i++) {
		const char *name = people ? r->officials[i].name :
				   r->countries[i].name;
		if (i)
			strncat(out, "|", size - strlen(out) - 1);
		strncat(out, name, size - strlen(out) - 1);
	}
}

/* Every evidence span lies inside the text. */
static bool spans_inside(const struct ext_result *r, size_t len)
{
	bool ok = r->date_why.off + r->date_why.len <= len;
	for (size_t i = 0; i < r->ncountries; i++)
		ok &= r->countries[i].why.len > 0 &&
		      r->countries[i].why.off + r->countries[i].why.len <= len;
	for (size_t i = 0; i < r->nofficials; i++)
		ok &= r->officials[i].why.len > 0 &&
		      r->officials[i].why.off + r->officials[i].why.len <= len;
	return ok;
}

static void check_seed(const struct ext_gaz *g, const struct seed *s,
		       struct ext_result *r, char keys[][64])
{
	size_t len;
	char *text = read_seed(s->prefix, &len), got[512];
	if (!text) {
		printf("not ok - seed %s is in data/sample\n", s->prefix);
		return;
	}
	CHECK_INT(ext_extract(g, text, len, &when, r), 0,
		  "seed %s is extracted", s->prefix);
	CHECK_STR(r->title, s->title, "seed %s has its headline", s->prefix);
	CHECK_INT(r->date, s->date, "seed %s has its own date", s->prefix);
	snprintf(got, sizeof(got), "%.*s", (int)r->date_why.len,
		 text + r->date_why.off);
	CHECK_STR(got, s->date_why, "seed %s shows where its date is",
		  s->prefix);
	if (!strcmp(s->prefix, "002_")) {
		/* "September 22" names no year; the text names May 2025. */
		snprintf(got, sizeof(got), "%.*s", (int)r->year_why.len,
			 text + r->year_why.off);
		CHECK_STR(got, "2025", "seed 002's year is one its text names");
		CHECK_STR(ext_date_from_text(r->date_from), "lead paragraph",
			  "seed 002's date is its lead's");
	}
	join(got, sizeof(got), r, false);
	CHECK_STR(got, s->countries, "seed %s names its countries", s->prefix);
	join(got, sizeof(got), r, true);
	CHECK_STR(got, s->officials, "seed %s names its officials", s->prefix);
	CHECK(spans_inside(r, len), "seed %s has evidence for each facet",
	      s->prefix);
	for (size_t i = 0; i < r->nofficials && i < 4; i++)
		snprintf(keys[i], 64, "%s", r->officials[i].key);
	free(text);
}

int main(void)
{
	struct ext_gaz *g;
	struct ext_result r = {0};
	char err[256], keys[5][4][64] = {{{0}}};
	if (ext_gaz_load(&g, NULL, err, sizeof(err))) {
		printf("not ok - the gazetteer loads: %s\n", err);
		return 1;
	}
	for (size_t i = 0; i < NFS_ARRAY_SIZE(seeds); i++)
		check_seed(g, &seeds[i], &r, keys[i]);
	CHECK(!strcmp(keys[1][1], "austin lloyd") &&
	      !strcmp(keys[3][0], "austin lloyd") &&
	      !strcmp(keys[4][2], "austin lloyd"),
	      "Lloyd Austin has one key in three articles");
	CHECK(!strcmp(keys[1][2], keys[3][1]),
	      "Minoru Kihara has one key in two articles");
	ext_result_release(&r);
	ext_gaz_free(g);
	return check_done();
}
