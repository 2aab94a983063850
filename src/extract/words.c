/*
 * English function words the extractor needs besides the gazetteer: what
 * cannot be part of a person's name, what marks an organisation, which
 * prepositions put a capital "in place", which titles also exist in
 * companies. These are properties of the language, not of any country,
 * so they live here rather than in data/gazetteer/.
 *
 * Words are matched case-insensitively; the code that reads a flag checks
 * the case it needs (a name word must be capitalised anyway).
 */
#include "internal.h"

#include <string.h>

struct word_list {
	uint16_t flag;
	const char *const *words;
};

/* Capitalised words that end or reject a person's name: sentence
 * openers, pronouns, weekdays, and nouns that appear after a title in
 * the place of a name ("Defense Minister Talks", "the Prime Minister's
 * Office"). Months are left out on purpose: April, June, August and May
 * are also names. */
static const char *const namestop[] = {
	"A", "An", "The", "This", "That", "These", "Those", "He", "She", "It",
	"We", "They", "I", "You", "His", "Her", "Its", "Our", "Their", "My",
	"In", "On", "At", "By", "For", "From", "With", "Of", "To", "And",
	"But", "Or", "Nor", "As", "If", "When", "While", "After", "Before",
	"Since", "During", "Under", "Over", "Also", "However", "Meanwhile",
	"Earlier", "Later", "Today", "Yesterday", "Tomorrow", "Now", "Then",
	"Still", "Yet", "Instead", "Separately", "Moreover", "Furthermore",
	"Additionally", "Finally", "Thus", "Overall", "Both", "All", "Each",
	"Other", "Others", "Some", "Any", "Many", "Most", "Who", "What",
	"Which", "Where", "Why", "How", "Not", "No", "Yes", "Mon", "Tue",
	"Wed", "Thu", "Fri", "Monday", "Tuesday", "Wednesday",
	"Thursday", "Friday", "Saturday", "Sunday", "Ministry", "Department",
	"Office", "Council", "Committee", "Commission", "Agency", "Authority",
	"Bureau", "Board", "Government", "Administration", "Cabinet",
	"Ministers", "Secretariat", "Summit", "Meeting", "Meetings", "Talks",
	"Conference", "Dialogue", "Forum", "Statement", "Declaration",
	"Agreement", "Treaty", "Accord", "Pact", "Act", "Law",
	"Program", "Programme", "Plan", "Policy", "Strategy", "Initiative",
	"Framework", "Market", "Markets", "Reserve", "Fund",
	"Trust", "Union", "Federation", "Party", "Assembly", "Parliament",
	"Congress", "Senate", "House", "Court", "University", "College",
	"Institute", "School", "Foundation", "Society", "League", "Club",
	"Forces", "Force", "Army", "Navy", "Command", "Guard", "Police",
	"Service", "Street", "Avenue", "Road", "Square", "Subcommittee",
	"Confederation", "Organization", "Organisation", "Delegation",
	"Community", "Communities", "Chamber", "Academy", "Advisers",
	"Unions", "Planning", "Development", "Cooperation", "Agriculture",
	"Commerce", "Public", "Bonds", "Notes", "Debentures", "Shares",
	"Palace", "Building", "Center", "Centre", "Island",
	"Islands", "Sea", "Ocean", "River", "Lake", "Mountain", "Strait",
	"Gulf", "Bay", "Peninsula", "Region", "Province", "State", "States",
	"City", "County", "District", "Republic", "Kingdom", "Nations",
	"Defense", "Defence", "Security", "Affairs", "Foreign",
	"Trade", "Finance", "Economy", "Industry", "Justice", "Interior",
	"Health", "Education", "Staff", "Chiefs", "Joint",
	"General", "Minister", "Secretary", "President", "Director",
	"Chairman", "Spokesman", "Spokeswoman", "Spokesperson", "Officials",
	"Official", "Sources", "Source", "World", "Edge", "Freedom",
	"Indo", "Pacific", "Atlantic", "Asia", "Europe", "Africa",
	"Americas", "Middle", "Northeast",
	"Southeast", "Central", "National", "International", "Federal",
	"Trilateral", "Bilateral", "Strategic", "Economic", "Military",
	"Nuclear", "Prime", "Deputy", "Vice", "Chief", "Acting", "Former",
	"Division", "Air", "Firstly", "Secondly", "Thirdly", "Lastly",
	"Indeed", "Clearly", "Obviously", "Nonetheless", "Nevertheless",
	"Consequently", "Accordingly", "Similarly", "Likewise",
	"Specifically", "Ultimately", "Importantly", "Notably", "Recently",
	"Currently", "Initially", "Previously", "Subsequently", "Officially",
	"Publicly", "Privately", "Again", "Already", "Otherwise",
	"Therefore", "Hence", "Besides", "Fortunately", "Unfortunately",
	"Surprisingly", "Interestingly", "Perhaps", "First", "Second",
	"Last", "Next", "One", "Another", "Western", "Eastern", "Northern",
	"Southern",
	/* Roles written before a name, capitalised at a sentence's start
	 * ("Economist Alan Greenspan said"): not part of the name. */
	"Economist", "Economists", "Analyst", "Analysts", "Singer", "Actor",
	"Actress", "Author", "Writer", "Novelist", "Artist", "Musician",
	"Guitarist", "Comedian", "Presenter", "Producer", "Founder", "Boss",
	"Coach", "Manager", "Striker", "Midfielder", "Defender",
	"Goalkeeper", "Player", "Champion", "Journalist", "Reporter",
	"Editor", "Lawyer", "Investor", "Billionaire", "Tycoon", "Star",
	"Veteran", "Rival", "Critics", "Experts", "Campaigners", "Fans",
	"Rapper", "Designer", "Director-General",
	/* Parties and houses: "Committee chairman Labour's ..." names no
	 * Labour. They are public words too (public_body below). */
	"Labour", "Labor", "Tory", "Tories", "Conservative", "Conservatives",
	"Liberal", "Liberals", "Democrat", "Democrats", "Dem", "Dems",
	"Republican", "Republicans", "SNP", "Plaid", "UKIP", "Unionist",
	"Unionists", "Socialist", "Socialists", "Communist", "Communists",
	"Lords", "Commons", "Holyrood", "Westminster", "Whitehall",
	/* Portfolios after a title ("Minister for Defence Procurement"),
	 * and what else follows one in the place of a name. */
	"Procurement", "Pensions", "Sport", "Culture", "Media", "Transport",
	"Environment", "Employment", "Housing", "Immigration", "Tourism",
	"Fisheries", "Food", "Rural", "Science", "Technology", "Skills",
	"Welfare", "Children", "Treasury", "Exchequer", "Presidency",
	"Justices", "Rugby", "Football", "Cricket", "League", "Athletics",
	"Tennis", "Golf", "Olympic", "Olympics", "Games", "Cup",
	"Championship", "Theatre", "Theater", "Museum", "Stadium",
	"Hospital", "Airport", "Cathedral", "Festival", "Awards", "Prize",
	"End", "Forever",
	/* Newspapers: "The Observer said". */
	"Observer", "Guardian", "Independent", "Mirror", "Mail", "Express",
	NULL,
};

/* Words after which a capitalised run is a company, not a person. */
static const char *const orgsuffix[] = {
	"Corp", "Corporation", "Inc", "Co", "Cos", "Ltd", "Plc", "LLC",
	"Group", "Holdings", "Holding", "Company", "Bank", "Bancorp",
	"Bancshares", "Industries", "Motors", "Partners",
	"Associates", "Airlines", "Airways", "Foods", "Electric",
	"Systems", "Technologies", "Petroleum", "Oil", "Energy", "Resources",
	"Mining", "Communications", "Pharmaceuticals", "Insurance",
	"Financial", "Enterprises", "Products", "Stores", "Brothers", "Bros",
	"Securities", "Capital", "Investments", "Properties", "Realty",
	"Chemical", "Chemicals", "Gas", "Telephone",
	"Dynamics", "Instruments", "Laboratories", "Labs", "Press", "News",
	"Times", "Post", "Journal", "Herald", "Tribune", "Telegraph", "AG",
	"Telecom", "Airline", "Railways", "Steel", "Shipping", "Aerospace",
	"SA", "NV", "GmbH", "SpA", "KK", "Limited", "Investors", "LP",
	"Association", "Utilities", "Lines", "Mine", "Services", "Exchange",
	/* Not firms, but named like them ("British Book Awards"), and no
	 * public bodies either ("Arkansas State University"). */
	"Awards", "Award", "Prize", "University", "College", "School",
	"Club", "Society", "Foundation", "Library", "Marathon", "Savings",
	NULL,
};

/* Money: "U.S. dlrs", "Japanese yen", "Swiss francs" name a currency,
 * not the country. ("won" is left out: "Japan won the contract".) */
static const char *const currency[] = {
	"dlr", "dlrs", "dollar", "dollars", "yen", "franc", "francs", "mark",
	"marks", "guilder", "guilders", "pound", "pounds", "stg", "sterling",
	"lira", "lire", "peso", "pesos", "crown", "crowns", "krona", "kronor",
	"krone", "kroner", "rand", "rupee", "rupees", "ringgit", "yuan",
	"drachma", "drachmas", "escudo", "escudos", "schilling",
	"schillings", "peseta", "pesetas", "dirham", "dirhams", "dinar",
	"dinars", "riyal", "riyals", "rial", "rials", "shekel", "shekels",
	"baht", "rupiah", "zloty", "zlotys", "forint", "rouble", "roubles",
	"ruble", "rubles", "naira", "cruzado", "cruzados", "austral",
	"australs", "bolivar", "bolivars", "cent", "cents", "currency",
	"currencies", NULL,
};

/* Honorifics and ranks: stripped from a name ("Lord Chancellor Lord
 * Falconer" names Falconer, "President Gen Musharraf" Musharraf). */
static const char *const honorific[] = {
	"Mr", "Mrs", "Ms", "Dr", "Prof", "Professor", "Sir", "Dame", "Mme",
	"Mlle", "Messrs", "Mister", "Madame", "Herr", "Lord", "Lady",
	"Baroness", "Baron", "Gen", "Lt", "Col", "Maj", "Capt", "Adm", "Sgt",
	"Brig", "Cllr", "Rev", "Reverend", NULL,
};

static const char *const suffix[] = {
	"Jr", "Sr", "II", "III", "IV", NULL,
};

static const char *const particle[] = {
	"de", "da", "di", "du", "del", "della", "der", "den", "van", "von",
	"bin", "ibn", "al", "el", "la", "le", "dos", "das", "ter", "ten",
	"bint", "zu", NULL,
};

/* Before a capital, these put it in place ("talks in Seoul"); a capital
 * elsewhere may be a metonym ("Seoul said") or part of a name. */
static const char *const locative[] = {
	"in", "at", "to", "from", "near", "outside", "inside", "into",
	"via", "toward", "towards", "across", "around", "throughout",
	"within", "visit", "visits", "visited", "visiting", "reached",
	"arrived", "left", "leaving", NULL,
};

/* A public body before a title that companies also use: "Federal
 * Reserve Board Chairman", "Senate Banking Committee Chairman". */
static const char *const public_body[] = {
	"Federal", "Reserve", "Fed", "Central", "Bundesbank", "Senate",
	"House", "Congressional", "Parliament", "Parliamentary",
	"Government", "Cabinet", "Ministry", "Party", "Communist", "State",
	"Treasury", "Committee", "Commission", "Council", "Assembly",
	"Congress", "Supreme", "Court", "UN", "NATO", "OPEC", "Opec", "EC",
	"EEC", "IMF", "GATT", "Politburo", "Presidential", "Republican",
	"Democratic", "Democrat", "Labour", "Labor", "Conservative",
	"Socialist", "Army", "Navy", "Naval", "Marine", "Marines", "Police",
	"Military", "Force", "World", "Monetary", "European", "Exchequer",
	"Opposition", "Bundestag", "Diet", "Knesset", "Kremlin",
	"Pentagon", "Tory", "Tories", "Liberal", "Democrats", "Dem", "Dems",
	"Lib", "SNP", "Plaid", "UKIP", "Unionist", "DUP", "Commons", "Lords",
	"Holyrood", "Westminster", "Whitehall", "Stormont", "Department",
	"Agency", "Authority", "EU", "Nato", "WTO", "OECD", "Republicans",
	"Conservatives", "Labor", "shadow", "government", "opposition",
	"federal", "parliamentary", "delegation", NULL,
};

/* Portfolios between a party or a country and a title: "Lib Dem home
 * affairs spokesman", "work and pensions minister". */
static const char *const portfolio[] = {
	"home", "affairs", "foreign", "health", "education", "trade",
	"industry", "culture", "media", "sport", "defence", "defense",
	"transport", "environment", "work", "pensions", "treasury", "finance",
	"economic", "economy", "justice", "immigration", "constitutional",
	"international", "development", "energy", "agriculture", "rural",
	"fisheries", "science", "technology", "employment", "housing",
	"communities", "local", "northern", "ireland", "scotland", "wales",
	"interior", "security", "intelligence", "legal", "women", "equality",
	"europe", "european", "party", "and", "election", "campaign",
	"transport", "policing", "prisons", "schools", "skills", "welfare",
	"disability", "children", "family", "families", "tourism", NULL,
};

/* News agencies and bylines: never people. */
static const char *const agency[] = {
	"Reuter", "Reuters", "AP", "AFP", "Kyodo", "Yonhap", "Xinhua",
	"Bloomberg", "TASS", "JIJI", "Jiji", "UPI", "DPA", "ANSA", "EFE",
	"Interfax", "Bernama", "Antara", "PTI", "IANS", "NHK", "BBC", "CNN",
	"TDI", "Photo", "Getty", "Images", "File", NULL,
};

/* Months are also given names (April, June, August, May), so they only
 * stop a name that would be nothing else: "in July, Minister of ...". */
static const char *const month[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December", NULL,
};

static const char *const determiner[] = {
	"the", "a", "an", "its", "his", "her", "their", "our", NULL,
};

static const char *const modifier[] = {
	"acting", "former", "then", "ex", "outgoing", "incoming", "new",
	"interim", "junior", "senior", "deputy", NULL,
};

static const struct word_list lists[] = {
	{LEX_NAMESTOP, namestop},
	{LEX_ORGSUFFIX | LEX_NAMESTOP, orgsuffix},
	{LEX_HONORIFIC, honorific},
	{LEX_SUFFIX, suffix},
	{LEX_PARTICLE, particle},
	{LEX_LOCATIVE, locative},
	{LEX_PUBLIC, public_body},
	{LEX_AGENCY | LEX_NAMESTOP, agency},
	{LEX_DETERMINER, determiner},
	{LEX_MODIFIER, modifier},
	{LEX_MONTH, month},
	{LEX_CURRENCY, currency},
	{LEX_PORTFOLIO, portfolio},
};

int ext_words_add(struct ext_gaz *g)
{
	for (size_t l = 0; l < NFS_ARRAY_SIZE(lists); l++) {
		for (const char *const *w = lists[l].words; *w; w++) {
			int32_t e = ext_lex_add(g, *w, strlen(*w));
			if (e < 0)
				return (int)e;
			g->lex[e].flags |= lists[l].flag;
		}
	}
	return 0;
}

/* Titles that need more than a name after them; everything else in
 * titles.txt is a public role. */
static const char *const title_honorific[] = {
	"Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Professor", "Sir", NULL,
};

/* Captains also lead ships, teams and airliners; kings and queens
 * reign in countries, and in bands, films and fairy tales ("King
 * Crimson", "Queen Latifah") unless a country says which. */
static const char *const title_corporate[] = {
	"Chairman", "Chairwoman", "Chief Executive", "Director",
	"Deputy Director", "Dir.", "Spokesman", "Spokeswoman",
	"Spokesperson", "Captain", "Capt.", "Chief", "Head", "Leader",
	"Managing Director", "Co-Chairman", "Member", "King", "Queen",
	"Sheikh", "General Secretary", NULL,
};

/* Company roles that alone before a name are a state's: "President
 * Reagan", "Treasurer Paul Keating" (Australia's finance minister),
 * "Leader Michael Howard said". A president-elect is elected by voters,
 * never by a board: that title is a public role anywhere. */
static const char *const title_president[] = {
	"President", "Pres.", "Vice President", "Vice-President",
	"Treasurer", "Leader", NULL,
};

/* Titles of French, Spanish, Portuguese and German news, written in
 * lower case before a name as English writes them capitalised ("la
 * ministre Buzyn", "o presidente eleito Jair Bolsonaro"). */
static const char *const title_lower[] = {
	"pr\xc3\xa9sident", "pr\xc3\xa9sidente",
	"pr\xc3\xa9sident de la R\xc3\xa9publique", "ministre",
	"Premier ministre", "d\xc3\xa9put\xc3\xa9",
	"d\xc3\xa9put\xc3\xa9" "e", "s\xc3\xa9nateur",
	"s\xc3\xa9natrice", "maire", "presidente", "presidenta",
	"presidente eleito", "presidente electo", "ministro", "ministra",
	"primer ministro", "primeiro-ministro", "diputado", "diputada",
	"deputado", "deputada", "senador", "senadora", "alcalde",
	"alcaldesa", "prefeito", "governador", "gobernador", NULL,
};

/* Common words first, titles second: "General Motors", "Major League",
 * "Captain Marvel". These need a name of two words or more. */
static const char *const title_two_words[] = {
	"General", "Major", "Captain", "Capt.", "Commander", "Lieutenant",
	"Lt.", "Sergeant", "Sgt.", "Marshal", "Representative",
	"Consul", "Envoy", "Director", "Colonel", "Col.", "Admiral",
	"Justice", "Judge", NULL,
};

/* One-word titles that still name a public role after a name:
 * "Jane Doe, a senator", "Mark Oaten, Liberal Democrat home affairs
 * spokesman". Longer titles always qualify. */
static const char *const title_after[] = {
	"Ambassador", "Senator", "Congressman", "Congresswoman", "Mayor",
	"Premier", "Chancellor", "Governor", "Lawmaker", "Commissioner",
	"Treasurer", "Head", "Chief", "Director", "Chairman", "Chairwoman",
	"President", "Leader", "Spokesman", "Spokeswoman", "Spokesperson",
	"Minister", "Secretary", "Member", "MP", "MEP", "MSP", "Councillor",
	"Backbencher", "Judge", "Speaker", "Co-Chairman", NULL,
};

/* Written after a name with no comma: "Ian Gibson MP". */
static const char *const title_postnominal[] = {
	"MP", "MEP", "MSP", NULL,
};

bool ext_in_list(const char *const *list, const char *s, size_t len)
{
	for (; *list; list++)
		if (strlen(*list) == len && memcmp(*list, s, len) == 0)
			return true;
	return false;
}

uint8_t ext_title_flags(const char *title, size_t len)
{
	uint8_t f = 0;
	if (ext_in_list(title_honorific, title, len))
		f |= EXT_TF_HONORIFIC;
	if (ext_in_list(title_corporate, title, len))
		f |= EXT_TF_CORPORATE;
	if (ext_in_list(title_president, title, len))
		f |= EXT_TF_CORPORATE | EXT_TF_PRESIDENT;
	if (ext_in_list(title_two_words, title, len))
		f |= EXT_TF_TWO_WORDS;
	if (memchr(title, ' ', len) || ext_in_list(title_after, title, len))
		f |= EXT_TF_AFTER;
	if (ext_in_list(title_postnominal, title, len))
		f |= EXT_TF_POSTNOMINAL;
	if (ext_in_list(title_lower, title, len))
		f |= EXT_TF_LOWER | EXT_TF_AFTER;
	if (memchr(title, ' ', len) || memchr(title, '-', len))
		f |= EXT_TF_WORDS;
	return f;
}
