"""Reading what the server needs from an untrusted submission XML, and nothing more.

The XML comes from the network, so it is parsed with defusedxml: no DTD at all (so no entity
expansion, no "billion laughs", no external entities, no network access).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET

from sync.server.errors import Refused

# ODK tools write "uuid:<uuid>". Anything else is allowed only in this shape: the id travels in URL
# paths (/api/v1/submissions/<id>), where a slash, "?", "#", "%", a space or a control character
# would make the submission unreachable or the URL ambiguous.
INSTANCE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9:._\-]{0,199}")


@dataclass(frozen=True)
class SubmissionMeta:
    form_id: str
    root_name: str
    version: str
    instance_id: str
    deprecated_id: str | None
    root: Element


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse_submission(xml: bytes) -> SubmissionMeta:
    """Form id, version, meta/instanceID and meta/deprecatedID of a submission; 400 if unusable."""
    try:
        root = SafeET.fromstring(xml, forbid_dtd=True)
    except SafeET.ParseError as error:
        raise Refused(400, f"the submission XML is not well-formed: {error}") from None
    except Exception as error:  # DTDForbidden, EntitiesForbidden, ...: all hostile or broken input
        raise Refused(400, f"the submission XML was refused: {type(error).__name__}") from None
    form_id = root.get("id", "").strip()
    if not form_id:
        raise Refused(400, "the submission XML's root element has no id attribute (the form id)")
    meta = next((child for child in root if _local(child.tag) == "meta"), None)
    instance_id = deprecated_id = None
    if meta is not None:
        for child in meta:
            name = _local(child.tag)
            if name == "instanceID":
                instance_id = (child.text or "").strip()
            elif name == "deprecatedID":
                deprecated_id = (child.text or "").strip() or None
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
        root_name=_local(root.tag),
        version=root.get("version", "").strip(),
        instance_id=instance_id,
        deprecated_id=deprecated_id,
        root=root,
    )


def expected_attachments(root: Element, binary_paths: list[str]) -> set[str]:
    """File names the submission's binary questions (photos, audio, ...) refer to."""
    wanted = {tuple(path.strip("/").split("/")[1:]) for path in binary_paths if path.count("/") > 1}
    if not wanted:
        return set()
    names: set[str] = set()
    stack: list[tuple[Element, tuple[str, ...]]] = [(child, (_local(child.tag),)) for child in root]
    while stack:
        element, path = stack.pop()
        if path in wanted and (element.text or "").strip():
            # Stored attachment names are NFC (see clean_attachment_name): compare like with like.
            names.add(unicodedata.normalize("NFC", element.text.strip()))
        stack.extend((child, (*path, _local(child.tag))) for child in element)
    return names
