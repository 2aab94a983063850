/*
 * Scraper dumps to records (src/format): JSON Lines, JSON, CSV and TSV,
 * the producers' field names, the user's field map, dates (a record's own
 * field, never date_download), records without text, broken lines,
 * invalid UTF-8, quoted line breaks, the record cap and resume marks.
 * Every record here is written for the test.
 */
#include "check.h"
#include "format.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct fmt_ctx *ctx;

/* What a whole file gave: records (copied), rejects and the end. */
struct got {
	int nrec, nrej, err;
	char title[16][128], text[16][512], site[16][64], byline[16][64];
	char url[16][128], where[16][128], rejwhy[16][256], errwhy[256];
	char rejwhere[16][128];
	int32_t date[16];
	enum fmt_date_src src[16];
	unsigned flags[16];
	uint64_t line[16];
	enum fmt_loc_kind kind[16];
	struct fmt_stats st;
};

static void cp(char *dst, size_t n, const char *s)
{
	snprintf(dst, n, "%s", s ? s : "");
}

static void drain(struct fmt_reader *r, struct got *g)
{
	struct fmt_record rec;
	const char *why;
	int rc;
	memset(g, 0, sizeof(*g));
	while ((rc = fmt_next(r, &rec, &why)) != FMT_END) {
		if (rc < 0) {
			g->err = rc;
			char w[128];
			snprintf(g->errwhy, sizeof(g->errwhy), "%s: %s",
				 fmt_where(&rec.loc, w, sizeof(w)), why);
			break;
		}
		if (rc == FMT_REJECT) {
			if (g->nrej < 16) {
				cp(g->rejwhy[g->nrej], 256, why);
				fmt_where(&rec.loc, g->rejwhere[g->nrej], 128);
			}
			g->nrej++;
			continue;
		}
		int i = g->nrec++;
		if (i >= 16)
			continue;
		cp(g->title[i], 128, rec.title);
		cp(g->text[i], 512, rec.text);
		cp(g->site[i], 64, rec.site);
		cp(g->byline[i], 64, rec.byline);
		cp(g->url[i], 128, rec.url);
		fmt_where(&rec.loc, g->where[i], 128);
		g->date[i] = rec.date.ymd;
		g->src[i] = rec.date.src;
		g->flags[i] = rec.flags;
		g->line[i] = rec.loc.n;
		g->kind[i] = rec.loc.kind;
	}
	fmt_reader_stats(r, &g->st);
}

static void read_mem(const char *name, const char *data, size_t len,
		     const struct fmt_opts *o, struct got *g)
{
	struct fmt_reader *r;
	const char *err;
	int rc = fmt_open_mem(ctx, data, len, name, o, &r, &err);
	CHECK_INT(rc, 0, "%s opens", name);
	if (rc) {
		memset(g, 0, sizeof(*g));
		return;
	}
	drain(r, g);
	fmt_close(r);
}

#define BODY1 "The harbour ferry resumed its crossings on Monday after " \
	"three weeks of repairs to its engines."
#define BODY1B "Commuters said the wait had been long."

static const char newsplease[] =
	"{\"url\": \"https://example.org/ferry\", \"title\": \"Ferry resumes\", "
	"\"maintext\": \"" BODY1 "\\n" BODY1B "\", \"text\": null, "
	"\"date_publish\": \"2023-05-02 10:00:00\", "
	"\"date_download\": \"2024-01-09 08:00:00\", "
	"\"date_modify\": \"2024-01-09 08:00:00\", "
	"\"source_domain\": \"example.org\", \"language\": \"en\", "
	"\"authors\": [\"Ana Ruiz\", \"Tom Lee\"], \"description\": \"Sum\"}\n"
	"{\"title\": \"Only downloaded\", \"maintext\": \"A story whose only "
	"date is the day it was downloaded.\", "
	"\"date_download\": \"2024-01-09 08:00:00\", \"date_publish\": null}\n"
	"{\"url\": \"https://example.org/broken\", \"title\": \"Cut\n"
	"\n"
	"{\"title\": \"No body\", \"url\": \"https://example.org/nobody\"}\n"
	"{\"title\": \"Bad \xff byte\", \"maintext\": \"Words around a bad "
	"\xfe\xfe byte, still an article.\", \"date_publish\": 1683021600}\n";

static void test_jsonl(void)
{
	struct got g;
	read_mem("dump.jsonl", newsplease, sizeof(newsplease) - 1, NULL, &g);
	CHECK_INT(g.nrec, 3, "three of the JSON Lines records are articles");
	CHECK_INT(g.nrej, 2, "the broken line and the record without text "
		  "are rejected");
	CHECK_INT(g.err, 0, "a broken line does not stop the file");
	CHECK_STR(g.title[0], "Ferry resumes", "title");
	CHECK_STR(g.text[0], BODY1 "\n\n" BODY1B,
		  "maintext, its lines as paragraphs");
	CHECK_INT(g.date[0], 20230502, "date_publish is the date");
	CHECK_INT(g.src[0], FMT_DATE_FIELD, "read from a field");
	CHECK_STR(g.site[0], "example.org", "source_domain is the site");
	CHECK_STR(g.byline[0], "Ana Ruiz, Tom Lee", "authors joined");
	CHECK_STR(g.url[0], "https://example.org/ferry", "url");
	CHECK_INT(g.kind[0], FMT_LOC_LINE, "located by line");
	CHECK_INT(g.line[0], 1, "line 1");
	CHECK_INT(g.date[1], 0, "date_download is never the date");
	CHECK_INT(g.line[1], 2, "line 2");
	CHECK_STR(g.rejwhere[0], "line 3", "the broken line is named");
	CHECK(strstr(g.rejwhy[0], "broken JSON") != NULL,
	      "and says broken JSON: %s", g.rejwhy[0]);
	CHECK_STR(g.rejwhere[1], "line 5", "the record without text is named "
		  "by its line (the blank line 4 counts)");
	CHECK(strstr(g.rejwhy[1], "no text") != NULL, "reason: %s",
	      g.rejwhy[1]);
	CHECK_INT(g.line[2], 6, "the record after them is line 6");
	CHECK(strstr(g.title[2], "\xef\xbf\xbd") != NULL &&
	      strstr(g.text[2], "bad \xef\xbf\xbd\xef\xbf\xbd byte") != NULL,
	      "invalid UTF-8 becomes U+FFFD");
	CHECK(g.flags[2] & FMT_REC_REPAIRED, "and the record says so");
	CHECK(utf8_valid(g.text[2], strlen(g.text[2])), "valid UTF-8 out");
	CHECK_INT(g.date[2], 20230502, "an epoch number is a date");
	CHECK_INT(g.st.blank, 1, "one blank line");
	CHECK_INT(g.st.records, 3, "stats count records");
	CHECK_INT(g.st.rejected, 2, "and rejects");
}

static void test_ccnews_and_markup(void)
{
	static const char cc[] =
		"{\"title\": \"Port cranes\", \"text\": \"Two cranes arrived at "
		"the port on Tuesday.\", \"domain\": \"news.example.net\", "
		"\"date\": \"2017-12-01 08:30:00\", \"description\": \"Cranes.\", "
		"\"url\": \"https://news.example.net/cranes\", \"image_url\": "
		"\"https://news.example.net/c.jpg\"}\n"
		"{\"title\": \"Markup body\", \"content\": \"<p>First paragraph "
		"of a <b>story</b> &amp; more.</p><div class=ad>Second "
		"paragraph.</div>\"}\n"
		"{\"html\": \"<html><head><title>Saved page</title><meta "
		"property=og:site_name content='The Gazette'></head><body>"
		"<nav><a href=/>Home</a></nav><article><p>A saved page in a "
		"dump field, with enough words to be an article.</p></article>"
		"</body></html>\", \"date\": \"2020-03-04\"}\n"
		"{\"description\": \"Only a summary, no body.\"}\n";
	struct got g;
	read_mem("cc.json", cc, sizeof(cc) - 1, NULL, &g);
	CHECK_INT(g.nrec, 3, "CC-News, a markup body, a page field");
	CHECK_STR(g.site[0], "news.example.net", "domain is the site");
	CHECK_INT(g.date[0], 20171201, "date");
	CHECK_STR(g.text[0], "Two cranes arrived at the port on Tuesday.",
		  "text is the body, description is not");
	CHECK_STR(g.text[1], "First paragraph of a story & more.\n\n"
		  "Second paragraph.", "HTML in a text field: paragraphs, "
		  "no tags, entities decoded");
	CHECK(g.flags[1] & FMT_REC_MARKUP, "flagged as markup");
	CHECK(strstr(g.text[2], "A saved page") && !strstr(g.text[2], "Home"),
	      "a whole page in an html field goes through the page path");
	CHECK_STR(g.site[2], "The Gazette", "with the page's site name");
	CHECK_INT(g.date[2], 20200304, "and the record's own date");
	CHECK_INT(g.nrej, 1, "a record with a description only is rejected");
	CHECK_INT(g.kind[0], FMT_LOC_LINE, ".json holding lines reads as "
		  "JSON Lines");
}

static void test_json_files(void)
{
	static const char one[] =
		"{\n  \"title\": \"One story\",\n  \"maintext\": \"The body of "
		"the one story.\",\n  \"authors\": [\n    \"Ana Ruiz\"\n  ],\n"
		"  \"date_download\": \"2024-01-01 00:00:00\",\n"
		"  \"date_publish\": \"2019-09-09 09:09:09\"\n}\n";
	struct got g;
	read_mem("a1.json", one, sizeof(one) - 1, NULL, &g);
	CHECK_INT(g.nrec, 1, "a news-please file is one record");
	CHECK_INT(g.kind[0], FMT_LOC_FILE, "located as the whole file");
	CHECK_STR(g.title[0], "One story", "its title, not a line of it");
	CHECK_INT(g.date[0], 20190909, "date_publish, not date_download");

	static const char arr[] =
		"[{\"title\": \"A\", \"article\": \"Body A.\", \"publication\": "
		"\"Paper\"},\n 42,\n {\"headline\": \"B\", \"body\": [\"Para one.\","
		" \"Para two.\"], \"source\": {\"id\": null, \"name\": \"Wire\"},"
		" \"author\": [{\"name\": \"C D\"}]},\n {\"title\": \"C\"}]";
	read_mem("arr.json", arr, sizeof(arr) - 1, NULL, &g);
	CHECK_INT(g.nrec, 2, "an array: two articles");
	CHECK_INT(g.nrej, 2, "a number and a record without text rejected");
	CHECK_STR(g.where[1], "element 3", "elements are counted");
	CHECK_STR(g.rejwhere[0], "element 2", "the number is element 2");
	CHECK_STR(g.text[1], "Para one.\n\nPara two.", "a list of paragraphs");
	CHECK_STR(g.site[1], "Wire", "source.name is the site");
	CHECK_STR(g.byline[1], "C D", "authors as objects");

	static const char wrap[] =
		"{\"status\": \"ok\", \"articles\": [{\"title\": \"W1\", "
		"\"content\": \"Wrapped one.\", \"publishedAt\": "
		"\"2020-01-02T03:04:05Z\"}, {\"title\": \"W2\", \"content\": "
		"\"Wrapped two.\"}]}";
	read_mem("w.json", wrap, sizeof(wrap) - 1, NULL, &g);
	CHECK_INT(g.nrec, 2, "a wrapper's list is read");
	CHECK_INT(g.date[0], 20200102, "publishedAt");
	CHECK_STR(g.where[1], "element 2", "its elements are counted");

	static const char broken[] =
		"[{\"title\": \"A\", \"text\": \"Body A.\"}, {\"title\": \"B\", "
		"\"text\": \"Body B.\"}, {\"title\": \"C\" \"text\": 1}, "
		"{\"title\": \"D\", \"text\": \"Body D.\"}]";
	read_mem("b.json", broken, sizeof(broken) - 1, NULL, &g);
	CHECK_INT(g.nrec, 2, "the elements before a syntax error are kept");
	CHECK(g.err < 0 && strstr(g.errwhy, "element 3") &&
	      strstr(g.errwhy, "broken JSON"),
	      "the error names the element: %s", g.errwhy);

	static const char cut[] = "[{\"title\": \"A\", \"text\": \"Body A.\"}, "
		"{\"title\": \"B\", \"te";
	read_mem("cut.json", cut, sizeof(cut) - 1, NULL, &g);
	CHECK(g.nrec == 1 && g.err < 0 && strstr(g.errwhy, "cut short"),
	      "a cut array: what came before, then why: %s", g.errwhy);
}

static void test_csv(void)
{
	/* "All the News" 1.0 columns. */
	static const char atn[] =
		"\xef\xbb\xbfid,title,publication,author,date,year,month,url,"
		"content\r\n"
		"17283,\"Ferry, resumed\",Harbour Post,Ana Ruiz,2016-12-31,2016.0,"
		"12.0,https://example.org/f,\"The ferry resumed.\r\nIt had been "
		"out for \"\"weeks\"\", the mayor said.\"\r\n"
		"17284,Empty row,Harbour Post,,2017-01-01,2017.0,1.0,,\r\n"
		"\r\n"
		"17285,Third,\"Quay, Times\",B C,2017/01/02,2017.0,1.0,,"
		"Third body \xe9 in Latin-1.\r\n";
	struct got g;
	read_mem("articles1.csv", atn, sizeof(atn) - 1, NULL, &g);
	CHECK_INT(g.nrec, 2, "two CSV rows are articles");
	CHECK_STR(g.title[0], "Ferry, resumed", "a quoted comma");
	CHECK_STR(g.text[0], "The ferry resumed.\n\nIt had been out for "
		  "\"weeks\", the mayor said.",
		  "a quoted line break and doubled quotes");
	CHECK_STR(g.site[0], "Harbour Post", "publication is the site");
	CHECK_STR(g.byline[0], "Ana Ruiz", "author");
	CHECK_INT(g.date[0], 20161231, "date");
	CHECK_INT(g.kind[0], FMT_LOC_ROW, "located by row");
	CHECK_INT(g.line[0], 1, "row 1");
	CHECK_INT(g.nrej, 1, "the row without content is rejected");
	CHECK_STR(g.rejwhere[0], "row 2", "by its row");
	CHECK(strstr(g.rejwhy[0], "line 4") != NULL,
	      "and its line, after a row of two lines: %s", g.rejwhy[0]);
	CHECK_INT(g.line[1], 3, "the blank line is no row");
	CHECK_STR(g.site[1], "Quay, Times", "quoted site");
	CHECK(strstr(g.text[1], "\xef\xbf\xbd") && (g.flags[1] & FMT_REC_REPAIRED),
	      "a Latin-1 byte becomes U+FFFD, flagged");

	/* "All the News" 2.0: article, not content; semicolons. */
	static const char semi[] =
		"date;author;title;article;url;section;publication\n"
		"2019-06-05 00:00:00;X;Semi;\"Body; with a semicolon\";;;Wire\n";
	read_mem("atn2.csv", semi, sizeof(semi) - 1, NULL, &g);
	CHECK(g.nrec == 1 && !strcmp(g.text[0], "Body; with a semicolon"),
	      "a semicolon-separated file, article column");
	CHECK_INT(g.date[0], 20190605, "its date");

	static const char tsv[] =
		"headline\ttext\tdate_download\n"
		"Tabbed\tBody of a tab-separated row.\t2024-01-01\n";
	read_mem("x.tsv", tsv, sizeof(tsv) - 1, NULL, &g);
	CHECK(g.nrec == 1 && !strcmp(g.title[0], "Tabbed") && g.date[0] == 0,
	      "TSV: headline, text, and date_download is no date");

	static const char nobody[] = "title,summary\nA,B\n";
	read_mem("n.csv", nobody, sizeof(nobody) - 1, NULL, &g);
	CHECK(g.err == -EINVAL && strstr(g.errwhy, "header row") &&
	      strstr(g.errwhy, "body=NAME"),
	      "no body column: one error for the file: %s", g.errwhy);

	/* A quote never closed: the row cap ends it and reading goes on. */
	static const char runaway[] =
		"title,text\nA,\"never closed\nmore\nmore\nmore\nmore\nmore\n"
		"more\nmore\nmore\n";
	struct fmt_opts o = {.max_record = 40};
	read_mem("r.csv", runaway, sizeof(runaway) - 1, &o, &g);
	CHECK(g.nrej >= 1 && strstr(g.rejwhy[0], "unclosed quote"),
	      "an unclosed quote is stopped by the record cap: %s",
	      g.rejwhy[0]);
}

static void test_field_map(void)
{
	struct fmt_field f[4];
	const char *why;
	CHECK_INT(fmt_field_parse("body=story", &f[0], &why), 0, "body=story");
	CHECK(f[0].role == FMT_ROLE_TEXT && !strcmp(f[0].name, "story"),
	      "parsed");
	CHECK_INT(fmt_field_parse("date=published", &f[1], &why), 0, "date=");
	CHECK_INT(fmt_field_parse("site=outlet.name", &f[2], &why), 0, "site=");
	CHECK_INT(fmt_field_parse("title", &f[3], &why), -EINVAL,
		  "no '=' is refused");
	CHECK_INT(fmt_field_parse("colour=red", &f[3], &why), -EINVAL,
		  "an unknown role is refused: %s", why);
	static const char d[] =
		"{\"Story\": \"The mapped body.\", \"text\": \"Not this.\", "
		"\"published\": \"2018-08-08\", \"date\": \"2001-01-01\", "
		"\"outlet\": {\"name\": \"Mapped Outlet\"}}\n"
		"{\"text\": \"Falls back to the built-in name.\"}\n";
	struct fmt_opts o = {.fields = f, .nfields = 3};
	struct got g;
	read_mem("m.jsonl", d, sizeof(d) - 1, &o, &g);
	CHECK_STR(g.text[0], "The mapped body.", "the user's name wins, "
		  "case-insensitively");
	CHECK_INT(g.date[0], 20180808, "date=published wins over date");
	CHECK_STR(g.site[0], "Mapped Outlet", "a dotted path");
	CHECK_STR(g.text[1], "Falls back to the built-in name.",
		  "built-in names remain as a fallback");
	struct fmt_field off = {FMT_ROLE_DATE, ""};
	o.fields = &off;
	o.nfields = 1;
	read_mem("m.jsonl", d, sizeof(d) - 1, &o, &g);
	CHECK_INT(g.date[0], 0, "date= turns the date fields off");
	static const char c[] = "Headline,Story\nMapped CSV,Body from a "
		"story column.\n";
	o.fields = f;
	o.nfields = 1;
	read_mem("m.csv", c, sizeof(c) - 1, &o, &g);
	CHECK(g.nrec == 1 && !strcmp(g.text[0], "Body from a story column.") &&
	      !strcmp(g.title[0], "Mapped CSV"), "the map works for CSV");
}

static void test_caps(void)
{
	char big[400];
	memset(big, 'x', sizeof(big));
	char d[1024];
	int n = snprintf(d, sizeof(d), "{\"text\": \"%.*s\"}\n{\"text\": "
			 "\"short one\"}\n", (int)sizeof(big), big);
	struct fmt_opts o = {.max_record = 200};
	struct got g;
	read_mem("c.jsonl", d, (size_t)n, &o, &g);
	CHECK(g.nrej == 1 && strstr(g.rejwhy[0], "longer than the cap"),
	      "a line over the record cap is rejected: %s", g.rejwhy[0]);
	CHECK(g.nrec == 1 && g.line[0] == 2, "the next line is read");
}

static int write_file(const char *path, const char *s, int flags)
{
	int fd = open(path, O_WRONLY | flags, 0600);
	if (fd < 0)
		return -1;
	ssize_t w = write(fd, s, strlen(s));
	close(fd);
	return w == (ssize_t)strlen(s) ? 0 : -1;
}

static void test_resume(void)
{
	char path[] = "/tmp/newsfs-resume-XXXXXX";
	if (check_temp_path(path))
		return;
	const char *first = "{\"text\": \"one\"}\n{\"text\": \"two\"}\n"
		"{\"text\": \"three, being writ";
	CHECK_INT(write_file(path, first, O_TRUNC), 0, "a growing dump");
	int fd = open(path, O_RDONLY);
	struct fmt_reader *r;
	const char *err;
	struct got g;
	struct fmt_mark m;
	CHECK_INT(fmt_open(ctx, fd, path, NULL, &r, &err), 0, "opens");
	drain(r, &g);
	CHECK_INT(g.nrec, 2, "two whole lines");
	CHECK_INT(fmt_reader_mark(r, &m), 0, "a mark");
	CHECK_INT(m.lines, 2, "after line 2");
	CHECK_INT(m.offset, 32, "at the end of line 2, before the line "
		  "being written");
	fmt_close(r);
	close(fd);

	CHECK_INT(write_file(path, "ten\"}\n{\"text\": \"four\"}\n", O_APPEND),
		  0, "lines appended");
	fd = open(path, O_RDONLY);
	CHECK_INT(fmt_mark_check(fd, &m), 1, "the mark still holds");
	struct fmt_opts o = {.resume = &m};
	CHECK_INT(fmt_open(ctx, fd, path, &o, &r, &err), 0, "resumes");
	drain(r, &g);
	CHECK_INT(g.nrec, 2, "only the new lines are read");
	CHECK_STR(g.text[0], "three, being written", "the finished line");
	CHECK_INT(g.line[0], 3, "line numbers go on");
	CHECK_INT(g.line[1], 4, "line 4");
	struct fmt_mark m2;
	CHECK_INT(fmt_reader_mark(r, &m2), 0, "a new mark");
	CHECK_INT(m2.lines, 4, "after line 4");
	fmt_close(r);
	close(fd);

	CHECK_INT(write_file(path, "{\"text\": \"ONE\"}\n{\"text\": \"two\"}\n"
			     "{\"text\": \"three, being written\"}\n"
			     "{\"text\": \"four\"}\n", O_TRUNC), 0,
		  "rewritten in place");
	fd = open(path, O_RDONLY);
	CHECK_INT(fmt_mark_check(fd, &m2), 0, "the mark no longer holds");
	close(fd);
	CHECK_INT(write_file(path, "{}\n", O_TRUNC), 0, "truncated");
	fd = open(path, O_RDONLY);
	CHECK_INT(fmt_mark_check(fd, &m2), 0, "nor after truncation");
	close(fd);
	unlink(path);
}

static void test_sniff(void)
{
	CHECK_INT(fmt_sniff("a.jsonl", "{}", 2), FMT_JSONL, ".jsonl");
	CHECK_INT(fmt_sniff("a.ndjson", "{}", 2), FMT_JSONL, ".ndjson");
	CHECK_INT(fmt_sniff("a.json", "{\"a\":1}\n{\"a\":2}\n", 16), FMT_JSONL,
		  ".json holding lines");
	CHECK_INT(fmt_sniff("a.json", "{\n \"a\": 1\n}\n", 12), FMT_JSON,
		  ".json pretty-printed");
	CHECK_INT(fmt_sniff("dump", "[\n {\"a\": 1}]", 12), FMT_JSON,
		  "an array of objects by content");
	CHECK_INT(fmt_sniff("notes.txt", "[Reuters] said", 14), FMT_TEXT,
		  "a .txt starting with '[' stays text");
	CHECK_INT(fmt_sniff("a.CSV", "a,b", 3), FMT_CSV, ".csv");
	CHECK_INT(fmt_sniff("a.tsv", "a\tb", 3), FMT_TSV, ".tsv");
	CHECK_INT(fmt_sniff("x", "WARC/1.1\r\n", 10), FMT_WARC, "WARC by magic");
	CHECK_INT(fmt_sniff("x.warc.gz", "\x1f\x8b\x08", 3), FMT_COMPRESSED,
		  "gzip by magic");
	CHECK_INT(fmt_sniff("x", "\x28\xb5\x2f\xfd", 4), FMT_COMPRESSED, "zstd");
	CHECK_INT(fmt_sniff("x", "BZh9", 4), FMT_COMPRESSED, "bzip2");
	CHECK_INT(fmt_sniff("x", "\xfd" "7zXZ\0", 6), FMT_COMPRESSED, "xz");
	CHECK_INT(fmt_sniff("x.zip", "PK\x03\x04", 4), FMT_ARCHIVE, "zip");
	char tar[512] = "a.txt";
	memcpy(tar + 257, "ustar", 5);
	CHECK_INT(fmt_sniff("x", tar, sizeof(tar)), FMT_ARCHIVE, "tar");
	CHECK_INT(fmt_sniff("i.png", "\x89PNG\r\n", 6), FMT_BINARY, "png");
	CHECK_INT(fmt_sniff("x.html", "\x89PNG\r\n", 6), FMT_BINARY,
		  "content beats a wrong name");
	CHECK_STR(fmt_kind_name(FMT_WARC), "warc", "kind names");
}

int main(void)
{
	if (fmt_ctx_new(&ctx))
		return 1;
	test_jsonl();
	test_ccnews_and_markup();
	test_json_files();
	test_csv();
	test_field_map();
	test_caps();
	test_resume();
	test_sniff();
	fmt_ctx_free(ctx);
	return check_failed ? 1 : 0;
}
