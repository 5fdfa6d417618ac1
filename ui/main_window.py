"""The main window: start screen, then questionnaires and sessions in tabs, and the form runner.

It composes views and their controllers and moves between them; the behaviour of each screen lives
in its controller. The status bar's right side (`status_area`) is kept free for the sync indicator.
"""

from __future__ import annotations

import logging
import traceback
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QMainWindow,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.store.errors import StoreError
from app.store.records import Profile, SubmissionSummary
from ui import dialogs, i18n
from ui import settings as ui_settings
from ui.elided_label import ElidedLabel
from ui.findings.controller import FindingsController
from ui.findings.view import FindingsView
from ui.home_view import HomeController, HomeView, app_icon
from ui.library_controller import LibraryController
from ui.library_view import LibraryView
from ui.plain_text import PlainLabel, plain_for_auto_text
from ui.sessions_controller import SessionsController
from ui.sessions_view import SessionsView
from ui.start_controller import StartController
from ui.start_view import LANGUAGE_NAMES, StartView
from ui.supervisor_entry import SupervisorEntry
from ui.tasks import run_in_background
from ui.workspace_access import WorkspaceAccess

if TYPE_CHECKING:
    from app.supervisor.desk import SupervisorDesk
    from app.workspace import Workspace
    from ui.supervisor.page import SupervisorPage

log = logging.getLogger(__name__)

PROFILE_NAME_PX = 320  # the facilitator's name in the tab bar's corner, at most


class MainWindow(SupervisorEntry, QMainWindow):
    """Top-level window over one open Workspace."""

    runner_opened = Signal(object)  # the FormRunner widget
    runner_closed = Signal()
    session_finalized = Signal(str)  # instance_id: the sync indicator sends it soon

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.access = WorkspaceAccess(workspace)
        self.profile: Profile | None = None
        self.runner: QWidget | None = None
        self._opening = False  # a saved session is being opened in the background
        self._runner_session: str | None = None
        self._finalized_said = False
        self._start_maximized = False
        self._closed = False
        # Supervisor mode (ui/supervisor/): built on first use; tests may set the desk first.
        self.supervisor_desk: SupervisorDesk | None = None
        self.supervisor_page: SupervisorPage | None = None
        self._hidden_in_supervisor: list[QWidget] = []

        self.start_view = StartView()
        self.start = StartController(self.start_view, self.access)
        self.library_view = LibraryView()
        self.library = LibraryController(self.library_view, self.access)
        self.sessions_view = SessionsView()
        self.sessions = SessionsController(self.sessions_view, self.access)
        self.home_view = HomeView()  # ui/home_view.py: the facilitator's next steps
        self.home = HomeController(self.home_view, self.access)
        self.findings_view = FindingsView()  # ui/findings/: what this laptop's sessions say
        self.findings = FindingsController(
            self.findings_view, self.access.findings, supervisor=False
        )
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.home_view, "")
        self.tabs.addTab(self.library_view, "")
        self.tabs.addTab(self.sessions_view, "")
        self.tabs.addTab(self.findings_view, "")
        self.runner_host = QWidget()
        self.runner_host.setObjectName("runnerHost")
        host_layout = QVBoxLayout(self.runner_host)
        host_layout.setContentsMargins(0, 0, 0, 0)
        host_layout.setSpacing(0)
        # What the supervisor said, above the questionnaire, while correcting a returned session.
        self.review_banner = PlainLabel()
        self.review_banner.setObjectName("reviewBanner")
        self.review_banner.setWordWrap(True)
        self.review_banner.setTextFormat(Qt.TextFormat.PlainText)  # a supervisor's words
        self.review_banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.review_banner.setStyleSheet(
            "QLabel#reviewBanner { background: #fff4e5; color: #5c3400;"
            " border-bottom: 1px solid #f0c27a; padding: 6px 10px; }"
        )
        self.review_banner.hide()
        host_layout.addWidget(self.review_banner)
        self._review: tuple[str, str, bool] = ("", "", False)

        self.stack = QStackedWidget()
        for page in (self.start_view, self.tabs, self.runner_host):
            self.stack.addWidget(page)
        self.setCentralWidget(self.stack)

        self._build_corner()
        self._build_status_bar()
        # Ctrl+L and the idle lock (ui/lock_screen.py): the PIN box over whatever page is open.
        from ui.lock_screen import ScreenLock

        self.screen_lock = ScreenLock(
            self,
            self.stack,
            workspace,
            lambda: None if self.stack.currentWidget() is self.start_view else self.profile,
            self._save_typing,
        )
        self.screen_lock.add_to_menu(self.help_menu)

        self.start.profile_chosen.connect(self.enter_workspace)
        self.start.language_changed.connect(lambda _code: self._sync_language_switch())
        self.start.supervisor_requested.connect(self.open_supervisor)
        self.library.session_started.connect(self.open_runner)
        self.library.forms_changed.connect(self.sessions.fill_filter_choices)
        self.sessions.open_requested.connect(self.open_saved_session)
        self.home.continue_requested.connect(self.open_saved_session)
        self.home.start_requested.connect(lambda: self.show_tab(self.library_view))
        self.home.sessions_requested.connect(lambda: self.show_tab(self.sessions_view))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.setWindowIcon(app_icon())

        self._restore_window()
        self.retranslate()
        self.show_start()
        self.start.trust_unlocked_profile()  # the launch's unlock asked its PIN
        problems = self.access.builtin_problems()
        if problems:
            # One broken built-in must not hide the others; say which and why, not in a popup.
            self.library.say(
                lambda: (
                    self.tr("Some built-in questionnaires could not be loaded:")
                    + "\n"
                    + "\n".join(problems)
                )
            )

    # --- building ---------------------------------------------------------------------------
    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.home_view:
            self.home.refresh()
        elif self.tabs.currentWidget() is self.findings_view:
            self.findings.refresh()

    def _build_corner(self) -> None:
        """Who is facilitating and the language switch, in the tab bar's corner (no extra row:
        768 px of height go to the lists and the questionnaire)."""
        self.forms_action = QAction(self)
        self.forms_action.setShortcut(QKeySequence("Ctrl+1"))
        self.forms_action.triggered.connect(lambda: self.show_tab(self.library_view))
        self.sessions_action = QAction(self)
        self.sessions_action.setShortcut(QKeySequence("Ctrl+2"))
        self.sessions_action.triggered.connect(lambda: self.show_tab(self.sessions_view))
        self.findings_action = QAction(self)
        self.findings_action.setShortcut(QKeySequence("Ctrl+3"))
        self.findings_action.triggered.connect(lambda: self.show_tab(self.findings_view))
        self.addAction(self.findings_action)
        self.home_action = QAction(self)
        self.home_action.setShortcut(QKeySequence("Ctrl+0"))
        self.home_action.triggered.connect(lambda: self.show_tab(self.home_view))
        self.addAction(self.home_action)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        self.keys_action = QAction(self)  # Help > Keyboard (ui/help_keys.py)
        self.keys_action.setShortcut(QKeySequence(Qt.Key.Key_F1))
        self.keys_action.triggered.connect(self.show_keyboard_help)
        self.addActions([self.forms_action, self.sessions_action, self.quit_action])
        self.addAction(self.keys_action)
        self._enable_tabs(False)  # until a facilitator is chosen
        self.about_action = QAction(self)  # Help > About (ui/about.py)
        self.about_action.setObjectName("aboutAction")
        self.about_action.triggered.connect(self.show_about)

        corner = QWidget()
        corner.setObjectName("mainCorner")
        row = QHBoxLayout(corner)
        row.setContentsMargins(8, 2, 6, 2)
        self.profile_label = PlainLabel()
        self.profile_label.setObjectName("profileLabel")
        row.addWidget(self.profile_label)
        self.switch_profile_button = QPushButton()
        self.switch_profile_button.setObjectName("switchProfileButton")
        self.switch_profile_button.clicked.connect(self.show_start)
        row.addWidget(self.switch_profile_button)
        self.help_button = QToolButton()
        self.help_button.setObjectName("helpButton")
        self.help_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.help_menu = QMenu(self.help_button)
        self.help_menu.addAction(self.keys_action)
        self.help_menu.addAction(self.about_action)
        self.help_button.setMenu(self.help_menu)
        row.addWidget(self.help_button)
        row.addSpacing(12)
        self.language_label = PlainLabel()
        row.addWidget(self.language_label)
        self.language_switch = QComboBox()
        self.language_switch.setObjectName("languageSwitch")
        for code, name in LANGUAGE_NAMES:
            self.language_switch.addItem(name, code)
        self.language_label.setBuddy(self.language_switch)
        row.addWidget(self.language_switch)
        self._sync_language_switch()
        self.language_switch.currentIndexChanged.connect(self._on_language_switched)
        self.tabs.setCornerWidget(corner, Qt.Corner.TopRightCorner)
        self.corner_widget = corner

    def _build_status_bar(self) -> None:
        self.status_message = ElidedLabel()  # never pushes the sync buttons off the screen
        self.statusBar().addWidget(self.status_message, 1)
        # Reserved for the sync indicator (engineer F): add widgets to status_area.layout().
        self.status_area = QWidget()
        self.status_area.setObjectName("statusArea")
        area_layout = QHBoxLayout(self.status_area)
        area_layout.setContentsMargins(0, 0, 0, 0)
        self.statusBar().addPermanentWidget(self.status_area)

    # --- navigation -------------------------------------------------------------------------
    def show_start(self) -> None:
        """Back to choosing who is facilitating (nothing is lost: answers are already saved)."""
        if self.runner is not None:
            self.close_runner()
        self._leave_supervisor()
        self._enable_tabs(False)
        self._forget_finalized()
        self.start.refresh()
        self._name_supervisor_button()  # after refresh(), which retranslates the start view
        self.stack.setCurrentWidget(self.start_view)

    def _enable_tabs(self, enabled: bool) -> None:
        """Ctrl+1/Ctrl+2 reach the tabs only with a facilitator chosen: a draft is never edited
        by nobody (and supervisor mode's own Ctrl+1/Ctrl+2 are not made ambiguous)."""
        self.forms_action.setEnabled(enabled)
        self.sessions_action.setEnabled(enabled)
        self.findings_action.setEnabled(enabled)
        self.home_action.setEnabled(enabled)

    def enter_workspace(self, profile: Profile) -> None:
        """The facilitator is chosen: show the questionnaires."""
        self.profile = profile
        self.library.profile = profile
        self._enable_tabs(True)
        self._show_profile_name()
        self.sessions.reload()
        self.home.refresh(profile)
        self.stack.setCurrentWidget(self.tabs)
        self.show_tab(self.home_view)

    def show_tab(self, page: QWidget) -> None:
        if self.runner is not None or self.profile is None:
            return  # the runner's own Close brings the tabs back; no facilitator, no tabs
        self.stack.setCurrentWidget(self.tabs)
        self.tabs.setCurrentWidget(page)
        if page is self.home_view:
            self.home.refresh()
            return
        if page is self.findings_view:
            self.findings_view.themes.setFocus()
            return
        focus = self.library_view.forms if page is self.library_view else self.sessions_view.table
        focus.setFocus()

    def show_keyboard_help(self) -> None:
        from ui.help_keys import KeyboardHelp

        self.keyboard_help = KeyboardHelp(self)
        self.keyboard_help.open()

    # --- the runner -------------------------------------------------------------------------
    def open_runner(self, active_session: object) -> None:
        """Host G2's FormRunner for an ActiveSession (new, resumed or read-only)."""
        from ui.runner.runner_widget import FormRunner  # loaded on first use: faster start

        if self.runner is not None:
            self.close_runner()
        self._forget_finalized()  # an older session's "finalized" is not news any more
        self._show_review("", "")
        # Coming back, the sessions list points at this session, not at its first row.
        self._runner_session = getattr(active_session, "instance_id", None)
        runner = FormRunner(active_session, parent=self.runner_host)
        runner.closed.connect(self.close_runner)
        runner.finalized.connect(self._on_finalized)
        host_layout = self.runner_host.layout()
        assert host_layout is not None  # made in __init__
        host_layout.addWidget(runner)
        self.runner = runner
        splitter = getattr(runner, "splitter", None)
        saved = ui_settings.app_settings().value(ui_settings.RUNNER_SPLITTER)
        if splitter is not None and isinstance(saved, QByteArray | bytes):
            splitter.restoreState(QByteArray(saved))
        if splitter is not None:  # a wider index is kept at once, not only on a tidy close
            splitter.splitterMoved.connect(
                lambda *_: ui_settings.write(ui_settings.RUNNER_SPLITTER, splitter.saveState())
            )
        self.stack.setCurrentWidget(self.runner_host)
        runner.setFocus()
        self.runner_opened.emit(runner)

    def open_saved_session(self, row: SubmissionSummary) -> None:
        """A draft resumes where it was left; anything else opens read-only. The form is parsed
        and the answers restored off the GUI thread (a big form takes a moment)."""
        if self._opening:
            return
        self._opening = True

        def resume() -> tuple[object, tuple[str, str]]:
            return self.access.resume(row.instance_id), self.access.review_of(row)

        def opened(result: tuple[object, tuple[str, str]]) -> None:
            self._opening = False
            active, review = result
            self.open_runner(active)
            self._runner_session = row.instance_id  # the store's key, whatever the XML says
            # The returned copy itself opens read-only: say where the editable correction is.
            self._show_review(*review, row.status == "has_issues")

        def failed(error: BaseException) -> None:
            self._opening = False
            if not isinstance(error, StoreError | ValueError):
                log.error("opening a session failed", exc_info=error)
            dialogs.show_error(
                self, self.tr("The session could not be opened"), self.access.explain(error)
            )

        run_in_background(resume, opened, failed, writes=True)

    def _show_review(self, state: str, comment: str, returned_copy: bool = False) -> None:
        """The supervisor's decision and comment on the open session (or the one it corrects)."""
        self._review = (state, comment, returned_copy)
        if state == "has_issues":
            text = self.tr("Returned for correction. The supervisor says: %1") if comment else ""
            text = text or self.tr("Returned for correction by the supervisor.")
            if returned_copy:
                text += " " + self.tr(
                    "To correct it, close it and choose Correct and resubmit (Ctrl+E)."
                )
        elif comment:
            text = self.tr("The supervisor says: %1")
        else:
            text = ""
        self.review_banner.setText(text.replace("%1", comment))
        self.review_banner.setVisible(bool(text))

    def _save_typing(self) -> None:
        """Text still in the focused field (no Tab or Enter yet) is saved now (before a lock)."""
        commit_typing = getattr(self.runner, "commit_typing", None)
        if callable(commit_typing):
            commit_typing()

    def close_runner(self) -> None:
        runner, self.runner = self.runner, None
        if runner is None:
            return
        # Text still in the focused field (no Tab or Enter yet) is an answer too: save it first.
        commit_typing = getattr(runner, "commit_typing", None)
        if callable(commit_typing):
            commit_typing()
        splitter = getattr(runner, "splitter", None)
        if splitter is not None:  # index / questions / notes widths, as the person left them
            ui_settings.write(ui_settings.RUNNER_SPLITTER, splitter.saveState())
        runner.hide()
        runner.setParent(None)
        runner.deleteLater()
        self.sessions.reload(select=self._runner_session)
        self.stack.setCurrentWidget(self.tabs)
        self.show_tab(self.sessions_view)
        self.runner_closed.emit()

    def _on_finalized(self, instance_id: str) -> None:
        self.sessions.reload()
        self._finalized_said = True
        self._say_finalized()
        self.session_finalized.emit(instance_id)

    def _forget_finalized(self) -> None:
        if self._finalized_said:
            self._finalized_said = False
            self.status_message.setText("")
            self.status_message.setToolTip("")

    def _say_finalized(self) -> None:
        """The status bar's note after a finalisation, in the language of the moment."""
        if self._finalized_said:
            self.status_message.setText(self.tr("Session finalized and ready to send."))
            self.status_message.setToolTip(self.status_message.text())

    # --- language ---------------------------------------------------------------------------
    def _on_language_switched(self, index: int) -> None:
        code = self.language_switch.itemData(index)
        if not code or code == i18n.current_language():
            return
        i18n.set_language(code)
        ui_settings.write(ui_settings.LANGUAGE, code)
        if self.profile is not None:
            try:
                self.profile = self.access.set_profile_language(self.profile.id, code)
            except StoreError as error:
                dialogs.show_error(
                    self, self.tr("The language could not be saved"), self.access.explain(error)
                )
        self.start.sync_language()

    def _sync_language_switch(self) -> None:
        self.language_switch.blockSignals(True)
        self.language_switch.setCurrentIndex(
            max(self.language_switch.findData(i18n.current_language()), 0)
        )
        self.language_switch.blockSignals(False)

    def _show_profile_name(self) -> None:
        if self.profile is not None:
            # A long name (up to 80 characters) must not push the tabs off a laptop screen.
            text = self.tr("Facilitator: %1").replace("%1", self.profile.display_name)
            metrics = self.profile_label.fontMetrics()
            self.profile_label.setText(
                metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, PROFILE_NAME_PX)
            )
            self.profile_label.setToolTip(plain_for_auto_text(text))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Encuentro — field sessions"))
        home, forms = self.tabs.indexOf(self.home_view), self.tabs.indexOf(self.library_view)
        sessions = self.tabs.indexOf(self.sessions_view)
        self.tabs.setTabText(home, self.tr("Home"))
        self.tabs.setTabToolTip(home, self.tr("Home (Ctrl+0)"))
        self.tabs.setTabText(forms, self.tr("Questionnaires"))
        self.tabs.setTabText(sessions, self.tr("Sessions"))
        self.tabs.setTabToolTip(forms, self.tr("Questionnaires (Ctrl+1)"))
        self.tabs.setTabToolTip(sessions, self.tr("Sessions (Ctrl+2)"))
        findings = self.tabs.indexOf(self.findings_view)
        self.tabs.setTabText(findings, self.tr("Findings"))
        self.tabs.setTabToolTip(
            findings, self.tr("What your finalized sessions say: themes, quotes, needs (Ctrl+3)")
        )
        self.home.retranslate()
        self.forms_action.setText(self.tr("&Questionnaires"))
        self.forms_action.setToolTip(self.tr("Questionnaires (Ctrl+1)"))
        self.sessions_action.setText(self.tr("&Sessions"))
        self.sessions_action.setToolTip(self.tr("Sessions (Ctrl+2)"))
        self.switch_profile_button.setText(self.tr("C&hange"))
        self.switch_profile_button.setToolTip(
            self.tr("Back to choosing who is facilitating (Alt+H)")
        )
        self._show_profile_name()
        self._show_review(*self._review)
        self._say_finalized()
        self.quit_action.setText(self.tr("Quit"))
        self.keys_action.setText(self.tr("Keyboard (F1)"))
        self.help_button.setText(self.tr("Help"))
        self.help_button.setToolTip(self.tr("Help: the keyboard keys (F1)"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About Encuentro"))
        self.language_label.setText(self.tr("Lang&uage:"))
        self.sessions.retranslate()
        self.library.retranslate()
        self.findings.retranslate()
        self.screen_lock.retranslate()
        if self.supervisor_desk is not None and self.stack.currentWidget() is self.start_view:
            self._name_supervisor_button()

    def changeEvent(self, event: QEvent) -> None:
        # A closed window may outlive its Workspace (closed at quit): it must not read it again.
        if event.type() == QEvent.Type.LanguageChange and not self._closed:
            self.retranslate()
            self._sync_language_switch()
        super().changeEvent(event)

    def show_about(self) -> None:
        from ui.about import AboutDialog

        AboutDialog(self.access.about(), self).exec()

    # --- window memory ----------------------------------------------------------------------
    def _restore_window(self) -> None:
        settings = ui_settings.app_settings()
        geometry = settings.value(ui_settings.GEOMETRY)
        if isinstance(geometry, QByteArray | bytes) and self.restoreGeometry(QByteArray(geometry)):
            state = settings.value(ui_settings.WINDOW_STATE)
            if isinstance(state, QByteArray | bytes):
                self.restoreState(QByteArray(state))
            return
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 1280, 720
        if screen is not None:
            width, height = min(width, screen.width()), min(height, screen.height())
            # First start on a field laptop (1366x768 and the like): use the whole screen.
            self._start_maximized = screen.width() <= 1440
        self.resize(width, height)
        if self._start_maximized and screen is not None:
            self.setGeometry(screen)  # also without a window manager that maximizes

    def show_for_work(self) -> None:
        """Show the window as it was left, or maximized on a small screen the first time."""
        if self._start_maximized:
            self.showMaximized()
        else:
            self.show()

    def save_window(self) -> None:
        """Remember size, position and column widths for the next start."""
        settings = ui_settings.app_settings()
        settings.setValue(ui_settings.GEOMETRY, self.saveGeometry())
        settings.setValue(ui_settings.WINDOW_STATE, self.saveState())
        settings.sync()
        self.sessions.save_state()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closed = True
        if self.supervisor_page is not None:
            self.supervisor_page.leave()
        try:
            if self.runner is not None:
                self.close_runner()  # answers are saved as typed; this only lets it tidy up
            self.save_window()
        except Exception as error:  # noqa: BLE001 - closing must not be blocked, but we tell
            log.error("closing: %s", "".join(traceback.format_exception(error)))
        super().closeEvent(event)
