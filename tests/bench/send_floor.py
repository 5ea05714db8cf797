#!/usr/bin/env python3
"""The CPU any client pays to send BYTES over loopback TCP, hashing and reading nothing.

Usage: send_floor.py URL BYTES. PUTs BYTES (a 1 MiB buffer sent again and again, blocking sendall) to the
emulator's discard endpoint and prints the user + system CPU seconds that took. On loopback the sender's
kernel also does most of the receiving side's TCP work, so this is the floor a hashing client adds to one
MD5 pass here (run.sh: cpu_floor_per_md5_pass).
"""
import resource
import socket
import sys
from urllib.parse import urlsplit

def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


url, total = urlsplit(sys.argv[1]), int(sys.argv[2])
chunk = memoryview(b"\x5a" * 1048576)
before = cpu_seconds()  # the interpreter's start-up is no part of sending
with socket.create_connection((url.hostname, url.port)) as sock:
    sock.sendall(
        b"PUT %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/octet-stream\r\nContent-Length: %d\r\n\r\n"
        % (url.path.encode(), url.netloc.encode(), total))
    sent = 0
    while sent < total:
        n = min(len(chunk), total - sent)
        sock.sendall(chunk[:n])
        sent += n
    status = sock.recv(4096).split(b"\r\n", 1)[0]
    if b" 204 " not in status + b" ":
        sys.exit("send_floor.py: the emulator answered " + status.decode(errors="replace"))
print("%.3f" % (cpu_seconds() - before))
