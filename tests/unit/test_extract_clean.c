/* Unit tests for the cleaned view: junk dropped, whitespace collapsed,
 * wrapped lines joined, offsets mapped back to the original. */
#include "check.h"
#include "extract/internal.h"

#include <stdlib.h>
#include <string.h>

static struct ext_view view;

static void clean(const char *text, size_t len)
{
	if (ext_clean(&view, text, len))
		printf("not ok - ext_clean ran out of memory\n");
}

/* Paragraph i of the view as a string (static buffer). */
static const char *para(size_t i)
{
	static char buf[512];
	if (i >= view.nparas)
		return "(none)";
	size_t n = view.paras[i].len < sizeof(buf) - 1 ? view.paras[i].len :
		   sizeof(buf) - 1;
	memcpy(buf, view.text + view.paras[i].off, n);
	buf[n] = '\0';
	return buf;
}

/* The original bytes behind the cleaned occurrence of needle. */
static const char *orig_of(const char *orig, const char *needle)
{
	static char buf[256];
	const char *at = strstr(view.text, needle);
	if (!at)
		return "(not in view)";
	struct ext_span sp = ext_view_span(&view, (size_t)(at - view.text),
					   strlen(needle));
	size_t n = sp.len < sizeof(buf) - 1 ? sp.len : sizeof(buf) - 1;
	memcpy(buf, orig + sp.off, n);
	buf[n] = '\0';
	return buf;
}

static void test_whitespace(void)
{
	const char t[] = "Talks  in\tSeoul\xc2\xa0today,\x00 said\xe2\x80\x8b it.";
	clean(t, sizeof(t) - 1);
	CHECK_STR(para(0), "Talks in Seoul today, said it.",
		  "runs of spaces, tabs, NBSP and NUL become one space");
	CHECK_STR(orig_of(t, "in Seoul"), "in\tSeoul",
		  "a span maps back to the original bytes");
	CHECK_STR(orig_of(t, "said it"), "said\xe2\x80\x8b it",
		  "zero-width characters vanish but stay inside the span");
}

/* Character references and entities in plain text read as the
 * characters they stand for; the file's bytes stay. */
static void test_entities(void)
{
	const char t[] = "&#163;1.8m fine for Jos&#233; &amp; AT&T &lt;b&gt; "
			 "&#xE9;t&eacute; caf&#233;s a&#5;b &bogus; &#0; "
			 "&#99999999; &#55296; &amp";
	clean(t, sizeof(t) - 1);
	CHECK_STR(para(0), "\xc2\xa3" "1.8m fine for Jos\xc3\xa9 & AT&T <b> "
		  "\xc3\xa9t\xc3\xa9 caf\xc3\xa9s a b &bogus; &#0; "
		  "&#99999999; &#55296; &amp",
		  "numeric, hexadecimal and named references are decoded, "
		  "control characters become a space, the rest stays");
	CHECK_STR(orig_of(t, "\xc2\xa3" "1.8m"), "&#163;1.8m",
		  "a decoded character maps back to its whole reference");
	CHECK_STR(orig_of(t, "Jos\xc3\xa9"), "Jos&#233;",
		  "also when it ends a span");
	CHECK_INT(view.len <= sizeof(t), 1,
		  "decoding never makes the text longer");
}

static void test_wrapping(void)
{
	const char *t =
		"26-FEB-1987 15:01:01.79\n"
		"KOREA TRADE\n"
		"\n"
		"SEOUL, Feb 26 - Exports from South\n"
		"Korea rose in January, the trade ministry said in a statement\n"
		"released on Thursday, citing strong demand from buyers in the\n"
		"United States and Japan for cars, ships and chips.\n"
		"    Imports fell two pct in the same month, the ministry said\n"
		"in its report, which is published every four weeks here.\n";
	clean(t, strlen(t));
	CHECK_INT(view.nparas, 4, "a wire story has four paragraphs");
	CHECK_STR(para(1), "KOREA TRADE", "the headline stays on its own");
	CHECK(strstr(para(2), "from South Korea rose") != NULL,
	      "a hard-wrapped paragraph is joined with spaces");
	CHECK(!strncmp(para(3), "Imports fell", 12),
	      "an indented line starts a new paragraph");
	CHECK_STR(orig_of(t, "South Korea"), "South\nKorea",
		  "a name across a line break maps to both lines");
	CHECK_INT(view.body, 2, "the body starts after the headline");
	CHECK(view.paras[1].flags & PARA_CAPS,
	      "an all-caps headline is marked as such");
}

static void test_headings_stay_apart(void)
{
	const char *t =
		"US and Japan Deepen Security Ties Amid Rising Regional Tension\n"
		"Table of Contents\n"
		"Strengthened Defense Commitments\n"
		"The United States emphatically reaffirmed its unwavering "
		"commitment to the defense of both Japan and South Korea, "
		"emphasizing the strength of its capabilities.\n";
	clean(t, strlen(t));
	CHECK_STR(para(0), "US and Japan Deepen Security Ties Amid Rising "
		  "Regional Tension", "lines of unwrapped text are not joined");
	CHECK_STR(para(1), "Strengthened Defense Commitments",
		  "a table-of-contents line is dropped");
	CHECK_INT(view.body, 2, "a long headline is not running text");
}

static void test_junk(void)
{
	const char *t =
		"Since 1975\n"
		"  \xe2\x80\xa2 facebook\n"
		"  \xe2\x80\xa2 Home\n"
		"  \xe2\x80\xa2 Japan, U.S., S. Korea reaffirm unity\n"
		"\n"
		"Japan, U.S., S. Korea reaffirm unity\n"
		"A caption that a carousel repeats. (Photo)\n"
		"A caption that a carousel repeats. (Photo)\n"
		"A caption that a carousel repeats. (Photo)\n"
		"Short Url:\n"
		"Also read: US deploys carrier\n"
		"See https://example.com/a/b for more\n"
		"- Sanctions: Enhanced coordination to enforce existing "
		"sanctions against the North.\n"
		"Reuter\n";
	clean(t, strlen(t));
	CHECK_STR(para(0), "Since 1975", "a short line stays");
	CHECK_STR(para(1), "Japan, U.S., S. Korea reaffirm unity",
		  "bullet menu items are dropped");
	CHECK(view.paras[1].flags & PARA_REPEATED,
	      "a line also seen as a menu item is marked as repeated");
	CHECK_STR(para(2), "See for more", "URLs are dropped");
	CHECK_STR(para(3), "Sanctions: Enhanced coordination to enforce "
		  "existing sanctions against the North.",
		  "a bullet that is a sentence stays, without its marker");
	CHECK_INT(view.nparas, 4, "captions seen three times, share buttons, "
		  "'Also read' links and the sign-off are dropped");
}

static void test_repeated_headline(void)
{
	const char *t = "Leaders meet in Tokyo\n\n199\nLeaders meet in Tokyo\n";
	clean(t, strlen(t));
	CHECK_STR(para(0), "Leaders meet in Tokyo", "a headline stays once");
	CHECK_INT(view.nparas, 2, "its second copy is dropped");
	CHECK(view.paras[0].flags & PARA_REPEATED, "and it is marked");
}

static void test_limits(void)
{
	clean(NULL, 0);
	CHECK_INT(view.nparas, 0, "an empty text has no paragraphs");
	clean("\n\n \t\n", 5);
	CHECK_INT(view.nparas, 0, "white space alone has no paragraphs");
	size_t n = 1 << 20;
	char *big = malloc(n);
	for (size_t i = 0; i < n; i++)
		big[i] = i % 7 == 6 ? ' ' : 'a';
	clean(big, n);
	CHECK(view.nparas == 1 && view.paras[0].len == n,
	      "a 1 MB line is one paragraph of the same length");
	memset(big, 0, n);
	clean(big, n);
	CHECK_INT(view.nparas, 0, "1 MB of NUL bytes is empty");
	free(big);
	const char bad[] = "caf\xe9 \xff\xfe ok\n";
	clean(bad, sizeof(bad) - 1);
	CHECK_INT(view.nparas, 1, "invalid UTF-8 does not stop cleaning");
}

/* Inputs the fuzzers found (make fuzz): each read out of bounds before
 * its fix. Under make asan a regression is a crash, not only a failure. */
static void test_fuzz_findings(void)
{
	/* A stray continuation byte at a line end made trimming underflow. */
	const char stray[] = "Talks in Seoul \x80\n\x80\nok\x80";
	clean(stray, sizeof(stray) - 1);
	CHECK(view.nparas >= 1 && strstr(para(0), "Talks in Seoul"),
	      "a stray continuation byte at a line end is trimmed safely");
	/* A short line starting like a boilerplate prefix ("S", "R") was
	 * compared past its end. Exact-size copies so ASan sees overruns. */
	static const char *const shorts[] = {"S", "R\n", "Fo", "C\nA"};
	for (size_t i = 0; i < sizeof(shorts) / sizeof(shorts[0]); i++) {
		size_t n = strlen(shorts[i]);
		char *t = malloc(n);
		memcpy(t, shorts[i], n);
		clean(t, n);
		CHECK(view.nparas <= 2, "a one- or two-letter line is safe");
		free(t);
	}
}

int main(void)
{
	test_whitespace();
	test_entities();
	test_wrapping();
	test_headings_stay_apart();
	test_junk();
	test_repeated_headline();
	test_limits();
	test_fuzz_findings();
	ext_view_release(&view);
	return check_done();
}
