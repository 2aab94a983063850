/*
 * Option parsing shared by the commands that only take --db (and a few
 * flags of their own): export, stats, check.
 */
#include "cli.h"
#include "index.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

int cli_parse_db_only(int argc, char **argv, const char *usage,
		      const char **db, const struct cli_flag *flags)
{
	struct option longopts[16] = {
		{"db", required_argument, NULL, 'd'},
		{"help", no_argument, NULL, 'h'},
	};
	size_t n = 2;
	for (size_t i = 0; flags && flags[i].name && n < 15; i++, n++)
		longopts[n] = (struct option){flags[i].name, no_argument,
					      NULL, (int)('A' + i)};
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		if (c == 'd') {
			*db = optarg;
		} else if (c == 'h') {
			fputs(usage, stdout);
			return -1;
		} else if (c >= 'A' && c < 'A' + 14 && flags) {
			*flags[c - 'A'].value = true;
		} else {
			return cli_usage_error(argv[0], "unknown option '%s'",
					       argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error(argv[0], "unexpected argument '%s'",
				       argv[optind]);
	return 0;
}

int cli_db_command(int argc, char **argv, const char *usage,
		   const struct cli_flag *flags, struct idx **ix)
{
	const char *opt_db = NULL;
	int rc = cli_parse_db_only(argc, argv, usage, &opt_db, flags);
	if (rc)
		return rc;
	char err[1024];
	const char *db = cli_db_path(opt_db, false);
	if (!db)
		return CLI_FAILED;
	if (idx_open(ix, db, IDX_READ, err, sizeof(err)))
		return cli_error("%s", err);
	return 0;
}
