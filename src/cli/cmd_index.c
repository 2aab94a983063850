/* newsfs index: add or update files and folders in the index. */
#include "cli.h"
#include "extract.h"
#include "index.h"
#include "ingest.h"
#include "progress.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"usage: newsfs index [--db FILE] [--exclude GLOB]... [--max-size SIZE] [-j N]\n"
	"                    [-q] [-v] [--no-wait] [--follow-links]\n"
	"                    [--include-private] PATH...\n"
	"\n"
	"Index news articles: each PATH is a file or a folder (read\n"
	"recursively; hidden entries are skipped). Re-running is incremental:\n"
	"files with the same size, mtime and inode are not read again, changed\n"
	"ones are re-indexed, and files that vanished from a given folder are\n"
	"forgotten. Identical content is stored once. A first run builds the\n"
	"index aside (FILE-build) and puts it in place when complete. The\n"
	"same PATHs give the same index in any order. Runs on one index take\n"
	"turns: a second one says which run holds it (the lock FILE-lock) and\n"
	"waits.\n"
	"\n"
	"  --db FILE         the index (default: $NEWSFS_DB or\n"
	"                    ~/.local/share/newsfs/index.db)\n"
	"  --exclude GLOB    leave out files and folders that match GLOB below\n"
	"                    the folders given (repeatable; also 'exclude =' in\n"
	"                    the config file): '*.jpg' matches names, 'a/b'\n"
	"                    paths below the folder given, 'raw/' folders\n"
	"  --max-size SIZE   reject larger files (default 16M; k, M, G)\n"
	"  --gazetteer DIR   read the gazetteer from DIR instead of the\n"
	"                    built-in copy (or set NEWSFS_GAZETTEER)\n"
	"  -j, --jobs N      extraction threads (default: one per CPU but\n"
	"                    one, which the writer takes; at least one)\n"
	"  -q, --quiet       no summary line\n"
	"  -v, --verbose     also list the files that hold no article\n"
	"  --follow-links    also follow symbolic links that lead out of the\n"
	"                    folder given. Risky: anyone who can write in that\n"
	"                    folder can then make the index (and everyone who\n"
	"                    reads its mount) read any file you can read\n"
	"  --include-private when run as root, also index files other users\n"
	"                    cannot read; mount such an index only for root\n"
	"                    (no -o allow_other)\n"
	"  --no-wait         when another 'newsfs index' is writing this index,\n"
	"                    give up at once (exit 1) instead of waiting for it\n"
	"\n"
	"Never indexed, whatever the options: /proc, /sys, /dev, other kernel\n"
	"file systems, and newsfs mounts. By default a symbolic link is only\n"
	"followed while it stays inside the folder given, and a run by root\n"
	"takes only what every user could read (the file readable by others,\n"
	"its folders from the one given down open to others). Each input left\n"
	"out that way is reported as 'newsfs: PATH: skipped: reason'.\n"
	"\n"
	"A PATH that does not exist, the index itself and anything inside a\n"
	"newsfs mount are refused before anything is done (exit 2). Files\n"
	"that hold no article (binary data such as images, empty files) are\n"
	"counted as 'not articles' and listed with -v. Files that look like\n"
	"articles but fail (unreadable, too large) are reported as\n"
	"'newsfs: PATH: reason' and the run goes on.\n"
	"\n"
	"Exit status: 0 every file was indexed, unchanged, excluded, skipped\n"
	"or not an article; 1 some file that looks like an article failed, or\n"
	"the index failed; 2 usage error (nothing was done).\n";

struct ui {
	bool tty;
	bool drawn;
	bool verbose;
};

static void on_reject(void *ctx, const char *path, const char *reason)
{
	struct ui *ui = ctx;
	if (ui->drawn)
		cli_progress_clear();
	ui->drawn = false;
	fputs("newsfs: ", stderr);
	cli_put_path(stderr, path);
	fprintf(stderr, ": %s\n", reason);
}

static void on_skip(void *ctx, const char *path, const char *why)
{
	struct ui *ui = ctx;
	if (ui->drawn)
		cli_progress_clear();
	ui->drawn = false;
	fputs("newsfs: ", stderr);
	cli_put_path(stderr, path);
	fprintf(stderr, ": skipped: %s\n", why);
}

static void on_not_article(void *ctx, const char *path, const char *why)
{
	struct ui *ui = ctx;
	if (!ui->verbose)
		return;
	if (ui->drawn)
		cli_progress_clear();
	ui->drawn = false;
	fputs("newsfs: ", stderr);
	cli_put_path(stderr, path);
	fprintf(stderr, ": not an article: %s\n", why);
}

static void on_progress(void *ctx, const struct ingest_progress *p)
{
	struct ui *ui = ctx;
	cli_progress_draw(p);
	ui->drawn = true;
}

static void print_summary(const struct ingest_stats *s)
{
	printf("%lld files seen, %lld new articles, %lld duplicates, "
	       "%lld unchanged, %lld rejected, ",
	       (long long)s->seen, (long long)s->added,
	       (long long)s->duplicates, (long long)s->unchanged,
	       (long long)s->rejected);
	if (s->not_articles)
		printf("%lld not articles, ", (long long)s->not_articles);
	if (s->excluded)
		printf("%lld excluded, ", (long long)s->excluded);
	if (s->skipped)
		printf("%lld skipped, ", (long long)s->skipped);
	printf("%lld vanished, ", (long long)s->dropped);
	if (s->refreshed)
		printf("%lld extracted again, ", (long long)s->refreshed);
	printf("%.2f s\n", s->seconds);
}

struct index_args {
	const char *db;
	const char *gazetteer;
	size_t max_size;
	int jobs;
	bool quiet;
	bool verbose;
	bool follow_links;
	bool include_private;
	bool no_wait;
	/* --exclude, then the config's, then the index's own files. */
	const char **exclude;
	size_t nexclude;
	char *own[2];
};

static int add_exclude(struct index_args *a, const char *glob)
{
	const char **v = realloc(a->exclude, (a->nexclude + 1) * sizeof(*v));
	if (!v)
		return cli_error("out of memory");
	a->exclude = v;
	v[a->nexclude++] = glob;
	return 0;
}

/*
 * The options. To add one: a key below (a letter for a short option),
 * a line in options[], a case in on_opt() that stores it in index_args,
 * a line in usage[], and its use in run(); then docs/newsfs.1 and
 * scripts/newsfs.bash-completion.
 */
enum {
	OPT_DB = CLI_KEY_DB, OPT_MAX_SIZE = CLI_KEY_LONG, OPT_GAZETTEER,
	OPT_FOLLOW_LINKS, OPT_INCLUDE_PRIVATE, OPT_NO_WAIT, OPT_EXCLUDE,
};

static const struct cli_opt options[] = {
	CLI_OPT_DB,
	{"max-size", OPT_MAX_SIZE, "SIZE"},
	{"gazetteer", OPT_GAZETTEER, "DIR"},
	{"exclude", OPT_EXCLUDE, "GLOB"},
	{"quiet", 'q', NULL},
	{"verbose", 'v', NULL},
	{"jobs", 'j', "N"},
	{"follow-links", OPT_FOLLOW_LINKS, NULL},
	{"include-private", OPT_INCLUDE_PRIVATE, NULL},
	{"no-wait", OPT_NO_WAIT, NULL},
	{0},
};

static int on_opt(void *ctx, int key, const char *arg)
{
	struct index_args *a = ctx;
	switch (key) {
	case OPT_DB: a->db = arg; break;
	case OPT_GAZETTEER: a->gazetteer = arg; break;
	case 'q': a->quiet = true; break;
	case 'v': a->verbose = true; break;
	case OPT_EXCLUDE:
		if (!*arg)
			return cli_usage_error("index", "--exclude: empty GLOB");
		return add_exclude(a, arg);
	case OPT_FOLLOW_LINKS: a->follow_links = true; break;
	case OPT_INCLUDE_PRIVATE: a->include_private = true; break;
	case OPT_NO_WAIT: a->no_wait = true; break;
	case 'j': {
		char *end;
		long n = strtol(arg, &end, 10);
		if (*end || end == arg || n < 1 || n > 64)
			return cli_usage_error("index",
				"bad --jobs '%s' (1 to 64)", arg);
		a->jobs = (int)n;
		break;
	}
	case OPT_MAX_SIZE:
		if (cli_parse_size(arg, &a->max_size) || !a->max_size)
			return cli_usage_error("index", "bad --max-size '%s'",
					       arg);
		if (a->max_size > INGEST_MAX_SIZE_LIMIT)
			return cli_usage_error("index",
				"--max-size %s is above the largest article "
				"SQLite stores (1000000000)", arg);
		break;
	}
	return 0;
}

/* Another run holds the index: say so, then wait, or give up. */
static int on_busy(void *ctx, const char *who)
{
	const struct index_args *a = ctx;
	if (!a->no_wait)
		fprintf(stderr, "newsfs: %s; waiting for it to finish "
			"(--no-wait gives up instead)\n", who);
	return a->no_wait;
}

/* The config's excludes and the index's own files join --exclude. */
static int add_excludes(struct index_args *a, const struct cli_config *cfg,
			const char *db)
{
	for (size_t i = 0; i < cfg->nexclude; i++)
		if (add_exclude(a, cfg->exclude[i]))
			return CLI_FAILED;
	int n = cli_index_excludes(db, a->own);
	if (n < 0)
		return cli_error("out of memory");
	for (int i = 0; i < n; i++)
		if (add_exclude(a, a->own[i]))
			return CLI_FAILED;
	return 0;
}

static int run(struct index_args *a, char **paths, int n)
{
	char err[1024];
	const struct cli_config *cfg;
	int crc = cli_config(&cfg);
	if (crc)
		return crc;
	/* Inputs first: a refused run creates nothing. */
	const char *db = cli_db_path(a->db, cfg, false);
	if (!db)
		return CLI_FAILED;
	if ((crc = cli_check_inputs(paths, n, db)) != 0)
		return crc;
	if ((crc = add_excludes(a, cfg, db)) != 0)
		return crc;
	if (!(db = cli_db_path(a->db, cfg, true)))
		return CLI_FAILED;
	struct ext_gaz *gaz;
	if (ext_gaz_load(&gaz, a->gazetteer, err, sizeof(err)))
		return cli_error("%s", err);
	struct idx *ix;
	if (idx_open_wait(&ix, db, IDX_RUN, on_busy, (void *)a, err,
			  sizeof(err))) {
		ext_gaz_free(gaz);
		return cli_error("%s", err);
	}
	struct ui ui = {.tty = isatty(STDERR_FILENO), .verbose = a->verbose};
	struct ingest_opts o = {
		.max_size = a->max_size,
		.jobs = a->jobs,
		.follow_links = a->follow_links,
		/* root reads every file: the index must not show others what
		 * they could not read (docs/security.md). */
		.public_only = geteuid() == 0 && !a->include_private,
		.reject = on_reject,
		.skip = on_skip,
		.not_article = on_not_article,
		.exclude = a->exclude,
		.nexclude = a->nexclude,
		.progress = ui.tty ? on_progress : NULL,
		.ctx = &ui,
	};
	struct ingest_stats st;
	int rc = ingest_run(ix, gaz, (const char *const *)paths, (size_t)n,
			    &o, &st, err, sizeof(err));
	if (ui.drawn)
		cli_progress_clear();
	idx_close(ix);
	ext_gaz_free(gaz);
	if (rc)
		return cli_error("%s: %s", db, err);
	if (!a->quiet)
		print_summary(&st);
	return st.rejected ? CLI_REJECTED : CLI_OK;
}

int cmd_index(int argc, char **argv)
{
	struct index_args a = {
		.max_size = INGEST_DEFAULT_MAX_SIZE,
		.gazetteer = getenv("NEWSFS_GAZETTEER"),
	};
	if (a.gazetteer && !*a.gazetteer)
		a.gazetteer = NULL;
	int first, rc = cli_getopt(argc, argv, usage, options, on_opt, &a,
				   &first);
	if (!rc && first >= argc)
		rc = cli_usage_error("index", "no PATH to index");
	if (!rc)
		rc = run(&a, argv + first, argc - first);
	free(a.exclude);
	free(a.own[0]);
	free(a.own[1]);
	return rc < 0 ? CLI_OK : rc;
}
