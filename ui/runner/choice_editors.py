"""Editors that choose among values: select one, select multiple, range."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from app.engine.prompts import Choice, Prompt
from ui.plain_text import PlainLabel
from ui.runner.editor_base import QuestionEditor

# A link, not a button: a quiet way out of a choice made by mistake; the border shows focus.
CLEAR_LINK_STYLE = (
    "QPushButton { color: #1f4e8c; text-decoration: underline; border: 1px solid transparent;"
    " padding: 2px 4px; }"
    " QPushButton:focus { border: 1px dotted #1f4e8c; }"
)


# Where the keyboard is must be plain to see on a laptop in a bright room: a tinted band and a
# solid outline around the choice that has the focus (the style's dotted line is too faint).
CHOICE_FOCUS_STYLE = (
    "QRadioButton, QCheckBox { padding: 3px 6px; border: 2px solid transparent;"
    " border-radius: 4px; }"
    " QRadioButton:focus, QCheckBox:focus { border: 2px solid #1f4e8c; background: #e6eef9; }"
)
# Above a dozen choices (the communities of a municipality) a page-long radio list is hard to
# scan: type-to-search instead, as ODK's autocomplete appearance does; check boxes go in columns.
LONG_LIST = 12
ARROWS_BACK = (Qt.Key.Key_Up, Qt.Key.Key_Left)
ARROWS_ON = (Qt.Key.Key_Down, Qt.Key.Key_Right)


def same_choices(new: list[Choice], old: list[Choice]) -> bool:
    return [(c.value, c.label) for c in new] == [(c.value, c.label) for c in old]


def no_options_label(editor: QWidget) -> QLabel:
    """Said instead of an empty list (a cascading select whose parent is not answered yet)."""
    label = PlainLabel(
        QCoreApplication.translate(
            "ChoiceEditors", "No options yet: answer the questions above first."
        )
    )
    label.setStyleSheet("color: #555; font-style: italic;")
    label.setWordWrap(True)
    return label


class SelectOneEditor(QuestionEditor):
    """select_one: radio buttons; a drop-down for 'minimal'; type-to-search for 'autocomplete';
    a horizontal row for 'likert' (and 'horizontal'/'columns' lay the buttons out in a grid)."""

    def __init__(self, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        self.appearance = prompt.appearance
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.choices: list[Choice] = []
        self.buttons: QButtonGroup | None = None
        self.combo: QComboBox | None = None
        self.clear_button: QPushButton | None = None
        self._inner: QWidget | None = None
        self._showing = False
        self.setStyleSheet(CHOICE_FOCUS_STYLE)
        self.update_prompt(prompt)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        # Arrow keys move and select, as in any desktop radio group, also when nothing is
        # chosen yet (Qt alone only moves the focus then) and wrapping at the ends.
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in ARROWS_BACK + ARROWS_ON
            and not event.modifiers()
            and self.buttons is not None
            and watched in self.buttons.buttons()
            and not self._readonly
        ):
            buttons = self.buttons.buttons()
            step = -1 if event.key() in ARROWS_BACK else 1
            target = buttons[(buttons.index(watched) + step) % len(buttons)]
            target.setFocus(Qt.FocusReason.TabFocusReason)
            target.setChecked(True)  # toggled: saved like a click
            return True
        return super().eventFilter(watched, event)

    @property
    def style_name(self) -> str:
        if "minimal" in self.appearance:
            return "combo"
        if "autocomplete" in self.appearance or "search" in self.appearance:
            return "search"
        if "likert" in self.appearance:
            return "likert"
        if "horizontal" in self.appearance or "columns" in self.appearance:
            return "columns"
        if len(self.choices) > LONG_LIST:
            return "search"
        return "radio"

    def update_prompt(self, prompt: Prompt) -> None:
        if self._inner is not None and same_choices(prompt.choices, self.choices):
            return
        self.choices = list(prompt.choices)
        self._build()
        self.set_readonly(self._readonly)

    def _build(self) -> None:
        if self._inner is not None:
            self._inner.hide()  # gone from sight now, deleted when the event loop turns
            self._inner.deleteLater()
        self._inner = QWidget(self)
        self.layout_.addWidget(self._inner)
        self.buttons, self.combo = None, None
        if not self.choices:
            QVBoxLayout(self._inner).addWidget(no_options_label(self))
        elif self.style_name in ("combo", "search"):
            self._build_combo(QHBoxLayout(self._inner))
        else:
            self._build_buttons()
        self._show(self._value)

    def _build_combo(self, layout: QHBoxLayout) -> None:
        layout.setContentsMargins(0, 0, 0, 0)
        combo = QComboBox()
        combo.setMinimumWidth(260)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # the search box starts empty (its placeholder says what to do); a drop-down says "choose"
        combo.addItem("" if self.style_name == "search" else self.tr("— choose —"), "")
        for choice in self.choices:
            combo.addItem(choice.label, choice.value)
        if self.style_name == "search":
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            line = combo.lineEdit()
            assert line is not None  # an editable combo box has one
            line.setPlaceholderText(self.tr("Type to search…"))
            completer = QCompleter([c.label for c in self.choices], combo)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            combo.setCompleter(completer)
            completer.activated.connect(lambda _text: self.commit())
            line.editingFinished.connect(self.commit)
            self._watch_enter(line)
        combo.activated.connect(lambda _index: self.commit())
        self._watch_enter(combo)
        layout.addWidget(combo)
        layout.addStretch(1)
        self.combo = combo

    def _build_buttons(self) -> None:
        grid = QGridLayout(self._inner)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(18)
        self.buttons = QButtonGroup(self._inner)
        per_row = {"likert": len(self.choices) or 1, "columns": 3}.get(self.style_name, 1)
        for number, choice in enumerate(self.choices):
            button = QRadioButton(choice.label)
            button.setProperty("choice", choice.value)
            self._watch_enter(button)
            self.buttons.addButton(button, number)
            grid.addWidget(button, number // per_row, number % per_row)
        # toggled, not clicked: arrow keys move the choice without a click and must save too
        self.buttons.buttonToggled.connect(self._toggled)
        self.clear_button = QPushButton(self.tr("Clear answer"))
        self.clear_button.setFlat(True)
        self.clear_button.setStyleSheet(CLEAR_LINK_STYLE)
        self.clear_button.setToolTip(self.tr("Remove the choice made here"))
        self.clear_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches it; Space clears
        self.clear_button.clicked.connect(self._clear)
        # At the right end of the first row: the same place whatever the choices' width, and no
        # extra line under every question (nor a page that jumps when the first choice is made).
        grid.setColumnStretch(per_row, 1)
        grid.addWidget(self.clear_button, 0, per_row, Qt.AlignmentFlag.AlignRight)

    def _clear(self) -> None:
        had_focus = self.clear_button is not None and self.clear_button.hasFocus()
        self._show("")  # hides the link
        self._emit("")
        if had_focus and self.buttons is not None and self.buttons.buttons():
            # the link is gone: keep the keyboard in this question, on its first choice
            self.buttons.buttons()[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def _toggled(self, _button: QRadioButton, checked: bool) -> None:
        if checked and not self._showing:
            self.commit()

    def _show(self, value: str) -> None:
        self._showing = True
        try:
            self._show_choice(value)
        finally:
            self._showing = False

    def _show_choice(self, value: str) -> None:
        if self.combo is not None:
            index = self.combo.findData(value) if value else 0
            self.combo.setCurrentIndex(max(index, 0))
            if index < 0 and value:  # a value no longer among the filtered choices
                self.combo.setEditText(value)
        elif self.buttons is not None:
            self.buttons.setExclusive(False)
            for button in self.buttons.buttons():
                button.setChecked(button.property("choice") == value)
            self.buttons.setExclusive(True)
            if self.clear_button is not None:
                self.clear_button.setVisible(bool(value) and not self._readonly)

    def commit(self) -> None:
        if self.combo is not None:
            if self.combo.isEditable():
                text = self.combo.currentText().strip()
                match = [c.value for c in self.choices if c.label.casefold() == text.casefold()]
                if text and not match:
                    return  # keep typing; nothing valid to save yet
                self._emit(match[0] if match else "")
            else:
                self._emit(self.combo.currentData() or "")
        elif self.buttons is not None:
            checked = self.buttons.checkedButton()
            self._emit(checked.property("choice") if checked else "")
            if self.clear_button is not None:
                self.clear_button.setVisible(checked is not None and not self._readonly)

    def set_readonly(self, readonly: bool) -> None:
        super().set_readonly(readonly)
        if self.clear_button is not None:
            self.clear_button.setVisible(bool(self._value) and not readonly)


class SelectManyEditor(QuestionEditor):
    """select_multiple: a checkbox per choice; the value lists chosen values, space-separated."""

    def __init__(self, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        self.layout_ = QGridLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.choices: list[Choice] = []
        self.boxes: list[QCheckBox] = []
        self.empty: QLabel | None = None
        self._built = False
        self.setStyleSheet(CHOICE_FOCUS_STYLE)
        self.columns = (
            3 if ("columns" in prompt.appearance or "horizontal" in prompt.appearance) else 1
        )
        self.update_prompt(prompt)

    def update_prompt(self, prompt: Prompt) -> None:
        if self._built and same_choices(prompt.choices, self.choices):
            return
        self._built = True
        self.choices = list(prompt.choices)
        if len(self.choices) > LONG_LIST:
            # Columns only as wide as the page allows: check box labels do not wrap, and a page
            # wider than the middle pane would scroll sideways.
            longest = max(len(c.label) for c in self.choices)
            self.columns = max(self.columns, 3 if longest <= 22 else 2 if longest <= 34 else 1)
        for box in self.boxes:
            box.hide()
            box.deleteLater()
        self.boxes = []
        if self.empty is not None:
            self.empty.hide()
            self.empty.deleteLater()
            self.empty = None
        if not self.choices:
            self.empty = no_options_label(self)
            self.layout_.addWidget(self.empty, 0, 0)
        for number, choice in enumerate(self.choices):
            box = QCheckBox(choice.label)
            box.setProperty("choice", choice.value)
            box.toggled.connect(lambda _on: self.commit())
            self._watch_enter(box)
            self.layout_.addWidget(box, number // self.columns, number % self.columns)
            self.boxes.append(box)
        self._show(self._value)
        self.set_readonly(self._readonly)

    def _show(self, value: str) -> None:
        chosen = set(value.split())
        for box in self.boxes:
            box.blockSignals(True)
            box.setChecked(box.property("choice") in chosen)
            box.blockSignals(False)

    def commit(self) -> None:
        self._emit(" ".join(b.property("choice") for b in self.boxes if b.isChecked()))


class RangeEditor(QuestionEditor):
    """range: a slider with the chosen value beside it; '—' until the person picks one."""

    def __init__(self, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        self.start = prompt.range_start if prompt.range_start is not None else 0.0
        self.end = prompt.range_end if prompt.range_end is not None else 10.0
        self.step = prompt.range_step or 1.0
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, max(1, round(abs(self.end - self.start) / self.step)))
        self.slider.setInvertedAppearance(self.end < self.start)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setMinimumWidth(260)
        self.slider.setMaximumWidth(480)
        self.slider.valueChanged.connect(self._moved)
        self.slider.sliderReleased.connect(self.commit)
        self._watch_enter(self.slider)
        self.shown = PlainLabel()
        self.shown.setMinimumWidth(60)
        self.shown.setStyleSheet("font-weight: bold;")
        layout.addWidget(PlainLabel(_number(self.start)))
        layout.addWidget(self.slider)
        layout.addWidget(PlainLabel(_number(self.end)))
        layout.addWidget(self.shown)
        layout.addStretch(1)
        self._show(prompt.value)

    def _value_at(self, position: int) -> str:
        direction = 1 if self.end >= self.start else -1
        return _number(self.start + direction * position * self.step)

    def _moved(self, position: int) -> None:
        self.shown.setText(self._value_at(position))
        if not self.slider.isSliderDown():
            self.commit()

    def _show(self, value: str) -> None:
        self.slider.blockSignals(True)
        try:
            position = round(abs(float(value) - self.start) / self.step) if value else 0
        except ValueError:
            position = 0
        self.slider.setValue(position)
        self.slider.blockSignals(False)
        self.shown.setText(value or "—")

    def commit(self) -> None:
        self._emit(self._value_at(self.slider.value()))


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
