"""Safe XML reading that keeps the prefixes form authors wrote (orx:meta stays orx:meta)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from app.engine.errors import FormError
from app.engine.instance import Node

XFORMS = "http://www.w3.org/2002/xforms"
XHTML = "http://www.w3.org/1999/xhtml"
JR = "http://openrosa.org/javarosa"
ORX = "http://openrosa.org/xforms"
ODK = "http://www.opendatakit.org/xforms"
# Groups within groups: real forms nest a handful; a hostile one nests thousands, and the walks
# over the tree (body, instance, definition, submission) are recursive. Refused when read, with
# room above MAX_NESTING for the elements around groups (h:html, model, instance, item...).
MAX_NESTING = 150
MAX_XML_DEPTH = MAX_NESTING + 50
# Prefixes ODK tools use, for namespaces a document declares without a usable prefix.
KNOWN_PREFIXES = {JR: "jr", ORX: "orx", ODK: "odk", XHTML: "h"}


class ParsedXml:
    """An ElementTree root plus the namespace URI -> prefix map the document declared."""

    def __init__(self, root: ET.Element, prefixes: dict[str, str]) -> None:
        self.root = root
        self.prefixes = prefixes  # uri -> prefix ("" for a default namespace)

    def qname(self, tag: str, default_ns: str = XFORMS) -> str:
        """'{uri}local' -> 'prefix:local' as written; default_ns (or none) -> 'local'."""
        if not tag.startswith("{"):
            return tag
        uri, local = tag[1:].split("}", 1)
        if uri == default_ns:
            return local
        prefix = self.prefixes.get(uri) or KNOWN_PREFIXES.get(uri)
        return f"{prefix}:{local}" if prefix else local

    def to_node(self, element: ET.Element, default_ns: str = XFORMS) -> Node:
        """Copy an element subtree into instance Nodes (text of leaves kept, whitespace dropped)."""
        attrs = {self.qname(k, ""): v for k, v in element.attrib.items()}
        node = Node(self.qname(element.tag, default_ns), attrs=attrs)
        for child in element:
            if isinstance(child.tag, str):
                node.append(self.to_node(child, default_ns))
        if not node.children:
            node.text = element.text or ""
        return node


def parse_xml(text: str | bytes, what: str) -> ParsedXml:
    """Parse XML refusing entities/DTD tricks; errors say what was being read and where."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    prefixes: dict[str, str] = {}
    root: ET.Element | None = None
    depth = 0
    try:
        events = ("start-ns", "start", "end")
        for event, item in SafeET.iterparse(io.BytesIO(data), events=events):
            if event == "end":
                depth -= 1
            elif event == "start":
                depth += 1
                if depth > MAX_XML_DEPTH:
                    raise FormError(
                        f"{what} nests its elements more than {MAX_XML_DEPTH} levels deep "
                        f"(at <{local_name(item.tag)}>). Encuentro accepts up to {MAX_NESTING} "
                        "groups within groups: flatten the form's groups."
                    )
                if root is None:
                    root = item
            else:
                prefix, uri = item
                prefixes.setdefault(uri, prefix)
    except ET.ParseError as exc:
        line, column = exc.position
        raise FormError(f"{what} is not well-formed XML (line {line}, column {column}).") from exc
    except DefusedXmlException as exc:
        raise FormError(
            f"{what} uses XML entities or a DTD, which are refused for safety."
        ) from exc
    if root is None:
        raise FormError(f"{what} is empty.")
    return ParsedXml(root, prefixes)


def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""
