/*
 * HTML pages to records (src/format): boilerplate removal, paragraphs,
 * headline choice, dates from metadata and never from scripts or
 * comments, encodings, entities, hostile nesting, pages without text.
 * Every page here is written for the test.
 */
#include "check.h"
#include "format.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct fmt_ctx *ctx;
static struct fmt_record rec;
static const char *reason;

static int run_cs(const char *page, size_t len, const char *charset)
{
	struct fmt_input in = {.path = "t.html", .data = page, .len = len,
			       .charset = charset};
	return fmt_html(ctx, &in, &rec, &reason);
}

static int run(const char *page)
{
	return run_cs(page, strlen(page), NULL);
}

static bool has(const char *needle)
{
	return rec.text && strstr(rec.text, needle) != NULL;
}

#define PARA1 "The council voted on Monday to rebuild the old stone bridge, " \
	"which has been closed to traffic since the spring floods, at a cost " \
	"the treasurer put at four million."
#define PARA2 "Work is to start in September and last two years, during " \
	"which a temporary footbridge will carry pedestrians and cyclists, " \
	"the council said in a statement."
#define PARA3 "Residents who had campaigned for the repair said they were " \
	"relieved, though several asked why the decision had taken so long, " \
	"and whether the budget would hold."

#define PARA4 "The bridge, built in 1868, carried the main road into the " \
	"town until engineers found cracks in two of its arches after the " \
	"water had gone down."

static const char boiler_page[] =
	"<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
	"<title>Bridge to be rebuilt | Valley Times</title>"
	"<meta property=\"og:site_name\" content=\"Valley Times\">"
	"<script>var d = '2001-02-03'; document.cookie='x=1; expires="
	"Thu, 01 Jan 1970 00:00:00 GMT';</script>"
	"<style>p { color: red } .navword { }</style></head><body>"
	"<!-- updated 2018-04-27 -->"
	"<div class=\"cookie-banner\"><p>We use cookies to improve your "
	"experience of this website, accept or refuse them here.</p></div>"
	"<header><nav><ul><li><a href=/a>Navword Home</a></li>"
	"<li><a href=/b>Navword Sport</a></li><li><a href=/c>Navword Japan"
	"</a></li></ul></nav></header>"
	"<div id=main><article><h1>Bridge to be rebuilt</h1>"
	"<div class=share><a href=#>Share this</a></div>"
	"<p>" PARA1 "</p><p>" PARA2 "</p><p>" PARA3 "</p><p>" PARA4
	"</p></article>"
	"<aside class=sidebar><h3>Read next</h3><ul>"
	"<li><a href=/x>Sidebarword storm hits the Philippines coast</a></li>"
	"<li><a href=/y>Sidebarword elections in Kenya next month</a></li>"
	"</ul></aside>"
	"<div id=comments class=comments><p>Commentword: a first comment, "
	"long enough to look like a paragraph of real text, really.</p></div>"
	"</div><footer><p>Footerword (c) Valley Times, all rights reserved."
	"</p></footer></body></html>";

static void test_boilerplate(void)
{
	CHECK_INT(run(boiler_page), 0, "a page with boilerplate gives a record");
	CHECK(has(PARA1) && has(PARA2) && has(PARA3),
	      "the article's paragraphs are kept");
	CHECK(strstr(rec.text, PARA1 "\n\n" PARA2 "\n\n" PARA3) != NULL,
	      "paragraphs are separated by one blank line");
	CHECK(!has("Navword"), "navigation is dropped");
	CHECK(!has("Sidebarword") && !has("Read next"),
	      "the read-next sidebar is dropped");
	CHECK(!has("cookies"), "the cookie banner is dropped");
	CHECK(!has("Commentword"), "comments are dropped");
	CHECK(!has("Footerword"), "the footer is dropped");
	CHECK(!has("Share this"), "the share bar is dropped");
	CHECK(!has("document.cookie") && !has("color: red"),
	      "scripts and styles are dropped");
	CHECK(!has("<") && !has("class="), "no markup in the text");
	CHECK_INT(rec.text_len, strlen(rec.text), "text_len is the length");
	CHECK_STR(rec.title, "Bridge to be rebuilt",
		  "the headline is the title without its site suffix");
	CHECK_STR(rec.site, "Valley Times", "og:site_name names the site");
	CHECK_INT(rec.date.ymd, 0,
		  "no date from a script, a cookie or a comment");
	CHECK_STR(rec.lang, "en", "html lang is the language");
	CHECK_INT(rec.loc.kind, FMT_LOC_FILE, "a page is its whole file");
}

/* A page with the given head, body_extra before the article and
 * inside after its paragraphs. */
static const char *page_in(const char *head, const char *body_extra,
			   const char *inside)
{
	static char buf[8192];
	snprintf(buf, sizeof(buf),
		 "<html><head>%s</head><body>%s<article><p>" PARA1 "</p><p>"
		 PARA2 "</p><p>" PARA3 "</p>%s</article></body></html>",
		 head, body_extra, inside);
	return buf;
}

static const char *page_with(const char *head, const char *body_extra)
{
	return page_in(head, body_extra, "");
}

static void test_headline(void)
{
	run(page_with("<title>Stone bridge to reopen - Valley Times</title>"
		      "<meta property=og:title content=\"Stone bridge to reopen\">"
		      "<meta property=og:site_name content=\"Valley Times\">", ""));
	CHECK_STR(rec.title, "Stone bridge to reopen", "og:title agrees with <title>");
	run(page_with("<title>Stone bridge to reopen | valleytimes.example.com</title>"
		      "<link rel=canonical href=\"https://www.valleytimes.example.com/a\">",
		      ""));
	CHECK_STR(rec.title, "Stone bridge to reopen",
		  "a suffix naming the host is dropped");
	CHECK_STR(rec.site, "valleytimes.example.com",
		  "without og:site_name the site is the URL's host");
	CHECK_STR(rec.url, "https://www.valleytimes.example.com/a",
		  "the canonical link is the URL");
	{
		/* Found by fuzzing: a long non-ASCII "host" cut mid-character. */
		char head[1024];
		int k = snprintf(head, sizeof(head),
				 "<link rel=canonical href=\"https://ledger.<");
		for (int i = 0; i < 200; i++)
			k += snprintf(head + k, sizeof(head) - (size_t)k, "\xc3\xa9");
		snprintf(head + k, sizeof(head) - (size_t)k, "/a\">");
		run(page_with(head, ""));
		CHECK(rec.site == NULL, "a URL whose host is no host name gives no site");
	}
	run(page_with("<title>Council agrees to rebuild the stone bridge</title>"
		      "<meta property=og:title content=\"Local News Centre\">",
		      "<h1>Council agrees to rebuild the stone bridge</h1>"));
	CHECK_STR(rec.title, "Council agrees to rebuild the stone bridge",
		  "<title> and <h1> outvote an og:title naming a section");
	run(page_with("<title>Fish &amp; chips: price rises by &#163;1.8m</title>", ""));
	CHECK_STR(rec.title, "Fish & chips: price rises by £1.8m",
		  "entities are decoded in the headline");
	run(page_with("<script type=\"application/ld+json\">{\"@context\":"
		      "\"https://schema.org\",\"@type\":\"NewsArticle\","
		      "\"headline\":\"Bridge vote passes\",\"author\":"
		      "[{\"@type\":\"Person\",\"name\":\"Ana Ruiz\"}],"
		      "\"publisher\":{\"name\":\"Valley Times\"}}</script>"
		      "<title>Bridge vote passes - Valley Times</title>", ""));
	CHECK_STR(rec.title, "Bridge vote passes", "JSON-LD headline");
	CHECK_STR(rec.byline, "Ana Ruiz", "JSON-LD author is the byline");
	CHECK_STR(rec.site, "Valley Times", "JSON-LD publisher is the site");
}

static void test_dates(void)
{
	run(page_with("<meta property=\"article:published_time\" "
		      "content=\"2024-03-14T23:30:00-05:00\">", ""));
	CHECK_INT(rec.date.ymd, 20240314,
		  "article:published_time, the date as written (no shift)");
	CHECK_INT(rec.date.src, FMT_DATE_META, "from a meta tag");
	CHECK_STR(rec.date.why, "meta property=article:published_time",
		  "and which one");
	run(page_with("<script type=application/ld+json><![CDATA[{\"@type\":"
		      "\"Article\",\"datePublished\":\"2019-07-01\"}]]></script>", ""));
	CHECK_INT(rec.date.ymd, 20190701, "JSON-LD datePublished (in CDATA)");
	CHECK_INT(rec.date.src, FMT_DATE_JSONLD, "from JSON-LD");
	run(page_with("<meta name=\"DC.date.issued\" content=\"2015-06-02\">", ""));
	CHECK_INT(rec.date.ymd, 20150602, "meta name=DC.date.issued");
	run(page_with("<meta name=\"dateModified\" content=\"2015-06-02\">"
		      "<meta property=\"article:modified_time\" content=\"2015-06-03\">",
		      ""));
	CHECK_INT(rec.date.ymd, 0, "a modification date is not the publication date");
	run(page_with("", "<p class=meta><time datetime=\"2021-10-09T10:00\">9 Oct</time></p>"));
	CHECK_INT(rec.date.ymd, 20211009, "<time datetime> in the page");
	CHECK_INT(rec.date.src, FMT_DATE_TIME, "from <time>");
	run(page_with("", "<span itemprop=datePublished content=\"2012-12-12\"></span>"));
	CHECK_INT(rec.date.ymd, 20121212, "itemprop=datePublished");
	run(page_with("<script>var published = \"2010-01-01\"; "
		      "document.cookie = \"a=b; expires=Thu, 01 Jan 1970 00:00:00 GMT\";"
		      "</script><!-- <meta property=article:published_time "
		      "content=2011-01-01> -->",
		      "<!-- published 2018-04-27 --><script>var t='2013-05-05';</script>"));
	CHECK_INT(rec.date.ymd, 0, "never a date from a script, cookie or comment");
	run(page_with("<meta property=\"article:published_time\" content=\"2016-02-01T09:00:00Z\">"
		      "<script type=application/ld+json>{\"@type\":\"NewsArticle\","
		      "\"datePublished\":\"2016-01-31T21:00:00-08:00\"}</script>"
		      "<script>var x = '1999-09-09';</script>", ""));
	CHECK_INT(rec.date.ymd, 20160131,
		  "one instant in two zones: the publisher's own date");
	run(page_with("<meta property=\"article:published_time\" content=\"2016-03-09T09:00:00Z\">"
		      "<script type=application/ld+json>{\"@type\":\"NewsArticle\","
		      "\"datePublished\":\"2016-03-01T09:00:00Z\"}</script>", ""));
	CHECK_INT(rec.date.ymd, 20160301, "two instants: the earlier");
}

static void test_encodings(void)
{
	char page[1024];
	int n;
	/* No declaration, not UTF-8: Windows-1252. */
	n = snprintf(page, sizeof(page), "%s", page_with("<title>Price \xa3" "5 \x93now\x94</title>", ""));
	run_cs(page, (size_t)n, NULL);
	CHECK_STR(rec.title, "Price £5 “now”", "undeclared legacy bytes are Windows-1252");
	CHECK_STR(fmt_html_charset(page, (size_t)n, NULL), "windows-1252",
		  "and fmt_html_charset says so");
	/* Declared ISO-8859-1 means Windows-1252 (0x80 is the euro). */
	n = snprintf(page, sizeof(page), "%s", page_with(
		"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"
		"<title>Cost \x80" "3 caf\xe9</title>", ""));
	run_cs(page, (size_t)n, NULL);
	CHECK_STR(rec.title, "Cost €3 café", "http-equiv ISO-8859-1 reads as Windows-1252");
	/* Shift_JIS by <meta charset>. */
	n = snprintf(page, sizeof(page), "%s", page_with(
		"<meta charset=\"Shift_JIS\"><title>\x93\xfa\x96\x7b</title>", ""));
	run_cs(page, (size_t)n, NULL);
	CHECK_STR(rec.title, "日本", "<meta charset=Shift_JIS>");
	CHECK_STR(fmt_html_charset(page, (size_t)n, NULL), "Shift_JIS", "is found");
	/* The transport's charset wins over the page's. */
	run_cs(page, (size_t)n, "koi8-r");
	CHECK_STR(fmt_html_charset(page, (size_t)n, "koi8-r"), "KOI8-R",
		  "an HTTP charset wins over <meta>");
	/* Valid UTF-8 wins over a stale legacy declaration. */
	n = snprintf(page, sizeof(page), "%s", page_with(
		"<meta charset=\"gb2312\"><title>新闻 café</title>", ""));
	run_cs(page, (size_t)n, NULL);
	CHECK_STR(rec.title, "新闻 café", "valid UTF-8 outweighs a stale meta charset");
	/* UTF-16LE by its BOM. */
	const char *src = page_with("<title>Zürich</title>", "");
	size_t sl = strlen(src);
	char *u16 = malloc(2 * sl + 2);
	struct sbuf tmp = {0};
	u16[0] = '\xff';
	u16[1] = '\xfe';
	size_t k = 2;
	for (size_t i = 0; i < sl; ) {
		unsigned c = (unsigned char)src[i];
		unsigned cp = c;
		if (c >= 0xc0) {	/* only the two-byte ü here */
			cp = ((c & 0x1f) << 6) | ((unsigned char)src[i + 1] & 0x3f);
			i += 2;
		} else {
			i++;
		}
		u16[k++] = (char)(cp & 0xff);
		u16[k++] = (char)(cp >> 8);
	}
	run_cs(u16, k, NULL);
	CHECK_STR(rec.title, "Zürich", "UTF-16LE with a BOM");
	CHECK(has(PARA1), "and its text");
	run_cs(u16 + 2, k - 2, "UTF-16LE");
	CHECK_STR(rec.title, "Zürich", "UTF-16LE said by the transport, no BOM");
	free(u16);
	sbuf_release(&tmp);
	/* Bytes invalid in UTF-8, in a page declared UTF-8. */
	n = snprintf(page, sizeof(page), "%s", page_with(
		"<meta charset=utf-8><title>Bad \xff\xfe bytes \xc3</title>", ""));
	CHECK_INT(run_cs(page, (size_t)n, NULL), 0, "invalid UTF-8 is read");
	CHECK_STR(rec.title, "Bad \xef\xbf\xbd\xef\xbf\xbd bytes \xef\xbf\xbd",
		  "each invalid byte is U+FFFD");
	CHECK(utf8_valid(rec.text, rec.text_len), "the text is valid UTF-8");
	/* NUL bytes do not end the page early. */
	char nul[600];
	n = snprintf(nul, sizeof(nul), "%s", page_with("<title>A</title>", ""));
	nul[20] = '\0';
	CHECK_INT(run_cs(nul, (size_t)n, NULL), 0, "a NUL byte in the page");
	CHECK(has(PARA3), "the text after it is read");
}

static void test_entities(void)
{
	run(page_with("", "<p>The bid of &#163;1.8m &amp; a further &euro;2m "
		      "was &ldquo;final&rdquo;, said the chair of the board, "
		      "&#x2014; and the board agreed.</p>"));
	CHECK(has("The bid of £1.8m & a further €2m was “final”, said the chair"),
	      "entities are decoded in the text");
	CHECK(has("— and the board agreed"), "hex character references too");
}

static void test_structure(void)
{
	run(page_in("", "", "<div><p>" PARA4 "</p><script>if (a < b) { "
		    "$(p).after('<div class=x>Scriptword</div>');\n"
		    "$(q).append('Scriptword again, with a sentence long "
		    "enough, to count as text.'); }</script></div>"));
	CHECK(!has("Scriptword") && !has("append("),
	      "a script with end tags in its strings ends only at </script>");
	run("<html><body><div class=post>"
	    "First paragraph of a blog post written with line breaks only, "
	    "as old blogs do, with some commas, here and there.<br><br>"
	    "Second paragraph of the same post, also long enough to be "
	    "counted, with a comma or two, as before.<br><br>"
	    "Third one, with a line<br>break inside it, and more words to "
	    "make it long enough to count."
	    "<pre>code  line 1\n    indented line 2</pre></div></body></html>");
	CHECK(strstr(rec.text, "here and there.\n\nSecond paragraph") != NULL,
	      "<br><br> separates paragraphs");
	CHECK(strstr(rec.text, "with a line\nbreak inside") != NULL,
	      "a single <br> is a line break");
	CHECK(strstr(rec.text, "code  line 1\n    indented line 2") != NULL,
	      "<pre> keeps its spaces and lines");
	run(page_in("", "", "<table><tr><th>Year</th><th>Votes</th></tr>"
		    "<tr><td>2020</td><td>4,211</td></tr>"
		    "<tr><td>2024</td><td>5,002</td></tr></table>"));
	CHECK(has("2020\t4,211"), "table cells are separated by a tab");
}

static void test_jsonld_body(void)
{
	CHECK_INT(run("<html><head><title>Port reopens</title>"
		      "<script type=application/ld+json>{\"@type\":\"NewsArticle\","
		      "\"articleBody\":\"The port reopened on Friday after a week "
		      "of repairs.\\n\\nShips waiting offshore began to dock at "
		      "dawn.\"}</script></head><body><div id=app></div>"
		      "<script>render()</script></body></html>"), 0,
		  "a page rendered by scripts: JSON-LD articleBody is the text");
	CHECK_STR(rec.text, "The port reopened on Friday after a week of "
		  "repairs.\n\nShips waiting offshore began to dock at dawn.",
		  "its lines are paragraphs");
	CHECK_INT(run("<html><head><script type=application/ld+json>{\"@type\":"
		      "\"Article\",\"articleBody\":\"<p>First &amp; foremost, "
		      "the vote.</p><p>Then the count began.</p>\"}</script>"
		      "</head><body></body></html>"), 0,
		  "articleBody written as markup");
	CHECK_STR(rec.text, "First & foremost, the vote.\n\nThen the count began.",
		  "is read as markup");
}

static void test_no_text(void)
{
	CHECK_INT(run("<html><head><title>Empty</title></head><body>"
		      "<script>var a = 'lots of script text here';</script>"
		      "</body></html>"), -EINVAL, "a page without text is refused");
	CHECK_STR(reason, "no article text", "with the reason");
	CHECK_INT(run(""), -EINVAL, "an empty file too");
	CHECK_INT(run("<html><body><nav><a href=/>Home</a> <a href=/s>Sport"
		      "</a></nav><img src=x></body></html>"), -EINVAL,
		  "a page with only a menu and an image is refused");
}

static void test_deep(void)
{
	const size_t depth = 100000;
	struct sbuf sb = {0};
	int rc = sbuf_addstr(&sb, "<html><body>");
	for (size_t i = 0; !rc && i < depth; i++)
		rc = sbuf_add(&sb, "<div>", 5);
	rc |= sbuf_addstr(&sb, "<p>" PARA1 "</p><p>" PARA2 "</p>");
	for (size_t i = 0; !rc && i < depth; i++)
		rc = sbuf_add(&sb, "</div>", 6);
	rc |= sbuf_addstr(&sb, "</body></html>");
	CHECK_INT(rc, 0, "built a page of 100,000 nested <div>s");
	CHECK_INT(run_cs(sb.buf, sb.len, NULL), 0,
		  "100,000 nested <div>s: no stack overflow");
	CHECK(has(PARA1) && has(PARA2), "and the text inside is found");
	/* The same, never closed. */
	sbuf_reset(&sb);
	rc = sbuf_addstr(&sb, "<html><body>");
	for (size_t i = 0; !rc && i < depth; i++)
		rc = sbuf_add(&sb, "<div><span>", 11);
	rc |= sbuf_addstr(&sb, "<p>" PARA3);
	CHECK_INT(run_cs(sb.buf, sb.len, NULL), 0,
		  "100,000 unclosed nested elements");
	CHECK(has(PARA3), "and the text at the bottom is found");
	sbuf_release(&sb);
}

static void test_sniff(void)
{
	CHECK_INT(fmt_sniff("a/page.HTM", "hello", 5), FMT_HTML, ".htm by name");
	CHECK_INT(fmt_sniff("x.txt", "\xef\xbb\xbf  <!DOCTYPE html><p>", 22),
		  FMT_HTML, "a doctype after a BOM");
	CHECK_INT(fmt_sniff("x", "<!-- saved from url -->\n<html lang=en>", 37),
		  FMT_HTML, "<html> after a comment");
	CHECK_INT(fmt_sniff("x", "<?xml version=\"1.0\"?><html xmlns=\"a\">", 37),
		  FMT_HTML, "XHTML");
	CHECK_INT(fmt_sniff("x.txt", "WASHINGTON - The <b>bill</b> passed.", 36),
		  FMT_TEXT, "text that mentions a tag is text");
	CHECK_INT(fmt_sniff(NULL, "", 0), FMT_TEXT, "nothing is text");
}

int main(void)
{
	if (fmt_ctx_new(&ctx)) {
		printf("not ok - context\n");
		return 1;
	}
	test_boilerplate();
	test_headline();
	test_dates();
	test_encodings();
	test_entities();
	test_structure();
	test_jsonld_body();
	test_no_text();
	test_deep();
	test_sniff();
	fmt_ctx_free(ctx);
	return check_failed ? 1 : 0;
}
