# The indexed folders, mounts: a newsfs mount inside the indexed tree is
# never read (its files are copies of articles already indexed, and as
# sources they would keep a deleted article alive), whether the walk
# meets it as a folder, through a link, or as the PATH given.
. "$NEWSFS_TOP/tests/lib.sh"

D=$T/news DB=$T/index.db M=$T/news/mnt
make_corpus "$D"
nfs_index "$DB" "$D" >/dev/null || fail_now "first index run"
nfs_mount "$DB" "$M" || fail_now "mount inside the indexed tree"
count() { "$NEWSFS" stats --db "$DB" | awk -v k="$1" '$1 == k { print $2 }'; }

expect 'a run over a tree holding a mount of its index skips the mount' '
	nfs_index "$DB" "$D" >"$T/out" 2>"$T/err"; rc=$?
	cat "$T/out" "$T/err" && test $rc = 0 &&
	grep -qx "newsfs: $M: skipped: a newsfs mount (its articles are indexed already)" "$T/err" &&
	test "$(wc -l <"$T/err")" = 1 &&
	grep -q "^6 files seen, 0 new articles, 0 duplicates, 6 unchanged, 0 rejected, 1 skipped, 0 vanished" "$T/out" &&
	test "$(count sources)" = 6 &&
	! "$NEWSFS" export --db "$DB" | grep -q "^$M/"'

expect 'a deleted article leaves the index and the mount' '
	rm "$D/001_c522d80f6b614471.txt" &&
	nfs_index "$DB" "$D" >"$T/out" 2>"$T/err" &&
	grep -q " 1 vanished" "$T/out" && test "$(count articles)" = 4 &&
	for i in $(seq 1 100); do
		[ "$(ls "$M/articles" | wc -l)" = 4 ] && break; sleep 0.1
	done && test "$(ls "$M/articles" | wc -l)" = 4'

expect 'a mount reached through a link is skipped, even with --follow-links' '
	mkdir -p "$T/other" && ln -s "$M" "$T/other/m" &&
	cp "$SAMPLE/004_ca8a347960b21a6c.txt" "$T/other/x.txt" &&
	"$NEWSFS" index --follow-links --db "$T/other.db" "$T/other" >"$T/out" 2>"$T/err" &&
	cat "$T/err" &&
	grep -qx "newsfs: $T/other/m: skipped: a newsfs mount (its articles are indexed already)" "$T/err" &&
	grep -q "^1 files seen, 1 new articles" "$T/out"'

expect 'a folder or a file inside a mount given as PATH is refused (exit 2), nothing created' '
	f=$(ls "$M/articles" | head -1) &&
	{ "$NEWSFS" index --db "$T/in.db" "$M/articles" "$M/articles/$f" "$M" >"$T/out" 2>"$T/err"; test $? = 2; } &&
	cat "$T/err" &&
	test "$(grep -c ": is inside a newsfs mount (of $DB); its files are that index.s articles" "$T/err")" = 3 &&
	test ! -s "$T/out" && test ! -e "$T/in.db"'

expect 'a mount of another index inside the tree is skipped too' '
	nfs_index "$T/second.db" "$SAMPLE" >/dev/null &&
	nfs_mount "$T/second.db" "$D/sub/m2" && log2=$NFS_LOG &&
	nfs_index "$DB" "$D" >"$T/out" 2>"$T/err"; rc=$?
	cat "$T/err" && test $rc = 0 &&
	grep -qx "newsfs: $D/sub/m2: skipped: a newsfs mount (its articles are indexed already)" "$T/err" &&
	test "$(count sources)" = 5 && nfs_umount "$D/sub/m2" "$log2"'

expect 'the daemon exits cleanly at unmount' 'nfs_umount "$M"'
