/*
 * The fields of a dump record: which name means what (the producers'
 * names, case-insensitively, and the user's map), and one record's values
 * turned into a struct fmt_record.
 *
 * Names, best first within a role. news-please writes maintext, title,
 * date_publish, source_domain, url, authors, language (and date_download,
 * date_modify, never read); Hugging Face's cc_news has text, title, date,
 * domain, url (and description, a summary, never the body); "All the
 * News" has content (1.0) or article (2.0), title, date, publication,
 * author, url; trafilatura's JSON has text, title, date, sitename,
 * hostname, author, source; NewsAPI-style objects have content,
 * publishedAt, source.name.
 */
#include "reader.h"
#include "ctx.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const builtin[FMT_NROLES][16] = {
	[FMT_ROLE_TEXT] = {"maintext", "articlebody", "article_body", "text",
			   "content", "article", "body", "story", "full_text",
			   "fulltext", "raw_text", NULL},
	[FMT_ROLE_TITLE] = {"title", "headline", "title_page", "title_rss",
			    NULL},
	[FMT_ROLE_DATE] = {"date_publish", "datepublished", "date_published",
			   "published_at", "publishedat", "publish_date",
			   "published_date", "published", "pubdate",
			   "pub_date", "date", NULL},
	[FMT_ROLE_SITE] = {"publication", "publisher", "site_name", "sitename",
			   "source_name", "source", "site", "outlet",
			   "source_domain", "domain", "hostname", NULL},
	[FMT_ROLE_URL] = {"url", "canonical_url", "article_url", "link",
			  "source_url", "uri", NULL},
	[FMT_ROLE_BYLINE] = {"authors", "author", "byline", "creator",
			     "writer", NULL},
	[FMT_ROLE_LANG] = {"language", "lang", NULL},
	[FMT_ROLE_HTML] = {"html", "raw_html", "page_html", "content_html",
			   NULL},
};

static const struct {
	const char *name;
	enum fmt_role role;
} role_names[] = {
	{"body", FMT_ROLE_TEXT}, {"text", FMT_ROLE_TEXT},
	{"title", FMT_ROLE_TITLE}, {"headline", FMT_ROLE_TITLE},
	{"date", FMT_ROLE_DATE},
	{"site", FMT_ROLE_SITE}, {"source", FMT_ROLE_SITE},
	{"publication", FMT_ROLE_SITE},
	{"url", FMT_ROLE_URL},
	{"byline", FMT_ROLE_BYLINE}, {"author", FMT_ROLE_BYLINE},
	{"lang", FMT_ROLE_LANG}, {"language", FMT_ROLE_LANG},
	{"html", FMT_ROLE_HTML},
};

int fmt_field_parse(const char *spec, struct fmt_field *out,
		    const char **reason)
{
	const char *eq = strchr(spec, '=');
	if (!eq) {
		*reason = "expected ROLE=NAME (e.g. body=story)";
		return -EINVAL;
	}
	for (size_t i = 0; i < NFS_ARRAY_SIZE(role_names); i++) {
		size_t n = strlen(role_names[i].name);
		if ((size_t)(eq - spec) == n &&
		    strncasecmp(spec, role_names[i].name, n) == 0) {
			out->role = role_names[i].role;
			out->name = eq + 1;
			return 0;
		}
	}
	*reason = "unknown role (body, title, date, site, url, byline, lang, "
		  "html)";
	return -EINVAL;
}

void fields_init(struct fields *f, const struct fmt_field *user, size_t n)
{
	memset(f, 0, sizeof(*f));
	f->user = user;
	f->nuser = n;
	for (size_t i = 0; i < n; i++)
		if ((unsigned)user[i].role < FMT_NROLES && !user[i].name[0])
			f->off[user[i].role] = true;
}

int fields_lookup(const struct fields *f, const char *key, size_t len,
		  enum fmt_role *role)
{
	for (size_t i = 0; i < f->nuser; i++) {
		const struct fmt_field *u = &f->user[i];
		if ((unsigned)u->role < FMT_NROLES && !f->off[u->role] &&
		    strlen(u->name) == len && strncasecmp(u->name, key, len) == 0) {
			*role = u->role;
			return (int)i;
		}
	}
	for (int r = 0; r < FMT_NROLES; r++) {
		if (f->off[r])
			continue;
		for (int i = 0; builtin[r][i]; i++)
			if (strlen(builtin[r][i]) == len &&
			    strncasecmp(builtin[r][i], key, len) == 0) {
				*role = (enum fmt_role)r;
				return 100 + i;
			}
	}
	return -1;
}

void drec_reset(struct drec *d)
{
	for (int r = 0; r < FMT_NROLES; r++) {
		sbuf_reset(&d->v[r]);
		d->rank[r] = -1;
		d->key[r][0] = '\0';
	}
	d->empty_text[0] = '\0';
	d->flags = 0;
}

void drec_release(struct drec *d)
{
	for (int r = 0; r < FMT_NROLES; r++)
		sbuf_release(&d->v[r]);
}

static bool blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return false;
	return true;
}

int drec_offer(struct drec *d, enum fmt_role role, int rank, const char *key,
	       const char *s, size_t len)
{
	if (blank(s, len)) {
		if (role == FMT_ROLE_TEXT && !d->empty_text[0])
			snprintf(d->empty_text, sizeof(d->empty_text), "%s", key);
		return 0;
	}
	if (d->rank[role] >= 0 && d->rank[role] <= rank)
		return 0;
	sbuf_reset(&d->v[role]);
	d->rank[role] = rank;
	snprintf(d->key[role], sizeof(d->key[role]), "%s", key);
	bool fixed = false;
	if (utf8_repair(&d->v[role], s, len, &fixed))
		return -ENOMEM;
	if (fixed)
		d->flags |= FMT_REC_REPAIRED;
	return 0;
}

int drec_append(struct drec *d, enum fmt_role role, int rank,
		const char *key, const char *s, size_t len, const char *sep)
{
	if (blank(s, len))
		return 0;
	if (d->rank[role] >= 0 && d->rank[role] != rank)
		return d->rank[role] < rank ? 0 :
			drec_offer(d, role, rank, key, s, len);
	if (d->rank[role] < 0)
		return drec_offer(d, role, rank, key, s, len);
	bool fixed = false;
	if (sbuf_addstr(&d->v[role], sep) ||
	    utf8_repair(&d->v[role], s, len, &fixed))
		return -ENOMEM;
	if (fixed)
		d->flags |= FMT_REC_REPAIRED;
	return 0;
}

/* White space collapsed and trimmed, in place (through scratch). */
static int tidy(struct sbuf *v, struct sbuf *scratch)
{
	if (!v->len)
		return 0;
	bool space = false;
	sbuf_reset(scratch);
	if (text_collapse(scratch, v->buf, v->len, &space))
		return -ENOMEM;
	struct sbuf t = *v;
	*v = *scratch;
	*scratch = t;
	if (!v->buf && sbuf_addch(v, '\0') == 0)
		v->len = 0;
	return 0;
}

static const char *or_null(const struct sbuf *sb)
{
	return sb->len ? sb->buf : NULL;
}

int drec_finish(struct fmt_reader *r, struct drec *d, struct fmt_record *rec,
		const char **reason)
{
	struct fmt_ctx *c = r->c;
	struct sbuf *v = d->v;
	int rc;
	rec->kind = r->leaf;
	rec->flags = d->flags;
	for (int k = FMT_ROLE_TITLE; k < FMT_NROLES; k++)
		if (k != FMT_ROLE_HTML && (rc = tidy(&v[k], &r->scratch)))
			return rc;
	if (v[FMT_ROLE_TEXT].len) {
		bool markup = body_is_markup(v[FMT_ROLE_TEXT].buf,
					     v[FMT_ROLE_TEXT].len);
		if (markup)
			rec->flags |= FMT_REC_MARKUP;
		if ((rc = body_text(c, v[FMT_ROLE_TEXT].buf,
				    v[FMT_ROLE_TEXT].len, markup, &r->text)))
			return rc;
		if (!r->text.len) {
			*reason = reader_msg(r, "no text: field \"%s\" holds "
					     "no words", d->key[FMT_ROLE_TEXT]);
			return FMT_REJECT;
		}
		rec->text = r->text.buf;
		rec->text_len = r->text.len;
	} else if (v[FMT_ROLE_HTML].len) {
		struct fmt_input in = {
			.path = r->path.buf, .data = v[FMT_ROLE_HTML].buf,
			.len = v[FMT_ROLE_HTML].len,
			.url = or_null(&v[FMT_ROLE_URL])};
		struct fmt_locator loc = rec->loc;
		const void *raw = rec->raw;
		size_t raw_len = rec->raw_len;
		rc = fmt_html(c, &in, rec, reason);
		rec->loc = loc;
		rec->raw = raw;
		rec->raw_len = raw_len;
		rec->kind = r->leaf;
		rec->flags = d->flags | FMT_REC_MARKUP;
		if (rc == -EINVAL) {
			*reason = reader_msg(r, "no text: the page in field "
					     "\"%s\" holds no article text",
					     d->key[FMT_ROLE_HTML]);
			return FMT_REJECT;
		}
		if (rc)
			return rc;
	} else if (d->empty_text[0]) {
		*reason = reader_msg(r, "no text: field \"%s\" is empty",
				     d->empty_text);
		return FMT_REJECT;
	} else {
		*reason = reader_msg(r, "no text: no field %s",
				     r->fields.off[FMT_ROLE_TEXT] ?
				     "for the body (turned off)" :
				     "maintext, text, content, article, body "
				     "or story (map one with body=NAME)");
		return FMT_REJECT;
	}
	/* The record's own fields win over what a page said. */
	if (v[FMT_ROLE_TITLE].len)
		rec->title = v[FMT_ROLE_TITLE].buf;
	if (v[FMT_ROLE_BYLINE].len)
		rec->byline = v[FMT_ROLE_BYLINE].buf;
	if (v[FMT_ROLE_URL].len)
		rec->url = v[FMT_ROLE_URL].buf;
	if (v[FMT_ROLE_LANG].len)
		rec->lang = v[FMT_ROLE_LANG].buf;
	if (v[FMT_ROLE_SITE].len) {
		rec->site = v[FMT_ROLE_SITE].buf;
	} else if (!rec->site && rec->url) {
		if (url_host(rec->url, &v[FMT_ROLE_SITE]))
			return -ENOMEM;
		rec->site = or_null(&v[FMT_ROLE_SITE]);
	}
	if (v[FMT_ROLE_DATE].len) {
		int32_t ymd = hdate_parse(v[FMT_ROLE_DATE].buf);
		if (ymd) {
			memset(&rec->date, 0, sizeof(rec->date));
			rec->date.ymd = ymd;
			rec->date.src = FMT_DATE_FIELD;
			snprintf(rec->date.why, sizeof(rec->date.why),
				 "field %s", d->key[FMT_ROLE_DATE]);
			size_t n = utf8_trim(v[FMT_ROLE_DATE].buf,
					     sizeof(rec->date.raw) - 1);
			memcpy(rec->date.raw, v[FMT_ROLE_DATE].buf, n);
			rec->date.raw[n] = '\0';
		}
	}
	return FMT_RECORD;
}
