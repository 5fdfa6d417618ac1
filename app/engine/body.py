"""The form body: questions, groups and repeats in the order people see them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.engine.errors import FormError
from app.engine.itext import Text, parse_text_element
from app.engine.xmlread import JR, ODK, XFORMS, local_name, namespace

if TYPE_CHECKING:
    from app.engine.formdef import SetValue, _Compiler
    from app.engine.xpath import XPathExpr

QUESTIONS = {"input", "select1", "select", "range", "upload", "trigger", "rank"}
# ODK's own body elements, in the odk: namespace: the rank control (an ordered select).
ODK_CONTROLS = {"rank"}
_TRUE = re.compile(r"^\s*(true\(\s*\)|1|true)\s*$")
# The last predicate of an itemset nodeset: the choice filter (dropped to find any label).
_LAST_PREDICATE = re.compile(r"^(.*?)\s*\[[^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*\]\s*$", re.S)


@dataclass
class Item:
    value: str
    label: Text


@dataclass
class ItemSet:
    nodeset: XPathExpr
    base: XPathExpr  # nodeset without its choice filter
    value: XPathExpr
    label: Text
    image_itext: bool  # label is jr:itext(...): item images come from the same id


@dataclass
class Control:
    kind: str  # input select1 select range upload trigger group repeat
    path: str | None
    label: Text | None = None
    hint: Text | None = None
    appearance: str = ""
    children: list[Control] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    itemset: ItemSet | None = None
    field_list: bool = False
    mediatype: str = ""
    range_start: float | None = None
    range_end: float | None = None
    range_step: float | None = None
    count: XPathExpr | None = None  # jr:count of a repeat
    no_add_remove: bool = False


def parse_body(
    body: ET.Element,
    compile_expr: _Compiler,
    controls: dict[str, Control],
    setvalues: list[SetValue],
) -> list[Control]:
    """Controls of <h:body>; `controls` is filled with path -> control for every element."""
    return _children(body, None, compile_expr, controls, setvalues)


def _children(
    parent: ET.Element,
    context: str | None,
    compile_expr: _Compiler,
    controls: dict[str, Control],
    setvalues: list[SetValue],
) -> list[Control]:
    result: list[Control] = []
    for element in parent:
        if not isinstance(element.tag, str):
            continue
        name = local_name(element.tag)
        if name in ("label", "hint", "item", "itemset", "help"):
            continue
        # odk:setgeopoint may sit in a repeat like a setvalue (odk-new-repeat: JavaRosa's
        # SetGeopointActionHandler takes it wherever actions go).
        geopoint_action = namespace(element.tag) == ODK and name == "setgeopoint"
        if namespace(element.tag) == ODK and name in ODK_CONTROLS or geopoint_action:
            pass
        elif namespace(element.tag) not in (XFORMS, ""):
            raise FormError(f"The body element <{_prefixed(element)}> is not supported.")
        if name == "setvalue" or geopoint_action:
            from app.engine.formdef import _parse_setvalue

            for action in _parse_setvalue(element, compile_expr):
                if action.path and not action.path.startswith("/") and context:
                    action.path = f"{context}/{action.path}"
                setvalues.append(action)
            continue
        if name not in QUESTIONS and name not in ("group", "repeat"):
            raise FormError(f"The body element <{name}> is not supported.")
        control = _control(element, name, context, compile_expr, controls, setvalues)
        if control is not None:
            result.append(control)
    return result


def _prefixed(element: ET.Element) -> str:
    prefix = {JR: "jr:"}.get(namespace(element.tag), "odk:")
    return prefix + local_name(element.tag)


def _resolve(ref: str | None, context: str | None, where: str) -> str | None:
    if ref is None:
        return None
    ref = ref.strip()
    if ref.startswith("/"):
        return ref
    if context is None:
        raise FormError(f"{where}: the relative ref {ref!r} has no group around it.")
    return f"{context}/{ref}"


def _control(
    element: ET.Element,
    name: str,
    context: str | None,
    compile_expr: _Compiler,
    controls: dict[str, Control],
    setvalues: list[SetValue],
) -> Control | None:
    raw_ref = element.get("nodeset") if name == "repeat" else element.get("ref")
    where = f"<{name} ref={raw_ref!r}>"
    path = _resolve(raw_ref or element.get("bind"), context, where)
    if path is None and name != "group":
        raise FormError(f"A <{name}> in the body has no ref.")
    control = Control(kind=name, path=path, appearance=element.get("appearance", ""))
    for child in element:
        child_name = local_name(child.tag) if isinstance(child.tag, str) else ""
        if child_name == "label":
            control.label = parse_text_element(child, compile_expr, f"The label of {where}")
        elif child_name == "hint":
            control.hint = parse_text_element(child, compile_expr, f"The hint of {where}")
        elif child_name == "item":
            control.items.append(_item(child, compile_expr, where))
        elif child_name == "itemset":
            control.itemset = _itemset(child, compile_expr, where)
        elif child_name in ("setvalue", "setgeopoint") and name in QUESTIONS:
            from app.engine.formdef import _parse_setvalue

            setvalues.extend(_parse_setvalue(child, compile_expr, source=path))
    if name in ("select1", "select", "rank") and not control.items and control.itemset is None:
        raise FormError(f"{where} has no choices (no <item> and no <itemset>).")
    if name == "group":
        control.field_list = "field-list" in control.appearance.split()
    elif name == "repeat":
        count = element.get(f"{{{JR}}}count")
        if count and count.strip():
            control.count = compile_expr(count, f"{where} jr:count={count!r}")
        control.no_add_remove = bool(_TRUE.match(element.get(f"{{{JR}}}noAddRemove", "")))
    elif name == "upload":
        control.mediatype = element.get("mediatype", "*/*")
    elif name == "range":
        control.range_start = _number(element, "start", where)
        control.range_end = _number(element, "end", where)
        control.range_step = _number(element, "step", where)
    if name in ("group", "repeat"):
        control.children = _children(element, path or context, compile_expr, controls, setvalues)
        if name == "group" and path is None:
            # A group without a ref only arranges its children; they stand at its level.
            control.path = None
    if path is not None:
        existing = controls.get(path)
        # A repeat inside a group with the same ref: the repeat is the one that matters.
        if existing is None or name == "repeat":
            controls[path] = control
    return control


def _number(element: ET.Element, attr: str, where: str) -> float | None:
    value = element.get(attr)
    if value is None or not value.strip():
        return None
    try:
        return float(value)
    except ValueError:
        raise FormError(f"{where}: {attr}={value!r} is not a number.") from None


def _item(element: ET.Element, compile_expr: _Compiler, where: str) -> Item:
    value_element = next((c for c in element if local_name(c.tag) == "value"), None)
    label_element = next((c for c in element if local_name(c.tag) == "label"), None)
    if value_element is None:
        raise FormError(f"{where}: an <item> has no <value>.")
    label = (
        parse_text_element(label_element, compile_expr, f"A choice label of {where}")
        if label_element is not None
        else Text(parts=[])
    )
    return Item(value=(value_element.text or "").strip(), label=label)


def _itemset(element: ET.Element, compile_expr: _Compiler, where: str) -> ItemSet:
    nodeset = element.get("nodeset")
    if not nodeset:
        raise FormError(f"{where}: <itemset> has no nodeset.")
    value_element = next((c for c in element if local_name(c.tag) == "value"), None)
    label_element = next((c for c in element if local_name(c.tag) == "label"), None)
    if value_element is None or not value_element.get("ref"):
        raise FormError(f"{where}: <itemset nodeset={nodeset!r}> has no <value ref=…>.")
    if label_element is None:
        raise FormError(f"{where}: <itemset nodeset={nodeset!r}> has no <label>.")
    compiled = compile_expr(nodeset, f"{where} itemset nodeset={nodeset!r}")
    stripped = _LAST_PREDICATE.match(nodeset)
    base = compile_expr(stripped.group(1), where) if stripped else compiled
    label = parse_text_element(label_element, compile_expr, f"The itemset label of {where}")
    return ItemSet(
        nodeset=compiled,
        base=base,
        value=compile_expr(value_element.get("ref", ""), f"{where} itemset value"),
        label=label,
        image_itext=label.itext_expr is not None,
    )
