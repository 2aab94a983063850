/*
 * Shared by the index fuzz targets (fuzz_index_*.c): the input is an
 * index file, as an attacker or a failing disk may leave one. Each run
 * writes it to a private folder (no -wal or -shm beside it) and opens it
 * as newsfs would; newsfs may refuse it, never crash, hang or run SQL it
 * did not write.
 *
 * Page-level mutations: besides libFuzzer's byte-level ones, the custom
 * mutator works in pages of the size the header gives: it copies, zeroes,
 * drops or repeats whole pages, and writes values that mean something
 * (0, 1, the page count, -1, INT_MAX) over page headers, cell pointers,
 * the database header's fields and any aligned 32-bit word.
 *
 * "No SQL of its own": every connection gets an authorizer (through
 * sqlite3_auto_extension) that aborts when a statement would run a
 * trigger other than newsfs's one, or call a function newsfs never
 * calls. A crafted schema could bring either; newsfs must refuse the
 * file before preparing anything against it.
 */
#ifndef NEWSFS_FUZZ_INDEX_H
#define NEWSFS_FUZZ_INDEX_H

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "index.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max,
			       unsigned int seed);

/* ---- The oracle: no trigger or function newsfs did not write ------ */

static int fuzz_authorizer(void *ctx, int action, const char *a,
			   const char *b, const char *db, const char *trigger)
{
	static const char *const functions[] = {
		"count", "total", "coalesce", "group_concat", "min", "max",
		"ifnull", "rtrim", "substr", "instr", "length", "printf",
		"upper", "lower", "hex", "abs", "typeof", "strftime",
		"replace",	/* an outlet's sources (outlet.c) */
		"match", "bm25",	/* the search index (search.c) */
		NULL,
	};
	(void)ctx;
	(void)a;
	(void)db;
	if (trigger && strcmp(trigger, "article_official_copy") != 0 &&
	    strcmp(trigger, "article_publication_copy") != 0) {
		fprintf(stderr, "fuzz: SQL of the file's own ran (%s)\n",
			trigger);
		abort();
	}
	if (action == SQLITE_FUNCTION) {	/* b: its name */
		for (int i = 0; functions[i]; i++)
			if (b && sqlite3_stricmp(b, functions[i]) == 0)
				return SQLITE_OK;
		fprintf(stderr, "fuzz: unexpected function %s\n", b ? b : "?");
		abort();
	}
	return SQLITE_OK;
}

static int fuzz_on_connect(sqlite3 *db, const char **err,
			   const struct sqlite3_api_routines *api)
{
	(void)err;
	(void)api;
	sqlite3_set_authorizer(db, fuzz_authorizer, NULL);
	return SQLITE_OK;
}

/* ---- The file ------------------------------------------------------ */

static char fuzz_dir[256];
static char fuzz_db[288];

static void fuzz_remove(void)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-lock",
					     "-journal", "-build"};
	char p[320];
	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", fuzz_db, suffix[i]);
		unlink(p);
	}
}

static void fuzz_cleanup(void)
{
	fuzz_remove();
	rmdir(fuzz_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* TMPDIR first: the test suite keeps every file in its own. */
	const char *base = getenv("TMPDIR");
	if (!base || !*base || strlen(base) > 200 || access(base, W_OK) != 0)
		base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(fuzz_dir, sizeof(fuzz_dir), "%s/newsfs-fuzz-XXXXXX", base);
	if (!mkdtemp(fuzz_dir))
		abort();
	snprintf(fuzz_db, sizeof(fuzz_db), "%s/index.db", fuzz_dir);
	atexit(fuzz_cleanup);
	sqlite3_auto_extension((void (*)(void))fuzz_on_connect);
	return 0;
}

/* Write the input as the index file, alone. */
static void fuzz_write(const uint8_t *data, size_t size)
{
	fuzz_remove();
	int fd = open(fuzz_db, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		abort();
	while (size > 0) {
		ssize_t n = write(fd, data, size);
		if (n <= 0)
			abort();
		data += n;
		size -= (size_t)n;
	}
	close(fd);
}

/* ---- Page-level mutations ------------------------------------------ */

static uint32_t fuzz_rand(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static size_t fuzz_page_size(const uint8_t *d, size_t size)
{
	if (size < 100)
		return 512;
	size_t p = (size_t)d[16] << 8 | d[17];
	if (p == 1)
		p = 65536;
	return p >= 512 && p <= 65536 && !(p & (p - 1)) ? p : 512;
}

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max,
			       unsigned int seed)
{
	uint32_t s = seed | 1;
	size_t ps = fuzz_page_size(data, size);
	size_t pages = size / ps;
	uint32_t interesting[] = {0, 1, 2, (uint32_t)pages, (uint32_t)pages + 1,
				  0x7fffffff, 0x80000000, 0xffffffff, 0xffff,
				  (uint32_t)ps};
	uint32_t v = interesting[fuzz_rand(&s) % 10];
	size_t page = pages ? fuzz_rand(&s) % pages : 0;
	size_t at = page * ps + (page == 0 ? 100 : 0);
	switch (pages < 2 ? 0 : fuzz_rand(&s) % 10) {
	case 0:
	case 1:
		return LLVMFuzzerMutate(data, size, max);
	case 2: {	/* one page over another */
		size_t to = fuzz_rand(&s) % pages;
		if (to != page)
			memmove(data + to * ps, data + page * ps, ps);
		break;
	}
	case 3:	/* a page of zeros (page 1 keeps its header) */
		memset(data + at, 0, (page + 1) * ps - at);
		break;
	case 4:	/* the file ends early */
		return page ? page * ps : size;
	case 5:	/* a page appears twice, at the end */
		if (size + ps <= max) {
			memcpy(data + size, data + page * ps, ps);
			return size + ps;
		}
		break;
	case 6:	/* the b-tree page header: type, freeblock, cells, content */
		if (at + 12 <= size) {
			size_t f = fuzz_rand(&s) % 12;
			data[at + f] = (uint8_t)v;
			if (f + 1 < 12 && (fuzz_rand(&s) & 1))
				data[at + f + 1] = (uint8_t)(v >> 8);
		}
		break;
	case 7: {	/* a cell pointer */
		size_t cells = at + 12 <= size ? ((size_t)data[at + 3] << 8 |
						  data[at + 4]) : 0;
		size_t hdr = data[at] == 2 || data[at] == 5 ? 12 : 8;
		if (cells) {
			size_t c = at + hdr + 2 * (fuzz_rand(&s) % cells);
			if (c + 2 <= size) {
				uint32_t o = fuzz_rand(&s) % (uint32_t)ps;
				data[c] = (uint8_t)(o >> 8);
				data[c + 1] = (uint8_t)o;
			}
		}
		break;
	}
	case 8: {	/* a field of the database header */
		static const uint8_t fields[] = {16, 20, 24, 28, 32, 36, 40,
						 44, 48, 52, 56, 60, 64, 68};
		put_be32(data + fields[fuzz_rand(&s) % sizeof(fields)], v);
		break;
	}
	default: {	/* any aligned word of a page */
		size_t o = page * ps + (fuzz_rand(&s) % (ps / 4)) * 4;
		if (o + 4 <= size)
			put_be32(data + o, v);
		break;
	}
	}
	return size;
}

#endif
