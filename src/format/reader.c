/*
 * fmt_open() and fmt_next(): one source file as a stack of streams (the
 * file, then one libarchive reader per level of compression or archive),
 * the stream on top read by one leaf parser at a time. Members that are
 * not articles are counted and skipped; an error in one member's content
 * rejects that member and the archive goes on; an error in a stream (a
 * truncated or damaged file, a cap refused) ends the file, and what was
 * returned before stands.
 */
#include "reader.h"
#include "ctx.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static bool container(enum fmt_kind k)
{
	return k == FMT_ARCHIVE || k == FMT_COMPRESSED;
}

/* The name inside a compressed file: "a.jsonl.gz" is "a.jsonl", "a.tgz"
 * is "a.tar". */
static int inner_name(const char *name, struct sbuf *out)
{
	static const char *const ext[][2] = {
		{".gz", ""}, {".zst", ""}, {".zstd", ""}, {".bz2", ""},
		{".xz", ""}, {".lzma", ""}, {".z", ""}, {".tgz", ".tar"},
		{".tbz2", ".tar"}, {".tbz", ".tar"}, {".txz", ".tar"},
		{".tzst", ".tar"},
	};
	size_t n = strlen(name);
	sbuf_reset(out);
	for (size_t i = 0; i < NFS_ARRAY_SIZE(ext); i++) {
		size_t e = strlen(ext[i][0]);
		if (n > e && strcasecmp(name + n - e, ext[i][0]) == 0)
			return sbuf_add(out, name, n - e) ||
				sbuf_addstr(out, ext[i][1]) ? -ENOMEM : 0;
	}
	return sbuf_addstr(out, name) ? -ENOMEM : 0;
}

/* Members read as plain text: .txt, .text, or no extension at all. Any
 * other text (.css, .js, .xml, .md) is no article. */
static bool text_member(const char *name)
{
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	const char *dot = strrchr(base, '.');
	return !dot || dot == base || !strcasecmp(dot, ".txt") ||
		!strcasecmp(dot, ".text");
}

static void start_leaf(struct fmt_reader *r, enum fmt_kind k, struct fin *in)
{
	r->leaf = k;
	r->in = in;
	r->leaf_done = false;
	r->fresh = true;
	r->n = 0;
}

/* A page or a text member: the whole stream is one record. */
static int whole_next(struct fmt_reader *r, struct fmt_record *rec,
		      const char **reason)
{
	if (r->leaf_done)
		return FMT_END;
	r->leaf_done = true;
	bool member = r->member.len > 0;
	uint64_t mno = r->depth && !r->is_gz[r->depth - 1] ?
		r->arc[r->depth - 1].members : 0;
	reader_loc(r, rec, member ? FMT_LOC_MEMBER : FMT_LOC_FILE,
		   member ? mno : 0, 0);
	int rc = fin_slurp(r->in, (size_t)r->o.max_record, &r->raw);
	if (rc == -EFBIG) {
		*reason = reader_msg(r, "larger than the cap of %llu bytes per "
				     "record",
				     (unsigned long long)r->o.max_record);
		return FMT_REJECT;
	}
	if (rc) {
		*reason = reader_msg(r, "%s", r->in->why ? r->in->why :
				     "read error");
		return rc;
	}
	if (r->leaf == FMT_TEXT) {
		rec->raw = r->raw.buf;
		rec->raw_len = r->raw.len;
		return FMT_RECORD;
	}
	struct fmt_input in = {.path = r->path.buf, .data = r->raw.buf,
			       .len = r->raw.len};
	struct fmt_locator loc = rec->loc;
	rc = fmt_html(r->c, &in, rec, reason);
	rec->loc = loc;
	rec->kind = FMT_HTML;
	rec->raw = r->raw.buf;
	rec->raw_len = r->raw.len;
	if (rc == -EINVAL)
		return FMT_REJECT;
	return rc ? rc : FMT_RECORD;
}

static int leaf_next(struct fmt_reader *r, struct fmt_record *rec,
		     const char **reason)
{
	switch (r->leaf) {
	case FMT_JSONL:
		return jsonl_next(r, rec, reason);
	case FMT_JSON:
		return json_next(r, rec, reason);
	case FMT_CSV:
	case FMT_TSV:
		return csv_next(r, rec, reason);
	case FMT_WARC:
		return warc_next(r, rec, reason);
	case FMT_TEXT:
	case FMT_HTML:
		return whole_next(r, rec, reason);
	default:
		return FMT_END;
	}
}

static void pop(struct fmt_reader *r)
{
	int i = --r->depth;
	uint64_t out = r->is_gz[i] ? r->gz[i].out : r->arc[i].out;
	if (i == 0)
		r->expanded_done += out;
	if (r->is_gz[i])
		fgz_end(&r->gz[i]);
	else
		farc_end(&r->arc[i]);
}

/* Open a reader over in as level r->depth: zlib for gzip, libarchive for
 * the rest. */
static int push(struct fmt_reader *r, struct fin *in, const char **reason)
{
	int i = r->depth;
	const char *why = "out of memory";
	int rc;
	r->is_gz[i] = fin_avail(in) >= 2 &&
		(unsigned char)fin_data(in)[0] == 0x1f &&
		(unsigned char)fin_data(in)[1] == 0x8b;
	if (r->is_gz[i])
		rc = fgz_open(&r->gz[i], in, &r->st.read, r->o.max_member,
			      r->o.max_ratio);
	else
		rc = farc_open(&r->arc[i], in, &r->st.read, r->o.max_member,
			       r->o.max_ratio, &why);
	r->depth++;
	if (rc) {
		*reason = reader_msg(r, "%s", why);
		pop(r);
		return rc;
	}
	return 0;
}

/* The member path shown in locators: the names of the archive members
 * that lead here, "/" between them (compressed streams add none). */
static int member_path(struct fmt_reader *r)
{
	sbuf_reset(&r->member);
	for (int i = 0; i < r->depth; i++) {
		struct farc *z = &r->arc[i];
		if (r->is_gz[i] || z->raw || !z->name.len)
			continue;
		const char *n = z->name.buf;
		while (n[0] == '.' && n[1] == '/')
			n += 2;
		bool fixed = false;
		if ((r->member.len && sbuf_addch(&r->member, '/')) ||
		    utf8_repair(&r->member, n, strlen(n), &fixed))
			return -ENOMEM;
	}
	return 0;
}

/* The next member of the archive on top: a leaf started, a level pushed,
 * 0 when this level is done, or an error. */
static int next_member(struct fmt_reader *r, struct fmt_record *rec,
		       const char **reason)
{
	int lv = r->depth - 1;
	struct farc *z = &r->arc[lv];
	struct sbuf *name = &r->lname[r->depth];
	struct fin *in = &r->ain[lv];
	const char *why = NULL;
	int rc;
	uint64_t mno = 0;
	if (r->is_gz[lv]) {
		/* A gzip stream is one member, named as the file less .gz. */
		if (r->gz[lv].handed) {
			pop(r);
			return 0;
		}
		r->gz[lv].handed = true;
		if (inner_name(r->lname[lv].buf, name))
			return -ENOMEM;
		fgz_fin(&r->gz[lv], in);
	} else {
		rc = farc_next(z, &why);
		if (rc == 0) {
			pop(r);
			return 0;
		}
		if (rc < 0) {
			member_path(r);
			reader_loc(r, rec, FMT_LOC_MEMBER, z->members, 0);
			*reason = reader_msg(r, "%s", why ? why : "damaged archive");
			return rc;
		}
		mno = z->members;
		if (z->raw ? inner_name(r->lname[lv].buf, name) :
		    (sbuf_reset(name), sbuf_add(name, z->name.buf, z->name.len)) ?
		    -ENOMEM : 0)
			return -ENOMEM;
		farc_fin(z, in);
	}
	if (!name->buf && sbuf_addch(name, '\0') == 0)
		name->len = 0;
	if (member_path(r))
		return -ENOMEM;
	rc = fin_fill(in, FIN_HEAD);
	if (rc && (rc == -ENOMEM || !fin_avail(in))) {
		/* (With bytes before the damage, they are read first.) */
		reader_loc(r, rec, FMT_LOC_MEMBER, mno, 0);
		*reason = reader_msg(r, "%s", in->why ? in->why : "read error");
		return rc;
	}
	bool single = r->is_gz[lv] || z->raw;
	enum fmt_kind k = fmt_sniff(name->buf, fin_data(in), fin_avail(in));
	if (container(k)) {
		if (r->depth >= FMT_MAX_DEPTH) {
			r->st.skipped++;
			return 1;
		}
		rc = push(r, in, reason);
		if (rc)
			reader_loc(r, rec, FMT_LOC_MEMBER, mno, 0);
		return rc ? rc : 1;
	}
	if (k == FMT_BINARY || (k == FMT_TEXT && !single &&
				!text_member(name->buf))) {
		r->st.skipped++;
		return 1;
	}
	start_leaf(r, k, in);
	return 1;
}

static bool stream_error(struct fmt_reader *r)
{
	if (r->file.err)
		return true;
	for (int i = 0; i < r->depth; i++)
		if (r->ain[i].err)
			return true;
	return false;
}

int fmt_next(struct fmt_reader *r, struct fmt_record *rec,
	     const char **reason)
{
	static const char oom[] = "out of memory";
	*reason = NULL;
	for (;;) {
		int rc;
		if (r->done) {
			memset(rec, 0, sizeof(*rec));
			return FMT_END;
		}
		if (r->leaf != FMT_BINARY) {
			rc = leaf_next(r, rec, reason);
			if (rc == FMT_RECORD) {
				r->st.records++;
				return rc;
			}
			if (rc == FMT_REJECT) {
				r->st.rejected++;
				return rc;
			}
			if (rc < 0) {
				if (rc == -ENOMEM) {
					*reason = oom;
					r->done = true;
					return rc;
				}
				r->leaf = FMT_BINARY;
				if (r->depth > 0 && !stream_error(r)) {
					/* This member's content is broken; the
					 * archive goes on. */
					r->st.rejected++;
					return FMT_REJECT;
				}
				r->done = true;
				return rc;
			}
			r->leaf = FMT_BINARY;
			if (r->depth == 0)
				r->done = true;
			continue;
		}
		if (!r->started) {
			r->started = true;
			if (container(r->kind)) {
				rc = push(r, &r->file, reason);
				if (rc) {
					reader_loc(r, rec, FMT_LOC_FILE, 0, 0);
					r->done = true;
					return rc;
				}
			} else if (r->kind == FMT_BINARY) {
				/* The file itself, not a member: say so. */
				r->done = true;
				r->st.rejected++;
				reader_loc(r, rec, FMT_LOC_FILE, 0, 0);
				*reason = "binary data (an image, a PDF, ...), not "
					  "an article";
				return FMT_REJECT;
			} else {
				start_leaf(r, r->kind, &r->file);
				if (r->o.resume)
					r->n = r->o.resume->lines;
			}
			continue;
		}
		if (r->depth == 0) {
			r->done = true;
			continue;
		}
		rc = next_member(r, rec, reason);
		if (rc < 0) {
			if (rc == -ENOMEM)
				*reason = oom;
			r->done = true;
			return rc;
		}
	}
}

static int open_common(struct fmt_reader *r, struct fmt_ctx *c,
		       const char *path, const struct fmt_opts *opts,
		       const char **err)
{
	r->c = c;
	r->leaf = FMT_BINARY;
	r->fd = -1;
	if (opts)
		r->o = *opts;
	if (!r->o.max_record)
		r->o.max_record = FMT_DEFAULT_MAX_RECORD;
	/* json-c takes lengths as int. */
	if (r->o.max_record > (1ull << 30))
		r->o.max_record = 1ull << 30;
	if (!r->o.max_member)
		r->o.max_member = FMT_DEFAULT_MAX_MEMBER;
	if (!r->o.max_ratio)
		r->o.max_ratio = FMT_DEFAULT_MAX_RATIO;
	fields_init(&r->fields, r->o.fields, r->o.fields ? r->o.nfields : 0);
	for (int i = 0; i < FMT_NROLES; i++)
		r->d.rank[i] = -1;
	if (sbuf_addstr(&r->path, path ? path : "") ||
	    sbuf_addstr(&r->lname[0], path ? path : "")) {
		*err = "out of memory";
		return -ENOMEM;
	}
	if (r->o.resume) {
		r->kind = FMT_JSONL;
		return 0;
	}
	int rc = fin_fill(&r->file, FIN_HEAD);
	if (rc) {
		*err = rc == -ENOMEM ? "out of memory" :
			r->file.why ? r->file.why : "read error";
		return rc;
	}
	r->kind = fmt_sniff(path, fin_data(&r->file), fin_avail(&r->file));
	return 0;
}

int fmt_open(struct fmt_ctx *c, int fd, const char *path,
	     const struct fmt_opts *opts, struct fmt_reader **out,
	     const char **err)
{
	struct fmt_reader *r = calloc(1, sizeof(*r));
	*out = NULL;
	*err = NULL;
	if (!r) {
		*err = "out of memory";
		return -ENOMEM;
	}
	uint64_t pos = 0;
	if (opts && opts->resume) {
		off_t o = lseek(fd, (off_t)opts->resume->offset, SEEK_SET);
		if (o < 0) {
			int e = errno;
			free(r);
			*err = "cannot seek to the resume mark";
			return -e;
		}
		pos = opts->resume->offset;
	}
	fin_fd(&r->file, fd, pos, &r->st.read);
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		r->st.size = (uint64_t)st.st_size;
	int rc = open_common(r, c, path, opts, err);
	if (rc) {
		fmt_close(r);
		return rc;
	}
	r->fd = fd;
	if (r->kind == FMT_JSONL && S_ISREG(st.st_mode)) {
		r->plain_jsonl = true;
		r->good_offset = pos;
		r->good_lines = opts && opts->resume ? opts->resume->lines : 0;
	}
	*out = r;
	return 0;
}

int fmt_open_mem(struct fmt_ctx *c, const void *data, size_t len,
		 const char *path, const struct fmt_opts *opts,
		 struct fmt_reader **out, const char **err)
{
	struct fmt_reader *r = calloc(1, sizeof(*r));
	*out = NULL;
	*err = NULL;
	if (!r) {
		*err = "out of memory";
		return -ENOMEM;
	}
	fin_mem(&r->file, data, len);
	r->st.read = r->st.size = len;
	struct fmt_opts o = opts ? *opts : (struct fmt_opts){0};
	o.resume = NULL;
	int rc = open_common(r, c, path, &o, err);
	if (rc) {
		fmt_close(r);
		return rc;
	}
	*out = r;
	return 0;
}

enum fmt_kind fmt_reader_kind(const struct fmt_reader *r)
{
	return r->kind;
}

void fmt_reader_stats(const struct fmt_reader *r, struct fmt_stats *st)
{
	*st = r->st;
	st->expanded = r->expanded_done + (!r->depth ? 0 : r->is_gz[0] ?
					     r->gz[0].out : r->arc[0].out);
	if (!st->expanded && r->started && !container(r->kind))
		st->expanded = st->read;
}

void fmt_close(struct fmt_reader *r)
{
	if (!r)
		return;
	while (r->depth)
		pop(r);
	for (int i = 0; i < FMT_MAX_DEPTH; i++) {
		farc_close(&r->arc[i]);
		fgz_close(&r->gz[i]);
		fin_release(&r->ain[i]);
	}
	for (int i = 0; i <= FMT_MAX_DEPTH; i++)
		sbuf_release(&r->lname[i]);
	fin_release(&r->file);
	jstate_free(r->js);
	cstate_free(r->cs);
	wstate_free(r->ws);
	drec_release(&r->d);
	sbuf_release(&r->path);
	sbuf_release(&r->member);
	sbuf_release(&r->raw);
	sbuf_release(&r->text);
	sbuf_release(&r->scratch);
	sbuf_release(&r->msg);
	free(r);
}
