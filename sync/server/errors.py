"""The one exception the server's services raise to refuse a request: HTTP status and reason."""

from __future__ import annotations


class Refused(Exception):
    """A request the server refuses; ``reason`` is shown to the person or tool that sent it.

    ``headers`` go on the answer too (e.g. Retry-After on a 429)."""

    def __init__(self, status: int, reason: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.headers = headers or {}


# The database refused a value a request carried (out of range, not storable): the client's
# mistake, answered 400 with this reason wherever the write ran (a worker or the main process).
UNSTORABLE_VALUE = "a value in the request cannot be stored (out of range?)"
