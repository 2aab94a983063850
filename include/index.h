/*
 * The index: the SQLite database that holds every article once, the paths
 * it came from, and the facet tables the views are built from. Every
 * sqlite3 handle and statement lives behind this API; callers speak in
 * ids, rows and -errno. Nothing here prints, exits or knows about FUSE.
 *
 * A struct idx is one connection and its statement cache. It must only be
 * used by one thread at a time (the mount keeps a pool of them).
 *
 * Errors: functions return 0 or a negative errno (-ENOENT when a row does
 * not exist, -ENOMEM, -EIO for corruption or I/O failure, -EBUSY when
 * the writer lock could not be taken). idx_errmsg() gives the message of
 * the last failure of that handle.
 */
#ifndef NEWSFS_INDEX_H
#define NEWSFS_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct idx;

enum idx_mode {
	IDX_READ,	/* read-only connection, never writes (the mount) */
	IDX_WRITE,	/* creates the file (0600) and migrates the schema */
	IDX_RUN,	/* an index run: IDX_WRITE where an index exists;
			 * where none does, a new one is built aside and
			 * only appears at path through idx_publish() */
};

/* OUT: *out, closed with idx_close(). On failure err says why (naming
 * path) and the return value is -errno. */
int idx_open(struct idx **out, const char *path, enum idx_mode mode,
	     char *err, size_t errsz);
/*
 * One writer at a time: IDX_WRITE and IDX_RUN handles hold the lock
 * PATH-lock for their life (an fcntl(2) lock on that empty file; the
 * kernel lets go of it when the holder ends). When another process
 * holds it, idx_open() waits for it without a word; idx_open_wait()
 * first calls wait with a sentence naming the holder (and its pid): 0
 * waits, anything else gives up, and the open fails with -EBUSY and err
 * that sentence.
 */
typedef int (*idx_wait_fn)(void *ctx, const char *who);
int idx_open_wait(struct idx **out, const char *path, enum idx_mode mode,
		  idx_wait_fn wait, void *ctx, char *err, size_t errsz);
void idx_close(struct idx *ix);
const char *idx_errmsg(const struct idx *ix);

/* ---- Writing (IDX_WRITE handles) ---------------------------------- */

/* One transaction per batch of files: a crash loses at most the open
 * batch. */
int idx_begin(struct idx *ix);
int idx_commit(struct idx *ix);
int idx_rollback(struct idx *ix);

/* What decides that a file is unchanged since it was last indexed. */
struct idx_stamp {
	int64_t size;
	int64_t mtime_ns;
	int64_t ino;
};

/* A new run number; every source seen by this run is marked with it. */
int idx_run_begin(struct idx *ix, int64_t *run);
/* What the index knows about one source path. */
struct idx_source {
	int64_t id;
	struct idx_stamp stamp;
	int64_t article_id;
	uint32_t ext_version;	/* of the article it holds */
};
/* Whether any path is indexed (true when it cannot tell). */
bool idx_has_sources(struct idx *ix);
/* 0 and the source, or -ENOENT. */
int idx_source_get(struct idx *ix, const char *path, struct idx_source *s);
/* Mark an unchanged source as seen by run. */
int idx_source_seen(struct idx *ix, int64_t source_id, int64_t run);

/* 0 and the article's id (and the extraction version its facets came
 * from) when content with this hash is stored; -ENOENT otherwise. */
int idx_article_find(struct idx *ix, const uint8_t hash[NFS_HASH_LEN],
		     int64_t *id, uint32_t *ext_version);

/* A person an article names (docs/officials.md). */
struct idx_official_in {
	const char *name;	/* display name; a folder is named by the
				 * fullest form its key is commonly
				 * written in */
	const char *key;	/* ext_official_key(): one folder per key */
};

struct idx_article_in {
	uint8_t hash[NFS_HASH_LEN];
	const void *body;	/* the original bytes */
	size_t size;
	const char *title;	/* headline; the file name is made from it */
	int32_t date;		/* YYYYMMDD or 0 */
	int64_t mtime;		/* st_mtime shown by the mount */
	const char *const *countries;
	size_t ncountries;
	/* The people the article itself shows in office, and the others
	 * it names: those become officials when any article of the index
	 * shows the same person in office (linked at commit). */
	const struct idx_official_in *officials;
	size_t nofficials;	/* names distinct within each list */
	const struct idx_official_in *people;
	size_t npeople;
	uint32_t ext_version;	/* ext_version() of the extractor */
	/* Where it was published (by-source/): site names, a wire
	 * service, or IDX_PUBLICATION_UNKNOWN; distinct. */
	const char *const *publications;
	size_t npublications;
};

/* The publication of an article nothing names one for. */
#define IDX_PUBLICATION_UNKNOWN "unknown"

/* Store a new article. OUT: *id. When content with a's hash is stored
 * already: -EEXIST, *id the article that holds it and *version the
 * extractor version of its facets (as idx_article_find() says). */
int idx_article_add(struct idx *ix, const struct idx_article_in *a,
		    int64_t *id, uint32_t *version);
/* Content stored already, found at one more source: show it under that
 * source's publication too (by-source/). */
int idx_article_publication(struct idx *ix, int64_t id, const char *name);
/* Replace what extraction said about a stored article (an extractor of
 * another version looked at it again, read at source path): name, date
 * and facets. The bytes and hash of a must be the article's own. The
 * publications its other sources gave stay (those files need not be
 * read again). */
int idx_article_refresh(struct idx *ix, int64_t id,
			const struct idx_article_in *a, const char *path);
/* Record that path (with stamp st) holds article_id, seen by run. known:
 * the path may be indexed already (false saves a lookup for new paths). */
int idx_source_put(struct idx *ix, const char *path,
		   const struct idx_stamp *st, int64_t article_id, int64_t run,
		   bool known);
/* Forget every source below directory dir that run did not see, except
 * below the directories in keep (ones that could not be read this run).
 * OUT: *dropped, how many. */
/* The by-source/ folder of a record from host (its URL's, without
 * "www."; or a host its site field gave) that states name (NULL: it
 * states none), into folder (n bytes). A stated name is learned as the
 * host's, and a host's own folder joins its name's (outlet.c). */
int idx_outlet(struct idx *ix, const char *host, const char *name,
	       char *folder, size_t n);
/* Before the first source is stored: the folder the run's folders dirs
 * (absolute, n of them) are in, whose sources the index stores short.
 * Later calls change nothing. */
int idx_source_base(struct idx *ix, const char *const *dirs, size_t n);
/* The publications (by-source/ folders) source path gave its article. */
int idx_source_publications(struct idx *ix, const char *path,
			    const char *const *names, size_t n);
int idx_sources_drop_unseen(struct idx *ix, const char *dir, int64_t run,
			    const char *const *keep, size_t nkeep,
			    int64_t *dropped);
/*
 * Containers: source files that hold several articles (a scraper dump, an
 * archive, a WARC, and also a saved page, which is read the same way).
 * The container keeps the file's stamp; each record is a source of its
 * own, named PATH#WHERE ("dump.jsonl#line 12", "crawl.warc.gz#record 9
 * (https://...)"), or PATH for a file that is one page.
 */
struct idx_container {
	struct idx_stamp stamp;
	uint32_t ext_version;	/* of the extractor that read it */
	size_t marklen;		/* bytes of mark, 0 if none */
	uint8_t mark[128];	/* where a re-read may resume (format.h) */
};
/* 0 and the container, or -ENOENT. */
int idx_container_get(struct idx *ix, const char *path,
		      struct idx_container *c);
int idx_container_put(struct idx *ix, const char *path,
		      const struct idx_container *c, int64_t run);
/* Mark the container at path and all its records seen by run. */
int idx_container_seen(struct idx *ix, const char *path, int64_t run);
/* Forget the records of path that run did not see (it read path whole
 * and they are no longer in it). OUT: *dropped. */
int idx_container_prune(struct idx *ix, const char *path, int64_t run,
			int64_t *dropped);
/* Forget containers below dir that run did not see (their records go
 * with idx_sources_drop_unseen()). */
int idx_containers_drop_unseen(struct idx *ix, const char *dir,
			       int64_t run);
/* Delete articles no source refers to any more, and facet values no
 * article uses. OUT: *removed, articles deleted. */
int idx_gc(struct idx *ix, int64_t *removed);
/*
 * The user's corrections (newsfs(1), CORRECTIONS). Each is identified by
 * its line and says what it concerns: person keys (their mentions), a
 * country (the articles linked to it), or one source path. Syncing makes
 * the index's set of corrections this one: the stored articles that an
 * added correction may concern, and those that a removed one changed
 * (recorded by idx_fix_hit), are marked to be extracted again by this run
 * (their extractor version is cleared). OUT: *marked, how many.
 */
struct idx_fix {
	const char *line;
	const char *const *keys;
	size_t nkeys;
	const char *country;	/* or NULL */
	const char *path;	/* or NULL */
};
int idx_fixes_sync(struct idx *ix, const struct idx_fix *f, size_t n,
		   int64_t *marked);
/* Correction line changed article id as it was stored. */
int idx_fix_hit(struct idx *ix, const char *line, int64_t id);
/* Count one more completed index run (mounts watch this number). */
int idx_generation_bump(struct idx *ix);
/* Outside a transaction: fold the write-ahead log into the database and
 * empty it, so a finished run leaves no WAL behind. -EBUSY when readers
 * kept it from finishing (harmless). */
int idx_checkpoint(struct idx *ix);
/* At the end of a successful run: a new index built aside (IDX_RUN) is
 * synced and renamed into place, and the handle goes on as an IDX_WRITE
 * one on it. Without it, idx_close() discards the build. 0 and nothing
 * to do for other handles. On failure err says why (without the path). */
int idx_publish(struct idx *ix, char *err, size_t errsz);

/* ---- Reading (any handle) ----------------------------------------- */

/* The set of articles one directory shows. */
enum idx_view {
	IDX_VIEW_ALL,		/* articles/ */
	IDX_VIEW_COUNTRY,	/* by-country/<name>/, key = country id */
	IDX_VIEW_OFFICIAL,	/* by-official/<name>/, key = official id */
	IDX_VIEW_DAY,		/* by-date/Y/M/D/, key = YYYYMMDD */
	IDX_VIEW_UNDATED,	/* by-date/undated/ */
	IDX_VIEW_PUBLICATION,	/* by-source/<name>/, key = publication id */
};

struct idx_attr {
	int64_t id;
	int64_t size;
	int64_t mtime;
	int32_t date;		/* YYYYMMDD or 0 */
	uint32_t nlink;		/* how many directories show it */
};

/* Called for each entry; a non-zero return stops the listing and is
 * returned by the lister. name is only valid during the call. */
typedef int (*idx_article_fn)(void *ctx, const struct idx_attr *a,
			      const char *name);
typedef int (*idx_name_fn)(void *ctx, int64_t id, const char *name);

/* Row ids of articles and facet values run from 1 to IDX_ID_MAX (2^56 - 1,
 * which the mount's node ids hold). Listings show only ids in that range,
 * each above the one before, whatever a damaged index holds: a reader
 * paging on them always gets to the end. */
#define IDX_ID_MAX ((INT64_C(1) << 56) - 1)

/* Articles of a view with id > after, in id order (keyset paging). */
int idx_view_list(struct idx *ix, enum idx_view v, int64_t key,
		  int64_t after, idx_article_fn fn, void *ctx);
/* 0 if the view shows article id, -ENOENT if not. */
int idx_view_has(struct idx *ix, enum idx_view v, int64_t key, int64_t id);
/* The article called name, if the view shows it. */
int idx_view_lookup(struct idx *ix, enum idx_view v, int64_t key,
		    const char *name, struct idx_attr *a);
int idx_article_attr(struct idx *ix, int64_t id, struct idx_attr *a);
/* fn for each of n articles, in the order given; ids no article has
 * (any more) are left out. */
int idx_articles_by_id(struct idx *ix, const int64_t *ids, size_t n,
		       idx_article_fn fn, void *ctx);
/* Copy up to size bytes of article id from offset off. OUT: *got. */
int idx_article_read(struct idx *ix, int64_t id, void *buf, size_t size,
		     int64_t off, size_t *got);
int idx_article_hash(struct idx *ix, int64_t id,
		     uint8_t hash[NFS_HASH_LEN]);
/* Append the article's facet names (sorted) or source paths to out,
 * separated by sep. */
enum idx_facet { IDX_COUNTRY, IDX_OFFICIAL, IDX_PUBLICATION };
int idx_article_facets(struct idx *ix, int64_t id, enum idx_facet f,
		       char sep, struct sbuf *out);
int idx_article_sources(struct idx *ix, int64_t id, char sep,
			struct sbuf *out);
/* The same in at most max bytes of out (an xattr value): when they do
 * not all fit (a thousand copies of one article), the first ones in path
 * order that do, and a last entry saying how many were left out and the
 * command that lists them all (newsfs export, by the article's hash). */
int idx_article_sources_max(struct idx *ix, int64_t id, char sep,
			    size_t max, struct sbuf *out);

/* Why article id is in each of its by-official/ folders (official.c),
 * in folder name order, one call per mention that puts it there. */
struct idx_official_why {
	const char *folder;	/* the folder's name */
	const char *key;	/* the article's mention (ext_official_key) */
	bool office;		/* the article itself shows it in office */
	/* Otherwise a source path of an article that does (for a surname
	 * alone, of the full name it joins); NULL if none is left. */
	const char *established;
};
typedef int (*idx_official_why_fn)(void *ctx,
				   const struct idx_official_why *w);
int idx_official_why(struct idx *ix, int64_t id, idx_official_why_fn fn,
		     void *ctx);

/* Facet folders: by-country/, by-official/, by-source/. Lists id >
 * after. */
int idx_facet_list(struct idx *ix, enum idx_facet f, int64_t after,
		   idx_name_fn fn, void *ctx);
int idx_facet_find(struct idx *ix, enum idx_facet f, const char *name,
		   int64_t *id);
int idx_facet_exists(struct idx *ix, enum idx_facet f, int64_t id);

/* Calendar: the smallest day with articles that is >= from. -ENOENT when
 * there is none. Listing years, months and days walks this. */
int idx_day_next(struct idx *ix, int32_t from, int32_t *ymd);

/* Full-text search (FTS5, unicode61 without diacritics, no stemming).
 * expr is an FTS5 query (the query parser makes one from a user's words;
 * it is bound, never pasted into SQL). Appends the matching article ids
 * to out as int64_t: in id order, or the best limit ones in rank order
 * (bm25, the headline weighted ten times). -EINVAL when FTS5 refuses the
 * expression (idx_errmsg says why). */
int idx_text_ids(struct idx *ix, const char *expr, struct sbuf *out);
int idx_text_ranked(struct idx *ix, const char *expr, int64_t limit,
		    struct sbuf *out);

/* query/ folders (src/index/query.c, terms from include/query.h). The
 * articles that every term allows, as sorted int64_t ids in out. keyfn
 * makes an official's merge key from a name (ext_official_key). 0;
 * -ENOENT when a value names nothing indexed, -EEXIST when an official
 * value names several people (out empty), -EINVAL when the search index
 * refuses a text term: why says which and why. */
struct nq_term;
typedef size_t (*idx_key_fn)(char *out, size_t outsz, const char *name,
			     size_t len);
int idx_query(struct idx *ix, const struct nq_term *const *terms, size_t n,
	      idx_key_fn keyfn, struct sbuf *out, struct sbuf *why);
/* The same for one more term, given the answer of the others (nbase
 * sorted ids): how a folder's answer is made from its parent's. */
int idx_query_refine(struct idx *ix, const int64_t *base, size_t nbase,
		     const struct nq_term *t, idx_key_fn keyfn,
		     struct sbuf *out, struct sbuf *why);
/* The articles among base (nbase sorted ids) dated lo..hi (YYYYMMDD),
 * with what a listing shows of them, in date order: fn for each (a
 * non-zero return stops it and is returned). One pass over the date
 * index, which holds those columns: a date term's answer and its
 * listing from the same pages. */
int idx_query_dated_rows(struct idx *ix, const int64_t *base, size_t nbase,
			 int32_t lo, int32_t hi, idx_article_fn fn, void *ctx);
/* The articles of one official=, source= or date= term and what a
 * listing shows of them, from rows that hold the listing's columns (the
 * facet's own, the date index): fn for each, in any order. -ENOTSUP for
 * any other term, a source= value that names no publication, a negated
 * or undated term, or dates of more than about max articles: ask
 * idx_query. -ENOENT or -EEXIST (ambiguous) as idx_query, why saying
 * which. */
int idx_query_rows(struct idx *ix, const struct nq_term *t, idx_key_fn keyfn,
		   size_t max, idx_article_fn fn, void *ctx, struct sbuf *why);
/* About how many articles are dated lo..hi: the days with articles in
 * the range, times the articles per such day over the whole index. A
 * guess made without reading the range, to choose between one pass over
 * it (idx_query_dated_rows) and a lookup of each base article. */
int idx_query_dated_guess(struct idx *ix, int32_t lo, int32_t hi,
			  int64_t *n);

struct idx_gen {
	int64_t generation;	/* bumped by each completed index run */
	int64_t epoch;		/* fixed when the database was created */
	int64_t indexed_at;	/* time of the last completed run */
};
int idx_generation(struct idx *ix, struct idx_gen *g);

/* ---- Changes, for a mount that stays up while the index changes ---- */

/*
 * Every folder a mount shows, as the change journal names it. The values
 * are stored in the database: never renumber them.
 */
enum idx_folder {
	IDX_F_ALL = 0,		/* articles/ */
	IDX_F_UNDATED = 1,	/* by-date/undated/ */
	IDX_F_COUNTRY = 2,	/* by-country/<key>/ (country id) */
	IDX_F_OFFICIAL = 3,	/* by-official/<key>/ (official id) */
	IDX_F_DAY = 4,		/* by-date/Y/M/D/, key YYYYMMDD */
	IDX_F_MONTH = 5,	/* by-date/Y/M/, key YYYYMM */
	IDX_F_YEAR = 6,		/* by-date/Y/, key YYYY */
	IDX_F_BY_COUNTRY = 7,
	IDX_F_BY_OFFICIAL = 8,
	IDX_F_BY_DATE = 9,
	IDX_F_ARTICLE = 10,	/* not a folder: article key's attributes */
	IDX_F_PUBLICATION = 11,	/* by-source/<key>/ (publication id) */
	IDX_F_BY_PUBLICATION = 12,
};

/*
 * A change the mount must show: name "" means the folder's listing (or
 * the article's attributes) changed; any other name is an entry of the
 * folder that went away or was renamed. Called in journal order.
 */
typedef int (*idx_change_fn)(void *ctx, enum idx_folder f, int64_t key,
			     const char *name);
/* Changes journalled after position after. OUT: *last, the position of
 * the last one passed to fn (unchanged when there were none). */
int idx_changes(struct idx *ix, int64_t after, int64_t *last,
		idx_change_fn fn, void *ctx);
/* The journal's extent: positions up to *last exist or existed; *first is
 * the oldest still kept (journal entries are dropped after some minutes).
 * A reader whose position is below *first - 1 has missed changes. */
int idx_changes_bounds(struct idx *ix, int64_t *first, int64_t *last);
/* SQLite's data_version: changes whenever another connection commits. */
int idx_data_version(struct idx *ix, int64_t *v);

/* ---- Reports ------------------------------------------------------ */

struct idx_export_row {
	const char *path;
	const uint8_t *hash;
	int32_t date;
	const char *countries;	/* joined with '|' */
	const char *officials;	/* joined with '|' */
	int64_t article_id;
	int64_t mtime_ns;	/* of the source file */
};
typedef int (*idx_export_fn)(void *ctx, const struct idx_export_row *r);
/* One row per source path, in path order. */
int idx_export(struct idx *ix, idx_export_fn fn, void *ctx);

/* Every source path, in path order, with the stamp it was indexed with
 * and the hash of the article it holds. */
typedef int (*idx_source_fn)(void *ctx, const char *path,
			     const struct idx_stamp *stamp,
			     const uint8_t hash[NFS_HASH_LEN]);
int idx_source_list(struct idx *ix, idx_source_fn fn, void *ctx);

/* The folders index runs were given (remembered by the CLI once a run
 * over them completed): added (IDX_WRITE, inside a transaction; an old
 * one stays), dropped (-ENOENT when it was not there), listed in path
 * order (fn's non-zero return stops the walk and is returned). */
int idx_root_add(struct idx *ix, const char *path);
int idx_root_drop(struct idx *ix, const char *path);
typedef int (*idx_root_fn)(void *ctx, const char *path);
int idx_root_list(struct idx *ix, idx_root_fn fn, void *ctx);

struct idx_stats {
	int64_t articles, sources, countries, officials, dated, undated;
	int64_t content_bytes, db_bytes, generation;
};
int idx_stats(struct idx *ix, struct idx_stats *st);

/* PRAGMA integrity_check, then every article's bytes against its hash.
 * fn is called once per problem found. OUT: *checked, articles read. */
typedef void (*idx_problem_fn)(void *ctx, const char *what);
int idx_check(struct idx *ix, idx_problem_fn fn, void *ctx,
	      int64_t *checked, int64_t *problems);
/* FTS5's own integrity-check of the search index, through a connection
 * of its own that may write, under the writers' lock. -EBUSY when an
 * index run holds the index, -EROFS when it cannot be opened for
 * writing: the step is left out and idx_errmsg() says why. */
int idx_check_search(struct idx *ix, idx_problem_fn fn, void *ctx,
		     int64_t *problems);

#endif
