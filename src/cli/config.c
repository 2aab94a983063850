/*
 * The configuration file: `key = value` lines, read once per command.
 *
 *   # the index every command uses without --db
 *   index = ~/news/index.db
 *   exclude = *.jpg
 *   exclude = raw/
 *   log = ~/.local/state/newsfs/newsfs.log
 *   corrections = ~/news/corrections.tsv
 *
 * Blank lines and lines whose first non-blank character is '#' are
 * skipped; white space around keys and values is not part of them, and
 * nothing else is special (a '#' inside a value is kept: globs may hold
 * one). Paths are absolute or start with "~/". Every bad line is reported
 * with its number, and then the command stops before doing anything: a
 * misspelt key, ignored, would mean an index built without its excludes.
 * Where options, the environment and this file disagree, the command
 * line wins, then the environment, then the file.
 */
#include "cli.h"

#include <errno.h>
#include <pwd.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct cli_config config;
static bool loaded;
static char file_path[4096];

/* $HOME, else the password database's; NULL if neither. */
static const char *cli_home(void)
{
	const char *home = getenv("HOME");
	if (home && *home)
		return home;
	struct passwd *pw = getpwuid(getuid());
	return pw ? pw->pw_dir : NULL;
}

bool cli_xdg_path(char *buf, size_t n, const char *var, const char *dflt,
		  const char *rest)
{
	const char *xdg = getenv(var);
	const char *home = cli_home();
	/* The XDG spec: a relative value is invalid, and ignored. */
	if (xdg && xdg[0] == '/')
		snprintf(buf, n, "%s/%s", xdg, rest);
	else if (home)
		snprintf(buf, n, "%s/%s/%s", home, dflt, rest);
	else
		return false;
	return true;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t len = strlen(s);
	while (len && strchr(" \t\r\n", s[len - 1]))
		s[--len] = '\0';
	return s;
}

static int bad(int line, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int bad(int line, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "newsfs: %s:%d: ", file_path, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

/* A path value: absolute, or below the home folder. */
static int path_value(int line, const char *key, const char *v, char **out)
{
	if (v[0] == '/') {
		*out = strdup(v);
	} else if (v[0] == '~' && (v[1] == '/' || v[1] == '\0')) {
		const char *home = cli_home();
		if (!home)
			return bad(line, "%s: starts with ~ but there is no "
				   "home folder", key);
		size_t len = strlen(home) + strlen(v);
		if ((*out = malloc(len)))
			snprintf(*out, len, "%s%s", home, v + 1);
	} else {
		return bad(line, "%s: '%s' is not an absolute path (nor one "
			   "that starts with ~/)", key, v);
	}
	return *out ? 0 : -ENOMEM;
}

/* The keys that hold one path each, and where each was set. */
static const struct {
	const char *key;
	size_t off;
	bool read_later;	/* a file a later newsfs reads */
} path_keys[] = {
	{"index", offsetof(struct cli_config, index), false},
	{"log", offsetof(struct cli_config, log), false},
	{"corrections", offsetof(struct cli_config, corrections), true},
};

static int set_path(int line, size_t k, const char *value, int *seen)
{
	const char *key = path_keys[k].key;
	char **slot = (char **)((char *)&config + path_keys[k].off);
	if (seen[k])
		return bad(line, "%s is set again (first on line %d)", key,
			   seen[k]);
	int rc = path_value(line, key, value, slot);
	if (rc)
		return rc;
	seen[k] = line;
	/* Read by a later newsfs; a folder or an unreadable file is an
	 * error now rather than then. */
	struct stat st;
	if (path_keys[k].read_later && stat(*slot, &st) == 0 &&
	    (!S_ISREG(st.st_mode) || access(*slot, R_OK) != 0))
		return bad(line, "corrections: %s is not a file newsfs can "
			   "read", *slot);
	return 0;
}

static int add_exclude(int line, const char *value)
{
	if (!*value)
		return bad(line, "exclude: empty pattern");
	char **v = realloc(config.exclude,
			   (config.nexclude + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	config.exclude = v;
	if (!(v[config.nexclude] = strdup(value)))
		return -ENOMEM;
	config.nexclude++;
	return 0;
}

static int parse_line(int line, char *s, int *seen)
{
	s = trim(s);
	if (!*s || *s == '#')
		return 0;
	char *eq = strchr(s, '=');
	if (!eq)
		return bad(line, "'%s' is not a 'key = value' line", s);
	*eq = '\0';
	char *key = trim(s), *value = trim(eq + 1);
	for (size_t k = 0; k < sizeof(path_keys) / sizeof(path_keys[0]); k++)
		if (strcmp(key, path_keys[k].key) == 0)
			return *value ? set_path(line, k, value, seen)
				      : bad(line, "%s: no value", key);
	if (strcmp(key, "exclude") == 0)
		return add_exclude(line, value);
	return bad(line, "unknown key '%s' (newsfs knows index, exclude, "
		   "log and corrections)", key);
}

static int read_file(FILE *f)
{
	char *buf = NULL;
	size_t cap = 0;
	int line = 0, errors = 0, rc = 0, seen[3] = {0};
	ssize_t len;
	while ((len = getline(&buf, &cap, f)) >= 0) {
		line++;
		rc = (size_t)len != strlen(buf) ? bad(line, "a NUL byte")
						: parse_line(line, buf, seen);
		if (rc < 0)
			break;
		errors += rc;
	}
	free(buf);
	if (rc < 0)
		return cli_error("%s: %s", file_path, strerror(-rc));
	if (ferror(f)) {
		cli_error("%s: cannot read it", file_path);
		return CLI_USAGE;
	}
	return errors ? CLI_USAGE : 0;
}

int cli_config(const struct cli_config **out)
{
	static int status;
	*out = &config;
	if (loaded)
		return status;
	loaded = true;
	const char *env = getenv("NEWSFS_CONFIG");
	if (env)
		snprintf(file_path, sizeof(file_path), "%s", env);
	else if (!cli_xdg_path(file_path, sizeof(file_path),
			       "XDG_CONFIG_HOME", ".config", "newsfs/config"))
		return 0;		/* no home: no file */
	if (!file_path[0])
		return 0;		/* NEWSFS_CONFIG= : none */
	FILE *f = fopen(file_path, "re");
	if (!f && !env && (errno == ENOENT || errno == ENOTDIR))
		return 0;
	/* A home folder of another user's (sudo -u, setpriv): as git does,
	 * say so and go on without it. One named by NEWSFS_CONFIG must be
	 * read. */
	if (!f && !env && errno == EACCES) {
		fprintf(stderr, "newsfs: warning: %s: %s; going on without "
			"it\n", file_path, strerror(errno));
		return 0;
	}
	if (!f) {
		cli_error("%s: %s", file_path, strerror(errno));
		return status = CLI_USAGE;
	}
	config.file = file_path;
	status = read_file(f);
	fclose(f);
	return status;
}
