/* newsfs check: verify the database and every stored article, and with
 * --deep every source file too. */
#include "cli.h"
#include "index.h"
#include "ingest.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
	"usage: newsfs check [--db FILE] [--deep]\n"
	"\n"
	"Run SQLite's integrity check, look for rows that refer to nothing,\n"
	"hash every stored article again to compare with its recorded\n"
	"XXH3-128, and run FTS5's own check of the search index (left out,\n"
	"with a note, while an index run writes the index or where the\n"
	"index cannot be opened for writing).\n"
	"\n"
	"  --deep   also read every source file again: report sources that\n"
	"           cannot be read, and sources whose bytes changed although\n"
	"           their size, mtime and inode did not (a rewrite in place\n"
	"           such as cp -p or touch -r leaves, which index never reads\n"
	"           again). Sources whose stamp changed are left to the next\n"
	"           index run and only counted.\n"
	"\n"
	"Prints each problem on a line of its own; exit status 0 when there\n"
	"is none, 1 otherwise.\n";

static void on_problem(void *ctx, const char *what)
{
	(void)ctx;
	printf("problem: %s\n", what);
}

static void on_source_problem(void *ctx, const char *path, const char *what)
{
	(void)ctx;
	fputs("problem: ", stdout);
	cli_put_path(stdout, path);
	printf(": %s\n", what);
}

static int deep(struct idx *ix, struct ingest_verify_stats *st)
{
	int rc = ingest_verify(ix, on_source_problem, NULL, st);
	if (rc)
		cli_error("cannot read the sources: %s",
			  idx_errmsg(ix)[0] ? idx_errmsg(ix) : strerror(-rc));
	else if (st->changed)
		printf("%lld sources changed since the last index run, left "
		       "to the next one\n", (long long)st->changed);
	return rc;
}

/* A search-index check left out is said, not counted as a problem. */
static int search(struct idx *ix, int64_t *problems)
{
	int rc = idx_check_search(ix, on_problem, NULL, problems);
	if (rc == -EBUSY || rc == -EROFS) {
		printf("search index's own check left out: %s\n",
		       idx_errmsg(ix));
		rc = 0;
	}
	return rc;
}

int cmd_check(int argc, char **argv)
{
	bool want_deep = false;
	struct idx *ix;
	int rc = cli_open_index_args(argc, argv, usage, "deep", &want_deep,
				     &ix);
	if (rc)
		return rc < 0 ? CLI_OK : rc;
	int64_t checked, problems;
	struct ingest_verify_stats st = {0};
	rc = idx_check(ix, on_problem, NULL, &checked, &problems);
	if (!rc)
		rc = search(ix, &problems);
	if (rc)
		cli_error("cannot check: %s", idx_errmsg(ix));
	else if (want_deep)
		rc = deep(ix, &st);
	idx_close(ix);
	if (rc)
		return CLI_FAILED;
	problems += st.problems;
	if (want_deep)
		printf("%lld articles checked, %lld sources read, %lld "
		       "problems\n", (long long)checked, (long long)st.read,
		       (long long)problems);
	else
		printf("%lld articles checked, %lld problems\n",
		       (long long)checked, (long long)problems);
	return problems ? CLI_FAILED : CLI_OK;
}
