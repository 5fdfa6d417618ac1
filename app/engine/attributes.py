"""Attributes as targets of binds and actions (pyxform's meta/entity/@id, @create, @update).

An AttributeSlot stands for one attribute of one element while a calculation or a setvalue
writes it: reading or writing its text reads or writes the element's attribute, so the rest of
the engine (write, relevance through the parent, propagation by generic path) treats it like a
leaf. XPath sees it as an attribute node (its parent is the element, it is nobody's child).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.engine.instance import Node
from app.engine.xpath.axes import AttributeNode

if TYPE_CHECKING:
    from app.engine.xpath import EvalEnv, XPathExpr


class AttributeSlot(AttributeNode):
    __slots__ = ()

    def __init__(self, element: Node, attribute: str) -> None:  # noqa: D107 - no Node.__init__
        self.name = attribute
        self.parent = element
        self.children = []
        self.attrs = {}
        self._by_name = None
        self.draft_xml = None

    @property
    def text(self) -> str:
        assert self.parent is not None
        return self.parent.attrs.get(self.name, "")

    @text.setter
    def text(self, value: str) -> None:
        assert self.parent is not None
        self.parent.attrs[self.name] = value
        self.parent.touched()


def split_attribute(path: str) -> tuple[str, str | None]:
    """/data/meta/entity/@id -> ("/data/meta/entity", "id"); other paths -> (path, None)."""
    element, marker, attribute = path.rpartition("/@")
    return (element, attribute) if marker else (path, None)


def attribute_slots(elements: list[Node], attribute: str) -> list[Node]:
    """The attribute of each element that has it (an attribute the instance does not declare
    is not created: JavaRosa ignores such binds too)."""
    return [AttributeSlot(e, attribute) for e in elements if attribute in e.attrs]


class FlagAsNumber:
    """A calculate on an attribute whose result is true/false writes 1/0, as JavaRosa writes
    entity @create and @update (pyxform's create_if/update_if)."""

    __slots__ = ("expr", "source")

    def __init__(self, expr: XPathExpr) -> None:
        self.expr = expr
        self.source = expr.source

    def evaluate(self, env: EvalEnv, context: Node) -> object:
        result = self.expr.evaluate(env, context)
        return ("1" if result else "0") if isinstance(result, bool) else result

    def references(self, context_path: str) -> set[str]:
        return self.expr.references(context_path)
