# newsfs mount daemonizes, returns when ready, and refuses bad indexes.
. "$NEWSFS_TOP/tests/lib.sh"

DB=$T/index.db M=$T/mnt
mkdir -p "$M"
"$NEWSFS" index -q --db "$DB" "$SAMPLE" || fail_now "index the sample"

expect 'mount returns only once the tree answers' '
	echo "$M" >>"$T/.mounts" &&
	"$NEWSFS" mount --db "$DB" "$M" &&
	is_mounted "$M" && test "$(ls "$M/articles" | wc -l)" = 5'

expect 'the daemon is the only newsfs process left, and umount ends it' '
	pid=$(pgrep -f "newsfs mount --db $DB $M") &&
	test "$(echo "$pid" | wc -l)" = 1 &&
	echo "$pid" >>"$T/.pids" &&
	"$NEWSFS" umount "$M" && ! is_mounted "$M" &&
	for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done &&
	! kill -0 "$pid" 2>/dev/null'

expect 'the mount is listed as fuse.newsfs, read-only, from the index' '
	nfs_mount "$DB" "$M" &&
	grep " $M " /proc/mounts | grep -q "^$DB $M fuse.newsfs ro," &&
	test "$(findmnt -n -o SOURCE,FSTYPE "$M")" = "$DB fuse.newsfs" &&
	df "$M" | grep -q "^$DB " &&
	nfs_umount "$M"'

expect 'an index path with a comma, a space and a backslash is the source' '
	odd="$T/a, b\\c.db" && cp "$DB" "$odd" &&
	nfs_mount "$odd" "$M" &&
	test "$(findmnt -n -o SOURCE "$M")" = "$odd" &&
	test "$(ls "$M/articles" | wc -l)" = 5 && nfs_umount "$M"'

expect 'a missing index is refused with a clear message' '
	"$NEWSFS" mount --db "$T/none.db" "$M" 2>"$T/err"; test $? = 1 &&
	grep -q "none.db: no index here (run .newsfs index. first)" "$T/err" &&
	! is_mounted "$M"'

expect 'a file that is not a database is refused' '
	echo "hello" >"$T/text.db" &&
	"$NEWSFS" mount --db "$T/text.db" "$M" 2>"$T/err"; test $? = 1 &&
	grep -q "text.db: .*not a database" "$T/err" && ! is_mounted "$M"'

expect 'a database of another program is refused' '
	db_sql "$T/other.db" "create table t(x)" &&
	"$NEWSFS" mount --db "$T/other.db" "$M" 2>"$T/err"; test $? = 1 &&
	grep -q "other.db: not a newsfs index" "$T/err" && ! is_mounted "$M"'

expect 'an index from a newer newsfs is refused' '
	cp "$DB" "$T/newer.db" &&
	db_sql "$T/newer.db" "pragma user_version = 99" &&
	"$NEWSFS" mount --db "$T/newer.db" "$M" 2>"$T/err"; test $? = 1 &&
	grep -q "schema version 99 is newer than this newsfs" "$T/err" &&
	! is_mounted "$M" &&
	"$NEWSFS" index --db "$T/newer.db" "$SAMPLE" 2>"$T/err"; test $? = 1 &&
	grep -q "schema version 99 is newer" "$T/err"'

expect 'mounting on a missing folder fails without leaving anything behind' '
	"$NEWSFS" mount --db "$DB" "$T/nowhere" 2>"$T/err"; test $? = 1 &&
	grep -q "nowhere" "$T/err" &&
	test -z "$(pgrep -f "newsfs mount --db $DB $T/nowhere")"'

expect 'the mount never writes to the index' '
	before=$(md5sum "$DB" | cut -d" " -f1) &&
	nfs_mount "$DB" "$M" && find "$M" -type f -exec cat {} + >/dev/null &&
	nfs_umount "$M" &&
	test "$(md5sum "$DB" | cut -d" " -f1)" = "$before"'

expect 'mount options such as allow_other pass through to libfuse' '
	nfs_mount "$DB" "$M" -o allow_other &&
	grep " $M " /proc/mounts | grep -q "allow_other" &&
	nfs_umount "$M"'

expect 'an unknown mount option is refused with a message' '
	"$NEWSFS" mount --db "$DB" -o no_such_option "$M" 2>"$T/err"; test $? = 1 &&
	grep -q "no_such_option" "$T/err" && ! is_mounted "$M"'

expect 'a folder given as the index is refused plainly' '
	"$NEWSFS" mount --db "$T" "$M" 2>"$T/err"; test $? = 1 &&
	grep -q "is a folder, not an index file" "$T/err" && ! is_mounted "$M"'

if [ "$(id -u)" = 0 ] && su nobody -s /bin/sh -c "test -x '$NEWSFS'" 2>/dev/null; then
	expect 'an index the user cannot read is refused: Permission denied' '
		cp "$DB" "$T/private.db" && chmod 600 "$T/private.db" &&
		chmod 755 "$T" && mkdir -p "$T/m2" && chmod 777 "$T/m2" &&
		! su nobody -s /bin/sh -c "\"$NEWSFS\" mount --db \"$T/private.db\" \"$T/m2\"" 2>"$T/err" &&
		grep -q "private.db: Permission denied" "$T/err" && ! is_mounted "$T/m2"'
else
	skip 'an unreadable index is refused' 'needs root and a nobody account to test'
fi
