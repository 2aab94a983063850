/*
 * build/fmt-read [-q] [-m] [--field ROLE=NAME]... FILE...: every record of
 * each file through fmt_open()/fmt_next() (-m: read into memory first,
 * fmt_open_mem()), one line per record (or, with -q,
 * only the counts and the speed: bytes of the file and of its expanded
 * streams per second on one core). The driver of the format speed figures
 * in docs/formats.md and a way to look at what a dump yields.
 */
#include "format.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;
	/* CPU time: the figure is per core, whatever else runs. */
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *s(const char *v)
{
	return v ? v : "-";
}

int main(int argc, char **argv)
{
	bool quiet = false, mem = false;
	struct fmt_field fields[32];
	struct fmt_opts o = {.fields = fields};
	int i = 1, status = 0;
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *why;
		if (!strcmp(argv[i], "-q")) {
			quiet = true;
		} else if (!strcmp(argv[i], "-m")) {
			mem = true;
		} else if (!strcmp(argv[i], "--field") && i + 1 < argc &&
			   o.nfields < 32) {
			if (fmt_field_parse(argv[++i], &fields[o.nfields], &why)) {
				fprintf(stderr, "fmt-read: --field %s: %s\n",
					argv[i], why);
				return 2;
			}
			o.nfields++;
		} else {
			fprintf(stderr, "usage: fmt-read [-q] [-m] [--field ROLE=NAME]... "
				"FILE...\n");
			return 2;
		}
	}
	struct fmt_ctx *c;
	if (fmt_ctx_new(&c))
		return 1;
	for (; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			perror(argv[i]);
			status = 1;
			continue;
		}
		struct fmt_reader *r;
		const char *err;
		double t0 = now();
		char *buf = NULL;
		int rc;
		if (mem) {
			/* The whole file in memory, through fmt_open_mem(). */
			off_t n = lseek(fd, 0, SEEK_END);
			buf = malloc(n > 0 ? (size_t)n : 1);
			if (!buf || pread(fd, buf, (size_t)n, 0) != n)
				return 1;
			rc = fmt_open_mem(c, buf, (size_t)n, argv[i], &o, &r, &err);
		} else {
			rc = fmt_open(c, fd, argv[i], &o, &r, &err);
		}
		if (rc) {
			fprintf(stderr, "%s: %s\n", argv[i], err);
			close(fd);
			status = 1;
			continue;
		}
		struct fmt_record rec;
		const char *why;
		char where[512];
		while ((rc = fmt_next(r, &rec, &why)) != FMT_END) {
			fmt_where(&rec.loc, where, sizeof(where));
			if (rc < 0) {
				fprintf(stderr, "%s: %s: %s\n", argv[i], where, why);
				status = 1;
				break;
			}
			if (rc == FMT_REJECT) {
				fprintf(stderr, "%s: %s: %s\n", argv[i], where, why);
				continue;
			}
			if (quiet)
				continue;
			printf("%s\t%s\t%s\t%08d\t%s\t%s\t%s\t%.60s\n", where,
			       fmt_kind_name(rec.kind), s(rec.title),
			       rec.date.ymd ? rec.date.ymd : rec.container.ymd,
			       s(rec.site), s(rec.url), s(rec.byline),
			       rec.text ? rec.text : "(raw text)");
		}
		double t = now() - t0;
		struct fmt_stats st;
		fmt_reader_stats(r, &st);
		fprintf(stderr, "%s: %s: %llu records, %llu rejected, %llu "
			"skipped, %llu other; %.1f MB read, %.1f MB expanded in "
			"%.2f s of CPU: %.1f MB/s read, %.1f MB/s expanded\n", argv[i],
			fmt_kind_name(fmt_reader_kind(r)),
			(unsigned long long)st.records,
			(unsigned long long)st.rejected,
			(unsigned long long)st.skipped,
			(unsigned long long)st.other, st.read / 1e6,
			st.expanded / 1e6, t, st.read / 1e6 / t,
			st.expanded / 1e6 / t);
		fmt_close(r);
		free(buf);
		close(fd);
	}
	fmt_ctx_free(c);
	return status;
}
