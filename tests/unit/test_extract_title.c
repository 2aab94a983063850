/* Unit tests for the headline: wire copy, scraped pages with junk above
 * the headline, texts without one, and hostile lengths. */
#include "check.h"
#include "extract.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static struct ext_gaz *gaz;
static struct ext_result res;
/* 2025-01-01 00:00 UTC: the reference time, so the tests never age. */
static const struct ext_when when = {.now = 1735689600};

static const char *title(const char *text, size_t len)
{
	if (ext_extract(gaz, text, len, &when, &res))
		return "(error)";
	return res.title;
}

#define TITLE(s) title((s), strlen(s))

static const char body[] =
	"The defense chiefs met for the first time in fifteen years and "
	"agreed to hold talks every year from now on, the ministry said.\n";

static void test_headlines(void)
{
	char t[2048];
	snprintf(t, sizeof(t), "26-FEB-1987 15:01:01.79\nBAHIA COCOA REVIEW\n"
		 "\nSALVADOR, Feb 26 - %s", body);
	CHECK_STR(TITLE(t), "BAHIA COCOA REVIEW",
		  "a wire headline follows its timestamp");
	snprintf(t, sizeof(t), "Since 1975\n  \xe2\x80\xa2 facebook\n"
		 "  \xe2\x80\xa2 Japan, U.S. reaffirm unity\n\nJapan, U.S. "
		 "reaffirm unity\n28 Jul 2024 12:07:32 GMT9\n\nTOKYO: %s", body);
	CHECK_STR(TITLE(t), "Japan, U.S. reaffirm unity",
		  "the repeated line wins over a slogan and a menu");
	snprintf(t, sizeof(t), "Ad sales boost Time Warner profit\n\n%s", body);
	CHECK_STR(TITLE(t), "Ad sales boost Time Warner profit",
		  "a headline on the first line");
	snprintf(t, sizeof(t), "September 10, 2024\nLeaders meet in Seoul\n\n%s",
		 body);
	CHECK_STR(TITLE(t), "Leaders meet in Seoul", "a date line is skipped");
	snprintf(t, sizeof(t), "Since 1975\nCOCOA\n\n%s", body);
	CHECK_STR(TITLE(t), "Since 1975",
		  "a short first line is taken when nothing is longer");
	snprintf(t, sizeof(t), "Webp pj1a6zkcdaifo2i1vcis1uhq08w6\nLeaders "
		 "meet in Seoul today\n\n%s", body);
	CHECK_STR(TITLE(t), "Leaders meet in Seoul today",
		  "a line with a scraped image id is skipped");
	snprintf(t, sizeof(t), "&#163;2m fine for radio group &amp; its "
		 "owner\n\n%s", body);
	CHECK_STR(TITLE(t), "\xc2\xa3" "2m fine for radio group & its owner",
		  "character references in a headline are decoded");
}

static void test_first_sentence(void)
{
	CHECK_STR(TITLE(body), "The defense chiefs met for the first time in "
		  "fifteen years and agreed to hold talks every year from "
		  "now on, the ministry",
		  "a long first sentence is cut at a word boundary");
	CHECK(strlen(res.title) <= 120, "and is at most 120 bytes");
	CHECK_STR(TITLE("Mr. Kihara met U.S. officials in Tokyo. They "
			"agreed on a plan to meet again in the autumn, "
			"the ministry said in a statement on Monday."),
		  "Mr. Kihara met U.S. officials in Tokyo.",
		  "abbreviations do not end the first sentence");
}

static void test_limits(void)
{
	CHECK_STR(title("", 0), "", "an empty text has an empty title");
	CHECK_STR(TITLE(" \n\t\n"), "", "white space has an empty title");
	CHECK_STR(TITLE("199\n"), "199", "a text with only digits keeps them");
	CHECK_STR(title("Talks\0in Seoul\n", 15), "Talks in Seoul",
		  "NUL bytes in a title become spaces");
	size_t n = 10000;
	char *big = malloc(n + 1);
	for (size_t i = 0; i < n; i++)
		big[i] = i % 9 == 8 ? ' ' : 'w';
	const char *t = title(big, n);
	CHECK(strlen(t) <= 200 && t[strlen(t) - 1] == 'w',
	      "a 10,000-byte headline is cut at a word, within 200 bytes");
	for (size_t i = 0; i + 1 < n; i += 2)
		memcpy(big + i, "\xc3\xa9", 2);
	t = title(big, n);
	CHECK(strlen(t) <= 200 && utf8_valid(t, strlen(t)),
	      "a 10,000-byte word is cut between characters");
	free(big);
}

int main(void)
{
	char err[256];
	if (ext_gaz_load(&gaz, NULL, err, sizeof(err))) {
		printf("not ok - the gazetteer loads: %s\n", err);
		return 1;
	}
	test_headlines();
	test_first_sentence();
	test_limits();
	ext_result_release(&res);
	ext_gaz_free(gaz);
	return check_done();
}
