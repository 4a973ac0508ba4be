#!/usr/bin/python3
"""Fault-injecting HTTP reverse proxy for the test rig (standard library only).

    /usr/bin/python3 fault-proxy.py --target http://127.0.0.1:PORT [--rate 0.2] [--seed 1]
        [--kinds throttle429,throttle400,unavailable503,internal500,drop] [--mode before|after]
        [--port 0] [--state-file PATH]

Point a client's endpoint URL at the proxy. The client signs for the proxy's host:port; the proxy
forwards the request bytes exactly as received (request line, headers in order and case, Host
included, body), so moto recomputes the same SigV4 signature.

Faults are drawn from random.Random(seed): each proxied request draws one number; if it is below
--rate, a kind is drawn from --kinds (repeat a kind to weight it). The same seed and the same
request order give the same faults. In mode "before" (default) the fault is answered WITHOUT
forwarding, so an injected failure never changes moto's state; in mode "after" the request is
forwarded first and its answer replaced by the fault (the retry then repeats an applied request).

Kinds:
  throttle429    HTTP 429  ThrottlingException "Rate exceeded"
  throttle400    HTTP 400  ThrottlingException "Rate exceeded"
  unavailable503 HTTP 503  small HTML body (like a load balancer)
  internal500    HTTP 500  InternalFailure
  drop           the connection is closed without any response
Error bodies follow the request's protocol: JSON ({"__type":..., "message":...}) for JSON and
REST-JSON requests, an XML <ErrorResponse> for Query (form-encoded) requests.

Control endpoints (answered by the proxy, never forwarded, never faulted):
  GET  /__proxy/stats   counters as JSON
  POST /__proxy/config  JSON with any of rate, seed, kinds, mode (a new seed restarts the sequence)
  POST /__proxy/queue   {"faults": ["throttle429", "drop", "none", ...]}: the next requests get
                        exactly these faults ("none" = forward), before the random draw resumes
  POST /__proxy/reset   zero the counters and clear the queue
Requests to /moto-api/... are forwarded but never faulted.
"""
import argparse
import json
import os
import random
import socket
import socketserver
import sys
import threading
import time
from urllib.parse import urlsplit

KINDS = ("throttle429", "throttle400", "unavailable503", "internal500", "drop")
MAX_HEAD = 64 * 1024


class ProxyState:
    def __init__(self, args):
        self.lock = threading.Lock()
        self.target = args.target
        u = urlsplit(args.target)
        self.up_host, self.up_port = u.hostname, u.port or 80
        self.mode = args.mode
        self.set_rate(args.rate)
        self.set_kinds(args.kinds)
        self.seed = args.seed
        self.rng = random.Random(self.seed)
        self.queue = []
        self.reset()

    def set_rate(self, rate):
        rate = float(rate)
        if not 0.0 <= rate <= 1.0:
            raise ValueError("rate must be within [0, 1]")
        self.rate = rate

    def set_kinds(self, kinds):
        if isinstance(kinds, str):
            kinds = [k.strip() for k in kinds.split(",") if k.strip()]
        bad = [k for k in kinds if k not in KINDS]
        if bad or not kinds:
            raise ValueError(f"unknown or no kinds {bad}; known: {', '.join(KINDS)}")
        self.kinds = list(kinds)

    def reset(self):
        self.requests = 0          # proxied (non-control) requests received
        self.forwarded = 0         # requests sent to the target
        self.injected = {k: 0 for k in KINDS}
        self.upstream_errors = 0
        self.queue = []

    def draw(self, path):
        """Return the fault kind for this request, or None to forward it."""
        with self.lock:
            self.requests += 1
            if path.startswith("/moto-api/"):
                return None
            if self.queue:
                k = self.queue.pop(0)
                kind = None if k == "none" else k
            else:
                r = self.rng.random()
                kind = self.rng.choice(self.kinds) if r < self.rate else None
            if kind:
                self.injected[kind] += 1
            return kind

    def snapshot(self):
        with self.lock:
            return {
                "target": self.target, "mode": self.mode, "rate": self.rate, "seed": self.seed,
                "kinds": self.kinds, "requests": self.requests, "forwarded": self.forwarded,
                "injected": dict(self.injected), "injectedTotal": sum(self.injected.values()),
                "queued": list(self.queue), "upstreamErrors": self.upstream_errors,
            }


STATE: ProxyState = None


class Closed(Exception):
    pass


class Reader:
    """Buffered reader over a socket that keeps the raw bytes."""

    def __init__(self, sock):
        self.sock, self.buf = sock, b""

    def _fill(self):
        data = self.sock.recv(65536)
        if not data:
            raise Closed()
        self.buf += data

    def until(self, marker, limit=MAX_HEAD):
        while True:
            i = self.buf.find(marker)
            if i >= 0:
                out, self.buf = self.buf[: i + len(marker)], self.buf[i + len(marker):]
                return out
            if len(self.buf) > limit:
                raise ValueError("header too large")
            self._fill()

    def exact(self, n):
        while len(self.buf) < n:
            self._fill()
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def rest(self):
        chunks = [self.buf]
        self.buf = b""
        while True:
            data = self.sock.recv(65536)
            if not data:
                return b"".join(chunks)
            chunks.append(data)

    def chunked(self):
        """Raw bytes of a chunked body, terminating chunk and trailers included."""
        out = []
        while True:
            line = self.until(b"\r\n")
            out.append(line)
            size = int(line.split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while True:  # trailers up to the empty line
                    t = self.until(b"\r\n")
                    out.append(t)
                    if t == b"\r\n":
                        return b"".join(out)
            out.append(self.exact(size + 2))


def parse_head(head):
    lines = head.split(b"\r\n")
    first = lines[0].decode("latin-1")
    headers = {}
    for line in lines[1:]:
        if b":" in line:
            k, v = line.split(b":", 1)
            headers.setdefault(k.strip().lower().decode("latin-1"), v.strip().decode("latin-1"))
    return first, headers


def read_body(reader, headers):
    if "chunked" in headers.get("transfer-encoding", "").lower():
        return reader.chunked()
    n = int(headers.get("content-length", "0") or 0)
    return reader.exact(n) if n else b""


def fault_response(kind, req_headers, n):
    ctype = req_headers.get("content-type", "")
    query = ctype.startswith("application/x-www-form-urlencoded")
    if kind in ("throttle429", "throttle400"):
        status = 429 if kind == "throttle429" else 400
        reason = "Too Many Requests" if status == 429 else "Bad Request"
        code, msg = "ThrottlingException", "Rate exceeded"
        if query:
            code = "Throttling"
    elif kind == "internal500":
        status, reason, code, msg = 500, "Internal Server Error", "InternalFailure", "injected internal error"
    else:  # unavailable503: an HTML page, like a load balancer in front of the service
        status, reason = 503, "Service Unavailable"
        body = b"<html><body><h1>503 Service Unavailable</h1></body></html>"
        return status, reason, "text/html", body, {}
    extra = {}
    if query:
        body = (f'<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error>'
                f"<Type>Sender</Type><Code>{code}</Code><Message>{msg}</Message></Error>"
                f"<RequestId>injected-{n}</RequestId></ErrorResponse>").encode()
        return status, reason, "text/xml", body, extra
    body = json.dumps({"__type": code, "message": msg}, separators=(",", ":")).encode()
    extra["x-amzn-ErrorType"] = code
    jtype = ctype if ctype.startswith("application/x-amz-json") else "application/json"
    return status, reason, jtype, body, extra


def build_response(status, reason, ctype, body, extra, keep_alive, req_id):
    h = [f"HTTP/1.1 {status} {reason}", f"Content-Type: {ctype}", f"Content-Length: {len(body)}",
         f"x-amzn-RequestId: {req_id}", "x-kvs-fault-proxy: injected"]
    h += [f"{k}: {v}" for k, v in extra.items()]
    h.append("Connection: keep-alive" if keep_alive else "Connection: close")
    return ("\r\n".join(h) + "\r\n\r\n").encode("latin-1") + body


def forward(raw_request, method):
    """Send the raw request to the target; return (status, head_lines, body)."""
    with socket.create_connection((STATE.up_host, STATE.up_port), timeout=300) as up:
        up.sendall(raw_request)
        r = Reader(up)
        while True:
            head = r.until(b"\r\n\r\n")
            first, headers = parse_head(head)
            status = int(first.split()[1])
            if not 100 <= status < 200:
                break  # skip interim responses (e.g. 100 Continue)
        if method == "HEAD" or status in (204, 304):
            body = b""
        elif "chunked" in headers.get("transfer-encoding", "").lower():
            body = r.chunked()
        elif "content-length" in headers:
            body = r.exact(int(headers["content-length"]))
        else:
            body = r.rest()
        return head, headers, body


def relay_head(head, headers, body, keep_alive):
    """Upstream response head with Connection (and, if framing was by close, Content-Length) set."""
    lines = head[:-4].split(b"\r\n")
    out = [lines[0]]
    chunked = "chunked" in headers.get("transfer-encoding", "").lower()
    for line in lines[1:]:
        name = line.split(b":", 1)[0].strip().lower()
        if name in (b"connection", b"keep-alive"):
            continue
        out.append(line)
    if not chunked and "content-length" not in headers:
        out.append(b"Content-Length: " + str(len(body)).encode())
    out.append(b"Connection: keep-alive" if keep_alive else b"Connection: close")
    return b"\r\n".join(out) + b"\r\n\r\n"


def control(method, path, body):
    try:
        if path == "/__proxy/stats" and method == "GET":
            return 200, STATE.snapshot()
        data = json.loads(body or b"{}")
        if method != "POST":
            return 405, {"error": "use POST"}
        if path == "/__proxy/config":
            with STATE.lock:
                if "rate" in data:
                    STATE.set_rate(data["rate"])
                if "kinds" in data:
                    STATE.set_kinds(data["kinds"])
                if "mode" in data:
                    if data["mode"] not in ("before", "after"):
                        raise ValueError("mode must be before or after")
                    STATE.mode = data["mode"]
                if "seed" in data:
                    STATE.seed = data["seed"]
                    STATE.rng = random.Random(STATE.seed)
            return 200, STATE.snapshot()
        if path == "/__proxy/queue":
            faults = list(data.get("faults", []))
            bad = [f for f in faults if f not in KINDS and f != "none"]
            if bad:
                raise ValueError(f"unknown faults {bad}")
            with STATE.lock:
                STATE.queue.extend(faults)
            return 200, STATE.snapshot()
        if path == "/__proxy/reset":
            with STATE.lock:
                STATE.reset()
            return 200, STATE.snapshot()
        return 404, {"error": "unknown control path"}
    except (ValueError, TypeError) as e:
        return 400, {"error": str(e)}


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        sock = self.request
        sock.settimeout(120)
        reader = Reader(sock)
        try:
            while True:
                try:
                    head = reader.until(b"\r\n\r\n")
                except Closed:
                    return
                first, headers = parse_head(head)
                parts = first.split()
                if len(parts) != 3:
                    sock.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    return
                method, target, version = parts
                path = target if target.startswith("/") else urlsplit(target).path or "/"
                keep_alive = version == "HTTP/1.1" and headers.get("connection", "").lower() != "close"
                if headers.get("expect", "").lower() == "100-continue":
                    sock.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
                body = read_body(reader, headers)

                if path.startswith("/__proxy/"):
                    status, obj = control(method, path.split("?")[0], body)
                    payload = json.dumps(obj, indent=2).encode()
                    sock.sendall(build_response(status, "OK" if status == 200 else "Error",
                                                "application/json", payload, {}, keep_alive, "proxy"))
                    if not keep_alive:
                        return
                    continue

                kind = STATE.draw(path)
                if kind and STATE.mode == "after":
                    try:
                        forward(head + body, method)
                        with STATE.lock:
                            STATE.forwarded += 1
                    except (OSError, Closed, ValueError):
                        with STATE.lock:
                            STATE.upstream_errors += 1
                if kind == "drop":
                    return  # close without answering
                if kind:
                    with STATE.lock:
                        n = STATE.requests
                    sock.sendall(build_response(*fault_response(kind, headers, n), keep_alive, f"injected-{n}"))
                    if not keep_alive:
                        return
                    continue

                try:
                    up_head, up_headers, up_body = forward(head + body, method)
                    with STATE.lock:
                        STATE.forwarded += 1
                except (OSError, Closed, ValueError) as e:
                    with STATE.lock:
                        STATE.upstream_errors += 1
                    msg = f"fault-proxy: upstream error: {e!r}".encode()
                    sock.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\nContent-Length: "
                                 + str(len(msg)).encode() + b"\r\nConnection: close\r\n\r\n" + msg)
                    return
                sock.sendall(relay_head(up_head, up_headers, up_body, keep_alive) + up_body)
                if not keep_alive:
                    return
        except (Closed, ConnectionError, socket.timeout, ValueError):
            return


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    global STATE
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--target", required=True, help="upstream base URL, e.g. http://127.0.0.1:5000")
    ap.add_argument("--rate", type=float, default=0.2, help="share of requests to fault, 0..1")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--mode", choices=("before", "after"), default="before")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0, help="0 = pick a free port")
    ap.add_argument("--state-file", help="write {port,pid,endpoint,...} JSON here once listening")
    args = ap.parse_args()
    STATE = ProxyState(args)
    srv = Server((args.host, args.port), Handler)
    port = srv.server_address[1]
    info = {"endpoint": f"http://{args.host}:{port}", "host": args.host, "port": port, "pid": os.getpid(),
            "target": args.target, "rate": args.rate, "seed": args.seed, "kinds": STATE.kinds,
            "mode": args.mode, "statsUrl": f"http://{args.host}:{port}/__proxy/stats",
            "startedAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    if args.state_file:
        tmp = args.state_file + ".tmp"
        with open(tmp, "w") as f:
            json.dump(info, f, indent=2)
        os.replace(tmp, args.state_file)
    print(json.dumps(info), flush=True)
    try:
        srv.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
