"""Supervisor mode from the main window: sign in, enter, leave, sign out (a part of MainWindow,
kept apart). Texts keep the MainWindow translation context."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStackedWidget

    from app.supervisor.desk import SupervisorDesk
    from ui.start_view import StartView
    from ui.supervisor.page import SupervisorPage
    from ui.supervisor.sign_in import SignInDialog
    from ui.workspace_access import WorkspaceAccess

translate = QCoreApplication.translate


class SupervisorEntry:
    """Mixed into MainWindow, which provides access, start_view, stack, status_area,
    supervisor_desk, supervisor_page, _hidden_in_supervisor, show_start and _enable_tabs."""

    if TYPE_CHECKING:
        access: WorkspaceAccess
        start_view: StartView
        stack: QStackedWidget
        status_area: QWidget
        supervisor_desk: SupervisorDesk | None
        supervisor_page: SupervisorPage | None
        sign_in_dialog: SignInDialog
        _hidden_in_supervisor: list[QWidget]

        def show_start(self) -> None: ...
        def _enable_tabs(self, enabled: bool) -> None: ...

    def desk(self) -> SupervisorDesk:
        if self.supervisor_desk is None:
            self.supervisor_desk = self.access.workspace.supervisor_desk()
            # Files written for the viewer last time (a crash skips sign-out's tidying).
            self.supervisor_desk.clear_opened()
        return self.supervisor_desk

    def open_supervisor(self) -> None:
        """Supervisor mode for the signed-in account, or the sign-in first."""
        desk = self.desk()
        if desk.account() is not None:
            self.show_supervisor()
            return
        from ui.supervisor.sign_in import SignInDialog

        assert isinstance(self, QWidget)  # the MainWindow
        dialog = SignInDialog(desk, desk.last_server(), self)
        dialog.signed_in.connect(lambda _account: self.show_supervisor())
        self.sign_in_dialog = dialog
        dialog.open()

    def _name_supervisor_button(self) -> None:
        """A signed-in supervisor goes straight back in: the button says as whom."""
        button = self.start_view.supervisor_button
        try:
            account = self.desk().account()
        except Exception:  # noqa: BLE001 - a locked keyring: the sign-in form will say so
            account = None
        if account is None:
            self.start_view.retranslate()
            return
        text = translate("MainWindow", "&Supervisor: continue as %1").replace(
            "%1", account.username
        )
        button.setText(text)
        button.setToolTip(
            translate("MainWindow", "Back to reviewing, signed in on %1").replace(
                "%1", account.server
            )
        )

    def show_supervisor(self) -> None:
        from ui.supervisor.page import SupervisorPage

        if self.supervisor_page is None:
            page = SupervisorPage(self.desk())
            page.start_requested.connect(self.show_start)
            page.sign_out_requested.connect(self.sign_out_supervisor)
            page.sync.sign_in_needed.connect(self._supervisor_sign_in_again)
            self.stack.addWidget(page)
            status_layout = self.status_area.layout()
            assert status_layout is not None  # made in __init__
            status_layout.addWidget(page.sync)
            self.supervisor_page = page
        # The facilitator's sync indicator speaks of this laptop's own sessions: hidden here.
        for child in self.status_area.findChildren(
            QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
        ):
            if child is not self.supervisor_page.sync and child.isVisible():
                child.hide()
                self._hidden_in_supervisor.append(child)
        self.supervisor_page.sync.show()
        self._enable_tabs(False)
        self.stack.setCurrentWidget(self.supervisor_page)
        self.supervisor_page.enter()

    def _leave_supervisor(self) -> None:
        if self.supervisor_page is not None:
            self.supervisor_page.leave()
            self.supervisor_page.sync.hide()
        for child in self._hidden_in_supervisor:
            child.show()
        self._hidden_in_supervisor = []

    def sign_out_supervisor(self) -> None:
        """Forget the token (queued reviews and the cache stay for the next sign-in)."""
        from ui.tasks import run_in_background

        self._leave_supervisor()
        self.show_start()
        run_in_background(self.desk().sign_out, writes=True)

    def _supervisor_sign_in_again(self) -> None:
        self.desk().expire()
        self.show_start()
        self.open_supervisor()
