"""Reading what the server needs from an untrusted submission XML, and nothing more.

The XML comes from the network, so it is parsed with defusedxml: no DTD at all (so no entity
expansion, no "billion laughs", no external entities, no network access). It is read as a stream
and each element is dropped once it has ended, so memory follows the nesting depth, not the size:
a tree of 60 MB of ``<a/>`` took 1.5 GB and 18 s to build. Nesting deeper than ``MAX_DEPTH`` or
more than ``MAX_ELEMENTS`` elements are refused (400) as soon as the parser reaches them; no form
comes near either (a 250-question focus group with 30 participants is about 2,000 elements).

The usual submission takes a faster road to the same answers: UTF-8 text with no DTD at all (no
``<!DOCTYPE``/``<!ENTITY``, so nothing can be expanded or fetched; an undefined entity is an error)
and fewer ``<`` than ``MAX_ELEMENTS`` (so the tree is small) is built by lxml (libxml2: no DTD
loaded, no network, no entity resolution, its own size limits on) and its depth checked by one
XPath, all in C: about 175 us for a 250-question submission, against 290 us with ElementTree's
parser plus a walk in Python, and several times faster than the stream of Python callbacks that
defusedxml's parser makes. Anything else goes through the streaming reader above.
"""

from __future__ import annotations

import io
import re
import threading
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import defusedxml.ElementTree as SafeET
import lxml.etree as LXML

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


def _scan(xml: bytes) -> tuple[str, dict[str, str], list[tuple[Path, str]], int]:
    """(root local name, root attributes, [(path, stripped text)] of every element with text,
    number of meta/instanceID elements), in one streaming pass."""
    found: list[tuple[Path, str]] = []
    stack: list[ET.Element] = []  # the open elements, root first
    path: list[str] = []
    root_name, root_attrib, count, instance_ids = "", {}, 0, 0
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
            if key == _INSTANCE_ID_PATH:
                instance_ids += 1
            text = element.text
            if text and (text := text.strip()):
                found.append((key, text))
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
    return root_name, root_attrib, found, instance_ids


@dataclass(frozen=True)
class SubmissionDocument:
    """What one parse of a submission yields: its meta and a way to read texts by path."""

    meta: SubmissionMeta
    texts_at: Callable[[Path], list[str]]

    def named_files(self, binary_paths: list[str]) -> set[str]:
        """File names the binary questions (photos, audio, ...) answer with, in NFC (as stored
        attachment names are, see clean_attachment_name)."""
        return {
            unicodedata.normalize("NFC", text)
            for path in _wanted(binary_paths)
            for text in self.texts_at(path)
        }


def _wanted(binary_paths: list[str]) -> set[Path]:
    return {tuple(path.strip("/").split("/")[1:]) for path in binary_paths if path.count("/") > 1}


def _texts_in(found: list[tuple[Path, str]]) -> Callable[[Path], list[str]]:
    return lambda wanted: [text for path, text in found if path == wanted]


def _texts_under(root: Any) -> Callable[[Path], list[str]]:
    def texts(wanted: Path) -> list[str]:
        pattern = "/".join("{*}" + name for name in wanted)
        return [text for e in root.iterfind(pattern) if e.text and (text := e.text.strip())]

    return texts


# One parser and one depth test per thread: lxml locks a parser shared between threads, so a large
# submission parsed in the thread pool would hold up the event loop's small ones.
_per_thread = threading.local()


def _fast_tools() -> tuple[LXML.XMLParser, LXML.XPath]:
    tools: tuple[LXML.XMLParser, LXML.XPath] | None = getattr(_per_thread, "tools", None)
    if tools is None:
        parser = LXML.XMLParser(
            # UTF-8 (checked first) whatever the declaration says, as the stored text is read.
            encoding="utf-8",
            resolve_entities=False,
            load_dtd=False,
            no_network=True,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )
        # An element at depth MAX_DEPTH + 1 (the root is at depth 1): the same rule as _scan's.
        too_deep = LXML.XPath("boolean(/*" + "/*" * MAX_DEPTH + ")")
        tools = _per_thread.tools = (parser, too_deep)
    return tools


def _tree(xml: bytes) -> Any:
    """The element tree (lxml) by the fast road, or None when the input must take the streaming
    one."""
    try:
        text = xml.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "<!DOCTYPE" in text or "<!ENTITY" in text or text.count("<") > MAX_ELEMENTS:
        return None
    parser, too_deep = _fast_tools()
    try:
        root = LXML.fromstring(xml, parser)
    except LXML.XMLSyntaxError:
        return None  # the streaming road says what is wrong, in the words it always used
    if too_deep(root):
        raise Refused(400, f"the submission XML nests deeper than {MAX_DEPTH} levels")
    return root


def read_submission(xml: bytes) -> SubmissionDocument:
    """Parse a submission once: form id, version, meta/instanceID, meta/deprecatedID (400 if
    unusable, also for two meta/instanceID elements) and the texts the attachment check needs."""
    root = _tree(xml)
    if root is not None:
        root_name, attrib = _local(root.tag), dict(root.attrib)
        texts_at = _texts_under(root)
        instance_ids = len(root.findall("{*}meta/{*}instanceID"))
    else:
        root_name, attrib, found, instance_ids = _scan(xml)
        texts_at = _texts_in(found)
    form_id = attrib.get("id", "").strip()
    if not form_id:
        raise Refused(400, "the submission XML's root element has no id attribute (the form id)")
    if instance_ids > 1:
        # Which one is the idempotency key? Tools disagree (first or last), so refuse.
        raise Refused(400, "the submission XML has more than one meta/instanceID")
    instance_id = next(iter(texts_at(_INSTANCE_ID_PATH)), None)
    deprecated_id = next(iter(texts_at(_DEPRECATED_ID_PATH)), None)
    if not instance_id:
        raise Refused(400, "the submission XML has no meta/instanceID")
    for label, value in (("instanceID", instance_id), ("deprecatedID", deprecated_id)):
        if value is not None and not INSTANCE_ID.fullmatch(value):
            raise Refused(
                400,
                f"meta/{label} {value[:80]!r} is not an instance id like uuid:<uuid> (letters, "
                "digits and : . _ - only, at most 200 characters)",
            )
    meta = SubmissionMeta(
        form_id=form_id,
        root_name=root_name,
        version=attrib.get("version", "").strip(),
        instance_id=instance_id,
        deprecated_id=deprecated_id,
    )
    return SubmissionDocument(meta, texts_at)


def parse_submission(xml: bytes) -> SubmissionMeta:
    """Form id, version, meta/instanceID and meta/deprecatedID of a submission; 400 if unusable."""
    return read_submission(xml).meta


def expected_attachments(xml: bytes, binary_paths: list[str]) -> set[str]:
    """File names the submission's binary questions (photos, audio, ...) refer to, in NFC (as
    stored attachment names are, see clean_attachment_name)."""
    if not _wanted(binary_paths):
        return set()
    root = _tree(xml)
    texts_at = _texts_under(root) if root is not None else _texts_in(_scan(xml)[2])
    meta = SubmissionMeta("", "", "", "", None)  # only the texts are read
    return SubmissionDocument(meta, texts_at).named_files(binary_paths)
