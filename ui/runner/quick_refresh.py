"""After one answer, update what it changed instead of rebuilding the whole form.

A 1,000-question form has ~1,100 prompts: rebuilding them all, the pages and the side index after
every answer cost ~25 ms. The engine reports what an answer changed (app/engine/changes.py); when
the layout is the same (no relevance flip, no repeat instance added or removed) the runner
refreshes only the prompts of the changed refs and of the current page (whose labels may show
other answers), putting each new prompt where the old one was in the prompt list and its page
(new objects: the page view tells a changed prompt from the one it shows by comparing them).
"""

from __future__ import annotations

from app.engine.prompts import Prompt
from ui.runner.runner_parts import RunnerParts


class QuickRefresh(RunnerParts):
    """Mixed into FormRunner (which provides active, prompts, pages, refresh and the views)."""

    _by_ref: dict[str, tuple[Prompt, list[tuple[list[Prompt], int]]]]

    def index_prompts(self) -> None:
        """After a full rebuild: each shown ref's prompt and the lists that hold it."""
        places: dict[str, list[tuple[list[Prompt], int]]] = {}
        for holder in [self.prompts, *(page.prompts for page in self.pages)]:
            for position, prompt in enumerate(holder):
                places.setdefault(prompt.ref, []).append((holder, position))
        self._by_ref = {p.ref: (p, places.get(p.ref, [])) for p in self.prompts}

    def refresh_after_answer(self, ref: str) -> None:
        """The cheapest refresh that is still true to the session."""
        change = getattr(self.active, "last_change", None)
        if (
            change is None
            or change.layout_changed
            or self.readonly
            or self.unsaved
            or self.problems.isVisibleTo(self)  # the list of problems is re-validated in full
            or not getattr(self, "_by_ref", None)
        ):
            self.refresh()
            return
        page = self.current_page()
        if page is None:
            self.refresh()
            return
        wanted = set(change.refs) | {ref} | {p.ref for p in page.prompts}
        updated: list[Prompt] = []
        for changed in wanted:
            found = self._by_ref.get(changed)
            if found is None or found[0].kind in ("group", "repeat", "repeat_instance"):
                continue  # not shown (a calculation), or a header that only a layout change alters
            old, places = found
            new = self.active.prompt_at(changed, old.depth)
            if new is None:  # no longer a shown question: the layout did change after all
                self.refresh()
                return
            if new == old:
                continue
            for holder, position in places:
                holder[position] = new
            self._by_ref[changed] = (new, places)
            updated.append(new)
        self.show_current_page(page)
        self.index.update_prompts(updated, set(self.flagged))
        # Every looked-at prompt, changed or not: whether the engine refused it may have changed.
        self._show_progress([self._by_ref[r][0] for r in wanted if r in self._by_ref])
        if self.fg_mode:
            self.focus_panel.update_from(self.prompts)
