/*
 * Option parsing shared by the commands that take --db, a few flags of
 * their own and perhaps paths: export, stats, check.
 */
#include "cli.h"
#include "index.h"

#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/xattr.h>
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

/* The index a newsfs mount shows, if path is inside one (its folder
 * tells: user.newsfs.index). */
static const char *index_behind(const char *path, char *buf, size_t n)
{
	char dir[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*(slash == dir ? slash + 1 : slash) = '\0';
	else
		snprintf(dir, sizeof(dir), ".");
	ssize_t len = getxattr(dir, "user.newsfs.index", buf, n - 1);
	if (len <= 0)
		return NULL;
	buf[len] = '\0';
	return buf;
}

int cli_db_command_args(int argc, char **argv, const char *usage,
			const struct cli_flag *flags, struct idx **ix,
			int *first)
{
	const char *opt_db = NULL;
	int rc = cli_parse_db_args(argc, argv, usage, &opt_db, flags, first);
	if (rc)
		return rc;
	char behind[PATH_MAX];
	const char *env = getenv("NEWSFS_DB");
	if (!opt_db && !(env && *env) && *first < argc)
		opt_db = index_behind(argv[*first], behind, sizeof(behind));
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
