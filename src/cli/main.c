/* newsfs: the entry point; dispatches to the subcommands (cli.h). */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
	"usage: newsfs [--version] [--help] <command> [<args>]\n"
	"\n"
	"Index news articles into SQLite and mount them as folders of views.\n"
	"\n"
	"commands:\n"
	"  index [--db FILE] [PATH...]    add or update files and folders (none:\n"
	"                                 the folders it remembers; --watch follows them)\n"
	"  mount [--db FILE] [-f] [-o OPT] MOUNTPOINT\n"
	"                                 mount the views read-only\n"
	"  umount MOUNTPOINT              unmount (same as fusermount3 -u)\n"
	"  export [--db FILE]             what was extracted, as TSV\n"
	"  export --why [--db FILE] PATH...\n"
	"                                 the text behind an article's facets\n"
	"  stats [--db FILE]              counts and sizes\n"
	"  check [--db FILE]              verify the database and every article\n"
	"  sources [--db FILE]            the folders the index remembers\n"
	"  forget [--db FILE] PATH...     stop re-indexing a folder, drop its articles\n"
	"  INDEX MOUNTPOINT [-o OPTS]     mount, as mount -t fuse.newsfs does\n"
	"\n"
	"The index is --db FILE, else $NEWSFS_DB, else\n"
	"${XDG_DATA_HOME:-~/.local/share}/newsfs/index.db.\n"
	"'newsfs <command> --help' describes one command; 'man newsfs' all.\n";

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} commands[] = {
	{"index", cmd_index},
	{"mount", cmd_mount},
	{"umount", cmd_umount},
	{"export", cmd_export},
	{"stats", cmd_stats},
	{"check", cmd_check},
	{"sources", cmd_sources},
	{"forget", cmd_forget},
};

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage, stderr);
		return CLI_USAGE;
	}
	if (cli_is_help(argv[1]) || strcmp(argv[1], "help") == 0) {
		fputs(usage, stdout);
		return CLI_OK;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("newsfs %s\n", NEWSFS_VERSION);
		return CLI_OK;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	/* mount.fuse3 runs `newsfs INDEX MOUNTPOINT -o ...`: INDEX is a path,
	 * which no command's name is. */
	if (argc >= 3 && argv[1][0] != '-' && strchr(argv[1], '/'))
		return cmd_mount_helper(argc, argv);
	return cli_usage_error(NULL, "'%s' is not a newsfs command", argv[1]);
}
