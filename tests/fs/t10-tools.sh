# The mounted tree works with the tools people already use.
. "$NEWSFS_TOP/tests/lib.sh"

SRC=$T/corpus DB=$T/index.db M=$T/mnt
make_corpus "$SRC"
make_bad_inputs "$SRC/bad"
"$NEWSFS" index -v --db "$DB" "$SRC" >"$T/index.out" 2>"$T/index.err"
echo $? >"$T/index.rc"
nfs_mount "$DB" "$M" || fail_now "mount the sample corpus"

expect 'index exits 1 and names each rejected input' '
	test "$(cat "$T/index.rc")" = 1 &&
	grep -q "nul.txt: not an article: binary data" "$T/index.err" &&
	grep -q "empty.txt: not an article: empty file" "$T/index.err" &&
	grep -q "blank.txt: not an article: no text" "$T/index.err" &&
	grep -q "fifo.txt: not a regular file (FIFO)" "$T/index.err" &&
	grep -q "dangling.txt: dangling symbolic link" "$T/index.err" &&
	grep -q "loop-a.txt: symbolic link loop" "$T/index.err" &&
	grep -q "huge.txt: larger than the size limit" "$T/index.err"'

expect 'the root shows the views' '
	test "$(ls "$M" | tr "\n" " ")" = \
	     "articles by-country by-date by-official by-source query search "'

expect 'articles/ holds every distinct article once' '
	test "$(ls "$M/articles" | wc -l)" = 5'

expect 'ls -l shows read-only files with exact sizes, without errors' '
	ls -l "$M/articles" >"$T/ls" 2>"$T/ls.err" && test ! -s "$T/ls.err" &&
	! grep -v "^total" "$T/ls" | grep -v "^-r--r--r-- " &&
	for f in "$M"/articles/*; do
		test "$(stat -c %s "$f")" = "$(wc -c <"$f")" || exit 1
	done'

expect 'cd into a country folder and list it' '
	(cd "$M/by-country/Japan" && ls | grep -q .)'

expect 'every article is byte-identical to its source (cmp)' '
	for f in "$M"/articles/*; do
		src=$(getfattr --only-values -n user.newsfs.sources "$f" | head -1) &&
		cmp "$f" "$src" || exit 1
	done'

expect 'an article has one inode in every view, and nlink counts them' '
	f=$(ls "$M/by-country/Japan" | head -1) &&
	ino=$(stat -c %i "$M/articles/$f") &&
	test "$(find "$M" -name "$f" -printf "%i\n" | sort -u)" = "$ino" &&
	test "$(find "$M" -name "$f" | wc -l)" = "$(stat -c %h "$M/articles/$f")"'

expect 'find terminates and counts match the index' '
	timeout 20 find "$M" -type f >"$T/find" &&
	printf "%s\n" "$M/query/README" "$M/search/README" >"$T/readmes" &&
	grep "^$M/query/\|^$M/search/" "$T/find" | cmp - "$T/readmes" &&
	test "$(grep -vxFf "$T/readmes" "$T/find" | xargs -d "\n" stat -c %i | sort -u | wc -l)" = 5 &&
	n=$(for f in "$M"/articles/*; do
		getfattr -n user.newsfs.countries --only-values "$f"; echo
	    done | tr "|" "\n" | grep -c .) &&
	test "$(find "$M/by-country" -type f | wc -l)" = "$n"'

expect 'grep -r finds the same articles as on the source files' '
	for w in Japan "Freedom Edge" Kihara Honolulu Pyongyang; do
		test "$(grep -rlZ "$w" "$M/articles" | hashes0)" = \
		     "$(grep -lZ "$w" "$SRC"/*.txt | hashes0)" || exit 1
	done'

expect 'rg finds the same articles as on the source files' '
	for w in Japan "Freedom Edge" Kihara; do
		test "$(rg -l0 "$w" "$M/articles" | hashes0)" = \
		     "$(rg -l0 "$w" "$SRC"/*.txt | hashes0)" || exit 1
	done'

expect 'grep -r over the whole tree terminates' '
	timeout 20 grep -rl Seoul "$M" >/dev/null'

expect 'du counts each article once' '
	total=$(du -sb "$M" | cut -f1) &&
	arts=$(du -sb "$M/articles" | cut -f1) &&
	dirs=$(find "$M" -type d | wc -l) &&
	readmes=$(cat "$M/query/README" "$M/search/README" | wc -c) &&
	test "$total" = $((arts - 4096 + dirs * 4096 + readmes))'

expect 'tar round-trips the tree with hard links' '
	tar -C "$M" -cf "$T/tree.tar" . &&
	mkdir "$T/untar" && tar -C "$T/untar" -xf "$T/tree.tar" &&
	diff -r "$M" "$T/untar" &&
	test "$(find "$T/untar" -type f -links +1 | wc -l)" -ge 5'

expect 'getfattr shows date, countries, officials, hash and sources' '
	f=$(ls "$M"/by-date/2024/07/28/* | head -1) &&
	getfattr -d "$f" >"$T/xattr" &&
	grep -q "^user.newsfs.date=\"2024-07-28\"" "$T/xattr" &&
	grep -q "^user.newsfs.countries=.*Japan" "$T/xattr" &&
	grep -q "^user.newsfs.officials=" "$T/xattr" &&
	grep -q "^user.newsfs.hash=\"[0-9a-f]\{32\}\"" "$T/xattr" &&
	grep -q "copy-of-003.txt" "$T/xattr"'

expect 'an unknown user attribute is ENODATA, other namespaces ENOTSUP' '
	f=$(ls "$M"/articles/* | head -1) &&
	! getfattr -n user.nope "$f" 2>"$T/err" &&
	grep -q "No such attribute" "$T/err" &&
	! getfattr -n security.selinux "$f" 2>"$T/err" &&
	grep -q "Operation not supported" "$T/err" &&
	! getfattr -n system.posix_acl_access "$f" 2>"$T/err" &&
	grep -q "Operation not supported" "$T/err"'

expect 'st_mtime is the article date' '
	f=$(ls "$M"/by-date/2024/07/28/* | head -1) &&
	test "$(date -u -d "@$(stat -c %Y "$f")" +%F)" = 2024-07-28 &&
	find "$M/articles" -newermt 2024-07-01 ! -newermt 2024-08-01 |
	    grep -q "2024-07-28"'

expect 'cat and less show the original bytes' '
	f=$(ls "$M"/articles/* | head -1) &&
	src=$(getfattr --only-values -n user.newsfs.sources "$f" | head -1) &&
	cat "$f" | cmp - "$src" &&
	less -F "$f" </dev/null | cmp - "$src"'

expect 'vim -R opens an article without errors' '
	f=$(ls "$M"/articles/* | head -1) &&
	src=$(getfattr --only-values -n user.newsfs.sources "$f" | head -1) &&
	HOME=$T vim -R -b -E -s -N -u NONE -c "w! $T/vimcopy" -c "qa!" "$f" \
	    </dev/null >"$T/vim.out" 2>&1 &&
	cmp "$T/vimcopy" "$src"'

expect 'writing fails with Read-only file system' '
	f=$(ls "$M"/articles/* | head -1) &&
	! (echo x >>"$f") 2>"$T/err1" && grep -q "Read-only file system" "$T/err1" &&
	! touch "$M/articles/new.txt" 2>"$T/err2" &&
	grep -q "Read-only file system" "$T/err2" &&
	! mkdir "$M/by-country/Atlantis" 2>"$T/err3" &&
	grep -q "Read-only file system" "$T/err3" &&
	! rm -f "$f" 2>"$T/err4" && grep -q "Read-only file system" "$T/err4" &&
	! mv "$f" "$M/articles/x.txt" 2>"$T/err5" &&
	grep -q "Read-only file system" "$T/err5"'

expect 'the daemon exits cleanly at unmount' 'nfs_umount "$M"'
