# Options anywhere among operands, for every command (GNU getopt's
# permutation, as sshfs and squashfuse take them); "--" ends options.
. "$NEWSFS_TOP/tests/lib.sh"

DB=$T/my.db M=$T/mnt
DEFAULT=$HOME/.local/share/newsfs/index.db
mkdir -p "$M"

expect 'index takes --db after the PATH, and touches no other index' '
	"$NEWSFS" index "$SAMPLE" --db "$DB" -q 2>"$T/err" &&
	test ! -s "$T/err" && test ! -e "$DEFAULT" &&
	"$NEWSFS" stats --db "$DB" | grep -qx "articles *5"'

expect 'index takes options between PATHs' '
	"$NEWSFS" index "$SAMPLE/000_d4e11ae205ea5e0b.txt" -j 1 --db "$T/two.db" \
		"$SAMPLE/001_c522d80f6b614471.txt" --quiet &&
	"$NEWSFS" stats --db "$T/two.db" | grep -qx "articles *2"'

expect 'after --, a PATH that starts with a dash is a PATH' '
	mkdir -p "$T/-news" && cp "$SAMPLE/002_c5ceba19f725f479.txt" "$T/-news/" &&
	(cd "$T" && "$NEWSFS" index --db "$T/dash.db" -q -- -news) &&
	"$NEWSFS" stats --db "$T/dash.db" | grep -qx "articles *1"'

expect 'stats and check take --db after other options' '
	"$NEWSFS" stats --db "$DB" >/dev/null &&
	"$NEWSFS" check --deep --db "$DB" >"$T/out" &&
	grep -q "problems" "$T/out" && test ! -e "$DEFAULT"'

expect 'export --why takes its options after the PATH' '
	"$NEWSFS" export "$SAMPLE/000_d4e11ae205ea5e0b.txt" --why --db "$DB" >"$T/out" &&
	grep -q "	country	Japan	" "$T/out"'

expect 'mount takes -o and --db after the MOUNTPOINT; umount takes -z after it' '
	echo "$M" >>"$T/.mounts" &&
	"$NEWSFS" mount "$M" -o ro --db "$DB" &&
	test "$(findmnt -n -o SOURCE --mountpoint "$M")" = "$DB" &&
	ls "$M/articles" | grep -q . &&
	"$NEWSFS" umount "$M" -z && ! is_mounted "$M"'

expect 'mount -o given twice joins the options' '
	echo "$M" >>"$T/.mounts" &&
	"$NEWSFS" mount "$M" -o ro -o noatime --db "$DB" &&
	findmnt -n -o OPTIONS --mountpoint "$M" | grep -q noatime &&
	"$NEWSFS" umount "$M" && ! is_mounted "$M"'

expect 'an option after -- is an operand (exit 2, nothing done)' '
	{ "$NEWSFS" stats -- --db "$DB" 2>"$T/err"; test $? = 2; } &&
	grep -q "unexpected argument .--db." "$T/err" &&
	{ "$NEWSFS" check --db "$DB" extra 2>"$T/err"; test $? = 2; } &&
	grep -q "unexpected argument .extra." "$T/err"'

expect 'an option without its argument is a usage error naming it' '
	for c in "index $SAMPLE --db" "mount $M --db" "export --db" \
		 "stats --db" "check --db" "index -j"; do
		"$NEWSFS" $c 2>"$T/err"; test $? = 2 &&
		grep -q "needs an argument" "$T/err" || exit 1
	done && test ! -e "$DEFAULT"'

expect 'an unknown option is refused wherever it stands' '
	for c in "index $SAMPLE --bogus" "mount $M --bogus" "umount $M --bogus" \
		 "export --bogus" "stats --bogus" "check --bogus"; do
		"$NEWSFS" $c 2>"$T/err"; test $? = 2 &&
		grep -q "unknown option .--bogus." "$T/err" || exit 1
	done && test ! -e "$DEFAULT"'

expect '--help after an operand still prints the usage' '
	for c in index mount umount export stats check; do
		"$NEWSFS" $c x --help >"$T/out" &&
		grep -q "^usage: newsfs $c" "$T/out" || exit 1
	done'

expect 'long options may be abbreviated while unambiguous' '
	"$NEWSFS" stats --d "$DB" | grep -qx "articles *5"'
