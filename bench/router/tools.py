#!/usr/bin/env python3
"""Helpers of bench/router/run.sh, standard library only. Every wait is bounded.

  tools.py journal FILE BACKEND_PORT N HOST...     writes a Ferry route journal: N bulk routes + HOSTs
  tools.py hostmap FILE nginx|haproxy N HOST=V...  writes a host map: N bulk hosts to "be", plus HOST=V
  tools.py idle PORT HOST N HOLD_S                 opens N keep-alive connections, one request each, holds
  tools.py ws-backend PORT                         a tiny WebSocket echo server (runs until killed)
  tools.py ws-open PORT HOST FIFO                  holds a WebSocket through a proxy, echo-checks on demand
  tools.py poll PORT HOST TIMEOUT_S [HUP_PID]      (sends SIGHUP, i.e. nginx reload, then) polls with a new
                                                   connection per try until HOST answers 200; prints ms
  tools.py haproxy-map SOCKET MAP PORT ROUNDS      adds map entries over HAProxy's runtime API, timed
  tools.py rss PID                                 resident KiB of PID and its descendants
"""
import base64
import hashlib
import os
import resource
import selectors
import signal
import socket
import socketserver
import struct
import sys
import threading
import time


def endpoint_id(host, port):
    # Ferry's Endpoint.idFor: the first 6 bytes of SHA-256("host:port"), in hex.
    return hashlib.sha256(f"{host.lower()}:{port}".encode()).hexdigest()[:12]


def journal(path, backend_port, n, hosts):
    ep = f"{endpoint_id('127.0.0.1', backend_port)}@127.0.0.1:{backend_port}*1"
    with open(path, "w") as f:
        f.write("# ferry route journal v1\n")
        for host in [f"r{i}.bulk.bench" for i in range(n)] + hosts:
            f.write(f"set http {host} round_robin 0 - {ep} -\n")


def hostmap(path, style, n, pairs):
    end = ";" if style == "nginx" else ""
    with open(path, "w") as f:
        for host, value in [(f"r{i}.bulk.bench", "be") for i in range(n)] + [p.split("=", 1) for p in pairs]:
            f.write(f"{host} {value}{end}\n")


def raise_nofile():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = max(soft, min(hard if hard != resource.RLIM_INFINITY else 1 << 20, 1 << 17))
    resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))


def idle(port, host, n, hold_s):
    """Opens n connections, sends one keep-alive request on each, waits for every response, holds."""
    raise_nofile()
    request = f"GET /small HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
    socks, deadline = [], time.monotonic() + 60
    for _ in range(n):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.setblocking(False)
        socks.append(s)
        s.send(request)
    sel = selectors.DefaultSelector()
    pending = {}
    for s in socks:
        sel.register(s, selectors.EVENT_READ)
        pending[s] = b""
    answered = 0
    while pending and time.monotonic() < deadline:
        for key, _ in sel.select(timeout=1):
            s = key.fileobj
            data = s.recv(65536)
            pending[s] += data
            if not data or (b"\r\n\r\n" in pending[s] and pending[s].endswith(b"\n")):
                answered += pending[s].startswith(b"HTTP/1.1 200")
                sel.unregister(s)
                del pending[s]
    print(f"open={n} answered_200={answered}", flush=True)
    time.sleep(hold_s)
    alive = sum(1 for s in socks if _alive(s))
    print(f"still_open={alive}", flush=True)
    for s in socks:
        s.close()


def _alive(s):
    try:
        return s.recv(1) != b""
    except BlockingIOError:
        return True
    except OSError:
        return False


WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


class WsEcho(socketserver.BaseRequestHandler):
    def handle(self):
        s = self.request
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = s.recv(4096)
            if not chunk:
                return
            head += chunk
        key = [l.split(b":", 1)[1].strip() for l in head.split(b"\r\n") if l.lower().startswith(b"sec-websocket-key:")]
        if not key:
            s.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n")
            return
        accept = base64.b64encode(hashlib.sha1(key[0] + WS_GUID.encode()).digest())
        s.sendall(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  b"Sec-WebSocket-Accept: " + accept + b"\r\n\r\n")
        f = s.makefile("rb")
        while True:
            hdr = f.read(2)
            if len(hdr) < 2:
                return
            op, ln = hdr[0] & 0x0F, hdr[1] & 0x7F
            if ln == 126:
                ln = struct.unpack(">H", f.read(2))[0]
            mask = f.read(4)
            payload = bytes(b ^ mask[i % 4] for i, b in enumerate(f.read(ln)))
            if op == 8:
                return
            s.sendall(bytes([0x80 | op, len(payload)]) + payload)


def ws_backend(port):
    socketserver.ThreadingTCPServer.allow_reuse_address = True
    socketserver.ThreadingTCPServer.daemon_threads = True
    with socketserver.ThreadingTCPServer(("127.0.0.1", port), WsEcho) as srv:
        srv.serve_forever()


def ws_echo(s, text):
    data = text.encode()
    mask = os.urandom(4)
    s.sendall(bytes([0x81, 0x80 | len(data)]) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))
    got = b""
    while len(got) < 2 + len(data):
        chunk = s.recv(4096)
        if not chunk:
            return False
        got += chunk
    return got[2:] == data


def ws_open(port, host, fifo):
    """Opens a WebSocket through the proxy and answers 'echo' lines read from fifo with ok/failed."""
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    key = base64.b64encode(os.urandom(16)).decode()
    s.sendall(f"GET /ws HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n".encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = s.recv(4096)
        if not chunk:
            break
        head += chunk
    print("open" if head.startswith(b"HTTP/1.1 101") else "refused " + head[:40].decode(errors="replace"), flush=True)
    with open(fifo) as commands:
        for line in commands:
            try:
                print("ok" if ws_echo(s, line.strip() or "ping") else "failed", flush=True)
            except OSError as e:
                print(f"failed {e}", flush=True)


def poll(port, host, timeout_s, hup_pid=None):
    t0 = time.monotonic()
    if hup_pid:
        os.kill(hup_pid, signal.SIGHUP)
    while time.monotonic() - t0 < timeout_s:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
                s.sendall(f"GET /small HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
                if s.recv(12).startswith(b"HTTP/1.1 200"):
                    print(f"{(time.monotonic() - t0) * 1000:.2f}")
                    return
        except OSError:
            pass
        time.sleep(0.001)
    print("timeout")


def haproxy_map(sock_path, map_path, port, rounds):
    times = []
    for i in range(rounds):
        host = f"hmap{i}.new.bench"
        t0 = time.monotonic()
        with socket.socket(socket.AF_UNIX) as c:
            c.connect(sock_path)
            c.sendall(f"add map {map_path} {host} be\n".encode())
            c.recv(4096)
        while True:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
                s.sendall(f"GET /small HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
                if s.recv(12).startswith(b"HTTP/1.1 200"):
                    break
            if time.monotonic() - t0 > 5:
                raise SystemExit(f"{host} not served within 5 s")
        times.append((time.monotonic() - t0) * 1000)
    times.sort()
    print(f"change_to_served_ms p50={times[len(times) // 2]:.2f} p99={times[len(times) * 99 // 100]:.2f} max={times[-1]:.2f}")


def rss(pid):
    children = {}
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                with open(f"/proc/{p}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(p))
            except OSError:
                pass
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/status") as f:
                total += next(int(l.split()[1]) for l in f if l.startswith("VmRSS:"))
        except (OSError, StopIteration):
            pass
    print(total)


if __name__ == "__main__":
    cmd, a = sys.argv[1], sys.argv[2:]
    if cmd == "journal":
        journal(a[0], int(a[1]), int(a[2]), a[3:])
    elif cmd == "hostmap":
        hostmap(a[0], a[1], int(a[2]), a[3:])
    elif cmd == "idle":
        idle(int(a[0]), a[1], int(a[2]), float(a[3]))
    elif cmd == "ws-backend":
        ws_backend(int(a[0]))
    elif cmd == "ws-open":
        ws_open(int(a[0]), a[1], a[2])
    elif cmd == "poll":
        poll(int(a[0]), a[1], float(a[2]), int(a[3]) if len(a) > 3 else None)
    elif cmd == "haproxy-map":
        haproxy_map(a[0], a[1], int(a[2]), int(a[3]))
    elif cmd == "rss":
        rss(int(a[0]))
    else:
        raise SystemExit(__doc__)
