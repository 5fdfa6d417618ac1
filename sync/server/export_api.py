"""GET /api/v1/projects/{pid}/forms/{form_id}/export: a form's submissions as a .zip of CSVs or
an XLSX workbook, shaped like ODK Central's export (see ``app.export``).

Supervisors of the project and admins only: a device is refused (403), a project one may not see
is not found (404), as the rest of the API answers. The file is built first into an anonymous
temporary file (no name on disk: it vanishes with the process), so the database snapshot is held
only while building, never while a slow client downloads; it is then streamed in chunks with its
length, ``Cache-Control: no-store`` and the file name Central would give it.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterator
from typing import IO, Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends
from fastapi import Path as PathParam
from starlette.background import BackgroundTask
from starlette.responses import Response, StreamingResponse

from app.export import ExportError, ExportOptions, export_file_name, export_submissions
from sync.server.accounts import Principal
from sync.server.db import Database
from sync.server.deps import caller, database
from sync.server.errors import Refused
from sync.server.export_source import (
    DatabaseSubmissions,
    Opener,
    UnknownForm,
    find_export_form,
    form_media_folder,
)
from sync.server.sealed_review import PrivateKey, opener

log = logging.getLogger("encuentro.server.export")
router = APIRouter(prefix="/api/v1")
MAX_INT = 2**31 - 1
CHUNK = 256 * 1024
MEDIA_TYPES = {
    "csv": "application/zip",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "qdpx": "application/zip",  # REFI-QDA registers no media type of its own
}


@router.get("/projects/{project_id}/forms/{form_id}/export")
def export_form(
    project_id: Annotated[int, PathParam(ge=1, le=MAX_INT)],
    form_id: str,
    db: Annotated[Database, Depends(database)],
    principal: Annotated[Principal, Depends(caller)],
    format: Literal["csv", "xlsx", "qdpx"] = "csv",
    approved_only: bool = False,
    labels: bool = False,
    language: Literal["es", "en"] | None = None,
) -> Response:
    """The export file of a form's current submissions (all, or only the approved ones)."""
    options = ExportOptions(
        format=format, approved_only=approved_only, labels=labels, language=language
    )
    return _export(project_id, form_id, db, principal, options, None)


class KeyedExport(PrivateKey):
    """POST body of an export that decrypts ODK-encrypted submissions with the given key."""

    format: Literal["csv", "xlsx", "qdpx"] = "csv"
    approved_only: bool = False
    labels: bool = False
    language: Literal["es", "en"] | None = None


@router.post("/projects/{project_id}/forms/{form_id}/export")
def export_form_with_key(
    project_id: Annotated[int, PathParam(ge=1, le=MAX_INT)],
    form_id: str,
    body: KeyedExport,
    db: Annotated[Database, Depends(database)],
    principal: Annotated[Principal, Depends(caller)],
) -> Response:
    """As the GET, with the project's private key and passphrase in the body (never in the URL,
    which logs keep): encrypted submissions are decrypted into the file, nowhere else."""
    options = ExportOptions(
        format=body.format,
        approved_only=body.approved_only,
        labels=body.labels,
        language=body.language,
    )
    if principal.is_device:
        raise Refused(403, "devices cannot export submissions")
    return _export(project_id, form_id, db, principal, options, opener(body.load()))


def _export(
    project_id: int,
    form_id: str,
    db: Database,
    principal: Principal,
    options: ExportOptions,
    open_sealed: Opener | None,
) -> Response:
    format, approved_only = options.format, options.approved_only
    if principal.is_device:
        raise Refused(403, "devices cannot export submissions")
    if not principal.sees_project(project_id):
        raise Refused(404, f"no project {project_id} that you may see")
    out = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the response or below)
    try:
        form = find_export_form(db, project_id, form_id)
        source = DatabaseSubmissions(
            db, project_id, form_id, approved_only=approved_only, opener=open_sealed
        )
        with form_media_folder(db, form) as media:
            summary = export_submissions(form.xml, source, out, options, media_dir=media)
    except UnknownForm as error:
        out.close()
        raise Refused(404, str(error)) from None
    except ExportError as error:
        out.close()
        raise Refused(422, str(error)) from None
    except BaseException:
        out.close()
        raise
    log.info(
        "export of form %r (project %d, %s) by %s: %d submissions",
        form_id,
        project_id,
        format,
        principal.name,
        summary.submissions,
    )
    size = out.tell()
    out.seek(0)
    name = export_file_name(form_id, format)
    headers = {
        "Content-Disposition": content_disposition(name),
        "Content-Length": str(size),
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
    }
    return StreamingResponse(
        _chunks(out),
        media_type=MEDIA_TYPES[format],
        headers=headers,
        background=BackgroundTask(out.close),
    )


def _chunks(out: IO[bytes]) -> Iterator[bytes]:
    try:
        while chunk := out.read(CHUNK):
            yield chunk
    finally:
        out.close()


def content_disposition(name: str) -> str:
    """An attachment header with an ASCII name for old clients and the exact UTF-8 one."""
    fallback = "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\' else "_" for ch in name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
