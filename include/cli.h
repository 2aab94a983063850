/*
 * The command line: one binary, git-style subcommands. Each cmd_* gets the
 * arguments after its own name (argv[0] is the subcommand) and returns the
 * process exit status: 0 ok, 1 some inputs rejected or a runtime failure,
 * 2 a usage error.
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

/* "newsfs: <what>: <reason>" on stderr; returns CLI_FAILED. */
int cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Usage error: message plus "try 'newsfs CMD --help'"; returns CLI_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The database path: --db if given, else $NEWSFS_DB, else
 * ${XDG_DATA_HOME:-~/.local/share}/newsfs/index.db, whose folders are
 * created when create_dirs is set. Returns a static buffer, or NULL after
 * printing why. */
const char *cli_db_path(const char *opt_db, bool create_dirs);

/* Write a path with tab, newline, CR and backslash as \t \n \r \\ and
 * other control characters as \xNN, so one record stays on one line. */
void cli_put_path(FILE *f, const char *path);

/* "16M", "512k", "1G", "100000": bytes. -EINVAL when malformed. */
int cli_parse_size(const char *s, size_t *out);

/* A boolean long option of a command (e.g. "why" for --why). */
struct cli_flag {
	const char *name;
	bool *value;
};

/* Parse "[--db FILE] [--FLAG...]" for argv[0]'s command. Returns 0, -1
 * after printing usage for --help (exit 0), or CLI_USAGE. flags ends with
 * a NULL name and may be NULL. */
int cli_parse_db_only(int argc, char **argv, const char *usage,
		      const char **db, const struct cli_flag *flags);
/* The same, but arguments may follow the options: OUT *first, the index
 * of the first one (argc if none). */
int cli_parse_db_args(int argc, char **argv, const char *usage,
		      const char **db, const struct cli_flag *flags,
		      int *first);

/* The start of a command that reads the index: parse as above, then open
 * the index read-only. Returns 0 with *ix open (close it with idx_close),
 * -1 after --help, or an exit status after printing why. */
struct idx;
int cli_db_command(int argc, char **argv, const char *usage,
		   const struct cli_flag *flags, struct idx **ix);
/* The same, with arguments after the options from argv[*first] on. */
int cli_db_command_args(int argc, char **argv, const char *usage,
			const struct cli_flag *flags, struct idx **ix,
			int *first);

/* True when s is "-h" or "--help". */
bool cli_is_help(const char *s);

#endif
