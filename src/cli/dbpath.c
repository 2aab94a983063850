/*
 * Which index a command works on, and opening it for the commands that
 * only read it (export, stats, check, sources).
 */
#include "cli.h"
#include "index.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>

/* mkdir -p for the folders above path, private to the user. */
static int make_parents(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int rc = mkdir(path, 0700);
		*p = '/';
		if (rc != 0 && errno != EEXIST)
			return -errno;
	}
	return 0;
}

const char *cli_db_path(const char *opt_db, const struct cli_config *cfg,
			bool create_dirs)
{
	static char path[PATH_MAX];
	const char *env = getenv("NEWSFS_DB");
	if (!opt_db && env && *env)
		opt_db = env;
	if (!opt_db && cfg && cfg->index)
		opt_db = cfg->index;
	if (opt_db) {
		snprintf(path, sizeof(path), "%s", opt_db);
		return path;
	}
	if (!cli_xdg_path(path, sizeof(path), "XDG_DATA_HOME", ".local/share",
			  "newsfs/index.db")) {
		cli_error("no home folder: give --db FILE or set NEWSFS_DB");
		return NULL;
	}
	if (create_dirs && make_parents(path) != 0) {
		cli_error("%s: cannot create its folder: %s", path,
			  strerror(errno));
		return NULL;
	}
	return path;
}

const char *cli_log_path(const char *opt_log, const struct cli_config *cfg,
			 char *buf, size_t n)
{
	const char *log = opt_log ? opt_log : cfg ? cfg->log : NULL;
	if (log) {
		if (!cli_abs_path(log, buf, n)) {
			cli_error("%s: %s", log, strerror(errno));
			return NULL;
		}
		return buf;
	}
	if (!cli_xdg_path(buf, n, "XDG_STATE_HOME", ".local/state",
			  "newsfs/newsfs.log"))
		return NULL;	/* no home: syslog alone */
	if (make_parents(buf) != 0) {
		cli_error("%s: cannot create its folder: %s", buf,
			  strerror(errno));
		return NULL;
	}
	return buf;
}

const char *cli_mount_index(const char *path, char *buf, size_t n)
{
	ssize_t len = getxattr(path, "user.newsfs.index", buf, n - 1);
	if (len > 0) {
		buf[len] = '\0';
		return buf;
	}
	char dir[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*(slash == dir ? slash + 1 : slash) = '\0';
	else
		snprintf(dir, sizeof(dir), ".");
	len = getxattr(dir, "user.newsfs.index", buf, n - 1);
	if (len <= 0)
		return NULL;
	buf[len] = '\0';
	return buf;
}

int cli_open_index(const char *opt_db, const char *path, struct idx **ix)
{
	const struct cli_config *cfg;
	int rc = cli_config(&cfg);
	if (rc)
		return rc;
	char behind[PATH_MAX];
	const char *env = getenv("NEWSFS_DB");
	if (!opt_db && !(env && *env) && path)
		opt_db = cli_mount_index(path, behind, sizeof(behind));
	const char *db = cli_db_path(opt_db, cfg, false);
	if (!db)
		return CLI_FAILED;
	char err[1024];
	if (idx_open(ix, db, IDX_READ, err, sizeof(err)))
		return cli_error("%s", err);
	return 0;
}

struct db_args {
	const char *db;
	bool *on;
};

static int on_db_opt(void *ctx, int key, const char *arg)
{
	struct db_args *a = ctx;
	if (key == CLI_KEY_DB)
		a->db = arg;
	else
		*a->on = true;
	return 0;
}

int cli_open_index_args(int argc, char **argv, const char *usage,
			const char *flag, bool *on, struct idx **ix)
{
	/* A NULL flag ends the table there. */
	const struct cli_opt opts[] = {
		CLI_OPT_DB,
		{flag, CLI_KEY_LONG, NULL},
		{0},
	};
	struct db_args a = {NULL, on};
	int first, rc = cli_getopt(argc, argv, usage, opts, on_db_opt, &a,
				   &first);
	if (!rc)
		rc = cli_no_operands(argv[0], argc, argv, first);
	return rc ? rc : cli_open_index(a.db, NULL, ix);
}
