/*
 * Shared by the fuzz targets of fmt_open_mem()/fmt_next(): read every
 * record of one input under small caps and check what each record
 * promises: valid UTF-8 strings without NUL bytes, text_len the text's
 * length, a reason for every rejection and error, valid dates.
 */
#ifndef NEWSFS_FUZZ_READER_H
#define NEWSFS_FUZZ_READER_H

#include "fuzz.h"
#include "format.h"
#include "util.h"

#include <errno.h>

static void fuzz_str(const char *s)
{
	if (s && !utf8_valid(s, strlen(s)))
		abort();
}

static inline void fuzz_read(const void *data, size_t size, const char *name,
			     const struct fmt_field *fields, size_t nfields)
{
	static struct fmt_ctx *c;
	if (!c && fmt_ctx_new(&c))
		abort();
	struct fmt_opts o = {.max_record = 1u << 20, .max_member = 4u << 20,
			     .fields = fields, .nfields = nfields};
	struct fmt_reader *r;
	const char *err;
	if (fmt_open_mem(c, data, size, name, &o, &r, &err))
		abort();	/* memory input cannot fail to open */
	struct fmt_record rec;
	const char *why;
	char where[256];
	int rc, n = 0;
	while ((rc = fmt_next(r, &rec, &why)) != FMT_END && n++ < 100000) {
		fmt_where(&rec.loc, where, sizeof(where));
		if (rc == -ENOMEM)
			abort();
		if (!why && rc != FMT_RECORD)
			abort();
		fuzz_str(why);
		if (rc < 0)
			break;
		if (rc == FMT_REJECT)
			continue;
		if (rec.kind == FMT_TEXT) {
			if (rec.text || (!rec.raw && rec.raw_len))
				abort();
			continue;
		}
		if (!rec.text || rec.text_len == 0 ||
		    strlen(rec.text) != rec.text_len ||
		    !utf8_valid(rec.text, rec.text_len))
			abort();
		fuzz_str(rec.title);
		fuzz_str(rec.site);
		fuzz_str(rec.byline);
		fuzz_str(rec.url);
		fuzz_str(rec.lang);
		fuzz_str(rec.loc.member);
		fuzz_str(rec.loc.uri);
		if (rec.date.ymd && !nfs_date_valid(rec.date.ymd))
			abort();
		if (rec.container.ymd && !nfs_date_valid(rec.container.ymd))
			abort();
	}
	struct fmt_stats st;
	fmt_reader_stats(r, &st);
	fmt_close(r);
}

#endif
