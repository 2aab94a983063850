/* Fuzz target: the date parser, at every offset of the input, and the
 * search for the first date in a range. A date found must lie inside the
 * input with month and day in range; the parser may return a day the
 * month lacks ("31-FEB"), but ext_date_ymd() must then refuse it, and
 * anything it accepts must exist and not be in the future. */
#include "fuzz.h"
#include "extract/internal.h"
#include "util.h"

static void check(const struct ext_date *d, size_t size, time_t now)
{
	if (d->off > size || d->len > size - d->off)
		abort();
	if (d->m < 0 || d->m > 12 || d->d < 0 || d->d > 31)
		abort();
	int32_t ymd = d->y && d->m && d->d ? ext_date_ymd(d->y, d->m, d->d, now)
					   : 0;
	if (ymd && (!nfs_date_valid(ymd) || nfs_date_to_time(ymd) > now + 86400))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_copy(data, size);
	const time_t now = 1700000000;
	struct ext_date d;
	for (size_t i = 0; i < size && i < 512; i++) {
		memset(&d, 0, sizeof(d));
		size_t n = ext_date_parse(s + i, size - i, now, &d);
		if (n > size - i)
			abort();
		if (n) {
			d.off = (uint32_t)i;
			d.len = (uint32_t)n;
			check(&d, size, now);
		}
	}
	memset(&d, 0, sizeof(d));
	if (ext_date_find(s, 0, size, now, &d))
		check(&d, size, now);
	free(s);
	return 0;
}
