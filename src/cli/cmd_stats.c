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

int cmd_stats(int argc, char **argv)
{
	bool json = false;
	struct idx *ix;
	int rc = cli_open_index_args(argc, argv, usage, "json", &json, &ix);
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
		if (json)
			printf("%s\"%s\": %lld%s", i ? "" : "{", f[i].name,
			       (long long)f[i].v, i + 1 < n ? ", " : "}\n");
		else
			printf("%-14s %lld\n", f[i].name, (long long)f[i].v);
	}
	return CLI_OK;
}
