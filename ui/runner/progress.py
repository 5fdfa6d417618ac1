"""The progress line's figures, kept between answers.

After a full rebuild every question is counted again; after a quick refresh (quick_refresh.py)
only the questions the answer touched are looked at, instead of walking the ~1,000 questions of a
long form on every answer. A note taken in the panel is not four answers of the guide; an answer
that breaks its constraint (or that the engine refused) is not answered yet.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from app.engine.prompts import Prompt


class Progress:
    """Which questions count, which are answered and which are required."""

    def __init__(self) -> None:
        self.counted: set[str] = set()
        self.done: set[str] = set()
        self.required: set[str] = set()

    def recount(self, questions: Iterable[Prompt], refused: Mapping[str, str]) -> None:
        """Count from nothing: `questions` are all that count (notes already left out)."""
        self.counted, self.done, self.required = set(), set(), set()
        for prompt in questions:
            self.counted.add(prompt.ref)
            self._note(prompt, refused)

    def update(self, prompts: Iterable[Prompt], refused: Mapping[str, str]) -> None:
        """Look again at these prompts only (the layout is the same: nothing came or went)."""
        for prompt in prompts:
            if prompt.ref in self.counted:
                self._note(prompt, refused)

    def _note(self, prompt: Prompt, refused: Mapping[str, str]) -> None:
        if prompt.value and not prompt.problem and prompt.ref not in refused:
            self.done.add(prompt.ref)
        else:
            self.done.discard(prompt.ref)
        if prompt.required:
            self.required.add(prompt.ref)
        else:
            self.required.discard(prompt.ref)

    @property
    def figures(self) -> tuple[int, int, int, int]:
        """(answered, questions, required answered, required)."""
        required_done = len(self.required & self.done)
        return len(self.done), len(self.counted), required_done, len(self.required)
