/*
 * Where a record came from, and the reader's messages: shared by the
 * reader and every parser under it (so they depend on this file, not on
 * each other).
 */
#include "reader.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *reader_msg(struct fmt_reader *r, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	/* Messages may quote the input: keep them valid UTF-8. */
	size_t n = utf8_trim(tmp, strlen(tmp));
	sbuf_reset(&r->msg);
	bool fixed = false;
	if (utf8_repair(&r->msg, tmp, n, &fixed))
		return "out of memory";
	return r->msg.buf;
}

void reader_loc(struct fmt_reader *r, struct fmt_record *rec,
		enum fmt_loc_kind kind, uint64_t n, uint64_t offset)
{
	memset(rec, 0, sizeof(*rec));
	rec->kind = r->leaf;
	rec->loc.kind = kind;
	rec->loc.n = n;
	rec->loc.offset = offset;
	rec->loc.member = r->member.len ? r->member.buf : NULL;
}

char *fmt_where(const struct fmt_locator *loc, char *out, size_t n)
{
	int k = 0;
	if (!n)
		return out;
	out[0] = '\0';
	if (loc->member)
		k = snprintf(out, n, "member %s", loc->member);
	if (k < 0 || (size_t)k >= n)
		return out;
	const char *sep = k ? ": " : "";
	unsigned long long v = (unsigned long long)loc->n;
	switch (loc->kind) {
	case FMT_LOC_FILE:
		if (!k)
			snprintf(out, n, "file");
		break;
	case FMT_LOC_MEMBER:
		if (!k)
			snprintf(out, n, "file");
		break;
	case FMT_LOC_LINE:
		snprintf(out + k, n - (size_t)k, "%sline %llu", sep, v);
		break;
	case FMT_LOC_ROW:
		snprintf(out + k, n - (size_t)k, v ? "%srow %llu" :
			 "%sheader row", sep, v);
		break;
	case FMT_LOC_ELEMENT:
		snprintf(out + k, n - (size_t)k, "%selement %llu", sep, v);
		break;
	case FMT_LOC_WARC:
		snprintf(out + k, n - (size_t)k, "%srecord %llu%s%s%s", sep, v,
			 loc->uri ? " (" : "", loc->uri ? loc->uri : "",
			 loc->uri ? ")" : "");
		break;
	}
	return out;
}
