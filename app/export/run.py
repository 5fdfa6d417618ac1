"""Running an export: a form, a source of submissions and options in, one file out."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from app.export.layout import ExportError, FormLayout, load_layout, safe_file_stem
from app.export.rows import RowBuilder
from app.export.source import SubmissionSource
from app.export.writers import CsvZipWriter, XlsxWriter, csv_file_names, sheet_names

FORMATS = ("csv", "xlsx", "qdpx")
LANGUAGES = ("es", "en")
PROGRESS_EVERY = 50  # submissions between two progress calls


class ExportCancelled(Exception):
    """The caller asked to stop; nothing was kept."""


@dataclass(frozen=True)
class ExportOptions:
    """What to export and how.

    format: "csv" (a .zip with one CSV per table), "xlsx" (one workbook, a sheet per table) or
    "qdpx" (a REFI-QDA project of the focus-group sessions, see ``qdpx.py``);
    approved_only: only submissions a supervisor approved; labels: question and choice labels
    instead of names and values; language: "es", "en" or the form's language name (labels only;
    default the form's default language).
    """

    format: str = "csv"
    approved_only: bool = False
    labels: bool = False
    language: str | None = None

    def check(self) -> None:
        if self.format not in FORMATS:
            raise ExportError(f"format must be {' or '.join(FORMATS)}, not {self.format!r}")


@dataclass
class ExportSummary:
    """What was written: submissions exported, and the rows of each table by its file/sheet."""

    submissions: int
    rows: dict[str, int] = field(default_factory=dict)


def export_file_name(form_id: str, format: str) -> str:
    """The download name: ``<formId>.csv.zip`` (as Central's CSV export) or ``<formId>.xlsx``."""
    stem = safe_file_stem(form_id)
    if format == "qdpx":
        return f"{stem}.qdpx"
    return f"{stem}.csv.zip" if format == "csv" else f"{stem}.xlsx"


def export_submissions(
    form_xml: str,
    source: SubmissionSource,
    out: BinaryIO,
    options: ExportOptions,
    *,
    media_dir: Path | None = None,
    spool_dir: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExportSummary:
    """Write the export of ``source``'s submissions of the form ``form_xml`` to ``out``.

    ``progress(done, total)`` is called now and then (from this thread); ``cancelled()`` is asked
    before each submission and, when true, stops with ExportCancelled (``out`` then holds a
    partial file the caller must drop: ``export_to_file`` does). ExportError for a form that
    cannot be read, an unknown language or a bad option. ``media_dir`` holds the form's media
    (choice lists from files).
    """
    options.check()
    if options.format == "qdpx":
        return _export_qdpx(form_xml, source, out, options, progress, cancelled)
    layout = load_layout(
        form_xml, labels=options.labels, language=options.language, media_dir=media_dir
    )
    writer = _writer(options.format, out, layout, spool_dir)
    try:
        done = _write_rows(layout, writer, source, options, progress, cancelled)
        writer.finish()
    except BaseException:
        writer.abort()
        raise
    names = csv_file_names(layout) if options.format == "csv" else sheet_names(layout)
    return ExportSummary(submissions=done, rows=dict(zip(names, writer.rows, strict=True)))


def export_to_file(
    path: Path,
    form_xml: str,
    source: SubmissionSource,
    options: ExportOptions,
    *,
    media_dir: Path | None = None,
    spool_dir: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExportSummary:
    """``export_submissions`` into ``path``, all or nothing: written beside it under a temporary
    name and renamed when complete, removed on any failure or cancellation."""
    path = Path(path)
    partial = path.with_name(f".{path.name}.part")
    try:
        with open(partial, "wb") as out:
            summary = export_submissions(
                form_xml,
                source,
                out,
                options,
                media_dir=media_dir,
                spool_dir=spool_dir,
                progress=progress,
                cancelled=cancelled,
            )
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        raise
    return summary


def _export_qdpx(
    form_xml: str,
    source: SubmissionSource,
    out: BinaryIO,
    options: ExportOptions,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> ExportSummary:
    # Imported here: app.findings reads forms through app.export.layout.
    from app.export.qdpx import QdpxCancelled, write_qdpx
    from app.findings import FindingsFilter, FormSubmissions, read_form_roles

    if not read_form_roles(form_xml, options.language).is_focus_group:
        raise ExportError(
            "a REFI-QDA project needs a focus-group form: this form marks no topic "
            "(bind::encuentro:role = topic)"
        )
    states = frozenset({"approved"}) if options.approved_only else None
    try:
        summary = write_qdpx(
            out,
            [FormSubmissions(form_xml, source)],
            FindingsFilter(review_states=states),
            language=options.language,
            progress=progress,
            cancelled=cancelled,
        )
    except QdpxCancelled as error:
        raise ExportCancelled(str(error)) from None
    return ExportSummary(
        submissions=summary.sources,
        rows={"sources": summary.sources, "codes": summary.codes, "selections": summary.selections},
    )


def _writer(
    format: str, out: BinaryIO, layout: FormLayout, spool_dir: Path | None
) -> CsvZipWriter | XlsxWriter:
    if format == "csv":
        return CsvZipWriter(out, layout, spool_dir)
    return XlsxWriter(out, layout, spool_dir)


def _write_rows(
    layout: FormLayout,
    writer: CsvZipWriter | XlsxWriter,
    source: SubmissionSource,
    options: ExportOptions,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> int:
    builder = RowBuilder(layout, writer.write, labels=options.labels)
    total = source.count() if progress is not None else 0
    if progress is not None:
        progress(0, total)
    done = 0
    for record in source:
        if cancelled is not None and cancelled():
            raise ExportCancelled("the export was cancelled")
        # The source filters too (in its query); checked again so no other state slips in.
        if options.approved_only and record.review_state != "approved":
            continue
        builder.add(record)
        done += 1
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, max(total, done))
    if progress is not None:
        progress(done, max(total, done))
    return done
