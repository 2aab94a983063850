/* Unit tests for people: one entry per person of an article, named by
 * the fullest form the article writes, and the people named without an
 * office that the index may later make officials. Every sentence here is
 * written for the test. */
#include "check.h"
#include "extract.h"

#include <stdbool.h>
#include <string.h>

static struct ext_gaz *gaz;
static struct ext_result res;
/* 2025-01-01 00:00 UTC: the reference time, so the tests never age. */
static const struct ext_when when = {.now = 1735689600};

/* Names of a list in the result, joined by '|'. */
static const char *join(bool people)
{
	static char buf[512];
	buf[0] = '\0';
	size_t n = people ? res.npeople : res.nofficials;
	for (size_t i = 0; i < n; i++) {
		if (i)
			strncat(buf, "|", sizeof(buf) - strlen(buf) - 1);
		strncat(buf, people ? res.people[i].name :
			res.officials[i].name, sizeof(buf) - strlen(buf) - 1);
	}
	return buf;
}

static const char *officials(const char *text)
{
	if (ext_extract(gaz, text, strlen(text), &when, &res))
		return "(error)";
	return join(false);
}

static const char *people(const char *text)
{
	if (ext_extract(gaz, text, strlen(text), &when, &res))
		return "(error)";
	return join(true);
}

static void test_fullest_form(void)
{
	CHECK_STR(officials("President Bush flew in. George W Bush then met "
			    "the troops. Bush said little."), "George W Bush",
		  "title, surname and full name are one official, named in "
		  "full");
	CHECK_STR(people(""), "", "an empty text names nobody");
	CHECK_STR(officials("Prime Minister Tony Blair spoke first. Mr Blair "
			    "said more later."), "Tony Blair",
		  "an honorific and a surname join the titled full name");
	CHECK_INT(res.npeople, 0, "and are no person of their own");
	CHECK_STR(officials("Tory spokesman David Davis spoke. Later Mr Davis "
			    "said more."), "David Davis",
		  "a surname that sorts after the given name joins too");
	CHECK_INT(res.npeople, 0, "and is no person of its own");
	CHECK_STR(officials("President Bush spoke. George Bush and his "
			    "neighbour Kate Bush listened."), "Bush",
		  "a surname with two full names in the article joins neither");
	CHECK_STR(join(true), "George Bush|Kate Bush",
		  "who stay people without an office");
}

static void test_people(void)
{
	CHECK_STR(people("Economist Alan Greenspan said rates would rise."),
		  "Alan Greenspan", "a full name without office is a person");
	CHECK_STR(join(false), "", "and no official");
	CHECK_STR(people("Mr Blair said the plan was sound."), "Blair",
		  "a surname after an honorific is a person");
	CHECK_STR(people("Howard said the plan was sound."), "Howard",
		  "a surname before a verb of speech is a person");
	CHECK_STR(people("Jordan said the border would stay closed."), "",
		  "a country speaking is no person");
	CHECK_STR(people("The film by Jordan Peele opened in Texas."),
		  "Jordan Peele", "a person whose name starts like a country");
	CHECK_INT(res.ncountries, 1, "is no mention of that country");
	CHECK_STR(people("Shares in Tokyo rose, dealers said."), "",
		  "words at the start of a sentence are no person");
	CHECK_STR(people("The talks went on. Kim Jong-un and Kim Jong Un are "
			 "one man."), "Kim Jong-un",
		  "spellings of one Korean name are one person");
	CHECK(res.npeople == 1 && !strcmp(res.people[0].key, "jongun kim"),
	      "the person carries the merge key the index joins on");
	const char *t = "Officials said Alan Greenspan spoke.";
	people(t);
	CHECK(res.npeople == 1 && res.people[0].at.len == 14 &&
	      !memcmp(t + res.people[0].at.off, "Alan Greenspan", 14),
	      "a person's span is their first mention");
}

int main(void)
{
	char err[256];
	if (ext_gaz_load(&gaz, NULL, err, sizeof(err))) {
		printf("not ok - the gazetteer loads: %s\n", err);
		return 1;
	}
	test_fullest_form();
	test_people();
	ext_result_release(&res);
	ext_gaz_free(gaz);
	return check_done();
}
