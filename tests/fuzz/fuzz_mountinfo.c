/* Fuzz target: lines of /proc/self/mountinfo. Whatever the kernel (or
 * a crafted file) writes, parsing stays inside the line and every field
 * it gives is a NUL-terminated string within it. */
#include "fuzz.h"
#include "util.h"

static void inside(const char *s, const char *buf, size_t size)
{
	if (!s || s < buf || s + strlen(s) > buf + size)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = fuzz_copy(data, size);
	char *line = buf, *next;
	for (; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		struct mountinfo_line m;
		if (mountinfo_parse(line, &m) == 0) {
			inside(m.root, buf, size);
			inside(m.point, buf, size);
			inside(m.fstype, buf, size);
			inside(m.source, buf, size);
		}
	}
	free(buf);
	return 0;
}
