# A mount whose index file is deleted, then replaced by an index of other
# articles: readers get the old index or the new one, never a mix, never
# another article's bytes; the daemon says so in its log.
. "$NEWSFS_TOP/tests/lib.sh"

HAMMER=$NEWSFS_TOP/tests/security/hammer.py
A=$T/corpus-a B=$T/corpus-b DB=$T/i.db M=$T/mnt
make_generated "$A" 300
make_generated "$B" 300
# Other titles, so other names and other bytes.
find "$B" -name '*.txt' -exec sed -i '1s/^Report/Bulletin/' {} +

# What B looks like when mounted on its own.
"$NEWSFS" index -q --db "$T/b-ref.db" "$B" || fail_now "index B"
nfs_mount "$T/b-ref.db" "$T/ref" || fail_now "mount B"
python3 "$HAMMER" snapshot "$T/ref" "$T/b.json" || fail_now "snapshot B"
nfs_umount "$T/ref" || fail_now "unmount B"

# A second run leaves the index in WAL mode with its -wal and -shm.
"$NEWSFS" index -q --db "$DB" "$A" && "$NEWSFS" index -q --db "$DB" "$A" ||
	fail_now "index A"
nfs_mount "$DB" "$M" || fail_now "mount A"
LOG=$NFS_LOG
python3 "$HAMMER" snapshot "$M" "$T/a.json" || fail_now "snapshot A"
# A file a reader opened before anything happened.
OPEN_NAME=$(ls "$M/articles" | head -1)
exec 7<"$M/articles/$OPEN_NAME"

# Wait up to 10 s for the mount to list exactly the articles of $1
# (mounted at $2, $M by default).
lists() {
	local i want m=${2:-$M}
	want=$(python3 -c 'import json,sys; print("\n".join(sorted(json.load(open(sys.argv[1])))))' "$1")
	for i in $(seq 1 100); do
		[ "$(ls "$m/articles" 2>/dev/null | LC_ALL=C sort)" = "$(echo "$want" | LC_ALL=C sort)" ] &&
			return 0
		sleep 0.1
	done
	return 1
}

expect 'a deleted index keeps being served whole, and the log says so' '
	python3 - "$DB" <<-PY &&
	# A commit that a mounted reader keeps from being checkpointed: the
	# -wal left behind holds frames of this index.
	import sqlite3, sys, time
	db = sqlite3.connect(sys.argv[1])
	db.execute("insert into change(at, folder, key, name) values (?, 0, 0, ?)",
	           (int(time.time()), "written to the deleted index"))
	db.commit()
	db.close()
	PY
	test -s "$DB-wal" &&
	rm "$DB" && sleep 1.5 && lists "$T/a.json" &&
	python3 "$HAMMER" snapshot "$M" "$T/a-after-rm.json" &&
	cmp "$T/a.json" "$T/a-after-rm.json" &&
	grep -q "i.db: the index file was deleted" "$LOG"'

expect 'replaced by another index: every answer is all old or all new' '
	rm -f "$T/stop" &&
	python3 "$HAMMER" run "$M" 3 "$T/stop" "$T/a.json" "$T/b.json" \
		>"$T/hammer.out" 2>&1 &
	hammer=$! && echo $hammer >>"$T/.pids" &&
	for i in $(seq 1 300); do [ -e "$T/stop.ready" ] && break; sleep 0.1; done &&
	sleep 0.5 && "$NEWSFS" index -q --db "$DB" "$B" && lists "$T/b.json";
	switched=$?;
	touch "$T/stop"; wait $hammer; rc=$?; cat "$T/hammer.out";
	test $switched = 0 && test $rc = 0 && grep -qE "(^| )A=[1-9]" "$T/hammer.out" &&
	grep -qE "(^| )B=[1-9]" "$T/hammer.out" &&
	grep -q "i.db: the index file was replaced; now serving the new one" "$LOG"'

expect 'afterwards every view shows the new index, and nothing of the old is in it' '
	python3 "$HAMMER" snapshot "$M" "$T/b-mounted.json" &&
	python3 - "$M" "$T/b.json" "$T/b-mounted.json" <<-PY
	import hashlib, json, os, sys
	mount, want = sys.argv[1], json.load(open(sys.argv[2]))
	if json.load(open(sys.argv[3])) != want:
	    sys.exit("articles/ is not the new index")
	seen = 0
	for view in ("by-country", "by-official", "by-date"):
	    for top, dirs, files in os.walk(os.path.join(mount, view)):
	        for f in files:
	            md5 = hashlib.md5(open(os.path.join(top, f), "rb").read())
	            if want.get(f, {}).get("md5") != md5.hexdigest():
	                sys.exit("%s/%s: not as in the new index" % (top, f))
	            seen += 1
	if seen < len(want):
	    sys.exit("only %d files in the views" % seen)
	PY
	test "$(db_sql "$DB" "select count(*) from change where name = '"'"'written to the deleted index'"'"'")" = 0'

expect 'a file opened before the switch never reads another article' '
	want=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]][\"md5\"])" \
		"$T/a.json" "$OPEN_NAME") &&
	got=$(md5sum <&7 2>"$T/err" | cut -d" " -f1); cat "$T/err";
	test "$got" = "$want" || grep -q "Stale file handle" "$T/err"'
exec 7<&-

expect 'the daemon ends cleanly after the switch' 'nfs_umount "$M" "$LOG"'

expect 'a mount through a symbolic link follows it to another index' '
	ln -s b-ref.db "$T/link.db" && nfs_mount "$T/link.db" "$T/m-link" &&
	log=$NFS_LOG && lists "$T/b.json" "$T/m-link" &&
	"$NEWSFS" index -q --db "$T/a2.db" "$A" && ln -sfn a2.db "$T/link.db" &&
	lists "$T/a.json" "$T/m-link" &&
	grep -q "link.db: the index file was replaced" "$log" &&
	nfs_umount "$T/m-link" "$log"'
