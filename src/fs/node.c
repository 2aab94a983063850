/*
 * What each node is: attributes of every kind of node, and name lookup
 * in every kind of folder. Pure mapping from the view tree to index
 * queries; no FUSE replies here.
 */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Is there any article dated in [lo, hi)? */
static int days_between(struct idx *ix, int32_t lo, int32_t hi)
{
	int32_t d;
	int rc = idx_day_next(ix, lo, &d);
	if (rc)
		return rc;
	return d < hi ? 0 : -ENOENT;
}

/* Does the calendar folder ino have articles? 0 or -ENOENT. */
static int calendar_exists(struct idx *ix, fuse_ino_t ino)
{
	int64_t v = node_value(ino);
	switch (node_kind(ino)) {
	case NK_YEAR:
		return days_between(ix, (int32_t)(v * 10000),
				    (int32_t)((v + 1) * 10000));
	case NK_MONTH:
		return days_between(ix, (int32_t)(v * 100),
				    (int32_t)((v + 1) * 100));
	default:
		return days_between(ix, (int32_t)v, (int32_t)v + 1);
	}
}

int fs_node_attr(struct fs *fs, struct fs_conn *c, fuse_ino_t ino,
		 struct stat *st)
{
	struct idx *ix = c->ix;
	int rc = 0;
	switch (node_kind(ino)) {
	case NK_FIXED:
		if (node_which(ino) < FIXED_ROOT ||
		    node_which(ino) >= FIXED__END)
			return -ENOENT;
		break;
	case NK_ARTICLE: {
		struct idx_attr a;
		rc = idx_article_attr(ix, node_value(ino), &a);
		if (!rc)
			fs_article_stat(fs, node_tag(ino), &a, st);
		return rc;
	}
	case NK_COUNTRY:
	case NK_OFFICIAL:
	case NK_PUBLICATION:
		rc = idx_facet_exists(ix, node_kind(ino) == NK_COUNTRY ?
				      IDX_COUNTRY : node_kind(ino) == NK_OFFICIAL
				      ? IDX_OFFICIAL : IDX_PUBLICATION,
				      node_value(ino));
		break;
	case NK_YEAR:
	case NK_MONTH:
	case NK_DAY:
		rc = calendar_exists(ix, ino);
		break;
	case NK_QUERY:
		return fsq_attr(fs, ino, st);
	case NK_HELP:
		return fs_help_stat(fs, ino, st);
	default:
		return -ENOENT;
	}
	if (!rc)
		fs_dir_stat(fs, ino, st);
	return rc;
}

/* "2024", "07", "28": exactly digits digits, no sign, no spaces. */
static int parse_digits(const char *s, size_t digits, int *out)
{
	int v = 0;
	for (size_t i = 0; i < digits; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -ENOENT;
		v = v * 10 + (s[i] - '0');
	}
	if (s[digits] != '\0')
		return -ENOENT;
	*out = v;
	return 0;
}

/* A calendar child: a year below by-date/, a month below a year, a day
 * below a month. */
static int lookup_calendar(struct fs_conn *c, fuse_ino_t parent,
			   const char *name, fuse_ino_t *ino)
{
	enum node_kind k = node_which(parent) == FIXED_BY_DATE ? NK_YEAR :
			   node_kind(parent) == NK_YEAR ? NK_MONTH : NK_DAY;
	int v;
	if (parse_digits(name, k == NK_YEAR ? 4 : 2, &v))
		return -ENOENT;
	if ((k == NK_MONTH && (v < 1 || v > 12)) ||
	    (k == NK_DAY && (v < 1 || v > 31)))
		return -ENOENT;
	int64_t value = k == NK_YEAR ? v : node_value(parent) * 100 + v;
	*ino = node_make(c->tag, k, value);
	return calendar_exists(c->ix, *ino);
}

static int lookup_in_view(struct fs *fs, struct fs_conn *c, enum idx_view v,
			  int64_t key, const char *name, fuse_ino_t *ino,
			  struct stat *st)
{
	struct idx_attr a;
	int rc = idx_view_lookup(c->ix, v, key, name, &a);
	if (rc)
		return rc;
	if (!node_fits(a.id))
		return -ENOENT;
	fs_article_stat(fs, c->tag, &a, st);
	*ino = node_make(c->tag, NK_ARTICLE, a.id);
	return 0;
}

static int lookup_facet(struct fs *fs, struct fs_conn *c, enum idx_facet f,
			const char *name, fuse_ino_t *ino, struct stat *st)
{
	int64_t id;
	int rc = idx_facet_find(c->ix, f, name, &id);
	if (rc)
		return rc;
	if (!node_fits(id))
		return -ENOENT;
	*ino = node_make(c->tag, f == IDX_COUNTRY ? NK_COUNTRY :
			 f == IDX_OFFICIAL ? NK_OFFICIAL : NK_PUBLICATION, id);
	fs_dir_stat(fs, *ino, st);
	return 0;
}

static int lookup_fixed(struct fs *fs, struct fs_conn *c, fuse_ino_t parent,
			const char *name, fuse_ino_t *ino, struct stat *st)
{
	const char *n;
	enum fixed_node f;
	switch (node_which(parent)) {
	case FIXED_ROOT:
		for (size_t i = 0; (n = fs_root_name(i, &f)); i++) {
			if (strcmp(name, n) == 0) {
				*ino = node_fixed(c->tag, f);
				fs_dir_stat(fs, *ino, st);
				return 0;
			}
		}
		return -ENOENT;
	case FIXED_ARTICLES:
		return lookup_in_view(fs, c, IDX_VIEW_ALL, 0, name, ino, st);
	case FIXED_UNDATED:
		return lookup_in_view(fs, c, IDX_VIEW_UNDATED, 0, name, ino, st);
	case FIXED_BY_COUNTRY:
		return lookup_facet(fs, c, IDX_COUNTRY, name, ino, st);
	case FIXED_BY_OFFICIAL:
		return lookup_facet(fs, c, IDX_OFFICIAL, name, ino, st);
	case FIXED_BY_SOURCE:
		return lookup_facet(fs, c, IDX_PUBLICATION, name, ino, st);
	case FIXED_QUERY:
	case FIXED_SEARCH:
		return fsq_lookup(fs, c, parent, name, ino, st);
	case FIXED_BY_DATE:
		if (strcmp(name, "undated") == 0) {
			*ino = node_fixed(c->tag, FIXED_UNDATED);
			fs_dir_stat(fs, *ino, st);
			return 0;
		}
		break;
	default:
		return -ENOENT;
	}
	int rc = lookup_calendar(c, parent, name, ino);
	if (!rc)
		fs_dir_stat(fs, *ino, st);
	return rc;
}

int fs_node_lookup(struct fs *fs, struct fs_conn *c, fuse_ino_t parent,
		   const char *name, fuse_ino_t *ino, struct stat *st)
{
	int64_t v = node_value(parent);
	int rc;
	switch (node_kind(parent)) {
	case NK_FIXED:
		return lookup_fixed(fs, c, parent, name, ino, st);
	case NK_ARTICLE:
	case NK_HELP:
		return -ENOTDIR;
	case NK_QUERY:
		return fsq_lookup(fs, c, parent, name, ino, st);
	case NK_COUNTRY:
		return lookup_in_view(fs, c, IDX_VIEW_COUNTRY, v, name, ino, st);
	case NK_OFFICIAL:
		return lookup_in_view(fs, c, IDX_VIEW_OFFICIAL, v, name, ino,
				      st);
	case NK_DAY:
		return lookup_in_view(fs, c, IDX_VIEW_DAY, v, name, ino, st);
	case NK_PUBLICATION:
		return lookup_in_view(fs, c, IDX_VIEW_PUBLICATION, v, name, ino,
				      st);
	case NK_YEAR:
	case NK_MONTH:
		rc = lookup_calendar(c, parent, name, ino);
		if (!rc)
			fs_dir_stat(fs, *ino, st);
		return rc;
	default:
		return -ENOENT;
	}
}
