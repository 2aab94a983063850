/*
 * The option parser every command shares: one table per command, read by
 * getopt_long(3) in GNU's permuting mode, so that options may follow
 * operands (`newsfs index src --db my.db`, as sshfs and every GNU tool
 * take them) and "--" ends the options. The tables are turned into
 * getopt's own here, so that a command lists each option once.
 */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* More options than any command has, plus --help and the end mark. */
#define MAX_OPTS 32

static size_t count(const struct cli_opt *opts)
{
	size_t n = 0;
	while (opts && opts[n].name)
		n++;
	return n;
}

/* getopt_long's tables from ours; --help and -h are always there. A
 * leading ':' makes getopt say ':' for a missing argument. */
static void build(const struct cli_opt *opts, struct option *lo,
		  char *shorts)
{
	size_t n = count(opts), s = 0;
	shorts[s++] = ':';
	shorts[s++] = 'h';
	for (size_t i = 0; i < n; i++) {
		lo[i] = (struct option){opts[i].name,
					opts[i].arg ? required_argument
						    : no_argument,
					NULL, opts[i].key};
		if (opts[i].key > 0 && opts[i].key < 128) {
			shorts[s++] = (char)opts[i].key;
			if (opts[i].arg)
				shorts[s++] = ':';
		}
	}
	lo[n] = (struct option){"help", no_argument, NULL, 'h'};
	lo[n + 1] = (struct option){NULL, 0, NULL, 0};
	shorts[s] = '\0';
}

/* How the user spelled the option getopt_long just refused. */
static const char *spelled(int argc, char **argv)
{
	return optind > 0 && optind <= argc ? argv[optind - 1] : "?";
}

static const struct cli_opt *find(const struct cli_opt *opts, int key)
{
	for (size_t i = 0; opts && opts[i].name; i++)
		if (opts[i].key == key)
			return &opts[i];
	return NULL;
}

int cli_getopt(int argc, char **argv, const char *usage,
	       const struct cli_opt *opts, cli_opt_fn fn, void *ctx,
	       int *first)
{
	struct option lo[MAX_OPTS + 2];
	char shorts[3 * MAX_OPTS + 3];
	if (count(opts) > MAX_OPTS)
		abort();	/* a table too long is a programming error */
	build(opts, lo, shorts);
	const char *cmd = argv[0];
	int c;
	optind = 0;	/* 0, not 1: getopt starts afresh, as each test of
			 * a command in one process needs */
	opterr = 0;
	while ((c = getopt_long(argc, argv, shorts, lo, NULL)) != -1) {
		if (c == 'h' && !find(opts, 'h')) {
			fputs(usage, stdout);
			return -1;
		}
		if (c == '?')
			return cli_usage_error(cmd, "unknown option '%s'",
					       spelled(argc, argv));
		if (c == ':') {
			const struct cli_opt *o = find(opts, optopt);
			return cli_usage_error(cmd, "option '%s' needs an argument, %s",
					       spelled(argc, argv),
					       o ? o->arg : "a value");
		}
		int rc = fn(ctx, c, optarg);
		if (rc)
			return rc;
	}
	*first = optind;
	return 0;
}

int cli_no_operands(const char *cmd, int argc, char **argv, int first)
{
	if (first < argc)
		return cli_usage_error(cmd, "unexpected argument '%s'",
				       argv[first]);
	return 0;
}
