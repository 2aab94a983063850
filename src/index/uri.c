/*
 * SQLite URI file names (uri.html), for opening an index with query
 * parameters such as immutable=1. Only '%', '?' and '#' mean something in
 * the path of such a URI, so only they are escaped; a path that starts
 * with "//" must not be read as an authority, so absolute paths get an
 * empty one ("file:///...").
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

char *idx_uri(const char *path, const char *query)
{
	size_t n = strlen(path), extra = 0;
	for (size_t i = 0; i < n; i++)
		extra += strchr("%?#", path[i]) ? 2 : 0;
	size_t size = sizeof("file://") + n + extra + 1 + strlen(query);
	char *u = sqlite3_malloc64(size);
	if (!u)
		return NULL;
	char *p = u + snprintf(u, size, "file:%s", path[0] == '/' ? "//" : "");
	for (size_t i = 0; i < n; i++) {
		if (strchr("%?#", path[i]))
			p += snprintf(p, 4, "%%%02x", (unsigned char)path[i]);
		else
			*p++ = path[i];
	}
	snprintf(p, size - (size_t)(p - u), "?%s", query);
	return u;
}
