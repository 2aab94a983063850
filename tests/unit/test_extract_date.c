/* Unit tests for dates: every format news uses, implausible dates, the
 * dateline, and which date of an article is its own. */
#include "check.h"
#include "extract/internal.h"

#include <string.h>

/* 2025-01-01 00:00 UTC: "now" for every test, so they never age. */
static const time_t now = 1735689600;
/* 2024-08-01 12:00 UTC: the file time given with articles. */
static const time_t aug2024 = 1722513600;

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

static void test_yearless(void)
{
	CHECK_INT(ext_date_before(7, 28, aug2024), 20240728,
		  "a past day takes the file's year");
	CHECK_INT(ext_date_before(9, 22, aug2024), 20230922,
		  "a day after the file time is from the year before");
	CHECK_INT(ext_date_before(2, 29, aug2024 + 366 * 86400), 20240229,
		  "29 February goes back to a leap year");
	CHECK_INT(ext_date_before(7, 28, 0), 0,
		  "without a file time there is no year to guess");
}

static struct ext_view view;

/* The article date of text, as ext_extract() would find it. */
static long article_date(const char *text, time_t file_time,
			 const char **why)
{
	static char buf[128];
	struct ext_dateline dl;
	int32_t ymd;
	uint32_t off, len;
	ext_clean(&view, text, strlen(text));
	ext_find_dateline(&view, now, &dl);
	ext_find_date(&view, &dl, file_time, now, &ymd, &off, &len);
	if (why) {
		size_t n = len < sizeof(buf) - 1 ? len : sizeof(buf) - 1;
		memcpy(buf, view.text + off, n);
		buf[n] = '\0';
		*why = buf;
	}
	return ymd;
}

static const char body[] =
	"The defense chiefs met for the first time in fifteen years and "
	"agreed to hold talks every year from now on, the ministry said.\n";

static void test_article_date(void)
{
	char t[1024];
	const char *why;
	snprintf(t, sizeof(t), "26-FEB-1987 15:01:01.79\nTRADE TALKS\n\n"
		 "TOKYO, Feb 27 - %s", body);
	CHECK_INT(article_date(t, aug2024, &why), 19870226,
		  "a header timestamp wins over the dateline");
	CHECK_STR(why, "26-FEB-1987", "the evidence is the timestamp");
	snprintf(t, sizeof(t), "Talks in Honolulu\n\nHonolulu, 2 September "
		 "2022 (TDI): %s", body);
	CHECK_INT(article_date(t, aug2024, NULL), 20220902,
		  "a dateline with a full date");
	snprintf(t, sizeof(t), "Talks in Tokyo\n\nTOKYO, July 28 - %s", body);
	CHECK_INT(article_date(t, aug2024, &why), 20240728,
		  "a year-less dateline takes the file's year");
	CHECK_STR(why, "July 28", "the evidence is the dateline date");
	CHECK_INT(article_date(t, 0, NULL), 0,
		  "a year-less date without a file time is not guessed");
	snprintf(t, sizeof(t), "Talks\n\nOfficials met in Seoul on September "
		 "10, 2024. %s", body);
	CHECK_INT(article_date(t, aug2024, NULL), 20240910,
		  "a date in the lead paragraph");
	snprintf(t, sizeof(t), "Talks\n\n%sThey agreed on measures to prevent "
		 "a repeat of the December 2018 radar incident.\n", body);
	CHECK_INT(article_date(t, aug2024, NULL), 0,
		  "a month-year mention is never the article's date");
	snprintf(t, sizeof(t), "Talks\n\n%sThe treaty was signed on March 3, "
		 "1999.\n", body);
	CHECK_INT(article_date(t, aug2024, NULL), 0,
		  "a date deep in the body is not the article's date");
	snprintf(t, sizeof(t), "Talks\n\nUpdated: Jul 28, 2024, 12:07 KST\n\n%s"
		 "The pact was signed on March 3, 1999.\n", body);
	CHECK_INT(article_date(t, aug2024, NULL), 20240728,
		  "a header date line with a KST zone wins over the body");
	snprintf(t, sizeof(t), "Talks\n\n28 Jul 2024 12:07:32 GMT9\n\n%s",
		 body);
	CHECK_INT(article_date(t, aug2024, NULL), 20240728,
		  "a header date line with a GMT9 zone");
	snprintf(t, sizeof(t), "Talks\n\nSun, 28 Jul 2024 12:07:32 +0900\n\n"
		 "%s", body);
	CHECK_INT(article_date(t, aug2024, NULL), 20240728,
		  "a header date line with a weekday and +0900");
	snprintf(t, sizeof(t), "Talks\n\nPublished 3 March 2030\n\n%s", body);
	CHECK_INT(article_date(t, aug2024, NULL), 0,
		  "a date in the future is rejected");
	snprintf(t, sizeof(t), "Talks\n\nPublished: Jan. 5, 1703\n\n%s", body);
	CHECK_INT(article_date(t, aug2024, NULL), 0,
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
	test_yearless();
	test_article_date();
	test_dateline();
	ext_view_release(&view);
	return check_done();
}
