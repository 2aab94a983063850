/*
 * Shared by the libFuzzer targets: the gazetteer is loaded once per
 * process (it is immutable), and inputs are copied into a buffer of
 * exactly their size so ASan catches any read past the end.
 */
#ifndef NEWSFS_FUZZ_H
#define NEWSFS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline const struct ext_gaz *fuzz_gaz(void)
{
	static struct ext_gaz *g;
	char err[256];
	if (!g && ext_gaz_load(&g, NULL, err, sizeof(err)) != 0)
		abort();
	return g;
}

/* A malloc'd copy of data with a NUL after it (not counted in size). */
static inline char *fuzz_copy(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
