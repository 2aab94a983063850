/*
 * Private to src/index: the connection struct and the statement cache.
 * All SQL text lives in stmt.c, indexed by enum stmt_id (statements) and
 * enum sql_script (fixed scripts of several statements), so it can be
 * reviewed in one place. The one exception is the schema itself, the
 * migrations of schema.c.
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
	ST_SOURCE_UNSEEN,
	ST_SOURCE_DROP_ID,
	ST_SOURCE_UNSEEN_SHORT,
	ST_SRC_BASE_GET,
	ST_SRC_BASE_SET,
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
	ST_DAY_INSERT,
	ST_GC_CANDIDATE_ADD,
	/* garbage collection (gc.c), in the order idx_gc() runs them */
	ST_GC_ORPHANS,
	ST_GC_STALE_PUBLICATIONS,
	ST_GC_JOURNAL_STALE_PUBLICATIONS,
	ST_GC_UNLINK_STALE_PUBLICATIONS,
	ST_GC_NLINK_STALE_PUBLICATIONS,
	ST_GC_JOURNAL_STALE_ARTICLES,
	ST_GC_STALE_PUBLICATION_FOLDERS,
	ST_GC_JOURNAL_ORPHANS,
	ST_GC_ORPHAN_COUNTRIES,
	ST_GC_ORPHAN_OFFICIALS,
	ST_GC_ORPHAN_DAYS,
	ST_GC_UNLINK_COUNTRIES,
	ST_GC_UNLINK_OFFICIALS,
	ST_GC_ORPHAN_PUBLICATIONS,
	ST_GC_UNLINK_PUBLICATIONS,
	ST_GC_TOMBSTONE,
	ST_GC_FTS,
	ST_GC_ARTICLES,
	ST_GC_JOURNAL_COUNTRIES,
	ST_GC_COUNTRIES,
	ST_GC_JOURNAL_OFFICIALS,
	ST_GC_OFFICIALS,
	ST_GC_JOURNAL_PUBLICATIONS,
	ST_GC_PUBLICATIONS,
	ST_GC_DAYS_KEPT,
	ST_GC_JOURNAL_DAYS,
	ST_GC_DAYS,
	ST_GC_CONTENT_EXPIRE,
	ST_GC_TOMBSTONE_EXPIRE,
	ST_GC_JOURNAL_EXPIRE,
	ST_GC_COUNT,
	ST_JOURNAL_GONE_ARTICLE,
	/* the file's header and schema (schema.c, verify.c) */
	ST_APPLICATION_ID,
	ST_USER_VERSION,
	ST_SCHEMA_ROWS,
	ST_FTS_CHECK,		/* on a connection of its own (check_fts.c) */
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
	ST_READ_BEGIN,
	ST_FTS_ADD,
	ST_FTS_DROP,
	ST_FTS_MATCH,
	ST_FTS_RANK,
	ST_Q_COUNTRY_ARTICLES,
	ST_Q_PUBLICATION_ARTICLES,
	ST_Q_OFFICIAL_ARTICLES,
	ST_Q_COUNTRY_IN,
	ST_Q_PUBLICATION_IN,
	ST_Q_OFFICIAL_IN,
	ST_Q_OFFICIAL_NAMED,
	ST_Q_OFFICIAL_KEYED,
	ST_Q_WORD_OFFICIALS,
	ST_Q_DATED,
	ST_Q_DATED_ROWS,
	ST_Q_UNDATED,
	ST_Q_SOURCES,
	ST_Q_ALL,
	ST_Q_DATED_GUESS,
	ST_Q_DATED_ALL_ROWS,
	ST_CHECK_ARTICLES,
	ST_CHECK_DANGLING,
	/* remembered folders (root.c) */
	ST_ROOT_ADD,
	ST_ROOT_DROP,
	ST_ROOT_LIST,
	/* officials across articles (official.c) */
	ST_MENTION_INSERT,
	ST_PERSON_NAME_ADD,
	ST_PERSON_WORD_ADD,
	ST_PERSON_DIRTY,
	ST_PERSON_RELINK,
	ST_PERSON_GONE,
	ST_PERSON_GONE_ORPHANS,
	ST_FORGET_DIRTY,
	ST_FORGET_NAMES,
	ST_FORGET_NAMES_ZERO,
	ST_FORGET_MENTIONS,
	ST_FORGET_DONE,
	ST_RESOLVE_KEYS_GONE,
	ST_PERSON_WORD_DROP,
	ST_RESOLVE_WORK2,
	ST_RESOLVE_EST2,
	ST_RESOLVE_FOLDER2,
	ST_RESOLVE_CHANGED2,
	ST_RESOLVE_EST_WORDS,
	ST_RESOLVE_WORK1,
	ST_RESOLVE_EST1,
	ST_RESOLVE_CHANGED1,
	ST_RESOLVE_PERSON_DROP,
	ST_RESOLVE_PERSON_PUT,
	ST_RESOLVE_RELINK,
	ST_RESOLVE_RELINK_IDS,
	ST_ARTICLE_FOLDERS,
	ST_ARTICLE_OFFICIAL_IDS,
	ST_ARTICLE_OFFICIAL_UNLINK,
	ST_OFFICIAL_GONE_ENTRY,
	ST_PERSON_LOST,
	ST_ARTICLE_RECOUNT,
	ST_PERSON_BEST_NAME,
	ST_LOST_JOURNAL,
	ST_LOST_DELETE,
	ST_RESOLVE_FOLDERS,
	ST_OFFICIAL_RENAME,
	ST_OFFICIAL_GONE_NAME,
	ST_CLEAR_DIRTY,
	ST_CLEAR_WORK,
	ST_CLEAR_RELINK,
	ST_CLEAR_LOST,
	ST_OFFICIAL_WHY,
	ST_FORGET_HITS,
	ST_FIX_NOW_ADD,
	ST_FIX_NOW_CLEAR,
	ST_FIX_GONE,
	ST_FIX_MARK_HITS,
	ST_FIX_FORGET,
	ST_FIX_FORGET_HITS,
	ST_FIX_KNOWN,
	ST_FIX_MARK_KEY,
	ST_FIX_MARK_COUNTRY,
	ST_FIX_MARK_PATH,
	ST_FIX_MARK_CONTAINERS,
	ST_FIX_ADD,
	ST_FIX_HIT,
	/* containers: files of several articles (container.c) */
	ST_CONTAINER_GET,
	ST_CONTAINER_PUT,
	ST_CONTAINER_SEEN,
	ST_CONTAINER_RECORDS_SEEN,
	ST_CONTAINER_UNSEEN,
	ST_CONTAINER_DROP,
	/* publications: by-source/ */
	ST_PUBLICATION_UPSERT,
	ST_PUBLICATION_ID,
	ST_ARTICLE_PUBLICATION_INSERT,
	ST_ARTICLE_PUBLICATION_BARE,
	ST_ARTICLE_UNLINK_PUBLICATIONS,
	ST_GC_PUBLICATION_ADD,
	ST_ARTICLE_NLINK_ADD,
	ST_LIST_PUBLICATION,
	ST_HAS_PUBLICATION,
	ST_LOOKUP_PUBLICATION,
	ST_ARTICLE_PUBLICATIONS,
	ST_PUBLICATION_LIST,
	ST_PUBLICATION_FIND,
	ST_PUBLICATION_EXISTS,
	ST_SOURCE_OTHER_PUBLICATIONS,
	/* outlets: a host and the names its pages state (outlet.c) */
	ST_OUTLET_ADD,
	ST_OUTLET_NAME,
	ST_OUTLET_MOVE_JOURNAL_OLD,
	ST_OUTLET_MOVE_NLINK,
	ST_OUTLET_MOVE_COPY,
	ST_OUTLET_MOVE_JOURNAL_NEW,
	ST_OUTLET_MOVE_DROP,
	ST_OUTLET_MOVE_SOURCES,
	ST_SOURCE_PUBLICATIONS,
	/* what a first run leaves to its end (first.c, official.c) */
	ST_BUILD_MENTION,
	ST_BUILD_FORGET,
	ST_BUILD_FOLDERS,
	ST__COUNT
};

/* Fixed SQL of several statements, no values, run whole (idx_run). */
enum sql_script {
	SQL_READER_PRAGMAS,
	SQL_WRITER_PRAGMAS,
	SQL_BUILD_PRAGMAS,
	SQL_WRITER_TEMP,
	SQL_SET_HEADER,
	SQL_GC_RESET,
	SQL_FTS_FILL,
	SQL_BUILD_DEFER,
	SQL_BUILD_PEOPLE,
	SQL_BUILD_LINKS,
	SQL_BUILD_LINKED,
	SQL__COUNT
};

struct idx {
	sqlite3 *db;
	enum idx_mode mode;
	sqlite3_stmt *stmt[ST__COUNT];	/* prepared on first use */
	bool stmt_folders[ST__COUNT];	/* stmt names folders */
	struct facet_cache *facets;	/* writer only (facet_cache.c) */
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
	/* Source paths below the base folder are stored short
	 * (srcpath.c): the folder, once known (state 2; 1 none, 0 not
	 * read yet), and the stored forms of paths being bound. */
	int src_base_state;
	struct sbuf src_base;
	struct sbuf src_key[3];
	int sqlite_rc;		/* of the last failure (idx_fail) */
	char errmsg[512];
};

/* Source paths as stored (srcpath.c). The stored form of path (n bytes)
 * in OUT *key: path itself, or ix->src_key[slot] (valid until that slot
 * is used again). */
int idx_src_key(struct idx *ix, int slot, const char *path, size_t n,
		const char **key, size_t *keylen);
/* Bind the stored form of path (n bytes) to parameter param of st. */
int idx_src_bind(struct idx *ix, sqlite3_stmt *st, int param, int slot,
		 const char *path, size_t n);
/* Whether folder dir (n bytes) is the base folder or holds it: then its
 * sources include every one stored short. */
bool idx_src_base_within(struct idx *ix, const char *dir, size_t n);
/* Read the base folder again (a transaction begins). */
void idx_src_forget_base(struct idx *ix);
/* Add the SQL function src_key(path, base), the same rule as
 * idx_src_key, to db. */
int idx_src_register(sqlite3 *db);

/* The change journal (change.c): note a folder whose listing changed;
 * write the notes (at commit); forget them (after a rollback). */
int idx_note_change(struct idx *ix, enum idx_folder folder, int64_t key);
int idx_note_date(struct idx *ix, int32_t ymd);
int idx_changes_flush(struct idx *ix);
/* Officials across articles (official.c): record the people an article
 * names; forget those of an article extracted again (idx_people_forget)
 * or of the orphans idx_gc() deletes; and, before each commit, bring
 * folders and links up to date with what the transaction changed. */
int idx_people_store(struct idx *ix, const struct idx_article_in *a,
		     int64_t id);
int idx_people_forget(struct idx *ix, int64_t id);
int idx_people_forget_orphans(struct idx *ix);
int idx_people_resolve(struct idx *ix);
/* A first run's officials, all at once at its end (first.c). */
int idx_people_resolve_all(struct idx *ix);

/* A first run: leave out what can be made faster from its rows at the
 * end (after the schema is made), and make it then, before the search
 * index (first.c). */
int idx_build_defer(struct idx *ix);
int idx_build_finish(struct idx *ix);

/* Temporary tables of a writer for official.c. */
#define OFFICIAL_TEMP \
	"CREATE TEMP TABLE IF NOT EXISTS person_dirty(key TEXT PRIMARY KEY);" \
	"CREATE TEMP TABLE IF NOT EXISTS person_work(key TEXT PRIMARY KEY," \
	"  folder TEXT, est INTEGER NOT NULL DEFAULT 0," \
	"  changed INTEGER NOT NULL DEFAULT 0);" \
	"CREATE TEMP TABLE IF NOT EXISTS person_relink(id INTEGER PRIMARY KEY);" \
	"CREATE TEMP TABLE IF NOT EXISTS person_gone(id INTEGER PRIMARY KEY);" \
	"CREATE TEMP TABLE IF NOT EXISTS person_lost(id INTEGER PRIMARY KEY);" \
	"CREATE TEMP TABLE IF NOT EXISTS fix_now(line TEXT PRIMARY KEY);"

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

/* The content leaf model (pack.c; why: include/pack.h): start it, if the
 * content table is empty; stop it, when rows may have gone; count a row
 * just added. */
void idx_pack_start(struct idx *ix);
void idx_pack_stop(struct idx *ix);
void idx_pack_added(struct idx *ix, int64_t id, size_t len);

/* The id of a country or publication folder, made if new (article.c). */
int idx_facet_id(struct idx *ix, enum idx_facet f, const char *name,
		 int64_t *fid);

/* The writer's cache of facet ids (facet_cache.c): made by the writer's
 * open; an id by country name or official key (false: not cached);
 * remember one; forget one; forget all; free it. */
int idx_facet_cache_new(struct idx *ix);
bool idx_facet_cache_get(struct idx *ix, enum idx_facet f, const char *name,
			 int64_t *id);
void idx_facet_cache_put(struct idx *ix, enum idx_facet f, const char *name,
			 int64_t id);
void idx_facet_cache_forget(struct idx *ix, enum idx_facet f,
			    const char *key);
void idx_facet_cache_clear(struct idx *ix);
void idx_facet_cache_free(struct idx *ix);

/* The cached statement id, reset and unbound, or NULL (errmsg set).
 * A statement that names folders (:f_all, :f_by_country, ...) has them
 * bound to enum idx_folder's values. */
sqlite3_stmt *idx_stmt(struct idx *ix, enum stmt_id id);
/* Step statement id once, as idx_step_done() does; with ?1 = v. */
int idx_run_stmt(struct idx *ix, enum stmt_id id, const char *what);
int idx_run_int(struct idx *ix, enum stmt_id id, int64_t v, const char *what);
int idx_run_int2(struct idx *ix, enum stmt_id id, int64_t a, int64_t b,
		 const char *what);
/* The SQL text of id, for a connection without an idx (verify.c). */
const char *idx_sql(enum stmt_id id);
/* Run a fixed script. */
int idx_run(struct idx *ix, enum sql_script s);
void idx_stmts_finalize(struct idx *ix);
/* Reset after use so the statement ends its read transaction. */
void idx_stmt_done(sqlite3_stmt *st);
/* Record sqlite's message for rc (prefixed by what) and map rc to
 * -errno. Call before anything else touches the connection. */
int idx_fail(struct idx *ix, int rc, const char *what);
/* Run SQL that returns no rows (the schema's migrations). */
int idx_exec(struct idx *ix, const char *sql);

/* PRAGMA application_id of every index ("NWSF"), and the schema version
 * of this build: the number of migrations (schema.c). */
#define IDX_APP_ID 0x4e575346
#define IDX_SCHEMA_MAX 12
/* An article's words as the search index takes them: id, headline (the
 * file name without the date before it and ".txt" after) and text (the
 * stored bytes), for the articles whose id follows (" = ?1", say). The
 * index is contentless, so a deletion must pass exactly the words that
 * were added: everything that adds or deletes uses this (search.c). */
#define IDX_TEXT_SQL \
	"SELECT a.id, substr(a.name, CASE WHEN a.date IS NULL THEN 1" \
	" ELSE 12 END, length(a.name) - CASE WHEN a.date IS NULL THEN 4" \
	" ELSE 15 END), CAST(c.body AS TEXT) FROM article a" \
	" JOIN content c ON c.id = a.id WHERE a.id "
/* Indexes a first run creates at its end, from its rows (first.c),
 * rather than keeping them row by row; one text each, so that what it
 * creates is exactly what the migrations made. */
#define IDX_ARTICLE_OFFICIAL_ARTICLE \
	"CREATE INDEX article_official_article" \
	"  ON article_official(article_id, official_id)"
#define IDX_ARTICLE_DAY \
	"CREATE INDEX article_day" \
	"  ON article(date, id, name, size, mtime, nlink)"
#define IDX_MENTION_ARTICLE "CREATE INDEX mention_article ON mention(article_id)"
#define IDX_MENTION_OFFICE \
	"CREATE INDEX mention_office ON mention(key, article_id) WHERE office"
/* The SQL that takes version v to v + 1, or NULL. */
const char *idx_migration(int v);

/* PRAGMA application_id or user_version (schema.c). */
int idx_header_int(struct idx *ix, enum stmt_id id, int *out);
/* Schema: create or migrate to the current version, inside one
 * transaction. Only for IDX_WRITE handles. */
int idx_schema_migrate(struct idx *ix);
/* Refuse databases that are not ours, newer than this build, of a
 * version newsfs never wrote, or whose schema is not exactly the one
 * their version has. Reads only (verify.c). */
int idx_schema_check(struct idx *ix);

/* Before a connection opens path for mode (verify.c): refuse a file
 * that is not an SQLite database or is another program's, from its
 * header alone, then anything idx_schema_check() refuses, on a
 * connection that writes and creates nothing. 0 when path is missing or
 * empty. err names path. */
int idx_file_check(const char *path, enum idx_mode mode, char *err,
		   size_t errsz);
/* What SQLite's notes on database files from elsewhere advise
 * (security.html) for every connection: no deliberate corruption through
 * SQL, no function with side effects run from the schema, no views (an
 * index has none). */
void idx_harden(sqlite3 *db);
/* A sorted set of article ids SQL tests with in_idset(?N, id), the set
 * bound as a pointer of type IDX_IDSET_TYPE (idset.c). The set points
 * into v, which must outlive it. */
#define IDX_IDSET_TYPE "newsfs_idset"
struct idx_idset {
	const int64_t *v;	/* sorted, no repeats */
	size_t n;
	int64_t first, last;
	uint64_t *bits;		/* over [first, last], or NULL */
};
int idx_idset_register(sqlite3 *db);
int idx_idset_make(struct idx_idset *s, const int64_t *v, size_t n);
bool idx_idset_has(const struct idx_idset *s, int64_t id);
void idx_idset_free(struct idx_idset *s);
/* Read-only media (media.c). Whether path's WAL holds anything. Whether
 * a reader must open path immutable: nothing can create its -wal and
 * -shm files and its WAL holds nothing. After a reader's open failed
 * with sqlite_rc, replace msg with why, when read-only media explain it. */
bool idx_wal_in_use(const char *path);
bool idx_media_immutable(const char *path);
void idx_media_explain(const char *path, int sqlite_rc, char *msg, size_t n);
/* "file:" URI of path with the query (uri.c), sqlite3_free()d. */
char *idx_uri(const char *path, const char *query);

/* Set a number of the meta table (meta.c). */
int idx_meta_set(struct idx *ix, const char *key, int64_t value);

/* Note that an article may have lost its last source: idx_gc() looks
 * at it (gc.c). */
int idx_gc_note(struct idx *ix, int64_t article_id);
/* Forget the sources whose ids ids holds (int64_t each) and note their
 * articles; *dropped grows by the number forgotten. */
int idx_sources_drop(struct idx *ix, const struct sbuf *ids,
		     int64_t *dropped);

/* The search index (search.c): an article's words in, from its row and
 * bytes as stored; and out, while both still exist. */
int idx_fts_add(struct idx *ix, int64_t id);
int idx_fts_drop(struct idx *ix, int64_t id);
/* Index every article's words at once: the end of a first run. */
int idx_fts_fill(struct idx *ix);

/* Column i of st, if it can name an entry of a folder: 1 to NFS_NAME_MAX
 * bytes, no NUL or '/', not "." or "..". Else NULL: a damaged or crafted
 * row, which a listing skips (the kernel would fail the whole listing
 * with EIO on such a name, and a NULL would crash the lister). */
const char *idx_column_name(sqlite3_stmt *st, int i);

/* Step a one-row query: 0 and column 0 as an integer, or -ENOENT.
 * Resets st either way. */
int idx_one_int(struct idx *ix, sqlite3_stmt *st, int64_t *out);
/* The same for statement id with text bound as ?1. */
int idx_one_int_text(struct idx *ix, enum stmt_id id, const char *text,
		     int64_t *out);

/* Step a statement that must produce no row. */
int idx_step_done(struct idx *ix, sqlite3_stmt *st, const char *what);

/* Which rows idx_step_ids takes: true for id (column 0 of st's row). */
typedef bool (*idx_id_filter)(void *ctx, sqlite3_stmt *st, int64_t id);
/* Step st (bound by the caller) to its end and reset it, adding column 0
 * of each row to out as an int64_t: every row, or those keep takes.
 * what: the failure's message. */
int idx_step_ids(struct idx *ix, sqlite3_stmt *st, idx_id_filter keep,
		 void *ctx, struct sbuf *out, const char *what);
/* A filter for idx_step_ids: ids from 1 to IDX_ID_MAX, which a listing
 * can show (a damaged index may hold others). */
bool idx_listable_id(void *ctx, sqlite3_stmt *st, int64_t id);

#endif
