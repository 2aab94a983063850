#!/usr/bin/env python3
"""live_reader.py MOUNT SECONDS: find + cat + grep -r over a mount, in a loop.

Counts errors a reader must never see while the index changes under the
mount: EIO or any error other than ENOENT (a file listed a moment ago may
be gone, as on any file system), and torn files (fewer or more bytes than
fstat reports for the open file). Prints a summary; exits 1 on errors.
"""
import errno
import os
import subprocess
import sys
import time

mnt, seconds = sys.argv[1], float(sys.argv[2])
errors, reads, walks = [], 0, 0
end = time.time() + seconds


def read_whole(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        size = os.fstat(fd).st_size
        data = b""
        while True:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            data += chunk
        if len(data) != size:
            errors.append(f"torn read {path}: {len(data)} of {size} bytes")
    finally:
        os.close(fd)


while time.time() < end and len(errors) < 20:
    found = subprocess.run(["find", mnt, "-type", "f"], capture_output=True,
                           text=True, errors="replace")
    for line in found.stderr.splitlines():
        if "No such file or directory" not in line:
            errors.append(f"find: {line}")
    for path in found.stdout.splitlines()[::7]:
        try:
            read_whole(path)
            reads += 1
        except OSError as e:
            if e.errno != errno.ENOENT:
                errors.append(f"{path}: {e}")
    g = subprocess.run(["grep", "-rlI", "Japan", mnt], capture_output=True,
                       text=True, errors="replace")
    for line in g.stderr.splitlines():
        if "No such file or directory" not in line:
            errors.append(f"grep: {line}")
    walks += 1

for e in errors:
    print(e)
print(f"{walks} walks, {reads} files read, {len(errors)} errors")
sys.exit(1 if errors else 0)
