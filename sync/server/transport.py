"""uvicorn's HTTP protocol with TCP_NODELAY on every connection and a deadline for request headers.

TCP_NODELAY: with ``--workers N`` uvicorn binds the listening socket itself with
``socket.socket(family)``, whose ``proto`` is 0; asyncio then does not recognise accepted
connections as TCP and skips TCP_NODELAY. Nagle's algorithm and the client's delayed ACK then add
about 40 ms to every response (measured here: 44 ms per request with 2 workers, 1-2 ms with one).
Setting the option ourselves removes that.

Joined writes: uvicorn writes a response's status line and headers as soon as the application
starts its answer, and the body in a second write: with TCP_NODELAY two packets, and the client
woken twice for one small answer (every submission's 201). ``JoinedWrites`` holds a small write
until the next one or the end of the event-loop turn and sends them as one.

Header deadline: uvicorn has no timeout for reading a request's headers (its keep-alive timeout
only runs between requests, and every byte received resets it), so a client that opens
connections and sends its headers a byte at a time ("slowloris") holds them for as long as it
likes. Here a connection must complete each request's headers within ``header_timeout`` seconds of
being opened or of its previous response, or it is closed. Slow bodies (a large upload over a
field connection) are not affected: the deadline ends when the headers are in.
"""

from __future__ import annotations

import asyncio
import socket
from typing import Any

from uvicorn.protocols.http.auto import AutoHTTPProtocol

from sync.server.limits import header_timeout

# A request line plus headers longer than this closes the connection. h11 alone refuses a long head
# only when it arrives in pieces; a head that arrives whole in one read it takes at any size.
MAX_HEAD_BYTES = 64 * 1024
END_OF_HEAD = b"\r\n\r\n"


# A write this small is held for the write that follows it (a response head waits for its body).
HOLD_BYTES = 16 * 1024


class JoinedWrites:
    """A connection's transport whose small writes wait for the next write, or for the end of
    the event-loop turn, and then go out together. Closing sends what is held first; every other
    use is the transport's own."""

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._held: bytes | None = None

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if self._held is not None:
            data, self._held = self._held + bytes(data), None
            self._transport.write(data)
        elif len(data) <= HOLD_BYTES and not self._transport.is_closing():
            self._held = bytes(data)
            self._loop.call_soon(self.flush)
        else:
            self._transport.write(data)

    def flush(self) -> None:
        held, self._held = self._held, None
        if held is not None and not self._transport.is_closing():
            self._transport.write(held)

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def abort(self) -> None:
        self._held = None
        self._transport.abort()

    def get_write_buffer_size(self) -> int:
        return self._transport.get_write_buffer_size() + len(self._held or b"")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class NoDelayHTTPProtocol(AutoHTTPProtocol):  # type: ignore[misc,valid-type]
    """The protocol uvicorn would pick (httptools or h11), with TCP_NODELAY, joined writes and a
    deadline for request headers."""

    _header_deadline: asyncio.TimerHandle | None = None
    # The request cycle that was current when the deadline was set (h11's or httptools' class).
    _waiting_after: Any = None
    _head_bytes = 0  # bytes of the awaited request head received so far
    _head_tail = b""  # its last 3 bytes, to find an end of head split across two reads

    def connection_made(self, transport: asyncio.Transport) -> None:
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:  # the peer may already be gone; the protocol handles that itself
                pass
        super().connection_made(JoinedWrites(transport, self.loop))
        self._arm_header_deadline()

    def data_received(self, data: bytes) -> None:
        if self._awaiting_head():
            seen = self._head_tail + data
            end = seen.find(END_OF_HEAD)
            if end >= 0:  # the head ends here; what follows is its body
                head = self._head_bytes + end - len(self._head_tail) + len(END_OF_HEAD)
                self._head_bytes, self._head_tail = 0, b""
            else:
                head = self._head_bytes = self._head_bytes + len(data)
                self._head_tail = seen[-(len(END_OF_HEAD) - 1) :]
            if head > MAX_HEAD_BYTES:
                self.transport.close()
                return
        super().data_received(data)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm_header_deadline()  # the next request's headers get their own deadline

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_deadline()
        super().connection_lost(exc)

    def _arm_header_deadline(self) -> None:
        self._disarm_header_deadline()
        if self.transport is None or self.transport.is_closing():
            return
        self._waiting_after = self.cycle
        self._head_bytes, self._head_tail = 0, b""
        self._header_deadline = self.loop.call_later(header_timeout(), self._headers_too_slow)

    def _disarm_header_deadline(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _awaiting_head(self) -> bool:
        """True between a connection's start (or a response's end) and the next request's head.

        A new cycle means a request's head arrived (its body may take longer); a cycle still
        running is a pipelined request already under way."""
        if self.cycle is not self._waiting_after:
            return False
        return self.cycle is None or self.cycle.response_complete

    def _headers_too_slow(self) -> None:
        self._header_deadline = None
        if self._awaiting_head() and not self.transport.is_closing():
            self.transport.close()
