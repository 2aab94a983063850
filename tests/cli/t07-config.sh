# The configuration file: ${XDG_CONFIG_HOME:-~/.config}/newsfs/config, or
# $NEWSFS_CONFIG; the command line wins, then the environment, then it.
. "$NEWSFS_TOP/tests/lib.sh"

CONF=$HOME/.config/newsfs/config
mkdir -p "$(dirname "$CONF")"
articles() { "$NEWSFS" stats --db "$1" | awk '$1 == "articles" { print $2 }'; }

expect 'index = names the index every command uses without --db' '
	printf "# my index\n\nindex = %s\n" "$T/conf.db" >"$CONF" &&
	"$NEWSFS" index -q "$SAMPLE" && test "$(articles "$T/conf.db")" = 5 &&
	"$NEWSFS" stats | grep -qx "articles *5" &&
	"$NEWSFS" export | grep -q "000_d4e11ae205ea5e0b" &&
	"$NEWSFS" check >/dev/null &&
	test ! -e "$HOME/.local/share/newsfs/index.db"'

expect '~/ in a path is the home folder, and blanks around = do not count' '
	printf "  index\t=   ~/tilde.db  \n" >"$CONF" &&
	"$NEWSFS" index -q "$SAMPLE/000_d4e11ae205ea5e0b.txt" &&
	test "$(articles "$HOME/tilde.db")" = 1'

expect '$NEWSFS_DB wins over the file, and --db over both' '
	printf "index = %s\n" "$T/conf.db" >"$CONF" &&
	NEWSFS_DB=$T/env.db "$NEWSFS" index -q "$SAMPLE/000_d4e11ae205ea5e0b.txt" &&
	test "$(articles "$T/env.db")" = 1 &&
	NEWSFS_DB=$T/env.db "$NEWSFS" index -q --db "$T/opt.db" \
		"$SAMPLE/001_c522d80f6b614471.txt" "$SAMPLE/002_c5ceba19f725f479.txt" &&
	test "$(articles "$T/opt.db")" = 2 && test "$(articles "$T/env.db")" = 1 &&
	test "$(articles "$T/conf.db")" = 5'

expect '$XDG_CONFIG_HOME moves the file; $NEWSFS_CONFIG names another' '
	mkdir -p "$T/xdg/newsfs" && printf "index = %s\n" "$T/xdg.db" >"$T/xdg/newsfs/config" &&
	XDG_CONFIG_HOME=$T/xdg "$NEWSFS" index -q "$SAMPLE/000_d4e11ae205ea5e0b.txt" &&
	test "$(articles "$T/xdg.db")" = 1 &&
	printf "index = %s\n" "$T/named.db" >"$T/named.conf" &&
	NEWSFS_CONFIG=$T/named.conf "$NEWSFS" index -q "$SAMPLE/000_d4e11ae205ea5e0b.txt" &&
	test "$(articles "$T/named.db")" = 1'

expect 'each bad line is reported with its number; exit 2, nothing done' '
	printf "index = %s\nexlude = *.jpg\njust words\nlog = relative/x.log\nindex = ~/b.db\ncorrections = %s\nexclude =\n" \
		"$T/bad.db" "$T" >"$CONF" &&
	{ "$NEWSFS" index "$SAMPLE" 2>"$T/err"; test $? = 2; } && cat "$T/err" &&
	grep -q "^newsfs: $CONF:2: unknown key .exlude." "$T/err" &&
	grep -q "^newsfs: $CONF:3: .just words. is not a .key = value. line" "$T/err" &&
	grep -q "^newsfs: $CONF:4: log: .relative/x.log. is not an absolute path" "$T/err" &&
	grep -q "^newsfs: $CONF:5: index is set again (first on line 1)" "$T/err" &&
	grep -q "^newsfs: $CONF:6: corrections: $T is not a file newsfs can read" "$T/err" &&
	grep -q "^newsfs: $CONF:7: exclude: empty pattern" "$T/err" &&
	test ! -e "$T/bad.db" && test ! -e "$HOME/b.db" &&
	for c in stats export check "mount $T"; do
		"$NEWSFS" $c 2>/dev/null; test $? = 2 || exit 1
	done'

expect 'a corrections file is accepted (read by a later version)' '
	printf "x\n" >"$T/corr.tsv" &&
	printf "index = %s\ncorrections = %s\n" "$T/conf.db" "$T/corr.tsv" >"$CONF" &&
	"$NEWSFS" stats >/dev/null &&
	printf "index = %s\ncorrections = %s\n" "$T/conf.db" "$T/not-yet.tsv" >"$CONF" &&
	"$NEWSFS" stats >/dev/null'

expect 'a missing file named by $NEWSFS_CONFIG is an error; an empty one means none' '
	{ NEWSFS_CONFIG=$T/nope "$NEWSFS" stats --db "$T/conf.db" 2>"$T/err"; test $? = 2; } &&
	grep -q "$T/nope: No such file or directory" "$T/err" &&
	rm -f "$CONF" && NEWSFS_CONFIG= "$NEWSFS" stats --db "$T/conf.db" >/dev/null'

expect 'no file at all is no configuration' '
	rm -f "$CONF" && "$NEWSFS" index -q "$SAMPLE/000_d4e11ae205ea5e0b.txt" &&
	test "$(articles "$HOME/.local/share/newsfs/index.db")" = 1'
