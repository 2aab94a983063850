# Output: a progress bar on a terminal, one summary line otherwise;
# make install puts everything under DESTDIR/PREFIX.
. "$NEWSFS_TOP/tests/lib.sh"

expect 'without a terminal, index prints exactly one line' '
	"$NEWSFS" index --db "$T/a.db" "$SAMPLE" >"$T/out" 2>"$T/err" &&
	test "$(wc -l <"$T/out")" = 1 && test ! -s "$T/err"'

expect 'with -q, index prints nothing' '
	"$NEWSFS" index -q --db "$T/b.db" "$SAMPLE" >"$T/out" 2>&1 &&
	test ! -s "$T/out"'

if command -v script >/dev/null; then
	expect 'on a terminal, index draws a progress bar on stderr' '
		script -qec "\"$NEWSFS\" index --db \"$T/c.db\" \"$SAMPLE\"" \
			"$T/typescript" >/dev/null &&
		grep -q "\[#*\.*\] [0-9]*/5 files" "$T/typescript" &&
		grep -q "5 new articles" "$T/typescript"'

	# A first run does not stat the files ahead (walk.c), so its bar
	# has no byte total; a later run, which stamps them, has one.
	expect 'the bar shows the megabytes ahead once the index has sources' '
		grep -aqE "5 files  [0-9.]+ MB  " "$T/typescript" &&
		script -qec "\"$NEWSFS\" index --db \"$T/c.db\" \"$SAMPLE\"" \
			"$T/typescript2" >/dev/null &&
		grep -aqE "5 files  [0-9.]+/[0-9.]+ MB  " "$T/typescript2"'
else
	skip 'on a terminal, index draws a progress bar' 'script(1) is missing'
	skip 'the bar shows the megabytes ahead' 'script(1) is missing'
fi

expect 'make install honours PREFIX and DESTDIR' '
	make -s -C "$NEWSFS_TOP" install BUILD="$NEWSFS_BUILD" \
		DESTDIR="$T/root" PREFIX=/opt/nf >"$T/make.out" 2>&1 &&
	test -x "$T/root/opt/nf/bin/newsfs" &&
	test -f "$T/root/opt/nf/share/man/man1/newsfs.1" &&
	test -f "$T/root/opt/nf/share/bash-completion/completions/newsfs" &&
	grep -q "^ExecStart=/opt/nf/bin/newsfs " "$T/root/opt/nf/lib/systemd/user/newsfs@.service" &&
	test ! -e "$T/root/opt/nf/share/newsfs" &&
	"$T/root/opt/nf/bin/newsfs" --version >/dev/null'
