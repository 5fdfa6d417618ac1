"""load_form: XForm or XLSForm -> Form (the parsed definition and graph sessions share)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app.engine.errors import FormError
from app.engine.formdef import FormDef, parse_xform
from app.engine.graph import DependencyGraph
from app.engine.instance import Node
from app.engine.media import media_folder

if TYPE_CHECKING:
    from app.engine.session import Session

XLSFORM_SUFFIXES = {".xlsx", ".xls", ".csv", ".md"}
XFORM_SUFFIXES = {".xml", ".xform"}


class Form:
    """A loaded form: metadata, the XForm text, and a factory of sessions."""

    def __init__(self, xform_xml: str, media_dir: Path | None = None) -> None:
        self.xform_xml = xform_xml
        self.media_dir = media_dir
        self.definition: FormDef = parse_xform(xform_xml, media_dir)
        self.graph = DependencyGraph(self.definition, self.definition.paths)

    @property
    def form_id(self) -> str:
        return self.definition.form_id

    @property
    def version(self) -> str:
        return self.definition.version

    @property
    def title(self) -> str:
        return self.definition.title

    @property
    def languages(self) -> list[str]:
        return self.definition.itext.languages

    @property
    def default_language(self) -> str:
        return self.definition.itext.default_language

    def new_session(
        self,
        language: str | None = None,
        *,
        properties: dict[str, str] | None = None,
        last_saved: str | None = None,
        position_source: Callable[[], str | None] | None = None,
    ) -> Session:
        """A new, empty filling with preloads (start, today, deviceid, username from
        `properties`) and a fresh meta/instanceID. `last_saved`: instance XML of this form's
        last finalised filling, for ${last-saved#q} defaults (jr://instance/last-saved).
        `position_source`: the device's position ("lat lon alt accuracy") for odk:setgeopoint
        (start-geopoint); without one those questions stay empty."""
        from app.engine.session import Session

        session = Session(self, self.definition.main.copy(), language, properties, last_saved)
        session.position_source = position_source
        session.start()
        return session

    def open_session(
        self,
        instance_xml: str,
        language: str | None = None,
        *,
        properties: dict[str, str] | None = None,
    ) -> Session:
        """Resume from saved instance XML: answers and repeats restored, everything recomputed."""
        from app.engine.session import Session
        from app.engine.submission import restore

        session = Session(self, self.definition.main.copy(), language, properties)
        restore(session, instance_xml)
        session._ensure_instance_id()
        session.recompute_all()
        return session

    # -- summary for `form check` -------------------------------------------------------------
    def question_count(self) -> int:
        return sum(
            1 for c in self.definition.controls.values() if c.kind not in ("group", "repeat")
        )

    def choice_list_count(self) -> int:
        lists = {id(c.items) for c in self.definition.controls.values() if c.items}
        return len(lists) + len(self.definition.instances)


def load_form(source: str | Path, *, media_dir: Path | None = None) -> Form:
    """Load a form from XForm text, an XForm file (.xml/.xform) or an XLSForm (.xlsx/.xls/.csv/.md).

    FormError (a ValueError) says precisely what is wrong and where. Media files of external
    choice lists are looked up in `media_dir`, by default <form>-media/ next to a form file.
    """
    if isinstance(source, str) and source.lstrip().startswith("<"):
        return Form(source, media_dir)
    path = Path(source)
    if media_dir is None and path.is_file():
        media_dir = media_folder(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise FormError(f"The form file {path} does not exist.")
    if suffix in XLSFORM_SUFFIXES:
        try:
            from app.xlsform import xlsform_to_xform
        except ImportError as exc:  # pragma: no cover - only while app.xlsform is missing
            raise FormError(f"XLSForm support is not installed ({exc}).") from exc
        try:
            return Form(xlsform_to_xform(path), media_dir)
        except FormError:
            raise
        except ValueError as exc:  # XLSFormError names sheet, row and column
            raise FormError(str(exc)) from exc
    if suffix in XFORM_SUFFIXES or not suffix:
        try:
            return Form(path.read_text(encoding="utf-8"), media_dir)
        except UnicodeDecodeError as exc:
            raise FormError(f"{path.name} is not UTF-8 text.") from exc
    raise FormError(
        f"{path.name}: unknown form file type {suffix!r} (use .xlsx .xls .csv .md .xml .xform)."
    )


__all__ = ["Form", "FormError", "load_form", "Node"]
