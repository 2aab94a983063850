/*
 * Files of articles: saved pages, scraper dumps (JSON, JSON Lines, CSV),
 * WARCs, archives and anything compressed, read record by record through
 * src/format (format.h) by the writer thread.
 *
 * Each record becomes an article whose bytes are its clean text: the
 * headline, a blank line, the body. So the mount shows what a reader
 * wants, grep never meets markup, and the content hash, computed on that
 * text, makes the same story saved from two sites or captured twice one
 * article with one source per place it was found. Facets come from the
 * clean text alone; a date the record states (page metadata, a dump's
 * field) wins over the text's, and a WARC record's capture date comes
 * last.
 *
 * Sources: a file that is one page is its own path, as a text file is.
 * Every other record is "PATH#WHERE", WHERE being fmt_where()'s place
 * ("line 12", "row 3", "member a/b.html", "record 9 (https://...)"), and
 * the file itself is a container row (index.h) holding its stamp, so an
 * unchanged dump is never opened again, and a re-read forgets records
 * that left it. A plain JSON Lines file that only grew is read from where
 * the last run stopped (format.h's resume mark), when the mark's checks
 * pass; otherwise the file is read whole.
 *
 * Everything runs on the writer thread: the file is streamed (a dump of
 * any size in bounded memory), but extraction of its records is not
 * parallel. Plain text files never come here (records_wanted()).
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define HEAD 4096

bool records_wanted(const char *path, const void *head, size_t len)
{
	enum fmt_kind k = fmt_sniff(path, head, len < HEAD ? len : HEAD);
	/* Binary files go the text path, which rejects them as it always
	 * did. */
	return k != FMT_TEXT && k != FMT_BINARY;
}

bool records_wanted_fd(int fd, const char *path, struct idx_stamp *stamp)
{
	char head[HEAD];
	struct stat st;
	ssize_t n = pread(fd, head, sizeof(head), 0);
	/* A page is read whole: --max-size is its limit, as a text's. */
	if (n <= 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    !records_wanted(path, head, (size_t)n) ||
	    records_is_page(path, head, (size_t)n))
		return false;
	*stamp = stamp_of(&st);
	return true;
}

uint32_t records_version(uint32_t ext_version, const struct fmt_opts *o)
{
	uint32_t h = 2166136261u;	/* FNV-1a over "role=name;" */
	for (size_t i = 0; i < o->nfields; i++) {
		char role[16];
		snprintf(role, sizeof(role), "%d=", (int)o->fields[i].role);
		for (const char *p = role; *p; p++)
			h = (h ^ (unsigned char)*p) * 16777619u;
		for (const char *p = o->fields[i].name; p && *p; p++)
			h = (h ^ (unsigned char)*p) * 16777619u;
		h = (h ^ ';') * 16777619u;
	}
	return o->nfields ? ext_version ^ h : ext_version;
}

void records_release(struct records *rs)
{
	fmt_ctx_free(rs->fc);
	rs->fc = NULL;
	ext_result_release(&rs->ext);
	sbuf_release(&rs->body);
	sbuf_release(&rs->name);
	sbuf_release(&rs->msg);
	sbuf_release(&rs->decoded);
	ingest_facets_release(&rs->facets);
}

/* "path: where: reason" through the run's reject callback. */
static void reject_at(struct records *rs, const char *path,
		      const struct fmt_locator *loc, const char *reason)
{
	char where[1024];
	sbuf_reset(&rs->msg);
	/* The whole file: its path says where. */
	if (loc->kind == FMT_LOC_FILE && !loc->member) {
		rs->reject(rs->ctx, path, reason ? reason : "unreadable");
		return;
	}
	fmt_where(loc, where, sizeof(where));
	if (sbuf_addstr(&rs->msg, where) || sbuf_addstr(&rs->msg, ": ") ||
	    sbuf_addstr(&rs->msg, reason ? reason : "unreadable"))
		rs->reject(rs->ctx, path, reason ? reason : "unreadable");
	else
		rs->reject(rs->ctx, path, rs->msg.buf);
}

/* The source name of a record: path alone for a file that is one page. */
static int record_name(struct records *rs, const char *path,
		       const struct fmt_locator *loc, bool *sub)
{
	sbuf_reset(&rs->name);
	*sub = loc->kind != FMT_LOC_FILE || loc->member;
	int rc = sbuf_addstr(&rs->name, path);
	if (!rc && *sub) {
		char where[4096];
		fmt_where(loc, where, sizeof(where));
		rc = sbuf_addch(&rs->name, '#');
		if (!rc)
			rc = sbuf_addstr(&rs->name, where);
	}
	return rc;
}

/* The article's bytes: the headline, a blank line, the body. */
static int clean_text(struct records *rs, const struct fmt_record *rec)
{
	sbuf_reset(&rs->body);
	int rc = 0;
	if (rec->title && rec->title[0])
		rc = sbuf_addstr(&rs->body, rec->title);
	if (!rc && rec->title && rec->title[0])
		rc = sbuf_add(&rs->body, "\n\n", 2);
	if (!rc)
		rc = sbuf_add(&rs->body, rec->text, rec->text_len);
	if (!rc)
		rc = sbuf_addch(&rs->body, '\n');
	return rc;
}

static bool stated_date(const struct fmt_date *d)
{
	return d->ymd && d->src != FMT_DATE_NONE && d->src != FMT_DATE_TEXT &&
	       d->src != FMT_DATE_CONTAINER;
}

/* A site value that is a host name: a dump's source_domain, or the
 * URL's host that the format gave for want of a name. */
static bool host_like(const char *s)
{
	bool dot = false;
	size_t n = 0;
	for (; s[n]; n++) {
		unsigned char c = (unsigned char)s[n];
		if (c == '.')
			dot = true;
		else if (!(c == '-' || (c >= '0' && c <= '9') ||
			   ((c | 32) >= 'a' && (c | 32) <= 'z')))
			return false;
	}
	return dot && s[0] != '.' && s[n - 1] != '.';
}

/* site as a folder name into out (256 bytes): no '/', never cut inside
 * a character. False when it cannot name a folder. */
static bool folder_name(const char *site, char out[256])
{
	size_t n = strlen(site);
	if (n >= 256)
		n = 255;
	while (n && ((unsigned char)site[n] & 0xc0) == 0x80)
		n--;
	for (size_t i = 0; i < n; i++)
		out[i] = site[i] == '/' ? '-' : site[i];
	out[n] = '\0';
	return nfs_name_ok(out);
}

/* The publications of a record: its outlet (the site's name, else its
 * host's, the index's outlets deciding: outlet.c), the wire service its
 * text names, or "unknown". 0 or -errno (index). */
static int publications(struct records *rs, const char *site,
			const char *url, const char *text, size_t len)
{
	char host[256] = "";
	bool named = false;
	rs->npubs = 0;
	if (site && site[0] && host_like(site)) {
		const char *h = strncasecmp(site, "www.", 4) == 0 && site[4]
				? site + 4 : site;
		size_t n = strlen(h);
		for (size_t i = 0; n < sizeof(host) && i <= n; i++)
			host[i] = h[i] >= 'A' && h[i] <= 'Z' ? (char)(h[i] + 32)
							     : h[i];
	} else if (site && site[0]) {
		named = folder_name(site, rs->site);
		if (named && url)
			fmt_url_host(url, host, sizeof(host));
	} else if (url) {
		fmt_url_host(url, host, sizeof(host));
	}
	if (host[0]) {
		char name[256];
		if (named)
			memcpy(name, rs->site, sizeof(name));
		int rc = idx_outlet(rs->ix, host, named ? name : NULL,
				    rs->site, sizeof(rs->site));
		if (rc)
			return rc;
		named = nfs_name_ok(rs->site);
	}
	if (named)
		rs->pubs[rs->npubs++] = rs->site;
	const char *wire = text ? ext_wire(text, len) : NULL;
	if (wire && !(rs->npubs && strcmp(rs->pubs[0], wire) == 0))
		rs->pubs[rs->npubs++] = wire;
	if (!rs->npubs)
		rs->pubs[rs->npubs++] = IDX_PUBLICATION_UNKNOWN;
	return 0;
}

/* Store one article (bytes body/len, already extracted into rs->ext) as
 * the source name holds it: its officials and the other people it names
 * (the index resolves officials across articles from both), after the
 * user's corrections, as a text file is stored. */
static int store_ext(struct records *rs, const struct ext_result *e,
		     const void *body, size_t len, const char *title,
		     int32_t date, const struct idx_stamp *stamp, uint64_t read)
{
	if (!title || !title[0])
		title = e->title && e->title[0] ? e->title : "untitled";
	struct idx_article_in a = {
		.body = body,
		.size = len,
		.title = title,
		.ext_version = rs->ext_version,
		.publications = rs->pubs,
		.npublications = rs->npubs,
	};
	const char *hits[16];
	size_t nhits;
	int rc = ingest_facets_take(&rs->facets, e, rs->opts->fixes,
				    rs->name.buf, date, stamp->mtime_ns, &a, hits,
				    NFS_ARRAY_SIZE(hits), &nhits);
	if (rc)
		return rc;
	nfs_hash(body, len, a.hash);
	int64_t id;
	uint32_t version;
	rc = idx_article_add(rs->ix, &a, &id, &version);
	if (!rc) {
		rs->st->added++;
	} else if (rc == -EEXIST && version != rs->ext_version) {
		rc = idx_article_refresh(rs->ix, id, &a, rs->name.buf);
		if (!rc)
			rs->st->refreshed++;
	} else if (rc == -EEXIST) {
		/* A record of a changed file read again where it was, with
		 * the same text, is no duplicate of itself. */
		struct idx_source old;
		rc = idx_source_get(rs->ix, rs->name.buf, &old);
		if (rc && rc != -ENOENT)
			return rc;
		rs->st->duplicates += rc || old.article_id != id;
		rc = 0;
		for (size_t i = 0; !rc && i < rs->npubs; i++)
			rc = idx_article_publication(rs->ix, id, rs->pubs[i]);
		nhits = 0;	/* stored as it was */
	}
	for (size_t i = 0; !rc && i < nhits; i++)
		rc = idx_fix_hit(rs->ix, hits[i], id);
	if (!rc)
		rc = idx_source_put(rs->ix, rs->name.buf, stamp, id, rs->run,
				    true);
	if (!rc)
		rc = idx_source_publications(rs->ix, rs->name.buf, rs->pubs,
					     rs->npubs);
	if (!rc)
		rc = rs->step(rs->ctx, read);
	return rc;
}

static int store(struct records *rs, const void *body, size_t len,
		 const char *title, int32_t date, const struct idx_stamp *stamp,
		 uint64_t read)
{
	return store_ext(rs, &rs->ext, body, len, title, date, stamp, read);
}

/* A plain text member (of a tar, say): as a text file is read. */
static int store_text(struct records *rs, const char *path,
		      const struct fmt_record *rec,
		      const struct idx_stamp *stamp, uint64_t read)
{
	const char *text, *reason;
	size_t len;
	if (nfs_text_decode(rec->raw, rec->raw_len, &rs->decoded, &text, &len,
			    &reason)) {
		reject_at(rs, path, &rec->loc, reason);
		return 0;
	}
	struct ext_when when = {.now = rs->now};
	int rc = publications(rs, NULL, NULL, text, len);
	if (!rc)
		rc = ext_extract(rs->gaz, text, len, &when, &rs->ext);
	return rc ? rc : store(rs, rec->raw, rec->raw_len, NULL, rs->ext.date,
			       stamp, read);
}

static int store_record(struct records *rs, const char *path,
			const struct fmt_record *rec,
			const struct idx_stamp *stamp, uint64_t read)
{
	if (rec->kind == FMT_TEXT || !rec->text)
		return store_text(rs, path, rec, stamp, read);
	int rc = clean_text(rs, rec);
	if (rc)
		return rc;
	struct ext_when when = {
		.now = rs->now,
		.stated = stated_date(&rec->date) ? rec->date.ymd : 0,
	};
	rc = ext_extract(rs->gaz, rs->body.buf, rs->body.len, &when, &rs->ext);
	if (rc)
		return rc;
	rc = publications(rs, rec->site, rec->url, rs->body.buf, rs->body.len);
	if (rc)
		return rc;
	int32_t date = rs->ext.date;
	if (!date && rec->container.ymd)
		date = rec->container.ymd;
	return store(rs, rs->body.buf, rs->body.len, rec->title, date, stamp,
		     read);
}

/* Was the file read before, and can this run read only what was
 * appended? OUT: *c (the container as it was) and *mark. */
static bool can_resume(struct records *rs, const char *path, int fd,
		       const struct idx_container *c, struct fmt_mark *mark)
{
	if (c->marklen != sizeof(*mark) || c->ext_version != rs->version)
		return false;
	memcpy(mark, c->mark, sizeof(*mark));
	(void)path;
	return fmt_mark_check(fd, mark) == 1;
}

static void skipped_note(struct records *rs, const char *path,
			 const struct fmt_reader *r)
{
	struct fmt_stats fs;
	fmt_reader_stats(r, &fs);
	if (!fs.skipped)
		return;
	char why[128];
	snprintf(why, sizeof(why), "%llu %s no article (an image, a script, "
		 "a redirect, another kind of file)",
		 (unsigned long long)fs.skipped,
		 fs.skipped == 1 ? "member or response that is" :
				   "members or responses that are");
	rs->skip(rs->ctx, path, why);
}

/* Read every record of r. OUT: *broken when the rest of the file could
 * not be read. */
static int read_records(struct records *rs, const char *path,
			struct fmt_reader *r, const struct idx_stamp *stamp,
			bool *sub, bool *broken, int64_t *stored)
{
	struct fmt_record rec;
	const char *reason;
	int n, rc = 0;
	*broken = false;
	while (!rc && (n = fmt_next(r, &rec, &reason)) != FMT_END) {
		if (n == -ENOMEM)
			return -ENOMEM;
		if (n < 0 || n == FMT_REJECT) {
			reject_at(rs, path, &rec.loc, reason);
			if (n < 0) {
				*broken = true;
				break;
			}
			continue;
		}
		bool one;
		rc = record_name(rs, path, &rec.loc, &one);
		*sub |= one;
		struct fmt_stats fs;
		fmt_reader_stats(r, &fs);
		if (!rc)
			rc = store_record(rs, path, &rec, stamp, fs.read);
		*stored += !rc;
	}
	return rc;
}

int records_index(struct records *rs, const struct walk *w,
		  const struct walk_file *f, const struct prepared *pr)
{
	const char *path = walk_path(w, f->path);
	if (!rs->fc && fmt_ctx_new(&rs->fc))
		return -ENOMEM;
	struct idx_container old;
	bool known = idx_container_get(rs->ix, path, &old) == 0;
	struct fmt_opts o = rs->opts->formats;
	o.resume = NULL;
	struct fmt_mark mark;
	int fd = -1, rc;
	const char *err;
	struct fmt_reader *r = NULL;
	/* A file read whole by the worker is read from memory, but for
	 * plain JSON Lines: read from its descriptor, the reader can say
	 * where it stopped, for the next run to resume there. */
	size_t len = pr->fb.raw.len;
	bool mem = len > 0 &&
		   fmt_sniff(path, pr->fb.raw.buf, len < HEAD ? len : HEAD) !=
			   FMT_JSONL;
	if (!mem) {
		fd = walk_open(w, f);
		if (fd < 0) {
			rs->reject(rs->ctx, path, open_reason(-fd));
			return known ? idx_container_seen(rs->ix, path, rs->run)
				     : 0;
		}
		if (known && can_resume(rs, path, fd, &old, &mark))
			o.resume = &mark;
		rc = fmt_open(rs->fc, fd, path, &o, &r, &err);
	} else {
		rc = fmt_open_mem(rs->fc, pr->fb.raw.buf, pr->fb.raw.len, path,
				  &o, &r, &err);
	}
	if (rc == -ENOMEM)
		goto out;
	if (rc) {
		rs->reject(rs->ctx, path, err);
		rc = known ? idx_container_seen(rs->ix, path, rs->run) : 0;
		goto out;
	}
	/* What a resumed read does not see again stays. */
	bool sub = false, broken;
	if (o.resume && (rc = idx_container_seen(rs->ix, path, rs->run)))
		goto out;
	rs->st->bytes += (int64_t)pr->stamp.size;
	int64_t stored = 0;
	rc = read_records(rs, path, r, &pr->stamp, &sub, &broken, &stored);
	if (rc)
		goto out;
	/* A page that no longer reads as an article keeps what the index
	 * had for it, as a text file that became unreadable does. */
	struct idx_source src;
	if (!stored && f->indexed && !idx_source_get(rs->ix, path, &src) &&
	    (rc = idx_source_seen(rs->ix, src.id, rs->run)))
		goto out;
	skipped_note(rs, path, r);
	int64_t dropped = 0;
	if (broken || !stored) {
		/* Records past the damage, or of a file that gave none,
		 * stay as the last run stored them; the stamp is not
		 * recorded, so the next run reads it again. */
		if (known)
			rc = idx_container_seen(rs->ix, path, rs->run);
		goto out;
	}
	if (known || sub)
		rc = idx_container_prune(rs->ix, path, rs->run, &dropped);
	rs->st->dropped += dropped;
	if (!rc && (known || sub)) {
		struct idx_container c = {
			.stamp = pr->stamp,
			.ext_version = rs->version,
		};
		if (fmt_reader_mark(r, &mark) == 0) {
			memcpy(c.mark, &mark, sizeof(mark));
			c.marklen = sizeof(mark);
		}
		rc = idx_container_put(rs->ix, path, &c, rs->run);
	}
out:
	fmt_close(r);
	if (fd >= 0)
		close(fd);
	return rc;
}

/* One record of a file as check --deep sees it: its source name and the
 * hash an index run would have stored for it. */
static int record_hash(struct records *rs, const char *path,
		       const struct fmt_record *rec, uint8_t hash[NFS_HASH_LEN])
{
	bool sub;
	int rc = record_name(rs, path, &rec->loc, &sub);
	if (rc)
		return rc;
	if (rec->kind == FMT_TEXT || !rec->text) {
		nfs_hash(rec->raw, rec->raw_len, hash);
		return 0;
	}
	rc = clean_text(rs, rec);
	if (!rc)
		nfs_hash(rs->body.buf, rs->body.len, hash);
	return rc;
}

int records_hashes(const char *path, int fd, const struct fmt_opts *opts,
		   records_hash_fn fn, void *ctx, const char **reason)
{
	struct records rs = {0};
	struct fmt_reader *r = NULL;
	struct fmt_opts o = *opts;
	o.resume = NULL;
	int rc = fmt_ctx_new(&rs.fc);
	if (!rc)
		rc = fmt_open(rs.fc, fd, path, &o, &r, reason);
	struct fmt_record rec;
	int n;
	while (!rc && (n = fmt_next(r, &rec, reason)) != FMT_END) {
		if (n < 0) {
			rc = n;
			break;
		}
		if (n == FMT_REJECT)
			continue;
		uint8_t h[NFS_HASH_LEN];
		rc = record_hash(&rs, path, &rec, h);
		if (!rc)
			rc = fn(ctx, rs.name.buf, h);
	}
	fmt_close(r);
	records_release(&rs);
	return rc;
}

bool records_is_page(const char *path, const void *head, size_t len)
{
	return fmt_sniff(path, head, len < HEAD ? len : HEAD) == FMT_HTML;
}

/* The worker's fmt_ctx lives for one page: a context keeps buffers as
 * large as the largest page it read, and a slot per page bounds that. */
int records_page(const char *path, struct file_buf *fb, struct page_info *pg,
		 const struct ext_gaz *g, struct ext_result *ext,
		 uint8_t hash[NFS_HASH_LEN], const char **reason)
{
	struct fmt_ctx *fc;
	struct fmt_record rec;
	const char *why;
	pg->on = true;
	sbuf_reset(&pg->strs);
	if (fmt_ctx_new(&fc))
		return -ENOMEM;
	struct fmt_input in = {.path = path, .data = fb->raw.buf,
			       .len = fb->raw.len};
	int rc = fmt_html(fc, &in, &rec, &why);
	if (rc == -EINVAL) {
		/* A page is an article that failed, not a file of another
		 * kind (-EINVAL from a text file's checks). */
		snprintf(pg->why, sizeof(pg->why), "%s", why);
		*reason = pg->why;
		rc = -ENODATA;
	}
	struct sbuf *body = &fb->decoded;
	if (!rc) {
		sbuf_reset(body);
		bool t = rec.title && rec.title[0];
		rc = (t && (sbuf_addstr(body, rec.title) ||
			    sbuf_add(body, "\n\n", 2))) ||
		     sbuf_add(body, rec.text, rec.text_len) ||
		     sbuf_addch(body, '\n') ||
		     sbuf_addstr(&pg->strs, t ? rec.title : "") ||
		     sbuf_addch(&pg->strs, '\0') ? -ENOMEM : 0;
		pg->site = pg->strs.len;
		if (!rc && (sbuf_addstr(&pg->strs, rec.site ? rec.site : "") ||
			    sbuf_addch(&pg->strs, '\0') ||
			    sbuf_addstr(&pg->strs, rec.url ? rec.url : "") ||
			    sbuf_addch(&pg->strs, '\0')))
			rc = -ENOMEM;
	}
	if (!rc) {
		fb->text = body->buf;
		fb->text_len = body->len;
		nfs_hash(body->buf, body->len, hash);
		struct ext_when when = {
			.now = time(NULL),
			.stated = stated_date(&rec.date) ? rec.date.ymd : 0,
		};
		rc = ext_extract(g, body->buf, body->len, &when, ext);
		if (rc)
			*reason = "out of memory while extracting";
	} else if (rc == -ENOMEM) {
		*reason = "out of memory while extracting";
	}
	fmt_ctx_free(fc);
	return rc;
}

int records_store_page(struct records *rs, const struct walk *w,
		       const struct walk_file *f, const struct prepared *pr)
{
	const char *path = walk_path(w, f->path);
	const char *title = pr->page.strs.buf;
	const char *site = title + pr->page.site;
	const char *url = site + strlen(site) + 1;
	sbuf_reset(&rs->name);
	if (sbuf_addstr(&rs->name, path))
		return -ENOMEM;
	int rc = publications(rs, site, url[0] ? url : NULL, pr->fb.text,
			      pr->fb.text_len);
	if (rc)
		return rc;
	rs->st->bytes += (int64_t)pr->stamp.size;
	return store_ext(rs, &pr->ext, pr->fb.text, pr->fb.text_len, title,
			 pr->ext.date, &pr->stamp, (uint64_t)pr->stamp.size);
}
