"""store.sealed: what is sent for a session of an ODK-encrypted form (the manifest and the .enc
files), written by store.submissions.finalize() in the finalising transaction."""

from __future__ import annotations

from dataclasses import dataclass

from app.store.database import Database

SEALED_MANIFEST = "submission.xml"  # position 0: the XML part of the OpenRosa post


@dataclass(frozen=True)
class SealedSession:
    """The manifest (posted as xml_submission_file) and the encrypted files, in order."""

    manifest: bytes
    parts: list[tuple[str, bytes]]


class Sealed:
    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, instance_id: str) -> SealedSession | None:
        """The sealed submission of this session; None for a session of a plain form."""
        rows = self._db.rows(
            "SELECT filename, data FROM sealed_parts WHERE instance_id = ? ORDER BY position",
            (instance_id,),
        )
        if not rows:
            return None
        return SealedSession(
            bytes(rows[0]["data"]), [(row["filename"], bytes(row["data"])) for row in rows[1:]]
        )

    def answers_withheld(self, instance_id: str) -> bool:
        """True when the laptop keeps only the sealed copy of this session (a plain data file):
        its answers cannot be shown here, only by whoever holds the project's private key."""
        row = self._db.row(
            "SELECT 1 AS sealed FROM sealed_parts p JOIN submissions s USING (instance_id)"
            " WHERE p.instance_id = ? AND p.position = 0 AND s.instance_xml = CAST(p.data AS TEXT)",
            (instance_id,),
        )
        return row is not None
