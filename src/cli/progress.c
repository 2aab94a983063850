/*
 * The progress bar of `newsfs index` on a terminal. Drawn on stderr with
 * a carriage return, erased when the run ends, so the summary line that
 * follows stands alone. Never used when stderr is not a terminal.
 *
 * The line never wraps: each draw asks the terminal its width (so a
 * resized window is followed at the next draw, a tenth of a second
 * later, without a SIGWINCH handler) and stays one column short of it,
 * since a line that fills the last column leaves the cursor on the next
 * line in many terminals. The bar takes what the figures leave; on a
 * narrow terminal it goes, then the figures are cut.
 */
#include "cli.h"
#include "progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

enum { BAR_MIN = 10, BAR_MAX = 40 };

static size_t columns(void)
{
	struct winsize ws;
	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	const char *env = getenv("COLUMNS");
	long n = env ? strtol(env, NULL, 10) : 0;
	return n > 0 && n < 10000 ? (size_t)n : 80;
}

/* "\r" + line cut to fit + erase to the end of the line. */
static void put_line_to(FILE *f, const char *line, size_t width)
{
	size_t room = width > 1 ? width - 1 : 0, len = strlen(line);
	fprintf(f, "\r%.*s\033[K", (int)(len < room ? len : room), line);
}

static void put_line(const char *line, size_t width)
{
	put_line_to(stderr, line, width);
}

void cli_status_line(const char *line)
{
	struct winsize ws;
	size_t width = ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
		       ws.ws_col > 0 ? ws.ws_col : columns();
	put_line_to(stdout, line, width);
}

static void fmt_eta(char *buf, size_t n, double secs)
{
	if (secs < 0 || secs > 360000) {
		snprintf(buf, n, "--:--");
		return;
	}
	int s = (int)(secs + 0.5);
	if (s >= 3600)
		snprintf(buf, n, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(buf, n, "%d:%02d", s / 60, s % 60);
}

void cli_progress_draw(const struct ingest_progress *p)
{
	size_t width = columns();
	char figures[160], line[512];
	if (p->phase == 0) {
		snprintf(line, sizeof(line), "scanning: %lld files found",
			 (long long)p->files_total);
		put_line(line, width);
		return;
	}
	double frac = p->bytes_total > 0 ?
		(double)p->bytes_done / (double)p->bytes_total :
		p->files_total > 0 ? (double)p->files_done / p->files_total : 1;
	if (frac > 1)
		frac = 1;
	double mb = p->bytes_done / 1e6, total_mb = p->bytes_total / 1e6;
	double rate = p->seconds > 0 ? mb / p->seconds : 0;
	/* The remaining time at the rate so far; by files when a first run
	 * did not measure the bytes ahead (ingest.c). */
	double left = frac > 0 && frac < 1 ? p->seconds * (1 - frac) / frac
					  : frac >= 1 ? 0 : -1;
	char eta[16], total[32] = "", records[32] = "";
	fmt_eta(eta, sizeof(eta), left);
	if (p->bytes_total > 0)
		snprintf(total, sizeof(total), "/%.1f", total_mb);
	/* A dump or a WARC is one file of many articles: count those. */
	if (p->records > 0)
		snprintf(records, sizeof(records), "  %lld records",
			 (long long)p->records);
	snprintf(figures, sizeof(figures), "%lld/%lld files%s  %.1f%s MB  "
		 "%.1f MB/s  ETA %s", (long long)p->files_done,
		 (long long)p->files_total, records, mb, total, rate,
		 p->phase == 2 ? "0:00" : eta);
	/* "[" bar "] " figures, in width - 1 columns. */
	size_t flen = strlen(figures), room = width > 1 ? width - 1 : 0;
	size_t bar = room > flen + 3 ? room - flen - 3 : 0;
	if (bar > BAR_MAX)
		bar = BAR_MAX;
	if (bar < BAR_MIN) {
		put_line(figures, width);
		return;
	}
	size_t fill = (size_t)(frac * (double)bar);
	line[0] = '[';
	for (size_t i = 0; i < bar; i++)
		line[1 + i] = i < fill ? '#' : '.';
	snprintf(line + 1 + bar, sizeof(line) - 1 - bar, "] %s", figures);
	put_line(line, width);
}

void cli_progress_clear(void)
{
	fputs("\r\033[K", stderr);
}
