/*
 * WARC files (ISO 28500; WARC/1.0 and 1.1), read record by record from a
 * stream (libarchive decompresses a .warc.gz in front of it: each record
 * its own gzip member, read as one stream).
 *
 * Why not libarchive's WARC reader: it reads WARC 0.12 to 1.0 only
 * (WARC/1.1 files are refused), keeps of WARC-Target-URI only the path
 * after the host, silently drops records whose URI ends in '/', and
 * exposes neither the record's Content-Type nor its number. The header
 * block is `Name: value` lines, as in HTTP; reading it strictly here is a
 * few dozen lines.
 *
 * A `response` record whose HTTP payload is an HTML page with status 2xx
 * is a page, and so is a `resource` record of type text/html. The HTTP
 * headers are read for the status, Content-Type (its charset wins over
 * the page's own declaration), Transfer-Encoding: chunked and
 * Content-Encoding: gzip; the page then goes through fmt_html().
 */
#include "reader.h"
#include "ctx.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define WARC_MAX_HEADER (1u << 20)
#define HTTP_MAX_HEADER (256u << 10)

struct wstate {
	struct sbuf type, uri, date, ctype, charset, id;
	uint64_t len;
	bool have_len;
};

void wstate_free(struct wstate *w)
{
	if (!w)
		return;
	sbuf_release(&w->type);
	sbuf_release(&w->uri);
	sbuf_release(&w->date);
	sbuf_release(&w->ctype);
	sbuf_release(&w->charset);
	sbuf_release(&w->id);
	free(w);
}

static int set(struct sbuf *sb, const char *s, size_t n)
{
	sbuf_reset(sb);
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	if (sbuf_add(sb, s, n) || (!sb->buf && sbuf_addch(sb, '\0')))
		return -ENOMEM;
	if (!n)
		sb->len = 0;
	return 0;
}

static bool token_char(unsigned char c)
{
	return c > 32 && c < 127 && !strchr("()<>@,;:\\\"/[]?={}", c);
}

/* "Name: value" of a header line; false when it is no such line. */
static bool field(const char *line, size_t len, const char **name,
		  size_t *nlen, const char **val, size_t *vlen)
{
	size_t i = 0;
	while (i < len && token_char((unsigned char)line[i]))
		i++;
	if (i == 0 || i >= len || line[i] != ':')
		return false;
	*name = line;
	*nlen = i;
	*val = line + i + 1;
	*vlen = len - i - 1;
	return true;
}

static bool is(const char *name, size_t n, const char *want)
{
	return strlen(want) == n && strncasecmp(name, want, n) == 0;
}

static bool parse_len(const char *s, size_t n, uint64_t *out)
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	if (!n || n > 18)
		return false;
	uint64_t v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	*out = v;
	return true;
}

/* The charset parameter of a Content-Type value, into out. */
static int charset_of(const char *ct, struct sbuf *out)
{
	sbuf_reset(out);
	const char *p = text_istr(ct, "charset=");
	if (!p)
		return 0;
	p += 8;
	if (*p == '"' || *p == '\'')
		p++;
	size_t n = strcspn(p, "\"'; \t");
	return n && n < 40 ? set(out, p, n) : 0;
}

static bool html_type(const char *ct)
{
	while (*ct == ' ')
		ct++;
	return strncasecmp(ct, "text/html", 9) == 0 ||
		strncasecmp(ct, "application/xhtml+xml", 21) == 0;
}

/* Read the WARC header block: 1, 0 at the end of the stream, or an
 * error with *reason. */
static int read_header(struct fmt_reader *r, struct wstate *w,
		       const char **reason)
{
	struct fin *in = r->in;
	/* Records are separated by CRLF CRLF; be lenient about how many. */
	for (;;) {
		if (fin_fill(in, 1))
			break;
		if (!fin_avail(in))
			return 0;
		const char *p = fin_data(in);
		if (*p != '\r' && *p != '\n')
			break;
		fin_consume(in, 1);
	}
	/* A damaged stream's error waits until the bytes before it are
	 * read: records before the damage stand. */
	if (in->err && !fin_avail(in)) {
		*reason = reader_msg(r, "%s", in->why ? in->why : "read error");
		return in->err;
	}
	sbuf_reset(&w->type);
	sbuf_reset(&w->uri);
	sbuf_reset(&w->date);
	sbuf_reset(&w->ctype);
	sbuf_reset(&w->id);
	w->have_len = false;
	size_t total = 0;
	bool first = true;
	struct sbuf *last = NULL;
	for (;;) {
		const char *line;
		size_t len;
		bool nl;
		int rc = fin_line(in, WARC_MAX_HEADER, &line, &len, &nl);
		if (rc == 0 || (rc > 0 && !nl)) {
			*reason = reader_msg(r, "truncated: the file ends inside "
					     "the record's header");
			return -EIO;
		}
		if (rc < 0) {
			*reason = rc == -E2BIG ?
				reader_msg(r, "a header line longer than %u bytes",
					   WARC_MAX_HEADER) :
				reader_msg(r, "%s", in->why ? in->why : "read error");
			return rc == -E2BIG ? -EINVAL : rc;
		}
		total += len + 1;
		if (total > WARC_MAX_HEADER) {
			*reason = reader_msg(r, "a header longer than %u bytes",
					     WARC_MAX_HEADER);
			return -EINVAL;
		}
		if (len && line[len - 1] == '\r')
			len--;
		if (first) {
			first = false;
			if (len < 8 || memcmp(line, "WARC/", 5) != 0 ||
			    line[5] < '0' || line[5] > '9') {
				*reason = reader_msg(r, "no WARC record here (a "
						     "record starts with "
						     "\"WARC/1.0\"); the rest "
						     "of the file is not read");
				return -EINVAL;
			}
			continue;
		}
		if (len == 0)
			break;
		if (line[0] == ' ' || line[0] == '\t') {
			/* A folded value continues the last field. */
			if (last && (sbuf_addch(last, ' ') ||
				     sbuf_add(last, line, len)))
				return -ENOMEM;
			continue;
		}
		const char *name, *val;
		size_t nlen, vlen;
		if (!field(line, len, &name, &nlen, &val, &vlen)) {
			*reason = reader_msg(r, "malformed header line (no "
					     "\"Name: value\")");
			return -EINVAL;
		}
		last = NULL;
		int e = 0;
		if (is(name, nlen, "WARC-Type"))
			e = set(last = &w->type, val, vlen);
		else if (is(name, nlen, "WARC-Target-URI"))
			e = set(last = &w->uri, val, vlen);
		else if (is(name, nlen, "WARC-Date"))
			e = set(last = &w->date, val, vlen);
		else if (is(name, nlen, "Content-Type"))
			e = set(last = &w->ctype, val, vlen);
		else if (is(name, nlen, "WARC-Record-ID"))
			e = set(last = &w->id, val, vlen);
		else if (is(name, nlen, "Content-Length")) {
			if (!parse_len(val, vlen, &w->len)) {
				*reason = reader_msg(r, "bad Content-Length");
				return -EINVAL;
			}
			w->have_len = true;
		}
		if (e)
			return -ENOMEM;
	}
	if (!w->have_len) {
		*reason = reader_msg(r, "no Content-Length");
		return -EINVAL;
	}
	if (w->uri.len && !utf8_valid(w->uri.buf, w->uri.len)) {
		bool fixed = false;
		sbuf_reset(&r->scratch);
		if (utf8_repair(&r->scratch, w->uri.buf, w->uri.len, &fixed) ||
		    set(&w->uri, r->scratch.buf, r->scratch.len))
			return -ENOMEM;
	}
	/* WARC/0.x and some writers put the URI in angle brackets. */
	if (w->uri.len >= 2 && w->uri.buf[0] == '<' &&
	    w->uri.buf[w->uri.len - 1] == '>') {
		memmove(w->uri.buf, w->uri.buf + 1, w->uri.len - 2);
		w->uri.len -= 2;
		w->uri.buf[w->uri.len] = '\0';
	}
	return 1;
}

/* Skip what is left of the block: 0, or -EIO when the file ends first. */
static int skip_block(struct fmt_reader *r, uint64_t left, const char **reason)
{
	uint64_t done;
	int rc = fin_skip(r->in, left, &done);
	if (rc) {
		*reason = reader_msg(r, "%s", r->in->why ? r->in->why :
				     "read error");
		return rc;
	}
	if (done < left) {
		*reason = reader_msg(r, "truncated: the file ends %llu bytes "
				     "into a block of %llu",
				     (unsigned long long)(done),
				     (unsigned long long)left);
		return -EIO;
	}
	return 0;
}

/* The HTTP response head at the start of a block: its length (to the
 * blank line), status, Content-Type and encodings. 0 when it is no HTTP
 * head. */
struct http {
	size_t head;
	int status;
	bool chunked, gzip, other_encoding;
	char ctype[128];
};

static size_t http_head(const char *p, size_t n, struct http *h)
{
	memset(h, 0, sizeof(*h));
	if (n < 12 || memcmp(p, "HTTP/", 5) != 0)
		return 0;
	const char *sp = memchr(p, ' ', n < 16 ? n : 16);
	if (!sp || sp + 4 > p + n || sp[1] < '1' || sp[1] > '5')
		return 0;
	h->status = (sp[1] - '0') * 100 + (sp[2] - '0') * 10 + (sp[3] - '0');
	const char *line = p;
	const char *end = p + n;
	for (;;) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		if (!nl)
			return 0;
		size_t len = (size_t)(nl - line);
		if (len && line[len - 1] == '\r')
			len--;
		if (line != p && len == 0) {
			h->head = (size_t)(nl + 1 - p);
			return h->head;
		}
		const char *name, *val;
		size_t nlen, vlen;
		if (line != p && field(line, len, &name, &nlen, &val, &vlen)) {
			while (vlen && (*val == ' ' || *val == '\t')) {
				val++;
				vlen--;
			}
			if (is(name, nlen, "Content-Type")) {
				size_t k = vlen < sizeof(h->ctype) - 1 ? vlen :
					sizeof(h->ctype) - 1;
				memcpy(h->ctype, val, k);
				h->ctype[k] = '\0';
			} else if (is(name, nlen, "Transfer-Encoding")) {
				h->chunked = vlen >= 7 &&
					strncasecmp(val, "chunked", 7) == 0;
			} else if (is(name, nlen, "Content-Encoding")) {
				if ((vlen >= 4 && !strncasecmp(val, "gzip", 4)) ||
				    (vlen >= 6 && !strncasecmp(val, "x-gzip", 6)))
					h->gzip = true;
				else if (!(vlen >= 8 &&
					   !strncasecmp(val, "identity", 8)))
					h->other_encoding = vlen > 0;
			}
		}
		line = nl + 1;
	}
}

/* Undo Transfer-Encoding: chunked in place (RFC 9112 7.1); false when
 * the body is not well-formed chunks (it is then left as it was). */
static bool dechunk(struct sbuf *b)
{
	char *p = b->buf, *end = b->buf + b->len, *out = b->buf;
	for (;;) {
		uint64_t n = 0;
		int digits = 0;
		while (p < end && digits < 16) {
			char c = *p;
			int v = c >= '0' && c <= '9' ? c - '0' :
				(c | 32) >= 'a' && (c | 32) <= 'f' ?
				(c | 32) - 'a' + 10 : -1;
			if (v < 0)
				break;
			n = n * 16 + (uint64_t)v;
			p++;
			digits++;
		}
		if (!digits)
			return false;
		char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return false;
		p = nl + 1;
		if (n == 0)
			break;
		if (n > (uint64_t)(end - p))
			return false;
		memmove(out, p, (size_t)n);
		out += n;
		p += n;
		if (p < end && *p == '\r')
			p++;
		if (p < end && *p == '\n')
			p++;
	}
	b->len = (size_t)(out - b->buf);
	b->buf[b->len] = '\0';
	return true;
}

static struct wstate *wstate(struct fmt_reader *r)
{
	if (!r->ws)
		r->ws = calloc(1, sizeof(*r->ws));
	return r->ws;
}

int warc_next(struct fmt_reader *r, struct fmt_record *rec,
	      const char **reason)
{
	struct wstate *w = wstate(r);
	struct fin *in = r->in;
	int rc;
	if (!w)
		return -ENOMEM;
	for (;;) {
		uint64_t off = in->pos;
		reader_loc(r, rec, FMT_LOC_WARC, r->n + 1, off);
		rc = read_header(r, w, reason);
		if (rc == 0)
			return FMT_END;
		if (rc < 0)
			return rc;
		r->n++;
		reader_loc(r, rec, FMT_LOC_WARC, r->n, off);
		rec->loc.uri = w->uri.len ? w->uri.buf : NULL;
		uint64_t left = w->len;
		bool response = w->type.len && !strcasecmp(w->type.buf, "response");
		bool resource = w->type.len && !strcasecmp(w->type.buf, "resource");
		if (!response && !resource) {
			r->st.other++;
			if ((rc = skip_block(r, left, reason)))
				return rc;
			continue;
		}
		struct http h = {0};
		const char *ctype = w->ctype.len ? w->ctype.buf : "";
		if (response) {
			size_t peekn = left < HTTP_MAX_HEADER ? (size_t)left :
				HTTP_MAX_HEADER;
			if ((rc = fin_fill(in, peekn))) {
				*reason = reader_msg(r, "%s", in->why ? in->why :
						     "read error");
				return rc;
			}
			size_t have = fin_avail(in) < peekn ? fin_avail(in) : peekn;
			if (!http_head(fin_data(in), have, &h) ||
			    h.status < 200 || h.status > 299 ||
			    !html_type(h.ctype)) {
				r->st.skipped++;
				if ((rc = skip_block(r, left, reason)))
					return rc;
				continue;
			}
			fin_consume(in, h.head);
			left -= h.head;
			ctype = h.ctype;
		} else if (!html_type(ctype)) {
			r->st.skipped++;
			if ((rc = skip_block(r, left, reason)))
				return rc;
			continue;
		}
		if (left > r->o.max_record) {
			if ((rc = skip_block(r, left, reason)))
				return rc;
			*reason = reader_msg(r, "a page of %llu bytes, over the "
					     "cap of %llu per record",
					     (unsigned long long)left,
					     (unsigned long long)r->o.max_record);
			return FMT_REJECT;
		}
		if ((rc = fin_fill(in, (size_t)left))) {
			*reason = reader_msg(r, "%s", in->why ? in->why :
					     "read error");
			return rc;
		}
		if (fin_avail(in) < left) {
			*reason = reader_msg(r, "truncated: the file ends %zu "
					     "bytes into a page of %llu",
					     fin_avail(in),
					     (unsigned long long)left);
			fin_consume(in, fin_avail(in));
			return -EIO;
		}
		sbuf_reset(&r->raw);
		if (sbuf_add(&r->raw, fin_data(in), (size_t)left) ||
		    (!r->raw.buf && sbuf_addch(&r->raw, '\0')))
			return -ENOMEM;
		fin_consume(in, (size_t)left);
		if (h.chunked)
			dechunk(&r->raw);
		if (h.other_encoding) {
			*reason = reader_msg(r, "the page's Content-Encoding is "
					     "not gzip: not decoded");
			return FMT_REJECT;
		}
		if (h.gzip) {
			rc = farc_gunzip(r->raw.buf, r->raw.len,
					 (size_t)r->o.max_record, &r->scratch);
			if (rc == -ENOMEM)
				return rc;
			if (rc) {
				*reason = reader_msg(r, rc == -EFBIG ?
						     "the gzip-encoded page "
						     "expands past the cap" :
						     "the gzip-encoded page is "
						     "damaged");
				return FMT_REJECT;
			}
			struct sbuf t = r->raw;
			r->raw = r->scratch;
			r->scratch = t;
		}
		if ((rc = charset_of(ctype, &w->charset)))
			return rc;
		struct fmt_input fi = {
			.path = r->path.buf, .data = r->raw.buf,
			.len = r->raw.len,
			.charset = w->charset.len ? w->charset.buf : NULL,
			.url = rec->loc.uri};
		struct fmt_locator loc = rec->loc;
		rc = fmt_html(r->c, &fi, rec, reason);
		rec->loc = loc;
		if (rc == -EINVAL)
			return FMT_REJECT;
		if (rc)
			return rc;
		rec->kind = FMT_HTML;
		rec->raw = r->raw.buf;
		rec->raw_len = r->raw.len;
		if (!rec->url)
			rec->url = rec->loc.uri;
		int32_t ymd = w->date.len ? hdate_parse(w->date.buf) : 0;
		if (ymd) {
			rec->container.ymd = ymd;
			rec->container.src = FMT_DATE_CONTAINER;
			snprintf(rec->container.why, sizeof(rec->container.why),
				 "WARC-Date");
			size_t n = utf8_trim(w->date.buf,
					     sizeof(rec->container.raw) - 1);
			memcpy(rec->container.raw, w->date.buf, n);
			rec->container.raw[n] = '\0';
		}
		return FMT_RECORD;
	}
}
