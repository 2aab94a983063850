/* Unit tests for officials: the name key that merges one person's
 * variants, titles before and after names, and what is not an official. */
#include "check.h"
#include "extract.h"
#include "extract/internal.h"

#include <string.h>

static struct ext_gaz *gaz;
static struct ext_result res;
/* 2025-01-01 00:00 UTC: the reference time, so the tests never age. */
static const struct ext_when when = {.now = 1735689600};

static const char *key(const char *name)
{
	static char buf[128];
	ext_official_key(buf, sizeof(buf), name, strlen(name));
	return buf;
}

static void test_key(void)
{
	CHECK_STR(key("Minoru Kihara"), "kihara minoru",
		  "a key is lower case, words in sorted order");
	CHECK_STR(key("Kihara Minoru"), "kihara minoru",
		  "family-first order gives the same key");
	CHECK_STR(key("Lloyd J. Austin"), "austin lloyd",
		  "a middle initial is not in the key");
	CHECK_STR(key("Lloyd James Austin"), "austin lloyd",
		  "a middle name is not in the key");
	CHECK_STR(key("Lloyd J. Austin III"), "austin lloyd",
		  "a suffix is not in the key");
	CHECK_STR(key("Martin Luther King, Jr."), "king martin",
		  "a suffix after a comma is not in the key");
	CHECK_STR(key("Mr. Lloyd Austin"), "austin lloyd",
		  "an honorific is not in the key");
	CHECK_STR(key("Gen. Lloyd Austin"), "austin lloyd",
		  "a rank is not in the key");
	CHECK_STR(key("Lloyd Austin's"), "austin lloyd",
		  "a possessive is not in the key");
	CHECK_STR(key("Lloyd Austin\xe2\x80\x99s"), "austin lloyd",
		  "a typographic possessive is not in the key");
	CHECK_STR(key("Shin Won-sik"), "shin wonsik",
		  "hyphens are not in the key");
	CHECK_STR(key("Shin Wonsik"), "shin wonsik",
		  "so an unhyphenated spelling merges");
	CHECK_STR(key("SHIN WON-SIK"), "shin wonsik", "case does not matter");
	CHECK_STR(key("Kim Jong Un"), key("Kim Jong-un"),
		  "a Korean given name in two words merges with one");
	CHECK_STR(key("Jos\xc3\xa9 Sarney"), "jose sarney",
		  "accents fold to ASCII");
	CHECK_STR(key("Ursula von der Leyen"), "leyen ursula",
		  "lower-case particles are not in the key");
	CHECK_STR(key("Reagan"), "reagan", "a surname alone is its own key");
	char james[64];
	snprintf(james, sizeof(james), "%s", key("James Baker"));
	CHECK(strcmp(james, key("Howard Baker")) != 0,
	      "two people with one surname keep two keys");
	CHECK_INT(ext_official_key(NULL, 0, "Austin", 6), 0,
		  "no room for a key writes nothing");
	char small[6];
	size_t n = ext_official_key(small, sizeof(small), "Lloyd Austin", 12);
	CHECK(n < sizeof(small) && strlen(small) == n,
	      "a small buffer gets a shorter, terminated key");
	CHECK_INT(ext_official_key(small, sizeof(small), "Mr. J.", 6), 0,
		  "a name without a real word has no key");
}

static void test_display(void)
{
	struct sbuf sb = {0};
	ext_name_display(&sb, ".Lloyd/Austin|III\x01", 18);
	CHECK_STR(sb.buf, "Lloyd Austin III",
		  "a display name has no '/', '|', control or leading '.'");
	sbuf_release(&sb);
}

/* Officials ext_extract() finds, "name" joined by '|'. */
static const char *officials(const char *text)
{
	static char buf[512];
	buf[0] = '\0';
	if (ext_extract(gaz, text, strlen(text), &when, &res))
		return "(error)";
	for (size_t i = 0; i < res.nofficials; i++) {
		if (i)
			strncat(buf, "|", sizeof(buf) - strlen(buf) - 1);
		strncat(buf, res.officials[i].name,
			sizeof(buf) - strlen(buf) - 1);
	}
	return buf;
}

static const char *why(const char *text, size_t i)
{
	static char buf[256];
	if (i >= res.nofficials)
		return "(none)";
	struct ext_span sp = res.officials[i].why;
	snprintf(buf, sizeof(buf), "%.*s", (int)sp.len, text + sp.off);
	return buf;
}

static void test_titles(void)
{
	const char *t = "U.S. Defense Secretary Lloyd Austin met allies.";
	CHECK_STR(officials(t), "Lloyd Austin", "a title before a name");
	CHECK_STR(why(t, 0), "U.S. Defense Secretary Lloyd Austin",
		  "the evidence is the qualifier, the title and the name");
	CHECK_STR(officials("Japanese Defense Minister Minoru Kihara spoke."),
		  "Minoru Kihara", "a demonym before the title");
	CHECK_STR(officials("Japan's Minister of Defense Minoru Kihara "
			    "spoke."), "Minoru Kihara",
		  "a possessive country before a long title");
	CHECK_STR(officials("South Korea's Director of the National Security "
			    "Office Kim Sung-han attended."), "Kim Sung-han",
		  "the longest title wins, hyphenated names stay whole");
	CHECK_STR(officials("White House National Security Advisor, Jake "
			    "Sullivan met them."), "Jake Sullivan",
		  "a comma between title and name");
	t = "Talks were led by Lloyd Austin, Secretary of Defense, on Monday.";
	CHECK_STR(officials(t), "Lloyd Austin", "a title after a name");
	CHECK_STR(why(t, 0), "Lloyd Austin, Secretary of Defense",
		  "the evidence of a title after is the name and title");
	CHECK_STR(officials("said Kiichi Miyazawa, Japan's finance minister."),
		  "Kiichi Miyazawa", "a lower-case title after a name");
	CHECK_STR(officials("Prime Minister Shinzo Abe's government fell."),
		  "Shinzo Abe", "a possessive is not part of the name");
	CHECK_STR(officials("President Reagan said no."), "Reagan",
		  "a head of state by surname");
	t = "Federal Reserve Board Chairman Paul Volcker spoke.";
	CHECK_STR(officials(t), "Paul Volcker",
		  "a company title with a public body before it");
	CHECK_STR(why(t, 0), "Federal Reserve Board Chairman Paul Volcker",
		  "the evidence has the body that makes the title public");
	CHECK_STR(officials("Army Chief of Staff Gen. Mark Milley spoke."),
		  "Mark Milley", "titles in a row");
}

/* Wire copy writes titles in lower case after a body or a country, and
 * names the body an office is "of". */
static void test_wire_titles(void)
{
	CHECK_STR(officials("Bank of Japan governor Satoshi Sumita said."),
		  "Satoshi Sumita", "a lower-case title after a body");
	CHECK_STR(officials("Philippines finance minister Jaime Ongpin said."),
		  "Jaime Ongpin", "a lower-case title after a country");
	CHECK_STR(officials("U.K. Chancellor of the Exchequer Nigel Lawson "
			    "said."), "Nigel Lawson", "a British title");
	CHECK_STR(officials("Paul Volcker, chairman of the Federal Reserve "
			    "Board, said."), "Paul Volcker",
		  "a company title after a name, of a public body");
	CHECK_STR(officials("The Governor of the Bank of England, Robin "
			    "Leigh-Pemberton, said."), "Robin Leigh-Pemberton",
		  "a title of a body, a comma, a name");
	CHECK_STR(officials("Governor of the Bank of England Robin "
			    "Leigh-Pemberton said."), "Robin Leigh-Pemberton",
		  "a name right after the body's country");
	CHECK_STR(officials("President of the Brazilian Coffee Institute "
			    "(IBC) Jorio Dauster said."), "Jorio Dauster",
		  "a name after the body's abbreviation");
	CHECK_STR(officials("Indonesian Minister of Mines and Energy Subroto "
			    "told Reuters."), "Subroto",
		  "a one-word name after the body a minister is of");
	CHECK_STR(officials("World Bank President Barber Conable said."),
		  "Barber Conable", "the World Bank is a public body");
	CHECK_STR(officials("Chinese leader Deng Xiaoping told them."),
		  "Deng Xiaoping", "a country's leader");
	CHECK_STR(officials("Treasurer Paul Keating said."), "Paul Keating",
		  "Australia's treasurer");
	CHECK_STR(officials("South Korea's Finance Minister Chung In-yong "
			    "said."), "Chung In-yong",
		  "a name word that starts like a stop word");
	CHECK_STR(officials("Former French President Valery Giscard "
			    "d'Estaing spoke."), "Valery Giscard d'Estaing",
		  "an elided particle starts a name word");
	CHECK_STR(officials("House Banking Committee chairman Fernand St. "
			    "Germain said."), "Fernand St. Germain",
		  "'St.' inside a name");
	CHECK_STR(officials("A key House trade lawmaker, Representative "
			    "Richard Gephardt, said."), "Richard Gephardt",
		  "a second title after the comma is not in the name");
}

/* British house style, party offices, legislators, mayors, central
 * bankers and heads of international bodies. */
static void test_offices(void)
{
	CHECK_STR(officials("Tory leader Michael Howard attacked the plan."),
		  "Michael Howard", "a party leader");
	CHECK_STR(officials("But Liberal Democrat leader Charles Kennedy "
			    "disagreed."), "Charles Kennedy",
		  "a party of two words before 'leader'");
	CHECK_STR(officials("Leader Michael Howard said so."),
		  "Michael Howard", "'Leader' alone before a name");
	CHECK_STR(officials("The plan was mocked by shadow home secretary "
			    "David Davis."), "David Davis",
		  "a shadow minister in lower case");
	CHECK_STR(officials("Lib Dem home affairs spokesman Mark Oaten said "
			    "so."), "Mark Oaten",
		  "a party's portfolio spokesman");
	CHECK_STR(officials("Mark Oaten, Liberal Democrat home affairs "
			    "spokesman, said so."), "Mark Oaten",
		  "the same office after the name");
	CHECK_STR(officials("Labour MP Ian Gibson said so."), "Ian Gibson",
		  "an MP before the name");
	CHECK_STR(officials("The motion was tabled by Ian Gibson MP on "
			    "Monday."), "Ian Gibson", "an MP after the name");
	CHECK_STR(officials("The East Midlands MEP, who quit the UK "
			    "Independence Party, said so."), "",
		  "a seat before its member's title is not a name");
	CHECK_STR(officials("the glory of last year's Sands Of Time, the "
			    "dashing Prince of Persia, returns."), "",
		  "words after 'of' before an apposition are not a name");
	CHECK_STR(officials("French Green MEP Alain Lipietz warned them."),
		  "Alain Lipietz", "a member of the European Parliament");
	CHECK_STR(officials("Margaret Davidson, the independent member for "
			    "the Loch Ness ward, said so."), "Margaret Davidson",
		  "a member for a seat, in apposition");
	CHECK_STR(officials("Local councillor Lyn Brown was selected."),
		  "Lyn Brown", "a councillor");
	CHECK_STR(officials("London Mayor Ken Livingstone said so."),
		  "Ken Livingstone", "a mayor");
	CHECK_STR(officials("Bank of England governor Mervyn King said so."),
		  "Mervyn King", "a central banker");
	CHECK_STR(officials("The chairman of the Federal Reserve Board, Paul "
			    "Volcker, wrote to them."), "Paul Volcker",
		  "a title that ends inside the body's name, then a comma");
	CHECK_STR(officials("UN Secretary-General Kofi Annan said so."),
		  "Kofi Annan", "the head of an international body");
	CHECK_STR(officials("said Jan Egeland, head of the UN Office for "
			    "Humanitarian Affairs."), "Jan Egeland",
		  "'head of' a public body, after the name");
	CHECK_STR(officials("Willy de Clercq, the EC's external trade "
			    "commissioner, arrived in Tokyo."), "Willy de Clercq",
		  "an apposition with a body and other words before the title");
	CHECK_STR(officials("Paul Volcker will not serve another term as "
			    "chairman of the Federal Reserve Board."),
		  "Paul Volcker", "'as chairman of' a public body");
	CHECK_STR(why("Paul Volcker will not serve another term as chairman "
		      "of the Federal Reserve Board.", 0),
		  "Paul Volcker will not serve another term as chairman of "
		  "the Federal Reserve", "whose evidence is the sentence");
	CHECK_STR(res.officials[0].how, "named as holding the office",
		  "and says how it was found");
	CHECK_STR(officials("The board named John Smith as chairman of the "
			    "company."), "", "'as chairman of' a company is not");
	CHECK_STR(officials("Reports say Emmerson Mnangagwa, who was ousted as "
			    "vice-president, plans a return."),
		  "Emmerson Mnangagwa", "'as vice-president'");
	CHECK_STR(officials("Acme Corp said John Smith would stay on as "
			    "president."), "", "but not near a company");
	CHECK_STR(officials("Foreign Secretary Sir Malcolm Rifkind spoke."),
		  "Malcolm Rifkind", "a knighthood is not part of the name");
	CHECK_STR(officials("The trade minister, Tadashi Kuranari, said so."),
		  "Tadashi Kuranari", "'the X minister', a comma, the name");
	CHECK_STR(officials("Lord Chancellor Lord Falconer defended it."),
		  "Falconer", "nor a peerage");
	CHECK_STR(officials("Lord Falconer defended it in the Lords."),
		  "Falconer", "a peer sits in the Lords");
	CHECK_STR(officials("Baroness Amos, the leader of the Lords, said "
			    "so."), "Amos", "a baroness, in apposition");
	CHECK_STR(officials("Dame Margaret Beckett, the environment "
			    "secretary, said so."), "Margaret Beckett",
		  "a damehood is not part of the name");
	CHECK_STR(officials("Sir Menzies Campbell, the Lib Dem foreign "
			    "affairs spokesman, said so."), "Menzies Campbell",
		  "a knight in apposition");
	CHECK_STR(officials("Jordan's King Abdullah met them."), "Abdullah",
		  "a king of a country");
	CHECK_STR(officials("The Clinton administration filed the case."),
		  "Clinton", "the head of an administration");
	CHECK_STR(officials("Tony Blair spoke. Critics attacked the Blair "
			    "administration."), "Tony Blair",
		  "named by the fullest form the article gives");
	CHECK_STR(officials("Biden administration officials said no."),
		  "Biden", "an administration at a sentence's start");
	CHECK_STR(officials("The Sichuan government said no."), "",
		  "a government is not named after its head alone");
	CHECK_STR(officials("State Department deputy spokesperson Vedant "
			    "Patel said so."), "Vedant Patel",
		  "a modifier between the body and the title");
	CHECK_STR(officials("Han Dong-hoon, the leader of the opposition "
			    "Democratic Party, said so."), "Han Dong-hoon",
		  "the leader of a party, in apposition");
	CHECK_STR(officials("They sang to Vice-president elect Mike Pence."),
		  "Mike Pence", "a title in sentence case");
	CHECK_STR(officials("La ministre de la Justice, Christiane Taubira, "
			    "s'y opposait."), "Christiane Taubira",
		  "a French title in lower case, of a ministry");
	CHECK_STR(officials("Le texte de la ministre Buzyn est pass\xc3\xa9."),
		  "Buzyn", "a French minister by surname");
	CHECK_STR(officials("Um encontro com o presidente eleito Jair "
			    "Bolsonaro foi recusado."), "Jair Bolsonaro",
		  "a Portuguese president-elect");
	CHECK_STR(officials("The G40 figures are cabinet ministers Jonathan "
			    "Moyo and Saviour Kasukuwere."),
		  "Jonathan Moyo|Saviour Kasukuwere",
		  "a title in the plural before two names");
	CHECK_STR(officials("Supreme Court Justice Stephen Breyer wrote."),
		  "Stephen Breyer", "a judge");
}

static void test_merging(void)
{
	CHECK_STR(officials("Defense Minister Minoru Kihara arrived. Kihara "
			    "said Defense Minister Kihara Minoru would stay."),
		  "Minoru Kihara", "name orders and surname merge");
	CHECK_STR(officials("Defense Secretary Lloyd J. Austin met Lloyd "
			    "James Austin, Secretary of Defense."),
		  "Lloyd James Austin",
		  "middle initials merge, under the fullest form");
	CHECK_STR(officials("Treasury Secretary James Baker and White House "
			    "Chief of Staff Howard Baker met. Baker said."),
		  "Howard Baker|James Baker",
		  "a surname shared by two is not merged into either");
	CHECK_INT(res.nofficials, 2, "and is not listed on its own");
	CHECK_STR(officials("Defence Minister Shin Won-sik met them. Later, "
			    "Minister Shin Wonsik said."), "Shin Won-sik",
		  "hyphen variants of a Korean name merge");
	CHECK_STR(officials("Defense Secretary Lloyd Austin met Dr. Lloyd "
			    "Austin, Secretary of Defense."), "Lloyd Austin",
		  "an honorific does not make another person");
}

static void test_not_officials(void)
{
	CHECK_STR(officials("Chrysler Chairman Lee Iacocca said sales fell."),
		  "", "a company chairman is not an official");
	CHECK_STR(officials("General Motors Corp said profits rose."), "",
		  "a company named General is not a general");
	CHECK_STR(officials("A spokesman for Wm Wrigley Jr Co said President "
			    "William Wrigley told the annual meeting."), "",
		  "a company president is not an official");
	CHECK_STR(officials("said John Smith, president of Acme Inc."), "",
		  "a company title after a name is not an official");
	CHECK_STR(officials("Defense Minister Talks began in Tokyo."), "",
		  "a capitalised noun after a title is not a name");
	CHECK_STR(officials("Mr. Austin said the Secretary of the three "
			    "countries agreed."), "",
		  "an honorific is not a role");
	CHECK_STR(officials("the Minister Japan"), "",
		  "a country after a title is not a name");
	CHECK_STR(officials("JIJI Press\n\nPresident Reuters said."), "",
		  "news agencies are not people");
	CHECK_STR(officials("PRESIDENT REAGAN SIGNS BILL\n\nThe bill was "
			    "signed on Monday after weeks of delay, aides "
			    "said."), "",
		  "all-caps headlines are not read for names");
	CHECK_STR(officials("It owns Burger King, Arby's and Tony Roma's."), "",
		  "a title-like word, a comma and a word are no official");
	CHECK_STR(officials("It bought 11 mln T.H.E. Fitness shares."), "",
		  "no title inside an initialism");
	CHECK_STR(officials("Sales rose in the U.K., Chairman Sir John Egan "
			    "told a news conference."), "",
		  "a country before a comma does not qualify a title");
	CHECK_STR(officials("George Miller, vice-president of the Canadian "
			    "Lake Carriers Association, said."), "",
		  "a country in an association's name makes it no public body");
	CHECK_STR(officials("Major Japanese banks and the general manager "
			    "John Smith agreed."), "",
		  "ranks in lower case are words");
	CHECK_STR(officials("It redeemed its three pct General Lien Bonds due "
			    "2047."), "", "bonds are no general");
	CHECK_STR(officials("Tokyo Stock Exchange President Michio Takeuchi "
			    "spoke."), "", "an exchange is no public body");
	CHECK_STR(officials("King Crimson played and Queen Latifah sang."), "",
		  "a band and a singer named like royalty");
	CHECK_STR(officials("Prince Charles visited the school."), "",
		  "a prince holds no office");
	CHECK_STR(officials("Kate Bush sang at the party."), "",
		  "a singer holds no office");
	CHECK_STR(officials("The Committee chairman Labour's Ian Gibson "
			    "said."), "", "a party after a title is no name");
	CHECK_STR(officials("In Gateshead, the prime minister said, jobs "
			    "grew."), "", "a town before a comma is no name");
	CHECK_STR(officials("said Ken Kim, an analyst at Acme Research."), "",
		  "an analyst holds no office");
	CHECK_STR(officials("The director general of British Music Rights "
			    "said so."), "",
		  "a body named after a people is no place to cut a name");
	CHECK_STR(officials("Premier Rugby chairman Tom Jones said."), "",
		  "a sports body is no public one");
	CHECK_STR(officials("Kaz Hirai, president of Sony Computer "
			    "Entertainment America, said."), "",
		  "a company named after a country is no public body");
	CHECK_STR(officials("said James Robinson, American Express chairman."),
		  "", "a company named after a people, in apposition");
	CHECK_STR(officials("Egypt FA spokesman Ali Hassan said."), "",
		  "a country before a sports body qualifies that body");
	CHECK_STR(officials("Real Madrid president Florentino Perez said."),
		  "", "a club named after a capital is no public body");
	CHECK_STR(officials("The union's general secretary James Seller "
			    "said."), "", "a union's general secretary");
	CHECK_STR(officials("He won in France. Chairman John Smith spoke."),
		  "", "a country in the sentence before qualifies nothing");
	CHECK_STR(officials("Israeli U.N. Spokesman Eyal Arad said."),
		  "Eyal Arad", "letters of an abbreviation between");
	CHECK_STR(officials("Prime Minister Bob Hawke and Treasurer Paul "
			    "Keating met."), "Bob Hawke|Paul Keating",
		  "a name and 'and' end the run before a title");
	CHECK_STR(officials("Prime Minister Chad Smith spoke on Monday."),
		  "Chad Smith", "a name may start like a country");
	CHECK_INT(res.ncountries, 0, "and then it is not the country");
	CHECK_STR(officials("The new novel sees Lord Mortmain return to his "
			    "castle, where Lord Asterley reads poems."), "",
		  "a lord in a story with no public life is a name");
	CHECK_STR(officials("Lord Asterley said peers would vote against the "
			    "bill."), "Asterley",
		  "a lord in a story of Parliament is a peer");
	CHECK_STR(officials("Health Secretary John Reid met Baroness Morrow "
			    "on Monday."), "John Reid|Morrow",
		  "beside another official a baroness is a peer");
	CHECK_STR(officials("The players must defeat the Emperor Of Sand "
			    "before dawn."), "",
		  "a title in a game's or a work's name is no office");
	CHECK_STR(officials("said Ann Foster, president of the U.S. potato "
			    "growers association."), "",
		  "a trade body named after a country is no public body");
}

static void test_modern_patterns(void)
{
	CHECK_STR(officials("\"Pipes freeze first,\" said Rosa Alvarez, a "
			    "spokeswoman for the city's Department of "
			    "Transportation."), "Rosa Alvarez",
		  "a spokeswoman for a department, after a possessive");
	CHECK_STR(officials("said Tom Hale, assistant commissioner for "
			    "bridges at the Department of Highways."),
		  "Tom Hale", "a title for a portfolio at a department");
	CHECK_STR(officials("said Jane Roe, a spokeswoman for Federal Express "
			    "Corp in Memphis."), "",
		  "but not for a company with a public-sounding word");
	CHECK_STR(officials("Meanwhile Peter Lane, who chairs the home "
			    "affairs committee, called for a vote."),
		  "Peter Lane", "who chairs a committee");
	CHECK_STR(officials("Sara Holt, who runs the family bakery, smiled."),
		  "", "who runs a business");
	CHECK_STR(officials("Life in Hoxha's Albania, he wrote, was grey. "
			    "Enver Hoxha ruled for four decades."),
		  "Enver Hoxha", "a country named as its ruler's");
	CHECK_STR(officials("Fiat's Italy sales fell."), "",
		  "a company's country before a noun rules nothing");
	CHECK_STR(officials("\xe5\xa4\x96\xe4\xba\xa4\xe9\x83\xa8"
			    "\xe5\x8f\x91\xe8\xa8\x80\xe4\xba\xba"
			    "\xe7\xba\xa6\xe7\xbf\xb0\xc2\xb7"
			    "\xe5\x8f\xb2\xe5\xaf\x86\xe6\x96\xaf"
			    "(John Smith)\xe8\xa1\xa8\xe7\xa4\xba"),
		  "John Smith", "a Chinese title, a transliteration and the "
		  "Latin name in brackets");
	CHECK_STR(officials("\xe5\xae\x87\xe8\x88\xaa\xe5\x91\x98"
			    "\xe7\xba\xa6\xe7\xbf\xb0\xc2\xb7"
			    "\xe5\x8f\xb2\xe5\xaf\x86\xe6\x96\xaf"
			    "(John Smith)"), "",
		  "an astronaut in Chinese holds no office");
	CHECK_STR(officials("Vice-president elect Dan Moore watched the show "
			    "near Acme Corp's offices."), "Dan Moore",
		  "a vice-president-elect, even beside a company");
}

static void test_surnames(void)
{
	CHECK_STR(officials("President Garfield will visit Ottawa in June, "
			    "the White House said. Garfield and Lucy "
			    "Garfield will stay two days."), "Garfield",
		  "a titled surname does not become a full name written "
		  "after it");
	CHECK_STR(officials("Prime Minister Alan Marsh spoke. Later Marsh "
			    "said he would stay."), "Alan Marsh",
		  "a surname after the full name still joins it");
	CHECK_STR(officials("Rita Marsh spoke first. Then President Marsh "
			    "replied."), "Rita Marsh",
		  "a titled surname joins the full name written before it");
}

/* Shapes of officials added for the saved news pages (issue 32). */
static void test_pages_patterns(void)
{
	CHECK_STR(officials("Kim Min-jae, the leader of the DPK, told "
			    "reporters the vote would go ahead."),
		  "Kim Min-jae", "the leader of a party the lexicon does not "
		  "know, in an apposition");
	CHECK_STR(officials("The leader of Fidesz, Janos Kerekes, "
			    "condemned the decision."), "Janos Kerekes",
		  "the leader of a party before the name");
	CHECK_STR(officials("Ruth Kessler, leader of the Acme Corp union "
			    "branch, spoke."), "",
		  "a leader of a body with a company word is no party's");
	CHECK_STR(officials("\"It will stall,\" said Ruth Kessler, executive "
			    "director of the Harlan Foundation and a former "
			    "U.S. ambassador to Jordan."), "Ruth Kessler",
		  "a second apposition after 'and a former'");
	CHECK_STR(officials("The deal was signed by Omar Haddad, a partner of "
			    "the firm and a member of the board."), "",
		  "a second apposition that is no public office");
	CHECK_STR(officials("Among the MPs who voted against the bill were "
			    "Anne Fowler and Peter Quist."),
		  "Anne Fowler|Peter Quist",
		  "a sentence that opens with the holders of an office");
	CHECK_STR(officials("Parmi les d\xc3\xa9put\xc3\xa9s ayant vot\xc3\xa9 "
			    "contre figurent Jeanne Martel et Paul Rivet."),
		  "Jeanne Martel|Paul Rivet", "the same in French");
	CHECK_STR(officials("Among the guests were Anne Fowler and Peter "
			    "Quist."), "", "guests hold no office");
	CHECK_STR(officials("Among the MPs was a doctor. Anne Fowler came "
			    "later."), "", "only the sentence that opens so");
	CHECK_STR(officials("\"We sold the first tagged cod,\" said Walter "
			    "Brisk. Brisk, a commissioner on the Northern Cod "
			    "Commission, said the quota was fair."),
		  "Walter Brisk", "a surname in an apposition, written in "
		  "full elsewhere in the article");
	CHECK_STR(officials("Gateshead, the prime minister said, would get "
			    "the plant."), "", "a place before an apposition");
	CHECK_STR(officials("Bob Vance opened. Vance, chairman of Texas "
			    "Widgets, spoke."), "",
		  "a surname with a company's title is left alone");
	CHECK_STR(officials("Then came Ada Lorne, his secretary, with the "
			    "files."), "", "someone's secretary holds no office");
	CHECK_STR(officials("Lena Ward, who advises Home Secretary Tom Reyes "
			    "on policing, spoke first."),
		  "Lena Ward|Tom Reyes", "who advises an office holder");
	CHECK_STR(officials("Lena Ward, who advises Chairman Tom Reyes on "
			    "sales, spoke first."), "",
		  "who advises a company's chairman");
	CHECK_STR(officials("Trade Minister Lord Amberley opened the talks "
			    "for the government. I never read Lord Tennyson's "
			    "Idylls of the King."), "Amberley",
		  "a peer named as a work's author in a story of public "
		  "life is no official by that");
	CHECK_STR(officials("Ministers backed Lord Alton's Adoption Reform "
			    "Bill in the Lords."), "Alton",
		  "a peer's bill is public business");
	CHECK_STR(officials("said Marc Delorme, president of French cheese "
			    "maker Fromagerie Vallet."), "",
		  "the president of a firm described by a people's name");
	CHECK_STR(officials("said Ana Ruiz, president of the Spanish "
			    "Senate."), "Ana Ruiz",
		  "but a people's name before a public body is a state's");
	/* 人大代表黄细花提出 / 政协委员张近东表示 (invented names). */
	CHECK_STR(officials("\xe4\xba\xba\xe5\xa4\xa7\xe4\xbb\xa3\xe8\xa1\xa8"
			    "\xe9\xbb\x84\xe5\xb0\x8f\xe6\x98\x8e"
			    "\xe6\x8f\x90\xe5\x87\xba"),
		  "\xe9\xbb\x84\xe5\xb0\x8f\xe6\x98\x8e",
		  "an NPC deputy's Chinese name of three characters");
	CHECK_STR(officials("\xe5\xa4\x96\xe9\x95\xbf"
			    "\xe7\x8e\x8b\xe5\x86\x9b"
			    "\xe8\xa1\xa8\xe7\xa4\xba"),
		  "\xe7\x8e\x8b\xe5\x86\x9b",
		  "a foreign minister's name of two characters before a verb");
	CHECK_STR(officials("\xe6\x80\xbb\xe7\xbb\x9f"
			    "\xe5\xa4\xa7\xe9\x80\x89"),
		  "", "a title before no family name (presidential election)");
}

int main(void)
{
	char err[256];
	if (ext_gaz_load(&gaz, NULL, err, sizeof(err))) {
		printf("not ok - the gazetteer loads: %s\n", err);
		return 1;
	}
	test_key();
	test_display();
	test_titles();
	test_wire_titles();
	test_offices();
	test_merging();
	test_not_officials();
	test_modern_patterns();
	test_surnames();
	test_pages_patterns();
	ext_result_release(&res);
	ext_gaz_free(gaz);
	return check_done();
}
