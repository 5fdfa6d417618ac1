"""Split the engine's flat prompt list into pages the runner shows one at a time.

Pure Python (no Qt) so the rules are easy to test and reason about:
- a top-level group or repeat is one page with everything nested in it (a field-list group is
  exactly ODK's "one screen"; other groups are short enough on a laptop and a scroll area);
- consecutive top-level questions outside any group share a page, at most MAX_LOOSE questions
  per page (notes ride along; a note right after a section stays on that section's page).
A page is identified by a stable key (the ref of its group, or of its first question), so pages
survive relevance changes that add or remove questions around them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.engine.prompts import Prompt

MAX_LOOSE = 10
QUESTION_KINDS = {"input", "select1", "select", "rank", "range", "upload", "trigger"}
_INDEX = re.compile(r"\[\d+\]")


@dataclass
class Page:
    key: str
    title: str
    prompts: list[Prompt] = field(default_factory=list)

    def refs(self) -> list[str]:
        return [p.ref for p in self.prompts]

    def questions(self) -> list[Prompt]:
        """Prompts a person answers (not notes, group or repeat headers)."""
        return [p for p in self.prompts if p.kind in QUESTION_KINDS]


def generic(ref: str) -> str:
    """A ref without repeat indexes: /data/participants[2]/sex -> /data/participants/sex."""
    return _INDEX.sub("", ref)


def last_step(ref: str) -> str:
    """The element name at the end of a ref, without its index."""
    return generic(ref).rsplit("/", 1)[-1]


def build_pages(
    prompts: list[Prompt], untitled: str = "Questions", opening: str = "Session details"
) -> list[Page]:
    """Group prompts into pages (see the module docstring). Pages outside any group are titled
    `opening` when they open the form (session details, consent) and `untitled` elsewhere."""
    pages: list[Page] = []
    loose: Page | None = None
    after_section = False
    for prompt in prompts:
        if prompt.depth == 0 and prompt.kind in ("group", "repeat"):
            loose = None
            pages.append(Page(prompt.ref, prompt.label or last_step(prompt.ref), [prompt]))
            after_section = True
            continue
        if prompt.depth == 0 and prompt.kind == "note" and after_section:
            # One note right after a section sums it up ("12 participants registered"): keep it.
            pages[-1].prompts.append(prompt)
            after_section = False
            continue
        if prompt.depth == 0:
            after_section = False
            if loose is None or len(loose.questions()) >= MAX_LOOSE:
                loose = Page(prompt.ref, opening if not pages else untitled)
                pages.append(loose)
            loose.prompts.append(prompt)
        elif pages:
            pages[-1].prompts.append(prompt)
        else:  # a nested prompt before any top-level one should not happen; keep it visible
            loose = Page(prompt.ref, untitled, [prompt])
            pages.append(loose)
    return pages


def page_index_of(pages: list[Page], ref: str) -> int:
    """Index of the page holding ref (or its page key); -1 when no page does.

    A ref that is no longer shown (removed repeat instance, now irrelevant) falls back to the
    page of its nearest shown ancestor, so jumping to a stale position still lands somewhere sane.
    """
    candidate = ref
    while candidate and candidate != "/":
        for index, page in enumerate(pages):
            if page.key == candidate or candidate in page.refs():
                return index
        candidate = candidate.rsplit("/", 1)[0]
    return -1
