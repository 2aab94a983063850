/*
 * Remembered folders, as `notmuch new` knows its mail folder: a completed
 * `newsfs index` run remembers the folders it was given (in the index's
 * root table), `newsfs index` with no PATH re-indexes them, `newsfs
 * sources` lists them and `newsfs forget PATH` drops one, with the
 * articles found only there.
 */
#include "cli.h"
#include "extract.h"
#include "index.h"
#include "ingest.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct list {
	char **v;
	size_t n;
};

static int collect(void *ctx, const char *path)
{
	struct list *l = ctx;
	char **v = realloc(l->v, (l->n + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	l->v = v;
	if (!(v[l->n] = strdup(path)))
		return -ENOMEM;
	l->n++;
	return 0;
}

void cli_roots_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int cli_roots_load(const char *db, char ***out, size_t *n)
{
	struct list l = {0};
	*out = NULL;
	*n = 0;
	struct stat st;
	if (stat(db, &st) != 0)
		return 0;	/* no index yet: nothing remembered */
	struct idx *ix;
	char err[1024];
	if (idx_open(&ix, db, IDX_READ, err, sizeof(err)))
		return cli_error("%s", err);
	int rc = idx_root_list(ix, collect, &l);
	if (rc)
		cli_error("%s: %s", db, rc == -ENOMEM ? "out of memory"
						       : idx_errmsg(ix));
	idx_close(ix);
	if (rc) {
		cli_roots_free(l.v, l.n);
		return CLI_FAILED;
	}
	*out = l.v;
	*n = l.n;
	return 0;
}

int cli_roots_remember(struct idx *ix, char *const *paths, size_t n)
{
	int rc = idx_begin(ix);
	for (size_t i = 0; !rc && i < n; i++) {
		struct stat st;
		char *real = realpath(paths[i], NULL);
		if (real && stat(real, &st) == 0 && S_ISDIR(st.st_mode))
			rc = idx_root_add(ix, real);
		free(real);
	}
	if (!rc)
		return idx_commit(ix);
	idx_rollback(ix);
	return rc;
}

static const char sources_usage[] =
	"usage: newsfs sources [--db FILE]\n"
	"\n"
	"List the folders the index remembers, one per line: those earlier\n"
	"'newsfs index' runs were given, which 'newsfs index' with no PATH\n"
	"re-indexes and 'newsfs index --watch' follows. 'newsfs forget PATH'\n"
	"drops one.\n";

static int on_db(void *ctx, int key, const char *arg)
{
	if (key == CLI_KEY_DB)
		*(const char **)ctx = arg;
	return 0;
}

static int print_root(void *ctx, const char *path)
{
	(void)ctx;
	cli_put_path(stdout, path);
	putchar('\n');
	return 0;
}

int cmd_sources(int argc, char **argv)
{
	struct idx *ix;
	int rc = cli_open_index_args(argc, argv, sources_usage, NULL, NULL,
				     &ix);
	if (rc)
		return rc < 0 ? CLI_OK : rc;
	rc = idx_root_list(ix, print_root, NULL);
	if (rc)
		cli_error("%s", idx_errmsg(ix));
	idx_close(ix);
	return rc ? CLI_FAILED : CLI_OK;
}

static const char forget_usage[] =
	"usage: newsfs forget [--db FILE] PATH...\n"
	"\n"
	"Forget remembered folders: 'newsfs index' with no PATH no longer\n"
	"re-indexes them, and the articles found only below them leave the\n"
	"index (their files are not touched). 'newsfs sources' lists the\n"
	"folders remembered. Exit status 1 when a PATH was not remembered.\n";

/* Drop what the index holds below dir: a run over it that sees nothing
 * there (every entry excluded) forgets the rest as vanished. */
static int drop_below(struct idx *ix, const struct ext_gaz *gaz,
		      const char *dir, int64_t *dropped)
{
	char pat[PATH_MAX + 8], err[1024];
	size_t k = 0;
	for (const char *s = dir; *s && k < sizeof(pat) - 4; s++) {
		if (strchr("*?[]\\", *s))
			pat[k++] = '\\';
		pat[k++] = *s;
	}
	snprintf(pat + k, sizeof(pat) - k, "/*");
	const char *excl[] = {pat};
	const char *paths[] = {dir};
	struct ingest_opts o = {.exclude = excl, .nexclude = 1};
	struct ingest_stats st;
	int rc = ingest_run(ix, gaz, paths, 1, &o, &st, err, sizeof(err));
	if (rc)
		return cli_error("%s: %s", dir, err);
	*dropped = st.dropped;
	return 0;
}

static int forget_one(struct idx *ix, const struct ext_gaz *gaz,
		      const char *path)
{
	char abs[PATH_MAX];
	if (!cli_abs_path(path, abs, sizeof(abs)))
		snprintf(abs, sizeof(abs), "%s", path);
	int rc = idx_begin(ix);
	if (!rc)
		rc = idx_root_drop(ix, abs);
	if (!rc)
		rc = idx_commit(ix);
	else
		idx_rollback(ix);
	if (rc == -ENOENT)
		return cli_error("%s: not a folder this index remembers "
				 "('newsfs sources' lists them)", abs);
	if (rc)
		return cli_error("%s", idx_errmsg(ix));
	struct stat st;
	int64_t dropped = 0;
	if (stat(abs, &st) == 0 && S_ISDIR(st.st_mode) &&
	    drop_below(ix, gaz, abs, &dropped))
		return CLI_FAILED;
	printf("forgot %s (%lld sources dropped)\n", abs, (long long)dropped);
	return 0;
}

int cmd_forget(int argc, char **argv)
{
	static const struct cli_opt opts[] = {CLI_OPT_DB, {0}};
	const char *db = NULL;
	int first, rc = cli_getopt(argc, argv, forget_usage, opts, on_db, &db,
				   &first);
	if (!rc && first >= argc)
		rc = cli_usage_error("forget", "no PATH to forget");
	if (rc)
		return rc < 0 ? CLI_OK : rc;
	const struct cli_config *cfg;
	if ((rc = cli_config(&cfg)) != 0)
		return rc;
	if (!(db = cli_db_path(db, cfg, false)))
		return CLI_FAILED;
	char err[1024];
	struct stat st;
	if (stat(db, &st) != 0)
		return cli_error("%s: %s", db, strerror(errno));
	struct ext_gaz *gaz;
	const char *gdir = getenv("NEWSFS_GAZETTEER");
	if (ext_gaz_load(&gaz, gdir && *gdir ? gdir : NULL, err, sizeof(err)))
		return cli_error("%s", err);
	struct idx *ix;
	if (idx_open(&ix, db, IDX_RUN, err, sizeof(err))) {
		ext_gaz_free(gaz);
		return cli_error("%s", err);
	}
	int status = CLI_OK;
	for (int i = first; i < argc; i++)
		if (forget_one(ix, gaz, argv[i]))
			status = CLI_FAILED;
	idx_close(ix);
	ext_gaz_free(gaz);
	return status;
}
