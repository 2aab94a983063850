/*
 * What `newsfs index` refuses to take as a PATH, checked before the
 * index is opened (so that a refused run creates nothing, not even an
 * empty index): a path that does not exist, the index itself or one of
 * its companion files, and anything inside a newsfs mount, whose files
 * are the index's own articles again.
 */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* path is db, or one of the files beside it that SQLite and newsfs
 * keep (db-wal, db-shm, db-journal, db-build, db-lock). */
static bool is_index_file(const char *path, const char *db)
{
	size_t len = strlen(db);
	return strncmp(path, db, len) == 0 &&
	       (path[len] == '\0' || path[len] == '-');
}

int cli_check_inputs(char *const *paths, int n, const char *db)
{
	char dbabs[PATH_MAX], abs[PATH_MAX], mdb[PATH_MAX];
	bool have_db = cli_abs_path(db, dbabs, sizeof(dbabs));
	int bad = 0;
	for (int i = 0; i < n; i++) {
		struct stat st;
		if (stat(paths[i], &st) != 0) {
			cli_error("%s: %s", paths[i], strerror(errno));
			bad++;
		} else if (have_db && cli_abs_path(paths[i], abs, sizeof(abs)) &&
			   is_index_file(abs, dbabs)) {
			cli_error("%s: is the index %s or one of its files, not an input",
				  paths[i], dbabs);
			bad++;
		} else if (cli_mount_index(paths[i], mdb, sizeof(mdb))) {
			cli_error("%s: is inside a newsfs mount (of %s); its "
				  "files are that index's articles: index the "
				  "folders they came from instead",
				  paths[i], mdb);
			bad++;
		}
	}
	return bad ? CLI_USAGE : 0;
}

char *cli_glob_escape(const char *s, const char *suffix)
{
	size_t len = strlen(s);
	char *out = malloc(2 * len + strlen(suffix) + 1), *o = out;
	if (!out)
		return NULL;
	for (; *s; s++) {
		if (strchr("*?[]\\", *s))
			*o++ = '\\';
		*o++ = *s;
	}
	strcpy(o, suffix);
	return out;
}

int cli_index_excludes(const char *db, char **out)
{
	char dbabs[PATH_MAX];
	if (!cli_abs_path(db, dbabs, sizeof(dbabs)))
		return 0;
	if (!(out[0] = cli_glob_escape(dbabs, "")))
		return -ENOMEM;
	if (!(out[1] = cli_glob_escape(dbabs, "-*"))) {
		free(out[0]);
		return -ENOMEM;
	}
	return 2;
}
