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
