/*
 * Minimal unit-test support: each CHECK prints one result line that
 * tests/run counts ("ok - ...", "not ok - ..."). No framework, no
 * registration: a test file is a main() that calls its cases in order.
 */
#ifndef NEWSFS_CHECK_H
#define NEWSFS_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int check_failed;

#define CHECK(cond, ...) do { \
	int ok_ = !!(cond); \
	printf("%s - ", ok_ ? "ok" : "not ok"); \
	printf(__VA_ARGS__); \
	printf("\n"); \
	if (!ok_) { \
		check_failed++; \
		printf("#   %s:%d: %s\n", __FILE__, __LINE__, #cond); \
	} \
} while (0)

/* A case that cannot run here, and why: tests/run lists it, counted
 * apart from passes and failures. */
#define SKIP(what, ...) do { \
	printf("skip - %s: ", what); \
	printf(__VA_ARGS__); \
	printf("\n"); \
} while (0)

/* String equality with both values shown on failure. */
#define CHECK_STR(got, want, ...) do { \
	const char *g_ = (got), *w_ = (want); \
	int ok_ = g_ && w_ ? strcmp(g_, w_) == 0 : g_ == w_; \
	printf("%s - ", ok_ ? "ok" : "not ok"); \
	printf(__VA_ARGS__); \
	printf("\n"); \
	if (!ok_) { \
		check_failed++; \
		printf("#   %s:%d: got '%s', want '%s'\n", __FILE__, __LINE__, \
		       g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
	} \
} while (0)

#define CHECK_INT(got, want, ...) do { \
	long long g_ = (long long)(got), w_ = (long long)(want); \
	printf("%s - ", g_ == w_ ? "ok" : "not ok"); \
	printf(__VA_ARGS__); \
	printf("\n"); \
	if (g_ != w_) { \
		check_failed++; \
		printf("#   %s:%d: got %lld, want %lld\n", __FILE__, __LINE__, \
		       g_, w_); \
	} \
} while (0)

/* Make tmpl (ending in XXXXXX) the name of a new, empty file of the
 * test's own: 0, or -1 when it cannot be made. */
static inline int check_temp_path(char *tmpl)
{
	int fd = mkstemp(tmpl);
	CHECK(fd >= 0, "a temporary file %s", tmpl);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

/* Remove a test's SQLite file and the WAL, shared-memory and lock
 * files beside it. */
static inline void check_unlink_db(const char *path)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-lock"};
	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		char p[4096];
		snprintf(p, sizeof(p), "%s%s", path, suffix[i]);
		unlink(p);
	}
}

static inline int check_done(void)
{
	return check_failed ? 1 : 0;
}

#endif
