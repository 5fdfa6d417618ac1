"""What still blocks finalizing: one line per problem; choosing a line jumps to its question.

Shown after Finalize finds problems, and kept current after every answer until none remain.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.engine.prompts import Problem, Prompt
from ui.plain_text import PlainLabel
from ui.runner.question_block import ERROR_COLOUR, instance_title
from ui.runner.section_index import REF_ROLE


def problem_place(ref: str, prompts: list[Prompt]) -> str:
    """The question's label, with the repeat entry it belongs to: 'Participants #2 › Code'."""
    by_ref = {p.ref: p for p in prompts}
    prompt = by_ref.get(ref)
    label = " ".join((prompt.label if prompt else "").split()) or ref
    parent = ref.rsplit("/", 1)[0]
    while parent:
        owner = by_ref.get(parent)
        if owner is not None and owner.kind == "repeat_instance":
            return f"{instance_title(owner.label, owner.ref)} › {label}"
        parent = parent.rsplit("/", 1)[0]
    return label


class ProblemsPanel(QWidget):
    """Title plus list; emits jump(ref) when a problem is clicked or chosen with Enter."""

    jump = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self.title = PlainLabel()
        self.title.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: bold;")
        self.list = QListWidget()
        self.list.setMaximumHeight(130)
        self.list.itemClicked.connect(self._chosen)
        self.list.itemActivated.connect(self._chosen)
        layout.addWidget(self.title)
        layout.addWidget(self.list)
        self.problems: list[Problem] = []
        self.retranslate()
        self.setVisible(False)

    def retranslate(self) -> None:
        self.list.setToolTip(self.tr("Click a problem (or press Enter) to go to its question"))
        self._title()

    def show_problems(self, problems: list[Problem], prompts: list[Prompt]) -> None:
        """List these problems (hidden when there are none); keeps the chosen line if it remains."""
        chosen = self.list.currentItem().data(REF_ROLE) if self.list.currentItem() else None
        self.problems = list(problems)
        self.list.clear()
        for problem in problems:
            item = QListWidgetItem(f"⚠ {problem_place(problem.ref, prompts)} — {problem.message}")
            item.setData(REF_ROLE, problem.ref)
            self.list.addItem(item)
            if problem.ref == chosen:
                self.list.setCurrentItem(item)
        self._title()
        self.setVisible(bool(problems))

    def _title(self) -> None:
        self.title.setText(
            self.tr("%n problem(s) to fix before finalizing:", "", len(self.problems))
        )

    def _chosen(self, item: QListWidgetItem) -> None:
        self.jump.emit(item.data(REF_ROLE))
