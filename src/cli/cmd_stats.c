/* newsfs stats: counts and sizes of the index. */
#include "cli.h"
#include "index.h"

#include <stdint.h>
#include <stdio.h>

static const char usage[] =
	"usage: newsfs stats [--db FILE] [--json]\n"
	"\n"
	"Print one 'name value' line per figure: articles (distinct\n"
	"contents), sources (paths), duplicates (sources beyond one per\n"
	"article), countries, officials, dated, undated, content bytes,\n"
	"database bytes, and the number of completed index runs. With\n"
	"--json, one JSON object with the same names instead.\n";

struct stats_args {
	const char *db;
	bool json;
};

enum { OPT_JSON = CLI_KEY_LONG };

static int on_opt(void *ctx, int key, const char *arg)
{
	struct stats_args *a = ctx;
	if (key == CLI_KEY_DB)
		a->db = arg;
	else if (key == OPT_JSON)
		a->json = true;
	return 0;
}

int cmd_stats(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		CLI_OPT_DB,
		{"json", OPT_JSON, NULL},
		{0},
	};
	struct stats_args a = {0};
	struct idx *ix;
	int first, rc = cli_getopt(argc, argv, usage, opts, on_opt, &a, &first);
	if (!rc)
		rc = cli_no_operands(argv[0], argc, argv, first);
	if (!rc)
		rc = cli_open_index(a.db, NULL, &ix);
	if (rc)
		return rc < 0 ? CLI_OK : rc;
	struct idx_stats s;
	rc = idx_stats(ix, &s);
	if (rc) {
		cli_error("cannot read the index: %s", idx_errmsg(ix));
		idx_close(ix);
		return CLI_FAILED;
	}
	idx_close(ix);
	const struct {
		const char *name;
		int64_t v;
	} f[] = {
		{"articles", s.articles},
		{"sources", s.sources},
		{"duplicates", s.sources - s.articles},
		{"countries", s.countries},
		{"officials", s.officials},
		{"dated", s.dated},
		{"undated", s.undated},
		{"content_bytes", s.content_bytes},
		{"database_bytes", s.db_bytes},
		{"index_runs", s.generation},
	};
	size_t n = sizeof(f) / sizeof(f[0]);
	for (size_t i = 0; i < n; i++) {
		if (a.json)
			printf("%s\"%s\": %lld%s", i ? "" : "{", f[i].name,
			       (long long)f[i].v, i + 1 < n ? ", " : "}\n");
		else
			printf("%-14s %lld\n", f[i].name, (long long)f[i].v);
	}
	return CLI_OK;
}
