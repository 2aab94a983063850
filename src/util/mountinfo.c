/*
 * One line of /proc/self/mountinfo (proc(5)):
 *
 *   36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw
 *   id parent major:minor root point options [optional...] - type source super
 *
 * The kernel escapes space, tab, newline and backslash in paths as \ooo
 * octal; nothing else is escaped. The line is parsed in place.
 */
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The next space-separated field of *s, NUL-terminated; NULL at the end. */
static char *field(char **s)
{
	char *p = *s;
	while (*p == ' ')
		p++;
	if (!*p || *p == '\n')
		return NULL;
	char *start = p;
	while (*p && *p != ' ' && *p != '\n')
		p++;
	if (*p)
		*p++ = '\0';
	*s = p;
	return start;
}

/* Undo the kernel's \ooo escapes in place. */
static void unescape(char *s)
{
	char *out = s;
	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*out++ = (char)((s[1] - '0') << 6 | (s[2] - '0') << 3 |
					(s[3] - '0'));
			s += 3;
		} else {
			*out++ = *s;
		}
	}
	*out = '\0';
}

static int number(const char *s, char end, const char **after,
		  unsigned *out)
{
	char *e;
	if (*s < '0' || *s > '9')
		return -EINVAL;
	unsigned long v = strtoul(s, &e, 10);
	if (*e != end || v > 0xffffffffu)
		return -EINVAL;
	*out = (unsigned)v;
	*after = e + 1;
	return 0;
}

int mountinfo_parse(char *line, struct mountinfo_line *m)
{
	char *s = line, *dev, *f;
	const char *rest;
	memset(m, 0, sizeof(*m));
	if (!field(&s) || !field(&s) || !(dev = field(&s)) ||
	    number(dev, ':', &rest, &m->major) ||
	    number(rest, '\0', &rest, &m->minor) ||
	    !(m->root = field(&s)) || !(m->point = field(&s)) || !field(&s))
		return -EINVAL;
	/* Optional fields, up to the lone "-". */
	while ((f = field(&s)) && strcmp(f, "-") != 0)
		;
	if (!f || !(m->fstype = field(&s)) || !(m->source = field(&s)))
		return -EINVAL;
	unescape(m->root);
	unescape(m->point);
	unescape(m->source);
	return 0;
}
