"""Texts shown to people: itext translations, inline labels, and <output value=…/> pieces."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.engine.errors import FormError
from app.engine.xmlread import local_name

if TYPE_CHECKING:
    from app.engine.xpath import XPathExpr

Part = "str | XPathExpr"  # a literal piece of text or an <output> expression
Compile = Callable[[str, str], "XPathExpr"]  # (expression, where) -> compiled

_STATIC_ITEXT = re.compile(r"^\s*jr:itext\(\s*(?:'([^']*)'|\"([^\"]*)\")\s*\)\s*$")
_DYNAMIC_ITEXT = re.compile(r"^\s*jr:itext\((.*)\)\s*$", re.S)


@dataclass
class Text:
    """Where a label/hint comes from: a fixed itext id, an itext id computed per item, inline parts,
    or (itemset labels) a node value read relative to the item."""

    itext_id: str | None = None
    itext_expr: XPathExpr | None = None
    parts: list[str | XPathExpr] = field(default_factory=list)
    ref_expr: XPathExpr | None = None


def text_parts(element: ET.Element, compile_expr: Compile, where: str) -> list[str | XPathExpr]:
    """Inline content of a <label>/<hint>/<value>: strings and compiled <output> values."""
    parts: list[str | XPathExpr] = []
    if element.text:
        parts.append(element.text)
    for child in element:
        if local_name(child.tag) == "output":
            expr = child.get("value") or child.get("ref")
            if not expr:
                raise FormError(f"{where}: <output> without a value attribute.")
            parts.append(compile_expr(expr, f"{where} <output value={expr!r}>"))
        if child.tail:
            parts.append(child.tail)
    return parts


def parse_text_element(element: ET.Element, compile_expr: Compile, where: str) -> Text:
    """A <label>/<hint>: ref="jr:itext('id')", ref="jr:itext(expr)", ref="node", or inline text."""
    ref = element.get("ref")
    if ref is None:
        return Text(parts=text_parts(element, compile_expr, where))
    static = _STATIC_ITEXT.match(ref)
    if static:
        return Text(itext_id=static.group(1) if static.group(1) is not None else static.group(2))
    dynamic = _DYNAMIC_ITEXT.match(ref)
    if dynamic:
        return Text(itext_expr=compile_expr(dynamic.group(1), f"{where} ref={ref!r}"))
    return Text(ref_expr=compile_expr(ref, f"{where} ref={ref!r}"))


def static_itext_id(value: str | None) -> str | None:
    """The id in "jr:itext('id')" (jr:constraintMsg and jr:requiredMsg may be written so)."""
    if not value:
        return None
    match = _STATIC_ITEXT.match(value)
    if not match:
        return None
    return match.group(1) if match.group(1) is not None else match.group(2)


class Itext:
    """All translations: language -> text id -> form ("" default, image, audio, guidance...)."""

    def __init__(self) -> None:
        self.translations: dict[str, dict[str, dict[str, list[str | XPathExpr]]]] = {}
        self.default_language = ""

    @property
    def languages(self) -> list[str]:
        return list(self.translations)

    def add_from(self, itext_element: ET.Element, compile_expr: Compile) -> None:
        for translation in itext_element:
            if local_name(translation.tag) != "translation":
                continue
            lang = translation.get("lang")
            if lang is None:
                raise FormError("<translation> in <itext> has no lang attribute.")
            texts = self.translations.setdefault(lang, {})
            if translation.get("default") is not None and not self.default_language:
                self.default_language = lang
            for text in translation:
                text_id = text.get("id")
                if local_name(text.tag) != "text" or text_id is None:
                    continue
                forms = texts.setdefault(text_id, {})
                for value in text:
                    if local_name(value.tag) != "value":
                        continue
                    form = value.get("form") or ""
                    where = f"itext '{text_id}' ({lang}, {form or 'text'})"
                    forms[form] = text_parts(value, compile_expr, where)
        if not self.default_language and self.translations:
            self.default_language = next(iter(self.translations))

    def lookup(self, text_id: str, language: str, form: str = "") -> list[str | XPathExpr] | None:
        """The parts of one text form, falling back to the default language, then any language."""
        for lang in (language, self.default_language, *self.translations):
            forms = self.translations.get(lang, {}).get(text_id)
            if forms is not None and form in forms:
                return forms[form]
        return None
