/*
 * JSON-LD (schema.org) blocks of a page, read with json-c: the article
 * object's headline, name, datePublished, publisher, author, url and
 * articleBody. A page may hold several blocks, a list, or an @graph; the
 * first object whose @type is an article kind wins over any other.
 */
#include "internal.h"

#include <errno.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

static bool is_article_type(const char *t)
{
	static const char *const kinds[] = {
		"BlogPosting", "SocialMediaPosting", "LiveBlogPosting",
		"Report", "Review", "WebPage", "ItemPage", "Recipe",
	};
	size_t n = strlen(t);
	if (n >= 7 && strcmp(t + n - 7, "Article") == 0)
		return true;
	for (size_t i = 0; i < NFS_ARRAY_SIZE(kinds); i++)
		if (strcmp(t, kinds[i]) == 0)
			return true;
	return false;
}

/* 2 for an article kind (not a bare web page), 1 for a page, 0 else. */
static int type_rank(struct json_object *o)
{
	struct json_object *t;
	if (!json_object_object_get_ex(o, "@type", &t))
		return 0;
	int best = 0;
	size_t n = json_object_is_type(t, json_type_array) ?
		json_object_array_length(t) : 1;
	for (size_t i = 0; i < n; i++) {
		struct json_object *e = json_object_is_type(t, json_type_array) ?
			json_object_array_get_idx(t, i) : t;
		if (!json_object_is_type(e, json_type_string))
			continue;
		const char *s = json_object_get_string(e);
		if (!is_article_type(s))
			continue;
		int r = strstr(s, "Page") ? 1 : 2;
		if (r > best)
			best = r;
	}
	return best;
}

static const char *str_field(struct json_object *o, const char *key)
{
	struct json_object *v;
	if (!json_object_object_get_ex(o, key, &v))
		return NULL;
	if (json_object_is_type(v, json_type_array) &&
	    json_object_array_length(v) > 0)
		v = json_object_array_get_idx(v, 0);
	if (!json_object_is_type(v, json_type_string))
		return NULL;
	const char *s = json_object_get_string(v);
	return s && *s ? s : NULL;
}

/* A name: a string, an object's "name", or the names of a list. */
static int add_names(struct sbuf *out, struct json_object *v)
{
	size_t n = json_object_is_type(v, json_type_array) ?
		json_object_array_length(v) : 1;
	for (size_t i = 0; i < n && i < 16; i++) {
		struct json_object *e = json_object_is_type(v, json_type_array) ?
			json_object_array_get_idx(v, i) : v;
		const char *s = NULL;
		if (json_object_is_type(e, json_type_string))
			s = json_object_get_string(e);
		else if (json_object_is_type(e, json_type_object))
			s = str_field(e, "name");
		/* URLs are no names. */
		if (!s || !*s || strncmp(s, "http", 4) == 0)
			continue;
		if (out->len && sbuf_add(out, ", ", 2))
			return -ENOMEM;
		if (sbuf_addstr(out, s))
			return -ENOMEM;
	}
	return 0;
}

static int set(struct sbuf *sb, const char *s)
{
	sbuf_reset(sb);
	return s ? sbuf_addstr(sb, s) : 0;
}

/* Take o's fields into m (only where m has none from a better object). */
static int take(struct json_object *o, struct hmeta *m)
{
	struct json_object *v;
	int rc = 0;
	const char *s;
	if (!m->ld_headline.len && (s = str_field(o, "headline")))
		rc |= set(&m->ld_headline, s);
	if (!m->ld_name.len && (s = str_field(o, "name")))
		rc |= set(&m->ld_name, s);
	if (!m->ld_date.len && (s = str_field(o, "datePublished")))
		rc |= set(&m->ld_date, s);
	if (!m->ld_date.len && (s = str_field(o, "dateCreated")))
		rc |= set(&m->ld_date, s);
	if (!m->ld_body.len && (s = str_field(o, "articleBody")))
		rc |= set(&m->ld_body, s);
	if (!m->ld_url.len && (s = str_field(o, "url")))
		rc |= set(&m->ld_url, s);
	if (!m->ld_site.len && json_object_object_get_ex(o, "publisher", &v))
		rc |= add_names(&m->ld_site, v);
	if (!m->ld_author.len && json_object_object_get_ex(o, "author", &v))
		rc |= add_names(&m->ld_author, v);
	return rc ? -ENOMEM : 0;
}

/* Find the best object under v: depth is bounded by json-c's parser. */
static void best_object(struct json_object *v, struct json_object **best,
			int *rank)
{
	if (json_object_is_type(v, json_type_array)) {
		size_t n = json_object_array_length(v);
		for (size_t i = 0; i < n; i++)
			best_object(json_object_array_get_idx(v, i), best, rank);
		return;
	}
	if (!json_object_is_type(v, json_type_object))
		return;
	int r = type_rank(v);
	if (r > *rank) {
		*rank = r;
		*best = v;
	}
	struct json_object *g;
	if (json_object_object_get_ex(v, "@graph", &g))
		best_object(g, best, rank);
	if (json_object_object_get_ex(v, "mainEntity", &g))
		best_object(g, best, rank);
}

int jsonld_read(const char *json, size_t len, struct hmeta *m)
{
	/* Some pages wrap the block in a comment or CDATA. */
	for (;;) {
		while (len && (*json == ' ' || *json == '\t' || *json == '\n' ||
			       *json == '\r'))
			json++, len--;
		size_t skip = len >= 9 && !memcmp(json, "<![CDATA[", 9) ? 9 :
			len >= 4 && !memcmp(json, "<!--", 4) ? 4 : 0;
		if (!skip && len >= 2 && json[0] == '/' && json[1] == '/') {
			const char *nl = memchr(json, '\n', len);
			skip = nl ? (size_t)(nl - json) : len;
		}
		if (!skip)
			break;
		json += skip;
		len -= skip;
	}
	while (len && *json != '{' && *json != '[')
		json++, len--;
	if (!len || len > (size_t)INT32_MAX)
		return 0;
	struct json_tokener *tok = json_tokener_new();
	if (!tok)
		return -ENOMEM;
	struct json_object *root = json_tokener_parse_ex(tok, json, (int)len);
	json_tokener_free(tok);
	if (!root)
		return 0;	/* not JSON: ignored, as browsers ignore it */
	struct json_object *best = NULL;
	int rank = 0, rc = 0;
	best_object(root, &best, &rank);
	if (best && rank > m->ld_rank) {
		/* A better object than an earlier block's: its fields first. */
		if (rank == 2 && m->ld_rank < 2) {
			sbuf_reset(&m->ld_headline);
			sbuf_reset(&m->ld_name);
			sbuf_reset(&m->ld_date);
		}
		m->ld_rank = rank;
		rc = take(best, m);
	} else if (best && rank == m->ld_rank) {
		rc = take(best, m);
	}
	json_object_put(root);
	return rc;
}
