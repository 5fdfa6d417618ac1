"""OpenRosa 1.0 documents: the form list, manifests, server responses and submission bodies.

Parsing uses defusedxml: whatever a server sends, no entity expansion and no network access.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
import unicodedata
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

XFORMS_LIST_NS = "http://openrosa.org/xforms/xformsList"
MANIFEST_NS = "http://openrosa.org/xforms/xformsManifest"
OPENROSA_RESPONSE_NS = "http://openrosa.org/http/response"
OPENROSA_VERSION = "1.0"


class OpenRosaError(ValueError):
    """A document from the server that can't be understood; the message names what is wrong."""


# Characters no name from a server may hold when it becomes part of a path on this laptop:
# separators of every platform, a drive letter's colon, NUL and other control characters, and
# the rest of what Windows refuses in a file name (field laptops are mostly Windows).
_UNSAFE_CHARACTERS = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]')
# Windows device names: "CON" or "nul.txt" open a device, not a file.
_WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in "0123456789¹²³"}
)
MAX_SEGMENT_LENGTH = 200


def is_safe_segment(name: str) -> bool:
    """True when ``name`` (a formID, version or media file name from a server) can be one folder
    or file name under the media folder: no separator, no ``.``/``..`` (nor any leading dot:
    hidden names are this laptop's own scratch files), no drive letter, no control character,
    no Windows device name or trailing dot/space, not empty, not absurdly long."""
    return (
        bool(name)
        and len(name) <= MAX_SEGMENT_LENGTH
        and not name.startswith(".")
        and name.strip() == name
        and not name.endswith(".")
        and not _UNSAFE_CHARACTERS.search(name)
        and name.split(".", 1)[0].rstrip(" ").upper() not in _WINDOWS_DEVICES
    )


@dataclass(frozen=True)
class FormListEntry:
    """One <xform> of a form list."""

    form_id: str
    name: str
    version: str
    hash: str  # "md5:<hex>" as OpenRosa prescribes
    download_url: str
    manifest_url: str | None = None


@dataclass(frozen=True)
class MediaFile:
    """One <mediaFile> of a manifest."""

    filename: str
    hash: str
    download_url: str


@dataclass(frozen=True)
class Attachment:
    """A file sent along with a submission (photo, audio, signature)."""

    name: str
    content: bytes
    content_type: str = ""

    @property
    def media_type(self) -> str:
        return self.content_type or mimetypes.guess_type(self.name)[0] or "application/octet-stream"


def md5_hash(content: bytes) -> str:
    """The OpenRosa hash of a file: ``md5:`` and the hex digest."""
    return "md5:" + hashlib.md5(content, usedforsecurity=False).hexdigest()


def _parse(content: bytes, what: str) -> Element:
    try:
        return SafeET.fromstring(content)
    except DefusedXmlException as exc:
        raise OpenRosaError(f"The server's {what} uses forbidden XML features ({exc}).") from exc
    except SafeET.ParseError as exc:
        raise OpenRosaError(f"The server's {what} is not valid XML ({exc}).") from exc


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child_text(element: Element, name: str) -> str | None:
    for child in element:
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return None


def parse_form_list(content: bytes) -> list[FormListEntry]:
    """Entries of an OpenRosa ``xforms`` list (as ODK Central and our server send it)."""
    root = _parse(content, "form list")
    if _local(root.tag) != "xforms":
        raise OpenRosaError(
            f"The server's form list starts with <{_local(root.tag)}>, not <xforms>."
        )
    entries = []
    for xform in root:
        if _local(xform.tag) != "xform":
            continue
        form_id = _child_text(xform, "formID")
        download_url = _child_text(xform, "downloadUrl")
        if not form_id or not download_url:
            raise OpenRosaError("A form in the server's form list has no formID or downloadUrl.")
        entries.append(
            FormListEntry(
                form_id=form_id,
                name=_child_text(xform, "name") or form_id,
                version=_child_text(xform, "version") or "",
                hash=_child_text(xform, "hash") or "",
                download_url=download_url,
                manifest_url=_child_text(xform, "manifestUrl") or None,
            )
        )
    return entries


def parse_manifest(content: bytes) -> list[MediaFile]:
    """Media files of an OpenRosa manifest."""
    root = _parse(content, "manifest")
    if _local(root.tag) != "manifest":
        raise OpenRosaError(
            f"The server's manifest starts with <{_local(root.tag)}>, not <manifest>."
        )
    files = []
    for media in root:
        if _local(media.tag) != "mediaFile":
            continue
        filename = _child_text(media, "filename")
        download_url = _child_text(media, "downloadUrl")
        if not filename or not download_url:
            raise OpenRosaError(
                "A media file in the server's manifest has no filename or downloadUrl."
            )
        # A server must never make us write outside the form's media folder.
        if not is_safe_segment(filename):
            raise OpenRosaError(f"The server's manifest names an unsafe media file {filename!r}.")
        files.append(
            MediaFile(
                filename=filename, hash=_child_text(media, "hash") or "", download_url=download_url
            )
        )
    return files


def response_message(content: bytes) -> str:
    """The human text of an OpenRosaResponse (or a JSON ``detail``), shown per session."""
    text = content.decode("utf-8", "replace").strip()
    if not text:
        return ""
    if text.startswith("{"):
        import json

        try:
            data = json.loads(text)
        except ValueError:
            return text[:300]
        if isinstance(data, dict):
            detail = data.get("detail") or data.get("message") or data.get("error")
            if isinstance(detail, str):
                return detail
            if detail is not None:
                return json.dumps(detail, ensure_ascii=False)[:300]
        return text[:300]
    if text.startswith("<"):
        try:
            root = _parse(content, "response")
        except OpenRosaError:
            return text[:300]
        messages = [
            (el.text or "").strip() for el in root.iter() if _local(el.tag) == "message" and el.text
        ]
        if messages:
            return " ".join(messages)
        return " ".join(t.strip() for t in root.itertext() if t.strip())[:300]
    return text[:300]


@dataclass
class MultipartBody:
    """A multipart/form-data body read in chunks, so requests can send it with a Content-Length and
    the progress callback sees every chunk go out."""

    parts: list[bytes]
    boundary: str
    on_read: Callable[[int], None] | None = None
    _index: int = 0
    _offset: int = 0
    _length: int = field(init=False)

    def __post_init__(self) -> None:
        self._length = sum(len(p) for p in self.parts)

    @property
    def content_type(self) -> str:
        return f"multipart/form-data; boundary={self.boundary}"

    def __len__(self) -> int:
        return self._length

    def read(self, size: int = -1) -> bytes:
        chunks: list[bytes] = []
        wanted = self._length if size is None or size < 0 else size
        while wanted > 0 and self._index < len(self.parts):
            part = self.parts[self._index]
            piece = part[self._offset : self._offset + wanted]
            chunks.append(piece)
            wanted -= len(piece)
            self._offset += len(piece)
            if self._offset >= len(part):
                self._index += 1
                self._offset = 0
        data = b"".join(chunks)
        if data and self.on_read:
            self.on_read(len(data))
        return data

    def rewind(self) -> None:
        """Start again from the first byte (a retry sends the same body)."""
        self._index = 0
        self._offset = 0


def _quote_filename(name: str) -> str:
    # RFC 7578: UTF-8 names with backslash and quote escaped (Spanish accents are common).
    return name.replace("\\", "\\\\").replace('"', '\\"').replace("\r", " ").replace("\n", " ")


def submission_body(
    instance_xml: bytes, attachments: Iterable[Attachment] = (), *, boundary: str | None = None
) -> MultipartBody:
    """The OpenRosa POST body: ``xml_submission_file``, then each attachment under its name."""
    boundary = boundary or "encuentro-" + uuid.uuid4().hex
    parts: list[bytes] = []

    def add(field_name: str, filename: str, media_type: str, content: bytes) -> None:
        head = (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="{_quote_filename(field_name)}"; '
            f'filename="{_quote_filename(filename)}"\r\n'
            f"Content-Type: {media_type}\r\n\r\n"
        )
        parts.append(head.encode("utf-8"))
        parts.append(content)
        parts.append(b"\r\n")

    add("xml_submission_file", "submission.xml", "text/xml", instance_xml)
    for attachment in attachments:
        add(attachment.name, attachment.name, attachment.media_type, attachment.content)
    parts.append(f"--{boundary}--\r\n".encode())
    return MultipartBody(parts=parts, boundary=boundary)


def named_attachments(instance_xml: bytes, attachments: list[Attachment]) -> list[Attachment]:
    """The attachments whose name an answer of the instance holds (a photo, audio... question's
    text). A file kept with a session but no longer named (a photo taken again, an answer
    cleared) is not sent: the server refuses files that no answer names."""
    try:
        root = SafeET.fromstring(instance_xml)
    except (SafeET.ParseError, DefusedXmlException):
        return attachments  # the server will say what is wrong with the XML
    texts = {
        unicodedata.normalize("NFC", element.text.strip())
        for element in root.iter()
        if element.text and element.text.strip()
    }
    return [a for a in attachments if unicodedata.normalize("NFC", a.name) in texts]


_SIZING = "encuentro-" + "0" * 32  # same length as a real boundary


def split_attachments(
    instance_xml: bytes, attachments: list[Attachment], max_body: int | None
) -> list[list[Attachment]]:
    """Groups of attachments, each small enough to go with the XML in one POST under ``max_body``.

    OpenRosa lets a client split a big submission into several POSTs with the same XML (the server
    keeps adding attachments). A single attachment bigger than the limit still goes alone: the
    server will say 413 and the reason is shown.
    """
    if not attachments:
        return [[]]
    if not max_body:
        return [attachments]
    groups: list[list[Attachment]] = [[]]
    for attachment in attachments:
        candidate = [*groups[-1], attachment]
        if (
            groups[-1]
            and len(submission_body(instance_xml, candidate, boundary=_SIZING)) > max_body
        ):
            groups.append([attachment])
        else:
            groups[-1] = candidate
    return groups
