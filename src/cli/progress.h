/* Progress bar for long runs on a terminal (cmd_index). */
#ifndef NEWSFS_CLI_PROGRESS_H
#define NEWSFS_CLI_PROGRESS_H

#include "ingest.h"

void cli_progress_draw(const struct ingest_progress *p);
void cli_progress_clear(void);
/* One status line on stdout, redrawn in place, cut to the terminal. */
void cli_status_line(const char *line);

#endif
