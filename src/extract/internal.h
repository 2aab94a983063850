/*
 * Private interface of the extraction module, shared by its files and by
 * the unit tests (which are compiled with -Isrc).
 *
 * Loaded once: gazetteer.c parses data/gazetteer (gazdata.S embeds it)
 * into a lexicon (lexicon.c) that maps each word to its flags (words.c)
 * and to the aliases, blocklist phrases and titles starting with it.
 *
 * The pipeline for one article (extract.c):
 *
 *   clean.c     original text -> cleaned view: junk lines dropped,
 *               whitespace collapsed, paragraphs, a map back to offsets
 *               (chars.c classifies the characters for every step)
 *   text.c      cleaned text -> tokens, each looked up once in the lexicon
 *   dateline.c  "TOKYO, March 3 -": place and date of filing
 *   country.c   tokens -> country mentions (aliases, blocklist, capitals;
 *               locate.c adds places by position: dateline, "City, ST")
 *   official.c  tokens -> officials (titles; name.c finds the names)
 *   regime.c    "the Clinton administration": its head
 *   people.c    tokens -> other people named
 *   person.c    mentions -> one entry per person (key.c's keys)
 *   mention.c   mentions -> the countries that count
 *   date.c      the article's date;  title.c  its headline
 *
 * Everything reads the cleaned text; spans are converted back to offsets
 * of the original text only when a result is reported.
 */
#ifndef NEWSFS_EXTRACT_INTERNAL_H
#define NEWSFS_EXTRACT_INTERNAL_H

#include "extract.h"
#include "util.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* ------------------------------------------------------------------ */
/* Characters (chars.c)                                                */

/* Decode one UTF-8 character of s (len > 0) into *cp; returns its
 * length. A malformed byte decodes as U+FFFD of length 1, so callers
 * never loop forever on bad input. */
size_t ext_utf8_next(const char *s, size_t len, uint32_t *cp);
/* Start of the character that ends just before s[i] (i > 0). */
size_t ext_utf8_prev(const char *s, size_t i);

bool ext_cp_is_space(uint32_t cp);
/* Zero-width and formatting characters that cleaning deletes. */
bool ext_cp_is_invisible(uint32_t cp);
/* Letters and digits of any script: what a word boundary may not cut. */
bool ext_cp_is_word(uint32_t cp);
bool ext_cp_is_upper(uint32_t cp);
/* Whether the character at byte i of s (len bytes) is an upper-case
 * letter; false at or past the end. */
bool ext_upper_at(const char *s, size_t len, size_t i);
/* The ASCII letter or digit a Latin character folds to, upper case for
 * letters ('E' for U+00C9 and U+00E9), or 0: punctuation, other
 * scripts, and letters without one (U+00D7 is a sign, not a letter). */
int ext_cp_ascii(uint32_t cp);
bool ext_cp_is_lower(uint32_t cp);

/* Length of the word character at s[i] (0 when s[i] is not one). */
size_t ext_word_at(const char *s, size_t len, size_t i);
/* True when the character before s[i] is a word character. */
bool ext_word_before(const char *s, size_t i);

static inline bool ext_ascii_upper(int c)
{
	return c >= 'A' && c <= 'Z';
}

static inline bool ext_ascii_lower(int c)
{
	return c >= 'a' && c <= 'z';
}

static inline bool ext_ascii_digit(int c)
{
	return c >= '0' && c <= '9';
}

static inline int ext_ascii_toupper(int c)
{
	return ext_ascii_lower(c) ? c - 32 : c;
}

static inline int ext_ascii_tolower(int c)
{
	return ext_ascii_upper(c) ? c + 32 : c;
}

/* ------------------------------------------------------------------ */
/* Gazetteer and lexicon (gazetteer.c, lexicon.c, words.c)             */

enum ext_kind {
	EXT_K_NAME,
	EXT_K_OFFICIAL,
	EXT_K_ABBREV,
	EXT_K_SHORT,
	EXT_K_DEMONYM,
	EXT_K_CAPITAL,
	EXT_K_FORMER,
	EXT_K_METONYM,
	EXT_K_BLOCK,		/* blocklist phrase: consumes, counts nothing */
	EXT_K_TITLE,
	EXT_K_REGION,		/* a state's name (regions.tsv): "Texas" */
};

/* What a title needs around it to make the name after it an official's
 * (words.c sets them, official.c reads them). */
enum {
	EXT_TF_HONORIFIC = 1 << 0,	/* "Mr.", "Dr.": never enough alone */
	EXT_TF_CORPORATE = 1 << 1,	/* "Chairman": needs a public body */
	EXT_TF_PRESIDENT = 1 << 2,	/* or nothing capitalised before it */
	EXT_TF_TWO_WORDS = 1 << 3,	/* "General": a one-word name is not one */
	EXT_TF_AFTER = 1 << 4,		/* may follow a name: "X, Defense Minister" */
	EXT_TF_POSTNOMINAL = 1 << 5,	/* follows a name bare: "X MP" */
	EXT_TF_LOWER = 1 << 6,		/* lower case by custom: "ministre" */
	EXT_TF_WORDS = 1 << 7,		/* more than one word: "Prime Minister" */
};

struct ext_phrase {
	const char *text;
	uint32_t len;
	uint16_t country;	/* index into ext_gaz.countries; unused for titles */
	uint8_t kind;		/* enum ext_kind */
	uint8_t ambiguous;	/* aliases: needs a second signal */
	uint8_t tflags;		/* titles: EXT_TF_* */
};

/* A first-level region (regions.tsv): a US state, a Canadian province,
 * an Australian state, as a name, an abbreviation or a postal code. */
enum ext_region_kind {
	EXT_R_STATE,		/* "Texas": a place anywhere */
	EXT_R_ABBREV,		/* "Calif.", "N.Y.": only after a city */
	EXT_R_CODE,		/* "CA": only in a dateline */
};

struct ext_region {
	const char *text;
	const char *admin1;	/* the name cities.tsv uses for it */
	const char *key;	/* ext_place_key(text, squeezed) */
	uint16_t country;
	uint8_t kind;		/* enum ext_region_kind */
	uint8_t ambiguous;	/* "Georgia": the state only next to its city */
};

/* A city of cities.tsv (GeoNames, 15,000 people or more). */
struct ext_city {
	const char *name;
	const char *admin1;	/* its first-level region */
	const char *key;	/* ext_place_key(name) */
	uint32_t population;
	uint16_t country;
};

/* Places of country `country` belonged to `former` from `from` to `to`
 * (YYYYMMDD, both included): Kiev to the Soviet Union until 1991. */
struct ext_era {
	uint16_t former, country;
	int32_t from, to;
};

struct ext_country_row {
	const char *code;	/* iso2, or the alpha-4 code of a former state */
	const char *name;	/* the canonical name shown to users */
};

/* Flags of a lexicon word (words.c), matched case-insensitively. */
enum {
	LEX_NAMESTOP = 1 << 0,	/* capitalised, never part of a person name */
	LEX_ORGSUFFIX = 1 << 1,	/* "Corp", "Bank": the name before is a firm */
	LEX_HONORIFIC = 1 << 2,	/* "Mr", "Dr": stripped from names */
	LEX_SUFFIX = 1 << 3,	/* "Jr", "III": kept in names, not in keys */
	LEX_PARTICLE = 1 << 4,	/* "de", "van", "bin": lower-case name parts */
	LEX_LOCATIVE = 1 << 5,	/* "in", "at", "visited": a place follows */
	LEX_PUBLIC = 1 << 6,	/* "Federal", "Senate": a public body */
	LEX_AGENCY = 1 << 7,	/* "Reuters", "Kyodo": bylines, not people */
	LEX_DETERMINER = 1 << 8,	/* "the", "a": skipped before titles */
	LEX_MODIFIER = 1 << 9,	/* "Acting", "former": before a title */
	LEX_MONTH = 1 << 10,	/* "July": alone before a comma, a date */
	LEX_HAS_ALIAS = 1 << 11,	/* some alias starts with this word */
	LEX_HAS_TITLE = 1 << 12,	/* some title starts with this word */
	LEX_REGION = 1 << 13,	/* some region row starts with this word */
	LEX_CURRENCY = 1 << 14,	/* "dlrs", "yen": "U.S. dlrs" is money */
	LEX_PORTFOLIO = 1 << 15,	/* "home", "affairs": an office's field */
};

/* One lexicon word: its flags and the phrases that start with it. The
 * key is the word folded to ASCII upper case, so one lookup per token
 * serves exact and case-insensitive matching alike. */
struct ext_lexent {
	uint32_t key_off;	/* into ext_gaz.keys */
	uint32_t key_len;
	uint32_t hash;
	uint16_t flags;
	uint32_t alias_first, alias_n;	/* ext_gaz.aliases, longest first */
	uint32_t title_first, title_n;	/* ext_gaz.titles, longest first */
};

/* A hash table slot: a lookup reads only the slot and the key's bytes,
 * not the entry (the slot carries the entry's key and flags, copied when
 * the gazetteer is sealed). */
struct ext_slot {
	uint32_t hash;
	uint32_t idx;		/* lex index + 1, 0 = empty */
	uint32_t key_off;	/* the entry's */
	uint16_t key_len;
	uint16_t flags;
};

/*
 * Bump whenever a change to the code changes what ext_extract() returns
 * for some input: stored articles whose version differs are extracted
 * again by the next index run. Changes to the gazetteer files are
 * noticed on their own (ext_version() hashes them). Also bumped when
 * what the index stores of that result changes (13: the people named
 * in pages and dump records), so stored articles get it.
 */
#define EXT_ALGORITHM 13

struct ext_gaz {
	uint32_t version;	/* see ext_version() */
	char *pool;		/* the files' bytes, fields NUL-terminated */
	char *keys;		/* folded lexicon keys */
	size_t keys_len, keys_cap;
	struct ext_country_row *countries;
	size_t ncountries;
	struct ext_phrase *aliases;	/* aliases and blocklist phrases */
	size_t naliases;
	struct ext_phrase *titles;
	size_t ntitles;
	struct ext_lexent *lex;
	size_t nlex, lex_cap;
	struct ext_slot *slots;	/* open addressing over lex */
	uint32_t mask;
	size_t max_key;		/* longest key: longer tokens skip the lookup */
	struct ext_region *regions;	/* sorted by key (place.c) */
	size_t nregions;
	struct ext_city *cities;	/* sorted by key, then population */
	size_t ncities;
	char *place_keys;	/* the keys of both */
	struct ext_era *eras;
	size_t neras;
	/* One bit per 16-bit hash prefix of the keys: most words of a text
	 * are not in the lexicon, and this rejects them within L1 cache. */
	uint64_t bloom[1024];
};

/* Hash of the len bytes at s folded to ASCII upper case. */
uint32_t ext_fold_hash(const char *s, size_t len);
/* The lexicon entry for a word (any case), or -1. */
int32_t ext_lex_find(const struct ext_gaz *g, const char *s, size_t len,
		     uint32_t hash);
/* The same, with the entry's flags in *flags when found (no read of the
 * entry: the tokenizer's lookup). Only after ext_lex_seal(). */
int32_t ext_lex_lookup(const struct ext_gaz *g, const char *s, size_t len,
		       uint32_t hash, uint16_t *flags);
/* After the last entry and flag is added: size the table to the
 * lexicon and copy the flags into it. 0 or -ENOMEM. */
int ext_lex_seal(struct ext_gaz *g);
/* Find or add the entry for a word; returns its index or -ENOMEM. */
int32_t ext_lex_add(struct ext_gaz *g, const char *s, size_t len);
int ext_lex_reserve(struct ext_gaz *g, size_t n);
/* Add the built-in word lists of words.c. */
int ext_words_add(struct ext_gaz *g);
/* EXT_TF_* flags of a title as written in titles.txt. */
uint8_t ext_title_flags(const char *title, size_t len);
/* Is s[0..len) one of the words of list (NULL-terminated), case and
 * all? */
bool ext_in_list(const char *const *list, const char *s, size_t len);
static inline uint16_t ext_lex_flags(const struct ext_gaz *g, int32_t lex)
{
	return lex < 0 ? 0 : g->lex[lex].flags;
}

/* ------------------------------------------------------------------ */
/* Places below the country (place.c)                                  */

/* Build the keys, sort both tables, flag region words in the lexicon. */
int ext_places_index(struct ext_gaz *g);
/* The cities named s[0, len), largest first: returns how many, and the
 * first in *first. */
size_t ext_city_find(const struct ext_gaz *g, const char *s, size_t len,
		     size_t *first);
/* The region written s[0, len) ("Calif.", "Ontario"), or NULL. */
const struct ext_region *ext_region_find(const struct ext_gaz *g,
					 const char *s, size_t len);
/* The country a place of `country` belonged to on ymd (0: today's). */
uint16_t ext_era_country(const struct ext_gaz *g, uint16_t country,
			 int32_t ymd);

/* Length of the first word of a phrase (its lexicon key). */
size_t ext_first_word(const char *s, size_t len);

/* Does phrase p match the text at s (avail bytes)? fold compares ASCII
 * letters case-insensitively. Checks the word boundary after it. */
bool ext_phrase_at(const struct ext_phrase *p, const char *s, size_t avail,
		   bool fold);

/* ------------------------------------------------------------------ */
/* Cleaned view (clean.c)                                              */

enum {
	PARA_CAPS = 1 << 0,	/* no lower-case letters: a wire headline */
	PARA_REPEATED = 1 << 1,	/* the same line occurs twice (a headline) */
	PARA_BULLET = 1 << 2,	/* a kept bullet item */
	PARA_PROSE = 1 << 3,	/* long running text */
};

struct ext_para {
	uint32_t off, len;	/* in the cleaned text */
	uint32_t words;
	uint32_t flags;
};

/* Maps cleaned offsets back: from .clean on, bytes come from .orig on. */
struct ext_seg {
	uint32_t clean, orig;
};

struct ext_line;		/* clean.c's per-line scratch */

struct ext_view {
	char *text;		/* cleaned text, paragraphs end with '\n' */
	size_t len, cap;
	struct ext_seg *segs;
	size_t nsegs, segs_cap;
	struct ext_para *paras;
	size_t nparas, paras_cap;
	size_t body;		/* first paragraph of running text */
	struct ext_line *lines;	/* scratch */
	size_t lines_cap;
	uint64_t *dup;		/* scratch: line hash table */
	size_t dup_cap;
};

/* Build the cleaned view of text. Returns 0 or -ENOMEM. */
int ext_clean(struct ext_view *v, const char *text, size_t len);
/* Original offsets of the cleaned range [off, off + len). */
struct ext_span ext_view_span(const struct ext_view *v, size_t off,
			      size_t len);
void ext_view_release(struct ext_view *v);

/* ------------------------------------------------------------------ */
/* Tokens (text.c)                                                     */

enum {
	TOK_UPPER = 1 << 0,	/* starts with an upper-case letter */
	TOK_LOWER = 1 << 1,	/* starts with a lower-case letter */
	TOK_DIGIT = 1 << 2,
	TOK_ALLCAPS = 1 << 3,	/* letters, none lower case */
	TOK_CAPSPARA = 1 << 4,	/* in an all-caps paragraph */
	TOK_PLACE = 1 << 5,	/* inside a counted kind of alias */
	TOK_WEAKPLACE = 1 << 6,	/* inside an alias that needs support */
	TOK_BLOCKED = 1 << 7,	/* inside a blocklist phrase */
	TOK_NAME = 1 << 8,	/* inside an official's name */
	TOK_PARA_START = 1 << 9,	/* first token of a paragraph */
	TOK_TITLE = 1 << 10,	/* inside an official's title */
	TOK_DEMONYM = 1 << 11,	/* inside a demonym ("British") */
	TOK_CAPITAL = 1 << 12,	/* inside a capital's name ("Madrid") */
};

struct ext_tok {
	uint32_t off, len;
	int32_t lex;		/* lexicon entry or -1 */
	uint16_t flags;		/* TOK_* */
	uint16_t lexflags;	/* LEX_* of the entry: no second lookup */
};

struct ext_toks {
	struct ext_tok *v;
	size_t n, cap;
	bool cjk;		/* some token starts with a CJK character */
};

int ext_tokenize(const struct ext_gaz *g, const struct ext_view *view,
		 struct ext_toks *t);
/* Index of the first token starting at or after off. */
size_t ext_tok_at(const struct ext_toks *t, size_t off);

/* ------------------------------------------------------------------ */
/* Dates (date.c)                                                      */

enum ext_date_kind {
	EXT_DATE_FULL,		/* day, month and year */
	EXT_DATE_YEARLESS,	/* "July 28": needs a year from elsewhere */
	EXT_DATE_MONTHYEAR,	/* "December 2018": never an article date */
};

struct ext_date {
	int y, m, d;		/* y = 0 when yearless, d = 0 for month-year */
	uint8_t kind;		/* enum ext_date_kind */
	uint8_t wday;		/* written weekday, 1 = Monday; 0 = none */
	uint32_t off, len;	/* where it was found (cleaned offsets) */
};

/* Parse a date that starts at s[0]. now resolves two-digit years.
 * Returns the bytes it covers, 0 when there is no date here. */
size_t ext_date_parse(const char *s, size_t len, time_t now,
		      struct ext_date *d);
/* The first date of any kind in text[from, to); false if none. */
bool ext_date_find(const char *text, size_t from, size_t to, time_t now,
		   struct ext_date *d);
/* YYYYMMDD, or 0 unless plausible: 1800 or later, at most a day after now. */
int32_t ext_date_ymd(int y, int m, int d, time_t now);
/* A header line that is only a date ("28 Jul 2024 12:07:32 GMT9"). */
bool ext_date_line(const char *s, size_t len, time_t now,
		   struct ext_date *d);

/* ------------------------------------------------------------------ */
/* Dateline: "TOKYO, March 3 -", "Honolulu, 2 September 2022 (TDI):"   */

struct ext_dateline {
	bool found;
	uint32_t place_off, place_len;	/* cleaned offsets */
	uint32_t region_off, region_len;	/* "N.Y." in "PEARL RIVER, N.Y.,"; 0 if none */
	bool has_date;
	struct ext_date date;
};

void ext_find_dateline(const struct ext_view *v, time_t now,
		       struct ext_dateline *dl);

/* ------------------------------------------------------------------ */
/* Facets                                                              */

struct ext_mention {
	uint32_t off, len;	/* cleaned offsets */
	uint32_t phrase;	/* index into ext_gaz.aliases, or: */
#define EXT_PHRASE_PLACE UINT32_MAX	/* a city or region (locate.c) */
	uint16_t country;
	uint8_t strong;		/* counts on its own */
	uint8_t dropped;	/* part of a person's or a city's name, or
				 * a name for money, a firm, a people */
	uint8_t place;		/* a place, not a name: see ext_era_country */
	uint32_t tok_first, tok_end;
};

struct ext_mentions {
	struct ext_mention *v;
	size_t n, cap;
};

/* Find country mentions (country.c) and flag their tokens. */
int ext_find_mentions(const struct ext_gaz *g, const struct ext_view *v,
		      struct ext_toks *t, const struct ext_dateline *dl,
		      struct ext_mentions *m);

/* Append a mention (mention.c, below both finders). */
int ext_mentions_push(struct ext_mentions *m, const struct ext_mention *x);

/* Places by position (locate.c): the dateline's place, and "City,
 * Region" in the text with the region at token i (a LEX_REGION word).
 * Both add strong mentions and drop the ones they explain away ("Paris"
 * in "Paris, Texas"). */
int ext_dateline_place(const struct ext_gaz *g, const struct ext_view *v,
		       struct ext_toks *t, const struct ext_dateline *dl,
		       struct ext_mentions *m);
int ext_region_at(const struct ext_gaz *g, const struct ext_view *v,
		  struct ext_toks *t, size_t i, struct ext_mentions *m);

/* Places named in a story dated ymd belong to the state of that day:
 * "Kiev" in 1987 is in the Soviet Union (ext_era_country). */
void ext_date_places(const struct ext_gaz *g, struct ext_mentions *m,
		     int32_t ymd);

/* Flag mentions that lie inside an official's name ("Chad" in "Chad
 * Smith"): they are not places. */
void ext_drop_named(const struct ext_toks *t, struct ext_mentions *m);

/* Per-country state while counting, reused across articles. */
struct ext_cstate {
	uint32_t epoch;		/* the state is stale unless this matches */
	uint32_t first;		/* first mention */
	uint32_t phrase;	/* its form */
	uint32_t evidence;	/* first strong mention */
	uint8_t strong;		/* a mention counts alone */
	uint8_t second;		/* a second form was seen */
};

struct ext_cscratch {
	struct ext_cstate *v;
	size_t cap;
	uint32_t epoch;
};

struct ext_counted {
	uint16_t country;
	uint32_t mention;	/* the evidence: the first strong one */
};

/* The countries that count, in order of first mention; out must hold
 * m->n entries. */
int ext_count_countries(const struct ext_gaz *g,
			const struct ext_mentions *m,
			struct ext_cscratch *s, struct ext_counted *out,
			size_t *nout);

/* A mention of a person: an official's (how says why) or anyone's. */
struct ext_cand {
	uint32_t name_off, name_len;	/* cleaned offsets of the name */
	uint32_t why_off, why_len;	/* the evidence: title and name */
	const char *how;	/* the office's evidence in words; NULL for a
				 * mention that shows no office */
	bool cue;		/* a sign of a person: "Mr Blair", "Blair said" */
	bool peer;		/* "Lord Falconer": an office only in a story
				 * of public life */
};

struct ext_cands {
	struct ext_cand *v;
	size_t n, cap;
};

int ext_cands_push(struct ext_cands *c, const struct ext_cand *x);

/* Find officials: a title before or after a person's name (official.c).
 * Their tokens get TOK_TITLE and TOK_NAME. */
int ext_find_officials(const struct ext_gaz *g, const struct ext_view *v,
		       struct ext_toks *t, struct ext_cands *c);

/* "The Clinton administration": its head, by surname, when token i is
 * "administration" (regime.c). */
int ext_regime_at(const struct ext_view *v, struct ext_toks *t, size_t i,
		  struct ext_cands *c);
/* "发言人丹尼尔·霍特(Daniel Huot)": officials named in Chinese or Japanese
 * with their Latin name in brackets (cjk.c); candidates in c. */
int ext_find_cjk_officials(const struct ext_view *v, const struct ext_toks *t,
			   struct ext_cands *c);
/* "Stalin's Russia": a surname before a country named as theirs, token
 * i being the country; a candidate in c. */
int ext_ruled_at(const struct ext_gaz *g, const struct ext_view *v,
		 struct ext_toks *t, size_t i, struct ext_cands *c);

/* Find other mentions of people (people.c): full names, and surnames
 * with a sign of a person ("Mr Blair", "Blair said"); flags their
 * tokens TOK_NAME. */
int ext_find_people(const struct ext_view *v, struct ext_toks *t,
		    struct ext_cands *c);

/* One person of an article, merged from its mentions (person.c). */
struct ext_who {
	uint32_t name, key;	/* offsets into the strings buffer */
	uint32_t words, letters;	/* of the display form */
	uint32_t name_hash;	/* of the display form */
	uint32_t key_hash;	/* of the key */
	uint32_t first, first_len;	/* the first mention (cleaned) */
	const struct ext_cand *office;	/* the first official mention */
	bool surname;		/* a key of one word */
	bool cue;		/* some mention had a sign of a person */
	bool merged;		/* joined into another entry */
	bool apart;		/* written beside a full name with it: "Reagan
				 * and Nancy Reagan" are two people */
};

struct ext_people {
	struct ext_who *v;
	size_t n, cap;
	struct sbuf *strings;	/* display names and keys */
};

/* Merge the mentions c (sorted by position) into people: one per key, a
 * surname joining the one full name of the article with that word, each
 * named by its fullest form. */
int ext_merge_people(const struct ext_view *v, const struct ext_cands *c,
		     struct ext_people *p);

/* Names (name.c). */
struct ext_name {
	uint32_t off, len;	/* the name, honorifics and possessive cut */
	uint32_t end;		/* where scanning stopped */
	uint32_t words;		/* name words, initials and suffixes included */
	uint32_t core;		/* full words: no initial, suffix, particle */
	bool honorific;		/* an honorific came before it ("Mr") */
};

/* Scan a person's name forward from text[pos]; false if there is none. */
bool ext_name_forward(const struct ext_toks *t, const char *text,
		      size_t len, size_t pos, struct ext_name *n);
/* Scan a name that ends just before text[end] (e.g. before a comma). */
bool ext_name_backward(const struct ext_toks *t, const char *text,
		       size_t len, size_t end, struct ext_name *n);
/* Length of a possessive "'s" or "’s" at s[i] (not followed by a
 * letter), or 0. */
size_t ext_possessive(const char *s, size_t len, size_t i);
/* Append the display form of a name span to out: single spaces, and no
 * '/', '|', control character or leading '.', so it can name a folder
 * and sit in a '|'-joined list. */
int ext_name_display(struct sbuf *out, const char *name, size_t len);

/* Title (title.c): cleaned offsets of the headline, or of the first
 * sentence; *len is 0 only when the text has no word at all. */
void ext_find_title(const struct ext_view *v, time_t now, size_t *off,
		    size_t *len);
/* Longest title kept: a file name has 255 bytes, with the date prefix. */
#define EXT_TITLE_MAX 200
/* Sentences used as titles are cut near this length. */
#define EXT_SENTENCE_MAX 120

/* The article date (date.c). */
struct ext_adate {
	int32_t ymd;		/* 0: undated */
	uint8_t from;		/* enum ext_date_from */
	uint32_t off, len;	/* the date (cleaned offsets); 0 if stated */
	uint32_t year_off, year_len;	/* where a missing year came from */
};

void ext_find_date(const struct ext_view *v, const struct ext_dateline *dl,
		   const struct ext_when *when, struct ext_adate *out);

#endif
