"""Behaviour of the sessions list: filters, search with a short pause, opening a session, sending
a refused one again, and correcting a returned one."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import QByteArray, QDate, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut

from app.store import StoreError
from app.store.records import OutboxEntry, SessionFilter, SubmissionSummary
from ui import dialogs
from ui import settings as ui_settings
from ui.sessions_model import (
    SessionsModel,
    can_correct,
    can_send_again,
    status_label,
)
from ui.sessions_view import ANY_DATE, SessionsView
from ui.tasks import run_in_background
from ui.workspace_access import WorkspaceAccess

log = logging.getLogger(__name__)

STATUS_CHOICES = ("draft", "finalized", "queued", "sent", "approved", "has_issues", "rejected")
NOT_SENT = "not_sent"  # the Status filter's "Not sent": refused by the server, waiting for a person
# Columns a header click sorts by (the store's SessionFilter.sort keys); "sync" is not one.
SORTABLE = {
    "status": "status",
    "form": "form",
    "community": "community",
    "facilitator": "facilitator",
    "updated": "updated",
    "created": "created",
}
SEARCH_PAUSE_MS = 250
HEADER_COLUMNS = "sessions/header_columns"  # which columns the saved header state is for


class SessionRows:
    """The model's SessionSource: the shell's WorkspaceAccess plus each page's outbox state."""

    def __init__(self, access: WorkspaceAccess) -> None:
        self.access = access

    def count(self, where: SessionFilter) -> int:
        return self.access.count(where)

    def page(self, where: SessionFilter, offset: int, limit: int) -> list[SubmissionSummary]:
        return self.access.page(where, offset, limit)

    def outbox(self, instance_ids: Iterable[str]) -> dict[str, OutboxEntry]:
        return self.access.workspace.outbox_entries(instance_ids)


class SessionsController(QObject):
    """Drives SessionsView.

    Signals: open_requested(SubmissionSummary) on double-click or Enter, and for the correction
    a returned session gets (a draft: the window opens it editable); sync_requested(str reason)
    after "Send again" (attach_sync connects it to the window's sync controller).
    """

    open_requested = Signal(object)
    sync_requested = Signal(str)

    def __init__(self, view: SessionsView, workspace: WorkspaceAccess) -> None:
        super().__init__(view)
        self.view = view
        self.workspace = workspace
        self.model = SessionsModel(SessionRows(workspace), view)
        view.table.setModel(self.model)
        self._correcting = False  # a correction is being started in the background
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_PAUSE_MS)
        self._search_timer.timeout.connect(self.apply_filters)

        self.fill_filter_choices()
        view.search.textChanged.connect(lambda _text: self._search_timer.start())
        # Enter or Down in the search box: straight to the results (seven Tabs away otherwise).
        view.search.returnPressed.connect(self.go_to_results)
        down = QShortcut(QKeySequence(Qt.Key.Key_Down), view.search, self.go_to_results)
        down.setContext(Qt.ShortcutContext.WidgetShortcut)
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
        # The chosen session stays chosen when the rows are read again (a sync every few
        # minutes, a filter that still matches it, coming back from the questionnaire).
        self._keep: str | None = None
        self.model.modelAboutToBeReset.connect(self._remember_current)
        self.model.modelReset.connect(self._after_reload)
        self.model.rowsInserted.connect(lambda *_: self._show_count())
        self._restore_header()
        self.apply_filters()
        view.table.selectionModel().currentRowChanged.connect(
            lambda _current, _previous: self._enable_actions()
        )
        view.open_action.triggered.connect(self.open_current)
        view.send_again_button.clicked.connect(self.send_again)
        view.send_again_action.triggered.connect(self.send_again)
        view.correct_button.clicked.connect(self.correct_current)
        view.correct_action.triggered.connect(self.correct_current)
        view.discard_button.clicked.connect(self.discard_current)
        view.discard_action.triggered.connect(self.discard_current)

    def _restore_header(self) -> None:
        """Column widths and the sort order as last left; clicking a title sorts by it."""
        header = self.view.table.horizontalHeader()
        settings = ui_settings.app_settings()
        saved = settings.value(ui_settings.SESSIONS_HEADER)
        # A state saved with another set of columns restores badly (Qt leaves the new column
        # unpainted): only restore one saved with the columns we have now.
        same_columns = str(settings.value(HEADER_COLUMNS, "")) == ",".join(self.model.COLUMNS)
        restored = (
            same_columns
            and isinstance(saved, QByteArray | bytes)
            and header.restoreState(QByteArray(saved))
        )
        if not restored:
            # Leave a third of a 1366 px window to "Sync / review": it says why, in words.
            for column, width in enumerate((140, 250, 150, 150, 150, 150)):
                self.view.table.setColumnWidth(column, width)
        # The store sorts (the table never holds every row): the header only shows and asks.
        # No saved order (a state from before sorting hides the indicator): newest change first.
        chosen = restored and header.isSortIndicatorShown()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        if not chosen or self._sort_column(header.sortIndicatorSection()) is None:
            header.setSortIndicator(
                self.model.COLUMNS.index("updated"), Qt.SortOrder.DescendingOrder
            )
        self._sorted = (header.sortIndicatorSection(), header.sortIndicatorOrder())
        header.sortIndicatorChanged.connect(self._sort_changed)

    def _sort_column(self, section: int) -> str | None:
        columns = self.model.COLUMNS
        return SORTABLE.get(columns[section]) if 0 <= section < len(columns) else None

    def _sort_changed(self, section: int, order: Qt.SortOrder) -> None:
        header = self.view.table.horizontalHeader()
        if self._sort_column(section) is None:
            # "Sync / review" is words, not an order: the indicator goes back where it was.
            blocked = header.blockSignals(True)
            header.setSortIndicator(*self._sorted)
            header.blockSignals(blocked)
            return
        self._sorted = (section, order)
        self.apply_filters()
        self.save_state()  # kept at once: the laptop may be shut without closing the window

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
            if status == "queued":  # the refused ones, after those still waiting to go
                view.status_filter.addItem(status_label("failed"), NOT_SENT)
        for combo, value in zip(
            (view.form_filter, view.community_filter, view.status_filter), kept, strict=True
        ):
            index = combo.findData(value) if value else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def current_filter(self) -> SessionFilter:
        """What the filter widgets and the header's sort indicator ask for."""
        view = self.view
        status = view.status_filter.currentData() or None
        header = view.table.horizontalHeader()
        return SessionFilter(
            form_id=view.form_filter.currentData() or None,
            community=view.community_filter.currentData() or None,
            status=None if status == NOT_SENT else status,
            not_sent=status == NOT_SENT,
            text=view.search.text().strip() or None,
            since=_day(view.date_from.date()),
            until=_day(view.date_to.date()),
            sort=self._sort_column(header.sortIndicatorSection()) or "updated",
            descending=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder,
        )

    def apply_filters(self) -> None:
        """Reload the model with what the filter widgets say now."""
        self._search_timer.stop()
        self.model.set_filter(self.current_filter())

    def go_to_results(self) -> None:
        """Apply the search now and put the keyboard in the list, on its first session."""
        self.apply_filters()
        if self.model.rowCount():
            self.view.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
            if not self.view.table.currentIndex().isValid():
                self.view.table.selectRow(0)

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

    def reload(self, select: str | None = None) -> None:
        """After a session was saved, finalized or sent: fresh choices and rows. The chosen
        session (or `select`, an instance ID) stays chosen when it is still in the list."""
        if select:
            self._keep = select
        self.fill_filter_choices()
        self.model.reload()

    def _remember_current(self) -> None:
        if self._keep is None:
            current = self.current_row()
            self._keep = current.instance_id if current is not None else None

    def _after_reload(self) -> None:
        keep, self._keep = self._keep, None
        self._show_count()
        if self.model.rowCount():
            self.view.table.selectRow(self._row_of(keep) if keep else 0)
        self._enable_actions()

    def _enable_actions(self) -> None:
        """Each action only where it applies to the chosen row."""
        view, index = self.view, self.view.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        entry = self.model.outbox_at(index.row()) if row is not None else None
        opening = row is not None
        resend = row is not None and can_send_again(row, entry)
        correct = row is not None and can_correct(row)
        view.open_button.setEnabled(opening)
        view.open_action.setEnabled(opening)
        view.send_again_button.setEnabled(resend)
        view.send_again_action.setEnabled(resend)
        view.correct_button.setEnabled(correct)
        view.correct_action.setEnabled(correct)
        discard = row is not None and row.status == "draft"
        view.discard_button.setEnabled(discard)
        view.discard_action.setEnabled(discard)

    def current_row(self) -> SubmissionSummary | None:
        index = self.view.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _show_count(self) -> None:
        total = self.model.total()
        text = self.tr("%n session(s)", "", total)
        if self.model.rowCount() < total:
            text += " · " + self.tr("scroll to see more")
        self.view.count_label.setText(text)
        self.view.show_empty(self._empty_text() if total == 0 else "")

    def _empty_text(self) -> str:
        """Why the list is empty, and the way on from there."""
        everything = self.workspace.count(SessionFilter())
        if everything == 0:
            return self.tr(
                "No sessions yet.\n\nTo start one, go to Questionnaires (Ctrl+1), choose a "
                "questionnaire and press Enter. Your sessions will be listed here."
            )
        return self.tr(
            "No session matches this search or these filters (%n session(s) in all).\n\n"
            "Change them, or press Clear filters (Alt+L) to see every session.",
            "",
            everything,
        )

    # --- opening -----------------------------------------------------------------------------
    def open_current(self) -> None:
        self._open_index(self.view.table.currentIndex())

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            row: SubmissionSummary = self.model.row_at(index.row())
            self.open_requested.emit(row)

    # --- send again / correct ----------------------------------------------------------------
    def send_again(self) -> None:
        """Put the chosen refused (or waiting) session back in line, then sync now."""
        index = self.view.table.currentIndex()
        if not index.isValid():
            return
        row, entry = self.model.row_at(index.row()), self.model.outbox_at(index.row())
        if not can_send_again(row, entry):
            return
        try:
            self.workspace.workspace.send_again(row.instance_id)
        except StoreError as error:
            dialogs.show_error(
                self.view, self.tr("The session could not be sent again"), self._explain(error)
            )
            return
        self.model.reload()
        self._select(row.instance_id)
        self.request_sync("send_again")

    def request_sync(self, reason: str) -> None:
        """Ask for a sync; ui.sync_status.attach_sync connects sync_requested to the controller."""
        self.sync_requested.emit(reason)

    def correct_current(self) -> None:
        """Start (or resume) the correction of the chosen returned session and open it."""
        row = self.current_row()
        if row is None or not can_correct(row) or self._correcting:
            return
        self._correcting = True
        run_in_background(
            lambda: self.workspace.start_correction(row.instance_id),
            self._correction_started,
            self._correction_failed,
            writes=True,
        )

    def _correction_started(self, draft: SubmissionSummary) -> None:
        self._correcting = False
        self.reload()
        self.open_requested.emit(draft)

    def _correction_failed(self, error: BaseException) -> None:
        self._correcting = False
        if not isinstance(error, StoreError | ValueError):
            log.error("starting a correction failed", exc_info=error)
        dialogs.show_error(
            self.view, self.tr("The correction could not be started"), self._explain(error)
        )

    def discard_current(self) -> None:
        """Delete the chosen draft (a session started by mistake) once the person confirms;
        finalized sessions are never deleted here."""
        row = self.current_row()
        if row is None or row.status != "draft":
            return
        what = row.form_title or row.form_id
        if row.community:
            what += f" — {row.community}"
        question = self.tr(
            "Discard the draft “%1”?\n\nIts answers and notes will be deleted from this laptop "
            "for good. This cannot be undone."
        ).replace("%1", what)
        if not dialogs.ask_yes_no(self.view, self.tr("Discard draft"), question):
            return
        try:
            self.workspace.discard_draft(row.instance_id)
        except StoreError as error:
            dialogs.show_error(
                self.view, self.tr("The draft could not be discarded"), self._explain(error)
            )
            return
        self.reload()

    def _explain(self, error: BaseException) -> str:
        return self.workspace.explain(error)

    def _select(self, instance_id: str) -> None:
        self.view.table.selectRow(self._row_of(instance_id))

    def _row_of(self, instance_id: str) -> int:
        """The loaded row of a session, else 0 (the first row)."""
        for number in range(self.model.rowCount()):
            if self.model.row_at(number).instance_id == instance_id:
                return number
        return 0

    def save_state(self) -> None:
        ui_settings.write(
            ui_settings.SESSIONS_HEADER, self.view.table.horizontalHeader().saveState()
        )
        ui_settings.write(HEADER_COLUMNS, ",".join(self.model.COLUMNS))

    def retranslate(self) -> None:
        """Combo texts and badge labels are ours, not the view's: rebuild them."""
        self.fill_filter_choices()
        self.model.changeLanguage()
        self._show_count()


def _day(value: QDate) -> date | None:
    return None if value <= ANY_DATE else date(value.year(), value.month(), value.day())
