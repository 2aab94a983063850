/*
 * `newsfs index --watch`: follow the remembered folders with inotify(7)
 * and re-index what changed, without walking the whole tree again.
 *
 * One watch per folder (inotify does not recurse): new folders get theirs
 * as they appear. A change marks the folder it happened in as dirty; a
 * batch re-indexes the dirty folders (an incremental walk of each: new
 * and changed files read, unchanged ones only stamped, vanished ones
 * dropped) once no change came for QUIET_MS, or MAX_WAIT_MS after the
 * first, so that a burst of files costs one run.
 *
 * A file counts as complete when it is closed after writing
 * (IN_CLOSE_WRITE) or moved into place (IN_MOVED_TO, how careful writers
 * publish). One created or modified and not yet closed is in flight: a
 * batch leaves it out (it would be read half-written), and its close
 * brings it in. One with no event for STALE_S seconds (a hard link, a
 * writer that died) stops being in flight.
 *
 * When the kernel's limit on watches (fs.inotify.max_user_watches) is
 * reached, or its event queue overflows, nothing is lost silently: the
 * first says so, with the sysctl to raise, and falls back to
 * re-indexing every folder every POLL_S seconds; the second re-indexes
 * every folder once.
 */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { QUIET_MS = 300, MAX_WAIT_MS = 1000, STALE_S = 10, POLL_S = 30 };

#define DIR_EVENTS (IN_CREATE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | \
		    IN_MOVED_FROM | IN_DELETE | IN_DELETE_SELF | IN_ONLYDIR)

struct inflight {
	char *path;
	double seen;
};

struct watch {
	int fd;
	char **wd_path;		/* indexed by watch descriptor */
	size_t nwd;
	size_t nwatches;
	bool full;		/* the watch limit was reached */
	char **dirty;
	size_t ndirty;
	struct inflight *fly;
	size_t nfly;
	double first, last;	/* of the changes not yet indexed */
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s", dir, name);
	return p;
}

static int set_wd(struct watch *w, int wd, const char *path)
{
	if ((size_t)wd >= w->nwd) {
		size_t n = (size_t)wd * 2 + 16;
		char **v = realloc(w->wd_path, n * sizeof(*v));
		if (!v)
			return -ENOMEM;
		memset(v + w->nwd, 0, (n - w->nwd) * sizeof(*v));
		w->wd_path = v;
		w->nwd = n;
	}
	if (!w->wd_path[wd])
		w->nwatches++;
	free(w->wd_path[wd]);
	return (w->wd_path[wd] = strdup(path)) ? 0 : -ENOMEM;
}

static void say_full(struct watch *w, const char *dir)
{
	if (w->full)
		return;
	w->full = true;
	long max = -1;
	FILE *f = fopen("/proc/sys/fs/inotify/max_user_watches", "re");
	if (f) {
		if (fscanf(f, "%ld", &max) != 1)
			max = -1;
		fclose(f);
	}
	fprintf(stderr, "newsfs: %s: cannot watch it: the kernel's limit of "
		"%ld folders watched per user is reached (%zu here); raise it "
		"with 'sysctl fs.inotify.max_user_watches=N'. Meanwhile every "
		"folder is re-indexed every %d s\n", dir, max, w->nwatches,
		POLL_S);
}

/* Watch dir and the folders below it (hidden ones left out, as the
 * index run leaves them out). */
static int add_tree(struct watch *w, const char *dir)
{
	int wd = inotify_add_watch(w->fd, dir, DIR_EVENTS);
	if (wd < 0) {
		if (errno == ENOSPC)
			say_full(w, dir);
		else if (errno != ENOENT && errno != ENOTDIR)
			fprintf(stderr, "newsfs: %s: cannot watch it: %s\n",
				dir, strerror(errno));
		return errno == ENOMEM ? -ENOMEM : 0;
	}
	int rc = set_wd(w, wd, dir);
	DIR *d = rc ? NULL : opendir(dir);
	struct dirent *e;
	while (d && !rc && !w->full && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (e->d_type != DT_DIR && e->d_type != DT_UNKNOWN)
			continue;
		char *sub = join(dir, e->d_name);
		struct stat st;
		if (!sub)
			rc = -ENOMEM;
		else if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			rc = add_tree(w, sub);
		free(sub);
	}
	if (d)
		closedir(d);
	return rc;
}

static int add_dirty(struct watch *w, const char *dir)
{
	for (size_t i = 0; i < w->ndirty; i++)
		if (strcmp(w->dirty[i], dir) == 0)
			goto marked;
	char **v = realloc(w->dirty, (w->ndirty + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	w->dirty = v;
	if (!(v[w->ndirty] = strdup(dir)))
		return -ENOMEM;
	w->ndirty++;
marked:
	w->last = now();
	if (w->first == 0)
		w->first = w->last;
	return 0;
}

static struct inflight *find_fly(struct watch *w, const char *path)
{
	for (size_t i = 0; i < w->nfly; i++)
		if (strcmp(w->fly[i].path, path) == 0)
			return &w->fly[i];
	return NULL;
}

static void drop_fly(struct watch *w, struct inflight *f)
{
	free(f->path);
	*f = w->fly[--w->nfly];
}

static int add_fly(struct watch *w, char *path)
{
	struct inflight *f = find_fly(w, path);
	if (f) {
		f->seen = now();
		free(path);
		return 0;
	}
	struct inflight *v = realloc(w->fly, (w->nfly + 1) * sizeof(*v));
	if (!v) {
		free(path);
		return -ENOMEM;
	}
	w->fly = v;
	v[w->nfly++] = (struct inflight){path, now()};
	return 0;
}

static int on_event(struct watch *w, const struct inotify_event *ev,
		    char *const *roots, size_t nroots)
{
	if (ev->mask & IN_Q_OVERFLOW) {
		fprintf(stderr, "newsfs: the kernel's event queue overflowed; "
			"re-indexing every folder\n");
		for (size_t i = 0; i < nroots; i++)
			if (add_dirty(w, roots[i]))
				return -ENOMEM;
		return 0;
	}
	if (ev->wd < 0 || (size_t)ev->wd >= w->nwd || !w->wd_path[ev->wd])
		return 0;
	const char *dir = w->wd_path[ev->wd];
	if (ev->mask & IN_IGNORED) {	/* the folder is gone */
		free(w->wd_path[ev->wd]);
		w->wd_path[ev->wd] = NULL;
		w->nwatches--;
		return 0;
	}
	if (ev->mask & IN_DELETE_SELF)
		return 0;	/* its parent saw IN_DELETE */
	if (!ev->len || ev->name[0] == '.')
		return 0;
	char *path = join(dir, ev->name);
	if (!path)
		return -ENOMEM;
	int rc = 0;
	struct inflight *f = find_fly(w, path);
	if (ev->mask & IN_ISDIR) {
		if (ev->mask & (IN_CREATE | IN_MOVED_TO))
			rc = add_tree(w, path);
		if (!rc && (ev->mask & (IN_CREATE | IN_MOVED_TO)))
			rc = add_dirty(w, path);
		else if (!rc)
			rc = add_dirty(w, dir);
		free(path);
		return rc;
	}
	if (ev->mask & (IN_CREATE | IN_MODIFY))
		return add_fly(w, path);
	if (f)
		drop_fly(w, f);
	free(path);
	return add_dirty(w, dir);
}

/* Keep the outermost of nested dirty folders; an in-flight file that
 * went quiet long ago counts as complete. */
static void tidy(struct watch *w)
{
	for (size_t i = 0; i < w->ndirty; i++) {
		for (size_t j = 0; j < w->ndirty; j++) {
			size_t n = strlen(w->dirty[j]);
			if (i != j && strncmp(w->dirty[i], w->dirty[j], n) == 0 &&
			    w->dirty[i][n] == '/') {
				free(w->dirty[i]);
				w->dirty[i--] = w->dirty[--w->ndirty];
				break;
			}
		}
	}
	double t = now();
	for (size_t i = 0; i < w->nfly; i++)
		if (t - w->fly[i].seen > STALE_S)
			drop_fly(w, &w->fly[i--]);
}

static int run_batch(struct watch *w, cli_batch_fn fn, void *ctx)
{
	tidy(w);
	char **fly = calloc(w->nfly + 1, sizeof(*fly));
	if (!fly)
		return cli_error("out of memory");
	for (size_t i = 0; i < w->nfly; i++)
		fly[i] = w->fly[i].path;
	int rc = fn(ctx, w->dirty, w->ndirty, fly, w->nfly);
	free(fly);
	for (size_t i = 0; i < w->ndirty; i++)
		free(w->dirty[i]);
	w->ndirty = 0;
	w->first = w->last = 0;
	return rc;
}

/* How long poll() may sleep, in ms (-1: until an event). */
static int timeout_ms(const struct watch *w, double next_poll)
{
	double t = now(), until = -1;
	if (w->ndirty) {
		until = w->last + QUIET_MS / 1e3;
		if (w->first + MAX_WAIT_MS / 1e3 < until)
			until = w->first + MAX_WAIT_MS / 1e3;
	}
	if (w->full && (until < 0 || next_poll < until))
		until = next_poll;
	if (w->nfly && (until < 0 || t + STALE_S < until))
		until = t + STALE_S;
	if (until < 0)
		return -1;
	return until <= t ? 0 : (int)((until - t) * 1e3) + 1;
}

static int loop(struct watch *w, char *const *roots, size_t nroots,
		cli_batch_fn fn, void *ctx)
{
	char buf[64 * 1024] __attribute__((aligned(8)));
	double next_poll = now() + POLL_S;
	while (!stop) {
		struct pollfd p = {.fd = w->fd, .events = POLLIN};
		int n = poll(&p, 1, timeout_ms(w, next_poll));
		if (n < 0 && errno != EINTR)
			return cli_error("poll: %s", strerror(errno));
		if (n > 0) {
			ssize_t len = read(w->fd, buf, sizeof(buf));
			for (ssize_t off = 0; len > 0 && off < len;) {
				const struct inotify_event *ev =
					(const void *)(buf + off);
				if (on_event(w, ev, roots, nroots))
					return cli_error("out of memory");
				off += (ssize_t)sizeof(*ev) + ev->len;
			}
		}
		if (stop)
			break;
		if (w->full && now() >= next_poll) {
			for (size_t i = 0; i < nroots; i++)
				if (add_dirty(w, roots[i]))
					return cli_error("out of memory");
			next_poll = now() + POLL_S;
		}
		if (w->ndirty && timeout_ms(w, next_poll) == 0) {
			/* An index that cannot be written ends the watch;
			 * files that fail do not. */
			if (run_batch(w, fn, ctx))
				return CLI_FAILED;
		}
	}
	return 0;
}

int cli_watch(char *const *roots, size_t nroots, cli_batch_fn fn, void *ctx)
{
	struct watch w = {.fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK)};
	if (w.fd < 0)
		return cli_error("inotify: %s", strerror(errno));
	struct sigaction sa = {.sa_handler = on_signal};
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	int rc = 0;
	for (size_t i = 0; !rc && i < nroots; i++)
		if (add_tree(&w, roots[i]))
			rc = cli_error("out of memory");
	if (!rc)
		rc = loop(&w, roots, nroots, fn, ctx);
	close(w.fd);
	for (size_t i = 0; i < w.nwd; i++)
		free(w.wd_path[i]);
	free(w.wd_path);
	for (size_t i = 0; i < w.ndirty; i++)
		free(w.dirty[i]);
	free(w.dirty);
	for (size_t i = 0; i < w.nfly; i++)
		free(w.fly[i].path);
	free(w.fly);
	return rc;
}
