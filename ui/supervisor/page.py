"""Supervisor mode's page: who is signed in, the language, Sign out; the review tab and the
dashboard tab. The sync indicator (``sync_widget``) goes into the window's status bar."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.store import StoreError
from app.supervisor.desk import SupervisorDesk
from ui import i18n
from ui import settings as ui_settings
from ui.findings.controller import FindingsController
from ui.findings.view import FindingsView
from ui.plain_text import PlainLabel
from ui.start_view import LANGUAGE_NAMES
from ui.supervisor.dashboard_controller import DashboardController
from ui.supervisor.dashboard_view import DashboardView
from ui.supervisor.review_controller import ReviewController
from ui.supervisor.review_view import ReviewView
from ui.supervisor.sync_widget import SupervisorSync


class SupervisorPage(QWidget):
    sign_out_requested = Signal()
    start_requested = Signal()

    def __init__(self, desk: SupervisorDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorPage")
        self.desk = desk
        self.who = PlainLabel()
        self.who.setObjectName("supervisorWho")
        self.who.setTextFormat(Qt.TextFormat.PlainText)
        self.language_label = PlainLabel()
        self.language = QComboBox()
        self.language.setObjectName("supervisorLanguage")
        for code, name in LANGUAGE_NAMES:
            self.language.addItem(name, code)
        self.language_label.setBuddy(self.language)
        self.start_button = QPushButton()
        self.start_button.setObjectName("supervisorStartButton")
        self.sign_out_button = QPushButton()
        self.sign_out_button.setObjectName("supervisorSignOut")
        self.start_button.clicked.connect(self.start_requested)
        self.sign_out_button.clicked.connect(self.sign_out_requested)
        self.language.currentIndexChanged.connect(self._on_language)

        self.review_view = ReviewView()
        self.review = ReviewController(self.review_view, desk)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("supervisorTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.review_view, "")
        self.dashboard_view = DashboardView()
        self.dashboard = DashboardController(self.dashboard_view, desk)
        self.tabs.addTab(self.dashboard_view, "")
        self.findings_view = FindingsView()
        self.findings = FindingsController(
            self.findings_view, desk.findings, supervisor=True, project=self._project
        )
        self.tabs.addTab(self.findings_view, "")
        self.tabs.currentChanged.connect(self._on_tab)
        corner = QWidget()
        row = QHBoxLayout(corner)
        row.setContentsMargins(8, 2, 6, 2)
        row.addWidget(self.who)
        row.addSpacing(8)
        row.addWidget(self.language_label)
        row.addWidget(self.language)
        row.addWidget(self.start_button)
        row.addWidget(self.sign_out_button)
        self.tabs.setCornerWidget(corner, Qt.Corner.TopRightCorner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self.active = False  # shown for a signed-in account (data may be read)
        self.sync = SupervisorSync(desk)
        self.sync.finished.connect(lambda _r: self._after_sync())
        self.sync.failed.connect(lambda _e: self._after_sync())
        self.review.review_queued.connect(lambda _i: self.sync.request())
        QShortcut(QKeySequence("F5"), self).activated.connect(self.sync.request)
        QShortcut(QKeySequence("Ctrl+1"), self).activated.connect(
            lambda: self.tabs.setCurrentIndex(0)
        )
        QShortcut(QKeySequence("Ctrl+3"), self).activated.connect(
            lambda: self.tabs.setCurrentWidget(self.findings_view)
        )
        self.retranslate()

    def enter(self) -> None:
        """Shown for the signed-in account: fresh list, sync started."""
        account = self.desk.account()
        name = account.username if account else ""
        server = account.server if account else ""
        self.who.setText(self.tr("Supervisor: %1 (%2)").replace("%1", name).replace("%2", server))
        self._sync_language()
        self.active = True
        if self.review.current is not None:
            try:
                self.desk.get(self.review.current.instance_id)
            except StoreError:  # another account signed in: that cache is gone
                self.review.current = None
                self.review_view.detail.show_nothing()
        self.review.reload()
        self.sync.start()
        self.review_view.table.setFocus()

    def _after_sync(self) -> None:
        if not self.active:
            return  # left meanwhile: nothing to refresh (the widgets may be gone)
        self.review.reload()
        if self.tabs.currentWidget() is self.dashboard_view:
            self.dashboard.refresh()
        if self.tabs.currentWidget() is self.findings_view:
            self.findings.refresh()

    def _on_tab(self, _index: int) -> None:
        if self.active and self.tabs.currentWidget() is self.dashboard_view:
            self.dashboard.refresh()
        if self.active and self.tabs.currentWidget() is self.findings_view:
            self.findings.refresh()

    def _project(self) -> str:
        """What the report's footer names: the server the sessions came from."""
        account = self.desk.account()
        return account.server if account else "Encuentro"

    def leave(self) -> None:
        self.active = False
        self.sync.stop()

    def _on_language(self, index: int) -> None:
        code = self.language.itemData(index)
        if code and code != i18n.current_language():
            i18n.set_language(code)
            ui_settings.write(ui_settings.LANGUAGE, code)

    def _sync_language(self) -> None:
        self.language.blockSignals(True)
        self.language.setCurrentIndex(max(self.language.findData(i18n.current_language()), 0))
        self.language.blockSignals(False)

    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("Review"))
        self.tabs.setTabToolTip(0, self.tr("Review the team's sessions (Ctrl+1)"))
        self.tabs.setTabText(1, self.tr("Dashboard"))
        self.tabs.setTabToolTip(1, self.tr("Progress at a glance (Ctrl+2)"))
        self.tabs.setTabText(2, self.tr("Findings"))
        self.tabs.setTabToolTip(
            2, self.tr("Themes by group and community, quotes, needs, report (Ctrl+3)")
        )
        self.language_label.setText(self.tr("Lang&uage:"))
        self.start_button.setText(self.tr("Start screen"))
        self.sign_out_button.setText(self.tr("Si&gn out"))
        self.sign_out_button.setToolTip(
            self.tr(
                "Forget this laptop's sign-in. The copy of the sessions stays here, and opens "
                "only after signing in again."
            )
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closed as a window of its own (tests, a detached page): stop syncing into it.
        self.leave()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._sync_language()
            if self.active:  # signed out or closing: the data file may be closed already
                self.review.retranslate()
                self.dashboard.retranslate()
                self.findings.retranslate()
        super().changeEvent(event)
