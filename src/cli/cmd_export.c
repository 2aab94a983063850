/* newsfs export: what was extracted, one TSV row per source path; with
 * --why, the text behind each facet of the articles named. */
#include "cli.h"
#include "extract.h"
#include "index.h"
#include "ingest.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: newsfs export [--db FILE] [--format=tsv|jsonl]\n"
	"       newsfs export --why [--db FILE] PATH...\n"
	"\n"
	"Print what the index holds as TSV on standard output: a header, then\n"
	"one row per source path:\n"
	"\n"
	"  path  hash  date  countries  officials\n"
	"\n"
	"hash is the XXH3-128 of the article's bytes (32 hex digits), date is\n"
	"YYYY-MM-DD or empty, lists are joined with '|' and use the names the\n"
	"mounted folders show. In paths, tab, newline, carriage return and\n"
	"backslash are written as \\t, \\n, \\r and \\\\, other control\n"
	"characters as \\xNN.\n"
	"\n"
	"--format=jsonl prints one JSON object per source path instead, no\n"
	"header: {\"path\": ..., \"hash\": ..., \"date\": \"YYYY-MM-DD\" or null,\n"
	"\"countries\": [...], \"officials\": [...]}; a byte of a path that is\n"
	"not UTF-8 is written as \\xNN there too.\n"
	"\n"
	"With --why, explain the articles at PATH... instead (a source path\n"
	"that was indexed, a record of one as export writes it, such as\n"
	"'dump.jsonl#line 2', or an article file of a mount): one row per facet,\n"
	"\n"
	"  path  facet  value  offset  length  evidence  how\n"
	"\n"
	"facet is date, year (where a date without one took its year),\n"
	"country or official; offset and length (bytes) say where in the file\n"
	"the evidence stands (in its UTF-8 decoding when the file is UTF-16\n"
	"or Windows-1252), evidence is that text with white space collapsed,\n"
	"and how says why it counts: 'title before the name in this article',\n"
	"or for a person this article names without an office, 'established\n"
	"in PATH', an article that shows them in office. The stored bytes are\n"
	"read again with the built-in gazetteer, or $NEWSFS_GAZETTEER's.\n";

static int print_row(void *ctx, const struct idx_export_row *r)
{
	(void)ctx;
	char hex[2 * NFS_HASH_LEN + 1], date[16] = "";
	nfs_hash_hex(r->hash, hex);
	if (r->date)
		snprintf(date, sizeof(date), "%04d-%02d-%02d", r->date / 10000,
			 r->date / 100 % 100, r->date % 100);
	cli_put_path(stdout, r->path);
	printf("\t%s\t%s\t%s\t%s\n", hex, date, r->countries, r->officials);
	return ferror(stdout) ? -1 : 0;
}

static int print_json(void *ctx, const struct idx_export_row *r)
{
	(void)ctx;
	char hex[2 * NFS_HASH_LEN + 1];
	nfs_hash_hex(r->hash, hex);
	fputs("{\"path\": ", stdout);
	cli_put_json(stdout, r->path);
	printf(", \"hash\": \"%s\", \"date\": ", hex);
	if (r->date)
		printf("\"%04d-%02d-%02d\"", r->date / 10000, r->date / 100 % 100,
		       r->date % 100);
	else
		fputs("null", stdout);
	fputs(", \"countries\": ", stdout);
	cli_put_json_list(stdout, r->countries, '|');
	fputs(", \"officials\": ", stdout);
	cli_put_json_list(stdout, r->officials, '|');
	fputs("}\n", stdout);
	return ferror(stdout) ? -1 : 0;
}

/* One --why row: the evidence with its white space collapsed, then how
 * it counts in words. */
static void print_why(const char *path, const char *facet,
		      const char *value, const struct ingest_why *w,
		      struct ext_span sp, const char *how)
{
	cli_put_path(stdout, path);
	printf("\t%s\t%s\t%zu\t%u\t", facet, value, w->base + sp.off, sp.len);
	bool space = false;
	for (uint32_t i = 0; i < sp.len && sp.off + i < w->len; i++) {
		unsigned char c = (unsigned char)w->text[sp.off + i];
		if (c <= ' ') {
			space = true;
			continue;
		}
		if (space)
			putchar(' ');
		space = false;
		if (c == '\\')
			fputs("\\\\", stdout);
		else
			putchar(c);
	}
	putchar('\t');
	fputs(how, stdout);
	putchar('\n');
}

struct why_ctx {
	const char *path;
	const struct ingest_why *w;
	const char *last;	/* folder of the row before: one row each */
	char last_buf[NFS_NAME_MAX + 1];
};

/* One by-official/ folder of the article: the article's own evidence, or
 * the article that established the person. */
static int print_official(void *ctx, const struct idx_official_why *o)
{
	struct why_ctx *c = ctx;
	if (c->last && strcmp(c->last, o->folder) == 0)
		return 0;
	snprintf(c->last_buf, sizeof(c->last_buf), "%s", o->folder);
	c->last = c->last_buf;
	const struct ext_result *r = &c->w->ext;
	struct ext_span sp = {0, 0};
	const char *how = "";
	for (size_t i = 0; i < r->nofficials; i++)
		if (strcmp(r->officials[i].key, o->key) == 0) {
			sp = r->officials[i].why;
			how = r->officials[i].how;
		}
	for (size_t i = 0; i < r->npeople; i++)
		if (strcmp(r->people[i].key, o->key) == 0)
			sp = r->people[i].at;
	char words[PATH_MAX + 256];
	/* A surname alone that joined a full name */
	bool surname = !strchr(o->key, ' ') && strchr(o->folder, ' ');
	if (o->office)
		snprintf(words, sizeof(words), "%s in this article%s", how,
			 surname ? "; the one person of that surname the "
				   "index shows in office" : "");
	else
		snprintf(words, sizeof(words), "%sestablished in %s",
			 surname ? "a surname of one person only; " : "",
			 o->established ? o->established : "(none left)");
	print_why(c->path, "official", o->folder, c->w, sp, words);
	return 0;
}

static int print_facets(struct idx *ix, const char *path,
			const struct ingest_why *w)
{
	const struct ext_result *r = &w->ext;
	if (r->date) {
		char date[16];
		snprintf(date, sizeof(date), "%04d-%02d-%02d", r->date / 10000,
			 r->date / 100 % 100, r->date % 100);
		print_why(path, "date", date, w, r->date_why,
			  ext_date_from_text(r->date_from));
		if (r->year_why.len) {
			snprintf(date, sizeof(date), "%04d", r->date / 10000);
			print_why(path, "year", date, w, r->year_why,
				  "the date has no year: the year the text "
				  "names nearest to it");
		}
	}
	for (size_t i = 0; i < r->ncountries; i++)
		print_why(path, "country", r->countries[i].name, w,
			  r->countries[i].why, "named in this article");
	struct why_ctx c = {.path = path, .w = w};
	return idx_official_why(ix, w->id, print_official, &c);
}

static int explain(struct idx *ix, char **paths, int n)
{
	char err[1024];
	struct ext_gaz *g;
	const char *dir = getenv("NEWSFS_GAZETTEER");
	if (ext_gaz_load(&g, dir && *dir ? dir : NULL, err, sizeof(err)))
		return cli_error("%s", err);
	struct ingest_why w = {0};
	int status = CLI_OK;
	printf("path\tfacet\tvalue\toffset\tlength\tevidence\thow\n");
	for (int i = 0; i < n; i++) {
		const char *reason;
		int rc = ingest_why(ix, g, paths[i], &w, &reason);
		if (rc) {
			status = cli_error("%s: %s", paths[i], reason ? reason :
					   rc == -ENOENT ? "not indexed" :
					   idx_errmsg(ix));
			continue;
		}
		if (w.version != ext_version(g))
			cli_error("%s: indexed by another extractor or "
				  "gazetteer; this shows what the current one "
				  "finds (run 'newsfs index' to update)",
				  paths[i]);
		if (print_facets(ix, paths[i], &w))
			status = cli_error("%s: %s", paths[i], idx_errmsg(ix));
	}
	ingest_why_release(&w);
	ext_gaz_free(g);
	return status;
}

struct export_args {
	const char *db;
	bool why;
	bool jsonl;
};

enum { OPT_WHY = CLI_KEY_LONG, OPT_FORMAT };

static int on_opt(void *ctx, int key, const char *arg)
{
	struct export_args *a = ctx;
	if (key == CLI_KEY_DB)
		a->db = arg;
	else if (key == OPT_WHY)
		a->why = true;
	else if (key == OPT_FORMAT && strcmp(arg, "jsonl") == 0)
		a->jsonl = true;
	else if (key == OPT_FORMAT && strcmp(arg, "tsv") != 0)
		return cli_usage_error("export", "--format is tsv or jsonl, "
				       "not '%s'", arg);
	return 0;
}

int cmd_export(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		CLI_OPT_DB,
		{"why", OPT_WHY, NULL},
		{"format", OPT_FORMAT, "tsv|jsonl"},
		{0},
	};
	struct export_args a = {0};
	struct idx *ix;
	int first, rc = cli_getopt(argc, argv, usage, opts, on_opt, &a, &first);
	if (rc)
		return rc < 0 ? CLI_OK : rc;
	bool why = a.why;
	if (why && a.jsonl)
		return cli_usage_error(argv[0], "--why writes TSV only");
	if (why != (first < argc))
		return why ? cli_usage_error(argv[0], "--why needs a PATH") :
		       cli_usage_error(argv[0], "unexpected argument '%s'",
				       argv[first]);
	rc = cli_open_index(a.db, why ? argv[first] : NULL, &ix);
	if (rc)
		return rc;
	if (why) {
		rc = explain(ix, argv + first, argc - first);
		idx_close(ix);
		return fflush(stdout) != 0 ? CLI_FAILED : rc;
	}
	if (!a.jsonl)
		printf("path\thash\tdate\tcountries\tofficials\n");
	rc = idx_export(ix, a.jsonl ? print_json : print_row, NULL);
	if (rc && rc != -1)
		cli_error("cannot export: %s", idx_errmsg(ix));
	idx_close(ix);
	if (fflush(stdout) != 0 || rc)
		return CLI_FAILED;
	return CLI_OK;
}
