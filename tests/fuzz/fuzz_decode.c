/* Fuzz target: telling text from what is not (nfs_text_decode). Any bytes
 * give either a reason or valid UTF-8 that is more than white space, with
 * no NUL unless the file was 8-bit text (which has none). */
#include "fuzz.h"
#include "util.h"

#include <errno.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *raw = fuzz_copy(data, size);
	struct sbuf out = {0};
	const char *text, *reason;
	size_t len;
	int rc = nfs_text_decode(raw, size, &out, &text, &len, &reason);
	if (rc == 0) {
		if (reason || !utf8_valid(text, len) || memchr(text, '\0', len))
			abort();
		if (text != raw && text != raw + 3 && text != out.buf)
			abort();
	} else if (rc != -EINVAL || !reason) {
		abort();
	}
	sbuf_release(&out);
	free(raw);
	return 0;
}
