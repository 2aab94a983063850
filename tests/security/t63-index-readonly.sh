# An index on read-only media (a DVD, a read-only export, a container
# layer), copied there without its -wal and -shm files or with them:
# mount, walk, read, check and export work; where the index truly cannot
# be read, the message says why and what to copy.
. "$NEWSFS_TOP/tests/lib.sh"

export HOME=$T/home XDG_DATA_HOME=$T/home/.local/share
mkdir -p "$HOME" "$T/src" "$T/ro"
DB=$T/index.db M=$T/mnt
make_corpus "$T/corpus"
nfs_index "$DB" -q "$T/corpus" || fail_now "index the corpus"

# The media: src/ seen read-only at ro/. As root, a read-only bind mount
# (a file system that refuses every write, to root too); otherwise a
# folder without write permission, which SQLite meets the same way.
ro_umount() { mountpoint -q "$T/ro" && umount "$T/ro"; chmod -R u+w "$T/src" 2>/dev/null; true; }
trap 'ro_umount; _nfs_cleanup' EXIT
make_ro() {
	if [ "$(id -u)" = 0 ]; then
		mount --bind "$T/src" "$T/ro" && mount -o remount,bind,ro "$T/ro" &&
		touch "$T/ro/x" 2>/dev/null && { echo "ro/ is writable" >&2; return 1; }
		return 0
	fi
	rmdir "$T/ro" && ln -s src "$T/ro" && chmod a-w "$T/src"
}

# The same index in four states, as copies onto media leave it.
cp "$DB" "$T/src/alone.db"
cp "$DB" "$T/src/empty-wal.db" && : >"$T/src/empty-wal.db-wal"
cp "$DB" "$T/src/persisted.db" && cp "$DB-wal" "$DB-shm" "$T/src/" &&
	mv "$T/src/index.db-wal" "$T/src/persisted.db-wal" &&
	mv "$T/src/index.db-shm" "$T/src/persisted.db-shm"
python3 - "$DB" "$T/src" <<'PY' || fail_now "an index with changes in its WAL"
import shutil, sqlite3, sys
db, out = sys.argv[1:]
shutil.copy(db, out + "/live.db")
d = sqlite3.connect(out + "/live.db")
d.execute("PRAGMA wal_autocheckpoint = 0")
d.execute("UPDATE meta SET value = 41 WHERE key = 'generation'")
d.commit()
for n in ("live-wal", "live-shm"):
    shutil.copy(out + "/live.db", out + "/%s.db" % n)
    shutil.copy(out + "/live.db-wal", out + "/%s.db-wal" % n)
shutil.copy(out + "/live.db-shm", out + "/live-shm.db-shm")
d.close()
PY
rm -f "$T/src/live.db"*
make_ro || fail_now "make a read-only folder"

# Everything the mount shows, read through it: names, bytes, xattrs.
walk() { # walk MOUNTPOINT OUT
	(cd "$1" && find . -type f | sort | while read -r f; do
		echo "$f $(md5sum <"$f" | cut -c1-32)"
		getfattr -d --absolute-names "$f" 2>&1 | grep -v "^#\|^$" || true
	done) >"$2"
}
nfs_mount "$DB" "$M" && walk "$M" "$T/walk.rw" && nfs_umount "$M" ||
	fail_now "walk the index where it was made"

for n in alone empty-wal persisted; do
	expect "an index copied $n onto read-only media mounts, and every file reads as where it was made" '
		nfs_mount "$T/ro/$n.db" "$M" && walk "$M" "$T/walk.$n" &&
		nfs_umount "$M" && test -s "$T/walk.$n" &&
		sed "s|user.newsfs.index=.*||" "$T/walk.rw" >"$T/a" &&
		sed "s|user.newsfs.index=.*||" "$T/walk.$n" >"$T/b" && cmp "$T/a" "$T/b"'
	expect "check, stats and export read it ($n)" '
		"$NEWSFS" check --db "$T/ro/$n.db" &&
		"$NEWSFS" stats --db "$T/ro/$n.db" | grep -q "^articles  *5$" &&
		test "$("$NEWSFS" export --db "$T/ro/$n.db" | wc -l)" = 7'
done

expect 'nothing was written to the read-only copies' '
	test ! -e "$T/src/alone.db-wal" && test ! -e "$T/src/alone.db-shm" &&
	test ! -e "$T/src/empty-wal.db-shm" && cmp "$T/src/alone.db" "$DB"'

expect 'a WAL and -shm copied with the index: its changes are read' '
	"$NEWSFS" stats --db "$T/ro/live-shm.db" | grep -q "^index_runs  *41$"'

expect 'a WAL with changes but no -shm: refused, saying what to copy' '
	mkdir -p "$M" && ! "$NEWSFS" mount --db "$T/ro/live-wal.db" "$M" 2>"$T/err" &&
	! is_mounted "$M" && cat "$T/err" &&
	grep -qF "live-wal.db: cannot be read in this read-only folder: its write-ahead log live-wal.db-wal holds changes not yet in the index, and SQLite needs live-wal.db-shm beside it to read them; copy live-wal.db-shm along with the index" "$T/err" &&
	! "$NEWSFS" check --db "$T/ro/live-wal.db" 2>"$T/err" &&
	grep -q "live-wal.db-shm beside it" "$T/err"'

expect 'indexing into read-only media fails at once, saying so' '
	! "$NEWSFS" index --db "$T/ro/alone.db" "$SAMPLE" 2>"$T/err" &&
	cat "$T/err" && grep -qE "alone.db: (Read-only file system|Permission denied)" "$T/err"'
