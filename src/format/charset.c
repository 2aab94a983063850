/*
 * A page's character encoding, decided as browsers decide it, and its
 * decoding to UTF-8 (with the C library's iconv for the legacy ones).
 *
 * Order: the transport's charset (HTTP Content-Type, from a WARC record),
 * a byte order mark, a <meta charset> or http-equiv Content-Type in the
 * head, else Windows-1252. Browsers also guess when nothing is declared;
 * for a saved page the one guess that is nearly never wrong is kept:
 * bytes that are valid UTF-8 are UTF-8. Labels map as the WHATWG
 * Encoding standard maps them (latin1 and ascii mean windows-1252, gb2312
 * means GBK, a declared UTF-16 in a meta tag means UTF-8).
 */
#include "internal.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

struct label {
	const char *label;	/* lower case */
	const char *name;	/* canonical, as fmt_html_charset() says it */
	const char *iconv;	/* iconv_open name; NULL: handled here */
};

static const struct label labels[] = {
	{"utf-8", "UTF-8", NULL},
	{"utf8", "UTF-8", NULL},
	{"unicode-1-1-utf-8", "UTF-8", NULL},
	{"x-unicode20utf8", "UTF-8", NULL},
	/* A meta tag cannot honestly declare UTF-16: the spec reads UTF-8. */
	{"utf-16", "UTF-8", NULL},
	{"utf-16le", "UTF-8", NULL},
	{"utf-16be", "UTF-8", NULL},
	{"windows-1252", "windows-1252", NULL},
	{"cp1252", "windows-1252", NULL},
	{"x-cp1252", "windows-1252", NULL},
	{"iso-8859-1", "windows-1252", NULL},
	{"iso8859-1", "windows-1252", NULL},
	{"iso_8859-1", "windows-1252", NULL},
	{"latin1", "windows-1252", NULL},
	{"l1", "windows-1252", NULL},
	{"ascii", "windows-1252", NULL},
	{"us-ascii", "windows-1252", NULL},
	{"cp819", "windows-1252", NULL},
	{"ibm819", "windows-1252", NULL},
	{"iso-8859-2", "ISO-8859-2", "ISO-8859-2"},
	{"latin2", "ISO-8859-2", "ISO-8859-2"},
	{"iso-8859-3", "ISO-8859-3", "ISO-8859-3"},
	{"iso-8859-4", "ISO-8859-4", "ISO-8859-4"},
	{"iso-8859-5", "ISO-8859-5", "ISO-8859-5"},
	{"iso-8859-6", "ISO-8859-6", "ISO-8859-6"},
	{"iso-8859-7", "ISO-8859-7", "ISO-8859-7"},
	{"iso-8859-8", "ISO-8859-8", "ISO-8859-8"},
	{"iso-8859-9", "windows-1254", "WINDOWS-1254"},
	{"latin5", "windows-1254", "WINDOWS-1254"},
	{"iso-8859-10", "ISO-8859-10", "ISO-8859-10"},
	{"iso-8859-13", "ISO-8859-13", "ISO-8859-13"},
	{"iso-8859-15", "ISO-8859-15", "ISO-8859-15"},
	{"latin9", "ISO-8859-15", "ISO-8859-15"},
	{"iso-8859-16", "ISO-8859-16", "ISO-8859-16"},
	{"windows-1250", "windows-1250", "WINDOWS-1250"},
	{"windows-1251", "windows-1251", "WINDOWS-1251"},
	{"windows-1253", "windows-1253", "WINDOWS-1253"},
	{"windows-1254", "windows-1254", "WINDOWS-1254"},
	{"windows-1255", "windows-1255", "WINDOWS-1255"},
	{"windows-1256", "windows-1256", "WINDOWS-1256"},
	{"windows-1257", "windows-1257", "WINDOWS-1257"},
	{"windows-1258", "windows-1258", "WINDOWS-1258"},
	{"windows-874", "windows-874", "CP874"},
	{"tis-620", "windows-874", "CP874"},
	{"koi8-r", "KOI8-R", "KOI8-R"},
	{"koi8-u", "KOI8-U", "KOI8-U"},
	{"shift_jis", "Shift_JIS", "CP932"},
	{"shift-jis", "Shift_JIS", "CP932"},
	{"sjis", "Shift_JIS", "CP932"},
	{"x-sjis", "Shift_JIS", "CP932"},
	{"ms_kanji", "Shift_JIS", "CP932"},
	{"windows-31j", "Shift_JIS", "CP932"},
	{"euc-jp", "EUC-JP", "EUC-JP"},
	{"iso-2022-jp", "ISO-2022-JP", "ISO-2022-JP"},
	{"gb2312", "GBK", "GB18030"},
	{"gbk", "GBK", "GB18030"},
	{"x-gbk", "GBK", "GB18030"},
	{"gb_2312-80", "GBK", "GB18030"},
	{"chinese", "GBK", "GB18030"},
	{"gb18030", "gb18030", "GB18030"},
	{"big5", "Big5", "BIG5-HKSCS"},
	{"big5-hkscs", "Big5", "BIG5-HKSCS"},
	{"euc-kr", "EUC-KR", "CP949"},
	{"ks_c_5601-1987", "EUC-KR", "CP949"},
	{"windows-949", "EUC-KR", "CP949"},
};

static const struct label *find_label(const char *s, size_t len)
{
	while (len && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
		       *s == '\f' || *s == '"' || *s == '\'')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
		       s[len - 1] == '\n' || s[len - 1] == '\r' ||
		       s[len - 1] == '"' || s[len - 1] == '\'' ||
		       s[len - 1] == ';'))
		len--;
	for (size_t i = 0; i < NFS_ARRAY_SIZE(labels); i++)
		if (strlen(labels[i].label) == len &&
		    strncasecmp(labels[i].label, s, len) == 0)
			return &labels[i];
	return NULL;
}

/* The charset named in a Content-Type value ("text/html; charset=x"). */
static const struct label *content_type_charset(const char *s, size_t len)
{
	const char *end = s + len;
	for (const char *p = s; p + 7 <= end; p++) {
		if (strncasecmp(p, "charset", 7) != 0)
			continue;
		const char *q = p + 7;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if (q >= end || *q != '=')
			continue;
		q++;
		while (q < end && (*q == ' ' || *q == '\t' || *q == '"' ||
				   *q == '\''))
			q++;
		const char *v = q;
		while (q < end && *q != ';' && *q != '"' && *q != '\'' &&
		       *q != ' ' && *q != '\t')
			q++;
		return find_label(v, (size_t)(q - v));
	}
	return NULL;
}

/* One attribute of a tag in the prescan: name and value as ranges. */
struct pattr {
	const char *name, *value;
	size_t nlen, vlen;
};

static bool is_sp(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Read the attribute at *pp (before end); false at the tag's end. */
static bool next_attr(const char **pp, const char *end, struct pattr *a)
{
	const char *p = *pp;
	while (p < end && (is_sp(*p) || *p == '/'))
		p++;
	if (p >= end || *p == '>')
		return false;
	a->name = p;
	while (p < end && !is_sp(*p) && *p != '=' && *p != '>' && *p != '/')
		p++;
	a->nlen = (size_t)(p - a->name);
	while (p < end && is_sp(*p))
		p++;
	a->value = p;
	a->vlen = 0;
	if (p < end && *p == '=') {
		p++;
		while (p < end && is_sp(*p))
			p++;
		if (p < end && (*p == '"' || *p == '\'')) {
			char q = *p++;
			a->value = p;
			while (p < end && *p != q)
				p++;
			a->vlen = (size_t)(p - a->value);
			if (p < end)
				p++;
		} else {
			a->value = p;
			while (p < end && !is_sp(*p) && *p != '>')
				p++;
			a->vlen = (size_t)(p - a->value);
		}
	}
	*pp = p;
	return true;
}

static bool attr_is(const struct pattr *a, const char *name)
{
	return a->nlen == strlen(name) && strncasecmp(a->name, name, a->nlen) == 0;
}

/* The meta tag starting after "<meta" at p: its charset, if it has one. */
static const struct label *meta_charset(const char **pp, const char *end)
{
	struct pattr a;
	const struct label *charset = NULL, *content = NULL;
	bool http_ct = false;
	while (next_attr(pp, end, &a)) {
		if (attr_is(&a, "charset") && !charset)
			charset = find_label(a.value, a.vlen);
		else if (attr_is(&a, "http-equiv"))
			http_ct = a.vlen == 12 &&
				strncasecmp(a.value, "content-type", 12) == 0;
		else if (attr_is(&a, "content") && !content)
			content = content_type_charset(a.value, a.vlen);
	}
	if (charset)
		return charset;
	return http_ct ? content : NULL;
}

/* How far the meta prescan reads when the head has not ended before. */
#define PRESCAN_MAX (64u << 10)

static const struct label *prescan(const char *s, size_t len)
{
	const char *p = s, *end = s + (len < PRESCAN_MAX ? len : PRESCAN_MAX);
	while (p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p));
		if (!lt)
			break;
		p = lt + 1;
		size_t left = (size_t)(end - p);
		if (left >= 3 && memcmp(p, "!--", 3) == 0) {
			const char *q = p + 3;
			while (q + 3 <= end && memcmp(q, "-->", 3) != 0)
				q++;
			p = q + 3;
		} else if (left >= 5 && strncasecmp(p, "meta", 4) == 0 &&
			   (is_sp(p[4]) || p[4] == '/')) {
			p += 4;
			const struct label *l = meta_charset(&p, end);
			if (l)
				return l;
		} else if ((left >= 5 && strncasecmp(p, "body", 4) == 0 &&
			    (is_sp(p[4]) || p[4] == '>')) ||
			   (left >= 5 && strncasecmp(p, "/head", 5) == 0)) {
			break;
		}
	}
	return NULL;
}

static const struct label utf8_label = {"utf-8", "UTF-8", NULL};
static const struct label cp1252_label = {"windows-1252", "windows-1252", NULL};

/* The _BARE kinds: UTF-16 said by the transport, without a BOM. */
enum bom { BOM_NONE, BOM_UTF8, BOM_UTF16LE, BOM_UTF16BE, BOM_UTF16LE_BARE,
	   BOM_UTF16BE_BARE };

static enum bom find_bom(const unsigned char *s, size_t len)
{
	if (len >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf)
		return BOM_UTF8;
	if (len >= 2 && s[0] == 0xff && s[1] == 0xfe)
		return BOM_UTF16LE;
	if (len >= 2 && s[0] == 0xfe && s[1] == 0xff)
		return BOM_UTF16BE;
	return BOM_NONE;
}

static bool has_non_ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return true;
	return false;
}

static const struct label *decide(const char *s, size_t len,
				  const char *http, enum bom *bom)
{
	const struct label *l = NULL;
	*bom = BOM_NONE;
	/* From the transport, UTF-16 means UTF-16 (only a meta tag
	 * declaring it is read as UTF-8). */
	if (http && strncasecmp(http, "utf-16", 6) == 0) {
		bool be = strcasecmp(http + 6, "be") == 0;
		enum bom own = find_bom((const unsigned char *)s, len);
		*bom = own == BOM_UTF16LE || own == BOM_UTF16BE ? own :
			be ? BOM_UTF16BE_BARE : BOM_UTF16LE_BARE;
		return NULL;
	}
	if (http && (l = find_label(http, strlen(http))) != NULL)
		return l;
	*bom = find_bom((const unsigned char *)s, len);
	if (*bom == BOM_UTF8)
		return &utf8_label;
	if (*bom != BOM_NONE)
		return NULL;	/* UTF-16, by its BOM */
	/* Bytes that are valid UTF-8 with some non-ASCII in them are UTF-8
	 * whatever a meta tag says: no legacy text of any length is valid
	 * UTF-8 by chance, while saved pages re-encoded to UTF-8 with their
	 * old declaration left in are common. */
	bool valid = utf8_valid(s, len);
	if (valid && has_non_ascii(s, len))
		return &utf8_label;
	if ((l = prescan(s, len)) != NULL)
		return l;
	return valid ? &utf8_label : &cp1252_label;
}

const char *fmt_html_charset(const void *data, size_t len,
			     const char *http_charset)
{
	enum bom bom;
	const struct label *l = decide(data, len, http_charset, &bom);
	if (!l)
		return bom == BOM_UTF16LE || bom == BOM_UTF16LE_BARE ?
			"UTF-16LE" : "UTF-16BE";
	return l->name;
}

static int add_fffd(struct sbuf *out)
{
	return sbuf_add(out, "\xef\xbf\xbd", 3);
}

/* Copy UTF-8 with each byte that starts no valid character as U+FFFD. */
static int utf8_repair(const char *s, size_t len, struct sbuf *out)
{
	size_t i = 0, run = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t k = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 :
			   c >= 0xe0 && c <= 0xef ? 3 :
			   c >= 0xf0 && c <= 0xf4 ? 4 : 0;
		if (k && i + k <= len && (k == 1 || utf8_valid(s + i, k))) {
			i += k;
			continue;
		}
		if (sbuf_add(out, s + run, i - run) || add_fffd(out))
			return -ENOMEM;
		run = ++i;
	}
	return sbuf_add(out, s + run, len - run);
}

static int iconv_decode(const char *from, const char *s, size_t len,
			struct sbuf *out)
{
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return cp1252_to_utf8(out, s, len);
	int rc = 0;
	char *in = (char *)s;
	size_t inleft = len;
	while (inleft && !rc) {
		if ((rc = sbuf_grow(out, inleft * 2 + 64)) != 0)
			break;
		char *o = out->buf + out->len;
		size_t oleft = out->cap - out->len - 1;
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);
		out->len = (size_t)(o - out->buf);
		out->buf[out->len] = '\0';
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		/* EILSEQ, or EINVAL for a sequence cut by the end. */
		rc = add_fffd(out);
		in++;
		inleft--;
		if (errno == EINVAL) {
			in += inleft;
			inleft = 0;
		}
	}
	iconv_close(cd);
	return rc;
}

/* NUL bytes would end strings early in the parser: make them spaces. */
static void nul_to_space(char *s, size_t len)
{
	for (char *p = memchr(s, '\0', len); p; p = memchr(p, '\0', len - (size_t)(p - s)))
		*p = ' ';
}

int charset_decode(const char *raw, size_t len, const char *http_charset,
		   struct sbuf *out, const char **text, size_t *text_len)
{
	enum bom bom;
	const struct label *l = decide(raw, len, http_charset, &bom);
	int rc = 0;
	sbuf_reset(out);
	if (!l) {
		bool le = bom == BOM_UTF16LE || bom == BOM_UTF16LE_BARE;
		size_t skip = bom == BOM_UTF16LE || bom == BOM_UTF16BE ? 2 : 0;
		rc = iconv_decode(le ? "UTF-16LE" : "UTF-16BE", raw + skip,
				  len - skip, out);
	} else if (l->iconv) {
		rc = iconv_decode(l->iconv, raw, len, out);
	} else if (l->name == utf8_label.name ||
		   strcmp(l->name, "UTF-8") == 0) {
		if (bom == BOM_UTF8) {
			raw += 3;
			len -= 3;
		}
		if (utf8_valid(raw, len) && !memchr(raw, '\0', len)) {
			*text = raw;
			*text_len = len;
			return 0;
		}
		rc = utf8_repair(raw, len, out);
	} else {
		rc = cp1252_to_utf8(out, raw, len);
	}
	if (rc)
		return rc;
	if (sbuf_addch(out, '\0'))	/* a buffer even when empty */
		return -ENOMEM;
	out->len--;
	nul_to_space(out->buf, out->len);
	*text = out->buf;
	*text_len = out->len;
	return 0;
}
