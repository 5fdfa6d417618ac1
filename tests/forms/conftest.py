"""Shared fixtures: the built-in questionnaires, converted once per test session."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from pyxform.xls2json_backends import md_to_dict

from app.xlsform import convert_xlsform

FORMS_DIR = Path(__file__).resolve().parents[2] / "forms"
FOCUS_GROUPS = [
    "grupo_focal_mujeres",
    "grupo_focal_familiares",
    "grupo_focal_retornados",
    "grupo_focal_jovenes",
]
ALL_FORMS = [*FOCUS_GROUPS, "evaluacion_necesidades"]
NS = {
    "h": "http://www.w3.org/1999/xhtml",
    "xf": "http://www.w3.org/2002/xforms",
    "jr": "http://openrosa.org/javarosa",
}


@dataclass
class BuiltForm:
    """One built-in form: its source sheets (as pyxform reads them) and its XForm."""

    form_id: str
    path: Path
    sheets: dict
    xform: str
    warnings: list[str]
    root: ET.Element

    def binds(self) -> dict[str, dict[str, str]]:
        """nodeset -> bind attributes (namespaced ones by local name)."""
        out = {}
        for bind in self.root.iter(f"{{{NS['xf']}}}bind"):
            attrs = {k.split("}")[-1]: v for k, v in bind.attrib.items()}
            out[attrs["nodeset"]] = attrs
        return out

    def survey_row(self, name: str) -> dict[str, str]:
        return next(r for r in self.sheets["survey"] if r.get("name") == name)


_CACHE: dict[str, BuiltForm] = {}


def load_built(form_id: str) -> BuiltForm:
    if form_id not in _CACHE:
        path = FORMS_DIR / f"{form_id}.md"
        result = convert_xlsform(path)
        sheets = md_to_dict(path.read_text(encoding="utf-8"))
        _CACHE[form_id] = BuiltForm(
            form_id, path, sheets, result.xform, result.warnings, ET.fromstring(result.xform)
        )
    return _CACHE[form_id]


@pytest.fixture(params=ALL_FORMS)
def built(request) -> BuiltForm:
    return load_built(request.param)


@pytest.fixture(params=FOCUS_GROUPS)
def focus_group(request) -> BuiltForm:
    return load_built(request.param)


@pytest.fixture
def needs() -> BuiltForm:
    return load_built("evaluacion_necesidades")
