# newsfs index --watch: files that appear, change or vanish in the
# remembered folders show in the mount soon after they are closed; a
# concurrent writer of 1,000 files, some written slowly, leaves every one
# visible and none half-indexed.
. "$NEWSFS_TOP/tests/lib.sh"

DB=$T/index.db W=$T/news M=$T/mnt
mkdir -p "$W/old" "$M"
cp "$SAMPLE"/*.txt "$W/old/"
nfs_index "$DB" -q "$W" || fail_now "first run"
nfs_mount "$DB" "$M" || fail_now "mount"
MLOG=$NFS_LOG
( "$NEWSFS" index --watch --db "$DB" >"$T/watch.out" 2>"$T/watch.err" &
  echo $! >"$T/watch.pid"; wait $!; echo $? >"$T/watch.rc" ) &
for i in $(seq 50); do [ -s "$T/watch.pid" ] && break; sleep 0.1; done
WPID=$(cat "$T/watch.pid")
echo "$WPID" >>"$T/.pids"
# SIGTERM, then the watch's exit status once it ended.
stop_watch() {
	kill -TERM "$WPID" 2>/dev/null
	for i in $(seq 100); do [ -s "$T/watch.rc" ] && break; sleep 0.1; done
	return "$(cat "$T/watch.rc" 2>/dev/null || echo 99)"
}
narticles() { ls "$M/articles" | wc -l; }
# Wait up to $2 tenths of a second for the mount to hold $1 articles.
wait_for() {
	local i
	for i in $(seq 1 "$2"); do
		[ "$(narticles)" = "$1" ] && return 0
		sleep 0.1
	done
	echo "mount has $(narticles) articles, not $1" >&2
	return 1
}
for i in $(seq 50); do grep -q "watching" "$T/watch.err" && break; sleep 0.1; done

expect 'a new file shows in the mount within 2 s of being closed' '
	printf "Seoul, South Korea. A first watched article about Korea.\n" >"$W/new.txt" &&
	wait_for 6 20'

expect 'a new folder with files, a changed file and a removed one follow' '
	mkdir -p "$W/2024/07" &&
	printf "Tokyo, Japan. Watched in a new folder.\n" >"$W/2024/07/a.txt" &&
	wait_for 7 20 &&
	printf "Seoul, South Korea. The first article, rewritten.\n" >"$W/new.txt" &&
	sleep 1.5 && grep -rlq "first article, rewritten" "$M/articles" &&
	test "$(narticles)" = 7 &&
	rm "$W/new.txt" && wait_for 6 20 &&
	rm -r "$W/2024" && wait_for 5 20'

expect 'hidden and excluded files are left out as in a plain run' '
	printf "Paris, France. Hidden.\n" >"$W/.hidden.txt" &&
	sleep 1.5 && test "$(narticles)" = 5 && rm "$W/.hidden.txt"'

expect '1,000 files from a concurrent writer: every one in the mount, none half-indexed' '
	python3 - "$W/burst" <<-"PY" &&
	import os, sys, time, random
	d = sys.argv[1]
	os.makedirs(d)
	random.seed(7)
	for i in range(1000):
	    sub = os.path.join(d, "%02d" % (i % 20))
	    os.makedirs(sub, exist_ok=True)
	    body = ("Berlin, Germany. Burst article %d about Germany and France. " % i) * 20
	    with open(os.path.join(sub, "a%04d.txt" % i), "w") as f:
	        if i % 50 == 0:
	            # a scraper streaming a page: the end comes later
	            for part in range(4):
	                f.write(body[part * len(body) // 4:(part + 1) * len(body) // 4])
	                f.flush()
	                time.sleep(0.2)
	        else:
	            f.write(body)
	        f.write("\nEND %d\n" % i)
	PY
	echo "writer done at $SECONDS s" && wait_for 1005 300 && echo "all in at $SECONDS s" &&
	sleep 1 && echo "settled at $(narticles)" && test "$(narticles)" = 1005 &&
	python3 - "$M/articles" <<-"PY" &&
	import os, sys
	d = sys.argv[1]
	done = bad = 0
	for name in os.listdir(d):
	    body = open(os.path.join(d, name), "rb").read()
	    if b"Burst article" not in body:
	        continue
	    if body.rstrip(b"\n").split(b"\n")[-1].startswith(b"END "):
	        done += 1
	    else:
	        bad += 1
	        print("half-indexed:", name, len(body), "bytes")
	print(done, "complete,", bad, "half-indexed")
	sys.exit(0 if done == 1000 and bad == 0 else 1)
	PY
	"$NEWSFS" export --db "$DB" | grep -c "/burst/" | grep -qx 1000'

expect 'SIGTERM ends the watch with exit 0; the index then holds what the folders do' '
	stop_watch; rc=$? && cat "$T/watch.out" && test $rc = 0 &&
	"$NEWSFS" index --db "$DB" >"$T/out" && cat "$T/out" &&
	grep -q "^1005 files seen, 0 new articles, 0 duplicates, 1005 unchanged, 0 rejected, 0 vanished" "$T/out"'

expect 'the mount ends cleanly' 'nfs_umount "$M" "$MLOG"'
