/*
 * newsfs as a mount helper: mount(8) runs /sbin/mount.fuse3 for a file
 * system of type fuse.newsfs, which runs `newsfs SOURCE MOUNTPOINT -o
 * OPTS` (fstab: `/path/index.db /mnt fuse.newsfs noauto,user,ro 0 0`).
 * SOURCE is the index. The options are mount(8)'s: those that only mean
 * something to mount(8) or are newsfs's anyway (rw and ro: the tree is
 * read-only whatever is asked; subtype=newsfs) are dropped, log=FILE
 * is --log FILE, no_prefetch is --no-prefetch, and the rest go to libfuse
 * as `newsfs mount -o` would pass them.
 */
#include "cli.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const dropped[] = {
	"rw", "ro", "defaults", "auto", "noauto", "user", "nouser", "users",
	"owner", "group", "_netdev", "nofail", "subtype=newsfs", "x-systemd",
	NULL,
};

static bool is_dropped(const char *o)
{
	for (size_t i = 0; dropped[i]; i++)
		if (strcmp(o, dropped[i]) == 0)
			return true;
	/* comment=..., x-systemd.*, x-gvfs-*: notes for other programs */
	return strncmp(o, "x-", 2) == 0 || strncmp(o, "comment=", 8) == 0;
}

/* Sort one -o list into libfuse's options, --log and --no-prefetch. */
static int take_opts(char *list, struct sbuf *fuse, const char **log,
		     bool *no_prefetch)
{
	for (char *save, *o = strtok_r(list, ",", &save); o;
	     o = strtok_r(NULL, ",", &save)) {
		if (is_dropped(o))
			continue;
		if (strncmp(o, "log=", 4) == 0) {
			*log = o + 4;
		} else if (strcmp(o, "no_prefetch") == 0) {
			*no_prefetch = true;
		} else if ((fuse->len && sbuf_addch(fuse, ',')) ||
			   sbuf_addstr(fuse, o)) {
			return cli_error("out of memory");
		}
	}
	return 0;
}

int cmd_mount_helper(int argc, char **argv)
{
	const char *log = NULL;
	bool no_prefetch = false;
	struct sbuf fuse = {0};
	char **lists = calloc((size_t)argc, sizeof(*lists));
	int rc = lists ? 0 : cli_error("out of memory"), nlists = 0;
	/* SOURCE MOUNTPOINT, then -o OPTS; mount(8)'s -n, -s, -v and -f
	 * flags mean nothing here. */
	for (int i = 3; !rc && i < argc; i++) {
		if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			rc = !(lists[nlists++] = strdup(argv[++i]));
		else if (strncmp(argv[i], "-o", 2) == 0 && argv[i][2])
			rc = !(lists[nlists++] = strdup(argv[i] + 2));
		else if (strcmp(argv[i], "-n") && strcmp(argv[i], "-s") &&
			 strcmp(argv[i], "-v") && strcmp(argv[i], "-f"))
			rc = cli_usage_error(NULL, "mount helper: unexpected "
					     "argument '%s' (usage: newsfs "
					     "INDEX MOUNTPOINT [-o OPTS])",
					     argv[i]);
	}
	for (int i = 0; !rc && i < nlists; i++)
		rc = take_opts(lists[i], &fuse, &log, &no_prefetch);
	if (!rc) {
		char *args[12];
		int n = 0;
		args[n++] = (char *)"mount";
		args[n++] = (char *)"--db";
		args[n++] = argv[1];
		if (fuse.len) {
			args[n++] = (char *)"-o";
			args[n++] = fuse.buf;
		}
		if (log) {
			args[n++] = (char *)"--log";
			args[n++] = (char *)log;
		}
		if (no_prefetch)
			args[n++] = (char *)"--no-prefetch";
		args[n++] = (char *)"--";
		args[n++] = argv[2];
		args[n] = NULL;
		rc = cmd_mount(n, args);
	}
	for (int i = 0; i < nlists; i++)
		free(lists[i]);
	free(lists);
	sbuf_release(&fuse);
	return rc;
}
