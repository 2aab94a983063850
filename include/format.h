/*
 * Formats: from the bytes of one source file to the articles it holds.
 *
 * A source file yields zero or more records. Each record is one article:
 * its clean text (what a reader wants, never markup), its headline,
 * publication date (and where the date was read), publication name,
 * byline and URL, and a locator saying where in the file it came from
 * (the whole file for a page, a line of a JSON Lines dump, a CSV row, a
 * WARC record). HTML is implemented; JSON, JSON Lines, CSV and WARC are
 * to join behind the same record and sink types.
 *
 * Nothing here touches SQLite, FUSE or the file system: callers hand in
 * bytes, so unit tests, fuzzers and scripts/eval-html run it directly.
 * Facets (countries, officials, dates in the text) are not extracted here:
 * the caller runs ext_extract() on the record's clean text.
 *
 * Thread safety: a struct fmt_ctx belongs to one thread at a time; any
 * number of contexts may work in parallel.
 */
#ifndef NEWSFS_FORMAT_H
#define NEWSFS_FORMAT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

enum fmt_kind {
	FMT_TEXT,		/* plain text: indexed as it is */
	FMT_HTML,
};

/*
 * What a file holds, from its name and its first bytes (at least 1024 of
 * them when the file has them): FMT_HTML for .html, .htm, .xhtml, .shtml
 * and for any file whose first markup is a doctype, <html>, <head>,
 * <body> or a comment followed by one of them; FMT_TEXT otherwise.
 * name may be NULL.
 */
enum fmt_kind fmt_sniff(const char *name, const void *head, size_t len);

/* Where a record's publication date was read, best first. */
enum fmt_date_src {
	FMT_DATE_NONE,
	FMT_DATE_META,		/* <meta> (article:published_time, date, ...) */
	FMT_DATE_JSONLD,	/* JSON-LD datePublished */
	FMT_DATE_MICRODATA,	/* itemprop=datePublished */
	FMT_DATE_TIME,		/* <time datetime> in the article */
	FMT_DATE_FIELD,		/* a dump's date field (JSON, CSV) */
	FMT_DATE_TEXT,		/* the clean text (left to ext_extract) */
	FMT_DATE_CONTAINER,	/* the container's date (WARC-Date) */
};

struct fmt_date {
	int32_t ymd;		/* YYYYMMDD as written (no time-zone shift); 0 none */
	enum fmt_date_src src;
	char why[64];		/* e.g. "meta property=article:published_time" */
	char raw[40];		/* the value as the page wrote it, cut */
};

enum fmt_loc_kind {
	FMT_LOC_FILE,		/* the whole file is the article */
	FMT_LOC_LINE,		/* JSON Lines: line number */
	FMT_LOC_ROW,		/* CSV/TSV: row number, header excluded */
	FMT_LOC_ELEMENT,	/* JSON array: element index */
	FMT_LOC_MEMBER,		/* an archive member or WARC record */
};

/* Where in the source file a record came from. */
struct fmt_locator {
	enum fmt_loc_kind kind;
	uint64_t n;		/* line, row, element or record number, from 1 */
	uint64_t offset;	/* byte offset of the record in the file */
	const char *member;	/* archive member name or WARC-Target-URI */
};

/*
 * One article. Every pointer is owned by the fmt_ctx that produced it and
 * stays valid until the next call on that context. Strings are UTF-8,
 * NUL-terminated, with entities decoded and white space collapsed.
 */
struct fmt_record {
	const char *text;	/* body: paragraphs separated by one blank line */
	size_t text_len;
	const char *title;	/* headline, or NULL */
	const char *site;	/* publication name, or NULL */
	const char *byline;	/* or NULL */
	const char *url;	/* canonical URL, or NULL */
	const char *lang;	/* as the page states it ("en-GB"), or NULL */
	struct fmt_date date;
	struct fmt_locator loc;
};

/* What the caller knows about a source from outside its bytes. */
struct fmt_input {
	const char *path;	/* for messages; may be NULL */
	const void *data;
	size_t len;
	const char *charset;	/* HTTP Content-Type charset: wins; or NULL */
	const char *url;	/* where it was fetched (WARC-Target-URI), or NULL */
};

struct fmt_ctx;

/* Returns 0 or -ENOMEM. OUT: *out, freed with fmt_ctx_free(). */
int fmt_ctx_new(struct fmt_ctx **out);
void fmt_ctx_free(struct fmt_ctx *c);

/*
 * Extract the article of one HTML page: the main text without navigation,
 * headers, footers, sidebars, related links, share bars, cookie banners,
 * comments, scripts and styles, and the page's metadata. The encoding is
 * decided as a browser does: in->charset, then a byte order mark, then
 * <meta charset> or http-equiv Content-Type in the first 1024 bytes, else
 * Windows-1252; bytes invalid in it become U+FFFD.
 *
 * Returns 0 with *rec filled (loc is FMT_LOC_FILE), -EINVAL when the page
 * has no article text (*reason is then "no article text"), or -ENOMEM.
 * The date is the metadata's; FMT_DATE_NONE leaves the text to the
 * caller's ext_extract().
 */
int fmt_html(struct fmt_ctx *c, const struct fmt_input *in,
	     struct fmt_record *rec, const char **reason);

/*
 * The charset a browser would decode a page with, as a canonical name
 * ("UTF-8", "windows-1252", "Shift_JIS", ...): http_charset if given and
 * known, else BOM, else the <meta> prescan of the first 1024 bytes, else
 * "windows-1252".
 */
const char *fmt_html_charset(const void *data, size_t len,
			     const char *http_charset);

#endif
