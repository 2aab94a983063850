/*
 * Extraction: pure functions from an article's text to its facets (title,
 * date, countries, officials). No SQLite, no FUSE, no files other than the
 * gazetteer directory it is given, so unit tests, fuzzers and scripts/eval
 * measure it without a mount.
 *
 * Thread safety: a loaded gazetteer is immutable and may be shared by any
 * number of threads; each thread uses its own struct ext_result.
 */
#ifndef NEWSFS_EXTRACT_H
#define NEWSFS_EXTRACT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct ext_gaz;

/*
 * Load the gazetteer. dir NULL means the copy built into the binary (the
 * files of data/gazetteer/ at build time); otherwise the same files are
 * read from dir. On failure returns -errno and writes a message naming
 * the file and the reason to err.
 * OUT: *out, freed with ext_gaz_free().
 */
int ext_gaz_load(struct ext_gaz **out, const char *dir, char *err,
		 size_t errsz);
void ext_gaz_free(struct ext_gaz *g);

/* The name by-country/ shows for the country a user names, by that name
 * or by any form the gazetteer knows ("USA", "Britain", in any case);
 * NULL when it knows no such country. */
const char *ext_country_name(const struct ext_gaz *g, const char *name);

/* A number that changes whenever ext_extract() may answer differently:
 * a new extraction algorithm or other gazetteer files. The index stores
 * it with each article and extracts again when it differs. Never 0. */
uint32_t ext_version(const struct ext_gaz *g);

/* A byte range of the text given to ext_extract(): the evidence. */
struct ext_span {
	uint32_t off;
	uint32_t len;
};

struct ext_country {
	const char *name;	/* canonical name, owned by the gazetteer */
	struct ext_span why;	/* the first mention that counted */
};

struct ext_official {
	char *name;		/* display form, the fullest the article
				 * writes: "George W Bush" for "President
				 * Bush" when it names him so too */
	char *key;		/* merge key: equal keys are one person */
	struct ext_span why;	/* the mention that made them an official */
	const char *how;	/* that evidence in words, for `export --why`:
				 * "title before the name", "apposition", ...
				 * (static) */
};

/*
 * A person the article names who did not establish an office in it:
 * by a full name ("Alan Greenspan"), or by a surname with a sign of a
 * person ("Mr Blair", "Blair said"). The index makes such a person an
 * official when another article establishes the same key: see
 * docs/officials.md. A surname alone joins the one full name of the
 * article that ends with it, so such entries are surnames the article
 * never writes in full.
 */
struct ext_person {
	char *name;		/* display form, the fullest in the article */
	char *key;		/* ext_official_key(): one word for a surname */
	struct ext_span at;	/* its first mention */
};

/* Where an article's date came from, for `export --why`. */
enum ext_date_from {
	EXT_DATE_FROM_NONE,
	EXT_DATE_FROM_STATED,	/* the source's own metadata (ext_when) */
	EXT_DATE_FROM_HEADER,	/* a header line: a timestamp, a byline */
	EXT_DATE_FROM_DATELINE,	/* "TOKYO, March 3 -" */
	EXT_DATE_FROM_LEAD,	/* the start of the lead, or the first date
				 * of a lead that opens with a dateline */
};

/* What is known of an article besides its text. */
struct ext_when {
	/* The reference time: no article date lies more than a day after
	 * it, and two-digit years fall at most a year ahead of it. An index
	 * run passes the time it started. */
	time_t now;
	/* YYYYMMDD the source states (HTML metadata, a dump's date field),
	 * 0 if none. It always wins over dates in the text. */
	int32_t stated;
};

struct ext_result {
	char *title;		/* headline, UTF-8, not yet a file name */
	int32_t date;		/* YYYYMMDD of the article itself; 0 = none */
	struct ext_span date_why;	/* the date in the text; empty when
					 * stated by the source */
	uint8_t date_from;	/* enum ext_date_from */
	/* A date written without its year ("September 22") takes the year
	 * the text names nearest to it ("May 2025"): there. Empty when the
	 * date has its own year. */
	struct ext_span year_why;
	struct ext_country *countries;	/* sorted by name, no repeats */
	size_t ncountries;
	struct ext_official *officials;	/* sorted by name, one per key */
	size_t nofficials;
	struct ext_person *people;	/* sorted by name, one per key, none
					 * of them an official's */
	size_t npeople;
	void *priv;		/* buffers reused from call to call */
};

/* A zeroed struct is initialised; release frees everything it holds.
 * Every pointer in it (title, names, keys, the arrays) belongs to it and
 * stays valid until the next ext_extract() or release on the same r. */
void ext_result_release(struct ext_result *r);

/*
 * Extract the facets of one article. text is len bytes of valid UTF-8
 * (it may contain NUL bytes; they are treated as spaces). The result
 * depends on g, the text and *when alone: a date without a year takes it
 * from the article, never from a clock or a file's time. Reuses r's
 * storage; previous results are overwritten. On success title is never
 * NULL, and is empty only when the text has no word at all. Returns 0 or
 * -ENOMEM.
 */
int ext_extract(const struct ext_gaz *g, const char *text, size_t len,
		const struct ext_when *when, struct ext_result *r);

/* How r's date was found, in words for `export --why`: "dateline",
 * "header line", "lead paragraph", "stated by the source"; "" if none. */
const char *ext_date_from_text(int from);

/* The news agency whose wire copy text is, when it says so: a sign-off
 * alone on the last line ("REUTER") or a dateline credit in the first
 * lines ("LONDON (Reuters) -", "(AP)", "(AFP)"): "Reuters",
 * "Associated Press", "AFP", ...; NULL when it does not. */
const char *ext_wire(const char *text, size_t len);

/*
 * The merge key of an official's name: equal keys are one person, in one
 * article or across a whole index. It depends on the name alone: lower
 * case, folded to ASCII, without honorifics, initials, suffixes and
 * lower-case particles, hyphens and apostrophes dropped, and the first
 * and last remaining words in sorted order (a Korean or Chinese given name
 * in two words counts as one). "Lloyd J. Austin III", "Lloyd James
 * Austin" and "Austin Lloyd" give "austin lloyd"; "Shin Won-sik" and
 * "Shin Wonsik" give "shin wonsik"; "Kim Jong Un" and "Kim Jong-un" give
 * "jongun kim"; a surname alone gives itself ("reagan").
 * Writes at most outsz bytes to out, NUL included, and returns the key's
 * length: 0 when the name has no word that tells people apart.
 */
size_t ext_official_key(char *out, size_t outsz, const char *name,
			size_t len);

#endif
