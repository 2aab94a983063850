/* newsfs index: add or update files and folders in the index. */
#include "cli.h"
#include "extract.h"
#include "index.h"
#include "ingest.h"
#include "progress.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
	"usage: newsfs index [--db FILE] [--exclude GLOB]... [--max-size SIZE] [-j N]\n"
	"                    [-q] [-v] [--watch] [--no-wait] [--follow-links]\n"
	"                    [--include-private] [--corrections FILE]\n"
	"                    [--field ROLE=NAME]... [--max-record SIZE]\n"
	"                    [--max-member SIZE] [--max-ratio N]\n"
	"                    [PATH...]\n"
	"\n"
	"Index news articles: each PATH is a file or a folder (read\n"
	"recursively; hidden entries are skipped). The index remembers the\n"
	"folders given; with no PATH it re-indexes those ('newsfs sources'\n"
	"lists them, 'newsfs forget PATH' drops one). Re-running is incremental:\n"
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
	"  -v, --verbose     also list the files that hold no article\n"
	"  --follow-links    also follow symbolic links that lead out of the\n"
	"                    folder given. Risky: anyone who can write in that\n"
	"                    folder can then make the index (and everyone who\n"
	"                    reads its mount) read any file you can read\n"
	"  --include-private when run as root, also index files other users\n"
	"                    cannot read; mount such an index only for root\n"
	"                    (no -o allow_other)\n"
	"  --watch           after the run, stay in the foreground and re-index\n"
	"                    what appears, changes or vanishes in the folders\n"
	"                    (inotify), a second or so after each file is\n"
	"                    closed, until Ctrl-C or SIGTERM (exit 0)\n"
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
	"Saved pages, JSON, JSON Lines, CSV/TSV dumps, WARCs, tar and zip\n"
	"archives, gzip/zstd/bzip2/xz files: each record is an article of its\n"
	"own, stored as its clean text (headline, blank line, body).\n"
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

/* "newsfs: PATH: <what>REASON" on its own line, below the bar. */
static void say(struct ui *ui, const char *path, const char *what,
		const char *reason)
{
	if (ui->drawn)
		cli_progress_clear();
	ui->drawn = false;
	fputs("newsfs: ", stderr);
	cli_put_path(stderr, path);
	fprintf(stderr, ": %s%s\n", what, reason);
}

static void on_reject(void *ctx, const char *path, const char *reason)
{
	say(ctx, path, "", reason);
}

static void on_skip(void *ctx, const char *path, const char *why)
{
	say(ctx, path, "skipped: ", why);
}

static void on_not_article(void *ctx, const char *path, const char *why)
{
	struct ui *ui = ctx;
	if (ui->verbose)
		say(ui, path, "not an article: ", why);
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
	bool verbose;
	bool follow_links;
	bool include_private;
	bool no_wait;
	bool watch;
	/* --exclude, then the config's, then the index's own files. */
	const char **exclude;
	size_t nexclude;
	char *own[2];
	const char *corrections;
	struct fmt_field fields[16];
	size_t nfields;
	size_t max_record, max_member;
	uint32_t max_ratio;
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
	OPT_WATCH, OPT_CORRECTIONS, OPT_FIELD, OPT_MAX_RECORD, OPT_MAX_MEMBER,
	OPT_MAX_RATIO,
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
	{"watch", OPT_WATCH, NULL},
	{"corrections", OPT_CORRECTIONS, "FILE"},
	{"field", OPT_FIELD, "ROLE=NAME"},
	{"max-record", OPT_MAX_RECORD, "SIZE"},
	{"max-member", OPT_MAX_MEMBER, "SIZE"},
	{"max-ratio", OPT_MAX_RATIO, "N"},
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
	case OPT_WATCH: a->watch = true; break;
	case OPT_CORRECTIONS: a->corrections = arg; break;
	case 'j': {
		char *end;
		long n = strtol(arg, &end, 10);
		if (*end || end == arg || n < 1 || n > 64)
			return cli_usage_error("index",
				"bad --jobs '%s' (1 to 64)", arg);
		a->jobs = (int)n;
		break;
	}
	case OPT_FIELD: {
		const char *why;
		if (a->nfields == NFS_ARRAY_SIZE(a->fields))
			return cli_usage_error("index",
				"too many --field options (at most %zu)",
				NFS_ARRAY_SIZE(a->fields));
		if (fmt_field_parse(arg, &a->fields[a->nfields], &why))
			return cli_usage_error("index", "bad --field '%s': %s",
					       arg, why);
		a->nfields++;
		break;
	}
	case OPT_MAX_RECORD:
	case OPT_MAX_MEMBER: {
		size_t *v = key == OPT_MAX_RECORD ? &a->max_record
						  : &a->max_member;
		const char *name = key == OPT_MAX_RECORD ? "max-record"
							 : "max-member";
		if (cli_parse_size(arg, v) || !*v)
			return cli_usage_error("index", "bad --%s '%s'", name,
					       arg);
		if (key == OPT_MAX_RECORD && *v > (1u << 30))
			return cli_usage_error("index",
				"--max-record %s is above 1G", arg);
		break;
	}
	case OPT_MAX_RATIO: {
		char *end;
		long n = strtol(arg, &end, 10);
		if (*end || end == arg || n < 2 || n > 1000000)
			return cli_usage_error("index",
				"bad --max-ratio '%s' (2 to 1000000)", arg);
		a->max_ratio = (uint32_t)n;
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
static int load_fixes(const struct index_args *a, const struct ext_gaz *gaz,
		      struct ingest_fixes **fx, bool *bad)
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
	int rc = ingest_fixes_load(fx, path, gaz, on_bad_fix, bad);
	if (rc == -ENOENT && !a->corrections)
		return 0;
	return rc ? cli_error("%s: %s", path, strerror(-rc)) : 0;
}

/* What the runs of one command share: an index run, or --watch's. */
struct session {
	struct index_args *a;
	char db[PATH_MAX];
	struct ext_gaz *gaz;
	bool watching;
	int64_t runs;
};

static bool changed(const struct ingest_stats *st)
{
	return st->added || st->duplicates || st->refreshed || st->dropped ||
	       st->rejected || st->removed;
}

/* --watch's account of a run that changed something: one line, or on a
 * terminal one status line redrawn in place. */
static void watch_line(struct session *s, const struct ingest_stats *st)
{
	char when[16], line[256];
	time_t t = time(NULL);
	struct tm tm;
	strftime(when, sizeof(when), "%H:%M:%S", localtime_r(&t, &tm));
	snprintf(line, sizeof(line), "%s: %lld new articles, %lld duplicates, "
		 "%lld changed, %lld vanished, %lld rejected", when,
		 (long long)st->added, (long long)st->duplicates,
		 (long long)st->refreshed, (long long)st->dropped,
		 (long long)st->rejected);
	if (isatty(STDOUT_FILENO))
		cli_status_line(line);
	else
		printf("%s\n", line);
	fflush(stdout);
	s->runs++;
}

/* One index run over paths: an exit status, or -1 when the index
 * failed. */
static int index_paths(struct session *s, char *const *paths, size_t n,
		       bool remember)
{
	struct index_args *a = s->a;
	char err[1024];
	struct ingest_fixes *fixes = NULL;
	bool bad_fix = false;
	int frc = load_fixes(a, s->gaz, &fixes, &bad_fix);
	if (frc)
		return -1;
	struct idx *ix;
	if (idx_open_wait(&ix, s->db, IDX_RUN, on_busy, (void *)a, err,
			  sizeof(err))) {
		ingest_fixes_free(fixes);
		cli_error("%s", err);
		return -1;
	}
	struct ui ui = {.tty = isatty(STDERR_FILENO), .verbose = a->verbose};
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
		.not_article = on_not_article,
		.exclude = a->exclude,
		.nexclude = a->nexclude,
		.progress = ui.tty && !s->watching ? on_progress : NULL,
		.ctx = &ui,
		.fixes = fixes,
	};
	struct ingest_stats st;
	int rc = ingest_run(ix, s->gaz, (const char *const *)paths, n, &o,
			    &st, err, sizeof(err));
	if (ui.drawn)
		cli_progress_clear();
	if (!rc && remember && (rc = cli_roots_remember(ix, paths, n)) != 0)
		snprintf(err, sizeof(err), "cannot remember the folders: %s",
			 idx_errmsg(ix));
	idx_close(ix);
	ingest_fixes_free(fixes);
	if (rc) {
		cli_error("%s: %s", s->db, err);
		return -1;
	}
	if (!a->quiet && !s->watching)
		print_summary(&st);
	else if (!a->quiet && changed(&st))
		watch_line(s, &st);
	return st.rejected || bad_fix ? CLI_REJECTED : CLI_OK;
}

/* A --watch batch: the folders where something changed, less the files
 * still being written. */
static int on_batch(void *ctx, char **dirs, size_t ndirs, char **inflight,
		    size_t ninflight)
{
	struct session *s = ctx;
	struct index_args *a = s->a;
	size_t base = a->nexclude;
	char **own = calloc(ninflight + 1, sizeof(*own));
	int rc = own ? 0 : -1;
	for (size_t i = 0; !rc && i < ninflight; i++)
		if (!(own[i] = cli_glob_escape(inflight[i], "")) ||
		    add_exclude(a, own[i]))
			rc = -1;
	if (rc)
		cli_error("out of memory");
	else
		rc = index_paths(s, dirs, ndirs, false) < 0 ? -1 : 0;
	a->nexclude = base;
	for (size_t i = 0; own && i < ninflight; i++)
		free(own[i]);
	free(own);
	return rc;
}

/* No PATH: the folders the index remembers, those still there. */
static int remembered(struct session *s, char ***paths, size_t *n,
		      bool *gone)
{
	int rc = cli_roots_load(s->db, paths, n);
	if (rc)
		return rc;
	if (!*n)
		return cli_usage_error("index", "no PATH given, and %s "
				       "remembers no folders: give the "
				       "folders to index once", s->db);
	size_t k = 0;
	for (size_t i = 0; i < *n; i++) {
		struct stat st;
		if (stat((*paths)[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			(*paths)[k++] = (*paths)[i];
			continue;
		}
		cli_error("%s: a remembered folder is gone (%s); left as it "
			  "was indexed ('newsfs forget %s' drops it)",
			  (*paths)[i], strerror(errno ? errno : ENOTDIR),
			  (*paths)[i]);
		free((*paths)[i]);
		*gone = true;
	}
	*n = k;
	return k ? 0 : CLI_FAILED;
}

/* --watch: the folders among paths, followed until a signal. */
static int watch(struct session *s, char *const *paths, size_t n)
{
	char **dirs = calloc(n + 1, sizeof(*dirs));
	size_t k = 0;
	if (!dirs)
		return cli_error("out of memory");
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		char *real = realpath(paths[i], NULL);
		if (real && stat(real, &st) == 0 && S_ISDIR(st.st_mode))
			dirs[k++] = real;
		else
			free(real);
	}
	int rc;
	if (!k) {
		rc = cli_usage_error("index", "--watch follows folders, and "
				     "no PATH is one");
	} else {
		if (!s->a->quiet)
			fprintf(stderr, "newsfs: watching %zu folder%s for "
				"changes (Ctrl-C or SIGTERM stops)\n", k,
				k == 1 ? "" : "s");
		s->watching = true;
		rc = cli_watch(dirs, k, on_batch, s);
		if (s->runs && isatty(STDOUT_FILENO))
			putchar('\n');
	}
	cli_roots_free(dirs, k);
	return rc;
}

static int run(struct index_args *a, char **argv_paths, int argc_paths)
{
	char err[1024];
	const struct cli_config *cfg;
	int rc = cli_config(&cfg);
	if (rc)
		return rc;
	/* Inputs first: a refused run creates nothing. */
	struct session s = {.a = a};
	const char *db = cli_db_path(a->db, cfg, false);
	if (!db)
		return CLI_FAILED;
	snprintf(s.db, sizeof(s.db), "%s", db);
	char **paths = argv_paths, **roots = NULL;
	size_t n = (size_t)argc_paths, nroots = 0;
	bool gone = false;
	if (!n) {
		if ((rc = remembered(&s, &roots, &nroots, &gone)) != 0)
			return rc;
		paths = roots;
		n = nroots;
	}
	if (!rc)
		rc = cli_check_inputs(paths, (int)n, s.db);
	if (!rc)
		rc = add_excludes(a, cfg, s.db);
	if (!a->corrections)
		a->corrections = cfg->corrections;
	if (!rc && !cli_db_path(a->db, cfg, true))
		rc = CLI_FAILED;
	if (!rc && ext_gaz_load(&s.gaz, a->gazetteer, err, sizeof(err)))
		rc = cli_error("%s", err);
	if (!rc) {
		rc = index_paths(&s, paths, n, argc_paths > 0);
		if (rc < 0)
			rc = CLI_FAILED;
		else if (a->watch)
			rc = watch(&s, paths, n);
		else if (gone)
			rc = CLI_FAILED;
		ext_gaz_free(s.gaz);
	}
	cli_roots_free(roots, nroots);
	return rc;
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
	if (!rc)
		rc = run(&a, argv + first, argc - first);
	free(a.exclude);
	free(a.own[0]);
	free(a.own[1]);
	return rc < 0 ? CLI_OK : rc;
}
