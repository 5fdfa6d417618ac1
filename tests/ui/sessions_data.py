"""Fill a real Store with many sessions quickly (one transaction) for the sessions-list tests."""

from __future__ import annotations

import uuid
from pathlib import Path

from app.store.records import SessionFilter, SubmissionSummary
from app.store.store import Store

COMMUNITIES = ("El Tránsito", "Jiquilisco", "Zacatecoluca", "Chinameca")
FORMS = (("fg_women", "Grupo focal con mujeres"), ("fg_returnees", "Grupo focal con retornados"))


def fill_store(path: Path, sessions: int) -> Store:
    """A data file with two forms and `sessions` drafts, every 5th one finalized."""
    store = Store.open(path)
    for form_id, title in FORMS:
        store.forms.add(form_id, "1", title, "<h:html/>", languages=["Español (es)"], builtin=True)
    # One transaction for all rows: the store's write() blocks nest, so this stays fast.
    with store._db.write():  # noqa: SLF001 - test data only
        for n in range(sessions):
            instance_id = f"uuid:{uuid.uuid4()}"
            form_id = FORMS[n % len(FORMS)][0]
            store.submissions.create(
                instance_id,
                form_id,
                "1",
                f"<data id='{form_id}'/>",
                facilitator="Ana Beatriz" if n % 2 else "José Ángel",
                community=COMMUNITIES[n % len(COMMUNITIES)],
            )
            if n % 5 == 0:
                store.submissions.finalize(instance_id, f"<data id='{form_id}'/>")
    return store


class StoreSessions:
    """The sessions list's data source, straight over the real store (what the Workspace offers)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.pages: list[tuple[int, int]] = []

    def count(self, where: SessionFilter) -> int:
        return self.store.submissions.count(where)

    def page(self, where: SessionFilter, offset: int, limit: int) -> list[SubmissionSummary]:
        self.pages.append((offset, limit))
        return self.store.submissions.list(where, offset, limit)
