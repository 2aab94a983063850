/*
 * Query plans: every statement that runs per request, per listing page or
 * per indexed file must search an index, and a listing must come out of
 * the index in the order it pages by. A statement that scans a table, or
 * a listing that sorts its folder in a temporary b-tree for each page,
 * costs time in proportion to the corpus each time it runs: at a million
 * articles `ls` or an index run turns quadratic while every functional
 * test, run on a handful of articles, still passes. The index never runs ANALYZE, so the plans SQLite picks
 * depend only on the schema and the SQL, and this test sees the plans
 * users get.
 *
 * Only the statements below that walk the whole index on purpose may scan.
 */
#include "check_index.h"
#include "index/internal.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Statements allowed to scan, and why. */
static const struct {
	enum stmt_id id;
	const char *why;
} whole[] = {
	{ST_SOURCE_ANY, "stops at the first row"},
	{ST_CHANGES_BOUNDS, "reads sqlite_sequence, one row per table"},
	{ST_PACK_STATE, "stops at the first content row; reads "
			"sqlite_sequence"},
	{ST_EXPORT, "newsfs export lists every file"},
	{ST_SOURCE_LIST, "newsfs check --deep reads every source"},
	{ST_STATS, "newsfs stats counts everything"},
	{ST_CHECK_ARTICLES, "newsfs check reads everything"},
	{ST_CHECK_DANGLING, "newsfs check reads everything"},
	{ST_GC_ORPHANS, "reads this run's candidates (temporary)"},
	{ST_GC_STALE_PUBLICATIONS, "reads this run's candidates (temporary)"},
	{ST_GC_DAYS_KEPT, "reads this run's days (temporary)"},
	{ST_GC_JOURNAL_DAYS, "reads this run's days (temporary)"},
	{ST_GC_CONTENT_EXPIRE, "tombstone holds the last hour's removals"},
	{ST_GC_TOMBSTONE_EXPIRE, "tombstone holds the last hour's removals"},
	{ST_SCHEMA_ROWS, "the schema, once per connection"},
	{ST_ROOT_LIST, "newsfs sources lists every remembered folder"},
	{ST_FTS_MATCH, "FTS5 answers MATCH from its own index"},
	{ST_FTS_RANK, "FTS5 answers MATCH from its own index"},
	{ST_Q_SOURCES, "source= reads every path until publications are "
		       "stored"},
	{ST_Q_ALL, "a question of negated terms only starts from every "
		   "article"},
	{ST_Q_DATED_GUESS, "counts day, one row per day that has articles "
			   "(a few thousand in decades)"},
	{ST_FIX_GONE, "once a run: the user's corrections, lines of a file"},
	{ST_FIX_MARK_CONTAINERS, "once a run, when corrections marked "
				 "articles: one row per dump or archive file, "
				 "a range of the source index each"},
	{ST_BUILD_FOLDERS, "once a first run: its links, made at its end"},
};

/* A writer's temporary tables hold what the open transaction changed
 * (official.c, correct.c, gc.c): reading them whole costs what the
 * transaction did, not the size of the index. */
static const char *const work_tables[] = {
	"gc_orphan", "person_dirty", "person_wdirty", "person_work",
	"person_relink", "person_gone", "person_lost", "fix_now",
	"gc_pub_stale",
};

static bool work_table(const char *detail)
{
	for (size_t i = 0; i < sizeof(work_tables) / sizeof(work_tables[0]);
	     i++) {
		size_t n = strlen(work_tables[i]);
		if (strncmp(detail + 5, work_tables[i], n) == 0 &&
		    (detail[5 + n] == '\0' || detail[5 + n] == ' '))
			return true;
	}
	/* A subquery's rows, read once it is made: its own plan lines say
	 * how it reads the tables. */
	return strncmp(detail + 5, "(subquery-", 10) == 0;
}

static bool scans_on_purpose(enum stmt_id id)
{
	for (size_t i = 0; i < sizeof(whole) / sizeof(whole[0]); i++)
		if (whole[i].id == id)
			return true;
	return false;
}

/* Does the plan line read a whole table or index? A constant row (a
 * SELECT without FROM) is neither. */
static bool scans(const char *detail)
{
	return strncmp(detail, "SCAN ", 5) == 0 &&
	       strcmp(detail, "SCAN CONSTANT ROW") != 0 && !work_table(detail);
}

/* Does the plan line sort? Sorting the few countries of one article is
 * fine; sorting a folder for every page of its listing is not. */
static bool sorts(const char *detail)
{
	return strstr(detail, "TEMP B-TREE") != NULL;
}

static bool reads(const char *detail)
{
	return strncmp(detail, "SEARCH ", 7) == 0 ||
	       strncmp(detail, "SCAN ", 5) == 0;
}

/* The lines of statement id's plan that match, joined by "; " into out;
 * -1 when it cannot be explained. */
static int plan_lines(struct idx *ix, enum stmt_id id,
		      bool (*match)(const char *), char *out, size_t outsz)
{
	sqlite3_stmt *st = idx_stmt(ix, id), *plan = NULL;
	if (!st)
		return -1;
	char sql[4096];
	snprintf(sql, sizeof(sql), "EXPLAIN QUERY PLAN %s", sqlite3_sql(st));
	if (sqlite3_prepare_v2(ix->db, sql, -1, &plan, NULL) != SQLITE_OK)
		return -1;
	size_t used = 0;
	int n = 0, rc;
	out[0] = '\0';
	while ((rc = sqlite3_step(plan)) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(plan, 3);
		if (!d || !match(d))
			continue;
		int w = snprintf(out + used, outsz - used, "%s%s",
				 n++ ? "; " : "", d);
		if (w > 0 && (size_t)w < outsz - used)
			used += (size_t)w;
	}
	sqlite3_finalize(plan);
	return rc == SQLITE_DONE ? n : -1;
}

int main(void)
{
	char path[] = "/tmp/newsfs-plans-XXXXXX";
	if (check_temp_path(path))
		return 1;
	struct idx *ix = check_new_index(path);
	if (!ix)
		return 1;

	/* A first run's own tables (SQL_BUILD_DEFER, SQL_BUILD_LINKS), for
	 * its statements to be explained. */
	CHECK(sqlite3_exec(ix->db, "CREATE TEMP TABLE build_mention("
			   "article_id INTEGER NOT NULL, n INTEGER NOT NULL,"
			   " key TEXT NOT NULL, office INTEGER NOT NULL,"
			   " name TEXT NOT NULL, PRIMARY KEY(article_id, n))"
			   " WITHOUT ROWID; CREATE TEMP TABLE build_link("
			   "article_id INTEGER NOT NULL, folder TEXT NOT NULL,"
			   " PRIMARY KEY(article_id, folder)) WITHOUT ROWID",
			   NULL, NULL, NULL) == SQLITE_OK,
	      "a first run's tables are made");
	int bad = 0;
	for (int id = 0; id < ST__COUNT; id++) {
		char lines[1024];
		int n = plan_lines(ix, (enum stmt_id)id, scans, lines,
				   sizeof(lines));
		const char *sql = ix->stmt[id] ? sqlite3_sql(ix->stmt[id]) : "";
		if (n < 0) {
			CHECK(0, "statement %d is explained (%s): %s", id,
			      sqlite3_errmsg(ix->db), sql);
			bad++;
		} else if (scans_on_purpose((enum stmt_id)id)) {
			/* A stale entry would hide a statement. */
			CHECK(n > 0, "statement %d, allowed to scan, does: %s",
			      id, sql);
		} else if (n > 0) {
			CHECK(0, "statement %d scans: %s -- %s", id,
			      lines, sql);
			bad++;
		}
	}
	CHECK(bad == 0, "none of the other %d statements scans a table or "
	      "an index", ST__COUNT -
	      (int)(sizeof(whole) / sizeof(whole[0])));

	/* The listing statements page by key: the next page starts after
	 * the last id seen, found in the index, never skipped past with
	 * OFFSET, and the rows come in index order. */
	static const enum stmt_id lists[] = {
		ST_LIST_ALL, ST_LIST_COUNTRY, ST_LIST_OFFICIAL, ST_LIST_DAY,
		ST_LIST_UNDATED, ST_COUNTRY_LIST, ST_OFFICIAL_LIST, ST_CHANGES,
		ST_LIST_PUBLICATION, ST_PUBLICATION_LIST,
	};
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		char lines[1024];
		int n = plan_lines(ix, lists[i], sorts, lines, sizeof(lines));
		const char *sql = sqlite3_sql(idx_stmt(ix, lists[i]));
		CHECK(n == 0 && sql && !strstr(sql, "OFFSET") &&
		      strstr(sql, " > ?"), "listing statement %d pages by key "
		      "in index order: %s%s%s", (int)lists[i],
		      sql ? sql : "(none)", n ? " -- " : "", lines);
	}

	/* A day's articles, and an official's, are spread over the whole
	 * article table: their listings read one index or table alone,
	 * never the table row of each entry. */
	static const struct {
		enum stmt_id id;
		const char *how;
	} alone[] = {
		{ST_LIST_DAY, "USING COVERING INDEX"},
		{ST_LIST_UNDATED, "USING COVERING INDEX"},
		{ST_LIST_OFFICIAL, "USING PRIMARY KEY"},
	};
	for (size_t i = 0; i < sizeof(alone) / sizeof(alone[0]); i++) {
		char lines[1024];
		int n = plan_lines(ix, alone[i].id, reads, lines,
				   sizeof(lines));
		CHECK(n == 1 && strstr(lines, alone[i].how),
		      "listing statement %d reads one index alone: %s",
		      (int)alone[i].id, lines);
	}

	idx_close(ix);
	check_unlink_db(path);
	return check_done();
}
