/*
 * Who keeps a mount busy: the processes whose current or root folder,
 * open descriptors or mapped files are below it, as far as /proc lets
 * this user see (proc(5); another user's fd/ and maps are not readable
 * unless we are root). It is what `fuser -vm` prints, for one message.
 */
#include "internal.h"

#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SHOW_MAX 5	/* processes named in the message */

static bool below(const char *path, const char *point)
{
	size_t n = strlen(point);
	if (n == 1)	/* "/" */
		return path[0] == '/';
	return strncmp(path, point, n) == 0 && (path[n] == '/' || !path[n]);
}

static bool link_below(const char *link, const char *point, char *out,
		       size_t outsz)
{
	ssize_t n = readlink(link, out, outsz - 1);
	if (n < 0)
		return false;
	out[n] = '\0';
	return below(out, point);
}

/* What of process pid is below point: "its current folder", a file. */
static bool holds(const char *pid, const char *point, char *what,
		  size_t whatsz)
{
	char link[PATH_MAX], path[PATH_MAX];
	snprintf(link, sizeof(link), "/proc/%s/cwd", pid);
	if (link_below(link, point, path, sizeof(path))) {
		snprintf(what, whatsz, "its current folder");
		return true;
	}
	snprintf(link, sizeof(link), "/proc/%s/root", pid);
	if (link_below(link, point, path, sizeof(path))) {
		snprintf(what, whatsz, "its root folder");
		return true;
	}
	snprintf(link, sizeof(link), "/proc/%s/fd", pid);
	DIR *d = opendir(link);
	bool found = false;
	struct dirent *e;
	while (d && !found && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(link, sizeof(link), "/proc/%s/fd/%s", pid, e->d_name);
		if (link_below(link, point, path, sizeof(path))) {
			snprintf(what, whatsz, "%s", path);
			found = true;
		}
	}
	if (d)
		closedir(d);
	if (found)
		return true;
	snprintf(link, sizeof(link), "/proc/%s/maps", pid);
	FILE *f = fopen(link, "re");
	char *line = NULL;
	size_t cap = 0;
	while (f && !found && getline(&line, &cap, f) > 0) {
		char *p = strchr(line, '/');
		if (!p)
			continue;
		p[strcspn(p, "\n")] = '\0';
		if (below(p, point)) {
			snprintf(what, whatsz, "mapped %s", p);
			found = true;
		}
	}
	free(line);
	if (f)
		fclose(f);
	return found;
}

static void comm_of(const char *pid, char *out, size_t outsz)
{
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "/proc/%s/comm", pid);
	FILE *f = fopen(path, "re");
	out[0] = '\0';
	if (f) {
		if (fgets(out, (int)outsz, f))
			out[strcspn(out, "\n")] = '\0';
		fclose(f);
	}
}

int fs_busy_users(const char *point, struct sbuf *out)
{
	DIR *d = opendir("/proc");
	if (!d)
		return 0;
	char self[32];
	snprintf(self, sizeof(self), "%ld", (long)getpid());
	int found = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!isdigit((unsigned char)e->d_name[0]) ||
		    strcmp(e->d_name, self) == 0)
			continue;
		char what[PATH_MAX + 16], comm[64];
		if (!holds(e->d_name, point, what, sizeof(what)))
			continue;
		if (++found > SHOW_MAX)
			continue;
		comm_of(e->d_name, comm, sizeof(comm));
		sbuf_addf(out, "%s%s (%s: %s)", found > 1 ? ", " : "",
			  e->d_name, comm, what);
	}
	closedir(d);
	if (found > SHOW_MAX)
		sbuf_addf(out, " and %d more", found - SHOW_MAX);
	return found;
}
