/*
 * JSON output for scripts (stats --json, export --format=jsonl), written
 * directly: what is written is a handful of numbers and strings, and the
 * one thing a library would decide for us, bytes that are not UTF-8 in a
 * file name, is decided here as in the TSV output: such a byte is written
 * as the four characters \xNN (JSON "\\xNN"), so every line is valid JSON
 * and a name still reads as it does in the TSV.
 */
#include "cli.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at s (1 to 4), or 0. */
static size_t seq_len(const unsigned char *s)
{
	size_t n = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 : 0;
	for (size_t i = 1; i < n; i++)
		if (!s[i])
			return 0;
	return n && utf8_valid((const char *)s, n) ? n : 0;
}

void cli_put_json(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	fputc('"', f);
	while (*s) {
		size_t n;
		if (*s == '"' || *s == '\\') {
			fprintf(f, "\\%c", *s++);
		} else if (*s == '\n') {
			fputs("\\n", f), s++;
		} else if (*s == '\t') {
			fputs("\\t", f), s++;
		} else if (*s == '\r') {
			fputs("\\r", f), s++;
		} else if (*s < 0x20 || *s == 0x7f) {
			fprintf(f, "\\u%04x", *s++);
		} else if (*s < 0x80) {
			fputc(*s++, f);
		} else if ((n = seq_len(s)) != 0) {
			fwrite(s, 1, n, f);
			s += n;
		} else {
			fprintf(f, "\\\\x%02X", *s++);
		}
	}
	fputc('"', f);
}

void cli_put_json_list(FILE *f, const char *joined, char sep)
{
	fputc('[', f);
	const char *p = joined;
	while (p && *p) {
		const char *end = strchr(p, sep);
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char buf[1024];
		snprintf(buf, sizeof(buf), "%.*s", (int)n, p);
		if (p != joined)
			fputc(',', f);
		cli_put_json(f, buf);
		p = end ? end + 1 : NULL;
	}
	fputc(']', f);
}
