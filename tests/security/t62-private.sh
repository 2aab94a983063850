# The indexed folders, permissions: a user never indexes what they could
# not read, and root, who can read everything, indexes only what every
# user of the machine could read (the file readable by others, every
# folder from the one named down searchable by others), unless
# --include-private says otherwise. So a mount with allow_other never
# shows other users a file they could not have read themselves.
. "$NEWSFS_TOP/tests/lib.sh"

if [ "$(id -u)" != 0 ]; then
	skip 'root indexes only what every user could read' 'not run as root'
	exit 0
fi
if ! command -v setpriv >/dev/null; then
	skip 'root indexes only what every user could read' 'no setpriv (util-linux)'
	exit 0
fi
NOBODY=$(id -u nobody) NOGROUP=$(id -g nobody)
as_nobody() { setpriv --reuid="$NOBODY" --regid="$NOGROUP" --clear-groups "$@"; }

D=$T/news
mkdir -p "$D/open" "$D/closed"
cp "$SAMPLE/000_d4e11ae205ea5e0b.txt" "$D/public.txt"
cp "$SAMPLE/001_c522d80f6b614471.txt" "$D/secret.txt"
cp "$SAMPLE/002_c5ceba19f725f479.txt" "$D/open/readable.txt"
cp "$SAMPLE/003_0def9fb4c96538bf.txt" "$D/closed/inside.txt"
chmod 0755 "$D" "$D/open"
chmod 0644 "$D/public.txt" "$D/open/readable.txt" "$D/closed/inside.txt"
chmod 0600 "$D/secret.txt"
chmod 0700 "$D/closed"
chown "$NOBODY" "$D/secret.txt"		# someone else's secret

expect 'root skips, with one line each, a file and a folder others cannot read' '
	"$NEWSFS" index --db "$T/root.db" "$D" >"$T/out" 2>"$T/err"; rc=$?
	cat "$T/out" "$T/err" && test $rc = 0 &&
	grep -qx "newsfs: $D/secret.txt: skipped: other users cannot read it (root indexes only what every user could read; see --include-private)" "$T/err" &&
	grep -qx "newsfs: $D/closed: skipped: other users cannot enter it (root indexes only what every user could read; see --include-private)" "$T/err" &&
	test "$(wc -l <"$T/err")" = 2 &&
	"$NEWSFS" stats --db "$T/root.db" | grep -qx "articles *2"'

expect 'the same holds on a run that compares stamps' '
	"$NEWSFS" index --db "$T/root.db" "$D" >"$T/out" 2>"$T/err" &&
	grep -q "^2 files seen, 0 new articles, 0 duplicates, 2 unchanged, 0 rejected, 2 skipped" "$T/out" &&
	test "$(wc -l <"$T/err")" = 2'

expect 'other users of an allow_other mount see only what they could read' '
	chmod 0711 "$T" &&
	nfs_mount "$T/root.db" "$T/m" -o allow_other &&
	as_nobody ls "$T/m/articles" >"$T/seen" && cat "$T/seen" &&
	test "$(wc -l <"$T/seen")" = 2 &&
	! as_nobody grep -rqF "$(sed -n 3p "$D/secret.txt")" "$T/m/articles" &&
	nfs_umount "$T/m"'

expect '--include-private indexes them, and a run without it forgets them' '
	"$NEWSFS" index --include-private --db "$T/all.db" "$D" >"$T/out" 2>"$T/err" &&
	test ! -s "$T/err" && "$NEWSFS" stats --db "$T/all.db" | grep -qx "articles *4" &&
	"$NEWSFS" index --db "$T/all.db" "$D" >"$T/out" 2>/dev/null &&
	grep -q " 2 vanished" "$T/out" &&
	"$NEWSFS" stats --db "$T/all.db" | grep -qx "articles *2"'

expect 'a file named on the command line follows the same rule' '
	"$NEWSFS" index --db "$T/one.db" "$D/secret.txt" "$D/public.txt" >"$T/out" 2>"$T/err" &&
	grep -q "^1 files seen, 1 new articles" "$T/out" &&
	grep -qx "newsfs: $D/secret.txt: skipped: other users cannot read it (root indexes only what every user could read; see --include-private)" "$T/err"'

expect 'a user who cannot read a file never indexes it' '
	mkdir "$T/nb" && chown "$NOBODY:$NOGROUP" "$T/nb" &&
	chown root "$D/secret.txt" &&
	HOME=$T/nb as_nobody "$NEWSFS" index --db "$T/nb/i.db" "$D" >"$T/out" 2>"$T/err"; rc=$?
	cat "$T/out" "$T/err" && test $rc = 1 &&
	grep -qx "newsfs: $D/secret.txt: Permission denied" "$T/err" &&
	grep -qx "newsfs: $D/closed: Permission denied" "$T/err" &&
	HOME=$T/nb as_nobody "$NEWSFS" stats --db "$T/nb/i.db" | grep -qx "articles *2"'

expect 'index --help and the man page say what a root run leaves out' '
	"$NEWSFS" index --help | grep -q -- "--include-private" &&
	grep -q "include\\\\-private" "$NEWSFS_TOP/docs/newsfs.1" &&
	grep -q "include-private" "$NEWSFS_TOP/docs/security.md"'
