"""An event loop that accepts one connection per wake-up, so that worker processes share them.

Every uvicorn worker waits on the same listening socket. asyncio's loop, once woken, accepts every
connection waiting (up to the backlog) before it looks at anything else, so a burst of
connections (eight field laptops syncing after the network comes back) lands on whichever worker
woke first. Keep-alive connections then stay where they landed: one worker does most of the
work on one core while the other idles (measured: 71% of 8 clients' submissions on one of two
workers). Accepting one connection per wake-up lets a busy worker's siblings take the next one,
and spreads the load.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any


class FairAcceptLoop(asyncio.SelectorEventLoop):
    """asyncio's selector loop, taking at most one new connection each time it is woken."""

    def _accept_connection(
        self,
        protocol_factory: Any,
        sock: Any,
        sslcontext: Any = None,
        server: Any = None,
        backlog: int = 100,
        *args: Any,
    ) -> None:
        super()._accept_connection(  # type: ignore[misc]
            protocol_factory, sock, sslcontext, server, 1, *args
        )


def new_event_loop() -> asyncio.AbstractEventLoop:
    """uvicorn's loop factory (``loop="sync.server.fair_accept:new_event_loop"``)."""
    if sys.platform == "win32":  # the proactor loop accepts one connection at a time already
        return asyncio.ProactorEventLoop()
    return FairAcceptLoop()
