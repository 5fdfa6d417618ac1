"""Every interface string in ui/ has a Spanish translation, and the compiled catalogue loads."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ui import i18n

ROOT = Path(__file__).resolve().parents[2]
LUPDATE = Path(sys.executable).parent / "pyside6-lupdate"


@pytest.mark.skipif(not LUPDATE.exists(), reason="pyside6-lupdate is not installed")
def test_every_interface_string_has_a_spanish_translation(tmp_path: Path) -> None:
    catalogue = tmp_path / "encuentro_es.ts"
    shutil.copy(ROOT / "assets" / "i18n" / "encuentro_es.ts", catalogue)
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run(
        [str(LUPDATE), "-no-obsolete", *sources, "-ts", str(catalogue)],
        check=True,
        capture_output=True,
    )
    missing = [
        message.findtext("source")
        for message in ET.parse(catalogue).iter("message")
        if message.find("translation").get("type") == "unfinished"
    ]
    assert missing == [], "translate these in assets/i18n (see its README)"


def test_spanish_catalogue_translates_at_runtime(qapp) -> None:
    from PySide6.QtCore import QCoreApplication

    i18n.set_language("es")
    assert QCoreApplication.translate("SessionStatus", "Draft") == "Borrador"
    assert QCoreApplication.translate("SessionsController", "%n session(s)", "", 1) == "1 sesión"
    i18n.set_language("en")
    assert QCoreApplication.translate("SessionsController", "%n session(s)", "", 2) == (
        "2 sessions"
    )


def test_every_catalogue_context_is_one_qt_will_ask_for() -> None:
    """A context is a class in ui/ (self.tr) or a name passed to translate("Context", ...)."""
    import re

    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "ui").rglob("*.py"))
    classes = set(re.findall(r"^\s*class (\w+)", code, re.M))
    named = set(re.findall(r"translate\(\s*\"(\w+)\"", code))
    contexts = {
        context.findtext("name")
        for context in ET.parse(ROOT / "assets" / "i18n" / "encuentro_es.ts").iter("context")
    }
    # A context lupdate took from a variable (`editor.tr(...)`) is never asked for at run time.
    wrong = contexts - classes - named
    assert wrong == set(), f"texts Qt will never find in Spanish, contexts {sorted(wrong)}"
