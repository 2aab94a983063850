/*
 * Wire copy: the news agency an article says it came from, for
 * by-source/. Two marks, both the agencies' own conventions: a
 * sign-off alone on the last line ("REUTER", as Reuters' wire ended each
 * story), and a dateline credit in the first lines ("LONDON (Reuters) -",
 * "PARIS (AFP) -"). Nothing else in the text names a source: an article
 * quoting "Reuters reported" is not Reuters copy.
 */
#include "extract.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#define DATELINE_BYTES 300

static const struct {
	const char *credit;	/* as a dateline writes it */
	const char *name;	/* the folder */
} agencies[] = {
	{"(Reuters)", "Reuters"},
	{"(AP)", "Associated Press"},
	{"(AFP)", "AFP"},
	{"(UPI)", "UPI"},
	{"(Bloomberg)", "Bloomberg"},
	{"(dpa)", "dpa"},
};

static bool space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
}

/* The last line that is not blank, trimmed. */
static const char *last_line(const char *t, size_t len, size_t *n)
{
	const char *e = t + len;
	while (e > t && space(e[-1]))
		e--;
	const char *s = e;
	while (s > t && s[-1] != '\n')
		s--;
	while (s < e && space(*s))
		s++;
	*n = (size_t)(e - s);
	return s;
}

const char *ext_wire(const char *text, size_t len)
{
	size_t n;
	const char *l = last_line(text, len, &n);
	if (n == 6 && strncasecmp(l, "reuter", 6) == 0)
		return "Reuters";
	size_t head = len < DATELINE_BYTES ? len : DATELINE_BYTES;
	for (size_t i = 0; i < sizeof(agencies) / sizeof(agencies[0]); i++) {
		size_t k = strlen(agencies[i].credit);
		for (const char *p = text; p + k <= text + head; p++) {
			p = memchr(p, '(', (size_t)(text + head - p));
			if (!p || p + k > text + head)
				break;
			if (memcmp(p, agencies[i].credit, k) == 0)
				return agencies[i].name;
		}
	}
	return NULL;
}
