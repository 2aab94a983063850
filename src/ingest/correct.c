/*
 * The user's corrections file (newsfs(1), CORRECTIONS): one correction per
 * line, applied to what extraction found in an article before the index
 * stores it.
 *
 *   merge George W Bush = George Bush     one folder, named by the first
 *   ignore Labour                         not a person, in any article
 *   ignore Rugby in sport/sport-1.txt     not in that article (a path
 *                                         beside this file, in the current
 *                                         folder or absolute; a folder:
 *                                         every article below it)
 *   ignore country Georgia [in PATH]      not that country (any name the
 *                                         gazetteer knows for it)
 *   official Winston Churchill            an official without a title
 *   date /corpus/politics-1.txt 2004-12-12
 *
 * Which stored articles a change of the file concerns is the index's
 * business (idx_fixes_sync): each correction names the person keys, the
 * country or the source path it is about.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"

enum fix_kind { FIX_MERGE, FIX_IGNORE, FIX_IGNORE_COUNTRY, FIX_OFFICIAL,
		FIX_DATE };

#define FIX_NAMES 8	/* names one merge joins */

struct fix {
	enum fix_kind kind;
	char *line;		/* whitespace collapsed: its identity */
	char *path;		/* "in PATH", or date's PATH; NULL: every */
	char *country;
	int32_t date;
	size_t nnames;
	char *name[FIX_NAMES];	/* merge: [0] is the folder's name */
	char *key[FIX_NAMES];
};

struct ingest_fixes {
	struct fix *v;
	size_t n;
	struct idx_fix *idx;	/* what the index needs, built on load */
};

static void fix_free(struct fix *f)
{
	free(f->line);
	free(f->path);
	free(f->country);
	for (size_t i = 0; i < f->nnames; i++) {
		free(f->name[i]);
		free(f->key[i]);
	}
}

void ingest_fixes_free(struct ingest_fixes *fx)
{
	if (!fx)
		return;
	for (size_t i = 0; i < fx->n; i++)
		fix_free(&fx->v[i]);
	free(fx->v);
	free(fx->idx);
	free(fx);
}

/* Collapse runs of white space to one space; trim. In place. */
static void collapse(char *s)
{
	char *w = s;
	bool space = false;
	for (char *p = s; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			space = w != s;
			continue;
		}
		if (space)
			*w++ = ' ';
		space = false;
		*w++ = *p;
	}
	*w = '\0';
}

static const char *add_name(struct fix *f, const char *name, size_t len)
{
	while (len && name[len - 1] == ' ')
		len--;
	while (len && *name == ' ') {
		name++;
		len--;
	}
	if (f->nnames == FIX_NAMES)
		return "too many names in one merge";
	char key[256];
	if (!len || !ext_official_key(key, sizeof(key), name, len))
		return "not a person's name";
	f->name[f->nnames] = strndup(name, len);
	f->key[f->nnames] = strdup(key);
	if (!f->name[f->nnames] || !f->key[f->nnames])
		return "out of memory";
	if (!nfs_name_ok(f->name[f->nnames++]))
		return "not a name a folder can have";
	return NULL;
}

/* What a line is read against: the corrections file's own path (for
 * relative paths) and the gazetteer (for country names; NULL: none). */
struct load_ctx {
	const char *file;
	const struct ext_gaz *gaz;
};

/*
 * The path a correction is about, as the index stores sources: an
 * absolute path as written (its real path when it exists: a link or ".."
 * in it); a relative one beside the corrections file, else in the current
 * folder. A folder stands for everything below it. Sets *why and returns
 * NULL when it cannot be resolved.
 */
static char *resolve_path(const struct load_ctx *lc, const char *p,
			  const char **why)
{
	char *out;
	if (p[0] == '/') {
		out = realpath(p, NULL);
		if (!out && !(out = strdup(p)))
			*why = "out of memory";
	} else {
		const char *slash = strrchr(lc->file, '/');
		size_t dir = slash ? (size_t)(slash - lc->file) : 0;
		size_t n = dir + 1 + strlen(p) + 1;
		char *beside = malloc(n);
		if (!beside) {
			*why = "out of memory";
			return NULL;
		}
		if (slash)
			snprintf(beside, n, "%.*s/%s", (int)dir, lc->file, p);
		else
			snprintf(beside, n, "%s", p);
		out = realpath(beside, NULL);
		free(beside);
		if (!out)
			out = realpath(p, NULL);
		if (!out)
			*why = "no such file or folder beside the corrections "
			       "file or in the current folder";
	}
	if (out) {
		size_t n = strlen(out);
		while (n > 1 && out[n - 1] == '/')
			out[--n] = '\0';
	}
	return out;
}

/* "X in PATH": split off the path. */
static const char *split_in(const struct load_ctx *lc, struct fix *f,
			    char *rest)
{
	char *in = strstr(rest, " in ");
	if (!in)
		return NULL;
	*in = '\0';
	const char *why = NULL;
	f->path = resolve_path(lc, in + 4, &why);
	return why;
}

static const char *parse_date(const struct load_ctx *lc, struct fix *f,
			      char *rest)
{
	char *sp = strrchr(rest, ' ');
	int y, m, d, n = 0;
	if (!sp || sscanf(sp + 1, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 ||
	    sp[1 + n] != '\0')
		return "expected 'date PATH YYYY-MM-DD'";
	f->date = y * 10000 + m * 100 + d;
	if (!nfs_date_valid(f->date))
		return "not a valid date";
	*sp = '\0';
	const char *why = NULL;
	f->path = resolve_path(lc, rest, &why);
	return why;
}

/* "ignore country C": C as by-country/ names it. */
static const char *parse_country(const struct load_ctx *lc, struct fix *f,
				 const char *name)
{
	const char *canon = lc->gaz ? ext_country_name(lc->gaz, name) : name;
	if (!canon)
		return "no such country in the gazetteer";
	return (f->country = strdup(canon)) ? NULL : "out of memory";
}

/* Parse one line (collapsed, not empty). NULL or the reason it is bad. */
static const char *parse(const struct load_ctx *lc, struct fix *f, char *s)
{
	char *rest = strchr(s, ' ');
	if (!rest)
		return "a correction needs what it is about";
	*rest++ = '\0';
	const char *bad;
	if (strcmp(s, "merge") == 0) {
		f->kind = FIX_MERGE;
		for (char *p = rest, *eq;; p = eq + 1) {
			eq = strchr(p, '=');
			if ((bad = add_name(f, p, eq ? (size_t)(eq - p)
						    : strlen(p))))
				return bad;
			if (!eq)
				break;
		}
		return f->nnames < 2 ? "expected 'merge NAME = NAME'" : NULL;
	}
	if (strcmp(s, "official") == 0) {
		f->kind = FIX_OFFICIAL;
		return add_name(f, rest, strlen(rest));
	}
	if (strcmp(s, "date") == 0) {
		f->kind = FIX_DATE;
		return parse_date(lc, f, rest);
	}
	if (strcmp(s, "ignore") != 0)
		return "unknown correction (merge, ignore, official or date)";
	if ((bad = split_in(lc, f, rest)))
		return bad;
	if (strncmp(rest, "country ", 8) == 0) {
		f->kind = FIX_IGNORE_COUNTRY;
		return parse_country(lc, f, rest + 8);
	}
	f->kind = FIX_IGNORE;
	return add_name(f, rest, strlen(rest));
}

/* A line's identity names its path and country as resolved, so that
 * the same words read from another folder, or a country under another of
 * its names, are another line to the index. */
static int canonical_line(struct fix *f)
{
	char date[16];
	const char *parts[6] = {0};
	switch (f->kind) {
	case FIX_IGNORE:
		parts[0] = "ignore ";
		parts[1] = f->name[0];
		break;
	case FIX_IGNORE_COUNTRY:
		parts[0] = "ignore country ";
		parts[1] = f->country;
		break;
	case FIX_DATE:
		snprintf(date, sizeof(date), " %04d-%02d-%02d",
			 f->date / 10000 % 10000, f->date / 100 % 100,
			 f->date % 100);
		parts[0] = "date ";
		parts[1] = f->path;
		parts[2] = date;
		break;
	default:
		return 0;	/* names only: as written */
	}
	if (f->path && f->kind != FIX_DATE) {
		parts[2] = " in ";
		parts[3] = f->path;
	}
	size_t n = 1;
	for (int i = 0; parts[i]; i++)
		n += strlen(parts[i]);
	char *line = malloc(n);
	if (!line)
		return -ENOMEM;
	line[0] = '\0';
	for (int i = 0; parts[i]; i++)
		strcat(line, parts[i]);
	free(f->line);
	f->line = line;
	return 0;
}

static int add_line(struct ingest_fixes *fx, char *text,
		    const struct load_ctx *lc, unsigned lineno,
		    ingest_fix_error_fn bad, void *ctx)
{
	char *hash = strchr(text, '#');
	if (hash)
		*hash = '\0';
	collapse(text);
	if (!*text)
		return 0;
	struct fix f = {0};
	f.line = strdup(text);
	if (!f.line)
		return -ENOMEM;
	const char *why = parse(lc, &f, text);
	if (why) {
		bad(ctx, lc->file, lineno, why);
		fix_free(&f);
		return 0;
	}
	if (canonical_line(&f)) {
		fix_free(&f);
		return -ENOMEM;
	}
	for (size_t i = 0; i < fx->n; i++)
		if (strcmp(fx->v[i].line, f.line) == 0) {
			fix_free(&f);	/* a repeated line: once */
			return 0;
		}
	struct fix *v = realloc(fx->v, (fx->n + 1) * sizeof(*v));
	if (!v) {
		fix_free(&f);
		return -ENOMEM;
	}
	fx->v = v;
	fx->v[fx->n++] = f;
	return 0;
}

static int build_idx(struct ingest_fixes *fx)
{
	fx->idx = calloc(fx->n ? fx->n : 1, sizeof(*fx->idx));
	if (!fx->idx)
		return -ENOMEM;
	for (size_t i = 0; i < fx->n; i++) {
		const struct fix *f = &fx->v[i];
		struct idx_fix *x = &fx->idx[i];
		x->line = f->line;
		x->path = f->path;
		if (f->path && f->kind != FIX_MERGE && f->kind != FIX_OFFICIAL)
			continue;	/* one article: its path says which */
		x->country = f->country;
		x->keys = (const char *const *)f->key;
		x->nkeys = f->nnames;
	}
	return 0;
}

int ingest_fixes_load(struct ingest_fixes **out, const char *path,
		      const struct ext_gaz *gaz, ingest_fix_error_fn bad,
		      void *ctx)
{
	const struct load_ctx lc = {path, gaz};
	*out = NULL;
	FILE *in = fopen(path, "re");
	if (!in)
		return -errno;
	struct ingest_fixes *fx = calloc(1, sizeof(*fx));
	char *line = NULL;
	size_t cap = 0;
	unsigned lineno = 0;
	int rc = fx ? 0 : -ENOMEM;
	while (!rc && getline(&line, &cap, in) >= 0)
		rc = add_line(fx, line, &lc, ++lineno, bad, ctx);
	if (!rc && ferror(in))
		rc = -EIO;
	free(line);
	fclose(in);
	if (!rc)
		rc = build_idx(fx);
	if (rc) {
		ingest_fixes_free(fx);
		return rc;
	}
	*out = fx;
	return 0;
}

const struct idx_fix *ingest_fixes_index(const struct ingest_fixes *fx,
					 size_t *n)
{
	*n = fx ? fx->n : 0;
	return fx ? fx->idx : NULL;
}

/* A correction's path is the article's, or a folder or dump above it. */
static bool applies(const struct fix *f, const char *path)
{
	if (!f->path)
		return true;
	size_t n = strlen(f->path);
	return !strncmp(f->path, path, n) &&
	       (path[n] == '\0' || path[n] == '/' || path[n] == '#' ||
		(n == 1 && f->path[0] == '/'));
}

/* Remove element i of an array of n. */
#define DROP(v, n, i) \
	(memmove(&(v)[i], &(v)[(i) + 1], ((n) - (i) - 1) * sizeof(*(v))), \
	 (n)--)

static bool apply_one(const struct fix *f, struct ingest_fix_article *a)
{
	bool hit = false;
	size_t all = a->nofficials + a->npeople;
	struct idx_official_in *p = a->people;
	switch (f->kind) {
	case FIX_DATE:
		hit = *a->date != f->date;
		*a->date = f->date;
		break;
	case FIX_IGNORE_COUNTRY:
		for (size_t i = 0; i < a->ncountries; i++)
			if (strcmp(a->countries[i], f->country) == 0) {
				DROP(a->countries, a->ncountries, i);
				hit = true;
				break;
			}
		break;
	case FIX_IGNORE:
		for (size_t i = all; i-- > 0;)
			if (strcmp(p[i].key, f->key[0]) == 0) {
				DROP(p, all, i);
				if (i < a->nofficials)
					a->nofficials--;
				else
					a->npeople--;
				hit = true;
			}
		break;
	case FIX_MERGE:
		for (size_t i = 0; i < all; i++)
			for (size_t k = 0; k < f->nnames; k++)
				if (strcmp(p[i].key, f->key[k]) == 0) {
					p[i].key = f->key[0];
					p[i].name = f->name[0];
					hit = true;
					break;
				}
		break;
	case FIX_OFFICIAL:
		for (size_t i = a->nofficials; i < all; i++)
			if (strcmp(p[i].key, f->key[0]) == 0) {
				/* Move the person among the officials. */
				struct idx_official_in t = p[i];
				p[i] = p[a->nofficials];
				p[a->nofficials++] = t;
				a->npeople--;
				hit = true;
				break;
			}
		break;
	}
	return hit;
}

size_t ingest_fixes_apply(const struct ingest_fixes *fx,
			  struct ingest_fix_article *a, const char **hits,
			  size_t max)
{
	size_t n = 0;
	for (size_t i = 0; fx && i < fx->n; i++)
		if (applies(&fx->v[i], a->path) && apply_one(&fx->v[i], a) &&
		    n < max)
			hits[n++] = fx->v[i].line;
	return n;
}
