/*
 * Private to src/index: the connection struct and the statement cache.
 * All SQL text lives in stmt.c, indexed by enum stmt_id, so it can be
 * reviewed in one place.
 */
#ifndef NEWSFS_INDEX_INTERNAL_H
#define NEWSFS_INDEX_INTERNAL_H

#include <sqlite3.h>

#include "index.h"

enum stmt_id {
	/* transactions */
	ST_BEGIN,
	ST_COMMIT,
	ST_ROLLBACK,
	/* meta */
	ST_META_GET,
	ST_META_SET,
	/* writer */
	ST_SOURCE_ANY,
	ST_SOURCE_GET,
	ST_SOURCE_SEEN,
	ST_SOURCE_PUT,
	ST_SOURCE_OLD_ARTICLE,
	ST_SOURCE_DROP,
	ST_SOURCE_UNSEEN,
	ST_SOURCE_DROP_ID,
	ST_ARTICLE_FIND,
	ST_ARTICLE_INSERT,
	ST_ARTICLE_MAX_ID,
	ST_ARTICLE_UPDATE,
	ST_ARTICLE_UNLINK_COUNTRIES,
	ST_ARTICLE_UNLINK_OFFICIALS,
	ST_GC_COUNTRY_ADD,
	ST_GC_OFFICIAL_ADD,
	ST_GC_DAY_ADD,
	ST_ARTICLE_SET_NLINK,
	ST_CONTENT_INSERT,
	ST_PACK_STATE,
	ST_COUNTRY_UPSERT,
	ST_COUNTRY_ID,
	ST_ARTICLE_COUNTRY_INSERT,
	ST_OFFICIAL_UPSERT,
	ST_OFFICIAL_ID,
	ST_ARTICLE_OFFICIAL_INSERT,
	ST_WORD_OFFICIALS,
	ST_WORD_INSERT,
	ST_MERGE_GONE,
	ST_MERGE_SHARED,
	ST_MERGE_NLINK,
	ST_MERGE_MOVE,
	ST_MERGE_DROP_LINKS,
	ST_OFFICIAL_DELETE,
	ST_DAY_INSERT,
	ST_GC_CANDIDATE_ADD,
	/* views */
	ST_LIST_ALL,
	ST_LIST_COUNTRY,
	ST_LIST_OFFICIAL,
	ST_LIST_DAY,
	ST_LIST_UNDATED,
	ST_HAS_ALL,
	ST_HAS_COUNTRY,
	ST_HAS_OFFICIAL,
	ST_HAS_DAY,
	ST_HAS_UNDATED,
	ST_LOOKUP_ALL,
	ST_LOOKUP_COUNTRY,
	ST_LOOKUP_OFFICIAL,
	ST_LOOKUP_DAY,
	ST_LOOKUP_UNDATED,
	ST_ARTICLE_ATTR,
	ST_ARTICLE_HASH,
	ST_ARTICLE_COUNTRIES,
	ST_ARTICLE_OFFICIALS,
	ST_ARTICLE_SOURCES,
	ST_COUNTRY_LIST,
	ST_OFFICIAL_LIST,
	ST_COUNTRY_FIND,
	ST_OFFICIAL_FIND,
	ST_COUNTRY_EXISTS,
	ST_OFFICIAL_EXISTS,
	ST_DAY_NEXT,
	/* change journal */
	ST_CHANGE_INSERT,
	ST_CHANGES,
	ST_CHANGES_BOUNDS,
	ST_DATA_VERSION,
	/* reports */
	ST_EXPORT,
	ST_SOURCE_LIST,
	ST_STATS,
	ST_INTEGRITY,
	ST_CHECK_ARTICLES,
	ST_CHECK_DANGLING,
	ST__COUNT
};

/* Writer-side cache of facet ids by name (and official key), so linking
 * an article to a known country costs one insert instead of three
 * statements. Emptied whenever a rollback could have undone a row. */
#define FACET_CACHE 1024
struct facet_cache {
	struct facet_slot {
		char *name;	/* NULL: empty */
		int64_t id;
	} slot[2][FACET_CACHE];	/* [IDX_COUNTRY], [IDX_OFFICIAL] */
};

struct idx {
	sqlite3 *db;
	enum idx_mode mode;
	sqlite3_stmt *stmt[ST__COUNT];	/* prepared on first use */
	struct facet_cache *facets;	/* writer only */
	struct pairset changes;	/* writer: (folder, key) listings changed
				 * in the open transaction (change.c) */
	int lock_fd;		/* writer: holds PATH-lock (lock.c), or -1 */
	struct idx_build *build;	/* writer of a first run, until
					 * published (build.c), or NULL */
	struct {			/* writer: the content leaf being
					 * filled (pack.c) */
		bool on;		/* the figures below are exact */
		uint32_t usable;	/* bytes of a page SQLite may use */
		size_t room;		/* bytes left in the rightmost leaf */
		int64_t next_id;	/* the rowid the next row will likely get */
	} pack;
	int sqlite_rc;		/* of the last failure (idx_fail) */
	char errmsg[512];
};

/* The change journal (change.c): note a folder whose listing changed;
 * write the notes (at commit); forget them (after a rollback). */
int idx_note_change(struct idx *ix, enum idx_folder folder, int64_t key);
int idx_note_date(struct idx *ix, int32_t ymd);
int idx_changes_flush(struct idx *ix);
/* Surnames alone across articles (person.c): the one person a one-word
 * key belongs to (-ENOENT: none, or several); and the bookkeeping after
 * a two-word person was created. */
int idx_person_resolve(struct idx *ix, const char *key, int64_t *id);
int idx_person_created(struct idx *ix, int64_t id, const char *key);

/* Journal that article id's name leaves every folder it is in (gc.c). */
int idx_journal_gone_article(struct idx *ix, int64_t id);
void idx_changes_clear(struct idx *ix);
void idx_changes_free(struct idx *ix);

/* The writers' lock, PATH-lock (lock.c): OUT: *fd, which holds it (or
 * -1 where the file system has no locks). When another process holds
 * it, wait (if not NULL) hears who; a non-zero return gives up: -EBUSY
 * and err says who holds it. Otherwise this waits for the lock. */
int idx_lock_take(const char *path, idx_wait_fn wait, void *ctx, int *fd,
		  char *err, size_t errsz);
void idx_lock_release(int fd);

/* A first run's index, built aside (build.c): claim PATH-build; the
 * file SQLite writes, and PATH; sync it and rename it to PATH (SQLite
 * must have closed it); remove what is left and release the claim. */
int idx_build_begin(struct idx_build **out, const char *path, char *err,
		    size_t errsz);
const char *idx_build_file(const struct idx_build *b);
const char *idx_build_path(const struct idx_build *b);
int idx_build_publish(struct idx_build *b, char *err, size_t errsz);
void idx_build_end(struct idx_build *b);

/* The content leaf model (pack.c): start it, if the content table is
 * empty; stop it, when rows may have gone; count a row just added. */
void idx_pack_start(struct idx *ix);
void idx_pack_stop(struct idx *ix);
void idx_pack_added(struct idx *ix, int64_t id, size_t len);

void idx_facet_cache_clear(struct idx *ix);
/* Forget the cached id of one name (or official key). */
void idx_facet_cache_forget(struct idx *ix, enum idx_facet f,
			    const char *key);

/* The cached statement id, reset and unbound, or NULL (errmsg set). */
sqlite3_stmt *idx_stmt(struct idx *ix, enum stmt_id id);
void idx_stmts_finalize(struct idx *ix);
/* Reset after use so the statement ends its read transaction. */
void idx_stmt_done(sqlite3_stmt *st);
/* Record sqlite's message for rc (prefixed by what) and map rc to
 * -errno. Call before anything else touches the connection. */
int idx_fail(struct idx *ix, int rc, const char *what);
/* Run SQL that returns no rows (schema, pragmas, transactions). */
int idx_exec(struct idx *ix, const char *sql);

/* PRAGMA application_id of every index ("NWSF"), and the schema version
 * of this build: the number of migrations (schema.c). */
#define IDX_APP_ID 0x4e575346
#define IDX_SCHEMA_MAX 6
/* The SQL that takes version v to v + 1, or NULL. */
const char *idx_migration(int v);

/* Schema: create or migrate to the current version, inside one
 * transaction. Only for IDX_WRITE handles. */
int idx_schema_migrate(struct idx *ix);
/* Refuse databases that are not ours, newer than this build, of a
 * version newsfs never wrote, or whose schema is not exactly the one
 * their version has. Reads only. */
int idx_schema_check(struct idx *ix);

/* Before a connection opens path for mode (verify.c): refuse a file
 * that is not an SQLite database or is another program's, from its
 * header alone, then anything idx_schema_check() refuses, on a
 * connection that writes and creates nothing. 0 when path is missing or
 * empty. err names path. */
int idx_file_check(const char *path, enum idx_mode mode, char *err,
		   size_t errsz);
/* The schema of the open file is exactly version's (verify.c). */
int idx_schema_verify(struct idx *ix, int version);
/* What SQLite's notes on database files from elsewhere advise
 * (security.html) for every connection: no deliberate corruption through
 * SQL, no function with side effects run from the schema, no views (an
 * index has none). */
void idx_harden(sqlite3 *db);
/* Read-only media (media.c). Whether path's WAL holds anything. Whether
 * a reader must open path immutable: nothing can create its -wal and
 * -shm files and its WAL holds nothing. After a reader's open failed
 * with sqlite_rc, replace msg with why, when read-only media explain it. */
bool idx_wal_in_use(const char *path);
bool idx_media_immutable(const char *path);
void idx_media_explain(const char *path, int sqlite_rc, char *msg, size_t n);
/* "file:" URI of path with the query (uri.c), sqlite3_free()d. */
char *idx_uri(const char *path, const char *query);

int64_t idx_meta_get(struct idx *ix, const char *key, int64_t dflt);
int idx_meta_set(struct idx *ix, const char *key, int64_t value);

/* Note that an article may have lost its last source (see gc.c). */
int idx_gc_note(struct idx *ix, int64_t article_id);

/* Column i of st, if it can name an entry of a folder: 1 to NFS_NAME_MAX
 * bytes, no NUL or '/', not "." or "..". Else NULL: a damaged or crafted
 * row, which a listing skips (the kernel would fail the whole listing
 * with EIO on such a name, and a NULL would crash the lister). */
const char *idx_column_name(sqlite3_stmt *st, int i);

/* Step a one-row query: 0 and column 0 as an integer, or -ENOENT.
 * Resets st either way. */
int idx_one_int(struct idx *ix, sqlite3_stmt *st, int64_t *out);

/* Step a statement that must produce no row. */
int idx_step_done(struct idx *ix, sqlite3_stmt *st, const char *what);

#endif
