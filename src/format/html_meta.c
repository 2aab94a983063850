/*
 * A page's metadata: headline, publication date, publication name,
 * byline, URL and language, from <meta> tags, JSON-LD, microdata, <time>,
 * <title> and <h1>. Only elements are read: never script code, cookies
 * or comments (the parser drops comments; scripts other than JSON-LD are
 * skipped whole).
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Apply fn to every text field of m: the one list of them. */
static void each_text(struct hmeta *m, void (*fn)(struct sbuf *))
{
	struct sbuf *all[] = {
		&m->title, &m->site, &m->byline, &m->url, &m->lang,
		&m->doc_title, &m->og_title, &m->tw_title, &m->dc_title,
		&m->h1, &m->og_site, &m->meta_author, &m->dom_author,
		&m->og_url, &m->canonical, &m->ld_headline, &m->ld_name,
		&m->ld_date, &m->ld_body, &m->ld_url, &m->ld_site,
		&m->ld_author, &m->scratch,
	};
	for (size_t i = 0; i < NFS_ARRAY_SIZE(all); i++)
		fn(all[i]);
}

void hmeta_release(struct hmeta *m)
{
	each_text(m, sbuf_release);
	memset(m, 0, sizeof(*m));
}

static void reset_all(struct hmeta *m)
{
	each_text(m, sbuf_reset);
	memset(&m->date, 0, sizeof(m->date));
	m->ld_rank = 0;
	m->nh1 = 0;
}

/* Set sb to s, white space collapsed and trimmed, if sb is empty. */
static int put(struct sbuf *sb, const char *s)
{
	bool space = false;
	if (sb->len || !s)
		return 0;
	if (text_collapse(sb, s, strlen(s), &space))
		return -ENOMEM;
	return 0;
}

/*
 * Publication dates in <meta>, by key (property, name or itemprop, lower
 * case), best first. Keys that name a modification or a crawl are not
 * here: they are not the publication date.
 */
static const char *const date_keys[] = {
	"article:published_time", "og:article:published_time",
	"article:published", "published_time", "og:published_time",
	"article.published", "datepublished", "parsely-pub-date",
	"sailthru.date", "pubdate", "publishdate", "publish-date",
	"publish_date", "publication_date", "pub_date", "dc.date.issued",
	"dcterms.issued", "dc.date", "dc:date", "dcterms.date",
	"dc.date.created", "dcterms.created", "citation_publication_date",
	"citation_date", "originalpublicationdate", "article_date_original",
	"date", "displaydate", "created",
};

static int date_rank(const char *key)
{
	for (size_t i = 0; i < NFS_ARRAY_SIZE(date_keys); i++)
		if (strcasecmp(key, date_keys[i]) == 0)
			return (int)i;
	return -1;
}

struct scan {
	int date_rank;		/* of the meta date kept, or a large number */
	char date_key[96];
	char date_raw[40];
	int32_t date;
	int32_t micro_date, time_date, pub_time_date;
	char micro_raw[40], time_raw[40];
};

static void keep_raw(char *dst, size_t sz, const char *v)
{
	snprintf(dst, sz, "%s", v);
}

/* One key of a <meta>: a space-separated list in property is common. */
static int meta_key(struct hmeta *m, struct scan *sc, const char *key,
		    size_t klen, const char *value, const char *attr)
{
	char k[48];
	if (klen == 0 || klen >= sizeof(k))
		return 0;
	for (size_t i = 0; i < klen; i++)
		k[i] = (char)((key[i] >= 'A' && key[i] <= 'Z') ? key[i] + 32 :
			      key[i]);
	k[klen] = '\0';
	int r = date_rank(k);
	if (r >= 0 && r < sc->date_rank) {
		int32_t ymd = hdate_parse(value);
		if (ymd) {
			sc->date_rank = r;
			sc->date = ymd;
			snprintf(sc->date_key, sizeof(sc->date_key), "meta %s=%s",
				 attr, k);
			keep_raw(sc->date_raw, sizeof(sc->date_raw), value);
		}
	}
	if (!strcmp(k, "og:title"))
		return put(&m->og_title, value);
	if (!strcmp(k, "twitter:title"))
		return put(&m->tw_title, value);
	if (!strcmp(k, "dc.title") || !strcmp(k, "dc:title") ||
	    !strcmp(k, "dcterms.title") || !strcmp(k, "parsely-title") ||
	    !strcmp(k, "sailthru.title"))
		return put(&m->dc_title, value);
	if (!strcmp(k, "og:site_name"))
		return put(&m->og_site, value);
	if (!strcmp(k, "og:url"))
		return put(&m->og_url, value);
	if ((!strcmp(k, "author") || !strcmp(k, "article:author") ||
	     !strcmp(k, "dc.creator") || !strcmp(k, "dc:creator") ||
	     !strcmp(k, "parsely-author") || !strcmp(k, "sailthru.author") ||
	     !strcmp(k, "byl")) && strncmp(value, "http", 4) != 0)
		return put(&m->meta_author, value);
	if (!strcmp(k, "content-language") || !strcmp(k, "og:locale"))
		return put(&m->lang, value);
	return 0;
}

static int read_meta(const struct hdom *d, uint32_t i, struct hmeta *m,
		     struct scan *sc)
{
	static const char *const attrs[] = {"property", "name", "itemprop",
					    "http-equiv"};
	const char *value = hdom_attr(d, i, "content");
	if (!value || !*value)
		return 0;
	for (size_t a = 0; a < NFS_ARRAY_SIZE(attrs); a++) {
		const char *keys = hdom_attr(d, i, attrs[a]);
		if (!keys)
			continue;
		for (const char *p = keys; *p; ) {
			while (*p == ' ' || *p == '\t' || *p == '\n')
				p++;
			size_t n = strcspn(p, " \t\n");
			if (n && meta_key(m, sc, p, n, value, attrs[a]))
				return -ENOMEM;
			p += n;
		}
	}
	return 0;
}

/* Inside an element that holds no article metadata of the page itself:
 * navigation, asides, footers, comments, related lists. */
static bool in_other(const struct hdom *d, uint32_t i)
{
	for (uint32_t p = d->n[i].parent; p; p = d->n[p].parent) {
		enum htag t = d->n[p].tag;
		if (t == T_NAV || t == T_ASIDE || t == T_FOOTER)
			return true;
		const char *c = hdom_attr(d, p, "class");
		if (c && (text_istr(c, "comment") || text_istr(c, "related")))
			return true;
	}
	return false;
}

static bool has_word(const char *s, const char *w)
{
	return s && text_istr(s, w) != NULL;
}

static int read_element(const struct hdom *d, uint32_t i, struct hmeta *m,
			struct scan *sc, bool *in_body)
{
	const struct hnode *n = &d->n[i];
	const char *v;
	int rc = 0;
	switch (n->tag) {
	case T_BODY:
		*in_body = true;
		break;
	case T_HTML:
		if ((v = hdom_attr(d, i, "lang")) && *v && !m->lang.len)
			rc = put(&m->lang, v);
		break;
	case T_META:
		rc = read_meta(d, i, m, sc);
		break;
	case T_TITLE:
		if (!m->doc_title.len) {
			if (hdom_text_content(d, i, &m->scratch))
				return -ENOMEM;
			rc = put(&m->doc_title, m->scratch.buf);
		}
		break;
	case T_LINK:
		if ((v = hdom_attr(d, i, "rel")) && strcasecmp(v, "canonical") == 0)
			rc = put(&m->canonical, hdom_attr(d, i, "href"));
		break;
	case T_SCRIPT:
		if ((v = hdom_attr(d, i, "type")) &&
		    strcasecmp(v, "application/ld+json") == 0 &&
		    d->n[i].first && d->n[d->n[i].first].type == HN_TEXT) {
			const struct hnode *t = &d->n[d->n[i].first];
			rc = jsonld_read(hdom_str(d, t->str), t->len, m);
		}
		break;
	case T_H1:
		m->nh1++;
		if (!m->h1.len && !in_other(d, i)) {
			if (hdom_text_content(d, i, &m->scratch))
				return -ENOMEM;
			rc = put(&m->h1, m->scratch.buf);
		}
		break;
	case T_TIME:
		v = hdom_attr(d, i, "datetime");
		if (v && *v && !in_other(d, i)) {
			int32_t ymd = hdate_parse(v);
			const char *ip = hdom_attr(d, i, "itemprop");
			bool pub = hdom_attr(d, i, "pubdate") ||
				(ip && text_istr(ip, "datePublished"));
			if (ymd && pub && !sc->pub_time_date) {
				sc->pub_time_date = ymd;
				keep_raw(sc->time_raw, sizeof(sc->time_raw), v);
			} else if (ymd && !sc->time_date && *in_body) {
				sc->time_date = ymd;
				if (!sc->pub_time_date)
					keep_raw(sc->time_raw,
						 sizeof(sc->time_raw), v);
			}
		}
		break;
	default:
		break;
	}
	if (rc)
		return rc;
	/* Microdata and author markup on any element. */
	const char *ip = hdom_attr(d, i, "itemprop");
	if (ip && has_word(ip, "datePublished") && !sc->micro_date) {
		v = hdom_attr(d, i, "content");
		if (!v)
			v = hdom_attr(d, i, "datetime");
		if (!v) {
			if (hdom_text_content(d, i, &m->scratch))
				return -ENOMEM;
			v = m->scratch.buf;
		}
		if ((sc->micro_date = hdate_parse(v)) != 0)
			keep_raw(sc->micro_raw, sizeof(sc->micro_raw), v);
	}
	if (!m->dom_author.len && n->tag != T_META && n->tag != T_LINK &&
	    ((ip && has_word(ip, "author")) ||
	     ((v = hdom_attr(d, i, "rel")) && strcasecmp(v, "author") == 0))) {
		if (hdom_text_content(d, i, &m->scratch))
			return -ENOMEM;
		if (m->scratch.len > 0 && m->scratch.len < 100)
			rc = put(&m->dom_author, m->scratch.buf);
	}
	return rc;
}

/* The host of a URL, without "www.", into out. */
int url_host(const char *url, struct sbuf *out)
{
	const char *p = strstr(url, "://");
	if (!p)
		return 0;
	p += 3;
	size_t n = strcspn(p, "/?#:");
	if (n > 4 && strncasecmp(p, "www.", 4) == 0) {
		p += 4;
		n -= 4;
	}
	sbuf_reset(out);
	/* A host name, or nothing: letters, digits, dots, hyphens (and
	 * the bytes of an internationalised name), at most 253 of them. */
	if (n > 253)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (!(c >= 0x80 || c == '.' || c == '-' || (c >= '0' && c <= '9') ||
		      ((c | 32) >= 'a' && (c | 32) <= 'z')))
			return 0;
	}
	return n ? sbuf_add(out, p, n) : 0;
}

size_t fmt_url_host(const char *url, char *out, size_t n)
{
	struct sbuf h = {0};
	size_t len = 0;
	if (url_host(url, &h) == 0 && h.len && h.len < n) {
		for (size_t i = 0; i < h.len; i++)
			out[i] = h.buf[i] >= 'A' && h.buf[i] <= 'Z'
				 ? (char)(h.buf[i] + 32) : h.buf[i];
		out[h.len] = '\0';
		len = h.len;
	}
	sbuf_release(&h);
	return len;
}

/* Lower-case letters and digits of s, for loose comparisons. */
static size_t squash(const char *s, size_t len, char *out, size_t outsz)
{
	size_t n = 0;
	for (size_t i = 0; i < len && n + 1 < outsz; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			out[n++] = (char)(c + 32);
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			 c >= 0x80)
			out[n++] = (char)c;
	}
	out[n] = '\0';
	return n;
}

/* Does this part of a title name the site (its name or its host)? */
static bool names_site(const char *part, size_t len, const char *site,
		       const char *host)
{
	char p[256], s[256];
	if (!squash(part, len, p, sizeof(p)))
		return false;
	if (site && squash(site, strlen(site), s, sizeof(s)) &&
	    (strstr(s, p) || strstr(p, s)))
		return true;
	/* Any label of the host but the generic ones ("www", "com",
	 * "blogspot"): "siliconexposed.blogspot.com" names "Silicon Exposed". */
	static const char *const generic[] = {
		"www", "com", "org", "net", "co", "uk", "news", "blog",
		"blogspot", "wordpress", "medium", "edition", "amp", "m",
	};
	for (const char *h = host; h && *h; ) {
		size_t hl = strcspn(h, ".");
		bool gen = h[hl] == '\0';	/* the top-level domain */
		for (size_t g = 0; g < NFS_ARRAY_SIZE(generic) && !gen; g++)
			gen = strlen(generic[g]) == hl &&
				strncasecmp(h, generic[g], hl) == 0;
		if (!gen && squash(h, hl, s, sizeof(s)) > 2 && strcmp(p, s) == 0)
			return true;
		h += hl + (h[hl] == '.');
	}
	return false;
}

static const char *const seps[] = {
	" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " // ", " : ", ": ",
	"_", "|",
};

/* Where a separator starts at s, and its length; 0 if none. */
static size_t sep_at(const char *s)
{
	for (size_t i = 0; i < NFS_ARRAY_SIZE(seps); i++) {
		size_t n = strlen(seps[i]);
		if (strncmp(s, seps[i], n) == 0)
			return n;
	}
	return 0;
}

/* Remove from t the leading and trailing parts that name the site. */
static void strip_site(struct sbuf *t, const char *site, const char *host)
{
	for (int round = 0; round < 4 && t->len; round++) {
		const char *s = t->buf;
		size_t last = 0, lastlen = 0, first = 0, firstlen = 0;
		for (size_t i = 1; s[i]; i++) {
			size_t n = sep_at(s + i);
			if (!n)
				continue;
			if (!first) {
				first = i;
				firstlen = n;
			}
			last = i;
			lastlen = n;
			i += n - 1;
		}
		if (!last)
			return;
		if (names_site(s + last + lastlen, t->len - last - lastlen,
			       site, host)) {
			t->len = last;
			t->buf[t->len] = '\0';
		} else if (names_site(s, first, site, host)) {
			size_t cut = first + firstlen;
			memmove(t->buf, t->buf + cut, t->len - cut + 1);
			t->len -= cut;
		} else {
			return;
		}
		text_trim(t->buf);
		t->len = strlen(t->buf);
	}
}

/*
 * The headline: every source the page offers (JSON-LD headline, og:title,
 * twitter:title, Dublin Core, <title>, the first <h1>), each without the
 * site's name; the one most others agree with wins, and among equals the
 * earlier source. Agreement outvotes a single source that names a section
 * ("Allergies Health Center") or the site's own tagline.
 */
static int decide_title(struct hmeta *m, const char *host)
{
	const char *site = m->site.len ? m->site.buf : NULL;
	const struct sbuf *src[] = {
		m->ld_rank == 2 ? &m->ld_headline : NULL, &m->og_title,
		&m->tw_title, &m->dc_title, &m->doc_title, &m->h1,
	};
	enum { N = sizeof(src) / sizeof(src[0]) };
	struct sbuf c[N];
	int rc = 0, best = -1, best_support = -1;
	memset(c, 0, sizeof(c));
	for (int i = 0; i < N && !rc; i++) {
		if (!src[i] || !src[i]->len)
			continue;
		rc = sbuf_add(&c[i], src[i]->buf, src[i]->len);
		if (!rc) {
			strip_site(&c[i], site, host);
			if (!c[i].len)
				rc = sbuf_add(&c[i], src[i]->buf, src[i]->len);
		}
	}
	for (int i = 0; i < N && !rc; i++) {
		if (!c[i].len)
			continue;
		int support = 0;
		for (int j = 0; j < N; j++)
			if (j != i && c[j].len &&
			    (text_similarity(c[i].buf, c[j].buf) >= 0.75 ||
			     text_similarity(c[j].buf, c[i].buf) >= 0.75))
				support++;
		if (support > best_support) {
			best = i;
			best_support = support;
		}
	}
	sbuf_reset(&m->title);
	if (!rc && best >= 0)
		rc = sbuf_add(&m->title, c[best].buf, c[best].len);
	for (int i = 0; i < N; i++)
		sbuf_release(&c[i]);
	return rc ? -ENOMEM : 0;
}

static void decide_date(struct hmeta *m, const struct scan *sc)
{
	struct fmt_date *dt = &m->date;
	int32_t ld = m->ld_date.len ? hdate_parse(m->ld_date.buf) : 0;
	memset(dt, 0, sizeof(*dt));
	/* JSON-LD first: where a page has both, article:published_time
	 * is more often a re-publication or a time-zone-shifted copy. Then
	 * the meta names (article:published_time first), microdata, <time>. */
	/* Both JSON-LD and a meta date: the same instant is best read in
	 * the publisher's own time zone (its calendar date is the one the
	 * page shows); different instants, the earlier (the later one is
	 * an update or a re-publication). */
	if (ld && sc->date && ld != sc->date) {
		int64_t tl, tm;
		bool ul, um;
		if (hdate_instant(m->ld_date.buf, &tl, &ul) &&
		    hdate_instant(sc->date_raw, &tm, &um) &&
		    ((tl - tm < 120 && tm - tl < 120) ? ul && !um : tm < tl))
			ld = 0;
	}
	if (ld) {
		dt->ymd = ld;
		dt->src = FMT_DATE_JSONLD;
		snprintf(dt->why, sizeof(dt->why), "JSON-LD datePublished");
		snprintf(dt->raw, sizeof(dt->raw), "%s", m->ld_date.buf);
	} else if (sc->date) {
		dt->ymd = sc->date;
		dt->src = FMT_DATE_META;
		snprintf(dt->why, sizeof(dt->why), "%.63s", sc->date_key);
		snprintf(dt->raw, sizeof(dt->raw), "%.39s", sc->date_raw);
	} else if (sc->micro_date) {
		dt->ymd = sc->micro_date;
		dt->src = FMT_DATE_MICRODATA;
		snprintf(dt->why, sizeof(dt->why), "itemprop=datePublished");
		snprintf(dt->raw, sizeof(dt->raw), "%s", sc->micro_raw);
	} else if (sc->pub_time_date || sc->time_date) {
		dt->ymd = sc->pub_time_date ? sc->pub_time_date : sc->time_date;
		dt->src = FMT_DATE_TIME;
		snprintf(dt->why, sizeof(dt->why), "%s",
			 sc->pub_time_date ? "<time pubdate datetime>" :
			 "<time datetime>");
		snprintf(dt->raw, sizeof(dt->raw), "%s", sc->time_raw);
	}
}

int hmeta_read(const struct hdom *d, struct hmeta *m, const char *fallback_url)
{
	struct scan sc;
	bool in_body = false;
	int rc = 0;
	reset_all(m);
	memset(&sc, 0, sizeof(sc));
	sc.date_rank = 1 << 30;
	for (uint32_t i = d->n[0].first; i && !rc; ) {
		bool skip = false;
		if (d->n[i].type == HN_ELEM) {
			rc = read_element(d, i, m, &sc, &in_body);
			/* Nothing below these is metadata. */
			enum htag t = d->n[i].tag;
			skip = t == T_SCRIPT || t == T_STYLE || t == T_SVG ||
				t == T_TEMPLATE || t == T_NOSCRIPT ||
				t == T_TITLE || t == T_H1;
		}
		i = hdom_next(d, i, 0, skip);
	}
	if (rc)
		return rc;
	/* URL: the page's own name for itself, else the caller's. */
	const char *url = m->canonical.len && strstr(m->canonical.buf, "://") ?
		m->canonical.buf : m->og_url.len ? m->og_url.buf :
		m->ld_url.len ? m->ld_url.buf : fallback_url;
	if (url && strstr(url, "://") && put(&m->url, url))
		return -ENOMEM;
	if (m->url.len && url_host(m->url.buf, &m->scratch))
		return -ENOMEM;
	const char *host = m->url.len && m->scratch.len ? m->scratch.buf : "";
	char hostbuf[256];
	snprintf(hostbuf, sizeof(hostbuf), "%s", host);
	const char *site = m->og_site.len ? m->og_site.buf :
		m->ld_site.len ? m->ld_site.buf : hostbuf[0] ? hostbuf : NULL;
	if (site && put(&m->site, site))
		return -ENOMEM;
	const char *by = m->ld_author.len ? m->ld_author.buf :
		m->meta_author.len ? m->meta_author.buf :
		m->dom_author.len ? m->dom_author.buf : NULL;
	if (by && put(&m->byline, by))
		return -ENOMEM;
	decide_date(m, &sc);
	return decide_title(m, hostbuf);
}
