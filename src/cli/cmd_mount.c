/* newsfs mount / newsfs umount. */
#include "cli.h"
#include "fs.h"

#include "util.h"

#include <stdbool.h>
#include <stdio.h>

static const char mount_usage[] =
	"usage: newsfs mount [--db FILE] [--log FILE] [-f] [-d] [--no-prefetch]\n"
	"                    [-o OPT[,OPT...]] MOUNTPOINT\n"
	"\n"
	"Mount the index read-only at MOUNTPOINT. Returns once the mount\n"
	"answers; the daemon runs until 'newsfs umount MOUNTPOINT' (or\n"
	"fusermount3 -u MOUNTPOINT).\n"
	"\n"
	"  --db FILE   the index (default: $NEWSFS_DB or\n"
	"              ~/.local/share/newsfs/index.db)\n"
	"  --log FILE  append the daemon's messages to FILE (default: 'log ='\n"
	"              in the config file, else\n"
	"              ${XDG_STATE_HOME:-~/.local/state}/newsfs/newsfs.log);\n"
	"              they also go to syslog (or stderr with -f)\n"
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

/* Mount with o (its db unset) on the index named by db or the
 * configuration: an exit status. */
static int mount_run(struct fs_opts *o, const char *db, const char *log)
{
	const struct cli_config *cfg;
	int rc = cli_config(&cfg);
	if (rc)
		return rc;
	char err[1024];
	if (fs_mount_opts_check(o->fuse_opts, err, sizeof(err)))
		return cli_usage_error("mount", "%s", err);
	if (!(o->db = cli_db_path(db, cfg, false)))
		return CLI_FAILED;
	char logbuf[4096];
	if (!(o->log = cli_log_path(log, cfg, logbuf, sizeof(logbuf))) &&
	    (log || cfg->log))
		return CLI_FAILED;
	rc = fs_mount(o, err, sizeof(err));
	if (rc)
		cli_error("%s", err);
	return rc == CLI_USAGE ? CLI_USAGE : rc ? CLI_FAILED : CLI_OK;
}

static const char umount_usage[] =
	"usage: newsfs umount [-z|--lazy] MOUNTPOINT\n"
	"\n"
	"Unmount the newsfs tree at MOUNTPOINT; anything else mounted there\n"
	"is refused. When the tree is busy, says which processes hold it.\n"
	"\n"
	"  -z, --lazy  detach it now; it goes once the last file or folder\n"
	"              open in it is closed\n";

struct mount_args {
	struct fs_opts o;
	const char *db;
	const char *log;
	struct sbuf fuse_opts;	/* every -o, joined with commas */
	bool lazy;
};

/* To add an option: a key (a letter, or a name here), a line in the
 * command's table, a case in on_opt(), a line in the usage. */
enum { OPT_DB = CLI_KEY_DB, OPT_NO_PREFETCH = CLI_KEY_LONG, OPT_LOG };

static int on_opt(void *ctx, int key, const char *arg)
{
	struct mount_args *a = ctx;
	switch (key) {
	case OPT_DB: a->db = arg; break;
	case OPT_LOG: a->log = arg; break;
	case 'f': a->o.foreground = true; break;
	case 'd': a->o.debug = a->o.foreground = true; break;
	case OPT_NO_PREFETCH: a->o.no_prefetch = true; break;
	case 'z': a->lazy = true; break;
	case 'o':
		/* -o a -o b is -o a,b, as in mount(8) and sshfs. */
		if ((a->fuse_opts.len && sbuf_addch(&a->fuse_opts, ',')) ||
		    sbuf_addstr(&a->fuse_opts, arg))
			return cli_error("out of memory");
		break;
	}
	return 0;
}

int cmd_mount(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		CLI_OPT_DB,
		{"foreground", 'f', NULL},
		{"debug", 'd', NULL},
		{"no-prefetch", OPT_NO_PREFETCH, NULL},
		{"options", 'o', "OPT[,OPT...]"},
		{"log", OPT_LOG, "FILE"},
		{0},
	};
	struct mount_args a = {0};
	int first, rc = cli_getopt(argc, argv, mount_usage, opts, on_opt, &a,
				   &first);
	if (!rc && first != argc - 1)
		rc = cli_usage_error("mount", first >= argc ?
				     "no MOUNTPOINT given" :
				     "one MOUNTPOINT, please (got '%s' and "
				     "'%s')", argv[first], argv[first + 1]);
	if (rc) {
		sbuf_release(&a.fuse_opts);
		return rc < 0 ? CLI_OK : rc;
	}
	a.o.mountpoint = argv[first];
	a.o.fuse_opts = a.fuse_opts.len ? a.fuse_opts.buf : NULL;
	rc = mount_run(&a.o, a.db, a.log);
	sbuf_release(&a.fuse_opts);
	return rc;
}

int cmd_umount(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{"lazy", 'z', NULL},
		{0},
	};
	struct mount_args a = {0};
	int first, rc = cli_getopt(argc, argv, umount_usage, opts, on_opt, &a,
				   &first);
	if (!rc && first != argc - 1)
		rc = cli_usage_error("umount", "give one MOUNTPOINT");
	if (rc)
		return rc < 0 ? CLI_OK : rc;
	char err[2048];
	if (fs_umount(argv[first], a.lazy, err, sizeof(err)) != 0)
		return cli_error("%s", err);
	return CLI_OK;
}
