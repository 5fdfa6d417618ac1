"""Focus-group mode: a session timer, a note-taking box and a live count of participants.

The panel only shows and collects. The runner stores each note as a new instance of the form's
`notes` repeat (note_text, note_elapsed, note_topic, note_time), so notes are autosaved answers like
any other and travel in the submission XML, never in a side file.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.engine.prompts import Prompt
from ui.plain_text import PlainLabel
from ui.runner.paging import generic, last_step

PARTICIPANTS = "participants"
NOTES = "notes"
COUNTED = ("sex", "age_band", "group_type")
CONSENT = "consent"
CONSENTED = ("si", "yes")  # the yes of the built-in forms' yes_no list, and of English forms
# A 15-17 year old takes part only with a guardian's signed permission (the built-in rosters).
GUARDIAN = "guardian_consent"
REFUSED = ("no",)
NOTE_IDLE_SAVE_MS = 2000  # the same pause that saves free text being typed (text_editors.py)


def is_focus_group(prompts: list[Prompt]) -> bool:
    """True when the form has both a participants repeat and a notes repeat."""
    repeats = {last_step(p.ref) for p in prompts if p.kind == "repeat"}
    return PARTICIPANTS in repeats and NOTES in repeats


@dataclass
class RosterCounts:
    """Who is in the participants repeat so far: the panel's live count."""

    total: int  # entries with a code or any answer; the blank entry a form starts with is not one
    # Entries that take part: consent given and, for a minor, a guardian's permission not
    # refused. None when the form asks no consent question (then every entry takes part).
    taking_part: int | None
    by: dict[str, Counter[str]]  # question name -> choice label -> entries taking part


def count_roster(prompts: list[Prompt]) -> RosterCounts:
    """Count the participants entered so far from the session's prompts."""
    entries: dict[str, dict[str, Prompt]] = {}
    for prompt in prompts:
        if prompt.kind == "repeat_instance" and last_step(generic(prompt.ref)) == PARTICIPANTS:
            entries.setdefault(prompt.ref, {})
            continue
        instance, _, name = prompt.ref.rpartition("/")
        if last_step(generic(instance)) == PARTICIPANTS and prompt.kind not in ("note", "trigger"):
            entries.setdefault(instance, {})[name] = prompt
    asks_consent = any(CONSENT in fields for fields in entries.values())
    by: dict[str, Counter[str]] = {name: Counter() for name in COUNTED}
    total = taking_part = 0
    for fields in entries.values():
        if not any(p.value.strip() for p in fields.values()):
            continue
        total += 1
        if asks_consent:
            if CONSENT not in fields or fields[CONSENT].value not in CONSENTED:
                continue
            if GUARDIAN in fields and fields[GUARDIAN].value in REFUSED:
                continue  # recorded as not taking part: never counted with those who do
            taking_part += 1
        for name in COUNTED:
            if name in fields and fields[name].value:
                labels = {c.value: c.label for c in fields[name].choices}
                for value in fields[name].value.split():
                    by[name][labels.get(value, value)] += 1
    return RosterCounts(total, taking_part if asks_consent else None, by)


def in_notes(ref: str) -> bool:
    """True for the fields of a note taken in the panel (not questions of the guide)."""
    return f"/{NOTES}/" in generic(ref)


DISCUSSION_SUFFIX = "_discussion"  # the built-in guides' topic pages: <topic>_discussion, quotes


def topics_without_notes(pages: list, prompts: list[Prompt]) -> list[str]:
    """Titles of the discussion topics with nothing written: no discussion text, no quote, no
    theme and no note taken while the topic was on screen. A gentle warning before finalizing,
    never a block: a group may really have had nothing to say."""
    noted = {
        p.value.strip()
        for p in prompts
        if last_step(p.ref) == "note_topic" and in_notes(p.ref) and p.value.strip()
    }
    empty = []
    for page in pages:
        questions = page.questions()
        if not any(last_step(q.ref).endswith(DISCUSSION_SUFFIX) for q in questions):
            continue
        if any(q.value.strip() for q in questions) or page.title.strip() in noted:
            continue
        empty.append(page.title)
    return empty


def clock(seconds: int) -> str:
    hours, rest = divmod(max(0, int(seconds)), 3600)
    return f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"


class SessionTimer(QWidget):
    """Start/pause stopwatch of the discussion; seconds feed each note's note_elapsed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._banked = 0.0
        self._started_at: float | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.display = PlainLabel(clock(0))
        self.display.setStyleSheet("font-size: 18pt; font-family: monospace; font-weight: bold;")
        self.button = QPushButton()
        self.button.clicked.connect(self.toggle)
        layout.addWidget(self.display)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self._tick = QTimer(self)
        self._tick.setInterval(500)
        self._tick.timeout.connect(self._show)
        self.retranslate()

    def retranslate(self) -> None:
        self.display.setAccessibleName(self.tr("Session time"))
        self._show()

    def running(self) -> bool:
        return self._started_at is not None

    def seconds(self) -> int:
        """Seconds the timer has run, pauses excluded."""
        extra = time.monotonic() - self._started_at if self._started_at is not None else 0.0
        return int(self._banked + extra)

    def set_seconds(self, seconds: int) -> None:
        """Continue from where an earlier sitting stopped (the last note's elapsed time)."""
        self._banked = float(seconds)
        if self._started_at is not None:
            self._started_at = time.monotonic()
        self._show()

    def toggle(self) -> None:
        if self._started_at is None:
            self._started_at = time.monotonic()
            self._tick.start()
        else:
            self._banked += time.monotonic() - self._started_at
            self._started_at = None
            self._tick.stop()
        self._show()

    def _show(self) -> None:
        self.display.setText(clock(self.seconds()))
        self.button.setText(self.tr("Pause") if self.running() else self.tr("Start"))
        self.button.setToolTip(self.tr("Start or pause the session timer (Ctrl+T)"))


class FocusGroupPanel(QWidget):
    """Timer, notes box with the latest notes, participant counts."""

    note_entered = Signal(str)
    # The note being typed, after a pause (like free text): kept beside the draft for a crash.
    note_typing = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(260)
        self.setMaximumWidth(360)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)

        self.timer_box = timer_box = QGroupBox()
        QVBoxLayout(timer_box).addWidget(timer := SessionTimer())
        self.timer = timer
        layout.addWidget(timer_box)

        self.notes_box = notes_box = QGroupBox()
        notes_layout = QVBoxLayout(notes_box)
        self.topic = PlainLabel()
        self.topic.setWordWrap(True)
        self.topic.setStyleSheet("color: #444;")
        self.entry = QLineEdit()
        self.entry.returnPressed.connect(self._submit)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(NOTE_IDLE_SAVE_MS)
        self._idle.timeout.connect(lambda: self.note_typing.emit(self.entry.text()))
        self.entry.textEdited.connect(lambda *_: self._idle.start())
        self.notes = QListWidget()
        self.notes.setWordWrap(True)
        notes_layout.addWidget(self.topic)
        notes_layout.addWidget(self.entry)
        notes_layout.addWidget(self.notes, 1)
        layout.addWidget(notes_box, 1)

        self.counts_box = counts_box = QGroupBox()
        self.counts = QFormLayout(counts_box)
        self.counts.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.count_labels: dict[str, QLabel] = {}
        self.count_titles: dict[str, QLabel] = {}
        for name in ("total", "taking_part", "sex", "age_band", "group_type"):
            value = PlainLabel("—")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.count_titles[name] = PlainLabel()
            self.counts.addRow(self.count_titles[name], value)
            self.count_labels[name] = value
        layout.addWidget(counts_box)
        self._topic = ""
        self.retranslate()

    def retranslate(self) -> None:
        """Interface strings; run again when the interface language changes."""
        self.timer_box.setTitle(self.tr("Session timer"))
        self.notes_box.setTitle(self.tr("Notes"))
        self.counts_box.setTitle(self.tr("Participants"))
        self.entry.setPlaceholderText(self.tr("Type a note, press Enter"))
        self.entry.setToolTip(
            self.tr(
                "Enter saves the note with the time and topic. Ctrl+N (or F6) goes to the notes "
                "box and back to the question."
            )
        )
        self.notes.setAccessibleName(self.tr("Notes taken"))
        titles = {
            "total": self.tr("Total"),
            "taking_part": self.tr("Taking part"),
            "sex": self.tr("By sex"),
            "age_band": self.tr("By age"),
            "group_type": self.tr("By group"),
        }
        for name, title in titles.items():
            self.count_titles[name].setText(title)
        self.timer.retranslate()
        self.set_topic(self._topic)

    def set_topic(self, topic: str) -> None:
        self._topic = topic
        text = self.tr("Topic: %1").replace("%1", topic)
        if self.topic.text() != text:
            self.topic.setText(text)

    def _submit(self) -> None:
        text = self.entry.text().strip()
        if text:
            self.note_entered.emit(text)

    def note_saved(self) -> None:
        """The runner stored the note: clear the box for the next one."""
        self._idle.stop()
        self.entry.clear()

    def restore_typing(self, text: str) -> None:
        """Put back a note that was being typed when the app last stopped."""
        if text and not self.entry.text():
            self.entry.setText(text)

    def update_from(self, prompts: list[Prompt]) -> None:
        """Refresh the notes list and participant counts from the session's prompts."""
        self._show_counts(prompts)
        self._show_notes(prompts)

    def _show_counts(self, prompts: list[Prompt]) -> None:
        roster = count_roster(prompts)
        shown = {"total": str(roster.total)}
        shown["taking_part"] = "—" if roster.taking_part is None else str(roster.taking_part)
        for name, counter in roster.by.items():
            shown[name] = " · ".join(f"{label}: {n}" for label, n in counter.most_common()) or "—"
        for name, text in shown.items():
            if self.count_labels[name].text() != text:
                self.count_labels[name].setText(text)

    def _show_notes(self, prompts: list[Prompt]) -> None:
        notes: dict[str, dict[str, str]] = {}
        for prompt in prompts:
            path = generic(prompt.ref)
            if last_step(path.rsplit("/", 1)[0]) == NOTES:
                instance = prompt.ref.rsplit("/", 1)[0]
                notes.setdefault(instance, {})[last_step(path)] = prompt.value
        lines = []
        for fields in notes.values():
            if not fields.get("note_text"):
                continue  # the blank entry a form starts with is not a note yet
            elapsed = fields.get("note_elapsed", "")
            stamp = clock(int(float(elapsed))) if elapsed.replace(".", "", 1).isdigit() else ""
            topic = fields.get("note_topic", "")
            lines.append(f"[{stamp}] {topic}\n{fields.get('note_text', '')}")
        shown = [self.notes.item(i).text() for i in range(self.notes.count())]
        if shown != lines[::-1]:
            self.notes.clear()
            self.notes.addItems(lines[::-1])  # newest first: the note just typed is on top

    def last_elapsed(self, prompts: list[Prompt]) -> int:
        """Largest note_elapsed stored so far (to resume the timer)."""
        best = 0
        for prompt in prompts:
            if last_step(prompt.ref) == "note_elapsed" and prompt.value:
                try:
                    best = max(best, int(float(prompt.value)))
                except ValueError:
                    continue
        return best
