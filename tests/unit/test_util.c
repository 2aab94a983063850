/* Unit tests for src/util: buffers, hashing, UTF-8, names, dates. */
#include "check.h"
#include "util.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static void test_sbuf(void)
{
	struct sbuf sb = {0};
	CHECK(sbuf_addstr(&sb, "abc") == 0 && sb.len == 3, "sbuf appends");
	CHECK(sbuf_addf(&sb, "-%d-%s", 42, "x") == 0, "sbuf formats");
	CHECK_STR(sb.buf, "abc-42-x", "sbuf keeps a NUL-terminated copy");
	for (int i = 0; i < 10000; i++)
		sbuf_addch(&sb, 'z');
	CHECK_INT(sb.len, 10008, "sbuf grows past its first allocation");
	sbuf_reset(&sb);
	CHECK(sb.len == 0 && sb.buf[0] == '\0', "sbuf resets to empty");
	sbuf_release(&sb);
	CHECK(sb.buf == NULL, "sbuf release frees");
	/* Grown through many doublings (past malloc's mmap threshold):
	 * every byte added before is still there, in order. */
	bool same = true;
	for (uint32_t i = 0; i < (3u << 20) / sizeof(i) && same; i++)
		same = sbuf_add(&sb, &i, sizeof(i)) == 0;
	for (uint32_t i = 0; i < (3u << 20) / sizeof(i) && same; i++)
		same = memcmp(sb.buf + i * sizeof(i), &i, sizeof(i)) == 0;
	CHECK(same && sb.len == 3u << 20 && sb.buf[sb.len] == '\0',
	      "sbuf keeps every byte through its growth past 256 KiB");
	sbuf_release(&sb);
}

static void test_hash(void)
{
	uint8_t a[NFS_HASH_LEN], b[NFS_HASH_LEN], c[NFS_HASH_LEN];
	char hex[2 * NFS_HASH_LEN + 1];
	nfs_hash("hello", 5, a);
	nfs_hash("hello", 5, b);
	nfs_hash("hellp", 5, c);
	CHECK(memcmp(a, b, sizeof(a)) == 0, "equal content, equal hash");
	CHECK(memcmp(a, c, sizeof(a)) != 0, "one byte changed, hash differs");
	nfs_hash("", 0, a);
	nfs_hash_hex(a, hex);
	/* Published XXH3-128 of the empty input (xxhash's test vectors). */
	CHECK_STR(hex, "99aa06d3014798d86001c324468d497f",
		  "empty input hashes to the XXH3-128 reference value");
}

static void test_utf8(void)
{
	CHECK(utf8_valid("plain ascii text, long enough", 29), "ascii is UTF-8");
	CHECK(utf8_valid("caf\xc3\xa9 \xe2\x80\x99 \xf0\x9f\x98\x80", 14),
	      "2-, 3- and 4-byte sequences are UTF-8");
	CHECK(!utf8_valid("caf\xe9", 4), "a Latin-1 byte is not UTF-8");
	CHECK(!utf8_valid("\xc0\xaf", 2), "overlong '/' is rejected");
	CHECK(!utf8_valid("\xed\xa0\x80", 3), "surrogates are rejected");
	CHECK(!utf8_valid("\xf4\x90\x80\x80", 4), "above U+10FFFF is rejected");
	CHECK(!utf8_valid("ab\xe2\x80", 4), "a truncated sequence is rejected");
	CHECK_INT(utf8_trim("ab\xc3\xa9", 3), 2,
		  "trim does not cut a character in half");
	CHECK_INT(utf8_trim("ab\xc3\xa9", 4), 4, "trim keeps a whole character");

	struct sbuf sb = {0};
	cp1252_to_utf8(&sb, "caf\xe9 \x93q\x94 \x80", 10);
	CHECK_STR(sb.buf, "caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d \xe2\x82\xac",
		  "Windows-1252 decodes accents, quotes and the euro sign");
	sbuf_release(&sb);
}

static void test_names(void)
{
	char out[NFS_NAME_MAX + 1];
	nfs_article_name(out, 20240728, "Japan, U.S. reaffirm unity", 26, NULL);
	CHECK_STR(out, "2024-07-28 Japan, U.S. reaffirm unity.txt",
		  "dated name is '<date> <title>.txt'");
	nfs_article_name(out, 0, "US/Japan\ttalks\n", 15, NULL);
	CHECK_STR(out, "US-Japan talks.txt",
		  "slash and control characters never reach a name");
	nfs_article_name(out, 0, "..", 2, NULL);
	CHECK_STR(out, "untitled.txt", "'..' as a title becomes 'untitled'");
	nfs_article_name(out, 0, ".hidden", 7, NULL);
	CHECK_STR(out, "hidden.txt", "no name starts with a dot");
	nfs_article_name(out, 0, "caf\xe9", 4, NULL);
	CHECK(utf8_valid(out, strlen(out)), "invalid UTF-8 is repaired");
	nfs_article_name(out, 20240101, "Same title", 10, "1a2b3c4d");
	CHECK_STR(out, "2024-01-01 Same title [1a2b3c4d].txt",
		  "a tag makes a colliding name unique");

	/* 5,000 x 'é': truncation must land between two characters. */
	char *big = malloc(10000);
	for (int i = 0; i + 1 < 10000; i += 2)
		big[i] = '\xc3', big[i + 1] = '\xa9';
	size_t n = nfs_article_name(out, 20240101, big, 10000, "x");
	CHECK(n <= NFS_NAME_MAX && strlen(out) == n, "long titles fit in 255 bytes");
	CHECK(utf8_valid(out, n), "truncation keeps the name valid UTF-8");
	CHECK(strcmp(out + n - 8, " [x].txt") == 0, "truncation keeps the tag");
	free(big);
}

static void test_name_ok(void)
{
	CHECK(nfs_name_ok("Lloyd Austin"), "a plain name is a folder name");
	CHECK(nfs_name_ok("C\xc3\xb4te d'Ivoire"), "UTF-8 and apostrophes are fine");
	CHECK(!nfs_name_ok(""), "an empty name is not");
	CHECK(!nfs_name_ok("."), "'.' is not");
	CHECK(!nfs_name_ok(".."), "'..' is not");
	CHECK(!nfs_name_ok(".hidden"), "a leading dot is not");
	CHECK(!nfs_name_ok("a/b"), "a slash is not");
	CHECK(!nfs_name_ok("a|b"), "the list separator is not");
	CHECK(!nfs_name_ok("a\nb"), "a newline is not");
	CHECK(!nfs_name_ok("caf\xe9"), "invalid UTF-8 is not");
	char big[300];
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	CHECK(!nfs_name_ok(big), "more than 255 bytes is not");
}

static void test_pairset(void)
{
	struct pairset s = {0};
	CHECK(pairset_add(&s, 1, 2) == 1, "a new pair is added");
	CHECK(pairset_add(&s, 1, 2) == 0, "the same pair is not added twice");
	CHECK(pairset_add(&s, 2, 1) == 1, "order within a pair matters");
	for (uint64_t i = 0; i < 5000; i++)
		pairset_add(&s, i, i * 7);
	CHECK_INT(s.n, 5002, "the set grows past its first table");
	CHECK(pairset_add(&s, 4999, 4999 * 7) == 0, "and still finds old pairs");
	pairset_clear(&s);
	CHECK(s.n == 0 && pairset_add(&s, 1, 2) == 1, "clear empties it");
	pairset_free(&s);
	CHECK(s.slot == NULL, "free releases it");
}

static void test_ids_sort_unique(void)
{
	int64_t a[] = {5, 3, 9, 3, 1, 5, 200};
	size_t n = ids_sort_unique(a, 7, sizeof(a[0]));
	CHECK(n == 5 && a[0] == 1 && a[1] == 3 && a[2] == 5 && a[3] == 9 &&
	      a[4] == 200, "ids in any order: sorted, repeats dropped");
	int64_t s[] = {1, 2, 2, 7};
	CHECK(ids_sort_unique(s, 4, sizeof(s[0])) == 3 && s[2] == 7,
	      "sorted ids: repeats dropped");
	int64_t far[] = {INT64_C(1) << 40, 4, 1, 4};
	n = ids_sort_unique(far, 4, sizeof(far[0]));
	CHECK(n == 3 && far[0] == 1 && far[1] == 4 &&
	      far[2] == INT64_C(1) << 40, "ids too far apart for a bitmap");
	struct rec {
		int64_t id;
		int tag;
	} r[] = {{8, 1}, {2, 2}, {8, 1}, {5, 3}};
	n = ids_sort_unique(r, 4, sizeof(r[0]));
	CHECK(n == 3 && r[0].id == 2 && r[0].tag == 2 && r[1].id == 5 &&
	      r[1].tag == 3 && r[2].id == 8 && r[2].tag == 1,
	      "records sort by the id they begin with, the rest with them");
	CHECK(ids_has(a, 5, 9) && ids_has(a, 5, 1) && ids_has(a, 5, 200) &&
	      !ids_has(a, 5, 4) && !ids_has(a, 5, 201) && !ids_has(a, 0, 1),
	      "ids_has finds what a sorted list holds, nothing else");
	int64_t one = 4;
	CHECK(ids_sort_unique(&one, 1, sizeof(one)) == 1 &&
	      ids_sort_unique(NULL, 0, sizeof(one)) == 0, "tiny lists");
}

static void test_dates(void)
{
	CHECK(nfs_date_valid(20240229), "2024-02-29 exists");
	CHECK(!nfs_date_valid(20230229), "2023-02-29 does not");
	CHECK(!nfs_date_valid(20241301), "month 13 does not");
	CHECK_INT(nfs_date_to_time(19700101), 0, "epoch is day 0");
	CHECK_INT(nfs_date_to_time(20240728), 1722124800LL,
		  "2024-07-28 is 1722124800 s");
	CHECK_INT(nfs_date_to_time(19870226), 541296000LL,
		  "1987-02-26 is 541296000 s");
}

static void test_mountinfo(void)
{
	struct mountinfo_line m;
	char a[] = "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue\n";
	CHECK(mountinfo_parse(a, &m) == 0 && m.major == 98 && m.minor == 0,
	      "mountinfo: a line with an optional field parses");
	CHECK_STR(m.point, "/mnt2", "mountinfo: the mount point");
	CHECK_STR(m.root, "/mnt1", "mountinfo: the root");
	CHECK_STR(m.fstype, "ext3", "mountinfo: the type after the '-'");
	CHECK_STR(m.source, "/dev/root", "mountinfo: the source");
	char b[] = "44 26 0:39 / /tmp/a\\040b\\012c\\134 ro - fuse.newsfs /x/i.db ro";
	CHECK(mountinfo_parse(b, &m) == 0, "mountinfo: no optional field");
	CHECK_STR(m.point, "/tmp/a b\nc\\", "mountinfo: octal escapes undone");
	CHECK_STR(m.fstype, "fuse.newsfs", "mountinfo: a FUSE subtype");
	char c[] = "44 26 0:39 / /tmp/x ro shared:1";
	CHECK(mountinfo_parse(c, &m) == -EINVAL, "mountinfo: no '-' is refused");
	char d[] = "44 26 039 / /tmp/x ro - ext4 /dev/x rw";
	CHECK(mountinfo_parse(d, &m) == -EINVAL, "mountinfo: a bad device is refused");
	char e[] = "";
	CHECK(mountinfo_parse(e, &m) == -EINVAL, "mountinfo: an empty line is refused");
}

/* A worker that sleeps until it is told to stop. */
struct sleeper {
	struct nfs_worker w;
	bool saw_stop;
};

static void *sleep_main(void *arg)
{
	struct sleeper *z = arg;
	pthread_mutex_lock(&z->w.lock);
	while (!z->w.stop)
		pthread_cond_wait(&z->w.cv, &z->w.lock);
	z->saw_stop = true;
	pthread_mutex_unlock(&z->w.lock);
	return NULL;
}

static void test_worker(void)
{
	struct sleeper z = {0};
	nfs_worker_stop(&z.w);	/* never started: nothing to do */
	CHECK(nfs_worker_start(&z.w, sleep_main, &z) == 0 && z.w.running,
	      "worker: starts");
	nfs_worker_stop(&z.w);
	CHECK(!z.w.running && z.saw_stop, "worker: stops, joined");
	nfs_worker_stop(&z.w);	/* twice is fine */
	z.saw_stop = false;
	CHECK(nfs_worker_start(&z.w, sleep_main, &z) == 0,
	      "worker: starts again after a stop");
	nfs_worker_stop(&z.w);
	CHECK(z.saw_stop, "worker: the second run stops too");
}

int main(void)
{
	test_worker();
	test_sbuf();
	test_hash();
	test_utf8();
	test_names();
	test_name_ok();
	test_pairset();
	test_ids_sort_unique();
	test_dates();
	test_mountinfo();
	return check_done();
}
