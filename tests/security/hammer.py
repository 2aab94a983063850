#!/usr/bin/env python3
"""Readers of a mount whose index file is replaced under it.

    hammer.py snapshot MOUNT OUT.json
        every article of MOUNT/articles: name -> md5 of its bytes, and the
        user.newsfs.hash and user.newsfs.sources it shows
    hammer.py run MOUNT SECONDS STOPFILE A.json B.json
        threads list MOUNT/articles and read files named in either
        snapshot (opening each, reading it whole, then asking the open
        file for its xattrs) until STOPFILE exists and SECONDS more have
        passed; STOPFILE.ready appears once they are reading. Every
        answer must come whole from one snapshot: a listing
        all of A or all of B, a file's bytes and xattrs all those of the
        article its name has in A or in B. Allowed failures: ENOENT (the
        name is not in the index being served) and ESTALE (a node of the
        replaced index). Prints counts; exits 1 on any other answer.
"""
import errno
import hashlib
import json
import os
import random
import sys
import threading
import time

XA = ("user.newsfs.hash", "user.newsfs.sources")
ALLOWED = (errno.ENOENT, errno.ESTALE)


def article(fd):
    data = b""
    while True:
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            break
        data += chunk
    return {"md5": hashlib.md5(data).hexdigest(),
            **{x: os.getxattr(fd, x).decode() for x in XA}}


def snapshot(mount, out):
    d = os.path.join(mount, "articles")
    snap = {}
    for name in os.listdir(d):
        fd = os.open(os.path.join(d, name), os.O_RDONLY)
        try:
            snap[name] = article(fd)
        finally:
            os.close(fd)
    json.dump(snap, open(out, "w"))


class Hammer:
    def __init__(self, mount, a, b):
        self.dir = os.path.join(mount, "articles")
        self.a, self.b = a, b
        self.names = sorted(set(a) | set(b))
        self.lock = threading.Lock()
        self.counts = {"A": 0, "B": 0, "listA": 0, "listB": 0,
                       "ENOENT": 0, "ESTALE": 0}
        self.when = {}
        self.start = time.time()
        self.bad = []

    def count(self, key):
        now = time.time() - self.start
        with self.lock:
            self.counts[key] += 1
            first, _ = self.when.get(key, (now, now))
            self.when[key] = (first, now)

    def wrong(self, what):
        with self.lock:
            if len(self.bad) < 20:
                self.bad.append(what)

    def failed(self, e, what):
        if e.errno in ALLOWED:
            self.count(errno.errorcode[e.errno])
        else:
            self.wrong("%s: %s" % (what, e))

    def listing(self):
        try:
            names = set(os.listdir(self.dir))
        except OSError as e:
            return self.failed(e, "listdir")
        if names == set(self.a):
            self.count("listA")
        elif names == set(self.b):
            self.count("listB")
        else:
            self.wrong("a listing of %d names, %d of A and %d of B" %
                       (len(names), len(names & set(self.a)),
                        len(names & set(self.b))))

    def read(self, name):
        try:
            fd = os.open(os.path.join(self.dir, name), os.O_RDONLY)
        except OSError as e:
            return self.failed(e, "open " + name)
        try:
            got = article(fd)
        except OSError as e:
            return self.failed(e, "read " + name)
        finally:
            os.close(fd)
        for side, snap in (("A", self.a), ("B", self.b)):
            if snap.get(name) == got:
                return self.count(side)
        self.wrong("%s: bytes and xattrs of no article of that name: %s" %
                   (name, got))

    def run(self, seconds, stopfile):
        rng = random.Random(threading.get_ident())
        end = None
        while end is None or time.time() < end:
            if end is None and os.path.exists(stopfile):
                end = time.time() + seconds
            if rng.random() < 0.1:
                self.listing()
            else:
                self.read(rng.choice(self.names))


def main():
    if sys.argv[1] == "snapshot":
        return snapshot(sys.argv[2], sys.argv[3])
    mount, seconds, stopfile = sys.argv[2], float(sys.argv[3]), sys.argv[4]
    h = Hammer(mount, json.load(open(sys.argv[5])),
               json.load(open(sys.argv[6])))
    threads = [threading.Thread(target=h.run, args=(seconds, stopfile))
               for _ in range(6)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    open(stopfile + ".ready", "w").close()
    for t in threads:
        t.join()
    print(" ".join("%s=%d" % kv for kv in sorted(h.counts.items())))
    print("seconds from %s, first and last:" % time.strftime("%T", time.localtime(h.start)),
          " ".join("%s %.2f-%.2f" % (k, *v) for k, v in sorted(h.when.items())))
    for b in h.bad:
        print("wrong:", b)
    sys.exit(1 if h.bad else 0)


if __name__ == "__main__":
    main()
