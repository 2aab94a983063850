#!/usr/bin/env python3
"""stress.py MOUNTPOINT SECONDS CLIENTS PID: random walks over a newsfs mount.

STRESS_RSS=0 skips the RSS check (for sanitizer builds).

Each client (a process) walks the tree at random: lists folders, looks up
real names and bogus ones (up to 4096 bytes), stats, opens and reads files
at random offsets and sizes, reads and lists extended attributes, and
tries writes (open O_WRONLY / O_CREAT, mkdir, unlink, rename, setxattr).
Every failure must carry the errno the operation calls for; anything else
is reported. Meanwhile the daemon's RSS and open file descriptors are
sampled once a second.

Prints one line per problem, then a summary; exits 1 if any client saw an
unexpected result, the daemon died, or its RSS or fd count grew after the
warm-up (the first third of the run).
"""
import errno
import os
import random
import sys
import time

WRITE_ERRNOS = {errno.EROFS}
LOOKUP_ERRNOS = {errno.ENOENT, errno.ENAMETOOLONG}


def expect_fail(problems, what, fn, allowed):
    try:
        fn()
    except OSError as e:
        if e.errno not in allowed:
            problems.append(f"{what}: {errno.errorcode.get(e.errno, e.errno)}")
        return
    problems.append(f"{what}: succeeded, should have failed")


def visit_file(rng, path, problems):
    st = os.stat(path)
    fd = os.open(path, os.O_RDONLY)
    try:
        for _ in range(rng.randint(1, 4)):
            off = rng.randint(0, st.st_size + 100)
            size = rng.choice([1, 100, 4096, 65536, 1 << 20])
            data = os.pread(fd, size, off)
            want = max(0, min(size, st.st_size - off))
            if len(data) != want:
                problems.append(f"pread {path} @{off}+{size}: {len(data)} bytes, want {want}")
    finally:
        os.close(fd)
    names = os.listxattr(path)
    for n in names:
        os.getxattr(path, n)
    expect_fail(problems, f"getxattr user.bogus {path}",
                lambda: os.getxattr(path, "user.bogus"), {errno.ENODATA})
    expect_fail(problems, f"open O_WRONLY {path}",
                lambda: os.close(os.open(path, os.O_WRONLY)), WRITE_ERRNOS)
    expect_fail(problems, f"unlink {path}", lambda: os.unlink(path), WRITE_ERRNOS)
    expect_fail(problems, f"setxattr {path}",
                lambda: os.setxattr(path, "user.x", b"1"), WRITE_ERRNOS)


def bogus_name(rng):
    """A name no view contains: 2 to 4096 bytes, never "." or ".."."""
    n = rng.choice([2, 10, 200, 255, 256, 1000, 4096])
    alphabet = "abcXYZ 09.-_é中"
    name = "~" + "".join(rng.choice(alphabet) for _ in range(n))
    return name.encode()[:n].decode(errors="ignore") or "~"


def visit_dir(rng, path, problems, any_name=False):
    """any_name: search/, where every name is a search (a folder)."""
    entries = os.listdir(path)
    name = bogus_name(rng)
    if any_name:
        try:
            os.stat(os.path.join(path, name))
        except OSError as e:
            if e.errno not in LOOKUP_ERRNOS | {errno.EINVAL}:
                problems.append(f"stat {name!r} in {path}: {e}")
    else:
        expect_fail(problems, f"stat bogus in {path}",
                    lambda: os.stat(os.path.join(path, name)), LOOKUP_ERRNOS)
    # In search/ "new.txt" is a search: a folder, there already.
    expect_fail(problems, f"create in {path}",
                lambda: os.close(os.open(os.path.join(path, "new.txt"),
                                         os.O_WRONLY | os.O_CREAT, 0o644)),
                WRITE_ERRNOS | ({errno.EISDIR} if any_name else set()))
    expect_fail(problems, f"mkdir in {path}",
                lambda: os.mkdir(os.path.join(path, "newdir")),
                WRITE_ERRNOS | ({errno.EEXIST} if any_name else set()))
    if entries:
        src = os.path.join(path, rng.choice(entries))
        expect_fail(problems, f"rename {src}",
                    lambda: os.rename(src, os.path.join(path, "renamed")),
                    WRITE_ERRNOS)
    return entries


def client(mnt, seconds, seed):
    rng = random.Random(seed)
    problems, ops = [], 0
    end = time.time() + seconds
    path = mnt
    while time.time() < end and len(problems) < 50:
        try:
            if os.path.isdir(path):
                entries = visit_dir(rng, path, problems,
                                    path == os.path.join(mnt, "search"))
                if not entries or rng.random() < 0.15:
                    path = mnt if path == mnt else os.path.dirname(path)
                else:
                    path = os.path.join(path, rng.choice(entries))
            else:
                visit_file(rng, path, problems)
                path = os.path.dirname(path)
            ops += 1
        except OSError as e:
            problems.append(f"{path}: {e}")
            path = mnt
    for p in problems:
        print(f"client {seed}: {p}", flush=True)
    print(f"client {seed}: {ops} steps, {len(problems)} problems", flush=True)
    return 1 if problems else 0


def sample(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            rss = next(int(l.split()[1]) for l in f if l.startswith("VmRSS:"))
        fds = len(os.listdir(f"/proc/{pid}/fd"))
        return rss, fds
    except (OSError, StopIteration):
        return None


def main():
    mnt, seconds, clients, pid = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    # Sanitizer builds keep freed memory in quarantine: RSS says nothing.
    check_rss = os.environ.get("STRESS_RSS", "1") == "1"
    kids = []
    for i in range(clients):
        k = os.fork()
        if k == 0:
            os._exit(client(mnt, seconds, i + 1))
        kids.append(k)
    samples, start, status = [], time.time(), 0
    running = set(kids)
    while running and time.time() < start + seconds + 60:
        for k in list(running):
            done, st = os.waitpid(k, os.WNOHANG)
            if done:
                running.discard(k)
                status |= os.waitstatus_to_exitcode(st) != 0
        s = sample(pid)
        if s is None:
            break
        samples.append((time.time() - start, *s))
        time.sleep(1)
    for k in running:
        os.kill(k, 9)
        os.waitpid(k, 0)
        print(f"client pid {k} did not finish in time")
        status = 1
    if sample(pid) is None:
        print("the daemon is gone")
        return 1
    warm = [s for s in samples if s[0] >= seconds / 3]
    if len(warm) >= 2:
        rss = [s[1] for s in warm]
        fds = [s[2] for s in warm]
        print(f"daemon after warm-up: RSS {min(rss)}..{max(rss)} kB, fds {min(fds)}..{max(fds)}")
        if check_rss and max(rss) - min(rss) > 8192:
            print("RSS grew by more than 8 MB after warm-up")
            status = 1
        if max(fds) - min(fds) > 2:
            print("open file descriptors grew after warm-up")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
