/* Fuzz target: one HTML page through fmt_html() (charset decision and
 * decoding, the libxml2 parse into our tree, metadata, JSON-LD, main
 * text and its output), with and without a transport charset. Whatever
 * the bytes, the record's strings must be valid UTF-8 without NUL bytes,
 * and text_len must be the text's length. */
#include "fuzz.h"
#include "format.h"
#include "util.h"

#include <errno.h>

static void check_str(const char *s)
{
	if (s && !utf8_valid(s, strlen(s)))
		abort();
}

static void one(struct fmt_ctx *c, const uint8_t *data, size_t size,
		const char *charset)
{
	struct fmt_input in = {.path = "fuzz", .data = data, .len = size,
			       .charset = charset};
	struct fmt_record rec;
	const char *reason;
	int rc = fmt_html(c, &in, &rec, &reason);
	if (rc == -EINVAL) {
		if (!reason)
			abort();
		return;
	}
	if (rc)
		abort();	/* -ENOMEM is not expected at these sizes */
	if (!rec.text || rec.text_len == 0 || strlen(rec.text) != rec.text_len ||
	    !utf8_valid(rec.text, rec.text_len))
		abort();
	check_str(rec.title);
	check_str(rec.site);
	check_str(rec.byline);
	check_str(rec.url);
	check_str(rec.lang);
	if (rec.date.ymd && !nfs_date_valid(rec.date.ymd))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fmt_ctx *c;
	if (!c && fmt_ctx_new(&c))
		abort();
	char *s = fuzz_copy(data, size);
	(void)fmt_sniff("x", s, size);
	(void)fmt_html_charset(s, size, NULL);
	one(c, (const uint8_t *)s, size, NULL);
	/* The first byte picks a transport charset now and then. */
	static const char *const cs[] = {"shift_jis", "utf-16le", "koi8-r",
					 "gb2312", "iso-8859-1"};
	if (size && data[0] < NFS_ARRAY_SIZE(cs))
		one(c, (const uint8_t *)s, size, cs[data[0]]);
	free(s);
	return 0;
}
