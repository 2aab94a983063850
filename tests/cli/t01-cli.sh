# The command line: help, version, usage errors, exit statuses.
. "$NEWSFS_TOP/tests/lib.sh"

expect 'newsfs --help lists every command and exits 0' '
	"$NEWSFS" --help >"$T/out" &&
	for c in index mount umount export stats check; do
		grep -q "^  $c" "$T/out" || exit 1
	done'

expect 'every command has --help, exits 0 and shows its usage' '
	for c in index mount umount export stats check; do
		"$NEWSFS" $c --help >"$T/out" &&
		grep -q "^usage: newsfs $c" "$T/out" || exit 1
	done'

expect 'newsfs --version prints the version' '
	"$NEWSFS" --version | grep -qE "^newsfs [0-9]+\.[0-9]+"'

expect 'an unknown command is a usage error (exit 2)' '
	"$NEWSFS" frobnicate 2>"$T/err"; test $? = 2 &&
	grep -q "newsfs: .frobnicate. is not a newsfs command" "$T/err"'

expect 'an unknown option is a usage error (exit 2)' '
	"$NEWSFS" index --bogus x 2>"$T/err"; test $? = 2 &&
	grep -q "unknown option" "$T/err" &&
	"$NEWSFS" stats --bogus 2>/dev/null; test $? = 2'

expect 'index without a PATH and mount without a MOUNTPOINT exit 2' '
	"$NEWSFS" index 2>/dev/null; test $? = 2 &&
	"$NEWSFS" mount 2>/dev/null; test $? = 2 &&
	"$NEWSFS" umount 2>/dev/null; test $? = 2'

expect 'a bad --max-size is a usage error' '
	"$NEWSFS" index --max-size 12Q "$SAMPLE" 2>"$T/err"; test $? = 2 &&
	grep -q "bad --max-size" "$T/err"'

expect 'a --max-size above what SQLite stores is a usage error' '
	"$NEWSFS" index --max-size 2G "$SAMPLE" 2>"$T/err"; test $? = 2 &&
	grep -q "above the largest article SQLite stores" "$T/err"'

expect 'no command at all prints usage and exits 2' '
	"$NEWSFS" 2>"$T/err"; test $? = 2 && grep -q "^usage:" "$T/err"'
