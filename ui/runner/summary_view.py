"""Read-only view of a session: every shown question with its answer in words (choice labels,
local dates), grouped by section. Used for finalised sessions, which can no longer change."""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtWidgets import QTextBrowser, QWidget

from ui.runner.paging import Page
from ui.runner.question_block import instance_title


def answer_text(kind: str, datatype: str, value: str, choices: dict[str, str]) -> str:
    """An answer as a person reads it: labels for choices, local time for date-times."""
    if not value:
        return ""
    if kind == "select1":
        return choices.get(value, value)
    if kind == "select":
        return ", ".join(choices.get(v, v) for v in value.split())
    if kind == "rank":  # first to last
        return " › ".join(choices.get(v, v) for v in value.split())
    if datatype == "dateTime":
        try:
            return datetime.fromisoformat(value).astimezone().strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return value
    if datatype == "time":
        return value[:5]
    return value


class SummaryView(QTextBrowser):
    """Sections as headings, questions as label/answer rows; anchors let the index jump."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setObjectName("summary")

    def show_pages(self, pages: list[Page]) -> None:
        empty = html.escape(self.tr("(no answer)"))
        empty = f"<span style='color:#666; font-weight: normal;'>{empty}</span>"
        parts = ["<div style='font-size: 11pt;'>"]
        for page in pages:
            parts.append(
                f"<a name='{html.escape(page.key)}'></a><h2>{html.escape(page.title)}</h2>"
            )
            parts.append("<table cellspacing='0' cellpadding='4' width='100%'>")
            for prompt in page.prompts:
                anchor = f"<a name='{html.escape(prompt.ref)}'></a>"
                if prompt.kind in ("group", "repeat_instance") and prompt is not page.prompts[0]:
                    title = prompt.label
                    if prompt.kind == "repeat_instance":
                        title = instance_title(prompt.label, prompt.ref, self.tr("%1 #%2"))
                    parts.append(
                        f"<tr><td colspan='2'>{anchor}<b>{html.escape(title)}</b></td></tr>"
                    )
                    continue
                if prompt.kind in ("group", "repeat", "note"):
                    continue
                choices = {c.value: c.label for c in prompt.choices}
                answer = answer_text(prompt.kind, prompt.datatype, prompt.value, choices)
                shown = html.escape(answer) if answer else empty
                parts.append(
                    f"<tr><td width='45%' valign='top' style='color:#333'>{anchor}"
                    f"{html.escape(prompt.label)}</td><td valign='top'><b>{shown}</b></td></tr>"
                )
            parts.append("</table>")
        parts.append("</div>")
        self.setHtml("".join(parts))

    def jump(self, ref: str) -> None:
        self.scrollToAnchor(ref)
