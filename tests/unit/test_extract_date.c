/* Unit tests for dates: every format news uses, implausible dates, the
 * dateline, and which date of an article is its own. */
#include "check.h"
#include "extract/internal.h"

#include <string.h>

/* 2025-01-01 00:00 UTC: "now" for every test, so they never age. */
static const time_t now = 1735689600;

/* YYYYMMDD of the date parsed at the start of s; year 0 when yearless,
 * -1 for a month-year mention, 0 when nothing parses. */
static long parse(const char *s)
{
	struct ext_date d;
	if (!ext_date_parse(s, strlen(s), now, &d))
		return 0;
	if (d.kind == EXT_DATE_MONTHYEAR)
		return -1;
	return (long)d.y * 10000 + d.m * 100 + d.d;
}

static void test_formats(void)
{
	CHECK_INT(parse("2 September 2022"), 20220902, "day month year");
	CHECK_INT(parse("September 10, 2024"), 20240910,
		  "month day, year");
	CHECK_INT(parse("28 Jul 2024 12:07:32 GMT9"), 20240728,
		  "abbreviated month with a time and a zone");
	CHECK_INT(parse("2024-07-28T12:07:32Z"), 20240728, "ISO 8601");
	CHECK_INT(parse("2024-07-28"), 20240728, "ISO 8601 date alone");
	CHECK_INT(parse("Sun, 28 Jul 2024 12:07:32 +0900"), 20240728,
		  "RFC 2822");
	CHECK_INT(parse("26-FEB-1987 15:01:01.79"), 19870226,
		  "a Reuters wire timestamp");
	CHECK_INT(parse("26-Feb-87"), 19870226, "day-month-two-digit year");
	CHECK_INT(parse("Sunday, July 28, 2024"), 20240728,
		  "a weekday before the date");
	CHECK_INT(parse("Thurs. Sept. 5, 2024"), 20240905,
		  "abbreviated weekday and month with stops");
	CHECK_INT(parse("Sept. 2nd, 2024"), 20240902, "an ordinal day");
	CHECK_INT(parse("2nd of September 2022"), 20220902,
		  "an ordinal day with 'of'");
	CHECK_INT(parse("Sept. 9-10, 2024"), 20240909,
		  "a range gives its first day");
	CHECK_INT(parse("9\xe2\x80\x93" "10 September 2024"), 20240909,
		  "a range with an en dash gives its first day");
	CHECK_INT(parse("July 28 '24"), 20240728, "an apostrophe year");
	CHECK_INT(parse("28 Jul 24 12:07:32 GMT"), 20240728,
		  "a two-digit year before a time");
	CHECK_INT(parse("07/28/2024"), 20240728,
		  "month/day/year when the day cannot be a month");
	CHECK_INT(parse("28.07.2024"), 20240728,
		  "day.month.year when the day cannot be a month");
	CHECK_INT(parse("July 28"), 728, "a date without a year");
	CHECK_INT(parse("10 January"), 110, "day month without a year");
	CHECK_INT(parse("Feb 26 - Showers"), 226, "a dateline date");
}

static void test_not_dates(void)
{
	CHECK_INT(parse("December 2018 radar incident"), -1,
		  "month and year only is a month-year mention");
	CHECK_INT(parse("03/04/2024"), 0,
		  "an ambiguous numeric date is not read");
	CHECK_INT(parse("may 5"), 0, "'may' in lower case is a verb");
	CHECK_INT(parse("March 187"), 0, "a three-digit day is no date");
	CHECK_INT(parse("May 20255"), 0, "a longer number is no year");
	CHECK_INT(parse("32 March 2024"), 0, "day 32 is no date");
	CHECK_INT(parse("Marchers 12"), 0, "a longer word is no month");
	CHECK_INT(parse("March 3, 120 companies"), 303,
		  "a three-digit number after a date is no year");
	CHECK_INT(ext_date_ymd(2024, 2, 30, now), 0,
		  "30 February is rejected");
	CHECK_INT(ext_date_ymd(2024, 2, 29, now), 20240229,
		  "29 February of a leap year is kept");
	CHECK_INT(ext_date_ymd(1799, 12, 31, now), 0,
		  "a year before 1800 is implausible");
	CHECK_INT(ext_date_ymd(2025, 1, 2, now), 20250102,
		  "a day ahead of now is tolerated (time zones)");
	CHECK_INT(ext_date_ymd(2025, 1, 3, now), 0,
		  "more than a day in the future is rejected");
}

static struct ext_view view;
static struct ext_adate found;

/* The article date of text, as ext_extract() would find it, with the
 * source's stated date (0: none). */
static long stated_date(const char *text, int32_t stated, const char **why)
{
	static char buf[128];
	struct ext_dateline dl;
	struct ext_when when = {.now = now, .stated = stated};
	ext_clean(&view, text, strlen(text));
	ext_find_dateline(&view, now, &dl);
	ext_find_date(&view, &dl, &when, &found);
	if (why) {
		size_t n = found.len < sizeof(buf) - 1 ? found.len :
			   sizeof(buf) - 1;
		memcpy(buf, view.text + found.off, n);
		buf[n] = '\0';
		*why = buf;
	}
	return found.ymd;
}

static long article_date(const char *text, const char **why)
{
	return stated_date(text, 0, why);
}

/* Where the year of the last article date came from. */
static const char *year_why(void)
{
	static char buf[16];
	snprintf(buf, sizeof(buf), "%.*s", (int)found.year_len,
		 view.text + found.year_off);
	return buf;
}

static const char body[] =
	"The defense chiefs met for the first time in fifteen years and "
	"agreed to hold talks every year from now on, the ministry said.\n";

static void test_cjk(void)
{
	CHECK_INT(parse("2016\xe5\xb9\xb4" "10\xe6\x9c\x88" "14\xe6\x97\xa5"),
		  20161014, "a CJK date with year, month and day");
	CHECK_INT(parse("10\xe6\x9c\x88" "14\xe6\x97\xa5"), 1014,
		  "a CJK date without a year");
	CHECK_INT(article_date("Headline\n\nTNW\xe4\xb8\xad\xe6\x96\x87\xe7\xab"
			       "\x99" "2016\xe5\xb9\xb4" "10\xe6\x9c\x88" "14"
			       "\xe6\x97\xa5" "07:17\n\n" "Body text of the "
			       "story that runs on for a while.\n", NULL),
		  20161014, "a CJK date right after CJK letters");
}

/* A date without a year takes the year the article names nearest to it,
 * never the clock's or a file's. */
static void test_yearless(void)
{
	char t[1024];
	const char *why;
	snprintf(t, sizeof(t), "Talks in Tokyo\n\nTOKYO, July 28 - %s", body);
	CHECK_INT(article_date(t, NULL), 0,
		  "a year-less dateline in a text naming no year is undated");
	snprintf(t, sizeof(t), "Talks in Tokyo\n\nTOKYO, July 28 - Talks "
		 "resumed in May 2024. %sThe pact was first signed in 1999.\n",
		 body);
	CHECK_INT(article_date(t, &why), 20240728,
		  "a year-less dateline takes the year named nearest to it");
	CHECK_STR(why, "July 28", "the evidence is the dateline date");
	CHECK_INT(found.from, EXT_DATE_FROM_DATELINE, "from the dateline");
	CHECK_STR(year_why(), "2024", "and the year's evidence is its mention");
	snprintf(t, sizeof(t), "Talks\n\nTOKYO, July 28 - %s2000 people "
		 "marched.\n", body);
	CHECK_INT(article_date(t, NULL), 0, "a count is not a year");
	snprintf(t, sizeof(t), "Talks\n\nTOKYO, July 28 - Prices fell in "
		 "mid-1987 and rose again.\n");
	CHECK_INT(article_date(t, NULL), 19870728, "'mid-1987' names a year");
	snprintf(t, sizeof(t), "Talks\n\nTOKYO, July 28 - Talks resume in "
		 "2025.\n");
	CHECK_INT(article_date(t, NULL), 0,
		  "a year that puts the date in the future is not taken");
	snprintf(t, sizeof(t), "Talks\n\nTOKYO, Feb 29 - Rates rose in "
		 "2023.\n");
	CHECK_INT(article_date(t, NULL), 0,
		  "29 February in a year without one is no date");
	snprintf(t, sizeof(t), "Talks\n\nNew York City \xe2\x80\x93 Officials "
		 "met in New York City on September 22 to discuss security. "
		 "%sTraining is planned for May 2024.\n", body);
	CHECK_INT(article_date(t, &why), 20240922,
		  "a lead that opens with a dateline gives its first date");
	CHECK_STR(why, "September 22", "the evidence is that date");
	CHECK_INT(found.from, EXT_DATE_FROM_LEAD, "from the lead");
	snprintf(t, sizeof(t), "Budget on 16 March\n\nThe chancellor will "
		 "set out his plans on 16 March, aides said in 2024.\n");
	CHECK_INT(article_date(t, NULL), 0,
		  "a date in a headline or a lead without dateline is an "
		  "event's");
	snprintf(t, sizeof(t), "Talks\n\nSept. 22\n\n%sTalks resume in May "
		 "2024.\n", body);
	CHECK_INT(article_date(t, NULL), 20240922,
		  "a header line of a year-less date only");
	CHECK_INT(found.from, EXT_DATE_FROM_HEADER, "from the header");
	snprintf(t, sizeof(t), "Rovers v Town\n\nTuesday, 1 March\n\n%sThey "
		 "last won here in 1996.\n", body);
	CHECK_INT(article_date(t, NULL), 0,
		  "a year that does not give the written weekday is not taken");
	snprintf(t, sizeof(t), "Rovers v Town\n\nTuesday, 1 March\n\n%sThey "
		 "last won here in 1996, and lost in 2005.\n", body);
	CHECK_INT(article_date(t, NULL), 20050301,
		  "the nearest year that gives the weekday is");
	snprintf(t, sizeof(t), "Talks\n\nTOKYO, July 28 - Talks resumed in "
		 "May 2022. %sThe pact expires in 2024.\n", body);
	CHECK_INT(article_date(t, NULL), 0,
		  "a year before another the text names is not taken");
}

static void test_article_date(void)
{
	char t[1024];
	const char *why;
	snprintf(t, sizeof(t), "26-FEB-1987 15:01:01.79\nTRADE TALKS\n\n"
		 "TOKYO, Feb 27 - %s", body);
	CHECK_INT(article_date(t, &why), 19870226,
		  "a header timestamp wins over the dateline");
	CHECK_STR(why, "26-FEB-1987", "the evidence is the timestamp");
	CHECK_INT(stated_date(t, 19870301, NULL), 19870301,
		  "a date the source states wins over the text");
	CHECK_INT(found.from, EXT_DATE_FROM_STATED, "and says so");
	CHECK_INT(found.len, 0, "a stated date has no span in the text");
	CHECK_INT(stated_date(t, 19870231, NULL), 19870226,
		  "an impossible stated date is ignored");
	snprintf(t, sizeof(t), "Talks in Honolulu\n\nHonolulu, 2 September "
		 "2022 (TDI): %s", body);
	CHECK_INT(article_date(t, NULL), 20220902,
		  "a dateline with a full date");
	snprintf(t, sizeof(t), "Talks\n\nSeptember 10, 2024 -- Officials met "
		 "in Seoul. %s", body);
	CHECK_INT(article_date(t, NULL), 20240910,
		  "a date that opens the lead");
	snprintf(t, sizeof(t), "Talks\n\nOfficials met in Seoul on September "
		 "10, 2024. %s", body);
	CHECK_INT(article_date(t, NULL), 20240910,
		  "a full date in the lead paragraph");
	snprintf(t, sizeof(t), "Talks\n\nThe singer vanished ten years ago, "
		 "on 1 February 1995. %s", body);
	CHECK_INT(article_date(t, NULL), 0,
		  "a lead date the sentence looks back to ('ago') is an "
		  "event's");
	snprintf(t, sizeof(t), "Talks\n\nThe first call was made on 1 January "
		 "1985. %sBy 1994 there were a million phones.\n", body);
	CHECK_INT(article_date(t, NULL), 0,
		  "a lead date before a year the text names is an event's");
	snprintf(t, sizeof(t), "Talks\n\n%sThey agreed on measures to prevent "
		 "a repeat of the December 2018 radar incident.\n", body);
	CHECK_INT(article_date(t, NULL), 0,
		  "a month-year mention is never the article's date");
	snprintf(t, sizeof(t), "Talks\n\n%sThe treaty was signed on March 3, "
		 "1999.\n", body);
	CHECK_INT(article_date(t, NULL), 0,
		  "a date deep in the body is not the article's date");
	snprintf(t, sizeof(t), "Talks\n\nUpdated: Jul 28, 2024, 12:07 KST\n\n%s"
		 "The pact was signed on March 3, 1999.\n", body);
	CHECK_INT(article_date(t, NULL), 20240728,
		  "a header date line with a KST zone wins over the body");
	snprintf(t, sizeof(t), "Talks\n\n28 Jul 2024 12:07:32 GMT9\n\n%s",
		 body);
	CHECK_INT(article_date(t, NULL), 20240728,
		  "a header date line with a GMT9 zone");
	snprintf(t, sizeof(t), "Talks\n\nSun, 28 Jul 2024 12:07:32 +0900\n\n"
		 "%s", body);
	CHECK_INT(article_date(t, NULL), 20240728,
		  "a header date line with a weekday and +0900");
	snprintf(t, sizeof(t), "Talks\n\nPublished 3 March 2030\n\n%s", body);
	CHECK_INT(article_date(t, NULL), 0,
		  "a date in the future is rejected");
	snprintf(t, sizeof(t), "Talks\n\nPublished: Jan. 5, 1703\n\n%s", body);
	CHECK_INT(article_date(t, NULL), 0,
		  "a date before 1800 is rejected");
}

static void dateline(const char *text, const char *place, long date,
		     const char *what)
{
	struct ext_dateline dl;
	char got[64] = "(none)";
	ext_clean(&view, text, strlen(text));
	ext_find_dateline(&view, now, &dl);
	if (dl.found)
		snprintf(got, sizeof(got), "%.*s", (int)dl.place_len,
			 view.text + dl.place_off);
	long d = dl.has_date ? dl.date.y * 10000L + dl.date.m * 100 +
				 dl.date.d : 0;
	CHECK(!strcmp(got, place) && d == date, "%s (got %s, %ld)", what,
	      got, d);
}

static void test_dateline(void)
{
	dateline("TOKYO, March 3 - Japan said its exports rose in February "
		 "after a weak January, the finance ministry said.", "TOKYO",
		 303, "a wire dateline gives place and date");
	dateline("PEARL RIVER, N.Y., April 8 - The company said it would buy "
		 "back shares of its common stock over two years.",
		 "PEARL RIVER", 408, "a dateline with a US state");
	dateline("WASHINGTON (Reuters) - The Treasury said it would sell "
		 "notes next week to raise new cash for the government.",
		 "WASHINGTON", 0, "an agency in brackets, no date");
	dateline("TOKYO: The defense chiefs of Japan and the United States "
		 "met on Sunday and agreed on closer ties with others.",
		 "TOKYO", 0, "a capitalised place and a colon");
	dateline("New York City \xe2\x80\x93 High-level officials from three "
		 "countries met on Monday to discuss regional security.",
		 "New York City", 0, "a place and an en dash");
	dateline("Note: The defense chiefs of Japan and the United States "
		 "met on Sunday and agreed on closer ties with others.",
		 "(none)", 0, "'Note:' is not a dateline");
	dateline("The defense chiefs of Japan and the United States met on "
		 "Sunday, March 3 - and agreed on closer ties with others.",
		 "(none)", 0, "a sentence is not a dateline");
	dateline("MARGAUX CONTROLS INC 3RD QTR LOSS\n\nFREMONT, Calif., "
		 "March 3 - Shr loss 1.60 dlrs vs loss 45 cts\n    Net loss "
		 "9,883,000 vs loss 2,744,000\n    NOTE: Current periods "
		 "include a loss of 7.5 mln dlrs from discontinued operations "
		 "of the company and its units.\n", "FREMONT", 303,
		 "a table's first line is its dateline, not 'NOTE:'");
	dateline("SUN ALLIANCE reports sharp profit rise\n\nLONDON, April 1 "
		 "- Year 1986\n", "LONDON", 401,
		 "a dateline below a mixed-case headline");
	dateline("NEW YORK, march 2 - The company said it signed an agreement "
		 "to sell its services to customers.", "NEW YORK", 302,
		 "a dateline month in lower case");
	dateline("PARIS,March 16 - The French government said it would sell "
		 "shares in the bank next month.", "PARIS", 316,
		 "a comma without a space");
	dateline("ROTTERDAM, April 1- Dutch port traffic rose in March, the "
		 "port authority said in a statement.", "ROTTERDAM", 401,
		 "a dash glued to the date");
}

int main(void)
{
	test_formats();
	test_not_dates();
	test_cjk();
	test_yearless();
	test_article_date();
	test_dateline();
	ext_view_release(&view);
	return check_done();
}
