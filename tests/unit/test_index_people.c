/*
 * Officials across articles (src/index/official.c, docs/officials.md):
 * a person shown in office by one article is an official in every
 * article that names them, whatever order the articles came in.
 */
#include "check_index.h"
#include "index/internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct idx_official_in person;

struct story {
	const char *body;
	const person *office;	/* shown in office by this story */
	size_t noffice;
	const person *named;	/* named without an office */
	size_t nnamed;
};

#define ONE(n, k) ((const person[]){{n, k}}), 1
#define NONE NULL, 0

static int store(struct idx *ix, const struct story *s);

/* Store stories in one transaction, as one batch of a run. */
static int add_many(struct idx *ix, const struct story *s, size_t n)
{
	int rc = idx_begin(ix);
	for (size_t i = 0; !rc && i < n; i++)
		rc = store(ix, &s[i]);
	return rc || idx_commit(ix) ? -1 : 0;
}

/* Store one story in a transaction of its own, as a later index run. */
static int add(struct idx *ix, const struct story *s)
{
	return add_many(ix, s, 1);
}

static int store(struct idx *ix, const struct story *s)
{
	struct idx_article_in a = {
		.body = s->body, .size = strlen(s->body), .title = s->body,
		.mtime = 1, .officials = s->office, .nofficials = s->noffice,
		.people = s->named, .npeople = s->nnamed,
	};
	nfs_hash(s->body, a.size, a.hash);
	int64_t id = -1;
	uint32_t version;
	char path[1024];
	snprintf(path, sizeof(path), "/people/%s/f", s->body);
	struct idx_stamp st = {0};
	return idx_article_add(ix, &a, &id, &version) ||
	       idx_source_put(ix, path, &st, id, 1, false) ? -1 : 0;
}

/* The story's file vanished: a run (2) that saw nothing in its folder. */
static int drop(struct idx *ix, const char *body)
{
	char dir[1024];
	int64_t removed, dropped;
	snprintf(dir, sizeof(dir), "/people/%s", body);
	return idx_begin(ix) ||
	       idx_sources_drop_unseen(ix, dir, 2, NULL, 0, &dropped) ||
	       dropped != 1 || idx_gc(ix, &removed) || idx_commit(ix) ? -1 : 0;
}

static int export_row(void *ctx, const struct idx_export_row *r)
{
	struct sbuf *out = ctx;
	/* The story's own folder names it: "/people/<story>/f". */
	size_t n = strlen(r->path);
	int len = n > 2 && strcmp(r->path + n - 2, "/f") == 0 ? (int)n - 2
							       : (int)n;
	return sbuf_addf(out, "%.*s\t%s\n", len, r->path,
			   r->officials ? r->officials : "");
}

/* The export's officials, one line per path. */
static char *officials(struct idx *ix)
{
	struct sbuf out = {0};
	if (idx_export(ix, export_row, &out) || sbuf_addch(&out, '\0')) {
		sbuf_release(&out);
		return strdup("(export failed)");
	}
	return out.buf;
}

static int64_t folder(struct idx *ix, const char *name)
{
	int64_t id;
	return idx_facet_find(ix, IDX_OFFICIAL, name, &id) ? -1 : id;
}

static bool in_folder(struct idx *ix, const char *name, const char *body)
{
	char file[128];
	struct idx_attr at;
	snprintf(file, sizeof(file), "%s.txt", body);
	int64_t f = folder(ix, name);
	return f > 0 && idx_view_lookup(ix, IDX_VIEW_OFFICIAL, f, file,
					&at) == 0;
}

static struct idx *fresh(const char *path)
{
	char err[512];
	struct idx *ix = NULL;
	check_unlink_db(path);
	return idx_open(&ix, path, IDX_WRITE, err, sizeof(err)) ? NULL : ix;
}

/* Stories from 2004-2005 British politics and 1987 wire copy, as the
 * extractor reports them (name, key). */
static const struct story stories[] = {
	{"Tory leader Michael Howard has accused Tony Blair of",
	 ONE("Michael Howard", "howard michael"),
	 ONE("Tony Blair", "blair tony")},
	{"Prime Minister Tony Blair said on Monday",
	 ONE("Tony Blair", "blair tony"), NONE},
	{"Mr Blair told the Commons that Mr Howard was wrong",
	 NONE, (const person[]){{"Blair", "blair"}, {"Howard", "howard"}}, 2},
	{"Alan Greenspan told the Senate banking committee",
	 NONE, ONE("Alan Greenspan", "alan greenspan")},
	{"economist Alan Greenspan, named Fed chairman",
	 ONE("Alan Greenspan", "alan greenspan"), NONE},
	{"President Reagan said he would veto the bill",
	 ONE("Reagan", "reagan"), NONE},
	{"Ronald Reagan spoke to reporters at the ranch",
	 NONE, ONE("Ronald Reagan", "reagan ronald")},
	{"Kate Bush released her first album in twelve years",
	 NONE, ONE("Kate Bush", "bush kate")},
	{"Analyst John Smith said the market would fall",
	 NONE, ONE("John Smith", "john smith")},
	{"Kim Jong-il met the visiting delegation",
	 ONE("Kim Jong-il", "jongil kim"), NONE},
	{"North Korean leader Kim Jong-il said",
	 ONE("Kim Jong-il", "jongil kim"), NONE},
	{"Jong-il Kim, the North Korean leader",
	 ONE("Jong-il Kim", "jongil kim"), NONE},
};
#define NSTORIES (sizeof(stories) / sizeof(stories[0]))

static void test_rules(struct idx *ix)
{
	for (size_t i = 0; i < NSTORIES; i++)
		CHECK(add(ix, &stories[i]) == 0, "story %zu is stored", i);
	CHECK(in_folder(ix, "Tony Blair", stories[0].body),
	      "a full name without a title counts once another story titles "
	      "it");
	CHECK(in_folder(ix, "Tony Blair", stories[2].body) &&
	      in_folder(ix, "Michael Howard", stories[2].body),
	      "\"Mr Blair\" and \"Mr Howard\" join their one established full "
	      "name");
	CHECK(in_folder(ix, "Alan Greenspan", stories[3].body),
	      "a story indexed earlier counts once a later one titles him");
	CHECK(in_folder(ix, "Reagan", stories[5].body) &&
	      folder(ix, "Ronald Reagan") == -1,
	      "\"President Reagan\" does not make the only Ronald Reagan, "
	      "whom no story shows in office, an official");
	CHECK(folder(ix, "Kate Bush") == -1 && folder(ix, "John Smith") == -1,
	      "people nobody shows in office are not officials");
	const struct story austin[] = {
		{"Defense Secretary Lloyd Austin flew in",
		 ONE("Lloyd Austin", "austin lloyd"), NONE},
		{"Lloyd Austin met troops", NONE,
		 ONE("Lloyd Austin", "austin lloyd")},
		{"Defense Secretary Lloyd J. Austin III said",
		 ONE("Lloyd J. Austin III", "austin lloyd"), NONE},
	};
	for (size_t i = 0; i < 3; i++)
		add(ix, &austin[i]);
	CHECK(folder(ix, "Lloyd J. Austin III") > 0 &&
	      folder(ix, "Lloyd Austin") == -1 &&
	      in_folder(ix, "Lloyd J. Austin III", austin[1].body),
	      "a folder is named by the fullest form commonly written");
	CHECK(folder(ix, "Kim Jong-il") > 0 && folder(ix, "Jong-il Kim") == -1 &&
	      in_folder(ix, "Kim Jong-il", stories[11].body),
	      "both orders of a Korean name are one folder, named as most "
	      "stories write it");
	struct idx_attr at;
	int64_t f = folder(ix, "Tony Blair");
	CHECK(f > 0 && idx_view_lookup(ix, IDX_VIEW_OFFICIAL, f,
				       "Mr Blair told the Commons that Mr "
				       "Howard was wrong.txt", &at) == 0 &&
	      at.nlink == 4,
	      "nlink counts the folders linked across articles (%u)",
	      (unsigned)at.nlink);
}

/* Every order in which the same stories may be indexed gives one
 * export: the first, then the last, story first, and one a run at a
 * time (each story its own commit) as well as all in one transaction. */
static void test_orders(const char *path)
{
	struct idx *ix = fresh(path);
	if (!ix)
		return;
	for (size_t i = 0; i < NSTORIES; i++)
		add(ix, &stories[i]);
	char *forward = officials(ix);
	idx_close(ix);

	if (!(ix = fresh(path)))
		return;
	for (size_t i = NSTORIES; i-- > 0;)
		add(ix, &stories[i]);
	char *backward = officials(ix);
	CHECK(strcmp(forward, backward) == 0,
	      "both index orders give the same officials");
	if (strcmp(forward, backward) != 0)
		printf("# forward:\n%s# backward:\n%s", forward, backward);
	CHECK(strstr(forward, "Mr Blair told the Commons that Mr Howard was "
			      "wrong\tMichael Howard|Tony Blair\n") != NULL,
	      "the export lists officials established elsewhere");

	/* The story that titled Greenspan goes: the other loses him. */
	CHECK(drop(ix, stories[4].body) == 0 &&
	      folder(ix, "Alan Greenspan") == -1,
	      "an official nobody shows in office any more loses the folder");
	/* Two Bushes in office: "President Bush" alone belongs to neither. */
	const struct story bush[] = {
		{"President George Bush said", ONE("George Bush", "bush george"),
		 NONE},
		{"President Bush vetoed", ONE("Bush", "bush"), NONE},
		{"Mr Bush met the press", NONE, ONE("Bush", "bush")},
	};
	for (size_t i = 0; i < 3; i++)
		add(ix, &bush[i]);
	CHECK(in_folder(ix, "George Bush", bush[1].body) &&
	      in_folder(ix, "George Bush", bush[2].body),
	      "a surname joins the one established full name");
	const struct story jeb = {"Governor Jeb Bush of Florida",
				  ONE("Jeb Bush", "bush jeb"), NONE};
	add(ix, &jeb);
	CHECK(!in_folder(ix, "George Bush", bush[1].body) &&
	      in_folder(ix, "Bush", bush[1].body) &&
	      !in_folder(ix, "Bush", bush[2].body),
	      "with two Bushes in office the surname is its own folder "
	      "where titled, and nobody's where not");
	drop(ix, jeb.body);
	CHECK(in_folder(ix, "George Bush", bush[2].body) &&
	      folder(ix, "Bush") == -1,
	      "and when one goes, the surname joins the other again");
	/* "President Carter" is not the only Carter written in full, whom
	 * no story shows in office; once a story does, the surname joins
	 * him. */
	const struct story carter[] = {
		{"President Carter spoke", ONE("Carter", "carter"), NONE},
		{"Dave Carter opened a shop", NONE,
		 ONE("Dave Carter", "carter dave")},
		{"Former President Jimmy Carter wrote",
		 ONE("Jimmy Carter", "carter jimmy"), NONE},
	};
	add_many(ix, carter, 2);
	CHECK(folder(ix, "Dave Carter") == -1 &&
	      in_folder(ix, "Carter", carter[0].body),
	      "a titled surname does not establish the only full name with "
	      "it");
	add_many(ix, carter + 2, 1);
	CHECK(folder(ix, "Dave Carter") == -1 && folder(ix, "Carter") == -1 &&
	      in_folder(ix, "Jimmy Carter", carter[0].body),
	      "it joins the one full name established in office");
	idx_close(ix);
	free(forward);
	free(backward);
}

static void count_problem(void *ctx, const char *what)
{
	(void)what;
	++*(int *)ctx;
}

/* A first run's officials (built aside, resolved once at its end):
 * stories in batches of three, forward or backward, one of them gone
 * again before the end. */
static char *first_run(const char *path, bool backward, int *problems)
{
	char err[512];
	struct idx *ix = NULL;
	check_unlink_db(path);
	if (idx_open(&ix, path, IDX_RUN, err, sizeof(err)))
		return strdup("(open failed)");
	sqlite3_stmt *st = NULL;
	sqlite3_prepare_v2(ix->db, "PRAGMA journal_mode", -1, &st, NULL);
	bool off = st && sqlite3_step(st) == SQLITE_ROW &&
		   strcmp((const char *)sqlite3_column_text(st, 0), "off") == 0;
	sqlite3_finalize(st);
	if (!off)
		++*problems;
	struct story s[NSTORIES];
	for (size_t i = 0; i < NSTORIES; i++)
		s[i] = stories[backward ? NSTORIES - 1 - i : i];
	for (size_t i = 0; i < NSTORIES; i += 3)
		add_many(ix, s + i, NSTORIES - i < 3 ? NSTORIES - i : 3);
	drop(ix, stories[4].body);
	int64_t checked, bad = -1;
	char *out = idx_publish(ix, err, sizeof(err)) ? strdup(err)
						       : officials(ix);
	if (idx_check(ix, count_problem, problems, &checked, &bad) || bad)
		++*problems;
	struct idx_attr at;
	int64_t f = folder(ix, "Tony Blair");
	if (f <= 0 || idx_view_lookup(ix, IDX_VIEW_OFFICIAL, f,
				      "Mr Blair told the Commons that Mr "
				      "Howard was wrong.txt", &at) ||
	    at.nlink != 4)
		++*problems;
	idx_close(ix);
	return out;
}

/* The same stories one run at a time, and in first runs either way,
 * give one export, and a sound index. */
static void test_first_run(const char *path)
{
	struct idx *ix = fresh(path);
	if (!ix)
		return;
	for (size_t i = 0; i < NSTORIES; i++)
		add(ix, &stories[i]);
	drop(ix, stories[4].body);
	char *runs = officials(ix);
	idx_close(ix);
	int problems = 0;
	char *forward = first_run(path, false, &problems);
	char *backward = first_run(path, true, &problems);
	CHECK(strcmp(runs, forward) == 0 && strcmp(runs, backward) == 0,
	      "a first run resolves officials as runs one at a time do, "
	      "in either order");
	if (strcmp(runs, forward) != 0 || strcmp(runs, backward) != 0)
		printf("# runs:\n%s# first run:\n%s# backward:\n%s", runs,
		       forward, backward);
	CHECK(strstr(forward, "\tAlan Greenspan") == NULL &&
	      strstr(forward, "wrong\tMichael Howard|Tony Blair\n"),
	      "its officials are established across articles, and one "
	      "whose titling story went before the end is none");
	CHECK(problems == 0, "built with no rollback journal, newsfs check "
	      "finds it sound, nlink counted (%d problems)", problems);
	free(runs);
	free(forward);
	free(backward);
}

int main(void)
{
	char path[] = "/tmp/newsfs-test-people-XXXXXX";
	if (check_temp_path(path))
		return 1;
	struct idx *ix = check_new_index(path);
	if (!ix)
		return check_done();
	test_rules(ix);
	idx_close(ix);
	test_orders(path);
	test_first_run(path);
	check_unlink_db(path);
	return check_done();
}
