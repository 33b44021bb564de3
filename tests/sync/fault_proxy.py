"""A small HTTP/1.1 proxy for tests: forwards to the real service and injects one planned fault per request.

Faults (planned per path prefix, used once each):
    drop_request     the connection closes after the request arrives; the server never sees it
    drop_response    the server handles it; the client gets half the answer, then the line drops
    delay            the server handles it; the answer comes after the client's timeout
    duplicate        the request reaches the server twice; the client gets the second answer
    error_500        the server handles it; the client is told 500
    garbage          the server handles it; the client gets 200 with a body that is not the protocol
    kill_server      the request reaches the server, which is killed before it can answer
    revoked          the server never sees it; the client gets "device revoked" with `revoked_proof` (not the
                     server's signature unless a test puts it there)
"""

from __future__ import annotations

import contextlib
import json
import socket
import socketserver
import threading
import time
from collections.abc import Callable

GARBAGE = (
    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 23\r\nconnection: close\r\n\r\n"
    b'{"results": "whatever"}'
)


def revoked_answer(proof: str) -> bytes:
    body = json.dumps({"error": "device_revoked", "proof": proof}).encode()
    head = f"HTTP/1.1 403 Forbidden\r\ncontent-type: application/json\r\ncontent-length: {len(body)}\r\n"
    return head.encode() + b"connection: close\r\n\r\n" + body


ERROR_500 = b"HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"


class FaultProxy:
    def __init__(self, upstream_port: int, delay: float = 6.0):
        self.upstream = ("127.0.0.1", upstream_port)
        self.delay = delay
        self.planned: list[tuple[str, str]] = []
        self.seen: list[tuple[str, str, int]] = []  # method, path, body size
        self.on_kill: Callable[[], None] | None = None
        self.revoked_proof = ""
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._clients: set[socket.socket] = set()  # connections being served, cut when the proxy closes
        proxy = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                with proxy._lock:
                    proxy._clients.add(self.request)
                try:
                    proxy._serve(self.request)
                finally:
                    with proxy._lock:
                        proxy._clients.discard(self.request)

        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        # serve_forever looks for a shutdown between polls; at its default half second, closing the
        # proxy held the end of every sync test up by ~0.5 s (a tenth of the suite's time).
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def plan(self, path_prefix: str, fault: str) -> None:
        with self._lock:
            self.planned.append((path_prefix, fault))

    def close(self) -> None:
        """Stop, and cut every connection still being served: a client waiting on a delayed answer sees
        the line drop at once, so no laptop's request is left waiting after its test (a window's network
        lane waiting out its timeout held up the next UI test by 15 s)."""
        self._closing.set()
        self._server.shutdown()
        self._server.server_close()
        with self._lock:
            for client in self._clients:
                with contextlib.suppress(OSError):
                    client.shutdown(socket.SHUT_RDWR)

    def _take_fault(self, path: str) -> str | None:
        with self._lock:
            for n, (prefix, fault) in enumerate(self.planned):
                if path.startswith(prefix):
                    del self.planned[n]
                    return fault
        return None

    def _serve(self, client: socket.socket) -> None:
        request = _read_request(client)
        if request is None:
            return
        method, path = request.split(b" ", 2)[:2]
        path = path.decode()
        self.seen.append((method.decode(), path, len(request)))
        fault = self._take_fault(path)
        if fault == "drop_request":
            client.close()
            return
        if fault == "revoked":
            client.sendall(revoked_answer(self.revoked_proof))
            client.close()
            return
        if fault == "kill_server":
            upstream = socket.create_connection(self.upstream)
            upstream.sendall(request)
            time.sleep(0.05)
            self.on_kill()
            client.close()
            return
        response = self._forward(request)
        if fault == "duplicate":
            response = self._forward(request)
        if fault == "drop_response":
            client.sendall(response[: len(response) // 2])
        elif fault == "delay":
            if not self._closing.wait(self.delay):  # the answer comes late, unless the proxy closes first
                _send(client, response)
        elif fault == "error_500":
            client.sendall(ERROR_500)
        elif fault == "garbage":
            client.sendall(GARBAGE)
        else:
            client.sendall(response)
        client.close()

    def _forward(self, request: bytes) -> bytes:
        with socket.create_connection(self.upstream) as upstream:
            upstream.sendall(request)
            chunks = []
            while data := upstream.recv(65536):
                chunks.append(data)
        return b"".join(chunks)


def _send(client: socket.socket, data: bytes) -> None:
    with contextlib.suppress(OSError):  # the client gave up waiting: that is the point
        client.sendall(data)


def _read_request(client: socket.socket) -> bytes | None:
    """One whole request, rewritten to close the connection after it (one request a connection)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = client.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    length = 0
    kept = []
    for line in lines:
        name = line.split(b":", 1)[0].strip().lower()
        if name == b"content-length":
            length = int(line.split(b":", 1)[1])
        if name != b"connection":
            kept.append(line)
    while len(body) < length:
        body += client.recv(65536)
    return b"\r\n".join(kept) + b"\r\nconnection: close\r\n\r\n" + body
