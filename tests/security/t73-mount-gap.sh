# When the change journal no longer reaches back to what a mount last
# read (its rows are dropped after some minutes; the daemon was stopped
# meanwhile), every cached folder is refreshed, not only the fixed ones.
. "$NEWSFS_TOP/tests/lib.sh"

SRC=$T/corpus DB=$T/index.db M=$T/mnt
make_corpus "$SRC"
"$NEWSFS" index -q --db "$DB" "$SRC" || fail_now "index the corpus"
nfs_mount "$DB" "$M" || fail_now "mount"
PID=$(cat "$NFS_LOG.pid")

# The folders an article is in, by its xattrs, one per line.
folders_of() { # folders_of FILE-IN-articles/
	local f=$1 d
	xa() { getfattr --absolute-names --only-values -n "user.newsfs.$1" "$f" 2>/dev/null; echo; }
	d=$(xa date)
	[ -n "$d" ] && echo "by-date/${d:0:4}/${d:5:2}/${d:8:2}"
	xa countries | tr '|' '\n' | sed '/^$/d; s|^|by-country/|'
	xa officials | tr '|' '\n' | sed '/^$/d; s|^|by-official/|'
}

# Remove article $1 (a name in articles/) while the daemon is stopped,
# drop the journal rows that say so, run $2 (more SQL on the index), and
# let the daemon go on. Its folders' listings are in the kernel's cache.
remove_unseen() { # remove_unseen NAME SQL
	local name=$1 sql=$2 src
	folders_of "$M/articles/$name" >"$T/folders"
	test -s "$T/folders" || return 1
	while read -r d; do ls "$M/$d" >/dev/null || return 1; done <"$T/folders"
	src=$(getfattr --absolute-names --only-values -n user.newsfs.sources \
		"$M/articles/$name")
	kill -STOP "$PID" || return 1
	echo "$src" | while read -r s; do rm -f "$s"; done &&
	"$NEWSFS" index -q --db "$DB" "$SRC" &&
	db_sql "$DB" "delete from change" ${sql:+"$sql"}
	local rc=$?
	kill -CONT "$PID"
	return $rc
}

# Within 2 s, no folder of $T/folders lists $1 (or the folder is gone).
gone_everywhere() { # gone_everywhere NAME
	local i d left
	for i in $(seq 1 20); do
		left=0
		while read -r d; do
			ls "$M/$d" 2>/dev/null | grep -qxF "$1" && left=1
		done <"$T/folders"
		[ $left = 0 ] && return 0
		sleep 0.1
	done
	echo "still listed in:" && while read -r d; do
		ls "$M/$d" 2>/dev/null | grep -qxF "$1" && echo "  $d"
	done <"$T/folders"
	return 1
}

expect 'a gap with the journal emptied: every folder of a removed article forgets it' '
	name=$(ls "$M/by-official/$(ls "$M/by-official" | head -1)" | head -1) &&
	remove_unseen "$name" "" && gone_everywhere "$name" &&
	! test -e "$M/articles/$name" &&
	grep -q "the change journal no longer reaches back" "$NFS_LOG"'

expect 'a gap with later rows in the journal: the same' '
	name=$(ls "$M/by-country/Japan" | head -1) &&
	remove_unseen "$name" \
		"insert into change(at, folder, key, name) values (strftime('"'"'%s'"'"'), 0, 0, '"'"''"'"')" &&
	gone_everywhere "$name" && ! test -e "$M/articles/$name" &&
	test "$(grep -c "the change journal no longer reaches back" "$NFS_LOG")" = 2'

expect 'the rest of the tree still reads after the refresh' '
	test "$(find "$M/articles" -type f | wc -l)" -ge 2 &&
	find "$M" -type f -exec cat {} + >/dev/null &&
	nfs_umount "$M"'
