#!/usr/bin/env python3
"""phrase_scan.py MOUNT N SEED: for N random phrases (2-4 words taken
from random articles), compare the articles query/text="PHRASE" lists
with a plain scan of every file in MOUNT/articles: the files whose text
holds the phrase's words one after another, ignoring case, accents,
punctuation and line breaks (unicode61's notion of a word: a run of
letters and digits). Prints each phrase and both counts; exits 1 on any
difference."""
import os, random, re, sys, unicodedata

WORD = re.compile(r"[^\W_]+")


def words(raw):
    t = unicodedata.normalize("NFKD", raw.decode("utf-8", "replace"))
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    return WORD.findall(t)


def main():
    mnt, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    adir = os.path.join(mnt, "articles")
    names = sorted(os.listdir(adir))
    text = {}
    for name in names:
        with open(os.path.join(adir, name), "rb") as f:
            text[name] = " " + " ".join(words(f.read())) + " "
    rng = random.Random(seed)
    bad = 0
    done = 0
    while done < n:
        w = text[rng.choice(names)].split()
        k = rng.randint(2, 4)
        if len(w) < k:
            continue
        i = rng.randrange(len(w) - k + 1)
        phrase = w[i:i + k]
        if not all(x.isascii() and x.isalnum() for x in phrase):
            continue
        done += 1
        needle = " " + " ".join(phrase) + " "
        want = {m for m, t in text.items() if needle in t}
        q = os.path.join(mnt, "query", 'text="%s"' % " ".join(phrase))
        got = set(os.listdir(q))
        print("%-40s scan %5d  query %5d%s" % (" ".join(phrase), len(want),
              len(got), "" if got == want else "  DIFFERENT"))
        if got != want:
            bad += 1
            for m in sorted(want - got)[:3]:
                print("   only in the scan:", m)
            for m in sorted(got - want)[:3]:
                print("   only in the query:", m)
    return 1 if bad else 0


sys.exit(main())
