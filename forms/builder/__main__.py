"""Regenerate forms/*.md and the Excel copies in forms/xlsx/: `python -m forms.builder`."""

from __future__ import annotations

import sys
from pathlib import Path

from .focus_groups import GROUPS
from .focus_groups import build as build_focus_group
from .needs import build as build_needs
from .table import Sheet, render
from .workbook import write_xlsx

FORMS_DIR = Path(__file__).resolve().parent.parent
# A subfolder: the app loads forms/*.md and forms/*.xlsx, and must not see each form twice.
XLSX_DIR = FORMS_DIR / "xlsx"


def built_forms() -> list[tuple[str, list[Sheet]]]:
    """(form id, sheets) of every built-in questionnaire."""
    return [*(build_focus_group(g) for g in GROUPS), build_needs()]


def all_forms() -> dict[str, str]:
    """File name -> markdown text of every built-in questionnaire."""
    out = {}
    for form_id, sheets in built_forms():
        title = next(r["form_title"] for r in sheets[-1].rows)
        out[f"{form_id}.md"] = render(title, sheets)
    return out


def main() -> int:
    for name, text in all_forms().items():
        (FORMS_DIR / name).write_text(text, encoding="utf-8")
        print(f"wrote forms/{name}")
    XLSX_DIR.mkdir(exist_ok=True)
    for form_id, sheets in built_forms():
        write_xlsx(XLSX_DIR / f"{form_id}.xlsx", sheets)
        print(f"wrote forms/xlsx/{form_id}.xlsx")
    return 0


if __name__ == "__main__":
    sys.exit(main())
