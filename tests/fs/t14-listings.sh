# Folders too big for one reply: the kernel asks for them in many
# READDIRPLUS requests, each going on from the offset of the last entry
# of the one before. Whatever the reader's buffer, however many read at
# once, and across index runs, a listing holds every entry once and
# nothing the index no longer has.
. "$NEWSFS_TOP/tests/lib.sh"

SRC=$T/corpus DB=$T/index.db M=$T/mnt M2=$T/fresh
LISTDIR=$NEWSFS_TOP/tests/fs/listdir.py
"$NEWSFS_TOP/scripts/gen-corpus" "$SRC" 3000 7 >/dev/null ||
	fail_now "generate a corpus of 3,000 articles"
"$NEWSFS" index -q --db "$DB" "$SRC" || fail_now "index the corpus"
nfs_mount "$DB" "$M" || fail_now "mount"

# Forget the kernel's cached listings of the given folders, so that the
# next reader lists them from the daemon again.
drop_listings() {
	python3 -c 'import os, sys
for d in sys.argv[1:]:
    fd = os.open(d, os.O_RDONLY | os.O_DIRECTORY)
    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    os.close(fd)' "$@"
}

# The most populated country folder, for a view that joins two tables
# (found as scripts/bench finds it).
big_country() {
	(cd "$M" && find . -mindepth 1 -printf "%i\t%y\t%P\0") >"$T/listing" &&
	"$NEWSFS_TOP/scripts/bench-tool" largest "$T/listing" by-country |
		cut -f1
}

expect 'articles/ lists every distinct article once, over many replies' '
	n=$("$NEWSFS" export --db "$DB" | tail -n +2 | cut -f2 | sort -u | wc -l) &&
	python3 "$LISTDIR" "$M/articles" >"$T/ref" &&
	test "$(wc -l <"$T/ref")" = "$n" && test "$n" -gt 2500 &&
	test -z "$(sort "$T/ref" | uniq -d)" &&
	ls -f "$M/articles" | grep -v "^\.\.\?$" | cmp - "$T/ref"'

expect 'readers with small buffers get the same names in the same order' '
	for size in 32768 4096 1000 300; do
		drop_listings "$M/articles" &&
		python3 "$LISTDIR" "$M/articles" $size | cmp - "$T/ref" || exit 1
	done'

expect 'four readers listing one folder at once each get all of it' '
	c=$(big_country) && test -n "$c" &&
	python3 "$LISTDIR" "$M/by-country/$c" >"$T/country.ref" &&
	test "$(wc -l <"$T/country.ref")" -gt 300 &&
	for round in 1 2 3; do
		drop_listings "$M/articles" "$M/by-country/$c" &&
		pids= &&
		for i in 1 2 3 4; do
			python3 "$LISTDIR" "$M/articles" $((300 * i)) >"$T/a$i" &
			pids="$pids $!"
			python3 "$LISTDIR" "$M/by-country/$c" >"$T/c$i" &
			pids="$pids $!"
		done &&
		for p in $pids; do wait $p || exit 1; done &&
		for i in 1 2 3 4; do
			cmp "$T/a$i" "$T/ref" && cmp "$T/c$i" "$T/country.ref" ||
				exit 1
		done
	done'

# Which names the daemon sends in the reply after the one that holds
# entry FIRST (counting from 1, after "." and ".."), if every reply is
# SIZE bytes of readdirplus entries (152 bytes before the name, padded to
# 8), as the kernel asks them for articles/.
next_reply() { # next_reply LISTING FIRST SIZE
	python3 -c 'import sys
names = [l.rstrip("\n").encode() for l in open(sys.argv[1])]
first, size = int(sys.argv[2]), int(sys.argv[3])
ents, starts, used = [b".", b".."] + names, [0], 0
for i, n in enumerate(ents):
    n = (152 + len(n) + 7) & ~7
    if used + n > size:
        starts.append(i)
        used = 0
    used += n
starts.append(len(ents))
r = max(k for k, s in enumerate(starts) if s <= first + 1)
for n in ents[starts[r + 1]:starts[r + 2]]:
    print(n.decode())' "$@"
}

# A reader lists the first part of articles/ and stops. An index run
# removes the articles of the next reply. A reader that lists the folder
# afterwards asks for the same reply (what comes before is unchanged) and
# must get it from the new index.
expect 'a listing after an index run holds no article it removed' '
	drop_listings "$M/articles" || exit 1
	python3 "$LISTDIR" "$M/articles" 32768 "$T/go" >"$T/paused" &
	reader=$! &&
	for i in $(seq 1 100); do grep -qx -- -- "$T/paused" && break; sleep 0.05; done &&
	first=$(sed -n "/^--$/q;p" "$T/paused" | wc -l) && test "$first" -gt 0 &&
	next_reply "$T/ref" "$first" 32768 >"$T/gone" &&
	test "$(wc -l <"$T/gone")" -gt 50 &&
	while read -r f; do
		getfattr --absolute-names --only-values -n user.newsfs.sources "$M/articles/$f"
		echo
	done <"$T/gone" | grep . | while read -r src; do rm -f "$src"; done &&
	"$NEWSFS" index -q --db "$DB" "$SRC" && sleep 2 &&
	python3 "$LISTDIR" "$M/articles" >"$T/after" &&
	touch "$T/go" && wait $reader &&
	test "$(wc -l <"$T/after")" -gt 2000 &&
	{ ! grep -xFf "$T/gone" "$T/after" || { echo "listed after removal"; exit 1; }; } &&
	! sed "1,/^--$/d" "$T/paused" | grep -qxFf "$T/gone"'

expect 'listings dropped after an index run equal a fresh mount of it' '
	c=$(big_country) &&
	drop_listings "$M/articles" "$M/by-country/$c" &&
	nfs_mount "$DB" "$M2" &&
	python3 "$LISTDIR" "$M/articles" 1000 >"$T/live.a" &&
	python3 "$LISTDIR" "$M2/articles" >"$T/fresh.a" &&
	cmp "$T/live.a" "$T/fresh.a" &&
	python3 "$LISTDIR" "$M/by-country/$c" 500 >"$T/live.c" &&
	python3 "$LISTDIR" "$M2/by-country/$c" >"$T/fresh.c" &&
	cmp "$T/live.c" "$T/fresh.c" && ! cmp -s "$T/fresh.a" "$T/ref" &&
	nfs_umount "$M2"'

expect 'the daemon exits cleanly at unmount' 'nfs_umount "$M"'
