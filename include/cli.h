/*
 * The command line: one binary, git-style subcommands. Each cmd_* gets the
 * arguments after its own name (argv[0] is the subcommand) and returns the
 * process exit status: 0 ok, 1 a file that looks like an article failed or
 * the command failed, 2 a usage error (nothing was done).
 */
#ifndef NEWSFS_CLI_H
#define NEWSFS_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum { CLI_OK = 0, CLI_REJECTED = 1, CLI_FAILED = 1, CLI_USAGE = 2 };

int cmd_index(int argc, char **argv);
int cmd_mount(int argc, char **argv);
int cmd_umount(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_sources(int argc, char **argv);
int cmd_forget(int argc, char **argv);
/* `newsfs INDEX MOUNTPOINT [-o OPTS]`, as mount.fuse3(8) runs a file
 * system of type fuse.newsfs (fstab, mount -t fuse.newsfs); argv[0] is
 * the program's name. */
int cmd_mount_helper(int argc, char **argv);

/* "newsfs: <what>: <reason>" on stderr; returns CLI_FAILED. */
int cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Usage error: message plus "try 'newsfs CMD --help'"; returns CLI_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* True when s is "-h" or "--help". */
bool cli_is_help(const char *s);

/*
 * Options (opts.c). A command lists its options once; cli_getopt() reads
 * them with getopt_long(3) in GNU's permuting mode: options may come
 * before, between or after operands, "--" ends them, and long names may
 * be abbreviated while unambiguous. -h and --help print the usage.
 */
struct cli_opt {
	const char *name;	/* long name without "--"; NULL ends a table */
	int key;		/* the short option's letter, or CLI_KEY_* */
	const char *arg;	/* its argument in messages ("FILE"), or NULL
				 * for a flag */
};
/* Keys of long options without a letter. */
enum { CLI_KEY_DB = 256, CLI_KEY_LONG };
#define CLI_OPT_DB {"db", CLI_KEY_DB, "FILE"}

/* Called for each option with its key and argument (NULL for a flag);
 * returns 0, or CLI_USAGE after saying why. */
typedef int (*cli_opt_fn)(void *ctx, int key, const char *arg);
/* Parse argv (argv[0] is the command). Returns 0 with the operands in
 * argv[*first..argc) (getopt moves them there), -1 after printing usage
 * for --help (exit 0), or CLI_USAGE after saying why. */
int cli_getopt(int argc, char **argv, const char *usage,
	       const struct cli_opt *opts, cli_opt_fn fn, void *ctx,
	       int *first);
/* CLI_USAGE, said, when there are operands from argv[first] on. */
int cli_no_operands(const char *cmd, int argc, char **argv, int first);

/*
 * The configuration file (config.c): $NEWSFS_CONFIG, else
 * ${XDG_CONFIG_HOME:-~/.config}/newsfs/config; `key = value` lines.
 * Paths in it are absolute (~/ expanded). Options and the environment
 * win over it.
 */
struct cli_config {
	const char *file;	/* the file read, or NULL if there was none */
	char *index;		/* index = */
	char **exclude;		/* exclude = (repeatable) */
	size_t nexclude;
	char *log;		/* log = */
	char *corrections;	/* corrections = (checked; read later) */
};
/* Read it (once per process). 0 with *cfg set, or an exit status after
 * printing each bad line with its number (CLI_USAGE). */
int cli_config(const struct cli_config **cfg);

/* ${var:-~/dflt}/rest into buf (var is XDG_CONFIG_HOME and the like);
 * false when there is no home folder. */
bool cli_xdg_path(char *buf, size_t n, const char *var, const char *dflt,
		  const char *rest);

/* The index: --db if given, else $NEWSFS_DB, else the config's index,
 * else ${XDG_DATA_HOME:-~/.local/share}/newsfs/index.db, whose folders
 * are created when create_dirs is set. Returns a static buffer, or NULL
 * after printing why. */
const char *cli_db_path(const char *opt_db, const struct cli_config *cfg,
			bool create_dirs);

/* The daemon's log file: --log, else the config's log, else
 * ${XDG_STATE_HOME:-~/.local/state}/newsfs/newsfs.log (its folders
 * created); absolute, in buf. NULL after saying why. */
const char *cli_log_path(const char *opt_log, const struct cli_config *cfg,
			 char *buf, size_t n);

/* The index of the newsfs mount path lies in (or is the root of), from
 * its folder's user.newsfs.index, in buf; NULL when it is in none. */
const char *cli_mount_index(const char *path, char *buf, size_t n);

/* The absolute real path of path, or of its folder joined with its name
 * when it does not exist yet; false if not even its folder exists. */
bool cli_abs_path(const char *path, char *buf, size_t n);
/* Refuse, each with a message, the PATHs of `newsfs index` that do not
 * exist, are the index db (or its companion files), or lie inside a
 * newsfs mount: 0, or CLI_USAGE. */
int cli_check_inputs(char *const *paths, int n, const char *db);
/* s, then suffix, as an fnmatch(3) pattern that matches s itself
 * (malloc'd), or NULL. */
char *cli_glob_escape(const char *s, const char *suffix);
/* The --exclude patterns that keep db and its companion files out of a
 * walk, in out[0..2) (malloc'd): how many, or -ENOMEM. */
int cli_index_excludes(const char *db, char **out);

/* Open the index read-only for export, stats and check: opt_db, else the
 * index of the mount path lies in (when path is not NULL and nothing
 * names an index), else as cli_db_path(). 0 with *ix open (close it with
 * idx_close), or an exit status after saying why. */
struct idx;
int cli_open_index(const char *opt_db, const char *path, struct idx **ix);
/* The start of a command that takes --db FILE, one flag --FLAG (none
 * when flag is NULL; it sets *on) and no operands, and reads the index:
 * 0 with *ix open as cli_open_index() opens it, -1 after printing usage
 * for --help (exit 0), or an exit status after saying why. */
int cli_open_index_args(int argc, char **argv, const char *usage,
			const char *flag, bool *on, struct idx **ix);

/*
 * Remembered folders (sources.c). cli_roots_load: the folders the index
 * db remembers (none when db does not exist yet), malloc'd; 0 or an exit
 * status after saying why. cli_roots_remember: remember the folders
 * among paths (ix an IDX_WRITE handle, outside a transaction); 0 or
 * -errno.
 */
int cli_roots_load(const char *db, char ***roots, size_t *n);
void cli_roots_free(char **roots, size_t n);
int cli_roots_remember(struct idx *ix, char *const *paths, size_t n);

/*
 * Watch folders (watch.c): call fn with the folders below which files
 * appeared, changed or vanished, some 300 ms after the last change (at
 * most 1 s after the first), until SIGINT or SIGTERM. Files still being
 * written (created or modified, not yet closed) are passed as inflight,
 * to be left out until they are closed. cli_watch returns 0 when stopped
 * by a signal, else an exit status.
 */
/* fn returns 0, or -1 after saying why the watch must end. */
typedef int (*cli_batch_fn)(void *ctx, char **dirs, size_t ndirs,
			    char **inflight, size_t ninflight);
int cli_watch(char *const *roots, size_t nroots, cli_batch_fn fn,
	      void *ctx);

/* Write a path with tab, newline, CR and backslash as \t \n \r \\ and
 * other control characters as \xNN, so one record stays on one line. */
void cli_put_path(FILE *f, const char *path);

/* A JSON string (json.c): escaped, bytes that are not UTF-8 as "\\xNN". */
void cli_put_json(FILE *f, const char *s);
/* A JSON array of the strings joined by sep in joined ("" gives []). */
void cli_put_json_list(FILE *f, const char *joined, char sep);

/* "16M", "512k", "1G", "100000": bytes. -EINVAL when malformed. */
int cli_parse_size(const char *s, size_t *out);

#endif
