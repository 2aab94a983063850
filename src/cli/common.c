/* Helpers shared by the subcommands: messages, paths, sizes. */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs("newsfs: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return CLI_FAILED;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fputs("newsfs: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'newsfs %s%s--help' for more information.\n",
		cmd ? cmd : "", cmd ? " " : "");
	return CLI_USAGE;
}

bool cli_abs_path(const char *path, char *buf, size_t n)
{
	char *real = realpath(path, NULL);
	if (real) {
		snprintf(buf, n, "%s", real);
		free(real);
		return true;
	}
	/* Not there yet (an index a first run creates): its folder's. */
	char dir[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s", path);
	char *slash = strrchr(dir, '/');
	const char *name = slash ? slash + 1 : path;
	if (slash)
		*(slash == dir ? slash + 1 : slash) = '\0';
	real = realpath(slash ? dir : ".", NULL);
	if (!real)
		return false;
	snprintf(buf, n, "%s%s%s", real, strcmp(real, "/") ? "/" : "", name);
	free(real);
	return true;
}

bool cli_is_help(const char *s)
{
	return strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0;
}

void cli_put_path(FILE *f, const char *path)
{
	for (const unsigned char *s = (const unsigned char *)path; *s; s++) {
		switch (*s) {
		case '\t': fputs("\\t", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\\': fputs("\\\\", f); break;
		default:
			if (*s < 0x20 || *s == 0x7f)
				fprintf(f, "\\x%02x", *s);
			else
				fputc(*s, f);
		}
	}
}

int cli_parse_size(const char *s, size_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *s == '-')
		return -EINVAL;
	unsigned shift = 0;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	}
	if (*end == 'i' || *end == 'B')
		end += *end == 'i' && end[1] == 'B' ? 2 : 1;
	if (*end || v > (SIZE_MAX >> shift))
		return -EINVAL;
	*out = (size_t)v << shift;
	return 0;
}
