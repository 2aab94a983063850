/* newsfs index: add or update files and folders in the index. */
#include "cli.h"
#include "extract.h"
#include "index.h"
#include "ingest.h"
#include "progress.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"usage: newsfs index [--db FILE] [--max-size SIZE] [-j N] [-q] [--no-wait]\n"
	"                    [--follow-links] [--include-private]\n"
	"                    [--corrections FILE] PATH...\n"
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
	"  --max-size SIZE   reject larger files (default 16M; k, M, G)\n"
	"  --gazetteer DIR   read the gazetteer from DIR instead of the\n"
	"                    built-in copy (or set NEWSFS_GAZETTEER)\n"
	"  -j, --jobs N      extraction threads (default: one per CPU but\n"
	"                    one, which the writer takes; at least one)\n"
	"  -q, --quiet       no summary line\n"
	"  --follow-links    also follow symbolic links that lead out of the\n"
	"                    folder given. Risky: anyone who can write in that\n"
	"                    folder can then make the index (and everyone who\n"
	"                    reads its mount) read any file you can read\n"
	"  --include-private when run as root, also index files other users\n"
	"                    cannot read; mount such an index only for root\n"
	"                    (no -o allow_other)\n"
	"  --no-wait         when another 'newsfs index' is writing this index,\n"
	"                    give up at once (exit 1) instead of waiting for it\n"
	"  --corrections FILE  the user's corrections (merge, ignore, official,\n"
	"                    date; see newsfs(1)), instead of\n"
	"                    $XDG_CONFIG_HOME/newsfs/corrections if it exists\n"
	"\n"
	"Never indexed, whatever the options: /proc, /sys, /dev, other kernel\n"
	"file systems, and newsfs mounts. By default a symbolic link is only\n"
	"followed while it stays inside the folder given, and a run by root\n"
	"takes only what every user could read (the file readable by others,\n"
	"its folders from the one given down open to others). Each input left\n"
	"out that way is reported as 'newsfs: PATH: skipped: reason'.\n"
	"\n"
	"Rejected inputs are reported as 'newsfs: PATH: reason' and the run\n"
	"goes on. Exit status: 0 all indexed (or skipped), 1 some inputs\n"
	"rejected or the index failed, 2 usage error.\n";

struct ui {
	bool tty;
	bool drawn;
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
	if (s->skipped)
		printf("%lld skipped, ", (long long)s->skipped);
	printf("%lld vanished, ", (long long)s->dropped);
	if (s->corrected)
		printf("%lld concerned by changed corrections, ",
		       (long long)s->corrected);
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
	bool follow_links;
	bool include_private;
	bool no_wait;
	const char *corrections;
};

static int parse(int argc, char **argv, struct index_args *a)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'd'},
		{"max-size", required_argument, NULL, 'm'},
		{"gazetteer", required_argument, NULL, 'g'},
		{"quiet", no_argument, NULL, 'q'},
		{"jobs", required_argument, NULL, 'j'},
		{"follow-links", no_argument, NULL, 'L'},
		{"include-private", no_argument, NULL, 'P'},
		{"no-wait", no_argument, NULL, 'W'},
		{"corrections", required_argument, NULL, 'C'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+qhj:", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': a->db = optarg; break;
		case 'g': a->gazetteer = optarg; break;
		case 'q': a->quiet = true; break;
		case 'L': a->follow_links = true; break;
		case 'P': a->include_private = true; break;
		case 'W': a->no_wait = true; break;
		case 'C': a->corrections = optarg; break;
		case 'j': {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*end || end == optarg || n < 1 || n > 64)
				return cli_usage_error("index",
					"bad --jobs '%s' (1 to 64)", optarg);
			a->jobs = (int)n;
			break;
		}
		case 'h': fputs(usage, stdout); return -1;
		case 'm':
			if (cli_parse_size(optarg, &a->max_size) || !a->max_size)
				return cli_usage_error("index",
					"bad --max-size '%s'", optarg);
			if (a->max_size > INGEST_MAX_SIZE_LIMIT)
				return cli_usage_error("index",
					"--max-size %s is above the largest "
					"article SQLite stores (1000000000)",
					optarg);
			break;
		default:
			return cli_usage_error("index", "unknown option '%s'",
					       argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error("index", "no PATH to index");
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

static void on_bad_fix(void *ctx, const char *file, unsigned line,
		       const char *reason)
{
	*(bool *)ctx = true;
	fputs("newsfs: ", stderr);
	cli_put_path(stderr, file);
	fprintf(stderr, ":%u: %s; the other corrections apply\n", line, reason);
}

/* The corrections file: --corrections FILE, which must exist, or
 * $XDG_CONFIG_HOME/newsfs/corrections, which may not. */
static int load_fixes(const struct index_args *a, struct ingest_fixes **fx,
		      bool *bad)
{
	char def[4096];
	const char *path = a->corrections;
	if (!path) {
		const char *xdg = getenv("XDG_CONFIG_HOME");
		const char *home = getenv("HOME");
		if (xdg && *xdg == '/')
			snprintf(def, sizeof(def), "%s/newsfs/corrections", xdg);
		else if (home && *home)
			snprintf(def, sizeof(def),
				 "%s/.config/newsfs/corrections", home);
		else
			return 0;
		path = def;
	}
	int rc = ingest_fixes_load(fx, path, on_bad_fix, bad);
	if (rc == -ENOENT && !a->corrections)
		return 0;
	return rc ? cli_error("%s: %s", path, strerror(-rc)) : 0;
}

static int run(const struct index_args *a, char **paths, int n)
{
	char err[1024];
	const char *db = cli_db_path(a->db, true);
	if (!db)
		return CLI_FAILED;
	struct ingest_fixes *fixes = NULL;
	bool bad_fix = false;
	int frc = load_fixes(a, &fixes, &bad_fix);
	if (frc)
		return frc;
	struct ext_gaz *gaz;
	if (ext_gaz_load(&gaz, a->gazetteer, err, sizeof(err))) {
		ingest_fixes_free(fixes);
		return cli_error("%s", err);
	}
	struct idx *ix;
	if (idx_open_wait(&ix, db, IDX_RUN, on_busy, (void *)a, err,
			  sizeof(err))) {
		ext_gaz_free(gaz);
		ingest_fixes_free(fixes);
		return cli_error("%s", err);
	}
	struct ui ui = {.tty = isatty(STDERR_FILENO)};
	struct ingest_opts o = {
		.max_size = a->max_size,
		.jobs = a->jobs,
		.follow_links = a->follow_links,
		/* root reads every file: the index must not show others what
		 * they could not read (docs/security.md). */
		.public_only = geteuid() == 0 && !a->include_private,
		.reject = on_reject,
		.skip = on_skip,
		.progress = ui.tty ? on_progress : NULL,
		.ctx = &ui,
		.fixes = fixes,
	};
	struct ingest_stats st;
	int rc = ingest_run(ix, gaz, (const char *const *)paths, (size_t)n,
			    &o, &st, err, sizeof(err));
	if (ui.drawn)
		cli_progress_clear();
	idx_close(ix);
	ext_gaz_free(gaz);
	ingest_fixes_free(fixes);
	if (rc)
		return cli_error("%s: %s", db, err);
	if (!a->quiet)
		print_summary(&st);
	return st.rejected || bad_fix ? CLI_REJECTED : CLI_OK;
}

int cmd_index(int argc, char **argv)
{
	struct index_args a = {
		.max_size = INGEST_DEFAULT_MAX_SIZE,
		.gazetteer = getenv("NEWSFS_GAZETTEER"),
	};
	if (a.gazetteer && !*a.gazetteer)
		a.gazetteer = NULL;
	int rc = parse(argc, argv, &a);
	if (rc)
		return rc < 0 ? CLI_OK : rc;
	return run(&a, argv + optind, argc - optind);
}
