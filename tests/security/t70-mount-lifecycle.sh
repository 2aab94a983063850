# The mount's life from outside: where it may be made, how it ends on a
# signal, what a remount cannot change, and its error paths.
. "$NEWSFS_TOP/tests/lib.sh"

DB=$T/index.db M=$T/mnt
mkdir -p "$M"
"$NEWSFS" index -q --db "$DB" "$SAMPLE" || fail_now "index the sample"

# The pid of the background daemon serving mountpoint $1 (as spelled):
# of the processes started that way (a parent may still be waiting for
# it), the one that leads its own session.
daemon_of() {
	local pid
	pid=$(pgrep -f "newsfs mount --db $DB $1\$" | while read -r p; do
		[ "$(ps -o sid= -p "$p" | tr -d " ")" = "$p" ] && echo "$p"
	done)
	[ -n "$pid" ] || return 1
	echo "$pid" >>"$T/.pids"
	echo "$pid"
}

gone_within_5s() { # gone_within_5s PID
	local i
	for i in $(seq 1 100); do
		kill -0 "$1" 2>/dev/null || return 0
		sleep 0.05
	done
	return 1
}

# A folder that answers: not a dead mount, not a mount at all.
plain_folder() { ! is_mounted "$1" && ls "$1" >/dev/null; }

expect 'SIGTERM to a daemon mounted at a relative path unmounts it' '
	echo "$M" >>"$T/.mounts" &&
	(cd "$T" && "$NEWSFS" mount --db "$DB" mnt) &&
	pid=$(daemon_of mnt) && kill -TERM "$pid" && gone_within_5s "$pid" &&
	plain_folder "$M"'

expect 'SIGTERM and SIGINT end mount -f with status 0, unmounted' '
	for sig in TERM INT; do
		nfs_mount "$DB" "$M" &&
		kill -$sig "$(cat "$NFS_LOG.pid")" &&
		for i in $(seq 1 200); do [ -e "$NFS_LOG.rc" ] && break; sleep 0.05; done &&
		test "$(cat "$NFS_LOG.rc")" = 0 && plain_folder "$M" || exit 1
	done'

expect 'a regular file is refused as mountpoint, nothing mounted, no daemon' '
	echo x >"$T/file" && echo "$T/file" >>"$T/.mounts" &&
	{ "$NEWSFS" mount --db "$DB" "$T/file" 2>"$T/err"; test $? = 1; } &&
	grep -q "file: not a folder" "$T/err" && ! is_mounted "$T/file" &&
	! daemon_of "$T/file" && test "$(cat "$T/file")" = x'

expect 'a missing mountpoint is refused with its name' '
	{ "$NEWSFS" mount --db "$DB" "$T/nowhere/m" 2>"$T/err"; test $? = 1; } &&
	grep -q "nowhere/m: no such folder" "$T/err" && ! daemon_of "$T/nowhere/m"'

expect 'a second mount on a mounted folder is refused, not stacked' '
	nfs_mount "$DB" "$M" &&
	{ "$NEWSFS" mount --db "$DB" "$M" 2>"$T/err"; test $? = 1; } &&
	grep -q "already a mount point (fuse.newsfs" "$T/err" &&
	test "$(grep -c " $M " /proc/mounts)" = 1 && nfs_umount "$M"'

expect 'a dead mount is refused, with how to clear it' '
	echo "$M" >>"$T/.mounts" &&
	"$NEWSFS" mount --db "$DB" "$M" && pid=$(daemon_of "$M") &&
	kill -KILL "$pid" && gone_within_5s "$pid" &&
	{ "$NEWSFS" mount --db "$DB" "$M" 2>"$T/err"; test $? = 1; } &&
	grep -q "a dead mount is here.*newsfs umount" "$T/err" &&
	test "$(grep -c " $M " /proc/mounts)" = 1 &&
	fusermount3 -u "$M" && plain_folder "$M"'

expect '-o rw is refused: the tree is read-only' '
	{ "$NEWSFS" mount --db "$DB" -o allow_other,rw "$M" 2>"$T/err"; test $? = 2; } &&
	grep -q "rw.*read-only" "$T/err" && ! is_mounted "$M"'

# What a remount,rw (root only) cannot change: every write, truncation,
# creation or removal fails with EROFS and the bytes stay the same. A
# plain O_WRONLY open still succeeds (docs/security.md says why).
if [ "$(id -u)" = 0 ]; then
	expect 'after mount -o remount,rw, writes and truncating opens fail with EROFS' '
		M=$T/m-remount && nfs_mount "$DB" "$M" &&
		f=$M/articles/$(ls "$M/articles" | head -1) &&
		before=$(md5sum <"$f") &&
		mount -i -o remount,rw "$M" &&
		grep " $M " /proc/mounts | grep -q " fuse.newsfs rw," &&
		python3 - "$f" <<-PY &&
		import errno, os, sys
		p = sys.argv[1]
		def fails(what, fn):
		    try:
		        fn()
		    except OSError as e:
		        if e.errno == errno.EROFS:
		            return
		        raise
		    sys.exit(what + " did not fail with EROFS")
		def write(flags):
		    fd = os.open(p, flags)
		    try:
		        os.write(fd, b"x")
		    finally:
		        os.close(fd)
		fails("O_TRUNC open", lambda: os.open(p, os.O_WRONLY | os.O_TRUNC))
		fails("write", lambda: write(os.O_WRONLY))
		fails("append", lambda: write(os.O_WRONLY | os.O_APPEND))
		fails("create", lambda: os.open(p + ".new", os.O_WRONLY | os.O_CREAT))
		fails("truncate", lambda: os.truncate(p, 0))
		fails("unlink", lambda: os.unlink(p))
		fails("chmod", lambda: os.chmod(p, 0o666))
		fails("setxattr", lambda: os.setxattr(p, "user.x", b"1"))
		PY
		test "$(md5sum <"$f")" = "$before" && nfs_umount "$M"'
else
	skip 'remount,rw keeps writes out' 'needs root to remount'
fi

expect 'make stop unmounts a mount given by a relative MNT' '
	M=$T/m-stop && nfs_mount "$DB" "$M" &&
	(cd "$T" && make -s -f "$NEWSFS_TOP/Makefile" stop MNT=m-stop) >"$T/out" &&
	grep -q "unmounted" "$T/out" && ! is_mounted "$M"'

# A daemon that mounted before it could handle SIGTERM died of one sent
# meanwhile (say, by a service manager stopping everything) and left a
# dead mount. Make that window wide: fuse_set_signal_handlers waits a
# second first; SIGTERM goes out as soon as the mount is listed.
cat >"$T/slow_signals.c" <<'EOF'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <unistd.h>
struct fuse_session;
int fuse_set_signal_handlers(struct fuse_session *se)
{
	int (*real)(struct fuse_session *) = (int (*)(struct fuse_session *))
		dlsym(RTLD_NEXT, "fuse_set_signal_handlers");
	sleep(1);
	return real(se);
}
EOF
if cc -shared -fPIC -o "$T/slow_signals.so" "$T/slow_signals.c" -ldl 2>"$T/cc.err"; then
	expect 'SIGTERM as soon as the mount exists still unmounts cleanly' '
		M=$T/m-slow && mkdir "$M" && echo "$M" >>"$T/.mounts" &&
		{ LD_PRELOAD=$T/slow_signals.so \
		  ASAN_OPTIONS=${ASAN_OPTIONS:-}:verify_asan_link_order=0 \
			"$NEWSFS" mount --db "$DB" "$M" 2>/dev/null & } &&
		mounter=$! && echo $mounter >>"$T/.pids" &&
		for i in $(seq 1 100); do is_mounted "$M" && break; sleep 0.02; done &&
		is_mounted "$M" && pid=$(daemon_of "$M") && kill -TERM "$pid" &&
		gone_within_5s "$pid" && { wait $mounter; true; } && plain_folder "$M"'
else
	skip 'SIGTERM as soon as the mount exists' "cannot build the test's shim: $(head -1 "$T/cc.err")"
fi

# The watcher starts after the mount is made; when it cannot, the error
# must say why (it used to read a message buffer nobody had written).
# Break the change journal's table page: opening the index still works.
expect 'a daemon that cannot start its watcher says why and leaves nothing' '
	M=$T/m-broken && mkdir "$M" && echo "$M" >>"$T/.mounts" &&
	cp "$DB" "$T/broken.db" &&
	python3 - "$T/broken.db" <<-PY &&
	import sqlite3, sys
	db = sqlite3.connect(sys.argv[1])
	page = db.execute("pragma page_size").fetchone()[0]
	root = db.execute("select rootpage from sqlite_master where name = ?",
	                  ("change",)).fetchone()[0]
	db.close()
	with open(sys.argv[1], "r+b") as f:
	    f.seek((root - 1) * page)
	    f.write(b"\xff" * page)
	PY
	{ "$NEWSFS" mount --db "$T/broken.db" "$M" 2>"$T/err"; test $? = 1; } &&
	cat "$T/err" &&
	grep -q "broken.db: cannot read the change journal: .*malformed" "$T/err" &&
	plain_folder "$M" && ! pgrep -f "newsfs mount --db $T/broken.db"'
