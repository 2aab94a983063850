# A phrase query is exactly a plain scan: for 50 random phrases from the
# Reuters-21578 and BBC News corpora (../shared, read in place), the
# articles query/text="PHRASE" lists are those whose text holds the
# phrase's words one after another, case, accents, punctuation and line
# breaks aside.
. "$NEWSFS_TOP/tests/lib.sh"

SHARED=$NEWSFS_TOP/../shared/corpora
R=$SHARED/reuters21578/dev/articles BBC=$SHARED/bbc-news/articles
if [ ! -d "$R" ] || [ ! -d "$BBC" ]; then
	skip 'phrase queries equal a plain scan of Reuters and BBC' "no corpora at $SHARED"
	exit 0
fi
DB=$T/index.db M=$T/mnt
"$NEWSFS" index -q --db "$DB" "$R" "$BBC" || fail_now "index Reuters and BBC"
nfs_mount "$DB" "$M" || fail_now "mount"

expect 'phrase queries equal a plain scan on Reuters and BBC (50 phrases)' '
	python3 "$NEWSFS_TOP/tests/fs/phrase_scan.py" "$M" 50 31 >"$T/out" ||
		{ cat "$T/out"; exit 1; }
	test "$(grep -c " scan " "$T/out")" = 50'

expect 'the daemon unmounts cleanly' 'nfs_umount "$M"'
