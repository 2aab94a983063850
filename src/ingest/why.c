/*
 * Why an article is in the folders it is in (newsfs export --why): the
 * extraction is run again on the bytes the index stored, decoded as an
 * index run decodes them and with the same file time, so it finds what
 * the index holds, now with the span of text behind each facet.
 *
 * The article is found by a source path the index knows, or else by its
 * bytes: an article file read from a mount (or any copy of one) hashes to
 * the article it shows.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The article whose bytes are those of the file at path, and the mtime
 * of the source it was indexed from. */
static int find_by_bytes(struct idx *ix, const char *path, int64_t *id,
			 int64_t *mtime_ns, uint32_t *version,
			 const char **reason)
{
	struct file_buf fb = {0};
	struct idx_stamp stamp;
	uint8_t hash[NFS_HASH_LEN];
	static const struct read_rules rules = {
		.max_size = INGEST_DEFAULT_MAX_SIZE,
	};
	int fd = open(path, INPUT_FLAGS);
	if (fd < 0) {
		int e = errno;
		*reason = open_reason(e);
		return -e;
	}
	int rc = read_article(fd, &rules, &fb, &stamp, reason);
	close(fd);
	if (!rc) {
		nfs_hash(fb.raw.buf, fb.raw.len, hash);
		rc = idx_article_find(ix, hash, id, version);
		if (rc == -ENOENT)
			*reason = "not an indexed article";
	}
	file_buf_release(&fb);
	if (rc)
		return rc;
	struct sbuf paths = {0};
	struct idx_source src;
	rc = idx_article_sources(ix, *id, '\n', &paths);
	if (!rc && paths.len) {
		char *nl = strchr(paths.buf, '\n');
		if (nl)
			*nl = '\0';
		if (!idx_source_get(ix, paths.buf, &src))
			*mtime_ns = src.stamp.mtime_ns;
	}
	sbuf_release(&paths);
	return rc;
}

/* Copy the stored bytes of article id into w->raw. */
static int load(struct idx *ix, int64_t id, struct ingest_why *w)
{
	struct idx_attr a;
	int rc = idx_article_attr(ix, id, &a);
	sbuf_reset(&w->raw);
	if (rc || (rc = sbuf_grow(&w->raw, (size_t)a.size + 1)))
		return rc;
	while (w->raw.len < (size_t)a.size) {
		size_t got;
		rc = idx_article_read(ix, id, w->raw.buf + w->raw.len,
				      (size_t)a.size - w->raw.len,
				      (int64_t)w->raw.len, &got);
		if (rc || !got)
			return rc ? rc : -EIO;
		w->raw.len += got;
	}
	w->raw.buf[w->raw.len] = '\0';
	return 0;
}

/* The source a path names as the index writes it: the file's absolute
 * path, or a record of one, "PATH#WHERE" (export's spelling: the part
 * after the first '#' that ends a file's path is the record's). NULL when
 * no file is named; free() the result. OUT: *record, whether it names a
 * record. */
static char *source_name(const char *path, bool *record)
{
	char *abs = realpath(path, NULL);
	*record = !abs;
	for (const char *h = strchr(path, '#'); !abs && h; h = strchr(h + 1, '#')) {
		char *file = strndup(path, (size_t)(h - path));
		char *dir = file ? realpath(file, NULL) : NULL;
		size_t n = dir ? strlen(dir) + strlen(h) + 1 : 0;
		if (dir && (abs = malloc(n)))
			snprintf(abs, n, "%s%s", dir, h);
		free(dir);
		free(file);
	}
	return abs;
}

int ingest_why(struct idx *ix, const struct ext_gaz *g, const char *path,
	       struct ingest_why *w, const char **reason)
{
	struct idx_source src;
	int64_t id = 0, mtime_ns = 0;
	bool record;
	char *abs = source_name(path, &record);
	int rc = abs ? idx_source_get(ix, abs, &src) : -ENOENT;
	record = record && abs;
	free(abs);
	*reason = NULL;
	if (!rc) {
		id = src.article_id;
		mtime_ns = src.stamp.mtime_ns;
		w->version = src.ext_version;
	} else if (rc == -ENOENT && record) {
		*reason = "no such record in the index";
	} else if (rc == -ENOENT) {
		rc = find_by_bytes(ix, path, &id, &mtime_ns, &w->version,
				   reason);
	}
	w->id = id;
	if (!rc)
		rc = load(ix, id, w);
	if (!rc)
		rc = nfs_text_decode(w->raw.buf, w->raw.len, &w->decoded,
				     &w->text, &w->len, reason);
	struct ext_when when = {.now = time(NULL)};
	if (!rc)
		rc = ext_extract(g, w->text, w->len, &when, &w->ext);
	/* Spans are offsets of the text extraction read; for a UTF-8 file
	 * that is the file itself, after a BOM. */
	w->in_file = !rc && w->text != w->decoded.buf;
	w->base = w->in_file ? (size_t)(w->text - w->raw.buf) : 0;
	return rc;
}

void ingest_why_release(struct ingest_why *w)
{
	sbuf_release(&w->raw);
	sbuf_release(&w->decoded);
	ext_result_release(&w->ext);
	memset(w, 0, sizeof(*w));
}
