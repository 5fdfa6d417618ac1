"""The facilitator's home, once a profile is chosen: what to do next at a glance.

Continue the last draft (one press, where it was left), start a session, the sessions waiting
to be sent, and when this laptop last reached the server. Large, calm targets: a facilitator may
use a touch screen, in a hurry, with a group waiting.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.config import resource_path
from app.store import DRAFT, FINALIZED, QUEUED, SessionFilter
from app.store.records import Profile, SubmissionSummary
from ui.plain_text import PlainLabel
from ui.sessions_model import clock_time
from ui.workspace_access import WorkspaceAccess

ICON_PATH = resource_path("assets", "encuentro.svg")

HOME_STYLE = """
QWidget#homeView { background: #f6f8fb; }
QFrame#homeCard { background: #ffffff; border: 1px solid #d5dce6; border-radius: 8px; }
QLabel#homeGreeting { font-size: 20pt; font-weight: 600; color: #1b2b41; }
QLabel#homeDetail { color: #3c4a5c; }
QPushButton { min-height: 44px; padding: 6px 18px; font-size: 12pt; border-radius: 6px;
  border: 1px solid #9fb0c7; background: #ffffff; color: #1b2b41; }
QPushButton:focus { border: 2px solid #1f4e8c; }
QPushButton:hover { background: #eef3fa; }
QPushButton#homeContinue { background: #1f4e8c; color: #ffffff; border: 1px solid #1f4e8c; }
QPushButton#homeContinue:focus { border: 3px solid #f0b429; }
QPushButton#homeContinue:disabled { background: #c9d3e0; color: #3c4a5c; border-color: #c9d3e0; }
"""


def app_icon() -> QIcon:
    """Encuentro's own icon (assets/encuentro.svg; a PNG beside it for systems without SVG)."""
    icon = QIcon(str(ICON_PATH))
    png = ICON_PATH.with_suffix(".png")
    if png.exists():
        icon.addFile(str(png))
    return icon


class HomeView(QWidget):
    """Widgets only; HomeController fills them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("homeView")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(HOME_STYLE)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 32, 48, 32)
        outer.setSpacing(18)
        header = QHBoxLayout()
        self.logo = PlainLabel()
        self.logo.setPixmap(app_icon().pixmap(QSize(56, 56)))
        self.greeting = PlainLabel()
        self.greeting.setObjectName("homeGreeting")
        header.addWidget(self.logo)
        header.addSpacing(12)
        header.addWidget(self.greeting, 1)
        outer.addLayout(header)

        card = QFrame()
        card.setObjectName("homeCard")
        inside = QVBoxLayout(card)
        inside.setContentsMargins(24, 20, 24, 20)
        inside.setSpacing(12)
        self.draft_text = PlainLabel()
        self.draft_text.setObjectName("homeDetail")
        self.draft_text.setWordWrap(True)
        self.continue_button = QPushButton()
        self.continue_button.setObjectName("homeContinue")
        self.start_button = QPushButton()
        self.start_button.setObjectName("homeStart")
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self.continue_button)
        row.addWidget(self.start_button)
        row.addStretch(1)
        inside.addWidget(self.draft_text)
        inside.addLayout(row)
        outer.addWidget(card)

        sync_card = QFrame()
        sync_card.setObjectName("homeCard")
        sync_inside = QVBoxLayout(sync_card)
        sync_inside.setContentsMargins(24, 20, 24, 20)
        sync_inside.setSpacing(12)
        self.waiting_text = PlainLabel()
        self.waiting_text.setObjectName("homeDetail")
        self.waiting_text.setWordWrap(True)
        self.last_sync_text = PlainLabel()
        self.last_sync_text.setObjectName("homeDetail")
        self.sessions_button = QPushButton()
        self.sessions_button.setObjectName("homeSessions")
        sync_inside.addWidget(self.waiting_text)
        sync_inside.addWidget(self.last_sync_text)
        sessions_row = QHBoxLayout()
        sessions_row.addWidget(self.sessions_button)
        sessions_row.addStretch(1)
        sync_inside.addLayout(sessions_row)
        outer.addWidget(sync_card)
        outer.addStretch(1)


class HomeController(QObject):
    """Fills the home view for the chosen facilitator; the main window acts on its signals."""

    continue_requested = Signal(object)  # SubmissionSummary of the draft
    start_requested = Signal()
    sessions_requested = Signal()

    def __init__(self, view: HomeView, workspace: WorkspaceAccess) -> None:
        super().__init__(view)
        self.view = view
        self.workspace = workspace
        self.profile: Profile | None = None
        self.last_draft: SubmissionSummary | None = None
        self.waiting = 0
        view.continue_button.clicked.connect(self._continue)
        view.start_button.clicked.connect(self.start_requested)
        view.sessions_button.clicked.connect(self.sessions_requested)

    def refresh(self, profile: Profile | None = None) -> None:
        """Read the facilitator's last draft, what waits to be sent and the last sync."""
        if profile is not None:
            self.profile = profile
        if self.profile is None:
            return
        drafts = self.workspace.page(SessionFilter(status=DRAFT, profile_id=self.profile.id), 0, 1)
        self.last_draft = drafts[0] if drafts else None
        self.waiting = self.workspace.count(SessionFilter(status=(FINALIZED, QUEUED)))
        self.retranslate()
        (self.view.continue_button if self.last_draft else self.view.start_button).setFocus()

    def retranslate(self) -> None:
        view = self.view
        name = self.profile.display_name if self.profile else ""
        view.greeting.setText(self.tr("Hello, %1").replace("%1", name))
        draft = self.last_draft
        if draft is not None:
            where = f" · {draft.community}" if draft.community else ""
            view.draft_text.setText(
                self.tr("Your last session: %1%2, changed %3")
                .replace("%1", draft.form_title or draft.form_id)
                .replace("%2", where)
                .replace("%3", clock_time(draft.updated_at))
            )
        else:
            view.draft_text.setText(self.tr("No session in progress."))
        view.continue_button.setText(self.tr("Continue this session"))
        view.continue_button.setVisible(draft is not None)
        view.start_button.setText(self.tr("Start a new session"))
        view.waiting_text.setText(
            self.tr("%n session(s) waiting to be sent.", "", self.waiting)
            if self.waiting
            else self.tr("Nothing waiting to be sent.")
        )
        last = self.workspace.last_sync_at()
        view.last_sync_text.setText(
            self.tr("Last sync with the server: %1").replace("%1", clock_time(last))
            if last
            else self.tr("Not synced with the server yet.")
        )
        view.sessions_button.setText(self.tr("See the sessions"))

    def _continue(self) -> None:
        if self.last_draft is not None:
            self.continue_requested.emit(self.last_draft)
