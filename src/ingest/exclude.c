/*
 * --exclude GLOB: entries below a folder given that the walk leaves out,
 * as it leaves out hidden ones. The rules are those of rsync and
 * .gitignore, which users already know:
 *   - a pattern without '/' matches the name of a file or folder at any
 *     depth ("*.jpg", "drafts");
 *   - a pattern with a '/' inside matches the path below the folder given
 *     ("2019/raw"), and one starting with '/' the whole real path (how
 *     the index's own files are kept out);
 *   - a trailing '/' matches folders only ("raw/").
 * '*' and '?' never match a '/' in a path pattern (fnmatch FNM_PATHNAME).
 * A folder left out is not entered, so nothing below it is indexed, and
 * what the index had below it goes as vanished.
 */
#include "internal.h"

#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

static bool match_one(const char *pat, const char *path, const char *rel,
		      bool is_dir)
{
	size_t len = strlen(pat);
	char buf[PATH_MAX];
	if (len && pat[len - 1] == '/') {
		if (!is_dir || len >= sizeof(buf))
			return false;
		memcpy(buf, pat, len - 1);
		buf[len - 1] = '\0';
		pat = buf;
		len--;
	}
	if (!memchr(pat, '/', len)) {
		const char *name = strrchr(path, '/');
		return fnmatch(pat, name ? name + 1 : path, 0) == 0;
	}
	if (pat[0] == '/')
		return fnmatch(pat, path, FNM_PATHNAME) == 0;
	return rel && fnmatch(pat, rel, FNM_PATHNAME) == 0;
}

bool walk_excluded(const struct walk *w, uint32_t root, const char *path,
		   bool is_dir)
{
	const char *rel = NULL;
	if (root != WALK_NO_ROOT) {
		const struct walk_root *r = &w->roots[root];
		if (strncmp(path, r->path, r->len) == 0) {
			rel = path + r->len;
			while (*rel == '/')
				rel++;
		}
	}
	for (size_t i = 0; i < w->nexclude; i++)
		if (match_one(w->exclude[i], path, rel, is_dir))
			return true;
	return false;
}
