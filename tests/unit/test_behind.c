/* Unit tests for src/index/behind.c, the build file's write-behind VFS. */
#include "check.h"
#include "index/internal.h"

#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#define PAGE 4096

static sqlite3_file *vfs_open(const char *path)
{
	sqlite3_vfs *v = sqlite3_vfs_find(NFS_VFS_BEHIND);
	sqlite3_file *f = calloc(1, (size_t)v->szOsFile);
	int out;
	if (f && v->xOpen(v, path, f, SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_CREATE |
			  SQLITE_OPEN_READWRITE, &out) != SQLITE_OK) {
		free(f);
		f = NULL;
	}
	return f;
}

static void vfs_close(sqlite3_file *f)
{
	f->pMethods->xClose(f);
	free(f);
}

static int write_page(sqlite3_file *f, int page, char fill)
{
	char buf[PAGE];
	memset(buf, fill, sizeof(buf));
	return f->pMethods->xWrite(f, buf, PAGE, (sqlite3_int64)page * PAGE);
}

/* Reads see writes still in the queue, whole or across two of them. */
static void test_reads(const char *path)
{
	sqlite3_file *f = vfs_open(path);
	CHECK(f != NULL, "the VFS opens a file");
	if (!f)
		return;
	CHECK(write_page(f, 0, 'a') == SQLITE_OK &&
	      write_page(f, 1, 'b') == SQLITE_OK &&
	      write_page(f, 0, 'c') == SQLITE_OK, "writes are queued");
	char buf[200];
	CHECK(f->pMethods->xRead(f, buf, 100, 10) == SQLITE_OK &&
	      buf[0] == 'c' && buf[99] == 'c',
	      "a read inside one page sees its newest write");
	CHECK(f->pMethods->xRead(f, buf, 200, PAGE - 100) == SQLITE_OK &&
	      buf[0] == 'c' && buf[99] == 'c' && buf[100] == 'b' &&
	      buf[199] == 'b', "a read across two pages sees both");
	sqlite3_int64 size = 0;
	CHECK(f->pMethods->xFileSize(f, &size) == SQLITE_OK &&
	      size == 2 * PAGE, "the size counts queued writes");
	CHECK(f->pMethods->xFileControl(f, NFS_FCNTL_FLUSH, NULL) ==
	      SQLITE_OK, "a flush reports success");
	CHECK(f->pMethods->xTruncate(f, PAGE) == SQLITE_OK &&
	      f->pMethods->xFileSize(f, &size) == SQLITE_OK && size == PAGE,
	      "a truncate shrinks the file");
	vfs_close(f);
}

/* A write that fails in the background fails the flush and every write
 * after it. RLIMIT_FSIZE makes pwrite() fail with EFBIG. */
static void test_failure(const char *path)
{
	unlink(path);
	sqlite3_file *f = vfs_open(path);
	if (!f)
		return;
	struct rlimit old, lim;
	getrlimit(RLIMIT_FSIZE, &old);
	lim = old;
	lim.rlim_cur = 16 * PAGE;
	signal(SIGXFSZ, SIG_IGN);
	setrlimit(RLIMIT_FSIZE, &lim);
	int rc = SQLITE_OK;
	for (int p = 0; p < 64 && rc == SQLITE_OK; p++)
		rc = write_page(f, p, 'x');
	int flush = f->pMethods->xFileControl(f, NFS_FCNTL_FLUSH, NULL);
	int after = write_page(f, 0, 'y');
	setrlimit(RLIMIT_FSIZE, &old);
	signal(SIGXFSZ, SIG_DFL);
	CHECK(flush == SQLITE_IOERR_WRITE,
	      "a flush reports a failed background write (%d)", flush);
	CHECK(after == SQLITE_IOERR_WRITE, "and so does the next write");
	vfs_close(f);
}

static int exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

/* Rows 1..n: a key in no order (so index pages are written, evicted and
 * read back all over) and a blob derived from the row. */
static int fill(sqlite3 *db, int n)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?1, ?2, ?3)", -1,
			       &st, NULL) != SQLITE_OK)
		return -1;
	char blob[3000];
	int rc = SQLITE_DONE;
	for (int i = 1; i <= n && rc == SQLITE_DONE; i++) {
		int len = 100 + i * 37 % 2900;
		memset(blob, 'a' + i % 26, (size_t)len);
		sqlite3_bind_int(st, 1, i);
		sqlite3_bind_int(st, 2, (int)((unsigned)i * 2654435761u >> 8));
		sqlite3_bind_blob(st, 3, blob, len, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* How many rows hold exactly what fill() put there. */
static int verify(sqlite3 *db)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT id, v FROM t ORDER BY k", -1, &st,
			       NULL) != SQLITE_OK)
		return -1;
	int good = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int i = sqlite3_column_int(st, 0);
		const char *v = sqlite3_column_blob(st, 1);
		int len = sqlite3_column_bytes(st, 1);
		good += len == 100 + i * 37 % 2900 && v &&
			v[0] == 'a' + i % 26 && v[len - 1] == 'a' + i % 26;
	}
	sqlite3_finalize(st);
	return good;
}

static bool integrity_ok(sqlite3 *db)
{
	sqlite3_stmt *st;
	bool ok = sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st,
				     NULL) == SQLITE_OK &&
		  sqlite3_step(st) == SQLITE_ROW &&
		  strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
	sqlite3_finalize(st);
	return ok;
}

/* A 4 KiB b-tree page of type type: n cells whose content starts at
 * start (0 meaning 65536, as in the file format). */
static void btree_page(unsigned char *p, unsigned char type, unsigned n,
		       unsigned start)
{
	memset(p, 0, PAGE);
	p[0] = type;
	p[3] = (unsigned char)(n >> 8);
	p[4] = (unsigned char)n;
	p[5] = (unsigned char)(start >> 8);
	p[6] = (unsigned char)start;
}

/* Which pages the VFS lets go of, from their bytes alone. */
static void test_page_kinds(void)
{
	unsigned char p[PAGE];
	btree_page(p, 0x0d, 3, PAGE - 3 * 1200);
	CHECK(idx_page_let_go(p, PAGE, 5 * PAGE),
	      "a table leaf of long rows (article bytes) goes");
	CHECK(!idx_page_let_go(p, PAGE, 0),
	      "page 1 (the header and schema) stays, whatever it holds");
	btree_page(p, 0x0d, 40, PAGE - 40 * 90);
	CHECK(!idx_page_let_go(p, PAGE, 5 * PAGE),
	      "a table leaf of short rows (article, source) stays");
	btree_page(p, 0x0d, 0, 0);
	CHECK(!idx_page_let_go(p, PAGE, 5 * PAGE),
	      "an empty table leaf stays");
	btree_page(p, 0x0a, 3, PAGE - 3 * 1200);
	CHECK(!idx_page_let_go(p, PAGE, 5 * PAGE), "an index leaf stays");
	btree_page(p, 0x02, 3, PAGE - 300);
	CHECK(!idx_page_let_go(p, PAGE, 5 * PAGE),
	      "an interior index page stays");
	btree_page(p, 0x05, 3, PAGE - 300);
	CHECK(!idx_page_let_go(p, PAGE, 5 * PAGE),
	      "an interior table page stays");
	memset(p, 'x', sizeof(p));
	p[0] = p[1] = 0;
	CHECK(idx_page_let_go(p, PAGE, 5 * PAGE),
	      "an overflow page (the rest of a long row) goes");
	p[0] = 'x';
	CHECK(!idx_page_let_go(p, PAGE, 5 * PAGE),
	      "a page of no known kind stays");
}

/* Which of the pages of fd's first size bytes are in memory, one byte
 * per 4 KiB page in vec (bit 0). mincore() asks without reading. */
static int in_memory(int fd, size_t size, unsigned char *vec)
{
	void *map = mmap(NULL, size, PROT_READ, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED)
		return -1;
	int rc = mincore(map, size, vec);
	munmap(map, size);
	return rc;
}

/* After the VFS closed a database it built: how many of the pages it
 * lets go of, and of the others, are still in memory. The file is read to
 * classify its pages only once in_memory() has looked. */
static int residency(const char *path, int in[2], int all[2])
{
	int fd = open(path, O_RDONLY);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0 || st.st_size % PAGE) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	size_t pages = (size_t)st.st_size / PAGE;
	unsigned char *vec = malloc(pages + 1);
	int rc = vec ? in_memory(fd, (size_t)st.st_size, vec) : -1;
	unsigned char p[PAGE];
	for (size_t i = 0; !rc && i < pages; i++) {
		if (pread(fd, p, PAGE, (off_t)(i * PAGE)) != PAGE) {
			rc = -1;
			break;
		}
		int go = idx_page_let_go(p, PAGE, (sqlite3_int64)(i * PAGE));
		all[go]++;
		in[go] += vec[i] & 1;
	}
	free(vec);
	close(fd);
	return rc;
}

enum { ROWS = 5000 };

/* A new database at path of ROWS rows of fill(), written through the VFS
 * as a first run writes its index, with a cache of cache pages. */
static sqlite3 *build(const char *path, int cache)
{
	char sql[400];
	snprintf(sql, sizeof(sql), "PRAGMA page_size = 4096;"
		 "PRAGMA journal_mode = OFF; PRAGMA locking_mode = EXCLUSIVE;"
		 "PRAGMA cache_size = %d;"
		 "CREATE TABLE t(id INTEGER PRIMARY KEY, k INTEGER, v BLOB);"
		 "CREATE INDEX t_k ON t(k); BEGIN", cache);
	unlink(path);
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE |
				 SQLITE_OPEN_CREATE, NFS_VFS_BEHIND);
	CHECK(rc == SQLITE_OK && exec(db, sql) == SQLITE_OK &&
	      fill(db, ROWS) == 0 && exec(db, "COMMIT") == SQLITE_OK,
	      "a database is written through the VFS (a cache of %d pages)",
	      cache);
	return db;
}

/* What an ordinary connection finds in the file the VFS wrote: intact,
 * with every row of build(). */
static bool file_holds_all(const char *path)
{
	sqlite3 *db = NULL;
	bool ok = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) ==
		  SQLITE_OK && integrity_ok(db) && verify(db) == ROWS;
	sqlite3_close(db);
	return ok;
}

/* A database built through the VFS with a cache of a few pages, so that
 * SQLite reads back pages whose writes are still queued. */
static void test_database(const char *path)
{
	sqlite3 *db = build(path, 8);
	CHECK_INT(verify(db), ROWS, "its connection reads every row back");
	CHECK(integrity_ok(db), "its connection finds it intact");
	CHECK(sqlite3_file_control(db, "main", NFS_FCNTL_FLUSH, NULL) ==
	      SQLITE_OK, "every write reached the file");
	sqlite3_close(db);
	CHECK(file_holds_all(path),
	      "the file holds all of it for an ordinary connection");
}

/* Whether path's file system drops written pages on request at all (a
 * tmpfs cannot: its pages are the only copy). */
static bool drops_pages(const char *path)
{
	char probe[4096 + 16];
	snprintf(probe, sizeof(probe), "%s-probe", path);
	int fd = open(probe, O_RDWR | O_CREAT | O_TRUNC, 0600);
	char buf[4 * PAGE];
	unsigned char vec[4] = {1, 1, 1, 1};
	memset(buf, 'p', sizeof(buf));
	bool ok = fd >= 0 && pwrite(fd, buf, sizeof(buf), 0) ==
		  (ssize_t)sizeof(buf) && fsync(fd) == 0 &&
		  posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) == 0 &&
		  in_memory(fd, sizeof(buf), vec) == 0 &&
		  !(vec[0] & 1) && !(vec[3] & 1);
	if (fd >= 0)
		close(fd);
	unlink(probe);
	return ok;
}

/* Built with a cache that holds it all, as a first run's pages mostly
 * are: nothing is read back, and the pages of long rows leave memory
 * once written while the rest stays. */
static void test_let_go(const char *path)
{
	sqlite3_close(build(path, 4000));

	int in[2] = {0, 0}, all[2] = {0, 0};
	CHECK(residency(path, in, all) == 0 && all[0] > 10 && all[1] > 100,
	      "it has pages of both kinds (%d kept, %d let go)", all[0],
	      all[1]);
	if (drops_pages(path)) {
		CHECK(in[1] * 10 <= all[1], "the pages of long rows left "
		      "memory once written (%d of %d still there)", in[1],
		      all[1]);
		CHECK(in[0] * 2 >= all[0], "the other pages stayed (%d of %d)",
		      in[0], all[0]);
	} else {
		SKIP("pages leaving memory",
		     "the file system of %s keeps written pages (tmpfs?)",
		     path);
	}
	CHECK(file_holds_all(path), "and the file holds every row");
}

int main(void)
{
	char path[] = "/tmp/newsfs-test-behind-XXXXXX";
	if (check_temp_path(path))
		return 1;
	CHECK(idx_behind_register() == 0 && idx_behind_register() == 0,
	      "the VFS registers, once");
	test_page_kinds();
	test_reads(path);
	test_failure(path);
	test_database(path);
	test_let_go(path);
	unlink(path);
	return check_done();
}
