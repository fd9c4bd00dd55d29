#!/usr/bin/env python3
# SPDX-License-Identifier: EPL-2.0
"""IDLE push latency (issue 6): how long after another client appends a message `tidemark watch` has synced it.

    releng/benchmarks/sync/idle-push.py [--rounds 10]

Starts a private Dovecot with the peer harness (../shared/bench/dovecot-up.sh, or BENCH_HARNESS) on a free
loopback port, runs `./tidemark watch` on a fresh store, then, once a second, appends a message as a second
client and measures the time until the watch prints the sync that brought it in. Prints each latency and the
median/max. The watch is stopped with SIGINT (the way Ctrl-C stops it), Dovecot by its PID.
"""
import argparse
import imaplib
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
HARNESS = os.environ.get("BENCH_HARNESS", os.path.join(TOP, "..", "shared", "bench"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def message(i):
    return ("From: bench <bench@example.org>\r\nTo: bench@example.org\r\nSubject: push %d\r\n"
            "Message-ID: <push-%d-%d@example.org>\r\n\r\nbody %d\r\n" % (i, os.getpid(), i, i)).encode()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=10)
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="tidemark-push-")
    os.chmod(work, 0o755)
    port = free_port()
    subprocess.run([os.path.join(HARNESS, "dovecot-up.sh"), os.path.join(work, "srv"), str(port)], check=True,
                   stdout=subprocess.DEVNULL)
    watch = None
    try:
        env = dict(os.environ, TIDEMARK_PASSWORD="bench")
        watch = subprocess.Popen([os.path.join(TOP, "tidemark"), "--store", os.path.join(work, "store"),
                                  "--allow-insecure", "watch", "imap+plain://bench@127.0.0.1:%d" % port],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        lines = []
        cond = threading.Condition()

        def reader():
            for line in watch.stdout:
                with cond:
                    lines.append((time.monotonic(), line.rstrip("\n")))
                    cond.notify_all()

        threading.Thread(target=reader, daemon=True).start()

        def wait_for(pred, since, timeout):
            end = time.monotonic() + timeout
            with cond:
                while True:
                    for t, l in lines[since:]:
                        if pred(l):
                            return t
                    left = end - time.monotonic()
                    if left <= 0:
                        raise SystemExit("timed out; watch said:\n" + "\n".join(l for _, l in lines))
                    cond.wait(left)

        wait_for(lambda l: " synced " in l, 0, 120)  # the first sync
        other = imaplib.IMAP4("127.0.0.1", port)
        other.login("bench", "bench")
        latencies = []
        for i in range(1, a.rounds + 1):
            time.sleep(1.0)  # the watch is back in IDLE
            with cond:
                mark = len(lines)
            t0 = time.monotonic()
            other.append("INBOX", None, None, message(i))
            t1 = wait_for(lambda l: " synced " in l and " 1 new" in l, mark, 30)
            latencies.append((t1 - t0) * 1000)
            print("push %2d: %6.0f ms" % (i, latencies[-1]), flush=True)
        other.logout()
        print("median %.0f ms, max %.0f ms over %d pushes" % (statistics.median(latencies), max(latencies),
                                                             len(latencies)))
    finally:
        if watch is not None:
            watch.send_signal(signal.SIGINT)
            try:
                watch.wait(timeout=30)
            except subprocess.TimeoutExpired:
                watch.kill()
        subprocess.run([os.path.join(HARNESS, "dovecot-down.sh"), os.path.join(work, "srv")],
                       stdout=subprocess.DEVNULL)
    return 0


if __name__ == "__main__":
    sys.exit(main())
