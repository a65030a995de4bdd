#!/usr/bin/env python3
"""Time GET requests to one server: bench/coverage.sh's client (see bench/README.md,
"Coverage"). Python 3 standard library only.

usage: client.py PORT N MAX_SECONDS LABEL=PATH ...

For each PATH, on one keep-alive connection to 127.0.0.1:PORT:
  1. one GET with Accept-Encoding: gzip: the status and the compressed size (the bytes
     of the body as sent; Content-Encoding says whether the server compressed it);
  2. one GET without it: the raw size. These two are not timed; on a server with a
     page cache they fill it;
  3. N GETs without Accept-Encoding, one after the other, each timed from sending the
     request to having read the whole body; stops early after MAX_SECONDS (n says how
     many ran).
Prints one line per PATH:
  RESULT label n status p50_ms p99_ms max_ms raw_bytes gzip_bytes encoding path
p99 is the nearest rank (the ceil(0.99 n)-th smallest): with n = 100, the second
largest. With BENCH_AUTHORIZATION in the environment, every request carries it as its
Authorization header ("Bearer ccr_..."; bench/needs.sh reads as a curator)."""
import http.client
import math
import os
import sys
import time


def get(conn, path, gzip=False):
    headers = {"Accept-Encoding": "gzip"} if gzip else {}
    if os.environ.get("BENCH_AUTHORIZATION"):
        headers["Authorization"] = os.environ["BENCH_AUTHORIZATION"]
    conn.request("GET", path, headers=headers)
    r = conn.getresponse()
    body = r.read()
    return r.status, body, r.getheader("Content-Encoding") or "identity"


def main():
    port, n, maxs = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    for arg in sys.argv[4:]:
        label, path = arg.split("=", 1)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        t0 = time.perf_counter()
        status, zbody, enc = get(conn, path, gzip=True)
        first = time.perf_counter() - t0
        status2, body, _ = get(conn, path)
        times = []
        start = time.perf_counter()
        for _ in range(n):
            t0 = time.perf_counter()
            st, b, _ = get(conn, path)
            times.append(time.perf_counter() - t0)
            if st != status2:
                status2 = st
            if time.perf_counter() - start > maxs:
                break
        conn.close()
        times.sort()
        k = len(times)
        p50 = (times[(k - 1) // 2] + times[k // 2]) / 2
        p99 = times[max(0, math.ceil(0.99 * k) - 1)]
        st = str(status) if status == status2 else "%d/%d" % (status, status2)
        print("RESULT %s %d %s %.2f %.2f %.2f %d %d %s %s %.2f" % (
            label, k, st, p50 * 1e3, p99 * 1e3, times[-1] * 1e3, len(body), len(zbody),
            enc, path, first * 1e3), flush=True)


if __name__ == "__main__":
    main()
