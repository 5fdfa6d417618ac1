"""Published forms: publish an XLSForm or XForm (with media) into a project, list and fetch them.

A form version, once published, never changes: publishing the same (form_id, version) again with
the same XML is a no-op, with different XML it is refused (the author must bump the version), as in
ODK Central. The form list shows the newest version of each form of a project.
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as SafeET
from sqlalchemy import Connection, func, select

from sync.server import schema
from sync.server.accounts import project_id
from sync.server.db import Database, inserted_id, utc_now

XFORMS_NS = "http://www.w3.org/2002/xforms"
XHTML_NS = "http://www.w3.org/1999/xhtml"
XLSFORM_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".csv", ".md"}


class FormPublishError(ValueError):
    """The form cannot be published; the message says why and what to do."""


@dataclass(frozen=True)
class XFormInfo:
    form_id: str
    version: str
    title: str
    binary_paths: list[str]
    root_name: str  # local name of the main instance's root element ("data")
    encrypted: bool = False  # <submission base64RsaPublicKey=...>: submissions come sealed


def read_xform_info(xml: str) -> XFormInfo:
    """Form id, version, title and the paths of binary (attachment) questions of an XForm."""
    try:
        root = SafeET.fromstring(xml.encode("utf-8"), forbid_dtd=True)
    except Exception as error:  # defusedxml and expat raise several types; all mean "bad XML"
        raise FormPublishError(f"the XForm is not well-formed XML: {error}") from None
    model = root.find(f"{{{XHTML_NS}}}head/{{{XFORMS_NS}}}model")
    if model is None:
        raise FormPublishError("the XForm has no <h:head>/<model>: is this really an XForm?")
    main = next(
        (i for i in model.findall(f"{{{XFORMS_NS}}}instance") if "id" not in i.attrib), None
    )
    data = next(iter(main), None) if main is not None else None
    if data is None or not data.get("id"):
        raise FormPublishError("the XForm's main instance has no root element with an id attribute")
    title_el = root.find(f"{{{XHTML_NS}}}head/{{{XHTML_NS}}}title")
    title = (title_el.text or "").strip() if title_el is not None else ""
    binary_paths = [
        bind.get("nodeset", "")
        for bind in model.iter(f"{{{XFORMS_NS}}}bind")
        if bind.get("type", "").split(":")[-1] in ("binary", "base64Binary") and bind.get("nodeset")
    ]
    form_id, version = data.get("id", ""), data.get("version", "")
    return XFormInfo(
        form_id=form_id,
        version=version,
        title=title or form_id,
        binary_paths=binary_paths,
        root_name=data.tag.rsplit("}", 1)[-1],
        encrypted=any(
            (e.get("base64RsaPublicKey") or "").strip()
            for e in model.iter(f"{{{XFORMS_NS}}}submission")
        ),
    )


# Names Windows keeps for devices: a folder or file called "con" or "nul.txt" cannot be made there.
_WINDOWS_DEVICES = {"con", "prn", "aux", "nul"} | {
    f"{port}{n}" for port in ("com", "lpt") for n in "123456789"
}


def unsafe_segment_reason(value: str) -> str | None:
    """Why ``value`` cannot be one path segment on any client's disk, or None when it can.

    Form ids, versions and media names become folder and file names on the laptops (ODK Collect
    does the same): "..", a slash, a drive letter ("C:"), control characters or a name Windows
    reserves would let a name climb out of the media folder or fail to save there."""
    if value in ("", ".", ".."):
        return "is empty, '.' or '..'"
    if "/" in value or "\\" in value:
        return "has a slash"
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        return "has a control character"
    if ":" in value:
        return "has a colon (a drive letter on Windows)"
    if value != value.strip() or value.endswith("."):
        return "starts or ends with a space, or ends with a dot"
    if value.split(".", 1)[0].lower() in _WINDOWS_DEVICES:
        return "is a device name on Windows"
    return None


def _check_name(label: str, value: str, longest: int, *, may_be_empty: bool = False) -> None:
    """Form ids and versions travel in URL paths (a "/" would make the form unreachable), become
    folder names on the laptops, and fill database columns of a fixed length."""
    if len(value) > longest:
        raise FormPublishError(f"the {label} {value[:40]!r}... is longer than {longest} characters")
    if may_be_empty and value == "":  # a form without a version attribute (ODK allows it)
        return
    reason = unsafe_segment_reason(value)
    if reason is not None:
        raise FormPublishError(
            f"the {label} {value!r} {reason}: use letters, digits, _ - . (set it in the "
            "settings sheet)"
        )


def load_form_source(source: Path) -> str:
    """XForm XML from an .xml/.xform file, or converted from an XLSForm (.xlsx, .md, ...)."""
    if not source.is_file():
        raise FormPublishError(f"no such file: {source}")
    if source.suffix.lower() in XLSFORM_SUFFIXES:
        from app.xlsform import xlsform_to_xform  # only the admin CLI needs pyxform

        try:
            return xlsform_to_xform(source)
        except ValueError as error:  # XLSFormError is a ValueError with sheet/row/column
            raise FormPublishError(f"{source.name}: {error}") from None
    try:
        return source.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise FormPublishError(f"{source.name} is not UTF-8 text") from None


def publish_form(
    db: Database, project_name: str, source: Path, media: Sequence[Path] = ()
) -> dict[str, Any]:
    """Publish a form (and its media files) into a project; returns what was published."""
    xml = load_form_source(Path(source))
    info = read_xform_info(xml)
    _check_name("form id", info.form_id, 200)
    _check_name("version", info.version, 100, may_be_empty=True)
    if len(info.title) > 500:
        raise FormPublishError("the form title is longer than 500 characters: shorten it")
    media_rows = []
    for path in media:
        if not path.is_file():
            raise FormPublishError(f"media file not found: {path}")
        _check_name("media file name", path.name, 255)
        data = path.read_bytes()
        media_rows.append(
            {
                "filename": path.name,
                "content_type": mimetypes.guess_type(path.name)[0] or "application/octet-stream",
                "md5": hashlib.md5(data).hexdigest(),
                "data": data,
            }
        )
    pid = project_id(db, project_name)
    md5 = hashlib.md5(xml.encode("utf-8")).hexdigest()
    f = schema.forms
    with db.write() as conn:
        existing = (
            conn.execute(
                select(f.c.id, f.c.md5).where(
                    f.c.project_id == pid, f.c.form_id == info.form_id, f.c.version == info.version
                )
            )
            .mappings()
            .first()
        )
        if existing is not None:
            if existing["md5"] != md5:
                raise FormPublishError(
                    f"form {info.form_id!r} version {info.version!r} is already published with "
                    "different content: change the version (settings sheet) and publish again"
                )
            return {**_summary(info, md5, pid), "created": False}
        form_pk = inserted_id(
            conn.execute(
                f.insert().values(
                    project_id=pid,
                    form_id=info.form_id,
                    version=info.version,
                    title=info.title,
                    xml=xml,
                    md5=md5,
                    binary_paths=json.dumps(info.binary_paths),
                    created_at=utc_now(),
                )
            )
        )
        for row in media_rows:
            conn.execute(schema.form_media.insert().values(form_pk=form_pk, **row))
    return {**_summary(info, md5, pid), "created": True}


def _summary(info: XFormInfo, md5: str, pid: int) -> dict[str, Any]:
    return {
        "form_id": info.form_id,
        "version": info.version,
        "title": info.title,
        "md5": md5,
        "project_id": pid,
    }


def current_forms(db: Database, project_ids: frozenset[int] | None) -> list[dict[str, Any]]:
    """The newest version of each form in the given projects (None: all), with a media count."""
    f, m = schema.forms, schema.form_media
    newest = select(func.max(f.c.id)).group_by(f.c.project_id, f.c.form_id)
    media_count = select(func.count()).select_from(m).where(m.c.form_pk == f.c.id).scalar_subquery()
    query = (
        select(
            f.c.id,
            f.c.project_id,
            f.c.form_id,
            f.c.version,
            f.c.title,
            f.c.md5,
            f.c.created_at,
            media_count.label("media_count"),
        )
        .where(f.c.id.in_(newest))
        .order_by(f.c.project_id, f.c.form_id)
    )
    if project_ids is not None:
        query = query.where(f.c.project_id.in_(project_ids))
    with db.read() as conn:
        return [dict(row) for row in conn.execute(query).mappings()]


def find_form(
    db: Database, project_id: int, form_id: str, version: str | None = None
) -> dict[str, Any] | None:
    """One form version (the newest if version is None), with its XML; None if unknown."""
    with db.read() as conn:
        return _find_form(conn, project_id, form_id, version)


def _find_form(
    conn: Connection, project_id: int, form_id: str, version: str | None
) -> dict[str, Any] | None:
    f = schema.forms
    query = select(f).where(f.c.project_id == project_id, f.c.form_id == form_id)
    query = query.where(f.c.version == version) if version is not None else query
    row = conn.execute(query.order_by(f.c.id.desc()).limit(1)).mappings().first()
    return dict(row) if row is not None else None


def form_media_list(db: Database, form_pk: int) -> list[dict[str, Any]]:
    m = schema.form_media
    query = select(m.c.filename, m.c.md5, m.c.content_type).where(m.c.form_pk == form_pk)
    with db.read() as conn:
        return [dict(row) for row in conn.execute(query.order_by(m.c.filename)).mappings()]


def form_media_file(db: Database, form_pk: int, filename: str) -> dict[str, Any] | None:
    m = schema.form_media
    query = select(m.c.content_type, m.c.data).where(
        m.c.form_pk == form_pk, m.c.filename == filename
    )
    with db.read() as conn:
        row = conn.execute(query).mappings().first()
        return dict(row) if row is not None else None
