"""A small HTTP-aware TCP proxy for failure tests: it sits between the sync client and a real server
on loopback and, request by request, passes, cuts, swallows answers, answers errors or hangs.

It only understands what our client sends (Content-Length bodies, keep-alive) and what uvicorn
answers (Content-Length or chunked), which is all the failure tests need.
"""

from __future__ import annotations

import select
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Fault:
    """What to do with a request. kind: pass | slow | cut | drop_answer | status | hang | reset."""

    kind: str
    cut_after: int = 0  # cut: bytes of the request forwarded before both sides are closed
    status: int = 500  # status: the answer sent back without asking the server
    headers: dict[str, str] = field(default_factory=dict)
    hang_s: float = 30.0  # hang: seconds to hold the request without answering
    delay_s: float = 0.5  # slow: seconds the server seems to think before it is asked
    then: Callable[[], None] | None = None  # drop_answer: run before the client is hung up on


@dataclass
class _Rule:
    method: str | None
    path_part: str | None
    fault: Fault
    times: int  # -1: forever

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method == method) and (
            self.path_part is None or self.path_part in path
        )


def _read_until(sock: socket.socket, buffer: bytearray, marker: bytes) -> int:
    while True:
        index = buffer.find(marker)
        if index >= 0:
            return index
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("peer closed")
        buffer += chunk


def _read_exact(sock: socket.socket, buffer: bytearray, size: int) -> None:
    while len(buffer) < size:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("peer closed")
        buffer += chunk


def _headers(head: bytes) -> dict[str, str]:
    lines = head.decode("latin-1").split("\r\n")[1:]
    return {
        k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines if line)
    }


def _read_message(
    sock: socket.socket, buffer: bytearray, *, is_response: bool, method: str = ""
) -> bytes:
    """One full HTTP message from ``sock`` (head + body), leaving any extra bytes in ``buffer``."""
    end = _read_until(sock, buffer, b"\r\n\r\n") + 4
    head = bytes(buffer[:end])
    headers = _headers(head)
    status = int(head.split(b" ", 2)[1]) if is_response else 0
    no_body = is_response and (method == "HEAD" or status in (204, 304) or status < 200)
    if no_body:
        size = end
    elif "content-length" in headers:
        size = end + int(headers["content-length"])
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        pos = end
        while True:
            line_end = _read_until_from(sock, buffer, b"\r\n", pos)
            chunk_size = int(bytes(buffer[pos:line_end]).split(b";")[0], 16)
            pos = line_end + 2 + chunk_size + 2
            _read_exact(sock, buffer, pos)
            if chunk_size == 0:
                break
        size = pos
    elif is_response:
        while True:  # body until close
            chunk = sock.recv(65536)
            if not chunk:
                break
            buffer += chunk
        size = len(buffer)
    else:
        size = end
    _read_exact(sock, buffer, size)
    message = bytes(buffer[:size])
    del buffer[:size]
    return message


def _read_until_from(sock: socket.socket, buffer: bytearray, marker: bytes, start: int) -> int:
    while True:
        index = buffer.find(marker, start)
        if index >= 0:
            return index
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("peer closed")
        buffer += chunk


class FaultyProxy:
    """Listens on 127.0.0.1:<port> and relays to ``upstream_port``, applying faults by rule."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self._rules: list[_Rule] = []
        self._lock = threading.Lock()
        self.seen: Counter[str] = Counter()  # "POST /submission" -> count
        self.applied: Counter[str] = Counter()  # fault kind -> count
        self.heads: list[str] = []  # every request's line and headers, in arrival order
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._closing = threading.Event()
        self._sockets: set[socket.socket] = set()
        self._thread = threading.Thread(target=self._accept_loop, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def add(
        self, fault: Fault, *, method: str | None = None, path: str | None = None, times: int = 1
    ) -> None:
        """Apply ``fault`` to the next ``times`` matching requests (-1: until cleared)."""
        with self._lock:
            self._rules.append(_Rule(method, path, fault, times))

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    def _fault_for(self, method: str, path: str) -> Fault:
        with self._lock:
            self.seen[f"{method} {path.split('?')[0]}"] += 1
            for rule in self._rules:
                if rule.times != 0 and rule.matches(method, path):
                    if rule.times > 0:
                        rule.times -= 1
                    self.applied[rule.fault.kind] += 1
                    return rule.fault
        return Fault("pass")

    def close(self) -> None:
        self._closing.set()
        self._listener.close()
        with self._lock:
            for sock in list(self._sockets):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()

    def _accept_loop(self) -> None:
        while not self._closing.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                self._sockets.add(client)
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _wait_for_client(self, client: socket.socket, upstream: socket.socket) -> bool:
        """Wait for the client's next request; False if the server hung up first."""
        while not self._closing.is_set():
            readable, _, _ = select.select([client, upstream], [], [], 0.2)
            if upstream in readable:
                return False  # a server never speaks first on HTTP/1.1: this is EOF or reset
            if client in readable:
                return True
        return False

    def _serve(self, client: socket.socket) -> None:
        upstream: socket.socket | None = None
        client_buffer = bytearray()
        upstream_buffer = bytearray()
        try:
            while not self._closing.is_set():
                if (
                    upstream is not None
                    and not client_buffer
                    and not self._wait_for_client(client, upstream)
                ):
                    return  # the server closed its side (e.g. it was killed): so does the proxy
                try:
                    request = _read_message(client, client_buffer, is_response=False)
                except (ConnectionError, OSError):
                    return
                request_line = request.split(b"\r\n", 1)[0].decode("latin-1")
                with self._lock:
                    self.heads.append(request.split(b"\r\n\r\n", 1)[0].decode("latin-1"))
                method, path, _ = request_line.split(" ", 2)
                fault = self._fault_for(method, path)
                if fault.kind == "status":
                    body = f"fault injected by the test proxy: {fault.status}".encode()
                    extra = "".join(f"{k}: {v}\r\n" for k, v in fault.headers.items())
                    client.sendall(
                        f"HTTP/1.1 {fault.status} Injected\r\nContent-Type: text/plain\r\n{extra}"
                        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
                        + body
                    )
                    return
                if fault.kind == "hang":
                    self._closing.wait(fault.hang_s)
                    return
                if fault.kind == "reset":
                    client.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
                    )
                    return
                if upstream is None:
                    upstream = socket.create_connection(
                        ("127.0.0.1", self.upstream_port), timeout=60
                    )
                    with self._lock:
                        self._sockets.add(upstream)
                if fault.kind == "slow":
                    self._closing.wait(fault.delay_s)
                if fault.kind == "cut":
                    upstream.sendall(request[: fault.cut_after])
                    time.sleep(0.05)  # let the server read the partial body before the close
                    return
                upstream.sendall(request)
                response = _read_message(upstream, upstream_buffer, is_response=True, method=method)
                if fault.kind == "drop_answer":
                    if fault.then is not None:
                        fault.then()
                    return  # the server did its work; the client never hears of it
                client.sendall(response)
                if b"\r\nconnection: close" in response.split(b"\r\n\r\n", 1)[0].lower():
                    return
        except (ConnectionError, OSError):
            return
        finally:
            for sock in (client, upstream):
                if sock is not None:
                    try:
                        sock.close()
                    except OSError:
                        pass
                    with self._lock:
                        self._sockets.discard(sock)
