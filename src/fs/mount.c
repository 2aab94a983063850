/*
 * Mounting and serving.
 *
 * The parent checks that the index opens, then forks. The child creates
 * the session, mounts, opens its first connection and writes one byte to
 * a pipe when it can serve ('s'), or a message when it cannot; only then
 * does it leave the terminal. The parent waits for that verdict, makes one
 * real request (stat of the mountpoint) so that it only returns once the
 * mount answers, and exits without having touched libfuse. SQLite
 * connections are only ever opened in the process that uses them.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <unistd.h>

/* ro: the kernel refuses writes itself. fsname (the index, added in
 * make_session) is what df and findmnt show as the source; subtype makes
 * the type fuse.newsfs, by which `newsfs umount` knows its own mounts. */
#define BASE_OPTS "ro,default_permissions,subtype=newsfs"

static int check_index(struct fs *fs, const char *db, char *err, size_t n)
{
	struct idx *ix;
	int rc = idx_open(&ix, db, IDX_READ, err, n);
	if (rc)
		return rc;
	idx_generation(ix, &fs->gen);
	atomic_store(&fs->indexed_at, fs->gen.indexed_at);
	idx_close(ix);
	return 0;
}

/* An -o value: libfuse splits options at commas and takes a backslash
 * as an escape. */
static int add_escaped(struct sbuf *sb, const char *s)
{
	int rc = 0;
	for (; *s && !rc; s++)
		rc = (*s == ',' || *s == '\\' ? sbuf_addch(sb, '\\') : 0) ||
		     sbuf_addch(sb, *s);
	return rc ? -ENOMEM : 0;
}

static struct fuse_session *make_session(struct fs *fs,
					 const struct fs_opts *o,
					 char *err, size_t n)
{
	struct sbuf opts = {0};
	struct fuse_args args = FUSE_ARGS_INIT(0, NULL);
	struct fuse_session *se = NULL;
	if (sbuf_addstr(&opts, BASE_OPTS ",fsname=") ||
	    add_escaped(&opts, o->db) ||
	    (o->fuse_opts && (sbuf_addch(&opts, ',') ||
			      sbuf_addstr(&opts, o->fuse_opts))) ||
	    fuse_opt_add_arg(&args, "newsfs") ||
	    fuse_opt_add_arg(&args, "-o") ||
	    fuse_opt_add_arg(&args, opts.buf) ||
	    (o->debug && fuse_opt_add_arg(&args, "-d"))) {
		snprintf(err, n, "out of memory");
		goto out;
	}
	se = fuse_session_new(&args, &fs_ops, sizeof(fs_ops), fs);
	if (!se)
		snprintf(err, n, "bad mount options '%s'", opts.buf);
out:
	fuse_opt_free_args(&args);
	sbuf_release(&opts);
	return se;
}

/* 0 once the session ends: unmounted, or stopped by SIGTERM, SIGINT or
 * SIGHUP (libfuse returns the signal's number then). */
static int serve(struct fuse_session *se)
{
	struct fuse_loop_config *cfg = fuse_loop_cfg_create();
	if (!cfg)
		return -ENOMEM;
	fuse_loop_cfg_set_clone_fd(cfg, 0);
	fuse_loop_cfg_set_max_threads(cfg, FS_THREADS);
	int rc = fuse_session_loop_mt(se, cfg);
	fuse_loop_cfg_destroy(cfg);
	return rc > 0 ? 0 : rc;
}

/* Leave the terminal once the mount is up: tell the parent, then point
 * stdio at /dev/null. */
static int detach(int fd)
{
	if (chdir("/") != 0)
		return -errno;
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		close(null);
	}
	int rc = write(fd, "s", 1) == 1 ? 0 : -EIO;
	close(fd);
	return rc;
}

/* Mount and serve in this process; notify_fd >= 0 when daemonized.
 * Returns an exit status (err says why when non-zero). */
static int serve_here(struct fs *fs, const struct fs_opts *o, int notify_fd,
		      char *err, size_t n)
{
	char msg[512] = "";
	/* Query answers and listings allocate and free blocks of megabytes
	 * from eight threads. With glibc's sliding mmap threshold those
	 * come to stay in per-thread arenas, and RSS climbs with every
	 * answer made again; a fixed threshold gives them back on free. */
	mallopt(M_MMAP_THRESHOLD, 256 << 10);
	if (pool_init(&fs->pool, o->db, msg, sizeof(msg))) {
		snprintf(err, n, "%s", msg);
		return 1;
	}
	int rc = 1;
	if (fsq_init(&fs->queries) != 0) {
		snprintf(err, n, "cannot set up query folders");
		goto out_pool;
	}
	struct fuse_session *se = make_session(fs, o, err, n);
	if (!se)
		goto out_queries;
	/* Before anything can report success: a SIGTERM from then on
	 * must end the session and unmount, not kill the daemon. libfuse
	 * leaves a signal alone that was ignored when we started, as a
	 * shell's background job starts with SIGINT; take SIGINT and
	 * SIGTERM anyway (SIGHUP stays ignored under nohup). */
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	if (fuse_set_signal_handlers(se) != 0) {
		snprintf(err, n, "cannot set signal handlers");
		goto out_session;
	}
	if (fuse_session_mount(se, o->mountpoint) != 0) {
		snprintf(err, n, "%s: cannot mount here", o->mountpoint);
		goto out_signals;
	}
	struct fs_watch watch;
	msg[0] = '\0';
	if (watch_start(&watch, fs, se, msg, sizeof(msg)) != 0) {
		snprintf(err, n, "%s", msg);
		goto out_unmount;
	}
	msg[0] = '\0';
	if (!o->no_prefetch &&
	    prefetch_start(&fs->prefetch, fs, se, msg, sizeof(msg)) != 0) {
		snprintf(err, n, "%s", msg);
		goto out_watch;
	}
	if (notify_fd >= 0 && detach(notify_fd) != 0) {
		snprintf(err, n, "%s: the daemon could not start", o->mountpoint);
		goto out_prefetch;
	}
	fs_log(fs, "%s: serving the index %s (pid %ld)", o->mountpoint,
	       o->db, (long)getpid());
	rc = serve(se) == 0 ? 0 : 1;
	if (rc)
		snprintf(err, n, "%s: the session ended with an error",
			 o->mountpoint);
	fs_log(fs, "%s: %s", o->mountpoint,
	       rc ? "the session ended with an error" : "unmounted");
out_prefetch:
	prefetch_stop(&fs->prefetch);
out_watch:
	watch_stop(&watch);
out_unmount:
	fuse_session_unmount(se);
out_signals:
	fuse_remove_signal_handlers(se);
out_session:
	fuse_session_destroy(se);
out_queries:
	fsq_destroy(&fs->queries);
out_pool:
	pool_destroy(&fs->pool);
	return rc;
}

/* Parent side: wait for the child's verdict, then for the mount to
 * answer. Returns an exit status. */
static int wait_for_daemon(pid_t pid, int fd, const char *mnt, char *err,
			   size_t n)
{
	char msg[1024] = "";
	ssize_t got = read(fd, msg, sizeof(msg) - 1);
	if (got == 1 && msg[0] == 's') {
		struct stat st;
		if (stat(mnt, &st) == 0)
			return 0;
		snprintf(err, n, "%s: mounted but not answering: %s", mnt,
			 strerror(errno));
		return 1;
	}
	int status;
	waitpid(pid, &status, 0);
	snprintf(err, n, "%s", got > 0 ? msg : "the daemon died before serving");
	return 1;
}

static int fork_and_serve(struct fs *fs, const struct fs_opts *o, char *err,
			  size_t errsz)
{
	if (o->foreground)
		return serve_here(fs, o, -1, err, errsz);
	int pfd[2];
	if (pipe2(pfd, O_CLOEXEC) != 0) {
		snprintf(err, errsz, "pipe: %s", strerror(errno));
		return 1;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		snprintf(err, errsz, "fork: %s", strerror(errno));
		close(pfd[0]);
		close(pfd[1]);
		return 1;
	}
	if (pid > 0) {
		close(pfd[1]);
		int rc = wait_for_daemon(pid, pfd[0], o->mountpoint, err, errsz);
		close(pfd[0]);
		return rc;
	}
	close(pfd[0]);
	setsid();
	int rc = serve_here(fs, o, pfd[1], err, errsz);
	if (rc && fcntl(pfd[1], F_GETFD) != -1)
		dprintf(pfd[1], "%s", err);
	/* exit, not return: the daemon must not go back into the CLI, and
	 * exit() still runs the leak checker of sanitizer builds. */
	exit(rc);
}

int fs_mount_opts_check(const char *opts, char *err, size_t n)
{
	if (!opts)
		return 0;
	/* One option at a time, split where libfuse splits: at commas
	 * that no backslash escapes. */
	for (const char *p = opts; *p;) {
		size_t len = 0;
		while (p[len] && p[len] != ',')
			len += p[len] == '\\' && p[len + 1] ? 2 : 1;
		if (len == 2 && strncmp(p, "rw", 2) == 0) {
			snprintf(err, n, "-o rw: a newsfs tree is read-only");
			return 2;
		}
		if (strncmp(p, "fsname=", 7) == 0 ||
		    strncmp(p, "subtype=", 8) == 0) {
			snprintf(err, n, "-o %.*s: newsfs sets this itself (the "
				 "index as the source, fuse.newsfs as the type)",
				 (int)len, p);
			return 2;
		}
		p += len + (p[len] == ',');
	}
	return 0;
}

/* The mountpoint, made absolute (the daemon leaves the current folder,
 * and unmounts by this name at the end): an existing folder that is
 * not already a mount point, dead or alive. OUT: *abs, to free. */
static int check_mountpoint(const char *path, char **abs, char *err,
			    size_t n)
{
	char *real = realpath(path, NULL);
	if (!real) {
		snprintf(err, n, "%s: %s", path, errno == ENOENT ?
			 "no such folder" : strerror(errno));
		return 1;
	}
	struct stat st;
	struct mnt_info m = {0};
	int e = stat(real, &st) == 0 ? 0 : errno, rc = 1;
	bool is_mount = (!e || e == ENOTCONN) && mnt_of_path(real, &m) == 0 &&
			m.is_root;
	/* stat may answer from the kernel's cache; statfs always asks the
	 * file system, and a dead FUSE mount answers ENOTCONN. */
	struct statfs sf;
	if (is_mount && statfs(real, &sf) != 0)
		e = errno;
	if (is_mount && e == ENOTCONN)
		snprintf(err, n, "%s: a dead mount is here (%s); clear it "
			 "first with '%s %s'", path, strerror(e),
			 strcmp(m.fstype, "fuse.newsfs") == 0 ?
			 "newsfs umount" : "fusermount3 -u", path);
	else if (e)
		snprintf(err, n, "%s: %s", path, strerror(e));
	else if (is_mount)
		snprintf(err, n, "%s: already a mount point (%s from %s); "
			 "unmount it first, or choose another folder", path,
			 m.fstype, m.source);
	else if (!S_ISDIR(st.st_mode))
		snprintf(err, n, "%s: not a folder", path);
	else
		rc = 0;
	mnt_info_free(&m);
	if (rc)
		free(real);
	else
		*abs = real;
	return rc;
}

/* path made absolute, its folder resolved but not its last component:
 * the watcher follows the name (a symbolic link moved to another index
 * is a replaced index). OUT: *abs, to free. */
static int absolute(const char *path, char **abs, char *err, size_t n)
{
	char *copy = strdup(path), *copy2 = strdup(path), *dir = NULL;
	int rc = -ENOMEM;
	if (!copy || !copy2)
		goto out;
	const char *base = basename(copy2);
	if (!strcmp(base, ".") || !strcmp(base, "..") || !strcmp(base, "/")) {
		*abs = realpath(path, NULL);
	} else if ((dir = realpath(dirname(copy), NULL))) {
		size_t len = strlen(dir) + strlen(base) + 2;
		if ((*abs = malloc(len)))
			snprintf(*abs, len, "%s%s%s", dir,
				 strcmp(dir, "/") ? "/" : "", base);
	}
	rc = *abs ? 0 : -errno;
	if (rc)
		snprintf(err, n, "%s: %s", path, strerror(-rc));
out:
	free(dir);
	free(copy);
	free(copy2);
	return rc;
}

int fs_mount(const struct fs_opts *opts, char *err, size_t errsz)
{
	struct fs fs = {
		.uid = getuid(),
		.gid = getgid(),
		.foreground = opts->foreground,
		.log_fd = -1,
	};
	int rc = fs_mount_opts_check(opts->fuse_opts, err, errsz);
	if (rc || check_index(&fs, opts->db, err, errsz))
		return rc ? rc : 1;
	if ((rc = fs_log_open(&fs, opts->log)) != 0) {
		snprintf(err, errsz, "%s: cannot write the log there: %s",
			 opts->log, strerror(-rc));
		return 1;
	}
	/* The daemon leaves the current folder: keep an absolute path for
	 * the connections it opens later. */
	char *db = NULL;
	if (absolute(opts->db, &db, err, errsz)) {
		if (fs.log_fd >= 0)
			close(fs.log_fd);
		return 1;
	}
	fs.db = db;
	struct fs_opts abs = *opts;
	abs.db = db;
	char *mnt = NULL;
	rc = check_mountpoint(opts->mountpoint, &mnt, err, errsz);
	if (!rc) {
		abs.mountpoint = mnt;
		rc = fork_and_serve(&fs, &abs, err, errsz);
	}
	free(mnt);
	free(db);
	if (fs.log_fd >= 0)
		close(fs.log_fd);
	return rc;
}
