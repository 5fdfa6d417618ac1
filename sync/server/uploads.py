"""Submission bodies without holding them in memory: file parts spool to disk past a small size,
and each worker reads only a few submission bodies at a time.

Starlette keeps each file part in memory up to 1 MiB and then in the system temp folder; eight
concurrent 60 MB uploads used to cost 600 MB because the parts were then read whole into bytes.
Here parts roll over to disk past ``SPOOL_BYTES`` into a folder only this process's user can
open (0700; the files themselves are 0600 and unlinked at creation, so nothing is left behind
even after kill -9), and the database receives them in chunks (see ``attachment_store``).
"""

from __future__ import annotations

import asyncio
import atexit
import hashlib
import os
import shutil
import tempfile
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import BinaryIO, cast

from starlette.formparsers import MultiPartParser

from sync.server.errors import Refused

SPOOL_BYTES = 256 * 1024
CHUNK_BYTES = 256 * 1024
# Bodies being received or stored at once by one worker; more wait their turn.
MAX_CONCURRENT_BODIES = 8
# How long an upload waits for a turn before it is told to come back (503 + Retry-After).
QUEUE_WAIT_S = 30.0
RETRY_AFTER_S = 10

_folder_lock = threading.Lock()
_folder: str | None = None
_checked_at = 0.0


def upload_folder() -> str:
    """This process's private folder for spooled upload parts (created once, mode 0700)."""
    global _folder, _checked_at
    with _folder_lock:
        now = time.monotonic()
        # A temp cleaner may remove the folder of a long-running server: look again now and then
        # (not for every part: a stat per part showed in the ingest profile).
        if _folder is None or (now - _checked_at > 10 and not os.path.isdir(_folder)):
            _folder = tempfile.mkdtemp(prefix="encuentro-uploads-")
            atexit.register(shutil.rmtree, _folder, ignore_errors=True)
        if now - _checked_at > 10:
            _checked_at = now
        return _folder


def spooled_file() -> tempfile.SpooledTemporaryFile[bytes]:
    """A file kept in memory up to SPOOL_BYTES, then on disk in the private folder."""
    return tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, dir=upload_folder())


class SpoolingMultiPartParser(MultiPartParser):
    """Starlette's multipart parser with file parts spooled by ``spooled_file``."""

    spool_max_size = SPOOL_BYTES

    def on_headers_finished(self) -> None:
        super().on_headers_finished()
        upload = self._current_part.file
        if upload is not None:
            # Replace the file Starlette opened (system temp folder, 1 MiB in memory) before
            # any byte is written to it.
            own = spooled_file()
            self._files_to_close_on_error[-1].close()
            self._files_to_close_on_error[-1] = own
            # A binary file object; typeshed does not declare SpooledTemporaryFile a BinaryIO.
            upload.file = cast(BinaryIO, own)


def file_digest(source: BinaryIO) -> tuple[int, str]:
    """(size, SHA-256 hex) of a file object, read in chunks from the start; rewinds it."""
    source.seek(0)
    digest = hashlib.sha256()
    size = 0
    while chunk := source.read(CHUNK_BYTES):
        digest.update(chunk)
        size += len(chunk)
    source.seek(0)
    return size, digest.hexdigest()


class BodyTurns:
    """At most ``limit`` submission bodies in flight in this worker; others wait up to
    ``wait_s`` and are then answered 503 with Retry-After (the client's backoff retries)."""

    def __init__(self, limit: int = MAX_CONCURRENT_BODIES, wait_s: float = QUEUE_WAIT_S) -> None:
        self.limit = limit
        self.wait_s = wait_s
        self._semaphore: asyncio.Semaphore | None = None
        self.in_flight = 0
        self.most_in_flight = 0  # highest count seen (for tests and diagnostics)

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        if self._semaphore is None:  # made on first use, inside the worker's event loop
            self._semaphore = asyncio.Semaphore(self.limit)
        try:
            if self._semaphore.locked():
                await asyncio.wait_for(self._semaphore.acquire(), self.wait_s)
            else:  # a turn is free: taken at once, without a timer (and a task) per request
                await self._semaphore.acquire()
        except TimeoutError:
            raise Refused(
                503,
                "the server is receiving many submissions at once; try again shortly",
                {"Retry-After": str(RETRY_AFTER_S)},
            ) from None
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            yield
        finally:
            self.in_flight -= 1
            self._semaphore.release()
