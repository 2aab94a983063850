# newsfs umount touches only newsfs mounts, says who keeps one busy, and
# can detach it lazily.
. "$NEWSFS_TOP/tests/lib.sh"

DB=$T/index.db
"$NEWSFS" index -q --db "$DB" "$SAMPLE" || fail_now "index the sample"

# Start a process (by its pid, recorded for cleanup) that holds the
# mount: "cwd DIR" sits in a folder, "file PATH" keeps a file open.
hold() {
	case $1 in
	cwd) (cd "$2" && exec sleep 60) & ;;
	file) (exec sleep 60 <"$2") & ;;
	esac
	echo $! >>"$T/.pids"
	HOLDER=$!
	sleep 0.2
}

daemon_exits() { # daemon_exits LOG: the nfs_mount daemon ended, status 0
	local i
	for i in $(seq 1 200); do
		[ -e "$1.rc" ] && break
		sleep 0.05
	done
	test "$(cat "$1.rc" 2>/dev/null)" = 0
}

can_mount_tmpfs() {
	mkdir -p "$T/probe" && mount -t tmpfs none "$T/probe" 2>/dev/null &&
		umount "$T/probe"
}

if [ "$(id -u)" = 0 ] && can_mount_tmpfs; then
	expect 'a tmpfs is refused, and keeps its data' '
		X=$T/x && mkdir "$X" && mount -t tmpfs none "$X" &&
		echo "$X" >>"$T/.mounts" && echo precious >"$X/data" &&
		{ "$NEWSFS" umount "$X" 2>"$T/err"; test $? = 1; } &&
		grep -q "x: not a newsfs mount (tmpfs from none); left alone" "$T/err" &&
		test "$(cat "$X/data")" = precious && umount "$X"'

	expect 'a tmpfs stacked on a newsfs mount is refused, not the mount below' '
		M=$T/m-stack && nfs_mount "$DB" "$M" &&
		mount -t tmpfs none "$M" && echo "$M" >>"$T/.mounts" &&
		{ "$NEWSFS" umount "$M" 2>"$T/err"; test $? = 1; } &&
		grep -q "not a newsfs mount (tmpfs" "$T/err" &&
		test "$(findmnt -n -o FSTYPE --mountpoint "$M" | tail -1)" = tmpfs &&
		umount "$M" && nfs_umount "$M"'
else
	skip 'umount refuses a tmpfs' 'needs root, allowed to mount one'
fi

expect 'a folder with nothing mounted is refused' '
	mkdir -p "$T/plain" &&
	{ "$NEWSFS" umount "$T/plain" 2>"$T/err"; test $? = 1; } &&
	grep -q "plain: nothing is mounted here" "$T/err"'

expect 'a folder inside a mount is refused, naming the mount' '
	M=$T/m-inside && nfs_mount "$DB" "$M" &&
	{ "$NEWSFS" umount "$M/articles" 2>"$T/err"; test $? = 1; } &&
	grep -q "not a mount point (it is inside the newsfs mount at $M)" "$T/err" &&
	is_mounted "$M" && nfs_umount "$M"'

expect 'a relative mountpoint is unmounted, and the daemon ends cleanly' '
	M=$T/m-rel && nfs_mount "$DB" "$M" && log=$NFS_LOG &&
	(cd "$T" && "$NEWSFS" umount m-rel) && ! is_mounted "$M" &&
	daemon_exits "$log"'

expect 'a busy mount names the process and what it holds, and stays' '
	M=$T/m-busy && nfs_mount "$DB" "$M" &&
	f=$(ls "$M/articles" | head -1) &&
	hold cwd "$M/by-country" && cwd_pid=$HOLDER &&
	hold file "$M/articles/$f" && file_pid=$HOLDER &&
	{ "$NEWSFS" umount "$M" 2>"$T/err"; test $? = 1; } && cat "$T/err" &&
	grep -q "m-busy: busy: in use by" "$T/err" &&
	grep -q "$cwd_pid (sleep: its current folder)" "$T/err" &&
	grep -qF "$file_pid (sleep: $M/articles/$f)" "$T/err" &&
	grep -q "newsfs umount --lazy" "$T/err" && is_mounted "$M" &&
	kill "$cwd_pid" "$file_pid" && wait "$cwd_pid" "$file_pid" 2>/dev/null;
	sleep 0.2 && nfs_umount "$M"'

expect '--lazy detaches a busy mount; it ends when its last user does' '
	M=$T/m-lazy && nfs_mount "$DB" "$M" && log=$NFS_LOG &&
	f=$(ls "$M/articles" | head -1) &&
	hold file "$M/articles/$f" && pid=$HOLDER &&
	"$NEWSFS" umount --lazy "$M" && ! is_mounted "$M" &&
	sleep 0.3 && test -e "/proc/$pid/fd/0" && ! test -e "$log.rc" &&
	kill "$pid" && daemon_exits "$log"'

expect 'a dead mount is unmounted' '
	M=$T/m-dead && mkdir -p "$M" && echo "$M" >>"$T/.mounts" &&
	"$NEWSFS" mount --db "$DB" "$M" &&
	pid=$(pgrep -f "newsfs mount --db $DB $M\$") && echo "$pid" >>"$T/.pids" &&
	kill -KILL "$pid" && sleep 0.2 &&
	"$NEWSFS" umount "$M" && ! is_mounted "$M" && ls "$M" >/dev/null'

expect 'umount --help describes --lazy; no mountpoint is a usage error' '
	"$NEWSFS" umount --help | grep -q -- "--lazy" &&
	{ "$NEWSFS" umount 2>"$T/err"; test $? = 2; }'
