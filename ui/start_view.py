"""Layout of the start screen: language, who is facilitating today, or a new profile."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.plain_text import PlainLabel

# Each language named in itself, never translated.
LANGUAGE_NAMES = (("es", "Español"), ("en", "English"))


class StartView(QWidget):
    """Widgets only; StartController fills and drives them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = PlainLabel("Encuentro")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = PlainLabel()
        self.subtitle.setWordWrap(True)

        self.language_label = PlainLabel()
        self.language = QComboBox()
        self.language.setObjectName("startLanguage")
        for code, name in LANGUAGE_NAMES:
            self.language.addItem(name, code)
        self.language_label.setBuddy(self.language)

        self.profiles_label = PlainLabel()
        self.profiles = QListWidget()
        self.profiles.setObjectName("profiles")
        self.profiles.setMinimumHeight(140)
        self.profiles.setStyleSheet("QListWidget::item { padding: 6px 4px; }")
        self.profiles_label.setBuddy(self.profiles)
        self.continue_button = QPushButton()
        self.continue_button.setObjectName("continueButton")
        self.continue_button.setDefault(True)
        self.continue_button.setEnabled(False)
        # Protected laptops only: the selected profile's PIN (old + new).
        self.change_pin_button = QPushButton()
        self.change_pin_button.setObjectName("changePinButton")
        self.change_pin_button.setVisible(False)

        self.new_label = PlainLabel()
        self.new_name = QLineEdit()
        self.new_name.setObjectName("newProfileName")
        self.new_name.setMaxLength(80)
        self.new_label.setBuddy(self.new_name)
        self.create_button = QPushButton()
        self.create_button.setObjectName("createProfileButton")
        self.create_button.setEnabled(False)
        self.privacy_note = PlainLabel()
        self.privacy_note.setWordWrap(True)
        self.privacy_note.setStyleSheet("color: #4b5563;")
        self.message = PlainLabel()  # inline problems (empty name, duplicate...) shown here
        self.message.setObjectName("startMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b91c1c;")
        self.message.hide()
        # Supervisor mode: a server account, no facilitator profile needed.
        self.supervisor_button = QPushButton()
        self.supervisor_button.setObjectName("supervisorModeButton")

        card = QFrame()
        card.setObjectName("startCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMaximumWidth(560)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(10)
        inner.addWidget(self.title)
        inner.addWidget(self.subtitle)
        language_row = QHBoxLayout()
        language_row.addWidget(self.language_label)
        language_row.addWidget(self.language, 1)
        inner.addLayout(language_row)
        inner.addSpacing(8)
        inner.addWidget(self.profiles_label)
        inner.addWidget(self.profiles, 1)
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.change_pin_button)
        list_buttons.addStretch(1)
        list_buttons.addWidget(self.continue_button)
        inner.addLayout(list_buttons)
        self.divider = QFrame()
        self.divider.setFrameShape(QFrame.Shape.HLine)
        self.divider.setFrameShadow(QFrame.Shadow.Sunken)
        inner.addWidget(self.divider)
        inner.addWidget(self.new_label)
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_name, 1)
        new_row.addWidget(self.create_button)
        inner.addLayout(new_row)
        inner.addWidget(self.message)
        inner.addWidget(self.privacy_note)
        supervisor_line = QFrame()
        supervisor_line.setFrameShape(QFrame.Shape.HLine)
        supervisor_line.setFrameShadow(QFrame.Shadow.Sunken)
        inner.addWidget(supervisor_line)
        inner.addWidget(self.supervisor_button, 0, Qt.AlignmentFlag.AlignLeft)

        outer = QHBoxLayout(self)
        outer.addStretch(1)
        self.column = QVBoxLayout()
        self.column.addStretch(1)
        self.column.addWidget(card, 4)
        self.column.addStretch(1)
        outer.addLayout(self.column, 3)
        self.card = card
        outer.addStretch(1)

        QWidget.setTabOrder(self.language, self.profiles)
        QWidget.setTabOrder(self.profiles, self.continue_button)
        QWidget.setTabOrder(self.continue_button, self.change_pin_button)
        QWidget.setTabOrder(self.change_pin_button, self.new_name)
        QWidget.setTabOrder(self.new_name, self.create_button)
        QWidget.setTabOrder(self.create_button, self.supervisor_button)
        self.retranslate()

    def show_first_use(self, first_use: bool) -> None:
        """With no profile yet, only the 'create' part makes sense."""
        for widget in (self.profiles_label, self.profiles, self.continue_button, self.divider):
            widget.setVisible(not first_use)
        if first_use:
            self.change_pin_button.setVisible(False)
        # Without the list nothing in the card should grow: it keeps its natural height instead
        # of spreading the title, language and name field over the whole screen.
        self.column.setStretchFactor(self.card, 0 if first_use else 4)
        self._first_use = first_use
        self.retranslate()

    def retranslate(self) -> None:
        self.subtitle.setText(self.tr("Focus groups and needs assessments, offline."))
        self.language_label.setText(self.tr("&Language (interface and questionnaires):"))
        self.profiles_label.setText(self.tr("&Who is facilitating today?"))
        self.continue_button.setText(self.tr("&Continue"))
        if getattr(self, "_first_use", False):
            self.new_label.setText(self.tr("Create your facilitator profile to begin:"))
        else:
            self.new_label.setText(self.tr("Or create a &new facilitator profile:"))
        self.new_name.setPlaceholderText(self.tr("Your name, as your team knows you"))
        self.create_button.setText(self.tr("C&reate profile"))
        self.change_pin_button.setText(self.tr("Change &PIN…"))
        self.supervisor_button.setText(self.tr("&Supervisor sign-in…"))
        self.supervisor_button.setToolTip(
            self.tr("Review the team's sessions with your supervisor account on the server")
        )
        self.privacy_note.setText(
            self.tr(
                "A profile holds only the facilitator's name and language. "
                "Never write participants' names here."
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
