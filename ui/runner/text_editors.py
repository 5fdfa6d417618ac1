"""Editors typed on the keyboard: text, numbers, geopoints, dates and times."""

from __future__ import annotations

import re
from datetime import datetime

from PySide6.QtCore import QDate, QEvent, QObject, QRegularExpression, Qt, QTimer
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.engine.prompts import Prompt
from ui.runner.editor_base import QuestionEditor

# A pause in typing this long saves what is typed so far: a long account typed for minutes is not
# lost if the laptop's battery dies before the person leaves the field.
IDLE_SAVE_MS = 2000


class TextEditor(QuestionEditor):
    """Text, numbers and geopoints typed in a line (or a box for appearance 'multiline')."""

    INT = r"-?\d{0,12}"
    DECIMAL = r"-?\d{0,12}([.,]\d{0,10})?"
    GEOPOINT = r"-?[\d.]*(\s+-?[\d.]*){0,3}"

    def __init__(self, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.multiline = "multiline" in prompt.appearance and prompt.datatype == "string"
        if self.multiline:
            self.box: QPlainTextEdit | QLineEdit = QPlainTextEdit()
            self.box.setTabChangesFocus(True)
            self.box.setMinimumHeight(90)
            self.box.setMaximumHeight(160)
            self.box.setToolTip(self.tr("Ctrl+Enter: next question"))
            self.box.installEventFilter(_FocusOut(self.commit, self.box))
        else:
            self.box = QLineEdit()
            self.box.editingFinished.connect(self.commit)
            pattern = {"int": self.INT, "decimal": self.DECIMAL, "geopoint": self.GEOPOINT}
            if prompt.datatype in pattern:
                regex = QRegularExpression(pattern[prompt.datatype])
                self.box.setValidator(QRegularExpressionValidator(regex, self.box))
                self.box.setMaximumWidth(320)
            if prompt.datatype == "geopoint":
                self.box.setPlaceholderText(self.tr("latitude longitude [altitude accuracy]"))
            elif prompt.datatype in ("int", "decimal"):
                self.box.setPlaceholderText(self.tr("number"))
        self._watch_enter(self.box)
        layout.addWidget(self.box)
        self._show(prompt.value)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_SAVE_MS)
        self._idle.timeout.connect(self._save_while_typing)
        self.box.textChanged.connect(lambda *_: self._idle.start())

    def _save_while_typing(self) -> None:
        # Free text only: a number or a point half typed ("-", "13.6") would be refused mid-way.
        if self.datatype == "string" and self.box.hasFocus():  # left fields were saved already
            self.commit()

    def _text(self) -> str:
        if isinstance(self.box, QPlainTextEdit):
            return self.box.toPlainText()
        return self.box.text()

    def _show(self, value: str) -> None:
        if self._text() == value or self.typed() == value:
            return  # the box already says it (a space typed before the next word stays)
        if isinstance(self.box, QPlainTextEdit):
            self.box.setPlainText(value)
        else:
            self.box.setText(value)

    def typed(self) -> str:
        text = self._text()
        if self.datatype == "decimal":
            text = text.replace(",", ".")  # Spanish keyboards type a decimal comma
        if self.datatype in ("int", "decimal", "geopoint"):
            text = " ".join(text.split())
        return text if self.multiline else text.strip()


class _FocusOut(QObject):
    """Calls back when a widget loses focus (QPlainTextEdit has no editingFinished)."""

    def __init__(self, callback, parent: QObject) -> None:
        super().__init__(parent)
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Not while the box is hidden or being destroyed: a page being left was saved already,
        # and calling back into a half-destroyed page could touch freed widgets.
        if (
            event.type() == QEvent.Type.FocusOut
            and isinstance(watched, QWidget)
            and watched.isVisible()
        ):
            self._callback()
        return False


class DateTimeEditor(QuestionEditor):
    """date / time / dateTime: typed in ISO order with a calendar button; empty is allowed."""

    def __init__(self, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.date_box: QLineEdit | None = None
        self.time_box: QLineEdit | None = None
        if prompt.datatype in ("date", "dateTime"):
            self.date_box = QLineEdit()
            self.date_box.setPlaceholderText(self.tr("YYYY-MM-DD"))
            self.date_box.setValidator(
                QRegularExpressionValidator(QRegularExpression(r"\d{0,4}-?\d{0,2}-?\d{0,2}"))
            )
            self.date_box.setMaximumWidth(140)
            self.date_box.editingFinished.connect(self.commit)
            self._watch_enter(self.date_box)
            layout.addWidget(self.date_box)
            pick = QToolButton()
            pick.setText(self.tr("Calendar…"))
            pick.setToolTip(self.tr("Choose the date on a calendar"))
            pick.clicked.connect(self._open_calendar)
            layout.addWidget(pick)
            today = QToolButton()
            today.setText(self.tr("Today"))
            today.clicked.connect(lambda: self._pick(QDate.currentDate()))
            layout.addWidget(today)
        if prompt.datatype in ("time", "dateTime"):
            self.time_box = QLineEdit()
            self.time_box.setPlaceholderText(self.tr("HH:MM"))
            self.time_box.setValidator(
                QRegularExpressionValidator(QRegularExpression(r"\d{0,2}:?\d{0,2}"))
            )
            self.time_box.setMaximumWidth(90)
            self.time_box.editingFinished.connect(self.commit)
            self._watch_enter(self.time_box)
            layout.addWidget(self.time_box)
            now = QToolButton()
            now.setText(self.tr("Now"))
            now.clicked.connect(self._now)
            layout.addWidget(now)
        layout.addStretch(1)
        self.calendar: QCalendarWidget | None = None
        self._show(prompt.value)

    def _open_calendar(self) -> None:
        self.calendar = QCalendarWidget(self)
        self.calendar.setWindowFlags(Qt.WindowType.Popup)
        parsed = _parse_date(self.date_box.text()) if self.date_box else None
        self.calendar.setSelectedDate(parsed or QDate.currentDate())
        self.calendar.activated.connect(self._pick)
        self.calendar.clicked.connect(self._pick)
        anchor = self.date_box or self
        self.calendar.move(anchor.mapToGlobal(anchor.rect().bottomLeft()))
        self.calendar.show()
        self.calendar.setFocus()

    def _pick(self, date: QDate) -> None:
        if self.calendar is not None:
            self.calendar.close()
        if self.date_box is not None:
            self.date_box.setText(date.toString("yyyy-MM-dd"))
            self.date_box.setFocus()
        self.commit()
        if self.time_box is not None and not self.time_box.text():
            self.time_box.setFocus()  # a date-time is not complete without its time

    def _now(self) -> None:
        if self.time_box is not None:
            self.time_box.setText(datetime.now().strftime("%H:%M"))
        if self.date_box is not None and not self.date_box.text():
            self.date_box.setText(QDate.currentDate().toString("yyyy-MM-dd"))
        self.commit()
        if self.time_box is not None:
            self.time_box.setFocus()

    def _show(self, value: str) -> None:
        date_part, time_part = "", ""
        if value:
            if self.datatype == "date":
                date_part = value[:10]
            elif self.datatype == "time":
                time_part = value[:5]
            elif "T" not in value:
                date_part = value[:10]  # the day is known, the time not yet
            else:
                try:  # shown in local time; stored with its offset
                    moment = datetime.fromisoformat(value).astimezone()
                    date_part, time_part = moment.strftime("%Y-%m-%d"), moment.strftime("%H:%M")
                except ValueError:
                    date_part = value[:10]
                    time_part = value[11:16]
        if self.date_box is not None:
            self.date_box.setText(date_part)
        if self.time_box is not None:
            self.time_box.setText(time_part)

    def typed(self) -> str:
        """The engine value; half-typed values are sent as typed so the engine explains."""
        date_text = self.date_box.text().strip() if self.date_box else ""
        time_text = self.time_box.text().strip() if self.time_box else ""
        if re.fullmatch(r"\d{1,2}", time_text):
            time_text += ":00"
        if re.fullmatch(r"\d{4}", time_text):
            time_text = f"{time_text[:2]}:{time_text[2:]}"
        if re.fullmatch(r"\d{8}", date_text):
            date_text = f"{date_text[:4]}-{date_text[4:6]}-{date_text[6:]}"
        if self.datatype == "date":
            return date_text
        elif self.datatype == "time":
            return _time_value(time_text) if time_text else ""
        elif not time_text:
            # The day alone is kept as given (never an invented midnight); the time completes it.
            return date_text
        elif not date_text:
            return time_text  # the engine explains that a day is needed too
        else:
            return _datetime_value(date_text, time_text)


def _parse_date(text: str) -> QDate | None:
    date = QDate.fromString(text, "yyyy-MM-dd")
    return date if date.isValid() else None


def _local_offset() -> str:
    offset = datetime.now().astimezone().strftime("%z")
    return f"{offset[:3]}:{offset[3:]}"


def _time_value(hhmm: str) -> str:
    if not re.fullmatch(r"\d{2}:\d{2}", hhmm):
        return hhmm
    return f"{hhmm}:00.000{_local_offset()}"


def _datetime_value(date_text: str, hhmm: str) -> str:
    try:
        moment = datetime.fromisoformat(f"{date_text}T{hhmm}").astimezone()
    except ValueError:
        return f"{date_text}T{hhmm}"  # the engine names what is wrong
    return moment.isoformat(timespec="milliseconds")
