"""Reading what the server needs from an untrusted submission XML, and nothing more.

The XML comes from the network, so it is parsed with defusedxml: no DTD at all (so no entity
expansion, no "billion laughs", no external entities, no network access). It is read as a stream
and each element is dropped once it has ended, so memory follows the nesting depth, not the size:
a tree of 60 MB of ``<a/>`` took 1.5 GB and 18 s to build. Nesting deeper than ``MAX_DEPTH`` or
more than ``MAX_ELEMENTS`` elements are refused (400) as soon as the parser reaches them; no form
comes near either (a 250-question focus group with 30 participants is about 2,000 elements).
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass

import defusedxml.ElementTree as SafeET

from sync.server.errors import Refused

MAX_DEPTH = 64
MAX_ELEMENTS = 200_000

# ODK tools write "uuid:<uuid>". Anything else is allowed only in this shape: the id travels in URL
# paths (/api/v1/submissions/<id>), where a slash, "?", "#", "%", a space or a control character
# would make the submission unreachable or the URL ambiguous.
INSTANCE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9:._\-]{0,199}")

_INSTANCE_ID_PATH = ("meta", "instanceID")
_DEPRECATED_ID_PATH = ("meta", "deprecatedID")

Path = tuple[str, ...]  # local names below the root element


@dataclass(frozen=True)
class SubmissionMeta:
    form_id: str
    root_name: str
    version: str
    instance_id: str
    deprecated_id: str | None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _scan(xml: bytes, wanted: set[Path]) -> tuple[str, dict[str, str], list[tuple[Path, str]]]:
    """(root local name, root attributes, [(path, stripped text)] of the wanted elements)."""
    found: list[tuple[Path, str]] = []
    stack: list = []  # the open elements, root first
    path: list[str] = []
    root_name, root_attrib, count = "", {}, 0
    try:
        for event, element in SafeET.iterparse(
            io.BytesIO(xml), events=("start", "end"), forbid_dtd=True
        ):
            if event == "start":
                count += 1
                if count > MAX_ELEMENTS:
                    raise Refused(400, f"the submission XML has over {MAX_ELEMENTS} elements")
                if len(stack) >= MAX_DEPTH:
                    raise Refused(400, f"the submission XML nests deeper than {MAX_DEPTH} levels")
                if stack:
                    path.append(_local(element.tag))
                else:
                    root_name, root_attrib = _local(element.tag), dict(element.attrib)
                stack.append(element)
                continue
            key = tuple(path)
            if key in wanted and (element.text or "").strip():
                found.append((key, element.text.strip()))
            stack.pop()
            if stack:
                del stack[-1][-1]  # the element that just ended is its parent's last child
                path.pop()
    except Refused:
        raise
    except SafeET.ParseError as error:
        raise Refused(400, f"the submission XML is not well-formed: {error}") from None
    except Exception as error:  # DTDForbidden, EntitiesForbidden, ...: all hostile or broken input
        raise Refused(400, f"the submission XML was refused: {type(error).__name__}") from None
    return root_name, root_attrib, found


def parse_submission(xml: bytes) -> SubmissionMeta:
    """Form id, version, meta/instanceID and meta/deprecatedID of a submission; 400 if unusable."""
    root_name, attrib, found = _scan(xml, {_INSTANCE_ID_PATH, _DEPRECATED_ID_PATH})
    form_id = attrib.get("id", "").strip()
    if not form_id:
        raise Refused(400, "the submission XML's root element has no id attribute (the form id)")
    texts = dict(found)
    instance_id = texts.get(_INSTANCE_ID_PATH)
    deprecated_id = texts.get(_DEPRECATED_ID_PATH)
    if not instance_id:
        raise Refused(400, "the submission XML has no meta/instanceID")
    for label, value in (("instanceID", instance_id), ("deprecatedID", deprecated_id)):
        if value is not None and not INSTANCE_ID.fullmatch(value):
            raise Refused(
                400,
                f"meta/{label} {value[:80]!r} is not an instance id like uuid:<uuid> (letters, "
                "digits and : . _ - only, at most 200 characters)",
            )
    return SubmissionMeta(
        form_id=form_id,
        root_name=root_name,
        version=attrib.get("version", "").strip(),
        instance_id=instance_id,
        deprecated_id=deprecated_id,
    )


def expected_attachments(xml: bytes, binary_paths: list[str]) -> set[str]:
    """File names the submission's binary questions (photos, audio, ...) refer to, in NFC (as
    stored attachment names are, see clean_attachment_name)."""
    wanted = {tuple(path.strip("/").split("/")[1:]) for path in binary_paths if path.count("/") > 1}
    if not wanted:
        return set()
    return {unicodedata.normalize("NFC", text) for _path, text in _scan(xml, wanted)[2]}
