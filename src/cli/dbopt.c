/*
 * Option parsing shared by the commands that take --db, a few flags of
 * their own and perhaps paths: export, stats, check.
 */
#include "cli.h"
#include "index.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

int cli_parse_db_args(int argc, char **argv, const char *usage,
		      const char **db, const struct cli_flag *flags,
		      int *first)
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
	*first = optind;
	return 0;
}

int cli_parse_db_only(int argc, char **argv, const char *usage,
		      const char **db, const struct cli_flag *flags)
{
	int first, rc = cli_parse_db_args(argc, argv, usage, db, flags,
					  &first);
	if (!rc && first < argc)
		return cli_usage_error(argv[0], "unexpected argument '%s'",
				       argv[first]);
	return rc;
}

int cli_db_command_args(int argc, char **argv, const char *usage,
			const struct cli_flag *flags, struct idx **ix,
			int *first)
{
	const char *opt_db = NULL;
	int rc = cli_parse_db_args(argc, argv, usage, &opt_db, flags, first);
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

int cli_db_command(int argc, char **argv, const char *usage,
		   const struct cli_flag *flags, struct idx **ix)
{
	int first, rc = cli_db_command_args(argc, argv, usage, flags, ix,
					    &first);
	if (!rc && first < argc) {
		idx_close(*ix);
		return cli_usage_error(argv[0], "unexpected argument '%s'",
				       argv[first]);
	}
	return rc;
}
