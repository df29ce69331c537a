#!/usr/bin/env python3
"""Hostile-client benchmark of the server's front door, on loopback.

  front_door.py URL SERVER_PID CASE [options]

Cases (each prints one BENCH line of JSON for scripts/bench):
  idle       N keep-alive connections opened and held (each has served one
             request), spread over source addresses 127.0.0.2... as a city's
             clients are spread over addresses; then /health p99 for another
             client and the server's RSS.
  dribble    N clients send a request header one byte per second; /health p99
             for another client meanwhile, and when the dribblers were cut off.
  gzip       a request whose gzip body would inflate to 1 GiB: the status and
             how much the server's RSS grew.
"""
import gzip
import json
import resource
import selectors
import socket
import statistics
import sys
import time
import zlib


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def health_latencies(host, port, n, pause=0.0):
    """n sequential GET /health on one keep-alive connection; milliseconds each."""
    def connect():
        c = socket.create_connection((host, port))
        c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return c
    s = None
    req = b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n"
    out = []
    buf = b""
    for _ in range(n):
        t0 = time.perf_counter()
        if s is None:  # a new connection, as a client makes after "Connection: close" (timed)
            s = connect()
        s.sendall(req)
        while True:
            end = buf.find(b"\r\n\r\n")
            if end >= 0:
                head = buf[:end].decode()
                length = int(head.split("Content-Length: ")[1].split("\r\n")[0])
                if len(buf) >= end + 4 + length:
                    status = int(head[9:12])
                    buf = buf[end + 4 + length:]
                    break
            chunk = s.recv(65536)
            if not chunk:
                raise RuntimeError("server closed the measuring connection")
            buf += chunk
        if status != 200:
            raise RuntimeError(f"/health answered {status}")
        out.append((time.perf_counter() - t0) * 1000)
        if "Connection: close" in head:
            s.close()
            s = None
            buf = b""
        if pause:
            time.sleep(pause)
    if s:
        s.close()
    return out


def p99(values):
    return statistics.quantiles(values, n=100)[98]


def case_idle(host, port, pid, n, per_address):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    before = rss_kb(pid)
    conns = []
    req = b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n"
    for i in range(n):
        src = f"127.0.{2 + i // per_address // 250}.{2 + (i // per_address) % 250}"
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.bind((src, 0))
        s.connect((host, port))
        s.sendall(req)
        s.settimeout(10)
        if not s.recv(4096).startswith(b"HTTP/1.1 200"):  # each has served a request: keep-alive, then idle
            raise RuntimeError(f"connection {i} was refused")
        conns.append(s)
    time.sleep(1)
    held_rss = rss_kb(pid)
    lat = health_latencies(host, port, 3000)
    alive = 0
    for c in conns:  # still open: a read would block, not return b"" (closed)
        c.setblocking(False)
        try:
            alive += 0 if c.recv(1) == b"" else 1
        except BlockingIOError:
            alive += 1
    for c in conns:
        c.close()
    return {"connections": n, "still_open": alive, "rss_mb": held_rss / 1024, "rss_before_mb": before / 1024,
            "health_p50_ms": statistics.median(lat), "health_p99_ms": p99(lat)}


def case_dribble(host, port, pid, n, seconds):
    header = b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: dribbler\r\nAccept: */*\r\n\r\n"
    sel = selectors.DefaultSelector()
    clients = []
    for i in range(n):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.bind((f"127.0.1.{2 + i % 200}", 0))
        s.connect((host, port))
        s.setblocking(False)
        clients.append({"sock": s, "sent": 0, "cut_at": None})
        sel.register(s, selectors.EVENT_READ, clients[-1])
    start = time.monotonic()
    lat = []
    next_byte = start
    while time.monotonic() - start < seconds:
        now = time.monotonic()
        if now >= next_byte:
            for c in clients:
                if c["cut_at"] is None and c["sent"] < len(header) - 2:
                    try:
                        c["sock"].send(header[c["sent"]:c["sent"] + 1])
                        c["sent"] += 1
                    except OSError:
                        c["cut_at"] = now - start
            next_byte += 1.0
        for key, _ in sel.select(timeout=0):
            c = key.data
            try:
                data = c["sock"].recv(4096)
            except OSError:
                data = b""
            if not data and c["cut_at"] is None:
                c["cut_at"] = time.monotonic() - start
                sel.unregister(c["sock"])
        lat += health_latencies(host, port, 20)
        time.sleep(0.02)
    cuts = [c["cut_at"] for c in clients if c["cut_at"] is not None]
    for c in clients:
        c["sock"].close()
    return {"dribblers": n, "cut_off": len(cuts), "cut_after_s_max": max(cuts) if cuts else -1,
            "cut_after_s_min": min(cuts) if cuts else -1, "health_requests": len(lat),
            "health_p50_ms": statistics.median(lat), "health_p99_ms": p99(lat)}


def case_gzip(host, port, pid):
    # 1 GiB of zeros compresses to about 1 MiB: the classic decompression bomb.
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = bytes(1 << 20)
    body = b"".join(comp.compress(chunk) for _ in range(1024)) + comp.flush()
    before = rss_kb(pid)
    s = socket.create_connection((host, port))
    s.sendall(b"POST /api/v1/ratings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              b"Content-Encoding: gzip\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n")
    try:
        s.sendall(body)
    except OSError:
        pass  # the server answered and stopped reading: expected
    s.settimeout(5)
    answer = b""
    try:
        while b"\r\n\r\n" not in answer:
            data = s.recv(4096)
            if not data:
                break
            answer += data
    except OSError:
        pass
    s.close()
    time.sleep(0.5)
    after = rss_kb(pid)
    status = int(answer[9:12]) if answer.startswith(b"HTTP/1.1 ") else 0
    return {"compressed_bytes": len(body), "inflated_bytes": 1 << 30, "status": status,
            "rss_growth_mb": (after - before) / 1024}


def main():
    url, pid, case = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    host, port = url.split("//")[1].split(":")
    port = int(port)
    args = sys.argv[4:]
    if case == "idle":
        result = case_idle(host, port, pid, int(args[0]) if args else 10000, 250)
    elif case == "dribble":
        result = case_dribble(host, port, pid, int(args[0]) if args else 64, float(args[1]) if len(args) > 1 else 14)
    elif case == "gzip":
        result = case_gzip(host, port, pid)
    else:
        sys.exit(f"unknown case {case}")
    print("BENCH " + json.dumps({"bench": "front_door", "case": case, "run": 1, "result": result}))


if __name__ == "__main__":
    main()
