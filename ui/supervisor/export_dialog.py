"""The supervisor's export: choose a form and the file's shape, where to save it, then watch it
being written off the GUI thread, with Cancel (a cancelled export leaves no file).

The findings view opens the same dialog for its "Export for QDA (.qdpx)…" and "Report (PDF)…":
anything with ``export_forms()`` and ``export(form_id, path, options, progress=, cancelled=)``
(an ``Exporter``) can be written this way."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.export import ExportCancelled, ExportError, ExportOptions, ExportSummary, export_file_name
from app.supervisor.desk import FormNotCached, SupervisorDesk
from ui import i18n
from ui.plain_text import PlainLabel
from ui.start_view import LANGUAGE_NAMES
from ui.tasks import run_in_background

log = logging.getLogger(__name__)

TABLE_FORMATS = ("csv", "xlsx")  # the formats with a "labels instead of values" choice
ALL_FORMS = ""  # the form choice of a report over every questionnaire


class Exporter(Protocol):
    """What the dialog writes with: the supervisor's desk, or the findings view's books."""

    def export_forms(self) -> list[tuple[str, str]]: ...

    def export(
        self,
        form_id: str,
        path: Path,
        options: ExportOptions,
        *,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ExportSummary: ...


class ExportDialog(QDialog):
    """Options, then a save dialog, then the export with a progress bar and Cancel."""

    progressed = Signal(int, int)  # done, total: emitted on the worker thread
    progress_shown = Signal(int, int)  # the bar shows it (GUI thread)
    finished_export = Signal(object)  # ExportSummary, or the exception that stopped it

    def __init__(
        self,
        desk: SupervisorDesk | Exporter,
        form_id: str | None = None,
        parent: QWidget | None = None,
        *,
        formats: Sequence[str] = TABLE_FORMATS,
        approved_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        if "pdf" in formats:
            self.setWindowTitle(self.tr("Report (PDF)"))
        elif "qdpx" in formats:
            self.setWindowTitle(self.tr("Export for QDA (.qdpx)"))
        else:
            self.setWindowTitle(self.tr("Export sessions"))
        self.desk = desk
        self.stop = threading.Event()
        self.running = False
        self.path: Path | None = None

        self.form = QComboBox()
        self.form.setObjectName("exportForm")
        if "pdf" in formats:
            self.form.addItem(self.tr("All questionnaires"), ALL_FORMS)
        for value, title in desk.export_forms():
            self.form.addItem(title, value)
        if form_id is not None:
            self.form.setCurrentIndex(max(self.form.findData(form_id), 0))
        self.format = QComboBox()
        self.format.setObjectName("exportFormat")
        names = {
            "csv": self.tr("CSV files in a .zip (like ODK Central)"),
            "xlsx": self.tr("Excel workbook (.xlsx)"),
            "qdpx": self.tr("REFI-QDA project (.qdpx: NVivo, ATLAS.ti, MAXQDA, QualCoder)"),
            "pdf": self.tr("PDF report for programme staff (approved sessions only)"),
        }
        for code in formats:
            self.format.addItem(names[code], code)
        self.approved_only = QCheckBox(self.tr("Only a&pproved sessions"))
        self.approved_only.setObjectName("exportApprovedOnly")
        self.approved_only.setChecked(approved_only)
        self.labels = QCheckBox(self.tr("&Labels instead of values"))
        self.labels.setObjectName("exportLabels")
        self.language = QComboBox()
        self.language.setObjectName("exportLanguage")
        for code, name in LANGUAGE_NAMES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(i18n.current_language()), 0))
        self.labels.toggled.connect(lambda _on: self._fit_choices())
        self.format.currentIndexChanged.connect(lambda _i: self._fit_choices())

        fields = QFormLayout()
        for text, field in (
            (self.tr("&Form:"), self.form),
            (self.tr("F&ormat:"), self.format),
            (self.tr("Lan&guage of the labels:"), self.language),
        ):
            label = PlainLabel(text)
            label.setBuddy(field)
            fields.addRow(label, field)
        fields.insertRow(2, self.approved_only)
        fields.insertRow(3, self.labels)

        self.note = PlainLabel(
            self.tr(
                "The file holds the participants' answers: keep it only where the agency's "
                "rules allow."
            )
        )
        self.note.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setObjectName("exportProgress")
        self.bar.hide()
        self.message = PlainLabel()
        self.message.setObjectName("exportMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.export_button = QPushButton(self.tr("&Export…"))
        self.export_button.setObjectName("exportStart")
        self.export_button.setDefault(True)
        self.export_button.setEnabled(self.form.count() > 0)
        self.cancel_button = QPushButton(self.tr("Close"))
        self.cancel_button.setObjectName("exportCancel")
        self.export_button.clicked.connect(self.choose_file)
        self.cancel_button.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addLayout(fields)
        layout.addWidget(self.note)
        layout.addWidget(self.bar)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        if self.form.count() == 0:
            self._say(self.tr("No questionnaire is on this laptop yet: sync first."))
        self.progressed.connect(self._show_progress)  # queued: emitted from the worker
        self._fit_choices()

    def _fit_choices(self) -> None:
        """Labels are a choice of the tables only; a report is of approved sessions only; the
        language applies to labels, codebooks and reports."""
        format = str(self.format.currentData())
        self.labels.setVisible(format in TABLE_FORMATS)
        self.approved_only.setVisible(format != "pdf")
        self.language.setEnabled(
            not self.running and (format not in TABLE_FORMATS or self.labels.isChecked())
        )

    def options(self) -> ExportOptions:
        return ExportOptions(
            format=str(self.format.currentData()),
            approved_only=self.approved_only.isChecked() or self.format.currentData() == "pdf",
            labels=self.labels.isChecked() and self.format.currentData() in TABLE_FORMATS,
            language=str(self.language.currentData()),
        )

    def choose_file(self) -> None:
        """Ask where to save (Central's file name suggested), then start the export."""
        form_id = self.form.currentData()
        if form_id is None or self.running:
            return
        options = self.options()
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / file_name(form_id, options.format))
        kind = {
            "csv": self.tr("CSV files in a .zip (*.zip)"),
            "xlsx": self.tr("Excel workbook (*.xlsx)"),
            "qdpx": self.tr("REFI-QDA project (*.qdpx)"),
            "pdf": self.tr("PDF document (*.pdf)"),
        }[options.format]
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the export as"), suggested, kind
        )
        if not chosen:
            return
        self.start(form_id, with_suffix(Path(chosen), options.format), options)

    def start(self, form_id: str, path: Path, options: ExportOptions) -> None:
        """Run the export on a worker thread; the bar follows its progress."""
        self.path = path
        self.stop.clear()
        self.running = True
        for widget in (self.form, self.format, self.approved_only, self.labels, self.language):
            widget.setEnabled(False)
        self.export_button.setEnabled(False)
        self.cancel_button.setText(self.tr("Cancel"))
        self.bar.setRange(0, 0)  # busy until the first count arrives
        self.bar.show()
        self._say(self.tr("Exporting…"))
        desk, progressed, stop = self.desk, self.progressed, self.stop

        def work() -> ExportSummary:
            # Only a signal and the Event cross threads: no widget is touched here.
            return desk.export(
                form_id, path, options, progress=progressed.emit, cancelled=stop.is_set
            )

        run_in_background(work, self._done, self._failed)

    def _show_progress(self, done: int, total: int) -> None:
        if self.running:
            self.bar.setRange(0, max(total, 1))
            self.bar.setValue(done)
        self.progress_shown.emit(done, total)

    def cancel(self) -> None:
        """Cancel the running export (nothing is kept), or close the dialog."""
        if not self.running:
            self.reject()
            return
        self.stop.set()
        self.cancel_button.setEnabled(False)
        self._say(self.tr("Cancelling…"))

    def reject(self) -> None:
        if self.running:  # Escape or the window's close button while exporting: cancel first
            self.cancel()
            return
        super().reject()

    def _done(self, summary: ExportSummary) -> None:
        self._finish()
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self._say(
            self.tr("%n session(s) exported to %1", "", summary.submissions).replace(
                "%1", str(self.path)
            )
        )
        self.finished_export.emit(summary)

    def _failed(self, error: BaseException) -> None:
        self._finish()
        self.bar.hide()
        if isinstance(error, ExportCancelled):
            text = self.tr("Export cancelled: no file was written.")

        elif isinstance(error, FormNotCached):
            text = self.tr("This questionnaire is not on this laptop yet: sync first.")
        elif isinstance(error, OSError):
            text = self.tr("The file could not be written (%1). Choose another folder.").replace(
                "%1", error.strerror or type(error).__name__
            )
        elif isinstance(error, ExportError):
            text = self.tr("The export could not be made: %1").replace("%1", str(error))
        else:
            log.error("export failed: %s", type(error).__name__)
            text = self.tr("The export failed unexpectedly (%1); no file was written.").replace(
                "%1", type(error).__name__
            )
        self._say(text)
        self.finished_export.emit(error)

    def _finish(self) -> None:
        self.running = False
        for widget in (self.form, self.format, self.approved_only, self.labels):
            widget.setEnabled(True)
        self._fit_choices()
        self.export_button.setEnabled(self.form.count() > 0)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(self.tr("Close"))

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()


def file_name(form_id: str, format: str) -> str:
    """The suggested name: Central's for the tables, the form's (or "informe") otherwise."""
    if format == "pdf":
        return f"{form_id or 'informe'}.pdf"
    return export_file_name(form_id, format)


def with_suffix(path: Path, format: str) -> Path:
    """The chosen name with the format's extension when it was left out ("datos" ->
    "datos.csv.zip", "datos.csv" -> "datos.csv.zip", "datos" -> "datos.xlsx")."""
    name = path.name.lower()
    if format in ("qdpx", "pdf"):
        return path if name.endswith(f".{format}") else path.with_name(f"{path.name}.{format}")
    if format == "csv":
        if name.endswith(".zip"):
            return path
        return path.with_name(path.name + (".zip" if name.endswith(".csv") else ".csv.zip"))
    return path if name.endswith(".xlsx") else path.with_name(path.name + ".xlsx")
