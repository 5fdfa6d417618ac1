"""One SQLite writer for every worker process: the server's main process stores what they receive.

With several uvicorn workers on SQLite, each worker stored its own submissions from a thread of
its own process, and the workers took turns at the database's single write lock. Measured with 8
clients on 2 workers, a turn held the lock about 3 ms for two submissions that take under 1 ms
alone: the writing thread shares its process's interpreter lock with the event loop, which is
busy parsing the next requests, so every step of the transaction waited for it, and the other
worker waited for the lock.

Here the main process (the one that starts the workers and otherwise only watches them) runs
the group commit (``group_commit``) for all of them. A worker parses and checks a submission as
before, sends what is to be stored over a private Unix socket, and answers its client only when
the main process says the transaction that holds it has committed: exactly once holds as before.
Nothing else competes with that writer, and submissions from all workers share transactions.

What does not travel: a submission that arrives while its worker has no other in flight (the
hop would only add to a lone laptop's wait), submissions with attachments (their spooled files
live in the worker) and very large ones are stored by the worker itself, through the same write
lock. When the main process cannot be reached a worker stores its own; when the link breaks with
submissions on it, their clients are told to send again (503 + Retry-After): the resend path
answers 201 for what was stored, and stores what was not.

The socket is in a folder only the server's user can open, and a worker must first send a
secret the main process generated and handed to its workers in their environment.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import os
import secrets
import shutil
import struct
import sys
import tempfile
import threading
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DataError

from sync.server.accounts import Principal
from sync.server.db import Database
from sync.server.errors import UNSTORABLE_VALUE, Refused
from sync.server.group_commit import GroupCommit
from sync.server.submission_xml import SubmissionMeta
from sync.server.submissions import IngestResult, PreparedSubmission, SubmissionInbox

log = logging.getLogger("encuentro.server.ingest")

Committer = GroupCommit[PreparedSubmission, IngestResult]

ENV_SOCKET = "ENCUENTRO_SERVER_INGEST_SOCKET"
ENV_SECRET = "ENCUENTRO_SERVER_INGEST_SECRET"

# Submissions larger than this stay in their worker (their transfer would cost more than the turn).
MAX_SHARED_XML_CHARS = 1024 * 1024
MAX_FRAME_BYTES = 8 * MAX_SHARED_XML_CHARS  # JSON escapes can grow a text; anything past is a bug
HEADER = struct.Struct("!I")
RECONNECT_AFTER_S = 5.0
RETRY_AFTER_S = 5


def available() -> bool:
    """Unix sockets through asyncio: not on Windows, where each worker keeps its own writer."""
    return sys.platform != "win32"


def _frame(message: dict[str, Any]) -> bytes:
    payload = json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return HEADER.pack(len(payload)) + payload


async def _read_frame(reader: asyncio.StreamReader) -> dict[str, Any]:
    (size,) = HEADER.unpack(await reader.readexactly(HEADER.size))
    if size > MAX_FRAME_BYTES:
        raise ValueError(f"a frame of {size} bytes is larger than {MAX_FRAME_BYTES}")
    message: dict[str, Any] = json.loads(await reader.readexactly(size))
    return message


def _encode_job(job_id: int, prepared: PreparedSubmission) -> dict[str, Any]:
    principal = asdict(prepared.principal)
    if principal["project_ids"] is not None:  # a frozenset: JSON has lists
        principal["project_ids"] = sorted(principal["project_ids"])
    return {
        "id": job_id,
        "principal": principal,
        "meta": asdict(prepared.meta),
        "project_id": prepared.project_id,
        "form_pk": prepared.form_pk,
        "xml": prepared.xml_text,
        "digest": prepared.digest,
        "expected": prepared.expected,
    }


def _decode_job(message: dict[str, Any]) -> PreparedSubmission:
    principal = message["principal"]
    if principal["project_ids"] is not None:
        principal["project_ids"] = frozenset(principal["project_ids"])
    return PreparedSubmission(
        principal=Principal(**principal),
        project_id=message["project_id"],
        form_pk=message["form_pk"],
        meta=SubmissionMeta(**message["meta"]),
        xml_text=message["xml"],
        digest=message["digest"],
        expected=message["expected"],
        attachments=[],
    )


class SharedWriter:
    """In the main process: a thread serving the workers' submissions through one group commit."""

    def __init__(self, database_url: str) -> None:
        self.database_url = database_url
        self.folder = Path(tempfile.mkdtemp(prefix="encuentro-ingest-"))  # mode 0700
        self.path = self.folder / "ingest.sock"
        self.secret = secrets.token_hex(32)
        self._ready = threading.Event()
        self._failed: BaseException | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self.group_commit: Committer | None = None
        self._storing: set[asyncio.Task[None]] = set()  # held here: the loop keeps weak refs
        self._thread = threading.Thread(
            target=self._run, name="encuentro-shared-writer", daemon=True
        )

    def start(self) -> dict[str, str]:
        """Start serving; returns the environment the workers need to reach it."""
        self._thread.start()
        self._ready.wait(timeout=30)
        if self._failed is not None or not self._ready.is_set():
            raise RuntimeError(f"the shared writer did not start: {self._failed!r}")
        return {ENV_SOCKET: str(self.path), ENV_SECRET: self.secret}

    def stop(self) -> None:
        """Store what was received, then stop (the workers have stopped already)."""
        loop, stop = self._loop, self._stop
        if loop is not None and stop is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(stop.set)
            except RuntimeError:  # the loop ended on its own
                pass
        self._thread.join(timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as error:
            self._failed = error
            self._ready.set()
            log.exception("the shared writer stopped")

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        db = Database(self.database_url)
        # SQLite: one writer, inline (nothing else runs here). PostgreSQL: its writer threads.
        inline = db.dialect == "sqlite"
        group_commit = GroupCommit(db, SubmissionInbox(db).store, (Refused,), inline=inline)
        self.group_commit = group_commit  # its counts, for tests and diagnostics
        links: set[asyncio.Task[None]] = set()

        async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            task = asyncio.current_task()
            assert task is not None
            links.add(task)
            try:
                await self._serve_worker(reader, writer, group_commit)
            finally:
                links.discard(task)

        server = await asyncio.start_unix_server(serve, path=str(self.path))
        os.chmod(self.path, 0o600)
        self._ready.set()
        try:
            await self._stop.wait()
        finally:
            server.close()
            if self._storing:  # answered or not, what was received is stored
                await asyncio.wait(set(self._storing), timeout=30)
            for task in list(links):
                task.cancel()
            await asyncio.gather(*links, return_exceptions=True)
            group_commit.close()
            db.dispose()

    async def _serve_worker(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, group_commit: Committer
    ) -> None:
        try:
            hello = await _read_frame(reader)
            if not hmac.compare_digest(str(hello.get("secret", "")), self.secret):
                log.warning("a connection to the shared writer did not know its secret")
                return
            while True:
                message = await _read_frame(reader)
                task = asyncio.create_task(self._store(message, writer, group_commit))
                self._storing.add(task)
                task.add_done_callback(self._stored)
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass  # the worker stopped, or this writer is stopping
        except ValueError as error:
            log.error("the shared writer dropped a worker's link: %s", error)
        finally:
            writer.close()

    def _stored(self, task: asyncio.Task[None]) -> None:
        self._storing.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("the shared writer could not answer: %r", task.exception())

    @staticmethod
    async def _store(
        message: dict[str, Any], writer: asyncio.StreamWriter, group_commit: Committer
    ) -> None:
        job_id = message["id"]
        reply: dict[str, Any]
        try:
            result: IngestResult = await group_commit.submit(_decode_job(message))
        except Refused as refusal:
            reply = {"id": job_id, "refused": [refusal.status, refusal.reason, refusal.headers]}
        except Exception as error:
            kind = "data" if isinstance(error, DataError) else "error"
            reply = {"id": job_id, kind: type(error).__name__}
        else:
            reply = {
                "id": job_id,
                "stored": [result.instance_id, result.created, result.attachments_added],
            }
        if not writer.is_closing():
            writer.write(_frame(reply))


def _send_again() -> Refused:
    return Refused(
        503,
        "the server is restarting part of itself; the submission will be sent again shortly",
        {"Retry-After": str(RETRY_AFTER_S)},
    )


class _Link:
    """One worker event loop's connection to the shared writer, with its unanswered jobs."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.waiting: dict[int, asyncio.Future[IngestResult]] = {}
        self.next_id = 0
        self.broken = False
        self.listener = asyncio.create_task(self._listen())

    async def submit(self, prepared: PreparedSubmission) -> IngestResult:
        if self.broken:  # nothing would answer
            raise _send_again()
        self.next_id += 1
        job_id = self.next_id
        future: asyncio.Future[IngestResult] = asyncio.get_running_loop().create_future()
        self.waiting[job_id] = future
        self.writer.write(_frame(_encode_job(job_id, prepared)))
        return await future

    async def _listen(self) -> None:
        try:
            while True:
                reply = await _read_frame(self.reader)
                future = self.waiting.pop(reply["id"], None)
                if future is None or future.done():
                    continue  # its client went away; what was stored stays stored
                if "stored" in reply:
                    future.set_result(IngestResult(*reply["stored"]))
                elif "refused" in reply:
                    future.set_exception(Refused(*reply["refused"]))
                elif "data" in reply:
                    future.set_exception(Refused(400, UNSTORABLE_VALUE))
                else:
                    future.set_exception(RuntimeError(f"storing failed: {reply.get('error')}"))
        except (asyncio.IncompleteReadError, ConnectionError, ValueError) as error:
            # Nothing waiting: the main process stopped between submissions (a shutdown).
            level = logging.ERROR if self.waiting else logging.INFO
            log.log(level, "the link to the shared writer closed: %r", error)
        finally:
            self.broken = True
            self.writer.close()
            for future in self.waiting.values():
                if not future.done():  # stored or not: the client's resend finds out
                    future.set_exception(_send_again())
            self.waiting.clear()


class SharedWriterClient:
    """A worker's ``submit``: through the main process's writer when it can, else its own."""

    def __init__(self, socket_path: str, secret: str, local: Committer) -> None:
        self.socket_path = socket_path
        self.secret = secret
        self.local = local
        self._links: dict[asyncio.AbstractEventLoop, _Link] = {}
        self._unreachable_until = 0.0
        self._connecting: dict[asyncio.AbstractEventLoop, asyncio.Lock] = {}
        self._in_flight = 0
        # False: every submission that can travel does (tests of the link itself).
        self.alone_locally = True

    async def submit(self, prepared: PreparedSubmission) -> IngestResult:
        link = None
        # Alone, a worker stores its own: no hop, and the lock is free (a lone laptop's send was
        # answered 40% sooner). With others in flight, the main process takes it.
        busy = self._in_flight > 0 or not self.alone_locally
        if busy and not prepared.attachments and len(prepared.xml_text) <= MAX_SHARED_XML_CHARS:
            link = await self._link()
        self._in_flight += 1
        try:
            if link is None:
                stored: IngestResult = await self.local.submit(prepared)
                return stored
            return await link.submit(prepared)
        finally:
            self._in_flight -= 1

    def close(self) -> None:
        self.local.close()
        for link in self._links.values():
            link.writer.close()

    async def _link(self) -> _Link | None:
        loop = asyncio.get_running_loop()
        link = self._links.get(loop)
        if link is not None and not link.broken:
            return link
        if time.monotonic() < self._unreachable_until:
            return None
        # One connection attempt at a time, not one per request.
        async with self._connecting.setdefault(loop, asyncio.Lock()):
            link = self._links.get(loop)
            if link is not None and not link.broken:
                return link
            try:
                reader, writer = await asyncio.open_unix_connection(self.socket_path)
                writer.write(_frame({"secret": self.secret}))
            except OSError as error:
                log.warning("the shared writer cannot be reached (%s); storing here", error)
                self._unreachable_until = time.monotonic() + RECONNECT_AFTER_S
                return None
            link = self._links[loop] = _Link(reader, writer)
            return link
