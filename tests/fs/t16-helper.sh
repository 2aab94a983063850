# newsfs as a mount helper: `newsfs INDEX MOUNTPOINT -o OPTS`, as
# mount.fuse3 runs it for type fuse.newsfs, and an fstab line through
# mount(8) itself (mount -T with a temporary fstab).
. "$NEWSFS_TOP/tests/lib.sh"

DB=$T/index.db M=$T/mnt
mkdir -p "$M"
nfs_index "$DB" -q "$SAMPLE" || fail_now "index the sample"
BIN=$(dirname "$NEWSFS")
unmount_all() { fusermount3 -u "$M" 2>/dev/null; ! is_mounted "$M"; }
echo "$M" >>"$T/.mounts"

if [ "$(id -u)" = 0 ] && command -v mount.fuse3 >/dev/null; then
	expect 'mount.fuse3 -t newsfs (what type fuse.newsfs runs) mounts the index' '
		PATH=$BIN:$PATH mount.fuse3 "$DB" "$M" -t newsfs -o ro,noauto,user,_netdev,noatime,log=$T/h.log &&
		test "$(findmnt -n -o SOURCE,FSTYPE --mountpoint "$M" | tr -s " ")" = "$DB fuse.newsfs" &&
		findmnt -n -o OPTIONS --mountpoint "$M" | grep -q "^ro,.*noatime" &&
		ls "$M/articles" | grep -q . && grep -q "serving the index $DB" "$T/h.log" &&
		"$NEWSFS" umount "$M" && ! is_mounted "$M"'
	expect 'an fstab line mounts through mount(8) and mount.fuse3 (mount -T)' '
		printf "%s %s fuse noauto,ro,nofail 0 0\n" "$NEWSFS#$DB" "$M" >"$T/fstab" &&
		mount -T "$T/fstab" "$M" &&
		test "$(findmnt -n -o SOURCE --mountpoint "$M")" = "$DB" &&
		ls "$M/by-country" | grep -q . && umount "$M" && ! is_mounted "$M" &&
		printf "%s %s fuse ro 0 0\n" "$NEWSFS#$DB" "$M" >"$T/fstab" &&
		mount -a -T "$T/fstab" && is_mounted "$M" && ls "$M/articles" | grep -q . &&
		"$NEWSFS" umount "$M" && ! is_mounted "$M"'
	expect 'the helper refuses what newsfs mount refuses, before mounting' '
		{ PATH=$BIN:$PATH mount.fuse3 "$DB" "$T/no-such" -t newsfs -o ro 2>"$T/err"; test $? != 0; } &&
		grep -q "no-such" "$T/err" &&
		{ PATH=$BIN:$PATH mount.fuse3 "$T/none.db" "$M" -t newsfs 2>"$T/err"; test $? != 0; } &&
		grep -q "none.db" "$T/err" && ! is_mounted "$M"'
else
	skip 'mount.fuse3 -t newsfs mounts the index' "needs root and mount.fuse3"
	skip 'an fstab line mounts through mount(8)' "needs root and mount.fuse3"
	skip 'the helper refuses what newsfs mount refuses' "needs root and mount.fuse3"
fi

expect 'newsfs INDEX MOUNTPOINT -o OPTS mounts directly, dropping mount(8)-only options' '
	"$NEWSFS" "$DB" "$M" -o rw,defaults,noauto,users,x-systemd.automount,comment=x -o noatime &&
	findmnt -n -o OPTIONS --mountpoint "$M" | grep -q "^ro,.*noatime" &&
	"$NEWSFS" umount "$M" && ! is_mounted "$M"'

expect 'a word that is not a command and not a path is still an error' '
	{ "$NEWSFS" indx a b 2>"$T/err"; test $? = 2; } &&
	grep -q "not a newsfs command" "$T/err"'
