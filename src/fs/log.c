/*
 * Where the daemon's messages go. A daemon has no terminal, and many
 * machines have no syslog daemon either, so besides syslog (which the
 * journal takes where systemd runs) each message goes to a file the user
 * can find: --log FILE, by default ${XDG_STATE_HOME:-~/.local/state}/
 * newsfs/newsfs.log (chosen by the CLI). Lines are written with one
 * write(2) each on an O_APPEND descriptor, so that the daemons of several
 * mounts sharing one file do not interleave within a line.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

int fs_log_open(struct fs *fs, const char *path)
{
	fs->log_fd = -1;
	if (!path)
		return 0;
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC |
		      O_NOCTTY, 0600);
	if (fd < 0)
		return -errno;
	fs->log_fd = fd;
	return 0;
}

static void to_file(int fd, const char *msg)
{
	char line[2048], when[32];
	time_t t = time(NULL);
	struct tm tm;
	if (!gmtime_r(&t, &tm) ||
	    !strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(when, sizeof(when), "?");
	int n = snprintf(line, sizeof(line), "%s newsfs[%ld]: %s\n", when,
			 (long)getpid(), msg);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line)) {
		n = sizeof(line) - 1;
		line[n - 1] = '\n';
	}
	ssize_t w;
	do
		w = write(fd, line, (size_t)n);
	while (w < 0 && errno == EINTR);
}

void fs_log(const struct fs *fs, const char *fmt, ...)
{
	char msg[1536];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (fs->foreground)
		fprintf(stderr, "newsfs: %s\n", msg);
	else
		syslog(LOG_ERR, "%s", msg);
	if (fs->log_fd >= 0)
		to_file(fs->log_fd, msg);
}

void fs_log_damaged(struct fs *fs)
{
	if (atomic_exchange(&fs->said_damaged, true))
		return;
	fs_log(fs, "%s: reading the index failed (the answer was EIO); the "
	       "file may be damaged or its disk failing. 'newsfs check --db "
	       "%s' tells; 'newsfs index --db NEW.db' of the same folders "
	       "builds a new one", fs->db ? fs->db : "index",
	       fs->db ? fs->db : "FILE");
}
