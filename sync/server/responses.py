"""Response bodies: OpenRosa XML documents, and refusals in the caller's dialect (XML or JSON)."""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

from starlette.responses import Response

OPENROSA_RESPONSE_NS = "http://openrosa.org/http/response"
XFORMS_LIST_NS = "http://openrosa.org/xforms/xformsList"
MANIFEST_NS = "http://openrosa.org/xforms/xformsManifest"
XML_TYPE = "text/xml; charset=utf-8"


def is_api_path(path: str) -> bool:
    return path.startswith("/api/")


def openrosa_message(message: str, nature: str = "") -> bytes:
    """An ``OpenRosaResponse`` document with one message, as ODK Central sends."""
    return (
        f'<OpenRosaResponse xmlns="{OPENROSA_RESPONSE_NS}" items="0">'
        f'<message nature="{escape(nature)}">{escape(message)}</message>'
        "</OpenRosaResponse>"
    ).encode()


def refusal_body(path: str, reason: str) -> tuple[str, bytes]:
    """(content type, body) of a refusal: JSON ``{"detail"}`` under /api/, else OpenRosa XML."""
    if is_api_path(path):
        return "application/json", json.dumps({"detail": reason}).encode()
    return XML_TYPE, openrosa_message(reason, nature="error")


def refusal(path: str, status: int, reason: str, headers: dict[str, str] | None = None) -> Response:
    content_type, body = refusal_body(path, reason)
    headers = dict(headers or {})
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return Response(body, status_code=status, media_type=content_type, headers=headers)


def xml_response(body: str | bytes, status: int = 200) -> Response:
    return Response(body, status_code=status, media_type=XML_TYPE)


def form_list_xml(entries: list[dict[str, str]]) -> str:
    """The xforms list: formID, name, version, hash, downloadUrl, manifestUrl (if media)."""
    parts = [f'<xforms xmlns="{XFORMS_LIST_NS}">']
    for entry in entries:
        parts.append("<xform>")
        for tag in ("formID", "name", "version", "hash", "downloadUrl", "manifestUrl"):
            if entry.get(tag) is not None:
                parts.append(f"<{tag}>{escape(entry[tag])}</{tag}>")
        parts.append("</xform>")
    parts.append("</xforms>")
    return "".join(parts)


def manifest_xml(files: list[dict[str, str]]) -> str:
    """The media manifest of one form version."""
    parts = [f'<manifest xmlns="{MANIFEST_NS}">']
    for item in files:
        parts.append(
            f"<mediaFile><filename>{escape(item['filename'])}</filename>"
            f"<hash>md5:{item['md5']}</hash>"
            f"<downloadUrl>{escape(item['downloadUrl'])}</downloadUrl></mediaFile>"
        )
    parts.append("</manifest>")
    return "".join(parts)
