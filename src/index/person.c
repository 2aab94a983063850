/*
 * One folder per person across articles, when a surname stands alone.
 *
 * The extractor joins "Reagan said" to "Ronald Reagan" inside one
 * article; across articles a story that only says "President Reagan"
 * would otherwise make a folder "Reagan" beside "Ronald Reagan". An
 * official's key is one word (a surname alone) or two (see
 * ext_official_key); official_word lists the words of two-word keys. A
 * one-word key goes to the one person whose key has that word, if there
 * is exactly one; and a new two-word person absorbs an earlier one-word
 * folder of either of its words, if nobody else has that word. Two
 * Reagans, and "Reagan" keeps a folder of its own.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* The officials whose key has word: how many (0, 1, or 2 for "more"),
 * and the first one's id. */
static int word_owners(struct idx *ix, const char *word, int len,
		       int64_t *id)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_WORD_OFFICIALS);
	if (!st)
		return -EIO;
	sqlite3_bind_text(st, 1, word, len, SQLITE_STATIC);
	int rc, n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (n++ == 0)
			*id = sqlite3_column_int64(st, 0);
	int ret = rc == SQLITE_DONE ? n : idx_fail(ix, rc, "cannot read names");
	idx_stmt_done(st);
	return ret;
}

int idx_person_resolve(struct idx *ix, const char *key, int64_t *id)
{
	int n = word_owners(ix, key, -1, id);
	return n < 0 ? n : n == 1 ? 0 : -ENOENT;
}

static int run_ids(struct idx *ix, enum stmt_id sid, int64_t a, int64_t b)
{
	sqlite3_stmt *st = idx_stmt(ix, sid);
	if (!st)
		return -EIO;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	sqlite3_bind_int64(st, 3, (int64_t)time(NULL));
	return idx_step_done(ix, st, "cannot merge officials");
}

/* Move every article of official from to official to, then delete from.
 * An article that named both loses one link (and one nlink). */
static int merge(struct idx *ix, int64_t from, int64_t to)
{
	static const enum stmt_id steps[] = {
		ST_MERGE_GONE, ST_MERGE_SHARED, ST_MERGE_NLINK, ST_MERGE_MOVE,
		ST_MERGE_DROP_LINKS, ST_OFFICIAL_DELETE,
	};
	int rc = 0;
	for (size_t i = 0; !rc && i < NFS_ARRAY_SIZE(steps); i++)
		rc = run_ids(ix, steps[i], from, to);
	idx_facet_cache_clear(ix);	/* from may be cached */
	if (!rc)
		rc = idx_note_change(ix, IDX_F_OFFICIAL, to);
	return rc ? rc : idx_note_change(ix, IDX_F_BY_OFFICIAL, 0);
}

/* One word of a new two-word person: record it, and absorb a one-word
 * folder of that word that now has only this person to go to. */
static int adopt_word(struct idx *ix, int64_t id, const char *word, int len)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_WORD_INSERT);
	if (!st)
		return -EIO;
	sqlite3_bind_text(st, 1, word, len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	int rc = idx_step_done(ix, st, "cannot record a name");
	int64_t first;
	int n = rc ? rc : word_owners(ix, word, len, &first);
	if (n < 0)
		return n;
	if (n > 1) {
		/* The surname is shared now: it may no longer be cached as
		 * the first person's. */
		char w[256];
		snprintf(w, sizeof(w), "%.*s", len < 0 ? 255 : len, word);
		idx_facet_cache_forget(ix, IDX_OFFICIAL, w);
		return 0;
	}
	st = idx_stmt(ix, ST_OFFICIAL_ID);
	if (!st)
		return -EIO;
	sqlite3_bind_text(st, 1, word, len, SQLITE_STATIC);
	int64_t alone;
	rc = idx_one_int(ix, st, &alone);
	if (rc)
		return rc == -ENOENT ? 0 : rc;
	return merge(ix, alone, id);
}

int idx_person_created(struct idx *ix, int64_t id, const char *key)
{
	const char *space = strchr(key, ' ');
	if (!space)
		return 0;
	int rc = adopt_word(ix, id, key, (int)(space - key));
	return rc ? rc : adopt_word(ix, id, space + 1, -1);
}
