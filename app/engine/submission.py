"""Instance XML out (submission/draft) and back in (resuming a draft or editing a submission)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from app.engine.errors import FormError
from app.engine.instance import Node
from app.engine.xmlread import ParsedXml, namespace, parse_xml

if TYPE_CHECKING:
    from app.engine.session import Session


def to_xml(session: Session, *, include_non_relevant: bool = False) -> str:
    """The instance as ODK servers take it: root with id/version and the namespaces it uses,
    repeat templates never included, non-relevant nodes left out (Collect's behaviour).
    A pure read: the <end> time is stamped once, when the session is finalised (stamp_end)."""
    root = session.root
    attrs = dict(root.attrs)
    attrs["id"] = session.form.form_id
    if session.form.version:
        attrs["version"] = session.form.version
    for prefix, uri in sorted(session.form.namespaces.items()):
        attrs.setdefault(f"xmlns:{prefix}", uri)
    declaration = '<?xml version="1.0" encoding="UTF-8"?>'
    if include_non_relevant and root.children:
        # A draft is saved on every answer: each element's XML is kept (Node.draft_xml) and only
        # the path from what changed to the root is built again. The root's own head is not
        # kept (its id/version/namespaces come from the form).
        inner = "".join([_draft(session, child) for child in root.children])
        return f"{declaration}<{_head(root, attrs)}>{inner}</{root.name}>"
    out: list[str] = [declaration]
    _write(session, root, attrs, out, include_non_relevant)
    return "".join(out)


def _head(node: Node, attrs: dict[str, str]) -> str:
    return node.name + "".join(f" {k}={quoteattr(v)}" for k, v in attrs.items())


def _draft(session: Session, node: Node) -> str:
    """The draft XML of one element (hidden answers included), kept on the node until it or
    something below it changes (Node.touched)."""
    kept = node.draft_xml
    if kept is not None:
        return kept
    head = _head(node, node.attrs)
    if node.children:
        inner = "".join([_draft(session, child) for child in node.children])
        text = f"<{head}>{inner}</{node.name}>"
    else:
        value = session.stored_value(node)
        text = f"<{head}>{escape(value)}</{node.name}>" if value else f"<{head}/>"
    node.draft_xml = text
    return text


def stamp_end(session: Session) -> None:
    """Stamp the `end` preloads (jr:preload="timestamp" "end") with now: done once, when the
    session is finalised, as Collect does on "Finalize" (never on every save or read)."""
    from app.engine.session import iso_timestamp

    for path, bind in session.form.binds.items():
        if bind.preload == "timestamp" and bind.preload_params == "end":
            stamp = iso_timestamp(session.env.now())
            for node in session.all_nodes(path):
                if session.write(node, stamp):
                    session.propagate([(path, node, None)])


def _write(
    session: Session, node: Node, attrs: dict[str, str], out: list[str], hidden: bool
) -> None:
    head = _head(node, attrs)
    if node.children:
        out.append(f"<{head}>")
        for child in node.children:
            if hidden or session.is_relevant(child):
                _write(session, child, child.attrs, out, hidden)
        out.append(f"</{node.name}>")
        return
    text = session.stored_value(node) if hidden else node.text
    out.append(f"<{head}>{escape(text)}</{node.name}>" if text else f"<{head}/>")


def restore(session: Session, instance_xml: str) -> None:
    """Fill a fresh session's tree from saved instance XML: values, repeat counts, extra nodes."""
    parsed = parse_xml(instance_xml, "The saved answers")
    element = parsed.root
    default_ns = namespace(element.tag)
    name = parsed.qname(element.tag, default_ns)
    form = session.form
    if name != form.root_name:
        raise FormError(
            f"These answers (<{name}>) do not belong to this form (root <{form.root_name}>)."
        )
    saved_id = element.get("id", "")
    if saved_id and saved_id != form.form_id:
        raise FormError(f"These answers belong to form '{saved_id}', not '{form.form_id}'.")
    _restore_children(session, session.root, element, parsed, default_ns)


def _restore_children(
    session: Session, node: Node, element: ET.Element, parsed: ParsedXml, default_ns: str
) -> None:
    path = session.generic(node)
    groups: dict[str, list[ET.Element]] = {}
    for child in element:
        if isinstance(child.tag, str):
            groups.setdefault(parsed.qname(child.tag, default_ns), []).append(child)
    # Repeats: the saved answers say how many instances there are (none is a valid answer).
    for child_name in session.form.child_order.get(path, []):
        child_path = f"{path}/{child_name}"
        if child_path in session.form.repeats:
            for existing in list(node.children_named(child_name)):
                node.remove(existing)
            for _ in groups.get(child_name, []):
                session._insert_instance(node, child_path)
    for child_name, elements in groups.items():
        targets = node.children_named(child_name)
        for index, saved in enumerate(elements):
            if index < len(targets):
                target = targets[index]
            else:  # not in this form version: keep it rather than lose an answer
                target = node.append(Node(child_name))
            target.attrs.update({parsed.qname(k, ""): v for k, v in saved.attrib.items()})
            if target.draft_xml is not None:
                target.touched()
            if any(isinstance(c.tag, str) for c in saved):
                _restore_children(session, target, saved, parsed, default_ns)
            elif not target.children:
                target.text = saved.text or ""
