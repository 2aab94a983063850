# query/ folders' nodes are forgotten like every other node: the daemon
# keeps one node per query folder the kernel holds (user.newsfs.folders
# on query/ counts them) and frees it when the kernel sends FORGET.
#
# The kernel forgets a FUSE inode when its last dentry goes: here
# because the daemon itself invalidates the entries, as it does when the
# index file at its path is replaced (watch.c: the root's entries, and
# with them every unused entry below). The index is mounted through a
# symbolic link, and the link is pointed at a second index of the same
# articles. Nothing outside this test's folder is touched: no umount
# (it would free everything anyway), no drop_caches, no cgroup.
. "$NEWSFS_TOP/tests/lib.sh"

SRC=$T/corpus M=$T/mnt
make_generated "$SRC" 200
"$NEWSFS" index -q --db "$T/a.db" "$SRC" && "$NEWSFS" index -q --db "$T/b.db" "$SRC" ||
	fail_now "index the corpus twice"
ln -s a.db "$T/link.db" || fail_now "link the index"
nfs_mount "$T/link.db" "$M" || fail_now "mount"
LOG=$NFS_LOG
A=$(ls "$M/by-country" | head -1)

# Walk 301 distinct query folders (200 at the top, one with 100 below
# it), keep one open, point the link at the other index and wait for the
# daemon to take it: the nodes the kernel no longer uses must be freed,
# and exactly the open one and its parent kept. (Once closed, those two
# stay in the kernel's cache, unreachable, until it reclaims them.)
expect 'query folders the kernel forgets are freed; those it still uses are kept' '
	python3 - "$M" "$A" "$T" "$LOG" <<-PY
	import os, sys, time
	mnt, country, tmp, log = sys.argv[1:]
	q = mnt + "/query"
	def held():
	    return int(os.getxattr(q, "user.newsfs.folders"))
	def wait(cond, secs):
	    end = time.time() + secs
	    while time.time() < end:
	        if cond():
	            return True
	        time.sleep(0.1)
	    return cond()
	base = held()
	if base != 0:
	    sys.exit("held %d folders before any query" % base)
	for i in range(200):
	    os.listdir("%s/text=zq%dx|report" % (q, i))
	top = "%s/country=%s" % (q, country)
	for i in range(100):
	    os.listdir("%s/!text=zq%dy" % (top, i))
	walked = held()
	print("after the walk: %d held" % walked)
	# Each folder is one node while the kernel holds it; the kernel may
	# drop a few under memory pressure, which is what is tested below.
	if walked > 301 or walked < 250:
	    sys.exit("%d folders held after walking 301" % walked)
	fd = os.open("%s/!text=zq0y" % top, os.O_RDONLY | os.O_DIRECTORY)
	os.symlink("b.db", tmp + "/link.new")
	os.rename(tmp + "/link.new", tmp + "/link.db")
	if not wait(lambda: "now serving the new one" in open(log).read(), 20):
	    sys.exit("the daemon did not take the new index")
	if not wait(lambda: held() <= 2, 20):
	    sys.exit("%d folders still held after the kernel dropped them" % held())
	kept = held()
	print("after the switch, one folder open: %d held" % kept)
	if kept != 2:
	    sys.exit("the open folder and its parent must stay: %d held" % kept)
	os.close(fd)
	PY'

expect 'the daemon unmounts cleanly' 'nfs_umount "$M" "$LOG"'
