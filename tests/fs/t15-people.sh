# Officials across articles and the user's corrections, as a mount shows
# them: a person titled in one article counts in every article naming
# them, whatever order the runs saw them in, and a changed corrections
# file shows in the mount after the next run.
. "$NEWSFS_TOP/tests/lib.sh"

export HOME=$T XDG_CONFIG_HOME=$T/config XDG_DATA_HOME=$T/data
SRC=$T/corpus DB=$T/index.db M=$T/mnt FIX=$XDG_CONFIG_HOME/newsfs/corrections
mkdir -p "$SRC" "$XDG_CONFIG_HOME/newsfs"

story() { # story FILE HEADLINE TEXT
	printf "%s\n\n%s\n" "$2" "$3" >"$1"
}
story "$T/a.txt" "Fed watch" \
	"Alan Greenspan told the Senate banking committee on Tuesday that rates would hold. Mr Greenspan spoke for an hour."
story "$T/b.txt" "Fed chief speaks" \
	"Federal Reserve Board chairman Alan Greenspan said rates would stay where they are."
story "$T/c.txt" "Georgia vote" \
	"Voters across the United States went to the polls. John Smith, a farmer, said he voted early."

officials() { # officials DB: path<TAB>officials, paths made relative
	"$NEWSFS" export --db "$1" | cut -f1,5 | sed "s|^$T/[^/]*/||" | sort
}

expect 'a later run makes an earlier article count, in either order' '
	mkdir "$T/ab" "$T/ba" "$T/fresh" &&
	cp "$T/a.txt" "$T/ab/" && "$NEWSFS" index -q --db "$T/ab.db" "$T/ab" &&
	"$NEWSFS" export --db "$T/ab.db" | grep -q "a.txt	[0-9a-f]*			$" &&
	cp "$T/b.txt" "$T/ab/" && "$NEWSFS" index -q --db "$T/ab.db" "$T/ab" &&
	cp "$T/b.txt" "$T/ba/" && "$NEWSFS" index -q --db "$T/ba.db" "$T/ba" &&
	cp "$T/a.txt" "$T/ba/" && "$NEWSFS" index -q --db "$T/ba.db" "$T/ba" &&
	cp "$T/a.txt" "$T/b.txt" "$T/fresh/" &&
	"$NEWSFS" index -q --db "$T/fresh.db" "$T/fresh" &&
	officials "$T/fresh.db" >"$T/want" &&
	grep -qx "a.txt	Alan Greenspan" "$T/want" &&
	officials "$T/ab.db" | cmp - "$T/want" &&
	officials "$T/ba.db" | cmp - "$T/want"'

cp "$T/a.txt" "$T/c.txt" "$SRC/"
"$NEWSFS" index -q --db "$DB" "$SRC" || fail_now "index the corpus"
nfs_mount "$DB" "$M" || fail_now "mount"

expect 'an article titling a person makes the mount show the others' '
	test ! -e "$M/by-official/Alan Greenspan" &&
	cp "$T/b.txt" "$SRC/" && "$NEWSFS" index -q --db "$DB" "$SRC" &&
	within_2s "$M/by-official/Alan Greenspan/Fed watch.txt" &&
	test -e "$M/by-official/Alan Greenspan/Fed chief speaks.txt" &&
	test "$(stat -c %h "$M/articles/Fed watch.txt")" = 4'

expect 'corrections apply at the next run and the mount shows them' '
	cat >"$FIX" <<-EOF &&
	# what the text gets wrong
	ignore Alan Greenspan in $SRC/a.txt
	official John Smith
	ignore country United States
	date $SRC/c.txt 2004-11-02
	EOF
	test -e "$M/by-country/United States" &&
	"$NEWSFS" index --db "$DB" "$SRC" >"$T/out" &&
	grep -q " concerned by changed corrections, " "$T/out" &&
	within_2s ! "$M/by-official/Alan Greenspan/Fed watch.txt" &&
	test -e "$M/by-official/Alan Greenspan/Fed chief speaks.txt" &&
	within_2s "$M/by-official/John Smith/2004-11-02 Georgia vote.txt" &&
	test -e "$M/by-date/2004/11/02/2004-11-02 Georgia vote.txt" &&
	test ! -e "$M/by-country/United States"'

expect 'only the articles a changed correction concerns are read again' '
	"$NEWSFS" index --db "$DB" "$SRC" >"$T/out" &&
	grep -q " 3 unchanged, 0 rejected, 0 vanished, [0-9.]* s$" "$T/out" &&
	echo "merge Alan Greenspan = Greenspan Alan Jr" >>"$FIX" &&
	"$NEWSFS" index --db "$DB" "$SRC" >"$T/out" &&
	grep -q " 2 unchanged, .* 1 concerned by changed corrections, 1 extracted again," "$T/out"'

expect 'a bad line is an error with its line number, and the rest applies' '
	printf "official John Smith\nfrobnicate X\ndate nowhere.txt 2004-01-01\nignore country Narnia\n" >"$FIX" &&
	! "$NEWSFS" index --db "$DB" "$SRC" >"$T/out" 2>"$T/err" &&
	grep -q "corrections:2: unknown correction" "$T/err" &&
	grep -q "corrections:3: no such file or folder" "$T/err" &&
	grep -q "corrections:4: no such country in the gazetteer" "$T/err" &&
	within_2s "$M/by-official/Alan Greenspan/Fed watch.txt" &&
	within_2s "$M/by-country/United States" &&
	within_2s "$M/by-official/John Smith/Georgia vote.txt"'

expect 'removing the file undoes every correction; --corrections FILE too' '
	rm "$FIX" && "$NEWSFS" index -q --db "$DB" "$SRC" &&
	within_2s ! "$M/by-official/John Smith" &&
	echo "official John Smith" >"$T/mine" &&
	"$NEWSFS" index -q --corrections "$T/mine" --db "$DB" "$SRC" &&
	within_2s "$M/by-official/John Smith/Georgia vote.txt" &&
	! "$NEWSFS" index -q --corrections "$T/none" --db "$DB" "$SRC" \
		2>"$T/err" && grep -q "none: No such file" "$T/err"'

expect 'the mount equals a fresh index of the same files and corrections' '
	"$NEWSFS" index -q --corrections "$T/mine" --db "$T/again.db" "$SRC" &&
	officials "$T/again.db" >"$T/want" && officials "$DB" | cmp - "$T/want"'

nfs_umount "$M"
