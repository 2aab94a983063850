# Limits: user.newsfs.sources of an article with a thousand copies fits
# the 64 KiB a value may have (the rest are counted, and the command that
# lists them is named), and paths longer than PATH_MAX are indexed and
# shown.
. "$NEWSFS_TOP/tests/lib.sh"

export HOME=$T/home XDG_DATA_HOME=$T/home/.local/share
mkdir -p "$HOME"
DB=$T/index.db M=$T/mnt
ONE=$SAMPLE/003_0def9fb4c96538bf.txt

# 1,000 copies, each under a path of about 100 bytes: 100 KB of paths.
python3 - "$T/copies" "$ONE" <<'PY' || fail_now "make the copies"
import os, shutil, sys
out, one = sys.argv[1:]
for i in range(1000):
    d = os.path.join(out, "mirror-%04d" % i, "world-news-desk")
    os.makedirs(d)
    shutil.copy(one, os.path.join(d, "copy-of-the-same-wire-story-%04d.txt" % i))
PY
mkdir -p "$T/few" && for i in 1 2 3; do cp "$ONE" "$T/few/c$i.txt"; done
cp "$SAMPLE/000_d4e11ae205ea5e0b.txt" "$T/few/other.txt"
"$NEWSFS" index -q --db "$DB" "$T/copies" || fail_now "index the copies"
"$NEWSFS" index -q --db "$T/few.db" "$T/few" || fail_now "index a few copies"
nfs_mount "$DB" "$M" || fail_now "mount"
F=$(ls -d "$M"/articles/*)

expect 'user.newsfs.sources of an article with 1,000 copies is read, in 64 KiB at most' '
	getfattr --only-values -n user.newsfs.sources "$F" >"$T/sources" &&
	size=$(wc -c <"$T/sources") && echo "$size bytes" &&
	test "$size" -le 65536 && test "$size" -gt 60000'

expect 'the list starts with the first paths in order and ends saying how many were left out' '
	head -n -1 "$T/sources" >"$T/listed" &&
	"$NEWSFS" export --db "$DB" | tail -n +2 | cut -f1 | sort >"$T/all" &&
	n=$(wc -l <"$T/listed") && head -n "$n" "$T/all" | cmp - "$T/listed" &&
	hash=$(getfattr --only-values -n user.newsfs.hash "$F") &&
	tail -n 1 "$T/sources" >"$T/note" && cat "$T/note" &&
	grep -qx "\.\.\. and $((1000 - n)) more; all of them: newsfs export --db .$DB. | grep $hash" "$T/note"'

expect 'the command it names lists every copy' '
	cmd=$(tail -n 1 "$T/sources" | sed "s/^.*all of them: //") &&
	(export PATH="$(dirname "$NEWSFS"):$PATH"; eval "$cmd") | cut -f1 | sort | cmp - "$T/all"'

expect 'the size query agrees with the value, and getfattr -d dumps every attribute' '
	python3 -c "import os,sys; print(len(os.getxattr(sys.argv[1], \"user.newsfs.sources\")))" "$F" >"$T/len" &&
	test "$(cat "$T/len")" = "$(wc -c <"$T/sources")" &&
	getfattr -d "$F" >"$T/dump" 2>&1 && grep -q "^user.newsfs.sources=" "$T/dump"'

expect 'a few copies are all listed, with no note' '
	nfs_umount "$M" && nfs_mount "$T/few.db" "$M" &&
	f=$(grep -l "" "$M"/articles/* | while read -r a; do
		getfattr --only-values -n user.newsfs.sources "$a" | grep -q c1.txt && echo "$a"; done) &&
	getfattr --only-values -n user.newsfs.sources "$f" >"$T/few.src" &&
	printf "%s\n" "$T/few/c1.txt" "$T/few/c2.txt" "$T/few/c3.txt" | cmp - <(cat "$T/few.src"; echo) &&
	nfs_umount "$M"'

# A tree deeper than PATH_MAX (4,096 bytes is the kernel's limit for one
# path argument, not for a file's path in a tree): made, read and removed
# through folder descriptors, as find(1) walks such a tree.
deep() { # deep ROOT make|remove
	python3 - "$1" "$2" "$ONE" <<'PY'
import os, sys
root, what, one = sys.argv[1:]
os.makedirs(root, exist_ok=True)
fd = os.open(root, os.O_RDONLY)
for i in range(24):
    name = "%02d-" % i + "d" * 200
    if what == "make":
        os.mkdir(name, dir_fd=fd)
    nfd = os.open(name, os.O_RDONLY, dir_fd=fd)
    os.close(fd)
    fd = nfd
if what == "make":
    w = os.open("deep.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
    os.write(w, open(one, "rb").read())
    os.close(w)
else:
    os.unlink("deep.txt", dir_fd=fd)
PY
}
deep "$T/deep" make || fail_now "make a deep tree"

expect 'a file whose path is longer than PATH_MAX is indexed like any other' '
	"$NEWSFS" index --db "$T/deep.db" "$T/deep" >"$T/out" 2>"$T/err"; rc=$?
	cat "$T/out" "$T/err" | cut -c1-200 && test $rc = 0 && test ! -s "$T/err" &&
	grep -q "^1 files seen, 1 new articles, " "$T/out" &&
	len=$("$NEWSFS" export --db "$T/deep.db" | awk -F"\t" "NR == 2 { print length(\$1) }") &&
	echo "path of $len bytes" && test "$len" -gt 4096'

expect 'its mount shows it, and its source path whole' '
	nfs_mount "$T/deep.db" "$M" && cmp "$M"/articles/* "$ONE" &&
	getfattr --only-values -n user.newsfs.sources "$M"/articles/* >"$T/deep.src" &&
	test "$(wc -c <"$T/deep.src")" -gt 4096 && nfs_umount "$M"'

expect 'a next run finds it unchanged, and forgets it once it is gone' '
	"$NEWSFS" index --db "$T/deep.db" "$T/deep" | grep -q " 1 unchanged," &&
	deep "$T/deep" remove &&
	"$NEWSFS" index --db "$T/deep.db" "$T/deep" | grep -q " 1 vanished," &&
	test "$("$NEWSFS" stats --db "$T/deep.db" | awk "\$1 == \"articles\" { print \$2 }")" = 0'
