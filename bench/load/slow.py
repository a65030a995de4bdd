#!/usr/bin/env python3
"""Slow clients for bench/load.sh: hold N idle and N trickling connections to
127.0.0.1:PORT, and meanwhile time a normal client's requests.

  slow.py PORT N SECONDS [--spread K] [--path /countries/KE]

Idle connections send nothing; trickling ones send a request line and headers one
byte a second and never finish. They come from source address 127.0.0.2 (one
attacker), or with --spread K from K addresses 127.0.1.1, 127.0.1.2, ... (several).
The normal client connects from 127.0.0.1 and sends 40 requests (Connection: close,
one every 250 ms, from the second second on); each is timed from connect to the end
of the response (10 s at most; a refusal or timeout counts as an error).
Prints one line per figure; stops by itself after SECONDS."""
import selectors, socket, statistics, sys, time

def main():
    port, n, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    spread = int(sys.argv[sys.argv.index("--spread") + 1]) if "--spread" in sys.argv else 0
    path = sys.argv[sys.argv.index("--path") + 1] if "--path" in sys.argv else "/countries/KE"
    def src(i):
        if not spread:
            return "127.0.0.2"
        k = i % spread
        return "127.0.%d.%d" % (1 + k // 250, 1 + k % 250)
    def conn(i):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setblocking(False)
        s.bind((src(i), 0))
        try:
            s.connect(("127.0.0.1", port))
        except BlockingIOError:
            pass
        return s
    t0 = time.monotonic()
    idle = [conn(i) for i in range(n)]
    trick = [conn(n + i) for i in range(n)]
    line = ("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: trickle\r\n" % path +
            "X-Padding: " + "a" * 4000 + "\r\n\r\n").encode()
    sent = [0] * n
    closed_at = {}          # id(socket) -> seconds after start when the server closed it
    sel = selectors.DefaultSelector()
    for s in idle + trick:
        sel.register(s, selectors.EVENT_READ)
    def poll(timeout):
        for key, _ in sel.select(timeout):
            s = key.fileobj
            try:
                data = s.recv(65536)
            except (ConnectionError, OSError):
                data = b""
            if not data:
                closed_at[id(s)] = time.monotonic() - t0
                sel.unregister(s)
    lat, errors = [], 0
    next_tick, next_req, reqs = t0 + 1, t0 + 1.5, 0
    while time.monotonic() - t0 < seconds:
        now = time.monotonic()
        if now >= next_tick:        # one byte a second on every trickling connection
            next_tick += 1
            for i, s in enumerate(trick):
                if id(s) in closed_at or sent[i] >= len(line):
                    continue
                try:
                    s.send(line[sent[i]:sent[i] + 1])
                    sent[i] += 1
                except (BlockingIOError, InterruptedError):
                    pass
                except OSError:
                    closed_at.setdefault(id(s), now - t0)
                    try: sel.unregister(s)
                    except KeyError: pass
        if reqs < 40 and now >= next_req:
            next_req += 0.25
            reqs += 1
            a = time.monotonic()
            try:
                c = socket.create_connection(("127.0.0.1", port), timeout=10,
                                             source_address=("127.0.0.1", 0))
                c.sendall(("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                           % path).encode())
                buf = b""
                while True:
                    d = c.recv(65536)
                    if not d:
                        break
                    buf += d
                c.close()
                if not buf.startswith(b"HTTP/1.1 200"):
                    raise OSError("status " + buf[:20].decode(errors="replace"))
                lat.append((time.monotonic() - a) * 1000)
            except OSError as e:
                errors += 1
                lat.append((time.monotonic() - a) * 1000)
        poll(0.02)
    ci = [closed_at[id(s)] for s in idle if id(s) in closed_at]
    ct = [closed_at[id(s)] for s in trick if id(s) in closed_at]
    def desc(v):
        return "none" if not v else "%d (first at %.1f s, median %.1f s, last at %.1f s)" % (
            len(v), min(v), statistics.median(v), max(v))
    who = "127.0.0.2" if not spread else "%d addresses" % spread
    print("slow clients: %d idle + %d trickling (1 byte/s) from %s, held %.0f s" % (n, n, who, seconds))
    print("normal client: %d requests, median %.1f ms, max %.1f ms, errors %d" % (
        len(lat), statistics.median(lat) if lat else -1, max(lat) if lat else -1, errors))
    print("closed by the server: idle %s; trickling %s" % (desc(ci), desc(ct)))
    print("bytes sent by a trickler by the end (or until cut off): max %d" % max(sent or [0]))
    for s in idle + trick:
        s.close()

main()
