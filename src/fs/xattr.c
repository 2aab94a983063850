/*
 * Extended attributes of articles: what newsfs knows about a file, for
 * getfattr and scripts. Lists are joined with '|' (the separator of
 * `newsfs export`), source paths with newlines (paths may contain '|').
 * Every folder has user.newsfs.index, the index it shows, so commands
 * given a path inside a mount (newsfs export --why) find the index.
 */
#include "internal.h"

#include <errno.h>
#include <linux/limits.h>
#include <stdio.h>
#include <string.h>

#define XA_PREFIX "user.newsfs."
#define XA_INDEX XA_PREFIX "index"

enum xa { XA_DATE, XA_COUNTRIES, XA_OFFICIALS, XA_HASH, XA_SOURCES,
	  XA_PUBLICATIONS, XA__N };

static const char *const xa_names[XA__N] = {
	[XA_DATE] = XA_PREFIX "date",
	[XA_COUNTRIES] = XA_PREFIX "countries",
	[XA_OFFICIALS] = XA_PREFIX "officials",
	[XA_HASH] = XA_PREFIX "hash",
	[XA_SOURCES] = XA_PREFIX "sources",
	[XA_PUBLICATIONS] = XA_PREFIX "publications",
};

static int xa_value(struct idx *ix, int64_t id, enum xa which,
		    struct sbuf *buf)
{
	struct idx_attr a;
	uint8_t h[NFS_HASH_LEN];
	char hex[2 * NFS_HASH_LEN + 1];
	int rc;
	switch (which) {
	case XA_DATE:
		rc = idx_article_attr(ix, id, &a);
		if (!rc && !a.date)
			return -ENODATA;
		return rc ? rc : sbuf_addf(buf, "%04d-%02d-%02d", a.date / 10000,
					   a.date / 100 % 100, a.date % 100);
	case XA_COUNTRIES:
		return idx_article_facets(ix, id, IDX_COUNTRY, '|', buf);
	case XA_OFFICIALS:
		return idx_article_facets(ix, id, IDX_OFFICIAL, '|', buf);
	case XA_PUBLICATIONS:
		return idx_article_facets(ix, id, IDX_PUBLICATION, '|', buf);
	case XA_HASH:
		rc = idx_article_hash(ix, id, h);
		if (rc)
			return rc;
		nfs_hash_hex(h, hex);
		return sbuf_addstr(buf, hex);
	case XA_SOURCES:	/* capped: never E2BIG */
		return idx_article_sources_max(ix, id, '\n', XATTR_SIZE_MAX,
					       buf);
	default:
		return -ENODATA;
	}
}

int fs_xattr_get(struct idx *ix, const char *db, fuse_ino_t ino,
		 const char *name, struct sbuf *buf)
{
	sbuf_reset(buf);
	/* No security.* or system.* (ACL) attributes exist here. Saying
	 * "not supported" rather than "no data" lets ls -l and friends
	 * remember that for the whole mount instead of asking once per file
	 * (coreutils caches ENOTSUP per device). */
	if (strncmp(name, "user.", 5) != 0)
		return -EOPNOTSUPP;
	if (node_kind(ino) != NK_ARTICLE)
		return strcmp(name, XA_INDEX) == 0 ? sbuf_addstr(buf, db)
						   : -ENODATA;
	for (int i = 0; i < XA__N; i++)
		if (strcmp(name, xa_names[i]) == 0)
			return xa_value(ix, node_value(ino), (enum xa)i, buf);
	return -ENODATA;
}

int fs_xattr_list(struct idx *ix, fuse_ino_t ino, struct sbuf *buf)
{
	sbuf_reset(buf);
	if (node_kind(ino) != NK_ARTICLE)
		return sbuf_add(buf, XA_INDEX, sizeof(XA_INDEX));
	struct idx_attr a;
	int rc = idx_article_attr(ix, node_value(ino), &a);
	if (rc)
		return rc;
	for (int i = 0; i < XA__N; i++) {
		if (i == XA_DATE && !a.date)
			continue;	/* undated: no date attribute */
		if ((rc = sbuf_add(buf, xa_names[i], strlen(xa_names[i]) + 1)))
			return rc;
	}
	return 0;
}
