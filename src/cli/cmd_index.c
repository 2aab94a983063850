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
	"                    [--field ROLE=NAME]... [--max-record SIZE]\n"
	"                    [--max-member SIZE] [--max-ratio N] PATH...\n"
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
	"  --max-size SIZE   reject larger text files and pages (default 16M;\n"
	"                    k, M, G); dumps, WARCs and archives of any size\n"
	"                    are read record by record\n"
	"  --field ROLE=NAME read a dump's ROLE from field NAME (JSON: a.b\n"
	"                    descends into objects; NAME empty: never); ROLE\n"
	"                    is body, title, date, site, url, byline, lang or\n"
	"                    html. Repeat for more roles\n"
	"  --max-record SIZE hold at most SIZE for one page, line, row or\n"
	"                    WARC record (default 64M); larger ones are\n"
	"                    rejected\n"
	"  --max-member SIZE refuse an archive member or compressed file that\n"
	"                    expands past SIZE (default 4G)\n"
	"  --max-ratio N     refuse a compressed file that expands more than N\n"
	"                    times (default 100; zip bombs)\n"
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
	"\n"
	"Never indexed, whatever the options: /proc, /sys, /dev, other kernel\n"
	"file systems, and newsfs mounts. By default a symbolic link is only\n"
	"followed while it stays inside the folder given, and a run by root\n"
	"takes only what every user could read (the file readable by others,\n"
	"its folders from the one given down open to others). Each input left\n"
	"out that way is reported as 'newsfs: PATH: skipped: reason'.\n"
	"\n"
	"Saved pages, JSON, JSON Lines, CSV/TSV dumps, WARCs, tar and zip\n"
	"archives, gzip/zstd/bzip2/xz files: each record is an article of its\n"
	"own, stored as its clean text (headline, blank line, body).\n"
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
	struct fmt_field fields[16];
	size_t nfields;
	size_t max_record, max_member;
	uint32_t max_ratio;
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
		{"field", required_argument, NULL, 'F'},
		{"max-record", required_argument, NULL, 'R'},
		{"max-member", required_argument, NULL, 'M'},
		{"max-ratio", required_argument, NULL, 'X'},
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
		case 'j': {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*end || end == optarg || n < 1 || n > 64)
				return cli_usage_error("index",
					"bad --jobs '%s' (1 to 64)", optarg);
			a->jobs = (int)n;
			break;
		}
		case 'F': {
			const char *why;
			if (a->nfields == NFS_ARRAY_SIZE(a->fields))
				return cli_usage_error("index",
					"too many --field options (at most %zu)",
					NFS_ARRAY_SIZE(a->fields));
			if (fmt_field_parse(optarg, &a->fields[a->nfields],
					    &why))
				return cli_usage_error("index",
					"bad --field '%s': %s", optarg, why);
			a->nfields++;
			break;
		}
		case 'R':
		case 'M':
			if (cli_parse_size(optarg, c == 'R' ? &a->max_record
							    : &a->max_member) ||
			    !(c == 'R' ? a->max_record : a->max_member))
				return cli_usage_error("index", "bad --%s '%s'",
					c == 'R' ? "max-record" : "max-member",
					optarg);
			if (c == 'R' && a->max_record > (1u << 30))
				return cli_usage_error("index",
					"--max-record %s is above 1G", optarg);
			break;
		case 'X': {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*end || end == optarg || n < 2 || n > 1000000)
				return cli_usage_error("index",
					"bad --max-ratio '%s' (2 to 1000000)",
					optarg);
			a->max_ratio = (uint32_t)n;
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

static int run(const struct index_args *a, char **paths, int n)
{
	char err[1024];
	const char *db = cli_db_path(a->db, true);
	if (!db)
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
	struct ui ui = {.tty = isatty(STDERR_FILENO)};
	struct ingest_opts o = {
		.max_size = a->max_size,
		.jobs = a->jobs,
		.follow_links = a->follow_links,
		/* root reads every file: the index must not show others what
		 * they could not read (docs/security.md). */
		.public_only = geteuid() == 0 && !a->include_private,
		.formats = {
			.fields = a->fields,
			.nfields = a->nfields,
			.max_record = a->max_record,
			.max_member = a->max_member,
			.max_ratio = a->max_ratio,
		},
		.reject = on_reject,
		.skip = on_skip,
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
	int rc = parse(argc, argv, &a);
	if (rc)
		return rc < 0 ? CLI_OK : rc;
	return run(&a, argv + optind, argc - optind);
}
