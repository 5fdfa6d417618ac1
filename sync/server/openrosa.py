"""OpenRosa 1.0 endpoints shaped like ODK Central's: form list, download, manifest, submission."""

from __future__ import annotations

import time
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, FastAPI, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException
from starlette.responses import Response

from sync.server import forms
from sync.server.accounts import Principal, principal_for_token
from sync.server.db import Database
from sync.server.deps import caller, database
from sync.server.errors import Refused
from sync.server.responses import form_list_xml, manifest_xml, openrosa_message, xml_response
from sync.server.security import token_digest
from sync.server.submissions import (
    Attachment,
    SubmissionInbox,
    clean_attachment_name,
    clean_media_type,
)
from sync.server.uploads import SpoolingMultiPartParser, file_digest

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
# An XML this large is parsed in a worker thread, so the event loop keeps serving others meanwhile.
PARSE_IN_THREAD_BYTES = 256 * 1024
# The answer to nearly every submission, built once.
CREATED_MESSAGE = openrosa_message("full submission upload was successful!")


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


def _bearer(request: Request) -> str:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise Refused(401, "this needs an Authorization: Bearer <token> header")
    return token


async def submitting_caller(request: Request) -> Principal:
    """The caller of a submission POST, from a lookup remembered for a few seconds.

    Every request used to look its token up in a read transaction of its own (a commit, and a hop
    to a worker thread). Revocation still takes effect on the very next submission: the storing
    transaction checks the token again (``SubmissionInbox.store``) and answers 401 if it is gone.
    """
    tokens: RememberedTokens = request.app.state.remembered_tokens
    token = _bearer(request)
    principal = tokens.get(token)
    if principal is None:
        principal = await run_in_threadpool(principal_for_token, request.app.state.db, token)
        if principal is None:
            raise Refused(401, "the token is unknown, expired or revoked: enroll or log in again")
        if principal.is_device:  # only devices submit; a user's token is looked up every time
            tokens.put(token, principal)
    return principal


async def _read_parts(request: Request) -> tuple[bytes, list[Attachment], Any]:
    """The XML and the attachments of a multipart body (file parts spooled, see uploads)."""
    parser = SpoolingMultiPartParser(
        request.headers,
        request.stream(),
        max_files=MAX_ATTACHMENTS + 1,
        max_fields=50,
        max_part_size=MAX_FIELD_BYTES,
    )
    try:
        form = await parser.parse()
    except MultiPartException as error:
        raise Refused(400, f"malformed multipart body: {error.message}") from None
    try:
        xml: bytes | None = None
        attachments: list[Attachment] = []
        for name, value in form.multi_items():
            if name == "xml_submission_file":
                if xml is not None:
                    raise Refused(400, "the multipart body has more than one xml_submission_file")
                if isinstance(value, UploadFile) and (value.size or 0) > MAX_XML_BYTES:
                    raise _xml_too_large()
                xml = await value.read() if isinstance(value, UploadFile) else value.encode()
                if len(xml) > MAX_XML_BYTES:
                    raise _xml_too_large()
            elif isinstance(value, UploadFile):
                name = clean_attachment_name(value.filename or name)
                media_type = clean_media_type(value.content_type)
                if value._in_memory:
                    size, digest = file_digest(value.file)
                else:  # on disk: hashing it is file I/O, kept off the event loop
                    size, digest = await run_in_threadpool(file_digest, value.file)
                attachments.append(Attachment(name, media_type, size, digest, value.file))
        if xml is None:
            raise Refused(400, "the multipart body has no xml_submission_file part")
    except BaseException:
        await form.close()
        raise
    return xml, attachments, form


def _xml_too_large() -> Refused:
    return Refused(
        413,
        f"the submission XML is larger than the server accepts ({MAX_XML_BYTES} bytes); "
        "photos and other files go in their own parts",
    )


@router.post("/submission")
@router.post("/projects/{project_id}/submission")
async def submission(request: Request, project_id: int | None = None) -> Response:
    """Multipart ``xml_submission_file`` plus attachments; 201 when stored or already stored.

    No dependency runs in the thread pool here: the token is remembered, parsing runs on the
    event loop (in a thread only for a large XML), and storing is a group commit."""
    principal = await submitting_caller(request)
    if project_id is not None:
        _project(principal, project_id)
    content_type = request.headers.get("content-type", "")
    if not content_type.lower().startswith("multipart/form-data"):
        raise Refused(
            400,
            "a submission is multipart/form-data with an xml_submission_file part "
            f"(got content type {content_type or 'none'!r})",
        )
    state = request.app.state
    receiver: SubmissionInbox = state.inbox
    async with state.body_turns.turn():
        xml, attachments, form = await _read_parts(request)
        try:
            if len(xml) > PARSE_IN_THREAD_BYTES:
                prepared = await run_in_threadpool(receiver.prepare, principal, xml, attachments)
            else:
                prepared = receiver.prepare(principal, xml, attachments)
            result = await state.ingest.submit(prepared)
        finally:
            await form.close()
    if result.created:
        body = CREATED_MESSAGE
    else:
        body = openrosa_message(
            f"this submission was already received; {result.attachments_added} new attachment(s)"
        )
    return Response(
        body,
        status_code=201,
        media_type="text/xml; charset=utf-8",
        headers={"X-Encuentro-Submission": "created" if result.created else "duplicate"},
    )


async def _submission_route(request: Request) -> Response:
    return await submission(request, request.path_params.get("project_id"))


def add_submission_fast_routes(app: FastAPI) -> None:
    """Serve POST ``/submission`` (and ``/projects/<digits>/submission``) by plain Starlette
    routes, to be added before the routers.

    Submissions are nearly all of the server's traffic, and FastAPI's nested router matching and
    dependency solving cost about a tenth of each one's CPU; ``submission`` needs neither (it
    reads its own request). Errors still go through the application's exception handlers. The
    FastAPI routes above stay for what these do not match (a project id that is not digits gets
    the same 400 as before; HEAD goes to the preflight)."""
    app.add_route("/submission", _submission_route, methods=["POST"], include_in_schema=False)
    app.add_route(
        "/projects/{project_id:int}/submission",
        _submission_route,
        methods=["POST"],
        include_in_schema=False,
    )


class RememberedTokens:
    """Token -> principal for ``ttl_s`` seconds (per worker), keyed by the token's digest."""

    def __init__(self, ttl_s: float = 30.0, max_entries: int = 10_000) -> None:
        self.ttl_s = ttl_s
        self.max_entries = max_entries
        self._entries: dict[str, tuple[Principal, float]] = {}

    def get(self, token: str) -> Principal | None:
        found = self._entries.get(token_digest(token))
        if found is None or found[1] < time.monotonic():
            return None
        return found[0]

    def put(self, token: str, principal: Principal) -> None:
        if len(self._entries) >= self.max_entries:
            self._entries.clear()
        self._entries[token_digest(token)] = (principal, time.monotonic() + self.ttl_s)
