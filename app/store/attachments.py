"""store.attachments: file answers (photos, audio, signatures) kept inside the data file."""

from __future__ import annotations

import hashlib

from app.store.database import Database, not_found
from app.store.errors import INVALID, READ_ONLY, StoreError
from app.store.records import Attachment, now_iso

_COLUMNS = "instance_id, filename, media_type, sha256, size, created_at"


class Attachments:
    """Bytes live in the database (one file to back up, and nothing else on disk holds answers)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, instance_id: str, filename: str, data: bytes, media_type: str) -> Attachment:
        """Attach a file to a draft (same name replaces it); committed before returning."""
        if not filename or "/" in filename or "\\" in filename:
            raise StoreError(INVALID, f"Attachment name {filename!r} is not a plain file name.")
        digest = hashlib.sha256(data).hexdigest()
        created = now_iso()
        with self._db.write() as conn:
            row = conn.execute(
                "SELECT status FROM submissions WHERE instance_id = ?", (instance_id,)
            ).fetchone()
            if row is None:
                raise not_found(f"Session {instance_id}")
            if row[0] != "draft":
                raise StoreError(
                    READ_ONLY, f"Session {instance_id} is {row[0]}; its files can no longer change."
                )
            replaced = conn.execute(
                "SELECT 1 FROM attachments WHERE instance_id = ? AND filename = ?",
                (instance_id, filename),
            ).fetchone()
            conn.execute(
                "INSERT INTO attachments (instance_id, filename, media_type, sha256, size,"
                " created_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (instance_id, filename) DO UPDATE SET"
                " media_type = excluded.media_type,"
                " sha256 = excluded.sha256, size = excluded.size, created_at = excluded.created_at,"
                " data = excluded.data",
                (instance_id, filename, media_type, digest, len(data), created, data),
            )
            if replaced:  # the old photo is gone for good: out of the WAL too
                self._db.answers_dropped()
        return Attachment(instance_id, filename, media_type, digest, len(data), created)

    def list(self, instance_id: str) -> list[Attachment]:
        rows = self._db.rows(
            f"SELECT {_COLUMNS} FROM attachments WHERE instance_id = ? ORDER BY filename",
            (instance_id,),
        )
        return [Attachment(**row) for row in rows]

    def read(self, instance_id: str, filename: str) -> bytes:
        row = self._db.row(
            "SELECT data FROM attachments WHERE instance_id = ? AND filename = ?",
            (instance_id, filename),
        )
        if row is None or row["data"] is None:
            raise not_found(f"File {filename!r} of session {instance_id}")
        return bytes(row["data"])
