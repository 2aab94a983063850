/* newsfs export: what was extracted, one TSV row per source path. */
#include "cli.h"
#include "index.h"

#include <stdio.h>

static const char usage[] =
	"usage: newsfs export [--db FILE]\n"
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
	"characters as \\xNN.\n";

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

int cmd_export(int argc, char **argv)
{
	struct idx *ix;
	int rc = cli_db_command(argc, argv, usage, NULL, &ix);
	if (rc)
		return rc < 0 ? CLI_OK : rc;
	printf("path\thash\tdate\tcountries\tofficials\n");
	rc = idx_export(ix, print_row, NULL);
	if (rc && rc != -1)
		cli_error("cannot export: %s", idx_errmsg(ix));
	idx_close(ix);
	if (fflush(stdout) != 0 || rc)
		return CLI_FAILED;
	return CLI_OK;
}
