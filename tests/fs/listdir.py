#!/usr/bin/env python3
"""listdir.py DIR [BUFSIZE [FILE]]: the names in DIR, one per line, in the
order getdents64 returns them, read with a buffer of BUFSIZE bytes
(default 32768, as glibc's readdir). With FILE: after the first call,
print "--" and wait until FILE exists before reading on.

A small buffer makes the kernel stop in the middle of a reply from the
daemon and ask again from another offset than the reply's end; the names
must come out the same whatever the buffer.
"""
import ctypes
import os
import struct
import sys
import time

SYS_getdents64 = 217  # x86_64
libc = ctypes.CDLL(None, use_errno=True)


def batches(fd, bufsize):
    buf = ctypes.create_string_buffer(bufsize)
    while True:
        n = libc.syscall(SYS_getdents64, fd, buf, bufsize)
        if n < 0:
            err = ctypes.get_errno()
            raise OSError(err, os.strerror(err))
        if n == 0:
            return
        batch, pos = [], 0
        while pos < n:
            reclen = struct.unpack_from("H", buf.raw, pos + 16)[0]
            name = buf.raw[pos + 19:pos + reclen].split(b"\0", 1)[0]
            pos += reclen
            if name not in (b".", b".."):
                batch.append(name)
        yield batch


def main():
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 32768
    pause_for = sys.argv[3] if len(sys.argv) > 3 else None
    out = sys.stdout.buffer
    fd = os.open(sys.argv[1], os.O_RDONLY | os.O_DIRECTORY)
    try:
        for batch in batches(fd, size):
            out.write(b"".join(name + b"\n" for name in batch))
            if pause_for:
                out.write(b"--\n")
                out.flush()
                while not os.path.exists(pause_for):
                    time.sleep(0.05)
                pause_for = None
    finally:
        os.close(fd)


if __name__ == "__main__":
    main()
