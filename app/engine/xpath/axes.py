"""Walking the instance tree along XPath axes, and keeping node-sets in document order."""

from __future__ import annotations

from collections.abc import Callable

from app.engine.instance import Node

DOCUMENT = "#document"


class AttributeNode(Node):
    """An attribute seen as an XPath node: its parent is the element, it is nobody's child."""

    __slots__ = ()


class TextNode(Node):
    """The text of a leaf element seen as an XPath text() node."""

    __slots__ = ()


def attributes(node: Node) -> list[Node]:
    found: list[Node] = []
    for name, value in node.attrs.items():
        attr = AttributeNode(name, value)
        attr.parent = node
        found.append(attr)
    return found


def _descendants(node: Node, out: list[Node]) -> None:
    for child in node.children:
        out.append(child)
        if child.children:
            _descendants(child, out)


def descendants(node: Node) -> list[Node]:
    out: list[Node] = []
    _descendants(node, out)
    return out


def ancestors(node: Node) -> list[Node]:
    """Nearest first (reverse document order, as the axis is a reverse axis)."""
    out: list[Node] = []
    parent = node.parent
    while parent is not None:
        out.append(parent)
        parent = parent.parent
    return out


def _siblings(node: Node) -> tuple[list[Node], int]:
    if node.parent is None or isinstance(node, AttributeNode | TextNode):
        return [], -1
    siblings = node.parent.children
    return siblings, siblings.index(node)


def following_siblings(node: Node) -> list[Node]:
    siblings, index = _siblings(node)
    return siblings[index + 1 :] if index >= 0 else []


def preceding_siblings(node: Node) -> list[Node]:
    siblings, index = _siblings(node)
    return siblings[:index][::-1] if index >= 0 else []


def following(node: Node) -> list[Node]:
    out: list[Node] = []
    current: Node | None = node
    while current is not None:
        for sibling in following_siblings(current):
            out.append(sibling)
            _descendants(sibling, out)
        current = current.parent
    return out


def preceding(node: Node) -> list[Node]:
    """Nearest first; ancestors are excluded, as XPath says."""
    out: list[Node] = []
    current: Node | None = node
    while current is not None:
        for sibling in preceding_siblings(current):
            subtree = [sibling]
            _descendants(sibling, subtree)
            out.extend(reversed(subtree))
        current = current.parent
    return out


def text_children(node: Node) -> list[Node]:
    if node.text and not isinstance(node, AttributeNode | TextNode):
        text = TextNode("#text", node.text)
        text.parent = node
        return [text]
    return []


AXIS_FUNCTIONS: dict[str, Callable[[Node], list[Node]]] = {
    "child": lambda n: n.children,
    "attribute": attributes,
    "self": lambda n: [n],
    "parent": lambda n: [n.parent] if n.parent is not None else [],
    "descendant": descendants,
    "descendant-or-self": lambda n: [n, *descendants(n)],
    "ancestor": ancestors,
    "ancestor-or-self": lambda n: [n, *ancestors(n)],
    "following-sibling": following_siblings,
    "preceding-sibling": preceding_siblings,
    "following": following,
    "preceding": preceding,
    "namespace": lambda n: [],
}
REVERSE_AXES = {"ancestor", "ancestor-or-self", "preceding-sibling", "preceding"}


def order_key(node: Node) -> tuple[int, ...]:
    """Sort key for document order; attributes come after their element, before its children."""
    key: list[int] = []
    current = node
    if isinstance(current, AttributeNode | TextNode) and current.parent is not None:
        attr_rank = -2 if isinstance(current, AttributeNode) else -1
        key.append(attr_rank)
        current = current.parent
    while current.parent is not None:
        key.append(current.parent.children.index(current))
        current = current.parent
    key.append(id(current))  # nodes of different documents never interleave
    key.reverse()
    return tuple(key)


def document_order(nodes: list[Node]) -> list[Node]:
    """Remove duplicates (by identity) and sort into document order."""
    if len(nodes) < 2:
        return nodes
    seen: set[object] = set()
    unique: list[Node] = []
    for node in nodes:
        # Attribute and text nodes are made afresh on each visit: same owner + name = same node.
        key = (
            (id(node.parent), node.name) if isinstance(node, AttributeNode | TextNode) else id(node)
        )
        if key not in seen:
            seen.add(key)
            unique.append(node)
    unique.sort(key=order_key)
    return unique
