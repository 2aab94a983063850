# A full disk during indexing ends with a clear error and an intact index.
. "$NEWSFS_TOP/tests/lib.sh"

if [ "$(id -u)" != 0 ]; then
	skip 'a full disk ends the run with a clear error' 'needs root to mount a small tmpfs'
	exit 0
fi
SMALL=$T/small
mkdir -p "$SMALL"
mount -t tmpfs -o size=3m tmpfs "$SMALL" || { skip 'a full disk' 'cannot mount tmpfs'; exit 0; }
trap 'umount "$SMALL" 2>/dev/null; _nfs_cleanup' EXIT
DB=$SMALL/index.db
make_generated "$T/big" 3000

expect 'the sample is indexed on the small disk' '
	"$NEWSFS" index -q --db "$DB" "$SAMPLE" &&
	"$NEWSFS" export --db "$DB" | tail -n +2 | sort >"$T/before"'

expect 'a run that fills the disk fails with a clear message' '
	"$NEWSFS" index -q --db "$DB" "$T/big" >"$T/out" 2>"$T/err"; rc=$?
	cat "$T/err"; test $rc = 1 &&
	grep -qiE "full|No space left" "$T/err"'

expect 'the index is intact and still has the earlier articles' '
	"$NEWSFS" check --db "$DB" &&
	"$NEWSFS" export --db "$DB" | tail -n +2 | sort >"$T/now" &&
	test -z "$(comm -23 "$T/before" "$T/now")"'

expect 'it can be mounted and read' '
	nfs_mount "$DB" "$T/mnt" && test "$(ls "$T/mnt/articles" | wc -l)" -ge 5 &&
	nfs_umount "$T/mnt"'

expect 'a first run that fills the disk leaves no index and no build file' '
	"$NEWSFS" index -q --db "$SMALL/first.db" "$T/big" >"$T/out" 2>"$T/err"; rc=$?
	cat "$T/err"; test $rc = 1 &&
	grep -qiE "full|No space left" "$T/err" &&
	test ! -e "$SMALL/first.db" && test ! -e "$SMALL/first.db-build"'
