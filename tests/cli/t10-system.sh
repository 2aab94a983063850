# newsfs on the user's system: the Debian package (built with dpkg-deb,
# installed into a scratch root with dpkg --root and removed again), the
# systemd user unit (verified, and its commands run as systemd runs them),
# bash completion, and the LICENSE.
. "$NEWSFS_TOP/tests/lib.sh"

VERSION=$(sed -n 's/^VERSION := //p' "$NEWSFS_TOP/Makefile")
ARCH=$(dpkg --print-architecture 2>/dev/null)
DEB=$T/newsfs_${VERSION}_$ARCH.deb
UNIT=$NEWSFS_TOP/data/systemd/newsfs@.service

if command -v dpkg-deb >/dev/null && command -v dpkg-shlibdeps >/dev/null; then
	expect 'scripts/mkdeb (make deb) builds newsfs_<version>_<arch>.deb' '
		"$NEWSFS_TOP/scripts/mkdeb" "$NEWSFS_BUILD" "$VERSION" "$T" >"$T/out" &&
		test "$(cat "$T/out")" = "$DEB" &&
		dpkg-deb -c "$DEB" | awk "{ print \$6 }" | sort >"$T/files" && cat "$T/files" &&
		for f in ./usr/bin/newsfs ./usr/share/man/man1/newsfs.1.gz \
			./usr/share/bash-completion/completions/newsfs \
			./usr/lib/systemd/user/newsfs@.service ./usr/share/doc/newsfs/copyright; do
			grep -qx "$f" "$T/files" || exit 1
		done &&
		! grep -q "share/newsfs/" "$T/files" &&
		dpkg-deb -f "$DEB" Depends | grep -q "libfuse3-3" &&
		dpkg-deb -f "$DEB" Depends | grep -q "fuse3$" &&
		dpkg-deb -f "$DEB" Version | grep -qx "$VERSION"'
	expect 'the package installs into a scratch root, runs, and is removed cleanly' '
		R=$T/root && mkdir -p "$R/var/lib/dpkg/info" "$R/var/lib/dpkg/updates" &&
		touch "$R/var/lib/dpkg/status" "$R/var/lib/dpkg/available" &&
		dpkg --root="$R" --force-depends --force-script-chrootless -i "$DEB" >"$T/out" 2>&1 &&
		dpkg --root="$R" -s newsfs | grep -qx "Status: install ok installed" &&
		dpkg --root="$R" -L newsfs | grep -qx /usr/bin/newsfs &&
		"$R/usr/bin/newsfs" --version | grep -qx "newsfs $VERSION" &&
		zcat "$R/usr/share/man/man1/newsfs.1.gz" | grep -q "^.SH FILES" &&
		grep -q "License: Expat" "$R/usr/share/doc/newsfs/copyright" &&
		dpkg --root="$R" --force-depends --force-script-chrootless -P newsfs >"$T/out" 2>&1 &&
		test -z "$(find "$R" -mindepth 1 -not -path "$R/var*" -type f)"'
else
	skip 'scripts/mkdeb builds the package' "no dpkg-deb/dpkg-shlibdeps (dpkg-dev)"
	skip 'the package installs into a scratch root' "no dpkg-dev"
fi

expect 'make install DESTDIR= installs only what the binary uses' '
	make -s -C "$NEWSFS_TOP" --no-print-directory install BUILD="$NEWSFS_BUILD" \
		PREFIX=/usr DESTDIR="$T/dest" >/dev/null &&
	(cd "$T/dest" && find . -type f | sort) >"$T/files" && cat "$T/files" &&
	test "$(wc -l <"$T/files")" = 4 &&
	grep -q "^ExecStart=/usr/bin/newsfs mount -f -- %f$" "$T/dest/usr/lib/systemd/user/newsfs@.service"'

if command -v systemd-analyze >/dev/null; then
	expect 'the systemd user unit verifies' '
		mkdir -p "$T/unit" && U=$T/unit/newsfs@tmp-x.service &&
		sed "s|/usr/bin/newsfs|$NEWSFS|" "$UNIT" >"$U" &&
		systemd-analyze verify --man=no "$U"'
else
	skip 'the systemd user unit verifies' "no systemd-analyze"
fi

expect 'the unit mounts its instance at start and unmounts it at stop' '
	M=$T/mnt && mkdir -p "$M" && echo "$M" >>"$T/.mounts" &&
	nfs_index "$T/u.db" -q "$SAMPLE" && export NEWSFS_DB=$T/u.db &&
	inst=$(systemd-escape --path "$M" 2>/dev/null || echo "${M#/}" | tr / -) &&
	f=$(systemd-escape --unescape --path "$inst" 2>/dev/null || echo "$M") &&
	test "$f" = "$M" &&
	start=$(sed -n "s/^ExecStart=//p" "$UNIT" | sed "s|/usr/bin/newsfs|$NEWSFS|; s|%f|$f|") &&
	stop=$(sed -n "s/^ExecStop=//p" "$UNIT" | sed "s|/usr/bin/newsfs|$NEWSFS|; s|%f|$f|") &&
	{ $start 2>"$T/unit.err" & pid=$!; echo $pid >>"$T/.pids"; } &&
	for i in $(seq 100); do is_mounted "$M" && break; sleep 0.1; done &&
	ls "$M/articles" | grep -q . && $stop &&
	wait $pid && ! is_mounted "$M"'

expect 'bash completion offers commands, options and newsfs mounts' '
	bash -c ". \"$NEWSFS_TOP/data/completion/newsfs\"
		COMP_WORDS=(newsfs in); COMP_CWORD=1; _newsfs; echo \"\${COMPREPLY[*]}\"
		COMP_WORDS=(newsfs index x --ex); COMP_CWORD=3; _newsfs; echo \"\${COMPREPLY[*]}\"
		COMP_WORDS=(newsfs mount --l); COMP_CWORD=2; _newsfs; echo \"\${COMPREPLY[*]}\"
		COMP_WORDS=(newsfs umount -); COMP_CWORD=2; _newsfs; echo \"\${COMPREPLY[*]}\"" >"$T/out" &&
	cat "$T/out" &&
	test "$(sed -n 1p "$T/out")" = "index" && test "$(sed -n 2p "$T/out")" = "--exclude" &&
	test "$(sed -n 3p "$T/out")" = "--log" && test "$(sed -n 4p "$T/out")" = "-z --lazy --help"'

expect 'bash completion offers every long option each command'"'"'s usage names' '
	for c in index mount umount export stats check sources forget; do
		"$NEWSFS" $c --help 2>&1 | sed -n "/^usage/,/^\$/p" |
			grep -o -- "--[a-z][a-z-]*" | sort -u >"$T/want" &&
		bash -c ". \"$NEWSFS_TOP/data/completion/newsfs\"
			COMP_WORDS=(newsfs $c --); COMP_CWORD=2; _newsfs
			printf \"%s\\n\" \"\${COMPREPLY[@]}\"" | sort -u >"$T/have" &&
		missing=$(comm -23 "$T/want" "$T/have") &&
		{ test -z "$missing" || { echo "$c: $missing"; exit 1; }; } || exit 1
	done'

expect 'a LICENSE at the top' '
	head -1 "$NEWSFS_TOP/LICENSE" | grep -qx "MIT License"'
