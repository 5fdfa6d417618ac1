"""Writing one submission attachment into the database in chunks, never whole in memory.

Small files (the usual photo from a spooled part still in memory) are one plain INSERT. Larger
ones stream from their spooled file: on SQLite into a zero-filled blob through SQLite's
incremental blob I/O, on PostgreSQL through ``COPY ... FROM STDIN`` (the bytea column as hex text),
both on the transaction's own connection, so the file is stored with its submission or not at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func

from sync.server import schema
from sync.server.uploads import CHUNK_BYTES, SPOOL_BYTES

if TYPE_CHECKING:
    from sync.server.submissions import Attachment

a = schema.submission_attachments
_INSERT = a.insert()
_COPY = (
    "COPY submission_attachments (submission_pk, name, content_type, size, sha256, received_at, "
    "data) FROM STDIN"
)


def insert_attachment(conn: Connection, submission_pk: int, item: Attachment, now: str) -> None:
    """Store ``item`` for the submission row ``submission_pk`` (inside the caller's transaction)."""
    row = {
        "submission_pk": submission_pk,
        "name": item.name,
        "content_type": item.content_type,
        "size": item.size,
        "sha256": item.sha256,
        "received_at": now,
    }
    item.source.seek(0)
    if item.size <= SPOOL_BYTES:
        conn.execute(_INSERT, {**row, "data": item.source.read()})
    elif conn.dialect.name == "sqlite":
        _sqlite_stream(conn, row, item)
    else:
        _postgres_stream(conn, row, item)


def _sqlite_stream(conn: Connection, row: dict[str, Any], item: Attachment) -> None:
    result = conn.execute(_INSERT.values(data=func.zeroblob(item.size)), row)
    rowid = result.lastrowid
    driver = conn.connection.driver_connection
    assert driver is not None  # None only once the pool has closed the connection
    with driver.blobopen("submission_attachments", "data", rowid) as blob:
        while chunk := item.source.read(CHUNK_BYTES):
            blob.write(chunk)


def _copy_text(value: str) -> str:
    """A value in COPY's text format (backslash escapes)."""
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


def _postgres_stream(conn: Connection, row: dict[str, Any], item: Attachment) -> None:
    fields = [
        str(row["submission_pk"]),
        _copy_text(row["name"]),
        _copy_text(row["content_type"]),
        str(row["size"]),
        row["sha256"],
        _copy_text(row["received_at"]),
    ]
    driver = conn.connection.driver_connection
    assert driver is not None  # None only once the pool has closed the connection
    with driver.cursor() as cursor, cursor.copy(_COPY) as copy:
        # bytea in hex form is "\x..."; the backslash itself is escaped in COPY's text format.
        copy.write("\t".join(fields) + "\t\\\\x")
        while chunk := item.source.read(CHUNK_BYTES):
            copy.write(chunk.hex())
        copy.write("\n")
