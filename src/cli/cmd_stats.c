/* newsfs stats: counts and sizes of the index. */
#include "cli.h"
#include "index.h"

#include <stdio.h>

static const char usage[] =
	"usage: newsfs stats [--db FILE]\n"
	"\n"
	"Print one 'name value' line per figure: articles (distinct\n"
	"contents), sources (paths), duplicates (sources beyond one per\n"
	"article), countries, officials, dated, undated, content bytes,\n"
	"database bytes, and the number of completed index runs.\n";

struct stats_args {
	const char *db;
};

static int on_opt(void *ctx, int key, const char *arg)
{
	struct stats_args *a = ctx;
	if (key == CLI_KEY_DB)
		a->db = arg;
	return 0;
}

int cmd_stats(int argc, char **argv)
{
	static const struct cli_opt opts[] = {CLI_OPT_DB, {0}};
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
	printf("articles       %lld\n", (long long)s.articles);
	printf("sources        %lld\n", (long long)s.sources);
	printf("duplicates     %lld\n", (long long)(s.sources - s.articles));
	printf("countries      %lld\n", (long long)s.countries);
	printf("officials      %lld\n", (long long)s.officials);
	printf("dated          %lld\n", (long long)s.dated);
	printf("undated        %lld\n", (long long)s.undated);
	printf("content_bytes  %lld\n", (long long)s.content_bytes);
	printf("database_bytes %lld\n", (long long)s.db_bytes);
	printf("index_runs     %lld\n", (long long)s.generation);
	return CLI_OK;
}
