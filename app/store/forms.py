"""store.forms: questionnaires on this laptop, one row per (form_id, version), XForm XML cached."""

from __future__ import annotations

import json
from typing import Any

from app.store.database import Database, not_found
from app.store.people import write_audit
from app.store.records import FormRecord, json_list, now_iso

_SUMMARY_COLUMNS = (
    "form_id, version, title, languages, default_language, source_hash, source_name, builtin,"
    " imported_at"
)


def _record(row: dict[str, Any]) -> FormRecord:
    return FormRecord(
        form_id=row["form_id"],
        version=row["version"],
        title=row["title"],
        languages=json_list(row["languages"]),
        default_language=row["default_language"],
        xform_xml=row.get("xform_xml", ""),
        source_hash=row["source_hash"],
        source_name=row["source_name"],
        builtin=bool(row["builtin"]),
        imported_at=row["imported_at"],
    )


class Forms:
    """Questionnaire versions. Drafts keep pointing at the version they were started with."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(
        self,
        form_id: str,
        version: str,
        title: str,
        xform_xml: str,
        *,
        languages: list[str] | None = None,
        default_language: str | None = None,
        source_hash: str | None = None,
        source_name: str | None = None,
        builtin: bool = False,
        actor: str | None = None,
    ) -> tuple[FormRecord, bool]:
        """Save a form version; returns (record, added).

        Adding a (form_id, version) that is already here changes nothing and returns added=False,
        except that a built-in form whose source changed without a version bump gets its cached XML
        refreshed (it is still the same questionnaire version; drafts stay openable).
        """
        existing = self._db.row(
            f"SELECT {_SUMMARY_COLUMNS} FROM forms WHERE form_id = ? AND version = ?",
            (form_id, version),
        )
        if existing is not None:
            if builtin and existing["builtin"] and existing["source_hash"] != source_hash:
                with self._db.write() as conn:
                    conn.execute(
                        "UPDATE forms SET xform_xml = ?, title = ?, languages = ?,"
                        " default_language = ?, source_hash = ?, source_name = ?"
                        " WHERE form_id = ? AND version = ?",
                        (
                            xform_xml,
                            title,
                            json.dumps(languages or [], ensure_ascii=False),
                            default_language,
                            source_hash,
                            source_name,
                            form_id,
                            version,
                        ),
                    )
                return self.get(form_id, version), False
            return self.get(form_id, version), False
        with self._db.write() as conn:
            conn.execute(
                "INSERT INTO forms (form_id, version, title, languages, default_language,"
                " source_hash, source_name, builtin, imported_at, xform_xml)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    form_id,
                    version,
                    title,
                    json.dumps(languages or [], ensure_ascii=False),
                    default_language,
                    source_hash,
                    source_name,
                    int(builtin),
                    now_iso(),
                    xform_xml,
                ),
            )
            write_audit(
                conn, actor, "form.added", form_id, {"version": version, "builtin": builtin}
            )
        return self.get(form_id, version), True

    def get(self, form_id: str, version: str | None = None) -> FormRecord:
        """One version with its XForm XML; the newest imported version when version is None."""
        if version is None:
            row = self._db.row(
                "SELECT * FROM forms WHERE form_id = ?"
                " ORDER BY imported_at DESC, rowid DESC LIMIT 1",
                (form_id,),
            )
        else:
            row = self._db.row(
                "SELECT * FROM forms WHERE form_id = ? AND version = ?", (form_id, version)
            )
        if row is None:
            what = f"Questionnaire {form_id!r}" + (f" version {version!r}" if version else "")
            raise not_found(what)
        return _record(row)

    def list(self, *, all_versions: bool = False) -> list[FormRecord]:
        """Forms without their XML (xform_xml == ""), by title; only the newest version of each
        form unless all_versions."""
        rows = self._db.rows(
            f"SELECT {_SUMMARY_COLUMNS}, rowid FROM forms ORDER BY imported_at DESC, rowid DESC"
        )
        seen: set[str] = set()
        chosen = []
        for row in rows:
            if not all_versions and row["form_id"] in seen:
                continue
            seen.add(row["form_id"])
            chosen.append(_record(row))
        return sorted(chosen, key=lambda f: (f.title.casefold(), f.form_id, f.version))

    def source_hash(self, form_id: str, version: str) -> str | None:
        row = self._db.row(
            "SELECT source_hash FROM forms WHERE form_id = ? AND version = ?", (form_id, version)
        )
        return None if row is None else row["source_hash"]

    def find_by_source(self, source_name: str, source_hash: str) -> FormRecord | None:
        """The form version last converted from this source file with this exact content, if any
        (lets start-up skip converting unchanged built-in questionnaires)."""
        row = self._db.row(
            "SELECT * FROM forms WHERE source_name = ? AND source_hash = ?"
            " ORDER BY imported_at DESC LIMIT 1",
            (source_name, source_hash),
        )
        return None if row is None else _record(row)
