/*
 * Formats: from the bytes of one source file to the articles it holds.
 *
 * A source file yields zero or more records. Each record is one article:
 * its clean text (what a reader wants, never markup), its headline,
 * publication date (and where the date was read), publication name,
 * byline and URL, and a locator saying where in the file it came from
 * (the whole file for a page, a line of a JSON Lines dump, a CSV row, a
 * WARC record, an archive member).
 *
 * Two ways in: fmt_html() turns the bytes of one page into its record;
 * fmt_open() and fmt_next() iterate over the records of any source file
 * (a page, a scraper dump in JSON, JSON Lines, CSV or TSV, a WARC, a tar
 * or zip of any of these, and any of them compressed with gzip, zstd,
 * bzip2 or xz) with bounded memory, whatever the file's size.
 *
 * Nothing here touches SQLite or FUSE, and nothing writes files: callers
 * hand in bytes or a file descriptor to read, so unit tests, fuzzers and
 * scripts/eval-html run it directly.
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
	FMT_JSON,		/* an object, an array of objects, or a wrapper */
	FMT_JSONL,		/* JSON Lines: one object per line */
	FMT_CSV,		/* comma (or semicolon) separated, header row */
	FMT_TSV,		/* tab separated, header row */
	FMT_WARC,		/* web archive (ISO 28500) */
	FMT_ARCHIVE,		/* tar, zip or 7z: members sniffed in turn */
	FMT_COMPRESSED,		/* gzip, zstd, bzip2, xz around one stream */
	FMT_BINARY,		/* none of these and not text (image, PDF...) */
};

/*
 * What a file holds, from its name and its first bytes (at least 4096 of
 * them when the file has them). Magic bytes first: gzip, zstd, bzip2, xz
 * are FMT_COMPRESSED, zip, 7z and tar FMT_ARCHIVE, "WARC/" FMT_WARC. Then
 * the name: .html .htm .xhtml .shtml, .json, .jsonl .ndjson, .csv, .tsv
 * .tab, .warc. Then the content: a doctype, <html>, <head> or <body>
 * (after comments) is FMT_HTML, an object alone on its first line followed
 * by another is FMT_JSONL, a leading '{' or '[' that json-c reads is
 * FMT_JSON. Bytes that are no text (NUL bytes, invalid UTF-8 that is no
 * Windows-1252 either) are FMT_BINARY; the rest FMT_TEXT. name may be NULL.
 */
enum fmt_kind fmt_sniff(const char *name, const void *head, size_t len);
/* "html", "jsonl", ... for messages. */
const char *fmt_kind_name(enum fmt_kind k);
/* The host of url without "www." into out (n bytes), lower-cased: its
 * length, or 0 when url has no host name that fits. */
size_t fmt_url_host(const char *url, char *out, size_t n);

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
	FMT_LOC_FILE,		/* the whole file (or member) is the article */
	FMT_LOC_LINE,		/* JSON Lines: line number */
	FMT_LOC_ROW,		/* CSV/TSV: row number, header excluded */
	FMT_LOC_ELEMENT,	/* JSON array: element index */
	FMT_LOC_MEMBER,		/* an archive member (n counts members) */
	FMT_LOC_WARC,		/* a WARC record (n counts records); uri */
};

/*
 * Where in the source file a record came from. An archive member holding
 * a dump has both: member names the member, kind/n/offset the line, row,
 * element or WARC record inside it. offset counts bytes of the stream the
 * record was read from: the file itself, or the decompressed member or
 * file when it is compressed or archived.
 */
struct fmt_locator {
	enum fmt_loc_kind kind;
	uint64_t n;		/* line, row, element or record number, from 1 */
	uint64_t offset;	/* byte offset of the record in its stream */
	const char *member;	/* archive member name, or NULL */
	const char *uri;	/* WARC-Target-URI of a WARC record, or NULL */
};

/* "line 12", "row 3 (line 7)", "element 4", "member a/b.html: record 9
 * (https://...)": where, for messages. Returns out. */
char *fmt_where(const struct fmt_locator *loc, char *out, size_t n);

enum {
	FMT_REC_REPAIRED = 1,	/* invalid UTF-8 in a dump became U+FFFD */
	FMT_REC_MARKUP = 2,	/* a dump's text field held HTML (read as such) */
};

/*
 * One article. Every pointer is owned by the fmt_ctx (fmt_html) or the
 * fmt_reader (fmt_next) that produced it and stays valid until the next
 * call on it. Strings are UTF-8, NUL-terminated, with entities decoded
 * and white space collapsed.
 */
struct fmt_record {
	enum fmt_kind kind;	/* what the record was read from: FMT_HTML,
				 * FMT_JSON, FMT_JSONL, FMT_CSV, FMT_TSV (text
				 * set), or FMT_TEXT (text NULL: the caller
				 * reads raw as it reads a .txt file) */
	const char *text;	/* body: paragraphs separated by one blank line */
	size_t text_len;
	const char *title;	/* headline, or NULL */
	const char *site;	/* publication name, or NULL */
	const char *byline;	/* or NULL */
	const char *url;	/* canonical URL, or NULL */
	const char *lang;	/* as the page states it ("en-GB"), or NULL */
	struct fmt_date date;
	/* The container's date (a WARC record's WARC-Date, when the crawler
	 * fetched the page): the date of last resort, after the text's. */
	struct fmt_date container;
	struct fmt_locator loc;
	/* The record's bytes as the source holds them (decompressed): a
	 * page, a text member, a JSON Lines line; NULL for CSV rows and JSON
	 * array elements. */
	const void *raw;
	size_t raw_len;
	unsigned flags;		/* FMT_REC_* */
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

/*
 * Reading any source file: fmt_open(), then fmt_next() until it returns
 * FMT_END or an error, then fmt_close().
 */

/* What a dump's field means. */
enum fmt_role {
	FMT_ROLE_TEXT,		/* the article's body */
	FMT_ROLE_TITLE,
	FMT_ROLE_DATE,		/* publication date */
	FMT_ROLE_SITE,		/* publication name or domain */
	FMT_ROLE_URL,
	FMT_ROLE_BYLINE,
	FMT_ROLE_LANG,
	FMT_ROLE_HTML,		/* a whole saved page, read as fmt_html reads one */
	FMT_NROLES
};

/*
 * A user's name for a role: {FMT_ROLE_TEXT, "story"} reads the body from
 * a field "story" (case-insensitive; in JSON a dotted path such as
 * "source.name" descends into objects). A user's name is tried before the
 * built-in names of its role; an empty name turns the role off (the
 * built-in names are not tried either).
 */
struct fmt_field {
	enum fmt_role role;
	const char *name;
};

/*
 * Parse "ROLE=NAME" (what `--field body=story` hands in). Roles: body or
 * text, title or headline, date, site or source or publication, url,
 * byline or author, lang or language, html. name points into spec.
 * Returns 0, or -EINVAL with *reason set.
 */
int fmt_field_parse(const char *spec, struct fmt_field *out,
		    const char **reason);

/* Caps; 0 in a field means its default. */
#define FMT_DEFAULT_MAX_RECORD (64ull << 20)
#define FMT_DEFAULT_MAX_MEMBER (4ull << 30)
#define FMT_DEFAULT_MAX_RATIO 100u
/* Below this many bytes expanded the ratio is not checked: any small
 * file may compress well. */
#define FMT_RATIO_FLOOR (64ull << 20)

struct fmt_opts {
	/* The most bytes held at once for one record: a page, a JSON Lines
	 * line, a CSV row, a JSON element, a WARC payload. Larger records are
	 * rejected (the rest of the file goes on where it can resync). */
	uint64_t max_record;
	/* The most bytes one archive member or compressed stream may expand
	 * to; past it the rest of the file is refused (a zip bomb). */
	uint64_t max_member;
	/* The most bytes expanded per byte read from the file, once
	 * FMT_RATIO_FLOOR bytes are expanded; past it the rest of the file
	 * is refused. */
	uint32_t max_ratio;
	const struct fmt_field *fields;	/* the user's field map, or NULL */
	size_t nfields;
	/* A plain JSON Lines file read before: resume after what the mark
	 * covered (see fmt_mark_check). NULL reads from the start. */
	const struct fmt_mark *resume;
};

/*
 * Where a plain (uncompressed, unarchived) JSON Lines file was read to,
 * for a later run to go on from there when the file only grew: bytes
 * [0, offset) are whole lines, and two hashes (XXH3-128) pin what they
 * held: of the first FMT_MARK_WINDOW bytes and of the FMT_MARK_WINDOW
 * bytes that end at offset (fewer when the file is shorter).
 */
#define FMT_MARK_WINDOW 65536
struct fmt_mark {
	uint64_t offset;
	uint64_t lines;		/* lines before offset */
	uint64_t size;		/* the file's size when the mark was taken */
	uint8_t head[16], tail[16];
};

/*
 * Whether the file at fd still starts with what mark covered: its size is
 * at least mark->offset, the byte before offset ends a line, and both
 * windows hash the same. Returns 1 (safe to resume with opts.resume),
 * 0 (changed: read it all again), or -errno. Reads at most
 * 2 * FMT_MARK_WINDOW bytes, with pread (fd's offset is left alone).
 */
int fmt_mark_check(int fd, const struct fmt_mark *mark);

struct fmt_stats {
	uint64_t records;	/* articles returned */
	uint64_t rejected;	/* records returned as FMT_REJECT */
	uint64_t skipped;	/* members and WARC responses that are not
				 * articles (images, scripts, redirects...) */
	uint64_t other;		/* WARC records of other types (request,
				 * metadata, revisit, warcinfo) */
	uint64_t blank;		/* blank lines of JSON Lines, empty CSV rows */
	uint64_t read;		/* bytes read from the file */
	uint64_t expanded;	/* bytes after decompression */
	uint64_t size;		/* the file's size when it is known, or 0 */
};

struct fmt_reader;

/*
 * Start reading the source file open at fd (read from its current
 * position, or from opts->resume's offset, where fd is moved;
 * fmt_close() does not close it). path names it in messages
 * and its name counts for sniffing; it may be NULL. The reader borrows c
 * (for HTML pages) until fmt_close(): one reader per context at a time.
 * Returns 0, -ENOMEM, or -errno from reading the first bytes; *err then
 * says why.
 */
int fmt_open(struct fmt_ctx *c, int fd, const char *path,
	     const struct fmt_opts *opts, struct fmt_reader **out,
	     const char **err);

/* The same over bytes in memory (borrowed until fmt_close()); for
 * tests, fuzzers and callers that hold a file already. */
int fmt_open_mem(struct fmt_ctx *c, const void *data, size_t len,
		 const char *path, const struct fmt_opts *opts,
		 struct fmt_reader **out, const char **err);

/* What the file was sniffed as, after fmt_open(). */
enum fmt_kind fmt_reader_kind(const struct fmt_reader *r);

enum {
	FMT_END,		/* no more records */
	FMT_RECORD,		/* *rec is an article */
	FMT_REJECT,		/* rec->loc is a record that is no article,
				 * *reason why; go on */
};

/*
 * The next record. Returns FMT_RECORD, FMT_REJECT or FMT_END; or a
 * negative errno when the rest of the file cannot be read (a truncated or
 * corrupt stream, a cap refused, an I/O error): *reason then says why and
 * rec->loc where it stopped, and every record returned before stands.
 * -ENOMEM leaves *reason "out of memory". Records stay valid until the
 * next call.
 */
int fmt_next(struct fmt_reader *r, struct fmt_record *rec,
	     const char **reason);

/* Counts so far (bytes read give a progress bar its position). */
void fmt_reader_stats(const struct fmt_reader *r, struct fmt_stats *st);

/*
 * After FMT_END on a plain JSON Lines file: the mark to keep for the next
 * run. Returns 0, -EINVAL when the file is not a plain JSON Lines file
 * (compressed, archived, another format), or -errno from reading it.
 */
int fmt_reader_mark(struct fmt_reader *r, struct fmt_mark *mark);

void fmt_close(struct fmt_reader *r);

#endif
