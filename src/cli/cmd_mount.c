/* newsfs mount / newsfs umount. */
#include "cli.h"
#include "fs.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

static const char mount_usage[] =
	"usage: newsfs mount [--db FILE] [-f] [-d] [--no-prefetch] [-o OPT[,OPT...]] "
	"MOUNTPOINT\n"
	"\n"
	"Mount the index read-only at MOUNTPOINT. Returns once the mount\n"
	"answers; the daemon runs until 'newsfs umount MOUNTPOINT' (or\n"
	"fusermount3 -u MOUNTPOINT).\n"
	"\n"
	"  --db FILE   the index (default: $NEWSFS_DB or\n"
	"              ~/.local/share/newsfs/index.db)\n"
	"  -f          stay in the foreground; errors go to stderr\n"
	"  -d          also print every FUSE request (implies -f)\n"
	"  --no-prefetch  do not read ahead across the files of a folder\n"
	"  -o OPTS     mount options for libfuse, e.g. allow_other (every\n"
	"              user of the machine may then read the whole index;\n"
	"              newsfs always adds ro and default_permissions, and\n"
	"              refuses rw, fsname= and subtype=)\n"
	"\n"
	"MOUNTPOINT must be an existing folder that is not already a mount\n"
	"point. SIGTERM, SIGINT or SIGHUP to the daemon unmount it.\n"
	"\n"
	"The tree: articles/, by-country/<Country>/, by-date/YYYY/MM/DD/ and\n"
	"by-date/undated/, by-official/<Person>/. See newsfs(1).\n";

static const char umount_usage[] =
	"usage: newsfs umount [-z|--lazy] MOUNTPOINT\n"
	"\n"
	"Unmount the newsfs tree at MOUNTPOINT; anything else mounted there\n"
	"is refused. When the tree is busy, says which processes hold it.\n"
	"\n"
	"  -z, --lazy  detach it now; it goes once the last file or folder\n"
	"              open in it is closed\n";

int cmd_mount(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'D'},
		{"foreground", no_argument, NULL, 'f'},
		{"debug", no_argument, NULL, 'd'},
		{"no-prefetch", no_argument, NULL, 'P'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct fs_opts o = {0};
	const char *db = NULL;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+fdo:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'D': db = optarg; break;
		case 'f': o.foreground = true; break;
		case 'd': o.debug = o.foreground = true; break;
		case 'P': o.no_prefetch = true; break;
		case 'o': o.fuse_opts = optarg; break;
		case 'h': fputs(mount_usage, stdout); return CLI_OK;
		default:
			return cli_usage_error("mount", "unknown option '%s'",
					       argv[optind - 1]);
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("mount", optind >= argc ?
				       "no MOUNTPOINT given" :
				       "only one MOUNTPOINT, please");
	o.mountpoint = argv[optind];
	char err[1024];
	if (fs_mount_opts_check(o.fuse_opts, err, sizeof(err)))
		return cli_usage_error("mount", "%s", err);
	if (!(o.db = cli_db_path(db, false)))
		return CLI_FAILED;
	int rc = fs_mount(&o, err, sizeof(err));
	if (rc)
		cli_error("%s", err);
	return rc == CLI_USAGE ? CLI_USAGE : rc ? CLI_FAILED : CLI_OK;
}

int cmd_umount(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"lazy", no_argument, NULL, 'z'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	bool lazy = false;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+zh", longopts, NULL)) != -1) {
		switch (c) {
		case 'z': lazy = true; break;
		case 'h': fputs(umount_usage, stdout); return CLI_OK;
		default:
			return cli_usage_error("umount", "unknown option '%s'",
					       argv[optind - 1]);
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("umount", "give one MOUNTPOINT");
	char err[2048];
	if (fs_umount(argv[optind], lazy, err, sizeof(err)) != 0)
		return cli_error("%s", err);
	return CLI_OK;
}
