"""Failed login and enrollment attempts per client address: past a few, 429 with Retry-After.

Passwords and enrollment codes are guessed one request at a time; counting only failures keeps a
pilot's office (many laptops behind one address, each enrolling once) free to work. The count is
per server process (each uvicorn worker keeps its own), so with N workers an address gets at most
N times the limit: still a few dozen guesses per window instead of thousands per second. Behind a
reverse proxy, start uvicorn so that it trusts the proxy's X-Forwarded-For (uvicorn's
``forwarded_allow_ips``), or every client shares the proxy's address.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable

from sync.server.errors import Refused

MAX_TRACKED_ADDRESSES = 10_000  # past this, addresses with no recent failure are forgotten


class AttemptLimiter:
    """At most ``max_failures`` failed attempts per address within ``window_s`` seconds."""

    def __init__(
        self,
        max_failures: int,
        window_s: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, address: str, what: str) -> None:
        """Refuse with 429 and Retry-After while the address has used up its failures."""
        now = self._clock()
        with self._lock:
            recent = self._recent(address, now)
            if recent is None or len(recent) < self.max_failures:
                return
            wait = max(1, math.ceil(recent[0] + self.window_s - now))
        raise Refused(
            429,
            f"too many failed {what} attempts from this address; try again in {wait} s",
            headers={"Retry-After": str(wait)},
        )

    def failed(self, address: str) -> None:
        """Count one failed attempt from the address."""
        now = self._clock()
        with self._lock:
            if len(self._failures) >= MAX_TRACKED_ADDRESSES:
                self._forget_old(now)
            self._failures.setdefault(address, deque()).append(now)
            self._recent(address, now)

    def _recent(self, address: str, now: float) -> deque[float] | None:
        found = self._failures.get(address)
        if found is None:
            return None
        while found and found[0] <= now - self.window_s:
            found.popleft()
        if not found:
            del self._failures[address]
            return None
        return found

    def _forget_old(self, now: float) -> None:
        for address in list(self._failures):
            self._recent(address, now)
