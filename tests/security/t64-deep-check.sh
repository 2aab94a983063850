# newsfs check --deep: every source is read again and compared with the
# article the index holds for it. An in-place rewrite that keeps size and
# mtime (cp -p, touch -r) is invisible to the stamps `index` compares;
# check --deep finds it, and sources that went missing or unreadable.
. "$NEWSFS_TOP/tests/lib.sh"

D=$T/news DB=$T/index.db
make_corpus "$D"
nfs_index "$DB" "$D" >/dev/null || fail_now "index the corpus"
A=$D/000_d4e11ae205ea5e0b.txt B=$D/002_c5ceba19f725f479.txt

expect 'check --deep passes on a sound index and says how much it read' '
	"$NEWSFS" check --deep --db "$DB" >"$T/out" 2>"$T/err" &&
	cat "$T/out" && test ! -s "$T/err" &&
	grep -qx "5 articles checked, 6 sources read, 0 problems" "$T/out"'

# Same length, same mtime (to the nanosecond), same inode: a rewrite
# the stamps cannot see, as cp -p or touch -r leave it.
python3 - "$A" <<'PY'
import os, sys
p = sys.argv[1]
st = os.stat(p)
data = bytearray(open(p, "rb").read())
data[0:5] = b"XXXXX"
with open(p, "r+b") as f:
    f.write(data)
os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))
PY
cp -p "$B" "$T/b.orig"
sed 's/Japan/Nepal/' "$T/b.orig" >"$T/b.new" && touch -r "$B" "$T/b.new"
cp -p "$T/b.new" "$B"
touch -r "$T/b.orig" "$B"

expect 'the rewrite is invisible to index and to plain check' '
	nfs_index "$DB" "$D" >"$T/out" &&
	grep -q " 6 unchanged," "$T/out" &&
	"$NEWSFS" check --db "$DB" >"$T/out" &&
	grep -qx "5 articles checked, 0 problems" "$T/out"'

expect 'check --deep names each rewritten source and exits 1' '
	"$NEWSFS" check --deep --db "$DB" >"$T/out"; rc=$?
	cat "$T/out" && test $rc = 1 &&
	grep -qx "problem: $A: changed without a change of size, mtime or inode (touch it and run newsfs index)" "$T/out" &&
	grep -qx "problem: $B: changed without a change of size, mtime or inode (touch it and run newsfs index)" "$T/out" &&
	grep -qx "5 articles checked, 6 sources read, 2 problems" "$T/out"'

expect 'missing and unreadable sources are problems too' '
	rm "$D/sub/copy-of-003.txt" &&
	rm "$D/004_ca8a347960b21a6c.txt" && mkfifo "$D/004_ca8a347960b21a6c.txt" &&
	timeout 20 "$NEWSFS" check --deep --db "$DB" >"$T/out"; rc=$?
	cat "$T/out" && test $rc = 1 &&
	grep -qx "problem: $D/sub/copy-of-003.txt: cannot read: No such file or directory" "$T/out" &&
	grep -qx "problem: $D/004_ca8a347960b21a6c.txt: cannot read: not a regular file" "$T/out" &&
	grep -qx "5 articles checked, 4 sources read, 4 problems" "$T/out"'

expect 'a file changed the ordinary way is left to the next index run' '
	rm "$D/004_ca8a347960b21a6c.txt" "$D/sub" -rf && nfs_index "$DB" "$D" >/dev/null &&
	cp "$T/b.orig" "$B" && touch -d "2001-01-01" "$B" &&
	echo "one more line" >>"$A" &&
	"$NEWSFS" check --deep --db "$DB" >"$T/out"; rc=$?
	cat "$T/out" && test $rc = 0 &&
	grep -qx "2 sources changed since the last index run, left to the next one" "$T/out" &&
	grep -qx "4 articles checked, 2 sources read, 0 problems" "$T/out"'

expect 'paths are escaped, one problem per line' '
	mkdir "$T/odd" && f="$T/odd/$(printf "a\nb.txt")" &&
	cp "$SAMPLE/000_d4e11ae205ea5e0b.txt" "$f" &&
	nfs_index "$T/odd.db" "$T/odd" >/dev/null && rm "$f" &&
	"$NEWSFS" check --deep --db "$T/odd.db" >"$T/out"; test $? = 1 &&
	grep -qxF "problem: $T/odd/a\\nb.txt: cannot read: No such file or directory" "$T/out"'

expect 'check --help describes --deep' '
	"$NEWSFS" check --help | grep -q -- "--deep"'
