/*
 * The progress bar of `newsfs index` on a terminal. Drawn on stderr with
 * a carriage return, erased when the run ends, so the summary line that
 * follows stands alone. Never used when stderr is not a terminal.
 */
#include "cli.h"
#include "progress.h"

#include <stdio.h>

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
	if (p->phase == 0) {
		fprintf(stderr, "\rscanning: %lld files found\033[K",
			(long long)p->files_total);
		return;
	}
	double frac = p->bytes_total > 0 ?
		(double)p->bytes_done / (double)p->bytes_total :
		p->files_total > 0 ? (double)p->files_done / p->files_total : 1;
	if (frac > 1)
		frac = 1;
	char bar[31];
	int fill = (int)(frac * 30);
	for (int i = 0; i < 30; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[30] = '\0';
	double mb = p->bytes_done / 1e6, total_mb = p->bytes_total / 1e6;
	double rate = p->seconds > 0 ? mb / p->seconds : 0;
	/* The remaining time at the rate so far; by files when a first run
	 * did not measure the bytes ahead (ingest.c). */
	double left = frac > 0 && frac < 1 ? p->seconds * (1 - frac) / frac
					  : frac >= 1 ? 0 : -1;
	char eta[16], total[32] = "";
	fmt_eta(eta, sizeof(eta), left);
	if (p->bytes_total > 0)
		snprintf(total, sizeof(total), "/%.1f", total_mb);
	fprintf(stderr, "\r[%s] %lld/%lld files  %.1f%s MB  %.1f MB/s  "
		"ETA %s\033[K", bar, (long long)p->files_done,
		(long long)p->files_total, mb, total, rate,
		p->phase == 2 ? "0:00" : eta);
}

void cli_progress_clear(void)
{
	fputs("\r\033[K", stderr);
}
