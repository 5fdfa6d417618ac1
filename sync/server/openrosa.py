"""OpenRosa 1.0 endpoints shaped like ODK Central's: form list, download, manifest, submission."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.responses import Response

from sync.server import forms
from sync.server.accounts import Principal
from sync.server.db import Database
from sync.server.deps import caller, database, inbox
from sync.server.errors import Refused
from sync.server.responses import form_list_xml, manifest_xml, openrosa_message, xml_response
from sync.server.submissions import (
    Attachment,
    SubmissionInbox,
    clean_attachment_name,
    clean_media_type,
)

router = APIRouter()
Caller = Annotated[Principal, Depends(caller)]
Db = Annotated[Database, Depends(database)]

MAX_ATTACHMENTS = 200
MAX_PROJECT_ID = 2**31 - 1  # a 32-bit integer column in both databases
# The XML part alone: a 250-question focus group is 20-100 KB. The cap bounds what one hostile XML
# can cost (expat needs ~1 s and ~100 MB for 4 MB of attributes on one element; see submission_xml).
MAX_XML_BYTES = 4 * 1024 * 1024
# Non-file parts are small (Collect sends none); file parts are spooled by Starlette.
MAX_FIELD_BYTES = 1024 * 1024


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _project(principal: Principal, project_id: int | None) -> frozenset[int] | None:
    if project_id is None:
        return principal.project_ids
    if not 1 <= project_id <= MAX_PROJECT_ID or not principal.sees_project(project_id):
        raise Refused(404, f"no project {project_id} that you may see")
    return frozenset([project_id])


def _form_list(
    request: Request, db: Database, principal: Principal, project_id: int | None
) -> Response:
    base = _base(request)
    entries = []
    for form in forms.current_forms(db, _project(principal, project_id)):
        url = f"{base}/projects/{form['project_id']}/forms/{quote(form['form_id'], safe='')}"
        version_query = f"?version={quote(form['version'], safe='')}"
        entries.append(
            {
                "formID": form["form_id"],
                "name": form["title"],
                "version": form["version"],
                "hash": f"md5:{form['md5']}",
                "downloadUrl": f"{url}.xml{version_query}",
                "manifestUrl": f"{url}/manifest{version_query}" if form["media_count"] else None,
            }
        )
    return xml_response(form_list_xml(entries))


@router.get("/formList")
def form_list(request: Request, db: Db, principal: Caller) -> Response:
    """Newest version of each form the caller may use (a device: its project's)."""
    return _form_list(request, db, principal, None)


@router.get("/projects/{project_id}/formList")
def project_form_list(request: Request, db: Db, principal: Caller, project_id: int) -> Response:
    return _form_list(request, db, principal, project_id)


def _visible_form(
    db: Database, principal: Principal, project_id: int, form_id: str, version: str | None
) -> dict[str, Any]:
    _project(principal, project_id)
    form = forms.find_form(db, project_id, form_id, version)
    if form is None:
        shown = f" version {version!r}" if version is not None else ""
        raise Refused(404, f"form {form_id!r}{shown} is not published in project {project_id}")
    return form


@router.get("/projects/{project_id}/forms/{form_id}.xml")
def form_download(
    db: Db, principal: Caller, project_id: int, form_id: str, version: str | None = None
) -> Response:
    """The XForm XML (the newest version, or ``?version=``)."""
    return xml_response(_visible_form(db, principal, project_id, form_id, version)["xml"])


@router.get("/projects/{project_id}/forms/{form_id}/manifest")
def form_manifest(
    request: Request,
    db: Db,
    principal: Caller,
    project_id: int,
    form_id: str,
    version: str | None = None,
) -> Response:
    """The media files of a form version, each with an md5 hash and a download URL."""
    form = _visible_form(db, principal, project_id, form_id, version)
    url = f"{_base(request)}/projects/{project_id}/forms/{quote(form_id, safe='')}/attachments"
    query = f"?version={quote(form['version'], safe='')}"
    files = [
        {**item, "downloadUrl": f"{url}/{quote(item['filename'], safe='')}{query}"}
        for item in forms.form_media_list(db, form["id"])
    ]
    return xml_response(manifest_xml(files))


@router.get("/projects/{project_id}/forms/{form_id}/attachments/{filename}")
def form_media(
    db: Db,
    principal: Caller,
    project_id: int,
    form_id: str,
    filename: str,
    version: str | None = None,
) -> Response:
    form = _visible_form(db, principal, project_id, form_id, version)
    media = forms.form_media_file(db, form["id"], filename)
    if media is None:
        raise Refused(404, f"form {form_id!r} has no media file {filename!r}")
    return Response(media["data"], media_type=media["content_type"])


@router.head("/submission", status_code=204)
@router.head("/projects/{project_id}/submission", status_code=204)
def submission_preflight(
    request: Request, principal: Caller, project_id: int | None = None
) -> Response:
    """OpenRosa preflight: checks the token (and project) and tells the largest body accepted."""
    if project_id is not None:
        _project(principal, project_id)
    limit = request.app.state.settings.max_submission_bytes
    return Response(status_code=204, headers={"X-OpenRosa-Accept-Content-Length": str(limit)})


@router.post("/submission")
@router.post("/projects/{project_id}/submission")
async def submission(
    request: Request,
    principal: Caller,
    receiver: Annotated[SubmissionInbox, Depends(inbox)],
    project_id: int | None = None,
) -> Response:
    """Multipart ``xml_submission_file`` plus attachments; 201 when stored or already stored."""
    if project_id is not None:
        _project(principal, project_id)
    content_type = request.headers.get("content-type", "")
    if not content_type.lower().startswith("multipart/form-data"):
        raise Refused(
            400,
            "a submission is multipart/form-data with an xml_submission_file part "
            f"(got content type {content_type or 'none'!r})",
        )
    try:
        form = await request.form(
            max_files=MAX_ATTACHMENTS + 1, max_fields=50, max_part_size=MAX_FIELD_BYTES
        )
    except HTTPException as error:  # Starlette's own reason for a malformed multipart body
        raise Refused(400, f"malformed multipart body: {error.detail}") from None
    try:
        xml: bytes | None = None
        attachments: list[Attachment] = []
        for name, value in form.multi_items():
            if name == "xml_submission_file":
                if xml is not None:
                    raise Refused(400, "the multipart body has more than one xml_submission_file")
                xml = await value.read() if isinstance(value, UploadFile) else value.encode()
                if len(xml) > MAX_XML_BYTES:
                    raise Refused(
                        413,
                        f"the submission XML is larger than the server accepts ({MAX_XML_BYTES} "
                        "bytes); photos and other files go in their own parts",
                    )
            elif isinstance(value, UploadFile):
                attachments.append(
                    Attachment(
                        name=clean_attachment_name(value.filename or name),
                        content_type=clean_media_type(value.content_type),
                        data=await value.read(),
                    )
                )
        if xml is None:
            raise Refused(400, "the multipart body has no xml_submission_file part")
        result = await run_in_threadpool(receiver.ingest, principal, xml, attachments)
    finally:
        await form.close()
    if result.created:
        message = "full submission upload was successful!"
    else:
        message = (
            f"this submission was already received; {result.attachments_added} new attachment(s)"
        )
    return Response(
        openrosa_message(message),
        status_code=201,
        media_type="text/xml; charset=utf-8",
        headers={"X-Encuentro-Submission": "created" if result.created else "duplicate"},
    )
