"""Regenerate forms/*.md: `python -m forms.builder` from the repository root."""

from __future__ import annotations

import sys
from pathlib import Path

from .focus_groups import GROUPS
from .focus_groups import build as build_focus_group
from .needs import build as build_needs
from .table import Sheet, render

FORMS_DIR = Path(__file__).resolve().parent.parent


def all_forms() -> dict[str, str]:
    """File name -> markdown text of every built-in questionnaire."""
    built: list[tuple[str, list[Sheet]]] = [build_focus_group(g) for g in GROUPS]
    built.append(build_needs())
    out = {}
    for form_id, sheets in built:
        title = next(r["form_title"] for r in sheets[-1].rows)
        out[f"{form_id}.md"] = render(title, sheets)
    return out


def main() -> int:
    for name, text in all_forms().items():
        (FORMS_DIR / name).write_text(text, encoding="utf-8")
        print(f"wrote forms/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
