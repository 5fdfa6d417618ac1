"""uvicorn's HTTP protocol with TCP_NODELAY on every connection, also with several workers, and a
bound on the size of a request's head.

With ``--workers N`` uvicorn binds the listening socket itself with ``socket.socket(family)``, whose
``proto`` is 0; asyncio then does not recognise accepted connections as TCP and skips TCP_NODELAY.
Nagle's algorithm and the client's delayed ACK then add about 40 ms to every response (measured
here: 44 ms per request with 2 workers, 1-2 ms with one). Setting the option ourselves removes that.

The protocol is httptools' (C, pinned in the server's dependencies: a third of the time of h11's
pure-Python parser) when it is installed, else h11's. httptools, unlike h11, buffers a request
head of any size (a 4 MB header was read whole), so the head is bounded here: past
``MAX_HEAD_BYTES`` before the headers end, the connection gets a 400 and is closed.
"""

from __future__ import annotations

import asyncio
import socket

try:
    import httptools  # noqa: F401  (only to know whether uvicorn can use it)
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:  # the h11 protocol already bounds the head (16 KB plus one read)
    from uvicorn.protocols.http.h11_impl import H11Protocol as ChosenProtocol
else:

    class ChosenProtocol(HttpToolsProtocol):  # type: ignore[no-redef]
        """httptools with the request head bounded."""

        _in_head = True
        _head_bytes = 0

        def on_message_begin(self) -> None:
            super().on_message_begin()
            self._in_head = True

        def on_headers_complete(self) -> None:
            self._in_head = False
            self._head_bytes = 0
            super().on_headers_complete()

        def on_message_complete(self) -> None:
            super().on_message_complete()
            self._in_head = True  # what arrives next is the next request's head

        def data_received(self, data: bytes) -> None:
            if self._in_head:
                self._head_bytes += len(data)
                if self._head_bytes > MAX_HEAD_BYTES:
                    self.send_400_response("Request head too large.")
                    return
            super().data_received(data)


MAX_HEAD_BYTES = 64 * 1024


class NoDelayHTTPProtocol(ChosenProtocol):  # type: ignore[misc,valid-type]
    """The protocol uvicorn would pick (httptools or h11), with TCP_NODELAY set."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:  # the peer may already be gone; the protocol handles that itself
                pass
        super().connection_made(transport)
