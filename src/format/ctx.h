/*
 * struct fmt_ctx, shared by format.c (its life) and the readers of each
 * format: the buffers one thread reuses from file to file.
 */
#ifndef NEWSFS_FORMAT_CTX_H
#define NEWSFS_FORMAT_CTX_H

#include "internal.h"

struct fmt_ctx {
	struct hdom dom;
	struct hmeta meta;
	struct htext text;
	struct sbuf decoded;	/* the page as UTF-8, when it was not */
	struct sbuf body;	/* the record's clean text */
};

#endif
