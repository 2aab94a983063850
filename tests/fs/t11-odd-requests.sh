# The mount survives odd requests and answers each with the right errno.
. "$NEWSFS_TOP/tests/lib.sh"

SRC=$T/corpus DB=$T/index.db M=$T/mnt
make_corpus "$SRC"
"$NEWSFS" index -q --db "$DB" "$SRC" || fail_now "index the sample corpus"
nfs_mount "$DB" "$M" || fail_now "mount the sample corpus"
F=$(ls "$M/articles" | head -1)

expect 'a 255-byte name that does not exist is ENOENT' '
	test "$(errno_of stat "$M/articles/$(printf "%0255d" 0)")" = ENOENT'

expect 'a 256-byte name is ENAMETOOLONG' '
	test "$(errno_of stat "$M/articles/$(printf "%0256d" 0)")" = ENAMETOOLONG'

expect '.. leads back up through every view' '
	test "$(cd "$M/by-country/Japan/../.." && ls | tr "\n" " ")" = \
	     "articles by-country by-date by-official by-source query search " &&
	test "$(cd "$M/query/country=Japan/../.." && pwd)" = "$M" &&
	test "$(cd "$M/by-date/2024/07/28/../../../.." && pwd)" = "$M"'

expect 'names that are not there are ENOENT in every kind of folder' '
	for p in nope articles/nope by-country/Atlantis by-official/Nobody \
		 by-date/2099 by-date/abcd by-date/2024/13 by-date/2024/00 \
		 by-date/2024/7 by-date/2024/07/32 by-date/2024/07/01 \
		 by-date/undated/nope "by-country/Japan/nope.txt" \
		 by-date/+024 by-date/2024/07/28/nope; do
		test "$(errno_of stat "$M/$p")" = ENOENT ||
			{ echo "$p: $(errno_of stat "$M/$p")"; exit 1; }
	done'

expect 'a path below a file is ENOTDIR' '
	test "$(errno_of stat "$M/articles/$F/x")" = ENOTDIR &&
	test "$(errno_of listdir "$M/articles/$F")" = ENOTDIR'

expect 'reading a folder as a file is EISDIR' '
	test "$(errno_of read "$M/articles")" = EISDIR'

expect 'opening for writing or creating is EROFS' '
	test "$(errno_of open "$M/articles/$F" w)" = EROFS &&
	test "$(errno_of open "$M/articles/new.txt" c)" = EROFS'

expect 'reads past the end return nothing' '
	test "$(dd if="$M/articles/$F" bs=1 skip=10000000 count=10 2>/dev/null | wc -c)" = 0'

expect 'thousands of failed lookups leave the mount answering' '
	python3 - "$M" <<"PY" &&
import os, sys
m = sys.argv[1]
for i in range(5000):
    for p in ("articles/missing-%d.txt" % i, "by-country/X%d" % i,
              "by-date/%04d" % (i % 10000), "by-official/%s" % ("y" * (i % 300))):
        try:
            os.stat(os.path.join(m, p))
        except OSError:
            pass
PY
	ls "$M/articles" | grep -qF "$F"'

expect 'the daemon is still up and exits cleanly at unmount' '
	nfs_umount "$M"'
