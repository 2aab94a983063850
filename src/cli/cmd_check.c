/* newsfs check: verify the database and every stored article. */
#include "cli.h"
#include "index.h"

#include <stdio.h>

static const char usage[] =
	"usage: newsfs check [--db FILE]\n"
	"\n"
	"Run SQLite's integrity check, look for rows that refer to nothing,\n"
	"and hash every stored article again to compare with its recorded\n"
	"XXH3-128. Prints each problem; exit status 0 when there is none,\n"
	"1 otherwise.\n";

static void on_problem(void *ctx, const char *what)
{
	(void)ctx;
	printf("problem: %s\n", what);
}

int cmd_check(int argc, char **argv)
{
	struct idx *ix;
	int rc = cli_db_command(argc, argv, usage, NULL, &ix);
	if (rc)
		return rc < 0 ? CLI_OK : rc;
	int64_t checked, problems;
	rc = idx_check(ix, on_problem, NULL, &checked, &problems);
	if (rc)
		cli_error("cannot check: %s", idx_errmsg(ix));
	idx_close(ix);
	if (rc)
		return CLI_FAILED;
	printf("%lld articles checked, %lld problems\n", (long long)checked,
	       (long long)problems);
	return problems ? CLI_FAILED : CLI_OK;
}
