# The daemon's messages can be found: --log FILE, 'log =' in the config,
# or ${XDG_STATE_HOME:-~/.local/state}/newsfs/newsfs.log; a damaged index
# is explained there, not only answered with EIO.
. "$NEWSFS_TOP/tests/lib.sh"

DB=$T/index.db M=$T/mnt
mkdir -p "$M"
nfs_index "$DB" -q "$SAMPLE" || fail_now "index the sample"
daemon_mount() { echo "$2" >>"$T/.mounts"; "$NEWSFS" mount --db "$1" "$2" "${@:3}"; }

expect 'the default log is under $XDG_STATE_HOME, else ~/.local/state' '
	daemon_mount "$DB" "$M" && "$NEWSFS" umount "$M" && sleep 0.3 &&
	L=$HOME/.local/state/newsfs/newsfs.log && cat "$L" &&
	grep -q "^[0-9-]*T[0-9:]*Z newsfs\[[0-9]*\]: $M: serving the index $DB (pid [0-9]*)$" "$L" &&
	grep -q "newsfs\[[0-9]*\]: $M: unmounted$" "$L" &&
	test "$(stat -c %a "$L")" = 600 &&
	XDG_STATE_HOME=$T/state daemon_mount "$DB" "$M" && "$NEWSFS" umount "$M" && sleep 0.3 &&
	grep -q "serving the index $DB" "$T/state/newsfs/newsfs.log"'

expect '--log FILE (relative, after the MOUNTPOINT) and log = in the config' '
	(cd "$T" && daemon_mount "$DB" mnt --log my.log) && "$NEWSFS" umount "$M" && sleep 0.3 &&
	grep -q "serving the index $DB" "$T/my.log" &&
	mkdir -p "$HOME/.config/newsfs" && echo "log = $T/conf.log" >"$HOME/.config/newsfs/config" &&
	daemon_mount "$DB" "$M" && "$NEWSFS" umount "$M" && sleep 0.3 &&
	grep -q "serving the index $DB" "$T/conf.log" && rm "$HOME/.config/newsfs/config"'

expect 'a log that cannot be written is refused before mounting' '
	{ "$NEWSFS" mount --db "$DB" "$M" --log "$T/no/such/dir/x.log" 2>"$T/err"; test $? != 0; } &&
	grep -q "x.log" "$T/err" && ! is_mounted "$M"'

expect 'a damaged index: EIO to the reader, and the log says what it may mean' '
	cp "$DB" "$T/bad.db" && sz=$(stat -c %s "$T/bad.db") &&
	daemon_mount "$T/bad.db" "$M" --log "$T/bad.log" &&
	dd if=/dev/urandom of="$T/bad.db" bs=4096 seek=2 count=$((sz / 4096 - 2)) conv=notrunc 2>/dev/null &&
	! cat "$M"/articles/* "$M"/by-country/*/* >/dev/null 2>&1
	"$NEWSFS" umount "$M"; sleep 0.3; cat "$T/bad.log" &&
	grep -q "$T/bad.db: reading the index failed (the answer was EIO); the file may be damaged" "$T/bad.log" &&
	grep -q "newsfs check --db $T/bad.db" "$T/bad.log"'
