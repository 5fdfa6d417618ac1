"""The XForm instance tree: a small, fast element tree shared by the engine and XPath.

Values are strings exactly as they appear in instance XML; typing lives in the binds.
"""

from __future__ import annotations

from collections.abc import Iterator


class Node:
    """One element of an instance (main or secondary), or the document node above its root."""

    __slots__ = ("name", "parent", "children", "attrs", "text", "_by_name", "kind", "draft_xml")

    def __init__(self, name: str, text: str = "", attrs: dict[str, str] | None = None) -> None:
        self.name = (
            name  # qualified name as written, e.g. "age", "orx:meta"; "#document" for the top
        )
        self.parent: Node | None = None
        self.children: list[Node] = []
        self.attrs: dict[str, str] = attrs or {}
        self.text = text  # leaf value; elements with children keep ""
        self._by_name: dict[str, list[Node]] | None = None
        # What XPath reads the text as (JavaRosa keeps typed values): "" text, "number",
        # "date" (date/dateTime: days in arithmetic), "boolean" (1/0, true/false).
        self.kind = ""
        # This element's draft XML (app/engine/submission.py), kept between saves so an answer
        # rebuilds only its own path to the root. None: not built, or changed since.
        self.draft_xml: str | None = None

    # -- structure -------------------------------------------------------------------------
    def append(self, child: Node) -> Node:
        child.parent = self
        self.children.append(child)
        self._by_name = None
        if self.draft_xml is not None:  # building a tree: nothing kept yet, no call
            self.touched()
        return child

    def insert(self, position: int, child: Node) -> Node:
        child.parent = self
        self.children.insert(position, child)
        self._by_name = None
        if self.draft_xml is not None:  # building a tree: nothing kept yet, no call
            self.touched()
        return child

    def remove(self, child: Node) -> None:
        self.children.remove(child)
        child.parent = None
        self._by_name = None
        if self.draft_xml is not None:  # building a tree: nothing kept yet, no call
            self.touched()

    def touched(self) -> None:
        """This element's text, attributes or children changed: forget the draft XML kept for
        it and its ancestors. Kept XML is built for a whole subtree at once, so an element
        without it has ancestors without it too (the walk stops there)."""
        node: Node | None = self
        while node is not None and node.draft_xml is not None:
            node.draft_xml = None
            node = node.parent

    def children_named(self, name: str) -> list[Node]:
        """Children with this name, in document order (indexed: cheap on wide forms)."""
        if self._by_name is None:
            index: dict[str, list[Node]] = {}
            for child in self.children:
                index.setdefault(child.name, []).append(child)
            self._by_name = index
        return self._by_name.get(name, [])

    def first_named(self, name: str) -> Node | None:
        found = self.children_named(name)
        return found[0] if found else None

    def iter_descendants(self) -> Iterator[Node]:
        for child in self.children:
            yield child
            yield from child.iter_descendants()

    @property
    def root(self) -> Node:
        node = self
        while node.parent is not None:
            node = node.parent
        return node

    def sibling_index(self) -> int:
        """1-based position among same-named siblings (a repeat instance's number)."""
        if self.parent is None:
            return 1
        return self.parent.children_named(self.name).index(self) + 1

    # -- values ----------------------------------------------------------------------------
    def string_value(self) -> str:
        """XPath string-value: the text of this node and all descendants, in order."""
        if not self.children:
            return self.text
        return self.text + "".join(child.string_value() for child in self.children)

    def copy(self) -> Node:
        clone = Node(self.name, self.text, dict(self.attrs))
        clone.kind = self.kind
        for child in self.children:
            clone.append(child.copy())
        return clone

    # -- paths -----------------------------------------------------------------------------
    def path(self, indexed: bool = True) -> str:
        """Absolute path from the root element, e.g. /data/kids[2]/name (1-based, always indexed
        for repeat instances when indexed=True: every element whose parent has several children
        of its name, or that is marked as a repeat by the engine, gets [n])."""
        parts: list[str] = []
        node: Node | None = self
        while node is not None and node.name != "#document":
            part = node.name
            if (
                indexed
                and node.parent is not None
                and len(node.parent.children_named(node.name)) > 1
            ):
                part += f"[{node.sibling_index()}]"
            parts.append(part)
            node = node.parent
        return "/" + "/".join(reversed(parts))

    def __repr__(self) -> str:
        return f"<Node {self.path()}={self.text!r}>"
