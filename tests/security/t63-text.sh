# The indexed folders, contents: text is told from what is not text
# whatever its encoding: Unicode white space is white space, UTF-16 and
# UTF-32 are recognised with or without a byte-order mark, and random
# bytes are not an article even without a NUL.
. "$NEWSFS_TOP/tests/lib.sh"

PARA='TOKYO, July 28, 2024 - Japanese Defense Minister Minoru Kihara met U.S. Defense Secretary Lloyd Austin.'

# Files of nothing but white space, in Unicode's sense, and invisible
# format characters: no text, as an ASCII-blank file has none.
W=$T/white
python3 - "$W" <<'PY'
import os, sys
out = sys.argv[1]
os.makedirs(out)
ws = [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680] + \
     list(range(0x2000, 0x200B)) + [0x2028, 0x2029, 0x202F, 0x205F, 0x3000]
invisible = [0x180E, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF]
for cp in ws + invisible:
    with open(os.path.join(out, "u%04X.txt" % cp), "w", encoding="utf-8") as f:
        f.write(chr(cp) * 3 + "\n" + chr(cp) + " \n")
every = "".join(map(chr, ws + invisible))
open(os.path.join(out, "all.txt"), "w", encoding="utf-8").write(every * 5)
open(os.path.join(out, "all-utf16.txt"), "wb").write(b"\xff\xfe" + every.encode("utf-16-le"))
open(os.path.join(out, "nbsp-1252.txt"), "wb").write(b"\xa0\xa0 \xa0\r\n")
PY

expect 'files of only Unicode white space are rejected as no text' '
	"$NEWSFS" index -v --db "$T/w.db" "$W" >"$T/out" 2>"$T/err"; rc=$?
	cat "$T/out" && test $rc = 0 &&
	n=$(ls "$W" | wc -l) && test "$n" = 34 &&
	test "$(grep -c ": no text (only white space)$" "$T/err")" = "$n" &&
	grep -q "^$n files seen, 0 new articles, 0 duplicates, 0 unchanged, 0 rejected, $n not articles" "$T/out"'

# Encodings: one article, saved as each program might save it.
E=$T/enc
python3 - "$E" "$PARA" <<'PY'
import os, sys
out, para = sys.argv[1], sys.argv[2]
os.makedirs(out)
text = "Talks in Seoul\n\n" + para + " South Korea\u2019s minister attended.\n"
jp = "東京で日米防衛相会談\n\n2024年7月28日、木原稔防衛相は東京でオースティン米国防長官と会談した。" + \
     para + "\n"
for name, data in [
    ("utf16le-nobom.txt", text.encode("utf-16-le")),
    ("utf16be-nobom.txt", text.encode("utf-16-be")),
    ("utf16le-nobom-jp.txt", jp.encode("utf-16-le")),
    ("utf32le-bom.txt", b"\xff\xfe\x00\x00" + text.encode("utf-32-le")),
    ("utf32be-bom.txt", b"\x00\x00\xfe\xff" + text.encode("utf-32-be")),
    ("utf32le-nobom.txt", text.encode("utf-32-le")),
    ("utf32be-nobom.txt", text.encode("utf-32-be")),
    ("utf16le-bom.txt", b"\xff\xfe" + text.encode("utf-16-le")),
    ("utf8.txt", text.encode("utf-8")),
]:
    open(os.path.join(out, name), "wb").write(data)
PY

expect 'UTF-16 without a BOM and UTF-32 with or without one are decoded' '
	"$NEWSFS" index --db "$T/e.db" "$E" >"$T/out" 2>"$T/err"; rc=$?
	cat "$T/out" "$T/err" && test $rc = 0 &&
	"$NEWSFS" export --db "$T/e.db" >"$T/export" &&
	for f in utf16le-nobom utf16be-nobom utf16le-nobom-jp utf32le-bom utf32be-bom utf32le-nobom utf32be-nobom; do
		grep "/$f.txt	" "$T/export" | grep -q "	2024-07-28	.*Japan" ||
			{ echo "$f not decoded"; exit 1; }
	done'

expect 'each encoding gives the title the UTF-8 copy gives' '
	"$NEWSFS" stats --db "$T/e.db" >/dev/null &&
	db_sql "$T/e.db" "SELECT name FROM article ORDER BY name" >"$T/names" &&
	cat "$T/names" &&
	test "$(grep -c "^2024-07-28 Talks in Seoul" "$T/names")" = 8 &&
	test "$(grep -c "^2024-07-28 東京で日米防衛相会談" "$T/names")" = 1'

# Random bytes: binary with NUL bytes was always refused; random bytes
# without any are refused too, at every size, and so are they where they
# happen to be valid 7-bit text.
R=$T/random
python3 - "$R" <<'PY'
import os, random, sys
out = sys.argv[1]
os.makedirs(out)
rng = random.Random(34)
for n in (64, 100, 500, 4096, 65536, 1 << 20):
    for k in range(3):
        data = bytes(rng.randrange(1, 256) for _ in range(n))
        open(os.path.join(out, "r%d-%d.bin" % (n, k)), "wb").write(data)
        seven = bytes(rng.randrange(1, 128) for _ in range(n))
        open(os.path.join(out, "a%d-%d.bin" % (n, k)), "wb").write(seven)
    # Random bytes with NULs: never UTF-16 or UTF-32 by accident.
    data = bytearray(rng.randrange(0, 256) for _ in range(n))
    for _ in range(3):
        data[rng.randrange(n)] = 0
    open(os.path.join(out, "z%d.bin" % n), "wb").write(data)
PY

expect 'random bytes are rejected as binary data, with or without NULs' '
	"$NEWSFS" index -v --db "$T/r.db" "$R" >"$T/out" 2>"$T/err"; rc=$?
	cat "$T/out" && test $rc = 0 &&
	n=$(ls "$R" | wc -l) &&
	grep -q "^$n files seen, 0 new articles, 0 duplicates, 0 unchanged, 0 rejected, $n not articles" "$T/out" &&
	test "$(grep -c "/[ra][0-9]*-[0-9].bin: not an article: binary data (control characters)$" "$T/err")" = 36 &&
	test "$(grep -c "/z[0-9]*.bin: not an article: binary data (NUL bytes)$" "$T/err")" = 6'

expect 'text with a stray control character is still text' '
	mkdir "$T/stray" &&
	printf "Old file\r\n\r\n%s\r\n\032" "$PARA" >"$T/stray/dos-eof.txt" &&
	printf "Form feeds\n\f\n%s\n\f\n" "$PARA" >"$T/stray/ff.txt" &&
	printf "JIS\n\n\033\$B%s\033(B %s\n" "F|K\\" "$PARA" >"$T/stray/iso2022.txt" &&
	"$NEWSFS" index --db "$T/s.db" "$T/stray" >"$T/out" 2>"$T/err" &&
	grep -q "^3 files seen, 3 new articles" "$T/out"'

# Every article of the research corpora is still an article.
C=$NEWSFS_SHARED/corpora
if [ -d "$C/reuters21578/dev/articles" ] && [ -d "$C/bbc-news/articles" ]; then
	expect 'no article of the Reuters, BBC and seed corpora is rejected' '
		"$NEWSFS" index --db "$T/c.db" "$C/reuters21578/dev/articles" \
			"$C/bbc-news/articles" "$C/seeds" >"$T/out" 2>"$T/err"; rc=$?
		cat "$T/out" && head -5 "$T/err" && test $rc = 0 && test ! -s "$T/err" &&
		n=$(find "$C/reuters21578/dev/articles" "$C/bbc-news/articles" "$C/seeds" -type f | wc -l) &&
		grep -q "^$n files seen, .* 0 rejected" "$T/out"'
else
	skip 'no article of the research corpora is rejected' "no corpora in $C"
fi
