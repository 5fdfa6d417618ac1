"""What the findings view's two file actions write, in the export dialog's terms (an
``Exporter``): the REFI-QDA project of one focus-group form, and the PDF report of the view's
dates and community (approved sessions only, as the server's ``main.py report``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from app.export import ExportOptions, ExportSummary
from app.findings.book import FindingsBook, ViewQuery
from app.findings.compute import APPROVED_ONLY
from app.findings.report import build_report
from reports.pdf import write_pdf_file


class QdaExporter:
    """The focus-group forms of a book, written as .qdpx by the core export."""

    def __init__(self, book: FindingsBook, language: str) -> None:
        self.book, self.language = book, language

    def export_forms(self) -> list[tuple[str, str]]:
        return self.book.forms(self.language, focus_groups_only=True)

    def export(
        self,
        form_id: str,
        path: Path,
        options: ExportOptions,
        *,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ExportSummary:
        return self.book.export(form_id, path, options, progress=progress, cancelled=cancelled)


class ReportExporter:
    """The programme staff's PDF over the view's filters (form chosen in the dialog)."""

    def __init__(self, book: FindingsBook, query: ViewQuery, project: str, language: str) -> None:
        self.book, self.query, self.project, self.language = book, query, project, language

    def export_forms(self) -> list[tuple[str, str]]:
        return self.book.forms(self.language)

    def export(
        self,
        form_id: str,
        path: Path,
        options: ExportOptions,
        *,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ExportSummary:
        language = options.language or self.language
        query = replace(self.query, form_id=form_id or None, review_states=APPROVED_ONLY)
        findings = self.book.findings(query, language, progress=progress, cancelled=cancelled)
        content = build_report(findings, project=self.project, language=language)
        pages = write_pdf_file(content, Path(path))
        return ExportSummary(
            submissions=len(findings.sessions) + findings.assessments, rows={"pages": pages}
        )
