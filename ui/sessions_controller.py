"""Behaviour of the sessions list: filters, search with a short pause, and opening a session."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QByteArray, QDate, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut

from app.store.records import SessionFilter, SubmissionSummary
from ui import settings as ui_settings
from ui.sessions_model import SessionsModel, status_label
from ui.sessions_view import ANY_DATE, SessionsView
from ui.workspace_access import WorkspaceAccess

STATUS_CHOICES = ("draft", "finalized", "queued", "sent", "approved", "has_issues", "rejected")
SEARCH_PAUSE_MS = 250


class SessionsController(QObject):
    """Drives SessionsView; emits open_requested(SubmissionSummary) on double-click or Enter."""

    open_requested = Signal(object)

    def __init__(self, view: SessionsView, workspace: WorkspaceAccess) -> None:
        super().__init__(view)
        self.view = view
        self.workspace = workspace
        self.model = SessionsModel(workspace, view)
        view.table.setModel(self.model)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_PAUSE_MS)
        self._search_timer.timeout.connect(self.apply_filters)

        self.fill_filter_choices()
        view.search.textChanged.connect(lambda _text: self._search_timer.start())
        view.search.returnPressed.connect(self.apply_filters)
        for combo in (view.form_filter, view.community_filter, view.status_filter):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        for edit in (view.date_from, view.date_to):
            edit.dateChanged.connect(lambda _d: self.apply_filters())
        view.clear_button.clicked.connect(self.clear_filters)
        view.table.activated.connect(self._open_index)  # double-click, and Enter on most styles
        view.open_button.clicked.connect(self.open_current)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Only while the table has focus: Enter in the search box must not open a session.
            shortcut = QShortcut(QKeySequence(key), view.table, self.open_current)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        find = QShortcut(QKeySequence.StandardKey.Find, view, view.focus_search)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.model.modelReset.connect(self._after_reload)
        self.model.rowsInserted.connect(lambda *_: self._show_count())
        self.apply_filters()
        view.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: view.open_button.setEnabled(current.isValid())
        )
        saved = ui_settings.app_settings().value(ui_settings.SESSIONS_HEADER)
        if isinstance(saved, QByteArray | bytes):
            view.table.horizontalHeader().restoreState(QByteArray(saved))
        else:
            view.table.setColumnWidth(0, 150)
            view.table.setColumnWidth(1, 330)
            view.table.setColumnWidth(2, 200)
            view.table.setColumnWidth(3, 200)
            view.table.setColumnWidth(4, 150)

    # --- filters -----------------------------------------------------------------------------
    def fill_filter_choices(self) -> None:
        """(Re)build the combo boxes (forms, communities, statuses), keeping what was chosen."""
        view = self.view
        kept = (
            view.form_filter.currentData(),
            view.community_filter.currentData(),
            view.status_filter.currentData(),
        )
        for combo in (view.form_filter, view.community_filter, view.status_filter):
            combo.blockSignals(True)
            combo.clear()
        view.form_filter.addItem(self.tr("All forms"), "")
        seen: set[str] = set()
        for record in self.workspace.forms():
            if record.form_id not in seen:
                seen.add(record.form_id)
                view.form_filter.addItem(record.title or record.form_id, record.form_id)
        view.community_filter.addItem(self.tr("All communities"), "")
        for community in self.workspace.communities():
            view.community_filter.addItem(community, community)
        view.status_filter.addItem(self.tr("All statuses"), "")
        for status in STATUS_CHOICES:
            view.status_filter.addItem(status_label(status), status)
        for combo, value in zip(
            (view.form_filter, view.community_filter, view.status_filter), kept, strict=True
        ):
            index = combo.findData(value) if value else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def current_filter(self) -> SessionFilter:
        view = self.view
        return SessionFilter(
            form_id=view.form_filter.currentData() or None,
            community=view.community_filter.currentData() or None,
            status=view.status_filter.currentData() or None,
            text=view.search.text().strip() or None,
            since=_day(view.date_from.date()),
            until=_day(view.date_to.date()),
        )

    def apply_filters(self) -> None:
        """Reload the model with what the filter widgets say now."""
        self._search_timer.stop()
        self.model.set_filter(self.current_filter())

    def clear_filters(self) -> None:
        view = self.view
        for widget in (view.search, view.form_filter, view.community_filter, view.status_filter):
            widget.blockSignals(True)
        view.search.clear()
        for combo in (view.form_filter, view.community_filter, view.status_filter):
            combo.setCurrentIndex(0)
        for widget in (view.search, view.form_filter, view.community_filter, view.status_filter):
            widget.blockSignals(False)
        for edit in (view.date_from, view.date_to):
            edit.blockSignals(True)
            edit.setDate(ANY_DATE)
            edit.blockSignals(False)
        self.apply_filters()

    def reload(self) -> None:
        """After a session was saved, finalized or sent: fresh choices and rows."""
        self.fill_filter_choices()
        self.model.reload()

    def _after_reload(self) -> None:
        self._show_count()
        self.view.open_button.setEnabled(False)
        if self.model.rowCount():
            self.view.table.selectRow(0)

    def _show_count(self) -> None:
        total = self.model.total()
        text = self.tr("%n session(s)", "", total)
        if self.model.rowCount() < total:
            text += " · " + self.tr("scroll to see more")
        self.view.count_label.setText(text)

    # --- opening -----------------------------------------------------------------------------
    def open_current(self) -> None:
        self._open_index(self.view.table.currentIndex())

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            row: SubmissionSummary = self.model.row_at(index.row())
            self.open_requested.emit(row)

    def save_state(self) -> None:
        ui_settings.write(
            ui_settings.SESSIONS_HEADER, self.view.table.horizontalHeader().saveState()
        )

    def retranslate(self) -> None:
        """Combo texts and badge labels are ours, not the view's: rebuild them."""
        self.fill_filter_choices()
        self.model.changeLanguage()
        self._show_count()


def _day(value: QDate) -> date | None:
    return None if value <= ANY_DATE else date(value.year(), value.month(), value.day())
