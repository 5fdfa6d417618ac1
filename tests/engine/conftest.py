"""Helpers for engine tests: XLSForms written as markdown tables, converted by pyxform."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from pyxform.xls2xform import convert

from app.engine import Form, load_form


def xform_from_markdown(markdown: str, directory: Path, name: str = "form") -> str:
    path = directory / f"{name}.md"
    path.write_text(textwrap.dedent(markdown), encoding="utf-8")
    return convert(xlsform=str(path)).xform


@pytest.fixture
def make_form(tmp_path: Path) -> Callable[[str], Form]:
    """make_form(markdown) -> Form via pyxform (engine tests need not depend on app.xlsform)."""

    def build(markdown: str) -> Form:
        return load_form(xform_from_markdown(markdown, tmp_path))

    return build
