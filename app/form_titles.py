"""A questionnaire's title in the interface language, and its version as a date.

ODK has one title per form (<h:title>); pyxform 4.5 even crashes on a translated `form_title`.
So an XLSForm's settings may carry `form_title::English (en)` columns: the converter takes them
out before pyxform and writes them into the XForm as an itext text with the id `form_title` in
each translation (ODK tools ignore an itext id no control uses). A hand-written XForm may carry
the same. The library then shows the title in the interface language when the form has one.
"""

from __future__ import annotations

import html
import re
from datetime import date
from typing import TYPE_CHECKING, Any

from app.engine.xmlread import local_name, parse_xml
from app.store import StoreError

if TYPE_CHECKING:
    from app.store.records import FormRecord
    from app.workspace import Workspace

TITLE_ID = "form_title"
TITLE_COLUMN = re.compile(r"^(?:form_title|title)::(.+)$")
# ODK's habit: yyyymmddNN (the day and that day's revision), e.g. 2026112601.
DATED_VERSION = re.compile(r"^(\d{4})(\d{2})(\d{2})(\d{2})$")


def split_title_columns(settings_row: dict[str, Any]) -> dict[str, str]:
    """Remove `form_title::<language>` cells from a settings row; returns language -> title."""
    titles = {}
    for key in list(settings_row):
        match = TITLE_COLUMN.match(str(key))
        if match:
            value = settings_row.pop(key)
            if isinstance(value, str) and value.strip():
                titles[match.group(1).strip()] = value.strip()
    return titles


def add_title_translations(xform: str, titles: dict[str, str]) -> str:
    """The XForm with a `form_title` itext text in each translation named in titles (a form
    without translations gets none: its one title is <h:title>). Inserted as text, so the rest
    of pyxform's XML (namespace prefixes included) stays byte for byte as it was."""
    if not titles:
        return xform

    def with_title(match: re.Match[str]) -> str:
        lang = html.unescape(match.group("lang"))
        title = titles.get(lang)
        if title is None:
            return match.group(0)
        text = f'<text id="{TITLE_ID}"><value>{html.escape(title, quote=False)}</value></text>'
        return match.group("open") + match.group("body") + text + match.group("close")

    return _TRANSLATION.sub(with_title, xform)


_TRANSLATION = re.compile(
    r'(?P<open><translation\b[^>]*\blang="(?P<lang>[^"]*)"[^>]*>)(?P<body>.*?)'
    r"(?P<close></translation>)",
    re.S,
)


def title_in(xform: str, language: str, default: str) -> str:
    """The form's title in `language` ("es"/"en" or a form language name), else `default`."""
    if not xform or TITLE_ID not in xform:
        return default
    try:
        root = parse_xml(xform, "The form").root
    except ValueError:
        return default
    for translation in root.iter():
        if local_name(translation.tag) != "translation":
            continue
        name = translation.get("lang", "")
        if name != language and not name.endswith(f"({language})"):
            continue
        for text in translation:
            if text.get("id") == TITLE_ID:
                value = "".join(text.itertext()).strip()
                if value:
                    return value
    return default


def title_of(workspace: Workspace, record: FormRecord, language: str) -> str:
    """A stored questionnaire's title in `language` (its one title when it has no other)."""
    default = record.title or record.form_id
    try:
        xform = workspace.store.forms.get(record.form_id, record.version).xform_xml
    except StoreError:
        return default
    return title_in(xform, language, default)


def version_date(version: str) -> date | None:
    """The date of a yyyymmddNN version (2026112601 -> 2026-11-26), else None."""
    match = DATED_VERSION.match(version.strip())
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def version_revision(version: str) -> int | None:
    """The day's revision of a yyyymmddNN version (2026112602 -> 2), else None."""
    match = DATED_VERSION.match(version.strip())
    return int(match.group(4)) if match and version_date(version) else None
