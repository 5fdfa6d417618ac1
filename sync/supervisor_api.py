"""Supervisor mode's transport: the JSON API calls a signed-in supervisor makes (HTTP only).

Nothing here touches the store: ``app/supervisor/`` asks for pages, details, files and forms, and
writes what comes back. Every answer is untrusted: sizes are capped while reading, JSON shapes are
checked, and a refusal becomes a ``SupervisorApiError`` whose ``kind`` the interface turns into a
sentence in the person's language (``NetworkError`` from ``sync.http`` means no answer at all).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from sync.http import Answer, HttpClient
from sync.http import TooLarge as HttpTooLarge
from sync.openrosa import response_message
from sync.urls import ServerAddress

PAGE_SIZE = 200
MAX_JSON_BYTES = 16 * 1024 * 1024  # a page of 200 rows, or one submission's XML (4 MiB cap)
MAX_FORM_BYTES = 16 * 1024 * 1024
MAX_FILE_BYTES = 64 * 1024 * 1024  # the server's default submission body limit


class TooLarge(Exception):
    pass


@dataclass
class SupervisorApiError(Exception):
    """The server answered, but not with what was asked. ``kind``: unauthorized (sign in again),
    forbidden, not_found, conflict (newer version or another review meanwhile: look again),
    refused (the request itself was refused: ``detail`` says why), throttled, server_error,
    bad_answer (not what our server answers: wrong address?)."""

    kind: str
    status: int
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.kind} (HTTP {self.status}): {self.detail}".strip()

    @property
    def retry_later(self) -> bool:
        """Worth trying again by itself (the outbox's backoff), as for a network failure."""
        return self.kind in ("server_error", "throttled")


def _kind(status: int) -> str:
    if status == 401:
        return "unauthorized"
    if status == 403:
        return "forbidden"
    if status == 404:
        return "not_found"
    if status == 409:
        return "conflict"
    if status == 429:
        return "throttled"
    if status >= 500:
        return "server_error"
    return "refused"


def _detail(answer: Answer) -> str:
    try:
        data = answer.json()
    except ValueError:
        return response_message(answer.content)[:500]
    detail = data.get("detail") if isinstance(data, dict) else None
    return str(detail)[:500] if detail else ""


class SupervisorApi:
    """One signed-in supervisor (or a client about to sign in) talking to one server."""

    def __init__(self, address: ServerAddress, http: HttpClient | None = None) -> None:
        if not address.has_json_api:
            raise SupervisorApiError("refused", 0, "an ODK Central address has no supervisor API")
        self.address = address
        self.http = http or HttpClient()

    @property
    def token(self) -> str | None:
        return self.http.bearer

    @token.setter
    def token(self, value: str | None) -> None:
        # The token goes to this server's scheme, host and port only (sync/http.py).
        self.http.set_bearer(value, self.address.base)

    # -- plumbing ----------------------------------------------------------------------------
    def _call(
        self,
        method: str,
        url: str,
        *,
        json: Any = None,
        limit: int = MAX_JSON_BYTES,
        auth: bool = True,
    ) -> Answer:
        seen = 0

        def capped(n: int) -> None:
            nonlocal seen
            seen += n
            if seen > limit:
                raise TooLarge(url)

        try:
            answer = self.http.request(
                method, url, json=json, authenticated=auth, on_bytes=capped, max_bytes=limit
            )
        except (TooLarge, HttpTooLarge):
            raise SupervisorApiError("bad_answer", 0, f"the answer is over {limit} bytes") from None
        if not answer.ok:
            raise SupervisorApiError(_kind(answer.status), answer.status, _detail(answer))
        return answer

    def _json(self, method: str, path: str, *, body: Any = None, **query: Any) -> dict[str, Any]:
        answer = self._call(method, self.address.api_url(path, **query), json=body)
        try:
            data = answer.json()
        except (ValueError, UnicodeDecodeError):
            raise SupervisorApiError("bad_answer", answer.status, "not JSON") from None
        if not isinstance(data, dict):
            raise SupervisorApiError("bad_answer", answer.status, "not a JSON object")
        return data

    # -- calls -------------------------------------------------------------------------------
    def login(self, username: str, password: str) -> tuple[str, str | None]:
        """(token, expires_at) for a supervisor's username and password."""
        answer = self._call(
            "POST",
            self.address.api_url("login"),
            json={"username": username, "password": password},
            auth=False,
        )
        try:
            data = answer.json()
        except (ValueError, UnicodeDecodeError):
            raise SupervisorApiError("bad_answer", answer.status, "not JSON") from None
        token = data.get("token") if isinstance(data, dict) else None
        if not isinstance(token, str) or not token:
            raise SupervisorApiError("bad_answer", answer.status, "no token in the answer")
        expires = data.get("expires_at")
        return token, expires if isinstance(expires, str) else None

    def logout(self) -> None:
        """Revoke the token on the server (best effort: signing out works offline too)."""
        self._call("POST", self.address.api_url("logout"))

    def me(self) -> dict[str, Any]:
        return self._json("GET", "me")

    def submissions_page(self, offset: int) -> tuple[list[dict[str, Any]], bool]:
        """One page of every visible version, newest first, and whether more follow.

        Offset paging as the server offers today; the only place that knows it, so a cursor
        can replace it here alone."""
        data = self._json(
            "GET", "submissions", include_old_versions="true", offset=offset, limit=PAGE_SIZE
        )
        items = data.get("items")
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise SupervisorApiError("bad_answer", 200, "no list of submissions")
        for item in items:
            _require(item, ("instance_id", "root_id", "project_id", "form_id", "form_version"))
            _require(item, ("received_at", "review_state"))
        total = data.get("total")
        more = isinstance(total, int) and offset + len(items) < total and bool(items)
        return items, more

    def submission(self, instance_id: str) -> dict[str, Any]:
        data = self._json("GET", f"submissions/{quote(instance_id, safe='')}")
        _require(data, ("instance_id", "xml"))
        if not isinstance(data.get("attachments", []), list):
            raise SupervisorApiError("bad_answer", 200, "attachments is not a list")
        return data

    def reviews(self, instance_id: str) -> list[dict[str, Any]]:
        data = self._json("GET", f"submissions/{quote(instance_id, safe='')}/reviews")
        items = data.get("items")
        if not isinstance(items, list):
            raise SupervisorApiError("bad_answer", 200, "no list of reviews")
        for item in items:
            _require(item, ("event_id", "instance_id", "state", "at"))
        return items

    def attachment(self, instance_id: str, name: str) -> bytes:
        url = self.address.api_url(
            f"submissions/{quote(instance_id, safe='')}/attachments/{quote(name, safe='')}"
        )
        return self._call("GET", url, limit=MAX_FILE_BYTES).content

    def form_xml(self, project_id: int, form_id: str, version: str) -> str:
        """A form version's XForm, from the OpenRosa download any project member may use."""
        url = (
            f"{self.address.base}/projects/{int(project_id)}/forms/{quote(form_id, safe='')}.xml"
            f"?version={quote(version, safe='')}"
        )
        content = self._call("GET", url, limit=MAX_FORM_BYTES).content
        try:
            return content.decode("utf-8")
        except UnicodeDecodeError:
            raise SupervisorApiError("bad_answer", 200, "the form is not UTF-8") from None

    def review(
        self, instance_id: str, state: str, comment: str | None, after_event: int
    ) -> dict[str, Any]:
        """Send one review; the same call repeated is recorded once (server: supervisor_api)."""
        data = self._json(
            "POST",
            f"submissions/{quote(instance_id, safe='')}/reviews",
            body={"state": state, "comment": comment, "after_event": int(after_event)},
        )
        _require(data, ("review_state", "reviewed_at", "event_id"))
        return data


def _require(item: dict[str, Any], keys: tuple[str, ...]) -> None:
    for key in keys:
        if item.get(key) is None:
            raise SupervisorApiError("bad_answer", 200, f"{key} missing in the answer")
