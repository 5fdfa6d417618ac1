"""Behaviour of the findings view: the findings counted off the GUI thread for the filters
(``app.findings.book``), laid into the tables, the chart and the quotes behind the chosen count;
the report and the .qdpx written through the export dialog (progress, Cancel, no file left)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from shiboken6 import isValid

from app.findings import Findings
from app.findings.book import FindingsBook, SessionMemory, ViewQuery
from app.findings.compute import APPROVED_ONLY
from app.findings.tables import need_table, quotes_behind, theme_table, topics
from ui import i18n
from ui.findings.exporters import QdaExporter, ReportExporter
from ui.findings.view import FindingsView
from ui.sessions_view import ANY_DATE
from ui.supervisor.export_dialog import ExportDialog
from ui.tasks import run_in_background

log = logging.getLogger(__name__)

ALL = ""  # the "every form / community / topic" choice of a combo


class FindingsController(QObject):
    refreshed = Signal(object)  # Findings, once laid out
    failed = Signal(object)  # the exception that stopped a count

    def __init__(
        self,
        view: FindingsView,
        book: Callable[[], FindingsBook],
        *,
        supervisor: bool,
        project: Callable[[], str] = lambda: "Encuentro",
    ) -> None:
        super().__init__(view)
        self.view = view
        self.book = book
        self.supervisor = supervisor
        self.project = project
        self.findings: Findings | None = None
        self.top_themes: list[tuple[str, str, int]] = []  # over every topic, for the chart
        self.cache = SessionMemory()  # sessions read once, whatever the filters
        self.dialog: ExportDialog | None = None
        self._running = False
        self._again = False
        self._fill_fixed_choices()
        for combo in (view.form_filter, view.state_filter, view.community_filter):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        for edit in (view.date_from, view.date_to):
            edit.dateChanged.connect(lambda _d: self.refresh())
        view.split.currentIndexChanged.connect(lambda _i: self.lay_out())
        view.topic.currentIndexChanged.connect(lambda _i: self.lay_out_themes())
        view.refresh_button.clicked.connect(self.refresh)
        view.report_button.clicked.connect(self.open_report)
        view.qda_button.clicked.connect(self.open_qda)
        view.themes.selectionModel().currentChanged.connect(self._show_quotes)
        QShortcut(QKeySequence("Ctrl+F5"), view).activated.connect(self.refresh)

    # -- choices -------------------------------------------------------------------------------
    def _fill_fixed_choices(self) -> None:
        view = self.view
        for combo in (view.state_filter, view.split):
            combo.blockSignals(True)
        state = view.state_filter.currentIndex()
        split = view.split.currentIndex()
        view.state_filter.clear()
        if self.supervisor:  # the supervisor's default: approved only
            view.state_filter.addItem(self.tr("Approved only"), "approved")
            view.state_filter.addItem(self.tr("Every review state"), ALL)
            view.state_filter.addItem(self.tr("Not reviewed yet"), "received")
            view.state_filter.addItem(self.tr("Has issues"), "has_issues")
            view.state_filter.addItem(self.tr("Rejected"), "rejected")
        else:  # a facilitator's own sessions: all of them, or what was approved
            view.state_filter.addItem(self.tr("Every finalized session"), ALL)
            view.state_filter.addItem(self.tr("Approved only"), "approved")
        view.split.clear()
        view.split.addItem(self.tr("Participant group"), "group")
        view.split.addItem(self.tr("Department"), "department")
        view.split.addItem(self.tr("Municipality"), "municipality")
        view.split.addItem(self.tr("Community"), "community")
        view.state_filter.setCurrentIndex(max(state, 0))
        view.split.setCurrentIndex(max(split, 0))
        for combo in (view.state_filter, view.split):
            combo.blockSignals(False)

    def query(self) -> ViewQuery:
        """The filters as the core reads them."""
        view = self.view
        state = view.state_filter.currentData()
        return ViewQuery(
            form_id=view.form_filter.currentData() or None,
            date_from=_day(view.date_from.date()),
            date_to=_day(view.date_to.date()),
            community=view.community_filter.currentData() or None,
            review_states=frozenset({state}) if state else None,
        )

    # -- counting ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Count again for the filters, off the GUI thread (one count at a time)."""
        if self._running:
            self._again = True  # the filters changed meanwhile: count once more after
            return
        self._running = True
        self._again = False
        query, language, cache = self.query(), i18n.current_language(), self.cache
        book = self.book()
        self.view.summary.setText(self.tr("Counting…"))

        def work() -> tuple[list[tuple[str, str]], Findings, list[tuple[str, str, int]]]:
            # Only the core runs here: no widget is touched off the GUI thread.
            found = book.findings(query, language, cache=cache)
            return book.forms(language), found, found.top_themes(limit=8)

        run_in_background(work, self._show, self._failed)

    def _failed(self, error: BaseException) -> None:
        self._running = False
        log.error("findings failed: %s", type(error).__name__)
        if not isValid(self.view):
            return  # the window closed while counting
        self.view.summary.setText(
            self.tr(
                "The findings could not be counted (%1). Sync again, or tell your coordinator."
            ).replace("%1", str(error) or type(error).__name__)
        )
        self.failed.emit(error)
        if self._again:
            self.refresh()

    def _show(
        self, result: tuple[list[tuple[str, str]], Findings, list[tuple[str, str, int]]]
    ) -> None:
        self._running = False
        if not isValid(self.view):
            return  # the window closed while counting
        if self._again:  # the filters changed while counting: these numbers are stale
            self.refresh()
            return
        forms, self.findings, self.top_themes = result
        self._fill_choices(forms, self.findings)
        self.lay_out()
        self.refreshed.emit(self.findings)

    def _fill_choices(self, forms: list[tuple[str, str]], found: Findings) -> None:
        view = self.view
        _refill(view.form_filter, [(ALL, self.tr("All questionnaires")), *forms])
        communities = sorted(found.community_labels.items(), key=lambda kv: kv[1].casefold())
        _refill(view.community_filter, [(ALL, self.tr("All communities")), *communities])

    # -- laying out ----------------------------------------------------------------------------
    def lay_out(self) -> None:
        found = self.findings
        if found is None:
            return
        view = self.view
        summary = self.tr("%n focus-group session(s)", "", len(found.sessions))
        summary += "; " + self.tr("%n needs interview(s)", "", found.assessments)
        if found.skipped_unreadable:
            summary += "; " + self.tr(
                "%n session(s) could not be read (sync again)", "", found.skipped_unreadable
            )
        view.summary.setText(summary + ".")
        _refill(view.topic, [(ALL, self.tr("All topics")), *topics(found)])
        self.lay_out_themes()
        split = str(view.split.currentData() or "group")
        view.need_model.fill(need_table(found, split), self.tr("Not recorded"))
        view.needs.resizeColumnsToContents()

    def lay_out_themes(self) -> None:
        found = self.findings
        if found is None:
            return
        view = self.view
        split = str(view.split.currentData() or "group")
        topic = view.topic.currentData() or None
        table = theme_table(found, split, topic)
        view.theme_model.fill(table, self.tr("Not recorded"))
        view.themes.resizeColumnsToContents()
        view.themes.setColumnWidth(0, min(view.themes.columnWidth(0), 220))
        view.themes.setColumnWidth(1, min(view.themes.columnWidth(1), 260))
        if topic is None:  # every topic: sessions that raised the theme under any topic
            bars = [(label, n) for _theme, label, n in self.top_themes]
        else:
            bars = [(r.theme_label, r.sessions) for r in table.rows[:8]]
        view.chart.fill((self.tr("Theme"), self.tr("Sessions")), bars)
        if table.rows:
            view.themes.setCurrentIndex(view.theme_model.index(0, 2))
        else:
            self._show_quotes(QModelIndex())

    def _show_quotes(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        view, found = self.view, self.findings
        if found is None or not current.isValid():
            view.quote_model.fill([])
            view.quotes_title.setText(self.tr("Quote&s: choose a count above"))
            return
        row = view.theme_model.row(current.row())
        key = view.theme_model.split_key(current.column())
        split = view.theme_model.table.split if key is not None else None
        view.quote_model.fill(quotes_behind(found, row.topic, row.theme, split, key))
        column = view.theme_model.headerData(current.column(), Qt.Orientation.Horizontal)
        where = "" if key is None else f" — {column}"
        # The label carries an Alt key: an "&" in a form's label is doubled to show as itself.
        view.quotes_title.setText(
            self.tr("Quote&s behind “%1” (%2)%3")
            .replace("%1", row.theme_label.replace("&", "&&"))
            .replace("%2", row.topic_label.replace("&", "&&"))
            .replace("%3", where.replace("&", "&&"))
        )

    # -- files ---------------------------------------------------------------------------------
    def open_report(self) -> ExportDialog:
        """The report dialog over the view's dates and community (approved sessions only)."""
        exporter = ReportExporter(
            self.book(), self.query(), self.project(), i18n.current_language()
        )
        return self._open(exporter, ("pdf",))

    def open_qda(self) -> ExportDialog:
        """The .qdpx dialog for a focus-group form."""
        return self._open(QdaExporter(self.book(), i18n.current_language()), ("qdpx",))

    def _open(self, exporter: object, formats: tuple[str, ...]) -> ExportDialog:
        form_id = self.view.form_filter.currentData() or None
        dialog = ExportDialog(
            exporter,  # type: ignore[arg-type]
            form_id,
            self.view,
            formats=formats,
            approved_only=self.query().review_states == APPROVED_ONLY,
        )
        self.dialog = dialog
        dialog.open()
        return dialog

    def retranslate(self) -> None:
        self._fill_fixed_choices()
        if self.findings is not None:
            self.refresh()  # labels come from the forms in the new language


def _refill(combo, items: list[tuple[str, str]]) -> None:  # noqa: ANN001
    """Replace a combo's choices, keeping the chosen one when it is still there."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for value, label in items:
        combo.addItem(label, value)
    combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen is not None else 0)
    combo.blockSignals(False)


def _day(value: QDate) -> str | None:
    if value <= ANY_DATE:
        return None
    return date(value.year(), value.month(), value.day()).isoformat()
