/* Unit tests for the country matcher: aliases, abbreviations, demonyms,
 * capitals used as places, the blocklist, case and word boundaries;
 * places below the country (dateline cities, "City, Region"), former
 * states by date, and country names that do not mean the country. */
#include "check.h"
#include "extract.h"

#include <stdio.h>
#include <string.h>

static struct ext_gaz *gaz;
static struct ext_result res;
/* 2025-01-01 00:00 UTC: the reference time, so the tests never age. */
static const struct ext_when when = {.now = 1735689600};

/* The countries ext_extract() finds in text, joined by '|'. */
static const char *countries(const char *text)
{
	static char buf[512];
	buf[0] = '\0';
	if (ext_extract(gaz, text, strlen(text), &when, &res))
		return "(error)";
	for (size_t i = 0; i < res.ncountries; i++) {
		if (i)
			strncat(buf, "|", sizeof(buf) - strlen(buf) - 1);
		strncat(buf, res.countries[i].name, sizeof(buf) - strlen(buf) - 1);
	}
	return buf;
}

/* The evidence text for country name in the last result. */
static const char *why(const char *text, const char *name)
{
	static char buf[128];
	for (size_t i = 0; i < res.ncountries; i++) {
		if (strcmp(res.countries[i].name, name))
			continue;
		struct ext_span sp = res.countries[i].why;
		snprintf(buf, sizeof(buf), "%.*s", (int)sp.len, text + sp.off);
		return buf;
	}
	return "(none)";
}

static void test_forms(void)
{
	CHECK_STR(countries("Japan and South Korea held talks."),
		  "Japan|South Korea", "country names are found");
	CHECK_STR(countries("Officials of the U.S. and the US met."),
		  "United States", "one country is listed once");
	CHECK_STR(countries("It is the USA, or the U.S.A."),
		  "United States", "USA with and without dots");
	CHECK_STR(countries("The U.K. and the UK agreed."), "United Kingdom",
		  "UK with and without dots");
	CHECK_STR(countries("ROK and R.O.K. forces"), "South Korea",
		  "ROK with and without dots");
	CHECK_STR(countries("The DPRK and the PRC and the UAE"),
		  "China|North Korea|United Arab Emirates",
		  "DPRK, PRC and UAE abbreviations");
	CHECK_STR(countries("S. Korea and N. Korea talk."),
		  "North Korea|South Korea", "wire-service short forms");
	CHECK_STR(countries("W. German and E. German exports"),
		  "East Germany|Germany", "W. and E. Germany, short forms");
	CHECK_STR(countries("the Republic of Korea and the Democratic "
			    "People's Republic of Korea"),
		  "North Korea|South Korea", "official names");
	CHECK_STR(countries("Japanese and South Korean ministers"),
		  "Japan|South Korea", "demonyms, longest form first");
	CHECK_STR(countries("Soviet troops left West Germany."),
		  "Germany|Soviet Union",
		  "former states as the gazetteer maps them");
}

static void test_case_and_boundaries(void)
{
	CHECK_STR(countries("Let us hope they tell us more."), "",
		  "'us' is a pronoun, not the US");
	CHECK_STR(countries("She bought fine china and a turkey."), "",
		  "lower-case homographs are not countries");
	CHECK_STR(countries("Japan's and South Korea\xe2\x80\x99s ministers"),
		  "Japan|South Korea", "possessives end a match");
	CHECK_STR(countries("the U.S.-ROK alliance and ROK-US-Japan talks"),
		  "Japan|South Korea|United States",
		  "hyphens are word boundaries");
	CHECK_STR(countries("Exports from Nigeria rose."), "Nigeria",
		  "Niger does not match inside Nigeria");
	CHECK_STR(countries("Papua New Guinea signed."), "Papua New Guinea",
		  "Guinea inside Papua New Guinea is not Guinea");
	CHECK_STR(countries("Police in Northern Ireland said."),
		  "United Kingdom", "Northern Ireland is not Ireland");
	CHECK_STR(countries("South Sudan and Sudan"), "South Sudan|Sudan",
		  "Sudan after South Sudan is Sudan again");
}

static void test_blocklist(void)
{
	CHECK_STR(countries("Ships sailed the South China Sea."), "",
		  "South China Sea is not China");
	CHECK_STR(countries("Drills over the Sea of Japan."), "",
		  "Sea of Japan is not Japan");
	CHECK_STR(countries("Peace on the Korean Peninsula."), "",
		  "Korean Peninsula is not Korea");
	CHECK_STR(countries("Voters in New Mexico and New Jersey."),
		  "United States",
		  "US states named after countries are in the US");
	CHECK_STR(countries("India and the Indian Ocean"), "India",
		  "a blocked phrase leaves other mentions alone");
	CHECK_STR(countries("WORLD BANK SAYS S. AMERICAN DEBTORS TALK\n\nThe "
			    "bank said S. American debtors were still in "
			    "talks with their creditors."), "",
		  "S. American is South American, not American");
}

static void test_ambiguous(void)
{
	CHECK_STR(countries("Jordan scored twice."), "",
		  "an ambiguous name alone does not count");
	CHECK_STR(countries("Secretary Vernon Jordan said Jordan would win."),
		  "", "Jordan the surname, twice, is no country");
	CHECK_STR(countries("Jordan said Jordanian troops would stay."),
		  "Jordan", "it counts with a second form");
	CHECK_STR(countries("Guinea said talks in Conakry went well."),
		  "Guinea", "an ambiguous name counts with its capital");
	CHECK_STR(countries("Korea and Korea again"), "",
		  "the same ambiguous form twice is not a second signal");
}

static void test_capitals(void)
{
	const char *t = "Ministers met for talks in Seoul on Monday.";
	CHECK_STR(countries(t), "South Korea", "a capital after 'in' counts");
	CHECK_STR(why(t, "South Korea"), "Seoul",
		  "the evidence is the capital's span");
	CHECK_STR(countries("Summits at Phnom Penh and Camp David"),
		  "Cambodia", "a capital after 'at' counts");
	CHECK_STR(countries("Debt talks with the Paris Club resumed."), "",
		  "a capital inside a name does not count");
	CHECK_STR(countries("Seoul said the plan was sound."), "",
		  "a capital as a subject does not count alone");
	CHECK_STR(countries("TOKYO, March 3 - The finance ministry said "
			    "exports rose sharply in February from a year "
			    "earlier, led by cars."),
		  "Japan", "a dateline capital counts");
	CHECK_STR(countries("WASHINGTON, March 3 - The Treasury said it "
			    "would sell notes next week to raise cash for "
			    "the government."),
		  "United States", "an ambiguous capital counts as dateline");
	CHECK_STR(countries("Visitors in Washington state"), "United States",
		  "Washington state is in the US");
	CHECK_STR(why("Visitors in Washington state", "United States"),
		  "Washington state", "as a state, not as the capital");
	CHECK_STR(countries("said Ana Ruiz of a Lisbon-based charity."),
		  "Portugal", "where a body is based is a place");
	CHECK_STR(countries("It has stalled since the Oslo peace talks."),
		  "Norway", "the venue of talks is a place");
	CHECK_STR(countries("The Lisbon Treaty group met again."), "",
		  "a capital naming another thing still does not count");
	CHECK_STR(countries("Seven Storeys\n\nPhoto\n\nFirefighters "
			    "outside a block of flats on Monday. Credit "
			    "Jan Holm/Agence France-Presse\n\nMADRID \xe2"
			    "\x80\x94 Fire crews worked through the night "
			    "to reach the upper floors."),
		  "Spain", "a dateline after a photo's caption, and no "
		  "country from a news agency's name");
}

static void test_caps(void)
{
	CHECK_STR(countries("JAPAN, SOUTH KOREA SIGN PACT\n\nThe two "
			    "governments signed a pact on Monday after "
			    "months of talks, officials said."),
		  "Japan|South Korea", "an all-caps headline is matched");
	CHECK_STR(countries("US TO SELL NOTES\n\nThe Treasury will sell "
			    "notes next week to raise new cash, officials "
			    "said on Monday."),
		  "United States", "US in capitals is the country");
	CHECK_STR(countries("Japan and the us"), "Japan",
		  "case folding is only for all-caps text");
}

/* A line of running text, so that a dateline has a body to sit in. */
static const char body[] =
	"The company said it expected its results for the year to improve "
	"after it sold two of its units last month.";
static char text[2048];

/* The countries of a story with this dateline (and more text). */
static const char *datelined(const char *dateline, const char *more)
{
	snprintf(text, sizeof(text), "HEADLINE OF THE STORY\n\n%s %s %s\n",
		 dateline, body, more);
	return countries(text);
}

static void test_dateline_cities(void)
{
	CHECK_STR(datelined("CHICAGO, March 3 -", ""), "United States",
		  "a dateline city puts the story in its country");
	CHECK_STR(why(text, "United States"), "CHICAGO",
		  "the evidence is the dateline's place");
	datelined("CHICAGO, March 3 -", "Sales in the United States rose.");
	CHECK_STR(why(text, "United States"), "CHICAGO",
		  "the first mention in the text is the evidence");
	CHECK_STR(datelined("PEARL RIVER, N.Y., April 8 -", ""),
		  "United States", "a dateline with a state abbreviation");
	CHECK_STR(why(text, "United States"), "PEARL RIVER, N.Y.",
		  "the evidence is the place and its region");
	CHECK_STR(datelined("EDEN PRAIRIE, MINN., March 2 -", ""),
		  "United States", "an abbreviation in capitals");
	CHECK_STR(datelined("FREMONT, Calif, March 3 -", ""),
		  "United States", "an abbreviation without its stop");
	CHECK_STR(datelined("LONDON, Ontario, March 3 -", ""), "Canada",
		  "the region decides: London, Ontario is in Canada");
	CHECK_STR(datelined("SALVADOR, Brazil, Feb 26 -", ""), "Brazil",
		  "a country as the region");
	CHECK_STR(datelined("DUESSELDORF, March 5 -", ""), "Germany",
		  "an umlaut spelt with an e");
	CHECK_STR(datelined("ST. LOUIS, March 5 -", ""), "United States",
		  "'St.' is 'Saint'");
	CHECK_STR(datelined("FRANKFURT, April 1 -", ""), "Germany",
		  "'Frankfurt am Main' by its short name");
	CHECK_STR(datelined("SALVADOR, Bahia, Feb 26 -", ""), "Brazil",
		  "an unknown region leaves the city to decide");
	CHECK_STR(datelined("NARNIA CITY, March 3 -", ""), "",
		  "an unknown place is no guess");
}

static void test_ambiguous_cities(void)
{
	CHECK_STR(datelined("CAMBRIDGE, March 3 -", ""), "United Kingdom",
		  "a city of two countries: the larger");
	CHECK_STR(datelined("CAMBRIDGE, March 3 -",
			    "It also has a unit in the United States."),
		  "United States",
		  "a city of similar size in a country the story names");
	CHECK_STR(datelined("GENEVA, March 3 -",
			    "Delegates discussed a U.S. proposal."),
		  "Switzerland|United States",
		  "a much smaller namesake does not win (Geneva, Illinois)");
	CHECK_STR(datelined("PARIS, March 3 -",
			    "Sales in the United States rose."),
		  "France|United States",
		  "Paris stays in France (Paris, Texas is small)");
}

static void test_regions_in_text(void)
{
	CHECK_STR(countries("The plant in Pearl River, N.Y., will close."),
		  "United States", "a city and a state abbreviation");
	CHECK_STR(countries("It moved to Paris, Texas, last year."),
		  "United States", "Paris, Texas is not France");
	CHECK_STR(countries("A unit based in Ontario, Calif., was sold."),
		  "United States", "Ontario, Calif. is not the province");
	CHECK_STR(countries("Kitchener, Ontario-based Electrohome said."),
		  "Canada", "a province after its city");
	CHECK_STR(countries("Delegates met in Atlanta, Georgia, today."),
		  "United States", "Georgia the state, after its city");
	CHECK_STR(countries("Delegates met in Tbilisi, Georgia, today."),
		  "Georgia", "Georgia the country, after its capital");
	CHECK_STR(countries("Georgia said the crop was poor."), "",
		  "Georgia alone is neither");
	CHECK_STR(countries("A Texas oil company and an Ontario utility"),
		  "Canada|United States", "a state or province names a place");
	CHECK_STR(countries("Sales in Reading and Mobile rose."), "",
		  "a city is no place outside a dateline or its region");
}

/* The countries of a wire story of year y that starts with lead. */
static const char *wire(int y, const char *lead)
{
	snprintf(text, sizeof(text), "26-FEB-%d 15:01:01.79\nHEADLINE\n\n"
		 "%s %s\n", y, lead, body);
	return countries(text);
}

static void test_former_states(void)
{
	CHECK_STR(wire(1987, "KIEV, Feb 26 -"), "Soviet Union",
		  "a city of Ukraine in 1987 is in the Soviet Union");
	CHECK_STR(wire(2022, "KIEV, Feb 26 -"), "Ukraine",
		  "and in 2022 in Ukraine");
	CHECK_STR(wire(1987, "Talks were held in Moscow."), "Soviet Union",
		  "a capital is a place of its day too");
	CHECK_STR(wire(1987, "Exports to Russia rose."), "Russia",
		  "a country's own name stays as written");
	CHECK_STR(wire(1987, "ABHA, Saudi Arabia, Feb 26 -"), "Saudi Arabia",
		  "a state that absorbed a partitioned zone is no successor");
}

static void test_other_uses(void)
{
	CHECK_STR(countries("Reserves were 51 billion U.S. dlrs."), "",
		  "a currency is not the country");
	CHECK_STR(countries("The dollar fell against the Japanese yen."), "",
		  "nor is 'Japanese yen'");
	CHECK_STR(countries("It sold shares to Swiss Bank Corporation."), "",
		  "a company named for a country is not the country");
	CHECK_STR(countries("It borrowed from the Industrial Bank of Japan."),
		  "", "nor is a company named of a country");
	CHECK_STR(countries("The Bank of Japan intervened."), "Japan",
		  "a state's central bank names the country");
	CHECK_STR(countries("It paid U.S. dlrs to Saudi American Bank."), "",
		  "two names for other things do not support each other");
	CHECK_STR(countries("Exports of U.S. Federal Reserve Bank notes"),
		  "United States", "a public body of the country is");
	CHECK_STR(countries("The bid was made by <SHV (United Kingdom) "
			    "Holding Co Ltd>."), "",
		  "nor is a name in Reuters' company marks");
	CHECK_STR(countries("Toronto has a large ethnic Chinese community."),
		  "", "an ethnic group is not the country");
	CHECK_STR(countries("In the Paris currency accord Japan promised "
			    "more."), "Japan",
		  "a capital naming a thing after 'the' is no place");
	CHECK_STR(countries("Reporters waited at the White House."),
		  "United States", "a metonym after 'the' is a place");
	CHECK_STR(countries("Swiss and Japanese banks paid in U.S. dlrs and "
			    "the U.S. agreed."),
		  "Japan|Switzerland|United States",
		  "other mentions still count");
}

/* Names and adjectives of other languages (scripts/gen-intl-names). */
static void test_other_languages(void)
{
	/* 他在美国和俄罗斯工作 (he worked in the US and Russia). */
	CHECK_STR(countries("\xe4\xbb\x96\xe5\x9c\xa8\xe7\xbe\x8e\xe5\x9b\xbd"
			    "\xe5\x92\x8c\xe4\xbf\x84\xe7\xbd\x97\xe6\x96\xaf"
			    "\xe5\xb7\xa5\xe4\xbd\x9c"),
		  "Russia|United States",
		  "country names inside a run of Chinese characters");
	/* 赤道几内亚 (Equatorial Guinea), not Guinea. */
	CHECK_STR(countries("\xe8\xb5\xa4\xe9\x81\x93\xe5\x87\xa0"
			    "\xe5\x86\x85\xe4\xba\x9a"),
		  "Equatorial Guinea", "the longest name at a character");
	/* 增加纳税 (to raise taxes): not Ghana. */
	CHECK_STR(countries("\xe5\xa2\x9e\xe5\x8a\xa0\xe7\xba\xb3"
			    "\xe7\xa8\x8e"), "",
		  "an ambiguous name inside other words is not read");
	CHECK_STR(countries("Des ressortissants allemands et turcs sont "
			    "rentr\xc3\xa9s."), "Germany|Turkey",
		  "French adjectives of nationality in the plural");
	CHECK_STR(countries("Les Fran\xc3\xa7" "ais ont vot\xc3\xa9."), "France",
		  "a French noun of nationality");
	CHECK_STR(countries("Lleg\xc3\xb3 el embajador griego desde Holanda."),
		  "Greece|Netherlands", "a Spanish adjective and Holanda");
	CHECK_STR(countries("Fue detenido en Turqu\xc3\xad" "a."), "Turkey",
		  "Turkey's Spanish name, which iso-codes lacks");
	CHECK_STR(countries("Ventas en Per\xc3\xba."), "Peru",
		  "a short foreign name with an accent needs no second "
		  "signal");
	CHECK_STR(countries("He played a polonaise."), "",
		  "an English word is no French adjective");
}

/* Places as British news writes them. */
static void test_british_style(void)
{
	CHECK_STR(countries("Neither Downing Street nor the party would "
			    "comment."), "United Kingdom",
		  "a seat of government counts wherever it stands");
	CHECK_STR(countries("He won the 1936 Berlin Games."), "Germany",
		  "a capital as the venue of games");
	CHECK_STR(countries("The train left the line at Hatfield, "
			    "Hertfordshire."), "United Kingdom",
		  "an English county");
	CHECK_STR(countries("The farm lies in County Kerry."), "Ireland",
		  "an Irish county");
	CHECK_STR(countries("She won the British Book Awards."), "",
		  "an award named after a people is no mention");
	CHECK_STR(countries("The Swede won the race."), "Sweden",
		  "a capitalised 'Swede' is a person of Sweden");
	CHECK_STR(countries("Le Royaume-Uni et le Br\xc3\xa9sil ont "
			    "sign\xc3\xa9."), "Brazil|United Kingdom",
		  "country names in other languages");
	CHECK_STR(countries("Shares of Norfolk Southern rose."), "",
		  "a foreign short name that is an English word needs more");
}

int main(void)
{
	char err[256];
	if (ext_gaz_load(&gaz, NULL, err, sizeof(err))) {
		printf("not ok - the gazetteer loads: %s\n", err);
		return 1;
	}
	test_forms();
	test_case_and_boundaries();
	test_blocklist();
	test_ambiguous();
	test_capitals();
	test_caps();
	test_dateline_cities();
	test_ambiguous_cities();
	test_regions_in_text();
	test_former_states();
	test_other_uses();
	test_british_style();
	test_other_languages();
	ext_result_release(&res);
	ext_gaz_free(gaz);
	return check_done();
}
