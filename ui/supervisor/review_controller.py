"""Behaviour of the review tab: filters and search over the cache, the chosen session's detail
(rendered off the GUI thread through the engine), files opened in the system's viewer, and the
review actions, recorded at once and sent by the supervisor's sync."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QItemSelection, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut

from app.odk_encryption import DecryptionError
from app.store import StoreError
from app.store.review_cache import QUEUED_REVIEW, ReviewFilter, ReviewSession
from app.supervisor.desk import SupervisorDesk
from app.supervisor.render import ChangedAnswer, Rendering
from app.supervisor.sealed import SessionEncrypted
from sync.http import NetworkError
from ui import dialogs, i18n
from ui.sessions_model import local_time
from ui.sessions_view import ANY_DATE
from ui.supervisor.export_dialog import ExportDialog
from ui.supervisor.list_model import ReviewListModel, review_label
from ui.supervisor.review_view import ReviewView
from ui.tasks import run_in_background

log = logging.getLogger(__name__)
STATES = ("received", "edited", QUEUED_REVIEW, "has_issues", "approved", "rejected")


@dataclass
class Detail:
    """Everything the detail view shows of one session, read off the GUI thread."""

    row: ReviewSession
    rendering: Rendering | None
    comparison: tuple[ReviewSession, list[ChangedAnswer]] | None
    history: list[Any]
    versions: list[ReviewSession]
    encrypted: bool = False  # ODK-encrypted and no private key given yet


class ReviewController(QObject):
    review_queued = Signal(str)  # instance_id: the sync sends it soon
    detail_shown = Signal(str)  # instance_id

    def __init__(self, view: ReviewView, desk: SupervisorDesk) -> None:
        super().__init__(view)
        self.view = view
        self.desk = desk
        self.model = ReviewListModel(desk, self)
        view.table.setModel(self.model)
        view.fit_columns()
        self.current: ReviewSession | None = None
        self._wanted: str | None = None
        view.table.selectionModel().selectionChanged.connect(self._on_selection)
        view.search.returnPressed.connect(self.apply_filters)
        view.search.textChanged.connect(lambda _t: self.apply_filters())
        for combo in (
            view.form_filter,
            view.community_filter,
            view.device_filter,
            view.state_filter,
        ):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        view.date_from.dateChanged.connect(lambda _d: self.apply_filters())
        view.date_to.dateChanged.connect(lambda _d: self.apply_filters())
        view.clear_button.clicked.connect(self.clear_filters)
        view.export_button.clicked.connect(self.open_export)
        view.key_button.clicked.connect(self.ask_private_key)
        self.export_dialog: ExportDialog | None = None
        detail = view.detail
        detail.approve_button.clicked.connect(lambda: self.review("approved"))
        detail.issues_button.clicked.connect(lambda: self.review("has_issues"))
        detail.reject_button.clicked.connect(lambda: self.review("rejected"))
        detail.withdraw_button.clicked.connect(self.withdraw)
        QShortcut(QKeySequence("Ctrl+F"), view).activated.connect(lambda: view.search.setFocus())
        # Enter on a session goes to the comment box: read, type, Alt+A / Alt+I / Alt+R.
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(key), view.table)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(lambda: detail.comment.setFocus())
        view.search.returnPressed.connect(lambda: view.table.setFocus())
        self._filling = False
        self.fill_filter_choices()
        self.apply_filters()

    # -- list --------------------------------------------------------------------------------
    def fill_filter_choices(self) -> None:
        """Forms, communities and people present in the cache, plus the review states."""
        choices = self.desk.choices()
        self._filling = True
        view = self.view
        for combo, items, everything in (
            (view.form_filter, choices["forms"], self.tr("All forms")),
            (view.community_filter, choices["communities"], self.tr("All communities")),
            (view.device_filter, choices["devices"], self.tr("Everyone")),
            (
                view.state_filter,
                [(s, review_label(s)) for s in STATES],
                self.tr("Any review state"),
            ),
        ):
            kept = combo.currentData()
            combo.clear()
            combo.addItem(everything, None)
            for value, label in items:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(combo.findData(kept), 0) if kept is not None else 0)
        self._filling = False

    def filters(self) -> ReviewFilter:
        view = self.view
        return ReviewFilter(
            form_id=view.form_filter.currentData(),
            community=view.community_filter.currentData(),
            device=view.device_filter.currentData(),
            review_state=view.state_filter.currentData(),
            text=view.search.text().strip() or None,
            since=_day(view.date_from.date()),
            until=_day(view.date_to.date()),
        )

    def apply_filters(self) -> None:
        if self._filling:
            return
        selected = self.current.instance_id if self.current else None
        self.model.set_filter(self.filters())
        self._count()
        if selected:
            self.select(selected)

    def clear_filters(self) -> None:
        view = self.view
        self._filling = True
        view.search.clear()
        for combo in (view.form_filter, view.community_filter, view.device_filter):
            combo.setCurrentIndex(0)
        view.state_filter.setCurrentIndex(0)
        view.date_from.setDate(ANY_DATE)
        view.date_to.setDate(ANY_DATE)
        self._filling = False
        self.apply_filters()

    def reload(self) -> None:
        """After a sync or a review: new choices, same filters, same session chosen."""
        self.fill_filter_choices()
        self.apply_filters()
        if self.current is not None:
            self.show(self.current.instance_id)

    def _count(self) -> None:
        self.view.count_label.setText(
            self.tr("%n session(s)", "", self.model.total())
            if self.model.total()
            else self.tr("No session matches. Sync to bring the team's sessions.")
        )

    def select(self, instance_id: str) -> bool:
        while (row := self.model.row_of(instance_id)) < 0 and self.model.canFetchMore():
            self.model.fetchMore()
        if row < 0:
            return False
        self.view.table.selectRow(row)
        return True

    def _on_selection(self, selected: QItemSelection, _old: QItemSelection) -> None:
        rows = self.view.table.selectionModel().selectedRows()
        if not rows:
            return
        self.show(self.model.row_at(rows[0].row()).instance_id)

    # -- detail ------------------------------------------------------------------------------
    def show(self, instance_id: str) -> None:
        """Read and render the session off the GUI thread, then lay it out."""
        self._wanted = instance_id
        language = i18n.current_language()
        desk = self.desk

        def read() -> Detail:
            try:
                rendering, encrypted = desk.rendering(instance_id, language), False
            except SessionEncrypted:
                rendering, encrypted = None, True
            return Detail(
                row=desk.get(instance_id),
                rendering=rendering,
                comparison=desk.comparison(instance_id, language),
                history=desk.history(instance_id),
                versions=desk.versions(instance_id),
                encrypted=encrypted,
            )

        run_in_background(read, self._lay_out, self._detail_failed)

    def _detail_failed(self, error: BaseException) -> None:
        log.error("session detail failed: %s", type(error).__name__)
        self.view.detail.show_nothing(
            self.tr("This session cannot be shown: %1").replace("%1", str(error))
        )

    def _lay_out(self, detail: Detail) -> None:
        if detail.row.instance_id != self._wanted:
            return  # another session was chosen meanwhile
        self.current = detail.row
        row = detail.row
        view = self.view.detail
        who = row.facilitator or row.device_name or ""
        meta = self.tr("%1 · %2 · received %3").replace("%1", row.community_label or "—")
        meta = meta.replace("%2", who).replace("%3", local_time(row.submitted_at))
        if row.device_name and row.facilitator:
            meta += " · " + self.tr("device: %1").replace("%1", row.device_name)
        view.begin(f"{row.form_title} (v{row.form_version})", meta, self._state_line(row))
        if len(detail.versions) > 1:
            number = [v.instance_id for v in detail.versions].index(row.instance_id) + 1
            view.add_note(
                self.tr("Version %1 of %2 of this session.")
                .replace("%1", str(number))
                .replace("%2", str(len(detail.versions)))
            )
        if not row.is_current:
            view.add_note(
                self.tr("A newer version replaced this one: review the newest version instead.")
            )
        if detail.comparison is not None:
            older, changes = detail.comparison
            changed = sum(1 for c in changes if c.changed)
            view.add_heading(
                self.tr("Changes from the previous version (%n answer(s) changed)", "", changed)
            )
            view.add_changes(
                "changes",
                [
                    self.tr("Question"),
                    self.tr("Before (%1)").replace("%1", local_time(older.submitted_at)),
                    self.tr("Now"),
                    self.tr("Changed"),
                ],
                [(c.label, c.before, c.after, c.changed) for c in changes],
            )
        if detail.encrypted:
            view.add_note(
                self.tr(
                    "This session is encrypted for the project. Choose Private key… and give "
                    "the project's private key and its passphrase to read it."
                )
            )
        elif detail.rendering is None:
            view.add_note(
                self.tr(
                    "The questionnaire of this session is not on this laptop yet: sync to see it."
                )
            )
        else:
            self._answers(detail.rendering)
        view.add_heading(self.tr("Review history"))
        if detail.history:
            view.add_table(
                "history",
                "",
                [self.tr("When"), self.tr("Who"), self.tr("Decision"), self.tr("Comment")],
                [
                    [local_time(e.at), e.reviewer or "", review_label(e.state), e.comment or ""]
                    for e in detail.history
                ],
            )
        else:
            view.add_note(self.tr("Not reviewed yet."))
        view.end()
        reviewable = row.is_current
        for button in (view.approve_button, view.issues_button, view.reject_button):
            button.setEnabled(reviewable)
        view.withdraw_button.setVisible(bool(row.queued_state))
        view.action_message.setVisible(bool(row.queued_error))
        if row.queued_error:
            view.action_message.setText(self._queued_problem(row.queued_error))
        self.detail_shown.emit(row.instance_id)

    def _answers(self, rendering: Rendering) -> None:
        view = self.view.detail
        for number, section in enumerate(rendering.sections):
            if section.title:
                view.add_heading(section.title)
            if section.answers:
                view.add_answers([(label, shown) for _ref, label, shown in section.answers])
            for t, table in enumerate(section.tables):
                view.add_table(f"table-{number}-{t}", table.title, table.columns, table.rows)
            for label, name in section.files:
                button = view.add_file_button(
                    self.tr("Open %1 (%2)").replace("%1", name).replace("%2", label)
                )
                button.clicked.connect(lambda _c=False, n=name: self.open_file(n))

    def _state_line(self, row: ReviewSession) -> str:
        if row.queued_state:
            return self.tr("Your review (%1) is queued: it goes out at the next sync.").replace(
                "%1", review_label(row.queued_state)
            )
        text = self.tr("Review: %1").replace("%1", review_label(row.review_state))
        if row.review_comment:
            text += " — " + row.review_comment
        return text

    def _queued_problem(self, error: str) -> str:
        kind = error.split(":", 1)[0]
        if kind == "conflict":
            return self.tr(
                "Not sent: the session changed on the server (a newer version, or another "
                "review). Sync, look at it again and decide on the newest version."
            )
        if kind in ("network", "server_error", "throttled"):
            return self.tr("Not sent yet: the server could not be reached. It is retried.")
        return self.tr("Not sent: the server refused it (%1).").replace("%1", error)

    # -- actions -----------------------------------------------------------------------------
    def review(self, state: str) -> None:
        """Record the decision at once (shown as queued) and ask the sync to send it."""
        row = self.current
        view = self.view.detail
        if row is None:
            return
        comment = view.comment.toPlainText().strip()
        if state in ("has_issues", "rejected") and not comment:
            view.action_message.setText(
                self.tr("Write in the comment what to correct.")
                if state == "has_issues"
                else self.tr("Write in the comment why it is rejected.")
            )
            view.action_message.show()
            view.comment.setFocus()
            return
        try:
            self.desk.review(row.instance_id, state, comment or None)
        except StoreError as error:
            view.action_message.setText(str(error))
            view.action_message.show()
            return
        view.comment.clear()
        view.action_message.hide()
        self.model.reload()
        self.select(row.instance_id)
        self.show(row.instance_id)
        self.review_queued.emit(row.instance_id)

    def withdraw(self) -> None:
        """Drop this session's queued review (held after a conflict, or not wanted any more)."""
        row = self.current
        if row is None:
            return
        for queued in self.desk.queued_reviews():
            if queued.instance_id == row.instance_id:
                self.desk.withdraw_review(queued.id)
        self.model.reload()
        self.select(row.instance_id)
        self.show(row.instance_id)
        self.review_queued.emit(row.instance_id)  # the status bar's count changes

    def open_export(self) -> ExportDialog:
        """The export dialog, on the form the list is filtered to (if any)."""
        dialog = ExportDialog(self.desk, self.view.form_filter.currentData(), self.view)
        self.export_dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def ask_private_key(self) -> bool:
        """Ask for the project's private key and passphrase; on success encrypted sessions
        read (and export) until sign-out. False when cancelled or refused."""
        given = dialogs.ask_private_key(self.view)
        if given is None:
            return False
        pem, passphrase = given
        try:
            self.desk.sealed.use_key(pem, passphrase)
        except DecryptionError:
            dialogs.show_error(
                self.view,
                self.tr("The private key could not be opened"),
                self.tr(
                    "Check the passphrase, and that the file is the project's private key "
                    "(a .pem file), then try again."
                ),
            )
            return False
        if self.current is not None:
            self.show(self.current.instance_id)
        return True

    def open_file(self, name: str) -> None:
        row = self.current
        if row is None:
            return
        instance_id = row.instance_id
        run_in_background(
            lambda: self.desk.open_attachment(instance_id, name),
            lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))),
            self._file_failed,
        )

    def _file_failed(self, error: BaseException) -> None:
        view = self.view.detail
        if isinstance(error, NetworkError):
            text = self.tr("This file is not on this laptop yet and the server does not answer.")
        else:
            text = self.tr("The file could not be opened: %1").replace("%1", str(error))
        view.action_message.setText(text)
        view.action_message.show()

    def retranslate(self) -> None:
        self.fill_filter_choices()
        self.model.changeLanguage()
        self._count()
        if self.current is not None:
            self.show(self.current.instance_id)


def _day(value: QDate) -> date | None:
    if value <= ANY_DATE:
        return None
    return date(value.year(), value.month(), value.day())
