/*
 * extract-tsv: the facets ext_extract() finds in each file, as TSV, for
 * scripts/eval-silver. It reads lines "PATH" or "PATH<TAB>YYYY-MM-DD"
 * (a date the source states, as HTML metadata would) from standard input,
 * decodes each file as an index run does, and prints
 *
 *   path  date  date_from  countries  officials  people  official_keys
 *   people_keys
 *
 * with values joined by '|', keys in the order of the names; officials
 * are "name" and, with --why, "name=how: evidence". The reference time is NOW (seconds since the epoch)
 * when set, else the time the program starts. The gazetteer is the
 * built-in one, or $NEWSFS_GAZETTEER.
 */
#include "extract.h"
#include "ingest.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int read_file(const char *path, struct sbuf *out)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -errno;
	char buf[65536];
	size_t n;
	int rc = 0;
	sbuf_reset(out);
	while (!rc && (n = fread(buf, 1, sizeof(buf), f)) > 0)
		rc = sbuf_add(out, buf, n);
	if (!rc && ferror(f))
		rc = -EIO;
	fclose(f);
	return rc;
}

/* YYYY-MM-DD at s as YYYYMMDD, 0 if it is not one. */
static int32_t parse_ymd(const char *s)
{
	int y, m, d;
	if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return 0;
	int32_t ymd = y * 10000 + m * 100 + d;
	return nfs_date_valid(ymd) ? ymd : 0;
}

/* "=how: evidence", the evidence on one line and without '|'. */
static void print_why(const char *how, const char *text, struct ext_span sp)
{
	printf("=%s: ", how);
	for (uint32_t i = 0; i < sp.len; i++) {
		unsigned char c = (unsigned char)text[sp.off + i];
		putchar(c < ' ' || c == '|' ? ' ' : c);
	}
}

static void print_row(const char *path, const char *text,
		      const struct ext_result *r, bool why)
{
	printf("%s\t", path);
	if (r->date)
		printf("%04d-%02d-%02d", r->date / 10000, r->date / 100 % 100,
		       r->date % 100);
	printf("\t%s\t", ext_date_from_text(r->date_from));
	for (size_t i = 0; i < r->ncountries; i++)
		printf("%s%s", i ? "|" : "", r->countries[i].name);
	putchar('\t');
	for (size_t i = 0; i < r->nofficials; i++) {
		printf("%s%s", i ? "|" : "", r->officials[i].name);
		if (why)
			print_why(r->officials[i].how, text,
				  r->officials[i].why);
	}
	putchar('\t');
	for (size_t i = 0; i < r->npeople; i++)
		printf("%s%s", i ? "|" : "", r->people[i].name);
	putchar('\t');
	for (size_t i = 0; i < r->nofficials; i++)
		printf("%s%s", i ? "|" : "", r->officials[i].key);
	putchar('\t');
	for (size_t i = 0; i < r->npeople; i++)
		printf("%s%s", i ? "|" : "", r->people[i].key);
	putchar('\n');
}

int main(int argc, char **argv)
{
	bool why = argc > 1 && !strcmp(argv[1], "--why");
	if (argc > 1 + why) {
		fprintf(stderr, "usage: extract-tsv [--why] <LIST\n");
		return 2;
	}
	char err[256];
	struct ext_gaz *g;
	const char *dir = getenv("NEWSFS_GAZETTEER");
	if (ext_gaz_load(&g, dir && *dir ? dir : NULL, err, sizeof(err))) {
		fprintf(stderr, "extract-tsv: %s\n", err);
		return 1;
	}
	const char *now = getenv("NOW");
	struct ext_when when = {.now = now ? (time_t)atoll(now) : time(NULL)};
	struct ext_result r = {0};
	struct sbuf raw = {0}, decoded = {0};
	char line[8192];
	int status = 0;
	printf("path\tdate\tdate_from\tcountries\tofficials\tpeople\t"
	       "official_keys\tpeople_keys\n");
	while (fgets(line, sizeof(line), stdin)) {
		line[strcspn(line, "\n")] = '\0';
		char *tab = strchr(line, '\t');
		if (tab)
			*tab++ = '\0';
		when.stated = tab ? parse_ymd(tab) : 0;
		const char *text, *reason = "";
		size_t len;
		int rc = read_file(line, &raw);
		if (!rc)
			rc = nfs_text_decode(raw.buf, raw.len, &decoded, &text,
					   &len, &reason);
		if (!rc)
			rc = ext_extract(g, text, len, &when, &r);
		if (rc) {
			fprintf(stderr, "extract-tsv: %s: %s\n", line,
				rc == -EINVAL ? reason : strerror(-rc));
			status = 1;
			continue;
		}
		print_row(line, text, &r, why);
	}
	ext_result_release(&r);
	sbuf_release(&raw);
	sbuf_release(&decoded);
	ext_gaz_free(g);
	return status;
}
