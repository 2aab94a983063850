/*
 * hdom_parse() on libxml2's HTML parser, through its SAX interface: no
 * libxml2 tree is built, the events go straight into our own tree. To
 * use another parser (gumbo, lexbor), write this one file again.
 *
 * The text given is valid UTF-8 already (charset.c decided and decoded
 * it), so the parser is told to ignore any encoding the page declares.
 */
#include "internal.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

static void on_start(void *ctx, const xmlChar *name, const xmlChar **attrs)
{
	hdom_open(ctx, (const char *)name, (const char *const *)attrs);
}

static void on_end(void *ctx, const xmlChar *name)
{
	(void)name;
	hdom_close(ctx);
}

static void on_text(void *ctx, const xmlChar *s, int len)
{
	if (len > 0)
		hdom_text(ctx, (const char *)s, (size_t)len);
}

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void init_libxml2(void)
{
	/* Once per process, before any thread parses. */
	xmlInitParser();
}

int hdom_parse(struct hdom *d, const char *utf8, size_t len)
{
	pthread_once(&init_once, init_libxml2);
	if (len > INT_MAX)
		return -EFBIG;
	if (len == 0)
		return 0;	/* libxml2 makes no context for nothing */
	htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(utf8, (int)len);
	if (!ctxt)
		return -ENOMEM;
	htmlSAXHandler sax;
	memset(&sax, 0, sizeof(sax));
	sax.startElement = on_start;
	sax.endElement = on_end;
	sax.characters = on_text;
	sax.ignorableWhitespace = on_text;
	sax.cdataBlock = on_text;	/* script and style content */
	memcpy(ctxt->sax, &sax, sizeof(sax));
	ctxt->userData = d;
	/* RECOVER: a script then ends only at "</script", as in HTML5;
	 * without it libxml2 ends one at any "</x" (a "</div>" in a string
	 * of the script), and the rest of the code becomes page text. */
	htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
			   HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
			   HTML_PARSE_IGNORE_ENC);
	xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
	htmlParseDocument(ctxt);
	if (ctxt->myDoc)
		xmlFreeDoc(ctxt->myDoc);
	htmlFreeParserCtxt(ctxt);
	return d->oom ? -ENOMEM : 0;
}
